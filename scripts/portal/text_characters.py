"""Characters no text of the portal needs, and that can deceive a reader: control characters
(NUL, terminal escape sequences, C1 controls), bidirectional marks, embeddings, overrides and
isolates (U+202E shows "txt.exe" as "exe.txt"), byte-order marks inside text, interlinear
annotations and non-characters. None of them is visible where an editor types, so an editor
cannot see that a title holds one; an engine's answer can hold them too.

Editors' files refuse them (`safe_yaml`, with the line); engines' answers drop them
(`translation.answers.clean_answer`)."""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"  # control characters (C0 but tab and line breaks, DEL, C1 but NEL)
    "\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides, isolates
    "\ufeff\ufff9-\ufffb\ufffe\uffff]"  # byte-order mark, interlinear annotations, non-characters
)


def describe(character: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: a character as its code and Unicode name."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")
