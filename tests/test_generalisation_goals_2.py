"""Goals, second round: short aims listed after 做到/确保/力争 (the people they are for may stand first), the
safety net a measure weaves (织密……安全网, 筑牢……防线), a quoted saying a measure lets people reach
(让居民真正“……”). Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _by_core(text: str, core: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == core}


@pytest.mark.parametrize(("text", "goal"), [
    ("建立走访制度,做到早排查、早预警、早处置。", "早排查、早预警、早处置"),
    ("建立走訪制度,做到早排查、早預警、早處置。", "早排查、早预警、早处置"),
    ("简化审批流程,确保困难群众求助有门、受助及时。", "求助有门、受助及时"),
    ("簡化審批流程,確保困難群眾求助有門、受助及時。", "求助有门、受助及时"),
])
def test_short_aims_after_a_verb_of_aims(text: str, goal: str) -> None:
    assert goal in _by_core(text, "Goal"), _by_core(text, "Goal")


def test_a_list_of_names_after_a_verb_of_aims_is_no_aim() -> None:
    assert not any("、" in g for g in _by_core("确保社区食堂、日间照料中心正常运行。", "Goal"))


@pytest.mark.parametrize(("text", "goal"), [
    ("各地要织密扎牢社会救助兜底保障网,守住民生底线。", "社会救助兜底保障网"),
    ("各地要織密紮牢社會救助兜底保障網。", "社会救助兜底保障网"),
    ("全面筑牢基层矛盾纠纷化解防线。", "基层矛盾纠纷化解防线"),
])
def test_the_net_a_measure_weaves_is_an_aim(text: str, goal: str) -> None:
    assert goal in _by_core(text, "Goal"), _by_core(text, "Goal")


@pytest.mark.parametrize("text", [
    "只有让村民真正“说得上话、议得成事”,基层协商才有生命力。",
    "只有讓村民真正「說得上話、議得成事」,基層協商才有生命力。",
])
def test_a_quoted_saying_people_are_let_reach_is_an_aim(text: str) -> None:
    assert "说得上话、议得成事" in _by_core(text, "Goal"), _by_core(text, "Goal")
    assert "说得上话、议得成事" not in _by_core(text, "Mechanism")


def test_a_quote_naming_a_platform_after_let_stays_a_name() -> None:
    found = _by_core("让“邻里通”平台覆盖全部小区。", "Mechanism")
    assert any("邻里通" in m for m in found), found


@pytest.mark.parametrize("text", [
    "到2027年,覆盖全域、响应迅速、运转高效的应急服务体系基本建立。",
    "構建覆蓋全域、響應迅速、運轉高效的應急服務體系。",
])
def test_a_system_described_by_its_qualities_is_an_aim(text: str) -> None:
    assert "覆盖全域、响应迅速、运转高效的应急服务体系" in _by_core(text, "Goal"), _by_core(text, "Goal")


def test_a_system_without_a_list_of_qualities_stays_a_mechanism() -> None:
    assert any(m.endswith("服务体系") for m in _by_core("建立社区应急服务体系。", "Mechanism"))
