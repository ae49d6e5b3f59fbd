"""Everything the build needs to know about the site, computed once per build and shared by the
five language passes of static-i18n."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from ..content.news import Article, News, load_news
from ..front_matter import read_document
from ..languages import CODES, DEFAULT, split_language_suffix
from ..content.translation_status import source_hash_of, source_rel_path, state_of
from ..problems import ContentError, InputError
from ..content.site_data import Category, load_categories, load_site_info
from .listings import Listing, build_listings, publication_years
from .page_index import PageIndex, build_page_index
from .urls import PublicUrls
from .views import neighbours_in


@dataclass
class SiteModel:
    docs_dir: Path
    urls: PublicUrls
    news: News
    categories: dict[str, Category]
    info: dict
    listings: dict[str, list[Listing]]
    pages: PageIndex
    published: dict[str, list[Article]] = field(default_factory=dict)
    """Per language, the articles with a published version, newest first."""
    neighbours: dict[str, dict] = field(default_factory=dict)
    previewing_future: bool = False
    """Scheduled versions shown as published (`portal serve --future`): pages say so."""
    _source_hashes: dict[str, str | None] = field(default_factory=dict)

    @cached_property
    def copyright_year(self) -> int | None:
        """The year of the newest published article in any language: the footer's copyright year
        comes from the content, so a build of the same content gives the same site any day.
        Worked out once per model (a date change makes a new model)."""
        years = publication_years(self.news)
        return years[0] if years else None

    def translation_state(self, rel_path: str, meta: dict) -> str | None:
        """`machine`, `reviewed` or `outdated` for a translated page; None for a source page.
        Source hashes are computed once per build, however many languages ask."""
        if split_language_suffix(rel_path.rsplit("/", 1)[-1])[1] == DEFAULT:
            return None
        return state_of(self._source_hash(source_rel_path(self.docs_dir, rel_path)), meta)

    def _source_hash(self, source: str | None) -> str | None:
        if source not in self._source_hashes:
            self._source_hashes[source] = (
                source_hash_of(read_document(self.docs_dir / source), source) if source else None
            )
        return self._source_hashes[source]

    def hash_all_sources(self) -> None:
        """Hash now the source of every translated page (a kept model then carries them)."""
        for path in sorted(self.docs_dir.rglob("*.md")):
            rel = path.relative_to(self.docs_dir).as_posix()
            if any(part.startswith(("_", ".")) for part in rel.split("/")):
                continue
            if split_language_suffix(path.name)[1] != DEFAULT:
                try:
                    self._source_hash(source_rel_path(self.docs_dir, rel))
                except InputError:
                    pass  # the page that needs it reports it

    @classmethod
    def load(cls, docs_dir: Path, site_url: str, per_page: int, *, now: datetime | None = None,
             future: bool = False) -> "SiteModel":
        """The site at the moment `now` (default: `portal.clock`'s): what is published then. With
        `future`, every scheduled version as if published (the preview of `portal serve --future`)."""
        docs_dir = Path(docs_dir)
        news, problems = load_news(docs_dir, with_body=False, now=now, future=future)
        if problems:
            raise ContentError(problems)
        categories = load_categories(docs_dir)
        info = load_site_info(docs_dir)
        listings = {lang: build_listings(news, lang, categories, per_page) for lang in CODES}
        published = {lang: news.published(lang) for lang in CODES}
        return cls(
            docs_dir=docs_dir,
            urls=PublicUrls(site_url),
            news=news,
            categories=categories,
            info=info,
            listings=listings,
            pages=build_page_index(docs_dir, news, listings),
            published=published,
            neighbours={lang: neighbours_in(items) for lang, items in published.items()},
            previewing_future=future,
        )
