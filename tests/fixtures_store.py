"""Shared test data for the store and query tests: two hand-made documents and their graph.

The texts are invented for the tests (not taken from the bundled sample), written so that every
named query has a small, known answer. Import the fixtures you need into a test module.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from kg.rdf.build import build_graph
from kg.records import Document, DocumentMeta, Entity, Extraction, Mention, Quantity, Relation, Span

DOC_A = (
    "江苏省委出台《基层治理条例》，建立网格化管理机制。"
    "街道党工委在江苏省委领导下实施网格化管理机制，推动基层治理现代化。"
    "社区居委会参与议事协商制度，议事协商制度支撑网格化管理机制。"
    "议事协商制度吸纳社会组织参与。"
    "2023年全省建成网格3.2万个，覆盖率达97.5%。"
    "到2025年新增专职网格员1200余名。"
    "部分社区居委会存在服务能力薄弱问题，网格化管理机制着力应对服务能力薄弱问题。"
)
DOC_B = "江苏省委印发《网格化服务规范》，进一步完善网格化管理机制，推动基层治理现代化。"
TITLE_A = "基层治理条例实施情况"
TITLE_B = "网格化服务规范解读"

OXIGRAPH_BIN = Path(sys.executable).with_name("oxigraph")


def make_document(text: str, **meta: str) -> Document:
    """A Document whose normalised text is the text itself (identity offset map)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=sha[:16], text=text, norm=text, starts=array("q", range(len(text))),
                    ends=array("q", range(1, len(text) + 1)), sha256=sha, meta=DocumentMeta(**meta))


