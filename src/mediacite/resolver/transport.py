"""Sans-I/O plumbing: archive operations are generators of :class:`Call`, run by a driver.

Backends and the resolver never touch a client. They ``yield`` a :class:`Call` (an
``httpx.Request``, the budget it draws from, a parser and a size cap) and receive the parsed
value, or an :class:`~mediacite.errors.ArchiveError` thrown in when retries ran out.
:class:`Driver` runs such generators with a sync ``httpx.Client`` or an ``httpx.AsyncClient``
and owns everything the network layer must guarantee, identically for both:

* only the configured archive hosts are contacted (:class:`~mediacite.errors.BlockedHost`),
  and redirects are never followed by the client;
* each request first takes a slot from the shared :class:`~mediacite.resolver.limits.Limiter`;
* a 429 pauses the whole archive for the policy's pause, then retries;
* 5xx answers, timeouts, resets and unreadable bodies are retried with backoff (a request
  the archive rejects, :class:`~mediacite.errors.ArchiveRejected`, is not);
* bodies are streamed and cut at :attr:`Call.limit` bytes (the parser is told,
  :data:`TRUNCATED`); a request may take :attr:`~mediacite.resolver.limits.Policy.request_timeout`
  seconds in all, connect to last byte, not per read;
* the archive is given up on (every later call fails at once, with the reason) after
  sustained failures (:meth:`~mediacite.resolver.limits.Policy.gives_up`), after repeated
  connection failures before any success (DNS, refused), or when the run's deadline
  (:meth:`Driver.start`) would pass before the next request;
* when attempts run out the error is thrown into the generator, which decides what it means.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

import anyio
import attrs
import httpx

from mediacite._version import version
from mediacite.errors import (
    ArchiveError,
    ArchiveRejected,
    ArchiveTimeout,
    ArchiveUnavailable,
    BlockedHost,
    RateLimited,
)
from mediacite.resolver.limits import (
    MAX_INDEX_BYTES,
    MAX_PLAYBACK_BYTES,
    Bucket,
    Limiter,
    Policy,
    VirtualClock,
)

__all__ = ["TRUNCATED", "USER_AGENT", "Call", "Driver", "Operation", "host_of", "perform"]

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger("mediacite.resolver")
log.addHandler(logging.NullHandler())  # a library logs only where its user asked it to

USER_AGENT = f"mediacite/{version()} (citation resolver; +https://pypi.org/project/mediacite/)"
"""The User-Agent sent with every archive request."""

TRUNCATED = "mediacite.truncated"
"""Key of ``httpx.Response.extensions`` that is True when the body was cut at the cap."""


@attrs.frozen
class Call(Generic[T]):
    """One archive request: what to send, which budget it uses, and how to read the answer.

    ``parse`` receives every response that is not a 429 or a 5xx (3xx and 4xx included) and
    raises :class:`~mediacite.errors.ArchiveResponseError` when the body cannot be read.
    ``limit`` caps the body in bytes (default: :data:`~mediacite.resolver.limits.MAX_INDEX_BYTES`
    for searches, :data:`~mediacite.resolver.limits.MAX_PLAYBACK_BYTES` for playbacks).
    """

    request: httpx.Request
    bucket: Bucket
    parse: Callable[[httpx.Response], T]
    limit: int | None = None

    @property
    def max_bytes(self) -> int:
        """The body size cap of this call."""
        if self.limit is not None:
            return self.limit
        return MAX_INDEX_BYTES if self.bucket == "search" else MAX_PLAYBACK_BYTES


Operation = Generator[Any, Any, R]
"""A generator that yields :class:`Call` objects (and possibly other events) and returns R."""


def perform(call: Call[T]) -> Generator[Call[T], Any, T]:
    """Send ``call`` from inside an operation and return its parsed value, typed.

    Use as ``value = yield from perform(call)``.
    """
    value: T = yield call
    return value


def host_of(url: str | httpx.URL) -> str:
    """Return ``host[:port]`` of a URL, lower-cased, the unit the allow-list works in."""
    parsed = httpx.URL(str(url))
    host = parsed.host.lower()
    return f"{host}:{parsed.port}" if parsed.port else host


_CONNECT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol)
"""Failures before any byte reached the archive: DNS, refused connections, no route."""


@attrs.define
class Driver:
    """Runs archive operations against one archive with a sync or an async client.

    ``hosts`` is the allow-list (``host[:port]``); ``key`` names the archive in the limiter.
    Call :meth:`start` before a run to set its deadline and forget earlier failures.
    """

    hosts: frozenset[str]
    key: str
    policy: Policy
    limiter: Limiter
    user_agent: str = USER_AGENT
    requests_sent: int = 0
    deadline: float | None = None
    _started_real: float = attrs.field(factory=time.monotonic, init=False)
    _started_clock: float = attrs.field(default=0.0, init=False)
    _failures: int = attrs.field(default=0, init=False)
    _failing_since: float | None = attrs.field(default=None, init=False)
    _last_error: ArchiveError | None = attrs.field(default=None, init=False)
    _connect_failures: int = attrs.field(default=0, init=False)
    _succeeded: bool = attrs.field(default=False, init=False)
    _gave_up: ArchiveError | None = attrs.field(default=None, init=False)

    def __attrs_post_init__(self) -> None:
        self.start(self.deadline)

    def start(self, deadline: float | None = None) -> None:
        """Begin a run that must end within ``deadline`` seconds (``None``: no deadline)."""
        self.deadline = deadline
        self._started_real = time.monotonic()
        self._started_clock = self.limiter.clock.now()
        self._failures = self._connect_failures = 0
        self._failing_since = self._last_error = None
        self._succeeded = False
        self._gave_up = None

    def elapsed(self) -> float:
        """Seconds since :meth:`start`: real time, plus the waits of a virtual clock."""
        real = time.monotonic() - self._started_real
        if isinstance(self.limiter.clock, VirtualClock):
            return real + self.limiter.clock.now() - self._started_clock
        return real

    def remaining(self) -> float:
        """Seconds left before the run's deadline (infinite without one)."""
        return math.inf if self.deadline is None else self.deadline - self.elapsed()

    @property
    def gave_up(self) -> str | None:
        """Why this archive was given up on in the current run, if it was."""
        return str(self._gave_up) if self._gave_up is not None else None

    def _prepare(self, call: Call[Any]) -> httpx.Request:
        request = call.request
        if host_of(request.url) not in self.hosts:
            raise BlockedHost(
                f"refusing to contact {request.url.host}: not a configured archive host "
                f"({', '.join(sorted(self.hosts))})"
            )
        request.headers["User-Agent"] = self.user_agent
        return request

    def _judge(self, call: Call[T], response: httpx.Response) -> T:
        """Return the parsed answer, or raise the error that makes this attempt a failure."""
        status = response.status_code
        if status == 429:
            pause = self.policy.pause_on_429
            self.limiter.pause(self.key, pause)
            log.info("%s answered 429: pausing every request to it for %g s", self.key, pause)
            raise RateLimited(
                f"{self.key} answered 429 Too Many Requests", status=status, retry_after=pause
            )
        if status >= 500:
            raise ArchiveUnavailable(
                f"{self.key} answered {status} for {response.request.url}", status=status
            )
        try:
            return call.parse(response)
        except ArchiveError as exc:
            exc.status = exc.status if exc.status is not None else status
            raise

    def _transport_error(self, call: Call[Any], exc: httpx.RequestError) -> ArchiveError:
        if isinstance(exc, httpx.TimeoutException):
            return ArchiveTimeout(f"{self.key} did not answer in time ({exc})")
        return ArchiveUnavailable(f"{self.key} failed: {type(exc).__name__}: {exc}")

    def _backoff_until(self, attempt: int, error: ArchiveError) -> float:
        if isinstance(error, RateLimited):
            return self.limiter.paused_until(self.key)
        return self.limiter.clock.now() + self.policy.delay(attempt)

    def _give_up(self, error: ArchiveError) -> ArchiveError:
        if self._gave_up is None:
            self._gave_up = error
            log.warning("%s", error)
        return self._gave_up

    def _stopped(self) -> ArchiveError:
        """A fresh copy of the give-up error, for one more call that cannot be made."""
        reason = self._gave_up
        assert reason is not None
        copy = type(reason)(str(reason), status=reason.status, retry_after=reason.retry_after)
        return copy

    def _check_wait(self, until: float) -> None:
        """Give up rather than wait until ``until`` past the deadline or a sustained outage."""
        if self._gave_up is not None:
            raise self._stopped()
        wait = max(until - self.limiter.clock.now(), 0.0)
        if wait >= self.remaining() or self.remaining() <= 0:
            raise self._give_up(
                ArchiveTimeout(f"the run's deadline of {self.deadline:g} s was reached")
            )
        since = self._failing_since
        if since is not None and self.policy.gives_up(self._failures, until - since):
            last = self._last_error
            kind = RateLimited if isinstance(last, RateLimited) else ArchiveUnavailable
            over = self.limiter.clock.now() - since
            raise self._give_up(
                kind(
                    f"gave up on {self.key} after {self._failures} failed requests in a row "
                    f"over {over:.0f} s (last: {last})"
                )
            )

    def _failed(self, error: ArchiveError, answer: Any, sent_at: float) -> None:
        """Count a failed request (sent at ``sent_at``); give up on repeated connect failures."""
        self._failures += 1
        self._last_error = error
        if self._failing_since is None:
            self._failing_since = sent_at
        if isinstance(answer, _CONNECT_ERRORS):
            self._connect_failures += 1
            if not self._succeeded and self._connect_failures >= self.policy.connect_attempts:
                raise self._give_up(ArchiveUnavailable(f"cannot reach {self.key}: {answer}"))

    def _answered(self) -> None:
        self._failures = self._connect_failures = 0
        self._failing_since = self._last_error = None
        self._succeeded = True

    def _attempts(self, call: Call[T]) -> Generator[_Sleep | _Send, Any, T]:
        """The retry loop of one call, without I/O: it yields sleeps and sends.

        A send is answered with the ``httpx.Response`` or the ``httpx.RequestError``; the
        loop returns the parsed value or raises the last :class:`ArchiveError`, with the
        archive and URL filled in.
        """
        request = self._prepare(call)
        rate = self.policy.rate(call.bucket)
        error: ArchiveError | None = None
        for attempt in range(1, self.policy.max_attempts + 1):
            if self._gave_up is not None:
                raise self._located(self._stopped(), request)
            try:
                while True:
                    slot = self.limiter.reserve(self.key, call.bucket, rate)
                    self._check_wait(slot)
                    yield _Sleep(slot)
                    if self.limiter.paused_until(self.key) <= self.limiter.clock.now():
                        break
            except ArchiveError as exc:
                raise self._located(exc, request) from None
            self.requests_sent += 1
            sent_at = self.limiter.clock.now()
            budget = min(self.policy.request_timeout, self.remaining())
            answer = yield _Send(request, call.max_bytes, budget)
            try:
                if isinstance(answer, httpx.RequestError):
                    raise self._transport_error(call, answer)
                value = self._judge(call, answer)
            except ArchiveRejected as exc:
                self._answered()
                raise self._located(exc, request) from None
            except ArchiveError as exc:
                error = exc
                log.debug("%s %s failed: %s", request.method, request.url, exc)
                try:
                    self._failed(exc, answer, sent_at)
                except ArchiveError as stop:
                    raise self._located(stop, request) from None
            else:
                self._answered()
                return value
            if attempt < self.policy.max_attempts:
                until = self._backoff_until(attempt, error)
                try:
                    self._check_wait(until)
                except ArchiveError as exc:
                    raise self._located(exc, request) from None
                yield _Sleep(until)
        assert error is not None
        raise self._located(error, request)

    def _located(self, error: ArchiveError, request: httpx.Request) -> ArchiveError:
        error.archive = error.archive or self.key
        error.url = error.url or str(request.url)
        return error

    def _steps(
        self, operation: Operation[R], on_event: Callable[[Any], None]
    ) -> Generator[_Sleep | _Send, Any, R]:
        """All of ``operation`` as sleeps and sends: its calls, each through the retry loop.

        A call's parsed value, or the :class:`ArchiveError` it ended with, goes back into the
        operation; its other yields (events) go to ``on_event``.
        """
        calls = _calls(operation, on_event)
        outcome: Any = None
        while True:
            try:
                call = calls.send(outcome)
            except StopIteration as stop:
                result: R = stop.value
                return result
            try:
                outcome = yield from self._attempts(call)
            except ArchiveError as exc:
                outcome = exc

    def run(
        self,
        client: httpx.Client | None,
        operation: Operation[R],
        on_event: Callable[[Any], None] = lambda event: None,
    ) -> R:
        """Run ``operation`` to completion with a sync client; events go to ``on_event``."""
        steps = self._steps(operation, on_event)
        answer: Any = None
        while True:
            try:
                step = steps.send(answer)
            except StopIteration as stop:
                result: R = stop.value
                return result
            answer = None
            if isinstance(step, _Sleep):
                self.limiter.clock.sleep_until(step.until)
                continue
            answer = _send_sync(_needs(client), step)

    async def arun(
        self,
        client: httpx.AsyncClient | None,
        operation: Operation[R],
        on_event: Callable[[Any], None] = lambda event: None,
    ) -> R:
        """Async twin of :meth:`run` (the same steps, awaited)."""
        steps = self._steps(operation, on_event)
        answer: Any = None
        while True:
            try:
                step = steps.send(answer)
            except StopIteration as stop:
                result: R = stop.value
                return result
            answer = None
            if isinstance(step, _Sleep):
                await self.limiter.clock.asleep_until(step.until)
                continue
            answer = await _send_async(_needs(client), step)

    def send(self, client: httpx.Client, call: Call[T]) -> T:
        """Send one ``call`` with retries; return its parsed value or raise an ArchiveError."""
        return self.run(client, perform(call))

    async def asend(self, client: httpx.AsyncClient, call: Call[T]) -> T:
        """Async twin of :meth:`send`."""
        return await self.arun(client, perform(call))


