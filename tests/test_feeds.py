"""RSS and Atom feeds: one pair per language at fixed paths and one per category and language,
read back with feedparser (what aggregators see) and ElementTree (the formats' required
elements), checked against the news model, and rebuilt byte for byte."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from lxml import html as lxml_html
from PIL import Image

from portal.feeds import DEFAULT_FEED_SIZE, absolute_html, excerpt
from portal.languages import CODES, DEFAULT, url_prefix
from portal.pages.model import SiteModel
from portal.pages.views import article_norm
from portal.content.site_data import load_categories, load_site_info, localized
from sitebuild import PROJECT, StaticServer, article, build, build_or_fail, copy_project, write

ATOM = "{http://www.w3.org/2005/Atom}"
SMALL_FEED_SIZE = 5
VI_ARTICLES = DEFAULT_FEED_SIZE + 4


# -- the synthetic project ------------------------------------------------------------------

def image_bytes(image_format: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 140)).save(buffer, image_format)
    return buffer.getvalue()


JPEG = image_bytes("JPEG", (64, 48))
PNG = image_bytes("PNG", (8, 8))


def write_news(docs: Path) -> None:
    """More Vietnamese articles than a feed holds, some translated, plus everything a feed must
    leave out: drafts (newest of all), a draft translation, missing translations."""
    images = docs / "news/2025/images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "lead.jpg").write_bytes(JPEG)
    (images / "chart.png").write_bytes(PNG)
    for number in range(1, VI_ARTICLES + 1):
        month, day = divmod(number - 1, 28)
        categories = ["doi-ngoai"] if number % 2 else ["thong-bao", "chuyen-doi-so"]
        extra = {}
        if number == VI_ARTICLES:
            extra = {"image": "images/lead.jpg", "image_alt": '"Ảnh bến cảng"', "summary": '"Tóm tắt của bài mới nhất."'}
        elif number == VI_ARTICLES - 1:
            extra = {"image": "images/chart.png", "image_alt": '"Biểu đồ"'}
        article(docs, f"news/2025/bai-{number:02d}", "vi", f"Bài số {number}",
                f"2025-{month + 1:02d}-{day + 1:02d}T{8 + number % 9:02d}:15:00", categories, **extra)
    # Translations: one with its own date-time, the others inherit the source's date.
    article(docs, f"news/2025/bai-{VI_ARTICLES:02d}", "en", "Newest article", None, ["doi-ngoai"])
    article(docs, f"news/2025/bai-{VI_ARTICLES - 1:02d}", "en", "Chart article", "2025-06-01T10:00:00+07:00", ["thong-bao"])
    article(docs, "news/2025/bai-03", "en", "Third article")
    article(docs, "news/2025/bai-03", "ja", "第三の記事", None, ["doi-ngoai"])
    write(docs / "news/2025/bai-05.en.md",
          "---\ntitle: Fifth article\n---\n\nSee [the third](bai-03.md), [a section](#part) and "
          "[the ministry](https://mofa.gov.vn/).\n\n## Part {#part}\n\nMore text.\n")
    # Left out of every feed.
    article(docs, "news/2025/nhap", "vi", "Bài nháp mới nhất", "2025-12-30", ["doi-ngoai"], draft="true")
    article(docs, "news/2025/bai-01", "en", "Draft translation", "2025-12-31", draft="true")


@pytest.fixture(scope="module")
def feed_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("feeds") / "project", with_content=False)
    write_news(project / "docs")
    return project


@pytest.fixture(scope="module")
def feed_site(feed_project) -> Path:
    return build_or_fail(feed_project, feed_project / "site-a")


def with_plugin_option(project: Path, destination: Path, line: str) -> Path:
    """A copy of `project` with one more option of the portal plugin in mkdocs.yml."""
    def built_sites(folder, names):
        return [name for name in names if Path(folder) == project and name.startswith("site")]

    copy = Path(shutil.copytree(project, destination, ignore=built_sites))
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - portal:\n" in config
    (copy / "mkdocs.yml").write_text(config.replace("  - portal:\n", f"  - portal:\n      {line}\n", 1), encoding="utf-8")
    return copy


# -- reading a built site -------------------------------------------------------------------

def public_base(site: Path) -> str:
    """The site's public URL, as the home page declares it canonically."""
    tree = lxml_html.parse(str(site / "index.html"))
    return tree.xpath("//link[@rel='canonical']/@href")[0]


