"""Every private part of MkDocs, Material, mkdocs-static-i18n, Jinja2 and Python-Markdown the
build relies on, in one guarded place.

The portal builds on MkDocs 1.x, whose line ends with 1.6.1 (its maintained continuation is
ProperDocs), on Material, whose support ends on 2027-05-05, and on static-i18n. Whatever of
theirs the build uses beyond their documented plugin and theme API is here and nowhere else:

- copies: code (or a template) of ours that mirrors one of theirs and must follow it
  (`render_markdown` and `show_rendered` = `Page.render`; overrides/partials/header.html = Material's
  header; overrides/partials/language.html answers as Material's language partial does);
- private names they do not promise to keep (`_build_template`, `_build_page`, `_populate_page`,
  `_serve_url`, MkDocs' Markdown processors, `Page._title_from_render`, static-i18n's
  `current_language`, `building`, `extra_alternate` and `languages[].build`, the live-reload
  server's attributes, Material's `partials/languages/<lang>.html` macros);
- patches: their objects' attributes the build replaces (`page.render`, `File.copy_file`,
  Jinja's `env.getattr`, `env.get_template`, a template's `root_render_func` and `blocks`,
  `theme.get_env`, the template loader's `list_templates`, watchdog's `observer.schedule`).

`UPSTREAM` records, for each, the upstream source it mirrors or relies on, with its file, the
version it was checked against and a hash of its source: tests/test_compat.py fails, naming the
entry, when an upgrade changes any of them. `TESTED_VERSIONS` is what the build was tested with;
at start the build refuses anything else (`require_tested_versions`)."""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import threading
from dataclasses import dataclass
from importlib import import_module, resources
from importlib.metadata import PackageNotFoundError, version

from jinja2 import pass_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from mkdocs.commands.build import _build_page, _build_template, _populate_page
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import _get_norm_url, _norm_parts, normalize_url
from mkdocs import utils as mkdocs_utils
from mkdocs.utils import meta as mkdocs_meta

from ..messages import _

log = logging.getLogger("mkdocs.plugins.portal")

# -- versions ----------------------------------------------------------------------------------

TESTED_VERSIONS: dict[str, tuple[str, ...]] = {
    "mkdocs": ("1.6.1",),
    "properdocs": ("1.6.7",),
    "mkdocs-material": ("9.8.1",),
    "mkdocs-static-i18n": ("1.3.1",),
    "Jinja2": ("3.1.6",),
    "Markdown": ("3.11.3",),
}
"""Distributions whose internals the build uses, and the versions it has been tested with. MkDocs
or its continuation ProperDocs must be installed (requirements.txt installs both: `properdocs
build` gives the same site, tests/test_engines.py); an untested version of any is refused at
start."""
ENGINES = ("mkdocs", "properdocs")
UNTESTED_VARIABLE = "PORTAL_ALLOW_UNTESTED_VERSIONS"
"""Set to 1 to build with untested versions anyway (a warning instead of a refusal): for trying
an upgrade, never for publishing."""


def version_problems(version_of=None) -> list[str]:
    """What is installed and untested, one sentence each (empty when all is as tested).
    `version_of` looks up an installed distribution's version (importlib.metadata's by default)."""
    version_of = version_of or version
    problems, engines = [], []
    for distribution, tested in TESTED_VERSIONS.items():
        try:
            installed = version_of(distribution)
        except PackageNotFoundError:
            if distribution not in ENGINES:
                problems.append(_("{name} is not installed; the build was tested with {name} {tested}").format(
                    name=distribution, tested=" or ".join(tested)))
            continue
        if distribution in ENGINES:
            engines.append(distribution)
        if installed not in tested:
            problems.append(_("{name} {installed} is installed, but the build was tested with {tested}").format(
                name=distribution, installed=installed,
                tested=_("no version of it yet") if not tested else f"{distribution} " + " or ".join(tested)))
    if not engines:
        problems.append(_("neither mkdocs nor properdocs is installed"))
    return problems


def require_tested_versions(version_of=None, environment=os.environ) -> None:
    """Refuse to build with versions the build was not tested with: it relies on their internals
    (this module), which change without notice between versions."""
    problems = version_problems(version_of)
    if not problems:
        return
    message = (_("the portal's build relies on internals of the packages it was tested with "
                 "(scripts/portal/mkdocs_adapter/compat.py):") + "\n" + "\n".join(f"  - {problem}" for problem in problems)
               + "\n" + _("install the tested versions with `pip install -r requirements.txt`; to try an upgrade, run "
                          "tests/test_compat.py, review what it names, update TESTED_VERSIONS and UPSTREAM in compat.py "
                          "(or set {variable}=1 to build anyway, for testing only)").format(variable=UNTESTED_VARIABLE))
    if environment.get(UNTESTED_VARIABLE, "").strip() == "1":
        log.warning(message)
        return
    raise PluginError(message)


