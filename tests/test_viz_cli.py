"""``govkg viz``: writes the page from a file, a store or the sample; bad input fails in one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cli.viz  # noqa: F401  (registers the command)
from kg.cli._app import app
from kg.graph.synthetic import synthetic_extraction
from kg.rdf.build import build_graph

runner = CliRunner()
WIDE = {"COLUMNS": "240"}


@pytest.fixture(scope="module")
def extraction():
    return synthetic_extraction(60, 120, n_quantities=5, seed=11)


@pytest.fixture(scope="module")
def ttl(tmp_path_factory: pytest.TempPathFactory, extraction) -> Path:
    path = tmp_path_factory.mktemp("viz") / "graph.ttl"
    build_graph([extraction]).serialize(path, format="turtle")
    return path


def viz(*args: str):
    return runner.invoke(app, ["viz", *args], env=WIDE)


def page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', html, re.DOTALL)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_writes_the_page_from_a_graph_file(ttl: Path, tmp_path: Path):
    out = tmp_path / "graph.html"
    result = viz("--graph", str(ttl), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert data["stats"]["nodes_shown"] == data["stats"]["nodes_total"] > 0
    assert f"wrote {out}" in result.output.replace("\n", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]  # no lib/, no temp file


def test_max_nodes_says_what_was_cut(ttl: Path, tmp_path: Path):
    out = tmp_path / "g.html"
    result = viz("-g", str(ttl), "-o", str(out), "--max-nodes", "10")
    assert result.exit_code == 0, result.output
    stats = page_data(out)["stats"]
    assert stats["nodes_shown"] == 10 and stats["nodes_cut"] == stats["nodes_total"] - 10
    assert f"省略 {stats['nodes_cut']} 个节点" in result.output
    assert stats["cut_examples"][0] in result.output
    en = viz("-g", str(ttl), "-o", str(out), "--max-nodes", "10", "--lang", "en")
    assert f"cut {stats['nodes_cut']} nodes" in en.output
    assert page_data(out)["lang"] == "en"


def test_focus_by_label_draws_the_neighbourhood(ttl: Path, extraction, tmp_path: Path):
    label = extraction.entities[0].label
    out = tmp_path / "ego.html"
    result = viz("-g", str(ttl), "-o", str(out), "--focus", label, "--hops", "1")
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert data["stats"]["focus"] == [label] and data["stats"]["hops"] == 1
    assert [n["label"] for n in data["nodes"] if n.get("focus")] == [label]
    assert data["stats"]["nodes_shown"] < data["stats"]["nodes_total"]
    assert "focus:" in result.output


def test_unknown_focus_fails_in_one_line_without_output(ttl: Path, tmp_path: Path):
    out = tmp_path / "x.html"
    result = viz("-g", str(ttl), "-o", str(out), "--focus", "不存在的实体")
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_store_input(ttl: Path, tmp_path: Path):
    import pyoxigraph

    folder = tmp_path / "store"
    store = pyoxigraph.Store(str(folder))
    store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
    store.flush()
    del store
    out = tmp_path / "s.html"
    from_store = viz("--store", str(folder), "-o", str(out))
    assert from_store.exit_code == 0, from_store.output
    from_file = viz("--graph", str(ttl), "-o", str(tmp_path / "f.html"))
    assert from_file.exit_code == 0
    a, b = page_data(out), page_data(tmp_path / "f.html")
    assert a["stats"]["nodes_total"] == b["stats"]["nodes_total"] and a["edges"] == b["edges"]


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda d: d / "missing.ttl", 1, "no such file"),
        (lambda d: _write(d / "bad.ttl", "garbage <<"), 1, "cannot load"),
        (lambda d: _write(d / "graph.xyz", "x"), 1, "cannot tell the RDF format"),
        (lambda d: d, 2, "is a folder"),
        (lambda d: _write(d / "empty.ttl", "@prefix x: <urn:x:> .\n"), 1, "no entities"),
    ],
)
def test_bad_input_fails_in_one_line_and_keeps_the_old_page(tmp_path: Path, make, code, message):
    out = tmp_path / "out.html"
    out.write_text("old page", encoding="utf-8")
    result = viz("-g", str(make(tmp_path)), "-o", str(out))
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "old page"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "--lang"),
        (["--size-by", "closeness"], "--size-by"),
        (["--store", "somewhere"], "not both"),
        (["--max-nodes", "0"], "--max-nodes must be at least 1"),
        (["--hops", "-1"], "--hops must be 0 or more"),
        (["--hops", "1"], "--hops needs --focus"),  # was ignored: the whole graph was drawn
    ],
)
def test_bad_options_are_usage_errors(ttl: Path, tmp_path: Path, args, message):
    result = viz("-g", str(ttl), "-o", str(tmp_path / "x.html"), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_output_folder_must_exist(ttl: Path, tmp_path: Path):
    result = viz("-g", str(ttl), "-o", str(tmp_path / "nope" / "x.html"))
    assert result.exit_code == 2 and "does not exist" in result.output
    result = viz("-g", str(ttl), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a folder" in result.output


def test_default_input_is_the_bundled_sample(tmp_path: Path):
    pipeline = pytest.importorskip("kg.pipeline")
    from kg.graph import to_networkx

    G = to_networkx(pipeline.build_sample_graph())
    out = tmp_path / "sample.html"
    result = viz("-o", str(out))
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert data["stats"]["nodes_total"] == G.number_of_nodes() > 0
    assert {n["label"] for n in data["nodes"]} == {d["label"] for _, d in G.nodes(data=True)}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_store_option_needs_a_store_folder(tmp_path: Path):
    result = viz("--store", str(tmp_path), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "no Oxigraph store" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()
