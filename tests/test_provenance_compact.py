"""Compact provenance: a mention's target and an assertion's evidence as ``<document#char=start,end>``.

The compact graph must say everything the full one says except the quotes and the span nodes: the same
mentions at the same offsets, the same answers from the named queries and the projection, valid under
the same shapes; and ``"full"`` stays the default, with the fingerprint stores were built with.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from test_corpus import TEXTS, write_corpus
from typer.testing import CliRunner

from kg import __version__
from kg.cli import _register, app
from kg.corpus import CorpusError, Settings, build_corpus, canonical_nquads, sources_for
from kg.graph import to_networkx
from kg.query import run_named
from kg.rdf.build import OA, build_graph, extraction_triples
from kg.rdf.iri import char_fragment, parse_char_fragment
from kg.rdf.validate import validate
from kg.store import MemoryStore, OxigraphStore
from kg.vocab import GOV

_register()
runner = CliRunner()
FRAGMENT = re.compile(r"#char=\d+,\d+$")


@pytest.fixture(scope="module")
def full(sample_graph) -> Graph:
    return sample_graph


@pytest.fixture(scope="module")
def compact(sample_extraction) -> Graph:
    return build_graph([sample_extraction], provenance="compact")


@pytest.fixture(scope="module")
def stores(full, compact):
    with MemoryStore(full) as a, MemoryStore(compact) as b:
        yield {"full": a, "compact": b}


# ------------------------------------------------------------------------------------------ the triples


def test_compact_has_no_span_nodes_and_far_fewer_triples(full, compact):
    assert len(compact) <= 0.65 * len(full)
    assert not set(compact.subjects(RDF.type, OA.SpecificResource))
    for p in (OA.hasSource, OA.hasSelector, OA.start, OA.end, OA.exact):
        assert not set(compact.triples((None, p, None))), p
    targets = set(compact.objects(None, OA.hasTarget)) | set(compact.objects(None, GOV.evidence))
    assert targets and all(FRAGMENT.search(str(t)) for t in targets)
    assert not {t for t in targets if set(compact.predicate_objects(t))}  # a fragment has no triples


def test_compact_is_full_with_each_span_node_replaced_by_its_fragment(full, compact):
    """Everything but the span nodes is the same: the span <d/span/a-b> becomes <d#char=a,b>."""
    spans = set(full.subjects(RDF.type, OA.SpecificResource))
    span_nodes = {s for s in full.subjects() if str(s).split("#")[0] in {str(x) for x in spans}}

    def as_fragment(o):
        if o in spans:
            doc, tail = str(o).split("/span/")
            return URIRef(char_fragment(doc, *map(int, tail.split("-"))))
        return o

    expected = {(s, p, as_fragment(o)) for s, p, o in full if s not in span_nodes}
    assert set(compact) == expected


def test_every_target_slices_back_to_the_full_quote(full, compact, sample_extraction):
    text = sample_extraction.document.text
    doc = str(next(full.subjects(RDF.type, GOV.Document)))
    checked = 0
    for prop in (OA.hasTarget, GOV.evidence):
        for node, target in compact.subject_objects(prop):
            assert str(target).split("#")[0] == doc
            start, end = parse_char_fragment(str(target))
            span = full.value(node, prop)  # the same mention / assertion IRI in the full graph
            quote = next(str(full.value(sel, OA.exact)) for sel in full.objects(span, OA.hasSelector)
                         if full.value(sel, OA.exact) is not None)
            assert text[start:end] == quote
            checked += 1
    assert checked == len(set(full.subjects(OA.hasTarget, None))) + len(set(full.subjects(GOV.evidence, None)))


def test_the_fragment_helpers_round_trip():
    doc = "https://w3id.org/govkg/id/doc/0123456789abcdef"
    assert parse_char_fragment(char_fragment(doc, 0, 7)) == (0, 7)
    assert parse_char_fragment(doc + "#char=5,3") is None  # ends before it starts
    assert parse_char_fragment(doc + "#line=1,2") is None and parse_char_fragment(doc) is None


