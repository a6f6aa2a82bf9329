"""The compiled segmenter (jieba-rs through the optional ``rjieba``) gives exactly jieba's words, and the
tokenizer gives the same words with it and without it (the pure-Python fallback)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_nlp_tokenizer import USER_WORDS as BASE_WORDS
from test_nlp_tokenizer import _tokenizer as jieba_tokenizer

from kg.nlp import tokenizer as tokenizer_module
from kg.nlp.tokenizer import CompiledSegmenter, DagSegmenter, JiebaTokenizer

rjieba = pytest.importorskip("rjieba")

GENRE = Path(__file__).parent / "data" / "genre"
#: user words as the govkg tokenizer adds them; some are jieba words already (their frequency is added to
#: jieba's total again: the compiled engine must make up for it), one is of ASCII letters and digits only
USER_WORDS = BASE_WORDS + ("社区", "治理", "C++", "B超", "5G")


def _tokenizer():
    return jieba_tokenizer(USER_WORDS)


@pytest.fixture(scope="module")
def pair():
    """(jieba's tokenizer, the compiled segmenter built from a second one with the same words)."""
    return _tokenizer(), CompiledSegmenter(_tokenizer(), rjieba)


def test_same_words_as_jieba_on_real_texts(pair) -> None:
    from kg.resources import sample_text

    reference, seg = pair
    texts = [sample_text()] + [p.read_text(encoding="utf-8") for p in sorted(GENRE.rglob("*.txt"))]
    for text in texts:
        assert seg.cut(text) == list(reference.cut(text, HMM=True))


@pytest.mark.parametrize("text", [
    "", " ", "\r\n", "a\r\n\r\r\nb", "鬯犇龘", "網格化管理機制", "abc123 de_f.5%-x&y#z", "覆盖率97.5%,\r\n投入3.6亿元",
    "党建引领基层治理十五分钟生活圈", "拨打12345热线反映“互联网+政务服务”问题", "2021-2025年", "第1.2.3条",
    "b_8号", "a.b张", "0.0Z%", "9%1", "C++与c#", "5G基站", "15G", "a5G号5G", "5 G", "谢晓军同志", "鿿_层", "㐀党建", "豈格", "𠀀中国", "中\U00030000国",
    "\ufeff中国", "ｱ한あ党\u3000建", "由市民政局等部门负责", "中国科学院计算所小明硕士毕业于",
    "中\ud800国\udfff", "\x00中国\x00", "政府\U0001F600工作", "中\u2028国\x85人",  # jieba-rs takes no lone surrogate
])
def test_same_words_on_scripts_signs_and_ideographs_jieba_rs_reads_otherwise(pair, text: str) -> None:
    reference, seg = pair
    assert seg.cut(text) == list(reference.cut(text, HMM=True))


def test_same_words_on_every_short_string_of_letters_digits_signs_and_ideographs(pair) -> None:
    """Where jieba-rs joins letters and digits (and its own HMM would split them otherwise: b_8, 0.0Z%, 1.2.3),
    in full; G and 5 make a user word."""
    reference, seg = pair
    for alphabet, longest in (("a0.-_%中", 5), ("Z9.+#&的", 4), ("1.%层\u9fff", 5), ("5G钟基 ", 6)):
        for k in range(1, longest + 1):
            for chars in itertools.product(alphabet, repeat=k):
                text = "".join(chars)
                assert seg.cut(text) == list(reference.cut(text, HMM=True)), text


_CHARS = st.sampled_from(list("的是在了网格化管理机制党建引领基层治理社区服务中心实践新时代文明十五分钟龘犇鬯"
                              "謝曉軍張王李趙錢孫網格實踐與為區谢晓军张王李赵钱孙江苏厅长"
                              "abcXYZ0123456789.%-+#&_ ,。、“”《》()\n\t\r\u3000㐀鿿豈𠀀ｱ"))


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_CHARS, max_size=80).map("".join))
def test_same_words_on_any_text(pair, text: str) -> None:
    reference, seg = pair
    assert seg.cut(text) == list(reference.cut(text, HMM=True))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("龘犇鬯谢晓軍赵钱孙李厅的了")), min_size=20, max_size=120).map("".join))
