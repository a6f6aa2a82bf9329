"""``govkg analyze`` on a fixture file, a store and the bundled sample; bad input fails in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.cli.analyze  # noqa: F401  (registers the command)
from kg.cli._app import app, console
from kg.graph import (
    betweenness,
    centrality_ranking,
    communities,
    describe_communities,
    example_path,
    explain_path,
    to_networkx,
)
from kg.graph.synthetic import synthetic_extraction
from kg.rdf.build import build_graph

runner = CliRunner()
WIDE = {"COLUMNS": "240"}


@pytest.fixture(scope="module")
def ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyze") / "graph.ttl"
    build_graph([synthetic_extraction(80, 160, n_quantities=6, seed=3)]).serialize(path, format="turtle")
    return path


def analyze(*args: str) -> object:
    return runner.invoke(app, ["analyze", *args], env=WIDE)


def test_analyze_a_file(ttl: Path) -> None:
    result = analyze("--graph", str(ttl), "--top", "3")
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("Most central actors", "Most central mechanisms", "Communities", "Bridging mechanisms",
                    "Explanation path"):
        assert heading in out
    G = to_networkx(build_graph([synthetic_extraction(80, 160, n_quantities=6, seed=3)]))
    assert f"{G.number_of_nodes()} entities" in out and f"{G.number_of_edges()} links" in out
    # the relations match `govkg build`'s count of relation assertions; measures edges are counted apart
    m = sum(1 for *_, d in G.edges(data=True) if d["predicate"].endswith("#measures"))
    assert f"({G.number_of_edges() - m} relations, {m} from a metric" in " ".join(out.split())
    bc = betweenness(G)
    best_actor = max((v for v in G if G.nodes[v]["cls"] == "Actor"), key=lambda v: (bc[v], str(v)))
    assert G.nodes[best_actor]["label"] in out
    sentence = out.split("Explanation path", 1)[1].splitlines()[1]
    assert "→" in sentence or "←" in sentence


def _rows(out: str, title: str) -> list[list[str]]:
    """The cells of the table titled ``title`` in ``out`` (one line per row: the output is wide)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip().strip("│").split("│")])
    return rows


def test_tables_show_the_summaries_of_kg_graph(ttl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command only formats kg.graph's records: every cell comes from them, in their order."""
    # one line per row: the console's width is fixed when it is created (to 80 under pytest-xdist)
    monkeypatch.setattr(console, "_width", 1000)
    result = analyze("--graph", str(ttl), "--top", "12")
    assert result.exit_code == 0, result.output
    out = result.output
    G = to_networkx(build_graph([synthetic_extraction(80, 160, n_quantities=6, seed=3)]))
    assert any(len(p) == 1 for p in communities(G, seed=0))  # single entities are not listed as communities
    for title, cls, by in (("Most central actors (by betweenness)", "Actor", "betweenness"),
                           ("Most central mechanisms (by PageRank)", "Mechanism", "pagerank")):
        expected = [[str(i), r["label"], r["type"], f"{r['pagerank']:.4f}", f"{r['betweenness']:.4f}",
                     str(r["links"])]
                    for i, r in enumerate(centrality_ranking(G, cls=cls, by=by, ties="node")[:12], 1)]
        assert _rows(out, title) == expected
    groups = [p for p in communities(G, seed=0) if len(p) > 1][:12]
    expected = [[str(i), str(r["size"]), " ".join(f"{c} {n}" for c, n in r["classes"].items()),
                 " | ".join(r["labels"])] for i, r in enumerate(describe_communities(G, groups), 1)]
    assert _rows(out, "Communities (Louvain, seed 0;") == expected
    assert out.split("Explanation path", 1)[1].splitlines()[1] == example_path(G)["sentence"]


def test_store_and_file_give_the_same_findings(ttl: Path, tmp_path: Path) -> None:
    from kg.store import OxigraphStore

    with OxigraphStore(tmp_path / "store") as store:
        store.load(ttl)
    from_store = analyze("--store", str(tmp_path / "store"))
    from_file = analyze("--graph", str(ttl))
    assert from_store.exit_code == 0, from_store.output
    assert from_store.output == from_file.output


def test_explicit_path(ttl: Path) -> None:
    G = to_networkx(build_graph([synthetic_extraction(80, 160, n_quantities=6, seed=3)]))
    a, b = min(G), max(G)
    result = analyze("--graph", str(ttl), "--from", G.nodes[a]["label"], "--to", b)
    assert result.exit_code == 0, result.output
    assert explain_path(G, a, b)["sentence"] in result.output


@pytest.mark.parametrize("args, code, message", [
    (["--graph", "missing.ttl"], 1, "no such file"),
    (["--store", "no-store-here"], 1, "no Oxigraph store"),
    (["--from", "x"], 2, "both --from and --to"),
    (["--backend", "gpu"], 2, "--backend must be one of"),
    (["--top", "0"], 2, "--top must be at least 1"),  # was click's boxed usage message
])
def test_bad_input_fails_in_one_line(args: list[str], code: int, message: str) -> None:
    result = analyze(*args)
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output
    if args[0] == "--top":
        assert len(result.output.strip().splitlines()) == 1


def test_graph_and_store_together_is_a_usage_error(ttl: Path, tmp_path: Path) -> None:
    result = analyze("--graph", str(ttl), "--store", str(tmp_path))
    assert result.exit_code == 2 and "either --store or --graph" in result.output


def test_unknown_entity_and_empty_graph(ttl: Path, tmp_path: Path) -> None:
    result = analyze("--graph", str(ttl), "--from", "不存在的机构", "--to", "另一个")
    assert result.exit_code == 2 and "no node is named" in result.output
    assert "Most central" not in result.output  # said at once, before any table
    empty = tmp_path / "empty.ttl"
    empty.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    result = analyze("--graph", str(empty))
    assert result.exit_code == 1 and "no entities" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    result = analyze("--graph", str(broken))
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_bundled_sample() -> None:
    pipeline = pytest.importorskip("kg.pipeline")
    if not hasattr(pipeline, "build_sample_graph"):
        pytest.skip("kg.pipeline.build_sample_graph does not exist yet")
    result = analyze("--top", "5")
    assert result.exit_code == 0, result.output
    assert "Most central actors" in result.output and "Explanation path" in result.output
