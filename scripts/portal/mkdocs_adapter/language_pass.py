"""One static-i18n pass: the build of one language, from its `on_config` to its `on_post_build`.

A `LanguagePass` is made at the start of each pass (`SiteBuild.start_pass`) and holds everything
that belongs to that language alone: the pass's files, navigation and Jinja environment, what
the build knows of each page (`pages`), the article cards and the context every page shares, the
shared fragments, and the articles' HTML for the feeds (`ArticleHtml`). The plugin hands each event to
the current pass; nothing reads "the current language" from static-i18n elsewhere. After the
build the last pass stays at hand: the preview re-renders single pages through it.

The steps after the pages (`AFTER_PAGES`: the 404 page, the sitemap, the feeds) run when the pass
ends, before static-i18n starts the next language. They read the content model, not what the
page events saw: the feeds ask `ArticleHtml` for each article's HTML, which converts any article
whose page the pass did not build."""

from __future__ import annotations

import gzip
import logging
import os

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..content.news import is_article_file
from ..feeds import FeedError, feed_articles, write_document_feeds, write_feeds
from ..pages.context import listing_context, page_last_updated, pass_context, stand_in_context, translation_notice
from ..pages.generated import is_listing_intro, listing_pages, stand_in_pages
from ..pages.navigation import GENERATED_NAV_PAGES, navigation_label, page_layout_hides, without_missing_pages
from ..pages.reader_aids import page_aids
from ..pages.related import RelatedArticles
from ..pages.seo import head_links, render_sitemap, switcher_entries
from ..pages.site_map import site_map_page, site_map_view
from ..pages.urls import BuildLayout, norm_path_of
from ..pages.views import ArticleCards, article_view
from . import compat
from .article_html import ArticleHtml
from .escaping import enable_autoescape, mark_trusted_html
from .fragments import FragmentCache
from .front_matter_cache import FrontMatterCache
from .generated_files import add_shared_assets, generated_file, shared_media
from .images import ImageError
from .media_links import link_media
from .page_cache import PageKeys, PageOutputCache, PassInputs
from .pass_files import files_for_pass, keep_pages_in_nav, leave_out_other_parts, stop_copying_shared_files
from .templates import portal_globals, responsive_image, speed_up_environment

log = logging.getLogger("mkdocs.plugins.portal")


