"""OPML 2.0 subscription lists, as newsboat and other readers write them:
each feed an ``<outline xmlUrl="...">``; an outline holding outlines is a
folder, and its name becomes a tag of the feeds inside (as does an
outline's ``category`` attribute). Exported the same way: one folder per
tag, untagged feeds at the top.

The file is someone else's: it is parsed without entities, DTDs or the
network, within a size cap, so that a hostile file cannot expand or reach
out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.following.subscriptions import Subscription
from hollywood_ai.index.ingest.urls import is_web_url

MAX_OPML_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32  # folders within folders


def read_opml(path: Path, shown: str) -> list[Subscription]:
    try:
        size = path.stat().st_size
        if size > MAX_OPML_BYTES:
            raise HollywoodError(
                f"{shown} is larger than {MAX_OPML_BYTES // 2**20} MB, too large for an OPML file"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise HollywoodError(f"{shown} cannot be read ({exc.strerror or exc})") from None
    return parse_opml(data, shown)


def parse_opml(data: bytes, shown: str) -> list[Subscription]:
    """The feeds of an OPML file; one sentence when it is not one."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise HollywoodError(
            f"{shown} is not an OPML file: it is not readable XML; export the feeds again"
        ) from None
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise HollywoodError(f"{shown} is not an OPML file (its XML does not start with <opml>)")
    body = next((c for c in root if isinstance(c.tag, str) and c.tag.lower() == "body"), None)
    found: dict[str, Subscription] = {}
    if body is not None:
        _walk(body, [], found, 0)
    if not found:
        raise HollywoodError(
            f'{shown} holds no feed outlines (no <outline xmlUrl="..."> with a web address)'
        )
    return list(found.values())


def _walk(node: object, folders: list[str], found: dict[str, Subscription], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    for child in node:  # type: ignore[attr-defined]
        if not isinstance(child.tag, str) or child.tag.lower() != "outline":
            continue
        attrs = {str(k).lower(): str(v) for k, v in child.attrib.items()}
        url = attrs.get("xmlurl", "").strip()
        name = (attrs.get("text") or attrs.get("title") or "").strip()
        if url:
            if not is_web_url(url):
                continue
            categories = [c.strip().strip("/") for c in attrs.get("category", "").split(",")]
            tags = [t for t in [*folders, *categories] if t]
            sub = found.setdefault(url, Subscription(url=url, title=name or None))
            sub.tags += [t for t in tags if t not in sub.tags]
        _walk(child, [*folders, name] if name and not url else folders, found, depth + 1)


def to_opml(subs: list[Subscription]) -> str:
    """OPML 2.0: a folder outline per tag, the untagged feeds at the top."""
    stamp = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>hollywood-ai feeds</title>",
        f"    <dateCreated>{stamp}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    tags = sorted({t for s in subs for t in s.tags}, key=str.casefold)
    for sub in subs:
        if not sub.tags:
            lines.append("    " + _feed_outline(sub))
    for tag in tags:
        lines.append(f"    <outline text={quoteattr(tag)} title={quoteattr(tag)}>")
        lines += ["      " + _feed_outline(s) for s in subs if tag in s.tags]
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _feed_outline(sub: Subscription) -> str:
    title = _xml_text(sub.title or sub.url)
    return (
        f'<outline type="rss" text={quoteattr(title)} title={quoteattr(title)} '
        f"xmlUrl={quoteattr(_xml_text(sub.url))}/>"
    )


def _xml_text(text: str) -> str:
    """Text that XML 1.0 can hold (control characters dropped)."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
