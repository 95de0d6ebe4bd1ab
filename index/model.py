"""The article model and the passages compare works on."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from typing import Any


def short_hash(text: str, length: int = 12) -> str:
    import hashlib  # OpenSSL's bindings: not needed to list articles (the reader's start)

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


_URL_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


def url_key(url: str) -> str:
    """What makes two URLs the same page: the scheme and host case aside
    (they are case-blind), the path and query as written (they are not)."""
    url = url.strip()
    head = _URL_HEAD.match(url)
    return head.group(0).lower() + url[head.end() :] if head else url.lower()


#: How a source with no known outlet (and no byline to stand in) is named.
UNKNOWN_OUTLET = "Unknown outlet"


def source_name(outlet: str | None, via: str | None = None, author: str | None = None) -> str:
    """A source as every presenter names it: who published the text (its
    outlet, or its byline when the outlet is unknown) and, when the text names
    another outlet as its source, that one: "kghosh.substack.com, via The Guardian"."""
    name = outlet or author or UNKNOWN_OUTLET
    return f"{name}, via {via}" if via and via != name else name


def source_labels(named: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Each source's name (``named``: id to (source_name, title)), in full, its
    title after it where two sources would otherwise read the same."""
    times = Counter(name for name, _ in named.values())
    return {
        key: f"{name}: {title}" if times[name] > 1 else name
        for key, (name, title) in named.items()
    }


@dataclass(frozen=True)
class Article:
    """One article as stored in the library.

    ``id`` is stable: the same input gives the same id (derived from the
    canonical URL when there is one, else from the cleaned text), so adding the
    same article twice is detected. ``published`` is an ISO date (YYYY-MM-DD) or
    None. ``body`` is Markdown, already cleaned of site chrome. ``outlet`` is who
    published this text (None when nothing says); ``via`` the outlet the text
    names as its source, and ``via_url`` its address (a rewrite's original).
    """

    id: str
    title: str
    body: str
    origin: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    checksum: str = ""
    via: str | None = None
    via_url: str | None = None

    @staticmethod
    def make(
        *,
        title: str,
        body: str,
        origin: str,
        outlet: str | None = None,
        author: str | None = None,
        published: str | None = None,
        url: str | None = None,
        tags: tuple[str, ...] | list[str] = (),
        language: str | None = None,
        via: str | None = None,
        via_url: str | None = None,
    ) -> Article:
        """Build an article, computing its id and checksum."""
        key = url_key(url) if url else " ".join(body.split()).lower()
        art = Article(
            id=short_hash(key),
            title=title,
            body=body,
            origin=origin,
            outlet=outlet,
            author=author,
            published=published,
            url=url,
            tags=tuple(tags),
            language=language,
            via=via,
            via_url=via_url,
        )
        return replace(art, checksum=art.compute_checksum())

    @property
    def source_name(self) -> str:
        return source_name(self.outlet, self.via, self.author)

    def compute_checksum(self) -> str:
        import hashlib

        data = self.to_dict(with_body=True)
        data.pop("checksum", None)
        # Provenance added later is left out while empty, so the checksums
        # of articles stored before it stay right.
        for key in ("via", "via_url"):
            if data.get(key) is None:
                data.pop(key, None)
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        ).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def to_dict(self, with_body: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        if not with_body:
            data.pop("body")
        return data

    def summary(self) -> dict[str, Any]:
        """The fields of `list --json`."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "via": self.via,
            "via_url": self.via_url,
            "author": self.author,
            "published": self.published,
            "url": self.url,
            "tags": list(self.tags),
            "origin": self.origin,
        }

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Article:
        return Article(
            id=str(data["id"]),
            title=str(data["title"]),
            body=str(data["body"]),
            origin=str(data.get("origin") or ""),
            outlet=data.get("outlet"),
            author=data.get("author"),
            published=data.get("published"),
            url=data.get("url"),
            tags=tuple(data.get("tags") or ()),
            language=data.get("language"),
            checksum=str(data.get("checksum") or ""),
            via=data.get("via"),
            via_url=data.get("via_url"),
        )


@dataclass(frozen=True)
class Passage:
    """A sentence, list item or table row of an article.

    ``position`` is its order in the article; ``start``/``end`` are character
    offsets into the article's Markdown body, so a presenter can scroll to it.
    ``kind`` is "sentence", "item" or "row"; ``section`` the heading above it.
    """

    article_id: str
    position: int
    text: str
    start: int
    end: int
    kind: str = "sentence"
    section: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.position}"
