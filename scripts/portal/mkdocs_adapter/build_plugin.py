"""MkDocs plugin `portal-build`: how the site is built fast, kept apart from what it shows.

- Each static-i18n pass sees only its own language's files (`passes`).
- Markdown is converted by one reused Markdown instance per process, and the HTML is kept in
  a cache between builds (`render`); compiled templates are kept too (`templates`).
- The site model (front matter of every article, listings, source hashes) is kept between
  builds while docs/ and the code are unchanged (`content_cache`).
- Parts of the page frame that many pages share (tabs, navigation, footer, Material's
  configuration blocks...) are rendered once per language pass (`fragments`).
- Local images in pages get web-sized variants with `srcset` (`images`); with `hard_links`,
  media of docs/ are linked into the site rather than copied (`hardlinks`).
- In a shard of a parallel or multi-machine build (PORTAL_BUILD_LANGUAGES, see `shard`), the
  passes of languages other shards build are skipped (or emptied, for the default language),
  pages of other shards' parts of a language are left out, and whole-site steps (the search
  index) are left to the step that merges the shards.

`PORTAL_BUILD_SPEEDUPS=0` turns off everything but the images and the shard handling (a plain
MkDocs build, as a reference for tests and for debugging). Caches live in `.cache/` beside
mkdocs.yml."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..pages.feed_links import feed_scopes
from ..pages.views import article_norm
from .content_cache import ContentCache
from .fragments import FragmentCache
from .media_links import link_media
from .images import ImageError, ImageVariants, responsive_image_markup
from .pass_files import (files_for_pass, keep_pages_in_nav, leave_out_other_parts, nav_norm_paths,
                     stop_copying_shared_files)
from .markdown_render import PageRenderer, RenderCache
from .sharding import CHECKED_VARIABLE, Shard, ShardError
from .templates import MaterialTranslations, remember_theme_files, speed_up_environment

log = logging.getLogger("mkdocs.plugins.portal-build")

BEFORE_I18N = -50
"""static-i18n's events run at -100; the portal plugin's at -200."""
BEFORE_PORTAL = -150
AFTER_PORTAL = -250
AFTER_FEEDS = -300
"""After the portal plugin has kept a page's HTML for the feeds, and after static-i18n's
post-build (-100), which runs the other languages' passes."""
LAST = -1000
SPEEDUPS_VARIABLE = "PORTAL_BUILD_SPEEDUPS"
CACHE_FOLDER = ".cache/portal-build"


class BuildConfig(Config):
    image_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    """Widths of the web-sized variants of a local image (only those narrower than the original)."""
    image_quality = c.Type(int, default=82)
    """JPEG and WebP quality of the variants."""
    hard_links = c.Type(bool, default=False)
    """Put media of docs/ into the site as hard links rather than copies (see `hardlinks`)."""


