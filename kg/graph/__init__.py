"""Network analysis of the knowledge graph.

:func:`to_networkx` projects the RDF graph onto a :class:`networkx.MultiDiGraph` of entities and
relations; the analytics are pure functions of that graph in networkx's style, ``f(G, *, ...)``
returning a dict or list, each in its own module:

==================  =================================================================
``centrality``      :func:`degree_centrality`, :func:`link_counts`, :func:`pagerank`,
                    :func:`betweenness`, :func:`top`, :func:`centrality_ranking`
``community``       :func:`communities` (Louvain), :func:`modularity`, :func:`membership`,
                    :func:`main_members`, :func:`describe_communities`
``paths``           :func:`explain_path`, :func:`ego`, :func:`find_node`,
                    :func:`actor_goal_paths`, :func:`example_path`
``bridges``         :func:`bridging_mechanisms`, :func:`participation`
``frame``           :func:`to_frame` (pandas, for notebooks)
``synthetic``       seeded synthetic graphs for tests and benchmarks
==================  =================================================================

The summaries (``centrality_ranking``, ``describe_communities``, ``actor_goal_paths``,
``example_path``) return plain records; ``govkg analyze`` and :mod:`kg.notebook` only format them.

The heavy analytics take ``backend="auto" | "networkx" | "igraph"``: ``auto`` runs them on igraph
when the graph is large enough for networkx to be slow, with the same estimators.
"""

from kg.graph.bridges import bridging_mechanisms, participation
from kg.graph.centrality import betweenness, centrality_ranking, degree_centrality, link_counts, pagerank, top
from kg.graph.community import communities, describe_communities, main_members, membership, modularity
from kg.graph.frame import to_frame
from kg.graph.paths import actor_goal_paths, ego, example_path, explain_path, find_node
from kg.graph.project import edge_labels, to_networkx

__all__ = [
    "actor_goal_paths",
    "betweenness",
    "bridging_mechanisms",
    "centrality_ranking",
    "communities",
    "degree_centrality",
    "describe_communities",
    "edge_labels",
    "ego",
    "example_path",
    "explain_path",
    "find_node",
    "link_counts",
    "main_members",
    "membership",
    "modularity",
    "pagerank",
    "participation",
    "to_frame",
    "to_networkx",
    "top",
]
