"""What a result read from docs/ depends on, in one string: the name, size and modification time
of every file under docs/ and of the portal's own code. Results kept between builds (the
content checks' verdict, the site model) are used again only while it is unchanged; statting a
few thousand files takes a few hundredths of a second, reading them takes seconds."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

CODE_FOLDER = Path(__file__).resolve().parents[1]


def source_fingerprint(docs_dir: Path, *extra: object) -> str:
    return tree_fingerprint((Path(docs_dir), CODE_FOLDER), *extra)


def tree_fingerprint(folders: Iterable[Path], *extra: object,
                     by_name_only: Callable[[str], bool] = lambda name: False) -> str:
    """Every file under `folders` by name, size and modification time (a file for which
    `by_name_only(name)` is true by its name alone), with `extra` and Python's version."""
    digest = hashlib.sha256(repr((sys.version, extra)).encode("utf-8"))
    for folder in folders:
        digest.update(f"folder\0{folder}\n".encode("utf-8", "surrogateescape"))
        for directory, dirnames, names in os.walk(folder):
            dirnames[:] = sorted(name for name in dirnames if name != "__pycache__")
            # Links (to folders too, which are not walked, and dangling ones) count with their
            # target: adding one must not let a kept verdict of the checks stand.
            for name in sorted(names + [name for name in dirnames if os.path.islink(os.path.join(directory, name))]):
                path = os.path.join(directory, name)
                if by_name_only(name) and not os.path.islink(path):
                    digest.update(f"{path}\n".encode("utf-8", "surrogateescape"))
                    continue
                status = os.lstat(path)
                target = os.readlink(path) if os.path.islink(path) else ""
                digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0{target}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
