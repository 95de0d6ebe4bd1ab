"""The reader names each source by who published it and whom it cites."""

from __future__ import annotations

from textual.widgets import Static

from tests.reader_support import make_app, option_texts, settle

DIGEST = "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"


async def test_list_rows_and_pane_header_name_outlet_and_via(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = option_texts(app)
        digest_row = next(r for r in rows if DIGEST in r)
        assert "kghosh.substack.com, via The Guardian" in digest_row
        rewrite_row = next(r for r in rows if "Transforming Filmmaking" in r)
        assert "Unknown outlet, via TechCrunch" in rewrite_row
        screen = app.main_screen
        digest = next(a for a in screen.articles if a.title == DIGEST)
        screen.listing.select_id(digest.id)
        await settle(pilot)
        pane = screen.pane
        assert str(pane.border_title) == "kghosh.substack.com, via The Guardian"
        header = str(pane.query_one("#article-header", Static).render())
        assert "kghosh.substack.com, via The Guardian" in header


async def test_search_hits_name_outlet_and_via(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eternauta")
        await settle(pilot)
        rows = option_texts(app)
        assert any(DIGEST in r and "kghosh.substack.com, via The Guardian" in r for r in rows)
        assert not any(r.endswith("The Guardian · 2025-07-18") and "via" not in r for r in rows)
