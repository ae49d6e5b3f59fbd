"""The site's short navigation (home, news, procedures, about) and which sidebars a page shows.

Tabs carry short labels from the UI strings; the pages keep their own titles (templates read
`page.meta.title` for headings), so one page is "Trang chủ" in the tabs and the portal's full
name on the page itself."""

from __future__ import annotations

from mkdocs.structure.pages import Page

from ..sitedata import translate_ui
from .urls import norm_path_of

NAV_LABELS = {"": "nav.home", "news/": "nav.news", "procedures/": "nav.procedures", "about/": "nav.about"}


def label_navigation(nav, lang: str) -> None:
    for item in nav.items:
        if isinstance(item, Page):
            key = NAV_LABELS.get(norm_path_of(item.file.src_uri))
            if key:
                item.title = translate_ui(lang, key)


def page_layout_hides(kind: str, norm: str) -> list[str]:
    """Sidebars to hide: the left navigation is only the four tabs again, so no page needs it;
    generated pages and the home page have their own side column instead of a table of contents."""
    if kind in ("article", "page") and norm != "":
        return ["navigation"]
    return ["navigation", "toc"]
