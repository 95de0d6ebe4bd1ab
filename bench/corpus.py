"""A deterministic corpus of news articles for the benchmarks.

Same arguments, same articles, on every machine: a seeded random generator
over a Zipf-distributed vocabulary (the seeds' own words first, then made-up
words for the long tail) that grows with the corpus as real text's does
(Heaps' law: about 30,000 words at 1,000 articles, 95,000 at 10,000, 212,000
at 50,000; a fixed 30,000 would make every word common at 50,000), realistic
lengths (log-normal around 650 words), titles, outlets, authors and dates.
Articles are grouped into *stories*: each story has facts (a figure, a named
work, a quote by a named person) that its articles report, some of them
differently (another figure, a misnamed title, a reworded quote), so compare
and facts have real work.

    python -m bench.corpus --articles 10000 --home /tmp/bench-home
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hollywood_ai.index.model import Article

from bench.corpus_words import (
    FIRST,
    LAST,
    NUMBER_WORDS,
    OUTLETS,
    ROLES,
    STUDIOS,
    SYLLABLES,
    TOPICS,
    UNITS,
)

GENERATOR_VERSION = 3  # bump when the output changes: cached homes are keyed by it

_SEED_WORDS = re.compile(r"[A-Za-z][a-z']{2,}")


def _seed_vocabulary() -> list[str]:
    """The seeds' own words, most frequent first: realistic head of the Zipf curve."""
    from collections import Counter

    from hollywood_ai.index.ingest.seeds import seed_articles

    counts: Counter[str] = Counter()
    for article in seed_articles():
        counts.update(w.lower() for w in _SEED_WORDS.findall(article.body))
    return [w for w, _ in counts.most_common()]


@dataclass
class Fact:
    kind: str  # "number", "name" or "quote"
    canonical: str
    variants: list[str]


@dataclass
class Story:
    id: int
    studio: str
    topic: str
    work: str
    person: str
    role: str
    start: date
    facts: list[Fact] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)


