"""Figures: measure words and currencies the grammar lists, small counts in Chinese numerals, and what a
figure measures (sentences invented for these tests, simplified and traditional)."""

from __future__ import annotations

import pytest
from sentences import figures

from kg.ingest import normalise
from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.metrics import parse_quantities


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()




# -- measure words and currencies -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("街道全年受理投诉案件86宗", 86, "宗"),
    ("全年處理違規個案1,204宗", 1204, "宗"),                       # traditional, thousands separator
    ("消防部门抽查高层住宅57幢", 57, "幢"),
    ("共改造老旧楼房23栋", 23, "栋"),
    ("基金会向镇卫生院捐赠款项约260万港元", 2_600_000, "港元"),
    ("社團獲資助約35萬澳門元", 350_000, "澳门元"),                   # traditional currency
    ("项目获外方捐款12万欧元", 120_000, "欧元"),
    ("投入资金5000万人民币", 50_000_000, "人民币"),
    ("申請須於7個工作天內處理", 7, "个工作天"),
    ("发放救灾大米3.5万公斤", 35_000, "公斤"),
])
def test_measure_words_and_currencies(lx, text: str, value: float, unit: str) -> None:
    (got,) = figures(lx, text)
    assert got[1:] == (pytest.approx(value), unit)


def test_a_currency_keeps_its_multiplier_and_qualifier(lx) -> None:
    norm = normalise("委員會撥款約180萬港元資助社區活動")[0]
    (q,) = parse_quantities(norm, lx)
    assert (q.value, q.unit, q.qualifier) == (1_800_000, "港元", "约")


def test_yuan_stays_yuan(lx) -> None:
    assert figures(lx, "每户补助3000元") == [("3000元", 3000, "元")]


# -- small counts in Chinese numerals ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "written", "value", "unit"), [
    ("镇党委每季度召开一次联席会议", "一次", 1, "次"),                      # 每 + a cue: one is a count
    ("每个村至少配备一名专职调解员", "一名", 1, "名"),
    ("各社區各設一支義工隊", "一支", 1, "支"),                             # traditional
    ("会议邀请居民代表、四个职能部门负责人参加", "四个", 4, "个"),          # after 、
    ("投訴須於五個工作天內回覆", "五个工作天", 5, "个工作天"),              # after 于, traditional
    ("新增就业2万人,八件民生实事全部办结", "八件", 8, "件"),                # opening its clause
    ("围绕宣传、调解、帮扶三个环节开展工作", "三个", 3, "个"),              # summing a list
    ("全县共设立两个调解中心", "两个", 2, "个"),                            # a cue (设立)
    ("街道成立三个工作组分片包干", "三个", 3, "个"),                        # a cue (成立)
    ("年内,十项重点任务全部完成", "十项", 10, "项"),                        # 十 alone opening its clause
])
def test_small_counts(lx, text: str, written: str, value: float, unit: str) -> None:
    assert (written, value, unit) in figures(lx, text)


@pytest.mark.parametrize("text", [
    "推行一次性补助办法",                  # a fixed expression (numeralIdioms)
    "打造一批示范社区",                    # a kind of amount (countBlockers)
    "从三个方面推进改革",                  # aspects, not a count
    "推行一村一品、一户一档",              # the distributive 一X一Y
    "統一個人資料格式",                    # 统一 is no numeral (traditional)
    "和居民一起商量",                      # 一起: together
    "每一个社区都要建立台账",              # 每一: every single
    "建立一个平台",                        # 一 with no cue: an article
    "理顺四个环节",                        # a bare verb before it: no counting context
    "落实“两个维护”",                      # quoted
    "做好第三次普查",                      # an ordinal
    "每百户居民拥有一处议事场所",          # a ratio standard per hundred
    "工作十分重要",                        # 十分: very
])
def test_small_numerals_that_count_nothing(lx, text: str) -> None:
    assert figures(lx, text) == []


# -- what a figure measures ------------------------------------------------------------------------------
def subjects(text: str) -> dict[str, list[str]]:
    from kg.pipeline import extract_text

    return {q.span.quote: [label for _, label in q.measures] for q in extract_text(text).quantities}


@pytest.mark.parametrize(("text", "figure", "handler"), [
    ("依托“邻里通”服务平台,收集居民意见建议3200余条,办结率达97.5%。", "97.5%", "“邻里通”服务平台"),
    ("「安心站」服務平台全年受理群眾訴求5.2萬件，按時辦結率96.4%。", "96.4%", "“安心站”服务平台"),   # traditional
    ("完善“街巷管家”平台与政务热线联动机制,群众诉求办结率保持在95%以上。", "95%以上", "“街巷管家”平台"),
])
def test_a_handling_rate_measures_the_handler_not_the_people(text: str, figure: str, handler: str) -> None:
    assert subjects(text)[figure] == [handler]


@pytest.mark.parametrize(("text", "figure", "people"), [
    ("到2026年,全区社区工作者持证率达到60%。", "达到60%", "社区工作者"),               # their own rate
    ("依托“邻里通”服务平台,收集居民意见建议3200余条,居民参与率达40%。", "40%", "居民"),  # a people rate
    ("全区登记志愿者1.2万人,注册率达80%。", "80%", "志愿者"),                          # after a count of people
])
def test_a_rate_of_the_people_themselves_stays_theirs(text: str, figure: str, people: str) -> None:
    assert subjects(text)[figure] == [people]


