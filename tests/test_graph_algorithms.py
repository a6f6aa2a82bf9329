"""Properties of the analytics in kg.graph, and agreement of the networkx and igraph backends."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph import (
    actor_goal_paths,
    betweenness,
    bridging_mechanisms,
    centrality,
    communities,
    degree_centrality,
    ego,
    explain_path,
    membership,
    modularity,
    pagerank,
    participation,
    to_frame,
    top,
)
from kg.graph._backend import simple_undirected
from kg.graph.synthetic import CLASS_MIX, synthetic_graph

NX_VERSION = tuple(int(x) for x in nx.__version__.split(".")[:2])


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return synthetic_graph(600, 2400, seed=11)


@st.composite
def multidigraphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Small multigraphs with parallel edges, self-loops, isolated nodes and several components."""
    n = draw(st.integers(1, 25))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                     st.sampled_from(["issues", "supports", "relatedTo"])), max_size=70))
    G = nx.MultiDiGraph()
    G.add_nodes_from((i, {"cls": "Mechanism" if i % 2 else "Actor", "type": "Platform" if i % 2 else "Group",
                          "label": f"n{i}"}) for i in range(n))
    G.add_edges_from((u, v, k, {"label": k}) for u, v, k in pairs)
    return G


def assert_partition(parts: list[set], G: nx.Graph) -> None:
    seen = [v for c in parts for v in c]
    assert len(seen) == len(set(seen)) == len(G) and set(seen) == set(G)
    assert all(parts)


# synthetic graphs ----------------------------------------------------------------------------------


def test_synthetic_graph_is_seeded_and_shaped_like_a_projection() -> None:
    a, b = synthetic_graph(300, 1000, seed=4), synthetic_graph(300, 1000, seed=4)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))
    assert list(a.edges(keys=True)) != list(synthetic_graph(300, 1000, seed=5).edges(keys=True))
    assert a.number_of_nodes() == 300 and a.number_of_edges() == 1000
    assert not any(u == v for u, v in a.edges())
    for _, d in a.nodes(data=True):
        assert d["cls"] in CLASS_MIX and d["label"] and d["kind"] == "entity"
    for u, v, k, d in a.edges(keys=True, data=True):
        assert d["predicate"].endswith("#" + k) and d["label"]
        if a.nodes[u]["cls"] == "Metric" or a.nodes[v]["cls"] == "Metric":
            assert k == "measures" and a.nodes[u]["cls"] == "Metric"


# centrality --------------------------------------------------------------------------------------


def test_pagerank_sums_to_one_and_backends_agree(G: nx.MultiDiGraph) -> None:
    a = pagerank(G, backend="networkx", tol=1e-12)
    b = pagerank(G, backend="igraph")
    assert math.isclose(sum(a.values()), 1.0, abs_tol=1e-9) and math.isclose(sum(b.values()), 1.0, abs_tol=1e-9)
    assert max(abs(a[v] - b[v]) for v in G) < 1e-9
    # networkx stops when an iteration moves less than len(G) * tol (L1): the remaining error is at
    # most alpha / (1 - alpha) times that
    loose = pagerank(G, backend="networkx")
    assert 0 < sum(abs(loose[v] - b[v]) for v in G) < 0.85 / 0.15 * len(G) * 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multidigraphs())
def test_pagerank_backends_agree_on_multigraphs(H: nx.MultiDiGraph) -> None:
    a = pagerank(H, backend="networkx", tol=1e-13, max_iter=1000)
    b = pagerank(H, backend="igraph")
    assert math.isclose(sum(b.values()), 1.0, abs_tol=1e-9)
    assert max(abs(a[v] - b[v]) for v in H) < 1e-8


def test_pagerank_weight_and_class_filter(G: nx.MultiDiGraph) -> None:
    W = G.copy()
    for u, v, k, d in W.edges(keys=True, data=True):
        d["w"] = 3.0 if k == "contributesTo" else 1.0
    a = pagerank(W, weight="w", backend="networkx", tol=1e-12)
    b = pagerank(W, weight="w", backend="igraph")
    assert max(abs(a[v] - b[v]) for v in W) < 1e-9
    assert a != pagerank(W, backend="networkx", tol=1e-12)
    goals = pagerank(G, cls="Goal")
    assert goals and {G.nodes[v]["cls"] for v in goals} == {"Goal"}
    assert sum(goals.values()) < 1
    assert set(pagerank(G, cls=["Goal", "Policy"])) > set(goals)


def test_degree_centrality_matches_networkx_on_the_simple_view(G: nx.MultiDiGraph) -> None:
    ours = degree_centrality(G)
    theirs = nx.degree_centrality(simple_undirected(G))
    assert ours == pytest.approx(theirs)
    actors = degree_centrality(G, cls="Actor")
    assert set(actors) == {v for v, d in G.nodes(data=True) if d["cls"] == "Actor"}


