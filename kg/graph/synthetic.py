"""Seeded synthetic governance graphs, for doctests, tests and benchmarks.

Both generators draw the same kind of graph: entities in the ontology's class mix
(:data:`CLASS_MIX`, subclasses drawn evenly), grouped into "documents" of 50 to 400 entities
that most relations stay inside, with a heavy-tailed degree distribution, and each relation typed
with an ontology property whose domain and range fit its ends. :func:`synthetic_graph` returns the
projection directly (fast enough for 100 000 nodes); :func:`synthetic_extraction` returns records
for :func:`kg.rdf.build.build_graph`, with a synthetic text whose offsets are valid.
Labels are made up (class label plus a number); nothing comes from a real document.
"""

from __future__ import annotations

import hashlib
from array import array
from typing import Any

import networkx as nx
import numpy as np

from kg.rdf.prefixes import PREFIXES
from kg.records import (
    CORE_CLASSES,
    Document,
    DocumentMeta,
    Entity,
    Extraction,
    Mention,
    Quantity,
    Relation,
    Span,
)

__all__ = ["CLASS_MIX", "synthetic_extraction", "synthetic_graph"]

#: share of each core class among the nodes of a synthetic graph
CLASS_MIX = {"Actor": 0.30, "Mechanism": 0.35, "Goal": 0.15, "Metric": 0.10, "Challenge": 0.05, "Event": 0.05}

_GOV = PREFIXES["gov"]
_UNITS = ("%", "个", "元", "家", "名", "人")


def synthetic_graph(n_nodes: int, n_edges: int, *, seed: int = 0, p_in: float = 0.85) -> nx.MultiDiGraph:
    """A random graph shaped like :func:`kg.graph.to_networkx` output.

    Parameters
    ----------
    n_nodes, n_edges : int
        Size of the graph (``n_edges`` is met exactly unless the graph is too small to hold them).
    seed : int
        Seed of the random generator: the same seed gives the same graph.
    p_in : float
        Share of relations drawn inside a "document" (the rest join random entities).

    Returns
    -------
    networkx.MultiDiGraph
        With the node and edge attributes of the projection (``mentions`` empty).

    Examples
    --------
    >>> G = synthetic_graph(200, 600, seed=1)
    >>> G.number_of_nodes(), G.number_of_edges()
    (200, 600)
    >>> sorted({d["cls"] for _, d in G.nodes(data=True)})
    ['Actor', 'Challenge', 'Event', 'Goal', 'Mechanism', 'Metric']
    """
    from kg.graph.project import _local, _pick, _schema
    from kg.rdf.iri import entity_iri

    schema = _schema()
    rng = np.random.default_rng(seed)
    cores, types = _draw_classes(n_nodes, rng, metrics=True)
    labels = [_class_label(types[i]) + str(i) for i in range(n_nodes)]
    iris = [str(entity_iri(CORE_CLASSES[cores[i]], labels[i])) for i in range(n_nodes)]
    G = nx.MultiDiGraph()
    order = sorted(range(n_nodes), key=iris.__getitem__)
    for i in order:
        core = CORE_CLASSES[cores[i]]
        attrs: dict[str, Any] = {"iri": iris[i], "kind": "entity", "cls": core, "type": _local(types[i]),
                                 "label": labels[i], "label_en": None, "aliases": [], "mentions": []}
        if core == "Metric":
            attrs.update(value=float(rng.integers(1, 1000)), unit=_UNITS[i % len(_UNITS)], qualifier=None,
                         year=None, since=None, until=None, raw=None, is_target=False, statement=None)
        G.add_node(iris[i], **attrs)
    src, dst, props = _draw_relations(cores, n_edges, rng, p_in)
    plabels = {p: (_pick(schema.prop_labels[p], "zh") or _local(p), _pick(schema.prop_labels[p], "en"))
               for p in set(props)}
    edges = sorted((iris[s], iris[o], _local(p), p) for s, o, p in zip(src, dst, props))
    G.add_edges_from((s, o, k, {"predicate": p, "label": plabels[p][0], "label_en": plabels[p][1]})
                     for s, o, k, p in edges)
    return G


