"""Link rules added after the third blind set: places inside the place a document is about, meetings (who holds
them, who attends, who is invited, what is visited), drafting a policy, pilots, actors brought into a measure,
a body's office, joint bodies, a policy interpretation, groups acting inside a quoted name, a person after a
chain of roles. Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest
from sentences import both as _both
from sentences import linked as _linked
from sentences import triples as _triples

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


# -- places inside the place the document is about ---------------------------------------------------------
@pytest.mark.parametrize("text", _both("温州市2025年社区治理工作总结\n全市推行网格议事制度。瓯海区率先试点“邻里议事厅”项目。"))
def test_a_district_is_in_the_city_of_the_first_line(text: str) -> None:
    t = _triples(text)
    assert ("瓯海区", "locatedIn", "温州市") in t, t


def test_a_city_is_in_the_province_the_lexicon_puts_it_in() -> None:
    t = _triples("安徽省养老服务工作情况\n我省持续推进居家养老。芜湖市、蚌埠市建立家庭养老床位制度。")
    assert ("芜湖市", "locatedIn", "安徽省") in t and ("蚌埠市", "locatedIn", "安徽省") in t, t
    # the lexicon knows which province a city is in: a city of another province is not put in this one
    t = _triples("安徽省养老服务工作情况\n我省学习借鉴先进经验。苏州市建立家庭养老床位制度。")
    assert not _linked(t, "苏州市", "安徽省"), t


def test_the_first_line_is_the_documents_not_a_chunks() -> None:
    """A long document runs through the pipeline in chunks; the place a lower place sits in is read from the
    document's first line, never from the first line of a later chunk (a district's line opening it)."""
    from kg.extract import CHUNK_CHARS

    head, filler = "株洲市民政局关于社区治理工作情况的通报\n", "全市推进社区议事协商工作。\n"
    n = (CHUNK_CHARS - 5 - len(head)) // len(filler)
    text = (head + filler * n + "各" * (CHUNK_CHARS - 5 - len(head) - n * len(filler))
            + "\n荷塘区召开社区治理推进会。\n黄花镇建立了矛盾调解中心。\n")
    assert text.rfind("\n", 0, CHUNK_CHARS) == text.index("荷塘区") - 1  # a chunk opens with the district
    t = _triples(text)
    assert ("黄花镇", "locatedIn", "株洲市") in t and not _linked(t, "黄花镇", "荷塘区"), t


def test_no_home_when_two_places_of_its_level_are_named() -> None:
    t = _triples("杭州市社区治理工作情况\n杭州市与南京市交流经验。西湖区推行网格议事制度,玄武区建立楼道议事制度。")
    assert not _linked(t, "玄武区", "杭州市") and not _linked(t, "西湖区", "杭州市"), t


# -- meetings ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("德清县召开“乡村善治”工作推进会\n11月3日,德清县“乡村善治”工作推进会召开。"
                                       "各镇党委书记和县直部门负责人共120余人参加会议,先后观摩了“村民说事”制度、"
                                       "县矛盾纠纷调处化解中心等现场点。"))
def test_who_holds_a_meeting_and_what_it_visits(text: str) -> None:
    x = extract_text(text)
    events = [e for e in x.entities if e.core == "Event"]
    assert events, [e.label for e in x.entities]
    ev = normalise_name(events[0].label)
    t = _triples(text)
    assert ("德清县", "takesPartIn", ev) in t, t
    assert any(s == ev and p == "relatedTo" and "调处化解中心" in o for s, p, o in t), t


def test_attendees_of_a_meeting_named_before() -> None:
    t = _triples("全市社区治理现场推进会在滨江区召开。市民政局和区民政局共80余人参加会议。")
    ev = next((o for s, p, o in t if p == "takesPartIn"), None)
    assert ev is not None, t
    assert ("市民政局", "takesPartIn", ev) in t and ("区民政局", "takesPartIn", ev) in t, t
    # a verb of attending with an object of its own is not about the meeting
    t = _triples("全市社区治理现场推进会在滨江区召开。市民政局参加社区志愿服务。")
    assert not any(p == "takesPartIn" and s == "市民政局" for s, p, o in t), t


@pytest.mark.parametrize("text", _both("区民政局推行“居民议事日”制度,由区民政局局长主持,邀请社区党委书记、驻区单位代表"
                                       "及相关部门出席。"))
def test_the_invited_take_part_in_the_mechanism(text: str) -> None:
    t = _triples(text)
    assert any("书记" in s and p == "participatesIn" and o == "居民议事日制度" for s, p, o in t), t
    assert ("驻区单位", "participatesIn", "居民议事日制度") in t, t


def test_no_invitees_without_a_verb_of_attending() -> None:
    t = _triples("区民政局推行“居民议事日”制度,邀请社区党委书记谈体会。")
    assert not any(p == "participatesIn" for _, p, _ in t), t


# -- drafting, pilots, actors brought in ---------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("省民政厅会同省财政厅研究起草了《关于加强社区养老服务的意见》,经省政府同意后印发。"))
def test_drafters_issue_the_policy(text: str) -> None:
    t = _triples(text)
    issuers = {s for s, p, o in t if p == "issues"}
    assert any("民政厅" in s for s in issuers) and any("财政厅" in s for s in issuers), t


@pytest.mark.parametrize("text", _both("温州市社区治理工作情况\n全市建立“红色议事”制度,居民每月集中议事一次。"
                                       "瓯海区已先行试点,累计议事300场。"))
def test_a_pilot_without_an_object_pilots_the_mechanism_before(text: str) -> None:
    t = _triples(text)
    assert ("瓯海区", "implements", "红色议事制度") in t, t


def test_a_pilot_in_another_paragraph_reaches_nothing() -> None:
    t = _triples("温州市社区治理工作情况\n全市建立“红色议事”制度。\n瓯海区已先行试点。")
    assert ("瓯海区", "implements", "红色议事制度") not in t, t


@pytest.mark.parametrize("text", _both("(二)推行“社区厨房”服务模式。引入社会组织运营社区厨房,鼓励志愿者参与送餐。"))
def test_actors_brought_into_the_item_mechanism(text: str) -> None:
    t = _triples(text)
    assert ("社区厨房服务模式", "involves", "社会组织") in t, t


def test_a_verb_of_bringing_in_before_no_actor_links_nothing() -> None:
    t = _triples("(二)推行“社区厨房”服务模式。引入市场机制运营社区厨房。")
    assert not any(p == "involves" for _, p, _ in t), t


# -- offices, joint bodies, staffing ------------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("成立由分管副区长任组长的社区治理领导小组,领导小组办公室设在区民政局,实行月调度制度。"))
def test_the_office_of_a_body_is_hosted_by_another(text: str) -> None:
    t = _triples(text)
    assert any(p == "relatedTo" and {s, o} >= {"区民政局"} and any("领导小组" in n for n in (s, o))
               for s, p, o in t), t


def test_an_office_named_without_its_body_links_nothing() -> None:
    t = _triples("区民政局办公室设在三楼。")
    assert not any(p == "relatedTo" for _, p, _ in t), t


@pytest.mark.parametrize("text", _both("县防火委员会则联同县应急管理局巡查老旧小区40个。县民政局会同县财政局开展专项检查。"))
def test_bodies_acting_jointly_are_related(text: str) -> None:
    t = _triples(text)
    assert _linked(t, "县防火委员会", "县应急管理局", "relatedTo"), t
    assert _linked(t, "县民政局", "县财政局", "relatedTo"), t


def test_bodies_listed_without_a_verb_of_acting_together_are_not_related() -> None:
    t = _triples("县防火委员会巡查老旧小区,县应急管理局开展专项检查。")
    assert not _linked(t, "县防火委员会", "县应急管理局"), t


@pytest.mark.parametrize("text", _both("全区推行“网格连心”服务机制,配备专职网格员320名。"))
def test_staff_a_mechanism_is_equipped_with(text: str) -> None:
    t = _triples(text)
    assert ("网格连心服务机制", "involves", "网格员") in t or ("网格连心服务机制", "involves", "专职网格员") in t, t


# -- a policy interpretation -------------------------------------------------------------------------------
_QA = ("《某省推进社区养老服务的实施意见》政策解读\n"
       "问:《实施意见》提出了哪些举措?\n"
       "答:建立家庭养老床位制度,实施“助餐暖心”计划,努力构建居家社区机构相协调的养老服务体系。\n"
       "问:如何抓好落实?\n"
       "答:各设区市民政局负责本地区组织实施。\n")


@pytest.mark.parametrize("text", _both(_QA))
def test_an_interpreted_policy_establishes_what_its_answers_set_up(text: str) -> None:
    t = _triples(text)
    policy = "某省推进社区养老服务的实施意见"
    assert (policy, "establishes", "家庭养老床位制度") in t, t
    assert any(s == policy and p == "establishes" and "助餐暖心" in o for s, p, o in t), t
    assert any(s.endswith("民政局") and p == "responsibleFor" and o == policy for s, p, o in t), t


def test_a_title_that_is_no_interpretation_establishes_nothing_this_way() -> None:
    t = _triples(_QA.replace("政策解读", "学习体会", 1))
    assert not any(p == "establishes" and "家庭养老床位" in o for s, p, o in t), t


# -- groups acting inside a quoted name ----------------------------------------------------------------------
@pytest.mark.parametrize("text", _both("推广“居民出题、企业答题、政府监督”共治模式。"))
def test_a_group_opening_a_clause_of_a_quoted_name_is_involved(text: str) -> None:
    t = _triples(text)
    assert any(p == "involves" and o == "居民" for s, p, o in t), t


def test_a_group_modifying_a_noun_in_a_quoted_name_is_not() -> None:
    t = _triples("推广“居民公约、村规民约”双约机制。")
    assert not any(o == "居民" for s, p, o in t), t


# -- a person after a chain of roles, 分别, a mechanism inside a longer one ---------------------------------
@pytest.mark.parametrize("text", _both("市民政局局长、市老龄办主任王芳表示,将加快推进居家养老。"))
def test_a_person_holds_each_role_of_a_chain(text: str) -> None:
    t = _triples(text)
    person = next((s for s, p, o in t if p == "relatedTo" and s.startswith("王")), None)
    assert person is not None, t
    assert (person, "relatedTo", "市老龄办主任") in t and (person, "relatedTo", "市民政局局长") in t, t


def test_a_role_not_joined_to_the_chain_is_not_the_persons() -> None:
    t = _triples("市民政局局长出席,市老龄办主任王芳表示,将加快推进居家养老。")
    assert not any(p == "relatedTo" and o == "市民政局局长" for s, p, o in t), t


@pytest.mark.parametrize("text", _both("市民政局、市财政局分别牵头建立社区议事制度和社区服务评价机制。"))
def test_respectively_pairs_the_actors_with_what_they_set_up(text: str) -> None:
    t = _triples(text)
    assert ("市民政局", "implements", "社区议事制度") in t and ("市财政局", "implements", "社区服务评价机制") in t, t
    assert ("市民政局", "implements", "社区服务评价机制") not in t, t
    # without 分别 both set up both
    t = _triples("市民政局、市财政局共同建立社区议事制度和社区服务评价机制。")
    assert ("市民政局", "implements", "社区服务评价机制") in t, t


# -- where a meeting is held, where a programme is carried out ---------------------------------------------
@pytest.mark.parametrize("text", _both("全市社区治理现场推进会在滨江区召开。") + _both("11月5日,市民政局在西湖区举行社区治理现场会。"))
def test_a_meeting_is_held_in_the_place_after_zai(text: str) -> None:
    x = extract_text(text)
    held = [(normalise_name(r.subject[1]), normalise_name(r.object[1])) for r in x.relations if r.predicate == "heldIn"]
    assert len(held) == 1 and held[0][1] in ("滨江区", "西湖区"), held
    assert next(e for e in x.entities if e.key == next(r.subject for r in x.relations if r.predicate == "heldIn")
                ).core == "Event"


def test_an_event_carried_out_in_a_place_is_not_held_there() -> None:
    t = _triples("市民政局在西湖区开展专项检查。")
    assert not any(p == "heldIn" for _, p, _ in t), t


def test_held_in_is_in_the_ontology_with_a_shape() -> None:
    from rdflib import RDFS

    from kg import resources
    from kg.vocab import GOV

    onto = resources.load_ontology()
    assert (GOV.heldIn, RDFS.domain, GOV.Event) in onto and (GOV.heldIn, RDFS.range, GOV.Place) in onto
    shapes = resources.load_shapes()
    assert any(True for _ in shapes.subjects(None, GOV.heldIn)), "no SHACL shape targets gov:heldIn"


@pytest.mark.parametrize("text", _both("省人力资源社会保障厅在芜湖市、蚌埠市两地开展“就业驿站”试点。"))
def test_places_after_zai_carry_out_the_programme(text: str) -> None:
    t = _triples(text)
    assert ("芜湖市", "implements", "就业驿站试点") in t and ("蚌埠市", "implements", "就业驿站试点") in t, t


def test_places_not_after_zai_do_not() -> None:
    t = _triples("省人力资源社会保障厅向芜湖市、蚌埠市推广“就业驿站”试点。")
    assert not any(s in ("芜湖市", "蚌埠市") and p == "implements" for s, p, o in t), t


# -- a linkage of two named systems, a programme named after a place ---------------------------------------
@pytest.mark.parametrize("text", _both("健全“邻里通”平台与12345政务服务便民热线双向联动机制。"))
def test_the_two_systems_before_a_linkage_are_its_parts(text: str) -> None:
    t = _triples(text)
    assert ("邻里通平台", "partOf", "双向联动机制") in t, t
    assert ("12345政务服务便民热线", "partOf", "双向联动机制") in t, t


def test_two_systems_fused_without_a_linkage_name_are_only_related() -> None:
    t = _triples("推动“邻里通”平台和社区议事制度深度融合。")
    assert _linked(t, "邻里通平台", "社区议事制度", "relatedTo") and not any(p == "partOf" for _, p, _ in t), t


@pytest.mark.parametrize("text", _both("德清县社区治理工作情况\n德清县启动“平安德清·邻里守望”行动。"))
def test_a_programme_named_after_a_place_is_the_places(text: str) -> None:
    t = _triples(text)
    assert any(p == "relatedTo" and o == "德清县" and "平安德清" in s for s, p, o in t), t


def test_a_programme_named_after_another_word_is_not() -> None:
    t = _triples("德清县社区治理工作情况\n德清县启动“平安邻里·守望相助”行动。")
    assert not any(p == "relatedTo" and o == "德清县" for s, p, o in t), t


# -- members named in the next clause, groups a measure serves ---------------------------------------------
@pytest.mark.parametrize("text", _both("每个街道设立一支社区应急服务队,由社区干部、志愿者和物业服务人员组成。"))
def test_members_in_a_clause_of_their_own_belong_to_the_body_set_up_before(text: str) -> None:
    t = _triples(text)
    assert ("社区干部", "partOf", "社区应急服务队") in t and ("志愿者", "partOf", "社区应急服务队") in t, t


def test_members_after_another_noun_do_not() -> None:
    t = _triples("每个街道设立一支社区应急服务队,队伍由社区干部和志愿者组成。")
    assert not any(p == "partOf" for _, p, _ in t), t


@pytest.mark.parametrize("text", _both("建立面向独居老人和留守儿童的关爱服务机制。"))
def test_a_mechanism_involves_the_groups_it_serves(text: str) -> None:
    t = _triples(text)
    assert ("关爱服务机制", "involves", "独居老人") in t and ("关爱服务机制", "involves", "留守儿童") in t, t


def test_facing_the_future_serves_nobody() -> None:
    t = _triples("面向未来,健全社区议事制度,引导居民有序参与。")
    assert not any(p == "involves" and o == "居民" and "面向" in s for s, p, o in t), t
    assert not any(r[1] == "involves" for r in t if "未来" in r[0]), t


# -- the body a sentence founds acts in its later clauses -----------------------------------------------------
@pytest.mark.parametrize("text", _both("成立由分管副区长任组长的社区治理领导小组,领导小组办公室设在区民政局,实行月调度制度。"))
def test_the_body_founded_carries_out_what_the_sentence_sets_up_after(text: str) -> None:
    t = _triples(text)
    assert any("领导小组" in s and p == "implements" and o == "月调度制度" for s, p, o in t), t


def test_a_body_founded_in_another_sentence_does_not() -> None:
    t = _triples("成立社区治理领导小组。实行月调度制度。")
    assert not any(p == "implements" and o == "月调度制度" for s, p, o in t), t