def built_file(site: Path, base: str, url: str) -> Path:
    assert url.startswith(base), f"{url} is not under the site's URL {base}"
    rel = url[len(base):].split("#", 1)[0]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def feed_paths(lang: str, category_slugs) -> list[tuple[str | None, str]]:
    """(category or None, site-relative folder) of every feed scope of a language."""
    prefix = url_prefix(lang)
    return [(None, prefix)] + [(slug, f"{prefix}news/category/{slug}/") for slug in category_slugs]


def expected_articles(model: SiteModel, lang: str, category: str | None, size: int):
    items = model.published[lang]
    if category:
        # The article's categories (all its non-draft versions'), not the version's own.
        items = [a for a in items if category in a.categories]
    return items[:size]


def check_site_feeds(site: Path, docs: Path, size: int) -> int:
    """Every feed of every language and category, against the news model. Returns the number
    of entries seen, so callers can tell the checks ran on real items."""
    base = public_base(site)
    model = SiteModel.load(docs, base, 10)
    info = load_site_info(docs)
    categories = load_categories(docs)
    seen = 0
    for lang in CODES:
        department = localized(info["department"], lang)
        for category, folder in feed_paths(lang, categories):
            expected = expected_articles(model, lang, category, size)
            expected_links = [model.urls.url(lang, article_norm(a)) for a in expected]
            for filename in ("rss.xml", "atom.xml"):
                path = site / folder / filename
                assert path.is_file(), f"missing feed {path}"
                check_required_elements(path)
                parsed = feedparser.parse(path.read_bytes())
                where = f"{folder}{filename}"
                assert not parsed.bozo, f"{where}: {parsed.get('bozo_exception')}"
                assert parsed.version == ("rss20" if filename == "rss.xml" else "atom10")
                assert parsed.feed.language == lang, where
                assert department in parsed.feed.title
                if category:
                    assert categories[category].label(lang) in parsed.feed.title
                self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
                assert self_links == [base + folder + filename], where
                links = [entry.link for entry in parsed.entries]
                # Same articles, same order as the model: newest first, the configured count, no
                # draft and no language the article lacks.
                assert links == expected_links, where
                assert len(parsed.entries) <= size
                stamps = [entry.published_parsed for entry in parsed.entries]
                assert stamps == sorted(stamps, reverse=True), where
                for entry, item in zip(parsed.entries, expected):
                    check_entry(entry, item, lang, site, base, department, categories, filename)
                if expected:
                    newest = expected[0].publication_time(lang)
                    raw_updated = parsed.feed.updated
                    assert raw_updated == (newest.isoformat() if filename == "atom.xml" else parsed.entries[0].published)
                seen += len(parsed.entries)
    return seen


def check_entry(entry, item, lang, site, base, department, categories, filename) -> None:
    version = item.versions[lang]
    moment = item.publication_time(lang)
    assert entry.title == version.title
    assert entry.id == entry.link, "the id is the article's canonical URL, stable between builds"
    # Dates carry Vietnam's offset as written, not converted to UTC.
    assert entry.published.endswith("+0700" if filename == "rss.xml" else "+07:00"), entry.published
    assert entry.published_parsed[:6] == moment.utctimetuple()[:6]
    assert entry.author_detail.name == department
    assert entry.summary.strip()
    # The summary is text, carried as escaped HTML (readers treat RSS descriptions as HTML).
    assert entry.summary_detail.type == "text/html"
    if version.summary:
        assert lxml_html.fragment_fromstring(entry.summary, create_parent="div").text_content() == version.summary
    # RSS carries the label as the category's text, Atom as its `label` next to the slug.
    labels = [tag.get("label") or tag.term for tag in entry.get("tags", [])]
    assert labels == [categories[slug].label(lang) for slug in item.categories]
    # The link is a real page of this language, not a 'not available in this language' page.
    page_file = built_file(site, base, entry.link)
    assert page_file.is_file(), f"{entry.link} is not a built page"
    page = lxml_html.parse(str(page_file))
    assert page.getroot().get("lang") == lang
    assert not page.xpath("//meta[@name='robots']"), f"{entry.link} is a stand-in page"
    assert page.xpath("//h1")[0].text_content().strip() == version.title
    # Full content, every link and image absolute.
    content = entry.content[0]
    assert content.type == "text/html"
    body = lxml_html.fragment_fromstring(content.value, create_parent="div")
    assert body.text_content().strip()
    for element, attribute, link, _ in body.iterlinks():
        assert link.startswith(("https://", "http://", "mailto:")), f"relative {attribute}={link} in {entry.link}"
    image = version.meta.get("image") or (item.source.meta.get("image") if item.source else None)
    if image:
        [enclosure] = entry.enclosures
        image_url = enclosure.href
        image_file = built_file(site, base, image_url)
        assert image_file.is_file(), image_url
        assert int(enclosure.length) == image_file.stat().st_size
        assert enclosure.type == {"jpg": "image/jpeg", "png": "image/png"}[image_url.rsplit(".", 1)[-1]]
    else:
        assert not entry.get("enclosures")


