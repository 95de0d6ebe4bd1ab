"""Refreshing feeds: FEEDS feeds of ENTRIES entries each, served on
127.0.0.1 by a server started here. First refresh: every entry is new
(stored, indexed, then the library regrouped into stories, as the next
compare or `stories` does); second refresh: nothing changed, every feed
answers 304. Each entry carries its whole text, so no page is fetched.
With --reader, the first refresh is also run in the reader (headless, `r`),
and the longest the reader's event loop went without running a 10 ms timer
is reported: the longest a frame could have waited (with the processor time
the loop's thread spent in its busiest gap: its own share of a stall).

    python -m bench.bench_refresh --feeds 50 --entries 20 [--reader] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.corpus import generate


def feed_bodies(feeds: int, entries: int, base: str) -> dict[str, bytes]:
    """Each feed's RSS, its entries taken from the benchmark corpus."""
    articles = generate(feeds * entries)
    out = {}
    for f in range(feeds):
        items = []
        for a in articles[f * entries : (f + 1) * entries]:
            link = f"{base}/article/{a.id}"
            text = "".join(f"<p>{html.escape(p)}</p>" for p in a.body.split("\n\n") if p.strip())
            items.append(
                f"<item><title>{html.escape(a.title)}</title><link>{link}</link>"
                f"<guid>{link}</guid><description>{html.escape(text)}</description></item>"
            )
        out[f"/feed/{f}.xml"] = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet {f}</title>'
            f"{''.join(items)}</channel></rss>"
        ).encode()
    return out


def serve(bodies: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", tag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def run(feeds: int, entries: int) -> dict[str, Any]:
    from hollywood_ai.index import Subscription, Workspace, grouped, refresh, subscribe

    bodies: dict[str, bytes] = {}  # filled once the server's address is known
    server = serve(bodies)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    bodies.update(feed_bodies(feeds, entries, base))
    try:
        with tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
            ws = Workspace(Path(tmp) / "home")
            ws.open()
            subscribe(ws, [Subscription(url=base + path) for path in bodies])
            start = time.perf_counter()
            first = refresh(ws)
            stored = time.perf_counter() - start
            grouped(ws)
            new_total = time.perf_counter() - start
            start = time.perf_counter()
            second = refresh(ws)
            unchanged = time.perf_counter() - start
            ws.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "feeds": feeds,
        "entries": feeds * entries,
        "new_articles": len(first.added),
        "new_refresh_s": round(stored, 2),
        "new_with_regrouping_s": round(new_total, 2),
        "all_304_s": round(unchanged, 3),
        "second_statuses": sorted({f.status for f in second.feeds}),
    }


async def _reader_stall(home: Path) -> tuple[float, float]:
    """The longest gap (ms) between runs of a 10 ms timer while `r` runs, and
    the most processor time the reader's event loop thread spent in one gap
    (ms): on a loaded machine a gap is also the time the reader waited for a
    processor; this is the part that was the reader's own work."""
    from hollywood_ai.tui.app import create_app

    app = create_app(home, theme="textual-dark", remember=False, blink=False)
    gaps: list[float] = []
    busy: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        last = [time.perf_counter(), time.thread_time()]

        def tick() -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            gaps.append(now - last[0])
            busy.append(cpu - last[1])
            last[:] = [now, cpu]

        app.set_interval(0.01, tick)
        await pilot.press("r")
        await pilot.pause(0.05)
        while app.main_screen.refreshing:
            await pilot.pause(0.05)
        await pilot.pause(0.5)
    return round(max(gaps, default=0.0) * 1000, 1), round(max(busy, default=0.0) * 1000, 1)


def reader_run(feeds: int, entries: int) -> dict[str, Any]:
    from hollywood_ai.index import Subscription, Workspace, subscribe

    bodies: dict[str, bytes] = {}
    server = serve(bodies)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    bodies.update(feed_bodies(feeds, entries, base))
    try:
        with tempfile.TemporaryDirectory(prefix="bench-refresh-reader-") as tmp:
            ws = Workspace(Path(tmp) / "home")
            ws.open()
            subscribe(ws, [Subscription(url=base + path) for path in bodies])
            ws.close()
            stall, busy = asyncio.run(_reader_stall(Path(tmp) / "home"))
    finally:
        server.shutdown()
        server.server_close()
    return {"reader_longest_stall_ms": stall, "reader_busiest_frame_cpu_ms": busy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20, help="entries per feed")
    parser.add_argument("--json", metavar="FILE", help="also write the result here")
    parser.add_argument("--reader", action="store_true", help="also time the reader's stalls")
    args = parser.parse_args()
    result = run(args.feeds, args.entries)
    if args.reader:
        result |= reader_run(args.feeds, args.entries)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
