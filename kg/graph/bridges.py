"""Bridging mechanisms: mechanisms whose neighbours sit in several communities.

A mechanism that links actors, goals and other mechanisms of different communities is where
otherwise separate parts of the governance system meet. Two scores say how much: the number of
distinct communities among its neighbours, and the participation coefficient
(Guimerà & Amaral 2005) ``P = 1 - sum_c (k_c / k)^2``, where ``k_c`` of its ``k`` neighbours are in
community ``c`` (0 when all are in one community, close to 1 when they are spread evenly).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg.graph._backend import Backend
from kg.graph.community import communities as find_communities
from kg.graph.community import membership

__all__ = ["bridging_mechanisms", "participation"]


def bridging_mechanisms(
    G: nx.Graph,
    *,
    communities: list[set] | None = None,
    seed: int = 0,
    cls: str = "Mechanism",
    min_communities: int = 2,
    backend: Backend = "auto",
) -> dict[Any, dict[str, Any]]:
    """Mechanisms whose neighbours span at least ``min_communities`` communities.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    communities : list of set, optional
        A partition of the nodes; by default :func:`kg.graph.communities` with ``seed``.
    seed : int
        Seed of the default communities.
    cls : str
        The core class (or type) of the nodes scored.
    min_communities : int
        Keep nodes touching at least this many communities (counting their own neighbours only).
    backend : {"auto", "networkx", "igraph"}
        Backend of the default communities.

    Returns
    -------
    dict
        Node -> ``{"communities": int, "participation": float, "degree": int, "community": int}``
        (``community`` is the node's own), ordered by communities, then participation, then degree,
        descending, then by label and node key (as strings): a total order, the same in every run.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(300, 900, seed=1)
    >>> bridges = bridging_mechanisms(G, seed=0)
    >>> first = next(iter(bridges.values()))
    >>> first["communities"] >= 2 and 0 < first["participation"] < 1
    True
    >>> {G.nodes[n]["cls"] for n in bridges}
    {'Mechanism'}
    """
    parts = communities if communities is not None else find_communities(G, seed=seed, backend=backend)
    member = membership(parts)
    rows: dict[Any, dict[str, Any]] = {}
    for v, d in G.nodes(data=True):
        if d.get("cls") != cls and d.get("type") != cls:
            continue
        counts = Counter(member[u] for u in _neighbours(G, v) if u in member)
        if len(counts) >= min_communities:
            rows[v] = {"communities": len(counts), "participation": participation(counts),
                       "degree": sum(counts.values()), "community": member.get(v)}
    order = sorted(rows, key=lambda v: (-rows[v]["communities"], -rows[v]["participation"],
                                        -rows[v]["degree"], str(G.nodes[v].get("label", "")), str(v)))
    return {v: rows[v] for v in order}


def participation(counts: Mapping[Any, float]) -> float:
    """Participation coefficient of a node from its neighbours per community.

    The value does not depend on the order of ``counts``: with whole counts it is computed exactly,
    ``(k^2 - sum_c k_c^2) / k^2``, and rounded once; with fractional ones (weights) by a correctly
    rounded sum (:func:`math.fsum`). Equal participations are equal floats, so rankings by it do
    not depend on how the neighbours were listed.

    >>> participation({0: 2, 1: 2}), participation({0: 4}), participation({0: 0.5, 1: 1.5})
    (0.5, 0.0, 0.375)
    """
    values = list(counts.values())
    if all(isinstance(c, int) for c in values):
        k = sum(values)
        if k == 0:
            return 0.0
        return (k * k - sum(c * c for c in values)) / (k * k)
    k = math.fsum(values)
    if k == 0:
        return 0.0
    return 1.0 - math.fsum((c / k) ** 2 for c in values)


def _neighbours(G: nx.Graph, v: Any) -> set:
    if G.is_directed():
        return (G.succ[v].keys() | G.pred[v].keys()) - {v}
    return set(G.adj[v]) - {v}
