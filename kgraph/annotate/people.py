"""People in a Doc: whole name spans, page furniture that is not a person, one node per person.

The linker finds candidate person spans (a proper name after an office title, or a
PERSON entity of the statistical NER); this module

* widens a span to the whole name: particles and hyphenated parts ("Ursula von der
  Leyen", "Bashar al-Assad", "Lai Ching-te"), proper nouns the NER cut off ("Maria
  Corina Machado Parisca", "Samia Suluhu Hassan"), without leading honorifics ("Crown
  Prince", "Gen.") and without a wire credit glued to the last word ("Xi Jinping.-Xinhua");
* drops what page furniture puts where a name would be: bylines ("By Jane Doe",
  "Reporting by ..."), photo credits ("Jane Doe/AFP", "Photo: Jane Doe"), datelines and
  other all-capital lines, outlet, agency and platform names (``outlets.csv`` of the
  reference data: "Sputnik", "Politico", "posted on X"), and headline blocks ("Popular
  stories", "Read more");
* keeps a one-word name only when a title or honorific stands before it ("President
  Putin", "Mr. Raisi") or it names a person given in full elsewhere in the document;
* links every mention to the fullest name of the same person in the document: a
  surname, a first name, first and last name without the middle names or particles
  ("Xi" / "Xi Jinping", "Aboul Gheit" / "Ahmed Aboul Gheit", "Emmerson Mnangagwa" /
  "Emmerson Dambudzo Mnangagwa"), diacritics folded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kgraph.annotate.titles import _PARTICLES, TITLE_PHRASES, name_after, name_text
from kgraph.reference.entities import person_key
from kgraph.reference.tables import normalize_surface

#: Words of address and rank that stand before a name but are not part of it.
HONORIFICS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady sheikh sheikha prince princess crown king queen emir
    sultan pope cardinal archbishop bishop rev reverend gen general lt lieutenant col colonel maj major
    capt captain adm admiral brig brigadier marshal sgt sergeant cpl gov governor sen senator rep
    judge justice ambassador mayor imam ayatollah grand mullah mufti rabbi field h.e hon honourable honorable rt""".split()
)

#: Honorifics that are only forms of address or rank, never part of the name they stand before.
ADDRESS_FORMS = frozenset(
    """mr mrs ms miss dr prof gen general lt lieutenant col colonel maj major capt captain adm admiral
    sgt sen rep gov rev h.e hon honourable honorable rt""".split()
)

#: One-word office titles (from the office titles table) that also license a one-word name.
TITLE_WORDS = frozenset(phrase[0] for phrase in TITLE_PHRASES if len(phrase) == 1)

#: What starts a byline or a credit line ("By", "Reporting by", "Photo:").
CREDIT_LEAD = re.compile(
    r"(?:by|written by|reporting by|reported by|additional reporting by|writing by|editing by|"
    r"edited by|compiled by|photo(?:graph|s)? by|photo(?:graph)?s?|image|picture|credit|source|video by)\b"
    r"\s*[:|/-]?\s*",
    re.IGNORECASE,
)

#: Words a byline or credit line may hold besides names and its lead ("By Jane Doe and John Roe in Kyiv").
BYLINE_WORDS = frozenset({"and", "&", "by", "in", "for", "the", "with", "|", "/", "-", "–", "—", ",", ";", ":"})

#: What follows a name in a photo credit or byline: "/AFP", "| Reuters", "(Reuters)", ", for Reuters".
CREDIT_TAIL = re.compile(r"^\s*(?:/|\||\(|—|–|-|,\s*for\b|\bfor\b)\s*(?P<outlet>[^)\n|/,;]+)")

#: A byline that ends its line with the outlet: "Jane Doe, BBC News".
CREDIT_LINE_END = re.compile(r"^\s*,\s*(?P<outlet>[^\n,;]+?)\s*$")

#: Headings of link blocks (other stories' headlines) in scraped pages.
HEADLINE_BLOCK = re.compile(
    r"^\s*(?:popular(?: stories| now| articles)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
    r"related(?: stories| articles| news| coverage)?|read (?:more|also|next)|more (?:stories|news|from [\w ]+)|"
    r"recommended(?: stories)?|top stories|latest(?: news| stories)?|you may also like|editor'?s picks|"
    r"see also|also read|in other news|don'?t miss)\s*:?\s*$",
    re.IGNORECASE,
)

