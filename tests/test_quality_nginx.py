"""Quality gate: the shipped nginx configuration (deploy/nginx/) serves the built site with
Debian's nginx on 127.0.0.1: security headers, every language's home page, the feeds with their
media types, caching of hashed assets, the 404 page of the reader's language, and Material's
pages working in Chromium under the Content-Security-Policy; and what lies in the web root without
being part of the site (dotfiles, editors' backups, symbolic links) is not served."""

from __future__ import annotations

import http.client
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from portal.site_links import detect_site_url

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
LANGUAGES = {"vi": "", "en": "en/", "ja": "ja/", "zh": "zh/", "ko": "ko/"}
SECURITY_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy")
SECRET = "SECRET-NOT-FOR-READERS"
PLANTED = {
    # What ends up in web roots by mistake: a checkout's .git/, an environment file, dotfiles in
    # a section, editors' backups of a page's source (MkDocs copies them from docs/).
    ".git/config": f"[remote \"origin\"]\n\turl = https://deploy:{SECRET}@git.example/portal.git\n",
    ".git/HEAD": "ref: refs/heads/main\n",
    ".env": f"TRANSLATE_API_KEY={SECRET}\n",
    "news/.hidden": SECRET,
    "news/.htpasswd": f"office:{SECRET}\n",
    "index.md~": f"---\ntitle: draft {SECRET}\n---\n",
    "index.md.bak": SECRET,
    "news/.index.md.swp": SECRET,
    "about/index.html.orig": SECRET,
    ".well-known/.secret": SECRET,
    ".well-known/security.txt.bak": SECRET,
}
SECURITY_TXT = "Contact: mailto:security@haiphong.gov.vn\nExpires: 2030-01-01T00:00:00.000Z\n"
ACME_TOKEN = "Xq3_token-from-the-ca"


