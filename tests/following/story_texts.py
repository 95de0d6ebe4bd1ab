"""Three reports of one invented event, for the follow and news tests: the
third gives another figure and leaves out the strike vote."""

from __future__ import annotations

FIRST = (
    "Lumenfall Pictures signed a deal with the synthetic performer Vessa Marlowe on Monday. "
    "The Lumenfall deal is worth 40 million dollars over three years, the studio said. "
    "Marlowe's digital double will appear in the Harborlight sequel next spring. "
    "Union members at Lumenfall will vote on a strike over the Marlowe deal on Friday. "
    "Director Oren Castile said the Harborlight crew learned of the deal from the press. "
    "The studio said the Marlowe contract sets rules for consent and pay."
)
SECOND = (
    "The synthetic performer Vessa Marlowe has signed with Lumenfall Pictures, the studio announced Monday. "
    "The Lumenfall deal is worth 40 million dollars over three years, according to the studio. "
    "Marlowe's digital double is set to appear in the Harborlight sequel next spring. "
    "Union members at Lumenfall plan to vote on a strike over the Marlowe deal on Friday. "
    "Director Oren Castile said the Harborlight crew heard about the deal from the press. "
    "Lumenfall said the Marlowe contract includes rules on consent and pay."
)
THIRD = (
    "Lumenfall Pictures has signed the synthetic performer Vessa Marlowe, the studio said Monday. "
    "The Lumenfall deal is worth 55 million dollars over three years, a person close to the studio said. "
    "Marlowe's digital double will be seen in the Harborlight sequel next spring. "
    "Director Oren Castile said the Harborlight crew found out about the deal from the press. "
    "Lumenfall said the Marlowe contract lays down rules for consent and pay. "
    "Critics at three guilds called the Marlowe deal a test case for the Harborlight franchise."
)
