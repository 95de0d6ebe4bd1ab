"""Who published a text (outlet) and whom it names as its source (via)."""

from __future__ import annotations

from hollywood_ai.index import Article, source_name
from hollywood_ai.index.ingest.documents import parse_document
from hollywood_ai.index.ingest.html import parse_html
from hollywood_ai.index.ingest.seeds import seed_articles

MORE = (
    "Producers in three countries tried the software on their series last spring, and most "
    "reported fewer late nights before a premiere."
)
BODY = (
    "The studio said on Tuesday that the new tools cut the time of a visual effects shot "
    "by half, and that the crews keep their jobs."
)


def _seed(prefix: str) -> Article:
    return next(a for a in seed_articles() if a.origin.startswith(f"seeds/{prefix}"))


def test_a_source_line_names_the_via_not_the_outlet():
    parsed = parse_document(
        f"# Studios try new tools\n\n{BODY}\n\n---\n\n"
        "Source: [Variety](https://variety.com/2025/film/news/tools-1236/)\n"
    )
    assert parsed.meta.outlet is None
    assert parsed.meta.via == "Variety"
    assert parsed.meta.url is None


def test_an_external_link_names_the_via_and_the_page_link_the_outlet():
    parsed = parse_document(
        "# __Studios try new tools__, (from page [x1](https://notes.substack.com/p/x1).)\n\n"
        "__[External link](https://www.theguardian.com/film/2025/jul/01/tools?utm_source=s)__\n\n"
        f"## Summary\n\n{BODY}\n"
    )
    assert parsed.meta.outlet == "notes.substack.com"
    assert parsed.meta.url == "https://notes.substack.com/p/x1"
    assert parsed.meta.via == "The Guardian"


def test_as_reported_by_names_the_via():
    parsed = parse_document(
        f"Studios try new tools\n\nAs reported by Deadline, {BODY[0].lower()}{BODY[1:]}\n"
    )
    assert parsed.meta.via == "Deadline"
    assert parsed.meta.outlet is None


def test_front_matter_site_is_the_outlet():
    parsed = parse_document(f"---\ntitle: Studios try new tools\nsite: Film Notes\n---\n\n{BODY}\n")
    assert parsed.meta.outlet == "Film Notes" and parsed.meta.via is None


def test_a_canonical_link_to_another_host_is_the_via():
    html = (
        "<html><head><title>Studios try new tools</title>"
        '<link rel="canonical" href="https://variety.com/2025/film/news/tools-1236/">'
        f"</head><body><article><h1>Studios try new tools</h1><p>{BODY}</p><p>{MORE}</p>"
        "</article></body></html>"
    )
    parsed = parse_html(html, url="https://mirror.example.org/tools")
    assert parsed.meta.outlet == "mirror.example.org"
    assert parsed.meta.via == "Variety"
    assert parsed.meta.url == "https://mirror.example.org/tools"


def test_the_page_s_own_canonical_link_is_no_via():
    html = (
        "<html><head><title>Studios try new tools</title>"
        '<link rel="canonical" href="https://variety.com/2025/film/news/tools-1236/">'
        f"</head><body><article><h1>Studios try new tools</h1><p>{BODY}</p><p>{MORE}</p>"
        "</article></body></html>"
    )
    parsed = parse_html(html, url="https://variety.com/2025/film/news/tools-1236/?ref=x")
    assert parsed.meta.outlet == "Variety" and parsed.meta.via is None


def test_seed_000_is_an_unknown_outlet_via_techcrunch():
    a = _seed("000")
    assert a.outlet is None
    assert a.via == "TechCrunch"
    assert a.source_name == "Unknown outlet, via TechCrunch"


def test_seed_004_is_a_substack_digest_via_the_guardian():
    a = _seed("004")
    assert a.outlet == "kghosh.substack.com"
    assert a.via == "The Guardian"
    assert a.source_name == "kghosh.substack.com, via The Guardian"


def test_a_source_is_named_one_way():
    assert source_name(None) == "Unknown outlet"
    assert source_name(None, author="Hajra Naz") == "Hajra Naz"
    assert source_name("Variety", via="Reuters") == "Variety, via Reuters"


def test_an_old_library_entry_loads_without_via():
    data = _seed("001").to_dict(with_body=True)
    data.pop("via")
    assert Article.from_dict(data).via is None
