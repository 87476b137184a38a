"""Small talk: a message made only of the formulas people say to a bot in a chat ("thx thats
all i needed", "hey are you a real person or a bot") asks nothing of the corpus. Ranked, its one
word ("needed", "person") matches any page that uses it, and the reply is a passage no one
asked for. Such formulas are a small closed class of English, unlike the questions: a message
is small talk only if every word of it belongs to one.
"""

from __future__ import annotations

import re
from collections.abc import Set
from enum import Enum

from retrieval.questions import words


class Talk(Enum):
    """What a message of small talk does, and the reply it gets."""

    ASKS_WHO_I_AM = (
        "I'm a bot: I answer questions from a set of documents, and quote each passage I "
        "answer from with its source. Ask me about a programme: who runs or funds it, where, "
        "when, how much."
    )
    THANKS = "You're welcome. Ask another question any time."
    GREETS = (
        "Hello! Ask me a question about the documents I know, such as who runs or funds a "
        "programme."
    )
    SUMS = (
        "I don't do sums: I answer questions from a set of documents. Ask me about a "
        "programme: who runs or funds it, where, when, how much."
    )


_YOU = r"(?:you|u|ya)"
_BOT = r"(?:an?\s+)?(?:real\s+|actual\s+|live\s+)?(?:person|human|bot|robot|machine|ai|chatbot)"
# Each formula, by what it does; words may be run together as chats type them ("thankyou").
_FORMULAS: dict[Talk, str] = {
    Talk.ASKS_WHO_I_AM: (
        rf"(?:are|r)\s+{_YOU}\s+{_BOT}(?:\s+or\s+{_BOT})?"
        rf"|(?:are|r)\s+{_YOU}\s+real|who\s+(?:are|r)\s+{_YOU}|what\s+(?:are|r)\s+{_YOU}"
        rf"|who\s+(?:made|built|created)\s+{_YOU}|what(?:'s|s|\s+is)\s+(?:your|ur)\s+name"
        rf"|what\s+can\s+{_YOU}\s+do"
    ),
    Talk.THANKS: (
        rf"thanks?(?:\s*{_YOU})?|thank\s*{_YOU}|many\s+thanks|thx|thnx|thnks|tnx|ty|tysm|cheers"
        r"|(?:much\s+)?appreciated|appreciate\s+it|bye(?:\s*bye)?|goodbye|see\s+(?:you|ya)|cya"
        r"|good\s*night|(?:that(?:'s|s|\s+is)|thats)\s+(?:all|it)(?:\s+i\s+(?:needed|wanted))?"
        r"|nothing\s+else|i(?:'m|m|\s+am)\s+done|for\s+now|for\s+today|that\s+help(?:s|ed)"
        r"|(?:very\s+)?helpful|(?:have\s+a\s+(?:nice|good|great)|nice)\s+(?:day|evening|weekend)"
        rf"|for\s+(?:the|your|ur|all\s+the|{_YOU}r)\s+help"
    ),
    Talk.GREETS: (
        rf"hi|hello|hey|heya|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day)"
        rf"|morning|evening|gm|how\s+(?:are|r)\s+{_YOU}(?:\s+doing)?"
        rf"|how(?:'s|s|\s+is|\s+was)\s+(?:it|(?:your|ur|the)\s+day)(?:\s+going)?"
        rf"|what(?:'s|s)\s+up|sup"
        # "u still there?", "anyone there": the bot is hailed.
        rf"|(?:(?:are|r)\s+)?{_YOU}\s+(?:still\s+)?(?:there|around|awake)|anyone\s+there"
    ),
}
# Words that go with any formula and ask nothing: acknowledgements, fillers, the bot addressed.
_FILLERS = (
    r"ok|okay|k|kk|cool|great|nice|perfect|awesome|got\s+it|alright|all\s+right|lol|haha|hehe"
    r"|sure|fine|good|so|and|also|again|very|much|so\s+much|a\s+lot|today|there|just|really"
    r"|oh|ah|well|please|pls|plz|bot|qabot|guys|mate|man|everyone|all|yesterday|earlier"
)
_PIECE = "|".join([*_FORMULAS.values(), _FILLERS])
_ALL_TALK = re.compile(rf"(?:(?:{_PIECE})(?:\s+|$))+")
_EACH = {talk: re.compile(rf"(?:^|\s)(?:{formula})(?:\s|$)") for talk, formula in _FORMULAS.items()}


# A sum asked of the bot: numbers joined by the words or signs of arithmetic, with a few words
# of asking ("whats 17 times 23", "what is 15% of 240?", "whats a 15% tip on 40 dollars"); not
# a hyphen or a slash, which join the years of a period or the parts of a date.
_NUMBER = r"\d[\d,.]*\s*(?:%|percent|dollars?|euros?|usd)?"
_OPERATOR = r"(?:times|x|plus|minus|divided\s+by|multiplied\s+by|over|of|tip\s+on|[+*×÷^])"
_SUM = re.compile(
    rf"\W*(?:(?:what(?:'s|s)?|what\s+is|how\s+much\s+is|calculate|compute|is|a)\s+)*"
    rf"{_NUMBER}(?:\s*{_OPERATOR}\s*(?:a\s+)?{_NUMBER})+\s*(?:=|equals)?\W*",
    re.IGNORECASE,
)


def small_talk(message: str, names: Set[str] = frozenset()) -> Talk | None:
    """What a message of small talk does, or None for a message that asks anything else.
    ``names`` are words the corpus uses as names (its acronyms, in lower case): a message
    with one of them asks about it, whatever else it says."""
    if _SUM.fullmatch(message.strip()):
        return Talk.SUMS
    said = words(message)
    if not said or any(word in names for word in said):
        return None
    text = " ".join(said)
    if not _ALL_TALK.fullmatch(text):
        return None
    # Of several formulas ("hey are you a bot"), the one that most wants its own reply.
    for talk, formula in _EACH.items():
        if formula.search(text):
            return talk
    return None  # only fillers ("ok", "cool"): no formula of small talk
