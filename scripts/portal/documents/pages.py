"""The documents' pages: a page per record and language, and the list generated in every
language. What the engine adapter asks of them, in a few calls (as of the procedures): load them
once per build, register the pages with the site's page index, say what each documents/ file of
a language pass is, give each page its template context, and the scope of the feeds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..content.site_data import translate_ui
from ..languages import CODES
from ..pages.generated import GeneratedPage
from ..pages.page_index import PageIndex
from ..pages.urls import BuildLayout, PublicUrls
from ..problems import ContentError
from ..procedures.pages import FileRole, intro_text
from .feed_scope import DocumentFeedScope
from .model import DOCUMENTS_FOLDER, LISTING_NORM, Documents, is_document_file, load_documents
from .views import DocumentViews

PAGE_TEMPLATE = "document.html"
LIST_TEMPLATE = "document-list.html"


class DocumentPages:
    def __init__(self, documents: Documents, urls: PublicUrls, info: dict, now: datetime | None = None):
        self.documents = documents
        self.urls = urls
        self.info = info
        """The site's information (docs/_data/site.yml): the department names the feeds."""
        self.now = now

    @classmethod
    def load(cls, docs_dir: Path, urls: PublicUrls, info: dict, now: datetime | None = None) -> "DocumentPages":
        """The documents of `docs_dir` as published at `now` (None: everything not a draft, as the
        preview of the future shows it)."""
        documents, problems = load_documents(docs_dir)
        if problems:
            raise ContentError(problems)
        return cls(documents, urls, info, now)

    def judge_at(self, now: datetime | None) -> None:
        """What is published is what is published at `now` (a kept model, used at a later build)."""
        self.now = now

    def register(self, pages: PageIndex) -> None:
        """The list exists in every language. A document has a page in each language it is
        published in (drafts and scheduled versions have none); from a language without one,
        the switcher opens that language's list."""
        pages.languages[LISTING_NORM] = set(CODES)
        for document in self.documents.by_name.values():
            published = set(document.published_languages(self.now))
            if published:
                pages.languages[document.norm] = published
            else:
                pages.languages.pop(document.norm, None)
            if published != set(CODES):
                pages.listing_roots[document.norm] = LISTING_NORM

    def role_of(self, rel: str) -> FileRole | None:
        """What the Markdown file at docs-relative `rel` is; None for a file outside documents/."""
        if not rel.startswith(f"{DOCUMENTS_FOLDER}/") or not rel.endswith(".md"):
            return None
        if rel.count("/") == 1 and rel.rsplit("/", 1)[-1].split(".", 1)[0] == "index":
            return FileRole("intro")
        version = self.documents.version_at(rel) if is_document_file(rel) else None
        document = self.documents.get(version.name) if version else None
        if document is None or not document.is_published(version.lang, self.now):
            return FileRole("dropped")  # a draft, scheduled, or without its Vietnamese record
        # The page's meta gets the data the translation inherits, as if the file said it, for
        # whatever reads page.meta (the description, the search index).
        return FileRole("page", {"kind": "document", "document": document,
                                 "meta": {**version.meta, "template": PAGE_TEMPLATE}})

    def generated_pages(self, lang: str, intro: str) -> list[GeneratedPage]:
        """The list of `lang`, headed by `intro` (the text of documents/index.<lang>.md)."""
        return [GeneratedPage(f"{LISTING_NORM}index.{lang}.md", lang, LISTING_NORM, translate_ui(lang, "documents.title"),
                              LIST_TEMPLATE, intro_text(intro), {"kind": "document-list"})]

    def site_map_entries(self, lang: str, layout: BuildLayout) -> list[dict]:
        """The documents in the HTML sitemap of `lang`, as the list shows them: each published
        document, in `lang` or else with its Vietnamese title, marked."""
        views = DocumentViews(self.documents, self.urls, layout, self.now)
        return [{key: card[key] for key in ("title", "url", "lang", "fallback", "number")}
                for card in (views.card(document, lang) for document in self.documents.listed(self.now))]

    def feed_scope(self, lang: str) -> DocumentFeedScope:
        return DocumentFeedScope(lang, self.now)

    def context(self, info: dict, lang: str, layout: BuildLayout) -> dict:
        views = DocumentViews(self.documents, self.urls, layout, self.now)
        feeds = self.feed_scope(lang).links(self.info, layout)
        if info["kind"] == "document":
            return {"document_page": views.page(info["document"], lang), "document_feeds": feeds}
        if info["kind"] == "document-list":
            return {"document_list": views.listing(lang), "document_feeds": feeds}
        return {}
