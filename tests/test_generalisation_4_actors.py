"""Actors, fourth round: Taiwan and mainland administrative vocabulary (…公所, …辦公處, …部, …處, …科, 志工,
…妇联, …部门, 督查组, 党小组 with its modifier), roles with a person's name split by the tokenizer (处长+林+某某,
李+某某+代表), nested places (an organ's parent, towns labelled with their county, ethnic districts), groups named
by what they are (驻社区民警, 有劳动力家庭, 80周岁以上老年人, 搬迁群众) and false positives (a date before an organ,
a verb jieba takes for a noun, a character split off a preposition, a place before a bare group). Sentences are
written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _actors(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


def _by_class(text: str) -> dict[str, str]:
    return {normalise_name(e.label): e.cls for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


# -- Taiwan and Hong Kong administrative vocabulary ------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("屏東縣政府社會處今日宣布擴大職訓。", {"屏东县政府社会处", "屏东县政府"}),
    ("花莲县政府劳工处今日宣布扩大职训。", {"花莲县政府劳工处", "花莲县政府"}),
    ("市民政局社会救助处负责审核申请。", {"市民政局社会救助处", "市民政局"}),
])
def test_a_division_of_an_organ_and_the_organ(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


@pytest.mark.parametrize("text", [
    "逾期不改正的，处二万元以上十万元以下罚款。",
    "此处不再赘述，各处都要落实。",
    "会泽县位于某省北部，交通便利。",
])
def test_chu_bu_as_verb_location_or_measure_name_nothing(text: str) -> None:
    found = _actors(text)
    assert not any(a.endswith(("处", "部")) for a in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("內政部與衛生福利部共同推動。", {"内政部", "卫生福利部"}),
    ("内政部与卫生福利部共同推动。", {"内政部", "卫生福利部"}),
    ("玉里鎮公所與社區發展協會合辦活動。", {"玉里镇公所", "社区发展协会"}),
    ("玉里镇公所与社区发展协会合办活动。", {"玉里镇公所", "社区发展协会"}),
])
def test_ministries_and_township_offices(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


@pytest.mark.parametrize("text", ["活動由志工協助，長者免費參加。", "活动由志工协助，长者免费参加。"])
def test_zhigong_is_a_group(text: str) -> None:
    assert _by_class(text).get("志工") == "Group", _by_class(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("社會處處長吳美玲表示，將擴大辦理。", {"吴美玲", "社会处处长"}),
    ("社会处处长吴美玲表示，将扩大办理。", {"吴美玲", "社会处处长"}),
    ("河西村村長鄭建華說，大家都很滿意。", {"郑建华", "河西村村长"}),
    ("河西村村长郑建华说，大家都很满意。", {"郑建华", "河西村村长"}),
])
def test_a_person_after_a_role(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


def test_a_name_split_after_its_surname_in_a_byline() -> None:
    found = _actors("县委副书记　郑建华\n（2026年5月8日）\n同志们：")
    assert "郑建华" in found, found


def test_a_deputy_named_before_the_role() -> None:
    found = _actors("关于某某建议的答复\n吴美玲代表：\n您提出的建议收悉。")
    assert "吴美玲" in found, found
    assert "吴美玲代表" not in found, found


def test_no_person_from_a_word_after_a_role() -> None:
    found = _by_class("处长要求各科室加强管理。")
    assert "Person" not in found.values(), found


# -- mainland bodies ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("由共青团某某县委牵头，县妇联配合开展活动。", {"共青团某某县委"}),
    ("組建督查組，對各地開展專項督查。", {"督查组"}),
    ("组建督查组，对各地开展专项督查。", {"督查组"}),
    ("每栋楼设立楼道党小组，每个网格推行片区党小组。", {"楼道党小组", "片区党小组"}),
    ("违反规定的，由城市管理部门责令改正。", {"城市管理部门"}),
    ("违反规定的，由生态环境部门责令改正。", {"生态环境部门"}),
])
def test_mass_organisations_teams_party_cells_and_departments(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


def test_a_bare_party_cell_is_no_longer_name() -> None:
    found = _actors("推行网格党小组，每个党小组联系十户。")
    assert "网格党小组" in found and "党小组网格" not in found, found


@pytest.mark.parametrize(("text", "bad", "good"), [
    ("（2025年6月30日某某市第五届人民代表大会常务委员会第十次会议通过）", "日某某市第五届人民代表大会常务委员会",
     "某某市第五届人民代表大会常务委员会"),
    ("业主可以依法选举产生业主委员会。", "产生业主委员会", "业主委员会"),
    ("業主可以依法選舉產生業主委員會。", "产生业主委员会", "业主委员会"),
])
def test_boundaries_of_bodies(text: str, bad: str, good: str) -> None:
    found = _actors(text)
    assert good in found and bad not in found, found


@pytest.mark.parametrize("text", ["工资不低于当地在岗职工平均工资。", "工資不低於當地在崗職工平均工資。"])
def test_a_character_split_off_a_preposition_names_nobody(text: str) -> None:
    assert "岗职工" not in _actors(text), _actors(text)


# -- places ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["屏東縣社會處新聞稿\n縣府宣布，對大安鄉、太平鄉加碼補助。",
                                  "屏东县社会处新闻稿\n县府宣布，对大安乡、太平乡加码补助。"])
def test_towns_take_the_county_the_document_speaks_for(text: str) -> None:
    found = _actors(text)
    assert {"屏东县大安乡", "屏东县太平乡"} <= found, found


def test_towns_without_a_county_keep_their_name() -> None:
    found = _actors("全省推进试点，对大安乡、太平乡加大投入。")
    assert {"大安乡", "太平乡"} <= found, found


def test_a_township_listed_with_a_township_is_a_place() -> None:
    found = _by_class("对大同乡、南澳乡加大投入。")
    assert found.get("大同乡") == "Place" and found.get("南澳乡") == "Place", found


@pytest.mark.parametrize(("text", "place"), [
    ("某市梅里斯达斡尔族区得分最高。", "梅里斯达斡尔族区"),
    ("石林彝族自治县推进示范创建。", "石林彝族自治县"),
])
def test_ethnic_districts_and_counties(text: str, place: str) -> None:
    assert _by_class(text).get(place) == "Place", _by_class(text)


def test_a_village_after_a_place_jieba_knows() -> None:
    found = _by_class("东城村、西湖村都参加了评比。")
    assert found.get("东城村") == "Place", found


# -- groups ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("驻社区民警和法律顾问共同参与调解。", {"驻社区民警", "法律顾问"}),
    ("駐村輔警和法律顧問共同參與調解。", {"驻村辅警", "法律顾问"}),
    ("有劳动力家庭每户至少一人就业。", {"有劳动力家庭"}),
    ("無勞動力家庭每月發放補助。", {"无劳动力家庭"}),
    ("对70周岁以上老年人给予补贴。", {"70周岁以上老年人"}),
    ("對65歲以上老人給予補貼。", {"65岁以上老人"}),
    ("安置点吸纳搬迁群众就近务工。", {"搬迁群众"}),
])
def test_groups_named_by_what_they_are(text: str, expected: set[str]) -> None:
    assert expected <= _actors(text), _actors(text)


def test_a_qualified_count_is_no_age() -> None:
    found = _actors("全县共有300人以上老年人协会。")
    assert not any(a.startswith("300") for a in found), found


def test_a_place_before_a_bare_group_is_a_place_of_its_own() -> None:
    found = _by_class("屏東縣長者可就近參加共餐。")
    assert "屏东县长者" not in found and found.get("长者") == "Group", found
    assert found.get("屏东县") == "Place", found


def test_low_income_and_destitute_elders_share_the_head() -> None:
    ex = extract_text("对低保和特困老年人给予每餐补贴。")
    labels = {normalise_name(e.label): core_class(e.cls) for e in ex.entities}
    assert labels.get("特困老年人") == "Actor", labels
    assert "Mechanism" not in {c for n, c in labels.items() if "低保" in n or n == "最低生活保障"}, labels


@pytest.mark.parametrize(("text", "expected"), [
    ("市民政局、市营商环境建设监督局共同督查。", "市营商环境建设监督局"),
    ("市民政局、市營商環境建設監督局共同督查。", "市营商环境建设监督局"),
    ("县委组织部会同县人才发展服务局开展培训。", "县人才发展服务局"),
])
def test_a_bureau_named_after_its_task_after_its_level(text: str, expected: str) -> None:
    assert expected in _actors(text), _actors(text)


def test_a_task_verb_after_an_organ_is_no_bureau_name() -> None:
    found = _actors("县民政局加强设施建设管理局面良好。")
    assert not any("建设" in a for a in found), found


@pytest.mark.parametrize(("text", "place"), [
    ("大安鄉公所與社區發展協會合辦活動。", "大安乡"),
    ("大安乡公所与社区发展协会合办活动。", "大安乡"),
    ("西湖村村长郑建华说，大家都很满意。", "西湖村"),
])
def test_a_named_place_opening_a_body_or_a_role_is_a_place_of_its_own(text: str, place: str) -> None:
    assert _by_class(text).get(place) == "Place", _by_class(text)


def test_a_kind_of_place_opening_a_body_is_no_place() -> None:
    found = _by_class("乡镇党委和社区党组织共同推进。")
    assert "乡镇" not in found, found


@pytest.mark.parametrize("text", ["德清县推进青年志愿服务\n县民政局联合县妇联、团县委制定办法。",
                                  "德清縣推進青年志願服務\n縣民政局聯合縣婦聯、團縣委制定辦法。"])
def test_the_youth_league_committee_of_the_county_takes_its_full_name(text: str) -> None:
    found = _actors(text)
    assert {"共青团德清县委", "德清县妇联"} <= found, found


def test_the_youth_league_committee_without_a_city_keeps_its_level_name() -> None:
    ex = extract_text("团市委组织青年志愿者参加活动。")
    names = {normalise_name(e.label): {normalise_name(a) for a in e.aliases} for e in ex.entities}
    assert "共青团市委" in names and "团市委" in names["共青团市委"], names


def test_a_level_committee_of_no_organisation_is_left_alone() -> None:
    found = _actors("德清县推进青年志愿服务\n县委组织部和县妇联参加。")
    assert not any(a.endswith("德清县委") and a != "德清县委" for a in found), found