def test_exact_betweenness_backends_agree(G: nx.MultiDiGraph) -> None:
    a = betweenness(G, backend="networkx")
    b = betweenness(G, backend="igraph")
    assert a == pytest.approx(nx.betweenness_centrality(simple_undirected(G)))
    assert max(abs(a[v] - b[v]) for v in G) < 1e-12
    raw_a = betweenness(G, normalized=False, backend="networkx")
    raw_b = betweenness(G, normalized=False, backend="igraph")
    assert max(abs(raw_a[v] - raw_b[v]) for v in G) < 1e-8


@pytest.mark.skipif(NX_VERSION < (3, 5), reason="networkx < 3.5 rescaled sampled betweenness differently")
@pytest.mark.parametrize("normalized", [True, False])
def test_sampled_betweenness_backends_agree(G: nx.MultiDiGraph, normalized: bool) -> None:
    a = betweenness(G, k=40, seed=3, normalized=normalized, backend="networkx")
    b = betweenness(G, k=40, seed=3, normalized=normalized, backend="igraph")
    assert max(abs(a[v] - b[v]) for v in G) < 1e-9
    assert a != betweenness(G, k=40, seed=4, normalized=normalized, backend="networkx")


def test_betweenness_samples_above_the_exact_limit(G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centrality, "EXACT_BETWEENNESS_MAX_WORK", 100 * 100)
    monkeypatch.setattr(centrality, "SAMPLED_BETWEENNESS_K", 30)
    auto = betweenness(G)
    assert auto == betweenness(G, k=30, seed=0)
    assert auto != betweenness(G, k=len(G))  # k = n forces exact


def test_top_rows(G: nx.MultiDiGraph) -> None:
    scores = pagerank(G, cls="Mechanism")
    rows = top(scores, G, n=5)
    assert [r["score"] for r in rows] == sorted(scores.values(), reverse=True)[:5]
    assert all(r["label"] == G.nodes[r["node"]]["label"] and r["cls"] == "Mechanism" for r in rows)
    assert top({"x": 1.0}, None, n=3) == [{"node": "x", "label": "x", "cls": None, "type": None, "score": 1.0}]


def test_unknown_backend_is_refused(G: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="backend"):
        pagerank(G, backend="cugraph")  # type: ignore[arg-type]


# communities --------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_communities_partition_every_node(G: nx.MultiDiGraph, backend: str) -> None:
    H = G.copy()
    H.add_node("isolated", cls="Goal", label="孤立")
    parts = communities(H, seed=1, backend=backend)
    assert_partition(parts, H)
    assert {"isolated"} in parts
    assert [len(c) for c in parts] == sorted((len(c) for c in parts), reverse=True)
    assert parts == communities(H, seed=1, backend=backend)


def test_backends_reach_comparable_modularity(G: nx.MultiDiGraph) -> None:
    a = communities(G, seed=0, backend="networkx")
    b = communities(G, seed=0, backend="igraph")
    qa, qb = modularity(G, a), modularity(G, b)
    assert qa > 0.4 and qb > 0.4
    assert abs(qa - qb) < 0.03
    # both beat a random partition with the same sizes by far
    nodes = list(G)
    random.Random(0).shuffle(nodes)
    shuffled, i = [], 0
    for c in a:
        shuffled.append(set(nodes[i:i + len(c)]))
        i += len(c)
    assert modularity(G, shuffled) < qa / 4


def test_resolution_changes_the_number_of_communities(G: nx.MultiDiGraph) -> None:
    for backend in ("networkx", "igraph"):
        coarse = communities(G, resolution=0.2, backend=backend)
        fine = communities(G, resolution=3.0, backend=backend)
        assert len(coarse) < len(fine)


@settings(max_examples=40, deadline=None)
@given(multidigraphs(), st.integers(0, 3))
def test_communities_partition_small_graphs(H: nx.MultiDiGraph, seed: int) -> None:
    for backend in ("networkx", "igraph"):
        assert_partition(communities(H, seed=seed, backend=backend), H)


def test_membership_inverts_the_partition(G: nx.MultiDiGraph) -> None:
    parts = communities(G)
    member = membership(parts)
    assert all(v in parts[member[v]] for v in G)


# paths ----------------------------------------------------------------------------------------------


