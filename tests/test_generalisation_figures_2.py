"""Figure subjects and the names they count, second round: the noun counted right after a number and a
measure word (roles in …员, households in …户, families in …家庭, bodies and units), a name of the figure's
own clause over the sentence's subject (群众满意度), a clause with a noun of its own not taking the previous
clause's subject, a rate after a count. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _subjects(text: str) -> dict[float, list[str]]:
    """Value -> the labels of what it measures (simplified: labels are; values are the same in both scripts)."""
    ex = extract_text(text)
    label = {e.key: normalise_name(e.label) for e in ex.entities}
    return {q.value: [label[k] for k in q.measures] for q in ex.quantities}


def _actors(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("每个小区明确2名物业纠纷调解员。", 2, "物业纠纷调解员"),
    ("每個小區明確2名物業糾紛調解員。", 2, "物业纠纷调解员"),
    ("街道为450户以上困难老人家庭提供上门服务。", 450, "困难老人家庭"),
    ("街道為450戶以上困難老人家庭提供上門服務。", 450, "困难老人家庭"),
    ("今年向2.3万户返贫监测户和特困户发放补贴。", 23000, "返贫监测户"),
    ("全区组建“邻里守望”调解队30支。", 30, "邻里守望调解队"),
    ("全區組建「鄰里守望」志願服務隊30支。", 30, "邻里守望志愿服务队"),
])
def test_the_counted_noun_is_the_subject(text: str, figure: float, subject: str) -> None:
    got = _subjects(text)
    assert got[figure] == [subject], got
    assert subject in _actors(text), _actors(text)


def test_coordinated_counted_groups_are_both_named() -> None:
    assert {"返贫监测户", "特困户"} <= _actors("今年向2.3万户返贫监测户和特困户发放补贴。")


def test_a_count_of_a_generic_noun_names_no_actor() -> None:
    assert not any(a.endswith("事项") for a in _actors("全年办理8个事项。"))


@pytest.mark.parametrize("text", [
    "东城区辖8个街道、61个社区,常住人口约52万人。",
    "東城區轄8個街道、61個社區,常住人口約52萬人。",
])
def test_a_clause_with_a_noun_of_its_own_falls_back_to_the_topic(text: str) -> None:
    got = _subjects(text)
    assert got[8] == ["街道"] and got[61] == ["社区"], got
    assert got[520000] == ["东城区"], got


@pytest.mark.parametrize("text", [
    "东城区委以网格化为抓手,持续优化服务,群众满意度达到96.4%,同比提高2.1个百分点。",
    "東城區委以網格化為抓手,持續優化服務,群眾滿意度達到96.4%,同比提高2.1個百分點。",
])
def test_people_named_before_their_rate_beat_the_sentence_subject(text: str) -> None:
    got = _subjects(text)
    assert got[96.4] == ["群众"], got
    assert got[2.1] == ["群众"], got  # carried on to the clause with no noun of its own


def test_a_rate_after_a_count_is_not_of_the_counted() -> None:
    got = _subjects("西城区110个社区全部建成养老服务站,覆盖率达100%。")
    assert got[110] == ["社区"], got
    assert got[100] == ["西城区"], got


def test_the_figure_after_a_count_still_carries_a_bare_count() -> None:
    got = _subjects("每个城市社区培育不少于8个社区社会组织,每个农村社区平均拥有不少于4个。")
    assert got[4] == ["社区社会组织"], got


def test_an_item_heading_with_a_quoted_practice_gives_its_figures_a_subject() -> None:
    text = ("二、以“红色议事厅”引导移风易俗。全镇推广“红色议事厅”,参与村民约2万人次,议定事项600件,"
            "办结率97.5%。\n")
    got = _subjects(text)
    assert got[97.5] == ["红色议事厅"], got


@pytest.mark.parametrize("text", [
    "东城区推动“邻里议事厅”建设。截至年底,全区建成邻里议事厅58个,累计召开议事会议900场。",
    "東城區推動「鄰里議事廳」建設。截至年底,全區建成鄰里議事廳58個,累計召開議事會議900場。",
])
def test_a_quoted_name_repeated_without_quotes_is_measured(text: str) -> None:
    got = _subjects(text)
    assert got[58] == ["邻里议事厅"], got
    assert got[900] == ["邻里议事厅"], got  # carried on: the clause's verb acts on what was built


def test_a_quoted_name_built_is_a_measure_not_an_aim() -> None:
    ex = extract_text("区民政局推动“邻里议事厅”建设。")
    assert {core_class(e.cls) for e in ex.entities if "邻里议事厅" in e.label} == {"Mechanism"}


@pytest.mark.parametrize("text", [
    "东城区于2019年设立“邻里”社区基金会。截至2023年底,该基金会累计募集资金约900万元。",
    "東城區於2019年設立「鄰里」社區基金會。截至2023年底,該基金會累計募集資金約900萬元。",
])
def test_a_figure_of_a_name_pointed_back_to(text: str) -> None:
    assert _subjects(text)[9000000] == ["邻里社区基金会"], _subjects(text)


def test_a_figure_with_no_name_in_its_sentence_measures_the_jurisdiction() -> None:
    text = ("海南省民政厅关于加强社区服务的通知\n"
            "各市、县民政局:\n"
            "到2025年,全省社区服务更加完善。主要指标如下。\n"
            "(一)城市社区综合服务设施覆盖率保持100%。\n")
    ex = extract_text(text)
    label = {e.key: normalise_name(e.label) for e in ex.entities}
    got = {q.value: [label[k] for k in q.measures] for q in ex.quantities}
    assert got[100] == ["海南省"], got


@pytest.mark.parametrize("text", ["市民政局将审批时限压缩至3个工作日以内。", "市民政局將審批時限壓縮至3個工作日以內。"])
def test_working_days_are_a_unit(text: str) -> None:
    qs = extract_text(text).quantities
    assert [(q.value, q.unit) for q in qs] == [(3, "个工作日")], [(q.value, q.unit) for q in qs]


@pytest.mark.parametrize("text", [
    "三、以“邻里评理会”化解纠纷。全镇吸纳老党员、退休干部200名,全年调处矛盾纠纷900件。\n",
    "三、以「鄰里評理會」化解糾紛。全鎮吸納老黨員、退休幹部200名,全年調處矛盾糾紛900件。\n",
])
def test_matters_counted_after_a_count_of_people_are_the_items(text: str) -> None:
    got = _subjects(text)
    assert got[900] == ["邻里评理会"], got
