"""What a reader downloads for an article, before any photo: the page, and every stylesheet and
script it loads, compressed, within 150 KB; the HTML itself within 60 KB (it must not grow with
the number of articles: no page lists the whole site)."""

from __future__ import annotations

import gzip
import posixpath
import re

import pytest

from portal.languages import CODES, url_prefix

ARTICLE = "news/2024/doan-cong-tac-thanh-pho-kitakyushu-nhat-ban-lam-viec-tai-hai-phong/"
BUDGET_COMPRESSED = 150 * 1024
BUDGET_HTML = 60 * 1024


def compressed_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def loaded_assets(html: str) -> list[str]:
    """Stylesheets and scripts the page loads by itself (not the ones code loads on demand)."""
    stylesheets = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"', html)
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    return [url for url in stylesheets + scripts if not re.match(r"^[a-z]+:|^//", url)]


@pytest.mark.parametrize("lang", CODES)
def test_an_article_with_its_css_and_js_weighs_under_150_kb_compressed(sample_site, lang):
    page = url_prefix(lang) + ARTICLE + "index.html"
    html = (sample_site / page).read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < BUDGET_HTML
    assets = loaded_assets(html)
    assert any(url.endswith(".css") for url in assets) and any(url.endswith(".js") for url in assets)
    total = compressed_size(html.encode("utf-8"))
    for url in assets:
        path = sample_site / posixpath.normpath(posixpath.join(posixpath.dirname(page), url.split("?", 1)[0]))
        assert path.is_file(), f"{page} loads {url}, which the site does not have"
        total += compressed_size(path.read_bytes())
    assert total < BUDGET_COMPRESSED, f"{page}: {total / 1024:.0f} KB compressed with its CSS and JS"


def test_a_listing_page_links_a_fixed_number_of_pages_however_long_the_archive():
    from portal.pages.listings import page_window

    assert page_window(1, 1) == [1]
    assert page_window(2, 4) == [1, 2, 3, 4]
    assert page_window(50, 400) == [1, None, 48, 49, 50, 51, 52, None, 400]
    assert page_window(4, 400) == [1, 2, 3, 4, 5, 6, None, 400]
    for count in (10, 100, 1000):
        assert all(len(page_window(current, count)) <= 9 for current in range(1, count + 1))
