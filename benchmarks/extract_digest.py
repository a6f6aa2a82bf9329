"""Canonical JSON of every extraction record and its sha256: a check that a speed change changes nothing.

    .venv/bin/python benchmarks/extract_digest.py OUT.json [--only sample|genre|syn]

Covers the bundled sample (once, and four times over so that it is cut into several chunks), every genre
text in tests/data/genre (tuned, holdout and blind) and 200 synthetic documents (seed 7, written to a
temporary folder by ``synthetic_corpus.generate``; they follow the lexicon, so compare digests made with
the same lexicon). Prints the sha256 of the whole and of each group, and the CPU time per group. Two
runs with the same digest extracted the same records, field for field. Not part of pytest.
"""
import hashlib
import json
import sys
import time
from pathlib import Path

sys.setrecursionlimit(10000)
ROOT = Path(__file__).resolve().parent.parent


def span(s):
    return None if s is None else [s.start, s.end, s.quote]


def record(ex):
    d = ex.document
    out = {
        "doc": {"id": d.id, "meta": {k: getattr(d.meta, k) for k in d.meta.__slots__}},
        "entities": [
            {"key": list(e.key), "cls": e.cls, "label": e.label, "aliases": list(e.aliases), "en": e.label_en,
             "concept": e.concept,
             "mentions": [[span(m.span), list(m.key), span(m.sentence), m.surface, m.source] for m in e.mentions]}
            for e in ex.entities],
        "relations": [[list(r.subject), r.predicate, list(r.object), span(r.evidence), r.trigger]
                      for r in ex.relations],
        "quantities": [[span(q.span), repr(q.value), q.unit, [list(k) for k in q.measures], q.qualifier, q.year,
                        q.since, q.until, q.is_target, q.statement, span(q.sentence)] for q in ex.quantities],
    }
    return out


def documents(only=None):
    from kg.corpus import prepare, sources_for
    from kg.ingest import from_text, read_document
    from kg.records import DocumentMeta
    from kg.resources import sample_text

    if only in (None, "sample"):
        yield "sample", from_text(sample_text())
        yield "sample x4", from_text((sample_text().strip() + "\n") * 4)  # several chunks
    if only in (None, "genre"):
        genre = ROOT / "tests/data/genre"
        for p in sorted(genre.glob("*.txt")) + sorted((genre / "holdout").glob("*.txt")) + sorted((genre / "blind").glob("*.txt")):
            yield str(p.relative_to(ROOT)), read_document(p)
    if only in (None, "syn"):
        import tempfile

        sys.path.insert(0, str(ROOT / "benchmarks"))
        from synthetic_corpus import generate

        tmp = tempfile.mkdtemp(prefix="govkg-digest-")
        generate(tmp, 200, seed=7)
        for src in sources_for([tmp], base=tmp):
            task = prepare(src)
            yield "syn/" + src.id, from_text(task.text, meta=DocumentMeta(source=src.id), name=task.name)


def main():
    out = Path(sys.argv[1])
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    from kg.extract import extract
    from kg.nlp.pipeline import default_nlp

    nlp = default_nlp()
    docs = list(documents(only))
    extract(docs[0][1], nlp)  # warm up
    data = {}
    per = {}
    t0, c0 = time.perf_counter(), time.process_time()
    for name, doc in docs:
        c = time.process_time()
        data[name] = record(extract(doc, nlp))
        per[name.split("/")[0]] = per.get(name.split("/")[0], 0) + time.process_time() - c
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0)
    out.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    groups = {}
    for name, rec in data.items():
        g = name.split("/")[0]
        groups.setdefault(g, hashlib.sha256())
        groups[g].update(json.dumps(rec, ensure_ascii=False, sort_keys=True).encode())
    print(f"{len(data)} documents, {sum(len(r['entities']) for r in data.values())} entities, "
          f"{sum(len(r['relations']) for r in data.values())} relations, "
          f"{sum(len(r['quantities']) for r in data.values())} quantities")
    for g, h in groups.items():
        print(f"  {g:40s} {h.hexdigest()[:16]}  cpu {per[g]:.2f}s")
    print(f"time: wall {wall:.2f}s cpu {cpu:.2f}s")
    print("sha256", digest)


if __name__ == "__main__":
    main()
