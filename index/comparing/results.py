"""What a comparison gives: each source's report, what differs, and what it
was made over. Plain data, with the shapes of ``compare --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.comparing.scoring import ScoredPassage
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
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

    def labels(self, width: int = 28) -> dict[str, str]:
        """A short name per source: its outlet, or the start of its title."""
        return {
            s.id: s.outlet
            or (s.title if len(s.title) <= width else s.title[: width - 1].rstrip() + "…")
            for s in self.sources
        }


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
