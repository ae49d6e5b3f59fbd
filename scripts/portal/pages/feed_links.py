"""Which feeds exist and where: an RSS and an Atom feed of each language's news and of each
category in each language, at fixed paths (`rss.xml` and `atom.xml` at the language's root and in
each category's folder). Pages link them (`feed_links`); `portal.feeds` writes them."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.news import Article
from ..content.site_data import Category, localized, translate_ui
from ..messages import _
from .listings import NEWS_ROOT, category_norm
from .model import SiteModel
from .urls import BuildLayout


class FeedError(ValueError):
    """Feeds cannot be written as configured or from this content; the message says what to fix."""


@dataclass(frozen=True)
class FeedFormat:
    name: str
    filename: str
    media_type: str
    label: str
    """Shown to readers next to the feed's title; the formats' own names, the same in every language."""


RSS = FeedFormat("rss", "rss.xml", "application/rss+xml", "RSS")
ATOM = FeedFormat("atom", "atom.xml", "application/atom+xml", "Atom")
FORMATS = (RSS, ATOM)


@dataclass(frozen=True)
class FeedScope:
    """What one feed holds: the news of one language, or of one category in one language."""

    lang: str
    category: Category | None = None

    @property
    def folder_norm(self) -> str:
        """The norm path of the folder the feed files sit in (`` or `news/category/<slug>/`)."""
        return category_norm(self.category.slug) if self.category else ""

    @property
    def page_norm(self) -> str:
        """The HTML page the feed follows: the news list or the category's first page."""
        return category_norm(self.category.slug) if self.category else NEWS_ROOT

    def norm(self, feed_format: FeedFormat) -> str:
        return self.folder_norm + feed_format.filename

    def articles(self, site: SiteModel) -> list[Article]:
        """Published versions in this language, newest first (drafts and stand-ins never are);
        a category's are the ones its listing pages show, read from those pages (which hold the
        articles `in_category`)."""
        if self.category is None:
            return site.published[self.lang]
        return [article for listing in site.listings[self.lang]
                if listing.kind == "category" and listing.category.slug == self.category.slug
                for article in listing.items]

    def title(self, department: str) -> str:
        if self.category is None:
            return translate_ui(self.lang, "feed.title", department=department)
        return translate_ui(self.lang, "feed.category_title", department=department, label=self.category.label(self.lang))

    def description(self, department: str) -> str:
        if self.category is None:
            return translate_ui(self.lang, "feed.description", department=department)
        return translate_ui(self.lang, "feed.category_description", department=department,
                            label=self.category.label(self.lang))


def feed_scopes(site: SiteModel, lang: str) -> list[FeedScope]:
    return [FeedScope(lang), *(FeedScope(lang, category) for category in site.categories.values())]


def department_of(site: SiteModel, lang: str) -> str:
    name = localized(site.info.get("department"), lang)
    if not name:
        raise FeedError(_("docs/_data/site.yml: 'department' missing; feeds name the department as their author"))
    return str(name)


def feed_links(site: SiteModel, lang: str, layout: BuildLayout) -> dict:
    """What templates need to link the feeds: `language` (the language's feeds) and
    `categories` (slug -> that category's feeds), each a list of {type, url, title, label}
    with `url` site-relative for MkDocs' `url` filter."""
    department = department_of(site, lang)

    def links(scope: FeedScope) -> list[dict]:
        title = scope.title(department)
        return [
            {"type": feed_format.media_type, "url": layout.site_path(lang, scope.norm(feed_format)),
             "title": f"{title} ({feed_format.label})", "label": feed_format.label}
            for feed_format in FORMATS
        ]

    scopes = feed_scopes(site, lang)
    return {
        "language": links(scopes[0]),
        "categories": {scope.category.slug: links(scope) for scope in scopes[1:]},
    }