# -- what is mirrored or relied on -------------------------------------------------------------


@dataclass(frozen=True)
class Upstream:
    source: str
    """`module:qualified.name` of a function or class, or `package/path` of a template file."""
    checked: str
    """The upstream file and version it was checked against."""
    sha256: str
    """First 16 hex digits of the SHA-256 of its source (`upstream_source`)."""
    ours: str
    """What of ours mirrors it or relies on it, and what to review when it changes."""
    properdocs: str | None = None
    """For a part of MkDocs: the hash of the same part of ProperDocs (`properdocs.` for
    `mkdocs.`), which the build uses when ProperDocs runs it. ProperDocs 1.6.7 differs from
    MkDocs 1.6.1 in names and formatting, and in behaviour only where no output changes:
    `Page.render` keeps the links to anchors at any log level, an unparseable link is left as
    written with a warning where MkDocs stops the build with an error."""


UPSTREAM: tuple[Upstream, ...] = (
    # copies
    Upstream("mkdocs.structure.pages:Page.render", "mkdocs/structure/pages.py, mkdocs 1.6.1", "320529348f7a8af1",
             "copied by render_markdown and show_rendered (markdown_render.PageRenderer renders with one "
             "Markdown instance per process and a cache)", properdocs="ee04724746238ac1"),
    Upstream("material/templates/partials/header.html", "material/templates/partials/header.html, mkdocs-material 9.8.1",
             "8cf3fb15bcf969ff",
             "copied by overrides/partials/header.html, whose search block includes the portal's search dialog"),
    Upstream("material/templates/partials/language.html",
             "material/templates/partials/language.html, mkdocs-material 9.8.1", "3a44516f305006ac",
             "answered the same way, memoized, by overrides/partials/language.html and templates.MaterialTranslations"),
    # private names
    Upstream("mkdocs.structure.pages:Page.read_source", "mkdocs/structure/pages.py, mkdocs 1.6.1", "b35101eabf605b08",
             "copied by read_source (the front matter read through markdown_render.FrontMatterCache)", properdocs="14ac2e8d8db5e48c"),
    Upstream("mkdocs.utils.meta:get_data", "mkdocs/utils/meta.py, mkdocs 1.6.1", "3cd0a7a5f861a6df",
             "read_front_matter: FrontMatterCache keeps its answers, keyed by the text and front_matter_reader",
             properdocs="3cd0a7a5f861a6df"),
    Upstream("mkdocs.commands.build:_build_template", "mkdocs/commands/build.py, mkdocs 1.6.1", "08bb80b43eb89376",
             "render_theme_template: the 404 page of each language", properdocs="100aa6dadf01fa4d"),
    Upstream("mkdocs.commands.build:_populate_page", "mkdocs/commands/build.py, mkdocs 1.6.1", "31a70ea4caef1e12",
             "render_pages_again: the preview's fast refresh; convert_page_markdown does its first half", properdocs="b3c436870881aa43"),
    Upstream("mkdocs.commands.build:_build_page", "mkdocs/commands/build.py, mkdocs 1.6.1", "adcdbd14b2361126",
             "render_pages_again: the preview's fast refresh", properdocs="a921d5be3f1bcca9"),
    Upstream("mkdocs.livereload:_serve_url", "mkdocs/livereload/__init__.py, mkdocs 1.6.1", "8250b914a822c167",
             "serve_url: the preview's address", properdocs="8250b914a822c167"),
    Upstream("mkdocs.livereload:LiveReloadServer.__init__", "mkdocs/livereload/__init__.py, mkdocs 1.6.1",
             "e79efeb939bfe4b4", "live_reload_server sets its observer, build_delay and error_handler", properdocs="e79efeb939bfe4b4"),
    Upstream("mkdocs.livereload:LiveReloadServer.serve", "mkdocs/livereload/__init__.py, mkdocs 1.6.1",
             "e1d492bd6096889e", "serve_bound: serve() after binding (watcher, server thread, build loop); "
             "answer_errors_by_address wraps its WSGI app and error_handler", properdocs="e1d492bd6096889e"),
    Upstream("mkdocs.structure.pages:_RawHTMLPreprocessor", "mkdocs/structure/pages.py, mkdocs 1.6.1",
             "1bc67630834f6212", "render_markdown registers it as Page.render does", properdocs="d9a4531e4f1506ae"),
    Upstream("mkdocs.structure.pages:_ExtractAnchorsTreeprocessor", "mkdocs/structure/pages.py, mkdocs 1.6.1",
             "95da536fb4b96614", "render_markdown registers it as Page.render does", properdocs="eea4c6b02802892b"),
    Upstream("mkdocs.structure.pages:_RelativePathTreeprocessor", "mkdocs/structure/pages.py, mkdocs 1.6.1",
             "523b46edca9448ef", "render_markdown registers it (with files that record each lookup, for the cache)", properdocs="8504828b8702ff53"),
    Upstream("mkdocs.structure.pages:_ExtractTitleTreeprocessor", "mkdocs/structure/pages.py, mkdocs 1.6.1",
             "253a44071bfb0c4a", "render_markdown registers it as Page.render does", properdocs="583d70799ea03d22"),
    Upstream("mkdocs.structure.pages:Page.title", "mkdocs/structure/pages.py, mkdocs 1.6.1", "0b79ceaa40829423",
             "title_from_render: a title taken from the body's first heading is HTML (escaping.mark_trusted_html)", properdocs="0b79ceaa40829423"),
    Upstream("mkdocs.utils.templates:url_filter", "mkdocs/utils/templates.py, mkdocs 1.6.1", "aa52bb2422f2048e",
             "fragments: a shared fragment's key holds each address as this filter writes it; url_filter is "
             "replaced by RelativeUrls.filter, which answers the same", properdocs="aa52bb2422f2048e"),
    Upstream("mkdocs.utils:normalize_url", "mkdocs/utils/__init__.py, mkdocs 1.6.1", "b11a3a176c1cd9ae",
             "copied by RelativeUrls.normalize (what repeats remembered)", properdocs="b11a3a176c1cd9ae"),
    Upstream("mkdocs.utils:get_relative_url", "mkdocs/utils/__init__.py, mkdocs 1.6.1", "4d13309f3b8efbb9",
             "copied by RelativeUrls.normalize (the parts of each address and of the page's folder remembered)",
             properdocs="4d13309f3b8efbb9"),
    Upstream("mkdocs.utils:_norm_parts", "mkdocs/utils/__init__.py, mkdocs 1.6.1", "6f32c9f7093d3942",
             "RelativeUrls.normalize calls it, once per address and per page", properdocs="5ec6816d47ab0e81"),
    Upstream("mkdocs.utils:_get_norm_url", "mkdocs/utils/__init__.py, mkdocs 1.6.1", "975a0c9e245220a2",
             "RelativeUrls.normalize calls it as normalize_url does", properdocs="4e70496ed0fdfaac"),
    Upstream("mkdocs_static_i18n.plugin:I18n.on_post_build", "mkdocs_static_i18n/plugin.py, mkdocs-static-i18n 1.3.1",
             "e70db1f72973bb70", "I18n.in_nested_pass (`building`) and the timeline's nested passes"),
    Upstream("mkdocs_static_i18n.reconfigure:ExtendedPlugin.__init__",
             "mkdocs_static_i18n/reconfigure.py, mkdocs-static-i18n 1.3.1", "85a1f663216d5ead",
             "I18n reads current_language and building, and sets extra_alternate"),
    Upstream("mkdocs_static_i18n.reconfigure:ExtendedPlugin.reconfigure_page_context",
             "mkdocs_static_i18n/reconfigure.py, mkdocs-static-i18n 1.3.1", "5ffa45c81df76fed",
             "I18n.skip_switcher_copies: an empty extra_alternate skips its deep copy per page"),
    Upstream("material/templates/partials/languages/en.html",
             "material/templates/partials/languages/en.html, mkdocs-material 9.8.1", "902e36bb5ec5cb46",
             "material_language: the `t` macro of a language partial"),
    # patched
    Upstream("mkdocs.structure.files:File.copy_file", "mkdocs/structure/files.py, mkdocs 1.6.1", "369c71ea1799a938",
             "SharedAsset and UncopiedFile override it, replace_copy replaces it (hard links)", properdocs="369c71ea1799a938"),
    Upstream("mkdocs.structure.files:Files.add_files_from_theme", "mkdocs/structure/files.py, mkdocs 1.6.1", "0169dd2b1c22ca13",
             "remember_theme_files keeps the names its filter chose, by the pass's static_templates", properdocs="f18ac4718cf54300"),
    Upstream("mkdocs.theme:Theme.get_env", "mkdocs/theme.py, mkdocs 1.6.1", "9c26120fb96f9204",
             "remember_theme_files wraps it and the loader's list_templates", properdocs="9c26120fb96f9204"),
    Upstream("jinja2.environment:Environment.getattr", "jinja2/environment.py, Jinja2 3.1.6", "9d52d65b450cc167",
             "dict_keys_first replaces it with the same answers"),
    Upstream("jinja2.runtime:Context.__init__", "jinja2/runtime.py, Jinja2 3.1.6", "58d8435955e09020",
             "copied by _LeanContext.__init__, which sets globals_keys when first read"),
    Upstream("jinja2.environment:Template._get_default_module", "jinja2/environment.py, Jinja2 3.1.6", "1373f325dfe8ded6",
             "_LeanContext: the only reader of a context's globals_keys (with its async twin)"),
    Upstream("jinja2.environment:Environment.get_template", "jinja2/environment.py, Jinja2 3.1.6", "924d6591de252c7d",
             "share_template_renders wraps it"),
    Upstream("jinja2.environment:Template._from_namespace", "jinja2/environment.py, Jinja2 3.1.6", "fdce36aa99d87a24",
             "share_template_renders replaces root_render_func and blocks, which this sets"),
    Upstream("watchdog.observers.api:BaseObserver.schedule", "watchdog/observers/api.py, watchdog 7.1.0",
             "0cb55e8f7eeaf9b1", "changes_only: the preview's watcher reports changes only"),
)


