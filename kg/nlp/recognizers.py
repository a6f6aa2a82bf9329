"""Rule-based entity recognisers. Each is a spaCy component adding spans to ``doc.spans["candidates"]``.

A candidate span's ``label_`` is an ontology class local name (``PartyOrganization``, ``Policy``,
``Goal`` ...), its ``kb_id_`` the lexicon concept IRI (or empty) and its ``id_`` the recogniser that
found it. :mod:`kg.nlp.resolve` chooses among overlapping candidates.

- ``govkg_lexicon_ruler``: phrases of the SKOS lexicon (span ruler fed from ``ontology/lexicon.ttl``);
- ``govkg_morphology``: names ending in a head morpheme (…机制 …委员会 …书记 …现代化), scanned
  leftwards over the modifier until a verb, particle, punctuation or filler;
- ``govkg_quotes``: “…” terms typed by context, 《…》 titles as policies, “A—B—C” level chains;
- ``govkg_slogans``: unquoted slogans after a goal verb (实现A、B、C with parallel clause-like items);
- ``govkg_persons``: a personal name followed by a title (…总书记, …主席);
- ``govkg_challenges``: clauses that end in a cue (……不足 / 有待提高 / 亟需提升).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import compress

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.nlp import spans
from kg.nlp.lexicon import Lexicon, alternation, core_class, load_default_lexicon, per_lexicon
from kg.nlp.spans import Rec
from kg.nlp.tokenizer import doc_text, doc_words, jieba_pos_tags

__all__ = [
    "FUNCTION_WORDS",
    "ChallengeRecognizer",
    "LexiconRuler",
    "MorphologyRecognizer",
    "PersonRecognizer",
    "QuoteRecognizer",
    "SloganRecognizer",
    "add_candidate",
]

KEY = "candidates"
#: grammatical function words of Chinese (prepositions, particles, conjunctions, pronouns): a name never
#: contains them, so a leftward scan stops there. Language grammar, not domain vocabulary.
FUNCTION_WORDS = frozenset(
    ["的", "地", "得", "了", "着", "过", "在", "对", "为", "是", "将", "把", "被", "由", "从", "向", "以", "于", "与", "和", "及", "并", "或", "而", "且", "等", "之", "其", "该", "此", "这", "那", "要", "也", "都", "又", "还", "更", "最", "很", "就", "才", "已", "已经", "我们", "他们", "我", "你", "它", "各", "每", "一个", "一些", "并且", "以及", "或者", "而且", "通过", "不断", "进一步", "积极", "深入", "全面", "切实", "有效", "广泛", "紧密", "扎实", "及时", "认真", "加快", "努力", "着力", "大力", "普遍", "重点", "主要", "逐步", "持续", "分别", "共", "约", "好", "多", "更多", "即", "如", "必须", "需", "需要", "能够", "可以", "应", "应当", "该", "让", "使", "给", "上", "中", "下", "内", "外", "间", "时", "后", "前", "起", "来", "去", "关于", "对于", "会同", "同", "正在", "正", "经", "替", "全部", "所有", "某"])
_PUNCT = frozenset(",;:。!?、\n()“”‘’《》—…[]「」『』【】〔〕/+")
_LIST_END = _PUNCT - {"、", "“", "”"}  # what ends a list of names (A、“B”、C等……)
_DIGIT = re.compile(r"[0-9]")
#: 在……上走在前 / 做示范 / 作表率: an aim stated as leading in a field
_LEAD_IN = re.compile(r"在[^,;:。!?“”在]{2,24}上(?:走在前列?|做示范|作表率|当先锋|勇争先|创一流|争一流|走前列)")
#: single characters that, glued to a title by the tokenizer, say who holds it (任组长, 兼主任, 当主任)
_SERVES = frozenset("任兼当为")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}")
#: a distributive 一X一Y (一村一辅警, 一户一档): the rule of a programme, not a name of people
_DISTRIBUTIVE = re.compile(r"一[\u4e00-\u9fff]{1,2}一")
#: jieba tags (first letter) of a token that is no part of a personal name cut into pieces (adjectives, time words,
#: pronouns, numerals, distinguishing words, adverbs, prepositions, conjunctions, particles, directions)
_NOT_NAME_TAGS = frozenset("atrmbdpcuf")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_ENUM_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}|\d{1,2}")  # (四), (12): an enumeration marker
_FOUR_DIGITS = re.compile(r"\d{4}")
#: a count of measures (一项, 一套): what comes after it is the name
_MECH_COUNT = re.compile(r"^[一二两三四五六七八九十几多单每]+[个项套批种类条]$")
#: the classes of organisations (a body named before a delegate: 某委员会+代表)
_BODIES = frozenset(("Organization", "PartyOrganization", "GovernmentBody", "SelfGovernanceOrganization",
                     "SocialOrganization", "Enterprise"))
#: the units of a date after its number (2026年9月24日)
_DATE_UNITS = frozenset(("年", "月", "日", "号"))
_COUNTED = re.compile(r"^[新上下本]?[一二两三四五六七八九十百千万几多每]+[级个支名位家类项批层届]$")


def add_candidate(doc: Doc, start: int, end: int, cls: str, source: str, concept: str = "") -> Span | None:
    """Add a candidate for the character span ``[start, end)`` of ``doc.text``; returns the span."""
    got = _candidate(doc, start, end, cls, source, concept)
    if got is None:
        return None
    spans.append(doc, KEY, *got)
    return got[0]


def _candidate(doc: Doc, start: int, end: int, cls: str, source: str, concept: str = "") -> tuple[Span, Rec] | None:
    """The candidate span for ``[start, end)`` (expanded to token boundaries) and its record."""
    if end <= start:
        return None
    w, offs = doc_words(doc)
    i = bisect.bisect_right(offs, start) - 1  # the token holding ``start`` and the one holding ``end - 1``
    j = bisect.bisect_right(offs, end - 1) - 1
    if i >= 0 and offs[i] == start and offs[j] + len(w[j]) == end:  # on token boundaries (char_span's strict)
        span = Span(doc, i, j + 1, label=cls, kb_id=concept, span_id=source)
    else:
        span = doc.char_span(start, end, label=cls, kb_id=concept, span_id=source, alignment_mode="expand")
    if span is None:
        return None
    return span, Rec(span.start_char, span.end_char, cls, source, concept, span.start, span.end)


def _token_candidate(doc: Doc, w: list[str], offs: list[int], a: int, b: int, cls: str, source: str,
                     concept: str = "") -> tuple[Span, Rec]:
    """The candidate span of tokens ``[a, b)`` (``w``, ``offs``: :func:`doc_words`) and its record: what
    :func:`_candidate` gives for their character span, without looking the tokens up again."""
    return (Span(doc, a, b, label=cls, kb_id=concept, span_id=source),
            Rec(offs[a], offs[b - 1] + len(w[b - 1]), cls, source, concept, a, b))


class _Memo(dict):
    """``key -> fn(key)``, computed on first use; forgets everything past ``limit`` keys."""

    __slots__ = ("fn", "limit")

    def __init__(self, fn, limit: int = 1 << 18) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def _only_generic(text: str, lx: Lexicon) -> bool:
    """True when ``text`` splits into generic modifiers and head morphemes only (制度体系, 治理机制)."""
    memo = per_lexicon(lx, "generic splits", lambda x: _Memo(lambda t: _splits_generic(t, x)))  # one per lexicon
    return memo[text]


def _splits_generic(text: str, lx: Lexicon) -> bool:
    if not text:
        return True
    for n in range(len(text), 0, -1):
        w = text[:n]
        if (w in lx.generic or w in lx.heads) and _only_generic(text[n:], lx):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _pos_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags (word -> tag), loaded once (on first use)."""
    return jieba_pos_tags()


def _ensure(doc: Doc) -> None:
    if KEY not in doc.spans:
        doc.spans[KEY] = []


