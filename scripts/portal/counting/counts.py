"""The report figures of CONTENT.md "Counting", and the report periods of DOMAIN.md.

Pure functions: nothing here prints. `portal count` (commands/count.py) parses its options into a
`Period`, loads the news with `content.load_news` at the moment it runs (`portal.clock`: what is
scheduled after it is not published, so never counted), refuses to count when `sort_out_problems` finds
anything that could make a figure wrong (and warns about drafts), and hands the `Counts` to
`report_formats`.

Periods are whole days in Vietnam time, both ends inclusive. Two conventions:

- `calendar`: 1/1-31/12, 1/1-31/3, ...
- `nd09`: the statistical periods of Decree 09/2019/ND-CP, which close on the 14th. A report month
  M runs from the 15th of month M-1 to the 14th of month M, and every longer period is the run of
  its report months: quarter n = 15th of the month before the quarter to the 14th of its last
  month (Q2 = 15/03-14/06), H1 = 15/12 of the previous year to 14/06, H2 = 15/06-14/12,
  9M = 15/12 of the previous year to 14/09, year = 15/12 of the previous year to 14/12.
"""

from __future__ import annotations

import calendar as _calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Sequence

from ..content.news import News
from ..front_matter import read_document
from ..languages import CODES, DEFAULT
from ..messages import _
from ..problems import InputError, Problem
from ..content.news_schema import category_problems, draft_problems
from ..timezone import VIETNAM_OFFSET

CONVENTIONS = ("calendar", "nd09")
SERIES_UNITS = ("year", "quarter", "month")

_PERIOD_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>[QqHh][1-4]|9[Mm]|\d{1,2}))?$")


class PeriodError(ValueError):
    """A period or date range that cannot be used; the message says what to write instead."""


@dataclass(frozen=True)
class Period:
    """Whole days `start`..`end` (inclusive) in Vietnam time."""

    start: date
    end: date
    code: str | None = None
    """`2025`, `2025-Q1`, `2025-H2`, `2025-9M`, `2025-03`, `2021..2025`; None for a --from/--to window."""
    convention: str | None = None
    """The convention the code was read in; None for a --from/--to window."""

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError(_("the period ends ({end}) before it starts ({start})").format(
                end=f"{self.end:%Y-%m-%d}", start=f"{self.start:%Y-%m-%d}"))

    @property
    def kind(self) -> str:
        """`year`, `quarter`, `half`, `nine_months`, `month`, `range` (P..P) or `window` (dates)."""
        return _code_kind(self.code)

    def clipped(self, start: date, end: date) -> Period:
        return Period(max(self.start, start), min(self.end, end), self.code, self.convention)


def _code_kind(code: str | None) -> str:
    if code is None:
        return "window"
    if ".." in code:
        return "range"
    match = _PERIOD_CODE.match(code)
    part = (match.group("part") or "").upper() if match else ""
    if not part:
        return "year"
    if part.startswith("Q"):
        return "quarter"
    if part.startswith("H"):
        return "half"
    if part == "9M":
        return "nine_months"
    return "month"


def _month_span(code: str) -> tuple[int, int, int, str]:
    """(year, first month, last month, normalised code) of a period code; months are 1-12."""
    match = _PERIOD_CODE.match(code.strip())
    if not match:
        raise PeriodError(_("'{period}' is not a period; write 2025, 2025-Q1 .. 2025-Q4, 2025-H1, 2025-H2, "
                            "2025-9M, 2025-03, or a range such as 2021..2025").format(period=code))
    year = int(match.group("year"))
    part = (match.group("part") or "").upper()
    if not part:
        return year, 1, 12, f"{year}"
    if part.startswith("Q"):
        quarter = int(part[1])
        return year, 3 * quarter - 2, 3 * quarter, f"{year}-Q{quarter}"
    if part.startswith("H"):
        half = int(part[1])
        if half not in (1, 2):
            raise PeriodError(_("'{period}': a year has two halves, H1 and H2").format(period=code))
        return year, 6 * half - 5, 6 * half, f"{year}-H{half}"
    if part == "9M":
        return year, 1, 9, f"{year}-9M"
    month = int(part)
    if not 1 <= month <= 12:
        raise PeriodError(_("'{period}': the month must be 01 to 12").format(period=code))
    return year, month, month, f"{year}-{month:02d}"


def _first_day(year: int, month: int, convention: str) -> date:
    if convention == "nd09":
        # A report month opens on the 15th of the month before it.
        return date(year - 1, 12, 15) if month == 1 else date(year, month - 1, 15)
    return date(year, month, 1)


def _last_day(year: int, month: int, convention: str) -> date:
    if convention == "nd09":
        return date(year, month, 14)
    return date(year, month, _calendar.monthrange(year, month)[1])


def _check_convention(convention: str) -> None:
    if convention not in CONVENTIONS:
        raise PeriodError(_("'{convention}' is not a convention; use {choices}").format(
            convention=convention, choices=_(" or ").join(CONVENTIONS)))