def upstream_source(entry: Upstream, engine: str = "mkdocs") -> str:
    """The source of what `entry` names, in MkDocs or (`engine="properdocs"`) in ProperDocs."""
    source = entry.source
    if engine == "properdocs" and source.startswith("mkdocs."):
        source = "properdocs." + source[len("mkdocs."):]
    if ":" in source:
        module, qualified = source.split(":", 1)
        found = import_module(module)
        for name in qualified.split("."):
            found = getattr(found, name)
        # A property-like descriptor (MkDocs' `weak_property`): the function it wraps.
        found = getattr(found, "fget", None) or getattr(found, "func", None) or found
        return inspect.getsource(found)
    package, path = source.split("/", 1)
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- static-i18n -------------------------------------------------------------------------------


class I18n:
    """What the build reads from and tells mkdocs-static-i18n (plugin `i18n`)."""

    def __init__(self, config):
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError(_("the portal plugin needs mkdocs-static-i18n (plugin 'i18n') listed before it"))
        self._plugin = plugin

    @property
    def current_language(self) -> str:
        return self._plugin.current_language

    @property
    def default_language(self) -> str:
        """The language at the site's root (in a one-language preview, that language)."""
        return self._plugin.default_language

    @property
    def in_nested_pass(self) -> bool:
        """Whether this pass runs inside the default language's post-build (static-i18n builds
        the other languages from there)."""
        return self._plugin.building

    @property
    def only_language(self) -> str | None:
        return self._plugin.config.build_only_locale

    @property
    def languages(self) -> list[str]:
        return [language.locale for language in self._plugin.config.languages]

    def do_not_build(self, lang: str) -> None:
        for language in self._plugin.config.languages:
            if language.locale == lang:
                language.build = False

    def skip_switcher_copies(self) -> None:
        """static-i18n deep-copies its language switcher into every page's context when it has
        one; the portal sets its own (`set_language_switcher`)."""
        self._plugin.extra_alternate = {}


