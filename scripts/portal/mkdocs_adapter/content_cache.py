"""The site model kept between builds while nothing it was made from has changed.

Every build process (each shard of `portal build --jobs`, each full rebuild of the preview)
starts by reading the front matter of every article, building the listings and page index, and
hashing the source of every translated page (for the "outdated translation" notice): about half
a second at 1,000 articles, in every process. The result is kept in
`.cache/portal-build/content.pickle` with the fingerprint of docs/ and of the code
(`fingerprint`), the site address and the listing page size, and is used only while all of them
are the same; anything else loads the content anew (and keeps that). The content checks' verdict
is kept the same way (`checks_unless_unchanged`).

What is published also depends on the moment of the build (`portal.clock`): the model is kept
with its steady span (`News.steady_span`), the moments between which no scheduled version comes
out and no `updated` time passes, and is used only by a build whose moment falls in it; a
scheduled article thus appears at the first build after its time."""

from __future__ import annotations

import json
import logging
import os
import pickle
import tempfile
from datetime import datetime
from pathlib import Path

from ..clock import current_moment
from ..content.schedule import scheduled_entries
from ..content_checks import check_content
from .fingerprint import source_fingerprint

log = logging.getLogger("mkdocs.plugins.portal")


class ContentCache:
    def __init__(self, path: Path, load):
        self.path = Path(path)
        self._load = load
        """The loader it stands for: (docs_dir, site_url, per_page) -> (site, procedures, documents)."""

    def load(self, docs_dir: Path, site_url: str | None, per_page: int, *, now: datetime | None = None,
             future: bool = False):
        now = now or current_moment()
        fingerprint = source_fingerprint(docs_dir, site_url, per_page, future)
        try:
            with open(self.path, "rb") as stream:
                kept_fingerprint, span, content = pickle.load(stream)
            if kept_fingerprint == fingerprint and within(span, now):
                if not future:
                    content[0].news.judge_at(now)
                    content[2].judge_at(now)
                return content
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
        site, procedures, documents = self._load(docs_dir, site_url, per_page, now=now, future=future)
        site.hash_all_sources()
        # The preview of the future shows every scheduled version whatever the time.
        span = (None, None) if future else narrowest(site.news.steady_span(now), documents.documents.steady_span(now))
        self._keep(fingerprint, span, (site, procedures, documents))
        return site, procedures, documents

    def _keep(self, fingerprint: str, span, content) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((fingerprint, span, content), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
            Path(temporary).unlink(missing_ok=True)
            log.debug(f"the site model was not kept: {error}")


def checks_unless_unchanged(docs_dir: Path, record: Path, project_root: Path | None = None, *,
                            now: datetime | None = None, future: bool = False) -> list:
    """`run_checks` at the moment `now`, skipped when neither the docs folder nor the checking
    code changed since the checks last found nothing, and `now` is within the steady span of
    that run (`News.steady_span`: their result depends on the moment only through what is
    published and which `updated` times have passed)."""
    now = now or current_moment()
    state = _fingerprint_of(docs_dir, future)
    if _kept_record(record, state, now) is not None:
        return []
    report = check_content(docs_dir, project_root, now=now, future=future)
    if not report.problems:
        since, until = report.news.steady_span(now)
        # What is scheduled is the same all through the span (no version's time passes in it):
        # kept with the verdict for `kept_schedule`.
        scheduled = [[time.isoformat(), rel_path, title] for time, rel_path, title in scheduled_entries(report.news, now)]
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text("\n".join([state, _text_or_dash(since), _text_or_dash(until),
                                     json.dumps(scheduled, ensure_ascii=True)]), encoding="ascii")
    return report.problems


def kept_schedule(docs_dir: Path, record: Path, now: datetime, future: bool = False) -> list | None:
    """What is scheduled at `now` (`content.schedule.scheduled_entries`), as the checks'
    kept verdict holds it, while it stands (`checks_unless_unchanged`); None when it does not."""
    kept = _kept_record(record, _fingerprint_of(docs_dir, future), now)
    if kept is None or len(kept) < 4:
        return None
    try:
        return [(datetime.fromisoformat(time), rel_path, title) for time, rel_path, title in json.loads(kept[3])]
    except (ValueError, TypeError):
        return None


def _fingerprint_of(docs_dir: Path, future: bool) -> str:
    return source_fingerprint(Path(docs_dir), future)


def _kept_record(record: Path, state: str, now: datetime) -> list[str] | None:
    """The lines of the checks' kept verdict, if it stands for docs/ and the code as they are
    (`state`) and for `now` (within its steady span)."""
    if not record.is_file():
        return None
    kept = record.read_text(encoding="ascii").split("\n")
    if kept[0] == state and len(kept) in (3, 4) \
            and within(tuple(_moment_or_none(text) for text in kept[1:3]), now):
        return kept
    return None


def _text_or_dash(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else "-"


def _moment_or_none(text: str) -> datetime | None:
    return None if text == "-" else datetime.fromisoformat(text)


def narrowest(*spans: tuple[datetime | None, datetime | None]) -> tuple[datetime | None, datetime | None]:
    """The span within every one of `spans` (the latest start, the earliest end)."""
    starts = [since for since, _until in spans if since is not None]
    ends = [until for _since, until in spans if until is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def within(span: tuple[datetime | None, datetime | None], now: datetime) -> bool:
    """Whether `now` falls in the steady span (since, until): since <= now < until."""
    since, until = span
    return (since is None or since <= now) and (until is None or now < until)
