"""Reading and writing Markdown files with YAML front matter.

Files are read by `source_files.read_text` (UTF-8, size limit, no links) and front matter is
parsed by `safe_yaml` (no aliases, tags or repeated keys; timestamps stay strings, so every date
goes through `timezone.parse_publication_time` and a date-time without offset is read as Vietnam
time rather than as UTC). Front matter longer than `MAX_FRONT_MATTER` is refused before it is
parsed, so reading a file costs time in proportion to its size, whatever is in it.

`parse_simple_front_matter` is a fast reader of the plain `key: value` front matter editors
write (`portal count` reads 100,000 files): it accepts only lines whose YAML meaning is certain
and resolves scalars with the loader's own rules; anything else goes to the YAML reader, so
results are identical either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import safe_yaml
from .messages import _
from .problems import InputError
from .source_files import read_text
from .text_characters import INVISIBLE

MAX_FRONT_MATTER = 64 * 1024
"""Characters between the '---' lines: 64 K. An article's front matter is a few hundred
characters, a procedure record's about 5,000; the limit bounds what the YAML reader is given."""

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)$", re.M)


class FrontMatterError(InputError):
    """Front matter that cannot be read; `line` is its line in the file."""

    field = "front matter"

    def __init__(self, message: str, line: int = 1, fix: str | None = None):
        super().__init__(message, line, fix if fix is not None else _("fix the YAML between the '---' lines"))


@dataclass
class Document:
    meta: dict
    body: str
    body_line: int = 1
    """Line number (1-based) of the body's first line in the file."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """Line number of each top-level front-matter key, for error reports."""
    has_front_matter: bool = True


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line number where the body starts).

    The front matter opens with a first line '---' and closes with the next line that is '---'
    or '...'; it is refused when longer than MAX_FRONT_MATTER. One pass over the text."""
    text = _plain_lines(text)
    closing = _closing_line(text)
    if closing is None:
        return None, text, 1
    body_line = text.count("\n", 0, closing.start()) + 2
    return text[4 : closing.start()], text[closing.end() + 1 :], body_line


def _front_matter_text(text: str) -> str | None:
    """split_front_matter's front matter alone, without copying the body."""
    text = _plain_lines(text)
    closing = _closing_line(text)
    return None if closing is None else text[4 : closing.start()]


def _plain_lines(text: str) -> str:
    """Without a byte order mark, and with `\n` line ends (as Python's text files read them)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _closing_line(text: str):
    """The match of the front matter's closing line; None when the text has no front matter."""
    if not text.startswith("---\n"):
        return None
    closing = _CLOSING_LINE.search(text, 4)
    if closing is None:
        raise FrontMatterError(_("front matter opened with '---' on line 1 is never closed"), 1,
                               _("add a line '---' after it"))
    if closing.start() - 4 > MAX_FRONT_MATTER:
        raise _too_long()
    return closing


def _too_long() -> FrontMatterError:
    return FrontMatterError(_("the front matter is longer than {limit} characters").format(limit=MAX_FRONT_MATTER), 1,
                            _("front matter holds short fields (title, date, summary...): "
                              "move long text into the body, below the closing '---'"))


def parse_yaml(text: str, first_line: int = 2) -> dict:
    """Front matter text (whose first line is line `first_line` of the file) as a mapping."""
    if len(text) > MAX_FRONT_MATTER:
        raise _too_long()
    try:
        data = safe_yaml.load(text, first_line)
    except safe_yaml.YAMLInputError as error:
        if error.syntax_problem is not None:
            raise FrontMatterError(_("front matter is not valid YAML ({problem})").format(problem=error.syntax_problem),
                                   error.line, _("check quotes, colons and indentation")) from None
        raise FrontMatterError(error.message, error.line, error.fix) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(_("front matter must be 'key: value' lines"), first_line,
                               _("write one field per line, for example 'title: ...'"))
    return data


def parse_document(text: str) -> Document:
    front, body, body_line = split_front_matter(text)
    if front is None:
        return Document({}, body, 1, {}, has_front_matter=False)
    key_lines = {}
    for offset, line in enumerate(front.split("\n")):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            key_lines.setdefault(match.group(1), offset + 2)
    return Document(_parse_front_matter(front), body, body_line, key_lines)


def _parse_front_matter(front: str) -> dict:
    simple = parse_simple_front_matter(front)
    return simple if simple is not None else parse_yaml(front)


def read_document(path: Path) -> Document:
    """The document in the file `path`. Raises InputError (FrontMatterError, or
    source_files.UnreadableFile for a file that is not UTF-8, too large or a link)."""
    return parse_document(read_text(path))


def read_front_matter(path: Path) -> dict:
    """Only the front matter's values (no line numbers, no body): what counting needs. The whole
    file is still read and must be UTF-8, so a file that cannot be published cannot be counted."""
    front = _front_matter_text(read_text(path))
    return {} if front is None else _parse_front_matter(front)


