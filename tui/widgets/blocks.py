"""How the reading pane draws an article: its metadata, and each Markdown
block (see ``document.py``) as a widget that can paint marks on its text.

Every piece of article text goes in as plain text (``Content``), never as
markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index import Article
from hollywood_ai.tui.document import Block, clean
from hollywood_ai.tui.terms import Terms, match_spans
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

MATCH_STYLE = "$text-warning on $warning-muted"
CURRENT_STYLE = "bold $background on $warning"
PASSAGE_STYLE = "on $accent-muted"
WORDS_PER_MINUTE = 230


def reading_time(words: int) -> str:
    return f"{max(1, round(words / WORDS_PER_MINUTE))} min read"


def header_content(article: Article, terms: Terms | None = None) -> Content:
    """The metadata block; every field goes in as plain text, never as markup."""
    title = Content(clean(article.title)).stylize("bold")
    for start, end in match_spans(title.plain, terms or Terms()):
        title = title.stylize(MATCH_STYLE, start, end)
    lines = [title.stylize("$text-primary")]
    # The author is left out where the byline already stands in for the outlet.
    author = article.author if article.outlet else None
    byline = [Content(clean(x)) for x in (article.source_name, author, article.published) if x]
    if byline:
        lines.append(Content(" · ").join(byline).stylize("italic"))
    if article.url:
        url = clean(article.url)
        line = Content(url).stylize("underline $text-muted")
        if url.startswith(("http://", "https://")):
            # A terminal hyperlink (the terminal opens it on click); built as a
            # Style object, so the URL is never parsed as a style string.
            line = line.stylize(Style(link=url))
        lines.append(line)
    if article.tags:
        lines.append(
            Content.assemble(("Tags  ", "$text-muted"), ", ".join(clean(t) for t in article.tags))
        )
    words = article.word_count
    lines.append(Content(f"{words:,} words · {reading_time(words)}").stylize("$text-muted"))
    return Content("\n").join(lines)


@dataclass(frozen=True)
class Mark:
    """A marked stretch of text: in block ``block``, part ``part``, [start, end)."""

    block: int
    part: int
    start: int
    end: int


class TextBlock(Static):
    """A paragraph, heading, quote or code block."""

    DEFAULT_CSS = """
    TextBlock { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, block: Block, **kwargs: object) -> None:
        classes = f"block -{block.kind} -level-{block.level}"
        super().__init__(block.parts[0], classes=classes, markup=False)
        self.block = block

    def paint(self, marks: list[tuple[Mark, str]]) -> None:
        content = self.block.parts[0]
        for mark, style in marks:
            content = content.stylize(style, mark.start, mark.end)
        self.update(content)


class ItemBlock(Horizontal):
    """A list item: its marker in a gutter, its text with a hanging indent."""

    DEFAULT_CSS = """
    ItemBlock { height: auto; }
    ItemBlock > .marker { width: auto; min-width: 2; padding-right: 1; color: $text-accent; }
    ItemBlock > .text { width: 1fr; height: auto; }
    """

    def __init__(self, block: Block) -> None:
        super().__init__(classes=f"block -item -level-{block.level}")
        self.block = block
        self.styles.padding = (0, 0, 0, 2 * (block.level - 1))

    def compose(self) -> ComposeResult:
        yield Static(Content(self.block.marker), classes="marker", markup=False)
        yield Static(self.block.parts[0], classes="text", markup=False)

    def paint(self, marks: list[tuple[Mark, str]]) -> None:
        content = self.block.parts[0]
        for mark, style in marks:
            content = content.stylize(style, mark.start, mark.end)
        self.query_one(".text", Static).update(content)


