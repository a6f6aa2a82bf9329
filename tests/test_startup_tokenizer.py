"""The tokenizer's dictionary and jieba's part-of-speech tags from the start-up cache (kg.nlp.cache): the
same words and tags as jieba's, jieba's own dictionary not loaded, a custom lexicon keyed apart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.nlp import cache


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


# ------------------------------------------------------------------------- the tokenizer's dictionary

rjieba_required = pytest.mark.skipif(
    __import__("importlib").util.find_spec("rjieba") is None, reason="rjieba not installed")


def _texts() -> list[str]:
    from kg.resources import sample_text

    genre = Path(__file__).parent / "data" / "genre"
    return [sample_text(), "由市民政局等部门负责,2021-2025年投入3.6亿元,覆盖率97.5%。鿿㐀豈", "建5G基站,C++与B超。"] + [
        p.read_text(encoding="utf-8") for p in sorted(genre.rglob("*.txt"))[:8]]


@rjieba_required
def test_the_segmenter_from_a_cached_state_gives_jiebas_words(cache_dir) -> None:
    from test_nlp_tokenizer_compiled import USER_WORDS, _tokenizer

    from kg.nlp import tokenizer as tk

    rjieba = tk._load_rjieba()
    words = sorted(USER_WORDS)
    built = tk._cached_segmenter(rjieba, words, 200000)  # builds and stores the entry
    seg = tk._cached_segmenter(rjieba, words, 200000)  # read from the cache
    assert isinstance(seg, tk.CompiledSegmenter) and seg._dag_value is None
    reference = _tokenizer()
    for text in _texts()[:2]:
        assert seg.cut(text) == built.cut(text) == list(reference.cut(text, HMM=True))
    assert seg._dag_value is None  # jieba's own dictionary not loaded for such texts
    for w in ("社区", "网格化管理机制", "网格化管理", "5G", "C++", "鿿", "", tk._FILLER):
        assert seg.is_word(w) == (reference.FREQ.get(w, 0) > 0), w
    text = "建5G基站,规划2021-2025年。"  # a Han block with an ASCII user word: the Python segmenter cuts it
    assert seg.cut(text) == list(reference.cut(text, HMM=True))
    assert seg._dag_value is not None


@rjieba_required
def test_a_probe_failure_is_remembered_and_python_segments(cache_dir, monkeypatch, caplog) -> None:
    from kg.nlp import tokenizer as tk

    real = tk._dictionary_state

    def failing(rjieba, words, freq):
        return {**real(rjieba, words, freq), "ok": False}

    monkeypatch.setattr(tk, "_dictionary_state", failing)
    rjieba = tk._load_rjieba()
    with caplog.at_level("WARNING", logger="kg.nlp.tokenizer"):
        assert type(tk._cached_segmenter(rjieba, ["网格化管理机制"], 200000)) is tk.DagSegmenter
    monkeypatch.setattr(tk, "_dictionary_state", lambda *a: pytest.fail("the verdict is cached"))
    assert type(tk._cached_segmenter(rjieba, ["网格化管理机制"], 200000)) is tk.DagSegmenter
    assert "cuts otherwise than jieba" in caplog.text


def test_the_tokenizer_words_are_the_same_from_the_cache_and_without_it(cache_dir) -> None:
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import JiebaTokenizer

    first = JiebaTokenizer(Vocab())  # builds the entry
    cached = JiebaTokenizer(Vocab())  # reads it
    python = JiebaTokenizer(Vocab(), compiled=False)
    for text in _texts():
        assert cached.words(text) == first.words(text) == python.words(text)


def test_a_custom_lexicon_gets_its_own_dictionary(cache_dir) -> None:
    import rdflib

    from kg.nlp.lexicon import from_graphs, load_default_lexicon
    from kg.nlp.tokenizer import JiebaTokenizer

    ttl = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix gov: <https://w3id.org/govkg/ontology#> .
    <https://example.org/c> a skos:Concept ; skos:prefLabel "甲乙丙丁办"@zh ; gov:ontologyClass gov:Organization ."""
    custom = from_graphs(rdflib.Graph().parse(data=ttl, format="turtle"), rdflib.Graph())
    custom.heads = dict(load_default_lexicon().heads)
    from spacy.vocab import Vocab

    text = "甲乙丙丁办负责。"
    assert "甲乙丙丁办" not in JiebaTokenizer(Vocab()).words(text)
    for _ in range(2):  # built, then read from the cache
        assert JiebaTokenizer(Vocab(), lexicon=custom).words(text)[0] == "甲乙丙丁办"
    assert JiebaTokenizer(Vocab(), lexicon=custom, compiled=False).words(text)[0] == "甲乙丙丁办"
    assert len(list(cache_dir.glob("jieba-dictionary-*.pickle"))) == 2


# ------------------------------------------------------------------------------ part-of-speech tags


def test_the_pos_tags_are_jiebas(cache_dir) -> None:
    import jieba
    import jieba.posseg

    from kg.nlp.tokenizer import jieba_pos_tags

    jieba.setLogLevel(60)
    jieba_pos_tags.cache_clear()
    try:
        built = jieba_pos_tags()
        jieba_pos_tags.cache_clear()
        read = jieba_pos_tags()
    finally:
        jieba_pos_tags.cache_clear()
    jieba.posseg.dt.initialize()
    assert read == built == jieba.posseg.dt.word_tag_tab
    assert read["江苏"] == "ns" and read["表示"] == "v"


def test_a_fresh_process_loads_no_jieba_dictionary_with_a_warm_cache(cache_dir) -> None:
    """From a warm cache, building the pipeline and extracting a text loads neither jieba's dictionary (its
    global tokenizer or a private one) nor ``jieba.posseg``; the records are those of a cold cache."""
    code = """if True:
        import sys
        from kg.corpus import Settings, _pipeline
        from kg.extract import extract
        from kg.ingest import from_text
        import jieba
        from kg.nlp import tokenizer
        loads = []
        init = jieba.Tokenizer.initialize
        jieba.Tokenizer.initialize = lambda self, *a: loads.append(1) or init(self, *a)
        nlp = _pipeline(Settings())
        assert "jieba.posseg" not in sys.modules
        ex = extract(from_text("江苏省民政厅建立了网格化管理机制，覆盖率达到95%。某某书记表示，要落实。"), nlp)
        print(len(loads), "jieba.posseg" in sys.modules, not jieba.dt.initialized)
        print(sorted(e.label for e in ex.entities), len(ex.relations), len(ex.quantities))
    """
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.splitlines()[0] == "0 False True", warm.stdout + warm.stderr
    assert cold.stdout.splitlines()[0].endswith("False True")
    assert warm.stdout.splitlines()[1] == cold.stdout.splitlines()[1]
    assert "网格化管理机制" in warm.stdout
