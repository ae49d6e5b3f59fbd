"""Output of `portal count`: JSON, CSV, XLSX, a terminal table and the sentence for the report.

Everything the office reads is in Vietnamese; JSON keeps the fixed English shape for programs.
Two figures must never be confused, so every table says which is which:

- *bài viết* (`articles`): each article once, however many languages it is published in;
- *tin bài* (`versions`): each published language version, which is what readers see on the site
  and what the reports have always quoted ("180 tin bài bằng 5 ngôn ngữ").

The documents section (`portal count --section documents`) has the same two figures under its
own names (*văn bản*, *phiên bản ngôn ngữ*), broken down by kind instead of category: a
`Wording` says how a section's figures are named, `CountReport.wording` which one a report uses.
`--section all` gives both reports together (`SectionsReport`).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping

from .counts import Counts, Period

DEFAULT_PORTAL_NAME = "Cổng Thông tin đối ngoại đa ngôn ngữ"
"""The sentence's subject when docs/_data/site.yml gives no `portal` name."""

LANGUAGE_NAMES = {"vi": "Việt", "en": "Anh", "ja": "Nhật", "zh": "Trung", "ko": "Hàn"}
"""How a Vietnamese report names each language: "tiếng Anh", "5 ngôn ngữ (Việt, Anh, ...)"."""

ARTICLES_HEADING = "Số bài viết"
VERSIONS_HEADING = "Số tin bài"
DEFINITIONS = (
    "Số bài viết: mỗi bài tính một lần dù đăng bằng nhiều ngôn ngữ, vào kỳ bài được đăng lần đầu.",
    "Số tin bài: mỗi phiên bản ngôn ngữ đã đăng tính là một tin bài (số liệu dùng trong câu báo cáo).",
    "Không tính bản nháp (draft) và trang mục lục; thời điểm đăng tính theo giờ Việt Nam, kể cả ngày đầu và ngày cuối kỳ.",
)


@dataclass(frozen=True)
class Wording:
    """How the figures of one section are named: in Vietnamese for the office, keys for programs."""

    section: str
    """`news` or `documents`."""
    subject: str
    """What the figures are of: "Số liệu tin bài ..."."""
    items_heading: str
    versions_heading: str
    items_short: str
    versions_short: str
    item_noun: str
    version_noun: str
    breakdown_title: str
    definitions: tuple[str, ...]
    json_items: str
    json_breakdown: str


NEWS_WORDING = Wording(
    section="news", subject="tin bài", items_heading=ARTICLES_HEADING, versions_heading=VERSIONS_HEADING,
    items_short="Bài viết", versions_short="Tin bài", item_noun="bài viết", version_noun="tin bài",
    breakdown_title="Theo chuyên mục (số bài viết / số tin bài)", definitions=DEFINITIONS,
    json_items="articles", json_breakdown="by_category",
)
DOCUMENT_WORDING = Wording(
    section="documents", subject="văn bản", items_heading="Số văn bản", versions_heading="Số phiên bản ngôn ngữ",
    items_short="Văn bản", versions_short="Phiên bản", item_noun="văn bản", version_noun="phiên bản",
    breakdown_title="Theo loại văn bản (số văn bản / số phiên bản ngôn ngữ)",
    definitions=(
        "Số văn bản: mỗi văn bản tính một lần dù đăng bằng nhiều ngôn ngữ, vào kỳ văn bản được đăng lần đầu trên cổng.",
        "Số phiên bản ngôn ngữ: mỗi phiên bản ngôn ngữ đã đăng của văn bản tính là một.",
        "Thời điểm đăng của một phiên bản: ngày đăng (date) của phiên bản, nếu không có thì của bản tiếng Việt, "
        "nếu không có nữa thì ngày ban hành; theo giờ Việt Nam, kể cả ngày đầu và ngày cuối kỳ. Không tính bản nháp (draft).",
    ),
    json_items="documents", json_breakdown="by_kind",
)
ND09_NOTE = "Kỳ thống kê theo Nghị định 09/2019/NĐ-CP: số liệu chốt ngày 14 (từ ngày 15 tháng trước)."
TOTAL_LABEL = "Tổng cộng"
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class CountReport:
    """What `portal count` prints: the whole period, and for a series one row per period."""

    total: Counts
    rows: tuple[Counts, ...] = ()
    """One per year, quarter or month of a series; empty when no series was asked for."""
    unit: str | None = None
    category_labels: Mapping[str, str] = field(default_factory=dict)
    """Vietnamese label of each category in the figures' `by_category`."""
    named_categories: tuple[str, ...] = ()
    """The categories asked for with --category: the sentence says "trong đó N tin bài về ..." for each."""
    portal_name: str = DEFAULT_PORTAL_NAME
    wording: Wording = NEWS_WORDING

    @property
    def is_series(self) -> bool:
        return self.unit is not None

    @property
    def table_rows(self) -> list[tuple[str, Counts]]:
        """(label, figures) in the order tables list them: each period, then the total."""
        if not self.is_series:
            return [(period_label(self.total.period), self.total)]
        return [*((period_label(row.period), row) for row in self.rows), (TOTAL_LABEL, self.total)]


