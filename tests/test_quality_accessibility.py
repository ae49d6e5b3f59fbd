"""Quality gate: accessibility (target WCAG 2.1 AA).

- axe-core (npm package in tests/js) in real headless Chromium on every page type (home, news
  list and its page 2, category, year, article, 'not available' stand-in, about, procedure
  catalogue, procedure, desk print-out, documents list, document, 404) and the open search dialog,
  in Vietnamese and in Japanese: no serious or critical violation of the WCAG 2.0/2.1 A and AA
  rules in the light colour scheme, nor (in Vietnamese) of the rules about colour in the dark one
  (the markup is the same in both: only the colours change, the same CSS in every language).
- The skip link works with the keyboard; every Tab stop shows a focus ring of at least 3:1
  against what surrounds it.
- Every page declares its language, and the site frame (header, navigation, footer) marks text
  kept in another language with its own `lang`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitepages import PAGE_KINDS as EVERY_PAGE_TYPE
from sitepages import page_path

AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ("vi", "ja")
SCHEMES = ("light", "dark")
PAGE_KINDS = (*EVERY_PAGE_TYPE, "search")
"""Every page type (tests/sitepages.py), and the search dialog open over the home page."""
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""Injected so that colours are measured in their final state, not halfway through a fade."""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci --ignore-scripts --prefix tests/js`")
    return str(AXE)


@pytest.fixture(scope="module")
def scheme_page(request, browser):
    """A browser tab in the colour scheme the test is given (`light` or `dark`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    if AXE.is_file():
        # axe in every page of the context as it loads: a quarter less time a page than sending
        # its 500 KB to each page afterwards (`axe_violations` sends it where it is missing).
        context.add_init_script(path=str(AXE))
    tab = context.new_page()
    yield request.param, tab
    context.close()


def open_search(tab, lang: str) -> None:
    """Opens the header's search dialog and types a query, so axe sees the dialog with results."""
    opener = tab.locator(".portal-search-open")
    if opener.count() == 0:
        pytest.skip("the site has no search dialog (.portal-search-open) yet")
    opener.first.wait_for(state="visible", timeout=10_000)
    opener.first.click()
    query = {"vi": "hải phòng", "ja": "ハイフォン"}[lang]
    tab.locator("#portal-search-input").fill(query)
    tab.wait_for_function("() => document.querySelector('.portal-search__status')?.textContent.trim().length > 0", timeout=15_000)


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The WCAG A/AA rules of axe whose verdict depends on colours: all the dark scheme can change."""


def axe_violations(tab, axe_source: str, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical violations of the WCAG A/AA rules (or of `rules` only)."""
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=axe_source)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = tab.evaluate("(only) => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}\n        {summary[:300]}")
    return "\n".join(lines)


AXE_CASES = [("light", kind, lang) for lang in LANGUAGES for kind in PAGE_KINDS] + \
            [("dark", kind, LANGUAGES[0]) for kind in PAGE_KINDS]
"""Every page type in both languages in the light scheme; in the dark one, whose colours are the
same CSS in every language, in Vietnamese."""


@pytest.mark.parametrize("scheme_page,kind,lang", AXE_CASES, indirect=["scheme_page"])
def test_no_serious_or_critical_axe_violation(sample_site, sample_server, scheme_page, axe_source, kind, lang):
    scheme, tab = scheme_page
    path = page_path(sample_site, kind, lang)
    if path is None:
        pytest.skip(f"no {kind} page in {lang} in the built site yet")
    tab.goto(sample_server.url + path)
    tab.add_style_tag(content=NO_MOTION)
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == expected_scheme
    if kind == "search":
        open_search(tab, lang)
    violations = axe_violations(tab, axe_source, COLOUR_RULES if scheme == "dark" else None)
    assert not violations, f"/{path} ({kind}, {scheme}):\n{describe_violations(violations)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(sample_site, sample_server, page, lang):
    for path in (page_path(sample_site, "home", lang), page_path(sample_site, "article", lang)):
        page.goto(sample_server.url + path)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-skip')"):
            page.keyboard.press("Tab")  # Material's own link to the first heading comes first on pages with a table of contents
        skip = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return {cls: e.className, href: e.getAttribute('href'), text: e.textContent.trim(),
                    visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight}; }""")
        assert "portal-skip" in skip["cls"], f"/{path}: first Tab stop is {skip}"
        assert skip["href"] == "#portal-main" and skip["visible"] and skip["text"], skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "portal-main"
        assert page.evaluate("location.hash") == "#portal-main"
        # The next Tab stop is inside the page's content, past the header, tabs and navigation.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
            page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


FOCUS_PROBE = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  if (focused.dataset.portalFocusSeen) return {repeat: true};
  focused.dataset.portalFocusSeen = "1";
  const sized = (e) => { const r = e.getBoundingClientRect(); return r.width >= 2 && r.height >= 2; };
  let ring = focused;
  if (!sized(focused)) {
    // Visually hidden controls (Material's palette radios) show focus on their visible label.
    const candidates = [focused.nextElementSibling, ...document.querySelectorAll(`label[for="${CSS.escape(focused.id || "-")}"]`),
                        ...(focused.form ? focused.form.querySelectorAll("label") : [])];
    const label = candidates.find((e) => e && e.tagName === "LABEL" && sized(e));
    if (label) ring = label;
  }
  const style = getComputedStyle(ring);
  const box = ring.getBoundingClientRect();
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  // Elements faded out (Material's tooltips wait at opacity 0) or hidden are not behind the ring.
  const shown = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const backgroundAt = (x, y, inside) => {
    x = Math.min(Math.max(x, 0), innerWidth - 1); y = Math.min(Math.max(y, 0), innerHeight - 1);
    const layers = [];
    for (const e of document.elementsFromPoint(x, y)) {
      if (e === ring ? !inside : ring.contains(e)) continue;
      if (!shown(e)) continue;
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    return bg;
  };
  // What the ring must stand out against on each side: just outside it or, for a ring drawn
  // inside the element (negative offset), the element's own background just inside it.
  const offset = parseFloat(style.outlineOffset || 0), width = parseFloat(style.outlineWidth || 0);
  const inside = offset + width <= 0;
  const reach = inside ? offset - 1 : offset + width + 1;
  const midX = box.left + box.width / 2, midY = box.top + box.height / 2;
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  return {
    element: describe(focused), text: (focused.innerText || focused.getAttribute("aria-label") || "").trim().slice(0, 40),
    visible: box.width >= 2 && box.height >= 2 && box.bottom > 0 && box.top < innerHeight && box.right > 0 &&
             box.left < innerWidth && style.visibility !== "hidden" && parseFloat(style.opacity) > 0.1,
    outlineStyle: style.outlineStyle, outlineWidth: width, outlineColor: parse(style.outlineColor),
    backgrounds: [backgroundAt(box.left - reach, midY, inside), backgroundAt(box.right + reach, midY, inside),
                  backgroundAt(midX, box.top - reach, inside), backgroundAt(midX, box.bottom + reach, inside)],
  };
}"""


SEARCH_OUT_OF_THE_WAY = ".md-search, .portal-search-open, .portal-search { display: none !important; }"
"""Focusing the search opens it over a dimmed page: the walk leaves it out. Its dialog is checked
by axe above (opened, with results) and its keyboard use by the search tests."""


def relative_luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_problems(tab, max_stops: int = 120) -> tuple[int, list[str]]:
    """Tabs through the page; returns how many stops were seen and what is wrong with any."""
    problems, stops = [], 0
    for _ in range(max_stops):
        tab.keyboard.press("Tab")
        info = tab.evaluate(FOCUS_PROBE)
        if info is None or info.get("repeat"):
            break
        stops += 1
        name = f"{info['element'][:60]} {info['text']!r}"
        if not info["visible"]:
            problems.append(f"{name}: focused but not visible")
            continue
        if info["outlineStyle"] in ("none", "hidden") or info["outlineWidth"] < 2:
            problems.append(f"{name}: no focus ring ({info['outlineStyle']} {info['outlineWidth']}px)")
            continue
        ratios = sorted(contrast(info["outlineColor"], background) for background in info["backgrounds"])
        # The ring must stand out on at least three of its four sides (a ring touching a
        # dropdown opened by the focus itself may lose one side).
        if ratios[1] < 3:
            problems.append(f"{name}: focus ring {info['outlineColor'][:3]} has contrast {ratios[1]:.2f} < 3 "
                            f"against {[[round(v) for v in b] for b in info['backgrounds']]}")
    return stops, problems


@pytest.mark.parametrize("scheme_page", SCHEMES, indirect=True)
@pytest.mark.parametrize("kind,lang", [("home", "vi"), ("article", "vi"), ("category", "ja")])
def test_every_tab_stop_shows_a_visible_focus_ring(sample_site, sample_server, scheme_page, kind, lang):
    scheme, tab = scheme_page
    path = page_path(sample_site, kind, lang)
    tab.goto(sample_server.url + path)
    tab.add_style_tag(content=NO_MOTION + SEARCH_OUT_OF_THE_WAY)
    stops, problems = focus_problems(tab)
    assert stops >= 10, f"/{path}: only {stops} Tab stops"
    assert not problems, f"/{path} ({scheme}):\n" + "\n".join(problems)


# -- language of the page and of its parts --------------------------------------------------

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
HAN = re.compile(r"[\u4e00-\u9fff]")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LABEL_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


DOCUMENT_NUMBER = re.compile(r"(?<!\d)\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*")
"""A Vietnamese document's number (118/2025/NĐ-CP, 17/KH-NV): an identifier every language writes
as it is, not Vietnamese text."""


def scripts_of(text: str) -> set[str]:
    """Which languages the letters of a text can only belong to ('han' for Chinese characters without kana)."""
    text = DOCUMENT_NUMBER.sub(" ", text)
    found = set()
    if VIETNAMESE_LETTERS.search(text):
        found.add("vi")
    if KANA.search(text):
        found.add("ja")
    if HANGUL.search(text):
        found.add("ko")
    if HAN.search(text) and not KANA.search(text):
        found.add("han")
    return found


def fits(lang: str, script: str) -> bool:
    return lang in ("ja", "zh") if script == "han" else lang == script


class FrameLanguageScanner(HTMLParser):
    """Collects text of the site frame (everything outside `.md-content`, where editors' text
    lives) written in a script that the language in force (nearest `lang`) cannot have."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.html_lang: str | None = None
        self.problems: list[str] = []

    def _lang(self) -> str:
        return next((lang for _, lang, _ in reversed(self.stack) if lang), "").split("-")[0]

    def _in_content(self) -> bool:
        return any(content for _, _, content in self.stack)

    def _check(self, text: str, where: str) -> None:
        if self._in_content():
            return
        lang = self._lang()
        for script in scripts_of(text):
            if not fits(lang, script):
                self.problems.append(f"{where} in lang={lang or '(none)'}: {' '.join(text.split())[:80]!r}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        classes = (attributes.get("class") or "").split()
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, attributes.get("lang"), "md-content" in classes))
        for name in LABEL_ATTRIBUTES:
            if attributes.get(name):
                self._check(attributes[name], f"<{tag} {name}>")

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style", "title"):
            return
        if data.strip():
            self._check(data, f"<{self.stack[-1][0] if self.stack else '?'}>")


def expected_language(site: Path, page: Path) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in ("en", "ja", "zh", "ko") else "vi"


def test_every_page_declares_its_language_and_marks_other_languages_in_the_frame(sample_site):
    wrong_lang, mixed = [], []
    pages = sorted(sample_site.rglob("*.html"))
    for page in pages:
        scanner = FrameLanguageScanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(sample_site).as_posix()
        if scanner.html_lang != expected_language(sample_site, page):
            wrong_lang.append(f"{rel}: <html lang={scanner.html_lang!r}>, expected {expected_language(sample_site, page)!r}")
        mixed += [f"{rel}: {problem}" for problem in scanner.problems]
    assert len(pages) > 50
    assert not wrong_lang, "\n".join(wrong_lang[:30])
    assert not mixed, f"{len(mixed)} text(s) in another language without their own lang:\n" + "\n".join(mixed[:30])


def test_the_language_scanner_flags_unmarked_text_and_accepts_marked_text():
    scanner = FrameLanguageScanner()
    scanner.feed('<html lang="ja"><body><header><a lang="vi">Tiếng Việt</a><button aria-label="Chế độ tối"></button>'
                 '<p>中文 ハイフォン</p><p>한국어</p><p>政令第118/2025/NĐ-CP号</p></header>'
                 '<div class="md-content"><p>Quyết định 66/QĐ-NV</p></div>'
                 '<footer><span lang="ko">한국어</span></footer></body></html>')
    assert scanner.html_lang == "ja"
    assert scanner.problems == ["<button aria-label> in lang=ja: 'Chế độ tối'", "<p> in lang=ja: '한국어'"]
