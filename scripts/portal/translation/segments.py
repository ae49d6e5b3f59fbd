"""Cutting a Markdown body into what a translation engine may see and what it must never see.

`segment_markdown(text)` returns a list of parts: literal strings, copied to the translation
byte for byte (fences and code, table rules, admonition markers, list markers, indentation,
attribute lists after headings, link definitions, HTML blocks without text...), and `Slot`s,
the inline Markdown of one paragraph, heading, list item, table cell or admonition title.
`render_parts(parts, translate)` puts the translated slots back. Rendering with every slot
left as it is gives the input back (up to the indentation of a paragraph's continuation
lines), so whatever this module does not recognise is at
worst translated as a paragraph, with its inline code, URLs and tags still protected by
`portal.translation.inline`.

The block grammar followed is Python-Markdown's with the extensions the site uses (admonition,
pymdownx.details and .tabbed, tables, footnotes, attr_list, abbreviations, md_in_html,
snippets, arithmatex). Containers (list items, block quotes, admonition bodies, footnotes) are
parsed recursively: each line carries the prefix its containers own (indentation, `> `), which
is copied, and the content that the inner blocks see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

PARAGRAPH = "paragraph"
HEADING = "heading"
TABLE_CELL = "table-cell"
TITLE = "title"
HTML_LINE = "html"


@dataclass
class Slot:
    """One piece of inline Markdown to translate."""

    text: str
    """The source: inline Markdown, the lines of a paragraph joined by newlines."""
    context: str = PARAGRAPH
    continuation: str = ""
    """Copied after every newline of the output, so a hard line break inside a list item or a
    block quote stays inside it."""
    line_start: bool = False
    """The output begins a line, where `# `, `- `, `1. ` or `> ` would start a new block."""


Part = str | Slot


@dataclass
class _Line:
    prefix: str
    """What enclosing containers own: copied, never parsed again."""
    content: str
    eol: str

    @property
    def literal(self) -> str:
        return self.prefix + self.content + self.eol

    @property
    def blank(self) -> bool:
        return not self.content.strip()


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_HTML_COMMENT = re.compile(r"^\s*<!--")
_RAW_HTML = re.compile(r"^\s*<(script|style|pre|textarea|code|svg|math)\b", re.IGNORECASE)
_MATH = re.compile(r"^\s*\$\$")
_HEADING = re.compile(r"^(?P<lead>[ ]{0,3}#{1,6}[ \t]+)(?P<text>.*?)(?P<tail>(?:[ \t]*\{[^{}]*\})?(?:[ \t]+#+)?[ \t]*)$")
_EMPTY_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]*#*[ \t]*$")
_HR = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"^[ ]{0,3}=+[ \t]*$")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[[^\]]+\]:")
_ATTR_LINE = re.compile(r"^[ \t]*\{:?[^{}]*\}[ \t]*$")
_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}")
_ADMONITION = re.compile(
    r'^(?P<indent>[ ]{0,3})(?P<marker>!!!|\?\?\?\+?|===\+?!?)(?P<kind>[ \t]+[^"\s][^"]*?)?'
    r'(?:(?P<open>[ \t]+")(?P<title>.*)(?P<close>")[ \t]*)?[ \t]*$'
)
_LIST_ITEM = re.compile(r"^(?P<indent>[ ]{0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?P<space>[ \t]+|$)(?P<task>\[[ xX]\][ \t]+)?")
_DEFINITION = re.compile(r"^(?P<indent>[ ]{0,3})(?P<marker>:)(?P<space>[ \t]+)")
_FOOTNOTE = re.compile(r"^(?P<head>[ ]{0,3}\[\^[^\]]+\]:[ \t]*)")
_QUOTE = re.compile(r"^(?P<marker>[ ]{0,3}>[ ]?)")
_HTML_START = re.compile(r"^[ ]{0,3}</?[A-Za-z][A-Za-z0-9-]*(?:\s|/?>|$)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def segment_markdown(text: str) -> list[Part]:
    lines = []
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(_Line("", content, raw[len(content):]))
    parts: list[Part] = []
    _parse_blocks(lines, parts)
    return _merge_literals(parts)


def render_parts(parts: list[Part], translate: Callable[[Slot], str]) -> str:
    """The parts with every slot replaced by `translate(slot)` (single-line inline Markdown,
    newlines only for hard breaks; `translate` keeps a slot with `line_start` from opening a
    block, see `portal.translation.answers.guard_line_start`)."""
    out = []
    for part in parts:
        if isinstance(part, Slot):
            out.append(translate(part).replace("\n", "\n" + part.continuation))
        else:
            out.append(part)
    return "".join(out)


def _merge_literals(parts: list[Part]) -> list[Part]:
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += part
                continue
        merged.append(part)
    return merged


def _columns(text: str) -> int:
    """Width of the leading whitespace, tabs counted to the next multiple of 4 as Markdown does."""
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _cut_columns(content: str, columns: int) -> int:
    """How many characters of leading whitespace make up `columns` columns (or fewer)."""
    width = 0
    for index, char in enumerate(content):
        if width >= columns or char not in " \t":
            return index
        width += 1 if char == " " else 4 - width % 4
    return len(content)


def _child(line: _Line, cut: int) -> _Line:
    return _Line(line.prefix + line.content[:cut], line.content[cut:], line.eol)


def starts_block(content: str) -> bool:
    """Does this line open a block that ends (or cannot continue) a paragraph?"""
    return bool(
        _FENCE.match(content) and _columns(content) < 4
        or _HEADING.match(content) or _EMPTY_HEADING.match(content)
        or _HR.match(content)
        or _LIST_ITEM.match(content) and content.strip() not in ("-", "*", "+")
        or _DEFINITION.match(content)
        or _QUOTE.match(content)
        or _ADMONITION.match(content)
        or _FOOTNOTE.match(content)
        or _HTML_START.match(content)
        or _MATH.match(content)
        or _ATTR_LINE.match(content)
    )


_MAX_NESTING = 40
"""Containers nested deeper than this are copied untranslated rather than recursed into."""


def _parse_blocks(lines: list[_Line], out: list[Part], depth: int = 0) -> None:
    if depth > _MAX_NESTING:
        out.extend(line.literal for line in lines)
        return
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        content = line.content
        if line.blank:
            out.append(line.literal)
            index += 1
            continue
        handler_end = _literal_block_end(lines, index)
        if handler_end is not None:
            out.extend(item.literal for item in lines[index:handler_end])
            index = handler_end
            continue
        if _HR.match(content) or _SETEXT.match(content) or _LINK_DEFINITION.match(content) or _ABBREVIATION.match(content) \
                or _ATTR_LINE.match(content) or _SNIPPET.match(content) or _EMPTY_HEADING.match(content):
            out.append(line.literal)
            index += 1
            continue
        match = _HEADING.match(content)
        if match:
            out.append(line.prefix + match.group("lead"))
            out.append(Slot(match.group("text"), HEADING))
            out.append(match.group("tail") + line.eol)
            index += 1
            continue
        match = _ADMONITION.match(content)
        if match:
            index = _admonition(lines, index, match, out, depth)
            continue
        if _table_starts(lines, index):
            index = _table(lines, index, out)
            continue
        match = _FOOTNOTE.match(content)
        if match:
            index = _container_item(lines, index, len(match.group("head")), _columns(content) + 4, out, depth)
            continue
        match = _LIST_ITEM.match(content) or _DEFINITION.match(content)
        if match:
            cut = match.end()
            if not match.group("space"):
                # An empty item ("-" alone): its content starts on the next line.
                cut = len(content)
            content_columns = _columns(content) + len(match.group("marker")) + max(1, len(match.group("space") or " "))
            index = _container_item(lines, index, cut, content_columns, out, depth)
            continue
        match = _QUOTE.match(content)
        if match:
            index = _quote(lines, index, out, depth)
            continue
        if _HTML_START.match(content):
            lead = content[: len(content) - len(content.lstrip())]
            body = content.strip()
            out.append(line.prefix + lead)
            out.append(Slot(body, HTML_LINE, line_start=True))
            out.append(content[len(lead) + len(body):] + line.eol)
            index += 1
            continue
        index = _paragraph(lines, index, out)


def _literal_block_end(lines: list[_Line], index: int) -> int | None:
    """End (exclusive) of a block copied unchanged that starts at `index`, or None."""
    content = lines[index].content
    if _columns(content) >= 4:
        # An indented code block: a paragraph cannot be open here, since paragraphs consume
        # their own continuation lines.
        end = index + 1
        while end < len(lines):
            if lines[end].blank:
                ahead = end
                while ahead < len(lines) and lines[ahead].blank:
                    ahead += 1
                if ahead < len(lines) and _columns(lines[ahead].content) >= 4:
                    end = ahead
                    continue
                return end
            if _columns(lines[end].content) < 4:
                return end
            end += 1
        return end
    match = _FENCE.match(content)
    if match:
        fence = match.group("fence")
        closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        for end in range(index + 1, len(lines)):
            if closing.match(lines[end].content):
                return end + 1
        return len(lines)
    if _HTML_COMMENT.match(content):
        for end in range(index, len(lines)):
            if "-->" in lines[end].content:
                return end + 1
        return len(lines)
    match = _RAW_HTML.match(content)
    if match:
        closing = re.compile(r"</" + match.group(1) + r"\s*>", re.IGNORECASE)
        for end in range(index, len(lines)):
            if closing.search(lines[end].content):
                return end + 1
        return len(lines)
    if _MATH.match(content):
        if content.strip() != "$$" and content.strip().endswith("$$") and len(content.strip()) > 2:
            return index + 1
        for end in range(index + 1, len(lines)):
            if lines[end].content.strip().endswith("$$"):
                return end + 1
        return len(lines)
    return None


def _admonition(lines: list[_Line], index: int, match: re.Match, out: list[Part], depth: int) -> int:
    line = lines[index]
    if match.group("title") is not None and match.group("title").strip():
        title_start = match.start("title")
        title = match.group("title")
        out.append(line.prefix + line.content[:title_start])
        out.append(Slot(title, TITLE))
        out.append(line.content[match.end("title"):] + line.eol)
    else:
        out.append(line.literal)
    body_columns = len(match.group("indent")) + 4
    end = index + 1
    last_body = index
    while end < len(lines):
        if lines[end].blank:
            end += 1
            continue
        if _columns(lines[end].content) >= body_columns:
            last_body = end
            end += 1
            continue
        break
    children = [_child(item, _cut_columns(item.content, body_columns)) for item in lines[index + 1: last_body + 1]]
    _parse_blocks(children, out, depth + 1)
    return last_body + 1


def _container_item(lines: list[_Line], index: int, cut: int, content_columns: int, out: list[Part], depth: int) -> int:
    """A list item, definition or footnote: its first line after the marker, then every line
    indented past the marker, or lazily continuing its paragraph."""
    first = lines[index]
    marker_columns = _columns(first.content)
    children = [_child(first, cut)]
    end = index + 1
    while end < len(lines):
        line = lines[end]
        if line.blank:
            ahead = end
            while ahead < len(lines) and lines[ahead].blank:
                ahead += 1
            if ahead < len(lines) and _columns(lines[ahead].content) > marker_columns:
                children.extend(_child(item, 0) for item in lines[end:ahead])
                end = ahead
                continue
            break
        if _columns(line.content) > marker_columns:
            children.append(_child(line, _cut_columns(line.content, content_columns)))
            end += 1
            continue
        previous = children[-1]
        if not previous.blank and not starts_block(line.content) and not _TABLE_RULE.match(line.content):
            children.append(_child(line, 0))
            end += 1
            continue
        break
    _parse_blocks(children, out, depth + 1)
    return end


def _quote(lines: list[_Line], index: int, out: list[Part], depth: int) -> int:
    children = []
    end = index
    while end < len(lines):
        line = lines[end]
        match = _QUOTE.match(line.content)
        if match:
            children.append(_child(line, match.end()))
        elif not line.blank and children and not children[-1].blank and not starts_block(line.content):
            children.append(_child(line, 0))
        else:
            break
        end += 1
    _parse_blocks(children, out, depth + 1)
    return end


def _paragraph(lines: list[_Line], index: int, out: list[Part]) -> int:
    end = index + 1
    while end < len(lines):
        content = lines[end].content
        if lines[end].blank or starts_block(content) or _SETEXT.match(content):
            break
        if _table_starts(lines, end):
            break
        end += 1
    block = lines[index:end]
    first = block[0]
    lead = first.content[: len(first.content) - len(first.content.lstrip())]
    texts = [item.content.lstrip(" \t") for item in block]
    # Trailing spaces mark a hard break on inner lines; after the last line they mean nothing.
    texts[-1] = texts[-1].rstrip(" \t")
    for position in range(len(texts) - 1):
        texts[position] = texts[position] if texts[position].endswith(("  ", "\\")) else texts[position].rstrip(" \t")
    tail = block[-1].content[len(block[-1].content.rstrip(" \t")):]
    continuation = block[1].prefix if len(block) > 1 else ""
    out.append(first.prefix + lead)
    out.append(Slot("\n".join(texts), PARAGRAPH, continuation=continuation, line_start=True))
    out.append(tail + block[-1].eol)
    return end


def _table_starts(lines: list[_Line], index: int) -> bool:
    if index + 1 >= len(lines) or "|" not in lines[index].content:
        return False
    rule = lines[index + 1].content
    return "|" in rule and "-" in rule and bool(_TABLE_RULE.match(rule))


def _split_row(content: str) -> list[tuple[str, bool]]:
    """A table row as (text, is_cell) pieces; pipes inside code spans or escaped stay in cells."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    position = 0
    while position < len(content):
        char = content[position]
        if char == "\\" and position + 1 < len(content):
            position += 2
            continue
        if char == "`":
            run = len(content[position:]) - len(content[position:].lstrip("`"))
            closing = content.find("`" * run, position + run)
            position = closing + run if closing >= 0 else position + run
            continue
        if char == "|":
            pieces.append((content[start:position], True))
            pieces.append(("|", False))
            start = position + 1
        position += 1
    pieces.append((content[start:], True))
    return pieces


def _table(lines: list[_Line], index: int, out: list[Part]) -> int:
    end = index
    while end < len(lines) and not lines[end].blank and ("|" in lines[end].content):
        line = lines[end]
        if end == index + 1:
            out.append(line.literal)
            end += 1
            continue
        out.append(line.prefix)
        for text, is_cell in _split_row(line.content):
            stripped = text.strip()
            if not is_cell or not stripped:
                out.append(text)
                continue
            lead = text[: len(text) - len(text.lstrip())]
            out.append(lead)
            out.append(Slot(stripped, TABLE_CELL))
            out.append(text[len(lead) + len(stripped):])
        out.append(line.eol)
        end += 1
    return end
