"""Every value from front matter and site data is text on every page, feed and search record.

A project is built whose every text field (taken from the schemas, so a new field is covered
without touching this file), every category label and description and every value of
docs/_data/site.yml holds markup that would become live elements, break out of an attribute, or
run a script. The built HTML and feeds are parsed (not grepped): no element or script from input
may exist, while the text itself must still be shown. Chromium then loads the pages to make sure
nothing ran, and a hypothesis test feeds random text through the same build.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings, strategies as st
from lxml import etree, html as lxml_html
from PIL import Image

from portal.front_matter import parse_document, render_document
from portal.languages import CODES
from portal.content.translatable import text_fields_for
from portal.field_paths import iter_text_values, set_value
from sitebuild import build, copy_project

pytestmark = pytest.mark.site_build

ARTICLE_KEY = "news/2025/tin-thu-nghiem"
PROCEDURE = "abtc-doanh-nhan"
DOCUMENT = "ke-hoach-58-kh-nv-2025"
"""A document record in five languages (its kind's labels come from docs/_data too)."""
MARK = "data-pwn"
ARTICLE_LANGUAGES = ("vi", "en", "ja", "zh")
"""The article has no Korean version: /ko/ gets the 'not available' page listing the others' titles."""


def payload(field: str) -> str:
    """Markup that becomes a live `<i data-pwn>` element or runs a script wherever it is printed
    unescaped: in an element, in a double- or single-quoted attribute, in <title> or <textarea>."""
    push = f"(window.__pwned=window.__pwned||[]).push('{field}')"
    return (f'Tin {field} & <i {MARK}="{field}">x</i>"><i {MARK}="{field}">\'><i {MARK}=\'{field}\'>'
            f'</title></textarea><i {MARK}="{field}"><script>{push}</script>'
            f'<img src=x onerror="{push}"> &amp; &lt;b&gt;')


def _replace_strings(node, make, path=""):
    """Every string leaf of a YAML tree replaced by `make(path)`, except slugs and links (checked
    elsewhere: they must be addresses, not text)."""
    if isinstance(node, dict):
        return {key: (value if key in ("slug", "url", "national_public_service_portal")
                      else _replace_strings(value, make, f"{path}.{key}" if path else str(key)))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_replace_strings(item, make, f"{path}[{index}]") for index, item in enumerate(node)]
    if isinstance(node, str):
        return make(path)
    return node


def hostile_project(root: Path, text_for) -> Path:
    """A small project whose every text value is `text_for(name of the value)`."""
    project = copy_project(root, with_content=False)
    docs = project / "docs"
    data = docs / "_data"
    for name in ("categories.yml", "site.yml", "document-vocabulary.yml"):
        tree = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        replaced = _replace_strings(tree, lambda path, name=name: text_for(f"{name}:{path}"))
        (data / name).write_text(yaml.safe_dump(replaced, allow_unicode=True, sort_keys=False), encoding="utf-8")

    image = docs / "news" / "2025" / "images" / "lead.jpg"
    image.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, "JPEG")
    image.write_bytes(buffer.getvalue())
    for lang in ARTICLE_LANGUAGES:
        meta = {"title": "", "date": "2025-03-05", "categories": ["doi-ngoai", "thong-bao"],
                "summary": "", "image": "images/lead.jpg", "image_alt": ""}
        for location, _ in list(iter_text_values(meta, text_fields_for(ARTICLE_KEY + ".md"))):
            set_value(meta, location, text_for(f"news.{lang}.{location[0]}"))
        body = f"Nội dung bài viết ({lang}).\n\n## Mục & phần 1 < 2\n\nĐoạn văn.\n"
        (docs / f"{ARTICLE_KEY}.{lang}.md").write_text(render_document(meta, body), encoding="utf-8")

    # A page whose title is its first heading (no `title:`), with a table of contents.
    (docs / "huong-dan.vi.md").write_text("# Hỏi & đáp < 1\n\nMở đầu.\n\n## Phần A & B\n\nA.\n\n## Phần <em>C</em>\n\nC.\n",
                                          encoding="utf-8")
    for lang in CODES:
        path = docs / "procedures" / f"{PROCEDURE}.{lang}.md"
        document = parse_document(path.read_text(encoding="utf-8"))
        meta = copy.deepcopy(document.meta)
        for location, _ in list(iter_text_values(meta, text_fields_for(f"procedures/{PROCEDURE}.md"))):
            set_value(meta, location, text_for(f"procedure.{lang}." + ".".join(map(str, location))))
        path.write_text(render_document(meta, document.body), encoding="utf-8")
    for lang in CODES:
        path = docs / "documents" / f"{DOCUMENT}.{lang}.md"
        document = parse_document(path.read_text(encoding="utf-8"))
        meta = copy.deepcopy(document.meta)
        for location, _ in list(iter_text_values(meta, text_fields_for(f"documents/{DOCUMENT}.md"))):
            set_value(meta, location, text_for(f"document.{lang}." + ".".join(map(str, location))))
        path.write_text(render_document(meta, document.body), encoding="utf-8")
    return project


