"""Messages for editors and the office (errors, warnings, help, summaries), in Vietnamese by
default and in English on request, through gettext catalogues managed with Babel.

Every message a person reads from a command is written in English in the code and wrapped in
`_()` (or `ngettext()` for counts), with named placeholders filled in *after* translation:

    _("unknown category '{slug}'").format(slug=slug)

The catalogue is `portal/locale/<lang>/LC_MESSAGES/portal.po` (see README, "Messages"). The
language is `PORTAL_LANG` (`vi` or `en`), else the locale (`LANGUAGE`, `LC_ALL`,
`LC_MESSAGES`, `LANG`) when it names English, else Vietnamese.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "portal"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")
"""The languages of the tools' messages: Vietnamese (default) and English (the code's own)."""
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
"""Locale settings that choose the language of messages. `LANG` alone is not one of them: many
systems set it to en_US by default, and editors read Vietnamese unless they ask otherwise."""
_translations: gettext.NullTranslations | None = None
_language: str | None = None


def tool_language(environ=os.environ) -> str:
    """`vi` or `en`: `PORTAL_LANG` first, then the first locale setting of messages that is set."""
    chosen = environ.get("PORTAL_LANG", "").strip().lower()
    if not chosen:
        for variable in LOCALE_VARIABLES:
            value = environ.get(variable, "").strip()
            if value and value not in ("C", "POSIX", "C.UTF-8", "C.utf8"):
                chosen = value.split(":", 1)[0].lower()
                break
    return "en" if chosen.startswith("en") else "vi"


def use_language(lang: str | None = None, locale_dir: Path = LOCALE_DIR) -> None:
    """Load the catalogue of `lang` (default: `tool_language()`) from `locale_dir`; later
    messages use it. English is the code's own text and needs no catalogue."""
    global _translations, _language
    lang = lang or tool_language()
    _language = lang
    if lang == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, locale_dir, languages=[lang], fallback=True)


def current_language() -> str:
    """The language messages are in now (`vi`, `en`, or a test's catalogue): for what a
    catalogue cannot hold, such as which language of the site data a report quotes."""
    _catalogue()
    return _language  # type: ignore[return-value]


def _catalogue() -> gettext.NullTranslations:
    if _translations is None:
        use_language()
    return _translations  # type: ignore[return-value]


def _(message: str) -> str:
    """`message` in the tools' language."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits `count`, in the tools' language."""
    return _catalogue().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it now: for texts defined when a
    module loads (the language is chosen later), translated with `_()` where they are shown."""
    return message
