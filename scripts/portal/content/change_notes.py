"""Change notes, GOV.UK's practice: when a published page is corrected or completed, its front
matter says when (`updated`) and, optionally, what changed (`change_note`). Readers see
"Cập nhật ngày 24/12/2025: …"; the feeds' `updated` and the sitemap's `lastmod` follow it.

The two fields are the same on every kind of page that has them (news versions, static pages,
and any new content type): read them with `read_change`, check them with `change_problems`, and
take a page's last-updated moment from `last_updated`. Each version has its own: a translation
does not inherit the source's (until it is brought up to date, its notice says it is outdated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..clock import shown_moment
from ..messages import _
from ..timezone import VIETNAM_OFFSET, DateError, parse_publication_time

UPDATED_FIELD = "updated"
NOTE_FIELD = "change_note"
FIELD_DESCRIPTIONS = {
    UPDATED_FIELD: "when the published page was last changed, YYYY-MM-DD or ISO 8601 date-time (Vietnam time)",
    NOTE_FIELD: "what changed, one sentence shown to readers with the date of `updated`",
}

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Change:
    """A page's last change, as its front matter gives it."""

    moment: datetime
    """`updated` in Vietnam time (midnight for a bare date)."""
    day_only: bool
    """`updated` was a date without a time: compared with other moments by day."""
    note: str
    """`change_note`, plain text; empty when there is none."""


def read_change(meta: dict) -> Change | None:
    """The `updated` and `change_note` of a front matter; None without a readable `updated`
    (`change_problems` reports an unreadable one)."""
    value = meta.get(UPDATED_FIELD)
    if value is None:
        return None
    try:
        moment = parse_publication_time(value)
    except DateError:
        return None
    note = meta.get(NOTE_FIELD)
    return Change(moment, is_bare_date(value), note.strip() if isinstance(note, str) else "")


def is_bare_date(value) -> bool:
    return isinstance(value, str) and _BARE_DATE.fullmatch(value.strip()) is not None


def last_change(meta: dict, published: datetime | None) -> Change | None:
    """The page's last change as readers are told it: its `updated` and `change_note`, or its
    publication where it has no `updated`; None for a page with neither. A bare `updated` date
    of the publication's own day keeps the publication's time (the change came after it)."""
    change = read_change(meta)
    if change is None:
        return Change(published, False, "") if published is not None else None
    if published is not None and change.moment < published:
        return Change(published, False, change.note)
    return change


def last_updated(meta: dict, published: datetime | None) -> datetime | None:
    """When the page last changed (`last_change`'s moment)."""
    change = last_change(meta, published)
    return change.moment if change is not None else None


def w3c_datetime(change: Change) -> str:
    """The moment as HTML's `<time datetime>` and the sitemap's `lastmod` write it: the day
    alone for a bare date, else the full date-time with its offset."""
    return _day(change.moment).isoformat() if change.day_only else change.moment.isoformat()


def change_problems(meta: dict, published: datetime | None, now: datetime) -> list[tuple[str, str, str]]:
    """(field, what is wrong, how to fix) for `updated` and `change_note`. `published` is the
    page's publication time (None for a page without one), `now` the moment of the check: a
    change is dated on or after the publication, and not after now (or, for a scheduled page,
    after its publication)."""
    problems = []
    value = meta.get(UPDATED_FIELD)
    change = None
    if value is not None:
        try:
            change = Change(parse_publication_time(value), is_bare_date(value), "")
        except DateError as error:
            problems.append((UPDATED_FIELD, error.problem, error.fix))
    if change is not None:
        if published is not None and _before(change, published):
            problems.append((UPDATED_FIELD,
                             _("the change ({updated}) is dated before the publication ({published})").format(
                                 updated=value, published=shown_moment(published)),
                             _("write when the published page was changed: on or after its 'date'")))
        elif _before_change(max(now, published) if published is not None else now, change):
            problems.append((UPDATED_FIELD, _("'{updated}' is in the future").format(updated=value),
                             _("write the date of a change already made")))
    note = meta.get(NOTE_FIELD)
    if note is not None:
        if not isinstance(note, str):
            problems.append((NOTE_FIELD, _("must be text"), _("write one sentence, in quotes if it contains ':'")))
        elif not note.strip():
            problems.append((NOTE_FIELD, _("is empty"), _("write what changed, or remove the line")))
        elif value is None:
            problems.append((NOTE_FIELD, _("a change note needs the date of the change"),
                             _("add 'updated: YYYY-MM-DD' (the day the page was changed)")))
    return problems


def _before(change: Change, moment: datetime) -> bool:
    return _day(change.moment) < _day(moment) if change.day_only else change.moment < moment


def _before_change(moment: datetime, change: Change) -> bool:
    """Whether `moment` comes before the change (by day for a bare date)."""
    return _day(moment) < _day(change.moment) if change.day_only else moment < change.moment


def _day(moment: datetime):
    return moment.astimezone(VIETNAM_OFFSET).date()