class LexiconRuler:
    """Matches every surface form of the lexicon (concepts and places) on token boundaries."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries = {}
        # match id -> (entry, verdict without context: True, False or None for "look at the context",
        # label, kb_id and span_id as string-store ids)
        self._by_id: dict[int, tuple[object, bool | None, int, int, int]] = {}
        heads = self.lexicon.heads
        self._levels = frozenset(self.lexicon.word_lists.get("levelTokens", ()))  # grammar ``levelTokens``
        self._unit_initials = frozenset(self.lexicon.word_lists.get("unitInitials", ()))  # 村 组 党 团
        self._mechanism_heads = tuple(h for h, (c, _, _) in heads.items() if core_class(c) == "Mechanism")
        self._glued_word = _Memo(self._glued)  # word -> _glued(word) (a pure function of the word)
        strings = nlp.vocab.strings
        source = strings.add("lexicon")
        for i, (surface, entry) in enumerate(sorted({**self.lexicon.entries, **self.lexicon.places}.items())):
            key = f"lex{i}"
            self._entries[key] = entry
            self.matcher.add(key, [nlp.make_doc(surface)])
            self._by_id[strings.add(key)] = (entry, self._static(surface, entry), strings.add(entry.cls),
                                             strings.add(entry.concept), source)

    def _static(self, surface: str, entry) -> bool | None:
        """What :meth:`_accept` decides from the phrase alone (None: the context decides)."""
        lx = self.lexicon
        core = core_class(entry.cls)
        head = lx.heads.get(surface)
        if head is not None and not head[1]:
            return False  # a bare head (书记, 实施意见) names no one in particular
        if entry.cls == "Place":
            return entry.admin_level is not None  # places come from the places scheme only
        if len(surface) <= 2 and not (head and head[1]) and entry.cls not in (
                "PartyOrganization", "GovernmentBody", "Person"):
            return False
        if core == "Challenge":
            return False  # weaknesses are clauses (govkg_challenges), not nouns
        if core in ("Mechanism", "Goal") and entry.cls != "Policy":
            if _only_generic(surface, lx):
                return False  # 制度体系: nothing but generic words
            return None
        return True

    def _accept(self, doc: Doc, s: int, e: int, entry) -> bool:
        """Context checks that keep broad vocabulary from becoming entities."""
        w, _ = doc_words(doc)
        verdict = self._static("".join(w[s:e]), entry)
        return verdict if verdict is not None else self._in_context(w, s, e, entry.cls)

    def _in_context(self, w: list[str], s: int, e: int, entry_cls: str = "") -> bool:
        """A mechanism or goal phrase at tokens ``[s, e)`` stands as a name of its own in this context."""
        lx = self.lexicon
        nxt = w[e] if e < len(w) else ""
        if nxt == "的" or nxt in lx.heads or nxt in lx.generic:
            return False  # a modifier of a longer name: ……服务的……, 科技赋能邻里服务创新
        if len(nxt) > 1 and lx.heads.get(nxt[0], ("",))[0] in ("GovernmentBody", "PartyOrganization") \
                and not _pos_tags().get(nxt):
            return False  # 某某工作+局在某: an organ's head the tokenizer glued to the words after it
        if entry_cls == "Mechanism" and (self._noun(nxt) or nxt in ("和", "与", "及") and self._shared_noun(w, e + 1)):
            return False  # a field (the lexicon's bare class) before a noun only modifies it: 乡村治理成效,
            # 邻里互助和应急救灾资金
        if self._modifier_list(w, e):
            return False
        if core_class(entry_cls) == "Goal" and self._topic(w, s, nxt):
            return False  # 某某建设不断巩固: the topic of a report on progress, not an aim
        return self._argument(w, s)

    @staticmethod
    def _topic(w: list[str], s: int, nxt: str) -> bool:
        """The phrase at token ``s`` opens its clause and an adverb or a verb follows it."""
        prev = w[s - 1] if s > 0 else "\n"
        tag = _pos_tags().get(nxt, "")
        return (prev in _PUNCT and prev not in ("(", ")", "“", "”")) and (
            tag in ("d", "vd", "ad") or tag == "v")

    def _event_start(self, w: list[str], s: int) -> int:
        """Start of the name of a meeting whose kind starts at token ``s``: the nouns, fields, quoted names,
        places and deictics (全区) right before it, up to 24 characters."""
        lx, k, chars = self.lexicon, s - 1, sum(map(len, w[s:s + 1]))
        while k >= 0 and chars < 24:
            t = w[k]
            if t == "”":
                m = k - 1
                while m >= 0 and w[m] not in ("“", "\n", "。") and k - m < 12:
                    m -= 1
                if m < 0 or w[m] != "“":
                    break
                chars += sum(map(len, w[m:k + 1]))
                k = m - 1
                continue
            if not (self._field_before(t) or t in lx.places or t in lx.deictics or _pos_tags().get(t) == "ns"):
                break
            chars += len(t)
            k -= 1
        return k + 1

    def _field_before(self, prev: str) -> bool:
        """A noun that would name what a meeting or an inspection is about (a field of the lexicon, a common
        noun or a word jieba does not know), not a verb, a function word or punctuation."""
        entry = self.lexicon.entries.get(prev)
        if entry is not None:
            return core_class(entry.cls) == "Mechanism" and entry.cls != "Policy"
        return prev not in FUNCTION_WORDS and prev not in _PUNCT and self._noun(prev)

    def _glued(self, prev: str) -> bool:
        """A single character noun right before a name that jieba split off a longer word (企 + 事业单位)."""
        return len(prev) == 1 and "\u4e00" <= prev <= "\u9fff" and prev not in self._levels \
            and prev not in self._unit_initials \
            and prev not in FUNCTION_WORDS and prev not in self.lexicon.predicates \
            and _pos_tags().get(prev, "").startswith("n")

    def _shared_noun(self, w: list[str], k: int) -> bool:
        """The conjunct from token ``k`` ends, before punctuation or a function word, in a plain noun (tag n)
        that is no lexicon name: the noun both conjuncts modify (……和应急救灾资金)."""
        last = ""
        while k < len(w) and w[k] not in _PUNCT and w[k] not in FUNCTION_WORDS and not _DIGIT.search(w[k]):
            last = w[k]
            k += 1
        heads = self.lexicon.heads
        return bool(last) and _pos_tags().get(last) == "n" and last not in self.lexicon.entries \
            and (last not in heads or heads[last][0] == "Group")  # (低保和特困+老年人: people of both kinds)

    def _noun(self, word: str) -> bool:
        """A common noun that would continue a noun phrase (not a name of an actor or a place), or a word
        jieba does not know (mostly a compound noun: 奖补)."""
        tag = _pos_tags().get(word, "")
        unknown = not tag and len(word) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in word)
        if not (tag.startswith("n") or tag == "vn" or unknown) or tag in ("ns", "nr", "nrt", "nt"):
            return False
        entry = self.lexicon.entries.get(word)
        return entry is None or core_class(entry.cls) != "Actor"

    def _modifier_list(self, w: list[str], e: int) -> bool:
        """In A、B、C等…… the items are names only when what follows 等 is a head noun of their kind;
        ……等齐头并进的综合保障体系 and ……等问题 make them modifiers or topics."""
        k = e
        while k < len(w) and w[k] not in _LIST_END:
            if w[k] == "等":
                tail = ""
                for t in w[k + 1:k + 8]:
                    if t in _PUNCT:
                        break
                    tail += t
                if "的" in tail:
                    return True
                return not any(tail.startswith(h) or tail.endswith(h) for h in self._mechanism_heads) \
                    and not any(w in tail for w in ("方式", "做法", "实践", "形式"))
            k += 1
        return False

    def _argument(self, w: list[str], s: int) -> bool:
        """True when the phrase at token ``s`` stands as an argument: clause start, list item, or object
        of a verb (adverbs and particles in between are skipped)."""
        k = s - 1
        while k >= 0 and w[k] in FUNCTION_WORDS and w[k] not in ("的", "和", "与", "及"):
            k -= 1
        if k < 0:
            return True
        prev = w[k]
        if prev in _PUNCT and prev not in ("(", ")"):
            return True
        lx = self.lexicon
        tag = _pos_tags().get(prev, "")
        if tag == "vn" and (k == 0 or w[k - 1] in FUNCTION_WORDS or w[k - 1] in _PUNCT):
            return True  # 全面建设…… : a verbal noun used as the verb
        return prev in lx.triggers or prev in lx.predicates or _pos_tags().get(prev, "").startswith("v") \
            and _pos_tags().get(prev, "") != "vn"

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        w, offs = doc_words(doc)
        by_id = self._by_id
        found = []
        for match_id, s, e in self.matcher(doc):
            entry, verdict, label, kb_id, source = by_id[match_id]
            if verdict is None:
                verdict = self._in_context(w, s, e, entry.cls)
            elif verdict and s > 0:
                if w is None:
                    w, _ = doc_words(doc)
                verdict = not self._glued_word[w[s - 1]]
                if verdict and entry.cls == "Meeting" and self._field_before(w[s - 1]):
                    s = self._event_start(w, s)  # 全区+基层治理+工作会议: the kind of meeting closes its name
            if verdict:
                found.append((Span(doc, s, e, label=label, kb_id=kb_id, span_id=source),
                              Rec(offs[s], offs[e - 1] + len(w[e - 1]), entry.cls, "lexicon", entry.concept, s, e)))
        spans.extend(doc, KEY, found)
        return doc


def _is_unit_token(text: str, lexicon: Lexicon) -> bool:
    t = text.lstrip("万亿千百")
    return bool(t) and t in lexicon.units or text in ("万", "亿")


class MorphologyRecognizer:
    """Names that end in a head morpheme, with their modifier scanned leftwards."""

    def __init__(self, lexicon: Lexicon | None = None, *, max_chars: int = 24) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.max_chars = max_chars
        self._max_head = max(map(len, self.lexicon.heads), default=0)
        self._head_last = frozenset(h[-1] for h in self.lexicon.heads)
        self._place_lengths = sorted({len(p) for p in self.lexicon.places})  # a name starting with a place
        #: administrative levels as one token (grammar ``levelTokens``: 省+数据资源+局 starts with one)
        self._levels = frozenset(self.lexicon.word_lists.get("levelTokens", ()))
        self._unit_initials = frozenset(self.lexicon.word_lists.get("unitInitials", ()))  # 村 组 党 团
        self._standalone = {h for h, (_, sa, _) in self.lexicon.heads.items() if sa}
        #: bare heads naming people (志愿者, 党员, 居民): a quoted name before them is their group
        self._people = frozenset(h for h in self._standalone if self.lexicon.heads[h][0] == "Group")
        #: one-character section heads that need the office's name before them (grammar ``boundSectionHeads``)
        self._bound_sections = frozenset(self.lexicon.word_lists.get("boundSectionHeads", ()))
        self._verbs = set(self.lexicon.triggers) | set(self.lexicon.predicates)
        self._fillers = frozenset(self.lexicon.fillers)
        self._known = frozenset(self.lexicon.words)
        self._deictics = frozenset(self.lexicon.deictics)
        self._goal_verbs = frozenset(v for v, p in self.lexicon.triggers.items() if p in ("contributesTo", "setsGoal"))
        #: verbs of founding (设立, 组建): the clause's verb before the body or system they found, never part of it
        self._founding = frozenset(self.lexicon.founding)
        # per-word properties, computed once per distinct word (the rules ask them of every token)
        self._heads = _Memo(self._head_of)
        self._counted = _Memo(lambda t: _COUNTED.match(t) is not None)  # 两级, 三支: a count of actors
        self._mech_count = _Memo(lambda t: _MECH_COUNT.match(t) is not None)  # 一项, 一套: a count of measures
        # 退休教师, 独居长者, 困难群众: a word saying which people a group noun means, neither a verb nor generic
        people_modifiers = self._people_modifiers = frozenset(self.lexicon.word_lists.get("peopleModifiers", ()))
        self._finite = _Memo(lambda t: (tag := self._tag(t)).startswith("v") and tag != "vn"
                             and t not in people_modifiers)
        self._verb_word = _Memo(lambda t: self._finite[t] or (t in self._verbs and t not in people_modifiers))
        self._stop_word = _Memo(self._static_stop)
        # a time word or a list marker (全年, 一是: fillers) opens a clause like punctuation; a closing bracket
        # does not (乡镇(街道)履行……: the bracket is inside the name)
        self._opens_object = _Memo(lambda p: (p in _PUNCT and p not in ("、", ")")) or self._tag(p) in ("d", "ad", "a")
                                   or (p in FUNCTION_WORDS and p not in ("的", "之", "和", "与", "及"))
                                   or p in self._fillers)
        self._opens_clause = _Memo(lambda p: (p in _PUNCT and p not in ("、", "”", ")")) or p in FUNCTION_WORDS
                                   or p.isspace() or (len(p) >= 2 and self._tag(p) in ("d", "ad")
                                                      and p not in self.lexicon.entries)
                                   or p in self._fillers)
        # generic: the grammar's generic words, and adjectives (重要制度, 根本制度 name nothing)
        units = [u for u, kind in self.lexicon.units.items() if kind == "count"]
        quals = [q for q, kind in self.lexicon.qualifiers.items() if kind in ("lower", "approx")]
        self._count_re = re.compile(rf"\d[\d,.]*(?:万|亿)?(?:{alternation(units)})(?:{alternation(quals)})?")
        self._counted_groups = self.lexicon.word_lists.get("countedGroups", ())
        self._delegates = frozenset(self.lexicon.word_lists.get("delegateHeads", ()))
        self._surnames = frozenset(self.lexicon.word_lists.get("surnames", ()))
        self._station = frozenset(self.lexicon.word_lists.get("stationVerbs", ()))  # 驻+社区民警
        self._household = frozenset(self.lexicon.word_lists.get("householdVerbs", ()))  # 有+劳动力+家庭
        self._ages = frozenset(self.lexicon.word_lists.get("ageUnits", ()))  # 80+周岁+以上+老年人
        self._audience = frozenset(self.lexicon.word_lists.get("audienceVerbs", ()))  # 面向+某某老人
        #: verbs whose object is a body or a role (建议+市某局, 现任+某街道某书记; grammar ``actorObjectVerbs``)
        self._object_verbs = frozenset(self.lexicon.word_lists.get("actorObjectVerbs", ()))
        self._honorifics = frozenset(self.lexicon.word_lists.get("personHonorifics", ()))  # 某某+同志
        self._lacks = frozenset(self.lexicon.lack_verbs)  # 缺乏, 缺少: no part of an actor's name
        self._joint = frozenset(self.lexicon.word_lists.get("jointOrgans", ()))  # 某市党委和+政府
        self._plurals = frozenset(self.lexicon.word_lists.get("pluralSuffixes", ()))  # 老人+们
        self._town_levels = frozenset(self.lexicon.word_lists.get("placeLevelsTown", ()))  # 全+街道
        self._group_tails = frozenset(self.lexicon.word_lists.get("groupTails", ()))  # 某某员+队伍
        self._unplaced_heads = frozenset(self.lexicon.word_lists.get("unplacedOrganHeads", ()))  # 某某+署
        self._unplaced_words = frozenset(self.lexicon.word_lists.get("unplacedWordOrganHeads", ()))  # 消防处
        self._strict_heads = frozenset(self.lexicon.word_lists.get("strictOrganHeads", ()))  # not 部署
        self._joiners = frozenset(self.lexicon.word_lists.get("actorJoiners", ())) | frozenset(
            self.lexicon.word_lists.get("coordinatingVerbs", ()))  # 甲局+联同+某某署
        self._compilations = frozenset(self.lexicon.word_lists.get("compilationNouns", ()))
        self._modals = frozenset(self.lexicon.word_lists.get("modalVerbs", ()))  # 要, 应当: a verb follows
        self._year_marks = frozenset(self.lexicon.word_lists.get("yearQualifiers", ()))  # 2025+年度+某某资金
        self._fund_nouns = tuple(self.lexicon.word_lists.get("fundNouns", ()))
        self._launch = frozenset(self.lexicon.word_lists.get("launchVerbs", ()))  # 开展+……+试点
        self._launched = frozenset(self.lexicon.word_lists.get("launchedHeads", ()))
        self._rating_heads = frozenset(self.lexicon.word_lists.get("ratingHeads", ()))  # 某某星级评定
        self._digital_heads = frozenset(self.lexicon.word_lists.get("digitalOnlyHeads", ()))  # 底座, 专区
        self._digital_stems = tuple(self.lexicon.word_lists.get("digitalStems", ())) or ("\0",)  # 数字, 政务 …
        self._uniform = frozenset(self.lexicon.word_lists.get("uniformWords", ()))  # 全省+统一+的+某某平台
        self._manner_nouns = frozenset(self.lexicon.word_lists.get("mannerNouns", ()))  # 以……方式+V
        self._campaigns = tuple(self.lexicon.word_lists.get("campaignNouns", ())) or ("\0",)  # 某某建设
        self._version = re.compile(r"\d+\.0")  # 某某2.0: a programme named with its version
        self._generic_word = _Memo(lambda t: t in self.lexicon.generic or (t[0] in "各每" and t[1:] in self.lexicon.generic) or (
            _only_generic(t, self.lexicon) or self._tag(t) == "a") and t not in self.lexicon.entries)

    def head_of(self, text: str) -> str | None:
        """The longest head morpheme ``text`` ends with."""
        return self._heads[text]

    def _head_of(self, text: str) -> str | None:
        if not text or text[-1] not in self._head_last:
            return None
        heads = self.lexicon.heads
        for n in range(min(self._max_head, len(text)), 0, -1):
            if text[-n:] in heads:
                return text[-n:]
        return None

    def _tag(self, word: str) -> str:
        return _pos_tags().get(word, "")

    def _predicate_verb(self, w: list[str], k: int) -> bool:
        """A verb that opens the clause's object (preceded by punctuation, an adverb or a function word)."""
        return self._finite[w[k]] and (k == 0 or self._opens_object[w[k - 1]])

    def _static_stop(self, t: str) -> bool:
        """A word no name runs across, wherever it stands (also a character glued by the tokenizer to a
        one-character function word after it, a pair jieba does not know: 署+及, 队+为)."""
        return (t in _PUNCT or t in FUNCTION_WORDS or t in self._verbs or self._tag(t) == "p"
                or (len(t) == 2 and t[1] in FUNCTION_WORDS and not self._tag(t) and t not in self._known)
                or (len(t) >= 2 and self._tag(t) in ("d", "ad") and t not in self.lexicon.entries)  # 积分: a noun
                or t in self._fillers or t in self._deictics or bool(_DIGIT.search(t))
                or t in self.lexicon.qualifiers
                or _is_unit_token(t, self.lexicon) or t.isspace())

    def _stop(self, w: list[str], k: int) -> bool:
        return self._stop_word[w[k]] or self._predicate_verb(w, k)

    def is_nominal(self, word: str) -> bool:
        """A noun (jieba tag n…, a verbal noun, a distinguishing word) or a word of the lexicon."""
        return word in self.lexicon.entries or self._tag(word)[:1] in ("n", "b") or self._tag(word) == "vn"

    def is_verb(self, word: str) -> bool:
        """A finite verb (jieba tag v…, not a verbal noun) or a trigger or predicate of the grammar."""
        return self._verb_word[word]

    def _verb(self, word: str) -> bool:
        """A finite verb (jieba tag v…, not a verbal noun) or a trigger or predicate of the grammar."""
        return self._verb_word[word]

    def _clause_start(self, w: list[str], k: int) -> bool:
        """Token ``k`` opens a clause: after punctuation (not 、 ” ）), a function word, an adverb or a space;
        also right after an enumeration marker in brackets ((四)加强培训: the bracket closes the marker)."""
        return k <= 0 or self._opens_clause[w[k - 1]] or (
            k >= 3 and w[k - 1] == ")" and w[k - 3] == "(" and _ENUM_NUMERAL.fullmatch(w[k - 2]) is not None)

    def _verb_modifier(self, w: list[str], k: int, i: int, core: str) -> bool | None:
        """Whether the verb at ``k`` belongs to the name headed by ``i`` (None: not a verb, no decision).

        Mechanisms and goals take up to two verbs right before the head when something other than a clause
        boundary precedes them (楼栋议事制度, 素质提升工程, 健全考核激励机制 -> 考核激励机制); actors take a verb
        only after a measure word or 的 (3600名持证调解员), never one with a subject of its own
        (人口配备网格员, 人数占居民 -> 网格员, 居民)."""
        t = w[k]
        if t in FUNCTION_WORDS or not self._verb(t):
            return None
        head = self.head_of(w[i]) or ""
        stem = w[i][: len(w[i]) - len(head)]
        generic_stem = bool(stem) and _only_generic(stem, self.lexicon)
        if t in self._founding or (t in self._launch and head in self._launched):
            return False  # 每个小区组建议事会, 各地开展试点: the verb founds or launches what is named after it
        if core == "Actor":
            if t in self._lacks:
                return False  # 缺乏+管理机构: a verb of lacking states a weakness, it names no body
            if self._bureau_task(w, k, i):
                return True  # 市+营商+环境+建设+监督局: a verbal noun naming the bureau's task after its level
            if t in self.lexicon.triggers or k == 0 or (t in self.lexicon.predicates and (
                    len(t) == 1 or self._tag(t).startswith("n"))):  # (a verb jieba takes for a noun: 产生)
                return False  # 报街道, 选举产生+某某委员会: a verb of the grammar never modifies an actor's name
            left = w[k - 1]
            if left in self._founding and len(t) >= 2 and t not in self._verbs and i - k <= 2:
                return True  # 成立+某某+行业党委: the founding verb is the clause's, the verb after it names the body
            if k + 1 < i and len(w[k + 1]) == 1 and self._tag(w[k + 1]) == "n" and w[k + 1] not in self._levels \
                    and w[k + 1] not in self._unit_initials and len(t) >= 2 and t not in self._verbs \
                    and not self._predicate_verb(w, k):
                return True  # 巡逻+队+队长: a verb and a one-character noun make the name of a team
            if i - k == 2 and len(t) >= 2 and self._level_word(left) and self.lexicon.heads[head][0] in (
                    "GovernmentBody", "PartyOrganization") \
                    and t not in self._verbs and self._tag(w[k + 1]).startswith("n") and self._tag(w[k + 1]) != "ns":
                return True  # 某区+防治+某病+委员会: a body named after its task, right after its place
            bare = not stem and len(t) >= 2 and not self.lexicon.heads[head][1] and \
                self._tag(w[k - 1]) not in ("a", "ad", "d")
            if k == i - 1 and (self._tag(t) == "vn" or generic_stem or bare) and not self._clause_start(w, k):
                return True  # 业主监督委员会, 交通运行监测中心, 防汛指挥中心
            return k == i - 1 and (left == "的" or bool(_DIGIT.search(left)) or _is_unit_token(left, self.lexicon))
        if 0 < k < i - 1 and len(t) >= 2 and self._tag(t).startswith("v") and self._tag(t) != "vn" and \
                self._names_actor(w[k - 1]):
            return False  # 社工机构承办养老帮扶项目: the verb has an actor for its subject
        if 0 < k and len(t) >= 2 and self._finite[t] and self._names_organ(w[k - 1]):
            return False  # 某局负责平台建设: an organ is the verb's subject
        if (stem and not generic_stem) or i - k > 2 or \
                (i - k == 2 and not self._verb(w[i - 1])):
            return None  # only a bare head (or 管理中心) takes verbs, and only a run of at most two before it
        if self._clause_start(w, k) or w[k - 1] == "、":
            return None  # a clause-initial verb is the predicate (完善机制)
        if _DIGIT.search(w[k - 1]) or _is_unit_token(w[k - 1], self.lexicon):
            return None  # 3200人+参加+培训: after a count the verb is the predicate
        if t in self.lexicon.triggers:
            if core != "Mechanism":
                return None  # 实现全覆盖: the trigger governs the goal
            # right before the head it needs a noun on its left (素质提升工程); as the first of two verbs it
            # needs the clause's own verb on its left (健全考核激励机制)
            if (k == i - 1) == self._verb(w[k - 1]):
                return None
        return True

    def _bureau_task(self, w: list[str], k: int, i: int) -> bool:
        """The verbal noun at ``k`` names the task of the organ headed by token ``i``: nouns only lie between a
        one-character level opening the name (after a clause boundary) and it (市+营商+环境+建设+监督局)."""
        if i - k > 2 or self._tag(w[k]) != "vn" or not self._names_organ(w[i]):
            return False
        m = k - 1
        while m >= 0 and k - m <= 3 and self._tag(w[m]) in ("n", "nz", "vn") and w[m] not in self._levels \
                and not self._names_actor(w[m]):
            m -= 1
        return m < k - 1 and m >= 0 and w[m] in self._levels and len(w[m]) == 1 and (m == 0 or self._stop(w, m - 1))

    def _verb_between(self, w: list[str], j: int, i: int) -> bool:
        """A verb among the tokens ``[j, i)`` (the modifier of the name headed by ``i``)."""
        return any(self._finite[t] or self._tag(t) == "vn" for t in w[j:i])

    def _de_modifier(self, w: list[str], k: int, i: int, j: int, core: str) -> int | None:
        """Start of a modifier ending in 的 (token ``k``) that belongs to the name headed by ``i``, or None.

        A goal keeps what its verb opens (构建人人尽责的……共同体: 人人尽责的……, with 、 lists); a mechanism
        keeps a noun phrase (协商结果的回访督办机制), or any modifier when its own words are generic only
        (某某的制度体系 names something, 制度体系 alone does not)."""
        if core == "Goal":
            m = k - 1
            while m >= 0 and k - m <= 12 and w[m] not in self._goal_verbs and w[m] != "的" and (
                    w[m] not in _PUNCT or w[m] == "、"):
                m -= 1
            if m >= 0 and m < k - 1 and w[m] in self._goal_verbs and sum(map(len, w[m + 1:k])) <= 16 \
                    and w[m + 1] != "、" and w[k - 1] != "、" and not self._finite[w[m + 1]]:  # not 具有……的
                return m + 1
            return None
        if any(self._tag(x) == "a" for x in w[j:i + 1]) or any(_MECH_COUNT.match(x) for x in w[j:i]):
            return None  # 的一项重要制度: an adjective or a count, no name
        generic = self._generic_tokens(w, j, i)
        m = k - 1
        while m >= 0 and not self._stop(w, m) and w[m] != "的" and not self._verb(w[m]) \
                and not self._names_actor(w[m]) and not self._names_goal(w[m]) and (generic or self._nominal(w[m])):
            m -= 1
        if m == k - 1 or sum(map(len, w[m + 1:k])) > 10 or (m >= 0 and not self._stop(w, m) and (
                self._names_actor(w[m]) or self._names_goal(w[m]) or self._verb(w[m]))):
            return None  # 某党委领导的……, 人人参与的……: an actor's or a goal's phrase, not the name's modifier
        if generic and m + 2 == k and self._level_word(w[m + 1]):
            return None  # 某区的经验: a place's way of doing, not a name
        return m + 1

    def _names_goal(self, word: str) -> bool:
        entry = self.lexicon.entries.get(word)
        return entry is not None and core_class(entry.cls) == "Goal"

    def _nominal(self, word: str) -> bool:
        """A common noun (or a word jieba does not know, mostly compounds)."""
        tag = self._tag(word)
        return word in self.lexicon.entries or (tag.startswith("n") or tag in ("an", "")) \
            and tag not in ("nr", "ns") and not _DIGIT.search(word)

    def _generic_tokens(self, w: list[str], j: int, i: int) -> bool:
        """The tokens ``[j, i]`` (the last one without its head) are generic words only."""
        head = self.head_of(w[i]) or ""
        words = [*w[j:i], w[i][: len(w[i]) - len(head)]]
        return all(self._generic_word[x] for x in words if x)

    def _names_organ(self, word: str) -> bool:
        """A word that ends the name of a government or Party organ (某局, 民政厅, 党工委)."""
        head = self.head_of(word)
        return head is not None and self.lexicon.heads[head][0] in ("GovernmentBody", "PartyOrganization") \
            and (head != word or len(word) == 1)

    def _names_body(self, word: str) -> bool:
        """A word that ends the name of a body (某局, 公所, 某某协会): no person, role or group."""
        head = self.head_of(word)
        return head is not None and core_class(self.lexicon.heads[head][0]) == "Actor" \
            and self.lexicon.heads[head][0] not in ("Role", "Group", "Person")

    def _names_actor(self, word: str) -> bool:
        """A word that names an actor: a lexicon actor or a word ending in an actor head."""
        entry = self.lexicon.entries.get(word)
        if entry is not None:
            return core_class(entry.cls) == "Actor"
        head = self.head_of(word)
        return head is not None and head != word and core_class(self.lexicon.heads[head][0]) == "Actor"

    def scan_left(self, doc: Doc, i: int, *, allow_and: bool = False, core: str = "") -> int:
        """Index of the first token of the name whose head is token ``i``."""
        return self._scan_left(doc_words(doc)[0], i, allow_and, core)

    def _scan_left(self, w: list[str], i: int, allow_and: bool, core: str) -> int:
        """:meth:`scan_left` over the token strings ``w``."""
        j, k, chars = i, i - 1, len(w[i])
        while k >= 0:
            t = w[k]
            if core == "Actor" and (k >= 1 and w[k - 1] == "全" and t in self._town_levels
                                    or t[:1] == "全" and t[1:] in self._town_levels):
                break  # 全+街道+社区干部, 全村+党员: the whole of a unit (a deictic), not part of the name
            if core == "Actor" and t in self._audience:
                break  # 面向+独居老人: the people a measure is for, after the verb (jieba tags 面向 a noun)
            if core == "Actor" and t in self._honorifics:
                break  # 某某同志+……群众: the person addressed ends the clause's subject, no group's name
            if core == "Actor" and t in self._object_verbs and (self._opens_place_name(w[k + 1]) or (
                    k + 1 == i and (self._people_word(w[i]) or self._names_actor(w[i]) and self._tag(t) != "vn"))
                    or self._tag(t) != "vn" and self._clause_start(w, k)
                    or (self._people_word(w[i]) or self._tag(t) != "vn") and k >= 1 and self._names_actor(w[k - 1])
                    and w[k - 1] not in self.lexicon.places):
                break  # 建议+市+某局, 现任+某市+某街道, 服务+群众, 制约+某某基金会: the verb governing the name
                # (jieba tags some as nouns); a verbal noun before an organ is its field (县+教育+体育局);
                # 委托+第三方+机构 opening a clause; 某党工委+服务+辖区+居民: the verb after its subject
            if core == "Actor" and self._people_phrase(w, k, i):
                j = k - 2 if t in self.lexicon.qualifiers else k
                break  # 驻+社区民警, 有+劳动力+家庭, 80+周岁+以上+老年人: the phrase opens the name
            if (self._counted[t] if core == "Actor" else self._mech_count[t]):
                break  # 两级党委, 三支队伍, 一项制度: a count, not part of the name
            if core == "Actor" and (self._tag(t) == "s" or (len(t) >= 2 and t[-1] == "在" and t not in self._known)):
                break  # 区内居民: a word of location scopes the name; 聚集在: a verb and its 在 end it
            if core == "Actor" and k + 1 < i and len(self.head_of(t) or "") >= 2 and self.lexicon.heads[
                    self.head_of(t)][0] in ("GovernmentBody", "PartyOrganization") \
                    and self._tag(w[k + 1]) in ("ns", "nr", "") and _NAME.fullmatch(w[k + 1]):
                break  # 某某总署+某地+某某事务处: the parent organ, then the place of the organ named
            if k > 0 and _DIGIT.search(w[k - 1]) and t[0] in self.lexicon.qualifiers \
                    and _is_unit_token(t[1:], self.lexicon):
                break  # N+余户+某某家庭: a qualified measure word after a number
            if k > 0 and (t in _DATE_UNITS or core == "Actor" and t in self._year_marks) and _DIGIT.search(w[k - 1]):
                break  # 9月24日+某市某某委员会, 2025+年度+城乡居民: the date ends before the name
            if core == "Mechanism" and j < i and k >= 1 and w[k - 1] in ("和", "与", "及") and len(t) >= 2 \
                    and self._finite[t] and t not in self._people_modifiers:
                break  # 新建和改造+某某服务站: the second of two coordinated predicates, not part of the name
            if core == "Mechanism" and (k >= 1 and w[k - 1] in self._manner_nouns and self._finite[t] or (
                    t in self._manner_nouns and k + 1 == i and len(w[i]) > len(self.head_of(w[i]) or w[i])
                    and self._finite[w[i][: len(w[i]) - len(self.head_of(w[i]) or "")]])):
                break  # 以“某某”方式+征求+群众+意见: a verb after a noun of manner is the predicate (also 方式+征求意见)
            verb = self._verb_modifier(w, k, i, core)
            if verb is not None:
                if not verb or chars + len(t) > self.max_chars:
                    break
                chars += len(t)
                j, k = k, k - 1
                continue
            if t == "”":  # a quoted part of the name: “某某”机制
                if core == "Actor" and w[i] in self._people and not (
                        k == i - 1 and k >= 2 and w[k - 2] == "“" and self._tag(w[k - 1]) == "n"
                        and w[k - 1] not in self.lexicon.entries):
                    break  # “某某”志愿者: the quoted group the people belong to, not part of their name
                    # (but “候鸟”老人: a common noun in quotes, a figure of speech, says which people)
                m = k - 1
                while m >= 0 and w[m] not in ("“", "\n", "。") and k - m < 20:
                    m -= 1
                if m < 0 or w[m] != "“" or "—" in w[m:k]:
                    break  # “A—B—C”: a level chain, named part by part
                quoted = sum(map(len, w[m:k + 1]))
                if chars + quoted > self.max_chars:
                    break
                chars += quoted
                j, k = m, m - 1
                if k >= 0 and self._tag(w[k]).startswith("v") and self._clause_start(w, k):
                    break  # 分析“某某”平台, 建设“某某”平台: the clause's verb, not part of the name
                if k >= 1 and len(w[k]) >= 2 and self._finite[w[k]] and not self._stop(w, k - 1) \
                        and (self._nominal(w[k - 1]) or self._tag(w[k - 1]) == "ns"):
                    break  # 某局在某区试行“某某”模式: a verb with its subject before it is the predicate
                if core == "Mechanism" and k >= 0 and self._names_actor(w[k]):
                    break  # 社区工作者“某某”薪酬制度: the actor the named system is for, not part of its name
                continue
            if t == ")":  # alternatives: 村(社区)…
                m = k - 1
                while m >= 0 and w[m] not in ("(", "\n", "。") and k - m < 12:
                    m -= 1
                if m <= 0 or w[m] != "(" or w[m - 1] in _PUNCT:
                    break
                chars += sum(map(len, w[m:k + 1]))
                j, k = m, m - 1
                continue
            if core == "Mechanism" and t in ("和", "与") and j == k + 1 == i - 1 and k >= 1 \
                    and w[i] == self.head_of(w[i]) and all(
                        len(x) == 2 and (self._finite[x] or self._tag(x) == "vn") and x not in self.lexicon.triggers
                        for x in (w[k - 1], w[k + 1])):
                chars += len(t) + len(w[k - 1])  # 某某招聘与退出机制: two verbs sharing the bare head
                j, k = k - 1, k - 2
                continue
            if allow_and and t in ("和", "与") and k > 0 and not self._stop(w, k - 1):
                j, k = k, k - 1
                continue
            if core == "Actor" and t == "和" and self._joined_organ(w, k, i):
                chars += sum(map(len, w[k - 2:k + 1]))  # 市+自然资源+和+规划局: two fields of one bureau
                j, k = k - 2, k - 3
                continue
            if t == "的" and core == "Mechanism" and self._tag(self.head_of(w[i]) or "") in ("v", "vn") \
                    and w[i] == self.head_of(w[i]):
                break  # 对某队的培训: what a verbal head acts on, no modifier of a name
            if t == "的" and core == "Mechanism" and k >= 2 and w[k - 1] in self._uniform \
                    and w[k - 2] in self._deictics and j < i + 1 and chars + len(w[k - 2]) + len(w[k - 1]) + 1 <= self.max_chars:
                j = k - 2  # 全省统一的某某平台: the scope of a uniform system is part of its name
                break
            if t == "的" and core in ("Goal", "Mechanism") and k >= 1:
                m = self._de_modifier(w, k, i, j, core)
                if m is not None and chars + sum(map(len, w[m:k + 1])) <= self.max_chars:
                    j = m  # 人人尽责的……共同体, 协商结果的回访督办机制, 某某的制度体系
                    break
            if core == "Mechanism" and t == "向" and k >= 1 and j < i and len(w[k - 1]) >= 2 \
                    and not self._verb(w[k - 1]) and not self._stop(w, k - 1) \
                    and self._verb_between(w, j, i):
                chars += len(t)  # 部门向社区下派任务……机制: the direction of the verb inside the name
                j, k = k, k - 1
                continue
            if allow_and and t == "的" and k >= 2 and len(w[k - 1]) >= 4 and not self._verb(w[k - 1]) \
                    and not self._stop(w, k - 1) and self._stop(w, k - 2) and w[k - 2] != "的":
                chars += len(w[k - 1]) + 1  # 开放包容的邻里互助格局: one modifier word before 的
                j, k = k - 1, k - 2
                break
            if core == "Actor" and k + 1 == i and len(t) == 1 and self.lexicon.heads.get(t, ("",))[0] == \
                    "GovernmentBody" and self.lexicon.heads[self.head_of(w[i])][0] == "Role" and k >= 1 \
                    and len(w[k - 1]) >= 2 and self._nominal(w[k - 1]) and not self._stop(w, k - 1):
                chars += len(t)  # 某某+处+处长: the office (a one-character head, also a measure word) heads the role
                j, k = k, k - 1
                continue
            if self._stop(w, k) or chars + len(t) > self.max_chars:
                break
            chars += len(t)
            j, k = k, k - 1
        # a name does not start inside an open quote or bracket
        while j < i and w[j] in ("”", ")", "、"):
            j += 1
        if core in ("Mechanism", "Goal") and j < i and j >= 1 and w[j - 1] in self._modals \
                and (self._finite[w[j]] or not self._tag(w[j])) and w[j] not in self.lexicon.entries:
            j += 1  # 要抓实+某某体系: after a modal the verb (or a word jieba does not know) is the predicate
        if core in ("Mechanism", "Goal") and j < i and len(w[j]) >= 4 and w[j] not in self.lexicon.entries \
                and any(w[j].startswith(v) and len(v) >= 2 for v in (w[j][:2], w[j][:3]) if v in self.lexicon.triggers):
            j += 1  # 开展业务+培训: a verb jieba glued to the noun after it opens no name
        return j

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        found: list[tuple[Span, Rec]] = []  # added at the end, in order
        lx = self.lexicon
        last: tuple[int, int, str] | None = None  # (end token, start token, head) of the last name
        w, offs = doc_words(doc)

        def add(a: int, b: int, cls: str, source: str) -> None:  # tokens [a, b)
            found.append(_token_candidate(doc, w, offs, a, b, cls, source))

        heads = list(map(self._heads.__getitem__, w))
        for i in compress(range(len(w)), heads):  # the tokens that end in a head morpheme
            word, head = w[i], heads[i]
            # a bare head coordinated with a full name shares its modifier: 村(社区)书记、主任
            if word == head and i >= 1 and w[i - 1] == "、" and last and last[0] == i - 2 \
                    and head not in self._standalone and core_class(lx.heads[head][0]) == core_class(
                        lx.heads[last[2]][0]):
                modifier = "".join(w[last[1]:last[0] + 1])[: -len(last[2])]
                mod_head = self.head_of(modifier)
                if mod_head is None or core_class(lx.heads[mod_head][0]) != "Actor":
                    add(i, i + 1, lx.heads[head][0], "coordination-head:" + modifier)
                continue  # 某党委书记、县长: the second title is not the committee's
            if i + 1 < len(w) and self.head_of(word + w[i + 1]) is not None \
                    and w[i + 1] in lx.heads and w[i + 1] not in self._delegates:
                continue  # a longer head follows (党员 + 中心户)
            if head in self._bound_sections and not (i >= 1 and (self._names_body(w[i - 1]) or w[i - 1] in lx.places)):
                continue  # 思政课, 党课: a section's head names a body only after its office's name (某某公所+社政课)
            if i + 1 < len(w) and w[i + 1] in self._compilations:
                continue  # 某某经验材料, 某某经验汇编: the topic of a document, not a name
            nxt = w[i + 1] if i + 1 < len(w) else "。"
            if lx.heads[head][0] == "Role" and (nxt in ("了", "着", "过") or self._names_organ(nxt) or nxt in lx.places):
                continue  # 某某代表了……, 某书记代表区委讲话: the head word used as a verb
            if word == head and self._tag(head) in ("v", "vn") and core_class(lx.heads[head][0]) == "Mechanism" \
                    and (nxt in lx.generic or self._tag(nxt).startswith("n")):
                continue  # 加大某某培训力度: a verbal head before a noun modifies it
            if word == head and head in lx.predicates and (nxt == "“" or self._finite[nxt] or nxt in lx.triggers):
                continue  # 在某区试点“某某”模式, 试点推行: the head used as the clause's verb
            if nxt[0] == "相" and len(nxt) in (1, 3) and core_class(lx.heads[head][0]) == "Actor":
                continue  # 某某机构相衔接: modes of a system listed with 相 + verb, not a body
            if head in self._counted_groups and i + 1 < len(w) and not self._stop(w, i + 1) and not self._verb(nxt) \
                    and nxt[0] not in "每各" and self._tag(nxt)[:1] not in ("z", "d", "m"):
                # (某某家庭+每户: a distributive, no noun modified; 某某家庭+较多: a degree, no noun)
                continue  # 某某家庭+收入, 家庭医生: a noun of households before the noun it modifies
            cls, standalone, _ = lx.heads[head]
            core = core_class(cls)
            stem = word[: len(word) - len(head)]
            if len(stem) == 1 and (stem in _SERVES or self._tag(stem).startswith("v")) and not standalone:
                continue  # 任组长, 当主任: a verb and a bare title, not a name
            if core == "Actor" and stem in self._object_verbs and self._people_word(head):
                continue  # 发动群众, 服务居民 (one word of jieba's): a verb and its object, no group's name
            j = self._scan_left(w, i, core == "Goal", core)
            if cls == "Role" and j < i and j + 1 < len(w) and w[j + 1] in self._ages and _DIGIT.search(w[j]):
                cls = "Group"  # 60+岁+以上+某某长: the holders of a role of an age are a group of people
            elif cls == "Role" and j < i:
                j = self._people_start(w, j, i, stem)
            if core == "Actor" and 1 <= j < i and len(w[j]) == 1 and len(w[j - 1]) == 1 \
                    and self._tag(w[j - 1]) == "p" and w[j] not in self._levels and w[j] not in self._unit_initials \
                    and self._tag(w[j]).startswith("n"):
                continue  # 在+岗+职工: a character jieba split off a word with the preposition before it
            if cls == "Group" and standalone and word == head and i - j == 1 and self._named_place(w[j]):
                j = i  # 某县+长者: the people of a place are the group, the place is named for itself
            if cls == "Role" and not stem and i - j == 2 and w[j] in self._surnames and len(w[j + 1]) <= 2 \
                    and w[j + 1] not in self._known and (j == 0 or self._opens_clause[w[j - 1]]):
                continue  # 李+某某+代表: a person named before the role (govkg_persons), not the role's name
            if head in self._delegates and self._names_body(stem or (w[i - 1] if i else "")):
                continue  # 驻区单位+代表, 某委员会+代表: the body takes part through them; it is the name
            if core == "Actor" and j >= 1 and w[j - 1] == "等" and not standalone and cls != "Role":
                continue  # 甲、乙等+某某+机构: the kind of the things listed, not a body of its own
            if core == "Actor" and j >= 2 and w[j - 1] == "、" and w[j][:1] in self._levels and 1 <= len(w[j - 2]) <= 2 \
                    and w[j - 2][-1] in self._levels and (len(w[j - 2]) == 1 or w[j - 2][0] in "各每"):
                j -= 2  # 各县、区人民政府: the levels share the organ
            if head in self._strict_heads and len(word) == 2 and word in _pos_tags():
                continue  # 部署, 签署, 上司: a word of the dictionary, not an organ's head
            unplaced = self._unplaced_organ(w, j, i, head) if len(head) == 1 and core == "Actor" else None
            if unplaced is not None:
                j = unplaced  # 社会工作+局, 由+某某+文化+司: a SAR's or a central organ named without a place
            span_text = "".join(w[j:i + 1])
            if core == "Actor" and j < i and _ONE_EACH.match(span_text):
                j, span_text = i, word  # 一户一社工: a rule of allocation; the people are the last part only
            if len(head) == 1 and unplaced is None and not self._single_head_ok(word) and not (
                    j < i and (self._level_word(w[j]) or j + 1 < i and word[0] in self._levels
                               and self._names_body(w[j])  # 市+审计局, 共青团+某某+县委
                               or len(word) >= 3 and any(map(self._names_organ, w[j:i])))  # 某县政府+劳工处
                    and (word != head or j < i - 1)
                    and self._tag(word)[:1] not in ("f", "r", "d", "s", "a", "m")):  # not 某市+北部
                continue  # 局 厅 委 need a stem that makes an organisation: 民政厅, 公安局, 省档案管理局 (not 格局)
            if self._generic(w, j, i, head):
                continue
            if head in self._rating_heads and (i - j < 2 or len(span_text) - len(head) < 3
                                               or word == head and self._tag(nxt) == "p"):
                continue  # 开展等级评定: a kind of rating without what is rated names no scheme; 考核+评定+为+优秀:
                # a rating before a preposition is the verb (rated as)
            if span_text == head and not standalone:
                continue
            if head in self._digital_heads and "”" not in span_text and not any(x in span_text for x in self._digital_stems):
                continue  # 设备底座, 某某汽车专区: a base or a section names a platform only as a digital one (数字底座)
                # or with a name of its own in quotes (“某某”专区)
            if head in self._launched and j < i and (k := self._issued_start(w, j, i, self._launch, 16)) is not None:
                j, span_text = k, "".join(w[k:i + 1])  # 开展“某某”群体融入城镇试点: all the verb launches
            if core == "Mechanism" and j >= 2 and self._tag(w[j - 1]) == "d" and len(w[j - 1]) == 2 \
                    and self._nominal(w[j - 2]) and (k := self._issued_start(w, j, i, self._founding, 14)) is not None \
                    and not any(self._finite[x] or self._tag(x) in ("d", "ad") and x != w[j - 1] for x in w[k:j - 1]):
                j, span_text = k, "".join(w[k:i + 1])  # 建立项目+进度+月报制度: a noun the tagger takes for an adverb
            if cls == "Policy" and (k := self._issued_start(w, j, i)) is not None:
                j, span_text = k, "".join(w[k:i + 1])  # 制定“某某”用房统筹建设办法: all the verb makes
            if cls == "Policy" and not self._policy_ok(w, j, i):
                continue
            if head.endswith(self._campaigns) and lx.heads.get(self.head_of(nxt) or "", ("",))[0] == "Policy":
                continue  # 推进某某设施建设+实施方案: the topic of a document's name
            if head.endswith(self._campaigns) and (j == 0 or w[j - 1] in _CLAUSE_PUNCT or w[j - 1] in self._deictics) \
                    and (self._tag(nxt) in ("d", "ad") or self._finite[nxt]):
                continue  # 全省某某设施建设正在推进: the topic of a line on progress, not a measure taken
            if core == "Actor" and nxt in self._plurals and cls in ("Group", "Role"):
                add(j, i + 2, cls, "morphology")  # 老人+们: the plural names the same people
                continue
            if core == "Actor" and span_text in lx.entries:
                continue  # the lexicon ruler has it, typed more precisely
            if core == "Actor" and _DISTRIBUTIVE.match(span_text):
                continue  # 一户一社工, 一村一辅警: a distributive rule of a programme, no actor
            add(j, i + 1, cls, "morphology")
            sender = lx.heads.get(self.head_of(w[i - 1]) or "", ("",))[0] if j < i else ""
            if cls == "Organization" and standalone and word == head and sender in ("GovernmentBody", "PartyOrganization") \
                    and "".join(w[j:i]) not in lx.entries:
                add(j, i, sender, "morphology")  # 某省委组织部+调研组: the body sending the team, named for itself
            last = (i, j, head)
            # coordination sharing the head: 专家驻点和志愿者进楼栋服务机制 -> 专家驻点机制
            ends_np = i + 1 >= len(w) or self._stop(w, i + 1)
            if ends_np and j >= 2 and w[j - 1] in ("和", "与", "及") and core != "Goal" \
                    and self.head_of(w[j - 2]) is None and not (word == head and self._tag(head) in ("v", "vn")):
                k = self._scan_left(w, j - 2, False, core)
                other = lx.entries.get("".join(w[k:j - 1]))
                if other is not None and core_class(other.cls) != core:
                    pass  # 低保和特困+老年人: the conjunct is a word of another kind, modifying the people
                elif k <= j - 2 and "".join(w[k:j - 1]) and not self._stop(w, j - 2):
                    add(k, j - 1, cls, "coordination:" + head)
        self._joint_organs(doc, w, offs, found)
        self._counted_nouns(doc, w, offs, found)
        self._versioned(doc, w, offs, found)
        self._year_funds(doc, w, offs, found)
        spans.extend(doc, KEY, found)
        return doc

    def _year_funds(self, doc: Doc, w: list[str], offs: list[int], found: list[tuple[Span, Rec]]) -> None:
        """A fund named with its year (2025年度某某专项资金): a programme, from the year to the fund noun, when
        at least one word names the fund between them and the fund noun ends a word."""
        if not self._year_marks or not self._fund_nouns:
            return
        for k in range(1, len(w) - 1):
            if w[k] not in self._year_marks or not _FOUR_DIGITS.fullmatch(w[k - 1]):
                continue
            m = k + 1
            while m < len(w) and m - k <= 4 and _HAN.fullmatch(w[m]) and not self._stop(w, m) \
                    and not w[m].endswith(self._fund_nouns):
                if m + 1 < len(w) and w[m] + w[m + 1] in self._fund_nouns:
                    m += 1  # 补助+资金: a fund noun the tokenizer split
                    break
                if self._verb(w[m]):
                    break
                m += 1
            if m < len(w) and m > k + 1 and w[m].endswith(self._fund_nouns):
                found.append(_token_candidate(doc, w, offs, k - 1, m + 1, "Program", "morphology"))

    def _joint_organs(self, doc: Doc, w: list[str], offs: list[int], found: list[tuple[Span, Rec]]) -> None:
        """A party committee named with its level, 和/与 and the government of that level (grammar
        ``jointOrgans``: 各市县+党委+和+政府): one actor, the level shared (not the bare 党委和政府)."""
        for i in range(2, len(w)):
            if w[i] not in self._joint or w[i - 1] not in ("和", "与") or not w[i - 2].endswith("党委"):
                continue
            j = self._scan_left(w, i - 2, False, "Actor")
            if "".join(w[j:i - 1]) != "党委" and (i + 1 >= len(w) or not self.is_nominal(w[i + 1])):
                found.append(_token_candidate(doc, w, offs, j, i + 1, "GovernmentBody", "morphology"))

    def _versioned(self, doc: Doc, w: list[str], offs: list[int], found: list[tuple[Span, Rec]]) -> None:
        """A programme named with a version number (某某2.0, 某某3.0版): the noun right before ``N.0`` and the
        number, when no measure word, unit or number follows (增长2.0%, 2.0分 are figures)."""
        for k in range(1, len(w)):
            if not self._version.fullmatch(w[k]):
                continue
            nxt = w[k + 1] if k + 1 < len(w) else "。"
            if nxt[:1] in "%‰" or _DIGIT.search(nxt) or _is_unit_token(nxt, self.lexicon) \
                    or any(nxt.startswith(u) for u in self.lexicon.units):
                continue
            j = k - 1
            if not _HAN.fullmatch(w[j]) or len(w[j]) < 2 or self._stop(w, j) or self._verb(w[j]) \
                    or self._names_actor(w[j]) or w[j] in self.lexicon.places:
                continue
            if j >= 1 and _HAN.fullmatch(w[j - 1]) and not self._stop(w, j - 1) and not self._verb(w[j - 1]) \
                    and self._nominal(w[j - 1]) and not self._names_actor(w[j - 1]):
                j -= 1  # 社区治理+服务+2.0
            found.append(_token_candidate(doc, w, offs, j, k + 1, "Program", "morphology"))

    def _people_phrase(self, w: list[str], k: int, i: int) -> bool:
        """Token ``k`` opens the name headed by token ``i`` with a phrase saying who is meant: a verb of being
        stationed (``stationVerbs``: 驻+社区民警), what a household has (``householdVerbs``: 有+劳动力+家庭), or an
        age threshold before people (``ageUnits``: 80+周岁+以上+老年人)."""
        t, head = w[k], self.head_of(w[i]) or ""
        if t in self._station:
            return k + 1 <= i and self.lexicon.heads[head][0] in ("Role", "Group")
        if t in self._household:
            return k + 1 < i and head in self._counted_groups and not self._stop(w, k + 1)
        return k >= 2 and t in self.lexicon.qualifiers and w[k - 1] in self._ages \
            and _DIGIT.search(w[k - 2]) is not None and self.lexicon.heads[head][0] in ("Group", "Role")

    def _unplaced_organ(self, w: list[str], j: int, i: int, head: str) -> int | None:
        """The first token of an organ named without a place (grammar ``unplacedOrganHeads``: 社会工作+局,
        市政+署, 社会+文化+司): one to three nouns of a field (two characters or more with the head token's own)
        before the one-character head, opening a clause or an item of a list (after punctuation, 由, 与 …);
        a first field joined by 及/和 belongs to it when a clause or a list item opens before it
        (教育+及+青年+发展局). None: no such organ."""
        if head in self._unplaced_words and j == i and len(w[i]) >= 3 and self._tag(w[i])[:1] == "n":
            pass  # 消防处: one word of the dictionary
        elif head not in self._unplaced_heads or i - j > 3 or self._tag(w[i])[:1] == "v" \
                or (len(w[i]) >= 2 and w[i][-2:] in _pos_tags()):
            return None  # 新格局, 大局: the head's character ends another word
        stem = w[j:i] + [w[i][:-1]]
        if sum(map(len, stem)) < 2 or not all(
                (self._nominal(t) or self._tag(t) in ("", "t", "l", "vn")) and t not in self._fillers
                and not self._verb(t) and not self._generic_word[t] and not self._names_organ(t)
                and t not in self.lexicon.places and not self._level_word(t)
                and _HAN.fullmatch(t) for t in stem if t):
            return None
        if j > 0 and not (w[j - 1] in _PUNCT or w[j - 1] in FUNCTION_WORDS or w[j - 1] in self._joiners
                          or self._verb(w[j - 1])):
            return None  # (转介+某某+署: the object of a verb is an argument too)
        if j >= 3 and w[j - 1] in ("及", "和") and len(w[j - 2]) >= 2 and (self._nominal(w[j - 2]) or self._tag(w[j - 2]) == "vn") \
                and not self._names_actor(w[j - 2]) and not self._verb(w[j - 2]) \
                and not self._generic_word[w[j - 2]] and (w[j - 3] in _PUNCT or w[j - 3] in FUNCTION_WORDS):
            return j - 2  # 及+教育+及+青年+发展局: the two fields of one organ
        return j

    def _joined_organ(self, w: list[str], k: int, i: int) -> bool:
        """The 和 at token ``k`` joins two fields inside the name of the organ headed by token ``i``: a level
        or a place, a field that names no actor, 和, the other field and the organ's head
        (市+自然资源+和+规划局, 县+文化+和+旅游局), not two organs (市民政局和规划局)."""
        if k < 2 or not self._names_organ(w[i]) or k + 1 == i and self.head_of(w[i]) == w[i]:
            return False
        field = w[k - 1]
        return (len(field) >= 2 and not self._stop(w, k - 1) and not self._verb(field)
                and not self._names_actor(field) and field not in self.lexicon.heads
                and self._level_word(w[k - 2]) and not _DIGIT.search(field))

    def _people_start(self, w: list[str], j: int, i: int, stem: str) -> int:
        """Start of a role named after the people it represents (居民代表, 党员代表): the role's name begins
        at the last word naming people, whatever modifies them lies outside it (某委员会+居民代表 -> 居民代表)."""
        if self._people_word(stem):
            return i
        for p in range(i - 1, j - 1, -1):
            if self._people_word(w[p]):
                return p
        return j

    def _names_body(self, word: str) -> bool:
        """A word naming an organisation: a lexicon actor that is no group, role, person or place, or a word
        ending in the head of an organisation (委员会, 公司)."""
        entry = self.lexicon.entries.get(word)
        if entry is not None:
            return core_class(entry.cls) == "Actor" and entry.cls not in ("Group", "Role", "Person", "Place")
        head = self.head_of(word)
        return head is not None and self.lexicon.heads[head][0] in _BODIES

    def _people_word(self, word: str) -> bool:
        """A word naming people: a standalone group head (居民, 党员) or a group of the lexicon."""
        if word in self._people:
            return True
        entry = self.lexicon.entries.get(word)
        return entry is not None and entry.cls == "Group"

    def _counted_nouns(self, doc: Doc, w: list[str], offs: list[int], found: list[tuple[Span, Rec]]) -> None:
        """The noun counted right after a number and a measure word names the people or bodies counted:
        1名某某协理员, 300户以上某某家庭, 8个街道, 1.1万户某某户和某某户 (coordinated ones too). A name of the
        lexicon's actors or places, a name ending in an actor head, or a phrase ending in a word of the
        grammar's ``countedGroups`` (户, 家庭) is taken; a noun glued to the measure word by the tokenizer is not."""
        text = doc_text(doc)
        if not _DIGIT.search(text):
            return
        have: set[tuple[int, int]] | None = None  # the spans already named, gathered when first needed
        for m in self._count_re.finditer(text):
            k = bisect.bisect_left(offs, m.end())
            if k >= len(w) or offs[k] != m.end():
                continue  # 124个村: the noun is glued to the measure word
            while k < len(w):
                got = self._counted_phrase(w, k)
                if got is None:
                    break
                b, cls, concept = got
                key = (offs[k], offs[b - 1] + len(w[b - 1]))
                if have is None:
                    have = {(r.start_char, r.end_char) for r in spans.records(doc, KEY)}
                    have.update((r.start_char, r.end_char) for _, r in found)
                if key not in have:
                    have.add(key)
                    found.append(_token_candidate(doc, w, offs, k, b, cls, "morphology", concept))
                if b + 1 < len(w) and w[b] in ("和", "与", "及", "、"):
                    k = b + 1  # 某某户和某某户: the second is counted too
                    continue
                break

    def _counted_phrase(self, w: list[str], k: int) -> tuple[int, str, str] | None:
        """The longest phrase from token ``k`` naming an actor, as (end token, class, concept)."""
        lx, best, chars, e = self.lexicon, None, 0, k
        while e < len(w) and e - k < 6:
            t, s0 = w[e], e
            if t == "(":  # 村(社区): alternatives inside the name
                close = e + 1
                while close < len(w) and close - e < 5 and w[close] != ")":
                    close += 1
                if close >= len(w) or w[close] != ")":
                    break
                e = close
            elif (self._stop_word[t] and (t not in self._counted_groups or e == k)) or t == "的" \
                    or (best is not None and self._verb(t)):
                break
            chars += sum(map(len, w[s0:e + 1]))
            if chars > 12:
                break
            e += 1
            phrase = "".join(w[k:e])
            entry = lx.entries.get(phrase) or lx.places.get(phrase)
            head = self.head_of(phrase)
            if entry is not None and core_class(entry.cls) == "Actor":
                best = (e, entry.cls, entry.concept)
            elif head is not None and core_class(lx.heads[head][0]) == "Actor" and (
                    phrase != head or head in self._standalone) and not self._generic(w, k, e - 1, head):
                best = (e, lx.heads[head][0], "")
            elif any(phrase.endswith(g) and len(phrase) > len(g) for g in self._counted_groups):
                best = (e, "Group", "")
        return best

    def _single_head_ok(self, token: str) -> bool:
        tag = self._tag(token)
        if len(token) >= 3 and token.endswith("制"):  # 积分制, 首问负责制, 包村责任制: not 严格控制, 编制
            return token[-2:] not in _pos_tags()
        return len(token) >= 3 and (tag == "nt" or tag == "")

    def _opens_place_name(self, token: str) -> bool:
        """``token`` opens a name with its level or place: a level (市, 县委), 各 (各区), a place (某某市)."""
        return token[:1] in self._levels or token[:1] == "各" or token in self.lexicon.places \
            or self._tag(token) == "ns"

    def _named_place(self, token: str) -> bool:
        """A place of the lexicon's places scheme, or a place jieba knows ending in a level (某某县)."""
        entry = self.lexicon.places.get(token)
        if entry is not None:
            return entry.admin_level is not None
        return len(token) >= 3 and token[-1] in self._levels and self._tag(token) == "ns"

    def _level_word(self, token: str) -> bool:
        """A level (省 市 县 区 …) or a place: what a bureau named token by token starts with (省+数据+资源+局)."""
        return token in self._levels or token in self.lexicon.places or self._tag(token) == "ns"

    def _generic(self, w: list[str], j: int, i: int, head: str) -> bool:
        """A head whose modifier is only generic words (治理模式, 联动机制, 各类配套制度) names nothing."""
        words = w[j:i + 1]
        words[-1] = words[-1][: len(words[-1]) - len(head)]
        words = [w for w in words if w]
        if self.lexicon.heads[head][0] == "Role" and any(map(self._people_word, words)):
            return False  # 居民代表, 职工志愿者: a role held by people of a group names them
        if head in self._group_tails and any(w in self._standalone for w in words):
            return False  # 护理员+队伍: the body of people named by their role
        people = core_class(self.lexicon.heads[head][0]) == "Actor"  # 老党员, 困难群众: which people is meant
        return bool(words) and all(self._generic_word[w] and not (people and w in self._people_modifiers)
                                   for w in words)

    def _issued_start(self, w: list[str], j: int, i: int, openers: frozenset[str] | None = None,
                      limit: int = 20) -> int | None:
        """Start of a document's name reaching back over verbs inside it to a verb of issuing (制定某某统筹建设
        办法: the name starts after 制定), or None. Only words and quotes lie between (no punctuation, function
        word, count or trigger other than 融入-like verbs of taking part), at most ``limit`` characters.
        ``openers``: the verbs that open the name instead (开展 before a pilot)."""
        triggers = self.lexicon.triggers
        opens = openers if openers is not None else frozenset(t for t, p in triggers.items() if p == "issues")
        if j >= 1 and w[j - 1] in opens:
            return None
        k, chars, quote = j - 1, sum(map(len, w[j:i + 1])), False
        while k >= 0 and chars <= limit:
            t = w[k]
            if t in opens:
                return k + 1 if k + 1 < j and not quote else None
            if t in ("“", "”"):
                quote = not quote
            elif t in _PUNCT or t in FUNCTION_WORDS or (t in triggers and triggers[t] != "participatesIn") \
                    or t in self._deictics or _DIGIT.search(t) \
                    or t in self._fillers or t in self.lexicon.qualifiers or self._tag(t) == "p":
                return None
            chars += len(t)
            k -= 1
        return None

    def _policy_ok(self, w: list[str], j: int, i: int) -> bool:
        """An unquoted policy name needs a sign of being a document: a period in quotes or a jurisdiction."""
        text = "".join(w[j:i + 1])
        if j >= 1 and j < i and self.lexicon.triggers.get(w[j - 1]) == "issues" and len(text) >= 4 \
                and not self._generic_tokens(w, j, i):
            return True  # 出台某某考核办法: what a verb of issuing makes is a document
        if len(text) < 6:
            return False
        if "“" in text or _FOUR_DIGITS.search(text):
            return True
        places = self.lexicon.places
        return text[0] in "省市县区国" or any(text[:n] in places for n in self._place_lengths)


