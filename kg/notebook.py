"""Helpers for the notebooks in ``notebooks/``: where the data comes from, how it is shown, short summaries.

The notebooks hold analysis and prose only; what they need beyond :mod:`kg.pipeline`, :mod:`kg.query`,
:mod:`kg.graph`, :mod:`kg.viz` and :mod:`kg.export` lives here, tested:

====================================  ===============================================================
:func:`open_data`                     the bundled sample, a store built with ``govkg build --store``
                                      or an RDF file, optionally with the SKOS lexicon as a named graph
:func:`use_cjk_font`                  a matplotlib font that has Chinese glyphs (a warning if none)
:func:`page_iframe`                   the interactive graph page as an ``<iframe srcdoc>`` for a notebook
:func:`centrality_table`              links, PageRank and betweenness of every entity in one table
:func:`community_summary`             one row per community: size, classes, best-linked members
:func:`actor_goal_paths`              every actor-goal pair linked by a chain of relations
====================================  ===============================================================

Nothing here imports matplotlib, pandas or IPython at import time.
"""

from __future__ import annotations

import html
import logging
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import pandas

    from kg.store import MemoryStore, OxigraphStore

__all__ = [
    "CJK_FONTS",
    "LEXICON_GRAPH",
    "CJKFontWarning",
    "actor_goal_paths",
    "centrality_table",
    "community_summary",
    "open_data",
    "page_iframe",
    "use_cjk_font",
]

log = logging.getLogger(__name__)

#: the named graph :func:`open_data` puts the SKOS lexicon in
LEXICON_GRAPH = "https://w3id.org/govkg/lexicon"

#: font families with Chinese glyphs, most wanted first (Debian/Ubuntu, Adobe, Windows, macOS)
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
    "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "Arial Unicode MS",
)
#: parts of font file names that suggest Chinese glyphs (used when matplotlib's cache predates the font)
_CJK_FILE_HINTS = ("cjk", "sourcehansans", "wqy", "msyh", "simhei", "pingfang", "notosanssc",
                   "droidsansfallback", "hiragino")


class CJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found: Chinese text in charts will show as empty boxes."""


# ------------------------------------------------------------------------------------------- data


def open_data(
    store: str | os.PathLike[str] | None = None, *, lexicon: bool = False
) -> MemoryStore | OxigraphStore:
    """The data a notebook analyses, as a :mod:`kg.store` store.

    Parameters
    ----------
    store
        None for the bundled sample (extracted now, about 10 s); a folder written by
        ``govkg build --store`` (opened read-only); or an RDF file (Turtle, TriG, N-Quads, JSON-LD ...).
    lexicon
        Also put the SKOS lexicon (:func:`kg.resources.load_lexicon`) in the named graph
        :data:`LEXICON_GRAPH`, so queries can join entities to their ``gov:concept``. A persistent
        store is then copied into memory first: it is never written to.

    Returns
    -------
    MemoryStore or OxigraphStore
        Close it when done (``with open_data(...) as store:``) to release a persistent store.

    Raises
    ------
    kg.store.StoreError
        If ``store`` is neither an Oxigraph store folder nor a readable RDF file.
    """
    from kg.resources import load_lexicon
    from kg.store import MemoryStore, OxigraphStore, StoreError, is_store_dir

    if store is None:
        from kg.pipeline import build_sample_graph

        data: MemoryStore | OxigraphStore = MemoryStore(build_sample_graph())
    else:
        path = Path(store).expanduser()
        if is_store_dir(path):
            source = OxigraphStore(path, read_only=True)
            if not lexicon:
                return source
            data = OxigraphStore()
            try:
                data.engine().bulk_extend(source.engine().quads_for_pattern(None, None, None, None))
            finally:
                source.close()
            log.info("copied %d quads of %s into memory to add the lexicon", len(data), path)
        elif path.is_file():
            data = OxigraphStore()
            data.load(path)
        elif path.is_dir():
            raise StoreError(f"{path} is a folder but not an Oxigraph store (build one with "
                             f"`govkg build FILES --store {path}`)")
        else:
            raise StoreError(f"no store or RDF file at {path}")
    if lexicon:
        data.add_graph(load_lexicon(), graph_name=LEXICON_GRAPH)
    return data


# ------------------------------------------------------------------------------------------- fonts


def use_cjk_font(candidates: Sequence[str] = CJK_FONTS) -> str | None:
    """Make matplotlib draw Chinese text with the first installed font of ``candidates``.

    The font goes first in ``font.sans-serif`` (the other fonts stay as fallbacks), the family is set
    to sans-serif, and ``axes.unicode_minus`` is switched off (many CJK fonts lack U+2212). Fonts
    installed after matplotlib built its font cache are found by file name and registered.

    Returns
    -------
    str or None
        The family chosen, or None (with a :class:`CJKFontWarning`, settings unchanged) when no
        candidate is installed, e.g. ``apt-get install fonts-noto-cjk`` was not run.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    name = _installed(candidates, font_manager)
    if name is None:
        for path in font_manager.findSystemFonts():
            if any(h in Path(path).name.lower().replace("-", "").replace("_", "") for h in _CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError) as exc:  # unreadable font file
                    log.debug("cannot register font %s: %s", path, exc)
        name = _installed(candidates, font_manager)
    if name is None:
        warnings.warn("no font with Chinese glyphs found (tried " + ", ".join(candidates[:4]) + " ...): "
                      "Chinese labels will show as empty boxes; install one, e.g. "
                      "`apt-get install fonts-noto-cjk`", CJKFontWarning, stacklevel=2)
        return None
    mpl.rcParams["font.sans-serif"] = [name, *(f for f in mpl.rcParams["font.sans-serif"] if f != name)]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False
    log.info("matplotlib font for Chinese text: %s", name)
    return name


