"""Render a :class:`~kg.viz.model.PageModel` as one self-contained, offline HTML page.

The page is the package's own template (``kg/viz/template.html``, ``page.css``, ``page.js``) with
vis-network's JavaScript and CSS inlined from the copy bundled inside the installed ``pyvis``
package: no ``http(s)`` reference to any script, style or font, no ``lib/`` folder. The model goes in
as JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, so no text in the graph can end the script element; the page's JavaScript builds every
element from it with ``textContent``. A Content-Security-Policy allows only the page's own scripts
(by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
import tempfile
from importlib import resources
from pathlib import Path

from kg.viz.model import PageModel

__all__ = ["VizAssetError", "render_html", "script_json", "vis_assets", "write_html"]

_TOKEN = re.compile(r"\{\{([A-Z_]+)\}\}")
_SCRIPT_JSON_ESCAPES = str.maketrans({
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
})


class VizAssetError(RuntimeError):
    """vis-network is missing from the installed pyvis, or an asset cannot be inlined safely."""


def script_json(obj: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (and still valid JSON).

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_JSON_ESCAPES)


@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str, str]:
    """vis-network's minified JavaScript, its CSS, and its version, from the installed pyvis.

    Raises
    ------
    VizAssetError
        If pyvis is not installed or carries no ``lib/vis-*/vis-network.min.js``.
    """
    try:
        root = resources.files("pyvis").joinpath("lib")
    except ModuleNotFoundError as exc:  # pragma: no cover - pyvis is a dependency
        raise VizAssetError("pyvis is not installed; it carries the vis-network library") from exc
    found = []
    for folder in root.iterdir() if root.is_dir() else ():
        m = re.fullmatch(r"vis-(\d+(?:\.\d+)*)", folder.name)
        if m and folder.joinpath("vis-network.min.js").is_file() and folder.joinpath("vis-network.css").is_file():
            found.append((tuple(int(x) for x in m.group(1).split(".")), folder))
    if not found:
        raise VizAssetError("vis-network.min.js not found in the installed pyvis package "
                                    "(looked for pyvis/lib/vis-*/vis-network.min.js)")
    version, folder = max(found, key=lambda f: f[0])
    js = _lf(folder.joinpath("vis-network.min.js").read_text(encoding="utf-8"))
    css = _lf(folder.joinpath("vis-network.css").read_text(encoding="utf-8"))
    return js, css, ".".join(map(str, version))


@functools.lru_cache(maxsize=1)
def _own_assets() -> tuple[str, str, str]:
    pkg = resources.files("kg.viz")
    return tuple(_lf(pkg.joinpath(name).read_text(encoding="utf-8"))  # type: ignore[return-value]
                 for name in ("template.html", "page.css", "page.js"))


def render_html(model: PageModel) -> str:
    """The page as a string (UTF-8 HTML5 that works from ``file://`` with the network off)."""
    template, page_css, page_js = _own_assets()
    vis_js, vis_css, vis_version = vis_assets()
    for name, code in (("vis-network.min.js", vis_js), ("page.js", page_js)):
        _check_inline(name, code, "script")
    for name, code in (("vis-network.css", vis_css), ("page.css", page_css)):
        _check_inline(name, code, "style")
    scripts = (vis_js, page_js)
    csp = "; ".join((
        "default-src 'none'",
        "script-src " + " ".join(f"'sha256-{_sha256_b64(s)}'" for s in scripts),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ))
    from kg import __version__

    values = {
        "LANG": "en" if model.lang == "en" else "zh-CN",
        "TITLE": html.escape(model.title),
        "CSP": html.escape(csp),
        "GENERATOR": html.escape(f"govkg {__version__} (vis-network {vis_version} via pyvis)"),
        "VIS_CSS": vis_css,
        "PAGE_CSS": page_css,
        "DATA": script_json(model.to_dict()),
        "VIS_JS": vis_js,
        "PAGE_JS": page_js,
    }
    # one pass over the template only: inserted text is never scanned for tokens again
    return _TOKEN.sub(lambda m: values[m.group(1)], template)


def write_html(model: PageModel, path: str | os.PathLike[str]) -> Path:
    """Render ``model`` and write it to ``path`` atomically (temp file in the same folder, then rename).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    text = render_html(model)
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sha256_b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _check_inline(name: str, code: str, element: str) -> None:
    """Refuse code that would end its element early (or switch the HTML parser's script state)."""
    low = code.lower()
    if f"</{element}" in low or (element == "script" and "<!--" in low):
        raise VizAssetError(f"{name} cannot be inlined: it contains '</{element}' or '<!--'")
