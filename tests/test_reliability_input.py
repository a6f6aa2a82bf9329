"""Bad and odd input files through the real ``govkg build`` console script (issues 2 and 8).

Every refusal must be ONE line on stderr naming the file and the problem, a non-zero exit, no traceback,
and the previous outputs in ``--out`` left exactly as they were (no temporary files). Every input that
works must give a graph whose provenance selectors slice back to the decoded text. Where a case works,
its graph is compared with the graph the library builds in-process from the same decoded text, so that
"works" means "decoded right", not merely "exit 0".
"""

from __future__ import annotations

import codecs
import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from commands import govkg_command
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, RDF

from kg.ingest import normalise
from kg.vocab import GOV

OA = Namespace("http://www.w3.org/ns/oa#")

# one generic governance paragraph, simplified and traditional (not from the bundled sample)
SIMPLIFIED = ("江苏省委、省政府印发《关于加强基层治理体系建设的意见》，推动社会组织参与社区治理。\n"
              "全省建成城乡社区综合服务站1.2万个，覆盖率达到97.5%。\n")
TRADITIONAL = ("江蘇省委、省政府印發《關於加強基層治理體系建設的意見》，推動社會組織參與社區治理。\n"
               "全省建成城鄉社區綜合服務站1.2萬個，覆蓋率達到97.5%。\n")
# GBK bytes of this text also decode as Big5 into Chinese characters: the guess is ambiguous
AMBIGUOUS = "江苏省委出台意见，省政府推动社会治理。\n中共中央国务院领导下的委员会发展建设。\n"
PRIOR = {"govkg.ttl": b"# previous turtle\n", "govkg.jsonld": b"{}\n", "govkg.html": b"<p>previous</p>\n"}


GOVKG = govkg_command()


def govkg(*args, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "100"}
    return subprocess.run([*GOVKG, *map(str, args)], check=False, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def png_bytes() -> bytes:
    """A real 1x1 greyscale PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def prior_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in PRIOR.items():
        (out / name).write_bytes(data)
    return dict(PRIOR)


def folder_state(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else {}


def assert_refused(proc: subprocess.CompletedProcess, *fragments: str, code: int = 1) -> str:
    """One ``error:`` line on stderr that names every fragment; exit ``code``; no traceback."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), lines[0]
    for f in fragments:
        assert f in lines[0], (f, lines[0])
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    return lines[0]


def selector_pairs(g: Graph):
    """``(document, start, end, exact)`` of every oa:SpecificResource."""
    for target in set(g.subjects(RDF.type, OA.SpecificResource)):
        doc = g.value(target, OA.hasSource)
        sels = list(g.objects(target, OA.hasSelector))
        pos = [s for s in sels if (s, RDF.type, OA.TextPositionSelector) in g]
        quote = [s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in g]
        assert len(pos) == 1 and len(quote) == 1, target
        p, q = pos[0], quote[0]
        assert g.value(q, OA.prefix) is None and g.value(q, OA.suffix) is None  # gov:sentence is the context
        yield doc, int(g.value(p, OA.start)), int(g.value(p, OA.end)), str(g.value(q, OA.exact))


def assert_selectors_slice(g: Graph, texts: dict[str, str]) -> int:
    """Every selector pair slices back to its quote in the decoded text of its document, and every
    mention's gov:sentence is a stretch of that text around its quote."""
    n = 0
    spans = {}
    for doc, start, end, exact in selector_pairs(g):
        text = texts[str(g.value(doc, DCTERMS.source))]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == exact
        spans[(doc, start, end)] = text
        n += 1
    for target, sentence in ((g.value(m, OA.hasTarget), str(s)) for m, s in g.subject_objects(GOV.sentence)):
        pos = next(s for s in g.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g)
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
        text = spans[(g.value(target, OA.hasSource), start, end)]
        assert any(text.startswith(sentence, a) for a in range(max(0, end - len(sentence)), start + 1))
    return n


def assert_built(proc: subprocess.CompletedProcess, out: Path) -> Graph:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert "error:" not in proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.endswith(".tmp")], names
    assert "govkg.ttl" in names and "govkg.jsonld" in names
    g = Graph().parse(out / "govkg.ttl", format="turtle")
    assert len(g) > 0
    return g


