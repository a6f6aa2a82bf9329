"""An on-disk cache of what the pipeline builds at start-up from data files (the parsed lexicon, the
tokenizer's dictionary, jieba's part-of-speech tags), so that a fresh process does not parse them again.

Each entry is stored under a key that hashes every input it is built from (the bytes of the data files,
the source of the code that builds it, the versions of govkg and of the libraries involved): when any of
them changes, the key changes and the entry is built afresh, never served stale. A file holds a magic
prefix, the key and the sha256 of its pickled payload; a file that is missing, truncated, corrupt or of
another key is ignored (the entry is built and written again), and an unwritable cache only costs the
time saved. Nothing is read or written at import time.

The folder is ``$GOVKG_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/govkg`` (``~/.cache/govkg``); setting
``GOVKG_CACHE_DIR`` to ``off`` turns the cache off. Entries are pickles: the folder (created private to the
user) must not be writable by others.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

from kg import __version__

__all__ = ["CACHE_ENV", "cache_dir", "cached", "code_digest", "file_digest", "make_key"]

T = TypeVar("T")

log = logging.getLogger(__name__)

#: environment variable naming the cache folder (``off``: no cache)
CACHE_ENV = "GOVKG_CACHE_DIR"
#: bumped when the layout of the cache files changes
_FORMAT = b"govkg-cache-1\n"


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when the cache is turned off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no", "false") else Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "govkg"


def make_key(parts: Iterable[bytes | str]) -> str:
    """The sha256 (hex) of ``parts``, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256(_FORMAT)
    h.update(f"govkg {__version__}; python {sys.version_info[:2]}".encode())
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


@functools.cache
def file_digest(path: str) -> str:
    """sha256 of a file's bytes (memoised per process: the files are library data)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@functools.cache
def code_digest(package: str, name: str) -> str:
    """sha256 of the source of a module of govkg (``code_digest("kg.nlp", "lexicon.py")``), so that an entry
    built by other code is not served; empty when the source is not installed (only the version counts)."""
    try:
        return hashlib.sha256(resources.files(package).joinpath(name).read_bytes()).hexdigest()
    except OSError:  # pragma: no cover - a build without sources
        return ""


def _path(name: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key[:32]}.pickle"


def _private(*paths: Path) -> None:
    """Raise unless each of ``paths`` belongs to this user and nobody else can write it: an entry is a
    pickle, and unpickling a file another user could write would run their code (POSIX only)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile folders
        return
    for p in paths:
        st = p.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            raise PermissionError(f"{p} is not private to this user (owner {st.st_uid}, mode {st.st_mode & 0o777:o})")


def _read(path: Path, key: str) -> object:
    """The payload stored at ``path`` under ``key``; raises on anything amiss (a file or folder others can
    write included)."""
    _private(path.parent, path)
    data = path.read_bytes()
    head = _FORMAT + key.encode() + b"\n"
    if not data.startswith(head):
        raise ValueError("not an entry of this key")
    digest, payload = data[len(head):len(head) + 32], data[len(head) + 32:]
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("checksum mismatch")
    return pickle.loads(payload)


def _write(path: Path, key: str, value: object) -> None:
    """Write ``value`` under ``key`` to ``path`` atomically (a temporary file in the same folder, renamed)."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _private(path.parent)  # entries written into a folder others can write would not be read back
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_FORMAT + key.encode() + b"\n" + hashlib.sha256(payload).digest())
            f.write(payload)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def cached(name: str, parts: Iterable[bytes | str], build: Callable[[], T]) -> T:
    """``build()``, read from the cache when an entry of the same ``name`` and inputs (``parts``) is there,
    else built and stored. Any failure to read or write the cache is logged and otherwise ignored."""
    key = make_key([name, *parts])
    path = _path(name, key)
    if path is not None:
        try:
            value = _read(path, key)
        except FileNotFoundError:
            log.debug("cache: no %s entry (%s)", name, path)
        except Exception as exc:  # noqa: BLE001 - a corrupt cache is rebuilt, whatever the error
            log.info("cache: ignoring unreadable %s (%s: %s)", path, type(exc).__name__, exc)
        else:
            log.debug("cache: %s read from %s", name, path)
            return value  # type: ignore[return-value]
    value = build()
    if path is not None:
        try:
            _write(path, key, value)
        except Exception as exc:  # noqa: BLE001 - an unwritable cache costs time only
            log.info("cache: could not write %s (%s: %s)", path, type(exc).__name__, exc)
        else:
            log.debug("cache: %s written to %s", name, path)
            _prune(path, name)
    return value


#: entries kept per name (the bundled inputs and a few custom lexicons); older ones are removed
_KEEP = 4


def _prune(path: Path, name: str) -> None:
    """Remove all but the :data:`_KEEP` most recent entries of ``name`` (those of older inputs)."""
    try:
        entries = sorted(path.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink()
    except OSError as exc:  # another process removed it first, or no right to: harmless
        log.debug("cache: pruning %s: %s", name, exc)
