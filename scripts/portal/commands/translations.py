"""`portal translations`: which translations are missing, machine drafts, reviewed or outdated.

The table fits the terminal: when the pages' paths and one column per language do not fit its
width, each page becomes a block of two lines (its path, then its languages), and the command
says so; nothing is cut. Piped into a file or a CI log (no terminal), the table is as wide as
its content."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from ..messages import N_, _, ngettext

FAILABLE = ("outdated", "missing", "machine")
STYLES = {"missing": "red", "machine": "cyan", "reviewed": "green", "outdated": "yellow", "unreadable": "bold red"}
STATE_LABELS = {
    "missing": N_("missing"),
    "machine": N_("machine draft"),
    "reviewed": N_("reviewed"),
    "outdated": N_("outdated"),
    "unreadable": N_("unreadable"),
}
"""What each state (the values of `translation_status` and of --fail-on) is called in the table."""
LANGUAGE_COLUMN = 16
"""Width of a language's column: the longest state label in either language of the tools."""


def register(subparsers) -> None:
    from ..languages import TRANSLATION_TARGETS

    parser = subparsers.add_parser(
        "translations",
        help=_("report the state of every translation (missing, machine, reviewed, outdated)"),
    )
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.add_argument("--format", choices=("table", "json"), default="table", help=_("output format (default: table)"))
    parser.add_argument("--to", default=",".join(TRANSLATION_TARGETS), metavar=_("LANGS"),
                        help=_("languages to report, comma-separated (default: {languages})")
                        .format(languages=",".join(TRANSLATION_TARGETS)))
    parser.add_argument("--fail-on", action="append", default=[], metavar=_("STATE"),
                        help=_("exit 1 when any translation is in this state ({states}); repeat or separate with commas")
                        .format(states=", ".join(FAILABLE)))
    parser.set_defaults(handler=translations)


def translations(args) -> int:
    from ..project import project_docs_dir
    from ..translation.report import collect
    from ..translation.run import SourceError
    from .translate import parse_languages

    docs_dir = (args.docs or project_docs_dir()).resolve()
    fail_on = {state.strip() for value in args.fail_on for state in value.split(",") if state.strip()}
    unknown = sorted(fail_on - set(FAILABLE))
    if unknown:
        print(_("portal translations: --fail-on {states}; choose among {choices}").format(
            states=", ".join(unknown), choices=", ".join(FAILABLE)), file=sys.stderr)
        return 2
    try:
        report = collect(docs_dir, parse_languages(args.to))
    except (ValueError, SourceError) as error:
        print(_("portal translations: {problem}").format(problem=error), file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print_report(report, terminal_width())
    for problem in report.problems:
        print(_("portal translations: {problem}").format(problem=problem), file=sys.stderr)
    failing = report.with_state(fail_on)
    if failing:
        print(ngettext("portal translations: {count} translation {states}:",
                       "portal translations: {count} translations {states}:", len(failing)).format(
            count=len(failing), states=_(" or ").join(_(STATE_LABELS[state]) for state in sorted(fail_on))),
            file=sys.stderr)
        for source, lang, state in failing:
            print(f"  {source} [{lang}]: {_(STATE_LABELS.get(state, state))}", file=sys.stderr)
        return 1
    return 0


def terminal_width() -> int | None:
    """The terminal's width in columns; when the output is not a terminal, `COLUMNS` if it is
    set (a width asked for), else None (any width: a file or a CI log)."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def print_report(report, width: int | None, stream=None) -> None:
    """The table if it fits in `width` columns (None: any width), else one block per page."""
    from rich.console import Console

    longest = max((len(page.source) for page in report.pages), default=30)
    needed = longest + (LANGUAGE_COLUMN + 3) * len(report.languages) + 4
    console = Console(highlight=False, width=width or needed, file=stream or sys.stdout, soft_wrap=False)
    if width is None or needed <= width:
        console.print(_table(report))
    else:
        _print_blocks(report, console)
    totals = report.totals()
    for lang in report.languages:
        counts = ", ".join(f"{count} {_(STATE_LABELS.get(state, state))}" for state, count in totals[lang].items() if count)
        nothing = _("nothing")
        console.print(f"{lang}: {counts or nothing}", markup=False)


def _table(report):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Translations"), title_justify="left")
    table.add_column(_("Page (Vietnamese source)"), no_wrap=True)
    for lang in report.languages:
        table.add_column(lang, no_wrap=True, min_width=8)
    for page in report.pages:
        cells = [Text(page.source)]
        for lang in report.languages:
            state = page.translations[lang]["state"]
            cells.append(Text(_(STATE_LABELS.get(state, state)), style=STYLES.get(state, "")))
        table.add_row(*cells)
    return table


def _print_blocks(report, console) -> None:
    from rich.text import Text

    console.print(_("Translations (one page per block: the table is wider than this terminal)"), markup=False)
    for page in report.pages:
        console.print(Text(page.source, style="bold"), overflow="fold")
        line = Text("  ")
        for number, lang in enumerate(report.languages):
            state = page.translations[lang]["state"]
            if number:
                line.append(" · ")
            line.append(f"{lang} ")
            line.append(_(STATE_LABELS.get(state, state)), style=STYLES.get(state, ""))
        console.print(line, overflow="fold")
