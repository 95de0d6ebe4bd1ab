"""RSS and Atom feeds: each entry becomes an article. An entry that carries
only a summary has its linked page fetched for the whole article."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest import Meta, Parsed
from hollywood_ai.index.sources import clean_url, outlet_from_url
from hollywood_ai.index.text import clean_inline, repair, squeeze_blank_lines

FULL_TEXT_WORDS = 150  # an entry with fewer words than this is a summary


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) and b"<html" not in head


@dataclass
class FeedEntry:
    parsed: Parsed | None
    origin: str
    error: str | None = None


def parse_feed(
    data: bytes, source: str, fetch_page: Callable[[str], Parsed] | None = None
) -> list[FeedEntry]:
    import feedparser
    from markdownify import markdownify

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise HollywoodError(f"{source} is not a readable RSS or Atom feed")
        raise HollywoodError(f"{source} is a feed with no entries")
    site = clean_inline(feed.feed.get("title", "")) or None
    out: list[FeedEntry] = []
    for entry in feed.entries:
        link = entry.get("link") or ""
        origin = link or f"{source}#{entry.get('id') or len(out)}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        summary = entry.get("summary", "")
        body = squeeze_blank_lines(
            repair(markdownify(html or summary, heading_style="ATX", bullets="-"))
        )
        if (
            len(body.split()) < FULL_TEXT_WORDS
            and link.startswith(("http://", "https://"))
            and fetch_page
        ):
            try:
                parsed = fetch_page(link)
            except HollywoodError as exc:
                if not body.strip():
                    out.append(FeedEntry(None, origin, str(exc)))
                    continue
            else:
                if not parsed.meta.outlet:
                    parsed.meta.outlet = site
                out.append(FeedEntry(parsed, origin))
                continue
        if not body.strip():
            out.append(FeedEntry(None, origin, f"the entry {origin} has no text"))
            continue
        meta = Meta()
        meta.title = clean_inline(entry.get("title", "")) or None
        meta.author = clean_inline(entry.get("author", "")) or None
        meta.url = clean_url(link) if link.startswith(("http://", "https://")) else None
        meta.outlet = site or (outlet_from_url(link) if meta.url else None)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        meta.published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        meta.add_tags([t.get("term", "") for t in entry.get("tags", []) if t.get("term")])
        if not meta.title:
            from hollywood_ai.index.ingest import derive_title

            meta.title = derive_title(body)
        out.append(FeedEntry(Parsed(meta=meta, body=body), origin))
    return out
