"""Role claims read from a passage's text: every cue of a role (``roles``) with the list of
organisations nearest to it, organisations joined by dashes before what they do together,
and the names whose part the text's shape says (``lists_in_turn``). The index stores them
(``roles.encode``); questions read them back (``roles.decode``)."""

from __future__ import annotations

import re

from corpus.acronyms import is_acronym
from retrieval.lists_in_turn import (
    announced_in_turn,
    named_after_colon,
    under_heading,
    with_companions,
)
from retrieval.name_lists import at_office, clause_spans, name_groups, players, units_joined
from retrieval.organisations import (
    Mention,
    capitalized_runs,
    descriptions,
    is_country,
    is_currency,
    is_organisation_word,
    mentions_organisation,
)
from retrieval.roles import (
    _CUE_PATTERNS,
    _CUES,
    FOLLOWED,
    PASSIVE_BEFORE,
    Claim,
    Role,
    for_what_after,
    money_given_before,
    source_after,
    tells_of_the_past,
)

_CAPITAL = re.compile(r"[A-Z]")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a cue's pattern: "fund(?:s|ed)|financed" → two."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
    return [*parts, pattern[start:]]


def _required_text(alternative: str) -> str:
    """The longest plain text that every match of an alternative holds, outside its groups and
    optional letters: "fund" of "fund(?:s|ed)", "charge" of "in\\s+charge", "chair" of
    "(?:co-)?chair"."""
    runs, run, depth, at = [], "", 0, 0
    while at < len(alternative):
        char = alternative[at]
        optional = alternative[at + 1 : at + 2] in ("?", "*", "{")
        if depth == 0 and (char.isalnum() or char == "-") and not optional:
            run += char
            at += 1
            continue
        runs.append(run)
        run = ""
        depth += char == "("
        depth -= char == ")"
        at += 2 if char == "\\" else 1
    return max([*runs, run], key=len).lower()


# What every match of some cue holds, in lower case: a plain substring test of each, done in C,
# rules out most passages faster than one pattern of all the cues would. Derived from the cues,
# so that a new cue cannot be forgotten here.
_CUE_STEMS = tuple(
    sorted({_required_text(alt) for cue in _CUES for alt in _alternatives(cue.pattern)})
)
# How far, in characters, a name may sit from its cue; and how much more a name before the cue
# counts its distance ("A leads X" is rarer than "X is led by A").
_REACH = 120
_BEFORE_CUE = 1.5


