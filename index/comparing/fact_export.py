"""The facts matrix (which source reports which fact, which differs, which is
silent) as plain data, and written as Markdown, CSV and JSON side by side."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from hollywood_ai.index.comparing.export import made_stamp, numbered_path, source_line
from hollywood_ai.index.comparing.facts import Fact
from hollywood_ai.index.model import Article, source_labels
from hollywood_ai.index.store.durable import atomic_write

SUFFIXES = (".md", ".csv", ".json")


def _cell(fact: Fact, article_id: str) -> str:
    if article_id in fact.differing:
        return "differs"
    return "reports" if article_id in fact.sources else "silent"


def facts_matrix(
    found: list[Fact], articles: Mapping[str, Article], made: datetime | None = None
) -> dict[str, Any]:
    """The matrix as data: when it was made, its scope (the stories), every
    source named in full with its provenance, date, URL and id, and per fact
    its cell for each source (reports, differs, silent) and passages."""
    ids = list(dict.fromkeys(aid for f in found for aid in [*f.sources, *f.silent]))
    shown = [articles[aid] for aid in ids if aid in articles]
    names = source_labels({a.id: (a.source_name, a.title) for a in shown})
    stories = list(dict.fromkeys((f.story, f.story_label) for f in found))
    return {
        "made": made_stamp(made),
        "scope": [{"story": sid, "label": label} for sid, label in stories],
        "sources": [
            {
                "id": a.id,
                "name": names[a.id],
                "title": a.title,
                "outlet": a.outlet,
                "via": a.via,
                "published": a.published,
                "url": a.url,
            }
            for a in shown
        ],
        "facts": [
            {
                "label": f.label,
                "story": f.story,
                "story_label": f.story_label,
                "cells": {a.id: _cell(f, a.id) for a in shown},
                "passages": dict(f.sources),
            }
            for f in found
        ],
    }


def _csv(matrix: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    sources = matrix["sources"]
    writer.writerow(["fact", "story", *(s["name"] for s in sources)])
    for fact in matrix["facts"]:
        row = [fact["label"], fact["story_label"] or fact["story"] or ""]
        writer.writerow(row + [fact["cells"][s["id"]] for s in sources])
    return out.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _markdown(matrix: dict[str, Any], articles: Mapping[str, Article]) -> str:
    marks = {"reports": "●", "differs": "◆", "silent": "·"}
    sources = matrix["sources"]
    scope = "; ".join(f"{s['label']} ({s['story']})" for s in matrix["scope"])
    lines = ["# Facts", "", f"Scope: {_md_cell(scope)}  ", f"Made: {matrix['made']}", ""]
    lines += ["## Sources", ""]
    for n, s in enumerate(sources, 1):
        article = articles.get(s["id"])
        name = article.source_name if article else s["name"]
        detail = f"Source: {name} · {source_line(s['id'], article)}"
        lines.append(f"{n}. {_md_cell(s['title'])} ({_md_cell(detail)})")
    lines += ["", "## Matrix", "", "● reports it · ◆ differs · · silent", ""]
    lines.append("| Fact | " + " | ".join(str(n) for n in range(1, len(sources) + 1)) + " |")
    lines.append("|---|" + "---|" * len(sources))
    for fact in matrix["facts"]:
        cells = " | ".join(marks[fact["cells"][s["id"]]] for s in sources)
        lines.append(f"| {_md_cell(fact['label'])} | {cells} |")
    return "\n".join(lines) + "\n"


def export_facts(
    folder: Path, found: list[Fact], articles: Mapping[str, Article], name: str = "facts"
) -> list[Path]:
    """Write the matrix to ``folder`` as NAME-N.md, .csv and .json (a new N
    each time); their paths. OSError when they cannot be written."""
    matrix = facts_matrix(found, articles)
    base = numbered_path(folder, name, SUFFIXES)
    texts = {
        ".md": _markdown(matrix, articles),
        ".csv": _csv(matrix),
        ".json": json.dumps(matrix, ensure_ascii=False, indent=2) + "\n",
    }
    paths = []
    for suffix, text in texts.items():
        path = base.with_suffix(suffix)
        atomic_write(path, text.encode("utf-8"))
        paths.append(path)
    return paths
