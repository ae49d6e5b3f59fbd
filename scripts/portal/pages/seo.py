"""Signals for search engines and readers' tools: canonical URL, hreflang alternates with
`x-default`, robots, and the sitemap with the same alternates and each page's last change
(`lastmod`) where it is known (`PageIndex.changes`)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..content.change_notes import w3c_datetime
from ..languages import CODES
from .page_index import PageIndex, x_default_language
from .urls import PublicUrls


def head_links(lang: str, norm: str, pages: PageIndex, urls: PublicUrls) -> dict:
    """`canonical`, `alternates` [(hreflang, absolute url)] and `noindex` for one page.

    A stand-in page ('not available in this language') is not content of its own: it points
    canonically to the original, is kept out of indexes, and lists only the real versions."""
    languages = pages.alternates(norm)
    stand_in = pages.is_stand_in(lang, norm)
    alternates = [(other, urls.url(other, norm)) for other in languages]
    if alternates:
        alternates.append(("x-default", urls.url(x_default_language(languages), norm)))
    canonical = urls.url(x_default_language(languages), norm) if stand_in and languages else urls.url(lang, norm)
    return {"canonical": canonical, "alternates": alternates, "noindex": stand_in}


def render_sitemap(pages: PageIndex, urls: PublicUrls) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for norm in sorted(pages.languages):
        if norm in pages.no_sitemap:
            continue
        languages = pages.alternates(norm)
        for lang in languages:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(urls.url(lang, norm))}</loc>")
            change = pages.last_change(lang, norm)
            if change is not None:
                lines.append(f"    <lastmod>{w3c_datetime(change)}</lastmod>")
            if len(languages) > 1:
                for other in languages:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={quoteattr(urls.url(other, norm))}/>')
                default = x_default_language(languages)
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(urls.url(default, norm))}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def switcher_entries(lang: str, norm: str, pages: PageIndex, layout_site_path) -> list[dict]:
    """The language switcher: every language, each going to the same page in that language."""
    from ..languages import BY_CODE

    return [
        {"name": BY_CODE[other].native_name, "lang": other, "link": layout_site_path(other, pages.switch_target(other, norm)),
         "current": other == lang}
        for other in CODES
    ]
