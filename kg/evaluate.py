"""Score a built graph against a hand-made gold file (the shared scorer's logic as pure functions).

The contract is the one of ``eval/score.py`` shared with the project (a copy is kept in
``tests/data/score_reference.py`` and a test checks that both give the same figures):

- an entity is any node typed, directly or through ``rdfs:subClassOf*``, as one of the core classes; the
  first core class in :data:`CORE` order wins;
- its names are its ``rdfs:label``, ``skos:prefLabel`` and ``skos:altLabel`` values, compared after NFKC
  with quotation marks, book-title marks and white space dropped;
- a predicted entity matching a gold entity of its class is a true positive, the second one matching the
  same gold entity a duplicate (false positive), one matching only gold entities of other classes a wrong
  class; optional gold entities count neither as misses nor as false positives;
- a gold metric is found by value (relative tolerance 1e-6) and unit (or one of its ``unit_aliases``); its
  subject is right when ``gov:measures`` points at a node matched to one of its gold entities;
- a gold link is found when nodes matched to its two ends share a direct edge, in either direction.

>>> from rdflib import Graph
>>> r = score(Graph(), {"entities": [], "metrics": [], "links": []})
>>> r.macro_f1_core4, r.links_found
(0.0, 0)
"""

from __future__ import annotations

import copy
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

__all__ = [
    "CORE",
    "DEFAULT_NS",
    "ClassScore",
    "EvalResult",
    "GoldError",
    "load_gold",
    "load_graphs",
    "normalise_name",
    "predicted_entities",
    "score",
]

CORE = ("Actor", "Mechanism", "Goal", "Metric", "Challenge", "Event")
DEFAULT_NS = "https://w3id.org/govkg/ontology#"
_STRIP = re.compile(r"[\s\u201c\u201d\u2018\u2019\"'\u300a\u300b<>\u300c\u300d]")


class GoldError(ValueError):
    """A gold file that cannot be used; ``str(err)`` is a one-line message."""


@dataclass(frozen=True, slots=True)
class ClassScore:
    """Figures of one core class. For ``Metric``, ``subject_ok`` counts metrics with a right subject."""

    gold: int
    found: int
    tp: int
    fp: int
    precision: float
    recall: float
    f1: float
    subject_ok: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"gold": self.gold, "found": self.found}
        if self.subject_ok is not None:
            d["subject_ok"] = self.subject_ok
        d.update(tp=self.tp, fp=self.fp, precision=self.precision, recall=self.recall, f1=self.f1)
        return d


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Everything :func:`score` measures; :meth:`to_dict` has the reference script's JSON shape."""

    classes: dict[str, ClassScore]
    links_gold: int
    links_found: int
    metrics_gold: int
    metric_subject_ok: int
    macro_f1_core4: float
    errors: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "classes": {c: s.to_dict() for c, s in self.classes.items()},
            "links": {"gold": self.links_gold, "found": self.links_found},
            "macro_f1_core4": self.macro_f1_core4,
            "metric_subject_ok": self.metric_subject_ok,
            "errors": {k: list(v) for k, v in self.errors.items()},
        }

    def summary(self) -> str:
        """The reference script's last line."""
        c = self.classes
        return (f"macro-F1(actor,mechanism,goal,metric)={self.macro_f1_core4:.3f} "
                f"actor={c['Actor'].f1:.2f} mechanism={c['Mechanism'].f1:.2f} "
                f"goal={c['Goal'].f1:.2f} metric={c['Metric'].f1:.2f} "
                f"subjects={self.metric_subject_ok}/{self.metrics_gold} "
                f"links={self.links_found}/{self.links_gold}")