def claims(text: str, heading: str = "", continued: str = "") -> list[Claim]:
    """Every cue of a role in a passage's text with the list of names nearest to it; and,
    under a heading that names a role ("Core partners", "Our donors"), the names that open
    its sentences, one partner a sentence ("WHO sets the norms. UNICEF buys the vaccines.")."""
    # Most passages of a large corpus have no cue, or no capital to start a name: one scan each
    # tells, before any sentence is read (the index reads every passage).
    if not _CAPITAL.search(text):
        return []
    found = under_heading(text, heading) if heading else []
    lowered = text.lower()
    if not any(stem in lowered for stem in _CUE_STEMS):
        return found
    spans = list(clause_spans(text))
    found += announced_in_turn(text, spans, continued)
    for span in spans:
        sentence = text[span[0] : span[1]]
        if "-" in sentence or "–" in sentence or "—" in sentence:
            found += _joined(sentence, span)
        named = players(sentence)
        if not named:
            continue
        named = units_joined(named, sentence)
        groups = name_groups(named, sentence)
        # A semicolon ends a sentence here: in "Since 2021 it is hosted by A; before that it
        # was housed at B", only B's part is past.
        former = tells_of_the_past(sentence)
        cues = [
            (number, cue, match)
            for number, (cue, pattern) in enumerate(_CUE_PATTERNS)
            for match in pattern.finditer(sentence)
        ]
        agents = _agent_cues(sentence, [match for _, _, match in cues])
        starts = [match.start() for _, _, match in cues]
        counted = named_after_colon(sentence, groups)
        # What bodies are (not what programmes are: "the FTI, a compact set up by A").
        described = descriptions(sentence, [m for m in named if not is_undertaking(m.name)])
        for number, cue, match in cues:
            written = match.group()
            # A cue inside a name is part of it: "the Stop TB Partnership"; so is one in
            # capitals right after a name, which goes on past its acronym: "the Caribbean
            # Community (CARICOM) Secretariat holds the vice-chair". Not where a colon lists
            # what it is made of: "the Roll Back Malaria (RBM) Partnership: WHO, UNICEF …".
            if any(m.start <= match.start() < m.end for m in named) or (
                written[:1].isupper()
                and any(sentence[m.end : match.start()] in (" ", ") ") for m in named)
                and not sentence[match.end() :].lstrip().startswith(":")
            ):
                continue
            if cue.only_as_what_a_name_is and not (
                _is_the_part(cue.role, match) or _AS_ROLE.search(sentence, 0, match.start())
            ):
                continue
            # A founding inside what a name is says who founded that body: "Sonar, a
            # non-profit founded in Cali in 2014 by three music teachers, runs the network".
            if cue.role is Role.FOUND and any(
                start <= match.start() < end for start, end in described
            ):
                continue
            # "The members of X are A and B": the names follow the verb, X is what for.
            listed = _OF_THEN_LIST.match(sentence, match.end())
            # A label's players follow its colon: in "Assessment Group coordinator:
            # Finland", the name before the cue is part of the label.
            # Not where a verb makes the cue a part a name plays: "A acts as trustee: it holds
            # the contributions"; but "X is a joint programme: A leads it" says what X is.
            labelled = _LABEL_AFTER.match(sentence, match.end())
            label = labelled is not None and not (
                _AS_ROLE.search(sentence, 0, match.start())
                or (
                    _IS_ROLE.search(sentence, 0, match.start())
                    and not is_undertaking(sentence[match.start() : labelled.end()])
                )
            )
            # "Most of the money for Phase III comes from A": A, right after "from" or after
            # what "from" counts ("comes from two sources: A, B").
            source = source_after(match)
            best = _nearest(
                [
                    g
                    for g in groups
                    if (source is None or _GIVERS_GAP.fullmatch(sentence, source, g[0].start))
                    and not _other_clause(sentence, g, match)
                    and not (cue.role is not Role.FUND and _principal(sentence, g))
                    and not (cue.role is Role.FUND and _channel(sentence, g))
                    and not (cue.role is not Role.HOST and _where(sentence, g, match))
                    and not _in_the_part(cue.role, g, match)
                ],
                match.start(),
                listed.end() if listed else match.end(),
                listed is not None or label or _by_after(sentence, match),
                _by_before(match)
                or _is_the_part(cue.role, match)
                or (listed is None and for_what_after(cue.role, match))
                or (source is None and money_given_before(match)),
            )
            # A part the subject of "is" is, however long what the sentence says of the subject
            # first: "CORAF (West and Central African Council …), based in Dakar, is the
            # executing agency".
            if best is None and groups and _is_the_part(cue.role, match):
                opening = groups[0]
                if not ARTICLE_START.sub("", sentence[: opening[0].start]).strip():
                    best = (opening, 0)
            # A cue in a cell after the first, with no name before it in that cell, is the
            # row's organisation's, never the place beside it: "RCLS | Kyrgyzstan | Hosts the
            # CARWatch secretariat", "FCCBM | Mali | National partner". Where no organisation
            # heads the row, a cell that opens with the cue names no one; but "Secretariat |
            # Hosted by WMO" names its own.
            if _in_later_cell(sentence, match, groups) and not _by_after(sentence, match):
                row_head = _row_head(groups, sentence, match.start())
                if row_head is not None:
                    best = (row_head, 0)
                elif _CELL_START.search(sentence, 0, match.start()):
                    best = None
            if best is None or _next_items(sentence, match, best[0]):
                continue
            if _taken_by_another(sentence, match, best[0], agents):
                continue
            if _doers_of_a_relative(sentence, match, best[0], starts):
                continue
            # "X, which WFP runs with UNICEF": X is what they run, and the doers are those
            # between "which" and the verb.
            active = _is_verb_of_doers_before(match)
            relative = _RELATIVE_BEFORE.search(sentence, 0, match.start()) if active else None
            if relative is None and active and _acts_on_something_else(sentence, match.end()):
                continue
            if relative is not None and best[0][0].start < relative.end(1):
                continue
            group, distance = best
            if counted is not None and match.start() < counted[0].start:
                group = counted  # the doers, counted before the cue, are named after the colon
            group = with_companions(groups, sentence, _with_leader(groups, sentence, match, group))
            if relative is not None:
                group = _with_companions_after(groups, sentence, match, group)
            # "PRF: programme-based funding for countries": the name is what the words after
            # its colon describe, not one who plays their part.
            if group[-1].end <= match.start() and ":" in sentence[group[-1].end : match.start()]:
                continue
            about = (
                _about(sentence, match, group)
                if relative is None
                else _antecedent(sentence, relative.start())
            )
            if listed:
                between = _runs(sentence, match.end(), listed.end())
                about = _undertakings(between[0].group()) if between else about
            # "It began in 2010 with money from A": what it started with is past.
            past = former or bool(_BEGAN_WITH.search(sentence, 0, match.start()))
            # "Host: UNOPS (since 2015); WHO (2001–2014)": a name with a period that has
            # ended played its part before (in a sentence of the past, all did).
            ended = [] if past else [m for m in group if _ENDED_PERIOD.match(sentence, m.end)]
            present = [m for m in group if m not in ended]
            for kept, was in ((present, past), (ended, True)):
                if not kept:
                    continue
                found.append(
                    Claim(
                        names=tuple(m.name for m in kept),
                        role=cue.role,
                        phrase=cue.phrase,
                        sentence=sentence,
                        distance=distance,
                        former=was,
                        cue_word=written.casefold(),
                        label=label,
                        about=about,
                        span=span,
                        cue=number,
                    )
                )
    return found