def test_same_words_on_long_unknown_runs(pair, text: str) -> None:
    """Long runs of characters the dictionary does not join: the HMM decides (same tables, same ties)."""
    reference, seg = pair
    assert seg.cut(text) == list(reference.cut(text, HMM=True))


def test_text_jieba_rs_reads_otherwise_goes_to_the_python_segmenter(pair) -> None:
    _, seg = pair
    text = "规划2021-2025年,鿿第3.5项,建5G基站。"
    # the ideograph outside jieba's Han range, and the whole Han block holding the ASCII word 5G
    odd, comma, stop = text.index("鿿"), text.rindex(","), text.index("。")
    assert seg._elsewhere(text) == [(odd, odd + 1), (comma + 1, stop)]
    assert seg._elsewhere("覆盖率97.5%,投入3.6亿元,2021-2025年") == []


def test_the_hmm_is_jiebas(pair) -> None:
    """jieba-rs's own HMM breaks a tie otherwise; the route's runs of single characters take jieba's."""
    reference, seg = pair
    assert seg.cut("基钟钟钟格") == list(reference.cut("基钟钟钟格")) == ["基钟", "钟钟格"]
    assert rjieba.Jieba().cut("基钟钟钟格") != ["基钟", "钟钟格"]  # why: if this fails, jieba-rs has changed


def test_the_dictionary_is_taken_over() -> None:
    tk = _tokenizer()
    seg = CompiledSegmenter(tk, rjieba)
    assert tk.FREQ == {} and not tk.initialized
    assert seg._logp["网格化管理机制"] is not None and seg._logp["网格化管理"] is None
    assert seg.cut("网格化管理机制") == ["网格化管理机制"]


def _texts() -> list[str]:
    from kg.resources import sample_text

    return [sample_text(), "由市民政局等部门负责,2021-2025年投入3.6亿元,覆盖率97.5%。鿿㐀豈"] + [
        p.read_text(encoding="utf-8") for p in sorted(GENRE.rglob("*.txt"))]


def test_the_tokenizer_gives_the_same_words_with_and_without_the_compiled_engine() -> None:
    from spacy.vocab import Vocab

    compiled = JiebaTokenizer(Vocab())
    python = JiebaTokenizer(Vocab(), compiled=False)
    assert isinstance(compiled._dag, CompiledSegmenter)
    assert type(python._dag) is DagSegmenter
    for text in _texts():
        assert compiled.words(text) == python.words(text)
        assert [t.text for t in compiled(text)] == [t.text for t in python(text)]


def test_without_rjieba_the_tokenizer_falls_back_to_python(monkeypatch) -> None:
    from spacy.vocab import Vocab

    monkeypatch.setattr(tokenizer_module, "_load_rjieba", lambda: None)
    tok = JiebaTokenizer(Vocab())
    assert type(tok._dag) is DagSegmenter
    assert tok.words("由市民政局等部门负责,覆盖率97.5%") == ["由", "市", "民政局", "等", "部门", "负责", ",", "覆盖率",
                                                      "97.5", "%"]


def test_a_jieba_rs_that_cuts_otherwise_is_not_used(monkeypatch, caplog) -> None:
    from spacy.vocab import Vocab

    class OneCharacterAtATime:
        @staticmethod
        def empty():
            return OneCharacterAtATime()

        def add_word(self, word, freq, tag):
            return freq

        def cut(self, text, hmm=True):
            return list(text)

    fake = type("rjieba", (), {"Jieba": OneCharacterAtATime})
    monkeypatch.setattr(tokenizer_module, "_load_rjieba", lambda: fake)
    with caplog.at_level("WARNING", logger="kg.nlp.tokenizer"):
        tok = JiebaTokenizer(Vocab())
    assert type(tok._dag) is DagSegmenter
    assert "cuts otherwise than jieba" in caplog.text
    assert tok.words("党建引领基层治理,覆盖率97.5%")[-3:] == ["覆盖率", "97.5", "%"]