def normalise_name(s: object) -> str:
    """A name as compared: NFKC, without quotation marks, title marks and white space.

    >>> normalise_name("《关于 加强…的意见》")
    '关于加强...的意见'
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", str(s)))


def load_gold(path: str | os.PathLike) -> dict[str, Any]:
    """Read and check a gold file; raises :class:`GoldError` with a one-line message."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{p}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{p}: cannot read ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{p}: not JSON (line {exc.lineno}: {exc.msg})") from None
    return check_gold(data, name=str(p))


def check_gold(data: Any, *, name: str = "<gold>") -> dict[str, Any]:
    """Check the shape of gold data (entities, metrics, links); returns a copy with defaults filled in."""
    if not isinstance(data, dict):
        raise GoldError(f"{name}: a gold file is a JSON object with entities, metrics and links")
    data = copy.deepcopy(data)
    for key in ("entities", "metrics", "links"):
        if not isinstance(data.get(key), list):
            raise GoldError(f"{name}: missing list {key!r}")
    ids = set()
    for i, e in enumerate(data["entities"]):
        if not isinstance(e, dict) or not {"id", "class", "label"} <= set(e):
            raise GoldError(f"{name}: entity {i} needs id, class and label")
        if e["class"] not in CORE:
            raise GoldError(f"{name}: entity {e['id']!r} has unknown class {e['class']!r}")
        e.setdefault("aliases", [])
        ids.add(e["id"])
    for i, m in enumerate(data["metrics"]):
        if not isinstance(m, dict) or not {"value", "unit", "measures"} <= set(m):
            raise GoldError(f"{name}: metric {i} needs value, unit and measures")
        if not isinstance(m["value"], (int, float)):
            raise GoldError(f"{name}: metric {i} has a value that is not a number")
        unknown = set(m["measures"]) - ids
        if unknown:
            raise GoldError(f"{name}: metric {i} measures unknown entities {sorted(unknown)}")
        m.setdefault("raw", str(m["value"]) + m["unit"])
        m.setdefault("what", "")
    for i, link in enumerate(data["links"]):
        if not (isinstance(link, list) and len(link) == 2 and set(link) <= ids):
            raise GoldError(f"{name}: link {i} is not a pair of known entity ids")
    return data


def load_graphs(paths: Iterable[str | os.PathLike]) -> rdflib.Graph:
    """Parse RDF files into one graph (format guessed from the file name)."""
    g = rdflib.Graph()
    for p in paths:
        g.parse(str(p))
    return g


def _entity_query(ns: str, cls: str):
    return f"SELECT DISTINCT ?e WHERE {{ ?e a/<{RDFS.subClassOf}>* <{ns}{cls}> }}"


