"""Results of the analytics as pandas DataFrames, with labels, for notebooks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = ["to_frame"]

_NODE_COLUMNS = ("label", "cls", "type")


def to_frame(result: Any, G: nx.Graph | None = None) -> Any:
    """A :class:`pandas.DataFrame` of any result of :mod:`kg.graph`.

    ========================================  ====================================================
    result                                    rows
    ========================================  ====================================================
    scores ``{node: float}``                  ``node, score``, best first
    rows ``{node: {...}}`` (bridges)          ``node`` and one column per key
    partition ``[set, ...]`` (communities)    ``node, community``, by community
    rows ``[{...}, ...]`` (``top``)           as given
    path ``{"edges": ..., "sentence": ...}``  one row per step: ``step, source, relation, target``
    a graph (``ego``)                         one row per node with its scalar attributes
    ========================================  ====================================================

    With ``G``, node rows gain ``label``, ``cls`` and ``type`` columns.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> from kg.graph.centrality import pagerank
    >>> G = synthetic_graph(50, 120, seed=3)
    >>> df = to_frame(pagerank(G), G)
    >>> list(df.columns), len(df), bool(df["score"].is_monotonic_decreasing)
    (['node', 'label', 'cls', 'type', 'score'], 50, True)
    """
    import pandas as pd

    if isinstance(result, nx.Graph):
        rows = [{"node": n, **{k: v for k, v in d.items() if not isinstance(v, (list, dict, set))},
                 "mentions": len(d.get("mentions") or ())} for n, d in result.nodes(data=True)]
        return pd.DataFrame(rows)
    if isinstance(result, Mapping) and "edges" in result and "sentence" in result:
        labels = dict(zip(result["nodes"], result.get("labels", result["nodes"])))
        return pd.DataFrame([
            {"step": i, "source": e["source"], "source_label": labels.get(e["source"], e["source"]),
             "relation": e["label"], "key": e["key"], "target": e["target"],
             "target_label": labels.get(e["target"], e["target"]), "forward": e["forward"]}
            for i, e in enumerate(result["edges"], 1)])
    if isinstance(result, Mapping):
        if all(isinstance(v, Mapping) for v in result.values()) and result:
            rows = [{"node": n, **v} for n, v in result.items()]
        else:
            ranked = sorted(result.items(), key=lambda kv: -kv[1])
            rows = [{"node": n, "score": s} for n, s in ranked]
        return _with_labels(pd.DataFrame(rows, columns=None if rows else ["node", "score"]), G)
    if isinstance(result, list) and all(isinstance(c, (set, frozenset)) for c in result):
        rows = [{"node": n, "community": i} for i, c in enumerate(result) for n in sorted(c, key=str)]
        return _with_labels(pd.DataFrame(rows, columns=None if rows else ["node", "community"]), G)
    if isinstance(result, list) and all(isinstance(r, Mapping) for r in result):
        return pd.DataFrame(result)
    raise TypeError(f"cannot tabulate a {type(result).__name__}")


def _with_labels(df: Any, G: nx.Graph | None) -> Any:
    if G is None or "node" not in df.columns:
        return df
    at = 1
    for col in _NODE_COLUMNS:
        if col not in df.columns:
            df.insert(at, col, [G.nodes[n].get(col) if n in G else None for n in df["node"]])
            at += 1
    return df
