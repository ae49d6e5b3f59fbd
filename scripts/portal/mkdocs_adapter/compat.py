"""Every private part of MkDocs, Material, mkdocs-static-i18n and Jinja the build relies on.

(Being filled in; see the next commit.)"""

from __future__ import annotations

from mkdocs.commands.build import _build_template
from mkdocs.exceptions import PluginError

from ..messages import _


class I18n:
    """What the build reads from and tells mkdocs-static-i18n (plugin `i18n`), in one place."""

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
        self._plugin.extra_alternate = {}


def set_language_switcher(config, entries: list[dict]) -> None:
    """static-i18n sets `extra.alternate` as an attribute, which Jinja reads before the item."""
    config.extra["alternate"] = entries
    config.extra.alternate = entries


def render_theme_template(name: str, env, files, config, nav) -> str:
    return _build_template(name, env.get_template(name), files, config, nav)
