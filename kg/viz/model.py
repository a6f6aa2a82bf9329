"""The data model of the interactive graph page: one JSON-serialisable :class:`PageModel`.

:func:`build_model` turns the networkx projection of the knowledge graph (``kg.graph.to_networkx``:
nodes keyed by IRI with ``cls``, ``type``, ``label``, ``label_en``, ``aliases``, ``mentions`` and, for
metrics, ``value``/``unit``/...; edges keyed by the property's local name with ``predicate``,
``label`` and ``label_en``) into plain dataclasses that the page's own JavaScript draws. Everything the
browser shows comes from this model; :mod:`kg.viz.render` only serialises it.
"""

from __future__ import annotations

import functools
import logging
import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import networkx as nx

__all__ = [
    "CLASS_KEYS",
    "CLASS_STYLES",
    "PHYSICS_MAX_NODES",
    "ClassStyle",
    "EdgeType",
    "EdgeView",
    "FocusNotFoundError",
    "LegendEntry",
    "MentionView",
    "NodeView",
    "PageModel",
    "Stats",
    "TypeEntry",
    "build_model",
    "centrality",
    "resolve_focus",
    "vis_options",
]

log = logging.getLogger(__name__)

SizeBy = Literal["pagerank", "degree"]
Lang = Literal["zh", "en"]

#: display classes, in legend order: the six core classes with Policy split from Mechanism
CLASS_KEYS = ("Actor", "Mechanism", "Policy", "Goal", "Metric", "Challenge", "Event", "Other")

#: graphs with more shown nodes than this are laid out in Python and drawn with physics off
PHYSICS_MAX_NODES = 1000
#: mentions kept per node (the panel says how many more there are)
MAX_MENTIONS = 20
#: cut nodes named in the page and on the terminal
CUT_EXAMPLES = 8
#: labels of the CJK fonts the page asks for, most wanted first
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", sans-serif')

_GOV = "https://w3id.org/govkg/ontology#"


@dataclass(frozen=True, slots=True)
class ClassStyle:
    """Colour and vis-network shape of a display class."""

    color: str
    border: str
    shape: str


#: one distinct colour and shape per display class (colour-blind safe palette, shapes differ too)
CLASS_STYLES: dict[str, ClassStyle] = {
    "Actor": ClassStyle("#4e79a7", "#2c4a6b", "dot"),
    "Mechanism": ClassStyle("#59a14f", "#356230", "diamond"),
    "Policy": ClassStyle("#f28e2b", "#9a5512", "square"),
    "Goal": ClassStyle("#b07aa1", "#6d4563", "star"),
    "Metric": ClassStyle("#76b7b2", "#3f7470", "triangle"),
    "Challenge": ClassStyle("#e15759", "#8e2a2b", "triangleDown"),
    "Event": ClassStyle("#9c755f", "#5e4435", "hexagon"),
    "Other": ClassStyle("#bab0ac", "#6f6663", "dot"),
}


@dataclass(slots=True)
class MentionView:
    """Where a node is named: the sentence, and ``hl`` = ``[start, end)`` of the mention inside it."""

    doc: str | None
    title: str | None  # the document's dcterms:title, when it has one
    start: int | None
    end: int | None
    exact: str
    sentence: str
    hl: tuple[int, int] | None


@dataclass(slots=True)
class NodeView:
    """One node of the page (``id`` is the vis-network id; ``iri`` the graph's)."""

    id: int
    iri: str
    cls: str  # display class: a key of CLASS_STYLES
    type: str  # most specific class local name
    type_label: str
    type_label_en: str
    label: str
    label_en: str | None
    aliases: list[str]
    score: float  # centrality (pagerank or degree) in the whole graph
    degree: int  # in the whole graph
    value: float  # 0..1, what vis-network scales the node size by
    metric: dict[str, str] | None = None  # value, unit, qualifier, year, since, until, raw, statement
    mentions: list[MentionView] = field(default_factory=list)
    mentions_total: int = 0
    x: float | None = None
    y: float | None = None
    focus: bool = False


@dataclass(slots=True)
class EdgeView:
    """One relation; ``curve`` separates parallel edges (0 for a straight edge)."""

    id: int
    source: int
    target: int
    key: str  # property local name, a key of PageModel.edge_types
    curve: float = 0.0


