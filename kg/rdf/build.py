"""Records -> triples -> an rdflib graph or N-Quads.

The instance data follows ``ontology/govkg.ttl``; see ``docs/datamodel.md`` for a worked example.
Every entity is typed with its most specific class *and* its core class (so ``?x a gov:Actor`` works
without reasoning), named with ``rdfs:label``/``skos:prefLabel``/``skos:altLabel`` in Chinese (and
English only when the lexicon gives it), and linked to each span that mentions it through a
``gov:Mention`` (typed only so: the ontology makes it an ``oa:Annotation`` motivated by
``oa:identifying``) whose target carries an ``oa:TextPositionSelector`` and an ``oa:TextQuoteSelector``
(the exact quote only: the mention's ``gov:sentence`` gives its context). Relations are direct triples plus a ``gov:RelationAssertion`` that records
the sentence stating them. Nothing here knows about spaCy.

``provenance="compact"`` writes no span nodes: a mention's target and an assertion's evidence are then
the RFC 5147 fragment ``<document#char=start,end>`` of the document's IRI (no triples of its own), which
saves the 9 quads of every span (about 40% of a document's quads, and of a corpus store's size and load
time). ``"full"`` (the default) is the model described in ``docs/datamodel.md``.

:func:`extraction_triples` is the one place that says what a document asserts. It makes no rdflib
objects: IRIs are plain ``str`` and literals are :class:`Lit` tuples, which is several times cheaper
than rdflib terms (a corpus build spends most of its RDF time making terms). :func:`build_graph` turns
them into an rdflib graph, :func:`nquads` into the N-Quads of one named graph.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal as TypingLiteral
from typing import NamedTuple, get_args

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Namespace

from kg import __version__
from kg.rdf import iri
from kg.rdf.prefixes import prefixes
from kg.records import Document, Entity, Extraction, Quantity, Relation, Span
from kg.vocab import GOV

__all__ = [
    "OA",
    "ORG",
    "PROVENANCE_LEVELS",
    "QUDT",
    "SENTENCE_WINDOW",
    "Lit",
    "Provenance",
    "Term",
    "Triple",
    "add_extraction",
    "bind_prefixes",
    "build_graph",
    "check_provenance",
    "decimal_literal",
    "extraction_triples",
    "nquads",
    "sentence_window",
]

log = logging.getLogger(__name__)

OA = Namespace("http://www.w3.org/ns/oa#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace(iri.BASE)

#: longest gov:sentence kept on a mention (longer sentences are cut around the mention)
SENTENCE_WINDOW = 240
#: how a mention's target (and an assertion's evidence) is written: a span node with selectors, or an
#: RFC 5147 fragment IRI of the document
Provenance = TypingLiteral["full", "compact"]
PROVENANCE_LEVELS: tuple[str, ...] = get_args(Provenance)
_NO_EN = "No English label: the term is not in the govkg lexicon, and none is invented."


class Lit(NamedTuple):
    """A literal without rdflib: lexical form and a language tag or a datatype IRI (neither: xsd:string).

    The lexical form is the one written out (``Lit("78000.0", None, XSD_DECIMAL)`` stays ``78000.0``).
    """

    value: str
    lang: str | None = None
    datatype: str | None = None


#: an IRI (a plain ``str``) or a literal
Term = str | Lit
#: subject and predicate IRIs, object IRI or literal
Triple = tuple[str, str, Term]

# plain-string IRIs of the terms the builder writes (no rdflib term in the hot path)
_RDF, _RDFS, _SKOS, _PROV = str(RDF), str(RDFS), str(SKOS), str(PROV)
_DCT, _OA, _XSD = str(DCTERMS), str(OA), str(XSD)
_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_COMMENT = _RDFS + "comment"
_PREF, _ALT, _NOTE = _SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "editorialNote"
_ATTRIBUTED, _DERIVED = _PROV + "wasAttributedTo", _PROV + "wasDerivedFrom"
_XSD_INTEGER, _XSD_NNI = _XSD + "integer", _XSD + "nonNegativeInteger"
_XSD_DECIMAL, _XSD_BOOLEAN = _XSD + "decimal", _XSD + "boolean"
_OA_SPECIFIC, _OA_HAS_SOURCE, _OA_HAS_SELECTOR = _OA + "SpecificResource", _OA + "hasSource", _OA + "hasSelector"
_OA_POSITION, _OA_START, _OA_END = _OA + "TextPositionSelector", _OA + "start", _OA + "end"
_OA_QUOTE, _OA_EXACT = _OA + "TextQuoteSelector", _OA + "exact"
_OA_HAS_BODY, _OA_HAS_TARGET = _OA + "hasBody", _OA + "hasTarget"
_TRUE, _FALSE = Lit("true", None, _XSD_BOOLEAN), Lit("false", None, _XSD_BOOLEAN)
#: ``_new(Lit, (value, lang, datatype))`` makes a Lit at a third of the cost of ``Lit(...)`` (hot paths)
_new = tuple.__new__


@functools.cache
def _gov(name: str) -> str:
    """The gov: IRI of ``name`` as a string; an unknown name raises (kg.vocab.GOV is closed)."""
    return str(GOV[name])


(_DOCUMENT, _EXTRACTOR, _MENTION, _HAS_MENTION, _MENTIONED_IN, _SENTENCE, _CONCEPT, _METRIC, _ASSERTION,
 _EVIDENCE) = (_gov(n) for n in ("Document", "Extractor", "Mention", "hasMention", "mentionedIn", "sentence",
                                 "concept", "Metric", "RelationAssertion", "evidence"))


def _decimal_lex(value: float) -> str:
    d = Decimal(repr(float(value))).normalize()
    lex = format(d, "f")
    return lex if "." in lex else lex + ".0"


def decimal_literal(value: float) -> Literal:
    """An xsd:decimal in canonical lexical form (78000.0, 88.2), identical in every serialisation.

    >>> str(decimal_literal(78000)), str(decimal_literal(2.6e8)), str(decimal_literal(88.2))
    ('78000.0', '260000000.0', '88.2')
    """
    return Literal(_decimal_lex(value), datatype=XSD.decimal, normalize=False)


def check_provenance(provenance: str) -> str:
    """``provenance`` if it is a provenance level, else a one-line ``ValueError``.

    >>> check_provenance("compact")
    'compact'
    """
    if provenance not in PROVENANCE_LEVELS:
        raise ValueError(f"unknown provenance level {provenance!r}: {' or '.join(PROVENANCE_LEVELS)}")
    return provenance


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in prefixes("gov", "id", "oa", "prov", "skos", "dcterms", "org", "qudt", "foaf", "owl",
                               "xsd").items():
        g.bind(prefix, Namespace(ns), override=True)
    return g


# ------------------------------------------------------------------------------------ the triples


def extraction_triples(ex: Extraction, *, provenance: Provenance = "full") -> list[Triple]:
    """Every triple one document asserts, each once, in an order fixed by the extraction.

    IRIs are ``str``, literals :class:`Lit`. This is the single source of truth for the shape of the
    instance data: :func:`build_graph` and :func:`nquads` only change the form of its terms.
    ``provenance`` says how a mention's target and an assertion's evidence are written: ``"full"``
    an ``oa:SpecificResource`` with position and quote selectors, ``"compact"`` the IRI
    ``<document#char=start,end>`` (:func:`kg.rdf.iri.char_fragment`), which has no triples.
    """
    check_provenance(provenance)
    out: list[Triple] = []
    add = out.append
    doc = ex.document
    d = iri.document_str(doc.id)
    agent = iri.extractor_str(__version__)
    _document_triples(add, doc, d, agent)
    if provenance == "full":
        spans: set[tuple[int, int]] = set()

        def target(span: Span) -> str:
            return _span_triples(add, spans, doc, d, span)
    else:
        def target(span: Span) -> str:
            return f"{d}#char={span.start},{span.end}"  # = iri.char_fragment(d, span.start, span.end)
    by_key = {e.key: iri.entity_str(*e.key) for e in ex.entities}
    for e in ex.entities:
        _entity_triples(add, target, doc, d, agent, e, by_key[e.key])
    for r in ex.relations:
        if r.subject in by_key and r.object in by_key:
            _relation_triples(add, target, doc, d, by_key[r.subject], _gov(r.predicate), by_key[r.object], r)
        else:
            log.debug("relation with unknown end dropped: %s", r)
    for q in ex.quantities:
        _metric_triples(add, target, doc, d, agent, q, by_key)
    return list(dict.fromkeys(out))


def _document_triples(add, doc: Document, d: str, agent: str) -> None:
    m = doc.meta
    add((d, _TYPE, _DOCUMENT))
    add((d, _gov("sha256"), Lit(doc.sha256)))
    add((d, _gov("charCount"), Lit(str(len(doc.text)), None, _XSD_INTEGER)))
    add((d, _DCT + "language", Lit(m.language)))
    if m.title:
        add((d, _DCT + "title", Lit(m.title, "zh")))
    if m.author:
        add((d, _DCT + "creator", Lit(m.author, "zh")))
    if m.issuer:
        add((d, _DCT + "publisher", Lit(m.issuer, "zh")))
    if m.date:
        add((d, _DCT + "date", Lit(m.date)))
    if m.document_number:
        add((d, _gov("documentNumber"), Lit(m.document_number)))
    if m.jurisdiction:
        add((d, _gov("jurisdiction"), Lit(m.jurisdiction)))
    if m.source:
        add((d, _DCT + "source", Lit(m.source)))
    add((agent, _TYPE, _EXTRACTOR))
    add((agent, _LABEL, Lit(f"govkg {__version__}")))


def _span_triples(add, spans: set, doc: Document, d: str, span: Span) -> str:
    """The oa:SpecificResource of a span, with its position and quote selectors (once per document)."""
    start, end = span.start, span.end
    t = f"{d}/span/{start}-{end}"
    if (start, end) in spans:
        return t
    spans.add((start, end))
    pos, quote = t + "#pos", t + "#quote"
    add((t, _TYPE, _OA_SPECIFIC))
    add((t, _OA_HAS_SOURCE, d))
    add((t, _OA_HAS_SELECTOR, pos))
    add((t, _OA_HAS_SELECTOR, quote))
    add((pos, _TYPE, _OA_POSITION))
    add((pos, _OA_START, _new(Lit, (str(start), None, _XSD_NNI))))
    add((pos, _OA_END, _new(Lit, (str(end), None, _XSD_NNI))))
    add((quote, _TYPE, _OA_QUOTE))
    add((quote, _OA_EXACT, _new(Lit, (span.quote, None, None))))
    return t


def _entity_triples(add, target, doc: Document, d: str, agent: str, e: Entity, node: str) -> None:
    add((node, _TYPE, _gov(e.cls)))
    if e.cls != e.core:
        add((node, _TYPE, _gov(e.core)))
    zh = Lit(e.label, "zh")
    add((node, _LABEL, zh))
    add((node, _PREF, zh))
    for a in e.aliases:
        if a != e.label:
            add((node, _ALT, Lit(a, "zh")))
    if e.label_en:
        en = Lit(e.label_en, "en")
        add((node, _LABEL, en))
        add((node, _PREF, en))
    else:
        add((node, _NOTE, Lit(_NO_EN, "en")))
    for form in _traditional_forms(doc, e):
        add((node, _ALT, Lit(form, "zh-Hant")))
    if e.concept:
        add((node, _CONCEPT, e.concept))
    add((node, _MENTIONED_IN, d))
    add((node, _ATTRIBUTED, agent))
    if e.mentions:
        tag = iri.mention_tag(node)
        for m in e.mentions:
            _mention_triples(add, target, doc, d, node, tag, m.span, m.sentence)


def _traditional_forms(doc: Document, e: Entity) -> list[str]:
    """The names of ``e`` as a text in traditional characters writes them (``skos:altLabel`` ``@zh-Hant``).

    Labels are simplified (the pipeline reads the simplified ``norm``); a mention whose original quote
    differs from its ``norm`` form in a Han character, and whose ``norm`` form is the label or an alias,
    is that name in traditional script, so a reader of a Hong Kong or Taiwan text finds the entity by
    the name it reads. Empty for a simplified text (its quotes equal their ``norm`` forms).

    >>> from kg.ingest import from_text
    >>> from kg.records import Entity, Mention
    >>> doc = from_text("由深水埗民政事務處統籌。")
    >>> key = ("Actor", "深水埗民政事务处")
    >>> e = Entity(key=key, cls="Actor", label=key[1], mentions=(Mention(doc.span(1, 9), key),))
    >>> _traditional_forms(doc, e)
    ['深水埗民政事務處']
    """
    if doc.text == doc.norm or not e.mentions:
        return []
    names = {e.label, *e.aliases}
    forms: list[str] = []
    for m in e.mentions:
        quote, span = m.span.quote, m.span
        i = bisect.bisect_left(doc.starts, span.start)
        j = bisect.bisect_left(doc.starts, span.end)
        simple = doc.norm[i:j]
        if (quote != simple and len(quote) == len(simple) and simple in names and quote not in forms
                and any(a != b and "\u4e00" <= a <= "\u9fff" for a, b in zip(quote, simple))):
            forms.append(quote)
    return forms


def _mention_triples(add, target, doc: Document, d: str, node: str, tag: str, span: Span,
                     sentence: Span | None) -> None:
    mi = f"{d}/mention/{span.start}-{span.end}-{tag}"  # = iri.mention_str(doc.id, start, end, node)
    add((mi, _TYPE, _MENTION))
    add((mi, _OA_HAS_BODY, node))
    add((mi, _OA_HAS_TARGET, target(span)))
    if sentence is not None:
        add((mi, _SENTENCE, _new(Lit, (sentence_window(doc.text, sentence, span), None, None))))
    add((node, _HAS_MENTION, mi))


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


def _relation_triples(add, target, doc: Document, d: str, s: str, p: str, o: str, r: Relation) -> None:
    add((s, p, o))
    a = iri.assertion_str(doc.id, s, p, o)
    add((a, _TYPE, _ASSERTION))
    add((a, _RDF + "subject", s))
    add((a, _RDF + "predicate", p))
    add((a, _RDF + "object", o))
    add((a, _EVIDENCE, target(r.evidence)))
    add((a, _DERIVED, d))
    if r.trigger:
        add((a, _COMMENT, Lit(r.trigger, "zh")))


def _normalised(text: str) -> str:
    from kg.ingest import normalise

    return normalise(text)[0]


def _metric_triples(add, target, doc: Document, d: str, agent: str, q: Quantity, by_key: dict) -> None:
    m = iri.metric_str(doc.id, q.span.start, q.span.end)
    add((m, _TYPE, _METRIC))
    # the statement names the figure; it is followed by the figure itself unless it already holds it
    # (a label "87.5%:87.5%" or "投入约1.3亿元:约1.3亿元" only repeats it)
    # the statement comes from the normalised text: a figure written in traditional characters (約50萬個)
    # is in it as simplified ones (约50万个)
    quote = q.span.quote
    held = bool(q.statement) and (quote in q.statement or (_normalised(quote) or quote) in q.statement)
    label = q.statement if held else (f"{q.statement}:{quote}" if q.statement else quote)
    add((m, _LABEL, Lit(label, "zh")))
    add((m, _gov("value"), Lit(_decimal_lex(q.value), None, _XSD_DECIMAL)))
    add((m, _gov("unit"), Lit(q.unit)))
    add((m, _gov("rawValue"), Lit(q.span.quote)))
    for k in q.measures:
        if k in by_key:
            add((m, _gov("measures"), by_key[k]))
    if q.qualifier:
        add((m, _gov("qualifier"), Lit(q.qualifier)))
    if q.year is not None:
        add((m, _gov("year"), Lit(str(int(q.year)), None, _XSD_INTEGER)))
    if q.since is not None:
        add((m, _gov("sinceYear"), Lit(str(int(q.since)), None, _XSD_INTEGER)))
    if q.until is not None:
        add((m, _gov("untilYear"), Lit(str(int(q.until)), None, _XSD_INTEGER)))
    add((m, _gov("isTarget"), _TRUE if q.is_target else _FALSE))
    if q.statement:
        add((m, _gov("statement"), Lit(q.statement, "zh")))
    add((m, _MENTIONED_IN, d))
    add((m, _ATTRIBUTED, agent))
    _mention_triples(add, target, doc, d, m, iri.mention_tag(m), q.span, q.sentence)


# ----------------------------------------------------------------------------------- rdflib graph


def build_graph(extractions: Iterable[Extraction], *, graph: Graph | None = None,
                provenance: Provenance = "full") -> Graph:
    """Build one graph from the extractions of one or more documents (``provenance``: see
    :func:`extraction_triples`)."""
    check_provenance(provenance)
    g = bind_prefixes(graph if graph is not None else Graph())
    for ex in extractions:
        add_extraction(g, ex, provenance=provenance)
    return g


def add_extraction(g: Graph, ex: Extraction, *, provenance: Provenance = "full") -> Graph:
    """Add one document's entities, relations and metrics (with provenance) to ``g``."""
    terms: dict[Term, URIRef | Literal] = {}

    def term(t: Term) -> URIRef | Literal:
        r = terms.get(t)
        if r is None:
            if t.__class__ is str:
                r = URIRef(t)
            else:
                r = Literal(t.value, lang=t.lang, datatype=None if t.datatype is None else URIRef(t.datatype),
                            normalize=False)
            terms[t] = r
        return r

    note = SKOS.editorialNote
    for s, p, o in extraction_triples(ex, provenance=provenance):
        triple = (term(s), term(p), term(o))
        if p == _NOTE and (triple[0], note, None) in g:
            continue  # one note is enough (a graph may already hold one from another document)
        g.add(triple)
    return g


