"""spaCy ``Doc`` -> records: mentions merged into entities, relations, quantities (no rdflib here).

What happens here, in order:

1. run the pipeline over the normalised text (in paragraph chunks for long documents);
2. turn spans into mentions with offsets in the *original* text;
3. find the document's jurisdiction: the places its metadata or title names (province, city, district),
   else the most mentioned province;
4. give each mention a canonical name: the lexicon's preferred label; the jurisdiction in front of a name
   that starts with a bare level (省委, 市民政局, 区委组织部 -> 某省委, 某市民政局, 某区委组织部); 我省/全区 …
   resolved to the place of that level; 本方案/如下意见 resolved to the document's own policy;
5. expand parenthesised alternatives into aliases (村(居)民委员会 -> 村民委员会, 居民委员会);
6. merge mentions of one entity: same normalised name, a shared alias, names that differ only by a
   scope modifier (城乡, 基层), a leading place (某省托育服务体系) or a generic tail (机制, 体系, 水平), or the
   same quoted core (“某某” and “某某”平台); a bare name shared by several tailed ones (某某 with 某某机制 and
   某某制度) joins the most mentioned of them only;
7. map span-level relations and metric subjects onto the merged entities, and add the relations of the
   document's own policy (the actors assigned to carry it out, the goals and systems of its targets).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from operator import itemgetter

from spacy.language import Language

from kg.ingest import _AUTHOR
from kg.nlp.lexicon import Lexicon, alternation, core_class, load_default_lexicon, per_lexicon
from kg.nlp.recognizers import MorphologyRecognizer, _Memo
from kg.nlp.relations import place_label, place_rank
from kg.nlp.segment import ENUMERATION, clause_bounds, sentences
from kg.nlp.spans import records as span_records
from kg.nlp.tokenizer import doc_text
from kg.rdf.iri import normalise_label
from kg.records import Document, Entity, Extraction, Mention, Quantity, Relation, Span

__all__ = ["CHUNK_CHARS", "extract", "level_of", "paren_variants", "run_pipeline"]

log = logging.getLogger(__name__)

CHUNK_CHARS = 20_000
_SOURCE_RANK = {"lexicon": 0, "title": 1, "chain": 2, "person": 3, "metadata": 3, "place": 3, "challenge": 4,
                "quote": 5, "slogan": 5, "morphology": 6}
_GENERIC_TAILS = ("机制", "体系", "制度", "建设", "工作", "水平", "实践", "活动")
_TARGET = re.compile(r"(?:到|至|力争到?)(?:19|20)\d{2}年")
#: a place opening a mechanism's name right before a quote (某省“某某”建设试点)
_PLACE_QUOTE = re.compile(r"([\u4e00-\u9fff]{2,10}?)“[^”]{2,}”[\u4e00-\u9fff]{2,}")
_QUOTED_CORE = re.compile(r"“([^”]{2,})”")  # a quoted part of a name: “某某”平台


@dataclass(frozen=True, slots=True)
class _Levels:
    """The levels of a jurisdiction (grammar ``jurisdictionLevels``: 省 市 区 县) and the ends of place names
    speaking for each, province first, longest end first (``placeLevelsProvince``, ``placeLevelsCity``,
    ``placeLevelsCounty``; a county-level end in ``placeLevelsDistrict`` speaks for 区, the others for 县)."""

    chars: frozenset[str]  # the levels themselves: a name opening with one may be an organ of that level
    ends: tuple[tuple[str, str], ...]  # (end of a place name, its level); 省 also for autonomous regions etc.
    province: str | None  # the level of a place the lexicon calls a province (上海市) or a city
    city: str | None
    #: the levels, most specific first (区 县 市 省: the county's levels in the grammar's order, the district's
    #: first): the order in which a document's own place is looked for in its jurisdiction
    specific: tuple[str, ...] = ()


def _levels(lx: Lexicon) -> _Levels:
    wl = lx.word_lists
    chars = frozenset(wl.get("jurisdictionLevels", ()))
    county, district = wl.get("placeLevelsCounty", ()), frozenset(wl.get("placeLevelsDistrict", ()))
    groups = [wl.get("placeLevelsProvince", ()), wl.get("placeLevelsCity", ()),
              tuple(w for w in county if w in district), tuple(w for w in county if w not in district)]
    # each group's level is its one end that is a level itself (省 of 省 自治区 特别行政区)
    level = [next((w for w in g if w in chars), None) for g in groups]
    ends = tuple((w, lv) for g, lv in zip(groups, level) if lv is not None for w in g)
    return _Levels(chars, ends, level[0], level[1], tuple(lv for lv in (*level[2:], *level[1::-1]) if lv))


def level_of(place: str, admin_level: str | None = None, lexicon: Lexicon | None = None) -> str | None:
    """The level (省, 市, 区, 县) a place name speaks for.

    >>> level_of("江苏省"), level_of("鼓楼区"), level_of("上海市", "province"), level_of("团结")
    ('省', '区', '市', None)
    """
    levels = per_lexicon(lexicon or load_default_lexicon(), "place levels", _levels)
    for suffix, level in levels.ends:
        if place.endswith(suffix) and len(place) > len(suffix):
            return level
    return levels.province if admin_level == "province" else levels.city if admin_level == "city" else None


def _short(place: str, lx: Lexicon) -> str:
    for suffix, _ in per_lexicon(lx, "place levels", _levels).ends:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            return place[: -len(suffix)]
    return place


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Split at line breaks into pieces of about ``size`` characters: ``(offset, piece)``."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = max((text.rfind(c, start, end) for c in "。!?;"), default=-1)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def run_pipeline(nlp: Language, text: str, *, chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, object]]:
    """The pipeline over ``text`` in chunks; yields ``(offset of the chunk, Doc)``.

    Each chunk goes through ``nlp(chunk)``: one doc at a time, as ``nlp.pipe`` would take them, without its
    chain of generators (about 30 µs a document, some 7% of a very short one).
    """
    for off, piece in _chunks(text, chunk_chars):
        yield off, nlp(piece)


def paren_variants(name: str, words: frozenset[str] | set[str] | None = None) -> list[str]:
    """Names a parenthesised alternative stands for.

    The bracket replaces the word before it (村(居)民 -> 居民) unless with that word it makes a known word
    of ``words`` (the lexicon's surfaces and heads): then it is an insertion (党(工)委 -> 党工委).

    >>> paren_variants("村(居)民委员会")
    ['村民委员会', '居民委员会']
    >>> paren_variants("乡镇(街道)党(工)委")
    ['乡镇党委', '街道党工委']
    >>> paren_variants("网格(村、居民小组)党组织")
    ['网格党组织']
    >>> paren_variants("党员中心户(楼栋长)")
    ['党员中心户', '楼栋长']
    """
    if words is None:
        words = _known_words()
    if "(" not in name:
        return []
    plain = re.sub(r"\([^()]*\)", "", name)
    out = [plain] if plain and plain != name else []
    if "、" in name or "," in name:
        return out
    groups = list(re.finditer(r"([\u4e00-\u9fff]{1,6}?)\(([^()]*)\)", name))
    if not groups:
        return out
    alt, pos = [], 0
    for m in groups:
        before, inside = m.group(1), m.group(2)
        # the alternative replaces the word just before the bracket (村(社区) -> 社区); when the
        # bracket ends the name it replaces the whole preceding name (党员中心户(楼栋长) -> 楼栋长)
        if m.end() == len(name) and len(inside) >= 2:
            alt = [inside]
            pos = m.end()
            break
        rest = name[m.end():]
        if any((before[-1:] + inside + rest[:n]) in words for n in range(1, min(4, len(rest)) + 1)):
            alt.append(name[pos:m.start()] + before + inside)  # an insertion: 党(工)委 -> 党工委
        else:
            keep = before[:-len(inside)] if len(inside) < len(before) else ""
            alt.append(name[pos:m.start()] + keep + inside)
        pos = m.end()
    alt.append(name[pos:])
    variant = "".join(alt)
    if variant and variant != plain and variant != name:
        out.append(variant)
    return out


@functools.lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    lx = load_default_lexicon()
    return frozenset(lx.entries) | frozenset(lx.heads)


# -- collecting the pipeline's output -----------------------------------------------------------------
@dataclass(slots=True)
class _Collected:
    raw: list[dict] = field(default_factory=list)  # one per mention, norm offsets
    rels: list[tuple] = field(default_factory=list)
    metrics: list[tuple] = field(default_factory=list)  # (ParsedQuantity with norm offsets, subjects)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    titles: list[tuple[int, int, int, int]] = field(default_factory=list)
    title_places: list[tuple[int, str]] = field(default_factory=list)  # places named in the title line
    #: sentence start -> the mechanism its enumerated item's heading names (the relation stage's rule)
    item_mechanisms: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: the places the pipeline found (names and nested names, no deictics), in order: what
    #: :func:`_home_places` reads (the mentions are changed and filtered before it runs)
    places: list[tuple[int, int]] = field(default_factory=list)


def _shift(p: tuple[int, int], off: int) -> tuple[int, int]:
    return (p[0] + off, p[1] + off)


def _collect(nlp: Language, norm: str, lx: Lexicon) -> _Collected:
    out = _Collected()
    first_line = len(norm) - len(norm.lstrip()) + len(norm.lstrip().split("\n", 1)[0])
    for off, doc in run_pipeline(nlp, norm):
        out.sentences += [(off + s.start_char, off + s.end_char) for s in sentences(doc)]
        for group, nested in (("entities", False), ("nested", True)):
            found = span_records(doc, group)
            for s in found:
                src = s.id_ if s.id_.startswith("coordination-head") else s.id_.split(":")[0]
                out.raw.append({"s": off + s.start_char, "e": off + s.end_char, "cls": s.label_,
                                "concept": s.kb_id_, "source": src, "nested": nested})
            places = [(s.start_char, s.end_char, s.id_) for s in found if s.label_ == "Place" and s.id_ != "deixis"]
            out.places += [(off + a, off + b) for a, b, _ in (places if nested else sorted(places))]
        if off < first_line:  # places named in the title line, also inside names (某省文化和旅游厅关于……)
            text = doc_text(doc)
            out.title_places = sorted({*out.title_places, *(
                (off + c.start_char, text[c.start_char:c.end_char]) for c in span_records(doc, "candidates")
                if c.label_ == "Place" and c.id_ != "deixis" and off + c.end_char <= first_line)})
        for a, p, b, ev, trig in doc.user_data.get("govkg.relations", []):
            out.rels.append((_shift(a, off), p, _shift(b, off), _shift(ev, off), trig))
        subjects = doc.user_data.get("govkg.metric_subjects", {})
        for key, q in doc.user_data.get("govkg.metrics", {}).items():
            out.metrics.append((replace(q, start=q.start + off, end=q.end + off),
                                [_shift(s, off) for s in subjects.get(key, [])]))
        out.item_mechanisms.update((off + a, _shift(m, off))
                                   for a, m in doc.user_data.get("govkg.item_mechanisms", {}).items())
        out.titles += [(ls + off, ps + off, pe + off, ie + off) for ls, ps, pe, ie in
                       doc.user_data.get("govkg.titles", [])]
    return out


# -- names --------------------------------------------------------------------------------------------
class _Names:
    """Canonical names of mentions in one document."""

    def __init__(self, lexicon: Lexicon, chain: dict[str, str], tokenize) -> None:
        self.lx = lexicon
        self.chain = chain  # level -> place label, e.g. {"省": "江苏省"}
        self._tokenize = tokenize
        self._levels: dict[str, str | None] = {}
        #: the ends of the names of towns and townships, labelled with the county a document speaks for
        self._towns = tuple(lexicon.word_lists.get("townshipLevels", ())) or ("\0",)
        #: places the text names elsewhere (beside another county or city, after 学习/借鉴): never the county's
        self.foreign: frozenset[str] = frozenset()

    def _level_inside(self, label: str) -> str | None:
        """The full name of an organisation's committee of a level, named by the organisation and the level
        (共青团+县委 → 共青团+某县+委, with the document's place of that level), or None."""
        if len(label) < 4 or label[-1] != "委" or label[-2] not in self.chain:
            return None
        org = self.lx.entries.get(label[:-2])
        if org is None or core_class(org.cls) != "Actor" or org.cls in ("Place", "Group", "Role", "Person"):
            return None
        return label[:-2] + self.chain[label[-2]] + "委"

    def level_prefix(self, label: str) -> str | None:
        """The level a name starts with when it names an organ of that level (省民政厅 -> 省); 市场监管局,
        市民 and 区域 start with no level: the name's first token decides."""
        if not label or label[0] not in per_lexicon(self.lx, "place levels", _levels).chars:
            return None
        if label not in self._levels:
            first = _first_token(self._tokenize, label)
            organ = first == label[0] or (len(first) >= 2 and first[1:] in self.lx.heads)
            self._levels[label] = label[0] if organ else None
        return self._levels[label]

    def canonical(self, surface: str, cls: str, concept: str) -> tuple[str, str, str | None, str | None]:
        """``(label, cls, label_en, concept)`` for a mention."""
        entry = self.lx.entries.get(surface) or self.lx.places.get(surface)
        label, en = surface, None
        if entry is not None and (not concept or concept == entry.concept):
            label, en, concept, cls = entry.label, entry.label_en, entry.concept, entry.cls
        if surface in self.lx.deictics:
            place = self.chain.get(surface[-1])
            if place is None:
                return surface, "Place", None, None
            e = self.lx.places.get(place)
            return place, "Place", e.label_en if e else None, e.concept if e else None
        core = core_class(cls)
        if core == "Actor" and len(label) > 3 and label[0] in "各每" and label[1] not in "级类项种地":
            label = label[1:]  # 各县(区)党委书记: the quantifier is not part of the name
        level = self.level_prefix(label) if core in ("Actor", "Mechanism") and cls != "Place" else None
        if level and level in self.chain:
            short = _short(self.chain[level], self.lx)
            if not label.startswith(short):
                label = short + label  # 江苏 + 省委 (the concept and its English name stay: a provincial committee)
        elif (inner := self._level_inside(label)) is not None:
            label = inner  # 共青团县委 in a county's text: 共青团+某县+委
        elif cls == "Place" and entry is None and len(label) >= 3 and label.endswith(self._towns):
            county = self.chain.get("县") or self.chain.get("区")
            if county and label not in self.foreign and not label.startswith((county, _short(county, self.lx))):
                label = county + label  # 某某镇 in a county's text: 某县+某某镇 (the short name stays an alias)
        return label, cls, en, concept or None


@functools.lru_cache(maxsize=1 << 16)
def _first_token(tokenize, text: str) -> str:
    """The first token of ``text`` (a pure function of the tokenizer and the text: names recur)."""
    return _words(tokenize, text)[0]


@functools.lru_cache(maxsize=1 << 16)
def _words(tokenize, text: str) -> tuple[str, ...]:
    """The token strings of ``text`` (memoised: names recur), without building a ``Doc`` when the tokenizer
    can give its words alone (govkg's does; a plugged-in tokenizer is called)."""
    words = getattr(tokenize, "words", None)
    return tuple(words(text)) if words is not None else tuple(t.text for t in tokenize(text))


def _jurisdiction(document: Document, lx: Lexicon, raw: list[dict], norm: str,
                  title_places: list[str] = ()) -> dict[str, str]:
    """Level -> place: from the metadata, the places of the title line, else the most mentioned province."""
    chain: dict[str, str] = {}

    def put(name: str) -> None:
        e = lx.places.get(name)
        label = e.label if e else name
        level = level_of(label, e.admin_level if e else None, lx)
        if level and level not in chain:
            chain[level] = label
            if e is not None and e.admin_level == "province" and label.endswith("市"):
                chain.setdefault("市", label)  # a municipality is its own city

    if document.meta.jurisdiction:
        put(document.meta.jurisdiction)
    first = norm.lstrip().split("\n", 1)[0]
    if len(first) <= 100 and not re.search(r"[。;!?]", first):
        for name in title_places:
            put(name)
    if "省" not in chain:
        provinces: Counter = Counter()
        for r in raw:
            e = lx.places.get(norm[r["s"]:r["e"]]) if r["cls"] == "Place" else None
            if e is not None and e.admin_level == "province":
                provinces[e.label] += 1
        if provinces:
            label, n = provinces.most_common(1)[0]
            if n >= 2 or len(provinces) == 1:
                put(label)
    return chain


# -- merging ------------------------------------------------------------------------------------------
def _keys(label: str, aliases: set[str] | frozenset[str], lx: Lexicon, core: str, cls: str = "",
          quoted: bool = False, places: frozenset[str] = frozenset(), longest_place: int = 0
          ) -> tuple[set[str], set[str]]:
    """``(full, loose)`` merge keys. Full keys identify a name; a loose key (the name without a scope
    modifier such as 城乡/基层, a leading place, a generic tail such as 机制/体系, or a title after a person's
    name) only merges with another mention's *full* key, so that loose keys never chain unrelated names.
    ``longest_place`` is the length of the longest name in ``places`` (computed when not given)."""
    full, loose = set(), set()
    quoted_cores: set[str] = set()
    for n in {label, *aliases}:
        k = normalise_label(n)
        if not k:
            continue
        full.add(k)
        if core == "Mechanism":
            for qm in _QUOTED_CORE.finditer(n):
                q = qm.group(1)
                # “某某”平台 is one with “某某” alone and with “某某”智慧平台; two names of different kinds
                # sharing the quote (“某某”志愿服务, “某某”积分兑换机制) are not one: the bare quote is a loose
                # key of each, the quote with the kind a full one
                if k == normalise_label(q):
                    full.add("“" + q)
                    continue
                # a generic tail right after the quote (“某某”机制, “某某”体系) names no kind of its own
                kind = "" if n[qm.end():] in _GENERIC_TAILS else cls
                full.add("“" + q + "\x1f" + kind)
                if cls != "Policy":  # “某某”配建办法: a document on the practice is not the practice
                    quoted_cores.add("“" + q)
                tail = normalise_label(n[qm.end():qm.end() + 5])[:4]
                if len(tail) >= 3 and (cls != "Policy" or "关于" in k):
                    full.add("“" + q + "”" + tail)  # 关于推进“某某”物业服务……的通知: the title of its topic
            if quoted:
                full.add("“" + k)  # “某某” itself: one entity with “某某”平台
    scopes = per_lexicon(lx, "scopes", _scopes_by_first)
    longest = (longest_place or max(map(len, places))) if core in ("Mechanism", "Goal", "Event") and places else 0
    for k in list(full):
        for s in scopes.get(k[:1], ()):
            if k.startswith(s) and len(k) - len(s) >= 3:
                loose.add(k[len(s):])
        if longest:
            for n in range(min(longest, len(k) - 3), 1, -1):
                if k[:n] in places:
                    loose.add(k[n:])  # 某省托育服务体系 -> 托育服务体系
                    break
        if cls in ("Role", "Group") and k[:1] in "村镇乡" and len(k) >= 4:
            loose.add(k[1:])  # 村+调解员: the role at the village level is the role the text names elsewhere
        if core == "Mechanism" and (u := per_lexicon(lx, "uniform scopes", _uniform_scope).match(k)) is not None \
                and len(k) - u.end() >= 4:
            loose.add(k[u.end():])  # 全省统一的某某平台 -> 某某平台
        if core != "Actor":
            for t in _GENERIC_TAILS:
                if k.endswith(t) and len(k) - len(t) >= 3:
                    loose.add(k[: -len(t)])
        elif cls == "Group":
            for t in lx.word_lists.get("groupTails", ()):
                if k.endswith(t) and len(k) - len(t) >= 2:
                    loose.add(k[: -len(t)])  # 楼栋长队伍 -> 楼栋长
        elif cls == "Person":
            for t in per_lexicon(lx, "roles", _role_heads):
                if k.endswith(t) and 2 <= len(k) - len(t) <= 4:
                    loose.add(k[: -len(t)])  # 某某总书记 -> 某某 (a person named with a title)
    return full, (loose | quoted_cores) - full


def _uniform_scope(lx: Lexicon) -> re.Pattern:
    """A jurisdiction deictic, a word of uniformity and 的 opening a system's name (全省统一的某某平台)."""
    return re.compile(rf"(?:{alternation(lx.deictics) or '(?!)'})(?:{alternation(lx.word_lists.get('uniformWords', ())) or '(?!)'})的")


def _scopes_by_first(lx: Lexicon) -> dict[str, tuple[str, ...]]:
    """The scope modifiers by their first character, in the lexicon's order."""
    out: dict[str, list[str]] = defaultdict(list)
    for s in lx.scopes:
        out[s[:1]].append(s)
    return {c: tuple(v) for c, v in out.items()}


def _role_heads(lx: Lexicon) -> tuple[str, ...]:
    """The head morphemes of roles (书记, 主任), in the lexicon's order."""
    return tuple(t for t, (hcls, _, _) in lx.heads.items() if hcls == "Role")


@functools.lru_cache(maxsize=1 << 16)
def _aliases(surface: str, label: str) -> frozenset[str]:
    """The other names a mention's surface and canonical label stand for (a pure function: names recur)."""
    return frozenset({_unquote(surface), *paren_variants(label), *paren_variants(surface)}) - {label}


def _unquote(s: str) -> str:
    """Drop a pair of quotation or title marks around the whole name, not marks inside it."""
    for a, b in ("“”", "《》", "「」"):
        if s.startswith(a) and s.endswith(b) and s.count(a) == 1:
            return s[1:-1]
    return s


class _UF:
    """Union-find over ``0 .. n-1``; the smallest index of a set is its representative."""

    def __init__(self, n: int) -> None:
        self.p: list[int] = list(range(n))

    def find(self, x: int) -> int:
        p = self.p
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _unquoted_repeats(raw: list[dict], norm: str) -> list[dict]:
    """A name introduced in quotation marks (“百姓议事厅”) and repeated later without them: the repeats
    are mentions of it too, where no other name covers them."""
    quoted = {}
    for r in raw:
        if r["source"] == "quote" and not r["nested"] and r["e"] - r["s"] >= 3 \
                and norm[r["s"] - 1:r["s"]] == "“" and norm[r["e"]:r["e"] + 1] == "”":
            name = norm[r["s"]:r["e"]]
            if name not in quoted or (core_class(r["cls"]) == "Actor" != core_class(quoted[name]["cls"])):
                quoted[name] = r  # the first quoted mention, or one that names an actor (某某(下称“某某队”))
    if not quoted:
        return []
    taken = sorted((r["s"], r["e"]) for r in raw if not r["nested"])
    starts = [a for a, _ in taken]
    names = sorted((n for n in quoted if "“" not in n and "”" not in n), key=len, reverse=True)
    if not names:
        return []
    out = []
    for m in re.finditer("|".join(map(re.escape, names)), norm):  # one pass over the text for all names
        pos, end = m.span()
        r = quoted[m.group(0)]
        i = bisect.bisect_left(starts, end)
        if norm[pos - 1:pos] != "“" and not any(a < end and pos < b for a, b in taken[max(0, i - 8):i]):
            out.append({"s": pos, "e": end, "cls": r["cls"], "concept": r["concept"], "source": "quote",
                        "nested": False})
    return out


def _quoted_teams(raw: list[dict], norm: str) -> None:
    """A quoted name standing alone that elsewhere names an actor with a head after it (“某某” beside
    “某某”调解队) is that actor: its mentions take the actor's class and name (the quoted name an alias)."""
    teams: dict[str, tuple] = {}
    for r in raw:
        surface = r["surface"]
        if r["core"] == "Actor" and surface.startswith("“") and "”" in surface[2:] and not surface.endswith("”"):
            teams.setdefault(surface[1:surface.index("”")], (r["cls"], r["core"], r["label"]))
        elif r["core"] == "Actor" and r["source"] == "quote" and norm[r["s"] - 1:r["s"]] == "“" \
                and norm[r["e"]:r["e"] + 1] == "”":
            teams.setdefault(surface, (r["cls"], r["core"], r["label"]))  # a quoted short name of an actor
    if not teams:
        return
    for r in raw:
        if r["source"] == "quote" and r["core"] in ("Mechanism", "Goal") and r["surface"] in teams \
                and norm[r["s"] - 1:r["s"]] == "“" and norm[r["e"]:r["e"] + 1] == "”":
            r["cls"], r["core"], label = teams[r["surface"]]
            r["aliases"] = frozenset({*r["aliases"], r["label"]})
            r["label"] = label


def _merge(raw: list[dict], lx: Lexicon, norm: str, places: frozenset[str]) -> list[list[dict]]:
    """Groups of mentions naming one entity."""
    # mentions alike in everything the keys depend on share their keys: the union-find joins such kinds
    # (each known by its first mention), not every mention
    uf = _UF(len(raw))
    kind_of: list[int] = []
    kinds: dict[tuple, int] = {}
    for i, r in enumerate(raw):
        args = (r["label"], r["aliases"], r["core"], r["cls"], r["source"] == "quote")
        kind_of.append(kinds.setdefault(args, i))
    owner: dict[tuple[str, str], int] = {}
    loose_of: dict[int, set[str]] = {}
    longest = max(map(len, places), default=0)
    keyless: set[int] = set()
    for args, n in kinds.items():  # in the order of their first mentions
        full, loose_of[n] = _keys(args[0], args[1], lx, args[2], args[3], quoted=args[4], places=places,
                                  longest_place=longest)
        if not full:
            keyless.add(n)  # a name with no key joins nothing: each of its mentions stays on its own
        for k in full:
            key = (args[2], k)
            if key in owner:
                uf.union(owner[key], n)
            else:
                owner[key] = n
    # loose keys: a bare name joins the tailed names that reduce to it, but when several different ones do
    # (某某机制, 某某制度) only the most mentioned, so that the bare name does not chain them together
    node = [i if n in keyless else n for i, n in enumerate(kind_of)]  # what the union-find joins
    claims: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, r in enumerate(raw):
        for k in loose_of[kind_of[i]]:
            o = owner.get((r["core"], k))
            if o is not None:
                claims[o][r["label"]].append(i)
    for o, by_label in claims.items():
        if len(by_label) > 1 and raw[o]["label"] not in by_label:
            best = max(by_label.values(), key=lambda idx: (len(idx), -min(raw[j]["s"] for j in idx)))
            chosen = [best]
        else:
            chosen = list(by_label.values())
        for idx in chosen:
            for n in {node[i] for i in idx}:
                uf.union(o, n)
    # X(Y): a name followed by its alternative in brackets is one entity (村规民约(居民公约)), so is
    # X(下称“Y”) (its short name)
    by_start = {r["s"]: i for i, r in enumerate(raw) if not r["nested"]}
    cues = per_lexicon(lx, "alias cues", _alias_cue_pattern)
    for i, r in enumerate(raw):
        if norm[r["e"]:r["e"] + 1] != "(":
            continue
        cue = cues.match(norm, r["e"] + 1)
        j = by_start.get(cue.end() if cue else r["e"] + 1)
        if j is not None and norm[raw[j]["e"]:raw[j]["e"] + 1 + bool(cue)] in (")", "”)") \
                and raw[j]["core"] == r["core"]:
            uf.union(node[i], node[j])
            if cue:
                raw[j]["short"] = True  # the short name: the entity keeps the full one as its label
    _merge_short_names(raw, node, uf, lx)
    root = {n: uf.find(n) for n in set(node)}
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, r in enumerate(raw):
        groups[root[node[i]]].append(r)
    return list(groups.values())


def _assessed_scope(lx: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """What stands before and after the scope of an assessment (纳入 | 某某 | 评议考核): such a scope is no
    mechanism or goal of its own."""
    nouns = alternation(lx.word_lists.get("assessmentNouns", ()))
    return (re.compile(rf"(?:{alternation(lx.word_lists.get('inclusionVerbs', ()))})$"),
            re.compile(rf"(?:{nouns})+(?=[,;:。!?、\n)]|$)"))


def _alias_cue_pattern(lx: Lexicon) -> re.Pattern:
    """What opens a bracket giving a short name (下称“, 以下简称), up to the short name itself."""
    return re.compile(rf"(?:{alternation(lx.word_lists.get('aliasCues', ()))})“")


def _merge_short_names(raw: list[dict], node: list[int], uf: _UF, lx: Lexicon) -> None:
    """A mechanism or goal named in full once and by its tail elsewhere is one entity (市县两级档案互认机制 …
    档案互认机制; 人人出力的邻里互助共同体 … 邻里互助共同体): the tail ends in a head, has a modifier of at least
    four characters, and is the tail of the names of one entity only."""
    by_label: dict[tuple[str, str], list[int]] = defaultdict(list)
    policies: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(raw):
        if r["core"] in ("Mechanism", "Goal") and r["cls"] != "Policy":
            by_label[(r["core"], normalise_label(r["label"]))].append(node[i])
        elif r["cls"] == "Policy":
            policies[normalise_label(r["label"])].append(node[i])
    if len(policies) >= 2:  # 《实施意见》 after 《某省关于某某的实施意见》: the one policy whose title ends so
        for short, nodes in policies.items():
            longer = {uf.find(policies[name][0]) for name in policies
                      if len(name) > len(short) >= 2 and name.endswith(short)}
            if len(longer) == 1:
                target = next(iter(longer))
                for n in nodes:
                    uf.union(target, n)
    if len(by_label) < 2:
        return
    heads = per_lexicon(lx, "short-name heads", _short_name_heads)
    # the longer names each label is the tail of, found from the suffixes of every label (linear in the
    # length of the labels, not quadratic in their number)
    longer_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for core, name in by_label:
        for k in range(1, len(name)):
            if (core, name[k:]) in by_label:
                longer_names[(core, name[k:])].append(name)
    for (core, short), nodes in by_label.items():
        head = next((h for h in heads.get(short[-1:], ()) if short.endswith(h)), None)
        if head is None or len(short) - len(head) < 4:
            continue
        longer = {uf.find(by_label[(core, name)][0]) for name in longer_names.get((core, short), ())}
        if len(longer) == 1:
            target = next(iter(longer))
            for n in nodes:
                uf.union(target, n)


def _field_only(members: list[dict], lx: Lexicon, norm: str, item_heads: set[tuple[int, int]]) -> bool:
    """An entity named only by a field of the lexicon (its bare class ``Mechanism`` without a head: 基层治理,
    社区服务) is a topic, not a measure, unless a founding verb makes it one (设立某某, 建立某某) or a numbered
    item's heading names it as the item's measure (三、发展某某救助。)."""
    for r in members:
        if r["source"] != "lexicon" or r["cls"] != "Mechanism":
            return False
        if norm[max(0, r["s"] - 4):r["s"]].endswith(lx.founding) or (r["s"], r["e"]) in item_heads:
            return False
    heads = per_lexicon(lx, "short-name heads", _short_name_heads)
    label = members[0]["label"]
    return not any(label.endswith(h) for h in heads.get(label[-1:], ()))


def _short_name_heads(lx: Lexicon) -> dict[str, tuple[str, ...]]:
    """The mechanism and goal heads of two characters or more, by their last character, in the lexicon's
    order."""
    out: dict[str, list[str]] = defaultdict(list)
    for h, (c, _, _) in lx.heads.items():
        if len(h) >= 2 and core_class(c) in ("Mechanism", "Goal"):
            out[h[-1]].append(h)
    return {c: tuple(v) for c, v in out.items()}


def _vote(members: list[dict]) -> tuple[str, str, set[str], str | None, str | None]:
    """``(label, class, aliases, concept, English label)`` of an entity named by several mentions (sorts
    ``members`` by position)."""
    members.sort(key=itemgetter("s", "e"))
    named = [r for r in members if r["source"] != "anaphora"] or members
    best = min(named, key=lambda r: (_SOURCE_RANK.get(r["source"], 9), r["s"]))
    shorts = {r["label"] for r in named if r.get("short")}
    labels = Counter(r["label"] for r in named if r["label"] not in shorts) or Counter(r["label"] for r in named)
    if len(labels) > 1:  # a short name (《实施意见》, 档案互认机制) votes for the full one it ends
        for short in [x for x in labels if any(len(x) < len(y) and y.endswith(x) for y in labels)]:
            full = max((y for y in labels if len(y) > len(short) and y.endswith(short)), key=len)
            labels[full] += labels.pop(short)
    top = max(labels.values())
    label = best["label"] if labels[best["label"]] == top else next(
        r["label"] for r in named if labels[r["label"]] == top)
    cls_votes = Counter(r["cls"] for r in named if r["source"] == best["source"])
    cls = cls_votes.most_common(1)[0][0]
    aliases = set().union(*{r["aliases"] for r in named}, {r["label"] for r in named}) - {label}
    # a concept (and its English name) only when the entity is named by that concept's label
    concept = next((r["concept"] for r in named if r["concept"] and r["label"] == label), None)
    en = next((r["en"] for r in named if r["en"] and r["label"] == label), None)
    return label, cls, aliases, concept, en


def _entities(groups: list[list[dict]], document: Document, sentence_of) -> tuple[list[Entity], dict]:
    entities: dict[tuple[str, str], Entity] = {}
    by_pos: dict[tuple[int, int], tuple[str, str]] = {}
    span_of = document.span
    for members in groups:
        if len(members) == 1:  # most entities are named once: the votes below in short
            r = members[0]
            label, cls = r["label"], r["cls"]
            key = (core_class(cls), label)
            aliases = r["aliases"] - {label}
            concept, en = r["concept"] or None, r["en"] or None
        else:
            label, cls, aliases, concept, en = _vote(members)
            key = (core_class(cls), label)
        # Mention(span, key, sentence, surface, source)
        mentions = [Mention(span_of(r["s"], r["e"]), key, sentence_of(r["s"]), r["surface"], r["source"])
                    for r in members]
        for r in members:
            by_pos[(r["s"], r["e"])] = key
        old = entities.get(key)
        if old is not None:  # two groups landed on one label: fold into the existing entity
            entities[key] = Entity(key, old.cls, old.label, tuple(sorted(set(old.aliases) | aliases)),
                                   old.label_en or en, old.concept or concept, old.mentions + tuple(mentions))
            continue
        entities[key] = Entity(key=key, cls=cls, label=label, aliases=tuple(sorted(aliases)), label_en=en,
                               concept=concept, mentions=tuple(mentions))
    return sorted(entities.values(), key=lambda e: (e.key, e.cls)), by_pos


# -- the whole document -------------------------------------------------------------------------------
@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, then restore it (if it was on).

    An extraction makes hundreds of thousands of short-lived containers (spans, mention dicts, records) and
    almost no reference cycles (reference counting frees the rest), yet on a large document each of them
    pushes the collector towards a full pass over every live object (an eighth of the time of a large
    document's extraction went there).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def extract(document: Document, nlp: Language, *, lexicon: Lexicon | None = None) -> Extraction:
    """Run the pipeline on ``document`` and return its records."""
    with _collector_paused():
        return _extract(document, nlp, lexicon)


def _extract(document: Document, nlp: Language, lexicon: Lexicon | None) -> Extraction:
    lx = lexicon or load_default_lexicon()
    norm = document.norm
    got = _collect(nlp, norm, lx)
    raw = got.raw

    # the author's attribution line is metadata: its person and organisation come from there
    attribution = _AUTHOR.search(norm)
    if attribution:
        a0, a1 = attribution.span()
        raw = [r for r in raw if not (a0 <= r["s"] < a1)]
        raw += _attribution_mentions(attribution, lx)
    raw += _inner_actors(raw, norm, lx)
    raw += _unquoted_repeats(raw, norm)
    got.metrics, extra = _figure_subjects(got, raw, norm, lx, nlp.tokenizer)
    raw += extra

    chain = _jurisdiction(document, lx, raw, norm, [name for _, name in got.title_places])
    names = _Names(lx, chain, nlp.tokenizer)
    names.foreign = _foreign_places(raw, norm, got.sentences, chain, lx)
    own = _own_policy(got.titles, norm)
    # (surface, class, concept) -> canonical label, class, English label, concept, core class and aliases
    canonical: dict[tuple[str, str, str], tuple] = {}
    counts = per_lexicon(lx, "count words", lambda x: frozenset(
        u for u, kind in x.units.items() if kind == "count" and len(u) == 1))
    uniform = per_lexicon(lx, "uniform scopes", _uniform_scope)
    places_named = frozenset(norm[r["s"]:r["e"]] for r in raw if r["cls"] == "Place") | frozenset(lx.places)
    for r in raw:
        source = r["source"]
        written = surface = norm[r["s"]:r["e"]]
        if source == "anaphora":
            surface = norm[own[0]:own[1]] if own else surface
        elif r["s"] > 0 and norm[r["s"] - 1].isdigit() and surface[:1] in counts and len(surface) >= 3 \
                and core_class(r["cls"]) == "Actor":
            surface = surface[1:]  # 12+个村(社区)某某: a measure word the tokenizer glued to the name
        ck = (surface, r["cls"], r["concept"])
        named = canonical.get(ck)
        if named is None:
            label, cls, en, concept = names.canonical(_unquote(surface), r["cls"], r["concept"])
            named = canonical[ck] = (label, cls, en, concept, core_class(cls), _aliases(surface, label))
        label, cls, en, concept, core, aliases = named
        if source.startswith("coordination-head"):
            label = source.split(":", 1)[1] + surface  # 主任 in 村(社区)书记、主任 -> 村(社区)主任
            aliases = _aliases(surface, label)
        if core == "Mechanism" and (pq := _PLACE_QUOTE.match(label)) is not None and pq.group(1) in places_named:
            aliases = aliases | {label[pq.end(1):]}  # 某省“某某”建设试点: also named without the place
        if core == "Mechanism" and (u := uniform.match(label)) is not None and len(label) - u.end() >= 4:
            label, aliases = label[u.end():], aliases | {label}  # 全省统一的某某平台: named without its scope
        if core == "Actor" and r["s"] > 0 and norm[r["s"] - 1] == "各" and cls != "Place":
            aliases = aliases | {"各" + written}  # 各+县+人民政府: the bodies of every county, as the text says
        r.update(surface=written, label=label, cls=cls, en=en, concept=concept, core=core)
        r["aliases"] = frozenset() if source == "anaphora" else aliases
    raw = [r for r in raw if r["core"] in ("Actor", "Mechanism", "Goal", "Challenge", "Event")
           and not (r["source"] == "anaphora" and own is None)
           and not (r["source"] == "deixis" and r["label"] in lx.deictics)]
    _quoted_teams(raw, norm)
    assessed = per_lexicon(lx, "assessed scopes", _assessed_scope)
    raw = [r for r in raw if r["core"] not in ("Mechanism", "Goal") or r["cls"] == "Policy"
           or not assessed[0].search(norm, max(0, r["s"] - 3), r["s"]) or not assessed[1].match(norm, r["e"])]
    places = frozenset({*lx.places, *chain.values(), *(r["label"] for r in raw if r["cls"] == "Place")})
    item_heads = set(got.item_mechanisms.values())
    groups = [g for g in _merge(raw, lx, norm, places) if not _field_only(g, lx, norm, item_heads)]

    sent_starts = [s for s, _ in got.sentences]
    sentence_spans: dict[int, Span] = {}

    def sentence_of(pos: int) -> Span | None:
        i = bisect.bisect_right(sent_starts, pos) - 1
        if i < 0:
            return None
        if i not in sentence_spans:
            sentence_spans[i] = document.span(*got.sentences[i])
        return sentence_spans[i]

    entities, by_pos = _entities(groups, document, sentence_of)

    relations: list[Relation] = []
    seen: set = set()
    cls_of = {e.key: e.cls for e in entities}

    def relate(ka, p: str, kb, ev: tuple[int, int], trig: str = "") -> None:
        if ka is None or kb is None or ka == kb:
            return
        p = _fitting(p, cls_of[ka], cls_of[kb])  # classes are final only now (the lexicon may retype a span)
        if p is None or (ka, p, kb) in seen:
            return
        seen.add((ka, p, kb))
        relations.append(Relation(ka, p, kb, document.span(*ev), trig))

    for a, p, b, ev, trig in got.rels:
        relate(by_pos.get(a), p, by_pos.get(b), ev, trig)
    if attribution:
        for rel in _attribution_relations(attribution, by_pos, document):
            relate(rel.subject, rel.predicate, rel.object, (rel.evidence.start, rel.evidence.end), rel.trigger)
    for r in raw:
        inside = r.get("inside")
        if not inside or inside not in by_pos or (r["s"], r["e"]) not in by_pos:
            continue
        outer_key, inner_key = by_pos[inside], by_pos[(r["s"], r["e"])]
        if outer_key[0] == "Challenge":
            relate(inner_key, "faces", outer_key, inside)
        else:
            relate(outer_key, "involves", inner_key, inside)
    if own is not None and own in by_pos:
        _own_policy_relations(by_pos[own], raw, got.sentences, norm, lx, by_pos, relate)
    _subgroups(entities, by_pos, relate)
    _roles_of(entities, by_pos, relate)
    _names_within(entities, by_pos, lx, relate)
    _home_places(got.places, norm, entities, chain, relations, by_pos, lx, relate, names.foreign)

    quantities = []
    anchors = sorted((s, k) for (s, _), k in by_pos.items() if k[0] != "Challenge")
    # the jurisdiction's most specific place named in the text: what a figure with no name in its sentence measures
    named = {e.label: e.key for e in entities if e.cls == "Place"}
    home = next((named[chain[lv]] for lv in per_lexicon(lx, "place levels", _levels).specific
                 if chain.get(lv) in named), None)
    for q, subj in got.metrics:
        keys = tuple(dict.fromkeys(by_pos[s] for s in subj if s in by_pos))
        if not keys and home is not None:
            keys = (home,)  # (一)某某覆盖率保持100%: a total of the jurisdiction
        elif q.row is not None and home is not None and home not in keys:
            keys = (*keys, home)  # an indicator table's cell: the row's indicator in the jurisdiction
        whole = _whole_place(norm, q.start, chain, named, lx)
        if whole is not None and whole not in keys:
            keys = (*keys, whole)  # 全市八个区县, 全港十八区: a count of the whole jurisdiction
        if not keys:  # a metric measures something: the nearest name before it, else after it
            i = bisect.bisect_left(anchors, (q.start,))
            near = anchors[i - 1] if i > 0 else anchors[i] if i < len(anchors) else None
            if near is None:
                log.debug("figure %s measures nothing: dropped", norm[q.start:q.end])
                continue
            keys = (near[1],)
        quantities.append(Quantity(span=document.span(q.start, q.end), value=q.value, unit=q.unit,
                                   measures=keys, qualifier=q.qualifier, year=q.year, since=q.since,
                                   until=q.until, is_target=q.is_target, statement=_statement(norm, q.start, q.end),
                                   sentence=sentence_of(q.start)))
    document = _with_metadata(document, chain, got.titles, norm, by_pos, entities)
    return Extraction(document=document, entities=tuple(entities), relations=tuple(relations),
                      quantities=tuple(quantities))


#: a relation whose ends do not fit its property's domain and range is re-read as the property that fits
_REREAD = {("establishes", "Goal"): "contributesTo", ("implements", "Goal"): "pursues",
           ("issues", "Mechanism"): "implements", ("implementsPolicy", "Mechanism"): "supports",
           ("involves", "Goal"): "contributesTo", ("involves", "Mechanism"): "supports"}


@functools.lru_cache(maxsize=1)
def _signatures() -> tuple[dict[str, tuple[str | None, str | None]], dict[str, frozenset[str]]]:
    """Domain and range of every object property, and the superclasses of every class (ontology)."""
    from rdflib import OWL, RDF, RDFS

    from kg.resources import load_ontology

    onto = load_ontology()
    local = lambda x: str(x).rsplit("#", 1)[-1]
    sig = {}
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        dom, rng = onto.value(prop, RDFS.domain), onto.value(prop, RDFS.range)
        sig[local(prop)] = (local(dom) if dom else None, local(rng) if rng else None)
    ancestors = {local(c): frozenset(local(a) for a in onto.transitive_objects(c, RDFS.subClassOf))
                 for c in onto.subjects(RDF.type, OWL.Class)}
    return sig, ancestors


@functools.lru_cache(maxsize=4096)
def _fitting(prop: str, subj_cls: str, obj_cls: str) -> str | None:
    """``prop`` when the classes fit its domain and range, else the property that does, else None."""
    sig, ancestors = _signatures()

    def fits(p: str) -> bool:
        dom, rng = sig.get(p, (None, None))
        return (dom is None or dom in ancestors.get(subj_cls, {subj_cls})) and \
            (rng is None or rng in ancestors.get(obj_cls, {obj_cls}))

    if fits(prop):
        return prop
    alt = _REREAD.get((prop, core_class(obj_cls)))
    return alt if alt is not None and fits(alt) else None


def _own_policy(titles: list[tuple[int, int, int, int]], norm: str) -> tuple[int, int] | None:
    """The policy the document itself is (or carries): the title line among its first three lines."""
    head = norm.lstrip()
    offset = len(norm) - len(head)
    limit = offset + sum(len(line) + 1 for line in head.split("\n", 3)[:3])
    for ls, ps, pe, _ in titles:
        if ls < limit:
            return (ps, pe)
    return None


def _own_policy_relations(policy, raw: list[dict], sentences: list[tuple[int, int]], norm: str, lx: Lexicon,
                          by_pos: dict, relate) -> None:
    """The document's own policy: actors its duty clauses name carry it out (某厅牵头, 某部配合); it
    establishes the systems and contributes to the goals of its target sentences (到2025年, ……)."""
    duty = per_lexicon(lx, "duty cues", _duty_pattern)
    starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[dict]] = defaultdict(list)
    for r in raw:
        i = bisect.bisect_right(starts, r["s"]) - 1
        if i >= 0 and not r["nested"]:
            by_sentence[i].append(r)
    for i, (s, e) in enumerate(sentences):
        text = norm[s:e]
        members = by_sentence.get(i, [])
        if duty is not None and duty.search(text):
            for r in members:
                if r["core"] == "Actor" and r["cls"] not in ("Place", "Person", "Group"):
                    relate(by_pos.get((r["s"], r["e"])), "implements", policy, (s, e), "牵头")
        if _TARGET.search(text):
            for r in members:
                key = by_pos.get((r["s"], r["e"]))
                if r["core"] == "Goal":
                    relate(policy, "contributesTo", key, (s, e), "到")
                elif r["core"] == "Mechanism" and r["cls"] != "Policy":
                    relate(policy, "establishes", key, (s, e), "到")


def _per_unit(lx: Lexicon) -> re.Pattern:
    """每 and a counter of one unit at a time (grammar ``perUnitCounters``: 每个, 每处, 每家), closing the text it
    is searched in (每 is the distributive determiner itself, syntax rather than a word list)."""
    return re.compile(rf"每(?:{alternation(lx.word_lists.get('perUnitCounters', ()))})$")


def _place_ends(lx: Lexicon) -> tuple[str, ...]:
    """The ends of place names of every level (grammar ``placeLevels*``), longest first."""
    wl = lx.word_lists
    return tuple(sorted({w for key in ("placeLevelsProvince", "placeLevelsCity", "placeLevelsCounty", "placeLevelsTown")
                         for w in wl.get(key, ())}, key=len, reverse=True))


def _foreign_places(raw: list[dict], norm: str, sentences: list[tuple[int, int]], chain: dict[str, str],
                    lx: Lexicon) -> frozenset[str]:
    """Lower places (towns, counties) the text names as somewhere else: in a sentence that also names a place of
    county or city level above them that is not the document's own (赴某市考察……某某镇), or after a verb of the
    grammar's ``referenceFrames`` in their clause (学习借鉴某某镇经验). Such a place takes no county's name and is
    not ``locatedIn`` the jurisdiction."""
    frames = tuple(lx.word_lists.get("referenceFrames", ()))
    own = set(chain.values())
    starts = [s for s, _ in sentences]
    mentions = [(r["s"], norm[r["s"]:r["e"]]) for r in raw if r.get("cls") == "Place"]
    ranks = {w: place_rank(w, lx) for _, w in mentions}
    by_sentence: dict[int, list[str]] = {}
    for s, w in mentions:
        by_sentence.setdefault(bisect.bisect_right(starts, s) - 1, []).append(w)
    foreign = set()
    for s, w in mentions:
        rank = ranks[w]
        if rank is None or rank < 2 or w in own:
            continue
        others = by_sentence.get(bisect.bisect_right(starts, s) - 1, ())
        if any(o not in own and o != w and ranks[o] in (1, 2) and ranks[o] < rank
               and lx.place_parents.get(w) != o for o in others):
            foreign.add(w)
    for w in {w for _, w in mentions if ranks[w] is not None and ranks[w] >= 2 and w not in own} - foreign:
        at = norm.find(w)
        while at >= 0 and frames:  # every time the text writes it (also inside a longer name: 借鉴某某镇经验)
            lo = max(norm.rfind(c, 0, at) for c in "，。；：！？\n,;")
            if any(f in norm[lo + 1:at] for f in frames):
                foreign.add(w)
                break
            at = norm.find(w, at + len(w))
    return frozenset(foreign)


def _home_places(places: list[tuple[int, int]], norm: str, entities: list[Entity], chain: dict[str, str],
                 relations: list[Relation], by_pos: dict, lx: Lexicon, relate,
                 foreign: frozenset[str] = frozenset()) -> None:
    """Which lower places sit in the place the document is about (``locatedIn``, trigger 属地): the one rule
    deciding it, with its guard: a place the text names elsewhere (``foreign``: beside another county or city,
    after 学习/借鉴, see :func:`_foreign_places`) sits in no place of the document. Two sources, in order:

    1. the first line (of the document, not of a chunk): its one place of a higher level, when the text names
       no other place of that level (a city's work report, a county's news), holds every lower place named
       alone (某某区, 某某镇; ``places``: the pipeline's place names, in order), unless the lexicon puts that
       place elsewhere (苏州市 in a text about 安徽省) or it is named right after another place (某市某区: the
       district has its city, the relation stage's adjacency rule);
    2. the jurisdiction (metadata, the places of the title line, also inside names: 某局关于……), its most
       specific place the text names, when the text names no other place of its level, holds the lower places
       nothing else puts anywhere (those of rule 1 included).

    Lower and higher by :func:`kg.nlp.relations.place_rank`; a place the lexicon puts in a province is located
    there by the relation stage (a fact of the lexicon, not of the document)."""
    home = _first_line_home(places, norm, lx)
    if home is not None:
        target, home_label, home_rank = home
        after_place = {e for _, e in places}
        for s, e in places:
            name, k = norm[s:e], by_pos.get((s, e))
            r = place_rank(name, lx)
            if r is None or r <= home_rank or s in after_place or (k is not None and k[1] in foreign):
                continue  # 某市某区: the district has its city right before it; the text names it elsewhere
            if lx.place_parents.get(place_label(name, lx)) not in (None, home_label):
                continue  # the lexicon puts it in another place
            relate(k, "locatedIn", by_pos.get(target), (s, e), "属地")
    named = {e.label: e for e in entities if e.cls == "Place"}
    jurisdiction = next((named[chain[lv]] for lv in per_lexicon(lx, "place levels", _levels).specific
                         if chain.get(lv) in named), None)
    if jurisdiction is None:
        return
    home_rank = place_rank(jurisdiction.label, lx)
    ranks = {label: place_rank(label, lx) for label in named}
    if home_rank is None or any(r == home_rank and label != jurisdiction.label for label, r in ranks.items()):
        return
    located = {r.subject for r in relations if r.predicate == "locatedIn"}
    first: dict = {}
    for pos, k in sorted(by_pos.items()):
        first.setdefault(k, pos)
    for label, e in named.items():
        r = ranks[label]
        if r is None or r <= home_rank or e.key in located or e.key not in first or label in foreign:
            continue
        if lx.place_parents.get(label) not in (None, jurisdiction.label):
            continue  # the lexicon puts it in another place
        relate(e.key, "locatedIn", jurisdiction.key, first[e.key], "属地")


def _first_line_home(places: list[tuple[int, int]], norm: str, lx: Lexicon) -> tuple[tuple[int, int], str, int] | None:
    """The place the document's first line names as its own: ``(its first mention, its label, its rank)`` when
    the first line names one place of its most specific level and the text no other place of that level, else
    None (which one a lower place is in is not said)."""
    if not places:
        return None
    label = {n: place_label(n, lx) for n in {norm[s:e] for s, e in places}}
    rank = {n: place_rank(n, lx) for n in label}
    head = len(norm) - len(norm.lstrip())
    line_end = norm.find("\n", head)
    line_end = len(norm) if line_end < 0 else line_end
    homes = {label[norm[s:e]] for s, e in places if s < line_end and rank[norm[s:e]] is not None}
    home_rank = max((r for n, r in rank.items() if label[n] in homes), default=None)
    if home_rank is None:
        return None
    home = [h for h in homes if any(label[n] == h and rank[n] == home_rank for n in rank)]
    same_level = {label[n] for n, r in rank.items() if r == home_rank}
    if len(home) != 1 or len(same_level) != 1:
        return None
    first = min((s, e) for s, e in places if label[norm[s:e]] == home[0])
    return first, home[0], home_rank


def _names_within(entities: list[Entity], by_pos: dict, lx: Lexicon, relate) -> None:
    """A body named after the place or the body it belongs to: 某市民政局 is ``locatedIn`` 某市 and 某县政府某处
    ``subOrganizationOf`` 某县政府, when the text names both (the longest name the label opens with). Only named
    places (a stem of two characters before a level's end: not 社区, 乡镇) and organisations count; the rest of
    the name must be a word of its own (two characters at least: 民政部门 is no part of 民政部)."""
    ends = per_lexicon(lx, "place ends", _place_ends)
    _, ancestors = _signatures()
    is_org = lambda cls: "Organization" in ancestors.get(cls, ()) or cls == "Organization"
    places, orgs = [], []
    for e in entities:
        if e.core != "Actor":
            continue
        if e.cls == "Place":
            end = next((w for w in ends if e.label.endswith(w)), None)
            if end is not None and len(e.label) - len(end) >= 2:
                places.append(e)
        elif is_org(e.cls):
            orgs.append(e)
    if not places and len(orgs) < 2:
        return
    first: dict = {}  # entity key -> its first mention (in the normalised text)
    for pos, key in sorted(by_pos.items()):
        first.setdefault(key, pos)
    for e in entities:
        # only organisations: a role (某市民政局局长) or a group is no body located in a place
        if e.core != "Actor" or not is_org(e.cls) or e.key not in first:
            continue
        ev = first[e.key]
        for pool, prop in ((orgs, "subOrganizationOf"), (places, "locatedIn")):
            within = [x for x in pool if x is not e and e.label.startswith(x.label) and
                      len(e.label) - len(x.label) >= 2]
            if within:
                relate(e.key, prop, max(within, key=lambda x: len(x.label)).key, ev, "")
                break  # 某县政府某处 is in the county through its government


def _subgroups(entities: list[Entity], by_pos: dict, relate) -> None:
    """A group named as a narrower kind of another group or role the text names (70岁以上老人, 某族村民,
    五星级某某长 with 老年人, 居民, 某某长) is ``partOf`` it: its label ends with the other's label after a
    modifier of two characters at least (the longest such one). Groups only, or a role narrowed by a figure or
    a grade: 某局局长 is no kind of 局长 the text would name as a group."""
    kinds = [e for e in entities if e.core == "Actor" and e.cls in ("Group", "Role") and len(e.label) >= 2]
    if len(kinds) < 2:
        return
    first: dict = {}
    for pos, key in sorted(by_pos.items()):
        first.setdefault(key, pos)
    for e in kinds:
        if e.key not in first:
            continue
        wider = [x for x in kinds if x is not e and e.label.endswith(x.label) and len(e.label) - len(x.label) >= 2
                 and (e.cls == x.cls == "Group" or e.cls == "Group" and x.cls == "Role"
                      or _NARROWING.search(e.label[:-len(x.label)]))]
        if wider:
            relate(e.key, "partOf", max(wider, key=lambda x: len(x.label)).key, first[e.key], "")


def _roles_of(entities: list[Entity], by_pos: dict, relate) -> None:
    """A role named after the body it is a post of (某村党委书记, 某镇党委副书记 with 某村党委, 某镇党委) is
    ``relatedTo`` that body when the text names it: the role's label is the body's label (or ends with it, for a
    body's name of four characters at least) and a post of one to four characters (the longest such body)."""
    _, ancestors = _signatures()
    orgs = [e for e in entities if e.core == "Actor" and ("Organization" in ancestors.get(e.cls, ()) or
                                                          e.cls == "Organization")]
    if not orgs:
        return
    first: dict = {}
    for pos, key in sorted(by_pos.items()):
        first.setdefault(key, pos)
    for e in entities:
        if e.cls != "Role" or e.key not in first:
            continue
        bodies = [o for o in orgs for name in (o.label, *o.aliases) for post in range(1, 5)
                  if e.label[:-post].endswith(name) and (len(e.label) - post == len(name) or len(name) >= 4)]
        if bodies:
            relate(e.key, "relatedTo", max(bodies, key=lambda o: len(o.label)).key, first[e.key], "")


#: what narrows a role to a group of its holders: an age or a figure (60岁以上, 45岁以下) or a grade (五星级)
_NARROWING = re.compile(r"\d|[岁級级]|以[上下]")


def _duty_pattern(lx: Lexicon) -> re.Pattern | None:
    """One alternation of the lexicon's duty cues (牵头, 配合 …), or None without any."""
    return re.compile("|".join(map(re.escape, lx.duty_cues))) if lx.duty_cues else None


def _with_metadata(document: Document, chain: dict[str, str], titles: list, norm: str, by_pos: dict,
                   entities: list[Entity]) -> Document:
    """The document with the issuer and jurisdiction its text states, where the metadata had none."""
    meta = document.meta
    changes = {}
    if not meta.jurisdiction and chain:
        changes["jurisdiction"] = next(chain[lv] for lv in ("县", "区", "市", "省") if lv in chain)
    own = _own_policy(titles, norm)
    if not meta.issuer and own is not None:
        ls, _, _, ie = next(t for t in titles if (t[1], t[2]) == own)
        issuers = [k[1] for (s, e), k in sorted(by_pos.items()) if ls <= s and e <= ie and k[0] == "Actor"]
        longest = [a for a in issuers if not any(a != b and a in b for b in issuers)]
        if longest:
            changes["issuer"] = "、".join(dict.fromkeys(longest))
    return replace(document, meta=replace(meta, **changes)) if changes else document


def _inner_actors(raw: list[dict], norm: str, lx: Lexicon) -> list[dict]:
    """Actors of the lexicon named inside a mechanism, policy or challenge name (在职党员 in 在职党员进楼栋
    报到机制), found on characters so that a name the tokenizer kept whole is still looked into."""
    holders = [r for r in raw if not r["nested"] and core_class(r["cls"]) in ("Mechanism", "Challenge")]
    if not holders or _actor_pattern(lx) is None:
        return []
    inside = per_lexicon(lx, "actors inside", _actors_inside)  # name -> the actor names in it
    have = {(r["s"], r["e"]) for r in raw}
    actor_spans = sorted((r["s"], r["e"]) for r in raw if core_class(r["cls"]) == "Actor")
    out = []
    for r in holders:
        for a, b, actor in inside[norm[r["s"]:r["e"]]]:
            key = (r["s"] + a, r["s"] + b)
            if key == (r["s"], r["e"]) or key in have or _covered(actor_spans, key):
                continue
            e = lx.entries[actor]
            out.append({"s": key[0], "e": key[1], "cls": e.cls, "concept": e.concept,
                        "source": "lexicon", "nested": True, "inside": (r["s"], r["e"])})
            have.add(key)
    return out


def _actors_inside(lx: Lexicon) -> _Memo:
    """name -> ``(start, end, actor)`` of the lexicon's actor names in it (offsets in the name), computed once
    per name (a pure function of the name and the lexicon: names recur)."""
    pattern = _actor_pattern(lx)
    return _Memo(lambda name: tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(name)), 1 << 16)


# -- figure subjects ----------------------------------------------------------------------------------
_GAP_PUNCT = frozenset(",;:。!?\n、")
#: a year opening a figure's clause (2023年, 2023年底) or a whole jurisdiction (全县): no noun of its own
_YEAR_OR_ALL = r"(?:19|20)\d{2}年(?:底|末|内)?|全[省市县区]"


def _figure_subject_patterns(lx: Lexicon) -> tuple:
    """The patterns of :func:`_figure_subjects` (built once per lexicon)."""
    link = alternation(lx.word_lists.get("linkVerbs", ()))
    link_tail = re.compile(rf"(?:{link}|{alternation(tuple(lx.qualifiers))})+$")
    openers = re.compile(rf"(?:{_YEAR_OR_ALL}|{alternation(lx.word_lists.get('figureOpeners', ()))})*")
    rate_of = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation(lx.word_lists.get('peopleRates', ()))})")
    share = re.compile(alternation(lx.word_lists.get("shareWords", ())))
    anaphor = re.compile(rf"(?:{alternation(lx.word_lists.get('anaphors', ()))})([\u4e00-\u9fff]{{2,6}})")
    cases = tuple(lx.word_lists.get("caseNouns", ())) or ("\0",)
    return link_tail, openers, rate_of, share, anaphor, cases


