"""Tests for kgraph.read: text, HTML, JSONL and stdin input, decoding, furniture, problems."""

from __future__ import annotations

import gzip
import io
import json
import logging
import types
from pathlib import Path

import pytest

from kgraph.read import Problem, clean_text, decode_bytes, mask_furniture, read_documents

HEADLINE = (
    "Kazakhstan in chaos, President Tokayev: “Over 20,000 armed terrorists”. Russian troops entered the country"
)
SEED_SENTENCES = (
    HEADLINE,
    "Russian soldiers in Kazakhstan: confirmation of the sending of the “peacekeepers” to Moscow",
    "Kazakh President Kassym-Jomart Tokayev will address the nation again today",
    "“Whoever does not surrender will be annihilated.”",
)
SEED_FURNITURE = (
    "by admin",
    "0 comment",
    "You may also like",
    "Leave a Comment",
    "Akismet",
    "cookies",
    "Privacy & Cookies Policy",
    "Home World",
)

CSTO = (
    "Russian paratroopers landed in Almaty on Thursday as part of a CSTO peacekeeping contingent "
    "requested by President Kassym-Jomart Tokayev, the Russian Defence Ministry said."
)
BELARUS = "Belarus, Armenia, Tajikistan and Kyrgyzstan also agreed to send soldiers to Kazakhstan."
SWEDEN = "Sweden formally joined NATO on Thursday, becoming the alliance's 32nd member."
IVORY = "French troops handed over their base in Port-Bouët to the army of Côte d’Ivoire on Thursday."

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Armenia freezes CSTO participation | Example News</title>
<meta property="og:title" content="Armenia freezes participation in Russia-led CSTO">
<meta property="og:url" content="https://news.example.com/world/armenia-csto-freeze">
<link rel="canonical" href="https://news.example.com/world/armenia-csto-freeze">
<meta property="article:published_time" content="2024-02-23T09:30:00+00:00">
<style>body { font-family: serif; } .cookie { position: fixed; }</style>
<script>window.dataLayer = []; function track() { console.log("pageview"); }</script>
</head>
<body>
<div class="cookie-banner">This website uses cookies to improve your experience. We'll assume you're ok
with this, but you can opt-out if you wish. <button>Accept</button> <a href="/privacy">Read More</a></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li></ul></nav></header>
<main>
<article>
<h1>Armenia freezes participation in Russia-led CSTO</h1>
<p>By Anna Petrosyan</p>
<p>Share on Facebook | Tweet | WhatsApp</p>
<p>Prime Minister Nikol Pashinyan told a cabinet meeting that Armenia had in effect stopped taking part
in the work of the Collective Security Treaty Organization, and that Moscow had been told so in writing.</p>
<p>In a television interview the Armenian leader said the bloc had failed to come to his country's aid
when its borders came under attack, which he called a breach of the treaty.</p>
<p>Read more</p>
<p>Kremlin spokesman Dmitry Peskov told reporters on Friday that no formal notice had reached Moscow
and that Russian diplomats would ask their Armenian counterparts what the prime minister meant.</p>
<p>0 comment(s)</p>
</article>
<aside class="related"><h3>You may also like</h3><ul><li><a href="/a">Finland becomes NATO's 31st member</a></li>
<li><a href="/b">Iran joins the Shanghai Cooperation Organisation</a></li></ul></aside>
</main>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/newsletter">Subscribe to our newsletter</a></footer>
<script>track();</script>
</body>
</html>
"""

NAV_ONLY_PAGE = """<!DOCTYPE html>
<html><head><title>Example News</title><style>nav { display: flex; }</style>
<script>var headline = "Russia deploys troops to Kazakhstan";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/europe">Europe</a></nav>
<script>render();</script></body></html>
"""


def jsonl(*records: object) -> str:
    """JSON Lines text of ``records``; strings are taken as raw lines."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def summary(problem: Problem) -> tuple[str, int | None, str | None, str]:
    """(file name, line, id without the folder name, kind); the id must start with the file's folder name."""
    return (Path(problem.source).name, problem.line, local_id(problem.doc_id, problem.source), problem.kind)


