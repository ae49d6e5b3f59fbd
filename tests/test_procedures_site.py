"""The procedures on the built sample site: every field of every record in every language, the
catalogue and its filters in headless Chromium, QR codes read back by a real decoder (zbar),
and the one-stop desk print-out printed to PDF by Chromium: one A4 page per procedure, each with
a readable QR code."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode

from portal.languages import CODES, url_prefix
from portal.procedures.model import load_procedures
from portal.procedures.schema import parse_date
from portal.procedures.views import localized_day
from sitebuild import PROJECT

PROCEDURES, _ = load_procedures(PROJECT / "docs")
PUBLISHED = PROCEDURES.published()
VOCABULARY = PROCEDURES.vocabulary


def page_tree(site: Path, path: str):
    return lxml.html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def canonical(tree) -> str:
    return tree.xpath("//link[@rel='canonical']/@href")[0]


def qr_texts(png: bytes) -> list[str]:
    return [symbol.data.decode("utf-8") for symbol in decode(Image.open(io.BytesIO(png)), symbols=[ZBarSymbol.QRCODE])]


@pytest.mark.parametrize("lang", CODES)
def test_every_field_of_every_procedure_renders_in_every_language(sample_site, lang):
    for procedure in PUBLISHED:
        version = procedure.versions[lang]
        meta = version.meta
        tree = page_tree(sample_site, f"{url_prefix(lang)}{procedure.norm}")
        article = tree.xpath("//article[contains(@class, 'portal-procedure')]")[0]
        text = squeeze(article.text_content())
        hrefs = set(article.xpath(".//a/@href"))
        where = f"{lang} {procedure.name}"

        def shows(value, what):
            assert squeeze(str(value)) in text, f"{where}: {what} {value!r} is not on the page"

        assert tree.get("lang") == lang, where
        for key in ("title", "summary", "code", "processing_time", "applicants", "agency", "outcome", "fees"):
            shows(meta[key], key)
        shows(VOCABULARY.label("fields", meta["field"], lang), "field")
        shows(VOCABULARY.label("levels", meta["level"], lang), "level")
        shows(VOCABULARY.label("online_levels", meta["online_level"], lang), "online level")
        assert meta["online_url"] in hrefs, f"{where}: no 'apply online' link"
        shows(localized_day(parse_date(meta["updated"]), lang), "last update")
        assert article.xpath(f".//time[@datetime='{meta['updated']}']"), where
        ordered_steps = [squeeze(item.text_content()) for item in article.xpath(".//ol[contains(@class, 'portal-procedure__steps')]/li")]
        assert ordered_steps == [squeeze(step) for step in meta["steps"]], f"{where}: steps"
        channel_rows = article.xpath(".//table[contains(@class, 'portal-procedure__channels')]/tbody/tr")
        assert len(channel_rows) == len(meta["channels"]), where
        # A time limit or fee shared by every channel is written once, above the table.
        shared = {squeeze(dd.text_content()) for dd in article.xpath(".//dl[contains(@class, 'portal-channels-common')]//dd")}
        for row, channel in zip(channel_rows, meta["channels"]):
            cells = [squeeze(cell.text_content()) for cell in row.xpath("./th|./td")]
            expected = [VOCABULARY.label("channel_kinds", channel["kind"], lang), squeeze(channel["method"])]
            expected += [squeeze(channel[key]) for key in ("time_limit", "fee") if squeeze(channel[key]) not in shared]
            assert cells == expected, f"{where}: channel"
            assert all(squeeze(channel[key]) in shared | set(cells) for key in ("time_limit", "fee")), f"{where}: channel"
        document_rows = article.xpath(".//table[contains(@class, 'portal-procedure__documents')]/tbody/tr")
        assert len(document_rows) == len(meta["documents"]), where
        for row, document in zip(document_rows, meta["documents"]):
            cells = [squeeze(cell.text_content()) for cell in row.xpath("./td")]
            assert squeeze(document["name"]) in cells[1], f"{where}: document"
            if document.get("note"):
                assert squeeze(document["note"]) in cells[1], f"{where}: document note"
            assert cells[2:4] == [str(document["originals"]), str(document["copies"])], f"{where}: originals/copies"
            if document.get("form"):
                link = row.xpath(".//td[5]//a")[0]
                assert squeeze(link.text_content()) == squeeze(document["form"]["title"]), where
                assert link.get("href").endswith(document["form"]["url"]), where
                assert (sample_site / f"{url_prefix(lang)}{procedure.norm}" / link.get("href")).resolve().is_file(), where
        for requirement in meta.get("requirements") or []:
            shows(requirement, "requirement")
        legal_rows = article.xpath(".//table[contains(@class, 'portal-procedure__legal')]/tbody/tr")
        assert len(legal_rows) == len(meta["legal_basis"]), where
        for row, entry in zip(legal_rows, meta["legal_basis"]):
            cells = [squeeze(cell.text_content()) for cell in row.xpath("./th|./td")]
            assert cells == [entry["number"], squeeze(entry["title"]), localized_day(parse_date(entry["date"]), lang),
                             squeeze(entry["issuer"])], f"{where}: legal basis"
        for name in meta.get("related") or []:
            related = PROCEDURES.get(name)
            links = article.xpath(f".//ul[contains(@class, 'portal-procedure__related')]//a[contains(@href, '/{name}/')]")
            assert links and squeeze(links[0].text_content()) == squeeze(related.versions[lang].title), f"{where}: related {name}"
        assert ("portal-procedure__sample" in lxml.html.tostring(article, encoding="unicode")) == bool(meta.get("sample")), where
        assert canonical(tree).endswith(f"/{url_prefix(lang)}{procedure.norm}"), where
        assert canonical(tree) in text, f"{where}: the page's address is not written next to its QR code"
        assert len(tree.xpath("//link[@rel='alternate'][@hreflang][not(@type)]")) == len(CODES) + 1, f"{where}: hreflang alternates"


@pytest.mark.parametrize("lang", CODES)
def test_the_catalogue_is_a_complete_list_in_every_language(sample_site, lang):
    tree = page_tree(sample_site, f"{url_prefix(lang)}procedures")
    items = tree.xpath("//ul[@data-portal-procedure-list]/li")
    assert len(items) == len(PUBLISHED)
    for item, procedure in zip(items, PUBLISHED):
        link = item.xpath(".//h2/a")[0]
        assert squeeze(link.text_content()) == squeeze(procedure.versions[lang].title)
        assert link.get("href").rstrip("/").endswith(procedure.name)
        assert item.get("data-field") == procedure.field and item.get("data-online") == procedure.online_level
    form = tree.xpath("//form[@data-portal-procedure-filters]")[0]
    assert form.get("hidden") is not None, "the filters only appear where JavaScript can run them"
    for control in form.xpath(".//input|.//select"):
        assert form.xpath(f".//label[@for='{control.get('id')}']"), f"control {control.get('id')} has no label"
    assert tree.xpath("//*[@role='status'][@data-portal-procedure-count]")
    home = page_tree(sample_site, url_prefix(lang))
    assert home.xpath("//a[contains(@class, 'md-tabs__link')][@href='procedures/']"), "no navigation tab"
    switcher = {lang_link.get("hreflang") for lang_link in tree.xpath("//link[@rel='alternate'][@hreflang][not(@type)]")}
    assert switcher == {*CODES, "x-default"}


def test_the_desk_print_out_is_out_of_the_sitemap_and_the_catalogue_in_it(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/procedures/print/" not in sitemap
    for lang in CODES:
        assert f"<loc>https://ngoaivu.haiphong.gov.vn/{url_prefix(lang)}procedures/</loc>" in sitemap
        for procedure in PUBLISHED:
            assert f"<loc>https://ngoaivu.haiphong.gov.vn/{url_prefix(lang)}{procedure.norm}</loc>" in sitemap


@pytest.mark.browser
@pytest.mark.parametrize("lang", CODES)
def test_each_qr_code_opens_its_own_page(sample_site, sample_server, page, lang):
    for procedure in PUBLISHED:
        path = f"{url_prefix(lang)}{procedure.norm}"
        page.goto(sample_server.url + path, wait_until="domcontentloaded")
        expected = canonical(page_tree(sample_site, path))
        assert expected.startswith("https://") and expected.endswith(f"/{path}")
        code = page.locator(".portal-procedure__key svg.portal-qr__code")
        assert code.get_attribute("aria-label").endswith(expected)
        assert qr_texts(code.screenshot()) == [expected], f"{path}: the QR code does not open the page"


def print_desk(page, server_url: str, lang: str, tmp_path: Path) -> list[Path]:
    page.goto(f"{server_url}{url_prefix(lang)}procedures/print/")
    pdf = tmp_path / f"desk-{lang}.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    # 80 dpi in grey: over three pixels per QR module, and quick to render.
    subprocess.run(["pdftoppm", "-r", "80", "-gray", "-png", str(pdf), str(tmp_path / f"desk-{lang}")], check=True)
    return sorted(tmp_path.glob(f"desk-{lang}-*.png"), key=lambda path: int(re.findall(r"(\d+)\.png$", path.name)[0]))


@pytest.mark.browser
@pytest.mark.parametrize("lang", CODES)
def test_the_desk_print_out_is_one_a4_page_per_procedure_with_its_qr_code(sample_site, sample_server, page, lang, tmp_path):
    pages = print_desk(page, sample_server.url, lang, tmp_path)
    assert len(pages) == len(PUBLISHED), f"{lang}: {len(pages)} printed pages for {len(PUBLISHED)} procedures"
    info = subprocess.run(["pdfinfo", str(tmp_path / f"desk-{lang}.pdf")], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), "A4 is 595 x 842 pt"
    for png, procedure in zip(pages, PUBLISHED):
        expected = canonical(page_tree(sample_site, f"{url_prefix(lang)}{procedure.norm}"))
        assert qr_texts(png.read_bytes()) == [expected], f"{lang}: page {png.name} has no readable QR code for {procedure.name}"
    # Nothing of a sheet is cut off to make it fit its page.
    page.emulate_media(media="print")
    clipped = page.evaluate("""() => [...document.querySelectorAll('.portal-desk-sheet')]
        .filter(sheet => sheet.scrollHeight > sheet.clientHeight + 1).map(sheet => sheet.querySelector('h2').textContent)""")
    assert clipped == []
    assert page.locator(".md-header").is_hidden() and page.locator(".portal-footer").is_hidden()


@pytest.mark.browser
def test_a_procedure_page_prints_with_its_qr_code_and_address_and_no_navigation(sample_server, page, tmp_path):
    procedure = PUBLISHED[0]
    page.goto(f"{sample_server.url}en/{procedure.norm}")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".portal-footer", ".portal-procedure__apply", ".portal-procedure__trail"):
        assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
    assert page.locator(".portal-procedure__key .portal-qr__code").is_visible()
    assert page.locator(".portal-procedure__key .portal-qr__url").is_visible()
    pdf = tmp_path / "procedure.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    subprocess.run(["pdftoppm", "-r", "80", "-gray", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "procedure")], check=True)
    first = next(tmp_path.glob("procedure-*.png"))
    assert qr_texts(first.read_bytes()) == [f"https://ngoaivu.haiphong.gov.vn/en/{procedure.norm}"]


def shown_titles(page) -> list[str]:
    return page.locator("[data-portal-procedure-list] > li:visible h2").all_inner_texts()


def status_after(page, expected: str) -> str:
    page.wait_for_function("""expected => document.querySelector('[data-portal-procedure-count]').textContent.trim() === expected""",
                           arg=expected, timeout=3000)
    return page.locator("[data-portal-procedure-count]").inner_text()


@pytest.mark.browser
def test_the_catalogue_filters_work_in_chromium(sample_server, page):
    total = len(PUBLISHED)
    page.goto(f"{sample_server.url}en/procedures/")
    form = page.locator("[data-portal-procedure-filters]")
    assert form.is_visible()
    assert page.locator("[data-portal-procedure-count]").get_attribute("role") == "status"
    assert len(shown_titles(page)) == total

    page.get_by_label("Search by name, code or keyword").fill("ABTC")
    status_after(page, f"Showing 2 of {total} procedures")
    assert sorted(shown_titles(page)) == sorted(p.versions["en"].title for p in PUBLISHED if p.field == "the-abtc")

    page.get_by_label("Search by name, code or keyword").fill("1.008393")
    status_after(page, f"Showing 1 of {total} procedures")
    assert shown_titles(page) == [PROCEDURES.get("to-chuc-hoi-nghi-hoi-thao-quoc-te").versions["en"].title]

    page.get_by_label("Search by name, code or keyword").fill("")
    page.get_by_label("Field").select_option("doan-ra-doan-vao")
    expected = [p.versions["en"].title for p in PUBLISHED if p.field == "doan-ra-doan-vao"]
    status_after(page, f"Showing {len(expected)} of {total} procedures")
    assert shown_titles(page) == expected

    page.get_by_label("Online service level").select_option("toan-trinh")
    expected = [p.versions["en"].title for p in PUBLISHED if p.field == "doan-ra-doan-vao" and p.online_level == "toan-trinh"]
    assert len(expected) == 1
    status_after(page, f"Showing 1 of {total} procedures")
    assert shown_titles(page) == expected
    assert page.locator("[data-portal-procedure-empty]").is_hidden()

    page.get_by_label("Search by name, code or keyword").fill("no such procedure")
    status_after(page, f"Showing 0 of {total} procedures")
    assert page.locator("[data-portal-procedure-empty]").is_visible()

    page.get_by_role("button", name="Clear filters").click()
    status_after(page, f"{total} procedures")
    assert len(shown_titles(page)) == total


@pytest.mark.browser
def test_the_vietnamese_text_filter_ignores_diacritics(sample_server, page):
    page.goto(f"{sample_server.url}procedures/")
    page.get_by_label("Tìm theo tên, mã thủ tục hoặc từ khóa").fill("hoi nghi hoi thao")
    status_after(page, f"Đang hiển thị 1/{len(PUBLISHED)} thủ tục")
    assert shown_titles(page) == [PROCEDURES.get("to-chuc-hoi-nghi-hoi-thao-quoc-te").versions["vi"].title]
    page.get_by_label("Mức độ dịch vụ công trực tuyến").select_option("mot-phan")
    status_after(page, f"Đang hiển thị 0/{len(PUBLISHED)} thủ tục")


@pytest.mark.browser
def test_without_javascript_the_catalogue_lists_everything(browser, sample_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{sample_server.url}ja/procedures/")
        assert tab.locator("[data-portal-procedure-filters]").is_hidden()
        assert len(shown_titles(tab)) == len(PUBLISHED)
        assert tab.locator("[data-portal-procedure-count]").inner_text() == f"{len(PUBLISHED)}件の手続き"
    finally:
        context.close()
