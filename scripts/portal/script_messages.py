"""The messages of the shell scripts (`scripts/setup.sh`, `scripts/publish.sh`), in the tools'
catalogue like every other message, so that a person setting up a machine or reading the
publishing timer's log reads Vietnamese by default (English with `PORTAL_LANG=en`).

A script prints one with

    PYTHONPATH=scripts python3 -m portal.script_messages setup-done
    PYTHONPATH=scripts python3 -m portal.script_messages installing packages="chromium nginx"

which needs only the standard library, so `setup.sh` can speak before the virtualenv exists.
The keys are what the scripts write; the English text is the catalogue's message id.
"""

from __future__ import annotations

import sys

from portal.messages import N_, _

MESSAGES = {
    "installing": N_("Installing Debian packages: {packages}"),
    "setup-done": N_("Setup done."),
    "publish-running": N_("publish: an earlier run is still going; this one stops"),
    "publish-check-failed": N_("publish: portal check found problems; nothing was built, the site stays as it was"),
    "publish-done": N_("publish: built at {moment} and copied to {web_root}"),
}


def message(key: str, values: dict[str, str]) -> str:
    """The message `key` in the tools' language, its `{name}` placeholders filled from `values`."""
    return _(MESSAGES[key]).format(**values)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in MESSAGES:
        print(f"usage: python3 -m portal.script_messages {{{'|'.join(MESSAGES)}}} [name=value ...]", file=sys.stderr)
        return 2
    values = dict(argument.partition("=")[::2] for argument in argv[1:])
    try:
        print(message(argv[0], values))
    except (KeyError, IndexError):
        print(f"portal.script_messages: {argv[0]} needs the values {MESSAGES[argv[0]]!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
