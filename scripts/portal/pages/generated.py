"""Pages the build makes that have no file in docs/: the news listings (every page of the news
list, of each category and of each year) and, for an article missing in a language, the
'not available in this language' page (a stand-in). The procedures add their catalogue and desk
print-out (`portal.procedures.pages`). The engine adapter turns each into a page of the build."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..content.site_data import translate_ui
from ..front_matter import dump_front_matter
from .listings import Listing
from .model import SiteModel
from .urls import norm_path_of
from .views import article_norm

LISTING_TEMPLATE = "news-list.html"
STAND_IN_TEMPLATE = "missing-translation.html"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """A name in the suffix structure (`news/page/2/index.en.md`), as if the page were a file."""
    lang: str
    norm: str
    title: str
    template: str
    body: str = ""
    """Markdown under the front matter: a section page's text above its list."""
    info: dict = field(default_factory=dict)
    """What the build keeps about the page: `kind` and the model objects its template shows."""

    @property
    def markdown(self) -> str:
        return f"---\n{_front_matter(str(self.title), self.template)}---\n{self.body}"


@lru_cache(maxsize=4096)
def _front_matter(title: str, template: str) -> str:
    # The title (a category label from site data, a UI string) is text: written as YAML by the
    # YAML library, so no character of it can change the front matter's structure. Remembered:
    # the thousand stand-ins of a language share one title.
    return dump_front_matter({"title": title, "template": template})


def is_listing_intro(site: SiteModel, lang: str, src_uri: str) -> bool:
    """A section page (news/index.md, news/2025/index.md...) whose text heads a generated list."""
    return src_uri.startswith("news/") and norm_path_of(src_uri) in {listing.norm for listing in site.listings[lang]}


def listing_pages(site: SiteModel, lang: str, intros: dict[str, str]) -> list[GeneratedPage]:
    """Every page of every listing in `lang`; `intros` maps a listing's norm path to the text of
    its section page (shown on the first page only)."""
    return [
        GeneratedPage(f"{listing.norm}index.{lang}.md", lang, listing.norm, listing_title(listing, lang),
                      LISTING_TEMPLATE, body_of(intros.get(listing.norm, "")) if listing.page_number == 1 else "",
                      {"kind": "listing", "listing": listing})
        for listing in site.listings[lang]
    ]


def stand_in_pages(site: SiteModel, lang: str) -> list[GeneratedPage]:
    """The 'not available in this language' page of every published article `lang` lacks."""
    pages = []
    for article in site.news.articles.values():
        if site.pages.is_stand_in(lang, article_norm(article)):
            title = translate_ui(lang, "missing.title", language=translate_ui(lang, f"language_name.{lang}"))
            pages.append(GeneratedPage(f"{article.key}.{lang}.md", lang, article_norm(article), title,
                                       STAND_IN_TEMPLATE, info={"kind": "stand-in", "article": article}))
    return pages


def listing_title(listing: Listing, lang: str) -> str:
    if listing.kind == "category":
        title = translate_ui(lang, "news.category_title", label=listing.category.label(lang))
    elif listing.kind == "year":
        title = translate_ui(lang, "news.year_title", year=listing.year)
    else:
        title = translate_ui(lang, "news.title")
    if listing.page_number > 1:
        title += " - " + translate_ui(lang, "news.page_of", number=listing.page_number, count=listing.page_count)
    return title


def body_of(text: str) -> str:
    """A section page's text without its front matter."""
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            return parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return text