def file_id(path: Path) -> str:
    """The id of a file named alone: the name of its folder, then its name without suffix."""
    return f"{path.parent.name}/{path.stem}"


def local_id(doc_id: str | None, source: str) -> str | None:
    """``doc_id`` without the ``FOLDER/`` its file gives it (which must be there)."""
    if doc_id is None:
        return None
    folder = Path(source).parent.name + "/"
    assert doc_id.startswith(folder), f"{doc_id!r} does not start with the folder name {folder!r}"
    return doc_id[len(folder):]


# --- site furniture -------------------------------------------------------------------


def test_mask_furniture_seed_article_keeps_length_and_offsets(seed_text):
    masked = mask_furniture(seed_text)

    assert len(masked) == len(seed_text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(seed_text) if c == "\n"]
    for furniture in SEED_FURNITURE:
        assert furniture not in masked
    for sentence in SEED_SENTENCES:
        start = seed_text.index(sentence, seed_text.index("\n"))  # the headline, not the breadcrumb
        assert masked[start : start + len(sentence)] == sentence
    assert masked.count(HEADLINE) == 1


def test_mask_furniture_changes_only_spaces(seed_text):
    masked = mask_furniture(seed_text)

    assert all(m == o or m == " " for m, o in zip(masked, seed_text))


def test_mask_furniture_keeps_article_sentences_that_look_like_furniture():
    text = "\n".join(
        [
            "By Friday, Russia had withdrawn most of its paratroopers from Almaty.",
            "Share prices on the Kazakhstan Stock Exchange fell by 7% after the protests.",
            "Home Office officials said the sanctions against Moscow would stay in place.",
            "Read more about the decision in the communiqué published by NATO in Vilnius.",
            "Comments by Foreign Minister Sergei Lavrov drew a sharp response from Kyiv.",
            "Copyright laws in Belarus were changed by decree of President Alexander Lukashenko.",
            "Tokayev: “We will not tolerate terrorists.”",
            "The #1 priority of the mission in #Haiti is to end gang rule.",
        ]
    )

    assert mask_furniture(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "By Jane Doe | January 7, 2022",
        "By Jane Doe and John Smith, Reuters",
        "Posted by admin",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Telegram",
        "Share this: Facebook | X | Email",
        "Tweet",
        "12 Comments",
        "Leave a Reply",
        "Related posts",
        "Read also: Sweden completes NATO accession",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the latest news",
        "Your email address will not be published. Required fields are marked *",
        "Tags: Kazakhstan, CSTO, Russia",
        "Keywords: troops, congo, kenya",
        "Topics: Sahel, Wagner, Mali",
        "#Kenya #DRC #M23 #troops",
        "#Haiti, #Kenya",
        "Home » World » Europe",
        "Advertisement",
        "© 2024 Example News. All rights reserved.",
    ],
)
def test_mask_furniture_blanks_whole_furniture_lines(line):
    text = f"{line}\n{SWEDEN}"

    assert mask_furniture(text) == " " * len(line) + "\n" + SWEDEN


def test_mask_furniture_blanks_breadcrumb_before_its_headline():
    breadcrumb = "Home › World › Sweden joins NATO as 32nd member"
    text = f"{breadcrumb}\n\nSweden joins NATO as 32nd member\n\n{SWEDEN}"

    masked = mask_furniture(text)

    assert masked == " " * len(breadcrumb) + text[len(breadcrumb) :]


def test_mask_furniture_keeps_paragraph_that_merely_ends_like_the_next_line():
    first = f"Officials in Stockholm repeated the news many times over the past week: {SWEDEN}"
    text = f"{first}\n{SWEDEN}"

    assert mask_furniture(text) == text


