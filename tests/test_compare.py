"""govkg compare and the compare_documents / compare_metrics named queries, on two hand-made versions of a plan."""

from __future__ import annotations

import json

import pytest
from fixtures_store import make_document, sentence_of, span
from rdflib import URIRef
from typer.testing import CliRunner

from kg.cli import _register, app
from kg.corpus import source_iri
from kg.query import run_named
from kg.rdf import iri
from kg.rdf.build import build_graph
from kg.records import Entity, Extraction, Mention, Quantity
from kg.store import OxigraphStore

_register()
runner = CliRunner()

V1 = ("某市养老服务发展规划(2021)\n市民政局牵头推进居家养老服务体系，建立养老服务时间银行制度，实现老有所养。"
      "全市建成养老服务中心120个，养老服务中心覆盖率达85%。到2025年建成养老服务中心200个。")
V2 = ("某市养老服务发展规划(2023)\n市民政局牵头推进居家养老服务体系，市卫生健康委实施医养结合工程，实现老有所养。"
      "全市建成养老服务中心150个，养老服务中心覆盖率达85%。到2025年建成养老服务中心260个。")
NOTE = "某市养老服务发展规划(2023)解读\n市民政局解读居家养老服务体系。"

CLASSES = {"市民政局": ("Actor", "GovernmentBody"), "市卫生健康委": ("Actor", "GovernmentBody"),
           "居家养老服务体系": ("Mechanism", "System"), "养老服务时间银行制度": ("Mechanism", "Institution"),
           "养老服务中心": ("Mechanism", "Platform"), "医养结合工程": ("Mechanism", "Program"),
           "老有所养": ("Goal", "ServiceTarget")}
CENTRE = ("Mechanism", "养老服务中心")


def _entity(text: str, label: str) -> Entity:
    core, cls = CLASSES[label]
    mentions = []
    start = text.find(label)
    while start >= 0:
        s = span(text, label, len(mentions))
        mentions.append(Mention(span=s, key=(core, label), sentence=sentence_of(text, s), surface=label))
        start = text.find(label, start + 1)
    return Entity(key=(core, label), cls=cls, label=label, mentions=tuple(mentions))


def _quantity(text: str, quote: str, value: float, unit: str, *, target: bool = False) -> Quantity:
    s = span(text, quote)
    return Quantity(span=s, value=value, unit=unit, measures=(CENTRE,), is_target=target, until=2025 if target else None,
                    statement=text[text.rfind("。", 0, s.start) + 1:s.start], sentence=sentence_of(text, s))


def extraction(text: str, title: str, source: str, labels: list[str], quantities: list[Quantity]) -> Extraction:
    doc = make_document(text, title=title, source=source)
    return Extraction(document=doc, entities=tuple(_entity(text, lb) for lb in labels), quantities=tuple(quantities))


def v1() -> Extraction:
    return extraction(V1, "某市养老服务发展规划(2021)", "plans/2021.txt",
                      ["市民政局", "居家养老服务体系", "养老服务时间银行制度", "养老服务中心", "老有所养"],
                      [_quantity(V1, "120个", 120, "个"), _quantity(V1, "85%", 85, "%"),
                       _quantity(V1, "200个", 200, "个", target=True)])


def v2() -> Extraction:
    return extraction(V2, "某市养老服务发展规划(2023)", "plans/2023.txt",
                      ["市民政局", "市卫生健康委", "居家养老服务体系", "医养结合工程", "养老服务中心", "老有所养"],
                      [_quantity(V2, "150个", 150, "个"), _quantity(V2, "85%", 85, "%"),
                       _quantity(V2, "260个", 260, "个", target=True)])


def note() -> Extraction:
    return extraction(NOTE, "某市养老服务发展规划(2023)解读", "plans/note.txt", ["市民政局", "居家养老服务体系"], [])


def doc_iri(ex: Extraction) -> str:
    return str(iri.document_iri(ex.document.id))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "kg"
    with OxigraphStore(path) as store:
        for ex in (v1(), v2(), note()):
            store.add_graph(build_graph([ex]), graph_name=source_iri(ex.document.meta.source))
    return path


@pytest.fixture(scope="module")
def store(store_path):
    with OxigraphStore(store_path, read_only=True) as s:
        yield s