@dataclass(slots=True)
class LegendEntry:
    key: str
    label: str
    label_en: str
    color: str
    border: str
    shape: str
    count: int


@dataclass(slots=True)
class TypeEntry:
    """A specific class (``PartyOrganization``) and how many shown nodes have it."""

    key: str
    cls: str
    label: str
    label_en: str
    count: int


@dataclass(slots=True)
class EdgeType:
    key: str
    predicate: str
    label: str
    label_en: str
    count: int


@dataclass(slots=True)
class Stats:
    nodes_total: int  # in the input graph
    edges_total: int
    nodes_in_scope: int  # after --focus (equal to the totals without it)
    edges_in_scope: int
    nodes_shown: int
    edges_shown: int
    nodes_cut: int  # in scope but dropped by max_nodes
    edges_cut: int
    cut_by_class: dict[str, int]
    cut_examples: list[str]  # labels of the most central nodes that were cut
    size_by: str
    max_nodes: int | None
    focus: list[str]  # labels of the focus nodes
    hops: int | None
    physics: bool  # the browser lays the graph out (else positions come with the nodes)


@dataclass(slots=True)
class PageModel:
    """Everything the page shows; :meth:`to_dict` is what is embedded as JSON."""

    title: str
    lang: str
    nodes: list[NodeView]
    edges: list[EdgeView]
    legend: list[LegendEntry]
    classes: list[TypeEntry]
    edge_types: list[EdgeType]
    stats: Stats
    options: dict[str, Any]
    font: str = FONT_STACK

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists (fast: no deep copies through :func:`dataclasses.asdict`)."""
        return {
            "title": self.title,
            "lang": self.lang,
            "font": self.font,
            "nodes": [_node_dict(n) for n in self.nodes],
            "edges": [[e.id, e.source, e.target, e.key, e.curve] for e in self.edges],
            "legend": [_slots_dict(e) for e in self.legend],
            "classes": [_slots_dict(e) for e in self.classes],
            "edge_types": [_slots_dict(e) for e in self.edge_types],
            "stats": _slots_dict(self.stats),
            "options": self.options,
        }

    def cut_summary(self, lang: str | None = None) -> str | None:
        """One sentence saying what ``max_nodes`` cut, or ``None`` when nothing was cut."""
        s = self.stats
        if not s.nodes_cut:
            return None
        en = (lang or self.lang) == "en"
        by = {"pagerank": "PageRank", "degree": "degree" if en else "度数"}.get(s.size_by, s.size_by)
        examples = ("、" if not en else ", ").join(s.cut_examples)
        if en:
            return (f"Showing the {s.nodes_shown} most central nodes by {by}; cut {s.nodes_cut} nodes and "
                    f"{s.edges_cut} edges" + (f" (e.g. {examples})" if examples else "") + ".")
        return (f"按{by}保留最核心的 {s.nodes_shown} 个节点，省略 {s.nodes_cut} 个节点和 {s.edges_cut} 条边"
                + (f"（如：{examples}）" if examples else "") + "。")


class FocusNotFoundError(ValueError):
    """The focus entity is neither an IRI nor a label of the graph; ``suggestions`` lists near labels."""

    def __init__(self, focus: str, suggestions: list[str]):
        self.focus = focus
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no node with IRI or label {focus!r}{hint}")


# --------------------------------------------------------------------------------------------------
# public functions


def build_model(
    G: nx.Graph,
    *,
    size_by: SizeBy = "pagerank",
    max_nodes: int | None = None,
    focus: str | Iterable[str] | None = None,
    hops: int = 2,
    lang: Lang = "zh",
    title: str | None = None,
    seed: int = 7,
) -> PageModel:
    """The page model of a projected knowledge graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        As made by ``kg.graph.to_networkx`` (other networkx graphs work if their nodes carry the same
        attributes; missing ones get defaults). ``G`` is not modified.
    size_by : {"pagerank", "degree"}
        Centrality that sizes the nodes and decides which ones ``max_nodes`` keeps. PageRank is
        computed on the undirected graph, so that hubs count whichever way their relations point.
    max_nodes : int, optional
        Keep only this many nodes, the most central first (focus nodes are always kept).
        :attr:`PageModel.stats` says what was cut.
    focus : str or list of str, optional
        IRI or label (zh, en or alias) of the node(s) to centre an ego view on.
    hops : int
        Radius of the ego view around ``focus``, following edges in either direction.
    lang : {"zh", "en"}
        Language the page opens in (it can switch).
    title : str, optional
        Page title.
    seed : int
        Seed of the layout, so the same graph gives the same page.

    Returns
    -------
    PageModel

    Raises
    ------
    FocusNotFoundError
        If ``focus`` names no node.
    ValueError
        If an option is out of range.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:a", cls="Actor", type="GovernmentBody", label="民政厅")
    >>> G.add_node("urn:p", cls="Mechanism", type="Policy", label="实施意见")
    >>> _ = G.add_edge("urn:a", "urn:p", key="issues", label="出台", label_en="issues")
    >>> m = build_model(G)
    >>> [(n.label, n.cls) for n in m.nodes], [(e.key, e.label) for e in m.edge_types]
    ([('民政厅', 'Actor'), ('实施意见', 'Policy')], [('issues', '出台')])
    """
    if size_by not in ("pagerank", "degree"):
        raise ValueError(f"size_by must be 'pagerank' or 'degree', not {size_by!r}")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")

    scores = centrality(G, size_by=size_by)
    degree = dict(G.degree())
    rank = {n: i for i, n in enumerate(sorted(G, key=lambda n: (-scores.get(n, 0.0), str(n))))}

    focus_nodes: list[Hashable] = []
    if focus is not None:
        focus_nodes = resolve_focus(G, focus)
        scope = _ego(G, focus_nodes, hops)
    else:
        scope = set(G)
    edges_in_scope = _count_edges_within(G, scope)

    keep = scope
    if max_nodes is not None and len(scope) > max_nodes:
        fixed = set(focus_nodes)
        rest = sorted(scope - fixed, key=rank.__getitem__)
        keep = fixed | set(rest[: max(0, max_nodes - len(fixed))])
    ordered = sorted(keep, key=rank.__getitem__)
    cut = sorted(scope - keep, key=rank.__getitem__)

    onto = _ontology_labels()
    ids = {n: i for i, n in enumerate(ordered)}
    is_focus = set(focus_nodes)
    top = max((scores.get(n, 0.0) for n in ordered), default=0.0)
    nodes = [
        _node_view(i, n, G.nodes[n], scores.get(n, 0.0), degree.get(n, 0), top, onto, n in is_focus)
        for n, i in ids.items()
    ]
    edges, edge_types = _edge_views(G, ids, onto)

    physics = len(nodes) <= PHYSICS_MAX_NODES
    if not physics:
        _layout(nodes, edges, seed=seed)

    cls_count = Counter(n.cls for n in nodes)
    legend = [
        LegendEntry(k, *onto.class_label(k), CLASS_STYLES[k].color, CLASS_STYLES[k].border,
                    CLASS_STYLES[k].shape, cls_count[k])
        for k in CLASS_KEYS if cls_count[k]
    ]
    type_count = Counter((n.cls, n.type) for n in nodes)
    classes = [
        TypeEntry(t, c, *onto.class_label(t), k)
        for (c, t), k in sorted(type_count.items(), key=lambda kv: (CLASS_KEYS.index(kv[0][0]), -kv[1], kv[0][1]))
    ]
    stats = Stats(
        nodes_total=G.number_of_nodes(),
        edges_total=G.number_of_edges(),
        nodes_in_scope=len(scope),
        edges_in_scope=edges_in_scope,
        nodes_shown=len(nodes),
        edges_shown=len(edges),
        nodes_cut=len(cut),
        edges_cut=edges_in_scope - len(edges),
        cut_by_class=dict(Counter(_display_class(G.nodes[n]) for n in cut)),
        cut_examples=[_label_of(G.nodes[n], n) for n in cut[:CUT_EXAMPLES]],
        size_by=size_by,
        max_nodes=max_nodes,
        focus=[_label_of(G.nodes[n], n) for n in focus_nodes],
        hops=hops if focus_nodes else None,
        physics=physics,
    )
    if title is None:
        title = "govkg 知识图谱" if lang == "zh" else "govkg knowledge graph"
        if stats.focus:
            title += f" · {'、'.join(stats.focus)}"
    log.info("page model: %d of %d nodes, %d of %d edges (physics %s)", len(nodes), stats.nodes_total,
             len(edges), stats.edges_total, "on" if physics else "off")
    return PageModel(title=title, lang=lang, nodes=nodes, edges=edges, legend=legend, classes=classes,
                     edge_types=edge_types, stats=stats, options=vis_options(len(nodes), len(edges), physics))


def centrality(G: nx.Graph, *, size_by: SizeBy = "pagerank") -> dict[Hashable, float]:
    """Centrality of every node, from :mod:`kg.graph`: PageRank of the undirected graph, or degree.

    PageRank ignores the direction of relations here, so that an actor issuing many policies is as
    prominent as a goal many mechanisms serve; degree counts distinct neighbours (share of the others).

    >>> import networkx as nx
    >>> c = centrality(nx.MultiDiGraph([(1, 2), (3, 2)]))
    >>> max(c, key=c.get)
    2
    """
    from kg.graph import degree_centrality, pagerank

    if size_by == "degree":
        return degree_centrality(G)
    if size_by != "pagerank":
        raise ValueError(f"size_by must be 'pagerank' or 'degree', not {size_by!r}")
    if G.is_directed():  # a plain undirected copy of the structure is faster than networkx's view
        U = nx.MultiGraph() if G.is_multigraph() else nx.Graph()
        U.add_nodes_from(G)
        U.add_edges_from(G.edges())
        G = U
    return pagerank(G)


def resolve_focus(G: nx.Graph, focus: str | Iterable[str]) -> list[Hashable]:
    """The nodes named by ``focus``: node ids / IRIs first, else labels, English labels and aliases.

    Each string may match several nodes (one label can name an actor and a mechanism); all are
    returned, in graph order.

    Raises
    ------
    FocusNotFoundError
        If a string matches nothing.
    """
    wanted = [focus] if isinstance(focus, str) else list(focus)
    by_iri: dict[str, Hashable] = {}
    by_name: dict[str, list[Hashable]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        by_iri[str(n)] = n
        if d.get("iri"):
            by_iri[str(d["iri"])] = n
        names = {d.get("label"), d.get("label_en"), *(d.get("aliases") or ())}
        for name in names:
            if name:
                by_name[_fold(str(name))].append(n)
    found: list[Hashable] = []
    for f in wanted:
        f = f.strip()
        hits = [by_iri[f]] if f in by_iri else by_name.get(_fold(f), [])
        if not hits:
            raise FocusNotFoundError(f, _suggest(G, f))
        found.extend(h for h in hits if h not in found)
    return found


def vis_options(n_nodes: int, n_edges: int, physics: bool) -> dict[str, Any]:
    """vis-network options, seeded from pyvis's :class:`pyvis.options.Options` model.

    Physics (forceAtlas2) runs a bounded number of stabilisation iterations and the page then turns it
    off; above :data:`PHYSICS_MAX_NODES` nodes it is off from the start (positions come from Python).
    """
    from pyvis.options import Options

    opts = Options()
    opts.physics.use_force_atlas_2based({
        "gravity": -70, "central_gravity": 0.015, "spring_length": 100, "spring_strength": 0.05,
        "damping": 0.5, "overlap": 0.8,
    })
    opts.physics.enabled = physics
    stab = opts.physics.stabilization
    stab.enabled = physics
    stab.iterations = _stabilization_iterations(n_nodes)
    stab.updateInterval = 25
    stab.fit = True
    big = n_edges > 3000
    opts.edges.toggle_smoothness("continuous")
    opts.edges.smooth.enabled = not big
    out: dict[str, Any] = _plain(opts)
    out["physics"].update(minVelocity=0.75, maxVelocity=40, timestep=0.4, adaptiveTimestep=True)
    out["edges"].update(
        arrows={"to": {"enabled": True, "scaleFactor": 0.45}},
        color={"color": "#a3acb9", "highlight": "#2d3748", "hover": "#4a5568", "inherit": False,
               "opacity": 0.85},
        width=1, selectionWidth=1.5, hoverWidth=0.5,
        font={"size": 11, "face": FONT_STACK, "color": "#5a6577", "strokeWidth": 3,
              "strokeColor": "#ffffff", "align": "middle"},
    )
    out["nodes"] = {
        "borderWidth": 1.5,
        "borderWidthSelected": 3,
        "font": {"face": FONT_STACK, "size": 14, "color": "#1a202c", "strokeWidth": 3,
                 "strokeColor": "#ffffff"},
        "scaling": {"min": 8, "max": 38,
                    "label": {"enabled": True, "min": 13, "max": 24, "maxVisible": 28,
                              "drawThreshold": 4 if n_nodes <= 300 else 7}},
    }
    out["interaction"].update(hover=True, tooltipDelay=120, hideEdgesOnDrag=big, hideEdgesOnZoom=big,
                              navigationButtons=False, keyboard=False, multiselect=False)
    out["layout"] = {"improvedLayout": n_nodes <= 150, "randomSeed": 7}
    out.pop("configure", None)
    return out


# --------------------------------------------------------------------------------------------------
# private helpers


@dataclass(frozen=True)
class _OntologyLabels:
    classes: dict[str, tuple[str, str]]  # local name -> (zh, en)
    properties: dict[str, tuple[str, str]]

    def class_label(self, key: str) -> tuple[str, str]:
        if key == "Other":
            return ("其他", "Other")
        return self.classes.get(key, (key, key))

    def property_label(self, key: str) -> tuple[str, str]:
        return self.properties.get(key, (key, key))


@functools.lru_cache(maxsize=1)
def _ontology_labels() -> _OntologyLabels:
    from rdflib import OWL, RDF, RDFS, Literal

    from kg.resources import load_ontology

    onto = load_ontology()

    def labels(kind: Any) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for term in onto.subjects(RDF.type, kind):
            iri = str(term)
            if not iri.startswith(_GOV):
                continue
            by_lang = {lit.language or "": str(lit) for lit in onto.objects(term, RDFS.label)
                       if isinstance(lit, Literal)}
            local = iri[len(_GOV):]
            out[local] = (by_lang.get("zh", local), by_lang.get("en", local))
        return out

    return _OntologyLabels(labels(OWL.Class), labels(OWL.ObjectProperty))


def _display_class(d: Mapping[str, Any]) -> str:
    if d.get("type") == "Policy":
        return "Policy"
    cls = d.get("cls")
    if cls in CLASS_STYLES:
        return str(cls)
    return str(d["type"]) if d.get("type") in CLASS_STYLES else "Other"


def _label_of(d: Mapping[str, Any], n: Hashable) -> str:
    label = d.get("label") or d.get("raw") or d.get("label_en")
    if label:
        return str(label)
    s = str(d.get("iri") or n)
    return s.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or s


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


def _suggest(G: nx.Graph, focus: str, limit: int = 5) -> list[str]:
    f = _fold(focus)
    if not f:
        return []
    out: list[str] = []
    for n, d in G.nodes(data=True):
        label = _label_of(d, n)
        names = [label, d.get("label_en") or "", *(d.get("aliases") or ())]
        if any(f in _fold(str(x)) or (_fold(str(x)) and _fold(str(x)) in f) for x in names):
            if label not in out:
                out.append(label)
            if len(out) >= limit:
                break
    return out


def _ego(G: nx.Graph, centres: list[Hashable], hops: int) -> set[Hashable]:
    """Nodes within ``hops`` of any centre, following edges either way."""
    seen = set(centres)
    queue = deque((c, 0) for c in centres)
    directed = G.is_directed()
    while queue:
        n, d = queue.popleft()
        if d == hops:
            continue
        nbrs: Iterable[Hashable] = (
            list(G.successors(n)) + list(G.predecessors(n)) if directed else G.neighbors(n))
        for m in nbrs:
            if m not in seen:
                seen.add(m)
                queue.append((m, d + 1))
    return seen


def _count_edges_within(G: nx.Graph, scope: set[Hashable]) -> int:
    if len(scope) == G.number_of_nodes():
        return G.number_of_edges()
    return sum(1 for u, v in G.edges() if u in scope and v in scope)


def _number(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        if not v.is_finite():
            return str(v)
        s = format(v, "f")
        return s.rstrip("0").rstrip(".") if "." in s else s
    if isinstance(v, float):
        if math.isfinite(v) and v == int(v) and abs(v) < 1e18:
            return str(int(v))
        return repr(v)
    return str(v)


_METRIC_FIELDS = ("value", "unit", "qualifier", "year", "since", "until", "raw", "statement", "is_target")


def _node_view(
    i: int, n: Hashable, d: Mapping[str, Any], score: float, degree: int, top: float,
    onto: _OntologyLabels, focus: bool,
) -> NodeView:
    cls = _display_class(d)
    typ = str(d.get("type") or (cls if cls != "Other" else d.get("cls") or "Other"))
    type_zh, type_en = onto.class_label(typ)
    metric = None
    if d.get("cls") == "Metric" or typ == "Metric":
        metric = {k: s for k in _METRIC_FIELDS if (s := _number(d.get(k))) is not None}
    mentions_in = list(d.get("mentions") or ())
    aliases = [str(a) for a in (d.get("aliases") or ())]
    label_en = d.get("label_en")
    return NodeView(
        id=i,
        iri=str(d.get("iri") or n),
        cls=cls,
        type=typ,
        type_label=type_zh,
        type_label_en=type_en,
        label=_label_of(d, n),
        label_en=str(label_en) if label_en else None,
        aliases=aliases,
        score=float(score),
        degree=int(degree),
        value=math.sqrt(score / top) if top > 0 else 0.0,
        metric=metric,
        mentions=[_mention_view(m) for m in mentions_in[:MAX_MENTIONS]],
        mentions_total=len(mentions_in),
        focus=focus,
    )


def _mention_view(m: Mapping[str, Any]) -> MentionView:
    exact = str(m.get("exact") or "")
    sentence = str(m.get("sentence") or "") or exact
    return MentionView(
        doc=None if m.get("doc") is None else str(m["doc"]),
        title=None if m.get("title") is None else str(m["title"]),
        start=_int_or_none(m.get("start")),
        end=_int_or_none(m.get("end")),
        exact=exact,
        sentence=sentence,
        hl=_highlight(sentence, exact, _int_or_none(m.get("offset"))),
    )


def _int_or_none(v: Any) -> int | None:
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


def _highlight(sentence: str, exact: str, offset: int | None = None) -> tuple[int, int] | None:
    """Where ``exact`` sits in ``sentence``: at ``offset`` when it is there (the projection's
    :func:`kg.graph.project.locate_quotes`), else its first occurrence; None when it is not in it.

    >>> _highlight("省委和市委，市委", "市委", 6), _highlight("省委和市委，市委", "市委")
    ((6, 8), (3, 5))
    """
    if not exact:
        return None
    if offset is not None and offset >= 0 and sentence.startswith(exact, offset):
        return (offset, offset + len(exact))
    i = sentence.find(exact)
    return None if i < 0 else (i, i + len(exact))


def _edge_views(
    G: nx.Graph, ids: Mapping[Hashable, int], onto: _OntologyLabels
) -> tuple[list[EdgeView], list[EdgeType]]:
    edges: list[EdgeView] = []
    types: dict[str, EdgeType] = {}
    parallel: Counter[tuple[int, int]] = Counter()
    rows: Iterable[tuple[Hashable, Hashable, Any, Mapping[str, Any]]]
    if G.is_multigraph():
        rows = G.edges(keys=True, data=True)
    else:
        rows = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in rows:
        s, t = ids.get(u), ids.get(v)
        if s is None or t is None:
            continue
        key = _edge_key(k, d)
        et = types.get(key)
        if et is None:
            zh, en = onto.property_label(key)
            et = types[key] = EdgeType(
                key=key, predicate=str(d.get("predicate") or _GOV + key),
                label=str(d.get("label") or zh), label_en=str(d.get("label_en") or en), count=0)
        et.count += 1
        pair = (min(s, t), max(s, t))
        k_par = parallel[pair]
        parallel[pair] += 1
        # 0, +0.2, -0.2, +0.4, ... relative to the pair's own direction, so a->b and b->a also separate
        curve = 0.0 if k_par == 0 else (0.2 * ((k_par + 1) // 2)) * (1 if k_par % 2 else -1)
        if s > t:
            curve = -curve
        edges.append(EdgeView(len(edges), s, t, key, round(curve, 3)))
    order = sorted(types.values(), key=lambda e: (-e.count, e.key))
    return edges, order


def _edge_key(k: Any, d: Mapping[str, Any]) -> str:
    if isinstance(k, str) and k:
        return k
    pred = d.get("predicate")
    if pred:
        p = str(pred)
        return p.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or p
    return str(d.get("key") or "relatedTo")


def _layout(nodes: list[NodeView], edges: list[EdgeView], *, seed: int) -> None:
    """Positions for a graph too large for in-browser physics.

    Each connected component is laid out on its own (Fruchterman-Reingold, igraph's C code) with a
    typical edge one unit long, isolated nodes go into a grid, and the blocks are packed in rows, so
    small components do not fly off to the edges. Then a unit becomes 90 px.
    """
    n = len(nodes)
    pairs = sorted({(e.source, e.target) for e in edges if e.source != e.target})
    rng = random.Random(seed)
    blocks: list[tuple[list[int], list[tuple[float, float]]]] = []
    singles: list[int] = []
    for comp in _components(n, pairs):
        if len(comp) == 1:
            singles.append(comp[0])
        else:
            blocks.append((comp, _layout_component(comp, pairs, rng)))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        blocks.append((singles, [(0.8 * (i % side), 0.8 * (i // side)) for i in range(len(singles))]))
    for members, coords in _pack(blocks):
        for i, (x, y) in zip(members, coords):
            nodes[i].x, nodes[i].y = round(90.0 * x, 1), round(90.0 * y, 1)


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (union-find), largest first."""
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda c: (-len(c), c[0]))


