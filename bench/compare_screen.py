"""How soon the reader's compare screen shows its result after Enter.

The reader runs headless (Textual's test driver, 120x40) on the bench's
generated library; for each question of bench_compare the time from Enter to
the status line saying what was found (the worker done, its message handled
and the columns mounted), in the story of the first article and over the
whole library. There is no FTS5 counterpart: this is the screen's latency,
the engine's own cost beside FTS5 is in bench_compare.

    python -m bench.compare_screen [--size 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path

from bench.bench_compare import QUESTIONS
from bench.bench_search import home_for

PENDING = ("Comparing", "Type a fact")


async def _measure(home: Path, scope: str, runs: int) -> list[float]:
    from hollywood_ai.tui.app import create_app
    from hollywood_ai.tui.screens.compare import CompareScreen
    from textual.widgets import Input, Static

    app = create_app(home, theme="textual-dark", remember=False, blink=False)
    out: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen), "the compare screen did not open"
        screen.scope = scope
        status = screen.query_one("#compare-status", Static)
        for _ in range(runs):
            for question in QUESTIONS:
                box = screen.query_one(Input)
                box.value = question
                box.focus()
                await pilot.pause()
                start = time.perf_counter()
                await pilot.press("enter")
                while str(status.visual).startswith(PENDING):
                    await asyncio.sleep(0.002)
                await pilot.pause()
                out.append((time.perf_counter() - start) * 1000)
                await app.workers.wait_for_complete()
    return out


def run(size: int, runs: int) -> dict[str, object]:
    home, _ = home_for(size)
    result: dict[str, object] = {"articles": size, "questions": len(QUESTIONS), "runs": runs}
    for scope in ("story", "all"):
        times = asyncio.run(_measure(home, scope, runs))
        ordered = sorted(times)
        result[scope] = {
            "first_ms": round(times[0], 1),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
            "max_ms": round(ordered[-1], 1),
        }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(json.dumps(run(args.size, args.runs), indent=2))


if __name__ == "__main__":
    main()
