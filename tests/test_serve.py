"""govkg serve: read-only SPARQL endpoint under a time limit, the graph page, and --publish.

Every server binds 127.0.0.1 on a free port and is stopped in a ``finally``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures_store import (
    EXPLOSIVE_QUERY,
    PORT_ATTEMPTS,
    explosive_ntriples,
    extraction_a,
    extraction_b,
    free_port,
    oxigraph_server,
    refused_port,
)
from typer.testing import CliRunner

from kg.cli import _register, app
from kg.cli.serve import _is_loopback, oxigraph_binary, parse_bind
from kg.corpus import source_iri
from kg.rdf.build import build_graph
from kg.store import OxigraphStore

pytestmark = pytest.mark.server
_register()
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _needs_oxigraph():
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server is not installed (pip install 'govkg[server]')")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "kg"
    with OxigraphStore(path) as store:
        store.add_graph(build_graph([extraction_a()]), graph_name=source_iri("a.txt"))
        store.add_graph(build_graph([extraction_b()]), graph_name=source_iri("b.txt"))
    return path


@pytest.fixture(scope="module")
def explosive_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("boom") / "kg"
    with OxigraphStore(path) as store:
        store.engine().load(explosive_ntriples().encode(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:boom"))
    return path


def _children(pid: int) -> list[int]:
    """Pids of the direct children of ``pid`` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@contextlib.contextmanager
