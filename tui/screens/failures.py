"""What a failed worker tells the person.

Textual tells a worker's state only to the screen that runs it
(``Worker.StateChanged`` does not bubble): :class:`ReportsFailures` passes a
failure on as :class:`WorkerFailed`, which bubbles to the app's one handler
(``ReaderApp._worker_failed``). That handler gives the person one notice; the
screen may also show the failure in place, a status line say, through its
``worker_failed`` hook, which chooses the notice's text.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from hollywood_ai.index import HollywoodError
from hollywood_ai.tui.messages import WorkerFailed
from textual import on
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState


@runtime_checkable
class ShowsFailures(Protocol):
    """A screen whose workers' failures it shows itself."""

    def worker_failed(self, group: str, error: BaseException) -> str | None:
        """Show the failure of a worker of ``group``; the notice's text, or
        None when what the screen shows is enough."""


class ReportsFailures(MessagePump):
    """Mixed into the screens that run workers: their failures go to the app."""

    @on(Worker.StateChanged)
    def _report_failure(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker))


def failure_text(error: BaseException, what: str | None = None) -> str:
    """The engine's own words for its errors; for any other, what failed
    (``what``, e.g. "Compare") or the error's class, and the error."""
    if isinstance(error, HollywoodError):
        return str(error)
    if what:
        return f"{what} failed: {error}"
    return f"{type(error).__name__}: {error}"
