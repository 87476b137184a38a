"""What kind of question a text is: who runs something, a follow-up, a request for more; and
the names a question's words make ("the global fund")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set

from retrieval.organisations import is_organisation_word
from retrieval.relations.kinds import Kind, kind_of
from retrieval.roles import Role, said_role
from retrieval.tokenizing import STOPWORDS, WORD, Token, load_words, normalize, stem
from retrieval.undertakings import UNDERTAKING_WORDS, WORK_PARTS

_ASKERS = frozenset({"who", "whom", "whose", "which", "what", "list", "name", "names"})
_ASKED_NOUNS = frozenset(
    "agency agencies org orgs organisation organisations organization organizations body bodies "
    "entity entities institution institutions group groups party parties actor actors "
    "stakeholder stakeholders partner partners member members participant participants ngo ngos "
    "charity charities university universities".split()
)
_RUN_VERBS = frozenset(
    "run runs running ran implement implements implementing implemented manage manages managed "
    "managing lead leads leading led operate operates operated operating coordinate coordinates "
    "coordinated coordinating behind charge responsible participate participates participating "
    "involved part join joins joined fund funds funded sponsor sponsors sponsored back backs "
    "backed deliver delivers delivered oversee oversees overseen head heads headed comprise "
    "comprises make makes form forms members member partners partner participants "
    "implementers".split()
)
# Words of paying: like "fund" above they shape a who-question about funders ("who pays for X",
# "who finances X", "X's donors") rather than name its topic.
_PAYING = frozenset(
    "pay pays paid paying finance finances financed financing donor donors funder funders".split()
)
QUESTION_WORDS = load_words("question_words.txt") | _ASKED_NOUNS | _RUN_VERBS | _PAYING
# Words that make a question about who takes part in, or pays for, something on their own:
# "members of X", "X's donors".
_MEMBERSHIP_STEMS = frozenset(
    stem(w)
    for w in ("members", "partners", "participants", "implementers", "donors", "funders", "lenders")
)
_WHO = frozenset({"who", "whom", "whose"})
_WHO_FORMS = _WHO | {"whos"}  # "who's", its apostrophe dropped
# What "which …" or "what …" asks for when it asks for names: the asked nouns, and these.
_NAMED_AFTER_WHICH = _ASKED_NOUNS | frozenset(
    "implementer implementers country countries government governments donor donors funder "
    "funders".split()
)
# Kinds of bodies that "which" asks for by name ("which international lender co-finances X",
# "which bank lends the money"), though a question naming one elsewhere asks no such thing
# ("what does the world bank fund").
_KINDS_AFTER_WHICH = frozenset(
    "lender lenders financier financiers sponsor sponsors bank banks company companies firm "
    "firms foundation foundations ministry ministries fund funds".split()
)
# Words of being hosted: "where is X hosted" asks who hosts it.
_HOSTED = frozenset("hosted housed".split())
_WHO_IS_IN = re.compile(r"\bwho(?:'s|s| is| are| was| were)\s+(?:in|on|inside|within|part\s+of)\b")
_ASKED_NOUN_STEMS = frozenset(stem(word) for word in _NAMED_AFTER_WHICH)
_RUN_VERB_STEMS = frozenset(stem(word) for word in _RUN_VERBS | _PAYING)
_MORE = re.compile(
    r"(?:(?:and|ok|okay|please|pls)\s+)*(?:more|next|show\s+more|tell\s+me\s+more|more\s+please|"
    r"any\s*thing\s+else|what\s+else|continue|go\s+on|next\s+passages?|more\s+passages?|"
    r"more\s+results?|next\s+results?)(?:\s+please)?",
)
_FOLLOW_UP = re.compile(
    r"(?:and|also|ok\s+and|okay\s+and|so|then)?\s*(?:what|how)\s+about\s+(?P<a>.+)"
    r"|(?:and|also)\s+(?:for|of|with|in|on)?\s*(?P<b>.+)"
    r"|(?:same|the\s+same)\s+(?:question\s+)?(?:for|about|with)\s+(?P<c>.+)"
    r"|what\s+of\s+(?P<d>.+)",
    re.IGNORECASE,
)
# A follow-up's subject is a short noun phrase, not a question of its own ("and who runs it?").
_FOLLOW_UP_MAX_WORDS = 6
_QUESTION_START = re.compile(
    r"(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|"
    r"will|would|should|has|have|had|whats|whos|hows|wheres|whens)\b",
    re.IGNORECASE,
)
# "the WCO one" → "WCO"; a capital keeps the word in the name: "the Blue Lantern Project".
_SUBJECT_EDGES = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+|\s+(?:one|ones|programme|program|project)$")
_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "this", "that", "these", "those"})


def words(text: str) -> list[str]:
    """Lower-case words of a text, apostrophes normalized."""
    return WORD.findall(normalize(text))


def asks_who_runs(text: str) -> bool:
    """Whether the question asks which organisations run, implement or make up something.

    Words are compared by stem, so "agencys" and "implementing" count.
    """
    if _WHO_IS_IN.search(normalize(text)):
        return True
    stems = {stem(word) for word in words(text)}
    if not stems.isdisjoint(_MEMBERSHIP_STEMS):
        return True
    asks = not stems.isdisjoint(_WHO) or (
        not stems.isdisjoint(_ASKERS) and not stems.isdisjoint(_ASKED_NOUN_STEMS)
    )
    return asks and not stems.isdisjoint(_RUN_VERB_STEMS)


_WH_WORDS = frozenset("who whom whose whos what which when where why how whats".split())
# How far after "which" or "what" the noun may come: "which two UN agencies".
_ASKED_NOUN_REACH = 3


# A bare message that names a post: "executing agency of X", "trustee for X?", "X executing
# agency?": the post's words, singular, at its start before "of" or "for", or at its end.
_POST = (
    r"(?:(?:executing|implementing|lead|coordinating|host|hosting)\s+(?:agency|organi[sz]ation|"
    r"institution|partner|body)|secretariat|trustee|fiscal\s+agent|administrator|host|chair|"
    r"co-?chair|coordinator|fund\s+manager)"
)
_POST_FIRST = re.compile(rf"^\s*(?:the\s+)?{_POST}\s+(?:of|for)\s+\S", re.IGNORECASE)
_POST_LAST = re.compile(rf"\S\s+{_POST}\s*\??\s*$", re.IGNORECASE)


# A task named first and asked after: "procurement for X, who does it?".
_TASK_FIRST = re.compile(
    r"^\s*(?:the\s+)?(?P<task>[a-z][a-z -]{2,40}?)\s+(?P<prep>for|of|in)\s+(?P<rest>.+?)\s*"
    r"[,;:–-]\s*who\s+(?:does|did|handles|handled|is\s+doing|was\s+doing)\s+(?:it|that|this)"
    r"\s*\??\s*$",
    re.IGNORECASE,
)


# The subject and a task named first, asked after: "sajilo pul technical assistance, who did
# it before hbec?".
_TASK_NAMED_FIRST = re.compile(
    r"^\s*(?P<named>[a-z][a-z -]{2,60}?)\s*[,;:–-]\s*who\s+(?P<verb>does|did|handles|handled)"
    r"\s+(?:it|that|this)(?P<tail>\s+(?:before|after|until|since)\s+[^?]+?)?\s*\??\s*$",
    re.IGNORECASE,
)


def as_question(text: str) -> str:
    """A bare message that names a post, asked as the question it means: "executing agency
    of X" and "X executing agency?" ask "who is the executing agency of X"; a task named
    first, "procurement for X, who does it?", asks "who does the procurement for X"; any other
    text as it is."""
    task = _TASK_FIRST.match(text)
    if task is not None:
        return f"who does the {task.group('task')} {task.group('prep')} {task.group('rest')}"
    named = _TASK_NAMED_FIRST.match(text)
    if named is not None:
        return f"who {named.group('verb')} the {named.group('named')}{named.group('tail') or ''}"
    if _POST_FIRST.match(text) or _POST_LAST.search(text):
        said = words(text)
        if said and not _QUESTION_START.match(said[0]) and _WH_WORDS.isdisjoint(said):
            return "who is the " + re.sub(r"^\s*the\s+", "", text, flags=re.IGNORECASE)
    return text


def asks_for_names(text: str) -> bool:
    """Whether a question asks which organisations: "who funds X", "which agencies run X",
    or a bare "X donors"; not "is A a partner of X" or "since when are A and B partners"."""
    said = words(text)
    while said and said[0] in {"and", "so", "ok", "okay", "also", "then", "but"}:
        said = said[1:]
    if not said:
        return False
    if said[0].replace("'", "") in _WHO_FORMS:
        return True
    if said[0] in {"which", "what", "name", "list"}:
        return _asks_which_bodies(said)
    if said[0] == "where" and not _HOSTED.isdisjoint(said):
        return True  # "where was the data platform hosted": by a body, as much as in a town
    if _QUESTION_START.match(said[0]):
        return False  # "is A a partner of X" asks yes or no
    # "crimjust, who runs it?", "pvsc chagas - which bank lends the money": the subject
    # first, then the question.
    for at, word in enumerate(said[1 : 2 + _ASKED_NOUN_REACH], 1):
        if word.replace("'", "") in _WHO_FORMS:
            return True
        if word == "which" and _asks_which_bodies(said[at:]):
            return True
    stems = {stem(w) for w in said}
    return _WH_WORDS.isdisjoint(said) and not stems.isdisjoint(_MEMBERSHIP_STEMS)


def _asks_which_bodies(said: Sequence[str]) -> bool:
    """Whether words that open with "which" or "what" ask for bodies by a noun of them."""
    # Compared as written: "organised" is no organisation.
    nouns = set(said[1 : 1 + _ASKED_NOUN_REACH])
    return not nouns.isdisjoint(_NAMED_AFTER_WHICH | _KINDS_AFTER_WHICH)


# "Who is the head of X": a post that a person holds. Its answer is a name the line cannot
# give, as a line names organisations.
# "What is the name of the X coordinator" asks the same of a post that an office holds too.
_POSTS = (
    r"(?:head|ceo|chief(?:\s+executive)?|(?:executive\s+)?director(?:[\s-]general)?|president|"
    r"chairman|chairwoman|chairperson|secretary[\s-]general|executive\s+secretary|leader|boss)"
)
_PERSON_ASKED = re.compile(
    r"\bwho(?:'s|s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|(?:[\w.-]+\s+){0,3}?[\w.-]+'s\s+)?"
    rf"(?:current\s+|new\s+|present\s+)?{_POSTS}s?\b"
    r"|\bname\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.-]+\s+){0,4}?"
    rf"(?:{_POSTS}|coordinator|manager|(?:co-?)?chair)\b",
    re.IGNORECASE,
)


def asks_for_a_person(text: str) -> bool:
    """Whether a question asks who holds a post: "who is the head of X", "who's the CEO",
    "what is the name of the X coordinator"."""
    return bool(_PERSON_ASKED.search(normalize(text)))


# "Who are the observers of X": the noun of a part, whatever the part.
_PART_ASKED = re.compile(
    r"^\s*who(?:'s|s|\s+is|\s+are|\s+was|\s+were)\s+(?:the|its|their)\s+"
    r"((?:[\w-]+\s+)?[\w-]+)\s+(?:of|in|for|at|on|to)\b",
    re.IGNORECASE,
)


def asks_for_an_unread_part(text: str) -> bool:
    """Whether a question asks who plays a part that no cue reads ("who are the observers of
    X", "who are the auditors of X"): a line of another part would name the wrong ones."""
    asked = _PART_ASKED.match(text)
    if asked is None:
        return False
    part = asked.group(1)
    # A word of paying is read as one ("who are the lenders for X": who funds it).
    return (
        said_role(part) is None
        and kind_of(part) is not Kind.FUNDING
        and not asks_for_names(f"which {part.split()[-1]}")
    )


# "who leads the 2nd component of X", "who does the seed certification part of X": a part of
# what the question names, as a noun of a part with its describing words before "of", "in" or
# "for".
_PART_OF = re.compile(r"\b(?:the|its|their)\s+((?:[\w-]+\s+){0,3}?)([a-z]+)\s+(?:of|in|for)\b")
# Events of a programme, which their own sponsors or hosts pay for or hold: "who sponsored the
# bohicon launch of X" asks about the launch, not about who funds X.
_EVENTS = frozenset(
    "launch ceremony conference workshop summit forum festival event meeting fair exhibition "
    "week".split()
)
# Parts of a programme's work, not bodies: a board or a unit is often said to be chaired or
# hosted in a sentence that names it no more.
_PARTS = (
    WORK_PARTS
    | frozenset(
        "part parts phase phases stage stages module modules track tracks workstream pilot "
        "workstreams".split()
    )
    | _EVENTS
)
# Nouns of a part that say which part only with the words before them: "the prison part".
_VAGUE_PARTS = frozenset("part parts strand strands".split())


# A numbered part a question asks about: "phase 3 of X", "the second phase", "round 5",
# "component II"; and the ways a page may number it.
_NUMBERED_PARTS = "phase|stage|round|component|pillar|window|cycle|tranche"
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth").split()
_ROMAN = ("i ii iii iv v vi vii viii ix x").split()
_PART_NUMBER = re.compile(
    rf"\b(?:({_NUMBERED_PARTS})\s+(\d{{1,2}}|{'|'.join(_ROMAN)})|"
    rf"({'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+({_NUMBERED_PARTS}))\b",
    re.IGNORECASE,
)


def numbered_part(text: str) -> tuple[str, int] | None:
    """The numbered part a text speaks of first, as its noun and number: ("phase", 3) for
    "phase 3 of X", "Phase III" or "the third phase"."""
    found = _PART_NUMBER.search(text)
    return _part(found) if found else None


def numbered_parts(text: str) -> set[tuple[str, int]]:
    """Every numbered part a text speaks of (``numbered_part``)."""
    return {_part(found) for found in _PART_NUMBER.finditer(text)}


def _part(found: re.Match[str]) -> tuple[str, int]:
    """A numbered part as its noun and number, from a match of ``_PART_NUMBER``."""
    noun = (found.group(1) or found.group(4)).casefold()
    number = (found.group(2) or found.group(3)).casefold()
    if number.isdigit():
        return noun, int(number)
    if number in _ROMAN:
        return noun, _ROMAN.index(number) + 1
    if number in _ORDINALS:
        return noun, _ORDINALS.index(number) + 1
    return noun, int(re.sub(r"\D", "", number))


# A year a question asks about: "who funded X in 2024"; not "before 2022", which asks about
# the years before it.
_YEAR_ASKED = re.compile(r"\b(?:in|during)\s+((?:19|20)\d\d)\b")


# A year a question asks what will come after: "will X be extended after 2028". Not "did X
# continue after 2022", which a page answers with what it did ("extended beyond the
# tournament").
_AFTER_YEAR = re.compile(r"\b(?:after|beyond|past)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|won't|going\s+to|gonna|planned|plans?)\b", re.IGNORECASE)


def asked_after(text: str) -> int | None:
    """The year a question asks what will come after, or None: 2028 for "will X go on after
    2028"."""
    found = _AFTER_YEAR.search(text)
    return int(found.group(1)) if found and _FUTURE.search(text) else None


def asked_years(text: str) -> tuple[str, ...]:
    """The years a question asks about, as index terms: ("2024",) for "who funded X in
    2024"."""
    return tuple(_YEAR_ASKED.findall(text))


def asked_part(text: str) -> tuple[str, ...]:
    """The stems a passage must hold to speak of the part of something that a question asks
    about: "compon" for "who leads the 2nd component of X", "prison" for "the prison part of
    X"; none when it asks of no part."""
    normal = normalize(text)
    found_object = _OBJECT_OF.match(normal)
    if found_object is not None and _is_object(found_object.group(1)):
        return (stem(found_object.group(1)),)
    for found in _PART_OF.finditer(normal):
        noun = found.group(2)
        if noun not in _PARTS:
            continue
        if noun not in _VAGUE_PARTS:
            return (stem(noun),)
        described = [w for w in found.group(1).split() if w not in STOPWORDS and w.isalpha()]
        return tuple(stem(w) for w in described)
    return ()


# "who runs the training courses for X", "who pays the salaries of X": what the question's verb
# is done to, a thing of X's rather than X, as the noun before "of", "in" or "for" ("who are the
# observers of X" asks for a part played, ``asks_for_an_unread_part``).
_OBJECT_OF = re.compile(
    r"^\s*(?:who|which\s+[a-z-]+)\s+(?!(?:is|are|was|were)\b)[a-z-]+\s+(?:the|its|their)\s+"
    r"(?:[\w-]+\s+){0,3}?"
    r"([a-z]+)\s+(?:of|in|for)\b"
)
# Objects fewer letters long are seldom things ("the one", "the way").
_MIN_OBJECT_LETTERS = 4


def _is_object(noun: str) -> bool:
    """Whether the noun a question's verb is done to is a thing of what it asks about: not a
    body ("the secretariat of X" is hosted where X is), nor what X is ("the programme"), nor a
    part played ("the partners of X"), nor a word that shapes questions."""
    return (
        len(noun) >= _MIN_OBJECT_LETTERS
        and noun not in STOPWORDS
        and noun not in QUESTION_WORDS
        and not is_organisation_word(noun)
        and noun not in UNDERTAKING_WORDS
        and said_role(noun) is None
    )


# "who buys the vaccines in X", "which un agencies deliver X": a question whose verb, after
# "who" or after the kind of body asked for, is an activity, not a part played.
_BODIES_ASKED = "|".join(
    sorted(
        _ASKED_NOUNS
        | _KINDS_AFTER_WHICH
        | {"countries", "country", "governments", "government", "states"}
    )
)
# An adverb between the asker and the verb: "which countries first got help", "who also trains";
# or "used to" before it: "who used to train the staff". Listed: "-ly" also ends verbs
# ("supply", "apply").
_ADVERB = (
    r"(?:(?:first|also|still|now|then|once|already|currently|originally|initially|formerly|"
    r"previously|actually|really|mainly|mostly|jointly|directly|usually|largely|partly|"
    r"used\s+to)\s+)?"
)
_WHO_VERB = re.compile(
    rf"^\s*(?:who|which\s+(?:[a-z-]+\s+){{0,2}}?(?:{_BODIES_ASKED}))\s+{_ADVERB}"
    r"([a-z]+(?:-[a-z]+)?)\b"
)
# "does the gold fingerprinting for", "does forest monitoring and MRV in": an activity by its
# gerund.
_DOING = re.compile(
    r"(?:does|do|did)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?([a-z]+(?<!th)ing)(?:\s+and\s+[a-z-]+)?"
    r"\s+(?:for|of|in|at|on)\b"
)
# A question after its subject: "X, who runs it?", "pika safi smart meters who makes them".
_FRONTED_WHO = re.compile(
    r"\s*[^?]+?[\s,;:–-](who\s+[a-z-]+\s+(?:it|them|this|that|these|those)\s*\??\s*)$"
)
# How many words from a question's verb say what it asks: "gave the seed money".
_VERB_PHRASE_WORDS = 4
# Verbs that only carry the question ("who is", "who does X", "which agency gave the vans":
# a page says donated, supplied or funded), or say that a body is one of the players ("which
# agencies make up X", "form", "belong to").
_CARRYING_VERBS = frozenset(
    "is are was were be been does do did has have had can could will would should may might "
    "get gets got make makes made form forms formed belong belongs belonged compose composes "
    "constitute constitutes give gives gave given giving".split()
)


def asked_verb(text: str) -> str | None:
    """The verb of the activity a who-question asks about ("buys" for "who buys the vaccines
    in X"), when the question names no part played ("who runs X", "who gives money to X" name
    one); None otherwise."""
    normal = normalize(text)
    # "pika safi smart meters, who makes them": the subject first, then the question.
    fronted = _FRONTED_WHO.match(normal)
    if fronted is not None:
        normal = fronted.group(1)
    found = _WHO_VERB.match(normal)
    if found is None:
        return None
    verb = found.group(1)
    # "who does the gold fingerprinting for X" asks who fingerprints.
    doing = _DOING.match(normal, found.start(1))
    if doing is not None:
        verb = doing.group(1)
    # The part the verb's own phrase says ("set up", "takes part", "gave the seed money"),
    # not one the subject's name holds: "who trains the volunteers in the X partnership".
    if verb in _CARRYING_VERBS or verb in STOPWORDS or _says_a_part(normal[found.start(1) :]):
        return None
    return verb


# Words after a noun that end the phrase it heads: "gave the seed money to X".
_PHRASE_ENDS = frozenset("to into towards for of in at on from with and behind via".split())
_DETERMINERS = frozenset("the a an its their his her this that these those".split())


def _says_a_part(phrase: str) -> bool:
    """Whether the first words of a verb's phrase say a part played: the verb with its own
    words ("set up X", "takes part in X"), or the noun that heads its object ("gave the seed
    money to X"), not a word that describes that noun ("audits the RND donor registry" asks
    who audits, not who gives)."""
    said = phrase.split()
    for end in range(1, min(len(said), _VERB_PHRASE_WORDS) + 1):
        if said_role(" ".join(said[:end])) is None:
            continue
        following = said[end] if end < len(said) else None
        verbal = _DETERMINERS.isdisjoint(said[:end])
        if verbal or following is None or following in _PHRASE_ENDS:
            return True
    return False


# Verbs that only say that a task is done, the task being their object: "makes the payments",
# "carries out the audits".
DOING = (
    r"(?:makes?|made|does|do|did|carr(?:y|ies|ied)\s+out|conducts?|conducted|performs?|"
    r"performed|handles?|handled|undertakes?|undertook)"
)
# "who makes the payments for X", "who did the reading assessments for X", "who carries out the
# audits of X": a task asked by its noun, after a verb that only says it is done.
_TASK = re.compile(
    r"^\s*who\s+(?:(?:also|actually|really|now|currently)\s+|used\s+to\s+)?"
    rf"{DOING}\s+"
    r"(?:(?:the\s+|its\s+|their\s+)?(?:[a-z-]+\s+){0,3}?([a-z]{4,})\s+(?:for|of|in|at|on|under)\b"
    # "who did the reefwatch technical assistance before …": what it is done to, named first.
    r"|(?:the|its|their)\s+(?:[a-z-]+\s+){0,3}?([a-z]{4,})"
    r"(?:\s+(?:before|after|until|since)\b|\s*\??\s*$))"
)

# Nouns that say which share of the work, not what it is: "who does the seed certification
# part of X" asks about seed certification.
_NO_TASKS = STOPWORDS | frozenset("part parts work job jobs bit side role share rest most".split())


def asked_task(text: str) -> str | None:
    """The task a who-question asks who does, by its noun, when a verb that only says it is
    done carries it: "payments" for "who makes the payments for X"; None otherwise, and for
    an activity by its gerund ("who does the gold fingerprinting for X" asks a verb)."""
    found = _TASK.match(normalize(text))
    task = None if found is None else found.group(1) or found.group(2)
    if task is None or task.endswith("ing") or task in _NO_TASKS:
        return None
    return task


def role_verb(text: str) -> str | None:
    """The verb of a who-question when it names a post asked about, chairing or hosting
    ("chairs" in "who chairs the X board", "co-chairs"), which says what is asked, not what it
    is asked of. (Verbs of running and paying are question words already; "governs" may
    still name what it is asked of: "the board that governs X".)"""
    found = _WHO_VERB.match(normalize(text))
    if found is None or said_role(found.group(1)) not in _POST_ROLES:
        return None
    return found.group(1)


_POST_ROLES = frozenset({Role.CHAIR, Role.HOST})


# "who was principal recipient of X", "who is the fiscal agent for X", "whos the … for X": the
# post asked about.
_WHO_HOLDS = re.compile(
    r"^\s*(?:who\s+(?:is|was|are|were|has\s+been|had\s+been)|who['’]?s)\s+(?:the\s+|a\s+|an\s+)?"
    r"((?:[a-z-]+\s+){0,2}[a-z-]+)\s+(?:of|for|in|at|to)\s+\S"
)


def asked_post(text: str) -> str | None:
    """The post a who-question asks the holder of, in its words ("principal recipient" of "who
    was principal recipient of X"); None when it asks no post or asks for a person ("who is
    the head of X") or the question's own words shape it ("who is in charge of X")."""
    found = _WHO_HOLDS.match(normalize(text))
    if found is None or asks_for_a_person(text):
        return None
    post = found.group(1)
    if all(word in STOPWORDS or word in QUESTION_WORDS for word in post.split()):
        return None
    return post


def is_more(text: str) -> bool:
    """Whether the message asks for the next passages of the previous answer."""
    return bool(_MORE.fullmatch(" ".join(words(text))))


def follow_up_subject(text: str) -> str | None:
    """The new subject of an elliptical follow-up ("And CRIMJUST?" → "CRIMJUST"), else None."""
    stripped = text.strip().rstrip("?!.").strip()
    match = _FOLLOW_UP.fullmatch(" ".join(stripped.split()), pos=0) if stripped else None
    if match is None:
        return None
    # Keep the user's own spelling and case: the subject goes back into a question.
    subject = next(group for group in match.groups() if group).strip(" ,")
    if len(subject.split()) > _FOLLOW_UP_MAX_WORDS or _QUESTION_START.match(subject):
        return None
    bare = _SUBJECT_EDGES.sub("", subject).strip()
    return bare or subject or None


def refers_back(text: str) -> bool:
    """Whether a question leans on an earlier one through a pronoun ("who runs it?")."""
    return any(word in _PRONOUNS for word in words(text))


def is_question_word(word: str) -> bool:
    """A word that shapes the question rather than naming its topic, or a stopword.

    Compared as written, not by stem: "operate" shapes a question ("who operates X?")
    but "operational" names a topic.
    """
    return word in QUESTION_WORDS or word in STOPWORDS


def runs_of(tokens: Sequence[Token], in_names: Set[int]) -> tuple[tuple[str, ...], ...]:
    """The names, as terms, that the tokens at ``in_names`` belong to: each such token with the
    topic word it follows, "global fund" for "fund"."""
    runs: list[tuple[str, ...]] = []
    for at in sorted(in_names):
        start = at - 1
        while start - 1 in in_names:
            start -= 1
        run = tuple(token.term for token in tokens[start : at + 1])
        if runs and run[: len(runs[-1])] == runs[-1]:
            runs.pop()  # "the lead group fund": one name, its longest run
        runs.append(run)
    return tuple(runs)


def whole_names(
    in_names: Sequence[tuple[str, ...]], held: Set[str], texts: Iterable[Sequence[str]]
) -> set[str]:
    """The terms of ``held`` but those of a name of the question (``Query.in_names``) that none
    of ``texts``, as terms, holds whole, its words in a row: "global" of "the global fund"
    names no part of the Global Programme on Cybercrime, nor "fund" of "funded"."""
    if not in_names:
        return set(held)
    texts = list(texts)
    partial = {
        term
        for name in in_names
        if not any(holds_run(terms, name) for terms in texts)
        for term in name
    }
    return set(held) - partial


def holds_run(terms: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``terms`` hold the terms of ``run`` in a row, in their order."""
    width = len(run)
    return any(tuple(terms[i : i + width]) == tuple(run) for i in range(len(terms) - width + 1))


# The nouns that end a name of a programme or body: "the andean water security programme". A
# plural describes rather than names: "the big investment projects".
_NAME_HEADS = frozenset(
    "programme program project fund facility initiative "
    "partnership alliance commission coalition trust centre center council committee forum "
    "secretariat agency office organization organisation foundation institute board "
    "consortium".split()
)
# The words before such a name: an article, a possessive or a preposition. Words after a verb
# may be no name ("which donors support Project Kestrel", "does norway fund X").
_BEFORE_NAME = frozenset(
    "the a an its their this that of for in to by with about on from at".split()
)
# Prefixes written as words of their own, which say how a name stands to a thing rather than
# name it: "the anti match-fixing coalition" is the coalition against match-fixing.
NAME_PREFIXES = frozenset("anti non pro pre post co multi inter cross sub trans".split())
# At most this many words name a programme before its noun.
_NAME_REACH = 4
_QUESTION_WORD_RUN = re.compile(r"[\w'’-]+")


def named_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where a question calls something by a name of its own: the words before the noun of a
    programme or body, after an article or a preposition ("andean water security" in "who
    funds the andean water security programme"). Question words and stopwords end it, and the
    kind of body asked for is no name ("which un agency")."""
    found = list(_QUESTION_WORD_RUN.finditer(text))

    def spaced(at: int) -> bool:
        """Whether only spaces stand between word ``at`` and the word before it."""
        return not text[found[at - 1].end() : found[at].start()].strip()

    spans = []
    for at, head in enumerate(found):
        if head.group().casefold() not in _NAME_HEADS:
            continue
        start = at
        while (
            start > 0
            and at - start < _NAME_REACH
            and spaced(start)
            and _may_name(found[start - 1].group().casefold())
        ):
            start -= 1
        if 0 < start < at and found[start - 1].group().casefold() in _BEFORE_NAME and spaced(start):
            spans.append((found[start].start(), found[at - 1].end()))
    return tuple(spans)


def _may_name(word: str) -> bool:
    """Whether a question's word may be one of a name's: no stopword, question word or noun of
    a body."""
    return word not in STOPWORDS and word not in QUESTION_WORDS and word not in _NAME_HEADS
