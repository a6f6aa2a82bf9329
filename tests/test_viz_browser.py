"""The written page in real headless Chromium, loaded from file:// with every network request blocked.

Needs Debian's ``chromium`` at /usr/bin/chromium (and ``fonts-noto-cjk`` for legible Chinese in the
screenshots) plus the Playwright Python client; skipped with the reason otherwise.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from test_viz_graphs import ID, PAYLOADS, governance_graph, payload_graph

from kg.viz import build_model, write_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian chromium at /usr/bin/chromium (apt-get install chromium fonts-noto-cjk)"),
]


class Loaded:
    """A page with what it logged and every request it attempted."""

    def __init__(self, page, console, errors, requests):
        self.page, self.console, self.errors, self.requests = page, console, errors, requests

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, arg=None, *, timeout: float = 30.0, what: str = "") -> None:
        """Poll until ``expression`` is truthy in the page (the CSP forbids the eval of wait_for_function);
        a deadline, not a guess of how long the page needs, so a loaded machine is only slower."""
        t0 = time.monotonic()
        while not self.js(expression, arg):
            assert time.monotonic() - t0 < timeout, f"{what or expression}: not within {timeout:g} s"
            time.sleep(0.02)

    def cpu_seconds(self) -> float:
        """CPU time the page's renderer process has used so far (all its threads), from Chromium."""
        if not hasattr(self, "_cdp"):
            self._cdp = self.page.context.new_cdp_session(self.page)
            self._cdp.send("Performance.enable")
        metrics = self._cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ProcessTime")

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert [t for kind, t in self.console if kind == "error"] == []
        assert self.requests == [], self.requests


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python client")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path, *, timeout: float = 60.0, viewport=(1400, 900), init_script: str = "") -> Loaded:
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        if init_script:
            ctx.add_init_script(init_script)
        contexts.append(ctx)
        console, errors, requests = [], [], []
        page = ctx.new_page()
        page.on("console", lambda m: console.append((m.type, m.text)))
        page.on("pageerror", lambda e: errors.append(str(e)))
        url = path.resolve().as_uri()
        page.on("request", lambda r: None if r.url == url else requests.append(r.url))

        def abort(route):
            requests.append(route.request.url)
            route.abort()

        ctx.route(re.compile(r"^(https?|wss?|ftp)://"), abort)
        page.goto(url, timeout=timeout * 1000)  # the same hang guard as the settling (goto's own is 30 s)
        # poll from Python: the page's CSP forbids the eval that wait_for_function would need
        t0 = time.monotonic()
        while not page.evaluate("!!(window.govkg && window.govkg.ready && window.govkg.stabilized)"):
            assert time.monotonic() - t0 < timeout, "the graph did not settle"
            time.sleep(0.05)
        return Loaded(page, console, errors, requests)

    yield _open
    for ctx in contexts:
        ctx.close()


def write(model, tmp_path: Path, name: str = "graph.html") -> Path:
    return write_html(model, tmp_path / name)


def node_id(model, label: str) -> int:
    return next(n.id for n in model.nodes if n.label == label)


def dom_xy(p: Loaded, node: int) -> tuple[float, float]:
    """Viewport coordinates of a node's centre."""
    return tuple(p.js("""(id) => {
        const net = govkg.network, r = document.getElementById('graph').getBoundingClientRect();
        const c = net.canvasToDOM(net.getPosition(id));
        return [r.left + c.x, r.top + c.y];
    }""", node))


# --------------------------------------------------------------------------------------------------


