"""Quality gate: articles print cleanly on A4 (Decree 42/2022 asks for print): Chromium's print
to PDF gives A4 pages without the site's navigation, in a readable font of the article's script,
with the public address of every link and of the article itself, printed and clickable; the first
page, rendered to PNG with pdftoppm, starts with the article, not with the dark header bar.

What is printed is compared as a reader sees it, wherever the lines happen to break: where a line
breaks depends on the fonts and on Chromium's version, not on the product."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image
from pypdf import PdfReader

from portal.site_links import detect_site_url
from sitepages import page_path

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
SOFT_HYPHEN = "\u00ad"
LINE_GAP = r"[\s\u00ad]*(?:(?<=[\n\f])[-\u2010]|[-\u2010](?=[ \t\u00ad]*[\n\f]))?[\s\u00ad]*"
"""What may stand between two characters of a printed text: spaces and line breaks, soft hyphens,
and one hyphen where a line ends (drawn by the layout at a soft hyphen or by hyphenation; Chromium
draws U+2010 there, which `pdftotext -raw` may put after the line break). On paper a hyphen at the
end of a line may or may not belong to the text; anywhere else a hyphen must be in the text, and
one that is not in it is not accepted."""


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: apt-get install poppler-utils")
    return path


def printed_text(pdf: Path) -> str:
    """The PDF's text in the order it is drawn (`pdftotext -raw`), pages separated by form feeds.
    Not pdftotext's default reading-order mode: that one joins a word broken after a hyphen at
    the end of a line and drops the hyphen, so `...gui-nhan-` + `tren-moi...` came out as
    `gui-nhantren`, and whether an address "was printed" depended on where the line broke."""
    return subprocess.run([poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def as_printed(expected: str) -> re.Pattern:
    """`expected` as it may appear in printed text, wherever its lines break: its own spaces may
    become line breaks or vanish (a URL broken anywhere), and a line may end in a hyphen the
    layout added; every other character, hyphens included, must be there in order."""
    characters = [re.escape(c) for c in expected if not c.isspace() and c != SOFT_HYPHEN]
    assert characters, "nothing to look for"
    return re.compile(LINE_GAP.join(characters))


def shows(printed: str, expected: str) -> bool:
    return as_printed(expected).search(printed) is not None


def link_targets(pdf: Path) -> list[str]:
    """Where the PDF's links go: the URI actions of its link annotations (what a click opens)."""
    targets = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            action = action.get_object() if action is not None else {}
            if action.get("/S") == "/URI":
                targets.append(unquote(str(action["/URI"])))
    return targets


WRAPPED_ADDRESS = "https://ngoaivu.haiphong.gov.vn/news/2024/100-van-ban-dieu-hanh-cua-so-ngoai-vu-duoc-ky-so-gui-nhan-tren-moi-truong-mang/"
SOFT_HYPHENATED = "Thành\u00adphố\u00adHải\u00adPhòng\u00adquốc\u00adtế"


def test_printed_text_is_found_wherever_its_lines_break(page, tmp_path):
    """The same address and a soft-hyphenated phrase printed in columns of many widths, one column
    a page: found on every page, whether a line breaks after one of its hyphens, inside a word or
    at a soft hyphen; a hyphen that is not printed mid-line, or one that is not in the text, is
    not taken for the text."""
    widths = range(60, 420, 6)
    columns = "".join(f'<section style="width:{w}px"><p><a href="{WRAPPED_ADDRESS}">{WRAPPED_ADDRESS}</a></p>'
                      f'<p class="phrase">{SOFT_HYPHENATED}</p></section>' for w in widths)
    page.set_content(f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
        @page {{ size: A4; margin: 10mm; }} section {{ break-after: page; font: 11pt sans-serif; }}
        a {{ word-break: break-all; }} .phrase {{ font-size: 24pt; hyphens: manual; }}</style></head>
        <body>{columns}</body></html>""")
    pdf = tmp_path / "columns.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = printed_text(pdf).split("\f")[:len(widths)]
    assert len(pages) == len(widths)
    addresses = [text.split("Thành")[0] for text in pages]
    # The layouts that made the old comparison fail are really among those printed here.
    assert any(re.search(r"-\n", address) for address in addresses), "no column breaks the address after one of its hyphens"
    assert any(re.search(r"\w\S*\n", address.strip()) and not re.search(r"-\n", address) for address in addresses), \
        "no column breaks the address between two letters"
    assert any("\u2010" in text or re.search(r"\w-\s*\n", text.split("Thành")[-1]) for text in pages), \
        "no column breaks the phrase at a soft hyphen"
    without_hyphen = WRAPPED_ADDRESS.replace("100-van", "100van")
    with_extra_hyphen = WRAPPED_ADDRESS.replace("haiphong", "hai-phong")
    refused = 0
    for width, text in zip(widths, pages):
        assert shows(text, WRAPPED_ADDRESS), f"{width}px: the address is not found in {text!r}"
        assert shows(text, SOFT_HYPHENATED), f"{width}px: the phrase is not found in {text!r}"
        assert not shows(text, with_extra_hyphen), f"{width}px: a hyphen that is not printed is found"
        if re.search(r"100-[^\s]", text):
            assert not shows(text, without_hyphen), f"{width}px: a hyphen printed mid-line is ignored"
            refused += 1
    assert refused > len(widths) // 2
    # One link annotation per printed line of the link, all to the address.
    targets = link_targets(pdf)
    assert set(targets) == {WRAPPED_ADDRESS} and len(targets) >= len(widths)


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
        article: document.querySelector('.portal-article').textContent,
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
    printed = printed_text(pdf)
    assert shows(printed, screen["title"]), "the article's title is not printed"
    for chrome in screen["chrome"]:
        # A tab's label may also be a word of the article (公文書, "documents", in a Japanese
        # article about documents): printed no more often than the article says it, it is text.
        pattern = as_printed(chrome)
        in_article = len(pattern.findall(" ".join(screen["article"].split())))
        assert len(pattern.findall(printed)) <= in_article, f"navigation text {chrome!r} is printed"
    assert shows(printed, screen["canonical"]), "the article's own address is not printed"
    assert screen["links"], "the article has no link to check"
    # The page was opened from the local test server: its links lead there, in production to
    # the public address, which is what the page prints.
    public = detect_site_url(sample_site)
    clickable = {public + target.removeprefix(sample_server.url) if target.startswith(sample_server.url) else target
                 for target in link_targets(pdf)}
    for link in screen["links"]:
        assert shows(printed, link), f"link address {link} is not printed"
        assert link in clickable, f"link {link} is not a link in the PDF: {sorted(clickable)}"

    subprocess.run([poppler("pdftoppm"), "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    first_page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    top_band = first_page.crop((0, 0, first_page.width, first_page.height // 10))
    raw = top_band.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    header_like = sum(1 for p in pixels if all(abs(a - b) < 20 for a, b in zip(p, HEADER_BLUE)))
    inked = sum(1 for p in pixels if sum(p) < 600)
    assert header_like < len(pixels) * 0.02, "the first page starts with the header bar"
    assert inked > 0, "the first page starts blank"
