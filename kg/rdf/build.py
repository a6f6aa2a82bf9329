"""Records -> rdflib graph.

The instance data follows ``ontology/govkg.ttl``; see ``docs/datamodel.md`` for a worked example.
Every entity is typed with its most specific class *and* its core class (so ``?x a gov:Actor`` works
without reasoning), named with ``rdfs:label``/``skos:prefLabel``/``skos:altLabel`` in Chinese (and
English only when the lexicon gives it), and linked to each span that mentions it through a
``gov:Mention`` (an ``oa:Annotation``) whose target carries an ``oa:TextPositionSelector`` and an
``oa:TextQuoteSelector``. Relations are direct triples plus a ``gov:RelationAssertion`` that records
the sentence stating them. Nothing here knows about spaCy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

from kg import __version__
from kg.rdf import iri
from kg.records import Document, Entity, Extraction, Quantity, Relation, Span
from kg.vocab import GOV

__all__ = ["OA", "QUDT", "ORG", "decimal_literal", "bind_prefixes", "build_graph", "add_extraction", "CONTEXT_WINDOW"]

log = logging.getLogger(__name__)

OA = Namespace("http://www.w3.org/ns/oa#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace(iri.BASE)

#: characters of context kept as oa:prefix / oa:suffix of a quote selector
CONTEXT_WINDOW = 24
#: longest gov:sentence kept on a mention (longer sentences are cut around the mention)
SENTENCE_WINDOW = 240
_NO_EN = "No English label: the term is not in the govkg lexicon, and none is invented."


def decimal_literal(value: float) -> Literal:
    """An xsd:decimal in canonical lexical form (78000.0, 88.2), identical in every serialisation.

    >>> str(decimal_literal(78000)), str(decimal_literal(2.6e8)), str(decimal_literal(88.2))
    ('78000.0', '260000000.0', '88.2')
    """
    d = Decimal(repr(float(value))).normalize()
    lex = format(d, "f")
    if "." not in lex:
        lex += ".0"
    return Literal(lex, datatype=XSD.decimal, normalize=False)


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in (("gov", GOV._NS), ("id", ID), ("oa", OA), ("prov", PROV), ("skos", SKOS),
                       ("dcterms", DCTERMS), ("org", ORG), ("qudt", QUDT), ("foaf", FOAF),
                       ("owl", OWL), ("xsd", XSD)):
        g.bind(prefix, ns, override=True)
    return g


def build_graph(extractions: Iterable[Extraction], *, graph: Graph | None = None) -> Graph:
    """Build one graph from the extractions of one or more documents."""
    g = bind_prefixes(graph if graph is not None else Graph())
    for ex in extractions:
        add_extraction(g, ex)
    return g


def add_extraction(g: Graph, ex: Extraction) -> Graph:
    """Add one document's entities, relations and metrics (with provenance) to ``g``."""
    doc = ex.document
    d = _add_document(g, doc)
    by_key = {e.key: iri.entity_iri(*e.key) for e in ex.entities}
    for e in ex.entities:
        _add_entity(g, doc, d, e, by_key[e.key])
    for r in ex.relations:
        if r.subject in by_key and r.object in by_key:
            _add_relation(g, doc, by_key[r.subject], GOV[r.predicate], by_key[r.object], r)
        else:
            log.debug("relation with unknown end dropped: %s", r)
    for q in ex.quantities:
        _add_metric(g, doc, d, q, by_key)
    return g


def _add_document(g: Graph, doc: Document) -> URIRef:
    d = iri.document_iri(doc.id)
    m = doc.meta
    g.add((d, RDF.type, GOV.Document))
    g.add((d, GOV.sha256, Literal(doc.sha256)))
    g.add((d, GOV.charCount, Literal(len(doc.text), datatype=XSD.integer)))
    g.add((d, DCTERMS.language, Literal(m.language)))
    if m.title:
        g.add((d, DCTERMS.title, Literal(m.title, lang="zh")))
    if m.author:
        g.add((d, DCTERMS.creator, Literal(m.author, lang="zh")))
    if m.issuer:
        g.add((d, DCTERMS.publisher, Literal(m.issuer, lang="zh")))
    if m.date:
        g.add((d, DCTERMS.date, Literal(m.date)))
    if m.document_number:
        g.add((d, GOV.documentNumber, Literal(m.document_number)))
    if m.jurisdiction:
        g.add((d, GOV.jurisdiction, Literal(m.jurisdiction)))
    if m.source:
        g.add((d, DCTERMS.source, Literal(m.source)))
    agent = iri.extractor_iri(__version__)
    g.add((agent, RDF.type, GOV.Extractor))
    g.add((agent, RDFS.label, Literal(f"govkg {__version__}")))
    return d


def _add_span(g: Graph, doc: Document, span: Span) -> URIRef:
    """The oa:SpecificResource of a span, with its position and quote selectors (idempotent)."""
    t = iri.span_iri(doc.id, span.start, span.end)
    if (t, RDF.type, OA.SpecificResource) in g:
        return t
    pos, quote = URIRef(f"{t}#pos"), URIRef(f"{t}#quote")
    g.add((t, RDF.type, OA.SpecificResource))
    g.add((t, OA.hasSource, iri.document_iri(doc.id)))
    g.add((t, OA.hasSelector, pos))
    g.add((t, OA.hasSelector, quote))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(span.quote)))
    pre = doc.text[max(0, span.start - CONTEXT_WINDOW):span.start]
    suf = doc.text[span.end:span.end + CONTEXT_WINDOW]
    if pre:
        g.add((quote, OA.prefix, Literal(pre)))
    if suf:
        g.add((quote, OA.suffix, Literal(suf)))
    return t


