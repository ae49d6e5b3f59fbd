"""`portal count`: the figures of CONTENT.md "Counting" on corpora built here, every output format,
and the refusal to count unreadable content. The CLI is driven through `portal.cli.main(argv)`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from portal.cli import main
from portal.content.news import load_news
from portal.counting.counts import count_period, count_problems, date_window, parse_period
from portal.languages import CODES

REPO = Path(__file__).resolve().parents[1]

CATEGORY_LABELS = {
    "doi-ngoai": "Hoạt động đối ngoại",
    "kinh-te-doi-ngoai": "Kinh tế đối ngoại",
    "van-hoa-du-lich": "Văn hóa - Du lịch",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "chuyen-doi-so": "Chuyển đổi số",
    "nguoi-viet-nam-o-nuoc-ngoai": "Người Việt Nam ở nước ngoài",
    "thong-bao": "Thông báo",
}
EXAMPLE_SENTENCE = (
    "Từ ngày 01/01/2025 đến ngày 05/3/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 180 tin bài bằng 5 ngôn ngữ "
    "(Việt, Anh, Nhật, Trung, Hàn), trong đó 25 tin bài về cải cách hành chính."
)


# --- building corpora ---------------------------------------------------------------------------

def make_docs(tmp_path: Path, *, portal_name: str | None = None) -> Path:
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    entries = [{"slug": slug, "label": {lang: label if lang == "vi" else f"{slug} ({lang})" for lang in CODES}}
               for slug, label in CATEGORY_LABELS.items()]
    (docs / "_data" / "categories.yml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    if portal_name is not None:
        (docs / "_data" / "site.yml").write_text(
            yaml.safe_dump({"portal": {"vi": portal_name, "en": "Portal"}}, allow_unicode=True), encoding="utf-8")
    (docs / "news").mkdir()
    return docs


def front_matter_line(key: str, value) -> str:
    if isinstance(value, bool):
        return f"{key}: {'true' if value else 'false'}"
    if isinstance(value, list):
        return f"{key}: [{', '.join(value)}]"
    return f"{key}: {value}"


def write_version(docs: Path, rel_path: str, **meta) -> Path:
    """A news file `docs/news/<rel_path>` with these front-matter values, written as editors do."""
    path = docs / "news" / rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    meta.setdefault("title", f"Tin {path.stem}")
    lines = [front_matter_line(key, value) for key, value in meta.items()]
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\nNội dung.\n", encoding="utf-8")
    return path


def write_article(docs: Path, key: str, date_text: str, *, categories=(), languages=CODES, **by_language) -> None:
    """An article in `languages`: the source carries `date_text`, translations inherit it unless
    `by_language[lang]` gives their own front-matter values."""
    for lang in languages:
        meta = dict(by_language.get(lang, {}))
        if lang == "vi":
            meta.setdefault("date", date_text)
            if categories:
                meta.setdefault("categories", list(categories))
        write_version(docs, f"{key}.{lang}.md", **meta)


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(["count", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def figures(docs: Path, period, **options):
    news, problems = load_news(docs)
    assert problems == []
    return count_period(news, period, **options)


# --- the example of the issue -------------------------------------------------------------------

@pytest.fixture
def example_docs(tmp_path) -> Path:
    """36 articles in 5 languages between 01/01 and 05/3/2025 (180 versions), 5 of them on
    administrative reform (25 versions), plus articles just outside the window."""
    docs = make_docs(tmp_path)
    for number in range(36):
        day = date(2025, 1, 1 + number % 28) if number < 30 else date(2025, 3, 1 + number % 5)
        categories = ["cai-cach-hanh-chinh"] if number < 5 else ["doi-ngoai"]
        write_article(docs, f"2025/tin-{number}", day.isoformat(), categories=categories)
    write_article(docs, "2024/cuoi-nam", "2024-12-31T23:59:59+07:00", categories=["cai-cach-hanh-chinh"])
    write_article(docs, "2025/sau-ky", "2025-03-06", categories=["cai-cach-hanh-chinh"])
    return docs


@pytest.mark.usefixtures("vietnamese")
def test_text_reproduces_the_report_sentence(capsys, example_docs):
    status, out, err = run(capsys, "--docs", str(example_docs), "--from", "01/01/2025", "--to", "05/3/2025",
                           "--category", "cai-cach-hanh-chinh", "--format", "text")
    assert status == 0, err
    assert out == EXAMPLE_SENTENCE + "\n"


@pytest.mark.usefixtures("vietnamese")
def test_the_sentence_uses_the_portal_name_from_site_data(capsys, tmp_path):
    docs = make_docs(tmp_path, portal_name="Cổng thông tin đối ngoại Hải Phòng")
    write_article(docs, "2025/a", "2025-02-01", languages=("vi", "en"))
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025-Q1", "--format", "text")
    assert status == 0
    assert out == ("Từ ngày 01/01/2025 đến ngày 31/3/2025, Cổng thông tin đối ngoại Hải Phòng đăng tải 2 tin bài "
                   "bằng 2 ngôn ngữ (Việt, Anh).\n")


@pytest.mark.usefixtures("vietnamese")
def test_sentence_variants(capsys, tmp_path):
    docs = make_docs(tmp_path)
    write_article(docs, "2025/a", "2025-03-05", languages=("en",), en={"date": "2025-03-05"},
                  categories=())
    write_version(docs, "2025/b.en.md", date="2025-03-05", categories=["chuyen-doi-so"])
    status, out, _ = run(capsys, "--docs", str(docs), "--from", "5/3/2025", "--to", "2025-03-05", "--format", "text",
                         "--category", "chuyen-doi-so", "nguoi-viet-nam-o-nuoc-ngoai")
    assert status == 0
    assert out == ("Ngày 05/3/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 2 tin bài bằng tiếng Anh, "
                   "trong đó 1 tin bài về chuyển đổi số, không có tin bài nào về người Việt Nam ở nước ngoài.\n")
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2024", "--format", "text")
    assert out == "Từ ngày 01/01/2024 đến ngày 31/12/2024, Cổng Thông tin đối ngoại đa ngôn ngữ không đăng tải tin bài nào.\n"


def test_json_has_exactly_the_documented_shape(capsys, example_docs):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--from", "2025-01-01", "--to", "2025-03-05", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["from", "to", "articles", "versions", "by_language", "by_category"]
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-03-05")
    assert (data["articles"], data["versions"]) == (36, 180)
    assert list(data["by_language"].items()) == [("vi", 36), ("en", 36), ("ja", 36), ("zh", 36), ("ko", 36)]
    assert list(data["by_category"]) == list(CATEGORY_LABELS)
    assert data["by_category"]["cai-cach-hanh-chinh"] == {"articles": 5, "versions": 25}
    assert data["by_category"]["doi-ngoai"] == {"articles": 31, "versions": 155}
    assert data["by_category"]["thong-bao"] == {"articles": 0, "versions": 0}


def test_json_reports_the_period_actually_used(capsys, example_docs):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--period", "2025-Q1", "--convention", "nd09", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2024-12-15", "2025-03-14")
    # 31/12/2024 23:59:59 and 06/3/2025 fall inside the nd09 quarter.
    assert (data["articles"], data["versions"]) == (38, 190)


def test_category_and_language_options_restrict_the_breakdown(capsys, example_docs):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--period", "2025", "--format", "json",
                         "--category", "thong-bao", "cai-cach-hanh-chinh", "--lang", "ko", "--lang", "vi")
    assert status == 0
    data = json.loads(out)
    assert list(data["by_language"].items()) == [("vi", 37), ("ko", 37)]
    assert list(data["by_category"]) == ["thong-bao", "cai-cach-hanh-chinh"]
    assert data["by_category"]["cai-cach-hanh-chinh"] == {"articles": 6, "versions": 12}
    assert (data["articles"], data["versions"]) == (37, 74)


# --- what counts, and when ----------------------------------------------------------------------

def test_both_ends_are_inclusive_in_vietnam_time(tmp_path):
    docs = make_docs(tmp_path)
    inside = {
        "first-moment": "2025-01-01",                            # bare date: midnight in Vietnam
        "last-second": "2025-03-05T23:59:59+07:00",
        "utc-late-on-the-eve": "2024-12-31T17:00:00Z",          # 00:00 on 01/01 in Vietnam
        "utc-last-second": "2025-03-05T16:59:59Z",
        "tokyo-early": "2025-01-01T06:59:00+09:00",             # 04:59 on 01/01 in Vietnam
        "no-offset-late": "2025-03-05T23:30:00",                # Vietnam time, not UTC
        "no-offset-space": "2025-03-05 23:45",
    }
    outside = {
        "eve": "2024-12-31T23:59:59+07:00",
        "utc-first-second-after": "2025-03-05T17:00:00Z",       # 00:00 on 06/3 in Vietnam
        "utc-eve": "2024-12-31T16:59:59Z",
        "new-york-evening": "2025-03-05T20:00:00-05:00",        # 08:00 on 06/3 in Vietnam
        "next-day": "2025-03-06",
    }
    for name, moment in {**inside, **outside}.items():
        write_version(docs, f"2025/{name}.vi.md", date=moment)
    counts = figures(docs, date_window(date(2025, 1, 1), date(2025, 3, 5)))
    assert counts.versions == counts.articles == len(inside)
    assert counts.by_language == {"vi": len(inside), "en": 0, "ja": 0, "zh": 0, "ko": 0}


def test_drafts_are_not_counted(tmp_path):
    docs = make_docs(tmp_path)
    write_article(docs, "2025/all-draft", "2025-02-01", languages=("vi", "en"), vi={"draft": True}, en={"draft": True},
                  categories=["thong-bao"])
    # The Vietnamese source is a draft: the article first appears with its English version,
    # which inherits the source's date, and its categories are those of the English version only.
    write_article(docs, "2025/source-draft", "2025-02-10", languages=("vi", "en"), vi={"draft": True},
                  en={"categories": ["doi-ngoai"]}, categories=["thong-bao"])
    write_article(docs, "2025/ja-draft", "2025-02-20", languages=("vi", "ja"), ja={"draft": True})
    counts = figures(docs, parse_period("2025"), categories=["thong-bao", "doi-ngoai"])
    assert (counts.articles, counts.versions) == (2, 2)
    assert counts.by_language == {"vi": 1, "en": 1, "ja": 0, "zh": 0, "ko": 0}
    assert counts.by_category["thong-bao"].articles == 0
    assert (counts.by_category["doi-ngoai"].articles, counts.by_category["doi-ngoai"].versions) == (1, 1)


def test_translations_inherit_the_source_date_unless_they_have_their_own(tmp_path):
    docs = make_docs(tmp_path)
    write_article(docs, "2025/a", "2025-03-31T20:00:00+07:00", languages=("vi", "en", "ja"),
                  ja={"date": "2025-04-02T08:00:00+07:00"}, categories=["kinh-te-doi-ngoai"])
    q1 = figures(docs, parse_period("2025-Q1"), categories=["kinh-te-doi-ngoai"])
    q2 = figures(docs, parse_period("2025-Q2"), categories=["kinh-te-doi-ngoai"])
    assert (q1.articles, q1.versions, q1.by_language["en"], q1.by_language["ja"]) == (1, 2, 1, 0)
    # The article was first published in Q1, so Q2 counts its Japanese version but not the article.
    assert (q2.articles, q2.versions, q2.by_language["ja"]) == (0, 1, 1)
    assert (q2.by_category["kinh-te-doi-ngoai"].articles, q2.by_category["kinh-te-doi-ngoai"].versions) == (0, 1)


def test_language_filter_counts_articles_by_first_publication_in_those_languages(tmp_path):
    docs = make_docs(tmp_path)
    write_article(docs, "2024/a", "2024-12-20", languages=("vi", "en"), en={"date": "2025-01-10"})
    year_2025 = parse_period("2025")
    assert (figures(docs, year_2025).articles, figures(docs, year_2025).versions) == (0, 1)
    english = figures(docs, year_2025, languages=["en"])
    assert (english.articles, english.versions, english.by_language) == (1, 1, {"en": 1})
    assert figures(docs, parse_period("2024"), languages=["en"]).articles == 0


def test_an_article_in_two_categories_counts_in_both(tmp_path):
    docs = make_docs(tmp_path)
    write_article(docs, "2025/a", "2025-05-05", languages=("vi", "en"), categories=["doi-ngoai"],
                  en={"categories": ["chuyen-doi-so"]})
    counts = figures(docs, parse_period("2025"), categories=["doi-ngoai", "chuyen-doi-so", "thong-bao"])
    assert counts.articles == 1
    # Categories belong to the article (all its published versions together), so both versions
    # count in both categories.
    assert {slug: (item.articles, item.versions) for slug, item in counts.by_category.items()} == {
        "doi-ngoai": (1, 2), "chuyen-doi-so": (1, 2), "thong-bao": (0, 0)}


def test_section_pages_and_other_files_are_not_articles(tmp_path, capsys):
    docs = make_docs(tmp_path)
    write_version(docs, "index.md", date="2025-01-05")
    write_version(docs, "index.en.md", date="2025-01-05")
    write_version(docs, "2025/index.vi.md", date="2025-01-05")
    write_version(docs, "2025/_partial.md", date="2025-01-05")
    (docs / "news" / "2025" / "notes.txt").write_text("date: 2025-01-05\n", encoding="utf-8")
    (docs / "procedures").mkdir()
    (docs / "procedures" / "abtc.vi.md").write_text("---\ntitle: ABTC\ndate: 2025-01-05\n---\n", encoding="utf-8")
    write_version(docs, "2025/real.md", date="2025-01-05")  # no suffix: Vietnamese
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025-01", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert (data["articles"], data["versions"], data["by_language"]["vi"]) == (1, 1, 1)


# --- unreadable content -------------------------------------------------------------------------

def test_unreadable_files_stop_the_count_and_are_all_listed(tmp_path, capsys):
    docs = make_docs(tmp_path)
    write_article(docs, "2025/good", "2025-02-01")
    (docs / "news" / "2025" / "broken-yaml.vi.md").write_text("---\ntitle: [unclosed\ndate: 2025-02-01\n---\n", encoding="utf-8")
    write_version(docs, "2025/day-first.vi.md", date="05/03/2025")
    write_version(docs, "2025/not-a-date.vi.md", summary="x", date="tomorrow")
    write_version(docs, "2025/no-date.vi.md")
    write_version(docs, "2025/draft-yes.vi.md", date="2025-02-01", draft="yes please")
    write_version(docs, "2025/typo.vi.md", date="2025-02-01", categories=["cai-cach-hanh-chin"])
    write_version(docs, "2025/orphan.en.md")  # a translation with no source to inherit a date from
    (docs / "news" / "2025" / "latin1.vi.md").write_bytes(b"---\ntitle: L\xea k\xfd k\xe9t\ndate: 2025-02-01\n---\n")
    status, out, err = run(capsys, "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2
    assert out == ""
    assert "docs/news/2025/broken-yaml.vi.md:3: front matter: front matter is not valid YAML" in err
    assert "docs/news/2025/day-first.vi.md:2: date: '05/03/2025' is written day-first; write it as 2025-03-05" in err
    assert "docs/news/2025/not-a-date.vi.md:3: date: 'tomorrow' is not a date" in err
    assert "docs/news/2025/no-date.vi.md:1: date: missing" in err
    assert "docs/news/2025/draft-yes.vi.md:3: draft: must be true or false" in err
    assert "docs/news/2025/typo.vi.md:3: categories: unknown category 'cai-cach-hanh-chin'; did you mean 'cai-cach-hanh-chinh'?" in err
    assert "docs/news/2025/orphan.en.md:1: date: missing" in err
    latin1 = next(line for line in err.splitlines() if "latin1.vi.md" in line)
    # The line of the first byte that is not UTF-8 (the title), and the fix.
    assert latin1.startswith("docs/news/2025/latin1.vi.md:2: file: not UTF-8 text") and latin1.endswith("; save the file as UTF-8")
    assert "8 problems found." in err
    assert "good" not in err


def test_count_problems_ignores_what_cannot_change_a_figure(tmp_path):
    docs = make_docs(tmp_path)
    # A draft's categories are not counted, and a missing title does not change any figure.
    write_version(docs, "2025/draft.vi.md", date="2025-02-01", draft=True, categories=["no-such-category"])
    (docs / "news" / "2025" / "untitled.vi.md").write_text("---\ndate: 2025-02-01\n---\n", encoding="utf-8")
    news, problems = load_news(docs)
    assert problems == []
    assert count_problems(news, docs, CATEGORY_LABELS) == []


def test_duplicate_vietnamese_versions_stop_the_count(tmp_path, capsys):
    docs = make_docs(tmp_path)
    write_version(docs, "2025/a.md", date="2025-02-01")
    write_version(docs, "2025/a.vi.md", date="2025-02-01")
    status, _, err = run(capsys, "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2
    assert "a second vi version" in err


# --- formats ------------------------------------------------------------------------------------

@pytest.mark.usefixtures("vietnamese")
def test_csv_parses_back_with_the_same_figures(capsys, example_docs):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--from", "01/01/2025", "--to", "05/03/2025", "--format", "csv")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    header, values = rows
    assert header[:10] == ["Kỳ", "Từ ngày", "Đến ngày", "Số bài viết", "Số tin bài", "Tin bài tiếng Việt", "Tin bài tiếng Anh",
                           "Tin bài tiếng Nhật", "Tin bài tiếng Trung", "Tin bài tiếng Hàn"]
    record = dict(zip(header, values))
    assert record["Từ ngày"] == "2025-01-01" and record["Đến ngày"] == "2025-03-05"
    assert (record["Số bài viết"], record["Số tin bài"]) == ("36", "180")
    assert (record["Cải cách hành chính: bài viết"], record["Cải cách hành chính: tin bài"]) == ("5", "25")
    assert len(header) == 5 + 5 + 2 * len(CATEGORY_LABELS)


@pytest.mark.usefixtures("vietnamese")
def test_csv_file_carries_a_bom_for_excel(tmp_path, capsys, example_docs):
    output = tmp_path / "so-lieu.csv"
    status, out, err = run(capsys, "--docs", str(example_docs), "--period", "2025-Q1", "--format", "csv", "--output", str(output))
    assert status == 0 and out == ""
    assert str(output) in err
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["Kỳ"] == "Quý I/2025" and rows[0]["Số tin bài"] == "185"


@pytest.mark.usefixtures("vietnamese")
def test_xlsx_parses_back_with_real_dates_and_notes(tmp_path, capsys, example_docs):
    output = tmp_path / "so-lieu.xlsx"
    status, _, _ = run(capsys, "--docs", str(example_docs), "--period", "2025-Q1", "--convention", "nd09",
                       "--format", "xlsx", "--output", str(output), "--category", "cai-cach-hanh-chinh")
    assert status == 0
    workbook = load_workbook(output)
    sheet = workbook["Số liệu"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kỳ", "Từ ngày", "Đến ngày", "Số bài viết", "Số tin bài", "Tin bài tiếng Việt", "Tin bài tiếng Anh",
                       "Tin bài tiếng Nhật", "Tin bài tiếng Trung", "Tin bài tiếng Hàn",
                       "Cải cách hành chính: bài viết", "Cải cách hành chính: tin bài")
    assert rows[1] == ("Quý I/2025", datetime(2024, 12, 15), datetime(2025, 3, 14), 38, 190, 38, 38, 38, 38, 38, 7, 35)
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    notes = [row[0] for row in workbook["Ghi chú"].iter_rows(values_only=True)]
    assert notes[0] == "Số liệu tin bài của Cổng Thông tin đối ngoại đa ngôn ngữ, từ ngày 15/12/2024 đến ngày 14/3/2025."
    assert any("Nghị định 09/2019/NĐ-CP" in line for line in notes)


def test_xlsx_needs_an_output_file(capsys, example_docs):
    status, out, err = run(capsys, "--docs", str(example_docs), "--period", "2025", "--format", "xlsx")
    assert status == 2 and out == ""
    assert "--output" in err


@pytest.mark.usefixtures("vietnamese")
def test_table_is_readable_with_vietnamese_labels(capsys, example_docs):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--from", "01/01/2025", "--to", "05/3/2025")
    assert status == 0
    assert "Số liệu tin bài từ ngày 01/01/2025 đến ngày 05/3/2025" in out
    lines = out.splitlines()

    def row(label):
        return next(line for line in lines if f" {label} " in line).replace("│", " ").split()

    assert row("Tổng số")[-2:] == ["36", "180"]
    assert row("Tiếng Nhật")[-1] == "36"
    assert row("Cải cách hành chính")[-2:] == ["5", "25"]
    assert row("Thông báo")[-2:] == ["0", "0"]


@pytest.mark.usefixtures("vietnamese")
def test_table_to_a_file_is_plain_text(tmp_path, capsys, example_docs):
    output = tmp_path / "bang.txt"
    status, _, _ = run(capsys, "--docs", str(example_docs), "--period", "2025", "--output", str(output))
    assert status == 0
    text = output.read_text(encoding="utf-8")
    assert "Số liệu tin bài năm 2025 (từ ngày 01/01/2025 đến ngày 31/12/2025)" in text
    assert "\x1b[" not in text


@pytest.mark.usefixtures("vietnamese")
def test_thousands_are_written_the_vietnamese_way(capsys, tmp_path):
    docs = make_docs(tmp_path)
    for number in range(1001):
        write_version(docs, f"2025/t{number}.vi.md", date="2025-06-01")
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025", "--format", "text")
    assert status == 0
    assert "đăng tải 1.001 tin bài bằng tiếng Việt." in out
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025", "--format", "json")
    assert json.loads(out)["versions"] == 1001


# --- series -------------------------------------------------------------------------------------

@pytest.fixture
def five_years(tmp_path) -> Path:
    """Year Y (2021..2025) has Y-2020 articles in vi and en, in category 'thong-bao' when odd."""
    docs = make_docs(tmp_path)
    for year in range(2021, 2026):
        for number in range(year - 2020):
            categories = ["thong-bao"] if number % 2 else ["doi-ngoai"]
            write_article(docs, f"{year}/tin-{number}", f"{year}-0{1 + number}-15", languages=("vi", "en"),
                          categories=categories)
    return docs


def test_series_json_is_the_span_with_one_object_per_period(capsys, five_years):
    status, out, _ = run(capsys, "--docs", str(five_years), "--period", "2021..2025", "--series", "year", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["from", "to", "articles", "versions", "by_language", "by_category", "unit", "series"]
    assert (data["from"], data["to"], data["unit"]) == ("2021-01-01", "2025-12-31", "year")
    assert [item["period"] for item in data["series"]] == ["2021", "2022", "2023", "2024", "2025"]
    assert [item["articles"] for item in data["series"]] == [1, 2, 3, 4, 5]
    assert [item["versions"] for item in data["series"]] == [2, 4, 6, 8, 10]
    assert [item["by_category"]["thong-bao"]["articles"] for item in data["series"]] == [0, 1, 1, 2, 2]
    first = data["series"][0]
    assert list(first) == ["period", "from", "to", "articles", "versions", "by_language", "by_category"]
    assert (first["from"], first["to"]) == ("2021-01-01", "2021-12-31")
    assert data["articles"] == sum(item["articles"] for item in data["series"]) == 15


@pytest.mark.usefixtures("vietnamese")
def test_series_csv_has_a_row_per_period_and_a_total(capsys, five_years):
    status, out, _ = run(capsys, "--docs", str(five_years), "--from", "2021-01-01", "--to", "2025-12-31",
                         "--series", "year", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["Kỳ"] for row in rows] == ["Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024", "Năm 2025", "Tổng cộng"]
    assert [row["Số bài viết"] for row in rows] == ["1", "2", "3", "4", "5", "15"]
    assert [row["Tin bài tiếng Anh"] for row in rows] == ["1", "2", "3", "4", "5", "15"]
    assert rows[-1]["Từ ngày"] == "2021-01-01" and rows[-1]["Đến ngày"] == "2025-12-31"


@pytest.mark.usefixtures("vietnamese")
def test_series_xlsx(tmp_path, capsys, five_years):
    output = tmp_path / "phu-luc.xlsx"
    status, _, _ = run(capsys, "--docs", str(five_years), "--period", "2025", "--series", "quarter",
                       "--format", "xlsx", "--output", str(output), "--category", "thong-bao")
    assert status == 0
    rows = list(load_workbook(output)["Số liệu"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025", "Tổng cộng"]
    # 2025: articles on 15/01, 15/02, 15/03 (Q1), 15/04, 15/05 (Q2).
    assert [row[3] for row in rows[1:]] == [3, 2, 0, 0, 5]
    assert [row[-2] for row in rows[1:]] == [1, 1, 0, 0, 2]
    assert rows[1][1:3] == (datetime(2025, 1, 1), datetime(2025, 3, 31))


@pytest.mark.usefixtures("vietnamese")
def test_series_text_has_a_sentence_per_period_then_the_total(capsys, five_years):
    status, out, _ = run(capsys, "--docs", str(five_years), "--period", "2024..2025", "--series", "year", "--format", "text")
    assert status == 0
    assert out == (
        "Từ ngày 01/01/2024 đến ngày 31/12/2024, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 8 tin bài bằng 2 ngôn ngữ (Việt, Anh).\n"
        "Từ ngày 01/01/2025 đến ngày 31/12/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 10 tin bài bằng 2 ngôn ngữ (Việt, Anh).\n"
        "\n"
        "Từ ngày 01/01/2024 đến ngày 31/12/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 18 tin bài bằng 2 ngôn ngữ (Việt, Anh).\n"
    )


@pytest.mark.usefixtures("vietnamese")
def test_series_table_lists_periods_and_categories(capsys, five_years):
    status, out, _ = run(capsys, "--docs", str(five_years), "--period", "2021..2025", "--series", "year",
                         "--category", "thong-bao")
    assert status == 0
    lines = out.splitlines()
    year_rows = [line for line in lines if line.startswith("│ Năm 20")]
    # Each year appears in the figures table and in the per-category table.
    assert len(year_rows) == 10
    assert year_rows[4].replace("│", " ").split()[-7:] == ["5", "10", "5", "5", "0", "0", "0"]
    assert year_rows[9].replace("│", " ").split()[-3:] == ["2", "/", "4"]
    assert "Theo chuyên mục (số bài viết / số tin bài)" in out


def test_nd09_month_series_over_the_nd09_first_quarter(capsys, tmp_path):
    docs = make_docs(tmp_path)
    for moment in ("2024-12-15", "2025-01-14T23:59:59+07:00", "2025-01-14T17:00:00Z", "2025-02-14", "2025-03-14",
                   "2025-03-15"):
        write_version(docs, f"2025/t-{moment[:10]}-{len(moment)}.vi.md", date=moment)
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025-Q1", "--convention", "nd09",
                         "--series", "month", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [(item["period"], item["from"], item["to"], item["versions"]) for item in data["series"]] == [
        ("2025-01", "2024-12-15", "2025-01-14", 2),
        ("2025-02", "2025-01-15", "2025-02-14", 2),   # 14/01 17:00 UTC is 15/01 00:00 in Vietnam
        ("2025-03", "2025-02-15", "2025-03-14", 1),
    ]
    assert data["versions"] == 5


# --- options ------------------------------------------------------------------------------------

@pytest.mark.parametrize("period, convention, first, last", [
    ("2025", "calendar", "2025-01-01", "2025-12-31"),
    ("2025-Q2", "calendar", "2025-04-01", "2025-06-30"),
    ("2025-H2", "calendar", "2025-07-01", "2025-12-31"),
    ("2025-9M", "calendar", "2025-01-01", "2025-09-30"),
    ("2025-02", "calendar", "2025-02-01", "2025-02-28"),
    ("2025", "nd09", "2024-12-15", "2025-12-14"),
    ("2025-Q1", "nd09", "2024-12-15", "2025-03-14"),
    ("2025-Q3", "nd09", "2025-06-15", "2025-09-14"),
    ("2025-H1", "nd09", "2024-12-15", "2025-06-14"),
    ("2025-H2", "nd09", "2025-06-15", "2025-12-14"),
    ("2025-9M", "nd09", "2024-12-15", "2025-09-14"),
    ("2025-03", "nd09", "2025-02-15", "2025-03-14"),
])
def test_every_period_kind_through_the_command(capsys, tmp_path, period, convention, first, last):
    """One version on each boundary day and one on each day just outside: exactly two count."""
    docs = make_docs(tmp_path)
    first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
    for name, day in (("first", first_day), ("last", last_day), ("before", first_day.fromordinal(first_day.toordinal() - 1)),
                      ("after", last_day.fromordinal(last_day.toordinal() + 1))):
        write_version(docs, f"{day.year}/{name}.vi.md", date=f"{day.isoformat()}T12:00:00+07:00")
    status, out, _ = run(capsys, "--docs", str(docs), "--period", period, "--convention", convention, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert (data["from"], data["to"], data["versions"], data["articles"]) == (first, last, 2, 2)


@pytest.mark.parametrize("spelling", ["2025-01-01", "01/01/2025", "1/1/2025"])
def test_both_date_spellings(capsys, example_docs, spelling):
    status, out, _ = run(capsys, "--docs", str(example_docs), "--from", spelling, "--to", "5/3/2025", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert (data["from"], data["to"], data["versions"]) == ("2025-01-01", "2025-03-05", 180)


@pytest.mark.parametrize("argv, message", [
    (["--period", "2025", "--from", "2025-01-01", "--to", "2025-02-01"], "not both"),
    (["--from", "2025-01-01"], "--from DATE and --to DATE"),
    ([], "--period P"),
    (["--period", "2025-Q5"], "not a period"),
    (["--from", "2025-03-05", "--to", "2025-01-01"], "before"),
    (["--from", "2025-01-01", "--to", "2025-02-01", "--convention", "nd09"], "--convention applies"),
    (["--period", "2025", "--category", "cai-cach"], "did you mean 'cai-cach-hanh-chinh'?"),
])
def test_wrong_options_exit_2_with_a_reason(capsys, example_docs, argv, message):
    status, out, err = run(capsys, "--docs", str(example_docs), *argv)
    assert status == 2 and out == ""
    assert message in err


@pytest.mark.parametrize("argv", [["--from", "31/02/2025", "--to", "2025-03-01"], ["--period", "2025", "--lang", "fr"],
                                  ["--period", "2025", "--format", "pdf"]])
def test_malformed_values_are_refused_by_the_parser(capsys, example_docs, argv):
    with pytest.raises(SystemExit) as raised:
        main(["count", "--docs", str(example_docs), *argv])
    assert raised.value.code == 2


def test_missing_docs_folder_exits_2(capsys, tmp_path):
    status, _, err = run(capsys, "--docs", str(tmp_path / "nowhere"), "--period", "2025")
    assert status == 2
    assert "no such docs folder" in err


def test_docs_folder_without_data_uses_the_projects_category_list(capsys, tmp_path):
    docs = tmp_path / "export"
    (docs / "news" / "2025").mkdir(parents=True)
    (docs / "news" / "2025" / "a.vi.md").write_text(
        "---\ntitle: A\ndate: 2025-02-01\ncategories: [cai-cach-hanh-chinh]\n---\n", encoding="utf-8")
    status, out, _ = run(capsys, "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 0
    figures = json.loads(out)
    assert figures["by_category"]["cai-cach-hanh-chinh"] == {"articles": 1, "versions": 1}
    assert set(figures["by_category"]) >= {"doi-ngoai", "thong-bao"}


def test_unwritable_output_exits_1(capsys, example_docs, tmp_path):
    status, _, err = run(capsys, "--docs", str(example_docs), "--period", "2025", "--format", "json",
                         "--output", str(tmp_path / "no-such-folder" / "x.json"))
    assert status == 1
    assert "cannot write" in err


# --- the project's own content and the benchmark ------------------------------------------------

def test_smoke_on_the_real_docs(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    status, out, err = run(capsys, "--period", "2025", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    categories = [entry["slug"] for entry in yaml.safe_load((REPO / "docs" / "_data" / "categories.yml").read_text(encoding="utf-8"))]
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-12-31")
    assert list(data["by_language"]) == list(CODES)
    assert sum(data["by_language"].values()) == data["versions"]
    assert list(data["by_category"]) == categories
    assert data["articles"] <= data["versions"]
    for item in data["by_category"].values():
        assert item["articles"] <= data["articles"] and item["versions"] <= data["versions"]
        assert item["articles"] <= item["versions"]


def test_benchmark_script_runs_on_a_small_corpus():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "bench_count.py"), "--files", "250"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "read 250 files" in result.stdout
    assert "files/s" in result.stdout
