"""Figures, fifth round: indicator tables written as text lines, durations, counts summing up a list or a whole,
and what a figure measures (sentences invented for these tests, simplified and traditional)."""

from __future__ import annotations

import pytest
from sentences import both, figures

from kg.ingest import normalise
from kg.nlp.lexicon import load_default_lexicon
from kg.nlp.metrics import table_quantities


@pytest.fixture(scope="module")
def lx():
    return load_default_lexicon()


def values(lx, text: str) -> list[tuple[float, str]]:
    return [(v, u) for _, v, u in figures(lx, text)]


def cells(lx, text: str) -> list[tuple[str, float, str, str | None]]:
    norm = normalise(text)[0]
    return [(norm[q.start:q.end], q.value, q.unit, q.qualifier) for q in table_quantities(norm, lx)]


def subjects(text: str) -> dict[str, list[str]]:
    from kg.pipeline import extract_text

    return {q.span.quote: [label for _, label in q.measures] for q in extract_text(text).quantities}


# -- indicator tables written as lines -----------------------------------------------------------------------
_TABLE = ("表2　全县养老服务主要指标\n"
          "指标｜2024年｜2027年｜属性\n"
          "养老机构护理型床位占比（%）｜52.5｜≥65｜约束性\n"
          "每千名老年人拥有养老床位数（张）｜31｜35｜预期性\n"
          "特殊困难老年人月探访率（%）｜88｜100｜约束性\n")


def test_a_table_gives_one_figure_per_cell_with_the_unit_of_its_row(lx) -> None:
    for text in both(_TABLE):
        got = cells(lx, text)
        assert [(q, v, u) for q, v, u, _ in got] == [
            ("52.5", 52.5, "%"), ("≥65", 65, "%"), ("31", 31, "张"), ("35", 35, "张"), ("88", 88, "%"),
            ("100", 100, "%")]
        assert got[1][3] == "≥"  # a bound sign is the cell's qualifier


def test_the_latest_year_column_holds_targets(lx) -> None:
    got = table_quantities(normalise(_TABLE)[0], lx)
    assert [(q.year, q.until, q.is_target) for q in got[:2]] == [(2024, None, False), (None, 2027, True)]


def test_a_table_with_a_unit_column_and_value_heads(lx) -> None:
    text = ("| 指标名称 | 单位 | 基期值 | 目标值 |\n"
            "|---|---|---|---|\n"
            "| 城市社區綜合服務設施覆蓋率 | % | 90 | 100 |\n"
            "| 社区工作者 | 万人 | 1.2 | 1.5 |\n")
    got = table_quantities(normalise(text)[0], lx)
    assert [(q.value, q.unit, q.is_target) for q in got] == [
        (90, "%", False), (100, "%", True), (12_000, "人", False), (15_000, "人", True)]


def test_a_table_pasted_with_tabs_keeps_its_cells_through_normalisation(lx) -> None:
    # a table copied from a spreadsheet or a word processor: cells split by tabs (Han on both sides of a tab)
    tabbed = _TABLE.replace("｜", "\t")
    assert "\t" in normalise(tabbed)[0]
    assert [(q, v, u) for q, v, u, _ in cells(lx, tabbed)] == [(q, v, u) for q, v, u, _ in cells(lx, _TABLE)]


@pytest.mark.parametrize("text", [
    "详见附件|联系人|张三\n",                                    # one line with bars, no header
    "项目｜负责单位｜完成时限\n道路改造｜区住建局｜12\n",              # a header naming no years or values
    "指标｜2024年｜2025年\n社区数量｜12｜15\n",                       # a row with no unit
])
def test_no_figures_in_lines_that_are_no_indicator_table(lx, text: str) -> None:
    assert cells(lx, text) == []


def test_column_heads_attributes_and_the_table_number_are_no_figures() -> None:
    from kg.pipeline import extract_text

    got = sorted((q.span.quote, q.value) for q in extract_text(_TABLE).quantities)
    assert ("52.5", 52.5) in got
    assert not any(v in (2, 2024, 2027) for _, v in got)


def test_a_table_cell_measures_its_row_and_the_jurisdiction() -> None:
    text = ("青田县“十五五”养老服务规划\n到2027年，全县养老服务体系更加健全。\n"
            "指标｜2024年｜2027年｜属性\n社区工作者持证率（%）｜40｜≥60｜预期性\n")
    got = subjects(text)
    assert "社区工作者" in got["≥60"] and "青田县" in got["≥60"]


# -- durations, lists summed up, wholes counted -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("她扎根基层社区工作十二年", 12, "年"),
    ("該村連續三年獲評衛生村", 3, "年"),                                    # traditional
    ("对连续两个月未完成进度的项目予以通报", 2, "个月"),
    ("老站长在调解岗位上坚守20年", 20, "年"),
])
def test_a_period_after_a_word_of_duration_is_a_figure(lx, text: str, value: float, unit: str) -> None:
    assert values(lx, text) == [(value, unit)]


