"""Recognisers and resolver: lexicon ruler, morphology, quotes and titles, goals, challenges, coordination,
parentheses, persons, places and the structure of official documents. Sentences are written for the tests."""

from __future__ import annotations

import pytest

from kg.ingest import normalise
from kg.nlp.lexicon import core_class


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp.pipeline import default_nlp

    return default_nlp()


def run(nlp, text: str):
    return nlp(normalise(text)[0])


def ents(nlp, text: str) -> dict[str, str]:
    """Resolved outer entities: text -> class."""
    doc = run(nlp, text)  # keep the doc alive while its span groups are read
    return {s.text: s.label_ for s in doc.spans["entities"]}


def cores(nlp, text: str) -> dict[str, str]:
    return {t: core_class(c) for t, c in ents(nlp, text).items()}


# -- lexicon ruler --------------------------------------------------------------------------------------
def test_lexicon_terms_carry_their_concept(nlp) -> None:
    doc = run(nlp, "推行网格化管理,发挥社会组织作用,促进乡村振兴。")
    by_text = {s.text: s for s in doc.spans["entities"]}
    assert by_text["网格化管理"].label_ == "Practice"
    assert by_text["社会组织"].label_ == "SocialOrganization"
    assert by_text["乡村振兴"].label_ == "StrategicGoal"
    assert all(s.kb_id_.startswith("https://w3id.org/govkg/lexicon/") for s in by_text.values())


def test_broad_terms_only_as_arguments(nlp) -> None:
    # 社会治理 modifies 现代化 (a head) here: the longer goal is the entity, not the lexicon term
    assert ents(nlp, "推进社会治理现代化。") == {"社会治理现代化": "StrategicGoal"}
    assert "社区治理" not in ents(nlp, "创新社区治理的方式方法。")


def test_places_come_from_the_places_scheme(nlp) -> None:
    found = ents(nlp, "江苏、浙江两省协同推进。南京市率先试点。")
    assert found.get("江苏") == "Place" and found.get("南京市") == "Place"


# -- morphology -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name", "cls"), [
    ("镇党委研究部署相关工作。", "镇党委", "PartyOrganization"),
    ("设立村务监督委员会。", "村务监督委员会", "SelfGovernanceOrganization"),
    ("由县人民政府统筹。", "县人民政府", "GovernmentBody"),
    ("省民政厅会同有关部门推进。", "省民政厅", "GovernmentBody"),
    ("鼓楼区湖南路街道探索出新办法。", "鼓楼区湖南路街道", "GovernmentBody"),
    ("壮大社区工作者队伍。", "社区工作者队伍", "Group"),
    ("村党支部书记带头。", "村党支部书记", "Role"),
    ("社区居委会主任参加会议。", "社区居委会主任", "Role"),
])
def test_actor_heads(nlp, text: str, name: str, cls: str) -> None:
    assert ents(nlp, text).get(name) == cls


@pytest.mark.parametrize(("text", "name", "cls"), [
    ("建立矛盾纠纷多元化解机制。", "矛盾纠纷多元化解机制", "Mechanism"),
    ("完善村务公开制度。", "村务公开制度", "Institution"),
    ("健全养老服务体系。", "养老服务体系", "System"),
    ("推广“时间银行”互助养老模式。", "“时间银行”互助养老模式", "Model"),
    ("搭建智慧社区服务平台。", "智慧社区服务平台", "Platform"),
    ("完善三级组织架构。", "三级组织架构", "OrganizationalStructure"),
    ("总结推广“街乡吹哨”经验。", "“街乡吹哨”经验", "Model"),
    ("实施乡村建设工程。", "乡村建设工程", "Program"),
    ("开展平安创建专项行动。", "平安创建专项行动", "Program"),
])
def test_mechanism_heads(nlp, text: str, name: str, cls: str) -> None:
    assert ents(nlp, text).get(name) == cls


def test_generic_modifiers_alone_make_no_name(nlp) -> None:
    assert ents(nlp, "完善治理模式,健全联动机制,落实各项政策制度。") == {}


def test_single_character_heads_need_an_organisation_stem(nlp) -> None:
    found = ents(nlp, "市公安局牵头,打造新格局。")
    assert found["市公安局"] == "GovernmentBody"
    assert all(core_class(c) != "Actor" for k, c in found.items() if k.endswith("格局"))  # 局 of 格局


