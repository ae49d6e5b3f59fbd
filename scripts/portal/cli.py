"""The `portal` command. `main(argv)` parses and dispatches; every subcommand is a plain function
returning an exit code, so tests call `main([...])` without a subprocess."""

from __future__ import annotations

import argparse
import sys

from .commands import build, check, count, linkcheck, new, review, serve, translate, translations
from .messages import N_, _, ngettext

COMMANDS = {
    "new": new,
    "check": check,
    "serve": serve,
    "build": build,
    "translate": translate,
    "translations": translations,
    "review": review,
    "count": count,
    "linkcheck": linkcheck,
}
"""Each subcommand's module (`register(subparsers)` adds its parser and handler), in the order
`portal --help` lists them."""


ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("expected at least one argument"), N_("expected at most one argument"),
    N_("invalid %(type)s value: %(value)r"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"), N_("can't open '%(filename)s': %(error)s"),
)
"""What argparse itself says to an editor (usage, help headings, errors), marked for the
catalogue: argparse asks gettext for these exact texts (tests/test_messages.py holds them to the
running Python's argparse)."""


def localize_argparse() -> None:
    """argparse's own words in the tools' language. argparse looks up its texts through the
    module-level `_` and `ngettext` it imported from gettext (Python 3.11's argparse.py), which
    would only read the system's catalogue: they are pointed at ours."""
    argparse._ = _
    argparse.ngettext = ngettext


def build_parser() -> argparse.ArgumentParser:
    localize_argparse()
    parser = argparse.ArgumentParser(
        prog="portal",
        description=_("Editors' commands of the Hai Phong Department of Foreign Affairs' multilingual portal."),
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))
    for module in COMMANDS.values():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


def run() -> None:
    sys.exit(main())
