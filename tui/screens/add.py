"""Add articles from the reader: a path or URL prompt, progress, the outcome
of every input."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from hollywood_ai.index import Workspace, strip_controls
from hollywood_ai.tui.messages import LibraryChanged
from hollywood_ai.tui.screens.failures import ReportsFailures, failure_text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static


@dataclass
class AddProgress(Message):
    done: int
    total: int
    item: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AddProgress)


@dataclass
class AddFinished(Message):
    report: object  # hollywood_ai.index.adding.AddReport


def _last_word(value: str) -> tuple[str, str, bool]:
    """The text before the word being typed, that word (its opening quote
    left out: a word in quotes may hold spaces), and whether it is quoted."""
    for quote in ('"', "'"):
        if value.count(quote) % 2:
            head, _, word = value.rpartition(quote)
            return head, word, True
    head, _, word = value.rpartition(" ")
    return (head + " " if head else ""), word, False


def complete_path(value: str) -> str | None:
    """``value`` with the path being typed at its end completed as far as the
    files allow (a folder ends with /; a path with a space is quoted), or None
    when no file starts so."""
    head, word, quoted = _last_word(value)
    typed = Path(word).expanduser()
    folder, start = (typed, "") if word.endswith(("/", os.sep)) else (typed.parent, typed.name)
    try:
        names = sorted(e.name for e in folder.iterdir() if e.name.startswith(start))
    except OSError:
        return None
    if not names:
        return None
    common = os.path.commonprefix(names)  # noqa: RUF071 (the names share letters, not folders)
    done = str(folder / common) if common else str(folder) + os.sep
    whole = len(names) == 1  # one name: the path is complete, or a folder to go into
    if whole and (folder / common).is_dir():
        done += os.sep
        whole = False
    if word.startswith("~"):
        done = "~" + done.removeprefix(str(Path("~").expanduser()))
    if quoted or " " in done:
        return f'{head}"{done}' + ('"' if whole else "")
    return head + done


class PathInput(Input):
    """The add dialog's input: Tab completes the path being typed."""

    BINDINGS = [Binding("tab", "complete", "Complete the path", id="add.complete")]

    def action_complete(self) -> None:
        completed = complete_path(self.value)
        if completed is None or completed == self.value:
            self.app.bell()
            return
        self.value = completed
        self.cursor_position = len(completed)


class AddScreen(ReportsFailures, ModalScreen[None]):
    """Type files, folders, URLs or feeds (space separated; quote paths with
    spaces) and press Enter."""

    BINDINGS = [Binding("escape", "close", "Close", id="add.close")]

    DEFAULT_CSS = """
    AddScreen { align: center middle; }
    AddScreen > #add-dialog {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    AddScreen #add-help { color: $text-muted; margin-bottom: 1; }
    AddScreen #add-progress { display: none; margin: 1 0 0 0; }
    AddScreen #add-progress.-busy { display: block; }
    AddScreen #add-results { height: auto; max-height: 20; margin-top: 1; }
    """

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog"):
            yield Static(Content.styled("Add articles", "bold"), markup=False)
            yield Static(
                Content(
                    ".md, .txt and .html files, folders, web page or feed URLs — several at once, "
                    'separated by spaces; put a path with spaces in quotes ("my notes/a.md"). '
                    "Tab completes a path, Enter adds, Esc closes."
                ),
                id="add-help",
                markup=False,
            )
            yield PathInput(
                placeholder="~/articles/ https://example.org/feed.xml page.html", id="add-input"
            )
            yield ProgressBar(id="add-progress", show_eta=False)
            with VerticalScroll(id="add-results"):
                yield Static("", id="add-outcome", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#add-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            inputs = shlex.split(event.value)
        except ValueError:
            inputs = event.value.split()
        inputs = [i for i in inputs if i != "-"]  # no standard input in the reader
        if not inputs:
            self._show(Content("Type a path or a URL first."))
            return
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-busy")
        self._show(Content("Adding…"))
        self.run_add(inputs)

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def run_add(self, inputs: list[str]) -> None:
        from hollywood_ai.index import add
        from hollywood_ai.tui.settings import private_feeds_allowed

        report = add(
            self.workspace,
            inputs,
            progress=lambda done, total, item: self.post_message(AddProgress(done, total, item)),
            allow_private=private_feeds_allowed(self.workspace.home),
        )
        self.post_message(AddFinished(report))

    @on(AddProgress)
    def _progress(self, message: AddProgress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done - 1)
        self._show(
            Content(f"Adding {message.done} of {message.total}: {strip_controls(message.item)}")
        )

    @on(AddFinished)
    def _finished(self, message: AddFinished) -> None:
        from hollywood_ai.index import AddReport

        report = message.report
        assert isinstance(report, AddReport)
        bar = self.query_one(ProgressBar)
        bar.remove_class("-busy")
        lines: list[Content] = [
            Content.styled(
                f"{len(report.added)} added, {len(report.duplicates)} already there, {len(report.failed)} failed",
                "bold",
            )
        ]
        for item in report.added:
            lines.append(
                Content.assemble(("✓ added  ", "$text-success"), strip_controls(item["title"]))
            )
        for item in report.duplicates:
            lines.append(
                Content.assemble(
                    ("= already there  ", "$text-muted"), strip_controls(item["origin"])
                )
            )
        for item in report.failed:
            lines.append(Content.assemble(("✗ ", "$text-error"), strip_controls(item["error"])))
        for item in report.warnings:
            lines.append(
                Content.assemble(
                    ("! ", "$text-warning"), strip_controls(f"{item['input']}: {item['warning']}")
                )
            )
        self._show(Content("\n").join(lines))
        if report.added:
            # The last article added is selected once the list has it.
            self.app.post_message(
                LibraryChanged(added=len(report.added), select=report.added[-1]["id"])
            )

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """Adding failed: said in the dialog, where the outcome goes, and no notice."""
        text = failure_text(error, "Adding")
        self.query_one(ProgressBar).remove_class("-busy")
        self._show(Content.styled(text, "$text-error"))
        return None

    def _show(self, content: Content) -> None:
        self.query_one("#add-outcome", Static).update(content)

    def action_close(self) -> None:
        self.dismiss(None)
