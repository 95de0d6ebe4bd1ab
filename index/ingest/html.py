"""Saved or fetched web pages: the article's main content (not navigation, ads,
comments, scripts, styles or footers) as Markdown, with the page's metadata.

Main-content extraction and metadata come from trafilatura (title, author,
site name, date, canonical URL), with the page's own tags as a fallback and
for the language; the cleaned content is turned into Markdown by markdownify.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.markdown_syntax import unescape_markdown
from hollywood_ai.index.ingest.parsed import Meta, Parsed
from hollywood_ai.index.ingest.titles import derive_title
from hollywood_ai.index.ingest.urls import (
    clean_url,
    date_from_url,
    host_of,
    normalise_date,
    outlet_from_url,
)
from hollywood_ai.index.text.normalise import clean_inline, repair, squeeze_blank_lines

log = logging.getLogger(__name__)

MIN_WORDS = 25  # fewer distinct words is not an article (a login page, an error page)
_BYLINE_PREFIX = re.compile(r"^\s*(by|from|written by|posted by)\s+", re.I)


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    site: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None


def distinct_words(text: str) -> int:
    """How many different words a text has: "x x x …" is one, however long."""
    return len(set(re.findall(r"\w+", text.casefold())))


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


_BLOCK_TAG = re.compile(r"</(?:p|div|article|section|h[1-6]|li|ul|ol|table|blockquote)\s*>", re.I)


def looks_like_html_text(text: str) -> bool:
    """A plain-text file that holds HTML: a page, or a fragment of one that
    starts with a tag and closes block tags (a saved page's source)."""
    head = text[:4000]
    return looks_like_html(text) or (
        head.lstrip().startswith("<") and len(_BLOCK_TAG.findall(head)) >= 2
    )


def _page_tags(tree: object) -> PageMeta:
    """What the page says about itself in <meta>, <link>, <html lang> and JSON-LD."""
    meta = PageMeta()

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):  # type: ignore[attr-defined]
            value = clean_inline(str(value))
            if value:
                return value
        return None

    meta.language = first("/html/@lang") or first("//meta[@http-equiv='content-language']/@content")
    meta.site = first("//meta[@property='og:site_name']/@content") or first(
        "//meta[@name='application-name']/@content"
    )
    meta.title = first("//meta[@property='og:title']/@content") or first("//title/text()")
    meta.author = first("//meta[@name='author']/@content") or first(
        "//meta[@property='article:author']/@content"
    )
    meta.date = first("//meta[@property='article:published_time']/@content") or first(
        "//meta[@name='date']/@content"
    )
    meta.url = first("//link[@rel='canonical']/@href") or first(
        "//meta[@property='og:url']/@content"
    )
    for block in tree.xpath("//script[@type='application/ld+json']/text()"):  # type: ignore[attr-defined]
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to read
            continue
        for item in _linked_items(data):
            if not isinstance(item, dict):
                continue
            if not meta.site and isinstance(item.get("publisher"), dict):
                meta.site = clean_inline(_linked_name(item["publisher"]) or "") or None
            if not meta.date and item.get("datePublished"):
                meta.date = str(item["datePublished"])
            if not meta.author and item.get("author"):
                authors = item["author"] if isinstance(item["author"], list) else [item["author"]]
                names = [_linked_name(a) for a in authors]
                meta.author = ", ".join(n for n in names if n) or None
    return meta


def _linked_items(data: Any) -> list[Any]:
    """The items of a JSON-LD block: a list of them, a ``@graph`` of them, or
    one; anything else (a number, a string) holds none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph", [data])
    return graph if isinstance(graph, list) else [graph]


def _linked_name(value: Any) -> str | None:
    """A JSON-LD name: a string (or a number), or the "name" of an object;
    anything else names no one."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value) or None
    return None


_MONTH_TAIL = re.compile(
    r"\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s+\d.*)?$", re.I
)


_NOT_AUTHORS = {
    "username",
    "admin",
    "administrator",
    "anonymous",
    "unknown",
    "author",
    "editor",
    "guest",
}


def _clean_author(value: str | None) -> str | None:
    """ "By Jane Doe; JANE DOE" -> "Jane Doe"; several authors joined with commas."""
    if not value:
        return None
    names: list[str] = []
    for part in re.split(r"\s*[;|]\s*", clean_inline(value)):
        part = _MONTH_TAIL.sub("", _BYLINE_PREFIX.sub("", part)).strip(" ,")
        if not part or part.startswith(("http://", "https://")) or len(part) > 80:
            continue
        if part.casefold() in _NOT_AUTHORS:
            continue
        if part.casefold() not in {n.casefold() for n in names}:
            names.append(part)
    return ", ".join(names) or None


