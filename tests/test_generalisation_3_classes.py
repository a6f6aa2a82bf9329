"""Mechanisms, goals and challenges (third blind set): quoted lists describing a mechanism, aims and problems
stated by a quoted list, duplicates of one entity, weakness clauses, generic concepts.

Sentences are written for these tests (simplified and traditional); none comes from a test text."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.nlp.lexicon import core_class
from kg.pipeline import extract_text


def _entities(text: str) -> dict[str, tuple[str, set[str]]]:
    """Normalised label -> (core class, normalised aliases)."""
    return {normalise_name(e.label): (core_class(e.cls), {normalise_name(a) for a in e.aliases})
            for e in extract_text(text).entities}


def _of(text: str, core: str) -> set[str]:
    return {k for k, (c, _) in _entities(text).items() if c == core}


# -- a quoted list right before a mechanism's name describes that mechanism ------------------------------
@pytest.mark.parametrize(("text", "name"), [
    ("街道推行“网格吹哨、部门报到、限时办结”的联动处置机制,群众满意度明显提升。",
     "网格吹哨、部门报到、限时办结的联动处置机制"),
    ("该县完善“村民提、村委议、乡镇审”三级议事协商制度,全年议定事项300余件。",
     "村民提、村委议、乡镇审三级议事协商制度"),
    ("街道推行「網格吹哨、部門報到、限時辦結」的聯動處置機制,群眾滿意度明顯提升。",
     "网格吹哨、部门报到、限时办结的联动处置机制"),
])
def test_a_quoted_list_and_the_mechanism_after_it_are_one_entity(text: str, name: str) -> None:
    got = _entities(text)
    assert got.get(name, ("",))[0] == "Mechanism", got
    quoted = name.split("的")[0] if "的" in name else name[:name.index("三")]
    assert quoted not in got, got  # the quoted list is no entity of its own


def test_a_quoted_list_before_a_noun_that_names_no_mechanism_stays_apart() -> None:
    got = _entities("社区推行“错峰开放、预约使用”,活动室利用率提高。")
    assert got.get("错峰开放、预约使用", ("",))[0] == "Mechanism", got
    assert not any(k.startswith("错峰开放、预约使用") and k != "错峰开放、预约使用" for k in got), got


# -- weakness clauses ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("目前,村级医疗资源配置不均衡。", {"村级医疗资源配置不均衡"}),
    ("辖区独居老人比例偏高,护理人员也较为紧张。", {"辖区独居老人比例偏高", "护理人员也较为紧张"}),
    ("轄區獨居老人比例偏高,護理人員也較為緊張。", {"辖区独居老人比例偏高", "护理人员也较为紧张"}),
    ("同时,供需信息不对称,社区“最后一公里”堵点依然存在。", {"供需信息不对称", "社区“最后一公里”堵点依然存在"}),
])
def test_short_weakness_clauses(text: str, expected: set[str]) -> None:
    assert {normalise_name(n) for n in expected} <= _of(text, "Challenge"), _of(text, "Challenge")


@pytest.mark.parametrize("text", ["今年以来,各项服务成效比较明显。", "群众参与热情依然高涨,志愿队伍不断壮大。"])
def test_no_weakness_without_a_cue(text: str) -> None:
    assert not _of(text, "Challenge"), _of(text, "Challenge")


@pytest.mark.parametrize(("text", "expected", "deictic"), [
    ("我县部分山区村医缺位,群众看病不便。", "部分山区村医缺位", "我县"),
    ("本區部分屋苑停車位偏少。", "部分屋苑停车位偏少", "本区"),
])
def test_a_weakness_leaves_out_its_deictic_subject(text: str, expected: str, deictic: str) -> None:
    got = _of(text, "Challenge")
    assert expected in got and not any(c.startswith(deictic) for c in got), got


@pytest.mark.parametrize(("text", "expected"), [
    ("资金来源单一、部分居民“等靠要”(wait-and-see)、专业人才匮乏是制约社区发展的主要因素。",
     {"资金来源单一", "部分居民“等靠要”", "专业人才匮乏"}),
    ("資金來源單一、部分居民「等靠要」、專業人才匱乏是制約社區發展的主要因素。",
     {"资金来源单一", "部分居民“等靠要”", "专业人才匮乏"}),
])
def test_every_item_of_a_list_of_weaknesses_sharing_a_predicate(text: str, expected: set[str]) -> None:
    got = _of(text, "Challenge")
    assert {normalise_name(n) for n in expected} <= got, got
    assert "等靠要" not in _of(text, "Mechanism")


def test_a_list_item_without_a_cue_in_a_list_of_tasks_is_no_weakness() -> None:
    got = _of("完善服务设施、培育社区社会组织、补齐人才短板是今年的重点任务。", "Challenge")
    assert not any("培育" in c for c in got), got


@pytest.mark.parametrize(("text", "expected"), [
    ("调查显示,青年志愿者参与呈现“意愿强、行动少”的特点。", "青年志愿者参与呈现“意愿强、行动少”的特点"),
    ("調查顯示,青年志願者參與呈現「意願強、行動少」的特點。", "青年志愿者参与呈现“意愿强、行动少”的特点"),
])
def test_a_feature_with_a_mark_of_lack_is_a_weakness(text: str, expected: str) -> None:
    assert normalise_name(expected) in _of(text, "Challenge"), _of(text, "Challenge")


def test_a_feature_without_a_mark_of_lack_is_no_weakness() -> None:
    assert not _of("全区经济呈现“高增长、高质量”的态势。", "Challenge")


@pytest.mark.parametrize(("text", "expected", "wrong"), [
    ("部分小区停车位偏少、物业费收缴率较低等问题仍然存在。", "部分小区停车位偏少", "等问题仍然存在"),
    ("部分小區停車位偏少、物業費收繳率較低等問題仍然存在。", "部分小区停车位偏少", "等问题仍然存在"),
])
def test_a_predicate_said_of_a_list_of_weaknesses_is_no_weakness_of_its_own(text: str, expected: str,
                                                                           wrong: str) -> None:
    got = _of(text, "Challenge")
    assert expected in got and not any(wrong in c for c in got), got


# -- one entity, one label ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "市民政局印发《某市社区志愿服务积分管理办法》。《办法》明确了积分兑换规则,《办法》自发布之日起施行。",
    "市民政局印發《某市社區志願服務積分管理辦法》。《辦法》明確了積分兌換規則,《辦法》自發布之日起施行。",
])
def test_a_short_title_is_the_one_policy_whose_title_ends_so(text: str) -> None:
    policies = {e.label: e for e in extract_text(text).entities if e.cls == "Policy"}
    assert list(policies) == ["某市社区志愿服务积分管理办法"], list(policies)
    assert "办法" in policies["某市社区志愿服务积分管理办法"].aliases


def test_a_short_title_ending_two_policies_stays_apart() -> None:
    text = "市里先后印发《社区志愿服务积分管理办法》和《社区议事协商管理办法》。《管理办法》施行以来成效明显。"
    policies = {e.label for e in extract_text(text).entities if e.cls == "Policy"}
    assert "社区志愿服务积分管理办法" in policies and "社区议事协商管理办法" in policies, policies


def test_a_mechanism_named_in_full_once_and_short_twice_keeps_its_full_name() -> None:
    text = "全市建立城乡社区养老服务档案互认机制。档案互认机制运行一年来,档案互认机制已覆盖全部乡镇。"
    mechanisms = {e.label for e in extract_text(text).entities if core_class(e.cls) == "Mechanism"}
    assert "城乡社区养老服务档案互认机制" in mechanisms and "档案互认机制" not in mechanisms, mechanisms


# -- aims ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "aim"), [
    ("近年来,该区聚焦“急事不出格、难事不出街”,全面推行网格化管理。", "急事不出格、难事不出街"),
    ("街道围绕“老有所养、幼有所育”,新建服务站点12个。", "老有所养、幼有所育"),
    ("近年來,該區聚焦「急事不出格、難事不出街」,全面推行網格化管理。", "急事不出格、难事不出街"),
])
def test_a_quoted_list_after_a_verb_of_focusing_is_an_aim(text: str, aim: str) -> None:
    got = _entities(text)
    assert got.get(aim, ("",))[0] == "Goal", got


def test_a_single_quoted_word_after_a_verb_of_focusing_is_no_aim() -> None:
    assert "一老一小" not in _of("街道聚焦“一老一小”,新建服务站点12个。", "Goal")


@pytest.mark.parametrize(("text", "aim"), [
    ("推动邻里纠纷调处在楼栋、化解在小区。", "邻里纠纷调处在楼栋、化解在小区"),
    ("力争群众诉求受理在网格、办结在社区,让居民少跑腿。", "群众诉求受理在网格、办结在社区"),
    ("推動鄰里糾紛調處在樓棟、化解在小區。", "邻里纠纷调处在楼栋、化解在小区"),
])
def test_parallel_items_placing_what_a_verb_does_are_an_aim(text: str, aim: str) -> None:
    assert aim in _of(text, "Goal"), _of(text, "Goal")


def test_places_listed_after_a_goal_verb_without_verbs_are_no_aim() -> None:
    got = _of("推动社区居民在家门口、在楼道里参与议事。", "Goal")
    assert not any("在楼道里" in g for g in got), got


# -- fields of the lexicon are topics, not measures --------------------------------------------------------
@pytest.mark.parametrize(("text", "field"), [
    ("引导快递员积极参与基层治理,参与社区服务。", "基层治理"),
    ("引導快遞員積極參與基層治理,參與社區服務。", "社区服务"),
    ("社区治理扎实推进,居民满意度明显提升。", "社区治理"),
])
def test_a_field_named_as_a_topic_is_no_mechanism(text: str, field: str) -> None:
    assert field not in _of(text, "Mechanism"), _of(text, "Mechanism")


@pytest.mark.parametrize(("text", "field"), [
    ("一、总体要求\n二、发展服务类社会救助。引导社会组织参与,每年安排资金500万元。\n三、完善工作机制。",
     "服务类社会救助"),
    ("全县建立临时救助,群众求助有门。", "临时救助"),
    ("一、總體要求\n二、發展服務類社會救助。引導社會組織參與,每年安排資金500萬元。\n三、完善工作機制。",
     "服务类社会救助"),
])
def test_a_field_founded_or_heading_a_numbered_item_is_a_mechanism(text: str, field: str) -> None:
    assert field in _of(text, "Mechanism"), _of(text, "Mechanism")


@pytest.mark.parametrize(("text", "goal", "inside"), [
    ("到2027年,形成党建引领、部门协同、居民参与、科技支撑的养老服务新格局。",
     "党建引领、部门协同、居民参与、科技支撑的养老服务新格局", "党建引领"),
    ("到2027年,形成黨建引領、部門協同、居民參與、科技支撐的養老服務新格局。",
     "党建引领、部门协同、居民参与、科技支撑的养老服务新格局", "党建引领"),
    ("努力打造邻里守望、互助友爱、共建共享的社区生活共同体。", "邻里守望、互助友爱、共建共享的社区生活共同体", "共建共享"),
])
def test_a_goal_described_by_the_qualities_it_is_to_have(text: str, goal: str, inside: str) -> None:
    got = _entities(text)
    assert got.get(goal, ("",))[0] == "Goal", got
    assert inside not in got, got  # a quality of the goal is no entity of its own


def test_qualities_before_a_noun_that_names_no_goal_are_no_goal() -> None:
    got = _of("坚持党建引领、部门协同、居民参与的工作原则。", "Goal")
    assert not any(g.endswith("工作原则") for g in got), got


# -- the verb before a programme is not part of its name ---------------------------------------------------
@pytest.mark.parametrize(("text", "name", "verb"), [
    ("本季度区议会拨款约300万元,资助“邻里守望”长者关怀计划下的30个活动。", "“邻里守望”长者关怀计划", "资助"),
    ("两个街道率先试点“楼栋管家”计划,引入社会组织参与。", "“楼栋管家”计划", "试点"),
    ("兩個街道率先試點「樓棟管家」計劃,引入社會組織參與。", "“楼栋管家”计划", "试点"),
])
def test_a_verb_of_funding_or_piloting_is_not_part_of_the_programme(text: str, name: str, verb: str) -> None:
    got = _of(text, "Mechanism")
    assert normalise_name(name) in got and not any(m.startswith(verb) for m in got), got


def test_a_pilot_named_after_its_quoted_practice_is_a_mechanism() -> None:
    assert "红色物业试点" in _of("全市开展“红色物业”试点,覆盖小区300个。", "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("市人社局牵头开展新就业形态从业者技能提升试点。", "新就业形态从业者技能提升试点"),
    ("市人社局牽頭開展新就業形態從業者技能提升試點。", "新就业形态从业者技能提升试点"),
])
def test_new_forms_of_employment_stay_inside_a_name(text: str, name: str) -> None:
    assert name in _of(text, "Mechanism"), _of(text, "Mechanism")


def test_new_forms_of_employment_alone_are_a_field() -> None:
    assert not _entities("关注新就业形态发展,完善相关政策。")


@pytest.mark.parametrize(("text", "name", "core"), [
    ("到2026年底,全区建成“幸福邻里”生活服务圈,覆盖全部社区。", "幸福邻里生活服务圈", "Mechanism"),
    ("到2026年底,全區建成「幸福鄰里」生活服務圈,覆蓋全部社區。", "幸福邻里生活服务圈", "Mechanism"),
    ("到2026年底,着力打造“幸福邻里”生活服务圈,居民满意度不低于90%。", "幸福邻里生活服务圈", "Goal"),
])
def test_a_quoted_service_circle_founded_is_a_measure_one_aimed_at_a_goal(text: str, name: str, core: str) -> None:
    got = _entities(text)
    assert got.get(name, ("",))[0] == core, got


# -- a short name given in brackets ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "full", "short", "core"), [
    ("各街道组建社区应急志愿服务队(下称“应急队”),由退役军人组成。“应急队”全年开展演练12场,应急队队员共300人。",
     "社区应急志愿服务队", "应急队", "Actor"),
    ("各街道組建社區應急志願服務隊(下稱「應急隊」),由退役軍人組成。「應急隊」全年開展演練12場。",
     "社区应急志愿服务队", "应急队", "Actor"),
    ("全面推行社区议事协商制度(以下简称“议事制度”)。“议事制度”运行以来,议定事项200件。",
     "社区议事协商制度", "议事制度", "Mechanism"),
])
def test_a_short_name_in_brackets_is_an_alias_of_the_name_before(text: str, full: str, short: str, core: str) -> None:
    got = _entities(text)
    assert got.get(full, ("", set()))[0] == core and short in got[full][1], got
    assert short not in got, got


def test_a_short_name_of_a_team_nobody_named_takes_the_team_s_class() -> None:
    got = _entities("每个社区各设一支邻里守望及关爱队伍(下称“守望队”)。守望队全年走访独居老人500户。")
    assert any(c == "Actor" and (k == "守望队" or "守望队" in a) for k, (c, a) in got.items()), got
    assert not any(c == "Mechanism" and (k == "守望队" or "守望队" in a) for k, (c, a) in got.items()), got


# -- what an assessment covers -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "scope"), [
    ("各镇要将工作成效纳入平安建设考核。", "平安建设"),
    ("各镇要将工作成效纳入基层党建考评。", "基层党建"),
    ("各鎮要將工作成效納入基層黨建考評。", "基层党建"),
])
def test_the_scope_of_an_assessment_is_no_mechanism(text: str, scope: str) -> None:
    assert scope not in _entities(text), _entities(text)


def test_a_mechanism_put_into_another_without_an_assessment_stays() -> None:
    got = _of("全面推行平安建设,纳入网格化管理。", "Mechanism")
    assert {"平安建设", "网格化管理"} <= got, got


def test_actors_assessed_stay_actors() -> None:
    got = _of("市政府将办理情况纳入各区政府和市直部门绩效考核。", "Actor")
    assert any("区政府" in a for a in got), got


@pytest.mark.parametrize(("text", "word"), [
    ("力争培育“保姆式”服务示范点20个。", "保姆式"),
    ("全区建成“学习型”楼道30个。", "学习型"),
    ("全區建成「學習型」樓道30個。", "学习型"),
])
def test_a_quoted_modifier_before_a_noun_is_no_name(text: str, word: str) -> None:
    assert word not in _entities(text), _entities(text)


def test_a_quoted_modifier_standing_alone_is_still_a_practice() -> None:
    assert "保姆式" in _of("推行“保姆式”,群众满意。", "Mechanism")