_STR_TAG = "tag:yaml.org,2002:str"
_KEY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Characters after which the fast reader cannot be sure what YAML does: tabs, YAML's extra line
# breaks (NEL, LS, PS), a BOM inside the text, and everything YAML rejects as non-printable.
_UNCERTAIN_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# First characters that make a YAML indicator (sequence, mapping, flow, comment, anchor, alias, tag,
# block scalar, directive, reserved) rather than the start of a plain scalar.
_INDICATOR_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SPECIAL = frozenset(",[]{}:#'\"")
_UNRESOLVED = object()
_plain_keys: dict[str, bool] = {}
"""Memo of key spellings the fast reader accepts; front matter uses a handful of keys."""


def _implicit_tag(value: str) -> str:
    """The tag PyYAML's resolver gives an unquoted scalar (BaseResolver.resolve, same tables)."""
    resolvers = safe_yaml.IMPLICIT_RESOLVERS
    for tag, regexp in resolvers.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    for tag, regexp in resolvers.get(None, ()):
        if regexp.match(value):
            return tag
    return _STR_TAG


def _is_plain_key(key: str) -> bool:
    known = _plain_keys.get(key)
    if known is None:
        known = bool(_KEY_NAME.fullmatch(key)) and _implicit_tag(key) == _STR_TAG
        if len(_plain_keys) < 1000:
            _plain_keys[key] = known
    return known


def _plain_value(text: str):
    """An unquoted scalar's value, or _UNRESOLVED when only PyYAML can say."""
    resolvers = safe_yaml.IMPLICIT_RESOLVERS
    if text[0] not in resolvers and None not in resolvers:
        return text  # most values: no implicit type starts with this character
    tag = _implicit_tag(text)
    if tag == _STR_TAG:
        return text
    if tag == "tag:yaml.org,2002:bool":
        return yaml.constructor.SafeConstructor.bool_values[text.lower()]
    if tag == "tag:yaml.org,2002:null":
        return None
    return _UNRESOLVED


def _block_scalar(text: str):
    """A one-line scalar in block context (a mapping value or a sequence item)."""
    if not text:
        return _UNRESOLVED
    first = text[0]
    if first not in _INDICATOR_START and ": " not in text and " #" not in text and text[-1] != ":":
        return _plain_value(text)
    if first == '"':
        end = text.find('"', 1)
        if "\\" in text or end < 0 or text[end + 1 :].strip(" "):
            return _UNRESOLVED
        return text[1:end]
    if first == "'":
        end = 1
        while True:
            end = text.find("'", end)
            if end < 0:
                return _UNRESOLVED
            if text[end + 1 : end + 2] == "'":
                end += 2
                continue
            break
        if text[end + 1 :].strip(" "):
            return _UNRESOLVED
        return text[1:end].replace("''", "'")
    return _UNRESOLVED


def _flow_sequence(text: str):
    """`[a, b]` of plain scalars."""
    if text[-1] != "]":
        return _UNRESOLVED
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    items = []
    for item in inner.split(","):
        item = item.strip(" ")
        if not item or item[0] in _INDICATOR_START or not _FLOW_SPECIAL.isdisjoint(item):
            return _UNRESOLVED
        value = _plain_value(item)
        if value is _UNRESOLVED:
            return _UNRESOLVED
        items.append(value)
    return items


def parse_simple_front_matter(text: str) -> dict | None:
    """The front matter as PyYAML would read it, when it is made only of `key: value` lines with
    one-line values, `[a, b]` lists and `- item` lists; None for anything else (then use YAML)."""
    if _UNCERTAIN_CHARACTER.search(text) or INVISIBLE.search(text):
        return None  # the YAML reader says what is wrong (or reads it)
    meta: dict = {}
    open_key = None
    """A key written with no value, which `- item` lines may follow."""
    items: list = []
    item_indent = -1
    for line in text.split("\n"):
        content = line.rstrip(" ")
        if not content or content[0] == "#":
            continue
        if content[0] == " " or content[0] == "-":
            stripped = content.lstrip(" ")
            if stripped[0] == "#":
                continue
            if open_key is None or stripped[:2] != "- ":
                return None
            indent = len(content) - len(stripped)
            if item_indent < 0:
                item_indent = indent
                items = meta[open_key] = []
            elif indent != item_indent:
                return None
            value = _block_scalar(stripped[2:].lstrip(" "))
            if value is _UNRESOLVED:
                return None
            items.append(value)
            continue
        open_key = None
        key, colon, rest = content.partition(":")
        if not colon or not _is_plain_key(key):
            return None
        if key in meta:
            return None  # a repeated key: the YAML reader reports it with both lines
        if not rest:
            meta[key] = None
            open_key, item_indent = key, -1
            continue
        if rest[0] != " ":
            return None
        value_text = rest.lstrip(" ")
        value = _flow_sequence(value_text) if value_text[0] == "[" else _block_scalar(value_text)
        if value is _UNRESOLVED:
            return None
        meta[key] = value
    return meta


def dump_front_matter(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def render_document(meta: dict, body: str) -> str:
    body = body if body.startswith("\n") else "\n" + body
    return f"---\n{dump_front_matter(meta)}---\n{body}"

