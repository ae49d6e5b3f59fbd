"""RSS 2.0 and Atom feeds of the news, one pair per language and one per category and language.

Built with feedgen from the site model and each article's HTML, asked of the engine adapter
(`ArticleHtml`: any article's body rendered from its Markdown, whichever pages this process
built); independent of MkDocs. Which feeds exist and where pages link them is `portal.pages.feed_links`. Output depends on content only (no clock, no build order), so two builds of the same
content give byte-identical feeds. Paths are fixed because other tools rely on them:
`rss.xml` and `atom.xml` at the language's root (`/`, `/en/`...), and the same names in each
category's folder (`news/category/<slug>/`).
"""

from __future__ import annotations

import html
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from lxml import html as lxml_html

from .content.news import Article
from .content.news_schema import lead_image_refusal
from .content.site_data import translate_ui
from .documents.model import LISTING_NORM
from .documents.pages import DocumentPages
from .documents.views import DocumentViews
from .languages import DEFAULT
from .messages import _
from .pages.feed_links import FORMATS, RSS, FeedError, FeedFormat, FeedScope, department_of, feed_scopes
from .pages.listings import NEWS_ROOT
from .pages.model import SiteModel
from .pages.urls import BuildLayout
from .pages.views import article_norm, lead_image_path, lead_image_written
from .timezone import VIETNAM_OFFSET

ArticleHtml = Callable[[Article, str], str]
"""(article, language) -> the HTML of that version's body as the site renders it (relative
links as on its page: the feed makes them absolute)."""

DEFAULT_FEED_SIZE = 20
SUMMARY_LIMIT = 300
"""Characters of article text used as the summary when the front matter has none."""
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=VIETNAM_OFFSET)
"""`updated` of a feed in a language with no article at all: any fixed time keeps rebuilds
identical, and the epoch cannot be mistaken for a real publication."""


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value) -> str:
    """`value` as text XML can hold: characters XML 1.0 forbids (control characters a YAML escape
    can produce; `portal check` reports them) are left out rather than failing the feed."""
    return _NOT_XML.sub("", str(value))


@lru_cache(maxsize=256)
def absolute_html(fragment: str, base_url: str) -> str:
    """The article's HTML with every link and image made absolute, as feed readers need.
    Remembered: an article is in its language's feed, its categories' feeds, in two formats."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    serialized = lxml_html.tostring(root, encoding="unicode")
    return serialized[len("<div>"):-len("</div>")]


@lru_cache(maxsize=256)
def excerpt(fragment: str, limit: int = SUMMARY_LIMIT) -> str:
    """Plain text of the first paragraph with text, cut at a word where there are words."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    text = next((p for p in paragraphs if p), " ".join(root.text_content().split()))
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # Text with spaces is cut at a word; Chinese and Japanese have none and are cut anywhere.
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:、，。") + "…"


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    media_type: str


def lead_image_enclosure(site: SiteModel, article: Article, lang: str) -> Enclosure | None:
    written = lead_image_written(article, lang)
    refusal = lead_image_refusal(article.versions[lang].rel_path, written) if written else None
    if refusal is not None:
        # The rule `portal check` applies (schema.lead_image_target), in its words.
        raise FeedError(f"{article.versions[lang].rel_path}: image: {refusal[0]}; {refusal[1]}")
    image = lead_image_path(article, lang)
    if image is None:
        return None
    path = Path(site.docs_dir) / image
    try:
        length = path.stat().st_size
    except FileNotFoundError:
        raise FeedError(_("{path}: lead image '{image}' not found in the docs folder").format(
            path=article.versions[lang].rel_path, image=image)) from None
    media_type = mimetypes.guess_type(path.name)[0]
    if not media_type or not media_type.startswith("image/"):
        raise FeedError(_("{path}: lead image '{image}' is not a known image type").format(
            path=article.versions[lang].rel_path, image=image))
    # Pages show the root copy of shared images, whatever their language: so does the feed.
    return Enclosure(site.urls.url(DEFAULT, image), length, media_type)


