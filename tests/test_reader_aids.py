"""What the portal gives readers around a page, computed in the domain (no build): breadcrumbs and
their JSON-LD, the feedback and share links (mailto: and share addresses that no title can
break), related articles, the one-stop desk, forms' labels and the 'Vietnamese only' notice."""

from __future__ import annotations

import json
import string
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from portal.content.news import Article, Version
from portal.content.site_data import Category, translate_ui
from portal.languages import CODES
from portal.pages.breadcrumbs import Crumb, breadcrumb_list, breadcrumb_trail, breadcrumbs_view
from portal.pages.feedback import feedback_view
from portal.pages.listings import Listing
from portal.pages.mailto import mailto_link
from portal.pages.related import RelatedArticles
from portal.pages.sharing import share_links
from portal.pages.urls import BuildLayout, PublicUrls
from portal.procedures.one_stop_desk import one_stop_desk_view
from portal.procedures.online_links import online_url_warning
from portal.procedures.views import file_size_text, form_details, language_notice

URLS = PublicUrls("https://ngoaivu.haiphong.gov.vn/")
LAYOUT = BuildLayout()
VIETNAM = timezone(timedelta(hours=7))
DOI_NGOAI = Category("doi-ngoai", {lang: f"Đối ngoại ({lang})" for lang in CODES}, {})
hostile_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)
"""Any text an editor or an engine can produce: markup, quotes, &, line breaks, control characters."""
languages = st.sampled_from(CODES)


# -- breadcrumbs ------------------------------------------------------------------------------------

def names(crumbs):
    return [crumb.name for crumb in crumbs]


def test_each_kind_of_page_has_its_trail():
    home, news, procedures = (translate_ui("en", key) for key in ("nav.home", "nav.news", "nav.procedures"))
    assert breadcrumb_trail("en", "page", "", "Home page") == []
    assert breadcrumb_trail("en", "404", "missing/", "Page not found") == []
    assert names(breadcrumb_trail("en", "article", "news/2025/a/", "A title", category=DOI_NGOAI)) == [
        home, news, "Đối ngoại (en)", "A title"]
    assert names(breadcrumb_trail("en", "article", "news/2025/a/", "A title")) == [home, news, "A title"]
    assert names(breadcrumb_trail("en", "stand-in", "news/2025/a/", "Not available")) == [home, news, "Not available"]
    assert names(breadcrumb_trail("en", "procedure-catalogue", "procedures/", "Administrative procedures")) == [
        home, procedures]
    assert [(c.name, c.norm) for c in breadcrumb_trail("en", "procedure", "procedures/abtc/", "ABTC")] == [
        (home, ""), (procedures, "procedures/"), ("ABTC", "procedures/abtc/")]
    assert names(breadcrumb_trail("en", "page", "about/", "About the Department")) == [home, "About the Department"]
    assert names(breadcrumb_trail("en", "sitemap", "sitemap/", "Sitemap")) == [home, "Sitemap"]


def listing(kind: str, page_number: int, page_count: int = 3, **extra) -> Listing:
    first = {"news": "news/", "category": "news/category/doi-ngoai/", "year": "news/2024/"}[kind]
    return Listing("vi", kind, first, page_number, page_count, [], 25, **extra)


def test_listings_are_under_the_news_with_their_category_year_and_page():
    home, news = translate_ui("vi", "nav.home"), translate_ui("vi", "nav.news")
    page_two = translate_ui("vi", "news.page_of", number=2, count=3)

    def trail(item):
        return [(c.name, c.norm) for c in breadcrumb_trail("vi", "listing", item.norm, "ignored", listing=item)]

    assert trail(listing("news", 1)) == [(home, ""), (news, "news/")]
    assert trail(listing("news", 2)) == [(home, ""), (news, "news/"), (page_two, "news/page/2/")]
    assert trail(listing("category", 1, category=DOI_NGOAI)) == [
        (home, ""), (news, "news/"), ("Đối ngoại (vi)", "news/category/doi-ngoai/")]
    assert trail(listing("category", 2, category=DOI_NGOAI))[-1] == (page_two, "news/category/doi-ngoai/page/2/")
    assert trail(listing("year", 1, year=2024)) == [(home, ""), (news, "news/"), ("2024", "news/2024/")]


