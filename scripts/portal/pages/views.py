"""What templates show: plain dictionaries built from the model, with dates localized by Babel
and links as site-relative paths (templates pass them through MkDocs' `url` filter)."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import unquote

from babel.dates import format_date

from ..content.change_notes import Change, w3c_datetime
from ..content.news import Article
from ..languages import BY_CODE, CODES
from ..content.news_schema import lead_image_target
from ..content.site_data import Category
from .listings import category_norm, year_norm
from .urls import BuildLayout, norm_path_of


DATE_PATTERNS = {"vi": "dd/MM/yyyy"}
"""Languages whose readers expect another date form than Babel's long one: the Vietnamese
administration writes dates as 24/12/2025 (Babel's long form is "24 tháng 12, 2025")."""


def localized_date(moment: datetime, lang: str) -> str:
    """`05/03/2025`, `March 5, 2025`, `2025年3月5日`, `2025年3月5日`, `2025년 3월 5일`."""
    return localized_day(moment.date(), lang)


@lru_cache(maxsize=16384)
def localized_day(day: date, lang: str) -> str:
    # Keyed by day, not by the moment: many articles share a day, few a minute.
    return format_date(day, format=DATE_PATTERNS.get(lang, "long"), locale=BY_CODE[lang].babel_locale)


def last_updated_view(change: Change | None, lang: str) -> dict | None:
    """A page's "last updated" line: the date as the site writes it, the `<time datetime>` value,
    and the change note (plain text, possibly empty). None when the page has no known change."""
    if change is None:
        return None
    return {"date": localized_date(change.moment, lang), "date_iso": w3c_datetime(change), "note": change.note}


def article_norm(article: Article) -> str:
    return norm_path_of(article.key + ".md")


def lead_image_path(article: Article, lang: str) -> str | None:
    """Site-relative path of the version's lead image (images are shared by all languages)."""
    image = lead_image_written(article, lang)
    # A value outside the rule (`schema.lead_image_target`) shows no image; `portal check`, the
    # build's checks and the feeds refuse it.
    return lead_image_target(article.versions[lang].rel_path, image) if image else None


def lead_image_written(article: Article, lang: str):
    """The version's `image` value as written, else the source's (a translation inherits it)."""
    version = article.versions[lang]
    return version.meta.get("image") or (article.source.meta.get("image") if article.source else None)


def article_card(article: Article, lang: str, layout: BuildLayout, categories: dict[str, Category]) -> dict:
    version = article.versions[lang]
    moment = article.publication_time(lang)
    return {
        "title": version.title,
        "url": layout.site_path(lang, article_norm(article)),
        "date_iso": moment.isoformat(),
        "date": localized_date(moment, lang),
        "summary": version.summary,
        "image": lead_image_path(article, lang),
        "categories": [
            {"label": categories[slug].label(lang), "url": layout.site_path(lang, category_norm(slug)), "slug": slug}
            for slug in article.categories
            if slug in categories
        ],
        "year_url": layout.site_path(lang, year_norm(moment.year)),
    }


class ArticleCards:
    """The article cards of one language pass, each made once: an article shows on many pages
    (its listings, the home page, its neighbours' pages). Cards are shared, so read, not changed."""

    def __init__(self, lang: str, layout: BuildLayout, categories: dict[str, Category]):
        self.lang, self.layout, self.categories = lang, layout, categories
        self._made: dict[str, dict] = {}

    def __call__(self, article: Article) -> dict:
        card = self._made.get(article.key)
        if card is None:
            card = self._made[article.key] = article_card(article, self.lang, self.layout, self.categories)
        return card

    def forget(self, article: Article) -> None:
        self._made.pop(article.key, None)


def article_view(article: Article, cards: ArticleCards,
                 neighbours: dict[str, tuple[Article | None, Article | None]],
                 body_html: str = "", page_url: str = "") -> dict:
    """Everything an article page shows around its text, including the previous (older) and next
    (newer) article in the same language. `image_in_text` says whether the text (`body_html` of
    the page at `page_url`) shows the lead photo already (editors often open the text with it):
    the page then shows it once, in the text."""
    lang, layout = cards.lang, cards.layout
    view = dict(cards(article))
    version = article.versions[lang]
    newer, older = neighbours.get(article.key, (None, None))
    view["newer"] = cards(newer) if newer else None
    view["older"] = cards(older) if older else None
    view["image"] = lead_image_path(article, lang)
    view["image_in_text"] = bool(view["image"]) and any(is_same_image(shown, view["image"])
                                                        for shown in images_in(body_html, page_url))
    view["image_alt"] = str(version.meta.get("image_alt") or (article.source.meta.get("image_alt", "") if article.source else ""))
    view["last_updated"] = last_updated_view(article.last_change(lang), lang)
    # Open Graph's modified time: only for a version that was changed after its publication.
    view["modified_iso"] = view["last_updated"]["date_iso"] if version.change is not None else ""
    view["other_languages"] = [
        {"lang": other, "name": BY_CODE[other].native_name, "url": layout.site_path(other, article_norm(article))}
        for other in CODES
        if other != lang and article.is_published(other)
    ]
    return view


_VARIANT_SUFFIX = re.compile(r"-\d+w(\.[A-Za-z0-9]+)$")
"""A web-sized variant's name (`photo-960w.jpg`, portal.build.images.variant_path)."""


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")

    handle_startendtag = handle_starttag


def images_in(body_html: str, page_url: str) -> list[str]:
    """Site-relative paths of the local images a page's text shows (`page_url` is the page's
    own, which relative addresses start from)."""
    if not body_html or "<img" not in body_html:
        return []
    reader = _ImageSources()
    reader.feed(body_html)
    reader.close()
    folder = page_url if page_url == "" or page_url.endswith("/") else posixpath.dirname(page_url)
    paths = []
    for src in reader.sources:
        src = unquote(src.split("?", 1)[0].split("#", 1)[0])
        if not src or re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.IGNORECASE):
            continue
        paths.append(src.lstrip("/") if src.startswith("/") else posixpath.normpath(posixpath.join(folder, src)))
    return paths


def is_same_image(shown: str, original: str) -> bool:
    """Whether `shown` is the image at `original` or one of its web-sized variants."""
    return shown == original or _VARIANT_SUFFIX.sub(r"\1", shown) == original


def neighbours_in(published_newest_first: list[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    """article key -> (newer article, older article) within one language's list."""
    result = {}
    for position, article in enumerate(published_newest_first):
        newer = published_newest_first[position - 1] if position > 0 else None
        older = published_newest_first[position + 1] if position + 1 < len(published_newest_first) else None
        result[article.key] = (newer, older)
    return result