@attrs.frozen
class _Sleep:
    """A step of the retry loop: wait until ``until`` on the limiter's clock."""

    until: float


@attrs.frozen
class _Send:
    """A step of the retry loop: send ``request``, read at most ``limit`` bytes in ``budget`` s.

    It is answered with the (re-built, fully read) response or the ``httpx.RequestError``.
    """

    request: httpx.Request
    limit: int
    budget: float


_ENCODING_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class _Body:
    """Collects a streamed body up to a cap and within a time budget."""

    def __init__(self, step: _Send) -> None:
        self.step = step
        self.parts: list[bytes] = []
        self.size = 0
        self.truncated = False
        self.started = time.monotonic()

    def add(self, chunk: bytes) -> bool:
        """Keep ``chunk``; return True when the cap is reached (stop reading)."""
        room = self.step.limit - self.size
        if len(chunk) > room:
            self.parts.append(chunk[:room])
            self.size += room
            self.truncated = True
            return True
        self.parts.append(chunk)
        self.size += len(chunk)
        if time.monotonic() - self.started > self.step.budget:
            raise _overtime(self.step)
        return False

    def response(self, response: httpx.Response) -> httpx.Response:
        """The response re-built around the body read (already decoded, so no encoding)."""
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() not in _ENCODING_HEADERS
        ]
        body = b"".join(self.parts)
        self.parts = []
        log.debug(
            "%s %s -> %s (%d bytes%s, %.2f s)",
            response.request.method,
            response.request.url,
            response.status_code,
            len(body),
            ", cut at the cap" if self.truncated else "",
            time.monotonic() - self.started,
        )
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=body,
            request=response.request,
            extensions={TRUNCATED: self.truncated},
        )


