"""Sentence starts that news layout makes certain: blank lines, datelines and headlines."""

from __future__ import annotations

import pytest


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a headline line with no closing punctuation ends before the body's first line
        ("Chile completes withdrawal of its troops from Haiti\nThe last soldiers left Port-au-Prince on Monday.",
         ["Chile completes withdrawal of its troops from Haiti", "The last soldiers left Port-au-Prince on Monday."]),
        # a dateline ends the line before it and starts the sentence after it, with one or two dashes
        ("Ghana to send troops to Mali\nACCRA, May 2 (Wire) -- Ghana will deploy 300 soldiers to Mali.",
         ["Ghana to send troops to Mali", "ACCRA, May 2 (Wire) --", "Ghana will deploy 300 soldiers to Mali."]),
        # "City:" at the start of a line is a dateline
        ("Jakarta: Timor-Leste became a member of the bloc on Sunday.",
         ["Jakarta:", "Timor-Leste became a member of the bloc on Sunday."]),
    ],
)
def test_layout_starts_sentences(nlp, text, expected):
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a caption's title and name on two lines stay one sentence (too short for a headline)
        "Brazil's President\nLuiz Inacio Lula da Silva arrived in Beijing on Tuesday.",
        # a hard-wrapped sentence whose first line is long is not cut at its line break
        "President Maia Sandu and her visiting Romanian counterpart held talks at the presidential palace in\n"
        "Chisinau on Tuesday evening.",
    ],
)
def test_a_wrapped_line_is_not_a_headline(nlp, text):
    assert len(sentences(nlp, text)) == 1


def test_the_headline_no_longer_gives_the_body_a_subject(asserted):
    """The headline's subject does not become the titled person's country in the body's sentence."""
    text = ("Chile completes withdrawal of its troops from Haiti\nThe last soldiers of the mission left the country, "
            "after President Boric's decision to end it.")
    assert not any(p == "presidentOf" for _, p, _ in asserted(text))
