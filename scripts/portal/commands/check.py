"""`portal check`: validate all content; every problem at once; non-zero exit when any. It also
lists what is scheduled (information, not a problem)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help=_("validate all content (front matter, dates, categories, links, images) "
                                                   "and list what is scheduled"))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.set_defaults(handler=check)


def check(args) -> int:
    from ..clock import ClockError, current_moment
    from ..content.schedule import schedule_lines
    from ..content_checks import check_content, run_warnings
    from ..problems import format_report
    from ..project import project_docs_dir, project_root

    docs_dir = (args.docs or project_docs_dir()).resolve()
    root = project_root() if args.docs is None else docs_dir.parent
    try:
        now = current_moment()
    except ClockError as error:
        print(_("portal check: {problem}").format(problem=error), file=sys.stderr)
        return 2
    report = check_content(docs_dir, root, now=now)
    for line in schedule_lines(report.news, now, report.shown):
        print(line)
    for warning in run_warnings(docs_dir, root):
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    if report.problems:
        print(format_report(report.problems), file=sys.stderr)
        return 1
    print(_("No problems found."))
    return 0
