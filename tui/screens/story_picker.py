"""Pick the story compare and facts work in: a small list over the screen.

The stories come from the engine's public ``grouped`` (loaded in a thread by
:func:`load_stories`); the picker itself only shows them. :class:`StoryScreen`
is the one way compare and facts ask for a story: ``t`` finds the stories,
the picker offers them, and the screen works in the one picked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from hollywood_ai.index import Story, Workspace, grouped, strip_controls
from hollywood_ai.tui.screens.failures import ReportsFailures, failure_text
from hollywood_ai.tui.screens.story_news import FollowsStories
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

# What the picker returns for "let the engine choose" (None means cancelled).
BEST_MATCH = ""


@dataclass
class StoriesLoaded(Message):
    """The library's stories, largest first (posted by a worker), and the
    followed ones that gained articles since they were last shown (id: how many)."""

    stories: list[Story]
    gained: dict[str, int] = field(default_factory=dict)


def load_stories(workspace: Workspace) -> list[Story]:
    """The library's stories, largest first. Slow: call it from a thread."""
    return grouped(workspace)[1]


def story_label(story: Story) -> str:
    return strip_controls(story.label) or story.id


def count_text(count: int) -> str:
    """ "12 articles", or "1 article " (a space for the s, so that the
    numbers line up)."""
    return f"{count:,} article{'s' if count != 1 else ' '}"


#: The picker's width on a terminal wide enough (story_picker.tcss).
BOX_WIDTH = 72


class StoryPicker(ModalScreen[str | None]):
    """Every story with its size; Enter picks one, Esc keeps the current one."""

    CSS_PATH = "story_picker.tcss"  # loaded when the screen first opens

    BINDINGS = [
        Binding("escape", "cancel", "Keep the story", id="story.cancel"),
        Binding("t", "cancel", "Keep the story", show=False, id="story.cancel_t"),
    ]

    def __init__(
        self,
        stories: list[Story],
        current: str | None,
        best_match: str | None = None,
        gained: dict[str, int] | None = None,
    ) -> None:
        """``best_match``: the label of a first entry that lets the engine choose
        (compare picks the story the question matches best); None for no such entry.
        ``gained``: followed stories with new articles (marked, with how many)."""
        super().__init__()
        self.stories = stories
        self.gained = gained or {}
        self.current = current
        self.best_match = best_match

    def compose(self) -> ComposeResult:
        with Vertical(id="story-box") as box:
            box.border_title = "Story"
            box.border_subtitle = "Enter picks · Esc keeps"
            yield OptionList(*self._options(min(BOX_WIDTH, self.app.size.width)), id="story-list")

    def _options(self, box_width: int) -> list[Option]:
        """One line per story: its label, cut to fit, and its size in a column
        of its own at the right."""
        counts = [count_text(len(story.articles)) for story in self.stories]
        count_width = max((len(c) for c in counts), default=0)
        # A followed story with new articles says how many, in a column too.
        marks = {
            s.id: f"● {self.gained[s.id]} new" if s.id in self.gained else "" for s in self.stories
        }
        mark_width = max((len(m) for m in marks.values()), default=0)
        # The box's border, the options' padding and a scrollbar leave the rest.
        label_width = max(
            10, box_width - 2 - 2 - 1 - count_width - 2 - (mark_width + 2 if mark_width else 0)
        )
        options: list[Option] = []
        if self.best_match is not None:
            options.append(Option(Content.styled(self.best_match, "italic"), id="\0best"))
        for story, count in zip(self.stories, counts, strict=True):
            options.append(
                Option(
                    Content.assemble(
                        Content(story_label(story)).truncate(label_width, ellipsis=True, pad=True),
                        "  ",
                        (count.rjust(count_width), "$text-muted"),
                        (marks[story.id].rjust(mark_width + 2), "bold $accent")
                        if mark_width
                        else "",
                    ),
                    id=story.id,
                )
            )
        return options

    def on_resize(self) -> None:
        """Another width: the labels cut again, the highlight kept."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options(min(BOX_WIDTH, self.size.width)))
        options.highlighted = highlighted

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        wanted = self.current if self.current is not None else "\0best"
        try:
            options.highlighted = options.get_option_index(wanted)
        except OptionDoesNotExist:  # the current story is gone: the first entry
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#story-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        picked = event.option.id
        self.dismiss(BEST_MATCH if picked in (None, "\0best") else picked)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StoryScreen(FollowsStories, ReportsFailures, Screen[None]):
    """A screen that works in one story of the library (compare, facts); ``F``
    follows the story and ``N`` shows what is new in it (FollowsStories).

    ``action_story`` (bound to ``t`` by each screen) lists the stories over it;
    the one picked goes to :meth:`work_in`. The screen says where it stands
    through :meth:`set_status` and :meth:`restore_status`.
    """

    #: The label of a first entry that lets the engine choose the story, or
    #: None for no such entry.
    BEST_MATCH_ENTRY: ClassVar[str | None] = None
    #: The fewest articles a story offered in the picker holds.
    MIN_ARTICLES: ClassVar[int] = 1

    workspace: Workspace
    story: str | None

    def set_status(self, text: str) -> None:
        raise NotImplementedError

    def restore_status(self) -> None:
        raise NotImplementedError

    def work_in(self, story: Story | None) -> None:
        """Work in ``story`` (None: the one the engine matches best)."""
        raise NotImplementedError

    def action_story(self) -> None:
        self.set_status("Finding the stories…")
        self.find_stories()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def find_stories(self) -> None:
        from hollywood_ai.index import followed_stories

        stories = load_stories(self.workspace)
        gained = {
            st.id: len(f.new) for f in followed_stories(self.workspace) if f.new for st in f.now
        }
        self.post_message(StoriesLoaded(stories, gained))

    @on(StoriesLoaded)
    def _stories_loaded(self, message: StoriesLoaded) -> None:
        self.restore_status()
        stories = [s for s in message.stories if len(s.articles) >= self.MIN_ARTICLES]
        if len(stories) < 2:
            self.notify(self._no_other(len(stories)), markup=False)
            return

        def picked(story_id: str | None) -> None:
            if story_id is not None:
                self.work_in(next((s for s in stories if s.id == story_id), None))

        picker = StoryPicker(stories, self.story, self.BEST_MATCH_ENTRY, message.gained)
        self.app.push_screen(picker, picked)

    def _no_other(self, offered: int) -> str:
        if self.MIN_ARTICLES > 1:
            many = f"{self.MIN_ARTICLES} or more articles"
            if offered:
                return f"The library holds one story of {many}; there is no other to pick."
            return f"The library holds no story of {many}."
        return "The library holds one story; there is no other to pick."

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """The stories could not be found: said in the status line too."""
        if group != "stories":
            return failure_text(error)
        text = failure_text(error, "Finding the stories")
        self.set_status(text)
        return text
