"""Project the RDF graph onto a :class:`networkx.MultiDiGraph` of entities and relations.

The projection reads each predicate it needs once (a predicate-indexed scan of an rdflib ``Graph`` or
a pyoxigraph ``Store``), so a million-triple graph is projected in a few seconds; it never runs one
query per node.

Mentions are read from either provenance shape (``docs/datamodel.md``): a target that is a span with
selectors gives the document, offsets and quote; a compact target ``<document#char=start,end>`` gives
the document and offsets, and the quote is recovered from the mention's ``gov:sentence``: the entity's
name (label, alias, or a metric's raw value) of the right length found there, else the characters the
other mentions of the same sentence place at its offsets; else it is left out (``None``).
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.build import OA
from kg.rdf.iri import parse_char_fragment
from kg.records import CORE_CLASSES
from kg.vocab import GOV

__all__ = ["NODE_KINDS", "edge_labels", "locate_quotes", "to_networkx"]

log = logging.getLogger(__name__)

#: values of the ``kind`` node attribute
NODE_KINDS = ("entity", "provenance", "ontology")

# namespace IRIs as plain strings (the projection compares IRIs as text, for speed)
_GOV = str(GOV._NS)
_RDF, _RDFS, _OWL, _SKOS = str(RDF), str(RDFS), str(OWL), str(SKOS)
_OA, _PROV, _DCTERMS, _XSD = str(OA), str(PROV), str(DCTERMS), str(XSD)

_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_PREF = _SKOS + "prefLabel"
_ALT = _SKOS + "altLabel"

#: metric node attribute <- gov: datatype property
_METRIC_ATTRS = {
    "value": "value", "unit": "unit", "qualifier": "qualifier", "year": "year", "since": "sinceYear",
    "until": "untilYear", "raw": "rawValue", "is_target": "isTarget", "statement": "statement",
}

#: provenance classes kept with ``include_provenance=True``: class IRI -> ``cls`` attribute
_PROV_CLASSES = {
    _GOV + "Document": "Document",
    _GOV + "Mention": "Mention",
    _OA + "SpecificResource": "Span",
    _GOV + "RelationAssertion": "RelationAssertion",
    _GOV + "Extractor": "Extractor",
}
#: predicates linking provenance nodes (to each other or to entities)
_PROV_PREDICATES = (
    _GOV + "hasMention", _GOV + "mentionedIn", _GOV + "evidence", _GOV + "authoredBy",
    _OA + "hasBody", _OA + "hasTarget", _OA + "hasSource",
    _PROV + "wasDerivedFrom", _PROV + "wasAttributedTo", _RDF + "subject", _RDF + "object",
)


def to_networkx(
    rdf_graph: Any,
    *,
    include_provenance: bool = False,
    include_ontology: bool = False,
    lang: str = "zh",
) -> nx.MultiDiGraph:
    """The entities and relations of a govkg RDF graph as a networkx multigraph.

    Parameters
    ----------
    rdf_graph : rdflib.Graph, pyoxigraph.Store or kg.store.Store
        Instance data shaped as in ``docs/datamodel.md`` (the ontology need not be included). A
        store is read as the union of its graphs; an rdflib ``Dataset`` only through its default
        graph unless it was made with ``default_union=True``.
    include_provenance : bool
        Also keep documents, mentions, spans, relation assertions and the extractor as nodes
        (``kind="provenance"``), linked by ``hasMention``, ``hasTarget``, ``evidence`` and so on.
    include_ontology : bool
        Also keep lexicon concepts (``gov:concept``) and ontology classes (``kind="ontology"``),
        linked by ``concept``, ``type`` (to the most specific class) and ``subClassOf``.
    lang : str
        Language of the ``label`` attributes of nodes and edges (falls back to any label).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are keyed by IRI string, with attributes ``iri``, ``kind``, ``cls`` (core class local
        name), ``type`` (most specific class local name), ``label``, ``label_en`` (or ``None``),
        ``aliases`` (list) and ``mentions`` (list of dicts with ``doc``, ``start``, ``end``,
        ``exact``, ``sentence`` and ``offset``, where ``exact`` sits in ``sentence``: see
        :func:`locate_quotes`); metrics also carry ``value``, ``unit``,
        ``qualifier``, ``year``, ``since``, ``until``, ``raw``, ``is_target`` and ``statement``.
        ``aliases`` holds every ``skos:altLabel`` other than the label, whatever its language.
        There is one edge per relation triple, keyed by the property's local name, with attributes
        ``predicate`` (IRI), ``label`` and ``label_en`` (the property's labels in the ontology).
        Nodes and edges are added in sorted order, so the result does not depend on triple order.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix gov: <https://w3id.org/govkg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:a> a gov:GovernmentBody, gov:Actor ; rdfs:label "民政厅"@zh ; gov:implements <urn:m> .
    ... <urn:m> a gov:Platform, gov:Mechanism ; rdfs:label "服务平台"@zh .
    ... ''')
    >>> G = to_networkx(g)
    >>> G.nodes["urn:a"]["cls"], G.nodes["urn:a"]["type"], G.nodes["urn:m"]["label"]
    ('Actor', 'GovernmentBody', '服务平台')
    >>> [(u, v, k, d["label"]) for u, v, k, d in G.edges(keys=True, data=True)]
    [('urn:a', 'urn:m', 'implements', '实施')]
    """
    src = _source(rdf_graph)
    schema = _schema()

    # 1. typed things: entities (gov core classes and subclasses) and, if asked, provenance nodes
    types: dict[str, list[str]] = defaultdict(list)
    prov_nodes: dict[str, str] = {}
    for s, o in src.iri_pairs(_TYPE):
        if o in schema.core_of:
            types[s].append(o)
        elif include_provenance and o in _PROV_CLASSES:
            prov_nodes.setdefault(s, _PROV_CLASSES[o])
    nodes: dict[str, dict[str, Any]] = {}
    for s, classes in types.items():
        best = max(classes, key=lambda c: (schema.depth[c], c))
        nodes[s] = {
            "iri": s, "kind": "entity", "cls": schema.core_of[best], "type": _local(best),
            "label": None, "label_en": None, "aliases": [], "mentions": [],
        }

    # 2. names
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for s, value, lg in src.literal_triples(_LABEL):
        if s in nodes or s in prov_nodes:
            _keep_least(labels[s], lg or "", value)
    pref: dict[str, dict[str, str]] = defaultdict(dict)
    for s, value, lg in src.literal_triples(_PREF):
        if s in nodes:
            _keep_least(pref[s], lg or "", value)
    for s, value, _ in src.literal_triples(_ALT):
        if s in nodes:
            nodes[s]["aliases"].append(value)
    for s, attrs in nodes.items():
        attrs["label"] = (_pick(labels.get(s), lang) or _pick(pref.get(s), lang)
                          or _first(labels.get(s)) or _local(s))
        attrs["label_en"] = _pick(labels.get(s), "en", fallback=False)
        attrs["aliases"] = sorted(set(attrs["aliases"]) - {attrs["label"]})

    # 3. metric values
    for attr, prop in _METRIC_ATTRS.items():
        for s, value, _ in src.literal_triples(_GOV + prop):
            node = nodes.get(s)
            if node is not None and node["cls"] == "Metric":
                _keep_least(node, attr, value)
    for attrs in nodes.values():
        if attrs["cls"] == "Metric":
            for attr in _METRIC_ATTRS:
                attrs.setdefault(attr, None)

    # 4. mentions: entity -hasMention-> mention -hasTarget-> span -hasSelector-> selectors (full provenance)
    #    or mention -hasTarget-> <document#char=start,end> (compact provenance)
    mention_rows = _add_mentions(src, nodes, labels, pref)

    # 5. relations between entities
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for prop in schema.object_properties:
        key = _local(prop)
        lab = schema.prop_labels.get(prop, {})
        for s, o in src.iri_pairs(prop):
            if s in nodes and o in nodes:
                edges.append((s, o, key, {"predicate": prop, "label": _pick(lab, lang) or key,
                                          "label_en": _pick(lab, "en", fallback=False)}))

    if include_provenance:
        _add_provenance(src, schema, nodes, prov_nodes, labels, edges, lang, mention_rows)
    if include_ontology:
        _add_ontology(src, schema, nodes, types, edges, lang)

    G = nx.MultiDiGraph()
    G.add_nodes_from((n, nodes[n]) for n in sorted(nodes))
    edges.sort(key=lambda e: (e[0], e[2], e[1]))
    G.add_edges_from(edges)
    log.info("projected %d nodes and %d edges", G.number_of_nodes(), G.number_of_edges())
    return G


def edge_labels(lang: str = "zh") -> dict[str, str]:
    """Labels of the ontology's object properties in ``lang``, by local name.

    >>> edge_labels()["issues"], edge_labels("en")["issues"]
    ('出台', 'issues')
    """
    schema = _schema()
    return {_local(p): _pick(schema.prop_labels.get(p, {}), lang) or _local(p)
            for p in schema.object_properties}


# --------------------------------------------------------------------------------------------------
# private helpers


@dataclass(frozen=True)
class _Schema:
    core_of: dict[str, str]  # gov class IRI -> core class local name
    depth: dict[str, int]  # gov class IRI -> distance below its core class
    parents: dict[str, tuple[str, ...]]  # gov class IRI -> direct gov superclasses
    object_properties: tuple[str, ...]  # gov object property IRIs, sorted
    prop_labels: dict[str, dict[str, str]]  # property IRI -> lang -> label
    class_labels: dict[str, dict[str, str]]  # class IRI -> lang -> label
    prop_ends: dict[str, tuple[str | None, str | None]]  # property IRI -> (domain, range) IRIs


@functools.lru_cache(maxsize=1)
def _schema() -> _Schema:
    from rdflib import OWL, RDF, RDFS, Literal

    from kg.resources import load_ontology

    onto = load_ontology()
    classes = {str(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(_GOV)}
    parents = {c: tuple(sorted(str(p) for p in onto.objects(_uri(c), RDFS.subClassOf)
                               if str(p) in classes)) for c in classes}
    core_of: dict[str, str] = {}
    depth: dict[str, int] = {}
    for c in classes:
        frontier, d, seen = [c], 0, set()
        while frontier:
            hit = sorted(_local(x) for x in frontier if _local(x) in CORE_CLASSES)
            if hit:
                core_of[c], depth[c] = hit[0], d
                break
            seen.update(frontier)
            frontier = [p for x in frontier for p in parents[x] if p not in seen]
            d += 1

    def labels_of(term: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for lit in onto.objects(_uri(term), RDFS.label):
            if isinstance(lit, Literal):
                out.setdefault(lit.language or "", str(lit))
        return out

    props = sorted(str(p) for p in onto.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(_GOV))
    return _Schema(
        core_of=core_of,
        depth=depth,
        parents=parents,
        object_properties=tuple(props),
        prop_labels={p: labels_of(p) for p in props},
        class_labels={c: labels_of(c) for c in classes},
        prop_ends={p: (_one(onto.objects(_uri(p), RDFS.domain)), _one(onto.objects(_uri(p), RDFS.range)))
                   for p in props},
    )


def _one(terms: Any) -> str | None:
    found = sorted(str(t) for t in terms)
    return found[0] if found else None


def _uri(s: str) -> Any:
    from rdflib import URIRef

    return URIRef(s)


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def _pick(by_lang: dict[str, str] | None, lang: str, *, fallback: bool = False) -> str | None:
    """The label in ``lang`` (or a regional variant such as zh-cn); with ``fallback`` any label."""
    if not by_lang:
        return None
    if lang in by_lang:
        return by_lang[lang]
    for lg in sorted(by_lang):
        if lg.split("-")[0] == lang:
            return by_lang[lg]
    return _first(by_lang) if fallback else None


def _keep_least(d: dict, key: Any, value: Any) -> None:
    """``d[key] = value`` unless ``d`` holds a smaller value: the same pick whatever the triple order."""
    cur = d.get(key)
    try:
        if cur is None or value < cur:
            d[key] = value
    except TypeError:  # values of different types: keep the first
        pass


def _first(by_lang: dict[str, str] | None) -> str | None:
    if not by_lang:
        return None
    return by_lang[min(by_lang)]


def _add_mentions(src: _Source, nodes: dict[str, dict[str, Any]], labels: dict[str, dict[str, str]],
                  pref: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """Give every entity its ``mentions`` rows; returns the rows by mention IRI."""
    owner: dict[str, list[str]] = defaultdict(list)
    for s, m in src.iri_pairs(_GOV + "hasMention"):
        if s in nodes:
            owner[m].append(s)
    if not owner:
        return {}
    target = {m: t for m, t in src.iri_pairs(_OA + "hasTarget") if m in owner}
    spans = set(target.values())
    source = {t: d for t, d in src.iri_pairs(_OA + "hasSource") if t in spans}
    selectors: dict[str, list[str]] = defaultdict(list)
    for t, sel in src.iri_pairs(_OA + "hasSelector"):
        if t in spans:
            selectors[sel].append(t)
    fields: dict[str, dict[str, Any]] = defaultdict(dict)  # span -> field -> value
    for name in ("start", "end", "exact"):
        for sel, value, _ in src.literal_triples(_OA + name):
            for t in selectors.get(sel, ()):
                fields[t][name] = value
    sentence = {m: value for m, value, _ in src.literal_triples(_GOV + "sentence") if m in owner}
    titles: dict[str, str] = {}
    for d, value, _ in src.literal_triples(_DCTERMS + "title"):
        _keep_least(titles, d, value)
    rows: dict[str, dict[str, Any]] = {}
    compact: list[str] = []
    for m in owner:
        t = target.get(m)
        f = fields.get(t, {}) if t is not None else {}
        doc = source.get(t) if t is not None else None
        if t is not None and doc is None and (where := parse_char_fragment(t)) is not None:
            doc, f = t.split("#", 1)[0], {"start": where[0], "end": where[1]}
            compact.append(m)
        rows[m] = {
            "doc": doc, "start": f.get("start"), "end": f.get("end"), "exact": f.get("exact"),
            "sentence": sentence.get(m), "title": titles.get(doc) if doc is not None else None,
        }
    if compact:
        _recover_quotes(rows, compact, owner, nodes, labels, pref)
    else:
        locate_quotes(rows.values())
    for m, entities in owner.items():
        for e in entities:
            nodes[e]["mentions"].append(dict(rows[m]))
    for attrs in nodes.values():
        if len(attrs["mentions"]) > 1:
            attrs["mentions"].sort(key=lambda r: (r["doc"] or "", r["start"] or 0, r["end"] or 0))
    return rows


def _recover_quotes(rows: dict[str, dict[str, Any]], compact: list[str], owner: dict[str, list[str]],
                    nodes: dict[str, dict[str, Any]], labels: dict[str, dict[str, str]],
                    pref: dict[str, dict[str, str]]) -> None:
    """The quotes of compact mentions (which the graph does not state), then every row's ``offset``.

    First the names of the mention's entity (labels, preferred labels, aliases, a metric's raw value)
    that are as long as the target and occur in the sentence: one such name is the quote. Then, for
    the mentions still without one, the sentence's offset in the document that the located mentions of
    the same sentence agree on gives the quote as the sentence's characters at the target's offsets.
    """
    for m in compact:
        r = rows[m]
        start, end, sent = r["start"], r["end"], r["sentence"]
        names: set[str] = set()
        for e in owner[m]:
            node = nodes[e]
            names.update(labels.get(e, {}).values())
            names.update(pref.get(e, {}).values())
            names.update(node["aliases"])
            names.add(node["label"])
            if isinstance(node.get("raw"), str):
                names.add(node["raw"])
        fits = {n for n in names if isinstance(n, str) and len(n) == end - start
                and (not isinstance(sent, str) or n in sent)}
        if len(fits) == 1:
            r["exact"] = fits.pop()
    locate_quotes(rows.values())
    votes: dict[tuple[Any, str], Counter[int]] = defaultdict(Counter)
    for r in rows.values():
        if r["offset"] is not None and isinstance(r["start"], int):
            votes[(r["doc"], r["sentence"])][r["start"] - r["offset"]] += 1
    for m in compact:
        r = rows[m]
        sent, ballot = r["sentence"], votes.get((r["doc"], r["sentence"]))
        if r["exact"] is not None or not ballot or not isinstance(sent, str):
            continue
        at = max(ballot, key=lambda s: (ballot[s], -s))  # the sentence's offset most mentions agree on
        i, n = r["start"] - at, r["end"] - r["start"]
        if 0 <= i and i + n <= len(sent) and n > 0:
            r["exact"], r["offset"] = sent[i:i + n], i


def locate_quotes(rows: Iterable[dict[str, Any]]) -> None:
    """Set each mention row's ``offset``: where its ``exact`` sits in its ``sentence`` (None if absent).

    ``gov:sentence`` is a substring of the document, so the quote sits at ``start - s`` in it, where
    ``s`` is the sentence's own offset in the document, which the graph does not state. A quote that
    occurs once in its sentence gives ``s``; so each mention takes, among the occurrences of its quote,
    the one whose implied sentence offset most mentions of the same sentence (same document, same text)
    agree with, and the first occurrence on a tie. The result is exact whenever the sentence holds some
    quote that occurs in it once (and no other copy of the sentence lies where that copy would put it);
    otherwise, as when a sentence cut around its mention holds only that one, it is the first occurrence.

    >>> rows = [{"doc": "d", "sentence": "市委和区委，市委", "exact": "市委", "start": 106},
    ...         {"doc": "d", "sentence": "市委和区委，市委", "exact": "区委", "start": 103}]
    >>> locate_quotes(rows); [r["offset"] for r in rows]
    [6, 3]
    """
    groups: dict[tuple[Any, str], list[tuple[dict[str, Any], list[int]]]] = defaultdict(list)
    for r in rows:
        r["offset"] = None
        sentence, exact = r.get("sentence"), r.get("exact")
        if not isinstance(sentence, str) or not isinstance(exact, str) or not exact:
            continue
        hits, i = [], sentence.find(exact)
        while i >= 0:
            hits.append(i)
            i = sentence.find(exact, i + 1)
        if len(hits) == 1 or (hits and not isinstance(r.get("start"), int)):
            r["offset"] = hits[0]
        if hits:
            groups[(r.get("doc"), sentence)].append((r, hits))
    for members in groups.values():
        if all(r["offset"] is not None for r, _ in members):
            continue
        votes: Counter[int] = Counter()
        voted: set[tuple[int, str]] = set()
        for r, hits in members:
            start = r.get("start")
            if isinstance(start, int) and (start, r["exact"]) not in voted:  # one vote per span
                voted.add((start, r["exact"]))
                votes.update(start - i for i in hits)
        for r, hits in members:
            if r["offset"] is None:
                start = r["start"]
                r["offset"] = max(hits, key=lambda i: (votes[start - i], -i))


def _add_provenance(
    src: _Source, schema: _Schema, nodes: dict[str, dict[str, Any]], prov_nodes: dict[str, str],
    labels: dict[str, dict[str, str]], edges: list, lang: str, mention_rows: dict[str, dict[str, Any]],
) -> None:
    names: dict[str, str] = {}
    for s, value, _ in src.literal_triples(_DCTERMS + "title"):
        if s in prov_nodes:
            _keep_least(names, s, value)
    quote: dict[str, str] = {}
    for s, value, _ in src.literal_triples(_OA + "exact"):
        quote[s.split("#", 1)[0]] = value  # the span of a #quote selector
    for m, t in src.iri_pairs(_OA + "hasTarget"):
        if m in prov_nodes and t in quote:
            quote.setdefault(m, quote[t])  # a mention is named by the quote of its span
    for m, row in mention_rows.items():
        if m in prov_nodes and isinstance(row.get("exact"), str):
            quote.setdefault(m, row["exact"])  # compact provenance: the recovered quote
    for s, cls in prov_nodes.items():
        label = (names.get(s) or _pick(labels.get(s), lang) or _first(labels.get(s))
                 or quote.get(s) or _local(s))
        nodes[s] = {"iri": s, "kind": "provenance", "cls": cls, "type": cls, "label": label,
                    "label_en": None, "aliases": [], "mentions": []}
    for prop in _PROV_PREDICATES:
        key = _local(prop)
        lab = schema.prop_labels.get(prop, {})
        for s, o in src.iri_pairs(prop):
            if s in nodes and o in nodes and (s in prov_nodes or o in prov_nodes):
                edges.append((s, o, key, {"predicate": prop, "label": _pick(lab, lang) or key,
                                          "label_en": _pick(lab, "en") or key}))


def _add_ontology(
    src: _Source, schema: _Schema, nodes: dict[str, dict[str, Any]], types: dict[str, list[str]],
    edges: list, lang: str,
) -> None:
    concept_edges = [(s, o) for s, o in src.iri_pairs(_GOV + "concept") if s in nodes]
    concepts = {o for _, o in concept_edges}
    clabels: dict[str, dict[str, str]] = defaultdict(dict)
    for prop in (_PREF, _LABEL):
        for s, value, lg in src.literal_triples(prop):
            if s in concepts:
                clabels[s].setdefault(lg or "", value)
    for c in concepts:
        nodes.setdefault(c, {"iri": c, "kind": "ontology", "cls": "Concept", "type": "Concept",
                             "label": _pick(clabels.get(c), lang, fallback=True) or _local(c),
                             "label_en": _pick(clabels.get(c), "en"), "aliases": [], "mentions": []})
    lab = schema.prop_labels.get(_GOV + "concept", {})
    for s, o in concept_edges:
        edges.append((s, o, "concept", {"predicate": _GOV + "concept", "label": _pick(lab, lang) or "concept",
                                        "label_en": _pick(lab, "en")}))
    used: set[str] = set()
    for s, classes in types.items():
        best = max(classes, key=lambda c: (schema.depth[c], c))
        used.add(best)
        edges.append((s, best, "type", {"predicate": _TYPE, "label": "type", "label_en": "type"}))
    # the used classes and all their gov superclasses
    frontier = list(used)
    while frontier:
        c = frontier.pop()
        for p in schema.parents.get(c, ()):
            if p not in used:
                used.add(p)
                frontier.append(p)
    for c in used:
        cl = schema.class_labels.get(c, {})
        nodes.setdefault(c, {"iri": c, "kind": "ontology", "cls": "Class", "type": "Class",
                             "label": _pick(cl, lang, fallback=True) or _local(c),
                             "label_en": _pick(cl, "en"), "aliases": [], "mentions": []})
        for p in schema.parents.get(c, ()):
            edges.append((c, p, "subClassOf", {"predicate": _RDFS + "subClassOf", "label": "subClassOf",
                                               "label_en": "subClassOf"}))


# --------------------------------------------------------------------------------------------------
# reading triples from rdflib or pyoxigraph, as plain Python values


class _Source:
    """Predicate-indexed reads returning IRIs as ``str`` and literals as Python values."""

    def iri_pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        raise NotImplementedError

    def literal_triples(self, predicate: str) -> Iterator[tuple[str, Any, str | None]]:
        raise NotImplementedError


class _RdflibSource(_Source):
    def __init__(self, graph: Any) -> None:
        self.g = graph

    def iri_pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        from rdflib import URIRef

        for s, o in self.g.subject_objects(URIRef(predicate)):
            if isinstance(o, URIRef):
                yield str(s), str(o)

    def literal_triples(self, predicate: str) -> Iterator[tuple[str, Any, str | None]]:
        from rdflib import Literal, URIRef

        for s, o in self.g.subject_objects(URIRef(predicate)):
            if isinstance(o, Literal):
                yield str(s), _convert(str(o), str(o.datatype) if o.datatype else None), o.language


class _OxigraphSource(_Source):
    def __init__(self, store: Any) -> None:
        self.store = store

    def _pairs(self, predicate: str) -> Iterator[tuple[Any, Any]]:
        import pyoxigraph as ox

        for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            yield q.subject, q.object

    def iri_pairs(self, predicate: str) -> Iterator[tuple[str, str]]:
        import pyoxigraph as ox

        seen: set[tuple[str, str]] = set()
        for s, o in self._pairs(predicate):
            if isinstance(o, ox.NamedNode) and isinstance(s, ox.NamedNode):
                pair = (s.value, o.value)
                if pair not in seen:  # the same triple may sit in several named graphs
                    seen.add(pair)
                    yield pair

    def literal_triples(self, predicate: str) -> Iterator[tuple[str, Any, str | None]]:
        import pyoxigraph as ox

        for s, o in self._pairs(predicate):
            if isinstance(o, ox.Literal) and isinstance(s, ox.NamedNode):
                yield s.value, _convert(o.value, o.datatype.value if o.datatype else None), o.language


def _source(obj: Any) -> _Source:
    if hasattr(obj, "quads_for_pattern"):
        return _OxigraphSource(obj)
    if callable(getattr(obj, "engine", None)):  # a kg.store Store: read its pyoxigraph engine
        return _OxigraphSource(obj.engine())
    if hasattr(obj, "subject_objects"):
        return _RdflibSource(obj)
    raise TypeError(f"expected an rdflib Graph or a pyoxigraph Store, got {type(obj).__name__}")


_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                                "gYear")}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}


def _convert(lexical: str, datatype: str | None) -> Any:
    """A literal's Python value: int, float or bool for numeric and boolean types, else the string."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _FLOATS:
            return float(lexical)
    except ValueError:
        return lexical
    if datatype == _XSD + "boolean":
        return lexical.strip() in ("true", "1")
    return lexical
