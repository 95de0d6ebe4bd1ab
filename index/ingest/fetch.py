"""Fetching a URL: timeouts, one deadline for the whole fetch, a size cap, a
clear user agent, redirects followed (to http and https only, at most
MAX_REDIRECTS), the content type checked, gzip read within the cap. Failures
are one sentence naming the URL."""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.decode import gunzip

USER_AGENT = "hollywood-ai/0.1 (terminal news reader; +https://pypi.org/project/hollywood-ai/)"
TIMEOUT = 15.0  # the longest wait for the server, each time
DEADLINE = 30.0  # the longest a whole fetch may take: connecting, headers, redirects, body
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
MAX_BYTES = 5 * 1024 * 1024
WEB_SCHEMES = ("http", "https")
ACCEPTED = {
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",  # JSON Feeds are often served as plain JSON
}
PRIVATE_ADVICE = "add --allow-private to fetch them"


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    data: bytes
    # The validators of a conditional GET (see fetch's ``validators``).
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # the server answered 304: ``data`` is empty
    moved_to: str | None = None  # where permanent redirects (301, 308) all the way led


class _Watch:
    """The deadline of one fetch, over every connection it opens: when it
    passes, a timer shuts the connections down, so that no server can hold the
    fetch by sending a header line, a status byte or a redirect now and then."""

    def __init__(self, total: float) -> None:
        self.total = total
        self.ends = time.monotonic() + total
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(total, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.ends - time.monotonic()

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        """socket.create_connection, within the time left, the socket watched."""
        left = self.left()
        if left <= 0:
            raise TimeoutError("the deadline passed")
        wait = left if not isinstance(timeout, int | float) else min(timeout, left)
        sock = socket.create_connection(address, wait, source_address)
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, watch: _Watch, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = watch.connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, watch: _Watch, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = watch.connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPConnection, req, watch=self.watch)  # type: ignore[arg-type]


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: urllib.request.Request) -> Any:
        # The default context (certificates verified), as urllib's own handler makes it.
        return self.do_open(_HTTPSConnection, req, watch=self.watch)  # type: ignore[arg-type]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Every hop: http or https only, not seen before, within MAX_REDIRECTS,
    and (for a feed's pages) not to a private address."""

    def __init__(self, url: str, allow_private: bool) -> None:
        super().__init__()
        self.url = url
        self.allow_private = allow_private
        self.seen = {url}
        self.permanent: str | None = None  # the last hop, while every hop is permanent
        self._all_permanent = True

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri")
        self._all_permanent = self._all_permanent and code in (301, 308)
        self.permanent = None
        if location:
            try:
                target = urljoin(req.full_url, location.strip())
                scheme = urlsplit(target).scheme.lower()
            except ValueError:
                fp.close()
                raise HollywoodError(
                    f"{self.url} redirects to an address that is not valid; check the address"
                ) from None
            if scheme not in WEB_SCHEMES:
                fp.close()
                raise HollywoodError(
                    f"{self.url} redirects to a non-web address ({scheme[:20] or 'no scheme'}:); "
                    "only http and https are followed"
                )
            if target in self.seen:
                fp.close()
                raise HollywoodError(f"{self.url} redirects in a loop; check the address")
            if len(self.seen) > MAX_REDIRECTS:
                fp.close()
                raise HollywoodError(
                    f"{self.url} redirects more than {MAX_REDIRECTS} times; check the address"
                )
            self.seen.add(target)
            if self._all_permanent:
                self.permanent = target
            if not self.allow_private:
                _refuse_private(target, self.url)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def is_private_host(host: str) -> bool:
    """Does a host name resolve to a loopback, private, link-local or other
    address that is not on the public internet? A name that does not resolve
    is not: its fetch fails on its own."""
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    for *_, sockaddr in found:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            return True
    return False


def _refuse_private(url: str, shown: str) -> None:
    host = urlsplit(url).hostname or ""
    if host and is_private_host(host):
        where = shown if url == shown else f"{shown} (redirected to {url})"
        raise HollywoodError(
            f"{where} is on a private or local network address, and a feed's pages are "
            f"not fetched from those ({PRIVATE_ADVICE})"
        )


def check_url(url: str) -> None:
    """A web address that can be fetched, or one sentence saying why not."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError:
        raise HollywoodError(f"{url} is not a valid web address; check it") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise HollywoodError(f"{url} is not a web address; only http and https can be fetched")
    if not host:
        raise HollywoodError(f"{url} names no host; check the address")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise HollywoodError(
            f"{url} is not a valid web address: it holds a space or a control character "
            "(write a space as %20)"
        )


def fetch(
    url: str,
    timeout: float | None = None,
    max_bytes: int = MAX_BYTES,
    deadline: float | None = None,
    allow_private: bool = True,
    validators: tuple[str | None, str | None] | None = None,
) -> Fetched:
    """Fetch a URL. ``timeout`` (default TIMEOUT) bounds each wait for the
    server; ``deadline`` (default DEADLINE) bounds the whole fetch, redirects
    included, so that a server sending a byte now and then cannot hold the
    run. ``allow_private`` off refuses private and loopback hosts, at every hop.
    ``validators`` (an ETag and a Last-Modified from an earlier fetch) make it
    a conditional GET: a 304 comes back as ``not_modified``."""
    wait = TIMEOUT if timeout is None else timeout
    check_url(url)
    if not allow_private:
        _refuse_private(url, url)
    watch = _Watch(DEADLINE if deadline is None else deadline)
    try:
        return _open(url, wait, max_bytes, watch, allow_private, validators)
    except HollywoodError:
        raise
    except Exception as exc:
        raise _failure(exc, url, wait, watch) from None
    finally:
        watch.close()


def _open(
    url: str,
    wait: float,
    max_bytes: int,
    watch: _Watch,
    allow_private: bool,
    validators: tuple[str | None, str | None] | None = None,
) -> Fetched:
    etag, modified = validators or (None, None)
    conditional = {"If-None-Match": etag} if etag else {}
    if modified:
        conditional["If-Modified-Since"] = modified
    request = urllib.request.Request(
        url,
        headers=conditional
        | {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/feed+json,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip",
        },
    )
    redirects = _Redirects(url, allow_private)
    opener = urllib.request.build_opener(_HTTPHandler(watch), _HTTPSHandler(watch), redirects)
    try:
        response = opener.open(request, timeout=min(wait, watch.total))
    except urllib.error.HTTPError as exc:
        if exc.code != 304 or not conditional:
            raise
        exc.close()
        return Fetched(
            exc.geturl() or url, "", None, b"", etag, modified, True, redirects.permanent
        )
    with response:
        headers: Message = response.headers
        content_type = (headers.get_content_type() or "").lower()
        if content_type not in ACCEPTED:
            raise HollywoodError(
                f"{url} is not an article or a feed (the server sent {content_type or 'no content type'})"
            )
        length = headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise _too_large(url, max_bytes)
        data = _read_body(response, url, max_bytes, watch, wait)
        encoding = (headers.get("Content-Encoding") or "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            data = gunzip(data, url, max_bytes)
        elif encoding not in ("", "identity"):
            raise HollywoodError(
                f"{url} came compressed as {encoding[:20]}, which cannot be read; "
                "save the page and add the file"
            )
        return Fetched(
            response.geturl(),
            content_type,
            headers.get_content_charset(),
            data,
            etag=headers.get("ETag"),
            last_modified=headers.get("Last-Modified"),
            moved_to=redirects.permanent,
        )


def _read_body(response: Any, url: str, max_bytes: int, watch: _Watch, wait: float) -> bytes:
    """The body, read in chunks as they come, within the size cap and the
    deadline (each wait is cut to the time left)."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = watch.left()
        if left <= 0:
            raise _too_slow(url, watch, wait)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.settimeout(max(0.05, min(wait, left)))
        chunk = response.read1(CHUNK)
        if watch.expired:  # the connection was shut: what came is not the whole body
            raise _too_slow(url, watch, wait)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)


