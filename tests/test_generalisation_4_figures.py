"""Figures, fourth round: ranges with the unit on one end, time limits, ages and more measure words, and
what a figure measures (sentences invented for these tests, simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.ingest import normalise
from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.metrics import parse_quantities


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()


def figures(lx, text: str) -> list[tuple[str, float, str]]:
    norm = normalise(text)[0]
    return [(norm[q.start:q.end], q.value, q.unit) for q in parse_quantities(norm, lx)]


def values(lx, text: str) -> list[tuple[float, str]]:
    return [(v, u) for _, v, u in figures(lx, text)]


# -- ranges with the unit (or the multiplier) on one end only ---------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("对考核优秀的合作社给予奖励3万至8万元", [(30_000, "元"), (80_000, "元")]),
    ("每个网格配备2至3名专职网格员", [(2, "名"), (3, "名")]),
    ("每個里配置1到2名社工", [(1, "名"), (2, "名")]),                     # traditional, 到
    ("每年补助5至10万元", [(50_000, "元"), (100_000, "元")]),               # the multiplier is shared
    ("资助金额500至1万元不等", [(500, "元"), (10_000, "元")]),              # not shared: 500 is no 500万
    ("每村选派一至两名驻村干部", [(1, "名"), (2, "名")]),                   # Chinese numerals
    ("建设3-5个示范点", [(3, "个"), (5, "个")]),                            # a dash
])
def test_a_range_gives_both_ends_with_the_shared_unit(lx, text: str, expected) -> None:
    assert values(lx, text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize("text", [
    "今年1至9月共服务长者",          # a month range dates the text
    "第1至3批试点名单",             # ordinals
    "联系电话0471-6612345",         # a phone number has no unit
    "2019至2022年连续举办",          # a period of years
])
def test_ranges_that_are_no_figures(lx, text: str) -> None:
    assert figures(lx, text) == []


def test_a_range_with_units_on_both_ends_is_read_once_per_end(lx) -> None:
    assert values(lx, "按每五百户至八百户配备一名的标准配备") == [(500, "户"), (800, "户"), (1, "名")]


# -- time limits --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("未达标的小区应当在两年内完成改造", 2, "年"),
    ("責任單位須於六個月內提交整改報告", 6, "个月"),                         # traditional
    ("申请人可在十个工作日内申请复核", 10, "个工作日"),
    ("一般事项在三个工作日内办结", 3, "个工作日"),                           # small, no other cue
    ("街道须于两周之内答复", 2, "周"),
    ("行政机关应当自受理之日起二十日内作出决定", 20, "日"),
    ("主管機關應於30日內書面答覆", 30, "日"),                               # traditional
])
def test_a_time_limit_is_a_figure(lx, text: str, value: float, unit: str) -> None:
    assert values(lx, text) == [(pytest.approx(value), unit)]


@pytest.mark.parametrize("text", [
    "实施三年行动计划",          # a period naming a programme
    "过去一年,我们做了大量工作",  # a period dating the text
    "2025年内全面完成",          # a year
    "近三年来成效明显",
    "各单位于每年3月15日内报送材料",  # a date
])
def test_periods_that_are_no_time_limits(lx, text: str) -> None:
    assert figures(lx, text) == []


# -- ages and more measure words ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("为70周岁以上老人发放高龄津贴", 70, "周岁"),
    ("年滿65周歲的長者可免費乘車", 65, "周岁"),                              # traditional
    ("每个村级组织门口挂牌不超过6块", 6, "块"),
    ("全鎮共設置宣傳看板12塊", 12, "块"),                                    # traditional
])
def test_ages_and_boards(lx, text: str, value: float, unit: str) -> None:
    assert values(lx, text) == [(pytest.approx(value), unit)]


@pytest.mark.parametrize("text", ["大家一块参与社区清洁", "把三分之二以上的资源下沉", "由第七位升至第三位"])
def test_no_figure_in_together_fractions_and_ranks(lx, text: str) -> None:
    assert figures(lx, text) == []


def test_both_ends_of_a_range_reach_the_graph() -> None:
    from kg.pipeline import extract_text

    for text in ("县民政局为每个村配备1至2名专职社工。", "區政府對評估優良的協會給予獎勵3萬至6萬元。"):
        got = sorted((q.value, q.unit) for q in extract_text(text).quantities)
        assert len(got) == 2 and got[0][1] == got[1][1] and got[0][0] < got[1][0]