def set_language_switcher(config, entries: list[dict]) -> None:
    """static-i18n sets `extra.alternate` as an attribute, which Jinja reads before the item."""
    config.extra["alternate"] = entries
    config.extra.alternate = entries


# -- MkDocs: pages and templates ---------------------------------------------------------------


def render_theme_template(name: str, env, files, config, nav) -> str:
    """A theme template rendered as MkDocs renders its static templates (404.html)."""
    return _build_template(name, env.get_template(name), files, config, nav)


def render_pages_again(pages: list, config, files, nav, env) -> None:
    """Read, render and write `pages` again, as MkDocs' build does, with every plugin event."""
    documentation_pages = files.documentation_pages()
    for page in pages:
        _populate_page(page, config, files)
    for page in pages:
        _build_page(page, config, documentation_pages, nav, env)


def convert_page_markdown(file, config, files) -> str:
    """The HTML of `file`'s Markdown as the build converts it, for a page the pass did not build
    (`ArticleHtml`): what `_populate_page` does up to `page.render` (read the source, every
    plugin's on_page_markdown, render), without its on_pre_page and on_page_content events,
    which the portal and static-i18n do not use for the page's body."""
    page = file.page if file.page is not None else mkdocs_pages.Page(None, file, config)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    return page.content


def replace_read_source(page, get_data) -> None:
    """Make MkDocs read `page`'s source as `Page.read_source` does (the copy below), with
    `get_data(source) -> (markdown, meta)` standing in for MkDocs' `utils.meta.get_data`.
    MkDocs calls `page.read_source(config)` right after the on_pre_page events."""
    page.read_source = lambda config: read_source(page, config, get_data)


