"""The start-up cache (kg.nlp.cache): entries are keyed by every input, never served stale, and a corrupt or
unwritable cache falls back to building; the lexicon read from it is the one parsed."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from kg.nlp import cache


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_an_entry_is_built_once_then_read(cache_dir) -> None:
    build, calls = _counting({"a": [1, 2]})
    assert cache.cached("thing", [b"x"], build) == {"a": [1, 2]}
    assert cache.cached("thing", [b"x"], build) == {"a": [1, 2]}
    assert len(calls) == 1
    assert len(list(cache_dir.glob("thing-*.pickle"))) == 1


def test_other_inputs_make_another_key(cache_dir) -> None:
    build_x, calls_x = _counting("x")
    build_y, calls_y = _counting("y")
    assert cache.cached("thing", [b"input", "1"], build_x) == "x"
    assert cache.cached("thing", [b"input", "2"], build_y) == "y"
    assert cache.cached("thing", [b"inpu", "t1"], build_y) == "y"  # parts are delimited, not concatenated
    assert len(calls_x) == 1 and len(calls_y) == 2
    assert cache.make_key(["a", "bc"]) != cache.make_key(["ab", "c"])


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_corrupt_entry_is_rebuilt(cache_dir, caplog, damage: str) -> None:
    build, calls = _counting(list(range(1000)))
    cache.cached("thing", [b"x"], build)
    (path,) = cache_dir.glob("thing-*.pickle")
    data = path.read_bytes()
    path.write_bytes({"truncate": data[:-10], "flip": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
                      "garbage": b"\x80\x04not a cache", "empty": b""}[damage])
    with caplog.at_level("INFO", logger="kg.nlp.cache"):
        assert cache.cached("thing", [b"x"], build) == list(range(1000))
    assert len(calls) == 2
    assert "ignoring unreadable" in caplog.text
    assert cache.cached("thing", [b"x"], build) == list(range(1000))  # rewritten: read again
    assert len(calls) == 2


@pytest.mark.parametrize("who", ["folder", "file"])
def test_an_entry_others_can_write_is_not_unpickled(cache_dir, caplog, who: str) -> None:
    """An entry is a pickle: one in a folder (or a file) another user can write is never loaded."""
    import os

    build, calls = _counting("built")
    cache.cached("thing", [b"x"], build)
    (path,) = cache_dir.glob("thing-*.pickle")
    target = cache_dir if who == "folder" else path
    os.chmod(target, target.stat().st_mode | 0o022)
    with caplog.at_level("INFO", logger="kg.nlp.cache"):
        assert cache.cached("thing", [b"x"], build) == "built"
    assert len(calls) == 2 and "not private" in caplog.text
    os.chmod(target, target.stat().st_mode & ~0o022)
    assert cache.cached("thing", [b"x"], build) == "built"  # private again: read back


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch, caplog) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    build, calls = _counting("v")
    with caplog.at_level("INFO", logger="kg.nlp.cache"):
        assert cache.cached("thing", [b"x"], build) == "v"
        assert cache.cached("thing", [b"x"], build) == "v"
    assert len(calls) == 2
    assert "could not write" in caplog.text


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    build, calls = _counting("v")
    cache.cached("thing", [b"x"], build)
    cache.cached("thing", [b"x"], build)
    assert len(calls) == 2


def test_old_entries_are_pruned(cache_dir) -> None:
    for i in range(cache._KEEP + 3):
        cache.cached("thing", [str(i)], lambda i=i: i)
    assert len(list(cache_dir.glob("thing-*.pickle"))) == cache._KEEP


# ------------------------------------------------------------------------------------ the lexicon


def _fields(lx) -> dict:
    return {f.name: getattr(lx, f.name) for f in dataclasses.fields(lx)}


@pytest.fixture()
def ontology_copy(tmp_path, monkeypatch, cache_dir) -> Path:
    """A copy of the ontology folder the bundled lexicon is read from (process caches cleared)."""
    from kg import resources
    from kg.nlp import lexicon

    folder = tmp_path / "ontology"
    shutil.copytree(Path(str(resources.ontology_files())), folder)
    monkeypatch.setattr(resources, "ontology_files", lambda: folder)
    for fn in (lexicon.load_default_lexicon, resources._parsed):
        fn.cache_clear()
    yield folder
    for fn in (lexicon.load_default_lexicon, resources._parsed):
        fn.cache_clear()


def test_the_cached_lexicon_is_the_parsed_one(ontology_copy, cache_dir) -> None:
    from kg.nlp import lexicon

    first = lexicon.load_default_lexicon()
    assert len(list(cache_dir.glob("lexicon-*.pickle"))) == 1
    lexicon.load_default_lexicon.cache_clear()
    again = lexicon.load_default_lexicon()  # read from the cache
    assert again is not first
    parsed = lexicon._parse_default_lexicon()
    assert _fields(again) == _fields(parsed) == _fields(first)
    assert list(again.entries) == list(parsed.entries)  # same order too


@pytest.mark.parametrize("name", ["lexicon.ttl", "grammar.ttl"])
def test_a_changed_lexicon_file_is_parsed_afresh(ontology_copy, cache_dir, name: str) -> None:
    from kg import resources
    from kg.nlp import lexicon

    before = lexicon.load_default_lexicon()
    assert "甲乙丙丁治理局" not in before.entries and "甲乙丙丁" not in before.word_lists.get("testWords", ())
    path = ontology_copy / name
    addition = {
        "lexicon.ttl": '\n<https://w3id.org/govkg/lexicon/test-only> a <http://www.w3.org/2004/02/skos/core#Concept> ;'
                       ' <http://www.w3.org/2004/02/skos/core#prefLabel> "甲乙丙丁治理局"@zh ;'
                       ' <https://w3id.org/govkg/ontology#ontologyClass> <https://w3id.org/govkg/ontology#Organization> .\n',
        "grammar.ttl": '\n<https://w3id.org/govkg/lexicon/test-only> a <http://www.w3.org/2004/02/skos/core#Concept> ;'
                       ' <http://www.w3.org/2004/02/skos/core#inScheme> <https://w3id.org/govkg/lexicon/testWords> ;'
                       ' <http://www.w3.org/2004/02/skos/core#prefLabel> "甲乙丙丁"@zh .\n',
    }[name]
    path.write_bytes(path.read_bytes() + addition.encode("utf-8"))
    lexicon.load_default_lexicon.cache_clear()
    resources._parsed.cache_clear()
    after = lexicon.load_default_lexicon()
    if name == "lexicon.ttl":
        assert after.entries["甲乙丙丁治理局"].cls == "Organization"
    else:
        assert after.word_lists["testWords"] == ("甲乙丙丁",)
    assert len(list(cache_dir.glob("lexicon-*.pickle"))) == 2  # a new key, the old entry left alone


def test_the_lexicon_key_follows_the_code_that_builds_it(ontology_copy, cache_dir, monkeypatch) -> None:
    from kg.nlp import lexicon

    lexicon.load_default_lexicon()
    lexicon.load_default_lexicon.cache_clear()
    monkeypatch.setattr(cache, "code_digest", lambda package, name: "other code")
    calls = []
    monkeypatch.setattr(lexicon, "_parse_default_lexicon", lambda: calls.append(1) or lexicon.Lexicon())
    assert lexicon.load_default_lexicon().entries == {}
    assert calls == [1]