# --- Vietnamese wording -----------------------------------------------------------------------

def vietnamese_date(day: date) -> str:
    """Administrative style (Decree 30/2020/ND-CP): the day always has two digits, the month has a
    leading zero only when it is 1 or 2, so no one can turn 1 into 11 or 12: 05/3/2025, 01/01/2025,
    14/12/2024."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def vietnamese_month(month: int, year: int) -> str:
    return f"{month:02d}/{year}" if month <= 2 else f"{month}/{year}"


def vietnamese_number(number: int) -> str:
    """Thousands separated by dots, as Vietnamese writes them: 1.234."""
    return f"{number:,}".replace(",", ".")


def period_label(period: Period) -> str:
    """Năm 2025, Quý I/2025, 6 tháng đầu năm 2025, Tháng 3/2025... or the dates of a window."""
    kind = period.kind
    if kind == "window":
        return f"{vietnamese_date(period.start)} - {vietnamese_date(period.end)}"
    if kind == "range":
        first, last = period.code.split("..")
        return f"{_code_label(first)} - {_lowercase_first(_code_label(last))}"
    return _code_label(period.code)


def _code_label(code: str) -> str:
    year, _, part = code.partition("-")
    if not part:
        return f"Năm {year}"
    if part.startswith("Q"):
        return f"Quý {ROMAN_QUARTERS[int(part[1])]}/{year}"
    if part == "H1":
        return f"6 tháng đầu năm {year}"
    if part == "H2":
        return f"6 tháng cuối năm {year}"
    if part == "9M":
        return f"9 tháng đầu năm {year}"
    return f"Tháng {vietnamese_month(int(part), int(year))}"


def _lowercase_first(label: str) -> str:
    # Only the first letter: labels hold proper names ("Người Việt Nam ở nước ngoài").
    return label[:1].lower() + label[1:]


def report_sentence(counts: Counts, *, portal_name: str = DEFAULT_PORTAL_NAME,
                    category_labels: Mapping[str, str] | None = None, named_categories: tuple[str, ...] = ()) -> str:
    """The line for the report, e.g. "Từ ngày 01/01/2025 đến ngày 05/3/2025, Cổng Thông tin đối ngoại
    đa ngôn ngữ đăng tải 180 tin bài bằng 5 ngôn ngữ (Việt, Anh, Nhật, Trung, Hàn), trong đó 25 tin
    bài về cải cách hành chính."

    "tin bài" counts language versions. The languages listed are those with at least one version
    in the period, so the sentence never claims a language that published nothing.
    """
    period = counts.period
    if period.start == period.end:
        when = f"Ngày {vietnamese_date(period.start)}"
    else:
        when = f"Từ ngày {vietnamese_date(period.start)} đến ngày {vietnamese_date(period.end)}"
    if counts.versions == 0:
        return f"{when}, {portal_name} không đăng tải tin bài nào."
    languages = [LANGUAGE_NAMES[lang] for lang, number in counts.by_language.items() if number]
    if len(languages) == 1:
        in_languages = f"bằng tiếng {languages[0]}"
    else:
        in_languages = f"bằng {len(languages)} ngôn ngữ ({', '.join(languages)})"
    sentence = f"{when}, {portal_name} đăng tải {vietnamese_number(counts.versions)} tin bài {in_languages}"
    labels = category_labels or {}
    parts = []
    for slug in named_categories:
        topic = _lowercase_first(labels.get(slug, slug))
        number = counts.by_category[slug].versions
        parts.append(f"{vietnamese_number(number)} tin bài về {topic}" if number else f"không có tin bài nào về {topic}")
    if parts:
        sentence += ", trong đó " + ", ".join(parts)
    return sentence + "."


def document_sentence(counts: Counts, *, portal_name: str = DEFAULT_PORTAL_NAME,
                      kind_labels: Mapping[str, str] | None = None) -> str:
    """The line for the report on the documents section, e.g. "Từ ngày 01/01/2025 đến ngày
    31/12/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 6 văn bản (20 phiên bản bằng 5 ngôn
    ngữ: Việt, Anh, Nhật, Trung, Hàn), trong đó 4 kế hoạch, 1 báo cáo, 1 quyết định."

    Only the kinds and languages with at least one document or version in the period are named."""
    period = counts.period
    if period.start == period.end:
        when = f"Ngày {vietnamese_date(period.start)}"
    else:
        when = f"Từ ngày {vietnamese_date(period.start)} đến ngày {vietnamese_date(period.end)}"
    if counts.versions == 0:
        return f"{when}, {portal_name} không đăng tải văn bản nào."
    languages = [LANGUAGE_NAMES[lang] for lang, number in counts.by_language.items() if number]
    in_languages = f"bằng tiếng {languages[0]}" if len(languages) == 1 else \
        f"bằng {len(languages)} ngôn ngữ: {', '.join(languages)}"
    versions = f"{vietnamese_number(counts.versions)} phiên bản {in_languages}"
    if counts.articles == 0:
        return f"{when}, {portal_name} không đăng tải văn bản mới; đăng tải {versions} của văn bản đã có."
    sentence = f"{when}, {portal_name} đăng tải {vietnamese_number(counts.articles)} văn bản ({versions})"
    labels = kind_labels or {}
    parts = [f"{vietnamese_number(figures.articles)} {_lowercase_first(labels.get(slug, slug))}"
             for slug, figures in counts.by_category.items() if figures.articles]
    if parts:
        sentence += ", trong đó " + ", ".join(parts)
    return sentence + "."


# --- formats ------------------------------------------------------------------------------------

def render_text(report: CountReport) -> str:
    """One sentence; for a series one per period, then a blank line and the whole span's."""
    def sentence(counts: Counts) -> str:
        if report.wording.section == "documents":
            return document_sentence(counts, portal_name=report.portal_name, kind_labels=report.category_labels)
        return report_sentence(counts, portal_name=report.portal_name, category_labels=report.category_labels,
                               named_categories=report.named_categories)

    if not report.is_series:
        return sentence(report.total) + "\n"
    lines = [sentence(row) for row in report.rows]
    return "\n".join(lines) + "\n\n" + sentence(report.total) + "\n"


