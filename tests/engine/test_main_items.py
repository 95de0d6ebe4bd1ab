"""Small ingestion items: a .txt holding HTML is read as a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hollywood_ai.index import Workspace, add

PARAGRAPHS = (
    "<p>The studio said on <b>Tuesday</b> that the new tools cut the time of a visual "
    "effects shot by half, and that the crews keep their jobs.</p>\n"
    "<p>Producers in three countries tried the software on their series last spring, "
    "and most reported fewer late nights before a premiere.</p>\n"
)


@pytest.mark.parametrize(
    "text",
    [
        "<html><head><title>Studio tries tools</title></head><body><article>"
        f"<h1>Studio tries tools</h1>{PARAGRAPHS}</article></body></html>\n",
        f"<h1>Studio tries tools</h1>\n{PARAGRAPHS}",
    ],
    ids=["page", "fragment"],
)
def test_a_txt_holding_html_has_no_raw_html_title_or_body(
    workspace: Workspace, tmp_path: Path, text: str
):
    path = tmp_path / "saved.txt"
    path.write_text(text, encoding="utf-8")
    report = add(workspace, [str(path)])
    assert report.added, report.failed
    article = workspace.get(report.added[0]["id"])
    assert article.title == "Studio tries tools"
    assert "<" not in article.body and "Tuesday" in article.body


def test_a_phrase_lights_only_where_its_words_run_together(seeded: Workspace):
    from hollywood_ai.index import highlight_spans, search

    result = search(seeded, '"ten times faster"')
    assert result.total >= 1
    text = "It took ten times faster than the old way; at times it was slow, ten of them."
    lit = [text[s:e] for s, e in highlight_spans(text, set(result.terms))]
    assert lit == ["ten", "times", "faster"]
    # A word asked for alone still lights wherever it is.
    mixed = search(seeded, '"ten times faster" Sarandos')
    longer = f"{text} Sarandos said."
    lit = [longer[s:e] for s, e in highlight_spans(longer, set(mixed.terms))]
    assert lit == ["ten", "times", "faster", "Sarandos"]
    for hit in result.hits:
        words = {hit.snippet[s:e].casefold() for s, e in hit.spans}
        assert words <= {"ten", "times", "faster"}
        assert hit.spans and len(hit.spans) % 3 == 0
