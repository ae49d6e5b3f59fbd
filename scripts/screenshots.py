"""Screenshots of the portal's main page types, to look at the design on a desktop and a phone.

    python scripts/screenshots.py                          # build the sample site, shoot into screenshots/
    python scripts/screenshots.py --site site/ --out /tmp/shots --lang vi,ja --scheme light,dark

For each language and colour scheme: the home page, the news list, an article with a lead photo,
the procedure catalogue and a procedure page, at 1366x900 (desktop) and 390x844 (phone), full page. Debian's
Chromium (`/usr/bin/chromium`, or PORTAL_CHROMIUM) driven by Playwright, as in the tests. The
screenshots are for people to look at: they are not committed (screenshots/ is in .gitignore).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
LANGUAGES = ("vi", "en", "ja", "zh", "ko")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def build_site(site_dir: Path) -> None:
    """The project's site, built by MkDocs as `portal build --jobs 1` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_ONLY_LANGUAGE", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site_dir)]
    subprocess.run(command, cwd=PROJECT, env=env, check=True)


def first_article_with_photo(site: Path, lang: str) -> str:
    """The newest-looking article page of `lang` with a lead photo (else any article)."""
    root = site if lang == "vi" else site / lang
    candidates = sorted((root / "news").glob("[0-9][0-9][0-9][0-9]/*/index.html"), reverse=True)
    articles = [page for page in candidates if 'class="portal-article"' in page.read_text(encoding="utf-8")]
    with_photo = [page for page in articles if "portal-article__image" in page.read_text(encoding="utf-8")]
    chosen = (with_photo or articles)[0]
    return chosen.parent.relative_to(site).as_posix() + "/"


def first_procedure(site: Path, lang: str) -> str:
    root = site if lang == "vi" else site / lang
    pages = sorted(page for page in (root / "procedures").glob("*/index.html") if page.parent.name != "print")
    return pages[0].parent.relative_to(site).as_posix() + "/"


def pages_of(site: Path, lang: str) -> dict[str, str]:
    prefix = "" if lang == "vi" else f"{lang}/"
    return {
        "home": prefix,
        "news": f"{prefix}news/",
        "article": first_article_with_photo(site, lang),
        "catalogue": f"{prefix}procedures/",
        "procedure": first_procedure(site, lang),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def chromium() -> str:
    configured = os.environ.get("PORTAL_CHROMIUM")
    found = configured or next((c for c in CHROMIUM_CANDIDATES if Path(c).exists()), None) or shutil.which("chromium")
    if not found:
        raise SystemExit("Chromium not found: apt-get install chromium, or set PORTAL_CHROMIUM")
    return found


def shoot(site: Path, out: Path, languages: list[str], schemes: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            for scheme in schemes:
                for device, (width, height) in VIEWPORTS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                                  device_scale_factor=1, is_mobile=device == "phone",
                                                  has_touch=device == "phone")
                    tab = context.new_page()
                    for lang in languages:
                        for name, path in pages_of(site, lang).items():
                            tab.goto(base + path, wait_until="load")
                            tab.evaluate("document.fonts.ready")
                            target = out / f"{lang}-{name}-{device}-{scheme}.png"
                            tab.screenshot(path=str(target), full_page=True)
                            written.append(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site folder (default: build the project's)")
    parser.add_argument("--out", type=Path, default=PROJECT / "screenshots", help="where the PNG files go")
    parser.add_argument("--lang", default="vi", help=f"comma-separated languages ({','.join(LANGUAGES)}, or 'all')")
    parser.add_argument("--scheme", default="light,dark", help="colour schemes: light, dark or both")
    args = parser.parse_args(argv)
    languages = list(LANGUAGES) if args.lang == "all" else [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    schemes = [scheme.strip() for scheme in args.scheme.split(",") if scheme.strip()]
    if unknown or not set(schemes) <= {"light", "dark"}:
        parser.error(f"unknown language or scheme: {', '.join(unknown + schemes)}")
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build_site(site)
        written = shoot(site.resolve(), args.out, languages, schemes)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
