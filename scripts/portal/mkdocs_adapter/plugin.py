"""MkDocs plugin `portal`: every event handed, in a line or two, to the build's objects.

`SiteBuild` (site_build.py) is the whole build, `LanguagePass` (language_pass.py) one language's
pass of static-i18n. The order of everything is in this package's docstring (the timeline); the
priorities below are where that order is decided."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..feeds import DEFAULT_FEED_SIZE
from . import compat
from .language_pass import LanguagePass
from .site_build import SiteBuild

# -- event priorities: the whole table ---------------------------------------------------------
# static-i18n (plugin `i18n`, listed before `portal`) runs its on_config, on_files, on_nav and
# on_post_build at -100 and its page events at 50; MkDocs runs higher priorities first.

BEFORE_I18N = -50
"""on_files: choose the pass's own files before static-i18n turns every file of docs/ into a
language-aware copy (most of its work), and note the media every language shares before it sets
the other languages' aside."""
AFTER_I18N = -200
"""Every other event of a pass: static-i18n has settled the pass's language, files, navigation
and page context by then, and the portal has the last word on them."""
LANGUAGE_DONE = 0
"""on_post_build of each pass, before static-i18n's (-100), from which it starts the other
languages' passes: the language's own outputs (404 page, sitemap, feeds) are written while its
pass is at hand."""
SITE_DONE = -300
"""on_post_build after static-i18n's: in the default language's pass this runs once every language
is on disk (the search index reads them all); in the nested passes it does nothing."""


class PortalConfig(Config):
    # -- what the site shows
    news_per_page = c.Type(int, default=10)
    """Articles per page of the news list, a category or a year."""
    home_latest = c.Type(int, default=6)
    """Newest articles on the home page."""
    feed_size = c.Type(int, default=DEFAULT_FEED_SIZE)
    """How many of the newest articles each RSS/Atom feed holds."""
    # -- what the build checks and makes
    check_content = c.Type(bool, default=True)
    """Reject the build on any content problem (the same checks as `portal check`)."""
    search_index = c.Type(bool, default=True)
    """Build the Pagefind search index once all languages are built (off only for benchmarks)."""
    # -- photos and media
    image_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    """Widths of the web-sized variants of a local image (only those narrower than the original)."""
    image_quality = c.Type(int, default=82)
    """JPEG and WebP quality of the variants."""
    hard_links = c.Type(bool, default=False)
    """Put media of docs/ into the site as hard links rather than copies (see `media_links`)."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self):
        super().__init__()
        self.site_build: SiteBuild | None = None

    @property
    def current(self) -> LanguagePass:
        """The pass under way (after the build, the last one)."""
        return self.site_build.last_pass

    @event_priority(AFTER_I18N)
    def on_config(self, config):
        self.site_build = SiteBuild.with_pass_started(self.site_build, self.config, config)
        return config

    @event_priority(BEFORE_I18N)
    def _files_before_i18n(self, files, config):
        return self.current.choose_files(files)

    @event_priority(AFTER_I18N)
    def _files_after_i18n(self, files, config):
        return self.current.arrange_files(files)

    on_files = CombinedEvent(_files_before_i18n, _files_after_i18n)

    @event_priority(AFTER_I18N)
    def on_nav(self, nav, config, files):
        return self.current.arrange_nav(nav, files)

    @event_priority(AFTER_I18N)
    def on_env(self, env, config, files):
        return self.current.prepare_env(env, files)

    @event_priority(AFTER_I18N)
    def on_pre_page(self, page, config, files):
        self.current.before_page(page)
        return page

    @event_priority(AFTER_I18N)
    def on_page_markdown(self, markdown, page, config, files):
        self.current.prepare_page(page)
        return markdown

    @event_priority(AFTER_I18N)
    def on_page_content(self, html, page, config, files):
        return self.current.page_rendered(html, page)

    @event_priority(AFTER_I18N)
    def on_template_context(self, context, template_name, config):
        context.update(self.current.common_context())
        return context

    @event_priority(AFTER_I18N)
    def on_page_context(self, context, page, config, nav):
        return self.current.page_context(context, page)

    @event_priority(LANGUAGE_DONE)
    def _language_done(self, config):
        self.current.finish()

    @event_priority(SITE_DONE)
    def _site_done(self, config):
        if not compat.I18n(config).in_nested_pass:
            self.site_build.finish(config)

    on_post_build = CombinedEvent(_language_done, _site_done)

    @event_priority(AFTER_I18N)
    def on_serve(self, server, config, builder):
        # `mkdocs serve` / `portal serve`: a missing page gets the 404 page of its language.
        from .preview import serve_language_error_pages

        return serve_language_error_pages(server, config.site_dir)