# A period in brackets after a name that has ended: "(2001–2014)", "(until 2019)".
_ENDED_PERIOD = re.compile(
    r"\s*\((?:from\s+)?(?:19|20)\d\d\s*(?:[–-]|to)\s*(?:19|20)\d\d\)"
    r"|\s*\((?:until|till|to)\s+(?:\w+\s+)?(?:19|20)\d\d\)"
)


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
    return [r.group() for r in _runs(text, 0) if len(r.group().split()) > 1]


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
    return [r.group() for r in _runs(text, 0) if is_undertaking(r.group())]


def pointed_at(before: str) -> str | None:
    """What "it" stands for, in a sentence after ``before``: the undertaking ``before`` names
    first ("… served by the Rabies-Free Terai Project, which shares staff with LSCP. It is
    funded by Japan"), without its article; never a name cut short ("… on HIV/AIDS") nor one
    in quotes; None where it names none."""
    named = [
        r.group()
        for r in _runs(before, 0)
        if is_undertaking(r.group())
        and before[r.end() : r.end() + 1] not in _CUT
        and before[r.start() - 1 : r.start()] not in _QUOTES
    ]
    return ARTICLE_START.sub("", named[0]) if named else None


# What cuts a name short where the capitalized run ends ("HIV/AIDS"), and the quotes around a
# word that names no undertaking (an "All-of-UN" approach).
_CUT = frozenset("/-")
_QUOTES = frozenset("\"“‘'")


# Where the clause after a list of names opens: "by A and B, the X programme gathers".
_CLAUSE_AFTER_NAMES = re.compile(r"\s*,\s*(?:the\s+)?")


# What sets a line's opening name off from what it says of it: a dash.
_SET_OFF = re.compile(r"\s*[–—-]\s*|\s+[–—-]\s+")


# Between a name and the names of a cue's players: the name said to be an undertaking, ", a
# joint programme of".
_SAID_UNDERTAKING = re.compile(
    r",\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}?(?:programme|program|project|initiative|partnership)"
    r"\s+(?:of|between|with|by)\s+"
)


def _about(sentence: str, cue: re.Match[str], group: list[Mention]) -> tuple[str, ...]:
    """The programme a sentence says the names play their part in: the nearest name of an
    undertaking before a cue whose names follow it ("X, implemented by A"), or after a cue
    whose names come first ("A leads X")."""
    if group[0].start >= cue.end():
        before = _runs(sentence, 0, cue.start())
        # "the Sahel Resilience Scale-Up, a joint programme of A and B": what the names take
        # part in is said to be a programme, whatever its name's words.
        if before and _SAID_UNDERTAKING.fullmatch(sentence, before[-1].end(), group[0].start):
            return (before[-1].group(),)
        runs = [r for r in before if is_undertaking(r.group())]
        if runs:
            return _undertakings(runs[-1].group())
        # "Inclusive Schools Rangpur – funded by A", an item of a box of other programmes: a
        # name that the line opens with, set off by a dash, is what the cue says it of.
        opening = _runs(sentence, 0, cue.start())
        if (
            opening
            and opening[0].start() == 0
            and _SET_OFF.fullmatch(sentence, opening[0].end(), cue.start())
            and not mentions_organisation(opening[0].group())
            and opening[0].group().split()[0].casefold() not in PARTS_OF_WORK
        ):
            return (opening[0].group(),)
        # "Implemented jointly by A and B, CRIMJUST gathers …": the subject follows the names,
        # opening the clause after them; in "launched by A, with B supporting it", B is not.
        opens = _CLAUSE_AFTER_NAMES.match(sentence, group[-1].end)
        runs = (
            [r for r in _runs(sentence, opens.end()) if is_undertaking(r.group())] if opens else []
        )
        return _undertakings(runs[0].group()) if runs and runs[0].start() == opens.end() else ()
    following = re.match(r"\W*([\w'’-]+)", sentence[cue.end() :])
    if following and following.group(1).casefold() in _NO_OBJECT:
        return ()  # "that A finances and B implements": what it acts on came before
    runs = [r for r in _runs(sentence, cue.end()) if is_undertaking(r.group())]
    return _undertakings(runs[0].group()) if runs else ()


def _with_companions_after(
    groups: list[list[Mention]], sentence: str, cue: re.Match[str], group: list[Mention]
) -> list[Mention]:
    """The doers of a verb with those it says they do it with: "which WFP runs with UNICEF"."""
    joined = _WITH_AFTER_VERB.match(sentence, cue.end())
    after = next((g for g in groups if g[0].start >= cue.end()), None)
    if joined is None or after is None or after[0].start != joined.end():
        return group
    return group + after


def _antecedent(sentence: str, end: int) -> tuple[str, ...]:
    """The programme a relative pronoun at ``end`` stands for, named right before it ("the
    Pacific School Meals Partnership, which"); none when that is no programme's name."""
    runs = [r for r in _runs(sentence, 0, end) if is_undertaking(r.group())]
    if runs and not sentence[runs[-1].end() : end].strip(" ,"):
        return _undertakings(runs[-1].group())
    return ()


