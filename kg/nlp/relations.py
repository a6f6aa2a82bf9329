"""Relations between the entities of a sentence, and the subjects of metrics.

Rules (each generic to the genre):

- trigger verbs from ``grammar.ttl``: the actors before the first trigger of a sentence are its subject;
  the entity after a trigger is its object (issues, implements, setsGoal, participatesIn, faces ...);
- a policy issued or implemented in a sentence establishes, or is implemented by, the mechanisms that
  the same sentence then sets up;
- means: 采取/通过 X ……创新 Y -> X supports Y; mechanisms earlier in a sentence contribute to the goal it
  ends with (……努力构建 G);
- adjacency: an actor directly followed by a mechanism (南京市某街道“某某经验”) -> implements, or pioneeredBy
  when the clause says 涌现/首创;
- 等 lists: X、Y等Z -> X partOf Z; level chains “A—B—C”N级架构 -> each level partOf the structure;
- nesting: a mechanism or policy whose name contains an actor involves it; a challenge naming an actor is
  faced by it; a policy naming a goal contributes to it;
- headings: a mechanism in a sub-heading involves the actors measured or acting under it;
- metric subjects: the noun phrase right after the measure word (7.8万家 登记社会组织), else the nearest
  entity before it in the sentence.

Output: ``doc.user_data["govkg.relations"]`` = list of ``(subj (s,e), property, obj (s,e), evidence (s,e),
trigger)`` and ``doc.user_data["govkg.metric_subjects"]`` = ``{metric (s,e): [entity (s,e), ...]}``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.lexicon import Lexicon, core_class, load_default_lexicon

__all__ = ["RelationExtractor"]

_PUNCT = set(",;:。!?\n")


def _k(s: Span) -> tuple[int, int]:
    return (s.start_char, s.end_char)


class RelationExtractor:
    def __init__(self, lexicon: Lexicon | None = None, *, adjacency_gap: int = 4) -> None:
        self.lexicon = lexicon or load_default_lexicon()
        self.gap = adjacency_gap
        trig = sorted(self.lexicon.triggers, key=len, reverse=True)
        self._trig_re = re.compile("|".join(map(re.escape, trig))) if trig else None

    # -- helpers -------------------------------------------------------------------------------------
    def _triggers(self, doc: Doc, sent: Span, ents: list[Span]) -> list[tuple[int, int, str, str]]:
        """(start, end, property, word) of trigger words outside entity names, in order."""
        if self._trig_re is None:
            return []
        out, taken = [], [(e.start_char, e.end_char) for e in ents]
        for m in self._trig_re.finditer(sent.text):
            s, e = sent.start_char + m.start(), sent.start_char + m.end()
            if any(a <= s < b for a, b in taken):
                continue
            out.append((s, e, self.lexicon.triggers[m.group(0)], m.group(0)))
        return out

    @staticmethod
    def _clause_end(doc: Doc, pos: int, limit: int) -> int:
        text = doc.text
        i = pos
        while i < limit and text[i] not in _PUNCT:
            i += 1
        return i

    def __call__(self, doc: Doc) -> Doc:
        rels: list[tuple] = []
        outer = list(doc.spans.get("entities", []))
        nested = list(doc.spans.get("nested", []))
        metrics = list(doc.spans.get("metrics", []))
        text = doc.text

        def add(a: Span, p: str, b: Span, ev: Span | tuple[int, int], trig: str = "") -> None:
            if _k(a) == _k(b):
                return
            evk = ev if isinstance(ev, tuple) else (ev.start_char, ev.end_char)
            rels.append((_k(a), p, _k(b), evk, trig))

        subjects_by_sent: dict[int, list[Span]] = {}
        for sent in doc.sents:
            ents = [e for e in outer if sent.start_char <= e.start_char and e.end_char <= sent.end_char]
            if not ents:
                continue
            sk = (sent.start_char, sent.end_char)
            trig = self._triggers(doc, sent, ents)
            first_t = trig[0][0] if trig else sent.end_char
            subj = [e for e in ents if core_class(e.label_) == "Actor" and e.end_char <= first_t]
            # the sentence's topic: the first actor and those coordinated with it (省委、省政府出台……)
            if subj:
                group = [subj[0]]
                for e in subj[1:]:
                    between = text[group[-1].end_char:e.start_char]
                    if between in ("、", "和", "与", "及"):
                        group.append(e)
                    else:
                        break
                subj = group
            subjects_by_sent[sk[0]] = subj
            issued: list[Span] = []
            applied: list[Span] = []
            means: list[Span] = []
            prev_mechs: list[Span] = []
            for ts, te, prop, word in trig:
                cend = self._clause_end(doc, te, sent.end_char)
                after = [e for e in ents if e.start_char >= te and e.start_char < cend]
                objs = after[:1]
                for e in after[1:]:
                    if text[objs[-1].end_char:e.start_char] in ("、", "和", "与", "及", ""):
                        objs.append(e)
                    else:
                        break
                if prop == "setsGoal":
                    objs = [e for e in ents if e.start_char >= te and core_class(e.label_) == "Goal"]
                for o in objs:
                    oc = core_class(o.label_)
                    if prop == "issues" and o.label_ == "Policy":
                        for a in subj:
                            add(a, "issues", o, sent, word)
                        issued.append(o)
                    elif prop == "implementsPolicy" and o.label_ == "Policy":
                        applied.append(o)
                    elif prop == "supports" and oc == "Mechanism":
                        means.append(o)
                    elif prop in ("implements", "issues", "implementsPolicy", "supports") and oc == "Mechanism":
                        for a in subj:
                            add(a, "implements", o, sent, word)
                        for p in issued:
                            add(p, "establishes", o, sent, word)
                        for p in applied:
                            add(o, "implementsPolicy", p, sent, word)
                        for m in means:
                            add(m, "supports", o, sent, word)
                        if prev_mechs and o.label_ != "Policy":
                            add(prev_mechs[-1], "relatedTo", o, sent, word)
                        prev_mechs.append(o)
                    elif oc == "Goal" and prop in ("implements", "contributesTo", "setsGoal", "pioneeredBy"):
                        if prop == "setsGoal":
                            for a in subj:
                                add(a, "setsGoal", o, sent, word)
                            continue
                        mechs = prev_mechs or means
                        for m in mechs:
                            add(m, "contributesTo", o, sent, word)
                        for a in subj:
                            add(a, "pursues", o, sent, word)
                    elif prop == "participatesIn" and oc == "Mechanism":
                        for a in subj:
                            add(a, "participatesIn", o, sent, word)
                    elif prop == "faces" and oc == "Challenge":
                        for a in subj:
                            add(a, "faces", o, sent, word)
                    elif prop == "pioneeredBy" and oc == "Mechanism":
                        prev_mechs.append(o)
            # adjacency inside one noun phrase: actor + mechanism
            pioneer = any(p == "pioneeredBy" for _, _, p, _ in trig)
            for a, b in zip(ents, ents[1:]):
                between = text[a.end_char:b.start_char]
                if len(between) > self.gap or any(c in _PUNCT or c in "、的" for c in between):
                    continue
                if core_class(a.label_) == "Actor" and core_class(b.label_) == "Mechanism" \
                        and a.label_ not in ("Person",):
                    group = [a]
                    for x in reversed(ents[:ents.index(a)]):
                        if core_class(x.label_) == "Actor" and text[x.end_char:group[0].start_char] == "、":
                            group.insert(0, x)
                        else:
                            break
                    for x in group:
                        if pioneer:
                            add(b, "pioneeredBy", x, sent, "")
                        else:
                            add(x, "implements", b, sent, "")
            # 等 lists: X、Y等Z -> X partOf Z
            for i, z in enumerate(ents):
                lead = text[max(sent.start_char, z.start_char - 12):z.start_char]
                m = re.search(r"等[\u4e00-\u9fff]{0,4}[“]?$", lead)
                if not m:
                    continue
                deng = z.start_char - len(lead) + m.start()
                items = [e for e in ents[:i] if e.end_char <= deng]
                chosen = []
                for e in reversed(items):
                    gap = text[e.end_char:(chosen[0].start_char if chosen else deng)]
                    if gap in ("", "、", "”“", "”", "“", "”、“") or re.fullmatch(r"[”“、]*", gap):
                        chosen.insert(0, e)
                    else:
                        break
                for e in chosen:
                    if core_class(e.label_) == core_class(z.label_):
                        add(e, "partOf", z, sent, "等")
            # level chains: “A—B—C”N级组织架构
            chain = [e for e in ents if e.id_ == "chain"]
            if chain:
                structs = [e for e in ents if e.label_ == "OrganizationalStructure"
                           and e.start_char >= chain[-1].end_char and e.start_char - chain[-1].end_char <= 8]
                for st in structs[:1]:
                    for lvl in chain:
                        add(lvl, "partOf", st, sent, "—")
                    for upper, lower in zip(chain, chain[1:]):
                        add(lower, "subOrganizationOf", upper, sent, "—")
        # nesting
        for n in nested:
            for o in outer:
                if o.start_char <= n.start_char and n.end_char <= o.end_char and _k(o) != _k(n):
                    oc, nc = core_class(o.label_), core_class(n.label_)
                    if oc == "Mechanism" and nc == "Actor" and n.label_ != "Place":
                        add(o, "involves", n, o, "")
                    elif oc == "Challenge" and nc == "Actor" and n.label_ != "Place":
                        add(n, "faces", o, o, "")
                    elif oc == "Mechanism" and nc == "Goal":
                        add(o, "contributesTo", n, o, "")
                    elif o.label_ == "Policy" and nc == "Mechanism":
                        add(o, "establishes", n, o, "")
        # metric subjects
        subjects = self._metric_subjects(doc, outer, metrics)
        # headings: a mechanism named in a sub-heading involves the actors acting or measured under it
        heads = list(doc.spans.get("headings", []))
        measured = {s for subs in subjects.values() for s in subs}
        for h_i, h in enumerate(heads):
            if h.label_ != "2":
                continue
            hm = [e for e in outer if h.start_char <= e.start_char and e.end_char <= h.end_char
                  and core_class(e.label_) == "Mechanism"]
            if len(hm) != 1:
                continue
            stop = heads[h_i + 1].start_char if h_i + 1 < len(heads) else len(text)
            para_end = text.find("\n", h.end_char)
            stop = min(stop, para_end if para_end >= 0 else len(text))
            for e in outer:
                if h.end_char <= e.start_char < stop and core_class(e.label_) == "Actor" \
                        and _k(e) in measured:
                    add(hm[0], "involves", e, h, "")
        doc.user_data["govkg.relations"] = rels
        doc.user_data["govkg.metric_subjects"] = subjects
        return doc

    def _metric_subjects(self, doc: Doc, outer: list[Span], metrics: list[Span]) -> dict:
        text = doc.text
        out: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for m in metrics:
            sent = m.sent
            right = [e for e in outer if 0 <= e.start_char - m.end_char <= 1 and e.end_char <= sent.end_char]
            if right:
                out[_k(m)] = [_k(right[0])]
                continue
            left = [e for e in outer if e.end_char <= m.start_char and e.start_char >= sent.start_char
                    and e.label_ not in ("Place", "Person") and core_class(e.label_) in ("Actor", "Mechanism")]
            if left:
                out[_k(m)] = [_k(left[-1])]
            else:
                out[_k(m)] = []
        return out


@Language.factory("govkg_relations", assigns=["doc.user_data"], default_config={"adjacency_gap": 4})
def make_relations(nlp: Language, name: str, adjacency_gap: int) -> RelationExtractor:
    return RelationExtractor(adjacency_gap=adjacency_gap)
