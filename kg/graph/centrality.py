"""Centrality: which actors, mechanisms and goals hold the graph together.

Scores are computed on the whole graph and then, with ``cls``, restricted to one class (so a
restricted PageRank no longer sums to 1). Degree and betweenness use the simple undirected view (who
is linked to whom, in either direction); PageRank follows the direction of the relations, so it
gathers on what many relations point to (policies, mechanisms, goals).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import networkx as nx

from kg.graph._backend import (
    AUTO_MIN_BETWEENNESS_WORK,
    AUTO_MIN_EDGES,
    Backend,
    keep_class,
    simple_undirected,
    to_igraph,
    to_igraph_simple,
    use_igraph,
)

__all__ = [
    "EXACT_BETWEENNESS_MAX_WORK",
    "SAMPLED_BETWEENNESS_K",
    "betweenness",
    "centrality_ranking",
    "degree_centrality",
    "link_counts",
    "pagerank",
    "top",
]

log = logging.getLogger(__name__)

#: ``betweenness(G)`` without ``k`` is exact while nodes x edges stays below this (e.g. 5 000 nodes and
#: 40 000 edges: a few seconds on igraph) ...
EXACT_BETWEENNESS_MAX_WORK = 200_000_000
#: ... and above it estimated from this many seeded source nodes (at 100 000 nodes / 500 000 edges:
#: about 5 s on igraph, and 16-17 of the top 20 nodes of a 1 024-source estimate; pass ``k`` for more)
SAMPLED_BETWEENNESS_K = 128


def degree_centrality(G: nx.Graph, *, cls: str | Iterable[str] | None = None) -> dict[Any, float]:
    """Share of the other nodes each node is linked to, in either direction.

    Parallel relations and self-loops count once (the degree in the simple undirected view).

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    cls : str or iterable of str, optional
        Keep only nodes of these core classes or types (``"Actor"``, ``"Policy"``).

    Returns
    -------
    dict
        Node -> degree / (number of nodes - 1).

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(100, 300, seed=1)
    >>> dc = degree_centrality(G, cls="Actor")
    >>> {G.nodes[n]["cls"] for n in dc}, all(0 <= s <= 1 for s in dc.values())
    ({'Actor'}, True)
    """
    n = len(G)
    scale = 1.0 / (n - 1) if n > 1 else 1.0
    return {v: k * scale for v, k in link_counts(G, cls=cls).items()}


def link_counts(G: nx.Graph, *, cls: str | Iterable[str] | None = None) -> dict[Any, int]:
    """Number of distinct other nodes each node is linked to, in either direction.

    The degree in the simple undirected view: parallel relations count once, self-loops not at all.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    cls : str or iterable of str, optional
        Keep only nodes of these core classes or types.

    Returns
    -------
    dict
        Node -> number of neighbours, in the order of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a"), ("c", "b"), ("c", "c")])
    >>> link_counts(G)
    {'a': 1, 'b': 2, 'c': 1}
    """
    if G.is_directed():
        succ, pred = G.succ, G.pred
        counts = {v: len((succ[v].keys() | pred[v].keys()) - {v}) for v in G}
    else:
        counts = {v: len(G.adj[v].keys() - {v}) for v in G}
    return keep_class(counts, G, cls)


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = None,
    cls: str | Iterable[str] | None = None,
    tol: float = 1.0e-6,
    max_iter: int = 100,
    backend: Backend = "auto",
) -> dict[Any, float]:
    """PageRank along the direction of the relations (parallel relations add up).

    Parameters
    ----------
    G : networkx.Graph
        Directed or undirected; multigraphs count each parallel edge.
    alpha : float
        Damping factor.
    weight : str, optional
        Edge attribute holding a weight (default: every edge weighs 1).
    cls : str or iterable of str, optional
        Keep only nodes of these core classes or types.
    tol, max_iter : float, int
        Tolerance and iteration limit of networkx's power iteration, which stops once an iteration
        moves the scores by less than ``len(G) * tol`` in total; igraph (PRPACK) solves to machine
        precision.
    backend : {"auto", "networkx", "igraph"}
        ``auto`` uses igraph's PRPACK from ``AUTO_MIN_EDGES`` edges on.

    Returns
    -------
    dict
        Node -> score; the scores of all nodes sum to 1.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(100, 300, seed=1)
    >>> pr = pagerank(G)
    >>> round(sum(pr.values()), 6)
    1.0
    >>> a, b = pagerank(G, backend="networkx", tol=1e-12), pagerank(G, backend="igraph")
    >>> max(abs(a[n] - b[n]) for n in G) < 1e-9
    True
    """
    if len(G) == 0:
        return {}
    if use_igraph(backend, G.number_of_edges(), AUTO_MIN_EDGES):
        g, nodes = to_igraph(G, weight=weight)
        values = g.pagerank(directed=G.is_directed(), damping=alpha,
                            weights="weight" if weight is not None else None)
        scores = dict(zip(nodes, values))
    else:
        scores = nx.pagerank(G, alpha=alpha, weight=weight, tol=tol, max_iter=max_iter)
    return keep_class(scores, G, cls)


def betweenness(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = None,
    cls: str | Iterable[str] | None = None,
    normalized: bool = True,
    backend: Backend = "auto",
) -> dict[Any, float]:
    """Betweenness centrality in the simple undirected view: who sits on the paths between others.

    Parameters
    ----------
    G : networkx.Graph
        Directions, parallel relations and self-loops are ignored.
    k : int, optional
        Estimate from ``k`` source nodes sampled with ``seed`` (networkx's estimator). Without
        ``k`` the result is exact while nodes x edges (of ``G``) stays below
        ``EXACT_BETWEENNESS_MAX_WORK``
        and estimated from ``SAMPLED_BETWEENNESS_K`` sources (seed 0 unless given) above;
        ``k=len(G)`` forces exact.
    seed : int, optional
        Seed of the sample of sources; the same seed samples the same sources in both backends.
    cls : str or iterable of str, optional
        Keep only nodes of these core classes or types.
    normalized : bool
        Divide by the number of node pairs, as networkx does.
    backend : {"auto", "networkx", "igraph"}
        ``auto`` uses igraph when sources x edges reaches ``AUTO_MIN_BETWEENNESS_WORK``. Both
        backends compute the same numbers (igraph restricted to the same sources).

    Returns
    -------
    dict
        Node -> betweenness.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(100, 300, seed=1)
    >>> a = betweenness(G, k=20, seed=7, backend="networkx")
    >>> b = betweenness(G, k=20, seed=7, backend="igraph")
    >>> max(abs(a[n] - b[n]) for n in G) < 1e-12
    True
    """
    n, m = len(G), G.number_of_edges()  # m bounds the edges of the simple view
    if k is None and n * m > EXACT_BETWEENNESS_MAX_WORK:
        k, seed = SAMPLED_BETWEENNESS_K, (0 if seed is None else seed)
        log.info("betweenness on %d nodes estimated from %d sources (seed %d)", n, k, seed)
    if k is not None and k >= n:
        k = None
    sources = n if k is None else k
    if use_igraph(backend, sources * max(m, 1), AUTO_MIN_BETWEENNESS_WORK):
        scores = _igraph_betweenness(G, k=k, seed=seed, normalized=normalized)
    else:
        H = simple_undirected(G)
        scores = nx.betweenness_centrality(H, k=k, normalized=normalized, seed=random.Random(seed))
    return keep_class(scores, G, cls)


def top(scores: dict, G: nx.Graph | None = None, n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` best-scored nodes as rows with their labels, best first.

    Ties are broken by label, then node, so the rows are stable.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(100, 300, seed=1)
    >>> rows = top(pagerank(G, cls="Goal"), G, n=3)
    >>> len(rows), sorted(rows[0])
    (3, ['cls', 'label', 'node', 'score', 'type'])
    >>> rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]
    True
    """
    def attrs(node: Any) -> dict:
        return G.nodes[node] if G is not None and node in G else {}

    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], str(attrs(kv[0]).get("label", "")), str(kv[0])))
    return [{"node": node, "label": attrs(node).get("label", str(node)), "cls": attrs(node).get("cls"),
             "type": attrs(node).get("type"), "score": score} for node, score in ranked[:n]]


