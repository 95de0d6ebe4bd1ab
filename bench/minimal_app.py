"""The floor for start-up: a minimal Textual app showing a three-item list."""

from textual.app import App, ComposeResult
from textual.widgets import OptionList


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield OptionList("first item", "second item", "third item")


if __name__ == "__main__":
    Minimal().run()
