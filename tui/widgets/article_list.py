"""The article list: title over outlet and date, one option per article."""

from __future__ import annotations

from hollywood_ai.index.model import Article
from hollywood_ai.tui.messages import ArticleSelected
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def article_prompt(article: Article) -> Text:
    """Untrusted title and outlet as Text: never parsed as markup."""
    prompt = Text(article.title, style="bold", overflow="ellipsis")
    meta = " · ".join(x for x in (article.outlet, article.published) if x)
    if meta:
        prompt.append("\n")
        prompt.append(meta, style="dim")
    return prompt


class ArticleList(OptionList):
    DEFAULT_CSS = """
    ArticleList { height: 1fr; }
    ArticleList > .option-list--option { padding: 0 1; }
    """

    BINDINGS = [
        ("j", "cursor_down", "Down"),
        ("k", "cursor_up", "Up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []

    def show(self, articles: list[Article], keep: str | None = None) -> None:
        self.articles = list(articles)
        self.clear_options()
        self.add_options([Option(article_prompt(a), id=a.id) for a in self.articles])
        if self.articles:
            index = next((i for i, a in enumerate(self.articles) if a.id == keep), 0)
            self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ArticleSelected(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ArticleSelected(event.option.id))
