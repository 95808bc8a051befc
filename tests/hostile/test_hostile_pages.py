"""Hostile HTML pages: charsets declared only in ``<meta>``, and deep nesting (issue 11, cases 14 and 24)."""

from __future__ import annotations

import pytest

from hostile_corpus import counts, kgraph

BODY = ("Russian troops arrived in Kazakhstan as part of the CSTO mission, officials said on Friday. "
        "Armenia, Belarus and Tajikistan also sent soldiers.")


def page(title: str, charset_tag: str = "", depth: int = 0) -> str:
    return (f"<!DOCTYPE html><html><head>{charset_tag}<title>{title}</title></head><body>" + "<div>" * depth
            + f"<article><h1>{title}</h1><p>{BODY}</p><p>{BODY}</p></article>" + "</div>" * depth + "</body></html>")


@pytest.mark.parametrize("encoding, title", [
    ("windows-1251", "Путин прибыл в Минск на саммит ОДКБ"),
    ("KOI8-R", "Новости дня: войска ОДКБ в Казахстане"),
    ("Shift_JIS", "東京ニュース 集団安全保障条約機構"),
])
@pytest.mark.parametrize("form", ['<meta charset="{}">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset={}">'])
def test_meta_charset_decides_the_decoding(tmp_path, encoding, title, form):
    path = tmp_path / "page.html"
    path.write_bytes(page(title, form.format(encoding)).encode(encoding))
    run = kgraph("build", str(path), "-o", str(tmp_path / "g.jsonl"), "-o", str(tmp_path / "g.ttl"), "-q")
    assert run.returncode == 0, run.stderr.decode()
    assert f'"{title}"' in (tmp_path / "g.ttl").read_text(encoding="utf-8")  # was: mojibake


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_article_is_read(tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text(page("Troops in Kazakhstan", depth=depth), encoding="utf-8")
    run = kgraph("build", str(path), "-o", str(tmp_path / "g.ttl"), "-q")
    assert run.returncode == 0, run.stderr.decode()  # was 1: "no article text found"
    assert counts(run) == (1, 0, 0)
    graph = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert '"Kazakhstan"' in graph and '"Tajikistan"' in graph  # entities of the article's text
