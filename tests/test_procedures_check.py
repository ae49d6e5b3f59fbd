"""Procedure records: the schema agrees with the translatable field list, translations inherit
data from the Vietnamese source, and `portal check` (and the build) report every kind of problem
of a record at once, as file:line: field: message; fix."""

import shutil
from pathlib import Path

import pytest

from portal.content_checks import run_checks
from portal.cli import main
from portal.languages import CODES
from portal.procedures.model import load_procedures
from portal.procedures.schema import inherit, paths, text_only
from portal.content.translatable import PROCEDURE_TEXT_FIELDS
from sitebuild import PROJECT, build, copy_project, write

GOOD = """---
title: Thủ tục mẫu
summary: Một thủ tục để thử.
code: "1.000001"
field: the-abtc
level: tinh
online_level: toan-trinh
online_url: https://dichvucong.gov.vn/p/home/dvc-trang-chu.html
updated: 2025-01-02
sample: true
steps:
  - Bước một.
  - Bước hai.
channels:
  - kind: truc-tiep
    method: Nộp tại Trung tâm.
    time_limit: 5 ngày làm việc
    fee: Không thu phí
documents:
  - name: Đơn đề nghị
    originals: 1
    copies: 0
processing_time: 5 ngày làm việc
applicants: Doanh nghiệp
agency: Sở Ngoại vụ
outcome: Văn bản cho phép
fees: Không
legal_basis:
  - number: 09/2023/QĐ-TTg
    title: Quyết định về thẻ ABTC
    date: 2023-04-12
    issuer: Thủ tướng Chính phủ
---
"""

BROKEN = """---
summary: Thiếu tên thủ tục.
code: "1.000001"
field: the-abtcc
level: huyen
online_level: toan-trinhh
online_url: dichvucong.gov.vn/thu-tuc
updated: 2025-13-01
requirement:
  - Gõ nhầm tên trường.
steps: []
channels:
  - kind: email
    method: Gửi thư điện tử.
    time_limit: 5 ngày
documents:
  - name: Đơn
    originals: "một"
    copies: 0
    form:
      title: Mẫu 01
      url: ftp://example.org/mau.doc
      language: fr
  - name: Bản sao hộ chiếu
    originals: 0
    copies: 1
    form:
      title: Mẫu 02
      url: forms/khong-co.pdf
processing_time: 5 ngày
agency: Sở Ngoại vụ
outcome: Văn bản
fees: Không
legal_basis:
  - number: 06/2020/QĐ-TTg
    title: Quyết định về hội nghị
    issuer: Thủ tướng Chính phủ
  - number: 80/2020/NĐ-CP
    title: Nghị định về viện trợ
    date: 2020-07-08
related:
  - khong-ton-tai
  - broken
---
"""

GOOD_EN = """---
title: Sample procedure
summary: A procedure to test with.
code: "9.999999"
translation_status: draft
steps:
  - Step one.
channels:
  - kind: truc-tiep
    method: At the Center.
    time_limit: 5 working days
    fee: Free
documents:
  - name: Request
    originals: 2
processing_time: 5 working days
applicants: Enterprises
agency: Department of Foreign Affairs
outcome: A letter of permission
fees: None
requirements:
  - Something the source does not have.
legal_basis:
  - title: Decision on ABTC
    issuer: Prime Minister
---
"""


def make_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    return docs


def found(problems, path_end: str, field: str, words: str):
    """The problem of that file and field whose message contains `words`, or None."""
    for problem in problems:
        if problem.path.endswith(path_end) and problem.field == field and words in problem.message:
            return problem
    return None


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_schema_text_fields_are_the_translatable_fields():
    text_paths = paths(want_text=True)
    assert len(text_paths) == len(set(text_paths))
    assert set(text_paths) == set(PROCEDURE_TEXT_FIELDS)
    assert not set(paths(want_text=False)) & set(PROCEDURE_TEXT_FIELDS)
    assert {"code", "field", "level", "online_level", "online_url", "updated", "sample", "channels[].kind",
            "documents[].originals", "documents[].copies", "documents[].form.url", "documents[].form.language",
            "legal_basis[].number",
            "legal_basis[].date", "related[]"} == set(paths(want_text=False))


