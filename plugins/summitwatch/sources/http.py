"""HTTP fetching: polite, bounded, safe requests.

One ``HttpClient`` per fetch run, shared by its worker threads. Every request:

- identifies itself (``User-Agent`` with a contact URL) and asks for gzip;
- checks the URL (``safety.check_url``) before each redirect hop and the
  address it actually connected to afterwards;
- waits for a slot of its host (``politeness.HostLimiter``);
- has a connect and a read timeout, and a deadline for the whole response
  (``deadline_s``, from before the connection to the last body byte): every
  network read and write of the request waits at most until the deadline
  (``_DeadlineBackend``), so a server that drips its headers or its body one
  byte at a time is cut off on time and gives its host slot back;
- decompresses the body itself, in bounded steps, so the size cap counts
  decoded bytes and a gzip bomb stops at the cap without ever inflating;
- follows at most ``max_redirects`` redirects and names a loop as a loop;
- is retried on timeouts, connection errors, 5xx and 429 with exponential
  backoff and jitter; ``Retry-After`` is honoured up to a cap.

Responses of any status come back as ``Response`` (the caller decides what
304, 404 or 403 mean); what produced no response raises ``FetchError`` with
the facts the fetch log needs, or ``UnsafeURL``.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, BinaryIO

import httpcore
import httpx

from summitwatch.sources.politeness import HostLimiter, backoff_delay, origin, parse_retry_after
from summitwatch.sources.safety import check_peer, check_url
from summitwatch.sources.settings import USER_AGENT, FetchSettings

__all__ = ["USER_AGENT", "FetchError", "HttpClient", "Response"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 64 * 1024


class FetchError(RuntimeError):
    """A request that produced no usable response; the message says why."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        attempts: int = 1,
        bytes_read: int = 0,
        duration_ms: int = 0,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.attempts = attempts
        self.bytes_read = bytes_read
        self.duration_ms = duration_ms
        self.retry_after_s = retry_after_s


class _Retryable(FetchError):
    """A failure worth another attempt (timeout, dropped connection)."""


# The deadline of the request the current thread is making (monotonic seconds; None: none).
# httpx's sync client runs a request's network I/O in the calling thread, and one
# connection serves one request at a time, so the thread's deadline is the stream's.
_request_deadline = threading.local()