def without_sources(g: Graph) -> set:
    return {t for t in g if t[1] != DCTERMS.source}


@pytest.fixture(scope="module")
def library_graph():
    """The graph the library builds in-process for decoded text (what the CLI must reproduce)."""
    from kg.ingest import from_text
    from kg.pipeline import extract_document, graph_of
    from kg.records import DocumentMeta

    def build(text: str, source: str) -> Graph:
        doc = from_text(text, meta=DocumentMeta(source=source), name=source)
        return graph_of([extract_document(doc)])

    return build


# -- refused, one line, previous outputs untouched --------------------------------------------------------

REFUSED = {
    "empty": ("empty.txt", b"", ("empty.txt", "empty")),
    "whitespace": ("blank.txt", " \n\t \r\n\u3000\n".encode(), ("blank.txt", "white space")),
    "png named .png": ("scan.png", png_bytes(), ("scan.png", "PNG image")),
    "png named .txt": ("scan.txt", png_bytes(), ("scan.txt", "PNG image")),
    "pdf": ("policy.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ("policy.txt", "PDF")),
    "only controls": ("controls.txt", bytes(range(1, 9)) + b"\x0e\x1f\x7f", ("controls.txt", "control characters")),
    "NUL bytes": ("nul.txt", "江苏省委".encode() + b"\x00\x00" + "出台意见".encode(), ("nul.txt", "binary")),
    "ambiguous GBK/Big5": ("gbk.txt", AMBIGUOUS.encode("gbk"), ("gbk.txt", "--encoding", "gb18030", "big5")),
    "damaged UTF-8": ("damaged.txt", SIMPLIFIED.encode()[:40] + b"\xed\xa0\x80\xff" + SIMPLIFIED.encode()[40:],
                      ("damaged.txt", "not valid UTF-8")),
    "UTF-16 with a lone surrogate": ("u16.txt", codecs.BOM_UTF16_LE + "江苏省委\ud800出台".encode("utf-16-le", "surrogatepass"),
                                     ("u16.txt", "not valid utf-16")),
    "HTML with only a script": ("page.html", b"<html><script>var x='\xe6\xb1\x9f';</script></html>",
                                ("page.html", "no text")),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_bad_file_is_refused_in_one_line_and_outputs_survive(tmp_path: Path, case: str) -> None:
    name, data, fragments = REFUSED[case]
    (tmp_path / name).write_bytes(data)
    before = prior_outputs(tmp_path / "out")
    proc = govkg("build", name, "-o", "out", cwd=tmp_path)
    assert_refused(proc, *fragments)
    assert folder_state(tmp_path / "out") == before


def test_refusal_creates_no_output_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = govkg("build", "empty.txt", "-o", "fresh", cwd=tmp_path)
    assert_refused(proc, "empty.txt", "empty")
    assert not list(tmp_path.glob("fresh/govkg.*")) and not list(tmp_path.glob("fresh/.govkg*"))


def test_missing_file_is_named(tmp_path: Path) -> None:
    before = prior_outputs(tmp_path / "out")
    proc = govkg("build", "nowhere.txt", "-o", "out", cwd=tmp_path)
    assert_refused(proc, "nowhere.txt", "no such file")
    assert folder_state(tmp_path / "out") == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    proc = govkg("build", "pipe.txt", "-o", "out", cwd=tmp_path, timeout=60)  # reading it would block forever
    assert_refused(proc, "pipe.txt", "not a regular file")
    assert not (tmp_path / "out").exists()


def test_50_mb_file_is_refused_by_the_default_limit(tmp_path: Path) -> None:
    """Extraction runs at thousands of characters a second, so the default --max-mb (10) refuses a
    50 MB text before reading it, and says how to raise the limit."""
    line = ("推动社会组织参与社区治理" * 40 + "。\n").encode()
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.writelines(line for _ in range(50 * 1024 * 1024 // len(line) + 1))
    assert (tmp_path / "huge.txt").stat().st_size > 50 * 1024 * 1024
    before = prior_outputs(tmp_path / "out")
    proc = govkg("build", "huge.txt", "-o", "out", cwd=tmp_path, timeout=60)
    assert_refused(proc, "huge.txt", "over the limit", "--max-mb")
    assert folder_state(tmp_path / "out") == before


def test_max_mb_applies_to_small_files_too(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SIMPLIFIED * 20, encoding="utf-8")
    proc = govkg("build", "a.txt", "--max-mb", "0.001", "-o", "out", cwd=tmp_path)
    assert_refused(proc, "a.txt", "over the limit")


# -- options: usage errors (exit 2) -----------------------------------------------------------------------

OPTION_ERRORS = {
    "max-mb nan": (["--max-mb", "nan"], ("--max-mb",)),
    "max-mb inf": (["--max-mb", "inf"], ("--max-mb",)),
    "max-mb zero": (["--max-mb", "0"], ("--max-mb",)),
    "unknown encoding": (["--encoding", "klingon-8"], ("--encoding", "klingon-8", "unknown")),
    "binary codec": (["--encoding", "base64"], ("--encoding", "base64", "not a text encoding")),
    "str codec": (["--encoding", "rot13"], ("--encoding", "rot13", "not a text encoding")),
    "missing config": (["--config", "nope.cfg"], ("nope.cfg", "no such config")),
    "broken config": (["--config", "broken.cfg"], ("broken.cfg", "cannot build the pipeline")),
    "out is a file": (["-o", "a.txt"], ("a.txt", "not a folder")),
}


@pytest.mark.parametrize("case", list(OPTION_ERRORS), ids=list(OPTION_ERRORS))
def test_bad_option_value_is_a_one_line_usage_error(tmp_path: Path, case: str) -> None:
    args, fragments = OPTION_ERRORS[case]
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "broken.cfg").write_text("[nlp\nlang = zh\n[components.x]\nfactory = \"no_such_factory\"\n")
    before = prior_outputs(tmp_path / "out")
    out_args = [] if "-o" in args else ["-o", "out"]
    proc = govkg("build", "a.txt", *args, *out_args, cwd=tmp_path)
    assert_refused(proc, *fragments, code=2)
    assert folder_state(tmp_path / "out") == before
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == SIMPLIFIED


@pytest.mark.parametrize(("args", "named"), [(["--no-such-option"], "--no-such-option"),
                                             (["--max-mb", "lots"], "--max-mb"), (["--html", "--xml"], "--xml"),
                                             (["--encoding"], "--encoding")],
                         ids=["unknown option", "not a number", "unknown flag", "missing value"])
def test_invalid_cli_option_is_a_usage_error_without_traceback(tmp_path: Path, args: list[str], named: str) -> None:
    """Typer/click usage errors: exit 2 and a short usage panel (several lines) naming the option."""
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    before = prior_outputs(tmp_path / "out")
    proc = govkg("build", "a.txt", "-o", "out", *args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert named in proc.stderr
    assert folder_state(tmp_path / "out") == before


# -- inputs that work -------------------------------------------------------------------------------------

# every file decodes (auto-detected) to its own text; a distinct last line keeps the documents apart
AUTO_DETECTED = {
    "bom.txt": (lambda t: codecs.BOM_UTF8 + t.encode(), SIMPLIFIED),
    "utf16le.txt": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), SIMPLIFIED),
    "utf16be.txt": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), SIMPLIFIED),
    "gbk.txt": (lambda t: t.encode("gbk"), SIMPLIFIED),
    "big5.txt": (lambda t: t.encode("big5"), TRADITIONAL),
    "crlf.txt": (lambda t: t.replace("\n", "\r\n").encode(), SIMPLIFIED),
    "plain.txt": (lambda t: t.encode(), SIMPLIFIED),
}


