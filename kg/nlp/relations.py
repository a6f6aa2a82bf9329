"""Relations between the entities of a sentence, and the subjects of metrics.

Rules (each generic to the genre):

- trigger verbs from ``grammar.ttl``: the actors before the first trigger of a sentence are its subject
  (actors coordinated with 、 和 与 及, a space, or 会同 count together); the entity after a trigger is its
  object (issues, implements, setsGoal, participatesIn, faces ...); pioneeredBy and relatedTo (担任) take
  the actor of their own clause;
- a policy issued or implemented in a sentence establishes, or is implemented by, the mechanisms that the
  same sentence sets up; a policy issued under another one (为贯彻落实《A》……制定本方案) implements it;
- means: 采取/通过 X ……创新 Y -> X supports Y; mechanisms earlier in a sentence contribute to the goal it
  ends with (……努力构建 G);
- adjacency: an actor directly followed by a mechanism (某市某街道“某某经验”) -> implements, or pioneeredBy
  when the clause says 涌现/首创; a place directly followed by a place (某市某区) -> locatedIn;
- A领导的B / A领导下的B -> A leads B; two mechanisms joined by 与/和 and a word of fusion (……融合, 衔接)
  -> relatedTo; 以P为例 -> the sentence's mechanisms relatedTo P;
- 等 lists: X、Y等Z -> X partOf Z; ……X……,其中Y -> Y partOf X; level chains “A—B—C”N级架构 -> each level
  partOf the structure;
- nesting: a mechanism or policy whose name contains an actor involves it; a challenge naming an actor is
  faced by it; a policy naming a goal contributes to it; a title line's issuers issue its policy;
- headings: a mechanism in a sub-heading involves the actors measured or acting under it; the mechanism of
  an enumerated item (一、健全某机制。……) is supported by the mechanisms its item sets up and contributes to
  the goals the item pursues;
- metric subjects: the noun phrase right after the measure word (6.3万家 备案社会组织); 分别 pairs a list
  of entities with a list of values in order; else the nearest actor or mechanism before it in its clause
  (the first one when the clause states a share: 甲占乙的比例), else what the sentence's previous figure
  measures (……不少于10个X,……不少于5个), else the sentence's actor or place, else the nearest actor or
  mechanism before it in the sentence;
- approval: 《某方案》已经某政府同意 -> the approving actor relatedTo the policy;
- 由A牵头, B、C共同参与的X -> A leads X, B and C participatesIn X; 以X为载体 -> X supports what the sentence
  sets up, the sentence's subject implements X; a policy issued in a sentence contributes to the goals no
  mechanism of the sentence reaches; 会同 and words inside names do not hide a subject; 某市某区 as a subject
  is the district; the actors a numbered item works through (依托 X) are involved in its mechanism;
- figures: a rate with a noun of its own (某某办结率达97%) does not take the previous figure's subject; a
  figure with nothing of its own measures its item's mechanism, else what the sentence works through
  (依托 X, mechanisms first), else the sentence's actor or place.

- link rules from the grammar's word lists (duty lines, members, conveners, joint participation, guidance,
  location, persons, a preamble's policy, report frames; meetings, invitees, pilots, actors brought in, offices,
  joint bodies, groups served): see :class:`_LinkCues`;
- places: a place the lexicon puts in a province is located in it (which lower places sit in the place the
  document is about is decided after the pipeline: ``kg.extract._home_places``); a meeting is held in the place
  after 在 (某会在某区召开); places listed after 在 carry out what the verb sets up; a programme named after a
  place is related to it;
- a policy interpretation (《P》政策解读): P establishes what its answers set up and serves the goals they name;
- a statute (某某条例) establishes what its articles set up and is issued by the bodies of its adoption line; a
  body's own account (某局……答复) carries out what its subjectless sentences set up; 为A提供X, 通过X, 组成X,
  一是/二是 items, and bare heads standing for a mechanism named before (该平台, 据点由……承办): see
  ``docs/extraction.md`` (fourth blind set).

Output: ``doc.user_data["govkg.relations"]`` = list of ``(subj (s,e), property, obj (s,e), evidence (s,e),
trigger)``, ``doc.user_data["govkg.metric_subjects"]`` = ``{metric (s,e): [entity (s,e), ...]}`` and
``doc.user_data["govkg.item_mechanisms"]`` = ``{sentence start: mechanism (s,e)}`` (the mechanism its enumerated
item's heading names; the figure subjects of ``kg.extract`` read it).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import spans
from kg.nlp.lexicon import Lexicon, alternation, core_class, load_default_lexicon, per_lexicon
from kg.nlp.recognizers import _Memo
from kg.nlp.segment import ENUMERATION, Sentence, clause_bounds, sentences
from kg.nlp.spans import Rec
from kg.nlp.tokenizer import doc_text, doc_words

__all__ = ["RelationExtractor", "place_label", "place_rank"]

_PUNCT = set(",;:。!?\n")
_PUNCT_RE = re.compile("[,;:。!?\n]")
_ADJ_STOP = re.compile("[,;:。!?\n、的]")  # what separates two names that are not one noun phrase
#: what may stand between two coordinated actors of one subject
_LIST_WORDS = ("、", "以及", "和", "与", "及")  # what joins the items of a list
_LEADS = re.compile(r"^(?:领导|主导|统一领导)(?:的|下的?)")
_MODIFIER = re.compile(r"^[\u4e00-\u9fff]{0,4}的$")
_APPROVAL = re.compile(r"经(?P<who>[^,;:。!?]{2,30}?)(?:同意|批准)")
_FUSION = ("融合", "衔接", "结合", "联动", "协同", "贯通", "互补")
_CASE = re.compile(r"以(?P<place>[^,;:。!?为]{2,12})为(?:例|案例|个案|样本|研究对象)")
_QI_ZHONG = "其中"
_DENG = re.compile(r"等(?:约?\d+(?:,\d{3})*|[两几数一二三四五六七八九十百千]+)?[\u4e00-\u9fff]{0,4}[“]?$")  # 等28个社团
_LIST_GAP = re.compile(r"(?:[”“、]|以及|和|与|及)*")
_JOIN_GAP = re.compile(r"[”“]*(?:、|以及|和|与|及)[”“]*")  # two items of a list, not two words of one name
_COUNT_GAP = re.compile(r"(?:约|共)?(?:\d+(?:,\d{3})*|[两几数一二三四五六七八九十百千]+)?[\u4e00-\u9fff]?“?")  # 5个, 三支
_DENG_GAP = re.compile(r"”?等(?:约?\d+|[两几数一二三四五六七八九十百千]+)?[个名家类]?“?")  # 等N个 between two names
_RATIO = re.compile(r"占|比例|比重|占比")
#: 以X为载体: X is the vehicle of what the sentence sets up
_VEHICLE = re.compile(r"以(?P<x>[^,;:。!?以]{2,24}?)为(?:载体|抓手|平台|依托|纽带|支撑)")
#: 由A牵头 / A牵头: A leads what follows; ……共同参与的 names who takes part
_LEAD_BY = re.compile(r"由[^,;:。!?]{2,40}?(?P<verb>牵头|主导|负责)")
_TAKE_PART = re.compile(r"(?:共同|广泛|多方)?参与的?")
#: a sentence opening with its purpose (为了……, 第一条 为……): what it pursues before its verb of issuing
_PURPOSE = re.compile(r"\s*(?:第[一二三四五六七八九十百零〇\d]{1,4}条\s*)?为")
#: a rate with a noun of its own (某某成功率, 某某满意度)
_RATE = re.compile(r"(?:率|满意度)$")


#: what an actor does in a measure (the mechanism of the measure's item involves it)
_AGENT_PROPS = frozenset({"leads", "participatesIn", "responsibleFor", "implements"})
#: a paragraph opened by 一是/二是 …… (a typical case's or a speech's measures): an enumerated item too
_SHI_ITEM = re.compile(r"\s*[一二三四五六七八九十]{1,3}是(?:要)?")
_NEXT_SHI = re.compile(r"[。;:]\s*[一二三四五六七八九十]{1,3}是")


def _is_shi_item(text: str, h: Any) -> bool:
    """A heading (segmenter label ``1`` or ``2``) that opens with 一是, 二是要 …: an enumerated item."""
    return h.label_ in ("1", "2") and _SHI_ITEM.match(text, h.start_char) is not None


def _coord_gaps(lx: Lexicon) -> tuple[str, ...]:
    """What may stand between two coordinated actors of one subject: a list word, a space, or a verb of the
    grammar's ``actorJoiners`` (甲局会同乙局, 甲同乙)."""
    return (*_LIST_WORDS, " ", *lx.word_lists.get("actorJoiners", ()), "、以及")


_Ev = Span | tuple[int, int]  # or anything with start_char and end_char
_ADMIN_RANK = {"province": 0, "city": 1, "county": 2}


def _level_ends(lx: Lexicon) -> list[tuple[str, int]]:
    """The ends of place names with their rank (省 0, 市 1, 区 县 2, 镇 街道 3 …: grammar ``placeLevels*``),
    longest first."""
    wl = lx.word_lists
    return sorted(((w, rank) for rank, key in ((0, "placeLevelsProvince"), (1, "placeLevelsCity"),
                                               (2, "placeLevelsCounty"), (3, "placeLevelsTown"))
                   for w in wl.get(key, ())), key=lambda x: -len(x[0]))


def _not_after(words: tuple[str, ...], last: str) -> str:
    """Lookbehinds that keep ``last`` from ending one of ``words`` (作为, 成为 before 为), one per length of
    what precedes it (a lookbehind has a fixed width)."""
    lead: dict[int, list[str]] = {}
    for w in words:
        if w.endswith(last) and len(w) > len(last):
            lead.setdefault(len(w) - len(last), []).append(w[:-len(last)])
    return "".join(f"(?<!{alternation(ws)})" for _, ws in sorted(lead.items()))


def place_label(name: str, lx: Lexicon) -> str:
    """The lexicon's label of a place name (上海 -> 上海市), else the name."""
    e = lx.places.get(name)
    return e.label if e is not None else name


def place_rank(name: str, lx: Lexicon) -> int | None:
    """The rank of a place name: 0 province, 1 city, 2 county or district, 3 below (town, village, 分区);
    the lexicon's level first (北京市 is a province), else the end of the name (grammar ``placeLevels*``);
    None for a kind of place (社区, 城区, 乡镇: a stem under two characters or ending in a level)."""
    return per_lexicon(lx, "place ranks", _place_ranks)[name]


def _place_ranks(lx: Lexicon) -> _Memo:
    """name -> :func:`place_rank` (a pure function of the name, once the lexicon is loaded)."""
    return _Memo(lambda name: _place_rank(name, lx))


def _place_rank(name: str, lx: Lexicon) -> int | None:
    e = lx.places.get(name)
    if e is not None and e.admin_level in _ADMIN_RANK:
        return _ADMIN_RANK[e.admin_level]
    ends = per_lexicon(lx, "place level ends", _level_ends)
    end, rank = next(((end, rank) for end, rank in ends if name.endswith(end)), ("", None))
    stem = name[:len(name) - len(end)]
    if len(stem) < 2 or any(stem.endswith(e) for e, _ in ends):
        return None  # 社区, 城区, 乡镇: a kind of place, not a place's name
    return rank


_QUOTED = re.compile("“([^”]{2,})”")


#: a quota slogan, one of a thing per unit (一村一品, 「一乡一据点」, “一镇一站”): number grammar, not a word list
_QUOTA = re.compile(r"[“「\"]?一[^一,，。;；]{1,3}一")

class _Ent(NamedTuple):
    """What the rules read of a span (reading a ``Span``'s attributes costs more than the rules)."""

    start_char: int
    end_char: int
    label_: str
    id_: str
    core: str  # core_class(label_)

    @classmethod
    def of(cls, span: Rec | Span) -> _Ent:
        label = span.label_
        return cls(span.start_char, span.end_char, label, span.id_, core_class(label))


def _k(s: _Ent | Span) -> tuple[int, int]:
    return (s.start_char, s.end_char)


class _Index:
    """Entities sorted by start, for range look-ups without scanning the whole document."""

    def __init__(self, spans: list[_Ent]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start_char, -s.end_char))
        self.starts = [s.start_char for s in self.spans]

    def within(self, start: int, end: int) -> list[_Ent]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[i:j] if s.end_char <= end]

    def containing(self, start: int, end: int, reach: int = 400) -> list[_Ent]:
        """Spans holding ``[start, end)`` (names are short: only those starting within ``reach`` before)."""
        i = bisect.bisect_right(self.starts, start)
        j = bisect.bisect_left(self.starts, start - reach)
        return [s for s in self.spans[j:i] if s.end_char >= end and (s.start_char, s.end_char) != (start, end)]


