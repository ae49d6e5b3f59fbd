"""What a result read from docs/ depends on, in one string: the name, size and modification time
of every file under docs/ and of the portal's own code. Results kept between builds (the
content checks' verdict, the site model) are used again only while it is unchanged; statting a
few thousand files takes a few hundredths of a second, reading them takes seconds."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

CODE_FOLDER = Path(__file__).resolve().parents[1]


def source_fingerprint(docs_dir: Path, *extra: object) -> str:
    digest = hashlib.sha256(repr((sys.version, extra)).encode("utf-8"))
    for folder in (Path(docs_dir), CODE_FOLDER):
        for directory, dirnames, names in os.walk(folder):
            dirnames[:] = sorted(name for name in dirnames if name != "__pycache__")
            # Links (to folders too, which are not walked, and dangling ones) count with their
            # target: adding one must not let a kept verdict of the checks stand.
            for name in sorted(names + [name for name in dirnames if os.path.islink(os.path.join(directory, name))]):
                path = os.path.join(directory, name)
                status = os.lstat(path)
                target = os.readlink(path) if os.path.islink(path) else ""
                digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0{target}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
