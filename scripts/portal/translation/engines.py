"""Translation engines: deep-translator's GoogleTranslator and LibreTranslator, made safe to run
unattended.

deep-translator calls `requests.get`/`requests.post` with no timeout, hides the HTTP status of
a failure behind exceptions that mostly do not carry it, and stops at the first error. Its
engine modules therefore get a stand-in for their `requests` module (installed once, on import
of this module) that sends every request through the transport of the engine making the call:
a `requests.Session` whose every request has a wall-clock deadline for the whole exchange and a
size limit on the answer (`portal.translation.deadline`), and which keeps the last response so
an error can say what the server answered and whether trying again can help. The HTTP code,
parsing and error handling that run are deep-translator's own. Outside our engines the
stand-in behaves like `requests` with a default timeout.

`DeepTranslatorEngine.translate(text, lang)` retries on 429, 5xx, deadlines and connections
that fail or close in the middle of an answer, with exponential backoff (honouring
`Retry-After`), and raises `EngineError` otherwise, naming the engine and what it answered:
never an exception from deep-translator's parsing of an answer of the wrong shape.
"""

from __future__ import annotations

import contextvars
import re
import time
from typing import Callable

import requests
from deep_translator import GoogleTranslator, LibreTranslator, google as _google_module, libre as _libre_module
from deep_translator.exceptions import (
    AuthorizationException,
    BaseError,
    RequestError,
    ServerException,
    TooManyRequests,
)

from ..languages import BY_CODE, DEFAULT
from ..messages import _
from .answers import clean_answer
from .deadline import AnswerTooLarge, mount_deadline_adapters, request_with_deadline
from .pipeline import EngineError

ENGINES = ("google", "libre")
LIBRE_KEY_VARIABLE = "PORTAL_LIBRETRANSLATE_KEY"
MAX_CHARS = 4500
"""Longest text sent in one request: deep-translator refuses 5,000 characters and more."""
DEFAULT_TIMEOUT = 30.0
"""Seconds for one whole request: connecting, sending and receiving the complete answer."""
MAX_ANSWER_BYTES = 4 * 1024 * 1024
"""Largest answer read: Google's page for a 4,500-character text is well under 1 MB."""
_ANSWER_EXCERPT = 300
"""Characters of a server's answer quoted in a message."""

__all__ = ["DEFAULT_TIMEOUT", "ENGINES", "EngineError", "DeepTranslatorEngine", "LIBRE_KEY_VARIABLE", "MAX_CHARS"]


class _Transport:
    """Every request of one engine: one session, one deadline per request, the last answer kept."""

    def __init__(self, deadline: float, session: requests.Session | None = None):
        self.deadline = deadline
        self.session = mount_deadline_adapters(session or requests.Session())
        self.last_response: requests.Response | None = None

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        # deep-translator passes no timeout; whatever it passes, the deadline rules.
        kwargs.pop("timeout", None)
        response = request_with_deadline(self.session, method, url, seconds=self.deadline, max_bytes=MAX_ANSWER_BYTES, **kwargs)
        self.last_response = response
        return response


_active_transport: contextvars.ContextVar[_Transport | None] = contextvars.ContextVar("portal_translation_transport", default=None)


class _RequestsThroughTransport:
    """Takes the place of `requests` in deep-translator's engine modules."""

    def __getattr__(self, name):
        return getattr(requests, name)

    @staticmethod
    def _send(method: str, url: str, **kwargs) -> requests.Response:
        transport = _active_transport.get()
        if transport is None:
            kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
            return requests.request(method, url, **kwargs)
        return transport.request(method, url, **kwargs)

    def get(self, url, params=None, **kwargs):
        return self._send("GET", url, params=params, **kwargs)

    def post(self, url, data=None, json=None, **kwargs):
        return self._send("POST", url, data=data, json=json, **kwargs)


def _install_transport() -> None:
    for module in (_google_module, _libre_module):
        if not isinstance(getattr(module, "requests", None), _RequestsThroughTransport):
            module.requests = _RequestsThroughTransport()


_install_transport()


_ENGINE_FAILURES = (
    requests.RequestException,  # deadlines, refused or dropped connections, a body that is not JSON
    TooManyRequests, RequestError, ServerException, AuthorizationException,  # HTTP errors (not BaseError)
    BaseError,  # TranslationNotFound and the other answers deep-translator cannot use
    KeyError, ValueError,  # LibreTranslate JSON without "translatedText"
)
"""What deep-translator raises for a failed request."""

_WRONG_SHAPE = (TypeError, AttributeError, IndexError, RecursionError)
"""What deep-translator's parsing raises on an answer of another shape (`[1, 2]` or `42` where
LibreTranslate's `{"translatedText": ...}` belongs, JSON nested thousands deep): the answer's
fault when one arrived."""


