"""Where the library and index live: the user data dir, HOLLYWOOD_AI_HOME, or --home."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "hollywood-ai"
ENV_HOME = "HOLLYWOOD_AI_HOME"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--home wins, then $HOLLYWOOD_AI_HOME, then the platform's user data dir.

    Nothing is created here; opening a Workspace creates what it needs.
    """
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