def _failure(exc: Exception, url: str, wait: float, watch: _Watch) -> HollywoodError:
    """One sentence for whatever stopped the fetch."""
    if watch.expired or watch.left() <= 0.05:
        return _too_slow(url, watch, wait)
    if isinstance(exc, urllib.error.HTTPError):
        return HollywoodError(
            f"{url} could not be fetched: the server answered {exc.code} {str(exc.reason)[:80]}"
        )
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            return _too_slow(url, watch, wait)
        return HollywoodError(
            f"{url} could not be reached ({reason}); check the address and the network"
        )
    if isinstance(exc, TimeoutError):
        return _too_slow(url, watch, wait)
    if isinstance(exc, http.client.LineTooLong):
        return HollywoodError(
            f"{url} could not be fetched: the server sent a header line over 64 KB"
        )
    if isinstance(exc, http.client.HTTPException) and "more than" in str(exc):
        return HollywoodError(f"{url} could not be fetched: the server sent too many headers")
    if isinstance(exc, http.client.RemoteDisconnected | http.client.IncompleteRead):
        return HollywoodError(f"{url} could not be fetched: the server closed the connection")
    if isinstance(exc, http.client.HTTPException):
        return HollywoodError(f"{url} could not be fetched: the server did not answer in HTTP")
    if isinstance(exc, ValueError | OSError):
        return HollywoodError(f"{url} could not be fetched ({exc})")
    raise exc


def _too_large(url: str, max_bytes: int) -> HollywoodError:
    return HollywoodError(
        f"{url} is larger than {max_bytes // 2**20} MB; save the article and add the file"
    )


def _too_slow(url: str, watch: _Watch, wait: float) -> HollywoodError:
    if watch.expired or watch.left() <= 0.05:
        return HollywoodError(
            f"{url} did not arrive in full within {round(watch.total, 1):g} s; try again later, "
            "or save the page and add the file"
        )
    return HollywoodError(f"{url} did not answer within {wait:g} s; try again later")
