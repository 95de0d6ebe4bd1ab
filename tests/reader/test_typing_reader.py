"""Search as you type in the reader: hits at every key, the title in step."""

from __future__ import annotations

from textual.widgets import Static

from tests.reader_support import make_app, settle


async def test_typing_a_word_finds_it_at_every_key_and_the_title_keeps_up(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        listing = screen.listing
        await pilot.press("slash")
        typed = ""
        for key in "sarandos":
            typed += key
            await pilot.press(key)
            await pilot.pause()
            assert f"“{typed}”" in str(listing.border_title)  # never the text before
            await settle(pilot)
            hint = str(screen.query_one("#search-hint", Static).visual)
            if len(typed) >= 3:
                assert listing.option_count >= 1, typed
                assert "0 articles" not in str(listing.border_title)
                assert "Did you mean" not in hint, (typed, hint)
