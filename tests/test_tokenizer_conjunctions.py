"""Lists of bodies joined by a conjunction the segmenter glued to a neighbour: jieba reads 和县 (a county), joins
及+区 or 署+及 by its HMM, so the name after (or before) the conjunction lost its first (or last) character.
The tokenizer cuts such a token again when a name of a body stands before it and one starts after it; the
conjunctions, the levels and the ends of bodies' names are grammar data. Sentences written for these tests
(simplified and traditional)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from kg.evaluate import normalise_name
from kg.ingest import normalise
from kg.nlp.lexicon import core_class, load_default_lexicon
from kg.pipeline import _nlp, extract_text


def _words(text: str, tokenizer=None) -> list[str]:
    return (tokenizer or _nlp().tokenizer).words(normalise(text)[0])


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def _actors(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


@pytest.mark.parametrize(("text", "cut"), [
    ("县民政局与县财政局和县人社局联合印发实施办法。", ("和", "县")),  # 和县 is a county to jieba
    ("县卫健委和县医保局联合印发通知。", ("和", "县")),
    ("区政府会同市卫生健康委及区消防救援大队开展检查。", ("及", "区")),
    ("市公安局交警支队及县交警大队开展整治。", ("及", "县")),
    ("省民政厅暨市民政局联合开展检查。", ("暨", "市")),
    ("本處已聯同社會福利署及消防處跟進個案。", ("署", "及")),  # a body's end glued to the conjunction after it
    ("已轉介社會福利署及非政府機構跟進。", ("署", "及")),
])
def test_a_conjunction_glued_to_a_name_is_cut_off(text: str, cut: tuple[str, str]) -> None:
    words = _words(text)
    assert cut in _pairs(words), words
    assert "".join(cut) not in words


@pytest.mark.parametrize(("text", "word"), [
    ("安徽省和县位于长江北岸。", "和县"),  # the county itself, after its province
    ("马鞍山市和县的农民增收明显。", "和县"),
    ("县财政局和县城建设同步推进。", "县城"),  # no name of a body after it
    ("民政局及时处置群众诉求。", "及时"),
    ("县财政局以及县审计局参加。", "以及"),
    ("市民政局与会人员认真学习。", "与会"),
    ("建设和谐社区。", "和谐社区"),
    ("此处及周边设置警示标志。", "此处"),
    ("目力所及之处都是绿色。", "所及"),  # a word of jieba's own, not a pair its HMM joined
])
def test_real_words_are_kept(text: str, word: str) -> None:
    assert word in _words(text), _words(text)


def test_no_cut_in_the_county_after_a_body_without_a_name_after_it() -> None:
    # 和县 after a body's name but nothing naming a body after it: the county stays
    words = _words("省民政厅到和县,调研养老服务。")
    assert "和县" in words, words
    words = _words("市民政局和县。")
    assert "和县" in words, words


def test_the_lists_are_grammar_data() -> None:
    from kg.nlp.tokenizer import JiebaTokenizer

    lx = load_default_lexicon()
    assert {"和", "与", "及", "暨", "以及"} <= set(lx.word_lists["conjunctions"])
    assert {"局", "署", "处", "队"} <= set(lx.word_lists["bodyEnds"])
    bare = dataclasses.replace(lx, word_lists={**lx.word_lists, "conjunctions": ()})
    tokenizer = JiebaTokenizer(_nlp().vocab, bare)
    assert "和县" in _words("县卫健委和县医保局联合印发通知。", tokenizer)
    assert "及区" in _words("区政府会同市卫生健康委及区消防救援大队开展检查。", tokenizer)


@pytest.mark.parametrize(("text", "bodies", "wrong"), [
    ("县民政局与县财政局和县人社局联合印发实施办法。", {"县民政局", "县财政局", "县人社局"}, "县财政局和县人社局"),
    ("县卫健委和县医保局联合印发通知。", {"县卫健委", "县医保局"}, "县卫健委和县医保局"),
    ("区政府会同市卫生健康委及区消防救援大队开展检查。", {"市卫生健康委", "区消防救援大队"}, "市卫生健康委及区"),
    ("市衛生局與區消防救援大隊聯合檢查。", {"市卫生局", "区消防救援大队"}, "市卫生局与区消防救援大队"),
    ("市公安局交警支队及县交警大队开展整治。", {"市公安局交警支队", "县交警大队"}, "市公安局交警支队及县"),
])
def test_the_bodies_of_the_list_are_found_apart(text: str, bodies: set[str], wrong: str) -> None:
    actors = _actors(text)
    assert bodies <= actors, actors
    assert not any(wrong in a for a in actors), actors


def test_the_county_stays_a_place() -> None:
    actors = _actors("安徽省和县位于长江北岸。")
    assert not any(a.startswith("县") for a in actors), actors
