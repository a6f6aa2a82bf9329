"""The interactive graph page: networkx projection -> :class:`PageModel` -> one offline HTML file.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", cls="Actor", type="GovernmentBody", label="民政厅")
>>> html = render_html(build_model(G))
>>> "https://" in html.split("<script")[0]
False
"""

from kg.viz.model import (
    CLASS_KEYS,
    CLASS_STYLES,
    FocusNotFoundError,
    PageModel,
    build_model,
    centrality,
    resolve_focus,
)
from kg.viz.render import VizAssetError, render_html, script_json, write_html

__all__ = [
    "CLASS_KEYS",
    "CLASS_STYLES",
    "FocusNotFoundError",
    "PageModel",
    "VizAssetError",
    "build_model",
    "centrality",
    "render_html",
    "resolve_focus",
    "script_json",
    "write_html",
]