# --- plain text -----------------------------------------------------------------------


def test_read_seed_text_file(read, problems, seed_file, seed_text):
    [doc] = read(seed_file)

    assert doc.id == file_id(seed_file)
    assert doc.title == HEADLINE
    assert doc.source == str(seed_file)
    assert (doc.date, doc.url) == (None, None)
    assert doc.text == mask_furniture(seed_text)
    assert problems == []


def test_text_title_is_none_when_first_line_is_a_sentence(read, tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(f"{SWEDEN}\n\n{BELARUS}\n", encoding="utf-8")

    [doc] = read(path)

    assert doc.title is None


def test_text_newlines_and_control_characters(read, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"NATO welcomes Sweden\r\n\r\n{SWEDEN}\x0b The decision\x07 was final.\r".encode())

    [doc] = read(path)

    assert doc.text == f"NATO welcomes Sweden\n\n{SWEDEN}  The decision  was final.\n"
    assert doc.title == "NATO welcomes Sweden"


def test_unknown_suffix_named_explicitly_is_read_as_text(read, problems, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(f"{CSTO}\n", encoding="utf-8")

    [doc] = read(path)

    assert (doc.id, doc.text) == (f"{tmp_path.name}/notes", f"{CSTO}\n")
    assert problems == []


def test_empty_and_whitespace_files_are_reported(read, problems, tmp_path, seed_file):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")

    docs = read(tmp_path / "empty.txt", tmp_path / "blank.txt", seed_file)

    assert [doc.id for doc in docs] == [file_id(seed_file)]
    assert [summary(p) for p in problems] == [
        ("empty.txt", None, "empty", "skipped"),
        ("blank.txt", None, "blank", "skipped"),
    ]
    assert all("no text (empty or whitespace only)" in p.message for p in problems)


def test_file_of_only_furniture_is_reported(read, problems, tmp_path):
    path = tmp_path / "footer.txt"
    path.write_text("Leave a Comment\n\nYou may also like\n\nPrivacy & Cookies Policy\n", encoding="utf-8")

    assert read(path) == []
    assert [(summary(p), p.message) for p in problems] == [
        (("footer.txt", None, "footer", "skipped"), "only site furniture, no article text"),
    ]


def test_sparse_2_gib_file_is_left_after_one_block(read, problems, tmp_path, seed_file):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(2 * 1024**3 + 1)  # sparse: takes no disk space, reads as NUL bytes

    docs = read(huge, seed_file)

    assert [doc.id for doc in docs] == [file_id(seed_file)]
    [problem] = problems
    assert summary(problem) == ("huge.txt", None, "huge", "skipped")
    assert problem.message == "binary content (NUL bytes)"  # seen in the first block, the rest never read


# --- decoding -------------------------------------------------------------------------


def test_cp1252_file_is_decoded(read, problems, tmp_path):
    path = tmp_path / "abidjan.txt"
    path.write_bytes(IVORY.encode("cp1252"))

    [doc] = read(path)

    assert doc.text == IVORY
    assert problems == []


def test_latin1_bytes_undefined_in_cp1252_are_decoded():
    data = "Réunion de l'OTAN à Vilnius".encode("latin-1") + b"\x81"

    assert decode_bytes(data) == "Réunion de l'OTAN à Vilnius\x81"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"", "utf-16"), (b"\xfe\xff", "utf-16-be"), (b"", "utf-32"), (b"", "utf-8-sig")],
)
def test_byte_order_marks_are_honoured_and_stripped(read, problems, tmp_path, bom, codec):
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + f"{IVORY}\n{SWEDEN}\n".encode(codec))

    [doc] = read(path)

    assert doc.text == f"{IVORY}\n{SWEDEN}\n"
    assert problems == []


