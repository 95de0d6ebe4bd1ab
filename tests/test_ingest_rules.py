"""General ingestion rules, on documents other than the seeds."""

from __future__ import annotations

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest import derive_title, parse_text
from hollywood_ai.index.sources import date_from_url, outlet_from_url
from hollywood_ai.index.text import repair, strip_controls


def test_control_characters_and_escape_codes_are_stripped():
    assert strip_controls("a\x1b[31mred\x1b[0m\x07b\u202e") == "aredb"
    assert repair("caf\u00c3\u00a9 \x00ok") == "café ok"


def test_markup_in_title_is_kept_as_text():
    a = parse_text(
        "---\ntitle: '[bold]Breaking[/] news'\n---\nBody text here for the story.\n", "x.md"
    )
    assert a.title == "[bold]Breaking[/] news"


def test_broken_front_matter_keeps_the_body():
    a = parse_text("---\ntitle: [unclosed\n---\nThe body survives. It has sentences.\n", "x.md")
    assert "The body survives" in a.body


def test_empty_document_is_refused():
    with pytest.raises(HollywoodError):
        parse_text("   \n\n", "empty.txt")


def test_byline_at_top_and_source_line():
    text = "A Headline About Film\n\nBy Jane Doe\n\nThe studio said it would use AI. Critics disagreed.\n\nSource: Variety\n"
    a = parse_text(text, "x.txt")
    assert a.title == "A Headline About Film"
    assert a.author == "Jane Doe"
    assert a.outlet == "Variety"
    assert "By Jane Doe" not in a.body


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.theguardian.com/media/2025/jul/18/x", "2025-07-18"),
        ("https://techcrunch.com/2025/07/18/netflix/", "2025-07-18"),
        ("https://example.com/news/2024-02-29-leap", "2024-02-29"),
        ("https://example.com/about", None),
    ],
)
def test_dates_from_urls(url, expected):
    assert date_from_url(url) == expected


def test_outlets_from_hosts():
    assert outlet_from_url("https://www.theverge.com/x") == "The Verge"
    assert outlet_from_url("https://news.example.org/a") == "news.example.org"


def test_derived_title_is_short():
    body = "Whether welcomed or not, the AI wave has officially hit Hollywood, and Netflix is choosing to ride it.\n"
    assert derive_title(body) == "Whether welcomed or not, the AI wave has officially hit Hollywood"
