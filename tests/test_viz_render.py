"""kg.viz.render: the written page is self-contained, offline, escaped and written atomically."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from test_viz_graphs import PAYLOADS, governance_graph, payload_graph

from kg.viz import build_model, render_html, script_json, write_html
from kg.viz import render as render_mod


class _Page(HTMLParser):
    """Collects tags, their attributes and the text of script and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._open, self._buf = (tag, a), []

    def handle_data(self, data):
        if self._open:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            text = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._open[1], text))
            else:
                self.styles.append(text)
            self._open = None


def parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    p.close()
    return p


# --------------------------------------------------------------------------------------------------


def test_script_json_cannot_close_the_script_and_stays_json():
    obj = {"s": PAYLOADS}
    text = script_json(obj)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == obj


def test_data_block_round_trips_and_nothing_ends_a_script_early():
    model = build_model(payload_graph(), title="</title><script>window.__xss=1</script>")
    html = render_html(model)
    page = parse(html)
    assert len(page.scripts) == 3  # data, vis-network, page
    assert html.lower().count("</script") == 3
    (data_attrs, data_text), = [(a, t) for a, t in page.scripts if a.get("type") == "application/json"]
    assert data_attrs.get("id") == "govkg-data"
    assert json.loads(data_text) == json.loads(json.dumps(model.to_dict()))
    for bad in PAYLOADS:
        assert bad not in html  # every payload is only present in escaped form
    assert "<title>&lt;/title&gt;&lt;script&gt;" in html


def test_no_external_references():
    html = render_html(build_model(governance_graph()))
    page = parse(html)
    refs = [(tag, k, v) for tag, a in page.tags for k, v in a.items() if k in ("src", "href", "srcset", "action")]
    assert refs == []  # no script, style, font or image is loaded from anywhere
    assert not any(tag in ("link", "iframe", "object", "embed", "img", "base") for tag, _ in page.tags)
    for css in page.styles:
        assert "@import" not in css
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            assert url.startswith("data:"), url
    for attrs, _ in page.scripts:
        assert "src" not in attrs
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)


def test_content_security_policy_allows_exactly_the_page_scripts():
    html = render_html(build_model(governance_graph()))
    page = parse(html)
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "unsafe-inline" not in script_src
    hashes = set(re.findall(r"'sha256-([^']+)'", script_src))
    code = [t for a, t in page.scripts if a.get("type") != "application/json"]
    assert hashes == {base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in code}


def test_vis_network_comes_from_pyvis_and_is_inlined():
    js, css, version = render_mod.vis_assets()
    bundled = resources.files("pyvis").joinpath("lib", f"vis-{version}", "vis-network.min.js")
    assert bundled.read_text(encoding="utf-8").replace("\r\n", "\n") == js
    html = render_html(build_model(governance_graph()))
    assert js in html and css in html
    assert "vis-network " + version in html


def test_cjk_font_stack_in_css():
    html = render_html(build_model(governance_graph()))
    css = "".join(parse(html).styles)
    stack = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
    assert stack in css
    assert "font-family: var(--cjk)" in css


def test_page_script_never_parses_data_as_html():
    js = resources.files("kg.viz").joinpath("page.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", js, flags=re.DOTALL)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 'setTimeout("', "srcdoc"):
        assert sink not in code, sink
    assert "textContent" in code


def test_unknown_template_token_is_an_error_not_silent(monkeypatch):
    template, css, js = render_mod._own_assets()
    monkeypatch.setattr(render_mod, "_own_assets", lambda: (template + "{{NOPE}}", css, js))
    with pytest.raises(KeyError):
        render_html(build_model(governance_graph()))


def test_asset_that_would_close_its_element_is_refused(monkeypatch):
    template, css, js = render_mod._own_assets()
    monkeypatch.setattr(render_mod, "_own_assets", lambda: (template, css, js + "//</script>"))
    with pytest.raises(render_mod.VizAssetError):
        render_html(build_model(governance_graph()))


def test_write_html_is_atomic(tmp_path: Path, monkeypatch):
    out = tmp_path / "graph.html"
    model = build_model(governance_graph())
    assert write_html(model, out) == out
    first = out.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and list(tmp_path.iterdir()) == [out]

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(render_mod.os, "replace", boom)
    with pytest.raises(OSError):
        write_html(build_model(governance_graph(), max_nodes=2), out)
    assert out.read_text(encoding="utf-8") == first  # old page intact
    assert list(tmp_path.iterdir()) == [out]  # temp file removed


def test_write_html_relative_path(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_html(build_model(governance_graph()), "page.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no lib/ folder, nothing else


def test_cut_notice_is_in_the_data():
    html = render_html(build_model(governance_graph(), max_nodes=3))
    data = json.loads(next(t for a, t in parse(html).scripts if a.get("id") == "govkg-data"))
    assert data["stats"]["nodes_cut"] == 7 and data["stats"]["cut_examples"]


def test_5000_nodes_10000_edges_written_under_5_seconds(tmp_path: Path):
    from kg.graph.synthetic import synthetic_graph

    G = synthetic_graph(5000, 10000, seed=4)
    build_model(synthetic_graph(50, 100, seed=4))  # first-call costs (imports, ontology) are not the page's
    wall, cpu = time.perf_counter(), time.process_time()
    model = build_model(G)
    path = write_html(model, tmp_path / "big.html")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(model.nodes) == 5000 and len(model.edges) == 10000
    assert path.stat().st_size > 0
    # CPU time of this process: what the writer costs, whatever else the (shared) machine is running
    assert cpu < 5.0, f"{cpu:.2f} s CPU, {wall:.2f} s wall"
