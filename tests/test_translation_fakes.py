"""Local stand-ins for the translation services, speaking their HTTP: deep-translator's real
request and parsing code runs against them.

- `FakeLibreTranslate`: LibreTranslate's `POST /translate` (deep-translator sends the fields in
  the query string), answering `{"translatedText": ...}`.
- `FakeGoogle`: Google Translate's mobile page `GET /m?sl=..&tl=..&q=..`, answering HTML with
  the translation in `<div class="result-container">`, escaped as Google does.

Both "translate" deterministically: every word gets the target language as a prefix
(`đối tác` -> `ja:đối ja:tác`, a marker that is no markup), placeholders pass through. Tests script failures (`fail`:
an HTTP status per request number), slowness (`delay`) and damage to placeholders (`mangle`)
and read every request received (`received`).
- `ScriptedSocketServer`: a raw TCP server for what no well-behaved HTTP server does (trickling
  an answer a byte at a time, closing the connection in the middle of an answer, answering
  JSON of the wrong shape): a script writes the bytes of each connection.

This module holds no tests itself.
"""

from __future__ import annotations

import html
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

PLACEHOLDER = re.compile(r"</?[xb]\d+/?>")
WORD = re.compile(r"[^\W\d_][\w'-]*")


def fake_translate(text: str, lang: str) -> str:
    """`lang:` before every word outside placeholders."""
    out = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(WORD.sub(lambda word: f"{lang}:{word.group(0)}", text[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(WORD.sub(lambda word: f"{lang}:{word.group(0)}", text[position:]))
    return "".join(out)


class _FakeServer:
    """Runs on 127.0.0.1 on a free port in a background thread; use as a context manager."""

    def __init__(self):
        self.received: list[dict] = []
        self.fail: Callable[[int, dict], int | None] = lambda number, request: None
        """Given the request number (1-based) and its fields, an HTTP status to fail with, or None."""
        self.delay: Callable[[int, dict], float] = lambda number, request: 0.0
        self.mangle: Callable[[str, dict], str] = lambda answer, request: answer
        self.retry_after: str | None = None
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake._handle(self)

            def do_POST(self):
                fake._handle(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll keeps shutdown (once per test) from adding half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def texts(self, lang: str | None = None) -> list[str]:
        """The texts received for translation (into `lang`), in order."""
        return [request["q"] for request in self.received if lang is None or request["target"] == lang]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        request = self._fields(handler)
        with self._lock:
            self.received.append(request)
            number = len(self.received)
        delay = self.delay(number, request)
        if delay:
            time.sleep(delay)
        status = self.fail(number, request)
        if status:
            self._send(handler, status, self._error_body(status), "application/json")
            return
        answer = self.mangle(fake_translate(request["q"], request["target"]), request)
        self._answer(handler, answer, request)

    def _fields(self, handler) -> dict:
        raise NotImplementedError

    def _answer(self, handler, answer: str, request: dict) -> None:
        raise NotImplementedError

    def _error_body(self, status: int) -> str:
        return json.dumps({"error": f"scripted failure {status}"})

    def _send(self, handler, status: int, body: str, content_type: str) -> None:
        data = body.encode("utf-8")
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
            handler.send_header("Content-Length", str(len(data)))
            if status == 429 and self.retry_after is not None:
                handler.send_header("Retry-After", self.retry_after)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


class FakeLibreTranslate(_FakeServer):
    def _fields(self, handler) -> dict:
        split = urlsplit(handler.path)
        fields = {key: values[-1] for key, values in parse_qs(split.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            body = handler.rfile.read(length).decode("utf-8")
            if handler.headers.get("Content-Type", "").startswith("application/json"):
                fields.update(json.loads(body))
            else:
                fields.update({key: values[-1] for key, values in parse_qs(body).items()})
        fields["path"] = split.path
        fields["method"] = handler.command
        return fields

    def _answer(self, handler, answer: str, request: dict) -> None:
        # ASCII escapes, so that any answer a test scripts (a lone surrogate too) can be sent.
        self._send(handler, 200, json.dumps({"translatedText": answer}), "application/json")


GOOGLE_PAGE = """<!DOCTYPE html><html lang="{tl}"><head><meta charset="utf-8"><title>Google Translate</title></head>
<body><div class="header"><a href="https://www.google.com/">Google</a></div>
<form action="/m" class=""><input type="hidden" name="sl" value="{sl}"><input type="hidden" name="tl" value="{tl}">
<div class="input-container"><input type="text" name="q" value="{q}"></div></form>
<div class="result-container">{answer}</div>
<div class="links-container"><ul><li><a href="https://www.google.com/m?hl=en">Google home</a></li></ul></div>
</body></html>"""


class FakeGoogle(_FakeServer):
    def _fields(self, handler) -> dict:
        split = urlsplit(handler.path)
        fields = {key: values[-1] for key, values in parse_qs(split.query).items()}
        fields["target"] = fields.get("tl", "")
        fields["path"] = split.path
        fields["method"] = handler.command
        return fields

    def _answer(self, handler, answer: str, request: dict) -> None:
        page = GOOGLE_PAGE.format(tl=html.escape(request.get("tl", "")), sl=html.escape(request.get("sl", "")),
                                  q=html.escape(request.get("q", "")), answer=html.escape(answer, quote=False))
        self._send(handler, 200, page, "text/html")

    def _error_body(self, status: int) -> str:
        return f"<html><body><h1>Error {status}</h1><p>scripted failure {status}</p></body></html>"


class ScriptedSocketServer:
    """Accepts connections on 127.0.0.1 and runs `script(connection, number, stopping)` for each
    (number counts from 1) in its own thread; `stopping` is an Event set when the server stops,
    for scripts that wait. Use as a context manager."""

    def __init__(self, script: Callable[[socket.socket, int, threading.Event], None]):
        self.script = script
        self.connections = 0
        self.stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/"
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self._thread.join(2)
        self._listener.close()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except (socket.timeout, OSError):
                continue
            with self._lock:
                self.connections += 1
                number = self.connections
            threading.Thread(target=self._serve, args=(connection, number), daemon=True).start()

    def _serve(self, connection: socket.socket, number: int) -> None:
        with connection:
            try:
                read_request(connection)
                self.script(connection, number, self.stopping)
            except OSError:
                pass  # the client hung up: what several tests are about


def read_request(connection: socket.socket) -> bytes:
    """The request's head and body (by its Content-Length)."""
    connection.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(match.group(1)) if match else 0
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def http_answer(body: bytes | str, *, status: str = "200 OK", content_type: str = "application/json",
                length: int | None = None) -> bytes:
    """A whole HTTP/1.1 answer that closes the connection; `length` may lie about the body."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    length = len(body) if length is None else length
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}; charset=utf-8\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n").encode("ascii") + body