def _layout_component(
    comp: list[int], pairs: list[tuple[int, int]], rng: random.Random
) -> list[tuple[float, float]]:
    local = {v: i for i, v in enumerate(comp)}
    sub = [(local[a], local[b]) for a, b in pairs if a in local]
    k = len(comp)
    try:
        import igraph

        from kg.graph._backend import igraph_seed

        g = igraph.Graph(n=k, edges=sub)
        with igraph_seed(rng.randrange(2**31)):  # igraph's generator is process-wide: seed it, then reset
            layout = g.layout_fruchterman_reingold(niter=300 if k > 3 else 50, grid="auto")
        coords = [(float(x), float(y)) for x, y in layout]
    except ImportError:  # pragma: no cover - igraph is a dependency; keep a (slower) pure fallback
        h = nx.Graph(sub)
        h.add_nodes_from(range(k))
        pos = nx.spring_layout(h, seed=rng.randrange(2**31), iterations=50)
        coords = [(float(pos[i][0]), float(pos[i][1])) for i in range(k)]
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in sub)
    typical = lengths[len(lengths) // 2] if lengths and lengths[len(lengths) // 2] > 0 else 1.0
    return [(x / typical, y / typical) for x, y in coords]


def _pack(
    blocks: list[tuple[list[int], list[tuple[float, float]]]], gap: float = 1.5
) -> list[tuple[list[int], list[tuple[float, float]]]]:
    """Place blocks (largest first) left to right in rows about as wide as the whole is tall."""
    boxes = []
    for members, coords in blocks:
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + gap) * (h + gap) for *_, w, h in boxes)
    width = max([math.sqrt(area) * 1.2] + [w for *_, w, _h in boxes])
    out = []
    x = y = row_h = 0.0
    for members, coords, x0, y0, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        out.append((members, [(cx - x0 + x, cy - y0 + y) for cx, cy in coords]))
        x += w + gap
        row_h = max(row_h, h)
    return out


def _stabilization_iterations(n_nodes: int) -> int:
    """Fewer iterations for bigger graphs: each costs O(n log n), and the page should settle in seconds."""
    if n_nodes <= 200:
        return 600
    return max(120, int(120_000 / n_nodes))


def _plain(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if hasattr(obj, "__dict__"):
        return {k: _plain(v) for k, v in vars(obj).items()}
    return obj


def _slots_dict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def _node_dict(n: NodeView) -> dict[str, Any]:
    d = _slots_dict(n)
    d["mentions"] = [_slots_dict(m) for m in n.mentions]
    for k in ("x", "y", "metric", "label_en"):
        if d[k] is None:
            del d[k]
    if not d["focus"]:
        del d["focus"]
    if not d["aliases"]:
        del d["aliases"]
    return d
