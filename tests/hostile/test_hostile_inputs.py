"""Hostile inputs through the real ``kgraph build``: one exact outcome per case.

One build reads a good article (``good.txt``) and every case in a folder of its own, and
writes every output format; each case then checks its own messages and documents. A bad
document gives one message naming the file (and line) and what is wrong, the run goes
on, and no good document is lost. Separate runs check the exit statuses 0, 1 and --strict. The reader-level details
of these cases are in tests/read/test_readers.py; here the whole command is checked.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from hostile_corpus import (
    GOOD_TEXT,
    OUTPUT_NAMES,
    build_all_formats,
    check_outputs,
    counts,
    document_ids,
    facts_of,
    leftovers,
    warnings,
)

NATO_FACT = ("Finland", "memberOf", "North Atlantic Treaty Organization")


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


@dataclass
class Case:
    """One hostile input and the exact outcome of building it beside good.txt."""

    files: dict[str, bytes]
    messages: list[str]  # the warning lines, {dir} standing for the corpus directory
    read: int  # documents read, good.txt included
    skipped: int
    status: int
    kept: dict[str, set] = field(default_factory=dict)  # doc id -> facts that must come from it


SENTENCE = "Kazakh President Kassym-Jomart Tokayev asked the CSTO for help."
TOKAYEV = ("Kassym-Jomart Tokayev", "presidentOf", "Kazakhstan")
HOSTILE_ID = 'a "quoted" <id> \\ #frag 🚀 with spaces'

CASES = {
    "empty file": Case({"empty.txt": b""}, ["{dir}/empty.txt: no text (empty or whitespace only) — skipped"], 1, 1, 3),
    "whitespace only": Case({"blank.txt": b" \n\t\r\n \x0c "},
                            ["{dir}/blank.txt: no text (empty or whitespace only) — skipped"], 1, 1, 3),
    "PNG bytes": Case({"photo.txt": png_bytes()}, ["{dir}/photo.txt: binary content (PNG image) — skipped"], 1, 1, 3),
    "NUL bytes": Case({"nul.txt": SENTENCE.encode() + b"\x00\x00\x01\x02" * 8},
                      ["{dir}/nul.txt: binary content (NUL bytes) — skipped"], 1, 1, 3),
    "invalid UTF-8": Case({"broken.txt": SENTENCE.encode() + b" \xff\xc3\x28 \xed\xa0\x80"}, [], 2, 0, 0,
                          {"broken": {TOKAYEV}}),
    "Windows-1252": Case({"cp1252.txt": ("“Kazakh President Kassym-Jomart Tokayev asked the CSTO for help,” "
                                         "the agency’s report said.").encode("cp1252")}, [], 2, 0, 0,
                         {"cp1252": {TOKAYEV}}),
    "Latin-1": Case({"latin1.txt": ("Kazakh President Kassym-Jomart Tokayev asked the CSTO for help. "
                                    "Quelle: Zürcher Zeitung, \xa9 2022 \x81.").encode("latin-1")}, [], 2, 0, 0,
                    {"latin1": {TOKAYEV}}),
    "UTF-16 with BOM": Case({"utf16.txt": SENTENCE.encode("utf-16")}, [], 2, 0, 0, {"utf16": {TOKAYEV}}),
    "JSONL truncated last line": Case(
        {"cut.jsonl": jsonl({"id": "j1", "text": SENTENCE}) + b'{"id": "j2", "text": "Russian troops ent'},
        ["{dir}/cut.jsonl:2: line is not valid JSON (Unterminated string starting at: line 1 column 22) — skipped"],
        2, 1, 3, {"j1": {TOKAYEV}}),
    "JSONL line that is not JSON": Case(
        {"prose.jsonl": jsonl("Russian troops entered Kazakhstan.", {"id": "p2", "text": SENTENCE})},
        ["{dir}/prose.jsonl:1: line is not valid JSON (Expecting value: line 1 column 1) — skipped"],
        2, 1, 3, {"p2": {TOKAYEV}}),
    "JSONL line with no text": Case(
        {"notext.jsonl": jsonl({"id": "n1", "title": "Troops"}, {"id": "n2", "text": SENTENCE})},
        ["{dir}/notext.jsonl:1: missing field 'text' — skipped"], 2, 1, 3, {"n2": {TOKAYEV}}),
    "JSONL text not a string": Case(
        {"number.jsonl": jsonl({"id": "x1", "text": 42}, {"id": "x2", "text": ["a"]}, {"id": "x3", "text": SENTENCE})},
        ["{dir}/number.jsonl:1: field 'text' is not a string (got number) — skipped",
         "{dir}/number.jsonl:2: field 'text' is not a string (got array) — skipped"], 2, 2, 3, {"x3": {TOKAYEV}}),
    "JSONL duplicate ids": Case(
        {"dup.jsonl": jsonl({"id": "d1", "text": SENTENCE}, {"id": "d1", "text": "Sweden joined NATO."})},
        ["{dir}/dup.jsonl:2: duplicate document id 'd1' (first read from {dir}/dup.jsonl:1) — skipped"],
        2, 1, 3, {"d1": {TOKAYEV}}),
    "HTML with scripts and styles, no article": Case(
        {"chrome.html": b"<html><head><style>body{color:red}</style><script>var s='Sweden joined NATO in March "
                        b"2024 after a long wait';</script></head><body><nav>Home World</nav>"
                        b"<script>document.write('Russian troops entered Kazakhstan today again');</script></body></html>"},
        ["{dir}/chrome.html: no article text found — skipped"], 1, 1, 3),
    "HTML with scripts, styles and an article": Case(
        {"page.html": ("<html><head><title>Unrest</title><style>p{margin:0}</style>"
                       "<script>var fake='Sweden is a member of the CSTO, officials said on Monday';</script></head>"
                       f"<body><article><h1>Unrest in Almaty</h1><p>{SENTENCE} The request came after days of "
                       "protests over fuel prices in several cities.</p><script>alert('x')</script></article>"
                       "</body></html>").encode()}, [], 2, 0, 0, {"page": {TOKAYEV}}),
    "right-to-left and mixed scripts": Case(
        {"scripts.jsonl": jsonl({"id": "rtl", "title": "الرئيس توكاييف · נשיא · Президент · 总统",
                                 "text": "طلب الرئيس المساعدة. הנשיא ביקש עזרה. Президент попросил помощи. "
                                         f"总统请求援助。\n{SENTENCE} \u202bالقوات المسلحة\u202c \u200fצה״ל\u200f"})},
        [], 2, 0, 0,
        {"rtl": {TOKAYEV}}),
    "hostile names and ids": Case(
        {"names.jsonl": jsonl({"id": HOSTILE_ID, "title": 'The "Rocket <Force>" \\ #1 🚀\nline two',
                               "url": 'http://example.com/a b"<c>',
                               "text": f'{SENTENCE} The "Rocket <Force>" \\ #1 🚀 unit and the '
                                       "'Iron & Steel' <Brigade> were mentioned."})}, [], 2, 0, 0,
        {HOSTILE_ID: {TOKAYEV}}),
    "text that looks like SPARQL and Turtle": Case(
        {"inject.jsonl": jsonl({"id": 'x" } ; DROP ALL ; #', "text": (
            f'{SENTENCE} CSTO" }} ; DROP ALL ; INSERT DATA {{ <http://e/a> <http://e/b> "c" }} . '
            '@prefix kg: <https://w3id.org/kgraph/ontology#> . <http://e/s> kg:memberOf <http://e/o> .')})},
        [], 2, 0, 0, {'x" } ; DROP ALL ; #': {TOKAYEV}}),
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One build over good.txt, every case in a folder of its own, and a missing path."""
    root = tmp_path_factory.mktemp("hostile")
    corpus, out = root / "corpus", root / "out"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for index, case in enumerate(CASES.values()):
        folder = corpus / f"case{index:02d}"
        folder.mkdir()
        for file_name, data in case.files.items():
            (folder / file_name).write_bytes(data)
    run = build_all_formats(out, corpus, root / "nowhere.txt")
    return root, run, check_outputs(out)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_case_outcome(hostile_run, name):
    root, run, outputs = hostile_run
    index = list(CASES).index(name)
    case = CASES[name]
    folder = root / "corpus" / f"case{index:02d}"
    assert [w for w in warnings(run) if w.startswith(f"{folder}/")] == [m.format(dir=folder) for m in case.messages]
    for doc_id, facts in case.kept.items():
        full_id = doc_id if any(n.endswith(".jsonl") for n in case.files) else f"corpus/case{index:02d}/{doc_id}"
        assert full_id in document_ids(outputs["triples"])
        assert facts <= facts_of(outputs["facts"], full_id)


