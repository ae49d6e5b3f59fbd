"""`portal count --section`: the documents section's figures (CONTENT.md "Counting"), both sections
side by side, and the news left the default. Corpora are built here; the CLI is driven through
`portal.cli.main(argv)`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from portal.cli import main
from portal.counting.counts import parse_period
from portal.counting.document_counts import count_document_periods
from portal.documents.model import load_documents
from sitebuild import PROJECT, write

PDF = b"%PDF-1.4\n%%EOF\n"


def record(docs: Path, name: str, lang: str = "vi", **fields) -> None:
    """A document record; a translation gets only the text it needs (it inherits the data)."""
    if lang == "vi":
        meta = {"title": f"Văn bản {name}", "number": fields.pop("number", f"{abs(hash(name)) % 900 + 1}/KH-NV"),
                "kind": "ke-hoach", "issued": "2025-03-04", "issuer": "Sở Ngoại vụ",
                **fields}
        lines = [f"{key}: {value}" for key, value in meta.items()]
        lines += ["files:", "  - path: files/a.pdf", "    language: vi", "    title: Toàn văn"]
    else:
        meta = {"title": f"Document {name} ({lang})", "issuer": "Department", **fields}
        lines = [f"{key}: {value}" for key, value in meta.items()] + ["files:", "  - title: Full text"]
    write(docs / "documents" / f"{name}.{lang}.md", "---\n" + "\n".join(lines) + "\n---\n")


@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    (docs / "news").mkdir()
    (docs / "documents" / "files").mkdir(parents=True)
    (docs / "documents" / "files" / "a.pdf").write_bytes(PDF)
    return docs


def count_json(docs: Path, capsys, *argv: str) -> dict:
    assert main(["count", "--docs", str(docs), "--format", "json", *argv]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_a_document_counts_at_its_publication_and_each_version_in_its_own(docs, capsys):
    # Issued in Q1, published on the portal in Q1; its English version in Q2.
    record(docs, "a", number="1/KH-NV", issued="2025-03-04")
    record(docs, "a", "en", date="2025-04-02")
    record(docs, "a", "ja")
    # Issued in Q1 but put on the portal in Q2 (its own `date`): counts in Q2.
    record(docs, "b", number="2/BC-NV", kind="bao-cao", issued="2025-03-30", date="2025-04-01T09:00:00+07:00")
    # A draft, and the translation of a draft record: never counted.
    record(docs, "c", number="3/KH-NV", draft="true")
    record(docs, "c", "en")
    # A translation held back by itself.
    record(docs, "a", "ko", draft="true")
    q1 = count_json(docs, capsys, "--section", "documents", "--period", "2025-Q1")
    assert q1["documents"] == 1 and q1["versions"] == 2
    assert q1["by_language"] == {"vi": 1, "en": 0, "ja": 1, "zh": 0, "ko": 0}
    assert q1["by_kind"] == {"ke-hoach": {"documents": 1, "versions": 2}, "bao-cao": {"documents": 0, "versions": 0}}
    q2 = count_json(docs, capsys, "--section", "documents", "--period", "2025-Q2")
    assert q2["documents"] == 1 and q2["versions"] == 2
    assert q2["by_kind"]["bao-cao"] == {"documents": 1, "versions": 1}
    assert "articles" not in q2 and "by_category" not in q2
    # A series adds up to the whole span.
    year = count_json(docs, capsys, "--section", "documents", "--period", "2025", "--series", "quarter")
    assert [row["versions"] for row in year["series"]] == [2, 2, 0, 0] and year["versions"] == 4
    # The statistical periods of Decree 09/2019: Q1 closes on 14/03.
    nd09 = count_json(docs, capsys, "--section", "documents", "--period", "2025-Q2", "--convention", "nd09")
    assert nd09["from"] == "2025-03-15" and nd09["documents"] == 1 and nd09["versions"] == 2


@pytest.mark.usefixtures("vietnamese")
def test_the_sentence_for_the_report(docs, capsys):
    record(docs, "a", number="1/KH-NV")
    record(docs, "a", "en")
    record(docs, "b", number="2/BC-NV", kind="bao-cao")
    assert main(["count", "--docs", str(docs), "--section", "documents", "--period", "2025", "--format", "text"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Từ ngày 01/01/2025 đến ngày 31/12/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 2 văn bản "
        "(3 phiên bản bằng 2 ngôn ngữ: Việt, Anh), trong đó 1 kế hoạch, 1 báo cáo.")
    assert main(["count", "--docs", str(docs), "--section", "documents", "--period", "2024", "--format", "text"]) == 0
    assert "không đăng tải văn bản nào" in capsys.readouterr().out


@pytest.mark.usefixtures("vietnamese")
def test_news_stay_the_default_and_all_gives_both(docs, capsys):
    record(docs, "a", number="1/KH-NV")
    write(docs / "news" / "2025" / "tin.vi.md", "---\ntitle: Tin\ndate: 2025-03-05\n---\n\nThân bài.\n")
    news = count_json(docs, capsys, "--period", "2025")
    assert news["articles"] == 1 and news["versions"] == 1 and "documents" not in news
    both = count_json(docs, capsys, "--section", "all", "--period", "2025")
    assert both["news"]["articles"] == 1 and both["documents"]["documents"] == 1
    assert both["from"] == "2025-01-01" and both["to"] == "2025-12-31"
    assert main(["count", "--docs", str(docs), "--section", "all", "--period", "2025", "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert "1 tin bài" in text and "1 văn bản" in text
    assert main(["count", "--docs", str(docs), "--section", "all", "--period", "2025"]) == 0
    table = capsys.readouterr().out
    assert "Số liệu tin bài" in table and "Số liệu văn bản" in table


@pytest.mark.usefixtures("vietnamese")
def test_both_sections_in_one_workbook(docs, capsys, tmp_path):
    record(docs, "a", number="1/KH-NV")
    output = tmp_path / "so-lieu.xlsx"
    assert main(["count", "--docs", str(docs), "--section", "all", "--period", "2025", "--format", "xlsx",
                 "--output", str(output)]) == 0
    workbook = load_workbook(output)
    assert workbook.sheetnames == ["Tin bài", "Văn bản", "Ghi chú"]
    header = [cell.value for cell in workbook["Văn bản"][1]]
    assert header[3:5] == ["Số văn bản", "Số phiên bản ngôn ngữ"] and "Kế hoạch: văn bản" in header
    assert workbook["Văn bản"]["D2"].value == 1


def test_wrong_combinations_of_options_are_refused(docs, capsys):
    assert main(["count", "--docs", str(docs), "--section", "documents", "--period", "2025", "--category", "doi-ngoai"]) == 2
    assert "broken down by kind" in capsys.readouterr().err
    assert main(["count", "--docs", str(docs), "--section", "all", "--period", "2025", "--format", "csv"]) == 2
    assert "two tables" in capsys.readouterr().err


def test_a_published_record_that_could_make_a_figure_wrong_stops_the_count(docs, capsys):
    record(docs, "a", number="1/KH-NV", issued="04/03/2025")
    assert main(["count", "--docs", str(docs), "--section", "documents", "--period", "2025"]) == 2
    err = capsys.readouterr().err
    assert "docs/documents/a.vi.md:" in err and "issued" in err and "nothing counted" in err


def test_a_drafts_problems_are_warnings_and_other_problems_do_not_matter(docs, capsys):
    record(docs, "a", number="1/KH-NV", draft="true", date="2025-13-45")
    # A published record whose file is missing: the build refuses it, the figures are still right.
    record(docs, "b", number="2/KH-NV")
    (docs / "documents" / "b.vi.md").write_text(
        (docs / "documents" / "b.vi.md").read_text(encoding="utf-8").replace("files/a.pdf", "files/khong-co.pdf"),
        encoding="utf-8")
    figures = count_json(docs, capsys, "--section", "documents", "--period", "2025")
    assert figures["documents"] == 1
    assert main(["count", "--docs", str(docs), "--section", "documents", "--period", "2025", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "Warnings" in err and "a.vi.md" in err and "b.vi.md" not in err


def test_the_sample_documents_are_counted_on_their_dates():
    documents, _ = load_documents(PROJECT / "docs")
    q1, year_2024 = count_document_periods(documents, [parse_period("2025-Q1"), parse_period("2024")],
                                           kinds=["ke-hoach", "bao-cao", "quyet-dinh"])
    assert q1.articles == 3  # 02/KH-NV (09/01), 17/KH-NV (28/02), the quarter's report (06/03)
    assert q1.by_category["bao-cao"].articles == 1
    assert year_2024.articles == 1 and year_2024.by_category["quyet-dinh"].articles == 1
    assert year_2024.versions == 2  # in Vietnamese and English only
