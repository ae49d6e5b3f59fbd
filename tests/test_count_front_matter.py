"""The fast front-matter reader `portal count` relies on must read exactly what PyYAML reads.

`parse_simple_front_matter` either returns PyYAML's answer or None (then PyYAML is used), and
`read_front_matter` finds the front matter in one pass over the text: both are checked against
the slow, obviously right path (a Python text file read line by line).
"""

from __future__ import annotations

import random

import pytest

from portal.front_matter import (
    FrontMatterError,
    parse_document,
    parse_simple_front_matter,
    parse_yaml,
    read_front_matter,
)
from portal.source_files import UnreadableFile


def _read_front_matter_text(path) -> dict:
    """The reference reader: Python's own text file (universal newlines), line by line."""
    with open(path, encoding="utf-8") as handle:
        first = handle.readline()
        if first.startswith("\ufeff"):
            first = first[1:]
        if first.rstrip("\r\n") != "---":
            return {}
        collected = []
        for line in handle:
            if line.rstrip("\r\n") in ("---", "..."):
                return parse_yaml("".join(collected))
            collected.append(line)
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed", 1)

TYPICAL = """title: Lãnh đạo Sở Ngoại vụ tiếp Đoàn đại biểu tỉnh Kanagawa
date: 2025-03-05T09:30:00+07:00
categories: [doi-ngoai, kinh-te-doi-ngoai]
summary: 'Chiều 5/3, tại trụ sở Sở, hai bên trao đổi về hợp tác.'
draft: false
"""

KEYS = ["title", "date", "categories", "draft", "summary", "yes", "null", "on", "a-b", "x_1", "_k", "1a", "ti tle", "ké", "-k"]
VALUES = [
    "", "Hello", "Lễ ký kết: hợp tác", "Lễ ký kết hợp tác", "'it''s'", "'a'b'", '"quoted"', '"with \\"escape\\""', '"a" b',
    "2025-03-05", "2025-03-05T09:30:00+07:00", "2025-03-05 08:15", "8:15", "08:15", "true", "True", "yes", "No", "off", "~",
    "null", "12", "1.5", ".inf", "0x1F", "[a, b]", "[]", "[ ]", "[a,]", "[a, [b]]", "[yes, no]", "[a b, c]", "[a:b]",
    "{a: 1}", "- x", "-x", "?x", ":x", "a #b", "a#b", "C# tips", "a:", "a: b", "|", ">", "&a x", "*a", "!tag x", "%x", "@x",
    "`x", "x\ty", "a\u00a0", "\u3000x", "한국어 제목", "海防市人民委员会", "x ] y", "a, b", "=", "<<", "'unterminated",
    '"unterminated', "'a' # c", '"a" #c', "[a] #c", "a\\b", "x\u2028y", "x\u0085y", "\ufeffx", "x\x07", "''", '""',
    "[~, null]", "[-a]", "[a , b ]", "'#x'", "x:y", ".", "-",
]
OTHER_LINES = ["- a", "  - a", "    - b", "- 'q'", '  - "d"', "  -", "  - a: b", "  - [x]", "  - yes", "  - 12", "# c",
               "  # c", "", "   ", "  continued", "\tx", "--- x", "-  a", " - ~", "-a", "- a #c"]


def test_typical_front_matter_takes_the_fast_path_and_equals_yaml():
    simple = parse_simple_front_matter(TYPICAL)
    assert simple is not None
    assert simple == parse_yaml(TYPICAL)
    assert simple["draft"] is False
    assert simple["date"] == "2025-03-05T09:30:00+07:00"  # timestamps stay text, as in the YAML loader


def test_block_lists_and_comments_take_the_fast_path():
    text = "# note for editors\ntitle: \"Hội nghị: xúc tiến đầu tư\"\ncategories:\n  - doi-ngoai\n  - thong-bao\ndraft: true\n"
    assert parse_simple_front_matter(text) == parse_yaml(text) == {
        "title": "Hội nghị: xúc tiến đầu tư", "categories": ["doi-ngoai", "thong-bao"], "draft": True}