def test_compare_documents_sorts_entities_into_shared_new_and_dropped(store):
    res = run_named("compare_documents", store, params={"a": URIRef(doc_iri(v1())), "b": URIRef(doc_iri(v2()))})
    got = {(r["status"], r["class"].rsplit("#", 1)[1], r["label"]) for r in res.records()}
    assert got == {
        ("shared", "Actor", "市民政局"), ("new", "Actor", "市卫生健康委"),
        ("shared", "Mechanism", "居家养老服务体系"), ("shared", "Mechanism", "养老服务中心"),
        ("new", "Mechanism", "医养结合工程"), ("dropped", "Mechanism", "养老服务时间银行制度"),
        ("shared", "Goal", "老有所养"),
    }
    assert len(res) == len(got)  # one row per entity, not one per mention or type


def test_compare_metrics_pairs_changed_figures_of_the_same_subject_and_unit(store):
    res = run_named("compare_metrics", store, params={"a": URIRef(doc_iri(v1())), "b": URIRef(doc_iri(v2()))})
    got = sorted((r["subjectLabel"], r["unit"], int(r["valueA"]), int(r["valueB"]), int(r["change"]))
                 for r in res.records())
    # 85% is in both (unchanged); a target is only compared with a target
    assert got == [("养老服务中心", "个", 120, 150, 30), ("养老服务中心", "个", 200, 260, 60)]


def test_compare_queries_swap_sides(store):
    res = run_named("compare_documents", store, params={"a": URIRef(doc_iri(v2())), "b": URIRef(doc_iri(v1()))})
    status = {r["label"]: r["status"] for r in res.records()}
    assert status["市卫生健康委"] == "dropped" and status["养老服务时间银行制度"] == "new"


def test_cli_compare_by_source_path_and_title(store_path):
    res = runner.invoke(app, ["compare", "plans/2021.txt", "某市养老服务发展规划(2023)", "--store", str(store_path)],
                        terminal_width=200)
    assert res.exit_code == 0, res.output
    out = res.output
    for label in ("市卫生健康委", "医养结合工程", "养老服务时间银行制度", "老有所养"):
        assert label in out
    assert "120" in out and "150" in out and "+30" in out and "+60" in out


def test_cli_compare_json(store_path):
    res = runner.invoke(app, ["compare", doc_iri(v1()), "plans/2023.txt", "--store", str(store_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["a"]["iri"] == doc_iri(v1()) and data["b"]["sources"] == ["plans/2023.txt"]
    assert data["entities"]["Mechanism"]["dropped"] == ["养老服务时间银行制度"]
    assert data["entities"]["Actor"]["new"] == ["市卫生健康委"]
    assert [(m["valueA"], m["valueB"]) for m in data["metrics"]] == [(120, 150), (200, 260)]


@pytest.mark.parametrize("a, b, message", [
    ("养老服务发展规划", "plans/2021.txt", "matches 3 documents"),
    ("no such plan", "plans/2021.txt", "no document matches"),
    ("plans/2021.txt", "某市养老服务发展规划(2021)", "the same document"),
])
def test_cli_compare_bad_references_fail_in_one_line(store_path, a, b, message):
    res = runner.invoke(app, ["compare", a, b, "--store", str(store_path)], terminal_width=300)
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output


def test_cli_compare_no_match_hint_names_the_store(store_path):
    # without --store, `govkg query --name document_list` lists the bundled sample, not the store's documents
    res = runner.invoke(app, ["compare", "no such plan", "plans/2021.txt", "--store", str(store_path)],
                        terminal_width=300)
    assert res.exit_code == 2 and "document_list` with the same --store" in res.output


def test_cli_compare_help_line_is_one_line():
    # a docstring broken over two lines showed its line break in the command list of `govkg --help`
    from kg.cli.compare import compare_command

    assert "\n" not in compare_command.__doc__.strip()
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0 and "changed figures" in res.output


def test_cli_compare_needs_a_store(tmp_path):
    res = runner.invoke(app, ["compare", "a", "b"])
    assert res.exit_code == 2 and "--store" in res.output
    res = runner.invoke(app, ["compare", "a", "b", "--store", str(tmp_path)])
    assert res.exit_code == 1 and "no Oxigraph store" in res.output
