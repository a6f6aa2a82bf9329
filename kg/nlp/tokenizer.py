"""A spaCy tokenizer over a *private* jieba tokenizer that knows the lexicon.

jieba's module-level tokenizer is shared global state; this one owns a ``jieba.Tokenizer`` and adds the
lexicon's surfaces, heads, trigger verbs, cue phrases, discourse fillers and qualifiers as user words,
so names and their heads come out as tokens of their own and rule spans align with token boundaries.
"""

from __future__ import annotations

import array
import bisect
import functools
import logging
import math
import os
import re
from collections.abc import Callable
from importlib import resources
from itertools import accumulate, compress

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from kg.nlp.lexicon import Lexicon, core_class, load_default_lexicon

__all__ = [
    "TEXT_KEY",
    "WORDS_KEY",
    "CompiledSegmenter",
    "DagSegmenter",
    "JiebaTokenizer",
    "create_jieba_tokenizer",
    "doc_text",
    "doc_words",
    "jieba_pos_tags",
]

#: ``doc.user_data`` key under which the tokenizer keeps the text it was given (``Doc.text`` rebuilds the
#: string from every token on each access, which the components would otherwise pay many times)
TEXT_KEY = "govkg.text"
#: ``doc.user_data`` key of the token strings and their character offsets (``(words, starts)``), for the same
#: reason: making a ``Token`` object per token per component costs more than the rules themselves
WORDS_KEY = "govkg.words"

log = logging.getLogger(__name__)

#: prepositions jieba may glue to the administrative level that opens a name (由市, 经县, 向省)
_PREPOSITIONS = frozenset("由经向对在从为把被将")

# characters that always form a token of their own (punctuation, brackets, quotes, title marks; a point
# only when it is not a decimal point)
_INNER = re.compile(r"[.%+\-‰/=]")
_SPLIT = re.compile(r"(\s|(?<!\d)\.|\.(?!\d)|[,;:!?()\[\]{}<>\"'、。“”‘’《》〈〉「」『』【】〔〕—…·/+\-=%‰])")


@functools.lru_cache(maxsize=65536)
def _hmm_cut(run: str) -> tuple[str, ...]:
    """jieba's HMM segmentation (``jieba.finalseg.cut``) of a run of characters its dictionary does not join
    (a pure function of the run and jieba's model, so memoised: such runs are short and recur)."""
    from jieba import finalseg

    out: list[str] = []
    for blk in finalseg.re_han.split(run):
        if finalseg.re_han.match(blk):
            for word in _hmm_words(blk):
                if word in finalseg.Force_Split_Words:
                    out.extend(word)
                else:
                    out.append(word)
        else:
            out.extend(x for x in finalseg.re_skip.split(blk) if x)
    return tuple(out)


def _hmm_words(text: str) -> list[str]:
    """The words of a run of Chinese characters by jieba's HMM (B M E S tags), as ``jieba.finalseg``'s Viterbi
    decoding finds them (same sums in the same order, same tie-breaking), with back-pointers instead of
    copied paths."""
    from jieba.finalseg import MIN_FLOAT, emit_P, start_P, trans_P

    eb, em, ee, es = emit_P["B"].get, emit_P["M"].get, emit_P["E"].get, emit_P["S"].get
    t_eb, t_sb = trans_P["E"]["B"], trans_P["S"]["B"]
    t_mm, t_bm = trans_P["M"]["M"], trans_P["B"]["M"]
    t_ss, t_es = trans_P["S"]["S"], trans_P["E"]["S"]
    t_be, t_me = trans_P["B"]["E"], trans_P["M"]["E"]
    c = text[0]
    vb, vm = start_P["B"] + eb(c, MIN_FLOAT), start_P["M"] + em(c, MIN_FLOAT)
    ve, vs = start_P["E"] + ee(c, MIN_FLOAT), start_P["S"] + es(c, MIN_FLOAT)
    back: list[tuple[str, str, str, str]] = []  # per position: the previous tag of B, M, E, S
    for c in text[1:]:
        e = eb(c, MIN_FLOAT)  # max((prob, tag)) over the previous tags: a tie goes to the later letter
        x, y = ve + t_eb + e, vs + t_sb + e
        nb, pb = (y, "S") if y >= x else (x, "E")
        e = em(c, MIN_FLOAT)
        x, y = vm + t_mm + e, vb + t_bm + e
        nm, pm = (x, "M") if x >= y else (y, "B")
        e = ee(c, MIN_FLOAT)
        x, y = vb + t_be + e, vm + t_me + e
        ne, pe = (y, "M") if y >= x else (x, "B")
        e = es(c, MIN_FLOAT)
        x, y = vs + t_ss + e, ve + t_es + e
        ns, ps = (x, "S") if x >= y else (y, "E")
        back.append((pb, pm, pe, ps))
        vb, vm, ve, vs = nb, nm, ne, ns
    tag = "S" if vs >= ve else "E"
    tags = [tag]
    for pb, pm, pe, ps in reversed(back):
        tag = pb if tag == "B" else pm if tag == "M" else pe if tag == "E" else ps
        tags.append(tag)
    tags.reverse()
    words, begin, nexti = [], 0, 0
    for i, tag in enumerate(tags):
        if tag == "B":
            begin = i
        elif tag == "E":
            words.append(text[begin:i + 1])
            nexti = i + 1
        elif tag == "S":
            words.append(text[i])
            nexti = i + 1
    if nexti < len(text):
        words.append(text[nexti:])
    return words


