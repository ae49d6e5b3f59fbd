"""Output of `portal count`: JSON, CSV, XLSX, a terminal table and the sentence for the report.

Everything the office reads is in the tools' language (Vietnamese unless English is asked for,
see `portal.messages`); JSON keeps the fixed English shape for programs. Two figures must never
be confused, so every table says which is which:

- *bài viết* (articles): each article once, however many languages it is published in;
- *tin bài* (news items, `versions` in JSON): each published language version, which is what
  readers see on the site and what the reports have always quoted ("180 tin bài bằng 5 ngôn ngữ").

The documents section (`portal count --section documents`) has the same two figures under its
own names (*văn bản*, *phiên bản ngôn ngữ*), broken down by kind instead of category: a
`Wording` holds how a section's figures are named, `CountReport.wording` which one a report uses.
`--section all` gives both reports together (`SectionsReport`).

In Vietnamese, dates follow Decree 30/2020/ND-CP (05/3/2025) and thousands take a dot (1.234); in
English, dates are ISO 8601 (2025-03-05) and thousands take a comma.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping

from rich.cells import cell_len

from ..messages import N_, _, current_language, ngettext
from .counts import Counts, Period

DEFAULT_PORTAL_NAME = N_("Multilingual Foreign Affairs Portal")
"""The sentence's subject when docs/_data/site.yml gives no `portal` name."""

LANGUAGE_NAMES = {"vi": N_("Vietnamese"), "en": N_("English"), "ja": N_("Japanese"), "zh": N_("Chinese"),
                  "ko": N_("Korean")}
"""How a report names each language: "tiếng Anh", "5 ngôn ngữ (Việt, Anh, ...)"."""

ARTICLES_HEADING = N_("Number of articles")
VERSIONS_HEADING = N_("Number of news items")
DEFINITIONS = (
    N_("Number of articles: each article counts once, however many languages it is published in, in the period "
       "of its first publication."),
    N_("Number of news items: each published language version counts as one news item (the figure the report "
       "sentence quotes)."),
    N_("Drafts and section pages are not counted; publication times are Vietnam time, and the first and last "
       "days of the period are included."),
)
ND09_NOTE = N_("Statistical periods of Decree 09/2019/NĐ-CP: figures close on the 14th (from the 15th of the "
               "month before).")
TOTAL_LABEL = N_("Total")
_DATE_FORMATS = {"vi": "DD/MM/YYYY", "en": "YYYY-MM-DD"}
"""How the spreadsheet shows its real dates, as the report writes them."""
QUARTER_LABELS = {1: N_("Quarter 1 of {year}"), 2: N_("Quarter 2 of {year}"), 3: N_("Quarter 3 of {year}"),
                  4: N_("Quarter 4 of {year}")}


@dataclass(frozen=True)
class Wording:
    """How the figures of one section are named (messages of the catalogue, translated where shown;
    whole sentences rather than nouns put together, so each language can word them its own way)."""

    section: str
    """`news` or `documents`."""
    items_heading: str
    versions_heading: str
    items_short: str
    versions_short: str
    versions_in_language: str
    """A column of a table: the versions in {language}."""
    item_of_category: str
    version_of_category: str
    breakdown_title: str
    language_columns: str
    """The caption under a series table: what its language columns count ({languages})."""
    figures_of: str
    """The first line of the notes: the figures of {portal}, from {start} to {end}."""
    figures_window: str
    figures_period: str
    sheet_title: str
    """The spreadsheet's sheet with the section's figures, in a workbook of both sections."""
    definitions: tuple[str, ...]
    json_items: str
    json_breakdown: str