def read_source(page, config, get_data) -> None:
    """`Page.read_source` of MkDocs 1.6.1, with `get_data` for `meta.get_data`."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        try:
            source = page.file.content_string
        except OSError:
            mkdocs_pages.log.error(f'File not found: {page.file.src_path}')
            raise
        except ValueError:
            mkdocs_pages.log.error(f'Encoding error reading file: {page.file.src_path}')
            raise

    page.markdown, page.meta = get_data(source)


def read_front_matter(source: str) -> tuple[str, dict]:
    """MkDocs' own front-matter reader: (the Markdown after the front matter, the meta)."""
    return mkdocs_meta.get_data(source)


def front_matter_reader() -> str:
    """What MkDocs' front-matter reader's answers depend on besides the text: the engine and
    PyYAML, and whether PyYAML has libyaml (MkDocs then parses with `CSafeLoader`)."""
    import yaml

    engine_name, engine_version = engine()
    return f"{engine_name}={engine_version},PyYAML={yaml.__version__},libyaml={mkdocs_meta.SafeLoader.__name__}"


def replace_page_render(page, render) -> None:
    """MkDocs calls `page.render(config, files)` right after the on_page_markdown events."""
    page.render = render


def render_markdown(md, page, files, lookup_files, config) -> tuple[str, list, str | None, set[str], dict]:
    """Convert `page.markdown` with `md` (a reset Markdown instance) and MkDocs' own per-page
    processors, as `Page.render` does; `lookup_files` stands in for `files` where links are
    resolved. Returns (HTML, toc tokens, title from the first heading, anchor ids, links to
    anchors by the linked page's src_uri)."""
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    links = mkdocs_pages._RelativePathTreeprocessor(page.file, lookup_files, config)
    links._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    content = md.convert(page.markdown)
    return (content, list(getattr(md, "toc_tokens", [])), title.title,
            anchors.present_anchor_ids | raw_html.present_anchor_ids,
            {target.src_uri: dict(found) for target, found in links.links_to_anchors.items()})


def show_rendered(page, files, content: str, toc_tokens: list, title: str | None, anchor_ids: set[str],
                  anchor_links: dict[str, dict[str, str]]) -> None:
    """Give `page` what `Page.render` gives it."""
    page.content = content
    page.toc = get_toc(toc_tokens)
    page._title_from_render = title
    page.present_anchor_ids = set(anchor_ids)
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {
            target: links for src_uri, links in anchor_links.items()
            if (target := files.src_uris.get(src_uri)) is not None
        }


def render_as_the_engine_does(page, config, files) -> tuple[str, list, str | None, list[str]]:
    """`page` rendered by the engine's own `Page.render` (a new Markdown instance, no cache), for
    `cache_check`: (HTML, outline of the table of contents, title from the first heading, anchor
    ids). The page keeps what this render gave it until the caller gives it its own."""
    mkdocs_pages.Page.render(page, config, files)
    return page.content, toc_outline(page.toc), page._title_from_render, sorted(page.present_anchor_ids)


def toc_of(toc_tokens: list):
    return get_toc(toc_tokens)


def toc_outline(toc) -> list[tuple]:
    """A table of contents as plain data: (level, id, title, url) of every entry, in order."""
    outline = []

    def visit(items):
        for item in items:
            outline.append((item.level, item.id, item.title, item.url))
            visit(item.children)

    visit(toc)
    return outline


def engine() -> tuple[str, str]:
    """The engine running the build, and its version: `mkdocs` or `properdocs` (which answers
    imports of `mkdocs` with its own modules when it runs)."""
    import mkdocs

    name = "properdocs" if mkdocs.__name__ == "properdocs" else "mkdocs"
    return name, mkdocs.__version__


