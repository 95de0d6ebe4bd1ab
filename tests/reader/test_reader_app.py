"""The reader, driven by keys and the mouse: what each binding shows."""

from __future__ import annotations

import json
import shutil
import sys
import types
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.passages import split_passages
from hollywood_ai.tui.messages import IndexProgress, IndexReady, OpenArticle
from hollywood_ai.tui.screens.help import HelpScreen
from hollywood_ai.tui.widgets.article_list import ArticleList
from hollywood_ai.tui.widgets.reading_pane import (
    CURRENT_STYLE,
    MATCH_STYLE,
    PASSAGE_STYLE,
    ItemBlock,
    ReadingPane,
    TextBlock,
)
from hollywood_ai.tui.widgets.search_box import SearchBox
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Static

from tests.reader_support import make_app, option_texts, settle


def header_text(app) -> str:
    return str(app.main_screen.pane.query_one("#article-header", Static).render())


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_start_shows_the_list_and_the_first_article(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        assert listing.option_count == 5
        assert "Articles (5)" in str(listing.border_title)
        assert "by date" in str(listing.border_subtitle)
        first = listing.entries[0]
        assert listing.highlighted == 0
        header = header_text(app)
        assert first.title in header
        assert "words ·" in header and "min read" in header
        assert app.focused is listing
        assert app.main_screen.has_class("-wide")


async def test_a_listing_read_ahead_is_on_the_first_screen(reader_home):
    """The command line reads the list while Textual loads; the reader shows
    it at mount, before its own library worker has answered."""
    import threading

    from hollywood_ai.index.workspace import Workspace
    from hollywood_ai.tui.app import ReaderApp

    workspace = Workspace(reader_home)
    workspace.preload_listing()
    read_ahead = workspace.ready_listing()
    assert read_ahead is not None and len(read_ahead) == 5
    release = threading.Event()
    seed = workspace.seed_if_empty

    def held_seed():  # the worker's first step waits until the test has looked
        release.wait(10)
        return seed()

    workspace.seed_if_empty = held_seed  # type: ignore[method-assign]
    app = ReaderApp(workspace=workspace, theme="textual-dark", blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.main_screen.listing
        assert listing.option_count == 5
        assert "Articles (5)" in str(listing.border_title)
        assert app.main_screen.articles is read_ahead
        release.set()
        await settle(pilot)
        assert app.main_screen.articles is read_ahead  # the worker's copy was not drawn again
        assert listing.option_count == 5 and app.main_screen.pane.article is not None


async def test_the_collector_paused_for_the_start_runs_again_after_the_first_frame(reader_home):
    """The command line turns Python's cycle collector off while the reader
    starts; once the list is drawn it runs again."""
    import gc

    from hollywood_ai.tui import collector

    collector.pause()
    try:
        app = make_app(reader_home)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "Articles (5)" in str(app.main_screen.listing.border_title)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()  # what the reader froze: this process goes on with other tests


async def test_header_has_outlet_author_date_url_tags(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main_screen.articles
        rich = max(articles, key=lambda a: bool(a.url) + bool(a.tags) + bool(a.outlet))
        app.main_screen.listing.select_id(rich.id)
        await settle(pilot)
        header = header_text(app)
        for value in (rich.outlet, rich.published, rich.url, *rich.tags[:2]):
            if value:
                assert value in header.replace("\n", "")


async def test_j_k_and_arrows_move_in_the_list_and_the_pane_follows(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        titles = [e.title for e in listing.entries]
        await pilot.press("j")
        await settle(pilot)
        assert listing.highlighted == 1
        assert titles[1] in header_text(app)
        await pilot.press("down", "down")
        await settle(pilot)
        assert listing.highlighted == 3
        assert titles[3] in header_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert listing.highlighted == 2
        await pilot.press("up")
        await settle(pilot)
        assert listing.highlighted == 1
        assert titles[1] in header_text(app)
        await pilot.press("G")
        await settle(pilot)
        assert listing.highlighted == 4
        await pilot.press("g")
        await settle(pilot)
        assert listing.highlighted == 0


async def test_enter_opens_in_the_pane_and_tab_moves_focus(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        pane = app.main_screen.pane
        assert app.focused is pane
        assert app.main_screen.listing.entries[1].title in header_text(app)
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab", "escape")
        assert isinstance(app.focused, ArticleList)


async def test_pane_scrolls_with_pager_keys(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        pane = app.main_screen.pane
        assert pane.max_scroll_y > 10
        await pilot.press("space")
        page = pane.scroll_y
        assert page > 3
        await pilot.press("j")
        assert pane.scroll_y == page + 1
        await pilot.press("k")
        assert pane.scroll_y == page
        await pilot.press("b")
        assert pane.scroll_y == 0
        await pilot.press("pagedown")
        assert pane.scroll_y == page
        await pilot.press("pageup")
        assert pane.scroll_y == 0
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("g")
        assert pane.scroll_y == 0
        await pilot.press("down")
        assert pane.scroll_y == 1
        await pilot.press("end")
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("home")
        assert pane.scroll_y == 0


async def test_markdown_renders_headings_lists_tables_and_link_targets(home):
    from hollywood_ai.index.workspace import Workspace

    body = (
        "Intro with a [link](https://example.org/x) and **bold**.\n\n"
        "## Section two\n\n"
        "- first item\n- second item\n\n"
        "| name | value |\n|---|---|\n| alpha | 1 |\n| beta | 2 |\n"
    )
    ws = Workspace(home)
    ws.store([Article.make(title="Markdown sample", body=body, origin="sample.md")])
    ws.close()
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main_screen.listing.select_id(app.main_screen.articles[0].id)
        await settle(pilot)
        pane = app.main_screen.pane
        kinds = [b.kind for b in pane.blocks]
        assert kinds == ["paragraph", "heading", "item", "item", "table"]
        intro = pane.blocks[0].parts[0].plain
        assert "link (https://example.org/x)" in intro
        assert "**" not in intro
        items = list(pane.query(ItemBlock))
        assert [str(i.query_one(".marker", Static).render()) for i in items] == ["•", "•"]
        table = pane.query_one("TableBlock")
        drawn = str(table.render())
        assert "alpha" in drawn and "│" in drawn and "┌" in drawn


async def test_search_narrows_the_list_as_you_type_and_esc_restores_it(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        box = screen.search_box
        assert not box.display
        await pilot.press("slash")
        assert box.display and app.focused is box
        await pilot.press(*"eternauta")
        await settle(pilot)
        assert box.value == "eternauta"
        listing = screen.listing
        assert 1 <= listing.option_count < 5
        title = str(listing.border_title)
        assert "match" in title and "eternauta" in title
        assert all("eternaut" in t.casefold() for t in option_texts(app)) or listing.entries
        await pilot.press("enter")
        assert app.focused is listing
        await pilot.press("escape")
        await settle(pilot)
        assert listing.option_count == 5
        assert "Articles (5)" in str(listing.border_title)
        assert not box.display and box.value == ""
        assert screen.pane.matches == []


async def test_search_with_no_hits_says_so(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzqxv")
        await settle(pilot)
        screen = app.main_screen
        assert screen.listing.option_count == 0
        hint = str(screen.query_one("#search-hint", Static).render())
        assert "No article matches" in hint
        assert "0 articles match" in str(screen.listing.border_title)


async def test_matched_words_are_highlighted_and_n_N_step_through_them(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert not screen.check_action("next_match", ())
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        await pilot.press("enter", "enter")
        pane = screen.pane
        assert app.focused is pane
        count = len(pane.matches)
        assert count >= 3
        assert f"match 1 of {count}" in str(pane.border_subtitle)
        first = pane.matches[0]
        widget = pane.block_widgets[first.block]
        assert isinstance(widget, TextBlock | ItemBlock)
        content = widget.render() if isinstance(widget, TextBlock) else None
        if content is not None:
            styles = {str(span.style) for span in content.spans}
            assert CURRENT_STYLE in styles
            word = content.plain[first.start : first.end]
            assert word.casefold().startswith("netflix")
        await pilot.press("n")
        assert f"match 2 of {count}" in str(pane.border_subtitle)
        await pilot.press("n")
        assert f"match 3 of {count}" in str(pane.border_subtitle)
        await pilot.press("N")
        assert f"match 2 of {count}" in str(pane.border_subtitle)
        await pilot.press("N", "N")
        assert f"match {count} of {count}" in str(pane.border_subtitle)
        second = pane.block_widgets[pane.matches[1].block]
        if isinstance(second, TextBlock):
            assert MATCH_STYLE in {str(s.style) for s in second.render().spans}


async def test_s_sorts_by_title_and_back_by_date(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        by_date = [e.id for e in listing.entries]
        await pilot.press("s")
        titles = [e.title.casefold() for e in listing.entries]
        assert titles == sorted(titles)
        assert "by title" in str(listing.border_subtitle)
        await pilot.press("s")
        assert [e.id for e in listing.entries] == by_date
        assert "by date" in str(listing.border_subtitle)


async def test_s_during_a_search_switches_relevance_and_date(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"netflix", "enter")
        await settle(pilot)
        listing = app.main_screen.listing
        assert "by relevance" in str(listing.border_subtitle)
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in str(listing.border_subtitle)
        dates = [e.published for e in listing.entries if e.published]
        assert dates == sorted(dates, reverse=True)


async def test_w_hides_the_list_to_read_full_width(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        pane = screen.pane
        narrow = pane.size.width
        await pilot.press("w")
        await pilot.pause()
        assert screen.has_class("-list-hidden")
        assert not screen.query_one("#sidebar").display
        assert not screen.check_action("hide_list", ()) and screen.check_action("show_list", ())
        assert app.focused is pane
        assert pane.outer_size.width == 120
        assert pane.size.width > narrow
        await pilot.press("w")
        await pilot.pause()
        assert screen.query_one("#sidebar").display
        assert isinstance(app.focused, ArticleList)


async def test_narrow_terminal_puts_the_list_above_the_pane(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.has_class("-narrow")
        listing = screen.listing
        pane = screen.pane
        assert listing.compact
        assert listing.region.bottom <= pane.region.y
        assert listing.region.width == pane.region.width == 80
        # One line per article: all five fit.
        assert listing.region.height == 5 + 2
        rows = option_texts(app)
        assert rows[0].lstrip().startswith("2025-")


async def test_question_mark_and_f1_open_help_listing_every_binding(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
        for expected in (
            "Search",
            "Next match",
            "Prev match",
            "Sort",
            "Full width",
            "Show list",
            "Compare",
            "Facts",
            "Add",
            "Quit",
            "Read",
            "Clear search",
            "Page down",
            "Page up",
            "Next article",
            "Top of the article",
            "Ctrl+P",
            "F1",
            "In the list of sources: the next source",
            "The sources as a list, one row each, or as columns",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


async def test_help_lists_every_binding_of_every_screen_once(reader_home):
    from hollywood_ai.tui.screens.add import AddScreen
    from hollywood_ai.tui.screens.compare import CompareScreen, PassageList, SourceColumn
    from hollywood_ai.tui.screens.facts import FactsScreen, FactsTable
    from hollywood_ai.tui.screens.main import MainScreen
    from hollywood_ai.tui.screens.story_picker import StoryPicker
    from textual.binding import Binding

    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        sections = {
            str(s.render()).splitlines()[0]: str(s.render()).splitlines()[1:]
            for s in app.screen.query(".help-section")
        }
        text = "\n".join("\n".join(lines) for lines in sections.values())
        for title in ("Everywhere", "Reader", "Compare", "Facts", "Add articles", "Help"):
            assert any(t.startswith(title) for t in sections), (title, list(sections))
        # Every screen's own bindings (the app's keys they pass on are under Everywhere).
        for screen in (
            MainScreen,
            CompareScreen,
            PassageList,
            SourceColumn,
            FactsScreen,
            FactsTable,
            StoryPicker,
            AddScreen,
            HelpScreen,
        ):
            for b in Binding.make_bindings(screen.__dict__["BINDINGS"]):
                if b.action.startswith("app.") or b.action == "help":
                    continue
                if b.key in ("left", "right"):
                    continue  # one row, "← →", checked below
                assert (b.tooltip or b.description) in text, (screen.__name__, b)
        compare = next(v for k, v in sections.items() if k.startswith("Compare"))
        compare_text = "\n".join(compare)
        for keys in ("← →", "/ c", "e ", "Enter", "t ", "Esc"):
            assert any(line.strip().startswith(keys) for line in compare), (keys, compare_text)
        facts = "\n".join(next(v for k, v in sections.items() if k.startswith("Facts")))
        assert "Compare this fact" in facts and "Open the fact in the reader" in facts
        # One row per key in a section: w hides the list or shows it, on one row.
        reader = next(v for k, v in sections.items() if k.startswith("Reader"))
        w_rows = [line for line in reader if line.strip().startswith("w ")]
        assert len(w_rows) == 1 and "Full width" in w_rows[0] and "Show list" in w_rows[0]
        for title, lines in sections.items():
            keys = [line.strip().split("  ")[0] for line in lines if line.strip()]
            if title.startswith("Compare"):
                keys = [k for k in keys if k != "Enter"]  # in the question, and on a passage
            assert len(keys) == len(set(keys)), (title, keys)


async def test_palette_offers_our_commands_and_opens_articles_by_title(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = app.main_screen.articles[-1]
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"rebuild")
        await pilot.pause(0.3)
        await settle(pilot)
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList").options)
        assert "Rebuild the index" in shown
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        words = target.title.split()[:3]
        await pilot.press(*" ".join(words))
        await pilot.pause(0.3)
        await settle(pilot)
        shown = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        assert any(s.startswith(f"Open: {target.title}") for s in shown), shown
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.listing.current_id == target.id
        assert target.title in header_text(app)


async def test_palette_rebuild_index_shows_progress_and_a_notice(reader_home):
    seen: list[object] = []
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        seen.clear()
        app.action_rebuild_index()
        await settle(pilot)
        assert any(isinstance(m, IndexProgress) for m in seen)
        assert any(isinstance(m, IndexReady) for m in seen)
        assert any("index was rebuilt" in n for n in notifications(app))
        assert not app.main_screen.has_class("-busy")


async def test_start_on_a_new_home_indexes_in_the_background(home):
    seen: list[object] = []
    app = make_app(home)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        kinds = [type(m).__name__ for m in seen]
        assert "LibraryLoaded" in kinds and "IndexReady" in kinds
        assert kinds.index("LibraryLoaded") < kinds.index("IndexReady")
        assert any(isinstance(m, IndexProgress) for m in seen)
        assert app.main_screen.listing.option_count == 5
        await pilot.press("slash", *"sarandos")
        await settle(pilot)
        assert app.main_screen.listing.option_count >= 1


async def test_theme_sort_article_and_position_are_remembered(reader_home):
    app = make_app(reader_home)
    app.fixed_theme = None
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.press("s", "j", "j", "enter")
        await settle(pilot)
        await pilot.press("space")
        await pilot.pause()
        chosen = app.main_screen.listing.current_id
        scrolled = app.main_screen.pane.scroll_y
        assert scrolled > 0
        await pilot.press("q")
    saved = json.loads((reader_home / "settings.json").read_text())
    assert saved["theme"] == "nord" and saved["sort"] == "title" and saved["article"] == chosen

    again = make_app(reader_home)
    again.fixed_theme = None
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert again.theme == "nord"
        assert again.main_screen.listing.current_id == chosen
        assert chosen is not None and again.main_screen.pane.article.id == chosen
        assert "by title" in str(again.main_screen.listing.border_subtitle)
        for _ in range(40):  # the place is restored once the article is laid out
            if again.main_screen.pane.scroll_y == scrolled:
                break
            await pilot.pause(0.05)
        assert again.main_screen.pane.scroll_y == scrolled


async def test_damaged_settings_file_means_defaults(reader_home):
    (reader_home / "settings.json").write_text("{not json", encoding="utf-8")
    app = make_app(reader_home)
    app.fixed_theme = None
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert app.main_screen.listing.option_count == 5


async def test_q_quits(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (0, None)


async def test_mouse_click_opens_an_article(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        assert await pilot.click(ArticleList, offset=(20, 3))
        await settle(pilot)
        assert listing.highlighted == 2
        assert listing.entries[2].title in header_text(app)
        assert app.focused is app.main_screen.pane


# ------------------------------------------------- compare, facts and add keys


@dataclass
class Recorder:
    calls: list[tuple[str, tuple, dict]] = field(default_factory=list)


def fake_screen_module(monkeypatch, module: str, name: str, recorder: Recorder) -> None:
    class FakeScreen(Screen):
        BINDINGS = [("escape", "app.pop_screen", "Back")]

        def __init__(self, *args, **kwargs):
            super().__init__()
            recorder.calls.append((name, args, kwargs))

        def compose(self):
            yield Static(f"fake {name}")

    fake = types.ModuleType(f"hollywood_ai.tui.screens.{module}")
    setattr(fake, name, FakeScreen)
    monkeypatch.setitem(sys.modules, f"hollywood_ai.tui.screens.{module}", fake)


async def test_c_pushes_compare_with_the_search_query(reader_home, monkeypatch):
    recorder = Recorder()
    fake_screen_module(monkeypatch, "compare", "CompareScreen", recorder)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ten times faster", "enter")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        _name, args, kwargs = recorder.calls[-1]
        assert args[0] is app.workspace
        assert kwargs == {"text": "ten times faster", "story": None}
        assert type(app.screen).__name__ == "FakeScreen"
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_c_without_a_query_takes_the_sentence_being_read(reader_home, monkeypatch):
    recorder = Recorder()
    fake_screen_module(monkeypatch, "compare", "CompareScreen", recorder)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c")
        await pilot.pause()
        text = recorder.calls[-1][2]["text"]
        article = app.main_screen.pane.article
        assert text and text in [p.text for p in split_passages(article)]


async def test_f_and_a_push_facts_and_add(reader_home, monkeypatch):
    recorder = Recorder()
    fake_screen_module(monkeypatch, "facts", "FactsScreen", recorder)
    fake_screen_module(monkeypatch, "add", "AddScreen", recorder)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert recorder.calls[-1] == ("FactsScreen", (app.workspace,), {"story": None})
        await pilot.press("escape", "a")
        assert recorder.calls[-1] == ("AddScreen", (app.workspace,), {})
        assert type(app.screen).__name__ == "FakeScreen"


async def test_missing_screens_say_not_available(reader_home, monkeypatch):
    for module in ("compare", "facts", "add"):
        monkeypatch.setitem(sys.modules, f"hollywood_ai.tui.screens.{module}", None)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "f", "a")
        await pilot.pause()
        said = notifications(app)
        assert any("Compare is not available" in n for n in said)
        assert any("Facts is not available" in n for n in said)
        assert any("Add is not available" in n for n in said)
        assert app.screen is app.main_screen


# ------------------------------------------------------------- messages


async def test_open_article_message_goes_back_and_lights_the_passage(reader_home, monkeypatch):
    recorder = Recorder()
    fake_screen_module(monkeypatch, "facts", "FactsScreen", recorder)
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The list holds articles without bodies; the workspace has the whole one.
        article = app.workspace.get(app.main_screen.articles[3].id)
        passages = split_passages(article)
        passage = passages[len(passages) * 2 // 3]
        await pilot.press("f")
        assert app.screen is not app.main_screen
        app.screen.post_message(OpenArticle(article.id, passage.start, passage.end))
        await settle(pilot)
        assert app.screen is app.main_screen
        screen = app.main_screen
        assert screen.listing.current_id == article.id
        pane = screen.pane
        assert pane.article.id == article.id
        assert app.focused is pane
        assert pane.passage is not None
        widget = pane.block_widgets[pane.passage.block]
        assert pane.scroll_y > 0
        assert widget.region.y >= pane.region.y and widget.region.y < pane.region.bottom
        if isinstance(widget, TextBlock):
            content = widget.render()
            lit = [s for s in content.spans if str(s.style) == PASSAGE_STYLE]
            assert lit
            shown = content.plain[lit[0].start : lit[0].end]
            assert " ".join(shown.split()) == passage.text


async def test_c_after_opening_a_passage_asks_that_passage(reader_home, monkeypatch):
    """Compare from a passage opened by its offsets asks the passage's own text."""
    recorder = Recorder()
    fake_screen_module(monkeypatch, "compare", "CompareScreen", recorder)
    app = make_app(reader_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article = app.workspace.get(app.main_screen.articles[1].id)
        passages = [p for p in split_passages(article) if p.kind == "sentence"]
        passage = passages[len(passages) // 2]
        app.post_message(OpenArticle(article.id, passage.start, passage.end))
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert recorder.calls[-1][2]["text"] == passage.text


async def test_open_article_outside_the_search_results_clears_the_search(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eternauta", "enter")
        await settle(pilot)
        shown = {e.id for e in app.main_screen.listing.entries}
        other = next(a for a in app.main_screen.articles if a.id not in shown)
        app.post_message(OpenArticle(other.id))
        await settle(pilot)
        assert app.main_screen.listing.option_count == 5
        assert app.main_screen.listing.current_id == other.id
        assert other.title in header_text(app)


async def test_an_add_in_another_process_shows_in_the_list_keeping_the_place(reader_home, tmp_path):
    """A real `hollywood-ai add` in another process, while the reader runs: the
    reader notices the library changed and shows the new article."""
    import asyncio
    import subprocess
    import time
    from pathlib import Path

    note = tmp_path / "late.md"
    note.write_text(
        "---\ntitle: A late addition\noutlet: Test Outlet\npublished: 2024-01-01\n---\n\n"
        "Words about generative AI in a studio.\n",
        encoding="utf-8",
    )
    exe = str(Path(sys.executable).parent / "hollywood-ai")
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        keep = app.main_screen.listing.current_id
        added = await asyncio.to_thread(
            subprocess.run,
            [exe, "--home", str(reader_home), "add", str(note)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert added.returncode == 0, added.stderr
        listing = app.main_screen.listing
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and listing.option_count < 6:
            await pilot.pause(0.2)
        await settle(pilot)
        assert listing.option_count == 6
        assert "Articles (6)" in str(listing.border_title)
        assert listing.current_id == keep
        assert any("A late addition" in t for t in option_texts(app))


async def test_worker_errors_become_notifications(reader_home, monkeypatch):
    import hollywood_ai.index as search_module

    def broken(*args, **kwargs):
        raise HollywoodError("the index could not be read; run 'hollywood-ai index --rebuild'")

    monkeypatch.setattr(search_module, "search", broken)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        assert any("could not be read" in n for n in notifications(app))
        assert app.is_running
        await pilot.press("escape")
        assert app.main_screen.listing.option_count == 5


async def test_search_box_keeps_typed_letters_that_are_also_keys(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"facts can wait q")
        assert isinstance(app.focused, SearchBox)
        assert app.focused.value == "facts can wait q"
        assert app.screen is app.main_screen and app.is_running


async def test_keys_typed_in_a_burst_after_slash_land_in_the_box(reader_home):
    from textual import events

    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # As a fast typist or a paste in a terminal sends them: all at once.
        for key, char in [("slash", "/"), *[(c, c) for c in "wafq"], ("slash", "/"), ("x", "x")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert isinstance(app.focused, SearchBox)
        assert app.focused.value == "wafq/x"
        assert app.screen is app.main_screen and app.is_running
        assert not app.main_screen.has_class("-list-hidden")


async def test_keymap_in_settings_rebinds_keys_by_binding_id(reader_home):
    (reader_home / "settings.json").write_text(
        json.dumps({"keymap": {"main.search": "ctrl+f", "main.sort": "o"}}), encoding="utf-8"
    )
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert "by title" in str(app.main_screen.listing.border_subtitle)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, SearchBox)


async def test_list_page_and_end_keys_and_pane_up(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        await pilot.press("end")
        await settle(pilot)
        assert listing.highlighted == 4
        await pilot.press("home")
        assert listing.highlighted == 0
        await pilot.press("pagedown")
        assert listing.highlighted == 4
        await pilot.press("pageup")
        assert listing.highlighted == 0
        await settle(pilot)
        await pilot.press("enter", "space", "up")
        pane = app.main_screen.pane
        assert pane.scroll_y > 0
        before = pane.scroll_y
        await pilot.press("up")
        assert pane.scroll_y == before - 1


async def test_a_suggestion_is_offered_under_the_search_box(reader_home, monkeypatch):
    import hollywood_ai.index as search_module

    real = search_module.search

    def with_suggestion(ws, text, limit=20, sort="relevance", should_stop=None, typing=False):
        result = real(ws, text, limit, sort, should_stop=should_stop, typing=typing)
        result.suggestion = "eternauta"
        return result

    monkeypatch.setattr(search_module, "search", with_suggestion)
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eternuata", "space")  # a finished word
        await settle(pilot)
        hint = str(app.main_screen.query_one("#search-hint", Static).render())
        assert "Did you mean “eternauta”?" in hint
        assert "No article matches" in hint


async def test_down_in_the_search_box_goes_to_the_results(reader_home):
    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"netflix")
        await settle(pilot)
        await pilot.press("down")
        assert isinstance(app.focused, ArticleList)


async def test_an_empty_library_says_how_to_fill_it(home):
    from hollywood_ai.index.workspace import Workspace

    ws = Workspace(home)
    ws.open()
    for article in ws.articles():
        ws.remove(article.id)
    ws.close()
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.listing.option_count == 0
        assert "Articles (0)" in str(screen.listing.border_title)
        hint = str(screen.query_one("#search-hint", Static).render())
        assert "press a to add articles" in hint
        assert "No article to show." in str(screen.pane.query_one("#placeholder", Static).render())
        await pilot.press("j", "enter", "n", "s", "space")
        assert app.is_running


async def test_results_of_a_stale_search_are_dropped(reader_home):
    from hollywood_ai.index.searching.results import search
    from hollywood_ai.tui.screens.main_search import SearchDone

    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"eternauta")
        await settle(pilot)
        screen = app.main_screen
        shown = [e.id for e in screen.listing.entries]
        old = search(app.workspace, "netflix", 50, "relevance")
        assert len(old.hits) != len(shown)
        screen.post_message(SearchDone("netflix", "relevance", old))
        await settle(pilot)
        assert [e.id for e in screen.listing.entries] == shown
        assert "eternauta" in str(screen.listing.border_title)


# ------------------------------------------ a long list, the kept article deep


DEEP_LIBRARY = 400
DEEP_KEPT = 330  # its place in the list (by date, newest first)
FILL_MORE = ArticleList._fill_more


@pytest.fixture(scope="module")
def deep_library(tmp_path_factory: pytest.TempPathFactory, seeded_home: Path) -> Path:
    """The seeds and 395 more articles, one a day, indexed."""
    from hollywood_ai.index.workspace import Workspace

    home = tmp_path_factory.mktemp("deep") / "home"
    shutil.copytree(seeded_home, home)
    ws = Workspace(home)
    ws.open()
    day = date(2019, 1, 1)
    ws.store(
        [
            Article.make(
                title=f"Deep list story {i:03d}",
                body=f"Story {i:03d} about a studio, its dubbing and its extras. " * 8,
                origin=f"deep-{i:03d}.md",
                outlet="Long Wire",
                published=(day + timedelta(days=i)).isoformat(),
            )
            for i in range(DEEP_LIBRARY - 5)
        ]
    )
    ws.close()
    return home


@pytest.fixture
def deep_home(deep_library: Path, tmp_path: Path) -> tuple[Path, list[Article]]:
    """A copy of the long library, the reader remembering its 331st article;
    and the articles in the order the list shows them."""
    from hollywood_ai.index.workspace import Workspace

    home = tmp_path / "deep-home"
    shutil.copytree(deep_library, home)
    ws = Workspace(home)
    articles = ws.articles()
    ws.close()
    assert len(articles) == DEEP_LIBRARY
    kept = articles[DEEP_KEPT]
    (home / "settings.json").write_text(json.dumps({"article": kept.id}), encoding="utf-8")
    return home, articles


def list_lines(app) -> list[str]:
    """The list's rows as they are on the screen (no border, no scroll bar)."""
    region = app.main_screen.listing.scrollable_content_region
    screen = [strip.text for strip in app.screen._compositor.render_strips()]
    return [line[region.x : region.right] for line in screen[region.y : region.bottom]]


def on_screen(app, title: str) -> bool:
    """The title's start is in the list on the screen (a long one wraps)."""
    return any(title[:20] in line for line in list_lines(app))


def hold_the_fill(monkeypatch) -> list[int]:
    """Keep the rows after the first ones from coming (until the test lets them)."""
    held: list[int] = []
    monkeypatch.setattr(ArticleList, "_fill_more", lambda self, generation: held.append(generation))
    return held


async def let_the_fill_finish(pilot, monkeypatch, held: list[int]) -> None:
    import time

    monkeypatch.setattr(ArticleList, "_fill_more", FILL_MORE)
    listing = pilot.app.main_screen.listing
    listing._fill_more(held[-1])
    deadline = time.monotonic() + 30
    while not listing.filled and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
async def test_a_kept_article_deep_in_a_long_list_is_shown_at_once(deep_home, monkeypatch, size):
    home, articles = deep_home
    kept = articles[DEEP_KEPT]
    held = hold_the_fill(monkeypatch)
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        # The first screen: the rows around the kept article only, it lit and read.
        assert held and listing.option_count < DEEP_KEPT
        assert listing.current_id == kept.id
        assert kept.title in str(listing.highlighted_option.prompt)
        assert kept.title in header_text(app)
        seen = list_lines(app)
        assert on_screen(app, kept.title)

        await let_the_fill_finish(pilot, monkeypatch, held)
        titles = option_texts(app)
        assert len(titles) == DEEP_LIBRARY
        assert all(a.title in t for a, t in zip(articles, titles, strict=True))
        # Rows came in above the kept article: it is still the one lit and
        # read, and the list did not move on the screen.
        assert listing.current_id == kept.id
        assert kept.title in str(listing.highlighted_option.prompt)
        assert kept.title in header_text(app)
        assert list_lines(app) == seen

        await pilot.press("k")
        await settle(pilot)
        assert articles[DEEP_KEPT - 1].title in header_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert listing.highlighted == 0 and articles[0].title in header_text(app)
        assert on_screen(app, articles[0].title)


async def test_keys_reach_rows_not_in_the_list_yet(deep_home, monkeypatch):
    from hollywood_ai.tui.widgets import article_list

    home, articles = deep_home
    monkeypatch.setattr(article_list, "FIRST_ROWS", 20)  # ten rows above the kept one
    held = hold_the_fill(monkeypatch)
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.main_screen.listing
        assert listing.option_count == 20
        # Up from the kept article, past the first rows put in: the rows above follow.
        await pilot.press(*["k"] * 15)
        await settle(pilot)
        above = articles[DEEP_KEPT - 15]
        assert listing.current_id == above.id
        assert above.title in header_text(app) and on_screen(app, above.title)
        assert 20 < listing.option_count < DEEP_LIBRARY
        await pilot.press("G")
        await settle(pilot)
        assert listing.current_id == articles[-1].id
        assert articles[-1].title in header_text(app) and on_screen(app, articles[-1].title)
        await pilot.press("g")
        await settle(pilot)
        assert listing.current_id == articles[0].id
        assert articles[0].title in header_text(app) and on_screen(app, articles[0].title)
        # An article far from the rows in the list (opened from compare, facts, the palette).
        kept = articles[DEEP_KEPT]
        assert listing.select_id(kept.id)
        await settle(pilot)
        assert kept.title in header_text(app) and on_screen(app, kept.title)
        await pilot.press("pageup")
        await settle(pilot)
        up = listing.current_index
        assert up is not None and DEEP_KEPT - 40 < up < DEEP_KEPT - 10
        assert articles[up].title in header_text(app) and on_screen(app, articles[up].title)
        await let_the_fill_finish(pilot, monkeypatch, held)
        assert len(option_texts(app)) == DEEP_LIBRARY
        assert listing.current_id == articles[up].id


async def test_indexing_progress_before_the_footer_is_shown_once_it_is_in(reader_home):
    """The status bar and footer are mounted after the first frame; progress
    told before then shows as soon as they are in."""
    from textual.widgets import Footer, Label, ProgressBar

    app = make_app(reader_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        if not screen._late_mounted:
            screen._set_busy((3, 8))
        await settle(pilot)
        assert screen._late_mounted and screen.query_one(Footer).display
        if screen._progress is None:  # mounted before the first check: tell it now
            screen._set_busy((3, 8))
            await pilot.pause()
        assert "Indexing 3 of 8 articles" in str(screen.query_one("#status-label", Label).content)
        assert screen.query_one("#status-progress", ProgressBar).progress == 3
        assert screen.has_class("-busy") and app.sub_title == "indexing 3/8"
        screen._set_busy(None)
        await pilot.pause()
        assert not screen.has_class("-busy")
