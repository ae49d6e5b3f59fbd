"""Link checker for the built site: every in-site link and `#fragment` of every HTML page (and
every absolute in-site URL in the sitemap and the feeds) must land on a built file and, for a
fragment, on an element with that id. External links are collected and, only when asked,
requested over HTTP.

In-site means: a relative URL, a path from the server root, or an absolute URL under the
site's public address (`site_url`, read from the home page's canonical link unless given), so
canonical, hreflang and sitemap URLs are checked against the files too."""

from __future__ import annotations

import concurrent.futures
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from .messages import _, ngettext

LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "embed": ("src",), "object": ("data",),
}
NOT_FETCHED_LINK_RELS = {"preconnect", "dns-prefetch"}
"""`<link rel>` values naming an origin, not a document."""
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data", "about", "blob", "sms", "geo"}
LINK_IN_XML = re.compile(
    r"""<(?:loc|link|comments)>\s*(?P<text>https?://[^\s<]+)\s*</"""
    r"""|\b(?:href|src|url)=(?:"|'|&quot;|&#34;)(?P<attribute>https?://[^"'&\s<>]+)"""
)
"""URLs that readers follow in the sitemap and feeds: `<loc>`, `<link>`, `href`/`src`/`url`
attributes (also inside escaped HTML content). Not ids, category schemes or namespaces."""


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    """The file holding the link, relative to the site folder."""
    line: int
    target: str
    """The URL as written in the page."""
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.target}: {self.reason}"


