"""Link rules added after the fifth blind set: narrower groups (60岁以上老年人 in 老年人), the items of X等N个Z (also
inside a longer name), 在A带领下 B……, A下设N个B, 邀请A、B担任(调解员), A将B纳入X, 受A委托 B……, a post named after
its body (某社区党委书记 with 某社区党委), 推行某计划,……探访A和B. Sentences are written for these tests (simplified
and traditional)."""

from __future__ import annotations

import pytest
from sentences import both as _both
from sentences import linked as _linked
from sentences import triples as _triples


# -- a narrower group is part of the wider one -----------------------------------------------------------
@pytest.mark.parametrize("text", _both("全县60岁以上老年人达1.2万人，老年人助餐服务覆盖所有社区。"))
def test_a_group_narrowed_by_age_is_part_of_the_group(text: str) -> None:
    assert ("60岁以上老年人", "partOf", "老年人") in _triples(text)


@pytest.mark.parametrize("text", _both("苗族居民占全村人口的40%，社区鼓励居民参与议事协商。"))
def test_a_group_narrowed_by_a_people_is_part_of_the_group(text: str) -> None:
    assert ("苗族居民", "partOf", "居民") in _triples(text)


def test_a_group_is_no_part_of_a_group_it_only_starts_with() -> None:
    t = _triples("留守儿童家庭逐年增多，社区为留守儿童提供课后托管服务。")
    assert not _linked(t, "留守儿童家庭", "留守儿童", "partOf"), t


# -- X、Y等N个Z ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("扶持老年协会、妇女联合会等15家社会组织开展服务。"))
def test_the_items_before_a_count_after_deng_are_part_of_the_whole(text: str) -> None:
    t = _triples(text)
    assert ("老年协会", "partOf", "社会组织") in t, t
    assert ("妇联", "partOf", "社会组织") in t, t


@pytest.mark.parametrize("text", _both("快递员和外卖骑手等新就业群体的权益保障问题亟待破解。"))
def test_the_items_of_a_list_inside_a_weakness_are_part_of_the_whole(text: str) -> None:
    t = _triples(text)
    assert ("快递员", "partOf", "新就业群体") in t, t
    assert ("外卖骑手", "partOf", "新就业群体") in t, t


def test_the_head_of_a_quoted_name_is_no_item_of_the_list() -> None:
    # “银发”老人: 老人 is the head of one name, not an item of the list before 等
    t = _triples("“银发”老人和快递员等新就业群体的权益保障问题亟待破解。")
    assert ("快递员", "partOf", "新就业群体") in t, t
    assert ("老年人", "partOf", "新就业群体") not in t, t


# -- 在A带领下, B…… -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("在村党委带领下，“红马甲”志愿服务队每周上门巡查。"))
def test_under_the_lead_of_a_body_the_next_subject_is_led(text: str) -> None:
    assert ("村党委", "leads", "红马甲志愿服务队") in _triples(text)


@pytest.mark.parametrize("text", _both("在街道党工委领导下，“银发先锋”巡逻队每晚巡查小区。"))
def test_under_the_leadership_of_a_body_the_next_subject_is_led(text: str) -> None:
    t = _triples(text)
    assert _linked(t, "街道党工委", "银发先锋巡逻队", "leads"), t


def test_support_is_no_lead() -> None:
    t = _triples("在街道党工委支持下，“银发先锋”巡逻队每晚巡查小区。")
    assert not _linked(t, "街道党工委", "银发先锋巡逻队", "leads"), t


# -- A下设N个B -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("村党委下设4个网格党支部，推行党员联户制度。"))
def test_the_units_a_body_has_under_it(text: str) -> None:
    assert ("网格党支部", "subOrganizationOf", "村党委") in _triples(text)


@pytest.mark.parametrize("text", _both("街道党工委下设三个小区党支部，每月召开联席会议。"))
def test_the_units_a_body_has_under_it_counted_in_words(text: str) -> None:
    assert ("小区党组织", "subOrganizationOf", "街道党工委") in _triples(text)