def _runs(sentence: str, start: int, end: int | None = None) -> list[re.Match[str]]:
    """The capitalized names of a stretch of a sentence; not a currency ("US$ 5 million")."""
    stop = len(sentence) if end is None else end
    return [
        r for r in _RUN.finditer(sentence, start, stop) if sentence[r.end() : r.end() + 1] != "$"
    ]


def _undertakings(run: str) -> tuple[str, ...]:
    """A run of names split at "and" where each half names an undertaking: "CAFI and the
    UN-REDD Programme"."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+(?:the\s+)?", run)]
    return tuple(parts) if all(is_undertaking(p) for p in parts) else (run,)


# Organisations joined by dashes in front of what they do together: "the WMO–World Bank–UNDRR
# initiative CREWS", "the EU-UNDP project SEACOP", "the UNODC-WCO Container Control Programme".
_PART = r"(?!The\s)[A-Z][\w&]*(?:\s[A-Z][\w&]*)*"
_JOINED = re.compile(
    rf"(?<![\w.-])(?P<parts>{_PART}(?:[-–—]{_PART})+)"
    rf"(?:\s+(?P<word>{'|'.join(sorted(UNDERTAKING_WORDS))})\b(?:\s+(?P<name>{_PART}))?)?"
)
# The cue a joined list of names stands for: they do something jointly.
_JOINT_CUE = next(n for n, c in enumerate(_CUES) if "joint" in c.pattern)


def _is_joined_body(part: str) -> bool:
    """Whether a part of a dash-joined name is an organisation of its own: an acronym other than
    "UN" ("UN-REDD", "UN-Habitat" are single names), a country, or a name with a word of an
    organisation ("World Bank")."""
    if is_acronym(part):
        return part != "UN"
    return is_country(part) or (len(part.split()) > 1 and mentions_organisation(part))


def _joined(sentence: str, span: tuple[int, int]) -> list[Claim]:
    """The claims of organisations joined by dashes before an undertaking: they are its
    partners."""
    found = []
    for match in _JOINED.finditer(sentence):
        parts = re.split(r"[-–—]", match.group("parts"))
        about: tuple[str, ...] = ()
        if match.group("word"):
            about = (match.group("name"),) if match.group("name") else ()
        else:
            # "UNODC-WCO Container Control Programme": the last part holds the programme.
            head, _, rest = parts[-1].partition(" ")
            if not (rest and is_undertaking(rest) and is_acronym(head)):
                continue
            parts[-1], about = head, (match.group("parts"),)
        if len(parts) < 2 or not all(_is_joined_body(p) for p in parts):
            continue
        found.append(
            Claim(
                names=tuple(parts),
                role=Role.PARTNER,
                phrase=_CUES[_JOINT_CUE].phrase,
                sentence=sentence,
                distance=0,
                former=tells_of_the_past(sentence),
                cue_word="joint",
                about=about,
                span=span,
                cue=_JOINT_CUE,
            )
        )
    return found


# A label ends at a colon or a bar a few words after its cue: "Funded by: A", "Main donors | A".
_LABEL_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}\s*[:|]")
# A noun of giving names its doers after it: "funding from A"; what stands before it is what
# they do it for (a cue in the passive does too: ``roles.PASSIVE_BEFORE``).
_AGENT_AFTER = re.compile(r"\s*(?:\w+ly\s+)?(?:by|from|through)\b", re.I)
# "in partnership with A", "together with A": the partners follow.
_PARTNERS_AFTER = re.compile(r"\s*(?:\w+ly\s+)?with\b", re.I)
# Cues that are verbs of the present, whose doers come before them: "A leads X", "B funds Y".
_ACTIVE_VERBS = frozenset(
    "funds finances sponsors hosts houses chairs presides implements leads manages runs "
    "operates coordinates administers oversees delivers joins joined".split()
)
# A verb in the progressive, whose doers come before it: "A is financing", "B has been
# implementing", "C is now also funding".
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+(?:(?:\w+ly|now|also|still)\s+){0,2}$")
# What may stand between "comes from" and its givers: "two sources: ", "the".
_GIVERS_GAP = re.compile(r"(?:[\w\s-]{0,40}:\s+)?(?:the\s+)?")
# A role a name acts as: "serves as (the) trustee", "acting as its secretariat".
_AS_ROLE = re.compile(r"\bas\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+)?(?:\w+\s+)?$")
# "A is the executing agency", "A was the trustee of the Fund": a part a name is. (What the
# subject is, "X is a joint initiative of A and B", names its players after the cue.)
_IS_ROLE = re.compile(
    r"\b(?:is|are|was|were|remains?|became|becomes)\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+)?$"
)
# A cue that is a participle names its doers after it: "X is a campaign launched by A".
_PARTICIPLE_CUE = re.compile(r"(?:ed|\bby)$", re.IGNORECASE)
# A cue in the infinitive, whose doers come before it when what they do follows it: "A and B
# joined forces to launch the X Alliance".
_INFINITIVE = re.compile(r"\bto\s+$")
_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")
# A cue joined to a capitalized word: "EU-funded", not "co-hosted".
_JOINED_TO_NAME = re.compile(r"\b[A-Z][\w'’&.]*[-–]$")


# Words of an active cue's object that point back to what is played a part in: "A runs the
# programme", "B chairs its board", "C funds the secretariat".
# A part of the subject's work: "IILA is in charge of the penitentiary component".
WORK_PARTS = frozenset("component components pillar pillars strand strands window windows".split())
# The words that open the name of a part or a stage of the page's own programme: "Phase II –
# funded by A" says who funds the programme, "Inclusive Schools Rangpur – funded by A" not.
PARTS_OF_WORK = WORK_PARTS | frozenset("phase phases stage stages lot lots part parts".split())
_POINTING_BACK = (
    UNDERTAKING_WORDS
    | PARTS_OF_WORK
    | frozenset(
        "it them its their board committee council secretariat work activities efforts group "
        "panel pilot".split()
    )
)
# How many words after an active cue make its object, and the words that open one.
_OBJECT_WORDS = 4
_POSSESSIVE = re.compile(r"['’]s$")
# A verb whose object is what a relative pronoun before its doers stands for: "X, which WFP
# runs with UNICEF, …".
_RELATIVE_BEFORE = re.compile(
    r"\b(which|that)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){1,8}(?:[a-z]+ly\s+)?$"
)
_WITH_AFTER_VERB = re.compile(r"\s+(?:together\s+|jointly\s+)?with\s+")
# Words after a verb that show it has no object there, as in a clause that says what it acts
# on before it: "a project that the EU finances and INTERPOL implements together with …".
# Cues that say what their subject is, not what is done to it: "A is in charge of X", "A is
# chair of the board", "B was trustee of the Fund".
_PREDICATE = re.compile(
    r"in\s+charge|responsible|(?:co-)?chair|host|trustee|treasurer|secretariat"
    r"|(?:executing|lead)\s+agency"
)
_NO_OBJECT = frozenset("and or but together jointly since until".split())
_DETERMINERS = frozenset("the a an this these our".split())


def _acts_on_something_else(sentence: str, end: int) -> bool:
    """Whether an active cue's object is a thing of its own, not what the names play a part
    in: "WHO runs disease surveillance", "CDC runs the reference laboratories"; not "A runs the
    programme", nor a name ("A leads CRIMJUST"), which ``_about`` reads."""
    after = re.findall(r"[\w'’-]+", sentence[end:])
    words = after[:_OBJECT_WORDS]
    while words and words[0].casefold() in _DETERMINERS:
        words.pop(0)
    if not words or not words[0][:1].islower() or words[0].casefold() in _NO_OBJECT:
        return False
    # "the alliance's technical advisory group" is the alliance's by its group, not by the
    # alliance named as its owner: "the programme's leadership courses" are courses.
    if _POSSESSIVE.search(words[0]):
        words = [w for w in after[: _OBJECT_WORDS + 1] if w.casefold() not in _DETERMINERS][1:]
    return not any(word.casefold() in _POINTING_BACK for word in words)


