"""Document structure of official texts: title lines, their issuers, the policy a notice carries, anaphora.

- A *title line* is a line without sentence punctuation that ends in a policy head, optionally followed by
  a note in brackets: ``某省文化和旅游厅关于做好……的通知``, ``某省“十四五”……规划(摘要)``. The line (without the
  note) is a policy; the actors before 关于 are its issuers.
- A *transmitting notice* (``某厅关于印发某方案的通知``, ``某办公厅 某办公厅印发《……》的通知``) carries a policy:
  the part between 印发/转发 and 的通知 is that policy; the actors before the verb issue it.
- *Anaphora*: 本方案, 本意见, 如下意见 … name the document's own policy (the first title line's).

Results: policy candidates in ``doc.spans["candidates"]`` (source ``title``), anaphora candidates (source
``anaphora``), and ``doc.user_data["govkg.titles"]`` = list of ``(line start, policy start, policy end,
issuer region end)`` character offsets, in text order.
"""

from __future__ import annotations

import re
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import spans
from kg.nlp.lexicon import Lexicon, load_default_lexicon
from kg.nlp.recognizers import FUNCTION_WORDS, KEY, _ensure, _Memo, _token_candidate, add_candidate
from kg.nlp.tokenizer import doc_text, doc_words

__all__ = ["MAX_TITLE_CHARS", "DocumentStructure", "PlaceRecognizer"]

MAX_TITLE_CHARS = 100
_SENTENCE_PUNCT = re.compile(r"[。!?;,:]")
_NOTE = re.compile(r"\((?:摘要|试行|暂行|征求意见稿|草案|修订稿?|送审稿|节选|全文)\)$")
#: the period a plan covers, written after its name: (2024—2026年), (2025年)
_PERIOD = re.compile(r"\((?:19|20)\d{2}(?:\s*[—–\-~至到]+\s*(?:19|20)\d{2})?年?\)$")


class DocumentStructure:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        heads = sorted((h for h, (c, _, _) in self.lexicon.heads.items() if c == "Policy"), key=len, reverse=True)
        alt = "|".join(map(re.escape, heads))
        self._ends_policy = re.compile(rf"(?:{alt})$")
        self._carrier = re.compile(rf"^(?P<issuer>.*?)(?:关于)?(?:印发|转发|发布|公布|颁布)(?P<policy>.+?)的(?:{alt})$")
        self._anaphora = re.compile(rf"(?:本|如下|以下)(?:{alt})")

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        text = doc_text(doc)
        titles = []
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            found = self._title(doc, line.strip(), start + len(line) - len(line.lstrip()))
            if found:
                titles.append(found)
        for m in self._anaphora.finditer(text):
            add_candidate(doc, m.start(), m.end(), "Policy", "anaphora")
        doc.user_data["govkg.titles"] = titles
        return doc

    def _title(self, doc: Doc, line: str, start: int) -> tuple[int, int, int, int] | None:
        if not 4 <= len(line) <= MAX_TITLE_CHARS or _SENTENCE_PUNCT.search(line):
            return None
        m = self._carrier.match(line)
        if m and m.group("policy").strip("《》 "):
            inner = m.group("policy")
            s = start + m.start("policy") + (len(inner) - len(inner.lstrip("《 ")))
            e = start + m.end("policy") - (len(inner) - len(inner.rstrip("》 ")))
            if not (inner.startswith("《") and inner.endswith("》")):
                add_candidate(doc, s, e, "Policy", "title")
            return (start, s, e, start + m.end("issuer"))
        body = line
        while _NOTE.search(body):
            body = _NOTE.sub("", body)  # ……方案(试行)(节选)
        dated = _PERIOD.sub("", body)  # ……方案(2024—2026年): the period is part of the name
        if not self._ends_policy.search(dated) or line.startswith(("《", "“")):
            return None
        e = start + len(body)
        add_candidate(doc, start, e, "Policy", "title")
        about = body.find("关于")
        return (start, start, e, start + about if about > 0 else start)


