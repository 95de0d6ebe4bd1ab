"""Fetching a URL: timeouts, a size cap, a clear user agent, redirects
followed, the content type checked. Failures are one sentence naming the URL."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from hollywood_ai.index.errors import HollywoodError

USER_AGENT = "hollywood-ai/0.1 (terminal news reader; +https://pypi.org/project/hollywood-ai/)"
TIMEOUT = 15.0
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


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/feed+json,text/plain;q=0.9,*/*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
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
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise HollywoodError(
                    f"{url} is larger than {max_bytes // 2**20} MB; save the article and add the file"
                )
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
            raise HollywoodError(
                f"{url} did not answer within {timeout:.0f} s; try again later"
            ) from None
        raise HollywoodError(
            f"{url} could not be reached ({reason}); check the address and the network"
        ) from None
    except TimeoutError:
        raise HollywoodError(
            f"{url} did not answer within {timeout:.0f} s; try again later"
        ) from None
    except (ValueError, OSError) as exc:
        raise HollywoodError(f"{url} could not be fetched ({exc})") from None
