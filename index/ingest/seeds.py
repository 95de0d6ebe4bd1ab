"""The bundled corpus, shipped inside the package as data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hollywood_ai.index.model import Article


def seed_files() -> list[tuple[str, bytes]]:
    """(file name, raw bytes) of every bundled seed, in name order."""
    # The seeds are a data-only package (no __init__.py): find its folder(s)
    # through the import system, which knows both installed and editable layouts.
    spec = importlib.util.find_spec("hollywood_ai.seeds")
    folders = list(spec.submodule_search_locations or []) if spec else []
    out: dict[str, bytes] = {}
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            continue
        for entry in sorted(root.iterdir()):
            if entry.is_file() and entry.suffix in (".txt", ".md") and entry.name not in out:
                out[entry.name] = entry.read_bytes()
    return sorted(out.items())


def seed_articles() -> list[Article]:
    from hollywood_ai.index.ingest.decode import decode_bytes
    from hollywood_ai.index.ingest.documents import parse_text

    return [parse_text(decode_bytes(data, name), f"seeds/{name}") for name, data in seed_files()]
