"""HTTP requests with a deadline for the whole exchange, and a limit on the answer's size.

`requests`' `timeout` bounds the connection and each read from the socket, not the request: a
server that sends one byte every few seconds (by accident or on purpose) keeps a request alive
forever. `request_with_deadline(session, method, url, seconds=..., max_bytes=...)` gives the
whole exchange (connecting, sending, the status line, the headers, the body) `seconds` of wall
clock time: a watchdog timer shuts the connection's socket down when time is up, which wakes
any read blocked on it, and the request fails with `DeadlineExceeded` (a `requests.Timeout`).
The body is read in chunks, so an answer larger than `max_bytes` is refused (`AnswerTooLarge`)
instead of filling the memory.

The watchdog finds the socket through the urllib3 connection classes that
`mount_deadline_adapters(session)` installs: each gives its socket to the deadline of the
request running in its thread when it connects or sends. (Connecting itself is bounded by the
connect timeout, which is the whole deadline.) Everything else is requests' and
urllib3's own code. (Through a SOCKS proxy the connection is not registered: there, every read
is still bounded by the deadline, and an answer that arrives late is refused.)
"""

from __future__ import annotations

import contextvars
import socket
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_CHUNK = 64 * 1024


class DeadlineExceeded(requests.exceptions.Timeout):
    """The whole request took longer than its deadline."""


class AnswerTooLarge(requests.exceptions.RequestException):
    """The answer's body is larger than the limit."""


class _Deadline:
    """One request's deadline: the sockets it uses, shut down when the timer fires."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        # A timer must never keep the program alive (after Ctrl-C, say).
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if not any(known is sock for known in self._sockets):
                self._sockets.append(sock)
            expired = self.expired
        if expired:
            _cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _cut(sock)


def _cut(sock: socket.socket) -> None:
    try:
        # shutdown, not close: it wakes a read blocked in another thread (close may not), and
        # works even once the connection object has handed the socket to its response.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_running: contextvars.ContextVar[_Deadline | None] = contextvars.ContextVar("portal_request_deadline", default=None)


class _WatchedConnection:
    """Gives the socket of the connection to the deadline of the request using it: when it
    connects, and when a kept-alive connection sends a new request."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        deadline = _running.get()
        if deadline is not None:
            deadline.watch(self.sock)  # type: ignore[attr-defined]

    def request(self, *args, **kwargs):
        deadline = _running.get()
        if deadline is not None:
            deadline.watch(self.sock)  # type: ignore[attr-defined]
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_WatchedConnection, HTTPConnection):
    pass


class _HTTPSConnection(_WatchedConnection, HTTPSConnection):
    pass


class _HTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOL_CLASSES = {"http": _HTTPConnectionPool, "https": _HTTPSConnectionPool}


class _DeadlineAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOL_CLASSES

    def proxy_manager_for(self, proxy: str, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOL_CLASSES
        return manager


def mount_deadline_adapters(session: requests.Session) -> requests.Session:
    """`session`, its HTTP and HTTPS connections made ready for `request_with_deadline`."""
    for prefix in ("http://", "https://"):
        if not isinstance(session.adapters.get(prefix), _DeadlineAdapter):
            session.mount(prefix, _DeadlineAdapter())
    return session


def request_with_deadline(session: requests.Session, method: str, url: str, *, seconds: float, max_bytes: int,
                          **kwargs) -> requests.Response:
    """`session.request(method, url, **kwargs)` done within `seconds`, its body at most
    `max_bytes` and read completely (`response.content`, `.text` and `.json()` work as usual)."""
    kwargs["timeout"] = seconds  # no single step longer than the whole
    kwargs["stream"] = True
    with _Deadline(seconds) as deadline:
        token = _running.set(deadline)
        try:
            response = session.request(method, url, **kwargs)
            body = _read_body(response, max_bytes)
        except (requests.RequestException, OSError) as error:
            if deadline.expired:
                raise DeadlineExceeded(f"no complete answer within {seconds} s") from None
            if isinstance(error, OSError) and not isinstance(error, requests.RequestException):
                raise requests.exceptions.ConnectionError(error) from error
            raise
        finally:
            _running.reset(token)
        if deadline.expired:
            # Cut at the deadline where the body's end is the connection's end: what arrived is
            # not the whole answer.
            raise DeadlineExceeded(f"no complete answer within {seconds} s")
    # What `Response.content` would have read and cached: the body, read under the deadline.
    response._content = body
    return response


def _read_body(response: requests.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            response.close()
            raise AnswerTooLarge(f"the answer is larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
