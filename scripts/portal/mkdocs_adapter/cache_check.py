"""The caches checking themselves: `PORTAL_VERIFY_CACHES` (CI runs it on the sample site).

The Markdown cache (`markdown_render`), the shared fragments (`fragments`) and the kept pages
(`page_cache`) give a page what a plain MkDocs build would, only if their keys hold everything
the output depends on. That is
kept by hand (a fragment's key mirrors what its template reads), so a build can check it: with
`PORTAL_VERIFY_CACHES=1` a sample of the pages (one in `SAMPLE_EVERY`, chosen by a hash of the
page's path, the same in every build) is rendered again without the caches, and the build
fails, naming the page and the part, if a single byte differs:

- the page's Markdown, converted by MkDocs' own `Page.render` (a new Markdown instance, no
  cache), against what the cached renderer gave (a cache hit or the one shared instance);
- every shared fragment the page reuses, rendered for the page itself, against the one
  reused;
- the page kept by the page cache (`page_cache`), against the page's template rendered anew.

`PORTAL_VERIFY_CACHES=all` checks every page. The check costs about what the caches save on the
pages it covers; it is for CI and for trying a change to a key, not for publishing builds."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError

from ..messages import _

VARIABLE = "PORTAL_VERIFY_CACHES"
SAMPLE_EVERY = 10


class CacheMismatch(PluginError):
    """A cache gave a page something other than a render without it would."""


@dataclass
class CacheCheck:
    every: int
    """Check one page in `every` (1: all)."""
    markdown_pages: int = 0
    fragments: int = 0
    page_outputs: int = 0
    pages: set[str] = field(default_factory=set)

    @classmethod
    def from_environment(cls, environment=os.environ) -> "CacheCheck | None":
        value = environment.get(VARIABLE, "").strip().lower()
        if value in ("", "0", "no", "off", "false"):
            return None
        return cls(1 if value == "all" else SAMPLE_EVERY)

    def covers(self, src_uri: str | None) -> bool:
        return src_uri is not None and zlib.crc32(src_uri.encode("utf-8")) % self.every == 0

    def compare(self, what: str, src_uri: str, cached: str, fresh: str) -> None:
        """Fail, showing where, when `cached` (what the cache gave) is not `fresh`."""
        self.pages.add(src_uri)
        if cached == fresh:
            return
        at = next((i for i, (a, b) in enumerate(zip(cached, fresh)) if a != b), min(len(cached), len(fresh)))
        raise CacheMismatch(_(
            "cache check ({variable}): {page}: {what} differs from a render without the cache at character {at}:\n"
            "  cached: {cached}\n  fresh:  {fresh}\n"
            "a cache key leaves out something this output depends on: fix the key (markdown_render.py, fragments.py, page_cache.py)"
        ).format(variable=VARIABLE, page=src_uri, what=what, at=at, cached=repr(cached[max(0, at - 60):at + 60]),
                 fresh=repr(fresh[max(0, at - 60):at + 60])))

    def summary(self) -> str:
        return (f"cache check: {len(self.pages)} pages compared with renders without the caches "
                f"({self.markdown_pages} Markdown conversions, {self.fragments} shared fragments, "
                f"{self.page_outputs} kept pages): identical")
