"""`portal review FILE...`: an editor has checked these translations; mark them reviewed.
`--note "..."` also records a change of a published page (`updated`, `change_note`), on a
translation or on a Vietnamese source."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..messages import _


def _change_day(text: str) -> str:
    """`--updated`: a day (2025-12-24 or 24/12/2025) or an ISO 8601 date-time, as front matter
    writes it."""
    from ..timezone import DateError, parse_calendar_date, parse_publication_time

    try:
        return parse_calendar_date(text).isoformat()
    except DateError:
        pass
    try:
        return parse_publication_time(text).isoformat()
    except DateError as error:
        raise argparse.ArgumentTypeError(f"{error.problem}; {error.fix}") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review", help=_("mark translations as reviewed (translation_status: reviewed, current source_hash); "
                         "with --note, record a change of a published page"))
    parser.add_argument("paths", nargs="+", type=Path, metavar=_("FILE"),
                        help=_("translated versions, e.g. docs/news/2025/x.ja.md"))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.add_argument("--note", metavar=_("TEXT"),
                        help=_("what changed, shown to readers ('Cập nhật ngày ...: TEXT'): sets 'change_note' and "
                               "'updated' (now, or --updated); works on a Vietnamese source too"))
    parser.add_argument("--updated", metavar=_("DATE"), type=_change_day,
                        help=_("the day of the change for --note (default: now): 2025-12-24, 24/12/2025 or an "
                               "ISO 8601 date-time"))
    parser.set_defaults(handler=review)


def review(args) -> int:
    from ..clock import ClockError, current_moment
    from ..messages import _
    from ..project import project_docs_dir
    from ..translation.review import ChangeNote, ReviewError, change_at, mark_reviewed

    if args.updated is not None and args.note is None:
        print(_("portal review: --updated goes with --note \"what changed\""), file=sys.stderr)
        return 2
    if args.note is not None and not args.note.strip():
        print(_("portal review: --note is empty; write what changed"), file=sys.stderr)
        return 2
    try:
        now = current_moment()
    except ClockError as error:
        print(f"portal review: {error}", file=sys.stderr)
        return 2
    change = None
    if args.note is not None:
        change = ChangeNote(args.updated, args.note.strip()) if args.updated else change_at(now, args.note.strip())
    docs_dir = args.docs or project_docs_dir()
    errors = 0
    for path in args.paths:
        try:
            done = mark_reviewed(docs_dir, path, change, now=now)
        except ReviewError as error:
            print(_("portal review: {problem}").format(problem=error), file=sys.stderr)
            errors += 1
            continue
        if done.source_hash is not None:
            print(_("{path}: reviewed (source {hash})").format(path=done.path, hash=done.source_hash))
        if done.change is not None:
            print(_("{path}: change noted (updated: {updated})").format(path=done.path, updated=done.change.updated))
    return 2 if errors else 0
