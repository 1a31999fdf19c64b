"""Sans-I/O plumbing: archive operations are generators of :class:`Call`, run by a driver.

Backends and the resolver never touch a client. They ``yield`` a :class:`Call` (an
``httpx.Request``, the budget it draws from and a parser) and receive the parsed value, or an
:class:`~mediacite.errors.ArchiveError` thrown in when retries ran out. :class:`Driver` runs
such generators with a sync ``httpx.Client`` or an ``httpx.AsyncClient`` and owns everything
the issue asks of the network layer, identically for both:

* only the configured archive hosts are contacted (:class:`~mediacite.errors.BlockedHost`),
  and redirects are never followed by the client;
* each request first takes a slot from the shared :class:`~mediacite.resolver.limits.Limiter`;
* a 429 pauses the whole archive for the policy's pause, then retries;
* 5xx answers, timeouts, resets and unreadable bodies are retried with backoff (a request
  the archive rejects, :class:`~mediacite.errors.ArchiveRejected`, is not);
* when attempts run out the error is thrown into the generator, which decides what it means.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

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
from mediacite.resolver.limits import Bucket, Limiter, Policy

__all__ = ["USER_AGENT", "Call", "Driver", "Operation", "host_of", "perform"]

T = TypeVar("T")
R = TypeVar("R")

USER_AGENT = f"mediacite/{version()} (citation resolver; +https://pypi.org/project/mediacite/)"
"""The User-Agent sent with every archive request."""


@attrs.frozen
class Call(Generic[T]):
    """One archive request: what to send, which budget it uses, and how to read the answer.

    ``parse`` receives every response that is not a 429 or a 5xx (3xx and 4xx included) and
    raises :class:`~mediacite.errors.ArchiveResponseError` when the body cannot be read.
    """

    request: httpx.Request
    bucket: Bucket
    parse: Callable[[httpx.Response], T]


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


@attrs.define
class Driver:
    """Runs archive operations against one archive with a sync or an async client.

    ``hosts`` is the allow-list (``host[:port]``); ``key`` names the archive in the limiter.
    """

    hosts: frozenset[str]
    key: str
    policy: Policy
    limiter: Limiter
    user_agent: str = USER_AGENT
    requests_sent: int = 0

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

    def _transport_error(self, call: Call[Any], exc: httpx.TransportError) -> ArchiveError:
        url = call.request.url
        if isinstance(exc, httpx.TimeoutException):
            return ArchiveTimeout(f"{self.key} did not answer in time for {url}")
        return ArchiveUnavailable(f"{self.key} failed for {url}: {type(exc).__name__}: {exc}")

    def _backoff_until(self, attempt: int, error: ArchiveError) -> float:
        if isinstance(error, RateLimited):
            return self.limiter.paused_until(self.key)
        return self.limiter.clock.now() + self.policy.delay(attempt)

    def _attempts(self, call: Call[T]) -> Generator[_Sleep | _Send, Any, T]:
        """The retry loop of one call, without I/O: it yields sleeps and sends.

        A send is answered with the ``httpx.Response`` or the ``httpx.TransportError``; the
        loop returns the parsed value or raises the last :class:`ArchiveError`, with the
        archive and URL filled in.
        """
        request = self._prepare(call)
        rate = self.policy.rate(call.bucket)
        error: ArchiveError = ArchiveUnavailable(f"{self.key}: no attempt made")
        for attempt in range(1, self.policy.max_attempts + 1):
            while True:
                yield _Sleep(self.limiter.reserve(self.key, call.bucket, rate))
                if self.limiter.paused_until(self.key) <= self.limiter.clock.now():
                    break
            self.requests_sent += 1
            answer = yield _Send(request)
            try:
                if isinstance(answer, httpx.TransportError):
                    raise self._transport_error(call, answer)
                return self._judge(call, answer)
            except ArchiveRejected as exc:
                raise self._located(exc, request) from None
            except ArchiveError as exc:
                error = exc
            if attempt < self.policy.max_attempts:
                yield _Sleep(self._backoff_until(attempt, error))
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
            try:
                answer = _needs(client).send(step.request, follow_redirects=False)
            except httpx.TransportError as exc:
                answer = exc

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
            try:
                answer = await _needs(client).send(step.request, follow_redirects=False)
            except httpx.TransportError as exc:
                answer = exc

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
    """A step of the retry loop: send ``request`` and answer with the response or the error."""

    request: httpx.Request


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