def test_a_body_named_after_the_units_is_no_parent() -> None:
    t = _triples("村党委推行党员联户制度，网格党支部每月开展活动。")
    assert not _linked(t, "网格党支部", "村党委", "subOrganizationOf"), t


# -- 邀请A、B等N名C担任R ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("他牵头成立“和事佬调解室”，邀请退休干部、律师等6名志愿者担任调解员。"))
def test_the_invited_holding_a_post_serve_in_the_mechanism(text: str) -> None:
    t = _triples(text)
    for x in ("退休干部", "志愿者", "人民调解员"):
        assert ("和事佬调解室", "involves", x) in t, t


@pytest.mark.parametrize("text", _both("社区推行“红色议事厅”制度，邀请老党员和居民代表担任议事员。"))
def test_the_invited_holding_a_post_serve_in_the_system(text: str) -> None:
    t = _triples(text)
    assert _linked(t, "红色议事厅制度", "老党员", "involves"), t
    assert _linked(t, "红色议事厅制度", "居民代表", "involves"), t


def test_the_invited_serve_in_no_mechanism_when_none_is_named() -> None:
    t = _triples("村委会邀请老党员和居民代表担任监督员。")
    assert not any(p == "involves" for _, p, _ in t), t


# -- A将B纳入X -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("长宁区将网格员纳入“一网统管”平台，事件办结时间明显缩短。"))
def test_a_body_takes_actors_into_a_platform(text: str) -> None:
    t = _triples(text)
    assert ("长宁区", "implements", "一网统管平台") in t, t
    assert ("一网统管平台", "involves", "网格员") in t, t


@pytest.mark.parametrize("text", _both("县公安局将志愿者纳入治安防控体系。"))
def test_a_body_takes_actors_into_a_system(text: str) -> None:
    t = _triples(text)
    assert ("县公安局", "implements", "治安防控体系") in t, t
    assert ("治安防控体系", "involves", "志愿者") in t, t


def test_inclusion_without_jiang_names_no_members() -> None:
    t = _triples("社区工作者纳入治安防控体系管理的做法值得推广。")
    assert not _linked(t, "治安防控体系", "社区工作者", "involves"), t


# -- 受A委托, B…… -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("受区民政局委托，区社工协会组成评估组入户核查。"))
def test_the_body_entrusting_and_the_body_entrusted(text: str) -> None:
    t = _triples(text)
    assert any(s.endswith("区民政局") and o.startswith("区社") for s, p, o in t), t


@pytest.mark.parametrize("text", _both("受市人社局委托，市社会组织服务中心牵头开展技能测评。"))
def test_the_body_entrusting_and_the_body_entrusted_again(text: str) -> None:
    t = _triples(text)
    assert any(s.endswith("市人社局") and o == "市社会组织服务中心" and p == "relatedTo" for s, p, o in t), t


def test_an_entrusted_task_is_no_body() -> None:
    t = _triples("受区民政局委托，开展社区服务满意度调查。")
    assert not any(p == "relatedTo" for _, p, _ in t), t


# -- a post named after its body ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("东湖村党委书记定期走访困难群众，东湖村党委推行“红色议事厅”制度。"))
def test_a_post_is_related_to_the_body_it_is_named_after(text: str) -> None:
    assert ("东湖村党委书记", "relatedTo", "东湖村党委") in _triples(text)


@pytest.mark.parametrize("text", _both("城关镇党委书记牵头推进网格化管理，城关镇党委建立联席会议制度。"))
def test_a_post_is_related_to_the_body_it_is_named_after_again(text: str) -> None:
    assert ("城关镇党委书记", "relatedTo", "城关镇党委") in _triples(text)


def test_a_post_of_another_body_is_not_related() -> None:
    t = _triples("西湖村党委书记定期走访困难群众，东湖村党委推行“红色议事厅”制度。")
    assert not _linked(t, "西湖村党委书记", "东湖村党委"), t


