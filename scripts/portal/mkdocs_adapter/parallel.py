"""`portal build --jobs N`: the languages built in N processes at once, merged into one site.

Each process (a fork of this one, with MkDocs and the plugins already imported) runs the normal
MkDocs build of the project as one shard (PORTAL_BUILD_LANGUAGES, see `shard`) into its own
folder next to the site folder; languages, and parts of a language, are spread over the
processes by how many pages each has. The content checks run first, in this process, and
stop the build before any shard starts; while the shards build, this process resizes new
photos. When all have succeeded the folders are merged (`merge`) and the steps
that need the whole site run once (the search index). The result is the same set of files,
byte for byte, as a one-process `mkdocs build` (tests/test_build_parallel.py).

Forking needs a process without other threads: shards start before this process starts any."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..clock import NOW_VARIABLE, ClockError, current_moment, previewing_future
from ..content.schedule import entry_lines, schedule_lines
from ..content.news import iter_article_files, load_news
from ..languages import CODES, split_language_suffix
from ..messages import _, ngettext
from .mkdocs_log import failure_lines
from ..problems import format_report
from ..project import read_mkdocs_yml
from . import compat
from .content_cache import checks_unless_unchanged, kept_schedule
from .images import ImageVariants
from .merge import MergeReport, clean_folder, merge_shards, write_manifest
from .plugin import PortalConfig
from .site_build import CACHE_FOLDER
from .sharding import CHECKED_VARIABLE, LANGUAGES_VARIABLE, Shard, balance

STAND_IN_WEIGHT = 0.35
"""What a 'not available in this language' page costs to build, next to an article page."""
PASS_WEIGHT = 60
"""A language pass's fixed cost (file list, listings, feeds, 404), in article pages."""


class BuildFailed(RuntimeError):
    pass


@dataclass
class ShardRun:
    shard: Shard
    folder: Path
    seconds: float = 0.0
    output: str = ""


@dataclass
class ParallelReport:
    runs: list[ShardRun] = field(default_factory=list)
    merge: MergeReport | None = None
    merge_seconds: float = 0.0
    search_summary: str | None = None
    seconds: float = 0.0
    scheduled: list[str] = field(default_factory=list)
    """What is scheduled at the moment of the build (`content.schedule.schedule_lines`)."""

    def summary(self) -> str:
        shards = "; ".join(_("{shard} {seconds:.1f} s").format(shard=run.shard, seconds=run.seconds) for run in self.runs)
        lines = [*self.scheduled,
                 ngettext("built {count} shard in parallel ({shards}); merged {files} files in {seconds:.1f} s",
                          "built {count} shards in parallel ({shards}); merged {files} files in {seconds:.1f} s",
                          len(self.runs)).format(count=len(self.runs), shards=shards, files=self.merge.files,
                                                 seconds=self.merge_seconds)]
        if self.search_summary:
            lines.append(self.search_summary)
        lines.append(_("site built in {seconds:.1f} s").format(seconds=self.seconds))
        return "\n".join(lines)


def language_weights(docs_dir: Path) -> dict[str, float]:
    """Pages each language pass builds, roughly: its article versions, the stand-in pages of the
    articles it lacks, and a fixed share for listings and the rest."""
    versions = {lang: 0 for lang in CODES}
    articles: set[str] = set()
    for _absolute, rel_path in iter_article_files(Path(docs_dir)):
        folder, _slash, filename = rel_path.rpartition("/")
        base, lang = split_language_suffix(filename)
        versions[lang] += 1
        articles.add(f"{folder}/{base}")
    return {lang: PASS_WEIGHT + count + STAND_IN_WEIGHT * (len(articles) - count) for lang, count in versions.items()}


def read_project_settings(config_file: Path) -> dict:
    """`site_dir`, `docs_dir` and whether the portal plugin builds the search index, from mkdocs.yml (read
    without running MkDocs: its `!ENV` tags keep their defaults)."""

    config = read_mkdocs_yml(config_file)
    portal = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "portal" in plugin:
            portal = plugin["portal"] or {}
    site_dir = Path(config.get("site_dir") or "site")
    docs_dir = Path(config.get("docs_dir") or "docs")
    return {
        "site_dir": site_dir if site_dir.is_absolute() else Path(config_file).parent / site_dir,
        "docs_dir": docs_dir if docs_dir.is_absolute() else Path(config_file).parent / docs_dir,
        "search_index": bool(portal.get("search_index", True)),
        "portal": portal,
    }