def test_hostile_corpus_summary_exit_status_and_outputs(hostile_run):
    root, run, outputs = hostile_run
    assert run.returncode == 3, run.stderr.decode()
    read = 1 + sum(case.read - 1 for case in CASES.values())
    skipped = 1 + sum(case.skipped for case in CASES.values())  # + the missing path
    assert counts(run) == (read, skipped, 0)
    assert len(warnings(run)) == skipped  # one message per bad document or line, nothing else
    assert f"{root / 'nowhere.txt'}: no such file or directory — not read" in warnings(run)
    assert leftovers(root / "out", set(OUTPUT_NAMES)) == set()
    assert len(document_ids(outputs["triples"])) == read  # no document is lost
    assert facts_of(outputs["facts"], "corpus/good") == {NATO_FACT}
    assert outputs["gexf"].number_of_nodes() == outputs["graphml"].number_of_nodes() > 0


def test_recoverable_cases_alone_exit_0(tmp_path):
    recoverable = [case for case in CASES.values() if case.status == 0]
    for case in recoverable:
        for file_name, data in case.files.items():
            (tmp_path / file_name).write_bytes(data)
    run = build_all_formats(tmp_path / "out", *sorted(tmp_path.glob("*.*")))
    assert run.returncode == 0, run.stderr.decode()
    assert warnings(run) == []
    assert counts(run) == (len(recoverable), 0, 0)
    assert len(document_ids(check_outputs(tmp_path / "out")["triples"])) == len(recoverable)