NEWS_WORDING = Wording(
    section="news", items_heading=ARTICLES_HEADING, versions_heading=VERSIONS_HEADING,
    items_short=N_("Articles"), versions_short=N_("News items"), versions_in_language=N_("News items in {language}"),
    item_of_category=N_("{category}: articles"), version_of_category=N_("{category}: news items"),
    breakdown_title=N_("By category (articles / news items)"),
    language_columns=N_("Columns {languages}: news items in that language."),
    figures_of=N_("News figures of {portal}, from {start} to {end}."), figures_window=N_("News figures {dates}"),
    figures_period=N_("News figures, {period} ({dates})"), sheet_title=N_("News items"),
    definitions=DEFINITIONS, json_items="articles", json_breakdown="by_category",
)
DOCUMENT_WORDING = Wording(
    section="documents", items_heading=N_("Number of documents"), versions_heading=N_("Number of language versions"),
    items_short=N_("Documents"), versions_short=N_("Versions"), versions_in_language=N_("Versions in {language}"),
    item_of_category=N_("{category}: documents"), version_of_category=N_("{category}: versions"),
    breakdown_title=N_("By kind (documents / language versions)"),
    language_columns=N_("Columns {languages}: language versions in that language."),
    figures_of=N_("Document figures of {portal}, from {start} to {end}."), figures_window=N_("Document figures {dates}"),
    figures_period=N_("Document figures, {period} ({dates})"), sheet_title=N_("Documents"),
    definitions=(
        N_("Number of documents: each document counts once, however many languages it is published in, in the "
           "period of its first publication on the portal."),
        N_("Number of language versions: each published language version of a document counts as one."),
        N_("Publication time of a version: its own date, else the Vietnamese record's, else the issue date; "
           "Vietnam time, the first and last days of the period included. Drafts are not counted."),
    ),
    json_items="documents", json_breakdown="by_kind",
)


@dataclass(frozen=True)
class CountReport:
    """What `portal count` prints: the whole period, and for a series one row per period."""

    total: Counts
    rows: tuple[Counts, ...] = ()
    """One per year, quarter or month of a series; empty when no series was asked for."""
    unit: str | None = None
    category_labels: Mapping[str, str] = field(default_factory=dict)
    """The label of each category in the figures' `by_category`, in the report's language."""
    named_categories: tuple[str, ...] = ()
    """The categories asked for with --category: the sentence says "trong đó N tin bài về ..." for each."""
    portal_name: str = ""
    """The portal's name in the report's language; empty for `DEFAULT_PORTAL_NAME`."""
    wording: Wording = NEWS_WORDING

    @property
    def is_series(self) -> bool:
        return self.unit is not None

    @property
    def shown_portal_name(self) -> str:
        return self.portal_name or _(DEFAULT_PORTAL_NAME)

    @property
    def table_rows(self) -> list[tuple[str, Counts]]:
        """(label, figures) in the order tables list them: each period, then the total."""
        if not self.is_series:
            return [(period_label(self.total.period), self.total)]
        return [*((period_label(row.period), row) for row in self.rows), (_(TOTAL_LABEL), self.total)]


# --- wording ------------------------------------------------------------------------------------

def report_language() -> str:
    """The language of the site data a report quotes (category labels, the portal's name):
    English when the tools speak English, else Vietnamese."""
    return "en" if current_language() == "en" else "vi"


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


def report_date(day: date) -> str:
    return day.isoformat() if report_language() == "en" else vietnamese_date(day)


def report_number(number: int) -> str:
    return f"{number:,}" if report_language() == "en" else vietnamese_number(number)


def language_name(lang: str) -> str:
    return _(LANGUAGE_NAMES[lang])


def period_label(period: Period) -> str:
    """Năm 2025, Quý I/2025, 6 tháng đầu năm 2025, Tháng 3/2025... or the dates of a window."""
    kind = period.kind
    if kind == "window":
        return f"{report_date(period.start)} - {report_date(period.end)}"
    if kind == "range":
        first, last = period.code.split("..")
        return f"{_code_label(first)} - {_lowercase_first(_code_label(last))}"
    return _code_label(period.code)