_HAN2 = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN1 = re.compile(r"[\u4e00-\u9fff]+")
#: jieba part-of-speech tags (first letter) of a word that is no part of a place's name: verbs, adjectives,
#: adverbs, prepositions, conjunctions, particles, numerals, measure words, pronouns, locatives, distinguishing words
_NOT_NAME_TAGS = frozenset("vadpcumqrfbyeoz")
#: jieba part-of-speech tags of a proper name (a place, a person, another name) or of a word it does not know
_PROPER_TAGS = frozenset(("", "ns", "nr", "nrt", "nrfg", "nz"))
#: the tags of function words only (a lone character of a name the segmenter broke up may be tagged a verb: 围)
_FUNCTION_TAGS = frozenset("pcrudmq")


class PlaceRecognizer:
    """Places the lexicon does not list: a token jieba knows as a place or name ending in an administrative
    suffix (鼓楼区, 桃源县, 滨江新区), unless the grammar lists it as generic (主城区); a region, a place jieba
    knows followed by 地区 or 山区 or one word of both (某某地区, 某某山区); and deictic words
    (全省, 我市, 本区: source ``deixis``) that the extraction resolves to the document's own place."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        wl = self.lexicon.word_lists
        #: the ends of a place name taken from jieba (grammar ``placeSuffixes``: 区 县 市 镇 …)
        self._suffixes = tuple(wl.get("placeSuffixes", ()))
        #: one-character levels a place jieba knows may be followed by as a token of its own (某某 + 镇;
        #: grammar ``placeLevelTokens``)
        self._levels = frozenset(wl.get("placeLevelTokens", ()))
        #: nouns of a region named after a place (某某地区, 某某山区; grammar ``regionNouns``)
        self._regions = tuple(wl.get("regionNouns", ()))
        self._region_words = frozenset(self._regions)
        #: levels that make a place of a name jieba knows as a place (湖州 + 市; grammar ``knownPlaceLevels``)
        self._known_levels = frozenset(wl.get("knownPlaceLevels", ()))
        #: levels kinds of zone end in too (开发区, 高新区; grammar ``zoneLevels``)
        self._zone_levels = frozenset(wl.get("zoneLevels", ()))
        #: the place suffixes of two characters or more (新区): a level, though jieba tags it a common noun
        self._long_suffixes = tuple(w for w in self._suffixes if len(w) >= 2)
        self._deictics = frozenset(self.lexicon.deictics)
        #: the levels after the name of a people that make an ethnic district or county (grammar
        #: ``ethnicPlaceLevels``: 某某+某族+区/自治县), and the ends of such names (``ethnicNameEnds``: 族)
        self._ethnic_levels = frozenset(self.lexicon.word_lists.get("ethnicPlaceLevels", ()))
        self._ethnic_ends = tuple(self.lexicon.word_lists.get("ethnicNameEnds", ())) or ("\0",)
        self._kind = _Memo(self._kind_of)  # word -> "deixis", "place" or None (the rules read the word only)
        lists = self.lexicon.word_lists
        #: levels and their rank (0 province … 4 village; grammar ``placeLevels*``, ``chainTownLevels``,
        #: ``chainVillageLevels``), the longest first
        self._level_rank: dict[str, int] = {}
        for r, scheme in enumerate(("placeLevelsProvince", "placeLevelsCity", "placeLevelsCounty", "chainTownLevels",
                                    "chainVillageLevels")):
            for w in lists.get(scheme, ()):
                self._level_rank.setdefault(w, r)
        #: village levels that are also a common word (grammar ``chainWardLevels``: 里): only a proper name before them
        self._wards = frozenset(lists.get("chainWardLevels", ())) - set(self._level_rank)
        for w in self._wards:
            self._level_rank[w] = 4
        self._level_ends = tuple(sorted(self._level_rank, key=len, reverse=True))
        self._level_chars = frozenset(w for w in self._level_rank if len(w) == 1)
        #: the levels below a county a chain names a place of (某某 + 镇, 某某 + 街道, 某某 + 村)
        self._chain_rank = {w: r for w, r in self._level_rank.items() if r >= 3}
        self._chain_ends = tuple(sorted(self._chain_rank, key=len, reverse=True))
        #: words before a level that make a kind of place, not a name (grammar ``placeKindModifiers``)
        self._kinds = frozenset(lists.get("placeKindModifiers", ()))
        self._kind_starts = tuple(w for w in self._kinds if len(w) >= 2) or ("\0",)
        #: words of another part of speech that commonly name places (grammar ``placeNameWords``: 胜利, 团结)
        self._name_words = frozenset(lists.get("placeNameWords", ())) - self._kinds
        #: what joins the items of a list of places (、 and the grammar's ``conjunctions``)
        self._joins = frozenset(lists.get("conjunctions", ())) | {"、"}

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        words, offs = doc_words(doc)
        kinds = list(map(self._kind.__getitem__, words))
        found = []  # added at the end, in order
        for i in compress(range(len(words) - 1), map(self._region_words.__contains__, words[1:])):
            if kinds[i] != "deixis" and self._tag(words[i]) in ("ns", "nr") and not words[i].endswith(self._suffixes):
                # 某某 + 地区: a region named after a place (某某区 + 地区治理: a district, then a field)
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))
                kinds[i] = None
        n = len(words)
        for i in range(n - 1):
            w, nxt = words[i], words[i + 1]
            if kinds[i] is None and nxt in self._levels and len(w) >= 2 and self._tag(w) == "ns" \
                    and w not in self.lexicon.places:
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))  # 某某 + 镇
                kinds[i] = "compound"
            elif nxt == "村" and i >= 1 and kinds[i - 1] == "place" and len(w) == 2 and not self._tag(w) \
                    and _HAN2.fullmatch(w):
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))  # 某某镇 + 某某 + 村
        def level_before(j: int) -> str:  # the level of a place ending at token j ("" if none)
            if kinds[j] == "place":
                return words[j]
            return words[j] if j >= 1 and kinds[j - 1] == "compound" and words[j] in self._levels else ""

        def level_after(j: int) -> str:  # the level of a place starting at token j (某某区, 某某 + 乡)
            if kinds[j] == "place":
                return words[j]
            return words[j + 1] if kinds[j] == "compound" and j + 1 < n else ""

        for i in range(2, n):  # 某某区、某某区: a word of the same level listed with a place is a place
            if kinds[i] is None and words[i - 1] == "、" and (lv := level_before(i - 2)) \
                    and self._listed(words[i], lv):
                kinds[i] = "place"
        for i in range(n - 2):
            if kinds[i] is None and words[i + 1] == "、" and (lv := level_after(i + 2)) \
                    and self._listed(words[i], lv):
                kinds[i] = "place"
        for i in range(1, n - 1):  # 某某+某族+区, 某某+某族+自治县: an ethnic district or county
            if len(words[i]) >= 2 and words[i].endswith(self._ethnic_ends) and words[i + 1] in self._ethnic_levels:
                start, chars = i, 0
                while start >= 1 and i - start < 2 and kinds[start - 1] is None and _HAN2.fullmatch(
                        words[start - 1] + words[i]) and chars + len(words[start - 1]) <= 4 \
                        and words[start - 1] not in FUNCTION_WORDS:
                    start -= 1
                    chars += len(words[start])
                if start < i:
                    found.append(_token_candidate(doc, words, offs, start, i + 2, "Place", "place"))
        self._chain(doc, words, offs, kinds, found)
        for i in compress(range(n), kinds):
            if kinds[i] != "compound":
                found.append(_token_candidate(doc, words, offs, i, i + 1, "Place", kinds[i]))
        spans.extend(doc, KEY, found)
        return doc

    def _chain(self, doc: Doc, words: list[str], offs: list[int], kinds: list, found: list) -> None:
        """Places named in a chain (某县 + 某某 + 镇 + 某某 + 村): right after a place of a higher level, a short run
        of Han characters the segmenter does not know as a place, followed by a lower level (grammar
        ``chainTownLevels``, ``chainVillageLevels``; the level may be glued to the name's last character: 某 +
        某镇), names a place of that level, and so does each item of a list of that level after such a place
        (某某镇、某某镇和某某镇). Kinds of place (重点镇, 行政村: ``placeKindModifiers``), function words, verbs and
        the lexicon's words are no name."""
        n = len(words)
        rank = {}  # token index a place ends at -> the rank of its level (0 province … 4 village)
        for r in spans.records(doc, KEY):
            if r.label_ == "Place" and (lv := self._rank("".join(words[r.start:r.end]))) is not None:
                rank[r.end - 1] = lv
        for i, k in enumerate(kinds):
            if k in ("place", "deixis") and (lv := self._rank(words[i])) is not None:
                rank[i] = lv
            elif k == "compound" and i + 1 < n and (lv := self._rank(words[i + 1])) is not None:
                rank[i + 1] = lv
        for _, rec in found:
            if (lv := self._rank("".join(words[rec.start:rec.end]))) is not None:
                rank[rec.end - 1] = lv
        taken = {(r.start, r.end) for r in spans.records(doc, KEY) if r.label_ == "Place"} \
            | {(r.start, r.end) for _, r in found}
        for j in range(n - 1):
            lv = rank.get(j)
            if lv is None:
                continue
            got = self._chain_name(words, j + 1, lv, False)
            if got is None and lv >= 3 and words[j + 1] in self._joins and j + 2 < n:
                got = self._chain_name(words, j + 2, lv, True)  # 某某镇、某某镇: an item of the same level
            if got is None:
                continue
            a, b, r = got
            rank[b - 1] = max(rank.get(b - 1, -1), r)
            if (a, b) not in taken and not any(kinds[a:b]):
                found.append(_token_candidate(doc, words, offs, a, b, "Place", "place"))
                taken.add((a, b))

    def _rank(self, w: str) -> int | None:
        """The rank of the level ``w`` ends in (0 province, 1 city, 2 county, 3 town, 4 village), None if none."""
        for end in self._level_ends:
            if w.endswith(end) and len(w) > len(end):
                return self._level_rank[end]
        return self._level_rank.get(w)

    def _name_part(self, w: str, lenient: bool | None) -> bool:
        """``w`` may be (part of) a place's name in a chain: Han characters, no deictic, kind of place or word of
        the lexicon; a word of two characters or more that jieba knows is a noun, a place or a name, a lone
        character no function word and, unless ``lenient`` (it is part of a name the segmenter broke up), no verb
        or adjective either; with ``lenient`` None any lone character (the first of an item of a list whose level
        the segmenter glued to the name's last character: 某某镇、于 + 某镇)."""
        lx = self.lexicon
        if w in self._name_words:
            return True  # 胜利, 团结: a word of another part of speech that commonly names a place
        if not _HAN1.fullmatch(w) or w in self._kinds or w in self._deictics or w in lx.entries or w in lx.generic \
                or w in lx.heads or w in lx.scopes or (w in lx.places and self._rank(w) is not None):
            return False
        if len(w) == 1:
            if lenient is None:
                return True
            return w not in FUNCTION_WORDS and self._tag(w)[:1] not in (_FUNCTION_TAGS if lenient else _NOT_NAME_TAGS)
        return self._tag(w)[:1] not in _NOT_NAME_TAGS and not w.startswith(self._kind_starts)

    def _chain_name(self, words: list[str], k: int, above: int, same: bool) -> tuple[int, int, int] | None:
        """A place's name and its level from token ``k`` (tokens ``[a, b)`` and the level's rank) below the rank
        ``above`` (of the same rank when ``same``: an item of a list), or None."""
        ok = (lambda r: r == above) if same else (lambda r: r > above and (r == 4 or above <= 2))
        w = words[k]
        for end in self._chain_ends:  # one token: 某某镇, 某某村 (jieba knows it as a noun or not at all)
            stem = w[:-len(end)]
            if w.endswith(end) and 2 <= len(stem) <= 4 and ok(self._chain_rank[end]):
                tag = self._tag(w)
                if stem[-1] not in self._level_chars and self._name_part(stem, False) \
                        and tag[:1] in ("", "n", "j", "s") and tag != "nt" \
                        and (end not in self._wards or not tag and self._tag(stem) in _PROPER_TAGS) \
                        and w not in self.lexicon.entries and w not in self.lexicon.generic:
                    return k, k + 1, self._chain_rank[end]
                return None
        for m in range(1, 4):  # a run of up to three tokens + the level (某某 + 镇, 某 + 某镇 glued by the HMM)
            if k + m >= len(words):
                return None
            run, lv = words[k:k + m], words[k + m]
            if not _HAN1.fullmatch(run[-1]):
                return None
            glued = ""
            r = self._chain_rank.get(lv)
            if r is None:
                end = next((e for e in self._chain_ends if lv.endswith(e) and len(lv) == len(e) + 1), None)
                if end is None or self._tag(lv) or not _HAN1.fullmatch(lv):
                    continue
                if lv[0] in FUNCTION_WORDS or self._tag(lv[0])[:1] in _FUNCTION_TAGS:
                    continue  # 三乡 + 两镇, 某村 + 各镇: a count or a pronoun glued to the level
                r, glued = self._chain_rank[end], lv[0]  # 某 + 某镇: the name's last character glued to the level
            chars = sum(map(len, run)) + len(glued)
            if not ok(r) or not 2 <= chars <= 4:
                continue
            # a name the segmenter broke up: lone characters only, or next to a word it does not know
            broken = glued or all(len(t) == 1 for t in run) or any(len(t) >= 2 and not self._tag(t) for t in run)
            lenient = None if same and glued and m == 1 else bool(broken)
            if (lv in self._wards or glued and lv[1:] in self._wards) \
                    and not all(len(t) >= 2 and self._tag(t) in _PROPER_TAGS for t in run):
                continue  # 某某 + 里: a proper name only (公园 + 里: inside)
            if all(self._name_part(t, lenient) for t in run) and (run[-1] + glued)[-1] not in self._level_chars \
                    and not any(t[-1] in self._level_chars for t in run[:-1] if len(t) >= 2):  # 东区 + 某某 + 里
                return k, k + m + 1, r
        return None

    def _listed(self, w: str, place: str) -> bool:
        """``w`` names a place of the same level as ``place`` it is listed with (某某区、某某区)."""
        lx = self.lexicon
        return len(w) >= 3 and w[-1] == place[-1] and w[-1] in self._levels and _HAN2.fullmatch(w) is not None \
            and w not in lx.entries and w not in lx.generic and w not in lx.heads and w not in lx.scopes \
            and w not in self._deictics and self._tag(w) in ("", "n", "ns", "nr") \
            and (w[-1] not in self._zone_levels or self._tag(w[:-1])[:1] not in ("v", "d", "a"))  # not 开发区,
        # 高新区: a kind of zone (grammar ``zoneLevels``; a township's name may be a word of any tag: 大同+乡)

    @staticmethod
    def _tag(w: str) -> str:
        from kg.nlp.recognizers import _pos_tags

        return _pos_tags().get(w, "")

    def _kind_of(self, w: str) -> str | None:
        from kg.nlp.recognizers import _pos_tags

        lx = self.lexicon
        if w in self._deictics:
            return "deixis"
        tags = _pos_tags()
        if len(w) >= 4 and w.endswith(self._regions) and tags.get(w) == "ns":
            return "place"  # a region jieba knows: 某某山区, 某某地区
        if len(w) < 3 or not w.endswith(self._suffixes) or w in lx.entries or w in lx.places or w in lx.generic:
            return None
        if w in self._deictics or w in lx.scopes or w in lx.heads:
            return None
        stem = next((w[:-len(e)] for e in self._chain_ends if w.endswith(e)), None)
        if stem is not None and (stem in self._kinds or stem.startswith(self._kind_starts)):
            return None  # 重点镇, 特色小镇: a kind of town (grammar ``placeKindModifiers``)
        tail = w[-2:]
        if tags.get(w) == "ns" and tags.get(w[:-1]) == "ns" and w[-1] in self._known_levels:
            return "place"  # 湖州 + 市: a place jieba knows and its level
        if tags.get(w, "ns") in ("ns", "nr") and (w.endswith(self._long_suffixes) or not (
                tags.get(tail, "").startswith(("n", "s")) and tags.get(tail) != "ns")):
            return "place"  # not 老旧小区, 农村社区 (a common noun at the end; 某+西区, 某某新区 are places)
        return None


@Language.factory("govkg_document", assigns=["doc.spans", "doc.user_data"], default_config={})
def make_document(nlp: Language, name: str) -> DocumentStructure:
    return DocumentStructure()


@Language.factory("govkg_places", assigns=["doc.spans"], default_config={})
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer()
