"""Benchmark of corpus builds: serial, 2 worker processes and a 2-worker Dask LocalCluster, against jieba.

    .venv/bin/python benchmarks/bench_corpus.py               # 1,000 synthetic documents
    .venv/bin/python benchmarks/bench_corpus.py --docs 200    # a quicker run
    .venv/bin/python benchmarks/bench_corpus.py --skip dask   # leave out an engine (serial, workers, dask)
    .venv/bin/python benchmarks/bench_corpus.py --memory      # an in-memory store (no on-disk indexes)
    .venv/bin/python benchmarks/bench_corpus.py --provenance compact   # #char= targets, no span nodes

The corpus is :mod:`synthetic_corpus` (seeded; notices, plans, reports and experience articles built
from templates and the bundled lexicon; about 1,300 characters a document). In the same run it measures

- the baseline: raw jieba segmentation (``jieba.lcut``, default dictionary, loaded before timing) of
  the same texts;
- ``kg.corpus.build_corpus`` into a fresh on-disk Oxigraph store, serially, with ``workers=2`` and on a
  ``distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1)``. Wall time counts
  everything a user waits for: reading, building the pipeline in each worker, extraction, writing the
  store. The steady extraction speed of one worker is characters over the summed time the workers
  spent in :func:`kg.corpus.process_batch` per document (pipeline start-up excluded);
- that the three stores hold the same quads (hash of the sorted N-Quads);
- the store: size on disk, quads, the time spent writing it during the build, and the time to
  bulk-load its N-Quads dump into a fresh store.

Speeds are reported as ratios to jieba measured in the same run (machines differ; ratios travel
better). Writes ``benchmarks/results/bench_corpus-<time>.json`` (git-ignored) and prints a table.
Not part of pytest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic_corpus beside this file

import pyoxigraph as ox

from kg.corpus import Settings, build_corpus, canonical_nquads, prepare, sources_for
from kg.store import OxigraphStore

RESULTS = Path(__file__).resolve().parent / "results"
#: the targets of issue 7
TARGETS = {"per_worker_vs_jieba": 0.5, "speedup_2_workers": 1.7, "seconds_1000_docs": 60.0}


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _code_hash() -> str:
    """Hash of govkg's Python code and data: a run is only comparable while it does not change."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted([*root.joinpath("kg").rglob("*.py"), *root.joinpath("ontology").rglob("*.ttl"),
                     root / "kg" / "data" / "pipeline.cfg"]):
        h.update(p.read_bytes())
    return h.hexdigest()


def _digest(store: OxigraphStore) -> str:
    return hashlib.sha256(canonical_nquads(store).encode("utf-8")).hexdigest()


def jieba_baseline(texts: list[str]) -> dict[str, float]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.lcut(texts[0])
    t, c = time.perf_counter(), time.process_time()
    tokens = sum(len(jieba.lcut(x)) for x in texts)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    chars = sum(map(len, texts))
    return {"seconds": seconds, "cpu_seconds": cpu, "docs_per_s": len(texts) / seconds, "chars_per_s": chars / seconds,
            "cpu_chars_per_s": chars / cpu, "tokens": tokens}


