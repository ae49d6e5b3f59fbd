"""What is scheduled, as `portal check`, `portal build` and the preview tell the editors: every
version dated after the moment of the run, and when it will appear (at the first build after
that time: the publishing timer, README "Deployment")."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from ..clock import shown_moment
from ..messages import ngettext
from .news import News


def scheduled_entries(news: News, now: datetime) -> list[tuple[datetime, str, str]]:
    """(time, docs-relative path, title) of each version scheduled at `now`, soonest first."""
    return [(item.time, item.version.rel_path, item.version.title) for item in news.scheduled_at(now)]


def schedule_lines(news: News, now: datetime, shown: Callable[[str], str] = lambda rel: f"docs/{rel}",
                   *, previewed: bool = False) -> list[str]:
    """The scheduled versions at `now`, soonest first, one line each under a heading; no lines
    when nothing is scheduled. `shown` names a docs-relative path as the tool prints it;
    `previewed` says they are shown anyway (`portal serve --future`)."""
    return entry_lines(scheduled_entries(news, now), shown, previewed=previewed)


def entry_lines(scheduled: list[tuple[datetime, str, str]], shown: Callable[[str], str] = lambda rel: f"docs/{rel}",
                *, previewed: bool = False) -> list[str]:
    """`schedule_lines` of the entries `scheduled_entries` gave."""
    if not scheduled:
        return []
    count = len(scheduled)
    if previewed:
        heading = ngettext("Preview of the future: {count} scheduled version is shown as if published "
                           "(it is not published before its time):",
                           "Preview of the future: {count} scheduled versions are shown as if published "
                           "(they are not published before their time):", count)
    else:
        heading = ngettext("{count} version is scheduled (not published yet; it appears at the first build "
                           "after its time):",
                           "{count} versions are scheduled (not published yet; each appears at the first build "
                           "after its time):", count)
    # Nothing here names the moment of the run: the same content and the same published versions
    # give the same lines (scripts/publish.sh compares them between runs).
    lines = [heading.format(count=count)]
    for time, rel_path, title in scheduled:
        lines.append(f"  {shown_moment(time)}  {printable(shown(rel_path))}: {printable(title)}")
    return lines


def printable(text: str) -> str:
    """Front-matter text as a terminal line: control characters (an escape sequence would act on
    the terminal) become spaces."""
    return "".join(character if character.isprintable() else " " for character in text)
