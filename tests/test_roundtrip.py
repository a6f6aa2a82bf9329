"""Nothing is lost: between serialisations, between the store and rdflib, and between spaCy and RDF.

* Turtle, JSON-LD (with the govkg context) and N-Triples written by :mod:`kg.rdf.serialize` parse back
  to graphs isomorphic to the original (byte-identical canonical N-Triples, as govkg makes no blank
  nodes), also chained (Turtle -> JSON-LD -> N-Triples -> Turtle).
* Through an in-memory Oxigraph store every triple comes back, but typed numbers only by value:
  Oxigraph normalises literals on load (xsd:nonNegativeInteger -> xsd:integer, "78000.0" -> "78000").
* Every literal survives every format, whatever its characters (hypothesis).
* Every span the pipeline puts in ``doc.spans["entities"]``/``["nested"]`` becomes a ``gov:Mention`` (spans
  of the author attribution line are replaced by the metadata's mentions), and every mention of every
  merged entity and metric of :func:`kg.extract.extract` is a ``gov:Mention`` with the right body.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.rdf import iri
from kg.rdf.serialize import canonical_ntriples, to_jsonld, to_turtle
from kg.vocab import GOV

OA = Namespace("http://www.w3.org/ns/oa#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module attributes
KEPT_CORES = ("Actor", "Mechanism", "Goal", "Challenge", "Event")  # what kg.extract keeps as entities


@pytest.fixture(scope="module")
def sample():
    """The bundled sample: its Document, the pipeline, its Extraction and its graph."""
    from kg.extract import extract
    from kg.nlp.pipeline import default_nlp
    from kg.pipeline import graph_of, sample_document

    doc = sample_document()
    nlp = default_nlp()
    ex = extract(doc, nlp)
    return doc, nlp, ex, graph_of([ex])


def _parse(data: str | bytes, fmt: str) -> Graph:
    return Graph().parse(data=data, format=fmt)


def _same(a: Graph, b: Graph) -> None:
    assert len(a) == len(b)
    assert isomorphic(a, b)
    assert canonical_ntriples(a) == canonical_ntriples(b)


# -- serialisations ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_each_format_round_trips(sample, fmt: str) -> None:
    g = sample[3]
    text = {"turtle": to_turtle, "json-ld": to_jsonld, "nt": lambda x: x.serialize(format="nt")}[fmt](g)
    _same(g, _parse(text, fmt))


def test_chained_formats_round_trip(sample) -> None:
    g = sample[3]
    via_jsonld = _parse(to_jsonld(_parse(to_turtle(g), "turtle")), "json-ld")
    via_nt = _parse(via_jsonld.serialize(format="nt"), "nt")
    _same(g, _parse(to_turtle(via_nt), "turtle"))


_INTEGER_TYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
                  XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


def _by_value(g: Graph) -> set:
    """Triples with typed numbers compared by value, as Oxigraph stores them (see below)."""
    def norm(t):
        if isinstance(t, Literal) and t.datatype in _INTEGER_TYPES:
            return ("integer", int(t))
        if isinstance(t, Literal) and t.datatype == XSD.decimal:
            return ("decimal", Decimal(str(t)))
        return t

    return {tuple(norm(x) for x in t) for t in g}


def _through_oxigraph(g: Graph, fmt: str) -> Graph:
    store = ox.Store()
    store.load(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == len(g)
    dumped = store.dump(format=getattr(ox.RdfFormat, fmt), from_graph=ox.DefaultGraph())
    return _parse(dumped, {"TURTLE": "turtle", "N_TRIPLES": "nt", "JSON_LD": "json-ld"}[fmt])


@pytest.mark.parametrize("fmt", ["TURTLE", "N_TRIPLES", "JSON_LD"])
def test_oxigraph_store_round_trips_every_value(sample, fmt: str) -> None:
    """rdflib -> N-Triples -> an in-memory pyoxigraph Store -> dump -> rdflib: the same triples, with
    numbers compared by value (Oxigraph normalises typed literals on load, oxigraph issue #526)."""
    g = sample[3]
    back = _through_oxigraph(g, fmt)
    assert len(back) == len(g)
    assert _by_value(back) == _by_value(g)
    for text, f in ((to_turtle(g), ox.RdfFormat.TURTLE), (to_jsonld(g), ox.RdfFormat.JSON_LD)):
        other = ox.Store()  # the files govkg writes load into Oxigraph as they are
        other.load(text.encode("utf-8"), format=f)
        assert len(other) == len(g)


def test_oxigraph_changes_only_the_form_of_typed_numbers(sample) -> None:
    """What is *not* lossless through Oxigraph, pinned so that a change shows: oa:start/oa:end lose
    xsd:nonNegativeInteger (stored as xsd:integer, which the SHACL shapes accept too) and
    xsd:decimal values lose rdflib's trailing ".0". Everything else is byte for byte."""
    g = sample[3]
    back = _through_oxigraph(g, "N_TRIPLES")
    changed = set(g) - set(back)
    assert {p for _, p, _ in changed} <= {OA.start, OA.end, GOV.value}
    assert {o.datatype for _, p, o in changed if p in (OA.start, OA.end)} == {XSD.nonNegativeInteger}
    assert {o.datatype for _, p, o in set(back) - set(g) if p in (OA.start, OA.end)} == {XSD.integer}
    assert all(str(o).endswith(".0") for _, p, o in changed if p == GOV.value)


def test_a_graph_dumped_from_a_store_meets_the_shapes(sample) -> None:
    """build -> Oxigraph -> dump -> SHACL: the offsets come back as xsd:integer and still conform; a
    negative offset of either datatype does not."""
    from kg.rdf.validate import validate

    g = sample[3]
    assert validate(g).conforms
    back = _through_oxigraph(g, "N_TRIPLES")
    assert {o.datatype for o in back.objects(None, OA.start)} == {XSD.integer}
    report = validate(back)
    assert report.conforms, report.text
    pos = next(back.subjects(OA.start, None))
    for datatype in (XSD.integer, XSD.nonNegativeInteger):
        bad = Graph()
        for t in back:
            bad.add(t)
        bad.set((pos, OA.start, Literal("-1", datatype=datatype)))
        report = validate(bad)
        assert not report.conforms and {v.focus for v in report.violations} == {str(pos)}


# every character but surrogates (which govkg replaces on input) and a few XML-only restrictions
_CHARS = st.characters(codec="utf-8")
_TEXT = st.text(_CHARS, max_size=40) | st.sampled_from(
    ["", " ", "\n", "\r\n", "\t", '"', "\\", "'''", '"""', "\x00", "\x01\x1f\x7f", "\u2028\u2029", "\ufeff",
     "\ufffd", "𠀀", "😀", "\u202e", "a\\u0041", "<script>", "@base", "#", "_:b0", "\\n", "%0A"])


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(_TEXT, min_size=1, max_size=4), lang=st.sampled_from([None, "zh", "en"]))
def test_any_literal_survives_every_format(values: list[str], lang: str | None) -> None:
    g = Graph()
    for i, v in enumerate(values):
        s = URIRef(f"https://w3id.org/govkg/id/doc/0/span/{i}-{i + 1}#quote")
        g.add((s, OA.exact, Literal(v, lang=lang)))
        g.add((s, GOV.charCount, Literal(len(v), datatype=XSD.integer)))
    _same(g, _parse(to_turtle(g), "turtle"))
    _same(g, _parse(to_jsonld(g), "json-ld"))
    _same(g, _parse(g.serialize(format="nt"), "nt"))
    store = ox.Store()
    store.load(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    _same(g, _parse(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), "nt"))