#: Capitalised words before a surname that are no first names ("December Erdogan", "Police Koome").
NOT_FIRST_NAMES = frozenset(
    """the in on at of and but january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday pm secretary exchequer
    staff police army cabinet executive defence defense foreign state chief commander deputy vice""".split()
)

#: Words that start a saint's or a holiday's name, never a person in the news ("St Patrick").
SAINTS = frozenset({"st", "st.", "saint", "san", "santa"})


@dataclass(frozen=True)
class PersonSpan:
    """A candidate person: tokens ``start:end`` of a Doc and the name they give."""

    start: int
    end: int
    name: str
    licensed: bool  # a title or an honorific stands before it


def widen(doc: Doc, start: int, end: int, taken: set[int]) -> tuple[int, int]:
    """Widen a PERSON span to the whole name: drop leading honorifics, add cut-off parts.

    Proper nouns right before the span join it (the NER cut "Samia Suluhu" off "Hassan"),
    and so do particles, hyphenated parts and proper nouns right after it, unless another
    entity (``taken``) holds them.
    """
    # Leading honorifics go: forms of address always ("Mr Raisi"), others unless only one
    # word would remain ("Sheikh Hasina", "King Charles").
    while end - start > 1 and _is_honorific(doc, start) and (end - start > 2 or _is_address(doc, start)):
        start += 1
    while start < end and not doc[start].text[:1].isupper():
        start += 1
    while end > start and not doc[end - 1].text[:1].isupper() and not _glued_part(doc, end - 1):
        end -= 1
    if start >= end:
        return start, start
    # The NER cut the first names off a one-word name ("Samia Suluhu" of "Hassan").
    if end - start == 1:
        while start > 0 and _extends_left(doc, start - 1, taken):
            start -= 1
    full = name_end(doc, start, name_after(doc, start, limit=6), taken)
    return start, _before_headline_words(doc, start, max(end, full))


#: Tags of a finite verb: in a title-case headline ("Mark Rutte Takes Over As NATO Chief") the
#: name ends before it.
_FINITE_VERB_TAGS = {"VBZ", "VBD", "VBP"}


def headline_cut(doc: Doc, start: int, end: int) -> int:
    """The end of a name found after a title at ``start``: none where its first word is a verb of a
    headline ("Top Diplomat, Discusses Bilateral Relations"), else cut as a NER name is."""
    if start < end and doc[start].tag_ in _FINITE_VERB_TAGS:
        return start
    return _before_headline_words(doc, start, end)


def _before_headline_words(doc: Doc, start: int, end: int) -> int:
    """Cut a name before a capitalised verb or function word the title case of a headline gave it."""
    for i in range(start + 1, end):
        tok = doc[i]
        if _glued_part(doc, i) or tok.lower_ in _PARTICLES:
            continue
        if tok.text == "-" and i + 1 < end and not doc[i + 1].text[:1].isupper() and not _glued_part(doc, i + 1):
            return i  # "the Donald Trump-announced pullout"
        if tok.tag_ in _FINITE_VERB_TAGS or (tok.is_stop and tok.pos_ in ("ADP", "ADV", "AUX", "VERB", "CCONJ", "SCONJ")):
            return i
    return end


def licensed(doc: Doc, start: int) -> bool:
    """Tell whether an honorific or an office title stands right before token ``start``."""
    i = start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and (_is_honorific(doc, i) or doc[i].lower_ in TITLE_WORDS)


def is_furniture(doc: Doc, start: int, end: int, name: str, outlets: frozenset[str], text: str | None = None) -> bool:
    """Tell whether the name at ``doc[start:end]`` is page furniture rather than a person.

    ``text`` is ``doc.text`` if the caller has it (spaCy joins the tokens again at each ``doc.text``).
    """
    if _names_an_outlet(name, outlets):
        return True
    words = [w for w in name.split() if any(c.isalpha() for c in w)]
    if words and all(w.isupper() and len(w) > 1 for w in words):
        return True  # a dateline or a shouted headline
    if not all(_is_name_part(w) for w in name.split()):
        return True  # "COVID-19", "Leopard 2"
    if name.split()[0].lower() in SAINTS:
        return True
    text = doc.text if text is None else text
    first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", last)
    line_end = len(text) if line_end < 0 else line_end
    if _is_byline(text[line_start:line_end]):
        return True
    if _after_outlet_slash(text[line_start:first], outlets):
        return True
    rest = text[last:line_end]
    for pattern in (CREDIT_TAIL, CREDIT_LINE_END):
        tail = pattern.match(rest)
        if tail and _names_an_outlet(tail.group("outlet").strip(), outlets):
            return True
    if not text[line_start:first].strip() and not rest.strip() and _credit_around(text, line_start, line_end, outlets):
        return True
    return _in_headline_block(text, line_start)