class TableBlock(Widget):
    """A Markdown table, drawn with box lines, cells wrapped to fit the pane."""

    DEFAULT_CSS = """
    TableBlock { height: auto; margin: 0 0 1 0; }
    """

    BORDER = "$text-muted"
    MIN_COLUMN = 14

    def __init__(self, block: Block) -> None:
        super().__init__(classes="block -table")
        self.block = block
        self.cells: list[Content] = list(block.parts)

    def paint(self, marks: list[tuple[Mark, str]]) -> None:
        cells = list(self.block.parts)
        for mark, style in marks:
            if mark.part < len(cells):
                cells[mark.part] = cells[mark.part].stylize(style, mark.start, mark.end)
        self.cells = cells
        self.refresh(layout=True)

    def _widths(self, width: int) -> list[int]:
        n = self.block.columns
        natural = [3] * n
        for i, cell in enumerate(self.cells):
            natural[i % n] = max(natural[i % n], cell.cell_length)
        room = max(n * 4, width - (3 * n + 1))
        widths = list(natural)
        while sum(widths) > room:
            widest = max(range(n), key=lambda i: widths[i])
            if widths[widest] <= 4:
                break
            widths[widest] -= 1
        return widths

    def _lines(self, width: int) -> list[Content]:
        return self._layout(width)[0]

    def row_lines(self, row: int) -> tuple[int, int]:
        """The lines [first, last) that row ``row`` (0 is the header) takes when
        drawn at the widget's width."""
        spans = self._layout(self.content_region.width or self.size.width)[1]
        return spans.get(row, (0, 0))

    def _layout(self, width: int) -> tuple[list[Content], dict[int, tuple[int, int]]]:
        """The lines, and where each row sits among them."""
        n = self.block.columns
        if not n:
            return [], {}
        if (width - (3 * n + 1)) / n < self.MIN_COLUMN:
            return self._records(width)
        widths = self._widths(width)
        border = self.BORDER

        def rule(left: str, mid: str, right: str) -> Content:
            return Content(left + mid.join("─" * (w + 2) for w in widths) + right).stylize(border)

        lines = [rule("┌", "┬", "┐")]
        spans: dict[int, tuple[int, int]] = {}
        rows = [self.cells[i : i + n] for i in range(0, len(self.cells), n)]
        for r, row in enumerate(rows):
            first = len(lines)
            wrapped = []
            for c, cell in enumerate(row):
                cell = cell.stylize("bold") if r == 0 else cell
                wrapped.append(cell.wrap(widths[c]) or [Content("")])
            height = max(len(w) for w in wrapped)
            for y in range(height):
                parts = [Content("│").stylize(border)]
                for c, cell_lines in enumerate(wrapped):
                    text = cell_lines[y] if y < len(cell_lines) else Content("")
                    parts.append(Content(" ") + text.pad_right(widths[c] - text.cell_length))
                    parts.append(Content(" │").stylize(border))
                lines.append(Content("").join(parts))
            spans[r] = (first, len(lines))
            if r < len(rows) - 1:
                lines.append(rule("├", "┼", "┤"))
        lines.append(rule("└", "┴", "┘"))
        return lines, spans

    def _records(self, width: int) -> tuple[list[Content], dict[int, tuple[int, int]]]:
        """Too many columns for the width: each row as a record, one field a line,
        labelled with the header, so no cell is squeezed to a few letters."""
        n = self.block.columns
        rows = [self.cells[i : i + n] for i in range(0, len(self.cells), n)]
        header = [c.plain for c in rows[0]] if rows else []
        label_width = min(max((len(h) for h in header), default=0), max(8, width // 4))
        value_width = max(10, width - label_width - 4)
        lines: list[Content] = []
        spans: dict[int, tuple[int, int]] = {}
        for r, row in enumerate(rows[1:], start=1):
            lines.append(Content("─" * width).stylize(self.BORDER))
            first = len(lines)
            for c, cell in enumerate(row):
                label = header[c] if c < len(header) else ""
                label = label if len(label) <= label_width else label[: label_width - 1] + "…"
                wrapped = cell.wrap(value_width) or [Content("")]
                for y, text in enumerate(wrapped):
                    shown = label if y == 0 else ""
                    lines.append(
                        Content.assemble(
                            (f"  {shown:<{label_width}}  ", "bold $text-secondary"),
                            text.stylize("bold") if c == 0 else text,
                        )
                    )
            spans[r] = (first, len(lines))
            if r == len(rows) - 1:
                lines.append(Content("─" * width).stylize(self.BORDER))
        return lines, spans

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width or self.size.width))