# -- spaCy Doc -> records -> graph: no mention lost --------------------------------------------------------

def _mention_targets(g: Graph) -> set[tuple[URIRef, int, int]]:
    out = set()
    for m in g.subjects(RDF.type, GOV.Mention):
        body, target = g.value(m, OA.hasBody), g.value(m, OA.hasTarget)
        pos = next(s for s in g.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g)
        out.add((body, int(g.value(pos, OA.start)), int(g.value(pos, OA.end))))
    return out


def test_every_mention_of_every_entity_and_metric_is_in_the_graph(sample) -> None:
    doc, _, ex, g = sample
    expected = {(iri.entity_iri(*e.key), m.span.start, m.span.end) for e in ex.entities for m in e.mentions}
    expected |= {(iri.metric_iri(doc.id, q.span.start, q.span.end), q.span.start, q.span.end)
                 for q in ex.quantities}
    merged = [e for e in ex.entities if len({(m.span.start, m.span.end) for m in e.mentions}) > 1]
    assert len(merged) > 10  # the sample has entities merged from several mentions
    got = _mention_targets(g)
    assert got == expected
    assert len(set(g.subjects(RDF.type, GOV.Mention))) == len(expected)
    for e in merged:
        node = iri.entity_iri(*e.key)
        assert len(set(g.objects(node, GOV.hasMention))) == len({(m.span.start, m.span.end) for m in e.mentions})


def test_every_span_of_the_spacy_doc_becomes_a_mention(sample) -> None:
    from kg.extract import run_pipeline
    from kg.nlp.lexicon import core_class

    doc, nlp, _, g = sample
    targets = {(s, e) for _, s, e in _mention_targets(g)}
    author = doc.meta.author
    assert author
    line = doc.text.index(author)  # the attribution "(author, 作者为 role)" is metadata, re-read from there
    opening = max(doc.text.rfind(b, 0, line) for b in "(（")
    closing = min(i for i in (doc.text.find(b, line) for b in ")）") if i >= 0)
    attribution = (opening, closing + 1)
    assert "作者" in doc.text[opening:closing]
    spans, lost = 0, []
    for off, d in run_pipeline(nlp, doc.norm):
        for group in ("entities", "nested"):
            for s in d.spans.get(group, []):
                if core_class(s.label_) not in KEPT_CORES:
                    continue
                start, end = doc.to_original(off + s.start_char, off + s.end_char)
                spans += 1
                if (start, end) not in targets and not attribution[0] <= start < attribution[1]:
                    lost.append((group, s.label_, doc.text[start:end], start, end))
    assert spans > 100
    assert lost == []
