"""Bytes or a path -> :class:`kg.records.Document`: decode, normalise with an offset map, metadata.

Decoding is strict: UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such; other
encodings (GB18030/GBK, Big5) are detected only when the detection is unambiguous, otherwise the error
says which ``--encoding`` to pass. Binary files, empty files and files with no text are refused with
an :class:`InputError` whose message is one line.

Normalisation keeps offsets: every character of ``Document.norm`` records the span of the original
text it came from (``Document.starts``/``Document.ends``), so spans found in the normalised text map
back exactly (``text[start:end]`` is the quote).
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import logging
import os
import re
import unicodedata
from array import array
from dataclasses import replace
from pathlib import Path

from kg.records import Document, DocumentMeta

__all__ = [
    "MAX_BYTES",
    "InputError",
    "decode",
    "extract_metadata",
    "from_text",
    "normalise",
    "read_document",
]

log = logging.getLogger(__name__)

#: refuse files larger than this (bytes) unless the caller raises the limit
MAX_BYTES = 64 * 1024 * 1024

_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx?)", b"\xd0\xcf\x11\xe0": "an OLE file (doc/xls?)",
    b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable",
}


class InputError(ValueError):
    """A file that cannot be read as text; ``str(err)`` is a one-line message for the user."""


def decode(data: bytes, *, encoding: str | None = None, name: str = "<input>") -> str:
    """Decode ``data`` to text, refusing binary data and ambiguous encodings."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    if encoding:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib ...
            raise InputError(f"{name}: {encoding!r} is not a text encoding")
        try:
            text = data.decode(encoding)
        except UnicodeError as exc:  # idna and punycode raise plain UnicodeError
            raise InputError(f"{name}: not valid {encoding} at byte {getattr(exc, 'start', 0)}") from None
        return text.lstrip("\ufeff")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text file")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary data (NUL bytes), not a text file; for UTF-16 without BOM "
                         "pass --encoding utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _guess(data, name, exc.start)


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {enc} at byte {exc.start}") from None


def _guess(data: bytes, name: str, bad: int) -> str:
    """Try GB18030 and Big5; accept only when exactly one decodes to mostly CJK text."""
    ok = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
        other = sum(1 for c in text if not (c.isprintable() or c in "\r\n\t"))
        if han >= 0.3 * max(1, len(text.strip())) and other == 0:
            ok.append((enc, text))
    if len(ok) == 1:
        log.warning("%s: not UTF-8; decoded as %s", name, ok[0][0])
        return ok[0][1]
    if not ok and data.decode("utf-8", "replace").count("\ufffd") * 20 < len(data):
        raise InputError(f"{name}: not valid UTF-8 at byte {bad}, though nearly all of it is UTF-8 (a damaged "
                         "file?); if it is GB18030 or Big5, pass --encoding")
    hint = " or ".join(e for e, _ in ok) if ok else "gb18030 or big5"
    raise InputError(f"{name}: not UTF-8 (invalid byte at {bad}); pass --encoding ({hint})")


def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - a dependency
        log.warning("opencc missing: traditional characters are not converted")
        return None
    for cfg in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(cfg)
        except Exception as exc:  # noqa: BLE001 - OpenCC's config names differ between its packagings
            log.debug("opencc config %s: %s", cfg, exc)
    return None


_CONVERTER = None


def _word_char(c: str) -> bool:
    return c.isalnum() or "\u3400" <= c <= "\u9fff"


def _separates(text: str, i: int, j: int, prev: str) -> bool:
    """Whether the white space ``text[i:j]`` separates two words (kept as one space)."""
    n = len(text)
    nxt = text[j] if j < n else ""
    if not (prev and nxt and _word_char(prev) and _word_char(nxt)):
        return False
    if prev.isascii() and nxt.isascii():
        return True
    # letter-spaced text: single characters each standing between spaces
    before = text[i - 2] if i >= 2 else "\n"
    after = text[j + 1] if j + 1 < n else "\n"
    return not (before.isspace() or after.isspace())
_DROP = {"Cc", "Cs", "Co", "Cn", "Cf"}


@functools.lru_cache(maxsize=1)
def _plain() -> tuple[re.Pattern, dict[str, str]]:
    """Characters that normalisation maps one to one (CJK ideographs and printable ASCII stay as they are;
    CJK and full-width punctuation become their NFKC form): a pattern for runs of them, and the characters
    NFKC changes with what they become (an NFKC form is never one of them, so the mapping can be applied
    to the whole normalised text)."""
    table = {}
    for lo, hi in ((0x3001, 0x303F), (0xFF01, 0xFF5E)):
        for cp in range(lo, hi + 1):
            c = chr(cp)
            nf = unicodedata.normalize("NFKC", c)
            if len(nf) == 1 and not c.isspace() and unicodedata.category(c) not in _DROP:
                table[c] = nf
    pattern = re.compile("[\u4e00-\u9fff!-~" + re.escape("".join(table)) + "]+")
    return pattern, {c: nf for c, nf in table.items() if nf != c}


