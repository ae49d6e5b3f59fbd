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
