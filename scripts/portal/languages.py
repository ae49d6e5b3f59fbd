"""The portal's five languages and how each one is addressed."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    """The suffix of content files and the URL prefix (`ja` -> `/ja/`)."""
    native_name: str
    """The name readers pick in the language switcher, in that language."""
    babel_locale: str
    """The locale Babel formats dates with."""
    google_code: str
    """The code deep-translator's GoogleTranslator expects."""
    libre_code: str
    """The code LibreTranslate expects."""


LANGUAGES: tuple[Language, ...] = (
    Language("vi", "Tiếng Việt", "vi", "vi", "vi"),
    Language("en", "English", "en", "en", "en"),
    Language("ja", "日本語", "ja", "ja", "ja"),
    Language("zh", "中文", "zh_Hans_CN", "zh-CN", "zh"),
    Language("ko", "한국어", "ko", "ko", "ko"),
)
CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
DEFAULT = "vi"
TRANSLATION_TARGETS: tuple[str, ...] = tuple(c for c in CODES if c != DEFAULT)
BY_CODE = {lang.code: lang for lang in LANGUAGES}


def url_prefix(lang: str) -> str:
    """The site-relative folder of a language: '' for Vietnamese, 'ja/' for Japanese."""
    return "" if lang == DEFAULT else f"{lang}/"


def split_language_suffix(filename: str) -> tuple[str, str]:
    """`slug.ja.md` -> (`slug`, `ja`); `slug.md` and `slug.vi.md` -> (`slug`, `vi`).

    Only configured language codes count as suffixes, so `report.v2.md` stays whole.
    """
    stem = filename[:-3] if filename.endswith(".md") else filename
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix in BY_CODE:
        return base, suffix
    return stem, DEFAULT


_LANGUAGE_LIKE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
"""What a language suffix looks like (`fr`, `EN`, `vie`, `zh-TW`, `pt_BR`); `v2`, `final` do not."""


def unknown_language_suffix(filename: str) -> str | None:
    """The suffix of `NAME.xx.md` when it looks like a language but is not one of the site's
    (`a.fr.md`, `a.EN.md`, a typing slip for `a.en.md`); None otherwise. Such a file would be
    published as a Vietnamese page named `a.fr`, and counted as one."""
    if not filename.endswith(".md"):
        return None
    base, dot, suffix = filename[:-3].rpartition(".")
    if dot and base and suffix not in BY_CODE and _LANGUAGE_LIKE.match(suffix):
        return suffix
    return None
