"""The sources of the compare screen, two ways: as columns side by side (as
many whole columns as the width holds, the others reached by moving along),
or as a list with one row per source (its date, outlet, figures and best
passage), for many sources. Either way in order of publication."""

from __future__ import annotations

import re

from hollywood_ai.index import Comparison, SourceReport, strip_controls
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

#: The narrowest a column gets: fewer columns show, the others scroll into view.
MIN_COLUMN = 36
#: From this many reporting sources the screen opens on the list (v switches).
LIST_FROM = 6
UNDATED = "no date"


def passage_content(text: str, spans: list[tuple[int, int]]) -> Content:
    """A passage with its matched words highlighted; never read as markup."""
    content = Content(strip_controls(text))
    for start, end in spans:
        content = content.stylize("bold underline $text-accent", start, end)
    return content


def by_date(c: Comparison) -> list[SourceReport]:
    """The sources that report it, the first published first (undated last;
    the same date in the engine's order)."""
    reporting = [s for s in c.sources if s.reports]
    return sorted(reporting, key=lambda s: (s.published is None, s.published or ""))


def date_of(source: SourceReport) -> str:
    return strip_controls(source.published or "")[:10] or UNDATED


def visible_columns(width: int, sources: int) -> int:
    """How many whole columns of at least MIN_COLUMN fit in ``width``."""
    return max(1, min(sources, (width - 2) // MIN_COLUMN))


def window_start(first: int, focus: int, visible: int, total: int) -> int:
    """The first column shown so that ``focus`` is in view, moving as little
    as it can from ``first``."""
    if focus < first:
        first = focus
    elif focus >= first + visible:
        first = focus - visible + 1
    return max(0, min(first, total - visible))


# A figure as written: "$4 million", "40 percent", "17%", "10x", "1,200".
_FIGURE = re.compile(
    r"[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|thousand|times|x)\b|%)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def figures_of(source: SourceReport, c: Comparison) -> list[str]:
    """The figures the source gives: those the comparison sets against the
    other sources' (what differs), else the figures of its best passage."""
    given = [
        strip_controls(d.values[source.id])
        for d in c.discrepancies
        if d.kind == "number" and source.id in d.values
    ]
    if not given and source.passages:
        found = [m.group(0).rstrip(",") for m in _FIGURE.finditer(source.passages[0].text)]
        given = [f for f in found if not _YEAR.fullmatch(f)]
    return list(dict.fromkeys(given))[:3]


def around_match(passage: Content, spans: list[tuple[int, int]], width: int) -> Content:
    """The passage in ``width`` cells: from its start, or, when its first lit
    word would fall past the first third, from the word before it after a "…"."""
    passage = Content(" ").join(passage.split("\n"))
    if passage.cell_length <= width or not spans:
        return passage.truncate(width, ellipsis=True)
    first = min(start for start, _end in spans)
    if first < width // 3:
        return passage.truncate(width, ellipsis=True)
    start = passage.plain.rfind(" ", 0, max(0, first - 1)) + 1
    return Content.assemble("…", passage[start:]).truncate(width, ellipsis=True)


def one_line(text: str) -> str:
    return " ".join(strip_controls(text).split())


# One entry in the footer stands for both arrows.
COLUMN_KEYS = [
    Binding(
        "left",
        "screen.column(-1)",
        "Source",
        key_display="← →",
        tooltip="Previous source, next source",
        id="compare.column_left",
    ),
    Binding(
        "right",
        "screen.column(1)",
        "Next source",
        show=False,
        tooltip="Next source",
        id="compare.column_right",
    ),
]


class PassageList(OptionList):
    """A source's passages; Enter opens the highlighted one in the reader."""

    BINDINGS = [
        *COLUMN_KEYS,
        Binding(
            "enter",
            "select",
            "Open",
            tooltip="Open the passage in the reader, lit",
            id="compare.open",
        ),
    ]


class SourceColumn(Vertical):
    """One source that reports it: outlet and date at the head, its title,
    its passages below. (The silent ones are named in one line instead.)"""

    DEFAULT_CSS = """
    SourceColumn {
        width: 1fr;
        height: 1fr;
        border: round $primary-muted;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
    }
    SourceColumn:focus-within { border: round $accent; border-title-color: $accent; }
    SourceColumn > .column-head { height: auto; padding: 0 1; color: $text; }
    SourceColumn > OptionList, SourceColumn > OptionList:focus {
        height: 1fr; border: none; background: transparent; padding: 0;
    }
    SourceColumn > OptionList > .option-list--option { padding: 0 1; }
    """

    # Here and on the passage lists rather than on the screen, so that they win
    # over the keys of the containers they sit in.
    BINDINGS = [*COLUMN_KEYS]

    def __init__(self, source: SourceReport, place: str = "") -> None:
        """``place``: "3 of 11". The title is the source's name and its date;
        the article's title heads the column, so two sources of one outlet
        are told apart there."""
        super().__init__()
        self.source = source
        self.border_title = self._title(MIN_COLUMN)
        self.border_subtitle = Content(place)

    def _title(self, width: int) -> Content:
        """Name · date, the name cut so that the date always shows."""
        date = f" · {date_of(self.source)}"
        name = one_line(self.source.name)
        room = max(8, width - 6 - len(date))  # corners, the title's padding
        if len(name) > room:
            name = name[: room - 1].rstrip() + "…"
        return Content(name + date)

    def on_resize(self) -> None:
        self.border_title = self._title(self.outer_size.width)

    def compose(self) -> ComposeResult:
        s = self.source
        head = Content.assemble((strip_controls(s.title), "bold"))
        yield Static(head, classes="column-head", markup=False)
        options = PassageList(classes="passages")
        for i, p in enumerate(s.passages):
            if i:
                options.add_option(None)
            options.add_option(Option(passage_content(p.text, p.spans), id=str(i)))
        yield options

    def focus_passages(self) -> bool:
        lists = self.query(OptionList)
        if lists:
            options = lists.first()
            if options.highlighted is None and options.option_count:
                options.highlighted = 0
            options.focus()
            return True
        self.focus()
        return False


class SourceList(OptionList):
    """The sources one row each: date, outlet, figures, best passage. Enter
    opens the source at that passage."""

    DEFAULT_CSS = """
    SourceList {
        height: 1fr; margin: 0 1; border: round $primary-muted; border-title-color: $text-muted;
    }
    SourceList:focus { border: round $accent; }
    SourceList > .option-list--option { padding: 0 1; }
    """

    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Open",
            tooltip="Open the source in the reader, at its passage",
            id="compare.open_row",
        ),
        Binding(
            "j",
            "cursor_down",
            "Down",
            show=False,
            tooltip="In the list of sources: the next source",
            id="compare.list_down",
        ),
        Binding(
            "k",
            "cursor_up",
            "Up",
            show=False,
            tooltip="In the list of sources: the previous source",
            id="compare.list_up",
        ),
    ]

    def on_mount(self) -> None:
        self.border_title = "Published · Outlet · Figures · Best passage"

    def show(
        self, c: Comparison, label: dict[str, str], sources: list[SourceReport], width: int
    ) -> None:
        """One row per source, cut to ``width`` cells (what the rows have
        inside the border, the padding and a scrollbar); ``label``: their
        names, from ``Comparison.labels``."""
        figures = {s.id: ", ".join(figures_of(s, c)) for s in sources}
        narrow = width < 100
        outlet_w = min(
            18 if narrow else 26, max((len(one_line(label[s.id])) for s in sources), default=0)
        )
        figures_w = min(14 if narrow else 24, max((len(f) for f in figures.values()), default=0))
        passage_w = max(10, width - 10 - outlet_w - figures_w - 6)
        highlighted = self.highlighted
        self.clear_options()
        for i, s in enumerate(sources):
            best = s.passages[0] if s.passages else None
            passage = (
                around_match(passage_content(best.text, best.spans), best.spans, passage_w)
                if best
                else Content("")
            )
            row = Content.assemble(
                Content.styled(date_of(s), "$text-muted").truncate(10, pad=True),
                "  ",
                Content.styled(one_line(label[s.id]), "bold").truncate(
                    outlet_w, ellipsis=True, pad=True
                ),
                "  ",
                Content.styled(figures[s.id], "bold $text-warning").truncate(
                    figures_w, ellipsis=True, pad=True
                ),
                "  ",
                passage,
            )
            self.add_option(Option(row, id=str(i)))
        if self.option_count:
            self.highlighted = min(highlighted or 0, self.option_count - 1)


def heading(
    sources: list[SourceReport],
    label: dict[str, str],
    *,
    as_list: bool,
    first: int,
    visible: int,
    focus: int | None,
) -> Content:
    """The line over the sources: which are in view, in what order, which has
    the focus, and how to switch the view."""
    n = len(sources)
    if not n:
        return Content("")
    order = ", first published first" if n > 1 else ""
    switch = Content.styled(" · v: columns" if as_list else " · v: list", "$text-muted")
    if as_list:
        return Content.assemble(f"{n:,} sources{order}, one row each", switch)
    shown = (
        f"Sources {first + 1}-{first + visible} of {n:,}"
        if visible < n
        else (f"{n} sources" if n > 1 else "1 source")
    )
    parts: list[Content | str | tuple[str, str]] = [shown + order]
    if focus is not None and 0 <= focus < n:
        s = sources[focus]
        parts += [" · on ", (one_line(label[s.id]), "bold")]
    return Content.assemble(*parts, switch)
