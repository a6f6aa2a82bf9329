"""Many documents into one store: a named graph per source, unchanged files skipped, changed ones replaced.

A *source* is one input file, known by its id: the file's path relative to a base folder (the current
folder unless told otherwise), in ``/`` form and Unicode NFC, or an id the caller gives. Its graph name
is :func:`source_iri` of that id, so a changed file *replaces* its previous graph instead of adding a
second one. Each named graph holds everything one document asserts: its ``gov:Document`` record, the
entities it mentions with their labels and types, its relations, metrics and mentions. Entities are
shared between documents through their stable IRIs (``kg.rdf.iri.entity_iri``), and because every graph
repeats the entity triples its document asserts, the union of the graphs stays right when one graph is
dropped: an entity keeps its labels while any document still mentions it.

The store also holds a small *manifest* graph (:data:`MANIFEST_GRAPH`) saying, per source, which
document (and so which text: ``gov:sha256``) it holds and with which settings it was extracted::

    <source> a prov:Entity ; dcterms:identifier "notices/2023-01.txt" ;
             prov:wasGeneratedBy id:build/<fingerprint> .
    <document> prov:hadPrimarySource <source> ; gov:sha256 "…" .
    id:build/<fingerprint> a prov:Activity ; prov:wasAssociatedWith id:agent/govkg/<version> .

A re-run reads the manifest, skips sources whose text and settings are unchanged, and replaces the
others. The manifest entry of a source is written *after* its graph, so an interrupted run never marks
a source done whose graph is missing or stale: the next run simply does it again.

Extraction runs in this process, in a pool of worker processes (each builds the spaCy pipeline once,
in the pool's initializer) or on a Dask cluster; all three run :func:`process_batch` and give the same
quads. The files are read and decoded here, so cluster workers need govkg installed but no access to
the files.

>>> source_id("corpus/notices/a.txt", base="corpus")
'notices/a.txt'
>>> source_iri("notices/a.txt")
'https://w3id.org/govkg/id/source/notices/a.txt'
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import gc
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import re
import signal
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg import __version__
from kg.rdf import iri
from kg.rdf.prefixes import PREFIXES, prefixes

if TYPE_CHECKING:
    from kg.rdf.build import Provenance
    from kg.store import OxigraphStore

__all__ = [
    "MANIFEST_GRAPH",
    "SUFFIXES",
    "CorpusError",
    "CorpusReport",
    "DocResult",
    "Progress",
    "PublishError",
    "Settings",
    "Source",
    "Task",
    "build_corpus",
    "canonical_nquads",
    "dump_dataset",
    "prepare",
    "process_batch",
    "publish",
    "read_manifest",
    "remove_sources",
    "source_id",
    "source_iri",
    "sources_for",
]

log = logging.getLogger(__name__)

#: file suffixes read as documents (markup is stripped from .html/.htm and .md)
SUFFIXES = (".txt", ".md", ".html", ".htm")
#: the graph that records which source holds which document, extracted with which settings
MANIFEST_GRAPH = f"{iri.BASE}corpus/manifest"

_DCTERMS = PREFIXES["dcterms"]
_PROV = PREFIXES["prov"]
_GOV = PREFIXES["gov"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_RDFS_COMMENT = PREFIXES["rdfs"] + "comment"
_SURROGATE = re.compile("[\ud800-\udfff]")
_PREFIXES = prefixes("gov", "id", "prov", "dcterms", "rdfs", "skos", "oa", "xsd")


class CorpusError(Exception):
    """A corpus cannot be built: bad options, an unreachable cluster, a store that cannot be written."""


class PublishError(CorpusError):
    """A graph could not be pushed to a Graph Store Protocol endpoint; the message is one line."""


# ------------------------------------------------------------------------------------------ sources


def source_id(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> str:
    """The id of the file ``path``: relative to ``base`` (default: the current folder), ``/``-separated, NFC.

    A file outside ``base`` keeps its absolute path. Symbolic links are not resolved, so the id is the
    path the user sees.

    >>> source_id("a/b/../c.txt", base="a")
    'c.txt'
    """
    p = os.path.abspath(os.fspath(path))
    b = os.path.abspath(os.fspath(base) if base is not None else os.getcwd())
    try:
        rel = os.path.relpath(p, b)
    except ValueError:  # another drive (Windows)
        rel = p
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = p
    return unicodedata.normalize("NFC", Path(rel).as_posix())


def source_iri(sid: str) -> str:
    """The name of the graph that holds source ``sid`` (percent-encoded where an IRI needs it).

    >>> source_iri("通知/2023 年.txt")
    'https://w3id.org/govkg/id/source/%E9%80%9A%E7%9F%A5/2023%20%E5%B9%B4.txt'
    """
    quoted = urllib.parse.quote(unicodedata.normalize("NFC", sid), safe="/-._~")
    if quoted.startswith("/"):
        quoted = "%2F" + quoted[1:]
    return f"{iri.BASE}source/{quoted}"


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """One input file and the id its graph is named after."""

    id: str
    path: Path

    @property
    def graph(self) -> str:
        """The IRI of the named graph holding this source's document."""
        return source_iri(self.id)


