"""The analysis summaries of kg.graph (links, centrality ranking, community profiles, actor-goal paths,
the example path): properties on small hand-made graphs and on the bundled sample's graph."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from kg.graph import (
    actor_goal_paths,
    betweenness,
    centrality_ranking,
    communities,
    degree_centrality,
    describe_communities,
    example_path,
    explain_path,
    link_counts,
    main_members,
    pagerank,
    to_networkx,
)
from kg.graph._backend import simple_undirected
from kg.graph.synthetic import synthetic_graph


def _node(key: str, label: str, cls: str, type_: str | None = None) -> tuple[str, dict]:
    return key, {"label": label, "cls": cls, "type": type_ or cls}


def star() -> nx.MultiDiGraph:
    """A hub actor, four leaf actors with identical scores, whose label order is the reverse of their key
    order, and a mechanism leading to a goal."""
    G = nx.MultiDiGraph()
    G.add_nodes_from([_node("hub", "中心", "Actor", "GovernmentBody"),
                      _node("k1", "甲", "Actor", "Group"), _node("k2", "乙", "Actor", "Group"),
                      _node("k3", "丙", "Actor", "Group"), _node("k4", "丁", "Actor", "Group"),
                      _node("m", "机制", "Mechanism", "Platform"), _node("g", "目标", "Goal")])
    for leaf in ("k1", "k2", "k3", "k4"):
        G.add_edge(leaf, "hub", key="relatedTo", label="相关")
    G.add_edge("hub", "m", key="establishes", label="建立")
    G.add_edge("hub", "m", key="relatedTo", label="相关")  # a parallel relation counts once
    G.add_edge("m", "g", key="contributesTo", label="助力")
    G.add_edge("m", "m", key="relatedTo", label="相关")  # a self-loop does not count
    return G


# links ---------------------------------------------------------------------------------------------


def test_link_counts_are_the_degrees_of_the_simple_undirected_view() -> None:
    G = star()
    assert link_counts(G) == {"hub": 5, "k1": 1, "k2": 1, "k3": 1, "k4": 1, "m": 2, "g": 1}
    assert link_counts(G, cls="Mechanism") == {"m": 2}
    assert link_counts(G, cls=("Group", "Goal")) == {"k1": 1, "k2": 1, "k3": 1, "k4": 1, "g": 1}
    H = synthetic_graph(200, 600, seed=4)
    assert link_counts(H) == dict(simple_undirected(H).degree())
    assert link_counts(nx.Graph(H)) == link_counts(H)  # undirected graphs too
    n = len(H)
    assert degree_centrality(H) == {v: k / (n - 1) for v, k in link_counts(H).items()}


# centrality ranking ----------------------------------------------------------------------------------


def test_centrality_ranking_rows_and_order() -> None:
    G = star()
    pr, bc = pagerank(G), betweenness(G)
    rows = centrality_ranking(G, cls="Actor", by="betweenness")
    assert rows[0]["node"] == "hub"
    assert {r["node"] for r in rows} == {"hub", "k1", "k2", "k3", "k4"}
    for r in rows:
        v = r["node"]
        assert r == {"node": v, "label": G.nodes[v]["label"], "cls": "Actor", "type": G.nodes[v]["type"],
                     "links": link_counts(G)[v], "pagerank": pr[v], "betweenness": bc[v]}
    # the four leaves tie on every score: by label (丁 < 丙 < 乙 < 甲 in code points) or by node key
    assert [r["node"] for r in rows[1:]] == ["k4", "k3", "k2", "k1"]
    assert [r["node"] for r in centrality_ranking(G, cls="Actor", by="betweenness", ties="node")[1:]] == [
        "k1", "k2", "k3", "k4"]
    # by PageRank, what the relations lead to (mechanism, goal, the hub) comes first
    whole = centrality_ranking(G)
    assert whole[0]["node"] == max(G, key=pr.__getitem__) and len(whole) == len(G)
    assert {r["node"] for r in whole[:3]} == {"m", "g", "hub"}
    keys = [(r["pagerank"], r["betweenness"], r["links"]) for r in whole]
    assert keys == sorted(keys, reverse=True)


def test_centrality_ranking_uses_the_scores_given() -> None:
    G = star()
    rows = centrality_ranking(G, cls="Actor", by="pagerank", pagerank_scores={"k3": 0.5, "k1": 0.25},
                              betweenness_scores={"k4": 0.1})
    assert [r["node"] for r in rows] == ["k3", "k1", "k4", "hub", "k2"]  # hub: more links than k2
    assert rows[-1]["pagerank"] == rows[-1]["betweenness"] == 0.0  # missing from the scores: 0
    with pytest.raises(ValueError, match="by must be"):
        centrality_ranking(G, by="degree")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ties must be"):
        centrality_ranking(G, ties="iri")  # type: ignore[arg-type]


def test_centrality_ranking_without_labels_uses_the_node_key() -> None:
    G = nx.MultiDiGraph([(2, 1), (3, 1)])
    assert [r["label"] for r in centrality_ranking(G)] == ["1", "2", "3"]


# communities ---------------------------------------------------------------------------------------


def test_main_members_count_links_inside_the_community_only() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from([_node("a", "一", "Actor"), _node("b", "乙", "Actor"), _node("c", "丙", "Goal"),
                      _node("x", "外", "Actor"), _node("y", "外二", "Actor")])
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "x"), ("a", "y"), ("c", "c"), ("c", "c")])
    part = {"a", "b", "c"}
    # a has 3 links but only 1 inside; b has 2 inside; c's self-loops do not count
    assert main_members(G, part, k=3) == ["b", "a", "c"]  # a (一) before c (丙): equal links, by label
    assert main_members(G, part, k=1) == ["b"] and main_members(G, part, k=0) == []
    assert main_members(G.to_undirected(), part, k=3) == ["b", "a", "c"]
    with pytest.raises(ValueError):
        main_members(G, part, k=-1)


def test_describe_communities_profiles_every_part() -> None:
    G = synthetic_graph(150, 400, seed=6)
    G.add_node("unlabelled", cls="Actor")
    parts = communities(G, seed=1)
    records = describe_communities(G, parts, k=3)
    assert [r["community"] for r in records] == list(range(len(parts)))
    for r, part in zip(records, parts):
        assert r["size"] == len(part) == sum(r["classes"].values())
        assert r["classes"] == {c: sum(G.nodes[v]["cls"] == c for v in part) for c in r["classes"]}
        counts = list(r["classes"].items())
        assert counts == sorted(counts, key=lambda cn: (-cn[1], cn[0]))
        assert len(r["members"]) == min(3, len(part)) and set(r["members"]) <= part
        assert r["labels"] == [G.nodes[v].get("label", v) for v in r["members"]]
        inside = {v: len((set(nx.all_neighbors(G, v)) - {v}) & part) for v in part}
        best = [inside[v] for v in r["members"]]
        assert best == sorted(best, reverse=True)
        assert best[-1] >= max((inside[v] for v in part - set(r["members"])), default=0)
    single = describe_communities(G, [{"unlabelled"}])
    assert single == [{"community": 0, "size": 1, "classes": {"Actor": 1}, "members": ["unlabelled"],
                       "labels": ["unlabelled"]}]


# paths ---------------------------------------------------------------------------------------------


def chain() -> nx.MultiDiGraph:
    """省委 issues a policy that establishes a mechanism contributing to a goal; a second goal is linked to
    省政府 against the direction of the text; 孤立 is alone."""
    G = nx.MultiDiGraph()
    G.add_nodes_from([_node("a", "省委", "Actor", "PartyOrganization"),
                      _node("b", "省政府", "Actor", "GovernmentBody"),
                      _node("p", "实施意见", "Mechanism", "Policy"), _node("m", "联动机制", "Mechanism"),
                      _node("g", "基层善治", "Goal", "StrategicGoal"), _node("h", "共同富裕", "Goal", "StrategicGoal"),
                      _node("x", "孤立", "Actor", "Group")])
    G.add_edge("a", "p", key="issues", label="出台")
    G.add_edge("b", "p", key="issues", label="出台")
    G.add_edge("p", "m", key="establishes", label="建立")
    G.add_edge("m", "g", key="contributesTo", label="助力")
    G.add_edge("h", "b", key="relatedTo", label="相关")
    return G


def test_actor_goal_paths_on_a_chain() -> None:
    G = chain()
    rows = actor_goal_paths(G)
    pairs = [(r["actor"], r["goal"], r["steps"], r["against"]) for r in rows]
    # shortest first, then straightest, then by labels (省委 < 省政府)
    assert pairs == [("b", "h", 1, 1), ("a", "g", 3, 0), ("b", "g", 3, 0), ("a", "h", 3, 2)]
    assert rows[1]["sentence"] == "省委 —出台→ 《实施意见》 —建立→ 联动机制 —助力→ 基层善治"
    assert (rows[0]["actor_label"], rows[0]["goal_label"]) == ("省政府", "共同富裕")
    assert [(r["actor"], r["goal"]) for r in actor_goal_paths(G, max_steps=1)] == [("b", "h")]
    assert actor_goal_paths(G, actors=["x"]) == []
    assert [r["goal"] for r in actor_goal_paths(G, actors=["a"], goals=["h", "m"])] == ["m", "h"]
    with pytest.raises(ValueError):
        actor_goal_paths(G, max_steps=0)


def test_example_path_picks_the_best_connected_actor_and_a_distant_goal() -> None:
    G = chain()
    path = example_path(G)
    # b has the highest betweenness among actors; of its goals, g (3 steps) is preferred to h (1 step)
    assert betweenness(G)["b"] > betweenness(G)["a"]
    assert path == explain_path(G, "b", "g")
    assert example_path(G, pagerank_scores={"h": 1.0}) == path  # h ranks higher but is one step away
    # without a goal at least min_steps away, the nearest ones compete on PageRank
    assert example_path(G, min_steps=4, pagerank_scores={"h": 1.0})["nodes"] == ["b", "h"]
    assert example_path(G, min_steps=4, pagerank_scores={"g": 1.0})["nodes"][-1] == "g"
    # an actor that reaches no goal is skipped; none tried reaching one gives None
    only_x = {"x": 1.0}
    assert example_path(G, betweenness_scores=only_x)["source"] == "a"  # x, then a (by key)
    assert example_path(G, betweenness_scores=only_x, tries=1) is None
    assert example_path(G, max_steps=2, betweenness_scores={"a": 1.0})["nodes"] == ["b", "h"]
    G.remove_nodes_from(["g", "h"])
    assert example_path(G) is None


# the bundled sample --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def S(sample_graph) -> nx.MultiDiGraph:
    return to_networkx(sample_graph)


def test_sample_centrality_ranking(S: nx.MultiDiGraph) -> None:
    pr, bc, links = pagerank(S), betweenness(S), link_counts(S)
    for cls, by in (("Actor", "betweenness"), ("Mechanism", "pagerank")):
        rows = centrality_ranking(S, cls=cls, by=by, ties="node", pagerank_scores=pr, betweenness_scores=bc)
        assert [r["node"] for r in rows] == sorted(
            (v for v in S if S.nodes[v]["cls"] == cls),
            key=lambda v: (-(bc if by == "betweenness" else pr)[v], -(pr if by == "betweenness" else bc)[v],
                           -links[v], str(v)))
        assert rows == sorted(rows, key=lambda r: (-r[by], -r["betweenness" if by == "pagerank" else "pagerank"],
                                                   -r["links"], r["node"]))
        assert centrality_ranking(S, cls=cls, by=by, ties="node") == rows  # same scores when computed here


def test_sample_communities_described(S: nx.MultiDiGraph) -> None:
    parts = communities(S, seed=0)
    records = describe_communities(S, parts)
    assert sum(r["size"] for r in records) == len(S)
    for r, part in zip(records, parts):
        assert set(r["members"]) <= part and len(r["members"]) == min(5, len(part))
        assert r["members"] == main_members(S, part)
        assert sum(r["classes"].values()) == len(part)


def test_sample_actor_goal_paths_and_example(S: nx.MultiDiGraph) -> None:
    view = S.to_undirected(as_view=True)
    rows = actor_goal_paths(S)
    assert rows, "the sample links actors to goals"
    for r in rows:
        assert S.nodes[r["actor"]]["cls"] == "Actor" and S.nodes[r["goal"]]["cls"] == "Goal"
        assert r["steps"] == nx.shortest_path_length(view, r["actor"], r["goal"]) <= 6
        assert r["sentence"].count("→") + r["sentence"].count("←") == r["steps"]
        assert r["sentence"].count("←") == r["against"]
    keys = [(r["steps"], r["against"], r["actor_label"], r["goal_label"]) for r in rows]
    assert keys == sorted(keys)
    expected = {(a, g) for a, g in itertools.product(S, S)
                if S.nodes[a]["cls"] == "Actor" and S.nodes[g]["cls"] == "Goal"
                and nx.has_path(view, a, g) and nx.shortest_path_length(view, a, g) <= 6}
    assert {(r["actor"], r["goal"]) for r in rows} == expected

    bc = betweenness(S)
    path = example_path(S)
    assert path is not None
    actor = path["source"]
    assert S.nodes[actor]["cls"] == "Actor" and S.nodes[path["target"]]["cls"] == "Goal"
    linked = {r["actor"] for r in rows}
    assert actor == min(linked, key=lambda v: (-bc[v], str(v)))  # the best-connected actor with a goal
    assert (actor, path["target"]) in {(r["actor"], r["goal"]) for r in rows}
