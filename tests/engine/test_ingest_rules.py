"""General ingestion rules, on documents other than the seeds."""

from __future__ import annotations

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.documents import parse_document, parse_text
from hollywood_ai.index.ingest.titles import derive_title
from hollywood_ai.index.ingest.urls import date_from_url, outlet_from_url
from hollywood_ai.index.text.normalise import repair, strip_controls


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
    assert a.outlet is None and a.via == "Variety"  # the source it names, not its publisher
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


# ------------------------------------------------ Markdown notes and titles


def test_a_short_markdown_note_with_a_heading_is_markdown():
    a = parse_text("# Folder article A\n\nText of the first folder article, short.\n", "a.md")
    assert a.title == "Folder article A"
    assert not a.body.startswith("\\") and "\\#" not in a.body


def test_md_suffix_is_a_markdown_hint():
    p = parse_document("A *short* note about [AI dubbing](https://example.org/x).\n", ".md")
    assert p.body.startswith("A *short* note")  # Markdown kept as Markdown, not escaped
    p = parse_document("Zoetrope revival\n\nA museum showed zoetropes beside AI video.\n", ".md")
    assert p.meta.title == "Zoetrope revival" and p.body.startswith("A museum")


@pytest.mark.parametrize(
    "body",
    [
        "\\# Folder article A\n\nText.\n",
        "\\---\n\nThe text after a rule.\n",
        "***\n\nThe text after a rule.\n",
        "===\n\nThe text after a rule.\n",
        "\\\\\n\nThe text after a backslash.\n",
    ],
)
def test_derived_title_is_never_an_escape_or_a_rule(body: str):
    title = derive_title(body)
    assert not title.startswith("\\") and not set(title) <= set("-*_= ")


# ---------------------------------------------------------- front matter


def test_unclosed_front_matter_is_read_as_metadata_with_a_warning():
    p = parse_document(
        "---\ntitle: Unclosed front matter\nauthor: Jane Roe\n\n"
        "The body of the article starts here and goes on.\n"
    )
    assert p.meta.title == "Unclosed front matter" and p.meta.author == "Jane Roe"
    assert "title:" not in p.body and "---" not in p.body
    assert p.body.startswith("The body of the article")
    assert any("closing" in w for w in p.meta.warnings)


def test_invalid_date_keeps_the_other_front_matter_keys():
    p = parse_document(
        "---\ntitle: Bad date, good title\nauthor: Ana Lopez\ndate: 2025-13-45\n"
        "tags: [dubbing, voices]\n---\nThe body of the article is here.\n"
    )
    assert p.meta.title == "Bad date, good title" and p.meta.author == "Ana Lopez"
    assert p.meta.tags == ["dubbing", "voices"] and p.meta.published is None
    assert any("2025-13-45" in w for w in p.meta.warnings)


def test_unreadable_front_matter_keeps_the_keys_that_can_be_read():
    p = parse_document("---\ntitle: [broken\nauthor: Ann Bee\n---\nThe body survives. Really.\n")
    assert p.meta.author == "Ann Bee" and p.body.startswith("The body survives")
    assert p.meta.warnings


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le cinéma à Paris est très élégant.", "latin-1"),
        ("Grüße aus München: „schöne“ Straße – 20 €.", "cp1252"),
        ("Zażółć gęślą jaźń, było tak.", "cp1250"),
        ("Привет, как дела? Это тест кодировки.", "cp1251"),
        ("Sous-titres générés, revus à la main.", "utf-16"),
    ],
)
def test_single_byte_and_utf16_texts_decode(text: str, encoding: str):
    from hollywood_ai.index.ingest.decode import decode_text

    assert decode_text(text.encode(encoding), "x.txt") == (text, [])
