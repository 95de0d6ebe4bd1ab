"""The article list: title over outlet and date, one option per article.

Wide, each article takes two lines (three with a search snippet); narrow, one
line laid out like a table (date, outlet, title) so five articles fit above the
reading pane on an 80x24 terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from hollywood_ai.tui.document import clean
from hollywood_ai.tui.messages import ArticleSelected
from hollywood_ai.tui.widgets.article_entries import ArticleEntries, Entry, index_of
from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

SNIPPET_MATCH = "bold $text-warning"
OUTLET_WIDTH = 14
PROMPT_CACHE = 50_000
#: Rows put in at once around the kept article: at most this many, and no
#: more than two screens of them (see ArticleList.first_rows); then rows per
#: chunk after the first paint, and the pause between chunks (keys are
#: served between).
FIRST_ROWS = 120
FILL_CHUNK = 200
FILL_PAUSE = 0.01
#: Rows a list grows to in place (each row is set again, in one go); a longer
#: list is filled again in chunks.
GROW_UP_TO = 2_000


UNREAD_MARK = "● "


def entry_prompt(entry: Entry, compact: bool = False, unread: bool = False) -> Content:
    """Untrusted title, outlet and snippet as plain Content: never parsed as markup.
    An unread article's title starts with UNREAD_MARK."""
    title = Content(" ".join(clean(entry.title).split()) or "(untitled)")
    if unread:
        title = Content.assemble((UNREAD_MARK, "$accent"), title)
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
        self.entries: Sequence[Entry] = []
        self.compact = False
        self.generation = 0
        self._prompts: dict[tuple[Entry, bool, bool], Content] = {}
        self.unread: set[str] = set()  # the ids of the unread articles
        # The width a row's text has, taken on the main thread at each resize,
        # for lay_out in a worker (which reads no geometry of its own).
        self._text_width = 0
        # The rows in the list so far are entries[_lo:_hi] (option i is entry
        # _lo + i); those of entries[_ready:_lo] are laid out, waiting to go in
        # above. The rest follow (see _show_at).
        self._lo = 0
        self._hi = 0
        self._ready = 0

    @property
    def current_index(self) -> int | None:
        """The highlighted entry's place in ``entries``."""
        if self.highlighted is None:
            return None
        index = self._lo + self.highlighted
        return index if 0 <= index < len(self.entries) else None

    @property
    def current_id(self) -> str | None:
        index = self.current_index
        return None if index is None else self.entries[index].id

    @property
    def filled(self) -> bool:
        """Every entry has its row."""
        return self._lo == 0 and self._hi == len(self.entries)

    def show(self, entries: Sequence[Entry], keep: str | None = None) -> None:
        """Replace the rows, keeping ``keep`` highlighted when it is still there
        (an ArticleEntries makes only the rows laid out)."""
        if keep == self.current_id and self._grow(entries):
            return
        self.entries = entries if isinstance(entries, ArticleEntries) else list(entries)
        self._show_at(index_of(self.entries, keep) or 0)

    def _show_at(self, index: int) -> None:
        """Put in the rows around entry ``index`` and highlight it; the rows
        before and after follow in chunks after the first paint (see
        _fill_more).

        Laying out a row costs about a fifth of a millisecond, so a list of
        10,000 articles is on screen as quickly as one of twenty, wherever the
        kept article is."""
        # Fresh option ids on every refill: OptionList caches renders by option.
        self.generation += 1
        self.clear_options()
        total = len(self.entries)
        first = self.first_rows()
        start = max(0, min(index - first // 2, total - first))
        self._lo = self._hi = self._ready = start
        self._add_after(first)
        if self.entries:
            self.highlighted = index - self._lo
            self.scroll_to_highlight()
        if not self.filled:
            generation = self.generation
            self.call_after_refresh(lambda: self._fill_more(generation))

    def first_rows(self) -> int:
        """How many rows to put in before the first paint: a screen of them
        above the highlight and one below (a row takes three lines, rule
        included; one when compact), so that the list is full wherever the
        highlight sits, and no more: each costs a fifth of a millisecond."""
        lines = max(self.app.size.height, 24)
        return min(FIRST_ROWS, 2 * (lines // (1 if self.compact else 3) + 1))

    def _grow(self, entries: Sequence[Entry]) -> bool:
        """Rows for new entries among those shown (a refresh brought them):
        the rows there stay, laid out, and keep the highlight and the view;
        False (nothing done) unless every row is in and every entry shown
        is among ``entries``, in the same order."""
        shown = self.entries
        if not self.filled or not shown or not len(shown) < len(entries) <= GROW_UP_TO:
            return False
        old = list(shown)
        option_of = {old[self._lo + i]: o for i, o in enumerate(self.options)}
        if [e for e in entries if e in option_of] != old:
            return False
        highlighted = self.highlighted
        line_of = self._line_cache.index_to_line
        offset = line_of.get(highlighted or 0, 0) - self.scroll_y
        self.generation += 1
        options = []
        for i, entry in enumerate(entries):
            option = option_of.get(entry)
            if option is None:
                option = Option(self._prompt(entry), id=f"{self.generation}:{i}:{entry.id}")
            option._divider = not self.compact and i < len(entries) - 1
            options.append(option)
        self.entries = list(entries)
        self.set_options(options)
        self._lo, self._hi = 0, len(entries)
        self._ready = 0
        if highlighted is not None:
            now = entries.index(old[highlighted])
            # The same article: no OptionHighlighted, the pane keeps its place.
            self.set_reactive(OptionList.highlighted, now)
            y = line_of.get(now, 0) - offset
            self.scroll_to(y=max(0, y), animate=False, force=True)
        return True

    def on_resize(self) -> None:
        """Keep the highlighted row in view when the list changes size (in a
        narrow terminal it is first laid out with no height, too low to be
        scrolled to the kept article)."""
        padding = self.get_component_styles("option-list--option").padding.width
        self._text_width = self.scrollable_content_region.width - padding
        self.scroll_to_highlight()

    def _rows(self, start: int, end: int) -> list[Option | None]:
        """Options for entries[start:end], each but the very last with the rule
        under it (None after an option gives it the rule, see add_options)."""
        last = len(self.entries) - 1
        options: list[Option | None] = []
        for i in range(start, end):
            entry = self.entries[i]
            options.append(Option(self._prompt(entry), id=f"{self.generation}:{i}:{entry.id}"))
            if i < last and not self.compact:
                options.append(None)
        return options

    def _add_after(self, count: int) -> None:
        """Add up to ``count`` rows at the end of those in the list."""
        end = min(self._hi + count, len(self.entries))
        if end > self._hi:
            options = self._rows(self._hi, end)
            self._hi = end
            self.add_options(options)

    def _add_before(self, count: int) -> None:
        """Add up to ``count`` rows above those in the list, keeping the same
        article highlighted and the same rows on screen.

        OptionList only appends, so the options are set again, the new ones
        first. The old ones (and the new ones laid out by _lay_out_before)
        keep the heights of their prompts, which makes this cheap per row,
        though it is paid for every row in the list. The view moves down by
        the lines added above it."""
        start = max(0, self._lo - count)
        if start == self._lo:
            return
        added = self._lo - start
        highlighted = self.highlighted
        height, y = self.virtual_size.height, self.scroll_y
        self.set_options([*self._rows(start, self._lo), *self.options])
        self._lo = start
        self._ready = min(self._ready, start)
        if highlighted is not None:
            # The same article: no OptionHighlighted, the pane keeps its place.
            self.set_reactive(OptionList.highlighted, highlighted + added)
        self.scroll_to(y=y + self.virtual_size.height - height, animate=False, force=True)

    def _lay_out_before(self, count: int) -> None:
        """Build and measure the prompts of up to ``count`` more rows above the
        list (the costly part of adding a row), for _add_before to put in."""
        start = max(0, self._ready - count)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        rules = cast(RulesMap, self.styles)
        for i in range(start, self._ready):
            prompt = self._prompt(self.entries[i])
            if width > 0:
                # Measured as OptionList measures it: the prompt keeps the height.
                prompt.get_height(rules, width)
        self._ready = start

    def _fill_more(self, generation: int) -> None:
        """A chunk of the rows still to come, on the side nearer the highlight,
        then a pause (keys are served) before the next.

        Rows after the list are appended. Rows before it are laid out a chunk
        at a time and put in when there are as many waiting as are in the list
        (or no more to come): as every row in the list is set again when rows
        go in above, that keeps the whole fill in time linear in the rows."""
        if generation != self.generation:
            return  # the list was replaced meanwhile
        here = self.current_index or 0
        if self._ready > 0 and (
            self._hi == len(self.entries) or here - self._ready <= self._hi - here
        ):
            self._lay_out_before(FILL_CHUNK)
        else:
            self._add_after(FILL_CHUNK)
        waiting = self._lo - self._ready
        if waiting and (self._ready == 0 or waiting >= self.option_count):
            self._add_before(waiting)
        if not self.filled:
            self.set_timer(FILL_PAUSE, lambda: self._fill_more(generation))

    def _prompt(self, entry: Entry) -> Content:
        """Prompts are kept: going back to the full list (Esc, sort) reuses them."""
        key = (entry, self.compact, entry.id in self.unread)
        prompt = self._prompts.get(key)
        if prompt is None:
            if len(self._prompts) > PROMPT_CACHE:
                self._prompts.clear()
            prompt = self._prompts[key] = entry_prompt(entry, *key[1:])
        return prompt

    def lay_out(self, entries: list[Entry]) -> None:
        """Build and measure the prompts of these entries ahead, from a worker
        thread (it only fills the prompt cache): the rows a refresh brings
        then cost the event loop no layout when they go in."""
        width = self._text_width
        rules = cast(RulesMap, self.styles)
        for entry in entries:
            if width > 0 and (entry, self.compact, entry.id in self.unread) not in self._prompts:
                self._prompt(entry).get_height(rules, width)

    def set_unread(self, unread: set[str], changed: str | None = None) -> None:
        """Mark these articles unread; only the row of ``changed`` is drawn
        again when it is the one that changed."""
        before, self.unread = self.unread, set(unread)
        ids = {changed} if changed is not None else before ^ self.unread
        for i in range(self._lo, self._hi):
            if self.entries[i].id in ids:
                self.replace_option_prompt_at_index(i - self._lo, self._prompt(self.entries[i]))

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        self.set_class(compact, "-compact")
        self.show(self.entries, keep=self.current_id)

    def select_id(self, article_id: str) -> bool:
        i = index_of(self.entries, article_id)
        if i is None:
            return False
        if self._lo <= i < self._hi:
            self.highlighted = i - self._lo
            self.scroll_to_highlight()
        else:
            self._show_at(i)
        return True

    # Moving past the rows in the list while the rest are still coming: the
    # rows that way are put in first (a chunk), or, for the first and the last
    # article, the list starts again around it.

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            self._add_before(FILL_CHUNK)
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted == self.option_count - 1:
            self._add_after(FILL_CHUNK)
        super().action_cursor_down()

    def action_page_up(self) -> None:
        if (self.highlighted or 0) < self.scrollable_content_region.height:
            self._add_before(FILL_CHUNK)
        super().action_page_up()

    def action_page_down(self) -> None:
        rows_below = self.option_count - 1 - (self.highlighted or 0)
        if rows_below < self.scrollable_content_region.height:
            self._add_after(FILL_CHUNK)
        super().action_page_down()

    def action_first(self) -> None:
        if self._lo > 0:
            self._show_at(0)
        else:
            super().action_first()

    def action_last(self) -> None:
        if self._hi < len(self.entries):
            self._show_at(len(self.entries) - 1)
        else:
            super().action_last()

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