def sources_for(paths: Iterable[str | os.PathLike[str]], *, base: str | os.PathLike[str] | None = None
                ) -> list[Source]:
    """Sources for files and folders (folders: their files with a :data:`SUFFIXES` suffix, sorted).

    A file given twice (or under two folders) is kept once.
    """
    out: dict[str, Source] = {}
    for raw in paths:
        p = Path(raw)
        files = (sorted(q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and q.is_file())
                 if p.is_dir() else [p])
        for f in files:
            sid = source_id(f, base)
            out.setdefault(sid, Source(sid, f))
    return list(out.values())


# ----------------------------------------------------------------------------------------- settings


def _sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


@dataclasses.dataclass(frozen=True)
class Settings:
    """What changes the extraction besides the text (part of the skip decision).

    Parameters
    ----------
    jurisdiction
        Province or city the texts speak for (``DocumentMeta.jurisdiction``).
    config
        Text of a spaCy config for the pipeline; None for the bundled one. The text, not a path, so
        that cluster workers need no access to the file.
    provenance
        ``"full"`` (span nodes with selectors) or ``"compact"`` (RFC 5147 fragment IRIs of the document,
        about 40% fewer quads): see :func:`kg.rdf.build.extraction_triples`.
    """

    jurisdiction: str | None = None
    config: str | None = None
    provenance: Provenance = "full"

    def __post_init__(self) -> None:
        from kg.rdf.build import check_provenance

        try:
            check_provenance(self.provenance)
        except ValueError as exc:
            raise CorpusError(str(exc)) from None

    def fingerprint(self) -> str:
        """Hash of the settings, the govkg version and the bundled lexicon, grammar and pipeline config.

        Code changes within one version are not seen: use ``force`` after upgrading a checkout.
        """
        from kg.nlp.pipeline import default_config_text
        from kg.resources import read_text

        parts = {"version": __version__, "jurisdiction": self.jurisdiction,
                 "config": _sha(self.config) if self.config is not None else None,
                 "default_config": _sha(default_config_text()),
                 "data": [_sha(read_text(n)) for n in ("lexicon.ttl", "grammar.ttl", "govkg.ttl")]}
        if self.provenance != "full":  # "full" is left out: stores built before the option keep their fingerprint
            parts["provenance"] = self.provenance
        return _sha(json.dumps(parts, sort_keys=True))[:16]

    def describe(self) -> str:
        return (f"govkg {__version__}; jurisdiction={self.jurisdiction or '-'}; "
                f"config={'custom ' + _sha(self.config)[:12] if self.config is not None else 'bundled'}"
                + (f"; provenance={self.provenance}" if self.provenance != "full" else ""))


def _activity_iri(fingerprint: str) -> str:
    return f"{iri.BASE}build/{fingerprint}"


