"""The `portal` command. `main(argv)` parses and dispatches; every subcommand is a plain function
returning an exit code, so tests call `main([...])` without a subprocess."""

from __future__ import annotations

import argparse
import sys

from .commands import build, check, count, linkcheck, new, review, serve, translate, translations

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="Editors' commands of the Hai Phong Department of Foreign Affairs' multilingual portal.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS.values():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


def run() -> None:
    sys.exit(main())
