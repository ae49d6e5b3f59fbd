"""The built site: listings per language, article pages, the missing-translation policy, SEO
signals, sitemap and 404 pages — on a small synthetic project built with `mkdocs build --strict`."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from sitebuild import StaticServer, article, build_or_fail, copy_project

SITE_URL = "https://ngoaivu.haiphong.gov.vn/"
LANGS = ("vi", "en", "ja", "zh", "ko")

pytestmark = pytest.mark.site_build


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("site"), with_content=False)
    docs = project / "docs"
    for lang in LANGS:
        (docs / f"about.{lang}.md").write_text(f"---\ntitle: About {lang}\n---\n\nAbout text.\n", encoding="utf-8")
    # 12 CCHC articles in 2025 with all languages, to paginate (10 per page)
    for day in range(1, 13):
        key = f"news/2025/cchc-{day:02d}"
        article(docs, key, "vi", f"CCHC số {day}", f"2025-02-{day:02d}", ["cai-cach-hanh-chinh"], summary=f'"Tóm tắt {day}"')
        for lang in LANGS[1:]:
            article(docs, key, lang, f"Reform {day} {lang}")
    article(docs, "news/2024/ky-ket", "vi", "Lễ ký kết với Kanagawa", "2024-11-20T09:30:00+07:00", ["doi-ngoai", "kinh-te-doi-ngoai"])
    article(docs, "news/2024/ky-ket", "en", "Signing with Kanagawa")
    article(docs, "news/2024/ky-ket", "ja", "神奈川県との署名式")
    from PIL import Image

    (docs / "news/2024/images").mkdir(parents=True)
    Image.new("RGB", (40, 30), "navy").save(docs / "news/2024/images/cang.png")
    for lang in ("vi", "en"):
        path = docs / f"news/2024/ky-ket.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n![Port / Cảng](images/cang.png)\n", encoding="utf-8")
    article(docs, "news/2024/chi-tieng-viet", "vi", "Chỉ có tiếng Việt", "2024-06-01", ["thong-bao"])
    article(docs, "news/2025/nhap", "vi", "Bản nháp bí mật", "2025-03-01", ["thong-bao"], draft="true")
    build_or_fail(project)
    return project


@pytest.fixture(scope="module")
def site(project):
    return project / "site"


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html, name, **match):
    parser = Links()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name and all(attrs.get(k) == v for k, v in match.items())]


def listed_titles(html):
    return re.findall(r'class="portal-card__title"><a href="[^"]*">([^<]+)</a>', html)


@pytest.mark.parametrize("lang, prefix", [("vi", ""), ("en", "en/"), ("ja", "ja/"), ("zh", "zh/"), ("ko", "ko/")])
def test_home_and_news_list_in_every_language(site, lang, prefix):
    home = read(site, f"{prefix}index.html")
    assert f'<html lang="{lang}"' in home
    news = read(site, f"{prefix}news/index.html")
    titles = listed_titles(news)
    assert len(titles) == 10  # first page of 10
    expected_first = "CCHC số 12" if lang == "vi" else f"Reform 12 {lang}"
    assert titles[0] == expected_first  # newest first
    assert (site / f"{prefix}news/page/2/index.html").is_file()


def test_pagination_continues_newest_first(site):
    page2 = listed_titles(read(site, "news/page/2/index.html"))
    assert page2 == ["CCHC số 2", "CCHC số 1", "Lễ ký kết với Kanagawa", "Chỉ có tiếng Việt"]
    en2 = listed_titles(read(site, "en/news/page/2/index.html"))
    assert en2 == ["Reform 2 en", "Reform 1 en", "Signing with Kanagawa"]
    assert not (site / "ja/news/page/3").exists()


def test_category_page_lists_only_that_category(site):
    html = read(site, "news/category/doi-ngoai/index.html")
    assert listed_titles(html) == ["Lễ ký kết với Kanagawa"]
    assert "Chuyên mục: Hoạt động đối ngoại" in html
    ja = read(site, "ja/news/category/doi-ngoai/index.html")
    assert listed_titles(ja) == ["神奈川県との署名式"]
    assert "カテゴリー：対外活動" in ja
    empty = read(site, "ko/news/category/thong-bao/index.html")
    assert listed_titles(empty) == [] and "아직 기사가 없습니다." in empty


def test_year_pages(site):
    assert listed_titles(read(site, "news/2024/index.html")) == ["Lễ ký kết với Kanagawa", "Chỉ có tiếng Việt"]
    assert listed_titles(read(site, "en/news/2024/index.html")) == ["Signing with Kanagawa"]
    assert "2024年のニュース" in read(site, "ja/news/2024/index.html")


def test_article_page_shows_localized_date_categories_and_neighbours(site):
    vi = read(site, "news/2024/ky-ket/index.html")
    assert '<time datetime="2024-11-20T09:30:00+07:00">20/11/2024</time>' in vi
    assert "Hoạt động đối ngoại" in vi and "Kinh tế đối ngoại" in vi
    assert 'rel="next"' in vi and "CCHC số 1" in vi  # newer neighbour
    assert 'rel="prev"' in vi and "Chỉ có tiếng Việt" in vi  # older neighbour
    ja = read(site, "ja/news/2024/ky-ket/index.html")
    assert "2024年11月20日" in ja
    en = read(site, "en/news/2024/ky-ket/index.html")
    assert "November 20, 2024" in en
    zh = read(site, "zh/news/2025/cchc-01/index.html")
    assert "2025年2月1日" in zh
    ko = read(site, "ko/news/2025/cchc-01/index.html")
    assert "2025년 2월 1일" in ko


def test_images_are_shared_by_all_language_versions(site):
    for page in ("news/2024/ky-ket/index.html", "en/news/2024/ky-ket/index.html"):
        sources = [img["src"] for img in tags(read(site, page), "img") if "cang" in img.get("src", "")]
        assert sources, page
        assert all((site / page).parent.joinpath(src).resolve().is_file() for src in sources), (page, sources)
    assert not (site / "en/news/2024/images").exists()  # one copy, at the original's address


def test_drafts_stay_off_the_site(site):
    assert not (site / "news/2025/nhap").exists()
    for path in site.rglob("*.html"):
        assert "Bản nháp bí mật" not in path.read_text(encoding="utf-8"), path
    assert "nhap" not in read(site, "sitemap.xml")


def test_missing_translation_is_a_marked_page_in_the_readers_language(site):
    html = read(site, "ja/news/2024/chi-tieng-viet/index.html")
    assert '<html lang="ja"' in html
    assert "この記事の日本語版はありません" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert tags(html, "link", rel="canonical")[0]["href"] == SITE_URL + "news/2024/chi-tieng-viet/"
    # The Vietnamese title appears only marked as Vietnamese, with a link to the original.
    assert '<span lang="vi">Chỉ có tiếng Việt</span>' in html
    assert "Body of Chỉ có tiếng Việt" not in html
    # Not listed in that language
    assert "chi-tieng-viet" not in read(site, "ja/news/page/2/index.html")
    assert "ja/news/2024/chi-tieng-viet" not in read(site, "sitemap.xml")


def test_hreflang_alternates_are_absolute_with_x_default(site):
    html = read(site, "en/news/2024/ky-ket/index.html")
    alternates = {link["hreflang"]: link["href"] for link in tags(html, "link", rel="alternate") if "hreflang" in link}
    assert alternates == {
        "vi": SITE_URL + "news/2024/ky-ket/",
        "en": SITE_URL + "en/news/2024/ky-ket/",
        "ja": SITE_URL + "ja/news/2024/ky-ket/",
        "x-default": SITE_URL + "news/2024/ky-ket/",
    }
    assert tags(html, "link", rel="canonical")[0]["href"] == SITE_URL + "en/news/2024/ky-ket/"
    og = {meta["property"]: meta["content"] for meta in tags(html, "meta") if "property" in meta}
    assert og["og:type"] == "article" and og["og:title"] == "Signing with Kanagawa"
    assert og["og:url"] == SITE_URL + "en/news/2024/ky-ket/"


def test_language_switcher_goes_to_the_same_page(site):
    html = read(site, "news/2024/ky-ket/index.html")
    switcher = {a["hreflang"]: a["href"] for a in tags(html, "a", **{"class": "portal-languages__link"})}
    assert switcher["ja"] == "../../../ja/news/2024/ky-ket/"
    assert switcher["ko"] == "../../../ko/news/2024/ky-ket/"  # the marked 'not available' page
    paged = read(site, "news/page/2/index.html")
    switcher = {a["hreflang"]: a["href"] for a in tags(paged, "a", **{"class": "portal-languages__link"})}
    assert switcher["en"] == "../../../en/news/page/2/"


def test_sitemap_lists_real_pages_with_alternates(site):
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [url.find("s:loc", ns).text for url in tree.getroot()]
    assert SITE_URL + "ja/news/2024/ky-ket/" in locs
    assert SITE_URL + "ko/news/2024/ky-ket/" not in locs
    entry = next(url for url in tree.getroot() if url.find("s:loc", ns).text == SITE_URL + "news/2024/ky-ket/")
    hreflangs = {link.get("hreflang") for link in entry.findall("x:link", ns)}
    assert hreflangs == {"vi", "en", "ja", "x-default"}


@pytest.mark.parametrize("prefix, text, lang", [("", "Không tìm thấy trang", "vi"), ("ja/", "ページが見つかりません", "ja"),
                                                ("ko/", "페이지를 찾을 수 없습니다", "ko")])
def test_localized_404(site, prefix, text, lang):
    html = read(site, f"{prefix}404.html")
    assert f'<html lang="{lang}"' in html and text in html
    # Error pages are served from any depth: asset links must be absolute.
    assert 'href="/assets/' in html


def test_generated_pages_are_not_written_into_docs(project):
    generated = [p for p in (project / "docs").rglob("*") if "category" in p.parts or p.name.startswith("index.") and "news" in p.parts]
    assert generated == []


@pytest.mark.browser
def test_browser_home_languages_and_switcher(site, page):
    with StaticServer(site) as server:
        for lang, prefix in (("vi", ""), ("en", "en/"), ("ja", "ja/"), ("zh", "zh/"), ("ko", "ko/")):
            page.goto(server.url + prefix)
            assert page.locator("html").get_attribute("lang") == lang
        # From a Vietnamese article to the same article in Japanese through the switcher
        page.goto(server.url + "news/2024/ky-ket/")
        page.locator(".portal-languages__link[hreflang=ja]").click()
        page.wait_for_url("**/ja/news/2024/ky-ket/")
        assert page.locator("h1").first.inner_text() == "神奈川県との署名式"
        assert page.locator("html").get_attribute("lang") == "ja"
        # A missing translation follows the documented policy
        page.goto(server.url + "news/2024/chi-tieng-viet/")
        page.locator(".portal-languages__link[hreflang=ja]").click()
        page.wait_for_url("**/ja/news/2024/chi-tieng-viet/")
        assert page.locator("h1").first.inner_text() == "この記事の日本語版はありません"
        assert page.locator("meta[name=robots]").get_attribute("content") == "noindex, follow"
        page.locator("a[hreflang=vi]", has_text="ベトナム語で読む").click()
        page.wait_for_url("**/news/2024/chi-tieng-viet/")
        assert page.locator("html").get_attribute("lang") == "vi"
        # A category page lists only that category
        page.goto(server.url + "en/news/category/cai-cach-hanh-chinh/")
        titles = page.locator(".portal-card__title").all_inner_texts()
        assert len(titles) == 10 and all(t.startswith("Reform") for t in titles)
        response = page.goto(server.url + "ja/no-such-page/")
        assert response.status == 404
        assert page.locator("h1").first.inner_text() == "ページが見つかりません"


def test_section_pages_head_their_generated_list_and_missing_nav_pages_are_skipped(tmp_path):
    project = copy_project(tmp_path / "p", with_content=False)
    docs = project / "docs"
    for page in docs.glob("about.*.md"):
        page.unlink()  # a content folder without an About page still builds in strict mode
    article(docs, "news/2025/a", "vi", "Bài A", "2025-05-01", ["thong-bao"])
    (docs / "news/2025/index.vi.md").write_text("---\ntitle: Năm 2025\n---\n\nLời giới thiệu năm 2025.\n", encoding="utf-8")
    (docs / "news/index.en.md").write_text("---\ntitle: News\n---\n\nIntroduction to the news.\n", encoding="utf-8")
    site = build_or_fail(project)
    assert "Lời giới thiệu năm 2025." in read(site, "news/2025/index.html")
    assert listed_titles(read(site, "news/2025/index.html")) == ["Bài A"]
    assert "Introduction to the news." in read(site, "en/news/index.html")
    assert "Introduction to the news." not in read(site, "news/index.html")
    assert not (site / "about").exists()