def span(text: str, quote: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``quote`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Span(start, start + len(quote), quote)


def sentence_of(text: str, s: Span) -> Span:
    """The sentence (ending with 。) that contains span ``s``."""
    start = text.rfind("。", 0, s.start) + 1
    end = text.find("。", s.end)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def _entity(text: str, core: str, cls: str, label: str, *, label_en: str | None = None,
            aliases: tuple[str, ...] = ()) -> Entity:
    n = text.count(label)
    mentions = tuple(Mention(span=span(text, label, i), key=(core, label),
                             sentence=sentence_of(text, span(text, label, i)), surface=label, source="test")
                     for i in range(n))
    return Entity(key=(core, label), cls=cls, label=label, aliases=aliases, label_en=label_en,
                  mentions=mentions)


SHENGWEI = ("Actor", "江苏省委")
JIEDAO = ("Actor", "街道党工委")
JUWEIHUI = ("Actor", "社区居委会")
SHEHUI = ("Actor", "社会组织")
TIAOLI = ("Mechanism", "基层治理条例")
GUIFAN = ("Mechanism", "网格化服务规范")
WANGGE = ("Mechanism", "网格化管理机制")
YISHI = ("Mechanism", "议事协商制度")
XIANDAIHUA = ("Goal", "基层治理现代化")
BORUO = ("Challenge", "服务能力薄弱")


def _relation(text: str, s: tuple[str, str], p: str, o: tuple[str, str], evidence: str) -> Relation:
    ev = span(text, evidence)
    return Relation(subject=s, predicate=p, object=o, evidence=ev, trigger="")


def extraction_a() -> Extraction:
    t = DOC_A
    doc = make_document(t, title=TITLE_A, author="测试作者", issuer="测试机关", date="2023-05-01",
                        jurisdiction="江苏", source="tests/doc-a.txt")
    entities = (
        _entity(t, "Actor", "PartyOrganization", "江苏省委", label_en="Jiangsu Provincial Party Committee",
                aliases=("省委",)),
        _entity(t, "Actor", "PartyOrganization", "街道党工委"),
        _entity(t, "Actor", "SelfGovernanceOrganization", "社区居委会"),
        _entity(t, "Actor", "SocialOrganization", "社会组织"),
        _entity(t, "Mechanism", "Policy", "基层治理条例"),
        _entity(t, "Mechanism", "Institution", "网格化管理机制"),
        _entity(t, "Mechanism", "Institution", "议事协商制度"),
        _entity(t, "Goal", "StrategicGoal", "基层治理现代化"),
        _entity(t, "Challenge", "Challenge", "服务能力薄弱"),
    )
    s1 = "江苏省委出台《基层治理条例》，建立网格化管理机制。"
    s2 = "街道党工委在江苏省委领导下实施网格化管理机制，推动基层治理现代化。"
    s3 = "社区居委会参与议事协商制度，议事协商制度支撑网格化管理机制。"
    s6 = "部分社区居委会存在服务能力薄弱问题，网格化管理机制着力应对服务能力薄弱问题。"
    relations = (
        _relation(t, SHENGWEI, "issues", TIAOLI, s1),
        _relation(t, TIAOLI, "establishes", WANGGE, s1),
        _relation(t, SHENGWEI, "leads", JIEDAO, s2),
        _relation(t, JIEDAO, "subOrganizationOf", SHENGWEI, s2),
        _relation(t, JIEDAO, "implements", WANGGE, s2),
        _relation(t, WANGGE, "contributesTo", XIANDAIHUA, s2),
        _relation(t, JUWEIHUI, "participatesIn", YISHI, s3),
        _relation(t, YISHI, "supports", WANGGE, s3),
        _relation(t, YISHI, "involves", SHEHUI, "议事协商制度吸纳社会组织参与。"),
        _relation(t, JUWEIHUI, "faces", BORUO, s6),
        _relation(t, WANGGE, "addresses", BORUO, s6),
    )
    q1, q2, q3 = span(t, "3.2万个"), span(t, "97.5%"), span(t, "1200余名")
    quantities = (
        Quantity(span=q1, value=32000.0, unit="个", measures=(WANGGE,), year=2023, statement="建成网格",
                 sentence=sentence_of(t, q1)),
        Quantity(span=q2, value=97.5, unit="%", measures=(WANGGE,), statement="覆盖率",
                 sentence=sentence_of(t, q2)),
        Quantity(span=q3, value=1200.0, unit="名", qualifier="余", until=2025, is_target=True,
                 statement="新增专职网格员", sentence=sentence_of(t, q3)),
    )
    return Extraction(document=doc, entities=entities, relations=relations, quantities=quantities)


def extraction_b() -> Extraction:
    t = DOC_B
    doc = make_document(t, title=TITLE_B, date="2024-01-15", jurisdiction="江苏")
    entities = (
        _entity(t, "Actor", "PartyOrganization", "江苏省委", label_en="Jiangsu Provincial Party Committee",
                aliases=("省委",)),
        _entity(t, "Mechanism", "Policy", "网格化服务规范"),
        _entity(t, "Mechanism", "Institution", "网格化管理机制"),
        _entity(t, "Goal", "StrategicGoal", "基层治理现代化"),
    )
    relations = (
        _relation(t, SHENGWEI, "issues", GUIFAN, DOC_B),
        _relation(t, GUIFAN, "establishes", WANGGE, DOC_B),
        _relation(t, WANGGE, "contributesTo", XIANDAIHUA, DOC_B),
    )
    return Extraction(document=doc, entities=entities, relations=relations)


def fixture_graph() -> rdflib.Graph:
    """The graph of both test documents."""
    return build_graph([extraction_a(), extraction_b()])


def explosive_ntriples(n: int = 300) -> str:
    """A small graph on which a five-way cross product never finishes (n**5 solutions)."""
    return "".join(f"<urn:x:s{i}> <urn:x:p> <urn:x:o{i % 7}> .\n" for i in range(n))


#: counts the solutions of a five-way cross product of every triple with itself
EXPLOSIVE_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h . "
                   "?i ?t ?j }")


def free_port() -> int:
    """A port nothing listens on right now. Another process can take it before it is bound: a server
    started on it must be retried on another port when it cannot bind (see ``oxigraph_server``)."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections for as long as the block runs: it is bound here and never
    listened on, so no other process can start listening on it meanwhile (as it could on a ``free_port``)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


#: attempts at a free port for a test server: another process can take the port before the server binds it
PORT_ATTEMPTS = 5


@contextlib.contextmanager
def oxigraph_server(location: Path, *, wait: float = 300.0, command: str = "serve-read-only") -> Iterator[str]:
    """Run ``oxigraph serve-read-only`` (or ``command``, e.g. the writable ``serve``) on ``location``;
    yield its base URL; stop it afterwards. ``wait`` only guards against a hang (the server starts in well
    under a second, but a loaded machine can take many times that)."""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        port = free_port()
        proc = subprocess.Popen([str(OXIGRAPH_BIN), command, "--location", str(location),
                                 "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + wait
            while True:
                if proc.poll() is not None:
                    error = proc.stderr.read().decode(errors="replace")
                    if "Address already in use" in error and attempt < PORT_ATTEMPTS:
                        break  # the port was taken meanwhile: another one
                    raise RuntimeError(f"oxigraph server exited: {error}")
                try:
                    with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1) as r:
                        r.read()
                except (urllib.error.URLError, ConnectionError, TimeoutError):  # a slow answer is no answer yet
                    if time.monotonic() > deadline:
                        raise RuntimeError("oxigraph server did not start") from None
                    time.sleep(0.1)
                    continue
                yield url
                return
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stderr.close()


@pytest.fixture(scope="module", name="fixture_store")
def fixture_store_fixture():
    """A MemoryStore over the graph of both test documents (request it as ``fixture_store``)."""
    from kg.store import MemoryStore

    with MemoryStore(fixture_graph()) as store:
        yield store


@pytest.fixture(scope="session", name="sample_graph")
def sample_graph_fixture() -> rdflib.Graph:
    """The graph of the bundled sample article (request it as ``sample_graph``); skips until
    ``kg.pipeline.build_sample_graph`` exists."""
    try:
        from kg.pipeline import build_sample_graph
    except ImportError as exc:
        pytest.skip(f"kg.pipeline.build_sample_graph is not available yet ({exc})")
    return build_sample_graph()
