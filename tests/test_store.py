"""kg.store: in-memory and persistent stores behind one interface, named-graph replacement, reopening,
and the ``oxigraph`` server seeing what govkg wrote."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from fixtures_store import OXIGRAPH_BIN, extraction_a, extraction_b, fixture_graph, oxigraph_server
from rdflib import Literal, URIRef
from typer.testing import CliRunner

import kg.cli.query
import kg.cli.store  # noqa: F401 - registers `govkg store`
from kg.cli._app import app
from kg.rdf import iri
from kg.rdf.build import build_graph
from kg.store import MemoryStore, OxigraphStore, Store, StoreError, is_store_dir, open_store, rdf_format

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DOC_GRAPH = "https://w3id.org/govkg/id/doc/test-graph"


def count(store: Store, where: str = "?s ?p ?o") -> int:
    return store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0][0]


def small_graph(*values: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for v in values:
        g.add((URIRef(f"urn:x:{v}"), URIRef("urn:x:p"), Literal(v)))
    return g


@pytest.fixture(params=["memory", "oxigraph-memory", "oxigraph-disk"])
def any_store(request, tmp_path):
    if request.param == "memory":
        store = MemoryStore()
    elif request.param == "oxigraph-memory":
        store = OxigraphStore()
    else:
        store = OxigraphStore(tmp_path / "kg.oxigraph")
    with store:
        yield store


# ------------------------------------------------------------------------------------------ basics


def test_open_store_picks_the_kind_by_path(tmp_path):
    with open_store(None) as mem, open_store(tmp_path / "s") as disk:
        assert isinstance(mem, MemoryStore) and isinstance(disk, OxigraphStore)
        assert isinstance(mem, Store) and isinstance(disk, Store)
        assert len(mem) == 0 and len(disk) == 0
    assert is_store_dir(tmp_path / "s")


def test_every_store_counts_quads_and_answers_queries(any_store):
    g = fixture_graph()
    any_store.add_graph(g)
    assert len(any_store) == len(g)
    assert count(any_store) == len(g)
    assert any_store.graph_names() == []


def test_memory_store_keeps_the_rdflib_graph_and_follows_its_changes():
    g = small_graph("a")
    store = MemoryStore(g)
    assert store.graph is g
    assert count(store) == 1
    g.add((URIRef("urn:x:b"), URIRef("urn:x:p"), Literal("b")))  # size changed: seen without refresh
    assert count(store) == 2
    g.remove((URIRef("urn:x:b"), None, None))
    g.add((URIRef("urn:x:c"), URIRef("urn:x:p"), Literal("c")))  # same size: needs refresh()
    store.refresh()
    assert store.query("SELECT ?o WHERE { <urn:x:c> ?p ?o }").rows == [("c",)]


def test_memory_store_graph_is_the_union_of_its_graphs():
    store = MemoryStore(small_graph("a"))
    store.add_graph(small_graph("b"), graph_name=DOC_GRAPH)
    assert {str(o) for o in store.graph.objects()} == {"a", "b"}
    assert set(store.named_graph(DOC_GRAPH).objects()) == {Literal("b")}


# ----------------------------------------------------------------------------------- named graphs


def test_add_graph_with_a_name_replaces_that_graph(any_store):
    any_store.add_graph(small_graph("keep"))
    any_store.add_graph(small_graph("old1", "old2"), graph_name=DOC_GRAPH)
    assert any_store.graph_names() == [DOC_GRAPH]
    assert len(any_store) == 3
    any_store.add_graph(small_graph("new"), graph_name=DOC_GRAPH)
    values = sorted(r[0] for r in any_store.query("SELECT ?o WHERE { ?s ?p ?o }").rows)
    assert values == ["keep", "new"]  # no stale triple of the old version
    assert len(any_store) == 2
    in_graph = any_store.query(f"SELECT ?o WHERE {{ GRAPH <{DOC_GRAPH}> {{ ?s ?p ?o }} }}").rows
    assert in_graph == [("new",)]


def test_queries_see_the_union_of_named_graphs(any_store):
    a, b = extraction_a(), extraction_b()
    any_store.add_graph(build_graph([a]), graph_name=str(iri.document_iri(a.document.id)))
    any_store.add_graph(build_graph([b]), graph_name=str(iri.document_iri(b.document.id)))
    assert len(any_store.graph_names()) == 2
    # an entity of both documents has a gov:mentionedIn in each named graph; the union sees both
    shengwei = iri.entity_iri("Actor", "江苏省委")
    docs = any_store.query(f"SELECT ?d WHERE {{ <{shengwei}> gov:mentionedIn ?d }}").column("d")
    assert sorted(docs) == sorted(str(iri.document_iri(x.document.id)) for x in (a, b))


def test_remove_graph_drops_only_that_graph(any_store):
    any_store.add_graph(small_graph("keep"))
    any_store.add_graph(small_graph("gone"), graph_name=DOC_GRAPH)
    any_store.remove_graph(DOC_GRAPH)
    assert any_store.graph_names() == []
    assert any_store.query("SELECT ?o WHERE { ?s ?p ?o }").rows == [("keep",)]
    any_store.remove_graph("urn:x:never-there")  # no error


def test_a_graph_name_must_be_an_iri(any_store):
    with pytest.raises(StoreError, match="not an absolute IRI"):
        any_store.add_graph(small_graph("a"), graph_name="not an iri")


# -------------------------------------------------------------------------------------- RDF files


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt", "trig", "nquads"])
@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_load_reads_every_output_format(tmp_path, fmt, kind):
    g = fixture_graph()
    ext = {"turtle": "ttl", "json-ld": "jsonld", "nt": "nt", "trig": "trig", "nquads": "nq"}[fmt]
    path = tmp_path / f"out.{ext}"
    if fmt in ("trig", "nquads"):
        ds = rdflib.Dataset()
        named = ds.graph(URIRef(DOC_GRAPH))
        for t in g:
            named.add(t)
        ds.serialize(path, format=fmt)
    else:
        g.serialize(path, format=fmt)
    with (MemoryStore() if kind == "memory" else OxigraphStore()) as store:
        store.load(path)
        assert len(store) == len(g)
        assert store.graph_names() == ([DOC_GRAPH] if fmt in ("trig", "nquads") else [])
        labels = store.query("SELECT ?l WHERE { ?e a gov:Challenge ; rdfs:label ?l }").column("l")
        assert labels == ["服务能力薄弱"]


def test_load_into_a_named_graph_replaces_it(tmp_path):
    v1, v2 = tmp_path / "v1.ttl", tmp_path / "v2.jsonld"
    small_graph("old").serialize(v1, format="turtle")
    small_graph("new").serialize(v2, format="json-ld")
    with OxigraphStore() as store:
        store.load(v1, graph_name=DOC_GRAPH)
        store.load(v2, graph_name=DOC_GRAPH)
        assert store.query("SELECT ?o WHERE { ?s ?p ?o }").rows == [("new",)]


def test_a_dataset_file_cannot_go_into_one_named_graph(tmp_path):
    path = tmp_path / "x.trig"
    path.write_text("<urn:x:s> <urn:x:p> <urn:x:o> .\n", encoding="utf-8")
    for store in (MemoryStore(), OxigraphStore()):
        with pytest.raises(StoreError, match="triples format"):
            store.load(path, graph_name=DOC_GRAPH)


def test_a_broken_file_is_refused_and_leaves_the_store_unchanged(tmp_path):
    good = "<urn:x:s> <urn:x:p> <urn:x:o> .\n"
    path = tmp_path / "broken.nt"
    path.write_text(good * 3 + "<urn:x:s> <urn:x:p> \"unterminated .\n", encoding="utf-8")
    with OxigraphStore(tmp_path / "s") as store:
        store.add_graph(small_graph("a"))
        with pytest.raises(StoreError, match="cannot load"):
            store.load(path)
        with pytest.raises(StoreError, match="cannot load"):
            store.load(path, graph_name=DOC_GRAPH)
        assert len(store) == 1
    with pytest.raises(StoreError, match="cannot read"):
        MemoryStore().load(path)


def test_rdf_format_by_extension_or_name():
    assert rdf_format("a/b.ttl") == ox.RdfFormat.TURTLE
    assert rdf_format("b.jsonld") == ox.RdfFormat.JSON_LD
    assert rdf_format("b.nq") == ox.RdfFormat.N_QUADS
    assert rdf_format("b.whatever", "trig") == ox.RdfFormat.TRIG
    with pytest.raises(StoreError, match="cannot tell the RDF format"):
        rdf_format("notes.txt")
    with pytest.raises(StoreError, match="unknown RDF format"):
        rdf_format("b.ttl", "yaml")


# ---------------------------------------------------------------------------------- persistence


def test_a_reopened_store_sees_the_data(tmp_path):
    path = tmp_path / "kg.oxigraph"
    g = fixture_graph()
    with OxigraphStore(path) as store:
        store.add_graph(g)
        store.add_graph(small_graph("named"), graph_name=DOC_GRAPH)
        summary = store.query("SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c ORDER BY ?c").rows
    with OxigraphStore(path) as again:
        assert len(again) == len(g) + 1
        assert again.graph_names() == [DOC_GRAPH]
        assert again.query("SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c ORDER BY ?c").rows == summary
    # read by plain pyoxigraph, without the union: the triples are in the real default graph
    # (oxrdflib's Graph(store="Oxigraph") would have put them into a random blank-node graph)
    raw = ox.Store.read_only(str(path))
    n_default = next(iter(raw.query(COUNT)))["n"].value
    assert int(n_default) == len(g)
    del raw
    with OxigraphStore(path, read_only=True) as ro:
        assert len(ro) == len(g) + 1
        with pytest.raises(StoreError, match="read-only"):
            ro.add_graph(small_graph("x"))


def test_a_closed_store_refuses_work(tmp_path):
    store = OxigraphStore(tmp_path / "s")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        len(store)
    mem = MemoryStore(small_graph("a"))
    mem.close()
    with pytest.raises(StoreError, match="closed"):
        mem.add_graph(small_graph("b"))


def test_opening_something_that_is_not_a_store_fails_cleanly(tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        OxigraphStore(tmp_path / "file.txt")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        OxigraphStore(tmp_path / "folder")
    with pytest.raises(StoreError, match="no Oxigraph store"):
        OxigraphStore(tmp_path / "missing", read_only=True)


def test_a_store_locked_by_another_writer_gives_a_store_error(tmp_path):
    with OxigraphStore(tmp_path / "s"), pytest.raises(StoreError, match="cannot open"):
        OxigraphStore(tmp_path / "s")


# ---------------------------------------------------------------------------------- the server


def _sparql_get(url: str, query: str, **params: str) -> dict:
    qs = urllib.parse.urlencode({"query": query, **params})
    req = urllib.request.Request(f"{url}/query?{qs}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def _count_over_http(url: str, query: str = COUNT, **params: str) -> int:
    return int(_sparql_get(url, query, **params)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
@pytest.mark.skipif(not OXIGRAPH_BIN.exists(), reason="the oxigraph CLI (PyPI package oxigraph) is not installed")
def test_oxigraph_server_sees_the_data_and_refuses_updates(tmp_path):
    path = tmp_path / "kg.oxigraph"
    g = fixture_graph()
    with OxigraphStore(path) as store:
        store.add_graph(g)
        store.add_graph(small_graph("named"), graph_name=DOC_GRAPH)
    with oxigraph_server(path) as url:
        assert _count_over_http(url) == len(g)  # the default graph, as written
        assert _count_over_http(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 1
        assert _count_over_http(url, **{"union-default-graph": ""}) == len(g) + 1
        labels = _sparql_get(url, "PREFIX gov: <https://w3id.org/govkg/ontology#> "
                                  "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                                  "SELECT ?l WHERE { ?c a gov:Challenge ; rdfs:label ?l }")
        assert [b["l"]["value"] for b in labels["results"]["bindings"]] == ["服务能力薄弱"]
        update = urllib.request.Request(
            f"{url}/update", data=b"INSERT DATA { <urn:x:evil> <urn:x:p> <urn:x:o> }",
            headers={"Content-Type": "application/sparql-update"}, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert 400 <= refused.value.code < 500
        put = urllib.request.Request(f"{url}/store?default", data=b"<urn:x:evil> <urn:x:p> <urn:x:o> .",
                                     headers={"Content-Type": "application/n-triples"}, method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(put, timeout=10)
        assert _count_over_http(url) == len(g)
    with OxigraphStore(path, read_only=True) as again:
        assert again.query("ASK { <urn:x:evil> ?p ?o }").boolean is False


# ------------------------------------------------------------------------------------------- CLI


def test_cli_store_load_and_info(tmp_path):
    a, b = extraction_a(), extraction_b()
    fa, fb = tmp_path / "a.ttl", tmp_path / "b.jsonld"
    build_graph([a]).serialize(fa, format="turtle")
    build_graph([b]).serialize(fb, format="json-ld")
    store = tmp_path / "kg.oxigraph"
    runner = CliRunner()
    res = runner.invoke(app, ["store", "load", str(fa), str(fb), "--store", str(store), "--by-document"])
    assert res.exit_code == 0, res.output
    # loading again replaces each document's graph: nothing doubles, nothing goes stale
    res = runner.invoke(app, ["store", "load", str(fa), str(fb), "--store", str(store), "--by-document"])
    assert res.exit_code == 0, res.output
    assert "(+0)" in res.stdout
    res = runner.invoke(app, ["store", "info", "--store", str(store)])
    assert res.exit_code == 0, res.output
    total = len(build_graph([a])) + len(build_graph([b]))
    assert f"quads: {total}" in res.stdout
    assert "documents: 2" in res.stdout
    for x in (a, b):
        assert f"<{iri.document_iri(x.document.id)}>" in res.stdout
    res = runner.invoke(app, ["query", "--store", str(store), "-f", "csv",
                              "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a gov:Document }"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["n", "2"]


def test_cli_store_errors_are_one_line(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    store = tmp_path / "s"
    res = runner.invoke(app, ["store", "load", str(bad), "--store", str(store)])
    assert res.exit_code == 1
    assert "cannot load" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(app, ["store", "load", str(tmp_path / "missing.ttl"), "--store", str(store)])
    assert res.exit_code == 1 and "no such file" in res.stderr
    res = runner.invoke(app, ["store", "info", "--store", str(tmp_path / "nowhere")])
    assert res.exit_code == 1 and "no Oxigraph store" in res.stderr
    assert not (tmp_path / "nowhere").exists()
    odd = tmp_path / "notes.txt"
    odd.write_text("x", encoding="utf-8")
    res = runner.invoke(app, ["store", "load", str(odd), "--store", str(store)])
    assert res.exit_code == 2 and "RDF format" in res.stderr
