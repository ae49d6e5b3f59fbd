"""`portal check`: validate all content; every problem at once; non-zero exit when any."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help="validate all content (front matter, dates, categories, links, images)")
    parser.add_argument("--docs", type=Path, default=None, help="docs folder (default: the project's docs/)")
    parser.set_defaults(handler=check)


def check(args) -> int:
    from ..content_checks import run_checks, run_warnings
    from ..messages import _
    from ..project import project_docs_dir, project_root
    from ..problems import format_report

    docs_dir = (args.docs or project_docs_dir()).resolve()
    root = project_root() if args.docs is None else docs_dir.parent
    problems = run_checks(docs_dir, root)
    for warning in run_warnings(docs_dir, root):
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    if problems:
        print(format_report(problems), file=sys.stderr)
        return 1
    print("No problems found.")
    return 0