_QUOTE = re.compile(r"“([^“”\n]{1,80})”")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_NUMERALS = re.compile(r"[一二两三四五六七八九十百千\d]+")
_NUM_SLOGAN = re.compile(r"^[一二两三四五六七八九十百千\d]+[个项条大]")
#: “一楼一管家”, “一格一员”: one of something for each unit, a rule of allocation whose last part may be a role
_ONE_EACH = re.compile(r"^一[\u4e00-\u9fff]{1,3}一[\u4e00-\u9fff]{1,4}$")
#: quantifiers opening a clause (部分, 一些): they scope a weakness, so they stay in its name
_QUANTIFIERS = frozenset(("部分", "少数", "个别"))
#: a clause stating a phenomenon in quotation marks: 部分小区存在“某某”现象
_PHENOMENON = re.compile(r"^(.{0,16}?(?:存在|出现)“[^“”]{2,12}”(?:的)?(?:现象|问题|倾向))$")
#: a gloss in Latin letters closing a phrase: 某某(spillover)
_GLOSS = re.compile(r"\([A-Za-z][A-Za-z .'-]*\)$")
#: what precedes a cue in a heading that only announces weaknesses (存在的短板, 主要不足)
_ANNOUNCES = re.compile(r"(?:存在|主要|突出|面临|当前)*的?")
#: 从“A”走向 / 由“A”向 right before a quote: the quote is the state aimed at
_TOWARDS = re.compile(r"[从由]“[^“”]{1,20}”(?:走?向|转向|转变为|到)$")
#: sentence punctuation inside quotation marks: an utterance, not a name
_SPEECH = re.compile(r"[,。!?;:]")


