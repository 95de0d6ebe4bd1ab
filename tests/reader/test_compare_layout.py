"""The compare screen for any number of sources: columns that share the width
and scroll whole, silent sources on one line, a list view from six sources,
sources in order of publication; and the smaller keys and words of compare,
facts and the story picker."""

from __future__ import annotations

import pytest
from hollywood_ai.tui.screens.compare import CompareScreen, SourceColumn
from hollywood_ai.tui.screens.facts import FactsScreen
from textual.widgets import DataTable, Input, OptionList

from tests.compare_support import DEAGING, QUESTION, deaging_home
from tests.reader_support import make_app, open_facts, settle

DATES = {outlet: date for outlet, date, _title, _body in DEAGING}
SILENT = ("Talent Desk", "Marquee Post")


@pytest.fixture(scope="module")
def built_home(tmp_path_factory):
    return deaging_home(tmp_path_factory.mktemp("deaging") / "home")


@pytest.fixture
def deaging(built_home, tmp_path):
    import shutil

    home = tmp_path / "deaging"
    shutil.copytree(built_home, home)
    return home


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown(app) -> str:
    return "\n".join(screen_lines(app))


async def ask(pilot, question: str = QUESTION) -> CompareScreen:
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    box = screen.query_one(Input)
    box.value = question
    box.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


def columns(screen: CompareScreen) -> list[SourceColumn]:
    return [c for c in screen.query(SourceColumn) if c.display]


