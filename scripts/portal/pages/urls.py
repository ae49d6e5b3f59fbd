"""Addresses of pages. A page is known by its *norm path*: its URL path without the language
prefix (`news/2025/slug/`, `about/`, `` for the home page)."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from ..languages import DEFAULT, split_language_suffix, url_prefix
from ..messages import _


def norm_path_of(rel_path: str) -> str:
    """`news/2025/slug.ja.md` -> `news/2025/slug/`; `index.en.md` -> ``; `about.md` -> `about/`."""
    folder, _slash, filename = rel_path.rpartition("/")
    base = split_language_suffix(filename)[0]
    if base in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{base}/" if folder else f"{base}/"


class PublicUrls:
    """Absolute public URLs, Vietnamese at the root and the other languages under `/<lang>/`."""

    def __init__(self, site_url: str):
        if not site_url:
            raise ValueError(_("mkdocs.yml needs site_url: canonical, hreflang, sitemap and feeds use absolute URLs"))
        self.base = site_url.rstrip("/") + "/"
        self.base_path = urlsplit(self.base).path

    def url(self, lang: str, norm: str) -> str:
        return self.base + url_prefix(lang) + norm

    def path(self, lang: str, norm: str) -> str:
        """The URL path from the server root, for links that must work from any page."""
        return self.base_path + url_prefix(lang) + norm


class BuildLayout:
    """Where pages go in *this* build. A one-language preview (static-i18n's `build_only_locale`)
    puts that language at the root, so in-site links are computed from the build's own default."""

    def __init__(self, build_default: str = DEFAULT):
        self.build_default = build_default

    def site_path(self, lang: str, norm: str) -> str:
        """Site-relative path (no leading slash), what MkDocs' `url` filter makes page-relative."""
        prefix = "" if lang == self.build_default else f"{lang}/"
        return prefix + norm

    def dest_uri(self, lang: str, norm: str) -> str:
        return posixpath.join(self.site_path(lang, norm), "index.html")
