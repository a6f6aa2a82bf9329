"""Shared helpers of the analytics: views of the multigraph, the igraph fast path, class filters.

Every analytic keeps networkx's API and results; for large graphs the heavy ones run the same
computation on igraph's C core instead. ``backend="auto"`` switches when networkx would need more
than about a second (measured by ``benchmarks/bench_graph.py``; igraph is 20 to 400 times faster).
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Hashable, Iterable, Iterator
from typing import Any, Literal

import networkx as nx

Backend = Literal["auto", "networkx", "igraph"]
BACKENDS = ("auto", "networkx", "igraph")

#: ``backend="auto"`` uses igraph for PageRank and communities from this many edges
AUTO_MIN_EDGES = 10_000
#: ... and for betweenness when (number of sources) x (number of edges) reaches this
AUTO_MIN_BETWEENNESS_WORK = 1_000_000

_IGRAPH_RNG_LOCK = threading.Lock()


def use_igraph(backend: str, work: int, threshold: int) -> bool:
    """Whether to run on igraph: always, never, or (``auto``) when ``work`` reaches ``threshold``."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if backend == "networkx":
        return False
    if backend == "auto" and work < threshold:
        return False
    try:
        import igraph  # noqa: F401
    except ImportError as exc:
        if backend == "igraph":
            raise ImportError("backend='igraph' needs the igraph package (pip install igraph)") from exc
        return False
    return True


def simple_undirected(G: nx.Graph) -> nx.Graph:
    """The simple undirected view: one edge per linked pair, directions and self-loops dropped.

    Nodes keep the order of ``G`` (not their attributes), so seeded results do not depend on how the
    view was built.
    """
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def to_igraph(G: nx.Graph, *, weight: str | None = None) -> tuple[Any, list[Hashable]]:
    """``G`` as an igraph graph (same direction, every edge kept) and the node list (vertex ``i``)."""
    import igraph as ig

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    if weight is None:
        edges = [(index[u], index[v]) for u, v in G.edges()]
        weights = None
    else:
        rows = [(index[u], index[v], d.get(weight, 1)) for u, v, d in G.edges(data=True)]
        edges = [(u, v) for u, v, _ in rows]
        weights = [float(w) for _, _, w in rows]
    g = ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    if weights is not None:
        g.es["weight"] = weights
    return g, nodes


def to_igraph_simple(G: nx.Graph) -> tuple[Any, list[Hashable]]:
    """The simple undirected view of ``G`` built directly in igraph (same nodes, order and edges as
    :func:`simple_undirected`, without the intermediate networkx graph)."""
    import igraph as ig

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges() if u != v], directed=False)
    g.simplify(multiple=True, loops=True)
    return g, nodes


@contextlib.contextmanager
def igraph_seed(seed: int | None) -> Iterator[None]:
    """Run igraph's randomised algorithms from ``random.Random(seed)``.

    igraph keeps one process-wide generator; it is set under a lock and reset to igraph's default
    (the :mod:`random` module) afterwards.
    """
    import igraph as ig

    with _IGRAPH_RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def keep_class(scores: dict, G: nx.Graph, cls: str | Iterable[str] | None) -> dict:
    """``scores`` restricted to nodes whose ``cls`` (core class) or ``type`` is in ``cls``."""
    if cls is None:
        return scores
    wanted = {cls} if isinstance(cls, str) else set(cls)
    nodes = G.nodes
    return {n: s for n, s in scores.items()
            if nodes[n].get("cls") in wanted or nodes[n].get("type") in wanted}
