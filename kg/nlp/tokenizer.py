"""A spaCy tokenizer over a *private* jieba tokenizer that knows the lexicon.

jieba's module-level tokenizer is shared global state; this one owns a ``jieba.Tokenizer`` and adds the
lexicon's surfaces, heads, trigger verbs, cue phrases, discourse fillers and qualifiers as user words,
so names and their heads come out as tokens of their own and rule spans align with token boundaries.
"""

from __future__ import annotations

import logging
import re

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.lexicon import Lexicon, load_default_lexicon

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer"]

log = logging.getLogger(__name__)

# characters that always form a token of their own (punctuation, brackets, quotes, title marks; a point
# only when it is not a decimal point)
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
        words: list[str] = []
        for piece in _SPLIT.split(text):
            if not piece:
                continue
            if _SPLIT.fullmatch(piece):
                words.append(piece)
            else:
                words.extend(w for w in self._jieba.cut(piece, HMM=self.hmm) if w)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy serialisation hooks: the tokenizer is rebuilt from the lexicon, nothing to store
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


@registry.tokenizers("govkg.jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = True):
    """Registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "govkg.jieba_tokenizer.v1"``."""

    def make(nlp) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, hmm=hmm)

    return make