@pytest.mark.parametrize(("text", "figure", "place", "programme"), [
    ("本文以杭州市为案例,该市自2022年起实施“清水家园”河道整治行动,累计整治河道120公里,总投资约3.5亿元。",
     "约3.5亿元", "杭州市", "“清水家园”河道整治行动"),
    ("本文以南京市为案例，該市自2021年起推行「安居樂業」老舊小區改造工程，累計改造小區240個，總投資約9.8億元。",
     "240個", "南京市", "“安居乐业”老旧小区改造工程"),                                        # traditional
])
def test_a_place_figure_after_a_programme_measures_the_programme_too(text, figure, place, programme) -> None:
    got = subjects(text)[figure]
    assert place in got and programme in got


def test_a_figure_naming_its_own_noun_does_not_take_the_programme() -> None:
    got = subjects("本文以南京市为案例,该市自2021年起推行“安居乐业”老旧小区改造工程,全市志愿者达到2000名。")
    assert got["达到2000名"] == ["志愿者"]


@pytest.mark.parametrize(("text", "figure", "fund"), [
    ("市财政每年安排社区养老专项资金3000万元,用于设施改造。", "3000万元", "社区养老专项资金"),
    ("區財政全年投入鄰里互助專項經費約800萬元。", "約800萬元", "邻里互助专项经费"),          # traditional
    ("今年发放各类慰问资金1.2亿元。", "1.2亿元", "慰问资金"),                              # determiner left out
])
def test_a_sum_measures_the_fund_named_before_it(text: str, figure: str, fund: str) -> None:
    from kg.pipeline import extract_text

    ex = extract_text(text)
    (q,) = [q for q in ex.quantities if q.span.quote == figure]
    assert ("Mechanism", fund) in q.measures
    assert fund in {e.label for e in ex.entities}


@pytest.mark.parametrize("text", ["市财政每年安排资金5000万元。", "基金会累计募集资金2000万元。"])
def test_a_bare_fund_word_names_no_fund(text: str) -> None:
    from kg.pipeline import extract_text

    assert not any(e.label.endswith("资金") for e in extract_text(text).entities)


@pytest.mark.parametrize(("text", "figure", "people"), [
    ("该工程累计改造小区120个,惠及居民3.2万户。", "3.2万户", "居民"),
    ("計劃全年惠及困難群眾1.5萬人次。", "1.5萬人次", "困难群众"),                                # traditional
])
def test_the_people_a_figure_benefits_are_named_without_the_verb(text: str, figure: str, people: str) -> None:
    from kg.pipeline import extract_text

    ex = extract_text(text)
    assert not any(e.label.startswith("惠及") for e in ex.entities)
    assert ("Actor", people) in next(q for q in ex.quantities if q.span.quote == figure).measures


@pytest.mark.parametrize(("text", "figure", "listed"), [
    ("全区街道干部、社区工作者和网格员共3200人参加培训。", "3200人", ["街道干部", "社区工作者", "网格员"]),
    ("全縣鎮村幹部和志願者共約1,500人參與。", "約1,500人", ["镇村干部", "志愿者"]),                   # traditional
])
def test_a_total_after_a_list_measures_every_name_listed(text: str, figure: str, listed: list[str]) -> None:
    assert subjects(text)[figure] == listed


def test_a_figure_after_a_list_without_a_total_word_keeps_one_name() -> None:
    assert subjects("全区街道干部、社区工作者和网格员3200人参加培训。")["3200人"] == ["网格员"]


@pytest.mark.parametrize(("text", "figure", "fund"), [
    ("市财政每年安排社区养老专项资金3000万元,对每个站点给予不超过20万元补助。", "不超过20万元", "社区养老专项资金"),
    ("區財政全年投入鄰里互助專項經費約800萬元，每個社區最高可獲10萬元。", "10萬元", "邻里互助专项经费"),
])
def test_a_later_sum_of_the_sentence_is_paid_from_its_fund(text: str, figure: str, fund: str) -> None:
    assert fund in subjects(text)[figure]


@pytest.mark.parametrize(("text", "figure", "covered"), [
    ("引导物流企业参与社区治理。到2026年,物流企业党组织覆盖率达到80%。", "达到80%", "物流企业"),
    ("引導快遞企業參與社區治理，快遞企業黨組織覆蓋率達到80%。", "達到80%", "快递企业"),           # traditional
])
def test_a_coverage_rate_of_party_organisations_measures_what_they_cover(text, figure, covered) -> None:
    got = subjects(text)[figure]
    assert covered in got and covered + "党组织" in got


def test_the_covered_stem_must_be_named_elsewhere() -> None:
    assert subjects("物流企业党组织覆盖率达到80%。")["达到80%"] == ["物流企业党组织"]


@pytest.mark.parametrize(("text", "brought", "handled", "people", "handler"), [
    ("依托“邻里通”服务平台,收集居民诉求3200余件,化解矛盾纠纷1500起。", "3200余件", "1500起", "居民",
     "“邻里通”服务平台"),
    ("依託「安心站」服務平台，受理群眾訴求5,200件，調處鄰里糾紛860宗。", "5,200件", "860宗", "群众",
     "“安心站”服务平台"),                                                                       # traditional
])
def test_matters_the_people_bring_are_handled_by_the_handler(text, brought, handled, people, handler) -> None:
    got = subjects(text)
    assert got[brought] == [people, handler]
    assert got[handled] == [handler]


@pytest.mark.parametrize(("text", "name"), [
    ("区慈善基金会全年资助居民自治项目120个。", "居民自治项目"),
    ("本年度資助「鄰里守望」長者關懷計劃下的30個活動。", "“邻里守望”长者关怀计划"),               # traditional
])
def test_the_verb_of_funding_ends_a_name(text: str, name: str) -> None:
    from kg.pipeline import extract_text

    labels = {e.label for e in extract_text(text).entities}
    assert name in labels and not any(label.startswith("资助") for label in labels)
