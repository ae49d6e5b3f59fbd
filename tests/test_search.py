"""Site search on the sample site: one Pagefind index per language, used through the header's
search dialog in real headless Chromium, the way a reader uses it (the "/" key, typing, arrows,
Enter)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import lxml.html
import pytest
import unicodedata

from portal.languages import CODES, DEFAULT
from portal.search.pagefind_index import EXCLUDED_SELECTORS

SEARCH_TIMEOUT_MS = 15_000

# A query in each language that only that language's sample content contains, and a page it
# must find. Chinese and Japanese words are taken from the middle of running text, where only
# word segmentation finds them.
OWN_LANGUAGE_QUERIES = {
    "vi": ("kiều bào Giáp Thìn", "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"),
    "en": ("overseas Vietnamese Lunar New Year", "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"),
    "ja": ("帰郷", "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"),
    "zh": ("侨胞", "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"),
    "ko": ("간담회", "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"),
}

# Words in a script (or character form) that no other language's content uses: searched from
# another language they must find nothing.
FOREIGN_QUERIES = {
    "vi": "간담회",      # Korean
    "en": "帰郷",        # Japanese (帰 is the Japanese form; Chinese writes 归)
    "ja": "侨胞",        # Simplified Chinese (Japanese writes 僑胞 / 同胞)
    "zh": "帰郷",
    "ko": "侨胞",
}


def site_path(lang: str, norm: str = "") -> str:
    return norm if lang == DEFAULT else f"{lang}/{norm}"


def html_files(site: Path):
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.relative_to(site).parts:
            continue
        yield path, path.read_text(encoding="utf-8")


def open_search(page, base: str, lang: str):
    page.goto(base + site_path(lang))
    page.wait_for_selector(".portal-search-open:not([hidden])")
    page.keyboard.press("/")
    page.wait_for_selector("#portal-search[open]")


def run_query(page, query: str) -> list[dict]:
    """Type the query into the open dialog and return the results the reader sees."""
    search_input = page.locator("#portal-search-input")
    search_input.fill("")
    search_input.type(query)
    page.wait_for_function(
        """(query) => {
            const dialog = document.getElementById("portal-search");
            return dialog.dataset.portalSearchAnswered === query && !dialog.hasAttribute("aria-busy");
        }""",
        arg=query, timeout=SEARCH_TIMEOUT_MS,
    )
    return page.evaluate(
        """() => [...document.querySelectorAll('#portal-search-results .portal-search__link')].map((link) => ({
            url: link.href,
            title: link.querySelector('.portal-search__title').textContent,
            meta: link.querySelector('.portal-search__meta')?.textContent || '',
            marks: [...link.querySelectorAll('mark')].map((mark) => mark.textContent),
            excerpt: link.querySelector('.portal-search__excerpt').textContent,
        }))"""
    )


def search(page, base: str, lang: str, query: str) -> list[dict]:
    open_search(page, base, lang)
    return run_query(page, query)


def path_of(url: str) -> str:
    return urlparse(url).path


def in_language(url: str, lang: str) -> bool:
    path = path_of(url)
    others = [code for code in CODES if code != DEFAULT]
    if lang == DEFAULT:
        return not any(path.startswith(f"/{code}/") for code in others)
    return path.startswith(f"/{lang}/")


# -- what the index holds (no browser) ---------------------------------------------------------

def test_one_index_per_language_with_only_content_pages(sample_site):
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == set(CODES)
    marked = {code: 0 for code in CODES}
    for path, html in html_files(sample_site):
        relative = path.relative_to(sample_site).as_posix()
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)
        indexed = "data-pagefind-body" in html
        if 'name="robots" content="noindex' in html:
            assert not indexed, f"{relative}: a 'not available in this language' page must stay out of search"
        norm = relative if lang == DEFAULT else relative.split("/", 1)[1]
        if re.fullmatch(r"news/(index\.html|page/.*|category/.*|\d{4}/(index\.html|page/.*))|404\.html", norm):
            assert not indexed, f"{relative}: listings and the 404 page must stay out of search"
        if re.fullmatch(r"news/\d{4}/[^/]+/index\.html", norm) and 'name="robots" content="noindex' not in html:
            assert indexed, f"{relative}: an article must be searchable"
        if indexed:
            marked[lang] += 1
    for code in CODES:
        assert entry["languages"][code]["page_count"] == marked[code], code


# -- in the browser --------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", CODES)
def test_each_language_finds_its_own_page_and_only_its_own(page, sample_server, lang):
    query, norm = OWN_LANGUAGE_QUERIES[lang]
    results = search(page, sample_server.url, lang, query)
    urls = [path_of(result["url"]) for result in results]
    assert "/" + site_path(lang, norm) in urls, f"{lang}: {query!r} gave {urls}"
    assert all(in_language(result["url"], lang) for result in results), urls
    hit = results[urls.index("/" + site_path(lang, norm))]
    assert hit["title"] and hit["marks"], hit
    assert hit["meta"], "an article's result line shows its kind and date"


@pytest.mark.browser
@pytest.mark.parametrize("lang", CODES)
def test_no_results_from_other_languages(page, sample_server, lang):
    results = search(page, sample_server.url, lang, FOREIGN_QUERIES[lang])
    assert results == []
    status = page.inner_text(".portal-search__status")
    assert FOREIGN_QUERIES[lang] in status, "the reader is told that nothing matched their query"


@pytest.mark.browser
def test_vietnamese_without_diacritics(page, sample_server):
    open_search(page, sample_server.url, "vi")
    tones = run_query(page, "kieu bao giap thin")
    assert "/" + OWN_LANGUAGE_QUERIES["vi"][1] in [path_of(r["url"]) for r in tones]
    assert {"kiều", "bào"} <= {mark.lower() for result in tones for mark in result["marks"]}
    # "d" typed on a phone finds "đ": "dang ky" highlights "đăng ký" in the text.
    registration = run_query(page, "dang ky")
    marks = {mark.lower().strip(".,:;") for result in registration for mark in result["marks"]}
    assert "đăng" in marks and "ký" in marks, marks
    assert all(in_language(result["url"], "vi") for result in registration)


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, in_text", [
    ("zh", "春节", "欢度2024甲辰年春节的海外越南人"),
    # The browser's word splitter cuts 欢度 into 欢 + 度 while the index holds 欢度 whole: the
    # dialog's literal fallback must still find it.
    ("zh", "欢度", "回乡欢度2024甲辰年春节"),
    ("ja", "在外", "帰郷した在外ベトナム人"),
    ("ja", "帰郷した", "旧正月に帰郷した在外ベトナム人"),
])
def test_chinese_and_japanese_words_inside_sentences(page, sample_server, lang, query, in_text):
    norm = OWN_LANGUAGE_QUERIES[lang][1]
    results = search(page, sample_server.url, lang, query)
    assert "/" + site_path(lang, norm) in [path_of(r["url"]) for r in results], (lang, results)
    assert all(in_language(r["url"], lang) for r in results)
    marked = "".join(mark for result in results for mark in result["marks"])
    assert query[:2] in marked, "the match is highlighted in the snippet"
    page.goto(sample_server.url + site_path(lang, norm))
    assert in_text in page.inner_text("article"), "the query is part of a longer run of text on the page"


@pytest.mark.browser
def test_procedure_found_by_its_code(page, sample_server, sample_site):
    procedures = []
    for path, html in html_files(sample_site):
        match = re.search(r'data-portal-search-code="([^"]+)"', html)
        if match:
            procedures.append((path.relative_to(sample_site).as_posix(), match.group(1),
                               re.search(r'<html lang="([^"]+)"', html).group(1)))
    if not procedures:
        pytest.skip("no procedure page carries a code yet (docs/procedures/*.md with `code`, issue 4)")
    relative, code, lang = procedures[0]
    results = search(page, sample_server.url, lang, code)
    expected = "/" + relative.removesuffix("index.html")
    assert path_of(results[0]["url"]) == expected, results[:3]
    assert code in results[0]["meta"], "a procedure's result line shows its code"


def fold(text: str) -> str:
    """Lower case, without tone and vowel marks, "đ" as "d": how the dialog compares words."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in text if not unicodedata.combining(char))


