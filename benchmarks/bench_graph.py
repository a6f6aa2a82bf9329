"""Benchmark of kg.graph on a corpus-sized graph: plain networkx against the igraph fast path.

    .venv/bin/python benchmarks/bench_graph.py                 # 100k nodes / 500k edges, ~1M triples
    .venv/bin/python benchmarks/bench_graph.py --quick         # skip the slow networkx Louvain run
    .venv/bin/python benchmarks/bench_graph.py --nodes 20000 --edges 100000 --triples 200000

The graph is :func:`kg.graph.synthetic.synthetic_graph` (seeded; the ontology's class mix, relations
mostly inside "documents" of 50-400 entities, heavy-tailed degrees). Each analytic is timed with
``backend="networkx"`` and ``backend="igraph"`` in the same run. networkx betweenness is capped: it
runs with ``k=20`` sources and its time for ``k=200`` and for the default sample is extrapolated
linearly (each source is one BFS plus one accumulation, so time is proportional to k); the igraph run
with ``k=20`` checks that both compute the same numbers. The projection is timed on an rdflib graph
and on a pyoxigraph store of about ``--triples`` triples built from synthetic records.

Writes ``benchmarks/results/bench_graph-<time>.json`` (git-ignored) and prints a table. Not part of
pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph import (
    betweenness,
    bridging_mechanisms,
    communities,
    degree_centrality,
    ego,
    explain_path,
    modularity,
    pagerank,
    to_frame,
    to_networkx,
)
from kg.graph.centrality import EXACT_BETWEENNESS_MAX_WORK, SAMPLED_BETWEENNESS_K
from kg.graph.synthetic import synthetic_extraction, synthetic_graph

RESULTS = Path(__file__).resolve().parent / "results"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=500_000)
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the projection benchmark (0: skip)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="skip networkx Louvain (minutes at full size)")
    args = ap.parse_args()

    import igraph
    import pandas  # noqa: F401
    import scipy.sparse  # noqa: F401

    rows: list[dict[str, Any]] = []

    def record(name: str, backend: str, seconds: float, note: str = "", **extra: Any) -> None:
        rows.append({"function": name, "backend": backend, "seconds": round(seconds, 3), "note": note, **extra})
        print(f"  {name:<34} {backend:<9} {seconds:9.2f} s  {note}", flush=True)

    print(f"synthetic graph: {args.nodes} nodes, {args.edges} edges (seed {args.seed})", flush=True)
    t_gen, G = timed(lambda: synthetic_graph(args.nodes, args.edges, seed=args.seed))
    record("synthetic_graph", "-", t_gen)

    t, _ = timed(lambda: degree_centrality(G))
    record("degree_centrality", "networkx", t, "pure Python, one pass")

    t_nx, pr_nx = timed(lambda: pagerank(G, backend="networkx"))
    record("pagerank", "networkx", t_nx, "scipy power iteration, tol 1e-6")
    t_ig, pr_ig = timed(lambda: pagerank(G, backend="igraph"))
    diff = sum(abs(pr_nx[v] - pr_ig[v]) for v in G)
    record("pagerank", "igraph", t_ig, f"PRPACK; L1 distance to networkx {diff:.1e}", l1_distance=diff)

    k_small = 20
    t_nx, b_nx = timed(lambda: betweenness(G, k=k_small, seed=1, backend="networkx"))
    record(f"betweenness k={k_small}", "networkx", t_nx, "measured")
    t_ig, b_ig = timed(lambda: betweenness(G, k=k_small, seed=1, backend="igraph"))
    same = max(abs(b_nx[v] - b_ig[v]) for v in G)
    record(f"betweenness k={k_small}", "igraph", t_ig, f"same sources; max difference {same:.1e}",
           max_difference=same)
    for k in (200, SAMPLED_BETWEENNESS_K):
        record(f"betweenness k={k}", "networkx", t_nx * k / k_small, f"extrapolated from k={k_small}",
               extrapolated=True)
        t_ig, _ = timed(lambda k=k: betweenness(G, k=k, seed=1, backend="igraph"))
        record(f"betweenness k={k}", "igraph", t_ig, "measured")
    t_ig, _ = timed(lambda: betweenness(G))
    record("betweenness() default", "auto", t_ig,
           "exact" if len(G) * G.number_of_edges() <= EXACT_BETWEENNESS_MAX_WORK
           else f"k={SAMPLED_BETWEENNESS_K} sources (graph above the exact limit)")

    parts_ig: list[set] = []
    t_ig, parts_ig = timed(lambda: communities(G, seed=0, backend="igraph"))
    q_ig = modularity(G, parts_ig)
    record("communities (Louvain)", "igraph", t_ig, f"{len(parts_ig)} communities, modularity {q_ig:.4f}",
           modularity=q_ig, n_communities=len(parts_ig))
    if not args.quick:
        t_nx, parts_nx = timed(lambda: communities(G, seed=0, backend="networkx"))
        q_nx = modularity(G, parts_nx)
        record("communities (Louvain)", "networkx", t_nx,
               f"{len(parts_nx)} communities, modularity {q_nx:.4f}", modularity=q_nx, n_communities=len(parts_nx))
    t, _ = timed(lambda: modularity(G, parts_ig))
    record("modularity", "networkx", t)

    t, bridges = timed(lambda: bridging_mechanisms(G, communities=parts_ig))
    record("bridging_mechanisms (given parts)", "networkx", t, f"{len(bridges)} bridges")
    t, _ = timed(lambda: bridging_mechanisms(G, seed=0))
    record("bridging_mechanisms (default)", "auto", t, "includes communities")

    rng = random.Random(3)
    nodes = list(G)
    pairs = [tuple(rng.sample(nodes, 2)) for _ in range(20)]

    def paths() -> int:
        found = 0
        for s, t_ in pairs:
            try:
                explain_path(G, s, t_)
                found += 1
            except nx.NetworkXNoPath:
                pass
        return found

    t, found = timed(paths)
    record("explain_path (mean of 20)", "networkx", t / len(pairs), f"{found}/20 pairs linked")
    hub = max(G, key=G.degree)
    t, E = timed(lambda: ego(G, hub, radius=2))
    record("ego radius 2 (largest hub)", "networkx", t, f"{E.number_of_nodes()} nodes")
    t, _ = timed(lambda: to_frame(pr_ig, G))
    record("to_frame(pagerank)", "pandas", t)

    if args.triples:
        import pyoxigraph as ox

        from kg.rdf.build import build_graph

        # ~8 triples per entity (types, names, links to document and extractor) and ~55 per relation
        # (the triple, its assertion and evidence span, and two mentions with their spans)
        n_ent = max(10, args.triples // 50)
        n_rel = max(10, (args.triples - 8 * n_ent) // 55)
        t, rdf = timed(lambda: build_graph([synthetic_extraction(n_ent, n_rel, n_quantities=n_ent // 10,
                                                                 seed=args.seed)]))
        record("build_graph (setup)", "rdflib", t, f"{len(rdf)} triples")
        t, P = timed(lambda: to_networkx(rdf))
        record("to_networkx", "rdflib", t, f"{len(rdf)} triples -> {P.number_of_nodes()} nodes, "
               f"{P.number_of_edges()} edges", triples=len(rdf))
        store = ox.Store()
        store.load(rdf.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        t, _ = timed(lambda: to_networkx(store))
        record("to_networkx", "pyoxigraph", t, f"{len(store)} quads", triples=len(store))
        t, _ = timed(lambda: to_networkx(rdf, include_provenance=True, include_ontology=True))
        record("to_networkx (provenance+ontology)", "rdflib", t)


    result = {
        "graph": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "seed": args.seed},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "versions": {"networkx": nx.__version__, "igraph": igraph.__version__},
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_graph-{time.strftime('%Y%m%d-%H%M%S')}.json"
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out)

    print()
    print(f"{'function':<36}{'plain (s)':>12}{'fast path (s)':>15}{'speed-up':>10}")
    by: dict[str, dict[str, dict]] = {}
    for r in rows:
        by.setdefault(r["function"], {})[r["backend"]] = r
    for name, b in by.items():
        slow = b.get("networkx") or b.get("rdflib") or b.get("pandas") or b.get("-")
        fast = b.get("igraph") or b.get("auto") or b.get("pyoxigraph")
        s = f"{slow['seconds']:.2f}{'*' if slow.get('extrapolated') else ''}" if slow else ""
        f = f"{fast['seconds']:.2f}" if fast else ""
        up = f"{slow['seconds'] / fast['seconds']:.0f}x" if slow and fast and fast["seconds"] > 0 else ""
        print(f"{name:<36}{s:>12}{f:>15}{up:>10}")
    print("* extrapolated from k=20 sources")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