def centrality_ranking(
    G: nx.Graph,
    *,
    cls: str | Iterable[str] | None = None,
    by: Literal["pagerank", "betweenness"] = "pagerank",
    ties: Literal["label", "node"] = "label",
    pagerank_scores: Mapping[Any, float] | None = None,
    betweenness_scores: Mapping[Any, float] | None = None,
    seed: int | None = None,
    backend: Backend = "auto",
) -> list[dict[str, Any]]:
    """Links, PageRank and betweenness of each entity, as rows ranked by one score then the other.

    Scores are those of the whole graph (see the module notes), restricted to ``cls``.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    cls : str or iterable of str, optional
        Keep only nodes of these core classes or types (``"Actor"``, ``"Policy"``).
    by : {"pagerank", "betweenness"}
        The score ranked on first; the other breaks its ties, then ``links``.
    ties : {"label", "node"}
        What breaks the remaining ties: the label, then the node key; or the node key (as a string) alone.
    pagerank_scores, betweenness_scores : dict, optional
        Scores already computed (nodes missing from them score 0); by default :func:`pagerank` and
        :func:`betweenness` (with ``seed`` and ``backend``).
    seed : int, optional
        Seed of :func:`betweenness` when it samples.
    backend : {"auto", "networkx", "igraph"}
        Backend of the default scores.

    Returns
    -------
    list of dict
        ``node, label, cls, type, links, pagerank, betweenness`` per node, best first; ``links`` is
        :func:`link_counts`, ``label`` the node key (as a string) when the node has none.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "p"), ("b", "p"), ("p", "g")])
    >>> nx.set_node_attributes(G, {"a": "Actor", "b": "Actor", "p": "Mechanism", "g": "Goal"}, "cls")
    >>> [(r["node"], r["links"]) for r in centrality_ranking(G, by="betweenness")]
    [('p', 3), ('g', 1), ('a', 1), ('b', 1)]
    >>> [r["node"] for r in centrality_ranking(G, cls="Actor")]
    ['a', 'b']
    """
    if by not in ("pagerank", "betweenness"):
        raise ValueError(f"by must be 'pagerank' or 'betweenness', not {by!r}")
    if ties not in ("label", "node"):
        raise ValueError(f"ties must be 'label' or 'node', not {ties!r}")
    pr = pagerank(G, backend=backend) if pagerank_scores is None else pagerank_scores
    bc = betweenness(G, seed=seed, backend=backend) if betweenness_scores is None else betweenness_scores
    second = "betweenness" if by == "pagerank" else "pagerank"
    rows = []
    for v, links in link_counts(G, cls=cls).items():
        d = G.nodes[v]
        rows.append({"node": v, "label": d.get("label", str(v)), "cls": d.get("cls"), "type": d.get("type"),
                     "links": links, "pagerank": pr.get(v, 0.0), "betweenness": bc.get(v, 0.0)})

    def rank(r: dict[str, Any]) -> tuple:
        tail = (str(r["label"]), r["node"]) if ties == "label" else (str(r["node"]),)
        return (-r[by], -r[second], -r["links"], *tail)

    return sorted(rows, key=rank)


