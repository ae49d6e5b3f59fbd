"""Quality gate: the layout readers see, on the built sample site, in all five languages.

- Phones: no page is wider than a 320 or 390 px screen (only wide tables and code may scroll
  inside their own box); the department's full name shows in the header; the home page's first
  screen has the procedures entry and the news; procedure tables become one card per row; the
  QR code that says "scan with your phone" is not shown on the phone (but is printed).
- Hierarchy: headings heavier than the summaries under them; lists show the lead photos as
  thumbnails; the tab of the page's section and the current language are marked.
- Words: the footer's legal line in the page's language; the emblem is not called "logo"; dates
  in Vietnamese as 24/12/2025; the portal's fonts applied; no slanted (synthetic italic) CJK.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import lxml.html
import pytest

from portal.content.news import load_news
from portal.languages import BY_CODE, CODES
from portal.pages.listings import publication_years
from portal.procedures.model import load_procedures
from portal.content.site_data import load_site_info, localized, translate_ui
from sitebuild import PROJECT
from sitepages import PAGE_KINDS, page_path, prefix

SITE_INFO = load_site_info(PROJECT / "docs")
PROCEDURES, _ = load_procedures(PROJECT / "docs")
PHONE_HEIGHT = 844
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def tree_of(site: Path, path: str):
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return lxml.html.fromstring(file.read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    return " ".join(text.split())


def department(lang: str) -> str:
    """The department's name in `lang` (also the site's name in mkdocs.yml)."""
    return localized(SITE_INFO["department"], lang)


def html_pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        if "pagefind" not in page.parts and "assets" not in page.parts:
            yield page


# -- no page wider than a phone ------------------------------------------------------------------

OVERFLOW_PROBE = """(width) => {
  const scrolls = (e) => /(auto|scroll)/.test(getComputedStyle(e).overflowX);
  const hidden = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const s = getComputedStyle(n), r = n.getBoundingClientRect();
      if (s.display === "none" || s.visibility === "hidden") return true;
      if (r.width <= 1 && r.height <= 1 && s.overflow !== "visible") return true;  // visually hidden
    }
    return false;
  };
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const offenders = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 0.5) continue;
    if (offenders.some((o) => o.element.contains(e))) continue;
    let inScrollBox = false;
    for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
      if (scrolls(n) && n.getBoundingClientRect().right <= width + 0.5) { inScrollBox = true; break; }
    }
    if (inScrollBox || hidden(e)) continue;
    offenders.push({element: e, right: Math.round(r.right)});
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
          offenders: offenders.map((o) => `${describe(o.element)} reaches ${o.right}px: ${(o.element.innerText || "").slice(0, 50)}`)};
}"""


PHONE_WIDTHS = (320, 390)


@pytest.fixture(scope="module", params=PHONE_WIDTHS)
def phone(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": PHONE_HEIGHT}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    tab = context.new_page()
    yield request.param, tab
    context.close()


@pytest.fixture(scope="module")
def phone_tab(browser):
    context = browser.new_context(viewport={"width": PHONE_WIDTHS[0], "height": PHONE_HEIGHT}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", CODES)
def test_no_page_is_wider_than_a_phone(sample_site, sample_server, phone_tab, lang):
    """Each page is opened on a 320 px phone, then the phone is turned wider (390 px), as a
    reader's would be: one load per page, both widths measured."""
    problems, seen = [], []
    for kind in PAGE_KINDS:
        path = page_path(sample_site, kind, lang)
        if path is None:
            continue
        seen.append(kind)
        phone_tab.set_viewport_size({"width": PHONE_WIDTHS[0], "height": PHONE_HEIGHT})
        phone_tab.goto(sample_server.url + path)
        for width in PHONE_WIDTHS:
            phone_tab.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
            result = phone_tab.evaluate(OVERFLOW_PROBE, width)
            if result["scrollWidth"] > width or result["innerWidth"] > width or result["offenders"]:
                problems.append(f"{width}px /{path} ({kind}): page {result['scrollWidth']}px wide, viewport "
                                f"{result['innerWidth']}px; " + "; ".join(result["offenders"][:5]))
    expected = set(PAGE_KINDS) - ({"stand-in"} if lang == "vi" else set())
    assert set(seen) == expected, f"page types not found in {lang}: {expected - set(seen)}"
    assert not problems, f"{lang}:\n" + "\n".join(problems)


