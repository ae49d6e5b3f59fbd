"""What procedure pages and the catalogue show when a record is not (yet) translated, and the
page index entries that keep the language switcher and hreflang right. No build needed."""

import shutil

from portal.procedures.model import CATALOGUE_NORM, PRINT_NORM, load_procedures
from portal.procedures.pages import ProcedurePages
from portal.procedures.views import ProcedureViews, plural_text
from portal.pages.page_index import PageIndex
from portal.pages.urls import BuildLayout, PublicUrls
from sitebuild import PROJECT, write

SITE_URL = "https://ngoaivu.haiphong.gov.vn/"


def docs_with_one_untranslated(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    shutil.copytree(PROJECT / "docs" / "procedures", docs / "procedures")
    for path in docs.glob("procedures/abtc-can-bo.*.md"):
        if not path.name.endswith(".vi.md"):
            path.unlink()
    return docs


def test_an_untranslated_procedure_is_listed_in_vietnamese_and_marked(tmp_path):
    procedures, problems = load_procedures(docs_with_one_untranslated(tmp_path))
    assert problems == []
    views = ProcedureViews(procedures, PublicUrls(SITE_URL), BuildLayout())
    catalogue = views.catalogue("ko")
    card = next(item for item in catalogue["items"] if item["name"] == "abtc-can-bo")
    assert card["fallback"] is True and card["lang"] == "vi"
    assert card["url"] == "procedures/abtc-can-bo/"
    assert card["title"] == procedures.get("abtc-can-bo").versions["vi"].title
    translated = next(item for item in catalogue["items"] if item["name"] == "abtc-doanh-nhan")
    assert translated["fallback"] is False and translated["url"] == "ko/procedures/abtc-doanh-nhan/"
    related = views.page(procedures.get("abtc-doanh-nhan"), "ko")["related"]
    assert [(item["name"], item["fallback"], item["url"]) for item in related] == [("abtc-can-bo", True, "procedures/abtc-can-bo/")]


def test_the_switcher_of_an_untranslated_procedure_leads_to_the_catalogue(tmp_path):
    site = ProcedurePages.load(docs_with_one_untranslated(tmp_path), PublicUrls(SITE_URL))
    pages = PageIndex()
    pages.languages["procedures/abtc-can-bo/"] = {"vi"}
    pages.languages["procedures/abtc-doanh-nhan/"] = {"vi", "en", "ja", "zh", "ko"}
    site.register(pages)
    assert pages.switch_target("ja", "procedures/abtc-can-bo/") == CATALOGUE_NORM
    assert pages.switch_target("ja", "procedures/abtc-doanh-nhan/") == "procedures/abtc-doanh-nhan/"
    assert pages.alternates(CATALOGUE_NORM) == ["vi", "en", "ja", "zh", "ko"]
    assert pages.alternates(PRINT_NORM) == ["vi", "en", "ja", "zh", "ko"]
    assert PRINT_NORM in pages.no_sitemap and CATALOGUE_NORM not in pages.no_sitemap


def test_counts_follow_each_language_plural_rule():
    assert plural_text("en", "procedures.count", 1) == "1 procedure"
    assert plural_text("en", "procedures.count", 6) == "6 procedures"
    assert plural_text("vi", "procedures.count", 1) == "1 thủ tục"
    assert plural_text("ja", "procedures.count", 6) == "6件の手続き"
    assert plural_text("en", "procedures.shown", 1, total=6) == "Showing 1 of 6 procedures"


def test_the_qr_label_escapes_record_text_and_forms_are_site_paths(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    source = (PROJECT / "docs/procedures/abtc-doanh-nhan.vi.md").read_text(encoding="utf-8")
    write(docs / "procedures/mau.vi.md", source.replace("related:\n  - abtc-can-bo\n", "")
          .replace("title: Cho phép", "title: <b>Thử</b> & Cho phép"))
    procedures, _ = load_procedures(docs)
    view = ProcedureViews(procedures, PublicUrls(SITE_URL), BuildLayout()).page(procedures.get("mau"), "en")
    assert view["public_url"] == "https://ngoaivu.haiphong.gov.vn/procedures/mau/", "no English version: the Vietnamese page"
    assert 'aria-label="QR code opening the page of the procedure “&lt;b&gt;Thử&lt;/b&gt; &amp; Cho phép' in view["qr_svg"]
    assert view["documents"][0]["form"] == {"title": "Mẫu văn bản đề nghị (mẫu minh họa)", "url": "procedures/forms/abtc-van-ban-de-nghi.pdf",
                                            "external": False, "format": "PDF", "language": "vi",
                                            # the form file is not in this docs folder: no size to give
                                            "details": "(PDF, Vietnamese)"}
