"""Mechanisms, goals and challenges (third blind set): quoted lists describing a mechanism, aims and problems
stated by a quoted list, duplicates of one entity, weakness clauses, generic concepts.

Sentences are written for these tests (simplified and traditional); none comes from a test text."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _entities(text: str) -> dict[str, tuple[str, set[str]]]:
    """Normalised label -> (core class, normalised aliases)."""
    return {normalise_name(e.label): (core_class(e.cls), {normalise_name(a) for a in e.aliases})
            for e in extract_text(text).entities}


def _of(text: str, core: str) -> set[str]:
    return {k for k, (c, _) in _entities(text).items() if c == core}


# -- a quoted list right before a mechanism's name describes that mechanism ------------------------------
@pytest.mark.parametrize(("text", "name"), [
    ("街道推行“网格吹哨、部门报到、限时办结”的联动处置机制,群众满意度明显提升。",
     "网格吹哨、部门报到、限时办结的联动处置机制"),
    ("该县完善“村民提、村委议、乡镇审”三级议事协商制度,全年议定事项300余件。",
     "村民提、村委议、乡镇审三级议事协商制度"),
    ("街道推行「網格吹哨、部門報到、限時辦結」的聯動處置機制,群眾滿意度明顯提升。",
     "网格吹哨、部门报到、限时办结的联动处置机制"),
])
def test_a_quoted_list_and_the_mechanism_after_it_are_one_entity(text: str, name: str) -> None:
    got = _entities(text)
    assert got.get(name, ("",))[0] == "Mechanism", got
    quoted = name.split("的")[0] if "的" in name else name[:name.index("三")]
    assert quoted not in got, got  # the quoted list is no entity of its own


def test_a_quoted_list_before_a_noun_that_names_no_mechanism_stays_apart() -> None:
    got = _entities("社区推行“错峰开放、预约使用”,活动室利用率提高。")
    assert got.get("错峰开放、预约使用", ("",))[0] == "Mechanism", got
    assert not any(k.startswith("错峰开放、预约使用") and k != "错峰开放、预约使用" for k in got), got
