"""What a whole build shares across its language passes, made once at the start of the default
language's pass: the moment of the build (`portal.clock`: what is published, what is scheduled),
the checked content (site model, procedures and documents), the shard this process builds,
whether the speed-ups are on, the caches, and what the build reports at the end."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..clock import ClockError, current_moment, previewing_future
from ..content.schedule import schedule_lines
from ..content.site_data import SiteDataError
from ..content_checks import run_checks, symlinks_in_docs
from ..messages import _
from ..pages.model import SiteModel
from ..pages.site_map import register_site_map
from ..problems import ContentError, format_report
from ..procedures.pages import ProcedurePages
from ..documents.pages import DocumentPages
from ..search import SearchIndexError, build_search_index
from . import compat
from .cache_check import CacheCheck
from .content_cache import ContentCache, checks_unless_unchanged
from .images import ImageVariants
from .language_pass import LanguagePass
from .markdown_render import PageRenderer, RenderCache
from .page_cache import frame_sources_fingerprint
from .pass_files import nav_norm_paths
from .sharding import CHECKED_VARIABLE, Shard, ShardError

log = logging.getLogger("mkdocs.plugins.portal")

SPEEDUPS_VARIABLE = "PORTAL_BUILD_SPEEDUPS"
"""`PORTAL_BUILD_SPEEDUPS=0` builds MkDocs' own way (the reference of the byte-identity tests):
every speed-up off; photo variants, hard links and shards stay."""
CACHE_FOLDER = ".cache/portal-build"
"""Beside mkdocs.yml: the Markdown, template, content and image caches. Deleting it is always safe."""


def speedups_wanted(environment=os.environ) -> bool:
    return environment.get(SPEEDUPS_VARIABLE, "1").strip().lower() not in ("0", "false", "no", "off")


def cache_folder(config) -> Path:
    """`.cache/portal-build/` beside mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent / CACHE_FOLDER


def load_content(docs_dir: Path, site_url: str | None, per_page: int, *, now=None,
                 future: bool = False) -> tuple[SiteModel, ProcedurePages, DocumentPages]:
    """The site model, the procedures and the documents of `docs_dir` at the moment `now`, linked
    together (with `future`, every scheduled version as if published)."""
    site = SiteModel.load(docs_dir, site_url, per_page, now=now, future=future)
    procedures = ProcedurePages.load(docs_dir, site.urls, site.info)
    procedures.register(site.pages)
    documents = DocumentPages.load(docs_dir, site.urls, site.info, None if future else now)
    documents.register(site.pages)
    register_site_map(site.pages)
    return site, procedures, documents


