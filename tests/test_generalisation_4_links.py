"""Link rules added after the fourth blind set: bodies named after their place or parent body, a place in the
last place of a 位于 chain, a statute's articles and adoption line, frames of service and means (为A提供, 通过X,
由A承办), items opened with 一是/二是. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import opencc
import pytest

from kg.evaluate import normalise_name
from kg.pipeline import extract_text

_T = opencc.OpenCC("s2t")


def _both(text: str) -> list[str]:
    """The text in simplified and traditional characters."""
    return [text, _T.convert(text)]


def _triples(text: str) -> set[tuple[str, str, str]]:
    x = extract_text(text)
    return {(normalise_name(r.subject[1]), r.predicate, normalise_name(r.object[1])) for r in x.relations}


def _linked(t: set, a: str, b: str, pred: str | None = None) -> bool:
    return any({s, o} == {a, b} and (pred is None or p == pred) for s, p, o in t)


# -- a body named after its place or its parent body -----------------------------------------------------
@pytest.mark.parametrize("text", _both("绍兴市持续推进社区治理。绍兴市民政局会同绍兴市财政局建立邻里互助制度。"))
def test_a_body_is_in_the_place_its_name_opens_with(text: str) -> None:
    t = _triples(text)
    assert ("绍兴市民政局", "locatedIn", "绍兴市") in t, t
    assert ("绍兴市财政局", "locatedIn", "绍兴市") in t, t


def test_no_place_link_without_the_place_named() -> None:
    t = _triples("绍兴市民政局会同绍兴市财政局建立邻里互助制度。")
    assert not any(p == "locatedIn" for s, p, o in t), t


@pytest.mark.parametrize("text", _both("常州市委部署基层党建工作。常州市委组织部会同常州市人民政府办公室推进党员教育,"
                                       "常州市人民政府统筹推进。"))
def test_a_unit_is_under_the_body_its_name_opens_with(text: str) -> None:
    t = _triples(text)
    assert ("常州市委组织部", "subOrganizationOf", "常州市委") in t, t
    assert ("常州市人民政府办公室", "subOrganizationOf", "常州市人民政府") in t, t


def test_a_kind_of_body_is_no_unit_of_a_shorter_name() -> None:
    # 民政部门 (civil-affairs departments) opens with 民政部 (the ministry) but is no part of it
    t = _triples("民政部部署社区减负工作。各地民政部门要建立社区工作事项准入制度。")
    assert not _linked(t, "民政部门", "民政部"), t


# -- places ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("宣威县位于云南省昭通市东部,全县建立村民议事会制度。"))
def test_a_place_is_in_the_last_place_of_the_chain_after_weiyu(text: str) -> None:
    t = _triples(text)
    assert ("宣威县", "locatedIn", "昭通市") in t, t
    assert ("宣威县", "locatedIn", "云南省") not in t, t
