"""Role claims read from a passage's text: every cue of a role (``roles``) with the list of
organisations nearest to it, organisations joined by dashes before what they do together,
and the names whose part the text's shape says (``lists_in_turn``). The index stores them
(``roles.encode``); questions read them back (``roles.decode``)."""

from __future__ import annotations

import re

from corpus.acronyms import is_acronym
from retrieval.cue_players import (
    AS_ROLE,
    IS_ROLE,
    NO_OBJECT,
    acts_on_something_else,
    agent_cues,
    by_after,
    by_before,
    doers_of_a_relative,
    first_cell_names,
    in_later_cell,
    in_other_clause,
    in_the_part,
    is_the_part,
    is_verb_of_doers_before,
    names_a_channel,
    names_a_place,
    names_a_principal,
    nearest,
    next_items,
    taken_by_another,
    with_leader,
)
from retrieval.lists_in_turn import (
    announced_in_turn,
    joined_after,
    named_after_colon,
    under_heading,
    with_companions,
)
from retrieval.name_lists import clause_spans, name_groups, players, units_joined
from retrieval.organisations import (
    LIST_JOIN,
    Mention,
    descriptions,
    is_country,
    mentions_organisation,
)
from retrieval.roles import (
    _CUE_PATTERNS,
    _CUES,
    CURRENCY,
    Claim,
    Role,
    for_what_after,
    money_given_before,
    source_after,
    tells_of_the_past,
)
from retrieval.undertakings import (
    ARTICLE_START,
    PARTS_OF_WORK,
    UNDERTAKING_WORDS,
    is_undertaking,
    name_runs,
    split_undertakings,
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

# A label ends at a colon or a bar a few words after its cue: "Funded by: A", "Main donors | A".
_LABEL_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}\s*[:|]")
# What may stand between "comes from" and its givers: "two sources: ", "the".
_GIVERS_GAP = re.compile(r"(?:[\w\s-]{0,40}:\s+)?(?:the\s+)?")
# "members of X are", "the donors of X include", "funding for X comes from": the names come
# after the verb.
_OF_THEN_LIST = re.compile(
    r"\s+(?:of|for|to)\s+[^,.;:]{1,80}?\s+(?:is|was|are|were|include|includes|included|comprise|"
    r"comprises|(?:comes?|came)\s+(?:\w+ly\s+)?from)\b",
    re.IGNORECASE,
)
# What something started with, right before a cue of money: "It began in 2010 with money
# from A", "launched with an initial grant from A".
_BEGAN_WITH = re.compile(
    r"\b(?:began|begun|started|launched|set\s+up|created|founded)\b(?:\s+in\s+\d{4})?"
    r"\s+with\s+(?:an?\s+|the\s+|its\s+)?(?:initial\s+|first\s+|seed\s+)?$",
    re.IGNORECASE,
)
_WITH_AFTER_VERB = re.compile(r"\s+(?:together\s+|jointly\s+)?with\s+")
# Where a cell of a table row begins, in a passage of a row (cells joined by " | ").
_CELL_START = re.compile(r"\s\|\s+$")
# A verb whose object is what a relative pronoun before its doers stands for: "X, which WFP
# runs with UNICEF, …".
_RELATIVE_BEFORE = re.compile(
    r"\b(which|that)\s+(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){1,8}(?:[a-z]+ly\s+)?$"
)


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
        agents = agent_cues(sentence, [match for _, _, match in cues])
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
                is_the_part(cue.role, match) or AS_ROLE.search(sentence, 0, match.start())
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
                AS_ROLE.search(sentence, 0, match.start())
                or (
                    IS_ROLE.search(sentence, 0, match.start())
                    and not is_undertaking(sentence[match.start() : labelled.end()])
                )
            )
            # "Most of the money for Phase III comes from A": A, right after "from" or after
            # what "from" counts ("comes from two sources: A, B").
            source = source_after(match)
            best = nearest(
                [
                    g
                    for g in groups
                    if (source is None or _GIVERS_GAP.fullmatch(sentence, source, g[0].start))
                    and not in_other_clause(sentence, g, match)
                    and not (cue.role is not Role.FUND and names_a_principal(sentence, g))
                    and not (cue.role is Role.FUND and names_a_channel(sentence, g))
                    and not (cue.role is not Role.HOST and names_a_place(sentence, g, match))
                    and not in_the_part(cue.role, g, match)
                ],
                match.start(),
                listed.end() if listed else match.end(),
                listed is not None or label or by_after(sentence, match),
                by_before(match)
                or is_the_part(cue.role, match)
                or (listed is None and for_what_after(cue.role, match))
                or (source is None and money_given_before(match)),
            )
            # A part the subject of "is" is, however long what the sentence says of the subject
            # first: "CORAF (West and Central African Council …), based in Dakar, is the
            # executing agency".
            if best is None and groups and is_the_part(cue.role, match):
                opening = groups[0]
                if not ARTICLE_START.sub("", sentence[: opening[0].start]).strip():
                    best = (opening, 0)
            # A cue in a cell after the first, with no name before it in that cell, is the
            # row's organisation's, never the place beside it: "RCLS | Kyrgyzstan | Hosts the
            # CARWatch secretariat", "FCCBM | Mali | National partner". Where no organisation
            # heads the row, a cell that opens with the cue names no one; but "Secretariat |
            # Hosted by WMO" names its own.
            if in_later_cell(sentence, match, groups) and not by_after(sentence, match):
                row_head = first_cell_names(groups, sentence, match.start())
                if row_head is not None:
                    best = (row_head, 0)
                elif _CELL_START.search(sentence, 0, match.start()):
                    best = None
            # "moved to A" names where it went right after "to": in "moved to Mahajanga, on
            # the coast of Madagascar", no body hosts it, nor one before the cue.
            if (
                best is not None
                and written.casefold().endswith(" to")
                and (
                    best[0][0].start < match.end()
                    or sentence[match.end() : best[0][0].start].strip() not in ("", "the")
                )
            ):
                continue
            if best is None or next_items(sentence, match, best[0]):
                continue
            if taken_by_another(sentence, match, best[0], agents):
                continue
            if doers_of_a_relative(sentence, match, best[0], starts):
                continue
            # "X, which WFP runs with UNICEF": X is what they run, and the doers are those
            # between "which" and the verb.
            active = is_verb_of_doers_before(match)
            relative = _RELATIVE_BEFORE.search(sentence, 0, match.start()) if active else None
            if relative is None and active and acts_on_something_else(sentence, match.end()):
                continue
            if relative is not None and best[0][0].start < relative.end(1):
                continue
            group, distance = best
            if counted is not None and match.start() < counted[0].start:
                group = counted  # the doers, counted before the cue, are named after the colon
            group = with_companions(groups, sentence, with_leader(groups, sentence, match, group))
            if relative is not None:
                group = _with_companions_after(groups, sentence, match, group)
            if group[0].start >= match.end():
                group = joined_after(groups, sentence, group, _SECOND_BY)
            elif cue.role is Role.FUND:
                group = _with_gapped_payers(groups, sentence, match, group)
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
                between = name_runs(sentence, match.end(), listed.end())
                about = split_undertakings(between[0].group()) if between else about
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
        before = name_runs(sentence, 0, cue.start())
        # "the Sahel Resilience Scale-Up, a joint programme of A and B": what the names take
        # part in is said to be a programme, whatever its name's words.
        if before and _SAID_UNDERTAKING.fullmatch(sentence, before[-1].end(), group[0].start):
            return (before[-1].group(),)
        runs = [r for r in before if is_undertaking(r.group())]
        if runs:
            return split_undertakings(runs[-1].group())
        # "Inclusive Schools Rangpur – funded by A", an item of a box of other programmes: a
        # name that the line opens with, set off by a dash, is what the cue says it of.
        opening = name_runs(sentence, 0, cue.start())
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
            [r for r in name_runs(sentence, opens.end()) if is_undertaking(r.group())]
            if opens
            else []
        )
        return (
            split_undertakings(runs[0].group()) if runs and runs[0].start() == opens.end() else ()
        )
    following = re.match(r"\W*([\w'’-]+)", sentence[cue.end() :])
    if following and following.group(1).casefold() in NO_OBJECT:
        return ()  # "that A finances and B implements": what it acts on came before
    # Within the cue's clause: in "a grant for the facility, and UNEP, acting as the GEF
    # Agency, supervises it", UNEP opens a clause of its own.
    clause = _NEXT_CLAUSE.search(sentence, cue.end())
    end = clause.start() if clause else len(sentence)
    runs = [r for r in name_runs(sentence, cue.end(), end) if is_undertaking(r.group())]
    return split_undertakings(runs[0].group()) if runs else ()