def test_text_is_normalised_to_nfc():
    assert clean_text("Co\u0302te d’Ivoire") == "Côte d’Ivoire"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (gzip.compress(CSTO.encode()), "gzip archive"),
        (CSTO.encode()[:40] + b"\x00\x00\x00\x01\x00" + CSTO.encode()[40:], "NUL bytes"),
        (bytes(range(1, 9)) * 20 + CSTO.encode(), "control characters"),
    ],
)
def test_binary_content_is_reported_not_decoded(read, problems, tmp_path, seed_file, data, reason):
    path = tmp_path / "image.txt"
    path.write_bytes(data)

    docs = read(path, seed_file)

    assert [doc.id for doc in docs] == [file_id(seed_file)]
    assert [(summary(p), p.message) for p in problems] == [
        (("image.txt", None, "image", "skipped"), f"binary content ({reason})"),
    ]


# --- HTML -----------------------------------------------------------------------------


def test_html_article_is_extracted_without_furniture(read, problems, tmp_path):
    path = tmp_path / "armenia-csto.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")

    [doc] = read(path)

    assert doc.id == f"{tmp_path.name}/armenia-csto"
    assert doc.title == "Armenia freezes participation in Russia-led CSTO"
    assert doc.date == "2024-02-23"
    assert doc.url == "https://news.example.com/world/armenia-csto-freeze"
    assert doc.source == str(path)
    for sentence in (
        "Prime Minister Nikol Pashinyan told a cabinet meeting that Armenia had in effect stopped",
        "the Armenian leader said the bloc had failed to come to his country's aid",
        "Kremlin spokesman Dmitry Peskov told reporters on Friday",
    ):
        assert sentence in doc.text
    for furniture in (
        *("cookies", "Accept", "Read More", "Read more", "Home", "Politics", "By Anna Petrosyan"),
        *("Share on Facebook", "Tweet", "WhatsApp", "comment", "You may also like", "Finland", "Iran"),
        *("All rights reserved", "Subscribe", "console.log", "font-family", "track()"),
    ):
        assert furniture not in doc.text
    assert problems == []


def test_html_in_legacy_encoding(read, tmp_path):
    path = tmp_path / "abidjan.htm"
    page = ARTICLE_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        "<p>Read more</p>", f"<p>{IVORY}</p>"
    )
    path.write_bytes(page.replace("“", '"').replace("”", '"').encode("cp1252"))

    [doc] = read(path)

    assert IVORY in doc.text


def test_html_without_article_text_is_reported(read, problems, tmp_path, seed_file):
    path = tmp_path / "menu.html"
    path.write_text(NAV_ONLY_PAGE, encoding="utf-8")

    docs = read(path, seed_file)

    assert [doc.id for doc in docs] == [file_id(seed_file)]
    assert [(summary(p), p.message) for p in problems] == [
        (("menu.html", None, "menu", "skipped"), "no article text found"),
    ]


# --- JSONL ----------------------------------------------------------------------------


def test_gold_dev_set_is_read(read, problems, dev_file):
    records = [json.loads(line) for line in dev_file.read_text(encoding="utf-8").splitlines()]

    docs = read(dev_file)

    assert [doc.id for doc in docs] == [r["id"] for r in records]
    assert [doc.text for doc in docs] == [r["text"] for r in records]
    assert [doc.date for doc in docs] == [r["date"] for r in records]
    assert [doc.url for doc in docs] == [r["source_url"] for r in records]
    assert docs[0].source == f"{dev_file}:1"
    assert problems == []


def test_jsonl_fields_and_default_ids(read, problems, tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        jsonl(
            {
                "id": 7,
                "text": SWEDEN,
                "title": "  Sweden  joins NATO ",
                "date": "2024-03-07T16:00:00+01:00",
                "url": "https://wire.example.org/sweden-nato",
                "lang": "en",
            },
            "",
            {"text": f"by admin\n{CSTO}", "date": "2022-01-06"},
        ),
        encoding="utf-8",
    )

    first, second = read(path)

    assert first.id == "7"
    assert first.title == "Sweden joins NATO"
    assert first.date == "2024-03-07T16:00:00+01:00"
    assert first.url == "https://wire.example.org/sweden-nato"
    assert first.source == f"{path}:1"
    assert second.id == f"{tmp_path.name}/wire:3"
    assert second.text == f"        \n{CSTO}"
    assert second.source == f"{path}:3"
    assert problems == []