class DagSegmenter:
    """jieba's accurate mode with its HMM (``Tokenizer.cut(text, HMM=True)``) over its dictionary, faster.

    The same algorithm and arithmetic as jieba 0.42 (word graph of dictionary words, the most probable route
    by dynamic programming from the right, ties to the longer word, runs of single characters the dictionary
    does not know handed to the HMM), so it yields the same words; it differs in bookkeeping only: each
    word's log probability is computed once (not per occurrence), and the word graph and the route are built
    in one pass without intermediate dicts.

    The jieba tokenizer's dictionary is taken over, not copied (half a million entries): its frequencies are
    replaced by log probabilities in place and the tokenizer is left uninitialised (its user words are gone).
    """

    def __init__(self, tokenizer) -> None:
        from jieba import re_han_default, re_skip_default

        tokenizer.check_initialized()
        self._han = re_han_default
        self._skip = re_skip_default
        logtotal = math.log(tokenizer.total)
        # word -> log P(word), or None for a prefix that is no word of its own (jieba's FREQ 0)
        logp: dict[str, float | None] = tokenizer.FREQ
        shared: dict[int, float] = {}  # one float object per distinct frequency
        for w, f in logp.items():  # values only: the dict's size does not change
            if f:
                v = shared.get(f)
                if v is None:
                    v = shared[f] = math.log(f) - logtotal
                logp[w] = v
            else:
                logp[w] = None
        tokenizer.FREQ, tokenizer.initialized = {}, False  # used again, it would reload its dictionary
        self._logp = logp
        self._unknown = math.log(1) - logtotal  # jieba: log(FREQ.get(char) or 1)

    def is_word(self, w: str) -> bool:
        """``w`` is a word of the dictionary (not only the prefix of one)."""
        return self._logp.get(w) is not None

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` in order, as ``list(jieba_tokenizer.cut(text))``."""
        out: list[str] = []
        han, skip = self._han, self._skip
        for blk in han.split(text):
            if not blk:
                continue
            if han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_block(self, s: str, out: list[str]) -> None:
        get = self._logp.get
        unknown = self._unknown
        n = len(s)
        score = [0.0] * (n + 1)
        nxt = list(range(1, n + 2))  # end of the word starting at each position (default: one character)
        missing = score  # a sentinel no dictionary value is
        for k in range(n - 1, -1, -1):
            v = get(s[k], missing)
            best = None
            if v is not missing:
                i = k
                while True:
                    if v is not None:
                        c = v + score[i + 1]
                        if best is None or c >= best:  # jieba's max((score, end)): ties to the longer word
                            best, end = c, i
                    i += 1
                    if i >= n:
                        break
                    v = get(s[k:i + 1], missing)
                    if v is missing:
                        break
            if best is None:
                score[k] = unknown + score[k + 1]
            else:
                score[k] = best
                nxt[k] = end + 1
        x = 0
        start = -1  # start of the current run of single characters
        while x < n:
            y = nxt[x]
            if y - x == 1:
                if start < 0:
                    start = x
            else:
                if start >= 0:
                    self._run(s[start:x], out)
                    start = -1
                out.append(s[x:y])
            x = y
        if start >= 0:
            self._run(s[start:], out)

    def _run(self, buf: str, out: list[str]) -> None:
        """A run of single-character words: kept as characters unless the HMM joins an unknown run."""
        if len(buf) == 1:
            out.append(buf)
        elif self._logp.get(buf) is not None:
            out.extend(buf)
        else:
            out.extend(_hmm_cut(buf))


#: characters of jieba's Han blocks (``jieba.re_han_default``), one at a time
_BLOCK_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")
_BLOCK_REST = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]*")
#: the characters of those blocks outside U+4E00-U+9FD5 (the Han range is tested by comparison)
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")
#: characters jieba-rs may read otherwise than jieba: its Han blocks also take CJK extension A, U+9FD6-9FFF,
#: compatibility ideographs and the supplementary planes; to be safe, every character from U+2E80 on that
#: is not common Han, CJK punctuation or a full-width form (jieba makes each a token of its own)
_RUST_OTHER_CHAR = re.compile(r"[^\u0000-\u2e7f\u3000-\u303f\u4e00-\u9fd5\uff00-\uffef]")
#: a word the Rust engine is given to make its total frequency jieba's (never seen: U+3400 is cut off)
_FILLER = "\u3400\u3400"
#: cut by both segmenters when the compiled one is built: a jieba-rs that cuts any otherwise is not used
_PROBE = ("我们中出了一个叛徒。小明硕士毕业于中国科学院计算所,乒乓球拍卖完了;结婚的和尚未结婚的\r\n"
          "2019-2023年拨付4.2亿元,达标率86.3%,AT&T和c++、C#,a.b_8 x-1 0.0Z% 鿿㐀豈 龘犇鬯基钟钟钟格欧阳明远")

#: strings whose lookup in the engine is checked against jieba's dictionary when the cached state is built
_PROBE_WORDS = tuple({_PROBE[i:j] for i in range(len(_PROBE)) for j in range(i + 1, min(i + 5, len(_PROBE) + 1))})


def _load_rjieba():
    """The compiled module of ``rjieba`` (jieba-rs; it has the ``Jieba`` class), or None when it is not
    installed.

    The package's ``__init__`` builds a default engine with jieba-rs's own dictionary, which govkg never uses
    (about 0.15 s): the compiled module ``rjieba.rjieba`` is loaded on its own, registered under its name
    (a later ``import rjieba`` takes it from there), unless the package is imported already."""
    import importlib.machinery
    import importlib.util
    import sys

    for name in ("rjieba", "rjieba.rjieba"):
        if getattr(sys.modules.get(name), "Jieba", None) is not None:
            return sys.modules[name]
    try:
        package = importlib.util.find_spec("rjieba")
        spec = importlib.machinery.PathFinder.find_spec(
            "rjieba.rjieba", package.submodule_search_locations) if package is not None else None
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            raise ImportError("no compiled rjieba module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[spec.name]
            raise
        if getattr(module, "Jieba", None) is None:
            raise ImportError("rjieba has no Jieba class")
        return module
    except Exception as exc:  # noqa: BLE001 - any layout other than the known one: the ordinary import
        log.debug("loading rjieba's compiled module directly failed (%s); importing the package", exc)
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba


def _jieba_tokenizer(words: list[str], freq: int):
    """A fresh ``jieba.Tokenizer`` of jieba's dictionary (initialised) with ``words`` added at ``freq``."""
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w, freq=freq)
    return tk


def _engine_words(tokenizer) -> tuple[list[str], list[int], int, list[str]]:
    """The words a jieba-rs engine is given for ``tokenizer``'s dictionary, in its order: every word of a
    non-zero frequency, their frequencies, the frequency the filler word takes (jieba's total minus theirs)
    and the words of ASCII letters and digits only."""
    tokenizer.check_initialized()
    words, freqs, ascii_words = [], [], []
    kept = 0
    for w, f in tokenizer.FREQ.items():
        if f:
            words.append(w)
            freqs.append(f)
            kept += f
            if len(w) > 1 and w.isascii() and w.isalnum():
                ascii_words.append(w)
    if tokenizer.total < kept:  # pragma: no cover - jieba's total counts every word at least once
        raise ValueError("jieba's total frequency is below the sum of its words' frequencies")
    return words, freqs, tokenizer.total - kept, ascii_words


def _module_files_digest(module) -> str | None:
    """A digest of the files of an installed extension package (its compiled libraries and Python files),
    or None for a module without a file (a stand-in)."""
    from kg.nlp.cache import file_digest

    path = getattr(module, "__file__", None)
    if not path:
        return None
    folder = os.path.dirname(path)
    names = sorted(n for n in os.listdir(folder) if n.endswith((".so", ".pyd", ".py")))
    return ";".join(f"{n}:{file_digest(os.path.join(folder, n))}" for n in names)


def _jieba_dictionary_digest() -> str:
    """sha256 of jieba's bundled dictionary (``jieba/dict.txt``), the one ``jieba.Tokenizer()`` reads."""
    import jieba

    from kg.nlp.cache import file_digest

    with resources.as_file(resources.files("jieba").joinpath(jieba.DEFAULT_DICT_NAME)) as path:
        return file_digest(str(path))


def _cached_segmenter(rjieba, words: list[str], freq: int) -> DagSegmenter | CompiledSegmenter:
    """:class:`CompiledSegmenter` for jieba's dictionary with ``words`` added at ``freq``, its engine fed from
    the on-disk cache (:mod:`kg.nlp.cache`) of the words and frequencies :func:`_engine_words` gives, so that
    jieba's own dictionary is not loaded: its Python dictionary (for the rare text jieba-rs must not cut) is
    built on first use. The probe check of :func:`_segmenter` is made when the entry is built; an engine
    that failed it is not used (pure Python, as :func:`_segmenter` does)."""
    import jieba

    from kg.nlp.cache import cached, code_digest

    ident = _module_files_digest(rjieba)
    if ident is None:  # not an installed package: nothing to key a cache on
        return _segmenter(_jieba_tokenizer(words, freq), True)
    parts = [code_digest("kg.nlp", "tokenizer.py"), jieba.__version__, _jieba_dictionary_digest(), ident,
             str(freq), "\n".join(words)]
    state = cached("jieba-dictionary", parts, lambda: _dictionary_state(rjieba, words, freq))
    if not state["ok"]:
        log.warning("rjieba %s cuts otherwise than jieba: segmenting in Python",
                    getattr(rjieba, "__version__", "(version unknown)"))
        return DagSegmenter(_jieba_tokenizer(words, freq))
    return CompiledSegmenter.from_state(rjieba, state, lambda: DagSegmenter(_jieba_tokenizer(words, freq)))


def _dictionary_state(rjieba, words: list[str], freq: int) -> dict:
    """What :meth:`CompiledSegmenter.from_state` needs (the engine's words, frequencies, filler, ASCII words),
    and whether jieba-rs cuts the probe text as jieba does, built from jieba's dictionary."""
    tk = _jieba_tokenizer(words, freq)
    engine_words, freqs, filler, ascii_words = _engine_words(tk)
    joined = not any("\n" in w for w in engine_words)
    state = {"words": "\n".join(engine_words) if joined else engine_words, "freqs": array.array("q", freqs),
             "filler": filler, "ascii": ascii_words, "ok": False}
    dag = DagSegmenter(tk)
    expected = dag.cut(_PROBE)
    seg = CompiledSegmenter.from_state(rjieba, state, lambda: dag)
    state["ok"] = seg.cut(_PROBE) == expected and all(
        seg.is_word(w) == dag.is_word(w) for w in (*_PROBE_WORDS, *words, _FILLER))
    return state


def _segmenter(tokenizer, compiled: bool) -> DagSegmenter | CompiledSegmenter:
    """:class:`CompiledSegmenter` over ``tokenizer``'s dictionary when ``compiled``, ``rjieba`` is installed and
    it cuts a probe text as :class:`DagSegmenter` does; else :class:`DagSegmenter`."""
    rjieba = _load_rjieba() if compiled else None
    if rjieba is None:
        return DagSegmenter(tokenizer)
    seg = CompiledSegmenter(tokenizer, rjieba)
    if seg.cut(_PROBE) != seg._dag.cut(_PROBE):
        log.warning("rjieba %s cuts otherwise than jieba: segmenting in Python",
                    getattr(rjieba, "__version__", "(version unknown)"))
        return seg._dag
    return seg


class CompiledSegmenter:
    """:class:`DagSegmenter`'s words (so jieba's), with the word graph and the route computed by jieba-rs (the
    optional ``rjieba`` package) on the text it reads as jieba does.

    jieba-rs runs jieba's route (word graph, most probable route from the right with ties to the longer
    word, sums in the same order). It is given the jieba tokenizer's own dictionary (every word with its
    frequency, user words included) and jieba's total frequency: jieba counts the frequency of a repeated or
    re-added word again, jieba-rs once, so the difference goes to a filler word it never sees. It is asked
    for the route only (no HMM: its Viterbi breaks ties otherwise, 基钟钟钟格); as jieba does without the HMM,
    it joins runs of single letters and digits, which are therefore taken as single characters again, and
    runs of single characters go to :class:`DagSegmenter`'s HMM step. Text it reads otherwise is kept from it:
    ideographs its Han blocks take in and jieba's not (cut off and made tokens of their own, as jieba does),
    and Han blocks holding a dictionary word of ASCII letters and digits only (which could not be told from a
    joined run; they go to :class:`DagSegmenter`; jieba's own dictionary has none).
    """

    def __init__(self, tokenizer, rjieba) -> None:
        words, freqs, filler, ascii_words = _engine_words(tokenizer)
        self._setup(rjieba, words, freqs, filler, ascii_words)
        self._dag_value: DagSegmenter | None = DagSegmenter(tokenizer)
        self._make_dag: Callable[[], DagSegmenter] | None = None
        logp = self._dag_value._logp
        self.is_word = lambda w: logp.get(w) is not None

    @classmethod
    def from_state(cls, rjieba, state: dict, make_dag: Callable[[], DagSegmenter]) -> CompiledSegmenter:
        """The segmenter of a dictionary state (:func:`_dictionary_state`, as cached): the engine is given the
        same words in the same order; words are looked up in the engine; :class:`DagSegmenter` (for the text
        jieba-rs must not cut) is made by ``make_dag`` on first use."""
        self = cls.__new__(cls)
        words = state["words"]
        self._setup(rjieba, words.split("\n") if isinstance(words, str) else words, state["freqs"],
                    state["filler"], state["ascii"])
        self._dag_value, self._make_dag = None, make_dag
        has = self._engine.has_word
        if state["filler"]:  # the filler is no word of jieba's (unless jieba has it with its own frequency)
            self.is_word = lambda w: has(w) and w != _FILLER
        else:
            self.is_word = has
        return self

    def _setup(self, rjieba, words, freqs, filler: int, ascii_words: list[str]) -> None:
        engine = rjieba.Jieba.empty()
        add = engine.add_word
        for w, f in zip(words, freqs):
            add(w, f, None)
        if filler:
            add(_FILLER, filler, None)
        self._engine = engine
        self._rust = engine.cut
        self._ascii_words = re.compile("|".join(map(re.escape, sorted(ascii_words)))) if ascii_words else None

    @property
    def _dag(self) -> DagSegmenter:
        """The pure-Python segmenter of the same dictionary (made on first use when built from a state)."""
        if self._dag_value is None:
            self._dag_value = self._make_dag()
        return self._dag_value

    @property
    def _logp(self) -> dict[str, float | None]:
        return self._dag._logp

    def _run(self, buf: str, out: list[str]) -> None:
        """:meth:`DagSegmenter._run`, the word looked up by :attr:`is_word`."""
        if len(buf) == 1:
            out.append(buf)
        elif self.is_word(buf):
            out.extend(buf)
        else:
            out.extend(_hmm_cut(buf))

    def cut(self, text: str) -> list[str]:
        """The words of ``text`` in order, as ``list(jieba_tokenizer.cut(text))``."""
        spans = self._elsewhere(text)
        if not spans:
            return self._route(text, [])
        out: list[str] = []
        pos = 0
        for a, b in spans:
            if pos < a:
                self._route(text[pos:a], out)
            if b - a == 1 and not _BLOCK_CHAR.match(text, a):
                out.append(text[a])  # a character jieba-rs reads as Han, jieba not
            else:
                self._dag._cut_block(text[a:b], out)
            pos = b
        if pos < len(text):
            self._route(text[pos:], out)
        return out

    def _route(self, text: str, out: list[str]) -> list[str]:
        """jieba's words of ``text``: jieba-rs's route, its runs of single characters through the HMM step."""
        run: list[str] = []  # single characters (and letters and digits jieba-rs joined) of the current run
        ascii_block, flush = _BLOCK_ASCII, self._run
        for w in self._rust(text, False):
            if len(w) == 1:
                if "\u4e00" <= w <= "\u9fd5" or w in ascii_block:  # _BLOCK_CHAR, without a call
                    run.append(w)
                    continue
            elif w.isascii() and w.isalnum():
                run.append(w)
                continue
            if run:
                flush(run[0] if len(run) == 1 else "".join(run), out)
                run = []
            out.append(w)
        if run:
            flush("".join(run), out)
        return out

    def _elsewhere(self, text: str) -> list[tuple[int, int]]:
        """The spans of ``text`` (sorted, disjoint) jieba-rs must not cut: single characters it would read as
        Han, and whole Han blocks of jieba (``re_han_default``) holding a dictionary word of ASCII letters and
        digits only."""
        spans = {(m.start(), m.start() + 1) for m in _RUST_OTHER_CHAR.finditer(text)}
        if self._ascii_words is not None:
            for m in self._ascii_words.finditer(text):
                a = m.start()
                while a > 0 and _BLOCK_CHAR.match(text, a - 1):
                    a -= 1
                spans.add((a, _BLOCK_REST.match(text, m.end()).end()))
        return sorted(spans)


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


class _BodyListGlue:
    """The tokens jieba makes of a conjunction and its neighbour in a list of bodies, and the context in which
    they are cut again (grammar ``conjunctions``, ``bodyEnds`` and the one-character ``placeLevels*``).

    ``opening``: a conjunction glued to the level that opens the next name (某局和县某局, where jieba reads the
    county 和县; 某委及区某大队); ``closing``: the one-character end of a body's name glued to the conjunction
    after it (某某署及某处, a pair jieba's HMM joins); ``ends``: the last characters of actors' names."""

    __slots__ = ("closing", "ends", "opening", "words")

    def __init__(self, opening: frozenset[str], closing: frozenset[str], ends: frozenset[str]) -> None:
        self.opening, self.closing, self.ends = opening, closing, ends
        self.words = opening | closing

    @classmethod
    def of(cls, lexicon: Lexicon, actor_ends: frozenset[str]) -> _BodyListGlue:
        lists = lexicon.word_lists
        conj = lists.get("conjunctions", ())
        levels = [w for s in ("placeLevelsProvince", "placeLevelsCity", "placeLevelsCounty", "placeLevelsTown")
                  for w in lists.get(s, ()) if len(w) == 1]
        heads = [h for h in lists.get("bodyEnds", ()) if len(h) == 1]
        return cls(frozenset(c + lv for c in conj for lv in levels), frozenset(h + c for h in heads for c in conj),
                   frozenset(heads) | actor_ends)

    def names_body(self, words: list[str], i: int, span: int = 4) -> bool:
        """A name of a body starts at ``words[i]``: within ``span`` words of Han characters, one ends like an
        actor's name (县 + 人社局, 区 + 消防 + 救援 + 大队)."""
        for w in words[i:i + span]:
            if not w or not _han(w[0]):
                return False
            if w[-1] in self.ends:
                return True
        return False


#: jieba part-of-speech tags (first letter) of a character that may open a place's name (nouns, place and time
#: words, abbreviations, morphemes); function words (prepositions, conjunctions, particles, verbs, adverbs,
#: adjectives, pronouns, numerals) do not, so 深入 + 山乡 and 在 + 山乡 stay as they are
_NAME_TAGS = frozenset("ntsjg")
#: jieba part-of-speech tags (first letter) of a character that opens a predicate (verbs, prepositions, adverbs)
_PREDICATE_TAGS = frozenset("vpd")
#: jieba part-of-speech tags (first letter) of a function character (prepositions, conjunctions, pronouns,
#: particles, adverbs, numerals, measure words)
_FUNCTION_TAGS = frozenset("pcrudmq")


class _NameEdgeGlue:
    """Words jieba makes across the edge of a place's or an office's name, and the context in which they are cut
    again (grammar ``placeLevels*``, ``bodyEnds``, ``sectionEnds`` and the lexicon's role heads).

    ``inner``: a dictionary word of a name's last character and a one-character level below the county (某 +
    山乡 for the township 某山乡, 某 + 山镇; ``placeLevelsTown``), after a lone character that may open a name
    and a place or a break;
    ``trailing``: a one-character level glued by the HMM to the verb, preposition or adverb after it (某某 +
    镇作 + 了);
    ``roles``: a director's title (处长, 局长) read across a division's end and a section's name (某某 + 处长 +
    乐科 for 某某处 + 长乐科)."""

    __slots__ = ("levels", "roles", "sections", "tags", "towns")

    def __init__(self, levels: frozenset[str], towns: frozenset[str], roles: frozenset[str],
                 sections: frozenset[str]) -> None:
        self.levels, self.towns, self.roles, self.sections = levels, towns, roles, sections
        self.tags: dict[str, str] | None = None

    @classmethod
    def of(cls, lexicon: Lexicon) -> _NameEdgeGlue:
        lists = lexicon.word_lists
        levels = frozenset(w for s in ("placeLevelsProvince", "placeLevelsCity", "placeLevelsCounty",
                                       "placeLevelsTown") for w in lists.get(s, ()) if len(w) == 1)
        ends = frozenset(h for h in lists.get("bodyEnds", ()) if len(h) == 1)
        roles = frozenset(h for h, (c, _, _) in lexicon.heads.items()
                          if len(h) == 2 and h[0] in ends and c == "Role")
        towns = frozenset(w for w in lists.get("placeLevelsTown", ()) if len(w) == 1)
        return cls(levels, towns, roles, frozenset(h for h in lists.get("sectionEnds", ()) if len(h) == 1))

    def opens_name(self, c: str) -> bool:
        """The lone character ``c`` may open a name (jieba tags it a noun, a place or a time word)."""
        if self.tags is None:
            self.tags = jieba_pos_tags()
        return self.tags.get(c, "n")[:1] in _NAME_TAGS

    def acts(self, c: str) -> bool:
        """The character ``c`` opens the predicate after a subject: jieba tags it a verb, a preposition or an
        adverb (作, 把, 将; not 事, 街, 道: 某村事, 镇街, 村道 are no name and its level)."""
        if self.tags is None:
            self.tags = jieba_pos_tags()
        return _han(c) and self.tags.get(c, "")[:1] in _PREDICATE_TAGS

    def lone_name(self, c: str) -> bool:
        """The lone character ``c`` may be part of a name the segmenter broke up: a Han character jieba does not
        tag a preposition, conjunction, pronoun, particle, adverb, numeral or measure word."""
        if self.tags is None:
            self.tags = jieba_pos_tags()
        return _han(c) and c not in _PREPOSITIONS and self.tags.get(c, "n")[:1] not in _FUNCTION_TAGS

    def names_place(self, w: str) -> bool:
        """``w`` (Han characters) may be a place's name: jieba does not know it or tags it a noun."""
        if self.tags is None:
            self.tags = jieba_pos_tags()
        return all(map(_han, w)) and self.tags.get(w, "n")[:1] in _NAME_TAGS

    def inner(self, words: list[str], k: int) -> bool:
        """``words[k]`` (a name's last character + a level, a dictionary word) closes the name opened by the
        lone character before it, which follows a place's name or a break (某 + 山乡 after 某某县 or 、)."""
        a = words[k]
        if not (len(a) == 2 and a[1] in self.towns and k > 0):
            return False
        p = words[k - 1]
        if not (len(p) == 1 and _han(p) and self.opens_name(p)):
            return False
        q = words[k - 2] if k > 1 else ""
        return not q or not _han(q[-1]) or (len(q) >= 2 and q[-1] in self.levels)

    def section(self, words: list[str], k: int) -> bool:
        """``words[k]`` (a director's title) is a division's end + the first character of a section's name:
        a name (two characters or more) before it, the rest of a section's name after it (处长 + 乐科)."""
        p = words[k - 1] if k > 0 else ""
        b = words[k + 1] if k + 1 < len(words) else ""
        return len(p) >= 2 and _han(p[-1]) and 2 <= len(b) <= 4 and _han(b[0]) and b[-1] in self.sections


class JiebaTokenizer:
    """Callable ``str -> Doc`` segmenting with a private, lexicon-aware jieba tokenizer.

    With ``hmm`` (jieba's accurate mode, the default) the words are jieba's, computed by
    :class:`CompiledSegmenter` when the optional ``rjieba`` package is installed and ``compiled`` is true,
    else by :class:`DagSegmenter` (pure Python): the same words either way.
    """

    def __init__(self, vocab: Vocab, lexicon: Lexicon | None = None, *, hmm: bool = True,
                 user_word_freq: int = 200000, compiled: bool = True) -> None:
        try:
            import jieba
        except ImportError as exc:  # pragma: no cover - jieba is a dependency
            raise ImportError("govkg's tokenizer needs jieba: pip install jieba") from exc
        jieba.setLogLevel(logging.WARNING)
        self.vocab = vocab
        self.hmm = hmm
        lexicon = lexicon or load_default_lexicon()
        words = [w for w in sorted(lexicon.words | set(lexicon.fillers) | set(lexicon.qualifiers))
                 if 1 < len(w) <= 20 and not re.search(r"[()\s]", w)]
        user = set(words)
        self._user = frozenset(user)
        #: one-character heads (局 厅 委): jieba may glue 等 to them (局等), which hides the head
        self._short_heads = frozenset(h for h in lexicon.heads if len(h) == 1)
        #: a verb of acting together glued to the level that opens the next name (某局会同县某局: 会同 + 县,
        #: where jieba reads the county 会同县), after a word ending like an actor's head
        #: the levels jieba may glue to such a word (grammar ``gluedLevels``: 由市, 会同县)
        self._levels = frozenset(lexicon.word_lists.get("gluedLevels", ()))
        self._co_level = frozenset(v + lv for v in lexicon.word_lists.get("coordinatingVerbs", ()) for lv in self._levels)
        self._actor_ends = frozenset(h[-1] for h, (cls, _, _) in lexicon.heads.items() if core_class(cls) == "Actor")
        #: every word :meth:`_give_back` may cut (the words its rules start from), to skip the others fast
        self._glue = frozenset({p + lv for p in _PREPOSITIONS for lv in self._levels} | self._co_level
                               | {h + "等" for h in self._short_heads} | {w for w in user if len(w) >= 3})
        #: a conjunction glued to a neighbour in a list of bodies (某局和县某局, 某某署及某处)
        self._lists = _BodyListGlue.of(lexicon, self._actor_ends)
        self._glue |= self._lists.words
        #: words across the edge of a place's or an office's name (某 + 山乡, 某某 + 镇作, 某某 + 处长 + 某科)
        self._edges = _NameEdgeGlue.of(lexicon)
        self._dag: DagSegmenter | CompiledSegmenter | None = None
        self._jieba = None
        if hmm:  # the fast paths (the compiled one from a cached dictionary state, see _cached_segmenter)
            rjieba = _load_rjieba() if compiled else None
            if rjieba is None:
                self._dag = DagSegmenter(_jieba_tokenizer(words, user_word_freq))
            else:
                self._dag = _cached_segmenter(rjieba, words, user_word_freq)
            self._word: Callable[[str], bool] = self._dag.is_word
        else:
            self._jieba = _jieba_tokenizer(words, user_word_freq)
            freq = self._jieba.FREQ
            self._word = lambda w: bool(freq.get(w))  # ``w`` is a word of the dictionary, not only a prefix

    def _give_back(self, words: list[str]) -> list[str]:
        """A user word (the lexicon's, weighted high) that took the first character of a dictionary word gives
        it back: 清单制 + 度 -> 清单 + 制度, 议事会 + 议 -> 议事 + 会议 (the stranded character alone is no word
        of the text; both halves of the new cut are dictionary words)."""
        out: list[str] = []
        n = len(words)
        done = 0  # words before this index are in ``out`` (or were taken by the cut before)
        edges = self._edges
        for k in compress(range(n), map(self._glued, words)):
            if k < done:
                continue  # the second word of a cut made at k - 1
            a = words[k]
            b = words[k + 1] if k + 1 < n else ""
            if len(a) == 2 and a[1] in edges.towns and edges.inner(words, k) and k - 1 >= done:
                out += words[done:k - 1]
                out.append(words[k - 1] + a)  # 某县 + 某山乡 + 公所: the name and its level, one word as jieba's
                # own places (某某乡) are
                done = k + 1
                continue
            if len(a) == 2 and a[0] in edges.levels and edges.acts(a[1]) and k > 0 and _han(words[k - 1][-1]) \
                    and a not in self._user and not self._word(a):
                p = words[k - 1]
                if k - 1 >= done and 2 <= len(p) <= 3 and p not in self._user and edges.names_place(p):
                    out += words[done:k - 1]
                    out += [p + a[0], a[1]]  # 某某镇 + 作了: the level back to its name, one word
                else:
                    out += words[done:k]
                    out += [a[0], a[1]]  # 某某 + 镇 + 作了: a level the HMM glued to the word after the name
                done = k + 1
                continue
            if a in edges.roles and edges.section(words, k):
                out += words[done:k]
                out += [a[0], a[1] + b[:-1], b[-1]]  # 某某 + 处 + 长某 + 科: a division's end and its section
                done = k + 2
                continue
            if len(a) == 2 and a[0] in _PREPOSITIONS and a[1] in self._levels and b and "\u4e00" <= b[0] <= "\u9fff":
                out += words[done:k]
                out += [a[0], a[1]]  # 由 + 市 + 某局: a preposition glued to the level that opens a name
                done = k + 1
            elif a in self._co_level and k > 0 and words[k - 1][-1:] in self._actor_ends and b \
                    and "\u4e00" <= b[0] <= "\u9fff":
                out += words[done:k]
                out += [a[:-1], a[-1]]  # 某局 + 会同 + 县 + 某局
                done = k + 1
            elif len(a) == 3 and a[0] in self._short_heads and a[1] in _PREPOSITIONS and k > 0 \
                    and len(words[k - 1]) >= 2 and _han(words[k - 1][-1]) and _han(a[2]) and not self._word(a) \
                    and a not in self._user:
                out += words[done:k]
                out += [a[0], a[1]]  # 某某 + 局 + 在 + 某地: a body's end glued by the HMM to a preposition
                if b and _han(b[0]) and not self._word(b) and b not in self._user:
                    out.append(a[2] + b)  # ... and to the first character of the next name (在 + 某某某区)
                    done = k + 2
                else:
                    out.append(a[2])
                    done = k + 1
            elif len(a) == 2 and a[1] == "等" and a[0] in self._short_heads:
                out += words[done:k]
                out += [a[0], "等"]  # 某局等部门
                done = k + 1
            elif a in self._lists.opening and k > 0 and words[k - 1][-1:] in self._lists.ends \
                    and self._lists.names_body(words, k + 1):
                out += words[done:k]
                out += [a[:-1], a[-1]]  # 某局 + 和 + 县 + 某局: a conjunction glued to the level opening a name
                done = k + 1
            elif a in self._lists.closing and k > 0 and len(words[k - 1]) >= 2 and _han(words[k - 1][-1]) \
                    and not self._word(a) and self._lists.names_body(words, k + 1):
                out += words[done:k]
                out += [a[0], a[1:]]  # 某某 + 署 + 及 + 某处: a body's end glued to the conjunction after it
                done = k + 1
            elif len(b) == 1 and len(a) >= 3 and a in self._user and "\u4e00" <= b <= "\u9fff" \
                    and self._word(a[-1] + b) and self._word(a[:-1]):
                out += words[done:k]
                out += [a[:-1], a[-1] + b]
                done = k + 2
        out += words[done:]
        return out

    def _glued(self, w: str) -> bool:
        """``w`` is a word :meth:`_give_back` may cut (the set of its rules' words, or two characters with a
        one-character level at either end, or a director's title)."""
        if w in self._glue:
            return True
        if len(w) == 3 and w[0] in self._short_heads and w[1] in _PREPOSITIONS:
            return True  # 局 + 在 + 某: see _give_back
        edges = self._edges
        return len(w) == 2 and (w[0] in edges.levels or w[1] in edges.levels or w in edges.roles)

    def __call__(self, text: str) -> Doc:
        words = self.words(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[TEXT_KEY] = text
        doc.user_data[WORDS_KEY] = (words, list(accumulate(map(len, words[:-1]), initial=0)) if words else [])
        return doc

    def words(self, text: str) -> list[str]:
        """The token strings of ``text`` (they join up to ``text``)."""
        # jieba cuts the whole text (it already yields punctuation and white space one character at a time);
        # the few characters it keeps inside a word (. % + - # & _) are split off afterwards
        if self._dag is not None:
            words = self._dag.cut(text)
        else:
            words = [w for w in self._jieba.cut(text, HMM=False) if w]
        inner = [m.start() for m in _INNER.finditer(text)]
        if inner:  # the words holding such a character, found by their offsets, last first
            ends = list(accumulate(map(len, words)))
            for i in sorted({bisect.bisect_right(ends, p) for p in inner}, reverse=True):
                if len(words[i]) > 1:
                    words[i:i + 1] = [p for p in _SPLIT.split(words[i]) if p]
        return self._level_cut(self._give_back(words))

    def _level_cut(self, words: list[str]) -> list[str]:
        """A word that opens with a one-character level (``placeLevels*``) ending the place named just before
        it, in a chain right after another place (a word ending in a level), is cut after that level:
        某县 + 某某 + 镇某村 -> 某某 + 镇 + 某村 (a word the segmenter made up of the level and the next place's
        name, with its level or before it: 镇某某 + 村); 某镇 + 某 + 某 + 村党支部 -> 某某村 + 党支部 (a
        dictionary word of the level and a word, after a name the segmenter broke into lone characters, which
        join their level in one word as jieba's places are). The name is two or three characters of words that
        may name a place (lone characters: no preposition, conjunction, pronoun, particle, adverb or numeral)."""
        edges = self._edges
        n = len(words)
        out: list[str] | None = None
        for k in range(2, n):
            w = words[k]
            if not (3 <= len(w) <= 5 and w[0] in edges.levels and all(map(_han, w))):
                continue
            rest = w[1:]
            nxt = words[k + 1] if k + 1 < n else ""
            made_up = (rest[-1] in edges.towns or nxt in edges.towns) and not self._word(w)
            if not made_up and not (self._word(w) and self._word(rest)):
                continue
            for m in (1, 2):  # the name: the one or two words before (two or three characters)
                if k - m < 1:
                    break
                run = words[k - m:k]
                before = words[k - m - 1]
                if not (2 <= sum(map(len, run)) <= 3 and len(before) >= 2 and before[-1] in edges.levels
                        and all(map(_han, before))):
                    continue
                lone = all(len(t) == 1 for t in run)
                if made_up and all(edges.names_place(t) if len(t) > 1 else edges.opens_name(t) for t in run) \
                        or not made_up and lone and m == 2 and all(map(edges.lone_name, run)):
                    if out is None:
                        out = list(words)
                    if made_up:
                        out[k] = (w[0], rest)
                    else:  # 某 + 某 + 村党支部 -> 某某村 + 党支部: the name and its level one word, as jieba's places are
                        out[k - m:k] = [()] * m
                        out[k] = ("".join(run) + w[0], rest)
                    break
        if out is None:
            return words
        return [p for t in out for p in (t if isinstance(t, tuple) else (t,))]

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


@functools.lru_cache(maxsize=1)
def jieba_pos_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every word of its dictionary (``jieba.posseg.dt.word_tag_tab`` once
    initialised), read from the on-disk cache (:mod:`kg.nlp.cache`) when it is there: importing
    ``jieba.posseg`` reads the dictionary once, initialising it loads jieba's global tokenizer and reads it
    again."""
    import jieba

    from kg.nlp.cache import cached, code_digest

    parts = [code_digest("kg.nlp", "tokenizer.py"), jieba.__version__, _jieba_dictionary_digest()]
    words, tags = cached("jieba-pos-tags", parts, _read_pos_tags)
    return dict(zip(words.split("\n"), tags.split("\n"))) if words else {}


def _read_pos_tags() -> tuple[str, str]:
    """The words and the tags of jieba's dictionary, each joined by new lines, as ``jieba.posseg`` reads them
    (``POSTokenizer.load_word_tag``: a later line of the same word wins)."""
    import jieba

    table: dict[str, str] = {}
    name = jieba.DEFAULT_DICT_NAME
    for lineno, raw in enumerate(resources.files("jieba").joinpath(name).read_bytes().split(b"\n"), 1):
        line = raw.strip().decode("utf-8")
        if not line:
            continue
        try:
            word, _, tag = line.split(" ")
        except ValueError:
            raise ValueError(f"invalid POS dictionary entry in {name} at Line {lineno}: {line}") from None
        table[word] = tag
    return "\n".join(table), "\n".join(table.values())