def test_legacy_encodings_are_decoded_not_mangled(hostile_run):
    _, _, outputs = hostile_run
    index = list(CASES).index("Windows-1252")
    doc_id = f"corpus/case{index:02d}/cp1252"
    [fact] = [f for f in outputs["facts"] if any(e["doc_id"] == doc_id for e in f["evidence"])]
    [evidence] = [e for e in fact["evidence"] if e["doc_id"] == doc_id]
    assert evidence["sentence"].startswith("“Kazakh President Kassym-Jomart Tokayev asked the CSTO for help,”")


def test_hostile_title_and_id_round_trip_exactly(hostile_run):
    _, _, outputs = hostile_run
    triples = outputs["triples"]
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    assert 'The "Rocket <Force>" \\ #1 🚀 line two' in {t.object.value for t in triples if t.predicate == title}
    assert HOSTILE_ID in document_ids(triples)
    assert not any(t.subject.value.startswith("http://e/") for t in triples)  # the Turtle-looking text stays text


def test_nothing_readable_exits_1_and_touches_no_output(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(png_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.ttl").write_bytes(b"previous\n")
    run = build_all_formats(out, tmp_path / "empty.txt", tmp_path / "photo.txt")
    assert run.returncode == 1
    assert warnings(run) == [f"{tmp_path / 'empty.txt'}: no text (empty or whitespace only) — skipped",
                             f"{tmp_path / 'photo.txt'}: binary content (PNG image) — skipped"]
    assert "Error: no document could be read" in run.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["g.ttl"]
    assert (out / "g.ttl").read_bytes() == b"previous\n"


def test_strict_stops_at_the_first_bad_document(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    (corpus / "a_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (corpus / "b_empty.txt").write_bytes(b"")
    (corpus / "c_photo.txt").write_bytes(png_bytes())
    (out / "g.ttl").write_bytes(b"previous\n")
    run = build_all_formats(out, corpus, extra=("--strict",))
    assert run.returncode == 1
    stderr = run.stderr.decode()
    assert f"Error: --strict: stopping at {corpus / 'b_empty.txt'}: no text (empty or whitespace only) — skipped" in stderr
    assert "c_photo" not in stderr  # nothing after the first bad document is read
    assert sorted(p.name for p in out.iterdir()) == ["g.ttl"]
    assert (out / "g.ttl").read_bytes() == b"previous\n"
