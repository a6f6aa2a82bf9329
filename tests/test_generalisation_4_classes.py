"""Class rules added for the fourth blind set: quoted slogan goals, campaigns and programmes, chains of parts,
meetings named in full, assemblies as actors, and composite cues of weakness. Every sentence is invented;
simplified and traditional forms, and a case where the rule must not fire."""

from __future__ import annotations

import pytest
from sentences import entities as _ents
from sentences import labels as _labels

from kg.pipeline import extract_text


def _classes(text: str) -> dict[str, str]:
    return {e.label: e.cls for e in extract_text(text).entities}


# -- quoted slogans as aims --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "goal"), [
    ("该镇着力打造“宜业、宜居、宜游”幸福家园,群众获得感明显增强。", "“宜业、宜居、宜游”幸福家园"),
    ("全力建设“山清水秀”美好绍兴,推动城乡融合发展。", "“山清水秀”美好绍兴"),
    ("全力建設「山清水秀」美好紹興,推動城鄉融合發展。", "“山清水秀”美好绍兴"),  # traditional, corner brackets
])
def test_a_quoted_slogan_before_a_quality_and_a_home_or_place_is_one_aim(text: str, goal: str) -> None:
    goals = _labels(text, "Goal")
    assert goal in goals, goals
    assert not any(label == goal.split("”")[0].strip("“") for c, label in _ents(text) if c == "Mechanism")


def test_a_quoted_slogan_before_a_plain_noun_is_no_aim() -> None:
    assert not any("家园" in g or "服务" in g for g in _labels("街道推行“邻里守望”志愿服务,居民积极参与。", "Goal"))


@pytest.mark.parametrize(("text", "goal"), [
    ("市民政局将以“让困难群众求助有门”为目标,完善救助体系。", "让困难群众求助有门"),
    ("服務站以「讓長者安心終老」為宗旨,提供上門服務。", "让长者安心终老"),  # traditional
])
def test_a_quote_in_the_frame_of_an_aim_is_a_goal(text: str, goal: str) -> None:
    assert goal in _labels(text, "Goal"), _ents(text)


def test_a_quote_in_the_frame_of_a_means_is_no_goal() -> None:
    assert not any("数字赋能" in g for g in _labels("县里以“数字赋能”为抓手,推动治理创新。", "Goal"))


@pytest.mark.parametrize(("text", "label", "core"), [
    ("各镇街要扎实推进平安宁波建设。", "平安宁波建设", "Mechanism"),
    ("各鎮街要紮實推進平安寧波建設。", "平安宁波建设", "Mechanism"),  # traditional
    ("各镇街要奋力建设平安宁波。", "平安宁波", "Goal"),
])
def test_a_quality_of_a_place_with_a_campaign_noun_is_the_campaign(text: str, label: str, core: str) -> None:
    ents = _ents(text)
    assert (core, label) in ents, ents
    if core == "Mechanism":
        assert ("Goal", "平安宁波") not in ents


# -- chains and quoted names -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("健全“街道党工委+社区党委+楼栋党支部”组织链条,推动力量下沉。", "“街道党工委+社区党委+楼栋党支部”组织链条"),
    ("健全「街道黨工委+社區黨委+樓棟黨支部」組織鏈條,推動力量下沉。", "“街道党工委+社区党委+楼栋党支部”组织链条"),
])
def test_a_quoted_chain_of_parts_before_a_chain_noun_is_one_mechanism(text: str, name: str) -> None:
    mechs = _labels(text, "Mechanism")
    assert name in mechs, mechs
    assert not any(m.startswith("街道党工委+") for m in mechs)  # the chain alone is no name


@pytest.mark.parametrize("text", [
    "推行“社区居委会+物业企业+业委会”多方协作机制,定期会商难题。",
    "推行「社區居委會+物業企業+業委會」多方協作機制,定期會商難題。",
])
def test_a_quoted_chain_before_a_named_mechanism_is_no_name_of_its_own(text: str) -> None:
    mechs = _labels(text, "Mechanism")
    assert "“社区居委会+物业企业+业委会”多方协作机制" in mechs, mechs
    assert "社区居委会+物业企业+业委会" not in mechs


