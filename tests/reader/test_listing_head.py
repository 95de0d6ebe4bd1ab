"""A large library's first frame: the listing's head (its first rows and the
library's size) is on screen before the whole listing is read, and the
whole listing then takes its place with the same article highlighted."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from hollywood_ai.index.store import listing as kept_listing
from hollywood_ai.index.workspace import Workspace

from tests.reader_support import make_app, settle


def _home_with_a_head(seeded_home: Path, tmp_path: Path, monkeypatch) -> tuple[Path, list[str]]:
    home = tmp_path / "home"
    shutil.copytree(seeded_home, home)
    for kept in (home / "index").glob("LISTING*.json"):
        kept.unlink()
    monkeypatch.setattr(kept_listing, "HEAD_ROWS", 3)  # a head shorter than the library
    ws = Workspace(home)
    order = [a.id for a in ws.listing()]
    ws.close()
    return home, order


async def test_the_listing_head_is_shown_before_the_whole_listing(
    seeded_home: Path, tmp_path: Path, monkeypatch
):
    home, order = _home_with_a_head(seeded_home, tmp_path, monkeypatch)
    app = make_app(home)
    app.workspace.preload_listing()  # as the command line does while Textual loads
    assert app.workspace.ready_listing() is None and app.workspace.ready_head() is not None
    release = threading.Event()
    whole = app.workspace.listing

    def held_back():
        release.wait(10)
        return whole()

    monkeypatch.setattr(app.workspace, "listing", held_back)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause()
        screen = app.main_screen
        assert str(screen.listing.border_title) == "Articles (5)"
        assert [e.id for e in screen.listing.entries] == order[:3]
        assert screen.listing.current_id == order[0]
        release.set()
        await settle(pilot)
        assert [e.id for e in screen.listing.entries] == order
        assert len(screen.articles) == 5 and screen.listing.current_id == order[0]
        assert str(screen.listing.border_title).startswith("Articles (5)")


async def test_a_kept_article_past_the_head_waits_for_the_whole_listing(
    seeded_home: Path, tmp_path: Path, monkeypatch
):
    import json

    home, order = _home_with_a_head(seeded_home, tmp_path, monkeypatch)
    (home / "settings.json").write_text(json.dumps({"article": order[4]}), encoding="utf-8")
    app = make_app(home)
    app.workspace.preload_listing()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert [e.id for e in screen.listing.entries] == order
        assert screen.listing.current_id == order[4]