def test_jsonl_bad_lines_are_reported_and_skipped(read, problems, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        jsonl(
            {"id": "a1", "text": SWEDEN},
            '{"id": "a2", "text": "Troops arrived" "in Almaty"}',
            [CSTO],
            {"id": "a4", "title": "No text here"},
            {"id": "a5", "text": 42},
            {"id": "a6", "text": " \n "},
            {"id": True, "text": CSTO},
            {"id": "a8", "text": BELARUS, "date": "2022-13-45"},
            {"id": "a9", "text": IVORY, "title": ["Côte d’Ivoire"]},
        )
        + '{"id": "a10", "text": "Russian troops entered',
        encoding="utf-8",
    )

    docs = read(path)

    assert [doc.id for doc in docs] == ["a1", "a8", "a9"]
    assert [(doc.date, doc.title) for doc in docs[1:]] == [(None, None), (None, None)]
    assert [(p.source, p.line, p.doc_id, p.kind) for p in problems] == [
        (str(path), 2, None, "skipped"),
        (str(path), 3, None, "skipped"),
        (str(path), 4, "a4", "skipped"),
        (str(path), 5, "a5", "skipped"),
        (str(path), 6, "a6", "skipped"),
        (str(path), 7, None, "skipped"),
        (str(path), 8, "a8", "warning"),
        (str(path), 9, "a9", "warning"),
        (str(path), 10, None, "skipped"),
    ]
    assert [p.message for p in problems] == [
        "line is not valid JSON (Expecting ',' delimiter: line 1 column 39)",
        "line is not a JSON object (got array)",
        "missing field 'text'",
        "field 'text' is not a string (got number)",
        "field 'text' is empty",
        "field 'id' is not a non-empty string or number (got boolean)",
        "field 'date' ignored: '2022-13-45' is not an ISO 8601 date (month must be in 1..12)",
        "field 'title' ignored: not a string (got array)",
        "line is not valid JSON (Unterminated string starting at: line 1 column 23)",
    ]
    assert str(problems[0]) == (
        f"{path}:2: line is not valid JSON (Expecting ',' delimiter: line 1 column 39) — skipped"
    )


def test_jsonl_duplicate_ids_keep_the_first(read, problems, tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text(jsonl({"id": "e1", "text": SWEDEN}, {"id": "e1", "text": CSTO}, {"id": "e2", "text": BELARUS}))

    docs = read(path)

    assert [(doc.id, doc.text) for doc in docs] == [("e1", SWEDEN), ("e2", BELARUS)]
    assert [(p.line, p.doc_id, p.kind) for p in problems] == [(2, "e1", "skipped")]
    assert problems[0].message == f"duplicate document id 'e1' (first read from {path}:1)"


def test_same_file_name_in_two_folders_gives_two_ids(read, problems, tmp_path, seed_file):
    other = tmp_path / "other"
    other.mkdir()
    (other / seed_file.name).write_text(f"{CSTO}\n", encoding="utf-8")

    docs = read(seed_file, other / seed_file.name)

    assert [doc.id for doc in docs] == [file_id(seed_file), f"other/{seed_file.stem}"]
    assert problems == []


def test_duplicate_ids_across_files(read, problems, tmp_path):
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "d1", "text": CSTO}), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "d1", "text": SWEDEN}), encoding="utf-8")

    docs = read(tmp_path / "a.jsonl", tmp_path / "b.jsonl")

    assert [doc.source for doc in docs] == [f"{tmp_path / 'a.jsonl'}:1"]
    assert [(p.source, p.doc_id) for p in problems] == [(str(tmp_path / "b.jsonl"), "d1")]
    assert "duplicate document id" in problems[0].message