# --------------------------------------------------------------------------------------------------


def _igraph_betweenness(G: nx.Graph, *, k: int | None, seed: int | None, normalized: bool) -> dict:
    """networkx's (sampled) betweenness of the simple undirected view, computed by igraph from the
    same source nodes."""
    g, nodes = to_igraph_simple(G)
    if k is None:
        sampled = None
        raw = g.betweenness(directed=False)
    else:
        sampled = random.Random(seed).sample(nodes, k)  # networkx's sample: the view has G's node order
        index = {v: i for i, v in enumerate(nodes)}
        raw = g.betweenness(directed=False, sources=[index[v] for v in sampled])
    # igraph counts each undirected pair once; networkx accumulates both orders before rescaling
    return _rescale({v: 2.0 * b for v, b in zip(nodes, raw)}, len(nodes), normalized=normalized,
                    directed=False, sampled=sampled)


def _rescale(b: dict, n: int, *, normalized: bool, directed: bool, sampled: list | None) -> dict:
    """networkx's rescaling of accumulated pair dependencies (without endpoints)."""
    N = n - 1
    if N < 2:
        return b
    correction = 1 if directed else 2
    if sampled is None:
        scale = 1 / (N * (N - 1)) if normalized else 1 / correction
        return {v: x * scale for v, x in b.items()}
    k = len(sampled)
    if normalized:
        s_source = 1 / ((k - 1) * (N - 1)) if k > 1 else float("nan")
        s_other = 1 / (k * (N - 1))
    else:
        s_source = N / ((k - 1) * correction) if k > 1 else float("nan")
        s_other = N / (k * correction)
    src = set(sampled)
    return {v: x * (s_source if v in src else s_other) for v, x in b.items()}
