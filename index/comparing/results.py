"""What a comparison gives: each source's report, what differs, and what it
was made over. Plain data, with the shapes of ``compare --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.comparing.scoring import ScoredPassage
from hollywood_ai.index.model import source_labels, source_name
from hollywood_ai.index.stories.grouping import Story


@dataclass
class SourceReport:
    id: str
    title: str
    outlet: str | None
    reports: bool
    passages: list[ScoredPassage]
    best_coverage: float = 0.0
    published: str | None = None  # the article's date (ISO), when known
    via: str | None = None  # the outlet the source names as its own
    author: str | None = None

    @property
    def name(self) -> str:
        return source_name(self.outlet, self.via, self.author)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "via": self.via,
            "reports": self.reports,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass
class Comparison:
    query: str
    story: Story | None
    sources: list[SourceReport]
    discrepancies: list[Discrepancy]
    terms: list[str] = field(default_factory=list)
    scope: ScopeInfo | None = None  # what it was made over

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "story": self.story.to_dict() if self.story else None,
            "scope": self.scope.to_dict() if self.scope else None,
            "sources": [s.to_dict() for s in self.sources],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }

    def labels(self) -> dict[str, str]:
        """A name per source, in full (a presenter cuts it to its room): the
        one source_name gives, with the title after it when two sources would
        otherwise read the same."""
        return source_labels({s.id: (s.name, s.title) for s in self.sources})


@dataclass
class ScopeInfo:
    """What a comparison was made over: ``articles`` in the scope, of which
    ``scored`` were read and scored (the others are listed as silent)."""

    kind: str
    articles: int
    scored: int
    description: str
    query: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "query": self.query,
            "articles": self.articles,
            "scored": self.scored,
            "description": self.description,
        }

    @property
    def unscored(self) -> int:
        return self.articles - self.scored
