"""A comparison as Markdown, and the sentences the presenters share about it
(what of a large scope was read, the silent sources in one line)."""

from __future__ import annotations

from dataclasses import replace

from hollywood_ai.index.comparing import quotes
from hollywood_ai.index.comparing.results import Comparison, ScopeInfo, SourceReport
from hollywood_ai.index.comparing.scope import CANDIDATES
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


def to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown document: its scope when it is not a
    story, what differs, each source's passages, and many silent sources in
    one line."""
    many = many_silent(comparison)
    shown = (
        replace(comparison, sources=[s for s in comparison.sources if s.reports])
        if many
        else comparison
    )
    text = _story_markdown(shown)
    info = comparison.scope
    if info is not None and info.kind != "story":
        head, _, rest = text.partition("\n\n")
        note = scope_note(info)
        line = f"Scope: {info.description}" + (f" ({note})" if note else "")
        text = f"{head}\n\n{_md(line)}\n\n{rest}"
    if many:
        text += f"\n## Not reported\n\n{_md(silent_line(comparison, limit=500))}\n"
    return text


def _md(text: str) -> str:
    """Article text on one Markdown line, its HTML shown, never rendered."""
    return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _story_markdown(comparison: Comparison) -> str:
    """The comparison's discrepancies and sources as Markdown."""
    label = comparison.labels()
    lines = [f"# Compare: {_md(comparison.query)}", ""]
    if comparison.story:
        lines += [f"Story: {_md(comparison.story.label)} ({comparison.story.id})", ""]
    if comparison.discrepancies:
        lines += ["## What differs", ""]
        for d in comparison.discrepancies:
            lines.append(f"- {_md(d.summary(label))}")
            if d.diff:
                lines.append(f"  - diff: {_md(quotes.render_diff(d.diff))}")
        lines.append("")
    lines += ["## Sources", ""]
    for s in comparison.sources:
        head = f"### {_md(s.name)}: {_md(s.title)}"
        lines += [head, ""]
        if not s.reports:
            lines += ["*Not reported.*", ""]
            continue
        for p in s.passages:
            lines.append(f"> {_md(p.text)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
