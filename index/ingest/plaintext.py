"""Plain text (scraped from a page or typed) to Markdown: site chrome and
attribution lines out, the title taken, paragraphs, headings, bullets and
flattened tables written as Markdown, and text Markdown would misread escaped."""

from __future__ import annotations

import re

from hollywood_ai.index.ingest import chrome
from hollywood_ai.index.ingest.markdown_syntax import BULLET, SENTENCE_END
from hollywood_ai.index.ingest.meta_lines import BYLINE, take_meta_line
from hollywood_ai.index.ingest.parsed import Meta
from hollywood_ai.index.ingest.titles import is_title_line

_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
_QUESTION = re.compile(r"Q\d*\s*[:.)]\s*\S")
# The starts of a line that Markdown would read as syntax.
_MISREAD = re.compile(r"#{1,6}\s|>|\d+[.)]\s|[-*+]\s|={3,}|-{3,}|\|")


def plain_text_lines(lines: list[str], meta: Meta) -> list[str]:
    """Scraped or typed plain text to Markdown: one paragraph per line."""
    raw = [line.rstrip() for line in lines]
    repeated = chrome.repeated_short_lines(raw)
    kept: list[str] = []
    for line in raw:
        text = line.strip()
        if not text:
            kept.append("")
            continue
        if text in repeated or chrome.is_chrome_line(text):
            continue
        if take_meta_line(text, meta):
            kept.append(chrome.BYLINE_MARK if BYLINE.match(text) else "")
            continue
        kept.append(line)
    kept = chrome.drop_after_trailing_byline(kept)
    kept = [k for k in kept if k != chrome.BYLINE_MARK]
    paragraphs = [p for p in (k.strip() for k in kept) if p]
    paragraphs = chrome.drop_related_tail(paragraphs)

    # The first short line is the title; scraped pages often print it twice.
    if paragraphs and not meta.title and is_title_line(paragraphs[0]):
        meta.title = paragraphs[0]
        paragraphs = paragraphs[1:]
        while paragraphs and paragraphs[0] == meta.title:
            paragraphs = paragraphs[1:]
    elif meta.title:
        while paragraphs and paragraphs[0] == meta.title:
            paragraphs = paragraphs[1:]

    return _paragraphs_to_markdown(kept_structure(kept, paragraphs))


def kept_structure(kept: list[str], paragraphs: list[str]) -> list[str]:
    """Keep the original line order but only the paragraphs that survived."""
    out: list[str] = []
    at = 0  # the next paragraph to keep
    for line in kept:
        text = line.strip()
        if not text:
            if out and out[-1] != "":
                out.append("")
            continue
        if at < len(paragraphs) and text == paragraphs[at]:
            out.append(line)
            at += 1
    return out


def _is_heading_line(text: str) -> bool:
    words = text.split()
    if not (1 <= len(words) <= 10) or len(text) > 80:
        return False
    if SENTENCE_END.search(text) or text.endswith((",", "?")):
        return False
    if BULLET.match(text) or _NUMBERED.match(text):
        return False
    return text[:1].isupper()


def _paragraphs_to_markdown(lines: list[str]) -> list[str]:
    """Group the kept lines into blocks (separated by blank lines) and render each."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    out: list[str] = []
    for block in (b for b in blocks if b):
        table = _flattened_table(block)
        if table:
            out.extend(table)
            out.append("")
            continue
        for line in block:
            text = line.strip()
            if BULLET.match(line):
                out.append("- " + _escape_md(BULLET.sub("", line).strip()))
                if len(block) == 1:
                    out.append("")
                continue
            if out and out[-1].startswith("- "):
                out.append("")
            if len(block) == 1 and _is_heading_line(text):
                out.append("## " + text)
            elif _QUESTION.match(text) and text.endswith("?"):
                out.append("**" + _escape_md(text) + "**")
            else:
                out.append(_escape_md(text))
            out.append("")
        if out and out[-1] != "":
            out.append("")
    return out


def _escape_md(text: str) -> str:
    """Plain text that Markdown would misread: leading #, >, numbered-list digits."""
    if _MISREAD.match(text):
        return "\\" + text
    return text


def _flattened_table(block: list[str]) -> list[str] | None:
    """A table flattened to text: a header of a few short words, then rows that
    start with as many single-token cells (years, numbers, codes)."""
    if len(block) < 3:
        return None
    header = block[0].split()
    if not (2 <= len(header) <= 5) or SENTENCE_END.search(block[0]):
        return None
    if not all(w[:1].isupper() and w.isalpha() for w in header):
        return None
    n = len(header)
    rows = []
    for line in block[1:]:
        cells = line.split()
        if len(cells) < n or BULLET.match(line):
            return None
        lead = cells[: n - 1]
        if not all(
            re.fullmatch(r"[\w$%.,/–-]{1,12}", c) and any(ch.isdigit() for ch in c) for c in lead
        ):
            return None
        rows.append([*lead, " ".join(cells[n - 1 :])])

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [row(header), "|" + "|".join(["---"] * n) + "|", *[row(r) for r in rows]]
