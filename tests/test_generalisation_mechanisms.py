"""Mechanisms: …制 systems, bracketed alternatives and long modifiers inside names, titles of journals and of
plans with a period, generic field nouns that only modify. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): core_class(e.cls) for e in extract_text(text).entities}


def _mechanisms(text: str) -> set[str]:
    return {k for k, v in _labels(text).items() if v == "Mechanism"}


@pytest.mark.parametrize(("text", "name"), [
    ("全镇推行首问负责制,群众办事只进一扇门。", "首问负责制"),
    ("推行限时办结制和首问负责制。", "限时办结制"),
    ("村里推行乡镇干部包村责任制。", "乡镇干部包村责任制"),
    ("全縣推行首問負責制。", "首问负责制"),
])
def test_a_system_ending_in_zhi(text: str, name: str) -> None:
    assert name in _mechanisms(text), _labels(text)


@pytest.mark.parametrize("text", ["严格控制编制,规范机构设置。", "打破体制限制,激发基层活力。"])
def test_words_ending_in_zhi_that_name_no_system(text: str) -> None:
    assert not {m for m in _mechanisms(text) if m.endswith("制") and not m.endswith(("体制", "机制"))}


@pytest.mark.parametrize(("text", "name"), [
    ("落实街道(乡镇)权责清单制度。", "街道(乡镇)权责清单制度"),
    ("推行小微权力清单制度,规范村级权力运行。", "小微权力清单制度"),
    ("完善乡镇(街道)年度述职制度。", "乡镇(街道)年度述职制度"),
])
def test_a_bracketed_alternative_inside_a_name(text: str, name: str) -> None:
    assert name in _mechanisms(text), _labels(text)


def test_a_name_with_a_directed_modifier() -> None:
    found = _mechanisms("完善职能部门向网格下沉任务审核机制,防止任务层层转嫁。")
    assert "职能部门向网格下沉任务审核机制" in found, found


@pytest.mark.parametrize(("text", "name"), [
    ("全市社区服务的政策体系日趋完善。", "社区服务的政策体系"),
    ("全市社區服務的政策體系日趨完善。", "社区服务的政策体系"),
])
def test_a_generic_head_keeps_its_de_modifier(text: str, name: str) -> None:
    assert name in _mechanisms(text), _labels(text)


def test_a_mechanism_named_in_a_weakness_is_kept() -> None:
    labels = _labels("目前,矛盾线索的分级处置机制还不够健全。")
    assert labels.get("矛盾线索的分级处置机制") == "Mechanism", labels
    assert labels.get("矛盾线索的分级处置机制还不够健全") == "Challenge", labels


@pytest.mark.parametrize("text", [
    "本文原载《城乡治理评论》2023年第5期。",
    "该文刊发于《社区观察》杂志。",
    "本文原載《城鄉治理評論》2023年第5期。",
])
def test_a_journal_title_is_no_policy(text: str) -> None:
    assert not _mechanisms(text), _labels(text)


def test_a_policy_title_in_marks_still_counts() -> None:
    assert "关于加强社区治理的意见" in _mechanisms("区政府印发《关于加强社区治理的意见》。")


def test_a_plan_title_with_its_period_and_a_note() -> None:
    text = ("江西省社区治理能力提升三年行动方案(2024—2026年)(试行)\n"
            "为提升社区治理能力,制定本方案。\n")
    x = extract_text(text)
    policies = {e.label for e in x.entities if e.cls == "Policy"}
    assert "江西省社区治理能力提升三年行动方案(2024—2026年)" in policies, policies
    assert "行动方案" not in policies and "实施方案" not in policies


@pytest.mark.parametrize(("text", "field"), [
    ("全县社区治理效能不断提升。", "社区治理"),
    ("新建养老服务设施20处。", "养老服务"),
    ("全縣社區治理效能不斷提升。", "社区治理"),
    ("安排社区治理专项资金500万元。", "社区治理"),
])
def test_a_field_noun_before_another_noun_only_modifies(text: str, field: str) -> None:
    assert field not in _labels(text), _labels(text)


def test_a_field_noun_as_an_object_is_still_a_mechanism() -> None:
    assert "网格化管理" in _mechanisms("全区推行网格化管理。")


@pytest.mark.parametrize("text", ["这是基层治理的一项重要制度安排。", "坚持和完善这一根本制度。"])
def test_an_adjective_alone_makes_no_name(text: str) -> None:
    assert not _mechanisms(text), _labels(text)


def test_a_head_at_the_end_of_a_dictionary_word_is_split_back() -> None:
    """议事会 + 议: the word the tokenizer glued to the head gives back its last character (议事会议)."""
    labels = _labels("今年已举办议事会议36次。")
    assert not any(n.startswith("今年") or n == "议事会" for n in labels), labels