class SiteBuild:
    def __init__(self, options, config, i18n: compat.I18n):
        compat.require_tested_versions()
        self.options = options
        """The plugin's options (`plugin.PortalConfig`)."""
        self.default_language = i18n.default_language
        self.only_language = i18n.only_language
        try:
            self.shard = Shard.from_environment()
        except ShardError as error:
            raise PluginError(str(error)) from None
        self.speedups = speedups_wanted()
        try:
            self.now = current_moment()
            """The moment of the build: one for all its passes (`portal.clock`)."""
        except ClockError as error:
            raise PluginError(str(error)) from None
        self.future = previewing_future()
        """`portal serve --future`: scheduled versions shown as published, the pages marked."""
        cache = cache_folder(config)
        self.jinja_cache = cache / "jinja-autoescape"
        """Jinja's bytecode cache checks a template's source, not the environment's settings:
        the folder is named after the one setting that changes compiled code (autoescape)."""
        self.front_matter_folder = cache / "front-matter"
        """Pages' front matter as MkDocs reads it, one file per pass (`front_matter_cache`)."""
        self.page_cache_folder = cache / "pages"
        """Pages' output kept between builds, one file per pass (`page_cache`)."""
        self.cache_check = CacheCheck.from_environment() if self.speedups else None
        """PORTAL_VERIFY_CACHES: a sample of pages rendered again without the caches."""
        self.renderer = PageRenderer(RenderCache(cache / "markdown"), self.cache_check) if self.speedups else None
        self.images = ImageVariants(Path(config.docs_dir), cache / "images", tuple(options.image_widths),
                                    options.image_quality, hard_links=options.hard_links)
        self.search_index = options.search_index and self.shard is None
        """The search index needs every language: a shard leaves it to the merge."""
        self.site, self.procedures, self.documents = self._load_content(config, cache)
        for line in schedule_lines(self.site.news, self.now, previewed=self.future):
            log.info(line)
        if self.speedups:
            compat.remember_theme_files(config.theme)
        self.validation = {section: dict(config.validation[section]) for section in ("nav", "links")}
        self.nav_norms: set[str] | None = None
        """Norm paths of the pages the navigation names (a shard builds them in every pass)."""
        self.last_pass: LanguagePass | None = None
        """The pass under way, and after the build the last one (the preview renders through it)."""
        self.passes: list[LanguagePass] = []
        """The passes of this build, for the caches' figures at its end."""
        self._frame_sources: str | None = None
        if self.shard is not None:
            # Languages of other shards are not built at all; the default language's pass always
            # runs, because static-i18n starts the other passes from it.
            for lang in i18n.languages:
                if lang != self.default_language and not self.shard.owns(lang):
                    i18n.do_not_build(lang)

    @classmethod
    def with_pass_started(cls, build: "SiteBuild | None", options, config) -> "SiteBuild":
        """The build the starting pass belongs to, with the pass started: a new build at the
        default language's pass (static-i18n runs it first), the same one in the nested passes."""
        i18n = compat.I18n(config)
        if build is None or not i18n.in_nested_pass:
            build = cls(options, config, i18n)
        build.start_pass(config, i18n)
        return build

    def _load_content(self, config, cache: Path):
        docs_dir = config.docs_dir
        # Before MkDocs walks docs/ (it follows links and copies what they point to). A build
        # whose caller has already run the checks (a shard of `portal build`) still refuses
        # links: that costs one walk of docs/ and nothing outside docs/ is ever published.
        checked_by_caller = os.environ.get(CHECKED_VARIABLE) == "1"
        if self.options.check_content and not checked_by_caller:
            # With the speed-ups, the verdict of the last checks stands while nothing they read
            # has changed and the moment stays within their steady span (as for `portal build`'s shards).
            problems = checks_unless_unchanged(Path(docs_dir), cache / "checked", now=self.now, future=self.future) \
                if self.speedups else run_checks(docs_dir, now=self.now, future=self.future)
        else:
            problems = symlinks_in_docs(docs_dir)
        if problems:
            raise PluginError(_("content problems (run `portal check` for the same list):") + "\n"
                              + format_report(problems))
        loader = ContentCache(cache / "content.pickle", load_content).load if self.speedups else load_content
        try:
            return loader(Path(docs_dir), config.site_url, self.options.news_per_page, now=self.now, future=self.future)
        except (ContentError, SiteDataError, ValueError) as error:
            raise PluginError(str(error)) from None

    def frame_sources(self, config) -> str:
        """`page_cache.frame_sources_fingerprint`, once for all passes of the build."""
        if self._frame_sources is None:
            self._frame_sources = frame_sources_fingerprint(config)
        return self._frame_sources

    def start_pass(self, config, i18n: compat.I18n) -> LanguagePass:
        language_pass = LanguagePass(self, config, i18n.current_language)
        language_pass.configure(config, i18n)
        if self.nav_norms is None:
            self.nav_norms = nav_norm_paths(config.nav)
        self.passes.append(language_pass)
        self.last_pass = language_pass
        return language_pass

    def finish(self, config) -> None:
        """Once every language is on disk: the search index (one per `<html lang>`), and what the
        caches saved."""
        if self.search_index:
            try:
                log.info(build_search_index(config.site_dir).summary())
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        if self.renderer is not None:
            fragments = [language_pass.fragments for language_pass in self.passes if language_pass.fragments is not None]
            # For whoever tunes the build, not for editors: debug (mkdocs build -v shows it).
            log.debug(f"markdown cache: {self.renderer.hits} pages reused, {self.renderer.misses} rendered")
            log.debug(f"shared page fragments: {sum(cache.misses for cache in fragments)} rendered, "
                     f"{sum(cache.hits for cache in fragments)} reused")
            kept = [language_pass.page_cache for language_pass in self.passes if language_pass.page_cache is not None]
            log.debug(f"page cache: {sum(cache.hits for cache in kept)} pages reused, "
                      f"{sum(cache.misses for cache in kept)} rendered, "
                      f"{sum(cache.unkeyable for cache in kept)} not keyable")
        if self.cache_check is not None:
            log.info(self.cache_check.summary())
        self.passes = []