def _code_label(code: str) -> str:
    year, _dash, part = code.partition("-")
    if not part:
        return _("Year {year}").format(year=year)
    if part.startswith("Q"):
        return _(QUARTER_LABELS[int(part[1])]).format(year=year)
    if part == "H1":
        return _("First half of {year}").format(year=year)
    if part == "H2":
        return _("Second half of {year}").format(year=year)
    if part == "9M":
        return _("First nine months of {year}").format(year=year)
    month = vietnamese_month(int(part), int(year)) if report_language() == "vi" else f"{year}-{part}"
    return _("Month {month}").format(month=month)


def _lowercase_first(label: str) -> str:
    # Only the first letter: labels hold proper names ("Người Việt Nam ở nước ngoài").
    return label[:1].lower() + label[1:]


def _period_phrase(period) -> str:
    """"From 01/01/2025 to 05/3/2025" ("On ..." for a single day), as a report sentence opens."""
    if period.start == period.end:
        return _("On {date}").format(date=report_date(period.start))
    return _("From {start} to {end}").format(start=report_date(period.start), end=report_date(period.end))


def report_sentence(counts: Counts, *, portal_name: str = "",
                    category_labels: Mapping[str, str] | None = None, named_categories: tuple[str, ...] = ()) -> str:
    """The line for the report, e.g. "Từ ngày 01/01/2025 đến ngày 05/3/2025, Cổng Thông tin đối ngoại
    đa ngôn ngữ đăng tải 180 tin bài bằng 5 ngôn ngữ (Việt, Anh, Nhật, Trung, Hàn), trong đó 25 tin
    bài về cải cách hành chính."

    "tin bài" counts language versions. The languages listed are those with at least one version
    in the period, so the sentence never claims a language that published nothing.
    """
    portal = portal_name or _(DEFAULT_PORTAL_NAME)
    when = _period_phrase(counts.period)
    if counts.versions == 0:
        return _("{when}, {portal} published no news items.").format(when=when, portal=portal)
    languages = [language_name(lang) for lang, number in counts.by_language.items() if number]
    if len(languages) == 1:
        in_languages = _("in {language}").format(language=languages[0])
    else:
        in_languages = ngettext("in {count} language ({languages})", "in {count} languages ({languages})",
                                len(languages)).format(count=len(languages), languages=", ".join(languages))
    sentence = ngettext("{when}, {portal} published {count} news item {in_languages}",
                        "{when}, {portal} published {count} news items {in_languages}", counts.versions).format(
        when=when, portal=portal, count=report_number(counts.versions), in_languages=in_languages)
    labels = category_labels or {}
    parts = []
    for slug in named_categories:
        topic = labels.get(slug, slug)
        # Vietnamese labels are capitalised as headings and lowered in a sentence; English ones
        # are in title case, which a sentence keeps.
        topic = _lowercase_first(topic) if report_language() == "vi" else topic
        number = counts.by_category[slug].versions
        if number:
            parts.append(ngettext("{count} news item on {topic}", "{count} news items on {topic}", number).format(
                count=report_number(number), topic=topic))
        else:
            parts.append(_("no news items on {topic}").format(topic=topic))
    if parts:
        sentence = _("{sentence}, including {parts}").format(sentence=sentence, parts=", ".join(parts))
    return sentence + "."