class BuildPlugin(BasePlugin[BuildConfig]):
    def __init__(self):
        super().__init__()
        self.shard: Shard | None = None
        self.speedups = True
        self.renderer: PageRenderer | None = None
        self.images: ImageVariants | None = None
        self._validation = None
        self._nav_norms: set[str] = set()
        self._nav = None
        self._fragments: list[FragmentCache] = []
        self.last_pass: SimpleNamespace | None = None
        """config, files, nav and env of the last pass, kept for the preview (portal.mkdocs_adapter.preview)."""

    def _i18n(self, config):
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError("the portal-build plugin needs mkdocs-static-i18n (plugin 'i18n') listed before it")
        return plugin

    @staticmethod
    def _speedups_wanted() -> bool:
        return os.environ.get(SPEEDUPS_VARIABLE, "1").strip().lower() not in ("0", "false", "no", "off")

    def _owned(self, config) -> bool:
        return self.shard is None or self.shard.owns(self._i18n(config).current_language)

    # -- configuration ---------------------------------------------------------------------------

    @event_priority(BEFORE_PORTAL)
    def _config_before_portal(self, config):
        portal = config.plugins.get("portal")
        if portal is not None and os.environ.get(CHECKED_VARIABLE) == "1":
            # `portal build --jobs` checks the content once for all its shards.
            portal.config.check_content = False
        if portal is not None and self._speedups_wanted() and \
                not isinstance(getattr(portal.content_loader, "__self__", None), ContentCache):
            portal.content_loader = ContentCache(_cache_folder(config) / "content.pickle", portal.content_loader).load
        return config

    @event_priority(AFTER_PORTAL)
    def _config_after_portal(self, config):
        i18n = self._i18n(config)
        if not i18n.building:
            self._start(config, i18n)
        # static-i18n deep-copies its language switcher into every page's context only for the
        # portal plugin to replace it (portal.pages.seo.switcher_entries): skip the copy.
        i18n.extra_alternate = {}
        self._relax_validation_unless_owned(config)
        return config

    def _start(self, config, i18n) -> None:
        try:
            self.shard = Shard.from_environment()
        except ShardError as error:
            raise PluginError(str(error)) from None
        self.speedups = self._speedups_wanted()
        cache = _cache_folder(config)
        self.renderer = PageRenderer(RenderCache(cache / "markdown")) if self.speedups else None
        self.images = ImageVariants(Path(config.docs_dir), cache / "images", tuple(self.config.image_widths),
                                    self.config.image_quality, hard_links=self.config.hard_links)
        self._cache = cache
        if self.speedups:
            remember_theme_files(config.theme)
        self._validation = {section: dict(config.validation[section]) for section in ("nav", "links")}
        self._nav_norms = nav_norm_paths(config.nav)
        if self.shard is not None:
            # Languages of other shards are not built at all; the default language's pass always
            # runs, because static-i18n starts the other passes from it.
            for language in i18n.config.languages:
                if language.locale != i18n.default_language and not self.shard.owns(language.locale):
                    language.build = False
            portal = config.plugins.get("portal")
            if portal is not None:
                # The search index needs every language: built once, after the merge.
                portal.config.search_index = False

    on_config = CombinedEvent(_config_before_portal, _config_after_portal)

    def _relax_validation_unless_owned(self, config) -> None:
        # A pass whose pages are dropped links to pages that are not there; its output is
        # discarded, so its warnings would only abort a strict build for nothing.
        for section, levels in self._validation.items():
            for name, level in levels.items():
                config.validation[section][name] = level if self._owned(config) else min(level, logging.INFO)

    # -- files -----------------------------------------------------------------------------------

    @event_priority(BEFORE_I18N)
    def _files_before_i18n(self, files, config):
        if not self.speedups:
            return files
        i18n = self._i18n(config)
        return files_for_pass(files, os.path.join(config.docs_dir, ""), i18n.current_language, i18n.default_language)

    @event_priority(AFTER_PORTAL)
    def _files_after_portal(self, files, config):
        if self.shard is None:
            return files
        lang = self._i18n(config).current_language
        part = self.shard.part_of(lang)
        if part is None:
            keep_pages_in_nav(files, self._nav_norms)
        elif not part.whole:
            leave_out_other_parts(files, self.shard, lang, self._nav_norms | self._feed_norms(config, lang, part))
        if not self.shard.owns_default:
            stop_copying_shared_files(files)
        return files

    def _feed_norms(self, config, lang: str, part) -> set[str]:
        """The articles the language's feeds carry: the first part writes the feeds, which need
        those articles' HTML, so it renders them whichever part they fall in."""
        portal = config.plugins.get("portal")
        if part.start != 0 or portal is None or portal.site is None:
            return set()
        size = portal.config.feed_size
        return {article_norm(article)
                for scope in feed_scopes(portal.site, lang) for article in scope.articles(portal.site)[:size]}

    @event_priority(LAST)
    def _files_last(self, files, config):
        if self.config.hard_links:
            link_media(files, config.docs_dir)
        return files

    on_files = CombinedEvent(_files_before_i18n, _files_after_portal, _files_last)

    # -- pages -----------------------------------------------------------------------------------

    @event_priority(LAST)
    def on_page_markdown(self, markdown, page, config, files):
        if self.renderer is not None:
            self.renderer.prepare(page)
        return markdown

    @event_priority(AFTER_FEEDS)
    def on_page_content(self, html, page, config, files):
        # After the portal plugin, which keeps each article's HTML for the feeds: feed readers
        # get the plain <img> with its absolute URL, pages get the variants.
        try:
            return self.images.rewrite(html, page, config.site_dir)
        except ImageError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        self.last_pass = SimpleNamespace(config=config, files=files, nav=self._nav, env=env)
        if self.speedups:
            # Jinja's bytecode cache checks a template's source, not the environment's settings:
            # the folder is named after the one setting that changes compiled code (autoescape).
            speed_up_environment(env, self._cache / "jinja-autoescape")
            fragments = FragmentCache()
            fragments.install(env)
            self._fragments.append(fragments)
        env.globals["portal_material_t"] = MaterialTranslations(env)
        images, site_dir = self.images, config.site_dir
        env.globals["responsive_image"] = lambda path: responsive_image_markup(images, path, site_dir)
        return env

    @event_priority(AFTER_FEEDS)
    def on_post_build(self, config):
        if self.renderer is not None and not self._i18n(config).building:
            log.info(f"markdown cache: {self.renderer.hits} pages reused, {self.renderer.misses} rendered")
            log.info(f"shared page fragments: {sum(cache.misses for cache in self._fragments)} rendered, "
                     f"{sum(cache.hits for cache in self._fragments)} reused")
            self._fragments.clear()


def _cache_folder(config) -> Path:
    """`.cache/portal-build/` beside mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent / CACHE_FOLDER