def test_the_sample_procedures_are_complete_in_five_languages_and_pass_the_check():
    docs = PROJECT / "docs"
    assert [problem for problem in run_checks(docs) if "/procedures/" in problem.path or "procedure" in problem.path] == []
    procedures, problems = load_procedures(docs)
    assert problems == []
    published = procedures.published()
    assert len(published) >= 6
    assert len({procedure.code for procedure in published}) == len(published)
    for procedure in published:
        assert procedure.languages() == list(CODES), procedure.name
        assert procedure.data["sample"] is True, f"{procedure.name}: sample records must say so"
    fields = {procedure.field for procedure in published}
    assert len(fields) >= 3, "the field filter needs several fields to choose from"
    assert {procedure.online_level for procedure in published} == {"toan-trinh", "mot-phan"}


def test_a_translation_inherits_the_data_of_its_source(tmp_path):
    docs = make_docs(tmp_path)
    write(docs / "procedures/mau.vi.md", GOOD)
    write(docs / "procedures/mau.en.md", GOOD_EN.replace('code: "9.999999"\n', "").replace("translation_status: draft\n", "")
          .replace("  - Step one.\n", "  - Step one.\n  - Step two.\n").replace("requirements:\n  - Something the source does not have.\n", "")
          .replace("    originals: 2\n", ""))
    assert run_checks(docs) == []
    procedures, _ = load_procedures(docs)
    english = procedures.get("mau").versions["en"]
    assert "code" not in english.own and english.meta["code"] == "1.000001"
    assert english.meta["updated"] == "2025-01-02" and english.meta["online_level"] == "toan-trinh"
    assert english.meta["documents"][0] == {"name": "Request", "originals": 1, "copies": 0}
    assert english.meta["channels"][0]["kind"] == "truc-tiep" and english.meta["channels"][0]["method"] == "At the Center."
    assert english.meta["legal_basis"][0]["number"] == "09/2023/QĐ-TTg"
    assert english.meta["legal_basis"][0]["date"] == "2023-04-12"
    assert english.meta["title"] == "Sample procedure"


def test_text_only_keeps_what_a_translation_holds_and_inherits_the_rest():
    procedures, _ = load_procedures(PROJECT / "docs")
    for procedure in procedures.published():
        source = procedure.source.own
        stripped = text_only({**source, "translation_status": "machine", "source_hash": "abc"})
        assert "code" not in stripped and "updated" not in stripped and "related" not in stripped
        assert all("kind" not in channel for channel in stripped["channels"])
        assert all("originals" not in document and "copies" not in document for document in stripped["documents"])
        assert stripped["translation_status"] == "machine" and stripped["source_hash"] == "abc"
        merged, conflicts = inherit(source, stripped)
        merged.pop("translation_status"), merged.pop("source_hash")
        assert conflicts == [] and merged == source, procedure.name


