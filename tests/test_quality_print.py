"""Quality gate: articles print cleanly on A4 (Decree 42/2022 asks for print): Chromium's print
to PDF gives A4 pages without the site's navigation, in a readable font of the article's script,
with the public address of every link and of the article itself; the first page, rendered to PNG
with pdftoppm, starts with the article, not with the dark header bar."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from test_quality_accessibility import page_path

pytestmark = pytest.mark.browser

A4_POINTS = (595.0, 842.0)
SCRIPT_FONTS = {
    "vi": re.compile(r"Noto Sans|DejaVu|Liberation|Roboto|Arial|Helvetica|Segoe", re.I),
    "ja": re.compile(r"CJK JP|Noto Sans JP|Hiragino|Yu Gothic|Meiryo", re.I),
    "zh": re.compile(r"CJK SC|Noto Sans SC|PingFang|YaHei|Source Han Sans SC", re.I),
    "ko": re.compile(r"CJK KR|Noto Sans KR|Apple SD Gothic|Malgun", re.I),
}
"""Fonts made for each script, as portal.css asks for them (fonts-noto-cjk on Debian)."""
HEADER_BLUE = (13, 59, 102)


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: apt-get install poppler-utils")
    return path


def squeeze(text: str) -> str:
    """Text without whitespace: pdftotext breaks long URLs and lines anywhere."""
    return re.sub(r"\s+", "", text)


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really draws the element's text with (not the CSS wish list)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector} on the page"
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return fonts


@pytest.mark.parametrize("lang", ["vi", "ja", "zh", "ko"])
def test_an_article_prints_on_a4_without_navigation_with_link_addresses(sample_site, sample_server, page, tmp_path, lang):
    path = page_path(sample_site, "article", lang)
    assert path, f"no article in {lang}"
    page.goto(sample_server.url + path)
    screen = page.evaluate("""() => ({
        title: document.querySelector('#portal-article-title').textContent.trim(),
        canonical: document.querySelector('link[rel=canonical]').href,
        links: [...document.querySelectorAll('.portal-article__languages a, .portal-article__body a[href]:not([href^="#"])')]
               .map(a => decodeURI(new URL(a.getAttribute('href'), document.querySelector('link[rel=canonical]').href).href)),
        chrome: [...document.querySelectorAll('.portal-skip, .md-tabs__link, .portal-neighbour__label, .portal-footer__legal p')]
                .map(e => e.textContent.trim()).filter(Boolean),
    })""")
    assert screen["chrome"], "the page has no navigation to hide?"
    page.emulate_media(media="print")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.portal-article__body p')).fontSize)")
    assert size >= 13.3, f"body text {size}px in print, below 10pt"
    fonts = platform_fonts(page, ".portal-article__body p")
    main_font = max(fonts, key=lambda f: f["glyphCount"])
    assert SCRIPT_FONTS[lang].search(main_font["familyName"]), f"{lang} body text drawn with {fonts}"
    pdf = tmp_path / f"{lang}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)

    info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, info
    text = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = squeeze(text)
    assert squeeze(screen["title"]) in printed
    for chrome in screen["chrome"]:
        assert squeeze(chrome) not in printed, f"navigation text {chrome!r} is printed"
    assert squeeze(screen["canonical"]) in printed, "the article's own address is not printed"
    assert screen["links"], "the article has no link to check"
    for link in screen["links"]:
        assert squeeze(link) in printed, f"link address {link} is not printed"

    subprocess.run([poppler("pdftoppm"), "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    first_page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    top_band = first_page.crop((0, 0, first_page.width, first_page.height // 10))
    raw = top_band.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    header_like = sum(1 for p in pixels if all(abs(a - b) < 20 for a, b in zip(p, HEADER_BLUE)))
    inked = sum(1 for p in pixels if sum(p) < 600)
    assert header_like < len(pixels) * 0.02, "the first page starts with the header bar"
    assert inked > 0, "the first page starts blank"
