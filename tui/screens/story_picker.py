"""Pick the story compare and facts work in: a small list over the screen.

The stories come from the engine's public ``stories.grouped`` (loaded in a thread
by :func:`load_stories`); the picker itself only shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from hollywood_ai.index import Story, Workspace, grouped, strip_controls
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

# What the picker returns for "let the engine choose" (None means cancelled).
BEST_MATCH = ""


@dataclass
class StoriesLoaded(Message):
    """The library's stories, largest first (posted by a worker)."""

    stories: list[Story]


def load_stories(workspace: Workspace) -> list[Story]:
    """The library's stories, largest first. Slow: call it from a thread."""
    return grouped(workspace)[1]


def story_label(story: Story) -> str:
    return strip_controls(story.label) or story.id


class StoryPicker(ModalScreen[str | None]):
    """Every story with its size; Enter picks one, Esc keeps the current one."""

    CSS_PATH = "story_picker.tcss"  # loaded when the screen first opens

    BINDINGS = [
        Binding("escape", "cancel", "Keep the story", id="story.cancel"),
        Binding("t", "cancel", "Keep the story", show=False, id="story.cancel_t"),
    ]

    def __init__(
        self, stories: list[Story], current: str | None, best_match: str | None = None
    ) -> None:
        """``best_match``: the label of a first entry that lets the engine choose
        (compare picks the story the question matches best); None for no such entry."""
        super().__init__()
        self.stories = stories
        self.current = current
        self.best_match = best_match

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        if self.best_match is not None:
            options.append(Option(Content.styled(self.best_match, "italic"), id="\0best"))
        for story in self.stories:
            count = len(story.articles)
            options.append(
                Option(
                    Content.assemble(
                        story_label(story),
                        (f"  {count} article{'s' if count != 1 else ''}", "$text-muted"),
                    ),
                    id=story.id,
                )
            )
        with Vertical(id="story-box") as box:
            box.border_title = "Story"
            box.border_subtitle = "Enter picks · Esc keeps"
            yield OptionList(*options, id="story-list")

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