def test_explain_path_edges_connect_consecutive_nodes(G: nx.MultiDiGraph) -> None:
    rng = random.Random(2)
    nodes = list(G)
    view = G.to_undirected(as_view=True)
    checked = 0
    while checked < 30:
        s, t = rng.sample(nodes, 2)
        try:
            path = explain_path(G, s, t)
        except nx.NetworkXNoPath:
            assert not nx.has_path(view, s, t)
            continue
        checked += 1
        ns = path["nodes"]
        assert ns[0] == s and ns[-1] == t
        assert len(ns) - 1 == nx.shortest_path_length(view, s, t) == len(path["edges"])
        for (u, v), e in zip(itertools.pairwise(ns), path["edges"]):
            assert {e["source"], e["target"]} == {u, v}
            assert G.has_edge(e["source"], e["target"], e["key"])
            assert e["forward"] == (e["source"] == u)
            assert e["label"] == G.edges[e["source"], e["target"], e["key"]]["label"]
        assert path["sentence"].count("→") + path["sentence"].count("←") == len(ns) - 1
        for label in path["labels"]:
            assert label in path["sentence"]


def test_explain_path_same_node_and_ambiguous_label() -> None:
    H = nx.MultiDiGraph()
    H.add_node("a", label="同名")
    H.add_node("b", label="同名")
    H.add_edge("a", "b", key="relatedTo", label="相关")
    assert explain_path(H, "a", "a")["sentence"] == "同名" and explain_path(H, "a", "a")["edges"] == []
    with pytest.raises(ValueError, match="2 nodes are named"):
        explain_path(H, "同名", "b")