async def test_columns_share_the_width_and_scroll_whole(deaging):
    app = make_app(deaging, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ask(pilot)
        await pilot.press("v")  # seven sources open as a list: v shows columns
        await settle(pilot)
        cols = columns(screen)
        assert len(cols) == 2
        for col in cols:  # whole, side by side, sharing the width
            assert col.region.x >= 0 and col.region.right <= 80 and col.region.width >= 36
        assert "Sources 1-2 of 7, first published first · on Reel Wire" in shown(app)
        await pilot.press("right", "right")
        await settle(pilot)
        cols = columns(screen)
        assert len(cols) == 2 and all(c.region.right <= 80 for c in cols)
        assert "Sources 2-3 of 7, first published first · on Backlot Daily" in shown(app)
        focused = next(c for c in cols if screen.focused in c.query("*"))
        assert focused.source.outlet == "Backlot Daily"
        # The silent sources: one line, never a column.
        assert all(c.source.reports for c in screen.query(SourceColumn))
        line = next(row for row in screen_lines(app) if "Not reported by 2 sources" in row)
        assert all(name in line for name in SILENT)
        # Asked what none of them reports: said so, not "no differences".
        await pilot.press("slash")
        screen.question.value = "which orchestra recorded the score"
        await pilot.press("enter")
        await settle(pilot)
        text = shown(app)
        assert "Reported by 0 of 9 sources" in text
        assert "No differences found" not in text and "No source reports it" in text
        # q closes the screen (as Esc does): the app quits from the main screen only.
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.screen is app.main_screen
        # Later in the session, ↑ and ↓ in the question recall the questions asked.
        screen = await ask(pilot, "Tomas Brandt")
        box = screen.query_one(Input)
        box.focus()
        await pilot.press("up")
        assert box.value == "which orchestra recorded the score"
        await pilot.press("up")
        assert box.value == QUESTION
        await pilot.press("up")  # the oldest stays
        assert box.value == QUESTION
        await pilot.press("down", "down")
        assert box.value == "Tomas Brandt"
        await pilot.press("down")  # past the newest: to the sources, as before
        assert screen.focused is not box


async def test_wide_terminal_fits_more_whole_columns_by_date(deaging):
    app = make_app(deaging, remember=False)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await ask(pilot)
        await pilot.press("v")
        await settle(pilot)
        cols = columns(screen)
        assert len(cols) == 5 and all(c.region.right <= 200 for c in cols)
        assert "Sources 1-5 of 7, first published first" in shown(app)
        titles = [str(c.border_title) for c in cols]
        outlets = [c.source.outlet for c in cols]
        dates = [DATES[o] for o in outlets]
        assert dates == sorted(dates)
        assert all(DATES[o] in t for o, t in zip(outlets, titles, strict=True))
        # Narrower: fewer whole columns, the focused source still in view.
        await pilot.press("right", "right", "right", "right")  # the fifth
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        cols = columns(screen)
        assert len(cols) == 2 and all(c.region.right <= 80 for c in cols)
        assert cols[-1].source.outlet == "Screen Notes"
        assert "Sources 4-5 of 7" in shown(app)


async def test_six_sources_or_more_open_as_a_list_one_row_each(deaging):
    app = make_app(deaging, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ask(pilot)
        rows = screen.query_one("#compare-list", OptionList)
        assert rows.display and not columns(screen)
        assert rows.option_count == 7
        text = shown(app)
        assert "first published first" in text
        first = str(rows.get_option_at_index(0).prompt)
        assert "Reel Wire" in first and "2025-03-02" in first and "$4 million" in first
        frame = next(
            str(rows.get_option_at_index(i).prompt)
            for i in range(7)
            if "Frame Report" in str(rows.get_option_at_index(i).prompt)
        )
        assert "$4.5 million" in frame
        await pilot.press("v")  # and back to the columns, and to the list again
        await settle(pilot)
        assert columns(screen) and not rows.display
        await pilot.press("v")
        await settle(pilot)
        assert rows.display and not columns(screen)
        # Enter on a row opens that source at its passage.
        rows.focus()
        rows.highlighted = 1
        target = screen.ordered()[1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.pane.article.id == target.id


@pytest.fixture
def one_source(tmp_path):
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.workspace import Workspace

    home = tmp_path / "one"
    ws = Workspace(home)
    ws.ensure_home()
    (home / ".seeded").write_text("1\n", encoding="utf-8")
    ws.open()
    outlet, date, title, body = DEAGING[0]
    ws.store([Article.make(title=title, body=body, origin="one.md", outlet=outlet, published=date)])
    ws.close()
    return home


async def test_a_one_source_story_fits_and_is_worded_for_one(one_source):
    app = make_app(one_source, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ask(pilot)
        cols = columns(screen)
        assert len(cols) == 1 and cols[0].region.width >= 70 and cols[0].region.right <= 80
        text = shown(app)
        assert "of 1 sources" not in text and "Reported by 1 source" in text
        assert "No differences found" not in text
        assert "Only one source reports it" in text


async def test_j_k_move_in_the_facts_and_enter_asks_the_whole_label(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts(pilot)
        table = screen.query_one(DataTable)
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        # The longest label, cut in its cell, goes into the question whole.
        long = max(range(len(screen.facts)), key=lambda i: len(screen.facts[i].label))
        table.move_cursor(row=long)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        value = app.screen.query_one(Input).value
        assert value == screen.facts[long].label and "…" not in value


@pytest.fixture
def scoped(tmp_path):
    from tests.scope_support import scope_home

    return scope_home(tmp_path / "scoped")


async def test_story_pickers_counts_in_a_column_and_facts_skips_one_article_stories(scoped):
    import re

    from hollywood_ai.tui.screens.story_picker import StoryPicker

    count = re.compile(r"(\d+) articles?\b")
    app = make_app(scoped, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "how much did dubbing cut costs")
        await pilot.press("t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StoryPicker)
        rows = [r for r in screen_lines(app) if count.search(r)]
        shown_stories = min(len(picker.stories), picker.query_one(OptionList).size.height - 1)
        assert len(rows) >= shown_stories  # one line per story, none wrapped
        ends = {count.search(r).end(1) for r in rows}
        assert len(ends) == 1, rows  # the counts in one column, right-aligned
        await pilot.press("escape", "escape")
        screen = await open_facts(pilot)
        assert isinstance(screen, FactsScreen)
        await pilot.press("t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StoryPicker)
        assert len(picker.stories) >= 2
        assert all(len(s.articles) >= 2 for s in picker.stories)


def test_a_row_shows_a_long_passage_from_the_word_before_its_first_lit_one():
    from hollywood_ai.tui.screens.compare_sources import around_match, passage_content

    text = "Quarry Hill Pictures said on Monday that the de-aging cost $4 million in all."
    spans = [(text.index("de-aging"), text.index("de-aging") + 8)]
    row = around_match(passage_content(text, spans), spans, 30)
    assert row.plain == "…the de-aging cost $4 million…" and row.cell_length == 30
    assert around_match(passage_content(text, []), [], 30).plain.startswith("Quarry Hill")
