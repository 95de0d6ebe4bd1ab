"""The compare and facts screens, driven by keys as a person would."""

from __future__ import annotations

import pytest
from hollywood_ai.tui.screens.compare import CompareScreen, SourceColumn
from hollywood_ai.tui.screens.facts import FactsScreen
from textual.widgets import DataTable, Input, OptionList, Static

from tests.reader_support import make_app, open_facts, settle


def band_text(screen: CompareScreen) -> str:
    return "\n".join(str(s.visual) for s in screen.query("#compare-band Static"))


async def open_compare(pilot, question: str) -> CompareScreen:
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    inp = screen.query_one(Input)
    inp.value = question
    inp.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_compare_shows_columns_not_reported_and_band(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(pilot, "Netflix revenue")
        columns = list(screen.query(SourceColumn))
        # The two that report it, each a column; the three silent, one line.
        assert len(columns) == 2 and all(c.source.reports for c in columns)
        silent = str(screen.query_one("#compare-silent", Static).visual)
        assert silent.startswith("Not reported by 3 sources: ")
        band = band_text(screen)
        assert "$11.5 billion" in band and "$11 billion" in band
        assert "Reported by 2 of 5 sources" in str(
            screen.query_one("#compare-status", Static).visual
        )


async def test_left_right_move_between_columns_and_enter_opens(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(pilot, "which show used generative AI first?")
        columns = list(screen.query(SourceColumn))
        assert screen.focused is not None and columns[0] in screen.focused.ancestors
        await pilot.press("right")
        assert columns[1] in screen.focused.ancestors_with_self
        await pilot.press("left")
        assert columns[0] in screen.focused.ancestors_with_self
        await pilot.press("right")
        target = columns[1].source
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.pane.article.id == target.id


async def test_name_variants_and_quote_diff_in_band(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_compare(pilot, "which show used generative AI first?")
        band = band_text(screen)
        assert "El Atonata" in band and "The Eternaut" in band and "El Eternauta" in band
        screen.query_one(Input).value = "what did Sarandos say about creators"
        screen.query_one(Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        band = band_text(screen)
        assert "Quote" in band and "Sarandos" in band


async def test_export_writes_markdown(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_compare(pilot, "Netflix revenue")
        await pilot.press("e")
        await pilot.pause()
        exported = list((reader_home / "exports").glob("compare-*.md"))
        assert exported and "$11.5 billion" in exported[0].read_text()


async def test_escape_goes_back(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_compare(pilot, "building collapse")
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_narrow_terminal_shows_whole_columns_the_others_in_turn(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot, "which show used generative AI first?")
        reporting = len(screen.ordered())
        assert reporting >= 3
        columns = list(screen.query(SourceColumn))
        assert len(columns) == 2
        assert all(c.outer_size.width >= 36 and c.region.right <= 80 for c in columns)
        for _ in range(reporting - 1):
            await pilot.press("right")
            await settle(pilot)
        columns = list(screen.query(SourceColumn))
        assert columns[-1].source is screen.ordered()[-1]
        assert all(c.region.right <= 80 for c in columns)


async def test_facts_matrix_and_enter_compares(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_facts(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count >= 5 and len(table.columns) == 6  # the fact + five sources
        row = [str(c) for c in table.get_row_at(0)]
        assert row[1:].count("·") + row[1:].count("●") + row[1:].count("◆") == 5
        detail = str(screen.query_one("#facts-detail-text", Static).visual)
        assert screen.facts[0].label in detail
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.query_one(Input).value == screen.facts[0].label
        assert any(c.source.reports for c in app.screen.query(SourceColumn))
        await pilot.press("escape")
        assert app.screen is screen


async def test_markup_in_titles_is_shown_as_written(reader_home):
    import json

    for path in (reader_home / "library").glob("*.json"):
        data = json.loads(path.read_text())
        if "Bets Big" in data["title"]:
            data["title"] = "[bold red]Bets[/] Big [/] \x1b[31m"
            path.write_text(json.dumps(data))
    from hollywood_ai.index.workspace import Workspace

    Workspace(reader_home).sync()
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_compare(pilot, "Netflix revenue")
        heads = [str(s.visual) for s in screen.query(".column-head")]
        assert any("[bold red]Bets[/] Big [/]" in h for h in heads)
        assert not any("\x1b" in h for h in heads)
        assert isinstance(screen.query(OptionList).first(), OptionList)


def screen_lines(app) -> list[str]:
    """The screen as the user sees it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def row_backgrounds(app, needle: str) -> set:
    """The background colours under ``needle`` wherever it shows on screen."""
    found = set()
    for strip in app.screen._compositor.render_strips():
        x = 0
        at = strip.text.find(needle)
        if at < 0:
            continue
        for segment in strip:
            width = len(segment.text)
            if x < at + len(needle) and x + width > at and segment.text.strip():
                found.add(segment.style.bgcolor if segment.style else None)
            x += width
    return found


async def test_enter_on_a_table_row_shows_that_row_lit(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot, "Emerging Advertising Revenue Model")
        columns = list(screen.query(SourceColumn))
        guardian = next(i for i, c in enumerate(columns) if c.source.via == "The Guardian")
        while screen.focused is None or columns[guardian] not in screen.focused.ancestors:
            await pilot.press("right")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.1)
        assert app.screen is app.main_screen
        pane = app.main_screen.pane
        inside = screen_lines(app)[pane.region.y + 1 : pane.region.bottom - 1]
        shown = "\n".join(inside)
        # The whole row is on screen: its name and its last field.
        assert "Emerging Advertising Revenue Model" in shown, shown
        assert "diversified revenue" in shown and "relevancy" in shown, shown
        assert "AI in Film Production" not in shown, shown
        # The row is lit, the rest of the table is not, and the table as a whole does not flash.
        lit = row_backgrounds(app, "Emerging Advertising Revenue Model")
        labels = row_backgrounds(app, "description")
        assert lit and labels and not (lit & labels), (lit, labels)
        assert not pane.query(".-flash")


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def slow_compare(monkeypatch, seconds: float = 0.6) -> None:
    """The comparison takes a while, as on a big library: keys arrive meanwhile."""
    import time

    import hollywood_ai.tui.screens.compare as compare_module

    real = compare_module.compare

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(compare_module, "compare", slow)


async def search_then_compare(pilot, query: str) -> CompareScreen:
    await settle(pilot)
    await pilot.press("slash", *query, "enter")
    await settle(pilot)
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


@pytest.mark.slow
async def test_typing_over_a_prefilled_question_while_it_runs(reader_home, monkeypatch):
    slow_compare(monkeypatch)
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_then_compare(pilot, "netflix")
        box = screen.query_one(Input)
        assert box.value == "netflix" and box.selected_text == "netflix"
        # Typed while the prefilled question runs: replaces it, and no letter
        # runs as a key (e export, f facts, a add, q quit) when the result lands.
        await pilot.press(*"Netflix revenue, facts and a quote")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert screen.focused is box
        assert box.value == "Netflix revenue, facts and a quote"
        assert not (reader_home / "exports").exists()
        assert not any("xport" in n for n in notices(app))
        # Enter runs it and only then moves to the sources.
        await pilot.press("ctrl+u", *"Netflix revenue", "enter")
        await settle(pilot)
        assert "Reported by 2 of 5" in str(screen.query_one("#compare-status", Static).visual)
        assert isinstance(screen.focused, OptionList)
        assert any(c in screen.focused.ancestors for c in screen.query(SourceColumn))


async def test_typing_after_a_prefilled_result_landed_replaces_it(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_then_compare(pilot, "netflix")
        await settle(pilot)
        assert screen.comparison is not None  # the prefilled question ran
        box = screen.query_one(Input)
        assert screen.focused is box
        await pilot.press(*"revenue", "enter")
        await settle(pilot)
        assert box.value == "revenue"
        assert screen.comparison.query == "revenue"
        assert not (reader_home / "exports").exists()
        assert isinstance(screen.focused, OptionList)
        # Esc from the sources closes; "/" then Esc goes back to the sources.
        await pilot.press("slash")
        assert screen.focused is box and box.selected_text == "revenue"
        await pilot.press("escape")
        assert isinstance(screen.focused, OptionList) and app.screen is screen
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_keys_typed_before_the_question_has_the_focus_land_in_it(reader_home):
    from textual import events

    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = CompareScreen(app.workspace, text="netflix")
        app.push_screen(screen)
        # As a fast typist sends them: before the screen has put the focus anywhere.
        for key, char in [*[(c, c) for c in "fear"], ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one(Input).value == "fear"
        assert screen.comparison is not None and screen.comparison.query == "fear"
        assert not (reader_home / "exports").exists()


# ------------------------------------------------------- 80x24, footers, stories


async def test_compare_at_80x24_leaves_room_to_read_each_source(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot, "what did Sarandos say about creators")
        lines = screen_lines(app)
        status = str(screen.query_one("#compare-status", Static).visual)
        assert any(status in line for line in lines), status  # not cut off
        band = screen.query_one("#compare-band")
        assert band.outer_size.height <= 24 // 3
        assert "Quote" in band_text(screen)
        # The band scrolls, and can be focused to do so.
        assert band.focusable and band.max_scroll_y > 0
        band.focus()
        await pilot.press("down")
        assert band.scroll_y > 0
        # Each reporting source shows at least eight lines of its passages.
        lists = [c.query_one(OptionList) for c in screen.query(SourceColumn) if c.source.reports]
        assert lists and all(o.size.height >= 8 for o in lists if o.region.width)


async def test_facts_fit_80_columns_with_codes_and_a_legend(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts(pilot)
        table = screen.query_one(DataTable)
        assert len(table.columns) == 6
        assert table.virtual_size.width <= table.scrollable_content_region.width
        lines = screen_lines(app)
        header = next(line for line in lines if "Fact" in line and "│" in line)
        codes = [screen.codes[a.id] for a in screen.articles]
        assert all(len(code) <= 4 for code in codes)
        assert all(f" {code} " in header for code in codes), (codes, header)
        fact_column = next(iter(table.columns.values()))
        assert fact_column.width >= 48
        shown = "\n".join(lines)
        assert screen.facts[0].label[:40] in shown
        legend = str(screen.query_one("#facts-legend", Static).visual)
        for a in screen.articles:
            name = a.source_name[:20]  # the name every screen gives it
            assert f"{screen.codes[a.id]} {name}" in legend, legend
        assert "kghosh.substack.com, via" in legend
        for row in legend.splitlines():
            assert row.strip() in shown  # every line of the legend is on screen, whole
        # q closes facts as Esc does; the reader goes on.
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, FactsScreen) and app.is_running


def footer_line(app) -> str:
    return screen_lines(app)[-1]


async def test_footers_show_each_screens_own_keys(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot, "Netflix revenue")
        footer = footer_line(app)
        for key in ("← → Source", "⏎ Open", "esc Back", "/ Edit", "t Story", "e Export"):
            assert key in footer, footer
        for app_key in ("c Compare", "f Facts", "a Add", "q Quit"):
            assert app_key not in footer, footer
        # The app's keys still work here.
        await pilot.press("f")
        await settle(pilot)
        facts = app.screen
        assert isinstance(facts, FactsScreen)
        footer = footer_line(app)
        for key in ("⏎ Compare this fact", "esc Back", "o Open", "t Story"):
            assert key in footer, footer
        for app_key in ("c Compare", "f Facts", "a Add", "q Quit"):
            assert app_key not in footer, footer
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AddScreen"
        await pilot.press("escape")
        assert app.screen is facts
        await pilot.press("escape")
        assert app.screen is screen


PIXAR = [
    (
        "Variety",
        "Pixar animators vote to strike over AI storyboards",
        "Pixar animators voted on Tuesday to strike over the studio's use of AI storyboard "
        "tools. The Animation Guild said 412 members backed the walkout, which begins Monday "
        "in Emeryville. Union president Jeanette Moreno said storyboard artists fear the "
        "software will replace them.",
    ),
    (
        "Deadline",
        "Animation Guild sets Pixar strike for Monday",
        "The Animation Guild will strike Pixar on Monday after 412 members approved the "
        "action. Jeanette Moreno, the guild's president, said the Emeryville storyboard "
        "artists were told the AI storyboard software would cut their work by half. Pixar "
        "declined to comment on the walkout.",
    ),
    (
        "IndieWire",
        "Why Pixar's storyboard artists are walking out",
        "Storyboard artists at Pixar in Emeryville begin a strike on Monday. The Animation "
        "Guild counted 410 votes for the walkout. Guild president Jeanette Moreno said AI "
        "storyboard tools threaten the craft. Pixar said the tools only assist the animators.",
    ),
]


@pytest.fixture
def two_stories(reader_home):
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.stories.grouping import group
    from hollywood_ai.index.workspace import Workspace

    ws = Workspace(reader_home)
    ws.open()
    ws.store(
        [
            Article.make(
                title=title,
                body=(body + "\n\n") * 3,
                origin=f"pixar-{outlet}.md",
                outlet=outlet,
                published="2025-08-01",
            )
            for outlet, title, body in PIXAR
        ]
    )
    stories = group(ws.articles())
    ws.close()
    assert len(stories) == 2
    return reader_home, stories


async def test_facts_show_the_story_and_t_picks_another(two_stories):
    from hollywood_ai.tui.screens.story_picker import StoryPicker

    home, (largest, other) = two_stories
    app = make_app(home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_facts(pilot)
        assert f"Story: {largest.label}"[:60] in "\n".join(screen_lines(app))
        await pilot.press("t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, StoryPicker)
        listed = [str(o.prompt) for o in picker.query_one(OptionList).options]
        # One line each, the label cut to fit beside the count.
        for story in (largest, other):
            assert any(story.label[:40] in t for t in listed), (story.label, listed)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.story == other.id
        shown = "\n".join(screen_lines(app))
        assert f"Story: {other.label}"[:60] in shown
        assert {a.outlet for a in screen.articles} == {"Variety", "Deadline", "IndieWire"}
        assert "Moreno" in "\n".join(f.label for f in screen.facts) + str(
            screen.query_one("#facts-detail-text", Static).visual
        )
        # A fact compared from here names its story too.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert f"Story: {other.label}"[:60] in "\n".join(screen_lines(app))


async def test_compare_shows_the_story_and_t_picks_another(two_stories):
    from hollywood_ai.tui.screens.story_picker import StoryPicker

    home, (largest, other) = two_stories
    app = make_app(home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compare(pilot, "Jeanette Moreno storyboard strike")
        assert screen.comparison.story.id == other.id
        assert f"Story: {other.label}" in "\n".join(screen_lines(app))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, StoryPicker)
        await pilot.press("down", "enter")  # past "the best match", to the largest story
        await settle(pilot)
        assert app.screen is screen
        assert screen.story == largest.id
        assert screen.comparison.story.id == largest.id
        assert screen.comparison.query == "Jeanette Moreno storyboard strike"
        assert f"Story: {largest.label}"[:60] in "\n".join(screen_lines(app))
        assert {s.via for s in screen.comparison.sources} >= {"TechCrunch", "The Guardian"}


async def test_a_failed_comparison_is_said_once_on_the_screen_and_in_a_notice(
    reader_home, monkeypatch
):
    import hollywood_ai.tui.screens.compare as compare_module

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(compare_module, "compare", broken)
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compare(pilot, "netflix revenue")
        said = "Compare failed: the disk went away"
        assert said in str(screen.query_one("#compare-status", Static).visual)
        assert notices(app).count(said) == 1
        assert app.screen is screen and app.is_running


async def test_stories_that_cannot_be_found_are_said_in_facts_and_compare(reader_home, monkeypatch):
    """Both screens pick a story the same way, and say so the same way when
    the stories cannot be read."""
    import hollywood_ai.tui.screens.story_picker as picker_module

    def broken(workspace):
        raise RuntimeError("no stories today")

    said = "Finding the stories failed: no stories today"
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        facts = await open_facts(pilot)
        monkeypatch.setattr(picker_module, "load_stories", broken)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is facts
        assert said in str(facts.query_one("#facts-status", Static).visual)
        await pilot.press("escape")
        compare = await open_compare(pilot, "netflix revenue")
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is compare
        assert said in str(compare.query_one("#compare-status", Static).visual)
        assert notices(app).count(said) == 2


@pytest.fixture
def scoped_home(tmp_path):
    from tests.scope_support import scope_home

    return scope_home(tmp_path / "scoped", seeds=True)


def plain(title) -> str:
    from textual.content import Content

    return title.plain if isinstance(title, Content) else Content.from_markup(str(title)).plain


async def test_s_switches_between_the_story_the_search_and_the_whole_library(scoped_home):
    from textual.containers import VerticalScroll

    app = make_app(scoped_home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_then_compare(pilot, "lisbon")
        await pilot.press(*"how much did dubbing cut costs", "enter")
        await settle(pilot)
        box = screen.question
        assert screen.comparison.scope.kind == "story"
        assert "Story: " in str(box.border_title)
        assert "s Scope" in footer_line(app)
        story_sources = {s.outlet for s in screen.comparison.sources}
        assert "Marquee Weekly" not in story_sources

        await pilot.press("s")  # the reader's search results
        await settle(pilot)
        c = screen.comparison
        assert c.scope.kind == "among" and c.scope.query == "lisbon"
        assert plain(box.border_title) == "Search results: lisbon"
        assert {s.outlet for s in c.sources} == {"Screen Ledger", "The Cutting Room", "Frame Rate"}
        assert "Reported by 2 of 3 sources" in str(
            screen.query_one("#compare-status", Static).visual
        )

        await pilot.press("s")  # the whole library
        await settle(pilot)
        c = screen.comparison
        assert c.scope.kind == "all" and plain(box.border_title) == "The whole library"
        assert "Marquee Weekly" in {s.outlet for s in c.sources if s.reports}
        # Many silent sources: one line of names, no empty column each.
        columns = list(screen.query(SourceColumn))
        assert columns and all(col.source.reports for col in columns)
        silent = screen.query_one("#compare-silent", Static)
        strip = screen.query_one("#compare-silent-box")
        assert strip.display
        silent_count = sum(1 for s in c.sources if not s.reports)
        assert str(silent.visual).startswith(f"Not reported by {silent_count} sources: ")
        assert "Not reported by" in "\n".join(screen_lines(app))
        assert not isinstance(app.focused, VerticalScroll) or app.focused.id == "compare-band"

        await pilot.press("s")  # round again, to the story
        await settle(pilot)
        assert screen.comparison.scope.kind == "story"
        assert str(silent.visual) == "Not reported by 1 source: Frame Rate"
        assert {s.outlet for s in screen.comparison.sources} == story_sources


async def test_without_a_search_s_goes_from_the_story_to_the_library(reader_home):
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_compare(pilot, "Netflix revenue")
        await pilot.press("s")
        await settle(pilot)
        assert screen.comparison.scope.kind == "all"
        assert screen.comparison.scope.articles == 5
        await pilot.press("s")
        await settle(pilot)
        assert screen.comparison.scope.kind == "story"


async def test_compare_opened_with_no_question_prepares_while_one_is_typed(
    reader_home, monkeypatch
):
    import hollywood_ai.tui.screens.compare as compare_screen

    prepared: list[object] = []
    monkeypatch.setattr(compare_screen, "prepare_compare", prepared.append)
    app = make_app(reader_home, remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        if screen.query_one(Input).value.strip():
            pytest.skip("the reader opened compare on a sentence: it compared at once")
        assert prepared == [app.workspace]
        status = str(screen.query_one("#compare-status", Static).visual)
        assert status == "Type a fact or a question and press Enter."