def parse_period(text: str, convention: str = "calendar") -> Period:
    """`2025`, `2025-Q1`..`Q4`, `2025-H1`, `2025-H2`, `2025-9M`, `2025-03`, or `FIRST..LAST` (the
    start of FIRST to the end of LAST, e.g. `2021..2025` or `2024-Q3..2025-Q2`)."""
    _check_convention(convention)
    text = text.strip()
    if ".." in text:
        first_text, _dots, last_text = text.partition("..")
        first, last = parse_period(first_text, convention), parse_period(last_text, convention)
        if last.end < first.start:
            raise PeriodError(_("'{period}': the last period ends before the first one starts").format(period=text))
        return Period(first.start, last.end, f"{first.code}..{last.code}", convention)
    year, first_month, last_month, code = _month_span(text)
    try:
        start, end = _first_day(year, first_month, convention), _last_day(year, last_month, convention)
    except ValueError:
        raise PeriodError(_("'{period}': the year is out of range").format(period=text)) from None
    return Period(start, end, code, convention)


def date_window(start: date, end: date) -> Period:
    """An ad-hoc --from/--to window."""
    if end < start:
        raise PeriodError(_("--to ({end}) is before --from ({start})").format(end=f"{end:%Y-%m-%d}", start=f"{start:%Y-%m-%d}"))
    return Period(start, end)


def split_period(span: Period, unit: str, convention: str = "calendar") -> list[Period]:
    """The years, quarters or months (in `convention`) that overlap `span`, in order, each clipped to
    `span` so the rows of a series add up to the span exactly."""
    _check_convention(convention)
    if unit not in SERIES_UNITS:
        raise PeriodError(_("'{unit}' is not a series unit; use {choices}").format(unit=unit, choices=", ".join(SERIES_UNITS)))
    codes_of_year = {
        "year": lambda year: [f"{year}"],
        "quarter": lambda year: [f"{year}-Q{quarter}" for quarter in range(1, 5)],
        "month": lambda year: [f"{year}-{month:02d}" for month in range(1, 13)],
    }[unit]
    # An nd09 year starts in December of the year before, so one more year can overlap the span.
    last_year = span.end.year + (1 if convention == "nd09" else 0)
    periods = []
    for year in range(span.start.year, last_year + 1):
        for code in codes_of_year(year):
            period = parse_period(code, convention)
            if period.end >= span.start and period.start <= span.end:
                periods.append(period.clipped(span.start, span.end))
    return periods


@dataclass(frozen=True)
class CategoryCounts:
    articles: int
    versions: int


@dataclass(frozen=True)
class Counts:
    """The figures of one period (CONTENT.md "Counting")."""

    period: Period
    articles: int
    versions: int
    by_language: dict[str, int]
    """Versions per selected language, in the order of `languages.CODES`."""
    by_category: dict[str, CategoryCounts]

    def as_dict(self) -> dict:
        """The JSON shape of `portal count --format json`."""
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "articles": self.articles,
            "versions": self.versions,
            "by_language": dict(self.by_language),
            "by_category": {slug: {"articles": figures.articles, "versions": figures.versions}
                            for slug, figures in self.by_category.items()},
        }


def vietnam_day(moment: datetime) -> date:
    return moment.astimezone(VIETNAM_OFFSET).date()


def reaches_into_future(period: Period, now: datetime) -> bool:
    """Whether the period ends after `now` (its last day is today or later): what is scheduled
    in it is not counted, since it was not published when the count ran."""
    return period.end >= vietnam_day(now)


