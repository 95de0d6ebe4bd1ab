"""Finding a feed: a URL that is a feed, or a page that names its feed
with ``<link rel="alternate" type="application/rss+xml" href="...">``."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from urllib.parse import urljoin

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest import feeds, fetch
from hollywood_ai.index.ingest.urls import is_web_url

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
}


class _AlternateLinks(HTMLParser):
    """The feed links of a page's head, in the page's order."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        got = {k.lower(): (v or "") for k, v in attrs}
        rels = got.get("rel", "").lower().split()
        kind = got.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and got.get("href", "").strip():
            link = urljoin(self.base, got["href"].strip())
            if is_web_url(link) and link not in self.found:
                self.found.append(link)


def feed_links(html: str, base: str) -> list[str]:
    parser = _AlternateLinks(base)
    try:
        parser.feed(html[: fetch.MAX_BYTES])
        parser.close()
    except (ValueError, AssertionError, RecursionError):
        pass  # a broken page: the links found before the break
    return parser.found


def discover(url: str) -> tuple[str, str | None]:
    """The feed's URL (the URL itself, or the first feed a page links that
    can be read) and its title; one sentence when there is none."""
    got = fetch.fetch(url)
    if feeds.looks_like_feed(got.data):
        return (got.moved_to or url), feed_title(got.data, url)
    text = got.data.decode(got.charset or "utf-8", errors="replace")
    links = feed_links(text, got.url)
    if not links:
        raise HollywoodError(
            f'{url} is not a feed and links none (no <link rel="alternate"> to RSS, Atom or '
            "a JSON Feed); give the feed's own address"
        )
    last = ""
    for link in links[:3]:
        try:
            found = fetch.fetch(link)
        except HollywoodError as exc:
            last = str(exc)
            continue
        if feeds.looks_like_feed(found.data):
            return (found.moved_to or link), feed_title(found.data, link)
        last = f"{link} is not a feed"
    raise HollywoodError(f"{url} links a feed that cannot be read ({last})")


def feed_title(data: bytes, url: str) -> str | None:
    """The feed's title; a HollywoodError when it is not a readable feed (a
    feed with no entries yet is one)."""
    try:
        entries = feeds.parse_feed(data, url, fetch_page=None, started=time.monotonic())
    except HollywoodError as exc:
        if "no entries" in str(exc):
            return None
        raise
    return next((e.parsed.meta.outlet for e in entries if e.parsed), None)