def check_required_elements(path: Path) -> None:
    """RSS 2.0: channel title, link, description; an item has a title or a description.
    Atom (RFC 4287): feed id, title, updated and an author (on the feed or every entry); each
    entry id, title, updated."""
    root = ET.parse(path).getroot()
    if path.name == "rss.xml":
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for name in ("title", "link", "description"):
            assert (channel.findtext(name) or "").strip(), f"{path}: channel <{name}> missing"
        assert channel.findtext("link").startswith("http")
        for item in channel.findall("item"):
            assert (item.findtext("title") or "").strip() or (item.findtext("description") or "").strip()
            assert item.find("guid") is not None and item.findtext("pubDate")
    else:
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: feed <{name}> missing"
        feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
        ids = []
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: entry <{name}> missing"
            assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
            alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
            assert len(alternates) == 1, f"{path}: an entry needs exactly one alternate link"
            ids.append(entry.findtext(f"{ATOM}id"))
        assert len(ids) == len(set(ids))


# -- the synthetic site ---------------------------------------------------------------------

@pytest.mark.site_build
def test_every_feed_matches_the_news_model(feed_site, feed_project):
    assert check_site_feeds(feed_site, feed_project / "docs", DEFAULT_FEED_SIZE) > DEFAULT_FEED_SIZE


@pytest.mark.site_build
def test_fixed_paths_and_default_count(feed_site):
    for lang in CODES:
        for filename in ("rss.xml", "atom.xml"):
            assert (feed_site / url_prefix(lang) / filename).is_file()
    vi = feedparser.parse((feed_site / "rss.xml").read_bytes())
    assert len(vi.entries) == DEFAULT_FEED_SIZE < VI_ARTICLES
    assert vi.entries[0].title == f"Bài số {VI_ARTICLES}"
    assert vi.entries[-1].title == f"Bài số {VI_ARTICLES - DEFAULT_FEED_SIZE + 1}"


@pytest.mark.site_build
def test_drafts_and_missing_translations_are_left_out(feed_site):
    titles = {lang: [e.title for e in feedparser.parse((feed_site / url_prefix(lang) / "atom.xml").read_bytes()).entries]
              for lang in CODES}
    assert "Bài nháp mới nhất" not in titles["vi"]
    assert "Draft translation" not in titles["en"]
    assert titles["en"] == ["Chart article", "Newest article", "Fifth article", "Third article"]
    assert titles["ja"] == ["第三の記事"]
    assert titles["zh"] == [] and titles["ko"] == []


@pytest.mark.site_build
def test_items_carry_localized_categories_inherited_dates_and_image_enclosures(feed_site):
    en = feedparser.parse((feed_site / "en/rss.xml").read_bytes())
    newest = next(e for e in en.entries if e.title == "Newest article")
    vi_newest = feedparser.parse((feed_site / "rss.xml").read_bytes()).entries[0]
    assert newest.published == vi_newest.published, "a translation without a date inherits the source's"
    # The article's categories: its Vietnamese source's and its English version's together, as on
    # its pages (CONTENT.md: one definition for pages, feeds and counts).
    assert [tag.term for tag in newest.tags] == ["Announcements", "Digital Transformation", "Foreign Affairs"]
    [enclosure] = newest.enclosures
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == (feed_site / "news/2025/images/lead.jpg").stat().st_size
    chart = next(e for e in en.entries if e.title == "Chart article")
    assert chart.published == "Sun, 01 Jun 2025 10:00:00 +0700"
    assert chart.enclosures[0].type == "image/png"
    assert int(chart.enclosures[0].length) == len(PNG)
    ja_atom = feedparser.parse((feed_site / "ja/atom.xml").read_bytes())
    assert [(tag.term, tag.label) for tag in ja_atom.entries[0].tags] == [("doi-ngoai", "対外活動")]
    fifth = next(e for e in feedparser.parse((feed_site / "en/atom.xml").read_bytes()).entries if e.title == "Fifth article")
    content = fifth.content[0].value
    base = public_base(feed_site)
    assert f'href="{base}en/news/2025/bai-03/"' in content
    assert f'href="{base}en/news/2025/bai-05/#part"' in content
    assert 'href="https://mofa.gov.vn/"' in content


