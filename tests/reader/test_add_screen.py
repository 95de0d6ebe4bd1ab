"""Adding articles from the reader: `a`, a path, Enter; the list shows them."""

from __future__ import annotations

from hollywood_ai.tui.screens.add import AddScreen
from textual.widgets import Input, Static

from tests.reader_support import make_app, settle


async def test_add_screen_adds_and_the_list_follows(reader_home, tmp_path):
    page = tmp_path / "new.md"
    page.write_text(
        "---\ntitle: '[bold]Zoetrope[/] revival'\n---\nA museum showed zoetropes next to AI video.\n"
    )
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.main_screen.listing.option_count
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddScreen)
        app.screen.query_one(Input).value = f"{page} {tmp_path / 'missing.txt'}"
        await pilot.press("enter")
        await settle(pilot)
        outcome = str(app.screen.query_one("#add-outcome", Static).visual)
        assert "1 added, 0 already there, 1 failed" in outcome
        assert "[bold]Zoetrope[/] revival" in outcome and "missing.txt does not exist" in outcome
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.listing.option_count == before + 1


async def test_a_failed_add_is_said_in_the_dialog_without_a_notice(reader_home, monkeypatch):
    import hollywood_ai.index as engine

    def broken(*args, **kwargs):
        raise RuntimeError("the library is on fire")

    monkeypatch.setattr(engine, "add", broken)
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddScreen)
        screen.query_one(Input).value = "anything.md"
        await pilot.press("enter")
        await settle(pilot)
        outcome = str(screen.query_one("#add-outcome", Static).visual)
        assert "Adding failed: the library is on fire" in outcome
        assert not screen.query_one("#add-progress").has_class("-busy")
        assert not [n for n in app._notifications if "on fire" in n.message]