_QUOTED = re.compile(r"“[^“”\n]*”")
_QUOTE_MARK = re.compile(r"[“”\n]")
_LIST_MARKS = re.compile("[“”、]")
_CLAUSE_PUNCT = frozenset(",;:。!?\n")


def _quote_scan(text: str, marks: re.Pattern[str]) -> Iterator[tuple[re.Match[str], tuple[int, ...]]]:
    """Each match of ``marks`` in ``text`` with the starts of the quotations open before it, innermost last:
    “ opens one, ” closes the innermost (a ” closing none is passed over), a line break closes all."""
    opens: list[int] = []
    for m in marks.finditer(text):
        yield m, tuple(opens)
        c = m.group(0)
        if c == "“":
            opens.append(m.start())
        elif c == "”":
            if opens:
                opens.pop()
        elif c == "\n":
            opens.clear()


def _utterances(text: str) -> list[tuple[int, int]]:
    """Spans of quotations holding other quotations and sentence punctuation (an utterance quoting words)."""
    out: list[tuple[int, int]] = []
    holding: set[int] = set()  # the starts of quotations another quotation closed inside
    for m, opens in _quote_scan(text, _QUOTE_MARK):
        if m.group(0) == "”" and opens:
            start, i = opens[-1], m.start()
            if start in holding and _SPEECH.search(text, start, i):
                out.append((start, i + 1))
            if len(opens) > 1:
                holding.add(opens[-2])
    return out


