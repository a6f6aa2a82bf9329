"""Word lists of the place, figure and relation rules come from ontology/grammar.ttl, not from the code
(``placeSuffixes``, ``placeLevelTokens``, ``regionNouns``, ``knownPlaceLevels``, ``zoneLevels``,
``perUnitCounters``, ``verbsEndingInWei``; the order of a jurisdiction's levels from ``jurisdictionLevels`` and
``placeLevels*``): a lexicon without a list makes its rule match nothing, and a word added to the data is
matched. Phrases invented for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from kg.extract import _levels, _per_unit
from kg.nlp import spans
from kg.nlp.document import PlaceRecognizer
from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.pipeline import default_nlp
from kg.nlp.recognizers import KEY
from kg.nlp.relations import RelationExtractor


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()


def _with(lx, **lists):
    return dataclasses.replace(lx, word_lists={**lx.word_lists, **lists})


def _places(text: str, lexicon) -> set[str]:
    doc = default_nlp().make_doc(text)
    PlaceRecognizer(lexicon)(doc)
    return {text[s.start_char:s.end_char] for s in spans.records(doc, KEY)}


@pytest.mark.parametrize(("scheme", "text", "place"), [
    ("placeSuffixes", "桐庐县和建德县。", "建德县"),  # a place jieba knows, ending in a level
    ("placeLevelTokens", "德清乡、长兴乡", "德清乡"),  # a word listed with a place of its level
    ("regionNouns", "支持皖北地区发展。", "皖北地区"),  # a region named after a place
])
def test_place_rules_read_their_lists(lx, scheme: str, text: str, place: str) -> None:
    assert place in _places(text, lx)
    assert place not in _places(text, _with(lx, **{scheme: ()}))


def test_a_place_jieba_knows_and_its_level(lx) -> None:
    # both 某某 and 某某市 tagged as places: a place, even though the name's tail looks like a common noun
    assert PlaceRecognizer(lx)._kind_of("江阴市") == "place"
    assert PlaceRecognizer(_with(lx, knownPlaceLevels=()))._kind_of("江阴市") is None


def test_kinds_of_zone_listed_with_a_district(lx) -> None:
    assert not PlaceRecognizer(lx)._listed("开发区", "越秀区")  # a verb before the level: a kind of zone
    assert PlaceRecognizer(_with(lx, zoneLevels=()))._listed("开发区", "越秀区")


def test_per_unit_counters(lx) -> None:
    assert _per_unit(lx).search("每个") and _per_unit(lx).search("每处")
    assert _per_unit(_with(lx, perUnitCounters=())).search("每个") is None
    assert _per_unit(_with(lx, perUnitCounters=("户",))).search("每户")


def test_the_wei_of_a_verb_is_no_preposition_of_service(lx) -> None:
    assert RelationExtractor(lx)._serve_re.search("为居民提供服务")
    assert RelationExtractor(lx)._serve_re.search("作为居民提供服务") is None
    assert RelationExtractor(_with(lx, verbsEndingInWei=()))._serve_re.search("作为居民提供服务")


def test_levels_most_specific_first(lx) -> None:
    assert _levels(lx).specific == ("区", "县", "市", "省")
    # a grammar without county-level ends: the city is the most specific level
    assert _levels(_with(lx, placeLevelsCounty=())).specific == ("市", "省")