@pytest.mark.site_build
def test_category_feeds_hold_only_their_category(feed_site):
    model_slugs = load_categories(PROJECT / "docs")
    for slug in model_slugs:
        for lang in CODES:
            parsed = feedparser.parse((feed_site / url_prefix(lang) / f"news/category/{slug}/atom.xml").read_bytes())
            for entry in parsed.entries:
                assert slug in [tag.term for tag in entry.tags]
    announcements = feedparser.parse((feed_site / "news/category/thong-bao/rss.xml").read_bytes())
    # The even-numbered articles, and bai-23, whose English version is an announcement: the
    # article is in its versions' categories together, in every language.
    assert len(announcements.entries) == VI_ARTICLES // 2 + 1
    assert announcements.feed.title.startswith("Thông báo")


@pytest.mark.site_build
def test_rebuild_is_byte_identical(feed_site, feed_project):
    again = build_or_fail(feed_project, feed_project / "site-b")
    feeds = sorted(path.relative_to(feed_site) for path in feed_site.rglob("*.xml") if path.name in ("rss.xml", "atom.xml"))
    # Per language: the news, each category and the documents section, in RSS and Atom.
    assert len(feeds) == len(CODES) * (1 + len(load_categories(feed_project / "docs")) + 1) * 2
    for rel in feeds:
        assert (again / rel).read_bytes() == (feed_site / rel).read_bytes(), f"{rel} differs between two builds"


@pytest.mark.site_build
def test_feed_size_option(feed_project, tmp_path):
    project = with_plugin_option(feed_project, tmp_path / "small", f"feed_size: {SMALL_FEED_SIZE}")
    site = build_or_fail(project)
    assert check_site_feeds(site, project / "docs", SMALL_FEED_SIZE) > 0
    assert len(feedparser.parse((site / "atom.xml").read_bytes()).entries) == SMALL_FEED_SIZE


@pytest.mark.site_build
def test_a_feed_size_below_one_is_refused(feed_project, tmp_path):
    project = with_plugin_option(feed_project, tmp_path / "zero", "feed_size: 0")
    result = build(project)
    assert result.returncode != 0
    assert "feed_size must be a whole number of at least 1" in result.stderr


def listing_links(site: Path, base: str, folder: str) -> list[str]:
    """Absolute URLs of the articles on every page of the listing in `folder`, in order."""
    first = site / folder / "index.html"
    numbered = sorted((site / folder / "page").glob("*/index.html"), key=lambda path: int(path.parent.name))
    links = []
    for page_file in [first, *numbered]:
        page_url = base + page_file.parent.relative_to(site).as_posix() + "/"
        hrefs = lxml_html.parse(str(page_file)).xpath("//li[contains(@class,'portal-card')]//h2/a/@href")
        links += [urljoin(page_url, href) for href in hrefs]
    return links


def check_category_pages_match_feeds(site: Path, size: int) -> int:
    """Every category's listing pages and its feeds, in every language, hold the same articles
    in the same order (the feed the newest `size`). Returns the entries compared."""
    base = public_base(site)
    compared = 0
    for lang in CODES:
        for slug in load_categories(PROJECT / "docs"):
            folder = f"{url_prefix(lang)}news/category/{slug}/"
            on_pages = listing_links(site, base, folder)
            for filename in ("rss.xml", "atom.xml"):
                in_feed = [entry.link for entry in feedparser.parse((site / folder / filename).read_bytes()).entries]
                assert in_feed == on_pages[:size], f"{folder}{filename} and the category's pages differ"
                compared += len(in_feed)
    return compared


@pytest.mark.site_build
def test_every_category_page_and_its_feed_hold_the_same_articles(feed_site):
    """One definition of an article's categories for pages and feeds: the English version of
    bai-03 has no `categories` of its own, its Vietnamese source is in doi-ngoai; so it is on the
    English doi-ngoai page, and in that category's English feed too."""
    third = f"{public_base(feed_site)}en/news/2025/bai-03/"
    assert third in listing_links(feed_site, public_base(feed_site), "en/news/category/doi-ngoai/")
    entries = feedparser.parse((feed_site / "en/news/category/doi-ngoai/atom.xml").read_bytes()).entries
    assert third in [entry.link for entry in entries]
    [entry] = [entry for entry in entries if entry.link == third]
    assert [(tag.term, tag.label) for tag in entry.tags] == [("doi-ngoai", "Foreign Affairs")]
    assert check_category_pages_match_feeds(feed_site, DEFAULT_FEED_SIZE) > DEFAULT_FEED_SIZE


