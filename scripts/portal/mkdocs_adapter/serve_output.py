"""What `portal serve` prints: the preview's address, one line per rebuild (what changed and how
long it took), and warnings and errors, in the tools' language (`portal.messages`).

MkDocs and its plugins log their progress at INFO ("Building documentation...", "Cleaning site
directory", static-i18n's "Overriding ... config", the live-reload server's "Detected file
changes", every request): none of it is for an editor, so only records at WARNING and above
are shown, each as one line after "warning:" or "error:". A warning's own words are those of
whoever logged it: the portal's are translated, MkDocs' own stay in English. The live-reload
server's request log (a 404 for the browser's favicon is a WARNING there) is dropped.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from ..messages import _, ngettext

REQUEST_LOGGER = "mkdocs.livereload"
FILES_NAMED = 3
"""Changed files named in a rebuild's line; more are counted."""


class _EditorLines(logging.Handler):
    """Warnings and errors from any logger, one line each (a multi-line message, such as the
    list of content problems, keeps its lines)."""

    def __init__(self, stream):
        super().__init__(logging.WARNING)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(REQUEST_LOGGER) and record.levelno < logging.ERROR:
            return
        try:
            message = record.getMessage()
        except Exception:  # a malformed record must not stop the preview
            message = str(record.msg)
        label = _("error: {message}") if record.levelno >= logging.ERROR else _("warning: {message}")
        print(label.format(message=message), file=self.stream, flush=True)


class ServeOutput:
    """The lines `portal serve` prints. `install()` routes every logger's records through
    `_EditorLines`, replacing MkDocs' own output."""

    def __init__(self, project_root: Path, out=None, err=None):
        self.project_root = Path(project_root).resolve()
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def install(self) -> None:
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(_EditorLines(self.err))
        root.setLevel(logging.WARNING)
        for name in ("mkdocs", "mkdocs_static_i18n", "watchdog"):
            logging.getLogger(name).setLevel(logging.WARNING)

    def _line(self, text: str, stream=None) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=stream or self.out, flush=True)

    def ready(self, url: str, seconds: float | None) -> None:
        """The address, once the first build is done (None: it failed; the preview waits for a fix)."""
        if seconds is None:
            self._line(_("Preview at {url}: not built yet, fix the problems above and save again. Ctrl+C stops it.")
                       .format(url=url))
        else:
            self._line(_("Preview at {url} (built in {seconds:.1f} s). The browser reloads when a file is saved; "
                         "Ctrl+C stops it.").format(url=url, seconds=seconds))

    def rebuilt(self, changed: set[Path], refresh) -> None:
        """One line for a save: `refresh` is a `preview.Refresh` (pages re-rendered or a full build)."""
        files = self.files(changed)
        if refresh.kind == "pages":
            count = len(refresh.pages)
            self._line(ngettext("{files}: {count} page updated in {seconds:.2f} s",
                                "{files}: {count} pages updated in {seconds:.2f} s", count).format(
                files=files, count=count, seconds=refresh.seconds))
        else:
            self._line(_("{files}: preview rebuilt in {seconds:.1f} s").format(files=files, seconds=refresh.seconds))

    def not_rebuilt(self, changed: set[Path]) -> None:
        self._line(_("{files}: not rebuilt; fix the problems above and save again (the browser keeps the last "
                     "version)").format(files=self.files(changed)), self.err)

    def failed(self, error: BaseException) -> None:
        """A build that stopped on something MkDocs did not log itself."""
        print(_("error: {message}").format(message=f"{type(error).__name__}: {error}"), file=self.err, flush=True)

    def stopped(self) -> None:
        self._line(_("Preview stopped."))

    def files(self, changed: set[Path]) -> str:
        """The changed files, relative to the project: the first few, then how many more."""
        shown = sorted(self._relative(path) for path in changed)
        text = ", ".join(shown[:FILES_NAMED])
        if len(shown) > FILES_NAMED:
            more = len(shown) - FILES_NAMED
            text += ngettext(" and {count} other file", " and {count} other files", more).format(count=more)
        return text

    def _relative(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.project_root).as_posix()
        except ValueError:
            return Path(path).as_posix()
