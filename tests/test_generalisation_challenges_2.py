"""Challenges, second round: more cues (频仍, 并不少见, 单一, 偏重), a cue closed by a noun of situation
(……偏少的情况), quotes inside a weakness, a cause leading to a worsening trend, the last item of a list going
on with its predicate. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _by_core(text: str, core: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == core}


@pytest.mark.parametrize(("text", "expected"), [
    ("近年来,城郊小区物业纠纷频仍,部分村集体收入来源单一。", {"城郊小区物业纠纷频仍", "部分村集体收入来源单一"}),
    ("近年來,城郊小區物業糾紛頻仍,部分村集體收入來源單一。", {"城郊小区物业纠纷频仍", "部分村集体收入来源单一"}),
    ("调研发现,网格员事务负担偏重,基层报表过重。", {"网格员事务负担偏重", "基层报表过重"}),
])
def test_more_cues(text: str, expected: set[str]) -> None:
    assert expected <= _by_core(text, "Challenge"), _by_core(text, "Challenge")


@pytest.mark.parametrize(("text", "expected"), [
    ("部分楼栋存在业主参与偏少的情况。", "部分楼栋存在业主参与偏少的情况"),
    ("部分樓棟存在業主參與偏少的情況。", "部分楼栋存在业主参与偏少的情况"),
    ("老旧小区“有事没人管、管了没人听”的现象并不少见。", "老旧小区有事没人管、管了没人听的现象并不少见"),
])
def test_a_cue_closed_by_a_situation_noun(text: str, expected: str) -> None:
    assert expected in _by_core(text, "Challenge"), _by_core(text, "Challenge")


@pytest.mark.parametrize("text", [
    "过去,一些村“遇事靠吵、办事靠闹”的情况并不少见。",
    "過去,一些村「遇事靠吵、辦事靠鬧」的情況並不少見。",
])
def test_a_quote_describing_a_weakness_is_no_practice(text: str) -> None:
    assert not _by_core(text, "Mechanism"), _by_core(text, "Mechanism")
    assert any("遇事靠吵" in c for c in _by_core(text, "Challenge")), _by_core(text, "Challenge")


@pytest.mark.parametrize(("text", "expected"), [
    ("年轻劳动力长期外出导致村民议事会成员老龄化。", "年轻劳动力长期外出导致村民议事会成员老龄化"),
    ("年輕勞動力長期外出導致村民議事會成員老齡化。", "年轻劳动力长期外出导致村民议事会成员老龄化"),
    ("考核过多造成社区协商形式化。", "考核过多造成社区协商形式化"),
])
def test_a_cause_leading_to_a_worsening_trend(text: str, expected: str) -> None:
    assert expected in _by_core(text, "Challenge"), _by_core(text, "Challenge")


def test_a_trend_without_a_cause_is_no_weakness() -> None:
    assert not _by_core("各地积极应对人口老龄化。", "Challenge")


@pytest.mark.parametrize("text", [
    "场地保障不足、志愿者流失、活动经费匮乏是制约社区养老服务发展的主要原因。",
    "場地保障不足、志願者流失、活動經費匱乏是制約社區養老服務發展的主要原因。",
])
def test_the_last_item_of_a_list_going_on_with_its_predicate(text: str) -> None:
    found = _by_core(text, "Challenge")
    assert {"场地保障不足", "志愿者流失", "活动经费匮乏"} <= found, found


def test_a_lone_cue_before_shi_is_no_list() -> None:
    assert not any(c.endswith("是") for c in _by_core("服务短板是下一步工作的重点。", "Challenge"))


@pytest.mark.parametrize("text", ["各地要加快补齐农村养老服务短板。", "各地要加快補齊農村養老服務短板。"])
def test_a_task_remedying_a_weakness_is_none(text: str) -> None:
    assert not _by_core(text, "Challenge"), _by_core(text, "Challenge")


def test_a_remedy_done_badly_stays_a_weakness() -> None:
    assert _by_core("部分群众反映的问题解决不到位。", "Challenge"), "解决不到位 is a weakness"