# --------------------------------------------------------------------------------------- the work


@dataclasses.dataclass(frozen=True, slots=True)
class Task:
    """A decoded document on its way to a worker."""

    source_id: str
    name: str  # the path as given, for messages
    text: str
    sha256: str  # of the text, as kg.ingest computes it (the document's gov:sha256)


@dataclasses.dataclass(frozen=True, slots=True)
class DocResult:
    """What a worker sends back for one document: its named graph as N-Quads, or an error."""

    source_id: str
    graph: str
    sha256: str
    document: str | None
    nquads: bytes
    chars: int
    quads: int
    seconds: float
    cpu_seconds: float = 0.0  # CPU time of the worker process (process_time) for this document
    error: str | None = None


#: the spaCy pipeline of this process, per config hash (built once per worker)
_PIPELINES: dict[str | None, Any] = {}


def _pipeline(settings: Settings) -> Any:
    key = None if settings.config is None else _sha(settings.config)
    nlp = _PIPELINES.get(key)
    if nlp is None:
        if settings.config is None:
            from kg.nlp.pipeline import default_nlp

            nlp = default_nlp()
        else:
            from kg.nlp.pipeline import build_nlp

            with tempfile.TemporaryDirectory(prefix="govkg-cfg-") as tmp:
                path = Path(tmp) / "pipeline.cfg"
                path.write_text(settings.config, encoding="utf-8")
                nlp = build_nlp(path)
        _PIPELINES[key] = nlp
        if multiprocessing.parent_process() is not None:  # a worker process: it lives for this work only
            freeze_heap()
    return nlp


def freeze_heap() -> None:
    """Move every object alive now out of the cyclic garbage collector's reach (``gc.freeze``).

    The pipeline (models, lexicon, caches) lives as long as the process; frozen, it is no longer
    traversed by every full collection, which the many small objects of extraction and RDF building
    trigger (measured: about 10% of a document's CPU time). Worker processes do it once their pipeline
    is built; a program that owns its process (the ``govkg`` command) may call it too. A library caller
    in a long-lived session (a notebook) is left alone: frozen objects are never collected.
    """
    gc.collect()
    gc.freeze()


