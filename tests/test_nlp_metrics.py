"""Number grammar: multipliers, units and measure words, qualifiers, years, periods and targets."""

from __future__ import annotations

import pytest

from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.metrics import parse_quantities


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()


def q1(lx, text: str):
    (q,) = parse_quantities(text, lx)
    return q


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("投入资金3.2亿元", 320_000_000, "元"),
    ("安排专项资金5000万元", 50_000_000, "元"),
    ("累计培育骨干1.2万人", 12_000, "人"),
    ("服务群众120万人次", 1_200_000, "人次"),
    ("汇聚数据1100亿条", 110_000_000_000, "条"),
    ("登记社会组织7,450家", 7_450, "家"),
    ("办结率达96.8%", 96.8, "%"),
    ("占比提高3.2个百分点", 3.2, "个百分点"),
    ("组建队伍860支", 860, "支"),
    ("开展活动3.6万场次", 36_000, "场次"),
    ("建成用房20平方米", 20, "平方米"),
    ("化解纠纷6300起", 6300, "起"),
    ("接入12个部门", 12, "个"),
])
def test_values_and_units(lx, text: str, value: float, unit: str) -> None:
    q = q1(lx, text)
    assert q.value == pytest.approx(value) and q.unit == unit
    assert text[q.start:q.end].endswith(unit)


def test_the_measure_word_does_not_swallow_the_counted_noun(lx) -> None:
    q = q1(lx, "对12个社区开展调查")
    assert (q.value, q.unit) == (12, "个")


@pytest.mark.parametrize(("text", "qualifier"), [
    ("约3.2亿元", "约"), ("860余支", "余"), ("300多家", "多"), ("90%以上", "以上"), ("不低于35张", "不低于"),
    ("不少于1万个", "不少于"), ("超过1100亿条", "超过"), ("近2000名", "近"), ("5%以下", "以下"), ("2000人左右", "左右"),
])
def test_qualifiers(lx, text: str, qualifier: str) -> None:
    assert q1(lx, text).qualifier == qualifier
    assert lx.qualifiers[qualifier] in ("approx", "lower", "upper")


def test_达到_is_no_qualifier(lx) -> None:
    q = q1(lx, "覆盖率达到100%")
    assert q.qualifier is None and q.value == 100


@pytest.mark.parametrize(("text", "year", "since", "until", "target"), [
    ("2022年投入资金3.2亿元", 2022, None, None, False),
    ("截至2022年底,登记社会组织1530家", 2022, None, None, False),
    ("2016年起共改扩建4821个", None, 2016, None, False),
    ("到2025年,覆盖率达到90%", None, None, 2025, True),
    ("力争建成社区食堂500个", None, None, None, True),
    ("2019—2022年对12个社区开展调查", None, 2019, 2022, False),
])
def test_years_periods_and_targets(lx, text: str, year, since, until, target: bool) -> None:
    q = q1(lx, text)
    assert (q.year, q.since, q.until, q.is_target) == (year, since, until, target)


@pytest.mark.parametrize("text", [
    "2023年3月20日印发", "拨打12345热线", "第3批试点", "印发《2022年3项重点工作安排》", "“十四五”时期", "“三社联动”",
])
def test_not_quantities(lx, text: str) -> None:
    assert parse_quantities(text, lx) == []


def test_several_values_in_one_sentence(lx) -> None:
    got = parse_quantities("城市社区、农村社区覆盖率分别达92.1%、88.4%,较上年提高2个百分点", lx)
    assert [(q.value, q.unit) for q in got] == [(92.1, "%"), (88.4, "%"), (2, "个百分点")]


def test_full_width_digits_through_the_pipeline() -> None:
    from kg.pipeline import extract_text

    ex = extract_text("全区登记社会组织１５３０家，覆盖率达１００％。")
    got = sorted((q.value, q.unit, q.span.quote) for q in ex.quantities)
    assert got == [(100.0, "%", "１００％"), (1530.0, "家", "１５３０家")]


# -- figures in Chinese numerals ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "written", "value", "unit", "qualifier"), [
    ("全区共动员三千余人参与环境整治", "三千余人", 3000, "人", "余"),            # a report
    ("试点覆盖十二个街道", "十二个", 12, "个", None),
    ("面向社会招募两万名志愿者", "两万名", 20_000, "名", None),                # a notice
    ("培育一百二十家社区社会组织", "一百二十家", 120, "家", None),
    ("居民满意度达到百分之九十五以上", "达到百分之九十五以上", 95, "%", "以上"),
    ("超过百分之五的村未设立议事会", "超过百分之五", 5, "%", "超过"),
    ("建成养老床位一千零五十张", "一千零五十张", 1050, "张", None),
    ("约两千多人次参加培训", "约两千多人次", 2000, "人次", "约"),
    ("累计服务一万二千户", "一万二千户", 12_000, "户", None),
    ("下派七十余名干部驻村", "七十余名", 70, "名", "余"),
    ("发展1.2万余名志愿者", "1.2万余名", 12_000, "名", "余"),                 # digits with a multiplier, as before
])
def test_chinese_numerals(lx, text: str, written: str, value: float, unit: str, qualifier: str | None) -> None:
    q = q1(lx, text)
    assert (text[q.start:q.end], q.value, q.unit, q.qualifier) == (written, pytest.approx(value), unit, qualifier)


def test_traditional_numerals_are_read_after_normalisation(lx) -> None:
    from kg.ingest import normalise

    norm = normalise("全縣動員三千餘人，組建兩百個網格。")[0]
    assert [(q.value, q.unit, q.qualifier) for q in parse_quantities(norm, lx)] == [
        (3000, "人", "余"), (200, "个", None)]


@pytest.mark.parametrize("text", [
    "坚决做到两个维护",            # a slogan: a small count
    "搭建一个平台,理顺四个环节",    # the items of a list
    "走进千家万户",                # an idiom
    "每百户居民拥有一处服务用房",    # a rate per hundred, and one place
    "编制十四五规划",              # the name of a plan
    "第三批试点名单",              # an ordinal
    "几十个社区",                  # vague
    "二〇二三年工作要点",           # a year
])
def test_chinese_numerals_that_are_no_figures(lx, text: str) -> None:
    assert parse_quantities(text, lx) == []


def test_a_numeral_after_a_figure_keeps_both(lx) -> None:
    got = parse_quantities("全市建成站点320个,覆盖一百二十个村", lx)
    assert [(q.value, q.unit) for q in got] == [(320, "个"), (120, "个")]


def test_chinese_numeral_values() -> None:
    from kg.nlp.metrics import chinese_numeral

    assert [chinese_numeral(t) for t in ("九十五", "两百", "一千二百万", "二十万零三", "三千五百")] == [
        95, 200, 12_000_000, 200_003, 3500]
    assert [chinese_numeral(t) for t in ("一百零", "零五", "五五", "千百")] == [None, None, None, None]
