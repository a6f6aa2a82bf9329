"""SPARQL benchmark: rdflib's engine against Oxigraph on the same graph, and Oxigraph alone at scale.

A synthetic graph with the shape of govkg output (documents; entities typed with a class and its core
class, labelled in Chinese; mentions as gov:Mention with position and quote selectors; relations as
direct triples plus reified gov:RelationAssertion with an evidence span; metrics with value, unit,
years and a mention) is generated deterministically and written as N-Triples. Then, each phase in its
own process (so that its peak memory is its own):

1. ``rdflib-small``: rdflib parses the small graph (default 20k triples) and runs every named query
   with rdflib's SPARQL engine (queries prepared once), each capped at ``--rdflib-cap`` seconds:
   rdflib on big joins may never finish, which is why it only runs at the small size;
2. ``oxigraph-small``: the same graph and queries on an in-memory Oxigraph store, for the ratio;
3. ``oxigraph-big``: Oxigraph alone at ``--triples`` (default 1M): load time (in memory with
   ``Store.load``, on disk with ``Store.bulk_load``), and every named query on the on-disk store.

Latency is the median of ``--runs`` runs through :func:`kg.query.run_named` (in-process, no time limit,
``limit=10000`` rows as the CLI keeps); rows are converted to Python values, as users get them.
Targets checked: Oxigraph >= 10x faster than rdflib on aggregate queries, 1M triples loaded in < 10 s,
per-entity queries < 50 ms and whole-graph aggregates < 1 s at 1M.

Results go to ``benchmarks/results/bench_sparql-<time>.json`` (git-ignored) and a summary is printed.
Run: ``.venv/bin/python benchmarks/bench_sparql.py`` (about 3-6 minutes on 2 cores). Not part of pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
GENERATOR_VERSION = 4

#: which named queries answer about one entity, and which aggregate the whole graph
PER_ENTITY = ("provenance", "neighbourhood")
AGGREGATE = ("class_summary", "multi_document_entities", "document_list")

GOV = "https://w3id.org/govkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/govkg/id/"

CLASSES = {  # core class -> (share of entities, subclasses, label suffix)
    "Actor": (0.32, ["PartyOrganization", "GovernmentBody", "SelfGovernanceOrganization", "SocialOrganization",
                     "Group", "Role", "Place", "Person"], "委员会"),
    "Mechanism": (0.36, ["Institution", "Program", "Platform", "Practice", "Model", "System", "Policy"], "机制"),
    "Goal": (0.16, ["StrategicGoal", "ServiceTarget", "Outcome", "Capability", "Task"], "现代化"),
    "Challenge": (0.10, ["Challenge"], "不足"),
    "Event": (0.06, ["Meeting", "Inspection"], "会议"),
}
RELATIONS = [  # predicate, subject core, object core (Policy: a Mechanism of class Policy)
    ("implements", "Actor", "Mechanism"), ("participatesIn", "Actor", "Mechanism"), ("issues", "Actor", "Policy"),
    ("involves", "Mechanism", "Actor"), ("contributesTo", "Mechanism", "Goal"), ("supports", "Mechanism", "Mechanism"),
    ("establishes", "Policy", "Mechanism"), ("leads", "Actor", "Actor"), ("subOrganizationOf", "Actor", "Actor"),
    ("partOf", "Mechanism", "Mechanism"), ("faces", "Actor", "Challenge"), ("addresses", "Mechanism", "Challenge"),
    ("pursues", "Actor", "Goal"), ("takesPartIn", "Actor", "Event"), ("relatedTo", "Mechanism", "Goal"),
]
STEMS = "基层社区网格党建服务治理自治法治德治智慧民生志愿协商议事便民平台乡村街道城市"


# -------------------------------------------------------------------------------------- generation


def _lit(value: str, lang: str | None = None, dtype: str | None = None) -> str:
    v = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{v}"@{lang}'
    if dtype:
        return f'"{v}"^^<{XSD}{dtype}>'
    return f'"{v}"'


class _DocWriter:
    """Writes the spans and mentions of one synthetic document (positions advance through its text)."""

    TEXT_LEN = 3000

    def __init__(self, doc_id: str, lines: list[str], rng: random.Random) -> None:
        self.doc_id, self.lines, self.rng, self.pos = doc_id, lines, rng, 0
        self.doc = f"<{ID}doc/{doc_id}>"

    def span(self, length: int, quote: str) -> str:
        start = self.pos % (self.TEXT_LEN - 50)
        self.pos += length + self.rng.randint(3, 20)
        s = f"<{ID}doc/{self.doc_id}/span/{start}-{start + length}>"
        p, q = s[:-1] + "#pos>", s[:-1] + "#quote>"
        self.lines.extend([
            f"{s} <{RDF}type> <{OA}SpecificResource> .", f"{s} <{OA}hasSource> {self.doc} .",
            f"{s} <{OA}hasSelector> {p} .", f"{s} <{OA}hasSelector> {q} .",
            f"{p} <{RDF}type> <{OA}TextPositionSelector> .",
            f"{p} <{OA}start> {_lit(str(start), dtype='nonNegativeInteger')} .",
            f"{p} <{OA}end> {_lit(str(start + length), dtype='nonNegativeInteger')} .",
            f"{q} <{RDF}type> <{OA}TextQuoteSelector> .", f"{q} <{OA}exact> {_lit(quote)} ."])
        return s

    def mention(self, node: str, quote: str) -> None:
        s = self.span(len(quote), quote)
        m = f"<{ID}doc/{self.doc_id}/mention/{s.rsplit('/', 1)[1][:-1]}-{zlib.crc32(node.encode()):08x}>"
        self.lines.extend([
            f"{m} <{RDF}type> <{GOV}Mention> .",
            f"{m} <{OA}hasBody> {node} .", f"{m} <{OA}hasTarget> {s} .",
            f"{m} <{GOV}sentence> {_lit(quote + '的相关句子。')} .", f"{node} <{GOV}hasMention> {m} ."])


def generate(target: int, seed: int = 7) -> list[str]:
    """N-Triples lines of a synthetic govkg graph of about ``target`` distinct triples."""
    from kg.rdf import iri

    rng = random.Random(seed)
    n_entities = max(60, target // 60)
    cores = list(CLASSES)
    weights = [CLASSES[c][0] for c in cores]
    entities = []  # (iri, core, cls, label)
    for i in range(n_entities):
        core = rng.choices(cores, weights)[0]
        cls = rng.choice(CLASSES[core][1])
        stem = "".join(rng.choice(STEMS) for _ in range(rng.randint(2, 4)))
        label = f"{stem}{i}{CLASSES[core][2]}"
        entities.append((f"<{iri.entity_iri(core, label)}>", core, cls, label))
    zipf = [1 / (r + 1) ** 1.05 for r in range(n_entities)]
    agent = f"<{ID}agent/govkg/bench>"
    lines: list[str] = [f"{agent} <{RDF}type> <{GOV}Extractor> ."]
    seen_entity: set[int] = set()
    d = 0
    while len(lines) < target:
        doc_id = f"{d:016x}"
        doc = f"<{ID}doc/{doc_id}>"
        lines += [f"{doc} <{RDF}type> <{GOV}Document> .", f"{doc} <{GOV}sha256> {_lit(doc_id * 4)} .",
                  f"{doc} <{GOV}charCount> {_lit(str(_DocWriter.TEXT_LEN), dtype='integer')} .",
                  f"{doc} <{DCT}language> {_lit('zh')} .",
                  f"{doc} <{DCT}title> {_lit(f'第{d}号治理文件', 'zh')} .",
                  f"{doc} <{DCT}date> {_lit(str(2015 + d % 10))} .", f"{doc} <{GOV}jurisdiction> {_lit('江苏省')} ."]
        chosen = sorted(set(rng.choices(range(n_entities), zipf, k=45)))
        w = _DocWriter(doc_id, lines, rng)
        span, mention = w.span, w.mention

        for i in chosen:
            node, core, cls, label = entities[i]
            if i not in seen_entity:
                seen_entity.add(i)
                lines += [f"{node} <{RDF}type> <{GOV}{cls}> .", f"{node} <{RDFS}label> {_lit(label, 'zh')} .",
                          f"{node} <{SKOS}prefLabel> {_lit(label, 'zh')} .",
                          f"{node} <{SKOS}editorialNote> {_lit('No English label.', 'en')} .",
                          f"{node} <{PROV}wasAttributedTo> {agent} ."]
                if cls != core:
                    lines.append(f"{node} <{RDF}type> <{GOV}{core}> .")
            lines.append(f"{node} <{GOV}mentionedIn> {doc} .")
            for _ in range(rng.randint(1, 3)):
                mention(node, label)
        by_kind: dict[str, list[int]] = {}
        for i in chosen:
            _, core, cls, _ = entities[i]
            by_kind.setdefault(core, []).append(i)
            if cls == "Policy":
                by_kind.setdefault("Policy", []).append(i)
        for _ in range(28):
            pred, sk, ok = rng.choice(RELATIONS)
            if not by_kind.get(sk) or not by_kind.get(ok):
                continue
            s_i, o_i = rng.choice(by_kind[sk]), rng.choice(by_kind[ok])
            if s_i == o_i:
                continue
            s, o = entities[s_i][0], entities[o_i][0]
            a = f"<{ID}doc/{doc_id}/assertion/{zlib.crc32((s + pred + o).encode()):08x}>"
            ev = span(40, f"{entities[s_i][3]}推动{entities[o_i][3]}。")
            lines += [f"{s} <{GOV}{pred}> {o} .", f"{a} <{RDF}type> <{GOV}RelationAssertion> .",
                      f"{a} <{RDF}subject> {s} .", f"{a} <{RDF}predicate> <{GOV}{pred}> .", f"{a} <{RDF}object> {o} .",
                      f"{a} <{GOV}evidence> {ev} .", f"{a} <{PROV}wasDerivedFrom> {doc} ."]
        for k in range(8):
            raw = f"{rng.randint(1, 999)}.{rng.randint(0, 9)}万个"
            value = str(round(float(raw[:-2]) * 10000))
            start = w.pos
            m = f"<{ID}doc/{doc_id}/metric/{start}-{start + len(raw)}-{k}>"
            target_entity = entities[rng.choice(chosen)][0]
            lines += [f"{m} <{RDF}type> <{GOV}Metric> .", f"{m} <{RDFS}label> {_lit('数量:' + raw, 'zh')} .",
                      f"{m} <{GOV}value> {_lit(value, dtype='decimal')} .", f"{m} <{GOV}unit> {_lit('个')} .",
                      f"{m} <{GOV}rawValue> {_lit(raw)} .", f"{m} <{GOV}measures> {target_entity} .",
                      f"{m} <{GOV}isTarget> {_lit('false', dtype='boolean')} .",
                      f"{m} <{GOV}statement> {_lit('建成数量', 'zh')} .", f"{m} <{GOV}mentionedIn> {doc} .",
                      f"{m} <{PROV}wasAttributedTo> {agent} ."]
            if k % 2:
                lines.append(f"{m} <{GOV}year> {_lit(str(2016 + k), dtype='integer')} .")
            mention(m, raw)
        d += 1
    return lines


def dataset(size: int) -> Path:
    """The N-Triples file of the synthetic graph of ``size`` triples (generated once, then reused)."""
    path = RESULTS / "data" / f"synthetic-v{GENERATOR_VERSION}-{size}.nt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = generate(size)
        tmp = path.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(path)
    return path


# ------------------------------------------------------------------------------------------ phases


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss would include the parent's, inherited)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: the entities per-entity queries ask about: the most mentioned actor, and the actor of median mentions
ENTITY_QUERY = ("SELECT ?l (COUNT(?m) AS ?n) WHERE { ?e gov:hasMention ?m ; a gov:Actor ; rdfs:label ?l } "
                "GROUP BY ?l ORDER BY DESC(?n) ?l")


#: documents, for the parameters a and b of the compare_* queries (first and last)
DOCUMENTS_QUERY = "SELECT ?d WHERE { ?d a gov:Document } ORDER BY ?d"


def _entities(labels: list[str]) -> dict[str, str]:
    return {"median": labels[len(labels) // 2], "top": labels[0]}


class _Cap(Exception):
    pass


def phase_rdflib(path: Path, runs: int, cap: float) -> dict:
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    from kg.query import DEFAULT_PREFIXES, named_queries

    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(path, format="nt")
    load = time.perf_counter() - t
    ns = {k: rdflib.Namespace(v) for k, v in DEFAULT_PREFIXES.items()}
    entities = _entities([str(r[0]) for r in g.query(ENTITY_QUERY, initNs=ns)])
    docs = [r[0] for r in g.query(DOCUMENTS_QUERY, initNs=ns)]

    def on_alarm(signum, frame):
        raise _Cap()

    signal.signal(signal.SIGALRM, on_alarm)
    out = {}
    for q in named_queries():
        # rdflib does not know LATERAL (SPARQL 1.2 draft, used by Oxigraph's per-entity queries): it
        # runs them as plain groups, which is slower still and, for neighbourhood, loses the hop-1 rows
        prepared = prepareQuery(q.text.replace("LATERAL {", "{"))
        for which, entity in (entities.items() if "entity" in q.param_names else [(None, None)]):
            values = {"entity": rdflib.Literal(entity), "cls": rdflib.Literal("Challenge"), "a": docs[0],
                      "b": docs[-1]}
            bindings = {p: values[p] for p in q.param_names}
            times, rows, capped = [], None, False
            for _ in range(runs):
                signal.setitimer(signal.ITIMER_REAL, cap)
                t = time.perf_counter()
                try:
                    rows = len(list(g.query(prepared, initBindings=bindings)))
                except _Cap:
                    capped = True
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                times.append(time.perf_counter() - t)
                if sum(times) > cap:
                    break
            key = q.name if which is None else f"{q.name}@{which}"
            out[key] = {"median_s": None if capped else statistics.median(times), "rows": rows,
                        "capped_at_s": cap if capped else None, "runs": len(times)}
    return {"engine": "rdflib", "triples": len(g), "load_s": load, "entities": entities, "queries": out,
            "peak_mb": _peak_mb()}


def _run_oxigraph_queries(store, runs: int, limit: int | None) -> tuple[dict, dict]:
    from rdflib import URIRef

    from kg.query import named_queries, run_named, run_query

    entities = _entities([r[0] for r in run_query(store, ENTITY_QUERY).rows])
    docs = [URIRef(r[0]) for r in run_query(store, DOCUMENTS_QUERY).rows]
    out = {}
    for q in named_queries():
        for which, entity in (entities.items() if "entity" in q.param_names else [(None, None)]):
            values = {"entity": entity, "cls": "Challenge", "a": docs[0], "b": docs[-1]}
            params = {p: values[p] for p in q.param_names}
            run_named(q.name, store, params=params, limit=limit)  # warm-up (caches, page-in)
            times, cpu, res = [], [], None
            for _ in range(runs):
                t, c = time.perf_counter(), time.process_time()
                res = run_named(q.name, store, params=params, limit=limit)
                _ = res.rows  # conversion to Python values is part of what users pay
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            key = q.name if which is None else f"{q.name}@{which}"
            out[key] = {"median_s": statistics.median(times), "cpu_s": statistics.median(cpu), "rows": len(res),
                        "truncated": res.truncated, "runs": runs}
    return entities, out


def phase_oxigraph_small(path: Path, runs: int) -> dict:
    import rdflib

    from kg.store import MemoryStore, OxigraphStore

    t = time.perf_counter()
    store = OxigraphStore()
    store.load(path)
    load = time.perf_counter() - t
    entities, queries = _run_oxigraph_queries(store, runs, None)
    # the in-memory path of govkg: an rdflib graph copied into Oxigraph on its first query
    g = rdflib.Graph()
    g.parse(path, format="nt")
    t = time.perf_counter()
    MemoryStore(g).engine()
    copy = time.perf_counter() - t
    return {"engine": "oxigraph", "triples": len(store), "load_s": load, "memorystore_copy_s": copy,
            "entities": entities, "queries": queries, "peak_mb": _peak_mb()}


def phase_oxigraph_big(path: Path, runs: int, limit: int) -> dict:
    import pyoxigraph as ox

    from kg.store import OxigraphStore

    t = time.perf_counter()
    mem = OxigraphStore()
    mem.load(path)  # Store.load: one transaction
    load_mem = time.perf_counter() - t
    n = len(mem)
    entities, in_memory = _run_oxigraph_queries(mem, runs, limit)
    mem.close()
    del mem
    folder = Path(tempfile.mkdtemp(prefix="bench-oxigraph-"))
    try:
        t = time.perf_counter()
        disk = ox.Store(str(folder / "store"))
        disk.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        disk.flush()
        load_disk = time.perf_counter() - t
        t = time.perf_counter()
        disk.optimize()  # compaction after a bulk load: on-disk lookups are ~1.5-2x faster afterwards
        optimize_disk = time.perf_counter() - t
        del disk
        with OxigraphStore(folder / "store", read_only=True) as store:
            _, on_disk = _run_oxigraph_queries(store, runs, limit)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"engine": "oxigraph", "triples": n, "load_memory_s": load_mem, "bulk_load_disk_s": load_disk,
            "optimize_disk_s": optimize_disk,
            "entities": entities, "queries": in_memory, "queries_disk": on_disk, "limit": limit,
            "peak_mb": _peak_mb()}


# ---------------------------------------------------------------------------------------- report


def _run_phase(name: str, args: argparse.Namespace, path: Path) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--data", str(path), "--runs", str(args.runs),
           "--rdflib-cap", str(args.rdflib_cap), "--limit", str(args.limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ms(x: float | None) -> str:
    return "-" if x is None else f"{x * 1000:.1f}"


def _kind(key: str) -> str:
    name = key.split("@")[0]
    return "entity" if name in PER_ENTITY else "aggregate" if name in AGGREGATE else "listing"


def summarise(report: dict) -> str:
    small_r, small_o, big = report["rdflib_small"], report["oxigraph_small"], report["oxigraph_big"]
    lines = [f"# SPARQL benchmark ({report['date']}, {report['machine']})", "",
             (f"small graph: {small_o['triples']} triples; big graph: {big['triples']} triples; "
              f"load average at start: {report['load_average']}"), "",
             "## load", "",
             f"- rdflib parse, small: {small_r['load_s']:.2f} s; Oxigraph load, small: {small_o['load_s']:.3f} s",
             f"- MemoryStore copy of the small rdflib graph into Oxigraph: {small_o['memorystore_copy_s']:.3f} s",
             (f"- Oxigraph, big: Store.load in memory {big['load_memory_s']:.2f} s, bulk_load on disk "
              f"{big['bulk_load_disk_s']:.2f} s (then optimize() {big['optimize_disk_s']:.2f} s)"),
             "",
             "## query latency (median of runs, ms)", "",
             ("`@median` / `@top`: per-entity queries about the actor of median mentions / the most mentioned "
              f"one. Big graph: at most {big['limit']} rows kept (the CLI's default --limit); wall time, CPU "
              "time of the process in brackets (the two differ when other work competes for the cores)."), "",
             ("| query | kind | rdflib small | Oxigraph small | ratio | rows small | Oxigraph big (memory) "
              "| Oxigraph big (disk) | rows big |"),
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key, o in small_o["queries"].items():
        r, b, bd = small_r["queries"][key], big["queries"][key], big["queries_disk"][key]
        if r["median_s"] is None:
            ratio = f"> {r['capped_at_s'] / o['median_s']:.0f}x (capped)"
            r_ms = f"> {r['capped_at_s'] * 1000:.0f}"
        else:
            ratio, r_ms = f"{r['median_s'] / o['median_s']:.0f}x", _ms(r["median_s"])
        rows_small = f"{o['rows']}" + ("" if r["rows"] in (None, o["rows"]) else f" (rdflib {r['rows']})")
        rows_big = f"{b['rows']}" + (" (limit)" if b["truncated"] else "")
        lines.append(f"| {key} | {_kind(key)} | {r_ms} | {_ms(o['median_s'])} | {ratio} | {rows_small} | "
                     f"{_ms(b['median_s'])} ({_ms(b['cpu_s'])}) | {_ms(bd['median_s'])} ({_ms(bd['cpu_s'])}) "
                     f"| {rows_big} |")
    lines += ["", "## peak memory (MB, VmHWM of each phase's own process)", "",
              (f"- rdflib small {small_r['peak_mb']:.0f}; Oxigraph small {small_o['peak_mb']:.0f}; "
               f"Oxigraph big (memory then disk) {big['peak_mb']:.0f}"), "", "## targets", ""]
    for label, ok in report["targets"].items():
        lines.append(f"- [{'x' if ok else ' '}] {label}")
    return "\n".join(lines) + "\n"


def check_targets(report: dict) -> dict[str, bool]:
    small_r, small_o, big = report["rdflib_small"], report["oxigraph_small"], report["oxigraph_big"]

    def ratio(name: str) -> float:
        r, o = small_r["queries"][name], small_o["queries"][name]
        rt = r["median_s"] if r["median_s"] is not None else r["capped_at_s"]
        return rt / o["median_s"]

    per_entity = [f"{n}@median" for n in PER_ENTITY]
    n = big["triples"]
    cpu = {
        "by CPU time: per-entity queries (median entity) < 50 ms at the big size, in memory":
            all(big["queries"][q]["cpu_s"] < 0.05 for q in per_entity),
        "by CPU time: whole-graph aggregates < 1 s at the big size, on disk":
            all(big["queries_disk"][q]["cpu_s"] < 1 for q in AGGREGATE),
    }
    return {
        "Oxigraph >= 10x faster than rdflib on every aggregate query (small graph)":
            all(ratio(q) >= 10 for q in AGGREGATE),
        f"{n} triples loaded in < 10 s (Store.load, in memory)": big["load_memory_s"] < 10,
        f"{n} triples loaded in < 10 s (bulk_load, on disk)": big["bulk_load_disk_s"] < 10,
        "per-entity queries (median entity) < 50 ms at the big size, in memory":
            all(big["queries"][q]["median_s"] < 0.05 for q in per_entity),
        "per-entity queries (median entity) < 50 ms at the big size, on disk":
            all(big["queries_disk"][q]["median_s"] < 0.05 for q in per_entity),
        "whole-graph aggregates < 1 s at the big size, in memory":
            all(big["queries"][q]["median_s"] < 1 for q in AGGREGATE),
        "whole-graph aggregates < 1 s at the big size, on disk":
            all(big["queries_disk"][q]["median_s"] < 1 for q in AGGREGATE),
    } | cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the big graph (Oxigraph only)")
    parser.add_argument("--small", type=int, default=20_000, help="size of the graph both engines run on")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (the median is reported)")
    parser.add_argument("--rdflib-cap", type=float, default=60.0, help="seconds before an rdflib query is given up")
    parser.add_argument("--limit", type=int, default=10_000, help="rows kept per query at the big size")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        path = Path(args.data)
        result = {"rdflib-small": lambda: phase_rdflib(path, args.runs, args.rdflib_cap),
                  "oxigraph-small": lambda: phase_oxigraph_small(path, args.runs),
                  "oxigraph-big": lambda: phase_oxigraph_big(path, args.runs, args.limit)}[args.phase]()
        print(json.dumps(result))
        return
    import platform

    import pyoxigraph
    import rdflib

    t = time.perf_counter()
    small, big = dataset(args.small), dataset(args.triples)
    print(f"data ready in {time.perf_counter() - t:.1f} s: {small.name}, {big.name}", file=sys.stderr)
    report = {"date": time.strftime("%Y-%m-%d %H:%M"),
              "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
              "machine": f"{platform.machine()}, {platform.python_version()}, rdflib {rdflib.__version__}, "
                         f"pyoxigraph {pyoxigraph.__version__}",
              "args": {k: v for k, v in vars(args).items() if k not in ("phase", "data")}}
    for key, phase, path in (("rdflib_small", "rdflib-small", small), ("oxigraph_small", "oxigraph-small", small),
                             ("oxigraph_big", "oxigraph-big", big)):
        t = time.perf_counter()
        report[key] = _run_phase(phase, args, path)
        print(f"{phase} done in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    report["targets"] = check_targets(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench_sparql-{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False),
                                                         encoding="utf-8")
    text = summarise(report)
    (RESULTS / f"bench_sparql-{stamp}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
