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
