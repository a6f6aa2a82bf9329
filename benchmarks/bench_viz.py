"""Benchmark of ``govkg viz``: our page writer against naive pyvis, in the same run.

    .venv/bin/python benchmarks/bench_viz.py                         # 1k/2k and 5k/10k nodes/edges
    .venv/bin/python benchmarks/bench_viz.py --sizes 10000:20000     # nodes:edges, several allowed
    .venv/bin/python benchmarks/bench_viz.py --browser               # also time the page in Chromium

Ours: :func:`kg.viz.build_model` (centrality, selection, layout above the physics limit) plus
:func:`kg.viz.write_html` (JSON, inlined vis-network, atomic write). Naive pyvis: ``Network`` with
one ``add_node`` per node and one ``add_edge`` per edge (each scans the lists held so far), then
``write_html`` with ``cdn_resources="in_line"``, run in a temporary folder (pyvis writes ``lib/``
into the current directory otherwise). Both get the same graph,
:func:`kg.graph.synthetic.synthetic_graph` (seeded). With ``--browser`` both pages are also opened
from file:// in headless Chromium (/usr/bin/chromium), network blocked, and timed until they come to
rest; blocked request attempts and console errors are counted.

Writes ``benchmarks/results/bench_viz-<time>.json`` (git-ignored) and prints a table. Not part of
pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.synthetic import synthetic_graph
from kg.viz import build_model, write_html

RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def ours(G: nx.MultiDiGraph, folder: Path) -> dict[str, float]:
    t_model, model = timed(lambda: build_model(G))
    t_write, path = timed(lambda: write_html(model, folder / "ours.html"))
    return {"model_s": t_model, "write_s": t_write, "total_s": t_model + t_write,
            "bytes": path.stat().st_size, "physics": model.stats.physics}


def naive_pyvis(G: nx.MultiDiGraph, folder: Path) -> dict[str, float]:
    from pyvis.network import Network

    cwd = os.getcwd()
    os.chdir(folder)
    try:
        t0 = time.perf_counter()
        net = Network(directed=True, cdn_resources="in_line")
        for n, d in G.nodes(data=True):
            net.add_node(n, label=d.get("label") or n, title=d.get("label") or n, group=d.get("cls"))
        t_nodes = time.perf_counter() - t0
        for u, v, _k, d in G.edges(keys=True, data=True):
            net.add_edge(u, v, label=d.get("label") or "")
        t_edges = time.perf_counter() - t0 - t_nodes
        path = folder / "pyvis.html"
        t_write, _ = timed(lambda: net.write_html(str(path)))
    finally:
        os.chdir(cwd)
    return {"add_node_s": t_nodes, "add_edge_s": t_edges, "write_s": t_write,
            "total_s": t_nodes + t_edges + t_write, "bytes": path.stat().st_size}


def browser_times(pages: dict[str, Path], timeout: float) -> dict[str, dict[str, Any]] | None:
    """Open each page from file:// (network blocked) and time it until it has come to rest.

    ``iterations_done_s``: vis-network's bounded stabilisation finished; ``at_rest_s``: the physics
    simulation has stopped (ours turns physics off; pyvis leaves it running until velocities fall
    below the threshold, which a large graph may never reach). ``None`` means not within ``timeout``.
    """
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    pyvis_done = ("(() => { const b = document.getElementById('loadingBar');"
                  " return typeof network !== 'undefined'"
                  " && (!b || b.style.opacity === '0' || b.style.display === 'none'); })()")
    pyvis_rest = ("typeof network !== 'undefined'"
                  " && (!network.physics.physicsEnabled || network.physics.stabilized === true)")
    probes = {
        "ours": ("!!(window.govkg && govkg.stabilized)",
                 "!!(window.govkg && govkg.stabilized && !govkg.network.physics.physicsEnabled)"),
        "pyvis": (pyvis_done, pyvis_rest),
    }
    out: dict[str, dict[str, Any]] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path in pages.items():
            ctx = b.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            requests: list[str] = []
            errors: list[str] = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))

            ctx.route(re.compile(r"^https?://"), _recorder(requests))
            done, rest = probes[name]
            t0 = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="commit")
            row: dict[str, Any] = {"iterations_done_s": None, "at_rest_s": None}
            for key, probe in (("iterations_done_s", done), ("at_rest_s", rest)):
                left = timeout - (time.perf_counter() - t0)
                if left <= 0 or not _wait(page, probe, left, csp=name == "ours"):
                    break
                row[key] = time.perf_counter() - t0
            if name == "pyvis" and row["iterations_done_s"] is None:
                row["progress_at_timeout"] = page.evaluate(
                    "(document.getElementById('text') || {}).textContent || null")
            if name == "ours" and row["at_rest_s"] is not None:
                row["search_s"], _ = timed(lambda page=page: page.evaluate("govkg.search('1').length"))
            row["blocked_requests"] = requests
            row["console_errors"] = len(errors)
            out[name] = row
            ctx.close()
        b.close()
    return out


def _recorder(requests: list[str]) -> Callable[[Any], None]:
    def abort(route: Any) -> None:
        requests.append(route.request.url)
        route.abort()

    return abort


def _wait(page: Any, probe: str, seconds: float, *, csp: bool) -> bool:
    """Wait until ``probe`` is true in the page. Our page's CSP forbids the eval that
    ``wait_for_function`` needs, so it is polled from Python; pyvis's page may block its main thread
    for minutes (improvedLayout), which only ``wait_for_function``'s own timeout survives."""
    if not csp:
        try:
            page.wait_for_function(probe, timeout=seconds * 1000, polling=100)
            return True
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            return False
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        if page.evaluate(probe):
            return True
        time.sleep(0.05)
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=["1000:2000", "5000:10000"], help="nodes:edges")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--browser", action="store_true", help="also time both pages in headless Chromium")
    ap.add_argument("--browser-timeout", type=float, default=90.0, help="seconds to wait for a page to settle")
    ap.add_argument("--skip-pyvis", action="store_true", help="do not run naive pyvis (it is slow above 10k)")
    args = ap.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_viz-") as tmp:
        for size in args.sizes:
            n, m = (int(x) for x in size.split(":"))
            G = synthetic_graph(n, m, seed=args.seed)
            folder = Path(tmp) / f"{n}-{m}"
            folder.mkdir()
            row: dict[str, Any] = {"nodes": n, "edges": m, "ours": ours(G, folder)}
            if not args.skip_pyvis:
                row["pyvis"] = naive_pyvis(G, folder)
                row["speedup"] = row["pyvis"]["total_s"] / row["ours"]["total_s"]
            if args.browser:
                pages = {"ours": folder / "ours.html"}
                if not args.skip_pyvis:
                    pages["pyvis"] = folder / "pyvis.html"
                row["browser"] = browser_times(pages, args.browser_timeout)
            rows.append(row)
            print(_line(row), flush=True)

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench_viz-{time.strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count()}
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2), encoding="utf-8")
    print(f"wrote {out}")


