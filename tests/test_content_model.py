"""The news model of CONTENT.md: articles, versions, dates in Vietnam time, inheritance."""

from datetime import datetime, timedelta, timezone

import pytest

from portal.content.news import load_news, version_key
from portal.front_matter import FrontMatterError, parse_document, read_front_matter
from portal.timezone import DateError, parse_calendar_date, parse_publication_time
from sitebuild import article, write

VN = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-05", datetime(2025, 3, 5, 0, 0, tzinfo=VN)),
        ("2025-03-05T09:30:00", datetime(2025, 3, 5, 9, 30, tzinfo=VN)),
        ("2025-03-05T09:30:00+07:00", datetime(2025, 3, 5, 9, 30, tzinfo=VN)),
        ("2025-03-04T17:00:00Z", datetime(2025, 3, 5, 0, 0, tzinfo=VN)),
        ("2025-03-05T02:00:00+09:00", datetime(2025, 3, 5, 0, 0, tzinfo=VN)),
    ],
)
def test_publication_time_is_vietnam_time(value, expected):
    parsed = parse_publication_time(value)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=7)


def test_day_first_date_in_front_matter_is_rejected_with_the_fix():
    with pytest.raises(DateError) as error:
        parse_publication_time("05/03/2025")
    assert "2025-03-05" in error.value.fix


@pytest.mark.parametrize("text", ["2025-03-05", "05/03/2025", "5/3/2025"])
def test_calendar_dates_people_type(text):
    assert parse_calendar_date(text).isoformat() == "2025-03-05"


def test_front_matter_keeps_timestamps_as_text_and_knows_key_lines():
    document = parse_document("---\ntitle: A\ndate: 2025-03-05T09:30:00\n---\nBody\n")
    assert document.meta["date"] == "2025-03-05T09:30:00"
    assert document.key_lines == {"title": 2, "date": 3}
    assert document.body_line == 5


def test_unclosed_front_matter_is_an_error(tmp_path):
    path = write(tmp_path / "x.md", "---\ntitle: A\n")
    with pytest.raises(FrontMatterError):
        read_front_matter(path)


def test_version_key_strips_language_suffix_only_for_known_languages():
    assert version_key("news/2025/a.ja.md") == ("news/2025/a", "ja")
    assert version_key("news/2025/a.md") == ("news/2025/a", "vi")
    assert version_key("news/2025/report.v2.md") == ("news/2025/report.v2", "vi")


def test_article_groups_versions_and_translations_inherit_the_date(tmp_path):
    docs = tmp_path / "docs"
    article(docs, "news/2025/a", "vi", "Bài A", "2025-03-05", ["doi-ngoai"])
    article(docs, "news/2025/a", "en", "Article A")
    article(docs, "news/2025/a", "ja", "記事A", "2025-03-07T10:00:00+09:00", ["thong-bao"])
    write(docs / "news/2025/index.en.md", "---\ntitle: Section\n---\n")
    news, problems = load_news(docs)
    assert problems == []
    assert list(news.articles) == ["news/2025/a"]
    item = news.articles["news/2025/a"]
    assert item.publication_time("en") == datetime(2025, 3, 5, tzinfo=VN)
    assert item.publication_time("ja") == datetime(2025, 3, 7, 8, 0, tzinfo=VN)
    assert item.first_publication == datetime(2025, 3, 5, tzinfo=VN)
    assert item.categories == ["doi-ngoai", "thong-bao"]


def test_drafts_do_not_count_for_first_publication_or_categories(tmp_path):
    docs = tmp_path / "docs"
    article(docs, "news/2025/b", "vi", "Nháp", "2025-01-01", ["thong-bao"], draft="true")
    article(docs, "news/2025/b", "en", "Published", "2025-02-01", ["doi-ngoai"])
    news, problems = load_news(docs)
    item = news.articles["news/2025/b"]
    assert item.published_languages() == ["en"]
    assert item.first_publication == datetime(2025, 2, 1, tzinfo=VN)
    assert item.categories == ["doi-ngoai"]
    assert news.published("vi") == [] and news.published("en") == [item]


def test_unreadable_files_are_all_reported(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "news/2025/broken.vi.md", "---\ntitle: [unclosed\n---\n")
    article(docs, "news/2025/bad-date", "vi", "X", "05/03/2025")
    article(docs, "news/2025/no-date", "vi", "Y")
    _, problems = load_news(docs)
    fields = sorted((p.path.rsplit("/", 1)[-1], p.field) for p in problems)
    assert fields == [("bad-date.vi.md", "date"), ("broken.vi.md", "front matter"), ("no-date.vi.md", "date")]