# -- 推行某计划, ……探访A和B ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("区民政局推行“邻里守望”计划，每月探访独居老人和困难家庭。"))
def test_a_programme_reaches_the_groups_visited(text: str) -> None:
    t = _triples(text)
    assert ("邻里守望计划", "involves", "独居老人") in t, t
    assert ("邻里守望计划", "involves", "困难家庭") in t, t


@pytest.mark.parametrize("text", _both("街道实施“暖心敲门”行动，定期走访空巢老人和残疾人。"))
def test_an_action_reaches_the_groups_visited(text: str) -> None:
    t = _triples(text)
    assert _linked(t, "暖心敲门行动", "空巢老人", "involves"), t


def test_visits_by_a_named_body_stay_the_bodys() -> None:
    t = _triples("区民政局推行“邻里守望”计划，区残疾人联合会每月探访残疾人。")
    assert not _linked(t, "邻里守望计划", "残疾人", "involves"), t


# -- a plan sets up what its sentences with no subject set up ------------------------------------------------
_PLAN = "嘉兴市“十五五”养老服务发展规划\n第四章　保障措施\n推行养老服务时间银行制度，建立服务质量年度评估制度。\n"


@pytest.mark.parametrize("text", _both(_PLAN))
def test_a_plan_establishes_what_its_subjectless_sentences_set_up(text: str) -> None:
    t = _triples(text)
    assert ("嘉兴市十五五养老服务发展规划", "establishes", "养老服务时间银行制度") in t, t
    assert ("嘉兴市十五五养老服务发展规划", "establishes", "服务质量年度评估制度") in t, t


@pytest.mark.parametrize("text", _both("舟山市海岛社区治理实施方案\n一、重点任务\n建立海岛社区巡诊制度，推行渔嫂议事会制度。\n"))
def test_a_scheme_establishes_what_its_subjectless_sentences_set_up(text: str) -> None:
    t = _triples(text)
    assert any(s.startswith("舟山市海岛社区治理实施方案") and p == "establishes" and o == "海岛社区巡诊制度"
               for s, p, o in t), t


def test_a_report_title_is_no_policy_that_establishes() -> None:
    t = _triples("嘉兴市推进社区服务的工作报告\n推行养老服务时间银行制度，建立服务质量年度评估制度。\n")
    assert not any(p == "establishes" for _, p, _ in t), t


# -- the header lines of a proposal ------------------------------------------------------------------------
_PROPOSAL = ("政协湖州市委员会提案\n案由：关于完善社区议事协商机制的提案\n提案人：湖州市总工会\n"
             "主办单位：市民政局\n会办单位：市财政局、市司法局\n一、情况分析\n近年来，我市推行社区议事协商。\n")


@pytest.mark.parametrize("text", _both(_PROPOSAL))
def test_the_bodies_of_a_proposals_header_lines(text: str) -> None:
    t = _triples(text)
    # the proposal (the 案由 title), or the mechanism it names when the title is no name of its own
    it = {"关于完善社区议事协商机制的提案", "社区议事协商机制"}
    assert any(s == "湖州市总工会" and o in it for s, p, o in t), t
    assert any(s == "湖州市民政局" and p == "leads" and o in it for s, p, o in t), t
    assert any(s == "湖州市财政局" and p == "participatesIn" and o in it for s, p, o in t), t
    assert any(s == "湖州市司法局" and p == "participatesIn" and o in it for s, p, o in t), t


def test_a_proposer_is_only_a_whole_name() -> None:
    # a democratic party's city committee the recognisers do not know: its 某市委 is no proposer
    t = _triples(_PROPOSAL.replace("湖州市总工会", "九三学社湖州市委会"))
    it = {"关于完善社区议事协商机制的提案", "社区议事协商机制"}
    assert not any(s in ("湖州市委", "湖州市") and o in it for s, p, o in t), t
    assert any(s == "湖州市民政局" and p == "leads" and o in it for s, p, o in t), t


