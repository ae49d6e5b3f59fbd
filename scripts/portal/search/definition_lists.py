"""Definition lists as Pagefind should read them.

Pagefind joins the text of inline elements without a space, and it counts `<dt>` and `<dd>` as
inline: `<dt>Mã thủ tục</dt><dd>1.011596</dd>` becomes "Mã thủ tục1.011596" in the search text
and in the snippets readers see. The page itself shows "Mã thủ tục: 1.011596" (its stylesheet adds
the colon). The copy of a page that Pagefind indexes therefore gets the same colon after each
term, and a space after each term and definition. Only that copy changes; the site does not."""

from __future__ import annotations

import html
import re

TERM = re.compile(r"(<dt\b[^>]*>)(.*?)(</dt\s*>)", re.IGNORECASE | re.DOTALL)
DEFINITION_END = re.compile(r"</dd\s*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
# A term that already ends with one of these needs no colon.
TERM_ENDINGS = frozenset(":：.。?？!！")
SEPARATOR = ":"


def _separated_term(match: re.Match) -> str:
    start, inner, end = match.groups()
    text = html.unescape(TAG.sub("", inner)).rstrip()
    if text and text[-1] not in TERM_ENDINGS:
        inner = inner.rstrip() + SEPARATOR
    return f"{start}{inner}{end} "


def separate_terms_from_definitions(page: str) -> str:
    """`page` with a colon after every `<dt>`'s text (unless it ends with punctuation) and a
    space after every `</dt>` and `</dd>`, so that Pagefind reads "term: definition"."""
    if "</d" not in page.lower():
        return page
    page = TERM.sub(_separated_term, page)
    return DEFINITION_END.sub(lambda match: match.group(0) + " ", page)
