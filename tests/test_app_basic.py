"""The first reader: it lists the five seeds and shows one."""

from __future__ import annotations

from hollywood_ai.tui.app import ReaderApp
from hollywood_ai.tui.widgets.article_list import ArticleList
from textual.widgets import Markdown, Static


async def test_lists_the_five_articles_and_shows_one(seeded_home):
    app = ReaderApp(home=seeded_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.query_one(ArticleList)
        assert listing.option_count == 5
        assert "Articles (5)" in str(listing.border_title)
        await pilot.press("down")
        await pilot.pause()
        header = app.query_one("#article-header", Static)
        title = listing.articles[1].title
        assert title in str(header.render())
        body = app.query_one("#article-body", Markdown)
        assert body.source.strip()
        await pilot.press("q")
    assert app.return_code == 0 or app.return_code is None