def nginx_binary() -> str:
    for candidate in NGINX_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    found = shutil.which("nginx")
    if found is None:
        pytest.fail("nginx not found: apt-get install nginx")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(folder: Path, site: Path, port: int) -> Path:
    """A whole nginx.conf for an unprivileged, foreground nginx whose server block is the shipped
    portal-site.conf (with the shipped headers), rooted at the built site."""
    conf = folder / "conf"
    (conf / "snippets").mkdir(parents=True)
    for name in ("portal-site.conf", "portal-headers.conf"):
        shutil.copy(DEPLOY / name, conf / "snippets" / name)
    mime_types = Path("/etc/nginx/mime.types")
    if not mime_types.is_file():
        pytest.fail("/etc/nginx/mime.types missing: apt-get install nginx")
    temp = folder / "temp"
    main = conf / "nginx.conf"
    # As root, nginx's workers would run as `nobody`, who cannot read pytest's private temp folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    main.write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include snippets/portal-site.conf;
    }}
}}
""", encoding="utf-8")
    temp.mkdir()
    return main


def web_root(folder: Path, site: Path) -> Path:
    """The web root as a careless server might have it: the built site (hard links to the shared
    sample site, which stays untouched) plus dotfiles, editors' backups, /.well-known/ files and
    symbolic links to a secret outside the root and to a page inside it, reached through a
    symbolic link to the release, as an atomic deployment switches releases."""
    release = folder / "releases" / "1"
    shutil.copytree(site, release, copy_function=os.link)
    for name, text in PLANTED.items():
        (release / name).parent.mkdir(parents=True, exist_ok=True)
        (release / name).write_text(text, encoding="utf-8")
    (release / ".well-known" / "acme-challenge").mkdir(parents=True)
    (release / ".well-known" / "security.txt").write_text(SECURITY_TXT, encoding="utf-8")
    (release / ".well-known" / "acme-challenge" / ACME_TOKEN).write_text(ACME_TOKEN + ".key", encoding="utf-8")
    outside = folder / "outside"
    outside.mkdir()
    (outside / "hostname").write_text(SECRET, encoding="utf-8")
    (release / "hostname.txt").symlink_to(outside / "hostname")
    (release / "news" / "etc").symlink_to(outside, target_is_directory=True)
    (release / "en" / "copy.html").symlink_to(release / "en" / "index.html")
    (release / "ja-mirror").symlink_to(release / "ja", target_is_directory=True)
    current = folder / "current"
    current.symlink_to(release, target_is_directory=True)
    return current


@pytest.fixture(scope="module")
def nginx_server(sample_site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = write_config(folder, web_root(folder, sample_site), port)
    command = [nginx_binary(), "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")]
    test = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert test.returncode == 0, f"nginx rejects the configuration:\n{test.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start (exit {process.poll()}):\n{log}\n{process.stderr.read().decode() if process.poll() is not None else ''}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/", port
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_every_language_home_page_is_served_with_security_headers(nginx_server):
    _, port = nginx_server
    for lang, prefix in LANGUAGES.items():
        status, headers, body = fetch(port, "/" + prefix)
        assert status == 200, f"/{prefix}: {status}"
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert f'<html lang="{lang}"'.encode() in body
        for name in SECURITY_HEADERS:
            assert name.lower() in headers, f"/{prefix}: no {name}"
        assert headers["cache-control"] == "no-cache"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers["strict-transport-security"].startswith("max-age=31536000")
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "server" not in headers or "nginx/" not in headers["server"], "nginx version is advertised"


def test_a_folder_without_its_slash_redirects_relatively(nginx_server):
    _, port = nginx_server
    status, headers, _ = fetch(port, "/ja")
    assert status == 301
    assert headers["location"] == "/ja/"


def test_not_found_gives_the_404_page_of_the_readers_language(nginx_server, sample_site):
    _, port = nginx_server
    for prefix, lang in (("", "vi"), ("ja/", "ja"), ("ko/", "ko"), ("en/news/", "en")):
        status, headers, body = fetch(port, f"/{prefix}no-such-page/")
        assert status == 404, prefix
        assert headers["content-type"] == "text/html; charset=utf-8"
        expected = (sample_site / (prefix.split("/")[0] + "/" if prefix else "") / "404.html").read_bytes()
        assert body == expected, f"/{prefix}no-such-page/ is not served {prefix.split('/')[0] or 'the root'}'s 404 page"
        assert f'<html lang="{lang}"'.encode() in body
        assert "content-security-policy" in headers


def test_feeds_have_their_media_types(nginx_server, sample_site):
    _, port = nginx_server
    feeds = [p.relative_to(sample_site).as_posix() for p in (sample_site / "rss.xml", sample_site / "ja" / "atom.xml")]
    missing = [feed for feed in feeds if not (sample_site / feed).is_file()]
    assert not missing, f"feeds not built: {missing}"
    status, headers, body = fetch(port, "/rss.xml")
    assert status == 200 and headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert body.lstrip().startswith(b"<?xml") and b"<rss" in body
    status, headers, body = fetch(port, "/ja/atom.xml")
    assert status == 200 and headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert b"http://www.w3.org/2005/Atom" in body
    assert headers["cache-control"] == "public, max-age=600"
    assert "content-security-policy" in headers


def test_hashed_assets_are_cached_for_a_year_and_others_for_a_day(nginx_server, sample_site):
    _, port = nginx_server
    hashed = next((sample_site / "assets" / "stylesheets").glob("main.*.min.css")).relative_to(sample_site).as_posix()
    status, headers, _ = fetch(port, "/" + hashed)
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "x-content-type-options" in headers
    status, headers, _ = fetch(port, "/assets/portal/portal.css")
    assert status == 200 and headers["cache-control"] == "public, max-age=86400"
    status, headers, body = fetch(port, "/assets/portal/portal.css", {"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip" and body[:2] == b"\x1f\x8b"


def test_search_index_chunks_are_immutable_and_its_entry_file_revalidated(nginx_server, sample_site):
    _, port = nginx_server
    chunk = next((sample_site / "pagefind").rglob("*.pf_fragment")).relative_to(sample_site).as_posix()
    status, headers, _ = fetch(port, "/" + chunk)
    assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers, _ = fetch(port, "/pagefind/pagefind-entry.json")
    assert status == 200 and headers["cache-control"] == "no-cache"


@pytest.mark.browser
def test_pages_work_in_chromium_under_the_content_security_policy(nginx_server, sample_site, page):
    base, _ = nginx_server
    page.add_init_script("""window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));""")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    article = next(p for p in sorted((sample_site / "ja" / "news").glob("*/*/index.html")) if 'class="portal-article"' in p.read_text(encoding="utf-8"))
    public = detect_site_url(sample_site)
    paths = ["", "ja/", article.parent.relative_to(sample_site).as_posix() + "/", "ja/sitemap/", "ja/privacy/"]
    procedures = sample_site / "ja" / "procedures"
    if (procedures / "index.html").is_file():
        paths.append("ja/procedures/")
        paths += [p.parent.relative_to(sample_site).as_posix() + "/" for p in sorted(procedures.glob("*/index.html"))[:1]]
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        opener = page.locator(".portal-search-open")
        if opener.count() and opener.first.is_visible():
            opener.first.click()
            page.locator("#portal-search-input").fill("2024")
            page.wait_for_function("() => document.querySelector('.portal-search__status')?.textContent.trim().length > 0", timeout=15_000)
        # Material's bundle ran: it sets up the palette toggle and the header's language menu.
        assert page.evaluate("typeof __md_scope") == "object", f"/{path}: Material's inline script did not run"
        assert page.evaluate("!!document.querySelector('[data-md-component=palette]')")
        # Material's bundle fetches sitemap.xml at the public address (site_url): the same
        # origin, so allowed, in production; another origin only here on 127.0.0.1.
        violations = [v for v in page.evaluate("window.__cspViolations") if not v.split(" ", 1)[1].startswith(public)]
        assert not violations, f"/{path}: blocked by the Content-Security-Policy: {violations}"
    assert not errors, errors


def assert_not_found_page(port: int, path: str, sample_site: Path) -> None:
    status, headers, body = fetch(port, path)
    assert status == 404, f"{path} is answered {status}, not 404"
    assert body == (sample_site / "404.html").read_bytes(), f"{path} does not answer like a page that does not exist"
    assert SECRET.encode() not in body
    assert "content-security-policy" in headers


@pytest.mark.parametrize("path", ["/" + name for name in PLANTED] + [
    "/.git/", "/.git", "/%2Egit/config", "/%2egit/HEAD", "//.env", "/news/./.hidden", "/ja/../.env",
])
def test_dotfiles_and_editors_backups_in_the_web_root_are_not_served(nginx_server, sample_site, path):
    _, port = nginx_server
    assert_not_found_page(port, path, sample_site)


def test_well_known_files_are_served(nginx_server):
    _, port = nginx_server
    status, headers, body = fetch(port, "/.well-known/security.txt")
    assert status == 200 and body.decode() == SECURITY_TXT
    assert headers["content-type"] == "text/plain; charset=utf-8"
    for name in SECURITY_HEADERS:
        assert name.lower() in headers
    status, _, body = fetch(port, f"/.well-known/acme-challenge/{ACME_TOKEN}")
    assert status == 200 and body.decode() == ACME_TOKEN + ".key"


@pytest.mark.parametrize("path", ["/hostname.txt", "/news/etc/hostname", "/en/copy.html", "/ja-mirror/", "/ja-mirror/index.html"])
def test_symbolic_links_in_the_web_root_are_not_followed(nginx_server, sample_site, path):
    """Neither to a file outside the root nor to a page of the site itself; the root's own path
    may be a link (every other test here is served through one)."""
    _, port = nginx_server
    status, _, body = fetch(port, path)
    assert status == 404, f"{path} is answered {status}, not 404"
    assert SECRET.encode() not in body
    assert body == (sample_site / ("en/404.html" if path.startswith("/en/") else "404.html")).read_bytes()
