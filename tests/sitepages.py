"""Where each kind of page is in a built site, for browser tests that visit every page type."""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("vi", "en", "ja", "zh", "ko")
PAGE_KINDS = ("home", "news", "category", "year", "news-page-2", "article", "stand-in", "about",
              "procedures", "procedure", "desk", "documents", "document", "404", "accessibility", "privacy", "terms",
              "sitemap")
"""Every page type a reader meets (the search dialog opens over any of them), with the pages
about the site that every footer links (accessibility statement, privacy, terms, sitemap)."""


def prefix(lang: str) -> str:
    return "" if lang == "vi" else f"{lang}/"


def first_page(site: Path, folder: str, marker: str) -> str | None:
    """The URL path of the first page under `folder` whose HTML contains `marker`."""
    for index in sorted((site / folder).glob("*/index.html")) + sorted((site / folder).glob("*/*/index.html")):
        if marker in index.read_text(encoding="utf-8"):
            return index.parent.relative_to(site).as_posix() + "/"
    return None


def page_path(site: Path, kind: str, lang: str) -> str | None:
    """Where a kind of page is in the built site, or None where the site has none (every article
    has a Vietnamese version, so there is no Vietnamese 'not available' page)."""
    root = prefix(lang)
    fixed = {"home": root, "news": f"{root}news/", "category": f"{root}news/category/doi-ngoai/",
             "year": f"{root}news/2025/", "news-page-2": f"{root}news/page/2/", "about": f"{root}about/",
             "procedures": f"{root}procedures/", "desk": f"{root}procedures/print/", "search": root,
             "accessibility": f"{root}accessibility/", "privacy": f"{root}privacy/", "terms": f"{root}terms/",
             "sitemap": f"{root}sitemap/", "documents": f"{root}documents/"}
    if kind in fixed:
        path = fixed[kind]
        return path if (site / path / "index.html").is_file() else None
    if kind == "404":
        # Served for any missing address under the language's folder (nginx, tests' StaticServer).
        return f"{root}this-page-does-not-exist/" if (site / root / "404.html").is_file() else None
    if kind == "article":
        return first_page(site, f"{root}news", 'class="portal-article"')
    if kind == "stand-in":
        return first_page(site, f"{root}news", 'class="admonition info portal-missing"')
    if kind == "procedure":
        catalogue = site / root / "procedures"
        pages = sorted(p for p in catalogue.glob("*/index.html") if p.parent.name not in ("desk", "print"))
        return pages[0].parent.relative_to(site).as_posix() + "/" if pages else None
    if kind == "document":
        return first_page(site, f"{root}documents", 'class="portal-document"')
    raise ValueError(kind)
