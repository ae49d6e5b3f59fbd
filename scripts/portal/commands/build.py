"""`portal build`: the whole site into site/, with the same checks as `portal check`.

    portal build                       all languages, in as many processes as there are cores
    portal build --jobs 1              one process (the plain `mkdocs build`)
    portal build --languages vi,en --site-dir part-1     one shard, for a build on several machines
    portal build --merge part-1 part-2 --site-dir site   merge shards, then index the whole site

See portal/mkdocs_adapter/parallel.py and merge.py for how shards are built and merged.

The whole build is made at one moment (`portal.clock`): `PORTAL_NOW` if set, else the clock when
the command starts, handed to every process it runs. What is scheduled after it is not published
and is listed. A build for the web server never shows the future: `PORTAL_PREVIEW_FUTURE` (the
preview's switch) is ignored here. Shards built on several machines are built at one moment
only if each is given the same `PORTAL_NOW`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from ..clock import NOW_VARIABLE, ClockError
from ..languages import CODES
from ..messages import _
from .serve import mkdocs_environment, outside_project


def register(subparsers) -> None:
    parser = subparsers.add_parser("build", help=_("build the static site (all languages) into site/"))
    parser.add_argument("--site-dir", type=Path, default=None, metavar=_("FOLDER"), help=_("output folder (default: site/)"))
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help=_("processes building languages at once (default: the number of cores, at most {count})")
                        .format(count=len(CODES)))
    shards = parser.add_mutually_exclusive_group()
    shards.add_argument("--languages", metavar=_("LANGS"),
                        help=_("build only these languages (comma-separated; ja:0-500 for half of the ja pages) "
                               "as one shard into --site-dir, to merge later"))
    shards.add_argument("--merge", nargs="+", type=Path, metavar=_("SHARD"),
                        help=_("merge shard folders built with --languages into --site-dir and index the whole site"))
    parser.set_defaults(handler=build)


def default_jobs() -> int:
    return max(1, min(len(CODES), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def build_environment() -> dict:
    """The processes' environment: MkDocs', with the moment of the build fixed (`PORTAL_NOW`)
    and the preview of the future off."""
    from ..clock import current_moment

    environment = mkdocs_environment(None)
    environment[NOW_VARIABLE] = current_moment(environment).isoformat()
    return environment


def build(args) -> int:
    from ..mkdocs_adapter.merge import MergeError, merge_shards
    from ..mkdocs_adapter.parallel import BuildFailed, build_shard, parallel_build, read_project_settings
    from ..mkdocs_adapter.sharding import Shard, ShardError
    from ..project import project_root
    from ..search import SearchIndexError, build_search_index

    root = project_root()
    if outside_project(root):
        return 2
    config_file = root / "mkdocs.yml"
    settings = read_project_settings(config_file)
    site_dir = (args.site_dir or settings["site_dir"]).resolve()
    try:
        environment = build_environment()
    except ClockError as error:
        print(_("portal build: {problem}").format(problem=error), file=sys.stderr)
        return 2
    try:
        if args.languages:
            if args.site_dir is None:
                print(_("portal build --languages needs --site-dir: the folder this shard's output goes to"), file=sys.stderr)
                return 2
            run = build_shard(config_file, Shard.parse(args.languages), site_dir, environment)
            print(_("built {shard} into {folder} in {seconds:.1f} s at {moment}; merge it with the other shards: "
                    "portal build --merge ...").format(shard=run.shard, folder=site_dir, seconds=run.seconds,
                                                       moment=environment[NOW_VARIABLE]))
            return 0
        if args.merge:
            report = merge_shards(args.merge, site_dir)
            print(_("merged {count} shards into {folder}: {files} files").format(count=len(args.merge), folder=site_dir,
                                                                                files=report.files))
            if settings["search_index"]:
                print(build_search_index(site_dir).summary())
            return 0
        jobs = args.jobs if args.jobs is not None else default_jobs()
        if jobs < 1:
            print(_("--jobs must be at least 1"), file=sys.stderr)
            return 2
        if jobs == 1:
            return _one_process(config_file, site_dir, root, environment)
        report = parallel_build(config_file, site_dir, jobs, search_index=settings["search_index"],
                                environment=environment)
        print(report.summary())
        return 0
    except (BuildFailed, MergeError, ShardError, SearchIndexError) as error:
        print(_("portal build: {problem}").format(problem=error), file=sys.stderr)
        return 1


def _one_process(config_file: Path, site_dir: Path, root: Path, environment: dict) -> int:
    """`mkdocs build --strict`, of whose output only the warnings and errors are shown."""
    from ..mkdocs_adapter.mkdocs_log import editor_lines, failure_lines

    started = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    result = subprocess.run(command, env=environment, cwd=root, capture_output=True, text=True,
                            encoding="utf-8", errors="replace")
    output = result.stdout + result.stderr
    for line in (failure_lines(output) if result.returncode else editor_lines(output)):
        print(line, file=sys.stderr)
    if result.returncode != 0:
        print(_("portal build: the site was not built; fix the errors above and run it again."), file=sys.stderr)
        return 1
    from ..clock import current_moment
    from ..mkdocs_adapter.parallel import read_project_settings, scheduled_at
    from ..mkdocs_adapter.site_build import CACHE_FOLDER

    for line in scheduled_at(read_project_settings(config_file)["docs_dir"], current_moment(environment), environment,
                             record=config_file.parent / CACHE_FOLDER / "checked"):
        print(line)
    print(_("site built in {seconds:.1f} s").format(seconds=time.perf_counter() - started))
    return 0