def _after_outlet_slash(before: str, outlets: frozenset[str]) -> bool:
    """A photo credit written outlet first: "REUTERS/Valentyn Ogirenko", "AP Photo/Jane Doe"."""
    match = re.search(r"(\S+(?:\s+\S+){0,2})\s*/\s*$", before)
    if match is None:
        return False
    words = match.group(1).split()
    return any(_names_an_outlet(" ".join(words[i:]), outlets) for i in range(len(words)))


def _credit_around(text: str, line_start: int, line_end: int, outlets: frozenset[str]) -> bool:
    """A name alone on its line, under a "By" line or over an outlet's name: a byline."""
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)].strip()
    following_end = text.find("\n", line_end + 1)
    following = text[line_end + 1 : len(text) if following_end < 0 else following_end].strip()
    lead = CREDIT_LEAD.fullmatch(previous) if previous else None
    return bool(lead) or (bool(following) and _names_an_outlet(following, outlets))


def trim_headline_names(doc: Doc, spans: list[PersonSpan]) -> list[PersonSpan]:
    """Cut a name in a title-case line (a headline) to the name the text gives the person elsewhere,
    when that is its beginning: "Jens Stoltenberg Hands Over ..." -> "Jens Stoltenberg"."""
    keys = [_name_key(s.name) for s in spans]
    out = []
    for span, key in zip(spans, keys):
        if title_case_line(doc, span.start):
            shorter = [k for k, other in zip(keys, spans) if 2 <= len(k) < len(key) and key[: len(k)] == k
                       and not title_case_line(doc, other.start)]
            if shorter:
                words = len(max(shorter, key=len))
                end = span.start
                while end < span.end and len(_name_key(name_text(doc, span.start, end))) < words:
                    end += 1
                span = PersonSpan(span.start, end, name_text(doc, span.start, end), span.licensed)
        out.append(span)
    return out


def acronyms_only(name: str) -> bool:
    """A "name" of capitals only ("NC", "UN") is an abbreviation: a party, a body, not a person."""
    words = [w for w in re.split(r"[\s.]+", name) if w]
    return all(len(w) > 1 and w.isupper() for w in words)


