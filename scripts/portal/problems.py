"""Problems found in content, reported all at once as `file:line: field: what is wrong; how to fix`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .messages import N_, _, ngettext

PART_LABELS = {
    "file": N_("file"),
    "front matter": N_("front matter"),
    "link": N_("link"),
    "slug": N_("slug"),
    "site": N_("site"),
    "vocabulary": N_("vocabulary"),
}
"""`Problem.field` values that name a part of a file rather than a key the editor writes (`title`,
`channels[1].method`): shown in the tools' language. The field itself stays as it is, for code
that tells problems apart."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    """The file, relative to the project (for example `docs/news/2025/x.vi.md`)."""
    line: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        field = _(PART_LABELS[self.field]) if self.field in PART_LABELS else self.field
        return one_line(f"{self.path}:{self.line}: {field}: {self.message}; {self.fix}")


_UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, 0x85)} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """`text` with its line breaks and control characters escaped (`\\n`, `\\x1e`): a problem
    quotes what a file holds, and its report is one line per problem."""
    return text.translate(_UNPRINTABLE)


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    found = ngettext("{count} problem found.", "{count} problems found.", len(ordered)).format(count=len(ordered))
    return "\n".join([*map(str, ordered), found])


def did_you_mean(value: object, known: Iterable[str], cutoff: float = 0.6) -> str:
    """"did you mean 'x'? " for the known name closest to a misspelt `value` (a name that starts
    like it first, then the most similar), or "" when none is close: the start of a fix."""
    known = list(known)
    text = str(value)
    close = [name for name in known if text and name.startswith(text)] or \
        difflib.get_close_matches(text, known, n=1, cutoff=cutoff)
    return _("did you mean '{name}'? ").format(name=close[0]) if close else ""


class ContentError(Exception):
    """Raised where content cannot be used at all; carries every problem found, not the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(format_report(problems))
        self.problems = sorted(problems)


class InputError(ValueError):
    """A file, or a part of it, that cannot be read as content: what is wrong, its line in the
    file (1-based) and how to fix it. `field` names the part in a `Problem`."""

    field = "file"

    def __init__(self, message: str, line: int = 1, fix: str = ""):
        super().__init__(message)
        self.message = message
        self.line = max(1, line)
        self.fix = fix

    def problem(self, path: str) -> Problem:
        return Problem(path, self.line, self.field, self.message, self.fix)