class RelativeUrls:
    """MkDocs' `normalize_url(path, page, base)`, which its `url` filter applies to every address a
    template links (some thirty a page, and as many for the shared fragments' keys), with the same
    answers and less work: the copy of `normalize_url` and `get_relative_url` below splits each
    address into its parts once per process (MkDocs' `_norm_parts`, kept by address) and the
    page's folder once per page, and remembers the answers for the page being rendered (pages
    are rendered one after another; a new page address starts afresh). Every answer depends only
    on the address and the page's address, as MkDocs' does. Without a page (a theme template such
    as 404.html) MkDocs' own function answers. One instance serves the process (`relative_url`)."""

    def __init__(self):
        self._parts: dict[str, tuple[list[str], bool, int]] = {}
        self._page_url: str | None = None
        self._page_parts: tuple[str, ...] = ()
        self._answers: dict[str, str] = {}
        self._shared: dict[tuple, str] = {}
        """(address, the page folder's first parts as many as the address has, how many it has)
        -> the answer: all that get_relative_url's answer depends on (the common start of the two
        and what is left of each), the same for many pages (every article of a month, for a
        link to a listing)."""

    SHARED_LIMIT = 50_000

    def normalize(self, path: str, page, base: str = "") -> str:
        if page is None:
            return normalize_url(path, page, base)
        page_url = page.url
        if page_url != self._page_url:
            # get_relative_url(url, other): the last part of `other` is left out if it has a dot.
            other = page_url
            dirname, _slash, basename = other.rpartition("/")
            if "." in basename:
                other = dirname
            self._page_url, self._page_parts, self._answers = page_url, tuple(_norm_parts(other)), {}
        answer = self._answers.get(path)
        if answer is None:
            answer = self._answers[path] = self._relative(path)
        return answer

    def _relative(self, path: str) -> str:
        url, relative_level = _get_norm_url(path)
        if relative_level == -1:
            return url
        known = self._parts.get(url)
        if known is None:
            parts = _norm_parts(url)
            known = self._parts[url] = (parts, url.endswith("/"), len(parts))
        dest_parts, trailing, length = known
        other_parts = self._page_parts
        key = (path, other_parts[:length], len(other_parts))
        answer = self._shared.get(key)
        if answer is None:
            if len(self._shared) >= self.SHARED_LIMIT:
                self._shared.clear()  # a bound on memory; what is shared comes back at once
            answer = self._shared[key] = self._relative_to_page(url, relative_level, dest_parts, trailing)
        return answer

    def _relative_to_page(self, url: str, relative_level: int, dest_parts: list[str], trailing: bool) -> str:
        other_parts = self._page_parts
        common = 0
        for a, b in zip(other_parts, dest_parts):
            if a != b:
                break
            common += 1
        relurl = "/".join(([".."] * (len(other_parts) - common)) + dest_parts[common:]) or "."
        result = relurl + "/" if trailing else relurl
        if relative_level > 0:
            result = "../" * relative_level + result
        return result

    def filter(self, check=None):
        """The `url` filter (MkDocs' `url_filter`) answered by `normalize`. `check`
        (`cache_check.CacheCheck`): on the pages it covers, each answer is compared with MkDocs'
        own `normalize_url`."""
        normalize = self.normalize

        @pass_context
        def url_filter(context, value):
            page = context["page"]
            answer = normalize(str(value), page=page, base=context["base_url"])
            if check is not None and page is not None and check.covers(getattr(getattr(page, "file", None), "src_uri", None)):
                check.compare(f"the address {str(value)!r} written by the url filter", page.file.src_uri, answer,
                              normalize_url(str(value), page=page, base=context["base_url"]))
            return answer

        return url_filter


_RELATIVE_URLS = RelativeUrls()
relative_url = _RELATIVE_URLS.normalize
"""`normalize_url(path, page, base)` as MkDocs answers it (`RelativeUrls`)."""
url_filter = _RELATIVE_URLS.filter


def title_from_render(page) -> str | None:
    """The title MkDocs took from the body's first heading (HTML), if it did."""
    return getattr(page, "_title_from_render", None)


class SharedAsset(File):
    """A medium shared by every language, added to another language's pass: copied only when the
    copy on disk is missing or older (`generated_files`)."""

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty=True)


