"""The help screen: every key binding of the reader, by where it works.

The rows come from the widgets' own ``BINDINGS`` (their classes and the Textual
classes they extend), so the screen cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_WIDTH = 14

# Textual's own bindings that say nothing about this app.
HIDDEN_ACTIONS = {"help_quit", "screen.copy_text", "copy_text", "command_palette"}

# Inherited bindings whose Textual description is terse or missing.
DESCRIPTIONS = {
    "cursor_down": "Next article",
    "cursor_up": "Previous article",
    "first": "First article",
    "last": "Last article",
    "page_down": "Page down",
    "page_up": "Page up",
    "select": "Read the highlighted article",
    "scroll_down": "Scroll down",
    "scroll_up": "Scroll up",
    "scroll_home": "Top of the article",
    "scroll_end": "End of the article",
    "scroll_left": "Scroll left",
    "scroll_right": "Scroll right",
    "back": "Clear the search, or back to the list",
    "focus_next": "Next pane",
    "focus_previous": "Previous pane",
}

KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "question_mark": "?",
    "slash": "/",
}


def key_name(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_name(key[5:])
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key


def class_bindings(node_class: type[DOMNode], skip: Iterable[str] = ()) -> list[Binding]:
    """The bindings a class ends up with: its own over those it inherits."""
    by_key: dict[str, list[Binding]] = {}
    for cls in reversed(node_class.__mro__):
        own = cls.__dict__.get("BINDINGS")
        if not own:
            continue
        for key, bindings in BindingsMap(own).key_to_bindings.items():
            by_key[key] = list(bindings)  # a subclass's bindings for a key replace its base's
    skipped = set(skip)
    return [
        b
        for bindings in by_key.values()
        for b in bindings
        if b.action not in skipped and b.key not in skipped
    ]


def rows(bindings: list[Binding], skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """One row per action, its keys joined: ``j ↓``  Next article. A binding's
    tooltip, when it has one, is its longer description. Actions sharing their
    keys (``w`` hides the list, or shows it) make one row."""
    keys: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    skipped = set(skip) | HIDDEN_ACTIONS
    for binding in bindings:
        action = binding.action.removeprefix("app.").removeprefix("screen.")
        if action in skipped:
            continue
        description = DESCRIPTIONS.get(action) if not binding.show else None
        description = (
            binding.tooltip or description or binding.description or DESCRIPTIONS.get(action, "")
        )
        if not description:
            description = action.replace("_", " ").capitalize()
        descriptions.setdefault(action, description)
        name = binding.key_display or key_name(binding.key)
        if name not in keys.setdefault(action, []):
            keys[action].append(name)
    merged: dict[str, list[str]] = {}
    for action, names in keys.items():
        shown = " ".join(names)
        if descriptions[action] not in merged.setdefault(shown, []):
            merged[shown].append(descriptions[action])
    return [(shown, " / ".join(texts)) for shown, texts in merged.items()]


def screen_rows(*classes: type[DOMNode], skip: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The rows of a screen and the widgets on it: their own bindings (not the
    generic ones of the Textual classes they extend), leaving out the app's keys
    the screen only passes on (listed once, under Everywhere) and a key that
    another binding already shows (``← →`` stands for both arrows)."""
    bindings: list[Binding] = []
    for cls in classes:
        own = cls.__dict__.get("BINDINGS") or []
        bindings += [b for b in Binding.make_bindings(own) if not b.action.startswith("app.")]
    covered = {name for b in bindings if b.key_display for name in b.key_display.split()}
    kept = [b for b in bindings if b.key_display or key_name(b.key) not in covered]
    return rows(kept, skip=skip)


def section(title: str, entries: list[tuple[str, str]]) -> Content:
    lines = [Content(title).stylize("bold $text-primary")]
    for keys, description in entries:
        lines.append(
            Content.assemble(
                (f"  {keys:<{KEY_WIDTH}}", "bold $text-accent"),
                Content(description),
            )
        )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works. Esc, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close_q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close_question"),
        Binding("f1", "dismiss", "Close", show=False, id="help.close_f1"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    HelpScreen #help-body {
        height: auto;
        max-height: 100%;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    HelpScreen .help-section { margin-bottom: 1; }
    HelpScreen #help-intro { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes"
            with VerticalScroll(id="help-body"):
                yield Static(
                    Content(
                        "hollywood-ai reads and compares how outlets report AI in film and TV. "
                        "The footer shows the keys of the focused pane; the mouse works too."
                    ),
                    id="help-intro",
                )
                for title, entries in self.sections:
                    yield Static(section(title, entries), classes="help-section")