def predicted_entities(g: rdflib.Graph, ns: str = DEFAULT_NS) -> dict[rdflib.term.Node, tuple[str, set[str]]]:
    """Each entity node -> ``(core class, normalised names)``; the first core class in :data:`CORE` wins."""
    out: dict[rdflib.term.Node, tuple[str, set[str]]] = {}
    for cls in CORE:
        for (e,) in g.query(_entity_query(ns, cls)):
            if e in out:
                continue
            names = {normalise_name(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                     for o in g.objects(e, p)}
            out[e] = (cls, {n for n in names if n})
    return out


def _gold_index(gold: Mapping[str, Any]) -> dict[str, list[dict]]:
    idx: dict[str, list[dict]] = defaultdict(list)
    for e in gold["entities"]:
        for name in [e["label"], *e.get("aliases", [])]:
            idx[normalise_name(name)].append(e)
    return idx


def _is_number(v: object) -> bool:
    try:
        float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _prf(tp: int, fp: int, found: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = found / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def score(g: rdflib.Graph, gold: Mapping[str, Any], ns: str = DEFAULT_NS) -> EvalResult:
    """Score graph ``g`` against ``gold`` (a dict as read by :func:`load_gold`)."""
    pred = predicted_entities(g, ns)
    idx = _gold_index(gold)
    gold_by_id = {e["id"]: e for e in gold["entities"]}
    matched: dict[str, list] = defaultdict(list)
    per = {c: {"gold": 0, "found": 0, "tp": 0, "fp": 0} for c in CORE}
    errors: dict[str, list[str]] = defaultdict(list)
    for node, (cls, names) in sorted(pred.items(), key=lambda kv: str(kv[0])):
        if cls == "Metric":
            continue
        # sorted: a node whose names hit two gold entities of its class takes the same one in every run
        # (the reference scorer iterates the set, so its choice follows PYTHONHASHSEED)
        hits = {e["id"]: e for n in sorted(names) for e in idx.get(n, [])}
        same = [e for e in hits.values() if e["class"] == cls]
        if same:
            e = same[0]
            if matched[e["id"]]:
                per[cls]["fp"] += 1
                errors[cls].append(f"duplicate of {e['label']}: {sorted(names)[:2]}")
            else:
                per[cls]["tp"] += 1
            matched[e["id"]].append(node)
        else:
            per[cls]["fp"] += 1
            errors[cls].append(f"{'wrong class' if hits else 'not in gold'}: {sorted(names)[:2]}")
    for e in gold["entities"]:
        if e.get("optional"):
            continue
        per[e["class"]]["gold"] += 1
        if matched[e["id"]]:
            per[e["class"]]["found"] += 1
        else:
            errors[e["class"]].append(f"missed: {e['label']}")

    value, unit, measures = (rdflib.URIRef(ns + x) for x in ("value", "unit", "measures"))
    metric_nodes = sorted((n for n, (c, _) in pred.items() if c == "Metric"), key=str)
    found = subject_ok = 0
    used: set = set()
    for q in gold["metrics"]:
        hit = None
        accepted = {normalise_name(q["unit"]), *(normalise_name(u) for u in q.get("unit_aliases", []))}
        for n in metric_nodes:
            if n in used:
                continue
            vals = [float(v) for v in g.objects(n, value) if _is_number(v)]
            units = {normalise_name(u) for u in g.objects(n, unit)}
            if any(abs(v - q["value"]) <= 1e-6 * max(1.0, abs(q["value"])) for v in vals) and accepted & units:
                hit = n
                break
        if hit is None:
            errors["Metric"].append(f"missed: {q['raw']} ({q['what']})")
            continue
        used.add(hit)
        found += 1
        targets = {t for gid in q["measures"] for t in matched.get(gid, [])}
        if targets & set(g.objects(hit, measures)):
            subject_ok += 1
        else:
            errors["Metric"].append(f"wrong or missing subject: {q['raw']} ({q['what']})")

    nodes = set(pred)
    adj: dict = defaultdict(set)
    for s, p, o in g:
        if p == RDF.type or s not in nodes or o not in nodes:
            continue
        adj[s].add(o)
        adj[o].add(s)
    links_found = 0
    for a, b in gold["links"]:
        if any(y in adj[x] for x in matched.get(a, []) for y in matched.get(b, [])):
            links_found += 1
        else:
            errors["Link"].append(f"missing: {gold_by_id[a]['label']} -- {gold_by_id[b]['label']}")

    classes: dict[str, ClassScore] = {}
    for c in CORE:
        d = per[c]
        if c == "Metric":
            d = {"gold": len(gold["metrics"]), "found": found, "tp": found, "fp": len(metric_nodes) - found}
        p, r, f = _prf(d["tp"], d["fp"], d["found"], d["gold"])
        classes[c] = ClassScore(d["gold"], d["found"], d["tp"], d["fp"], p, r, f,
                                subject_ok if c == "Metric" else None)
    macro = round(sum(classes[c].f1 for c in ("Actor", "Mechanism", "Goal", "Metric")) / 4, 3)
    return EvalResult(classes=classes, links_gold=len(gold["links"]), links_found=links_found,
                      metrics_gold=len(gold["metrics"]), metric_subject_ok=subject_ok, macro_f1_core4=macro,
                      errors=dict(errors))