@pytest.mark.parametrize(("text", "name"), [
    ("完善党组织领导的社区协商制度。", "社区协商制度"),              # a verb right before a bare head
    ("实施社区服务能力提升工程。", "社区服务能力提升工程"),           # 提升 between a noun and the head
    ("健全培育扶持机制。", "培育扶持机制"),                         # two verbs after the clause's own
    ("健全村(居)务监督委员会。", "村(居)务监督委员会"),              # a verbal noun in an actor's name
])
def test_verbs_inside_names(nlp, text: str, name: str) -> None:
    assert name in ents(nlp, text)


@pytest.mark.parametrize(("text", "name"), [
    ("每万名城镇常住人口拥有社区工作者18人。", "社区工作者"),          # 拥有 has its own subject
    ("注册人数占居民人数比例达到15%。", "居民"),
    ("通过法定程序担任村民委员会主任。", "村民委员会主任"),
    ("市、县两级党委负主体责任。", "党委"),                           # a count is not part of the name
    ("全省每个社区至少培育3家以上社区社会组织。", "社区社会组织"),      # nor a qualifier
])
def test_actor_names_stop_where_a_clause_begins(nlp, text: str, name: str) -> None:
    assert name in ents(nlp, text)


def test_clause_initial_verb_before_a_quoted_name(nlp) -> None:
    found = ents(nlp, "(三)建设“天府智慧社区”平台。分析“数字乡村一张图”平台的应用。")
    assert "“天府智慧社区”平台" in found and "“数字乡村一张图”平台" in found


# -- quotes and titles ----------------------------------------------------------------------------------
def test_book_title_marks_are_policies(nlp) -> None:
    found = ents(nlp, "认真贯彻《中华人民共和国村民委员会组织法》和《关于加强和完善城乡社区治理的意见》。")
    assert found == {"中华人民共和国村民委员会组织法": "Policy", "关于加强和完善城乡社区治理的意见": "Policy"}


@pytest.mark.parametrize(("text", "term", "cls"), [
    ("推行“四议两公开”工作法等做法。", "四议两公开", "Practice"),
    ("推动实现“小事不出村、大事不出镇”。", "小事不出村、大事不出镇", "ServiceTarget"),
    ("打造“15分钟养老服务圈”。", "15分钟养老服务圈", "ServiceTarget"),
    ("坚持“党建+网格”治理机制。", "“党建+网格”治理机制", "Mechanism"),
])
def test_quoted_terms_typed_by_context(nlp, text: str, term: str, cls: str) -> None:
    assert ents(nlp, text).get(term) == cls


def test_quoted_state_left_behind_is_untyped(nlp) -> None:
    found = ents(nlp, "推动居民从“被动参与”走向“主动参与”。")
    assert "被动参与" not in found and found.get("主动参与") == "ServiceTarget"


def test_level_chain_in_quotes(nlp) -> None:
    doc = run(nlp, "构建“县委—乡镇党委—村党组织”三级组织架构。")
    chain = [(s.text, s.label_) for s in doc.spans["entities"] if s.id_ == "chain"]
    assert chain == [("县委", "PartyOrganization"), ("乡镇党委", "PartyOrganization"),
                     ("村党组织", "PartyOrganization")]
    assert "三级组织架构" in {s.text for s in doc.spans["entities"]}


# -- goals ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "goal"), [
    ("奋力在推进基层治理现代化上走在前。", "在推进基层治理现代化上走在前"),
    ("加快推进市域社会治理现代化。", "市域社会治理现代化"),
    ("努力构建共建共治共享的基层治理格局。", "共建共治共享的基层治理格局"),
    ("力争实现垃圾不落地、污水不乱排、秸秆不焚烧。", "垃圾不落地、污水不乱排、秸秆不焚烧"),
    ("逐步实现城乡基本公共服务均等化。", "城乡基本公共服务均等化"),
    ("打造具有全国影响力的社区治理样板。", "社区治理样板"),
])
def test_goal_patterns(nlp, text: str, goal: str) -> None:
    assert core_class(ents(nlp, text).get(goal, "")) == "Goal"


def test_a_list_of_lexicon_goals_stays_a_list(nlp) -> None:
    found = ents(nlp, "推动实现老有所养、病有所医、住有所居。")
    assert {k for k, c in found.items() if core_class(c) == "Goal"} == {"老有所养", "病有所医", "住有所居"}


def test_a_list_of_names_after_a_goal_verb_is_no_slogan(nlp) -> None:
    found = ents(nlp, "促进公共服务、便民服务、志愿服务融合发展。")
    assert not any("、" in k for k in found)


