"""A spaCy tokenizer over a *private* jieba tokenizer that knows the lexicon.

jieba's module-level tokenizer is shared global state; this one owns a ``jieba.Tokenizer`` and adds the
lexicon's surfaces, heads, trigger verbs, cue phrases, discourse fillers and qualifiers as user words,
so names and their heads come out as tokens of their own and rule spans align with token boundaries.
"""

from __future__ import annotations

import logging
import re
from itertools import accumulate

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.lexicon import Lexicon, load_default_lexicon

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer", "doc_text", "doc_words", "TEXT_KEY", "WORDS_KEY"]

#: ``doc.user_data`` key under which the tokenizer keeps the text it was given (``Doc.text`` rebuilds the
#: string from every token on each access, which the components would otherwise pay many times)
TEXT_KEY = "govkg.text"
#: ``doc.user_data`` key of the token strings and their character offsets (``(words, starts)``), for the same
#: reason: making a ``Token`` object per token per component costs more than the rules themselves
WORDS_KEY = "govkg.words"

log = logging.getLogger(__name__)

# characters that always form a token of their own (punctuation, brackets, quotes, title marks; a point
# only when it is not a decimal point)
_INNER = re.compile(r"[.%+\-‰/=]")
_SPLIT = re.compile(r"(\s|(?<!\d)\.|\.(?!\d)|[,;:!?()\[\]{}<>\"'、。“”‘’《》〈〉「」『』【】〔〕—…·/+\-=%‰])")


class JiebaTokenizer:
    """Callable ``str -> Doc`` segmenting with a private, lexicon-aware jieba tokenizer."""

    def __init__(self, vocab: Vocab, lexicon: Lexicon | None = None, *, hmm: bool = True,
                 user_word_freq: int = 200000) -> None:
        try:
            import jieba
        except ImportError as exc:  # pragma: no cover - jieba is a dependency
            raise ImportError("govkg's tokenizer needs jieba: pip install jieba") from exc
        jieba.setLogLevel(logging.WARNING)
        self.vocab = vocab
        self.hmm = hmm
        self._jieba = jieba.Tokenizer()
        lexicon = lexicon or load_default_lexicon()
        for w in sorted(lexicon.words | set(lexicon.fillers) | set(lexicon.qualifiers)):
            if 1 < len(w) <= 20 and not re.search(r"[()\s]", w):
                self._jieba.add_word(w, freq=user_word_freq)

    def __call__(self, text: str) -> Doc:
        # jieba cuts the whole text (it already yields punctuation and white space one character at a time);
        # the few characters it keeps inside a word (. % + - # & _) are split off afterwards
        words: list[str] = []
        for w in self._jieba.cut(text, HMM=self.hmm):
            if not w:
                continue
            if len(w) > 1 and _INNER.search(w):
                words.extend(p for p in _SPLIT.split(w) if p)
            else:
                words.append(w)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[TEXT_KEY] = text
        doc.user_data[WORDS_KEY] = (words, list(accumulate(map(len, words[:-1]), initial=0)) if words else [])
        return doc

    # spaCy serialisation hooks: the tokenizer is rebuilt from the lexicon, nothing to store
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self


@registry.tokenizers("govkg.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True):
    """Registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "govkg.jieba_tokenizer.v1"``."""

    def make(nlp) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: the tokenizer's input, kept in ``doc.user_data``."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text)):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_words(doc: Doc) -> tuple[list[str], list[int]]:
    """The token strings of ``doc`` and the character offset of each, built once per doc."""
    got = doc.user_data.get(WORDS_KEY)
    if got is None or len(got[0]) != len(doc):
        words = [t.text for t in doc]
        got = doc.user_data[WORDS_KEY] = (words, [t.idx for t in doc])
    return got
