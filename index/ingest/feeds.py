"""RSS, Atom and JSON feeds: each entry becomes an article. An entry that
carries only a summary has its linked page fetched for the whole article,
FEED_WORKERS at a time, all within FEED_DEADLINE of the feed's start."""

from __future__ import annotations

import html as htmllib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.parsed import Meta, Parsed
from hollywood_ai.index.ingest.urls import (
    clean_url,
    is_web_url,
    normalise_date,
    outlet_from_url,
)
from hollywood_ai.index.text.normalise import clean_inline, repair, squeeze_blank_lines

FULL_TEXT_WORDS = 150  # an entry with fewer words than this is a summary
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
FEED_DEADLINE = 60.0  # the longest a feed's import may take, its own fetch and its pages
FEED_WORKERS = 4  # pages fetched at once

# A feed's page fetcher: the link and the seconds left for it.
FetchPage = Callable[[str, float], Parsed]


def looks_like_feed(data: bytes) -> bool:
    """An RSS, Atom or RDF feed, or a JSON Feed, by its content."""
    return looks_like_xml_feed(data) or looks_like_json_feed(data)


def looks_like_xml_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) and b"<html" not in head


def looks_like_json_feed(data: bytes) -> bool:
    """JSON whose "version" names the JSON Feed format (https://jsonfeed.org)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and JSON_FEED_VERSION.encode() in data


def looks_like_json(data: bytes) -> bool:
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


@dataclass
class FeedEntry:
    parsed: Parsed | None
    origin: str
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Item:
    """One entry of any kind of feed, before it becomes an article."""

    link: str
    ident: str
    title: str | None = None
    html: str = ""  # the entry's content, or its summary, as HTML
    author: str | None = None
    published: str | None = None
    tags: list[str] = field(default_factory=list)


def parse_feed(
    data: bytes,
    source: str,
    fetch_page: FetchPage | None = None,
    started: float | None = None,
    known: Callable[[str], bool] | None = None,
) -> list[FeedEntry]:
    """The feed's entries. ``started`` (time.monotonic()) is when the feed's
    import began (before its own fetch), for FEED_DEADLINE. Entries whose
    origin ``known`` accepts (taken before) are left out, pages unfetched."""
    ends = (time.monotonic() if started is None else started) + FEED_DEADLINE
    if looks_like_json_feed(data):
        site, items = _json_items(data, source)
    else:
        site, items = _xml_items(data, source)
    if known is not None:
        items = [item for item in items if not known(item.ident)]
    bodies = [_body(item) for item in items]
    wanted = [
        i
        for i, (item, body) in enumerate(zip(items, bodies, strict=True))
        if fetch_page and body is not None and _wants_page(item, body)
    ]
    pages: dict[int, Parsed | HollywoodError] = {}
    if fetch_page and wanted:
        fetcher = fetch_page

        def one(i: int) -> Parsed | HollywoodError:
            return _fetch_one(items[i].link, fetcher, ends)

        with ThreadPoolExecutor(max_workers=min(FEED_WORKERS, len(wanted))) as pool:
            pages = dict(zip(wanted, pool.map(one, wanted), strict=True))
    return [
        _entry(item, body, pages.get(i), site)
        for i, (item, body) in enumerate(zip(items, bodies, strict=True))
    ]


def _fetch_one(link: str, fetch_page: FetchPage, ends: float) -> Parsed | HollywoodError:
    left = ends - time.monotonic()
    if left <= 0:
        return HollywoodError(f"{link} was not fetched: the feed's {FEED_DEADLINE:g} s were up")
    try:
        return fetch_page(link, left)
    except HollywoodError as exc:
        return exc
    except RecursionError:
        return HollywoodError(f"{link} is a page nested too deeply to be read")


def _xml_items(data: bytes, source: str) -> tuple[str | None, list[_Item]]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise HollywoodError(f"{source} is not a readable RSS or Atom feed")
        raise HollywoodError(f"{source} is a feed with no entries")
    site = clean_inline(feed.feed.get("title", "")) or None
    items: list[_Item] = []
    for entry in feed.entries:
        link = entry.get("link") or ""
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            _Item(
                link=link,
                ident=link or f"{source}#{entry.get('id') or len(items)}",
                title=clean_inline(entry.get("title", "")) or None,
                html=html or entry.get("summary", ""),
                author=clean_inline(entry.get("author", "")) or None,
                published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
                tags=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
            )
        )
    return site, items


def _json_items(data: bytes, source: str) -> tuple[str | None, list[_Item]]:
    """A JSON Feed (https://jsonfeed.org/version/1.1, and 1.0's "author")."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise HollywoodError(f"{source} is not a readable JSON Feed") from None
    except RecursionError:
        raise HollywoodError(
            f"{source} is not a readable JSON Feed: it is nested too deeply"
        ) from None
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(JSON_FEED_VERSION):
        raise HollywoodError(f"{source} is not a readable JSON Feed")
    entries = feed.get("items")
    if not isinstance(entries, list) or not entries:
        raise HollywoodError(f"{source} is a feed with no entries")
    site = clean_inline(str(feed.get("title") or "")) or None
    feed_author = _json_author(feed)
    items: list[_Item] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        link = str(entry.get("url") or entry.get("external_url") or "")
        if isinstance(entry.get("content_html"), str) and entry["content_html"].strip():
            html = entry["content_html"]
        else:
            text = entry.get("content_text") or entry.get("summary") or ""
            html = _text_html(str(text))
        tags = entry.get("tags")
        items.append(
            _Item(
                link=link,
                ident=link or f"{source}#{entry.get('id') or len(items)}",
                title=clean_inline(str(entry.get("title") or "")) or None,
                html=html,
                author=_json_author(entry) or feed_author,
                published=normalise_date(entry.get("date_published") or entry.get("date_modified")),
                tags=[str(t) for t in tags] if isinstance(tags, list) else [],
            )
        )
    if not items:
        raise HollywoodError(f"{source} is a feed with no entries")
    return site, items


def _json_author(obj: dict[str, Any]) -> str | None:
    people = obj.get("authors")
    if not isinstance(people, list):
        people = [obj.get("author")] if obj.get("author") else []
    names = [clean_inline(str(p.get("name") or "")) for p in people if isinstance(p, dict)]
    return ", ".join(n for n in names if n) or None


def _text_html(text: str) -> str:
    """Plain text as HTML paragraphs (so that it goes the way HTML content goes)."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)


def _body(item: _Item) -> str | None:
    """The entry's own text as Markdown, or None when it is nested too deeply to read."""
    from markdownify import markdownify

    try:
        # escape_misc: an entry's text never turns into a heading, link or image.
        markdown = markdownify(item.html, heading_style="ATX", bullets="-", escape_misc=True)
    except RecursionError:
        return None
    return squeeze_blank_lines(repair(markdown))


def _wants_page(item: _Item, body: str) -> bool:
    return len(body.split()) < FULL_TEXT_WORDS and is_web_url(item.link)


def _entry(
    item: _Item, body: str | None, page: Parsed | HollywoodError | None, site: str | None
) -> FeedEntry:
    link = item.link
    origin = item.ident
    warnings: list[str] = []
    if body is None:
        return FeedEntry(None, origin, f"the entry {origin} is nested too deeply to be read")
    if isinstance(page, HollywoodError):
        if not body.strip():
            return FeedEntry(None, origin, str(page))
        warnings.append(f"its page {_reason(str(page), link)}; only the feed's summary was added")
    elif page is not None:
        _fill_from_entry(page.meta, item, site)
        return FeedEntry(page, origin, warnings=list(page.meta.warnings))
    if not body.strip():
        return FeedEntry(None, origin, f"the entry {origin} has no text")
    meta = Meta()
    meta.title = item.title
    meta.author = item.author
    meta.url = clean_url(link) if is_web_url(link) else None
    meta.outlet = site or (outlet_from_url(link) if meta.url else None)
    meta.published = item.published
    meta.add_tags(item.tags)
    if not meta.title:
        from hollywood_ai.index.ingest.titles import derive_title

        meta.title = derive_title(body)
    return FeedEntry(Parsed(meta=meta, body=body), origin, warnings=warnings)


def _fill_from_entry(meta: Meta, item: _Item, site: str | None) -> None:
    """The linked page's article keeps what the page says about itself; what
    it does not say (a title of its own, the author, the date, the outlet, the
    tags) comes from the feed's entry."""
    if item.title and (not meta.title or meta.title_derived):
        meta.title = item.title
        meta.title_derived = False
    meta.author = meta.author or item.author
    meta.published = meta.published or item.published
    meta.outlet = meta.outlet or site
    meta.add_tags(item.tags)


def _reason(message: str, link: str) -> str:
    """A fetch error without the URL it starts with (the warning names it) and
    without its advice: "could not be fetched: the server answered 404 Not Found"."""
    if message.startswith(link):
        message = message[len(link) :].strip()
    else:
        message = f"could not be used ({message})"
    return message.split(";")[0].strip()
