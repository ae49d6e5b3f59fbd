"""QR codes as inline SVG (segno): printed at the one-stop desk and on each procedure page, they
open the procedure's page in the reader's language."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

import segno


def qr_svg(url: str, label: str) -> str:
    """An accessible inline `<svg>` encoding `url`; `label` names it for screen readers.

    Dark modules on a white field with the standard four-module quiet zone, whatever the page's
    colour scheme, so phones read it on screen and on paper; sized by CSS (no width/height)."""
    return _code_svg(url).replace("<svg ", f'<svg role="img" aria-label="{escape(label, {chr(34): "&quot;"})}" ', 1)


@lru_cache(maxsize=1024)
def _code_svg(url: str) -> str:
    # A procedure's page and the desk print-out show the same code: encoded once.
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                           svgclass="portal-qr__code", lineclass=None, title=None)
