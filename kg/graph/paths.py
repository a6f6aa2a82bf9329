"""Paths: how two entities are connected, told as a chain of relations, and neighbourhoods.

Entities can be named by IRI or by label (or alias). Paths ignore the direction of relations when
searching, and keep it when telling: ``A —出台→ B`` reads "A issues B", ``A ←助力— B`` reads
"B contributes to A".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

__all__ = ["actor_goal_paths", "ego", "example_path", "explain_path", "find_node", "render_label"]

#: generic relations are told only when no specific relation links two steps of a path
_GENERIC = ("relatedTo", "partOf", "hasPart", "measures")


def find_node(G: nx.Graph, ref: Any) -> Any:
    """The node named by ``ref``: a node key (IRI), else the node whose label, then alias, is ``ref``.

    Raises
    ------
    networkx.NodeNotFound
        When nothing matches.
    ValueError
        When several nodes share the label (name one by IRI).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:x", label="民政厅", aliases=["厅"])
    >>> find_node(G, "urn:x"), find_node(G, "民政厅"), find_node(G, "厅")
    ('urn:x', 'urn:x', 'urn:x')
    """
    if ref in G:
        return ref
    for attr in ("label", "aliases"):
        hits = [n for n, d in G.nodes(data=True)
                if (d.get(attr) == ref if attr == "label" else ref in (d.get(attr) or ()))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            shown = ", ".join(str(h) for h in sorted(hits, key=str)[:5])
            raise ValueError(f"{len(hits)} nodes are named {ref!r} ({shown}); name one by IRI")
    raise nx.NodeNotFound(f"no node is named {ref!r}")


def explain_path(G: nx.MultiDiGraph, source: Any, target: Any) -> dict[str, Any]:
    """The shortest chain of relations linking two entities, told as a sentence.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Usually the output of :func:`kg.graph.to_networkx`.
    source, target : str
        Node keys (IRIs) or labels, see :func:`find_node`.

    Returns
    -------
    dict
        ``source`` and ``target`` (node keys), ``nodes`` (the path, source first), ``labels``,
        ``edges`` (one per step, in the direction stated by the text: ``source``, ``target``, ``key``,
        ``predicate``, ``label``, ``label_en``, ``forward``) and ``sentence``.

    Raises
    ------
    networkx.NodeNotFound, networkx.NetworkXNoPath, ValueError

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "省委"}), ("p", {"label": "实施意见", "type": "Policy"}),
    ...                   ("m", {"label": "联动机制"}), ("g", {"label": "基层善治"})])
    >>> G.add_edge("a", "p", key="issues", label="出台")
    'issues'
    >>> G.add_edge("p", "m", key="establishes", label="建立")
    'establishes'
    >>> G.add_edge("m", "g", key="contributesTo", label="助力")
    'contributesTo'
    >>> explain_path(G, "省委", "基层善治")["sentence"]
    '省委 —出台→ 《实施意见》 —建立→ 联动机制 —助力→ 基层善治'
    >>> explain_path(G, "g", "p")["sentence"]
    '基层善治 ←助力— 联动机制 ←建立— 《实施意见》'
    """
    s, t = find_node(G, source), find_node(G, target)
    view = G.to_undirected(as_view=True) if G.is_directed() else G
    nodes = nx.bidirectional_shortest_path(view, s, t)
    edges = [_step(G, u, v) for u, v in itertools.pairwise(nodes)]
    labels = [render_label(G, v) for v in nodes]
    parts = [labels[0]]
    for e, label in zip(edges, labels[1:]):
        parts.append(f"—{e['label']}→" if e["forward"] else f"←{e['label']}—")
        parts.append(label)
    return {"source": s, "target": t, "nodes": nodes, "labels": labels, "edges": edges,
            "sentence": " ".join(parts)}


def actor_goal_paths(
    G: nx.Graph,
    *,
    actors: Iterable[Any] | None = None,
    goals: Iterable[Any] | None = None,
    max_steps: int = 6,
) -> list[dict[str, Any]]:
    """Every (actor, goal) pair linked within ``max_steps`` relations, with the chain that links them.

    The chain is :func:`explain_path`'s shortest path, searched without regard to direction;
    ``against`` counts its steps that the text states the other way round (``A ←助力— B``). A chain
    with ``against == 0`` reads straight from the actor to the goal; others only say that the two are
    connected.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    actors, goals : iterable, optional
        Node keys to start from and to reach (default: every ``Actor`` and every ``Goal``). Each actor
        costs one breadth-first search: on a large graph pass a few, e.g. the most central.
    max_steps : int
        Longest chain kept.

    Returns
    -------
    list of dict
        ``actor, actor_label, goal, goal_label, steps, against, sentence`` per pair, shortest and
        straightest chains first (then by labels, then node keys).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "省委", "cls": "Actor"}),
    ...                   ("p", {"label": "实施意见", "cls": "Mechanism", "type": "Policy"}),
    ...                   ("g", {"label": "基层善治", "cls": "Goal"})])
    >>> G.add_edge("a", "p", key="issues", label="出台")
    'issues'
    >>> G.add_edge("p", "g", key="contributesTo", label="助力")
    'contributesTo'
    >>> [(r["steps"], r["against"], r["sentence"]) for r in actor_goal_paths(G)]
    [(2, 0, '省委 —出台→ 《实施意见》 —助力→ 基层善治')]
    >>> actor_goal_paths(G, max_steps=1)
    []
    """
    if max_steps < 1:
        raise ValueError(f"max_steps must be at least 1, not {max_steps}")
    actor_nodes = [v for v in G if G.nodes[v].get("cls") == "Actor"] if actors is None else list(actors)
    goal_nodes = {v for v in G if G.nodes[v].get("cls") == "Goal"} if goals is None else set(goals)
    view = G.to_undirected(as_view=True) if G.is_directed() else G
    rows = []
    for a in actor_nodes:
        reach = nx.single_source_shortest_path_length(view, a, cutoff=max_steps)
        for g in sorted((v for v in reach if v in goal_nodes and v != a), key=str):
            path = explain_path(G, a, g)
            rows.append({"actor": a, "actor_label": path["labels"][0], "goal": g,
                         "goal_label": path["labels"][-1], "steps": len(path["edges"]),
                         "against": sum(not e["forward"] for e in path["edges"]),
                         "sentence": path["sentence"]})
    return sorted(rows, key=lambda r: (r["steps"], r["against"], r["actor_label"], r["goal_label"],
                                       r["actor"], r["goal"]))


def example_path(
    G: nx.Graph,
    *,
    betweenness_scores: Mapping[Any, float] | None = None,
    pagerank_scores: Mapping[Any, float] | None = None,
    max_steps: int = 6,
    min_steps: int = 2,
    tries: int = 10,
) -> dict[str, Any] | None:
    """An example chain from an actor to a goal, chosen by centrality: an :func:`explain_path` result.

    The actor is the one with the highest betweenness (who connects the rest) that has a goal within
    ``max_steps`` relations, among the ``tries`` best; the goal is, among those goals at least
    ``min_steps`` away (or all of them if none is), the one with the highest PageRank (what the
    relations lead to). Ties are broken by node key.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    betweenness_scores, pagerank_scores : dict, optional
        Scores already computed (missing nodes score 0); by default :func:`kg.graph.betweenness` and
        :func:`kg.graph.pagerank` of ``G``.
    max_steps, min_steps : int
        Farthest goal considered, and the distance a goal should preferably have.
    tries : int
        Actors tried, best first.

    Returns
    -------
    dict or None
        The path (see :func:`explain_path`), or None when none of the actors tried reaches a goal.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "省委", "cls": "Actor"}), ("b", {"label": "市委", "cls": "Actor"}),
    ...                   ("m", {"label": "联动机制", "cls": "Mechanism"}),
    ...                   ("g", {"label": "基层善治", "cls": "Goal"}), ("h", {"label": "共同富裕", "cls": "Goal"})])
    >>> G.add_edges_from([("b", "a", "leads"), ("a", "m", "establishes"), ("a", "h", "pursues"),
    ...                   ("m", "g", "contributesTo")])
    ['leads', 'establishes', 'pursues', 'contributesTo']
    >>> example_path(G)["nodes"]
    ['a', 'm', 'g']
    >>> example_path(G, min_steps=1, pagerank_scores={"h": 1.0})["nodes"]
    ['a', 'h']
    """
    from kg.graph.centrality import betweenness, pagerank

    bc = betweenness(G) if betweenness_scores is None else betweenness_scores
    pr = pagerank(G) if pagerank_scores is None else pagerank_scores
    actors = sorted((v for v in G if G.nodes[v].get("cls") == "Actor"), key=lambda v: (-bc.get(v, 0.0), str(v)))
    view = G.to_undirected(as_view=True) if G.is_directed() else G
    for a in actors[:tries]:
        dist = nx.single_source_shortest_path_length(view, a, cutoff=max_steps)
        goals = [v for v in dist if G.nodes[v].get("cls") == "Goal"]
        if not goals:
            continue
        far = [v for v in goals if dist[v] >= min_steps] or goals
        goal = max(far, key=lambda v: (pr.get(v, 0.0), str(v)))
        return explain_path(G, a, goal)
    return None


def ego(G: nx.Graph, node: Any, *, radius: int = 2) -> nx.Graph:
    """The neighbourhood of ``node`` (IRI or label) within ``radius`` steps, in either direction.

    Returns a new graph of the same type as ``G`` (a copy with all attributes); ``G`` is not changed.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("d", "e")])
    >>> sorted(ego(G, "a", radius=2))
    ['a', 'b', 'c']
    """
    center = find_node(G, node)
    if G.is_directed():
        succ, pred = G.succ, G.pred
        def neighbours(v: Any) -> Iterable[Any]:
            return itertools.chain(succ[v], pred[v])
    else:
        adj = G.adj
        def neighbours(v: Any) -> Iterable[Any]:
            return adj[v]
    seen, frontier = {center}, [center]
    for _ in range(radius):
        step = []
        for v in frontier:
            for u in neighbours(v):
                if u not in seen:
                    seen.add(u)
                    step.append(u)
        frontier = step
    return G.subgraph(seen).copy()


def render_label(G: nx.Graph, node: Any) -> str:
    """The label shown for ``node``: its ``label`` (policies in title marks), else the node key.

    >>> G = nx.Graph()
    >>> G.add_node("p", label="实施意见", type="Policy")
    >>> render_label(G, "p")
    '《实施意见》'
    """
    d = G.nodes[node]
    label = str(d.get("label") or node)
    if d.get("type") == "Policy" and not label.startswith("《"):
        label = f"《{label}》"
    return label


# --------------------------------------------------------------------------------------------------


def _step(G: nx.Graph, u: Any, v: Any) -> dict[str, Any]:
    """One relation between consecutive path nodes: stated u -> v if there is one, else v -> u."""
    candidates: list[tuple[bool, Any, dict]] = []
    if G.is_multigraph():
        candidates += [(True, k, d) for k, d in G.adj[u].get(v, {}).items()]
        if G.is_directed():
            candidates += [(False, k, d) for k, d in G.adj[v].get(u, {}).items()]
    else:
        d = G.adj[u].get(v)
        if d is not None:
            candidates.append((True, None, d))
        if G.is_directed() and u in G.adj[v]:
            candidates.append((False, None, G.adj[v][u]))
    forward, key, data = min(candidates, key=lambda c: (str(c[1]) in _GENERIC, not c[0], str(c[1])))
    return {"source": u if forward else v, "target": v if forward else u, "key": key,
            "predicate": data.get("predicate"), "label": data.get("label") or str(key or ""),
            "label_en": data.get("label_en"), "forward": forward}
