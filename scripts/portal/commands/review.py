"""`portal review FILE...`: an editor has checked these translations; mark them reviewed."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help=_("mark translations as reviewed (translation_status: reviewed, current source_hash)"))
    parser.add_argument("paths", nargs="+", type=Path, metavar=_("FILE"),
                        help=_("translated versions, e.g. docs/news/2025/x.ja.md"))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.set_defaults(handler=review)


def review(args) -> int:
    from ..project import project_docs_dir
    from ..translation.review import ReviewError, mark_reviewed

    docs_dir = args.docs or project_docs_dir()
    errors = 0
    for path in args.paths:
        try:
            done = mark_reviewed(docs_dir, path)
        except ReviewError as error:
            print(_("portal review: {problem}").format(problem=error), file=sys.stderr)
            errors += 1
            continue
        print(_("{path}: reviewed (source {hash})").format(path=done.path, hash=done.source_hash))
    return 2 if errors else 0
