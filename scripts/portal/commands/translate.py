"""`portal translate [PATH ...]`: machine-translation drafts of Vietnamese pages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..messages import _, ngettext

PROGRESS_THRESHOLD = 5
"""From this many sources on, a progress bar shows how far the run is."""


def register(subparsers) -> None:
    from ..languages import TRANSLATION_TARGETS

    parser = subparsers.add_parser(
        "translate",
        help=_("write machine-translation drafts (en, ja, zh, ko) of Vietnamese news, procedures and documents"),
        description=_("Translate Vietnamese sources into NAME.<lang>.md drafts marked 'translation_status: machine'. "
                      "Reviewed and hand-written versions are never replaced without --force."),
    )
    parser.add_argument("paths", nargs="*", metavar=_("PATH"),
                        help=_("Vietnamese pages or folders (default: every news article, procedure record and "
                               "document record)"))
    parser.add_argument("--to", default=",".join(TRANSLATION_TARGETS), metavar=_("LANGS"),
                        help=_("target languages, comma-separated (default: {languages})")
                        .format(languages=",".join(TRANSLATION_TARGETS)))
    parser.add_argument("--translator", choices=("google", "libre"), default="google",
                        help=_("engine: Google Translate (default) or a self-hosted LibreTranslate"))
    parser.add_argument("--translator-url", metavar="URL",
                        help=_("the LibreTranslate server (required with --translator libre), or another address for Google's"))
    parser.add_argument("--api-key", metavar=_("KEY"),
                        help=_("LibreTranslate API key (default: $PORTAL_LIBRETRANSLATE_KEY; any value for an open server)"))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
    parser.add_argument("--force", action="store_true", help=_("also replace reviewed and hand-written translations"))
    parser.add_argument("--refresh", action="store_true",
                        help=_("re-translate machine drafts even when their source has not changed (after a glossary edit)"))
    parser.add_argument("--timeout", type=float, default=30.0, metavar=_("SECONDS"),
                        help=_("for each whole request, connecting and the complete answer (default: 30)"))
    parser.add_argument("--retries", type=int, default=3, metavar="N",
                        help=_("after a 429, 5xx, timeout or dropped connection (default: 3)"))
    parser.add_argument("--backoff", type=float, default=1.0, metavar=_("SECONDS"),
                        help=_("wait before the first retry, doubled for each next one (default: 1)"))
    parser.set_defaults(handler=translate)


def parse_languages(value: str) -> tuple[str, ...]:
    from ..languages import TRANSLATION_TARGETS

    languages = tuple(dict.fromkeys(code.strip() for code in value.split(",") if code.strip()))
    unknown = [code for code in languages if code not in TRANSLATION_TARGETS]
    if unknown or not languages:
        raise ValueError(_("--to: {languages}; choose among {choices}").format(
            languages=", ".join(unknown) or _("nothing given"), choices=", ".join(TRANSLATION_TARGETS)))
    return languages


INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells report it."""


def translate(args) -> int:
    started: list = []  # [run, memory] once the run has started
    try:
        return _translate(args, started)
    except KeyboardInterrupt:
        # One line, no traceback: what was saved and how to go on. No file is ever half-written
        # (every write is an atomic rename) and the memory journals each answer as it arrives.
        if not started:
            print(_("portal translate: interrupted before anything was translated; nothing was changed."), file=sys.stderr)
        else:
            run, memory = started
            print(_("portal translate: interrupted; {written} file(s) written, the translation memory keeps "
                    "{remembered} segment(s): run the same command again to resume.").format(
                        written=len(run.report.written), remembered=len(memory)), file=sys.stderr)
        return INTERRUPTED


def _translate(args, started: list) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..project import project_docs_dir
    from ..translation.engines import LIBRE_KEY_VARIABLE, DeepTranslatorEngine
    from ..translation.glossary import GlossaryError, load_glossary
    from ..translation.memory import TranslationMemory, TranslationMemoryError
    from ..translation.run import GLOSSARY_FILE, MEMORY_FILE, SourceError, TranslationRun, TranslationRunError, find_sources

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    docs_dir = (args.docs or project_docs_dir()).resolve()
    try:
        languages = parse_languages(args.to)
        glossary = load_glossary(docs_dir / GLOSSARY_FILE)
        memory = TranslationMemory.load(docs_dir / MEMORY_FILE)
        sources = find_sources(docs_dir, args.paths)
        engine = DeepTranslatorEngine(
            args.translator, url=args.translator_url,
            api_key=args.api_key or os.environ.get(LIBRE_KEY_VARIABLE),
            timeout=args.timeout, retries=args.retries, backoff=args.backoff,
        )
    except (ValueError, GlossaryError, TranslationMemoryError, SourceError) as error:
        errors.print(_("portal translate: {problem}").format(problem=error), markup=False)
        return 2
    if not sources:
        print(_("Nothing to translate: no Vietnamese news articles, procedure records or document records found."))
        return 0

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=errors, transient=True, disable=len(sources) < PROGRESS_THRESHOLD)
    task = progress.add_task(_("Translating"), total=len(sources))

    def done(outcome) -> None:
        for target in outcome.written:
            progress.console.print(_("wrote {target}").format(target=target), markup=False, highlight=False)
        # Named pages get a line per kept version; a whole-site run would drown in them.
        for target in outcome.kept if args.paths else ():
            progress.console.print(_("kept  {target} (reviewed or written by hand; --force replaces it)").format(target=target),
                                   markup=False, highlight=False)
        for target in outcome.skipped:
            progress.console.print(_("skipped {target}").format(target=target), markup=False, highlight=False)
        progress.advance(task)

    run = TranslationRun(docs_dir, engine, glossary=glossary, memory=memory, targets=languages,
                         force=args.force, refresh=args.refresh, on_source_done=done)
    started[:] = [run, memory]
    try:
        with progress:
            report = run.run(sources)
    except TranslationRunError as error:
        for warning in run.translator.counts.warnings:
            errors.print(_("warning: {warning}").format(warning=warning), markup=False)
        errors.print(_("portal translate: {problem}").format(problem=error), markup=False)
        return 1
    except OSError as error:
        # A full disk or a read-only folder: every write is atomic, so what was there stays.
        errors.print(_("portal translate: cannot write {path}: {problem}; the files already written are complete, "
                       "run the command again once it can write there.").format(
                           path=error.filename or docs_dir, problem=error.strerror or error), markup=False)
        return 1
    for warning in report.warnings:
        errors.print(_("warning: {warning}").format(warning=warning), markup=False)
    unchanged = sum(len(outcome.unchanged) for outcome in report.outcomes)
    unreadable = [outcome.unreadable for outcome in report.outcomes if outcome.unreadable]
    print(_("{written} file(s) written, {unchanged} up to date, {kept} reviewed or hand-written kept (--force replaces them); "
            "{sent} segment(s) sent to {engine}, {remembered} taken from the translation memory.").format(
                written=len(report.written), unchanged=unchanged, kept=len(report.kept), sent=report.sent,
                engine=engine.label, remembered=report.remembered))
    if unreadable:
        errors.print(ngettext("portal translate: {count} source could not be read and was not translated:",
                              "portal translate: {count} sources could not be read and were not translated:",
                              len(unreadable)).format(count=len(unreadable)), markup=False)
        for problem in unreadable:
            errors.print(f"  {problem}", markup=False)
        return 1
    return 0