def test_an_unknown_level_is_refused(sample_extraction):
    with pytest.raises(ValueError, match="full or compact"):
        extraction_triples(sample_extraction, provenance="short")
    with pytest.raises(CorpusError, match="full or compact"):
        Settings(provenance="short")


# ------------------------------------------------------------------------------------------------ SHACL


def test_both_shapes_conform_and_a_broken_target_fails(full, compact):
    assert validate(full).conforms
    assert validate(compact).conforms
    for bad in (Literal("12,15"), URIRef("https://w3id.org/govkg/id/actor/0#char=1,2"),
                URIRef(str(next(compact.subjects(RDF.type, GOV.Document))) + "#line=1,2")):
        g = Graph()
        for t in compact:
            g.add(t)
        mention = next(g.subjects(RDF.type, GOV.Mention))
        g.set((mention, OA.hasTarget, bad))
        report = validate(g)
        assert not report.conforms and any("target" in v.message for v in report.violations), bad


# ---------------------------------------------------------------------------------------- named queries


def _rows(store, name: str, cols: tuple[str, ...], **params) -> list[tuple]:
    res = run_named(name, store, params=params or None)
    return sorted((tuple(r[c] for c in cols) for r in res.records()), key=repr)


@pytest.mark.parametrize("cls", ["Actor", "Mechanism", "Goal", "Metric"])
def test_entities_by_class_gives_the_same_rows(stores, cls):
    cols = ("entity", "document", "start", "end", "label")
    rows = _rows(stores["full"], "entities_by_class", cols, cls=cls)
    assert rows and rows == _rows(stores["compact"], "entities_by_class", cols, cls=cls)
    quotes = [r["quote"] for r in run_named("entities_by_class", stores["compact"], params={"cls": cls}).records()]
    assert quotes == [None] * len(quotes)


def test_provenance_gives_the_same_rows(stores):
    labels = sorted({r[0] for r in _rows(stores["full"], "entities_by_class", ("label",), cls="Actor")})[:8]
    cols = ("iri", "document", "start", "end", "sentence", "title")
    for label in labels:
        rows = _rows(stores["full"], "provenance", cols, entity=label)
        assert rows and rows == _rows(stores["compact"], "provenance", cols, entity=label), label


def test_relations_and_metrics_give_the_same_rows(stores):
    cols = ("subject", "predicate", "object", "start", "end", "document")
    rows = _rows(stores["full"], "relations", cols)
    assert rows and all(isinstance(r[3], int) for r in rows)
    assert rows == _rows(stores["compact"], "relations", cols)
    cols = ("metric", "subject", "start", "document", "raw", "value")
    rows = _rows(stores["full"], "metrics", cols)
    assert rows and all(isinstance(r[2], int) for r in rows)
    assert rows == _rows(stores["compact"], "metrics", cols)


def test_metrics_export_is_the_same(full, compact):
    from kg.export import metrics_frame

    a, b = metrics_frame(full), metrics_frame(compact)
    assert len(a) and a["end"].notna().all() and a.equals(b)


# ------------------------------------------------------------------------------------------- projection


def test_the_projection_has_the_same_entities_and_mentions(full, compact, sample_extraction):
    text = sample_extraction.document.text
    A, B = to_networkx(full), to_networkx(compact)
    assert sorted(A) == sorted(B) and sorted(A.edges(keys=True)) == sorted(B.edges(keys=True))
    recovered = 0
    for n in A:
        ma, mb = A.nodes[n]["mentions"], B.nodes[n]["mentions"]
        assert len(ma) == len(mb), n
        for x, y in zip(ma, mb, strict=True):
            assert (x["doc"], x["start"], x["end"], x["sentence"]) == (y["doc"], y["start"], y["end"], y["sentence"])
            if y["exact"] is not None:  # a recovered quote is the text's, and sits where the full one does
                assert y["exact"] == text[y["start"]:y["end"]] and y["offset"] == x["offset"]
                recovered += 1
    assert recovered >= 0.9 * sum(len(A.nodes[n]["mentions"]) for n in A)
    P = to_networkx(compact, include_provenance=True)
    mentions = [d for _, d in P.nodes(data=True) if d.get("cls") == "Mention"]
    named = [d for d in mentions if d["label"] != d["iri"].rsplit("/", 1)[1]]  # by a quote, not an IRI tail
    assert mentions and len(named) >= 0.9 * len(mentions)


