"""The report figures of the documents section (CONTENT.md "Counting", `--section documents`).

For a period [from, to], both ends inclusive, in Vietnam time, counting what is published (the
Vietnamese record and the version itself not drafts, its publication time come):

- `documents`: documents whose first publication on the portal falls in the period;
- `versions`: language versions whose publication time falls in the period;
- per language and per kind of document (kế hoạch, báo cáo...).

A version's publication time is its own `date`, else the Vietnamese record's, else the date of
issue (`portal.documents.model`). The figures are `counts.Counts`, the kinds in `by_category`."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Sequence

from ..documents.checks import problems_of
from ..documents.model import Documents
from ..languages import CODES
from ..problems import Problem
from .counts import CategoryCounts, Counts, Period, vietnam_day

FIGURE_FIELDS = ("issued", "date", "draft", "kind", "file", "front matter")
"""The fields of a record whose problems could make a figure wrong (when, whether, which kind)."""


def count_document_periods(documents: Documents, periods: Sequence[Period], *, languages: Sequence[str] = CODES,
                           kinds: Sequence[str] = (), now: datetime | None = None) -> list[Counts]:
    """The figures of each period; `kinds` (slugs, in the order wanted) break them down."""
    selected = [lang for lang in CODES if lang in set(languages)]
    kinds = list(dict.fromkeys(kinds))
    days: list[tuple[object, list[tuple[str, object]], str]] = []
    for document in documents.by_name.values():
        published = [(lang, vietnam_day(document.publication_time(lang)))
                     for lang in document.published_languages(now) if lang in selected]
        if published:
            days.append((min(day for _, day in published), published, document.kind))
    results = []
    for period in periods:
        by_language = dict.fromkeys(selected, 0)
        kind_documents = dict.fromkeys(kinds, 0)
        kind_versions = dict.fromkeys(kinds, 0)
        counted_documents = counted_versions = 0
        for first_day, published, kind in days:
            if period.start <= first_day <= period.end:
                counted_documents += 1
                if kind in kind_documents:
                    kind_documents[kind] += 1
            for lang, day in published:
                if period.start <= day <= period.end:
                    counted_versions += 1
                    by_language[lang] += 1
                    if kind in kind_versions:
                        kind_versions[kind] += 1
        by_kind = {kind: CategoryCounts(kind_documents[kind], kind_versions[kind]) for kind in kinds}
        results.append(Counts(period, counted_documents, counted_versions, by_language, by_kind))
    return results


def kinds_in_use(documents: Documents) -> list[str]:
    """The kinds the records use, in the vocabulary's order (unknown ones last)."""
    used = {document.kind for document in documents.by_name.values() if document.kind}
    known = [slug for slug in documents.vocabulary.terms("kinds") if slug in used]
    return known + sorted(used - set(known))


def sort_out_document_problems(documents: Documents, load_problems: Iterable[Problem],
                               shown) -> tuple[list[Problem], list[Problem]]:
    """(problems that stop the count, warnings that do not). A record that cannot be read stops
    it (it may be a published document), and so does a published version whose date of issue,
    publication date, draft flag or kind cannot be used. A draft never counts: its problems,
    and those of the translations of a draft record, are warnings."""
    drafts = set()
    for document in documents.by_name.values():
        record_held = document.source is None or document.source.draft
        for version in document.versions.values():
            if version.draft or record_held:
                drafts.add(shown(version.rel_path))
    blocking, warnings = list(load_problems), []
    for problem in problems_of(documents, shown):
        if problem.field.split(".", 1)[0].split("[", 1)[0] not in FIGURE_FIELDS:
            continue
        (warnings if problem.path in drafts else blocking).append(problem)
    return blocking, warnings