@dataclass
class LinkReport:
    pages: int = 0
    internal_links: int = 0
    external_urls: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """Each external URL with where it appears (page, line)."""
    external_checked: bool = False
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken

    def summary(self) -> str:
        count = len(self.external_urls)
        if self.external_checked:
            external = ngettext("{count} external URL checked", "{count} external URLs checked", count)
        else:
            external = ngettext("{count} external URL not checked (use --external)",
                                "{count} external URLs not checked (use --external)", count)
        return _("{pages} pages, {links} in-site links, {external}: {broken} broken.").format(
            pages=self.pages, links=self.internal_links, external=external.format(count=count), broken=len(self.broken))


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)
    """(line, URL) of every link in the page."""
    base: str | None = None
    canonical: str | None = None


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name" if tag == "a" else None):
            if name and attributes.get(name):
                self.page.ids.add(attributes[name])
        if tag == "base" and attributes.get("href"):
            self.page.base = attributes["href"]
        rel = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and "canonical" in rel:
            self.page.canonical = attributes.get("href")
        if tag == "link" and rel & NOT_FETCHED_LINK_RELS:
            return
        line = self.getpos()[0]
        for name in LINK_ATTRIBUTES.get(tag, ()):
            value = (attributes.get(name) or "").strip()
            if not value:
                continue
            urls = _srcset_urls(value) if name == "srcset" else [value]
            self.page.links.extend((line, url) for url in urls)

    handle_startendtag = handle_starttag


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def parse_page(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def detect_site_url(site_dir: Path) -> str | None:
    """The site's public address: the canonical URL of the home page (index.html)."""
    home = site_dir / "index.html"
    if not home.is_file():
        return None
    canonical = parse_page(home).canonical
    return canonical if canonical and urlsplit(canonical).scheme in ("http", "https") else None


class SiteFiles:
    """The built site: which files exist and, for HTML pages, which ids they hold."""

    def __init__(self, site_dir: Path):
        self.root = site_dir
        self._pages: dict[str, _Page] = {}

    def page(self, rel: str) -> _Page:
        if rel not in self._pages:
            self._pages[rel] = parse_page(self.root / rel)
        return self._pages[rel]

    def resolve(self, path: str) -> str | None:
        """The built file a URL path (from the site root, no leading slash) is served from."""
        path = unquote(path)
        candidates = [path + "index.html"] if path.endswith("/") or path == "" else [path, path + "/index.html"]
        for candidate in candidates:
            normal = posixpath.normpath(candidate)
            if normal.startswith("../") or normal == "..":
                return None
            if (self.root / normal).is_file():
                return normal
        return None


def check_site(site_dir: Path, *, site_url: str | None = None, external: bool = False,
               timeout: float = 10.0, workers: int = 8) -> LinkReport:
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise FileNotFoundError(_("{folder}: no such folder; build the site first (portal build)").format(folder=site_dir))
    site_url = site_url or detect_site_url(site_dir)
    checker = _Checker(SiteFiles(site_dir), site_url)
    report = checker.report
    for rel in sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")):
        report.pages += 1
        page = checker.files.page(rel)
        base = checker.site_path + rel
        if page.base:
            base = urljoin(base, page.base)
        for line, url in page.links:
            checker.check(url, base, rel, line)
    if site_url:
        for rel in sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.xml")):
            text = (site_dir / rel).read_text(encoding="utf-8", errors="replace")
            for number, line_text in enumerate(text.splitlines(), start=1):
                for match in LINK_IN_XML.finditer(line_text):
                    url = (match.group("text") or match.group("attribute")).replace("&amp;", "&")
                    if url.startswith(checker.site_url):
                        checker.check(url, checker.site_path + rel, rel, number)
    if external and report.external_urls:
        report.external_checked = True
        for url, reason in check_external(report.external_urls, timeout=timeout, workers=workers).items():
            for page, line in report.external_urls[url]:
                report.broken.append(BrokenLink(page, line, url, reason))
    report.broken.sort()
    return report


class _Checker:
    def __init__(self, files: SiteFiles, site_url: str | None):
        self.files = files
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.site_path = urlsplit(self.site_url).path if self.site_url else "/"
        """The URL path the site folder is served at (`/`, or `/portal/` for a sub-path site)."""
        self.report = LinkReport()

    def check(self, url: str, base: str, rel: str, line: int) -> None:
        parts = urlsplit(url)
        if parts.scheme in SKIPPED_SCHEMES:
            return
        if self.site_url and url.startswith(self.site_url):
            resolvable = self.site_path + url[len(self.site_url):]
        elif parts.scheme or url.startswith("//"):
            if parts.scheme in ("http", "https", ""):
                self.report.external_urls.setdefault(url if parts.scheme else "https:" + url, []).append((rel, line))
            return
        else:
            resolvable = url
        self.report.internal_links += 1
        absolute, fragment = urldefrag(urljoin(base, resolvable))
        path = urlsplit(absolute).path
        if not path.startswith(self.site_path):
            self.report.broken.append(BrokenLink(rel, line, url, _("outside the site (served at {path})").format(
                path=self.site_path)))
            return
        target = self.files.resolve(path[len(self.site_path):])
        if target is None:
            self.report.broken.append(BrokenLink(rel, line, url, _("no such file in the built site")))
            return
        fragment = unquote(fragment)
        if fragment and target.endswith(".html") and fragment not in self.files.page(target).ids:
            self.report.broken.append(BrokenLink(rel, line, url, _("{page} has no element with id {id!r}").format(
                page=target, id=fragment)))


def check_external(urls, *, timeout: float = 10.0, workers: int = 8) -> dict[str, str]:
    """Request each URL (HEAD, then GET where HEAD is refused); returns the broken ones with why."""
    import requests

    headers = {"User-Agent": "portal-linkcheck (Hai Phong Department of Foreign Affairs portal)"}

    def probe(url: str) -> str | None:
        try:
            response = requests.head(url, allow_redirects=True, timeout=timeout, headers=headers)
            if response.status_code in (403, 405, 501) or response.status_code >= 500:
                response = requests.get(url, allow_redirects=True, timeout=timeout, headers=headers, stream=True)
                response.close()
        except requests.RequestException as error:
            return _("unreachable ({problem})").format(problem=type(error).__name__)
        return f"HTTP {response.status_code}" if response.status_code >= 400 else None

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(urls, pool.map(probe, list(urls))))
    return {url: reason for url, reason in results.items() if reason}


def format_link_report(report: LinkReport, *, places_shown: int = 3) -> str:
    """One entry per broken URL and reason, with where it appears (the same navigation link is
    often broken on every page: one entry, not hundreds)."""
    groups: dict[tuple[str, str], list[BrokenLink]] = {}
    for broken in report.broken:
        groups.setdefault((broken.target, broken.reason), []).append(broken)
    lines = []
    for (target, reason), places in groups.items():
        shown = ", ".join(f"{b.page}:{b.line}" for b in places[:places_shown])
        more = _(" and {count} more").format(count=len(places) - places_shown) if len(places) > places_shown else ""
        lines.append(f"{target}: {reason}\n    " + _("in {places}{more}").format(places=shown, more=more))
    return "\n".join([*lines, report.summary()])