def synthetic_extraction(
    n_entities: int, n_relations: int, *, n_quantities: int = 0, seed: int = 0, p_in: float = 0.85
) -> Extraction:
    """Records of one synthetic document: entities, relations, metrics, and a text they point into.

    Each relation is stated by a sentence ``<subject><property label><object>。``, each metric by
    ``<entity>达到<value><unit>。``; every mention, evidence and quantity span is a valid slice of the text.

    Examples
    --------
    >>> ex = synthetic_extraction(30, 60, n_quantities=5, seed=2)
    >>> len(ex.entities), len(ex.relations), len(ex.quantities)
    (30, 60, 5)
    >>> m = ex.entities[0].mentions[0]
    >>> ex.document.text[m.span.start:m.span.end] == m.span.quote
    True
    """
    from kg.graph.project import _local, _pick, _schema

    schema = _schema()
    rng = np.random.default_rng(seed)
    cores, types = _draw_classes(n_entities, rng, metrics=False)
    keys = [(CORE_CLASSES[cores[i]], _class_label(types[i]) + str(i)) for i in range(n_entities)]
    src, dst, props = _draw_relations(cores, n_relations, rng, p_in)

    parts: list[str] = []
    pos = 0
    mentions: dict[int, list[Mention]] = {i: [] for i in range(n_entities)}
    relations: list[Relation] = []
    quantities: list[Quantity] = []

    def say(pieces: list[tuple[str, int | None]]) -> tuple[Span, list[tuple[int | None, Span]]]:
        nonlocal pos
        start, spans = pos, []
        for text, who in pieces:
            spans.append((who, Span(pos, pos + len(text), text)))
            pos += len(text)
        parts.append("".join(t for t, _ in pieces))
        return Span(start, pos, parts[-1]), spans

    for s, o, p in zip(src, dst, props):
        verb = _pick(schema.prop_labels[p], "zh") or _local(p)
        sentence, spans = say([(keys[s][1], s), (verb, None), (keys[o][1], o), ("。", None)])
        for who, span in spans:
            if who is not None:
                mentions[who].append(Mention(span, keys[who], sentence, span.quote, "synthetic"))
        relations.append(Relation(keys[s], _local(p), keys[o], sentence, verb))
    for j in range(n_quantities):
        i = int(rng.integers(n_entities))
        value, unit = int(rng.integers(1, 1000)), _UNITS[j % len(_UNITS)]
        sentence, spans = say([(keys[i][1], i), ("达到", None), (f"{value}{unit}", -1), ("。", None)])
        mentions[i].append(Mention(spans[0][1], keys[i], sentence, keys[i][1], "synthetic"))
        quantities.append(Quantity(spans[2][1], float(value), unit, measures=(keys[i],),
                                   year=2020 + j % 5, statement=f"{keys[i][1]}数量", sentence=sentence))
    for i in range(n_entities):
        if not mentions[i]:
            sentence, spans = say([(keys[i][1], i), ("。", None)])
            mentions[i].append(Mention(spans[0][1], keys[i], sentence, keys[i][1], "synthetic"))

    text = "".join(parts)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = Document(id=sha[:16], text=text, norm=text, starts=array("q", range(len(text))),
                   ends=array("q", range(1, len(text) + 1)), sha256=sha,
                   meta=DocumentMeta(title=f"合成文档{seed}", jurisdiction="合成省"))
    entities = tuple(
        Entity(key=keys[i], cls=_local(types[i]), label=keys[i][1],
               aliases=(keys[i][1] + "简称",) if i % 5 == 0 else (), mentions=tuple(mentions[i]))
        for i in range(n_entities))
    return Extraction(doc, entities, tuple(relations), tuple(quantities))


# --------------------------------------------------------------------------------------------------


def _class_label(cls_iri: str) -> str:
    from kg.graph.project import _local, _pick, _schema

    return _pick(_schema().class_labels.get(cls_iri), "zh") or _local(cls_iri)


