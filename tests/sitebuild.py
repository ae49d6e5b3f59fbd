"""Helpers for tests that build a site: a copy of the project with chosen content, built by the
real MkDocs command line, and a local HTTP server for browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS_ENV.pop("PORTAL_ONLY_LANGUAGE", None)


def copy_project(destination: Path, *, with_content: bool = True) -> Path:
    """A copy of mkdocs.yml, overrides/ and docs/ (or only docs/_data and the static pages)."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(PROJECT / "overrides", destination / "overrides", dirs_exist_ok=True)
    if with_content:
        shutil.copytree(PROJECT / "docs", destination / "docs", dirs_exist_ok=True)
    else:
        shutil.copytree(PROJECT / "docs" / "_data", destination / "docs" / "_data", dirs_exist_ok=True)
        for page in (PROJECT / "docs").glob("*.md"):
            shutil.copy(page, destination / "docs" / page.name)
        for section in ("procedures", "documents"):
            if (PROJECT / "docs" / section).is_dir():
                shutil.copytree(PROJECT / "docs" / section, destination / "docs" / section, dirs_exist_ok=True)
    return destination


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(docs: Path, key: str, lang: str, title: str, date: str | None = None, categories=(), **extra) -> Path:
    """Write `docs/<key>.<lang>.md` with the given front matter and a short body."""
    lines = ["---", f'title: "{title}"']
    if date:
        lines.append(f"date: {date}")
    if categories:
        lines.append(f"categories: [{', '.join(categories)}]")
    for name, value in extra.items():
        lines.append(f"{name}: {value}")
    lines += ["---", "", f"Body of {title}.", ""]
    return write(docs / f"{key}.{lang}.md", "\n".join(lines))


def build(project: Path, site_dir: Path | None = None, *, strict: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    site_dir = site_dir or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env={**MKDOCS_ENV, **(env or {})})


def build_or_fail(project: Path, site_dir: Path | None = None, **kwargs) -> Path:
    result = build(project, site_dir, **kwargs)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir or project / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 on a free port, in a thread; answers 404 with the site's
    own 404 page of the right language, as the shipped nginx configuration does."""

    def __init__(self, root: Path):
        root = Path(root)

        class Handler(_QuietHandler):
            def send_error(self, code, message=None, explain=None):
                if code != 404:
                    return super().send_error(code, message, explain)
                first = self.path.lstrip("/").split("/", 1)[0]
                page = root / first / "404.html" if (root / first / "404.html").is_file() else root / "404.html"
                body = page.read_bytes() if page.is_file() else b"not found"
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
