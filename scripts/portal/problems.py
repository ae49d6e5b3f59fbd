"""Problems found in content, reported all at once as `file:line: field: what is wrong; how to fix`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    """The file, relative to the project (for example `docs/news/2025/x.vi.md`)."""
    line: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}: {self.field}: {self.message}; {self.fix}")


_UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, 0x85)} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(text: str) -> str:
    """`text` with its line breaks and control characters escaped (`\\n`, `\\x1e`): a problem
    quotes what a file holds, and its report is one line per problem."""
    return text.translate(_UNPRINTABLE)


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    noun = "problem" if len(ordered) == 1 else "problems"
    return "\n".join([*map(str, ordered), f"{len(ordered)} {noun} found."])


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