def title_case_line(doc: Doc, i: int) -> bool:
    """Whether token ``i`` sits on a line written in title case (every word of four letters or more
    capitalised, as in a headline; a sentence of names still has a common noun in lower case)."""
    text = doc.text
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    words = [w for w in re.findall(r"[^\W\d_]+", text[start : end if end >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def cluster(spans: list[PersonSpan]) -> list[tuple[PersonSpan, str]]:
    """Pair each span with the fullest name the document gives the same person.

    A one-word name given neither a title nor a full name elsewhere is dropped.
    """
    keys = [_name_key(s.name) for s in spans]
    out = []
    for i, span in enumerate(spans):
        candidates = [
            (-len(keys[j]), abs(j - i), spans[j].name)
            for j in range(len(spans))
            if len(keys[j]) > len(keys[i]) and _same_person(keys[i], keys[j])
        ]
        if candidates:
            out.append((span, min(candidates)[2]))
        elif len(keys[i]) > 1 or span.licensed:
            out.append((span, span.name))
    return out


def person_spans(doc: Doc, spans: list[tuple[int, int, bool]], outlets: frozenset[str]) -> list[PersonSpan]:
    """Turn (start, end, licensed) token spans into PersonSpans, dropping furniture."""
    found = []
    text = doc.text if spans else ""
    for start, end, is_licensed in spans:
        name = name_text(doc, start, end)
        if not name or is_furniture(doc, start, end, name, outlets, text) or acronyms_only(name):
            continue
        found.append(PersonSpan(start, end, name, is_licensed or licensed(doc, start)))
    return found


# -- helpers -------------------------------------------------------------------


def is_honorific(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a capitalised honorific or rank ("Sheikh", "Prince", "Gen.")."""
    return _is_honorific(doc, i)


def _is_honorific(doc: Doc, i: int) -> bool:
    return doc[i].lower_.rstrip(".") in HONORIFICS and doc[i].text[:1].isupper()


def _is_address(doc: Doc, i: int) -> bool:
    return doc[i].lower_.rstrip(".") in ADDRESS_FORMS


def _glued_part(doc: Doc, i: int) -> bool:
    """A lower-case last part of a hyphenated name ("te" of "Ching-te"), a syllable, not a word
    that makes the name a modifier ("the Trump-announced pullout", "a Biden-era rule")."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
        and (doc[i].text[:1].isupper() or (len(doc[i].text) <= 3 and doc[i].tag_ not in ("VBN", "VBD", "JJ")))


def _extends_left(doc: Doc, i: int, taken: set[int]) -> bool:
    tok = doc[i]
    return (
        i not in taken
        and tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and not tok.is_sent_start
        and not _is_honorific(doc, i)
        and tok.lower_ not in TITLE_WORDS
        and tok.lower_ not in NOT_FIRST_NAMES
        and tok.whitespace_ == " "
    )


def _is_name_part(word: str) -> bool:
    core = re.sub(r"[-'’.‐‑]", "", word)
    return bool(core) and core.isalpha()


def _is_byline(line: str) -> bool:
    """A line that starts with a credit lead and holds nothing but names and joining words."""
    line = line.strip()
    lead = CREDIT_LEAD.match(line)
    if lead is None:
        return False
    words = re.findall(r"[\w'’.-]+|[&|/,;:–—]", line[lead.end() :])
    return bool(words) and all(w[:1].isupper() or w.lower() in BYLINE_WORDS for w in words)


def name_end(doc: Doc, start: int, end: int, taken: set[int]) -> int:
    """Cut the name ``doc[start:end]`` before the first token another entity holds.

    A part joined by a particle and a hyphen stays ("Abdul-Malik al-Houthi": "Houthi" is
    the Houthis' name, but here part of a person's).
    """
    for i in range(start, end):
        if i in taken and not _after_particle_hyphen(doc, i):
            end = i
            break
    while end > start and (doc[end - 1].text in _PARTICLES or doc[end - 1].text == "-"):
        end -= 1
    return end


def _after_particle_hyphen(doc: Doc, i: int) -> bool:
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _PARTICLES and not doc[i - 2].whitespace_


def _names_an_outlet(name: str, outlets: frozenset[str]) -> bool:
    """The name is an outlet's, or outlets run together ("Sputnik-Politico", "AFP/Getty", "Sputnik Politico")."""
    words = [w for w in re.split(r"[\s/|]+|(?<=\w)-(?=\w)", name) if w]
    # can[i]: words[i:] is a run of outlet names
    can = [False] * len(words) + [True]
    for i in range(len(words) - 1, -1, -1):
        can[i] = any(
            can[j] and normalize_surface(" ".join(words[i:j])) in outlets for j in range(i + 1, len(words) + 1)
        )
    return bool(words) and (can[0] or normalize_surface(name) in outlets)


def _in_headline_block(text: str, line_start: int) -> bool:
    """Tell whether the line at ``line_start`` sits under a heading such as "Popular stories" in its block."""
    block_start = max(text.rfind("\n\n", 0, line_start), -1) + 1
    for line in text[block_start:line_start].splitlines():
        if HEADLINE_BLOCK.match(line):
            return True
    return False


def _name_key(name: str) -> tuple[str, ...]:
    """The words of a name that identify the person: folded, lower case, without particles."""
    return tuple(w for w in person_key(name).split() if w not in _PARTICLES)


def _same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Tell whether ``short`` names the person ``full`` names: its words, in order, among full's.

    One word may be any of the full name's ("Xi", "Anwar", "Tokayev"); several words must
    keep the first or the last word of the full name ("Aboul Gheit", "Seyyed Ebrahim",
    "Emmerson Mnangagwa").
    """
    if not short:
        return False
    it = iter(full)
    if not all(word in it for word in short):
        return False
    return len(short) == 1 or short[0] == full[0] or short[-1] == full[-1]
