"""Invisible characters inside names (issue 11, case 13): soft hyphens, zero-width and bidi controls.

They are removed for annotation only: the facts are found as in clean text, and every
evidence offset still points into the document text as read, invisible characters included.
"""

from __future__ import annotations

import json

import pytest

from hostile_corpus import kgraph

CLEAN = ("Russian President Vladimir Putin met Kazakh President Kassym-Jomart Tokayev in Moscow on Tuesday. "
         "Finland formally joined NATO on Tuesday, becoming the alliance's 31st member.")
VARIANTS = {
    "soft hyphens": CLEAN.replace("Vladimir", "Vla\u00addi\u00admir").replace("Putin", "Pu\u00adtin")
                         .replace("Finland", "Fin\u00adland"),
    "zero-width": CLEAN.replace("Putin", "Pu\u200btin").replace("Tokayev", "Toka\u200dyev")
                       .replace("NATO", "NA\u200cTO\ufeff"),
    "bidi controls": CLEAN.replace("Vladimir Putin", "\u202aVladimir Putin\u202c")
                          .replace("Finland", "\u2066Finland\u2069\u200e"),
}


def facts(path) -> tuple[set, list[dict]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = {(f["subject"]["label"], f["predicate"], f["object"]["label"], f["status"]) for f in lines}
    return found, [e for f in lines for e in f["evidence"]]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_invisible_characters_lose_no_fact_and_keep_offsets(tmp_path, variant):
    text = VARIANTS[variant]
    (tmp_path / "clean.jsonl").write_text(json.dumps({"id": "c", "text": CLEAN, "date": "2024-01-01"}) + "\n",
                                          encoding="utf-8")
    (tmp_path / "dirty.jsonl").write_text(json.dumps({"id": "d", "text": text, "date": "2024-01-01"}) + "\n",
                                          encoding="utf-8")
    for name in ("clean", "dirty"):
        run = kgraph("build", str(tmp_path / f"{name}.jsonl"), "-o", str(tmp_path / f"{name}.facts.jsonl"), "-q")
        assert run.returncode == 0, run.stderr.decode()
    expected, _ = facts(tmp_path / "clean.facts.jsonl")
    found, evidence = facts(tmp_path / "dirty.facts.jsonl")
    assert ("Vladimir Putin", "presidentOf", "Russia", "asserted") in expected
    assert found == expected  # was: facts lost, "Vladimir" beside "Vladimir Putin"
    for item in evidence:
        assert text[item["start"]:item["end"]] == item["sentence"]  # offsets into the text as read
