"""Strip markup from HTML and Markdown sources before extraction (scripts and styles are dropped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "markdown_to_text"]

_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line.

    >>> html_to_text("<p>省委<script>alert(1)</script>出台</p><p>意见</p>")
    '省委出台\\n意见'
    """
    p = _Text()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def markdown_to_text(md: str) -> str:
    """Markdown without its markup (headings, emphasis, links, code fences).

    >>> markdown_to_text("# 标题\\n**完善**[邻里](http://x)互助")
    '标题\\n完善邻里互助'
    """
    md = re.sub(r"```.*?```", "", md, flags=re.DOTALL)
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"^[ \t]{0,3}(#{1,6}|>|[-*+]|\d+\.)[ \t]+", "", md, flags=re.MULTILINE)
    md = re.sub(r"(\*\*|__|\*|_|`)", "", md)
    return md.strip()
