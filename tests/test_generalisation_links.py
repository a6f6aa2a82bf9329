"""Relations and the subjects of figures: 由A牵头、B参与的X, A会同B, 以X为载体/目标, a plan and the goals of its
own sentence, section headings without a full stop, figures of their own clause, funds, items.
Sentences are written for these tests (simplified and traditional)."""

from __future__ import annotations

import pytest

from kg.evaluate import normalise_name
from kg.pipeline import extract_text


def _pairs(x) -> set[frozenset[str]]:
    return {frozenset((normalise_name(r.subject[1]), normalise_name(r.object[1]))) for r in x.relations}


def _triples(x) -> set[tuple[str, str, str]]:
    return {(normalise_name(r.subject[1]), r.predicate, normalise_name(r.object[1])) for r in x.relations}


def _measures(x) -> dict[str, set[str]]:
    """Figure as written (without a leading 达到, which the span may hold) -> what it measures."""
    return {q.span.quote.removeprefix("达到"): {normalise_name(k[1]) for k in q.measures} for q in x.quantities}


# -- relations -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "各镇建立由镇党委牵头,镇人民政府、镇司法所和村民委员会共同参与的矛盾联调工作机制。",
    "各鎮建立由鎮黨委牽頭,鎮人民政府、鎮司法所和村民委員會共同參與的矛盾聯調工作機制。",
])
def test_who_leads_and_who_takes_part_in_an_institution(text: str) -> None:
    t = _triples(extract_text(text))
    assert ("镇党委", "leads", "矛盾联调工作机制") in t, t
    for actor in ("镇政府", "村民委员会"):  # 镇人民政府 under the lexicon's name
        assert (actor, "participatesIn", "矛盾联调工作机制") in t, (actor, t)


def test_an_organ_acting_together_with_another() -> None:
    x = extract_text("市城乡建设委员会会同市民政局推行老旧小区改造评价制度。")
    t = _triples(x)
    assert ("市城乡建设委员会", "implements", "老旧小区改造评价制度") in t, t
    assert ("市民政局", "implements", "老旧小区改造评价制度") in t, t


def test_a_vehicle_supports_what_the_sentence_sets_up() -> None:
    x = extract_text("西湖区以“乡贤议事会”为载体,探索出“三事分流”工作法。")
    pairs = _pairs(x)
    assert frozenset(("乡贤议事会", "三事分流工作法")) in pairs, x.relations
    assert frozenset(("西湖区", "乡贤议事会")) in pairs, x.relations


def test_a_plan_contributes_to_the_goals_of_the_sentence_that_makes_it() -> None:
    text = "某省社区服务提升行动方案\n为加快构建共建共治共享的社区治理格局,结合本省实际,制定本方案。\n"
    t = _triples(extract_text(text))
    assert ("某省社区服务提升行动方案", "contributesTo", "共建共治共享的社区治理格局") in t, t


def test_the_means_of_an_item_is_involved_in_its_mechanism() -> None:
    text = ("某市关于加强物业管理的实施意见\n"
            "(三)建立物业纠纷调解机制。依托社区人民调解委员会,组建调解队伍20支。\n")
    pairs = _pairs(extract_text(text))
    assert frozenset(("物业纠纷调解机制", "社区人民调解委员会")) in pairs, pairs


def test_a_section_heading_without_a_full_stop_is_a_heading() -> None:
    from kg.ingest import normalise
    from kg.nlp.pipeline import default_nlp

    doc = default_nlp()(normalise("某县工作总结\n一、网格化服务管理机制全面推行\n全县划分网格300个,配备网格员320名。\n")[0])
    headings = [(h.text.strip(), h.label_) for h in doc.spans["headings"]]
    assert ("一、网格化服务管理机制全面推行", "item") in headings, headings


def test_a_programme_heads_the_figures_of_its_section() -> None:
    text = ("某镇工作总结\n五、道德积分制持续深化\n全镇设立“红色驿站”40个,参与住户1.2万户。\n")
    pairs = _pairs(extract_text(text))
    assert frozenset(("道德积分制", "红色驿站")) in pairs, pairs
    assert frozenset(("道德积分制", "住户")) in pairs, pairs


# -- subjects of figures -------------------------------------------------------------------------------
def test_a_rate_of_its_own_clause_does_not_take_the_previous_subject() -> None:
    x = extract_text("丽水市全年组建志愿服务队80支,群众满意率达到96%。")
    m = _measures(x)
    assert "志愿服务队" in m["80支"], m
    assert "志愿服务队" not in m["96%"], m


def test_a_figure_in_a_clause_after_a_means_measures_the_means() -> None:
    x = extract_text("依托街道矛盾调处中心,全年受理来访事项900件,按期办结率达到97%。")
    assert _measures(x)["97%"] == {"街道矛盾调处中心"}, _measures(x)


def test_a_figure_of_an_item_measures_the_item_mechanism() -> None:
    text = ("某市社区服务提升方案\n(二)建设“邻里通”服务平台。平台全年受理求助事项不少于5000件。\n")
    m = _measures(extract_text(text))
    assert m["不少于5000件"] == {"邻里通服务平台"}, m


def test_a_fund_measures_who_gives_it_not_a_field_it_names() -> None:
    m = _measures(extract_text("市财政拨付养老服务专项补贴800万元。"))
    assert m["800万元"] == {"市财政"}, m


def test_a_district_after_its_city_is_the_subject() -> None:
    m = _measures(extract_text("课题组在杭州市武侯区走访社区18个。"))
    assert m["18个"] == {"武侯区"}, m


def test_a_figure_follows_a_role_named_right_after_it() -> None:
    m = _measures(extract_text("研究团队访谈了35名社区书记和60名楼栋长。"))
    assert m["60名"] == {"楼栋长"}, m


def test_points_and_minutes_are_units() -> None:
    x = extract_text("全镇推行积分制,累计兑换积分约80万分,平均办理时长缩短至15分钟。")
    units = {(q.value, q.unit) for q in x.quantities}
    assert (800000.0, "分") in units and (15.0, "分钟") in units, units