def test_jsonl_legacy_and_utf16_encodings(read, problems, tmp_path):
    legacy = tmp_path / "legacy.jsonl"
    legacy.write_bytes(
        jsonl({"id": "ci", "text": IVORY}).encode("cp1252") + jsonl({"id": "se", "text": SWEDEN}).encode("utf-8")
    )
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(jsonl({"id": "w1", "text": IVORY}, {"id": "w2", "text": CSTO}).encode("utf-16"))
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(jsonl({"id": "b1", "text": BELARUS}).encode("utf-8-sig"))

    docs = read(legacy, wide, bom)

    assert [doc.id for doc in docs] == ["ci", "se", "w1", "w2", "b1"]
    assert [doc.text for doc in docs] == [IVORY, SWEDEN, IVORY, CSTO, BELARUS]
    assert problems == []


def test_jsonl_text_escapes_are_cleaned(read, tmp_path):
    path = tmp_path / "escapes.jsonl"
    path.write_text('{"id": "x", "text": "Co\\u0302te d\\u2019Ivoire\\r\\nTroops\\u0000 left.\\ud800"}\n')

    [doc] = read(path)

    assert doc.text == "Côte d’Ivoire\nTroops  left.\ufffd"


def test_jsonl_binary_file_is_reported_once(read, problems, tmp_path, dev_file):
    path = tmp_path / "archive.jsonl"
    path.write_bytes(gzip.compress(dev_file.read_bytes()))

    docs = read(path, dev_file)

    assert len(docs) == 17
    assert [(summary(p), p.message) for p in problems] == [
        (("archive.jsonl", None, None, "skipped"), "binary content (gzip archive)"),
    ]


def test_jsonl_line_with_nul_bytes_after_the_head(read, problems, tmp_path):
    path = tmp_path / "late.jsonl"
    long_text = " ".join([SWEDEN] * 200)
    path.write_bytes(
        jsonl({"id": "long", "text": long_text}).encode()
        + b'{"id": "nul", "text": "Troops\x00\x00 left."}\n'
        + jsonl({"id": "after", "text": CSTO}).encode()
    )

    docs = read(path)

    assert [doc.id for doc in docs] == ["long", "after"]
    assert [(p.line, p.message) for p in problems] == [(2, "line has binary content (NUL bytes)")]


