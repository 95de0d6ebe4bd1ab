"""An article's Markdown as a list of blocks the reading pane can draw and mark.

markdown-it-py (the parser Textual's own Markdown widget uses) reads the body;
each block keeps its inline styling as Textual ``Content`` (never markup: every
piece of article text goes in as plain text, control characters stripped) and
the source lines it came from, so the pane can highlight search words in it and
scroll to a passage given as character offsets into the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hollywood_ai.index import markdown as md
from hollywood_ai.index import strip_controls
from textual.content import Content
from textual.style import Style

if TYPE_CHECKING:
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
    source line range; ``row_lines`` the source line of each table row;
    ``where`` per part, for each character of its text, the body range
    [start, end) it was drawn from (empty for code blocks and rules).
    """

    kind: str
    parts: list[Content]
    lines: tuple[int, int]
    level: int = 0
    marker: str = ""
    columns: int = 0
    row_lines: list[int] = field(default_factory=list)
    where: list[list[tuple[int, int]]] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return "\n".join(p.plain for p in self.parts)


def clean(text: str) -> str:
    """Article text safe to show: no escape sequences, no control characters."""
    return strip_controls(text)


def inline_content(
    token: Token, offsets: list[int] | None = None
) -> tuple[Content, list[tuple[int, int]]]:
    """The inline children of a markdown-it token as styled Content, and for
    each character shown the source range [start, end) in the body it comes
    from (``offsets``: where each character of the token's content is, see
    index.markdown; without them every range is (0, 0))."""
    pieces: list[tuple[str, str]] = []
    styles: list[tuple[int, int, str | Style]] = []
    where: list[tuple[int, int]] = []
    open_at: dict[str, list[int]] = {}
    links: list[tuple[int, str]] = []
    length = 0

    def add(text: str, style: str, start: int, end: int, exact: bool = False) -> None:
        nonlocal length
        shown = clean(text)
        if not shown:
            return
        pieces.append((shown, style))
        if style:
            styles.append((length, length + len(shown), style))
        length += len(shown)
        if exact and shown == text:
            where.extend((start + i, start + i + 1) for i in range(len(shown)))
        else:
            where.extend([(start, end)] * len(shown))

    if offsets is None:
        offsets = [0] * (len(token.content) + 1)
    for piece in md.pieces(token, offsets):
        kind = piece.kind
        if kind == md.TEXT:
            add(piece.text, "", piece.start, piece.end, piece.exact)
        elif kind == md.HTML:
            add(piece.text, "", piece.start, piece.end, True)
        elif kind == md.CODE:
            add(piece.text, CODE_STYLE, piece.start, piece.end)
        elif kind == md.BREAK:
            add(" " if piece.tag == "soft" else "\n", "", piece.start, piece.end)
        elif kind == md.OPEN and piece.tag in _EMPHASIS:
            open_at.setdefault(piece.tag, []).append(length)
        elif kind == md.CLOSE and piece.tag in _EMPHASIS:
            if open_at.get(piece.tag):
                start = open_at[piece.tag].pop()
                styles.append((start, length, _EMPHASIS[piece.tag]))
        elif kind == md.OPEN and piece.tag == "link":
            links.append((length, piece.href))
        elif kind == md.CLOSE and piece.tag == "link" and links:
            start, href = links.pop()
            label = "".join(p for p, _ in pieces)[start:length]
            styles.append((start, length, LINK_STYLE))
            href = clean(href)
            if href.startswith(("http://", "https://")):
                styles.append((start, length, Style(link=href)))
            if href and not href.startswith("#") and href.strip("<>") != label.strip():
                add(f" ({href})", LINK_TARGET_STYLE, piece.start, piece.end)
        elif kind == md.IMAGE:
            add(f"[image: {piece.text or 'image'}]", LINK_TARGET_STYLE, piece.start, piece.end)
    content = Content("".join(p for p, _ in pieces))
    for start, end, span_style in styles:
        if end > start:
            content = content.stylize(span_style, start, end)
    return content, where


_EMPHASIS = {"em": "italic", "strong": "bold", "s": "strike"}


def parse(body: str) -> list[Block]:
    """The blocks of a Markdown body, in order."""
    tokens = md.parse(body)
    starts = md.line_starts(body)
    cursor = 0  # in a table row: where the previous cell ended
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
            cursor = starts[span[0]] if span[0] < len(starts) else len(body)
        elif kind == "table_close" and table is not None:
            if table.row_lines:
                table.columns = max(1, len(table.parts) // len(table.row_lines))
                blocks.append(table)
            table = None
        elif kind == "inline":
            lines = (span[0], span[1])
            if table is not None:
                offsets = md.cell_offsets(body, starts, token, cursor)
                cursor = offsets[-1]
                content, where = inline_content(token, offsets)
                table.parts.append(content)
                table.where.append(where)
                continue
            content, where = inline_content(token, md.content_offsets(body, starts, token))
            if heading_level:
                block = Block("heading", [content], lines, level=heading_level)
            elif lists:
                block = Block("item", [content], lines, level=len(lists), marker=item_marker or "")
                item_marker = None
            elif quote_depth:
                block = Block("quote", [content], lines, level=quote_depth)
            else:
                block = Block("paragraph", [content], lines)
            block.where.append(where)
            blocks.append(block)
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


@dataclass(frozen=True)
class Place:
    """Where a passage is drawn: block, part, [start, end) in the part's text;
    ``row`` the table row when the block is a table."""

    block: int
    part: int
    start: int
    end: int
    row: int | None = None


def place_of(blocks: list[Block], body: str, start: int, end: int) -> Place | None:
    """Where the body's characters [start, end) (a passage's offsets) are
    drawn: the first block showing any of them, from the first shown to the
    last. A passage drawn from nothing shown (a code block) gets the whole
    block on its line; None when there is no block."""
    if not blocks:
        return None
    for b, block in enumerate(blocks):
        for p, where in enumerate(block.where):
            inside = [
                i for i, (lo, hi) in enumerate(where) if start <= lo and hi <= end and hi > lo
            ]
            if not inside:
                continue
            row = p // block.columns if block.kind == "table" and block.columns else None
            return Place(b, p, inside[0], inside[-1] + 1, row)
    line = line_of(body, start)
    index = next(
        (
            b
            for b, block in enumerate(blocks)
            if block.lines[0] <= line < max(block.lines[1], block.lines[0] + 1)
        ),
        None,
    )
    if index is None:
        later = [b for b, block in enumerate(blocks) if block.lines[0] >= line]
        index = later[0] if later else len(blocks) - 1
    block = blocks[index]
    if block.kind == "table":
        row = max((r for r, at in enumerate(block.row_lines) if at <= line), default=0)
        return Place(index, row * block.columns, 0, 0, row)
    return Place(index, 0, 0, len(block.parts[0].plain) if block.parts else 0)
