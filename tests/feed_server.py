"""A feed server on 127.0.0.1 for the tests: each path serves what the test
sets, and changes when the test changes it (new entries, an edited entry,
ETag and 304, failing, slow, redirects, a 301 move)."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = (
    "Studios in Burbank now test synthetic voices for minor roles, and the union asked "
    "for talks about consent, pay and credits before the next season of the series begins."
)


def entry_text(n: int, extra: str = "") -> str:
    """A paragraph long enough to be a whole article (no page is fetched)."""
    return " ".join(f"{WORDS} Report {n} adds detail {k} on story {n}. {extra}" for k in range(12))


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of (title, link, text) entries."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        for t, link, text in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link>{body}</channel></rss>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    location: str | None = None
    delay: float = 0.0  # seconds before the answer
    etag: bool = True  # send an ETag (and answer If-None-Match with 304)
    hits: list[str] = field(default_factory=list)  # the status of each answer


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._answer(self)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that went away is no test's concern

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, **kwargs: object) -> Route:
        with self.lock:
            route = self.routes.get(path) or Route()
            for key, value in kwargs.items():
                setattr(route, key, value)
            self.routes[path] = route
            return route

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            route = self.routes.get(handler.path.split("?")[0])
        if route is None:
            handler.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        if route.location:
            route.hits.append(str(route.status))
            handler.send_response(route.status)
            handler.send_header("Location", route.location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.status != 200:
            route.hits.append(str(route.status))
            handler.send_error(route.status)
            return
        if route.etag and handler.headers.get("If-None-Match") == tag:
            route.hits.append("304")
            handler.send_response(304)
            handler.send_header("ETag", tag)
            handler.end_headers()
            return
        route.hits.append("200")
        handler.send_response(200)
        handler.send_header("Content-Type", route.content_type)
        handler.send_header("Content-Length", str(len(route.body)))
        if route.etag:
            handler.send_header("ETag", tag)
        handler.end_headers()
        # A client may give up (a body past its size cap).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(route.body)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