def document_sentence(counts: Counts, *, portal_name: str = "", kind_labels: Mapping[str, str] | None = None) -> str:
    """The line for the report on the documents section, e.g. "Từ ngày 01/01/2025 đến ngày
    31/12/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 6 văn bản (20 phiên bản bằng 5 ngôn
    ngữ: Việt, Anh, Nhật, Trung, Hàn), trong đó 4 kế hoạch, 1 báo cáo, 1 quyết định."

    Only the kinds and languages with at least one document or version in the period are named."""
    portal = portal_name or _(DEFAULT_PORTAL_NAME)
    when = _period_phrase(counts.period)
    if counts.versions == 0:
        return _("{when}, {portal} published no documents.").format(when=when, portal=portal)
    languages = [language_name(lang) for lang, number in counts.by_language.items() if number]
    if len(languages) == 1:
        in_languages = _("in {language}").format(language=languages[0])
    else:
        in_languages = ngettext("in {count} language: {languages}", "in {count} languages: {languages}",
                                len(languages)).format(count=len(languages), languages=", ".join(languages))
    versions = ngettext("{count} version {in_languages}", "{count} versions {in_languages}", counts.versions).format(
        count=report_number(counts.versions), in_languages=in_languages)
    if counts.articles == 0:
        return _("{when}, {portal} published no new documents, and {versions} of documents already published.").format(
            when=when, portal=portal, versions=versions)
    sentence = ngettext("{when}, {portal} published {count} document ({versions})",
                        "{when}, {portal} published {count} documents ({versions})", counts.articles).format(
        when=when, portal=portal, count=report_number(counts.articles), versions=versions)
    labels = kind_labels or {}
    parts = []
    for slug, figures in counts.by_category.items():
        if figures.articles:
            kind = labels.get(slug, slug)
            kind = _lowercase_first(kind) if report_language() == "vi" else kind
            parts.append(_("{kind}: {count}").format(kind=kind, count=report_number(figures.articles)))
    if parts:
        sentence = _("{sentence}, including {parts}").format(sentence=sentence, parts=", ".join(parts))
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
    languages = list(report.total.by_language)
    wording = report.wording
    header = [_("Period"), _("From"), _("To"), _(wording.items_heading), _(wording.versions_heading)]
    header += [_(wording.versions_in_language).format(language=language_name(lang)) for lang in languages]
    for slug in report.total.by_category:
        label = report.category_labels.get(slug, slug)
        header += [_(wording.item_of_category).format(category=label),
                   _(wording.version_of_category).format(category=label)]
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
    _fill_sheet(workbook.active, report, _("Figures"))
    notes = workbook.create_sheet(_("Notes"))
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
    rows = report.table_rows
    for index, (label, counts) in enumerate(rows):
        sheet.append([label, counts.period.start, counts.period.end, *_values(counts)])
        row = sheet.max_row
        for column in (2, 3):
            sheet.cell(row=row, column=column).number_format = _DATE_FORMATS[report_language()]
        if report.is_series and index == len(rows) - 1:
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12 if column <= 3 else 14


def _notes(report: CountReport) -> list[str]:
    total = report.total.period
    lines = [_(report.wording.figures_of).format(
        portal=report.shown_portal_name, start=report_date(total.start), end=report_date(total.end)),
        *map(_, report.wording.definitions)]
    if total.convention == "nd09":
        lines.append(_(ND09_NOTE))
    return lines


def _table_title(report: CountReport) -> str:
    period = report.total.period
    dates = _("from {start} to {end}").format(start=report_date(period.start), end=report_date(period.end))
    if period.kind == "window":
        return _(report.wording.figures_window).format(dates=dates)
    return _(report.wording.figures_period).format(period=_lowercase_first(period_label(period)), dates=dates)