# ----------------------------------------------------------------------------------------- N-Quads

_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f]')
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})


def nquads(triples: Iterable[Triple], graph: str) -> tuple[bytes, int]:
    """``triples`` (IRIs as ``str``, literals as :class:`Lit`) as N-Quads in the graph ``graph``.

    Literals are escaped as canonical N-Triples asks: ``\\\\``, ``\\"``, ``\\n``, ``\\r`` and every other
    control character as ``\\uXXXX``. IRIs are written as they are: govkg mints them valid. Returns
    the UTF-8 bytes and the number of quads.

    >>> data, n = nquads([("urn:s", "urn:p", Lit("5", None, "urn:t")), ("urn:s", "urn:q", "urn:o")], "urn:g")
    >>> print(data.decode(), end=""), n
    <urn:s> <urn:p> "5"^^<urn:t> <urn:g> .
    <urn:s> <urn:q> <urn:o> <urn:g> .
    (None, 2)
    """
    tail = f" <{graph}> .\n"
    lines = []
    append = lines.append
    search, translate = _NEEDS_ESCAPE.search, _ESCAPES
    for s, p, o in triples:
        if o.__class__ is str:
            append(f"<{s}> <{p}> <{o}>{tail}")
            continue
        v, lang, dt = o
        if search(v) is not None:
            v = v.translate(translate)
        if lang:
            append(f'<{s}> <{p}> "{v}"@{lang}{tail}')
        elif dt:
            append(f'<{s}> <{p}> "{v}"^^<{dt}>{tail}')
        else:
            append(f'<{s}> <{p}> "{v}"{tail}')
    return "".join(lines).encode("utf-8"), len(lines)