def rebuilt_backwards(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges added in the opposite order."""
    R = nx.MultiDiGraph()
    R.add_nodes_from(reversed(list(H.nodes(data=True))))
    R.add_edges_from(reversed(list(H.edges(keys=True, data=True))))
    return R


def test_explain_path_breaks_ties_by_node_key_not_by_insertion_order() -> None:
    H = nx.MultiDiGraph()
    H.add_edges_from([("s", "y"), ("s", "x"), ("y", "t"), ("x", "t"), ("t", "b2"), ("a2", "t"), ("a2", "g"),
                      ("b2", "g")])
    assert explain_path(H, "s", "g")["nodes"] == ["s", "x", "t", "a2", "g"]
    assert explain_path(rebuilt_backwards(H), "s", "g")["nodes"] == ["s", "x", "t", "a2", "g"]
    assert explain_path(H, "g", "s")["nodes"] == ["g", "a2", "t", "x", "s"]  # first from the source


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multidigraphs(), st.data())
def test_explain_path_is_the_first_shortest_path_by_node_key(H: nx.MultiDiGraph, data: st.DataObject) -> None:
    names = data.draw(st.permutations([f"v{i:02d}" for i in range(len(H))]))  # keys unrelated to the order
    H = nx.relabel_nodes(H, dict(zip(H, names)))
    s, t = data.draw(st.sampled_from(list(H))), data.draw(st.sampled_from(list(H)))
    view = H.to_undirected(as_view=True)
    if not nx.has_path(view, s, t):
        with pytest.raises(nx.NetworkXNoPath):
            explain_path(H, s, t)
        return
    first = min(nx.all_shortest_paths(view, s, t), key=lambda p: [str(v) for v in p])
    path = explain_path(H, s, t)
    assert path["nodes"] == first
    assert explain_path(rebuilt_backwards(H), s, t) == path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multidigraphs(), st.integers(1, 4))
def test_actor_goal_paths_tell_explain_paths_chains(H: nx.MultiDiGraph, max_steps: int) -> None:
    goals = [v for v in H if v % 2]
    rows = actor_goal_paths(H, goals=goals, max_steps=max_steps)
    view = H.to_undirected(as_view=True)
    expected = {(a, g) for a in H if H.nodes[a]["cls"] == "Actor"
                for g in nx.single_source_shortest_path_length(view, a, cutoff=max_steps) if g in goals}
    assert {(r["actor"], r["goal"]) for r in rows} == expected
    for r in rows:
        path = explain_path(H, r["actor"], r["goal"])
        assert (r["sentence"], r["steps"]) == (path["sentence"], len(path["edges"]))


def test_ego_holds_the_nodes_within_radius(G: nx.MultiDiGraph) -> None:
    center = max(G, key=G.degree)
    view = G.to_undirected(as_view=True)
    for radius in (0, 1, 2):
        E = ego(G, center, radius=radius)
        dist = nx.single_source_shortest_path_length(view, center, cutoff=radius)
        assert set(E) == set(dist)
        assert isinstance(E, nx.MultiDiGraph)
        assert set(E.edges(keys=True)) == set(G.subgraph(E).edges(keys=True))
        assert list(E) == [v for v in G if v in E]  # in the order of G, not of a set
        assert list(E.edges(keys=True)) == [e for e in G.edges(keys=True) if e[0] in E and e[1] in E]
    E = ego(G, center)
    E.nodes[center]["label"] = "changed"
    assert G.nodes[center]["label"] != "changed"


# bridges --------------------------------------------------------------------------------------------


def test_bridging_mechanisms(G: nx.MultiDiGraph) -> None:
    parts = communities(G, seed=0)
    member = membership(parts)
    bridges = bridging_mechanisms(G, communities=parts)
    assert bridges and bridges == bridging_mechanisms(G, seed=0)
    rows = list(bridges.values())
    assert [(r["communities"], r["participation"]) for r in rows] == sorted(
        ((r["communities"], r["participation"]) for r in rows), key=lambda x: (-x[0], -x[1]))
    rank = {v: (-r["communities"], -r["participation"], -r["degree"], G.nodes[v]["label"], v)
            for v, r in bridges.items()}
    assert list(bridges) == sorted(bridges, key=rank.__getitem__)  # ties: by label, then node key
    assert len(set(rank.values())) - len({k[:3] for k in rank.values()}) > 10  # there are ties to break
    for v, row in bridges.items():
        assert G.nodes[v]["cls"] == "Mechanism"
        neighbours = (set(G.successors(v)) | set(G.predecessors(v))) - {v}
        touched = {member[u] for u in neighbours}
        assert row["communities"] == len(touched) >= 2
        assert row["degree"] == len(neighbours) and row["community"] == member[v]
        assert 0 < row["participation"] <= 1 - 1 / len(touched) + 1e-12
    missing = [v for v, d in G.nodes(data=True) if d["cls"] == "Mechanism" and v not in bridges]
    assert all(len({member[u] for u in (set(G.successors(v)) | set(G.predecessors(v))) - {v}}) < 2
               for v in missing)


def test_participation_coefficient() -> None:
    assert participation({0: 3}) == 0.0
    assert participation({0: 1, 1: 1, 2: 1, 3: 1}) == pytest.approx(0.75)
    assert participation({}) == 0.0
    assert participation({0: 0.5, 1: 1.5}) == 0.375


@given(st.lists(st.integers(0, 50), min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_participation_is_exact_and_does_not_depend_on_the_order(counts: list[int], rng: random.Random) -> None:
    k = sum(counts)
    exact = float(1 - sum(Fraction(c, k) ** 2 for c in counts)) if k else 0.0
    shuffled = counts[:]
    rng.shuffle(shuffled)
    assert participation(dict(enumerate(counts))) == participation(dict(enumerate(shuffled))) == exact
    weights = [c / 7 for c in counts]
    rng.shuffle(weights)
    assert participation(dict(enumerate(weights))) == participation(dict(enumerate(sorted(weights))))


# frames ---------------------------------------------------------------------------------------------


def test_to_frame_of_every_result(G: nx.MultiDiGraph) -> None:
    scores = to_frame(pagerank(G), G)
    assert len(scores) == len(G) and scores["score"].is_monotonic_decreasing
    assert scores.loc[0, "label"] == G.nodes[scores.loc[0, "node"]]["label"]
    parts = communities(G)
    comm = to_frame(parts, G)
    assert len(comm) == len(G) and comm["community"].nunique() == len(parts)
    bridges = to_frame(bridging_mechanisms(G, communities=parts), G)
    assert {"node", "label", "communities", "participation"} <= set(bridges.columns)
    s, t = list(G)[:2]
    try:
        path = explain_path(G, s, t)
    except nx.NetworkXNoPath:
        pytest.fail("the synthetic graph should be connected enough")
    steps = to_frame(path)
    assert list(steps["step"]) == list(range(1, len(path["edges"]) + 1))
    assert steps["source_label"].iloc[0] in path["sentence"]
    rows = to_frame(top(degree_centrality(G), G, n=4))
    assert isinstance(rows, pd.DataFrame) and len(rows) == 4
    E = to_frame(ego(G, s, radius=1))
    assert {"node", "label", "cls", "mentions"} <= set(E.columns)
    assert list(to_frame({}, G).columns) == ["node", "label", "cls", "type", "score"]
    with pytest.raises(TypeError):
        to_frame(42)


# backend choice -------------------------------------------------------------------------------------


def test_auto_switches_to_igraph_above_the_threshold(
        G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.graph import community

    assert communities(G, seed=2) == communities(G, seed=2, backend="networkx")  # 2 400 edges: networkx
    monkeypatch.setattr(community, "AUTO_MIN_EDGES", 1_000)
    assert communities(G, seed=2) == communities(G, seed=2, backend="igraph")
    monkeypatch.setattr(centrality, "AUTO_MIN_EDGES", 1_000)
    assert pagerank(G) == pagerank(G, backend="igraph")


def test_without_igraph_auto_falls_back_and_igraph_fails_clearly(
        G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(centrality, "AUTO_MIN_EDGES", 0)
    monkeypatch.setitem(sys.modules, "igraph", None)
    assert pagerank(G) == pagerank(G, backend="networkx")
    with pytest.raises(ImportError, match="pip install igraph"):
        pagerank(G, backend="igraph")