def _figure_subjects(got: _Collected, raw: list[dict], norm: str, lx: Lexicon, tokenize
                     ) -> tuple[list[tuple], list[dict]]:
    """Revise what each figure measures, after the relation rules: (1) the name counted right after the
    measure word stays; (2) a name in the figure's own clause beats one from outside it, and people named
    before a rate of theirs (居民认可度达到93%) are such a name; (3) a clause with a noun of its own that
    names nothing (常住人口约89万人, 议定事项2480件) does not take the previous clause's subject: it falls back
    to the mechanism of its enumerated item, else to the sentence's topic (its first actor or place); (4) a
    rate of handling after a count of the people's matters (收集居民建议……条,办结率达……) or after the people
    and one of their matters (群众诉求办结率) measures the handler named first in the sentence, not the people, and
    so do the counts of matters handled after them (化解纠纷……起);
    (5) a figure of the sentence's place in a clause naming nothing also measures the programme named before it;
    (6) a sum of money also measures the fund named right before it after a verb of allocation (安排某某专项资金);
    (7) a total (共……人) right after a list of names measures all of them; (8) a coverage rate of party
    organisations named after what they cover (某某商户党支部覆盖率) also measures that stem.
    Returns the revised metrics and the mentions added for (2)."""
    if not got.metrics:
        return got.metrics, []
    link_tail, openers, rate_of, share, anaphor, cases = per_lexicon(lx, "figure-subjects", _figure_subject_patterns)
    nominal: dict[str, bool] = {}  # noun phrase -> a noun phrase of its own (names recur: decided once)

    def is_np(noun: str) -> bool:
        if noun not in nominal:
            nominal[noun] = _noun_phrase(noun, tokenize, lx, share)
        return nominal[noun]

    mentions = sorted(((r["s"], r["e"], r) for r in raw if core_class(r["cls"]) in ("Actor", "Mechanism")),
                      key=itemgetter(0, 1))
    m_starts = [m[0] for m in mentions]
    starts = [a for a, _ in got.sentences]
    items = {si: got.item_mechanisms[a] for si, (a, _) in enumerate(got.sentences) if a in got.item_mechanisms}
    actor_words = _bare_actor_pattern(lx)
    ends = {q.end: q for q, _ in got.metrics}
    places = {(r["s"], r["e"]) for r in raw if r["cls"] == "Place"}
    by_span = {(a, b): r for a, b, r in mentions}
    morph_verb = per_lexicon(lx, "morphology", MorphologyRecognizer).is_verb
    coverage = tuple(lx.word_lists.get("coverageRates", ())) or ("\0",)
    party_heads = tuple(sorted((h for h, (c, _, _) in lx.heads.items() if c == "PartyOrganization"), key=len,
                               reverse=True))
    actor_names = {norm[r["s"]:r["e"]]: r for r in raw if core_class(r["cls"]) == "Actor" and not r["nested"]
                   and r["cls"] != "Place"}
    total, coord, fund_re, fund_verbs = per_lexicon(lx, "totals and funds", _total_and_fund_patterns)
    people_rates = tuple(w for w in lx.word_lists.get("peopleRates", ()) if w.endswith("率")) or ("\0",)
    fund_nouns = lx.word_lists.get("fundNouns", ())
    challenges = sorted({(r["s"], r["e"]) for r in raw if core_class(r["cls"]) == "Challenge" and not r["nested"]})
    ch_starts = [a for a, _ in challenges]
    compose = tuple(lx.word_lists.get("compositionVerbs", ())) or ("\0",)
    anaphor_words = tuple(lx.word_lists.get("anaphors", ())) or ("\0",)
    mention_ends = sorted(m[1] for m in mentions if not m[2]["nested"])
    preps = tuple(lx.word_lists.get("prepositions", ())) or ("\0",)
    among = re.compile(rf"(?:{alternation(lx.word_lists.get('amongWords', ()))})[\u4e00-\u9fff]{{0,2}}$")
    case_units = frozenset(lx.word_lists.get("caseUnits", ()))  # matters counted: 受理诉求2万件, 收集意见800条

    def counted_by(span: tuple[int, int]):  # the figure right before a name counts it (12个乡镇)
        if span[0] == 0:
            return None
        return ends.get(span[0]) or (ends.get(span[0] - 1) if norm[span[0] - 1] not in _GAP_PUNCT else None)

    by_end = {m[1]: (m[0], m[1]) for m in mentions if not m[2]["nested"]}
    lead_of = _Partners(norm, by_end, lx)
    tails = _HeadTails(mentions, norm, tokenize, per_lexicon(lx, "morphology", MorphologyRecognizer).is_nominal,
                       per_lexicon(lx, "per-unit counters", _per_unit),
                       frozenset(lx.fillers) | frozenset(lx.word_lists.get("figureOpeners", ())))

    out, extra = [], []
    handler: dict[int, tuple[int, int]] = {}  # sentence index -> the handler of the people's matters it counts
    # (sentence index, subjects, counted, subjects the relation rules gave, unit) of the previous figure
    prev: tuple[int, list, bool, list, str] | None = None
    last_fund: tuple[int, tuple[int, int] | None] = (-1, None)  # (sentence index, span) of the last fund named
    prev_end = next_end = 0  # where the previous figure ends
    pointed: dict[int, tuple[int, int]] = {}  # sentence index -> the name an anaphor opening it points back to
    for q, subj in got.metrics:
        prev_end, next_end = next_end, q.end
        if q.row is not None:  # a cell of an indicator table: what its row's name names (and the place, below)
            named = [(m[0], m[1]) for m in mentions[bisect.bisect_left(m_starts, q.row[0]):
                                                    bisect.bisect_left(m_starts, q.row[1])]
                     if m[1] <= q.row[1] and not m[2]["nested"] and m[2]["cls"] not in ("Place", "Person")]
            out.append((q, named[-1:]))
            continue
        orig = subj
        si = bisect.bisect_right(starts, q.start) - 1
        lo, _ = got.sentences[si] if si >= 0 else (0, len(norm))
        c0, _ = clause_bounds(norm, q.start, lo, q.start)
        last = prev[1] if prev is not None and prev[0] == si else None
        if last is not None and subj and subj == prev[3] and subj != last and not any(s[0] >= c0 for s in subj):
            subj = list(last)  # the relation rules carried the previous figure's subject on: carry the revised one
        seg = max(lo, norm.rfind(";", lo, q.start) + 1)
        if last is not None and subj == last and prev_end <= seg and not any(s[0] >= seg for s in subj):
            opener = _topic(mentions, m_starts, seg, c0 + 1, counted_by)
            if opener is not None and opener[0] <= seg + 1:
                subj = [opener]  # 甲区建成……64个;乙区评出……312名: a ;-segment opening with its own actor
        within = [(m[0], m[1]) for m in mentions[bisect.bisect_left(m_starts, q.start):
                                                 bisect.bisect_left(m_starts, q.start + 1)]
                  if m[0] == q.start and m[1] > q.end and not m[2]["nested"]]
        if within:  # 80周岁以上高龄老人: the name the figure opens
            out.append((q, within[-1:]))
            prev = (si, within[-1:], True, orig, q.unit)
            continue
        if not any(counted_by(s) is q for s in subj):
            counted = [(m[0], m[1]) for m in mentions[bisect.bisect_left(m_starts, q.end):
                                                      bisect.bisect_left(m_starts, q.end + 2)]
                       if not m[2]["nested"] and m[2]["cls"] != "Person" and counted_by(m) is q]
            subj = counted[:1] or subj  # 每月开展一次某某议事: a name the relation rules did not see (a repeat)
        if any(counted_by(s) is q for s in subj):
            out.append((q, subj))  # (1) 1名某某协理员, 300户以上某某家庭
            prev = (si, subj, True, orig, q.unit)
            continue
        if norm[q.start - 1:q.start] == "(" and norm[q.end:q.end + 1] == ")" and q.start - 1 in by_end:
            subj = [by_end[q.start - 1]]  # 甲区(96.5分)、乙县(94.8分): the name the bracket follows
            out.append((q, subj))
            prev = (si, subj, False, orig, q.unit)
            continue
        if subj and all(counted_by(s) not in (None, q) and s[0] >= c0 for s in subj) and \
                not among.match(norm, subj[-1][1], q.start):
            subj = []  # 全县12个乡镇、186个村……: the 乡镇 are the other figure's (not 12个社区中仅5个: among them)
        outside = not subj or all(s[1] <= c0 or s in places for s in subj)  # 全区建成某某93个: not 全区
        before = norm[c0:q.start]
        noun = link_tail.sub("", before[openers.match(before).end():])
        if outside and subj and subj == last and prev[2] and bisect.bisect_left(m_starts, c0) == \
                bisect.bisect_left(m_starts, q.start):
            act = _words(tokenize, before[openers.match(before).end():])[:1]
            agent = (_formed(mentions, m_starts, lo, c0, norm, compose)
                     or _topic(mentions, m_starts, lo, c0, counted_by)) if act and morph_verb(act[0]) else None
            if agent is not None and agent not in subj:
                # 组成督查组,抽取……个村开展督查,发放问卷……份: a clause opening with a verb goes on with the
                # sentence's agent (the body it formed, else its first actor), not the things counted before
                subj = [agent]
        if outside:
            i0, i1 = bisect.bisect_left(m_starts, c0), bisect.bisect_left(m_starts, q.start)
            inside = [m for m in mentions[i0:i1] if m[1] <= q.start and m[2]["cls"] not in ("Place", "Person")
                      and counted_by(m) is None and not m[2]["nested"]]
            a = actor_words.match(before, openers.match(before).end()) if actor_words is not None else None
            back = anaphor.match(before)
            named = _named_before(mentions, m_starts, c0, back.group(1), norm) if back else None
            fund = None if named is not None or back is None else \
                _fund_before(norm, c0, back.group(1), fund_nouns, fund_verbs, anaphor_words,
                             mention_ends, preps)
            if fund is not None:  # 对某某专项资金进行审计。上述资金全年拨付……: the fund named before
                if fund not in by_span:
                    extra.append({"s": fund[0], "e": fund[1], "cls": "Mechanism", "concept": "",
                                  "source": "figure-fund", "nested": False})
                subj = [fund]
            elif named is not None:  # 该基金会去年拨付善款……: the 基金会 named before
                subj = [named]
            if subj and (fund or named) and c0 == lo:
                pointed[si] = subj[0]  # the sentence opens with it: its next clauses naming nothing go on with it
            elif inside:  # (2) a name of the figure's own clause
                subj = [(inside[-1][0], inside[-1][1])]
            elif a is not None and rate_of.match(before, a.end()):  # 居民认可度达到93%: the people
                key = (c0 + a.start(), c0 + a.end())
                e = lx.entries[a.group(0)]
                extra.append({"s": key[0], "e": key[1], "cls": e.cls, "concept": e.concept, "source": "lexicon",
                              "nested": False})
                subj = [key]
            elif subj and subj == last and is_np(noun) and (
                    not noun.endswith(("率", "度")) or si in items):
                # (3) 常住人口约89万人 after 辖10个街道, 议定事项2480件 after 参与群众……: not the same subject
                # again; a bare rate (办结率) leaves it for its item's mechanism only
                subj = [items[si]] if si in items else [t for t in [_topic(mentions, m_starts, lo, c0, counted_by)]
                                                        if t is not None] or subj
            elif subj and subj == last and si in items and q.unit in ("件", "起", "条") and noun.endswith(cases):
                subj = [items[si]]  # 议定事项1370件, 受理邻里纠纷2940件 after a count of people: the item's matters
            elif subj and subj == last and prev[2] and q.unit in ("%", "‰"):
                # 85个小区全部配齐……,覆盖率达100%: a rate does not measure the things counted before
                subj = [items[si]] if si in items else [t for t in [_topic(mentions, m_starts, lo, c0, counted_by)]
                                                        if t is not None] or subj
        if outside and not any(m[0] >= c0 for m in mentions[
                bisect.bisect_left(m_starts, c0):bisect.bisect_left(m_starts, q.start)] if m[1] <= q.start):
            head = tails.named(c0, q.start) or tails.opening(lo, c0)
            if head is not None:  # 服务站由……运营,提供……三项服务: the 某某服务站 named before
                subj = [head]
            else:
                act = _words(tokenize, before[openers.match(before).end():])[:1]
                done = _practice_of(mentions, m_starts, lo, c0, norm, act[0]) \
                    if act and len(act[0]) >= 2 and morph_verb(act[0]) else None
                if done is not None:  # 提供“代办帮办”服务,全年代办事项……件: what the practice does
                    subj = [done]
        if not subj and si in pointed:
            subj = [pointed[si]]  # 上述经费当年下拨……,结余……: the fund the sentence opened with
        if not subj:
            subj = [t for t in [items.get(si) or _topic(mentions, m_starts, lo, q.start, counted_by)] if t]
        if not subj and si > 0 and "\n" not in norm[got.sentences[si - 1][0]:lo] and \
                bisect.bisect_left(m_starts, lo) == bisect.bisect_left(m_starts, q.start) and \
                _opens_with_verb(norm[lo:q.start], openers, tokenize, morph_verb):
            # 她牵头成立“某某调解室”……。累计调解纠纷420余件: a sentence naming nothing goes on with the
            # mechanism the sentence before it in its paragraph named last
            p0 = got.sentences[si - 1][0]
            named_before = [(m[0], m[1]) for m in mentions[bisect.bisect_left(m_starts, p0):
                                                           bisect.bisect_left(m_starts, lo)]
                            if not m[2]["nested"] and core_class(m[2]["cls"]) == "Mechanism" and m[2]["cls"] != "Policy"]
            subj = named_before[-1:]
        named = [m for m in mentions[bisect.bisect_left(m_starts, c0):bisect.bisect_left(m_starts, q.start)]
                 if m[1] <= q.start and not m[2]["nested"] and m[2]["cls"] != "Place"]
        if len(named) > 1 and total.match(norm, named[-1][1], q.end):  # 甲、乙和丙共41人: a total of all of them
            k = len(named) - 1
            while k > 0 and coord.fullmatch(norm, named[k - 1][1], named[k][0]):
                k -= 1
            if k < len(named) - 1:
                subj = [(m[0], m[1]) for m in named[k:]]
        carried: list = []
        handled = q.unit in case_units and noun.endswith(cases) and any(morph_verb(t) for t in _words(tokenize, noun))
        if handled or q.unit in ("%", "‰") and noun.endswith("率") and not noun.endswith(people_rates):
            # 收集居民建议……条,办结率达…… / 群众诉求办结率为……: the rate of handling what the people
            # brought is the handler's, the name opening the sentence (or its ;-segment), not the people's
            own = [t for t in subj if t[0] >= c0 and by_span.get(t, {}).get("cls") == "Group"]
            earlier = prev[1] if prev is not None and prev[0] == si and prev[4] in case_units else []
            if (subj and len(own) == len(subj) and any(w in norm[t[1]:q.start] for t in own for w in cases)) or (
                    earlier and all(by_span.get(t, {}).get("cls") == "Group" or t == handler.get(si) for t in earlier)
                    and not any(s[0] >= c0 or by_span.get(s, {}).get("cls") not in ("Group", "Place") for s in subj)):
                seg = max(lo, norm.rfind(";", lo, c0) + 1)
                agent = _agent(mentions, m_starts, seg, c0) or (own and _agent(mentions, m_starts, c0, own[0][0])) \
                    or tails.opening(seg, c0 + 1)  # 通过某某议事办结居民投诉; 服务中心受理……
                if agent is not None:  # 受理居民投诉……件: the people's matters, handled by the handler
                    subj = [*own, agent] if handled and own else [agent]
                    carried = [agent]  # the sentence's next figures go on with the handler
                    handler[si] = agent
        if subj and all(t in places for t in subj) and not any(m[0] >= c0 for m in mentions[
                bisect.bisect_left(m_starts, c0):bisect.bisect_left(m_starts, q.start)]):
            # 该县实施某某整治行动,累计整治河道120公里: the place's figure is also the programme's output
            programme = _programme(mentions, m_starts, lo, c0)
            if programme is not None:
                subj = [*subj, programme]
        subj = list(dict.fromkeys(lead_of.get(t, t) for t in subj))  # 甲局会同乙局组成4个组: 甲局's
        prev = (si, carried or subj, False, orig, q.unit)
        if q.unit == "%" and len(subj) == 1 and norm.startswith(coverage, subj[0][1]):
            stem = _covered_stem(norm, subj[0], party_heads, actor_names)
            if stem is not None:  # 某某商户党支部覆盖率为……: the enterprises covered too
                extra.append(stem[1])
                subj = [*subj, stem[0]]
        if lx.units.get(q.unit) == "currency" and fund_re is not None:
            fund = _fund(fund_re, fund_verbs, norm, c0, q.start) or (last_fund[1] if last_fund[0] == si else None)
            last_fund = (si, fund) if fund is not None else last_fund  # ……专项资金N亿元,按每平方米N元补助
            if fund is not None and fund not in subj:  # 某局年内下达某某专项资金N亿元: the fund too (not
                if fund not in by_span:               # carried on to the sentence's next figures)
                    extra.append({"s": fund[0], "e": fund[1], "cls": "Mechanism", "concept": "",
                                  "source": "figure-fund", "nested": False})
                subj = [*(t for t in subj if not fund[0] <= t[0] < fund[1]), fund]  # 社区养老 in 社区养老专项资金
        if si in pointed and pointed[si] not in subj and c0 > lo and \
                _opens_with_verb(before, openers, tokenize, morph_verb):
            subj = [*subj, pointed[si]]  # 上述经费……,用于甲、乙两个镇的30个村: what the fund the sentence opened with covers
        seg = max(lo, norm.rfind(";", lo, q.start) + 1, norm.rfind(":", lo, q.start) + 1)
        weak = _challenge_of(challenges, ch_starts, norm, seg, q)
        if weak is not None and weak not in subj:  # 三是经费拨付迟缓,年底集中拨付占……: the weakness too
            subj = [*subj, weak]
        out.append((q, subj))
    return out, extra