def _overtime(step: _Send) -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        f"the request took longer than {step.budget:.1f} s in all", request=step.request
    )


def _timed(step: _Send, configured: httpx.Timeout) -> httpx.Request:
    """The request with every timeout capped by the step's budget."""
    budget = max(step.budget, 0.001)
    limits = {
        name: min(value if value is not None else budget, budget)
        for name, value in configured.as_dict().items()
    }
    step.request.extensions = {**step.request.extensions, "timeout": limits}
    return step.request


def _send_sync(client: httpx.Client, step: _Send) -> httpx.Response | httpx.RequestError:
    body = _Body(step)
    try:
        response = client.send(_timed(step, client.timeout), stream=True, follow_redirects=False)
        try:
            for chunk in response.iter_bytes():
                if body.add(chunk):
                    break
        finally:
            response.close()
    except (httpx.TransportError, httpx.DecodingError) as exc:
        return exc
    return body.response(response)


async def _send_async(
    client: httpx.AsyncClient, step: _Send
) -> httpx.Response | httpx.RequestError:
    body = _Body(step)
    try:
        with anyio.fail_after(max(step.budget, 0.001)):
            request = _timed(step, client.timeout)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                async for chunk in response.aiter_bytes():
                    if body.add(chunk):
                        break
            finally:
                await response.aclose()
    except TimeoutError:
        return _overtime(step)
    except (httpx.TransportError, httpx.DecodingError) as exc:
        return exc
    return body.response(response)


C = TypeVar("C")


def _needs(client: C | None) -> C:
    if client is None:
        raise TypeError("this archive needs an HTTP client")
    return client


def _calls(
    operation: Operation[R], on_event: Callable[[Any], None]
) -> Generator[Call[Any], Any, R]:
    """The calls of ``operation``, one at a time; events go to ``on_event``.

    Each call is answered with its parsed value or the :class:`ArchiveError` it ended with,
    which is thrown into the operation.
    """
    outcome: Any = None
    while True:
        try:
            if isinstance(outcome, ArchiveError):
                item = operation.throw(outcome)
            else:
                item = operation.send(outcome)
        except StopIteration as stop:
            result: R = stop.value
            return result
        outcome = None
        if isinstance(item, Call):
            outcome = yield item
        else:
            on_event(item)
