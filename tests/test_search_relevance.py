"""Relevance of the site search: the judged queries of tests/search_relevance.yml (real queries
over the sample content: Vietnamese with and without marks, d for đ, procedure codes, English,
Japanese, Chinese, Korean) typed into the real search dialog in headless Chromium, scored, and
held above a threshold. `python scripts/search_relevance.py` prints the same scores, next to
Pagefind's own order, for the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from portal.languages import CODES, DEFAULT
from portal.search.relevance import (RESULTS_PER_PAGE, Judgment, JudgmentError, Outcome, Scores, load_judgments,
                                     run_through_dialog)

JUDGMENTS = Path(__file__).parent / "search_relevance.yml"
# The dialog's order scores 1.00 on all three on the sample site (README, "Search"); Pagefind's
# own order scored 0.97 / 0.98 / 0.95. A little room for edits of the sample content; the
# R-precision threshold and the issue's own queries below fail with Pagefind's order.
THRESHOLDS = {"success_at_3": 0.95, "mrr": 0.95, "r_precision": 0.97}


def in_language(path: str, lang: str) -> bool:
    others = [code for code in CODES if code != DEFAULT]
    if lang == DEFAULT:
        return not any(path.startswith(f"/{code}/") for code in others)
    return path.startswith(f"/{lang}/")


def test_judgments_name_indexed_pages_of_their_language(sample_site):
    judgments = load_judgments(JUDGMENTS)
    assert 20 <= len(judgments) <= 40
    assert {judgment.lang for judgment in judgments} == set(CODES)
    for judgment in judgments:
        for path in judgment.relevant:
            page = sample_site / path.strip("/") / "index.html"
            assert page.is_file(), f"{judgment.query!r}: {path} is not a page of the sample site"
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{judgment.lang}"' in html and "data-pagefind-body" in html, (judgment.query, path)


@pytest.mark.browser
def test_judged_queries_rank_the_relevant_pages_first(page, sample_server):
    judgments = load_judgments(JUDGMENTS)
    outcomes = run_through_dialog(page, sample_server.url, judgments)
    for outcome in outcomes:
        # Search never mixes languages.
        assert all(in_language(path, outcome.judgment.lang) for path in outcome.shown), (outcome.judgment.query, outcome.shown)
    scores = Scores.of(outcomes)
    misses = [(o.judgment.lang, o.judgment.query, o.first_relevant, round(o.r_precision, 2), o.shown[:3])
              for o in outcomes if o.r_precision < 1]
    for name, threshold in THRESHOLDS.items():
        assert getattr(scores, name) >= threshold, (name, scores, misses)
    # The readers' issue: "dang ky" put three pages without "đăng ký" first and returned 18 pages
    # for 5 true ones; "dai su quan" returned 25, mostly noise.
    by_query = {outcome.judgment.query: outcome for outcome in outcomes}
    dang_ky = by_query["dang ky"]
    assert set(dang_ky.shown) == set(dang_ky.judgment.relevant) and dang_ky.count == len(dang_ky.judgment.relevant)
    dai_su_quan = by_query["dai su quan"]
    assert set(dai_su_quan.shown[:4]) == set(dai_su_quan.judgment.relevant) and dai_su_quan.count <= 10


# -- the scores and the judgments file, without a browser ----------------------------------------

PATHS = st.sampled_from([f"/news/{n}/" for n in range(15)])


@settings(max_examples=200, deadline=None)
@given(relevant=st.lists(PATHS, min_size=1, max_size=12, unique=True),
       shown=st.lists(PATHS, max_size=RESULTS_PER_PAGE, unique=True))
def test_scores_are_bounded_and_agree(relevant, shown):
    outcome = Outcome(Judgment("vi", "q", tuple(relevant)), tuple(shown), len(shown), 0.1)
    assert 0 <= outcome.reciprocal_rank <= 1 and 0 <= outcome.r_precision <= 1
    hits = [rank for rank, path in enumerate(shown, 1) if path in relevant]
    assert outcome.first_relevant == (hits[0] if hits else None)
    assert outcome.success_at(3) == bool(hits and hits[0] <= 3)
    r = min(len(relevant), RESULTS_PER_PAGE)
    assert outcome.r_precision == len([rank for rank in hits if rank <= r]) / r
    # Relevant pages first, in any order, is a perfect score.
    perfect = Outcome(outcome.judgment, tuple(relevant[:RESULTS_PER_PAGE]), len(relevant), 0.1)
    assert perfect.reciprocal_rank == 1 and perfect.r_precision == 1 and perfect.success_at(3)
    scores = Scores.of([outcome, perfect])
    assert scores.queries == 2 and scores.mrr == (outcome.reciprocal_rank + 1) / 2


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.sampled_from(["vi", "ja", "/news/a/", "dang ky"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["queries", "lang", "query", "relevant", "why", "x"]), children, max_size=4),
    max_leaves=12)


@settings(max_examples=120, deadline=None)
@given(data=YAML_VALUES)
def test_a_wrong_judgments_file_gets_a_clear_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("judgments") / "judgments.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        judgments = load_judgments(path)
    except JudgmentError as error:
        assert str(path) in str(error)
    else:
        assert judgments and all(j.lang in CODES and j.query.strip() and j.relevant for j in judgments)


def test_unreadable_judgments_file(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("queries: [\n", encoding="utf-8")
    with pytest.raises(JudgmentError, match="broken.yml"):
        load_judgments(broken)
    with pytest.raises(JudgmentError, match="missing.yml"):
        load_judgments(tmp_path / "missing.yml")
