"""Link rules read from the grammar's word lists: duty lines of notices (责任单位 / 牵头单位 / 配合单位), members
(由A、B组成的X, X吸纳A), conveners (由A担任召集人), joint participation (A、B共同参与), guidance (在A指导下设立X),
location verbs (X隶属于Y), a person after a role, A推出的X and a preamble's applied policy.
Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


def _triples(x) -> set[tuple[str, str, str]]:
    return {(normalise_name(r.subject[1]), r.predicate, normalise_name(r.object[1])) for r in x.relations}


def _with(t: set, pred: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in t if p == pred}


# -- duty lines ----------------------------------------------------------------------------------------
_NOTICE = ("某市人民政府办公室关于加强养老服务工作的通知\n"
           "一、建立居家养老巡访关爱制度。各区要依托街道综合服务中心,每月走访独居老人。\n"
           "责任单位:市民政局、市卫生健康委,各区人民政府\n"
           "二、稳步提高补贴水平。对经济困难老年人给予补贴。\n"
           "责任单位:市财政局\n"
           "三、完善养老服务补贴制度。\n"
           "牵头单位:市民政局;配合单位:市财政局、市人力资源社会保障局\n")


@pytest.mark.parametrize("text", [_NOTICE, _NOTICE.replace("关于", "關於").replace("责任单位", "責任單位")
                                  .replace("牵头单位", "牽頭單位").replace("配合单位", "配合單位")
                                  .replace("养老", "養老").replace("制度", "制度")])
def test_a_duty_line_assigns_the_measure_above_it(text: str) -> None:
    x = extract_text(text)
    t = _triples(x)
    for actor in ("市民政局", "市卫生健康委", "区政府"):
        assert (actor, "responsibleFor", "居家养老巡访关爱制度") in t, (actor, t)
    # the next measure's duty line does not reach back over its own numbered item
    assert ("市财政局", "responsibleFor", "居家养老巡访关爱制度") not in t, t
    # lead and assisting units
    assert ("市民政局", "leads", "养老服务补贴制度") in t, t
    for actor in ("市财政局", "市人力资源社会保障局"):
        assert (actor, "participatesIn", "养老服务补贴制度") in t, (actor, t)
    assert ("市卫生健康委", "participatesIn", "养老服务补贴制度") not in t, t


def test_a_duty_in_brackets_after_a_measure() -> None:
    x = extract_text("(三)推行社区食堂助餐模式,打造老年助餐服务网络。(责任单位:县商务局、县民政局)\n"
                     "(四)开展养老机构安全检查。(责任单位:县应急管理局)\n")
    r = _with(_triples(x), "responsibleFor")
    assert {("县商务局", "社区食堂助餐模式"), ("县民政局", "社区食堂助餐模式"),
            ("县商务局", "老年助餐服务网络")} <= r, r
    assert not any(a == "县应急管理局" for a, _ in r), r  # its measure names no mechanism


def test_responsible_for_is_a_kind_of_implements() -> None:
    from rdflib import RDFS

    from kg.resources import load_ontology
    from kg.vocab import GOV

    assert (GOV.responsibleFor, RDFS.subPropertyOf, GOV.implements) in load_ontology()


# -- members -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "各村成立由老党员、村民代表和退役军人组成的红白理事会。",
    "各村成立由老黨員、村民代表和退役軍人組成的紅白理事會。",
    "各村的红白理事会由老党员、村民代表和退役军人组成。",
])
def test_members_of_a_body_made_of_them(text: str) -> None:
    p = _with(_triples(extract_text(text)), "partOf")
    assert {("老党员", "红白理事会"), ("村民代表", "红白理事会"), ("退役军人", "红白理事会")} <= p, p


@pytest.mark.parametrize("text", ["镇司法所组建人民调解委员会,吸纳退休法官、律师和网格员。",
                                  "鎮司法所組建人民調解委員會,吸納退休法官、律師和網格員。"])
def test_members_a_body_takes_in(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("网格员", "partOf", "人民调解委员会") in t, t
    assert ("网格员", "partOf", "司法所") not in t, t


def test_no_members_without_a_verb_of_making() -> None:
    t = _triples(extract_text("社区居民参与率达到90%,由区民政局负责。"))
    assert not _with(t, "partOf") and not _with(t, "participatesIn"), t


# -- conveners and joint participation -----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "社区推行楼栋议事制度,由楼栋长担任召集人,业主、物业服务企业和社区民警共同参与协商。",
    "社區推行樓棟議事制度,由樓棟長擔任召集人,業主、物業服務企業和社區民警共同參與協商。",
    "区委组织部与区民政局推动“楼栋议事制度”建设,由楼栋长担任召集人,业主、物业服务企业与社区民警共同参与协商。",
])
def test_a_convener_leads_and_joint_actors_take_part(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("楼栋长", "leads", "楼栋议事制度") in t, t
    for actor in ("业主", "物业服务企业", "社区民警"):
        assert (actor, "participatesIn", "楼栋议事制度") in t, (actor, t)


def test_a_convener_in_a_short_clause() -> None:
    t = _triples(extract_text("全镇推行院坝协商制度,村党组织书记当召集人,群众围坐议事。"))
    assert ("村党组织书记", "leads", "院坝协商制度") in t, t


def test_a_mechanism_pushed_forward_is_carried_out() -> None:
    t = _triples(extract_text("區委組織部與區民政局推動「鄰里議事會」建設。"))
    assert {("区委组织部", "implements", "邻里议事会"), ("区民政局", "implements", "邻里议事会")} <= t, t


def test_guided_actors_take_part_and_the_means_involves_them() -> None:
    t = _triples(extract_text("通过政府购买服务方式,引导社会组织和志愿者参与社区养老服务网络建设。"))
    for actor in ("社会组织", "志愿者"):
        assert (actor, "participatesIn", "社区养老服务网络") in t, (actor, t)
        assert ("政府购买服务", "involves", actor) in t, (actor, t)


def test_a_rate_of_participation_is_no_participation() -> None:
    t = _triples(extract_text("推行网格化管理机制,居民参与率达到90%。"))
    assert ("居民", "participatesIn", "网格化管理机制") not in t, t


# -- guidance, location, persons, 推出的 ---------------------------------------------------------------
@pytest.mark.parametrize("text,who,what", [
    ("在县民政局指导下成立社区发展基金会。", "县民政局", "社区发展基金会"),
    ("在縣民政局的指導下成立社區發展基金會。", "县民政局", "社区发展基金会"),
    ("县人社局指导各乡镇组建劳务合作社。", "县人社局", "劳务合作社"),
])
def test_guidance_leads_what_is_set_up(text: str, who: str, what: str) -> None:
    assert (who, "leads", what) in _triples(extract_text(text))


@pytest.mark.parametrize("text", ["安宁县隶属于昆明市。", "安寧縣隸屬於昆明市。"])
def test_a_place_under_another(text: str) -> None:
    assert ("安宁县", "locatedIn", "昆明市") in _triples(extract_text(text))


@pytest.mark.parametrize("text", ["县民政局局长李明指出,要建立社区协商机制。",
                                  "城关街道社区党委书记张丽介绍了经验。"])
def test_a_person_holds_the_role_before_the_name(text: str) -> None:
    x = extract_text(text)
    person = next(e for e in x.entities if e.cls == "Person")
    assert any(r.subject[1] == person.label and r.predicate == "relatedTo" and
               next(e for e in x.entities if e.label == r.object[1]).cls == "Role" for r in x.relations), x.relations


@pytest.mark.parametrize("text", ["朝阳区推出的“接诉即办”机制取得成效。", "朝陽區推出的「接訴即辦」機制取得成效。"])
def test_an_actor_that_launched_a_mechanism(text: str) -> None:
    assert ("朝阳区", "implements", "接诉即办机制") in _triples(extract_text(text))


@pytest.mark.parametrize("text", [
    "某县民政局关于做好低保工作的通知\n为贯彻落实《社会救助暂行办法》,现就有关事项通知如下。\n一、健全低保动态管理机制。\n",
    "某縣民政局關於做好低保工作的通知\n根據《社會救助暫行辦法》,現就有關事項通知如下。\n一、健全低保動態管理機制。\n",
])
def test_the_preamble_applies_a_policy_to_the_document(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("某县民政局关于做好低保工作的通知", "implementsPolicy", "社会救助暂行办法") in t, t


def test_a_policy_applied_in_the_body_is_not_the_documents() -> None:
    text = ("某县民政局关于做好低保工作的通知\n一、健全低保动态管理机制。\n"
            "二、各乡镇要根据《社会救助暂行办法》开展核查。\n")
    t = _triples(extract_text(text))
    assert ("某县民政局关于做好低保工作的通知", "implementsPolicy", "社会救助暂行办法") not in t, t


# -- items and the actors an actor acts on -------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "二、以“邻里积分”引导移风易俗。制定《某县文明积分管理办法》,全县设立兑换点40个。\n",
    "二、以「鄰里積分」引導移風易俗。制定《某縣文明積分管理辦法》,全縣設立兌換點40個。\n",
])
def test_a_policy_issued_under_an_item_establishes_its_vehicle(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("某县文明积分管理办法", "establishes", "邻里积分") in t, t


@pytest.mark.parametrize("text,agent,objs", [
    ("省民政厅每年培训社区党组织书记和社区工作者1.2万人次以上。", "省民政厅", ("社区党组织书记", "社区工作者")),
    ("縣委組織部定期走訪困難黨員。", "县委组织部", ("困难党员",)),
])
def test_an_actor_acting_on_other_actors(text: str, agent: str, objs: tuple[str, ...]) -> None:
    t = _triples(extract_text(text))
    for o in objs:
        assert (agent, "relatedTo", o) in t, (o, t)


def test_an_actor_verb_as_a_noun_relates_nothing() -> None:
    t = _triples(extract_text("市民政局服务质量明显提升,社区工作者队伍不断壮大。"))
    assert not _with(t, "relatedTo"), t


_REPORT = ("某县基层治理经验材料\n"
           "近年来,某县以“清风善治”为抓手,探索形成乡村治理新路径。\n"
           "一、以“院坝协商”制度激活群众参与。全县推行院坝协商,村党组织书记当召集人,群众围坐议事。\n"
           "二、以“积分超市”引导移风易俗。全县设立积分超市,农户凭积分兑换生活用品。\n"
           "三、以真金白银强化保障。\n")


@pytest.mark.parametrize("text", [_REPORT, _REPORT.replace("为抓手", "為抓手").replace("“", "「").replace("”", "」")
                                  .replace("协商", "協商").replace("积分", "積分")])
def test_the_items_of_a_report_support_its_frame(text: str) -> None:
    t = _triples(extract_text(text))
    assert {("院坝协商制度", "supports", "清风善治"), ("积分超市", "supports", "清风善治")} <= t, t
    assert ("村党组织书记", "leads", "院坝协商制度") in t, t  # the item's mechanism: 院坝协商 alone is no name


def test_joint_actors_with_a_name_nobody_knows_in_the_list() -> None:
    t = _triples(extract_text("居民代表、物业服务企业与共建单位共同参与社区协商议事制度。"))
    for actor in ("居民代表", "物业服务企业"):
        assert (actor, "participatesIn", "社区协商议事制度") in t, (actor, t)


def test_a_place_that_launched_a_mechanism_named_after_a_remark() -> None:
    t = _triples(extract_text("值得注意的是朝阳区推出的“接诉即办”机制。"))
    assert ("朝阳区", "implements", "接诉即办机制") in t, t


# -- pairs and teams -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,a,b", [
    ("实现网格员与社区民警“一对一”结对。", "网格员", "社区民警"),
    ("推動社區黨組織和物業服務企業聯動。", "社区党组织", "物业服务企业"),
])
def test_two_actors_working_as_a_pair(text: str, a: str, b: str) -> None:
    assert (a, "relatedTo", b) in _triples(extract_text(text))


def test_actors_taking_part_together_are_no_pair() -> None:
    assert not _with(_triples(extract_text("居民与物业服务企业共同参与。")), "relatedTo")


@pytest.mark.parametrize("text", ["全区组建“红枫”志愿服务队80支,注册志愿者1.5万名。",
                                  "全區組建「紅楓」志願服務隊80支,註冊志願者1.5萬名。"])
def test_the_members_of_a_team_named_before_them(text: str) -> None:
    assert ("志愿者", "partOf", "红枫志愿服务队") in _triples(extract_text(text))


@pytest.mark.parametrize("text", ["青海省城乡养老服务体系建设规划\n一、发展基础\n",
                                  "关于加快推进甘肃省社区治理的实施意见\n"])
def test_a_policy_named_after_a_place(text: str) -> None:
    x = extract_text(text)
    policy = next(e.label for e in x.entities if e.cls == "Policy")
    place = next((e.label for e in x.entities if e.cls == "Place"), None)
    assert place is not None and (normalise_name(policy), "relatedTo", normalise_name(place)) in _triples(x), \
        x.relations


@pytest.mark.parametrize("text,who,prop,what", [
    ("建立社区养老服务评估机制,由县民政局负责组织实施。", "县民政局", "responsibleFor", "社区养老服务评估机制"),
    ("建立社區養老服務評估機制,由縣民政局負責組織實施。", "县民政局", "responsibleFor", "社区养老服务评估机制"),
    ("社区协商议事制度由街道党工委统筹推进,县委组织部负责督导。", "街道党工委", "leads", "社区协商议事制度"),
])
def test_the_body_in_charge_of_the_clauses_mechanism(text: str, who: str, prop: str, what: str) -> None:
    t = _triples(extract_text(text))
    assert (who, prop, what) in t, t


def test_no_charge_across_sentences() -> None:
    t = _triples(extract_text("推行楼栋议事制度。由区民政局负责。"))
    assert not _with(t, "responsibleFor"), t


# -- items, kinds and targets --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "某市关于加强低保工作的通知\n一、建立低收入人口监测预警机制。依托“民生云”救助信息平台,对低保对象实行常态化监测。\n",
    "某市關於加強低保工作的通知\n一、建立低收入人口監測預警機制。依託「民生雲」救助信息平台,對低保對象實行常態化監測。\n",
])
def test_what_an_item_works_through_supports_its_mechanism(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("民生云救助信息平台", "supports", "低收入人口监测预警机制") in t, t


@pytest.mark.parametrize("indent", ["", "\u3000\u3000", "  "])
def test_a_team_an_item_of_a_report_works_through_is_in_its_frame(indent: str) -> None:
    text = (f"某县基层治理经验材料\n{indent}近年来,某县以“清风善治”为抓手,探索形成乡村治理新路径。\n"
            f"{indent}一、以“院坝协商”制度激活群众参与。全县推行院坝协商,村党组织书记当召集人,群众围坐议事。\n"
            f"{indent}二、以“红枫”志愿服务队化解矛盾纠纷。县司法局指导各镇组建志愿服务队,吸纳退休干部和网格员。\n")
    t = _triples(extract_text(text))
    assert ("清风善治", "involves", "红枫志愿服务队") in t, t


def test_a_group_named_inside_a_body_is_not_its_team() -> None:
    t = _triples(extract_text("社区居民委员会组织社区居民开展议事协商。"))
    assert not {(a, b) for a, b in _with(t, "partOf") if "居民" in a}, t


@pytest.mark.parametrize("text,policy", [
    ("某市社区治理提升行动方案\n一、工作措施\n市委社会工作部建立方案落实情况督查机制,每季度通报进展。\n",
     "某市社区治理提升行动方案"),
    ("某省养老服务体系建设规划(2024—2026年)\n一、重点任务\n省民政厅建立规划实施情况评估机制,适时开展中期评估。\n",
     "某省养老服务体系建设规划(2024—2026年)"),
])
def test_a_mechanism_named_after_the_documents_kind_carries_it_out(text: str, policy: str) -> None:
    t = _triples(extract_text(text))
    assert any(p == "implementsPolicy" and o == normalise_name(policy) for _, p, o in t), t


@pytest.mark.parametrize("text", [
    "(二)实施农村养老设施提升工程。安排补助资金不少于5亿元,重点向甘南藏族自治州和临夏回族自治州倾斜。\n",
    "(二)實施農村養老設施提升工程。安排補助資金不少於5億元,重點向甘南藏族自治州和臨夏回族自治州傾斜。\n",
])
def test_a_programme_turned_towards_places(text: str) -> None:
    t = _triples(extract_text(text))
    for place in ("甘南藏族自治州", "临夏回族自治州"):
        assert ("农村养老设施提升工程", "relatedTo", place) in t, (place, t)


@pytest.mark.parametrize("text,triple", [
    ("朝阳区自2020年起在区民政局指导下设立社区发展基金会。", ("社区发展基金会", "locatedIn", "朝阳区")),
    ("朝陽區自2020年起在區民政局指導下設立社區發展基金會。", ("社区发展基金会", "locatedIn", "朝阳区")),
    ("县司法局组建人民调解委员会。", ("县司法局", "relatedTo", "人民调解委员会")),
])
def test_a_body_set_up_by_a_place_or_an_organ(text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _triples(extract_text(text))
