"""`portal check` for document records: every problem of every file, at once, in the same
`file:line: field: message; fix` form as for articles and procedures. The build runs the same
check. Besides the schema (`schema.DOCUMENT`): the date of issue against the number's year and
the effective date, one record per number and year, and translations against their source."""

from __future__ import annotations

from datetime import date

from ..field_paths import location_label
from ..languages import DEFAULT
from ..messages import _
from ..problems import Problem
from ..procedures.schema import Rules, compare_with_source, validate
from .model import Document, DocumentVersion, Documents, load_documents
from .schema import DOCUMENT, leaf_checks
from .vocabulary import VOCABULARY_FILE


def check_documents(context) -> list[Problem]:
    """`context` is a `portal.content_checks.CheckContext` (docs_dir, shown)."""
    documents, problems = load_documents(context.docs_dir, context.shown)
    return problems + problems_of(documents, context.shown)


def problems_of(documents: Documents, shown) -> list[Problem]:
    problems: list[Problem] = []
    numbers: dict[tuple[str, int], str] = {}
    for document in sorted(documents.by_name.values(), key=lambda document: document.name):
        source = document.source
        for lang in sorted(document.versions):
            problems += _version_problems(document.versions[lang], source, documents, shown)
        if source is None:
            continue
        problems += _dates_and_number(document, source, shown)
        if document.number and document.issued:
            key = (document.number.casefold(), document.issued.year)
            if key in numbers:
                problems.append(Problem(shown(source.rel_path), source.line_of(("number",)), "number",
                                        _("'{number}' of {year} is also the number of {other}").format(
                                            number=document.number, year=document.issued.year, other=numbers[key]),
                                        _("each document has its own number: correct one of them, or keep one record")))
            else:
                numbers[key] = document.name
    return problems


def _dates_and_number(document: Document, source: DocumentVersion, shown) -> list[Problem]:
    problems = []
    path = shown(source.rel_path)
    issued, effective = document.issued, document.effective
    if issued and document.number_year and document.number_year != issued.year:
        problems.append(Problem(path, source.line_of(("number",)), "number",
                                _("the number carries the year {number_year} but the document was issued in {year}").format(
                                    number_year=document.number_year, year=issued.year),
                                _("correct the number or the date of issue (issued: YYYY-MM-DD)")))
    if issued and isinstance(effective, date) and effective < issued:
        problems.append(Problem(path, source.line_of(("effective",)), "effective",
                                _("takes effect on {effective}, before it was issued ({issued})").format(
                                    effective=effective.isoformat(), issued=issued.isoformat()),
                                _("a document takes effect on or after its date of issue: correct one of the dates")))
    return problems


def _version_problems(version: DocumentVersion, source: DocumentVersion | None, documents: Documents,
                      shown) -> list[Problem]:
    problems: list[Problem] = []
    path = shown(version.rel_path)

    def report(location, message, fix):
        label = location_label(location) if location else "front matter"
        problems.append(Problem(path, version.line_of(location), label, message, fix))

    is_source = version.lang == DEFAULT
    rules = Rules(documents.vocabulary, lambda target: False, is_source,
                  leaf_checks=leaf_checks(documents.docs_dir, version.rel_path),
                  vocabulary_file=f"docs/{VOCABULARY_FILE}")
    validate(version.own, rules, report, DOCUMENT)
    if is_source:
        return problems
    if source is None:
        report((), _("there is no Vietnamese version ({name}.vi.md)").format(name=version.name),
               _("write the Vietnamese record first: it carries the document's data and is what translations follow"))
        return problems
    source_name = source.rel_path.rsplit("/", 1)[-1]
    compare_with_source(source.own, version.own, report, source_name, DOCUMENT)
    for location, mine, theirs in version.conflicts:
        report(location, _("'{mine}' differs from the Vietnamese source ('{theirs}')").format(mine=mine, theirs=theirs),
               _("data is the same in every language: remove the line here to use the source's value"))
    return problems
