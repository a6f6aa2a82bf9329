"""The tokenizer's segmenter gives exactly jieba's words (accurate mode with HMM), only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.tokenizer import DagSegmenter

GENRE = Path(__file__).parent / "data" / "genre"
#: user words as the govkg tokenizer adds them, some overlapping one another and jieba's own words
USER_WORDS = ("网格化管理机制", "网格化", "党建引领", "引领基层", "基层治理", "十五分钟", "互联网+", "12345热线",
              "新时代文明实践中心", "实践中心")


def _tokenizer(words: tuple[str, ...] = USER_WORDS):
    """A fresh jieba tokenizer with ``words`` added as the govkg tokenizer adds the lexicon's."""
    import jieba

    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    for w in words:
        tk.add_word(w, freq=200000)
    return tk


@pytest.fixture(scope="module")
def pair():
    """(jieba's tokenizer, the segmenter built from a second one with the same words)."""
    return _tokenizer(), DagSegmenter(_tokenizer())


def test_same_words_as_jieba_on_real_texts(pair) -> None:
    from kg.resources import sample_text

    reference, dag = pair
    texts = [sample_text()] + [p.read_text(encoding="utf-8") for p in sorted(GENRE.rglob("*.txt"))]
    for text in texts:
        assert dag.cut(text) == list(reference.cut(text, HMM=True))


def test_same_words_on_unknown_runs_and_mixed_scripts(pair) -> None:
    reference, dag = pair
    for text in ("", " ", "鬯犇龘", "網格化管理機制", "abc123 de_f.5%-x&y#z", "覆盖率97.5%,\r\n投入3.6亿元",
                 "党建引领基层治理十五分钟生活圈", "拨打12345热线反映“互联网+政务服务”问题"):
        assert dag.cut(text) == list(reference.cut(text, HMM=True)), text


_CHARS = st.sampled_from(list("的是在了网格化管理机制党建引领基层治理社区服务中心实践新时代文明十五分钟龘犇鬯"
                              "abcXYZ0123456789.%-+#&_ ,。、“”《》()\n\t"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_CHARS, max_size=60).map("".join))
def test_same_words_on_any_text(pair, text: str) -> None:
    reference, dag = pair
    assert dag.cut(text) == list(reference.cut(text, HMM=True))


def test_the_dictionary_is_taken_over_not_copied() -> None:
    tk = _tokenizer()
    freq = tk.FREQ
    dag = DagSegmenter(tk)
    assert tk.FREQ == {} and not tk.initialized
    assert freq["网格化管理机制"] is not None and freq["网格化管理"] is None  # a word; a prefix only
    assert dag.cut("网格化管理机制") == ["网格化管理机制"]


_MIXED = st.sampled_from(list("网格化管理机制覆盖率达到投入亿元万人年月abc0123456789.%+-#&_‰/= ,。、“”\n"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_MIXED, max_size=40).map("".join))
def test_characters_kept_inside_words_are_split_off(text: str) -> None:
    """The tokenizer's words: jieba's, with . % + - ‰ / = split off every word that holds one (97.5 stays
    whole: a point between digits is a decimal point)."""
    import re

    from kg.nlp.pipeline import default_nlp
    from kg.nlp.tokenizer import _INNER, _SPLIT

    tok = default_nlp().tokenizer
    expected = []
    for w in tok._dag.cut(text):
        expected += [p for p in _SPLIT.split(w) if p] if len(w) > 1 and _INNER.search(w) else [w]
    words = tok.words(text)
    assert words == expected and "".join(words) == text
    assert not any(len(w) > 1 and re.search(r"[%+‰/=]|(?<!\d)\.|\.(?!\d)", w) for w in words)


_UNKNOWN = st.sampled_from(list("谢晓军张王李赵钱孙龘犇鬯的网格治理江苏厅长abc12.5%"))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_UNKNOWN, min_size=1, max_size=16).map("".join))
def test_the_hmm_cuts_runs_as_jieba_does(run: str) -> None:
    from jieba import finalseg

    from kg.nlp.tokenizer import _hmm_cut

    assert list(_hmm_cut.__wrapped__(run)) == list(finalseg.cut(run))
