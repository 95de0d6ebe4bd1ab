"""SVG snapshots of every screen of the reader at 80x24 and 120x40: main (plain and
searching), help, palette, compare (in a story and in the whole library; its
sources as whole columns at 80x24 and 200x50, and as a list), facts and add.

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


@pytest.fixture
def deaging(tmp_path):
    """Nine outlets on one story, seven of them giving the figure asked."""
    from tests.compare_support import deaging_home

    return deaging_home(tmp_path / "deaging")


def _compare_deaging(*keys: str):
    async def run(pilot: Pilot) -> None:
        from tests.compare_support import QUESTION

        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        box = pilot.app.screen.query_one(Input)
        box.cursor_blink = False
        box.value = QUESTION
        await pilot.press("enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


COLUMN_SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((200, 50), id="200x50")]


@pytest.mark.parametrize("size", COLUMN_SIZES)
def test_compare_columns_of_many_sources(snap_compare, deaging, size):
    """v from the list to whole columns, then → twice: the third source has
    the focus, and the heading says which are in view."""
    assert snap_compare(
        make_app(deaging, remember=False),
        terminal_size=size,
        run_before=_compare_deaging("v", "right", "right"),
    )


def test_compare_list_of_many_sources(snap_compare, deaging):
    assert snap_compare(
        make_app(deaging, remember=False), terminal_size=(120, 40), run_before=_compare_deaging()
    )