def normalise(text: str) -> tuple[str, array, array]:
    r"""NFKC, traditional -> simplified, corner brackets as quotation marks (「」『』 -> “”), stray white space
    dropped; returns ``(norm, starts, ends)``.

    A run of white space inside a line becomes one space when it separates two words (Latin, digits or
    Chinese: 中共某市委办公室 某市政府办公室 names two issuers); it is dropped at the start or end of a
    line, next to punctuation, and between letter-spaced single characters (社 会 组 织).

    >>> norm, s, e = normalise("省委，省政府（试行）")
    >>> norm
    '省委,省政府(试行)'
    >>> norm, s, e = normalise("社會組織　服務")
    >>> norm, s[4], e[4]
    ('社会组织 服务', 4, 5)
    >>> normalise("　　社 会 组 织\r\n")[0]
    '社会组织\n'
    """
    global _CONVERTER
    out: list[str] = []  # pieces of the normalised text (never empty)
    starts, ends = array("q"), array("q")
    n = len(text)
    skip_to = 0
    pattern, table = _plain()
    plain = pattern.match
    index = array("q", range(n + 1))  # offsets to copy from, a run at a time
    i = 0
    while i < n:
        m = plain(text, i)  # a run of characters mapped one to one, taken whole
        if m:
            j = m.end()
            out.append(m.group())  # mapped below, on the whole text
            starts.extend(index[i:j])
            ends.extend(index[i + 1:j + 1])
            i = j
            continue
        ch = text[i]
        i += 1
        if i - 1 < skip_to:
            continue
        if ch == "\n" or ch == "\r":
            if ch == "\r" and i < n and text[i] == "\n":
                continue
            out.append("\n")
            starts.append(i - 1)
            ends.append(i)
            continue
        if ch.isspace():
            j = i - 1
            while j < n and text[j].isspace() and text[j] not in "\r\n":
                j += 1
            skip_to = j
            prev = table.get(out[-1][-1], out[-1][-1]) if out else ""  # the last character, normalised
            if "\t" in text[i - 1:j]:
                out.append("\t")  # a tab separates cells of a table, even between two Han characters
                starts.append(i - 1)
                ends.append(j)
            elif _separates(text, i - 1, j, prev):
                out.append(" ")
                starts.append(i - 1)
                ends.append(j)
            continue
        if unicodedata.category(ch) in _DROP and ch not in "\t":
            continue
        piece = unicodedata.normalize("NFKC", ch) if not ("\u4e00" <= ch <= "\u9fff") else ch
        for c in piece:
            out.append(c)
            starts.append(i - 1)
            ends.append(i)
    norm = "".join(out)
    for c in set(norm).intersection(table):  # characters of the runs that NFKC changes (，-> ,); one to one
        norm = norm.replace(c, table[c])
    if _CONVERTER is None:
        _CONVERTER = _t2s() or False
    if _CONVERTER:
        converted = _CONVERTER.convert(norm)
        if len(converted) == len(norm):
            norm = converted
        else:  # phrase conversion changed the length: convert character by character
            norm = "".join(c2 if len(c2 := _CONVERTER.convert(c)) == 1 else c for c in norm)
    return norm.translate(_QUOTES), starts, ends


#: corner brackets (「」, 『』: the quotation marks of traditional and Japanese text) become the quotation marks
#: of simplified text, one character for one, so that every rule on “” reads them too
_QUOTES = str.maketrans("「」『』", "“”“”")

_AUTHOR = re.compile(r"[(（]\s*([\u4e00-\u9fff·]{2,5})\s*[,，]\s*作者(?:为|是|系|:|：)?\s*([^()（）\n]{2,60})[)）]")
_AUTHOR2 = re.compile(r"(?:^|\n)\s*(?:作者|文/|撰稿)[:：/]?\s*([\u4e00-\u9fff·]{2,5})")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def extract_metadata(text: str, meta: DocumentMeta | None = None) -> DocumentMeta:
    """Fill title, author, document number and date from the text where it states them."""
    meta = meta or DocumentMeta()
    changes: dict[str, str] = {}
    m = _AUTHOR.search(text)
    if m and not meta.author:
        changes["author"], changes["author_role"] = m.group(1), m.group(2).strip()
    elif (m2 := _AUTHOR2.search(text)) and not meta.author:
        changes["author"] = m2.group(1)
    d = _DOCNO.search(text)
    if d and not meta.document_number:
        changes["document_number"] = re.sub(r"\s+", "", d.group(0))
    first = text.strip().split("\n", 1)[0].strip()
    if not meta.title and first and len(first) <= 60 and not re.search(r"[。,，;；]", first):
        changes["title"] = first
    dt = _DATE.search(text)
    if dt and not meta.date:
        changes["date"] = f"{int(dt.group(1)):04d}-{int(dt.group(2)):02d}-{int(dt.group(3)):02d}"
    return replace(meta, **changes) if changes else meta


_SURROGATE = re.compile("[\ud800-\udfff]")


def from_text(text: str, *, meta: DocumentMeta | None = None, name: str = "<text>") -> Document:
    """Build a :class:`Document` from already decoded text."""
    if not text.strip():
        raise InputError(f"{name}: no text (the file holds only white space)")
    if _SURROGATE.search(text):  # only from odd codecs (utf-7, unicode_escape) or str built in Python
        log.warning("%s: lone surrogates replaced by U+FFFD", name)
        text = _SURROGATE.sub("\ufffd", text)  # one character for one: offsets stay the same
    norm, starts, ends = normalise(text)
    if not norm.strip():
        raise InputError(f"{name}: no readable text (only control characters)")
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    meta = extract_metadata(norm, meta)
    return Document(id=sha[:16], text=text, norm=norm, starts=starts, ends=ends, sha256=sha, meta=meta)


def read_document(path: str | os.PathLike, *, encoding: str | None = None, meta: DocumentMeta | None = None,
                  max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and normalise one file."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError(f"{name}: is a directory")
        if size > max_bytes:
            raise InputError(f"{name}: {size / 1e6:.1f} MB is over the limit of {max_bytes / 1e6:.0f} MB "
                             "(raise it with --max-mb)")
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, encoding=encoding, name=name)
    if p.suffix.lower() in (".html", ".htm"):
        from kg.markup import html_to_text

        text = html_to_text(text)
    elif p.suffix.lower() == ".md":
        from kg.markup import markdown_to_text

        text = markdown_to_text(text)
    meta = replace(meta or DocumentMeta(), source=name)
    return from_text(text, meta=meta, name=name)