class QuoteRecognizer:
    """Quoted terms typed by context, book-title marks as policies, and “A—B—C” level chains."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self._morph = MorphologyRecognizer(self.lexicon)
        tr = self.lexicon.triggers
        self._goal_verbs = {w for w, p in tr.items() if p in ("contributesTo", "setsGoal")}
        self._mech_verbs = {w for w, p in tr.items() if p in ("implements", "supports")}
        self._goal_heads = {h for h, (c, _, _) in self.lexicon.heads.items() if core_class(c) == "Goal"}
        self._verbs = set(tr) | set(self.lexicon.predicates)
        lists = self.lexicon.word_lists
        # what says that the 《title》 after it is a publication (原载, 刊发于 …), or before it (……杂志,
        # ……2023年第5期)
        self._build_nouns = tuple(lists.get("buildNouns", ())) or ("\0",)
        self._founding = tuple(self.lexicon.founding) or ("\0",)  # 设立, 建成: what they found is a measure
        self._modifier_ends = tuple(lists.get("modifierSuffixes", ())) or ("\0",)  # “某某型”示范点
        self._service_nouns = frozenset(lists.get("quotedServiceNouns", ()))  # 开展“某某”服务
        #: 获评(某地)“某某”: the quoted title right after a verb of honour (a place may stand between)
        self._award = re.compile(rf"(?:{alternation(lists.get('awardVerbs', ())) or '(?!)'})[^,;:。!?、“”\n]{{0,8}}$")
        self._indicator_ends = tuple(lists.get("indicatorEnds", ())) or ("\0",)  # “某某办结率”
        #: a line (or a labelled line: 案由:) that is the title of a motion, 关于……的提案
        self._motion = re.compile(rf"(?:^|(?<=\n)|(?<=:))(关于[^\n。:;]{{4,60}}的(?:{alternation(lists.get('motionNouns', ())) or '(?!)'}))"
                                  rf"(?=\n|$)")
        self._principle_verbs = tuple(lists.get("principleVerbs", ())) or ("\0",)  # 坚持“A、B”
        self._aimed_systems = tuple(lists.get("aimedSystemHeads", ())) or ("\0",)  # 构建“A、B”的某某体系
        self._rule_manners = frozenset(lists.get("ruleMannerWords", ()))  # 坚持“分级负责”: how work is divided
        #: X(下称“Y”): Y is the short name of X, of X's class
        self._short_for = re.compile(rf"\((?:{alternation(lists.get('aliasCues', ()))})$")
        self._aim_verbs = tuple(lists.get("aimVerbs", ())) or ("\0",)  # 聚焦“A、B、C”: the list is the aim
        #: what a quoted term followed by these words is: a phenomenon (存在“某某”现象), not a measure
        self._phenomena = tuple(lists.get("phenomenonNouns", ()))
        self._steps_tail = re.compile(rf"的[\u4e00-\u9fff]{{0,10}}?(?:{alternation(lists.get('processNouns', ()))})"
                                      rf"(?=[,;:。!?、\n]|$|[和与及])")
        # 让/使 + (the people, an adverb) right before a quote closing its clause
        self._let = re.compile(rf"(?:{alternation(lists.get('causatives', ()))})[^,;:。!?“”\n]{{0,8}}$")
        self._published_in = re.compile(rf"(?:{alternation(lists.get('publishedIn', ()))})(?:本刊)?$")
        self._publication = re.compile(rf"(?:{alternation(lists.get('publications', ()))}"
                                       r"|(?:19|20)\d{2}年(?:第\d+|\d+月)期?|第\d+期)")
        #: 以“某某”为目标: the quoted words are the aim the subject sets itself
        self._aim_frame = re.compile(rf"为(?:{alternation(lists.get('aimFrameNouns', ()))})")
        #: “某某”幸福家园, “某某”美好某地: a quoted slogan before a quality and a home or a place is one aim
        self._qualities = self.lexicon.qualities
        self._homes = frozenset(lists.get("homeNouns", ()))
        self._campaigns = frozenset(lists.get("campaignNouns", ()))
        #: “A+B+C”组织链条: a quoted chain of parts before one of these nouns is one structure with it
        self._chain_nouns = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation(lists.get('chainNouns', ()))})"
                                       rf"(?=[,;:。!?、\n]|$|[和与及的])")

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        text = doc_text(doc)
        for m in self._motion.finditer(text):
            add_candidate(doc, m.start(1), m.end(1), "Policy", "title")  # 案由:关于……的提案 (a line of its own)
        for m in _TITLE.finditer(text):
            if (self._published_in.search(text, max(0, m.start() - 6), m.start())
                    or self._publication.match(text, m.end())):
                continue  # 原载《某某评论》2023年第5期: a journal or a newspaper, not a policy
            add_candidate(doc, m.start(1), m.end(1), "Policy", "title")
        utterances = _utterances(text) if "“" in text else []
        # where the names of actors end: a quote listed after one (新乡贤、退休干部和“某某”) is a group
        actor_ends: set[int] | None = None  # made when first needed
        mech_at: dict[int, tuple[int, str]] | None = None  # where mechanisms start (made when first needed)
        goal_at: dict[int, tuple[int, str]] | None = None  # where goals start (made when first needed)
        for m in _QUOTE.finditer(text):
            inner = m.group(1)
            s, e = m.start(1), m.end(1)
            if utterances and any(a < m.start() and m.end() < b for a, b in utterances):
                continue  # “某某站让老人从“局外人”变成“主人翁”,……”: a word quoted inside an utterance
            after = text[m.end():m.end() + 12]
            if "—" in inner:
                self._chain(doc, m, after)
                continue
            if _NUM_SLOGAN.match(inner) or _NUMERALS.fullmatch(inner) or (
                    after.startswith("的") and len(inner) <= 6 and not _ONE_EACH.match(inner)):
                continue
            if _SPEECH.search(inner) or after.startswith(self._phenomena):
                continue  # a quoted utterance, or a phenomenon (存在“某某”现象: a weakness, not a measure)
            if inner.endswith(self._indicator_ends) and not self._morph.head_of(after[:4]):
                continue  # 将“某某办结率”纳入考核: the name of an indicator, no measure
            if self._award.search(text, max(0, m.start() - 12), m.start()):
                continue  # 获评某州“某某示范社区”: an honour received, no name of a measure or an aim
            if (aim := self._aim_tail(doc, m.end())) is not None:
                add_candidate(doc, m.start(), aim[0], aim[1], "quote")  # “A、B、C”幸福家园, “某某”美好某地
                continue
            if text[max(0, m.start() - 1):m.start()] == "以" and self._aim_frame.match(text, m.end()):
                add_candidate(doc, s, e, "ServiceTarget", "quote")  # 以“某某”为目标: the aim set
                continue
            if "、" in inner:
                if mech_at is None:
                    mech_at = self._by_start(doc, "Mechanism")
                described = mech_at.get(m.end() + (after[:1] == "的"))
                if described is not None:
                    before = text[max(0, m.start() - 6):m.start()]
                    cls = described[1]
                    if after[:1] == "的" and text[:described[0]].endswith(self._aimed_systems) \
                            and any(before.endswith(v) for v in self._goal_verbs) \
                            and all(len(x) <= 4 for x in inner.split("、")):
                        cls = "StrategicGoal"  # 构建“便捷、高效”的某某服务体系: the qualities of the system aimed at
                    add_candidate(doc, m.start(), described[0], cls, "quote")
                    continue  # “A、B、C”(的)某某机制: the quoted list describes the mechanism named after it
            if text[max(0, m.start() - 1):m.start()] in ("从", "由") and re.match(r"(?:走?向|转向|转变为|到)", after):
                continue  # 从“A”走向“B”: A is the state left behind, not a measure
            if _TOWARDS.search(text, max(0, m.start() - 40), m.start()):
                add_candidate(doc, s, e, "ServiceTarget", "quote")  # 由“A”向“B”转变: B is where it heads
                continue
            if (short := self._short_for.search(text, max(0, m.start() - 6), m.start())) is not None:
                named = self._named_before(doc, text, short.start())
                if named:
                    add_candidate(doc, s, e, named, "quote")  # 某某队伍(下称“某某队”): a short name of it
                    continue
            if text[max(0, m.start() - 4):m.start()].endswith(self._founding):
                if goal_at is None:
                    goal_at = self._by_start(doc, "Goal")
                if (built := goal_at.get(m.start())) is not None:  # 建成“某某”便民圈: what is built is a
                    add_candidate(doc, m.start(), built[0], "Practice", "quote")  # measure, not an aim
                    continue
            parts = inner.split("+")
            if len(parts) > 1:
                self._parts(doc, s, parts)
                if mech_at is None:
                    mech_at = self._by_start(doc, "Mechanism")
                if mech_at.get(m.start(), (0, ""))[0] > m.end():
                    continue  # “A+B+C”多方协作机制: the morphology has the whole name; the chain is no name alone
                named = mech_at.get(m.end()) or (
                    (m.end() + c.end(), "OrganizationalStructure") if (c := self._chain_nouns.match(after)) else None)
                if named is not None:
                    add_candidate(doc, m.start(), named[0], named[1], "quote")  # “A+B+C”组织链条
                    continue
            prefix = self._head_prefix(after)
            head_after = self._morph.head_of(prefix)
            if head_after is not None and after.startswith(prefix):
                if self.lexicon.heads[head_after][1] and core_class(self.lexicon.heads[head_after][0]) == "Actor" \
                        and self.lexicon.heads[head_after][0] == "Group" and len(parts) == 1:
                    add_candidate(doc, s, e, "Group", "quote")  # “某某”志愿者: the group its members belong to
                continue  # part of a longer name ending in a head: the morphology recogniser has it
            tail = self._name_tail(doc, m.end())
            if tail is not None:
                add_candidate(doc, m.start(), tail[0], tail[1], "quote")  # “某某”工作法, “某某”志愿服务队
                continue
            if _ONE_EACH.match(inner):
                self._parts(doc, s + inner.rfind("一") + 1, [inner[inner.rfind("一") + 1:]])
                add_candidate(doc, s, e, "Practice", "quote")  # “一楼一管家”: a rule of allocation
                continue
            if inner.endswith(self._modifier_ends) and after[:1] and "\u4e00" <= after[0] <= "\u9fff":
                continue  # “某某型”示范点: a quoted modifier of the noun after it, no name of its own
            cls = self._type(text, m, inner, after) if len(parts) == 1 else "Practice"
            if cls and len(parts) == 1 and m.start() >= 2 and text[m.start() - 1] in "、和与及" \
                    and core_class(cls) != "Actor" and (after[:1].isdigit() or after[:1] in "、,;。等"):
                if actor_ends is None:
                    actor_ends = {c.end_char for c in spans.records(doc, KEY) if c.label_ != "Place"
                                  and core_class(c.label_) == "Actor"}
                if m.start() - 1 in actor_ends:
                    cls = "Group"  # 吸纳退役军人、返乡青年和“某某热心人”: one more kind of people in the list
            if cls:
                add_candidate(doc, s, e, cls, "quote")
        return doc

    def _aim_tail(self, doc: Doc, end: int) -> tuple[int, str] | None:
        """A quality and a home or a place right after a closing quote (“A、B”幸福家园, “某某”美好某地): the
        end of the aim they make with the quote and its class; a campaign noun after them makes it a measure
        (“某某”平安社区建设). None when no quality follows."""
        words, offs = doc_words(doc)
        i = bisect.bisect_left(offs, end)
        if i + 1 >= len(words) or offs[i] != end or words[i] not in self._qualities:
            return None
        home = words[i + 1]
        if not (home in self._homes or home in self.lexicon.places or _pos_tags().get(home) == "ns"):
            return None
        stop = offs[i + 1] + len(home)
        if i + 2 < len(words) and words[i + 2] in self._campaigns:
            return stop + len(words[i + 2]), "Program"
        return stop, "StrategicGoal"

    def _named_before(self, doc: Doc, text: str, end: int) -> str | None:
        """The class of the name ending at ``end``: the longest candidate ending there, else the head the
        text before ends with."""
        best = None
        for c in spans.records(doc, KEY):
            if c.end_char == end and c.label_ != "Place" and (best is None or c.start_char < best.start_char):
                best = c
        if best is not None:
            return best.label_
        head = self._morph.head_of(text[max(0, end - self._morph._max_head):end])
        return self.lexicon.heads[head][0] if head else None

    @staticmethod
    def _by_start(doc: Doc, core: str) -> dict[int, tuple[int, str]]:
        """Start -> ``(end, class)`` of the longest candidate of core class ``core`` (not a policy) starting
        there."""
        out: dict[int, tuple[int, str]] = {}
        for c in spans.records(doc, KEY):
            if c.label_ != "Policy" and core_class(c.label_) == core \
                    and c.end_char > out.get(c.start_char, (0, ""))[0]:
                out[c.start_char] = (c.end_char, c.label_)
        return out

    def _parts(self, doc: Doc, start: int, parts: list[str]) -> None:
        """“A+B”: each part the lexicon or a head types as an actor is one (source ``part``)."""
        pos = start
        for part in parts:
            entry = self.lexicon.entries.get(part)
            head = self._morph.head_of(part)
            cls = entry.cls if entry else self.lexicon.heads[head][0] if head and len(head) > 1 else None
            if cls and core_class(cls) == "Actor":
                add_candidate(doc, pos, pos + len(part), cls, "part")
            pos += len(part) + 1

    def _name_tail(self, doc: Doc, end: int) -> tuple[int, str] | None:
        """The noun after a closing quote that makes one name with it: a lexicon name of an actor or a
        mechanism (“某某”志愿服务队), or a method (“某某”工作法, “某某”调解法: up to two words ending in 法, the
        last of them not a common two-character word such as 做法 or 方法). ``(end, class)`` or None."""
        words, offs = doc_words(doc)
        i = bisect.bisect_left(offs, end)
        if i >= len(words) or offs[i] != end:
            return None
        nxt = words[i + 1] if i + 1 < len(words) else ""
        entry = self.lexicon.entries.get(words[i])
        if entry is not None and any(self._morph.head_of(x) for x in words[i + 1:i + 3]):
            entry = None  # “某某”积分+激励+制度: the name goes on to a head of its own
        if entry is not None and core_class(entry.cls) == "Mechanism" and len(nxt) == 1:
            head = self._morph.head_of(words[i] + nxt)
            if head is not None and len(head) > 1 and core_class(self.lexicon.heads[head][0]) == "Mechanism":
                return offs[i + 1] + 1, self.lexicon.heads[head][0]  # “某某”就业服务+站: the head split by the tokenizer
        if entry is not None and core_class(entry.cls) in ("Actor", "Mechanism") and entry.cls != "Policy" \
                and len(words[i]) >= 2 and not _only_generic(words[i], self.lexicon) \
                and (nxt in _PUNCT or nxt in FUNCTION_WORDS or nxt == "" or bool(_DIGIT.search(nxt))
                     or nxt in self._verbs or self._morph._verb(nxt)):
            return offs[i] + len(words[i]), entry.cls
        if words[i] in self._service_nouns and (nxt in _PUNCT or nxt in FUNCTION_WORDS or nxt == ""):
            return offs[i] + len(words[i]), "Practice"  # 开展“某某”服务。: the service is named with its quote
        for n in (1, 2):
            if i + n > len(words):
                break
            last = words[i + n - 1]
            if last.endswith("法") and (len(last) >= 3 or (last == "法" and n == 2 and len(words[i]) == 2)):
                return offs[i + n - 1] + len(last), "Practice"
        return None

    def _head_prefix(self, after: str) -> str:
        """The longest head morpheme ``after`` starts with, or ''."""
        for n in range(min(6, len(after)), 0, -1):
            if after[:n] in self.lexicon.heads:
                return after[:n]
        return ""

    def _type(self, text: str, m: re.Match, inner: str, after: str) -> str | None:
        head = self._morph.head_of(inner)
        if head and len(head) > 1:  # a quoted name is no organ: “某某议事厅” is a hall, not a department
            return self.lexicon.heads[head][0]
        if any(h in inner for h in self._goal_heads) or inner.endswith(("走在前", "新提升", "做示范")):
            return "StrategicGoal"
        deng = re.match(r"(?:“[^”]*”)*等(?:[\u4e00-\u9fff]{0,4})?([“”\u4e00-\u9fff]{0,8})", after)
        if deng:
            tail = deng.group(0)
            for n in range(len(tail), 0, -1):
                h = self._morph.head_of(tail[:n])
                if h:
                    return self.lexicon.heads[h][0]
            if "方式" in tail or "实践" in tail or "做法" in tail:
                return "Practice"
        before = text[max(0, m.start() - 6):m.start()]
        if any(before.endswith(v) for v in self._goal_verbs) and not after.startswith(self._build_nouns):
            return "ServiceTarget"  # 实现“某某”; 推动“某某”建设: what is built is a measure
        items = inner.split("、")
        if len(items) > 1 and before.endswith(self._principle_verbs) and all(
                2 <= len(x) <= 6 and not self._morph._names_actor(x[:2]) and x[:2] not in self.lexicon.places
                for x in items) and not any(
                (self._morph._tag(x[:2]).startswith(("n", "j")) or x[:2] in self._rule_manners)
                and self._morph.is_verb(x[2:]) for x in items):
            return "StrategicGoal"  # 坚持“以某为本、共建共享”: the values held to (not 坚持“甲吹哨、乙报到”,
            # nor a rule of dividing work, 坚持“分级负责”, nor one opened by an abbreviation jieba tags j)
        if "、" in inner and (before.endswith(self._aim_verbs) or self._governed_by_goal_verb(text, m.start())):
            return "ServiceTarget"  # 实现群众诉求“A、B、C”: a list of outcomes the clause's verb aims at
        if self._let.search(text, max(0, m.start() - 12), m.start()) and (not after or after[0] in _CLAUSE_PUNCT):
            return "ServiceTarget"  # 让老人真正“难事有人帮”,……: the state a measure leads to
        if len(inner) <= 2:
            return None  # “议题”: a word in quotation marks, not a name
        return "Practice"

    def _governed_by_goal_verb(self, text: str, pos: int) -> bool:
        """The last trigger verb of the clause before ``pos`` aims at a goal (实现, 形成, 打造 …)."""
        start = max(text.rfind(c, 0, pos) for c in ",;:。!?\n") + 1
        clause = text[start:pos]
        best, verb = -1, ""
        for v in self.lexicon.triggers:
            k = clause.rfind(v)
            if k > best or (k == best and k >= 0 and len(v) > len(verb)):
                best, verb = k, v
        return best >= 0 and verb in self._goal_verbs

    def _chain(self, doc: Doc, m: re.Match, after: str) -> None:
        """“街道党工委—小区党支部—楼栋党小组”三级联动体系: each level is an actor. A chain of steps followed by 的
        and a noun of a sequence (“提案—票选—资助”的某某衔接机制, ……的资助链条) is one mechanism with it."""
        tail = self._steps_tail.match(after)
        if tail is not None:
            add_candidate(doc, m.start(), m.end() + tail.end(), "Mechanism", "quote")
            return
        pos = m.start(1)
        for part in m.group(1).split("—"):
            if part:
                head = self._morph.head_of(re.sub(r"\([^)]*\)$", "", part)) or self._morph.head_of(part)
                entry = self.lexicon.entries.get(part)
                cls = entry.cls if entry else self.lexicon.heads[head][0] if head else None
                if cls and core_class(cls) == "Actor":  # “投入—过程—产出”: no levels of organisation
                    add_candidate(doc, pos, pos + len(part), cls, "chain")
            pos += len(part) + 1


class SloganRecognizer:
    """Unquoted slogans a goal verb introduces: 做到求助不出楼、办证不跑腿、看病不排队 -> one goal; and aims
    stated as leading in a field: 在推进某某上走在前 (做示范, 作表率 …).

    After a trigger of ``contributesTo`` or ``setsGoal``, the rest of the clause is a slogan when it is a
    list (、) of at least two short parallel items (3 to 8 characters, lengths within one of each other)
    that each hold a verb, so that a list of names (公共服务、便民服务) is not taken for one, and none of
    which is a verb phrase of its own (打造A、实现B) or holds 的."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        verbs = sorted((w for w, p in self.lexicon.triggers.items() if p in ("contributesTo", "setsGoal")),
                       key=len, reverse=True)
        alt = "|".join(map(re.escape, verbs)) or "(?!)"
        self._verbs = set(self.lexicon.triggers) | set(self.lexicon.predicates)
        lists = self.lexicon.word_lists
        # a leading position as an aim (走在全国前列, 进入全省第一方阵); a level of quality before a goal
        self._ranking = re.compile(rf"(?:{alternation(lists.get('rankingVerbs', ()))})"
                                   rf"[^,;:。!?、\n“”在]{{0,10}}?(?:{alternation(lists.get('rankingEnds', ()))})")
        self._higher = re.compile(rf"(?:{alternation(lists.get('qualityLevels', ()))})的$")
        #: 平安某地+建设: a quality of a place followed by one of these nouns names the campaign, not the aim
        self._build_nouns = frozenset(lists.get("campaignNouns", ()))
        # a system described by a list of the qualities it is to have (A、B、C的某某体系) is an aim
        systems = alternation(tuple(h for h, (c, _, _) in self.lexicon.heads.items()
                                    if c in ("System", "StrategicGoal")))
        # found from the last 、 of the list (a literal the regex engine scans for fast), then extended leftwards
        self._described_system = re.compile(rf"、[\u4e00-\u9fff]{{4}}的[\u4e00-\u9fff]{{2,10}}?(?:{systems})")
        self._quality_item = re.compile(r"[\u4e00-\u9fff]{4}、$")
        # 兜紧织牢某某保障网, 筑牢某某防线: the net or line built up is an aim
        self._net = re.compile(rf"(?:{alternation(lists.get('netVerbs', ()))})+"
                               rf"(?P<net>[\u4e00-\u9fff]{{1,10}}?(?:{alternation(lists.get('netHeads', ()))}))"
                               rf"(?=[,;:。!?、\n]|$)")
        self._re = re.compile(rf"(?:{alt})+(?P<items>[\u4e00-\u9fff]{{3,8}}(?:、[\u4e00-\u9fff]{{3,8}})+)(?=[,;:。!?\n]|$)")
        # 做到早排查、早化解, 确保老人就医有保障、办证不跑腿: verbs opening a list of short aims (the people they are
        # for may stand first)
        listing = alternation(lists.get("goalListVerbs", ()))
        self._aims = re.compile(rf"(?:{listing})(?P<items>[\u4e00-\u9fff]{{3,12}}(?:、[\u4e00-\u9fff]{{3,8}})+)"
                                rf"(?=[,;:。!?\n]|$)")
        # 推动矛盾化解在村、服务延伸在户: parallel items each placing what a verb does (V在N), the first
        # one with what it is done to
        self._placed = re.compile(rf"(?:{alt}|{listing})(?P<items>[\u4e00-\u9fff]{{2,10}}?在[\u4e00-\u9fff]{{1,6}}"
                                  rf"(?:、[\u4e00-\u9fff]{{2}}在[\u4e00-\u9fff]{{1,6}})+)(?=[,;:。!?\n]|$)")
        # 获得感、幸福感、安全感: goals of the lexicon sharing their last character, listed together (the
        # characters are read from the lexicon: those that end at least three of its three-character goals)
        ends = Counter(w[-1] for w, e in self.lexicon.entries.items() if core_class(e.cls) == "Goal" and len(w) == 3)
        shared = "".join(sorted(c for c, n in ends.items() if n >= 3)) or "(?!)"
        self._senses = re.compile(rf"[\u4e00-\u9fff]{{2}}[{shared}](?:、[\u4e00-\u9fff]{{2}}[{shared}])+")
        #: where such a list can start: two characters before a shared last character followed by 、
        self._sense_ends = re.compile(rf"[{shared}]、")

    def _sense_lists(self, text: str) -> list[re.Match]:
        """The matches ``self._senses.finditer(text)`` yields, tried only where a list can start (every match
        starts two characters before a shared character followed by 、)."""
        found: list[re.Match] = []
        done = 0
        for c in self._sense_ends.finditer(text):
            start = c.start() - 2
            if start < done:
                continue
            m = self._senses.match(text, start)
            if m is not None:
                found.append(m)
                done = m.end()
        return found

    def _place_qualities(self, doc: Doc, text: str, tags: dict) -> None:
        """平安某地, 法治某地 (a quality of the grammar and a place name jieba or the lexicon knows) is a goal;
        a leading 更高水平的 belongs to it."""
        words, offs = doc_words(doc)
        lx = self.lexicon
        for n in compress(range(len(words) - 1), map(lx.qualities.__contains__, words)):
            if n and words[n - 1] in lx.qualities:
                continue  # inside a run of qualities (和谐+宜居): the run is read from its first one
            m = n + 1
            while m < len(words) and words[m] in lx.qualities and m - n < 4:
                m += 1
            if m + 1 < len(words) and words[m] == "的" and words[m + 1] not in lx.qualities \
                    and (words[m + 1] in lx.places or tags.get(words[m + 1]) == "ns"):  # (美丽: a quality jieba tags ns)
                lead = self._higher.search(text, max(0, offs[n] - 8), offs[n])
                add_candidate(doc, lead.start() if lead else offs[n], offs[m + 1] + len(words[m + 1]),
                              "StrategicGoal", "slogan")  # 和谐宜居的某地: the qualities of a place aimed at
                continue
            place = words[n + 1]
            if not (place in lx.places or tags.get(place) == "ns"):
                continue
            start = offs[n]
            nxt = words[n + 2] if n + 2 < len(words) else ""
            if nxt in self._build_nouns:  # 平安某地建设: the campaign building the quality is a measure
                add_candidate(doc, start, offs[n + 2] + len(nxt), "Program", "slogan")
                continue
            lead = self._higher.search(text, max(0, start - 8), start)
            add_candidate(doc, lead.start() if lead else start, offs[n + 1] + len(place), "StrategicGoal", "slogan")

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        tags = _pos_tags()
        text = doc_text(doc)
        for m in _LEAD_IN.finditer(text):
            add_candidate(doc, m.start(), m.end(), "StrategicGoal", "slogan")  # 在某某上走在前
        for m in self._ranking.finditer(text):
            add_candidate(doc, m.start(), m.end(), "StrategicGoal", "slogan")  # 走在某某前列, 进入某某第一方阵
        for m in self._sense_lists(text):
            if all(x in self.lexicon.entries and core_class(self.lexicon.entries[x].cls) == "Goal"
                   for x in m.group(0).split("、")):
                add_candidate(doc, m.start(), m.end(), "Outcome", "slogan")  # 获得感、幸福感、安全感: one aim
        self._place_qualities(doc, text, tags)
        for m in self._net.finditer(text):
            add_candidate(doc, m.start("net"), m.end("net"), "StrategicGoal", "slogan")
        for m in self._described_system.finditer(text):  # 覆盖城乡、功能完善、便捷高效的某某服务体系
            start = m.start() + 1
            while (item := self._quality_item.search(text, max(0, start - 5), start)) is not None:
                start = item.start()
            if start <= m.start() - 4:  # at least two qualities
                add_candidate(doc, start, m.end(), "StrategicGoal", "slogan")
        for m in self._placed.finditer(text) if "在" in text else ():
            if all(tags.get(x[x.index("在") - 2:x.index("在")], "").startswith("v") for x in m.group("items").split("、")):
                add_candidate(doc, m.start("items"), m.end("items"), "ServiceTarget", "slogan")
        found = []
        aims: set[int] = set()  # starts of lists after a verb of aims: verbal nouns count as verbs (早救助)
        actor_ends: dict[int, list[int]] | None = None  # start -> ends of the actor candidates (made once)
        for m in self._aims.finditer(text):
            start, first = m.start("items"), m.group("items").split("、")[0]
            rest = min(map(len, m.group("items").split("、")[1:]))
            if len(first) > rest + 1:  # 确保独居老人就医有保障、办证不跑腿: the people first, then the aims
                if actor_ends is None:
                    actor_ends = defaultdict(list)
                    for c in spans.records(doc, KEY):
                        if core_class(c.label_) == "Actor":
                            actor_ends[c.start_char].append(c.end_char)
                ends = [e for e in actor_ends.get(start, ()) if e - start <= len(first) - 2]
                if not ends:
                    continue
                start = max(ends)
            found.append((m, start))
            aims.add(start)
        done = {m.end("items") for m, _ in found}
        found += [(m, m.start("items")) for m in self._re.finditer(text) if m.end("items") not in done]
        for m, start in found:
            items = text[start:m.end("items")].split("、")
            if max(map(len, items)) - min(map(len, items)) > 1 or any("的" in x for x in items):
                continue
            if start not in aims and any(x.startswith(v) for x in items for v in self._verbs if len(v) >= 2):
                continue  # 打造A、实现B: coordinated verb phrases, each with its own object
            span = doc.char_span(start, m.end("items"), alignment_mode="contract")
            if span is None:
                continue
            ok, pos = True, start
            for item in items:
                toks = [t for t in span if pos <= t.idx < pos + len(item)]
                if not any(t.text == "不" or (tags.get(t.text, "").startswith("v") and (
                        tags.get(t.text) != "vn" or start in aims)) or t.text.startswith("不") for t in toks):
                    ok = False
                    break
                pos += len(item) + 1
            if ok:
                add_candidate(doc, start, m.end("items"), "ServiceTarget", "slogan")
        return doc