class _Google(GoogleTranslator):
    """GoogleTranslator at another address (a mirror, a proxy, a test server) when given."""

    def __init__(self, base_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        if base_url:
            self._base_url = base_url


class DeepTranslatorEngine:
    def __init__(
        self,
        name: str = "google",
        *,
        url: str | None = None,
        api_key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 3,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        max_chars: int = MAX_CHARS,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        """`timeout`: seconds for each whole request (connecting and the complete answer)."""
        if name not in ENGINES:
            raise ValueError(_("unknown translator '{name}'; use one of {names}").format(name=name, names=", ".join(ENGINES)))
        if not timeout > 0:
            raise ValueError(_("--timeout must be a number of seconds above 0"))
        if name == "libre":
            if not url:
                raise ValueError(_("LibreTranslate needs the address of its server: --translator-url http://HOST:PORT/"))
            if not api_key:
                raise ValueError(_("LibreTranslate needs an API key: --api-key or {variable} "
                                   "(any non-empty value for a server that does not check keys)").format(variable=LIBRE_KEY_VARIABLE))
        self.name = name
        self.url = url
        self.api_key = api_key
        self.timeout = float(timeout)
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.max_backoff = max_backoff
        self.max_chars = min(max_chars, MAX_CHARS)
        self._sleep = sleep
        self._transport = _Transport(self.timeout, session)
        self._translators: dict[str, object] = {}

    @property
    def label(self) -> str:
        if self.name == "google" and not self.url:
            return "Google Translate"
        return _("{engine} at {address}").format(engine="Google Translate" if self.name == "google" else "LibreTranslate",
                                                 address=self.url)

    def _translator(self, lang: str):
        if lang not in self._translators:
            language = BY_CODE[lang]
            source = BY_CODE[DEFAULT]
            try:
                if self.name == "google":
                    translator = _Google(base_url=self.url, source=source.google_code, target=language.google_code)
                else:
                    url = self.url if self.url.endswith("/") else self.url + "/"
                    translator = LibreTranslator(source=source.libre_code, target=language.libre_code, api_key=self.api_key, custom_url=url)
            except BaseError as error:
                raise EngineError(self.label, _("cannot translate into {lang}: {problem}").format(
                    lang=lang, problem=error.message.strip().splitlines()[0])) from None
            self._translators[lang] = translator
        return self._translators[lang]

    def translate(self, text: str, lang: str) -> str:
        """`text` (shorter than `max_chars`) from Vietnamese into `lang`."""
        if len(text) >= self.max_chars:
            raise ValueError(f"{len(text)} characters: cut the text under {self.max_chars} before sending it")
        translator = self._translator(lang)
        token = _active_transport.set(self._transport)
        try:
            attempt = 0
            while True:
                self._transport.last_response = None
                try:
                    result = translator.translate(text)
                except _ENGINE_FAILURES as error:
                    failure = self._failure(error)
                    if not failure.retryable or attempt >= self.retries:
                        raise failure from error
                    self._sleep(self._delay(attempt))
                    attempt += 1
                    continue
                except _WRONG_SHAPE as error:
                    if self._transport.last_response is None:
                        raise  # no answer arrived: a bug, not the server's doing
                    raise EngineError(self.label, _("the answer is not a translation"), status=self._status(),
                                      answer=self._answer()) from error
                if not isinstance(result, str) or not result.strip():
                    raise EngineError(self.label, _("answered without a translation"), status=self._status(), answer=self._answer())
                return result
        finally:
            _active_transport.reset(token)

    def _status(self) -> int | None:
        response = self._transport.last_response
        return response.status_code if response is not None else None

    def _answer(self) -> str:
        """The server's answer, shortened, as one line of printable text for a message."""
        response = self._transport.last_response
        if response is None:
            return ""
        try:
            data = response.json()
            if isinstance(data, dict) and data.get("error"):
                return _one_line(str(data["error"]))
        except (ValueError, RecursionError):
            pass
        text = response.text
        if "html" in response.headers.get("Content-Type", ""):
            text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", text, flags=re.DOTALL | re.IGNORECASE)
        return _one_line(text)

    def _failure(self, error: Exception) -> EngineError:
        status = self._status()
        if isinstance(error, requests.Timeout):
            return EngineError(self.label, _("no complete answer within {seconds} s").format(seconds=_seconds(self.timeout)), retryable=True)
        if isinstance(error, AnswerTooLarge):
            return EngineError(self.label, _("answered more than {size}, which is no translation").format(size=_size(MAX_ANSWER_BYTES)))
        if isinstance(error, requests.exceptions.ChunkedEncodingError):
            return EngineError(self.label, _("the connection closed in the middle of the answer"), retryable=True)
        if isinstance(error, requests.ConnectionError):
            return EngineError(self.label, _("cannot connect, or the connection was closed before the answer "
                                             "({problem})").format(problem=type(error).__name__), retryable=True)
        if status is None:
            if isinstance(error, (KeyError, ValueError, BaseError)):
                return EngineError(self.label, _("unexpected answer ({problem})").format(problem=_one_line(f"{type(error).__name__}: {error}")))
            return EngineError(self.label, _("request failed: {problem}").format(problem=_one_line(f"{type(error).__name__}: {error}")))
        retryable = status == 429 or status >= 500
        if isinstance(error, TooManyRequests) or status == 429:
            problem = _("too many requests")
        elif isinstance(error, AuthorizationException) or status in (401, 403):
            problem = _("the API key was refused")
        elif isinstance(error, (RequestError, ServerException)) or not 200 <= status < 300:
            problem = _("the request failed")
        else:
            problem = _("no translation found in the answer ({problem})").format(problem=type(error).__name__)
        return EngineError(self.label, problem, status=status, answer=self._answer(), retryable=retryable)

    def _delay(self, attempt: int) -> float:
        response = self._transport.last_response
        if response is not None:
            retry_after = response.headers.get("Retry-After", "")
            if retry_after.strip().isdigit():
                return min(float(retry_after), self.max_backoff)
        return min(self.backoff * (2 ** attempt), self.max_backoff)


def _one_line(text: str) -> str:
    """`text` cleaned of control characters (a terminal must not obey a server) on one short line."""
    text = " ".join(clean_answer(text).split())
    return text if len(text) <= _ANSWER_EXCERPT else text[:_ANSWER_EXCERPT - 3] + "..."


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count % (1024 * 1024) == 0 else f"{count} bytes"


def _seconds(value: float) -> str:
    return f"{value:g}"