def test_the_overflow_probe_finds_a_wide_element_and_accepts_a_scrolling_table(page):
    page.set_viewport_size({"width": 320, "height": 600})
    page.set_content('<body style="margin:0"><div style="overflow-x:auto"><table><tr><td style="min-width:900px">wide'
                     '</td></tr></table></div><p style="width:500px">too wide</p></body>')
    result = page.evaluate(OVERFLOW_PROBE, 320)
    assert [offender.split(" reaches")[0] for offender in result["offenders"]] == ["p"]


# -- header: the department's full name, the languages as words --------------------------------

NAME_PROBE = """() => {
  const name = document.querySelector(".portal-brand__name");
  if (!name) return null;
  const r = name.getBoundingClientRect(), s = getComputedStyle(name);
  const clipped = [];
  for (let n = name; n && n !== document.body; n = n.parentElement) {
    const box = n.getBoundingClientRect(), style = getComputedStyle(n);
    if (style.textOverflow === "ellipsis" && style.overflow !== "visible") clipped.push("ellipsis on " + n.className);
    if (style.overflow !== "visible" && (box.right < r.right - 0.5 || box.bottom < r.bottom - 0.5 || box.left > r.left + 0.5))
      clipped.push("cut by " + n.className);
  }
  return {text: name.innerText.trim(), fits: name.scrollWidth <= name.clientWidth + 0.5, right: r.right,
          lines: Math.round(r.height / parseFloat(s.lineHeight)), clipped};
}"""


@pytest.mark.parametrize("lang", CODES)
def test_the_department_name_is_shown_in_full_on_a_phone(sample_site, sample_server, phone, lang):
    width, tab = phone
    tab.goto(sample_server.url + prefix(lang))
    name = tab.evaluate(NAME_PROBE)
    assert name is not None, "no department name in the header"
    assert name["text"] == department(lang)
    assert name["fits"] and name["right"] <= width and not name["clipped"], name
    if width >= 390:
        assert name["lines"] <= 2, name


@pytest.mark.parametrize("lang", CODES)
def test_the_languages_are_words_and_the_current_one_is_marked(sample_site, lang):
    for kind in PAGE_KINDS:
        path = page_path(sample_site, kind, lang)
        if path is None:
            continue
        tree = tree_of(sample_site, path) if kind != "404" else tree_of(sample_site, f"{prefix(lang)}404.html")
        bar = tree.xpath("//nav[contains(@class, 'portal-languages')]")
        assert len(bar) == 1 and bar[0].get("aria-label") == translate_ui(lang, "language.label"), f"/{path}"
        links = bar[0].xpath(".//a")
        assert [squeeze(a.text_content()) for a in links] == [BY_CODE[code].native_name for code in CODES], f"/{path}"
        assert [a.get("hreflang") for a in links] == list(CODES) and [a.get("lang") for a in links] == list(CODES)
        current = [a.get("hreflang") for a in links if a.get("aria-current")]
        assert current == [lang], f"/{path}: aria-current on {current}"


