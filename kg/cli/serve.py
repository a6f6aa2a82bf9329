"""``govkg serve``: a read-only SPARQL endpoint (the Oxigraph server) and the graph page for a store.

The endpoint is the real ``oxigraph serve-read-only`` (PyPI package ``oxigraph``, the ``server`` extra):
SPARQL 1.1 Protocol at ``/query``, the union of all graphs as the default graph, the YASGUI query page at
``/``. It listens on a private loopback port behind a small proxy, which is what the user's ``--bind``
address reaches. The proxy

- passes reads through (``GET``/``HEAD`` anywhere, ``POST`` to ``/query`` and ``/sparql`` only) and
  refuses everything else (``/update``, Graph Store writes) with 403, besides Oxigraph's own refusal;
- enforces the time limit. Oxigraph's ``--timeout-s`` (given too) only stops queries at points where
  its evaluator checks for cancellation, and a join or aggregate can run on for minutes (measured with
  0.5.13; see oxigraph issue #1336). When a request is still unanswered ``--timeout`` seconds (plus a
  2 s grace) after it was forwarded, the proxy answers 503 and *restarts* the Oxigraph process: the only
  way to stop the query. Queries running at that moment are cut off too;
- serves the interactive graph page (built once at start-up, from memory) at ``/graph``.

Everything listens on 127.0.0.1 unless told otherwise; there is no authentication and no TLS, so
binding another address prints a warning.

``--publish URL`` instead pushes every graph of the store to a SPARQL 1.1 Graph Store Protocol endpoint
(one HTTP PUT per named graph, replacing it there) and exits.
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import http.server
import ipaddress
import logging
import math
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import typer
from rich.panel import Panel
from rich.text import Text

from kg.cli._app import EXIT_INPUT, EXIT_USAGE, app, console, err_console, fail

__all__ = ["GRACE_SECONDS", "oxigraph_binary", "parse_bind", "serve_command"]

log = logging.getLogger(__name__)

#: extra time the proxy allows over --timeout before it restarts the Oxigraph server
GRACE_SECONDS = 2.0
#: request headers passed on to Oxigraph (the rest, hop-by-hop and cookies included, are not)
_PASS_REQUEST = ("Accept", "Content-Type", "Content-Length", "User-Agent")
#: response headers not passed back (the proxy sends a close-delimited body)
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate",
               "proxy-authorization", "content-length"}
_READ_PATHS = ("/query", "/sparql")
_MAX_BODY = 16 * 1024 * 1024


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server next to this Python (a virtualenv's bin/) or on PATH."""
    here = Path(sys.executable).with_name("oxigraph")
    if here.is_file():
        return str(here)
    return shutil.which("oxigraph")


