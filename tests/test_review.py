"""`portal review`: the editor's sign-off clears the machine notice and the outdated state."""

from portal.cli import main
from portal.front_matter import read_document
from portal.content.translation_status import version_state
from sitebuild import article


def test_review_marks_reviewed_and_a_later_source_change_makes_it_outdated(tmp_path, capsys):
    docs = tmp_path / "docs"
    source = article(docs, "news/2025/a", "vi", "Bài A", "2025-01-01")
    translation = article(docs, "news/2025/a", "ja", "記事A", translation_status="machine")
    assert version_state(docs, "news/2025/a.ja.md") == "machine"

    assert main(["review", str(translation), "--docs", str(docs)]) == 0
    meta = read_document(translation).meta
    assert meta["translation_status"] == "reviewed" and meta["title"] == "記事A"
    assert version_state(docs, "news/2025/a.ja.md") == "reviewed"

    source.write_text(source.read_text(encoding="utf-8") + "\nMột đoạn mới.\n", encoding="utf-8")
    assert version_state(docs, "news/2025/a.ja.md") == "outdated"
    assert main(["review", str(translation), "--docs", str(docs)]) == 0
    assert version_state(docs, "news/2025/a.ja.md") == "reviewed"


def test_review_refuses_sources_and_missing_files_and_reports_each(tmp_path, capsys):
    docs = tmp_path / "docs"
    source = article(docs, "news/2025/a", "vi", "Bài A", "2025-01-01")
    before = source.read_text(encoding="utf-8")
    assert main(["review", str(source), str(docs / "news/2025/a.en.md"), "--docs", str(docs)]) == 2
    errors = capsys.readouterr().err
    assert "Vietnamese source, not a translation" in errors and "no such file" in errors
    assert source.read_text(encoding="utf-8") == before


def test_review_of_a_page_it_cannot_read_names_file_and_line_and_changes_nothing(tmp_path, capsys):
    """Front matter never closed (in the translation or in its source) or a byte that is not
    UTF-8: one line naming the file, its line and the fix, exit 2, and the other files reviewed."""
    docs = tmp_path / "docs"
    article(docs, "news/2025/a", "vi", "Bài A", "2025-01-01")
    unclosed = docs / "news/2025/a.en.md"
    unclosed.write_text("---\ntitle: Article A\n", encoding="utf-8")
    good = article(docs, "news/2025/a", "ja", "記事A", translation_status="machine")
    (docs / "news/2025/b.vi.md").write_text("---\ntitle: Bài B\n", encoding="utf-8")
    orphan = article(docs, "news/2025/b", "ko", "기사 B", translation_status="machine")
    latin = docs / "news/2025/c.vi.md"
    latin.write_bytes(b"---\ntitle: caf\xe9\ndate: 2025-01-01\n---\n")
    before = {path: path.read_bytes() for path in (unclosed, orphan, latin)}

    assert main(["review", str(unclosed), str(orphan), str(good), "--docs", str(docs)]) == 2
    assert main(["review", str(latin), "--note", "Sửa lỗi.", "--docs", str(docs)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "portal review: docs/news/2025/a.en.md:1: front matter: front matter opened with '---' on line 1 is never "
        "closed; add a line '---' after it",
        "portal review: docs/news/2025/b.vi.md:1: front matter: front matter opened with '---' on line 1 is never "
        "closed; add a line '---' after it",
        "portal review: docs/news/2025/c.vi.md:2: file: not UTF-8 text (byte 0xE9 on this line, in another encoding); "
        "save the file as UTF-8"], errors
    assert {path: path.read_bytes() for path in before} == before
    assert read_document(good).meta["translation_status"] == "reviewed"
