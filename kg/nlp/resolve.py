"""Choose among overlapping candidates: ``doc.spans["entities"]`` (outermost) and ``doc.spans["nested"]``.

Longer spans win over the spans they cross; for the same span, the more specific recogniser wins
(title, chain, person, quote, lexicon, then morphology). A span inside an outer one is kept as *nested*
when it is an actor or a goal named inside a mechanism, policy, goal or challenge (村(居)民代表 inside
村(居)民小组长包楼制度): relations are drawn from that nesting. A quoted phrase inside a weakness describes it
and is no practice of its own. A bare group (居民, 企业) inside a name is a modifier (居民公约), unless it
is the agent of a clause inside the name: followed by a verb of the grammar (群众参与评议机制) or opening an
item of a quoted list of clauses (“支部引领、居民议事”, “居民提议、企业出资”).
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import spans
from kg.nlp.lexicon import core_class, load_default_lexicon
from kg.nlp.spans import Rec
from kg.nlp.tokenizer import doc_text, doc_words

__all__ = ["PRIORITY", "Resolver"]

PRIORITY = {"title": 0, "anaphora": 0, "chain": 1, "person": 2, "challenge": 3, "quote": 4, "slogan": 4, "lexicon": 5, "place": 5,
            "deixis": 5, "morphology": 6}


def _prio(source: str) -> int:
    """The priority of a recogniser's id (``coordination:机制``: that of ``coordination``)."""
    return PRIORITY.get(source.split(":")[0], 7)


