"""Goals: leading positions, 平安/法治 + a place, 的-modifiers after a goal verb, lists of …感, coverage
phrases, headings. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): core_class(e.cls) for e in extract_text(text).entities}


def _goals(text: str) -> set[str]:
    return {k for k, v in _labels(text).items() if v == "Goal"}


@pytest.mark.parametrize(("text", "goal"), [
    ("力争社区服务水平走在全国前列。", "走在全国前列"),
    ("推动养老服务走在长三角地区前列。", "走在长三角地区前列"),
    ("力爭社區服務水平走在全省前列。", "走在全省前列"),
    ("确保基层治理水平进入全省第一梯队。", "进入全省第一梯队"),
    ("全县营商环境进入全省第一方阵。", "进入全省第一方阵"),
])
def test_a_leading_position_is_a_goal(text: str, goal: str) -> None:
    assert goal in _goals(text), _labels(text)


@pytest.mark.parametrize(("text", "goal"), [
    ("全市上下奋力建设更高水平的法治湖州。", "更高水平的法治湖州"),
    ("奋力建设平安浙江。", "平安浙江"),  # 平安浙江建设 is the campaign (a measure): test_generalisation_4_classes
    ("奮力建設平安浙江。", "平安浙江"),
])
def test_a_place_with_a_quality_is_a_goal(text: str, goal: str) -> None:
    assert goal in _goals(text), _labels(text)


def test_a_place_with_a_quality_is_pursued_by_the_subject() -> None:
    x = extract_text("湖州市将以建设更高水平的法治湖州为目标,持续深化基层治理。")
    pairs = {(normalise_name(r.subject[1]), normalise_name(r.object[1])) for r in x.relations}
    assert ("湖州市", "更高水平的法治湖州") in pairs, x.relations


@pytest.mark.parametrize(("text", "goal"), [
    ("努力构建人人尽责的基层治理共同体。", "人人尽责的基层治理共同体"),
    ("努力構建人人盡責的基層治理共同體。", "人人尽责的基层治理共同体"),
    ("加快形成多元共治、协同高效的社区治理新格局。", "多元共治、协同高效的社区治理新格局"),
])
def test_a_goal_keeps_the_modifier_its_verb_opens(text: str, goal: str) -> None:
    assert goal in _goals(text), _labels(text)


@pytest.mark.parametrize("text", [
    "让群众获得感、幸福感、安全感更加充实。",
    "讓群眾獲得感、幸福感、安全感更加充實。",
])
def test_a_list_of_senses_is_one_goal(text: str) -> None:
    goals = _goals(text)
    assert "获得感、幸福感、安全感" in goals, goals
    assert "幸福感" not in goals and "安全感" not in goals


@pytest.mark.parametrize("text", [
    "到2025年实现社区养老服务全覆盖。",
    "全县实现村(社区)法律顾问全覆盖。",
])
def test_coverage_is_a_figure_of_speech_not_a_goal(text: str) -> None:
    assert not any("全覆盖" in g for g in _goals(text)), _goals(text)


def test_a_section_heading_names_no_goal() -> None:
    text = "某县2023年工作总结\n一、基层组织建设持续夯实\n全县新建村级党群服务中心20个,培训党员3000人次。\n"
    assert "加强基层组织建设" not in _labels(text) and "基层组织建设" not in _labels(text)
