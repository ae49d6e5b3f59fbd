"""News listings generated at build time: the news list, a page per category and per year,
all paginated, in every language. Never written into docs/."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..content.news import Article, News, in_category
from ..languages import CODES
from ..content.site_data import Category

NEWS_ROOT = "news/"


@dataclass
class Listing:
    """One page of a news listing in one language."""

    lang: str
    kind: str
    """`news`, `category` or `year`."""
    first_norm: str
    """The norm path of the listing's first page (`news/category/doi-ngoai/`)."""
    page_number: int
    page_count: int
    items: list[Article]
    total: int
    category: Category | None = None
    year: int | None = None

    @property
    def norm(self) -> str:
        return page_norm(self.first_norm, self.page_number)

    def norm_of_page(self, number: int) -> str:
        return page_norm(self.first_norm, number)


def page_norm(first_norm: str, number: int) -> str:
    return first_norm if number == 1 else f"{first_norm}page/{number}/"


def page_window(current: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a listing page links to: the first and the last, and `around` pages
    either side of the current one, with None where numbers are left out (`1 None 7 8 9 10 11
    None 97`). Linking every page would make every listing page grow with the archive."""
    window: list[int | None] = []
    for number in sorted({1, count, *range(current - around, current + around + 1)}):
        if 1 <= number <= count:
            if window and number - window[-1] == 2:
                window.append(number - 1)  # an ellipsis would hide just one number
            elif window and number - window[-1] > 2:
                window.append(None)
            window.append(number)
    return window


def category_norm(slug: str) -> str:
    return f"{NEWS_ROOT}category/{slug}/"


def year_norm(year: int) -> str:
    return f"{NEWS_ROOT}{year}/"


def _paginate(lang: str, kind: str, first_norm: str, articles: list[Article], per_page: int, **extra) -> list[Listing]:
    page_count = max(1, math.ceil(len(articles) / per_page))
    return [
        Listing(lang, kind, first_norm, number, page_count,
                articles[(number - 1) * per_page : number * per_page], len(articles), **extra)
        for number in range(1, page_count + 1)
    ]


def publication_years(news: News) -> list[int]:
    """Years with a published version in any language, newest first: every language gets the
    same year pages, so the language switcher on a year page always has a target."""
    years = {
        article.publication_time(lang).year
        for article in news.articles.values()
        for lang in CODES
        if article.is_published(lang)
    }
    return sorted(years, reverse=True)


def build_listings(news: News, lang: str, categories: dict[str, Category], per_page: int) -> list[Listing]:
    published = news.published(lang)
    listings = _paginate(lang, "news", NEWS_ROOT, published, per_page)
    for category in categories.values():
        items = in_category(published, category.slug)
        listings += _paginate(lang, "category", category_norm(category.slug), items, per_page, category=category)
    for year in publication_years(news):
        items = [article for article in published if article.publication_time(lang).year == year]
        listings += _paginate(lang, "year", year_norm(year), items, per_page, year=year)
    return listings
