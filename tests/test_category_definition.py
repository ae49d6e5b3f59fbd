"""One definition of "article in category X" (CONTENT.md, "Publication"): an article's categories
are those of its published versions together, and the category pages, the category feeds and
the counts all use it. Checked on generated news, in every language, including versions without
`categories` of their own, and drafts and undated versions whose categories must not count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.content.news import Article, News, Version
from portal.content.site_data import Category
from portal.counting.counts import Period, count_period
from portal.languages import CODES, DEFAULT
from portal.pages.feed_links import FeedScope
from portal.pages.listings import build_listings
from portal.timezone import VIETNAM_OFFSET

SLUGS = ("doi-ngoai", "thong-bao", "dau-tu")
CATEGORIES = {slug: Category(slug, {DEFAULT: slug}, {}) for slug in SLUGS}
START = datetime(2024, 1, 1, 8, tzinfo=VIETNAM_OFFSET)

versions = st.fixed_dictionaries({
    "categories": st.none() | st.lists(st.sampled_from(SLUGS), max_size=2, unique=True),
    "draft": st.booleans(),
    "day": st.none() | st.integers(0, 700),
})
articles = st.lists(st.dictionaries(st.sampled_from(CODES), versions, min_size=1), min_size=1, max_size=12)


def make_news(drawn) -> News:
    news = News()
    for number, by_lang in enumerate(drawn):
        key = f"news/2024/a-{number:02d}"
        article = news.articles[key] = Article(key)
        for lang, fields in by_lang.items():
            meta = {"title": f"{key} {lang}"}
            if fields["categories"] is not None:
                meta["categories"] = fields["categories"]
            if fields["draft"]:
                meta["draft"] = True
            # The source always has a date (the build refuses one without); a translation may inherit it.
            day = fields["day"] if fields["day"] is not None or lang != DEFAULT else number
            own_time = START + timedelta(days=day, minutes=number) if day is not None else None
            article.versions[lang] = Version(f"{key}.{lang}.md", key, lang, meta, own_time=own_time)
    return news


@settings(max_examples=60, deadline=None)
@given(articles)
def test_category_pages_feeds_and_counts_use_one_definition(drawn):
    news = make_news(drawn)
    published = {lang: news.published(lang) for lang in CODES}
    site = SimpleNamespace(published=published,
                           listings={lang: build_listings(news, lang, CATEGORIES, per_page=3) for lang in CODES})
    everything = Period(date(2023, 1, 1), date(2027, 12, 31))
    for lang in CODES:
        listings = site.listings[lang]
        for slug, category in CATEGORIES.items():
            on_pages = [article.key for listing in listings if listing.kind == "category" and listing.category is category
                        for article in listing.items]
            in_feed = [article.key for article in FeedScope(lang, category).articles(site)]
            assert in_feed == on_pages
            counted = count_period(news, everything, languages=[lang], categories=[slug]).by_category[slug].versions
            assert counted == len(on_pages)
            # The definition itself: the categories of the article's published versions together.
            expected = [article.key for article in published[lang]
                        if any(slug in (version.meta.get("categories") or [])
                               for other, version in article.versions.items() if article.is_published(other))]
            assert on_pages == expected
