"""Names of undertakings, the things organisations take part in: what makes a capitalized name
a programme's, fund's or initiative's ("the Airport Communication Project", "CRIMJUST"), the
names a text or a page's title gives, and what "it" stands for."""

from __future__ import annotations

import re

from retrieval.organisations import capitalized_runs, is_currency

# Words that make a capitalized name the name of something organisations play a part in.
UNDERTAKING_WORDS = frozenset(
    "programme programmes program project projects initiative initiatives partnership fund "
    "facility network alliance compact coalition campaign operation mechanism platform "
    "centre center movement collaboration framework trust consortium".split()
)
# A capitalized name; a word that labels what follows ("Duration:") starts no part of it.
_RUN = capitalized_runs("of|for|on|the|and|to|against|in|&", before_labels=True, acronym=True)


# Acronyms of a web page's own kinds, never a programme's name.
_WEB_ACRONYMS = frozenset("faq faqs pdf rss url html sms q&a".split())


def is_undertaking(name: str) -> bool:
    """Whether a name names something organisations take part in: a programme, a fund, an
    initiative, or an acronym ("GLO.ACT" too)."""
    words = [w.strip(".") for w in re.findall(r"[\w'’.-]+", name)]
    return any(w.casefold() in UNDERTAKING_WORDS for w in words) or (
        len(words) == 1
        and sum(ch.isupper() for ch in words[0]) >= 2
        and not is_currency(words[0])
        and not re.fullmatch(r"[A-Z]+s", words[0])  # "NGOs" is a kind of body
        and words[0].casefold() not in _WEB_ACRONYMS  # "FAQ | Amazon Fire Early Warning Network"
    )


def names_in(text: str) -> list[str]:
    """The capitalized names of two words or more a text gives, as written."""
    return [r.group() for r in name_runs(text, 0) if len(r.group().split()) > 1]


# Where a title's parts end: "About the programme – EUROFRONT | Border management", "Five
# years of the X Fund: what we have learned".
TITLE_PARTS = re.compile(r"\s+[–—|-]\s+|:\s+|:$")
# The words that open a page's title and are no part of the name after them: "About
# Education Cannot Wait", "Welcome to the …".
ABOUT = re.compile(r"^(?:about|welcome\s+to)\s+(?:the\s+)?", re.IGNORECASE)
# An article that opens a name.
ARTICLE_START = re.compile(r"^(?:the|The)\s+")


def without_subtitle(title: str) -> str:
    """A title without what follows a dash, colon or bar: "Project Canopy Trace – Following the
    money" → "Project Canopy Trace", "Harbour Watch | Office of the Sea" → "Harbour Watch"."""
    return TITLE_PARTS.split(title, maxsplit=1)[0] or title


# The word that opens a headline, capitalized as its first: "How" of "How Fiji's movement…".
_HEADLINE_START = re.compile(r"^(?:How|Why|What|When|Where|Who|Which)\s+")


def title_names(title: str) -> list[str]:
    """The names of two words or more a title gives in its parts, without the word that opens
    a headline: "Port Control Academy" of "Port Control Academy trains customs officers",
    "the Horn of Africa One Health Partnership" of "Why the Horn of Africa One Health
    Partnership matters"."""
    return [_HEADLINE_START.sub("", n) for part in TITLE_PARTS.split(title) for n in names_in(part)]


def undertakings_in(text: str) -> list[str]:
    """The names of undertakings a text gives, as written: "project CRIMJUST", "the Airport
    Communication Project (AIRCOP)"."""
    return [r.group() for r in name_runs(text, 0) if is_undertaking(r.group())]


def pointed_at(before: str) -> str | None:
    """What "it" stands for, in a sentence after ``before``: the undertaking ``before`` names
    first ("… served by the Rabies-Free Terai Project, which shares staff with LSCP. It is
    funded by Japan"), without its article; never a name cut short ("… on HIV/AIDS") nor one
    in quotes; None where it names none."""
    named = [
        r.group()
        for r in name_runs(before, 0)
        if is_undertaking(r.group())
        and before[r.end() : r.end() + 1] not in _CUT
        and before[r.start() - 1 : r.start()] not in _QUOTES
    ]
    return ARTICLE_START.sub("", named[0]) if named else None


# What cuts a name short where the capitalized run ends ("HIV/AIDS"), and the quotes around a
# word that names no undertaking (an "All-of-UN" approach).
_CUT = frozenset("/-")
_QUOTES = frozenset("\"“‘'")


# programme", "B chairs its board", "C funds the secretariat".
# A part of the subject's work: "IILA is in charge of the penitentiary component".
WORK_PARTS = frozenset("component components pillar pillars strand strands window windows".split())
# The words that open the name of a part or a stage of the page's own programme: "Phase II –
# funded by A" says who funds the programme, "Inclusive Schools Rangpur – funded by A" not.
PARTS_OF_WORK = WORK_PARTS | frozenset("phase phases stage stages lot lots part parts".split())


def name_runs(sentence: str, start: int, end: int | None = None) -> list[re.Match[str]]:
    """The capitalized names of a stretch of a sentence; not a currency ("US$ 5 million")."""
    stop = len(sentence) if end is None else end
    return [
        r for r in _RUN.finditer(sentence, start, stop) if sentence[r.end() : r.end() + 1] != "$"
    ]


def split_undertakings(run: str) -> tuple[str, ...]:
    """A run of names split at "and" where each half names an undertaking: "CAFI and the
    UN-REDD Programme"."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+(?:the\s+)?", run)]
    return tuple(parts) if all(is_undertaking(p) for p in parts) else (run,)