class LanguagePass:
    def __init__(self, build, config, lang: str):
        self.build = build
        """The `SiteBuild` this pass belongs to (site model, options, caches, shard)."""
        self.config = config
        self.lang = lang
        self.layout = BuildLayout(build.default_language)
        self.site = build.site
        self.files: Files | None = None
        self.nav = None
        self.env = None
        self.pages: dict[str, dict] = {}
        """src_uri -> what the build knows of the page: `kind` and the model objects it shows."""
        self.article_html = ArticleHtml(config, {article.versions[lang].rel_path
                                                 for article in feed_articles(self.site, lang, build.options.feed_size)})
        """The articles' HTML the feeds carry."""
        self.cards = ArticleCards(lang, self.layout, self.site.categories)
        self.fragments = FragmentCache(build.cache_check) if build.speedups else None
        self._front_matter: FrontMatterCache | None = None
        self.page_cache: PageOutputCache | None = None
        self._shared_media: list[str] = []
        self._common_context: dict | None = None
        self._related: RelatedArticles | None = None

    @property
    def owned(self) -> bool:
        """Whether this process builds the language (always, unless a shard builds another)."""
        return self.build.shard is None or self.build.shard.owns(self.lang)

    @property
    def writes_language(self) -> bool:
        """Whether this process writes what belongs to the language as a whole (feeds, 404 page)."""
        return self.build.shard is None or self.build.shard.writes_language(self.lang)

    # -- on_config ---------------------------------------------------------------------------------

    def configure(self, config, i18n: compat.I18n) -> None:
        if config.nav:
            config.nav = without_missing_pages(config.nav, config.docs_dir, GENERATED_NAV_PAGES)
        # Every pass writes theme templates to the root site_dir: the root keeps the default
        # language's 404 page, other languages get theirs under /<lang>/ (see `write_404`);
        # the sitemap is ours, with hreflang alternates for all languages.
        static = config.theme.static_templates
        static.discard("sitemap.xml")
        if self.lang == self.build.default_language:
            static.add("404.html")
        else:
            static.discard("404.html")
        # static-i18n deep-copies its language switcher into every page's context only for the
        # portal to replace it (`page_context`): skip the copy.
        i18n.skip_switcher_copies()
        # A pass whose pages are dropped links to pages that are not there; its output is
        # discarded, so its warnings would only abort a strict build for nothing.
        for section, levels in self.build.validation.items():
            for name, level in levels.items():
                config.validation[section][name] = level if self.owned else min(level, logging.INFO)

    # -- on_files ----------------------------------------------------------------------------------

    def choose_files(self, files: Files) -> Files:
        """Before static-i18n: only the files this language can use (speed-ups), and the list of
        unsuffixed media every language shares (`generated_files`)."""
        if self.build.speedups:
            files = files_for_pass(files, os.path.join(self.config.docs_dir, ""), self.lang, self.build.default_language)
        self._shared_media = shared_media(files, self.config.docs_dir)
        return files

    def arrange_files(self, files: Files) -> Files:
        """After static-i18n: the pass's pages as the site has them (articles published in the
        language, generated listings, stand-ins, procedure and document pages), then the shard's
        part, then media as hard links."""
        config, lang, site = self.config, self.lang, self.site
        self.pages = {}
        intros = {}
        # static-i18n puts its sitemap template among the theme's files; the sitemap is ours
        # (written once, by the default language's pass), so the template is not copied.
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None and not (theme_sitemap.abs_src_path or "").startswith(os.path.join(config.docs_dir, "")):
            files.remove(theme_sitemap)
        section_intros = {}
        """Folder (procedures, documents) -> the text of its index page, which heads its list."""
        for file in list(files):
            rel = file.src_uri
            if not rel.endswith(".md"):
                continue
            role = self.build.procedures.role_of(rel) or self.build.documents.role_of(rel)
            if is_article_file(rel):
                article = site.news.article_for(rel)
                if article is None or not article.is_published(lang):
                    files.remove(file)
                    continue
                self.pages[rel] = {"kind": "article", "article": article}
            elif is_listing_intro(site, lang, rel):
                intros[norm_path_of(rel)] = file.content_string
                files.remove(file)
            elif role is None or role.kind == "page":
                self.pages[rel] = role.info if role else {"kind": "page"}
            else:
                if role.kind == "intro":
                    section_intros[rel.split("/", 1)[0]] = file.content_string
                files.remove(file)
        if lang != self.build.default_language:
            add_shared_assets(files, config, self._shared_media)
        generated = (self.build.procedures.generated_pages(lang, section_intros.get("procedures", ""))
                     + self.build.documents.generated_pages(lang, section_intros.get("documents", ""))
                     + listing_pages(site, lang, intros) + stand_in_pages(site, lang) + [site_map_page(lang)])
        for page in generated:
            files.append(generated_file(config, page, self.layout))
            self.pages[page.src_uri] = page.info
        self._leave_out_other_shards(files)
        if self.build.options.hard_links:
            link_media(files, config.docs_dir)
        return files

    def _leave_out_other_shards(self, files: Files) -> None:
        shard = self.build.shard
        if shard is None:
            return
        part = shard.part_of(self.lang)
        if part is None:
            keep_pages_in_nav(files, self.build.nav_norms)
        elif not part.whole:
            leave_out_other_parts(files, shard, self.lang, self.build.nav_norms)
        if not shard.owns_default:
            stop_copying_shared_files(files)

    # -- on_nav, on_env --------------------------------------------------------------------------

    def arrange_nav(self, nav, files: Files):
        self.nav, self.files = nav, files
        self.article_html.files = files
        for item in nav.items:
            if isinstance(item, Page):
                label = navigation_label(self.lang, item.file.src_uri)
                if label:
                    item.title = label
        return nav

    def prepare_env(self, env, files: Files):
        """The pass's Jinja environment: speed-ups, the portal's globals and filters, escaping.
        What templates need from here is listed in `templates`."""
        self.env = env
        if self.fragments is not None:
            speed_up_environment(env, self.build.jinja_cache, self.build.cache_check)
            self.fragments.install(env)
        if self.build.speedups and self.owned:
            self.page_cache = self._page_cache()
            compat.intercept_page_renders(env, self.page_cache.render)
        portal_globals(env, self.lang, self.build.images, self.config.site_dir,
                       image_used=self.page_cache.image_used if self.page_cache is not None else None)
        enable_autoescape(env)
        for file in files.documentation_pages():
            if file.page is not None:
                mark_trusted_html(file.page)
        return env

    def _page_cache(self) -> PageOutputCache:
        part = self.build.shard.part_of(self.lang) if self.build.shard is not None else None
        keys = PageKeys(PassInputs(self.config, self.lang, self.build.frame_sources(self.config)), self.common_context())
        images, site_dir = self.build.images, self.config.site_dir
        return PageOutputCache(self.build.page_cache_folder, str(part or self.lang), keys, self.build.cache_check,
                               replay_image=lambda path: responsive_image(images, path, site_dir))

    # -- pages -----------------------------------------------------------------------------------

    def before_page(self, page) -> None:
        """Before MkDocs reads the page: its front matter through the kept answers of MkDocs'
        reader (`front_matter_cache`, speed-ups)."""
        if not self.build.speedups or not self.owned:
            # A pass this process does not own builds only the navigation's pages: its file is
            # the owner's.
            return
        if self._front_matter is None:
            part = self.build.shard.part_of(self.lang) if self.build.shard is not None else None
            self._front_matter = FrontMatterCache(self.build.front_matter_folder, str(part or self.lang),
                                                  self.build.cache_check)
        compat.replace_read_source(page, self._front_matter.reader_for(page))

    def prepare_page(self, page) -> None:
        """Page meta the templates rely on (which template, which sidebars), and the fast
        Markdown renderer."""
        info = self.pages.get(page.file.src_uri, {})
        page.meta.setdefault("hide", page_layout_hides(info.get("kind", "page"), norm_path_of(page.file.src_uri)))
        if info.get("kind") == "article":
            page.meta.setdefault("template", "article.html")
        elif info.get("meta"):
            page.meta.update(info["meta"])
        elif page.file.src_uri.rsplit("/", 1)[-1].startswith("index") and norm_path_of(page.file.src_uri) == "":
            page.meta.setdefault("template", "home.html")
        if self.build.renderer is not None:
            self.build.renderer.prepare(page)

    def page_rendered(self, html: str, page) -> str:
        """Keep an article's HTML if a feed carries it (with the plain `<img>`, made absolute
        there), and give pages the photos' variants."""
        self.article_html.keep(page.file.src_uri, html)
        try:
            return self.build.images.rewrite(html, page, self.config.site_dir)
        except ImageError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    def common_context(self) -> dict:
        """What every page of the language shows around its content; the same for every page of
        the pass (listing the years walks all listing pages), so made once."""
        if self._common_context is None:
            self._common_context = pass_context(self.site, self.lang, self.layout)
        return self._common_context

    def page_context(self, context: dict, page) -> dict:
        site, lang, layout, config = self.site, self.lang, self.layout, self.config
        mark_trusted_html(page)  # again: the preview renders a page anew after on_env
        context.update(self.common_context())
        info = self.pages.get(page.file.src_uri, {"kind": "page"})
        norm = norm_path_of(page.file.src_uri) if info["kind"] not in ("listing",) else info["listing"].norm
        head = head_links(lang, norm, site.pages, site.urls)
        compat.set_language_switcher(config, switcher_entries(lang, norm, site.pages, layout.site_path))
        context["portal_page"] = {"kind": info["kind"], "norm": norm, **head}
        if info["kind"] == "article":
            context["article"] = article_view(info["article"], self.cards, site.neighbours[lang],
                                              body_html=page.content or "", page_url=page.url)
        elif info["kind"] == "listing":
            context["listing"] = listing_context(info["listing"], self.cards)
        elif info["kind"].startswith("procedure"):
            context.update(self.build.procedures.context(info, lang, layout))
        elif info["kind"].startswith("document"):
            context.update(self.build.documents.context(info, lang, layout))
        elif info["kind"] == "stand-in":
            context["stand_in"] = stand_in_context(info["article"], lang, layout)
        elif info["kind"] == "page":
            context["last_updated"] = page_last_updated(site, lang, norm)
        elif info["kind"] == "sitemap":
            context["site_map"] = site_map_view(site, lang, self.cards, self.build.procedures.site_map_entries(lang, layout),
                                                self.build.documents.site_map_entries(lang, layout))
        context.update(self.reader_aids(info, norm, page, context))
        if info["kind"] in ("article", "page", "procedure", "document"):
            context["translation_notice"] = translation_notice(site, page.file.src_uri, page.meta, norm, layout)
        if norm == "":
            context["latest"] = [self.cards(article) for article in site.published[lang][: self.build.options.home_latest]]
        return context

    def reader_aids(self, info: dict, norm: str, page, context: dict) -> dict:
        """Breadcrumbs, feedback, share links and related articles of the page (`reader_aids`)."""
        if info["kind"] == "article":
            title = context["article"]["title"]
        elif info["kind"] == "procedure":
            title = context["procedure"]["title"]
        else:
            title = (page.meta.get("title") if isinstance(page.meta.get("title"), str) else None) or page.title or ""
        if self._related is None:
            self._related = RelatedArticles(self.site.published[self.lang])
        return page_aids(self.site, self.lang, self.layout, kind=info["kind"], norm=norm, title=str(title),
                         article=info.get("article"), listing=info.get("listing"), cards=self.cards,
                         related=self._related)

    def article_changed(self, article) -> None:
        """The preview changed an article's front matter in the model: its card is made again, and
        the related articles are found anew."""
        self.cards.forget(article)
        self._related = None

    # -- after the pages -------------------------------------------------------------------------

    def finish(self) -> None:
        """The language's own outputs, once its pages are written (`AFTER_PAGES`), unless another
        shard writes them."""
        if self._front_matter is not None:
            self._front_matter.save()
        if self.page_cache is not None:
            self.page_cache.save()
        if not self.writes_language:
            return
        try:
            for step in AFTER_PAGES:
                step(self)
        except FeedError as error:
            raise PluginError(str(error)) from None

    def write_404(self) -> None:
        """The language's 404 page under /<lang>/ (the default language's is a theme template)."""
        if self.lang == self.build.default_language:
            return
        # The switcher of a missing page leads to each language's home page, not to the last
        # page this pass happened to render.
        compat.set_language_switcher(self.config, switcher_entries(self.lang, "", self.site.pages, self.layout.site_path))
        output = compat.render_theme_template("404.html", self.env, self.files, self.config, self.nav)
        write_file(output.encode("utf-8"), os.path.join(self.config.site_dir, self.lang, "404.html"))

    def write_sitemap(self) -> None:
        """One sitemap for the whole site, at its root, by the default language's pass (or the
        only language's, in a preview): every pass writes to the root."""
        if self.lang != self.build.default_language and not self.build.only_language:
            return
        sitemap = render_sitemap(self.site.pages, self.site.urls).encode("utf-8")
        write_file(sitemap, os.path.join(self.config.site_dir, "sitemap.xml"))
        with gzip.GzipFile(os.path.join(self.config.site_dir, "sitemap.xml.gz"), "wb", mtime=0) as compressed:
            compressed.write(sitemap)

    def write_feeds(self) -> None:
        write_feeds(self.site, self.lang, self.article_html, self.config.site_dir, self.layout,
                    self.build.options.feed_size)
        write_document_feeds(self.site, self.build.documents, self.lang, self.config.site_dir, self.layout,
                             self.build.options.feed_size)
        self.article_html.clear()


AFTER_PAGES = (LanguagePass.write_404, LanguagePass.write_sitemap, LanguagePass.write_feeds)
"""What a language pass writes once its pages are written, in this order."""
