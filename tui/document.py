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


class _Drawn:
    """The text drawn from one inline token so far: its pieces, their styles,
    and for each character the body range [start, end) it comes from."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.styles: list[tuple[int, int, str | Style]] = []
        self.where: list[tuple[int, int]] = []
        self.length = 0

    def add(self, text: str, style: str, start: int, end: int, exact: bool = False) -> None:
        """Draw ``text`` from the body's [start, end); ``exact`` when each of its
        characters is the body's at start + i."""
        shown = clean(text)
        if not shown:
            return
        self.pieces.append(shown)
        if style:
            self.styles.append((self.length, self.length + len(shown), style))
        self.length += len(shown)
        if exact and shown == text:
            self.where.extend((start + i, start + i + 1) for i in range(len(shown)))
        else:
            self.where.extend([(start, end)] * len(shown))

    def content(self) -> Content:
        content = Content("".join(self.pieces))
        for start, end, span_style in self.styles:
            if end > start:
                content = content.stylize(span_style, start, end)
        return content


def inline_content(
    token: Token, offsets: list[int] | None = None
) -> tuple[Content, list[tuple[int, int]]]:
    """The inline children of a markdown-it token as styled Content, and for
    each character shown the source range [start, end) in the body it comes
    from (``offsets``: where each character of the token's content is, see
    index.markdown; without them every range is (0, 0))."""
    from hollywood_ai.index import markdown as md

    drawn = _Drawn()
    open_at: dict[str, list[int]] = {}
    links: list[tuple[int, str]] = []
    if offsets is None:
        offsets = [0] * (len(token.content) + 1)
    for piece in md.pieces(token, offsets):
        kind = piece.kind
        if kind in (md.TEXT, md.HTML):
            drawn.add(piece.text, "", piece.start, piece.end, kind == md.HTML or piece.exact)
        elif kind == md.CODE:
            drawn.add(piece.text, CODE_STYLE, piece.start, piece.end)
        elif kind == md.BREAK:
            drawn.add(" " if piece.tag == "soft" else "\n", "", piece.start, piece.end)
        elif kind == md.OPEN and piece.tag in _EMPHASIS:
            open_at.setdefault(piece.tag, []).append(drawn.length)
        elif kind == md.CLOSE and piece.tag in _EMPHASIS:
            if open_at.get(piece.tag):
                start = open_at[piece.tag].pop()
                drawn.styles.append((start, drawn.length, _EMPHASIS[piece.tag]))
        elif kind == md.OPEN and piece.tag == "link":
            links.append((drawn.length, piece.href))
        elif kind == md.CLOSE and piece.tag == "link" and links:
            _close_link(drawn, *links.pop(), piece.start, piece.end)
        elif kind == md.IMAGE:
            image = f"[image: {piece.text or 'image'}]"
            drawn.add(image, LINK_TARGET_STYLE, piece.start, piece.end)
    return drawn.content(), drawn.where


def _close_link(drawn: _Drawn, start: int, href: str, body_start: int, body_end: int) -> None:
    """A link's label (drawn from ``start``) underlined and, for a web link,
    clickable; its target after it unless the label already shows it."""
    label = "".join(drawn.pieces)[start : drawn.length]
    drawn.styles.append((start, drawn.length, LINK_STYLE))
    href = clean(href)
    if href.startswith(("http://", "https://")):
        drawn.styles.append((start, drawn.length, Style(link=href)))
    if href and not href.startswith("#") and href.strip("<>") != label.strip():
        drawn.add(f" ({href})", LINK_TARGET_STYLE, body_start, body_end)


_EMPHASIS = {"em": "italic", "strong": "bold", "s": "strike"}


def parse(body: str) -> list[Block]:
    """The blocks of a Markdown body, in order."""
    # The Markdown modules load with the first article drawn, after the first frame.
    from hollywood_ai.index import markdown as md

    reader = _BlockReader(body)
    for token in md.parse(body):
        if not reader.nest(token):
            reader.draw(token)
    return reader.blocks


class _BlockReader:
    """Turns markdown-it's tokens into blocks: :meth:`nest` follows the
    containers (lists, quotes, headings, tables), :meth:`draw` makes the
    blocks of the tokens that hold text."""

    def __init__(self, body: str) -> None:
        from hollywood_ai.index import markdown as md

        self.body = body
        self.starts = md.line_starts(body)
        self.blocks: list[Block] = []
        self.lists: list[list[int | str]] = []  # per open list: [kind, next number]
        self.item_marker: str | None = None
        self.quote_depth = 0
        self.heading_level = 0
        self.table: Block | None = None
        self.cursor = 0  # in a table row: where the previous cell ended

    def nest(self, token: Token) -> bool:
        """Follow a container's opening or closing; False for any other token."""
        kind = token.type
        span = tuple(token.map) if token.map else (0, 0)
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrs.get("start") or 1) if kind == "ordered_list_open" else 0
            self.lists.append(["ol" if start else "ul", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if self.lists:
                self.lists.pop()
        elif kind == "list_item_open" and self.lists:
            current = self.lists[-1]
            if current[0] == "ol":
                self.item_marker = f"{token.info or current[1]}."
                current[1] = int(current[1]) + 1
            else:
                self.item_marker = "•◦▪"[(len(self.lists) - 1) % 3]
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quote_depth = max(0, self.quote_depth + (1 if kind == "blockquote_open" else -1))
        elif kind == "heading_open":
            self.heading_level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
        elif kind == "heading_close":
            self.heading_level = 0
        elif kind == "table_open":
            self.table = Block("table", [], (span[0], span[1]))
        elif kind == "tr_open" and self.table is not None:
            self.table.row_lines.append(span[0])
            self.cursor = self.starts[span[0]] if span[0] < len(self.starts) else len(self.body)
        elif kind == "table_close" and self.table is not None:
            if self.table.row_lines:
                self.table.columns = max(1, len(self.table.parts) // len(self.table.row_lines))
                self.blocks.append(self.table)
            self.table = None
        else:
            return False
        return True

    def draw(self, token: Token) -> None:
        """The block of a token holding text: inline text, code, HTML or a rule."""
        kind = token.type
        lines = (token.map[0], token.map[1]) if token.map else (0, 0)
        if kind == "inline":
            self._inline(token, lines)
        elif kind in ("fence", "code_block"):
            text = clean(token.content.rstrip("\n"))
            self.blocks.append(Block("code", [Content(text)], lines))
        elif kind == "html_block":
            text = clean(token.content.strip())
            if text:
                self.blocks.append(Block("paragraph", [Content(text)], lines))
        elif kind == "hr":
            self.blocks.append(Block("rule", [Content("")], lines))

    def _inline(self, token: Token, lines: tuple[int, int]) -> None:
        """A table cell, or a heading, list item, quote or paragraph."""
        from hollywood_ai.index import markdown as md

        if self.table is not None:
            offsets = md.cell_offsets(self.body, self.starts, token, self.cursor)
            self.cursor = offsets[-1]
            content, where = inline_content(token, offsets)
            self.table.parts.append(content)
            self.table.where.append(where)
            return
        content, where = inline_content(token, md.content_offsets(self.body, self.starts, token))
        if self.heading_level:
            block = Block("heading", [content], lines, level=self.heading_level)
        elif self.lists:
            marker = self.item_marker or ""
            block = Block("item", [content], lines, level=len(self.lists), marker=marker)
            self.item_marker = None
        elif self.quote_depth:
            block = Block("quote", [content], lines, level=self.quote_depth)
        else:
            block = Block("paragraph", [content], lines)
        block.where.append(where)
        self.blocks.append(block)


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
