"""Scheduled publishing and change notes in built sites, and the publishing timer.

One small project (the project's own pages, procedures and data, and a few articles) is built
four times, once each for the module, at moments given by PORTAL_NOW:

- `before` (NOW1, `portal build --jobs 1`): a scheduled article, and the Japanese version of
  another, are not out yet;
- `same` (an hour later, still before them; a plain `mkdocs build` without the speed-ups): the
  same bytes, since the output depends on the moment only through what is published;
- `after` (NOW2, after their times, through scripts/publish.sh into a web root: `portal build`
  with two processes, the link check, rsync): they are out, everywhere;
- `future` (NOW1 with the preview's switch, PORTAL_PREVIEW_FUTURE, which `portal serve --future`
  sets): they are shown, and every page says it is a preview.

The `after` build reuses the content cache the earlier builds kept, which must not hide what has
come out since."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from sitebuild import MKDOCS_ENV, PROJECT, article, build_or_fail, copy_project, write
from test_build_parallel import assert_same_site

NOW1 = "2026-12-01T12:00:00+07:00"
NOW1_LATER = "2026-12-01T13:00:00+07:00"
NOW2 = "2026-12-15T12:00:00+07:00"
PORTAL = Path(sys.executable).parent / "portal"

SCHEDULED_TITLE = "Hội nghị hẹn giờ HENGIO-VI"
SCHEDULED_EN_TITLE = "Scheduled conference HENGIO-EN"
PARTIAL_JA_TITLE = "一部予約の記事 MOTPHAN-JA"
FAR_TITLE = "Bài đăng năm sau HENXA-VI"

pytestmark = pytest.mark.site_build


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("schedule") / "project", with_content=False)
    docs = project / "docs"
    article(docs, "news/2026/da-dang", "vi", "Bài đã đăng", "2026-11-20T09:00:00+07:00", ["doi-ngoai"])
    article(docs, "news/2026/da-dang", "en", "Published article")
    # Wholly scheduled, in a category of its own here, linked from nothing published.
    article(docs, "news/2026/hen-gio", "vi", SCHEDULED_TITLE, "2026-12-07T08:00:00+07:00", ["chuyen-doi-so"])
    article(docs, "news/2026/hen-gio", "en", SCHEDULED_EN_TITLE)
    # Published in Vietnamese, scheduled in Japanese.
    article(docs, "news/2026/mot-phan", "vi", "Bài một phần", "2026-11-25T10:00:00+07:00", ["thong-bao"])
    article(docs, "news/2026/mot-phan", "ja", PARTIAL_JA_TITLE, "2026-12-10T09:00:00+07:00")
    # Changed after its publication, with a change note (markup in it stays text).
    article(docs, "news/2026/cap-nhat", "vi", "Bài có cập nhật", "2026-11-10T08:00:00+07:00", ["thong-bao"],
            updated="2026-11-24", change_note='"Bổ sung danh sách <b>đại biểu</b>."')
    article(docs, "news/2026/cap-nhat", "en", "Updated article", updated="2026-11-26T15:30:00+07:00",
            change_note='"Added the list of delegates."')
    # Scheduled beyond every build: always listed by the build.
    article(docs, "news/2027/nam-sau", "vi", FAR_TITLE, "2027-06-01T08:00:00+07:00")
    # A checkout as on the server: what the builds write is not part of it.
    write(project / ".gitignore", "/.cache/\n/before/\n/same/\n/after/\n/future/\n/scripts/\n")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "content"],
                   cwd=project, check=True)
    return project


def run_portal(project: Path, *argv: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(PORTAL), *argv], cwd=project, capture_output=True, text=True,
                          env={**MKDOCS_ENV, **env})


@pytest.fixture(scope="module")
def before(project) -> tuple[Path, str]:
    result = run_portal(project, "build", "--jobs", "1", "--site-dir", str(project / "before"), env={"PORTAL_NOW": NOW1})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "before", result.stdout + result.stderr


@pytest.fixture(scope="module")
def same(project, before) -> Path:
    return build_or_fail(project, project / "same", env={"PORTAL_NOW": NOW1_LATER, "PORTAL_BUILD_SPEEDUPS": "0"})


@pytest.fixture(scope="module")
def web_root(project, before, same) -> Path:
    return project.parent / "www"


def publish(project: Path, web_root: Path, now: str, **env) -> subprocess.CompletedProcess:
    script = project / "scripts" / "publish.sh"
    script.parent.mkdir(exist_ok=True)
    shutil.copy(PROJECT / "scripts" / "publish.sh", script)
    # Its messages come from the package's catalogue, beside it in a checkout.
    shutil.copytree(PROJECT / "scripts" / "portal", script.parent / "portal", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    return subprocess.run([str(script)], cwd=project, capture_output=True, text=True,
                          env={**MKDOCS_ENV, "PORTAL_NOW": now, "PORTAL_WEB_ROOT": str(web_root),
                               "PORTAL_SITE_DIR": str(project / "after"), "PORTAL_COMMAND": str(PORTAL), **env})


@pytest.fixture(scope="module")
def after(project, web_root) -> tuple[Path, str]:
    result = publish(project, web_root, NOW2)
    assert result.returncode == 0, result.stdout + result.stderr
    return web_root, result.stdout + result.stderr


@pytest.fixture(scope="module")
def future(project, after) -> Path:
    return build_or_fail(project, project / "future", env={"PORTAL_NOW": NOW1, "PORTAL_PREVIEW_FUTURE": "1"})


def every_text(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8", errors="replace")
            for path in site.rglob("*") if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js")}


def holding(site: Path, text: str) -> list[str]:
    return sorted(rel for rel, content in every_text(site).items() if text in content)


def feed_titles(site: Path, rel: str) -> list[str]:
    return [entry.title for entry in feedparser.parse((site / rel).read_bytes()).entries]


def indexed_pages(site: Path) -> dict[str, int]:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: details["page_count"] for lang, details in entry["languages"].items()}


# -- before its time -------------------------------------------------------------------------------

def test_a_scheduled_article_is_nowhere_before_its_time(before):
    site, _ = before
    for title in (SCHEDULED_TITLE, SCHEDULED_EN_TITLE, PARTIAL_JA_TITLE, FAR_TITLE, "HENGIO", "hen-gio", "nam-sau"):
        assert holding(site, title) == [], f"{title} leaks"
    assert not (site / "news/2026/hen-gio").exists() and not (site / "en/news/2026/hen-gio").exists()
    # No page: no stand-in either, in any language.
    assert not (site / "ja/news/2026/hen-gio").exists()
    assert not (site / "news/2027").exists()


def test_a_partially_scheduled_article_is_published_per_language(before, after):
    site, _ = before
    ja_page = (site / "ja/news/2026/mot-phan/index.html").read_text(encoding="utf-8")
    assert 'name="robots" content="noindex' in ja_page, "the Japanese page is the 'not available' stand-in"
    assert "Bài một phần" in ja_page and PARTIAL_JA_TITLE not in ja_page
    vi_page = (site / "news/2026/mot-phan/index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" hreflang="ja"' not in vi_page
    assert "mot-phan" not in (site / "ja/news/index.html").read_text(encoding="utf-8")
    assert feed_titles(site, "ja/rss.xml") == []

    site, _ = after
    ja_page = (site / "ja/news/2026/mot-phan/index.html").read_text(encoding="utf-8")
    assert PARTIAL_JA_TITLE in ja_page and "noindex" not in ja_page
    assert 'rel="alternate" hreflang="ja"' in (site / "news/2026/mot-phan/index.html").read_text(encoding="utf-8")
    assert feed_titles(site, "ja/rss.xml") == [PARTIAL_JA_TITLE]


def test_the_build_lists_what_is_scheduled_and_when(before, after):
    _, output = before
    assert "4 versions are scheduled" in output
    for line in ("2026-12-07 08:00 (+07:00)  docs/news/2026/hen-gio.en.md: " + SCHEDULED_EN_TITLE,
                 "2026-12-07 08:00 (+07:00)  docs/news/2026/hen-gio.vi.md: " + SCHEDULED_TITLE,
                 "2026-12-10 09:00 (+07:00)  docs/news/2026/mot-phan.ja.md: " + PARTIAL_JA_TITLE):
        assert line in output
    _, output = after  # `portal build` in several processes says it once
    assert output.count("1 version is scheduled") == 1 and FAR_TITLE in output and SCHEDULED_TITLE not in output


def test_the_output_depends_on_the_moment_only_through_what_is_published(before, same):
    assert_same_site(before[0], same)


# -- after it ------------------------------------------------------------------------------------

def test_at_the_first_build_after_its_time_it_is_everywhere(before, after):
    site, output = after
    assert "publish: built at " + NOW2 in output
    page = (site / "news/2026/hen-gio/index.html").read_text(encoding="utf-8")
    assert SCHEDULED_TITLE in page
    assert SCHEDULED_EN_TITLE in (site / "en/news/2026/hen-gio/index.html").read_text(encoding="utf-8")
    for listing in ("index.html", "news/index.html", "news/category/chuyen-doi-so/index.html", "news/2026/index.html"):
        assert SCHEDULED_TITLE in (site / listing).read_text(encoding="utf-8"), listing
    assert feed_titles(site, "rss.xml")[0] == SCHEDULED_TITLE
    assert SCHEDULED_TITLE in feed_titles(site, "news/category/chuyen-doi-so/atom.xml")
    assert feed_titles(site, "en/atom.xml")[0] == SCHEDULED_EN_TITLE
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/news/2026/hen-gio/</loc>" in sitemap and "/en/news/2026/hen-gio/</loc>" in sitemap
    # Pages not built are not indexed; once built, they are.
    grown = {lang: count - indexed_pages(before[0])[lang] for lang, count in indexed_pages(site).items()}
    assert grown == {"vi": 1, "en": 1, "ja": 1, "zh": 0, "ko": 0}
    assert FAR_TITLE not in "".join(every_text(site).values())


def test_the_timer_skips_a_run_with_nothing_new_and_builds_when_a_time_has_come(project, after, tmp_path):
    web_root, _ = after
    stamp = (web_root / "index.html").stat().st_mtime_ns
    again = publish(project, web_root, NOW2)
    assert again.returncode == 0 and "publish: built" not in again.stdout + again.stderr
    assert (web_root / "index.html").stat().st_mtime_ns == stamp
    # When the article of 2027 comes out, the timer builds (here a stand-in for `portal build`
    # records the call; `portal check` is the real one).
    calls = tmp_path / "calls"
    stand_in = tmp_path / "portal"
    stand_in.write_text(f'#!/bin/sh\nif [ "$1" = check ]; then exec {PORTAL} "$@"; fi\necho "$@" >>{calls}\n'
                        f'mkdir -p "$3" && echo built >"$3/built.txt"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    later = publish(project, tmp_path / "www", "2027-06-01T08:15:00+07:00", PORTAL_COMMAND=str(stand_in),
                    PORTAL_SITE_DIR=str(tmp_path / "site"))
    assert later.returncode == 0, later.stderr
    made = calls.read_text(encoding="utf-8").splitlines()
    assert made[0].startswith("build --site-dir") and made[1].startswith("linkcheck --site")
    # A problem stops the run before anything is built or copied.
    write(project / "docs/news/2026/loi.vi.md", "---\ntitle: Lỗi\ndate: 05/12/2026\n---\n")
    try:
        failed = publish(project, tmp_path / "www", "2027-06-01T08:30:00+07:00", PORTAL_COMMAND=str(stand_in),
                         PORTAL_SITE_DIR=str(tmp_path / "site"))
    finally:
        (project / "docs/news/2026/loi.vi.md").unlink()
    assert failed.returncode == 1 and "day-first" in failed.stderr and "nothing was built" in failed.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == made


# -- change notes and last-updated lines --------------------------------------------------------------

def text_of(html: str, css_class: str) -> str:
    found = re.search(rf'<p class="{css_class}"[^>]*>(.*?)</p>', html, re.S)
    assert found, css_class
    return found.group(1)


def test_an_article_shows_its_change_note_and_a_last_updated_line(before):
    site, _ = before
    page = (site / "news/2026/cap-nhat/index.html").read_text(encoding="utf-8")
    assert text_of(page, "portal-last-updated") == (
        'Cập nhật ngày <time datetime="2026-11-24">24/11/2026</time>: Bổ sung danh sách &lt;b&gt;đại biểu&lt;/b&gt;.')
    assert '<meta property="article:modified_time" content="2026-11-24">' in page
    english = (site / "en/news/2026/cap-nhat/index.html").read_text(encoding="utf-8")
    assert text_of(english, "portal-last-updated") == (
        'Updated on <time datetime="2026-11-26T15:30:00+07:00">November 26, 2026</time>: Added the list of delegates.')
    # Never changed: the publication date, and no modified time.
    unchanged = (site / "news/2026/da-dang/index.html").read_text(encoding="utf-8")
    assert text_of(unchanged, "portal-last-updated") == (
        'Cập nhật lần cuối: <time datetime="2026-11-20T09:00:00+07:00">20/11/2026</time>')
    assert "article:modified_time" not in unchanged


def test_pages_show_their_own_last_update_or_none(before):
    site, _ = before
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert text_of(about, "portal-last-updated").startswith('Cập nhật ngày <time datetime="2025-10-01">01/10/2025</time>: ')
    assert "portal-last-updated" not in (site / "en/about/index.html").read_text(encoding="utf-8")
    # The home page changes with the news it lists: its newest change (the English update is
    # the English home page's).
    home = (site / "index.html").read_text(encoding="utf-8")
    assert text_of(home, "portal-last-updated") == (
        'Cập nhật lần cuối: <time datetime="2026-11-25T10:00:00+07:00">25/11/2026</time>')
    english_home = (site / "en/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-26T15:30:00+07:00">' in text_of(english_home, "portal-last-updated")


def test_feeds_and_sitemap_carry_the_last_change(before):
    site, _ = before
    feed = feedparser.parse((site / "en/atom.xml").read_bytes())
    updated = next(entry for entry in feed.entries if entry.title == "Updated article")
    assert updated.published.startswith("2026-11-10T08:00:00") and updated.updated.startswith("2026-11-26T15:30:00")
    assert feed.feed.updated.startswith("2026-11-26T15:30:00"), "the feed's updated: its newest change"
    vi_feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert vi_feed.feed.updated.startswith("2026-11-25T10:00:00")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    base = "https://ngoaivu.haiphong.gov.vn/"
    assert lastmod[base + "news/2026/cap-nhat/"] == "2026-11-24"
    assert lastmod[base + "en/news/2026/cap-nhat/"] == "2026-11-26T15:30:00+07:00"
    assert lastmod[base + "news/2026/da-dang/"] == "2026-11-20T09:00:00+07:00"
    assert lastmod[base + "about/"] == "2025-10-01" and base + "en/about/" not in lastmod
    assert lastmod[base + "news/"] == lastmod[base] == "2026-11-25T10:00:00+07:00"
    assert lastmod[base + "procedures/abtc-doanh-nhan/"] == lastmod[base + "en/procedures/abtc-doanh-nhan/"] == "2025-06-16"
    assert lastmod[base + "procedures/"] == "2025-06-16", "the catalogue: its newest record"


# -- the preview of the future ------------------------------------------------------------------------

def test_the_preview_of_the_future_shows_scheduled_articles_and_says_so(before, future):
    page = (future / "news/2026/hen-gio/index.html").read_text(encoding="utf-8")
    assert SCHEDULED_TITLE in page and 'class="portal-preview-future"' in page
    assert PARTIAL_JA_TITLE in (future / "ja/news/2026/mot-phan/index.html").read_text(encoding="utf-8")
    assert "Bản xem trước" in (future / "index.html").read_text(encoding="utf-8")
    assert holding(before[0], "portal-preview-future") == []


# -- the timer's units ----------------------------------------------------------------------------------

def test_the_systemd_units_and_the_cron_line_are_valid(tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    for unit in ("portal-publish.service", "portal-publish.timer"):
        text = (PROJECT / "deploy/systemd" / unit).read_text(encoding="utf-8")
        (units / unit).write_text(text.replace("/srv/portal", str(PROJECT)).replace("/var/www/portal/site", str(tmp_path)),
                                  encoding="utf-8")
    timer = (units / "portal-publish.timer").read_text(encoding="utf-8")
    assert "OnCalendar=*:00/15" in timer and "Persistent=true" in timer
    analyze = shutil.which("systemd-analyze")
    if analyze:
        result = subprocess.run([analyze, "verify", "--man=no", *(str(units / unit) for unit in sorted(os.listdir(units)))],
                                capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
        calendar = subprocess.run([analyze, "calendar", "*:00/15"], capture_output=True, text=True)
        assert "*-*-* *:00/15:00" in calendar.stdout
    else:  # without systemd: the settings the timer relies on, read as an INI file
        import configparser

        parser = configparser.ConfigParser(strict=False)
        parser.read_string(timer)
        assert parser["Timer"]["Unit"] == "portal-publish.service"
    cron = [line for line in (PROJECT / "deploy/cron/portal-publish").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and "=" not in line.split()[0]]
    assert cron == ["*/15 * * * * portal /srv/portal/scripts/publish.sh 2>&1 | logger -t portal-publish"]
    assert os.access(PROJECT / "scripts/publish.sh", os.X_OK)
    assert subprocess.run(["sh", "-n", str(PROJECT / "scripts/publish.sh")]).returncode == 0


def test_what_is_scheduled_is_kept_with_the_checks_verdict(project, tmp_path):
    """`portal build` prints what is scheduled from the checks' kept verdict (not reading every
    article again) while it stands: the same entries as from the articles; none past a
    scheduled time, where the verdict no longer stands."""
    from datetime import datetime

    from portal.content.news import load_news
    from portal.content.schedule import scheduled_entries
    from portal.mkdocs_adapter.content_cache import checks_unless_unchanged, kept_schedule

    docs, record = project / "docs", tmp_path / "checked"
    now = datetime.fromisoformat(NOW1)
    assert kept_schedule(docs, record, now) is None
    assert checks_unless_unchanged(docs, record, project, now=now) == []
    expected = scheduled_entries(load_news(docs, now=now)[0], now)
    assert {SCHEDULED_TITLE, SCHEDULED_EN_TITLE, PARTIAL_JA_TITLE} <= {title for _time, _path, title in expected}
    assert kept_schedule(docs, record, now) == expected
    assert kept_schedule(docs, record, datetime.fromisoformat(NOW2)) is None