def folded_words(text: str) -> list[str]:
    return [word for word in (re.sub(r"^\W+|\W+$", "", fold(word)) for word in text.split()) if word]


def indexed_text(html: str) -> str:
    """The text of a page that Pagefind indexes: its data-pagefind-body element, without what
    is marked data-pagefind-ignore or left out by the indexer (portal/search/pagefind_index.py)."""
    document = lxml.html.fromstring(html)
    body = document.xpath("//*[@data-pagefind-body]")[0]
    left_out = [f'.//*[contains(concat(" ", @class, " "), " {selector.lstrip(".")} ")]' for selector in EXCLUDED_SELECTORS]
    for element in body.xpath(" | ".join([".//*[@data-pagefind-ignore]", ".//script", ".//style", ".//svg", *left_out])):
        element.drop_tree()
    return body.text_content()


def pages_with_phrase(site: Path, lang: str, query: str, last_may_begin: bool = False) -> set[str]:
    """The paths of the indexed pages of `lang` whose text has the query's words in sequence,
    folded (read from the built pages, not from the search engine); with `last_may_begin`, the
    last word may be the beginning of a longer one."""
    wanted = folded_words(query)

    def matches(words, start):
        here = words[start:start + len(wanted)]
        if len(here) < len(wanted) or here[:-1] != wanted[:-1]:
            return False
        return here[-1].startswith(wanted[-1]) if last_may_begin else here[-1] == wanted[-1]

    return {path for path, words in indexed_words(site, lang) if any(matches(words, start) for start in range(len(words)))}