@pytest.mark.parametrize("text", [
    "title: a\n  continued on the next line\n",     # a folded plain scalar
    "count: 12\n",                                    # an int: YAML decides
    "title: |\n  block\n",                            # block scalar
    "title: \"escaped \\\" quote\"\n",                # escapes
    "tags: {a: 1}\n",                                 # flow mapping
    "title: x\ty\n",                                  # a tab
])
def test_anything_unusual_is_left_to_yaml(text):
    assert parse_simple_front_matter(text) is None


def test_fast_reader_agrees_with_yaml_on_random_front_matter():
    """Differential test over lines built from YAML's corner cases: whenever the fast reader
    answers, PyYAML accepts the text and gives the same values of the same types."""
    rng = random.Random(20250305)
    answered = 0
    for _ in range(30_000):
        lines = []
        for _ in range(rng.randrange(0, 6)):
            if rng.random() < 0.6:
                key, value = rng.choice(KEYS), rng.choice(VALUES)
                separator = rng.choice([": ", ":", ":  ", " : "]) if rng.random() < 0.1 else ": "
                lines.append(f"{key}{separator}{value}" if value else f"{key}:")
            else:
                lines.append(rng.choice(OTHER_LINES))
        text = "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")
        simple = parse_simple_front_matter(text)
        if simple is None:
            continue
        answered += 1
        try:
            full = parse_yaml(text)
        except FrontMatterError as error:
            pytest.fail(f"fast reader accepted what YAML rejects: {text!r} ({error})")
        assert repr(simple) == repr(full), text
    assert answered > 3000  # the fast path is actually exercised


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [
    b"---\ntitle: A\ndate: 2025-03-05\n---\nBody\n",
    b"\xef\xbb\xbf---\ntitle: A\n---\nBody\n",                  # BOM
    b"---\r\ntitle: A\r\ndate: 2025-03-05\r\n---\r\nBody\r\n",  # Windows line ends
    b"---\rtitle: A\r---\rBody\r",                              # old Mac line ends
    b"---\ntitle: A\n...\nBody\n",                              # YAML's document end closes it too
    b"---\ntitle: A\n---",                                       # closing line at end of file
    b"---\ntitle: A\n----\nnot: closed yet\n---\n",              # '----' is not the closing line (so: YAML error)
    b"---\ntitle: A\n---- \n---\n",
    b"---\n---\nEmpty front matter\n",
    b"No front matter\n",
    b"--- \ntitle: A\n---\n",                                     # '--- ' is not an opening line
    b"",
    b"---\ntitle: A\n---\n" + b"\xff\xfe invalid UTF-8 in the body \n" * 3,
])
def test_read_front_matter_matches_the_line_by_line_reader(tmp_path, data):
    path = _write(tmp_path, "a.md", data)
    if b"\xff" in data:
        # A file that cannot be published cannot be counted either: the first bad byte's line.
        with pytest.raises(UnreadableFile, match="not UTF-8") as raised:
            read_front_matter(path)
        assert raised.value.line == 4 and raised.value.fix == "save the file as UTF-8"
    else:
        assert _outcome(read_front_matter, path) == _outcome(_read_front_matter_text, path)


def _outcome(reader, path):
    """The value read, or the error raised (type, message, line): both readers must agree on either."""
    try:
        return ("read", reader(path))
    except FrontMatterError as error:
        return ("error", str(error), error.line)


def test_front_matter_longer_than_one_read(tmp_path):
    lines = "".join(f"key_{index}: value number {index}\n" for index in range(600))
    for padding in range(0, 9):
        # Move the closing line across the 8 KiB boundary of the first read.
        data = ("---\n" + "x" * padding + "pad: 1\n" + lines + "---\nBody\n").encode()
        path = _write(tmp_path, f"long{padding}.md", data)
        meta = read_front_matter(path)
        assert meta == _read_front_matter_text(path)
        assert meta["key_599"] == "value number 599"


