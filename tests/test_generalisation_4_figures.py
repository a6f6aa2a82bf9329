"""Figures, fourth round: ranges with the unit on one end, time limits, ages and more measure words, and
what a figure measures (sentences invented for these tests, simplified and traditional)."""

from __future__ import annotations

import pytest
from sentences import figures

from kg.nlp.lexicon import load_default_lexicon


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()




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


# -- what a figure measures -----------------------------------------------------------------------------------
def subjects(text: str) -> dict[str, list[str]]:
    from kg.pipeline import extract_text

    return {q.span.quote: [label for _, label in q.measures] for q in extract_text(text).quantities}


@pytest.mark.parametrize(("text", "scored"), [
    ("年度测评得分较高的是：越秀区（95分）、天河区（93.5分）、海珠区（90.0分）。",
     {"95分": "越秀区", "93.5分": "天河区", "90.0分": "海珠区"}),
    ("綜合考評排名前列的為：新竹市（91.5分）、苗栗縣（88分）。", {"91.5分": "新竹市", "88分": "苗栗县"}),  # traditional
    ("垃圾分类达标率较低的是越秀区（62%）和海珠区（58%）。", {"62%": "越秀区", "58%": "海珠区"}),
])
def test_a_figure_in_brackets_after_a_name_measures_that_name(text: str, scored: dict) -> None:
    got = subjects(text)
    for figure, place in scored.items():
        assert place in got[figure]


def test_a_figure_in_brackets_after_a_verb_is_not_the_previous_name() -> None:
    got = subjects("天河区加快推进“穗智管”平台建设（完成率95%）。")
    assert "天河区" not in got["95%"]


@pytest.mark.parametrize(("text", "figure", "lead", "partner"), [
    ("市民政局会同市财政局、市卫生健康委印发宣传资料5000份。", "5000份", "市民政局", "市卫生健康委"),
    ("縣社會局聯合縣衛生局組成3個訪視小組，走訪獨居長者。", "3個", "县社会局", "县卫生局"),          # traditional
    ("区司法局会同区公安分局开展矛盾纠纷排查，累计排查化解纠纷1200件。", "1200件", "区司法局", "区公安分局"),
])
def test_a_partner_after_a_joint_verb_is_not_what_the_figure_measures(text, figure, lead, partner) -> None:
    got = subjects(text)[figure]
    assert partner not in got and lead in got


def test_a_partner_clause_of_its_own_keeps_its_figure() -> None:
    got = subjects("市民政局牵头推进改革，市财政局安排补助资金3000万元。")["3000万元"]
    assert "市民政局" not in got


@pytest.mark.parametrize(("text", "figure", "named"), [
    ("市政府推进“邻里守望”服务站建设。服务站由社区居委会运营，提供助餐、助浴等三项服务。", "三项",
     "“邻里守望”服务站"),
    ("各地推廣「紅色物業」服務中心。服務中心今年共受理居民訴求3200件。", "3200件", "“红色物业”服务中心"),  # traditional
])
def test_a_name_repeated_by_its_head_is_the_name(text: str, figure: str, named: str) -> None:
    assert named in subjects(text)[figure]


def test_a_head_shared_by_two_names_stays_unresolved() -> None:
    got = subjects("区里建成“邻里守望”服务站和“银龄之家”服务站。服务站全年服务居民2万人次。")["2万人次"]
    assert "“邻里守望”服务站" not in got and "“银龄之家”服务站" not in got


@pytest.mark.parametrize(("text", "figure"), [
    ("镇里推行“板凳议事”，由村民委员会牵头，每月至少开展一次板凳议事。", "一次"),
    ("鎮裡推行「板凳議事」，由村民委員會牽頭，每週至少開展兩次板凳議事。", "兩次"),          # traditional
])
def test_a_quoted_name_repeated_after_its_count_is_counted(text: str, figure: str) -> None:
    assert subjects(text)[figure] == ["板凳议事"]


def test_the_handler_named_in_the_clause_of_the_peoples_matters() -> None:
    got = subjects("街道推行“楼道议事”。2025年，全街通过楼道议事解决群众诉求860件，办结率97%。")
    assert "楼道议事" in got["860件"] and got["97%"] == ["楼道议事"]


def test_a_count_of_the_peoples_matters_with_no_handler_stays_theirs() -> None:
    assert subjects("全年共受理群众来信来访诉求860件。")["860件"] == ["群众"]