def _add_entity(g: Graph, doc: Document, d: URIRef, e: Entity, node: URIRef) -> None:
    g.add((node, RDF.type, GOV[e.cls]))
    if e.cls != e.core:
        g.add((node, RDF.type, GOV[e.core]))
    g.add((node, RDFS.label, Literal(e.label, lang="zh")))
    g.add((node, SKOS.prefLabel, Literal(e.label, lang="zh")))
    for a in e.aliases:
        if a != e.label:
            g.add((node, SKOS.altLabel, Literal(a, lang="zh")))
    if e.label_en:
        g.add((node, RDFS.label, Literal(e.label_en, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(e.label_en, lang="en")))
    elif (node, SKOS.editorialNote, None) not in g:
        g.add((node, SKOS.editorialNote, Literal(_NO_EN, lang="en")))
    if e.concept:
        g.add((node, GOV.concept, URIRef(e.concept)))
    g.add((node, GOV.mentionedIn, d))
    agent = iri.extractor_iri(__version__)
    g.add((node, PROV.wasAttributedTo, agent))
    for m in e.mentions:
        _add_mention(g, doc, node, m.span, m.sentence)


def _add_mention(g: Graph, doc: Document, node: URIRef, span: Span, sentence: Span | None) -> None:
    mi = iri.mention_iri(doc.id, span.start, span.end, node)
    g.add((mi, RDF.type, GOV.Mention))
    g.add((mi, RDF.type, OA.Annotation))
    g.add((mi, OA.hasBody, node))
    g.add((mi, OA.hasTarget, _add_span(g, doc, span)))
    g.add((mi, OA.motivatedBy, OA.identifying))
    if sentence is not None:
        g.add((mi, GOV.sentence, Literal(sentence_window(doc.text, sentence, span))))
    g.add((node, GOV.hasMention, mi))


def sentence_window(text: str, sentence: Span, span: Span, *, max_chars: int = SENTENCE_WINDOW) -> str:
    """The sentence around a mention, cut to ``max_chars`` around it when longer, so that a text
    without punctuation does not put a copy of itself on every mention. Always a substring of the text.

    >>> from kg.records import Span
    >>> t = "甲" * 500 + "省委" + "乙" * 500
    >>> w = sentence_window(t, Span(0, len(t), t), Span(500, 502, "省委"), max_chars=20)
    >>> w, w in t
    ('甲甲甲甲甲甲甲甲甲省委乙乙乙乙乙乙乙乙乙', True)
    """
    if sentence.end - sentence.start <= max_chars:
        return sentence.quote
    room = max(0, max_chars - (span.end - span.start)) // 2
    a = max(sentence.start, span.start - room)
    b = min(sentence.end, span.end + room)
    return text[a:b]


def _add_relation(g: Graph, doc: Document, s: URIRef, p: URIRef, o: URIRef, r: Relation) -> None:
    g.add((s, p, o))
    a = iri.assertion_iri(doc.id, s, p, o)
    g.add((a, RDF.type, GOV.RelationAssertion))
    g.add((a, RDF.subject, s))
    g.add((a, RDF.predicate, p))
    g.add((a, RDF.object, o))
    g.add((a, GOV.evidence, _add_span(g, doc, r.evidence)))
    g.add((a, PROV.wasDerivedFrom, iri.document_iri(doc.id)))
    if r.trigger:
        g.add((a, RDFS.comment, Literal(r.trigger, lang="zh")))


def _add_metric(g: Graph, doc: Document, d: URIRef, q: Quantity, by_key: dict) -> None:
    m = iri.metric_iri(doc.id, q.span.start, q.span.end)
    targets = [by_key[k] for k in q.measures if k in by_key]
    g.add((m, RDF.type, GOV.Metric))
    label = f"{q.statement}:{q.span.quote}" if q.statement else q.span.quote
    g.add((m, RDFS.label, Literal(label, lang="zh")))
    g.add((m, GOV.value, decimal_literal(q.value)))
    g.add((m, GOV.unit, Literal(q.unit)))
    g.add((m, GOV.rawValue, Literal(q.span.quote)))
    for t in targets:
        g.add((m, GOV.measures, t))
    if q.qualifier:
        g.add((m, GOV.qualifier, Literal(q.qualifier)))
    if q.year is not None:
        g.add((m, GOV.year, Literal(q.year, datatype=XSD.integer)))
    if q.since is not None:
        g.add((m, GOV.sinceYear, Literal(q.since, datatype=XSD.integer)))
    if q.until is not None:
        g.add((m, GOV.untilYear, Literal(q.until, datatype=XSD.integer)))
    g.add((m, GOV.isTarget, Literal(bool(q.is_target))))
    if q.statement:
        g.add((m, GOV.statement, Literal(q.statement, lang="zh")))
    g.add((m, GOV.mentionedIn, d))
    g.add((m, PROV.wasAttributedTo, iri.extractor_iri(__version__)))
    _add_mention(g, doc, m, q.span, q.sentence)
