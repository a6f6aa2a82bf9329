"""Screenshot of the interactive graph page, for the README (docs/img/graph.png).

    .venv/bin/python scripts/screenshot.py                       # the bundled sample's graph
    .venv/bin/python scripts/screenshot.py --graph out/graph.ttl --max-nodes 80 --select 社区 -o shot.png

Writes the page with :mod:`kg.viz` into a temporary folder, opens it from file:// in headless
Chromium (/usr/bin/chromium; install ``chromium fonts-noto-cjk``) with the network blocked, waits for
the layout to settle, optionally hides isolated nodes and opens one node's panel, and saves a PNG.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def load_graph(path: str | None):
    from kg.graph import to_networkx

    if path:
        import rdflib
        from rdflib.util import guess_format

        return to_networkx(rdflib.Graph().parse(path, format=guess_format(path) or "turtle"))
    from kg.pipeline import build_sample_graph

    return to_networkx(build_sample_graph())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default="docs/img/graph.png")
    ap.add_argument("--graph", help="RDF file (default: the bundled sample)")
    ap.add_argument("--max-nodes", type=int)
    ap.add_argument("--focus")
    ap.add_argument("--hops", type=int, default=2)
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--select", help="label (or part of one) of the node whose panel to open")
    ap.add_argument("--show-isolated", action="store_true", help="keep nodes without relations")
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--zoom", type=float, default=1.0, help="zoom the view after fitting it")
    ap.add_argument("--scale", type=float, default=1.0, help="device pixel ratio of the PNG")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"needs {CHROMIUM}: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    from kg.viz import build_model, write_html

    G = load_graph(args.graph)
    model = build_model(G, max_nodes=args.max_nodes, focus=args.focus, hops=args.hops, lang=args.lang)
    with tempfile.TemporaryDirectory(prefix="govkg-shot-") as tmp, sync_playwright() as p:
        page_path = write_html(model, Path(tmp) / "graph.html")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        ctx = browser.new_context(viewport={"width": args.width, "height": args.height},
                                  device_scale_factor=args.scale)
        page = ctx.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        ctx.route(re.compile(r"^https?://"), lambda r: (problems.append("request " + r.request.url), r.abort()))
        page.goto(page_path.as_uri())
        t0 = time.monotonic()
        while not page.evaluate("!!(window.govkg && govkg.stabilized)"):
            if time.monotonic() - t0 > 120:
                print("the page did not settle in 120 s", file=sys.stderr)
                return 1
            time.sleep(0.05)
        if not args.show_isolated:
            page.evaluate("govkg.setHideIsolated(true)")
        if args.select:
            ids = page.evaluate("(q) => govkg.search(q)", args.select)
            if not ids:
                print(f"no node matches {args.select!r}", file=sys.stderr)
                return 1
            page.evaluate("(id) => { govkg.network.selectNodes([id]); govkg.openPanel(id); }", ids[0])
        page.evaluate("govkg.network.fit({animation: false})")  # into the room the panel leaves
        if args.zoom != 1.0:
            page.evaluate("(z) => govkg.network.moveTo({scale: govkg.network.getScale() * z})", args.zoom)
        page.wait_for_timeout(400)
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    if problems:
        print("page problems: " + "; ".join(problems), file=sys.stderr)
        return 1
    print(f"wrote {out} ({model.stats.nodes_shown} nodes, {model.stats.edges_shown} edges)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
