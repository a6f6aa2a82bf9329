"""Relations between entities and the subjects of metrics, on sentences written for the tests."""

from __future__ import annotations

import pytest

from kg.records import DocumentMeta


@pytest.fixture(scope="module")
def extract():
    from kg.pipeline import extract_text

    def run(text: str, **meta):
        return extract_text(text, meta=DocumentMeta(**meta) if meta else None)

    return run


def rels(ex) -> set[tuple[str, str, str]]:
    return {(r.subject[1], r.predicate, r.object[1]) for r in ex.relations}


def measures(ex) -> dict[str, list[str]]:
    return {q.span.quote: [k[1] for k in q.measures] for q in ex.quantities}


def test_issue_implement_contribute(extract) -> None:
    ex = extract("市委、市政府印发《关于加强社区治理的意见》,建立健全网格化管理机制,推动实现基层治理现代化。")
    got = rels(ex)
    assert {("市委", "issues", "关于加强社区治理的意见"), ("市政府", "issues", "关于加强社区治理的意见"),
            ("市委", "implements", "网格化管理机制"), ("市政府", "implements", "网格化管理机制"),
            ("关于加强社区治理的意见", "establishes", "网格化管理机制"),
            ("网格化管理机制", "contributesTo", "基层治理现代化")} <= got
    assert ("市委", "implements", "关于加强社区治理的意见") not in got  # 印发 issues; it does not implement


@pytest.mark.parametrize("verb", ["出台", "印发", "制定"])
def test_issue_verbs(extract, verb: str) -> None:
    assert ("县政府", "issues", "关于推进养老服务发展的实施意见") in rels(
        extract(f"县政府{verb}《关于推进养老服务发展的实施意见》。"))


@pytest.mark.parametrize(("verb", "goal"), [("推动", "乡村振兴"), ("助力", "共同富裕"), ("构建", "社会治理共同体")])
def test_contribution_verbs(extract, verb: str, goal: str) -> None:
    ex = extract(f"完善志愿服务制度,{verb}{goal}。")
    assert ("志愿服务制度", "contributesTo", goal) in rels(ex)


def test_actors_joined_by_会同_share_the_subject(extract) -> None:
    got = rels(extract("区民政局会同区财政局建立联合督查机制。"))
    assert {("区民政局", "implements", "联合督查机制"), ("区财政局", "implements", "联合督查机制")} <= got


def test_place_pioneers_a_model(extract) -> None:
    assert ("“小巷管家”经验", "pioneeredBy", "鼓楼区某某街道") in rels(extract("鼓楼区某某街道首创“小巷管家”经验。"))


def test_places_nested_in_a_name(extract) -> None:
    assert ("越秀区", "locatedIn", "广州市") in rels(extract("广州市越秀区推行楼长制。"))


def test_level_chain_parts_and_suborganizations(extract) -> None:
    got = rels(extract("构建“县委—乡镇党委—村党组织”三级组织架构。"))
    assert {("县委", "partOf", "三级组织架构"), ("乡镇党委", "partOf", "三级组织架构"),
            ("村党组织", "partOf", "三级组织架构"), ("乡镇党委", "subOrganizationOf", "县委"),
            ("村党组织", "subOrganizationOf", "乡镇党委")} <= got


def test_等_list_parts(extract) -> None:
    got = rels(extract("健全“积分制”“清单制”等治理机制。"))
    assert {("积分制", "partOf", "治理机制"), ("清单制", "partOf", "治理机制")} <= got or \
        not any(p == "partOf" for _, p, _ in got)  # a generic head makes no entity: then no part either


def test_其中_makes_a_part(extract) -> None:
    ex = extract("全区登记社会组织1530家,其中社区社会组织980家。")
    assert ("社区社会组织", "partOf", "社会组织") in rels(ex)


def test_leads_approval_office_fusion_case(extract) -> None:
    assert ("党组织", "leads", "社区治理体系") in rels(extract("健全党组织领导的城乡社区治理体系。"))
    assert ("市政府", "relatedTo", "某市社区服务规划") in rels(extract("《某市社区服务规划》已经市政府同意。"))
    assert ("村党组织书记", "relatedTo", "村民委员会主任") in rels(
        extract("通过法定程序,村党组织书记担任村民委员会主任。"))
    assert ("一网统管", "relatedTo", "一网通办") in rels(extract("推进“一网统管”与“一网通办”深度融合。"))
    assert ("社区协商机制", "relatedTo", "成都市") in rels(extract("本文以成都市为例,考察社区协商机制。"))