@pytest.mark.parametrize("text", [
    "实施城乡环境整治三年行动",
    "過去一年，社區服務持續改善",                                            # traditional
    "2025年12月15日前完成",
])
def test_periods_that_are_no_durations(lx, text: str) -> None:
    assert figures(lx, text) == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("考核内容分为党建、服务、治理三类指标", 3, "类"),
    ("補助對象分為低保、特困和殘疾三類人員", 3, "类"),                          # traditional, 和
    ("全市七个区均已建成指挥中心", 7, "个"),
    ("全年兩次開展安全檢查", 2, "次"),                                          # traditional
])
def test_a_count_summing_up_a_list_or_a_whole(lx, text: str, value: float, unit: str) -> None:
    assert values(lx, text) == [(value, unit)]


@pytest.mark.parametrize("text", [
    "推行一类地区优先保障",              # a rank, no count
    "對三類人員實行分類管理",            # traditional: no list before
])
def test_a_word_of_kinds_without_a_list_is_no_count(lx, text: str) -> None:
    assert figures(lx, text) == []


def test_a_list_of_other_length_is_not_summed_up(lx) -> None:
    assert figures(lx, "甲、乙、丙两类机构") == []
    assert figures(lx, "坚持一村一品、一镇一业两个一") == []


# -- what a figure measures -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", both(
    "全市已建成社区食堂86个，覆盖12个街道；城关区将网格员纳入“榕城智管”平台，事件平均办结时间由4.2天缩短至1.8天。"))
def test_a_semicolon_segment_opening_with_its_own_actor_does_not_carry_the_previous_subject(text: str) -> None:
    got = subjects(text)
    for figure in ("4.2天", "1.8天"):
        assert "城关区" in got[figure] and "街道" not in got[figure]


def test_a_segment_opening_with_no_name_keeps_the_sentence_subject() -> None:
    got = subjects("城关区已建成社区食堂86个，覆盖12个街道；此外，事件平均办结时间由4.2天缩短至1.8天。")
    assert got["4.2天"] == got["12个"]  # no actor opens the segment: the subject carried on stays


@pytest.mark.parametrize(("text", "figure", "handler"), [
    ("区信访局收集居民建议860项，办结率达95.5%。", "95.5%", "区信访局"),
    ("鎮綜治中心收集群眾意見1200項，辦結率達96%。", "96%", "镇综治中心"),       # traditional
])
def test_a_rate_of_handling_after_matters_counted_in_xiang_measures_the_handler(text, figure, handler) -> None:
    got = subjects(text)
    assert any(handler in s for s in got[figure]) and "居民" not in got[figure] and "群众" not in got[figure]


@pytest.mark.parametrize("text", both("城关区30个社区中仅12个设有洗衣房。") + ["城關區30個社區當中僅12個設有洗衣房。"])
def test_a_figure_among_a_counted_name_measures_that_name(text: str) -> None:
    assert "社区" in subjects(text)["12个" if "个" in text else "12個"]


def test_a_figure_after_a_list_of_counted_names_is_not_the_first_ones() -> None:
    assert "社区" not in subjects("城关区30个社区、12个村设有洗衣房。")["12个"]  # 、: another count


@pytest.mark.parametrize(("text", "figure", "group"), [
    ("城关区现有60周岁以上老年人2.1万人。", "60周岁以上", "60周岁以上老年人"),
    ("全区有留守老人300人，其中80岁以上老年人120人。", "80岁以上", "80岁以上老年人"),
    ("全區有留守老人300人，其中80歲以上老年人120人。", "80歲以上", "80岁以上老年人"),  # traditional
])
def test_an_age_opening_a_group_measures_the_group(text: str, figure: str, group: str) -> None:
    assert subjects(text)[figure] == [group]


@pytest.mark.parametrize("text", both(
    "2021年，她在社区推出“红色管家”服务，组织党员上门帮办。两年来累计帮办事项800余件，办结率98%。"))
def test_a_sentence_naming_nothing_goes_on_with_the_mechanism_of_the_sentence_before(text: str) -> None:
    got = subjects(text)
    for figure in ("800余件" if "余" in text else "800餘件", "98%"):
        assert len(got[figure]) == 1 and "红色管家" in got[figure][0]  # 红色管家 or “红色管家”服务


def test_a_new_paragraph_does_not_go_on_with_the_mechanism_before() -> None:
    got = subjects("2021年，她在社区推出“红色管家”服务，组织党员上门帮办。\n两年来累计帮办事项800余件。")
    assert not any("红色管家" in x for x in got["800余件"])


@pytest.mark.parametrize("text", both(
    "受市财政局委托，第三方机构对市民政局管理的2024年度养老服务专项资金开展绩效评价。"
    "该资金年度预算1,200万元，实际支出1,050万元，预算执行率87.5%。"))
def test_an_anaphor_of_a_fund_points_back_to_the_fund_named_before(text: str) -> None:
    from kg.pipeline import extract_text

    x = extract_text(text)
    assert any(e.label == "2024年度养老服务专项资金" and e.core == "Mechanism" for e in x.entities)
    for q in x.quantities:  # the sentence opens with 该资金: its clauses naming nothing go on with it
        assert [label for _, label in q.measures] == ["2024年度养老服务专项资金"]


