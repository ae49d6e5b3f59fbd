"""Site search: a Pagefind index per language, built from the finished HTML of all languages.

The pages themselves say what is searchable (`data-pagefind-body` on the article, procedure or
page text, set by `overrides/partials/search-scope.html`); this package only runs the indexer
and reports what it did. The browser side is `overrides/assets/portal/search*.js`."""

from .pagefind_index import SearchIndexError, SearchIndexReport, build_search_index

__all__ = ["SearchIndexError", "SearchIndexReport", "build_search_index"]
