"""Markdown input: telling a Markdown document from plain text, and reading its
sections and lines (title heading, tag and metadata sections, attribution and
original-link lines, site chrome)."""

from __future__ import annotations

import re

from hollywood_ai.index.ingest import chrome
from hollywood_ai.index.ingest.markdown_syntax import (
    BULLET,
    MD_LINK,
    escaped,
    strip_emphasis,
    unescaped,
)
from hollywood_ai.index.ingest.meta_lines import take_meta_line
from hollywood_ai.index.ingest.parsed import Meta
from hollywood_ai.index.ingest.titles import is_title_line

_MD_COMMENT = re.compile(r"^\s*\[//\]:\s*#\s*(\(.*\)|\".*\"|'.*')?\s*$")
_HEADING_START = re.compile(r"(#{1,6})\s+")
_LIST_ITEM = re.compile(r"\s*[*+-]\s+\S")
_STRONG = re.compile(r"(\*\*|__)\S.*?\S\1")
_TAG_SECTIONS = {"keywords", "tags", "topics", "themes", "key words", "subjects"}
_META_SECTIONS = {"other", "metadata", "meta", "details", "info"}
_ORIGINAL_LINK_TEXT = re.compile(
    r"^(external link|original( article| story| post)?|source|read (more|the original|the full (story|article))|"
    r"full (story|article)|link|via .*)$",
    re.I,
)


def _heading(line: str) -> tuple[str, str] | None:
    """An ATX heading line's marks and text (its closing hashes and spaces
    left out), or None. Taken apart by hand: the one regular expression for it
    backtracks quadratically on a long run of '#'."""
    m = _HEADING_START.match(line)
    if not m:
        return None
    return m.group(1), line[m.end() :].rstrip().rstrip("#").rstrip()


def looks_like_markdown(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    if _heading(first):  # "# Title" first: a Markdown document, however short
        return True
    score = 0
    for line in lines:
        if _heading(line):
            score += 2
        if MD_LINK.search(line):
            score += 1
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            score += 1
        if _LIST_ITEM.match(line):
            score += 1
        if _STRONG.search(line):
            score += 1
    return score >= 3


def _link_only(line: str) -> tuple[str, str] | None:
    """A line that is nothing but a (possibly emphasised) link: (text, target)."""
    m = re.fullmatch(r"(\*\*|__|\*|_)?(?P<link>\[[^\]]*\]\([^)]*\))\1?", line.strip())
    m = MD_LINK.fullmatch(m.group("link")) if m else None
    if not m:
        return None
    return strip_emphasis(m.group(1)).strip(), m.group(2)


_PAGE_NOTE = re.compile(r"[,;:]?\s*\((?:[^()]*\[[^\]]*\]\([^)]*\)[^()]*)\)\s*\.?\s*$")


def _page_link(text: str) -> str | None:
    """The address in a heading's trailing "(from page [x](y).)": the page
    this text was taken from."""
    note = _PAGE_NOTE.search(text)
    link = MD_LINK.search(note.group(0)) if note else None
    return link.group(2) if link and link.group(2).startswith(("http://", "https://")) else None


def _heading_title(text: str) -> str:
    # A trailing parenthetical that carries a link names where the digest took
    # the piece from, not the piece: "Title, (from page [x](y).)".
    text = _PAGE_NOTE.sub("", text)
    text = MD_LINK.sub(r"\1", escaped(text))
    return unescaped(strip_emphasis(text)).strip(" ,;:-–—")


def markdown_lines(lines: list[str], meta: Meta) -> list[str]:
    out: list[str] = []
    sections = _split_sections(lines)
    first_content_seen = False
    for heading, block in sections:
        level_title = heading
        if heading is not None:
            m = _heading(heading)
            assert m
            name = strip_emphasis(m[1]).strip().rstrip(":").lower()
            if name in _TAG_SECTIONS and _only_list_items(block):
                meta.add_tags([BULLET.sub("", b).strip() for b in block if b.strip()])
                continue
            if name in _META_SECTIONS and _only_key_values(block):
                continue
            if (not first_content_seen and len(m[0]) == 1 and not meta.title) or (
                not first_content_seen and not meta.title and MD_LINK.search(m[1])
            ):
                meta.title = _heading_title(m[1])
                meta.url = meta.url or _page_link(m[1])
                level_title = None
        kept = _markdown_block(block, meta)
        if level_title is not None:
            out.append(level_title)
            out.append("")
        out.extend(kept)
        if heading is not None or any(k.strip() for k in kept):
            first_content_seen = True
    # A trailing horizontal rule left behind by a removed attribution line.
    while out and (not out[-1].strip() or re.fullmatch(r"\s*([-*_]\s*){3,}", out[-1])):
        out.pop()
    return out


def take_title_line(lines: list[str], meta: Meta) -> list[str]:
    """A Markdown note with no heading whose first paragraph is one short,
    title-like line (no sentence end, no Markdown syntax): that line is its title."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return lines
    first = lines[filled[0]].strip()
    if filled[1] == filled[0] + 1 or re.match(r"^([#>|*+=`~\\-]|\d+[.)]\s)", first):
        return lines
    if not is_title_line(_heading_title(first)):
        return lines
    meta.title = _heading_title(first)
    return lines[filled[1] :]


def _split_sections(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    in_code = False
    for line in lines:
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code and _heading(line):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return sections


def _only_list_items(block: list[str]) -> bool:
    items = [b for b in block if b.strip()]
    return bool(items) and all(BULLET.match(b) for b in items)


def _only_key_values(block: list[str]) -> bool:
    items = [BULLET.sub("", b).strip() for b in block if b.strip()]
    return bool(items) and all(re.fullmatch(r"[\w ]{1,30}:\s*\S.{0,60}", i) for i in items)


def _markdown_block(block: list[str], meta: Meta) -> list[str]:
    kept: list[str] = []
    for line in block:
        if _MD_COMMENT.match(line):
            continue
        link = _link_only(line)
        if link and _ORIGINAL_LINK_TEXT.match(link[0]) and link[1].startswith("http"):
            meta.via_url = meta.via_url or link[1]
            continue
        if take_meta_line(strip_emphasis(line), meta):
            continue
        if chrome.is_chrome_line(MD_LINK.sub(r"\1", line)):
            continue
        kept.append(line.rstrip())
    return kept
