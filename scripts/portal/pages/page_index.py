"""Which page exists in which language: the basis of the language switcher, hreflang and the
sitemap. Computed from the docs folder and the news model, not from build state, so a build of
one language knows about the others."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..content.change_notes import Change, read_change
from ..content.news import News, is_article_file
from ..front_matter import read_front_matter
from ..languages import CODES, DEFAULT, split_language_suffix
from ..problems import InputError
from .listings import NEWS_ROOT, Listing
from .urls import norm_path_of

DATED_ELSEWHERE = ("procedures/",)
"""Folders of records that carry their own dates (a procedure's `updated`, registered by
`portal.procedures`): their pages' front matter is not read again here."""


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
    changes: dict[str, dict[str, Change]] = field(default_factory=dict)
    """norm path -> language -> the page's last change, where it is known (the pages' "last
    updated" line, the sitemap's `lastmod`): an article's `updated` or publication, a page's own
    `updated`, and for the home page and the listings the newest change of the news they list."""
    static_sources: dict[str, dict[str, str]] = field(default_factory=dict)
    """norm path of a page written in docs/ (not an article) -> language -> its docs-relative file."""

    def exists(self, lang: str, norm: str) -> bool:
        return lang in self.languages.get(norm, ())

    def last_change(self, lang: str, norm: str) -> Change | None:
        return self.changes.get(norm, {}).get(lang)

    def note_change(self, lang: str, norm: str, change: Change | None) -> None:
        """Record a change of the page, keeping the newest."""
        if change is None:
            return
        known = self.changes.setdefault(norm, {})
        if lang not in known or change.moment > known[lang].moment:
            known[lang] = change

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
        if not rel_path.startswith(DATED_ELSEWHERE):
            index.note_change(lang, norm_path_of(rel_path), _own_change(Path(docs_dir) / rel_path))
        index.static_sources.setdefault(norm_path_of(rel_path), {})[lang] = rel_path
    for article in news.articles.values():
        norm = norm_path_of(article.key + ".md")
        published = {lang for lang in CODES if article.is_published(lang)}
        if not published:
            continue
        index.languages[norm] = published
        index.stand_ins[norm] = set(CODES) - published
        for lang in published:
            index.note_change(lang, norm, article.last_change(lang))
    for lang, pages in listings.items():
        for listing in pages:
            index.languages.setdefault(listing.norm, set()).add(lang)
            if listing.page_number > 1:
                index.listing_roots[listing.norm] = listing.first_norm
        _note_news_changes(index, lang, pages)
    return index


def _own_change(path: Path) -> Change | None:
    """A page's own `updated` and `change_note`; None when it has none or cannot be read (the
    checks report that)."""
    try:
        return read_change(read_front_matter(path))
    except InputError:
        return None


def _note_news_changes(index: PageIndex, lang: str, listings: list[Listing]) -> None:
    """A listing's pages change whenever an article enters the listing (every page shifts) or one
    of its articles changes: each page's last change is the newest of the listing's articles.
    The home page shows the newest news: its last change is at least the newest of all."""
    newest: dict[str, Change] = {}
    for listing in listings:
        for article in listing.items:
            change = article.last_change(lang)
            known = newest.get(listing.first_norm)
            if change is not None and (known is None or change.moment > known.moment):
                newest[listing.first_norm] = change
    for listing in listings:
        change = newest.get(listing.first_norm)
        if change is not None:
            index.note_change(lang, listing.norm, Change(change.moment, change.day_only, ""))
    latest = newest.get(NEWS_ROOT)
    if latest is not None and lang in index.languages.get("", ()):
        index.note_change(lang, "", Change(latest.moment, latest.day_only, ""))


def x_default_language(languages: list[str]) -> str:
    return DEFAULT if DEFAULT in languages else languages[0]
