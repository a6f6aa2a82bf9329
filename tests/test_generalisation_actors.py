"""Actors: names stop at verbs and prepositions, new-style organs, bare groups and roles, regions.

Sentences are written for these tests (simplified and traditional); none comes from a test text."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): core_class(e.cls) for e in extract_text(text).entities}


def _actors(text: str) -> set[str]:
    return {k for k, v in _labels(text).items() if v == "Actor"}


# -- a name stops where a verb or a preposition begins ------------------------------------------------
@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("市委组织部选派第一书记30名到村任职。", {"市委组织部", "第一书记"}, "选派"),
    ("區委組織部選派第一書記30名到村任職。", {"区委组织部", "第一书记"}, "选派"),
    ("区民政局每年培训社区工作者2000人次。", {"区民政局", "社区工作者"}, "培训"),
    ("经区政府批准,设立社区发展基金。", {"区政府"}, "经"),
    ("网格员替居民代办证件。", {"网格员", "居民"}, "替"),
    ("重大事项报街道党工委研究决定。", {"街道党工委"}, "报"),
])
def test_an_actor_name_stops_at_a_verb_or_preposition(text: str, expected: set[str], wrong: str) -> None:
    actors = _actors(text)
    assert expected <= actors, actors
    assert not any(wrong in a for a in actors), actors


@pytest.mark.parametrize(("text", "wrong"), [
    ("今年召开听证会12场,议定事项全部公开。", "今年"),
    ("全年举办议事会80场。", "全年"),
    ("年内建成智慧平台,覆盖全部小区。", "年内"),
])
def test_a_time_word_opens_the_clause(text: str, wrong: str) -> None:
    assert not any(wrong in name for name in _labels(text)), _labels(text)


@pytest.mark.parametrize("text", [
    "一是基层干部待遇偏低;二是社区工作者队伍不稳定。",
    "一是基層幹部待遇偏低;二是社區工作者隊伍不穩定。",
])
def test_list_markers_are_not_part_of_names(text: str) -> None:
    labels = _labels(text)
    assert not any(n.startswith(("一是", "二是")) for n in labels), labels


def test_the_anaphoric_place_is_not_part_of_a_group() -> None:
    x = extract_text("西湖区近年推进社区协商。该区居民的议事参与率达到61%。")
    labels = {normalise_name(e.label) for e in x.entities}
    assert "居民" in labels and "该区居民" not in labels, labels


# -- organs --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name", "parts"), [
    ("省委社会工作部牵头,省民政厅配合。", "省委社会工作部", ("社会工作部", "省委")),
    ("區委社會工作部和區民政局聯合印發通知。", "区委社会工作部", ("社会工作部", "区委")),
    ("市委统一战线工作部负责联系新社会阶层人士。", "市委统一战线工作部", ("市委",)),
])
def test_a_party_work_department_is_one_actor(text: str, name: str, parts: tuple[str, ...]) -> None:
    actors = _actors(text)
    assert name in actors, actors
    assert not any(p in actors for p in parts), actors


@pytest.mark.parametrize(("text", "name"), [
    ("省数据资源局负责平台建设。", "省数据资源局"),
    ("区退役军人事务局负责做好配合。", "区退役军人事务局"),
    ("县行政审批局牵头梳理事项。", "县行政审批局"),
])
def test_a_bureau_named_after_a_level(text: str, name: str) -> None:
    assert name in _actors(text), _actors(text)


def test_a_bare_bureau_character_needs_a_level() -> None:
    assert not _actors("这一格局的形成离不开多方参与。")


# -- bare groups and roles -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "names"), [
    ("带动种粮农户增收,引导业主参与小区议事。", {"业主"}),
    ("帶動種糧農戶增收,引導業主參與小區議事。", {"业主"}),
    ("组织社区民警和辅警开展夜间巡逻。", {"辅警"}),
    ("楼栋长、单元长每月走访住户。", {"楼栋长", "单元长"}),
    ("樓棟長每月走訪住戶。", {"楼栋长"}),
    ("全村参与农户达到300户。", {"农户"}),
])
def test_bare_groups_and_roles_are_actors(text: str, names: set[str]) -> None:
    assert names <= _actors(text), _actors(text)


def test_a_group_named_in_a_weakness_faces_it() -> None:
    x = extract_text("当前,业主参与小区事务的主动性有待增强。")
    faced = {(normalise_name(r.subject[1]), r.predicate) for r in x.relations}
    assert ("业主", "faces") in faced, x.relations


def test_a_committee_of_owners_stays_one_name() -> None:
    actors = _actors("小区业主委员会每季度召开会议。")
    assert "业主委员会" in actors or "小区业主委员会" in actors
    assert "业主" not in actors


# -- places --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "place"), [
    ("奖补资金重点向陕南地区倾斜。", "陕南地区"),
    ("支持秦巴山区发展特色产业。", "秦巴山区"),
])
def test_a_region_named_after_a_place(text: str, place: str) -> None:
    assert place in _actors(text), _actors(text)


def test_a_chain_of_non_actors_in_quotes_names_no_actor() -> None:
    assert not _actors("本文构建了“投入—过程—产出”评价框架。")
