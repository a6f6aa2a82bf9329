"""Network analysis of the knowledge graph.

:func:`to_networkx` projects the RDF graph onto a :class:`networkx.MultiDiGraph` of entities and
relations; the analytics are pure functions of that graph in networkx's style, ``f(G, *, ...)``
returning a dict or list, each in its own module:

==================  =================================================================
``centrality``      :func:`degree_centrality`, :func:`pagerank`, :func:`betweenness`, :func:`top`
``community``       :func:`communities` (Louvain), :func:`modularity`, :func:`membership`
``paths``           :func:`explain_path`, :func:`ego`, :func:`find_node`
``bridges``         :func:`bridging_mechanisms`, :func:`participation`
``frame``           :func:`to_frame` (pandas, for notebooks)
``synthetic``       seeded synthetic graphs for tests and benchmarks
==================  =================================================================

The heavy analytics take ``backend="auto" | "networkx" | "igraph"``: ``auto`` runs them on igraph
when the graph is large enough for networkx to be slow, with the same estimators.
"""

from kg.graph.bridges import bridging_mechanisms, participation
from kg.graph.centrality import betweenness, degree_centrality, pagerank, top
from kg.graph.community import communities, membership, modularity
from kg.graph.frame import to_frame
from kg.graph.paths import ego, explain_path, find_node
from kg.graph.project import edge_labels, to_networkx

__all__ = [
    "betweenness",
    "bridging_mechanisms",
    "communities",
    "degree_centrality",
    "edge_labels",
    "ego",
    "explain_path",
    "find_node",
    "membership",
    "modularity",
    "pagerank",
    "participation",
    "to_frame",
    "to_networkx",
    "top",
]
