"""Precision of actor rules: a town named elsewhere (beside another county or city, or after 学习/借鉴) takes
no county's name and is not ``locatedIn`` the document's place; a one-character-level title (村长, 镇长) does
not read a word across its last character (村+长期) as a name; a section's head (课) names a body only after
its office's name (某某公所+社政课, not 思政课). Sentences are invented for these tests (simplified and
traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


def _labels(text: str) -> dict[str, str]:
    return {normalise_name(e.label): e.cls for e in extract_text(text).entities}


def _located(text: str) -> set[tuple[str, str]]:
    return {(r.subject[1], r.object[1]) for r in extract_text(text).relations if r.predicate == "locatedIn"}


# -- a town named elsewhere -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "town", "wrong"), [
    ("长沙县民政局关于学习推广基层治理经验的通知\n县民政局组织赴诸暨市考察，学习枫桥镇“枫桥经验”做法。",
     "枫桥镇", "长沙县枫桥镇"),
    ("宁乡县民政局关于考察调研情况的报告\n调研组前往义乌市考察，黄花镇干部随行。", "黄花镇", "宁乡县黄花镇"),
    ("寧鄉縣民政局關於考察調研情況的報告\n調研組前往義烏市考察，黃花鎮幹部隨行。", "黄花镇", "宁乡县黄花镇"),
    ("醴陵县民政局关于推广治理经验的通知\n各乡镇要学习黄花镇，完善议事制度。", "黄花镇", "醴陵县黄花镇"),
    ("醴陵縣民政局關於推廣治理經驗的通知\n各鄉鎮要學習黃花鎮，完善議事制度。", "黄花镇", "醴陵县黄花镇"),
])
def test_a_town_named_elsewhere_takes_no_county(text: str, town: str, wrong: str) -> None:
    labels = _labels(text)
    assert wrong not in labels, labels
    assert town in labels, labels


@pytest.mark.parametrize("text", [
    "长沙县民政局关于社区治理工作的通知\n黄花镇建立了矛盾调解中心，化解纠纷三十件。",
    "長沙縣民政局關於社區治理工作的通知\n黃花鎮建立了矛盾調解中心，化解糾紛三十件。",
])
def test_a_town_named_alone_still_takes_the_county(text: str) -> None:
    assert "长沙县黄花镇" in _labels(text), _labels(text)


@pytest.mark.parametrize(("text", "town"), [
    ("株洲市民政局关于社区治理工作情况的通报\n各区要学习借鉴枫桥镇经验，枫桥镇建立了矛盾调解中心。", "枫桥镇"),
    ("株洲市民政局關於社區治理工作情況的通報\n各區要學習借鑒楓橋鎮經驗，楓橋鎮建立了矛盾調解中心。", "枫桥镇"),
    ("株洲市民政局关于社区治理工作情况的通报\n干部赴义乌市考察，黄花镇建立了矛盾调解中心。", "黄花镇"),
])
def test_a_town_named_elsewhere_is_not_in_the_jurisdiction(text: str, town: str) -> None:
    located = _located(text)
    assert all(s != town for s, _ in located), located


@pytest.mark.parametrize("text", [
    "株洲市民政局关于社区治理工作情况的通报\n黄花镇建立了矛盾调解中心，化解纠纷三十件。",
    "株洲市民政局關於社區治理工作情況的通報\n黃花鎮建立了矛盾調解中心，化解糾紛三十件。",
])
def test_a_town_named_alone_is_still_in_the_jurisdiction(text: str) -> None:
    located = _located(text)
    assert any(s.endswith("黄花镇") and o == "株洲市" for s, o in located), located


# -- a title of one character's level and the word after it ----------------------------------------------
@pytest.mark.parametrize(("text", "wrong"), [
    ("村长期未到岗的要问责。", "期未"),
    ("村長期未到崗的要問責。", "期未"),
    ("镇长效机制尚未建立。", "效机"),
])
def test_a_word_across_the_title_is_no_name(text: str, wrong: str) -> None:
    labels = _labels(text)
    assert not any(cls == "Person" for cls in labels.values()), labels
    assert wrong not in labels, labels


@pytest.mark.parametrize(("text", "name"), [
    ("村长王明表示，将加强村务管理。", "王明"),
    ("鎮長陳立表示，將加強鎮務管理。", "陈立"),
])
def test_a_name_after_the_title_still_works(text: str, name: str) -> None:
    assert _labels(text).get(name) == "Person", _labels(text)


# -- a section's head after its office's name ------------------------------------------------------------
@pytest.mark.parametrize(("text", "wrong"), [
    ("教育部门负责开展思政课和党课。", "思政课"),
    ("教育部門負責開展思政課和黨課。", "思政课"),
    ("学校每周安排两节美术课。", "美术课"),
])
def test_a_lesson_is_no_section(text: str, wrong: str) -> None:
    labels = _labels(text)
    assert wrong not in labels, labels


@pytest.mark.parametrize("text", [
    "如有需求，可洽各乡镇市公所社政课办理。",
    "如有需求，可洽各鄉鎮市公所社政課辦理。",
])
def test_a_section_after_its_office_still_works(text: str) -> None:
    labels = _labels(text)
    assert any(label.endswith("社政课") and cls == "GovernmentBody" for label, cls in labels.items()), labels


# -- a verb governing a body or people: at a clause's start, or after its subject -------------------------
@pytest.mark.parametrize(("text", "name", "wrong"), [
    ("委托第三方机构开展绩效评估，评估结果向社会公开。", "第三方机构", "委托第三方机构"),
    ("區政府委託第三方機構開展滿意度調查。", "第三方机构", "委托第三方机构"),
    ("街道党工委服务辖区居民，联系驻区单位。", "辖区居民", "街道党工委服务辖区居民"),
    ("社區黨委服務轄區居民，定期走訪。", "辖区居民", "社区党委服务辖区居民"),
])
def test_a_verb_governing_a_name_is_not_part_of_it(text: str, name: str, wrong: str) -> None:
    labels = _labels(text)
    assert wrong not in labels, labels
    assert name in labels, labels


@pytest.mark.parametrize(("text", "name"), [
    ("社区服务志愿者队伍不断壮大。", "社区服务志愿者队伍"),
    ("縣教育體育局負責組織實施。", "县教育体育局"),
])
def test_a_field_before_a_name_stays_in_it(text: str, name: str) -> None:
    assert name in _labels(text), _labels(text)


# -- 代表 as the verb of speaking for a body ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "body"), [
    ("各位代表，现在我代表县人民政府，向大会报告政府工作。", "县政府"),
    ("各位代表：現在，我代表市人民政府向大會報告工作。", "市政府"),
])
def test_speaking_for_a_body_is_not_part_of_its_name(text: str, body: str) -> None:
    labels = _labels(text)
    assert body in labels, labels
    assert not any(k.startswith("代表") for k in labels), labels


@pytest.mark.parametrize(("text", "name"), [
    ("召开职工代表大会，居民代表会议审议通过。", "职工代表大会"),
    ("居民代表、村民代表参加听证。", "村民代表"),
])
def test_delegates_stay_named(text: str, name: str) -> None:
    assert name in _labels(text), _labels(text)


# -- a body opening the name of a team it sends stays an actor of its own -----------------------------------
@pytest.mark.parametrize(("text", "body", "team"), [
    ("县委巡查组进驻各乡镇开展巡查。", "县委", "县委巡查组"),
    ("縣委巡查組進駐各鄉鎮開展巡查。", "县委", "县委巡查组"),
    ("区政府调研组到社区调研。", "区政府", "区政府调研组"),
])
def test_a_body_sending_a_team_is_named(text: str, body: str, team: str) -> None:
    labels = _labels(text)
    assert labels.get(body) in ("PartyOrganization", "GovernmentBody"), labels
    assert labels.get(team) == "Organization", labels


def test_a_bare_team_names_no_body() -> None:
    assert set(_labels("调研组一行深入镇村开展调研。")) == {"调研组"}


@pytest.mark.parametrize(("text", "body", "team"), [
    ("省民政厅调研组一行到我县调研。", "省民政厅", "省民政厅调研组"),
    ("市民政局評估組對項目進行評估。", "市民政局", "市民政局评估组"),
])
def test_a_level_and_body_sending_a_team_are_named(text: str, body: str, team: str) -> None:
    labels = _labels(text)
    assert labels.get(body) == "GovernmentBody", labels
    assert labels.get(team) == "Organization", labels
    assert (team, body) in {(r.subject[1], r.object[1]) for r in extract_text(text).relations
                            if r.predicate == "subOrganizationOf"}
