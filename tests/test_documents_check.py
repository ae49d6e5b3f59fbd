"""Document records (docs/documents): the schema agrees with the translatable field list,
translations inherit the data of the Vietnamese record but keep their own publication date and
draft flag, and `portal check` (and the build) report every problem of a record at once, as
file:line: field: message; fix, with a message that says how to write the value. Property-based
tests run every text field and the number through the check with arbitrary text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from portal.cli import main
from portal.content.translatable import DOCUMENT_TEXT_FIELDS
from portal.content_checks import run_checks
from portal.documents.model import load_documents
from portal.documents.numbers import is_document_number, number_problem, number_year
from portal.documents.schema import DOCUMENT
from portal.field_paths import iter_text_values, set_value
from portal.front_matter import parse_document, render_document
from portal.languages import CODES
from portal.procedures.schema import inherit, paths, text_only
from sitebuild import PROJECT, build, copy_project, write

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

GOOD = """---
title: Kế hoạch thử nghiệm
summary: Một kế hoạch để thử.
number: 12/KH-NV
kind: ke-hoach
issued: 2025-03-04
issuer: Sở Ngoại vụ thành phố Hải Phòng
signer:
  name: Nguyễn Văn A
  position: Giám đốc
effective: 2025-03-05
files:
  - path: files/ke-hoach-12.pdf
    language: vi
    title: Toàn văn kế hoạch
---

Nội dung chính.
"""

GOOD_EN = """---
title: A test plan
summary: A plan to test with.
issuer: Department of Foreign Affairs of Hai Phong City
date: 2025-04-01
signer:
  position: Director
files:
  - title: Full text of the plan
---
"""

BROKEN = """---
summary: Thiếu tên.
number: Số 12 / KH – NV
kind: ke-hoachh
issued: 04/03/2025
issuer: Sở Ngoại vụ
effective: sau-khi-ky
draft: "yes"
date: 2025-13-45
signer:
  position: Giám đốc
files:
  - path: https://example.org/van-ban.pdf
    language: fr
    title: Toàn văn
  - path: files/khong-co.pdf
    language: vi
    title: Phụ lục
  - path: files/ban-dich.en.pdf
    language: en
    title: Bản dịch
  - path: files/gia.pdf
    language: vi
    title: Tệp giả
  - path: files/bang.exe
    language: vi
    title: Tệp lạ
  - path: ../../mkdocs.yml
    language: vi
    title: Ngoài docs