def render_json(report: CountReport) -> str:
    """The fixed shape for one period. A series is the same shape for the whole span, plus `unit`
    and `series`: one object per period, each the same shape with its `period` code first."""
    return json.dumps(_json_data(report), ensure_ascii=False, indent=2) + "\n"


def _json_data(report: CountReport) -> dict:
    wording = report.wording

    def shaped(counts: Counts) -> dict:
        # The news keep the fixed shape other tools read; the documents name their own figures.
        data = counts.as_dict()
        if wording is NEWS_WORDING:
            return data
        data[wording.json_breakdown] = {slug: {wording.json_items: figures["articles"], "versions": figures["versions"]}
                                        for slug, figures in data.pop("by_category").items()}
        renamed = {"articles": wording.json_items}
        return {renamed.get(key, key): value for key, value in data.items()}

    data = shaped(report.total)
    if report.is_series:
        data["unit"] = report.unit
        data["series"] = [{"period": row.period.code, **shaped(row)} for row in report.rows]
    return data


def _header(report: CountReport) -> list[str]:
    wording = report.wording
    languages = list(report.total.by_language)
    header = ["Kỳ", "Từ ngày", "Đến ngày", wording.items_heading, wording.versions_heading]
    header += [f"{wording.versions_short} tiếng {LANGUAGE_NAMES[lang]}" for lang in languages]
    for slug in report.total.by_category:
        label = report.category_labels.get(slug, slug)
        header += [f"{label}: {wording.item_noun}", f"{label}: {wording.version_noun}"]
    return header


