"""The words compare knows: the words of asking (never evidence), the
abbreviations news copy writes both ways, and the groups of words it uses
for one thing ("faster" / "sped" / "quicker")."""

from __future__ import annotations

import re

# Words that ask rather than tell: never evidence.
QUESTION_WORDS = {
    "how",
    "much",
    "many",
    "what",
    "when",
    "who",
    "whom",
    "whose",
    "which",
    "why",
    "where",
    "did",
    "does",
    "do",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "say",
    "said",
    "says",
    "saying",
    "tell",
    "told",
    "about",
    "according",
    "report",
    "reported",
    "reports",
    "claim",
    "claimed",
    "claims",
    "mention",
    "mentioned",
    "source",
    "sources",
    "outlet",
    "really",
    "exactly",
    "actually",
    "give",
    "gave",
    "given",
    "there",
    "any",
    "it",
    "its",
    "they",
    "their",
    "them",
    "he",
    "she",
    "his",
    "her",
    "i",
    "me",
    "my",
    "we",
    "our",
    "happen",
    "happened",
    "thing",
    "things",
    "way",
    "ways",
    "get",
    "got",
    "make",
    "made",
    "called",
    "named",
    "titled",
    "the",
    "a",
    "an",
    "in",
    "on",
    "of",
    "to",
    "for",
    "and",
    "or",
    "with",
    "by",
    "from",
    "as",
    "at",
    "be",
    "been",
    "being",
    "can",
    "could",
    "would",
    "should",
    "will",
}
# Abbreviations written both ways in news copy.
EXPANSIONS = {
    "vfx": ["visual", "effect"],
    "genai": ["generative", "ai"],
    "gen-ai": ["generative", "ai"],
    "ceo": ["chief", "executive"],
}
# Words news copy uses for the same thing. Each group is one concept: a
# question word in a group matches a passage with any word of the group.
RELATED = [
    "fast faster fastest quick quicker quickly speed sped accelerate accelerated accelerates",
    "slow slower slowly delay delayed",
    "collapse collapsed collapses collapsing fall falling fell crumble crumbling destroy destroyed",
    "building tower skyscraper",
    "cost costs cheaper cheap expense expenses expensive budget budgets spend spending",
    "revenue revenues income sales turnover",
    "profit profits earnings",
    "sue sued suing lawsuit lawsuits legal litigation court",
    "young younger youthful de-aging deaging de-age",
    "old older aging age",
    "film films movie movies picture",
    "series show shows programme program programming",
    "job jobs employment workers work workforce labor labour",
    "worker workers staff employees",
    "plan planning plans planned",
    "visualization visualisation previsualization previsualisation pre-visualization pre-visualisation previs",
    "say said says stated told remarked",
    "ceo chief executive co-ceo",
    "ai artificial intelligence",
    "genai generative",
    "ad ads advert adverts advertising advertisement advertisements commercials",
    "search searching",
    "strike strikes walkout",
    "union unions guild",
    "deepfake deepfakes fake fakes",
    "actor actors actress performers cast",
    "copyright copyrighted infringement plagiarism",
    "city capital town",
    "scene scenes shot shots sequence sequences",
    "lawyer lawyers attorney attorneys counsel",
    "finish finished finishing complete completed completing",
    "spokesman spokeswoman spokesperson spokespeople",
    "senator senators sen",
    "representative representatives rep congressman congresswoman",
    "governor gov",
    "kill killed killing dead death deaths die died",
    "age aged old",
    "apology apologize apologized apologizes apologise apologised sorry regret regrets",
    "email emails e-mail e-mails",
    "indict indicted indictment charge charged charges",
    "fire fired firing dismiss dismissed oust ousted",
    "lie lies lied lying",  # "lying" and "lied" stem apart
]
# One way only: a question word that also means the other group, but not the
# reverse ("earnings" are the revenue, and also the profit; "revenue" is not
# the "earnings call").
ONE_WAY = {
    "earnings": "revenue revenues income sales",
    # "congressional" is said of Congress and of its members.
    "congressional": "congress congressman congresswoman",
    # What an area, a plan or a policy covers, it includes.
    "cover": "include includes including",
    # A punishment is given as what it is (one way: a suspension is not
    # always a punishment, that of a bridge or of trading).
    "punishment": "punish punished penalty penalties suspension suspended demotion demoted",
    # A lawmaker is a senator, a representative or a state legislator, named
    # by the office's title ("Rep. Ana Ruiz", "Sen. Leo Brandt"); a senator is
    # not any lawmaker. "Representative" is left out: a union's representative
    # is no lawmaker, and the word, common in a story, would weigh "lawmaker" down.
    "lawmaker": "lawmakers legislator legislators rep congressman "
    "congresswoman senator sen assemblyman assemblywoman delegate",
    "lawmakers": "lawmaker legislator legislators rep congressmen "
    "congresswomen senators sen assemblymen delegates",
}
# Words for the kind of work a title names: in a question asking for the name
# ("what is the show called"), the title itself stands for them.
KIND_WORDS = "series show shows programme program film films movie movies documentary"
# Words that only say what kind of answer is wanted (a figure, a name, a
# place): asking words, not evidence, when the question asks for one.
ASKING_NOUNS = re.compile(
    r"\b(factor|amount|figure|figures|number|dollars|euros|pounds|"
    r"name|names|title|titles|city|country|place|town|location)\b",
    re.I,
)
# "show" as the question's closing verb ("which city did the scene show?").
SHOW_VERB = re.compile(r"\b(show|shows|showed|shown)\s*[?.!]*\s*$|\bshow me\b", re.I)
