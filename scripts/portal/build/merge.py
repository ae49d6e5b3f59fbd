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
from .shard import Shard, owner_language

SHARD_MANIFEST = ".portal-shard.json"


class MergeError(RuntimeError):
    pass


@dataclass
class MergeReport:
    files: int = 0
    bytes: int = 0
    from_other_shards: int = 0


def write_manifest(folder: Path, shard: Shard) -> None:
    (Path(folder) / SHARD_MANIFEST).write_text(json.dumps({"languages": list(shard.languages)}), encoding="utf-8")


def read_manifest(folder: Path) -> Shard:
    path = Path(folder) / SHARD_MANIFEST
    if not path.is_file():
        raise MergeError(f"{folder} is not the output of a finished shard build (no {SHARD_MANIFEST}); "
                         f"build it with `portal build --languages ... --site-dir {folder}`")
    try:
        return Shard(tuple(json.loads(path.read_text(encoding="utf-8"))["languages"]))
    except (ValueError, KeyError, TypeError) as error:
        raise MergeError(f"{path} is unreadable ({error}); build the shard again") from None


def check_coverage(shards: list[Shard]) -> None:
    owners: dict[str, int] = {}
    for index, shard in enumerate(shards):
        for lang in shard.languages:
            if lang in owners:
                raise MergeError(f"two shards hold the language {lang}: give each language to one shard")
            owners[lang] = index
    missing = [lang for lang in CODES if lang not in owners]
    if missing:
        raise MergeError(f"no shard holds {', '.join(missing)}: build those languages too before merging")


def _files_of(folder: Path):
    for directory, _, names in os.walk(folder):
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
        raise MergeError(f"{site_dir} is one of the shards: merge into another folder")
    clean_folder(site_dir)
    report = MergeReport()
    taken: set[str] = set()
    leftovers: list[tuple[str, str]] = []
    for folder, shard in zip(folders, shards):
        for rel, absolute in _files_of(Path(folder)):
            if shard.owns(owner_language(rel)):
                report.bytes += os.path.getsize(absolute)
                _move(absolute, site_dir / rel)
                taken.add(rel)
            else:
                leftovers.append((rel, absolute))
    for rel, absolute in leftovers:
        if rel in taken:
            continue
        report.bytes += os.path.getsize(absolute)
        _move(absolute, site_dir / rel)
        taken.add(rel)
        report.from_other_shards += 1
    report.files = len(taken)
    return report
