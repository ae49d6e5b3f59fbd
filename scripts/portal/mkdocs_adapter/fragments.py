"""Parts of the page frame that many pages share, rendered once per language pass.

Most of a page's template time goes into its frame, not its text: the tabs, the navigation
drawer, the colour-scheme switch, the search dialog, the footer, Material's configuration and
script blocks. On an article page these come out the same for every page of the language that
stands in the same place relative to what they link to, so each is rendered once per distinct
*key* and reused — Hugo's `partialCached`, applied from Python to Material's own templates so
that no Material template is copied for it.

A fragment's key holds everything its output depends on that varies within one language pass:
the page-relative form of every address it links to (the `url` filter writes addresses relative
to the page), and for the navigation which entries are active. The Jinja environment is new for
each pass, so language, configuration and UI strings are the same for all pages that share a
cache. A key function returns None where a page must render the fragment itself (a page that is
itself in the navigation sees its own entry and table of contents there).

Keys are kept by hand, so `cache_check` (PORTAL_VERIFY_CACHES) verifies them: on the pages it
covers, every fragment reused is rendered again for the page and must be the same.

It works on Jinja's compiled templates (a template's `root_render_func` and `blocks`, which
every include and block call goes through), as Jinja 3.1 builds them: `compat.share_template_renders`. Tests build the site with and without this (PORTAL_BUILD_SPEEDUPS=0) and
require the same bytes."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from .cache_check import CacheCheck
from .compat import relative_url, share_template_renders

KeyFunction = Callable[[object], Hashable | None]


def _links(context, paths: Iterable[str]) -> tuple:
    """How the `url` filter writes each of `paths` on the context's page, with the page's
    `base_url` (also written into some fragments as such)."""
    page, base = context.get("page"), context.get("base_url", "")
    return (base, *(relative_url(str(path), page, base) for path in paths if path))


def _walk(items):
    for item in items:
        yield item
        children = getattr(item, "children", None)
        if children:
            yield from _walk(children)


def navigation_key(context) -> Hashable | None:
    """The tabs and the navigation drawer: every entry's title, whether it is active, and where
    its link goes from this page; the home and logo links. None on a page that is itself an
    entry (its own entry is marked, and Material lists its headings under it)."""
    page, nav, config = context.get("page"), context.get("nav"), context.get("config")
    if nav is None:
        return ("no navigation",)
    if page is not None and any(entry is page for entry in nav.pages):
        return None
    entries = tuple((type(item).__name__, item.title, bool(item.active), getattr(item, "url", None) is not None and
                     relative_url(item.url, page, context.get("base_url", "")))
                    for item in _walk(nav.items))
    homepage = (config.extra.get("homepage") if config else None) or (nav.homepage.url if nav.homepage else "")
    logo = config.theme.get("logo") if config else None
    return (entries, _links(context, (homepage, logo or "")))


def header_key(context) -> Hashable | None:
    """overrides/partials/header.html (Material's header, the portal's way): the link home and the
    logo (the department's name, the search dialog and the strings are the pass's); with sticky
    tabs (a theme feature the portal does not use), also the tabs."""
    config, nav = context.get("config"), context.get("nav")
    tabs = ()
    if "navigation.tabs.sticky" in (context.get("features") or ()):
        tabs = navigation_key(context)
        if tabs is None:
            return None
    homepage = (config.extra.get("homepage") if config else None) or (nav.homepage.url if nav and nav.homepage else "")
    logo = config.theme.get("logo") if config else None
    return (tabs, _links(context, (homepage, logo or "")))


def same_everywhere(context) -> Hashable:
    """A fragment without page-relative links (the colour-scheme switch, back-to-top button)."""
    return ()


def logo_key(context) -> Hashable:
    config = context.get("config")
    return _links(context, [config.theme.get("logo") or ""] if config else [])


def search_dialog_key(context) -> Hashable:
    """overrides/partials/search-dialog.html links the language's Pagefind bundle and the script."""
    return _links(context, ("pagefind/", "assets/portal/search.js"))


def footer_key(context) -> Hashable | None:
    """overrides/partials/portal-footer.html lists the language's feeds ({type, url, title,
    label}, see portal.feeds.feed_links) and the pages about the site ({label, url},
    portal.pages.site_map.about_site_links) with their links."""
    feeds = (context.get("portal_feeds") or {}).get("language") or []
    about = context.get("portal_about_site") or []
    return (tuple((feed["type"], feed["title"], feed["label"]) for feed in feeds),
            tuple(link["label"] for link in about),
            _links(context, [*(feed["url"] for feed in feeds), *(link["url"] for link in about)]))


def assets_key(folder: str) -> KeyFunction:
    """A block of base.html that links Material's files in `folder` (names with a content hash)."""
    return lambda context: _links(context, (folder,))


def scripts_key(context) -> Hashable:
    config = context.get("config")
    scripts = [str(script) for script in config.extra_javascript] if config else []
    return _links(context, ("assets/javascripts/", *scripts))


SHARED_TEMPLATES: dict[str, KeyFunction] = {
    "partials/header.html": header_key,
    "partials/tabs.html": navigation_key,
    "partials/nav.html": navigation_key,
    "partials/palette.html": same_everywhere,
    "partials/javascripts/palette.html": same_everywhere,
    "partials/top.html": same_everywhere,
    "partials/logo.html": logo_key,
    "partials/search-dialog.html": search_dialog_key,
    "partials/portal-footer.html": footer_key,
}
"""Included templates whose output is shared, and what it depends on."""

SHARED_BLOCKS: dict[tuple[str, str], KeyFunction] = {
    ("base.html", "styles"): assets_key("assets/stylesheets/"),
    ("base.html", "config"): assets_key("assets/javascripts/workers/"),
    ("base.html", "scripts"): scripts_key,
}
"""Blocks of Material's base.html whose output is shared (unless a template overrides them)."""


class FragmentCache:
    """The rendered fragments of one language pass (one Jinja environment)."""

    def __init__(self, check: CacheCheck | None = None):
        self._rendered: dict[tuple, str] = {}
        self.check = check
        self.hits = 0
        self.misses = 0

    def shared(self, name: str, key_of: KeyFunction, render: Callable[[object], Iterable[str]]):
        """A Jinja render function (context -> strings) that renders once per key."""

        def render_shared(context):
            key = key_of(context)
            if key is None:
                yield from render(context)
                return
            key = (name, key)
            text = self._rendered.get(key)
            if text is None:
                self.misses += 1
                text = self._rendered[key] = "".join(render(context))
            else:
                self.hits += 1
                if self.check is not None:
                    self._verify(name, key, text, render, context)
            yield text

        return render_shared

    def _verify(self, name: str, key, text: str, render, context) -> None:
        """`cache_check`: on a page it covers, the reused fragment against one made for the page."""
        page = context.get("page")
        src_uri = page.file.src_uri if getattr(page, "file", None) is not None else None
        if self.check.covers(src_uri):
            self.check.fragments += 1
            self.check.compare(f"the shared fragment {name} (key {key!r})", src_uri, text, "".join(render(context)))

    def install(self, env) -> None:
        """Make `env` render the shared templates and blocks through this cache."""
        share_template_renders(env, SHARED_TEMPLATES, SHARED_BLOCKS, self.shared)