def test_page_works_offline_and_holds_the_graph(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    p = open_page(write(model, tmp_path))
    counts = p.js("""[govkg.nodes.length, govkg.edges.length,
                      govkg.network.body.nodeIndices.length, govkg.network.body.edgeIndices.length]""")
    assert counts == [len(model.nodes), len(model.edges)] * 2
    assert p.js("govkg.network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert "Noto Sans CJK SC" in p.js("getComputedStyle(document.body).fontFamily")
    legend = p.js("document.getElementById('legend').textContent")
    assert all(w in legend for w in ("行动者", "机制", "政策文件", "目标", "指标", "挑战", "事件"))
    shot = tmp_path / "graph.png"
    p.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    p.assert_clean()


def test_search_finds_a_node_and_opens_its_panel(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    hub = node_id(model, "市民政局")
    p = open_page(write(model, tmp_path))
    assert p.js("govkg.search('Civil Affairs')") == [hub]
    assert p.js("govkg.search('民政局')")[0] == hub  # alias, exact match first
    p.page.fill("#search", "民政局")
    assert "市民政局" in p.js("document.getElementById('search-results').textContent")
    p.page.press("#search", "Enter")
    assert p.js("document.getElementById('panel').hidden") is False
    assert p.js("document.querySelector('#panel h3').textContent") == "市民政局"
    assert p.js("govkg.network.getSelectedNodes()") == [hub]
    p.page.fill("#search", "没有这个")
    assert "无匹配" in p.js("document.getElementById('search-results').textContent")
    p.assert_clean()


def test_class_filter_and_edge_type_toggle(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    p = open_page(write(model, tmp_path))
    actors = sum(n.cls == "Actor" for n in model.nodes)
    p.page.get_by_label("行动者").uncheck()
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes) - actors
    p.page.get_by_label("行动者").check()
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes)
    measures = sum(e.key == "measures" for e in model.edges)
    p.page.get_by_label("度量").uncheck()
    assert p.js("govkg.network.body.edgeIndices.length") == len(model.edges) - measures
    p.assert_clean()


def test_language_toggle(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    hub, issues = node_id(model, "市民政局"), next(e.id for e in model.edges if e.key == "issues")
    p = open_page(write(model, tmp_path))
    assert p.js(f"govkg.edges.get({issues}).label") == "出台"
    p.page.click("#lang")
    assert p.js("govkg.lang()") == "en"
    assert p.js(f"govkg.nodes.get({hub}).label") == "Civil Affairs Bureau"
    assert p.js(f"govkg.edges.get({issues}).label") == "issues"
    assert "Party organization" in p.js("document.getElementById('legend').textContent")
    assert p.js("document.documentElement.lang") == "en"
    p.page.click("#lang")
    assert p.js(f"govkg.nodes.get({hub}).label") == "市民政局"
    p.assert_clean()


def test_panel_shows_metric_and_highlighted_source_sentence(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    p = open_page(write(model, tmp_path))
    text = p.js("(id) => govkg.openPanel(id).textContent", node_id(model, "覆盖率97.5%"))
    assert all(w in text for w in ("97.5", "%", "约", "2023", "约97.5%", "指标"))
    p.js("(id) => govkg.openPanel(id)", node_id(model, "市民政局"))
    marks = p.js("[...document.querySelectorAll('#panel .mention mark')].map(m => m.textContent)")
    assert marks == ["市民政局"]
    sentence = p.js("document.querySelector('#panel .mention p').textContent")
    assert sentence == "市民政局出台实施意见，推动社区服务平台建设。"
    assert ID + "doc/d1" in p.js("document.querySelector('#panel .mention .src').textContent")
    # a relation in the panel navigates to the neighbour
    p.page.get_by_role("button", name="实施意见").click()
    assert p.js("document.querySelector('#panel h3').textContent") == "实施意见"
    p.assert_clean()


def test_hovering_a_node_shows_its_tooltip(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    p = open_page(write(model, tmp_path))
    x, y = dom_xy(p, node_id(model, "市民政局"))
    p.page.mouse.move(x, y)
    p.wait_until("!document.getElementById('tooltip').hidden", what="the tooltip shows on hover")
    tip = p.js("document.getElementById('tooltip').textContent")
    assert "市民政局" in tip and "政府机构" in tip
    p.assert_clean()


# Records, at the very moment the page says it has settled, which node vis-network hit-tests at each
# node's centre: hover and click use the boxes of the last drawn frame, not the current positions.
HIT_TEST_AT_SETTLE = """
(() => {
  let api;
  Object.defineProperty(window, "govkg", { configurable: true, get: () => api, set(v) {
    api = v;
    let settled = false;
    Object.defineProperty(v, "stabilized", { configurable: true, get: () => settled, set(flag) {
      if (flag && !settled) {
        const net = v.network;
        window.__hits = v.nodes.getIds().map((id) => [id, net.getNodeAt(net.canvasToDOM(net.getPosition(id)))]);
      }
      settled = flag;
    } });
  } });
})();
"""


def test_a_settled_page_hit_tests_nodes_where_they_stand(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    p = open_page(write(model, tmp_path), init_script=HIT_TEST_AT_SETTLE)
    hits = p.js("window.__hits")
    assert len(hits) == len(model.nodes)
    # nodes may overlap a little; nearly every centre must hit its own node, none may hit nothing
    assert all(found is not None for _, found in hits), hits
    assert sum(found == node for node, found in hits) >= len(hits) - 1, hits
    p.assert_clean()


def test_injected_markup_is_shown_as_text_and_never_runs(open_page, tmp_path: Path):
    model = build_model(payload_graph())
    p = open_page(write(model, tmp_path))
    ids = [n.id for n in model.nodes]
    for lang in ("zh", "en"):
        p.js("(l) => govkg.setLang(l)", lang)
        for node in model.nodes:
            # the real hover path: move the mouse onto the node
            x, y = dom_xy(p, node.id)
            p.js("govkg.hideTooltip()")
            p.page.mouse.move(x, y)
            p.wait_until("!document.getElementById('tooltip').hidden", what=f"the tooltip of {node.id} on hover")
            # ... and the same handler called for this node, in case nodes overlap
            tip = p.js("(id) => govkg.showTooltip(id).textContent", node.id)
            assert node.label in tip
            p.page.mouse.click(x, y)  # opens a panel
            panel = p.js("(id) => govkg.openPanel(id).textContent", node.id)
            assert node.label in panel and node.label + "别名" in panel
            assert node.mentions[0].sentence in panel
            assert p.js("document.querySelector('#panel .mention mark').textContent") == node.label
        for edge in model.edges:
            assert p.js("(id) => govkg.showEdgeTooltip(id, 10, 10).textContent", edge.id)
        for bad in PAYLOADS:
            p.page.fill("#search", bad.strip())
            p.page.wait_for_timeout(30)
    assert sorted(p.js("govkg.nodes.getIds()")) == sorted(ids)
    assert p.js("window.__xss") is None
    assert p.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert p.js("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                ".some(a => a.name.startsWith('on'))).length") == 0
    p.assert_clean()


def test_cut_banner_and_focus(open_page, tmp_path: Path):
    cut = build_model(governance_graph(), max_nodes=3)
    p = open_page(write(cut, tmp_path, "cut.html"))
    banner = p.js("document.getElementById('banner').textContent")
    assert p.js("document.getElementById('banner').hidden") is False
    assert "省略 7 个节点" in banner and cut.stats.cut_examples[0] in banner
    focus = build_model(governance_graph(), focus="实施意见", hops=1)
    q = open_page(write(focus, tmp_path, "focus.html"))
    assert q.js("govkg.network.getSelectedNodes()") == [node_id(focus, "实施意见")]
    assert "实施意见" in q.js("document.getElementById('banner').textContent")
    p.assert_clean()
    q.assert_clean()


def test_5000_nodes_stay_usable(open_page, tmp_path: Path):
    from kg.graph.synthetic import synthetic_graph

    model = build_model(synthetic_graph(5000, 10000, seed=2))
    path = write(model, tmp_path)
    t0 = time.monotonic()
    p = open_page(path, timeout=60)
    loaded, loaded_cpu = time.monotonic() - t0, p.cpu_seconds()  # the renderer's CPU time since it started
    assert p.js("[govkg.network.body.nodeIndices.length, govkg.network.body.edgeIndices.length]") == [5000, 10000]
    assert p.js("govkg.network.physics.physicsEnabled") is False
    label = model.nodes[10].label
    assert p.js("(q) => govkg.search(q)[0]", label) == 10
    cpu, wall = p.cpu_seconds(), time.monotonic()
    p.js("govkg.setClassVisible('Actor', false)")
    p.js("govkg.setClassVisible('Actor', true)")
    cpu, wall = p.cpu_seconds() - cpu, time.monotonic() - wall
    # CPU time of the page's renderer process: what loading and the two toggles cost, whatever else the
    # (shared) machine is running; wall-clock time on a loaded machine measures the machine
    assert cpu < 5, f"{cpu:.2f} s CPU, {wall:.2f} s wall to toggle"
    assert loaded_cpu < 30, f"{loaded_cpu:.1f} s CPU, {loaded:.1f} s wall to load"
    p.assert_clean()


def test_panel_takes_room_from_the_graph_and_isolated_nodes_hide(open_page, tmp_path: Path):
    model = build_model(governance_graph())
    hub = node_id(model, "市民政局")
    p = open_page(write(model, tmp_path))
    width = "document.querySelector('#graph canvas').clientWidth"
    full = p.js(width)
    # select, and wait for the end of its focus animation (which lasts a number of frames, not of seconds)
    p.js("(id) => new Promise((done) => { govkg.network.once('animationFinished', done); govkg.select(id); })", hub)
    narrow = p.js(width)
    assert narrow <= full - 300
    x, y = p.js("(id) => { const c = govkg.network.canvasToDOM(govkg.network.getPosition(id)); return [c.x, c.y]; }",
                hub)
    assert 0 < x < narrow and 0 < y < p.js("document.querySelector('#graph canvas').clientHeight")
    p.page.click("#panel-close")
    assert p.js(width) == full and p.js("document.getElementById('panel').hidden") is True
    isolated = sum(1 for n in model.nodes if not any(n.id in (e.source, e.target) for e in model.edges))
    assert isolated == 1
    assert "隐藏孤立节点 (1)" in p.js("document.getElementById('tools').textContent")
    p.page.check("#hide-isolated")
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes) - 1
    p.js("(id) => govkg.select(id)", node_id(model, "志愿者"))  # selecting it shows it again
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes)
    # with every relation type unchecked, "hide isolated" hides every node: isolated means no edge on screen
    p.page.check("#hide-isolated")
    for box in p.page.query_selector_all("#edge-types input[type=checkbox]"):
        box.uncheck()
    assert p.js("govkg.network.body.nodeIndices.length") == 0
    p.page.uncheck("#hide-isolated")
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes)
    p.assert_clean()


@pytest.mark.parametrize("edges", [None, [], [("urn:a", "urn:b"), ("urn:a", "urn:a")]])
def test_empty_tiny_and_bare_graphs_settle(open_page, tmp_path: Path, edges):
    import networkx as nx

    G = nx.MultiDiGraph()
    if edges is not None:
        G.add_node("urn:a", cls="Actor", type="Person", label="张三")
        G.add_edges_from(edges)  # "urn:b" has no attributes at all
    model = build_model(G)
    p = open_page(write(model, tmp_path), timeout=20)
    assert p.js("govkg.network.body.nodeIndices.length") == len(model.nodes)
    assert p.js("govkg.network.body.edgeIndices.length") == len(model.edges)
    # an empty graph says so instead of showing a blank canvas
    banner = p.js("[document.getElementById('banner').hidden, document.getElementById('banner').textContent]")
    assert banner[0] is (edges is not None) and ("没有实体" in banner[1]) is (edges is None)
    p.assert_clean()
