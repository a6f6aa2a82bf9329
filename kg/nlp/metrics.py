"""Number grammar: quantities with multipliers, units, qualifiers, years and their subjects.

``约3.5亿元`` -> value 350000000, unit 元, qualifier 约; ``92.1%、88.4%`` after 分别 -> two metrics;
``2016年起`` -> since 2016; ``到2025年`` -> until 2025 and a target; ``2019—2022年`` -> since 2019, until
2022; ``第3批`` is an ordinal, not a quantity. Figures written in Chinese numerals count too (``三千余人``,
``两万名``, ``一百二十家``, ``百分之九十五``) when they hold a digit (a bare 百/千 names no figure: 千家万户,
每百户); one of ten or less counts only in a counting context and outside fixed expressions (每月召开一次,
邀请甲、三个乙, 于七个工作日内; not 一次性, 两个维护, 一批, 一村一品, 理顺四个环节: see :func:`_small_count`).
Units and qualifiers come from
``ontology/grammar.ttl``. Results go to ``doc.spans["metrics"]`` (label = unit) with the parsed values
in ``doc.user_data["govkg.metrics"]`` keyed by the span's ``(start_char, end_char)`` (aligned to tokens; the
parsed value keeps the offsets of the figure as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import spans
from kg.nlp.lexicon import Lexicon, alternation, load_default_lexicon, per_lexicon
from kg.nlp.segment import sentences
from kg.nlp.spans import Rec
from kg.nlp.tokenizer import doc_text

__all__ = ["MULTIPLIERS", "MetricGrammar", "ParsedQuantity", "chinese_numeral", "parse_quantities", "table_quantities"]

MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_GROUPS = {"万": 10_000, "亿": 100_000_000}
#: a numeral in Chinese characters (万 and 亿 only inside it: after it they are the multiplier)
_CN = "[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*"


def chinese_numeral(text: str) -> int | None:
    """The value of a numeral in Chinese characters, or None if ``text`` is not one (or too loose to read).

    >>> [chinese_numeral(t) for t in ("十二", "一百二十", "三千", "两万", "一百零五", "一万二千", "十", "三亿")]
    [12, 120, 3000, 20000, 105, 12000, 10, 300000000]
    >>> [chinese_numeral(t) for t in ("十四五", "二〇二三", "三千五", "一万二", "百十", "万", "零", "")]
    [None, None, None, None, None, None, None, None]
    """
    total = section = 0
    digit: int | None = None  # a digit waiting for its unit
    after_zero = zero_before_digit = False  # 零 stands for skipped units: 一百零五
    last_unit = last_group = 0  # 千 百 十 fall within a group, 亿 万 between groups
    for i, c in enumerate(text):
        if c in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: 二〇二三, 十四五
            if _CN_DIGITS[c] == 0:
                if i == 0 or after_zero:
                    return None
                after_zero = True
                continue
            digit, zero_before_digit, after_zero = _CN_DIGITS[c], after_zero, False
        elif c in _CN_UNITS:
            unit = _CN_UNITS[c]
            if (last_unit and unit >= last_unit) or (digit is None and not (unit == 10 and i == 0)):
                return None  # 百十; a unit without its digit (only a leading 十 stands alone)
            section += (digit or 1) * unit
            digit, last_unit, after_zero = None, unit, False
        elif c in _CN_GROUPS:
            group = _CN_GROUPS[c]
            if (last_group and group >= last_group) or (section == 0 and digit is None):
                return None
            total += (section + (digit or 0)) * group
            section, digit, last_unit, last_group, after_zero = 0, None, 0, group, False
        else:
            return None
    if not text or after_zero:
        return None
    if digit is not None and (last_unit > 10 or (not last_unit and last_group)) and not zero_before_digit:
        return None  # 三千五, 一万二: short for 3500 and 12000, too loose to read
    return total + section + (digit or 0)


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
    row: tuple[int, int] | None = None  # a cell of an indicator table: the span of its row's name



def _periods(lx: Lexicon) -> frozenset[str]:
    """The periods (年, 个月) that are figures only as a time limit or a duration, not measure words."""
    return frozenset(lx.word_lists.get("timeLimitUnits", ())) - frozenset(lx.units)


def _compile(lx: Lexicon) -> re.Pattern:
    # a period (年, 个月) is matched with the measure words (longest first: 周岁 before 周); parse_quantities keeps
    # it only as a time limit or a duration (see _duration)
    units = "|".join(map(re.escape, sorted({*lx.units, *_periods(lx)}, key=len, reverse=True)))
    pre = "|".join(map(re.escape, sorted((q for q in lx.qualifiers if q not in ("余", "多", "以上", "以下", "左右")),
                                         key=len, reverse=True)))
    post = "|".join(map(re.escape, sorted((q for q in ("余", "多", "以上", "以下", "左右") if q in lx.qualifiers),
                                          key=len, reverse=True)))
    mult = "|".join(MULTIPLIERS)
    wl = lx.word_lists
    # a period (年, 个月) is a unit only as a time limit, right before a word of within (三年内)
    limit = rf"(?:{alternation(wl.get('timeLimitUnits', ()))})(?=(?:{alternation(wl.get('timeLimitMarks', ()))}))"
    return re.compile(
        rf"(?P<pre>{pre})?(?:百分之(?P<pnum>\d+(?:\.\d+)?|{_CN})|"
        rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|{_CN})(?P<post1>{post})?(?P<mult>{mult})?(?P<post2>{post})?"
        rf"(?P<unit>{limit}|{units}))(?P<post3>以上|以下|左右)?")


def _range_start(lx: Lexicon) -> re.Pattern:
    """A bare number and a range link ending where a figure starts (5万至|10万元, 1至|2名), compiled once."""
    return per_lexicon(lx, "range starts", lambda x: re.compile(
        rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|{_CN})(?P<mult>{'|'.join(MULTIPLIERS)})?"
        rf"(?:{alternation(x.word_lists.get('rangeLinks', ()))})$"))


_YEAR = re.compile(r"(?P<to>到|至|截至|截止到?)?(?:(?P<y0>(?:19|20)\d{2})年?\s*[—–~\-至到]+\s*)?"
                   r"(?P<y>(?:19|20)\d{2})年(?:底|末|起|以来|来)?")


_HAS_NUMBER = re.compile(r"[\d一二两三四五六七八九十百千万亿]")  # a figure has a digit or a Chinese numeral
_CN_DIGIT = re.compile("[一二两三四五六七八九]")
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")


_PER_NUMBER = re.compile(r"每[\d十百千万]")  # 每百户, 每10万人: per so many
_CLAUSE_END = frozenset(",;:。!?\n()，；：！？（）")
def _small_rules(lx: Lexicon) -> tuple[re.Pattern, tuple, re.Pattern, re.Pattern, tuple, re.Pattern, tuple]:
    """The grammar's word lists of the small-count rule, compiled once per lexicon."""
    return per_lexicon(lx, "small counts", _compile_small_rules)


