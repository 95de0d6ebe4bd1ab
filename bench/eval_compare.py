"""How well compare() and facts() do on the labelled seed facts.

Prints, for the questions used while choosing thresholds ("tuning") and for
those held out, the precision and recall of the reports / not-reported
verdicts, the recall of the labelled discrepancies, and how many labelled facts
facts() recovers; then the sweep of the coverage threshold on the tuning
questions, which is how REPORT_COVERAGE was chosen.

    python -m bench.eval_compare [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parents[1] / "tests" / "eval" / "seeds_facts.json"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    disc_found: int = 0
    disc_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def silent_precision(self) -> float:
        return self.tn / (self.tn + self.fn) if self.tn + self.fn else 1.0

    @property
    def disc_recall(self) -> float:
        return self.disc_found / self.disc_total if self.disc_total else 1.0

    def row(self) -> dict[str, Any]:
        return {
            "reports_precision": round(self.precision, 3),
            "reports_recall": round(self.recall, 3),
            "silent_precision": round(self.silent_precision, 3),
            "verdicts": self.tp + self.fp + self.fn + self.tn,
            "discrepancy_recall": round(self.disc_recall, 3),
            "discrepancies": self.disc_total,
        }


def load() -> dict[str, Any]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def seed_workspace(home: Path) -> tuple[Any, dict[str, str]]:
    from hollywood_ai.index.workspace import Workspace

    ws = Workspace(home)
    ws.open()
    ids = {Path(a.origin).name[:3]: a.id for a in ws.articles()}
    return ws, ids


def _disc_found(comparison: Any, expected: dict[str, Any], ids: dict[str, str]) -> bool:
    want = {ids[s] for s in expected["sources"]}
    for d in comparison.discrepancies:
        if d.kind != expected["kind"] or d.only_source:
            continue
        if len(want & set(d.values)) < 2:
            continue
        if expected["kind"] == "number":
            values = " ".join(d.values.values())
            if not all(v in values for v in expected["values"]):
                continue
        elif expected["kind"] == "name":
            # At least two of the labelled spellings, each from its own source.
            shown = {v.casefold() for v in d.values.values()}
            if len(shown & {v.casefold() for v in expected["values"]}) < 2:
                continue
        elif expected["kind"] == "quote":
            if (d.speaker or "").casefold().split()[-1:] != [expected["speaker"]]:
                continue
            if not d.diff or all(op == "=" for op, _ in d.diff):
                continue
        return True
    return False


def evaluate(ws: Any, ids: dict[str, str], labels: dict[str, Any], which: str) -> Tally:
    from hollywood_ai.index.comparing.comparison import compare

    tally = Tally()
    for fact in labels["facts"]:
        for question in fact[which]:
            c = compare(ws, question)
            verdict = {s.id: s.reports for s in c.sources}
            for prefix in fact["reports"]:
                if verdict.get(ids[prefix]):
                    tally.tp += 1
                else:
                    tally.fn += 1
                    tally.misses.append(f"{question!r}: {prefix} should report it")
            for prefix in fact["silent"]:
                if verdict.get(ids[prefix]):
                    tally.fp += 1
                    tally.misses.append(f"{question!r}: {prefix} should be silent")
                else:
                    tally.tn += 1
            for expected in fact["discrepancies"]:
                tally.disc_total += 1
                if _disc_found(c, expected, ids):
                    tally.disc_found += 1
                else:
                    tally.misses.append(f"{question!r}: missed the {expected['kind']} discrepancy")
    return tally


def facts_recovered(
    ws: Any, ids: dict[str, str], labels: dict[str, Any]
) -> tuple[int, int, list[str]]:
    from hollywood_ai.index.comparing.facts import facts

    found = facts(ws)
    multi = [f for f in labels["facts"] if len(f["reports"]) >= 2]
    recovered = []
    for fact in multi:
        want = {ids[p] for p in fact["reports"]}
        for f in found:
            got = set(f.sources)
            if not (len(got & want) >= 2 and len(got & want) / len(got | want) >= 0.5):
                continue
            if not _about(f, fact, want):
                continue
            recovered.append(fact["id"])
            break
    return len(recovered), len(multi), recovered


def _about(found: Any, fact: dict[str, Any], want: set[str]) -> bool:
    """The found fact says the labelled one: every group of its key terms
    appears in the passage of at least two of the labelled sources."""
    keys = fact.get("key_terms") or []
    agreeing = 0
    for aid, text in found.sources.items():
        if aid not in want:
            continue
        low = text.casefold()
        if all(any(k in low for k in group) for group in keys):
            agreeing += 1
    return agreeing >= 2


def sweep(ws: Any, ids: dict[str, str], labels: dict[str, Any]) -> list[dict[str, Any]]:
    from hollywood_ai.index.comparing import scoring as compare_mod
    original = compare_mod.REPORT_COVERAGE
    rows = []
    try:
        for value in (0.3, 0.4, 0.5, 0.6, 0.7):
            compare_mod.REPORT_COVERAGE = value
            t = evaluate(ws, ids, labels, "questions")
            f1 = (
                2 * t.precision * t.recall / (t.precision + t.recall)
                if t.precision + t.recall
                else 0.0
            )
            rows.append({"coverage": value, **t.row(), "f1": round(f1, 3)})
    finally:
        compare_mod.REPORT_COVERAGE = original
    return rows


def run() -> dict[str, Any]:
    labels = load()
    with tempfile.TemporaryDirectory() as tmp:
        ws, ids = seed_workspace(Path(tmp) / "home")
        tuning = evaluate(ws, ids, labels, "questions")
        held = evaluate(ws, ids, labels, "held_out")
        got, total, which = facts_recovered(ws, ids, labels)
        rows = sweep(ws, ids, labels)
        ws.close()
    return {
        "tuning": tuning.row(),
        "held_out": held.row(),
        "facts_recovered": got,
        "facts_labelled": total,
        "recovered": which,
        "sweep": rows,
        "misses": {"tuning": tuning.misses, "held_out": held.misses},
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| questions | reports: precision | reports: recall | silent: precision | verdicts | discrepancy recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in ("tuning", "held_out"):
        r = result[name]
        lines.append(
            f"| {name.replace('_', ' ')} | {r['reports_precision']:.2f} | {r['reports_recall']:.2f} | "
            f"{r['silent_precision']:.2f} | {r['verdicts']} | {r['discrepancy_recall']:.2f} ({r['discrepancies']}) |"
        )
    lines.append("")
    lines.append(
        f"facts() recovers {result['facts_recovered']} of {result['facts_labelled']} labelled facts "
        f"reported by two or more sources: {', '.join(result['recovered'])}"
    )
    lines.append("")
    lines.append("| coverage threshold | precision | recall | F1 |")
    lines.append("| ---: | ---: | ---: | ---: |")
    for row in result["sweep"]:
        lines.append(
            f"| {row['coverage']} | {row['reports_precision']:.2f} | {row['reports_recall']:.2f} | {row['f1']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Evaluate compare() and facts() on the labelled seeds."
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the wrong verdicts")
    args = parser.parse_args(argv)
    result = run()
    print(markdown(result))
    if args.misses:
        for name, misses in result["misses"].items():
            for m in misses:
                print(f"{name}: {m}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
