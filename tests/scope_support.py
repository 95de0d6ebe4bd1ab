"""A small library of articles written for the scope tests: one story about an
AI dubbing tool, another about a film festival (one of whose articles also
gives the dubbing figure, differently), and unrelated articles around them."""

from __future__ import annotations

from pathlib import Path

from hollywood_ai.index.model import Article
from hollywood_ai.index.workspace import Workspace

DUBBING = [
    (
        "Screen Ledger",
        "Harbor Lights Studio rolls out AI dubbing for its catalogue",
        "Harbor Lights Studio began dubbing its back catalogue with an AI voice tool this week. "
        "The studio said the dubbing tool cut its dubbing costs by 40 percent across nine "
        "languages. Voice actors in Lisbon asked the studio to share the savings with them.",
    ),
    (
        "The Cutting Room",
        "Voice actors push back on Harbor Lights' AI dubbing",
        "Voice actors who worked on Harbor Lights Studio films said the AI dubbing tool copies "
        "their timbre without consent. Harbor Lights Studio says the dubbing tool cut dubbing "
        "costs by 40 percent. The Lisbon voice guild wants a royalty on every dubbed film.",
    ),
    (
        "Frame Rate",
        "How Harbor Lights dubs nine languages at once",
        "Harbor Lights Studio feeds each film's dialogue to an AI voice tool that dubs nine "
        "languages in a day. Engineers at the studio in Lisbon tune the voices by hand, and "
        "voice actors review every dubbed reel before release.",
    ),
]

FESTIVAL = [
    (
        "Marquee Weekly",
        "Baltic Film Days open with a record of entries",
        "The Baltic Film Days in Riga opened on Thursday with 640 entries from 52 countries, a "
        "record for the festival. The jury, led by the director Ilze Kalnina, will award the "
        "Amber Reel on Sunday in the old town of Riga. Festival director Mara Ozola said the "
        "Amber Reel jury would watch every one of the 640 entries, and that the distributors' "
        "market of the Baltic Film Days sold out. Ozola thanked the sponsors, the Riga city "
        "council and the volunteers who run the screenings in the cinemas of the old town. At "
        "a panel, a studio said dubbing by machine cut its costs by 35 percent.",
    ),
    (
        "Nordic Screen",
        "Riga festival jury named for the Amber Reel",
        "Ilze Kalnina will lead the jury of the Baltic Film Days in Riga, where 640 films "
        "compete for the Amber Reel. The festival runs four days, with screenings in the old "
        "town and a market for distributors from 52 countries.",
    ),
    (
        "Festival Beat",
        "Amber Reel contenders arrive in Riga",
        "Contenders for the Amber Reel arrived in Riga as the Baltic Film Days began. Ilze "
        "Kalnina's jury watches 640 entries; the festival says 52 countries sent films, and "
        "the distributors' market sold out its stands.",
    ),
]

OTHER = [
    (
        "Coastal Times",
        "Tide tables shift for the autumn",
        "The harbour office published new tide tables for the autumn, with the highest tide due in October.",
    ),
    (
        "Garden Post",
        "Tomatoes that ripen late",
        "Late tomatoes ripen on the vine if gardeners pinch the top shoots in August, growers say.",
    ),
    (
        "Rail Weekly",
        "Night trains return to the north",
        "Night trains return to the northern line in spring, with sleeping cars and a dining car.",
    ),
    (
        "Chess Monthly",
        "A draw in the fourth game",
        "The fourth game of the final ended in a draw after a long endgame with rooks.",
    ),
    (
        "Bakery News",
        "Sourdough starters in cold kitchens",
        "A sourdough starter kept in a cold kitchen needs feeding twice a day, bakers advise.",
    ),
    (
        "Cycling Today",
        "Mountain stage reshapes the race",
        "The mountain stage reshaped the race as the leader lost four minutes on the final climb.",
    ),
    (
        "Astronomy Notes",
        "A comet visible before dawn",
        "A faint comet is visible before dawn this week, low in the eastern sky near Venus.",
    ),
    (
        "Museum Review",
        "Restored tapestries go on show",
        "Restored tapestries from the castle go on show in the museum's north wing from Monday.",
    ),
    (
        "Harbour Gazette",
        "Ferry timetable for the islands",
        "The island ferry adds a morning crossing on weekdays and drops the late boat on Sundays.",
    ),
    (
        "Book Circle",
        "A novel about lighthouse keepers",
        "A new novel follows three lighthouse keepers through a winter of storms on a far rock.",
    ),
]


def scope_articles() -> list[Article]:
    out = []
    for group, day in ((DUBBING, "2025-05-0"), (FESTIVAL, "2025-06-1"), (OTHER, "2025-07-1")):
        for i, (outlet, title, body) in enumerate(group):
            out.append(
                Article.make(
                    title=title,
                    body=body,
                    origin=f"{outlet.lower().replace(' ', '-')}.md",
                    outlet=outlet,
                    published=f"{day}{i % 9 + 1}",
                )
            )
    return out


def scope_home(home: Path, seeds: bool = False) -> Path:
    """A home holding these articles (and the bundled seeds when ``seeds``), indexed."""
    ws = Workspace(home)
    ws.ensure_home()
    if not seeds:
        (home / ".seeded").write_text("1\n", encoding="utf-8")
    ws.open()
    ws.store(scope_articles())
    ws.close()
    return home
