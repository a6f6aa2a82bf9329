"""The domain lexicon and the grammar of the genre, loaded from SKOS data in ``ontology/``.

``lexicon.ttl`` holds generic governance vocabulary (concepts mapped to ontology classes) and the places
of China; ``grammar.ttl`` holds head morphemes, trigger verbs, cue phrases and verbs of lack, duty cues,
measure words, qualifiers, discourse fillers, scope modifiers and the word lists single rules read
(:attr:`Lexicon.word_lists`). Code never lists such words itself: it reads them from here.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import rdflib
from rdflib.namespace import RDF, SKOS

from kg import resources
from kg.vocab import GOV

T = TypeVar("T")

__all__ = ["CORE_OF", "LexEntry", "Lexicon", "alternation", "core_class", "load_default_lexicon"]

log = logging.getLogger(__name__)

LEX = rdflib.Namespace("https://w3id.org/govkg/lexicon/")
GOVNS = str(GOV._NS)


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One surface form of a lexicon concept."""

    surface: str
    label: str  # the concept's zh prefLabel (canonical name)
    cls: str  # ontology class local name
    concept: str  # concept IRI
    label_en: str | None = None
    admin_level: str | None = None  # for places: province / city


@dataclass(slots=True)
class Lexicon:
    """Everything the rule-based components read."""

    entries: dict[str, LexEntry] = field(default_factory=dict)  # surface -> entry
    heads: dict[str, tuple[str, bool, str | None]] = field(default_factory=dict)  # head -> (cls, standalone, en)
    triggers: dict[str, str] = field(default_factory=dict)  # verb -> property local name
    #: the triggers founding a body or a system (设立, 组建: skos:broader lex:founding), longest first
    founding: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    lack_verbs: tuple[str, ...] = ()
    duty_cues: tuple[str, ...] = ()
    units: dict[str, str] = field(default_factory=dict)  # unit -> kind
    qualifiers: dict[str, str] = field(default_factory=dict)  # word -> approx|lower|upper|none
    fillers: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    target_cues: tuple[str, ...] = ()
    predicates: frozenset[str] = frozenset()
    deictics: tuple[str, ...] = ()
    generic: frozenset[str] = frozenset()
    qualities: frozenset[str] = frozenset()  # 平安, 法治: with a place name they name a goal (平安某地)
    #: the other word lists of grammar.ttl by scheme name (intensifiers, rankingVerbs, linkVerbs …),
    #: longest word first, for rules that read a list and nothing else
    word_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    places: dict[str, LexEntry] = field(default_factory=dict)  # surface -> place entry
    #: zh label -> zh label of the concept it is skos:broader than (a city -> its province)
    place_parents: dict[str, str] = field(default_factory=dict)

    @property
    def words(self) -> set[str]:
        """Every word the tokenizer should know (surfaces, heads, triggers, cues, places, predicates,
        deictics, verbs of lack, and the anaphoric names of policies: 本方案, 如下意见)."""
        policy_heads = [h for h, (c, _, _) in self.heads.items() if c == "Policy"]
        anaphora = {p + h for h in policy_heads for p in ("本", "如下", "以下")}  # 本方案, 如下意见
        return (set(self.entries) | set(self.heads) | set(self.triggers) | set(self.cues)
                | set(self.places) | set(self.predicates) | set(self.deictics) | set(self.lack_verbs) | anaphora)


def _lit(g: rdflib.Graph, s, p, lang: str | None) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, rdflib.Literal)
            and (lang is None or o.language == lang)]


def _local(iri) -> str:
    s = str(iri)
    return s[len(GOVNS):] if s.startswith(GOVNS) else s.rsplit("#", 1)[-1]


def from_graphs(lexicon: rdflib.Graph, grammar: rdflib.Graph) -> Lexicon:
    """Build a :class:`Lexicon` from the two SKOS graphs."""
    lx = Lexicon()
    for c in sorted(set(lexicon.subjects(RDF.type, SKOS.Concept))):
        cls = next(iter(lexicon.objects(c, GOV.ontologyClass)), None)
        zh = _lit(lexicon, c, SKOS.prefLabel, "zh")
        if cls is None or not zh:
            continue
        en = next(iter(_lit(lexicon, c, SKOS.prefLabel, "en")), None)
        level = next(iter(_lit(lexicon, c, GOV.adminLevel, None)), None)
        entry_cls = _local(cls)
        label = zh[0]
        target = lx.places if (c, SKOS.inScheme, LEX.places) in lexicon else lx.entries
        for surface in [label, *sorted(_lit(lexicon, c, SKOS.altLabel, "zh"))]:
            e = LexEntry(surface, label, entry_cls, str(c), en, level)
            if surface in target and target[surface].label != label:
                log.debug("ambiguous lexicon surface %s", surface)
                continue
            target.setdefault(surface, e)
    heads, triggers, units, quals = {}, {}, {}, {}
    founding: list[str] = []
    lists: dict[str, list[str]] = {}  # every other scheme of the grammar: a plain list of words
    for c in grammar.subjects(RDF.type, SKOS.Concept):
        zh = next(iter(_lit(grammar, c, SKOS.prefLabel, "zh")), None)
        if zh is None:
            continue
        # a concept in several schemes counts in each (机制: a head, and a noun closing a chain of steps)
        for scheme in sorted(grammar.objects(c, SKOS.inScheme)):
            if scheme == LEX.heads:
                cls = _local(next(iter(grammar.objects(c, GOV.ontologyClass))))
                standalone = bool(next(iter(grammar.objects(c, GOV.standalone)), False))
                en = next(iter(_lit(grammar, c, SKOS.prefLabel, "en")), None)
                heads[zh] = (cls, standalone, en)
            elif scheme == LEX.triggers:
                triggers[zh] = _local(next(iter(grammar.objects(c, GOV.property))))
                if (c, SKOS.broader, LEX.founding) in grammar:
                    founding.append(zh)
            elif scheme == LEX.units:
                units[zh] = str(next(iter(grammar.objects(c, GOV.unitKind)), "count"))
            elif scheme == LEX.qualifiers:
                quals[zh] = str(next(iter(grammar.objects(c, GOV.qualifierKind)), "approx"))
            elif str(scheme).startswith(str(LEX)):
                lists.setdefault(str(scheme)[len(str(LEX)):], []).append(zh)
    lx.heads, lx.triggers, lx.units, lx.qualifiers = heads, triggers, units, quals
    by_len = functools.partial(sorted, key=lambda w: (-len(w), w))
    lx.founding = tuple(by_len(founding))
    # the schemes with a field of their own (longest first, or a set), the rest in word_lists
    for scheme, attr in _LIST_FIELDS.items():
        setattr(lx, attr, tuple(by_len(lists.pop(scheme, []))))
    for scheme, attr in _SET_FIELDS.items():
        setattr(lx, attr, frozenset(lists.pop(scheme, [])))
    lx.word_lists = {k: tuple(by_len(v)) for k, v in sorted(lists.items())}
    label = {c: str(o) for c, o in lexicon.subject_objects(SKOS.prefLabel) if getattr(o, "language", None) == "zh"}
    lx.place_parents = {label[c]: label[b] for c, b in lexicon.subject_objects(SKOS.broader)
                        if c in label and b in label}
    return lx


