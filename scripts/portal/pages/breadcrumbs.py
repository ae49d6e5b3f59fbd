"""Breadcrumbs: where a page stands in the site, from the home page down to the page itself
(`Trang chủ › Tin tức › Hoạt động đối ngoại › <title>`), in the page's language.

A trail is computed here from what the build knows of the page (its kind, norm path and title,
the article's category, the listing's page); templates show it as a `nav` (the last crumb is the
page itself, marked `aria-current`) and as schema.org `BreadcrumbList` JSON-LD. The home page
and the 404 page have no trail: the first is the top, the second is nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.site_data import Category, translate_ui
from .listings import NEWS_ROOT, Listing, category_norm, year_norm
from .urls import BuildLayout, PublicUrls

HOME_NORM = ""
PROCEDURES_ROOT = "procedures/"
SECTION_LABELS = {NEWS_ROOT: "nav.news", PROCEDURES_ROOT: "nav.procedures"}
"""Sections whose pages sit below their section's own page in every trail."""
NO_TRAIL_KINDS = frozenset({"404"})


@dataclass(frozen=True)
class Crumb:
    name: str
    norm: str
    """The norm path of the crumb's page in the trail's language."""


def breadcrumb_trail(lang: str, kind: str, norm: str, title: str, *, category: Category | None = None,
                     listing: Listing | None = None) -> list[Crumb]:
    """The crumbs from the home page to the page at `norm` (its own crumb last, named `title`).

    `kind` is what the build calls the page (`article`, `listing`, `stand-in`, `procedure`,
    `procedure-catalogue`, `procedure-desk`, `page`, `sitemap`...); `category` is an article's
    first category, `listing` a listing page's model. Empty for the home page and the 404 page."""
    if norm == HOME_NORM or kind in NO_TRAIL_KINDS:
        return []
    crumbs = [Crumb(translate_ui(lang, "nav.home"), HOME_NORM)]
    section = next((root for root in SECTION_LABELS if norm.startswith(root)), None)
    if section is not None:
        crumbs.append(Crumb(translate_ui(lang, SECTION_LABELS[section]), section))
    if kind == "article" and category is not None:
        crumbs.append(Crumb(category.label(lang), category_norm(category.slug)))
    if kind == "listing" and listing is not None:
        crumbs += _listing_crumbs(listing, lang)
    elif norm != section:
        crumbs.append(Crumb(str(title), norm))
    return _without_repeats(crumbs)


def _listing_crumbs(listing: Listing, lang: str) -> list[Crumb]:
    """Below `News`: the category or the year, then the page number after the first page."""
    crumbs = []
    if listing.kind == "category" and listing.category is not None:
        crumbs.append(Crumb(listing.category.label(lang), category_norm(listing.category.slug)))
    elif listing.kind == "year" and listing.year is not None:
        crumbs.append(Crumb(str(listing.year), year_norm(listing.year)))
    if listing.page_number > 1:
        crumbs.append(Crumb(translate_ui(lang, "news.page_of", number=listing.page_number, count=listing.page_count),
                            listing.norm))
    return crumbs


def _without_repeats(crumbs: list[Crumb]) -> list[Crumb]:
    """A page named twice in its trail (a section page that is also the page) keeps its last crumb."""
    kept: list[Crumb] = []
    for crumb in crumbs:
        kept = [other for other in kept if other.norm != crumb.norm]
        kept.append(crumb)
    return kept


def breadcrumbs_view(crumbs: list[Crumb], lang: str, layout: BuildLayout, urls: PublicUrls) -> dict | None:
    """What templates show: `items` [{name, url (site-relative), current}] and `json_ld`, the
    schema.org BreadcrumbList as plain data (the template writes it with Jinja's `tojson`, which
    escapes `<`, `>`, `&` and `'`, so no name can end the script element). None without a trail."""
    if not crumbs:
        return None
    last = len(crumbs) - 1
    return {
        "items": [{"name": crumb.name, "url": layout.site_path(lang, crumb.norm), "current": position == last}
                  for position, crumb in enumerate(crumbs)],
        "json_ld": breadcrumb_list(crumbs, lang, urls),
    }


def breadcrumb_list(crumbs: list[Crumb], lang: str, urls: PublicUrls) -> dict:
    """schema.org `BreadcrumbList` with absolute addresses (positions count from 1)."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.name, "item": urls.url(lang, crumb.norm)}
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }
