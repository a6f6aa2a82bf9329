"""The figures of a govkg graph as a tidy table, or as RDF Data Cube observations with QUDT units.

:func:`metrics_frame` gives one row per (metric, measured entity) with the value, unit, years and the
measured entity's label and class, ready for pandas, a chart or CSV. :func:`to_datacube` gives the same
figures as a W3C RDF Data Cube (``qb:DataSet``, ``qb:DataStructureDefinition``, one ``qb:Observation``
per row), so they can be loaded next to official statistics.

The cube's structure. Dimensions: ``gcube:subject`` (the entity measured, ``gov:measures``) and
``gcube:metric`` (the ``gov:Metric`` statement the figure comes from: a text may give two figures for
the same subject, and each is its own observation). Measure: ``sdmx-measure:obsValue`` (the exact
``xsd:decimal`` of ``gov:value``). Attributes: ``sdmx-attribute:unitMeasure`` (the unit or measure
word as written, required), ``qudt:unit`` (when the unit is known to QUDT), ``gcube:unitKind``,
``gcube:year``, ``gcube:sinceYear``, ``gcube:untilYear``, ``gcube:qualifier``, ``gcube:isTarget`` and
``gcube:rawValue``. The component properties are defined in the exported graph itself
(namespace ``https://w3id.org/govkg/cube#``), so the file stands on its own.

Units. The unit kinds come from the grammar's measure words (``gov:unitKind`` in
``ontology/grammar.ttl``). A count (个, 家, 名 ... whatever the measure word) is ``unit:NUM``, a share
``unit:PERCENT`` or ``unit:PERMILLE``; any other unit gets a QUDT unit only when the grammar maps
its concept to one with ``skos:exactMatch``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.namespace import XSD as _XSD

from kg.nlp.lexicon import LEX
from kg.rdf.build import QUDT
from kg.vocab import GOV

if TYPE_CHECKING:
    import pandas
    import pyoxigraph

    from kg.store import Store

__all__ = [
    "CUBE",
    "DATASET",
    "METRIC_COLUMNS",
    "QB",
    "QUDT_BY_KIND",
    "STRUCTURE",
    "metrics_frame",
    "to_datacube",
    "unit_table",
]

log = logging.getLogger(__name__)

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CONCEPT = Namespace("http://purl.org/linked-data/sdmx/2009/concept#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
#: govkg's Data Cube component properties and structure
CUBE = Namespace("https://w3id.org/govkg/cube#")
# plain Namespaces over the canonical IRIs (rdflib's closed namespaces warn on doctest probes)
_GOV = Namespace(str(GOV._NS))
_SKOS = Namespace(str(SKOS))
_DCTERMS = Namespace(str(DCTERMS))
_PROV = Namespace(str(PROV))
_LEX = Namespace(str(LEX))
XSD = Namespace(str(_XSD))

#: the data set :func:`to_datacube` describes unless told otherwise
DATASET = URIRef("https://w3id.org/govkg/id/dataset/metrics")
#: the data structure definition of every govkg metrics cube
STRUCTURE = CUBE.MetricsStructure

#: columns of :func:`metrics_frame`, in order
METRIC_COLUMNS = (
    "metric", "document", "start", "end", "statement", "raw", "value", "unit", "unit_kind", "qualifier",
    "year", "since", "until", "is_target", "subject", "subject_label", "subject_class", "subject_type",
)

#: unit kinds (``gov:unitKind``) that fix the QUDT unit, whatever the measure word
QUDT_BY_KIND: dict[str, URIRef] = {"count": UNIT.NUM, "percent": UNIT.PERCENT, "permille": UNIT.PERMILLE}

_CORE = ("Actor", "Mechanism", "Goal", "Metric", "Challenge", "Event")

#: a metric's end offset: from its span's position selector, or from a compact ``<document#char=start,end>``
_END_QUERY = """
SELECT ?metric ?end WHERE {
  ?metric a gov:Metric ; gov:hasMention ?mention .
  ?mention oa:hasTarget ?target .
  OPTIONAL { ?target oa:hasSelector/oa:end ?spanEnd }
  BIND(COALESCE(?spanEnd, xsd:integer(STRAFTER(STRAFTER(STR(?target), "#char="), ","))) AS ?end)
  FILTER(BOUND(?end))
}"""
_TYPES_QUERY = """
SELECT DISTINCT ?subject ?type WHERE {
  ?metric a gov:Metric ; gov:measures ?subject .
  ?subject a ?type .
  FILTER(STRSTARTS(STR(?type), "https://w3id.org/govkg/ontology#"))
}"""


# ------------------------------------------------------------------------------------------- units


@functools.lru_cache(maxsize=1)
def unit_table() -> dict[str, tuple[str, str | None]]:
    """Unit or measure word -> (its kind, its QUDT unit IRI or None), from ``ontology/grammar.ttl``.

    >>> kind, qudt = unit_table()["%"]
    >>> kind, qudt
    ('percent', 'http://qudt.org/vocab/unit/PERCENT')
    """
    from kg.resources import read_text

    grammar = Graph().parse(data=read_text("grammar.ttl"), format="turtle")
    table: dict[str, tuple[str, str | None]] = {}
    for concept in grammar.subjects(_SKOS.inScheme, _LEX.units):
        kind = str(grammar.value(concept, _GOV.unitKind) or "count")
        qudt = next((str(m) for m in grammar.objects(concept, _SKOS.exactMatch)
                     if str(m).startswith("http://qudt.org/vocab/")), None)
        if qudt is None and kind in QUDT_BY_KIND:
            qudt = str(QUDT_BY_KIND[kind])
        for label in grammar.objects(concept, _SKOS.prefLabel):
            table[str(label)] = (kind, qudt)
    return table


# ----------------------------------------------------------------------------------------- records


def _records(source: Any) -> list[dict[str, Any]]:
    """One dict per (metric, subject) with Python values (``value`` a Decimal), in document order."""
    from kg.query import run_named, run_query

    rows = run_named("metrics", source).records()
    ends = {m: e for m, e in run_query(source, _END_QUERY).rows}
    types: dict[str, list[str]] = defaultdict(list)
    for subject, t in run_query(source, _TYPES_QUERY).rows:
        types[subject].append(t.rsplit("#", 1)[-1])
    units = unit_table()
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()
    for r in rows:
        key = (r["metric"], r["subject"])
        if key in seen:  # a second label or mention of the same pair
            continue
        seen.add(key)
        names = sorted(types.get(r["subject"], ())) if r["subject"] else []
        core = next((n for n in names if n in _CORE), None)
        specific = next((n for n in names if n not in _CORE), core)
        unit = r["unit"]
        out.append({
            "metric": r["metric"], "document": r["document"], "start": r["start"],
            "end": ends.get(r["metric"]),
            "statement": r["statement"], "raw": r["raw"], "value": r["value"], "unit": unit,
            "unit_kind": units.get(unit, (None, None))[0] if unit is not None else None,
            "qualifier": r["qualifier"], "year": r["year"], "since": r["since"], "until": r["until"],
            "is_target": r["isTarget"], "subject": r["subject"], "subject_label": r["subjectLabel"],
            "subject_class": core, "subject_type": specific,
        })
    return out


def metrics_frame(graph_or_store: Store | Graph | pyoxigraph.Store) -> pandas.DataFrame:
    """Every figure of the graph as a tidy table: one row per (metric, measured entity).

    Parameters
    ----------
    graph_or_store
        An rdflib graph, a :mod:`kg.store` store or a ``pyoxigraph.Store`` (queried with
        :func:`kg.query.run_query`).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`METRIC_COLUMNS`: ``value`` as float (万/亿 expanded), ``unit`` as
        written and its ``unit_kind`` (count, percent, currency ...), ``year``/``since``/``until`` as
        nullable integers, ``is_target`` as nullable boolean, the character offsets ``start``/``end`` of
        the figure in its ``document``, and the measured ``subject`` with its Chinese label, core class
        and most specific class. A metric that measures nothing has one row with an empty subject.
        Rows are sorted by document, then offset (figures without one last).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix gov: <https://w3id.org/govkg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:m> a gov:Metric ; gov:value 78000.0 ; gov:unit "家" ; gov:rawValue "7.8万家" ; gov:measures <urn:s> .
    ... <urn:s> a gov:SocialOrganization, gov:Actor ; rdfs:label "社会组织"@zh .
    ... ''')
    >>> df = metrics_frame(g)
    >>> df[["value", "unit", "unit_kind", "subject_label", "subject_class", "subject_type"]].to_dict("records")
    [{'value': 78000.0, 'unit': '家', 'unit_kind': 'count', 'subject_label': '社会组织', 'subject_class': 'Actor', 'subject_type': 'SocialOrganization'}]
    """
    import pandas as pd

    records = _records(graph_or_store)
    columns: dict[str, Any] = {c: [r[c] for r in records] for c in METRIC_COLUMNS}
    columns["value"] = pd.array([None if v is None else float(v) for v in columns["value"]], dtype="Float64")
    for col in ("start", "end", "year", "since", "until"):
        columns[col] = pd.array([None if v is None else int(v) for v in columns[col]], dtype="Int64")
    columns["is_target"] = pd.array([None if v is None else bool(v) for v in columns["is_target"]],
                                    dtype="boolean")
    df = pd.DataFrame(columns, columns=list(METRIC_COLUMNS))
    df = df.sort_values(["document", "start", "metric", "subject_label", "subject"], na_position="last",
                        kind="stable").reset_index(drop=True)
    return df


# -------------------------------------------------------------------------------------- data cube


def to_datacube(graph_or_store: Store | Graph | pyoxigraph.Store, *, dataset: str | URIRef = DATASET,
                label: str = "govkg metrics") -> Graph:
    """The figures of the graph as an RDF Data Cube: data set, structure and one observation per row.

    Parameters
    ----------
    graph_or_store
        As for :func:`metrics_frame`.
    dataset
        IRI of the ``qb:DataSet``.
    label
        Its ``rdfs:label`` (English).

    Returns
    -------
    rdflib.Graph
        The ``qb:DataSet`` (with ``dcterms:source`` its documents), the ``qb:DataStructureDefinition``
        :data:`STRUCTURE` with its component properties, one ``qb:Observation`` per (metric, measured
        entity) at ``<metric>/observation/<hash of the entity>``, and the Chinese labels of the
        measured entities. Metrics that measure nothing have no observation (the subject dimension
        would be missing). No blank nodes: the same data gives the same graph.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix gov: <https://w3id.org/govkg/ontology#> .
    ... <urn:m> a gov:Metric ; gov:value 88.2 ; gov:unit "%" ; gov:measures <urn:s> .
    ... <urn:s> a gov:Role, gov:Actor .
    ... ''')
    >>> cube = to_datacube(g)
    >>> obs = next(cube.subjects(RDF.type, QB.Observation))
    >>> str(cube.value(obs, SDMX_MEASURE.obsValue)), cube.value(obs, QUDT.unit).n3(cube.namespace_manager)
    ('88.2', 'unit:PERCENT')
    """
    ds = URIRef(str(dataset))
    g = Graph()
    for prefix, ns in (("qb", QB), ("sdmx-measure", SDMX_MEASURE), ("sdmx-attribute", SDMX_ATTRIBUTE),
                       ("sdmx-concept", SDMX_CONCEPT), ("qudt", QUDT), ("unit", UNIT), ("gcube", CUBE),
                       ("gov", _GOV), ("dcterms", _DCTERMS), ("prov", _PROV), ("xsd", XSD),
                       ("id", Namespace("https://w3id.org/govkg/id/"))):
        g.bind(prefix, ns, override=True)
    _add_structure(g)
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, QB.structure, STRUCTURE))
    g.add((ds, RDFS.label, Literal(label, lang="en")))

    skipped = 0
    for r in _records(graph_or_store):
        if r["subject"] is None:
            skipped += 1
            continue
        metric, subject = URIRef(r["metric"]), URIRef(r["subject"])
        obs = URIRef(f"{r['metric']}/observation/{hashlib.sha256(r['subject'].encode()).hexdigest()[:8]}")
        g.add((obs, RDF.type, QB.Observation))
        g.add((obs, QB.dataSet, ds))
        g.add((obs, CUBE.subject, subject))
        g.add((obs, CUBE.metric, metric))
        g.add((obs, SDMX_MEASURE.obsValue, _decimal(r["value"])))
        g.add((obs, SDMX_ATTRIBUTE.unitMeasure, Literal(r["unit"])))
        kind, qudt = unit_table().get(r["unit"], (None, None))
        if kind is not None:
            g.add((obs, CUBE.unitKind, Literal(kind)))
        if qudt is not None:
            g.add((obs, QUDT.unit, URIRef(qudt)))
        for prop, col, dtype in ((CUBE.year, "year", XSD.integer), (CUBE.sinceYear, "since", XSD.integer),
                                 (CUBE.untilYear, "until", XSD.integer),
                                 (CUBE.isTarget, "is_target", XSD.boolean)):
            if r[col] is not None:
                g.add((obs, prop, Literal(r[col], datatype=dtype)))
        for prop, col in ((CUBE.qualifier, "qualifier"), (CUBE.rawValue, "raw")):
            if r[col] is not None:
                g.add((obs, prop, Literal(r[col])))
        if r["subject_label"] is not None:
            g.add((subject, RDFS.label, Literal(r["subject_label"], lang="zh")))
            g.add((obs, RDFS.label, Literal(f"{r['subject_label']}: {r['raw'] or r['value']}", lang="zh")))
        if r["document"] is not None:
            g.add((ds, _DCTERMS.source, URIRef(r["document"])))
    if skipped:
        log.info("%d metric(s) measure nothing and have no observation", skipped)
    return g


def _decimal(value: Any) -> Literal:
    """An ``xsd:decimal`` with a fractional digit (``32000.0``), the form Turtle writes and reads back."""
    text = format(value if isinstance(value, Decimal) else Decimal(str(value)), "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def _add_structure(g: Graph) -> None:
    """The data structure definition and its component properties (IRIs only, no blank nodes)."""
    s = STRUCTURE
    g.add((s, RDF.type, QB.DataStructureDefinition))
    g.add((s, RDFS.label, Literal("govkg metrics: figures stated in governance texts", lang="en")))
    g.add((s, RDFS.label, Literal("govkg 数据指标", lang="zh")))
    dims = ((CUBE.subject, "subject", "度量对象", "The entity the figure is about (gov:measures).",
             RDFS.Resource),
            (CUBE.metric, "metric statement", "指标陈述",
             "The gov:Metric the figure comes from (a document and the characters it was read from).",
             _GOV.Metric))
    for order, (prop, en, zh, comment, rng) in enumerate(dims, 1):
        _component(g, prop, "dimension", en, zh, comment, rng, order=order)
    g.add((SDMX_MEASURE.obsValue, RDF.type, QB.MeasureProperty))
    g.add((SDMX_MEASURE.obsValue, QB.concept, SDMX_CONCEPT.obsValue))
    g.add((SDMX_MEASURE.obsValue, RDFS.label, Literal("observation value", lang="en")))
    g.add((SDMX_MEASURE.obsValue, RDFS.range, XSD.decimal))
    _spec(g, "obsValue", QB.measure, SDMX_MEASURE.obsValue, required=True)
    g.add((SDMX_ATTRIBUTE.unitMeasure, RDF.type, QB.AttributeProperty))
    g.add((SDMX_ATTRIBUTE.unitMeasure, QB.concept, SDMX_CONCEPT.unitMeasure))
    g.add((SDMX_ATTRIBUTE.unitMeasure, RDFS.label, Literal("unit of measure", lang="en")))
    _spec(g, "unitMeasure", QB.attribute, SDMX_ATTRIBUTE.unitMeasure, required=True)
    g.add((QUDT.unit, RDF.type, QB.AttributeProperty))
    g.add((QUDT.unit, RDFS.label, Literal("QUDT unit", lang="en")))
    _spec(g, "qudtUnit", QB.attribute, QUDT.unit, required=False)
    attrs = ((CUBE.unitKind, "unit kind", "单位类别",
              "count, percent, currency, area ... (gov:unitKind).", XSD.string),
             (CUBE.year, "year", "年份", "The year the figure refers to (gov:year).", XSD.integer),
             (CUBE.sinceYear, "since year", "起始年份",
              "The first year of a cumulative figure (gov:sinceYear).", XSD.integer),
             (CUBE.untilYear, "until year", "截止年份",
              "The year a target is set for (gov:untilYear).", XSD.integer),
             (CUBE.qualifier, "qualifier", "限定词", "约, 以上, 超过 ... as written (gov:qualifier).", XSD.string),
             (CUBE.isTarget, "is target", "是否目标值",
              "True for a target, false for a stated fact (gov:isTarget).", XSD.boolean),
             (CUBE.rawValue, "value as written", "原文数值",
              "The figure as the text writes it (gov:rawValue).", XSD.string))
    for prop, en, zh, comment, rng in attrs:
        _component(g, prop, "attribute", en, zh, comment, rng)
    g.add((CUBE.year, QB.concept, SDMX_CONCEPT.refPeriod))


def _component(g: Graph, prop: URIRef, kind: str, en: str, zh: str, comment: str, rng: URIRef,
               *, order: int | None = None) -> None:
    cls = QB.DimensionProperty if kind == "dimension" else QB.AttributeProperty
    g.add((prop, RDF.type, cls))
    g.add((prop, RDF.type, RDF.Property))
    g.add((prop, RDFS.label, Literal(en, lang="en")))
    g.add((prop, RDFS.label, Literal(zh, lang="zh")))
    g.add((prop, RDFS.comment, Literal(comment, lang="en")))
    g.add((prop, RDFS.range, rng))
    g.add((prop, RDFS.isDefinedBy, URIRef(str(CUBE))))
    local = str(prop).rsplit("#", 1)[-1]
    spec = _spec(g, local, QB.dimension if kind == "dimension" else QB.attribute, prop,
                 required=kind == "dimension")
    if order is not None:
        g.add((spec, QB.order, Literal(order)))


def _spec(g: Graph, local: str, role: URIRef, prop: URIRef, *, required: bool) -> URIRef:
    spec = CUBE[f"MetricsStructure-{local}"]
    g.add((STRUCTURE, QB.component, spec))
    g.add((spec, RDF.type, QB.ComponentSpecification))
    g.add((spec, role, prop))
    if role == QB.attribute:
        g.add((spec, QB.componentRequired, Literal(required)))
    return spec
