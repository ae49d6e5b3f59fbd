"""The HTML sitemap of each language (`/sitemap/`, `/<lang>/sitemap/`), and the pages about the
site itself that every footer links (accessibility statement, privacy, terms of use, sitemap).

The sitemap is generated from the page index and the news model, like the XML sitemap: the
site's sections and pages, the news categories, every published article of the language under
its year, and the procedures (given by `portal.procedures`, a layer above). The accessibility,
privacy and terms pages are Markdown pages of docs/ (`accessibility.<lang>.md`...), written by
the editors; the footer links those that exist in the page's language."""

from __future__ import annotations

from ..front_matter import read_document
from ..languages import CODES
from ..problems import InputError
from ..content.site_data import translate_ui
from .generated import GeneratedPage
from .listings import NEWS_ROOT
from .model import SiteModel
from .page_index import PageIndex
from .urls import BuildLayout
from .views import ArticleCards

SITE_MAP_NORM = "sitemap/"
SITE_MAP_TEMPLATE = "sitemap.html"
PROCEDURES_NORM = "procedures/"
DOCUMENTS_NORM = "documents/"
"""The documents section's list (`documents.model.LISTING_NORM`; the documents sit above the
pages among the layers, so the address is repeated here rather than imported)."""
ABOUT_SITE_PAGES = (("accessibility/", "footer.accessibility"), ("privacy/", "footer.privacy"),
                    ("terms/", "footer.terms"))
"""Pages of docs/ about the site itself, in the footer's order, with their short footer label."""
PAGE_ORDER = ("about/", *(norm for norm, _ in ABOUT_SITE_PAGES))
"""Where the sitemap lists the pages of docs/ it knows; other pages follow by address."""


def register_site_map(pages: PageIndex) -> None:
    """The sitemap exists in every language."""
    pages.languages.setdefault(SITE_MAP_NORM, set()).update(CODES)


def site_map_page(lang: str) -> GeneratedPage:
    return GeneratedPage(f"{SITE_MAP_NORM}index.{lang}.md", lang, SITE_MAP_NORM, translate_ui(lang, "sitemap.title"),
                         SITE_MAP_TEMPLATE, info={"kind": "sitemap"})


def about_site_links(pages: PageIndex, lang: str, layout: BuildLayout) -> list[dict]:
    """The footer's links to the pages about the site, [{label, url}], those that exist in `lang`."""
    links = [{"label": translate_ui(lang, key), "url": layout.site_path(lang, norm)}
             for norm, key in ABOUT_SITE_PAGES if pages.exists(lang, norm)]
    if pages.exists(lang, SITE_MAP_NORM):
        links.append({"label": translate_ui(lang, "sitemap.title"), "url": layout.site_path(lang, SITE_MAP_NORM)})
    return links


def site_map_view(site: SiteModel, lang: str, cards: ArticleCards, procedures: list[dict],
                  documents: list[dict] = ()) -> dict:
    """What the sitemap page of `lang` lists: `pages` [{title, url}], `categories` [{title, url}],
    `years` [{year, url, count, articles: [article cards]}], `procedures` and `documents` (as
    given: [{title, url, lang, fallback, code or number}])."""
    layout = cards.layout

    def entry(title: str, norm: str) -> dict:
        return {"title": title, "url": layout.site_path(lang, norm)}

    pages = [entry(translate_ui(lang, "nav.home"), ""), entry(translate_ui(lang, "nav.news"), NEWS_ROOT)]
    if site.pages.exists(lang, PROCEDURES_NORM):
        pages.append(entry(translate_ui(lang, "nav.procedures"), PROCEDURES_NORM))
    if site.pages.exists(lang, DOCUMENTS_NORM):
        pages.append(entry(translate_ui(lang, "nav.documents"), DOCUMENTS_NORM))
    pages += [entry(title, norm) for norm, title in written_pages(site, lang)]
    categories = [{"title": listing.category.label(lang), "url": layout.site_path(lang, listing.norm),
                   "count": listing.total}
                  for listing in site.listings[lang] if listing.kind == "category" and listing.page_number == 1]
    by_year: dict[int, list[dict]] = {}
    for article in site.published[lang]:
        by_year.setdefault(article.publication_time(lang).year, []).append(cards(article))
    years = [{"year": listing.year, "url": layout.site_path(lang, listing.norm), "count": listing.total,
              "articles": by_year.get(listing.year, [])}
             for listing in site.listings[lang] if listing.kind == "year" and listing.page_number == 1 and listing.total]
    return {"pages": pages, "categories": categories, "years": years, "procedures": procedures,
            "documents": list(documents)}


def written_pages(site: SiteModel, lang: str) -> list[tuple[str, str]]:
    """(norm, title) of the pages of docs/ in `lang` other than the home page and the sections'
    own pages (news, procedures): the about page, the pages about the site, any other page."""
    found = []
    for norm, files in site.pages.static_sources.items():
        # The sections' records (procedures, documents) are listed with their sections.
        if lang not in files or norm == "" or norm.startswith((NEWS_ROOT, PROCEDURES_NORM, DOCUMENTS_NORM)):
            continue
        found.append((norm, page_title(site, files[lang]) or norm.strip("/")))
    rank = {norm: position for position, norm in enumerate(PAGE_ORDER)}
    return sorted(found, key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def page_title(site: SiteModel, rel_path: str) -> str:
    """A page's title as MkDocs gives it: its front-matter `title`, else its first `# ` heading."""
    try:
        document = read_document(site.docs_dir / rel_path)
    except InputError:
        return ""  # `portal check` reports the file
    title = document.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for line in document.body.splitlines():
        if line.startswith("# "):
            return line[2:].strip().strip("#").strip()
    return ""
