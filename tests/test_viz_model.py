"""kg.viz.model: the page model built from a networkx projection (hand-built graphs, no browser)."""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest
from test_viz_graphs import GOV, ID, add_node, by_label, governance_graph

from kg.viz import CLASS_STYLES, FocusNotFoundError, build_model, resolve_focus
from kg.viz.model import PHYSICS_MAX_NODES, _highlight

# --------------------------------------------------------------------------------------------------


def test_classes_colours_and_legend():
    m = build_model(governance_graph())
    assert by_label(m, "实施意见").cls == "Policy"
    assert by_label(m, "社区服务平台").cls == "Mechanism"
    assert {e.key for e in m.legend} == {"Actor", "Mechanism", "Policy", "Goal", "Metric", "Challenge", "Event"}
    styles = [(e.color, e.shape) for e in m.legend]
    assert len({c for c, _ in styles}) == len(styles) and len({s for _, s in styles}) == len(styles)
    actor = next(e for e in m.legend if e.key == "Actor")
    assert (actor.label, actor.label_en, actor.count) == ("行动者", "Actor", 3)
    assert {(t.key, t.label) for t in m.classes} >= {("PartyOrganization", "党组织"), ("Policy", "政策文件")}
    assert by_label(m, "区委").type_label == "党组织"


def test_pagerank_sizes_and_order():
    m = build_model(governance_graph())
    assert m.nodes[0].label == "市民政局"  # the hub: most central, first, full size
    assert m.nodes[0].value == pytest.approx(1.0)
    assert [n.id for n in m.nodes] == list(range(len(m.nodes)))
    scores = [n.score for n in m.nodes]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= n.value <= 1.0 for n in m.nodes)
    assert by_label(m, "志愿者").value < by_label(m, "社区服务平台").value


def test_degree_sizes():
    m = build_model(governance_graph(), size_by="degree")
    hub = by_label(m, "市民政局")
    assert hub.degree == 7  # relations, parallel ones included
    assert hub.score == pytest.approx(5 / 9)  # distinct neighbours among the 9 other nodes
    assert max(m.nodes, key=lambda n: n.score) is hub and hub.value == pytest.approx(1.0)
    assert by_label(m, "志愿者").score == 0 and by_label(m, "志愿者").value == 0


def test_edge_types_labels_from_graph_or_ontology():
    m = build_model(governance_graph())
    types = {e.key: e for e in m.edge_types}
    assert (types["issues"].label, types["issues"].label_en, types["issues"].count) == ("出台", "issues", 1)
    assert types["relatedTo"].count == 2 and types["measures"].count == 2
    G = nx.MultiDiGraph()
    add_node(G, "a", "Actor", "Actor", "甲")
    add_node(G, "b", "Goal", "Goal", "乙")
    G.add_edge(ID + "a", ID + "b", key="pursues")  # no labels on the edge: the ontology gives them
    (t,) = build_model(G).edge_types
    assert (t.key, t.label, t.label_en, t.predicate) == ("pursues", "追求", "pursues", GOV + "pursues")


def test_parallel_edges_are_curved_apart():
    m = build_model(governance_graph())
    hub, platform = by_label(m, "市民政局").id, by_label(m, "社区服务平台").id
    between = [e for e in m.edges if {e.source, e.target} == {hub, platform}]
    assert len(between) == 3
    # seen from one fixed direction, every edge between the pair has its own curvature
    bends = [e.curve if e.source == hub else -e.curve for e in between]
    assert len(set(bends)) == 3


def test_metric_fields_and_mentions():
    m = build_model(governance_graph())
    rate = by_label(m, "覆盖率97.5%")
    assert rate.metric == {"value": "97.5", "unit": "%", "qualifier": "约", "year": "2023", "raw": "约97.5%"}
    assert by_label(m, "投入2.6亿元").metric["value"] == "260000000"
    assert by_label(m, "投入2.6亿元").metric["since"] == "2016"
    assert by_label(m, "市民政局").metric is None
    (mv,) = by_label(m, "实施意见").mentions
    assert mv.sentence[mv.hl[0]:mv.hl[1]] == mv.exact == "实施意见"
    assert mv.doc == ID + "doc/d1"


def test_highlight_uses_the_located_occurrence():
    sentence = "区委书记和区委委员"
    assert _highlight(sentence, "区委", 5) == (5, 7)
    assert _highlight(sentence, "区委", 0) == (0, 2)
    assert _highlight(sentence, "区委") == (0, 2)  # not located: the first occurrence
    assert _highlight(sentence, "区委", 3) == (0, 2)  # an offset where the quote is not: ignored
    assert _highlight(sentence, "区委", -1) == (0, 2)
    assert _highlight(sentence, "镇委", 0) is None
    assert _highlight(sentence, "", 0) is None


def test_max_nodes_keeps_the_most_central_and_reports_the_cut():
    G = governance_graph()
    full = build_model(G)
    m = build_model(G, max_nodes=4)
    assert [n.label for n in m.nodes] == [n.label for n in full.nodes[:4]]
    kept = {n.id for n in m.nodes}
    assert all(e.source in kept and e.target in kept for e in m.edges)
    s = m.stats
    assert (s.nodes_total, s.nodes_shown, s.nodes_cut) == (10, 4, 6)
    assert s.edges_total == 11 and s.edges_cut == 11 - len(m.edges)
    assert s.cut_examples == [n.label for n in full.nodes[4:]][: len(s.cut_examples)]
    assert sum(s.cut_by_class.values()) == 6
    assert "省略 6 个节点" in m.cut_summary() and "cut 6 nodes" in m.cut_summary("en")
    assert full.cut_summary() is None and full.stats.nodes_cut == 0


@pytest.mark.parametrize("focus", ["实施意见", ID + "mechanism/yijian"])
def test_focus_by_label_or_iri(focus):
    G = governance_graph()
    one = build_model(G, focus=focus, hops=1)
    assert {n.label for n in one.nodes} == {"实施意见", "市民政局", "社区服务平台"}
    assert [n.label for n in one.nodes if n.focus] == ["实施意见"]
    assert one.stats.focus == ["实施意见"] and one.stats.hops == 1
    assert one.stats.nodes_in_scope == 3 and one.stats.edges_in_scope == 5
    two = build_model(G, focus=focus, hops=2)
    assert {n.label for n in one.nodes} < {n.label for n in two.nodes}
    assert "志愿者" not in {n.label for n in two.nodes}
    assert "实施意见" in two.title


def test_focus_by_alias_and_english_label_and_kept_under_max_nodes():
    G = governance_graph()
    assert resolve_focus(G, "民政局") == [ID + "actor/minzheng"]
    assert resolve_focus(G, "convenient SERVICES") == [ID + "goal/g"]
    m = build_model(G, focus="工作会议", hops=2, max_nodes=2)
    assert "工作会议" in {n.label for n in m.nodes} and len(m.nodes) == 2


def test_focus_not_found_suggests_labels():
    with pytest.raises(FocusNotFoundError) as err:
        build_model(governance_graph(), focus="服务")
    assert "社区服务平台" in err.value.suggestions
    assert "did you mean" in str(err.value)


@pytest.mark.parametrize("kwargs", [{"size_by": "betweenness"}, {"max_nodes": 0}, {"hops": -1}, {"lang": "fr"}])
def test_bad_options_raise(kwargs):
    with pytest.raises(ValueError):
        build_model(governance_graph(), **kwargs)


def test_input_graph_is_not_modified():
    G = governance_graph()
    before = (copy.deepcopy(dict(G.nodes(data=True))), copy.deepcopy(list(G.edges(keys=True, data=True))))
    build_model(G, focus="区委", max_nodes=3)
    assert (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_to_dict_is_strict_json():
    d = build_model(governance_graph()).to_dict()
    back = json.loads(json.dumps(d, allow_nan=False, ensure_ascii=False))
    assert back["stats"]["nodes_shown"] == 10 and len(back["edges"]) == 11
    assert back["nodes"][0]["label"] == "市民政局" and back["nodes"][0]["aliases"] == ["民政局"]


def test_small_graph_uses_bounded_physics():
    m = build_model(governance_graph())
    assert m.stats.physics and m.options["physics"]["enabled"]
    assert 0 < m.options["physics"]["stabilization"]["iterations"] <= 1000
    assert all(n.x is None for n in m.nodes)


def test_large_graph_is_laid_out_in_python_deterministically():
    G = nx.MultiDiGraph()
    n = PHYSICS_MAX_NODES + 200
    for i in range(n):
        add_node(G, f"actor/{i}", "Actor", "Actor", f"行动者{i}")
    for i in range(n - 100):  # the last 100 nodes are isolated
        G.add_edge(ID + f"actor/{i}", ID + f"actor/{(i * 7 + 1) % (n - 100)}", key="relatedTo")
    a, b = build_model(G), build_model(G)
    assert not a.stats.physics and a.options["physics"]["enabled"] is False
    assert all(x.x is not None and x.y is not None for x in a.nodes)
    assert [(x.x, x.y) for x in a.nodes] == [(x.x, x.y) for x in b.nodes]
    assert len({(x.x, x.y) for x in a.nodes}) == n  # no two nodes on the same spot
    assert a.options["layout"]["improvedLayout"] is False


def test_classes_palette_is_distinct():
    assert len({s.color for s in CLASS_STYLES.values()}) == len(CLASS_STYLES)
    assert len({s.shape for k, s in CLASS_STYLES.items() if k != "Other"}) == len(CLASS_STYLES) - 1


def test_from_rdf_through_the_projection():
    """Records -> RDF -> kg.graph.to_networkx -> page model keeps mentions and highlights them."""
    to_networkx = _to_networkx()
    from kg.graph.synthetic import synthetic_extraction
    from kg.rdf.build import build_graph

    ex = synthetic_extraction(30, 50, n_quantities=4, seed=3)
    G = to_networkx(build_graph([ex]))
    m = build_model(G)
    assert len(m.nodes) == G.number_of_nodes() and len(m.edges) == G.number_of_edges()
    text = ex.document.text
    with_mentions = [n for n in m.nodes if n.mentions]
    assert with_mentions
    for n in with_mentions:
        for mv in n.mentions:
            assert text[mv.start:mv.end] == mv.exact
            assert mv.hl is not None and mv.sentence[mv.hl[0]:mv.hl[1]] == mv.exact
            assert text[mv.start - mv.hl[0]:].startswith(mv.sentence)  # highlighted where it really is
    assert any(n.cls == "Metric" and n.metric and "value" in n.metric for n in m.nodes)


def _to_networkx():
    import kg.graph

    fn = getattr(kg.graph, "to_networkx", None)
    if fn is None:
        from kg.graph.project import to_networkx as fn
    return fn