@functools.cache
def indexed_words(site: Path, lang: str) -> tuple[tuple[str, list[str]], ...]:
    """(path, folded words of the indexed text) of every indexed page of `lang`."""
    pages = []
    for path, html in html_files(site):
        if f'<html lang="{lang}"' in html and "data-pagefind-body" in html:
            pages.append(("/" + path.relative_to(site).as_posix().removesuffix("index.html"), folded_words(indexed_text(html))))
    return tuple(pages)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["dang ky", "Đăng ký", "dai su quan", "ho chieu", "the abtc", "kieu bao", "hoa phuong do"])
def test_words_in_sequence_come_first(page, sample_server, sample_site, query):
    """A query typed with or without marks (d for đ) lists first the pages that have its words in
    sequence; in Vietnamese, pages where no two of its words stand side by side are left out."""
    with_phrase = pages_with_phrase(sample_site, "vi", query)
    assert with_phrase, f"the sample content has {query!r} somewhere"
    results = search(page, sample_server.url, "vi", query)
    urls = [path_of(result["url"]) for result in results]
    assert set(urls[:len(with_phrase)]) == with_phrase, (query, urls)
    wanted = folded_words(query)
    for result in results[:len(with_phrase)]:
        # The snippet shows the place where the words stand in sequence, and marks them.
        assert folded_words(" ".join(result["marks"])) == wanted, result
    if len(wanted) == 2:
        # Two syllables apart are other words: every result has them side by side (the second
        # may begin a longer word, as the reader may not have finished typing it).
        assert set(urls) <= pages_with_phrase(sample_site, "vi", query, last_may_begin=True), urls


