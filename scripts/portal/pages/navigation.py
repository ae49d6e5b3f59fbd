"""The site's short navigation (home, news, procedures, documents, about) and which sidebars a
page shows.

Tabs carry short labels from the UI strings; the pages keep their own titles (templates read
`page.meta.title` for headings), so one page is "Trang chủ" in the tabs and the portal's full
name on the page itself."""

from __future__ import annotations

from pathlib import Path

from ..languages import CODES
from ..content.site_data import translate_ui
from .urls import norm_path_of

NAV_LABELS = {"": "nav.home", "news/": "nav.news", "procedures/": "nav.procedures", "documents/": "nav.documents",
              "about/": "nav.about"}


def navigation_label(lang: str, src_uri: str) -> str | None:
    """The short label of the page at `src_uri` in the tabs, or None to keep its title."""
    key = NAV_LABELS.get(norm_path_of(src_uri))
    return translate_ui(lang, key) if key else None


def page_layout_hides(kind: str, norm: str) -> list[str]:
    """Sidebars to hide: the left navigation is only the four tabs again, so no page needs it;
    generated pages and the home page have their own side column instead of a table of contents."""
    if kind in ("article", "page") and norm != "":
        return ["navigation"]
    return ["navigation", "toc"]


GENERATED_NAV_PAGES = frozenset({"news/index.md", "procedures/index.md", "documents/index.md"})
"""Navigation entries the build generates, which never exist as files in docs/."""


def without_missing_pages(nav: list, docs_dir, generated=GENERATED_NAV_PAGES) -> list:
    """The configured navigation minus entries whose page exists in no language, so a content
    folder without (say) an About page still builds in strict mode."""
    docs_dir = Path(docs_dir)

    def exists(path: str) -> bool:
        if path in generated or "://" in path:
            return True
        stem = path[:-3] if path.endswith(".md") else path
        return (docs_dir / path).is_file() or any((docs_dir / f"{stem}.{lang}.md").is_file() for lang in CODES)

    kept = []
    for item in nav:
        if isinstance(item, str):
            if exists(item):
                kept.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str) and exists(value):
                kept.append(item)
            elif isinstance(value, list):
                section = without_missing_pages(value, docs_dir, generated)
                if section:
                    kept.append({title: section})
        else:
            kept.append(item)
    return kept
