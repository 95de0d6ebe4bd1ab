"""The listing kept beside the index: one column per field, read back as the
same articles; a listing of the earlier layout, or one that is damaged, is
made again from the index and kept in the new layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hollywood_ai.index.model import Article
from hollywood_ai.index.store.listing import LISTED, LISTING_VERSION, read_listing, write_listing
from hollywood_ai.index.workspace import Workspace


def _articles() -> list[Article]:
    return [
        Article.make(
            title="A studio's robot extras",
            body="The studio said the extras were drawn by a program.\n",
            origin="/notes/extras.md",
            outlet="Trade Weekly",
            author="R. Vale",
            published="2025-04-02",
            url="https://example.org/extras",
            tags=("extras", "labour"),
        ),
        Article.make(title="Untagged, undated", body="Nothing more.\n", origin="typed"),
        Article.make(
            title='Quotes " and \\ backslashes, ünïcödé, \x1b escapes',
            body="Odd text survives the file.\n",
            origin="feed",
            via="Wire Service",
            via_url="https://example.org/wire",
        ),
    ]


def _without_bodies(articles: list[Article]) -> list[Article]:
    from dataclasses import replace

    return [replace(a, body="", language=None) for a in articles]


def test_a_listing_reads_back_as_the_articles_written(tmp_path: Path):
    path = tmp_path / "LISTING.json"
    articles = _articles()
    write_listing(path, (7, 8), articles)
    read = read_listing(path, (7, 8))
    assert read == _without_bodies(articles)
    assert read is not None and read[0].tags == ("extras", "labour") and read[1].tags == ()
    with pytest.raises(AttributeError):  # still a frozen article
        read[0].title = "changed"  # type: ignore[misc]


def test_a_listing_of_another_library_state_is_not_read(tmp_path: Path):
    path = tmp_path / "LISTING.json"
    write_listing(path, (7, 8), _articles())
    assert read_listing(path, (7, 9)) is None


@pytest.mark.parametrize(
    "payload",
    [
        "not a list",
        [[] for _ in LISTED[:-1]],  # a column short
        [["a"], *[[] for _ in LISTED[1:]]],  # columns of different lengths
        [[1] if name == "id" else [None] for name in LISTED],  # an id that is no text
        [["x"] if name != "tags" else ["extras"] for name in LISTED],  # tags not a list
        [["x"] if name != "tags" else [[3]] for name in LISTED],  # a tag that is no text
    ],
)
def test_a_damaged_listing_reads_as_none(tmp_path: Path, payload: object):
    path = tmp_path / "LISTING.json"
    data = {"version": LISTING_VERSION, "key": [7, 8], "payload": payload}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_listing(path, (7, 8)) is None


def test_a_listing_of_the_earlier_layout_is_made_again_in_the_new_one(home: Path):
    """A home kept by the previous version (one row per article, version 3)
    starts with the same list, and its listing is rewritten as columns."""
    ws = Workspace(home)
    ws.open()
    expected = [a.id for a in ws.listing()]
    ws.close()
    kept = home / "index" / "LISTING.json"
    token = json.loads(kept.read_text(encoding="utf-8"))["key"]
    rows = [["stale", "A row of the old layout", "o", None, None, None, None, None, None, [], ""]]
    kept.write_text(json.dumps({"version": 3, "key": token, "payload": rows}), encoding="utf-8")

    again = Workspace(home)
    assert [a.id for a in again.listing()] == expected
    again.close()
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert data["version"] == LISTING_VERSION
    assert data["payload"][LISTED.index("id")] == expected


def test_the_head_kept_beside_the_listing_holds_its_length_and_first_rows(
    tmp_path: Path, monkeypatch
):
    from hollywood_ai.index.store import listing

    monkeypatch.setattr(listing, "HEAD_ROWS", 2)
    path = tmp_path / "LISTING.json"
    articles = _articles()
    write_listing(path, (7, 8), articles)
    assert listing.read_head(path, (7, 8)) == (3, _without_bodies(articles)[:2])
    assert listing.read_head(path, (7, 9)) is None  # another library state
    listing.head_path(path).write_text("{damaged", encoding="utf-8")
    assert listing.read_head(path, (7, 8)) is None