# ----------------------------------------------------------------------------------------- corpus, CLI


def _main_fingerprint(settings: Settings) -> str:
    """The fingerprint as main computed it before the provenance option."""
    from kg.nlp.pipeline import default_config_text
    from kg.resources import read_text

    def sha(t: str) -> str:
        return hashlib.sha256(t.encode("utf-8")).hexdigest()

    parts = {"version": __version__, "jurisdiction": settings.jurisdiction,
             "config": sha(settings.config) if settings.config is not None else None,
             "default_config": sha(default_config_text()),
             "data": [sha(read_text(n)) for n in ("lexicon.ttl", "grammar.ttl", "govkg.ttl")]}
    return sha(json.dumps(parts, sort_keys=True))[:16]


def test_full_keeps_the_fingerprint_and_compact_changes_it():
    assert Settings().fingerprint() == Settings(provenance="full").fingerprint() == _main_fingerprint(Settings())
    assert Settings(jurisdiction="江苏省").fingerprint() == _main_fingerprint(Settings(jurisdiction="江苏省"))
    assert Settings(provenance="compact").fingerprint() != Settings().fingerprint()
    assert Settings().describe() == Settings(provenance="full").describe()
    assert "provenance=compact" in Settings(provenance="compact").describe()


def test_a_compact_corpus_build_is_the_same_serially_and_in_two_workers(tmp_path):
    root = write_corpus(tmp_path / "c", TEXTS)
    settings = Settings(provenance="compact")
    with OxigraphStore() as serial, OxigraphStore() as pooled:
        build_corpus(sources_for([root], base=root), serial, settings=settings)
        build_corpus(sources_for([root], base=root), pooled, settings=settings, workers=2)
        text = canonical_nquads(serial)
        assert text == canonical_nquads(pooled)
    assert "#char=" in text and str(OA.SpecificResource) not in text and str(OA.exact) not in text


def test_switching_a_store_to_compact_extracts_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    with OxigraphStore() as store:
        build_corpus(sources_for([root], base=root), store)
        full_quads = len(store.engine())
        again = build_corpus(sources_for([root], base=root), store, settings=Settings(provenance="compact"))
        assert again.replaced == ["a.txt"]
        assert len(store.engine()) < 0.75 * full_quads
        same = build_corpus(sources_for([root], base=root), store, settings=Settings(provenance="compact"))
        assert same.skipped == ["a.txt"]


@pytest.mark.parametrize("extra", [[], ["--store", "kg"]])
def test_cli_refuses_an_unknown_level_in_one_line(tmp_path, extra):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    extra = [str(tmp_path / e) if e == "kg" else e for e in extra]
    res = runner.invoke(app, ["build", str(root / "a.txt"), "-o", str(tmp_path / "out"), "--provenance", "bogus",
                              *extra])
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "--provenance" in lines[0] and "full or compact" in lines[0]
    assert not (tmp_path / "out").exists() and not (tmp_path / "kg").exists()


def test_cli_builds_a_compact_graph(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    res = runner.invoke(app, ["build", str(root / "a.txt"), "-o", str(tmp_path / "out"), "--provenance", "compact",
                              "--no-html"])
    assert res.exit_code == 0, res.output
    assert "SHACL: conforms" in res.output
    g = Graph().parse(tmp_path / "out" / "govkg.ttl")
    assert set(g.objects(None, OA.hasTarget)) and not set(g.subjects(RDF.type, OA.SpecificResource))