class UncopiedFile(File):
    """A media file another shard writes: known to the pass (links to it resolve) but not copied."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def replace_copy(file: File, copy_file) -> None:
    """How this one file is put into the site (`copy_file(dirty)`, called by MkDocs' build)."""
    file.copy_file = copy_file


def remember_theme_files(theme) -> None:
    """MkDocs lists the theme's files in every language pass to find its static assets, and
    Material's templates folder holds some 10,000 icons: list them once per build, and which of
    them are static files once per build and set of static templates
    (`_theme_files_listed_once`). The lists are kept on the theme object, which a new build (a
    preview's full rebuild) makes anew."""
    if getattr(theme, "_portal_remembers_files", False):
        return
    make_environment = theme.get_env
    listed: list[str] = []

    def get_env():
        env = make_environment()
        list_all = env.loader.list_templates

        def list_templates():
            if not listed:
                listed.extend(list_all())
            return list(listed)

        env.loader.list_templates = list_templates
        env.list_templates = _theme_files_listed_once(env.list_templates, chosen)
        return env

    chosen: dict[tuple, list[str]] = {}
    theme.get_env = get_env
    theme._portal_remembers_files = True


_THEME_FILTER = "Files.add_files_from_theme.<locals>.filter"


def _theme_files_listed_once(list_templates, chosen: dict):
    """`env.list_templates` that remembers which theme files MkDocs' `Files.add_files_from_theme`
    keeps (its filter tries some twenty patterns on each of the 10,000 names, in every pass):
    the filter's answer depends only on the name, MkDocs' Markdown extensions and the pass's
    `config.theme.static_templates` (which the portal changes per pass), so the list is kept
    by those. Any other call is answered by Jinja."""

    def listed(extensions=None, filter_func=None):
        config = _closure_value(filter_func, "config") if extensions is None else None
        if config is None or getattr(filter_func, "__qualname__", "") != _THEME_FILTER:
            return list_templates(extensions=extensions, filter_func=filter_func)
        key = (tuple(sorted(config.theme.static_templates)), tuple(mkdocs_utils.markdown_extensions))
        found = chosen.get(key)
        if found is None:
            found = chosen[key] = list_templates(filter_func=filter_func)
        return list(found)

    return listed


def _closure_value(function, name: str):
    code, closure = getattr(function, "__code__", None), getattr(function, "__closure__", None)
    if code is None or closure is None or code.co_freevars != (name,):
        return None
    return closure[0].cell_contents


# -- Jinja and Material ------------------------------------------------------------------------

_DICT_ATTRIBUTES = frozenset(dir(dict))


def dict_keys_first(env) -> None:
    """Make `x.name` (Jinja's `env.getattr`) read the item directly where the attribute lookup
    that Jinja tries first is known to fail: the same answers, without an exception raised and
    caught (see `templates`). That is on a plain dict (its only attributes are dict's own), and on
    any object whose class has no attribute of that name and no `__getattr__` or
    `__getattribute__` of its own, when the object's `__dict__` has none either: MkDocs' theme
    (`config.theme.palette`) and the plugins' and `extra` settings (`config.extra.alternate`),
    some twenty times a page. Which class answers which name is found once per pass."""
    general, undefined = env.getattr, env.undefined
    item_first: dict[tuple[type, str], bool] = {}

    def getattr(obj, attribute):
        cls = type(obj)
        if cls is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return undefined(obj=obj, name=attribute)
            return general(obj, attribute)
        known = item_first.get((cls, attribute))
        if known is None:
            known = item_first[(cls, attribute)] = _no_class_attribute(cls, attribute)
        if known and attribute not in _instance_dict(obj):
            # Environment.getattr after its getattr() has failed with AttributeError.
            try:
                return obj[attribute]
            except (TypeError, LookupError, AttributeError):
                return undefined(obj=obj, name=attribute)
        return general(obj, attribute)

    env.getattr = getattr


def _no_class_attribute(cls: type, attribute: str) -> bool:
    """Whether an instance of `cls` has the attribute only if its own `__dict__` has it: no
    class in its MRO defines the name, `__getattr__`, or a `__getattribute__` other than
    object's."""
    if cls.__getattribute__ is not object.__getattribute__:
        return False
    return not any(attribute in klass.__dict__ or "__getattr__" in klass.__dict__ for klass in cls.__mro__)


def _instance_dict(obj) -> dict | tuple:
    try:
        return object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return ()


class _LeanContext(Context):
    """Jinja's template context, which sets `globals_keys` (the names of the template's globals,
    read only where a template is imported, `Template._get_default_module`) when first read, not
    for every context: Jinja makes one for every include, some twenty a page, and listing the
    globals (a ChainMap of the template's and the environment's) cost more than the rest of it.
    The globals do not change while a build renders its pages."""

    def __init__(self, environment, parent, name, blocks, globals=None):
        # Context.__init__ of Jinja 3.1.6, but for `globals_keys`.
        self.parent = parent
        self.vars = {}
        self.environment = environment
        self.eval_ctx = EvalContext(self.environment, name)
        self.exported_vars = set()
        self.name = name
        self._globals = globals
        self.blocks = {k: [v] for k, v in blocks.items()}

    @property
    def globals_keys(self) -> set:
        keys = self.__dict__.get("_globals_keys")
        if keys is None:
            keys = self.__dict__["_globals_keys"] = set() if self._globals is None else set(self._globals)
        return keys

    @globals_keys.setter
    def globals_keys(self, keys) -> None:
        self.__dict__["_globals_keys"] = keys


def lean_contexts(env) -> None:
    """Make `env` create its template contexts as `_LeanContext` (Jinja's `context_class`)."""
    env.context_class = _LeanContext


def share_template_renders(env, templates: dict, blocks: dict, shared) -> None:
    """Make `env` render the included `templates` and the `blocks` of their owners through
    `shared(name, key_of, render) -> render`, on every load of those templates (Jinja may load a
    template again after dropping it from its cache). Jinja 3.1 compiles a template into a
    `root_render_func` and a dict of `blocks`, through which every include and block call goes."""
    load = env.get_template

    def get_template(name, parent=None, globals=None):
        template = load(name, parent, globals)
        if not getattr(template, "_portal_shared", False):
            template._portal_shared = True
            key_of = templates.get(template.name)
            if key_of is not None:
                template.root_render_func = shared(template.name, key_of, template.root_render_func)
            for (owner, block), key_of in blocks.items():
                if template.name == owner and block in template.blocks:
                    template.blocks[block] = shared(f"{owner}#{block}", key_of, template.blocks[block])
        return template

    env.get_template = get_template


def intercept_page_renders(env, render_page) -> None:
    """Make `template.render(context)`, for every template `env` loads, call
    `render_page(template, render, context)` (`render`: the template's own). MkDocs renders a page
    and its static templates so; Jinja never does for an include or a parent template (those go
    through `root_render_func`), so only whole pages pass here."""
    load = env.get_template

    def get_template(name, parent=None, globals=None):
        template = load(name, parent, globals)
        if not getattr(template, "_portal_page_render", False):
            template._portal_page_render = True
            render = template.render
            template.render = lambda *args, **values: render_page(template, render, dict(*args, **values))
        return template

    env.get_template = get_template


def material_language(env, language: str):
    """Material's UI strings of `language`: its `partials/languages/<language>.html`, whose `t`
    macro answers one key."""
    return env.get_template(f"partials/languages/{language}.html").module


# -- the preview's server ----------------------------------------------------------------------


def serve_url(host: str, port: int, mount_path: str) -> str:
    return _serve_url(host, port, mount_path)


def live_reload_server(builder, host: str, port: int, root: str, mount_path: str, *, observer,
                       build_delay: float, error_page) -> LiveReloadServer:
    """MkDocs' live-reload server with another file watcher, a shorter wait before rebuilding,
    and the site's own error pages."""
    server = LiveReloadServer(builder=builder, host=host, port=port, root=root, mount_path=mount_path)
    server.observer = observer
    server.build_delay = build_delay
    server.error_handler = error_page
    return server


def serve_bound(server, ready) -> None:
    """MkDocs' `LiveReloadServer.serve()` after its first step, binding the socket, which the
    preview does itself to say why it cannot start: the file watcher, the server thread,
    `ready()` once both run (a save from then on is seen, a browser is answered), and the
    rebuild loop."""
    if server._watched_paths:
        server.observer.start()
    server.serve_thread.start()
    ready()
    server._build_loop()


def answer_errors_by_address(server, error_page) -> LiveReloadServer:
    """Make MkDocs' live-reload `server` answer an error with `error_page(path, code)` (bytes or
    None). MkDocs tells its `error_handler` only the status code, so the address is remembered
    per request (each request has its own thread) by wrapping the server's WSGI application."""
    request = threading.local()
    serve_request = server.get_app()
    mount_path = getattr(server, "mount_path", "/")

    def remember_path(environ, start_response):
        path = environ.get("PATH_INFO", "")
        request.path = path[len(mount_path):] if path.startswith(mount_path) else path
        return serve_request(environ, start_response)

    server.set_app(remember_path)
    server.error_handler = lambda code: error_page(getattr(request, "path", ""), code)
    return server


def changes_only(observer):
    """`observer`, told to report only changes to files (written, created, deleted, moved) for
    every path anyone schedules, MkDocs' live-reload server included. inotify also reports a
    file being opened or closed after reading, and a build reads every file of docs/: each
    rebuild would then look like a change to everything, and start another."""
    import watchdog.events as events

    wanted = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
              events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
    schedule = observer.schedule

    def schedule_changes(handler, path, *, recursive=False, event_filter=None, **options):
        return schedule(handler, path, recursive=recursive, event_filter=event_filter or wanted, **options)

    observer.schedule = schedule_changes
    return observer
