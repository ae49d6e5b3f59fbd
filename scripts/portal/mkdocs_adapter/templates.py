"""Jinja settings for a build: templates compiled once, not once per language pass.

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


def speed_up_environment(env, cache_dir: Path) -> None:
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    env.auto_reload = False
    env.getattr = dict_keys_first(env)


_DICT_ATTRIBUTES = frozenset(dir(dict))


def dict_keys_first(env):
    """`env.getattr` (what `x.name` compiles to) with the same answers, without the failed
    attribute lookup on a plain dict."""
    general, undefined = env.getattr, env.undefined

    def getattr(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return undefined(obj=obj, name=attribute)
        return general(obj, attribute)

    return getattr


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
            self._modules[language] = self.env.get_template(f"partials/languages/{language}.html").module
        return self._modules[language]

    def __call__(self, language: str, key: str) -> str:
        found = self._strings.get((language, key))
        if found is None:
            found = str(self._module(language).t(key) or self._module("en").t(key) or key)
            self._strings[(language, key)] = found
        return found


def remember_theme_files(theme) -> None:
    """MkDocs lists the theme's files in every language pass to find its static assets, and
    Material's templates folder holds some 10,000 icons: list them once per build. The list is
    kept on the theme object, which a new build (a preview's full rebuild) makes anew."""
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
        return env

    theme.get_env = get_env
    theme._portal_remembers_files = True

