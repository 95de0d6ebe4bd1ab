"""The reading pane: the article's metadata over its rendered Markdown.

The body is drawn block by block (``document.py`` parses it, ``blocks.py``
draws it) so the pane can mark the words of the current search, step through
them with ``n``/``N`` and scroll to a passage asked for by compare or facts,
lighting it up.
"""

from __future__ import annotations

import re

from hollywood_ai.index import Article
from hollywood_ai.tui.document import Block, clean, line_of, parse, place_of
from hollywood_ai.tui.terms import Terms, match_spans
from hollywood_ai.tui.widgets.blocks import (
    CURRENT_STYLE,
    MATCH_STYLE,
    PASSAGE_STYLE,
    ItemBlock,
    Mark,
    TableBlock,
    TextBlock,
    header_content,
)
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

__all__ = ["CURRENT_STYLE", "MATCH_STYLE", "PASSAGE_STYLE", "ItemBlock", "ReadingPane", "TextBlock"]



def _without_repeated_title(blocks: list[Block], title: str) -> list[Block]:
    """The blocks, less a first heading that only repeats the title the
    header already shows."""

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    if blocks and blocks[0].kind == "heading" and words(blocks[0].plain) == words(title):
        return blocks[1:]
    return blocks

class ReadingPane(VerticalScroll):
    """Shows one article; marks search words and a passage; scrolls like a pager."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="pane.down"),
        Binding("k", "scroll_up", "Up", show=False, id="pane.up"),
        Binding("space", "page_down", "Page down", show=False, id="pane.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="pane.page_up"),
        Binding("g", "scroll_home", "Top", show=False, id="pane.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="pane.bottom"),
    ]

    DEFAULT_CSS = """
    ReadingPane { padding: 0 1 0 2; scrollbar-size-vertical: 1; }
    ReadingPane > #article-header {
        padding: 1 0 0 0;
        margin-bottom: 1;
        border-bottom: solid $primary-muted;
    }
    ReadingPane > #article-blocks { height: auto; }
    ReadingPane .-heading { text-style: bold; color: $text-primary; margin: 0 0 1 0; }
    ReadingPane .-heading.-level-1 { text-style: bold underline; }
    ReadingPane .-heading.-level-3, ReadingPane .-heading.-level-4,
    ReadingPane .-heading.-level-5, ReadingPane .-heading.-level-6 { color: $text-secondary; }
    ReadingPane .-quote { border-left: outer $primary-muted; padding-left: 1; color: $text-muted; }
    ReadingPane .-code { background: $surface; padding: 0 1; }
    ReadingPane .-rule { border-bottom: hkey $primary-muted; height: 1; }
    ReadingPane .-item { margin: 0; }
    ReadingPane .-item.-last { margin-bottom: 1; }
    ReadingPane .-flash { background: $accent 25%; }
    ReadingPane > #placeholder { color: $text-muted; padding: 2 0; text-align: center; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.blocks: list[Block] = []
        self.terms: Terms = Terms()
        self.matches: list[Mark] = []
        self.current: int = -1
        self.passage: Mark | None = None
        self.passage_block: int | None = None
        self.passage_row: int | None = None  # the table row, when the passage is one
        # The lit passage's offsets into the body, as asked for.
        self.passage_span: tuple[int, int] | None = None
        self._row_marks: list[Mark] = []
        self._painted: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(
            Content("Pick an article from the list to read it here."),
            id="placeholder",
        )

    # --------------------------------------------------------------- showing

    async def show(
        self,
        article: Article,
        terms: Terms | None = None,
        passage: tuple[int, int] | None = None,
        scroll_y: float | None = None,
    ) -> None:
        """Show ``article``; mark ``terms``; scroll to and light up ``passage``."""
        self.terms = terms or Terms()
        if self.article is not None and self.article.id == article.id and self.blocks:
            # The same article again (say, the list catching up with an open
            # request): keep the lit passage and the place unless asked to move.
            self.article = article
            self._update_header()
            self._mark(passage if passage is not None else (-1, -1))
            if passage is not None:
                self._scroll_after(passage, scroll_y)
            return
        self.article = article
        self.blocks = _without_repeated_title(parse(article.body), article.title)
        widgets: list[Widget] = [Static(header_content(article, self.terms), id="article-header")]
        for i, block in enumerate(self.blocks):
            if block.kind == "item":
                item = ItemBlock(block)
                nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
                if nxt is None or nxt.kind != "item":
                    item.add_class("-last")
                widgets.append(item)
            elif block.kind == "table":
                widgets.append(TableBlock(block))
            else:
                widgets.append(TextBlock(block))
        self.border_title = Content(clean(article.source_name))
        async with self.batch():
            await self.remove_children()
            await self.mount_all(widgets)
        self._mark(passage)
        self._scroll_after(passage, scroll_y)

    async def clear(self) -> None:
        """No article (an empty library)."""
        self.article = None
        self.blocks = []
        self.matches = []
        self.current = -1
        self.passage, self.passage_block, self.passage_row = None, None, None
        self.passage_span = None
        self.border_subtitle = None
        self.border_title = Content("Article")
        await self.remove_children()
        await self.mount(Static(Content("No article to show."), id="placeholder"))

    def set_terms(self, terms: Terms) -> None:
        """Mark a new search's words in the article on show."""
        self.terms = terms
        if self.article is None:
            return
        self._update_header()
        self._mark(None if self.passage is None else (-1, -1))
        if self.matches:
            self.current = 0
            self._paint()
            self._scroll_to_current()

    def _update_header(self) -> None:
        if self.article is None:
            return
        for header in self.query("#article-header").results(Static):
            header.update(header_content(self.article, self.terms))

    @property
    def block_widgets(self) -> list[Widget]:
        return [w for w in self.children if w.has_class("block")]

    # ------------------------------------------------------------- marking

    def _mark(self, passage: tuple[int, int] | None) -> None:
        """Find the search matches and the passage, then paint them."""
        self.matches = []
        for b, block in enumerate(self.blocks):
            for p, part in enumerate(block.parts):
                for start, end in match_spans(part.plain, self.terms):
                    self.matches.append(Mark(b, p, start, end))
        self.current = 0 if self.matches else -1
        if passage is not None and passage != (-1, -1):
            self.passage, self.passage_block = self._find_passage(*passage)
            self.passage_span = passage if self.passage is not None else None
        elif passage is None:
            self.passage, self.passage_block, self.passage_row = None, None, None
            self.passage_span = None
        if self.passage_block is not None and self.matches:
            after = [i for i, m in enumerate(self.matches) if m.block >= self.passage_block]
            self.current = after[0] if after else 0
        self._paint()

    def _find_passage(self, start: int, end: int) -> tuple[Mark | None, int | None]:
        """Light the body's characters [start, end): exactly the words drawn
        from them (see document.place_of); in a table, the whole row."""
        self._row_marks = []
        self.passage_row = None
        if self.article is None or not self.blocks:
            return None, None
        place = place_of(self.blocks, self.article.body, start, end)
        if place is None:
            return None, None
        block = self.blocks[place.block]
        if block.kind == "table":
            first = (place.row or 0) * block.columns
            part_count = min(block.columns, len(block.parts) - first)
            if part_count <= 0:
                return None, place.block
            # Mark the whole row: one Mark per cell, the first stands for all.
            self.passage_row = place.row
            self._row_marks = [
                Mark(place.block, first + c, 0, len(block.parts[first + c].plain))
                for c in range(part_count)
            ]
            return self._row_marks[0], place.block
        return Mark(place.block, place.part, place.start, place.end), place.block

    def _paint(self) -> None:
        per_block: dict[int, list[tuple[Mark, str]]] = {}
        if self.passage is not None:
            marks = self._row_marks or [self.passage]
            for mark in marks:
                per_block.setdefault(mark.block, []).append((mark, PASSAGE_STYLE))
        for i, mark in enumerate(self.matches):
            style = CURRENT_STYLE if i == self.current else MATCH_STYLE
            per_block.setdefault(mark.block, []).append((mark, style))
        widgets = self.block_widgets
        touched = set(per_block) | self._painted
        for b in touched:
            if b < len(widgets):
                widget = widgets[b]
                if isinstance(widget, TextBlock | ItemBlock | TableBlock):
                    widget.paint(per_block.get(b, []))
        self._painted = set(per_block)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        if self.matches:
            self.border_subtitle = Content(f"match {self.current + 1} of {len(self.matches)} · n/N")
        elif self.terms and self.article is not None:
            self.border_subtitle = Content("no matches in this article")
        else:
            self.border_subtitle = None

    # ------------------------------------------------------------ scrolling

    def _scroll_after(self, passage: tuple[int, int] | None, scroll_y: float | None) -> None:
        def scroll() -> None:
            if passage is not None and self.passage_block is not None:
                self.scroll_to_passage()
            elif self.matches:
                self._scroll_to_current()
            elif scroll_y is not None:
                restore(scroll_y, tries=20)
            else:
                self.scroll_home(animate=False, immediate=True)

        def restore(y: float, tries: int) -> None:
            # The blocks may not be laid out yet on a slow machine (the pane
            # cannot scroll that far yet): try again shortly, for a second.
            self.scroll_to(y=y, animate=False, immediate=True)
            if self.scroll_y < y and self.max_scroll_y < y and tries:
                self.set_timer(0.05, lambda: restore(y, tries - 1))

        self.call_after_refresh(scroll)

    def scroll_to_passage(self) -> None:
        """Centre the lit passage; in a table, its row (the table may be taller
        than the pane), which is lit by itself rather than the whole table."""
        widgets = self.block_widgets
        if self.passage_block is None or self.passage_block >= len(widgets):
            return
        target = widgets[self.passage_block]
        if isinstance(target, TableBlock) and self.passage_row is not None:
            first, last = target.row_lines(self.passage_row)
            if last > first:
                box = target.virtual_region
                row = Region(box.x, box.y + first, box.width, last - first)
                self.scroll_to_region(row, animate=False, immediate=True, center=True)
                return
        self.scroll_to_center(target, animate=False, immediate=True)
        target.add_class("-flash")
        self.set_timer(1.5, lambda: target.remove_class("-flash"))

    def _scroll_to_current(self) -> None:
        if not self.matches:
            return
        widgets = self.block_widgets
        block = self.matches[self.current].block
        if block < len(widgets):
            self.scroll_to_center(widgets[block], animate=False, immediate=True)

    def next_match(self, step: int = 1) -> bool:
        """Move to the next (or previous) match; False when there are none."""
        if not self.matches:
            return False
        self.current = (self.current + step) % len(self.matches)
        self._paint()
        self._scroll_to_current()
        return True

    def top_block(self) -> Block | None:
        """The block at the top of the visible area (the reading position)."""
        top = self.scroll_y
        for widget in self.block_widgets:
            if widget.virtual_region.bottom > top:
                return getattr(widget, "block", None)
        return self.blocks[0] if self.blocks else None

    def sentence(self) -> str:
        """The text compare starts from: the lit passage's, or (once scrolled
        or focused) the passage at the top of what is being read; "" for none."""
        article = self.article
        if article is None:
            return ""
        # The passage splitter (and its sentence rules) is loaded when first
        # needed, not before the first frame.
        from hollywood_ai.index import plain, split_passages

        if self.passage is not None and self.passage_span is not None:
            # The lit passage's own text (not the words as drawn, which add
            # link targets), found by its offsets.
            start, end = self.passage_span
            for passage in split_passages(article):
                if (passage.start, passage.end) == (start, end):
                    return clean(passage.text)
            return clean(plain(article.body[start:end]))
        block = self.top_block() if self.scroll_y > 0 or self.has_focus else None
        if block is None:
            return ""
        for passage in split_passages(article):
            if line_of(article.body, passage.start) >= block.lines[0]:
                return clean(passage.text)
        return ""