def test_actor_named_in_a_challenge_faces_it(extract) -> None:
    assert ("基层党组织", "faces", "基层党组织凝聚力有待增强") in rels(extract("有些基层党组织凝聚力有待增强。"))


def test_actor_named_in_a_mechanism_is_involved(extract) -> None:
    got = rels(extract("建立在职党员到社区报到机制。"))
    assert ("在职党员到社区报到机制", "involves", "在职党员") in got


def test_enumerated_item_heading_gathers_its_paragraph(extract) -> None:
    text = ("二、主要任务\n(一)完善养老服务监管制度。市民政局会同市场监管部门建立联合检查机制,"
            "助力实现老有所养。\n")
    got = rels(extract(text))
    assert ("联合检查机制", "supports", "养老服务监管制度") in got
    assert ("联合检查机制", "contributesTo", "老有所养") in got


def test_own_policy_duties_and_targets(extract) -> None:
    text = ("安徽省城乡社区服务体系建设规划\n一、发展目标\n到2025年,城乡社区服务体系更加健全,基本实现基层治理现代化。\n"
            "二、组织实施\n省民政厅牵头,省财政厅配合。为贯彻落实《中华人民共和国村民委员会组织法》,制定本规划。\n")
    got = rels(extract(text))
    plan = "安徽省城乡社区服务体系建设规划"
    assert {(plan, "contributesTo", "基层治理现代化"), ("安徽省民政厅", "implements", plan),
            ("安徽省财政厅", "implements", plan), (plan, "implementsPolicy", "村民委员会组织法")} <= got


# -- metric subjects ------------------------------------------------------------------------------------
def test_subject_right_after_the_measure_word(extract) -> None:
    assert measures(extract("全市共有7600家社区社会组织、2.1万名社会工作者。")) == {
        "7600家": ["社区社会组织"], "2.1万名": ["社会工作者"]}


def test_分别_pairs_names_and_values(extract) -> None:
    assert measures(extract("登记社会组织和社区社会组织分别达1530家、980家。")) == {
        "1530家": ["社会组织"], "980家": ["社区社会组织"]}


def test_share_measures_the_first_name_of_its_clause(extract) -> None:
    got = measures(extract("到2025年,社区志愿者注册人数占居民人数比例达到15%以上。"))
    assert got == {"达到15%以上": ["社区志愿者"]}


def test_figure_without_a_name_takes_the_previous_figure_s(extract) -> None:
    got = measures(extract("每个城市社区平均拥有不少于10个社区社会组织,每个农村社区不少于5个。"))
    assert got["不少于5个"] == got["不少于10个"] == ["社区社会组织"]


def test_figure_without_a_name_in_a_place_sentence_measures_the_place(extract) -> None:
    got = measures(extract("覆盖全市16个区、215个街镇。", jurisdiction="上海市"))
    assert got == {"16个": ["上海市"], "215个": ["上海市"]}  # the figure as written, not the token 个区


def test_metric_subject_does_not_cross_punctuation() -> None:
    from kg.nlp.pipeline import default_nlp

    doc = default_nlp()("护理型床位占比达到60%以上,乡镇居家养老服务中心实现全覆盖。")
    assert list(doc.user_data["govkg.metric_subjects"].values()) == [[]]


def test_a_figure_measures_something(extract) -> None:
    # with no subject found the figure measures the nearest name (a metric always measures something)
    ex = extract("护理型床位占比达到60%以上,乡镇居家养老服务中心实现全覆盖。")
    assert [q.measures for q in ex.quantities] == [(("Actor", "乡镇居家养老服务中心"),)]
    assert extract("达到5%。").quantities == ()  # nothing to measure: no metric


def test_an_actor_after_a_verb_is_not_the_subject():
    from kg.pipeline import extract_text

    ex = extract_text("我们必须牢记省委的嘱托,健全网格化管理机制。市民政局健全社区协商制度。")
    rels = {(r.subject[1], r.predicate, r.object[1]) for r in ex.relations if r.predicate == "implements"}
    assert not any(s.endswith("省委") for s, _, _ in rels)
    assert any(s.endswith("民政局") and o.endswith("社区协商制度") for s, _, o in rels)