def _compile_small_rules(lx: Lexicon) -> tuple[re.Pattern, tuple, re.Pattern, re.Pattern, tuple, re.Pattern, tuple]:
    wl = lx.word_lists
    return (re.compile(alternation(wl.get("numeralIdioms", ()))), tuple(wl.get("countBlockers", ())) or ("\0",),
            re.compile(alternation(wl.get("countCues", ()))), re.compile(alternation(wl.get("singleCountCues", ()))),
            tuple(wl.get("countLinks", ())) or ("\0",),
            re.compile(rf"(?:{alternation(wl.get('totalityMarks', ()))})[\u4e00-\u9fff]$"),
            tuple(wl.get("conjunctions", ())) or ("\0",))


def _list_items(before: str, conjunctions: tuple[str, ...]) -> int:
    """How many items the 、 list ending a clause's text names (决策、过程和效益: 3; no list: 1)."""
    pieces = before.split("、")
    return len(pieces) + (len(pieces) > 1 and any(c in pieces[-1] for c in conjunctions))


def _duration(text: str, s: int, lx: Lexicon) -> bool:
    """A period right after a word of duration (``durationCues``: 连续三年, 在村里任职12年, 长达六个月) is a
    duration, a figure; elsewhere a bare period dates or names (三年行动, 过去一年)."""
    cues = tuple(lx.word_lists.get("durationCues", ()))
    return bool(cues) and text.endswith(cues, 0, s)


def _limit_marks(lx: Lexicon) -> tuple[str, ...]:
    return lx.word_lists.get("timeLimitMarks", ()) or ("\0",)


