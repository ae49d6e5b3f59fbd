"""`portal serve --lang`: a saved article is re-rendered on its own, with the pages that show it;
a change that moves it between listings rebuilds the language."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from portal.bench.corpus import CorpusShape, write_project
from portal.mkdocs_adapter.preview import PreviewSite
from portal.content.news import load_news
from portal.pages.urls import BuildLayout
from portal.pages.views import article_norm


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    shape = replace(CorpusShape(), lead_photo=0.0, draft_article=0.0, draft_translation=0.0)
    write_project(root / "project", 12, seed=11, shape=shape)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.delenv("PORTAL_BUILD_LANGUAGES", raising=False)
        site = PreviewSite(root / "project" / "mkdocs.yml", "en", root / "site")
        assert site.build_all().kind == "full"
        yield site
        assert "PORTAL_ONLY_LANGUAGE" not in os.environ, "the preview leaked its language to the process"


def english_article(preview: PreviewSite):
    news, _ = load_news(preview.docs_dir)
    article = news.published("en")[3]
    return article, preview.docs_dir / article.versions["en"].rel_path


def page_of(preview: PreviewSite, norm: str) -> str:
    return (preview.site_dir / BuildLayout("en").dest_uri("en", norm)).read_text(encoding="utf-8")


@pytest.mark.site_build
def test_a_new_headline_shows_on_the_article_and_in_the_news_list(preview):
    article, path = english_article(preview)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", 'title: "Harbour lights festival draws record crowds"', text,
                           count=1, flags=re.MULTILINE), encoding="utf-8")
    refresh = preview.refresh({path})
    assert refresh.kind == "pages"
    assert article.versions["en"].rel_path in refresh.pages
    assert len(refresh.pages) < 10, "only the pages that show the article are rendered again"
    assert "Harbour lights festival draws record crowds" in page_of(preview, article_norm(article))
    assert "Harbour lights festival draws record crowds" in page_of(preview, "news/")


@pytest.mark.site_build
def test_new_text_shows_after_a_save(preview):
    article, path = english_article(preview)
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8")
    assert preview.refresh({path}).kind == "pages"
    assert "A sentence added while previewing." in page_of(preview, article_norm(article))


@pytest.mark.site_build
def test_editor_litter_and_unrelated_files_do_not_rebuild(preview):
    assert preview.refresh({preview.config_file.parent / "README.md"}).kind == "none"


@pytest.mark.site_build
def test_a_new_category_rebuilds_the_language(preview):
    article, path = english_article(preview)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^categories: \[", "categories: [thong-bao, ", text, count=1, flags=re.MULTILINE)
                    if "thong-bao" not in text else text.replace("thong-bao", "doi-ngoai", 1), encoding="utf-8")
    assert preview.refresh({path}).kind == "full"


@pytest.mark.site_build
def test_a_new_article_rebuilds_the_language(preview):
    path = preview.docs_dir / "news" / "2025" / "preview-new-article.en.md"
    path.write_text('---\ntitle: "Brand new"\ndate: 2025-06-01\ncategories: [doi-ngoai]\n---\n\nNew.\n', encoding="utf-8")
    assert preview.refresh({path}).kind == "full"
    assert "Brand new" in page_of(preview, "news/2025/preview-new-article/")
    assert Path(preview.site_dir / "news/2025/preview-new-article/index.html").is_file()


def test_reading_files_is_not_a_change(tmp_path):
    """inotify reports files opened and closed after reading; a build reads every file of docs/,
    so the preview must not take reads for saves (each rebuild would start another)."""
    import threading

    import watchdog.events
    import watchdog.observers

    from portal.mkdocs_adapter.compat import changes_only

    article = tmp_path / "a.md"
    article.write_text("one\n", encoding="utf-8")
    seen: list[str] = []
    arrived = threading.Event()
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = lambda event: (seen.append(event.event_type), arrived.set())
    observer = changes_only(watchdog.observers.Observer())
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            article.read_text(encoding="utf-8")
        assert not arrived.wait(0.5), f"reading reported as {seen}"
        article.write_text("two\n", encoding="utf-8")
        assert arrived.wait(5), "a save is reported"
        assert set(seen) <= {"modified", "closed", "created"}
    finally:
        observer.stop()
        observer.join()


# -- a missing page: the 404 page of its language -------------------------------------------------

def _request(app, path: str) -> tuple[str, bytes]:
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    environ["PATH_INFO"] = path
    answer = {}
    body = b"".join(app(environ, lambda status, headers: answer.setdefault("status", status)))
    return answer["status"], body


def test_the_live_reload_server_answers_a_missing_page_in_its_language(tmp_path):
    """MkDocs' own server answers every missing address with the root's (Vietnamese) 404 page."""
    from mkdocs.livereload import LiveReloadServer

    from portal.mkdocs_adapter.preview import serve_language_error_pages

    site = tmp_path / "site"
    for folder, text in (("", '<html lang="vi">Không tìm thấy trang'), ("ja/", '<html lang="ja">ページが見つかりません'),
                         ("en/", '<html lang="en">Page not found')):
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / "404.html").write_text(text, encoding="utf-8")
        (site / folder / "index.html").write_text(f"home {folder}", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    try:
        serve_language_error_pages(server, site)
        app = server.get_app()
        for path, expected in (("/ja/unknown/", "ページが見つかりません"), ("/ja/news/2025/x/", "ページが見つかりません"),
                               ("/en/unknown.html", "Page not found"), ("/unknown/", "Không tìm thấy trang"),
                               ("/ko/unknown/", "Không tìm thấy trang"), ("/japan/", "Không tìm thấy trang")):
            status, body = _request(app, path)
            assert status.startswith("404") and expected in body.decode("utf-8"), (path, status, body)
        status, body = _request(app, "/ja/")
        assert status.startswith("200") and b"home ja/" in body
    finally:
        server.server_close()


@pytest.mark.site_build
def test_portal_serve_answers_a_missing_japanese_page_with_the_japanese_404_page(tmp_path):
    """`portal serve` (all languages, MkDocs' live-reload server) through the portal plugin."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from sitebuild import MKDOCS_ENV, copy_project

    project = copy_project(tmp_path / "project", with_content=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "portal"), "serve", "--address", f"127.0.0.1:{port}"]
    # Its own process group: `portal serve` runs `mkdocs serve` as a child, stopped with it.
    server = subprocess.Popen(command, cwd=project, env=MKDOCS_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/ja/", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode("utf-8", "replace")[-3000:]
                assert time.monotonic() < deadline, "portal serve did not start"
                time.sleep(0.5)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ja/unknown/", timeout=10)
        page = missing.value.read().decode("utf-8")
        assert missing.value.code == 404
        assert '<html lang="ja"' in page and "ページが見つかりません" in page
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/unknown/", timeout=10)
        assert '<html lang="vi"' in missing.value.read().decode("utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