def live_markup(html_text: str) -> list[str]:
    """Elements and scripts in a page that came from input rather than from the templates."""
    root = lxml_html.document_fromstring(html_text)
    found = [etree.tostring(element, encoding="unicode")[:120] for element in root.iter() if
             isinstance(element.tag, str) and (MARK in element.attrib or "onerror" in element.attrib)]
    for script in root.iter("script"):
        text = script.text or ""
        if (script.get("type") or "").strip().lower() in JAVASCRIPT_TYPES:
            if "__pwned" in text:
                found.append(text[:120])
        else:
            # A data block (Material's configuration, the breadcrumbs' JSON-LD) never runs; input
            # in it is live only if it ended the element early, and then what is left is not JSON.
            try:
                json.loads(text)
            except ValueError:
                found.append(text[:120])
    return found


JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def feed_html_parts(feed: Path) -> list[str]:
    """The parts of a feed that readers treat as HTML: RSS descriptions and content, Atom
    summaries and content of type html."""
    tree = etree.parse(str(feed))
    parts = [element.text or "" for element in tree.iter("description", "{*}encoded")]
    parts += [element.text or "" for element in tree.iter("{http://www.w3.org/2005/Atom}summary",
                                                            "{http://www.w3.org/2005/Atom}content")
              if element.get("type") == "html"]
    return parts


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = hostile_project(tmp_path_factory.mktemp("hostile"), payload)
    result = build(project)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return project / "site"


def test_no_markup_from_content_or_site_data_is_live_on_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert live_markup(page.read_text(encoding="utf-8")) == [], page.relative_to(hostile_site)


def test_the_hostile_text_is_shown_as_text(hostile_site):
    """Escaping must not lose the text: the article's headline and summary show the characters."""
    stand_in = lxml_html.parse(str(hostile_site / "ko/news/2025/tin-thu-nghiem/index.html")).getroot()
    titles = [span.text_content() for span in stand_in.xpath("//ul[@class='portal-missing__versions']//span")]
    assert titles == [payload(f"news.{lang}.title") for lang in ARTICLE_LANGUAGES]
    for lang in ARTICLE_LANGUAGES:
        prefix = "" if lang == "vi" else f"{lang}/"
        page = hostile_site / prefix / "news/2025/tin-thu-nghiem/index.html"
        root = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
        heading = root.get_element_by_id("portal-article-title").text_content()
        assert heading == payload(f"news.{lang}.title")
        title = root.find(".//title").text_content()
        assert title.startswith(payload(f"news.{lang}.title"))
        og_title = root.xpath("//meta[@property='og:title']/@content")
        assert og_title == [payload(f"news.{lang}.title")]
        image = root.xpath("//figure[contains(@class, 'portal-article__image')]//img/@alt")
        assert image == [payload(f"news.{lang}.image_alt")]
    for lang in CODES:
        prefix = "" if lang == "vi" else f"{lang}/"
        procedure = hostile_site / prefix / f"procedures/{PROCEDURE}/index.html"
        root = lxml_html.document_fromstring(procedure.read_text(encoding="utf-8"))
        assert root.get_element_by_id("portal-procedure-title").text_content() == payload(f"procedure.{lang}.title")
        # The header names the department, not the page (overrides/partials/header.html).
        assert payload(f"procedure.{lang}.title") not in root.xpath("//header")[0].text_content()
        document = hostile_site / prefix / f"documents/{DOCUMENT}/index.html"
        root = lxml_html.document_fromstring(document.read_text(encoding="utf-8"))
        assert root.get_element_by_id("portal-document-title").text_content() == payload(f"document.{lang}.title")
        files = root.xpath("//ul[contains(@class, 'portal-document__files')]//a")
        assert [link.text_content() for link in files] == [payload(f"document.{lang}.files.0.title")]
        listing = lxml_html.document_fromstring((hostile_site / prefix / "documents/index.html").read_text(encoding="utf-8"))
        assert payload(f"document.{lang}.title") in [a.text_content() for a in listing.xpath("//ol//h2/a")]


