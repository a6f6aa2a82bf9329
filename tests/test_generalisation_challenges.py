"""Challenges: more cues of the genre, imbalance verbs, quoted phenomena, list markers, headings.
Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _challenges(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Challenge"}


@pytest.mark.parametrize(("text", "expected"), [
    ("城中村治安案件多发,青壮年劳动力外流明显。", {"城中村治安案件多发", "青壮年劳动力外流明显"}),
    ("城中村治安案件多發,青壯年勞動力外流明顯。", {"城中村治安案件多发", "青壮年劳动力外流明显"}),
    ("同时,网格职责泛化、考核评价偏重台账,影响了服务质量。", {"网格职责泛化", "考核评价偏重台账"}),
])
def test_more_cues_of_weakness(text: str, expected: set[str]) -> None:
    assert expected <= _challenges(text), _challenges(text)


def test_a_visible_success_is_no_weakness() -> None:
    assert not _challenges("二、矛盾调处成效明显\n全年化解纠纷800起。\n")


@pytest.mark.parametrize(("text", "challenge"), [
    ("部分小区存在“重建轻管”现象。", "部分小区存在重建轻管现象"),
    ("部分小區存在「重建輕管」現象。", "部分小区存在重建轻管现象"),
])
def test_a_quoted_phenomenon_is_a_weakness(text: str, challenge: str) -> None:
    assert challenge in _challenges(text), _challenges(text)


@pytest.mark.parametrize("text", [
    "一是社区服务设施老化;二是专业人才短缺;三是居民参与度有待提高。",
    "一是社區服務設施老化;二是專業人才短缺;三是居民參與度有待提高。",
])
def test_list_markers_are_left_out_of_weaknesses(text: str) -> None:
    assert {"社区服务设施老化", "专业人才短缺", "居民参与度有待提高"} <= _challenges(text), _challenges(text)


@pytest.mark.parametrize("text", [
    "三、存在的不足\n当前,社区工作者队伍流动性偏大。\n",
    "三、主要短板\n当前,社区工作者队伍流动性偏大。\n",
])
def test_a_heading_announcing_weaknesses_is_none(text: str) -> None:
    found = _challenges(text)
    assert not any(c.startswith(("存在的", "主要")) for c in found), found
    assert any("偏大" in c for c in found), found
