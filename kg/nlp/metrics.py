"""Number grammar: quantities with multipliers, units, qualifiers, years and their subjects.

``约3.5亿元`` -> value 350000000, unit 元, qualifier 约; ``92.1%、88.4%`` after 分别 -> two metrics;
``2016年起`` -> since 2016; ``到2025年`` -> until 2025 and a target; ``2019—2022年`` -> since 2019, until
2022; ``第3批`` is an ordinal, not a quantity. Units and qualifiers come from
``ontology/grammar.ttl``. Results go to ``doc.spans["metrics"]`` (label = unit) with the parsed values
in ``doc.user_data["govkg.metrics"]`` keyed by the span's ``(start_char, end_char)`` (aligned to tokens; the
parsed value keeps the offsets of the figure as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import Lexicon, load_default_lexicon
from kg.nlp.segment import sentences
from kg.nlp.tokenizer import doc_text

__all__ = ["ParsedQuantity", "MetricGrammar", "parse_quantities", "MULTIPLIERS"]

MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = None
    year: int | None = None
    since: int | None = None
    until: int | None = None
    is_target: bool = False


def _compile(lx: Lexicon) -> re.Pattern:
    units = "|".join(map(re.escape, sorted(lx.units, key=len, reverse=True)))
    pre = "|".join(map(re.escape, sorted((q for q in lx.qualifiers if q not in ("余", "多", "以上", "以下", "左右")),
                                         key=len, reverse=True)))
    post = "|".join(map(re.escape, sorted((q for q in ("余", "多", "以上", "以下", "左右") if q in lx.qualifiers),
                                          key=len, reverse=True)))
    mult = "|".join(MULTIPLIERS)
    return re.compile(
        rf"(?P<pre>{pre})?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<post1>{post})?(?P<mult>{mult})?(?P<post2>{post})?"
        rf"(?P<unit>{units})(?P<post3>以上|以下|左右)?")


_YEAR = re.compile(r"(?P<to>到|至|截至|截止到?)?(?:(?P<y0>(?:19|20)\d{2})年?\s*[—–~\-至到]+\s*)?"
                   r"(?P<y>(?:19|20)\d{2})年(?:底|末|起|以来|来)?")


_HAS_NUMBER = re.compile(r"\d")
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")


def parse_quantities(text: str, lx: Lexicon, pattern: re.Pattern | None = None) -> list[ParsedQuantity]:
    """All quantities of one sentence, with the year context of that sentence.

    >>> from kg.nlp.lexicon import load_default_lexicon
    >>> q = parse_quantities("2022年投入资金约3.5亿元", load_default_lexicon())[0]
    >>> (q.value, q.unit, q.qualifier, q.year)
    (350000000.0, '元', '约', 2022)
    """
    pattern = pattern or _compile(lx)
    matches = list(pattern.finditer(text))
    if not matches:
        return []
    years = list(_YEAR.finditer(text))
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out = []
    for m in matches:
        s, e = m.span()
        if any(a <= s < b for a, b in quoted):
            continue
        if any(y.start() <= m.start("num") < y.end() for y in years):
            continue
        if text[max(0, s - 1):s] == "第":
            continue  # 第3批: an ordinal, not a quantity
        nxt = text[e:e + 1]
        unit = m.group("unit")
        if unit in ("年", "月", "日") or (unit == "个" and nxt and nxt in "月"):
            continue
        num = float(m.group("num").replace(",", ""))
        mult = m.group("mult")
        if mult:
            num *= MULTIPLIERS[mult]
        quals = [m.group(g) for g in ("pre", "post1", "post2", "post3") if m.group(g)]
        qual = next((q for q in quals if lx.qualifiers.get(q) != "none"), None)
        year = since = until = None
        target = False
        for y in years:
            if y.start() > s:
                continue
            tail = y.group(0)
            if y.group("y0"):  # 2019—2022年: a period
                since, until = int(y.group("y0")), int(y.group("y"))
            elif tail.endswith(("起", "以来", "来")):
                since = int(y.group("y"))
            elif y.group("to") in ("到", "至") and y.end() <= s:
                until, target = int(y.group("y")), True
            else:
                year = int(y.group("y"))
        if any(c in text[max(0, s - 12):s] for c in ("力争", "目标")):
            target = True
        out.append(ParsedQuantity(s, e, round(num, 6), unit, qual, year, since, until, target))
    return out


class MetricGrammar:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.pattern = _compile(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        found, data = [], {}
        text = doc_text(doc)
        for sent in sentences(doc):
            if not _HAS_NUMBER.search(text, sent.start_char, sent.end_char):
                continue  # no figure without a digit
            for q in parse_quantities(text[sent.start_char:sent.end_char], self.lexicon, self.pattern):
                s, e = sent.start_char + q.start, sent.start_char + q.end
                span = doc.char_span(s, e, label=q.unit, alignment_mode="expand")
                if span is None:
                    continue
                found.append(span)
                # keyed by the span (token-aligned, what relations see); the value keeps the exact figure
                data[(span.start_char, span.end_char)] = ParsedQuantity(s, e, q.value, q.unit, q.qualifier, q.year, q.since, q.until,
                                              q.is_target)
        doc.spans["metrics"] = found
        doc.user_data["govkg.metrics"] = data
        return doc


@Language.factory("govkg_metrics", assigns=["doc.spans", "doc.user_data"], default_config={})
def make_metrics(nlp: Language, name: str) -> MetricGrammar:
    return MetricGrammar()