def _channel(site: SiteModel, lang: str, scope, feed_format: FeedFormat) -> tuple[FeedGenerator, dict]:
    """A feed with its channel written (id, title, description, language, author, links) from
    `scope` (a news or a documents feed's scope), and the author its entries share."""
    department = xml_text(department_of(site, lang))
    author = {"name": department}
    if site.info.get("email"):
        # RSS writes an author only with an e-mail address.
        author["email"] = xml_text(site.info["email"])
    own_url = site.urls.url(lang, scope.norm(feed_format))
    generator = FeedGenerator()
    generator.id(own_url)
    generator.title(xml_text(scope.title(department)))
    # An RSS description is HTML to feed readers, an Atom subtitle is text: the description
    # (which names a category from site data) is escaped for RSS, so it stays text in both.
    description = xml_text(scope.description(department))
    generator.description(html.escape(description) if feed_format is RSS else description)
    generator.language(lang)
    generator.author(author)
    # feedgen uses the last link as the RSS channel's <link>: the self link first, the page last.
    generator.link(href=own_url, rel="self", type=feed_format.media_type)
    generator.link(href=site.urls.url(lang, scope.page_norm), rel="alternate", type="text/html")
    return generator, author


def build_feed(site: SiteModel, scope: FeedScope, feed_format: FeedFormat, article_html: ArticleHtml,
               size: int) -> bytes:
    """One feed file; `article_html` gives each article's HTML (`ArticleHtml`)."""
    lang = scope.lang
    articles = scope.articles(site)[:size]
    generator, author = _channel(site, lang, scope, feed_format)
    generator.updated(_newest_change(articles, lang) or _newest_change(site.published[lang], lang) or EMPTY_FEED_UPDATED)
    for article in articles:
        # feedgen prepends by default, which would turn newest-first into oldest-first.
        generator.add_entry(_entry(site, article, lang, article_html, author), order="append")
    if feed_format is RSS:
        return generator.rss_str(pretty=True)
    return generator.atom_str(pretty=True)


class _AtomEntryLinks(BaseEntryExtension):
    """feedgen 1.0.0 writes an Atom entry's links with `href` only (lkiesow/python-feedgen#135),
    which turns the enclosure into a second alternate link; this puts the attributes back."""

    ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")

    def __init__(self):
        self.links: list[dict] = []

    def extend_atom(self, entry):
        elements = entry.findall("link")
        if len(elements) != len(self.links):
            raise FeedError(f"feedgen wrote {len(elements)} links for {len(self.links)}: check the feedgen version")
        for element, link in zip(elements, self.links):
            for name in self.ATTRIBUTES:
                if link.get(name):
                    element.set(name, str(link[name]))
        return entry


def _entry(site: SiteModel, article: Article, lang: str, article_html: ArticleHtml, author: dict) -> FeedEntry:
    version = article.versions[lang]
    url = site.urls.url(lang, article_norm(article))
    content = absolute_html(xml_text(article_html(article, lang)), url)
    moment = article.publication_time(lang)
    entry = FeedEntry()
    entry.guid(url, permalink=True)
    entry.title(xml_text(version.title))
    entry.link(href=url, rel="alternate", type="text/html")
    # The summary is text (front matter, or the text of the article's first paragraph): given as
    # HTML-escaped text with type html, which RSS readers and Atom readers alike show as text.
    entry.summary(html.escape(xml_text(version.summary or excerpt(content)), quote=False), type="html")
    entry.content(content, type="html")
    entry.published(moment)
    entry.updated(article.last_updated(lang))
    entry.author(author)
    # scheme + term is the category's page, the slug being its stable identifier; the article's
    # categories are the ones its category pages and category feeds use (`Article.categories`).
    scheme = site.urls.url(lang, f"{NEWS_ROOT}category/")
    for slug in article.categories:
        if slug in site.categories:
            entry.category(term=slug, label=xml_text(site.categories[slug].label(lang)), scheme=scheme)
    enclosure = lead_image_enclosure(site, article, lang)
    if enclosure is not None:
        entry.enclosure(enclosure.url, enclosure.length, enclosure.media_type)
    entry.register_extension("portal_atom_links", _AtomEntryLinks, atom=True, rss=False)
    entry.portal_atom_links.links = entry.link()
    return entry


def _newest_change(articles: list[Article], lang: str) -> datetime | None:
    """The feed's `updated`: the newest change (`updated`, else publication) of its articles; for
    a feed without any, of the language's; from the content, never the clock."""
    return max((article.last_updated(lang) for article in articles), default=None)


def feed_articles(site: SiteModel, lang: str, size: int = DEFAULT_FEED_SIZE) -> list[Article]:
    """Every article one of the language's feeds carries, once each."""
    seen: dict[str, Article] = {}
    for scope in feed_scopes(site, lang):
        for article in scope.articles(site)[:size]:
            seen.setdefault(article.key, article)
    return list(seen.values())


