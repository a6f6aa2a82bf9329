"""Typed records passed between the pipeline's stages.

These frozen dataclasses are the boundary between the NLP stage (which knows spaCy but not rdflib)
and the RDF stage (which knows rdflib but not spaCy). All character offsets are into the *original*
decoded text of the document (``Document.text``), half-open ``[start, end)``, so that
``document.text[start:end] == quote`` always holds.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

__all__ = [
    "CORE_CLASSES",
    "Document",
    "DocumentMeta",
    "Entity",
    "Extraction",
    "Mention",
    "Quantity",
    "Relation",
    "Span",
]

#: The six core classes of the ontology, in the order the scorer resolves them.
CORE_CLASSES = ("Actor", "Mechanism", "Goal", "Metric", "Challenge", "Event")


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What is known about a document apart from its text."""

    title: str | None = None
    author: str | None = None
    author_role: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    document_number: str | None = None  # e.g. 苏政办发〔2022〕60号
    jurisdiction: str | None = None  # e.g. 江苏 (resolves 省委 -> 江苏省委)
    source: str | None = None  # path or URL it was read from
    language: str = "zh"


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded source text plus its normalised form and the offset map between them.

    ``norm`` is what the NLP pipeline reads: full-width/half-width unified (NFKC), traditional
    characters converted to simplified, runs of white space inside a line dropped, line breaks kept.
    ``starts[i]`` and ``ends[i]`` give the half-open span of ``text`` that produced ``norm[i]``
    (``array('q')`` so that large documents stay compact).
    """

    id: str  # stable id: first 16 hex digits of the sha256 of the text's UTF-8 bytes
    text: str
    norm: str
    starts: array
    ends: array
    sha256: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``norm`` to the half-open span of ``text`` it came from."""
        if start >= end:
            o = self.starts[start] if start < len(self.starts) else len(self.text)
            return o, o
        return self.starts[start], self.ends[end - 1]

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of the original text for a span of ``norm``."""
        s, e = self.to_original(start, end)
        return Span(s, e, self.text[s:e])


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character span of the original text with its exact quote."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document.

    ``key`` identifies the entity the mention refers to: ``(core_class, canonical_label)``.
    """

    span: Span
    key: tuple[str, str]
    sentence: Span | None = None
    surface: str = ""  # normalised surface form (an alias of the entity when it differs from the label)
    source: str = ""  # which component produced it (lexicon, morphology, quote, title, pattern ...)


@dataclass(frozen=True, slots=True)
class Entity:
    """A merged entity: one node of the graph, with every mention that names it."""

    key: tuple[str, str]  # (core class, canonical zh label)
    cls: str  # most specific ontology class local name, e.g. "PartyOrganization"
    label: str  # canonical zh label
    aliases: tuple[str, ...] = ()
    label_en: str | None = None  # only from the lexicon; never invented
    concept: str | None = None  # IRI of the lexicon concept it was recognised from
    mentions: tuple[Mention, ...] = ()

    @property
    def core(self) -> str:
        return self.key[0]


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed relation between two entities, with the span of text that states it."""

    subject: tuple[str, str]
    predicate: str  # ontology property local name, e.g. "issues"
    object: tuple[str, str]
    evidence: Span
    trigger: str = ""  # the verb or pattern that triggered it


@dataclass(frozen=True, slots=True)
class Quantity:
    """A metric: a number with a unit that measures one or more entities."""

    span: Span  # the quantity as written, e.g. 约3.4亿元
    value: float
    unit: str
    measures: tuple[tuple[str, str], ...] = ()
    qualifier: str | None = None  # 约 余 多 以上 不低于 ...
    year: int | None = None
    since: int | None = None
    until: int | None = None
    is_target: bool = False
    statement: str | None = None  # what it measures, as a phrase from the text
    sentence: Span | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    quantities: tuple[Quantity, ...] = ()