@pytest.mark.parametrize("shift", range(-5, 3))
@pytest.mark.parametrize("closing", [b"---", b"...", b"----"])
def test_closing_line_cut_by_the_read_boundary(tmp_path, shift, closing):
    """The first read is 8192 bytes: put the closing line's first byte just before, on and after it."""
    head = b"---\ntitle: A\nsummary: "
    filler = b"y" * (8192 + shift - len(head) - 1)
    data = head + filler + b"\n" + closing + b"\nnext: line\n---\nBody\n"
    assert data.index(b"\n" + closing) + 1 == 8192 + shift
    path = _write(tmp_path, "edge.md", data)
    assert _outcome(read_front_matter, path) == _outcome(_read_front_matter_text, path)
    if closing != b"----":
        assert read_front_matter(path) == {"title": "A", "summary": "y" * len(filler)}


def test_unclosed_and_invalid_front_matter_raise_as_before(tmp_path):
    with pytest.raises(FrontMatterError, match="never closed"):
        read_front_matter(_write(tmp_path, "open.md", b"---\ntitle: A\nBody without closing line\n"))
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        read_front_matter(_write(tmp_path, "bad.md", b"---\ntitle: [unclosed\n---\n"))
    with pytest.raises(UnreadableFile, match="not UTF-8") as raised:
        read_front_matter(_write(tmp_path, "latin1.md", b"---\ntitle: L\xea k\xfd k\xe9t\n---\n"))
    assert raised.value.line == 2


def test_read_front_matter_equals_the_full_document_parse(tmp_path):
    text = "---\n" + TYPICAL + "---\n\nNội dung bài viết.\n"
    path = _write(tmp_path, "article.vi.md", text.encode())
    assert read_front_matter(path) == parse_document(text).meta


# -- the same differential property, searched by hypothesis ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_keys = st.one_of(st.sampled_from(KEYS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789 :#", min_size=1, max_size=8))
_values = st.one_of(st.sampled_from(VALUES), st.text(max_size=20),
                    st.text(alphabet=" \t'\"[]{},:#&*!|>-?%@`~\\", max_size=8))
_lines = st.one_of(
    st.builds(lambda key, separator, value: f"{key}{separator}{value}" if value else f"{key}:",
              _keys, st.sampled_from([": ", ":", ":  ", " : ", ":\t"]), _values),
    st.sampled_from(OTHER_LINES),
    st.builds(lambda indent, value: f"{indent}- {value}", st.sampled_from(["", " ", "  ", "    "]), _values),
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(lines=st.lists(_lines, max_size=8), final_newline=st.booleans())
def test_fast_reader_agrees_with_the_yaml_reader_found_by_hypothesis(lines, final_newline):
    """Whenever the fast reader answers, the (safe) YAML reader accepts the same text and reads
    the same values of the same types; a repeated key is always left to the YAML reader, which
    refuses it."""
    text = "\n".join(lines) + ("\n" if final_newline else "")
    simple = parse_simple_front_matter(text)
    if simple is None:
        return
    try:
        full = parse_yaml(text)
    except FrontMatterError as error:
        pytest.fail(f"fast reader accepted what YAML refuses: {text!r} ({error})")
    assert repr(simple) == repr(full), text


_VALID_VALUES = ["", "Hello", "Lễ ký kết hợp tác", "true", "false", "2025-03-05", "'it''s'", '"q"', "[a, b]", "12", "~"]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(key=st.sampled_from(["title", "draft", "date", "categories"]), first=st.sampled_from(_VALID_VALUES),
       second=st.sampled_from(_VALID_VALUES), between=st.lists(st.sampled_from(["summary: x", "# c", ""]), max_size=3, unique=True))
def test_a_repeated_key_is_never_read_by_either_reader(key, first, second, between):
    text = "\n".join([f"{key}: {first}", *between, f"{key}: {second}"]) + "\n"
    assert parse_simple_front_matter(text) is None
    with pytest.raises(FrontMatterError, match=f"the key '{key}' is given twice"):
        parse_yaml(text)