def test_no_fund_without_an_anaphor_pointing_back() -> None:
    from kg.pipeline import extract_text

    x = extract_text("市民政局对2024年度养老服务专项资金开展绩效评价。全年新建助餐点30个。")
    assert not any("专项资金" in label for q in x.quantities for _, label in q.measures)


@pytest.mark.parametrize("text", both("市财政局委托第三方机构开展绩效评价，评价指标体系设置三级指标。本次评价综合得分88分。"))
def test_this_time_points_back_to_the_evaluation_named_before(text: str) -> None:
    assert "评价指标体系" not in subjects(text)["88分"]


@pytest.mark.parametrize("text", both("社区为85户困难家庭提供“代购代缴”服务，全年代购各类物品1,300余件。"))
def test_a_clause_doing_what_a_practice_names_counts_its_work(text: str) -> None:
    got = subjects(text)
    figure = next(f for f in got if f.startswith("1,300"))
    assert len(got[figure]) == 1 and "代购代缴" in got[figure][0]  # 代购代缴 or “代购代缴”服务


def test_a_clause_doing_something_else_is_not_the_practice() -> None:
    got = subjects("社区为85户困难家庭提供“代购代缴”服务，全年走访党员1,300余人次。")
    assert not any("代购代缴" in x for x in got["1,300余人次"])


@pytest.mark.parametrize("text", both(
    "区民政局联合区卫健局组成督查组，在全区选取12个社区开展督查，发放问卷600份，回收有效问卷580份，有效率96.7%。"))
def test_a_clause_opening_with_a_verb_goes_on_with_the_body_formed_not_the_things_counted(text: str) -> None:
    got = subjects(text)
    for figure in ("600份", "580份", "96.7%"):
        assert got[figure] == ["督查组"]
    assert got["12个" if "个" in text else "12個"] == ["社区"]


def test_a_clause_naming_its_own_people_keeps_them() -> None:
    got = subjects("区民政局联合区卫健局组成督查组，在全区选取12个社区开展督查，走访居民600户。")
    assert got["600户"] == ["居民"]


@pytest.mark.parametrize("text", both(
    "当前仍存在一些问题：一是队伍老化严重，50岁以上网格员占比达65%；二是保障不足，多数街道每人每月补贴不足300元。"))
def test_a_figure_stating_a_weakness_measures_the_challenge(text: str) -> None:
    got = subjects(text)
    assert "队伍老化严重" in got["65%"]                          # the challenge opening its item
    assert "多数街道每人每月补贴不足300元" in got["300元"]         # the challenge holding the figure


def test_a_figure_before_the_weakness_does_not_measure_it() -> None:
    got = subjects("全区建成养老服务站12个；二是队伍老化严重。")
    assert "队伍老化严重" not in got["12个"]


def test_a_sentence_with_a_noun_subject_of_its_own_does_not_go_on_with_the_mechanism_before() -> None:
    got = subjects("2021年，她在社区推出“红色管家”服务，组织党员上门帮办。社区综合服务设施面积全部达到每百户30平方米以上。")
    assert not any("红色管家" in x for x in got["30平方米以上"])


@pytest.mark.parametrize(("text", "figure", "place"), [
    ("兰州市民政局召开会议。会议指出，全市八个区县均已建成社区指挥中心。", "八个", "兰州市"),
    ("蘭州市民政局召開會議。會議指出，全市八個區縣均已建成社區指揮中心。", "八個", "兰州市"),   # traditional
    ("澳门特别行政区政府发布报告。全澳七个堂区均设有社区中心。", "七个", "澳门特别行政区"),         # 全 + the name's first character
])
def test_a_count_of_the_whole_measures_the_jurisdiction(text: str, figure: str, place: str) -> None:
    assert place in subjects(text)[figure]


def test_a_whole_year_is_no_place() -> None:
    assert "兰州市" not in subjects("兰州市民政局召开会议。会议指出，全年两次开展安全检查。")["两次"]


def test_a_tab_separated_table_is_read_when_the_tabs_are_kept(lx) -> None:
    text = "指标\t2024年\t2027年\n社区工作者持证率（%）\t40\t≥60\n"
    assert [(q.value, q.unit) for q in table_quantities(text, lx)] == [(40, "%"), (60, "%")]


@pytest.mark.parametrize("text", both(
    "市财政局对2024年度乡村振兴奖补资金开展审计。上述资金全年拨付2,400万元，用于城关镇、河口镇等地的30个村。"))
def test_a_fund_named_after_a_body_and_a_preposition_and_what_it_covers(text: str) -> None:
    from kg.pipeline import extract_text

    x = extract_text(text)
    assert any(e.label == "2024年度乡村振兴奖补资金" for e in x.entities)  # not 市财政局对……
    covered = next(q for q in x.quantities if q.value == 30)
    assert "2024年度乡村振兴奖补资金" in [label for _, label in covered.measures]  # 用于……: the fund's coverage
