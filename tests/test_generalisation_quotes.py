"""Quoted names in every script's quotation marks, a quoted name with the noun after it, quoted lists.

Sentences are written for these tests (simplified and traditional); none comes from a test text."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _names(text: str) -> dict[str, str]:
    """Normalised label and aliases of every entity -> its core class."""
    out = {}
    for e in extract_text(text).entities:
        for n in (e.label, *e.aliases):
            out.setdefault(normalise_name(n), core_class(e.cls))
    return out


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): core_class(e.cls) for e in extract_text(text).entities}


@pytest.mark.parametrize(("text", "name", "core"), [
    ("該鎮全面推行「村民說事」制度,每月召開一次。", "村民说事制度", "Mechanism"),
    ("街道搭建『智慧鄰里』平台,居民可線上議事。", "智慧邻里平台", "Mechanism"),
    ("全区推行「三级联动」机制,问题当天交办。", "三级联动机制", "Mechanism"),
    ("社區推廣「一線工作法」,幹部每周走訪住戶。", "一线工作法", "Mechanism"),
])
def test_corner_brackets_quote_like_double_quotes(text: str, name: str, core: str) -> None:
    found = _names(text)
    assert found.get(name) == core, found


def test_a_corner_bracket_name_is_not_cut_from_its_head() -> None:
    labels = _labels("全區推行「鄰里守望」制度。")
    assert "邻里守望制度" in labels and "邻里守望" not in labels, labels


@pytest.mark.parametrize(("text", "name", "core", "not_alone"), [
    ("镇里推行“四步议事”工作法,受到群众好评。", "四步议事工作法", "Mechanism", "四步议事"),
    ("社区推出“五事”调解法,纠纷当天化解。", "五事调解法", "Mechanism", "五事"),
    ("各村組建「銀齡」志願服務隊,定期探訪獨居老人。", "银龄志愿服务队", "Actor", "银龄"),
    ("街道成立“红管家”志愿服务队,服务小区居民。", "红管家志愿服务队", "Actor", "红管家"),
])
def test_a_quoted_name_and_the_noun_after_it_are_one_name(text: str, name: str, core: str,
                                                          not_alone: str) -> None:
    labels = _labels(text)
    assert labels.get(name) == core, labels
    assert not_alone not in labels, labels


def test_a_quoted_group_before_its_members() -> None:
    """“某某”志愿者: the quoted name is a group, the volunteers its members, both actors."""
    x = extract_text("社区发动“红袖标”志愿者参与夜间巡逻。")
    labels = {normalise_name(e.label): core_class(e.cls) for e in x.entities}
    assert labels.get("红袖标") == "Actor" and labels.get("志愿者") == "Actor", labels
    pairs = {frozenset((normalise_name(r.subject[1]), normalise_name(r.object[1]))) for r in x.relations}
    assert frozenset(("红袖标", "志愿者")) in pairs


def test_a_quoted_pair_of_roles_names_each_role() -> None:
    x = extract_text("小区推行“网格员+志愿者”联动模式,问题发现更及时。")
    labels = {normalise_name(e.label): core_class(e.cls) for e in x.entities}
    assert labels.get("网格员+志愿者联动模式") == "Mechanism", labels
    assert labels.get("网格员") == "Actor" and labels.get("志愿者") == "Actor", labels
    assert "网格员+志愿者" not in labels
    pairs = {frozenset((normalise_name(r.subject[1]), normalise_name(r.object[1]))) for r in x.relations}
    assert frozenset(("网格员+志愿者联动模式", "网格员")) in pairs


@pytest.mark.parametrize("text", [
    "推动实现居民求助“随时找、就近办、马上应”。",
    "推動實現居民求助「隨時找、就近辦、馬上應」。",
])
def test_a_quoted_slogan_a_goal_verb_governs_is_a_goal(text: str) -> None:
    assert _labels(text).get("随时找、就近办、马上应") == "Goal"


def test_a_quoted_practice_a_mechanism_verb_governs_stays_a_mechanism() -> None:
    assert _labels("推行村“两委”与合作社“交叉任职、联合议事”。").get("交叉任职、联合议事") == "Mechanism"


def test_a_policy_title_does_not_absorb_the_programme_it_names() -> None:
    text = ("某市民政局关于推进“幸福驿站”社区服务建设的通知\n"
            "各区民政局:\n现就推进“幸福驿站”社区服务建设通知如下。全市建成“幸福驿站”120个。\n")
    labels = _labels(text)
    assert labels.get("幸福驿站") == "Mechanism" or labels.get("幸福驿站社区服务") == "Mechanism", labels
