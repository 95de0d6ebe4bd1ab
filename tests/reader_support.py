"""Helpers for the reader's tests: the app on a fixed theme with the cursor
not blinking, and waiting for workers instead of sleeping. (The home they run
on is the ``reader_home`` fixture of tests/conftest.py.)"""

from __future__ import annotations

from pathlib import Path

from hollywood_ai.tui.app import ReaderApp, create_app
from hollywood_ai.tui.screens.facts import FactsScreen
from hollywood_ai.tui.screens.main import MainScreen
from textual.pilot import Pilot

THEME = "textual-dark"


def make_app(home: Path, remember: bool = True) -> ReaderApp:
    return create_app(home, theme=THEME, remember=remember, blink=False)


async def settle(pilot: Pilot) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def main_screen(app: ReaderApp) -> MainScreen:
    return app.main_screen


def pane_text(app: ReaderApp) -> str:
    """Everything the reading pane shows (header and blocks), as plain text."""
    pane = app.main_screen.pane
    out = []
    for widget in pane.query("Static"):
        visual = widget.visual if hasattr(widget, "visual") else None
        out.append(str(visual) if visual is not None else str(widget.render()))
    for block in pane.blocks:
        out.append(block.plain)
    return "\n".join(out)


def option_texts(app: ReaderApp) -> list[str]:
    listing = app.main_screen.listing
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_facts(pilot: Pilot) -> FactsScreen:
    """From the reader, once it has settled: `f`, and the facts screen with its facts."""
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, FactsScreen)
    return screen
