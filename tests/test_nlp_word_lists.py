"""The word lists single rules read (publication words, intensifiers, leading positions, quality levels,
link verbs) come from ontology/grammar.ttl, not from the code: a lexicon without them makes the rules
match nothing, and a word added to the data is matched."""

from __future__ import annotations

import dataclasses

import pytest

from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.recognizers import ChallengeRecognizer, QuoteRecognizer, SloganRecognizer
from kg.nlp.relations import RelationExtractor

NAMES = {"publishedIn", "publications", "intensifiers", "rankingVerbs", "rankingEnds", "qualityLevels", "linkVerbs"}


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()


def _with(lx, **lists):
    return dataclasses.replace(lx, word_lists={**lx.word_lists, **lists})


def test_the_grammar_holds_the_lists(lx) -> None:
    assert NAMES <= set(lx.word_lists)
    for words in lx.word_lists.values():
        assert list(words) == sorted(words, key=lambda w: (-len(w), w))  # longest first


def test_leading_positions_and_levels(lx) -> None:
    s = SloganRecognizer(lx)
    assert s._ranking.search("力争社区服务走在全国前列").group(0) == "走在全国前列"
    assert s._higher.search("建设更高水平的") is not None
    bare = SloganRecognizer(dataclasses.replace(lx, word_lists={}))
    assert bare._ranking.search("力争社区服务走在全国前列") is None and bare._higher.search("建设更高水平的") is None
    more = SloganRecognizer(_with(lx, rankingEnds=lx.word_lists["rankingEnds"] + ("排头兵",)))
    assert more._ranking.search("争当全国排头兵") is None  # the verb list still decides
    assert more._ranking.search("走在全国排头兵").group(0) == "走在全国排头兵"


def test_publications_and_intensifiers(lx) -> None:
    q = QuoteRecognizer(lx)
    assert q._published_in.search("原载") and q._publication.match("杂志2023年第5期")
    assert QuoteRecognizer(_with(lx, publications=()))._publication.match("杂志") is None
    c = ChallengeRecognizer(lx)
    assert c._cue.search("人才外流明显") and c._cue.search("人才外流明显").group(1).endswith("明显")
    weak = ChallengeRecognizer(_with(lx, intensifiers=()))
    m = weak._cue.search("人才外流明显")
    assert m is None or not m.group(1).endswith("明显")


def test_link_verbs(lx) -> None:
    r = RelationExtractor(lx)
    assert r._own_measure("调解成功率达到")
    assert not RelationExtractor(_with(lx, linkVerbs=()))._own_measure("调解成功率达到")


def test_a_concept_in_two_schemes_counts_in_each(lx) -> None:
    import rdflib

    from kg.nlp.lexicon import from_graphs

    grammar = rdflib.Graph().parse(format="turtle", data="""
        @prefix lex: <https://w3id.org/govkg/lexicon/> . @prefix gov: <https://w3id.org/govkg/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        lex:h a skos:Concept ; skos:inScheme lex:heads , lex:processNouns ; skos:prefLabel "机制"@zh ;
            gov:ontologyClass gov:Mechanism .
        lex:p a skos:Concept ; skos:inScheme lex:processNouns ; skos:prefLabel "链条"@zh .""")
    small = from_graphs(rdflib.Graph(), grammar)
    assert small.heads["机制"][0] == "Mechanism" and small.word_lists["processNouns"] == ("机制", "链条")
    # the bundled process nouns take the heads of that scheme (机制, 体系, 模式) and words that are no heads
    assert {"机制", "体系", "模式", "链条", "闭环"} <= set(lx.word_lists["processNouns"])
    assert QuoteRecognizer(lx)._steps_tail.search("“发现—上报—处置”的闭环机制。") is not None


def test_phenomenon_nouns(lx) -> None:
    assert {"现象", "倾向", "苗头"} <= set(QuoteRecognizer(lx)._phenomena)
    assert QuoteRecognizer(_with(lx, phenomenonNouns=()))._phenomena == ()
    # the bare weakness tails are the same concepts (one word, two schemes)
    assert {"情况", "现象", "问题"} <= set(lx.word_lists["weaknessTails"]) & set(lx.word_lists["phenomenonNouns"])


def _grammar():
    import rdflib

    from kg import resources

    return rdflib.Graph().parse(format="turtle", data=resources.read_text("grammar.ttl"))


def test_duty_cues_are_the_link_words_themselves(lx) -> None:
    from rdflib.namespace import SKOS

    from kg.nlp.lexicon import LEX

    g = _grammar()
    schemes = [LEX[s] for s in ("dutyCues", "responsibleUnits", "leadUnits", "supportUnits", "leadVerbs", "dutyVerbs",
                                "coordinatingVerbs")]
    labels = [str(g.value(c, SKOS.prefLabel)) for c in {c for s in schemes for c in g.subjects(SKOS.inScheme, s)}]
    assert len(labels) == len(set(labels))  # every word is written once
    # and counts in each scheme it is in
    assert {"牵头", "负责", "组织实施"} <= set(lx.duty_cues) & (set(lx.word_lists["leadVerbs"]) | set(lx.word_lists["dutyVerbs"]))
    assert {"责任单位", "牵头单位"} <= set(lx.duty_cues)
    assert "责任单位" in lx.word_lists["responsibleUnits"] and "牵头单位" in lx.word_lists["leadUnits"]
    assert "配合" in lx.duty_cues and "配合" in lx.word_lists["coordinatingVerbs"]


def test_actor_joiners(lx) -> None:
    # the words that may stand alone between two actors of one subject (甲局会同乙局) are data
    r = RelationExtractor(lx)
    assert {"会同", "联合", "同"} <= set(r._coord) and r._links.coord == r._coord
    bare = RelationExtractor(_with(lx, actorJoiners=()))
    assert not {"会同", "联合", "同"} & set(bare._coord) and "、" in bare._coord
    # 会同 and 联合 are the coordinating verbs themselves, not second concepts
    assert {"会同", "联合"} <= set(lx.word_lists["coordinatingVerbs"]) & set(lx.word_lists["actorJoiners"])
    from rdflib.namespace import SKOS

    labels = [str(o) for o in _grammar().objects(None, SKOS.prefLabel)]
    assert labels.count("会同") == 1 and labels.count("联合") == 1


@pytest.mark.parametrize("first, second", [("figureOpeners", "fillers"), ("shareWords", "nounSuffixes")])
def test_a_word_of_two_schemes_is_one_concept(lx, first: str, second: str) -> None:
    from rdflib.namespace import SKOS

    from kg.nlp.lexicon import LEX

    g = _grammar()
    words_of = {s: {str(g.value(c, SKOS.prefLabel)) for c in g.subjects(SKOS.inScheme, LEX[s])} for s in (first, second)}
    both = words_of[first] & words_of[second]
    concepts = {c for s in (first, second) for c in g.subjects(SKOS.inScheme, LEX[s])}
    labels = [str(g.value(c, SKOS.prefLabel)) for c in concepts]
    assert all(labels.count(w) == 1 for w in both)  # a word in both schemes is written once
    words = lambda s: set(lx.fillers) if s == "fillers" else set(lx.word_lists[s])
    assert both and both <= words(first) & words(second)
