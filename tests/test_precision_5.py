"""Precision of the fifth round's class and challenge rules on ordinary governance text: a quoted list after a
verb of principle is an aim only when it lists values, not a working rule (坚持“分级负责、属地管理”; an item
opened by an abbreviation, 党建+引领). Sentences are invented for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): e.cls for e in extract_text(text).entities}


# -- a working rule after a verb of principle -------------------------------------------------------------
@pytest.mark.parametrize(("text", "rule"), [
    ("坚持“统一规划、分级负责”的原则，建立联席会议制度。", "统一规划、分级负责"),
    ("堅持「屬地管理、分級負責」，壓實各方責任。", "属地管理、分级负责"),
    ("坚持“党建引领、多元共治”，完善议事协商机制。", "党建引领、多元共治"),
    ("全县上下坚持“归口管理、分类指导”，推动工作落实。", "归口管理、分类指导"),
])
def test_a_working_rule_after_a_verb_of_principle_is_no_aim(text: str, rule: str) -> None:
    labels = _labels(text)
    assert labels.get(rule) == "Practice", labels


@pytest.mark.parametrize(("text", "goal"), [
    ("秉持“公开、公平、公正”的原则开展评选。", "公开、公平、公正"),
    ("我們始終堅持「以人為本、共建共享」。", "以人为本、共建共享"),
])
def test_values_after_a_verb_of_principle_stay_an_aim(text: str, goal: str) -> None:
    assert _labels(text).get(goal) == "StrategicGoal", _labels(text)


# -- tasks pushed down the levels: a weakness only when something is pushed, not as a directive -----------
def _challenges(text: str) -> list[str]:
    return [e.label for e in extract_text(text).entities if e.cls == "Challenge"]


@pytest.mark.parametrize("text", [
    "层层下压责任，压紧压实各方责任。",
    "要層層下壓責任，確保各項任務落實到位。",
    "各级必须层层加码推进整改，确保按期完成。",
])
def test_pushing_down_the_levels_as_a_directive_is_no_weakness(text: str) -> None:
    assert not _challenges(text), _challenges(text)


@pytest.mark.parametrize("text", [
    "大量任务层层下压到社区，社区不堪重负。",
    "一些部門把填報任務層層轉嫁給社區。",
])
def test_tasks_pushed_down_the_levels_stay_a_weakness(text: str) -> None:
    assert _challenges(text), extract_text(text).entities


# -- a predicate negated in degree: the 等 closing a list is not part of it -----------------------------
@pytest.mark.parametrize(("text", "weak"), [
    ("但仍存在专业人才不足、服务能力不够强等问题。", "服务能力不够强"),
    ("目前仍存在隊伍不穩定、服務能力不夠強等問題。", "服务能力不够强"),
])
def test_a_degree_negation_before_deng_ends_the_weakness(text: str, weak: str) -> None:
    assert weak in _challenges(text), _challenges(text)


@pytest.mark.parametrize("text", ["项目资金不够时可申请省级补助。", "資金不夠時可申請省級補助。"])
def test_a_condition_of_not_enough_is_no_weakness(text: str) -> None:
    assert not _challenges(text), _challenges(text)


# -- a verb after a noun of manner is the predicate, not part of a document's name ------------------------
@pytest.mark.parametrize("text", [
    "以“线上+线下”方式征求群众意见。",
    "通过“线上+线下”方式征求意见建议500余条。",
    "採取「四議兩公開」方式徵求意見。",
])
def test_a_verb_after_a_noun_of_manner_opens_no_document(text: str) -> None:
    labels = _labels(text)
    assert not [k for k, c in labels.items() if c == "Policy"], labels
    assert any(c == "Practice" for c in labels.values()), labels


def test_a_document_named_after_its_issuing_verb_stays() -> None:
    labels = _labels("市民政局制定《社区服务站建设管理办法》，规范站点运行。")
    assert labels.get("社区服务站建设管理办法") == "Policy", labels


# -- a rating before a preposition is the verb (rated as), no scheme --------------------------------------
@pytest.mark.parametrize("text", ["年度考核评定为优秀等次的，给予通报表扬。", "年度考核被評定為優秀等次的，給予獎勵。"])
def test_rated_as_names_no_rating(text: str) -> None:
    assert not any("评定" in k for k in _labels(text)), _labels(text)


def test_a_rating_with_what_is_rated_stays() -> None:
    labels = _labels("开展社区工作者职业等级评定，评定结果与薪酬挂钩。")
    assert labels.get("社区工作者职业等级评定") == "Practice", labels


# -- an unquoted goal before 建设 in a document's title is still the document's aim --------------------------
@pytest.mark.parametrize(("text", "goal"), [
    ("省委省政府印发《关于加强基层治理体系和治理能力现代化建设的实施意见》。", "基层治理现代化"),
    ("市政府印發《關於推進鄉村治理現代化建設的實施意見》。", "乡村治理现代化"),
])
def test_a_goal_in_a_title_before_a_campaign_noun_stays(text: str, goal: str) -> None:
    assert _labels(text).get(goal) == "StrategicGoal", _labels(text)


def test_a_quoted_goal_in_a_campaign_pilot_is_none() -> None:
    labels = _labels("该社区获评某省“幸福社区”建设试点。")
    assert not [k for k, c in labels.items() if c == "StrategicGoal"], labels


# -- qualities joined by 的 to a place: not to a quality jieba tags as a place ------------------------------
@pytest.mark.parametrize("text", ["努力建设和谐宜居的美丽城市，打造安全稳定的社会环境。", "努力建設和諧宜居的美麗城市。"])
def test_qualities_before_a_quality_make_no_cut_goal(text: str) -> None:
    labels = _labels(text)
    assert "和谐宜居的美丽" not in labels, labels
    assert labels.get("美丽城市") == "StrategicGoal", labels


def test_qualities_of_a_named_place_stay_one_goal() -> None:
    assert _labels("建设和谐宜居的长沙。").get("和谐宜居的长沙") == "StrategicGoal"


# -- a year before a group's name ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "group"), [
    ("市财政下达2025年度城乡居民基本医疗保险补助资金。", "城乡居民"),
    ("2024年度村幹部報酬提高10%。", "村干部"),
])
def test_a_year_is_not_part_of_a_groups_name(text: str, group: str) -> None:
    labels = _labels(text)
    assert labels.get(group) == "Group", labels
    assert not any(k.startswith("年度") for k in labels), labels


# -- a base or a section names a platform only as a digital or service one ----------------------------------
@pytest.mark.parametrize("text", [
    "设备底座松动，存在安全隐患。",
    "設備底座鬆動，存在安全隱患。",
    "商场设立新能源汽车专区，吸引大批顾客。",
    "当年伊犁专区、塔城专区划归自治州管辖。",
])
def test_a_physical_base_or_section_is_no_platform(text: str) -> None:
    labels = _labels(text)
    assert not [k for k, c in labels.items() if c == "Platform"], labels


@pytest.mark.parametrize(("text", "platform"), [
    ("夯实数字底座，推动数据资源整合。", "数字底座"),
    ("建設全省統一的社區治理數字底座。", "社区治理数字底座"),
    ("开设政务服务网上专区，方便群众办事。", "政务服务网上专区"),
    ("在平台開設「鄰里事務」專區。", "邻里事务专区"),
])
def test_a_digital_base_or_section_is_a_platform(text: str, platform: str) -> None:
    assert _labels(text).get(platform) == "Platform", _labels(text)


# -- a profile line opened by a party of a case names no person -----------------------------------------
@pytest.mark.parametrize("text", ["申请人，女，退休职工，家住某社区。", "當事人，男，45歲，無業。"])
def test_a_party_noun_opening_a_profile_line_is_no_person(text: str) -> None:
    labels = _labels(text)
    assert not [k for k, c in labels.items() if c == "Person"], labels


@pytest.mark.parametrize(("text", "person"), [("王丽华，女，1975年生，大学学历。", "王丽华"),
                                                ("陳嘉欣，女，1980年出生。", "陈嘉欣")])
def test_a_name_opening_a_profile_line_stays_a_person(text: str, person: str) -> None:
    assert _labels(text).get(person) == "Person", _labels(text)


# -- a condition supposed is no weakness stated -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "如资金不够，由县财政补足。",
    "若人手不足，可向街道申請臨時借調。",
    "一旦經費不足，項目將暫停實施。",
])
def test_a_conditional_clause_states_no_weakness(text: str) -> None:
    assert not _challenges(text), _challenges(text)


@pytest.mark.parametrize("text", ["如今社区人手不足，工作压力大。", "若干社區人手不足，服務難以覆蓋。"])
def test_words_opening_like_a_conditional_keep_the_weakness(text: str) -> None:
    assert any("人手不足" in c for c in _challenges(text)), _challenges(text)