def test_the_sample_sites_category_pages_and_feeds_hold_the_same_articles(sample_site):
    assert check_category_pages_match_feeds(sample_site, DEFAULT_FEED_SIZE) > 0


# -- links to the feeds ---------------------------------------------------------------------

def feed_links_of(page_file: Path) -> list[tuple[str, str]]:
    """(type, href) of the page's feed autodiscovery links."""
    tree = lxml_html.parse(str(page_file))
    return [(link.get("type"), link.get("href")) for link in tree.xpath("//head/link[@rel='alternate'][@type]")]


def resolve(site: Path, page_file: Path, href: str) -> Path:
    if href.startswith("/"):
        return site / href.lstrip("/")
    return (page_file.parent / href).resolve()


@pytest.mark.site_build
def test_every_page_links_its_language_feeds(feed_site):
    pages = list(feed_site.rglob("*.html"))
    assert len(pages) > 50
    for page_file in pages:
        rel = page_file.relative_to(feed_site).as_posix()
        first = rel.split("/", 1)[0]
        lang = first if first in CODES else DEFAULT
        links = feed_links_of(page_file)
        targets = {(kind, resolve(feed_site, page_file, href)) for kind, href in links}
        for kind, filename in (("application/rss+xml", "rss.xml"), ("application/atom+xml", "atom.xml")):
            assert (kind, (feed_site / url_prefix(lang) / filename).resolve()) in targets, f"{rel} lacks its {filename}"
        for _, target in targets:
            assert target.is_file(), f"{rel} links a missing feed {target}"
        footer = lxml_html.parse(str(page_file)).xpath("//footer//a[@type='application/rss+xml']/@href")
        assert [resolve(feed_site, page_file, href) for href in footer] == [(feed_site / url_prefix(lang) / "rss.xml").resolve()], rel


@pytest.mark.site_build
def test_category_pages_link_their_category_feeds(feed_site):
    for lang in CODES:
        for slug in load_categories(PROJECT / "docs"):
            page_file = feed_site / url_prefix(lang) / f"news/category/{slug}/index.html"
            category_feed = (page_file.parent / "rss.xml").resolve()
            links = {resolve(feed_site, page_file, href) for _, href in feed_links_of(page_file)}
            assert category_feed in links and (page_file.parent / "atom.xml").resolve() in links
            visible = lxml_html.parse(str(page_file)).xpath("//*[contains(@class,'portal-listing__feeds')]//a/@href")
            assert category_feed in {resolve(feed_site, page_file, href) for href in visible}
    # Other pages do not advertise a category's feed.
    assert len(feed_links_of(feed_site / "en/news/index.html")) == 2


@pytest.mark.site_build
def test_feed_links_are_visible_and_lead_to_the_feed(feed_site, page):
    with StaticServer(feed_site) as server:
        page.goto(server.url + "en/news/category/doi-ngoai/")
        category_link = page.locator(".portal-listing__feeds a[type='application/atom+xml']")
        assert category_link.is_visible()
        footer_link = page.locator("footer a[type='application/rss+xml']")
        footer_link.scroll_into_view_if_needed()
        assert footer_link.is_visible()
        response = page.request.get(server.url + "en/news/category/doi-ngoai/" + category_link.get_attribute("href"))
        parsed = feedparser.parse(response.body())
        assert parsed.feed.title.startswith("Foreign Affairs") and parsed.feed.language == "en"


# -- the project's own content --------------------------------------------------------------

def test_sample_site_feeds(sample_site):
    check_site_feeds(sample_site, sample_site.parent / "docs", DEFAULT_FEED_SIZE)


# -- pieces ---------------------------------------------------------------------------------

def test_absolute_html_resolves_against_the_article():
    html = '<p>A <a href="../other/">link</a>, <img alt="x" src="images/a.jpg"> and <a href="#n">a note</a>.</p><p>Á</p>'
    result = absolute_html(html, "https://example.org/en/news/2025/slug/")
    assert result == ('<p>A <a href="https://example.org/en/news/2025/other/">link</a>, '
                      '<img alt="x" src="https://example.org/en/news/2025/slug/images/a.jpg"> and '
                      '<a href="https://example.org/en/news/2025/slug/#n">a note</a>.</p><p>Á</p>')


def test_excerpt_cuts_words_where_there_are_words():
    assert excerpt("<h2>T</h2><p></p><p>First  para.</p><p>Second</p>") == "First para."
    words = excerpt("<p>" + "word " * 100 + "</p>", limit=22)
    assert words == "word word word word…"
    chinese = excerpt("<p>" + "海防市外事局" * 10 + "</p>", limit=8)
    assert chinese == "海防市外事局海防…"
