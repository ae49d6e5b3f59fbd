"""`mailto:` addresses with a prefilled subject and body (RFC 6068), for the feedback prompt and
the "share by e-mail" link: everything but unreserved characters is percent-encoded, so no
title, address or text (a `&`, `?`, `#`, a line break) can add or cut a field."""

from __future__ import annotations

from urllib.parse import quote

ADDRESS_SAFE = "@!$'*+-._~"
"""Characters of an addr-spec written as they are (RFC 6068, section 2); the rest is encoded."""


def mailto_link(address: str, subject: str = "", body: str = "") -> str:
    """`mailto:ADDRESS?subject=...&body=...`; line breaks of the body are sent as CRLF (%0D%0A),
    as RFC 6068 asks. An empty address leaves the reader to choose whom to write to."""
    fields = []
    if subject:
        fields.append("subject=" + quote(_one_line(subject), safe=""))
    if body:
        fields.append("body=" + quote(_crlf(body), safe=""))
    query = "?" + "&".join(fields) if fields else ""
    return "mailto:" + quote(str(address).strip(), safe=ADDRESS_SAFE) + query


def _crlf(text: str) -> str:
    return "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _one_line(text: str) -> str:
    """A subject is one line: its line breaks become spaces."""
    return " ".join(text.replace("\r", "\n").split("\n"))
