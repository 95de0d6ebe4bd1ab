"""A difference between the sources that report one fact."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hollywood_ai.index.comparing import quotes


@dataclass
class Discrepancy:
    kind: str  # "number", "name" or "quote"
    values: dict[str, str]
    detail: str = ""
    only_source: bool = False
    diff: list[tuple[str, str]] = field(default_factory=list)
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "values": dict(self.values)}
        if self.detail:
            data["detail"] = self.detail
        if self.only_source:
            data["only_source"] = True
        if self.speaker:
            data["speaker"] = self.speaker
        if self.diff:
            data["diff"] = [list(d) for d in self.diff]
            data["diff_text"] = quotes.render_diff(self.diff)
        return data

    def summary(self, label: dict[str, str]) -> str:
        parts = [f"{label.get(aid, aid)}: {text}" for aid, text in self.values.items()]
        head = {
            "number": "Figures differ",
            "name": "Names differ",
            "quote": "Quote worded differently",
        }[self.kind]
        if self.only_source:
            head = (
                "Only one source gives this figure"
                if self.kind == "number"
                else "Only one source gives this name"
            )
        if self.speaker:
            head += f" ({self.speaker})"
        return head + " — " + "; ".join(parts)
