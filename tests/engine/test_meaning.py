"""The meaning model: shipped inside its package, loaded without a network,
and closer for texts that mean the same thing. Sentences written for these
tests."""

from __future__ import annotations

import socket

import pytest
from hollywood_ai.index.comparing.meaning import Meaning


def test_loads_from_its_package_without_a_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    meaning = Meaning()
    assert meaning.available
    vectors = meaning.embed(["the studio's quarterly sales", "a storm hit the coast"])
    assert vectors is not None and vectors.shape[0] == 2


def test_a_paraphrase_is_closer_than_another_topic() -> None:
    meaning = Meaning()
    vectors = meaning.embed(
        [
            "What was the annual inflation rate?",
            "Consumer prices rose 6.2 percent over the past year.",
            "The goalkeeper saved two penalties in the final.",
        ]
    )
    assert vectors is not None
    question, answer, other = vectors
    assert float(question @ answer) > float(question @ other) + 0.1


def test_vectors_are_kept_per_article_version() -> None:
    meaning = Meaning()
    first = meaning.of_article(("a1", "v1"), ["One sentence here.", "Another one there."])
    again = meaning.of_article(("a1", "v1"), ["One sentence here.", "Another one there."])
    assert first is again


def test_the_model_can_be_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLLYWOOD_AI_MEANING", "off")
    meaning = Meaning()
    assert not meaning.available
    assert meaning.embed(["anything"]) is None