class _PublicationIndex:
    """Every counted version and article once, sorted by day, so each period is two bisections
    rather than a pass over the whole corpus (a 60-month series stays as fast as one year)."""

    def __init__(self, news: News, languages: Sequence[str]):
        selected = set(languages)
        versions: list[tuple[date, str, tuple[str, ...]]] = []
        articles: list[tuple[date, tuple[str, ...]]] = []
        for article in news.articles.values():
            article_categories = tuple(article.categories)
            first_day = None
            for lang in article.published_languages():
                if lang not in selected:
                    continue
                moment = article.publication_time(lang)
                if moment is None:
                    continue  # a missing date; load_news reports it and the command refuses to count
                day = vietnam_day(moment)
                versions.append((day, lang, article_categories))
                if first_day is None or day < first_day:
                    first_day = day
            if first_day is not None:
                articles.append((first_day, article_categories))
        versions.sort(key=lambda record: record[0])
        articles.sort(key=lambda record: record[0])
        self.versions = versions
        self.version_days = [record[0] for record in versions]
        self.articles = articles
        self.article_days = [record[0] for record in articles]

    def versions_in(self, period: Period):
        low = bisect_left(self.version_days, period.start)
        high = bisect_right(self.version_days, period.end)
        return self.versions[low:high]

    def articles_in(self, period: Period):
        low = bisect_left(self.article_days, period.start)
        high = bisect_right(self.article_days, period.end)
        return self.articles[low:high]


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def count_periods(news: News, periods: Sequence[Period], *, languages: Sequence[str] = CODES,
                  categories: Sequence[str] = ()) -> list[Counts]:
    """The figures of each period.

    `languages` restricts which versions count. An article counts in the period holding its first
    publication over the selected languages' published versions, so `--lang en` answers "how many
    articles first appeared in English in this period". Without a restriction this is exactly
    CONTENT.md's first publication.

    `categories` (slugs, in the order wanted) are the categories to break the figures down by; an
    article's categories are those of all its published versions, whatever the language filter.

    Versions without a publication time are skipped here; `load_news` reports them as problems.
    """
    unknown = [lang for lang in languages if lang not in CODES]
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)}")
    languages = [lang for lang in CODES if lang in set(languages)]
    categories = _ordered_unique(categories)
    index = _PublicationIndex(news, languages)
    results = []
    for period in periods:
        by_language = dict.fromkeys(languages, 0)
        category_versions = dict.fromkeys(categories, 0)
        category_articles = dict.fromkeys(categories, 0)
        versions = index.versions_in(period)
        for _day, lang, article_categories in versions:
            by_language[lang] += 1
            for slug in article_categories:
                if slug in category_versions:
                    category_versions[slug] += 1
        articles = index.articles_in(period)
        for _day, article_categories in articles:
            for slug in article_categories:
                if slug in category_articles:
                    category_articles[slug] += 1
        by_category = {slug: CategoryCounts(category_articles[slug], category_versions[slug]) for slug in categories}
        results.append(Counts(period, len(articles), len(versions), by_language, by_category))
    return results


def count_period(news: News, period: Period, *, languages: Sequence[str] = CODES,
                 categories: Sequence[str] = ()) -> Counts:
    return count_periods(news, [period], languages=languages, categories=categories)[0]


def count_problems(news: News, docs_dir: Path, known_categories: Iterable[str],
                   project_root: Path | None = None) -> list[Problem]:
    """Front-matter values that would make a figure silently wrong, beyond what `load_news` already
    reports (unreadable YAML and dates): a `draft` that is not true/false (is it counted or not?),
    and categories of a published version that are not a list of known slugs (a misspelt slug
    drops the article from its category's figures)."""
    return sort_out_problems(news, [], docs_dir, known_categories, project_root)[0]


def sort_out_problems(news: News, load_problems: Iterable[Problem], docs_dir: Path, known_categories: Iterable[str],
                      project_root: Path | None = None) -> tuple[list[Problem], list[Problem]]:
    """What `portal count` reports, as (problems that stop the count, warnings that do not).

    The count stops on anything that could make a figure silently wrong: a file that cannot be
    read (it may be a published article), and a published version whose date, `draft` flag or
    categories cannot be used (`count_problems`). A draft never counts, so a readable draft
    never stops it: its problems, unknown categories included, are warnings. One exception: the
    date of a Vietnamese draft that a published translation inherits (the translation has no
    date of its own) stops the count, because that translation is then counted on it."""
    docs_dir = Path(docs_dir)
    root = Path(project_root) if project_root else docs_dir.parent
    known = set(known_categories)
    versions = {_shown(docs_dir / version.rel_path, root): version for version in news.versions()}
    blocking, warnings = [], []
    for problem in load_problems:
        version = versions.get(problem.path)
        if version is not None and version.draft and not _dates_a_published_translation(news, version, problem):
            warnings.append(problem)
        else:
            blocking.append(problem)
    for article in news.articles.values():
        for version in article.versions.values():
            path = _shown(docs_dir / version.rel_path, root)
            found = [Problem(path, 1, *problem) for problem in draft_problems(version.meta)]
            blocking += found
            if found:
                continue
            categories = [Problem(path, 1, *problem) for problem in category_problems(version.meta.get("categories"), known)]
            (warnings if version.draft else blocking).extend(categories)
    return blocking, warnings


def _dates_a_published_translation(news: News, version, problem: Problem) -> bool:
    if problem.field != "date" or version.lang != DEFAULT:
        return False
    article = news.articles.get(version.key)
    return article is not None and any(
        not other.draft and "date" not in other.meta for lang, other in article.versions.items() if lang != DEFAULT)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def with_field_lines(problems: Iterable[Problem], project_root: Path) -> list[Problem]:
    """Problems found from front matter alone carry line 1; point each at its field's line.

    Only the files with problems are read again, so this costs nothing on clean content.
    """
    located = []
    lines_by_file: dict[str, dict[str, int]] = {}
    for problem in problems:
        if problem.line == 1 and problem.field not in ("file", "front matter"):
            if problem.path not in lines_by_file:
                path = Path(problem.path)
                path = path if path.is_absolute() else Path(project_root) / path
                try:
                    lines_by_file[problem.path] = read_document(path).key_lines
                except InputError:
                    lines_by_file[problem.path] = {}
            line = lines_by_file[problem.path].get(problem.field, 1)
            problem = Problem(problem.path, line, problem.field, problem.message, problem.fix)
        located.append(problem)
    return located