_ITEM_OPENING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十])?[,:]?$")


def _challenge_of(challenges: list[tuple[int, int]], starts: list[int], norm: str, seg: int, q
                  ) -> tuple[int, int] | None:
    """The weakness a figure states: a challenge holding the figure (补贴不足100元), or the one opening the figure's
    ;-segment (after an enumerator: 一是, (二)) in a clause before it (一是人员年龄偏大,五十岁以上的占……)."""
    i = bisect.bisect_right(starts, q.start)
    for a, b in reversed(challenges[max(0, i - 4):i]):
        if a <= q.start and q.end <= b:
            return (a, b)
        if seg <= a and b <= q.start and _ITEM_OPENING.match(ENUMERATION.sub("", norm[seg:a].strip())):
            return (a, b)
    return None


class _Partners:
    """Bodies named after a verb of acting together (`coordinatingVerbs`: 甲局会同乙局、丙局) map to the body
    before the verb (甲局), when one is named there: what the clause does is 甲局's, the others assist."""

    def __init__(self, norm: str, by_end: dict, lx: Lexicon) -> None:
        self.norm, self.by_end = norm, by_end
        self.verbs = tuple(lx.word_lists.get("coordinatingVerbs", ()))
        self.lead_ins = tuple(lx.word_lists.get("jointLeadIns", ()))
        self.memo: dict = {}

    def get(self, span: tuple[int, int], default):
        if span not in self.memo:
            self.memo[span] = self._lead(span)
        return self.memo[span] or default

    def _lead(self, span: tuple[int, int]) -> tuple[int, int] | None:
        norm, a = self.norm, span[0]
        while norm[a - 1:a] in ("、", "和", "及", "与") and a - 1 in self.by_end:  # 会同乙局、丙局: back to 乙局
            a = self.by_end[a - 1][0]
        verb = next((v for v in self.verbs if norm.endswith(v, 0, a)), None)
        if verb is None:
            return None
        b = a - len(verb)
        b -= next((len(w) for w in self.lead_ins if norm.endswith(w, 0, b)), 0)  # 甲局则联同乙局
        return self.by_end.get(b)