@pytest.mark.browser
@pytest.mark.parametrize("lang", CODES)
def test_procedure_result_line_uses_the_page_labels(page, sample_server, sample_site, lang):
    """The result line of a procedure reads "Code label: code · Field label: field" with the very
    labels of the procedure page, and the snippet never runs a label into its value."""
    path = sample_site / site_path(lang, "procedures/abtc-doanh-nhan/index.html")
    document = lxml.html.fromstring(path.read_bytes())
    ids = [(dt.text_content().strip(), dt.getnext().text_content().strip())
           for dt in document.xpath('//dl[contains(@class, "portal-procedure__ids")]//dt')]
    (code_label, code), (field_label, field) = ids[:2]
    results = search(page, sample_server.url, lang, code)
    assert path_of(results[0]["url"]) == "/" + site_path(lang, "procedures/abtc-doanh-nhan/"), results[:2]
    meta = results[0]["meta"]
    assert f"{code_label}: {code}" in meta and f"{field_label}: {field}" in meta, meta
    for result in results:
        excerpt = result["excerpt"].replace("\u200b", "")
        assert code_label + code not in excerpt and field_label + field not in excerpt, excerpt


@pytest.mark.browser
def test_keyboard_only(page, sample_server):
    page.goto(sample_server.url + site_path("en"))
    opener = page.locator(".portal-search-open")
    opener.wait_for(state="visible")
    assert opener.get_attribute("aria-label") == "Search"
    # Tab reaches the button and Enter opens the dialog with the field focused.
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#portal-search[open]")
    assert page.evaluate("document.activeElement.id") == "portal-search-input"
    page.keyboard.press("Escape")
    page.wait_for_selector("#portal-search:not([open])", state="attached")
    assert page.evaluate("document.activeElement.classList.contains('portal-search-open')"), "focus returns to the button"
    # "/" opens it from anywhere; arrows move through the results and back, Enter follows one.
    results = search(page, sample_server.url, "en", "Lunar New Year")
    assert len(results) >= 2
    focused_url = "() => document.activeElement.href || document.activeElement.id"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused_url) == results[0]["url"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused_url) == results[1]["url"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused_url) == "portal-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url) == path_of(results[1]["url"])
    # Enter in the field, typed straight after the query, opens the best result.
    open_search(page, sample_server.url, "en")
    page.keyboard.type("Lunar New Year")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page.url) == path_of(results[0]["url"])


@pytest.mark.browser
def test_search_ui_speaks_the_page_language(page, sample_server):
    labels = {}
    for lang in CODES:
        open_search(page, sample_server.url, lang)
        labels[lang] = (page.get_attribute(".portal-search-open", "aria-label"),
                        page.get_attribute("#portal-search-input", "placeholder"),
                        page.inner_text("#portal-search-label"))
        results = run_query(page, OWN_LANGUAGE_QUERIES[lang][0])
        assert results
        status = page.inner_text(".portal-search__status")
        assert re.search(r"\d", status), status
        labels[lang] += (re.sub(r"\d+", "N", status),)
    assert len({labels[lang] for lang in CODES}) == len(CODES), labels


def test_pagefind_is_given_only_the_pages_it_indexes(tmp_path):
    from portal.search.pagefind_index import stage_indexed_pages

    site = tmp_path / "site"
    pages = {
        "index.html": '<main data-pagefind-body>home</main>',
        "news/2025/a/index.html": '<article data-pagefind-body data-pagefind-meta="kind:article">a</article>',
        "news/page/2/index.html": "<ol>a listing</ol>",
        "en/news/2025/a/index.html": '<p>not available in English</p>',
        "pagefind/fragment/x.html": "data-pagefind-body in an old bundle",
    }
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"<!doctype html><html><body>{text}</body></html>", encoding="utf-8")
    staged = tmp_path / "staged"
    assert stage_indexed_pages(site, staged) == 2
    found = sorted(path.relative_to(staged).as_posix() for path in staged.rglob("*") if path.is_file())
    assert found == ["index.html", "news/2025/a/index.html"]
    assert (staged / "news/2025/a/index.html").samefile(site / "news/2025/a/index.html"), "linked, not copied"