def _small_count(text: str, m: re.Match, lx: Lexicon) -> bool:
    """Whether a numeral of ten or less in Chinese characters before a measure word counts something
    (每月召开一次, 各设一支, 邀请甲、三个乙, 于七个工作日内, ……,十件实事): not inside a fixed expression
    (``numeralIdioms``: 一次性, 两个维护, 统一), not a kind, level or style (``countBlockers``: 一批, 三个方面),
    not the distributive 一X一Y (一村一品, 一人一档, 五个一), and in a counting context: 一 needs a cue of
    its clause before it (``singleCountCues``: 每, 各, 至少); two to ten need a cue (``countCues``: 设, 召开,
    邀请, 共), a qualifier, a list (、) before them in the clause, a link word right before them
    (``countLinks``: 的, 于, 和) or the start of their clause."""
    idioms, blockers, cues, single, links, whole, conjunctions = _small_rules(lx)
    ns, ne, ue = m.start("num"), m.end("num"), m.end("unit")
    if any(a <= ns < b for a, b in (i.span() for i in idioms.finditer(text, max(0, ns - 4), ue + 6))):
        return False
    c0 = ns
    while c0 > 0 and text[c0 - 1] not in _CLAUSE_END:
        c0 -= 1
    before = text[c0:ns]
    # 甲、乙、丙、丁四类: a numeral summing up the list before it counts its items, even in a word of kinds
    summed = m.group("unit") == text[ne:ue] and m.group("unit") in blockers and \
        _list_items(before, conjunctions) == chinese_numeral(m.group("num"))
    if (text.startswith(blockers, ne) and not summed) or text.startswith(blockers, ue):
        return False
    if not summed and (text[ue:ue + 1] in _CN_DIGITS or (m.group("num") == "一" and "一" in text[ue:ue + 3])):
        return False  # 五个一, 一村一品, 一人一档 (not 甲、乙、丙三类一级指标)
    if text.startswith(_limit_marks(lx), ue):
        return True  # 于七个工作日内, 三年内: a time limit
    if chinese_numeral(m.group("num")) == 1:  # 每百户拥有一处: a ratio standard, not a count
        return single.search(before) is not None and _PER_NUMBER.search(before) is None
    return (not before or before.endswith(("、", *links)) or m.group("pre") is not None or "、" in before
            or cues.search(before) is not None or whole.search(before) is not None)  # 全市八个区县


def parse_quantities(text: str, lx: Lexicon, pattern: re.Pattern | None = None) -> list[ParsedQuantity]:
    """All quantities of one sentence, with the year context of that sentence.

    >>> from kg.nlp.lexicon import load_default_lexicon
    >>> q = parse_quantities("2021年拨付经费约3.5亿元", load_default_lexicon())[0]
    >>> (q.value, q.unit, q.qualifier, q.year)
    (350000000.0, '元', '约', 2021)
    """
    pattern = pattern or _compile(lx)
    matches = list(pattern.finditer(text))
    if not matches:
        return []
    years = list(_YEAR.finditer(text))
    periods = _periods(lx)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out = []
    for m in matches:
        s, e = m.span()
        if any(a <= s < b for a, b in quoted):
            continue
        percent = m.group("pnum") is not None  # 百分之九十五
        figure = m.group("pnum") if percent else m.group("num")
        if any(y.start() <= m.start("pnum" if percent else "num") < y.end() for y in years):
            continue
        if text[max(0, s - 1):s] == "第" or ((r := _range_start(lx).search(text, max(0, s - 24), s)) is not None
                                            and text[max(0, r.start() - 1):r.start()] == "第"):
            continue  # 第3批, 第1至3批: an ordinal, not a quantity
        nxt = text[e:e + 1]
        unit = "%" if percent else m.group("unit")
        if unit == "月" or (unit == "个" and nxt and nxt in "月") or (unit == "分" and nxt and nxt in "之"):
            continue
        if unit == "日" and text[max(0, m.start("num") - 1):m.start("num")] in ("月", "年"):
            continue  # 3月15日内: a date, not a time limit (二十日内 is one)
        duration = False
        if unit in periods and not text.startswith(_limit_marks(lx), m.end("unit")):
            if not _duration(text, s, lx):
                continue  # 三年行动, 过去一年, 15日: no time limit, no duration
            duration = True  # 连续三年, 任职12年
        written = figure[0] in _CN_DIGITS or figure[0] in _CN_UNITS  # in Chinese numerals
        if written:
            value = chinese_numeral(figure)
            if value is None:
                continue  # 十四五: no figure
            if not percent and not m.group("mult") and value <= 10:  # 三个, 一次, 十件: a small count?
                if not duration and not _small_count(text, m, lx) and \
                        _range_start(lx).search(text, max(0, s - 24), s) is None:
                    continue  # (the upper end of a range counts: 一至两名)
            elif not _CN_DIGIT.search(figure):
                continue  # 千家万户, 每百户: no figure
            num = float(value)
        else:
            num = float(figure.replace(",", ""))
        mult = None if percent else m.group("mult")
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
        first = None if percent or m.group("pre") else _range_first(text, s, m, num, lx, years)
        if first is not None:  # 5万至10万元: the lower end takes the unit (and the multiplier) of this one
            out.append(ParsedQuantity(first[0], first[1], round(first[2], 6), unit, None, year, since, until, target))
        out.append(ParsedQuantity(s, e, round(num, 6), unit, qual, year, since, until, target))
    return out


