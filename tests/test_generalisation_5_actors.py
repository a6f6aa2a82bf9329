"""Actors, fifth round: a verb governing a body or a role that jieba tags as a noun (建议+市某局, 现任+某街道),
ad-hoc teams (评估组, 专家组), respondents (受访者, 受访家庭), staff (某某工作人员), university departments
(某大学某学系), persons named with an honorific (某某同志) or in a profile line (某某，女，), bodies named without
a place (某某局, 某某署, 某某司 of a SAR or a ministry). Sentences are written for these tests (simplified and
traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _actors(text: str) -> set[str]:
    return {normalise_name(e.label) for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


def _by_class(text: str) -> dict[str, str]:
    return {normalise_name(e.label): e.cls for e in extract_text(text).entities if core_class(e.cls) == "Actor"}


# -- a verb governing the name ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected", "verb"), [
    ("建议县人社局加大就业补贴力度。", "县人社局", "建议"),
    ("建議縣人社局加大就業補貼力度。", "县人社局", "建议"),
    ("委托区审计局开展专项审计。", "区审计局", "委托"),
    ("倡议各县妇联开展走访。", "各县妇联", "倡议"),
    ("她现任宁远县民政局局长。", "宁远县民政局局长", "现任"),
    ("他曾历任宁远县司法局局长。", "宁远县司法局局长", "历任"),
])
def test_a_verb_before_a_level_ends_the_name(text: str, expected: str, verb: str) -> None:
    found = _actors(text)
    assert any(a.endswith(expected[-3:]) and not a.startswith(verb) for a in found), found
    assert not any(verb in a for a in found), found


@pytest.mark.parametrize(("text", "expected"), [
    ("由社区治理协调委员会负责日常运转。", "社区治理协调委员会"),
    ("街道指导中心每月开展一次培训。", None),
])
def test_the_verb_rule_needs_a_level_after_the_verb(text: str, expected: str | None) -> None:
    found = _actors(text)
    if expected:
        assert expected in found, found
    assert not any(a in ("委员会", "中心") for a in found), found


# -- ad-hoc teams, respondents, staff ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "team"), [
    ("市农业农村局会同高校组成评估组，对项目开展中期评估。", "评估组"),
    ("市農業農村局會同高校組成評估組，對項目開展中期評估。", "评估组"),
    ("县委抽调骨干组成专家组，赴乡镇开展指导。", "专家组"),
    ("區公所邀請學者組成考核組，逐項打分。", "考核组"),
])
def test_ad_hoc_teams(text: str, team: str) -> None:
    assert _by_class(text).get(team) == "Organization", _by_class(text)


@pytest.mark.parametrize(("text", "groups"), [
    ("受访者中有一半表示满意，受访家庭普遍希望增加托位。", {"受访者", "受访家庭"}),
    ("受訪者中有一半表示滿意，受訪家庭普遍希望增加托位。", {"受访者", "受访家庭"}),
])
def test_respondents(text: str, groups: set[str]) -> None:
    found = _by_class(text)
    assert all(found.get(g) == "Group" for g in groups), found


def test_respondent_as_a_verb_names_no_group() -> None:
    found = _actors("本次共有三百人受访，结果已经公布。")
    assert not any("受访" in a for a in found), found


@pytest.mark.parametrize("text", ["局长带领街道工作人员上门走访。", "局長帶領街道工作人員上門走訪。",
                                  "组织社区工作人员参加业务培训。"])
def test_staff_of_a_body_is_a_role(text: str) -> None:
    found = _by_class(text)
    assert any(a.endswith("工作人员") and len(a) > 4 and c == "Role" for a, c in found.items()), found


def test_bare_staff_names_no_role() -> None:
    assert "工作人员" not in _actors("工作人员要按时到岗，不得迟到。")


@pytest.mark.parametrize(("text", "dept"), [
    ("市教育局联合兰州大学哲学系开展调研。", "兰州大学哲学系"),
    ("市教育局聯合蘭州大學哲學系開展調研。", "兰州大学哲学系"),
    ("课题由南昌大学社会学系承担。", "南昌大学社会学系"),
])
def test_a_university_department(text: str, dept: str) -> None:
    assert _by_class(text).get(dept) == "Organization", _by_class(text)


# -- persons named with an honorific or in a profile line ---------------------------------------------------
@pytest.mark.parametrize(("text", "person"), [
    ("朴美玉同志扎根基层二十年，带头服务群众。", "朴美玉"),
    ("多年来，包宝音同志坚持走访困难家庭。", "包宝音"),
    ("顏書豪先生長期捐助社區長者。", "颜书豪"),
    ("朴美玉，女，朝鲜族，现任某社区党支部书记。", "朴美玉"),
    ("包宝音，男，蒙古族，1976年出生。", "包宝音"),
])
def test_a_person_named_with_an_honorific_or_in_a_profile(text: str, person: str) -> None:
    found = _by_class(text)
    assert found.get(person) == "Person", found
    assert not any(person in a and a != person for a in found), found


@pytest.mark.parametrize("text", ["各位同志，今天的会议很重要。", "党员同志要带头参加志愿服务。",
                                  "报名表中，男，女，均可填写。"])
def test_honorific_or_sex_without_a_name_names_no_person(text: str) -> None:
    assert "Person" not in _by_class(text).values(), _by_class(text)


# -- organs named without a place (a SAR's or a central text) -------------------------------------------------
@pytest.mark.parametrize(("text", "organs"), [
    ("體育局聯同衛生局推廣全民健身。", {"体育局", "卫生局"}),
    ("由環境保護署統籌，房屋署配合。", {"环境保护署", "房屋署"}),
    ("由环境保护署统筹，房屋署配合。", {"环境保护署", "房屋署"}),
    ("由经济及科技发展局牵头，旅游局配合。", {"经济及科技发展局", "旅游局"}),
    ("由行政法务司统筹推进。", {"行政法务司"}),
])
def test_an_organ_named_without_a_place(text: str, organs: set[str]) -> None:
    found = _by_class(text)
    assert all(found.get(o) == "GovernmentBody" for o in organs), found


@pytest.mark.parametrize("text", ["要做好工作部署，优化产业布局。", "县供电公司负责抢修，打赢这场官司。",
                                  "开创发展新局，稳住经济大局。"])
def test_ju_shu_si_inside_words_name_no_organ(text: str) -> None:
    found = _by_class(text)
    assert not any(c == "GovernmentBody" for c in found.values()), found


# -- a body's end glued to a preposition and the next name; a distributive rule ------------------------------
@pytest.mark.parametrize(("text", "body", "place"), [
    ("市政署在風順堂區設立服務站。", "市政署", "风顺堂区"),
    ("社会工作局在望德堂区试行个案管理。", "社会工作局", "望德堂区"),
])
def test_a_body_glued_to_a_preposition_and_a_place(text: str, body: str, place: str) -> None:
    from kg.ingest import normalise
    from kg.nlp.pipeline import default_nlp
    words = [t.text for t in default_nlp().tokenizer(normalise(text)[0])]
    assert "在" in words and body[-1] in words, words
    assert place in _actors(text) and body in _actors(text), _actors(text)


def test_a_word_of_the_dictionary_with_a_preposition_is_not_cut() -> None:
    from kg.nlp.pipeline import default_nlp
    words = [t.text for t in default_nlp().tokenizer("局面正在好转，处在关键时期。")]
    assert "局面" in words, words


@pytest.mark.parametrize("text", ["推行“一户一社工”跟进模式。", "推行“一戶一社工”跟進模式。", "落实一村一辅警。"])
def test_a_distributive_rule_names_no_actor(text: str) -> None:
    found = _actors(text)
    assert not any(a.startswith("一") for a in found), found


@pytest.mark.parametrize("text", ["镇党委研究部署相关工作。", "縣政府簽署合作協議。", "区委部署专项行动。"])
def test_a_word_ending_in_shu_or_si_after_an_organ_names_no_organ(text: str) -> None:
    found = _actors(text)
    assert not any(a.endswith(("部署", "签署")) for a in found), found


# -- a democratic party's committee; roles qualified by age or grade ----------------------------------------
@pytest.mark.parametrize(("text", "committee"), [
    ("提案人：民进杭州市委会", "民进杭州市委会"),
    ("九三學社浙江省委會聯合調研。", "九三学社浙江省委会"),
    ("农工党海淀区委会组织专家义诊。", "农工党海淀区委会"),
])
def test_a_democratic_partys_committee(text: str, committee: str) -> None:
    assert _by_class(text).get(committee) == "Organization", _by_class(text)


@pytest.mark.parametrize("text", ["市委会议研究决定相关事项。", "市委会同市政府出台意见。"])
def test_a_city_committee_meeting_is_no_party_committee(text: str) -> None:
    assert not any(a.endswith("委会") for a in _actors(text)), _actors(text)


@pytest.mark.parametrize(("text", "group"), [
    ("目前55岁以上楼门长占比较高。", "55岁以上楼门长"),
    ("目前55歲以上樓門長佔比較高。", "55岁以上楼门长"),
    ("力争40周岁以下网格员占一半。", "40周岁以下网格员"),
])
def test_role_holders_of_an_age_are_a_group(text: str, group: str) -> None:
    assert _by_class(text).get(group) == "Group", _by_class(text)


@pytest.mark.parametrize("text", ["社区推选楼门长负责联络。", "社區推選樓門長負責聯絡。"])
def test_the_head_of_a_building_entrance_is_a_role(text: str) -> None:
    assert _by_class(text).get("楼门长") == "Role", _by_class(text)


@pytest.mark.parametrize(("text", "role"), [
    ("相关事项不得交由网格员承担。", "网格员"),
    ("相關事項不得交由網格員承擔。", "网格员"),
])
def test_jiaoyou_ends_the_name(text: str, role: str) -> None:
    found = _actors(text)
    assert role in found and not any(a.startswith("交由") for a in found), found


@pytest.mark.parametrize("text", ["部分小区老化、缺乏管理机构，问题较多。", "部分小區老化、缺乏管理機構，問題較多。",
                                  "一些村缺少专业服务机构。"])
def test_a_verb_of_lacking_names_no_body(text: str) -> None:
    found = _actors(text)
    assert not any(a.startswith(("缺乏", "缺少")) for a in found), found


@pytest.mark.parametrize(("text", "joint"), [
    ("各市县党委和政府承担主体责任。", "市县党委和政府"),
    ("各縣區黨委和政府要加強領導。", "县区党委和政府"),
    ("各级党委和政府要高度重视。", "各级党委和政府"),
])
def test_a_party_committee_and_the_government_of_its_level(text: str, joint: str) -> None:
    found = _actors(text)
    assert joint in found and "政府" not in found, found


@pytest.mark.parametrize("text", ["县党委和政府工作报告已印发。", "党委和政府要加强领导。"])
def test_no_joint_organ_without_a_level_or_before_a_noun(text: str) -> None:
    assert not any(a.endswith("党委和政府") for a in _actors(text)), _actors(text)


@pytest.mark.parametrize(("text", "group"), [
    ("村里外出务工的独居老人家庭较多。", "独居老人家庭"),
    ("村裡外出務工的獨居老人家庭較多。", "独居老人家庭"),
])
def test_a_household_group_before_a_degree_word(text: str, group: str) -> None:
    assert group in _actors(text), _actors(text)


def test_a_household_noun_before_a_noun_still_modifies_it() -> None:
    assert "家庭" not in "".join(_actors("推进家庭医生签约服务。").difference({"家庭医生"}))


@pytest.mark.parametrize(("text", "group"), [
    ("“居民们都说好。”", "居民们"),
    ("長者們踴躍參加。", "长者们"),
])
def test_a_plural_group(text: str, group: str) -> None:
    found = _actors(text)
    assert group in found and group[:-1] not in found, found


@pytest.mark.parametrize(("text", "group"), [
    ("她是全镇网格员学习的榜样。", "网格员"),
    ("她是全鎮網格員學習的榜樣。", "网格员"),
    ("成为全村党员的表率。", "党员"),
])
def test_the_whole_of_a_unit_is_no_part_of_a_name(text: str, group: str) -> None:
    found = _actors(text)
    assert group in found and not any(a.startswith("全") for a in found), found


@pytest.mark.parametrize(("text", "group"), [
    ("做好“候鸟”老人的健康服务。", "候鸟老人"),
    ("做好「候鳥」老人的健康服務。", "候鸟老人"),
    ("帮助“蜗居”家庭改善住房。", "蜗居家庭"),
])
def test_a_common_noun_in_quotes_before_people_says_which_people(text: str, group: str) -> None:
    assert group in _actors(text), _actors(text)


@pytest.mark.parametrize("text", ["“金达莱”志愿者上门服务。", "“橘乡红”志愿者上门服务。"])
def test_a_named_team_in_quotes_before_volunteers_stays_apart(text: str) -> None:
    assert not any(a.endswith("志愿者") and len(a) > 3 for a in _actors(text)), _actors(text)


@pytest.mark.parametrize(("text", "body"), [
    ("資助氹仔街坊會聯合總會開展探訪。", "氹仔街坊会联合总会"),
    ("由街坊会组织义工探访长者。", "街坊会"),
    ("资助澳门妇女联合总会开展活动。", "澳门妇女联合总会"),
])
def test_neighbourhood_associations_and_a_funding_verb(text: str, body: str) -> None:
    found = _by_class(text)
    assert found.get(body) == "SocialOrganization" and not any(a.startswith("资助") for a in found), found


@pytest.mark.parametrize(("text", "org", "short"), [
    ("市教育局联合青海大学哲学系开展调研。", "青海大学哲学系", "青海"),
    ("市教育局聯合青海大學哲學系開展調研。", "青海大学哲学系", "青海"),
])
def test_a_provinces_short_name_in_an_organisations_name_is_no_place(text: str, org: str, short: str) -> None:
    found = _by_class(text)
    assert org in found and short not in found and short + "省" not in found, found


@pytest.mark.parametrize(("text", "actor"), [
    ("目前社区医疗护理员平均年龄较大。", "社区医疗护理员"),
    ("目前社區醫療護理員平均年齡較大。", "社区医疗护理员"),
    ("招聘护理员二十名。", "护理员"),
])
def test_care_workers_are_a_role(text: str, actor: str) -> None:
    assert _by_class(text).get(actor) == "Role", _by_class(text)


@pytest.mark.parametrize("text", ["二是护理员队伍年龄偏大。", "二是網格員隊伍流動性強。"])
def test_the_team_of_a_role_is_named(text: str) -> None:
    from kg.pipeline import extract_text
    names = {normalise_name(n) for e in extract_text(text).entities for n in (e.label, *e.aliases)}
    assert any(n.endswith("员队伍") for n in names), names


@pytest.mark.parametrize(("text", "bad"), [
    ("朴美玉同志真心实意服务群众。", "服务群众"),
    ("組織幹部深入一線宣傳群眾、發動群眾。", "发动群众"),
    ("社区干部用心用情联系居民。", "联系居民"),
])
def test_a_verb_and_the_people_it_serves_name_no_group(text: str, bad: str) -> None:
    found = _actors(text)
    assert not any(bad in a for a in found), found


def test_people_named_by_the_service_they_receive_remain() -> None:
    found = _actors("为独居老人提供上门服务，服务对象满意。")
    assert "独居老人" in found, found


@pytest.mark.parametrize(("text", "organ"), [
    ("個案已轉介房屋署跟進。", "房屋署"),
    ("个案已转介房屋署跟进。", "房屋署"),
    ("區議會聯同消防處巡查大廈。", "消防处"),
])
def test_an_unplaced_organ_after_a_verb_or_as_one_word(text: str, organ: str) -> None:
    assert _by_class(text).get(organ) == "GovernmentBody", _by_class(text)


@pytest.mark.parametrize("text", ["这样做的好处很多，不足之处在于成本。", "各处都要认真落实。"])
def test_chu_in_common_words_names_no_organ(text: str) -> None:
    assert not any(a.endswith("处") for a in _actors(text)), _actors(text)


@pytest.mark.parametrize(("text", "actor", "verb"), [
    ("经费不足是制约业主委员会运转的因素。", "业主委员会", "制约"),
    ("經費不足是制約業主委員會運轉的因素。", "业主委员会", "制约"),
    ("研究社会组织影响居民参与的机制。", "居民", "影响"),
])
def test_a_verb_before_an_actors_name_ends_it(text: str, actor: str, verb: str) -> None:
    found = _actors(text)
    assert actor in found and not any(a.startswith(verb) or verb in a for a in found), found


@pytest.mark.parametrize(("text", "organ"), [
    ("县教育体育局负责实施。", "县教育体育局"),
    ("建议县教育体育局加强管理。", "县教育体育局"),
    ("區宣傳文化中心開展活動。", "区宣传文化中心"),
])
def test_a_verbal_noun_naming_an_organs_field_stays_in_its_name(text: str, organ: str) -> None:
    assert organ in _actors(text), _actors(text)
