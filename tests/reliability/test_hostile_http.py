"""Hostile web servers, started by the tests on 127.0.0.1 (raw sockets, so
that they can break HTTP): slow headers, slow redirects, redirects to other
schemes and in loops, huge or garbage headers, dead and dripping feed
entries, private addresses in feeds, gzip, and a few unclear errors.

The deadlines are cut to a few seconds through the modules' constants
(fetch.TIMEOUT, fetch.DEADLINE, feeds.FEED_DEADLINE); each server gives up
on its own after SERVER_GIVES_UP seconds, so no test can hang."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hollywood_ai.index.adding import add
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest import feeds, fetch
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.settings import ALLOW_PRIVATE_ENV, private_feeds_allowed

EXE = str(Path(sys.executable).parent / "hollywood-ai")
TIMEOUT = 1.0  # each wait for the server, in these tests
DEADLINE = 2.0  # a whole fetch, in these tests
FEED_DEADLINE = 3.0  # a whole feed, in these tests
SERVER_GIVES_UP = 12.0  # a dripping server stops by then, whatever the client does
SLACK = 1.5  # what a deadline may be overrun by on a busy machine

# The real limits, read before the tests cut them.
REAL_LIMITS = (fetch.TIMEOUT, fetch.DEADLINE, feeds.FEED_DEADLINE, feeds.FEED_WORKERS)

WORDS = (
    "Studios now test synthetic voices for minor roles, and the union asked for talks "
    "about consent, pay and credits before the next season of the series begins."
)


def page(title: str, words: str = WORDS) -> bytes:
    paragraphs = "".join(f"<p>{words} Part {i} of {title}.</p>" for i in range(4))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def rss(entries: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of (title, link, summary) entries."""
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{s}</description></item>"
        for t, link, s in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>{items}</channel></rss>'.encode()


Handler = Callable[[socket.socket, str, threading.Event], None]


