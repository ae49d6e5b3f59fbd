"""docs/ is the only source of the site: reading its files, and refusing what is not a plain file
inside it.

- A symbolic link in docs/ (to a file or a folder, even a dangling one) is refused by `portal
  check` and by the build: MkDocs follows links when it walks docs/, so one link to /etc put
  all of /etc into site/. Copy the files into docs/ instead.
- Files are read as UTF-8, and a byte that is not is reported with its line.
- Files have a size limit, so no single file can stall a build or fill its memory:
  `MAX_PAGE_BYTES` for a Markdown page, `MAX_DATA_BYTES` for a site-data file.
- Only regular files are read: a named pipe or a device would block or never end.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .messages import _
from .problems import InputError, Problem

MAX_PAGE_BYTES = 4 * 1024 * 1024
"""A Markdown page (article, procedure record, static page): 4 MB. The longest real article is
about 20 KB of text (photos and PDFs are files of their own); a page of megabytes is a pasted
binary or a generated dump, and MkDocs renders every page in memory, five times (once per
language pass)."""
MAX_DATA_BYTES = 1024 * 1024
"""A site-data file (docs/_data/*.yml): 1 MB. The category list and the contact details are a
few KB."""


class UnreadableFile(InputError):
    """A file that cannot be used at all (not UTF-8, too large, a link, not a file)."""

    field = "file"


def _size(count: int) -> str:
    """4 MB, 4.2 MB, 120 KB."""
    unit, name = (1024 * 1024, "MB") if count >= 1024 * 1024 else (1024, "KB")
    return f"{count // unit} {name}" if count % unit == 0 else f"{count / unit:.1f} {name}"


def read_text(path, limit: int = MAX_PAGE_BYTES) -> str:
    """The text of the regular file `path`, decoded as UTF-8, line ends made `\\n` (as Python's
    text files do). Raises UnreadableFile, never UnicodeDecodeError or OSError."""
    path = os.fspath(path)
    try:
        # O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: opening a named pipe does
        # not wait for a writer (it is then refused as not a regular file).
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if error.errno == errno.ELOOP or os.path.islink(path):
            raise UnreadableFile(*_symlink_message(link_target(path))) from None
        raise _os_problem(error) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile(_("not a regular file"), 1, _("remove it; docs/ holds only files and folders"))
        if status.st_size > limit:
            raise _too_large(status.st_size, limit)
        # One read takes a whole file on Linux; asking for one byte more tells it has ended.
        data = os.read(descriptor, status.st_size + 1)
        if len(data) > status.st_size:  # it grew since fstat: read the rest, within the limit
            chunks = [data]
            while data:
                data = os.read(descriptor, 1024 * 1024)
                chunks.append(data)
                if sum(map(len, chunks)) > limit:
                    raise _too_large(sum(map(len, chunks)), limit)
            data = b"".join(chunks)
    except OSError as error:
        raise _os_problem(error) from None
    finally:
        os.close(descriptor)
    return decode(data)


def decode(data: bytes) -> str:
    """`data` as UTF-8 text with `\\n` line ends; UnreadableFile naming the line of the first
    byte that is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        raise UnreadableFile(_("not UTF-8 text (byte 0x{byte:02X} on this line, in another encoding)").format(
                             byte=data[error.start]), before.count(b"\n") + 1, _("save the file as UTF-8")) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _too_large(size: int, limit: int) -> UnreadableFile:
    return UnreadableFile(_("the file is {size}; the limit is {limit}").format(size=_size(size), limit=_size(limit)), 1,
                          _("a page is text: put photos and documents in files of their own and link to them"))


def _os_problem(error: OSError) -> UnreadableFile:
    return UnreadableFile(_("cannot be read ({reason})").format(reason=error.strerror or error), 1,
                          _("check that it is a file and that it may be read"))


def link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


# -- symbolic links ------------------------------------------------------------------------------

def find_symlinks(folder: Path) -> list[tuple[str, str]]:
    """(path relative to `folder`, where it points) of every symbolic link under `folder`, hidden
    folders included, without following any; sorted."""
    found = []
    pending = [os.fspath(folder)]
    root_length = len(os.fspath(folder)) + 1
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                found.append((entry.path[root_length:].replace(os.sep, "/"), link_target(entry.path)))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
    return sorted(found)


def symlink_problem(shown_path: str, target: str) -> Problem:
    """The one way a link in docs/ is reported (check, build and count say the same)."""
    message, line, fix = _symlink_message(target)
    return Problem(shown_path, line, "file", message, fix)


def _symlink_message(target: str) -> tuple[str, int, str]:
    return (_("a symbolic link (to {target}): the build would publish what it points to").format(target=target), 1,
            _("docs/ is the only source of the site: replace the link with the files themselves"))


def is_inside(path, roots) -> bool:
    """Whether `path`, all links resolved, is inside one of the folders `roots` (also resolved)."""
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.join(os.path.realpath(root), "")
        if real.startswith(base):
            return True
    return False


def is_existing_file(path) -> bool:
    """Whether `path` is a file. A name the file system refuses outright (longer than it allows,
    a NUL byte), which any link or path an editor writes can be, is a file that does not exist,
    not an error: `Path.is_file` lets ENAMETOOLONG through."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False