def test_every_kind_of_problem_is_reported_at_once(tmp_path, capsys):
    docs = make_docs(tmp_path)
    write(docs / "procedures/mau.vi.md", GOOD)
    broken = write(docs / "procedures/broken.vi.md", BROKEN)
    write(docs / "procedures/mau.en.md", GOOD_EN)
    write(docs / "procedures/so-ma.vi.md", GOOD.replace('code: "1.000001"', "code: 1.001230"))
    write(docs / "procedures/mo-coi.ja.md", "---\ntitle: 孤立した翻訳\n---\n")
    write(docs / "procedures/cu/long.vi.md", GOOD)
    write(docs / "procedures/print.vi.md", GOOD)
    write(docs / "procedures/hong.vi.md", "---\ntitle: \"chưa đóng\n---\n")
    write(docs / "procedures/mau.md", GOOD)  # a second Vietnamese version: NAME.md is Vietnamese too
    problems = run_checks(docs)

    expected = [
        ("broken.vi.md", "title", "missing"),
        ("broken.vi.md", "code", "also the code of"),
        ("broken.vi.md", "field", "unknown value 'the-abtcc'"),
        ("broken.vi.md", "level", "unknown value 'huyen'"),
        ("broken.vi.md", "online_level", "unknown value 'toan-trinhh'"),
        ("broken.vi.md", "online_url", "not a web address"),
        ("broken.vi.md", "updated", "not a date"),
        ("broken.vi.md", "requirement", "unknown field"),
        ("broken.vi.md", "steps", "is empty"),
        ("broken.vi.md", "channels[0].kind", "unknown value 'email'"),
        ("broken.vi.md", "channels[0].fee", "missing"),
        ("broken.vi.md", "documents[0].originals", "whole number"),
        ("broken.vi.md", "documents[0].form.url", "neither a web address nor a file path"),
        ("broken.vi.md", "documents[0].form.language", "unknown language 'fr'"),
        ("broken.vi.md", "documents[1].form.url", "does not exist"),
        ("broken.vi.md", "legal_basis[0].date", "missing"),
        ("broken.vi.md", "legal_basis[1].issuer", "missing"),
        ("broken.vi.md", "related[0]", "no procedure named 'khong-ton-tai'"),
        ("broken.vi.md", "related[1]", "related to itself"),
        ("broken.vi.md", "applicants", "missing"),
        ("mau.en.md", "code", "differs from the Vietnamese source"),
        ("mau.en.md", "documents[0].originals", "differs from the Vietnamese source"),
        ("mau.en.md", "translation_status", "not a status"),
        ("mau.en.md", "steps", "1 item here, 2 in the Vietnamese source"),
        ("mau.en.md", "requirements", "the Vietnamese source has no requirements"),
        ("so-ma.vi.md", "code", "read as a number"),
        ("mo-coi.ja.md", "front matter", "no Vietnamese version"),
        ("cu/long.vi.md", "file", "directly in docs/procedures"),
        ("print.vi.md", "file", "reserved"),
        ("hong.vi.md", "front matter", "not valid YAML"),
        ("mau.vi.md", "file", "a second vi version of mau (also procedures/mau.md)"),
    ]
    missing = [item for item in expected if found(problems, *item) is None]
    assert not missing, "not reported: " + repr(missing) + "\nreported:\n" + "\n".join(map(str, problems))

    # Each problem points at its own line, however deep in the record, and says how to fix it.
    assert found(problems, "broken.vi.md", "documents[0].originals", "whole number").line == line_of(broken, 'originals: "một"')
    assert found(problems, "broken.vi.md", "legal_basis[1].issuer", "missing").line == line_of(broken, "- number: 80/2020/NĐ-CP")
    assert found(problems, "broken.vi.md", "field", "unknown").fix.startswith("did you mean 'the-abtc'?")
    assert found(problems, "broken.vi.md", "requirement", "unknown").fix == "did you mean 'requirements'?"
    assert 'code: "1.001234"' in found(problems, "so-ma.vi.md", "code", "number").fix
    assert all(problem.path.startswith("docs/procedures/") for problem in problems)

    assert main(["check", "--docs", str(docs)]) == 1
    out = capsys.readouterr().err
    originals_line = line_of(broken, 'originals: "một"')
    assert f"docs/procedures/broken.vi.md:{originals_line}: documents[0].originals: must be a whole number" in out
    assert f"{len(problems)} problems found." in out


def test_the_vocabulary_must_label_every_value_in_every_language(tmp_path):
    docs = make_docs(tmp_path)
    vocabulary = docs / "_data/procedure-vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("      ko: 국제회의 및 워크숍\n", "", 1), encoding="utf-8")
    write(docs / "procedures/mau.vi.md", GOOD)
    problems = run_checks(docs)
    assert [str(problem) for problem in problems if "procedure-vocabulary.yml" in problem.path and
            "'hoi-nghi-hoi-thao-quoc-te' has no label in ko" in problem.message], problems


def test_an_online_url_that_is_the_portals_home_or_lacks_the_code_is_a_warning(tmp_path, capsys):
    """Issue 14: every 'apply online' button opened the national portal's home page. `portal check`
    points at such a record (and at one whose address does not name its code) without failing."""
    docs = make_docs(tmp_path)
    home = write(docs / "procedures/mau.vi.md", GOOD)
    other = write(docs / "procedures/khac.vi.md", GOOD.replace('code: "1.000001"', 'code: "1.000002"').replace(
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", "https://dichvucong.gov.vn/p/home/dvc-tim-kiem.html?q=abtc"))
    write(docs / "procedures/dung.vi.md", GOOD.replace('code: "1.000001"', 'code: "1.000003"').replace(
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.000003"))
    assert main(["check", "--docs", str(docs)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": online_url: ")[0] for line in err] == [
        f"warning: docs/procedures/khac.vi.md:{line_of(other, 'online_url:')}",
        f"warning: docs/procedures/mau.vi.md:{line_of(home, 'online_url:')}"], err
    assert "home page" in err[1] and "1.000001" in err[1]
    assert "does not name the procedure's code 1.000002" in err[0]
    assert all("paste the address of the procedure's own page" in line for line in err)
    # The build does not stop for them either (it runs the same checks, and these are not problems).
    assert run_checks(docs) == []


@pytest.mark.site_build
def test_the_build_rejects_the_problems_the_check_reports(tmp_path):
    project = copy_project(tmp_path / "project", with_content=False)
    write(project / "docs/procedures/broken.vi.md", BROKEN)
    result = build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    problems = run_checks(project / "docs", project)
    assert problems
    for problem in problems:
        assert str(problem) in output
