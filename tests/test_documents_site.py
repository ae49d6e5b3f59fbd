"""The documents section on the built sample site, in all five languages: a page per document and
language with its metadata and its files to download (format, size, language), the list (newest
first, complete without JavaScript, a document missing in a language listed in Vietnamese and
marked so), the filters in Chromium, the documents feeds (feedparser), the search index (a
document found by its number in Chromium), the navigation's "Văn bản" tab, and the sample
PDFs themselves."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import feedparser
import lxml.html
import pytest

from portal.content.site_data import translate_ui
from portal.documents.model import load_documents
from portal.documents.views import human_size
from portal.languages import CODES, DEFAULT
from portal.pages.views import localized_day
from sitebuild import PROJECT

DOCUMENTS, _ = load_documents(PROJECT / "docs")
SITE_URL = "https://ngoaivu.haiphong.gov.vn/"


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def tree(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def facts_of(page) -> dict[str, str]:
    return {squeeze(dt.text_content()): squeeze(dt.getnext().text_content())
            for dt in page.xpath("//dl[contains(@class, 'portal-document__facts')]//dt")}


# -- sizes, in the reader's language ---------------------------------------------------------------

@pytest.mark.parametrize("size, lang, shown", [
    (20_412, "vi", "20 kB"), (20_412, "ja", "20 KB"), (499, "en", "1 kB"), (999_400, "en", "999 kB"),
    (1_234_567, "vi", "1,2 MB"), (1_234_567, "en", "1.2 MB"), (12_500_000, "ko", "12.5MB"),
])
def test_file_sizes_are_written_as_each_language_writes_them(size, lang, shown):
    assert human_size(size, lang) == shown


# -- pages -----------------------------------------------------------------------------------------

def test_each_document_has_a_page_in_every_language_it_is_published_in(sample_site):
    pages = 0
    for document in DOCUMENTS.by_name.values():
        for lang in CODES:
            path = sample_site / prefix(lang) / document.norm / "index.html"
            # A draft translation (the sample decision's Chinese one) has no page.
            assert path.is_file() == document.is_published(lang), (document.name, lang)
            if not path.is_file():
                continue
            pages += 1
            page = tree(sample_site, f"{prefix(lang)}{document.norm}index.html")
            version = document.versions[lang]
            assert page.get("lang") == lang
            assert squeeze(page.get_element_by_id("portal-document-title").text_content()) == squeeze(version.title)
            facts = facts_of(page)
            assert facts[translate_ui(lang, "document.number")] == document.number
            assert facts[translate_ui(lang, "document.kind")] == DOCUMENTS.vocabulary.label("kinds", document.kind, lang)
            assert facts[translate_ui(lang, "document.issued")] == localized_day(document.issued, lang)
            assert facts[translate_ui(lang, "document.issuer")] == squeeze(version.meta["issuer"])
            signer = version.meta.get("signer")
            if signer:
                assert facts[translate_ui(lang, "document.signer")] == f"{signer['name']}, {signer['position']}"
            else:
                assert translate_ui(lang, "document.signer") not in facts
            if document.effective == "tu-ngay-ky":
                assert facts[translate_ui(lang, "document.effective")] == translate_ui(lang, "document.effective_from_signing")
            # Sample records say so, in the reader's language.
            notes = page.xpath("//p[contains(@class, 'portal-document__sample')]")
            assert [squeeze(note.text_content()) for note in notes] == [translate_ui(lang, "document.sample")]
            # The search index takes the page, with its number among the meta values.
            article = page.xpath("//article[contains(@class, 'portal-document')]")[0]
            assert "data-pagefind-body" in article.attrib and "kind:document" in article.get("data-pagefind-meta")
            assert article.get("data-portal-search-number") == document.number
    assert pages >= 5 * 5
    assert any(lang in document.versions and not document.is_published(lang)
               for document in DOCUMENTS.by_name.values() for lang in CODES), "a sample draft translation"


def test_every_file_is_offered_with_its_format_size_and_language(sample_site):
    checked = 0
    for document in DOCUMENTS.by_name.values():
        for lang in document.published_languages():
            page_path = f"{prefix(lang)}{document.norm}index.html"
            page = tree(sample_site, page_path)
            items = page.xpath("//ul[contains(@class, 'portal-document__files')]/li")
            assert len(items) == len(document.files), (document.name, lang)
            titles = document.versions[lang].meta["files"]
            for item, attached, title in zip(items, document.files, titles):
                link = item.xpath(".//a")[0]
                target = (sample_site / page_path).parent / link.get("href")
                source = PROJECT / "docs" / "documents" / attached["path"]
                assert target.resolve().is_file(), link.get("href")
                assert target.read_bytes() == source.read_bytes()
                assert link.get("download") is not None and link.get("type") == "application/pdf"
                # The file's language, whatever the page's: a Vietnamese file on /ja/ says so.
                assert link.get("hreflang") == attached["language"]
                assert squeeze(link.text_content()) == squeeze(title["title"])
                facts = squeeze(item.xpath(".//*[contains(@class, 'portal-document__file-facts')]")[0].text_content())
                assert facts == translate_ui(lang, "document.file_facts", format="PDF",
                                             size=human_size(source.stat().st_size, lang),
                                             language=translate_ui(lang, f"language_name.{attached['language']}"))
                checked += 1
    assert checked >= 25
    # The Japanese page of a Vietnamese file, as readers see it.
    page = tree(sample_site, "ja/documents/ke-hoach-58-kh-nv-2025/index.html")
    facts = squeeze(page.xpath("//*[contains(@class, 'portal-document__file-facts')]")[0].text_content())
    assert re.fullmatch(r"（PDF、\d+ KB、ベトナム語）", facts), facts


def test_the_sample_files_are_small_valid_pdfs_that_say_they_are_illustrations():
    from pypdf import PdfReader

    for document in DOCUMENTS.by_name.values():
        for attached in document.files:
            path = PROJECT / "docs" / "documents" / attached["path"]
            assert path.stat().st_size < 50_000, path
            reader = PdfReader(io.BytesIO(path.read_bytes()))
            first = " ".join(reader.pages[0].extract_text().split())
            assert document.number in first and "BẢN MINH HỌA" in first, path


# -- the list --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_the_list_holds_every_document_newest_first_and_marks_the_untranslated(sample_site, lang):
    page = tree(sample_site, f"{prefix(lang)}documents/index.html")
    cards = page.xpath("//ol[@data-portal-document-list]/li")
    listed = sorted(DOCUMENTS.by_name.values(), key=lambda d: (d.issued, d.name), reverse=True)
    assert len(cards) == len(listed)
    issued = [card.xpath(".//time/@datetime")[0] for card in cards]
    assert issued == sorted(issued, reverse=True)
    assert squeeze(page.xpath("//p[@data-portal-document-count]")[0].text_content()) == \
        translate_ui(lang, f"documents.count_{'one' if len(cards) == 1 and lang == 'en' else 'other'}", count=len(cards))
    untranslated = 0
    for card in cards:
        link = card.xpath(".//h2/a")[0]
        name = urlparse(link.get("href")).path.rstrip("/").rsplit("/", 1)[-1]
        document = DOCUMENTS.get(name)
        assert card.get("data-kind") == document.kind and card.get("data-year") == str(document.issued.year)
        assert document.number in card.text_content()
        if document.is_published(lang):
            assert link.get("lang") is None and squeeze(link.text_content()) == squeeze(document.versions[lang].title)
        else:
            # Listed in Vietnamese, linking to the Vietnamese page, marked as such for readers and
            # for screen readers and search engines.
            untranslated += 1
            assert link.get("lang") == "vi" and link.get("hreflang") == "vi"
            assert squeeze(link.text_content()) == squeeze(document.source.title)
            target = (sample_site / prefix(lang) / "documents" / link.get("href")).resolve()
            assert target == (sample_site / document.norm).resolve()
            assert translate_ui(lang, "documents.vietnamese_only") in card.text_content()
    assert untranslated == sum(1 for document in listed if not document.is_published(lang))
    # The list is not a search result of its own (its items are), and it links its feeds.
    assert "data-pagefind-body" not in (sample_site / prefix(lang) / "documents/index.html").read_text(encoding="utf-8")
    feeds = page.xpath("//head/link[@rel='alternate'][contains(@href, 'rss.xml') or contains(@href, 'atom.xml')]")
    assert {(link.get("type"), link.get("href")) for link in feeds} >= {
        ("application/rss+xml", "rss.xml"), ("application/atom+xml", "atom.xml")}


def test_the_switcher_of_an_untranslated_document_opens_the_list(sample_site):
    untranslated = next(d for d in DOCUMENTS.by_name.values() if not d.is_published("ja"))
    page = tree(sample_site, f"{untranslated.norm}index.html")
    links = {a.get("hreflang"): a.get("href") for a in page.xpath("//nav[contains(@class, 'portal-languages')]//a")}
    assert (sample_site / untranslated.norm / links["ja"]).resolve() == (sample_site / "ja/documents").resolve()
    assert (sample_site / untranslated.norm / links["en"]).resolve() == (sample_site / "en" / untranslated.norm).resolve()
    hreflangs = sorted(page.xpath("//head/link[@rel='alternate'][@hreflang]/@hreflang"))
    assert hreflangs == sorted([*untranslated.published_languages(), "x-default"])
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}{untranslated.norm}" in sitemap and f"{SITE_URL}ja/{untranslated.norm}" not in sitemap


@pytest.mark.parametrize("lang", CODES)
def test_the_navigation_has_a_documents_tab(sample_site, lang):
    page = tree(sample_site, f"{prefix(lang)}index.html")
    tabs = [squeeze(a.text_content()) for a in page.xpath("//*[contains(@class, 'md-tabs__list')]//a")]
    assert translate_ui(lang, "nav.documents") in tabs
    assert tabs.index(translate_ui(lang, "nav.documents")) == tabs.index(translate_ui(lang, "nav.procedures")) + 1


# -- feeds -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_the_documents_feeds_of_each_language(sample_site, lang):
    published = [document for document in DOCUMENTS.by_name.values() if document.is_published(lang)]
    published.sort(key=lambda d: (d.publication_time(lang), d.name), reverse=True)
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((sample_site / prefix(lang) / "documents" / name).read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.title == translate_ui(lang, "documents.feed_title",
                                               department=feed.feed.title.split(" – ", 1)[1])
        assert [entry.link for entry in feed.entries] == [f"{SITE_URL}{prefix(lang)}{d.norm}" for d in published]
        for entry, document in zip(feed.entries, published):
            assert document.number in entry.title and document.versions[lang].title.strip() in entry.title
            enclosure = [link for link in entry.links if link.get("rel") == "enclosure"][0]
            attached = PROJECT / "docs" / "documents" / document.files[0]["path"]
            assert enclosure.href == urljoin(SITE_URL, "documents/" + document.files[0]["path"])
            assert int(enclosure.length) == attached.stat().st_size and enclosure.type == "application/pdf"
            assert document.number in entry.content[0].value
            # Atom gives the kind's slug as the term (and its label); RSS its label.
            label = DOCUMENTS.vocabulary.label("kinds", document.kind, lang)
            assert entry.tags[0].term == (document.kind if name == "atom.xml" else label)
    # A document without its own version in the language never enters its feed.
    if lang in ("ja", "zh", "ko"):
        assert len(published) < len(DOCUMENTS.by_name)


# -- in the browser --------------------------------------------------------------------------------

STATUS = "[data-portal-document-count]"


def visible_numbers(tab) -> list[str]:
    return tab.evaluate("""() => [...document.querySelectorAll('[data-portal-document-list] > li')]
        .filter((li) => !li.hidden).map((li) => li.querySelector('.portal-document__number').textContent)""")


@pytest.mark.browser
def test_the_filters_work_and_are_kept_in_the_address(sample_server, page):
    page.goto(sample_server.url + "documents/")
    page.wait_for_selector("[data-portal-document-filters]:not([hidden])")
    everything = visible_numbers(page)
    assert len(everything) == len(DOCUMENTS.by_name)
    page.select_option("#portal-document-kind", "quyet-dinh")
    assert visible_numbers(page) == [d.number for d in DOCUMENTS.by_name.values() if d.kind == "quyet-dinh"]
    assert "kind=quyet-dinh" in page.url
    status = page.inner_text(STATUS)
    assert status == translate_ui("vi", "documents.shown_other", count=1, total=len(everything))
    page.select_option("#portal-document-kind", "")
    page.select_option("#portal-document-year", "2025")
    assert sorted(visible_numbers(page)) == sorted(d.number for d in DOCUMENTS.by_name.values() if d.issued.year == 2025)
    # A number typed as it is written, or without its punctuation.
    page.select_option("#portal-document-year", "")
    for query in ("17/KH-NV", "17 kh nv", "ke hoach tuyen truyen"):
        page.fill("#portal-document-text", query)
        # Applied once the reader pauses, and kept in the address.
        page.wait_for_function("(query) => new URLSearchParams(location.search).get('q') === query", arg=query)
        shown = visible_numbers(page)
        assert "17/KH-NV" in shown and len(shown) < len(everything), (query, shown)
    page.fill("#portal-document-text", "không có văn bản nào như thế")
    page.wait_for_selector("[data-portal-document-empty]:not([hidden])")
    page.click("button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('[data-portal-document-list] > li:not([hidden])').length "
                           f"=== {len(everything)}")
    assert "?" not in page.url
    # An address with a filter applies it on arrival (and an unknown kind shows everything).
    page.goto(sample_server.url + "ja/documents/?kind=bao-cao&year=2025")
    page.wait_for_selector("[data-portal-document-filters]:not([hidden])")
    assert visible_numbers(page) == [d.number for d in DOCUMENTS.by_name.values() if d.kind == "bao-cao"]
    page.goto(sample_server.url + "ja/documents/?kind=khong-co")
    page.wait_for_selector("[data-portal-document-filters]:not([hidden])")
    assert len(visible_numbers(page)) == len(everything)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ("vi", "ja"))
def test_search_finds_a_document_by_its_number(sample_server, page, lang):
    from test_search import path_of, search

    results = search(page, sample_server.url, lang, "17/KH-NV")
    assert path_of(results[0]["url"]) == f"/{prefix(lang)}documents/ke-hoach-17-kh-nv-2025/", results[:3]
    meta = results[0]["meta"]
    assert translate_ui(lang, "search.kind.document") in meta and "17/KH-NV" in meta, meta
    issued = DOCUMENTS.get("ke-hoach-17-kh-nv-2025").issued
    assert localized_day(issued, lang) in meta