def _installed(candidates: Sequence[str], font_manager: Any) -> str | None:
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((c for c in candidates if c in names), None)


# ------------------------------------------------------------------------------------------ display


def page_iframe(page: str, *, height: int = 640, title: str = "govkg graph") -> str:
    """An ``<iframe>`` (in a ``<div>``) that shows the HTML document ``page`` inline (``srcdoc``).

    The page is escaped into the attribute, so nothing of it is parsed by the notebook; the frame is
    sandboxed (scripts run, but in an opaque origin that cannot reach the notebook). Works offline
    when the page does (:func:`kg.viz.render_html` inlines everything it needs).

    >>> frame = page_iframe('<p title="a&b">民政厅</p>', height=200)
    >>> frame.startswith('<div class="govkg-page"><iframe srcdoc="&lt;p title=&quot;a&amp;b&quot;&gt;民政厅&lt;/p&gt;"')
    True
    >>> 'sandbox="allow-scripts"' in frame and 'height="200"' in frame
    True
    """
    if height < 1:
        raise ValueError(f"height must be at least 1, not {height}")
    return (f'<div class="govkg-page"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'title="{html.escape(title, quote=True)}" sandbox="allow-scripts" width="100%" '
            f'height="{int(height)}" style="border:1px solid #ddd;border-radius:4px"></iframe></div>')


# ----------------------------------------------------------------------------------------- analysis


def centrality_table(G: nx.Graph, *, cls: str | Iterable[str] | None = None) -> pandas.DataFrame:
    """Links, PageRank and betweenness of each entity in one table, by PageRank.

    The rows of :func:`kg.graph.centrality_ranking`: scores of the whole graph, restricted to ``cls``
    (core classes or types such as ``"Actor"``, ``"Policy"``).

    Returns
    -------
    pandas.DataFrame
        ``node, label, cls, type, links, pagerank, betweenness``; ``links`` counts distinct
        neighbours in either direction. Ties are broken by betweenness, links, then label.

    Examples
    --------
    >>> from kg.graph.synthetic import synthetic_graph
    >>> G = synthetic_graph(60, 150, seed=2)
    >>> t = centrality_table(G, cls="Actor")
    >>> list(t.columns), set(t["cls"]), bool(t["pagerank"].is_monotonic_decreasing)
    (['node', 'label', 'cls', 'type', 'links', 'pagerank', 'betweenness'], {'Actor'}, True)
    """
    import pandas as pd

    from kg.graph import centrality_ranking

    columns = ["node", "label", "cls", "type", "links", "pagerank", "betweenness"]
    return pd.DataFrame(centrality_ranking(G, cls=cls, by="pagerank"), columns=columns)


