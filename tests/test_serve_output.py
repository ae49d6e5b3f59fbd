"""`portal serve` prints what an editor needs and nothing else: the address, one line per save
(what changed, how long it took), and the problems, in the tools' language (Vietnamese unless
asked otherwise); none of MkDocs' progress lines. The real command, in a subprocess, on a free
port, against a small copy of the project."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from sitebuild import article, copy_project

MKDOCS_CHATTER = ("INFO", "DEBUG", "Building documentation", "Cleaning site directory", "Detected file changes",
                  "Serving on", "Watching paths", "Reloading browsers", "extra.alternate", "Overriding",
                  "Documentation built", "Browser connected", "search index", "markdown cache")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serving:
    """`portal serve` running; its stdout and stderr lines, as they come."""

    def __init__(self, project: Path, *argv: str):
        self.port = free_port()
        environ = {key: value for key, value in os.environ.items()
                   if key not in ("PORTAL_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "PORTAL_ONLY_LANGUAGE")}
        environ["NO_MKDOCS_2_WARNING"] = "1"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "portal"), "serve", *argv, "--address", f"127.0.0.1:{self.port}"],
            cwd=project, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self._arrived: queue.Queue[str] = queue.Queue()
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self._arrived.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._arrived.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None and self._arrived.empty():
                    break
                continue
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; printed:\n" + "\n".join(self.lines))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        time.sleep(0.2)
        while not self._arrived.empty():
            self.lines.append(self._arrived.get())
        return code


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "project", with_content=False)
    article(root / "docs", "news/2025/tin-dau", "vi", "Tin đầu tiên", "2025-03-05", ["doi-ngoai"])
    return root


def save(path: Path, text: str) -> None:
    # Written and renamed into place, as editors do: the preview must name the file, not its temporary copy.
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.mark.parametrize("argv", [("--lang", "vi"), ()], ids=["one language", "whole site"])
def test_serve_prints_the_address_a_line_per_save_and_the_problems(project, argv):
    serving = Serving(project, *argv)
    try:
        ready = serving.wait_for(r"Xem trước tại http://127\.0\.0\.1:\d+/")
        assert "Ctrl+C" in ready
        with urllib.request.urlopen(f"http://127.0.0.1:{serving.port}/", timeout=30) as answer:
            assert answer.status == 200

        page = project / "docs" / "news" / "2025" / "tin-dau.vi.md"
        save(page, page.read_text(encoding="utf-8").replace("Body of", "Nội dung mới của"))
        rebuilt = serving.wait_for(r"tin-dau\.vi\.md")
        assert re.search(r"^\[\d\d:\d\d:\d\d\] docs/news/2025/tin-dau\.vi\.md: (đã cập nhật \d+ trang|đã dựng lại bản "
                         r"xem trước) trong \d+\.\d+ giây$", rebuilt), rebuilt

        save(project / "docs" / "news" / "2025" / "ngay-sai.vi.md", "---\ntitle: Ngày sai\ndate: 05/03/2025\n---\n\nx\n")
        failed = serving.wait_for(r"ngay-sai\.vi\.md: chưa dựng lại")
        assert "hãy sửa các lỗi nêu trên" in failed
    finally:
        code = serving.stop()
    assert code == 0
    printed = serving.lines
    assert printed[-1].endswith("Đã dừng xem trước."), printed
    problem = next(line for line in printed if "ngay-sai.vi.md:3: date:" in line)
    assert "'05/03/2025' được ghi theo thứ tự ngày trước; ghi là 2025-03-05" in problem
    assert any(line.startswith("lỗi: nội dung còn lỗi (chạy `portal check`") for line in printed)
    chatter = [line for line in printed if any(word in line for word in MKDOCS_CHATTER)]
    assert not chatter, chatter
    # The address, the save, the failed save (the error, its problem, the count, the line), the stop.
    assert len(printed) <= 8, "\n".join(printed)


def test_a_taken_address_is_a_message(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        environ = {key: value for key, value in os.environ.items() if key != "PORTAL_LANG"}
        result = subprocess.run([str(Path(sys.executable).parent / "portal"), "serve", "--lang", "vi", "--address",
                                 f"127.0.0.1:{port}"], cwd=project, env=environ, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "portal serve: không phục vụ được tại 127.0.0.1:" in result.stderr
    assert "--address 127.0.0.1:8001" in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_log_keeps_only_warnings_and_errors_in_the_tools_words(vietnamese):
    from portal.mkdocs_adapter.mkdocs_log import editor_lines, failure_lines

    output = ("INFO    -  Cleaning site directory\nINFO    -  Building documentation to directory: /tmp/site\n"
              "INFO    -  The 'extra.alternate' configuration contains a 'link' option\n"
              "\x1b[33mWARNING -  \x1b[0mDoc file 'a.md' contains a link 'b.md', but the target is not found\n"
              "ERROR   -  nội dung còn lỗi (chạy `portal check` để xem cùng danh sách):\n"
              "docs/news/2025/x.vi.md:3: date: ...\nCó 1 lỗi.\nAborted with a BuildError!\n"
              "INFO    -  Documentation built in 1.20 seconds\n")
    assert editor_lines(output) == [
        "cảnh báo: Doc file 'a.md' contains a link 'b.md', but the target is not found",
        "lỗi: nội dung còn lỗi (chạy `portal check` để xem cùng danh sách):",
        "docs/news/2025/x.vi.md:3: date: ...", "Có 1 lỗi.",
    ]
    crash = "INFO    -  Cleaning site directory\nTraceback (most recent call last):\n  File \"x.py\"\nKeyError: 'a'\n"
    assert failure_lines(crash)[-1] == "KeyError: 'a'"


def test_a_one_process_build_says_only_that_it_is_done(project):
    environ = {key: value for key, value in os.environ.items() if key != "PORTAL_LANG"}
    portal = str(Path(sys.executable).parent / "portal")
    result = subprocess.run([portal, "build", "--jobs", "1"], cwd=project, env=environ, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"đã dựng xong trang web trong \d+\.\d giây\n", result.stdout), result.stdout
    assert result.stderr == ""
    article(project / "docs", "news/2025/ngay-sai", "vi", "Ngày sai", "05/03/2025")
    result = subprocess.run([portal, "build", "--jobs", "1"], cwd=project, env=environ, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "lỗi: nội dung còn lỗi (chạy `portal check` để xem cùng danh sách):",
        "docs/news/2025/ngay-sai.vi.md:3: date: '05/03/2025' được ghi theo thứ tự ngày trước; ghi là 2025-03-05",
        "Có 1 lỗi.",
        "portal build: chưa dựng được trang web; hãy sửa các lỗi nêu trên rồi chạy lại.",
    ]
