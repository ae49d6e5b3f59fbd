"""Tables fit the terminal: `portal translations` and `portal count --format table` at 60, 80 and
120 columns print no line wider than the terminal, leave nothing out (every language, every
period, every category, every figure), and say when a table is shown in parts or blocks.

The width is the terminal's; with the output captured (no terminal) `COLUMNS` stands for it.
The tables are in Vietnamese, the editors' language, whose labels are the longer ones."""

from __future__ import annotations

import re
import shutil

import pytest

from portal.cli import main
from portal.content.site_data import load_categories
from portal.languages import CODES, TRANSLATION_TARGETS
from sitebuild import PROJECT, article

WIDTHS = (60, 80, 120)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Articles in several years and categories, some translated, with long paths."""
    docs = tmp_path_factory.mktemp("tables") / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    categories = list(load_categories(docs))
    for year in (2023, 2024, 2025):
        for number, slug in enumerate(categories):
            key = f"news/{year}/bai-viet-so-{number}-ve-hoat-dong-doi-ngoai-cua-thanh-pho-hai-phong"
            article(docs, key, "vi", f"Bài {number}", f"{year}-0{1 + number % 9}-15", [slug])
            for lang in CODES[1: 1 + number % 5]:
                article(docs, key, lang, f"Article {number}", translation_status="machine" if number % 2 else "reviewed")
    return docs


def run(capsys, monkeypatch, width: int, *argv: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    return out.splitlines()


def words(lines: list[str]) -> str:
    """The text of the table, its frame removed and its wrapped cells joined."""
    return " ".join(" ".join(re.sub(r"[│┃┏┓┗┛━─┼┤├┡┩╇┳┻╋┃┯┷]", " ", line) for line in lines).split())


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize("width", WIDTHS)
def test_translations_fit_and_show_every_language(capsys, monkeypatch, project, width):
    lines = run(capsys, monkeypatch, width, "translations", "--docs", str(project))
    assert max(map(len, lines)) <= width, "\n".join(line for line in lines if len(line) > width)
    text = "\n".join(lines)
    for lang in TRANSLATION_TARGETS:
        assert re.search(rf"(^|[\s│┃·]){lang}([\s│┃:]|$)", text, re.M), lang
    assert "bai-viet-so-6-ve-hoat-dong-doi-ngoai-cua-thanh-pho-hai-phong.vi.md" in text.replace("\n", "")
    if width < 100:
        assert "bảng rộng hơn cửa sổ dòng lệnh này" in words(lines)


@pytest.mark.usefixtures("vietnamese")
@pytest.mark.parametrize("width", WIDTHS)
def test_count_tables_fit_and_leave_nothing_out(capsys, monkeypatch, project, width):
    labels = [category.label("vi") for category in load_categories(project).values()]
    lines = run(capsys, monkeypatch, width, "count", "--docs", str(project), "--period", "2023..2025", "--series", "year")
    assert max(map(len, lines)) <= width, "\n".join(line for line in lines if len(line) > width)
    text = words(lines)
    for name in ("Việt", "Anh", "Nhật", "Trung", "Hàn", "Bài viết", "Tin bài", "Từ ngày", "Đến ngày", "Tổng cộng"):
        assert all(word in text for word in name.split()), name
    for label in labels:
        assert all(word in text for word in label.split()), label
    for year in (2023, 2024, 2025):
        assert sum(line.count(f"Năm {year}") for line in lines) >= 2  # the figures and the categories
    assert "…" not in "\n".join(lines), "a cell was cut"
    if width < 120:
        assert "Bảng rộng hơn cửa sổ dòng lệnh này" in words(lines)

    lines = run(capsys, monkeypatch, width, "count", "--docs", str(project), "--period", "2025")
    assert max(map(len, lines)) <= width
    text = words(lines)
    assert all(all(word in text for word in label.split()) for label in labels)
    assert "…" not in "\n".join(lines)


@pytest.mark.usefixtures("vietnamese")
def test_a_very_narrow_terminal_gets_one_block_per_row(capsys, monkeypatch, project):
    lines = run(capsys, monkeypatch, 24, "count", "--docs", str(project), "--period", "2023..2025", "--series", "year")
    assert max(map(len, lines)) <= 24
    text = words(lines)
    assert "mỗi dòng của bảng được in thành một khối" in text
    assert "Năm 2023" in text and "Tổng cộng" in text


def test_piped_output_is_as_wide_as_the_tables(capsys, monkeypatch, project):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["count", "--docs", str(project), "--period", "2023..2025", "--series", "year"]) == 0
    out = capsys.readouterr().out
    assert "wider than this terminal" not in out
    assert max(map(len, out.splitlines())) > 120