class _HeadTails:
    """Names repeated by their last word (某某养老驿站 … 驿站由……运营): the last word of a name (two
    characters or more), standing alone after the name, where only one name ends in it."""

    def __init__(self, mentions: list, norm: str, tokenize, is_nominal, per_unit: re.Pattern,
                 fillers: frozenset[str]) -> None:
        self.norm, self.mentions, self.tokenize, self.is_nominal, self.per_unit, self.fillers = \
            norm, mentions, tokenize, is_nominal, per_unit, fillers  # 服务中心今年……: 今年 opens no noun
        self.spans = [(a, b) for a, b, r in mentions]
        by_tail: dict[str, dict[str, tuple[int, int]]] = {}
        for a, b, r in mentions:
            if r["nested"] or r["cls"] in ("Place", "Person"):
                continue
            toks = _words(tokenize, norm[a:b])
            if len(toks) >= 2 and len(toks[-1]) >= 2 and "”" not in toks[-1]:
                by_tail.setdefault(toks[-1], {}).setdefault(norm[a:b].replace("“", "").replace("”", ""), (a, b))
        self.first = {t: next(iter(names.values())) for t, names in by_tail.items() if len(names) == 1}
        self.pattern: re.Pattern | None = None  # compiled on first use: most documents never ask

    def named(self, lo: int, hi: int, opening: bool = False) -> tuple[int, int] | None:
        """The name whose last word stands alone in ``[lo, hi)`` (at ``lo`` itself when ``opening``): not inside
        another name, not modifying a noun after it (驿站护理员), unless counted one by one (每个驿站运营费)."""
        if not self.first:
            return None
        if self.pattern is None:
            self.pattern = re.compile(alternation(tuple(self.first)))
        norm = self.norm
        for m in self.pattern.finditer(norm, lo, hi):
            if opening and m.start() != lo:
                break
            named = self.first[m.group(0)]
            i = bisect.bisect_right(self.spans, (m.start(), 1 << 62))
            inside = any(a <= m.start() < b for a, b in self.spans[max(0, i - 8):i])
            if named[1] > m.start() or inside or norm[m.start() - 1:m.start()] == "“":
                continue
            after = _words(self.tokenize, norm[m.end():m.end() + 6])[:1]
            if after and self.is_nominal(after[0]) and after[0] not in self.fillers \
                    and not self.per_unit.search(norm, max(lo, m.start() - 3), m.start()):
                continue  # 驿站护理员: a modifier
            return named
        return None

    def opening(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The name whose last word opens the nearest clause of ``[lo, hi)`` that opens with a subject (驿站由……
        承办,提供……): clauses opening with another name stop the search."""
        starts = [lo, *(i + 1 for i in range(lo, hi - 1) if self.norm[i] in ",;:")]
        for p in reversed(starts):
            if p >= hi:
                continue
            got = self.named(p, p + 8, opening=True)
            if got is not None:
                return got
            j = bisect.bisect_left(self.spans, (p, -1))
            if j < len(self.spans) and self.spans[j][0] <= p + (self.norm[p:p + 1] == "“"):
                return None  # 甲局……, “某某”平台……: a clause of another subject
        return None


def _covered_stem(norm: str, span: tuple[int, int], party_heads: tuple[str, ...], actor_names: dict
                  ) -> tuple[tuple[int, int], dict] | None:
    """For a party organisation named after what it covers (某某商户党支部), the span of that stem and a mention
    for it, when the text names the stem as an actor elsewhere; else None."""
    surface = norm[span[0]:span[1]]
    head = next((h for h in party_heads if surface.endswith(h)), None)
    stem = surface[:-len(head)] if head else ""
    other = actor_names.get(stem)
    if len(stem) < 2 or other is None:
        return None
    key = (span[0], span[0] + len(stem))
    return key, {"s": key[0], "e": key[1], "cls": other["cls"], "concept": other["concept"], "source": "figure-stem",
                 "nested": False}


def _total_and_fund_patterns(lx: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern | None, re.Pattern]:
    """The patterns of totals after a list of names and of funds before a sum (built once per lexicon)."""
    # a total after the names (a role word the names leave out may follow each: 某协会会长和某代表共……人)
    total = re.compile(rf"[\u4e00-\u9fff]{{0,3}}?(?:{alternation(lx.word_lists.get('totalWords', ()))})"
                       rf"(?:{alternation(tuple(lx.qualifiers))})*[\d〇一二两三四五六七八九十]")
    coord = re.compile(r"[\u4e00-\u9fff]{0,3}[、和及与]")
    fund_nouns, fund_verb_words = lx.word_lists.get("fundNouns", ()), lx.word_lists.get("fundVerbs", ())
    fund_re = re.compile(rf"(?:{alternation(fund_verb_words)})(?:{alternation(lx.word_lists.get('fundDeterminers', ()))})?"
                         rf"(?P<name>[\u4e00-\u9fff“”]{{0,12}}?(?:{alternation(fund_nouns)}))") if fund_nouns else None
    return total, coord, fund_re, re.compile(alternation(fund_verb_words))


def _fund(pattern: re.Pattern, verbs: re.Pattern, norm: str, c0: int, pos: int) -> tuple[int, int] | None:
    """The fund named between a verb of allocation and a sum of money at ``pos`` (安排某某专项资金): its span,
    without a determiner (各类) and at least three characters long, or None."""
    m = pattern.search(norm, max(c0, pos - 24), pos)
    if m is None or m.end() != pos:
        return None
    a = m.start("name")
    inner = list(verbs.finditer(norm, a, pos))  # 下达某某整治……: the last verb opens the name
    if inner:
        a = inner[-1].end()
    return (a, pos) if pos - a >= 3 else None


_NAME_RUN = re.compile(r"[\u4e00-\u9fff\d“”]+$")


def _fund_before(norm: str, pos: int, words: str, nouns: tuple[str, ...], verbs: re.Pattern,
                 anaphors: tuple[str, ...], ends: list[int], preps: tuple[str, ...]) -> tuple[int, int] | None:
    """The fund an anaphor points back to (该资金, 上述经费: ``words`` open with a word of ``fundNouns``) when no
    name ends in it: the last noun phrase before ``pos`` (within 200 characters) ending in that word, from after
    its last 的 or verb of allocation (对区住建局统筹的某某奖补资金 -> 某某奖补资金), four characters or more."""
    noun = next((n for n in nouns if words.startswith(n)), None)  # longest first
    if noun is None:
        return None
    lo = max(0, pos - 200)
    e = norm.rfind(noun, lo, pos)
    while e >= 0:
        run = _NAME_RUN.search(norm, lo, e)
        a = run.start() if run else e
        cut = max(norm.rfind("的", a, e) + 1, max((v.end() for v in verbs.finditer(norm, a, e)), default=a), a,
                  max((x for x in ends[bisect.bisect_right(ends, a):bisect.bisect_left(ends, e)]), default=a))
        if norm.startswith(preps, cut):  # 市财政局对某某资金: after the name, a preposition opens no fund's name
            cut += next(len(w) for w in preps if norm.startswith(w, cut))
        if e + len(noun) - cut >= 4 and not norm.endswith(anaphors, 0, cut):
            return (cut, e + len(noun))
        e = norm.rfind(noun, lo, e)
    return None


def _whole_place(norm: str, pos: int, chain: dict[str, str], named: dict, lx: Lexicon):
    """The jurisdiction a mark of a whole names right before a figure (``totalityMarks`` + one character: 全市 ->
    the city of the text's chain, else the one city the text names; 全澳 -> the place of the chain whose name
    opens with 澳), or None (全年, or 全区 in a text naming several districts and no jurisdiction)."""
    marks = tuple(lx.word_lists.get("totalityMarks", ()))
    x = norm[pos - 1:pos]
    if not marks or pos < 2 or not norm.endswith(marks, 0, pos - 1) or not "\u4e00" <= x <= "\u9fff":
        return None
    place = chain.get(x) or next((p for p in chain.values() if p.startswith(x)), None)
    if place is None:  # no jurisdiction known: the one place of the text at that level (全市: 某某市)
        level = [p for p in named if p.endswith(x) and len(p) > 1]
        place = level[0] if len(level) == 1 else None
    return named.get(place) if place else None


_SINCE = re.compile(r"^(?:[几多近数]|[一二两三四五六七八九十\d]+)年(?:以)?来")  # 几年来, 三年以来


def _opens_with_verb(text: str, openers: re.Pattern, tokenize, is_verb) -> bool:
    """Whether a sentence has no subject of its own: after a span of time (几年来) and figure openers (累计),
    its first word is a verb (三年来共化解矛盾……起; not 某某设施面积达到……)."""
    text = text[_SINCE.match(text).end() if _SINCE.match(text) else 0:]
    first = _words(tokenize, text[openers.match(text).end():])[:1]
    return bool(first) and is_verb(first[0])


def _formed(mentions: list, m_starts: list[int], lo: int, c0: int, norm: str, verbs: tuple[str, ...]
            ) -> tuple[int, int] | None:
    """The body named right after a verb of composition in ``[lo, c0)`` (甲局联合乙大学组成调研组: 调研组)."""
    for a, b, r in mentions[bisect.bisect_left(m_starts, lo):bisect.bisect_left(m_starts, c0)]:
        if b <= c0 and not r["nested"] and core_class(r["cls"]) == "Actor" and r["cls"] not in ("Place", "Person") \
                and norm.endswith(verbs, lo, a):
            return (a, b)
    return None


def _practice_of(mentions: list, m_starts: list[int], lo: int, c0: int, norm: str, verb: str
                 ) -> tuple[int, int] | None:
    """The last mechanism named in ``[lo, c0)`` whose name opens with ``verb`` (quotes aside): a clause doing
    what it names (“代办帮办”服务 …, 全年代办事项……件) counts its work."""
    for a, b, r in reversed(mentions[bisect.bisect_left(m_starts, lo):bisect.bisect_left(m_starts, c0)]):
        if b <= c0 and not r["nested"] and core_class(r["cls"]) == "Mechanism" and \
                norm[a:b].lstrip("“").startswith(verb):
            return (a, b)
    return None


def _programme(mentions: list, m_starts: list[int], lo: int, c0: int) -> tuple[int, int] | None:
    """The last programme (gov:Program: 某某行动, 某某工程) named in ``[lo, c0)``, not inside another name."""
    for a, b, r in reversed(mentions[bisect.bisect_left(m_starts, lo):bisect.bisect_left(m_starts, c0)]):
        if b <= c0 and not r["nested"] and r["cls"] == "Program":
            return (a, b)
    return None


def _agent(mentions: list, m_starts: list[int], lo: int, c0: int) -> tuple[int, int] | None:
    """The first mechanism or organisation named in ``[lo, c0)`` (people, persons and places left out)."""
    for a, b, r in mentions[bisect.bisect_left(m_starts, lo):bisect.bisect_left(m_starts, c0)]:
        if b <= c0 and not r["nested"] and r["cls"] not in ("Group", "Person", "Place", "Role"):
            return (a, b)
    return None


def _noun_phrase(text: str, tokenize, lx: Lexicon, share: re.Pattern) -> bool:
    """``text`` is a noun phrase of its own: two characters or more, nouns only (组织帮扶活动, 按每个小区, 拥有
    and 占比 go on with the previous subject), or the name of a rate (办结率)."""
    if len(text) < 2 or share.search(text):
        return False
    if text.endswith(("率", "度")):
        return True
    morph = per_lexicon(lx, "morphology", MorphologyRecognizer)
    return all(morph.is_nominal(t) for t in _words(tokenize, text))


def _named_before(mentions: list, m_starts: list[int], pos: int, words: str, norm: str) -> tuple[int, int] | None:
    """The last name before ``pos`` ending in a word ``words`` starts with (该基金会去年拨付…… -> 某某基金会)."""
    for a, b, r in reversed(mentions[max(0, bisect.bisect_left(m_starts, pos) - 60):bisect.bisect_left(m_starts, pos)]):
        surface = norm[a:b]
        if b <= pos and not r["nested"] and any(surface.endswith(words[:n]) for n in range(len(words), 1, -1)):
            return (a, b)
    return None


def _topic(mentions: list, m_starts: list[int], lo: int, c0: int, counted_by) -> tuple[int, int] | None:
    """The sentence's topic: its first actor (places included) named before ``c0``, not counted by a figure."""
    i0, i1 = bisect.bisect_left(m_starts, lo), bisect.bisect_left(m_starts, c0)
    for a, b, r in mentions[i0:i1]:
        if not r["nested"] and core_class(r["cls"]) == "Actor" and r["cls"] != "Person" and counted_by((a, b)) is None:
            return (a, b)
    return None


def _bare_actor_pattern(lx: Lexicon) -> re.Pattern | None:
    """The lexicon's actors (groups and roles, places left out) as one alternation, longest first."""
    def build(lexicon: Lexicon) -> re.Pattern | None:
        words = sorted((w for w, e in lexicon.entries.items() if core_class(e.cls) == "Actor"
                        and e.cls in ("Group", "Role") and "(" not in w), key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words))) if words else None
    return per_lexicon(lx, "bare-actors", build)