class PersonRecognizer:
    """A personal name (jieba tags it ``nr``) directly followed by a title (某某总书记, 某某主席), or a name
    right after a title and before a verb or punctuation (某委副书记某某表示: the name alone)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self._titles = {h for h, (c, _, _) in self.lexicon.heads.items() if c == "Role"}
        self._longest = max(map(len, self._titles), default=0)
        self._title_last = frozenset(t[-1] for t in self._titles)
        self._known = frozenset(self.lexicon.words)
        self._title_ends = _Memo(self._title_end)
        #: one-character surnames (a name jieba splits after one: 林+某某)
        self._surnames = frozenset(self.lexicon.word_lists.get("surnames", ()))
        #: 某某同志, 某某先生 (grammar ``personHonorifics``); 某某，女，…… (grammar ``genderWords``)
        self._honorifics = frozenset(self.lexicon.word_lists.get("personHonorifics", ()))
        self._genders = frozenset(self.lexicon.word_lists.get("genderWords", ()))
        self._party_ends = tuple(self.lexicon.word_lists.get("partyNounEnds", ())) or ("\0",)  # 申请+人

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        words, offs = doc_words(doc)
        n = len(words)
        self._addressed(doc, words, offs)
        # the rules below look at a title or at the word after a word ending in one: only those positions
        at = set(compress(range(1, n), map(self._titles.__contains__, words[1:])))
        at.update(compress(range(1, n), map(self._title_ends.__getitem__, words[:-1])))
        # a byline sets the name apart from the title: 记者 + space + 某某
        at.update(i for i in range(2, n) if words[i - 1].isspace() and words[i - 2] in self._titles)
        found = []  # added at the end, in order
        for i in sorted(at):
            after_title = self._title_ends[words[i - 1]] or (i >= 2 and words[i - 1].isspace()
                                                             and words[i - 2] in self._titles)
            if words[i] in self._titles and i >= 2 and self.split_name(words, i - 2) \
                    and (i == 2 or words[i - 3] in _PUNCT or words[i - 3].isspace()):
                found.append(_token_candidate(doc, words, offs, i - 2, i, "Person", "person"))  # 李+某某+代表
            elif words[i] in self._titles and self._is_name(words[i - 1]):
                found.append(_token_candidate(doc, words, offs, i - 1, i + 1, "Person", "person"))
            elif after_title and self._name_after_title(words, i):
                found.append(_token_candidate(doc, words, offs, i, i + 1, "Person", "person"))
            elif after_title and self.split_name(words, i) and self._ends_name(words, i + 2):
                found.append(_token_candidate(doc, words, offs, i, i + 2, "Person", "person"))  # 处长+林+某某
        spans.extend(doc, KEY, found)
        return doc

    def _addressed(self, doc: Doc, words: list[str], offs: list[int]) -> None:
        """A name before an honorific (某某同志, 某某先生), and the name opening a profile line with the
        person's sex (某某，女，某族，……): the name alone is a person."""
        found = []
        for i, word in enumerate(words):
            if word in self._honorifics and i >= 1:
                a = self._name_start(words, i)
                if a is not None:
                    found.append(_token_candidate(doc, words, offs, a, i, "Person", "person"))
            elif word == "," and i + 2 < len(words) and words[i + 1] in self._genders \
                    and words[i + 2] in (",", "。"):
                a = self._name_start(words, i)
                if a is not None and (a == 0 or words[a - 1] == "\n"):
                    found.append(_token_candidate(doc, words, offs, a, i, "Person", "person"))
        spans.extend(doc, KEY, found)

    def _name_start(self, words: list[str], i: int) -> int | None:
        """The first token of a name of two or three characters ending before token ``i``: one token jieba tags
        as a name or does not know (向+某某+同志), or the tokens jieba cut a name into from a clause's start
        (，+包+某某+同志), none a word of the lexicon, a function word or an adjective, time word, pronoun …"""
        for a in (i - 3, i - 2):
            if a < 0 or not (a == 0 or words[a - 1] in _PUNCT or words[a - 1].isspace()):
                continue
            run = words[a:i]
            if _NAME.fullmatch("".join(run)) and not any(
                    t in self._known or t in FUNCTION_WORDS or self._tags.get(t, "")[:1] in _NOT_NAME_TAGS for t in run):
                return a
        return i - 1 if self._bare_name(words[i - 1]) else None

    def _bare_name(self, word: str) -> bool:
        """A name of two or three characters that jieba tags as a name or does not know, no word of the
        lexicon."""
        if not _NAME.fullmatch(word) or word in self._known:
            return False
        tag = self._tags.get(word)
        if tag is not None and word.endswith(self._party_ends):
            return False  # 申请人，女，……: a party of a case (a word jieba knows ending in 人/者), no one's name
        return tag is None or tag.startswith("nr")

    @property
    def _tags(self) -> dict[str, str]:
        return _pos_tags()  # loaded on first use, not when the pipeline is built

    def split_name(self, words: list[str], i: int) -> bool:
        """Tokens ``i`` and ``i + 1`` are a name jieba split: a surname of the grammar's ``surnames`` (one
        character) and a given name of one or two characters that is no word of the grammar or a function word
        (林+某某, 周+某某)."""
        if i < 0 or i + 1 >= len(words) or words[i] not in self._surnames:
            return False
        given = words[i + 1]
        return 1 <= len(given) <= 2 and _HAN.fullmatch(given) is not None and given not in self._known \
            and given not in FUNCTION_WORDS and not _pos_tags().get(given, "").startswith(("v", "p", "c", "u", "m", "q"))

    def _ends_name(self, words: list[str], k: int) -> bool:
        """What follows a name: punctuation, a space, a verb or a preposition (某某表示, 某某在会上说)."""
        nxt = words[k] if k < len(words) else "。"
        return nxt in _PUNCT or nxt.isspace() or _pos_tags().get(nxt, "").startswith(("v", "p"))

    def _title_end(self, word: str) -> bool:
        return bool(word) and word[-1] in self._title_last and any(
            word[-n:] in self._titles for n in range(2, min(len(word), self._longest) + 1))

    def _name_after_title(self, words: list[str], i: int) -> bool:
        """副书记某某表示: a name of two or three characters that jieba tags as a name or does not know,
        between a title and a verb or punctuation."""
        word = words[i]
        if not _NAME.fullmatch(word) or word in self._known:
            return False
        self._is_name(word)  # loads the tag table
        tag = self._tags.get(word)
        if tag is not None and not tag.startswith("nr"):
            return False
        title = words[i - 1] if i >= 1 and not words[i - 1].isspace() else ""
        if title and title[-1] + word[0] in self._tags and word[0] not in self._surnames:
            return False  # 村 + 长期: the title's last character and the word's first are a word (长期, 长效)
        nxt = words[i + 1] if i + 1 < len(words) else "。"
        # 副书记某某表示, 某某说, 某某在会上表示 (a preposition opening an adverbial before the verb), and a
        # byline: (记者 某某 通讯员 某某), the title and the name apart
        return nxt in _PUNCT or nxt.isspace() or _pos_tags().get(nxt, "").startswith(("v", "p"))

    def _is_name(self, word: str) -> bool:
        if not 2 <= len(word) <= 4 or not _HAN.fullmatch(word):
            return False
        return self._tags.get(word, "").startswith("nr")


