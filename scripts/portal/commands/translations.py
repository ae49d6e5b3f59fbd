"""`portal translations`: which translations are missing, machine drafts, reviewed or outdated."""

from __future__ import annotations

import json
import sys
from pathlib import Path

FAILABLE = ("outdated", "missing", "machine")
STYLES = {"missing": "red", "machine": "cyan", "reviewed": "green", "outdated": "yellow", "unreadable": "bold red"}


def register(subparsers) -> None:
    from ..languages import TRANSLATION_TARGETS

    parser = subparsers.add_parser(
        "translations",
        help="report the state of every translation (missing, machine, reviewed, outdated)",
    )
    parser.add_argument("--docs", type=Path, default=None, help="docs folder (default: the project's docs/)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--to", default=",".join(TRANSLATION_TARGETS), metavar="LANGS",
                        help=f"languages to report, comma-separated (default: {','.join(TRANSLATION_TARGETS)})")
    parser.add_argument("--fail-on", action="append", default=[], metavar="STATE",
                        help=f"exit 1 when any translation is in this state ({', '.join(FAILABLE)}); "
                             "repeat or separate with commas")
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
        print(f"portal translations: --fail-on {', '.join(unknown)}; choose among {', '.join(FAILABLE)}", file=sys.stderr)
        return 2
    try:
        report = collect(docs_dir, parse_languages(args.to))
    except (ValueError, SourceError) as error:
        print(f"portal translations: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    for problem in report.problems:
        print(f"portal translations: {problem}", file=sys.stderr)
    failing = report.with_state(fail_on)
    if failing:
        print(f"portal translations: {len(failing)} translation(s) {' or '.join(sorted(fail_on))}:", file=sys.stderr)
        for source, lang, state in failing:
            print(f"  {source} [{lang}]: {state}", file=sys.stderr)
        return 1
    return 0


def _print_table(report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Translations", title_justify="left")
    table.add_column("Page (Vietnamese source)", no_wrap=True)
    for lang in report.languages:
        table.add_column(lang, no_wrap=True, min_width=8)
    for page in report.pages:
        cells = [Text(page.source)]
        for lang in report.languages:
            state = page.translations[lang]["state"]
            cells.append(Text(state, style=STYLES.get(state, "")))
        table.add_row(*cells)
    # Paths are the point of the table: in a CI log (no terminal) widen rather than cut them.
    longest = max((len(page.source) for page in report.pages), default=30)
    width = None if sys.stdout.isatty() else longest + 13 * len(report.languages) + 8
    console = Console(highlight=False, width=width)
    console.print(table)
    totals = report.totals()
    for lang in report.languages:
        counts = ", ".join(f"{count} {state}" for state, count in totals[lang].items() if count) or "nothing"
        console.print(f"{lang}: {counts}", markup=False)
