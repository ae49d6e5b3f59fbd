"""`portal count`: exact article figures for the reform reports (CONTENT.md "Counting"), of the news
(the default, the figure the reports quote), of the documents section (`--section documents`) or
of both (`--section all`).

Exit status: 0 with the figures; 2 when the options are wrong or when any news file cannot be
read, or a published version's date, draft flag or categories cannot be used (every such file is
listed, nothing is counted, so a figure is never silently wrong); 1 when the output file cannot
be written. A draft never counts: its problems are listed as warnings and do not stop the count
(`counting.sort_out_problems`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..languages import CODES
from ..messages import _
from ..problems import did_you_mean

FORMATS = ("table", "json", "csv", "xlsx", "text")
SECTIONS = ("news", "documents", "all")


def _calendar_date(text: str):
    from ..timezone import DateError, parse_calendar_date

    try:
        return parse_calendar_date(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(subparsers) -> None:
    from ..counting.counts import CONVENTIONS, SERIES_UNITS

    parser = subparsers.add_parser(
        "count", help=_("count published articles for a report period (table, json, csv, xlsx or a sentence)"),
        description=_("Count the news published in a period: articles, language versions, per language and per "
                      "category. Both ends of the period are included; times are Vietnam time."))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.add_argument("--section", choices=SECTIONS, default="news",
                        help=_("what to count: news (default, the figure the reports quote), documents "
                               "(plans, reports, decisions... by kind), or all (both, side by side)"))
    when = parser.add_argument_group(_("period (give --period, or --from and --to)"))
    when.add_argument("--period", metavar="P",
                      help=_("2025, 2025-Q1..2025-Q4, 2025-H1, 2025-H2, 2025-9M, 2025-03, or a range such as 2021..2025"))
    when.add_argument("--convention", choices=CONVENTIONS, default=None,
                      help=_("calendar periods (default) or nd09: the statistical periods of Decree 09/2019/NĐ-CP, "
                             "closing on the 14th (Q1 2025 = 15/12/2024-14/03/2025)"))
    when.add_argument("--from", dest="from_date", metavar=_("DATE"), type=_calendar_date,
                      help=_("first day: 2025-01-01, 01/01/2025 or 1/1/2025"))
    when.add_argument("--to", dest="to_date", metavar=_("DATE"), type=_calendar_date, help=_("last day (included)"))
    parser.add_argument("--series", choices=SERIES_UNITS, default=None,
                        help=_("one row per year, quarter or month of the period (in the chosen convention)"))
    parser.add_argument("--lang", nargs="+", action="extend", choices=CODES, default=None, metavar="L",
                        help=_("count only versions in these languages ({languages})").format(languages=", ".join(CODES)))
    parser.add_argument("--category", nargs="+", action="extend", default=None, metavar="C",
                        help=_("break down by these category slugs only; the sentence names them"))
    parser.add_argument("--format", choices=FORMATS, default="table", help=_("output format (default: table)"))
    parser.add_argument("--output", type=Path, default=None, metavar=_("FILE"),
                        help=_("write to FILE instead of the terminal (required for xlsx)"))
    parser.set_defaults(handler=count)


def _error(message: str) -> int:
    print(_("portal count: error: {problem}").format(problem=message), file=sys.stderr)
    return 2


def count(args) -> int:
    from ..clock import ClockError, current_moment, shown_moment
    from ..project import project_docs_dir, project_root
    from ..content.news import load_news
    from ..counting.counts import (PeriodError, count_periods, date_window, parse_period, reaches_into_future,
                                   sort_out_problems, split_period, with_field_lines)
    from ..problems import format_report
    from ..counting.report_formats import CountReport, report_language
    from ..content.site_data import SiteDataError, load_categories

    if args.period is not None and (args.from_date or args.to_date):
        return _error(_("give either --period or --from/--to, not both"))
    if args.period is None and not (args.from_date and args.to_date):
        return _error(_("give --period P, or both --from DATE and --to DATE"))
    if args.convention and args.period is None and args.series is None:
        return _error(_("--convention applies to --period and --series; --from/--to are exact dates"))
    if args.format == "xlsx" and args.output is None:
        return _error(_("--format xlsx writes a file: add --output FILE.xlsx"))
    section = getattr(args, "section", "news")
    if section == "documents" and args.category:
        return _error(_("--category breaks the news down; the documents are broken down by kind"))
    if section == "all" and args.format == "csv":
        return _error(_("--section all gives two tables: use --format xlsx (one sheet each), json, table or text, "
                        "or count each section on its own"))
    convention = args.convention or "calendar"
    try:
        span = parse_period(args.period, convention) if args.period else date_window(args.from_date, args.to_date)
        rows = split_period(span, args.series, convention) if args.series else []
    except PeriodError as error:
        return _error(str(error))

    docs_dir = (args.docs or project_docs_dir()).resolve()
    root = project_root() if args.docs is None else docs_dir.parent
    if not docs_dir.is_dir():
        return _error(_("{folder}: no such docs folder").format(folder=docs_dir))
    try:
        now = current_moment()
    except ClockError as error:
        return _error(str(error))
    documents_report = None
    if section in ("documents", "all"):
        documents_report = _documents_report(docs_dir, root, span, rows, args, now)
        if isinstance(documents_report, int):
            return documents_report
        if section == "documents":
            return _emit(documents_report, args.format, args.output)
    try:
        categories = load_categories(docs_dir, lambda path: _shown(path, root))
    except SiteDataError as error:
        print(format_report(error.problems), file=sys.stderr)
        print(_("portal count: nothing counted; fix the files above and run again."), file=sys.stderr)
        return 2
    named = list(dict.fromkeys(args.category or []))
    for slug in named:
        if slug not in categories:
            return _error(_("unknown category '{slug}'; {hint}use a slug from docs/_data/categories.yml: {known}").format(
                slug=slug, hint=did_you_mean(slug, categories), known=", ".join(categories)))

    # Counted: what was published when the count runs (CONTENT.md "Counting").
    news, problems = load_news(docs_dir, project_root=root, now=now)
    problems, warnings = sort_out_problems(news, problems, docs_dir, categories, root)
    if warnings:
        print(_("Warnings: drafts are never counted, so these do not change the figures; "
                "fix them before publishing:"), file=sys.stderr)
        for warning in sorted(with_field_lines(warnings, root)):
            print(f"  {warning}", file=sys.stderr)
    if problems:
        print(format_report(with_field_lines(problems, root)), file=sys.stderr)
        print(_("portal count: nothing counted; fix the files above and run again."), file=sys.stderr)
        return 2

    languages = args.lang or CODES
    breakdown = named or list(categories)
    total, *series = count_periods(news, [span, *rows], languages=languages, categories=breakdown)
    language = report_language()
    if reaches_into_future(span, now):
        print(_("Note: the period reaches into the future: counted what was published up to {now}.").format(
            now=shown_moment(now)), file=sys.stderr)
    report = CountReport(
        total=total, rows=tuple(series), unit=args.series,
        category_labels={slug: categories[slug].label(language) for slug in breakdown},
        named_categories=tuple(named), portal_name=_portal_name(docs_dir, language),
    )
    if documents_report is not None:
        from ..counting.report_formats import SectionsReport

        return _emit(SectionsReport(report, documents_report), args.format, args.output)
    return _emit(report, args.format, args.output)


def _documents_report(docs_dir: Path, root: Path, span, rows, args, now):
    """The documents section's report, or the exit status when its records cannot be counted."""
    from ..counting.document_counts import count_document_periods, kinds_in_use, sort_out_document_problems
    from ..counting.report_formats import DOCUMENT_WORDING, CountReport, report_language
    from ..documents.model import load_documents
    from ..problems import format_report

    documents, load_problems = load_documents(docs_dir, lambda rel: _shown(docs_dir / rel, root))
    problems, warnings = sort_out_document_problems(documents, load_problems, lambda rel: _shown(docs_dir / rel, root))
    if warnings:
        print(_("Warnings: drafts are never counted, so these do not change the figures; "
                "fix them before publishing:"), file=sys.stderr)
        for warning in sorted(warnings):
            print(f"  {warning}", file=sys.stderr)
    if problems:
        print(format_report(problems), file=sys.stderr)
        print(_("portal count: nothing counted; fix the files above and run again."), file=sys.stderr)
        return 2
    kinds = kinds_in_use(documents)
    total, *series = count_document_periods(documents, [span, *rows], languages=args.lang or CODES, kinds=kinds,
                                            now=now)
    return CountReport(
        total=total, rows=tuple(series), unit=args.series,
        category_labels={slug: documents.vocabulary.label("kinds", slug, report_language()) for slug in kinds},
        portal_name=_portal_name(docs_dir, report_language()), wording=DOCUMENT_WORDING,
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _portal_name(docs_dir: Path, language: str) -> str:
    """The portal's name in `language` from docs/_data/site.yml (`portal: {vi: ...}`), so the
    sentence names the portal as the site does; empty (the report's own wording) when the site
    data has none."""
    from ..content.site_data import SiteDataError, data_file, localized, read_data

    try:  # only the name: a count does not need the rest of site.yml to be complete (`portal check`)
        info = read_data(data_file(docs_dir, "site.yml"))[0]
        name = localized(info.get("portal"), language) if isinstance(info, dict) else None
    except SiteDataError:
        return ""
    return name.strip() if isinstance(name, str) and name.strip() else ""


def _emit(report, output_format: str, output: Path | None) -> int:
    from ..counting.report_formats import SectionsReport

    if isinstance(report, SectionsReport):
        return _emit_sections(report, output_format, output)
    from ..counting.report_formats import print_table, render_csv, render_json, render_table, render_text, write_xlsx

    try:
        if output_format == "xlsx":
            write_xlsx(report, output)
        elif output is not None:
            # A file has no terminal to fit: its table is as wide as its content.
            text = {"table": lambda report: render_table(report, None), "json": render_json, "csv": render_csv,
                    "text": render_text}[output_format](report)
            # A BOM lets Excel, which the office opens CSV files with, see the Vietnamese as UTF-8.
            output.write_text(text, encoding="utf-8-sig" if output_format == "csv" else "utf-8")
        elif output_format == "table":
            from rich.console import Console

            from .translations import terminal_width

            # The terminal's width; piped into a file, as wide as the tables are.
            width = terminal_width()
            print_table(report, Console(width=width or 10_000, highlight=False), width)
            return 0
        else:
            renderer = {"json": render_json, "csv": render_csv, "text": render_text}[output_format]
            sys.stdout.write(renderer(report))
            return 0
    except OSError as error:
        print(_("portal count: cannot write {path}: {problem}").format(path=output, problem=error.strerror or error),
              file=sys.stderr)
        return 1
    print(_("Wrote {path}").format(path=output), file=sys.stderr)
    return 0


def _emit_sections(report, output_format: str, output: Path | None) -> int:
    """`--section all`: both reports (CSV is refused before anything is counted)."""
    from ..counting.report_formats import (print_sections_table, render_sections_json, render_sections_table,
                                           render_sections_text, write_sections_xlsx)

    renderers = {"json": render_sections_json, "text": render_sections_text, "table": render_sections_table}
    try:
        if output_format == "xlsx":
            write_sections_xlsx(report, output)
        elif output is not None:
            text = render_sections_table(report, None) if output_format == "table" else renderers[output_format](report)
            output.write_text(text, encoding="utf-8")
        elif output_format == "table":
            from rich.console import Console

            from .translations import terminal_width

            width = terminal_width()
            print_sections_table(report, Console(width=width or 10_000, highlight=False), width)
            return 0
        else:
            sys.stdout.write(renderers[output_format](report))
            return 0
    except OSError as error:
        print(_("portal count: cannot write {path}: {problem}").format(path=output, problem=error.strerror or error),
              file=sys.stderr)
        return 1
    print(_("Wrote {path}").format(path=output), file=sys.stderr)
    return 0