def test_empty_jsonl_file_is_reported(read, problems, tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")

    assert read(path) == []
    assert [(summary(p), p.message) for p in problems] == [
        (("none.jsonl", None, None, "skipped"), "no text (empty or whitespace only)"),
    ]


# --- directories, missing paths, stdin ------------------------------------------------


def test_directory_is_walked_in_sorted_order(read, problems, tmp_path, seed_text):
    root = tmp_path / "corpus"
    (root / "world" / "asia").mkdir(parents=True)
    (root / "b.txt").write_text(seed_text, encoding="utf-8")
    (root / "a.HTML").write_text(ARTICLE_PAGE, encoding="utf-8")
    (root / "world" / "asia" / "kz.text").write_text(f"{CSTO}\n", encoding="utf-8")
    (root / "world" / "wire.jsonl").write_text(jsonl({"text": SWEDEN}, {"id": "w2", "text": BELARUS}))
    (root / "world" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "README.md").write_text("Corpus of scraped articles.\n", encoding="utf-8")
    (root / ".draft.txt").write_text(f"{IVORY}\n", encoding="utf-8")

    docs = read(root)

    assert [doc.id for doc in docs] == ["corpus/a", "corpus/b", "corpus/world/asia/kz", "corpus/world/wire:1", "w2"]
    assert docs[2].source == str(root / "world" / "asia" / "kz.text")
    assert problems == []


def test_directory_without_articles_is_reported(read, problems, tmp_path):
    (tmp_path / "notes.md").write_text(f"{SWEDEN}\n", encoding="utf-8")

    assert read(tmp_path) == []
    assert [(p.source, p.kind) for p in problems] == [(str(tmp_path), "skipped")]
    assert problems[0].message == "no .txt, .text, .html, .htm, .jsonl files in directory"


def test_missing_path_is_an_error_and_reading_goes_on(read, problems, tmp_path, seed_file):
    missing = tmp_path / "missing.txt"

    docs = read(missing, seed_file)

    assert [doc.id for doc in docs] == [file_id(seed_file)]
    assert problems == [Problem(str(missing), None, None, "no such file or directory", kind="error")]
    assert str(problems[0]) == f"{missing}: no such file or directory — not read"


def test_reading_is_lazy(tmp_path, seed_file):
    problems: list[Problem] = []
    documents = read_documents([seed_file, tmp_path / "missing.txt"], on_problem=problems.append)

    assert isinstance(documents, types.GeneratorType)
    assert next(documents).id == file_id(seed_file)
    assert problems == []
    assert list(documents) == []
    assert len(problems) == 1


def test_problems_are_logged_without_callback(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="kgraph.read"):
        assert list(read_documents([tmp_path / "missing.jsonl"])) == []

    missing = tmp_path / "missing.jsonl"
    assert [r.getMessage() for r in caplog.records] == [f"{missing}: no such file or directory — not read"]


def test_stdin_plain_text(read, problems, seed_text):
    [doc] = read("-", stdin=io.BytesIO(seed_text.encode("utf-8")))

    assert (doc.id, doc.source, doc.title) == ("stdin", "<stdin>", HEADLINE)
    assert doc.text == mask_furniture(seed_text)
    assert problems == []


def test_stdin_html(read):
    [doc] = read("-", stdin=io.BytesIO(b"\n  " + ARTICLE_PAGE.encode("utf-8")))

    assert doc.id == "stdin"
    assert doc.url == "https://news.example.com/world/armenia-csto-freeze"
    assert "Kremlin spokesman Dmitry Peskov" in doc.text


def test_stdin_jsonl(read, problems):
    data = b"\n\n" + jsonl({"text": SWEDEN}, "not json", {"id": "kz", "text": CSTO}).encode()

    docs = read("-", stdin=io.BytesIO(data))

    assert [(doc.id, doc.source) for doc in docs] == [("stdin:3", "<stdin>:3"), ("kz", "<stdin>:5")]
    assert [(p.source, p.line, p.kind) for p in problems] == [("<stdin>", 4, "skipped")]


def test_stdin_utf16_jsonl(read, problems):
    docs = read("-", stdin=io.BytesIO(jsonl({"id": "ci", "text": IVORY}).encode("utf-16")))

    assert [(doc.id, doc.text) for doc in docs] == [("ci", IVORY)]
    assert problems == []


def test_stdin_empty_is_reported(read, problems):
    assert read("-", stdin=io.BytesIO(b" \n")) == []
    assert [(p.source, p.doc_id, p.message) for p in problems] == [
        ("<stdin>", "stdin", "no text (empty or whitespace only)")
    ]


def test_problem_kind_is_checked():
    with pytest.raises(ValueError, match="kind"):
        Problem("news.jsonl", 3, None, "line is not valid JSON", kind="fatal")


def test_single_path_is_one_input(seed_file):
    assert [doc.id for doc in read_documents(str(seed_file))] == [file_id(seed_file)]


def test_empty_html_file_is_reported(read, problems, tmp_path):
    (tmp_path / "blank.html").write_text("\n \n", encoding="utf-8")

    assert read(tmp_path / "blank.html") == []
    assert [(summary(p), p.message) for p in problems] == [
        (("blank.html", None, "blank", "skipped"), "no text (empty or whitespace only)"),
    ]