def _draw_classes(n: int, rng: np.random.Generator, *, metrics: bool) -> tuple[np.ndarray, list[str]]:
    """Core class index and most specific class IRI of ``n`` nodes."""
    from kg.graph.project import _schema

    schema = _schema()
    mix = np.array([CLASS_MIX[c] if (metrics or c != "Metric") else 0.0 for c in CORE_CLASSES])
    cores = rng.choice(len(CORE_CLASSES), size=n, p=mix / mix.sum())
    options = [sorted(c for c, core in schema.core_of.items() if core == name) for name in CORE_CLASSES]
    picks = rng.random(n)
    types = [options[c][int(u * len(options[c]))] for c, u in zip(cores.tolist(), picks.tolist())]
    return cores, types


def _predicate_table() -> dict[tuple[int, int], tuple[list[str], list[str]]]:
    """For each ordered pair of core classes: (specific properties, generic properties) that fit."""
    from kg.graph.project import _schema

    schema = _schema()
    table: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    usable = []
    for p, (dom, rng_) in schema.prop_ends.items():
        ends = []
        for end in (dom, rng_):
            if end is None:
                ends.append(None)
            elif end in schema.core_of:
                ends.append(schema.core_of[end])
            else:
                break  # provenance property (documents, mentions, concepts)
        else:
            usable.append((p, ends[0], ends[1]))
    for i, a in enumerate(CORE_CLASSES):
        for j, b in enumerate(CORE_CLASSES):
            specific = [p for p, d, r in usable if (d, r) != (None, None) and d in (None, a) and r in (None, b)]
            generic = [p for p, d, r in usable if (d, r) == (None, None)]
            table[(i, j)] = (sorted(specific), sorted(generic))
    return table


def _draw_relations(
    cores: np.ndarray, m: int, rng: np.random.Generator, p_in: float
) -> tuple[list[int], list[int], list[str]]:
    """``m`` distinct relations (subject index, object index, property IRI), no self-loops."""
    n = len(cores)
    if n < 2 or m <= 0:
        return [], [], []
    sizes = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(50, 401)))
    block = np.repeat(np.arange(len(sizes)), sizes)[:n]
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    b_start, b_end = bounds[:-1], np.minimum(bounds[1:], n)
    cum = np.cumsum(rng.pareto(1.5, n) + 1.0)
    table = _predicate_table()
    metric = CORE_CLASSES.index("Metric")
    measures = _GOV + "measures"

    out: dict[tuple[int, int, str], None] = {}
    while len(out) < m:
        k = int((m - len(out)) * 1.2) + 16
        s = np.minimum(np.searchsorted(cum, rng.random(k) * cum[-1]), n - 1)
        a, b = b_start[block[s]], b_end[block[s]]
        lo = np.where(a > 0, cum[np.maximum(a - 1, 0)], 0.0)
        inside = np.searchsorted(cum, lo + rng.random(k) * (cum[b - 1] - lo))
        anywhere = np.searchsorted(cum, rng.random(k) * cum[-1])
        o = np.minimum(np.where(rng.random(k) < p_in, inside, anywhere), n - 1)
        u1, u2 = rng.random(k).tolist(), rng.random(k).tolist()
        before = len(out)
        for si, oi, x, y in zip(s.tolist(), o.tolist(), u1, u2):
            if si == oi:
                continue
            cs, co = int(cores[si]), int(cores[oi])
            if co == metric and cs != metric:
                si, oi, cs, co = oi, si, co, cs
            if cs == metric:
                p = measures
            else:
                specific, generic = table[(cs, co)]
                if not specific and table[(co, cs)][0]:  # only the reverse direction has a property
                    si, oi, cs, co = oi, si, co, cs
                    specific, generic = table[(cs, co)]
                pool = specific if specific and x < 0.85 else generic
                p = pool[int(y * len(pool))]
            out.setdefault((si, oi, p))
            if len(out) >= m:
                break
        if len(out) == before:  # the graph cannot hold more distinct relations
            break
    keys = list(out)
    return [k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]
