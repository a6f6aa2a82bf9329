"""Corpus builds (kg.corpus, govkg build --store): named graph per source, skip/replace, prune, outputs.

The texts are short invented notices and reports in the genre, written for these tests.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import _register, app
from kg.corpus import (
    MANIFEST_GRAPH,
    CorpusError,
    Settings,
    build_corpus,
    canonical_nquads,
    dump_dataset,
    read_manifest,
    remove_sources,
    source_id,
    source_iri,
    sources_for,
)
from kg.query import run_named, run_query
from kg.store import OxigraphStore

_register()

TEXTS = {
    "notices/a.txt": (
        "关于推进社区养老服务的通知\n"
        "苏政办发〔2022〕60号\n"
        "各市、县(市、区)人民政府:\n"
        "省民政厅牵头建立社区养老服务联席会议制度，推动养老服务体系建设。"
        "到2025年，全省建成社区养老服务中心1500个。\n"
        "2022年5月10日\n"
    ),
    "notices/b.md": (
        "# 某市网格化服务管理工作要点\n\n"
        "市委政法委**统筹推进**网格化服务管理，建立网格员队伍，全市划分网格3200个。\n\n"
        "- 街道办事处落实属地责任\n"
    ),
    "notices/c.html": (
        "<html><head><title>县政府关于社区协商的意见</title><style>p{color:red}</style>"
        "<script>var secretScript = 1;</script></head><body>"
        "<p>县政府印发《社区协商议事规则》，建立居民议事会制度。</p>"
        "<p>全县已有社区协商议事会420个。</p></body></html>"
    ),
    "reports/d.txt": (
        "某县民政工作报告\n"
        "省民政厅指导县民政局推进养老服务体系建设，全县养老机构床位达到3600张。\n"
    ),
}


def write_corpus(root: Path, texts: dict[str, str] | None = None) -> Path:
    for rel, text in (texts or TEXTS).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def build(root: Path, store: OxigraphStore, **kw):
    return build_corpus(sources_for([root], base=root), store, **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("corpus"))
    store = OxigraphStore(tmp_path_factory.mktemp("store") / "kg")
    report = build(root, store)
    yield root, store, report
    store.close()


def graph_triples(store: OxigraphStore, graph: str) -> int:
    return len(list(store.engine().quads_for_pattern(None, None, None, ox.NamedNode(graph))))


# ------------------------------------------------------------------------------------------ ids


def test_source_ids_are_relative_posix_nfc_paths(tmp_path):
    assert source_id(tmp_path / "a" / "b.txt", base=tmp_path) == "a/b.txt"
    assert source_id(tmp_path / "a" / ".." / "c.txt", base=tmp_path) == "c.txt"
    outside = source_id("/elsewhere/x.txt", base=tmp_path)
    assert outside == "/elsewhere/x.txt"
    assert source_id(tmp_path / "cafe\u0301.txt", base=tmp_path) == "caf\u00e9.txt"  # NFD file name -> NFC


def test_source_graph_names_are_valid_distinct_iris():
    names = {source_iri(s) for s in ("a.txt", "a b.txt", "通知/a.txt", "/abs/a.txt", "abs/a.txt")}
    assert len(names) == 5
    for n in names:
        ox.NamedNode(n)  # raises on an invalid IRI
        assert " " not in n
    assert source_iri("/abs/a.txt") != source_iri("abs/a.txt")


def test_sources_for_reads_folders_sorted_and_once(tmp_path):
    write_corpus(tmp_path)
    (tmp_path / "notices" / "skip.pdf").write_bytes(b"%PDF")
    ids = [s.id for s in sources_for([tmp_path, tmp_path / "notices" / "a.txt"], base=tmp_path)]
    assert ids == ["notices/a.txt", "notices/b.md", "notices/c.html", "reports/d.txt"]


def test_document_quads_are_rdflibs_triples_in_the_source_graph():
    from fixtures_store import extraction_a, extraction_b, make_document

    from kg.corpus import _document_nquads
    from kg.rdf.build import build_graph
    from kg.records import Extraction

    tricky = Extraction(document=make_document("正文\t“引号”\\反斜杠\r\n下一行。",
                                               title='他说"网格\\化"\n管理', jurisdiction="江苏"))
    for ex in (extraction_a(), extraction_b(), tricky):
        data, n = _document_nquads(ex, "urn:x:g")
        ours = ox.Store()
        ours.load(data, ox.RdfFormat.N_QUADS)
        ref = ox.Store()
        ref.load(build_graph([ex]).serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES,
                 to_graph=ox.NamedNode("urn:x:g"))
        assert n == len(ref) and canonical_nquads(ours) == canonical_nquads(ref)


# ------------------------------------------------------------------------------------ the build


def test_every_document_graph_read_back_from_the_store_meets_the_shapes(corpus):
    """The quads the corpus writes, as the on-disk store gives them back (offsets as xsd:integer)."""
    import rdflib

    from kg.rdf.validate import validate

    _, store, _ = corpus
    for sid in TEXTS:
        data = store.engine().dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(source_iri(sid)))
        g = rdflib.Graph().parse(data=data, format="nt")
        assert len(g) > 50
        report = validate(g)
        assert report.conforms, (sid, report.text)


def test_one_named_graph_per_source_plus_the_manifest(corpus):
    _, store, report = corpus
    assert sorted(report.added) == sorted(TEXTS) and not report.failed and not report.skipped
    assert set(store.graph_names()) == {source_iri(s) for s in TEXTS} | {MANIFEST_GRAPH}
    default = list(store.engine().quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert default == []
    for sid in TEXTS:  # each graph holds exactly one document record, its own
        docs = run_query(store, f"SELECT ?d WHERE {{ GRAPH <{source_iri(sid)}> {{ ?d a gov:Document }} }}")
        assert len(docs) == 1
    manifest = read_manifest(store)
    assert set(manifest) == set(TEXTS)
    assert all(e.sha256 and e.activity for e in manifest.values())


def test_document_records_carry_the_metadata_the_text_states(corpus):
    _, store, _ = corpus
    rows = {r["title"]: r for r in run_named("document_list", store).records()}
    a = rows["关于推进社区养老服务的通知"]
    assert a["number"] == "苏政办发〔2022〕60号" and a["date"] == "2022-05-10"
    assert a["chars"] == len(TEXTS["notices/a.txt"])
    sources = run_query(store, "SELECT ?s WHERE { ?d a gov:Document ; dcterms:source ?s }").column("s")
    assert sorted(sources) == sorted(TEXTS)  # the source id, the same however the path was spelled


def test_markup_is_stripped_from_html_and_markdown(corpus):
    _, store, _ = corpus
    quotes = " ".join(run_query(store, "SELECT ?q WHERE { ?x oa:exact ?q }").column("q"))
    titles = run_query(store, "SELECT ?t WHERE { ?d dcterms:title ?t }").column("t")
    assert "某市网格化服务管理工作要点" in titles  # the markdown heading, without '#'
    text = quotes + " ".join(titles)
    for markup in ("<p>", "**", "secretScript", "color:red", "# "):
        assert markup not in text


def test_entities_are_merged_across_documents_with_every_mention_kept(corpus):
    _, store, _ = corpus
    shared = run_named("multi_document_entities", store).records()
    assert shared, "省民政厅 and 养老服务体系 are named in two documents"
    for row in shared:
        graphs = run_query(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{row['entity']}> gov:hasMention ?m }} }}")
        assert len(graphs) == row["documents"] >= 2  # each document's graph keeps its own mentions


def test_unchanged_documents_are_skipped(corpus):
    root, store, _ = corpus
    before = canonical_nquads(store)
    report = build(root, store)
    assert sorted(report.skipped) == sorted(TEXTS) and report.processed == 0
    assert canonical_nquads(store) == before


def test_a_changed_document_replaces_its_graph_without_stale_triples(tmp_path):
    root = write_corpus(tmp_path / "c")
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        old_doc = read_manifest(store)["reports/d.txt"]
        (root / "reports" / "d.txt").write_text("某县民政工作报告\n县民政局建立困难群众主动发现机制，全县救助对象达到520户。\n",
                                                encoding="utf-8")
        report = build(root, store)
        assert report.replaced == ["reports/d.txt"] and sorted(report.skipped) == sorted(set(TEXTS) - {"reports/d.txt"})
        new_doc = read_manifest(store)["reports/d.txt"]
        assert new_doc.sha256 != old_doc.sha256
        # nothing of the old version is left anywhere: not its document, not its figures
        old_iri = "https://w3id.org/govkg/id/doc/" + old_doc.sha256[:16]
        assert not run_query(store, f"ASK {{ {{ <{old_iri}> ?p ?o }} UNION {{ ?s ?p <{old_iri}> }} }}").boolean
        assert not run_query(store, 'ASK { ?x oa:exact ?q FILTER(CONTAINS(?q, "3600")) }').boolean
        incremental = canonical_nquads(store)
    # the same as building the current files from scratch
    with OxigraphStore(tmp_path / "fresh") as fresh:
        build(root, fresh)
        assert canonical_nquads(fresh) == incremental


def test_an_entity_keeps_its_labels_while_another_document_mentions_it(tmp_path):
    root = write_corpus(tmp_path / "c")
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        shared = {r["entity"]: r["label"] for r in run_named("multi_document_entities", store).records()
                  if "reports/d.txt" in run_query(
                      store, f"SELECT ?s WHERE {{ <{r['entity']}> gov:mentionedIn/dcterms:source ?s }}").column("s")}
        assert shared

        def types(e: str) -> set[str]:
            return set(run_query(store, f"SELECT ?c WHERE {{ <{e}> a ?c }}").column("c"))

        before = {e: types(e) for e in shared}
        (root / "reports" / "d.txt").unlink()
        report = build(root, store, prune_under=[""])
        assert report.removed == ["reports/d.txt"]
        assert source_iri("reports/d.txt") not in store.graph_names()
        for entity, label in shared.items():
            labels = run_query(store, f"SELECT ?l WHERE {{ <{entity}> rdfs:label ?l }}").column("l")
            assert label in labels
            assert types(entity) == before[entity] and before[entity]
            docs = run_query(store, f"SELECT ?s WHERE {{ <{entity}> gov:mentionedIn/dcterms:source ?s }}").column("s")
            assert "reports/d.txt" not in docs and docs


def test_prune_only_looks_under_the_folders_given(tmp_path):
    root = write_corpus(tmp_path / "c")
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        (root / "notices" / "a.txt").unlink()
        (root / "reports" / "d.txt").unlink()
        report = build_corpus(sources_for([root / "notices"], base=root), store, prune_under=["notices"])
        assert report.removed == ["notices/a.txt"]
        assert set(read_manifest(store)) == {"notices/b.md", "notices/c.html", "reports/d.txt"}
        assert remove_sources(store, ["reports/d.txt", "nope.txt"]) == ["reports/d.txt"]
        assert set(store.graph_names()) == {source_iri("notices/b.md"), source_iri("notices/c.html"), MANIFEST_GRAPH}
        # no manifest entry points at a graph that is gone
        assert not run_query(store, f"ASK {{ GRAPH <{MANIFEST_GRAPH}> {{ ?d prov:hadPrimarySource "
                                    f"<{source_iri('reports/d.txt')}> }} }}").boolean


def test_other_settings_or_force_extract_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        assert build(root, store).skipped == ["a.txt"]
        assert build(root, store, force=True).replaced == ["a.txt"]
        report = build(root, store, settings=Settings(jurisdiction="江苏"))
        assert report.replaced == ["a.txt"]
        assert run_query(store, 'ASK { ?d gov:jurisdiction "江苏" }').boolean
        # one settings activity left in the manifest: the superseded one was cleaned up
        acts = run_query(store, f"SELECT ?a WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?a a prov:Activity }} }}")
        assert len(acts) == 1


def test_a_graph_left_by_an_interrupted_run_is_replaced(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"], "b.txt": TEXTS["reports/d.txt"]})
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        # as if a run had loaded a.txt's graph and died before its manifest entry was written
        store.engine().update(f"INSERT DATA {{ GRAPH <{source_iri('a.txt')}> {{ <urn:stale> <urn:p> 1 }} }} ;"
                              f"DELETE WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{source_iri('a.txt')}> ?p ?o }} }}")
        report = build(root, store)
        assert report.replaced == [] and report.added == ["a.txt"] and report.skipped == ["b.txt"]
        assert not run_query(store, "ASK { <urn:stale> ?p ?o }").boolean


def test_unreadable_files_are_reported_and_the_rest_stored(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    (root / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")
    with OxigraphStore(tmp_path / "s") as store:
        report = build(root, store)
        assert report.added == ["a.txt"]
        assert sorted(sid for sid, _ in report.failed) == ["bad.txt", "empty.txt"]
        assert all("\n" not in msg for _, msg in report.failed)
        assert set(read_manifest(store)) == {"a.txt"}


def test_the_same_text_under_another_path_is_flagged(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    with OxigraphStore(tmp_path / "s") as store:
        build(root, store)
        moved = write_corpus(tmp_path / "d", {"copy.txt": TEXTS["notices/a.txt"]})
        report = build_corpus(sources_for([moved], base=moved), store)
        assert report.duplicates == [("copy.txt", "a.txt")]


def test_bad_engine_options_are_refused(tmp_path):
    with OxigraphStore() as store:
        with pytest.raises(CorpusError):
            build_corpus([], store, workers=0)
        with pytest.raises(CorpusError):
            build_corpus([], store, workers=2, dask="tcp://127.0.0.1:1")


def test_dataset_files_hold_every_graph(corpus, tmp_path):
    _, store, _ = corpus
    for fmt, rdf_format in (("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)):
        path = dump_dataset(store, tmp_path / f"kg.{fmt}", fmt)
        back = ox.Store()
        back.load(path=str(path), format=rdf_format)
        assert canonical_nquads(back) == canonical_nquads(store)
    assert not list(tmp_path.glob(".*.tmp"))


# ------------------------------------------------------------------------------------------- CLI

runner = CliRunner()


def test_cli_corpus_build_writes_the_store_and_trig(tmp_path):
    root = write_corpus(tmp_path / "c")
    store, out = tmp_path / "kg.oxigraph", tmp_path / "out"
    args = ["build", str(root), "--store", str(store), "--base", str(root), "-o", str(out), "--format", "trig"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "added" in res.output and (out / "govkg.trig").is_file()
    g = ox.Store()
    g.load(path=str(out / "govkg.trig"), format=ox.RdfFormat.TRIG)
    assert {n.value for n in g.named_graphs()} == {source_iri(s) for s in TEXTS} | {MANIFEST_GRAPH}
    again = runner.invoke(app, args + ["--format", "nquads"])
    assert again.exit_code == 0, again.output
    with OxigraphStore(store, read_only=True) as s:
        assert sorted(read_manifest(s)) == sorted(TEXTS)
    assert re.search(r"unchanged \(skipped\)\W+4\b", again.output) and re.search(r"\badded\W+0\b", again.output)
    assert (out / "govkg.nq").is_file()


@pytest.mark.parametrize("extra, message", [
    (["--workers", "0"], "--workers"),
    (["--workers", "2", "--dask", "tcp://127.0.0.1:1"], "not both"),
    (["--format", "turtle"], "trig or nquads"),
    (["--prune"], "--store"),
])
def test_cli_corpus_options_fail_in_one_line(tmp_path, extra, message):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    res = runner.invoke(app, ["build", str(root), "-o", str(tmp_path / "out"), *extra])
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_cli_store_that_is_not_a_store_fails_in_one_line(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    (tmp_path / "notastore").mkdir()
    (tmp_path / "notastore" / "x").write_text("x")
    res = runner.invoke(app, ["build", str(root), "--store", str(tmp_path / "notastore")])
    assert res.exit_code == 1 and "not an Oxigraph store" in res.output


def test_cli_copy_of_a_folder_keeps_its_ids_with_base(tmp_path, monkeypatch):
    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["notices/a.txt"]})
    store = tmp_path / "kg"
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["build", "c", "--store", str(store)]).exit_code == 0
    moved = tmp_path / "moved"
    shutil.copytree(root, moved)
    res = runner.invoke(app, ["build", str(moved), "--store", str(store), "--base", str(moved)])
    assert res.exit_code == 0
    assert "same text as c/a.txt" in " ".join(res.output.split())


def test_only_a_process_owner_freezes_the_heap(tmp_path):
    """A library call leaves the caller's garbage collector alone; ``freeze=True`` (the CLI) freezes it."""
    import subprocess
    import sys
    import textwrap

    root = write_corpus(tmp_path / "c", {"a.txt": TEXTS["reports/d.txt"]})
    script = textwrap.dedent(f"""
        import gc
        from pathlib import Path
        from kg.corpus import build_corpus, sources_for
        from kg.store import OxigraphStore
        root = Path({str(root)!r})
        with OxigraphStore() as s:
            build_corpus(sources_for([root], base=root), s)
        print(gc.get_freeze_count())
        with OxigraphStore() as s:
            build_corpus(sources_for([root], base=root), s, freeze=True)
        print(gc.get_freeze_count())
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    before, after = map(int, out.stdout.split())
    assert before == 0 and after > 0
