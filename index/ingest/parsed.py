"""What parsing a document recovers: its metadata (Meta) and body (Parsed),
before the article has an id."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import clean_inline


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_derived: bool = False  # the title is the text's first sentence, not its own

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
        return Article.make(
            title=self.meta.title or "Untitled",
            body=self.body,
            origin=origin,
            outlet=self.meta.outlet,
            author=self.meta.author,
            published=self.meta.published,
            url=self.meta.url,
            tags=self.meta.tags,
            language=self.language,
        )