def _range_first(text: str, s: int, m: re.Match, num: float, lx: Lexicon,
                 years: list[re.Match]) -> tuple[int, int, float] | None:
    """The lower end of a range whose unit is written on the upper end only (5万至10万元, 1至2名, 一至两名):
    ``(start, end, value)``, or None. A bare lower end below a multiplied upper end shares its multiplier
    (5至10万元 -> 5万); ordinals (第1至3批), dates (1至9月: the upper end is no figure) and years are no ends."""
    r = _range_start(lx).search(text, max(0, s - 24), s)
    if r is None or text[max(0, r.start() - 1):r.start()] in ("第", ".", ",") or \
            text[max(0, r.start() - 1):r.start()].isdigit():
        return None
    fs, fe = r.start("num"), r.end("mult") if r.group("mult") else r.end("num")
    if any(y.start() <= fs < y.end() for y in years):
        return None
    figure = r.group("num")
    if figure[0] in _CN_DIGITS or figure[0] in _CN_UNITS:
        value = chinese_numeral(figure)
        idioms = _small_rules(lx)[0]
        if value is None or any(a <= fs < b for a, b in (i.span() for i in idioms.finditer(text, max(0, fs - 4), fe + 2))):
            return None
    else:
        value = float(figure.replace(",", ""))
    if r.group("mult"):
        value *= MULTIPLIERS[r.group("mult")]
    elif m.group("mult") and (upper := num / MULTIPLIERS[m.group("mult")]) and value < upper:
        value *= MULTIPLIERS[m.group("mult")]
    return (fs, fe, float(value)) if value < num else None


# -- indicator tables written as lines -------------------------------------------------------------------
#: the cell separators of a table written as text lines (full-width bars are | after normalisation)
_BARS = re.compile(r"[|｜\t]")
_YEAR_HEAD = re.compile(r"^(?:(?:19|20)\d{2}年?\s*[—–~\-至到]+\s*)?(?P<y>(?:19|20)\d{2})年?(?:底|末)?(?:[(（][^()（）]*[)）])?$")
_BRACKET_UNIT = re.compile(r"[(（](?P<u>[^()（）]{1,8})[)）]$")
_RULE_ROW = re.compile(r"^[\s|:：\-—–]+$")  # |---|:--:|: a markdown rule, no row


def _table_words(lx: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str], re.Pattern]:
    """The grammar's table words, compiled once: the heads of a value column (目标值, 现状值), of a unit column
    (单位) and the cell pattern (a number with a bound sign or word of the qualifiers before or after it: ≥60)."""
    def build(x: Lexicon):
        wl = x.word_lists
        bounds = {w: k for w, k in x.qualifiers.items() if k != "none"}
        pre = alternation(tuple(bounds))
        cell = re.compile(rf"^(?P<pre>{pre})?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<post>{pre})?(?P<unit>%|‰)?$")
        return (tuple(wl.get("tableValueHeads", ())), tuple(wl.get("tableTargetHeads", ())),
                frozenset(wl.get("tableUnitHeads", ())), cell)
    return per_lexicon(lx, "indicator tables", build)


def _cells(line: str, off: int) -> list[tuple[int, int, str]]:
    """The cells of a table line as ``(start, end, text)`` (stripped; the outer bars of |a|b| dropped)."""
    out, a = [], 0
    for m in [*_BARS.finditer(line), None]:
        b = m.start() if m else len(line)
        raw = line[a:b]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        out.append((off + a + lead, off + a + lead + len(text), text))
        a = m.end() if m else a
    if out and not out[0][2]:
        out = out[1:]
    if out and not out[-1][2]:
        out = out[:-1]
    return out


def _table_unit(text: str, lx: Lexicon) -> tuple[str, float] | None:
    """A unit written in a table's unit cell or a row name's bracket (%, 人, 万人, 亿元): ``(unit, multiplier)``."""
    text = text.strip()
    for mult, factor in (*MULTIPLIERS.items(), ("", 1.0)):
        if text.startswith(mult) and text[len(mult):] in lx.units:
            return text[len(mult):], factor
    return None