def photo_variants(config_file: Path, settings: dict) -> ImageVariants:
    """The photo variants the build makes, with the portal plugin's settings in mkdocs.yml."""
    options = settings["portal"]
    return ImageVariants(settings["docs_dir"], Path(config_file).parent / CACHE_FOLDER / "images",
                         tuple(options.get("image_widths", PortalConfig.image_widths.default)),
                         options.get("image_quality", PortalConfig.image_quality.default))


def shard_command(config_file: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file), "-d", str(folder)]


def shard_environment(shard: Shard, base: dict | None = None, *, checked: bool = False) -> dict:
    environment = dict(base if base is not None else os.environ)
    environment[LANGUAGES_VARIABLE] = shard.environment_value()
    environment.pop(CHECKED_VARIABLE, None)
    if checked:
        environment[CHECKED_VARIABLE] = "1"
    environment.setdefault("NO_MKDOCS_2_WARNING", "1")
    return environment


def build_shard(config_file: Path, shard: Shard, folder: Path, environment: dict | None = None, *,
                checked: bool = False) -> ShardRun:
    """One shard's `mkdocs build` into `folder`, marked as finished when it succeeds. With
    `checked`, the caller runs the content checks (once for all shards) instead of the build."""
    folder = Path(folder)
    run = ShardRun(shard, folder)
    started = time.perf_counter()
    result = subprocess.run(shard_command(config_file, folder), cwd=Path(config_file).parent, capture_output=True,
                            text=True, env=shard_environment(shard, environment, checked=checked))
    run.seconds = time.perf_counter() - started
    run.output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise BuildFailed("\n".join([_("the build of {shard} failed:").format(shard=shard), *failure_lines(run.output)]))
    write_manifest(folder, shard)
    return run


def parallel_build(config_file: Path, site_dir: Path, jobs: int, *, search_index: bool = True,
                   environment: dict | None = None) -> ParallelReport:
    config_file, site_dir = Path(config_file).resolve(), Path(site_dir).resolve()
    started = time.perf_counter()
    try:
        # Once here rather than once in every shard's output.
        compat.require_tested_versions()
    except PluginError as error:
        raise BuildFailed(str(error)) from None
    settings = read_project_settings(config_file)
    shards = balance(language_weights(settings["docs_dir"]), jobs, PASS_WEIGHT)
    cache = config_file.parent / CACHE_FOLDER
    # One moment for every shard (`portal.clock`): each judges what is published at it.
    try:
        now = current_moment(environment if environment is not None else os.environ)
    except ClockError as error:
        raise BuildFailed(str(error)) from None
    environment = {**(environment if environment is not None else os.environ), NOW_VARIABLE: now.isoformat()}
    # The content checks come first, once for all shards (each shard's build skips them), and
    # not at all when nothing they read has changed since they last passed: a shard must never
    # meet content the checks refuse (a YAML alias bomb hangs MkDocs' own front-matter reader,
    # a link would be followed out of docs/), and the problems are printed once.
    problems = checks_unless_unchanged(settings["docs_dir"], cache / "checked", config_file.parent, now=now,
                                       future=previewing_future(environment))
    if problems:
        raise BuildFailed(_("content problems (run `portal check` for the same list):") + "\n" + format_report(problems))
    parts = site_dir.parent / f".{site_dir.name}.shards"
    clean_folder(parts)
    report = ParallelReport()
    try:
        # Shards start first (forked before any thread of this process exists).
        running = [start_shard(config_file, shard, parts / str(index), environment) for index, shard in enumerate(shards)]
        with ThreadPoolExecutor(max_workers=1) as pool:
            # Resizing new photos is most of a build with an empty cache, and the shard of the
            # default language meets all of them: this thread takes them from the other end.
            pool.submit(photo_variants(config_file, settings).prepare_all)
            # The shards build quietly: what is scheduled is said here, once.
            report.scheduled = scheduled_at(settings["docs_dir"], now, environment, record=cache / "checked")
            failures = []
            for shard_run in running:
                try:
                    report.runs.append(shard_run.wait())
                except BuildFailed as error:
                    failures.append(str(error))
            if failures:
                raise BuildFailed("\n\n".join(failures))
        merging = time.perf_counter()
        report.merge = merge_shards([run.folder for run in report.runs], site_dir)
        report.merge_seconds = time.perf_counter() - merging
    finally:
        _remove(parts)
    if search_index:
        from ..search import build_search_index

        report.search_summary = build_search_index(site_dir).summary()
    report.seconds = time.perf_counter() - started
    return report


