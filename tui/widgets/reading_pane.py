"""The reading pane: the article's metadata over its rendered Markdown."""

from __future__ import annotations

from hollywood_ai.index.model import Article
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static


def header_text(article: Article) -> Text:
    """The metadata block, built as Text so no article field is read as markup."""
    text = Text(article.title, style="bold")
    text.append("\n")
    bits = [x for x in (article.outlet, article.author, article.published) if x]
    if bits:
        text.append(" · ".join(bits), style="italic")
        text.append("\n")
    if article.url:
        text.append(article.url, style="underline dim")
        text.append("\n")
    if article.tags:
        text.append("Tags: " + ", ".join(article.tags), style="dim")
        text.append("\n")
    words = article.word_count
    text.append(f"{words} words · {max(1, round(words / 230))} min read", style="dim")
    return text


class ReadingPane(VerticalScroll):
    DEFAULT_CSS = """
    ReadingPane { padding: 0 1; }
    ReadingPane > #article-header { padding: 1 1; border-bottom: solid $primary-darken-2; }
    ReadingPane > Markdown { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an article to read it."), id="article-header")
        yield Markdown("", id="article-body")

    def show(self, article: Article) -> None:
        self.article = article
        self.query_one("#article-header", Static).update(header_text(article))
        self.query_one("#article-body", Markdown).update(article.body)
        self.scroll_home(animate=False)