def table_quantities(text: str, lx: Lexicon) -> list[ParsedQuantity]:
    """The figures of indicator tables written as lines (a plan's 专栏): a header line whose cells after the first
    name years or value columns (指标|2025年|2030年|属性, 指标|单位|基期值|目标值), then rows whose first cell
    names the indicator with its unit in a bracket (达标率(%)) or in a unit column; each numeric cell (86.3, ≥60,
    95%) is one figure with the row's unit, the column's year (the latest of several year columns, or a 目标值
    column, is the target) and ``row`` = the span of the row's name. Column heads, attribute cells (约束性) and
    the table's title (专栏1) are no figures; a line with a stray bar and no header above is no table.

    >>> from kg.nlp.lexicon import load_default_lexicon
    >>> t = "指标|2024年|2027年|属性\\n达标率(%)|72.4|≥90|约束性\\n"
    >>> [(q.value, q.unit, q.qualifier, q.year, q.until) for q in table_quantities(t, load_default_lexicon())]
    [(72.4, '%', None, 2024, None), (90.0, '%', '≥', None, 2027)]
    """
    if not _BARS.search(text):
        return []
    value_heads, target_heads, unit_heads, cell = _table_words(lx)
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out: list[ParsedQuantity] = []
    i = 0
    while i < len(lines):
        off, line = lines[i]
        head = _cells(line, off) if len(_BARS.findall(line)) >= 2 else []
        cols: dict[int, tuple[int | None, bool]] = {}  # column -> (year, a target column)
        unit_col = None
        for j, (_, _, t) in enumerate(head[1:], 1):
            if (y := _YEAR_HEAD.match(t)) is not None:
                cols[j] = (int(y.group("y")), False)
            elif any(t.startswith(h) for h in value_heads):  # 目标值(2030年)
                cols[j] = (None, any(t.startswith(h) for h in target_heads))
            elif t in unit_heads:
                unit_col = j
        if not cols or any(cell.match(t) for _, _, t in head):
            i += 1
            continue
        years = sorted(y for y, _ in cols.values() if y is not None)
        i += 1
        while i < len(lines):
            off, line = lines[i]
            if _RULE_ROW.match(line) and _BARS.search(line):
                i += 1
                continue
            row = _cells(line, off)
            if len(_BARS.findall(line)) < 2 or len(row) < 2:
                break
            i += 1
            name = row[0]
            unit = _table_unit(row[unit_col][2], lx) if unit_col is not None and unit_col < len(row) else None
            if unit is None and (b := _BRACKET_UNIT.search(name[2])) is not None:
                unit = _table_unit(b.group("u"), lx)
            for j, (s, e, t) in enumerate(row):
                if j not in cols or (m := cell.match(t)) is None:
                    continue
                if m.group("unit"):
                    u, factor = m.group("unit"), 1.0  # 95%: the cell's own unit
                elif unit is not None:
                    u, factor = unit
                else:
                    continue  # a row whose unit the table does not say
                year, target = cols[j]
                if year is not None and len(years) > 1 and year == years[-1]:
                    target = True
                num = float(m.group("num").replace(",", "")) * factor
                qual = m.group("pre") or m.group("post")
                out.append(ParsedQuantity(s, e, round(num, 6), u, qual, None if target else year, None,
                                          year if target else None, target, (name[0], name[1])))
    return out


class MetricGrammar:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.pattern = _compile(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        found, data = [], {}
        text = doc_text(doc)
        cells = []
        for q in table_quantities(text, self.lexicon):  # indicator tables first: a cell is read once
            span = doc.char_span(q.start, q.end, label=q.unit, alignment_mode="expand")
            if span is None:
                continue
            cells.append((q.start, q.end))
            found.append((span, Rec(span.start_char, span.end_char, q.unit, "", "", span.start, span.end)))
            data[(span.start_char, span.end_char)] = q
        for sent in sentences(doc):
            if not _HAS_NUMBER.search(text, sent.start_char, sent.end_char):
                continue  # no figure without a digit
            for q in parse_quantities(text[sent.start_char:sent.end_char], self.lexicon, self.pattern):
                s, e = sent.start_char + q.start, sent.start_char + q.end
                if any(a <= s < b for a, b in cells):
                    continue
                span = doc.char_span(s, e, label=q.unit, alignment_mode="expand")
                if span is None:
                    continue
                found.append((span, Rec(span.start_char, span.end_char, q.unit, "", "", span.start, span.end)))
                # keyed by the span (token-aligned, what relations see); the value keeps the exact figure
                data[(span.start_char, span.end_char)] = ParsedQuantity(s, e, q.value, q.unit, q.qualifier, q.year, q.since, q.until,
                                              q.is_target)
        spans.put(doc, "metrics", found)
        doc.user_data["govkg.metrics"] = data
        return doc


@Language.factory("govkg_metrics", assigns=["doc.spans", "doc.user_data"], default_config={})
def make_metrics(nlp: Language, name: str) -> MetricGrammar:
    return MetricGrammar()
