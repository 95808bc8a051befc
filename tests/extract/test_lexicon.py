"""The relation lexicon loads, and a malformed one is refused with a message naming the frame."""

from __future__ import annotations

import pytest

from kgraph.lexicon import LexiconError, inflections, load_lexicon, parse_lexicon

GOOD = '''
schema = 1
[relations.memberOf]
subject_types = ["Country"]
object_types = ["Alliance"]
[[frames]]
id = "member.test"
relation = "memberOf"
pos = "VERB"
triggers = ["consist of"]
subject = ["after"]
object = ["subject"]
'''


def test_lexicon_package_file_loads():
    lexicon = load_lexicon()
    assert {f.relation for f in lexicon.frames} == {"memberOf", "deployedTo", "headOfGovernmentOf", "leaderOf"}
    assert lexicon.titles[("prime", "minister")] == "headOfGovernmentOf"
    assert ("consist", "of") in {t for f in lexicon.frames for t in f.triggers}
    assert {"made", "admitted", "joins", "consisting"} <= lexicon.trigger_words()


def test_lexicon_minimal_file_parses():
    lexicon = parse_lexicon(GOOD)
    [(frame, words)] = lexicon.by_first_word["consist"]
    assert (frame.id, words, frame.subject, frame.object) == ("member.test", ("consist", "of"), ("after",), ("subject",))


@pytest.mark.parametrize("change, message", [
    (('subject = ["after"]', 'subject = ["afterwards"]'), "member.test"),
    (('relation = "memberOf"', 'relation = "memberOff"'), "memberOff"),
    (('pos = "VERB"', 'pos = "ADVERB"'), "ADVERB"),
    (("schema = 1", "schema = 2"), "schema"),
    (('object_types = ["Alliance"]', 'object_types = ["Planet"]'), "Planet"),
    (('triggers = ["consist of"]', "triggers = []"), "trigger"),
    (('object = ["subject"]', 'object = ["subject"]\nends = "yes"'), "ends"),
    (('object = ["subject"]', 'object = ["subject"]\nneeds_name = 1'), "needs_name"),
])
def test_lexicon_malformed_is_refused(change, message):
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(GOOD.replace(*change))


def test_prefilter_words_leave_out_frames_that_need_a_name_in_their_sentence():
    """A frame whose statement names an entity in its own sentence (a listed member) adds no
    prefilter word: "union" or "bloc" alone must not keep a paragraph."""
    lexicon = parse_lexicon(GOOD.replace('triggers = ["consist of"]', 'triggers = ["grouping"]\nneeds_name = true'))
    assert lexicon.trigger_words() == set()
    assert "grouping" in parse_lexicon(GOOD.replace('triggers = ["consist of"]', 'triggers = ["grouping"]')).trigger_words()


def test_lexicon_civil_service_names_a_known_title():
    titles = '\n[offices.titles]\n"foreign secretary" = "ministerOf"\n'
    lexicon = parse_lexicon(GOOD + titles + '[offices.civil_service]\n"foreign secretary" = ["India"]\n')
    assert lexicon.civil_service == {("foreign", "secretary"): frozenset({"India"})}
    with pytest.raises(LexiconError, match="home secretary"):
        parse_lexicon(GOOD + titles + '[offices.civil_service]\n"home secretary" = ["India"]\n')


def test_lexicon_not_toml_is_refused():
    with pytest.raises(LexiconError, match="not valid TOML"):
        parse_lexicon("schema = = 1")


def test_inflections_cover_regular_and_doubled_forms():
    assert {"admit", "admits", "admitted", "admitting"} <= inflections("admit")
    assert {"unite", "unites", "united", "uniting"} <= inflections("unite")
    assert {"made"} <= inflections("make", ("made",))
