"""MkDocs plugin `portal`: a thin shell that hands each build event to `portal.pages`.

static-i18n builds the site once per language and fires every event in every pass; this plugin
runs after it (priority -200), so it sees one language's files at a time, and keys everything on
the language of the pass."""

from __future__ import annotations

import gzip
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import _build_template
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from .escaping import enable_autoescape, mark_trusted_html
from .sharding import shard_owns
from ..content_checks import run_checks, symlinks_in_docs
from ..content.news import is_article_file
from ..front_matter import dump_front_matter
from ..feeds import DEFAULT_FEED_SIZE, FeedError, write_feeds
from ..messages import _
from ..problems import ContentError, format_report
from ..search import SearchIndexError, build_search_index
from ..procedures.pages import ProcedurePages
from .generated_files import add_shared_assets, shared_media
from ..pages.context import listing_context, pass_context, stand_in_context, translation_notice
from ..pages.model import SiteModel
from ..pages.navigation import GENERATED_NAV_PAGES, navigation_label, page_layout_hides, without_missing_pages
from ..pages.seo import head_links, render_sitemap, switcher_entries
from ..pages.urls import BuildLayout, norm_path_of
from ..pages.views import ArticleCards, article_norm, article_view
from ..content.site_data import SiteDataError, localized, translate_ui

log = logging.getLogger("mkdocs.plugins.portal")

BEFORE_I18N = -90
"""static-i18n's events run at -100 (and the build plugin's file filter at -50)."""
AFTER_I18N = -200
AFTER_ALL_LANGUAGES = -300
"""Post-build priority that runs after static-i18n's post-build has built the other languages."""