norm_segment = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=10)
norms = st.lists(norm_segment, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + "/")
kinds = st.sampled_from(["article", "stand-in", "procedure", "procedure-desk", "page", "sitemap"])


@settings(max_examples=200, deadline=None)
@given(lang=languages, kind=kinds, norm=st.one_of(norms, norms.map(lambda n: "news/" + n),
                                                  norms.map(lambda n: "procedures/" + n)),
       title=hostile_text, with_category=st.booleans())
def test_a_trail_goes_from_home_to_the_page_itself(lang, kind, norm, title, with_category):
    crumbs = breadcrumb_trail(lang, kind, norm, title, category=DOI_NGOAI if with_category else None)
    assert crumbs[0] == Crumb(translate_ui(lang, "nav.home"), "")
    assert crumbs[-1] == Crumb(title, norm), "the page itself comes last"
    assert len({crumb.norm for crumb in crumbs}) == len(crumbs), "no page twice"
    view = breadcrumbs_view(crumbs, lang, LAYOUT, URLS)
    assert [item["current"] for item in view["items"]] == [False] * (len(crumbs) - 1) + [True]
    entries = view["json_ld"]["itemListElement"]
    assert [entry["position"] for entry in entries] == list(range(1, len(crumbs) + 1))
    assert [entry["item"] for entry in entries] == [URLS.url(lang, crumb.norm) for crumb in crumbs]


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inside = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


JSON_LD_TEMPLATE = Environment(autoescape=True).from_string(
    '<script type="application/ld+json">{{ json_ld | tojson }}</script>')
"""How overrides/partials/breadcrumbs.html writes the JSON-LD."""


@settings(max_examples=200, deadline=None)
@given(names_=st.lists(st.one_of(hostile_text, st.sampled_from(["</script><script>alert(1)</script>", "&amp;", "'\""])),
                       min_size=1, max_size=4), lang=languages)
def test_no_name_can_end_the_json_ld_script_and_it_reads_back_whole(names_, lang):
    crumbs = [Crumb(name, f"p{index}/") for index, name in enumerate(names_)]
    data = breadcrumb_list(crumbs, lang, URLS)
    html = JSON_LD_TEMPLATE.render(json_ld=data)
    assert html.lower().count("</script") == 1 and "<" not in html[len("<script"):-len("</script>")]
    reader = _Scripts()
    reader.feed(html)
    assert len(reader.scripts) == 1 and json.loads(reader.scripts[0]) == data
    assert [entry["name"] for entry in data["itemListElement"]] == names_


# -- mailto: and share links ------------------------------------------------------------------------