def _init_worker(settings: Settings) -> None:
    """Pool initializer: build the pipeline once per worker process.

    A worker ignores SIGINT: Ctrl-C in a terminal reaches the whole process group, and the parent alone
    handles it (it stops handing out work and shuts the pool down), so the user sees one line, not a
    traceback from each worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pipeline(settings)


def _document_nquads(ex: Any, graph_name: str, provenance: Provenance = "full") -> tuple[bytes, int]:
    """One document's triples as N-Quads in ``graph_name``, and how many.

    Written straight from :func:`kg.rdf.build.extraction_triples` (plain strings, no rdflib terms):
    a document's graph is only written out here, never queried, and an rdflib graph with its
    N-Triples serialiser costs several times as much.
    """
    from kg.rdf.build import extraction_triples, nquads

    return nquads(extraction_triples(ex, provenance=provenance), graph_name)


def _process(task: Task, settings: Settings) -> DocResult:
    from kg.extract import extract
    from kg.ingest import from_text
    from kg.records import DocumentMeta

    t0, c0 = time.perf_counter(), time.process_time()
    graph = source_iri(task.source_id)
    try:
        meta = DocumentMeta(jurisdiction=settings.jurisdiction, source=task.source_id)
        doc = from_text(task.text, meta=meta, name=task.name)
        ex = extract(doc, _pipeline(settings))
        data, n = _document_nquads(ex, graph, settings.provenance)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:
        log.info("%s: extraction failed", task.name, exc_info=True)
        first = (str(exc).strip().splitlines() or [""])[0]
        return DocResult(task.source_id, graph, task.sha256, None, b"", len(task.text), 0,
                         time.perf_counter() - t0, time.process_time() - c0, f"{type(exc).__name__}: {first}")
    return DocResult(task.source_id, graph, doc.sha256, str(iri.document_iri(doc.id)), data, len(task.text), n,
                     time.perf_counter() - t0, time.process_time() - c0)


def process_batch(tasks: Sequence[Task], settings: Settings) -> list[DocResult]:
    """Extract a batch of documents (the function every engine runs: here, in a pool, on Dask)."""
    _pipeline(settings)  # built once per process, and not counted as any document's time
    return [_process(t, settings) for t in tasks]


def prepare(source: Source, *, encoding: str | None = None, max_bytes: int | None = None) -> Task:
    """Read and decode one source (markup stripped by suffix) into a :class:`Task`.

    Raises
    ------
    kg.ingest.InputError
        The file cannot be read as text; the message is one line.
    """
    from kg.ingest import MAX_BYTES, InputError, decode

    p, name = source.path, str(source.path)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        if not p.is_file():
            raise InputError(f"{name}: not a regular file" if p.exists() else f"{name}: no such file")
        size = p.stat().st_size
        if size > limit:
            raise InputError(f"{name}: {size / 1e6:.1f} MB is over the limit of {limit / 1e6:.0f} MB "
                             "(raise it with --max-mb)")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, encoding=encoding, name=name)
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm"):
        from kg.markup import html_to_text

        text = html_to_text(text)
    elif suffix == ".md":
        from kg.markup import markdown_to_text

        text = markdown_to_text(text)
    if not text.strip():
        raise InputError(f"{name}: no text (the file holds only white space)")
    text = _SURROGATE.sub("\ufffd", text)  # as kg.ingest.from_text does before hashing
    return Task(source.id, name, text, _sha(text.encode("utf-8", "surrogatepass")))


# --------------------------------------------------------------------------------------- manifest


@dataclasses.dataclass(frozen=True, slots=True)
class _Entry:
    graph: str
    id: str
    sha256: str | None
    activity: str | None


def read_manifest(store: OxigraphStore | ox.Store) -> dict[str, _Entry]:
    """The sources a store holds, by id: graph name, text hash and settings activity."""
    engine = store if isinstance(store, ox.Store) else store.engine()
    q = (f"SELECT ?src ?id ?sha ?act WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?src <{_DCTERMS}identifier> ?id . "
         f"OPTIONAL {{ ?src <{_PROV}wasGeneratedBy> ?act }} "
         f"OPTIONAL {{ ?doc <{_PROV}hadPrimarySource> ?src ; <{_GOV}sha256> ?sha }} }} }}")
    out: dict[str, _Entry] = {}
    for row in engine.query(q):
        sid = row["id"].value
        out[sid] = _Entry(row["src"].value, sid, row["sha"].value if row["sha"] else None,
                          row["act"].value if row["act"] else None)
    return out


def _lit(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a valid N-Quads string literal (JSON escapes ⊂ N-Quads)


def _manifest_nquads(results: Sequence[DocResult], fingerprint: str, describe: str) -> bytes:
    g = f"<{MANIFEST_GRAPH}>"
    act = f"<{_activity_iri(fingerprint)}>"
    agent = f"<{iri.extractor_iri(__version__)}>"
    lines = [f"{act} <{_RDF_TYPE}> <{_PROV}Activity> {g} .",
             f"{act} <{_PROV}wasAssociatedWith> {agent} {g} .",
             f"{act} <{_RDFS_COMMENT}> {_lit(describe)} {g} ."]
    for r in results:
        src = f"<{r.graph}>"
        lines += [f"{src} <{_RDF_TYPE}> <{_PROV}Entity> {g} .",
                  f"{src} <{_DCTERMS}identifier> {_lit(r.source_id)} {g} .",
                  f"{src} <{_PROV}wasGeneratedBy> {act} {g} ."]
        if r.document:
            lines += [f"<{r.document}> <{_PROV}hadPrimarySource> {src} {g} .",
                      f"<{r.document}> <{_GOV}sha256> {_lit(r.sha256)} {g} ."]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _forget(graphs: Sequence[str]) -> str:
    """A SPARQL update dropping the graphs and their manifest entries (one transaction)."""
    m = f"<{MANIFEST_GRAPH}>"
    parts = []
    for gname in graphs:
        src = f"<{gname}>"
        parts.append(f"DELETE WHERE {{ GRAPH {m} {{ ?doc <{_PROV}hadPrimarySource> {src} }} }}")
        parts.append(f"DELETE WHERE {{ GRAPH {m} {{ {src} ?p ?o }} }}")
        parts.append(f"DROP SILENT GRAPH {src}")
    return " ;\n".join(parts)


#: a document no source holds any more loses its hash; activities no source refers to go too
_CLEANUP = (
    f"DELETE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?doc <{_GOV}sha256> ?h }} }} WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ "
    f"?doc <{_GOV}sha256> ?h FILTER NOT EXISTS {{ ?doc <{_PROV}hadPrimarySource> ?any }} }} }} ;\n"
    f"DELETE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?a ?p ?o }} }} WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ "
    f"?a a <{_PROV}Activity> ; ?p ?o FILTER NOT EXISTS {{ ?s <{_PROV}wasGeneratedBy> ?a }} }} }}"
)


def remove_sources(store: OxigraphStore, ids: Iterable[str]) -> list[str]:
    """Drop the graphs of the sources ``ids`` and their manifest entries; returns the ids removed."""
    manifest = read_manifest(store)
    gone = [sid for sid in ids if sid in manifest]
    if gone:
        store.engine().update(_forget([manifest[s].graph for s in gone]) + " ;\n" + _CLEANUP)
    return gone


# ------------------------------------------------------------------------------------------ engines


def _chunks(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for t in items:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_serial(tasks: Iterable[Task], settings: Settings, chunk: int, *, freeze: bool = False
                ) -> Iterator[list[DocResult]]:
    _pipeline(settings)
    if freeze:
        freeze_heap()
    for batch in _chunks(tasks, chunk):
        yield process_batch(batch, settings)


def _run_pool(tasks: Iterable[Task], settings: Settings, workers: int, chunk: int) -> Iterator[list[DocResult]]:
    # spawn: a fresh interpreter per worker (forking a process that runs threads, such as a progress
    # bar, can deadlock); the initializer builds the pipeline once per worker
    ctx = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                  initargs=(settings,))
    pending: set[cf.Future] = set()
    batches = _chunks(tasks, chunk)
    try:
        for batch in batches:
            pending.add(pool.submit(process_batch, batch, settings))
            if len(pending) >= 4 * workers:  # bounded: the corpus is never all in memory
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        while pending:
            done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for f in done:
                yield f.result()
    except cf.process.BrokenProcessPool as exc:
        raise CorpusError(f"a worker process died ({exc}); try fewer --workers (memory?)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(tasks: Iterable[Task], settings: Settings, scheduler: Any, chunk: int,
              in_flight: int | None) -> Iterator[list[DocResult]]:
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - an optional dependency
        raise CorpusError("--dask needs the dask and distributed packages (pip install 'govkg[distributed]')"
                          ) from None
    own = not isinstance(scheduler, Client)
    try:  # the connect timeout is Dask's (distributed.comm.timeouts.connect, 30 s by default)
        client = Client(scheduler) if own else scheduler
    except (OSError, TimeoutError) as exc:
        raise CorpusError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        batches = _chunks(tasks, chunk)
        ac = as_completed()
        for batch in itertools.islice(batches, limit):  # bounded: the corpus is never all in memory
            ac.add(client.submit(process_batch, batch, settings, pure=False))
        for fut in ac:
            try:
                result = fut.result()
            except Exception as exc:
                first = (str(exc).strip().splitlines() or [""])[0]
                raise CorpusError(f"a task failed on the Dask cluster ({type(exc).__name__}: {first}); "
                                  "is govkg installed on the workers?") from exc
            fut.release()
            yield result
            nxt = next(batches, None)
            if nxt is not None:
                ac.add(client.submit(process_batch, nxt, settings, pure=False))
    finally:
        if own:
            client.close()


# --------------------------------------------------------------------------------------- the build


@dataclasses.dataclass(frozen=True, slots=True)
class Progress:
    """One event of a build, for progress bars: a document done, skipped or failed."""

    kind: str  # "done" | "skipped" | "failed"
    source_id: str
    chars: int = 0
    message: str = ""


@dataclasses.dataclass
class CorpusReport:
    """What a build did.

    ``seconds`` is the whole build; ``extract_seconds`` and ``extract_cpu_seconds`` the wall and CPU time
    the workers spent on the documents (pipeline start-up excluded); ``load_seconds`` writing the store.
    """

    added: list[str] = dataclasses.field(default_factory=list)
    replaced: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    removed: list[str] = dataclasses.field(default_factory=list)
    duplicates: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    chars: int = 0
    quads: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    extract_seconds: float = 0.0
    extract_cpu_seconds: float = 0.0

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.replaced)


def _load(engine: ox.Store, fingerprint: str, describe: str, results: list[DocResult], *, fresh: bool,
          on_disk: bool) -> None:
    """Replace the graphs of ``results`` and record them in the manifest, after their data.

    The old graphs (and graphs without a manifest entry, left by an interrupted run) are dropped in one
    transaction; the new quads then go in with Oxigraph's bulk loader, which is not transactional but
    3-5 times faster than a transactional load on disk (measured, pyoxigraph 0.5). That is safe because
    the manifest entries are written last: a crash in between leaves sources without an entry, which
    the next run drops and extracts again. ``fresh``: the store was empty when the build began (nothing
    to drop). The quads are govkg's own N-Quads, so IRI validation is skipped (``lenient``).
    """
    if not fresh:
        engine.update(_forget([r.graph for r in results]))
    load = engine.bulk_load if on_disk else engine.load  # in memory, load is the fast one
    data = b"".join(r.nquads for r in results)
    if data:
        load(data, ox.RdfFormat.N_QUADS, lenient=True)
    load(_manifest_nquads(results, fingerprint, describe), ox.RdfFormat.N_QUADS, lenient=True)


#: extracted quads kept in memory before they are written to the store
LOAD_BUFFER_BYTES = 32 * 1024 * 1024


class _Loader:
    """Writes batches of results to the store in a thread of its own.

    pyoxigraph releases the GIL while it loads, so the main thread keeps handing documents to the
    workers meanwhile (loading in the main thread left the workers idle). At most two batches wait;
    an error is raised in the main thread at the next :meth:`put` or at :meth:`finish`.
    """

    def __init__(self, engine: ox.Store, fingerprint: str, describe: str, *, fresh: bool, on_disk: bool) -> None:
        import queue
        import threading

        self._args = (engine, fingerprint, describe)
        self._kw = {"fresh": fresh, "on_disk": on_disk}
        self._queue: queue.Queue[list[DocResult] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self.loaded: list[DocResult] = []
        self.seconds = 0.0
        self._thread = threading.Thread(target=self._run, name="govkg-store-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain: the main thread stops at its next put
            t = time.perf_counter()
            try:
                _load(*self._args, batch, **self._kw)
            except Exception as exc:  # noqa: BLE001 - handed to the main thread
                self._error = exc
                continue
            self.seconds += time.perf_counter() - t
            self.loaded.extend(batch)

    def _check(self) -> None:
        if self._error is not None:
            exc, self._error = self._error, None
            raise CorpusError(f"cannot write to the store: {exc}") from exc

    def put(self, batch: list[DocResult]) -> None:
        self._check()
        if batch:
            self._queue.put(batch)

    def finish(self, *, check: bool = True) -> None:
        """Wait for every batch put so far to be written (idempotent); raise a write error if ``check``."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if check:
            self._check()