def _line(row: dict[str, Any]) -> str:
    o = row["ours"]
    s = (f"{row['nodes']:>7} nodes {row['edges']:>7} edges | ours {o['total_s']:6.2f} s "
         f"(model {o['model_s']:.2f}, write {o['write_s']:.2f}, {o['bytes'] / 1e6:.1f} MB, "
         f"physics {'on' if o['physics'] else 'off'})")
    if "pyvis" in row:
        p = row["pyvis"]
        s += (f" | naive pyvis {p['total_s']:6.2f} s (add_node {p['add_node_s']:.2f}, add_edge "
              f"{p['add_edge_s']:.2f}, write {p['write_s']:.2f}) | pyvis/ours {row['speedup']:.1f}x")
    for name, b in (row.get("browser") or {}).items():
        def sec(x: float | None) -> str:
            return "never" if x is None else f"{x:.1f} s"
        s += (f"\n      Chromium {name:5}: stabilisation done {sec(b['iterations_done_s'])}, "
              f"at rest {sec(b['at_rest_s'])}, blocked requests {len(b['blocked_requests'])}, "
              f"console errors {b['console_errors']}"
              + (f", stabilisation at {b['progress_at_timeout']} after the timeout" if b.get("progress_at_timeout") else ""))
    return s


if __name__ == "__main__":
    main()