def community_summary(G: nx.Graph, parts: list[set], *, k: int = 5) -> pandas.DataFrame:
    """One row per community: its size, its classes and its ``k`` best-linked members.

    The records of :func:`kg.graph.describe_communities` as a table.

    Parameters
    ----------
    G : networkx.Graph
        Usually the output of :func:`kg.graph.to_networkx`.
    parts : list of set
        A partition, e.g. :func:`kg.graph.communities`; row ``i`` describes ``parts[i]``.
    k : int
        Members listed per community: those with the most links inside it (ties by label).

    Returns
    -------
    pandas.DataFrame
        ``community, size, classes, members``: ``classes`` like ``"Actor 3, Goal 1"`` (most frequent
        first), ``members`` the labels joined by `` | ``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "A", "cls": "Actor"}), ("b", {"label": "B", "cls": "Goal"}),
    ...                   ("c", {"label": "C", "cls": "Actor"}), ("d", {"label": "D", "cls": "Actor"})])
    >>> G.add_edges_from([("a", "b"), ("c", "a"), ("c", "b")])
    [0, 0, 0]
    >>> community_summary(G, [{"a", "b", "c"}, {"d"}], k=2).to_dict("records")[0]
    {'community': 0, 'size': 3, 'classes': 'Actor 2, Goal 1', 'members': 'A | B'}
    """
    import pandas as pd

    from kg.graph import describe_communities

    rows = [{"community": r["community"], "size": r["size"],
             "classes": ", ".join(f"{c} {n}" for c, n in r["classes"].items()),
             "members": " | ".join(r["labels"])} for r in describe_communities(G, parts, k=k)]
    return pd.DataFrame(rows, columns=["community", "size", "classes", "members"])


def actor_goal_paths(
    G: nx.MultiDiGraph,
    *,
    actors: Iterable[Any] | None = None,
    goals: Iterable[Any] | None = None,
    max_steps: int = 6,
) -> pandas.DataFrame:
    """Every (actor, goal) pair linked within ``max_steps`` relations, with the chain that links them.

    The rows of :func:`kg.graph.actor_goal_paths` as a table. The chain is
    :func:`kg.graph.explain_path`'s shortest path, searched without regard to direction; ``against``
    counts its steps that the text states the other way round (``A ←助力— B``). A chain with
    ``against == 0`` reads straight from the actor to the goal (e.g. an actor issues a policy that
    contributes to the goal); others only say that the two are connected.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Usually the output of :func:`kg.graph.to_networkx`.
    actors, goals : iterable, optional
        Node keys to start from and to reach (default: every ``Actor`` and every ``Goal``). On a large
        graph pass a few actors, e.g. the most central: each costs one breadth-first search.
    max_steps : int
        Longest chain kept.

    Returns
    -------
    pandas.DataFrame
        ``actor, actor_label, goal, goal_label, steps, against, sentence``, shortest and straightest
        chains first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "省委", "cls": "Actor"}),
    ...                   ("p", {"label": "实施意见", "cls": "Mechanism", "type": "Policy"}),
    ...                   ("g", {"label": "基层善治", "cls": "Goal"})])
    >>> G.add_edge("a", "p", key="issues", label="出台")
    'issues'
    >>> G.add_edge("p", "g", key="contributesTo", label="助力")
    'contributesTo'
    >>> actor_goal_paths(G)[["steps", "against", "sentence"]].to_dict("records")
    [{'steps': 2, 'against': 0, 'sentence': '省委 —出台→ 《实施意见》 —助力→ 基层善治'}]
    """
    import pandas as pd

    from kg.graph import actor_goal_paths as paths

    columns = ["actor", "actor_label", "goal", "goal_label", "steps", "against", "sentence"]
    return pd.DataFrame(paths(G, actors=actors, goals=goals, max_steps=max_steps), columns=columns)
