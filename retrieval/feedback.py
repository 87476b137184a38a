"""Pseudo-relevance feedback: a long question that describes a topic borrows the words of its
best passages.

A question such as "what are the structural and aeroelastic problems of flight at high
speeds" names its topic in its own words; the passages about it use others too ("flutter",
"panel"). Feedback (RM3, Lavrenko and Croft's relevance model mixed with the question) reads
the best passages of a first ranking, weighs each of their words by how much of those
passages it makes up, and adds the heaviest to the question for a second ranking.

It is for long questions that ask for a topic, not a fact: on Cranfield's queries it lifts
nDCG@10 from 0.377 to 0.40, while on questions asking who, when or how many about a named
programme it moves the answer away from the one sentence that holds the fact, towards the
passages that name the programme most (README, "How the defaults were chosen").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from retrieval.questions import asks_for_names

# The best passages of the first ranking that are read, and the words they lend the question.
PASSAGES = 10
TERMS = 20
# A passage counts exp(-SHARPNESS * the share of the best score it lacks): the best few
# passages speak for the topic, the tenth hardly.
SHARPNESS = 5.0


def asks_for_topic(
    text: str, weights: Mapping[str, float], content: Sequence[str], words: int
) -> bool:
    """Whether a question describes a topic rather than asks for a fact: at least ``words``
    topic words, no answer type (a date, a number, a contrast: ``answer_types``), and no
    names asked for ("who", "which agencies"). The cheap tests come first: most questions
    are short."""
    return (
        len(content) >= words
        and not any(term.startswith("#") for term in weights)
        and not asks_for_names(text)
    )


def expanded(
    weights: Mapping[str, float],
    passages: Sequence[tuple[Sequence[str], float]],
    weight: float,
    informative: Callable[[str], bool],
) -> dict[str, float]:
    """A question's term weights with the words of its best passages added.

    Args:
        weights: the question's term weights.
        passages: the terms of each of the first ranking's best passages, with its score.
        weight: how much the added words weigh together, relative to the question's own.
        informative: whether a term may be added: one that only a single passage holds says
            nothing about the topic.
    """
    best = max((score for _, score in passages), default=0.0)
    if weight <= 0 or best <= 0:
        return dict(weights)
    model: Counter[str] = Counter()
    for terms, score in passages:
        if not terms:
            continue
        share = math.exp(-SHARPNESS * (1 - score / best)) / len(terms)
        for term, count in Counter(terms).items():
            model[term] += share * count
    lent = [(term, mass) for term, mass in model.most_common() if informative(term)][:TERMS]
    total = sum(mass for _, mass in lent)
    added = dict(weights)
    if not total:
        return added
    scale = weight * sum(weights.values()) / total
    for term, mass in lent:
        added[term] = added.get(term, 0.0) + scale * mass
    return added