# Where the clause after a cue ends and another begins: ", and A", "; B".
_NEXT_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;")


def _with_companions_after(
    groups: list[list[Mention]], sentence: str, cue: re.Match[str], group: list[Mention]
) -> list[Mention]:
    """The doers of a verb with those it says they do it with: "which WFP runs with UNICEF"."""
    joined = _WITH_AFTER_VERB.match(sentence, cue.end())
    after = next((g for g in groups if g[0].start >= cue.end()), None)
    if joined is None or after is None or after[0].start != joined.end():
        return group
    return group + after


# A second "by" that joins more agents to a cue's, past what a clause says of the first: "financed
# by the EU, which has committed EUR 15 million, and by Germany's BMZ".
_SECOND_BY = re.compile(r"(?:,\s*(?:which|who)\s[^;:()]*?)?,?\s+and\s+(?:also\s+)?by\s+")


# An amount right after a name, the verb of giving left out: "…, and the Packard Foundation
# USD 4 million"; and what joins such a name to the list before it.
_AMOUNT_AFTER = re.compile(rf"\s+{CURRENCY}\s?\d")
_NEXT_ITEM = re.compile(rf"{LIST_JOIN.pattern}$")


def _with_gapped_payers(
    groups: list[list[Mention]], sentence: str, cue: re.Match[str], group: list[Mention]
) -> list[Mention]:
    """The payers named before a verb of giving, with those the sentence goes on to list with
    an amount each and the verb left out: "Australia has added AUD 20 million, and the David
    and Lucile Packard Foundation USD 4 million"."""
    gapped = [
        g
        for g in groups
        if g[0].start > cue.end()
        and _AMOUNT_AFTER.match(sentence, g[-1].end)
        and _NEXT_ITEM.search(sentence, cue.end(), g[0].start)
    ]
    return group + [m for g in gapped for m in g]


def _antecedent(sentence: str, end: int) -> tuple[str, ...]:
    """The programme a relative pronoun at ``end`` stands for, named right before it ("the
    Pacific School Meals Partnership, which"); none when that is no programme's name."""
    runs = [r for r in name_runs(sentence, 0, end) if is_undertaking(r.group())]
    if runs and not sentence[runs[-1].end() : end].strip(" ,"):
        return split_undertakings(runs[-1].group())
    return ()


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