def scheduled_at(docs_dir: Path, now, environment: dict | None, *, record: Path | None = None) -> list[str]:
    """What is scheduled at the build's moment, as the lines a build prints about it (the build
    processes log them among MkDocs' information, which the commands keep quiet). From the
    content checks' kept verdict (`record`) while it stands, else from the articles."""
    previewed = previewing_future(environment if environment is not None else os.environ)
    kept = kept_schedule(docs_dir, record, now, previewed) if record is not None else None
    if kept is not None:
        return entry_lines(kept, previewed=previewed)
    news, _problems = load_news(docs_dir, now=now)
    return schedule_lines(news, now, previewed=previewed)


class _RunningShard:
    """A shard's build, running in a forked copy of this process (MkDocs, the plugins and the
    theme's code already imported) or, where there is no fork, in a new `mkdocs build`."""

    def __init__(self, shard: Shard, folder: Path, output: Path, *, pid: int | None = None, process=None):
        self.shard, self.folder, self.output, self.pid, self.process = shard, folder, output, pid, process
        self.started = time.perf_counter()

    def wait(self) -> ShardRun:
        if self.process is not None:
            code = self.process.wait()
        else:
            code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        run = ShardRun(self.shard, self.folder, time.perf_counter() - self.started)
        run.output = self.output.read_text(encoding="utf-8", errors="replace").strip()
        self.output.unlink(missing_ok=True)
        if code != 0:
            raise BuildFailed("\n".join([_("the build of {shard} failed:").format(shard=self.shard),
                                         *failure_lines(run.output)]))
        write_manifest(self.folder, self.shard)
        return run


def start_shard(config_file: Path, shard: Shard, folder: Path, environment: dict | None) -> _RunningShard:
    output = folder.parent / f"{folder.name}.log"
    if not hasattr(os, "fork"):
        with open(output, "wb") as log:
            process = subprocess.Popen(shard_command(config_file, folder), cwd=Path(config_file).parent, stdout=log,
                                       stderr=subprocess.STDOUT, env=shard_environment(shard, environment, checked=True))
        return _RunningShard(shard, folder, output, process=process)
    _import_build_code()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is the shard's output
        _run_forked_shard(config_file, shard, folder, environment, output)
    return _RunningShard(shard, folder, output, pid=pid)


def _import_build_code() -> tuple:
    """What every shard's build imports, imported once before forking."""
    import mkdocs.__main__
    import mkdocs.commands.build
    import mkdocs_static_i18n.plugin

    from babel.dates import format_date

    from ..content.site_data import ui_strings
    from ..languages import BY_CODE
    from . import plugin

    # Data every shard loads on first use: loaded once, inherited by the forks.
    for language in BY_CODE.values():
        ui_strings(language.code)
        format_date(date(2025, 1, 1), format="long", locale=language.babel_locale)
    return mkdocs.__main__, mkdocs.commands.build, mkdocs_static_i18n.plugin, plugin


def _run_forked_shard(config_file: Path, shard: Shard, folder: Path, environment: dict | None, output: Path) -> None:
    code = 1
    try:
        os.environ.clear()
        os.environ.update(shard_environment(shard, environment, checked=True))
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.chdir(Path(config_file).parent)
        from mkdocs.__main__ import cli

        try:
            cli.main(args=shard_command(config_file, folder)[3:], prog_name="mkdocs", standalone_mode=False)
            code = 0
        except SystemExit as error:
            code = error.code if isinstance(error.code, int) else 1
        except Exception as error:  # MkDocs' Abort and anything a plugin raises
            message = getattr(error, "format_message", None)
            print(message() if message else repr(error), file=sys.stderr)
            code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
