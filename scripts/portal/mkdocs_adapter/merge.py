"""Merge the output folders of a build's shards into one site.

Each shard's folder is a complete MkDocs output for the languages it owns (see `shard`), plus
files it wrote while running passes it does not own (theme assets, an emptied default-language
pass). A file of the site belongs to one language: under `/en/` to English and so on, anywhere
else to the default language, whose shard also writes everything shared. The merge takes each
file from the shard that owns it; a file no owner wrote (a web-sized variant of a photo only
another language's page shows) is taken from whichever shard made it. Files are moved, not
copied, when the folders share a file system.

A shard's folder says which languages it holds in `SHARD_MANIFEST`, written when its build
succeeded: a folder without one is refused."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..languages import CODES
from ..messages import _
from .sharding import BUCKETS, Shard, ShardError, owner_language, writes_path

SHARD_MANIFEST = ".portal-shard.json"


class MergeError(RuntimeError):
    pass


@dataclass
class MergeReport:
    files: int = 0
    from_other_shards: int = 0


def write_manifest(folder: Path, shard: Shard) -> None:
    (Path(folder) / SHARD_MANIFEST).write_text(json.dumps({"parts": [str(part) for part in shard.parts]}),
                                               encoding="utf-8")


def read_manifest(folder: Path) -> Shard:
    path = Path(folder) / SHARD_MANIFEST
    if not path.is_file():
        raise MergeError(_("{folder} is not the output of a finished shard build (no {manifest}); "
                           "build it with `portal build --languages ... --site-dir {folder}`").format(
            folder=folder, manifest=SHARD_MANIFEST))
    try:
        return Shard.parse(",".join(json.loads(path.read_text(encoding="utf-8"))["parts"]))
    except (ValueError, KeyError, TypeError, ShardError) as error:
        raise MergeError(_("{path} is unreadable ({problem}); build the shard again").format(path=path, problem=error)) from None


def check_coverage(shards: list[Shard]) -> None:
    """Every page of every language in exactly one shard."""
    for lang in CODES:
        parts = sorted((part for shard in shards for part in shard.parts if part.lang == lang), key=lambda p: p.start)
        if not parts:
            raise MergeError(_("no shard holds {lang}: build that language too before merging").format(lang=lang))
        covered = 0
        for part in parts:
            if part.start < covered:
                raise MergeError(_("two shards hold the same pages of the language {lang} ({part}): "
                                   "give each page to one shard").format(lang=lang, part=part))
            if part.start > covered:
                raise MergeError(_("no shard holds the pages {pages}: build them too before merging").format(
                    pages=f"{lang}:{covered}-{part.start}"))
            covered = part.end
        if covered < BUCKETS:
            raise MergeError(_("no shard holds the pages {pages}: build them too before merging").format(
                pages=f"{lang}:{covered}-{BUCKETS}"))


def _files_of(folder: Path):
    for directory, _folders, names in os.walk(folder):
        for name in names:
            absolute = os.path.join(directory, name)
            rel = os.path.relpath(absolute, folder).replace(os.sep, "/")
            if rel != SHARD_MANIFEST:
                yield rel, absolute


def _move(source: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError:
        # Another file system (a shard copied from another machine): copy instead.
        if os.path.isdir(source):
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def clean_folder(folder: Path) -> None:
    """Empty `folder` (kept, like MkDocs does, so a server pointed at it keeps working)."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def merge_shards(folders: list[Path], site_dir: Path) -> MergeReport:
    shards = [read_manifest(folder) for folder in folders]
    check_coverage(shards)
    site_dir = Path(site_dir)
    resolved = {Path(folder).resolve() for folder in folders}
    if site_dir.resolve() in resolved:
        raise MergeError(_("{folder} is one of the shards: merge into another folder").format(folder=site_dir))
    clean_folder(site_dir)
    report = MergeReport()
    # First what each shard writes, a whole top-level folder at a time where it writes all of it
    # and the site has none yet (one rename instead of thousands), then what no owner wrote.
    for folder, shard in zip(folders, shards):
        for entry in sorted(Path(folder).iterdir()):
            if entry.name == SHARD_MANIFEST:
                continue
            target = site_dir / entry.name
            part = shard.part_of(owner_language(entry.name + ("/" if entry.is_dir() else "")))
            if part is not None and part.whole and not target.exists():
                report.files += _count_files(entry)
                _move(str(entry), target)
                continue
            if part is None:
                continue
            if entry.is_dir():
                _move_written(entry, entry.name, shard, site_dir, report)
            elif writes_path(shard, entry.name):
                _move(str(entry), target)
                report.files += 1
    for folder in folders:
        for rel, absolute in _files_of(Path(folder)):
            if not (site_dir / rel).exists():
                _move(absolute, site_dir / rel)
                report.files += 1
                report.from_other_shards += 1
    return report


def _move_written(folder: Path, rel: str, shard: Shard, site_dir: Path, report: MergeReport) -> None:
    """Move what `shard` writes of `folder` (site path `rel`) into the site: a folder all of
    whose files the shard writes, and which the site lacks, in one rename (a page's folder of a
    language split between shards), anything else file by file."""
    for entry in os.scandir(folder):
        entry_rel = f"{rel}/{entry.name}"
        target = site_dir / entry_rel
        if entry.is_dir(follow_symlinks=False):
            files = [f"{entry_rel}/{file_rel}" for file_rel, _absolute in _files_of(Path(entry.path))]
            if files and not target.exists() and all(writes_path(shard, file) for file in files):
                _move(entry.path, target)
                report.files += len(files)
            else:
                _move_written(Path(entry.path), entry_rel, shard, site_dir, report)
        elif writes_path(shard, entry_rel):
            _move(entry.path, target)
            report.files += 1


def _count_files(entry: Path) -> int:
    if not entry.is_dir():
        return 1
    return sum(len(names) for _folder, _folders, names in os.walk(entry))
