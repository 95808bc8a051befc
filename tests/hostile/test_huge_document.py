"""A 50 MB single document is processed in bounded chunks, with correct offsets throughout.

Realistic text runs at about 1 MB a minute through the parser, so the bulk of the
document is blank paragraphs and a relation-free sentence every hundred paragraphs;
the relations sit at the start, in the exact middle and at the very end.
"""

from __future__ import annotations

import json

import pytest

from hostile_corpus import counts, kgraph, warnings
from kgraph.engine.run import annotate_documents
from kgraph.engine.serial import MAX_CHUNK_CHARS
from kgraph.types import Document

SIZE = 50 * 1024 * 1024
HEAD = "Russian troops arrived in Kazakhstan on Thursday.\n\n"
MIDDLE = "Armenia is a member of the CSTO.\n\n"
TAIL = "Kazakh President Kassym-Jomart Tokayev asked the CSTO for help."
QUIET = "The weather was mild and the markets were quiet.\n\n"
BLANK = " " * 1000 + "\n\n"


def huge_text() -> str:
    """HEAD, filler up to the middle, MIDDLE, filler, TAIL: exactly :data:`SIZE` characters."""
    filler = "".join(QUIET if i % 100 == 0 else BLANK for i in range(100))
    half = (SIZE // 2 - len(HEAD)) // len(filler)
    body = HEAD + filler * half + MIDDLE + filler * half
    return body + " " * (SIZE - len(body) - len(TAIL)) + TAIL


@pytest.fixture(scope="module")
def text() -> str:
    return huge_text()


def test_huge_document_through_the_cli(tmp_path, text):
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    run = kgraph("build", str(tmp_path / "huge.txt"), "-o", str(tmp_path / "g.jsonl"), "-q")
    assert run.returncode == 0, run.stderr.decode()
    assert warnings(run) == [] and counts(run) == (1, 0, 0)
    facts = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    found = {(f["subject"]["label"], f["predicate"], f["object"]["label"]): f["evidence"] for f in facts}
    assert set(found) == {
        ("Russia", "deployedTo", "Kazakhstan"),
        ("Armenia", "memberOf", "Collective Security Treaty Organization"),
        ("Kassym-Jomart Tokayev", "presidentOf", "Kazakhstan"),
    }
    starts = sorted(e["start"] for evidence in found.values() for e in evidence)
    assert starts == [0, text.index(MIDDLE), SIZE - len(TAIL)]
    for evidence in found.values():
        for item in evidence:
            assert text[item["start"] : item["end"]] == item["sentence"]


def test_no_spacy_doc_is_longer_than_a_chunk(nlp, text):
    """spaCy itself refuses any text over ``max_length``: with it at one chunk, the build still succeeds."""
    saved = nlp.max_length
    nlp.max_length = MAX_CHUNK_CHARS
    try:
        [result] = annotate_documents(nlp, [Document(id="huge", text=text)])
    finally:
        nlp.max_length = saved
    assert {(r.subject.label, r.predicate, r.object.label) for r in result.relations} == {
        ("Russia", "deployedTo", "Kazakhstan"),
        ("Armenia", "memberOf", "Collective Security Treaty Organization"),
        ("Kassym-Jomart Tokayev", "presidentOf", "Kazakhstan"),
    }
    last = max(result.mentions, key=lambda m: m.start)
    assert (last.start, last.end, last.text) == (SIZE - len(TAIL) + TAIL.index("CSTO"), SIZE - len(" for help."), "CSTO")