@dataclass
class _Grid:
    """A terminal table as data, so that it can be printed whole, or in parts that fit the
    terminal: each part repeats the first column (the period or the figure's name)."""

    title: str
    key_heading: str
    headings: list[str]
    """The value columns, right-aligned."""
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    sections: set[int] = field(default_factory=set)
    """Rows a line separates from the row above."""
    caption: str = ""
    room: int = 10_000
    """The width available (the terminal's): a table may widen up to it to keep its title on one line."""
    key_wraps: bool = False
    """Whether the first column may wrap (names of categories), or keeps each value on one line (periods)."""

    def widths(self, column: int | None) -> tuple[int, int]:
        """(narrowest, widest) a column can be without cutting or wrapping a value: a heading may
        wrap between words, a figure or a period never ("12 / 345" on two lines reads as two
        figures). `None` is the first column."""
        if column is None:
            heading, values = self.key_heading, [key for key, _values in self.rows]
        else:
            heading, values = self.headings[column], [values[column] for _key, values in self.rows]
        unbroken = [_longest_word(value) for value in values] if column is None and self.key_wraps \
            else [cell_len(value) for value in values]
        narrowest = max([_longest_word(heading), *unbroken])
        return narrowest, max([cell_len(heading), *map(cell_len, values), narrowest])

    def needed(self, columns: list[int], *, widest: bool = False) -> int:
        """The width of the table of the first column and `columns`, each at its narrowest (or widest)."""
        side = 1 if widest else 0
        inner = self.widths(None)[side] + sum(self.widths(column)[side] for column in columns)
        return inner + 3 * (len(columns) + 1) + 1  # a space each side of every cell, and the rules

    def fitted(self, columns: list[int], width: int) -> dict[int | None, int]:
        """A width for the first column (None) and each of `columns` that fits the table in `width`:
        every column at its narrowest, then the room left given to the columns that need least
        of it to stop wrapping, so that as many headings as possible stay on one line."""
        ranges = {column: self.widths(column) for column in [None, *columns]}
        chosen = {column: narrowest for column, (narrowest, _widest) in ranges.items()}
        room = width - self.needed(columns)
        for column, (narrowest, widest) in sorted(ranges.items(), key=lambda item: item[1][1] - item[1][0]):
            extra = min(room, widest - narrowest)
            chosen[column] += extra
            room -= extra
        return chosen

    def table(self, columns: list[int], width: int | None = None, *, title: bool = True, caption: bool = True):
        """The rich table of the first column and `columns`: as wide as its content, or fitted
        into `width` columns."""
        from rich.table import Table

        widths = self.fitted(columns, width) if width is not None else {}
        # As wide as the title where there is room: a title on one line reads better than a narrow table.
        table = Table(title=self.title if title else None, caption=self.caption if caption else None,
                      caption_justify="left", min_width=min(cell_len(self.title), self.room) if title else None)
        table.add_column(self.key_heading, width=widths.get(None))
        for column in columns:
            table.add_column(self.headings[column], justify="right", width=widths.get(column))
        for index, (key, values) in enumerate(self.rows):
            if index in self.sections:
                table.add_section()
            table.add_row(key, *(values[column] for column in columns), style="bold" if index in self.bold_rows else None)
        return table


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _column_groups(grid: _Grid, width: int) -> list[list[int]] | None:
    """The value columns in consecutive groups, each fitting `width` beside the first column;
    None when not even one value column fits."""
    groups: list[list[int]] = []
    for column in range(len(grid.headings)):
        if groups and grid.needed(groups[-1] + [column]) <= width:
            groups[-1].append(column)
        elif grid.needed([column]) <= width:
            groups.append([column])
        else:
            return None
    return groups


def _print_grid(console, grid: _Grid, width: int | None) -> None:
    """The whole table when it fits `width` (None: any width); else the table in parts, each
    repeating the first column; else, on a very narrow terminal, one block per row. Nothing is
    cut, and the reader is told how the table is laid out."""
    from rich.text import Text

    grid.room = width or grid.room
    everything = list(range(len(grid.headings)))
    if width is None or grid.needed(everything, widest=True) <= width:
        console.print(grid.table(everything))
        return
    if grid.needed(everything) <= width:
        console.print(grid.table(everything, width))
        return
    groups = _column_groups(grid, width)
    if groups is not None:
        console.print(ngettext("The table is wider than this terminal ({width} columns): it is shown in {count} part, "
                               "each repeating the first column.",
                               "The table is wider than this terminal ({width} columns): it is shown in {count} parts, "
                               "each repeating the first column.", len(groups)).format(width=width, count=len(groups)),
                      markup=False, highlight=False)
        for number, group in enumerate(groups):
            fits = grid.needed(group, widest=True) <= width
            console.print(grid.table(group, None if fits else width, title=number == 0, caption=number == len(groups) - 1))
        return
    console.print(_("The table is wider than this terminal ({width} columns): one block per row.").format(width=width),
                  markup=False, highlight=False)
    console.print(Text(grid.title, style="bold"), overflow="fold")
    for index, (key, values) in enumerate(grid.rows):
        console.print(Text(key, style="bold" if index in grid.bold_rows else ""), overflow="fold")
        for heading, value in zip(grid.headings, values):
            if value:
                console.print(Text(f"  {heading}: {value}"), overflow="fold")
    if grid.caption:
        console.print(Text(grid.caption), overflow="fold")


