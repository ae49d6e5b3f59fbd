"""What readers get around each page of the built sample site (issue 14): breadcrumbs and their
JSON-LD on every page below the home page, the feedback prompt on every page, the pages about
the site in every footer, the HTML sitemap, share links and related articles under articles,
and procedures as services (before you start, the one-stop desk, forms' labels). The copy-link
button is tried in Chromium."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import lxml.html
import pytest

from portal.content.news import load_news
from portal.content.site_data import load_categories, load_site_info, localized, translate_ui
from portal.languages import CODES, url_prefix
from portal.procedures.model import load_procedures
from sitebuild import PROJECT
from sitepages import page_path, prefix

SITE_URL = "https://ngoaivu.haiphong.gov.vn/"
INFO = load_site_info(PROJECT / "docs")
NEWS, _ = load_news(PROJECT / "docs")
CATEGORIES = load_categories(PROJECT / "docs")
PROCEDURES = load_procedures(PROJECT / "docs")[0].published()


def html_pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        if "pagefind" not in page.parts and "assets" not in page.parts:
            yield page


def tree(site: Path, path: str):
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return lxml.html.fromstring(file.read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def public_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def mail_fields(href: str) -> tuple[str, dict]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    return unquote(parts.path), parse_qs(parts.query)


# -- breadcrumbs --------------------------------------------------------------------------------

def test_every_page_below_the_home_page_has_breadcrumbs_that_match_their_json_ld(sample_site):
    checked = 0
    for page in html_pages(sample_site):
        document = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        lang = document.get("lang")
        rel = page.relative_to(sample_site).as_posix()
        trails = document.xpath("//nav[contains(@class, 'portal-breadcrumbs')]")
        scripts = document.xpath("//script[@type='application/ld+json']")
        if rel in ("index.html", f"{lang}/index.html") or rel.endswith("404.html"):
            assert not trails and not scripts, f"{rel}: the home and 404 pages have no trail"
            continue
        assert len(trails) == 1 and len(scripts) == 1, rel
        nav = trails[0]
        assert nav.get("aria-label") == translate_ui(lang, "breadcrumbs.label"), rel
        items = nav.xpath("./ol/li")
        assert len(items) >= 2, rel
        links = [item.xpath("./a") for item in items]
        assert all(links[:-1]) and not links[-1], f"{rel}: every crumb but the page itself is a link"
        assert items[-1].xpath("./span[@aria-current='page']"), rel
        assert squeeze(items[0].text_content()) == translate_ui(lang, "nav.home")
        data = json.loads(scripts[0].text)
        assert data["@context"] == "https://schema.org" and data["@type"] == "BreadcrumbList"
        entries = data["itemListElement"]
        assert [entry["position"] for entry in entries] == list(range(1, len(items) + 1)), rel
        assert [entry["name"] for entry in entries] == [squeeze(item.text_content()) for item in items], rel
        here = public_url(sample_site, page)
        expected = [urljoin(here, link[0].get("href")) for link in links[:-1]] + [here]
        assert [entry["item"] for entry in entries] == expected, rel
        for target in expected[:-1]:
            path = target[len(SITE_URL):]
            assert (sample_site / path / "index.html").is_file(), f"{rel}: crumb {target} leads nowhere"
        checked += 1
    assert checked > 350


@pytest.mark.parametrize("lang", CODES)
def test_an_article_sits_under_the_news_and_its_category(sample_site, lang):
    path = page_path(sample_site, "article", lang)
    document = tree(sample_site, path)
    title = squeeze(document.xpath("//h1")[0].text_content())
    article = NEWS.article_for(re.sub(r"^(\w\w/)?", "", path).rstrip("/") + ".md")
    category = next(CATEGORIES[slug] for slug in article.categories if slug in CATEGORIES)
    crumbs = [squeeze(item.text_content()) for item in document.xpath("//nav[contains(@class, 'portal-breadcrumbs')]/ol/li")]
    assert crumbs == [translate_ui(lang, "nav.home"), translate_ui(lang, "nav.news"), category.label(lang), title]


# -- feedback, footer, sitemap --------------------------------------------------------------------

def test_every_page_asks_whether_it_is_useful_with_a_mail_naming_it(sample_site):
    checked = 0
    for page in html_pages(sample_site):
        document = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        lang = document.get("lang")
        rel = page.relative_to(sample_site).as_posix()
        asides = document.xpath("//aside[contains(@class, 'portal-feedback')]")
        assert len(asides) == 1, rel
        assert squeeze(asides[0].xpath(".//h2")[0].text_content()) == translate_ui(lang, "feedback.title")
        address, fields = mail_fields(asides[0].xpath(".//a[contains(@class, 'portal-feedback__link')]")[0].get("href"))
        assert address == INFO["email"]
        if rel.endswith("404.html"):
            assert fields["body"] == [translate_ui(lang, "feedback.body_without_address").replace("\n", "\r\n")]
        else:
            assert public_url(sample_site, page) in fields["body"][0], rel
        national = asides[0].xpath(f".//a[@href='{INFO['national_feedback']['url']}']")
        is_procedure = bool(document.xpath("//article[contains(@class, 'portal-procedure')]"))
        assert bool(national) == is_procedure, f"{rel}: the national feedback service only under procedures"
        checked += 1
    assert checked > 350


@pytest.mark.parametrize("lang", CODES)
def test_every_footer_links_the_pages_about_the_site(sample_site, lang):
    for kind in ("home", "article", "procedure", "sitemap"):
        document = tree(sample_site, page_path(sample_site, kind, lang))
        nav = document.xpath("//footer//nav[contains(@class, 'portal-footer__site')]")[0]
        assert nav.get("aria-label") == translate_ui(lang, "footer.about_site")
        links = [(squeeze(a.text_content()), a.get("href")) for a in nav.xpath(".//a")]
        assert [label for label, _ in links] == [translate_ui(lang, key) for key in
                                                 ("footer.accessibility", "footer.privacy", "footer.terms", "sitemap.title")]
        here = sample_site / page_path(sample_site, kind, lang)
        for _, href in links:
            assert (here / href / "index.html").resolve().is_file(), f"{kind} {lang}: {href}"
    document = tree(sample_site, f"{prefix(lang)}404.html")
    assert len(document.xpath("//footer//nav[contains(@class, 'portal-footer__site')]//a")) == 4


@pytest.mark.parametrize("lang", CODES)
def test_the_pages_about_the_site_are_in_the_readers_language(sample_site, lang):
    for name, facts in (("accessibility", ("WCAG 2.1", "axe-core", "320")), ("privacy", ("14",)), ("terms", ())):
        document = tree(sample_site, f"{prefix(lang)}{name}/")
        assert document.get("lang") == lang
        text = squeeze(document.xpath("//article")[0].text_content())
        assert all(fact in text for fact in facts), (name, lang)
        assert not document.xpath("//*[contains(@class, 'portal-notice--machine')]"), "written and reviewed by hand"


@pytest.mark.parametrize("lang", CODES)
def test_the_html_sitemap_reaches_every_page_of_its_language(sample_site, lang):
    """Every page of the language in sitemap.xml is linked from the HTML sitemap, except a
    listing's later pages (reached from its first page) and the sitemap itself."""
    page = sample_site / prefix(lang) / "sitemap" / "index.html"
    here = public_url(sample_site, page)
    document = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    linked = {urljoin(here, a.get("href")) for a in document.xpath("//div[contains(@class, 'portal-sitemap')]//a")}
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.parse(sample_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    own = [url for url in locations
           if url.startswith(SITE_URL + url_prefix(lang)) and (lang != "vi" or not re.match(rf"{SITE_URL}(en|ja|zh|ko)/", url))]
    expected = {url for url in own if "/page/" not in url and url != here}
    assert len(expected) > 40 and expected <= linked, sorted(expected - linked)[:10]
    assert all((sample_site / url[len(SITE_URL):] / "index.html").is_file() for url in linked if url.startswith(SITE_URL))
    assert here in locations, "the sitemap page is in sitemap.xml"


# -- articles: share links, related articles ------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_articles_offer_share_links_and_related_articles_of_their_language(sample_site, lang):
    checked = 0
    for page in sorted((sample_site / prefix(lang) / "news").glob("*/*/index.html")):
        document = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        article = document.xpath("//article[contains(@class, 'portal-article')]")
        if not article:
            continue
        url = public_url(sample_site, page)
        title = squeeze(document.xpath("//h1")[0].text_content())
        share = article[0].xpath(".//section[contains(@class, 'portal-share')]")[0]
        hrefs = {a.get("data-portal-share"): a.get("href") for a in share.xpath(".//a")}
        assert parse_qs(urlsplit(hrefs["facebook"]).query) == {"u": [url]}
        assert parse_qs(urlsplit(hrefs["x"]).query) == {"url": [url], "text": [title]}
        assert url in mail_fields(hrefs["email"])[1]["body"][0]
        copy = share.xpath(".//button[@data-portal-copy-link]")[0]
        assert copy.get("data-url") == url and copy.getparent().get("hidden") is not None, "shown by share.js only"
        assert not document.xpath("//iframe") and not document.xpath("//script[contains(@src, '//')]"), "nothing of a third party"
        key = NEWS.article_for(re.sub(r"^(\w\w/)?", "", page.parent.relative_to(sample_site).as_posix()) + ".md")
        related = article[0].xpath(".//section[contains(@class, 'portal-related')]//li")
        assert len(related) <= 4
        dates = []
        for item in related:
            target = (page.parent / item.xpath("./a")[0].get("href")).resolve()
            other = NEWS.article_for(re.sub(r"^(\w\w/)?", "", target.relative_to(sample_site).as_posix()) + ".md")
            assert other is not None and other.key != key.key and other.is_published(lang)
            assert set(other.categories) & set(key.categories), f"{url}: {other.key} shares no category"
            dates.append(item.xpath("./time")[0].get("datetime"))
        assert dates == sorted(dates, reverse=True), f"{url}: newest first"
        checked += bool(related)
    assert checked >= 10


@pytest.mark.browser
def test_copy_link_copies_the_address_and_says_so(sample_site, sample_server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    try:
        for lang in ("vi", "ja"):
            path = page_path(sample_site, "article", lang)
            tab.goto(sample_server.url + path)
            button = tab.locator("[data-portal-copy-link]")
            assert button.is_visible(), "share.js shows the button where the clipboard can be written"
            button.click()
            status = tab.locator("[data-portal-share-status]")
            assert status.get_attribute("role") == "status"
            tab.wait_for_function("() => document.querySelector('[data-portal-share-status]').textContent.length > 0")
            assert status.inner_text() == translate_ui(lang, "share.copied")
            assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + path
            # The phone's share sheet is offered only where the browser has one.
            assert tab.locator("[data-portal-share-sheet]").is_visible() == tab.evaluate("typeof navigator.share === 'function'")
    finally:
        context.close()


# -- procedures as services --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_a_procedure_page_is_a_service_start_page(sample_site, lang):
    desk = INFO["one_stop_desk"]
    for procedure in PROCEDURES:
        document = tree(sample_site, f"{url_prefix(lang)}{procedure.norm}")
        where = f"{lang} {procedure.name}"
        start = document.xpath("//section[contains(@class, 'portal-start')]")[0]
        assert squeeze(start.xpath("./h2")[0].text_content()) == translate_ui(lang, "procedure.start_title")
        version = procedure.versions[lang].meta
        assert [squeeze(li.text_content()) for li in start.xpath(".//div[contains(@class, 'portal-start__documents')]/ul/li")] == [
            squeeze(document_["name"]) for document_ in version["documents"]], where
        facts = squeeze(start.xpath(".//dl")[0].text_content())
        assert squeeze(version["processing_time"]) in facts and squeeze(version["fees"]) in facts, where
        button = start.xpath(".//a[contains(@class, 'portal-start__button')]")[0]
        assert button.get("href") == version["online_url"] and button.get("hreflang") == "vi"
        assert procedure.code in button.get("href"), f"{where}: the procedure's own page, not the portal's home"
        notice = start.xpath(".//*[contains(@class, 'portal-start__language')]")
        if lang == "vi":
            assert not notice, where
        else:
            assert squeeze(notice[0].text_content()) in (translate_ui(lang, "procedure.vietnamese_only_portal_and_forms"),
                                                           translate_ui(lang, "procedure.vietnamese_only_portal"))
        in_person = {channel["kind"] for channel in version["channels"]} & {"truc-tiep", "buu-chinh"}
        block = start.xpath(".//div[@id='portal-one-stop-desk']")
        assert bool(block) == bool(in_person), where
        if block:
            text = squeeze(block[0].text_content())
            for value in (desk["name"], desk["address"], desk["opening_hours"]):
                assert squeeze(localized(value, lang)) in text, where
            assert desk["phone"] in text
            if lang != "vi":
                assert block[0].xpath(".//span[@lang='vi']"), f"{where}: the Vietnamese name and address too"
            map_link = block[0].xpath(".//a[starts-with(@href, 'https://www.openstreetmap.org/search?query=')]")[0]
            assert parse_qs(urlsplit(map_link.get("href")).query)["query"] == [localized(desk["address"], "vi")]


def test_forms_are_labelled_with_format_size_and_language(sample_site):
    labelled = 0
    for lang in CODES:
        for procedure in PROCEDURES:
            document = tree(sample_site, f"{url_prefix(lang)}{procedure.norm}")
            for link in document.xpath("//table[contains(@class, 'portal-procedure__documents')]//a[@download]"):
                target = (sample_site / f"{url_prefix(lang)}{procedure.norm}" / link.get("href")).resolve()
                size = target.stat().st_size
                assert link.get("hreflang") == "vi"
                label = squeeze(link.getnext().text_content())
                kilobytes = f"{round(size / 1024)} KB"
                assert label == translate_ui(lang, "procedure.form_details", details=translate_ui(
                    lang, "procedure.list_separator").join(["PDF", kilobytes, translate_ui(lang, "language_name.vi")]))
                labelled += 1
    assert labelled >= 15
