"""Article text is untrusted: markup and escape codes in it show as written and
never restyle the app (regression tests for markup injection)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace
from hollywood_ai.tui.terms import Terms, match_spans
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

        import hollywood_ai.index as search_module

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


def test_highlighting_takes_the_words_the_search_matched(seeded: Workspace):
    """The reader lights the words the engine's search looked for: not its
    operators, non-text fields or negated words; a prefix as the words it
    matched."""
    from hollywood_ai.index import search

    result = search(
        seeded, 'netflix AND "visual effects" NOT sora published:2025 outlet:guardian eter*'
    )
    text = "Netflix visual effect Sora Guardian 2025 Eternauta"
    spans = match_spans(text, Terms.of(result))
    words = [text[s:e] for s, e in spans]
    assert words == ["Netflix", "visual", "effect", "Guardian", "Eternauta"]
    assert not Terms.of(search(seeded, "AND OR NOT"))
    assert match_spans("anything", Terms()) == []


def test_possessives_are_lit_as_the_engine_matched_them(seeded: Workspace):
    """A typed ASCII apostrophe meets the text's curly one, as in the search."""
    from hollywood_ai.index import search

    text = "Netflix’s plans, Netflix's board"
    spans = match_spans(text, Terms.of(search(seeded, "Netflix's board")))
    assert [text[s:e] for s, e in spans] == ["Netflix’s", "Netflix's", "board"]


# --------------------------------------------- whole escape sequences go

OSC_TITLE = "\x1b]0;pwned\x07Studio \x1b]8;;http://evil.example/x\x1b\\news\x1b]8;;\x1b\\ today"
OSC_BODY = (
    "The \x1b]8;;http://evil.example/payload\x1b\\studio\x1b]8;;\x1b\\ said the zeppelin "
    "premiere \x1b[1;31mwent well\x1b[0m.\x1b]2;owned\x1b\\\n\n"
    "A second \x1bP1$qm\x1b\\paragraph \x1b(Bhere.\n\n"
    + "Plain words about the studio and its premiere fill the rest of the page. " * 20
    + "\n"
)
DEBRIS = ("]0;", "]8;", "]2;", "pwned", "owned", "evil.example", "\x1b", "$qm", "(B")


def test_strip_controls_removes_whole_sequences():
    from hollywood_ai.index.text.normalise import repair, strip_controls

    for clean in (strip_controls, repair):
        text = clean(OSC_TITLE + " " + OSC_BODY)
        assert "Studio news today" in text
        assert "studio said the zeppelin premiere went well." in text
        assert "A second paragraph here." in text
        assert not any(d in text for d in DEBRIS), repr(text)
    assert strip_controls("\x1b[2Jnetflix revenue") == "netflix revenue"
    assert strip_controls("\x9b2Jnetflix \x9d0;t\x9c") == "netflix "
    # Mojibake that looks like C1 bytes is still repaired, not eaten.
    assert repair("\u00e2\u0080\u009cquoted\u00e2\u0080\u009d") == "“quoted”"


def test_ingested_text_keeps_no_escape_debris(tmp_path: Path):
    from hollywood_ai.index.ingest.documents import parse_text

    article = parse_text(f"# {OSC_TITLE}\n\n{OSC_BODY}", "osc.md")
    assert article.title == "Studio news today"
    assert "studio said the zeppelin premiere went well." in article.body
    assert not any(d in article.title + article.body for d in DEBRIS), repr(article.body)


async def test_ingested_escape_sequences_leave_nothing_on_screen(tmp_path: Path):
    from hollywood_ai.index.adding import add

    home = tmp_path / "osc"
    source = tmp_path / "osc.md"
    source.write_text(f"# {OSC_TITLE}\n\n{OSC_BODY}", encoding="utf-8")
    ws = Workspace(home)
    ws.seed_if_empty()
    assert add(ws, [str(source)]).ok
    ws.close()
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        target = next(a for a in screen.articles if a.origin.endswith("osc.md"))
        screen.listing.select_id(target.id)
        await settle(pilot)
        shown = "\n".join(option_texts(app)) + "\n".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )
        assert "Studio news today" in shown
        assert "went well" in shown
        assert not any(d in shown for d in DEBRIS), shown


async def test_escape_codes_in_a_pasted_search_are_dropped(hostile_home):
    from textual import events

    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.main_screen.search_box.post_message(events.Paste("\x1b[2Jnetflix\x1b]0;x\x07"))
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.main_screen.search_box.value == "netflix"
        title = app.main_screen.listing._border_title
        assert title is not None and "5 articles match “netflix”" in title.plain, title


async def test_escape_codes_in_the_compare_question_are_dropped(hostile_home):
    from hollywood_ai.tui.screens.compare import CompareScreen
    from textual import events
    from textual.widgets import Input

    app = make_app(hostile_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        box = screen.query_one(Input)
        box.focus()
        box.post_message(events.Paste("\x1b[2Jnetflix revenue"))
        await pilot.pause()
        assert box.value == "netflix revenue"
        await pilot.press("enter")
        await settle(pilot)
        status = str(screen.query_one("#compare-status", Static).visual)
        assert "Reported by 2 of" in status, status


@pytest.mark.parametrize("command", ["search", "compare"])
def test_cli_drops_escape_codes_from_the_query(seeded_home: Path, command: str):
    import json
    import subprocess
    import sys

    exe = str(Path(sys.executable).parent / "hollywood-ai")
    words = "\x1b[2Jnetflix" if command == "search" else "\x1b[2Jnetflix revenue"
    proc = subprocess.run(
        [exe, "--home", str(seeded_home), command, words, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    if command == "search":
        assert data["total"] == 5
    else:
        assert data["query"] == "netflix revenue"
        assert sum(1 for s in data["sources"] if s["reports"]) == 2
