"""`portal new`: a draft from the archetype, dated now in Vietnam time, with a unique slug."""

import re
import shutil
from datetime import datetime, timedelta, timezone

from portal.content_checks import run_checks
from portal.cli import main
from portal.front_matter import read_document
from portal.content.new_article import create_article, make_slug
from sitebuild import PROJECT


def make_docs(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    return docs


def test_slug_transliterates_vietnamese():
    assert make_slug("Đoàn công tác Sở Ngoại vụ thăm Hàn Quốc") == "doan-cong-tac-so-ngoai-vu-tham-han-quoc"
    assert make_slug("Đẩy mạnh cải cách hành chính năm 2025!") == "day-manh-cai-cach-hanh-chinh-nam-2025"


def test_new_writes_a_valid_draft_in_the_year_folder(tmp_path, capsys):
    docs = make_docs(tmp_path)
    assert main(["new", "Hội nghị xúc tiến đầu tư Nhật Bản", "--category", "kinh-te-doi-ngoai", "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    path = re.match(r"Created (.+\.vi\.md) \(a draft", out).group(1)
    assert "portal check" in out  # and what to do next
    year = datetime.now(timezone(timedelta(hours=7))).year
    assert path.endswith(f"docs/news/{year}/hoi-nghi-xuc-tien-dau-tu-nhat-ban.vi.md")
    document = read_document(path)
    assert document.meta["title"] == "Hội nghị xúc tiến đầu tư Nhật Bản"
    assert document.meta["draft"] is True
    assert document.meta["categories"] == ["kinh-te-doi-ngoai"]
    assert document.meta["date"].endswith("+07:00")
    assert run_checks(docs) == []


def test_new_never_collides_with_an_existing_slug(tmp_path):
    docs = make_docs(tmp_path)
    when = datetime(2025, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    first = create_article(docs, "Thông báo lịch tiếp công dân", ["thong-bao"], now=when)
    second = create_article(docs, "Thông báo lịch tiếp công dân", ["thong-bao"], now=when)
    later = create_article(docs, "Thông báo lịch tiếp công dân", ["thong-bao"], now=when.replace(year=2026))
    assert (first.slug, second.slug, later.slug) == (
        "thong-bao-lich-tiep-cong-dan", "thong-bao-lich-tiep-cong-dan-2", "thong-bao-lich-tiep-cong-dan-3")
    assert first.path.read_text(encoding="utf-8") != ""  # the first file is untouched


def test_new_rejects_unknown_category(tmp_path, capsys):
    docs = make_docs(tmp_path)
    assert main(["new", "Tiêu đề", "--category", "khong-co", "--docs", str(docs)]) == 2
    assert "unknown category 'khong-co'" in capsys.readouterr().err
    assert not (docs / "news").exists()
