"""Which documents feeds exist and where: an RSS and an Atom feed of each language's documents,
at fixed paths beside the list (`documents/rss.xml`, `documents/atom.xml`, `/en/documents/...`).
Pages link them (`links`); `portal.feeds` writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..content.site_data import localized, translate_ui
from ..messages import _
from ..pages.feed_links import FORMATS, FeedError, FeedFormat
from ..pages.urls import BuildLayout
from .model import LISTING_NORM, Document, Documents


def department_name(info: dict, lang: str) -> str:
    name = localized(info.get("department"), lang)
    if not isinstance(name, str) or not name.strip():
        raise FeedError(_("docs/_data/site.yml: 'department' missing; feeds name the department as their author"))
    return name


@dataclass(frozen=True)
class DocumentFeedScope:
    lang: str
    now: datetime | None = None

    page_norm = LISTING_NORM
    """The HTML page the feed follows: the list of documents."""

    def norm(self, feed_format: FeedFormat) -> str:
        return LISTING_NORM + feed_format.filename

    def documents(self, documents: Documents) -> list[Document]:
        """Documents with a published version in this language (never the Vietnamese stand-in of
        a missing translation), by publication on the portal, newest first."""
        published = sorted(documents.published(self.lang, self.now), key=lambda document: document.name)
        published.sort(key=lambda document: document.publication_time(self.lang), reverse=True)
        return published

    def title(self, department: str) -> str:
        return translate_ui(self.lang, "documents.feed_title", department=department)

    def description(self, department: str) -> str:
        return translate_ui(self.lang, "documents.feed_description", department=department)

    def links(self, info: dict, layout: BuildLayout) -> list[dict]:
        """What templates need to link the feeds: {type, url, title, label}, `url` site-relative."""
        title = self.title(department_name(info, self.lang))
        return [{"type": feed_format.media_type, "url": layout.site_path(self.lang, self.norm(feed_format)),
                 "title": f"{title} ({feed_format.label})", "label": feed_format.label}
                for feed_format in FORMATS]
