"""The Jinja environment of a language pass: what the portal's templates are given, and the
settings that compile templates once, not once per language pass.

What templates need (overrides/, on top of Material's own context), all set here or by
`LanguagePass`:

- globals, per pass (`portal_globals`): `t(key, **values)` the UI string `key` in the pass's
  language (`portal/i18n/<lang>.yml`); `t_html(key, **values)` the same as HTML, for a sentence
  holding an element (`escaping.html_sentence`); `portal_lang`; `portal_material_t(language, key)`
  Material's UI strings (overrides/partials/language.html asks it, `MaterialTranslations`);
  `responsive_image(path)` a photo's variants (`images.responsive_image_markup`);
- the filter `localized` (a site-data value in the pass's language) and `striptags`, which
  means "the text of" under autoescape (`escaping`);
- context of every page (`LanguagePass.common_context`, `portal.pages.context.pass_context`):
  `portal_site`, `portal_year`, `portal_urls`, `portal_categories`, `portal_years`,
  `portal_feeds`; of each page (`LanguagePass.page_context`): `portal_page` (kind, norm path,
  canonical, alternates, noindex), and by kind `article`, `listing`, `stand_in`, `procedure`,
  `catalogue`, `desk`, `translation_notice`, `latest` (home page).

MkDocs makes a new Jinja environment for each static-i18n pass, and each recompiles Material's
templates from source (about 50 of them per pass). A bytecode cache beside mkdocs.yml keeps the
compiled code between passes and between builds, checked against each template's source. A
build never edits templates while it runs, so Jinja need not check every template file's time
stamp each time a page includes it (some forty includes per page).

Templates read dictionaries (`page.meta.title`, the portal's views) as `x.name`, which Jinja
answers by trying an attribute first and the key only when that fails: an exception raised and
caught for every such read, hundreds per page. For a plain dict the answer is known in advance
(its only attributes are dict's own), so the key is read directly."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError

from ..content.site_data import localized, translate_ui
from .compat import dict_keys_first, lean_contexts, material_language, url_filter
from .escaping import html_sentence
from .images import ImageError, responsive_image_markup


def speed_up_environment(env, cache_dir: Path, check=None) -> None:
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    env.auto_reload = False
    dict_keys_first(env)
    # Every include looks its template up (some forty a page): a plain dict instead of Jinja's
    # LRU cache (whose lookup moves the key within a queue, under a lock). Jinja's own setting
    # for it is `cache_size=-1`; nothing is evicted, and nothing needs to be (auto_reload off).
    env.cache = {}
    # The `url` filter, some thirty times a page: MkDocs' answers, with what repeats remembered
    # (`compat.RelativeUrls`; `check` compares them with MkDocs' own on the pages it covers).
    env.filters["url"] = url_filter(check)
    # A context for every include (some twenty a page), made without listing the globals.
    lean_contexts(env)


def portal_globals(env, lang: str, images, site_dir: str, image_used=None) -> None:
    """The globals and filters the portal's templates use (see the module's docstring).
    `image_used(path)` hears of every photo `responsive_image` writes into the site (the page
    cache does it again when it uses a kept page)."""
    env.globals["portal_material_t"] = MaterialTranslations(env)

    def responsive_image_global(path):
        if image_used is not None:
            image_used(path)
        return responsive_image(images, path, site_dir)

    env.globals["responsive_image"] = responsive_image_global
    env.globals["t"] = lambda key, **values: translate_ui(lang, key, **values)
    env.globals["t_html"] = lambda key, **values: html_sentence(translate_ui(lang, key), **values)
    env.globals["portal_lang"] = lang
    env.filters["localized"] = lambda value: localized(value, lang)


def responsive_image(images, path, site_dir: str):
    """`responsive_image_markup`, with a photo that cannot be read (a lead image, a card's
    thumbnail) stopping the build with its path and fix, as one in a body does, not a traceback."""
    try:
        return responsive_image_markup(images, path, site_dir)
    except ImageError as error:
        raise PluginError(str(error)) from None


class MaterialTranslations:
    """Material's UI strings, looked up once per language and key.

    Material's `partials/language.html` answers each `lang.t(key)` by building the whole
    dictionary of a language (about 100 strings) in a Jinja macro, and a page asks some thirty
    times. overrides/partials/language.html asks this instead, which runs the same macros once
    per key: `lang.t(key) or fallback.t(key) or key`, with English as the fallback."""

    def __init__(self, env):
        self.env = env
        self._strings: dict[tuple[str, str], str] = {}
        self._modules: dict[str, object] = {}

    def _module(self, language: str):
        if language not in self._modules:
            self._modules[language] = material_language(self.env, language)
        return self._modules[language]

    def __call__(self, language: str, key: str) -> str:
        found = self._strings.get((language, key))
        if found is None:
            found = str(self._module(language).t(key) or self._module("en").t(key) or key)
            self._strings[(language, key)] = found
        return found
