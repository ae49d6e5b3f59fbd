"""What a translation engine answers is text, never markup.

An engine is a remote service: its answer may hold anything, by accident or by malice. A
machine draft may carry only the markup its Vietnamese source had (which travels as the
placeholders of `portal.translation.inline`); everything else the engine wrote lands as text:

- `clean_answer` first removes what no text needs and some parsers misread: control characters
  (NUL, escape sequences for terminals, YAML's extra line breaks NEL, LS and PS), lone
  surrogates (which cannot even be written as UTF-8), byte-order marks and bidirectional
  overrides. Line breaks and tabs become spaces: a segment's answer is one line.
- `as_text(text, setting)` escapes what would be markup where the text is written: in Markdown
  `<`, `>` and `&` become entities (`&lt;script&gt;` shows as `<script>`) and the characters
  that make links, images, code, emphasis, subscripts and attribute lists get a backslash, so no
  new element, attribute, link or image target can appear; in an HTML line, entities only; in
  front matter (`PLAIN`), nothing: a front-matter value is plain text that the site escapes
  wherever it shows it, and YAML's own quoting keeps its structure.
- `guard_line_start(text, setting)` escapes what would open a block (heading, list, quote,
  table, definition, admonition, setext underline, rule) where the text begins a line.
- `markup_in(answer, source)` finds what looked like markup in an answer and not in its
  source, for the warning that asks an editor to look at the sentence.
"""

from __future__ import annotations

import re

from ..text_characters import INVISIBLE

PLAIN = "plain"
"""Front-matter values: text the site escapes itself; no escaping here."""
MARKDOWN = "markdown"
TABLE_CELL = "table-cell"
"""Markdown inside a table cell, where a pipe would end the cell."""
HTML = "html"
"""A line of raw HTML, where a backslash is not an escape: entities only."""
SETTINGS = (PLAIN, MARKDOWN, TABLE_CELL, HTML)

_AS_SPACE = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_answer(text: str) -> str:
    """`text` without control characters, lone surrogates or line breaks (see the module)."""
    text = _SURROGATE.sub("\ufffd", text)
    return INVISIBLE.sub("", _AS_SPACE.sub(" ", text))


_ENTITY_OF = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL = re.compile(r"[&<>\\`*\[\]{}~_|]")
"""`<`, `>`, `&`, and the characters of Python-Markdown's inline syntax (with the site's
extensions): the backslash, code, emphasis, links and images, attribute lists, strike-through
and subscript (`~`), and the table cell's pipe."""


def as_text(text: str, setting: str) -> str:
    """`text` (an engine's words, never a placeholder) written so that it renders as itself."""
    if setting == PLAIN:
        return text
    if setting == HTML:
        return _SPECIAL.sub(lambda match: _ENTITY_OF.get(match.group(0)) or f"&#{ord(match.group(0))};", text)
    if setting not in (MARKDOWN, TABLE_CELL):
        raise ValueError(f"unknown setting {setting!r}")

    def escape(match: re.Match) -> str:
        char = match.group(0)
        if char in _ENTITY_OF:
            return _ENTITY_OF[char]
        position = match.start()
        if char == "_":
            # Python-Markdown never opens or closes emphasis on an underscore between two letters
            # or digits (snake_case), so those stay as written. (Not next to another underscore:
            # escaped, that one no longer counts as a word character.)
            before = text[position - 1] if position > 0 else " "
            after = text[position + 1] if position + 1 < len(text) else " "
            return char if before.isalnum() and after.isalnum() else "\\_"
        if char == "|":
            return "\\|" if setting == TABLE_CELL else char
        return "\\" + char

    return _SPECIAL.sub(escape, text)


_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
_BACKSLASH_AT_START = {"#": "\\#", "-": "\\-", "+": "\\+", "|": "\\|", "!": "\\!", ">": "\\>", "*": "\\*"}
"""Block markers Python-Markdown lets a backslash escape; the others become entities."""
_ENTITY_AT_START = {"=": "&#61;", ":": "&#58;", "?": "&#63;"}


def guard_line_start(text: str, setting: str = MARKDOWN) -> str:
    """Escape the first character of `text` (already `as_text`) when it would open a block at
    the start of a line: `#`, `-`, `+`, `=`, `|`, `:`, `!`, `?`, `>`, `*`, `1.` and `1)`."""
    if setting == PLAIN or not text:
        return text
    match = _ORDERED_MARKER.match(text)
    if match:
        marker = match.group(2)
        escaped = f"&#{ord(marker)};" if setting == HTML else "\\" + marker
        return match.group(1) + escaped + text[match.end():]
    first = text[0]
    if setting == HTML and (first in _BACKSLASH_AT_START or first in _ENTITY_AT_START):
        return f"&#{ord(first)};" + text[1:]
    if first in _BACKSLASH_AT_START:
        return _BACKSLASH_AT_START[first] + text[1:]
    if first in _ENTITY_AT_START:
        return _ENTITY_AT_START[first] + text[1:]
    return text


_MARKUP_LIKE = re.compile(
    r"<\s*/?\s*[A-Za-z!?][^<>]{0,40}>?"  # tags, comments, autolinks
    r"|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # entities
    r"|!?\[[^\[\]]{0,80}\]\s*[(\[]"  # links, images, references
    r"|\[\^[^\]]*\]"  # footnote references
    r"|\{\s*:?\s*[#.]?[\w-]+(?:=[^}]*)?\s*\}"  # attribute lists
    r"|`+"  # code
    r"|\b(?:javascript|vbscript):|\bdata:[a-z]+/"  # script addresses
)
_PLACEHOLDER = re.compile(r"</?[xb]\d+/?>")


def markup_in(answer: str, source: str) -> list[str]:
    """Fragments of `answer` that look like markup and do not appear in `source` (both masked
    texts: their placeholders are not markup)."""
    known = set(_MARKUP_LIKE.findall(_PLACEHOLDER.sub(" ", source)))
    found: list[str] = []
    for fragment in _MARKUP_LIKE.findall(_PLACEHOLDER.sub(" ", answer)):
        if fragment not in known and fragment not in found:
            found.append(fragment)
    return found
