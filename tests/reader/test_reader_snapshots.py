"""SVG snapshots of every screen of the reader at 80x24 and 120x40: main (plain and
searching), help, palette, compare (in a story and in the whole library), facts
and add.

Stable by construction: the seeds in a private home, a fixed theme, no cursor
blink, no saved settings. Update with ``--snapshot-update`` only after looking
at the report.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.reader_support import make_app, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _ready(pilot: Pilot) -> None:
    await settle(pilot)


async def _help(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def _palette(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause(0.2)
    await settle(pilot)


async def _search(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"sarandos")
    await settle(pilot)
    await pilot.press("enter", "enter", "n")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, reader_home, size):
    assert snap_compare(
        make_app(reader_home, remember=False), terminal_size=size, run_before=_ready
    )


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, reader_home, size):
    assert snap_compare(make_app(reader_home, remember=False), terminal_size=size, run_before=_help)


@pytest.mark.parametrize("size", SIZES)
def test_command_palette(snap_compare, reader_home, size):
    assert snap_compare(
        make_app(reader_home, remember=False), terminal_size=size, run_before=_palette
    )


@pytest.mark.parametrize("size", SIZES)
def test_search_with_highlights(snap_compare, reader_home, size):
    assert snap_compare(
        make_app(reader_home, remember=False), terminal_size=size, run_before=_search
    )


async def _compare(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    box = pilot.app.screen.query_one(Input)
    box.cursor_blink = False
    await pilot.press(*"Netflix revenue", "enter")
    await settle(pilot)


async def _facts(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)


async def _add(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_compare_screen(snap_compare, reader_home, size):
    assert snap_compare(
        make_app(reader_home, remember=False), terminal_size=size, run_before=_compare
    )


@pytest.mark.parametrize("size", SIZES)
def test_facts_screen(snap_compare, reader_home, size):
    assert snap_compare(
        make_app(reader_home, remember=False), terminal_size=size, run_before=_facts
    )


@pytest.mark.parametrize("size", SIZES)
def test_add_screen(snap_compare, reader_home, size):
    assert snap_compare(make_app(reader_home, remember=False), terminal_size=size, run_before=_add)


@pytest.fixture
def scoped_home(tmp_path):
    """The seeds and the articles of tests/scope_support.py: more sources
    than a story, most of them silent."""
    from tests.scope_support import scope_home

    return scope_home(tmp_path / "scoped", seeds=True)


async def _compare_library(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    box = pilot.app.screen.query_one(Input)
    box.cursor_blink = False
    await pilot.press(*"how much did dubbing cut costs", "enter")
    await settle(pilot)
    await pilot.press("s")  # no search in the reader: from the story to the whole library
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_compare_in_the_whole_library(snap_compare, scoped_home, size):
    assert snap_compare(
        make_app(scoped_home, remember=False), terminal_size=size, run_before=_compare_library
    )