def _bounded(timeout: float | None) -> float | None:
    """``timeout`` cut to what is left of the current request's deadline."""
    deadline: float | None = getattr(_request_deadline, "at", None)
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """The default sync backend, with every wait cut to the current request's deadline."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(host, port, _bounded(timeout), local_address, socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


@dataclass(frozen=True)
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    duration_ms: int
    attempts: int = 1
    retry_after_s: float | None = None


class _BodyReader:
    """Reads a streamed body with its own bounded decompression."""

    def __init__(self, content_encoding: str, max_bytes: int, sink: BinaryIO | None = None) -> None:
        self.max_bytes = max_bytes
        self.body = bytearray()
        self.sink = sink  # a download goes to this file instead of memory
        self.size = 0
        encoding = content_encoding.strip().lower()
        if encoding in ("", "identity"):
            self._inflater: Any = None
        elif encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
        else:
            raise FetchError(f"unsupported Content-Encoding {content_encoding!r} (we ask for gzip only)")

    def _append(self, data: bytes) -> None:
        self.size += len(data)
        if self.sink is not None:
            self.sink.write(data)
        else:
            self.body.extend(data)
        if self.size > self.max_bytes:
            raise FetchError(f"response larger than {self.max_bytes} bytes (after decompression)")

    def feed(self, chunk: bytes) -> None:
        if self._inflater is None:
            self._append(chunk)
            return
        try:
            # max_length bounds each step: a 64 KiB chunk of a bomb never becomes 64 MiB in memory.
            data = self._inflater.decompress(chunk, self.max_bytes - self.size + 1)
            self._append(data)
            while self._inflater.unconsumed_tail:
                tail = self._inflater.unconsumed_tail
                self._append(self._inflater.decompress(tail, self.max_bytes - self.size + 1))
        except zlib.error as exc:
            raise FetchError(f"corrupt compressed body: {exc}") from exc


@dataclass(frozen=True)
class _Transfer:
    """Limits of one GET (and where its body goes)."""

    max_bytes: int
    deadline_s: float
    sink: BinaryIO | None = None


class HttpClient:
    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        limiter: HostLimiter | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.limiter = limiter or HostLimiter(
            concurrency=self.settings.per_host_concurrency, interval_s=self.settings.per_host_interval_s
        )
        limits = httpx.Limits(max_connections=max(16, self.settings.workers * 2))
        if transport is None:
            deadline_transport = httpx.HTTPTransport(limits=limits, trust_env=False)
            # httpx takes no network backend of its own; its connection pool does.
            deadline_transport._pool._network_backend = _DeadlineBackend()
            transport = deadline_transport
        # trust_env=False: no proxy from the environment, so the address we check is the one we reach.
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout_s, connect=self.settings.connect_timeout_s),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        allow_private_network: bool = False,
        max_bytes: int | None = None,
        accept: str | None = None,
        sink: BinaryIO | None = None,
        deadline_s: float | None = None,
    ) -> Response:
        """GET with retries. Raises ``UnsafeURL`` (nothing was sent) or ``FetchError``.

        With ``sink`` (a file opened for writing) the body is written there instead of kept
        in memory (``Response.body`` is empty), for downloads larger than a page;
        ``deadline_s`` then replaces the whole-response deadline."""
        s = self.settings
        transfer = _Transfer(max_bytes or s.max_bytes, deadline_s or s.deadline_s, sink)
        headers = {"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"}
        if accept:
            headers["Accept"] = accept
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            if sink is not None:
                sink.seek(0)
                sink.truncate()
            try:
                response = self._get_following_redirects(url, headers, allow_private_network, transfer)
            except _Retryable as exc:
                if attempt >= s.max_attempts:
                    raise FetchError(
                        f"{exc} (after {attempt} attempts)",
                        attempts=attempt,
                        duration_ms=_ms_since(started),
                    ) from exc
                time.sleep(backoff_delay(attempt, base_s=s.backoff_base_s, max_s=s.backoff_max_s))
                continue
            except FetchError as exc:
                exc.attempts, exc.duration_ms = attempt, _ms_since(started)
                raise
            status, body, response_headers, final_url = response
            retry_after = parse_retry_after(response_headers.get("retry-after"))
            if status in RETRY_STATUSES:
                if retry_after is not None and retry_after > s.max_retry_after_s:
                    self.limiter.pause(origin(final_url), s.max_retry_after_s)
                    raise FetchError(
                        f"HTTP {status} with Retry-After {retry_after:.0f}s, longer than the "
                        f"{s.max_retry_after_s:.0f}s we wait in a run; source backs off",
                        status=status,
                        attempts=attempt,
                        bytes_read=len(body),
                        duration_ms=_ms_since(started),
                        retry_after_s=retry_after,
                    )
                if attempt < s.max_attempts:
                    if retry_after is not None:
                        wait = retry_after
                        self.limiter.pause(origin(final_url), wait)
                    else:
                        wait = backoff_delay(attempt, base_s=s.backoff_base_s, max_s=s.backoff_max_s)
                    time.sleep(wait)
                    continue
            return Response(
                url=url,
                final_url=final_url,
                status=status,
                body=body,
                etag=response_headers.get("etag"),
                last_modified=response_headers.get("last-modified"),
                content_type=response_headers.get("content-type"),
                duration_ms=_ms_since(started),
                attempts=attempt,
                retry_after_s=retry_after,
            )

    def _get_following_redirects(
        self, url: str, headers: dict[str, str], allow_private_network: bool, transfer: _Transfer
    ) -> tuple[int, bytes, httpx.Headers, str]:
        current = url
        visited: set[str] = set()
        for _hop in range(self.settings.max_redirects + 1):
            if current in visited:
                raise FetchError(f"redirect loop: {current} was already visited")
            visited.add(current)
            check_url(current, allow_private_network=allow_private_network)
            with self.limiter.slot(origin(current)):
                status, body, response_headers, location = self._send_once(
                    "GET", current, headers, allow_private_network, transfer
                )
            if location is None:
                return status, body, response_headers, current
            current = location
        raise FetchError(f"more than {self.settings.max_redirects} redirects (last: {current})")

    def post_json(
        self,
        url: str,
        document: object,
        *,
        headers: dict[str, str] | None = None,
        allow_private_network: bool = False,
        max_bytes: int = 64 * 1024,
    ) -> Response:
        """POST ``document`` as JSON, once: no retries and no redirects (a 3xx comes back as is).

        The same URL and peer checks as a GET. Raises ``UnsafeURL`` (nothing was
        sent) or ``FetchError``; the caller decides what a status means and when
        to try again.
        """
        started = time.monotonic()
        check_url(url, allow_private_network=allow_private_network)
        sent_headers = {
            "User-Agent": self.settings.user_agent,
            "Content-Type": "application/json; charset=utf-8",
            **(headers or {}),
        }
        content = json.dumps(document, ensure_ascii=False).encode("utf-8")
        try:
            with self.limiter.slot(origin(url)):
                status, body, response_headers, _location = self._send_once(
                    "POST",
                    url,
                    sent_headers,
                    allow_private_network,
                    _Transfer(max_bytes, self.settings.deadline_s),
                    content=content,
                )
        except FetchError as exc:
            exc.duration_ms = _ms_since(started)
            raise
        return Response(
            url=url,
            final_url=url,
            status=status,
            body=body,
            etag=None,
            last_modified=None,
            content_type=response_headers.get("content-type"),
            duration_ms=_ms_since(started),
        )

    def _send_once(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        allow_private_network: bool,
        transfer: _Transfer,
        *,
        content: bytes | None = None,
    ) -> tuple[int, bytes, httpx.Headers, str | None]:
        deadline = time.monotonic() + transfer.deadline_s
        _request_deadline.at = deadline
        try:
            with self._client.stream(method, url, headers=headers, content=content) as response:
                stream = response.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                if peer:
                    check_peer(url, str(peer[0]), allow_private_network=allow_private_network)
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    return (
                        response.status_code,
                        b"",
                        response.headers,
                        str(response.url.join(response.headers["location"])),
                    )
                reader = _BodyReader(
                    response.headers.get("content-encoding", ""), transfer.max_bytes, transfer.sink
                )
                for chunk in response.iter_raw(_CHUNK):
                    reader.feed(chunk)
                    if time.monotonic() > deadline:
                        raise FetchError(
                            f"response not complete within {transfer.deadline_s:g}s "
                            f"({reader.size} bytes so far)"
                        )
                return response.status_code, bytes(reader.body), response.headers, None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchError(
                    f"response not complete within {transfer.deadline_s:g}s (deadline, "
                    "counted from the connection on)"
                ) from exc
            raise _Retryable(f"timed out ({type(exc).__name__}, limit {self.settings.timeout_s:g}s)") from exc
        except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
            raise _Retryable(f"connection failed: {type(exc).__name__}: {exc}") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            _request_deadline.at = None


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
