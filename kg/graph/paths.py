"""Paths: how two entities are connected, told as a chain of relations, and neighbourhoods.

Entities can be named by IRI or by label (or alias). Paths ignore the direction of relations when
searching, and keep it when telling: ``A —出台→ B`` reads "A issues B", ``A ←助力— B`` reads
"B contributes to A".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
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

    Relations are followed in either direction. When several chains are equally short, the one
    chosen is the first by node keys compared as strings, step by step from ``source`` (at the
    first step that differs, the smaller key): the same chain in every run, whatever the hash seed
    or the order in which the graph was built.

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
    return _tell(G, _first_shortest_path(G, s, t))


def actor_goal_paths(
    G: nx.Graph,
    *,
    actors: Iterable[Any] | None = None,
    goals: Iterable[Any] | None = None,
    max_steps: int = 6,
) -> list[dict[str, Any]]:
    """Every (actor, goal) pair linked within ``max_steps`` relations, with the chain that links them.

    The chain is :func:`explain_path`'s shortest path (the first by node keys among equally short
    ones), searched without regard to direction;
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
    rows = []
    for a in actor_nodes:
        parent = _first_shortest_paths(G, a, cutoff=max_steps)
        for g in sorted((v for v in parent if v in goal_nodes and v != a), key=str):
            path = _tell(G, _walk_back(parent, g))
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

    Returns a new graph of the same type as ``G`` (a copy with all attributes, nodes and edges in the
    order of ``G``); ``G`` is not changed.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d"), ("d", "e")])
    >>> list(ego(G, "c", radius=1)), list(ego(G, "a", radius=2).edges())
    (['b', 'c', 'd'], [('a', 'b'), ('c', 'b')])
    """
    center = find_node(G, node)
    neighbours = _neighbours(G)
    seen, frontier = {center}, [center]
    for _ in range(radius):
        step = []
        for v in frontier:
            for u in neighbours(v):
                if u not in seen:
                    seen.add(u)
                    step.append(u)
        frontier = step
    # not G.subgraph(seen).copy(): a subgraph view lists its nodes in the order of the set ``seen``
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((v, dict(d)) for v, d in G.nodes(data=True) if v in seen)
    order = list(H)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, dict(d)) for u, v, k, d in G.edges(order, keys=True, data=True) if v in seen)
    else:
        H.add_edges_from((u, v, dict(d)) for u, v, d in G.edges(order, data=True) if v in seen)
    return H


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


def _neighbours(G: nx.Graph) -> Callable[[Any], Iterable[Any]]:
    """Neighbours of a node in either direction (a node linked both ways may come twice)."""
    if G.is_directed():
        succ, pred = G.succ, G.pred

        def both(v: Any) -> Iterable[Any]:
            return itertools.chain(succ[v], pred[v])
        return both
    adj = G.adj

    def undirected(v: Any) -> Iterable[Any]:
        return adj[v]
    return undirected


def _first_shortest_path(G: nx.Graph, s: Any, t: Any) -> list:
    """The shortest path from ``s`` to ``t`` ignoring directions, the first by node keys (as strings)
    compared step by step from ``s`` among equally short ones.

    A bidirectional breadth-first search, level by level, finds the distance ``d = a + b`` and the
    nodes ``a`` steps from ``s`` and ``b`` from ``t`` (every shortest path passes through one of
    them); the path is then walked from ``s``, taking at each step the smallest key among the
    neighbours that still lie on a shortest path. No choice depends on the order of a set.
    """
    if s == t:
        return [s]
    neighbours = _neighbours(G)
    ds, dt = {s: 0}, {t: 0}
    levels_s, levels_t = [[s]], [[t]]
    while True:
        grow_s = len(levels_s[-1]) <= len(levels_t[-1])
        levels, dist, other = (levels_s, ds, dt) if grow_s else (levels_t, dt, ds)
        step, new = len(levels), []
        for v in levels[-1]:
            for u in neighbours(v):
                if u not in dist:
                    dist[u] = step
                    new.append(u)
        if not new:
            raise nx.NetworkXNoPath(f"no path links {s!r} and {t!r}")
        levels.append(new)
        if any(u in other for u in new):
            break
    a, b = len(levels_s) - 1, len(levels_t) - 1
    # on_path[i]: the nodes i steps from s that lie on a shortest path, from those a steps away back
    on_path = [set() for _ in range(a)] + [{v for v in levels_s[a] if dt.get(v) == b}]
    for i in range(a - 1, -1, -1):
        on_path[i] = {u for v in on_path[i + 1] for u in neighbours(v) if ds.get(u) == i}
    path = [s]
    for i in range(1, a + 1):
        path.append(min((u for u in neighbours(path[-1]) if u in on_path[i]), key=str))
    for j in range(b - 1, -1, -1):
        path.append(min((u for u in neighbours(path[-1]) if dt.get(u) == j), key=str))
    return path


def _first_shortest_paths(G: nx.Graph, s: Any, *, cutoff: int) -> dict[Any, Any]:
    """Parent of each node within ``cutoff`` steps of ``s`` (ignoring directions) on the path that
    :func:`_first_shortest_path` chooses from ``s``; ``s`` has parent None.

    A breadth-first search whose queue takes each node's new neighbours sorted by key: the queue then
    holds each level in the order of the nodes' first paths, so each node's first discoverer is the
    second-to-last node of its first path.
    """
    neighbours = _neighbours(G)
    parent: dict[Any, Any] = {s: None}
    frontier = [s]
    for _ in range(cutoff):
        step = []
        for v in frontier:
            new = sorted((u for u in dict.fromkeys(neighbours(v)) if u not in parent), key=str)
            for u in new:
                parent[u] = v
            step += new
        if not step:
            break
        frontier = step
    return parent


def _walk_back(parent: Mapping[Any, Any], v: Any) -> list:
    """The path to ``v`` in a parent map, from its root."""
    path = [v]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def _tell(G: nx.Graph, nodes: list) -> dict[str, Any]:
    """:func:`explain_path`'s record of a path."""
    edges = [_step(G, u, v) for u, v in itertools.pairwise(nodes)]
    labels = [render_label(G, v) for v in nodes]
    parts = [labels[0]]
    for e, label in zip(edges, labels[1:]):
        parts.append(f"—{e['label']}→" if e["forward"] else f"←{e['label']}—")
        parts.append(label)
    return {"source": nodes[0], "target": nodes[-1], "nodes": nodes, "labels": labels, "edges": edges,
            "sentence": " ".join(parts)}