class Server:
    """A raw HTTP server: each path's handler writes what it likes to the socket."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[str] = []
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        conn.settimeout(SERVER_GIVES_UP)
        try:
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ")[1].decode("latin-1")
            self.requests.append(path)
            handler = self.routes.get(path.split("?")[0], not_found)
            handler(conn, path, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def answer(
    body: bytes, ctype: str = "text/html", extra: str = "", status: str = "200 OK"
) -> Handler:
    def handler(conn: socket.socket, path: str, stop: threading.Event) -> None:
        head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
        conn.sendall(head.encode("latin-1") + body)

    return handler


def not_found(conn: socket.socket, path: str, stop: threading.Event) -> None:
    answer(b"not found", "text/plain", status="404 Not Found")(conn, path, stop)


def drip(first: bytes, each: bytes, every: float) -> Handler:
    """``first``, then ``each`` every ``every`` seconds until the server gives up."""

    def handler(conn: socket.socket, path: str, stop: threading.Event) -> None:
        conn.sendall(first)
        ends = time.monotonic() + SERVER_GIVES_UP
        while time.monotonic() < ends and not stop.wait(every):
            conn.sendall(each)

    return handler


def hang(conn: socket.socket, path: str, stop: threading.Event) -> None:
    """Never answer; return when the client hangs up (or the server gives up)."""
    conn.settimeout(0.05)
    ends = time.monotonic() + SERVER_GIVES_UP
    while time.monotonic() < ends and not stop.is_set():
        try:
            if not conn.recv(1):
                return
        except TimeoutError:
            continue


def redirect(to: str, wait: float = 0.0) -> Handler:
    def handler(conn: socket.socket, path: str, stop: threading.Event) -> None:
        if wait:
            stop.wait(wait)
        head = f"HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        conn.sendall(head.encode())

    return handler


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def short_deadlines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", TIMEOUT)
    monkeypatch.setattr(fetch, "DEADLINE", DEADLINE)
    monkeypatch.setattr(feeds, "FEED_DEADLINE", FEED_DEADLINE)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace(tmp_path / "home")
    w.open()
    yield w
    w.close()


def timed(call: Callable[[], object]) -> float:
    started = time.monotonic()
    with pytest.raises(HollywoodError) as caught:
        call()
    elapsed = time.monotonic() - started
    assert "\n" not in str(caught.value)
    timed.message = str(caught.value)  # type: ignore[attr-defined]
    return elapsed


# ------------------------------------------------------------------ deadlines


def test_slow_headers_are_bounded_by_the_whole_deadline(server: Server):
    server.routes["/dripheader"] = drip(b"HTTP/1.1 200 OK\r\n", b"X-Slow: 1\r\n", 0.4)
    server.routes["/dripstatus"] = drip(b"H", b"T", 0.4)
    for path in ("/dripheader", "/dripstatus"):
        elapsed = timed(lambda p=path: fetch.fetch(server.base + p))
        assert elapsed < DEADLINE + SLACK, (path, elapsed)
        assert f"within {DEADLINE:g} s" in timed.message  # type: ignore[attr-defined]


def test_slow_redirect_hops_share_one_deadline(server: Server):
    for i in range(8):
        server.routes[f"/hop{i}"] = redirect(f"{server.base}/hop{i + 1}", wait=0.6)
    server.routes["/hop8"] = answer(page("Arrived"))
    elapsed = timed(lambda: fetch.fetch(server.base + "/hop0"))
    assert elapsed < DEADLINE + SLACK
    assert f"within {DEADLINE:g} s" in timed.message  # type: ignore[attr-defined]


def test_what_held_up_still_holds(server: Server):
    """A server that never answers fails in TIMEOUT; a body a byte at a time in DEADLINE."""
    assert REAL_LIMITS == (15.0, 30.0, 60.0, 4)
    server.routes["/hang"] = hang
    server.routes["/slowbody"] = drip(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>", b"x", 0.3
    )
    elapsed = timed(lambda: fetch.fetch(server.base + "/hang"))
    assert elapsed < TIMEOUT + SLACK and f"did not answer within {TIMEOUT:g} s" in timed.message  # type: ignore[attr-defined]
    elapsed = timed(lambda: fetch.fetch(server.base + "/slowbody"))
    assert elapsed < DEADLINE + SLACK and f"within {DEADLINE:g} s" in timed.message  # type: ignore[attr-defined]


def test_a_feed_of_dead_and_dripping_links_has_a_total_deadline(
    ws: Workspace, server: Server, monkeypatch: pytest.MonkeyPatch
):
    lock = threading.Lock()
    fetching = [0, 0]  # now, most at once
    real_fetch = fetch.fetch

    def counted(*args: object, **kwargs: object) -> fetch.Fetched:
        with lock:
            fetching[0] += 1
            fetching[1] = max(fetching)
        try:
            return real_fetch(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            with lock:
                fetching[0] -= 1

    monkeypatch.setattr(fetch, "fetch", counted)
    server.routes["/hang"] = hang
    server.routes["/drip"] = drip(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>", b"<p>x</p>", 0.3
    )
    entries = [(f"Dead {i}", f"{server.base}/hang?{i}", "") for i in range(10)]
    entries += [(f"Drip {i}", f"{server.base}/drip?{i}", "") for i in range(6)]
    server.routes["/feed.xml"] = answer(rss(entries), "application/rss+xml")
    started = time.monotonic()
    report = add(ws, [server.base + "/feed.xml"], allow_private=True)
    elapsed = time.monotonic() - started
    assert elapsed < FEED_DEADLINE + SLACK
    assert len(report.failed) == 16 and not report.added
    assert all("\n" not in f["error"] for f in report.failed)
    assert {f["input"] for f in report.failed} == {link for _, link, _ in entries}
    assert fetching[1] == feeds.FEED_WORKERS  # pages fetched four at a time, no more


# ------------------------------------------------------------------ security


def test_redirects_only_to_http_and_https(server: Server):
    ftp = socket.create_server(("127.0.0.1", 0))
    ftp.settimeout(0.5)
    try:
        port = ftp.getsockname()[1]
        server.routes["/to-ftp"] = redirect(f"ftp://127.0.0.1:{port}/file.html")
        server.routes["/to-file"] = redirect("file:///etc/passwd")
        for path in ("/to-ftp", "/to-file"):
            with pytest.raises(HollywoodError, match="only http and https") as caught:
                fetch.fetch(server.base + path)
            assert "\n" not in str(caught.value) and server.base + path in str(caught.value)
        with pytest.raises(OSError):  # nothing ever connected to the FTP port
            ftp.accept()
    finally:
        ftp.close()


def _private_feed(server: Server) -> None:
    server.routes["/page"] = answer(page("Private page"))
    summary = "A summary of the private page, short but with a few real words in it."
    server.routes["/feed.xml"] = answer(
        rss([("Private page", f"{server.base}/page", summary)]), "application/rss+xml"
    )


def test_feed_entries_are_not_fetched_from_private_addresses(ws: Workspace, server: Server):
    _private_feed(server)
    report = add(ws, [server.base + "/feed.xml"])
    assert "/page" not in server.requests
    warned = " ".join(w["warning"] for w in report.warnings)
    assert "private" in warned and "--allow-private" in warned
    # The summary is kept; the page the user types is fetched as asked.
    assert [a["title"] for a in report.added] == ["Private page"]
    assert "summary of the private page" in ws.get(report.added[0]["id"]).body
    typed = add(ws, [server.base + "/page"])
    assert not typed.failed and "/page" in server.requests


def test_a_feed_page_redirecting_to_a_private_address_is_refused(
    ws: Workspace, server: Server, monkeypatch: pytest.MonkeyPatch
):
    """Every hop is checked: here "localhost" stands for a private address and
    127.0.0.1 for a public one."""
    monkeypatch.setattr(fetch, "is_private_host", lambda host: host == "localhost")
    port = server.base.rsplit(":", 1)[1]
    server.routes["/public"] = redirect(f"http://localhost:{port}/page")
    server.routes["/page"] = answer(page("Private page"))
    server.routes["/feed.xml"] = answer(
        rss([("Redirected", f"{server.base}/public", "A summary with a handful of words.")]),
        "application/rss+xml",
    )
    report = add(ws, [server.base + "/feed.xml"])
    assert "/public" in server.requests and "/page" not in server.requests
    warned = " ".join(w["warning"] for w in report.warnings)
    assert "redirected to http://localhost" in warned and "private" in warned
    assert [a["title"] for a in report.added] == ["Redirected"]


def test_private_feed_entries_are_fetched_when_allowed(ws: Workspace, server: Server):
    _private_feed(server)
    report = add(ws, [server.base + "/feed.xml"], allow_private=True)
    assert "/page" in server.requests and not report.warnings
    assert "Part 3 of Private page" in ws.get(report.added[0]["id"]).body


def test_allow_private_on_the_command_line(tmp_path: Path, server: Server):
    _private_feed(server)
    env = {k: v for k, v in os.environ.items() if k != ALLOW_PRIVATE_ENV}

    def run(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [EXE, "--home", str(tmp_path / "home"), "add", *flags, server.base + "/feed.xml"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    refused = run()
    assert refused.returncode == 0 and "private" in refused.stderr
    assert "/page" not in server.requests
    assert run("--allow-private").returncode == 0
    assert "/page" in server.requests


def test_allow_private_in_the_environment_and_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    assert not private_feeds_allowed(tmp_path)
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert private_feeds_allowed(tmp_path)
    monkeypatch.delenv(ALLOW_PRIVATE_ENV)
    (tmp_path / "settings.json").write_text(json.dumps({"allow_private_feeds": True}))
    assert private_feeds_allowed(tmp_path)
    (tmp_path / "settings.json").write_text(json.dumps({"allow_private_feeds": "no"}))
    assert not private_feeds_allowed(tmp_path)


# ------------------------------------------------------------------ bad answers fail alone


def test_bad_answers_and_bad_urls_fail_alone(ws: Workspace, server: Server):
    big = "X-Big: " + "a" * (1024 * 1024) + "\r\n"
    many = "".join(f"X-H{i}: {i}\r\n" for i in range(150))
    server.routes["/bigheader"] = answer(page("Big header"), extra=big)
    server.routes["/manyheaders"] = answer(page("Many headers"), extra=many)
    server.routes["/garbage"] = lambda conn, path, stop: conn.sendall(b"\x00\xffGARBAGE\r\n\r\n")
    server.routes["/good"] = answer(page("A good page"))
    server.routes["/feed.xml"] = answer(
        rss([("Garbage", f"{server.base}/garbage", ""), ("Good", f"{server.base}/good", "")]),
        "application/rss+xml",
    )
    bad = [
        server.base + "/bigheader",
        server.base + "/manyheaders",
        server.base + "/garbage",
        server.base + "/a page with spaces",
        "http://[::1",
    ]
    report = add(ws, [*bad, server.base + "/feed.xml"], allow_private=True)
    errors = {f["input"]: f["error"] for f in report.failed}
    assert set(errors) == {*bad}, errors
    for url, message in errors.items():
        assert url in message and "\n" not in message and "unexpected" not in message
    assert len(report.failed) == len(bad) + 1  # the feed's entry linking to /garbage too
    assert [a["title"] for a in report.added] == ["A good page"]


def test_deeply_nested_feeds_fail_alone(ws: Workspace, tmp_path: Path):
    deep_json = tmp_path / "deep.json"
    deep_json.write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "items": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    deep_rss = tmp_path / "deep.xml"
    nested = "&lt;div&gt;" * 400 + "deep" + "&lt;/div&gt;" * 400
    deep_rss.write_bytes(
        rss([("Deep", "", nested), ("Fine", "", "A fine entry with enough different words in it.")])
    )
    good = tmp_path / "good.md"
    good.write_text("A good note about dubbing with synthetic voices and consent.\n")
    report = add(ws, [str(deep_json), str(deep_rss), str(good)])
    errors = [f["error"] for f in report.failed]
    assert len(errors) == 2 and all("\n" not in e for e in errors)
    assert any(str(deep_json) in e and "nested" in e for e in errors)
    assert len(report.added) == 2 and "Fine" in {a["title"] for a in report.added}


# ------------------------------------------------------------------ unclear errors


def test_a_redirect_loop_is_one_sentence(server: Server):
    server.routes["/loop"] = redirect(f"{server.base}/loop2")
    server.routes["/loop2"] = redirect(f"{server.base}/loop")
    with pytest.raises(HollywoodError, match="redirects in a loop") as caught:
        fetch.fetch(server.base + "/loop")
    assert "\n" not in str(caught.value)


def test_url_paths_keep_their_case(ws: Workspace, server: Server):
    server.routes["/Article-case"] = answer(page("Upper case", "One text about voices " + WORDS))
    server.routes["/article-case"] = answer(page("Lower case", "Another text on dubbing " + WORDS))
    report = add(ws, [server.base + "/Article-case", server.base + "/article-case"])
    assert len(report.added) == 2 and not report.duplicates
    again = add(ws, [server.base.upper().replace("HTTP", "http") + "/Article-case"])
    assert len(again.duplicates) == 1


def test_gzip_is_read_within_the_size_cap(ws: Workspace, server: Server, tmp_path: Path):
    server.routes["/gz"] = answer(
        gzip.compress(page("Gzipped page")), extra="Content-Encoding: gzip\r\n"
    )
    bomb = gzip.compress(b"<html><body>" + b" " * (20 * 1024 * 1024))
    server.routes["/bomb"] = answer(bomb, extra="Content-Encoding: gzip\r\n")
    saved = tmp_path / "saved.html.gz"
    saved.write_bytes(gzip.compress(page("Saved gzipped page")))
    saved_bomb = tmp_path / "bomb.html.gz"
    saved_bomb.write_bytes(bomb)
    report = add(ws, [server.base + "/gz", str(saved), server.base + "/bomb", str(saved_bomb)])
    assert sorted(a["title"] for a in report.added) == ["Gzipped page", "Saved gzipped page"]
    errors = {f["input"]: f["error"] for f in report.failed}
    assert set(errors) == {server.base + "/bomb", str(saved_bomb)}
    assert all("larger than 5 MB" in e for e in errors.values())


def test_upper_case_scheme_is_a_url(ws: Workspace, server: Server):
    server.routes["/upper"] = answer(page("Upper case scheme"))
    report = add(ws, ["HTTP" + server.base[4:] + "/upper"])
    assert [a["title"] for a in report.added] == ["Upper case scheme"]


def test_a_wrong_utf16_declaration_over_utf8(ws: Workspace, server: Server):
    body = page("Déclaré faux").replace(b"<head>", b'<head><meta charset="utf-16">')
    server.routes["/even"] = answer(body if len(body) % 2 == 0 else body + b" ")
    server.routes["/odd"] = answer(body + b" " if len(body) % 2 == 0 else body)
    report = add(ws, [server.base + "/even", server.base + "/odd"])
    assert not report.failed
    assert [ws.get(a["id"]).title for a in report.added] == ["Déclaré faux"]
    assert len(report.duplicates) == 1  # the same text, read the same way both times


def test_one_word_feed_entries_are_not_articles(ws: Workspace, tmp_path: Path):
    f = tmp_path / "feed.xml"
    f.write_bytes(
        rss(
            [
                ("Scrap", "", "Hello"),
                ("Real", "", "A real entry: studios test voices for minor roles."),
            ]
        )
    )
    report = add(ws, [str(f)])
    assert [a["title"] for a in report.added] == ["Real"]
    assert len(report.failed) == 1 and "too little text" in report.failed[0]["error"]
