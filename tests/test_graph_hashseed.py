"""The analytics give the same results in every interpreter run, whatever ``PYTHONHASHSEED`` is.

Sets of strings iterate in an order that changes with the hash seed; an analytic that lets that order
decide between equal candidates (shortest paths of the same length, equal scores) gives different
answers in different runs. Here one child process per hash seed computes every analytic of
:mod:`kg.graph` (and ``govkg analyze``'s output) on graphs with many ties, and all children must agree
exactly (floats included).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import networkx as nx
import pytest

HASH_SEEDS = ("0", "1", "7", "123")
#: the children run side by side: one thread each for the numerical libraries
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

#: run in each child: argv[1] is a JSON list of [name, RDF file]; prints one JSON object
CHILD = r'''
import json
import random
import sys
from pathlib import Path

from typer.testing import CliRunner

import kg.cli.analyze  # noqa: F401  (registers the command)
from kg.cli._app import app, console, load_networkx
from kg.graph import (actor_goal_paths, betweenness, bridging_mechanisms, centrality_ranking, communities,
                      degree_centrality, describe_communities, ego, example_path, explain_path, link_counts,
                      main_members, pagerank, top)
from kg.graph.synthetic import synthetic_graph
import networkx as nx


def results(G):
    out = {}
    pr, bc = pagerank(G, backend="networkx"), betweenness(G, backend="networkx")
    out["link_counts"] = list(link_counts(G).items())
    out["top degree"] = top(degree_centrality(G), G, n=len(G))
    out["top pagerank"] = top(pr, G, n=len(G))
    out["betweenness igraph"] = list(betweenness(G, backend="igraph").items())
    for by in ("pagerank", "betweenness"):
        for ties in ("label", "node"):
            out[f"centrality_ranking {by} {ties}"] = centrality_ranking(
                G, by=by, ties=ties, pagerank_scores=pr, betweenness_scores=bc)
    for backend in ("networkx", "igraph"):
        parts = communities(G, seed=0, backend=backend)
        out[f"communities {backend}"] = [sorted(map(str, p)) for p in parts]
        out[f"describe_communities {backend}"] = describe_communities(G, parts)
        out[f"main_members {backend}"] = [main_members(G, p, k=len(p)) for p in parts]
        out[f"bridging_mechanisms {backend}"] = list(bridging_mechanisms(G, communities=parts).items())
    out["bridging_mechanisms default"] = list(bridging_mechanisms(G, seed=0).items())
    out["actor_goal_paths"] = actor_goal_paths(G)
    out["example_path"] = example_path(G, betweenness_scores=bc, pagerank_scores=pr)
    nodes = sorted(G, key=str)
    linked = sorted(max(nx.weakly_connected_components(G), key=lambda c: (len(c), min(map(str, c)))), key=str)
    pairs = [random.Random(i).sample(linked, 2) for i in range(60)]
    paths = []
    for s, t in pairs:
        try:
            paths.append(explain_path(G, s, t))
        except nx.NetworkXNoPath:
            paths.append(None)
    out["explain_path"] = paths
    out["ego"] = []
    for v in nodes[:: max(1, len(nodes) // 10)]:
        E = ego(G, v, radius=2)
        out["ego"].append([list(E), list(E.edges(keys=True))])
    return out


graphs = {name: load_networkx(None, [Path(path)]) for name, path in json.loads(sys.argv[1])}
graphs["synthetic_graph(200, 600, seed=1)"] = synthetic_graph(200, 600, seed=1)
report = {f"{name}: {key}": value for name, G in graphs.items() for key, value in results(G).items()}
console._width = 1000  # one line per table row, whatever the terminal
for name, path in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, ["analyze", "--graph", path, "--top", "30"])
    report[f"{name}: govkg analyze"] = [result.exit_code, result.output]
print(json.dumps(report, ensure_ascii=False, default=str))
'''


@pytest.fixture(scope="module")
def reports(sample_graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """One report per hash seed, from child processes run side by side."""
    from kg.graph.synthetic import synthetic_extraction
    from kg.rdf.build import build_graph

    root = tmp_path_factory.mktemp("hashseed")
    files = [("sample", root / "sample.nt"), ("synthetic_extraction(120, 300, seed=1)", root / "synthetic.nt")]
    sample_graph.serialize(files[0][1], format="nt", encoding="utf-8")
    build_graph([synthetic_extraction(120, 300, seed=1)]).serialize(files[1][1], format="nt", encoding="utf-8")
    arg = json.dumps([[name, str(path)] for name, path in files])
    procs = {seed: subprocess.Popen([sys.executable, "-c", CHILD, arg], cwd=root, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env={**os.environ, **ONE_THREAD, "PYTHONHASHSEED": seed})
             for seed in HASH_SEEDS}
    out = {}
    for seed, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        out[seed] = json.loads(stdout)
    return out


def test_children_computed_every_analytic(reports: dict[str, dict]) -> None:
    report = reports[HASH_SEEDS[0]]
    assert len(report) == 3 * 21 + 2
    assert all(row[0] == 0 and "Explanation path" in row[1]
               for key, row in report.items() if key.endswith("govkg analyze"))
    for name in ("sample", "synthetic_graph(200, 600, seed=1)"):
        assert report[f"{name}: actor_goal_paths"] and report[f"{name}: bridging_mechanisms default"]
        assert all(p is not None for p in report[f"{name}: explain_path"])


def test_the_graphs_have_ties_to_break(sample_graph) -> None:
    """Equally short chains between an actor and a goal, and bridges with equal scores."""
    from kg.graph import bridging_mechanisms, to_networkx
    from kg.graph.synthetic import synthetic_graph

    for G, paths, bridges in ((to_networkx(sample_graph), 2, 0), (synthetic_graph(200, 600, seed=1), 500, 10)):
        view = G.to_undirected(as_view=True)
        actors, goals = ([v for v in G if G.nodes[v]["cls"] == c] for c in ("Actor", "Goal"))
        several = sum(len(list(itertools.islice(nx.all_shortest_paths(view, a, g), 2))) == 2
                      for a in actors for g in goals if nx.has_path(view, a, g))
        scores = [(r["communities"], r["participation"], r["degree"]) for r in bridging_mechanisms(G).values()]
        assert several >= paths and len(scores) - len(set(scores)) >= bridges


@pytest.mark.parametrize("seed", HASH_SEEDS[1:])
def test_results_do_not_depend_on_the_hash_seed(reports: dict[str, dict], seed: str) -> None:
    first, other = reports[HASH_SEEDS[0]], reports[seed]
    assert other.keys() == first.keys()
    differ = [key for key in first if other[key] != first[key]]
    assert not differ, f"PYTHONHASHSEED={HASH_SEEDS[0]} and {seed} differ in: {', '.join(differ)}"
