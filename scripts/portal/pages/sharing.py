"""Share links of a page: plain addresses of each service's own share page, opened by the reader's
click. No script or frame of a third party is loaded, so nothing reaches those services before a
reader chooses one, and the site's Content-Security-Policy (only the site itself) is unchanged.

Zalo is not among them: its only documented way to share a web address is its Social SDK, a
script from sp.zalo.me that draws the button in a frame and needs an Official Account id. Readers
share to Zalo (or any other app) with "Copy link", and on a phone with the "Share" button, which
opens the phone's own share sheet (the Web Share API; shown only where the browser has it)."""

from __future__ import annotations

from urllib.parse import quote

from ..content.site_data import translate_ui
from .mailto import mailto_link

FACEBOOK = "https://www.facebook.com/sharer/sharer.php?u={url}"
X_POST = "https://twitter.com/intent/tweet?url={url}&text={text}"


def share_links(url: str, title: str, lang: str) -> list[dict]:
    """[{service, label, href}] for the page at the absolute `url`, titled `title`."""
    encoded_url, encoded_title = quote(url, safe=""), quote(title, safe="")
    return [
        {"service": "facebook", "label": "Facebook", "href": FACEBOOK.format(url=encoded_url)},
        {"service": "x", "label": "X", "href": X_POST.format(url=encoded_url, text=encoded_title)},
        {"service": "email", "label": translate_ui(lang, "share.email"),
         "href": mailto_link("", title, translate_ui(lang, "share.email_body", title=title, url=url))},
    ]
