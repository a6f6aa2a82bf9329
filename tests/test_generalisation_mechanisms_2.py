"""Mechanisms, second round: a head right before a noun of documents is their topic (某某经验材料, 某某经验
汇编), a place's 的 before a generic head names no model (某区的经验). Sentences are written for these tests
(simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _by_core(text: str, core: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == core}


@pytest.mark.parametrize("text", [
    "该做法被收入东城区基层治理经验汇编。",
    "該做法被收入東城區基層治理經驗匯編。",
    "以协商促善治——东城区基层治理经验材料",
])
def test_a_head_before_a_document_noun_is_no_name(text: str) -> None:
    assert not any(m.endswith("经验") for m in _by_core(text, "Mechanism")), _by_core(text, "Mechanism")


def test_a_named_experience_stays() -> None:
    assert "枫桥经验" in _by_core("各地推广新时代枫桥经验。", "Mechanism") | _by_core("各地推广枫桥经验。", "Mechanism")


@pytest.mark.parametrize("text", ["东城区的经验表明,协商管用。", "東城區的經驗表明,協商管用。"])
def test_a_places_experience_is_no_model(text: str) -> None:
    assert not _by_core(text, "Mechanism"), _by_core(text, "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("各街道形成“需求收集—项目设计—居民评议”的服务链条。", "需求收集—项目设计—居民评议的服务链条"),
    ("各街道形成「需求收集—項目設計—居民評議」的服務鏈條。", "需求收集—项目设计—居民评议的服务链条"),
    ("建立“群众点题—部门答题—群众评议”的民生实事衔接机制。", "群众点题—部门答题—群众评议的民生实事衔接机制"),
])
def test_a_quoted_chain_of_steps_with_its_noun_is_one_mechanism(text: str, name: str) -> None:
    assert name in _by_core(text, "Mechanism"), _by_core(text, "Mechanism")


def test_a_chain_of_levels_stays_actors() -> None:
    found = _by_core("构建“街道党工委—社区党委—网格党支部”三级组织架构。", "Actor")
    assert {"街道党工委", "社区党委", "网格党支部"} <= found, found


@pytest.mark.parametrize(("text", "name"), [
    ("全面推行网格员“四岗九级”薪酬制度。", "四岗九级薪酬制度"),
    ("全面推行網格員「四崗九級」薪酬制度。", "四岗九级薪酬制度"),
])
def test_the_actor_before_a_quoted_system_is_not_part_of_its_name(text: str, name: str) -> None:
    assert name in _by_core(text, "Mechanism"), _by_core(text, "Mechanism")
    assert "网格员" in _by_core(text, "Actor")


@pytest.mark.parametrize("text", ["单个项目资助额在2万元以内。", "每个项目资助额在2万元以内。"])
def test_a_single_or_each_project_names_none(text: str) -> None:
    assert not _by_core(text, "Mechanism"), _by_core(text, "Mechanism")
