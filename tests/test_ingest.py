"""Ingest: decoding, offset-keeping normalisation, metadata, markup stripping."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.ingest import InputError, decode, extract_metadata, from_text, normalise, read_document
from kg.markup import html_to_text, markdown_to_text


def _maps_back(text: str) -> None:
    norm, starts, ends = normalise(text)
    assert len(norm) == len(starts) == len(ends)
    for i, c in enumerate(norm):
        piece = text[starts[i]:ends[i]]
        assert piece, (i, c)
        assert 0 <= starts[i] < ends[i] <= len(text)
        if i:
            assert starts[i] >= starts[i - 1]


# -- normalisation --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("省委，省政府（试行）：", "省委,省政府(试行):"),              # full-width punctuation -> half-width
    ("覆盖率达１００％", "覆盖率达100%"),                        # full-width digits and percent
    ("ＡＢＣ社区", "ABC社区"),                                   # full-width Latin
    ("社會組織參與基層治理", "社会组织参与基层治理"),              # traditional -> simplified
    ("鄉鎮(街道)黨委", "乡镇(街道)党委"),
    ("　　坚持党建引领。\r\n", "坚持党建引领。\n"),               # indentation and CRLF
    ("第一行\r第二行", "第一行\n第二行"),                         # a lone CR is a line break
    ("社 会 组 织", "社会组织"),                                 # letter-spaced characters
    ("中共某省委办公厅　某省人民政府办公厅", "中共某省委办公厅 某省人民政府办公厅"),  # two names
    ("Integrated  Urban   Management", "Integrated Urban Management"),
    ("IoT 感知设备", "IoT 感知设备"),
    ("一、 总体目标", "一、总体目标"),                           # space after punctuation
    ("零宽\u200b字符\ufeff", "零宽字符"),                        # format characters dropped
])
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text)[0] == expected
    _maps_back(text)


def test_every_normalised_character_maps_to_the_original() -> None:
    text = "　各市、县（市、区）人民政府：\r\n《關於加強社區治理的意見》已經省政府同意，現印發給你們。\n覆蓋率達９５．５％以上"
    norm, starts, ends = normalise(text)
    for i, c in enumerate(norm):
        piece = text[starts[i]:ends[i]]
        assert piece.strip() or (c == "\n" and piece in ("\n", "\r\n", "\r")), (i, c, piece)
    doc = from_text(text)
    a = doc.norm.index("关于加强社区治理的意见")
    span = doc.span(a, a + len("关于加强社区治理的意见"))
    assert span.quote == "關於加強社區治理的意見" == text[span.start:span.end]
    b = doc.norm.index("95.5%")
    assert doc.span(b, b + 5).quote == "９５．５％"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("社區治理省委，。（）１２％ \t\r\n　abcＡ之")), max_size=40))
def test_offsets_hold_for_any_text(text: str) -> None:
    _maps_back(text)


def _reference_normalise(text: str) -> tuple[str, list[int], list[int]]:
    """The normalisation spelt out one character at a time (NFKC per character, white space rules), before
    the traditional -> simplified conversion: what the run-wise implementation must equal."""
    import unicodedata

    from kg.ingest import _DROP, _separates

    out, starts, ends = [], [], []
    n, skip_to = len(text), 0
    for i, ch in enumerate(text):
        if i < skip_to:
            continue
        if ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                continue
            out.append("\n"), starts.append(i), ends.append(i + 1)
            continue
        if ch.isspace():
            j = i
            while j < n and text[j].isspace() and text[j] not in "\r\n":
                j += 1
            skip_to = j
            if "\t" in text[i:j]:  # a tab separates the cells of a table: one tab, whatever is around it
                out.append("\t"), starts.append(i), ends.append(j)
            elif _separates(text, i, j, out[-1] if out else ""):
                out.append(" "), starts.append(i), ends.append(j)
            continue
        if unicodedata.category(ch) in _DROP and ch != "\t":
            continue
        for c in unicodedata.normalize("NFKC", ch) if not "\u4e00" <= ch <= "\u9fff" else ch:
            out.append(c), starts.append(i), ends.append(i + 1)
    return "".join(out), starts, ends


_TRICKY = list("社區治理省委，。、：；！？（）【】《》“”‘’—…·１２３％．ａＡｶﾞ〜～〃〆\u303f\u3031 \t\r\n　abc12.%ﬁ①㍻"
               "\u200b\u00ad\ufeff\x00\x07") + ["\r\n"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TRICKY), max_size=40).map("".join))
@example("３\u30001；社会")  # a space between full-width digits: decided on the normalised digits
@example("ＡＢ　ｃｄ")
@example("１ 2")
def test_normalise_equals_the_character_by_character_definition(text: str) -> None:
    from kg.ingest import _t2s

    norm, starts, ends = normalise(text)
    ref, ref_starts, ref_ends = _reference_normalise(text)
    conv = _t2s()
    if conv is not None:  # as normalise does: the whole text, or character by character if its length changes
        whole = conv.convert(ref)
        ref = whole if len(whole) == len(ref) else "".join(
            c2 if len(c2 := conv.convert(c)) == 1 else c for c in ref)
    assert (norm, list(starts), list(ends)) == (ref, ref_starts, ref_ends)


def test_normalise_equals_the_definition_on_every_bmp_character() -> None:
    text = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)
    norm, starts, ends = normalise(text)
    ref, ref_starts, ref_ends = _reference_normalise(text)
    assert (len(norm), list(starts), list(ends)) == (len(ref), ref_starts, ref_ends)


# -- decoding -------------------------------------------------------------------------------------------
def test_decode_utf8_with_and_without_bom() -> None:
    assert decode("省委".encode()) == "省委"
    assert decode(codecs.BOM_UTF8 + "省委".encode()) == "省委"
    assert decode("省委".encode("utf-16")) == "省委"


def test_decode_unambiguous_gb18030() -> None:
    text = "各市人民政府、省各有关部门：现将基层治理工作要点印发给你们，请认真贯彻落实。" * 3
    assert decode(text.encode("gb18030")) == text


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"%PDF-1.4 ...", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"abc\x00def", "binary"),
])
def test_decode_refuses_non_text(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        decode(data, name="x")
    assert "\n" not in str(err.value)


def test_decode_unknown_encoding_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", encoding="no-such-codec")


def test_read_document(tmp_path) -> None:
    p = tmp_path / "notice.txt"
    p.write_text("某省民政厅关于加强社区治理的意见\n某民发〔2023〕7号\n各市民政局：\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.meta.source == str(p)
    assert doc.meta.document_number == "某民发〔2023〕7号"
    assert doc.meta.title == "某省民政厅关于加强社区治理的意见"
    with pytest.raises(InputError, match="no such|cannot read"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        read_document(tmp_path / "blank.txt")


# -- metadata -------------------------------------------------------------------------------------------
def test_metadata_from_a_notice() -> None:
    text = ("浙江省人民政府办公厅关于印发某某实施方案的通知\n浙政办发〔2023〕15号\n各市、县(市、区)人民政府:\n"
            "……\n浙江省人民政府办公厅\n2023年3月20日\n")
    meta = extract_metadata(normalise(text)[0])
    assert meta.title == "浙江省人民政府办公厅关于印发某某实施方案的通知"
    assert meta.document_number == "浙政办发〔2023〕15号"
    assert meta.date == "2023-03-20"


def test_metadata_author_line() -> None:
    meta = extract_metadata("正文。\n(王某某,作者为某市民政局党组书记、局长)")
    assert meta.author == "王某某"
    assert meta.author_role == "某市民政局党组书记、局长"


def test_first_line_with_sentence_punctuation_is_no_title() -> None:
    assert extract_metadata("治国安邦,重在基层。后文。").title is None


# -- markup ---------------------------------------------------------------------------------------------
def test_html_to_text_keeps_blocks_and_drops_scripts() -> None:
    html = "<html><head><style>p{}</style></head><body><h1>标题</h1><p>省委<b>出台</b>意见</p>" \
           "<script>var x='省政府';</script><p>第二段</p></body></html>"
    assert html_to_text(html) == "标题\n省委出台意见\n第二段"


def test_markdown_to_text() -> None:
    md = "# 工作要点\n\n- **健全**[网格化管理](http://example.org)机制\n```\ncode\n```\n1. 完善制度"
    assert markdown_to_text(md) == "工作要点\n\n健全网格化管理机制\n\n完善制度"