class Resolver:
    def __init__(self, nested_classes: tuple[str, ...] = ("Actor", "Goal", "Mechanism")) -> None:
        self.nested_classes = nested_classes
        lx = load_default_lexicon()
        self.lexicon = lx
        self.bare = frozenset(h for h, (_, standalone, _) in lx.heads.items() if standalone)
        self.campaigns = tuple(lx.word_lists.get("campaignNouns", ())) or ("\0",)  # 某某建设: a campaign

    def _parent_organ(self, text: str, s: Rec, outer: Rec) -> bool:
        """An organ opening the name of one of its divisions, named by a one-character head (某县政府+社会+处,
        某局+某某+科): the organ the division belongs to is an actor of its own."""
        heads = self.lexicon.heads
        head = heads.get(text[outer.end_char - 1])
        if any(text[outer.end_char - n:outer.end_char] in heads for n in (2, 3, 4)):
            return False  # the name ends in a longer head (某省委+社会工作部)
        return s.start_char == outer.start_char and s.label_ in ("GovernmentBody", "PartyOrganization") \
            and head is not None and head[0] == "GovernmentBody" and outer.end_char - s.end_char >= 2 \
            and text[s.end_char - 1] != text[outer.end_char - 1]

    def _sending_body(self, text: str, s: Rec, outer: Rec) -> bool:
        """A body opening the name of a team it sends or sets up, the rest of the name a standalone head of an
        organisation (某省某厅+调研组, 某县委+督导组): the body is an actor of its own."""
        if s.start_char != outer.start_char or s.label_ not in ("GovernmentBody", "PartyOrganization") \
                or outer.label_ != "Organization":
            return False
        head = self.lexicon.heads.get(text[s.end_char:outer.end_char])
        return head is not None and head[0] == "Organization" and head[1]

    def _named_place(self, text: str, s: Rec, outer: Rec) -> bool:
        """A named place (a place of the lexicon's places scheme with a level, or one the place recogniser
        found) opening the name of a body or a role: the place is an actor of its own (某某乡 in 某某乡公所)."""
        if s.label_ != "Place" or s.start_char != outer.start_char or s.id_ not in ("lexicon", "place"):
            return False
        name = text[s.start_char:s.end_char]
        entry = self.lexicon.places.get(name)
        if s.id_ != "place" and entry is not None and entry.label != name and outer.label_ in ("Organization", "Enterprise"):
            return False  # 某省的简称+大学某系: a short name in an organisation's proper name, not its place
        return s.id_ == "place" or (entry is not None and entry.admin_level is not None)

    def _agent(self, doc: Doc, text: str, s: Rec, outer: Rec) -> bool:
        """A bare group nested in a name is the agent of a clause inside it: a verb follows it in the name
        (群众参与评议机制), or it opens an item of a quoted list of clauses whose rest is no name of its own
        (“支部引领、居民议事”; not “居民公约、村规民约”)."""
        if s.end_char >= outer.end_char:
            return False
        words, offsets = doc_words(doc)
        i = bisect.bisect_left(offsets, s.end_char)
        if i >= len(words) or offsets[i] != s.end_char:
            return False
        nxt = words[i]
        if nxt in self.lexicon.triggers or nxt in self.lexicon.predicates:
            return True  # a verb of the grammar (参与, 监督 …)
        q0 = text.rfind("“", max(0, outer.start_char - 1), s.start_char)  # a quote's span leaves its marks out
        q1 = text.find("”", s.end_char, outer.end_char + 1)
        if q0 < 0 or q1 < 0 or text[s.start_char - 1] not in "“、":
            return False
        item_end = min(j for j in (text.find("、", s.end_char, q1), q1) if j >= 0)
        rest = text[s.end_char:item_end]
        quoted = text[q0 + 1:q1]
        return "、" in quoted and len(rest) >= 2 and rest not in self.lexicon.heads and \
            rest not in self.lexicon.entries and "的" not in rest

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands = list(spans.records(doc, "candidates"))
        prio = {i: _prio(i) for i in {s.id_ for s in cands}}  # the few recognisers' ids, each looked up once
        cands.sort(key=lambda s: (s.start_char - s.end_char, prio[s.id_], s.start_char, s.label_))
        taken: list[Rec] = []
        occupied = bytearray(len(text) + 1)
        rest = []
        for s in cands:
            if occupied.find(1, s.start_char, s.end_char) >= 0:  # a character of it is taken
                rest.append(s)
                continue
            taken.append(s)
            occupied[s.start_char:s.end_char] = b"\x01" * (s.end_char - s.start_char)
        taken.sort(key=lambda s: s.start_char)
        starts = [t.start_char for t in taken]  # taken spans do not overlap: one outer per position
        nested, seen = [], set()
        inside: dict[int, list[Rec]] = {}  # outer index -> nested actors kept in it
        named: dict[int, list[Rec]] = {}  # outer index -> nested mechanisms kept in a weakness
        rest.sort(key=lambda s: (s.start_char - s.end_char, prio[s.id_], s.start_char))
        for s in rest:
            key = (s.start_char, s.end_char)
            if key in seen or core_class(s.label_) not in self.nested_classes or s.id_ == "deixis":
                continue
            i = bisect.bisect_right(starts, s.start_char) - 1
            if i < 0 or taken[i].end_char < s.end_char or (taken[i].start_char, taken[i].end_char) == key:
                continue
            outer = taken[i]
            oc, nc = core_class(outer.label_), core_class(s.label_)
            if nc == "Actor" and oc == "Actor" and not self._parent_organ(text, s, outer) \
                    and not self._named_place(text, s, outer) and not self._sending_body(text, s, outer):
                continue  # 乡镇 in 乡镇党委: a modifier, not an actor of its own
            if nc == "Mechanism" and oc == "Challenge":
                if s.id_ in ("quote", "slogan") and text[s.start_char:s.start_char + 1] != "“":
                    continue  # 小区“甲靠等、乙靠闹”的现象时有发生: the quote describes the weakness, no practice
                    # (a quote with the noun after it, “A+B”某某机制, is a name)
                if any(n.start_char <= s.start_char and s.end_char <= n.end_char for n in named.get(i, [])):
                    continue  # 分级处置机制 inside 某某的分级处置机制 inside a weakness: only the longer name
                named.setdefault(i, []).append(s)  # ……机制还不够健全: the mechanism is named for itself
            elif nc == "Mechanism" and (outer.label_ != "Policy" or s.label_ == "Policy"):
                continue
            if nc == "Goal" and oc not in ("Mechanism",):
                continue
            if nc == "Goal" and text[s.end_char:s.end_char + 1] == "”" \
                    and text[s.end_char + 1:s.end_char + 1 + 2].startswith(self.campaigns) \
                    and s.end_char + 2 < outer.end_char:
                continue  # 某省“某某社区”建设试点: the programme builds it; the aim is not stated for itself (an
                # unquoted goal before 建设 in a title is: 关于推进某某现代化+建设+办法)
            if s.id_ == "part":
                pass  # “A+B”: each part is named for itself
            elif nc == "Actor" and oc == "Mechanism" and text[s.start_char:s.end_char] in self.bare and \
                    self._agent(doc, text, s, outer):
                pass  # 居民议事 in “支部引领、居民议事”, 群众参与 in 群众参与评议机制: the group acts
            elif outer.id_ == "quote" or (nc == "Actor" and text[s.start_char:s.end_char] in self.bare
                                          and oc != "Challenge"):
                continue  # 全科社工 in a slogan, 居民 in 居民公约: not an actor of its own (居民 in a weakness is)
            if nc == "Actor" and any(n.start_char <= s.start_char and s.end_char <= n.end_char
                                     for n in inside.get(i, [])):
                continue  # 民政厅 inside 某省民政厅 inside a policy title: only the longer name
            if nc == "Actor":
                inside.setdefault(i, []).append(s)
            seen.add(key)
            nested.append(s)
        spans.assign(doc, "entities", taken)
        spans.assign(doc, "nested", sorted(nested, key=lambda s: (s.start_char, -s.end_char)))
        return doc


@Language.factory("govkg_resolver", assigns=["doc.spans"], default_config={})
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()
