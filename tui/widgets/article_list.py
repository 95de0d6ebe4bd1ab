"""The article list: title over outlet and date, one option per article.

Wide, each article takes two lines (three with a search snippet); narrow, one
line laid out like a table (date, outlet, title) so five articles fit above the
reading pane on an 80x24 terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index.model import Article
from hollywood_ai.tui.document import clean
from hollywood_ai.tui.messages import ArticleSelected
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

SNIPPET_MATCH = "bold $text-warning"
OUTLET_WIDTH = 14
PROMPT_CACHE = 50_000
#: Rows put in at once (more than any screen shows), then rows per chunk after
#: the first paint, and the pause between chunks (keys are served between).
FIRST_ROWS = 120
FILL_CHUNK = 200
FILL_PAUSE = 0.01


@dataclass(frozen=True)
class Entry:
    """One row: an article, or a search hit with its snippet."""

    id: str
    title: str
    outlet: str | None
    published: str | None
    snippet: str = ""
    spans: tuple[tuple[int, int], ...] = ()
    origin: str = ""

    @staticmethod
    def of(article: Article) -> Entry:
        return Entry(
            article.id,
            article.title,
            article.outlet,
            article.published,
            origin=article.origin.replace("\\", "/").rsplit("/", 1)[-1],
        )


def entry_prompt(entry: Entry, compact: bool = False) -> Content:
    """Untrusted title, outlet and snippet as plain Content: never parsed as markup."""
    title = Content(" ".join(clean(entry.title).split()) or "(untitled)")
    if compact:
        date = entry.published or "—"
        outlet = clean(entry.outlet or "")
        if len(outlet) > OUTLET_WIDTH:
            outlet = outlet[: OUTLET_WIDTH - 1] + "…"
        return Content.assemble(
            (f" {date:<10}  ", "$text-muted"),
            (f"{outlet:<{OUTLET_WIDTH}}  ", "italic"),
            title.stylize("bold"),
        )
    parts = [title.stylize("bold")]
    meta = " · ".join(clean(x) for x in (entry.outlet, entry.published) if x)
    parts.append(
        Content(meta or clean(entry.origin) or "no outlet, no date").stylize("$text-muted")
    )
    if entry.snippet:
        snippet = Content(" ".join(clean(entry.snippet).split("\n")))
        if len(snippet.plain) == len(entry.snippet):
            for start, end in entry.spans:
                snippet = snippet.stylize(SNIPPET_MATCH, start, end)
        parts.append(snippet.stylize("italic"))
    return Content("\n").join(parts)


class ArticleList(OptionList):
    """The articles (or the search hits); highlighting one shows it."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("enter", "select", "Read", id="list.read"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]

    DEFAULT_CSS = """
    ArticleList { height: 1fr; }
    ArticleList > .option-list--option { padding: 0 1; }
    ArticleList.-compact { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class Opened(Message):
        """Enter (or a click) on an article: read it."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.compact = False
        self.generation = 0
        self._prompts: dict[tuple[Entry, bool], Content] = {}
        self._filled = 0  # rows put in so far (the rest follow: see show)

    @property
    def current_id(self) -> str | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.entries)):
            return None
        return self.entries[self.highlighted].id

    def show(self, entries: list[Entry], keep: str | None = None) -> None:
        """Replace the rows, keeping ``keep`` highlighted when it is still there.

        The rows a screen shows are put in at once; the rest follow in chunks
        after the first paint, so a list of 10,000 articles is on screen as
        quickly as one of twenty (laying out every row takes seconds)."""
        self.entries = list(entries)
        # Fresh option ids on every refill: OptionList caches renders by option.
        self.generation += 1
        self.clear_options()
        index = next((i for i, e in enumerate(self.entries) if e.id == keep), 0)
        self._filled = 0
        self._fill_to(index + FIRST_ROWS)
        if self.entries:
            self.highlighted = index
            self.scroll_to_highlight(top=False)
        if self._filled < len(self.entries):
            generation = self.generation
            self.call_after_refresh(lambda: self._fill_more(generation))

    def _fill_to(self, end: int) -> None:
        """Add the rows up to ``end`` (exclusive) that are not in yet."""
        end = min(end, len(self.entries))
        if end <= self._filled:
            return
        options: list[Option | None] = []
        for i in range(self._filled, end):
            if i and not self.compact:
                options.append(None)
            entry = self.entries[i]
            options.append(Option(self._prompt(entry), id=f"{self.generation}:{i}:{entry.id}"))
        self._filled = end
        self.add_options(options)

    def _fill_more(self, generation: int) -> None:
        if generation != self.generation:
            return  # the list was replaced meanwhile
        self._fill_to(self._filled + FILL_CHUNK)
        if self._filled < len(self.entries):
            self.set_timer(FILL_PAUSE, lambda: self._fill_more(generation))

    def _prompt(self, entry: Entry) -> Content:
        """Prompts are kept: going back to the full list (Esc, sort) reuses them."""
        key = (entry, self.compact)
        prompt = self._prompts.get(key)
        if prompt is None:
            if len(self._prompts) > PROMPT_CACHE:
                self._prompts.clear()
            prompt = self._prompts[key] = entry_prompt(entry, self.compact)
        return prompt

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self.set_class(compact, "-compact")
        self.show(self.entries, keep=self.current_id)

    def select_id(self, article_id: str) -> bool:
        for i, entry in enumerate(self.entries):
            if entry.id == article_id:
                self._fill_to(i + FIRST_ROWS)
                self.highlighted = i
                self.scroll_to_highlight()
                return True
        return False

    def _entry_id(self, option: Option) -> str | None:
        if option.id and option.id.count(":") >= 2:
            return option.id.split(":", 2)[2]
        return None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        article_id = self._entry_id(event.option)
        if article_id:
            self.post_message(ArticleSelected(article_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        article_id = self._entry_id(event.option)
        if article_id:
            self.post_message(self.Opened(article_id))