def _covered(spans: list[tuple[int, int]], key: tuple[int, int]) -> bool:
    """Whether ``key`` lies inside one of the sorted ``spans`` (民政厅 inside 某省民政厅)."""
    i = bisect.bisect_right(spans, (key[0], 1 << 62))
    return any(s <= key[0] and key[1] <= e for s, e in spans[max(0, i - 8):i])


def _actor_pattern(lx: Lexicon) -> re.Pattern | None:
    """One alternation of the lexicon's actor names (longest first), compiled once per lexicon."""
    return per_lexicon(lx, "actor names", _compile_actor_names)


def _compile_actor_names(lx: Lexicon) -> re.Pattern | None:
    actors = sorted((w for w, e in lx.entries.items()
                     if core_class(e.cls) == "Actor" and e.cls != "Place" and len(w) >= 3 and "(" not in w),
                    key=len, reverse=True)
    return re.compile("|".join(map(re.escape, actors))) if actors else None


def _statement(norm: str, s: int, e: int) -> str:
    """The clause around a quantity (、 ends it too, at most 200 characters either side), as what it is about."""
    a, _ = clause_bounds(norm, s, max(0, s - 200), s, listing=True)
    _, b = clause_bounds(norm, e, e, min(len(norm), e + 200), listing=True)
    return norm[a:b][:60]


def _attribution_mentions(m: re.Match, lx: Lexicon) -> list[dict]:
    out = [{"s": m.start(1), "e": m.end(1), "cls": "Person", "concept": "", "source": "metadata", "nested": False}]
    role = m.group(2)
    morph = per_lexicon(lx, "morphology", MorphologyRecognizer)
    for n in range(2, len(role) + 1):
        head = morph.head_of(role[:n])
        if head and core_class(lx.heads[head][0]) == "Actor" and lx.heads[head][0] in (
                "GovernmentBody", "PartyOrganization", "SocialOrganization", "Enterprise") and n >= 4:
            s = m.start(2)
            out.append({"s": s, "e": s + n, "cls": lx.heads[head][0], "concept": "", "source": "metadata",
                        "nested": False, "role": True})
            break
    return out


def _attribution_relations(m: re.Match, by_pos: dict, document: Document) -> list[Relation]:
    person = by_pos.get((m.start(1), m.end(1)))
    start = m.start(2)
    org = next((k for (s, e), k in by_pos.items() if s == start and k[0] == "Actor"), None)
    if person and org:
        return [Relation(person, "leads", org, document.span(*m.span()), "作者为")]
    return []
