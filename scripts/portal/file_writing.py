"""Writing files: text written whole or not at all, and a file put in place as a hard link, or as
a copy where the file system cannot link.

Reading is `source_files` (what docs/ may hold); this is the other direction: the commands'
outputs (drafts, the translation memory, new articles) and the site's media and search staging."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .messages import _
from .source_files import is_inside

_CANNOT_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES}


class RefusedSource(ValueError):
    """A file `link_or_copy` was asked to put into the site that is not a regular file inside the
    folders it may come from; the message names it."""


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def link_or_copy(source: str, destination: str, *, inside: tuple[str, ...] = ()) -> None:
    """Put `source` at `destination` as a hard link, or as a copy where linking fails. An
    existing destination is replaced, never written into (it may itself be a link).

    With `inside` (folders), `source` must be a regular file, not a link, whose real path is in
    one of them: a site file that *is* a file of /etc is what this refuses (`portal check`
    refuses links in docs/ before; this holds even when it was not run)."""
    if inside:
        status = os.lstat(source)
        if not stat.S_ISREG(status.st_mode) or not is_inside(source, inside):
            raise RefusedSource(_("{path}: not a regular file inside {folders}; the build puts nothing else into the "
                                  "site").format(path=source, folders=", ".join(inside)))
    if os.path.lexists(destination):
        if os.path.isfile(destination) and os.path.samefile(source, destination):
            return
        os.unlink(destination)
    else:
        os.makedirs(os.path.dirname(destination), exist_ok=True)
    try:
        os.link(source, destination)
    except OSError as error:
        if error.errno not in _CANNOT_LINK:
            raise
        shutil.copyfile(source, destination)
