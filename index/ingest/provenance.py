"""Provenance: who published a text (its outlet) and the outlet it names as
its source (its via), settled once the whole document has been read."""

from __future__ import annotations

import re

from hollywood_ai.index.ingest.parsed import Meta
from hollywood_ai.index.ingest.urls import clean_url, host_of, is_web_url, outlet_from_url
from hollywood_ai.index.text.normalise import clean_inline

_NAME = r"(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
_REPORTED_BY = re.compile(
    r"\b[Aa]s (?:first |originally )?reported (?:by|in) "
    r"(?:\[(?P<text>[^\]\n]{1,60})\]\((?P<link>https?://[^)\s]+)\)|(?P<name>" + _NAME + r"))"
)


def _reported_by(body: str, meta: Meta) -> None:
    """ "As reported by Deadline, ...": the text names its source in a sentence."""
    m = _REPORTED_BY.search(body)
    if not m:
        return
    if m.group("link"):
        meta.via_url = meta.via_url or m.group("link")
        meta.via = meta.via or clean_inline(m.group("text"))
    else:
        meta.via = meta.via or clean_inline(m.group("name")).rstrip(".")


def settle(meta: Meta, body: str) -> None:
    """The outlet from this text's own address when nothing else names it;
    the via from its source's address when no name was given; no via that is
    the outlet itself (a page citing its own site)."""
    if not meta.via:
        _reported_by(body, meta)
    if meta.via_url:
        meta.via_url = clean_url(meta.via_url) if is_web_url(meta.via_url) else None
    if meta.url:
        meta.url = clean_url(meta.url)
        meta.outlet = meta.outlet or outlet_from_url(meta.url)
    if meta.via_url and not meta.via:
        meta.via = outlet_from_url(meta.via_url)
    same_host = bool(meta.url and meta.via_url and host_of(meta.url) == host_of(meta.via_url))
    if same_host or (meta.via and meta.outlet and meta.via.casefold() == meta.outlet.casefold()):
        meta.via = meta.via_url = None
