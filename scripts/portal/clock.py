"""The one clock of the portal: the moment a build, a check or a count runs.

What is published depends on it (CONTENT.md, "Publication"): a version dated later than this
moment is *scheduled*. Everything that asks "is it published?" gets the moment from here, once
per run, and passes it down (`content.news.load_news(now=...)`), so one run never sees two
moments and a build's output depends only on the content and this moment.

- `PORTAL_NOW` sets the moment: an ISO 8601 date-time (`2026-12-07T08:00:00+07:00`; without
  an offset, Vietnam time) or a date (midnight, Vietnam time). Tests use it instead of the
  machine's clock; `portal build --jobs N` sets it for its processes so that every language is
  built at the same moment; builds on several machines set it to one value on each.
- Without it, the machine's clock, in Vietnam time, to the second.
- `PORTAL_PREVIEW_FUTURE=1` (set by `portal serve --future`) builds as if every scheduled
  version were already published; the pages then say that they are a preview of the future.
"""

from __future__ import annotations

import os
from datetime import datetime

from .messages import _
from .timezone import VIETNAM_OFFSET, DateError, parse_publication_time

NOW_VARIABLE = "PORTAL_NOW"
FUTURE_VARIABLE = "PORTAL_PREVIEW_FUTURE"


class ClockError(ValueError):
    """`PORTAL_NOW` is not a moment; the message says what to write."""


def current_moment(environment=os.environ) -> datetime:
    """`PORTAL_NOW` if set, else the machine's clock: an aware datetime at +07:00, whole seconds."""
    written = environment.get(NOW_VARIABLE, "").strip()
    if not written:
        return datetime.now(VIETNAM_OFFSET).replace(microsecond=0)
    try:
        return parse_publication_time(written)
    except DateError as error:
        raise ClockError(_("{variable}={value}: {problem}; {fix}, or unset it to use the machine's clock").format(
            variable=NOW_VARIABLE, value=repr(written), problem=error.problem, fix=error.fix)) from None


def previewing_future(environment=os.environ) -> bool:
    """Whether this run shows scheduled versions as published (`portal serve --future`)."""
    return environment.get(FUTURE_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")


def shown_moment(moment: datetime) -> str:
    """A moment as the tools print it for people: `2026-12-07 08:00 (+07:00)`, Vietnam time."""
    moment = moment.astimezone(VIETNAM_OFFSET)
    seconds = f":{moment:%S}" if moment.second else ""
    return f"{moment:%Y-%m-%d %H:%M}{seconds} (+07:00)"