def _by_before(match: re.Match[str]) -> bool:
    """Whether only the names before a cue can play its role: a role that a name acts as ("the
    World Bank serves as trustee of the Fund"), a verb in the infinitive followed by the name
    of what is done ("joined forces to launch the X Alliance"), an active verb, or a
    participle joined to a name ("EU-funded")."""
    if _AS_ROLE.search(match.string, 0, match.start()):
        return True
    if _INFINITIVE.search(match.string, 0, match.start()):
        return _names_its_object(match)
    return _is_verb_of_doers_before(match)


def _is_the_part(role: Role, match: re.Match[str]) -> bool:
    """Whether a cue is the part that the name before it is: "A, the body that oversees the
    corridor, is the executing agency and will report to B". Not what the subject is, whose
    players follow ("X is a joint initiative of A and B"), nor a participle ("X is a campaign
    launched by A"), nor a part whose players follow ("the budget is a grant from A")."""
    if role is Role.PARTNER or _SOURCE_AFTER.match(match.string, match.end()) is not None:
        return False
    # "A was trustee of the Fund": a post after "is", even with no article.
    if _PREDICATE.fullmatch(match.group().casefold()) and PASSIVE_BEFORE.search(
        match.string, 0, match.start()
    ):
        return True
    return (
        _IS_ROLE.search(match.string, 0, match.start()) is not None
        and _PARTICIPLE_CUE.search(match.group()) is None
    )


def _in_the_part(role: Role, group: list[Mention], match: re.Match[str]) -> bool:
    """Whether names stand inside the words of the part that the names before them are or act
    as: "GEF" in "UNEP is the GEF agency for SBRI" or "UNDP acted as GEF agency" says whose
    kind of agency they are."""
    phrase = _AS_ROLE.search(match.string, 0, match.start())
    if phrase is None and _is_the_part(role, match):
        phrase = _IS_ROLE.search(match.string, 0, match.start())
    return phrase is not None and group[0].start >= phrase.start()