class CorpusGenerator:
    def __init__(self, seed: int = 42, vocabulary_size: int = 30000) -> None:
        self.rng = random.Random(seed)
        words = _seed_vocabulary()
        made_up: set[str] = set(words)
        while len(words) < vocabulary_size:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            if word not in made_up:
                made_up.add(word)
                words.append(word)
        self.words = words
        # Zipf weights (s = 1.07, as in English text), as a cumulative table.
        weights = [1.0 / math.pow(rank, 1.07) for rank in range(1, len(words) + 1)]
        total = 0.0
        self.cumulative = []
        for w in weights:
            total += w
            self.cumulative.append(total)

    def _word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=1)[0]

    def _sentence(self, n: int | None = None, story: Story | None = None) -> str:
        n = n or max(5, int(self.rng.gauss(19, 6)))
        # Articles about one event share its vocabulary: about one word in eight.
        words = [
            self.rng.choice(story.vocabulary)
            if story and self.rng.random() < 0.12
            else self._word()
            for _ in range(n)
        ]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def _story(self, i: int) -> Story:
        rng = self.rng
        work = " ".join(w.capitalize() for w in (self._word(), self._word()))
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        story = Story(
            id=i,
            studio=rng.choice(STUDIOS),
            topic=rng.choice(TOPICS),
            work=f"The {work}",
            person=person,
            role=rng.choice(ROLES),
            start=date(2023, 1, 1) + timedelta(days=rng.randint(0, 900)),
        )
        story.vocabulary = [self.words[rng.randint(300, len(self.words) - 1)] for _ in range(40)]
        story.vocabulary += [story.studio, story.person.split()[-1], story.work.split()[-1]]
        _unit, pattern = rng.choice(UNITS)
        n = rng.choice(list(NUMBER_WORDS))
        other = n + rng.choice([1, 2, -1]) if n > 2 else n + 1
        story.facts.append(
            Fact(
                "number",
                pattern.format(n=n),
                [pattern.format(n=NUMBER_WORDS.get(n, n)), pattern.format(n=other)],
            )
        )
        story.facts.append(
            Fact(
                "name",
                story.work,
                [
                    story.work.replace("The ", "El "),
                    story.work[:-1] if len(story.work) > 6 else story.work,
                ],
            )
        )
        said = " ".join(self._word() for _ in range(12))
        reworded = said.split()
        rng.shuffle(reworded)
        story.facts.append(Fact("quote", said, [" ".join(reworded[:10])]))
        return story

    def _fact_sentence(self, story: Story, fact: Fact) -> str:
        rng = self.rng
        value = fact.canonical if rng.random() < 0.6 else rng.choice(fact.variants)
        if fact.kind == "number":
            return (
                f"{story.studio} said its use of {story.topic} made the work {value}, "
                f"according to {story.role} {story.person}."
            )
        if fact.kind == "name":
            return (
                f"The series {value} was the first {story.studio} production to use {story.topic}."
            )
        return f"“{value.capitalize()},” {story.person} said."

    def articles(self, count: int, stories: int | None = None) -> Iterator[Article]:
        """``count`` articles spread over ``stories`` stories (default: one
        story for every 25 articles), in a fixed order."""
        n_stories = stories or max(1, count // 25)
        story_list = [self._story(i) for i in range(n_stories)]
        for i in range(count):
            story = story_list[i % n_stories]
            yield self._article(i, story)

    def _article(self, i: int, story: Story) -> Article:
        rng = self.rng
        length = int(min(4000, max(120, rng.lognormvariate(math.log(650), 0.5))))
        sentences: list[str] = []
        facts = [f for f in story.facts if rng.random() < 0.75]
        words = 0
        paragraphs: list[str] = []
        while words < length:
            paragraph = []
            for _ in range(rng.randint(2, 5)):
                s = self._sentence(story=story)
                if facts and rng.random() < 0.15:
                    s = self._fact_sentence(story, facts.pop(0))
                paragraph.append(s)
                words += len(s.split())
            paragraphs.append(" ".join(paragraph))
            sentences.extend(paragraph)
        for fact in facts:
            paragraphs.append(self._fact_sentence(story, fact))
        if rng.random() < 0.3:
            paragraphs.insert(
                len(paragraphs) // 2, "## " + " ".join(self._word() for _ in range(4)).capitalize()
            )
        title_words = [story.studio, story.topic, *(self._word() for _ in range(rng.randint(3, 7)))]
        title = " ".join(title_words).capitalize()
        published = story.start + timedelta(days=rng.randint(0, 20))
        outlet = rng.choice(OUTLETS)
        return Article.make(
            title=title,
            body="\n\n".join(paragraphs) + "\n",
            origin=f"bench/corpus#{i}",
            outlet=outlet,
            author=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            published=published.isoformat(),
            url=f"https://example.org/{outlet.lower().replace(' ', '-')}/{published:%Y/%m/%d}/article-{i}",
            tags=[story.topic, story.studio.lower()],
        )


def vocabulary_for(count: int) -> int:
    """The vocabulary of ``count`` articles: growing with the square root of
    the text's length (Heaps' law, the exponent of English news)."""
    return max(30000, round(30000 * math.sqrt(count / 1000)))


def generate(count: int, seed: int = 42, stories: int | None = None) -> list[Article]:
    return list(CorpusGenerator(seed, vocabulary_for(count)).articles(count, stories))


QUERIES = {
    "single word": [
        "netflix",
        "effects",
        "production",
        "actors",
        "studio",
        "revenue",
        "union",
        "series",
    ],
    "several words": [
        "visual effects production",
        "netflix generative ai",
        "union actors jobs",
        "series first production",
        "faster work said",
    ],
    "phrase": ['"visual effects"', '"generative ai"', '"times faster"', '"first production"'],
    "field": ["outlet:guardian", "title:netflix", "author:naz", "tags:dubbing"],
    "date": ["published:[2024-01-01 TO 2024-06-30]", "netflix published:2024", "published:2025-03"],
    # What the search box sees while a person types: half words, slips.
    "typing": ["netfl", "visual eff", "sarandso", "efects production", "generative a"],
}


def write_home(home: Path, count: int, seed: int = 42) -> Path:
    """A home holding ``count`` generated articles, indexed."""
    from hollywood_ai.index.workspace import Workspace

    ws = Workspace(home)
    ws.ensure_home()
    (ws.home / ".seeded").write_text("1\n", encoding="utf-8")  # no bundled seeds here
    for article in generate(count, seed):
        ws.library.put(article)
    ws.invalidate()
    ws.sync()
    ws.close()
    return ws.home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a home with a generated corpus.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--home", type=Path, required=True)
    args = parser.parse_args(argv)
    home = write_home(args.home, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {home}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
