"""Dates and times of publication, always interpreted in Vietnam time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from .messages import _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
VIETNAM_OFFSET = timezone(timedelta(hours=7))

_VN_DAY_FIRST = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years a publication time may fall in (Vietnam time). Outside them a date is a typing
mistake, and Python's dates end at 0001 and 9999: 0001-01-01 in Vietnam time is still year 0 in
UTC, so a wider range would overflow in arithmetic and conversions instead of being reported."""


class DateError(ValueError):
    """A value that is not a date the contract accepts: what is wrong, and what to write instead."""

    def __init__(self, problem: str, fix: str):
        super().__init__(f"{problem}; {fix}")
        self.problem = problem
        self.fix = fix


def parse_publication_time(value: object) -> datetime:
    """Parse a front-matter `date` into an aware datetime in Vietnam time.

    Accepts `YYYY-MM-DD` (midnight, Vietnam time) and ISO 8601 date-times; a date-time without
    offset is Vietnam time, one with an offset (`Z`, `+00:00`...) is converted to +07:00.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            if _VN_DAY_FIRST.match(text):
                day, month, year = _VN_DAY_FIRST.match(text).groups()
                raise DateError(
                    _("'{value}' is written day-first").format(value=value),
                    _("write it as {date}").format(date=f"{int(year):04d}-{int(month):02d}-{int(day):02d}"),
                ) from None
            raise DateError(
                _("'{value}' is not a date").format(value=value),
                _("write YYYY-MM-DD or an ISO 8601 date-time such as 2025-03-05T09:30:00+07:00"),
            ) from None
    else:
        raise DateError(_("{value!r} is not a date").format(value=value), _("write YYYY-MM-DD, for example 2025-03-05"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    try:
        within = FIRST_YEAR <= moment.year <= LAST_YEAR
        moment = moment.astimezone(VIETNAM_OFFSET)
    except OverflowError:  # 0001-01-01 in Vietnam time is still year 0 in UTC
        within = False
    if not (within and FIRST_YEAR <= moment.year <= LAST_YEAR):
        raise outside_the_years(value)
    return moment


def outside_the_years(value: object) -> DateError:
    """The problem of a date whose year is not within FIRST_YEAR-LAST_YEAR."""
    return DateError(
        _("'{value}' is outside the years {first}-{last}").format(value=value, first=FIRST_YEAR, last=LAST_YEAR),
        _("write the real date, for example 2025-03-05"),
    )


def parse_calendar_date(text: str) -> date:
    """A date typed by a person: `2025-03-05`, or the Vietnamese day-first `05/03/2025`, `5/3/2025`."""
    text = text.strip()
    match = _VN_DAY_FIRST.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise DateError(_("'{value}' is not a date").format(value=text), _("write 2025-03-05 or 05/03/2025")) from None


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM_OFFSET)