# -- 出台《P》,由A统筹,B、C分工落实 -------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("（一）出台《社区治理三年行动计划》，由市民政局统筹，市财政局、市住建局分工落实，"
                                       "到2028年建成社区服务站。"))
def test_the_bodies_that_lead_and_carry_out_a_policy_named_before(text: str) -> None:
    t = _triples(text)
    assert ("市民政局", "leads", "社区治理三年行动计划") in t, t
    assert ("市财政局", "responsibleFor", "社区治理三年行动计划") in t, t
    assert ("市住建局", "responsibleFor", "社区治理三年行动计划") in t, t


@pytest.mark.parametrize("text", _both("区政府印发《老旧小区改造实施方案》，由区住建局统筹推进，区财政局、区民政局按职责分工抓好落实。"))
def test_the_bodies_that_carry_out_a_policy_by_their_duties(text: str) -> None:
    t = _triples(text)
    assert ("区住建局", "leads", "老旧小区改造实施方案") in t, t
    assert ("区财政局", "responsibleFor", "老旧小区改造实施方案") in t, t
    assert ("区民政局", "responsibleFor", "老旧小区改造实施方案") in t, t


def test_a_body_with_an_object_of_its_own_carries_out_that_object() -> None:
    t = _triples("区政府印发《老旧小区改造实施方案》，区财政局落实改造资金。")
    assert not _linked(t, "区财政局", "老旧小区改造实施方案", "responsibleFor"), t


# -- 受理A诉求 / 收集A意见 -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("依托“邻里通”平台受理居民诉求3.2万件，办结率98%。"))
def test_a_platform_taking_in_a_groups_requests_serves_it(text: str) -> None:
    assert ("邻里通平台", "involves", "居民") in _triples(text)


@pytest.mark.parametrize("text", _both("区综治中心全年收集群众意见1200条。"))
def test_a_body_collecting_a_groups_opinions_is_related_to_it(text: str) -> None:
    assert ("区综治中心", "relatedTo", "群众") in _triples(text)


def test_a_group_named_before_no_noun_of_voice_is_not_served() -> None:
    t = _triples("区档案馆收集居民家谱资料600份。")
    assert not any(p in ("relatedTo", "involves") for _, p, _ in t), t


# -- 在X平台增设Y专区 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("在“浙里办”平台上增设“养老服务”专区，居民可在线预约。"))
def test_a_section_set_up_in_a_platform_is_part_of_it(text: str) -> None:
    t = _triples(text)
    assert any(s in ("养老服务", "养老服务专区") and p == "partOf" and o == "浙里办平台" for s, p, o in t), t


@pytest.mark.parametrize("text", _both("在“邻里通”服务平台开设“议事厅”专栏。"))
def test_a_column_opened_in_a_platform_is_part_of_it(text: str) -> None:
    assert ("议事厅", "partOf", "邻里通服务平台") in _triples(text)


def test_a_room_set_up_in_a_village_is_no_part_of_it() -> None:
    t = _triples("在东湖村设立“议事厅”，每月议事一次。")
    assert not any(p == "partOf" for _, p, _ in t), t


# -- 组成X,……在A、B开展……,访谈C和D -------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("绍兴市民政局组成督查组，于5月在越城区、柯桥区开展督查，访谈村干部和网格员。"))
def test_the_body_formed_is_the_subject_of_the_later_clauses(text: str) -> None:
    t = _triples(text)
    for x in ("越城区", "柯桥区", "村干部", "网格员"):
        assert ("督查组", "relatedTo", x) in t, t


@pytest.mark.parametrize("text", _both("区民政局组成督查组，访谈网格员和村干部。"))
def test_the_body_formed_interviews(text: str) -> None:
    t = _triples(text)
    assert ("督查组", "relatedTo", "网格员") in t, t


