"""`portal translate` killed or interrupted in the middle of a page, as a real process: what the
engine already answered is kept and not sent again, and nothing is half-written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from portal.cli import main
from portal.translation.memory import journal_path
from test_translation_fakes import FakeLibreTranslate

PARAGRAPHS = 8
ANSWERED_BEFORE_STOP = 5
"""Requests answered before the server stalls and the process is stopped."""


def make_page(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "news" / "2025").mkdir(parents=True)
    (docs / "_data").mkdir()
    body = "\n\n".join(f"Đoạn văn số {number} về hợp tác quốc tế." for number in range(1, PARAGRAPHS + 1))
    (docs / "news" / "2025" / "dai.vi.md").write_text(f"---\ntitle: Bài dài\ndate: 2025-05-01\n---\n\n{body}\n", encoding="utf-8")
    return docs


def command(server, docs: Path) -> list[str]:
    return ["translate", "--docs", str(docs), "--translator", "libre", "--translator-url", server.url,
            "--api-key", "k", "--to", "en", "--retries", "0", "--timeout", "30"]


def start(args: list[str]) -> subprocess.Popen:
    environment = {**os.environ, "PORTAL_LANG": "en", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-c", "import sys; from portal.cli import main; sys.exit(main(sys.argv[1:]))", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def stalled_server(release: threading.Event) -> FakeLibreTranslate:
    """Answers the first requests, then holds the next one until `release`."""
    server = FakeLibreTranslate()
    server.delay = lambda number, request: (release.wait(30), 0.0)[1] if number > ANSWERED_BEFORE_STOP else 0.0
    return server


def wait_for_requests(server, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while len(server.received) < count:
        if process.poll() is not None:
            pytest.fail(f"portal translate ended early ({process.returncode}): {process.communicate()[1]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("portal translate sent no request in 30 s")
        time.sleep(0.02)
    time.sleep(0.1)  # the stalled request is in flight; the answers before it are journaled


def leftovers(docs: Path) -> list[str]:
    return sorted(str(path.relative_to(docs)) for path in docs.rglob("*.tmp"))


def test_a_killed_run_resumes_without_sending_the_answered_segments_again(tmp_path):
    docs = make_page(tmp_path)
    release = threading.Event()
    with stalled_server(release) as server:
        process = start(command(server, docs))
        wait_for_requests(server, ANSWERED_BEFORE_STOP + 1, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
        release.set()
        answered = server.texts()[:ANSWERED_BEFORE_STOP]

        # Killed: no draft, no half-written file; the answers wait in the memory's journal.
        assert not (docs / "news" / "2025" / "dai.en.md").exists()
        assert leftovers(docs) == []
        assert journal_path(docs / "_data" / "translation-memory.json").is_file()

        before = len(server.received)
        assert main(command(server, docs)) == 0
        resent = server.texts()[before:]
    assert not set(answered) & set(resent), "segments answered before the kill were sent again"
    # The title and every paragraph: all of them once, over the two runs.
    assert sorted(answered + resent) == sorted(set(server.texts()))
    assert len(answered) + len(resent) == PARAGRAPHS + 1
    draft = (docs / "news" / "2025" / "dai.en.md").read_text(encoding="utf-8")
    assert draft.count("en:Đoạn en:văn") == PARAGRAPHS
    memory = json.loads((docs / "_data" / "translation-memory.json").read_text(encoding="utf-8"))
    assert len(memory["segments"]["en"]) == PARAGRAPHS + 1
    assert not journal_path(docs / "_data" / "translation-memory.json").exists()


def test_ctrl_c_ends_with_one_line_and_exit_code_130(tmp_path):
    docs = make_page(tmp_path)
    release = threading.Event()
    with stalled_server(release) as server:
        process = start(command(server, docs))
        wait_for_requests(server, ANSWERED_BEFORE_STOP + 1, process)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
        release.set()
        answered = server.texts()[:ANSWERED_BEFORE_STOP]

        assert process.returncode == 130, err
        assert "Traceback" not in err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert "interrupted" in lines[0] and f"keeps {ANSWERED_BEFORE_STOP} segment(s)" in lines[0] and "resume" in lines[0]
        # The memory was saved on the way out, atomically; no draft and no temporary file.
        memory = json.loads((docs / "_data" / "translation-memory.json").read_text(encoding="utf-8"))
        assert len(memory["segments"]["en"]) == ANSWERED_BEFORE_STOP
        assert not journal_path(docs / "_data" / "translation-memory.json").exists()
        assert not (docs / "news" / "2025" / "dai.en.md").exists()
        assert leftovers(docs) == []

        before = len(server.received)
        assert main(command(server, docs)) == 0
        resent = server.texts()[before:]
    assert not set(answered) & set(resent)
    assert len(resent) == PARAGRAPHS + 1 - ANSWERED_BEFORE_STOP


def test_a_memory_that_cannot_be_written_is_a_message_and_the_answers_stay_journaled(tmp_path, capsys):
    docs = make_page(tmp_path)
    (docs / "_data" / "translation-memory.json").mkdir()  # where the file should go: a folder
    with FakeLibreTranslate() as server:
        assert main(command(server, docs)) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "translation-memory.json" in err and "Traceback" not in err
    assert (docs / "news" / "2025" / "dai.en.md").is_file()
    journal = journal_path(docs / "_data" / "translation-memory.json").read_text(encoding="utf-8")
    assert len([line for line in journal.splitlines() if line]) == PARAGRAPHS + 1
    assert leftovers(docs) == []