# -- challenges -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "challenges"), [
    ("同时,基层服务能力还显不足。", {"基层服务能力还显不足"}),
    ("有些地方群众参与的积极性有待提高。", {"群众参与的积极性有待提高"}),
    ("专业人才短缺、服务水平不高等问题仍然存在。", {"专业人才短缺", "服务水平不高"}),
    ("但协商结果的执行缺乏刚性约束。", {"协商结果的执行缺乏刚性约束"}),
])
def test_challenge_cues(nlp, text: str, challenges: set[str]) -> None:
    assert {k for k, c in ents(nlp, text).items() if c == "Challenge"} == challenges


def test_no_challenge_without_a_cue(nlp) -> None:
    assert "Challenge" not in ents(nlp, "服务能力显著提升,群众满意度持续提高。").values()


# -- coordination and parentheses -----------------------------------------------------------------------
def test_coordinated_organs_are_two_actors(nlp) -> None:
    found = ents(nlp, "省委、省政府高度重视。")
    assert found == {"省委": "PartyOrganization", "省政府": "GovernmentBody"}


def test_bare_title_shares_the_modifier_of_the_name_before(nlp) -> None:
    doc = run(nlp, "村(社区)书记、主任由一人担任。")
    spans = {s.text: s for s in doc.spans["entities"]}
    assert spans["村(社区)书记"].label_ == "Role"
    assert spans["主任"].label_ == "Role" and spans["主任"].id_ == "coordination-head:村(社区)"


def test_parenthesised_alternatives_stay_in_the_name(nlp) -> None:
    assert "村(居)民委员会" in ents(nlp, "加强村(居)民委员会规范化建设。")
    assert "乡镇(街道)综合行政执法改革" in ents(nlp, "深化乡镇(街道)综合行政执法改革。")


def test_actor_inside_a_challenge_is_nested(nlp) -> None:
    doc = run(nlp, "基层党组织凝聚力有待增强。")
    assert [s.text for s in doc.spans["nested"]] == ["基层党组织"]


# -- persons and places ---------------------------------------------------------------------------------
def test_person_before_and_after_a_title(nlp) -> None:
    assert ents(nlp, "习近平总书记强调。").get("习近平总书记") == "Person"
    found = ents(nlp, "市委政法委副书记陈明表示,要加强统筹。")
    assert found.get("陈明") == "Person"


def test_places_outside_the_lexicon(nlp) -> None:
    found = ents(nlp, "越秀区、德清县和浦东新区的老旧小区和农村社区改造。")
    assert {k for k, c in found.items() if c == "Place"} == {"越秀区", "德清县", "浦东新区"}


def test_deictic_words_are_place_candidates(nlp) -> None:
    doc = run(nlp, "全省上下,我市各地。")
    assert {s.text for s in doc.spans["candidates"] if s.id_ == "deixis"} == {"全省", "我市"}


# -- official documents ---------------------------------------------------------------------------------
def test_title_line_of_an_opinion(nlp) -> None:
    doc = run(nlp, "某省民政厅关于加强社区社会组织培育发展的意见\n各市民政局:\n为推动……,现提出如下意见。")
    found = {s.text: s.label_ for s in doc.spans["entities"]}
    assert found["某省民政厅关于加强社区社会组织培育发展的意见"] == "Policy"
    assert found["如下意见"] == "Policy"
    (title,) = doc.user_data["govkg.titles"]
    line_start, ps, pe, issuer_end = title
    assert doc.text[ps:pe] == "某省民政厅关于加强社区社会组织培育发展的意见"
    assert doc.text[line_start:issuer_end] == "某省民政厅"


def test_transmitting_notice_carries_its_policy(nlp) -> None:
    text = "某市人民政府办公室关于印发某市养老服务设施布局规划的通知\n各区人民政府:\n现将本规划印发给你们。"
    doc = run(nlp, text)
    found = {s.text: s.label_ for s in doc.spans["entities"]}
    assert found.get("某市养老服务设施布局规划") == "Policy"
    assert found.get("本规划") == "Policy"
    ls, ps, pe, ie = doc.user_data["govkg.titles"][0]
    assert doc.text[ls:ie] == "某市人民政府办公室" and doc.text[ps:pe] == "某市养老服务设施布局规划"


def test_a_title_with_a_note_in_brackets(nlp) -> None:
    doc = run(nlp, "某省“十四五”城乡社区服务体系建设规划(摘要)\n正文。")
    assert "某省“十四五”城乡社区服务体系建设规划" in {s.text for s in doc.spans["entities"]}


def test_sentence_lines_are_not_titles(nlp) -> None:
    doc = run(nlp, "各地要制定实施方案,确保落实。\n")
    assert doc.user_data["govkg.titles"] == []
