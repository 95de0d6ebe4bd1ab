from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hollywood_ai.index.workspace import Workspace

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user data dir."""
    monkeypatch.setenv("HOLLYWOOD_AI_HOME", str(tmp_path_factory.mktemp("default-home")))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def workspace(home: Path) -> Workspace:
    ws = Workspace(home)
    ws.open()
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with the seeds stored and indexed, shared read-only by many tests."""
    path = tmp_path_factory.mktemp("seeded") / "home"
    ws = Workspace(path)
    ws.open()
    ws.close()
    return path


@pytest.fixture
def seeded(seeded_home: Path) -> Workspace:
    ws = Workspace(seeded_home)
    ws.open()
    yield ws
    ws.close()


@pytest.fixture
def reader_home(seeded_home: Path, tmp_path: Path) -> Path:
    """The seeded home, copied: the reader writes settings.json into its home."""
    home = tmp_path / "reader-home"
    shutil.copytree(seeded_home, home)
    (home / "settings.json").unlink(missing_ok=True)
    return home


def by_origin(ws: Workspace, prefix: str):
    for article in ws.articles():
        if os.path.basename(article.origin).startswith(prefix):
            return article
    raise AssertionError(f"no article from {prefix}")
