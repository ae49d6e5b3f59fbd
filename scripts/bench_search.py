"""Search benchmark: the portal's Pagefind search against Material's built-in (lunr) search, on
the sample site and on a generated large site, measured in headless Chromium.

    python scripts/bench_search.py                    # sample site + 1,000 articles x 5 languages
    python scripts/bench_search.py --articles 200     # a smaller generated site
    python scripts/bench_search.py --sample-only      # the sample site only
    python scripts/bench_search.py --keep DIR         # leave the built sites in DIR

For each site and engine it builds a copy of the project (Material's search: the same mkdocs.yml
with its `search` plugin put back and the Pagefind step off), then prints:

- build: `mkdocs build` without any search, and the extra time each engine's index takes
  (Pagefind: the indexer run; Material: the build with its plugin minus the build without);
- index: what the index weighs on disk (all languages);
- page: what an article page with its CSS and JS weighs, compressed, before anyone searches;
- first query, per language, in a fresh browser (cold cache) loading that language's home page
  and typing one query: the search bytes downloaded before the first results show (compressed,
  as served by a gzip-enabled server), and the time from the first key to the first results,
  on the loopback network and on an emulated phone network (see PHONE_NETWORK);
- whether the results were all in the page's language.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from synthetic_news import write_synthetic_news

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# A mid-range phone on a mobile network (Chromium's "Fast 4G" preset is 9 Mbit/s, 60 ms).
PHONE_NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8}
# One query per language that both engines can answer (written with its diacritics, since
# Material's search does not fold them).
QUERIES = {"vi": "kiều bào", "en": "overseas Vietnamese", "ja": "在外", "zh": "侨胞", "ko": "간담회"}
# What the issue asks of search, checked the same way for both engines: (page language, query,
# what must happen). "finds" = at least one result; "nothing" = no result at all.
QUALITY_CHECKS = (
    ("vi", "kieu bao", "finds", "Vietnamese without diacritics"),
    ("vi", "dang ky", "finds-đăng", "Vietnamese d for đ (dang ky → đăng ký)"),
    ("zh", "欢度", "finds", "Chinese word inside a sentence (欢度 in 回乡欢度2024甲辰年春节)"),
    ("ja", "帰郷", "finds", "Japanese word inside a sentence"),
    ("ko", "베트남", "finds", "Korean word with a particle attached (베트남인과의)"),
    ("ja", "侨胞", "nothing", "Japanese page: a Chinese-only word finds nothing"),
    ("en", "간담회", "nothing", "English page: a Korean-only word finds nothing"),
)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs"}
ARTICLE = "news/2024/gap-mat-kieu-bao-ve-que-don-tet-giap-thin-2024/"


# -- building ------------------------------------------------------------------------------------

def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(PROJECT / folder, destination / folder, dirs_exist_ok=True)
    return destination


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml uses `!ENV [NAME, default]`: keep the default so the copy can be rewritten.
_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def configure(project: Path, engine: str, searchless: bool = False) -> None:
    """Rewrite the copy's mkdocs.yml for one engine (or for no search at all)."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    plugins = [p for p in config["plugins"] if p != "search" and not (isinstance(p, dict) and "search" in p)]
    for plugin in plugins:
        if isinstance(plugin, dict) and "portal" in plugin:
            # Content checks belong to `portal check`; the benchmark measures search alone.
            plugin["portal"] = {**(plugin["portal"] or {}), "check_content": False,
                                "search_index": engine == "pagefind" and not searchless}
    if engine == "material" and not searchless:
        plugins.insert(0, "search")
        config["theme"].setdefault("features", []).append("search.highlight")
    config["plugins"] = plugins
    config["strict"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def timed_build(project: Path, site: Path) -> float:
    if site.exists():
        shutil.rmtree(site)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", **_env()})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-4000:]}")
    return seconds


def _env() -> dict:
    import os

    env = dict(os.environ)
    env.pop("PORTAL_ONLY_LANGUAGE", None)
    return env


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# -- serving -------------------------------------------------------------------------------------

