"""An article's Markdown as a list of blocks the reading pane can draw and mark.

markdown-it-py (the parser Textual's own Markdown widget uses) reads the body;
each block keeps its inline styling as Textual ``Content`` (never markup: every
piece of article text goes in as plain text, control characters stripped) and
the source lines it came from, so the pane can highlight search words in it and
scroll to a passage given as character offsets into the body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hollywood_ai.index.text import strip_controls
from textual.content import Content
from textual.style import Style

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CODE_STYLE = "$text-accent"
LINK_STYLE = "underline"
LINK_TARGET_STYLE = "$text-muted"


@dataclass
class Block:
    """One block of the article.

    ``kind`` is heading, paragraph, item, quote, code, rule or table; ``level``
    the heading level, list depth or quote depth; ``parts`` the text pieces
    (one for text blocks, one per cell for tables, row by row); ``lines`` the
    source line range; ``row_lines`` the source line of each table row.
    """

    kind: str
    parts: list[Content]
    lines: tuple[int, int]
    level: int = 0
    marker: str = ""
    columns: int = 0
    row_lines: list[int] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "\n".join(p.plain for p in self.parts)


def clean(text: str) -> str:
    """Article text safe to show: no escape sequences, no control characters."""
    return strip_controls(text)


def inline_content(token: Token) -> Content:
    """The inline children of a markdown-it token as styled Content."""
    pieces: list[tuple[str, str]] = []
    styles: list[tuple[int, int, str | Style]] = []
    open_at: dict[str, list[int]] = {}
    links: list[tuple[int, str]] = []
    length = 0

    def add(text: str, style: str = "") -> None:
        nonlocal length
        text = clean(text)
        if not text:
            return
        pieces.append((text, style))
        if style:
            styles.append((length, length + len(text), style))
        length += len(text)

    for child in token.children or []:
        kind = child.type
        if kind in ("text", "html_inline"):
            add(child.content)
        elif kind == "code_inline":
            add(child.content, CODE_STYLE)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind in ("strong_open", "em_open", "s_open"):
            open_at.setdefault(kind, []).append(length)
        elif kind in ("strong_close", "em_close", "s_close"):
            opener = kind.replace("_close", "_open")
            if open_at.get(opener):
                start = open_at[opener].pop()
                style = {"strong_open": "bold", "em_open": "italic", "s_open": "strike"}[opener]
                styles.append((start, length, style))
        elif kind == "link_open":
            links.append((length, str(child.attrs.get("href") or "")))
        elif kind == "link_close" and links:
            start, href = links.pop()
            label = "".join(p for p, _ in pieces)[start:length]
            styles.append((start, length, LINK_STYLE))
            href = clean(href)
            if href.startswith(("http://", "https://")):
                styles.append((start, length, Style(link=href)))
            if href and not href.startswith("#") and href.strip("<>") != label.strip():
                add(f" ({href})", LINK_TARGET_STYLE)
        elif kind == "image":
            alt = child.content or "image"
            add(f"[image: {alt}]", LINK_TARGET_STYLE)
    content = Content("".join(p for p, _ in pieces))
    for start, end, span_style in styles:
        if end > start:
            content = content.stylize(span_style, start, end)
    return content


@functools.cache
def _parser() -> MarkdownIt:
    """The Markdown parser, made on first use: the reader's first screen (the
    list) does not need it, so start-up does not wait for its import."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def parse(body: str) -> list[Block]:
    """The blocks of a Markdown body, in order."""
    tokens = _parser().parse(body)
    blocks: list[Block] = []
    lists: list[list[int | str]] = []  # per open list: [kind, next number]
    item_marker: str | None = None
    quote_depth = 0
    heading_level = 0
    table: Block | None = None
    for token in tokens:
        kind = token.type
        span = tuple(token.map) if token.map else (0, 0)
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start") or 1) if kind == "ordered_list_open" else 0
            lists.append(["ol" if start else "ul", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open" and lists:
            current = lists[-1]
            if current[0] == "ol":
                item_marker = f"{token.info or current[1]}."
                current[1] = int(current[1]) + 1
            else:
                item_marker = "•◦▪"[(len(lists) - 1) % 3]
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif kind == "heading_open":
            heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "table_open":
            table = Block("table", [], (span[0], span[1]))
        elif kind == "tr_open" and table is not None:
            table.row_lines.append(span[0])
        elif kind == "table_close" and table is not None:
            if table.row_lines:
                table.columns = max(1, len(table.parts) // len(table.row_lines))
                blocks.append(table)
            table = None
        elif kind == "inline":
            lines = (span[0], span[1])
            content = inline_content(token)
            if table is not None:
                table.parts.append(content)
            elif heading_level:
                blocks.append(Block("heading", [content], lines, level=heading_level))
            elif lists:
                blocks.append(
                    Block("item", [content], lines, level=len(lists), marker=item_marker or "")
                )
                item_marker = None
            elif quote_depth:
                blocks.append(Block("quote", [content], lines, level=quote_depth))
            else:
                blocks.append(Block("paragraph", [content], lines))
        elif kind in ("fence", "code_block"):
            text = clean(token.content.rstrip("\n"))
            blocks.append(Block("code", [Content(text)], (span[0], span[1])))
        elif kind == "html_block":
            text = clean(token.content.strip())
            if text:
                blocks.append(Block("paragraph", [Content(text)], (span[0], span[1])))
        elif kind == "hr":
            blocks.append(Block("rule", [Content("")], (span[0], span[1])))
    return blocks


def line_of(body: str, offset: int) -> int:
    """The source line (0-based) of a character offset into ``body``."""
    return body.count("\n", 0, max(0, min(offset, len(body))))


_WORDS = re.compile(r"\w+", re.UNICODE)


def locate(text: str, passage: str) -> tuple[int, int] | None:
    """Where ``passage`` (Markdown source) sits in ``text`` (a block as shown).

    Rendering drops Markdown syntax and adds link targets, so the passage is
    found by its words: the first few open the span, the last few close it.
    """
    words = _WORDS.findall(clean(passage))
    if not words:
        return None
    gap = r"\W+(?:\([^)]*\)\W*)?"
    head = re.compile(gap.join(re.escape(w) for w in words[:4]), re.UNICODE)
    first = head.search(text)
    if first is None:
        return None
    tail = re.compile(gap.join(re.escape(w) for w in words[-4:]), re.UNICODE)
    last = None
    for m in tail.finditer(text, first.start()):
        last = m
        break
    end = last.end() if last is not None else first.end()
    while end < len(text) and text[end] in '.!?…"”’)':
        end += 1
    return first.start(), max(end, first.end())
