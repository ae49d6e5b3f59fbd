"""Scheduled publishing and change notes without a build: the one clock (`portal.clock`,
`PORTAL_NOW`), the "published at moment t" rule of the news model and its properties, the steady
span the caches rely on, `portal check` (what is scheduled, links to scheduled articles, change
notes), `portal count` at a moment, `portal review --note` and `portal new`'s archetype. Every
moment is injected; nothing here reads the machine's clock or sleeps."""

from __future__ import annotations

import re

import json
import shutil
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.cli import main
from portal.clock import ClockError, current_moment
from portal.content.change_notes import change_problems, last_change
from portal.content.news import Article, News, Version, load_news
from portal.content_checks import run_checks
from portal.counting.counts import Period, count_period
from portal.front_matter import read_document
from portal.languages import CODES
from portal.timezone import VIETNAM_OFFSET
from sitebuild import PROJECT, article, write

BASE = datetime(2026, 12, 1, 12, 0, tzinfo=VIETNAM_OFFSET)
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True)


def make_docs(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    return docs


# -- the clock ------------------------------------------------------------------------------------

def test_the_moment_comes_from_portal_now_in_vietnam_time():
    assert current_moment({"PORTAL_NOW": "2026-12-07T08:00:00+07:00"}) == datetime(2026, 12, 7, 8, tzinfo=VIETNAM_OFFSET)
    assert current_moment({"PORTAL_NOW": "2026-12-07T01:00:00Z"}) == datetime(2026, 12, 7, 8, tzinfo=VIETNAM_OFFSET)
    assert current_moment({"PORTAL_NOW": "2026-12-07"}) == datetime(2026, 12, 7, tzinfo=VIETNAM_OFFSET)
    machine = current_moment({})
    assert machine.utcoffset() == timedelta(hours=7) and machine.microsecond == 0


def test_an_unreadable_portal_now_is_refused_with_the_fix(tmp_path, monkeypatch, capsys):
    with pytest.raises(ClockError, match="PORTAL_NOW='07/12/2026'.*2026-12-07"):
        current_moment({"PORTAL_NOW": "07/12/2026"})
    docs = make_docs(tmp_path)
    monkeypatch.setenv("PORTAL_NOW", "tomorrow")
    assert main(["check", "--docs", str(docs)]) == 2
    assert main(["count", "--docs", str(docs), "--period", "2025"]) == 2
    assert capsys.readouterr().err.count("PORTAL_NOW='tomorrow'") == 2


# -- the rule, as properties -----------------------------------------------------------------------

offsets = st.integers(min_value=-60 * 24 * 40, max_value=60 * 24 * 40).map(lambda minutes: timedelta(minutes=minutes))


@st.composite
def articles(draw, key="news/2026/a"):
    """An article of random versions: each with or without its own date, some drafts."""
    article = Article(key)
    for lang in draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True)):
        own = BASE + draw(offsets) if lang == "vi" or draw(st.booleans()) else None
        meta = {"title": f"{key} {lang}", "draft": draw(st.booleans()),
                "categories": [draw(st.sampled_from(["doi-ngoai", "thong-bao"]))]}
        article.versions[lang] = Version(f"{key}.{lang}.md", key, lang, meta, own_time=own)
    return article


@BOUNDED
@given(articles(), offsets, st.integers(min_value=0, max_value=60 * 24 * 60))
def test_a_version_published_at_t_is_published_at_every_later_moment(article, offset, later_minutes):
    t = BASE + offset
    later = t + timedelta(minutes=later_minutes)
    for lang, version in article.versions.items():
        article.now = t
        at_t, scheduled_at_t = article.is_published(lang), article.is_scheduled(lang)
        article.now = later
        assert not at_t or article.is_published(lang)
        # The rule itself: not a draft, dated, and the time has come.
        moment = article.publication_time(lang)
        assert at_t == (not version.draft and moment is not None and moment <= t)
        assert scheduled_at_t == (not version.draft and moment is not None and moment > t)
    article.now = t
    published = article.published_languages()
    assert article.first_publication == (min(article.publication_time(lang) for lang in published) if published else None)
    assert set(article.categories) == {slug for lang in published for slug in article.versions[lang].categories}


