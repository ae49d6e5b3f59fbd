"""Related articles under an article: other articles of the same language that share a category
with it, newest first, at most a few.

Each language's list is indexed by category once, so finding an article's related articles looks
at a few entries per category of the article, however large the archive (a scan of every
article for every article page would grow with the square of the archive)."""

from __future__ import annotations

import heapq
from itertools import islice

from ..content.news import Article

RELATED_COUNT = 4


class RelatedArticles:
    """The related articles of one language's published list (`published_newest_first`)."""

    def __init__(self, published_newest_first: list[Article]):
        self._by_category: dict[str, list[tuple[int, Article]]] = {}
        for position, article in enumerate(published_newest_first):
            for slug in dict.fromkeys(article.categories):
                self._by_category.setdefault(slug, []).append((position, article))

    def __call__(self, article: Article, limit: int = RELATED_COUNT) -> list[Article]:
        """Up to `limit` other articles sharing a category with `article`, newest first."""
        lists = [self._by_category.get(slug, []) for slug in dict.fromkeys(article.categories)]
        # Each category's list is newest first; `limit + 1` of each is enough even when the
        # article itself is among them, and merging by position keeps the language's order.
        firsts = [entries[: limit + 1] for entries in lists]
        found: list[Article] = []
        seen = {article.key}
        for _, other in heapq.merge(*firsts, key=lambda entry: entry[0]):
            if other.key not in seen:
                seen.add(other.key)
                found.append(other)
        return list(islice(found, limit))