_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:-]\s+")


def _strip_title_suffix(title: str, names: list[str | None]) -> str:
    """ "Headline | The Guardian" -> "Headline": pages append the site's or the
    author's name to their <title>."""
    known = {n.casefold() for n in names if n}
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1:
        tail = parts[-1].strip()
        head = title[: title.rfind(tail)].rstrip(" |–—·•:-")
        if (
            tail.casefold() in known
            or any(k in tail.casefold() for k in known if len(k) > 3)
            or (len(tail.split()) <= 3 and len(head.split()) >= 4 and tail[:1].isupper())
        ):
            title = head
            parts = parts[:-1]
        else:
            break
    return title


def _unreadable(url: str | None, exc: Exception) -> HollywoodError:
    """The one sentence for a page lxml or trafilatura could not read; their
    own words go to the log."""
    log.warning("the page %s could not be parsed: %s", url or "(not from a URL)", exc)
    return HollywoodError("the page is not readable HTML")


def parse_html(html: str, url: str | None = None) -> Parsed:
    """An HTML page to an article (before it has an id)."""
    import lxml.etree
    import lxml.html
    import trafilatura
    from markdownify import markdownify

    html = repair(html)
    # What lxml and trafilatura raise on a page they cannot read: lxml's own
    # errors (an empty document, a parser failure) and ValueError (a string
    # with an XML encoding declaration, input trafilatura refuses).
    unreadable = (lxml.etree.LxmlError, ValueError)
    try:
        tree = lxml.html.fromstring(html)
    except unreadable as exc:
        raise _unreadable(url, exc) from None
    tags = _page_tags(tree)
    try:
        found = trafilatura.extract_metadata(html, default_url=url)
        content = trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_tables=True,
            include_links=True,
            include_formatting=True,
            include_comments=False,
            include_images=False,
            favor_recall=True,
        )
    except unreadable as exc:
        raise _unreadable(url, exc) from None
    if not content:
        raise HollywoodError(
            "no article text was found in the page (it may be an index, a login or an error page)"
        )
    # escape_misc: text that reads like Markdown ("# x", "[x](y)", "![x](y)",
    # "1. x", "> x", "| x") stays text, never a heading, link, image or list.
    body = markdownify(
        content,
        heading_style="ATX",
        bullets="-",
        strip=["img", "script", "style"],
        escape_misc=True,
    )
    body = squeeze_blank_lines(repair(body))
    if distinct_words(body) < MIN_WORDS:
        raise HollywoodError("the page holds too little text to be an article")
    meta = _page_meta(found, tags, url)
    # The body often repeats the title as its first heading.
    lines = body.split("\n")
    if lines and meta.title and unescape_markdown(lines[0].lstrip("# ")).strip() == meta.title:
        body = squeeze_blank_lines("\n".join(lines[1:]))
    if not meta.title:
        meta.title = derive_title(body)
        meta.title_derived = True
    parsed = Parsed(meta=meta, body=body)
    parsed.language = (
        tags.language or (found.language if found and hasattr(found, "language") else None) or None
    )
    return parsed


def _page_meta(found: Any, tags: PageMeta, url: str | None) -> Meta:
    """The page's metadata: what trafilatura found (``found``, or None), else
    what its tags say; the outlet and date from the URL when neither says."""
    meta = Meta()
    meta.title = clean_inline((found.title if found else None) or tags.title or "") or None
    meta.author = _clean_author((found.author if found else None) or tags.author)
    canonical = (found.url if found else None) or tags.url or url
    meta.url = (
        clean_url(canonical)
        if canonical and canonical.startswith(("http://", "https://"))
        else None
    )
    site = (found.sitename if found else None) or tags.site
    if url and meta.url and host_of(url) and host_of(meta.url) != host_of(url):
        # A canonical link to another host: this page republishes that one.
        meta.via_url, meta.via = meta.url, outlet_from_url(meta.url)
        meta.url = clean_url(url)
        site = tags.site  # trafilatura names the canonical host's site
    if site and meta.url and site.casefold() in (host_of(meta.url), f"www.{host_of(meta.url)}"):
        site = None  # a bare host: the URL names its outlet better (Variety, not variety.com)
    meta.outlet = clean_inline(site or "") or None
    if not meta.outlet and meta.url:
        meta.outlet = outlet_from_url(meta.url)
    meta.published = normalise_date((found.date if found else None) or tags.date) or (
        date_from_url(meta.url) if meta.url else None
    )
    if found and found.tags:
        meta.add_tags(list(found.tags))
    if meta.title:
        meta.title = _strip_title_suffix(meta.title, [meta.outlet, meta.author, tags.site])
    return meta