#: grammar schemes read into a field of :class:`Lexicon` of their own: tuples longest first, and sets
_LIST_FIELDS = {"cues": "cues", "fillers": "fillers", "lackVerbs": "lack_verbs", "dutyCues": "duty_cues",
                "scopes": "scopes", "targetCues": "target_cues", "deictics": "deictics"}
_SET_FIELDS = {"predicates": "predicates", "generic": "generic", "qualities": "qualities"}


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regular-expression alternation of ``words``, longest first (for a rule's pattern); with no
    words, a pattern that matches nothing.

    >>> alternation(("高水平", "更高水平")), alternation(())
    ('更高水平|高水平', '(?!)')
    """
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


@functools.lru_cache(maxsize=4)
def load_default_lexicon() -> Lexicon:
    """The bundled lexicon (cached in the process, and on disk by :mod:`kg.nlp.cache` under a key of the
    bytes of ``lexicon.ttl`` and ``grammar.ttl``, the source of the code reading them and rdflib's version;
    treat as read-only)."""
    from kg.nlp.cache import cached, code_digest

    parts = [_data_bytes("lexicon.ttl"), _data_bytes("grammar.ttl"), code_digest("kg.nlp", "lexicon.py"),
             code_digest("kg", "vocab.py"), rdflib.__version__]
    return cached("lexicon", parts, _parse_default_lexicon)


def _data_bytes(name: str) -> bytes:
    """The bytes of an ontology file, or a marker when it is missing."""
    try:
        return resources.ontology_files().joinpath(name).read_bytes()
    except FileNotFoundError:  # pragma: no cover - both files are shipped
        return b"\x00missing"


def _parse_default_lexicon() -> Lexicon:
    """The bundled lexicon, parsed from ``lexicon.ttl`` and ``grammar.ttl``."""
    try:
        lexicon = resources.load_lexicon()
    except FileNotFoundError:  # pragma: no cover - lexicon.ttl is shipped
        log.warning("ontology/lexicon.ttl missing: running with the grammar only")
        lexicon = rdflib.Graph()
    grammar = rdflib.Graph().parse(data=resources.read_text("grammar.ttl"), format="turtle")
    return from_graphs(lexicon, grammar)


_PER_LEXICON: dict[tuple[int, str], tuple[Lexicon, object]] = {}


def per_lexicon(lx: Lexicon, name: str, build: Callable[[Lexicon], T]) -> T:
    """``build(lx)`` under ``name``, computed once per lexicon object (a lexicon is read-only once loaded):
    the patterns and memos the rules derive from the word lists.

    >>> lx = Lexicon()
    >>> per_lexicon(lx, "doctest", lambda x: [len(x.entries)]) is per_lexicon(lx, "doctest", list)
    True
    """
    got = _PER_LEXICON.get((id(lx), name))
    if got is None or got[0] is not lx:
        got = _PER_LEXICON[(id(lx), name)] = (lx, build(lx))
    return got[1]  # type: ignore[return-value]


#: ontology class local name -> core class
CORE_OF: dict[str, str] = {}


def core_class(cls: str) -> str:
    """The core class (Actor, Mechanism, ...) of an ontology class local name."""
    if not CORE_OF:
        onto = resources.load_ontology()
        cores = {"Actor", "Mechanism", "Goal", "Metric", "Challenge", "Event"}
        for c in onto.subjects(RDF.type, rdflib.OWL.Class):
            name = _local(c)
            seen, todo = set(), [c]
            while todo:
                x = todo.pop()
                if _local(x) in cores:
                    CORE_OF[name] = _local(x)
                    break
                seen.add(x)
                todo += [o for o in onto.objects(x, rdflib.RDFS.subClassOf) if o not in seen]
    return CORE_OF.get(cls, cls)
