"""Line numbers of the values inside a YAML document, so a problem deep in a record
(`documents[2].originals`) points at its own line, not at the top-level key."""

from __future__ import annotations

import yaml

from .safe_yaml import compose

Location = tuple[str | int, ...]


def value_lines(text: str, first_line: int = 1) -> dict[Location, int]:
    """Location of every mapping value and list item -> its 1-based line in the file.

    `text` is the YAML; `first_line` the file line it starts on. Unparseable YAML gives {} (the
    parse error itself is reported by whoever reads the document). Composed by the same safe
    reader as the values (`safe_yaml`): deep nesting or aliases cannot crash or hang it."""
    root = compose(text)
    lines: dict[Location, int] = {}
    if root is not None:
        _collect(root, (), first_line, lines)
    return lines


def _collect(node, here: Location, first_line: int, lines: dict[Location, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[here + (key,)] = first_line + key_node.start_mark.line
            _collect(value_node, here + (key,), first_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[here + (index,)] = first_line + item.start_mark.line
            _collect(item, here + (index,), first_line, lines)


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of `location`, else of its nearest enclosing value that has one, else 1."""
    while location:
        if location in lines:
            return lines[location]
        location = location[:-1]
    return 1
