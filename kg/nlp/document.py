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
#: :attr:`PlaceRecognizer.REGIONS` as a set (looked up once per token)
_REGION_WORDS = frozenset(("地区", "山区", "片区", "分区"))


class PlaceRecognizer:
    """Places the lexicon does not list: a token jieba knows as a place or name ending in an administrative
    suffix (鼓楼区, 桃源县, 滨江新区), unless the grammar lists it as generic (主城区); a region, a place jieba
    knows followed by 地区 or 山区 or one word of both (某某地区, 某某山区); and deictic words
    (全省, 我市, 本区: source ``deixis``) that the extraction resolves to the document's own place."""

    SUFFIXES = ("新区", "区", "县", "市", "州", "旗", "盟", "镇", "乡")
    #: one-character levels a place jieba knows may be followed by as a token of its own (某某 + 镇)
    LEVELS = frozenset("省市县区镇乡村")
    #: nouns of a region named after a place (某某地区, 某某山区)
    REGIONS = ("地区", "山区", "片区", "分区")

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self._deictics = frozenset(self.lexicon.deictics)
        #: the levels after the name of a people that make an ethnic district or county (grammar
        #: ``ethnicPlaceLevels``: 某某+某族+区/自治县), and the ends of such names (``ethnicNameEnds``: 族)
        self._ethnic_levels = frozenset(self.lexicon.word_lists.get("ethnicPlaceLevels", ()))
        self._ethnic_ends = tuple(self.lexicon.word_lists.get("ethnicNameEnds", ())) or ("\0",)
        self._kind = _Memo(self._kind_of)  # word -> "deixis", "place" or None (the rules read the word only)

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        words, offs = doc_words(doc)
        kinds = list(map(self._kind.__getitem__, words))
        found = []  # added at the end, in order
        for i in compress(range(len(words) - 1), map(_REGION_WORDS.__contains__, words[1:])):
            if kinds[i] != "deixis" and self._tag(words[i]) in ("ns", "nr") and not words[i].endswith(self.SUFFIXES):
                # 某某 + 地区: a region named after a place (某某区 + 地区治理: a district, then a field)
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))
                kinds[i] = None
        n = len(words)
        for i in range(n - 1):
            w, nxt = words[i], words[i + 1]
            if kinds[i] is None and nxt in self.LEVELS and len(w) >= 2 and self._tag(w) == "ns" \
                    and w not in self.lexicon.places:
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))  # 某某 + 镇
                kinds[i] = "compound"
            elif nxt == "村" and i >= 1 and kinds[i - 1] == "place" and len(w) == 2 and not self._tag(w) \
                    and _HAN2.fullmatch(w):
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Place", "place"))  # 某某镇 + 某某 + 村
        def level_before(j: int) -> str:  # the level of a place ending at token j ("" if none)
            if kinds[j] == "place":
                return words[j]
            return words[j] if j >= 1 and kinds[j - 1] == "compound" and words[j] in self.LEVELS else ""

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
        for i in compress(range(n), kinds):
            if kinds[i] != "compound":
                found.append(_token_candidate(doc, words, offs, i, i + 1, "Place", kinds[i]))
        spans.extend(doc, KEY, found)
        return doc

    def _listed(self, w: str, place: str) -> bool:
        """``w`` names a place of the same level as ``place`` it is listed with (某某区、某某区)."""
        lx = self.lexicon
        return len(w) >= 3 and w[-1] == place[-1] and w[-1] in self.LEVELS and _HAN2.fullmatch(w) is not None \
            and w not in lx.entries and w not in lx.generic and w not in lx.heads and w not in lx.scopes \
            and w not in self._deictics and self._tag(w) in ("", "n", "ns", "nr") \
            and (w[-1] not in "区市" or self._tag(w[:-1])[:1] not in ("v", "d", "a"))  # not 开发区, 高新区: a kind of
        # zone (kinds of zone end in 区; a township's name may be a word of any tag: 大同+乡)

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
        if len(w) >= 4 and w.endswith(self.REGIONS) and tags.get(w) == "ns":
            return "place"  # a region jieba knows: 某某山区, 某某地区
        if len(w) < 3 or not w.endswith(self.SUFFIXES) or w in lx.entries or w in lx.places or w in lx.generic:
            return None
        if w in self._deictics or w in lx.scopes or w in lx.heads:
            return None
        tail = w[-2:]
        if tags.get(w) == "ns" and tags.get(w[:-1]) == "ns" and w[-1] in "市县区":
            return "place"  # 湖州 + 市: a place jieba knows and its level
        if tags.get(w, "ns") in ("ns", "nr") and not (tail != "新区" and tags.get(tail, "").startswith(("n", "s"))
                                                     and tags.get(tail) != "ns"):
            return "place"  # not 老旧小区, 农村社区 (a common noun at the end; 某+西区 is a place)
        return None


@Language.factory("govkg_document", assigns=["doc.spans", "doc.user_data"], default_config={})
def make_document(nlp: Language, name: str) -> DocumentStructure:
    return DocumentStructure()


@Language.factory("govkg_places", assigns=["doc.spans"], default_config={})
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer()