so_van_ban: 12
---
"""


def make_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    write(docs / "documents" / "ke-hoach-12.vi.md", GOOD)
    (docs / "documents" / "files").mkdir(parents=True)
    (docs / "documents" / "files" / "ke-hoach-12.pdf").write_bytes(PDF)
    return docs


def found(problems, path_end: str, field: str, words: str):
    for problem in problems:
        if problem.path.endswith(path_end) and problem.field == field and words in problem.message:
            return problem
    return None


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# -- the schema ------------------------------------------------------------------------------------

def test_the_schema_text_fields_are_the_translatable_fields():
    text_paths = paths(DOCUMENT, want_text=True)
    assert len(text_paths) == len(set(text_paths))
    assert set(text_paths) == set(DOCUMENT_TEXT_FIELDS)
    assert {"number", "kind", "issued", "signer.name", "effective", "files[].path", "files[].language", "date",
            "draft", "sample", "updated"} == set(paths(DOCUMENT, want_text=False))


def test_translations_inherit_the_data_but_not_the_versions_own_date_and_draft_flag():
    source = parse_document(GOOD.replace("title:", "date: 2025-03-06\ndraft: true\ntitle:", 1)).meta
    translation = parse_document(GOOD_EN).meta
    merged, conflicts = inherit(source, translation, DOCUMENT)
    assert conflicts == []
    assert merged["number"] == "12/KH-NV" and merged["issued"] == "2025-03-04" and merged["kind"] == "ke-hoach"
    assert merged["signer"] == {"name": "Nguyễn Văn A", "position": "Director"}
    assert merged["files"] == [{"path": "files/ke-hoach-12.pdf", "language": "vi", "title": "Full text of the plan"}]
    assert merged["date"] == "2025-04-01" and "draft" not in merged
    # What `portal translate` writes: the text and nothing else (no data, no date, no draft flag).
    assert text_only(source, DOCUMENT) == {
        "title": "Kế hoạch thử nghiệm", "summary": "Một kế hoạch để thử.", "issuer": "Sở Ngoại vụ thành phố Hải Phòng",
        "signer": {"position": "Giám đốc"}, "files": [{"title": "Toàn văn kế hoạch"}]}


# -- document numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["17/KH-NV", "02/KH-NV", "5085/QĐ-UBND", "118/2025/NĐ-CP", "1844/UBND-TTPVHCC",
                                    "45/2006/QĐ-TTg", "35/2023/UBTVQH15", "418-KH/TU", "68-BC/BCSĐ", "01/NV-VP"])
def test_real_document_numbers_are_accepted(number):
    assert is_document_number(number) and number_problem(number) is None


@pytest.mark.parametrize("number, fix", [
    ("Số 17/KH-NV", "leave out the word 'Số'"),
    ("17/KH–NV", "plain hyphen"),
    ("17 / KH-NV", "without spaces"),
    ("17KH-NV", "a slash"),
    ("KH-NV/17", "e.g. 17/KH-NV"),
    (17, "with its abbreviations"),
    (None, "as printed on the document"),
])
def test_a_wrong_number_says_how_to_write_it(number, fix):
    message, advice = number_problem(number)
    assert fix in advice, (message, advice)


def test_the_year_of_a_number():
    assert number_year("118/2025/NĐ-CP") == 2025
    assert number_year("17/KH-NV") is None and number_year("418-KH/TU") is None


@settings(max_examples=100, deadline=None)
@given(number=st.integers(0, 99999), year=st.one_of(st.none(), st.integers(1945, 2099)),
       segments=st.lists(st.text(alphabet="ABCĐDEGHKLMNPQRSTUVXYabcđgn0123456789", min_size=1, max_size=6)
                         .filter(lambda s: not s[0].isdigit()), min_size=1, max_size=4))
def test_every_number_of_the_official_form_is_accepted(number, year, segments):
    written = f"{number}/" + (f"{year}/" if year else "") + "-".join(segments)
    assert is_document_number(written)
    assert number_year(written) == year


@settings(max_examples=100, deadline=None)
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.none(),
                       st.lists(st.text(max_size=3), max_size=2)))
def test_any_value_as_a_number_is_accepted_or_explained(value):
    problem = number_problem(value)
    assert (problem is None) == is_document_number(value)
    if problem is not None:
        message, fix = problem
        assert message and fix


# -- portal check ----------------------------------------------------------------------------------

def test_the_sample_documents_pass_the_check_and_are_complete():
    docs = PROJECT / "docs"
    assert [problem for problem in run_checks(docs) if "documents" in problem.path] == []
    documents, problems = load_documents(docs)
    assert problems == []
    assert len(documents.by_name) >= 5
    for document in documents.by_name.values():
        assert document.sample, f"{document.name}: the samples say they are samples"
        assert document.source is not None and document.files
        assert document.is_published("vi")
    # One sample is not translated into Japanese, Chinese or Korean: the list shows it in Vietnamese.
    assert any(set(document.versions) != set(CODES) for document in documents.by_name.values())


def test_every_problem_of_a_record_is_reported_at_once_with_its_line_and_fix(tmp_path):
    docs = make_docs(tmp_path)
    record = write(docs / "documents" / "hong.vi.md", BROKEN)
    (docs / "documents" / "files" / "gia.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    (docs / "documents" / "files" / "bang.exe").write_bytes(b"MZ")
    (docs / "documents" / "files" / "ban-dich.en.pdf").write_bytes(PDF)
    problems = run_checks(docs)
    expected = [
        ("title", "missing", "title:"),
        ("number", "is not a document number", "number:"),
        ("kind", "unknown value 'ke-hoachh'", "kind:"),
        ("issued", "is not a date", "issued:"),
        ("effective", "is not a date", "effective:"),
        ("draft", "must be true or false", "draft:"),
        ("date", "is not a date", "date: 2025-13-45"),
        ("signer.name", "missing", "signer:"),
        ("files[0].path", "is a web address", "https://example.org"),
        ("files[0].language", "is not a language of the portal", "language: fr"),
        ("files[1].path", "does not exist", "khong-co.pdf"),
        ("files[2].path", "ends with a language code", "ban-dich.en.pdf"),
        ("files[3].path", "is not a PDF file", "gia.pdf"),
        ("files[4].path", "is not published", "bang.exe"),
        ("files[5].path", "is not a file path", "../../mkdocs.yml"),
        ("so_van_ban", "unknown field", "so_van_ban"),
    ]
    for field, words, text in expected:
        problem = found(problems, "hong.vi.md", field, words)
        assert problem is not None, f"{field}: {words}\n" + "\n".join(map(str, problems))
        if field not in ("title", "signer.name"):
            assert problem.line == line_of(record, text), (field, problem)
        assert problem.fix
    kind = found(problems, "hong.vi.md", "kind", "unknown value")
    assert "did you mean 'ke-hoach'" in kind.fix and "document-vocabulary.yml" in kind.fix
    assert "leave out the word 'Số'" in found(problems, "hong.vi.md", "number", "not a document number").fix
    assert "tu-ngay-ky" in found(problems, "hong.vi.md", "effective", "not a date").fix
    assert "written day-first" in found(problems, "hong.vi.md", "issued", "not a date").message or \
        "YYYY-MM-DD" in found(problems, "hong.vi.md", "issued", "not a date").fix
    assert main(["check", "--docs", str(docs)]) == 1


def test_dates_numbers_and_translations_are_checked_against_each_other(tmp_path):
    docs = make_docs(tmp_path)
    write(docs / "documents" / "nam-sai.vi.md", GOOD.replace("number: 12/KH-NV", "number: 118/2024/NĐ-CP")
          .replace("effective: 2025-03-05", "effective: 2025-03-01"))
    write(docs / "documents" / "trung-so.vi.md", GOOD)
    write(docs / "documents" / "ke-hoach-12.en.md", GOOD_EN.replace("  - title: Full text of the plan\n", "")
          .replace("files:\n", "number: 13/KH-NV\nfiles:\n  - title: Full text\n  - title: An extra file\n")
          .replace("summary: A plan to test with.\n", ""))
    write(docs / "documents" / "mo-coi.ja.md", "---\ntitle: 孤立した翻訳\n---\n")
    problems = run_checks(docs)
    assert found(problems, "nam-sai.vi.md", "number", "carries the year 2024 but the document was issued in 2025")
    assert found(problems, "nam-sai.vi.md", "effective", "before it was issued")
    duplicate = found(problems, "trung-so.vi.md", "number", "is also the number of ke-hoach-12") or \
        found(problems, "ke-hoach-12.vi.md", "number", "is also the number of")
    assert duplicate is not None
    assert found(problems, "ke-hoach-12.en.md", "number", "differs from the Vietnamese source")
    assert found(problems, "ke-hoach-12.en.md", "summary", "not translated")
    assert found(problems, "ke-hoach-12.en.md", "files", "2 items here, 1 in the Vietnamese source")
    assert found(problems, "mo-coi.ja.md", "front matter", "there is no Vietnamese version")


def test_a_record_in_a_subfolder_and_a_second_vietnamese_version_are_refused(tmp_path):
    docs = make_docs(tmp_path)
    write(docs / "documents" / "ke-hoach-12.md", GOOD)
    write(docs / "documents" / "cu" / "cu.vi.md", GOOD)
    problems = run_checks(docs)
    assert found(problems, "ke-hoach-12.md", "file", "a second vi version of ke-hoach-12") or \
        found(problems, "ke-hoach-12.vi.md", "file", "a second vi version of ke-hoach-12")
    assert found(problems, "cu/cu.vi.md", "file", "live directly in docs/documents/")


def test_a_file_name_too_long_for_the_file_system_is_a_missing_file(tmp_path):
    """A name longer than the file system allows made `Path.is_file` raise (ENAMETOOLONG): the
    check stopped with a traceback, for an attached file and for a link in any page's text."""
    docs = make_docs(tmp_path)
    long_name = "a" * 300 + ".pdf"
    write(docs / "documents" / "dai.vi.md", GOOD.replace("number: 12/KH-NV", "number: 13/KH-NV")
          .replace("files/ke-hoach-12.pdf", f"files/{long_name}"))
    write(docs / "news" / "2025" / "tin.vi.md", f"---\ntitle: Tin\ndate: 2025-03-05\n---\n\n[Tệp]({long_name})\n")
    problems = run_checks(docs)
    assert found(problems, "dai.vi.md", "files[0].path", "does not exist")
    assert found(problems, "tin.vi.md", "link", "points to a file that does not exist")


