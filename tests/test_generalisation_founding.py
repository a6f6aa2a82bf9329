"""Two name boundaries: a verb of founding right before a head is the clause's verb (某村设立某某会), and a verb
of acting together that the segmenter glued to a level (会同县: also a county's name) is cut off again when
an organ precedes it. Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.nlp.lexicon import load_default_lexicon
from kg.pipeline import extract_text


def labels(text: str) -> set[str]:
    return {e.label for e in extract_text(text).entities}


@pytest.mark.parametrize("text, bad", [
    ("每个行政村设立议事会,每月听取村民意见。", "行政村设立议事会"),
    ("各社区成立红白理事会。", "社区成立红白理事会"),
    ("各街道組建調解委員會。", "街道组建调解委员会"),
])
def test_founding_verb_is_not_part_of_the_name(text: str, bad: str) -> None:
    assert not any(bad in label for label in labels(text)), labels(text)


@pytest.mark.parametrize("text, name", [
    ("推进社区能力提升工程。", "社区能力提升工程"),  # a verb of improving may sit inside a name
    ("实施基层组织建设工程。", "基层组织建设工程"),
    ("各村普遍建立红白理事会。", "红白理事会"),
])
def test_names_with_other_verbs_keep_them(text: str, name: str) -> None:
    assert name in labels(text)


def test_the_founding_verbs_are_data() -> None:
    lx = load_default_lexicon()
    assert {"设立", "组建", "成立"} <= set(lx.founding)
    assert all(lx.triggers[w] == "implements" for w in lx.founding)  # marked on their trigger concepts
    assert "foundingVerbs" not in lx.word_lists and "founding a body or a system" not in lx.words


@pytest.mark.parametrize("text, names", [
    ("县民政局会同县财政局每年开展一次专项检查。", {"县民政局", "县财政局"}),
    ("市司法局联合市法院开展普法宣传。", {"市司法局", "市法院"}),
    ("區教育局會同區衛生健康局開展校園檢查。", {"区教育局", "区卫生健康局"}),
])
def test_coordinated_organs_are_two_actors(text: str, names: set[str]) -> None:
    got = labels(text)
    assert not any(a in label and b in label for label in got for a in names for b in names if a != b), got
    assert all(any(label.endswith(n) for label in got) for n in names), got


def test_the_county_of_that_name_stays_one_word() -> None:
    from kg.nlp.pipeline import default_nlp

    words = [t.text for t in default_nlp().tokenizer("湖南省会同县民政局印发通知。")]
    assert "会同县" in words
