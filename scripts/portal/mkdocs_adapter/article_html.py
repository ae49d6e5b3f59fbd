"""The articles' HTML the feeds carry, for one language pass, whichever pages the pass built.

A feed holds each article's body as the site renders it: the Markdown after every plugin's
`on_page_markdown`, converted as MkDocs converts it (its links resolved against the pass's
files), before the portal's page-only touches (photo variants, see `LanguagePass.page_rendered`).
The feeds are written after the pages (`AFTER_PAGES`) from the content model; they ask this for
the HTML of each article they carry:

- an article whose page this pass built was converted then: that HTML was kept (only for the
  articles some feed carries, `feeds.feed_articles`), and is given back;
- any other (a shard that builds part of a language writes all of its feeds, but builds only
  its part of the pages) is converted now, through the same plugin events and renderer (with
  the speed-ups, usually a hit of the Markdown cache).

So the feeds do not depend on which pages the pass built nor on the order of events, and no
page is built only because a feed needs its article."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from ..content.news import Article
from . import compat


class ArticleHtml:
    def __init__(self, config, wanted: set[str]):
        self.config = config
        self.wanted = wanted
        """Source paths (`news/2025/a.en.md`) of the versions a feed of the pass carries."""
        self.files = None
        self._kept: dict[str, str] = {}
        self.converted_late = 0
        """How many bodies were converted in the feed step (tests read it)."""

    def keep(self, src_uri: str, html: str) -> None:
        """A page of the pass was converted: keep its HTML if a feed carries it."""
        if src_uri in self.wanted:
            self._kept[src_uri] = html

    def __call__(self, article: Article, lang: str) -> str:
        src_uri = article.versions[lang].rel_path
        kept = self._kept.get(src_uri)
        if kept is not None:
            return kept
        file = self.files.get_file_from_path(src_uri) if self.files is not None else None
        if file is None:
            raise PluginError(f"{src_uri}: not among the files of the {lang} build, so its feed entry has no content")
        self.converted_late += 1
        return compat.convert_page_markdown(file, self.config, self.files)

    @property
    def kept(self) -> int:
        """How many articles' HTML is kept now."""
        return len(self._kept)

    def clear(self) -> None:
        self._kept = {}
