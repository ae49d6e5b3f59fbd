"""Which page exists in which language: the basis of the language switcher, hreflang and the
sitemap. Computed from the docs folder and the news model, not from build state, so a build of
one language knows about the others."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..content.news import News, is_article_file
from ..languages import CODES, DEFAULT, split_language_suffix
from .listings import Listing
from .urls import norm_path_of


@dataclass
class PageIndex:
    languages: dict[str, set[str]] = field(default_factory=dict)
    """norm path -> languages with a real (not stand-in) page."""
    stand_ins: dict[str, set[str]] = field(default_factory=dict)
    """norm path -> languages that show a 'not available in this language' page instead."""
    listing_roots: dict[str, str] = field(default_factory=dict)
    """norm path of a listing page -> its first page, where the switcher goes if the other
    language has fewer pages."""
    no_sitemap: set[str] = field(default_factory=set)
    static_sources: dict[str, dict[str, str]] = field(default_factory=dict)
    """norm path of a page written in docs/ (not an article) -> language -> its docs-relative file."""

    def exists(self, lang: str, norm: str) -> bool:
        return lang in self.languages.get(norm, ())

    def is_stand_in(self, lang: str, norm: str) -> bool:
        return lang in self.stand_ins.get(norm, ())

    def switch_target(self, lang: str, norm: str) -> str:
        """The norm path the switcher opens in `lang` from the page at `norm`."""
        if self.exists(lang, norm) or self.is_stand_in(lang, norm):
            return norm
        if norm in self.listing_roots:
            return self.listing_roots[norm]
        return ""

    def alternates(self, norm: str) -> list[str]:
        """Languages that have the page itself (the hreflang set), in the site's order."""
        return [lang for lang in CODES if self.exists(lang, norm)]


def _static_pages(docs_dir: Path):
    for folder, dirnames, filenames in os.walk(docs_dir):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in filenames:
            if not filename.endswith(".md") or filename.startswith((".", "_")):
                continue
            rel_path = (Path(folder) / filename).relative_to(docs_dir).as_posix()
            if not is_article_file(rel_path):
                yield rel_path


def build_page_index(docs_dir: Path, news: News, listings: dict[str, list[Listing]]) -> PageIndex:
    index = PageIndex()
    for rel_path in _static_pages(Path(docs_dir)):
        _, lang = split_language_suffix(rel_path.rsplit("/", 1)[-1])
        index.languages.setdefault(norm_path_of(rel_path), set()).add(lang)
        index.static_sources.setdefault(norm_path_of(rel_path), {})[lang] = rel_path
    for article in news.articles.values():
        norm = norm_path_of(article.key + ".md")
        published = {lang for lang in CODES if article.is_published(lang)}
        if not published:
            continue
        index.languages[norm] = published
        index.stand_ins[norm] = set(CODES) - published
    for lang, pages in listings.items():
        for listing in pages:
            index.languages.setdefault(listing.norm, set()).add(lang)
            if listing.page_number > 1:
                index.listing_roots[listing.norm] = listing.first_norm
    return index


def x_default_language(languages: list[str]) -> str:
    return DEFAULT if DEFAULT in languages else languages[0]