def test_a_later_clause_with_a_subject_of_its_own_keeps_it() -> None:
    t = _triples("区民政局组成督查组，在越城区开展督查，区财政局访谈村干部。")
    assert not _linked(t, "督查组", "村干部"), t
    assert ("区财政局", "relatedTo", "村干部") in t, t


# -- 某某,……,现任A、B ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("县民政局局长张明，兼任县老龄委办公室主任。"))
def test_a_person_holds_the_post_after_a_verb_of_holding(text: str) -> None:
    t = _triples(text)
    assert ("张明", "relatedTo", "县老龄委办公室主任") in t, t


@pytest.mark.parametrize("text", _both("东湖社区党委书记王秀兰，现任居委会主任，组织居民开展议事。"))
def test_a_person_holds_the_post_glued_to_the_verb(text: str) -> None:
    t = _triples(text)
    assert any(s == "王秀兰" and p == "relatedTo" and o.endswith("主任") for s, p, o in t), t


def test_a_post_held_by_the_verbs_own_subject_is_not_the_persons() -> None:
    t = _triples("东湖社区党委书记王秀兰介绍，社区工作者任网格员。")
    assert {o for s, p, o in t if s == "王秀兰"} == {"东湖社区党委书记"}, t


# -- 资助A、B等N个Z; 某局下属的某中心……收集A意见 ----------------------------------------------------------------
@pytest.mark.parametrize("text", _both("区民政局推行“邻里守望”计划，资助老年协会、妇女联合会等15家社会组织上门服务。"))
def test_a_programme_funding_a_list_brings_in_the_whole_too(text: str) -> None:
    t = _triples(text)
    for x in ("老年协会", "妇联", "社会组织"):
        assert ("邻里守望计划", "involves", x) in t, t


@pytest.mark.parametrize("text", _both("区民政局下属的区综治中心全年召开会议12次，收集群众意见800条。"))
def test_a_unit_named_after_its_parent_is_the_subject_that_collects(text: str) -> None:
    t = _triples(text)
    assert ("区综治中心", "relatedTo", "群众") in t, t
    assert ("区综治中心", "subOrganizationOf", "区民政局") in t, t
    assert not _linked(t, "区民政局", "群众"), t


def test_a_body_brought_in_without_a_list_keeps_the_count_apart() -> None:
    t = _triples("区民政局推行“邻里守望”计划，资助老年协会开展上门服务，惠及15家社会组织。")
    assert not _linked(t, "邻里守望计划", "社会组织", "involves"), t


# -- 她牵头成立X; A组织B开展X --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("东湖社区党委书记王秀兰，扎根社区15年。2020年，她牵头成立“老娘舅调解室”，化解邻里纠纷。"))
def test_a_pronoun_stands_for_the_person_named_before(text: str) -> None:
    assert ("王秀兰", "implements", "老娘舅调解室") in _triples(text)


def test_a_plural_pronoun_is_no_person() -> None:
    t = _triples("东湖社区党委书记王秀兰，扎根社区15年。居民们说，他们牵头成立“老娘舅调解室”。")
    assert not _linked(t, "王秀兰", "老娘舅调解室"), t


@pytest.mark.parametrize("text", _both("区民政局组织社会工作者开展“邻里守望”服务，为独居老人提供“暖心助餐”服务。"))
def test_the_organiser_carries_out_what_the_sentence_names(text: str) -> None:
    t = _triples(text)
    assert any(s == "区民政局" and p == "implements" and o.startswith("邻里守望") for s, p, o in t), t
    assert any(s == "区民政局" and p == "implements" and o.startswith("暖心助餐") for s, p, o in t), t


def test_an_organiser_inside_the_sentence_is_no_subject() -> None:
    t = _triples("“邻里守望”服务由街道组织社会工作者开展，区民政局为独居老人提供“暖心助餐”服务。")
    assert not any({s, o} & {"街道"} and any(x.startswith("暖心助餐") for x in (s, o)) for s, p, o in t), t
