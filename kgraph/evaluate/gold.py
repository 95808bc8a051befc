"""Measure extraction against gold annotations (the format of shared/eval/README.md).

Per item, a predicted asserted fact matches a gold fact when the relation is the same
and both ends are the same entity: the same Wikidata QID where both sides have one,
otherwise the same name or one of the gold entity's surface forms (case-insensitive).
Micro precision, recall and F1 are summed over items; asserting a ``must_not`` fact
counts as a trap hit.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from kgraph.engine.run import annotate_documents
from kgraph.errors import InputError
from kgraph.types import PREDICATES, Document, Relation

#: Our predicate names and the gold files' names for them.
GOLD_NAMES = {
    "memberOf": "member_of",
    "deployedTo": "deployed_to",
    "presidentOf": "president_of",
    "headOfGovernmentOf": "head_of_government_of",
    "ministerOf": "minister_of",
    "leaderOf": "leader_of",
    "locatedIn": "located_in",
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    per_relation: dict[str, Counts] = field(default_factory=lambda: {GOLD_NAMES[p]: Counts() for p in PREDICATES})
    items: int = 0
    traps: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # false positives and misses, for --verbose
    #: Counts and traps asserted per phrase family (the ``family`` field of capabilities.jsonl).
    per_family: dict[str, Counts] = field(default_factory=dict)
    family_traps: dict[str, int] = field(default_factory=dict)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.per_relation.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    def format(self, verbose: bool = False, by_family: bool = False) -> str:
        lines = [f"{'relation':<24}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}"]
        rows = list(self.per_relation.items()) + [("overall (micro)", self.overall)]
        lines.extend(_row(name, c, 24) for name, c in rows)
        lines.append(f"items: {self.items}   traps asserted: {len(self.traps)}")
        lines.extend(f"  TRAP {t}" for t in self.traps)
        if by_family and self.per_family:
            width = max(len(name) for name in self.per_family) + 2
            lines.append("")
            lines.append(f"{'family':<{width}}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}{'traps':>7}")
            for name in sorted(self.per_family):
                lines.append(_row(name, self.per_family[name], width) + f"{self.family_traps.get(name, 0):>7}")
        if verbose:
            lines.extend(f"  {e}" for e in self.errors)
        return "\n".join(lines)


def _row(name: str, c: Counts, width: int) -> str:
    # undefined scores (no prediction: P; no gold: R; neither: F1) print as n/a, not 0.000
    p, r, f1 = (f"{value:>8.3f}" if defined else f"{'n/a':>8}" for value, defined in (
        (c.precision, c.tp + c.fp > 0), (c.recall, c.tp + c.fn > 0), (c.f1, c.tp + c.fp + c.fn > 0)))
    return f"{name:<{width}}{c.tp + c.fn:>6}{c.tp + c.fp:>6}{c.tp:>6}{p}{r}{f1}"


def read_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file.

    Raises:
        InputError: naming the file and line of a malformed item.
    """
    items = []
    n = 0
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    _check_gold_item(item)
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(f"{path}:{n}: not a gold item ({exc})") from exc
                items.append(item)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:{n + 1}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return items


def _check_gold_item(item: object) -> None:
    """Raise ValueError naming the first field of ``item`` that the scorer could not use."""
    if not isinstance(item, dict):
        raise ValueError("a JSON object is expected")
    for key in ("id", "text", "gold"):
        if key not in item:
            raise ValueError(f"missing field {key!r}")
    if isinstance(item["id"], bool) or not isinstance(item["id"], (str, int)):
        raise ValueError("field 'id' is not a string or number")
    if not isinstance(item["text"], str):
        raise ValueError("field 'text' is not a string")
    for field_name in ("gold", "must_not"):
        facts = item.get(field_name, [])
        if not isinstance(facts, list):
            raise ValueError(f"field {field_name!r} is not a list")
        for number, fact in enumerate(facts, 1):
            if not isinstance(fact, dict) or not all(isinstance(fact.get(key), str) for key in ("s", "p", "o")):
                raise ValueError(f"{field_name} fact {number} needs string fields 's', 'p' and 'o'")
            if any(fact.get(key) is not None and not isinstance(fact[key], str) for key in ("s_qid", "o_qid")):
                raise ValueError(f"{field_name} fact {number}: 's_qid'/'o_qid' must be strings or null")
    entities = item.get("entities", [])
    if not isinstance(entities, list) or not all(
            isinstance(e, dict) and isinstance(e.get("name"), str)
            and isinstance(e.get("aliases_in_text", []), list)
            and all(isinstance(a, str) for a in e.get("aliases_in_text", [])) for e in entities):
        raise ValueError("field 'entities' must be a list of objects with a string 'name' and string 'aliases_in_text'")


def evaluate(nlp: Language, items: Iterable[dict]) -> EvalReport:
    """Build from each gold item's text and score its asserted facts against the gold."""
    items = list(items)
    documents = [Document(id=str(i["id"]), text=i["text"], date=i.get("date"), url=i.get("source_url")) for i in items]
    report = EvalReport()
    for item, result in zip(items, annotate_documents(nlp, documents)):
        report.items += 1
        _score_item(report, item, [r for r in result.relations if r.status == "asserted"])
    return report


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().strip()
    return text[4:] if text.startswith("the ") else text


def _score_item(report: EvalReport, item: dict, relations: list[Relation]) -> None:
    surfaces: dict[str, set[str]] = {}
    for ent in item.get("entities", []):
        surfaces[_fold(ent["name"])] = {_fold(ent["name"])} | {_fold(a) for a in ent.get("aliases_in_text", [])}

    def same(name: str, qid: str | None, our_label: str, our_qid: str | None) -> bool:
        if qid and our_qid:
            return qid == our_qid
        return _fold(our_label) in surfaces.get(_fold(name), {_fold(name)})

    def matches(fact: dict, rel: Relation) -> bool:
        return (GOLD_NAMES[rel.predicate] == fact["p"]
                and same(fact["s"], fact.get("s_qid"), rel.subject.label, rel.subject.wikidata)
                and same(fact["o"], fact.get("o_qid"), rel.object.label, rel.object.wikidata))

    family = report.per_family.setdefault(item.get("family") or "(none)", Counts())
    family_name = item.get("family") or "(none)"
    predicted: dict[tuple, Relation] = {}
    for rel in relations:
        predicted.setdefault((rel.subject.id, rel.predicate, rel.object.id), rel)
    gold = list(item["gold"])
    matched_gold: set[int] = set()
    for rel in predicted.values():
        counts = report.per_relation[GOLD_NAMES[rel.predicate]]
        hit = next((i for i, fact in enumerate(gold) if i not in matched_gold and matches(fact, rel)), None)
        if hit is None:
            counts.fp += 1
            family.fp += 1
            described = f"{rel.subject.label} {GOLD_NAMES[rel.predicate]} {rel.object.label}"
            report.errors.append(f"{item['id']} FP   {described}  [{rel.evidence.rule}] {rel.evidence.sentence[:100]!r}")
            if any(matches(fact, rel) for fact in item.get("must_not", [])):
                report.traps.append(f"{item['id']}: {described}")
                report.family_traps[family_name] = report.family_traps.get(family_name, 0) + 1
        else:
            matched_gold.add(hit)
            counts.tp += 1
            family.tp += 1
    for i, fact in enumerate(gold):
        if i not in matched_gold:
            report.per_relation[fact["p"]].fn += 1
            family.fn += 1
            report.errors.append(f"{item['id']} MISS {fact['s']} {fact['p']} {fact['o']}")
