"""`portal check` for procedure records: every problem of every file, at once, in the same
`file:line: field: message; fix` form as for articles. The build runs the same check."""

from __future__ import annotations

import difflib

from ..languages import DEFAULT
from ..content.markdown_links import resolve_target, target_exists
from ..messages import _
from ..problems import Problem
from ..field_paths import location_label
from .model import ProcedureVersion, Procedures, load_procedures
from .online_links import online_url_warning
from .schema import Rules, compare_with_source, validate


def check_procedures(context) -> list[Problem]:
    """`context` is a `portal.content_checks.CheckContext` (docs_dir, shown)."""
    procedures, problems = load_procedures(context.docs_dir, context.shown)
    return problems + problems_of(procedures, context.shown)


def problems_of(procedures: Procedures, shown) -> list[Problem]:
    problems: list[Problem] = []
    codes: dict[str, str] = {}
    for procedure in procedures.ordered():
        source = procedure.source
        for version in procedure.versions.values():
            problems += _version_problems(version, source, procedures, shown)
        if source is None:
            continue
        if procedure.code:
            if procedure.code in codes:
                problems.append(Problem(shown(source.rel_path), source.line_of(("code",)), "code",
                                        _("'{code}' is also the code of {procedure}").format(
                                            code=procedure.code, procedure=codes[procedure.code]),
                                        _("each procedure has its own code: correct one of them")))
            else:
                codes[procedure.code] = procedure.name
        related = source.own.get("related")
        if isinstance(related, list):
            names = [name for name, other in procedures.by_name.items() if other.source is not None]
            for index, name in enumerate(related):
                where = ("related", index)
                if name == procedure.name:
                    problems.append(Problem(shown(source.rel_path), source.line_of(where), location_label(where),
                                            _("a procedure cannot be related to itself"), _("remove the item")))
                elif isinstance(name, str) and name not in names:
                    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                    hint = _("did you mean '{name}'? ").format(name=close[0]) if close else ""
                    problems.append(Problem(shown(source.rel_path), source.line_of(where), location_label(where),
                                            _("no procedure named '{name}'").format(name=name),
                                            _("{hint}write the file name of a procedure in docs/procedures/ without "
                                              "language and .md").format(hint=hint)))
    return problems


def procedure_warnings(context) -> list[Problem]:
    """What `portal check` points out without failing: an `online_url` that leads to the national
    portal's home page, or that does not name the procedure's code (`online_links`)."""
    procedures, _problems = load_procedures(context.docs_dir, context.shown)
    warnings = []
    for procedure in procedures.published():
        source = procedure.source
        found = online_url_warning(source.own.get("online_url"), procedure.code)
        if found is not None:
            message, fix = found
            warnings.append(Problem(context.shown(source.rel_path), source.line_of(("online_url",)), "online_url",
                                    message, fix))
    return warnings


def _version_problems(version: ProcedureVersion, source: ProcedureVersion | None, procedures: Procedures,
                      shown) -> list[Problem]:
    problems: list[Problem] = []
    path = shown(version.rel_path)

    def report(location, message, fix):
        label = location_label(location) if location else "front matter"
        problems.append(Problem(path, version.line_of(location), label, message, fix))

    def link_exists(target: str) -> bool:
        rel = resolve_target(procedures.docs_dir, version.rel_path, target)
        return rel is not None and target_exists(procedures.docs_dir, rel)

    is_source = version.lang == DEFAULT
    validate(version.own, Rules(procedures.vocabulary, link_exists, is_source), report)
    if is_source:
        return problems
    if source is None:
        report((), _("there is no Vietnamese version ({file})").format(file=f"{version.name}.vi.md"),
               _("write the Vietnamese record first: it carries the procedure's data and is what translations follow"))
        return problems
    source_name = source.rel_path.rsplit("/", 1)[-1]
    compare_with_source(source.own, version.own, report, source_name)
    for location, mine, theirs in version.conflicts:
        report(location, _("'{value}' differs from the Vietnamese source ('{source_value}')").format(
            value=mine, source_value=theirs),
               _("data is the same in every language: remove the line here to use the source's value"))
    return problems