def _values(counts: Counts) -> list[int]:
    values = [counts.articles, counts.versions, *counts.by_language.values()]
    for figures in counts.by_category.values():
        values += [figures.articles, figures.versions]
    return values


def render_csv(report: CountReport) -> str:
    """One row per period (and a total row for a series); dates as YYYY-MM-DD, which every
    spreadsheet reads the same way whatever its locale."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_header(report))
    for label, counts in report.table_rows:
        writer.writerow([label, counts.period.start.isoformat(), counts.period.end.isoformat(), *_values(counts)])
    return buffer.getvalue()


def write_xlsx(report: CountReport, path: Path) -> None:
    """The same table as the CSV, with real dates shown dd/mm/yyyy, and the definitions on a second
    sheet so the file explains itself when it is forwarded."""
    from openpyxl import Workbook

    workbook = Workbook()
    _fill_sheet(workbook.active, report, "Số liệu")
    notes = workbook.create_sheet("Ghi chú")
    for line in _notes(report):
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    workbook.save(path)


def _fill_sheet(sheet, report: CountReport, title: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = title
    header = _header(report)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for label, counts in report.table_rows:
        sheet.append([label, counts.period.start, counts.period.end, *_values(counts)])
        row = sheet.max_row
        for column in (2, 3):
            sheet.cell(row=row, column=column).number_format = "DD/MM/YYYY"
        if label == TOTAL_LABEL and report.is_series:
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12 if column <= 3 else 14


def _notes(report: CountReport) -> list[str]:
    total = report.total.period
    lines = [f"Số liệu {report.wording.subject} của {report.portal_name}, từ ngày {vietnamese_date(total.start)} "
             f"đến ngày {vietnamese_date(total.end)}.", *report.wording.definitions]
    if total.convention == "nd09":
        lines.append(ND09_NOTE)
    return lines


def _table_title(report: CountReport) -> str:
    period = report.total.period
    dates = f"từ ngày {vietnamese_date(period.start)} đến ngày {vietnamese_date(period.end)}"
    subject = report.wording.subject
    if period.kind == "window":
        return f"Số liệu {subject} {dates}"
    return f"Số liệu {subject} {_lowercase_first(period_label(period))} ({dates})"


def print_table(report: CountReport, console) -> None:
    """Readable terminal tables (rich): one period as figures down the page; a series as one row
    per period, with the categories in a second table so neither is too wide."""
    from rich.table import Table

    wording = report.wording
    caption = "\n".join(_notes(report)[1:])
    if not report.is_series:
        counts = report.total
        title = _table_title(report)
        table = Table(title=title, caption=caption, caption_justify="left", min_width=len(title))
        table.add_column("Chỉ tiêu")
        table.add_column(wording.items_heading, justify="right")
        table.add_column(wording.versions_heading, justify="right")
        table.add_row("Tổng số", vietnamese_number(counts.articles), vietnamese_number(counts.versions), style="bold")
        table.add_section()
        for lang, number in counts.by_language.items():
            table.add_row(f"Tiếng {LANGUAGE_NAMES[lang]}", "", vietnamese_number(number))
        if counts.by_category:
            table.add_section()
        for slug, figures in counts.by_category.items():
            table.add_row(report.category_labels.get(slug, slug), vietnamese_number(figures.articles),
                          vietnamese_number(figures.versions))
        console.print(table)
        return

    languages = [LANGUAGE_NAMES[lang] for lang in report.total.by_language]
    caption += f"\nCác cột {', '.join(languages)}: số {wording.version_noun} bằng tiếng đó."
    title = _table_title(report)
    figures = Table(title=title, caption=caption, caption_justify="left", min_width=len(title))
    for heading in ("Kỳ", "Từ ngày", "Đến ngày"):
        figures.add_column(heading, no_wrap=True)
    # Short headings: a series table is wide, and the caption defines both figures.
    figures.add_column(wording.items_short, justify="right")
    figures.add_column(wording.versions_short, justify="right")
    for name in languages:
        figures.add_column(name, justify="right")
    rows = report.table_rows
    for index, (label, counts) in enumerate(rows):
        if index == len(rows) - 1:
            figures.add_section()
        figures.add_row(label, vietnamese_date(counts.period.start), vietnamese_date(counts.period.end),
                        vietnamese_number(counts.articles), vietnamese_number(counts.versions),
                        *(vietnamese_number(number) for number in counts.by_language.values()),
                        style="bold" if index == len(rows) - 1 else None)
    console.print(figures)
    if not report.total.by_category:
        return
    category_title = wording.breakdown_title
    by_category = Table(title=category_title, min_width=len(category_title))
    by_category.add_column("Kỳ", no_wrap=True)
    for slug in report.total.by_category:
        by_category.add_column(report.category_labels.get(slug, slug), justify="right")
    for index, (label, counts) in enumerate(rows):
        if index == len(rows) - 1:
            by_category.add_section()
        by_category.add_row(label, *(f"{vietnamese_number(item.articles)} / {vietnamese_number(item.versions)}"
                                     for item in counts.by_category.values()),
                            style="bold" if index == len(rows) - 1 else None)
    console.print(by_category)


def render_table(report: CountReport, width: int = 120) -> str:
    """The terminal table as plain text (for --output and tests)."""
    from rich.console import Console

    buffer = io.StringIO()
    print_table(report, Console(file=buffer, width=width, color_system=None, legacy_windows=False))
    return buffer.getvalue()


# --- both sections (`portal count --section all`) ----------------------------------------------

@dataclass(frozen=True)
class SectionsReport:
    """The news report and the documents report of one period, side by side."""

    news: CountReport
    documents: CountReport

    @property
    def reports(self) -> tuple[CountReport, CountReport]:
        return self.news, self.documents


def render_sections_text(report: SectionsReport) -> str:
    return "\n".join(render_text(part) for part in report.reports)


def render_sections_json(report: SectionsReport) -> str:
    """{"from", "to", "news": <the news shape>, "documents": <the documents shape>}."""
    total = report.news.total.period
    data = {"from": total.start.isoformat(), "to": total.end.isoformat(),
            "news": _json_data(report.news), "documents": _json_data(report.documents)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def print_sections_table(report: SectionsReport, console) -> None:
    for part in report.reports:
        print_table(part, console)


def render_sections_table(report: SectionsReport, width: int = 120) -> str:
    return "\n".join(render_table(part, width) for part in report.reports)


def write_sections_xlsx(report: SectionsReport, path: Path) -> None:
    """One sheet per section, and the definitions of both on a third."""
    from openpyxl import Workbook

    workbook = Workbook()
    _fill_sheet(workbook.active, report.news, "Tin bài")
    _fill_sheet(workbook.create_sheet(), report.documents, "Văn bản")
    notes = workbook.create_sheet("Ghi chú")
    for part in report.reports:
        for line in _notes(part):
            notes.append([line])
        notes.append([""])
    notes.column_dimensions["A"].width = 110
    workbook.save(path)
