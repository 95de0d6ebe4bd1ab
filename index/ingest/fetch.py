"""Fetching a URL: timeouts, a size cap, a clear user agent, redirects
followed, the content type checked. Failures are one sentence naming the URL."""

from __future__ import annotations

import contextlib
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any

from hollywood_ai.index.errors import HollywoodError

USER_AGENT = "hollywood-ai/0.1 (terminal news reader; +https://pypi.org/project/hollywood-ai/)"
TIMEOUT = 15.0  # the longest wait for the server, each time
DEADLINE = 30.0  # the longest a whole fetch may take
CHUNK = 64 * 1024
MAX_BYTES = 5 * 1024 * 1024
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


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    charset: str | None
    data: bytes


def fetch(
    url: str,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    deadline: float | None = None,
) -> Fetched:
    """Fetch a URL. ``timeout`` bounds each wait for the server; ``deadline``
    (default DEADLINE) bounds the whole fetch, so that a server sending a
    byte now and then cannot hold the run."""
    total = DEADLINE if deadline is None else deadline
    started = time.monotonic()
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/feed+json,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=min(timeout, total)) as response:
            headers: Message = response.headers
            content_type = (headers.get_content_type() or "").lower()
            if content_type not in ACCEPTED:
                raise HollywoodError(
                    f"{url} is not an article or a feed (the server sent {content_type or 'no content type'})"
                )
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise HollywoodError(
                    f"{url} is larger than {max_bytes // 2**20} MB; save the article and add the file"
                )
            data = _read_body(response, url, max_bytes, started, total, timeout)
            return Fetched(response.geturl(), content_type, headers.get_content_charset(), data)
    except HollywoodError:
        raise
    except urllib.error.HTTPError as exc:
        raise HollywoodError(
            f"{url} could not be fetched: the server answered {exc.code} {exc.reason}"
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.timeout | TimeoutError):
            raise _too_slow(url, started, timeout, total) from None
        raise HollywoodError(
            f"{url} could not be reached ({reason}); check the address and the network"
        ) from None
    except TimeoutError:
        raise _too_slow(url, started, timeout, total) from None
    except (ValueError, OSError) as exc:
        raise HollywoodError(f"{url} could not be fetched ({exc})") from None


def _read_body(
    response: Any, url: str, max_bytes: int, started: float, total: float, timeout: float
) -> bytes:
    """The body, read in chunks as they come, within the size cap and the
    deadline (each wait is cut to the time left)."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = total - (time.monotonic() - started)
        if left <= 0:
            raise _too_slow(url, started, timeout, total)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.settimeout(max(0.05, min(timeout, left)))
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise HollywoodError(
                f"{url} is larger than {max_bytes // 2**20} MB; save the article and add the file"
            )


def _too_slow(url: str, started: float, timeout: float, total: float) -> HollywoodError:
    if time.monotonic() - started >= total - 0.05:
        return HollywoodError(
            f"{url} did not arrive in full within {total:g} s; try again later, "
            "or save the page and add the file"
        )
    return HollywoodError(f"{url} did not answer within {timeout:g} s; try again later")