def serving(store: Path, *args: str, wait: float = 300.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``govkg serve`` on a free loopback port; yield its URL and process; always stop it. ``wait`` only
    guards against a hang: start-up takes seconds, but over 60 s was seen on a machine at 99 % CPU pressure."""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        port = free_port()
        log = open(store.parent / f"serve-{port}.log", "w+b")  # noqa: SIM115 - closed in finally
        proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store",
                                 str(store), "--bind", f"127.0.0.1:{port}", *args],
                                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + wait
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    if "cannot listen" in output and attempt < PORT_ATTEMPTS:
                        break  # another process took the port meanwhile: another one
                    raise RuntimeError(f"govkg serve exited: {output}")
                try:
                    with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as r:
                        r.read()
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise RuntimeError("govkg serve did not start") from None
                    time.sleep(0.2)
                    continue
                yield url, proc
                return
        finally:
            if proc.poll() is None:
                children = _children(proc.pid)
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                for child in children:  # only if govkg could not stop its server itself
                    if _alive(child):
                        os.kill(child, signal.SIGKILL)
            log.close()


def _get(url: str, accept: str = "text/csv", timeout: float = 20) -> tuple[int, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _send(url: str, method: str, data: bytes, content_type: str) -> int:
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _select(url: str, query: str) -> tuple[int, str]:
    return _get(f"{url}/query?{urllib.parse.urlencode({'query': query})}")


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(store_path):
    with serving(store_path) as (url, proc):
        yield url, proc


def _local_count(store_path: Path) -> int:
    with OxigraphStore(store_path, read_only=True) as s:
        return int(next(iter(s.engine().query(COUNT, use_default_graph_as_union=True)))["n"].value)


def test_queries_see_the_union_of_all_graphs(server, store_path):
    url, _ = server
    status, body = _select(url, COUNT)
    assert status == 200
    assert int(body.splitlines()[1]) == _local_count(store_path) > 0
    status, body = _select(url, "SELECT ?t WHERE { ?d a <https://w3id.org/govkg/ontology#Document> ; "
                                "<http://purl.org/dc/terms/title> ?t } ORDER BY ?t")
    assert status == 200 and sorted(body.split()[1:]) == ["基层治理条例实施情况", "网格化服务规范解读"]


def test_updates_and_graph_store_writes_are_refused(server, store_path):
    url, _ = server
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    assert _send(f"{url}/update", "POST", urllib.parse.urlencode({"update": update}).encode(),
                 "application/x-www-form-urlencoded") == 403
    assert _send(f"{url}/update", "POST", update.encode(), "application/sparql-update") == 403
    assert _send(f"{url}/query", "POST", update.encode(), "application/sparql-update") >= 400
    assert _send(f"{url}/store?default", "PUT", b"<urn:x:a> <urn:x:b> <urn:x:c> .", "application/n-triples") == 403
    assert _send(f"{url}/store?graph={urllib.parse.quote(source_iri('a.txt'))}", "DELETE", b"", "text/plain") == 403
    status, body = _select(url, "ASK { <urn:x:a> ?p ?o }")
    assert status == 200 and "false" in body
    assert int(_select(url, COUNT)[1].splitlines()[1]) == _local_count(store_path)


def test_post_queries_are_answered(server):
    url, _ = server
    req = urllib.request.Request(f"{url}/query", data=b"ASK { ?s ?p ?o }", method="POST",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        assert r.status == 200 and b'"boolean":true' in r.read().replace(b" ", b"")


def test_query_page_and_graph_page(server):
    url, _ = server
    status, body = _get(f"{url}/", accept="text/html")
    assert status == 200 and "yasgui" in body.lower()
    status, body = _get(f"{url}/graph", accept="text/html")
    assert status == 200 and body.lstrip().lower().startswith("<!doctype html") and "网格化管理机制" in body


def test_a_runaway_query_is_stopped_and_the_endpoint_recovers(explosive_path):
    with serving(explosive_path, "--timeout", "1", "--no-viz") as (url, proc):
        children = _children(proc.pid)
        t0 = time.monotonic()
        status, body = _select(url, EXPLOSIVE_QUERY)
        elapsed = time.monotonic() - t0
        assert status == 503 and "time limit" in body
        assert elapsed < 15  # 1 s limit + 2 s grace, with room for a loaded machine
        assert children and all(not _alive(c) for c in children)  # the server that ran the query was stopped
        status, body = _select(url, COUNT)
        assert status == 200 and body.splitlines()[1] == "300"


def test_stopping_govkg_serve_stops_the_oxigraph_server(store_path):
    with serving(store_path, "--no-viz") as (url, proc):
        children = _children(proc.pid)
        assert children, "oxigraph runs as a child of govkg serve"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        time.sleep(0.2)
        assert all(not _alive(c) for c in children)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2)


def test_the_oxigraph_server_moves_to_another_port_when_its_port_is_taken(store_path):
    from kg.cli.serve import _Oxigraph

    upstream = _Oxigraph(oxigraph_binary(), store_path, 5)
    with socket.socket() as thief:  # another process takes the free port before the server binds it
        thief.bind(("127.0.0.1", upstream.port))
        thief.listen()
        try:
            upstream.start()
            assert upstream.port != thief.getsockname()[1]
            status, body = _select(f"http://127.0.0.1:{upstream.port}", COUNT)
            assert status == 200 and int(body.splitlines()[1]) > 0
        finally:
            upstream.stop()


def test_bind_addresses():
    assert parse_bind("127.0.0.1:7878") == ("127.0.0.1", 7878)
    assert parse_bind("[::1]:8080") == ("::1", 8080)
    for bad in ("7878", "host:", "host:0", "host:70000", ":80"):
        with pytest.raises(ValueError):
            parse_bind(bad)
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.5") and not _is_loopback("example.org")


@pytest.mark.parametrize("args, code, message", [
    (["--bind", "nonsense"], 2, "HOST:PORT"),
    (["--timeout", "0"], 2, "--timeout"),
    (["--max-nodes", "0"], 2, "--max-nodes"),
])
def test_bad_options_fail_in_one_line(store_path, args, code, message):
    res = runner.invoke(app, ["serve", "--store", str(store_path), *args])
    assert res.exit_code == code and message in res.output and "Traceback" not in res.output


def test_no_store_and_a_busy_port_fail_in_one_line(store_path, tmp_path):
    res = runner.invoke(app, ["serve", "--store", str(tmp_path)])
    assert res.exit_code == 1 and "no Oxigraph store" in res.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = runner.invoke(app, ["serve", "--store", str(store_path), "--bind", f"127.0.0.1:{port}", "--no-viz"])
    assert res.exit_code == 1 and "cannot listen" in res.output


# --------------------------------------------------------------------------------------- publish


def writable_oxigraph(location: Path):
    """A writable ``oxigraph serve`` (the Graph Store Protocol target of --publish)."""
    return oxigraph_server(location, command="serve")


def test_publish_pushes_every_named_graph_replacing_it(store_path, tmp_path):
    with OxigraphStore(store_path, read_only=True) as s:
        local = {g: len(list(s.engine().quads_for_pattern(None, None, None, ox.NamedNode(g))))
                 for g in s.graph_names()}
    with writable_oxigraph(tmp_path / "remote") as remote:
        junk = f"INSERT DATA {{ GRAPH <{source_iri('a.txt')}> {{ <urn:x:stale> <urn:x:p> <urn:x:o> }} }}"
        assert _send(f"{remote}/update", "POST", junk.encode(), "application/sparql-update") in (200, 204)
        res = runner.invoke(app, ["serve", "--store", str(store_path), "--publish", f"{remote}/store"])
        assert res.exit_code == 0, res.output
        assert f"published {len(local)} graph(s)" in res.output
        status, body = _select(remote, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        assert status == 200
        remote_counts = {g: int(n) for g, n in (line.split(",") for line in body.splitlines()[1:])}
        assert remote_counts == local  # the stale triple was replaced away
        again = runner.invoke(app, ["serve", "--store", str(store_path), "--publish", f"{remote}/store"])
        assert again.exit_code == 0
        _, body = _select(remote, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(body.splitlines()[1]) == sum(local.values())


@pytest.mark.parametrize("url, message", [
    ("http://127.0.0.1:{port}/store", "cannot reach"),
    ("ftp://127.0.0.1/store", "http(s) URL"),
])
def test_publish_errors_are_one_line(store_path, url, message):
    with refused_port() as port:  # nothing can start listening there during the test
        res = runner.invoke(app, ["serve", "--store", str(store_path), "--publish", url.format(port=port)])
    assert res.exit_code == 1 and message in res.output and "Traceback" not in res.output
