"""What parsing a document recovers: its metadata (Meta) and body (Parsed),
before the article has an id."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.markdown_syntax import safe_links
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import clean_inline

# The largest input read, and the largest article stored from one.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    via: str | None = None  # the outlet the text names as its source
    via_url: str | None = None  # and that source's address
    tags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_derived: bool = False  # the title is the text's first sentence, not its own

    def take_url(self, url: str) -> None:
        """The page's address, for a text that gave none: cleaned, with the
        outlet and the date it tells where the text says neither."""
        from hollywood_ai.index.ingest.urls import clean_url, date_from_url, outlet_from_url

        self.url = clean_url(url)
        self.outlet = self.outlet or outlet_from_url(self.url)
        self.published = self.published or date_from_url(self.url)

    def add_tags(self, values: list[str] | str) -> None:
        if isinstance(values, str):
            values = [v for v in re.split(r"[,;]", values)]
        for value in values:
            tag = clean_inline(str(value)).strip(" #.")
            if tag and tag.lower() not in {t.lower() for t in self.tags}:
                self.tags.append(tag)


@dataclass
class Parsed:
    """An article before it has an id: what the ingester recovered."""

    meta: Meta
    body: str
    language: str | None = None

    def article(self, origin: str) -> Article:
        """The article to store; one larger than the input cap (front matter
        or markup can make the text grow past the file) is refused."""
        fields = [self.meta.title, self.meta.outlet, self.meta.author, self.meta.url]
        fields += [self.meta.via, self.meta.via_url]
        size = sum(len(f.encode("utf-8", "replace")) for f in [self.body, *fields] if f)
        size += sum(len(t.encode("utf-8", "replace")) for t in self.meta.tags)
        if size > MAX_ARTICLE_BYTES:
            raise HollywoodError(
                f"{origin} is larger than {MAX_ARTICLE_BYTES // 2**20} MB once read, "
                "too large for an article"
            )
        return Article.make(
            title=self.meta.title or "Untitled",
            body=safe_links(self.body),
            origin=origin,
            outlet=self.meta.outlet,
            author=self.meta.author,
            published=self.meta.published,
            url=self.meta.url,
            tags=self.meta.tags,
            language=self.language,
            via=self.meta.via,
            via_url=self.meta.via_url,
        )
