"""Atomic file writes: readers see the old file or the complete new one, never a torn one."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", *, encoding: str = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path`` that replaces ``path`` when the block succeeds.

    The temporary file lives in the same directory (so the final :func:`os.replace` is
    atomic), is flushed and fsynced before it replaces the target, and takes over the
    permission bits of an existing target. If the block raises, the temporary file is
    removed and an existing ``path`` is left untouched.

    Args:
        path: The file to write.
        mode: ``"wb"`` for bytes or ``"w"`` for text.
        encoding: Encoding of text mode (no newline translation).

    Yields:
        The open temporary file.

    Raises:
        ValueError: If ``mode`` is neither ``"w"`` nor ``"wb"``.
        OSError: If the temporary file cannot be created, written or moved into place.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    fd, temp = _create_temp(target)
    try:
        text_options = {"encoding": encoding, "newline": ""} if mode == "w" else {}
        with os.fdopen(fd, mode, **text_options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _copy_permissions(target, temp)
        os.replace(temp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_directory(target.parent)


def _create_temp(target: Path) -> tuple[int, Path]:
    """Create a fresh hidden temporary file next to ``target`` (mode 0666 minus the umask)."""
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, _CREATE_FLAGS, 0o666), temp
        except FileExistsError:
            continue


def _copy_permissions(target: Path, temp: Path) -> None:
    with suppress(FileNotFoundError):
        os.chmod(temp, stat.S_IMODE(target.stat().st_mode))


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not all platforms can open a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