def run_build(name: str, sources, workdir: Path, *, memory: bool = False, **kw: Any) -> dict[str, Any]:
    path = workdir / f"store-{name}"
    with (OxigraphStore() if memory else OxigraphStore(path)) as store:
        t = time.perf_counter()
        report = build_corpus(sources, store, **kw)
        wall = time.perf_counter() - t
        quads = len(store)
        digest = _digest(store)
        dump = workdir / f"{name}.nq"
        store.engine().dump(str(dump), ox.RdfFormat.N_QUADS)
    size = 0 if memory else _du(path)
    fresh = workdir / f"reload-{name}"
    t = time.perf_counter()
    reload = ox.Store() if memory else ox.Store(str(fresh))
    if memory:
        reload.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    else:
        reload.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        reload.flush()
    bulk_seconds = time.perf_counter() - t
    del reload
    docs = report.processed
    return {
        "engine": name, "documents": docs, "failed": len(report.failed), "wall_seconds": wall,
        "docs_per_s": docs / wall, "chars_per_s": report.chars / wall,
        "worker_seconds": report.extract_seconds, "worker_cpu_seconds": report.extract_cpu_seconds,
        "per_worker_chars_per_s": report.chars / report.extract_seconds if report.extract_seconds else None,
        "per_worker_cpu_chars_per_s": report.chars / report.extract_cpu_seconds if report.extract_cpu_seconds else None,
        "store_write_seconds": report.load_seconds, "quads": quads, "store_bytes": size,
        "nquads_bytes": dump.stat().st_size, "bulk_load_seconds": bulk_seconds, "digest": digest,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip", action="append", default=[], choices=("serial", "workers", "dask"))
    ap.add_argument("--memory", action="store_true",
                    help="Build into an in-memory store (as a build without --store does) instead of on disk.")
    ap.add_argument("--keep", type=Path, default=None, help="Keep the corpus and stores in this folder.")
    ap.add_argument("--provenance", choices=("full", "compact"), default="full",
                    help="Provenance level of the builds (kg.corpus.Settings.provenance).")
    args = ap.parse_args()

    from synthetic_corpus import generate

    code_before = _code_hash()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="govkg-bench-corpus-"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    t = time.perf_counter()
    generate(corpus, args.docs, seed=args.seed)
    gen_seconds = time.perf_counter() - t
    sources = sources_for([corpus], base=corpus)
    texts = [prepare(s).text for s in sources]
    chars = sum(map(len, texts))
    print(f"corpus: {len(sources)} documents, {chars:,} characters ({chars / len(sources):,.0f} a document), "
          f"generated in {gen_seconds:.1f} s", flush=True)

    result: dict[str, Any] = {
        "benchmark": "bench_corpus", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "code": code_before[:16],
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                    "load_average": os.getloadavg()},
        "corpus": {"documents": len(sources), "characters": chars, "seed": args.seed},
        "store": "memory" if args.memory else "disk",
        "provenance": args.provenance,
        "targets": TARGETS,
    }
    base = jieba_baseline(texts)
    result["jieba"] = base
    print(f"jieba.lcut: {base['chars_per_s']:,.0f} chars/s ({base['seconds']:.2f} s)", flush=True)

    settings = Settings(provenance=args.provenance)
    runs = []
    if "serial" not in args.skip:
        runs.append(run_build("serial", sources, workdir, memory=args.memory, settings=settings,
                              freeze=True))  # as the govkg command does
        print(f"serial: {runs[-1]['wall_seconds']:.1f} s", flush=True)
    if "workers" not in args.skip:
        runs.append(run_build("workers2", sources, workdir, memory=args.memory, settings=settings, workers=2))
        print(f"--workers 2: {runs[-1]['wall_seconds']:.1f} s", flush=True)
    if "dask" not in args.skip:
        from distributed import LocalCluster

        t = time.perf_counter()
        with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                          host="127.0.0.1") as cluster:
            start = time.perf_counter() - t
            run = run_build("dask2", sources, workdir, memory=args.memory, settings=settings,
                            dask=cluster.scheduler_address)
        run["cluster_start_seconds"] = start
        runs.append(run)
        print(f"dask LocalCluster(2): {run['wall_seconds']:.1f} s (+{start:.1f} s cluster start)", flush=True)
    for r in runs:
        r["vs_jieba_end_to_end"] = r["chars_per_s"] / base["chars_per_s"]
        r["per_worker_vs_jieba"] = (r["per_worker_chars_per_s"] or 0) / base["chars_per_s"]
        # CPU time against CPU time: the same ratio, less disturbed by other load on the machine
        r["per_worker_cpu_vs_jieba_cpu"] = (r["per_worker_cpu_chars_per_s"] or 0) / base["cpu_chars_per_s"]
    by = {r["engine"]: r for r in runs}
    summary: dict[str, Any] = {}
    if "serial" in by:
        summary["per_worker_vs_jieba"] = by["serial"]["per_worker_vs_jieba"]
        summary["per_worker_cpu_vs_jieba_cpu"] = by["serial"]["per_worker_cpu_vs_jieba_cpu"]
        summary["seconds_1000_docs_serial"] = by["serial"]["wall_seconds"] * 1000 / len(sources)
        for name in ("workers2", "dask2"):
            if name in by:
                summary[f"speedup_{name}"] = by["serial"]["wall_seconds"] / by[name]["wall_seconds"]
                summary[f"seconds_1000_docs_{name}"] = by[name]["wall_seconds"] * 1000 / len(sources)
    summary["identical_quads"] = len({r["digest"] for r in runs}) <= 1
    code_after = _code_hash()
    summary["code_changed_during_run"] = code_after != code_before
    if code_after != code_before:
        print("warning: govkg's code changed while the benchmark ran; the runs are not comparable")
    result["runs"] = runs
    result["summary"] = summary

    print()
    print(f"{'engine':<10} {'wall s':>8} {'docs/s':>8} {'chars/s':>10} {'x jieba':>8} {'1 worker x jieba':>17} "
          f"{'(cpu)':>6} {'quads':>10} {'store MB':>9} {'write s':>8} {'bulk s':>7}")
    for r in runs:
        print(f"{r['engine']:<10} {r['wall_seconds']:>8.1f} {r['docs_per_s']:>8.1f} {r['chars_per_s']:>10,.0f} "
              f"{r['vs_jieba_end_to_end']:>8.3f} {r['per_worker_vs_jieba']:>17.3f} "
              f"{r['per_worker_cpu_vs_jieba_cpu']:>6.3f} {r['quads']:>10,} {r['store_bytes'] / 1e6:>9.1f} "
              f"{r['store_write_seconds']:>8.1f} {r['bulk_load_seconds']:>7.1f}")
    print()
    for k, v in summary.items():
        print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
    print(f"targets: {TARGETS}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench_corpus-{time.strftime('%Y%m%d-%H%M%S')}.json"
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out)
    print(f"wrote {out}")
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