class PortalConfig(Config):
    news_per_page = c.Type(int, default=10)
    home_latest = c.Type(int, default=6)
    check_content = c.Type(bool, default=True)
    """Reject the build on any content problem (the same checks as `portal check`)."""
    feed_size = c.Type(int, default=DEFAULT_FEED_SIZE)
    """How many of the newest articles each RSS/Atom feed holds."""
    search_index = c.Type(bool, default=True)
    """Build the Pagefind search index once all languages are built (off only for benchmarks)."""


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self):
        super().__init__()
        self.site: SiteModel | None = None
        self._pass_languages: list[str] = []
        self._pages: dict[str, dict] = {}
        """src_uri -> what the plugin knows of the page in the current pass."""
        self._article_html: dict[str, dict[str, str]] = {}
        """language -> article key -> the article's rendered HTML, for the feeds."""
        self._common_contexts: dict[str, dict] = {}
        self._article_cards: dict[str, ArticleCards] = {}
        self._shared_media: list[str] = []
        self.content_loader = load_content
        """How the site model is loaded; the build plugin keeps it between builds (portal.mkdocs_adapter.content_cache)."""

    # -- helpers -----------------------------------------------------------------------------

    def _i18n(self, config):
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError("the portal plugin needs mkdocs-static-i18n (plugin 'i18n') listed before it")
        return plugin

    @property
    def lang(self) -> str:
        return self._pass_languages[-1]

    @contextmanager
    def language_pass(self, lang: str):
        """Re-enter `lang`'s pass after the build: the preview re-renders single pages."""
        self._pass_languages.append(lang)
        try:
            yield
        finally:
            self._pass_languages.pop()

    def _layout(self, config) -> BuildLayout:
        return BuildLayout(self._i18n(config).default_language)

    # -- events ------------------------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_config(self, config):
        i18n = self._i18n(config)
        self._pass_languages.append(i18n.current_language)
        if not i18n.building:
            self._load(config)
        if config.nav:
            config.nav = without_missing_pages(config.nav, config.docs_dir, GENERATED_NAV_PAGES)
        # Every pass writes theme templates to the root site_dir: the root keeps the default
        # language's 404 page, other languages get theirs under /<lang>/ (see on_post_build);
        # the sitemap is ours, with hreflang alternates for all languages.
        static = config.theme.static_templates
        static.discard("sitemap.xml")
        if self.lang == i18n.default_language:
            static.add("404.html")
        else:
            static.discard("404.html")
        return config

    def _load(self, config) -> None:
        docs_dir = config.docs_dir
        # Before MkDocs walks docs/ (it follows links and copies what they point to). A build
        # whose caller has already run the checks (a shard of `portal build`) still refuses
        # links: that costs one walk of docs/ and nothing outside docs/ is ever published.
        problems = run_checks(docs_dir) if self.config.check_content else symlinks_in_docs(docs_dir)
        if problems:
            raise PluginError(_("content problems (run `portal check` for the same list):") + "\n"
                              + format_report(problems))
        try:
            self.site, self.procedures = self.content_loader(Path(docs_dir), config.site_url, self.config.news_per_page)
        except (ContentError, SiteDataError, ValueError) as error:
            raise PluginError(str(error)) from None

    @event_priority(BEFORE_I18N)
    def _files_before_i18n(self, files: Files, config):
        # The unsuffixed media every language shares, seen before static-i18n sets aside those of
        # other languages than its own (portal.mkdocs_adapter.generated_files).
        self._shared_media = shared_media(files, config.docs_dir)
        return files

    @event_priority(AFTER_I18N)
    def _files_after_i18n(self, files: Files, config):
        site, lang = self.site, self.lang
        self._pages = {}
        intros = {}
        listing_norms = {listing.norm for listing in site.listings[lang]}
        # static-i18n puts its sitemap template among the theme's files; the sitemap is ours
        # (written once, by the default language's pass), so the template is not copied.
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None and not (theme_sitemap.abs_src_path or "").startswith(os.path.join(config.docs_dir, "")):
            files.remove(theme_sitemap)
        for file in list(files):
            rel = file.src_uri
            if not rel.endswith(".md"):
                continue
            if is_article_file(rel):
                article = site.news.article_for(rel)
                if article is None or not article.is_published(lang):
                    files.remove(file)
                    continue
                self._pages[rel] = {"kind": "article", "article": article}
            elif rel.startswith("news/") and norm_path_of(rel) in listing_norms:
                # A section page (news/index.md, news/2025/index.md...) heads its generated list.
                intros[norm_path_of(rel)] = file.content_string
                files.remove(file)
            else:
                self._pages[rel] = {"kind": "page"}
        if lang != self._i18n(config).default_language:
            add_shared_assets(files, config, self._shared_media)
        procedure_intro = ""
        for file in list(files):
            role = self.procedures.role_of(file.src_uri)
            if role is None:
                continue
            if role.kind == "intro":
                procedure_intro = file.content_string
            if role.kind == "page":
                self._pages[file.src_uri] = role.info
            else:
                files.remove(file)
        for page in self.procedures.generated_pages(lang, procedure_intro):
            files.append(self._generated(config, page.src_uri, lang, page.norm, page.title, page.template, page.body))
            self._pages[page.src_uri] = page.info
        for listing in site.listings[lang]:
            src_uri = f"{listing.norm}index.{lang}.md"
            intro = _body_of(intros.get(listing.norm, "")) if listing.page_number == 1 else ""
            title = _listing_title(listing, lang)
            files.append(self._generated(config, src_uri, lang, listing.norm, title, "news-list.html", intro))
            self._pages[src_uri] = {"kind": "listing", "listing": listing}
        for article in site.news.articles.values():
            if site.pages.is_stand_in(lang, article_norm(article)):
                src_uri = f"{article.key}.{lang}.md"
                title = translate_ui(lang, "missing.title", language=translate_ui(lang, f"language_name.{lang}"))
                files.append(self._generated(config, src_uri, lang, article_norm(article), title, "missing-translation.html"))
                self._pages[src_uri] = {"kind": "stand-in", "article": article}
        return files

    on_files = CombinedEvent(_files_before_i18n, _files_after_i18n)

    def _generated(self, config, src_uri, lang, norm, title, template, body="") -> File:
        # The title (a category label from site data, a UI string) is text: written as YAML by
        # the YAML library, so no character of it can change the front matter's structure.
        content = f"---\n{dump_front_matter({'title': str(title), 'template': template})}---\n{body}"
        file = File.generated(config, src_uri, content=content)
        file.dest_uri = self._layout(config).dest_uri(lang, norm)
        return file

    @event_priority(AFTER_I18N)
    def on_page_markdown(self, markdown, page, config, files):
        info = self._pages.get(page.file.src_uri, {})
        page.meta.setdefault("hide", page_layout_hides(info.get("kind", "page"), norm_path_of(page.file.src_uri)))
        if info.get("kind") == "article":
            page.meta.setdefault("template", "article.html")
        elif info.get("meta"):
            page.meta.update(info["meta"])
        elif page.file.src_uri.rsplit("/", 1)[-1].startswith("index") and norm_path_of(page.file.src_uri) == "":
            page.meta.setdefault("template", "home.html")
        return markdown

    @event_priority(AFTER_I18N)
    def on_page_content(self, html, page, config, files):
        info = self._pages.get(page.file.src_uri, {})
        if info.get("kind") == "article":
            self._article_html.setdefault(self.lang, {})[info["article"].key] = html
        return html

    @event_priority(AFTER_I18N)
    def on_env(self, env, config, files):
        lang = self.lang
        env.globals["t"] = lambda key, **values: translate_ui(lang, key, **values)
        env.globals["portal_lang"] = lang
        env.filters["localized"] = lambda value: localized(value, lang)
        enable_autoescape(env)
        for file in files.documentation_pages():
            if file.page is not None:
                mark_trusted_html(file.page)
        self._env = env
        return env

    @event_priority(AFTER_I18N)
    def on_template_context(self, context, template_name, config):
        context.update(self._common_context(config))
        return context

    @event_priority(AFTER_I18N)
    def on_page_context(self, context, page, config, nav):
        site, lang, layout = self.site, self.lang, self._layout(config)
        mark_trusted_html(page)  # again: the preview renders a page anew after on_env
        context.update(self._common_context(config))
        info = self._pages.get(page.file.src_uri, {"kind": "page"})
        norm = norm_path_of(page.file.src_uri) if info["kind"] not in ("listing",) else info["listing"].norm
        head = head_links(lang, norm, site.pages, site.urls)
        # static-i18n sets `extra.alternate` as an attribute, which Jinja reads before the item.
        switcher = switcher_entries(lang, norm, site.pages, layout.site_path)
        config.extra["alternate"] = switcher
        config.extra.alternate = switcher
        context["portal_page"] = {"kind": info["kind"], "norm": norm, **head}
        if info["kind"] == "article":
            context["article"] = article_view(info["article"], self._cards(config), site.neighbours[lang])
        elif info["kind"] == "listing":
            context["listing"] = listing_context(info["listing"], self._cards(config))
        elif info["kind"].startswith("procedure"):
            context.update(self.procedures.context(info, lang, layout))
        elif info["kind"] == "stand-in":
            context["stand_in"] = stand_in_context(info["article"], lang, layout)
        if info["kind"] in ("article", "page", "procedure"):
            context["translation_notice"] = translation_notice(site, page.file.src_uri, page.meta, norm, layout)
        if norm == "":
            context["latest"] = [self._cards(config)(article) for article in site.published[lang][: self.config.home_latest]]
        return context

    def _common_context(self, config) -> dict:
        # The same for every page of a pass, and listing the years walks all listing pages (more
        # with every article): computed once per language, not once per page.
        if self.lang not in self._common_contexts:
            self._common_contexts[self.lang] = pass_context(self.site, self.lang, self._layout(config))
        return self._common_contexts[self.lang]

    def _cards(self, config) -> ArticleCards:
        if self.lang not in self._article_cards:
            self._article_cards[self.lang] = ArticleCards(self.lang, self._layout(config), self.site.categories)
        return self._article_cards[self.lang]

    def article_changed(self, lang: str, article) -> None:
        """The preview changed an article's front matter in the model: its card is made again."""
        cards = self._article_cards.get(lang)
        if cards is not None:
            cards.forget(article)

    @event_priority(AFTER_I18N)
    def on_nav(self, nav, config, files):
        self._nav, self._files = nav, files
        for item in nav.items:
            if isinstance(item, Page):
                label = navigation_label(self.lang, item.file.src_uri)
                if label:
                    item.title = label
        return nav

    @event_priority(0)
    def _post_build_language(self, config):
        # Priority 0 runs before static-i18n's post-build, which starts the other languages'
        # passes: everything here belongs to this pass's language.
        i18n = self._i18n(config)
        lang = self.lang
        try:
            # In a sharded build (portal.mkdocs_adapter.sharding) another process writes this language.
            if shard_owns(lang):
                if lang != i18n.default_language:
                    # The switcher of a missing page leads to each language's home page, not to
                    # the last page this pass happened to render.
                    switcher = switcher_entries(lang, "", self.site.pages, self._layout(config).site_path)
                    config.extra["alternate"] = switcher
                    config.extra.alternate = switcher
                    template = self._env.get_template("404.html")
                    output = _build_template("404.html", template, self._files, config, self._nav)
                    write_file(output.encode("utf-8"), os.path.join(config.site_dir, lang, "404.html"))
                if lang == i18n.default_language or i18n.config.build_only_locale:
                    # One sitemap for the whole site, at its root (every pass writes to the root).
                    sitemap = render_sitemap(self.site.pages, self.site.urls).encode("utf-8")
                    write_file(sitemap, os.path.join(config.site_dir, "sitemap.xml"))
                    with gzip.GzipFile(os.path.join(config.site_dir, "sitemap.xml.gz"), "wb", mtime=0) as compressed:
                        compressed.write(sitemap)
                write_feeds(self.site, lang, self._article_html.pop(lang, {}), config.site_dir, self._layout(config),
                            self.config.feed_size)
        except FeedError as error:
            raise PluginError(str(error)) from None
        finally:
            self._pass_languages.pop()


    @event_priority(AFTER_ALL_LANGUAGES)
    def _post_build_site(self, config):
        # Nested language passes see `building` set; the outer pass reaches here last, with every
        # language's HTML on disk, which is what one index per <html lang> needs.
        if self._i18n(config).building or not self.config.search_index:
            return
        try:
            log.info(build_search_index(config.site_dir).summary())
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    on_post_build = CombinedEvent(_post_build_language, _post_build_site)


def load_content(docs_dir: Path, site_url: str | None, per_page: int) -> tuple[SiteModel, ProcedurePages]:
    """The site model and the procedures of `docs_dir`, linked together."""
    site = SiteModel.load(docs_dir, site_url, per_page)
    procedures = ProcedurePages.load(docs_dir, site.urls)
    procedures.register(site.pages)
    return site, procedures


def _body_of(text: str) -> str:
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            return parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return text


def _listing_title(listing, lang: str) -> str:
    if listing.kind == "category":
        title = translate_ui(lang, "news.category_title", label=listing.category.label(lang))
    elif listing.kind == "year":
        title = translate_ui(lang, "news.year_title", year=listing.year)
    else:
        title = translate_ui(lang, "news.title")
    if listing.page_number > 1:
        title += " - " + translate_ui(lang, "news.page_of", number=listing.page_number, count=listing.page_count)
    return title