class RelationExtractor:
    def __init__(self, lexicon: Lexicon | None = None, *, adjacency_gap: int = 4) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.gap = adjacency_gap
        # single characters (报) would match inside other words (报告): only words count here
        preds = sorted((p for p in self.lexicon.predicates if len(p) > 1), key=len, reverse=True)
        self._pred_re = re.compile("|".join(map(re.escape, preds))) if preds else None
        # what links a measured noun to its figure (达到, 保持在, 不低于 …), dropped before reading the noun
        self._link_verb = re.compile(rf"(?:{alternation(self.lexicon.word_lists.get('linkVerbs', ()))})+$")
        trig = sorted(self.lexicon.triggers, key=len, reverse=True)
        self._trig_re = re.compile("|".join(map(re.escape, trig))) if trig else None
        self._links = _LinkCues.of(self.lexicon)
        self._interpretation = self.lexicon.word_lists.get("interpretationWords", ())
        self._founding = frozenset(self.lexicon.founding)
        # 在A、B两地开展: what may close a list of places before its verb (grammar ``placeListTails``)
        self._place_tails = re.compile(rf"(?:{alternation(self.lexicon.word_lists.get('placeListTails', ()))})$")
        wl = self.lexicon.word_lists
        self._coord = _coord_gaps(self.lexicon)
        # a statute (某某条例, 某某办法: grammar ``statuteKinds``) and the verbs of its adoption line (通过, 批准)
        # 为A和B提供(开展)X: the groups a measure serves (grammar ``serviceVerbs``); not the 为 of a verb
        # (作为, 成为, 认为: grammar ``verbsEndingInWei``)
        self._serve_re = re.compile(rf"{_not_after(wl.get('verbsEndingInWei', ()), '为')}为"
                                    rf"(?P<who>[^,;:。!?\n为]{{2,24}}?)"
                                    rf"(?:{alternation(wl.get('serviceVerbs', ()))})")
        self._anaphor_leads = frozenset(wl.get("anaphorLeads", ()))
        self._member_founding = frozenset(wl.get("memberFoundingVerbs", ()))
        # a body's own account of its work (某局关于……的答复, 某局2025年工作总结): grammar ``selfReportKinds``
        self._self_report = re.compile(rf"(?:{alternation(wl.get('selfReportKinds', ()))})$")
        # A会同B、C组成(N个)X: the bodies listed before a verb of composition make up the body after it
        self._form_re = re.compile(rf"(?:{alternation(wl.get('compositionVerbs', ()))})"
                                   rf"(?P<count>(?:\d+|[一二三四五六七八九十两]{{1,3}})[个支])?")
        # 组成调研组,……在A、B开展调研,……访谈C和D: what the body formed then does (grammar ``actorVerbs``)
        self._acts_re = re.compile(alternation(wl.get("actorVerbs", ()))) if wl.get("actorVerbs") else None
        # 某某书记说,……通过X: a speaker is not the one who works through X (grammar ``speechVerbs``)
        self._speech = re.compile(alternation(wl.get("speechVerbs", ())) or "(?!)")
        self._statute_kind = re.compile(rf"(?:{alternation(wl.get('statuteKinds', ()))})$")
        self._adopted = re.compile(alternation(wl.get("adoptionVerbs", ())))
        # 某省人大常委会……批准: a higher body approving a statute does not issue it (grammar ``approvalVerbs``)
        self._approval = frozenset(wl.get("approvalVerbs", ()))
        # 体系建设, 平台运行: a bare head before a noun of building or running modifies it (grammar ``buildNouns``)
        self._build_nouns = frozenset(wl.get("buildNouns", ()))
        # how far after a mechanism its bare head can stand for it (grammar ``bareHeadReach``)
        self._bare_reach = int(next(iter(wl.get("bareHeadReach", ())), 1500))

    # -- helpers -------------------------------------------------------------------------------------
    def _trigger_words(self, text: str) -> tuple[list[int], list[tuple[int, int, str]]]:
        """Every trigger word of the text, found in one pass: ``(starts, [(start, end, word)])``."""
        if self._trig_re is None:
            return [], []
        found = [(m.start(), m.end(), m.group(0)) for m in self._trig_re.finditer(text)]
        return [f[0] for f in found], found

    def _in_sentence(self, text: str, sent: Sentence, words: tuple[list[int], list[tuple[int, int, str]]] | None
                     ) -> list[tuple[int, int, str]]:
        """The trigger words of one sentence: those of the whole text that lie in it, unless one of them runs
        across a sentence bound (then the sentence is scanned alone, as the bounds cut the words)."""
        lo, hi = sent.start_char, sent.end_char
        if words is not None:
            starts, found = words
            i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
            if not ((i > 0 and found[i - 1][1] > lo) or (j > i and found[j - 1][1] > hi)):
                return found[i:j]
        return [(m.start(), m.end(), m.group(0)) for m in self._trig_re.finditer(text, lo, hi)]

    def _triggers(self, text: str, sent: Sentence, ents: list[_Ent],
                  words: tuple[list[int], list[tuple[int, int, str]]] | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, property, word) of trigger words outside entity names, in order (``words``: those of
        the whole text, from :meth:`_trigger_words`)."""
        if self._trig_re is None:
            return []
        out: list[tuple[int, int, str, str]] = []
        lo = sent.start_char
        taken = None  # characters of the sentence inside an entity name, marked on the first match
        triggers = self.lexicon.triggers
        for s, e, word in self._in_sentence(text, sent, words):
            if taken is None:
                taken = bytearray(max(sent.end_char, max((x.end_char for x in ents), default=0)) - lo + 1)
                for x in ents:
                    if x.end_char > x.start_char >= lo:
                        taken[x.start_char - lo:x.end_char - lo] = b"\x01" * (x.end_char - x.start_char)
            if taken[s - lo]:
                continue
            out.append((s, e, triggers[word], word))
        return out

    @staticmethod
    def _coordinated(text: str, spans: list[_Ent], core: str, backwards: bool = False,
                     ok: Callable[[_Ent], bool] | None = None, quotes: str = "", *,
                     gaps: tuple[str, ...]) -> list[_Ent]:
        """The first span (the last one, ``backwards``) and those coordinated with it (、 和 与 及 会同 …, with
        ``quotes`` aside; ``gaps``: what may stand between two, see :func:`_coord_gaps`), same core class (or
        accepted by ``ok``)."""
        if not spans:
            return []
        seq = list(reversed(spans)) if backwards else spans
        group = [seq[0]]
        for e in seq[1:]:
            a, b = (e, group[-1]) if backwards else (group[-1], e)
            if text[a.end_char:b.start_char].strip(quotes) in gaps and (e.core == core if ok is None else ok(e)):
                group.append(e)
            else:
                break
        return list(reversed(group)) if backwards else group

    def __call__(self, doc: Doc) -> Doc:
        rels: list[tuple] = []
        outer = sorted(map(_Ent.of, spans.records(doc, "entities")))
        nested = list(map(_Ent.of, spans.records(doc, "nested")))
        metrics = list(map(_Ent.of, spans.records(doc, "metrics")))
        text = doc_text(doc)
        # a bare head standing for a mechanism named before (该平台, 据点由……承办): a name of the rules, whose
        # relations go to the mechanism it stands for
        back = self._bare_heads(doc, text, outer)
        if back:
            outer = sorted(outer + [_Ent(s, e, m.label_, "anaphor", m.core) for (s, e), m in back.items()])
        index = _Index(outer)

        def add(a: _Ent, p: str, b: _Ent, ev: _Ev, trig: str = "") -> None:
            a, b = back.get(_k(a), a), back.get(_k(b), b)
            if _k(a) == _k(b):
                return
            evk = (ev.start_char, ev.end_char) if hasattr(ev, "start_char") else ev
            rels.append((_k(a), p, _k(b), evk, trig))

        implemented_in: dict[int, list[_Ent]] = {}  # sentence start -> mechanisms set up in it
        means_in: dict[int, list[_Ent]] = {}  # sentence start -> what it works through (依托/通过 X)
        goals_in: dict[int, list[tuple[_Ent, bool]]] = {}  # sentence start -> (goal, reached by a mechanism)
        subjects_by_sent: dict[int, list[_Ent]] = {}
        sents = sentences(doc)
        words = self._trigger_words(text)
        items = self._item_mechanisms(doc, text, sents, index)
        # sentence start -> (policies it applies: 为贯彻落实《A》, policies it issues: 制定《B》)
        policies_in: dict[int, tuple[list[_Ent], list[_Ent]]] = {}
        found = self._links.prepare(text, outer)
        for sent in sents:
            ents = index.within(sent.start_char, sent.end_char)
            if not ents:
                continue
            self._sentence(text, sent, ents, add, implemented_in, goals_in, subjects_by_sent, words, means_in,
                           policies_in)
            self._links.sentence(self, text, sent, ents, add, implemented_in.get(sent.start_char, []),
                                 means_in.get(sent.start_char, []), items.get(sent.start_char), found)
        self._nesting(doc, index, nested, add)
        self._titles(doc, outer, nested, add)
        self._province_places(text, outer, nested, add)
        self._links.duties(text, index, add)
        self._links.preamble(doc, text, sents, index, policies_in, add)
        self._links.item_policies(sents, items, policies_in, add)
        self._links.item_means(sents, items, means_in, add)
        self._links.umbrella(self, doc, text, sents, index, add)
        self._statute(doc, text, index, implemented_in, add)
        self._author_acts(text, outer, sents, implemented_in, subjects_by_sent, add)
        self._links.own_acts(doc, text, sents, index, implemented_in, subjects_by_sent, add)
        self._interpreted(text, sents, outer, implemented_in, subjects_by_sent, add, words)
        # a figure inside a weakness (某区两处某某工程未按期完工) may measure an actor named in the weakness
        weak = [e for e in outer if e.core == "Challenge"]
        named_in_weakness = [n for n in nested if n.core == "Actor" and any(
            w.start_char <= n.start_char and n.end_char <= w.end_char for w in weak)] if weak and metrics else []
        subjects = self._metric_subjects(text, sents, _Index(sorted(outer + named_in_weakness)) if named_in_weakness
                                         else index, metrics, subjects_by_sent, means_in, items)
        self._headings(doc, text, sents, index, subjects, implemented_in, goals_in, subjects_by_sent, add,
                       means_in, rels)
        if back:
            subjects = {q: [_k(back[x]) if x in back else x for x in subs] for q, subs in subjects.items()}
        doc.user_data["govkg.relations"] = rels
        doc.user_data["govkg.metric_subjects"] = subjects
        doc.user_data["govkg.item_mechanisms"] = {a: (m.start_char, m.end_char) for a, m in items.items()}
        return doc

    def _bare_heads(self, doc: Doc, text: str, outer: list[_Ent]) -> dict[tuple[int, int], _Ent]:
        """Bare heads that stand for a mechanism named before: the last word of the mechanism's name (平台 of
        “某某”信息平台, 据点 of 某某关怀据点), written alone after a demonstrative (该, 此: grammar
        ``anaphorLeads``), a word of means (通过, 依托: the ``supports`` triggers) or at the start of a clause,
        outside any name and not before a noun of building (体系建设: grammar ``buildNouns``), within
        ``bareHeadReach`` characters after a mechanism with that last word: the nearest such mechanism, where
        with no demonstrative a quota slogan (一乡一据点) yields to a mechanism of its own named before."""
        mechs = [e for e in outer if e.core == "Mechanism" and e.label_ != "Policy" and e.id_ != "anaphora"]
        if not mechs or not self._anaphor_leads:
            return {}
        words, offs = doc_words(doc)
        last: dict[str, list[_Ent]] = {}  # last word of a name -> the mechanisms named so, in order
        i = 0
        for m in mechs:
            i = bisect.bisect_right(offs, m.end_char - 1, i) - 1
            w = words[i] if i >= 0 else ""
            if len(w) >= 2 and offs[i] + len(w) == m.end_char and m.end_char - m.start_char > len(w) + 1:
                last.setdefault(w, []).append(m)
        if not last:
            return {}
        taken = bytearray(len(text) + 1)
        for e in outer:
            taken[e.start_char:e.end_char] = b"\x01" * (e.end_char - e.start_char)
        out: dict[tuple[int, int], _Ent] = {}
        reach = self._bare_reach
        for k, w in enumerate(words):
            named = last.get(w)
            if named is None or taken[offs[k]]:
                continue
            if k + 1 < len(words) and words[k + 1] in self._build_nouns:
                continue  # 体系建设, 平台运行: the word modifies a noun, it is no head of its own
            s = offs[k]
            lead = words[k - 1] if k else "\n"
            shown = lead in self._anaphor_leads
            prior = [m for m in named if m.end_char <= s and s - m.end_char <= reach]
            if not prior or not (shown or lead in _PUNCT or self.lexicon.triggers.get(lead) == "supports"):
                continue
            # the nearest mechanism named so; with no demonstrative, not a quota slogan (一乡一据点: one per
            # township) when a mechanism of its own was named: the slogan counts the mechanism, it is not it
            own = [m for m in prior if not _QUOTA.match(text, m.start_char, m.end_char)]
            pick = prior[-1] if shown or not own else own[-1]
            out[(s, s + len(w))] = pick
        return out

    # -- one sentence --------------------------------------------------------------------------------
    def _topic(self, text: str, sent: Sentence, e: _Ent, ents: list[_Ent] = ()) -> bool:
        """An actor can be the sentence's subject only if no verb comes before it in its clause
        (我们要始终牢记某某嘱托 and 突出某某聚集社区 name actors that are objects, not subjects); words inside
        the names before it do not count (某水利建设局会同某局: 建设 is part of a name)."""
        c0, _ = clause_bounds(text, e.start_char, sent.start_char, sent.end_char)
        before = text[c0:e.start_char]
        if not before:
            return True
        for x in ents:
            if c0 <= x.start_char and x.end_char <= e.start_char:
                a, b = x.start_char - c0, x.end_char - c0
                before = before[:a] + "□" * (b - a) + before[b:]
        if self._trig_re is not None and self._trig_re.search(before):
            return False
        if self._pred_re is not None and self._pred_re.search(before):
            return False
        return "的" not in before
    def _sentence(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable, implemented_in: dict,
                  goals_in: dict, subjects_by_sent: dict, words: tuple | None = None,
                  means_in: dict | None = None, policies_in: dict | None = None) -> None:
        trig = self._triggers(text, sent, ents, words)
        first_t = trig[0][0] if trig else sent.end_char
        subj = self._coordinated(text, [e for e in ents if e.core == "Actor"
                                        and e.end_char <= first_t and self._topic(text, sent, e, ents)], "Actor",
                                 gaps=self._coord)
        subj = [self._lowest_place(text, ents, a) for a in subj]  # 某市某区: the district
        subjects_by_sent[sent.start_char] = subj
        through: list[_Ent] = []  # what the sentence works through: 依托/通过 X (mechanisms and actors)
        issued: list[_Ent] = []
        applied: list[_Ent] = []
        means: list[_Ent] = []
        prev_mechs: list[_Ent] = []
        implemented: list[_Ent] = []
        goals: list[tuple[_Ent, bool]] = []
        founded: list[_Ent] = []  # 成立某某专班,……,实行某机制: the body a subjectless sentence founds acts after
        founded_end = sent.end_char
        for ts, te, prop, word in trig:
            c0, cend = clause_bounds(text, ts, sent.start_char, sent.end_char)
            after = [e for e in ents if te <= e.start_char < cend]
            while len(after) > 1 and after[0].core == "Actor" and \
                    _MODIFIER.match(text[after[0].end_char:after[1].start_char]):
                after = after[1:]  # 党支部领导的楼栋议事制度: the actor only modifies the object
            objs = after[:1]
            for e in after[1:]:
                if text[objs[-1].end_char:e.start_char].strip("“”") in self._coord + ("", "”、“"):
                    objs.append(e)
                else:
                    break
            if prop == "setsGoal":
                objs = [e for e in ents if e.start_char >= te and e.core == "Goal"] + \
                    [e for e in after[:1] if e.label_ == "Policy"]
            elif prop == "takesPartIn":  # 召开某县“某某”某某推进会: the meeting, not the words naming it
                objs = [e for e in after if e.core == "Event"][:1]
            # the actors of the trigger's own clause before it (only these two properties read them)
            local = self._coordinated(text, [e for e in ents if c0 <= e.start_char and e.end_char <= ts
                                             and e.core == "Actor"], "Actor", backwards=True, gaps=self._coord) \
                if objs and prop in ("pioneeredBy", "relatedTo") else []
            # A、B分别建立X和Y: A sets up X, B sets up Y
            paired = {_k(o): [a] for a, o in zip(subj, objs)} if len(subj) == len(objs) > 1 and \
                subj[-1].end_char <= ts and "分别" in text[subj[-1].end_char:ts] else {}
            base = subj or (founded if ts >= founded_end else [])
            if not subj and not founded and word in self._founding and objs and \
                    self._links.headcount.fullmatch(text, objs[-1].end_char, cend):  # the body closes its clause
                founded = [o for o in objs if o.core == "Actor" and o.label_ not in ("Place", "Person", "Role")]
                founded_end = cend
            for o in objs:
                oc = o.core
                s_o = paired.get(_k(o), base)
                if o.label_ == "Policy" and prop in ("issues", "setsGoal"):
                    for a in s_o:
                        add(a, "issues", o, sent, word)
                    for p in applied:
                        add(o, "implementsPolicy", p, sent, word)
                    issued.append(o)
                elif prop == "implementsPolicy" and o.label_ == "Policy":
                    applied.append(o)
                    for p in issued:
                        add(p, "implementsPolicy", o, sent, word)
                elif prop == "supports" and oc == "Mechanism":
                    means.append(o)
                    through.append(o)
                    if o.label_ != "Policy":  # 某局通过(透过)X……: the subject carries out what it works through
                        # (the actors of the trigger's own clause first: ……,网格员、调解员均通过平台办理)
                        own = self._coordinated(text, [e for e in ents if c0 <= e.start_char and e.end_char <= ts
                                                       and e.core == "Actor"], "Actor", backwards=True,
                                                gaps=self._coord) or s_o
                        for a in own if own and not self._speech.search(text, own[-1].end_char, ts) else ():
                            if a.label_ in ("Group", "Role"):
                                add(o, "involves", a, sent, word)
                            elif a.label_ != "Person":
                                add(a, "implements", o, sent, word)
                elif prop == "supports" and oc == "Actor" and o.label_ not in ("Place", "Person"):
                    through.append(o)  # 依托某中心
                elif prop in ("implements", "issues", "implementsPolicy", "supports") and oc == "Mechanism":
                    for a in s_o:
                        add(a, "implements", o, sent, word)
                    for p in applied:
                        add(o, "implementsPolicy", p, sent, word)
                    for m in means:
                        add(m, "supports", o, sent, word)
                    if prev_mechs and o.label_ != "Policy":
                        add(prev_mechs[-1], "relatedTo", o, sent, word)
                    prev_mechs.append(o)
                    implemented.append(o)
                elif oc == "Goal" and prop in ("implements", "contributesTo", "setsGoal", "pioneeredBy"):
                    if prop == "setsGoal":
                        for a in s_o:
                            add(a, "setsGoal", o, sent, word)
                        continue
                    mechs = prev_mechs or means
                    for m in mechs:
                        add(m, "contributesTo", o, sent, word)
                    for a in s_o:
                        add(a, "pursues", o, sent, word)
                    goals.append((o, bool(mechs)))
                elif prop == "contributesTo" and oc == "Mechanism" and o.label_ != "Policy":
                    for a in s_o:  # 推动“某某”建设: a mechanism pushed forward is carried out
                        add(a, "implements", o, sent, word)
                    prev_mechs.append(o)
                    implemented.append(o)
                elif prop == "participatesIn" and oc == "Mechanism":
                    for a in s_o:
                        add(a, "participatesIn", o, sent, word)
                elif oc == "Event" and prop in ("takesPartIn", "implements"):
                    for a in s_o:  # 某县召开某某推进会, 某会与某署合办某讲座: who holds the event
                        add(a, "takesPartIn", o, sent, word)
                elif prop == "faces" and oc == "Challenge":
                    for a in s_o:
                        add(a, "faces", o, sent, word)
                elif prop == "pioneeredBy" and oc == "Mechanism":
                    for a in local:
                        if a.label_ != "Person":
                            add(o, "pioneeredBy", a, sent, word)
                    prev_mechs.append(o)
                elif prop == "relatedTo" and oc == "Actor":
                    for a in local[-1:]:
                        add(a, "relatedTo", o, sent, word)
                elif oc == "Actor" and (o.label_ in ("Group", "Role") or prop == "pioneeredBy" and o.label_ not in
                                        ("Place", "Person")) and prop in ("implements", "pioneeredBy") \
                        and prev_mechs:
                    add(prev_mechs[-1], "involves", o, sent, word)  # 实施某计划,培养志愿骨干
                elif oc == "Actor" and prop == "implements" and o.label_ not in ("Place", "Person", "Group", "Role"):
                    for a in s_o:  # 某区设立某基金会: the body set up is in the place; 某局组建某队: related
                        if a.label_ == "Place":
                            add(o, "locatedIn", a, sent, word)
                        else:
                            add(a, "relatedTo", o, sent, word)
                    if not s_o and word in self._member_founding:  # 引导村民依法成立合作社: the group founding it
                        g = next((e for e in reversed(ents) if c0 <= e.start_char and e.end_char <= ts), None)
                        if g is not None and g.label_ == "Group" and ts - g.end_char <= 3 and \
                                not _ADJ_STOP.search(text, g.end_char, ts):
                            add(g, "partOf", o, sent, word)  # the members make up the body they found
        # a policy issued in the sentence establishes what the sentence sets up (健全……,制定本方案) and
        # contributes to the goals it pursues that no mechanism of the sentence reaches (为加快构建某某格局,
        # ……制定本方案)
        # 为了A,推进B,构建C,制定本条例: the purpose clauses before the verb of issuing are the policy's goals,
        # even when a mechanism of the sentence reaches them
        purpose = _PURPOSE.match(text, sent.start_char) is not None
        for p in issued:
            for m in implemented:
                if m.label_ != "Policy":
                    add(p, "establishes", m, sent, "")
            for g, reached in goals:
                if not reached or purpose and g.end_char <= p.start_char:
                    add(p, "contributesTo", g, sent, "")
        implemented_in[sent.start_char] = implemented
        if means_in is not None:
            means_in[sent.start_char] = through
        if policies_in is not None and (applied or issued):
            policies_in[sent.start_char] = (applied, issued)
        goals_in[sent.start_char] = goals
        self._adjacency(text, sent, ents, trig, add)
        self._lists(text, sent, ents, add)
        self._patterns(text, sent, ents, add)
        self._vehicle(text, sent, ents, subj, add)
        self._venue(text, sent, ents, trig, add)
        self._lead_and_take_part(text, sent, ents, add)
        self._served(text, sent, ents, add)
        self._formed(text, sent, ents, add)

    def _venue(self, text: str, sent: Sentence, ents: list[_Ent], trig: list, add: Callable) -> None:
        """某某推进会在某镇召开 / 在某区举行某某会: the meeting is held in the place right after 在 and right
        before the verb of holding it (the event named before 在 or after the verb, in the clause)."""
        if text.find("在", sent.start_char, sent.end_char) < 0 or not any(e.label_ == "Place" for e in ents):
            return  # both rules read a place after 在
        for ts, te, prop, word in trig:
            if prop == "implements":
                self._carried_out_in(text, sent, ents, ts, te, word, add)
            if prop != "takesPartIn":
                continue
            place = next((e for e in ents if e.end_char == ts and e.label_ == "Place"), None)
            if place is None or text[place.start_char - 1:place.start_char] != "在":
                continue
            c0, cend = clause_bounds(text, ts, sent.start_char, sent.end_char)
            before = [e for e in ents if c0 <= e.start_char and e.end_char < place.start_char and e.core == "Event"]
            after = [e for e in ents if te <= e.start_char < cend and e.core == "Event"]
            for ev in (before[-1:] or after[:1]):
                add(ev, "heldIn", place, sent, word)

    def _carried_out_in(self, text: str, sent: Sentence, ents: list[_Ent], ts: int, te: int, word: str,
                        add: Callable) -> None:
        """在A、B(两地)开展(试点, 推行)X: the places listed after 在 carry out the mechanism after the verb."""
        _, cend = clause_bounds(text, te, sent.start_char, sent.end_char)
        mech = next((e for e in ents if te <= e.start_char < cend), None)
        if mech is None or mech.core != "Mechanism" or mech.label_ == "Policy":
            return
        c0, _ = clause_bounds(text, ts, sent.start_char, sent.end_char)
        tail = self._place_tails.search(text, c0, ts)
        end = tail.start() if tail else ts
        listed = [e for e in ents if c0 <= e.start_char and e.end_char <= end]
        if not listed or listed[-1].end_char != end or listed[-1].label_ != "Place":
            return
        places = self._coordinated(text, listed, "Actor", backwards=True, ok=lambda e: e.label_ == "Place",
                                   gaps=self._coord)
        if text[places[0].start_char - 1:places[0].start_char] != "在":
            return
        for p in places:
            add(p, "implements", mech, sent, word)

    @staticmethod
    def _lowest_place(text: str, ents: list[_Ent], a: _Ent) -> _Ent:
        """A place named right before another place (某市某区) stands for the lower one."""
        while a.label_ == "Place":
            nxt = next((e for e in ents if e.start_char == a.end_char and e.label_ == "Place"), None)
            if nxt is None:
                break
            a = nxt
        return a

    def _vehicle(self, text: str, sent: Sentence, ents: list[_Ent], subj: list[_Ent], add: Callable) -> None:
        """以X为载体 (抓手, 平台, 依托, 纽带): X supports the mechanisms the sentence sets up after it, and the
        sentence's subject implements X."""
        for m in _VEHICLE.finditer(text, sent.start_char, sent.end_char):
            x = next((e for e in ents if e.start_char >= m.start("x") and e.end_char <= m.end("x")
                      and e.core == "Mechanism"), None)
            if x is None:
                continue
            for e in ents:
                if e.start_char >= m.end() and e.core == "Mechanism" and e.label_ != "Policy":
                    add(x, "supports", e, sent, "为载体")
            for a in subj:
                if a.end_char <= m.start():
                    add(a, "implements", x, sent, "为载体")

    def _served(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """为A和B提供X: the mechanism after the verb (in its clause), else the mechanism named last before in
        the sentence, involves the groups served; a body named last before (组建某某服务队,为A提供……) is related
        to them."""
        if text.find("为", sent.start_char, sent.end_char) < 0:
            return
        for m in self._serve_re.finditer(text, sent.start_char, sent.end_char):
            who = [e for e in ents if m.start("who") <= e.start_char and e.end_char <= m.end("who")]
            if not who or who[0].start_char != m.start("who") or any(e.core != "Actor" for e in who):
                continue
            served = [e for e in who if e.label_ not in ("Place", "Person")]
            _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
            after = next((e for e in ents if m.end() <= e.start_char < cend), None)
            last = next((e for e in reversed(ents) if e.end_char <= m.start() and (
                e.core == "Mechanism" and e.label_ != "Policy" or
                e.core == "Actor" and e.label_ not in ("Place", "Person", "Group", "Role"))), None)
            if after is not None and after.core == "Mechanism" and after.label_ != "Policy":
                target = after
            else:
                target = last
            for g in served if target is not None else ():
                add(target, "involves" if target.core == "Mechanism" else "relatedTo", g, sent, "为")

    def _formed(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """A会同B、C组成(4个)X / A、B和C联合组成X (no 由 before the list: that is the link cues' rule): the
        bodies listed right before the verb are part of the body named right after it (a mechanism: it involves
        them)."""
        for m in self._form_re.finditer(text, sent.start_char, sent.end_char):
            if any(e.start_char < m.start() < e.end_char for e in ents):
                continue  # inside a name
            # 组成社区治理领导小组: a few words of the name may stand before the body recognised
            near = [e for e in ents if m.end() <= e.start_char <= m.end() + 6
                    and not _ADJ_STOP.search(text, m.end(), e.start_char)]
            whole = next((e for e in near if e.core == "Actor"), near[0] if near else None)
            if whole is None:
                continue
            members = self._coordinated(text, [e for e in ents if e.end_char <= m.start()], "", backwards=True,
                                        ok=lambda e: e.core == "Actor" and e.label_ not in ("Place", "Person"),
                                        gaps=self._coord)
            if not members or members[-1].end_char != m.start() or text[members[0].start_char - 1:
                                                                          members[0].start_char] == "由":
                continue
            for a in members if members[0].core == "Actor" else ():
                if whole.core == "Mechanism" and whole.label_ != "Policy":
                    add(whole, "involves", a, sent, m.group(0))
                elif whole.core == "Actor" and whole.label_ not in ("Place", "Person", "Group", "Role"):
                    add(a, "partOf", whole, sent, m.group(0))
            if members[0].core == "Actor" and whole.core == "Actor" and \
                    whole.label_ not in ("Place", "Person", "Group", "Role"):
                self._formed_acts(text, sent, ents, whole, add)

    def _formed_acts(self, text: str, sent: Sentence, ents: list[_Ent], body: _Ent, add: Callable) -> None:
        """A、B联合组成X(调研组),于……在C、D开展调研,……访谈E和F: the body formed, closing its clause, is the
        subject of the later clauses that name none of their own: related to the places it works in (在C、D) and
        to the actors it acts on (访谈E和F: ``actorVerbs``)."""
        lo, hi = sent.start_char, sent.end_char
        _, pos = clause_bounds(text, body.end_char, lo, hi)
        if text[body.end_char:pos].strip():
            return  # 组成调研组开展……: the clause goes on
        while pos < hi:
            c0, c1 = clause_bounds(text, pos + 1, lo, hi)
            if c1 <= pos:
                break
            pos = c1
            inside = [e for e in ents if c0 <= e.start_char < c1]
            verb = self._acts_re.search(text, c0, c1) if self._acts_re else None
            at = text.find("在", c0, c1)
            first_act = min(x for x in (verb.start() if verb else c1, at if at >= 0 else c1))
            if any(e.start_char < first_act and e.core == "Actor" and e.label_ != "Place" for e in inside):
                break  # a clause with a subject of its own
            if at >= 0 and (verb is None or at < verb.start()):
                places = self._coordinated(text, [e for e in inside if e.start_char >= at + 1], "Actor",
                                           gaps=self._coord) if any(e.start_char == at + 1 for e in inside) else []
                for p in places:
                    if p.label_ == "Place":
                        add(body, "relatedTo", p, sent, "在")
            if verb is not None:
                objs = [e for e in inside if e.start_char >= verb.end()]
                if objs and objs[0].start_char == verb.end():
                    for o in self._coordinated(text, objs, "Actor", gaps=self._coord):
                        if o.label_ != "Place":
                            add(body, "relatedTo", o, sent, verb.group(0))

    def _lead_and_take_part(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """由A牵头, B、C共同参与的X: A leads X, B and C take part in it (also without the participants)."""
        for m in _LEAD_BY.finditer(text, sent.start_char, sent.end_char):
            lead = self._coordinated(text, [e for e in ents if e.core == "Actor" and e.start_char >= m.start()
                                            and e.end_char <= m.start("verb")], "Actor", backwards=True,
                                     gaps=self._coord)
            target = next((e for e in ents if e.start_char >= m.end() and e.core == "Mechanism"), None)
            if not lead or target is None:
                continue
            _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
            if target.start_char > cend + 40:
                continue
            for a in lead:
                add(a, "leads", target, sent, "牵头")
            part = _TAKE_PART.search(text, m.end(), target.start_char)
            if part is not None:
                for a in ents:
                    if m.end() <= a.start_char and a.end_char <= part.start() and a.core == "Actor":
                        add(a, "participatesIn", target, sent, "参与")

    def _adjacency(self, text: str, sent: Sentence, ents: list[_Ent], trig: list, add: Callable) -> None:
        """Actor + mechanism inside one noun phrase; place + place (某市某区)."""
        pioneer = None  # whether a trigger of the sentence is pioneeredBy (looked at when needed)
        for n, (a, b) in enumerate(itertools.pairwise(ents)):
            between = text[a.end_char:b.start_char]
            if a.id_ == "quote" and a.label_ == "Group" and b.label_ == "Group" and between == "”":
                add(b, "partOf", a, sent, "")  # “某某”志愿者: the volunteers are the named group's members
            if len(between) > self.gap or _ADJ_STOP.search(between) or (
                    self._trig_re is not None and self._trig_re.search(between)):
                continue  # 省政府印发《……》 is the trigger rule's: issues, not implements
            ca, cb = a.core, b.core
            if a.label_ == "Place" and b.label_ == "Place" and not between:
                add(b, "locatedIn", a, sent, "")
            if ca == "Actor" and cb == "Mechanism" and a.label_ != "Person":
                group = self._coordinated(text, [x for x in ents[:n + 1] if x.core == "Actor"],
                                          "Actor", backwards=True, gaps=self._coord)
                if pioneer is None:
                    pioneer = any(p == "pioneeredBy" for _, _, p, _ in trig)
                for x in group:
                    if pioneer:
                        add(b, "pioneeredBy", x, sent, "")
                    else:
                        add(x, "implements", b, sent, "")

    def _lists(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """X、Y等Z -> X partOf Z; ……X……,其中Y -> Y partOf X; “A—B—C”N级架构."""
        deng = text.find("等", sent.start_char, sent.end_char) >= 0
        for i, z in enumerate(ents if deng else ()):
            lead = text[max(sent.start_char, z.start_char - 12):z.start_char]
            m = _DENG.search(lead) if "等" in lead else None
            if not m:
                continue
            deng = z.start_char - len(lead) + m.start()
            chosen: list[_Ent] = []
            for e in reversed([e for e in ents[:i] if e.end_char <= deng]):
                gap = text[e.end_char:(chosen[0].start_char if chosen else deng)]
                if _LIST_GAP.fullmatch(gap):
                    chosen.insert(0, e)
                else:
                    break
            # “某某”老人和A等Z: a name's head (the quoted word before it is one name with it) is no item alone
            heads = {e.start_char for e in ents[:i] if e.end_char <= deng for x in ents[:i]
                     if x.end_char == e.start_char or x.end_char == e.start_char - 1 and text[x.end_char] in _QUOTES}
            for e in chosen:
                if e.core == z.core and not (e.start_char in heads and any(c.end_char <= e.start_char for c in chosen)):
                    add(e, "partOf", z, sent, "等")
        pos = text.find(_QI_ZHONG, sent.start_char, sent.end_char)
        while pos >= 0:
            part = next((e for e in ents if e.start_char >= pos + 2), None)
            if part is not None and text[pos + 2:part.start_char].strip(",") == "":
                whole = [e for e in ents if e.end_char <= pos and e.label_ == part.label_]
                if whole:
                    add(part, "partOf", whole[-1], sent, _QI_ZHONG)
            pos = text.find(_QI_ZHONG, pos + 2, sent.end_char)
        chain = [e for e in ents if e.id_ == "chain"]
        if chain:
            structs = [e for e in ents if e.label_ == "OrganizationalStructure"
                       and e.start_char >= chain[-1].end_char and e.start_char - chain[-1].end_char <= 8]
            for st in structs[:1]:
                for lvl in chain:
                    add(lvl, "partOf", st, sent, "—")
                for upper, lower in itertools.pairwise(chain):
                    add(lower, "subOrganizationOf", upper, sent, "—")

    def _patterns(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """A领导的B -> leads; A与B……融合 -> relatedTo; 以P为例 -> relatedTo."""
        lead = text.find("领导", sent.start_char, sent.end_char + 6) >= 0 or \
            text.find("主导", sent.start_char, sent.end_char + 6) >= 0  # what _LEADS needs
        for n, a in enumerate(ents if lead else ()):
            if a.core == "Actor" and _LEADS.match(text[a.end_char:a.end_char + 6]):
                _, cend = clause_bounds(text, a.end_char, sent.start_char, sent.end_char)
                b = next((e for e in ents[n + 1:] if e.start_char < cend and e.core == "Mechanism"),
                         None)
                if b is not None:
                    add(a, "leads", b, sent, "领导")
        mechs = [e for e in ents if e.core == "Mechanism"]
        for n, (a, b) in enumerate(itertools.pairwise(mechs)):
            if text[a.end_char:b.start_char].strip("“”") in ("与", "和", "同") and \
                    any(w in text[b.end_char:b.end_char + 8] for w in _FUSION):
                add(a, "relatedTo", b, sent, "融合")
                # A与B联动机制: the linkage named right after both has them as its parts
                link = mechs[n + 2] if n + 2 < len(mechs) else None
                if link is not None and link.start_char == b.end_char and \
                        any(w in text[link.start_char:link.end_char] for w in _FUSION):
                    add(a, "partOf", link, sent, "融合")
                    add(b, "partOf", link, sent, "融合")
        for m in _APPROVAL.finditer(text, sent.start_char, sent.end_char):
            s, e = m.start("who"), m.end("who")
            policy = next((x for x in ents if x.label_ == "Policy" and x.end_char <= s), None)
            for a in ents:
                if policy is not None and s <= a.start_char and a.end_char <= e and a.core == "Actor":
                    add(a, "relatedTo", policy, sent, "同意")  # 《某方案》已经市政府批准
        for m in _CASE.finditer(text, sent.start_char, sent.end_char):
            s, e = m.start("place"), m.end("place")
            place = next((x for x in ents if x.start_char == s and x.end_char == e), None)
            if place is not None:
                for mech in mechs:
                    add(mech, "relatedTo", place, sent, "为例")

    # -- document-wide rules -------------------------------------------------------------------------
    def _nesting(self, doc: Doc, idx: _Index, nested: list[_Ent], add: Callable) -> None:
        """An outer name and a name nested in it (``idx``: the outer names)."""
        issuers = {(s, e) for s, e in self._issuer_regions(doc)}
        self._nested_lists(doc_text(doc), sorted(n for n in nested if n.core == "Actor"), add)
        for n in nested:
            for o in idx.containing(n.start_char, n.end_char):
                oc, nc = o.core, n.core
                if any(a <= n.start_char and n.end_char <= b for a, b in issuers):
                    continue  # a title's issuer: see _titles
                if oc == "Mechanism" and nc == "Actor" and n.label_ != "Place":
                    add(o, "involves", n, o, "")
                elif oc == "Challenge" and nc == "Actor" and n.label_ != "Place":
                    add(n, "faces", o, o, "")
                    for m in nested:  # 某某“A+B”协作机制形同虚设: the mechanism named in the weakness involves A, B
                        if m.core == "Mechanism" and m.start_char <= n.start_char and n.end_char <= m.end_char \
                                and (m.end_char - m.start_char) > (n.end_char - n.start_char):
                            add(m, "involves", n, m, "")
                elif oc == "Mechanism" and nc == "Goal":
                    add(o, "contributesTo", n, o, "")
                elif o.label_ == "Policy" and nc == "Mechanism":
                    add(o, "establishes", n, o, "")
                elif o.label_ == "Policy" and n.label_ == "Place":
                    add(o, "relatedTo", n, o, "")  # 某省某某规划: the policy of that place

    @staticmethod
    def _nested_lists(text: str, actors: list[_Ent], add: Callable) -> None:
        """X、Y等(N个)Z inside a longer name (a weakness: 甲群体和乙群体等某某人员的……难题): X, Y partOf Z."""
        for i, z in enumerate(actors):
            chosen: list[_Ent] = []
            for x in reversed(actors[:i]):
                gap = text[x.end_char:(chosen[0].start_char if chosen else z.start_char)]
                if (_JOIN_GAP.fullmatch(gap) if chosen else _DENG_GAP.fullmatch(gap)) and x.label_ != "Place":
                    chosen.insert(0, x)
                else:
                    break
            ends = {a.end_char for a in actors}
            for x in chosen if z.label_ != "Place" else ():
                if x.start_char not in ends and not (text[x.start_char - 1:x.start_char] in _QUOTES and
                                                     x.start_char - 1 in ends):  # “某某”老人: a longer name's head
                    add(x, "partOf", z, z, "等")

    def _interpreted(self, text: str, sents: list[Sentence], outer: list[_Ent], implemented_in: dict,
                     subjects_by_sent: dict, add: Callable, words: tuple | None = None) -> None:
        """A document whose first line is 《P》 and a word of interpretation (《某某实施意见》政策解读, 答记者问;
        grammar ``interpretationWords``) explains P: P establishes what its sentences set up and contributes to
        the goals they name; the subject of a clause ending in a verb of carrying out with no object (某部门负责
        属地组织落实) is responsible for P."""
        head = len(text) - len(text.lstrip())
        end = text.find("\n", head)
        line = text[head:end if end >= 0 else len(text)]
        if not line.startswith("《") or "》" not in line or not self._interpretation:
            return
        tail = line[line.index("》") + 1:].strip()
        if not tail or not any(tail.endswith(w) for w in self._interpretation):
            return
        close = head + line.index("》")
        policy = next((e for e in outer if e.label_ == "Policy" and e.start_char == head + 1
                       and e.end_char == close), None)
        if policy is None:
            return
        for start, mechs in implemented_in.items():
            for m in mechs:
                if m.label_ != "Policy" and start > close:
                    add(policy, "establishes", m, m, "解读")
        for g in outer:
            if g.core == "Goal" and g.start_char > close:
                add(policy, "contributesTo", g, g, "解读")
        for sent in sents:
            subj = [a for a in subjects_by_sent.get(sent.start_char, []) if a.label_ not in ("Place", "Person")]
            if not subj or sent.start_char < close:
                continue
            for ts, te, prop, word in self._triggers(text, sent, outer, words):
                c0, cend = clause_bounds(text, ts, sent.start_char, sent.end_char)
                if prop in ("implements", "implementsPolicy") and not text[te:cend].strip() and \
                        all(a.end_char <= c0 or a.start_char >= c0 for a in subj) and \
                        not any(te <= e.start_char < cend for e in outer):
                    for a in subj:
                        if a.start_char >= c0:
                            add(a, "responsibleFor", policy, sent, word)

    def _statute(self, doc: Doc, text: str, index: _Index, implemented_in: dict, add: Callable) -> None:
        """A document that is a statute (its title, among the first three lines, names a 条例, 办法, 规定 ……:
        grammar ``statuteKinds``): the statute establishes what its articles set up, and the bodies of its
        adoption line (（某年某月某日某市人大常委会第N次会议通过）, on the lines right after the title:
        grammar ``adoptionVerbs``) issue it."""
        titles = doc.user_data.get("govkg.titles", [])
        head = len(text) - len(text.lstrip())
        limit = head + sum(len(x) + 1 for x in text[head:].split("\n", 3)[:3])
        own = next(((ps, pe) for ls, ps, pe, _ in titles if ls < limit), None)
        if own is None or not self._statute_kind.search(_NOTES.sub("", text[own[0]:own[1]])):
            return
        policy = next((e for e in index.within(*own) if _k(e) == own), None)
        if policy is None:
            return
        for start, mechs in implemented_in.items():
            for m in mechs:
                if start > own[1] and m.label_ != "Policy":
                    add(policy, "establishes", m, m, "")
        pos = text.find("\n", own[1])
        while 0 <= pos < limit:  # the lines after the title, up to the third: (……会议通过)
            end = text.find("\n", pos + 1)
            end = len(text) if end < 0 else end
            line = text[pos + 1:end].strip()
            if line[:1] == "(" and line[-1:] == ")" and self._adopted.search(line):
                for a in index.within(pos + 1, end):
                    if a.core == "Actor" and a.label_ not in ("Place", "Person"):
                        # each body with the first adoption verb after it: 某省人大常委会……批准 approves, not issues
                        verb = self._adopted.search(text, a.end_char, end)
                        if verb is None or verb.group() not in self._approval:
                            add(a, "issues", policy, (pos + 1, end), "通过")
            pos = end if end < len(text) else -1

    def _author_acts(self, text: str, outer: list[_Ent], sents: list[Sentence], implemented_in: dict,
                     subjects_by_sent: dict, add: Callable) -> None:
        """A body's own account of its work (a first line opening with the body and ending in a word of
        ``selfReportKinds``: 某局关于……的答复, 某局2025年工作总结): the body carries out what the sentences with no
        subject of their own set up (（二）推行“某某”服务。, 三是建立某某制度)."""
        head = len(text) - len(text.lstrip())
        end = text.find("\n", head)
        if end < 0 or not self._self_report.search(text, head, end):
            return
        author = next((e for e in outer if e.start_char == head), None)
        if author is None or author.core != "Actor" or author.label_ in ("Place", "Person", "Group", "Role") or \
                author.end_char >= end:
            return
        for sent in sents:
            if sent.start_char <= end or subjects_by_sent.get(sent.start_char):
                continue
            for m in implemented_in.get(sent.start_char, ()):
                if m.label_ != "Policy":
                    add(author, "implements", m, sent, "")

    def _province_places(self, text: str, outer: list[_Ent], nested: list[_Ent], add: Callable) -> None:
        """A place the lexicon puts in a province named in the text is located in it (某市 in 某省), and a
        programme named after a place is related to it (:meth:`_named_after`). Which lower places sit in the
        place the document is about is decided once, after the pipeline, where the document's jurisdiction
        is known (``kg.extract._home_places``); a place named right after another (某市某区) has its own: see
        :meth:`_adjacency`; deictics (全省) are not places of their own here."""
        places = [e for e in itertools.chain(outer, nested) if e.label_ == "Place" and e.id_ != "deixis"]
        if not places:
            return
        name = {_k(e): text[e.start_char:e.end_char] for e in places}
        by_label: dict[str, _Ent] = {}
        for e in sorted(places, key=lambda e: e.start_char):
            by_label.setdefault(place_label(name[_k(e)], self.lexicon), e)
        parents = self.lexicon.place_parents  # the lexicon the component was given, not the bundled one
        for e in places:
            parent = by_label.get(parents.get(place_label(name[_k(e)], self.lexicon), ""))
            if parent is not None:
                add(e, "locatedIn", parent, e, "属地")
        self._named_after(text, outer, places, name, add)

    def _named_after(self, text: str, outer: list[_Ent], places: list[_Ent], name: dict, add: Callable) -> None:
        """A programme whose quoted name holds the short name of a place the text names (“平安某某”活动, “某某
        e治理”平台, with 某某县 named) is that place's: ``relatedTo``."""
        shorts: dict[str, _Ent] = {}
        for e in places:
            n = name[_k(e)]
            end = next((end for end, _ in per_lexicon(self.lexicon, "place level ends", _level_ends)
                        if n.endswith(end)), "")
            if place_rank(n, self.lexicon) is not None and len(n) - len(end) >= 2:
                shorts.setdefault(n[:len(n) - len(end)], e)
        if not shorts:
            return
        for m in outer:
            if m.core != "Mechanism" or m.label_ == "Policy" or "“" not in text[m.start_char - 1:m.end_char]:
                continue
            quoted = _QUOTED.findall(text, max(0, m.start_char - 1), m.end_char + 1) or \
                [text[m.start_char:m.end_char]]
            for short, place in shorts.items():
                if any(short in q for q in quoted):
                    add(m, "relatedTo", place, m, short)

    @staticmethod
    def _issuer_regions(doc: Doc) -> list[tuple[int, int]]:
        return [(ls, ie) for ls, _, _, ie in doc.user_data.get("govkg.titles", []) if ie > ls]

    def _titles(self, doc: Doc, outer: list[_Ent], nested: list[_Ent], add: Callable) -> None:
        """The actors before 关于/印发 in a title line issue the policy it names or carries."""
        named = outer + nested
        for ls, ps, pe, ie in doc.user_data.get("govkg.titles", []):
            policy = next((s for s in named if s.start_char == ps and s.end_char == pe), None)
            if policy is None or ie <= ls:
                continue
            actors = [s for s in named if ls <= s.start_char and s.end_char <= ie
                      and s.core == "Actor" and s.label_ != "Place"]
            # the longest names only (某省民政厅, not 民政厅 inside it)
            actors = [a for a in actors if not any(b is not a and b.start_char <= a.start_char and
                                                   a.end_char <= b.end_char for b in actors)]
            for a in actors:
                add(a, "issues", policy, (ls, pe), "印发")

    @staticmethod
    def _mechanism_headings(doc: Doc, text: str, index: _Index, labels: tuple[str, ...]
                            ) -> Iterator[tuple[Any, _Ent, int]]:
        """Headings of the given labels that name exactly one mechanism: ``(heading, mechanism, stop)``,
        where ``stop`` ends the heading's body (the next heading or the end of its paragraph)."""
        heads = spans.records(doc, "headings")
        for h_i, h in enumerate(heads):
            if h.label_ not in labels and not ("item" in labels and _is_shi_item(text, h)):
                continue
            hm = [e for e in index.within(h.start_char, h.end_char) if e.core == "Mechanism"]
            if len(hm) > 1:  # 二、以“某某”引导某某。: the vehicle the heading opens with
                lead = ENUMERATION.sub("", text[h.start_char:hm[0].start_char].strip()).strip("“")
                hm = hm[:1] if lead == "以" else hm
            if len(hm) != 1:
                continue
            stop = heads[h_i + 1].start_char if h_i + 1 < len(heads) else len(text)
            para_end = text.find("\n", h.end_char)
            stop = min(stop, para_end if para_end >= 0 else len(text))
            if _is_shi_item(text, h):  # 二是…。……。三是…: the next item on the same line ends it
                nxt = _NEXT_SHI.search(text, h.end_char, stop)
                stop = nxt.start() + 1 if nxt else stop
            yield h, hm[0], stop

    def _item_mechanisms(self, doc: Doc, text: str, sents: list[Sentence], index: _Index) -> dict[int, _Ent]:
        """Sentence start -> the one mechanism its enumerated item's heading names (一、健全某机制。……)."""
        out: dict[int, _Ent] = {}
        starts = [x.start_char for x in sents]
        for h, mech, stop in self._mechanism_headings(doc, text, index, ("item",)):
            for sent in sents[bisect.bisect_left(starts, h.end_char):bisect.bisect_left(starts, stop)]:
                out[sent.start_char] = mech
        return out

    def _headings(self, doc: Doc, text: str, sents: list[Sentence], index: _Index, subjects: dict,
                  implemented_in: dict, goals_in: dict, subjects_by_sent: dict, add: Callable,
                  means_in: dict | None = None, rels: list | None = None) -> None:
        measured = {s for subs in subjects.values() for s in subs}
        starts = [x.start_char for x in sents]
        # the actors that lead, take part in or carry out something, by the sentence that says so (由A牵头,
        # B、C共同参与): the item's mechanism involves them too
        agents: dict[int, list[tuple[int, int]]] = {}
        for a, p, _, ev, _ in rels or ():
            if p in _AGENT_PROPS:
                agents.setdefault(ev[0], []).append(a)
        by_key = {_k(e): e for e in index.spans}
        for h, mech, stop in self._mechanism_headings(doc, text, index, ("2", "item")):
            body = index.within(h.end_char, stop)
            for e in body:
                if e.core == "Actor" and _k(e) in measured:
                    add(mech, "involves", e, h, "")
            if h.label_ != "item" and not _is_shi_item(text, h):
                continue
            for sent in sents[bisect.bisect_left(starts, h.end_char):bisect.bisect_left(starts, stop)]:
                for m in implemented_in.get(sent.start_char, []):
                    if m.label_ != "Policy":
                        add(m, "supports", mech, sent, "")
                for g, reached in goals_in.get(sent.start_char, []):
                    if not reached:
                        add(mech, "contributesTo", g, sent, "")
                for a in subjects_by_sent.get(sent.start_char, []) + (means_in or {}).get(sent.start_char, []):
                    if a.label_ != "Place" and a.core == "Actor":
                        add(mech, "involves", a, sent, "")
                for k in agents.get(sent.start_char, ()):
                    a = by_key.get(k)
                    if a is not None and a.core == "Actor" and a.label_ not in ("Place", "Person"):
                        add(mech, "involves", a, sent, "")

    # -- metrics -------------------------------------------------------------------------------------
    def _metric_subjects(self, text: str, sents: list[Sentence], index: _Index, metrics: list[_Ent],
                         subjects_by_sent: dict, means_in: dict | None = None, items: dict | None = None) -> dict:
        out: dict[tuple[int, int], list[tuple[int, int]]] = {}
        starts = [x.start_char for x in sents]
        by_sent: dict[int, list[_Ent]] = {}
        for m in metrics:
            by_sent.setdefault(bisect.bisect_right(starts, m.start_char) - 1, []).append(m)
        for i, ms in by_sent.items():
            sent = sents[i]
            ents = index.within(sent.start_char, sent.end_char)
            paired = self._distributive(text, sent, ents, ms)
            last: list[tuple[int, int]] = []  # the subject of the sentence's previous figure
            for m in ms:
                out[_k(m)] = self._subject_of(text, sent, m, ents, paired, last, subjects_by_sent.get(sent.start_char),
                                              (means_in or {}).get(sent.start_char, []),
                                              (items or {}).get(sent.start_char))
                last = out[_k(m)] or last
        return out

    def _subject_of(self, text: str, sent: Sentence, m: Sentence, ents: list[_Ent], paired: dict, last: list,
                    subj: list | None, through: list | None = None, item: _Ent | None = None) -> list:
        """What one figure measures; see the module docstring for the order of the rules."""
        if _k(m) in paired:
            return [paired[_k(m)]]
        right = [e for e in ents if 0 <= e.start_char - m.end_char <= 1
                 and not any(c in _PUNCT or c == "、" for c in text[m.end_char:e.start_char])]
        if right:
            return [_k(right[0])]
        left = [e for e in ents if e.end_char <= m.start_char and e.label_ not in ("Place", "Person")
                and e.core in ("Actor", "Mechanism")]
        c0, _ = clause_bounds(text, m.start_char, sent.start_char, sent.end_char)
        clause = [e for e in left if e.start_char >= c0]
        if clause:
            ratio = _RATIO.search(text, c0, m.start_char)
            return [_k(clause[0] if ratio else clause[-1])]  # 甲人数占乙人数比例: 甲
        own = self._own_measure(text[c0:m.start_char])
        if last and not own:
            return list(last)  # ……980家,占比提高3.2个百分点 / ……不少于10个X,……不少于5个
        if item is not None:
            return [_k(item)]  # (三)建设某平台。……覆盖楼栋不低于600个: the item's mechanism
        if through:  # 依托某中心和某机制,……办结率达97%: the mechanism first
            return [_k(min(through, key=lambda e: e.core != "Mechanism"))]
        topic = [e for e in subj or () if e.end_char <= m.start_char] or \
            [e for e in ents if e.label_ == "Place" and e.end_char <= m.start_char][-1:]
        return [_k(t) for t in (topic or left[-1:])[:1]]

    def _own_measure(self, before: str) -> bool:
        """The clause names what its figure measures: a rate with a modifier of its own (纠纷化解率为, not
        覆盖率达), so it does not take the previous figure's subject."""
        np = self._link_verb.sub("", before)
        return bool(_RATE.search(np)) and len(np) >= 4

    def _distributive(self, text: str, sent: Sentence, ents: list[_Ent], ms: list[_Ent]) -> dict:
        """A、B……分别达 x、y -> x measures A, y measures B (as many entities as values, in order)."""
        out: dict = {}
        for i, m in enumerate(ms):
            pos = text.rfind("分别", sent.start_char, m.start_char)
            if pos < 0 or pos < sent.start_char or any(c in _PUNCT for c in text[pos:m.start_char]):
                continue
            values = [m]
            for n in ms[i + 1:]:
                if text[values[-1].end_char:n.start_char] in ("、", "和", ",", "与"):
                    values.append(n)
                else:
                    break
            before = [e for e in ents if e.end_char <= pos]
            # the list right before 分别 (村、社区分别…); 某某、某某“某做法”占比分别…: the values measure the
            # practice named last, not the actors
            items = self._coordinated(text, before, before[-1].core, backwards=True, gaps=self._coord) \
                if before else []
            if len(values) > 1 and len(items) == len(values):
                for v, e in zip(values, items):
                    out[_k(v)] = _k(e)
            break
        return out


@Language.factory("govkg_relations", assigns=["doc.user_data"], default_config={"adjacency_gap": 4})
def make_relations(nlp: Language, name: str, adjacency_gap: int) -> RelationExtractor:
    return RelationExtractor(adjacency_gap=adjacency_gap)


_DUTY_END = re.compile(r"[;。)\n]")
_ITEM_EDGE = re.compile(r"[\s、,，;；:：。\n]")  # what stands around a whole item of a list
_DUTY_GAP = re.compile(r"[\s;,。,)]*")
_QUOTES = "“”"
_LIST_SPLIT = re.compile("|".join(_LIST_WORDS))
_NOTES = re.compile(r"(?:\([^()]{1,12}\))+$")  # (节选), (2025—2027年) after a title


class _DocCues(NamedTuple):
    """What :meth:`_LinkCues.prepare` found in one document (per call: the rules keep no state between documents)."""

    starts: list[int]  # the position of each cue, in order
    cues: list[tuple[str, re.Match | None]]  # (rule, match) of each cue
    names: list[_Ent]  # the document's names, sorted (for a meeting or body named in an earlier sentence)
    name_starts: list[int]  # their start positions


class _LinkCues:
    """Link rules driven by the grammar's word lists (``ontology/grammar.ttl``):

    - duty lines of notices and plans: ``责任单位:A、B,C`` / ``牵头单位:A;配合单位:B`` / ``(责任单位:……)``
      after a numbered measure -> each actor ``responsibleFor`` (``leads``, ``participatesIn``) the mechanisms
      the measure names, from its enumerated line up to the duty line (events: ``takesPartIn``);
    - members: ``由A、B与C组成的X`` / ``X由A、B组成`` / ``X吸纳A、B和C`` -> A partOf X (X a mechanism: X involves A);
    - roles: ``由A担任召集人`` / ``A当组长`` -> A leads the mechanism of the clause (the one the sentence sets
      up, else the nearest one before, else its numbered item's); ``A、B与C共同参与`` (``引导A和B参与X``)
      -> participatesIn X or the mechanism of the clause, and what the sentence works through (通过 M) involves
      them;
    - guidance: ``在A指导下设立X`` / ``A指导B组建X`` -> A leads X;
    - location: ``X地处Y`` -> X locatedIn Y; a person after a role after a place (某街道党委书记某某) ->
      the person relatedTo the role, locatedIn the place (partOf an organisation);
    - ``A推出的X`` (a trigger verb + 的 between an actor and a mechanism) -> A implements X;
    - meetings: ``A、B(共N人)参加会议`` -> takesPartIn the meeting named before; ``邀请A、B出席`` -> takesPartIn /
      participatesIn; ``观摩了A、B`` in a sentence about a meeting -> the meeting relatedTo the sites;
    - ``A、B已先行试点`` -> implements the mechanism before; ``引入(鼓励)A……`` -> the clause's mechanism involves A;
      ``X办公室设在Y`` -> X relatedTo Y; ``甲局会同(联同)乙局`` -> relatedTo; ``面向A的X`` -> X involves A;
    - charge: ``建立X机制,由A负责组织实施`` / ``X由A统筹推进`` -> A responsibleFor / leads X;
    - ``某厅培训A和B`` (actorVerbs) -> relatedTo; ``A与B结对`` (pairingWords) -> relatedTo; a team named
      before its members' group (某某志愿服务队……注册志愿者) -> partOf; ``重点向A倾斜`` -> the clause's
      mechanism relatedTo A;
    - documents: a policy the preamble applies (为贯彻落实《A》,……通知如下) -> the document's own policy
      implementsPolicy A; a mechanism named after the document's kind (规划实施……机制) implementsPolicy it; a
      policy issued under a numbered item establishes the item's mechanism, what the item works through
      supports it; the items of a report support (involve) the frame its lead sets (以P为抓手).

    Every cue word is a SKOS scheme of the grammar (see ``docs/extraction.md``); the cues of a document are
    found once (:meth:`prepare`, which returns them with the document's names as a :class:`_DocCues`; the
    component keeps nothing between documents) and the rules run only in the sentences that hold one.
    """

    def __init__(self, lx: Lexicon) -> None:
        wl = lx.word_lists
        alt = lambda key: alternation(wl.get(key, ()))
        self.duty_prop = {**{w: "participatesIn" for w in wl.get("supportUnits", ())},
                          **{w: "leads" for w in wl.get("leadUnits", ())},
                          **{w: "responsibleFor" for w in wl.get("responsibleUnits", ())},
                          **{w: "issues" for w in wl.get("proposerUnits", ())}}  # 提案人:A (a proposal's header)
        self.duty_re = re.compile(rf"(?P<cue>{alternation(tuple(self.duty_prop))})\s*[::]\s*")
        self.compose_re = re.compile(rf"由(?P<list>[^,;:。!?\n]{{1,80}}?)(?:{alt('compositionVerbs')})(?P<de>的)?")
        self.role_re = re.compile(rf"(?:{alt('roleVerbs')})(?:{alt('leadRoles')})(?P<de>的)?")
        self.adverbs_re = re.compile(rf"(?:{alt('jointAdverbs')})*$")
        self.guided_re = re.compile(rf"在(?P<who>[^,;:。!?\n]{{2,30}}?)的?(?:{alt('guidanceWords')})下")
        self.pair_re = re.compile(alt("pairingWords"))
        take_part = [w for w, p in lx.triggers.items() if p == "participatesIn"]
        setup = [w for w, p in lx.triggers.items() if p in ("implements", "issues")]
        self.setup_re = re.compile(alternation(setup))
        self.setup_de = re.compile(rf"(?:{alternation(setup)})了?的")
        self.noun_suffix = re.compile(alt("nounSuffixes"))
        # the kind of a policy (规划, 方案 ……): a head of the class Policy ending its name
        kinds = [h for h, (c, _, _) in lx.heads.items() if c == "Policy" and len(h) >= 2]
        self.policy_head = re.compile(rf"(?:{alternation(kinds)})$")
        self.charge_prop = {**{w: "responsibleFor" for w in wl.get("dutyVerbs", ())},
                            **{w: "leads" for w in wl.get("leadVerbs", ())}}
        self.towards_re = re.compile(rf"向(?P<where>[^,;:。!?\n向]{{2,30}}?)(?:{alt('towardsVerbs')})")
        self.charge_re = re.compile(rf"由(?P<who>[^,;:。!?\n由]{{2,30}}?)(?P<verb>{alternation(tuple(self.charge_prop))})")
        self.coord = _coord_gaps(lx)  # what may stand between two coordinated actors
        # meetings: who attends (参加/出席), who is invited (邀请A、B出席), what they visit (观摩), the words that
        # point back to the meeting named before (会议, 会上)
        self.attend_re = re.compile(alt("attendVerbs"))
        self.event_nouns = re.compile(alt("eventNouns"))
        # what may stand between a list of actors and their verb: adverbs (共同, 率先, 已) and a head count
        # (共N余人): numbers, multipliers, qualifiers, measure words and the words opening a figure
        pre_verb = alternation((*wl.get("jointAdverbs", ()), *wl.get("figureOpeners", ()), *wl.get("pilotAdverbs", ()),
                                *lx.qualifiers, *lx.units, "等", "万", "亿"))
        self.headcount = re.compile(rf"(?:{pre_verb}|\d+(?:\.\d+)?)*$")
        self.lead_in = re.compile(rf"(?:{alt('jointLeadIns')})$")  # 甲局则联同乙局
        # 邀请A及B授课: what invited guests do in a measure they take part in (grammar ``guestActVerbs``)
        # (邀请社区医生及律师授课: a short item nobody recognised may close the list)
        self.guest_act = re.compile(rf"(?:(?:{alternation(_LIST_WORDS)})[\u4e00-\u9fff]{{1,6}}?)?等?"
                                    rf"(?:{alt('guestActVerbs')})")
        self.seat_re = re.compile(rf"(?:{alt('seatNouns')})(?:{alt('seatVerbs')})")
        self.stem_re = re.compile(r"[\u4e00-\u9fff]{1,6}$")  # the words naming the body before 办公室
        # the word cues of the rules in one pattern (one pass over the text): word -> the rules it cues
        self.rules_of: dict[str, tuple[str, ...]] = {}
        for rule, words in (("recruit", wl.get("recruitVerbs", ())), ("part", take_part),
                            ("attend", wl.get("attendVerbs", ())), ("invite", wl.get("inviteVerbs", ())),
                            ("visit", wl.get("visitVerbs", ())), ("pilot", wl.get("pilotVerbs", ())),
                            ("bring", wl.get("introduceVerbs", ())), ("joint", wl.get("coordinatingVerbs", ())),
                            ("audience", wl.get("audienceVerbs", ())),
                            ("guide", wl.get("guidanceWords", ())), ("loc", wl.get("locationVerbs", ())),
                            ("act", wl.get("actorVerbs", ())), ("pair", wl.get("pairingWords", ())),
                            ("include", wl.get("inclusionVerbs", ())), ("entrust", wl.get("entrustVerbs", ())),
                            ("subunit", wl.get("subunitWords", ())), ("carry", wl.get("dutyTails", ())),
                            ("hear", wl.get("hearVerbs", ())), ("section", wl.get("sectionVerbs", ())),
                            ("pronoun", wl.get("personPronouns", ())), ("organise", wl.get("organiseVerbs", ()))):
            for w in words:
                self.rules_of[w] = self.rules_of.get(w, ()) + (rule,)
        self.cue_re = re.compile(alternation(tuple(self.rules_of)))  # literal words only: a fast pass
        self.leadership = frozenset(wl.get("leadershipWords", ()))  # 在A带领下,B……: A leads B
        self.role_verb = re.compile(alt("roleVerbs"))  # 邀请A、B担任调解员
        self.hold_re = re.compile(alt("holdVerbs")) if wl.get("holdVerbs") else None  # 某某,……,现任A、B
        self.manners = re.compile(rf"(?:{alt('dutyManners')})*$")  # 按职责分工 before 抓好落实
        self.voice = re.compile(rf"(?:的)?(?:{alt('voiceNouns')})")  # 受理A诉求
        self._of_re = re.compile(rf"(?:{alt('subunitWords')}|的)")  # 某署辖下的 / 某局的 before the subject

    @classmethod
    def of(cls, lx: Lexicon) -> _LinkCues:
        return cls(lx)

    # -- helpers -------------------------------------------------------------------------------------
    def _run_back(self, text: str, ents: list[_Ent], end: int, ok: Callable[[_Ent], bool]) -> list[_Ent]:
        """The actors coordinated (、 和 与 及, quotes aside) whose list ends right at ``end``."""
        before = [e for e in ents if e.end_char <= end]
        if not before or text[before[-1].end_char:end].strip(_QUOTES) or not ok(before[-1]):
            return []
        return RelationExtractor._coordinated(text, before, "", backwards=True, ok=ok, quotes=_QUOTES, gaps=self.coord)

    @staticmethod
    def _member(e: _Ent) -> bool:
        return e.core == "Actor" and e.label_ not in ("Place", "Person")

    @staticmethod
    def _mechanism_of(ents: list[_Ent], pos: int, implemented: list[_Ent], item: _Ent | None) -> _Ent | None:
        """The mechanism a clause at ``pos`` is about: the one its sentence sets up, else the nearest one
        before it, else its numbered item's."""
        before = [e for e in implemented if e.start_char < pos and e.label_ != "Policy"] or \
            [e for e in ents if e.end_char <= pos and e.core == "Mechanism" and e.label_ != "Policy"]
        return before[-1] if before else item

    # -- duty lines ----------------------------------------------------------------------------------
    def duties(self, text: str, index: _Index, add: Callable) -> None:
        """责任单位:A、B / 牵头单位:A;配合单位:B / (责任单位:……) after a numbered measure."""
        if not self.duty_prop or ("单位" not in text and "部门" not in text and "主体" not in text):
            return
        marks = list(self.duty_re.finditer(text))
        floor = 0
        opening = [m.start() - (m.start() > 0 and text[m.start() - 1] in "((") for m in marks]  # (责任单位:
        group_start = None
        for k, m in enumerate(marks):
            stop = _DUTY_END.search(text, m.end())
            end = stop.start() if stop else len(text)
            if k + 1 < len(marks):
                end = min(end, opening[k + 1])
            if group_start is None or not k or not _DUTY_GAP.fullmatch(text, floor, opening[k]):
                group_start = opening[k]  # 牵头单位:A;配合单位:B: one measure for both
                start = self._measure_start(text, opening[k], floor)
            actors = [e for e in index.within(m.end(), end) if e.core == "Actor" and e.label_ != "Person"]
            targets = [e for e in index.within(start, group_start) if e.core in ("Mechanism", "Event")]
            prop = self.duty_prop[m.group("cue")]
            if prop == "issues":  # 提案人:A: only a name that is the whole of an item (not 某某党派某市委会's 某市委)
                actors = [a for a in actors if _ITEM_EDGE.fullmatch(text[a.start_char - 1:a.start_char] or ",")
                          and _ITEM_EDGE.fullmatch(text[a.end_char:a.end_char + 1] or ",")]
            for a in actors:
                for t in targets:
                    add(a, "takesPartIn" if t.core == "Event" else prop, t, (start, end), m.group("cue"))
            floor = end

    @staticmethod
    def _measure_start(text: str, cue: int, floor: int, max_lines: int = 8) -> int:
        """Where the measure of a duty line at ``cue`` starts: its enumerated line (一、 (二) 3.), walking
        back from the duty line's own line; else the line before it (or the duty line's own line, when the
        duty comes after the measure on one line)."""
        line = text.rfind("\n", 0, cue) + 1
        own_line = not text[line:cue].strip()
        p = text.rfind("\n", 0, line - 1) + 1 if own_line and line > 0 else line
        first = max(p, floor)
        for _ in range(max_lines):
            if p < floor:
                break
            if ENUMERATION.match(text[p:p + 12].lstrip()):
                return p
            if p == 0:
                break
            p = text.rfind("\n", 0, p - 1) + 1
        return first

    # -- one sentence --------------------------------------------------------------------------------
    def prepare(self, text: str, outer: list[_Ent]) -> _DocCues:
        """Every cue of the link rules in the text, found in one pass per rule, in order of position, with the
        document's names; persons and groups the rules look at are cues too (without a match)."""
        got: list[tuple[int, str, re.Match | None]] = [
            (e.start_char, "person" if e.label_ == "Person" else "team", None) for e in outer
            if e.label_ == "Person" or e.label_ == "Group" and e.end_char - e.start_char >= 3]
        for name, pattern in (("compose", self.compose_re), ("guided", self.guided_re), ("role", self.role_re),
                              ("made", self.setup_de), ("charge", self.charge_re), ("towards", self.towards_re),
                              ("seat", self.seat_re)):
            got += [(m.start(), name, m) for m in pattern.finditer(text)]
        for m in self.cue_re.finditer(text):
            for rule in self.rules_of[m.group(0)]:
                if rule != "part" or not self.noun_suffix.match(text, m.end()):  # 参与率 is no taking part
                    got.append((m.start(), rule, m))
        got.sort(key=lambda x: x[0])
        return _DocCues([g[0] for g in got], [(g[1], g[2]) for g in got], outer, [e.start_char for e in outer])

    def sentence(self, rx: RelationExtractor, text: str, sent: Sentence, ents: list[_Ent], add: Callable,
                 implemented: list[_Ent], through: list[_Ent], item: _Ent | None,
                 doc_cues: _DocCues) -> None:
        lo, hi = sent.start_char, sent.end_char
        here = doc_cues.cues[bisect.bisect_left(doc_cues.starts, lo):bisect.bisect_left(doc_cues.starts, hi)]
        if here:
            self._cues(rx, text, sent, ents, add, implemented, through, item, here, doc_cues)

    def _cues(self, rx: RelationExtractor, text: str, sent: Sentence, ents: list[_Ent], add: Callable,
              implemented: list[_Ent], through: list[_Ent], item: _Ent | None, here: list,
              doc_cues: _DocCues) -> None:
        """The rules of the cues found in one sentence, one cue at a time."""
        lo, hi = sent.start_char, sent.end_char
        done: set[str] = set()  # the rules that look at the whole sentence once
        ending = starting = None  # entity by end / start position, made when a rule needs them
        for name, m in here:
            if m is not None and m.end() > hi:
                continue
            if name in ("person", "team", "pair", "compose"):
                if name in done:
                    continue
                done.add(name)
                if name == "person":
                    self._persons(text, sent, ents, add)
                    self._posts(text, sent, ents, add)
                elif name == "team":
                    self._teams(text, sent, ents, add)
                elif name == "pair":
                    self._pairs(text, sent, ents, add)
                else:
                    self._composed(text, sent, ents, [x for n, x in here if n == "compose" and x.end() <= hi], add)
                continue
            if ending is None:
                ending = {e.end_char: e for e in ents}
                starting = {e.start_char: e for e in ents}
            if name == "part":
                self._take_part(text, sent, ents, m, add, implemented, through, item)
            elif name == "act":
                if m.end() in starting:  # most do not name an actor right after them (服务 is a common word)
                    self._acts_on(text, sent, ents, m, add, implemented)
            elif name == "made":  # 某区推出的“某某”制度
                x, y = ending.get(m.start()), starting.get(m.end())
                if x is not None and y is not None and x.core == "Actor" and y.core == "Mechanism":
                    add(x, "implements", y, sent, m.group(0))
            elif name == "loc":
                x, y = ending.get(m.start()), starting.get(m.end())
                if x is not None and y is not None and x.core == "Actor" and y.core == "Actor":
                    x = rx._lowest_place(text, ents, x) if x.label_ == "Place" else x
                    y = rx._lowest_place(text, ents, y)  # 位于某省某市北部: in the city (the city is in the province)
                    add(x, "locatedIn" if y.label_ == "Place" else "subOrganizationOf", y, sent, m.group(0))
            elif name == "recruit":
                _, cend = clause_bounds(text, m.end(), lo, hi)
                members = [e for e in ents if m.end() <= e.start_char and e.end_char <= cend and self._member(e)]
                whole = [e for e in ents if e.end_char <= m.start() and
                         (self._member(e) or e.core == "Mechanism" and e.label_ != "Policy")]
                c0, _ = clause_bounds(text, m.start(), lo, hi)
                if whole and whole[0].start_char == lo and whole[0].core == "Mechanism" and \
                        not any(c0 <= e.start_char < m.start() for e in ents):
                    whole = whole[:1]  # “某某”平台覆盖N个街道,配备网格员: the sentence's topic, not an object
                if members and whole:
                    self._join(whole[-1], members, sent, add, m.group(0))
            elif name == "role":
                leaders = self._run_back(text, ents, m.start(), self._member)
                target = next((e for e in ents if e.start_char >= m.end() and e.core in ("Mechanism", "Actor")),
                              None) if m.group("de") else self._mechanism_of(ents, m.start(), implemented, item)
                for a in leaders if target is not None else ():
                    add(a, "leads", target, sent, m.group(0))
            elif name == "towards":  # 重点向A和B倾斜: the mechanism of the clause is turned towards them
                target = self._mechanism_of(ents, m.start(), implemented, item)
                for x in ents if target is not None else ():
                    if m.start("where") <= x.start_char and x.end_char <= m.end("where") and x.core == "Actor":
                        add(target, "relatedTo", x, sent, "向")
            elif name == "charge":
                self._charged(text, sent, ents, m, add, implemented, item)
            elif name == "attend":
                self._attend(text, sent, ents, m, add, doc_cues)
            elif name == "invite":
                self._invited(text, sent, ents, m, add, implemented, item)
            elif name == "visit":
                self._visits(text, sent, ents, m, add, doc_cues)
            elif name == "pilot":
                self._pilot(text, sent, ents, m, add, implemented, item, doc_cues)
            elif name == "bring":
                self._brought(text, sent, ents, m, add, implemented, item)
            elif name == "seat":
                self._seat(text, sent, ents, m, add, doc_cues)
            elif name == "audience":
                self._audience(text, sent, ents, m, add)
            elif name == "joint":  # 甲局会同(联同)乙局: the two bodies act together
                y = starting.get(m.end())
                lead = self.lead_in.search(text, max(lo, m.start() - 2), m.start())
                x = ending.get(m.start()) or (ending.get(lead.start()) if lead else None)
                if x is not None and y is not None and self._member(x) and self._member(y):
                    add(x, "relatedTo", y, sent, m.group(0))
            elif name == "guided":
                who = [e for e in ents if m.start("who") <= e.start_char and e.end_char <= m.end("who")
                       and self._member(e)]
                made = self._set_up(text, sent, ents, m.end()) if who else None
                if made is None and who and text[m.end() - 3:m.end() - 1] in self.leadership:
                    # 在A带领下,B……: A leads the subject of the next clause (quotes aside)
                    p = m.end() + (text[m.end():m.end() + 1] in ",，")
                    made = starting.get(p) or starting.get(p + (text[p:p + 1] in _QUOTES))
                    made = made if made is not None and (self._member(made) or made.core == "Mechanism"
                                                         and made.label_ != "Policy") else None
                for a in who if made is not None else ():
                    add(a, "leads", made, sent, "指导")
            elif name == "guide":
                guides = self._run_back(text, ents, m.start(), self._member) if m.start() in ending else []
                made = self._set_up(text, sent, ents, m.end(), same_clause=True) if guides else None
                for a in guides if made is not None else ():
                    add(a, "leads", made, sent, m.group(0))

            elif name == "include":
                self._included(text, sent, ents, m, add, starting, ending)
            elif name == "entrust":
                self._entrusted(text, sent, ents, m, add, starting, ending)
            elif name == "subunit":
                self._subunits(text, sent, ents, m, add, ending)
            elif name == "carry":
                self._carry_out(text, sent, ents, m, add, implemented, item)
            elif name == "hear":
                self._heard(text, sent, ents, m, add, starting)
            elif name == "pronoun":
                self._pronoun(text, sent, ents, m, add, implemented, doc_cues)
            elif name == "organise":
                self._organiser(text, sent, ents, m, add, implemented, ending, starting)
            elif name == "section":
                self._section(text, sent, ents, m, add, starting, ending)

    # -- bodies taken in, entrusted, set under another -------------------------------------------------
    def _pronoun(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                 implemented: list[_Ent], doc_cues: _DocCues) -> None:
        """……某某(a person)……。2019年,她牵头成立X: a pronoun opening a clause stands for the person named last
        before (within 600 characters), who carries out what the clause sets up."""
        c0, cend = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        if c0 != m.start() or any(e.start_char <= m.start() < e.end_char for e in ents) or \
                text[m.end():m.end() + 1] == "们":  # 他们: no one person
            return
        i = bisect.bisect_left(doc_cues.name_starts, m.start())
        person = next((e for e in reversed(doc_cues.names[max(0, i - 60):i]) if e.label_ == "Person"), None)
        if person is None or m.start() - person.end_char > 600:
            return
        for x in implemented:
            if m.end() <= x.start_char < cend and x.label_ != "Policy":
                add(person, "implements", x, sent, m.group(0))

    def _organiser(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                   implemented: list[_Ent], ending: dict, starting: dict) -> None:
        """A组织B开展X,……为C提供Y (A opening the sentence, B right after the verb): A carries out the mechanisms
        the sentence names after the verb."""
        a, b = ending.get(m.start()), starting.get(m.end())
        if a is None or b is None or a.start_char != sent.start_char or not self._member(a) and a.label_ != "Person" \
                or b.core != "Actor":
            return
        for x in ents:
            if x.start_char >= b.end_char and x.core == "Mechanism" and x.label_ != "Policy":
                add(a, "implements", x, sent, m.group(0))

    def _heard(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable, starting: dict) -> None:
        """依托X平台受理A诉求 / 某委员会……收集A意见: the platform (body) named last before the verb in the
        sentence serves the group whose requests or opinions it takes in."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        g = starting.get(m.end())
        if g is None or g.label_ != "Group" or not self.voice.match(text, g.end_char):
            return
        agent_ok = lambda e: (self._member(e) and e.label_ != "Group") or e.core == "Mechanism" and e.label_ != "Policy"
        c0, _ = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        # the agent: the name last before the verb in its own clause, else the sentence's first name
        agent = next((e for e in reversed(ents) if c0 <= e.start_char and e.end_char <= m.start()), None)
        if agent is None:  # the sentence's first name; 某署辖下的某委员会: the body it names a unit of is no subject
            names = [e for e in ents if e.core in ("Actor", "Mechanism") and e.label_ != "Place"]
            agent = names[0] if names else None
            if len(names) > 1 and self._of_re.match(text, names[0].end_char) and names[1].start_char < m.start():
                agent = names[1]
        if agent is not None and agent_ok(agent):
            add(agent, "involves" if agent.core == "Mechanism" else "relatedTo", g, sent, m.group(0))

    def _section(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable, starting: dict,
                 ending: dict) -> None:
        """在“某某”平台(上)增设“某某”专区: the section is part of the platform."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        y = starting.get(m.end()) or starting.get(m.end() + 1)  # “某某”专区
        at = m.start() - (text[m.start() - 1:m.start()] in "上中内")  # 在某平台上增设
        host = ending.get(at) or ending.get(at - 1)
        if y is None or host is None or y.core != "Mechanism" or host.core != "Mechanism" or \
                "Policy" in (y.label_, host.label_) or text[max(0, host.start_char - 2):host.start_char].strip(_QUOTES)[-1:] != "在":
            return
        add(y, "partOf", host, sent, m.group(0))

    @staticmethod
    def _policy_before(ents: list[_Ent], pos: int) -> _Ent | None:
        """The policy named last before ``pos`` in the sentence, when no other mechanism stands after it."""
        before = [e for e in ents if e.end_char <= pos and e.core == "Mechanism"]
        return before[-1] if before and before[-1].label_ == "Policy" else None

    def _carry_out(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                   implemented: list[_Ent], item: _Ent | None) -> None:
        """出台《P》,由A统筹,B、C(按职责)分工落实: a clause made only of bodies and a verb of carrying out
        (``dutyTails``, with no object) makes each body responsible for the policy named before in the sentence,
        else for the mechanism of the clause."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        c0, cend = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        if text[m.end():cend].strip() or c0 == sent.start_char:
            return
        cut = m.start() - len(self.manners.search(text[c0:m.start()]).group(0))  # 按职责分工 before the verb
        bodies = self._run_back(text, ents, cut, lambda e: self._member(e) and e.label_ not in ("Group", "Role"))
        if not bodies or bodies[0].start_char != c0:
            return
        target = self._policy_before(ents, c0) or self._mechanism_of(ents, c0, implemented, item)
        for a in bodies if target is not None else ():
            add(a, "responsibleFor", target, sent, m.group(0))

    def _included(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                  starting: dict, ending: dict) -> None:
        """A将(把)B、C纳入X: the mechanism X involves B and C, and A (named right before 将) implements X."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        x = starting.get(m.end()) or starting.get(m.end() + 1)
        if x is None or x.core != "Mechanism" or x.label_ == "Policy":
            return
        c0, _ = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        pre = text[c0:m.start()]
        k = max(pre.rfind("将"), pre.rfind("把"))
        if k < 0:
            return
        at = c0 + k
        for b in ents:
            if at < b.start_char and b.end_char <= m.start() and self._member(b):
                add(x, "involves", b, sent, m.group(0))
        lead = self.adverbs_re.search(text, c0, at)  # 某区还将……: adverbs between the body and 将
        a = ending.get(at) or (ending.get(lead.start()) if lead else None)
        if a is not None and a.core == "Actor" and a.label_ != "Person" and a.start_char >= c0:
            add(a, "implements", x, sent, m.group(0))

    def _entrusted(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                   starting: dict, ending: dict) -> None:
        """受A委托,B…… / A委托B: the body entrusting and the body entrusted are related."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        a = ending.get(m.start())
        if a is None or not self._member(a):
            return
        if "受" in (text[a.start_char], text[max(sent.start_char, a.start_char - 1):a.start_char]):
            # 受A委托,(第三方机构)B组成…… (the segmenter may glue 受 to the body)
            _, cend = clause_bounds(text, m.end() + 1, sent.start_char, sent.end_char)
            b = next((e for e in ents if m.end() < e.start_char < cend), None)
        else:
            b = starting.get(m.end())
        if b is not None and self._member(b):
            add(a, "relatedTo", b, sent, m.group(0))

    def _subunits(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                  ending: dict) -> None:
        """A下设N个B / A辖下的B: B is a unit of A (a place of a place: locatedIn)."""
        a = ending.get(m.start())
        if a is None or a.core != "Actor" or a.label_ == "Person":
            return
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        b = next((e for e in ents if m.end() <= e.start_char < cend), None)
        if b is None or b.core != "Actor" or b.label_ == "Person" or \
                not _COUNT_GAP.fullmatch(text, m.end(), b.start_char):  # 下设5个B, 下设三个B: a count between
            return
        add(b, "locatedIn" if b.label_ == "Place" and a.label_ == "Place" else "subOrganizationOf", a, sent,
            m.group(0))

    # -- meetings ------------------------------------------------------------------------------------
    def _event_at(self, text: str, sent: Sentence, ents: list[_Ent], pos: int, doc_cues: _DocCues) -> _Ent | None:
        """The meeting a verb at ``pos`` is about: an event named after it in its clause, else (when the
        words after it are a noun of meetings, 参加会议, or nothing) the last event named before it, in the
        sentence or the two sentences before (……推进会在某镇召开。……参加会议)."""
        _, cend = clause_bounds(text, pos, sent.start_char, sent.end_char)
        after = [e for e in ents if pos <= e.start_char < cend]
        if after:
            return after[0] if after[0].core == "Event" else None
        rest = text[pos:cend].strip("了")
        if rest and not self.event_nouns.match(rest):
            return None
        return self._event_before(doc_cues, pos)

    @staticmethod
    def _event_before(doc_cues: _DocCues, pos: int, reach: int = 300) -> _Ent | None:
        """The last event named before ``pos``, within ``reach`` characters."""
        i = bisect.bisect_left(doc_cues.name_starts, pos)
        for e in reversed(doc_cues.names[max(0, i - 40):i]):
            if e.core == "Event" and e.end_char <= pos:
                return e if pos - e.end_char <= reach else None
        return None

    def _attend(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                doc_cues: _DocCues) -> None:
        """A、B和C(共N人)参加会议 / 出席某某会: the actors listed before the verb take part in the meeting."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        event = self._event_at(text, sent, ents, m.end(), doc_cues)
        if event is None:
            return
        c0, _ = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        pre = text[c0:m.start()]
        cut = c0 + self.headcount.search(pre).start()  # 共N余人, 均, 等
        for a in self._run_back(text, ents, cut, lambda e: e.core == "Actor" and e.label_ != "Place"):
            add(a, "takesPartIn", event, sent, m.group(0))

    def _invited(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                 implemented: list[_Ent], item: _Ent | None) -> None:
        """(X由A主持,)邀请B、C及D出席(参加): the invited take part in the meeting named after the verb of
        attending, else in the mechanism of the clause (the one the sentence sets up, else the nearest before);
        邀请B及C授课 (no verb of attending, a verb of ``guestActVerbs``): the guests right after the verb take
        part in that mechanism."""
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        verb = self.attend_re.search(text, m.end(), cend)
        if verb is None:  # 邀请A及B授课: the guests listed right after the verb act in the clause's mechanism
            role = self.role_verb.search(text, m.end(), cend)
            if role is not None and not any(m.end() <= e.start_char < role.start() and not self._member(e)
                                            for e in ents):
                # 邀请A、B等N名C担任调解员: the guests and the post they hold serve in the clause's mechanism
                target = self._mechanism_of(ents, m.start(), implemented, item)
                held = next((e for e in ents if e.start_char == role.end()), None)
                for a in [e for e in ents if m.end() <= e.start_char and e.end_char <= role.start()] + \
                        ([held] if held is not None and self._member(held) else []):
                    if target is not None:
                        add(target, "involves", a, sent, m.group(0))
                return
            first = next((e for e in ents if e.start_char >= m.end()), None)
            if first is None or first.start_char != m.end() or first.start_char >= cend:
                return
            guests = RelationExtractor._coordinated(text, [e for e in ents if m.end() <= e.start_char < cend], "",
                                                    ok=self._member, quotes=_QUOTES, gaps=self.coord)
            if not self.guest_act.match(text, guests[-1].end_char):
                return  # 邀请某书记谈体会: a guest who only speaks takes no part
            target = self._mechanism_of(ents, m.start(), implemented, item)
            for a in guests if target is not None and self._member(first) else ():
                add(a, "participatesIn", target, sent, m.group(0))
            return
        guests = [e for e in ents if m.end() <= e.start_char and e.end_char <= verb.start() and self._member(e)]
        after = [e for e in ents if verb.end() <= e.start_char < cend]
        target = after[0] if after else self._mechanism_of(ents, m.start(), implemented, item)
        if target is None or target.core not in ("Event", "Mechanism") or target.label_ == "Policy":
            return
        for a in guests:
            add(a, "takesPartIn" if target.core == "Event" else "participatesIn", target, sent, m.group(0))

    def _visits(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                doc_cues: _DocCues) -> None:
        """(与会人员)观摩了A、B等N个现场点 in a sentence about a meeting: the places visited are the meeting's."""
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        event = next((e for e in ents if e.core == "Event"), None)
        if event is None and (self.event_nouns.search(text, sent.start_char, sent.end_char) or
                              self.attend_re.search(text, sent.start_char, sent.end_char)):
            event = self._event_before(doc_cues, sent.start_char)
        if event is None:
            return
        sites = [e for e in ents if m.end() <= e.start_char < cend and e.core != "Event" and e.label_ != "Place"]
        if not sites:
            return
        sites = RelationExtractor._coordinated(text, sites, "", ok=lambda e: e.core in ("Actor", "Mechanism"),
                                               quotes=_QUOTES, gaps=self.coord)
        for x in sites:
            if x.core in ("Actor", "Mechanism") and x.label_ != "Policy":
                add(event, "relatedTo", x, sent, m.group(0))

    # -- pilots, actors brought in, seats ------------------------------------------------------------
    def _pilot(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
               implemented: list[_Ent], item: _Ent | None, doc_cues: _DocCues) -> None:
        """A、B(已)先行试点, with nothing after the verb: the places pilot the mechanism of the clause, else
        the last one named in the sentence before (同时建立某某制度……。A、B已先行试点)."""
        ents = [e for e in ents if (e.start_char, e.end_char) != (m.start(), m.end())]  # the verb is no name
        if any(e.start_char <= m.start() < e.end_char for e in ents):
            return
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        if any(m.end() <= e.start_char < cend for e in ents):
            return  # 试点某某计划: the trigger rule's
        c0, _ = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        cut = c0 + self.headcount.search(text[c0:m.start()]).start()  # 已, 率先, 先行
        pilots = self._run_back(text, ents, cut, lambda e: e.core == "Actor")
        if not pilots:
            return
        target = self._mechanism_of(ents, pilots[0].start_char, [x for x in implemented if x in ents], item)
        if target is None:
            i = bisect.bisect_left(doc_cues.name_starts, sent.start_char)
            para = text.rfind("\n", 0, sent.start_char)
            target = next((e for e in reversed(doc_cues.names[max(0, i - 30):i]) if e.core == "Mechanism"
                           and e.label_ != "Policy" and e.start_char > para and e.end_char <= sent.start_char), None)
        for a in pilots if target is not None else ():
            add(a, "implements", target, sent, m.group(0))

    def _brought(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                 implemented: list[_Ent], item: _Ent | None) -> None:
        """推行某模式。引入(鼓励, 引导)A和B参与……: the actors brought in take part in the mechanism of the
        clause (the one the sentence sets up, else the nearest before, else its numbered item's)."""
        first = next((e for e in ents if e.start_char >= m.end()), None)
        if first is None or first.start_char != m.end() or not self._member(first):
            return
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        people = RelationExtractor._coordinated(text, [e for e in ents if m.end() <= e.start_char < cend], "",
                                                ok=self._member, quotes=_QUOTES, gaps=self.coord)
        # 资助A、B等28个社团: the whole the list closes with is brought in too
        whole = next((e for e in ents if e.start_char >= people[-1].end_char), None)
        if whole is not None and self._member(whole) and _DENG_GAP.fullmatch(text, people[-1].end_char, whole.start_char):
            people.append(whole)
        target = self._mechanism_of(ents, m.start(), implemented, item)
        for a in people if target is not None else ():
            add(target, "involves", a, sent, m.group(0))

    def _audience(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable) -> None:
        """面向A、B的X / X面向A和B(开放): the mechanism serves the groups named right after the verb."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return
        c0, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        after = [e for e in ents if m.end() <= e.start_char < cend]
        if not after or after[0].start_char != m.end() or not self._member(after[0]):
            return
        groups = RelationExtractor._coordinated(text, after, "", ok=self._member, quotes=_QUOTES, gaps=self.coord)
        rest = [e for e in after if e.start_char >= groups[-1].end_char]
        if rest and text[groups[-1].end_char:rest[0].start_char] == "的":
            target = rest[0]  # 面向A的X
        else:
            target = next((e for e in reversed(ents) if c0 <= e.start_char and e.end_char <= m.start()), None)
        if target is None or target.core != "Mechanism" or target.label_ == "Policy":
            return
        for g in groups:
            add(target, "involves", g, sent, m.group(0))

    def _seat(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
              doc_cues: _DocCues) -> None:
        """某某专班(领导小组)办公室设在某局: the body whose office it is (named before, ending in the word
        before 办公室) is related to the body hosting it."""
        host = next((e for e in ents if e.start_char == m.end() and self._member(e)), None)
        found = self.stem_re.search(text, max(0, m.start() - 6), m.start())
        if host is None or found is None:
            return
        stem, stem_start = found.group(0), found.start()
        i = bisect.bisect_left(doc_cues.name_starts, stem_start + 1)
        body = None
        for e in reversed(doc_cues.names[max(0, i - 30):i]):
            name = text[e.start_char:e.end_char]
            if e.end_char <= m.start() and m.start() - e.end_char <= 300 and \
                    (e.end_char == m.start() or name.endswith(stem) or stem.endswith(name[-2:])):
                body = e
                break
        if body is not None and body is not host and (self._member(body) or body.core == "Mechanism"):
            add(body, "relatedTo", host, sent, m.group(0))

    def _charged(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                 implemented: list[_Ent], item: _Ent | None) -> None:
        """建立X机制,由A负责组织实施 / X由A统筹推进: A is responsible for (leads) the mechanism of the clause,
        when no mechanism follows in the clause (由A牵头……的X is the leading rule's)."""
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        if any(m.end() <= e.start_char < cend and e.core == "Mechanism" for e in ents):
            return
        who = [e for e in ents if m.start("who") <= e.start_char and e.end_char <= m.end("who") and self._member(e)]
        # 出台《P》,由A统筹: the policy named right before, else the mechanism of the clause
        target = (self._policy_before(ents, m.start()) or self._mechanism_of(ents, m.start(), implemented, item)) \
            if who else None
        for a in who if target is not None else ():
            add(a, self.charge_prop[m.group("verb")], target, sent, m.group("verb"))

    def _persons(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """某街道某小区党支部书记某某: a person after a role (after a place)."""
        for n, (a, b) in enumerate(itertools.pairwise(ents)):
            # 县委副书记　王某某 (a speaker line): white space between the role and the name
            if b.label_ == "Person" and not text[a.end_char:b.start_char].strip(" \u3000\t") and \
                    a.core == "Actor" and a.label_ not in ("Person", "Place"):
                add(b, "relatedTo", a, sent, "")  # 党委书记某某: the person holds the role
                head = a
                for r in reversed(ents[:n]):  # 区委副书记、区长某某: each role of the chain
                    if text[r.end_char:head.start_char] != "、" or r.label_ != "Role":
                        break
                    add(b, "relatedTo", r, sent, "、")
                    head = r
                q = ents[n - 1] if n else None
                if q is not None and q.core == "Actor" and q.label_ != "Person" and \
                        len(text[q.end_char:a.start_char]) <= 2 and not _ADJ_STOP.search(text, q.end_char, a.start_char):
                    add(b, "locatedIn" if q.label_ == "Place" else "partOf", q, sent, "")

    def _posts(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """某某,女,……,现任A、B (a person, then the posts after a verb of holding, no other person between): the
        person holds each post (the segmenter may glue the verb to the post's name: 现任某某书记)."""
        if self.hold_re is None:
            return
        for n, b in enumerate(ents):
            if b.label_ != "Person":
                continue
            for v in self.hold_re.finditer(text, b.end_char, sent.end_char):
                if any(e.label_ == "Person" and b.end_char <= e.start_char < v.start() for e in ents) or \
                        any(e.start_char < v.start() < e.end_char for e in ents) or \
                        any(e.end_char == v.start() and e.core == "Actor" and e is not b for e in ents):
                    break  # another person, or the verb's own subject (社区工作者任网格员)
                # 现任某市某街道某村党委书记: the places and bodies the post's name opens with stand before it
                at, first = v.end(), None
                for e in ents:
                    if e.start_char in (v.start(), at) and e.label_ == "Role":
                        first = e
                        break
                    if e.start_char == at and e.core == "Actor" and e.label_ != "Person":
                        at = e.end_char
                if first is None:
                    continue
                posts = RelationExtractor._coordinated(text, [e for e in ents if e.start_char >= first.start_char],
                                                       "", ok=lambda e: e.label_ == "Role", gaps=self.coord)
                for r in posts:
                    add(b, "relatedTo", r, sent, v.group(0))
                break

    def _pairs(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """A与B(“一对一”)结对 / A和B联动: the two actors are related."""
        for a, b in itertools.pairwise(ents):
            if a.core == b.core == "Actor" and a.label_ != "Place" and b.label_ != "Place" and \
                    text[a.end_char:b.start_char].strip(_QUOTES) in ("与", "和", "同"):
                _, cend = clause_bounds(text, b.end_char, sent.start_char, sent.end_char)
                if pm := self.pair_re.search(text, b.end_char, min(cend, b.end_char + 10)):
                    add(a, "relatedTo", b, sent, pm.group(0))

    def _teams(self, text: str, sent: Sentence, ents: list[_Ent], add: Callable) -> None:
        """A team named before its members' group (某某志愿服务队……注册志愿者): the members are part of it."""
        for n, g in enumerate(ents):
            name = text[g.start_char:g.end_char]
            if g.label_ != "Group" or len(name) < 3:
                continue
            stem = name[:-1]
            # the team is named after what its members do (志愿者 … 某某志愿服务队), not a body whose name holds
            # the whole group's (居民 … 居民委员会: residents are not part of their committee)
            team = next((o for o in reversed(ents[:n]) if self._member(o) and o.label_ != "Group"
                         and stem in (t := text[o.start_char:o.end_char]) and name not in t), None)
            if team is not None:
                add(g, "partOf", team, sent, stem)

    def _acts_on(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                 implemented: list[_Ent] = ()) -> None:
        """某厅(每年)培训A和B / 某局指导A (甲、乙应当指导A): the actors are related to the actors they act on;
        推行某计划,……,全年走访A和B (a clause naming nothing before the verb, in a sentence that sets up a
        mechanism): the mechanism involves them."""
        c0, cend = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
        agent = next((e for e in reversed(ents) if c0 <= e.start_char and e.end_char <= m.start()), None)
        if agent is None and c0 > sent.start_char and not any(e.start_char < m.start() < e.end_char for e in ents):
            done = [x for x in implemented if x.end_char <= c0 and x.label_ != "Policy"]
            objs = RelationExtractor._coordinated(text, [e for e in ents if m.end() <= e.start_char < cend], "",
                                                  ok=self._member, quotes=_QUOTES, gaps=self.coord)
            for o in objs if done and objs[0].start_char == m.end() else ():
                if self._member(o):
                    add(done[-1], "involves", o, sent, m.group(0))
            return
        if agent is None or not self._member(agent) or m.start() - agent.end_char > 4 or \
                _ADJ_STOP.search(text, agent.end_char, m.start()):
            return
        first = next((e for e in ents if e.start_char >= m.end()), None)
        if first is None or first.start_char != m.end():
            return
        objs = [first]
        for e in ents:
            if e.start_char > objs[-1].start_char and e.start_char < cend:
                if text[objs[-1].end_char:e.start_char].strip(_QUOTES) in self.coord:
                    objs.append(e)
                else:
                    break
        # 甲局、乙局应当指导A: every body of the coordinated subject acts on A
        agents = RelationExtractor._coordinated(text, [e for e in ents if c0 <= e.start_char and
                                                       e.end_char <= agent.end_char], "", backwards=True,
                                                ok=self._member, quotes=_QUOTES, gaps=self.coord)
        for o in objs:
            for a in agents if self._member(o) else ():
                add(a, "relatedTo", o, sent, m.group(0))

    def _join(self, whole: _Ent, members: list[_Ent], sent: Sentence, add: Callable, trig: str) -> None:
        for a in members:
            if whole.core == "Mechanism":
                add(whole, "involves", a, sent, trig)
            else:
                add(a, "partOf", whole, sent, trig)

    def _composed(self, text: str, sent: Sentence, ents: list[_Ent], found: list[re.Match], add: Callable
                  ) -> None:
        """由A、B与C组成的X / X由A、B组成."""
        for m in found:
            members = [e for e in ents if m.start("list") <= e.start_char and e.end_char <= m.end("list")
                       and self._member(e)]
            if not members:
                continue
            if m.group("de"):
                whole = next((e for e in ents if e.start_char >= m.end()), None)
                if whole is None or _PUNCT_RE.search(text, m.end(), whole.start_char):
                    continue
            else:
                c0, _ = clause_bounds(text, m.start(), sent.start_char, sent.end_char)
                whole = next((e for e in reversed(ents) if c0 <= e.start_char and e.end_char <= m.start()), None)
                if whole is None and not text[c0:m.start()].strip():
                    # 设立一支某某队(……),由A、B组成: the clause is only its members; the body set up before
                    whole = next((e for e in reversed(ents) if e.end_char <= c0 and (
                        self._member(e) or e.core == "Mechanism" and e.label_ != "Policy")), None)
                if whole is None:
                    continue
            if self._member(whole) or whole.core == "Mechanism" and whole.label_ != "Policy":
                self._join(whole, members, sent, add, text[m.end("list"):m.end()].removesuffix("的"))

    def _take_part(self, text: str, sent: Sentence, ents: list[_Ent], m: re.Match, add: Callable,
                   implemented: list[_Ent], through: list[_Ent], item: _Ent | None) -> None:
        """A、B与C共同参与(X) / 引导A和B参与X."""
        if any(e.start_char < m.start() < e.end_char for e in ents):
            return  # inside a name (居民参与率)
        pre = text[max(sent.start_char, m.start() - 12):m.start()]
        cut = m.start() - len(pre) + self.adverbs_re.search(pre).start()  # 共同, 积极 …… before the verb
        people = self._run_back(text, ents, cut, self._member) or self._listed(text, sent, ents, cut)
        if not people:
            return
        _, cend = clause_bounds(text, m.end(), sent.start_char, sent.end_char)
        after = [e for e in ents if m.end() <= e.start_char < cend]
        if after:
            target = after[0] if after[0].core == "Mechanism" and after[0].label_ != "Policy" else None
        else:
            target = self._mechanism_of(ents, people[0].start_char, implemented, item)
        for a in people if target is not None else ():
            add(a, "participatesIn", target, sent, m.group(0))
        for x in through:
            if x.core == "Mechanism":
                for a in people:
                    add(x, "involves", a, sent, m.group(0))

    def _listed(self, text: str, sent: Sentence, ents: list[_Ent], end: int) -> list[_Ent]:
        """The actors of a short list that makes up its clause up to ``end`` (A、B与C, where C is no name the
        recognisers know): every item a short noun, the names among them."""
        c0, _ = clause_bounds(text, end, sent.start_char, sent.end_char)
        items = _LIST_SPLIT.split(text[c0:end])
        if len(items) < 2 or not all(0 < len(x) <= 8 for x in items):
            return []
        names = {text[e.start_char:e.end_char]: e for e in ents if c0 <= e.start_char and e.end_char <= end}
        return [names[x] for x in items if x in names and self._member(names[x])]

    def _set_up(self, text: str, sent: Sentence, ents: list[_Ent], pos: int, same_clause: bool = False
                ) -> _Ent | None:
        """What the first setting-up verb (设立, 组建, 建立 ……) after ``pos`` in the sentence makes."""
        hi = sent.end_char
        if same_clause:
            _, hi = clause_bounds(text, pos, sent.start_char, sent.end_char)
        v = self.setup_re.search(text, pos, hi)
        if v is None:
            return None
        _, cend = clause_bounds(text, v.end(), sent.start_char, sent.end_char)
        return next((e for e in ents if v.end() <= e.start_char < cend and
                     (self._member(e) or e.core == "Mechanism" and e.label_ != "Policy")), None)

    @staticmethod
    def item_policies(sents: list[Sentence], items: dict, policies_in: dict, add: Callable) -> None:
        """A policy issued under a numbered item (二、推行某制度。……制定《某办法》) establishes the item's
        mechanism."""
        for sent in sents:
            mech = items.get(sent.start_char)
            for p in policies_in.get(sent.start_char, ((), ()))[1] if mech is not None else ():
                add(p, "establishes", mech, sent, "")

    @staticmethod
    def item_means(sents: list[Sentence], items: dict, means_in: dict, add: Callable) -> None:
        """一、建立某机制。依托“某某”平台,……: what the item works through supports the item's mechanism."""
        for sent in sents:
            mech = items.get(sent.start_char)
            for x in means_in.get(sent.start_char, ()) if mech is not None else ():
                if x.core == "Mechanism" and x.label_ != "Policy":
                    add(x, "supports", mech, sent, "")  # the verb of means is not kept with them

    @staticmethod
    def umbrella(rx: RelationExtractor, doc: Doc, text: str, sents: list[Sentence], index: _Index,
                 add: Callable) -> None:
        """以P为抓手 (载体 ……) before the first numbered item: the mechanism of each item supports P (a
        practice report: 以“某某”为抓手……, then 一、以“甲”…… 二、以“乙”……)."""
        items = [h for h in spans.records(doc, "headings") if h.label_ == "item"]
        if not items:
            return
        first = items[0].start_char
        frames = []  # (the frame, the words that make it one: 为抓手, 为载体 …)
        for m in _VEHICLE.finditer(text, 0, first):
            frames += [(e, text[m.end("x"):m.end()]) for e in index.within(m.start("x"), m.end("x"))
                       if e.core == "Mechanism" and e.label_ != "Policy"][:1]
        if not frames:
            return
        for h, mech, _ in rx._mechanism_headings(doc, text, index, ("item",)):
            for p, cue in frames:
                add(mech, "supports", p, (p.start_char, h.end_char), cue)
        for h in items:  # 三、以“某某”调解队调处邻里纠纷: the team the item works through
            lead = ENUMERATION.sub("", text[h.start_char:h.end_char]).lstrip()  # indented headings too
            at = h.end_char - len(lead) + (2 if lead.startswith("以“") else 1)
            x = next((e for e in index.within(h.start_char, h.end_char) if e.start_char in (at, at - 1)), None)
            if lead.startswith("以") and x is not None and x.core == "Actor" and x.label_ not in ("Place", "Person"):
                for p, cue in frames:
                    add(p, "involves", x, (p.start_char, h.end_char), cue)

    # -- the document's own policy -------------------------------------------------------------------
    @staticmethod
    def _own_policy(doc: Doc, text: str, index: _Index) -> _Ent | None:
        """The document's own policy: its title line, among the first three lines, when it is a policy."""
        titles = doc.user_data.get("govkg.titles", [])
        head = len(text) - len(text.lstrip())
        limit = head + sum(len(x) + 1 for x in text[head:].split("\n", 3)[:3])
        own = next(((ps, pe) for ls, ps, pe, _ in titles if ls < limit), None)
        return None if own is None else next((e for e in index.within(*own) if _k(e) == own), None)

    def own_acts(self, doc: Doc, text: str, sents: list[Sentence], index: _Index, implemented_in: dict,
                 subjects_by_sent: dict, add: Callable) -> None:
        """A plan (a proposal, a scheme) sets up what its sentences with no subject of their own set up
        (推行某某准入制度,建立某某通报制度。): its own policy ``establishes`` them."""
        policy = self._own_policy(doc, text, index)
        if policy is None or policy.label_ != "Policy":
            return
        for sent in sents:
            if sent.start_char < policy.end_char or subjects_by_sent.get(sent.start_char):
                continue
            for m in implemented_in.get(sent.start_char, ()):
                if m.label_ != "Policy" and m.core == "Mechanism":
                    add(policy, "establishes", m, sent, "")

    def preamble(self, doc: Doc, text: str, sents: list[Sentence], index: _Index, policies_in: dict,
                 add: Callable) -> None:
        """为贯彻落实《A》,……通知如下 (before the first numbered item): the document's own policy (its title
        line, among the first three lines) implements A; a mechanism named after the document's kind
        (规划实施评估机制 in a 规划) carries it out."""
        titles = doc.user_data.get("govkg.titles", [])
        head = len(text) - len(text.lstrip())
        limit = head + sum(len(x) + 1 for x in text[head:].split("\n", 3)[:3])
        own = next(((ps, pe) for ls, ps, pe, _ in titles if ls < limit), None)
        if own is None:
            return
        policy = next((e for e in index.within(*own) if _k(e) == own), None)
        if policy is None:
            return
        kind = self.policy_head.search(_NOTES.sub("", text[own[0]:own[1]]))
        if kind is not None:  # 规划实施评估机制, 规划实施+情况评估机制, 方案落实+督查机制
            before = re.compile(rf"{re.escape(kind.group(0))}[\u4e00-\u9fff]{{0,4}}$")
            w = len(kind.group(0)) + 4
            for e in index.spans:
                if e.core != "Mechanism" or e.label_ == "Policy" or e.start_char < own[1]:
                    continue
                if text.startswith(kind.group(0), e.start_char) and e.end_char - e.start_char > len(kind.group(0)) + 2 \
                        or before.search(text, max(0, e.start_char - w), e.start_char):
                    add(e, "implementsPolicy", policy, e, kind.group(0))
        items = [h.start_char for h in spans.records(doc, "headings") if h.label_ == "item"]
        first_item = items[0] if items else len(text)
        for sent in sents:
            if sent.start_char >= first_item or policy is None:
                break
            applied, issued = policies_in.get(sent.start_char, ((), ()))
            for p in applied if not issued else ():
                if _k(p) != own:
                    add(policy, "implementsPolicy", p, sent, "")  # the sentence's verb of applying (落实, 根据 …)
