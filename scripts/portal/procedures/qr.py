"""QR codes as inline SVG (segno): printed at the one-stop desk and on each procedure page, they
open the procedure's page in the reader's language."""

from __future__ import annotations

from functools import lru_cache
import segno
from markupsafe import Markup


def qr_svg(url: str, label: str) -> Markup:
    """An accessible inline `<svg>` encoding `url`; `label` names it for screen readers.

    Dark modules on a white field with the standard four-module quiet zone, whatever the page's
    colour scheme, so phones read it on screen and on paper; sized by CSS (no width/height)."""
    # The label holds the procedure's title (text from its front matter): Markup.format escapes it.
    return Markup(_code_svg(url).replace("<svg ", '<svg role="img" aria-label="{label}" ', 1)).format(label=label)


_REMEMBERED: dict[str, str] = {}


def remember_codes(codes: dict[str, str]) -> None:
    """Codes made earlier (`code_svgs`, kept with the procedures between builds): encoding one
    takes milliseconds, and every build shows all of them in five languages."""
    _REMEMBERED.update(codes)


def code_svgs(urls) -> dict[str, str]:
    return {url: _code_svg(url) for url in urls}


def _code_svg(url: str) -> str:
    remembered = _REMEMBERED.get(url)
    return remembered if remembered is not None else _encode(url)


@lru_cache(maxsize=1024)
def _encode(url: str) -> str:
    # A procedure's page and the desk print-out show the same code: encoded once.
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True,
                           svgclass="portal-qr__code", lineclass=None, title=None)
