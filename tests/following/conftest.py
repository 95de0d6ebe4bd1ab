from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hollywood_ai.index.workspace import Workspace

from tests.feed_server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


@pytest.fixture
def feeds_home(seeded_home: Path, tmp_path: Path) -> Path:
    """The seeded home, copied, for a test that subscribes and refreshes."""
    home = tmp_path / "feeds-home"
    shutil.copytree(seeded_home, home)
    return home


@pytest.fixture
def ws(feeds_home: Path) -> Iterator[Workspace]:
    workspace = Workspace(feeds_home)
    workspace.open()
    yield workspace
    workspace.close()