def _outside_quotes_split(text: str) -> list[str]:
    """``text`` split at 、 outside quotation marks (小区“甲、乙”的现象时有发生 stays one item)."""
    if "“" not in text:
        return text.split("、")
    items, last = [], 0
    for m, opens in _quote_scan(text, _LIST_MARKS):
        if m.group(0) == "、" and not opens:
            items.append(text[last:m.start()])
            last = m.end()
    items.append(text[last:])
    return items


class ChallengeRecognizer:
    """Clauses stating a weakness: the clause up to and including a cue (……还显不足, ……有待提高), each
    item of a list of them (A不足、B不完善等问题影响了……: two challenges), or a clause whose verb states a
    lack (……缺乏某某保障, ……难以落地). Discourse fillers opening the clause (如, 有些, 但) are left out."""

    def __init__(self, lexicon: Lexicon | None = None, *, max_chars: int = 32) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.max_chars = max_chars
        cues = "|".join(map(re.escape, self.lexicon.cues))
        lists = self.lexicon.word_lists
        intensifiers = alternation(lists.get("intensifiers", ()))  # 外流明显, 多发严重
        units = alternation(sorted(self.lexicon.units, key=len, reverse=True))
        # cues made of two parts: a burden or a bad rate said to be high (流失率较高, 负担仍然很大), a worsening
        # trend strengthened (高龄化严重), a shortfall below a figure (达标率不足60%)
        still = alternation(lists.get('stillAdverbs', ()))
        # … a predicate negated in degree (途径不够便捷, 能力不够强+等问题: not the 等 closing a list), a schedule missed (未按期完工), a resource said to be
        # few (人手少)
        composite = (rf"(?:{alternation(lists.get('burdenNouns', ()))})(?:{still})?"
                     rf"(?:{alternation(lists.get('highWords', ()))})"
                     rf"|(?:{alternation(lists.get('degreeNegations', ())) or '(?!)'})[\u4e00-\u9fff](?:(?!等)[\u4e00-\u9fff])?"
                     rf"|(?:{alternation(lists.get('delayNegations', ())) or '(?!)'})"
                     rf"(?:{alternation(lists.get('scheduleAdverbs', ())) or '(?!)'})[\u4e00-\u9fff]{{2}}"
                     rf"|(?:{alternation(lists.get('scarceNouns', ())) or '(?!)'})(?:{still})?"
                     rf"(?:{alternation(lists.get('fewWords', ())) or '(?!)'})"
                     rf"|(?:{alternation(lists.get('worseningTrends', ()))})(?:{intensifiers})"
                     rf"|(?:{alternation(lists.get('shortfallWords', ()))})\d[\d,.]*(?:%|‰|{units})?")
        #: a composite cue names what is weak itself (高龄化严重 alone is a weakness, 短板 alone is none)
        self._composite = re.compile(composite)
        cues += "|" + composite
        tails = alternation(self.lexicon.word_lists.get("weaknessTails", ()))  # ……偏少的情况
        self._cue = re.compile(rf"((?:{cues})(?:{intensifiers})?(?:{tails})?)(?=等|$)")
        # the last item of a list of weaknesses goes on with its predicate: A不足、B匮乏是制约……的因素
        self._cue_in_list = re.compile(rf"((?:{cues})(?:{intensifiers})?)(?=是)")
        lack = "|".join(map(re.escape, self.lexicon.lack_verbs)) or "(?!)"
        self._lack = re.compile(rf"^(.{{2,}}?(?:{lack})[\u4e00-\u9fff“”]{{2,12}})$")
        #: a later item of a list of weaknesses opening with a verb of lack (某某老化、缺乏某某机构)
        self._lack_item = re.compile(rf"^((?:{lack})[\u4e00-\u9fff“”]{{2,12}})$")
        #: 部分考核项只有定性描述: a part restricted to something (not the conditional 只有……才)
        self._restricted = re.compile(
            rf"((?:{alternation(lists.get('partialSubjects', ())) or '(?!)'})[\u4e00-\u9fff“”]{{1,10}}?"
            rf"(?:{alternation(lists.get('restrictVerbs', ())) or '(?!)'})[\u4e00-\u9fff“”]{{2,12}})$")
        #: 一些部门把某某任务层层加码: tasks pushed down the levels, unless prevented (严禁层层加码)
        self._partial = frozenset(lists.get("partialSubjects", ()))  # 一些部门……: the part stays in the weakness
        self._offload = re.compile(alternation(lists.get("offloadCues", ())) or "(?!)")
        self._prevent = re.compile(alternation(lists.get("preventVerbs", ())) or "(?!)")
        self._conditionals = frozenset(lists.get("conditionalOpeners", ()))  # 如, 若, 如果 … opening a clause
        self._modals = tuple(lists.get("modalVerbs", ())) or ("\0",)  # 要+层层下压+责任: a directive
        #: the fillers a weakness drops from its start, in the lexicon's order (not the quantifiers: 部分小区……,
        #: the weakness is stated of a part, the part belongs to it)
        self._leading = tuple(f for f in self.lexicon.fillers if f not in _QUANTIFIERS)
        #: a deictic subject (我市, 本区) opening a weakness is left out too: the weakness is its core
        self._leading += tuple(d for d in self.lexicon.deictics if d not in self._leading)
        #: a conjunction joining the weakness to the one before (……不足、高龄化严重,且某某偏低) is left out too
        self._leading += tuple(c for c in lists.get("leadingConjunctions", ()) if c not in self._leading)
        #: the fillers of ``_leading`` that a clause may open with, by first character, in their order (not the
        #: partial subjects, which stay in the weakness): one dictionary look-up per position, not a scan
        self._leading_at: dict[str, tuple[str, ...]] = {}
        for f in self._leading:
            if f and f not in self._partial:
                self._leading_at[f[0]] = (*self._leading_at.get(f[0], ()), f)
        #: 某某仍面临一些问题: a clause closing with a colon after one of these verbs announces the weaknesses
        self._announce = re.compile(alternation(lists.get("announceVerbs", ())) or "(?!)")
        self._remedy = re.compile(alternation(self.lexicon.word_lists.get("remedyVerbs", ())))
        cause = alternation(self.lexicon.word_lists.get("causeVerbs", ()))
        trends = alternation(self.lexicon.word_lists.get("worseningTrends", ()))
        self._cause_in = re.compile(cause)
        self._caused = re.compile(rf"^(.{{2,16}}?(?:{cause})[\u4e00-\u9fff]{{1,12}}?(?:{trends}))$")  # ……导致……老龄化
        # ……等问题 right before a cue: the cue is said of the whole list
        self._summary = re.compile(rf"等(?:{alternation(self.lexicon.word_lists.get('phenomenonNouns', ()))})$")
        shows = alternation(self.lexicon.word_lists.get("showVerbs", ()))
        features = alternation(self.lexicon.word_lists.get("featureNouns", ()))
        lacks = "".join(map(re.escape, self.lexicon.word_lists.get("lackMarks", ()))) or "\0"
        # 某某呈现“高甲、低乙”的特征: a feature shown whose quoted words hold a mark of lack
        self._feature = re.compile(rf"^(.{{2,16}}?(?:{shows})“[^“”]{{0,16}}[{lacks}][^“”]{{0,16}}”的?(?:{features}))$")

    def __call__(self, doc: Doc) -> Doc:
        _ensure(doc)
        full = doc_text(doc)
        words, offs = doc_words(doc)
        for clause in spans.records(doc, "clauses"):
            text = full[clause.start_char:clause.end_char].rstrip(",;:。!?\n")
            if full[clause.start_char:clause.end_char].rstrip("\n").endswith(":") and self._announce.search(text):
                continue  # 当前某某仍面临一些问题: what follows the colon are the weaknesses
            k = bisect.bisect_left(offs, clause.start_char)
            while k < len(words) and words[k].isspace():
                k += 1
            if k < len(words) and words[k] in self._conditionals:
                continue  # 如+资金不够,由某某补足: a condition supposed, no weakness stated (如今, 若干 are other words)
            found = False
            pos = 0
            if (m := _PHENOMENON.search(text) or self._feature.search(text)) is not None:
                self._add(doc, m.group(1), clause.start_char)  # 部分小区存在“某某”现象
                continue
            lead = 0  # 一是部分指标……: the restricted part is read after the fillers opening the clause
            while lead < len(text) and (f := next(
                    (f for f in self._leading_at.get(text[lead], ()) if text.startswith(f, lead)), None)):
                lead += len(f)
            if (m := self._restricted.match(text, lead)) is not None and "才" not in text:
                self._add(doc, m.group(1), clause.start_char + lead, self._partial)  # 部分考核项只有定性描述
                continue
            if (o := self._offload.search(text)) is not None and o.start() > lead \
                    and not text[:o.start()].endswith(self._modals) \
                    and not self._prevent.search(text, 0, o.start()) and not self._remedy.search(text, 0, o.start()):
                self._add(doc, text, clause.start_char, self._partial)  # 一些部门把某某任务层层加码给某某
                # (a clause opening with the cue, or a modal right before it, is a directive: 要层层下压责任)
                continue
            items = text.split("、") if "“" not in text else _outside_quotes_split(text)
            plain: list[tuple[str, int]] = []  # the items no cue marks, with their starts
            weak = 0
            for n, item in enumerate(items):
                m = self._cue.search(item)
                if m is None and n and n == len(items) - 1 and found:
                    m = self._cue_in_list.search(item)
                    if m and weak >= 1:
                        for p_text, p_start in plain:  # A不足、B、C缺位是……的因素: B is one of them too
                            self._add(doc, _GLOSS.sub("", p_text), p_start)
                if m and n and n == len(items) - 1 and self._summary.search(item, 0, m.start(1)):
                    if not found:  # A、B等现象依然存在: the list is one weakness
                        found |= self._add(doc, text[:pos + m.end(1)], clause.start_char)
                    break  # ……、B等现象依然存在 after a weakness: the predicate of the list, no weakness of its own
                if m:
                    added = self._add(doc, item[:m.end(1)], clause.start_char + pos)
                    found |= added
                    weak += added
                elif len(items) > 1 and (m := self._lack.search(item)):
                    found |= self._add(doc, m.group(1), clause.start_char + pos)  # A泛化、B偏重留痕
                elif n and found and (m := self._lack_item.search(item)):
                    found |= self._add(doc, m.group(1), clause.start_char + pos)  # A老化、缺乏某某机构
                elif n:
                    plain.append((item, clause.start_char + pos))
                pos += len(item) + 1
            if not found and (m := self._lack.search(text) or (
                    self._cause_in.search(text) and self._caused.search(text))):
                self._add(doc, m.group(1), clause.start_char)
        return doc

    def _add(self, doc: Doc, text: str, start: int, keep: frozenset[str] = frozenset()) -> bool:
        changed = bool(self._leading) and text.startswith(self._leading)
        while changed:
            changed = False
            for f in self._leading:
                if text.startswith(f) and len(text) > len(f) + 4 and f not in keep:
                    text, start, changed = text[len(f):], start + len(f), True
        m = self._cue.search(text)
        if m and _ANNOUNCES.fullmatch(text[:m.start(1)]) and not self._composite.fullmatch(m.group(1)):
            return False  # 存在的短板, 主要问题不足: a heading announcing weaknesses, not one of them
        if m and self._remedy.search(text, 0, m.start(1)) and not m.group(1).startswith(("不", "难")):
            return False  # 加快补齐某某短板: a task remedying a weakness (解决不到位 stays one)
        if 4 <= len(text) and len(_QUOTED.sub("“”", text)) <= self.max_chars:  # a quoted name counts as one word
            return add_candidate(doc, start, start + len(text), "Challenge", "challenge") is not None
        return False


@Language.factory("govkg_lexicon_ruler", assigns=["doc.spans"], default_config={})
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp)


@Language.factory("govkg_morphology", assigns=["doc.spans"], default_config={"max_chars": 24})
def make_morphology(nlp: Language, name: str, max_chars: int) -> MorphologyRecognizer:
    return MorphologyRecognizer(max_chars=max_chars)


@Language.factory("govkg_quotes", assigns=["doc.spans"], default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteRecognizer:
    return QuoteRecognizer()


@Language.factory("govkg_slogans", assigns=["doc.spans"], default_config={})
def make_slogans(nlp: Language, name: str) -> SloganRecognizer:
    return SloganRecognizer()


@Language.factory("govkg_persons", assigns=["doc.spans"], default_config={})
def make_persons(nlp: Language, name: str) -> PersonRecognizer:
    return PersonRecognizer()


@Language.factory("govkg_challenges", assigns=["doc.spans"], default_config={"max_chars": 32})
def make_challenges(nlp: Language, name: str, max_chars: int) -> ChallengeRecognizer:
    return ChallengeRecognizer(max_chars=max_chars)
