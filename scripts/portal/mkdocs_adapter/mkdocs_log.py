"""MkDocs' log as an editor reads it: of what a `mkdocs build` run as a command printed (a
one-process `portal build`, a shard of a parallel one), only the warnings and errors, each after
"warning:" or "error:" in the tools' language; MkDocs' progress lines ("Cleaning site
directory", "Building documentation to directory", "Documentation built in ...") and its closing
"Aborted with a BuildError!" are left out (the command says in its own words whether the build
succeeded). A message's own words are those of whoever logged it: the portal's are translated."""

from __future__ import annotations

import re

from ..messages import _

_RECORD_START = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) *-  ")
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")
_CLOSING_LINES = ("Aborted with a BuildError!", "Aborted with ")
SHOWN_LEVELS = ("WARNING", "ERROR", "CRITICAL")


def editor_lines(output: str) -> list[str]:
    """The warnings and errors in MkDocs' command-line `output`, a message's following lines kept
    with it."""
    lines: list[str] = []
    shown = False
    for line in _COLOURS.sub("", output).splitlines():
        start = _RECORD_START.match(line)
        if start:
            level, message = start.group(1), line[start.end():]
            shown = level in SHOWN_LEVELS
            if shown:
                label = _("warning: {message}") if level == "WARNING" else _("error: {message}")
                lines.append(label.format(message=message))
        elif line.startswith(_CLOSING_LINES):
            shown = False
        elif shown and line.strip():
            lines.append(line)
    return lines


def failure_lines(output: str, kept: int = 20) -> list[str]:
    """Why a build that failed failed: its warnings and errors, or, when MkDocs logged none (a
    crash rather than a refusal), the end of its output as it is, for whoever maintains the site."""
    return editor_lines(output) or _COLOURS.sub("", output).strip().splitlines()[-kept:]