@pytest.mark.parametrize("text", [
    "二是少数街道“物业企业+业委会”协作机制流于形式。",
    "二是少數街道「物業企業+業委會」協作機制流於形式。",
])
def test_a_mechanism_named_in_a_weakness_involves_its_parts(text: str) -> None:
    x = extract_text(text)
    assert any(e.core == "Challenge" for e in x.entities), x.entities
    involved = {r.object[1] for r in x.relations if r.predicate == "involves" and r.subject[0] == "Mechanism"}
    assert "业主委员会" in involved or "业委会" in involved, x.relations


@pytest.mark.parametrize(("text", "name"), [
    ("全县“一乡一特色”的覆盖面持续扩大。", "一乡一特色"),
    ("全縣「一鄉一特色」的覆蓋面持續擴大。", "一乡一特色"),
])
def test_one_for_each_before_de_is_a_practice(text: str, name: str) -> None:
    assert name in {label.strip("“”") for label in _labels(text, "Mechanism")}, _ents(text)


def test_a_short_quoted_word_before_de_stays_no_name() -> None:
    assert "邻里" not in {label.strip("“”") for label in _labels("“邻里”的含义很丰富。", "Mechanism")}


@pytest.mark.parametrize(("text", "name"), [
    ("区人社局在街道设立“15分钟”就业服务站,提供岗位信息。", "“15分钟”就业服务站"),
    ("區人社局在街道設立「零距離」就業服務站,提供崗位資訊。", "“零距离”就业服务站"),
])
def test_a_quote_and_a_mechanism_head_split_by_the_tokenizer_are_one_name(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


# -- programmes, instruments, boundaries -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("县民政局牵头制定积分兑换管理办法,鼓励居民参与。", "积分兑换管理办法"),
    ("縣民政局牽頭制定積分兌換管理辦法,鼓勵居民參與。", "积分兑换管理办法"),
])
def test_what_a_verb_of_issuing_makes_is_a_policy(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)
    assert "管理办法" not in _labels(text, "Mechanism")


@pytest.mark.parametrize(("text", "name"), [
    ("该市配合上级推动智慧养老3.0政策落地。", "智慧养老3.0"),
    ("該市配合上級推動智慧養老3.0政策落地。", "智慧养老3.0"),
])
def test_a_programme_named_with_its_version_is_a_mechanism(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


def test_a_decimal_figure_is_no_version() -> None:
    mechs = _labels("全区人口全年增长2.0%,综合评分2.0分。", "Mechanism")
    assert not any("2.0" in m for m in mechs), mechs


@pytest.mark.parametrize(("text", "name"), [
    ("联合市人社局开展家政服务员技能提升培训,全年培训800余人次。", "家政服务员技能提升培训"),
    ("聯合市人社局開展家政服務員技能提升培訓,全年培訓800餘人次。", "家政服务员技能提升培训"),
])
def test_a_training_is_a_programme(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


@pytest.mark.parametrize("text", [
    "全镇党员和志愿者共600人参加培训。",
    "民政处将加强对志愿队的培训。",
    "各地要加大网格员培训力度。",  # the training modifies the noun after it
    "各地要加大網格員培訓力度。",
    "各县要开展业务培训。",  # a verb jieba glues to the noun after it (开展业务)
])
def test_a_training_as_a_predicate_or_an_object_names_nothing(text: str) -> None:
    mechs = _labels(text, "Mechanism")
    assert not any(m.endswith("培训") for m in mechs), mechs


@pytest.mark.parametrize(("text", "name"), [
    ("县里将农村互助养老服务设施建设纳入乡村振兴统筹推进。", "农村互助养老服务设施建设"),
    ("縣裡將農村互助養老服務設施建設納入鄉村振興統籌推進。", "农村互助养老服务设施建设"),
])
def test_building_facilities_is_a_programme(text: str, name: str) -> None:
    assert name in _labels(text, "Mechanism"), _ents(text)


@pytest.mark.parametrize("text", [
    "全市农村互助养老服务设施建设稳步推进。",  # the topic of a line on progress
    "某县推进农村互助养老服务设施建设实施方案",  # the topic of a document's name
])
def test_building_facilities_as_a_topic_names_no_programme(text: str) -> None:
    assert "农村互助养老服务设施建设" not in _labels(text, "Mechanism"), _ents(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("在东城区、西城区试点“社区厨房+流动餐车”配送模式。", "西城区试点"),
    ("二是完善运营机制,引入专业机构。", "运营机制"),
    ("一是要抓实网格体系建设。", "抓实网格体系"),
    ("一是要抓實網格體系建設。", "抓实网格体系"),
])
def test_a_verb_or_generic_words_name_no_mechanism(text: str, bad: str) -> None:
    assert bad not in _labels(text, "Mechanism"), _ents(text)


def test_a_pilot_named_as_a_noun_is_still_a_programme() -> None:
    assert any(m.endswith("试点") for m in _labels("全市开展社区养老服务改革试点,成效明显。", "Mechanism"))


# -- meetings and bodies -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("昨天召开全县社区治理工作会议,部署今年任务。", "全县社区治理工作会议"),
    ("昨天召開全縣社區治理工作會議,部署今年任務。", "全县社区治理工作会议"),
])
def test_a_meeting_is_named_with_its_field_and_place(text: str, name: str) -> None:
    events = _labels(text, "Event")
    assert name in events and "工作会议" not in events, events