@pytest.mark.parametrize("width", (390, 1366))
def test_the_language_names_are_visible_and_the_current_one_stands_out_without_colour(sample_site, sample_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        for lang in CODES:
            tab.goto(sample_server.url + prefix(lang))
            links = tab.evaluate("""() => [...document.querySelectorAll('.portal-languages a')].map((a) => {
                const r = a.getBoundingClientRect(), s = getComputedStyle(a);
                return {text: a.innerText.trim(), current: a.hasAttribute('aria-current'), weight: +s.fontWeight,
                        underline: parseFloat(s.borderBottomWidth) > 0 && s.borderBottomColor !== 'rgba(0, 0, 0, 0)',
                        visible: r.width > 0 && r.height > 0 && r.right <= innerWidth && r.bottom <= innerHeight}; })""")
            assert [link["text"] for link in links] == [BY_CODE[code].native_name for code in CODES]
            assert all(link["visible"] for link in links), links
            current = [link for link in links if link["current"]]
            others = [link for link in links if not link["current"]]
            assert len(current) == 1 and current[0]["weight"] >= 700 and current[0]["underline"], links
            assert all(link["weight"] < 700 and not link["underline"] for link in others), links
    finally:
        context.close()


# -- home page: the first screen of a phone --------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_the_home_pages_first_screen_on_a_phone_has_the_procedures_entry_and_the_news(sample_server, browser, lang):
    context = browser.new_context(viewport={"width": 390, "height": PHONE_HEIGHT}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(sample_server.url + prefix(lang))
        found = tab.evaluate("""() => {
            const entry = document.querySelector('.md-content a[href$="procedures/"].md-button');
            const news = document.querySelector('#portal-latest');
            const first = document.querySelector('.portal-home__news .portal-card__title');
            const box = (e) => e && e.getBoundingClientRect();
            return {entry: entry && box(entry).bottom, entryText: entry && entry.innerText.trim(),
                    news: news && box(news).bottom, first: first && box(first).top, height: innerHeight}; }""")
        assert found["entry"] is not None and found["entry"] <= found["height"], found
        assert found["entryText"] == translate_ui(lang, "home.procedures_link")
        assert found["news"] is not None and found["news"] <= found["height"], found
        assert found["first"] is not None and found["first"] < found["height"], "the first headline starts on the first screen"
    finally:
        context.close()


# -- hierarchy: headings heavier than summaries; thumbnails ----------------------------------------

WEIGHTS = """([title, summary]) => [...document.querySelectorAll(title)].map((t) => {
  const holder = t.closest('li, section, article');
  const s = holder && holder.querySelector(summary);
  return s && [+getComputedStyle(t).fontWeight, +getComputedStyle(t.querySelector('a') || t).fontWeight,
               +getComputedStyle(s).fontWeight, parseFloat(getComputedStyle(t).fontSize), parseFloat(getComputedStyle(s).fontSize)];
}).filter(Boolean)"""


@pytest.mark.parametrize("kind, title, summary", [
    ("home", ".portal-card__title", ".portal-card__summary"),
    ("news", ".portal-card__title", ".portal-card__summary"),
    ("category", ".portal-card__title", ".portal-card__summary"),
    ("procedures", ".portal-procedure-card__title", ".portal-procedure-card__summary"),
    ("documents", ".portal-document-card__title", ".portal-document-card__summary"),
    ("desk", ".portal-desk-sheet__title", ".portal-desk-sheet__summary"),
])
@pytest.mark.parametrize("lang", ("vi", "ja"))
def test_titles_are_heavier_than_the_summaries_under_them(sample_site, sample_server, page, kind, title, summary, lang):
    page.goto(sample_server.url + page_path(sample_site, kind, lang))
    pairs = page.evaluate(WEIGHTS, [title, summary])
    assert pairs, f"no {title} with {summary}"
    for title_weight, link_weight, summary_weight, title_size, summary_size in pairs:
        assert title_weight > summary_weight and link_weight > summary_weight, pairs
        assert title_size >= summary_size, pairs
    h1, lead = page.evaluate("""() => [+getComputedStyle(document.querySelector('.md-content h1')).fontWeight,
                                      +getComputedStyle(document.querySelector('.md-content p')).fontWeight]""")
    assert h1 >= 700 > lead


def test_cards_of_articles_with_a_lead_photo_show_its_thumbnail(sample_site):
    checked_with, checked_without = 0, 0
    for page in html_pages(sample_site):
        tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        for card in tree.xpath("//li[contains(concat(' ', @class, ' '), ' portal-card ')]"):
            link = card.xpath(".//h2[contains(@class, 'portal-card__title')]/a")[0]
            article = (page.parent / link.get("href")).resolve() / "index.html"
            has_photo = bool(lxml.html.fromstring(article.read_text(encoding="utf-8")).xpath("//meta[@property='og:image']"))
            images = card.xpath(".//img")
            where = f"{page.relative_to(sample_site)}: card of {link.get('href')}"
            if not has_photo:
                assert not images, where
                checked_without += 1
                continue
            assert len(images) == 1, where
            image = images[0]
            assert image.get("alt") == "", f"{where}: decorative (the headline is the link): alt=\"\""
            assert image.get("loading") == "lazy" and image.get("decoding") == "async", where
            assert int(image.get("width")) > 0 and int(image.get("height")) > 0, where
            candidates = [entry.split() for entry in image.get("srcset").split(",")]
            assert len(candidates) >= 2 and all(re.fullmatch(r"\d+w", width) for _, width in candidates), where
            for src in [image.get("src")] + [path for path, _ in candidates]:
                assert re.search(r"-\d+w\.(jpe?g|png|webp)$", src), f"{where}: {src} is not a web-sized variant"
                assert (page.parent / src).resolve().is_file(), f"{where}: {src} missing"
            assert squeeze(link.text_content()), where
            checked_with += 1
    assert checked_with >= 20 and checked_without >= 100, (checked_with, checked_without)


# -- the section's tab -----------------------------------------------------------------------------

SECTION_OF = {"home": "nav.home", "news": "nav.news", "category": "nav.news", "year": "nav.news",
              "news-page-2": "nav.news", "article": "nav.news", "stand-in": "nav.news", "about": "nav.about",
              "procedures": "nav.procedures", "procedure": "nav.procedures", "desk": "nav.procedures",
              "documents": "nav.documents", "document": "nav.documents"}


@pytest.mark.parametrize("lang", CODES)
def test_the_tab_of_the_pages_section_is_marked(sample_site, lang):
    for kind, label in SECTION_OF.items():
        path = page_path(sample_site, kind, lang)
        if path is None:
            continue
        tree = tree_of(sample_site, path)
        active = tree.xpath("//li[contains(@class, 'md-tabs__item--active')]/a")
        assert [squeeze(a.text_content()) for a in active] == [translate_ui(lang, label)], f"/{path} ({kind})"
        own_page = kind in ("home", "news", "about", "procedures", "documents")
        assert active[0].get("aria-current") == ("page" if own_page else "true"), f"/{path} ({kind})"
        assert len(tree.xpath("//*[contains(@class, 'md-tabs')]//a[@aria-current]")) == 1, f"/{path}"
        # The navigation drawer, a phone's menu, marks the same entry.
        drawer = tree.xpath("//nav[contains(@class, 'md-nav--primary')]//a[contains(@class, 'md-nav__link--active')]")
        assert [squeeze(a.text_content()) for a in drawer] == [translate_ui(lang, label)], f"/{path} ({kind}): drawer"
    assert not tree_of(sample_site, f"{prefix(lang)}404.html").xpath("//a[@aria-current][contains(@class, 'md-tabs__link')]")


@pytest.mark.parametrize("lang", ("vi", "ko"))
def test_the_current_category_and_year_are_marked_visibly(sample_site, sample_server, page, lang):
    for kind in ("category", "year"):
        path = page_path(sample_site, kind, lang)
        page.goto(sample_server.url + path)
        marked = page.evaluate("""(here) => [...document.querySelectorAll('.portal-listing__aside a')].map((a) => ({
            current: a.getAttribute('aria-current'), weight: +getComputedStyle(a).fontWeight,
            bar: getComputedStyle(a).borderLeftColor, matches: a.href === here}))""", sample_server.url + path)
        current = [link for link in marked if link["current"]]
        assert len(current) == 1 and current[0]["matches"] and current[0]["current"] == "page", marked
        others = [link for link in marked if not link["current"]]
        assert current[0]["weight"] >= 700 and all(link["weight"] < 700 for link in others)
        assert all(link["bar"] != current[0]["bar"] for link in others), "the bar marks it too"


# -- words: footer, emblem, dates ---------------------------------------------------------------

@pytest.mark.parametrize("lang", CODES)
def test_the_footer_legal_line_is_in_the_pages_language(sample_site, lang):
    # The year of the newest published article (the content's, not the machine clock's).
    year = publication_years(load_news(PROJECT / "docs")[0])[0]
    expected = translate_ui(lang, "footer.copyright", year=year, department=department(lang))
    for kind in ("home", "article", "procedure", "404"):
        path = page_path(sample_site, kind, lang)
        tree = tree_of(sample_site, path) if kind != "404" else tree_of(sample_site, f"{prefix(lang)}404.html")
        legal = squeeze(tree.xpath("//*[contains(@class, 'portal-footer__legal')]/p")[0].text_content())
        assert legal == expected, f"/{path}"
        if lang != "en":
            assert "reserved" not in legal.lower(), f"/{path}: {legal}"


def test_the_emblem_is_not_called_logo_and_its_links_are_named(sample_site):
    pages = 0
    for page in html_pages(sample_site):
        tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        assert not tree.xpath("//img[@alt='logo']"), page
        for image in tree.xpath("//a[contains(@class, 'md-logo') or contains(@class, 'portal-brand')]//img"):
            link = image.xpath("ancestor::a[1]")[0]
            assert image.get("alt") == "", f"{page}: the link names the department; the emblem is decorative"
            name = link.get("aria-label") or squeeze(link.text_content())
            assert name == department(tree.get("lang")), f"{page}: link named {name!r}"
        pages += 1
    assert pages > 100


def test_dates_are_written_as_each_language_writes_them(sample_site):
    patterns = {"vi": r"\d{2}/\d{2}/\d{4}", "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}", "ja": r"\d{4}年\d{1,2}月\d{1,2}日",
                "zh": r"\d{4}年\d{1,2}月\d{1,2}日", "ko": r"\d{4}년 \d{1,2}월 \d{1,2}일"}
    counted = {lang: 0 for lang in CODES}
    for lang in CODES:
        for kind in ("home", "news", "article", "procedure", "stand-in"):
            path = page_path(sample_site, kind, lang)
            if path is None:
                continue
            for time in tree_of(sample_site, path).xpath("//div[contains(@class, 'md-content')]//time"):
                assert re.fullmatch(patterns[lang], squeeze(time.text_content())), f"/{path}: {time.text_content()!r}"
                counted[lang] += 1
    assert all(count >= 8 for count in counted.values()), counted


# -- the lead photo once ----------------------------------------------------------------------------

VARIANT = re.compile(r"-\d+w(\.[A-Za-z0-9]+)$")


def test_no_article_shows_its_lead_photo_twice(sample_site):
    dropped, kept = 0, 0
    for page in html_pages(sample_site):
        tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        article = tree.xpath("//article[contains(@class, 'portal-article')]")
        if not article:
            continue
        shown = [VARIANT.sub(r"\1", posixpath.normpath(posixpath.join(page.parent.as_posix(), image.get("src"))))
                 for image in article[0].xpath(".//img[@src]") if not image.get("src").startswith(("http", "data:"))]
        assert len(shown) == len(set(shown)), f"{page.relative_to(sample_site)}: {shown}"
        if tree.xpath("//meta[@property='og:image']"):
            if article[0].xpath(".//figure[contains(@class, 'portal-article__image')]"):
                kept += 1
            else:
                dropped += 1
    assert dropped >= 4 and kept >= 4, "the sample has articles with their photo in the text, and without"


# -- fonts and CJK italics -----------------------------------------------------------------------

FONTS = {"vi": "Noto Sans", "en": "Noto Sans", "ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR"}


@pytest.mark.parametrize("lang", CODES)
def test_the_portals_fonts_are_applied(sample_site, sample_server, page, lang):
    page.goto(sample_server.url + page_path(sample_site, "article", lang))
    families = page.evaluate("""() => ['body', '.md-typeset p', '.portal-brand__name', '.md-tabs__link']
        .map((s) => getComputedStyle(document.querySelector(s)).fontFamily)""")
    for family in families:
        assert f'"{FONTS[lang]}"' in family, families


ITALIC_PROBE = """() => [...document.querySelectorAll('body *')].filter((e) => {
  const s = getComputedStyle(e);
  if (s.fontStyle === 'normal' || !e.textContent.trim() || !e.getClientRects().length) return false;
  const lang = (e.closest('[lang]') || document.documentElement).getAttribute('lang');
  return /^(ja|zh|ko)/.test(lang);
}).map((e) => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("lang", ("ja", "zh", "ko"))
def test_no_cjk_text_is_slanted(sample_site, sample_server, page, lang):
    for kind in ("procedure", "article", "about", "home"):
        page.goto(sample_server.url + page_path(sample_site, kind, lang))
        assert page.evaluate(ITALIC_PROBE) == [], kind
        if kind == "procedure":
            assert page.evaluate("getComputedStyle(document.querySelector('.portal-qr figcaption')).fontStyle") == "normal"


# -- procedures on a phone -------------------------------------------------------------------------

QR_SHOWN = """(selector) => [...document.querySelectorAll(selector)].map((e) => {
  const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 50 && r.height > 50; })"""


@pytest.mark.parametrize("kind, selector", [("procedure", ".portal-procedure__key .portal-qr"),
                                            ("desk", ".portal-desk-sheet__qr")])
def test_the_qr_code_is_left_out_on_a_phone_but_printed(sample_site, sample_server, browser, kind, selector):
    for width, expected in ((390, False), (1366, True)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            for lang in ("vi", "ja"):
                tab.goto(sample_server.url + page_path(sample_site, kind, lang))
                shown = tab.evaluate(QR_SHOWN, selector)
                assert shown and all(value is expected for value in shown), (width, lang, shown)
                tab.emulate_media(media="print")
                assert all(tab.evaluate(QR_SHOWN, selector)), f"{width}px, {lang}: the printed page has the QR code"
                tab.emulate_media(media="screen")
        finally:
            context.close()


STACKED = """() => [...document.querySelectorAll('.portal-procedure table')].map((table) => {
  const box = table.closest('.portal-table-scroll');
  return {rows: [...table.tBodies[0].rows].map((row) => getComputedStyle(row).display),
          fits: box.scrollWidth <= box.clientWidth + 1 && table.getBoundingClientRect().right <= innerWidth,
          labels: [...table.querySelectorAll('td[data-label]')].map((cell) => {
            const before = getComputedStyle(cell, '::before').content;
            return before.includes(cell.dataset.label); }),
          header: table.tHead.getBoundingClientRect().height};
})"""


@pytest.mark.parametrize("lang", CODES)
def test_procedure_tables_are_cards_on_a_phone_and_tables_on_a_desktop(sample_site, sample_server, browser, lang):
    path = page_path(sample_site, "procedure", lang)
    semantics = {}
    for width in (390, 1366):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            tab.goto(sample_server.url + path)
            tables = tab.evaluate(STACKED)
            # What screen readers get: the same tables, rows, headers and cells at both widths.
            nodes = context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
            roles = [node["role"]["value"] for node in nodes if not node.get("ignored") and node.get("role")]
            semantics[width] = {role: roles.count(role) for role in ("table", "row", "columnheader", "rowheader", "cell")}
        finally:
            context.close()
        assert len(tables) == 3, tables
        for table in tables:
            if width == 390:
                assert set(table["rows"]) == {"block"} and table["fits"] and all(table["labels"]), table
                assert table["header"] <= 1, "the header row is left to screen readers"
            else:
                assert set(table["rows"]) == {"table-row"} and not any(table["labels"]) and table["header"] > 10, table
    assert semantics[390] == semantics[1366] and semantics[390]["table"] == 3, semantics


def test_a_time_limit_the_same_for_every_channel_is_said_once(sample_site):
    shared = 0
    for procedure in PROCEDURES.published():
        for lang in CODES:
            meta = procedure.version_for(lang).meta
            channels = meta["channels"]
            tree = tree_of(sample_site, f"{prefix(lang)}{procedure.norm}")
            section = tree.xpath("//section[@aria-labelledby='portal-procedure-channels']")[0]
            times = {squeeze(channel["time_limit"]) for channel in channels}
            text = squeeze(section.text_content())
            if len(channels) > 1 and len(times) == 1:
                time = times.pop()
                shared += 1
                assert text.count(time) == 1, f"{lang} {procedure.name}: the time limit is repeated"
                assert time in squeeze(section.xpath(".//dl[contains(@class, 'portal-channels-common')]")[0].text_content())
                headers = [squeeze(th.text_content()) for th in section.xpath(".//thead//th")]
                assert translate_ui(lang, "procedure.time_limit") not in headers
            else:
                assert all(text.count(squeeze(channel["time_limit"])) >= 1 for channel in channels)
    assert shared >= 10
