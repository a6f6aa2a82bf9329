"""Communities: groups of entities more linked to each other than to the rest (Louvain).

Both backends run the Louvain method (Blondel et al. 2008) on the simple undirected view:
networkx's ``louvain_communities`` or igraph's ``community_multilevel``. Each is seeded and
deterministic; they do not draw the same random numbers, so on large graphs the partitions differ in
detail but reach comparable modularity.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from kg.graph._backend import (
    AUTO_MIN_EDGES,
    Backend,
    igraph_seed,
    simple_undirected,
    to_igraph_simple,
    use_igraph,
)

__all__ = ["communities", "describe_communities", "main_members", "membership", "modularity"]


def communities(
    G: nx.Graph, *, seed: int = 0, resolution: float = 1.0, backend: Backend = "auto"
) -> list[set]:
    """Louvain communities of the simple undirected view of ``G``.

    Parameters
    ----------
    G : networkx.Graph
        Directions, parallel relations and self-loops are ignored.
    seed : int
        Seed of the node order; the same seed gives the same partition.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    backend : {"auto", "networkx", "igraph"}
        ``auto`` uses igraph from ``AUTO_MIN_EDGES`` edges (of ``G``) on.

    Returns
    -------
    list of set
        A partition of the nodes (every node in exactly one set; an isolated node is a community of
        its own), largest first, ties ordered by their smallest node.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(300, 900, seed=1)
    >>> parts = communities(G, seed=0)
    >>> sum(len(c) for c in parts) == len(G) == len(set().union(*parts))
    True
    >>> parts == communities(G, seed=0)
    True
    >>> modularity(G, parts) > 0.3
    True
    """
    if use_igraph(backend, G.number_of_edges(), AUTO_MIN_EDGES):
        g, nodes = to_igraph_simple(G)
        with igraph_seed(seed):
            member = g.community_multilevel(resolution=resolution).membership
        groups: dict[int, set] = {}
        for node, c in zip(nodes, member):
            groups.setdefault(c, set()).add(node)
        parts = list(groups.values())
    else:
        H = simple_undirected(G)
        parts = [set(c) for c in nx.community.louvain_communities(H, seed=seed, resolution=resolution)]
    order = {v: i for i, v in enumerate(G)}
    return sorted(parts, key=lambda c: (-len(c), min(order[v] for v in c)))


def modularity(G: nx.Graph, parts: list[set], *, resolution: float = 1.0) -> float:
    """Modularity of a partition in the simple undirected view of ``G`` (as :func:`communities` sees it).

    Examples
    --------
    >>> G = nx.MultiDiGraph([(1, 2), (2, 1), (2, 3), (4, 5)])
    >>> round(modularity(G, [{1, 2, 3}, {4, 5}]), 3)
    0.444
    """
    return nx.community.modularity(simple_undirected(G), parts, resolution=resolution)


def membership(parts: list[set]) -> dict[Any, int]:
    """Node -> index of its community in ``parts``.

    >>> membership([{"a", "b"}, {"c"}]) == {"a": 0, "b": 0, "c": 1}
    True
    """
    return {v: i for i, c in enumerate(parts) for v in c}


def main_members(G: nx.Graph, part: set, *, k: int = 5) -> list:
    """The ``k`` members of the community ``part`` with the most links inside it, best first.

    Links are counted as in :func:`kg.graph.link_counts` (distinct neighbours in either direction, no
    self-loops), restricted to ``part``; ties are broken by label, then node key.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "a"), ("c", "b"), ("c", "c"), ("b", "d")])
    >>> main_members(G, {"a", "b", "c"}, k=2)
    ['a', 'b']
    """
    if k < 0:
        raise ValueError(f"k must not be negative, not {k}")
    view = G.to_undirected(as_view=True) if G.is_directed() else G

    def rank(v: Any) -> tuple[int, str, str]:
        inside = len((set(view.adj[v]) - {v}) & part)
        return (-inside, str(G.nodes[v].get("label", v)), str(v))

    return sorted(part, key=rank)[:k]


def describe_communities(G: nx.Graph, parts: list[set], *, k: int = 5) -> list[dict[str, Any]]:
    """One record per community: its size, its mix of classes and its main members.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    parts : list of set
        A partition, e.g. :func:`communities`; record ``i`` describes ``parts[i]``.
    k : int
        Members listed per community (see :func:`main_members`).

    Returns
    -------
    list of dict
        ``community`` (the index in ``parts``), ``size``, ``classes`` (core class -> number of members,
        most frequent first, ties by name), ``members`` (node keys, see :func:`main_members`) and
        ``labels`` (their labels, the node key when a node has none).

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "a"), ("c", "b")])
    >>> G.add_node("d")
    >>> nx.set_node_attributes(G, {"a": "Actor", "b": "Goal", "c": "Actor", "d": "Actor"}, "cls")
    >>> nx.set_node_attributes(G, {"a": "A", "b": "B", "c": "C", "d": "D"}, "label")
    >>> describe_communities(G, [{"a", "b", "c"}, {"d"}], k=2)[0]
    {'community': 0, 'size': 3, 'classes': {'Actor': 2, 'Goal': 1}, 'members': ['a', 'b'], 'labels': ['A', 'B']}
    """
    records = []
    for i, part in enumerate(parts):
        counts = Counter(str(G.nodes[v].get("cls")) for v in part)
        best = main_members(G, part, k=k)
        records.append({"community": i, "size": len(part),
                        "classes": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                        "members": best, "labels": [str(G.nodes[v].get("label", v)) for v in best]})
    return records
