"""Vietnamese document numbers (số, ký hiệu văn bản), as printed on the document:

- state documents (Decree 30/2020/NĐ-CP): number / [year /] abbreviations joined by hyphens:
  `17/KH-NV`, `5085/QĐ-UBND`, `1844/UBND-TTPVHCC` (an official letter), `118/2025/NĐ-CP`,
  `35/2023/UBTVQH15`;
- Party documents: number - kind / issuer: `418-KH/TU`, `68-BC/BCSĐ`.

`number_problem` says what is wrong with a value and how to write it instead."""

from __future__ import annotations

import re

from ..messages import _

_SEGMENT = r"[^\W\d_][^\W_]*"
"""An abbreviation: a letter, then letters or digits (KH, QĐ, UBND, TTg, UBTVQH15)."""
STATE_NUMBER = re.compile(rf"^(?P<number>\d+)(?:/(?P<year>\d{{4}}))?/{_SEGMENT}(?:-{_SEGMENT})*$")
PARTY_NUMBER = re.compile(rf"^(?P<number>\d+)-{_SEGMENT}/{_SEGMENT}(?:-{_SEGMENT})*$")
_DASHES = "‐‑‒–—―−"
EXAMPLES = "17/KH-NV, 5085/QĐ-UBND or 118/2025/NĐ-CP"


def is_document_number(value) -> bool:
    return isinstance(value, str) and bool(STATE_NUMBER.match(value) or PARTY_NUMBER.match(value))


def number_year(value: str) -> int | None:
    """The year a state document's number carries (`118/2025/NĐ-CP` -> 2025), if any."""
    match = STATE_NUMBER.match(value) if isinstance(value, str) else None
    return int(match.group("year")) if match and match.group("year") else None


def number_problem(value) -> tuple[str, str] | None:
    """(message, fix) when `value` is not a document number; None when it is one."""
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, (int, float)):
            return (_("{value} is read as a number").format(value=value),
                    _("write the number with its abbreviations, e.g. number: {examples}").format(examples=EXAMPLES))
        return (_("must be text, got {value}").format(value=repr(value)),
                _("write the number as printed on the document, e.g. {examples}").format(examples=EXAMPLES))
    if is_document_number(value):
        return None
    text = value.strip()
    fix = None
    if re.match(r"^(số|so)\b", text, re.IGNORECASE):
        fix = _("leave out the word 'Số': write only the number and its abbreviations, e.g. 17/KH-NV")
    elif any(dash in text for dash in _DASHES):
        fix = _("use a plain hyphen '-' between the abbreviations, e.g. 17/KH-NV")
    elif any(character.isspace() for character in text):
        fix = _("write the number without spaces, e.g. 17/KH-NV")
    elif "/" not in text:
        fix = _("give the number, a slash and the abbreviations of the kind and the issuer, e.g. 17/KH-NV")
    return (_("'{value}' is not a document number").format(value=value),
            fix or _("write number/[year/]abbreviations as printed on the document, e.g. {examples}").format(examples=EXAMPLES))