def parse_bind(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:7878`` for IPv6) -> ``(host, port)``; raises ``ValueError`` with a message.

    >>> parse_bind("127.0.0.1:7878"), parse_bind("[::1]:80")
    (('127.0.0.1', 7878), ('::1', 80))
    """
    host, sep, port = bind.strip().rpartition(":")
    if not sep or not host:
        raise ValueError(f"--bind {bind!r}: expected HOST:PORT, e.g. 127.0.0.1:7878")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--bind {bind!r}: the port must be a number from 1 to 65535")
    return host, int(port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(host: str, port: int) -> str:
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Oxigraph:
    """``oxigraph serve-read-only`` on a private loopback port, restartable."""

    #: attempts at a port: a free port is only known to be free until the server binds it, and another
    #: process can take it meanwhile (the server then exits with "Address already in use")
    PORT_ATTEMPTS = 5

    def __init__(self, binary: str, store: Path, seconds: int) -> None:
        self.binary, self.store, self.seconds = binary, store, seconds
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        self.stderr: collections.deque[str] = collections.deque(maxlen=20)
        self.error: str | None = None  # the server's "Error: ..." line
        self.generation = 0
        self.restarts = 0
        self._lock = threading.Lock()

    @property
    def cmd(self) -> list[str]:
        return [self.binary, "serve-read-only", "--location", str(self.store), "--bind", f"127.0.0.1:{self.port}",
                "--union-default-graph", "--timeout-s", str(self.seconds)]

    def start(self, wait: float = 30.0) -> None:
        for attempt in range(1, self.PORT_ATTEMPTS + 1):
            try:
                self._start(wait)
                return
            except _PortTaken:
                if attempt == self.PORT_ATTEMPTS:
                    raise RuntimeError(f"the oxigraph server stopped: port {self.port} is in use") from None
                log.info("port %d was taken before the oxigraph server bound it; trying another", self.port)
                self.port = _free_port()

    def _start(self, wait: float) -> None:
        # no preexec_fn (such as prctl PDEATHSIG): it is unsafe with threads, and restarts run in a
        # request thread. The server is stopped in serve_command's finally (Ctrl-C, SIGTERM, errors).
        self.stderr.clear()
        self.error = None
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        reader = threading.Thread(target=self._drain, args=(self.proc.stderr,), name="oxigraph-stderr", daemon=True)
        reader.start()
        deadline = time.monotonic() + wait
        while True:
            if self.proc.poll() is not None:
                reader.join(2)
                if self.error and "Address already in use" in self.error:
                    raise _PortTaken
                last = self.error or (self.stderr[-1] if self.stderr else f"exit {self.proc.returncode}")
                raise RuntimeError(f"the oxigraph server stopped: {last}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/query?query=ASK%7B%7D", timeout=1) as r:
                    r.read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the oxigraph server did not answer within {wait:g} s") from None
                time.sleep(0.05)

    def _drain(self, stream) -> None:
        """Keep reading stderr (a full pipe would block the server), remembering the last lines."""
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").strip()
            if line:
                if self.error is None and line.startswith("Error"):  # the message, not the backtrace after it
                    self.error = line
                self.stderr.append(line)
                log.debug("oxigraph: %s", line)
        stream.close()

    def restart(self, generation: int) -> None:
        """Stop the server (and the queries it runs) and start it again, once per generation."""
        with self._lock:
            if generation != self.generation:
                return  # another request restarted it already
            log.warning("a query ran over its time limit: restarting the oxigraph server")
            self.stop()
            self.start()
            self.generation += 1
            self.restarts += 1

    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class _PortTaken(Exception):
    """The oxigraph server could not bind its port: another process took it after it was picked."""


def _handler(upstream: _Oxigraph, page: bytes | None, timeout: float) -> type[http.server.BaseHTTPRequestHandler]:
    limit = timeout + GRACE_SECONDS

    class Proxy(http.server.BaseHTTPRequestHandler):
        """Reads pass to Oxigraph under a time limit; writes are refused; /graph is the graph page."""

        server_version = "govkg"
        sys_version = ""

        def do_GET(self) -> None:
            self._route(body=True)

        def do_HEAD(self) -> None:
            self._route(body=False)

        def do_POST(self) -> None:
            path = urllib.parse.urlsplit(self.path).path.rstrip("/")
            if path not in _READ_PATHS:
                self._plain(403, "The server is read-only: only queries are answered (POST /query).\n")
                return
            self._forward("POST")

        def do_PUT(self) -> None:
            self._plain(403, "The server is read-only.\n")

        do_DELETE = do_PATCH = do_PUT

        def _route(self, *, body: bool) -> None:
            path = urllib.parse.urlsplit(self.path).path
            if path in ("/graph", "/graph/"):
                if page is None:
                    self._plain(404, "No graph page (started with --no-viz, or the store holds no entities).\n")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Referrer-Policy", "no-referrer")
                self.end_headers()
                if body:
                    self.wfile.write(page)
                return
            self._forward("GET" if body else "HEAD")

        def _plain(self, status: int, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _forward(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > _MAX_BODY:
                self._plain(413, "Request too large.\n")
                return
            data = self.rfile.read(length) if length else None
            headers = {h: self.headers[h] for h in _PASS_REQUEST if self.headers.get(h)}
            generation = upstream.generation
            deadline = time.monotonic() + limit
            conn = http.client.HTTPConnection("127.0.0.1", upstream.port, timeout=limit)
            started = False
            try:
                conn.request(method, self.path, body=data, headers=headers)
                resp = conn.getresponse()
                started = True
                self.send_response(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    if k.lower() not in _HOP_BY_HOP:
                        self.send_header(k, v)
                self.send_header("Connection", "close")
                self.end_headers()
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    conn.sock.settimeout(remaining)
                    chunk = resp.read1(65536) if method != "HEAD" else b""
                    if not chunk:
                        break
                    self.wfile.write(chunk)
            except TimeoutError:
                conn.close()
                try:  # first stop the query, then say so
                    upstream.restart(generation)
                except RuntimeError as exc:
                    log.error("cannot restart the oxigraph server: %s", exc)
                if not started:
                    self._plain(503, f"The query did not finish within the time limit ({timeout:g} s) and was "
                                     "stopped.\n")
            except (ConnectionError, http.client.HTTPException, OSError):
                if not started:
                    self._plain(502, "The SPARQL server is restarting; try again.\n")
            finally:
                conn.close()
                self.close_connection = True

        def log_message(self, format: str, *args) -> None:
            log.debug("%s " + format, self.client_address[0], *args)

    return Proxy


def _graph_page(store: Path, max_nodes: int) -> tuple[bytes | None, str]:
    """The graph page of the store (None and the reason when there is nothing to draw)."""
    try:
        from kg.graph import to_networkx
        from kg.store import OxigraphStore
        from kg.viz import build_model, render_html
    except ImportError as exc:
        return None, f"no graph page ({exc})"
    with OxigraphStore(store, read_only=True) as s:
        G = to_networkx(s)
    if G.number_of_nodes() == 0:
        return None, "no graph page: the store holds no entities"
    model = build_model(G, max_nodes=max_nodes, title=f"govkg · {store.name}")
    note = model.cut_summary("en") if hasattr(model, "cut_summary") else ""
    return render_html(model).encode("utf-8"), note or ""


def _publish(store: Path, url: str, timeout: float) -> None:
    from kg.corpus import PublishError, publish
    from kg.store import OxigraphStore, StoreError

    try:
        with OxigraphStore(store, read_only=True) as s:
            done = publish(s, url, timeout=timeout,
                           on_graph=lambda g, n: log.info("published <%s>: %d triples", g or "default", n))
    except PublishError as exc:
        fail(str(exc))
    except StoreError as exc:
        fail(str(exc))
    console.print(f"published {len(done)} graph(s), {sum(n for _, n in done)} triples to {url}", highlight=False,
                  soft_wrap=True)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Server6(_Server):
    address_family = socket.AF_INET6


@app.command("serve")
def serve_command(
    store: Path = typer.Option(..., "--store", "-s", help="The Oxigraph store folder to serve."),
    bind: str = typer.Option("127.0.0.1:7878", "--bind", help="HOST:PORT to listen on. Anything but a loopback "
                             "address exposes the data to the network (no authentication, no TLS)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop a query after this many seconds."),
    viz: bool = typer.Option(True, "--viz/--no-viz", help="Also serve the interactive graph page at /graph."),
    max_nodes: int = typer.Option(400, "--max-nodes", help="Nodes drawn on the graph page (the most central)."),
    publish: str = typer.Option(None, "--publish", metavar="URL", help="Instead of serving: push every graph to "
                                "this SPARQL Graph Store Protocol endpoint (HTTP PUT per named graph), then exit."),
) -> None:
    """Serve a store read-only: SPARQL endpoint and YASGUI query page, and the graph page at /graph."""
    from kg.store import is_store_dir

    if not is_store_dir(store):
        fail(f"no Oxigraph store at {store} (build one with `govkg build FILES --store {store}`)")
    if not (math.isfinite(timeout) and timeout > 0):
        fail("--timeout must be a positive number of seconds", EXIT_USAGE)
    if publish is not None:
        _publish(store, publish, max(timeout, 60.0))
        return
    try:
        host, port = parse_bind(bind)
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    if max_nodes < 1:
        fail("--max-nodes must be at least 1", EXIT_USAGE)
    binary = oxigraph_binary()
    if binary is None:
        fail("the oxigraph server is not installed (pip install 'govkg[server]', or put `oxigraph` on PATH)")
    if not _is_loopback(host):
        err_console.print(Panel(
            Text(f"Serving on {host}: the SPARQL endpoint and the graph page are reachable from other machines. "
                 "There is no authentication and no TLS; anyone who can reach this address can read every "
                 "graph of the store. Put a reverse proxy with authentication in front, or bind 127.0.0.1.",
                 style="bold"),
            title="warning: not a loopback address", border_style="red"))

    page, note = (None, "")
    if viz:
        try:
            page, note = _graph_page(store, max_nodes)
        except Exception as exc:
            log.info("graph page failed", exc_info=True)
            page, note = None, f"no graph page ({type(exc).__name__}: {exc})"

    upstream = _Oxigraph(binary, store, max(1, math.ceil(timeout)))
    previous = signal.getsignal(signal.SIGTERM)
    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGTERM, _interrupt)
    httpd: _Server | None = None
    try:
        try:
            upstream.start()
        except RuntimeError as exc:
            fail(str(exc), EXIT_INPUT)
        try:
            cls = _Server6 if ":" in host else _Server
            httpd = cls((host, port), _handler(upstream, page, timeout))
        except OSError as exc:
            fail(f"cannot listen on {bind}: {exc.strerror or exc}")
        url = _url(host, httpd.server_address[1])
        console.print(Text.assemble(("SPARQL endpoint  ", "bold"), f"{url}/query",
                                    f"  (read-only; the union of all graphs; queries stop after {timeout:g} s)"),
                      highlight=False, soft_wrap=True)
        console.print(Text.assemble(("query page       ", "bold"), f"{url}/"), highlight=False)
        if page is not None:
            console.print(Text.assemble(("graph page       ", "bold"), f"{url}/graph"), highlight=False)
        if note:
            console.print(note, style="dim", highlight=False, soft_wrap=True)
        console.print("Ctrl-C stops the server.", style="dim")
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        console.print("stopped", style="dim")
        raise typer.Exit(0) from None
    finally:
        if httpd is not None:
            httpd.server_close()
        upstream.stop()
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