def write_feeds(site: SiteModel, lang: str, article_html: ArticleHtml, site_dir: Path,
                layout: BuildLayout, size: int = DEFAULT_FEED_SIZE) -> list[Path]:
    """Write every feed of one language into the built site; returns the files written."""
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise FeedError(_("feed_size must be a whole number of at least 1, not {value!r}").format(value=size))
    written = []
    for scope in feed_scopes(site, lang):
        for feed_format in FORMATS:
            path = Path(site_dir) / layout.site_path(lang, scope.norm(feed_format))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(build_feed(site, scope, feed_format, article_html, size))
            written.append(path)
    return written


# -- the documents feeds (the documents section, portal.documents) ----------------------------------
# One RSS and one Atom feed per language of the documents published in it, beside the list
# (`documents/rss.xml`, `documents/atom.xml`); the same FeedGenerator settings as the news feeds.

def build_document_feed(site: SiteModel, documents: DocumentPages, lang: str, feed_format: FeedFormat,
                        layout: BuildLayout, size: int) -> bytes:
    scope = documents.feed_scope(lang)
    urls = site.urls
    chosen = scope.documents(documents.documents)[:size]
    generator, author = _channel(site, lang, scope, feed_format)
    generator.updated(chosen[0].publication_time(lang) if chosen else EMPTY_FEED_UPDATED)
    views = DocumentViews(documents.documents, urls, layout, documents.now)
    for document in chosen:
        generator.add_entry(_document_entry(document, views.page(document, lang), lang, author, urls), order="append")
    return generator.rss_str(pretty=True) if feed_format is RSS else generator.atom_str(pretty=True)


def _document_entry(document, view: dict, lang: str, author: dict, urls) -> FeedEntry:
    url = urls.url(lang, document.norm)
    moment = document.publication_time(lang)
    entry = FeedEntry()
    entry.guid(url, permalink=True)
    entry.title(xml_text(translate_ui(lang, "documents.feed_entry_title", kind=view["kind"]["label"],
                                      number=view["number"], title=view["title"])))
    entry.link(href=url, rel="alternate", type="text/html")
    summary = view["summary"] or view["title"]
    entry.summary(html.escape(xml_text(summary), quote=False), type="html")
    entry.content(document_entry_html(view, lang), type="html")
    entry.published(moment)
    entry.updated(moment)
    entry.author(author)
    entry.category(term=view["kind"]["slug"], label=xml_text(view["kind"]["label"]),
                   scheme=urls.url(lang, LISTING_NORM))
    if view["files"]:
        first = view["files"][0]
        entry.enclosure(first["public_url"], first["bytes"], first["media_type"])
    entry.register_extension("portal_atom_links", _AtomEntryLinks, atom=True, rss=False)
    entry.portal_atom_links.links = entry.link()
    return entry


def document_entry_html(view: dict, lang: str) -> str:
    """The entry's content: the summary, the document's identifiers and its files as links. Every
    value is text from the record, escaped."""
    def escaped(value) -> str:
        return html.escape(xml_text(value))

    facts = [("document.number", view["number"]), ("document.kind", view["kind"]["label"]),
             ("document.issued", view["issued"]), ("document.issuer", view["issuer"]),
             ("document.effective", view["effective"])]
    parts = [f"<p>{escaped(view['summary'])}</p>"] if view["summary"] else []
    parts.append("<ul>" + "".join(f"<li>{escaped(translate_ui(lang, key))}: {escaped(value)}</li>"
                                  for key, value in facts if value) + "</ul>")
    if view["files"]:
        parts.append(f"<p>{escaped(translate_ui(lang, 'document.files'))}:</p><ul>" + "".join(
            f'<li><a href="{escaped(item["public_url"])}" hreflang="{escaped(item["lang"])}">{escaped(item["title"])}</a> '
            f"{escaped(item['facts'])}</li>" for item in view["files"]) + "</ul>")
    return "".join(parts)


def write_document_feeds(site: SiteModel, documents: DocumentPages, lang: str, site_dir: Path, layout: BuildLayout,
                         size: int = DEFAULT_FEED_SIZE) -> list[Path]:
    """Write the documents feeds of one language into the built site; returns the files written."""
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise FeedError(_("feed_size must be a whole number of at least 1, not {size}").format(size=repr(size)))
    written = []
    scope = documents.feed_scope(lang)
    for feed_format in FORMATS:
        path = Path(site_dir) / layout.site_path(lang, scope.norm(feed_format))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_document_feed(site, documents, lang, feed_format, layout, size))
        written.append(path)
    return written
