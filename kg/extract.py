"""spaCy ``Doc`` -> records: mentions merged into entities, relations, quantities (no rdflib here).

What happens here, in order:

1. run the pipeline over the normalised text (in paragraph chunks for long documents);
2. turn spans into mentions with offsets in the *original* text;
3. give each mention a canonical name: the lexicon's preferred label, the document's jurisdiction
   in front of 省委/省政府/省…规划 (jurisdiction from the metadata or the most mentioned province),
   我省/全省 resolved to that place;
4. expand parenthesised alternatives into aliases (村(居)民委员会 -> 村民委员会, 居民委员会);
5. merge mentions of one entity: same normalised name, a shared alias, names that differ only by a
   scope modifier (城乡, 基层) or a generic tail (机制, 体系, 水平), or the same quoted core (“某某”);
6. map span-level relations and metric subjects onto the merged entities.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.ingest import _AUTHOR
from kg.nlp.lexicon import Lexicon, core_class, load_default_lexicon
from kg.nlp.recognizers import MorphologyRecognizer
from kg.rdf.iri import normalise_label
from kg.records import Document, Entity, Extraction, Mention, Quantity, Relation, Span

__all__ = ["extract", "run_pipeline", "paren_variants", "CHUNK_CHARS"]

log = logging.getLogger(__name__)

CHUNK_CHARS = 20_000
_SOURCE_RANK = {"lexicon": 0, "title": 1, "chain": 2, "person": 3, "metadata": 3, "challenge": 4, "quote": 5,
                "morphology": 6}
_GENERIC_TAILS = ("机制", "体系", "制度", "建设", "工作", "水平", "实践", "活动")


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


def run_pipeline(nlp: Language, text: str) -> Iterator[tuple[int, Doc]]:
    """The pipeline over ``text`` in chunks; yields ``(offset of the chunk, Doc)``."""
    pieces = list(_chunks(text, CHUNK_CHARS))
    for (off, _), doc in zip(pieces, nlp.pipe(p for _, p in pieces)):
        yield off, doc


def paren_variants(name: str) -> list[str]:
    """Names a parenthesised alternative stands for.

    >>> paren_variants("村(居)民委员会")
    ['村民委员会', '居民委员会']
    >>> paren_variants("网格(村、居民小组)党组织")
    ['网格党组织']
    >>> paren_variants("党员中心户(楼栋长)")
    ['党员中心户', '楼栋长']
    """
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
        keep = before[:-len(inside)] if len(inside) < len(before) else ""
        alt.append(name[pos:m.start()] + keep + inside)
        pos = m.end()
    alt.append(name[pos:])
    variant = "".join(alt)
    if variant and variant != plain and variant != name:
        out.append(variant)
    return out


class _Names:
    """Canonical names of mentions in one document."""

    def __init__(self, lexicon: Lexicon, jurisdiction: str | None) -> None:
        self.lx = lexicon
        self.jur = jurisdiction  # e.g. 江苏省
        self.jur_short = re.sub(r"(省|市|自治区|特别行政区)$", "", jurisdiction) if jurisdiction else None

    def canonical(self, surface: str, cls: str, concept: str) -> tuple[str, str, str | None, str | None]:
        """``(label, cls, label_en, concept)`` for a mention."""
        entry = self.lx.entries.get(surface) or self.lx.places.get(surface)
        label, en = surface, None
        if entry is not None and (not concept or concept == entry.concept):
            label, en, concept, cls = entry.label, entry.label_en, entry.concept, entry.cls
        if surface in self.lx.deictics and self.jur:
            place = self.lx.places.get(self.jur)
            return self.jur, "Place", place.label_en if place else None, place.concept if place else None
        core = core_class(cls)
        if self.jur_short and core in ("Actor", "Mechanism") and cls != "Place" and label[:1] in "省市" \
                and not label.startswith(self.jur_short) and self.jur.endswith(label[:1]):
            label = self.jur_short + label
        return label, cls, en, concept or None


def _keys(label: str, aliases: set[str], lx: Lexicon, core: str, cls: str = "") -> tuple[set[str], set[str]]:
    """``(full, loose)`` merge keys. Full keys identify a name; a loose key (the name without a scope
    modifier such as 城乡/基层, a generic tail such as 机制/体系, or a title after a person's name) only
    merges with another mention's *full* key, so that loose keys never chain unrelated names."""
    full, loose = set(), set()
    for n in {label, *aliases}:
        k = normalise_label(n)
        if not k:
            continue
        full.add(k)
        if core == "Mechanism":
            for q in re.findall(r"“([^”]{2,})”", n):
                full.add("“" + q)
    for k in list(full):
        for s in lx.scopes:
            if k.startswith(s) and len(k) - len(s) >= 3:
                loose.add(k[len(s):])
        if core != "Actor":
            for t in _GENERIC_TAILS:
                if k.endswith(t) and len(k) - len(t) >= 3:
                    loose.add(k[: -len(t)])
        elif cls == "Person":
            for t, (hcls, _, _) in lx.heads.items():
                if hcls == "Role" and k.endswith(t) and 2 <= len(k) - len(t) <= 4:
                    loose.add(k[: -len(t)])  # 某某总书记 -> 某某 (a person named with a title)
    return full, loose - full


def _unquote(s: str) -> str:
    """Drop a pair of quotation or title marks around the whole name, not marks inside it."""
    for a, b in ("“”", "《》", "「」"):
        if s.startswith(a) and s.endswith(b) and s.count(a) == 1:
            return s[1:-1]
    return s


class _UF:
    def __init__(self) -> None:
        self.p: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _jurisdiction(document: Document, lx: Lexicon, place_counts: Counter) -> str | None:
    if document.meta.jurisdiction:
        j = document.meta.jurisdiction
        entry = lx.places.get(j)
        return entry.label if entry else j
    provinces = Counter()
    for label, n in place_counts.items():
        e = lx.places.get(label)
        if e is not None and e.admin_level == "province":
            provinces[e.label] += n
    if not provinces:
        return None
    label, n = provinces.most_common(1)[0]
    return label if n >= 2 or len(provinces) == 1 else None


def extract(document: Document, nlp: Language, *, lexicon: Lexicon | None = None) -> Extraction:
    """Run the pipeline on ``document`` and return its records."""
    lx = lexicon or load_default_lexicon()
    norm = document.norm
    raw: list[dict] = []  # one per mention, norm offsets
    rels: list[tuple] = []
    metrics: list[tuple] = []
    sentences: list[tuple[int, int]] = []
    for off, doc in run_pipeline(nlp, norm):
        for sent in doc.sents:
            sentences.append((off + sent.start_char, off + sent.end_char))
        for group, nested in (("entities", False), ("nested", True)):
            for s in doc.spans.get(group, []):
                src = s.id_ if s.id_.startswith("coordination-head") else s.id_.split(":")[0]
                raw.append({"s": off + s.start_char, "e": off + s.end_char, "cls": s.label_,
                            "concept": s.kb_id_, "source": src, "nested": nested})
        # deictic words (我省, 全省) outside any name
        taken = bytearray(len(doc.text) + 1)
        for s in doc.spans.get("entities", []):
            taken[s.start_char:s.end_char] = b"\x01" * (s.end_char - s.start_char)
        for w in lx.deictics:
            for m in re.finditer(re.escape(w), doc.text):
                if not any(taken[m.start():m.end()]):
                    raw.append({"s": off + m.start(), "e": off + m.end(), "cls": "Place", "concept": "",
                                "source": "deixis", "nested": False})
        for (a, b), p, (c, d), (e, f), trig in doc.user_data.get("govkg.relations", []):
            rels.append(((off + a, off + b), p, (off + c, off + d), (off + e, off + f), trig))
        subjects = doc.user_data.get("govkg.metric_subjects", {})
        for key, q in doc.user_data.get("govkg.metrics", {}).items():
            metrics.append((off, q, [(off + s, off + e) for s, e in subjects.get(key, [])]))

    # the author's attribution line is metadata: its person and organisation come from there
    attribution = _AUTHOR.search(norm)
    if attribution:
        a0, a1 = attribution.span()
        raw = [r for r in raw if not (a0 <= r["s"] < a1)]
        raw += _attribution_mentions(attribution, lx)

    raw += _inner_actors(raw, norm, lx)
    place_counts = Counter(norm[r["s"]:r["e"]] for r in raw if r["cls"] == "Place")
    for r in raw:
        entry = lx.places.get(norm[r["s"]:r["e"]])
        if entry is not None:
            place_counts[entry.label] += 0
    jur = _jurisdiction(document, lx, Counter({(lx.places[k].label if k in lx.places else k): v
                                                for k, v in place_counts.items()}))
    names = _Names(lx, jur)

    # canonical names and merge
    for r in raw:
        surface = norm[r["s"]:r["e"]]
        label, cls, en, concept = names.canonical(_unquote(surface), r["cls"], r["concept"])
        if r["source"].startswith("coordination-head"):
            label = r["source"].split(":", 1)[1] + surface  # 主任 in 村(社区)书记、主任 -> 村(社区)主任
        r.update(surface=surface, label=label, cls=cls, en=en, concept=concept, core=core_class(cls))
        r["aliases"] = {_unquote(surface), *paren_variants(label), *paren_variants(surface)} - {label}
    raw = [r for r in raw if r["core"] in ("Actor", "Mechanism", "Goal", "Challenge", "Event")]
    uf = _UF()
    owner: dict[tuple[str, str], int] = {}
    loose_keys = []
    for i, r in enumerate(raw):
        uf.find(i)
        full, loose = _keys(r["label"], r["aliases"], lx, r["core"], r["cls"])
        loose_keys.append(loose)
        for k in full:
            key = (r["core"], k)
            if key in owner:
                uf.union(owner[key], i)
            else:
                owner[key] = i
    for i, r in enumerate(raw):
        for k in loose_keys[i]:
            if (r["core"], k) in owner:
                uf.union(owner[(r["core"], k)], i)
    # X(Y): a name followed by its alternative in brackets is one entity (村规民约(居民公约))
    by_start = {r["s"]: i for i, r in enumerate(raw) if not r["nested"]}
    for i, r in enumerate(raw):
        j = by_start.get(r["e"] + 1)
        if j is not None and norm[r["e"]:r["e"] + 1] == "(" and norm[raw[j]["e"]:raw[j]["e"] + 1] == ")" \
                and raw[j]["core"] == r["core"]:
            uf.union(i, j)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, r in enumerate(raw):
        groups[uf.find(i)].append(r)

    sent_starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> Span | None:
        import bisect

        i = bisect.bisect_right(sent_starts, pos) - 1
        if i < 0:
            return None
        s, e = sentences[i]
        return document.span(s, e)

    entities: list[Entity] = []
    by_pos: dict[tuple[int, int], tuple[str, str]] = {}
    for members in groups.values():
        members.sort(key=lambda r: (r["s"], r["e"]))
        best = min(members, key=lambda r: (_SOURCE_RANK.get(r["source"], 9), r["s"]))
        labels = Counter(r["label"] for r in members)
        top = max(labels.values())
        label = best["label"] if labels[best["label"]] == top else next(
            r["label"] for r in members if labels[r["label"]] == top)
        cls_votes = Counter(r["cls"] for r in members if r["source"] == best["source"])
        cls = cls_votes.most_common(1)[0][0]
        core = core_class(cls)
        key = (core, label)
        aliases = sorted({a for r in members for a in (r["aliases"] | {r["label"]})} - {label})
        concept = next((r["concept"] for r in members if r["concept"]), None)
        en = next((r["en"] for r in members if r["en"]), None)
        mentions = []
        for r in members:
            span = document.span(r["s"], r["e"])
            mentions.append(Mention(span=span, key=key, sentence=sentence_of(r["s"]), surface=r["surface"],
                                    source=r["source"]))
            by_pos[(r["s"], r["e"])] = key
        if entities and any(e.key == key for e in entities):
            # two groups landed on one label: fold into the existing entity
            i = next(i for i, e in enumerate(entities) if e.key == key)
            old = entities[i]
            entities[i] = Entity(key, old.cls, old.label, tuple(sorted(set(old.aliases) | set(aliases))),
                                 old.label_en or en, old.concept or concept, old.mentions + tuple(mentions))
            continue
        entities.append(Entity(key=key, cls=cls, label=label, aliases=tuple(aliases), label_en=en,
                               concept=concept, mentions=tuple(mentions)))
    entities.sort(key=lambda e: (e.key, e.cls))

    relations = []
    seen = set()
    for a, p, b, ev, trig in rels:
        ka, kb = by_pos.get(a), by_pos.get(b)
        if ka is None or kb is None or ka == kb:
            continue
        if (ka, p, kb) in seen:
            continue
        seen.add((ka, p, kb))
        relations.append(Relation(ka, p, kb, document.span(*ev), trig))
    if attribution:
        relations += _attribution_relations(attribution, by_pos, document)
    for r in raw:
        inside = r.get("inside")
        if not inside or inside not in by_pos or (r["s"], r["e"]) not in by_pos:
            continue
        outer_key, inner_key = by_pos[inside], by_pos[(r["s"], r["e"])]
        p = "faces" if outer_key[0] == "Challenge" else "involves"
        a, b = (inner_key, outer_key) if p == "faces" else (outer_key, inner_key)
        if (a, p, b) not in seen:
            seen.add((a, p, b))
            relations.append(Relation(a, p, b, document.span(*inside), ""))

    quantities = []
    for off, q, subj in metrics:
        keys = tuple(dict.fromkeys(by_pos[s] for s in subj if s in by_pos))
        sent = sentence_of(q.start + off) if False else sentence_of(q.start)
        statement = _statement(norm, q.start, q.end)
        quantities.append(Quantity(span=document.span(q.start, q.end), value=q.value, unit=q.unit,
                                   measures=keys, qualifier=q.qualifier, year=q.year, since=q.since,
                                   until=q.until, is_target=q.is_target, statement=statement, sentence=sent))
    return Extraction(document=document, entities=tuple(entities), relations=tuple(relations),
                      quantities=tuple(quantities))


def _inner_actors(raw: list[dict], norm: str, lx: Lexicon) -> list[dict]:
    """Actors of the lexicon named inside a mechanism, policy or challenge name (在职党员 in 在职党员到社区
    报到机制), found on characters so that a name the tokenizer kept whole is still looked into."""
    have = {(r["s"], r["e"]) for r in raw}
    actors = sorted((w for w, e in lx.entries.items()
                     if core_class(e.cls) == "Actor" and e.cls != "Place" and len(w) >= 3 and "(" not in w),
                    key=len, reverse=True)
    out = []
    for r in raw:
        if r["nested"] or core_class(r["cls"]) not in ("Mechanism", "Challenge"):
            continue
        text = norm[r["s"]:r["e"]]
        taken = bytearray(len(text))
        for w in actors:
            start = text.find(w)
            while start >= 0:
                if not any(taken[start:start + len(w)]) and (start, start + len(w)) != (0, len(text)):
                    key = (r["s"] + start, r["s"] + start + len(w))
                    taken[start:start + len(w)] = b"\x01" * len(w)
                    if key not in have:
                        e = lx.entries[w]
                        out.append({"s": key[0], "e": key[1], "cls": e.cls, "concept": e.concept,
                                    "source": "lexicon", "nested": True, "inside": (r["s"], r["e"])})
                        have.add(key)
                start = text.find(w, start + 1)
    return out


def _statement(norm: str, s: int, e: int) -> str:
    """The clause around a quantity, as what it is about."""
    a = max(norm.rfind(c, 0, s) for c in ",;:。!?\n、") + 1
    b = min([i for i in (norm.find(c, e) for c in ",;:。!?\n、") if i >= 0] or [len(norm)])
    return norm[a:b][:60]


def _attribution_mentions(m: re.Match, lx: Lexicon) -> list[dict]:
    out = [{"s": m.start(1), "e": m.end(1), "cls": "Person", "concept": "", "source": "metadata", "nested": False}]
    role = m.group(2)
    morph = MorphologyRecognizer(lx)
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
    org = next((k for (s, e), k in by_pos.items() if s == m.start(2) and k[0] == "Actor"), None)
    if person and org:
        return [Relation(person, "leads", org, document.span(*m.span()), "作者为")]
    return []