def build_corpus(
    sources: Sequence[Source],
    store: OxigraphStore,
    *,
    settings: Settings | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
    workers: int = 1,
    dask: Any = None,
    chunk: int | None = None,
    force: bool = False,
    freeze: bool = False,
    prune_under: Sequence[str] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> CorpusReport:
    """Extract ``sources`` into ``store``, one named graph per source; skip unchanged ones.

    Parameters
    ----------
    sources
        The files (see :func:`sources_for`).
    store
        A writable :class:`kg.store.OxigraphStore` (on disk or in memory).
    settings
        Jurisdiction and pipeline config (part of the skip decision).
    encoding, max_bytes
        As for :func:`kg.ingest.read_document`.
    workers
        Extract in this many worker processes (1: in this process).
    dask
        A Dask scheduler address (``tcp://host:8786``) or a ``distributed.Client``: extract on that
        cluster instead. The workers need govkg installed, not the files.
    chunk
        Documents per task sent to a worker (default: a size that keeps every worker busy).
    force
        Extract every source again, even when its text and settings are unchanged.
    freeze
        In a serial run, freeze the heap once the pipeline is built (:func:`freeze_heap`): for a
        program that owns its process, such as the ``govkg`` command; worker processes always do.
    prune_under
        Drop the sources of the store whose id lies under one of these id prefixes (``""``: any) but
        which are not among ``sources`` (files deleted since the last build).
    on_progress
        Called with a :class:`Progress` for every document.
    """
    from kg.ingest import InputError

    if workers < 1:
        raise CorpusError("workers must be at least 1")
    if dask is not None and workers > 1:
        raise CorpusError("give either workers or a Dask scheduler, not both")
    settings = settings or Settings()
    t0 = time.perf_counter()
    report = CorpusReport()
    notify = on_progress or (lambda _p: None)
    engine = store.engine()
    manifest = read_manifest(store)
    fingerprint = settings.fingerprint()
    activity = _activity_iri(fingerprint)
    describe = settings.describe()
    by_sha: dict[str, str] = {e.sha256: e.id for e in manifest.values() if e.sha256}
    current = {s.id for s in sources}
    fresh = next(iter(engine), None) is None  # nothing to replace

    def tasks() -> Iterator[Task]:
        for src in sources:
            try:
                task = prepare(src, encoding=encoding, max_bytes=max_bytes)
            except InputError as exc:
                report.failed.append((src.id, str(exc)))
                notify(Progress("failed", src.id, 0, str(exc)))
                continue
            old = manifest.get(src.id)
            if not force and old is not None and old.sha256 == task.sha256 and old.activity == activity:
                report.skipped.append(src.id)
                notify(Progress("skipped", src.id, len(task.text)))
                continue
            other = by_sha.get(task.sha256)
            if old is None and other is not None and other != src.id and other not in current:
                report.duplicates.append((src.id, other))
            yield task

    n_sources = max(1, len(sources))
    n_engines = workers if dask is None else 8
    size = chunk or max(1, min(8, n_sources // (n_engines * 4) or 1))
    if dask is not None:
        runs = _run_dask(tasks(), settings, dask, size, None)
    elif workers > 1:
        runs = _run_pool(tasks(), settings, workers, size)
    else:
        runs = _run_serial(tasks(), settings, size, freeze=freeze)
    loader = _Loader(engine, fingerprint, describe, fresh=fresh, on_disk=store.path is not None)
    buffer: list[DocResult] = []
    size_in_buffer = 0
    try:
        for batch in runs:
            for r in batch:
                report.extract_seconds += r.seconds
                report.extract_cpu_seconds += r.cpu_seconds
                if r.error is not None:
                    report.failed.append((r.source_id, r.error))
                    notify(Progress("failed", r.source_id, r.chars, r.error))
                    continue
                buffer.append(r)
                size_in_buffer += len(r.nquads)
                report.chars += r.chars
                notify(Progress("done", r.source_id, r.chars))
            if size_in_buffer >= LOAD_BUFFER_BYTES:
                loader.put(buffer)
                buffer, size_in_buffer = [], 0
        loader.put(buffer)
        loader.finish()
    finally:
        close = getattr(runs, "close", None)
        if close is not None:
            close()
        loader.finish(check=False)  # on an error or Ctrl-C: the batches already handed over are written
    report.load_seconds = loader.seconds
    for r in loader.loaded:
        (report.replaced if r.source_id in manifest else report.added).append(r.source_id)
        report.quads += r.quads
    if prune_under is not None:
        prefixes = [p.rstrip("/") for p in prune_under]
        gone = [sid for sid in manifest if sid not in current
                and any(p == "" or sid == p or sid.startswith(p + "/") for p in prefixes)]
        report.removed = remove_sources(store, gone)
    if manifest:
        engine.update(_CLEANUP)
    if fresh and store.path is not None:
        engine.optimize()
    report.seconds = time.perf_counter() - t0
    return report


# ------------------------------------------------------------------------------------------ outputs


def dump_dataset(store: OxigraphStore | ox.Store, path: str | os.PathLike[str], fmt: str = "trig") -> Path:
    """Write every graph of ``store`` to ``path`` as TriG or N-Quads (atomically)."""
    from kg.rdf.serialize import atomic_write

    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "nq": ox.RdfFormat.N_QUADS}
    try:
        rdf_format = formats[fmt.lower()]
    except KeyError:
        raise CorpusError(f"unknown dataset format {fmt!r}: trig or nquads") from None
    engine = store if isinstance(store, ox.Store) else store.engine()
    with atomic_write(path, "wb") as fh:
        if rdf_format == ox.RdfFormat.TRIG:
            engine.dump(fh, rdf_format, prefixes=_PREFIXES)
        else:
            engine.dump(fh, rdf_format)
    return Path(path)


def canonical_nquads(store: OxigraphStore | ox.Store, *, manifest: bool = True) -> str:
    """Sorted N-Quads of every graph: byte-identical for equal datasets (govkg makes no blank nodes)."""
    engine = store if isinstance(store, ox.Store) else store.engine()
    text = engine.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    lines = [line for line in text.splitlines()
             if line.strip() and (manifest or not line.endswith(f"<{MANIFEST_GRAPH}> ."))]
    return "\n".join(sorted(lines)) + "\n"


def publish(store: OxigraphStore | ox.Store, url: str, *, timeout: float = 60.0,
            on_graph: Callable[[str, int], None] | None = None) -> list[tuple[str, int]]:
    """Push every graph of ``store`` to a SPARQL 1.1 Graph Store Protocol endpoint (``HTTP PUT``).

    Each named graph replaces the graph of the same name at ``url`` (``?graph=<name>``); a non-empty
    default graph replaces the endpoint's default graph (``?default``). Returns ``(graph, triples)``
    pairs; ``""`` stands for the default graph.

    Raises
    ------
    PublishError
        The URL is not http(s), or the endpoint refused a graph or could not be reached.
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise PublishError(f"{url}: give the http(s) URL of a Graph Store Protocol endpoint "
                           "(for Oxigraph: http://host:7878/store)")
    engine = store if isinstance(store, ox.Store) else store.engine()
    targets: list[tuple[str, ox.NamedNode | ox.DefaultGraph]] = [
        (g.value, g) for g in sorted(engine.named_graphs(), key=str) if isinstance(g, ox.NamedNode)]
    if next(iter(engine.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        targets.insert(0, ("", ox.DefaultGraph()))
    sep = "&" if parsed.query else "?"
    done = []
    for name, node in targets:
        data = engine.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=node)
        where = f"{url}{sep}default" if name == "" else f"{url}{sep}graph={urllib.parse.quote(name, safe='')}"
        req = urllib.request.Request(where, data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise PublishError(f"{url} refused graph <{name or 'default'}>: HTTP {exc.code} {exc.reason}"
                               + (f" ({detail[0]})" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PublishError(f"cannot reach {url}: {reason}") from None
        n = data.count(b"\n")
        done.append((name, n))
        if on_graph is not None:
            on_graph(name, n)
    return done