def test_a_missing_vocabulary_is_reported(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "_data" / "document-vocabulary.yml").unlink()
    problems = run_checks(docs)
    assert found(problems, "document-vocabulary.yml", "vocabulary", "the file is missing")


def test_the_build_refuses_a_broken_record_with_the_same_report(tmp_path):
    project = copy_project(tmp_path, with_content=False)
    write(project / "docs" / "documents" / "hong.vi.md", BROKEN)
    result = build(project)
    assert result.returncode != 0
    assert "docs/documents/hong.vi.md" in result.stderr and "not a document number" in result.stderr
    assert "Traceback" not in result.stderr


# -- any text in any text field ---------------------------------------------------------------------

FIELD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_in_the_text_fields_is_checked_without_a_traceback(tmp_path_factory, data):
    """Whatever text an editor (or an engine) writes in a text field, in the source or a
    translation, the check answers with problems naming file, line and field, or with none; a
    value that is only spaces is refused as empty."""
    docs = make_docs(tmp_path_factory.mktemp("text"))
    for name, text, lang in (("ke-hoach-12.vi.md", GOOD, "vi"), ("ke-hoach-12.en.md", GOOD_EN, "en")):
        document = parse_document(text)
        meta = document.meta
        for location, _ in list(iter_text_values(meta, DOCUMENT_TEXT_FIELDS)):
            set_value(meta, location, data.draw(FIELD_TEXT, label=f"{lang}:{location}"))
        write(docs / "documents" / name, render_document(meta, document.body))
    problems = run_checks(docs)
    for problem in problems:
        assert problem.path.startswith("docs/documents/") and problem.line >= 1 and problem.fix, problem
        assert problem.message in ("is empty",) or "must be text" in problem.message or \
            "not translated" in problem.message or "has no" in problem.message or \
            "control character" in problem.message or problem.field == "front matter", problem