@st.composite
def corpora(draw):
    news = News()
    for number in range(draw(st.integers(min_value=1, max_value=8))):
        key = f"news/2026/a{number}"
        news.articles[key] = draw(articles(key))
    return news


def figures(news: News, now: datetime, period: Period):
    news.judge_at(now)
    counts = count_period(news, period, categories=["doi-ngoai", "thong-bao"])
    return counts.articles, counts.versions, counts.by_language, counts.by_category


@BOUNDED
@given(corpora(), offsets, st.integers(min_value=0, max_value=60 * 24 * 60), offsets, st.integers(min_value=0, max_value=90))
def test_counts_never_decrease_as_now_grows_and_a_past_period_never_changes(news, offset, later_minutes, start, days):
    now = BASE + offset
    later = now + timedelta(minutes=later_minutes)
    first_day = (BASE + start).date()
    period = Period(first_day, first_day + timedelta(days=days))
    articles_then, versions_then, languages_then, categories_then = figures(news, now, period)
    articles_later, versions_later, languages_later, categories_later = figures(news, later, period)
    assert articles_later >= articles_then and versions_later >= versions_then
    assert all(languages_later[lang] >= count for lang, count in languages_then.items())
    assert all(categories_later[slug].articles >= figures_then.articles
               and categories_later[slug].versions >= figures_then.versions
               for slug, figures_then in categories_then.items())
    if period.end < now.date():
        assert (articles_later, versions_later) == (articles_then, versions_then)
    # Nothing scheduled at the moment of the count is ever counted.
    news.judge_at(now)
    counted = sum(1 for article in news.articles.values() for lang in article.versions if article.is_published(lang)
                  and period.start <= article.publication_time(lang).date() <= period.end)
    assert versions_then == counted


@BOUNDED
@given(corpora(), offsets, st.floats(min_value=0, max_value=1))
def test_the_site_is_the_same_anywhere_in_the_steady_span(news, offset, fraction):
    """What the caches rely on: between `since` and `until` the published versions do not change."""
    now = BASE + offset
    since, until = news.steady_span(now)
    news.judge_at(now)
    published = {(key, lang) for key, article in news.articles.items() for lang in article.published_languages()}
    low = since or now - timedelta(days=400)
    high = until or now + timedelta(days=400)
    inside = low + (high - low) * fraction
    if inside >= high:
        inside = low
    news.judge_at(inside)
    assert {(key, lang) for key, article in news.articles.items() for lang in article.published_languages()} == published
    if until is not None:
        news.judge_at(until)
        assert {(key, lang) for key, article in news.articles.items() for lang in article.published_languages()} != published


# -- change notes ------------------------------------------------------------------------------------

PUBLISHED = datetime(2025, 12, 20, 9, 0, tzinfo=VIETNAM_OFFSET)


@pytest.mark.parametrize("meta, fields", [
    ({"updated": "2025-12-24", "change_note": "Bổ sung danh sách."}, []),
    ({"updated": "2025-12-20"}, []),  # the day of the publication: a bare date is a day
    ({"updated": "2025-12-20T08:00:00+07:00"}, ["updated"]),  # an hour before it
    ({"updated": "2025-12-19"}, ["updated"]),
    ({"updated": "24/12/2025"}, ["updated"]),
    ({"updated": "2026-12-02"}, ["updated"]),  # after the moment of the check
    ({"change_note": "Sửa lỗi chính tả."}, ["change_note"]),
    ({"updated": "2025-12-24", "change_note": ""}, ["change_note"]),
    ({"updated": "2025-12-24", "change_note": ["a", "b"]}, ["change_note"]),
])
def test_change_problems(meta, fields):
    now = datetime(2026, 12, 1, 12, 0, tzinfo=VIETNAM_OFFSET)
    assert [field for field, _, _ in change_problems(meta, PUBLISHED, now)] == fields


def test_the_last_change_is_the_update_else_the_publication():
    assert last_change({}, PUBLISHED).moment == PUBLISHED
    assert last_change({}, None) is None
    change = last_change({"updated": "2025-12-24", "change_note": " Bổ sung. "}, PUBLISHED)
    assert (change.moment.date(), change.day_only, change.note) == (date(2025, 12, 24), True, "Bổ sung.")
    # A bare date on the publication's day keeps the publication's time, and the note.
    same_day = last_change({"updated": "2025-12-20", "change_note": "Sửa ảnh."}, PUBLISHED)
    assert (same_day.moment, same_day.note) == (PUBLISHED, "Sửa ảnh.")