# A source named after the cue: "most of the budget is a grant from A" names who gives it.
_SOURCE_AFTER = re.compile(r"\s+(?:from|by)\b")


def _is_verb_of_doers_before(match: re.Match[str]) -> bool:
    """Whether a cue is a verb whose doers come before it and its object after it: "A runs",
    "A is financing X", "an EU-funded", "A and B joined forces to launch", "A formally created
    X" (a verb in the past right after a name, with no "by" after it); not a role they act
    as."""
    written = match.group().casefold()
    return (
        written in _ACTIVE_VERBS
        or _is_progressive(match)
        or any(
            pattern.search(match.string, 0, match.start()) is not None
            for pattern in (_JOINED_TO_NAME, _INFINITIVE)
        )
        or (
            written.endswith("ed")
            and _NAME_RIGHT_BEFORE.search(
                match.string, max(0, match.start() - _NAME_REACH), match.start()
            )
            is not None
            and _BY_IN_CLAUSE.match(match.string, match.end()) is None
        )
    )


def _is_progressive(match: re.Match[str]) -> bool:
    """Whether a cue is a verb in the progressive: "A is financing X", "B has been
    implementing it"."""
    return match.group().casefold().endswith("ing") and (
        _PROGRESSIVE.search(match.string, max(0, match.start() - _NAME_REACH), match.start())
        is not None
    )


# A name that ends right before a word, maybe past an adverb: "(ECOSOC) formally", "UNODC";
# looked for in the characters just before the word, not in the whole sentence before it.
_NAME_REACH = 80
_NAME_RIGHT_BEFORE = re.compile(r"(?:\b[A-Z][\w&'’-]*|\))\s+(?:[a-z]+ly\s+)?$")
# A "by" and a name later in a verb's clause, before its next comma: "launched in 2008 by A",
# not "created by a resolution".
_BY_IN_CLAUSE = re.compile(r"[^,;:.]{0,60}?\b[Bb]y\s+(?:the\s+)?[A-Z]")


def _names_its_object(match: re.Match[str]) -> bool:
    """Whether a cue is followed right away by the name of what is done, its object: "to form
    the Global Peatlands Initiative"; not "to create the Programme: A, B and C"."""
    runs = _runs(match.string, match.end())
    if not runs or _OBJECT_GAP.fullmatch(match.string, match.end(), runs[0].start()) is None:
        return False
    name = runs[0].group()
    # "the Programme" only points back; a name has a word of its own.
    return is_undertaking(name) and any(w.casefold() not in UNDERTAKING_WORDS for w in name.split())


# "members of X are", "the donors of X include", "funding for X comes from": the names come
# after the verb.
_OF_THEN_LIST = re.compile(
    r"\s+(?:of|for|to)\s+[^,.;:]{1,80}?\s+(?:is|was|are|were|include|includes|included|comprise|"
    r"comprises|(?:comes?|came)\s+(?:\w+ly\s+)?from)\b",
    re.IGNORECASE,
)
# "a collaborative effort of A and B", "a partnership between A and B": a joint undertaking of
# the names after it, whatever stands before.
_JOINT_NOUNS = frozenset(
    "collaborative collaboration cooperation co-operation partnership joint".split()
)
_JOINT_OF = re.compile(r"(?:\s+[\w-]+)?\s+(?:of|between|among)\b", re.I)


# What something started with, right before a cue of money: "It began in 2010 with money
# from A", "launched with an initial grant from A".
_BEGAN_WITH = re.compile(
    r"\b(?:began|begun|started|launched|set\s+up|created|founded)\b(?:\s+in\s+\d{4})?"
    r"\s+with\s+(?:an?\s+|the\s+|its\s+)?(?:initial\s+|first\s+|seed\s+)?$",
    re.IGNORECASE,
)
# A sentence that opens with a place or an event: "In Niger, …", "At the summit, …".
_PLACE_OPENING = re.compile(r"^\s*(?:in|at|during)\s+(?:the\s+)?$", re.IGNORECASE)
# A place or an event right before a name: "at", "in", "during", "on the margins of"; a country
# after its city is where too: "headquartered in Nairobi, Kenya".
_PLACE_BEFORE = re.compile(
    r"\b(?:at|in|during|on\s+the\s+(?:margins|sidelines)\s+of)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2},\s+)?$",
    re.IGNORECASE,
)
# What money goes through, named after "through": "paid for through the Trust Fund".
_THROUGH = re.compile(r"\bthrough\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_ON_BEHALF = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+)?$", re.I)
# Words that open a clause of their own between names and a cue after them.
_CLAUSE_OPENER = re.compile(r"\b(?:where|when|whereas|while|although|though)\b", re.I)
# A cue that is the noun of a "with" after the names: "set up by A together with bilateral
# donors" names others than A; not "A, with other donors", nor a list of "with"s ("with A, with
# B and with academic partners"), nor a verb after the companions ("with B to form X").
_WITH_CUE = re.compile(
    r"(?<!\band\s)(?<!,\s)\bwith\s+(?:(?!(?:other|fellow|to|and|or)\b)[a-z-]+\s+){0,3}$"
)
# "which the" or "that" right before the names that open a relative clause, and the words
# between those names and their verb.
_WHICH_BEFORE = re.compile(r"\b(?:which|that|whom)\s+(?:the\s+)?$")
_BEFORE_ITS_VERB = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+|now\s+)?")
# Words that join two cues that share their names: "funded and implemented by A".
_COORDINATED = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:\w+ly\s+)?$", re.IGNORECASE)


