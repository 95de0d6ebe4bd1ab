"""A comparison as Markdown, and the sentences the presenters share about it
(what of a large scope was read, the silent sources in one line)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from hollywood_ai.index.comparing import quotes
from hollywood_ai.index.comparing.results import Comparison, ScopeInfo, SourceReport
from hollywood_ai.index.comparing.scope import CANDIDATES
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.durable import atomic_write
from hollywood_ai.index.text.normalise import strip_controls

#: More silent sources than this are listed compactly (a count and names).
COMPACT_SILENT = 8


def scope_note(info: ScopeInfo | None) -> str:
    """What was read of a large scope, as a sentence part ("" when all was)."""
    if info is None or not info.unscored:
        return ""
    read = (
        f"the {info.scored:,} articles whose words best match the question were read"
        if info.scored >= CANDIDATES
        else (
            "only the article that shares words with the question was read"
            if info.scored == 1
            else f"only the {info.scored:,} articles that share words with the question were read"
        )
    )
    return f"{read}; the other {info.unscored:,} are counted as not reporting it"


def silent_names(sources: list[SourceReport], limit: int = 30) -> tuple[list[str], int]:
    """The silent sources as names (each once, with its count: "Variety
    (3)"), most frequent first, at
    most ``limit`` of them, and how many names were left out."""
    counts: dict[str, int] = {}
    for s in sources:
        if s.reports:
            continue
        name = strip_controls(s.name).replace("\n", " ")
        counts[name] = counts.get(name, 0) + 1
    ordered = sorted(counts, key=lambda n: (-counts[n], n.casefold()))
    shown = [f"{n} ({counts[n]:,})" if counts[n] > 1 else n for n in ordered[:limit]]
    return shown, max(0, len(ordered) - limit)


def many_silent(comparison: Comparison) -> bool:
    """Whether the silent sources are too many to show one by one."""
    return sum(1 for s in comparison.sources if not s.reports) > COMPACT_SILENT


def silent_line(comparison: Comparison, limit: int = 30) -> str:
    """ "Not reported by 9,812 sources: Variety (1,203), …, and 40 more"."""
    silent = sum(1 for s in comparison.sources if not s.reports)
    names, rest = silent_names(comparison.sources, limit)
    more = f", and {rest:,} more" if rest else ""
    return f"Not reported by {silent:,} source{'s' if silent != 1 else ''}: " + (
        ", ".join(names) + more
    )


def made_stamp(made: datetime | None = None) -> str:
    """When an export was made, to the second, in UTC."""
    return (made or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")


def to_markdown(
    comparison: Comparison,
    articles: Mapping[str, Article] | None = None,
    made: datetime | None = None,
) -> str:
    """The comparison as a Markdown document: the question, its scope and
    when it was made, what differs, each source (its full name and title,
    and from ``articles`` its date and URL, with its id) with its passages,
    and many silent sources in one line."""
    many = many_silent(comparison)
    shown = (
        replace(comparison, sources=[s for s in comparison.sources if s.reports])
        if many
        else comparison
    )
    text = _story_markdown(shown, articles or {})
    head, _, rest = text.partition("\n\n")
    info = comparison.scope
    if info is not None and info.kind != "story":
        note = scope_note(info)
        scope = f"Scope: {info.description}" + (f" ({note})" if note else "")
    elif comparison.story:
        scope = f"Scope: the story {comparison.story.label} ({comparison.story.id})"
    else:
        scope = "Scope: the sources of one story"
    lines = [f"Question: {comparison.query}", scope, f"Made: {made_stamp(made)}"]
    text = f"{head}\n\n" + "  \n".join(_md(x) for x in lines) + f"\n\n{rest}"
    if many:
        text += f"\n## Not reported\n\n{_md(silent_line(comparison, limit=500))}\n"
    return text


def _md(text: str) -> str:
    """Article text on one Markdown line, its HTML shown, never rendered."""
    return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _story_markdown(comparison: Comparison, articles: Mapping[str, Article]) -> str:
    """The comparison's discrepancies and sources as Markdown."""
    label = comparison.labels()
    lines = [f"# Compare: {_md(comparison.query)}", ""]
    if comparison.discrepancies:
        lines += ["## What differs", ""]
        for d in comparison.discrepancies:
            lines.append(f"- {_md(d.summary(label))}")
            if d.diff:
                lines.append(f"  - diff: {_md(quotes.render_diff(d.diff))}")
        lines.append("")
    # As the compare screen shows them: those that report it, first published first.
    lines += ["## Sources, first published first", ""]
    ordered = sorted(
        comparison.sources, key=lambda s: (not s.reports, s.published is None, s.published or "")
    )
    for s in ordered:
        detail = f"Source: {s.name} · {source_line(s.id, articles.get(s.id))}"
        lines += [f"### {_md(s.title)}", "", _md(detail), ""]
        if not s.reports:
            lines += ["*Not reported.*", ""]
            continue
        for p in s.passages:
            lines.append(f"> {_md(p.text)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def source_line(article_id: str, article: Article | None) -> str:
    """A source's date, address (and its source's) and id, on one line."""
    parts = []
    if article is not None:
        parts.append(f"Published: {article.published or 'date unknown'}")
        if article.url:
            parts.append(f"URL: {article.url}")
        if article.via_url:
            parts.append(f"Via URL: {article.via_url}")
    parts.append(f"ID: {article_id}")
    return " · ".join(parts)


def numbered_path(folder: Path, stem: str, suffixes: tuple[str, ...] = (".md",)) -> Path:
    """``folder``/``stem``-N with the first N for which no file with any of
    ``suffixes`` exists: a new export never replaces an earlier one. The
    path is returned with the first suffix."""
    slug = re.sub(r"[^\w]+", "-", stem.lower()).strip("-")[:50] or "export"
    n = 1
    while any((folder / f"{slug}-{n}{suffix}").exists() for suffix in suffixes):
        n += 1
    return folder / f"{slug}-{n}{suffixes[0]}"


def export_comparison(
    folder: Path, comparison: Comparison, articles: Mapping[str, Article] | None = None
) -> Path:
    """Write the comparison as Markdown to a new numbered file in ``folder``
    (compare-QUESTION-N.md); its path. OSError when it cannot be written."""
    path = numbered_path(folder, f"compare-{comparison.query}")
    atomic_write(path, to_markdown(comparison, articles).encode("utf-8"))
    return path
