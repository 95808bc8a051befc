"""Drive a headless Chromium: the DOM of a page after its scripts ran, and screenshots.

Used by the tests of the HTML view and by ``scripts/screenshot.py``; no WebDriver is
needed, only the ``chromium`` binary (Debian package ``chromium``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from kgraph.errors import KGraphError

__all__ = ["BrowserError", "dump_dom", "find_chromium", "screenshot"]

#: Binaries tried in order when ``KGRAPH_CHROMIUM`` is not set.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for a quiet, offline, sandbox-free (root in CI containers) headless run.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
)


class BrowserError(KGraphError):
    """Chromium is missing, failed or timed out."""


def find_chromium() -> str:
    """Locate the Chromium binary (``KGRAPH_CHROMIUM`` overrides the search).

    Returns:
        The path of the binary.

    Raises:
        BrowserError: If no Chromium is installed.
    """
    override = os.environ.get("KGRAPH_CHROMIUM")
    if override:
        return override
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserError("no Chromium found: install it (Debian: apt-get install chromium) or set KGRAPH_CHROMIUM")


def dump_dom(page: str | os.PathLike[str], *, fragment: str = "", timeout: float = 60) -> str:
    """The serialised DOM of a local page after its scripts ran.

    Args:
        page: The HTML file.
        fragment: A URL fragment such as ``"edge=0"`` (without ``#``).
        timeout: Seconds before giving up.

    Returns:
        The DOM as HTML text.

    Raises:
        BrowserError: If Chromium is missing, fails or times out.
    """
    return _run(["--dump-dom", _url(page, fragment)], timeout).stdout


def screenshot(page: str | os.PathLike[str], output: str | os.PathLike[str], *, width: int = 1600,
               height: int = 1200, fragment: str = "", timeout: float = 60) -> None:
    """Save a PNG screenshot of a local page.

    Args:
        page: The HTML file.
        output: The PNG file to write.
        width: Window width in pixels.
        height: Window height in pixels.
        fragment: A URL fragment such as ``"node=3"`` (without ``#``).
        timeout: Seconds before giving up.

    Raises:
        BrowserError: If Chromium is missing, fails, times out or writes no image.
    """
    target = Path(output).resolve()
    target.unlink(missing_ok=True)
    _run([f"--screenshot={target}", f"--window-size={width},{height}", _url(page, fragment)], timeout)
    if not target.is_file() or target.stat().st_size == 0:
        raise BrowserError(f"Chromium wrote no screenshot to {target}")


def _url(page: str | os.PathLike[str], fragment: str) -> str:
    url = Path(page).resolve().as_uri()
    return f"{url}#{fragment}" if fragment else url


def _run(arguments: list[str], timeout: float) -> subprocess.CompletedProcess:
    binary = find_chromium()
    with tempfile.TemporaryDirectory(prefix="kgraph-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *arguments]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired as exc:
            raise BrowserError(f"Chromium did not finish within {timeout:g} s") from exc
        except OSError as exc:
            raise BrowserError(f"cannot run {binary}: {exc}") from exc
    if done.returncode != 0:
        raise BrowserError(f"Chromium failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    return done
