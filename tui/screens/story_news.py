"""Following a story from the reader, and the "new in this story" view.

:class:`FollowsStories` is mixed into the screens that know a story (compare
and facts through StoryScreen, and the main screen, where it is the story
of the highlighted article): ``F`` follows it and ``N`` opens
:class:`StoryNewsScreen`, which shows what changed in the story since it was
last shown (the new sources, the facts they add, the differences they bring
and the facts they are silent on) and counts it as shown now. The engine
does the work, in threads; results come back as messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hollywood_ai.index import HollywoodError, strip_controls
from hollywood_ai.tui.screens.failures import ReportsFailures
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Footer, Static

if TYPE_CHECKING:
    from hollywood_ai.index import StoryNews, Workspace
    from textual.app import App


@dataclass
class FollowDone(Message):
    """A story was followed (posted by the follow worker)."""

    story: str
    label: str
    already: bool


@dataclass
class NewsReady(Message):
    """What changed in followed stories (none: the story is not followed)."""

    news: list[StoryNews]


def follow_in(ws: Workspace, story: str | None, article: str | None) -> tuple[str, str, bool]:
    """Follow ``story``, or the story holding ``article``: its id, label and
    whether it was followed already. Slow: call it from a thread."""
    from hollywood_ai.index import follow, grouped

    if story is None and article is not None:
        _, stories = grouped(ws)
        story = next((s.id for s in stories if article in s.articles), None)
    if story is None:
        raise HollywoodError("there is no story here to follow; pick one with t first")
    found, already = follow(ws, story)
    return found.id, found.label, already


class FollowsStories(MessagePump):
    """``F`` follows the screen's story, ``N`` shows what is new in it."""

    workspace: Workspace
    app: App[None]

    def follow_target(self) -> tuple[str | None, str | None]:
        """The story to follow (or an article whose story it is)."""
        return getattr(self, "story", None), None

    def action_follow_story(self) -> None:
        story, article = self.follow_target()
        self.follow_worker(story, article)

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def follow_worker(self, story: str | None, article: str | None) -> None:
        self.post_message(FollowDone(*follow_in(self.workspace, story, article)))

    @on(FollowDone)
    def _followed(self, message: FollowDone) -> None:
        label = strip_controls(message.label)
        state = "already followed" if message.already else "now followed"
        self.app.notify(
            f"“{label}” is {state}: after a refresh, N shows what is new in it.",
            title="Follow",
            markup=False,
        )

    def action_story_news(self) -> None:
        story, _ = self.follow_target()
        self.app.push_screen(StoryNewsScreen(self.workspace, story))


class StoryNewsScreen(ReportsFailures, Screen[None]):
    """What is new in a followed story since it was last shown."""

    DEFAULT_CSS = """
    StoryNewsScreen #news-body { padding: 0 1; }
    StoryNewsScreen #news-scroll { border: round $accent; height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="news.close"),
        Binding("q", "close", "Back", show=False, id="news.close_q"),
    ]

    def __init__(self, workspace: Workspace, story: str | None) -> None:
        super().__init__()
        self.workspace = workspace
        self.story = story

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="news-scroll"):
            yield Static(Content("Finding what is new…"), id="news-body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "New in this story"
        self.query_one("#news-scroll").border_title = Content("New in this story")
        self.find_news(self.story)

    @work(thread=True, exclusive=True, group="news", exit_on_error=False)
    def find_news(self, story: str | None) -> None:
        """The story's news (every followed story's, without one), shown now."""
        from hollywood_ai.index import news

        try:
            found = news(self.workspace, story)
        except HollywoodError:  # not followed: nothing is written
            found = []
        self.post_message(NewsReady(found))

    @on(NewsReady)
    def _news_ready(self, message: NewsReady) -> None:
        body = self.query_one("#news-body", Static)
        if not message.news:
            what = "This story is" if self.story else "No story is"
            body.update(
                Content(
                    f"{what} not followed. Press F on a story (in the list, compare or "
                    "facts) to follow it; after a refresh this view shows what changed."
                )
            )
            return
        body.update(Content("\n\n").join(news_content(n) for n in message.news))

    def action_close(self) -> None:
        self.dismiss()


def news_content(item: StoryNews) -> Content:
    """A story's news as plain Content (every text in it is untrusted)."""
    clean = strip_controls
    lines: list[Content] = [Content.styled(clean(item.label), "bold")]
    if item.note:
        lines.append(Content.styled(clean(item.note), "italic"))
    if not item.changed:
        lines.append(Content("Nothing new since it was last shown."))
        return Content("\n").join(lines)

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.append(Content(""))
            lines.append(Content.styled(title, "bold $accent"))
            lines.extend(Content(f"  • {clean(row)}") for row in rows)

    names = item.names
    section(
        "New sources",
        [f"{s['outlet'] or '?'}: {s['title'] or s['id']}" for s in item.new_sources],
    )
    section("Facts they add", [f["fact"] for f in item.new_facts])
    section(
        "Differences they bring",
        [
            f"{d['fact']} — " + "; ".join(f"{names.get(k, k)}: {v}" for k, v in d["values"].items())
            for d in item.new_differences
        ],
    )
    section("Facts they are silent on", [s["fact"] for s in item.silent_on])
    return Content("\n").join(lines)
