"""`portal check`: every kind of problem, all reported at once as file:line: field: ..., exit 1."""

import shutil

import pytest

from portal.content_checks import run_checks
from portal.cli import main
from sitebuild import PROJECT, article, write


def make_docs(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    return docs


def test_clean_content_has_no_problems(tmp_path, capsys):
    docs = make_docs(tmp_path)
    article(docs, "news/2025/ok", "vi", "Bài tốt", "2025-03-05", ["doi-ngoai"])
    article(docs, "news/2025/ok", "en", "Good article")
    assert run_checks(docs) == []
    assert main(["check", "--docs", str(docs)]) == 0
    assert "No problems found" in capsys.readouterr().out


def test_every_problem_is_reported_at_once(tmp_path, capsys):
    docs = make_docs(tmp_path)
    write(docs / "news/2025/yaml.vi.md", "---\ntitle: \"unclosed\n---\n")
    article(docs, "news/2025/no-title", "vi", "", "2025-01-01")
    article(docs, "news/2025/bad-date", "vi", "Ngày sai", "32/13/2025")
    article(docs, "news/2025/day-first", "vi", "Ngày kiểu Việt", "05/03/2025")
    article(docs, "news/2025/unknown-cat", "vi", "Chuyên mục lạ", "2025-01-02", ["doi-ngoia"])
    article(docs, "news/2025/typo", "vi", "Gõ nhầm", "2025-01-03", categoires="[doi-ngoai]")
    article(docs, "news/2025/draft-str", "vi", "Nháp", "2025-01-04", draft="yes please")
    article(docs, "news/2024/same-slug", "vi", "Trùng 1", "2024-01-01")
    article(docs, "news/2025/same-slug", "vi", "Trùng 2", "2025-01-05")
    write(docs / "news/2025/links.vi.md",
          "---\ntitle: Liên kết\ndate: 2025-01-06\n---\n\nXem [bài cũ](../2024/khong-co.md).\n\n"
          "![](anh.jpg)\n\n![Ảnh thiếu tệp](mat-anh.png)\n\n```\n[in code](nowhere.md)\n```\n")
    article(docs, "news/2025/status", "en", "Status", "2025-01-07", translation_status="finished")
    write(docs / "news/2025/status.vi.md", "---\ntitle: Trạng thái\ndate: 2025-01-07\n---\n")
    article(docs, "news/2025/lead", "vi", "Ảnh đại diện", "2025-01-08", image="images/none.jpg")
    article(docs, "news/2025/nhap", "vi", "Nháp", "2025-01-09", draft="true")
    write(docs / "news/2025/to-draft.vi.md", "---\ntitle: Trỏ tới nháp\ndate: 2025-01-10\n---\n\nXem [nháp](nhap.md).\n")

    problems = run_checks(docs)
    found = {(p.path.rsplit("/", 1)[-1], p.field) for p in problems}
    expected = {
        ("yaml.vi.md", "front matter"),
        ("no-title.vi.md", "title"),
        ("bad-date.vi.md", "date"),
        ("day-first.vi.md", "date"),
        ("unknown-cat.vi.md", "categories"),
        ("typo.vi.md", "categoires"),
        ("draft-str.vi.md", "draft"),
        ("same-slug.vi.md", "slug"),
        ("links.vi.md", "link"),
        ("links.vi.md", "image"),
        ("status.en.md", "translation_status"),
        ("lead.vi.md", "image"),
        ("lead.vi.md", "image_alt"),
        ("to-draft.vi.md", "link"),
    }
    assert expected <= found, expected - found
    assert not any("in code" in p.message or "nowhere" in p.message for p in problems)

    assert main(["check", "--docs", str(docs)]) == 1
    report = capsys.readouterr().err.splitlines()
    assert report[-1] == f"{len(problems)} problems found."
    first = next(line for line in report if "day-first.vi.md" in line)
    # file:line: field: what is wrong; how to fix
    assert first.startswith("docs/news/2025/day-first.vi.md:3: date: ")
    assert "write it as 2025-03-05" in first
    unknown = next(line for line in report if "unknown-cat" in line)
    assert "did you mean 'doi-ngoai'" in unknown
    link = next(line for line in report if "khong-co.md" in line)
    assert link.startswith("docs/news/2025/links.vi.md:6: link: ")


@pytest.mark.site_build
def test_build_rejects_the_same_problems(tmp_path):
    from sitebuild import build, copy_project

    project = copy_project(tmp_path / "project", with_content=False)
    article(project / "docs", "news/2025/bad", "vi", "Sai", "2025-01-01", ["khong-ton-tai"])
    result = build(project)
    assert result.returncode != 0
    assert "news/2025/bad.vi.md:4: categories: unknown category 'khong-ton-tai'" in result.stderr + result.stdout
