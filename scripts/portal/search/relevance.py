"""How well the site search ranks: relevance judgments (tests/search_relevance.yml), the scores
computed from the results the search dialog shows, and the run of the judged queries through
the dialog in a browser page (a Playwright page; used by tests/test_search_relevance.py and
scripts/search_relevance.py).

Scores, averaged over the queries:
- success@3: a relevant page is among the first three results;
- MRR: 1 / the rank of the first relevant page (0 if none is shown);
- R-precision: the share of relevant pages among the first R results, R being the number of
  relevant pages (at most one page of results), which falls when noise comes before them."""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from ..languages import CODES, DEFAULT
from ..messages import _

RESULTS_PER_PAGE = 10
"""The dialog shows this many results before "Show more" (PAGE_SIZE in search-ui.js)."""
ANSWER_TIMEOUT_MS = 15_000
ORDERS = ("engine", "dialog")
"""`engine`: Pagefind's order, as the dialog had it before ordering by word sequence (the dialog's
`data-portal-search-order="engine"`); `dialog`: the dialog's own order."""


class JudgmentError(ValueError):
    pass


@dataclass(frozen=True)
class Judgment:
    lang: str
    query: str
    relevant: tuple[str, ...]
    why: str = ""


@dataclass(frozen=True)
class Outcome:
    judgment: Judgment
    shown: tuple[str, ...]
    """The paths of the results on the dialog's first page, in order."""
    count: int
    """How many results the dialog reports in all."""
    seconds: float

    @property
    def first_relevant(self) -> int | None:
        """1-based rank of the first relevant result, None if none is shown."""
        relevant = set(self.judgment.relevant)
        return next((rank for rank, path in enumerate(self.shown, 1) if path in relevant), None)

    def success_at(self, k: int) -> bool:
        return self.first_relevant is not None and self.first_relevant <= k

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.first_relevant if self.first_relevant else 0.0

    @property
    def r_precision(self) -> float:
        r = min(len(self.judgment.relevant), RESULTS_PER_PAGE)
        return len(set(self.shown[:r]) & set(self.judgment.relevant)) / r


@dataclass(frozen=True)
class Scores:
    queries: int
    success_at_3: float
    mrr: float
    r_precision: float
    median_ms: float
    slowest_ms: float

    @classmethod
    def of(cls, outcomes: list[Outcome]) -> Scores:
        if not outcomes:
            return cls(0, 0.0, 0.0, 0.0, 0.0, 0.0)
        milliseconds = [outcome.seconds * 1000 for outcome in outcomes]
        return cls(
            queries=len(outcomes),
            success_at_3=statistics.fmean(outcome.success_at(3) for outcome in outcomes),
            mrr=statistics.fmean(outcome.reciprocal_rank for outcome in outcomes),
            r_precision=statistics.fmean(outcome.r_precision for outcome in outcomes),
            median_ms=statistics.median(milliseconds),
            slowest_ms=max(milliseconds),
        )


def load_judgments(path: str | Path) -> list[Judgment]:
    """The judged queries of a YAML file (see tests/search_relevance.yml); a clear error names
    the file and the entry that is wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise JudgmentError(_("{path}: cannot read the relevance judgments: {error}").format(path=path, error=error)) from None
    entries = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise JudgmentError(_("{path}: expected a list of judged queries under 'queries:'").format(path=path))
    judgments = []
    for number, entry in enumerate(entries, 1):
        where = _("{path}, query {number}").format(path=path, number=number)
        if not isinstance(entry, dict):
            raise JudgmentError(_("{where}: expected 'lang', 'query' and 'relevant'").format(where=where))
        lang, query, relevant = entry.get("lang"), entry.get("query"), entry.get("relevant")
        if lang not in CODES:
            raise JudgmentError(_("{where}: 'lang' must be one of {codes}").format(where=where, codes=", ".join(CODES)))
        if not isinstance(query, str) or not query.strip():
            # An unquoted code (2.002240) would be read as the number 2.00224.
            raise JudgmentError(_("{where}: 'query' must be the text a reader types, in quotes if it is a number").format(where=where))
        if not isinstance(relevant, list) or not relevant or not all(isinstance(item, str) and item.startswith("/") for item in relevant):
            raise JudgmentError(_("{where}: 'relevant' must list site paths that start with '/'").format(where=where))
        judgments.append(Judgment(lang=lang, query=query, relevant=tuple(relevant), why=str(entry.get("why", ""))))
    return judgments


def home_path(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def run_through_dialog(page, base_url: str, judgments: list[Judgment], order: str = "dialog") -> list[Outcome]:
    """Type each judged query into the search dialog of its language's home page, in `page` (a
    Playwright page), and return what the dialog shows. `order` is one of ORDERS."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}")
    outcomes = []
    current_lang = None
    for judgment in judgments:
        if judgment.lang != current_lang:
            _open_dialog(page, base_url + home_path(judgment.lang), order)
            current_lang = judgment.lang
        outcomes.append(_ask(page, judgment))
    return outcomes


def _open_dialog(page, url: str, order: str) -> None:
    page.goto(url)
    page.wait_for_selector(".portal-search-open:not([hidden])")
    page.keyboard.press("/")
    page.wait_for_selector("#portal-search[open]")
    if order == "engine":
        page.evaluate("document.getElementById('portal-search').dataset.portalSearchOrder = 'engine'")


def _ask(page, judgment: Judgment) -> Outcome:
    field = page.locator("#portal-search-input")
    field.fill("")
    started = time.perf_counter()
    field.fill(judgment.query)
    page.wait_for_function(
        """(query) => {
            const dialog = document.getElementById("portal-search");
            return dialog.dataset.portalSearchAnswered === query && !dialog.hasAttribute("aria-busy");
        }""",
        arg=judgment.query, timeout=ANSWER_TIMEOUT_MS,
    )
    seconds = time.perf_counter() - started
    urls = page.evaluate("() => [...document.querySelectorAll('#portal-search-results .portal-search__link')].map((link) => link.href)")
    # The status reads "N results" in the page's language when there are results (when there are
    # none it quotes the query, which may hold digits).
    status = page.inner_text(".portal-search__status")
    count = int(re.search(r"\d+", status).group()) if urls else 0
    return Outcome(judgment=judgment, shown=tuple(urlparse(url).path for url in urls), count=count, seconds=seconds)