class GzipServer:
    """Serves a built site on 127.0.0.1 with gzip for text, as nginx's `gzip on` would."""

    def __init__(self, root: Path):
        cache: dict[Path, bytes] = {}

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if not path.is_file() or path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
                    return super().send_head()
                if path not in cache:
                    cache[path] = gzip.compress(path.read_bytes(), 6)
                body = cache[path]
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                import io

                return io.BytesIO(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# -- measuring in the browser --------------------------------------------------------------------

WATCH = """([engine, query]) => {
  const strings = engine === "material" ? JSON.parse(document.getElementById("__config").textContent).translations : null;
  const answered = () => {
    if (engine === "pagefind") {
      const dialog = document.getElementById("portal-search");
      return dialog && dialog.dataset.portalSearchAnswered === query;
    }
    const meta = document.querySelector(".md-search-result__meta");
    const input = document.querySelector(".md-search__input");
    if (!meta || !input || input.value !== query) return false;
    if (document.querySelector(".md-search-result__item")) return true;
    return meta.textContent.trim() === strings["search.result.none"];
  };
  window.__benchAnswered = null;
  const check = () => { if (window.__benchAnswered === null && answered()) window.__benchAnswered = performance.now(); };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return performance.now();
}"""

RESULTS = """(engine) => engine === "pagefind"
  ? [...document.querySelectorAll("#portal-search-results a")].map((a) => a.href)
  : [...document.querySelectorAll(".md-search-result__item > a")].map((a) => a.href)"""
MARKS = """(engine) => [...document.querySelectorAll(engine === "pagefind" ? "#portal-search-results mark" : ".md-search-result mark")]
  .map((mark) => mark.textContent.toLowerCase())"""


def is_search_request(engine: str, url: str) -> bool:
    if engine == "pagefind":
        return "/pagefind/" in url or re.search(r"/assets/portal/search[^/]*\.(js|css)$", url) is not None
    return "/search/search_index.json" in url or "/workers/search" in url or "/lunr/" in url


@dataclass
class QueryRun:
    lang: str
    search_bytes: int
    seconds: float
    results: int
    own_language: bool


def start_query(page, engine: str, query: str) -> None:
    if engine == "pagefind":
        page.keyboard.press("/")
        page.wait_for_selector("#portal-search[open]")
    else:
        page.click(".md-search__input")
    page.keyboard.type(query)


def check_quality(browser, base: str, engine: str) -> list[bool]:
    outcomes = []
    for lang, query, expected, _label in QUALITY_CHECKS:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(page_prefix(base, lang), wait_until="load")
        page.evaluate(WATCH, [engine, query])
        start_query(page, engine, query)
        page.wait_for_function("() => window.__benchAnswered !== null", timeout=120_000, polling=50)
        page.wait_for_timeout(500)  # Material refines its list as the worker answers each keystroke
        urls = page.evaluate(RESULTS, engine)
        marks = page.evaluate(MARKS, engine)
        own = [url for url in urls if url.startswith(page_prefix(base, lang))
               and not any(url.startswith(page_prefix(base, code)) for code in QUERIES if code not in (lang, "vi"))]
        if expected == "nothing":
            outcomes.append(not urls)
        elif expected == "finds-đăng":
            outcomes.append(bool(own) and any(mark.startswith("đăng") for mark in marks))
        else:
            outcomes.append(bool(own))
        context.close()
    return outcomes


@dataclass
class EngineFigures:
    index_seconds: float = 0.0
    index_bytes: int = 0
    page_bytes: int = 0
    sitemap_bytes: int = 0
    local: list[QueryRun] = field(default_factory=list)
    phone: list[QueryRun] = field(default_factory=list)
    quality: list[bool] = field(default_factory=list)


def page_prefix(base: str, lang: str) -> str:
    return base if lang == "vi" else f"{base}{lang}/"


def measure_page_weight(browser, base: str) -> tuple[int, int]:
    """(article page with its CSS and JS, the sitemap.xml that Material's script fetches besides)."""
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda request: sizes.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(base + ARTICLE, wait_until="networkidle")
    context.close()
    sitemap = sum(size for url, size in sizes if url.endswith("/sitemap.xml"))
    return sum(size for _url, size in sizes) - sitemap, sitemap


def measure_query(browser, base: str, engine: str, lang: str, network: dict | None) -> QueryRun:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    finished = []
    # Requests of the search worker (Material) are the context's, not the page's.
    context.on("requestfinished", lambda request: finished.append((time.perf_counter(), request)))
    page.goto(page_prefix(base, lang), wait_until="load")
    query = QUERIES[lang]
    page.evaluate(WATCH, [engine, query])
    started = time.perf_counter()
    started_in_page = page.evaluate("performance.now()")
    start_query(page, engine, query)
    page.wait_for_function("() => window.__benchAnswered !== null", timeout=120_000, polling=50)
    answered_in_page = page.evaluate("window.__benchAnswered")
    answered = started + (answered_in_page - started_in_page) / 1000
    urls = page.evaluate(RESULTS, engine)
    search_bytes = 0
    for at, request in list(finished):
        if at <= answered + 0.05 and is_search_request(engine, request.url):
            search_bytes += request.sizes()["responseBodySize"]
    prefix = page_prefix(base, lang)
    others = [page_prefix(base, code) for code in QUERIES if code != lang and code != "vi"]
    own = all(url.startswith(prefix) and not any(url.startswith(other) for other in others) for url in urls)
    context.close()
    return QueryRun(lang, search_bytes, (answered_in_page - started_in_page) / 1000, len(urls), own)


def measure_site(site: Path, engine: str, figures: EngineFigures) -> None:
    from playwright.sync_api import sync_playwright

    server = GzipServer(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            figures.page_bytes, figures.sitemap_bytes = measure_page_weight(browser, server.url)
            for lang in QUERIES:
                figures.local.append(measure_query(browser, server.url, engine, lang, None))
                figures.phone.append(measure_query(browser, server.url, engine, lang, PHONE_NETWORK))
            figures.quality = check_quality(browser, server.url, engine)
            browser.close()
    finally:
        server.close()


# -- the report ----------------------------------------------------------------------------------

def kib(value: float) -> str:
    return f"{value / 1024:,.0f} KiB" if value >= 10 * 1024 else f"{value / 1024:,.1f} KiB"


def report(name: str, build_seconds: float, figures: dict[str, EngineFigures]) -> list[str]:
    lines = [f"### {name} (mkdocs build without search: {build_seconds:.1f} s)", "",
             "| | Pagefind (portal) | Material search (lunr) |", "| --- | --- | --- |"]
    pf, ms = figures["pagefind"], figures["material"]

    def row(label, value):
        lines.append(f"| {label} | {value(pf)} | {value(ms)} |")

    row("index build time", lambda f: f"{f.index_seconds:.1f} s")
    row("index size on disk (5 languages)", lambda f: kib(f.index_bytes))
    row("article page + CSS + JS, compressed", lambda f: kib(f.page_bytes))
    row("+ sitemap.xml fetched by Material's script on every page", lambda f: kib(f.sitemap_bytes))
    row("search bytes before first results (median of 5 languages, compressed)",
        lambda f: kib(statistics.median(run.search_bytes for run in f.local)))
    row("time to first results, loopback (median / max)",
        lambda f: f"{statistics.median(r.seconds for r in f.local) * 1000:,.0f} / {max(r.seconds for r in f.local) * 1000:,.0f} ms")
    row("time to first results, phone network (median / max)",
        lambda f: f"{statistics.median(r.seconds for r in f.phone) * 1000:,.0f} / {max(r.seconds for r in f.phone) * 1000:,.0f} ms")
    row("results only in the page's language", lambda f: "yes" if all(r.own_language for r in f.local) else
        "no (" + ", ".join(r.lang for r in f.local if not r.own_language) + ")")
    for index, (_lang, _query, _expected, label) in enumerate(QUALITY_CHECKS):
        row(label, lambda f, index=index: "yes" if f.quality[index] else "**no**")
    lines += ["", "| per language (loopback) | Pagefind bytes / ms / results | Material bytes / ms / results |",
              "| --- | --- | --- |"]
    for index, lang in enumerate(QUERIES):
        a, b = pf.local[index], ms.local[index]
        lines.append(f"| {lang} `{QUERIES[lang]}` | {kib(a.search_bytes)} / {a.seconds * 1000:,.0f} / {a.results} "
                     f"| {kib(b.search_bytes)} / {b.seconds * 1000:,.0f} / {b.results} |")
    return lines + [""]


def bench_site(name: str, project: Path, out: Path) -> list[str]:
    configure(project, "pagefind", searchless=True)
    plain = timed_build(project, out / "plain")
    figures = {"pagefind": EngineFigures(), "material": EngineFigures()}

    from portal.search import build_search_index

    pagefind_site = out / "pagefind"
    shutil.copytree(out / "plain", pagefind_site)
    started = time.perf_counter()
    build_search_index(pagefind_site)
    figures["pagefind"].index_seconds = time.perf_counter() - started
    figures["pagefind"].index_bytes = folder_bytes(pagefind_site / "pagefind")

    configure(project, "material")
    material_build = timed_build(project, out / "material")
    figures["material"].index_seconds = max(0.0, material_build - plain)
    figures["material"].index_bytes = folder_bytes(out / "material" / "search")

    for engine, site in (("pagefind", pagefind_site), ("material", out / "material")):
        print(f"  measuring {engine} on {name} ...", file=sys.stderr)
        measure_site(site, engine, figures[engine])
    return report(name, plain, figures)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles of the generated site (each in 5 languages)")
    parser.add_argument("--sample-only", action="store_true", help="measure the sample site only")
    parser.add_argument("--keep", type=Path, help="build into this folder and leave it there")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found: install Debian's chromium")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    lines = []
    try:
        sites = [("sample site", 0)] + ([] if args.sample_only else [(f"generated site: {args.articles:,} articles x 5 languages", args.articles)])
        for name, articles in sites:
            folder = work / ("sample" if not articles else f"generated-{articles}")
            project = copy_project(folder / "project")
            if articles:
                print(f"  generating {articles} articles ...", file=sys.stderr)
                write_synthetic_news(project / "docs", articles)
            print(f"  building {name} ...", file=sys.stderr)
            lines += bench_site(name, project, folder)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
