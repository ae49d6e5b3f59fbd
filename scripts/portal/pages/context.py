"""Template context of the generated pages and of every page of a language pass: plain
dictionaries from the model, built here so the MkDocs plugin only hands them over."""

from __future__ import annotations

from ..content.news import Article
from .feed_links import feed_links
from ..languages import BY_CODE, DEFAULT
from ..content.site_data import translate_ui
from .listings import Listing, page_window
from .model import SiteModel
from .reader_aids import error_page_feedback
from .site_map import about_site_links
from .urls import BuildLayout
from .views import ArticleCards, article_norm, last_updated_view, localized_date


def pass_context(site: SiteModel, lang: str, layout: BuildLayout) -> dict:
    """What every page of one language shows around its content (header, footer, side lists)."""
    return {
        "portal_lang": lang,
        "portal_site": site.info,
        # Newest content's year, not the clock's; none without any article ("© Department").
        "portal_year": site.copyright_year or "",
        "portal_urls": {
            "home": layout.site_path(lang, ""),
            "news": layout.site_path(lang, "news/"),
            "procedures": layout.site_path(lang, "procedures/"),
            "about": layout.site_path(lang, "about/"),
        },
        "portal_categories": [
            {"slug": cat.slug, "label": cat.label(lang), "url": layout.site_path(lang, f"news/category/{cat.slug}/")}
            for cat in site.categories.values()
        ],
        "portal_years": [
            {"year": listing.year, "url": layout.site_path(lang, listing.norm)}
            for listing in site.listings[lang] if listing.kind == "year" and listing.page_number == 1
        ],
        "portal_feeds": feed_links(site, lang, layout),
        "portal_preview_future": site.previewing_future,
        # The footer's links to the accessibility statement, privacy, terms of use and sitemap;
        # the feedback prompt of a page without an address of its own (404).
        "portal_about_site": about_site_links(site.pages, lang, layout),
        "portal_error_feedback": error_page_feedback(site, lang, translate_ui(lang, "error.title")),
    }


def listing_context(listing: Listing, cards: ArticleCards) -> dict:
    """A page of a listing in the language of `cards`."""
    lang = cards.lang

    def page_path(number: int) -> str:
        return cards.layout.site_path(lang, listing.norm_of_page(number))

    return {
        "kind": listing.kind,
        "category": listing.category.slug if listing.category else None,
        "category_description": listing.category.description(lang) if listing.category else "",
        "year": listing.year,
        "page_number": listing.page_number,
        "page_count": listing.page_count,
        "total": listing.total,
        "items": [cards(article) for article in listing.items],
        "previous_url": page_path(listing.page_number - 1) if listing.page_number > 1 else None,
        "next_url": page_path(listing.page_number + 1) if listing.page_number < listing.page_count else None,
        "pages": [{"number": n, "url": page_path(n)} if n else {"gap": True}
                  for n in page_window(listing.page_number, listing.page_count)],
    }


def stand_in_context(article: Article, lang: str, layout: BuildLayout) -> dict:
    """The 'not available in this language' page: the versions that exist, in the reader's words."""
    versions = []
    for other in article.published_languages():
        moment = article.publication_time(other)
        versions.append({
            "lang": other,
            "name": BY_CODE[other].native_name,
            "label": translate_ui(lang, "missing.read_in", language=translate_ui(lang, f"language_name.{other}")),
            "title": article.versions[other].title,
            "date": localized_date(moment, lang),
            "date_iso": moment.isoformat(),
            "url": layout.site_path(other, article_norm(article)),
        })
    return {
        "language": translate_ui(lang, f"language_name.{lang}"),
        "versions": versions,
        "news_url": layout.site_path(lang, "news/"),
    }


def page_last_updated(site: SiteModel, lang: str, norm: str) -> dict | None:
    """The "last updated" line of a page that is not an article (home, about...): its own
    `updated` and `change_note`, or for the home page the newest change of the news it shows;
    None when nothing is known (never the time of the build)."""
    return last_updated_view(site.pages.last_change(lang, norm), lang)


def translation_notice(site: SiteModel, src_uri: str, meta: dict, norm: str, layout: BuildLayout) -> dict | None:
    """The notice of a machine-translated page, or of a reviewed one whose source changed since."""
    state = site.translation_state(src_uri, meta)
    # A machine draft gets the machine notice even when its source moved on since.
    if meta.get("translation_status") == "machine":
        state = "machine"
    if state in ("machine", "outdated"):
        return {"state": state, "original_url": layout.site_path(DEFAULT, norm)}
    return None
