"""Link rules added after the fourth blind set: bodies named after their place or parent body, a place in the
last place of a 位于 chain, a statute's articles and adoption line, frames of service and means (为A提供, 通过X,
由A承办), items opened with 一是/二是. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest
from sentences import both as _both
from sentences import linked as _linked
from sentences import triples as _triples

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


# -- a body named after its place or its parent body -----------------------------------------------------
@pytest.mark.parametrize("text", _both("绍兴市持续推进社区治理。绍兴市民政局会同绍兴市财政局建立邻里互助制度。"))
def test_a_body_is_in_the_place_its_name_opens_with(text: str) -> None:
    t = _triples(text)
    assert ("绍兴市民政局", "locatedIn", "绍兴市") in t, t
    assert ("绍兴市财政局", "locatedIn", "绍兴市") in t, t


def test_a_body_is_only_in_the_place_its_own_name_opens_with() -> None:
    t = _triples("绍兴市持续推进社区治理。台州市民政局会同绍兴市财政局建立邻里互助制度。")
    assert ("台州市民政局", "locatedIn", "台州市") in t, t
    assert ("台州市民政局", "locatedIn", "绍兴市") not in t, t


@pytest.mark.parametrize("text", _both("常州市委部署基层党建工作。常州市委组织部会同常州市人民政府办公室推进党员教育,"
                                       "常州市人民政府统筹推进。"))
def test_a_unit_is_under_the_body_its_name_opens_with(text: str) -> None:
    t = _triples(text)
    assert ("常州市委组织部", "subOrganizationOf", "常州市委") in t, t
    assert ("常州市人民政府办公室", "subOrganizationOf", "常州市人民政府") in t, t


def test_a_kind_of_body_is_no_unit_of_a_shorter_name() -> None:
    # 民政部门 (civil-affairs departments) opens with 民政部 (the ministry) but is no part of it
    t = _triples("民政部部署社区减负工作。各地民政部门要建立社区工作事项准入制度。")
    assert not _linked(t, "民政部门", "民政部"), t


# -- places ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("宣威县位于云南省昭通市东部,全县建立村民议事会制度。"))
def test_a_place_is_in_the_last_place_of_the_chain_after_weiyu(text: str) -> None:
    t = _triples(text)
    assert ("宣威县", "locatedIn", "昭通市") in t, t
    assert ("宣威县", "locatedIn", "云南省") not in t, t


# -- a statute: its articles, its purpose and its adoption line ------------------------------------------
_STATUTE = ("湖州市养老服务促进条例\n（2025年6月20日湖州市人民代表大会常务委员会第十二次会议通过）\n"
            "第一条　为了规范养老服务，推进基层治理现代化，制定本条例。\n"
            "第八条　市人民政府须建立养老服务联席会议制度，定期研究重大事项。\n"
            "第九条　县级人民政府应当推行“时间银行”互助养老模式。\n")


@pytest.mark.parametrize("text", _both(_STATUTE))
def test_a_statute_establishes_what_its_articles_set_up(text: str) -> None:
    t = _triples(text)
    assert ("湖州市养老服务促进条例", "establishes", "养老服务联席会议制度") in t, t
    assert ("湖州市养老服务促进条例", "establishes", "时间银行互助养老模式") in t, t
    assert ("湖州市养老服务促进条例", "contributesTo", "基层治理现代化") in t, t
    assert any(p == "issues" and o == "湖州市养老服务促进条例" and "常务委员会" in s for s, p, o in t), t


def test_a_plan_is_no_statute_and_a_note_line_is_no_adoption() -> None:
    text = ("湖州市养老服务提升方案\n（2025年6月20日湖州市人民代表大会常务委员会会议文件）\n"
            "市人民政府须建立养老服务联席会议制度。\n")
    t = _triples(text)
    assert not any(p == "establishes" and o == "养老服务联席会议制度" for s, p, o in t), t
    assert not any(p == "issues" and "常务委员会" in s for s, p, o in t), t


@pytest.mark.parametrize("text", _both("湖州市网格议事办法\n为推行网格议事机制，加快构建社区治理新格局，制定本办法。"))
def test_a_policy_issued_after_its_purpose_serves_the_goals_before_it(text: str) -> None:
    t = _triples(text)
    assert ("湖州市网格议事办法", "contributesTo", "社区治理新格局") in t, t


def test_without_a_purpose_a_goal_reached_by_a_mechanism_stays_the_mechanisms() -> None:
    t = _triples("湖州市网格议事办法\n推行网格议事机制，加快构建社区治理新格局，制定本办法。")
    assert ("网格议事机制", "contributesTo", "社区治理新格局") in t, t
    assert ("湖州市网格议事办法", "contributesTo", "社区治理新格局") not in t, t


# -- items opened with 一是/二是 ------------------------------------------------------------------------
_CASE = ("某县社区治理典型案例\n"
         "一是创新“楼院议事”。建立“居民提事、党员议事”工作法，由社区居委会牵头，驻社区律师和物业企业共同参与。\n"
         "二是推行“志愿积分”。居民参加环境整治可获得积分。\n")


@pytest.mark.parametrize("text", _both(_CASE))
def test_a_shi_item_names_its_mechanism(text: str) -> None:
    t = _triples(text)
    assert ("居民提事、党员议事工作法", "supports", "楼院议事") in t, t
    # who leads or takes part in the item's measures is involved in the item's mechanism
    assert ("楼院议事", "involves", "居民委员会") in t and ("楼院议事", "involves", "物业服务企业") in t, t
    assert not _linked(t, "志愿积分", "居民委员会"), t


@pytest.mark.parametrize("text", _both("下一步工作打算\n我们将重点抓好三项工作：一是优化网点布局。二是推广“时间银行”互助机制。"
                                       "推行“公建民营”运营模式，吸纳志愿者加入。三是建立“助老顾问”制度，各街道配备"
                                       "助老顾问。"))
def test_the_next_shi_item_on_the_line_ends_an_item(text: str) -> None:
    t = _triples(text)
    assert ("公建民营运营模式", "supports", "时间银行互助机制") in t, t
    assert not _linked(t, "助老顾问制度", "时间银行互助机制"), t
    assert not _linked(t, "助老顾问", "时间银行互助机制"), t


# -- places in the document's jurisdiction ----------------------------------------------------------------
@pytest.mark.parametrize("text", _both("温州市民政局关于社区养老服务工作的报告\n温州市持续推进社区助餐服务。"
                                       "瓯海区、鹿城区推行“邻里食堂”助餐模式。"))
def test_a_district_is_in_the_city_of_the_title_s_body(text: str) -> None:
    t = _triples(text)
    assert ("瓯海区", "locatedIn", "温州市") in t and ("鹿城区", "locatedIn", "温州市") in t, t


def test_no_jurisdiction_link_when_another_city_is_named() -> None:
    t = _triples("温州市民政局关于社区养老服务工作的报告\n温州市持续推进社区助餐服务。台州市推行“邻里食堂”助餐模式，"
                 "瓯海区建立助餐补贴制度。")
    assert not _linked(t, "瓯海区", "温州市") and not _linked(t, "瓯海区", "台州市"), t


# -- the groups a measure serves: 为A提供X ------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("区民政局建立“助老管家”制度，每个社区配备两名助老管家，为独居老人和残疾人提供上门探访。"))
def test_the_mechanism_before_serves_the_groups_after_wei(text: str) -> None:
    t = _triples(text)
    assert ("助老管家制度", "involves", "独居老人") in t, t
    assert ("助老管家制度", "involves", "残疾人") in t, t


@pytest.mark.parametrize("text", _both("街道组建“银发先锋”志愿服务队，为留守儿童提供课后托管。"))
def test_a_body_set_up_before_is_related_to_the_groups_it_serves(text: str) -> None:
    t = _triples(text)
    assert any(p == "relatedTo" and "银发先锋" in s and o == "留守儿童" for s, p, o in t), t


def test_wei_in_other_words_serves_nobody() -> None:
    # 作为 / 以……为 are no 为 of service
    t = _triples("区民政局建立“助老管家”制度，作为独居老人提供帮助的渠道。")
    assert not _linked(t, "助老管家制度", "独居老人"), t


# -- coordinated agents of a verb acting on actors; guests invited to teach -----------------------------
@pytest.mark.parametrize("text", _both("区民政局、区司法局应当指导村民委员会开展调解工作。"))
def test_every_coordinated_body_acts_on_the_actor(text: str) -> None:
    t = _triples(text)
    assert _linked(t, "区民政局", "村民委员会") and _linked(t, "区司法局", "村民委员会"), t


def test_a_body_of_another_clause_does_not_act() -> None:
    t = _triples("区民政局发布通知，区司法局应当指导村民委员会开展调解工作。")
    assert not _linked(t, "区民政局", "村民委员会"), t


@pytest.mark.parametrize("text", _both("镇政府推出“银龄课堂”，每月举办四次讲座，邀请退休教师和律师授课。"))
def test_guests_invited_to_teach_take_part_in_the_mechanism(text: str) -> None:
    t = _triples(text)
    assert ("退休教师", "participatesIn", "银龄课堂") in t, t


def test_an_invitation_with_no_guest_named_after_it_links_nobody() -> None:
    t = _triples("镇政府推出“银龄课堂”，每月举办四次讲座，诚挚邀请，退休教师授课。")
    assert not _linked(t, "退休教师", "银龄课堂", "participatesIn"), t


# -- the subject works through a means: 通过/透过 X ---------------------------------------------------------
@pytest.mark.parametrize("text", _both("区民政局通过“社区合伙人”计划引入社会组织参与社区服务。"))
def test_a_body_carries_out_what_it_works_through(text: str) -> None:
    t = _triples(text)
    assert ("区民政局", "implements", "社区合伙人计划") in t, t


def test_roles_working_through_a_platform_are_involved_in_it() -> None:
    # Taiwan usage: 透过
    t = _triples("網格員、社區工作者均可透過“鄰里通”信息平台受理求助。")
    assert ("邻里通信息平台", "involves", "网格员") in t and ("邻里通信息平台", "involves", "社区工作者") in t, t


def test_a_speaker_does_not_work_through_what_is_said() -> None:
    t = _triples("东岭村党支部书记王某某介绍，去年全村借助“院坝议事会”化解纠纷12起。")
    assert not _linked(t, "院坝议事会", "东岭村党支部书记"), t


# -- a speaker line: a role, white space, a name -----------------------------------------------------------
@pytest.mark.parametrize("text", _both("在全县民政工作会议上的讲话\n县委副书记　王建华\n（2026年1月8日）\n同志们：今年全县建立村级议事制度。"))
def test_the_speaker_holds_the_role_before_the_space(text: str) -> None:
    x = extract_text(text)
    person = next((e.label for e in x.entities if e.cls == "Person"), None)
    assert person is not None, [e.label for e in x.entities]
    t = _triples(text)
    assert (normalise_name(person), "relatedTo", "县委副书记") in t, t


def test_a_role_and_a_name_on_different_lines_are_not_paired() -> None:
    t = _triples("在全县民政工作会议上的讲话\n县委副书记\n王建华\n（2026年1月8日）\n同志们：今年全县建立村级议事制度。")
    assert not any(p == "relatedTo" and o == "县委副书记" for s, p, o in t), t


# -- bodies that make up a body: A会同B、C组成X -------------------------------------------------------------
@pytest.mark.parametrize("text", _both("市民政局、市司法局和市财政局联合组成社区治理领导小组，开展专项检查。"))
def test_the_bodies_before_zucheng_are_part_of_the_body_after_it(text: str) -> None:
    t = _triples(text)
    for body in ("市民政局", "市司法局", "市财政局"):
        assert any(s == body and p == "partOf" and "领导小组" in o for s, p, o in t), t


@pytest.mark.parametrize("text", _both("市民政局、市司法局共同组成“邻里守望”志愿服务队。"))
def test_a_team_made_of_two_bodies(text: str) -> None:
    t = _triples(text)
    assert ("市民政局", "partOf", "邻里守望志愿服务队") in t and ("市司法局", "partOf", "邻里守望志愿服务队") in t, t


def test_what_the_formed_group_visits_is_not_formed() -> None:
    t = _triples("市民政局、市司法局组成的检查队伍走访了社区志愿服务队。")
    assert not any(p == "partOf" and o == "社区志愿服务队" for s, p, o in t), t


# -- a bare head standing for the mechanism named before ---------------------------------------------------
@pytest.mark.parametrize("text", _both("市人民政府建立全市统一的“邻里通”社区服务平台，网格员、楼栋长均可通过平台受理求助。"))
def test_a_bare_platform_after_tongguo_is_the_platform_named_before(text: str) -> None:
    t = _triples(text)
    assert ("邻里通社区服务平台", "involves", "网格员") in t, t
    assert ("邻里通社区服务平台", "involves", "楼栋长") in t, t


@pytest.mark.parametrize("text", _both("县府今年新增「长青关怀据点」12处。处长表示，据点由社区发展协会及慈善基金会承办，提供共餐服务。"))
def test_a_bare_station_opening_a_clause_is_the_station_named_before(text: str) -> None:
    t = _triples(text)
    assert ("社区发展协会", "responsibleFor", "长青关怀据点") in t, t
    assert ("慈善基金会", "responsibleFor", "长青关怀据点") in t, t


def test_a_head_inside_another_word_stands_for_nothing() -> None:
    # 平台 inside a longer word, after a verb that is no word of means: no anaphor
    t = _triples("市人民政府建立“邻里通”社区服务平台，网格员建设新平台受理居民诉求。")
    assert not _linked(t, "邻里通社区服务平台", "网格员"), t


# -- a group founding the body it makes up -----------------------------------------------------------------
@pytest.mark.parametrize("text", _both("支持业主自行成立业主大会，共同协商楼院事务。"))
def test_a_group_founding_a_body_is_part_of_it(text: str) -> None:
    t = _triples(text)
    assert ("业主", "partOf", "业主大会") in t, t


def test_a_group_introducing_a_body_is_not_part_of_it() -> None:
    t = _triples("引导村民自愿引入社会组织，共同管理村内公共事务。")
    assert not _linked(t, "村民", "社会组织", "partOf"), t
    t = _triples("引导村民自愿成立老年协会。")
    assert ("村民", "partOf", "老年协会") in t, t


# -- a body's own account of its work -----------------------------------------------------------------------
_REPLY = ("湖州市民政局关于市九届人大三次会议第0112号建议的答复\n王某某代表：\n您提出的建议收悉。现答复如下：\n"
          "（一）推行“银龄食堂”助餐服务。全市新建老年食堂30家。\n"
          "下一步，我们将抓好三项工作：一是优化网点布局。二是建立“助老顾问”制度，各街道配备两名助老顾问。\n")


@pytest.mark.parametrize("text", _both(_REPLY))
def test_a_reply_s_body_carries_out_what_its_subjectless_sentences_set_up(text: str) -> None:
    t = _triples(text)
    assert ("湖州市民政局", "implements", "银龄食堂助餐服务") in t, t
    assert ("湖州市民政局", "implements", "助老顾问制度") in t, t


def test_a_notice_s_subjectless_sentences_are_not_its_issuer_s() -> None:
    text = _REPLY.replace("的答复\n", "的通知\n", 1)
    t = _triples(text)
    assert not any(s == "湖州市民政局" and p == "implements" and o == "助老顾问制度" for s, p, o in t), t


# -- staff recruited for the sentence's topic ---------------------------------------------------------------
@pytest.mark.parametrize("text", _both("“邻里通”一体化平台覆盖全区28个镇乡街道，配备专职网格员1500名。"))
def test_staff_recruited_join_the_topic_mechanism_not_an_object(text: str) -> None:
    t = _triples(text)
    assert any(s == "邻里通一体化平台" and p == "involves" and "网格员" in o for s, p, o in t), t
    assert not any(p == "partOf" and "网格员" in s for s, p, o in t), t


def test_staff_after_a_clause_naming_a_body_join_that_body() -> None:
    # the clause before names the body set up: that body (the nearest) takes the staff, as before
    t = _triples("区民政局设立“邻里通”服务中心，配备专职社工12名。")
    assert not any(s == "区民政局" and p == "involves" for s, p, o in t), t


def test_a_bare_head_without_a_demonstrative_stands_for_the_topic_named_first() -> None:
    t = _triples("县府推广「长青关怀据点」。各乡镇推行「一乡一据点」。处长表示，据点由社区发展协会承办。")
    assert ("社区发展协会", "responsibleFor", "长青关怀据点") in t, t
    assert not _linked(t, "社区发展协会", "一乡一据点", "responsibleFor"), t
