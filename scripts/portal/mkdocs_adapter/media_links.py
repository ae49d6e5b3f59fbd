"""Media put into the site as hard links instead of copies (`hard_links: true`).

Editors' originals (camera photos, scanned forms) are most of the bytes a build writes: at
1,000 articles, copying 440 MB of photos takes longer than rendering a thousand pages. A hard
link gives the site the same file at no cost, like Zola's `hard_link_static`; the web-sized
variants of photos are linked from the image cache the same way. Where linking is not possible
(site and docs on different file systems, a file system without links), files are copied.

The one thing to know: a file in site/ that is a link *is* the file in docs/ (or in .cache/), so
a tool that rewrites site files in place, rather than writing new ones, would change those too.
Nothing in the portal's build, serve or deployment does that; `hard_links: false` turns linking
off. Only regular files whose real path is inside docs/ (or the image cache) are ever linked."""

from __future__ import annotations

import errno
import os
import shutil
import stat

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..messages import _
from .generated_files import SharedAsset
from ..source_files import is_inside

_CANNOT_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES}


def link_or_copy(source: str, destination: str, *, inside: tuple[str, ...] = ()) -> None:
    """Put `source` at `destination` as a hard link, or as a copy where linking fails. An
    existing destination is replaced, never written into (it may itself be a link).

    With `inside` (folders), `source` must be a regular file, not a link, whose real path is in
    one of them: a site file that *is* a file of /etc is what this refuses (`portal check`
    refuses links in docs/ before; this holds even when it was not run)."""
    if inside:
        status = os.lstat(source)
        if not stat.S_ISREG(status.st_mode) or not is_inside(source, inside):
            raise PluginError(_("{path}: not a regular file inside {folders}; the build puts nothing else into the "
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


def link_media(files: Files, docs_dir: str) -> None:
    """Make every file of `docs_dir` that the build copies as it is (not pages, not generated
    files, not files another shard writes) be linked instead."""
    prefix = os.path.join(docs_dir, "")
    for file in files:
        if type(file) not in (File, SharedAsset) or file.is_documentation_page() or file.generated_by \
                or not (file.abs_src_path or "").startswith(prefix):
            continue
        file.copy_file = _linker(file, docs_dir, only_if_modified=isinstance(file, SharedAsset))


def _linker(file: File, docs_dir: str, *, only_if_modified: bool):
    def copy_file(dirty: bool = False) -> None:
        if (dirty or only_if_modified) and not file.is_modified():
            return
        link_or_copy(file.abs_src_path, file.abs_dest_path, inside=(docs_dir,))

    return copy_file