def fields_of(link: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(link)
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


@settings(max_examples=300, deadline=None)
@given(subject=hostile_text, body=hostile_text)
def test_a_mailto_link_carries_subject_and_body_whole_and_nothing_else(subject, body):
    link = mailto_link("songoaivu@haiphong.gov.vn", subject, body)
    assert link.startswith("mailto:songoaivu@haiphong.gov.vn?") and not any(ch.isspace() for ch in link)
    address, fields = fields_of(link)
    assert address == "songoaivu@haiphong.gov.vn"
    assert set(fields) <= {"subject", "body"} and all(len(values) == 1 for values in fields.values())
    expected_body = "\r\n".join(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert fields["body"] == [expected_body], "line breaks as CRLF (RFC 6068)"
    assert fields["subject"] == [" ".join(subject.replace("\r", "\n").split("\n"))], "a subject is one line"


def test_an_injected_header_stays_in_its_field():
    link = mailto_link("a@b.vn", "Title&cc=evil@example.com", "x?bcc=evil@example.com#y")
    _, fields = fields_of(link)
    assert set(fields) == {"subject", "body"} and fields["subject"] == ["Title&cc=evil@example.com"]
    assert mailto_link("a?cc=x@y.z@b.vn", "s").startswith("mailto:a%3Fcc%3Dx@y.z@b.vn?subject=s")


@settings(max_examples=200, deadline=None)
@given(title=hostile_text, lang=languages, path=norms)
def test_share_links_carry_the_page_address_and_title_whole(title, lang, path):
    url = URLS.url(lang, path)
    links = {link["service"]: link["href"] for link in share_links(url, title, lang)}
    assert set(links) == {"facebook", "x", "email"}, "no Zalo: its only share button is a third-party script"
    for href in links.values():
        assert not any(ch.isspace() or ch in "\"'<>" for ch in href)
    facebook = urlsplit(links["facebook"])
    assert (facebook.scheme, facebook.netloc, facebook.path) == ("https", "www.facebook.com", "/sharer/sharer.php")
    assert parse_qs(facebook.query) == {"u": [url]}
    x = urlsplit(links["x"])
    assert x.netloc == "twitter.com" and parse_qs(x.query, keep_blank_values=True) == {"url": [url], "text": [title]}
    address, fields = fields_of(links["email"])
    assert address == "" and url in fields["body"][0] and fields["subject"] == [" ".join(title.replace("\r", "\n").split("\n"))]


INFO = {"email": "songoaivu@haiphong.gov.vn", "portal": {"vi": "Cổng", "en": "Portal"},
        "national_feedback": {"url": "https://dichvucong.gov.vn/p/phananhkiennghi/pakn-gui-pakn.html"}}


@settings(max_examples=100, deadline=None)
@given(title=hostile_text, lang=languages, path=norms)
def test_the_feedback_mail_names_the_page_in_the_readers_language(title, lang, path):
    url = URLS.url(lang, path)
    view = feedback_view(INFO, lang, title, url)
    address, fields = fields_of(view["mailto"])
    assert address == INFO["email"]
    assert fields["subject"] == [" ".join(translate_ui(lang, "feedback.subject", title=title).replace("\r", "\n").split("\n"))]
    assert url in fields["body"][0]
    assert view["national_url"] is None, "only procedure pages point to the national feedback service"


def test_the_national_feedback_service_only_where_it_is_a_web_address():
    assert feedback_view(INFO, "ja", "T", "https://x.vn/a/", procedure=True)["national_url"] == INFO["national_feedback"]["url"]
    hostile = {**INFO, "national_feedback": {"url": "javascript:alert(1)"}}
    assert feedback_view(hostile, "ja", "T", "https://x.vn/a/", procedure=True)["national_url"] is None
    assert feedback_view({}, "vi", "T", "https://x.vn/a/") is None, "no e-mail in site.yml: no prompt"
    assert feedback_view({"email": ["x"]}, "vi", "T", "https://x.vn/a/") is None
    error_page = feedback_view(INFO, "en", "Page not found", None)
    assert error_page["how"] == "feedback.how_without_address", "the reader is asked to paste the address"
    assert feedback_view(INFO, "en", "T", "https://x.vn/a/")["how"] == "feedback.how"
    assert fields_of(error_page["mailto"])[1]["body"] == [
        translate_ui("en", "feedback.body_without_address").replace("\n", "\r\n")]


# -- related articles ---------------------------------------------------------------------------------

SLUGS = ["a", "b", "c", "d"]


def make_article(index: int, categories: list[str]) -> Article:
    moment = datetime(2025, 1, 1, tzinfo=VIETNAM) - timedelta(days=index)
    version = Version(f"news/2025/n{index}.vi.md", f"news/2025/n{index}", "vi", {"categories": categories}, own_time=moment)
    return Article(f"news/2025/n{index}", {"vi": version})


@settings(max_examples=300, deadline=None)
@given(categories=st.lists(st.lists(st.sampled_from(SLUGS), max_size=3), min_size=1, max_size=30),
       chosen=st.integers(min_value=0), limit=st.integers(min_value=1, max_value=6))
def test_related_articles_share_a_category_newest_first_without_the_article_itself(categories, chosen, limit):
    published = [make_article(index, slugs) for index, slugs in enumerate(categories)]
    article = published[chosen % len(published)]
    found = RelatedArticles(published)(article, limit)
    expected = [other for other in published
                if other.key != article.key and set(other.categories) & set(article.categories)][:limit]
    assert found == expected


def test_an_article_without_category_has_no_related_articles():
    published = [make_article(0, []), make_article(1, ["a"]), make_article(2, [])]
    assert RelatedArticles(published)(published[0]) == []


# -- procedures as services -----------------------------------------------------------------------------

DESK = {"one_stop_desk": {
    "name": {"vi": "Trung tâm Phục vụ hành chính công", "en": "Public Administration Service Center"},
    "address": {"vi": "Số 1 & đường <A>, Hải Phòng", "en": "1 A Street, Hai Phong"},
    "opening_hours": {"vi": "Thứ Hai - Thứ Sáu", "en": "Monday to Friday"},
    "phone": "+84 225 3797 979", "sample": True}}


def test_the_one_stop_desk_in_the_readers_language_with_a_map_link_and_the_vietnamese_names():
    english = one_stop_desk_view(DESK, "en")
    assert english["name"] == "Public Administration Service Center" and english["hours"] == "Monday to Friday"
    assert english["name_vi"] == "Trung tâm Phục vụ hành chính công", "a foreigner also gets the name on the sign"
    assert english["address_vi"] == "Số 1 & đường <A>, Hải Phòng"
    assert english["phone_link"] == "tel:+842253797979" and english["sample"] is True
    link = urlsplit(english["map_url"])
    assert (link.netloc, link.path) == ("www.openstreetmap.org", "/search")
    assert parse_qs(link.query) == {"query": ["Số 1 & đường <A>, Hải Phòng"]}, "the Vietnamese address, whole"
    vietnamese = one_stop_desk_view(DESK, "vi")
    assert vietnamese["name_vi"] == "" and vietnamese["address_vi"] == ""
    japanese = one_stop_desk_view(DESK, "ja")
    assert japanese["name"] == "Trung tâm Phục vụ hành chính công", "a missing language falls back to Vietnamese"


@pytest.mark.parametrize("desk", [None, "text", [], {"name": {"vi": "X"}}, {"name": ["x"], "address": "y"},
                                  {"name": {"en": "no vi"}, "address": {"en": "no vi"}},
                                  {"name": "X", "address": "Y", "phone": 12345, "opening_hours": {"vi": None}}])
def test_a_one_stop_desk_an_editor_got_wrong_gives_no_block_or_plain_text(desk):
    view = one_stop_desk_view({"one_stop_desk": desk}, "en")
    if view is not None:
        assert all(isinstance(value, (str, bool)) for value in view.values()), view


def test_form_labels_say_format_size_and_language_in_the_readers_words():
    assert form_details("PDF", 109_240, "vi", "vi") == "(PDF, 107 KB, tiếng Việt)"
    assert form_details("PDF", 109_240, "vi", "en") == "(PDF, 107 KB, Vietnamese)"
    assert form_details("PDF", 109_240, "vi", "ja") == "（PDF、107 KB、ベトナム語）"
    assert form_details("DOCX", None, "en", "zh") == "（DOCX，英语）"
    assert form_details("", None, "vi", "ko") == "(베트남어)"
    assert file_size_text(1_572_864, "vi") == "1,5 MB" and file_size_text(1_572_864, "en") == "1.5 MB"
    assert file_size_text(10, "en") == "1 KB"


def test_readers_of_another_language_are_told_the_national_portal_is_in_vietnamese():
    vi_form = {"form": {"language": "vi"}}
    en_form = {"form": {"language": "en"}}
    no_form = {"form": None}
    assert language_notice([vi_form, no_form], "vi") is None
    assert language_notice([vi_form, no_form], "en") == "procedure.vietnamese_only_portal_and_forms"
    assert language_notice([vi_form, en_form], "ja") == "procedure.vietnamese_only_portal"
    assert language_notice([no_form], "ko") == "procedure.vietnamese_only_portal"


@pytest.mark.parametrize("url", ["https://dichvucong.gov.vn/", "https://dichvucong.gov.vn",
                                 "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"])
def test_the_portals_home_page_is_pointed_out(url):
    message, fix = online_url_warning(url, "1.011596")
    assert "home page" in message and "1.011596" in fix


@settings(max_examples=100, deadline=None)
@given(code=st.from_regex(r"\A[0-9]\.[0-9]{6}\Z"), page=norm_segment)
def test_an_address_that_names_the_code_passes_and_one_without_it_is_pointed_out(code, page):
    assert online_url_warning(f"https://dichvucong.gov.vn/p/home/{page}.html?ma_thu_tuc={code}", code) is None
    message, _ = online_url_warning(f"https://dichvucong.gov.vn/p/home/{page}.html?ma_thu_tuc=9", code)
    assert f"does not name the procedure's code {code}" in message
    assert online_url_warning("", code) is None and online_url_warning(None, code) is None
