"""The extractor's code and ontology quote no phrase of the annotated test texts or the bundled sample.

The extractor is judged on texts nobody has seen, so kg/ and ontology/ must hold generic machinery only:
an example in a comment, a docstring or a word-list description is invented (某某 placeholders, made-up
names), never copied from ``tests/data/genre/**/*.txt`` or ``kg/data/samples/*.txt``.

The check: every run of at least ``MIN_RUN`` Han characters (after OpenCC t2s) in a Python comment or
string literal of ``kg/**/*.py``, or in the prose of ``ontology/*.ttl`` (``#`` comments, descriptions,
definitions, English labels), fails when any ``MIN_RUN``-character stretch of it also occurs in one of those
texts, unless that stretch lies inside a phrase of ``ALLOWED``. 某 (the placeholder) splits runs.

Word entries (``skos:prefLabel``/``skos:altLabel``/``rdfs:label`` literals tagged ``@zh``) are not
checked: they are the generic vocabulary the extractor matches, which texts of the genre use by design.
"""

from __future__ import annotations

import io
import re
import tokenize
from functools import cache
from pathlib import Path

import opencc
import pytest
from rdflib import RDFS, Graph, Literal
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parents[1]
MIN_RUN = 6
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
PLACEHOLDER = "某"

# Generic phrases of the genre that any governance text uses (national slogans, statutory terms); a
# code comment may name them although a test text uses them too. Keep this short: rewrite an example
# rather than adding it here.
ALLOWED: tuple[str, ...] = (
    "基层群众自治组织",  # statutory term (Constitution art. 111); also the rdfs:label of the ontology class
    "共建共治共享的社会治理格局",  # national slogan of the genre
    "基层治理体系和治理能力现代化",  # national slogan of the genre
)

_T2S = opencc.OpenCC("t2s")
WORD_ENTRY_PREDICATES = {SKOS.prefLabel, SKOS.altLabel, RDFS.label}


def _texts() -> dict[str, str]:
    paths = sorted((ROOT / "tests/data/genre").rglob("*.txt")) + sorted(
        (ROOT / "kg/data/samples").glob("*.txt")
    )
    return {str(p.relative_to(ROOT)): _T2S.convert(p.read_text(encoding="utf-8")) for p in paths}


@cache
def _text_windows() -> dict[str, set[str]]:
    """Every MIN_RUN-character stretch of Han text in the test texts, with the texts holding it."""
    found: dict[str, set[str]] = {}
    for name, text in _texts().items():
        for run in HAN_RUN.findall(text):
            for i in range(len(run) - MIN_RUN + 1):
                found.setdefault(run[i : i + MIN_RUN], set()).add(name)
    return found


def _python_prose(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every comment and string literal of a Python file."""
    kinds = {tokenize.COMMENT, tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    source = path.read_text(encoding="utf-8")
    return [
        (tok.start[0] + offset, line)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type in kinds
        for offset, line in enumerate(tok.string.splitlines())
    ]


_TTL_NON_COMMENT = re.compile(r'<[^>]*>|"(?:[^"\\]|\\.)*"')


def _ttl_prose(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the ``#`` comments and of every literal that is not a zh word entry."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        masked = _TTL_NON_COMMENT.sub(lambda m: " " * len(m.group()), line)
        if "#" in masked:
            out.append((number, line[masked.index("#") :]))
    graph = Graph().parse(path, format="turtle")
    lines = path.read_text(encoding="utf-8").splitlines()
    for _s, pred, obj in graph:
        if not isinstance(obj, Literal) or not HAN_RUN.search(str(obj)):
            continue
        if pred in WORD_ENTRY_PREDICATES and (obj.language or "").startswith("zh"):
            continue
        number = next((n for n, line in enumerate(lines, 1) if str(obj)[:40] in line), 0)
        out.append((number, str(obj)))
    return out


def _sources() -> list[tuple[str, int, str]]:
    rows = [
        (str(p.relative_to(ROOT)), n, s)
        for p in sorted((ROOT / "kg").rglob("*.py"))
        for n, s in _python_prose(p)
    ]
    rows += [
        (str(p.relative_to(ROOT)), n, s)
        for p in sorted((ROOT / "ontology").glob("*.ttl"))
        for n, s in _ttl_prose(p)
    ]
    return rows


def _allowed(run: str, start: int) -> bool:
    """Whether the stretch of ``run`` at ``start`` lies inside an occurrence of an allowed phrase."""
    end = start + MIN_RUN
    for phrase in ALLOWED:
        at = run.find(phrase)
        while at >= 0:
            if at <= start and end <= at + len(phrase):
                return True
            at = run.find(phrase, at + 1)
    return False


def copied_stretches(prose: str) -> list[tuple[str, list[str]]]:
    """Maximal stretches (>= MIN_RUN Han characters) of ``prose`` found in a test text, with those texts."""
    windows = _text_windows()
    hits: list[tuple[str, list[str]]] = []
    for piece in HAN_RUN.findall(_T2S.convert(prose)):
        for run in piece.split(PLACEHOLDER):
            start = 0
            while start + MIN_RUN <= len(run):
                window = run[start : start + MIN_RUN]
                if window not in windows or _allowed(run, start):
                    start += 1
                    continue
                end = start + MIN_RUN
                while end < len(run) and run[end - MIN_RUN + 1 : end + 1] in windows:
                    end += 1
                texts = sorted(
                    {t for i in range(start, end - MIN_RUN + 1) for t in windows[run[i : i + MIN_RUN]]}
                )
                hits.append((run[start:end], texts))
                start = end
    return hits


def test_check_catches_a_copied_phrase_and_spares_invented_ones() -> None:
    """The check itself can fail: a stretch of a test text is found, traditional script included."""
    name, text = next(iter(_texts().items()))
    run = max(HAN_RUN.findall(text), key=len)
    assert len(run) >= MIN_RUN, name
    copied = run[:MIN_RUN]
    assert copied_stretches(f"# e.g. {copied}") != []
    assert copied_stretches(opencc.OpenCC("s2t").convert(copied)) != []
    assert copied_stretches("确保老人就医有保障、办证不跑腿") == []
    assert copied_stretches("某某共建共治共享的社会治理格局") == []


def test_no_test_text_phrase_in_code_or_ontology() -> None:
    problems = [
        f"{path}:{line}: {stretch!r} (in {', '.join(texts)})"
        for path, line, prose in _sources()
        for stretch, texts in copied_stretches(prose)
    ]
    if problems:
        pytest.fail(f"{len(problems)} phrases of the test texts in kg/ or ontology/:\n" + "\n".join(problems))
