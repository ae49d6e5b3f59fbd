"""Whether a procedure's `online_url` leads to the procedure itself on the national portal.

A reader who follows "apply online" to the National Public Service Portal's home page has to
find the procedure again among thousands, in Vietnamese. The address an editor should give is
the procedure's own page, which names its code (…?ma_thu_tuc=1.011596). These are warnings, not
errors: an address can be right without the code (the portal also has pages under an internal
number), and only the editor can tell."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from ..messages import _

HOME_PATHS = frozenset({"", "/", "/index.html", "/p/home/dvc-trang-chu.html", "/p/home/dvc-trang-chu"})
"""Paths of a portal's home page (dichvucong.gov.vn/ and its Vietnamese home page)."""


def online_url_warning(url: str, code: str) -> tuple[str, str] | None:
    """(message, fix) when `url` is a home page or does not name `code`; None when it names the
    procedure (or cannot be judged: no address, or no code to look for)."""
    if not isinstance(url, str) or not url.strip():
        return None
    parts = urlsplit(url.strip())
    fix = _("open the procedure on the National Public Service Portal (search for its code {code}) and paste the "
            "address of the procedure's own page").format(code=code or "…")
    if parts.path in HOME_PATHS and not parts.query:
        return _("'{url}' is the portal's home page, not the procedure's page: readers would have to look for "
                 "the procedure again").format(url=url), fix
    if code and code not in unquote(url):
        return _("'{url}' does not name the procedure's code {code}: it may not lead to this procedure").format(
            url=url, code=code), fix
    return None
