"""`portal review FILE...`: an editor has checked these translations; mark them reviewed."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help="mark translations as reviewed (translation_status: reviewed, current source_hash)")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="translated versions, e.g. docs/news/2025/x.ja.md")
    parser.add_argument("--docs", type=Path, default=None, help="docs folder (default: the project's docs/)")
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
            print(f"portal review: {error}", file=sys.stderr)
            errors += 1
            continue
        print(f"{done.path}: reviewed (source {done.source_hash})")
    return 2 if errors else 0
