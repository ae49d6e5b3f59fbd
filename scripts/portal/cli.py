"""The `portal` command. `main(argv)` parses and dispatches; every subcommand is a plain function
returning an exit code, so tests call `main([...])` without a subprocess."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

SUBCOMMANDS = ("new", "check", "serve", "build", "translate", "translations", "review", "count", "linkcheck")
"""Modules of `portal.commands`, in the order `portal --help` lists them."""


def project_root() -> Path:
    """The folder holding mkdocs.yml: the current folder or its nearest parent that has one."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def default_docs_dir() -> Path:
    return project_root() / "docs"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="Editors' commands of the Hai Phong Department of Foreign Affairs' multilingual portal.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"portal.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


def run() -> None:
    sys.exit(main())
