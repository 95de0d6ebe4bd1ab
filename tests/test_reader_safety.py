"""Article text is untrusted: markup and escape codes in it show as written and
never restyle the app (regression tests for markup injection)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.terms import Terms, match_spans, query_terms
from textual.widgets import Static

from tests.reader_support import make_app, option_texts, settle

HOSTILE_TITLE = "[bold]Breaking[/] news [/] [@click=app.quit]click me[/]"
ESCAPE_TITLE = "\x1b[31mRed\x1b[0m alert\x1b[2J\x1b]0;pwned\x07 \x9b1m"


@pytest.fixture
def hostile_home(tmp_path: Path) -> Path:
    home = tmp_path / "hostile"
    ws = Workspace(home)
    ws.seed_if_empty()
    ws.store(
        [
            Article.make(
                title=HOSTILE_TITLE,
                body=(
                    "Body with [red]markup[/red] and [link=https://evil]a link[/link].\n\n"
                    "## A [b]heading[/b]\n\n- item [/]\n\n"
                    "| [i]col[/i] | x |\n|---|---|\n| [/] | \x1b[5mblink |\n"
                ),
                origin="hostile.md",
                outlet="[reverse]Outlet[/reverse]",
                author="$accent [on red]",
                published="2099-01-01",
                url="https://example.org/[/]",
                tags=["[/]", "ok"],
            ),
            Article.make(
                title=ESCAPE_TITLE,
                body="Text with \x1b[2J a clear-screen code and \x07 a bell.",
                origin="escapes.md",
                outlet="Escapes",
                published="2098-01-01",
            ),
        ]
    )
    ws.close()
    return home


async def test_markup_in_titles_and_bodies_shows_as_written(hostile_home):
    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = option_texts(app)
        assert any("[bold]Breaking[/] news [/] [@click=app.quit]click me[/]" in r for r in rows)
        assert any("[reverse]Outlet[/reverse]" in r for r in rows)
        screen = app.main_screen
        screen.listing.select_id(next(a.id for a in screen.articles if a.origin == "hostile.md"))
        await settle(pilot)
        header = str(screen.pane.query_one("#article-header", Static).render())
        assert HOSTILE_TITLE in header
        assert "$accent [on red]" in header
        assert "https://example.org/[/]" in header
        text = "\n".join(b.plain for b in screen.pane.blocks)
        assert "[red]markup[/red]" in text
        assert "A [b]heading[/b]" in text
        assert "[i]col[/i]" in text
        assert str(screen.pane.border_title) != ""
        assert app.is_running


async def test_escape_codes_are_stripped_everywhere(hostile_home):
    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        rows = option_texts(app)
        assert all("\x1b" not in r and "\x07" not in r and "\x9b" not in r for r in rows)
        assert any("Red alert" in r for r in rows)
        screen.listing.select_id(next(a.id for a in screen.articles if a.outlet == "Escapes"))
        await settle(pilot)
        header = str(screen.pane.query_one("#article-header", Static).render())
        assert "Red alert" in header and "\x1b" not in header
        body = "\n".join(b.plain for b in screen.pane.blocks)
        assert "clear-screen code" in body
        assert "\x1b" not in body and "\x07" not in body


async def test_markup_in_a_query_and_in_an_error_is_shown_as_text(hostile_home, monkeypatch):
    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"[bold]Breaking[/]")
        await settle(pilot)
        title = app.main_screen.listing._border_title
        assert title is not None and "“[bold]Breaking[/]”" in title.plain

        import hollywood_ai.index.search as search_module

        def broken(*args, **kwargs):
            raise HollywoodError("the query '[/]' broke [red]everything[/red]")

        monkeypatch.setattr(search_module, "search", broken)
        await pilot.press("x")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("'[/]' broke [red]everything[/red]" in n for n in said)
        assert app.is_running


async def test_palette_shows_hostile_titles_as_written(hostile_home):
    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Breaking")
        await pilot.pause(0.3)
        await settle(pilot)
        shown = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        assert any("[bold]Breaking[/] news" in s for s in shown), shown
        assert app.is_running


def test_query_terms_ignore_operators_fields_and_negations():
    terms = query_terms(
        'netflix AND "visual effects" NOT sora published:2025 outlet:guardian eter*'
    )
    spans = match_spans("Netflix visual effect Sora Guardian 2025 Eternauta", terms)
    text = "Netflix visual effect Sora Guardian 2025 Eternauta"
    words = [text[s:e] for s, e in spans]
    assert words == ["Netflix", "visual", "effect", "Guardian", "Eternauta"]
    assert not query_terms("AND OR NOT")
    assert match_spans("anything", Terms()) == []