# -- portal check -----------------------------------------------------------------------------------

NOW = "2026-12-01T12:00:00+07:00"


@pytest.fixture
def scheduled_docs(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_NOW", NOW)
    docs = make_docs(tmp_path)
    article(docs, "news/2026/da-dang", "vi", "Đã đăng", "2026-11-20", ["doi-ngoai"])
    article(docs, "news/2026/hen-gio", "vi", "Hẹn giờ", "2026-12-07T08:00:00+07:00", ["thong-bao"])
    article(docs, "news/2026/hen-gio", "en", "Scheduled")
    article(docs, "news/2026/mot-phan", "vi", "Một phần", "2026-11-25")
    article(docs, "news/2026/mot-phan", "ja", "一部", "2026-12-10T09:00:00+07:00")
    return docs


def test_check_lists_what_is_scheduled_and_when_as_information(scheduled_docs, capsys):
    assert main(["check", "--docs", str(scheduled_docs)]) == 0
    out = capsys.readouterr().out
    assert "3 versions are scheduled" in out and "No problems found." in out
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert [line.split("docs/")[1].split(":")[0] for line in lines] == [
        "news/2026/hen-gio.en.md", "news/2026/hen-gio.vi.md", "news/2026/mot-phan.ja.md"]
    assert "2026-12-07 08:00 (+07:00)" in lines[0] and "2026-12-10 09:00 (+07:00)" in lines[2]
    assert lines[0].endswith(": Scheduled")


def test_nothing_scheduled_prints_no_list(scheduled_docs, capsys, monkeypatch):
    monkeypatch.setenv("PORTAL_NOW", "2026-12-31")
    assert main(["check", "--docs", str(scheduled_docs)]) == 0
    assert "scheduled" not in capsys.readouterr().out


def test_links_to_an_article_not_published_by_then_are_refused(scheduled_docs):
    docs = scheduled_docs
    write(docs / "news/2026/tro-toi.vi.md",
          "---\ntitle: Trỏ tới\ndate: 2026-11-30\n---\n\nXem [bài hẹn giờ](hen-gio.md).\n")
    # Scheduled after the article it links to: fine, both are out by then.
    write(docs / "news/2026/sau-do.vi.md",
          "---\ntitle: Sau đó\ndate: 2026-12-08\n---\n\nXem [bài hẹn giờ](hen-gio.md).\n")
    # Scheduled before it: the link would be broken for a day.
    write(docs / "news/2026/truoc-do.vi.md",
          "---\ntitle: Trước đó\ndate: 2026-12-05\n---\n\nXem [bài hẹn giờ](hen-gio.md).\n")
    write(docs / "about.vi.md", "---\ntitle: Giới thiệu\n---\n\nXem [bài hẹn giờ](news/2026/hen-gio.md).\n")
    problems = {(p.path.rsplit("/", 1)[-1], p.field): p for p in run_checks(docs)}
    assert set(problems) == {("tro-toi.vi.md", "link"), ("truoc-do.vi.md", "link"), ("about.vi.md", "link")}
    assert "scheduled for 2026-12-07 08:00 (+07:00), not published yet" in problems["tro-toi.vi.md", "link"].message
    assert "after this page (2026-12-05 00:00 (+07:00))" in problems["truoc-do.vi.md", "link"].message
    # Once the article is out, the links are fine.
    assert run_checks(docs, now=datetime(2026, 12, 7, 8, 0, tzinfo=VIETNAM_OFFSET)) == []


def test_check_refuses_a_change_dated_before_the_publication_or_in_the_future(scheduled_docs):
    docs = scheduled_docs
    article(docs, "news/2026/sua", "vi", "Sửa", "2026-11-20T09:00:00+07:00", updated="2026-11-19",
            change_note='"Sửa tên đoàn."')
    article(docs, "news/2026/sua", "en", "Fixed", updated="2026-11-21", change_note='"Corrected the name."')
    article(docs, "news/2026/sua", "ja", "修正", updated="2026-12-02")
    write(docs / "about.vi.md", "---\ntitle: Giới thiệu\nchange_note: Cập nhật số điện thoại.\n---\n\nNội dung.\n")
    problems = {(p.path.rsplit("/", 1)[-1], p.field, p.line) for p in run_checks(docs)}
    assert problems == {("sua.vi.md", "updated", 4), ("sua.ja.md", "updated", 3), ("about.vi.md", "change_note", 3)}


# -- portal count ----------------------------------------------------------------------------------

def count_json(capsys, docs, period) -> tuple[dict, str]:
    assert main(["count", "--docs", str(docs), "--period", period, "--format", "json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_count_ignores_what_is_scheduled_and_says_when_the_period_reaches_into_the_future(scheduled_docs, capsys):
    figures, note = count_json(capsys, scheduled_docs, "2026-12")
    assert (figures["articles"], figures["versions"]) == (0, 0)
    assert "the period reaches into the future: counted what was published up to 2026-12-01 12:00 (+07:00)" in note
    figures, note = count_json(capsys, scheduled_docs, "2026-11")
    assert (figures["articles"], figures["versions"]) == (2, 2) and "future" not in note


def test_count_after_the_time_counts_it(scheduled_docs, capsys, monkeypatch):
    monkeypatch.setenv("PORTAL_NOW", "2027-01-01")
    figures, note = count_json(capsys, scheduled_docs, "2026-12")
    assert (figures["articles"], figures["versions"]) == (1, 3) and "future" not in note


def test_a_partially_scheduled_article_is_published_per_language(scheduled_docs):
    news, problems = load_news(scheduled_docs)
    assert problems == []
    partial = news.articles["news/2026/mot-phan"]
    assert partial.published_languages() == ["vi"] and partial.is_scheduled("ja")
    assert [article.key for article in news.published("ja")] == []


# -- portal review --note, portal new -----------------------------------------------------------------

def test_review_note_records_a_change_on_a_source_and_on_a_translation(scheduled_docs, capsys):
    docs = scheduled_docs
    source = docs / "news/2026/da-dang.vi.md"
    translation = article(docs, "news/2026/da-dang", "en", "Published", translation_status="machine")
    assert main(["review", str(source), "--note", "Bổ sung danh sách đại biểu.", "--docs", str(docs)]) == 0
    meta = read_document(source).meta
    assert (meta["updated"], meta["change_note"]) == ("2026-12-01T12:00:00+07:00", "Bổ sung danh sách đại biểu.")
    assert "translation_status" not in meta
    assert main(["review", str(translation), "--note", "Added the list of delegates.", "--updated", "30/11/2026",
                 "--docs", str(docs)]) == 0
    meta = read_document(translation).meta
    assert (meta["translation_status"], meta["updated"]) == ("reviewed", "2026-11-30")
    assert run_checks(docs) == []
    capsys.readouterr()


def test_review_note_refuses_what_check_would_refuse(scheduled_docs, capsys):
    docs = scheduled_docs
    scheduled = docs / "news/2026/hen-gio.vi.md"
    before = scheduled.read_text(encoding="utf-8")
    assert main(["review", str(scheduled), "--note", "Sửa.", "--docs", str(docs)]) == 2
    assert "before the publication" in capsys.readouterr().err
    assert scheduled.read_text(encoding="utf-8") == before
    assert main(["review", str(docs / "news/2026/da-dang.vi.md"), "--updated", "2026-11-30", "--docs", str(docs)]) == 2
    assert main(["review", str(docs / "news/2026/da-dang.vi.md"), "--note", "  ", "--docs", str(docs)]) == 2


def test_new_dates_the_draft_at_the_moment_and_documents_scheduling_and_change_notes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PORTAL_NOW", "2026-12-01T12:00:00+07:00")
    docs = make_docs(tmp_path)
    assert main(["new", "Thông báo lịch tiếp công dân", "--docs", str(docs)]) == 0
    path = re.match(r"Created (.+\.vi\.md) \(a draft", capsys.readouterr().out).group(1)
    text = open(path, encoding="utf-8").read()
    meta = read_document(path).meta
    assert meta["date"] == "2026-12-01T12:00:00+07:00" and "updated" not in meta and "change_note" not in meta
    assert "# updated: " in text and "# change_note: " in text and "portal review" in text and "2026-12-07T08:00" in text
    assert run_checks(docs) == []