def print_table(report: CountReport, console, width: int | None = None) -> None:
    """Readable terminal tables (rich): one period as figures down the page; a series as one row
    per period, with the categories in a second table. Each fits `width` columns (None: as wide
    as its content): too wide, it is shown in parts that repeat the first column, and says so."""
    wording = report.wording
    caption = "\n".join(_notes(report)[1:])
    title = _table_title(report)
    if not report.is_series:
        counts = report.total
        grid = _Grid(title, _("Indicator"), [_(wording.items_heading), _(wording.versions_heading)], caption=caption,
                     key_wraps=True)
        grid.rows.append((_("Total number"), [report_number(counts.articles), report_number(counts.versions)]))
        grid.bold_rows.add(0)
        grid.sections.add(1)
        for lang, number in counts.by_language.items():
            grid.rows.append((_("In {language}").format(language=language_name(lang)), ["", report_number(number)]))
        if counts.by_category:
            grid.sections.add(len(grid.rows))
        for slug, figures in counts.by_category.items():
            grid.rows.append((report.category_labels.get(slug, slug),
                              [report_number(figures.articles), report_number(figures.versions)]))
        _print_grid(console, grid, width)
        return

    languages = [language_name(lang) for lang in report.total.by_language]
    caption += "\n" + _(wording.language_columns).format(languages=", ".join(languages))
    rows = report.table_rows
    last = len(rows) - 1
    # Short headings: a series table is wide, and the caption defines both figures.
    figures = _Grid(title, _("Period"), [_("From"), _("To"), _(wording.items_short), _(wording.versions_short), *languages],
                    bold_rows={last}, sections={last}, caption=caption)
    for label, counts in rows:
        figures.rows.append((label, [report_date(counts.period.start), report_date(counts.period.end),
                                     report_number(counts.articles), report_number(counts.versions),
                                     *(report_number(number) for number in counts.by_language.values())]))
    _print_grid(console, figures, width)
    if not report.total.by_category:
        return
    by_category = _Grid(_(wording.breakdown_title), _("Period"),
                        [report.category_labels.get(slug, slug) for slug in report.total.by_category],
                        bold_rows={last}, sections={last})
    for label, counts in rows:
        by_category.rows.append((label, [f"{report_number(item.articles)} / {report_number(item.versions)}"
                                         for item in counts.by_category.values()]))
    _print_grid(console, by_category, width)


def render_table(report: CountReport, width: int | None = 120) -> str:
    """The terminal table as plain text (for --output and tests), fitted to `width` columns
    (None: as wide as its content)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 10_000, color_system=None, legacy_windows=False, highlight=False)
    print_table(report, console, width)
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


def print_sections_table(report: SectionsReport, console, width: int | None = None) -> None:
    for part in report.reports:
        print_table(part, console, width)


def render_sections_table(report: SectionsReport, width: int | None = 120) -> str:
    return "\n".join(render_table(part, width) for part in report.reports)


def write_sections_xlsx(report: SectionsReport, path: Path) -> None:
    """One sheet per section, and the definitions of both on a third."""
    from openpyxl import Workbook

    workbook = Workbook()
    _fill_sheet(workbook.active, report.news, _(report.news.wording.sheet_title))
    _fill_sheet(workbook.create_sheet(), report.documents, _(report.documents.wording.sheet_title))
    notes = workbook.create_sheet(_("Notes"))
    for part in report.reports:
        for line in _notes(part):
            notes.append([line])
        notes.append([""])
    notes.column_dimensions["A"].width = 110
    workbook.save(path)