def _agent_cues(sentence: str, cues: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where the cues of a sentence with their agent after them are ("hosted by", "funding
    from"); not an adverb ("jointly by")."""
    return [
        match.span()
        for match in cues
        if not match.group().casefold().endswith("ly") and _AGENT_AFTER.match(sentence, match.end())
    ]


def _taken_by_another(
    sentence: str, cue: re.Match[str], group: list[Mention], agents: list[tuple[int, int]]
) -> bool:
    """Whether the names after a cue are the agents of another cue between them: in "the
    secretariat has been hosted by A", A hosts the secretariat and is no secretariat; in
    "funded and implemented by A", A does both."""
    if group[0].start < cue.end():
        return False
    return any(
        cue.end() <= start
        and end <= group[0].start
        and not _COORDINATED.fullmatch(sentence, cue.end(), start)
        for start, end in agents
    )


def _doers_of_a_relative(
    sentence: str, cue: re.Match[str], group: list[Mention], starts: list[int]
) -> bool:
    """Whether the names after a cue do what another cue says in a relative clause they open:
    in "Donor money is pooled in the Fund, which the MPTF Office administers", the Office
    administers the Fund and gives no money."""
    if group[0].start < cue.end() or not _WHICH_BEFORE.search(sentence, cue.end(), group[0].start):
        return False
    return any(_BEFORE_ITS_VERB.fullmatch(sentence, group[-1].end, start) for start in starts)


def _by_after(sentence: str, match: re.Match[str]) -> bool:
    """Whether only the names after a cue can play its role."""
    written = match.group().casefold()
    if written in _JOINT_NOUNS and _JOINT_OF.match(sentence, match.end()):
        return True
    if _PARTNERS_AFTER.match(sentence, match.end()) and any(
        cue.role is Role.PARTNER and pattern.fullmatch(written) for cue, pattern in _CUE_PATTERNS
    ):
        return True
    return (
        written.endswith((" by", " of"))
        or bool(_AGENT_AFTER.match(sentence, match.end()))
        # "X is funded by A"; not "A is in charge of X", "A is responsible for X", whose doer
        # is the subject of "is".
        or (
            bool(PASSIVE_BEFORE.search(sentence, 0, match.start()))
            and _PREDICATE.fullmatch(written) is None
            and not _is_progressive(match)
        )
        # "X launched in 2008 by A": a participle's agent comes later in its clause.
        or (written.endswith("ed") and bool(_BY_IN_CLAUSE.match(sentence, match.end())))
    )


# What comes between a cue and names that are the next items of the same enumeration, not the
# ones it describes: its noun and a comma ("founding countries, Spain").
_NOUN_THEN_COMMA = re.compile(r"\s*[a-z]+\s*,\s*")


def _next_items(sentence: str, cue: re.Match[str], group: list[Mention]) -> bool:
    """Whether a cue is part of one item of an enumeration and the names after it are the items
    that follow: "12 voting members: the five founding countries, Spain, the Republic of Korea"
    does not say that Spain founded anything. The item starts right after a colon or a comma,
    with a few words at most before the cue ("the five")."""
    before = sentence[: cue.start()]
    opener = max(before.rfind(":"), before.rfind(","), before.rfind(";"))
    if opener < 0 or len(before[opener + 1 :].split()) > 3 or group[0].start < cue.end():
        return False
    return _NOUN_THEN_COMMA.fullmatch(sentence, cue.end(), group[0].start) is not None


def _with_leader(
    groups: list[list[Mention]], sentence: str, cue: re.Match[str], group: list[Mention]
) -> list[Mention]:
    """The names a cue claims, with the name before it that those after it follow: in "A has
    been the largest contributor, followed by B and C", A, B and C contribute."""
    if group[0].start < cue.end() or not FOLLOWED.search(sentence, cue.end(), group[0].start):
        return group
    before = [g for g in groups if g[-1].end <= cue.start()]
    if not before or (cue.start() - before[-1][-1].end) > _REACH:
        return group
    return before[-1] + group


def _other_clause(sentence: str, group: list[Mention], cue: re.Match[str]) -> bool:
    """Whether names before a cue are in another clause, which a word that opens one comes
    between ("co-hosted by A and B, where donors pledged US$ 4 billion" says nothing of what A
    and B gave), or whether the cue names their companions ("A together with bilateral
    donors")."""
    if group[-1].end > cue.start():
        return False
    between = sentence[group[-1].end : cue.start()]
    return bool(_CLAUSE_OPENER.search(between) or _WITH_CUE.search(between))


def _channel(sentence: str, group: list[Mention]) -> bool:
    """Whether names of a cue of paying are what the money goes through, not who gives it:
    "paid for through the Trust Fund to Support …", "financed through its Global Europe
    instrument", "Norway, through its Climate and Forest Initiative, put up the largest
    share of the contributions"."""
    return goes_through(sentence, group[0].start)


def goes_through(sentence: str, start: int) -> bool:
    """Whether the name that starts at ``start`` is what money or work goes through: "Sweden,
    through Sida, financed …"."""
    return _THROUGH.search(sentence, 0, start) is not None


def _principal(sentence: str, group: list[Mention]) -> bool:
    """Whether names are those for whom others play the part: "managed on behalf of SDC by
    ACCA", "GIZ, on behalf of BMZ, advises". Their money pays, though: "KOICA, on behalf of
    the Government of Korea, finances" names two funders."""
    return bool(_ON_BEHALF.search(sentence, 0, group[0].start))


def _where(sentence: str, group: list[Mention], cue: re.Match[str]) -> bool:
    """Whether names after a cue say where or at what it happened, not who played a part:
    "launched in New York, on the margins of the UN General Assembly", "launched at the World
    Health Assembly", "implemented in Kenya", "In Kenya, the project is run by …". Hosting is
    said so: "hosted at the World Bank"; and a body's office is no place: "coordination sits
    in the FAO office in Lima"."""
    # Before the cue, where the sentence opens with the place: "In Côte d'Ivoire, the council
    # has created a budget line" ("housed at A, which remains a partner" is A's part).
    if group[0].start >= cue.end():
        place = _PLACE_BEFORE.search(sentence, cue.end(), group[0].start)
    else:
        place = _PLACE_OPENING.match(sentence[: group[0].start])
    # "Programme secretariat: Almaty, Kazakhstan": a country after a city is an address.
    city = _CITY_BEFORE.search(sentence, 0, group[0].start)
    address = (
        len(group) == 1
        and is_country(group[0].name)
        and city is not None
        and not is_organisation_word(city.group(1))
        and _NAME_WORD_BEFORE.search(sentence, 0, city.start(1)) is None
    )
    return (
        bool(place or address)
        # "sits in the FAO office", "in the ILO Country Office": the office's body plays it.
        and not any(at_office(sentence, mention) for mention in group)
    )


# A city and a comma, right before a name ("Almaty, "): a capitalized word that no other
# capitalized word but "The" comes before ("The Hague, "; not "the Global Fund, ").
_CITY_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+),\s*$")
_NAME_WORD_BEFORE = re.compile(r"(?<!\w)(?!The\s)[A-Z][\w'’-]*\s+$")


# Where a cell of a table row begins, in a passage of a row (cells joined by " | ").
_CELL_START = re.compile(r"\s\|\s+$")


def _in_later_cell(sentence: str, cue: re.Match[str], groups: list[list[Mention]]) -> bool:
    """Whether a cue is in a table row's cell after the first, with no name before it in its
    cell: "RCLS | Kyrgyzstan | Hosts the CARWatch secretariat", "A | Barbados | Hosts the
    network secretariat" (the cell tells what the row's body does, not the country's)."""
    cell = sentence.rfind(" | ", 0, cue.start())
    return cell >= 0 and not any(cell < g[0].start < cue.start() for g in groups)


def _row_head(groups: list[list[Mention]], sentence: str, end: int) -> list[Mention] | None:
    """The names that make up a table row's first cell, before ``end``; None when that cell
    names no organisation."""
    if not groups:
        return None
    first = groups[0]
    opens_row = not sentence[: first[0].start].strip()
    in_first_cell = " | " not in sentence[: first[-1].end]
    if not (opens_row and in_first_cell and first[-1].end < end):
        return None
    # "High Commission for Planning (HCP), Morocco": a body's country after it is where it is.
    if (
        len(first) > 1
        and is_country(first[-1].name)
        and not is_country(first[-2].name)
        and sentence[first[-2].end : first[-1].start] == ", "
    ):
        return first[:-1]
    return first


def _nearest(
    groups: list[list[Mention]], start: int, end: int, after_only: bool, before_only: bool
) -> tuple[list[Mention], int] | None:
    scored = []
    for group in groups:
        if group[0].start >= end:
            if before_only:
                continue
            distance = group[0].start - end
        elif after_only:
            continue
        elif group[-1].end <= start:
            distance = int((start - group[-1].end) * _BEFORE_CUE)
        else:
            distance = 0
        if distance <= _REACH:
            scored.append((distance, group))
    if not scored:
        return None
    distance, group = min(scored, key=lambda pair: pair[0])
    return group, distance