def test_a_meeting_named_by_its_kind_alone_stays() -> None:
    assert "工作会议" in _labels("区政府昨天召开工作会议。", "Event")


@pytest.mark.parametrize(("text", "name"), [
    ("村民会议讨论决定涉及村民利益的事项。", "村民会议"),
    ("居民會議討論決定涉及居民利益的事項。", "居民会议"),
])
def test_an_assembly_of_residents_is_an_actor(text: str, name: str) -> None:
    assert name in _labels(text, "Actor"), _ents(text)


def test_a_day_care_centre_is_an_actor() -> None:
    assert "日间照料中心" in _labels("今年新建日间照料中心12家。", "Actor")


# -- weaknesses --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "weakness"), [
    ("目前基层社工离职率较高,队伍不稳定。", "基层社工离职率较高"),
    ("部分街道“上下一般粗”的负担仍然很大。", "部分街道“上下一般粗”的负担仍然很大"),
    ("目前部分山區據點人力不足、老齡化嚴重。", "老龄化严重"),  # traditional, a trend strengthened
    ("三是某县便民服务设施达标率不足50%,群众反映强烈。", "某县便民服务设施达标率不足50%"),
    ("一是违规摊派问题有所反弹。", "违规摊派问题有所反弹"),
    ("二是個別社區議事制度流於形式。", "个别社区议事制度流于形式"),
])
def test_composite_cues_of_weakness(text: str, weakness: str) -> None:
    challenges = _labels(text, "Challenge")
    assert weakness in challenges, challenges


@pytest.mark.parametrize("text", [
    "全市群众满意度较高,达到95%。",
    "全年增长不足2%的县区得到帮扶。",
])
def test_a_high_rate_that_is_good_or_a_shortfall_mid_clause_is_no_weakness(text: str) -> None:
    assert not _labels(text, "Challenge"), _ents(text)


@pytest.mark.parametrize(("text", "weakness"), [
    ("有的村志愿者不足,且偏远地区老人参与率偏低。", "偏远地区老人参与率偏低"),
    ("有的村志願者不足,而且偏遠地區老人參與率偏低。", "偏远地区老人参与率偏低"),
])
def test_a_leading_conjunction_is_left_out_of_a_weakness(text: str, weakness: str) -> None:
    challenges = _labels(text, "Challenge")
    assert weakness in challenges, challenges
    assert not any(c.startswith(("且", "而且")) for c in challenges)


@pytest.mark.parametrize("text", [
    "当前全县社区治理还存在一些短板:有的街道统筹能力不强。",
    "當前全縣社區治理仍面臨一些不足:有的街道統籌能力不強。",
])
def test_a_clause_announcing_weaknesses_before_a_colon_is_none(text: str) -> None:
    challenges = _labels(text, "Challenge")
    assert challenges == {"有的街道统筹能力不强"} or challenges == {"街道统筹能力不强"}, challenges
