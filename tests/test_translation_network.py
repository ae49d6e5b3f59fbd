"""Hostile networks: deep-translator's own HTTP code against servers that trickle, hang up in the
middle of an answer, or answer JSON of the wrong shape (tests/test_translation_fakes.py)."""

from __future__ import annotations

import json
import time

import pytest

from portal.cli import main
from portal.translation.engines import DeepTranslatorEngine, EngineError
from test_translation_fakes import ScriptedSocketServer, http_answer
from test_translation_run import libre_args, make_docs

ANSWER = http_answer(json.dumps({"translatedText": "Hello"}))


@pytest.mark.parametrize("phase", ["status line and headers", "body"])
def test_the_deadline_bounds_the_whole_request_not_each_read(phase):
    def script(connection, number, stopping):
        head, _, body = ANSWER.partition(b"\r\n\r\n")
        if phase == "body":
            connection.sendall(head + b"\r\n\r\n")
            slow = body
        else:
            slow = ANSWER
        started = time.monotonic()
        for byte in slow:
            # A byte every 0.5 s: each read is quick, the whole answer would take a minute.
            if stopping.wait(0.5) or time.monotonic() - started > 6:
                return
            connection.sendall(bytes([byte]))

    with ScriptedSocketServer(script) as server:
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=1.0, retries=0)
        started = time.monotonic()
        with pytest.raises(EngineError) as error:
            engine.translate("Xin chào", "en")
        elapsed = time.monotonic() - started
    assert "no complete answer within 1 s" in str(error.value)
    assert elapsed < 2.5, elapsed


def test_a_trickling_server_through_the_command_ends_with_a_message(tmp_path, capsys):
    docs = make_docs(tmp_path)

    def script(connection, number, stopping):
        started = time.monotonic()
        for byte in ANSWER:
            if stopping.wait(0.5) or time.monotonic() - started > 6:
                return
            connection.sendall(bytes([byte]))

    with ScriptedSocketServer(script) as server:
        started = time.monotonic()
        code = main(libre_args(server, docs, "--to", "en", "--timeout", "1", "--retries", "1"))
        elapsed = time.monotonic() - started
    assert code == 1
    assert server.connections == 2  # tried again once
    assert elapsed < 4.5, elapsed
    err = capsys.readouterr().err
    assert "no complete answer within 1 s" in err and "run the command again to resume" in err


@pytest.mark.parametrize("cut", ["content-length", "chunked"])
def test_a_connection_closed_in_the_middle_of_the_answer_is_retried(cut):
    body = json.dumps({"translatedText": "Hello"}).encode()

    def script(connection, number, stopping):
        if number > 1:
            connection.sendall(ANSWER)
            return
        if cut == "content-length":
            # Promises 200 bytes, sends 10, hangs up.
            connection.sendall(http_answer(body, length=200)[:-len(body)] + body[:10])
        else:
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                               + b"%x\r\n" % len(body[:10]) + body[:10] + b"\r\n")

    with ScriptedSocketServer(script) as server:
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=2, retries=2, backoff=0.01)
        assert engine.translate("Xin chào", "en") == "Hello"
        assert server.connections == 2

    with ScriptedSocketServer(lambda connection, number, stopping: script(connection, 1, stopping)) as server:
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=2, retries=1, backoff=0.01)
        with pytest.raises(EngineError, match="the connection closed in the middle of the answer"):
            engine.translate("Xin chào", "en")
        assert server.connections == 2


@pytest.mark.parametrize("body, shown", [
    ("[1, 2, 3]", "the answer is not a translation (HTTP 200); the server answered: [1, 2, 3]"),
    ("42", "the answer is not a translation (HTTP 200); the server answered: 42"),
    ('"Hello"', "the answer is not a translation (HTTP 200); the server answered: \"Hello\""),
    ('{"translatedText": [1]}', "answered without a translation (HTTP 200); the server answered: {\"translatedText\": [1]}"),
    ('{"translatedText": null}', "answered without a translation (HTTP 200)"),
    ('{"translatedText": 42}', "answered without a translation (HTTP 200)"),
    ('{"translatedText": "  "}', "answered without a translation (HTTP 200)"),
    ("null", "no translation found in the answer (TranslationNotFound) (HTTP 200); the server answered: null"),
    ('{"other": "Hello"}', "no translation found in the answer (KeyError) (HTTP 200)"),
    ("[" * 100_000 + "]" * 100_000, "the answer is not a translation (HTTP 200); the server answered: [[[["),
    ('{"translatedText": "\\u001b[31mred\\u0007"}', "answered"),
])
def test_an_answer_of_the_wrong_shape_is_a_clear_message(tmp_path, capsys, body, shown):
    docs = make_docs(tmp_path)
    with ScriptedSocketServer(lambda connection, number, stopping: connection.sendall(http_answer(body))) as server:
        code = main(libre_args(server, docs, "--to", "en"))
    err = capsys.readouterr().err
    if "red" in body:
        # Control characters are dropped: the answer is translated text, not a terminal command.
        assert code == 0 and "\x1b" not in err
        assert "[31mred" in (docs / "news" / "2025" / "le-ky-ket.en.md").read_text(encoding="utf-8")
        return
    assert code == 1
    assert f"translating into en failed: LibreTranslate at {server.url}: {shown}" in err
    assert server.connections == 1  # an answer of the wrong shape is not asked again
    assert "Traceback" not in err
    assert not (docs / "news" / "2025" / "le-ky-ket.en.md").exists()


def test_an_answer_too_large_is_refused(monkeypatch):
    import portal.translation.engines as engines

    monkeypatch.setattr(engines, "MAX_ANSWER_BYTES", 1000)
    huge = http_answer(json.dumps({"translatedText": "x" * 5000}))
    with ScriptedSocketServer(lambda connection, number, stopping: connection.sendall(huge)) as server:
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=2, retries=2)
        with pytest.raises(EngineError, match="answered more than 1000 bytes"):
            engine.translate("Xin chào", "en")
        assert server.connections == 1