def test_headings_of_the_trusted_body_are_not_escaped_twice(hostile_site):
    """The Markdown body is trusted HTML: its headings keep their entities once (`&` shows as
    `&`, not as `&amp;`), in the text and in the table of contents."""
    page = hostile_site / "news/2025/tin-thu-nghiem/index.html"
    root = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    assert [h.text_content() for h in root.iter("h2") if "Mục" in h.text_content()] == ["Mục & phần 1 < 2"]
    page = hostile_site / "huong-dan/index.html"
    root = lxml_html.document_fromstring(page.read_text(encoding="utf-8"))
    assert root.find(".//title").text_content().startswith("Hỏi & đáp < 1 - ")
    assert [h.text_content() for h in root.iter("h1")] == ["Hỏi & đáp < 1"]
    toc = [" ".join(link.text_content().split()) for link in root.xpath("//nav[contains(@class, 'md-nav--secondary')]//a")]
    assert toc == ["Phần A & B", "Phần C"]


def test_no_markup_from_content_is_live_in_feeds(hostile_site):
    feeds = sorted(hostile_site.rglob("rss.xml")) + sorted(hostile_site.rglob("atom.xml"))
    assert len(feeds) >= 2 * len(CODES)
    checked = 0
    for feed in feeds:
        for part in feed_html_parts(feed):
            if part.strip():
                checked += 1
                fragment = lxml_html.fragment_fromstring(part, create_parent="div")
                assert not [element for element in fragment.iter() if MARK in element.attrib or element.tag == "script"], feed
    assert checked > 0
    import feedparser

    parsed = feedparser.parse(str(hostile_site / "ja" / "rss.xml"))
    assert parsed.entries[0].title == payload("news.ja.title")
    documents = feedparser.parse(str(hostile_site / "ja" / "documents" / "rss.xml"))
    assert any(payload("document.ja.title") in entry.title for entry in documents.entries)


@pytest.mark.browser
def test_nothing_from_input_runs_in_chromium(hostile_site, page):
    from sitebuild import StaticServer

    with StaticServer(hostile_site) as server:
        for path in ("", "news/2025/tin-thu-nghiem/", "news/category/doi-ngoai/", "ja/news/2025/tin-thu-nghiem/",
                     "ko/news/2025/tin-thu-nghiem/", f"ko/procedures/{PROCEDURE}/", "procedures/", "zh/news/",
                     "en/404.html", "ja/procedures/print/", f"ko/documents/{DOCUMENT}/", "zh/documents/"):
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned || []") == [], path
        # Search results show the stored title as text.
        page.goto(server.url + "ja/news/")
        page.keyboard.press("/")
        page.fill("#portal-search-input", "news.ja.title")
        page.wait_for_selector(".portal-search__results li", timeout=10000)
        first = page.inner_text(".portal-search__results li")
        assert f'<i {MARK}="news.ja.title">' in first
        assert page.evaluate("window.__pwned || []") == []


# -- random text -----------------------------------------------------------------------------------

field_text = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("<>&\"'`=/\\{}%#:-[]!|*\x07\x1b\u2028\ufeff")),
    min_size=1, max_size=40,
).map(lambda text: text.strip() or "x")


# Each example builds a site (about 2 s): a few examples, and no shrinking (minutes of builds);
# a failure prints the drawn values, which is enough to reproduce it.
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_text_in_every_field_stays_text(tmp_path_factory, data):
    chosen: dict[str, str] = {}

    def text_for(name: str) -> str:
        if name not in chosen:
            chosen[name] = data.draw(field_text, label=name) + f' <i {MARK}="{len(chosen)}">"\''
        return chosen[name]

    project = hostile_project(tmp_path_factory.mktemp("random"), text_for)
    config = project / "mkdocs.yml"
    # The search index is checked above; without it each example builds in half the time.
    config.write_text(config.read_text(encoding="utf-8").replace(
        "home_latest: 6", "home_latest: 6\n      search_index: false"), encoding="utf-8")
    result = build(project)
    event("refused by the checks" if result.returncode else "built")
    if result.returncode != 0:
        # Text the content checks refuse (a title of only spaces...) must be refused with a
        # message naming the file, never a traceback.
        assert "Traceback" not in result.stderr, result.stderr
        assert ".md:" in result.stderr or ".yml" in result.stderr, result.stderr
        return
    for page in (project / "site").rglob("*.html"):
        assert live_markup(page.read_text(encoding="utf-8")) == [], page


@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/relative", "ftp://x.gov.vn/"])
def test_a_link_in_site_data_must_be_a_web_address(tmp_path, address):
    from portal.cli import main

    project = copy_project(tmp_path, with_content=False)
    site_yml = project / "docs" / "_data" / "site.yml"
    info = yaml.safe_load(site_yml.read_text(encoding="utf-8"))
    info["related_agencies"][0]["url"] = address
    site_yml.write_text(yaml.safe_dump(info, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["check", "--docs", str(project / "docs")]) == 1
    result = build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "site.yml" in result.stderr and "related_agencies[0].url" in result.stderr
