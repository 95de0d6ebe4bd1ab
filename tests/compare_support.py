"""A story written for the compare screen's tests: nine outlets on one studio's
AI de-aging of an actor, seven of them giving its cost (not all the same), two
on something else of the same story; each with its own date, stored out of
date order. With the bundled seeds left out, so the story is the library's."""

from __future__ import annotations

from pathlib import Path

from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace

#: (outlet, date, title, body); the cost is in the first seven.
DEAGING = [
    (
        "Backlot Daily",
        "2025-03-04",
        "Quarry Hill Pictures de-ages Tomas Brandt with the Vireo tool",
        "Quarry Hill Pictures used the Vireo de-aging tool on Tomas Brandt for The Long Thaw. "
        "The studio said the Vireo de-aging work cost $4 million, far less than reshoots.",
    ),
    (
        "Reel Wire",
        "2025-03-02",
        "The Long Thaw turns back the clock on Tomas Brandt",
        "For The Long Thaw, Quarry Hill Pictures de-aged Tomas Brandt by thirty years with "
        "Vireo. The Vireo de-aging cost the studio $4 million, a producer said.",
    ),
    (
        "Studio Signal",
        "2025-03-07",
        "Vireo's de-aging bill for The Long Thaw",
        "Quarry Hill Pictures spent $6 million on Vireo de-aging for Tomas Brandt in The Long "
        "Thaw, according to budget papers seen by Studio Signal.",
    ),
    (
        "Cinema Ledger",
        "2025-03-03",
        "Tomas Brandt, thirty years younger, thanks to Vireo",
        "Tomas Brandt appears thirty years younger in The Long Thaw. Quarry Hill Pictures said "
        "the Vireo de-aging cost $4 million and took eleven weeks.",
    ),
    (
        "Frame Report",
        "2025-03-09",
        "Inside the Vireo pipeline at Quarry Hill",
        "Artists at Quarry Hill Pictures ran the Vireo de-aging pipeline on every close-up of "
        "Tomas Brandt. The de-aging cost $4.5 million, the visual effects supervisor said.",
    ),
    (
        "The Projectionist",
        "2025-03-05",
        "Is Vireo de-aging worth it? The Long Thaw's numbers",
        "The Vireo de-aging of Tomas Brandt cost Quarry Hill Pictures $4 million, the studio "
        "says, against $9 million for a younger double and reshoots in The Long Thaw.",
    ),
    (
        "Screen Notes",
        "2025-03-06",
        "Brandt on being de-aged by Vireo",
        "Tomas Brandt said he watched the Vireo de-aging of his face for The Long Thaw with "
        "unease. Quarry Hill Pictures put the cost of the Vireo de-aging at $4 million.",
    ),
    (
        "Marquee Post",
        "2025-03-08",
        "The Long Thaw sets a winter release",
        "Quarry Hill Pictures will release The Long Thaw, starring Tomas Brandt, in December. "
        "The studio said the film's premiere would be in Oslo, where the film was shot.",
    ),
    (
        "Talent Desk",
        "2025-03-01",
        "Tomas Brandt signs for The Long Thaw",
        "Tomas Brandt signed to lead The Long Thaw for Quarry Hill Pictures, a winter drama "
        "shot in Oslo. The studio plans to show him at two ages with the Vireo tool.",
    ),
]

QUESTION = "how much did the Vireo de-aging cost"


def deaging_articles() -> list[Article]:
    return [
        Article.make(
            title=title,
            body=body,
            origin=f"{outlet.lower().replace(' ', '-')}.md",
            outlet=outlet,
            published=date,
        )
        for outlet, date, title, body in DEAGING
    ]


def deaging_home(home: Path) -> Path:
    """A home holding only these articles, indexed (no seeds)."""
    ws = Workspace(home)
    ws.ensure_home()
    (home / ".seeded").write_text("1\n", encoding="utf-8")
    ws.open()
    ws.store(deaging_articles())
    ws.close()
    return home