def _texts(cases: dict) -> dict[str, str]:
    out = {}
    for i, (name, (_, base)) in enumerate(cases.items()):
        text = base + f"附件{i + 1}。\n"
        out[name] = text.replace("\n", "\r\n") if name == "crlf.txt" else text
    return out


def assert_same_as_library(g: Graph, texts: dict[str, str], library_graph, prefix: str = "") -> None:
    """The CLI graph is exactly the union of the library's graphs of the decoded texts."""
    expected: set = set()
    for name, text in texts.items():
        one = without_sources(library_graph(text, prefix + name))
        missing = one - without_sources(g)
        assert not missing, (name, sorted(missing)[:3])
        expected |= one
    assert without_sources(g) == expected


def test_encodings_are_detected_and_decoded(tmp_path: Path, library_graph) -> None:
    """UTF-8 with BOM, UTF-16 LE/BE with BOM, GBK and Big5 without any option, CRLF line ends."""
    texts = _texts(AUTO_DETECTED)
    (tmp_path / "docs").mkdir()
    for name, (encode, _) in AUTO_DETECTED.items():
        raw = texts[name].replace("\r\n", "\n") if name == "crlf.txt" else texts[name]
        (tmp_path / "docs" / name).write_bytes(encode(raw))
    proc = govkg("build", "docs", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    assert "skipped" not in proc.stderr, proc.stderr
    assert assert_selectors_slice(g, {f"docs/{n}": t for n, t in texts.items()}) > 0
    assert len(set(g.subjects(RDF.type, GOV.Document))) == len(texts)
    assert_same_as_library(g, texts, library_graph, "docs/")
    assert len(set(g.subjects(RDF.type, GOV.Actor))) > 0


def test_encoding_option_decodes_what_detection_cannot(tmp_path: Path, library_graph) -> None:
    """The ambiguous GBK text (refused without the option) and CJK extension B (four-byte GB18030)."""
    texts = {"ambiguous.txt": AMBIGUOUS, "extension-b.txt": SIMPLIFIED + "𠀀𠀁㐀字。\n"}
    (tmp_path / "docs").mkdir()
    for name, text in texts.items():
        (tmp_path / "docs" / name).write_bytes(text.encode("gb18030"))
    proc = govkg("build", "docs", "--encoding", "gb18030", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    assert assert_selectors_slice(g, {f"docs/{n}": t for n, t in texts.items()}) > 0
    assert_same_as_library(g, texts, library_graph, "docs/")


def test_traditional_characters_give_the_same_entities_as_simplified(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "simplified.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "docs" / "traditional.txt").write_text(TRADITIONAL, encoding="utf-8")
    proc = govkg("build", "docs", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    texts = {"docs/simplified.txt": SIMPLIFIED, "docs/traditional.txt": TRADITIONAL}
    assert assert_selectors_slice(g, texts) > 0
    docs = {str(g.value(d, DCTERMS.source)): d for d in g.subjects(RDF.type, GOV.Document)}
    assert set(docs) == set(texts)

    def entities(doc) -> set:  # entity IRIs do not depend on the document; metric IRIs do
        return {(e, cls) for e in g.subjects(GOV.mentionedIn, doc) if "/doc/" not in str(e)
                for cls in g.objects(e, RDF.type)}

    def metrics(doc) -> list:
        return sorted(str(g.value(m, GOV.value)) for m in g.subjects(GOV.mentionedIn, doc) if "/doc/" in str(m))

    simplified, traditional = entities(docs["docs/simplified.txt"]), entities(docs["docs/traditional.txt"])
    assert simplified and simplified == traditional  # same IRIs (labels are simplified) and same classes
    assert metrics(docs["docs/simplified.txt"]) == metrics(docs["docs/traditional.txt"]) != []

    def quotes(doc) -> list[str]:
        return sorted(str(g.value(s, OA.exact)) for t in g.subjects(OA.hasSource, doc)
                      for s in g.objects(t, OA.hasSelector) if g.value(s, OA.exact) is not None)

    simplified_quotes, traditional_quotes = quotes(docs["docs/simplified.txt"]), quotes(docs["docs/traditional.txt"])
    assert simplified_quotes != traditional_quotes  # each quote is its own document's text ...
    assert sorted(normalise(q)[0] for q in traditional_quotes) == sorted(normalise(q)[0] for q in simplified_quotes)


def test_mixed_chinese_and_english(tmp_path: Path, library_graph) -> None:
    text = ("The Jiangsu Provincial Party Committee (江苏省委) and the provincial government 省政府 support "
            "NGOs — 社会组织 — with RMB 2.6亿元 in 2023; see https://example.org/a_b?x=1&y=2 for details.\n"
            "“Five-society linkage” 五社联动机制 covers 97.5% of communities.\n")
    (tmp_path / "mixed.txt").write_text(text, encoding="utf-8")
    proc = govkg("build", "mixed.txt", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    assert assert_selectors_slice(g, {"mixed.txt": text}) > 0
    assert without_sources(g) == without_sources(library_graph(text, "mixed.txt"))
    assert "SHACL: conforms" in proc.stdout


def test_html_script_and_style_never_reach_the_graph(tmp_path: Path) -> None:
    page = ("<!DOCTYPE html><html><head><title>基层治理</title>"
            "<script>var 恶意脚本 = '江苏省纪委'; alert('网格化管理机制');</script>"
            "<style>p::before { content: '社区矫正委员会'; }</style></head><body>"
            f"<p>{SIMPLIFIED}</p>"
            "<SCRIPT type='text/javascript'>document.write('<p>城市大脑平台</p>')</SCRIPT>"
            "<noscript>请启用脚本</noscript><p>省民政厅&amp;省财政厅联合发文。</p></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    proc = govkg("build", "page.html", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    literals = " ".join(str(o) for o in g.objects() if isinstance(o, Literal))
    for hidden in ("恶意脚本", "江苏省纪委", "alert", "网格化管理机制", "社区矫正委员会", "城市大脑平台",
                   "document.write", "请启用脚本", "<script", "<p>"):
        assert hidden not in literals, hidden
    assert "江苏省委" in literals and "省民政厅&省财政厅" in literals


def test_control_characters_are_kept_in_quotes_and_never_crash(tmp_path: Path, library_graph) -> None:
    text = ("江苏省委\x01\x07出台\x0b\x0c意见\x7f\u200b\u202e，推动\x1b[31m社会组织\x1b[0m参与社区治理。\u2028"
            "省政府\x1c\x1d\x1e\x85\ufeff建成服务站1.2万个。\n")
    (tmp_path / "ctrl.txt").write_bytes(text.encode())
    proc = govkg("build", "ctrl.txt", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    assert assert_selectors_slice(g, {"ctrl.txt": text}) > 0
    assert without_sources(g) == without_sources(library_graph(text, "ctrl.txt"))
    assert Graph().parse(tmp_path / "out" / "govkg.jsonld", format="json-ld").isomorphic(g)


def test_lone_surrogates_from_an_escape_codec_become_replacement_characters(tmp_path: Path) -> None:
    """Lone surrogates can only come from codecs such as unicode_escape or utf-7: they are replaced by
    U+FFFD (one for one, so offsets hold) instead of being written as '?' or crashing the writer."""
    text = "江苏省委\ud800出台意见，推动社会组织\udfff参与社区治理。\n"
    (tmp_path / "esc.txt").write_text(text.encode("unicode_escape").decode("ascii"), encoding="ascii")
    proc = govkg("build", "esc.txt", "--encoding", "unicode_escape", "-o", "out", "--no-html", cwd=tmp_path)
    g = assert_built(proc, tmp_path / "out")
    replaced = text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert assert_selectors_slice(g, {"esc.txt": replaced}) > 0
    for name in ("govkg.ttl", "govkg.jsonld"):
        assert "\ufffd" in (tmp_path / "out" / name).read_text(encoding="utf-8")


def test_folder_with_unreadable_entries_skips_them_with_warnings(tmp_path: Path) -> None:
    """Root can read a chmod-000 file, so the unreadable entries are ones no user can read as text: a
    broken link, a FIFO, an image and an empty file (and a chmod-000 file, skipped when not root)."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "photo.txt").write_bytes(png_bytes())
    (d / "link.txt").symlink_to(d / "gone.txt")
    (d / "locked.txt").write_text(TRADITIONAL, encoding="utf-8")
    (d / "locked.txt").chmod(0)
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.txt")
    # the output folder sits inside the input folder: its previous govkg.html is not an input
    (d / "out").mkdir()
    (d / "out" / "govkg.html").write_text(f"<p>{TRADITIONAL}</p>", encoding="utf-8")
    proc = govkg("build", "docs", "-o", "docs/out", "--no-html", cwd=tmp_path, timeout=120)
    g = assert_built(proc, d / "out")
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    for name, problem in (("empty.txt", "empty"), ("photo.txt", "PNG"), ("link.txt", "broken"),
                          ("pipe.txt", "not a regular file")):
        if name == "pipe.txt" and not hasattr(os, "mkfifo"):
            continue
        assert any(name in w and problem in w for w in warnings), (name, proc.stderr)
    sources = {str(s) for s in g.objects(None, DCTERMS.source)}
    readable = os.access(d / "locked.txt", os.R_OK)
    assert sources == {"docs/good.txt"} | ({"docs/locked.txt"} if readable else set())
    if not readable:
        assert any("locked.txt" in w and "cannot read" in w for w in warnings)


def _one_line(size: int) -> str:
    """``size`` bytes on one line, no punctuation: random Chinese characters with a lexicon word (a name
    or a trigger) in place of about one character in twenty."""
    import random

    from kg.nlp.lexicon import load_default_lexicon

    lx = load_default_lexicon()
    words = sorted(w for w in [*lx.entries, *lx.triggers] if not any(c in w for c in "。!?;，,；！？()（）、\n"))
    rnd = random.Random(20)
    parts, n = [], 0
    while n < size:
        w = rnd.choice(words) if rnd.random() < 0.05 else chr(rnd.randint(0x4E00, 0x9FA5))
        parts.append(w)
        n += len(w.encode())
    return "".join(parts)


@pytest.mark.parametrize("size", [pytest.param(1_000_000, marks=pytest.mark.slow, id="1 MB"),
                                  pytest.param(100_000, id="100 kB")])
def test_one_long_line_without_punctuation_finishes(tmp_path: Path, size: int) -> None:
    """No sentence or chunk boundary to cut at: the extractor must cut the line itself (20 000-character
    chunks) and finish with exact quotes. 1 MB takes about a minute of CPU."""
    text = _one_line(size)
    assert not any(c in text for c in "。!?;\n")
    (tmp_path / "line.txt").write_text(text, encoding="utf-8")
    proc = govkg("build", "line.txt", "-o", "out", "--no-html", "--no-validate", cwd=tmp_path, timeout=900)
    g = assert_built(proc, tmp_path / "out")
    assert assert_selectors_slice(g, {"line.txt": text}) > size // 1000


def test_output_stays_proportional_to_input_on_a_long_line(library_graph) -> None:
    """The bundled sample gives about 45 bytes of Turtle per byte of text; a long line may give more
    mentions per byte, but not one copy of the line per mention."""
    from kg.rdf.serialize import to_turtle

    text = _one_line(25_000)
    turtle = to_turtle(library_graph(text, "line.txt"))
    assert len(turtle.encode()) < 100 * 25_000
