"""The main screen's small items: remove (d), open in the browser (o), the add
dialog (quoted paths, Tab completion, the added article selected), keymap
warnings, one title, the search placeholder."""

from __future__ import annotations

import json

import pytest
from hollywood_ai.index import Workspace, add
from hollywood_ai.tui.screens.add import AddScreen
from hollywood_ai.tui.widgets.search_box import PLACEHOLDER, SearchBox
from textual.widgets import Input, Static

from tests.reader_support import make_app, pane_text, settle

DIGEST = "Netflix Integrates Generative AI in New Series to Enhance Quality and Cut Costs"
ARTICLE = (
    "A museum in Lyon showed zoetropes beside short films made with AI video tools, "
    "and its curators asked visitors which of the two felt more alive.\n"
)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_d_removes_the_selected_article_after_a_confirmation(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        first = listing.entries[0]
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is not app.main_screen
        assert first.title in str(app.screen.query_one("#confirm-question", Static).visual)
        await pilot.press("escape")  # no: nothing removed
        await settle(pilot)
        assert listing.option_count == 5
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert listing.option_count == 4
        assert first.id not in [e.id for e in listing.entries]
        assert first.id not in {a.id for a in Workspace(reader_home).articles()}


async def test_o_opens_the_article_s_url_in_the_browser(reader_home, monkeypatch):
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        digest = next(a for a in screen.articles if a.title == DIGEST)
        screen.listing.select_id(digest.id)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://kghosh.substack.com/p/20250810d"]
        no_url = next(a for a in screen.articles if not a.url)
        screen.listing.select_id(no_url.id)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert len(opened) == 1
        assert any("no web address" in n for n in notices(app))


async def test_an_unknown_keymap_id_is_warned_about(reader_home):
    (reader_home / "settings.json").write_text(
        json.dumps({"keymap": {"main.serach": "ctrl+f", "main.search": "ctrl+f,slash"}})
    )
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        warned = [n for n in notices(app) if "main.serach" in n]
        assert warned and "main.search" not in warned[0].replace("main.serach", "")


async def test_the_search_placeholder_fits_at_120_columns(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.main_screen.query_one(SearchBox)
        assert len(PLACEHOLDER) <= box.content_region.width - 1


async def test_a_heading_that_repeats_the_title_is_shown_once(home, tmp_path):
    page = tmp_path / "note.md"
    page.write_text(f"---\ntitle: Zoetropes and AI\n---\n\n# Zoetropes and AI\n\n{ARTICLE}")
    ws = Workspace(home)
    assert add(ws, [str(page)]).added
    ws.close()
    app = make_app(home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pane_text(app).count("Zoetropes and AI") == 1


async def test_the_add_dialog_takes_quoted_paths_and_selects_the_added_article(
    reader_home, tmp_path
):
    folder = tmp_path / "my articles"
    folder.mkdir()
    page = folder / "zoetrope night.md"
    page.write_text(f"# Zoetrope night\n\n{ARTICLE}")
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddScreen)
        assert "quote" in str(app.screen.query_one("#add-help", Static).visual).lower()
        app.screen.query_one(Input).value = f'"{page}"'
        await pilot.press("enter")
        await settle(pilot)
        outcome = str(app.screen.query_one("#add-outcome", Static).visual)
        assert "1 added" in outcome, outcome
        await pilot.press("escape")
        await settle(pilot)
        listing = app.main_screen.listing
        assert listing.option_count == 6
        assert listing.entries[listing.highlighted].title == "Zoetrope night"
        assert app.main_screen.pane.article.title == "Zoetrope night"


@pytest.mark.parametrize("typed", ["my", "my articles/zoe"])
async def test_tab_completes_a_path_in_the_add_dialog(reader_home, tmp_path, typed):
    folder = tmp_path / "my articles"
    folder.mkdir()
    (folder / "zoetrope night.md").write_text(f"# Zoetrope night\n\n{ARTICLE}")
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.value = f"{tmp_path}/{typed}" if typed == "my" else f'"{tmp_path}/{typed}'
        box.cursor_position = len(box.value)
        await pilot.press("tab")
        await pilot.pause()
        # A folder is left open for more; a file's path is closed.
        expected = f'"{folder}/' if typed == "my" else f'"{folder}/zoetrope night.md"'
        assert box.value == expected
        assert app.focused is box


async def test_e_exports_the_facts_matrix_and_compare_exports_never_overwrite(reader_home):
    from tests.reader_support import open_facts

    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_facts(pilot)
        await pilot.press("e")
        await settle(pilot)
        exports = reader_home / "exports"
        assert sorted(p.suffix for p in exports.glob("facts-*")) == [".csv", ".json", ".md"]
        assert any(str(exports / "facts-") in n for n in notices(app))
        await pilot.press("escape", "c")
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+a")
        await pilot.press(*"Netflix revenue", "enter")
        await settle(pilot)
        for _ in range(2):
            screen.action_export()
        written = sorted(exports.glob("compare-*.md"))
        assert len(written) == 2
        assert "kghosh.substack.com, via The Guardian" in written[0].read_text(encoding="utf-8")
