"""Who runs what: organisations named in a passage as running, implementing or making up something.

Nothing here knows a programme or an organisation by name. It reads sentences
such as "the Airport Communication Project (AIRCOP) implemented by the UNODC,
World Customs Organization and INTERPOL", "Implemented jointly by UNODC,
INTERPOL and Transparency International, CRIMJUST gathers ..." or "ICCWC, a
collaborative effort of the CITES Secretariat, INTERPOL, UNODC, the World Bank
and the WCO", and pulls out the subject and the list of names; or, in the active
voice, "A leads the operation, supported by B", "A planned and directed X IV, with
B acting as the coordination unit", and "X operates under the auspices of A and is
implemented by B". Who pays is read the same way: "supported financially by A",
"made possible thanks to a grant from A", "funding for X comes from A", "an
A-funded project", "X has received funding from the Governments of A and B". So
are lists and tables of partners with their roles, where a list's lead-in
("Partners:", "Donors:") says what its items do, and other families of wording:
roles ("A is the programme's main donor", "A serves as the secretariat of X"),
charges ("implementation is entrusted to A", "A is responsible for managing X"),
key facts ("Implementation: entrusted to A", "Funding: B"), and money given
("USD 1.5 billion from A underpins X", "A has committed EUR 8 million").

A wrong name is worse than none, so a verb said of something else than the page's
subject ("EU funding, managed by A", "the earlier programme was run by B", "the
regime overseen by C") gives no relation, and ``denials`` reads what a page says
has no part in its subject ("D has no role in the programme", "E is not a member",
"F does not manage it"), for the answer to leave out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from itertools import pairwise

from corpus.acronyms import is_acronym
from corpus.sentences import sentences

_TOKEN = re.compile(r"[^\W_]+(?:[-'’&.][^\W_]+)*|[^\w\s]")
_CONNECTORS = frozenset({"of", "on", "for", "the", "de", "du", "des", "in", "against", "to"})
_AND = frozenset({"and", "&"})
_GENERIC_SUBJECT = frozenset(
    "it its this that they their these those project programme program initiative scheme "
    "partnership effort consortium network platform operation campaign".split()
)
# Words that end a complete organisation name, so that "and" after them starts a new name.
_NAME_ENDS = frozenset(
    "organization organisation office bank secretariat programme program council committee "
    "institute union agency commission fund bureau centre center division department "
    "international foundation association federation court authority service services ministry "
    "police network forum group unit directorate force consortium alliance partnership "
    "initiative project university trust society institution corporation company board assembly "
    "parliament government administration command college academy observatory mission "
    "nations".split()
)
# Names ending in these words take "the" in an answer: "the World Bank", not "the Transparency
# International".
_ARTICLE_HEADS = _NAME_ENDS - {"international", "police", "nations"}
# Capitalised words that start a sentence but never a name: pronouns, determiners and
# prepositions ("Among the partners are ...", "We coordinate ...").
_NOT_NAMES = frozenset(
    "we it they he she you i this these those that its their his her both neither either each "
    "every all some such another other many most several among about during in on at for from "
    "with without under over through since after before as by of to into between within across "
    "while when where how who what which why if but and or also however together today here "
    "there unlike like besides despite following beyond including except upon toward towards "
    "against until throughout alongside whereas although though because unless once usd eur "
    "gbp aud cad chf jpy nok sek dkk nzd".split()
)
# Words that may start a sentence before its subject: "Unlike Project Wren, ...". A pronoun
# may be the subject itself ("It is funded by A").
_NOT_SUBJECTS = (_NOT_NAMES | {"the"}) - frozenset(
    "we it they he she you i this these those that its their his her".split()
)
# Words that are a name only with more capitalised words after them: "Our Crime Directorate"
# (the publisher's), "Partners in Health"; alone they stand for names said elsewhere ("Partners
# take part in meetings; they do not manage it").
_NOT_NAMES_ALONE = frozenset(
    "our partners members donors funders participants beneficiaries observers counterparts "
    "organisations organizations agencies".split()
)
_AUXILIARIES = frozenset(
    "is are was were been be being has have had which that who currently also now both jointly "
    "together".split()
)

_PASSIVE_VERBS = (
    r"implemented|co-implemented|run|managed|co-managed|led|co-led|operated|coordinated|"
    r"co-ordinated|organi[sz]ed|co-organi[sz]ed|administered|delivered|carried out|conducted|"
    r"overseen|supervised|supported|funded|co-funded|financed|co-financed|sponsored|backed|hosted|"
    r"chaired|co-chaired|spearheaded|driven|launched|established|created|founded|set up|headed|"
    r"steered|governed|owned|maintained|developed|designed|built|facilitated|convened|co-convened|"
    r"underwritten"
)
_PASSIVE = re.compile(
    r"(?P<aux>\b(?:is|are|was|were|has been|have been|being)\s+)?"
    r"(?P<pre>\b(?:jointly|together|collaboratively|also|currently|mainly|primarily|now|"
    r"previously|formerly|originally|initially)\s+)?"
    rf"\b(?P<verb>{_PASSIVE_VERBS})"
    # "developed, and is maintained today, by": two verbs share the agent.
    rf"(?:\s*,?\s+(?:and|or)\s+(?:(?:is|are|was|were|has been|have been)\s+)?"
    rf"(?P<second>{_PASSIVE_VERBS})(?:\s+(?:today|now|still|currently))?\s*,?)?"
    # "supported financially by", "administered day to day by", "launched in 2012 by"
    r"(?:\s+(?P<manner>[a-z]+ly))?"
    r"(?:\s+(?:on\s+a\s+)?day[\s-]to[\s-]day(?:\s+basis)?)?"
    r"(?:\s+(?:in|on|since|from|during)\s+[\w-]+(?:\s+[\w-]+)?)?"
    r"\s+(?P<post>(?:jointly|together|collaboratively)\s+)?by\b",
    re.IGNORECASE,
)
_EFFORT_NOUNS = (
    r"effort|initiative|partnership|collaboration|cooperation|co-operation|project|programme|"
    r"program|venture|undertaking|consortium|alliance|network|platform|mechanism|coalition|"
    r"task force|framework|joint venture"
)
_EFFORT = re.compile(
    # "X is a joint initiative of", "X, a partnership between", "X was set up in 2004 as a
    # partnership between"
    r"(?:,|\b(?:is|was|are|were)\b|\b(?:established|set\s+up|created|founded|launched|formed|"
    r"conceived)(?:\s+in\s+\d{4})?\s+as)"
    r"\s+(?P<np>(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{_EFFORT_NOUNS}))\s+(?P<prep>of|between|among|amongst|by|involving|uniting)\b",
    re.IGNORECASE,
)
_MEMBER_NOUNS = (
    r"(?P<noun>members|partners|participants|(?:member|partner) (?:organi[sz]ations|agencies))"
)
_MEMBERS_OF = re.compile(
    rf"\b{_MEMBER_NOUNS}\s+(?:of|in)\s+(?P<subject>.+?)\s+(?:are|include|comprise|were)\s+",
    re.IGNORECASE,
)
_MEMBERS_AFTER = re.compile(
    rf"(?:'s|’s)?\s+(?:[\w-]+\s+)?{_MEMBER_NOUNS}\s+(?:are|include|comprise|were)\s+",
    re.IGNORECASE,
)
# Verbs that say, in the active voice, that their subject runs or funds something: each
# participle for the answer ("is led by"), with its present forms and its past forms.
_ACTIVE_VERBS = (
    ("run", "run runs", "ran"),
    ("implemented", "implement implements", "implemented"),
    ("managed", "manage manages", "managed"),
    ("led", "lead leads", "led"),
    ("co-led", "co-lead co-leads", "co-led"),
    ("operated", "operate operates", "operated"),
    ("coordinated", "coordinate coordinates", "coordinated"),
    ("co-ordinated", "co-ordinate co-ordinates", "co-ordinated"),
    ("administered", "administer administers", "administered"),
    ("overseen", "oversee oversees", "oversaw"),
    ("supervised", "supervise supervises", "supervised"),
    ("directed", "direct directs", "directed"),
    ("headed", "head heads", "headed"),
    ("spearheaded", "spearhead spearheads", "spearheaded"),
    ("organised", "organise organises", "organised"),
    ("organized", "organize organizes", "organized"),
    ("convened", "convene convenes", "convened"),
    ("steered", "steer steers", "steered"),
    ("chaired", "chair chairs", "chaired"),
    ("co-chaired", "co-chair co-chairs", "co-chaired"),
    ("delivered", "deliver delivers", "delivered"),
    ("executed", "execute executes", "executed"),
    ("hosted", "host hosts", "hosted"),
    ("housed", "house houses", "housed"),
    ("launched", "launch launches", "launched"),
    ("created", "create creates", "created"),
    ("established", "establish establishes", "established"),
    ("funded", "fund funds", "funded"),
    ("co-funded", "co-fund co-funds", "co-funded"),
    ("financed", "finance finances", "financed"),
)
# Each form: its participle, and whether it tells of the past ("ran" → "was run by").
_ACTIVE_FORMS = {
    form: (participle, past)
    for participle, present, pasts in _ACTIVE_VERBS
    for past, forms in ((False, present), (True, pasts))
    for form in forms.split()
}
_ACTIVE = re.compile(
    r"(?:\s*,\s*(?:which|who)\b)?\s+"
    # "A has financed X since 2010": the perfect says A still does.
    r"(?:(?P<perfect>has|have|had)\s+(?:long\s+|always\s+)?)?"
    r"(?:jointly\s+|together\s+|also\s+|currently\s+|now\s+)?"
    # "planned and directed X": a first verb shares the subject and the object.
    r"(?:(?P<first>[a-z]+(?:ed|s))\s+and\s+)?"
    rf"(?P<verb>{'|'.join(sorted(_ACTIVE_FORMS, key=len, reverse=True))})\s+"
)
# What money is given as: "a grant from", "voluntary contributions from", "funding channelled
# through".
_MONEY = (
    r"(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|financing|financial\s+support|support|contributions?|donations?)\s+"
    r"(?:channell?ed\s+through|provided\s+by|from|of|by)"
)
# What "X receives" when it is money: "financial support from", "funding from", "grants
# from"; plain "support" may be advice or training.
_MONEY_RECEIVED = (
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:grants?|funding|funds|financing|financial\s+support|contributions?|donations?)\s+"
    r"(?:from|of|by)"
)
_FUNDING = re.compile(
    # "funding is provided by A", "GMCP is financed through contributions from donors including A",
    # "its donors include A", "made possible thanks to a grant from A", "with funding from A"
    r"\b(?:(?:funding|financing|financial\s+support)\s+(?:is|was|are|were|has\s+been)\s+"
    r"(?:provided|given|granted)\s+by"
    # "Funding comes mainly from A"
    r"|(?:funding|financing|financial\s+support|money)\s+(?:comes|came|has\s+come)\s+"
    r"(?:[a-z]+ly\s+)?from"
    r"|(?:funded|financed|supported)\s+(?:through|via|thanks\s+to)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:from|by)(?:\s+donors)?(?:\s+(?:including|such\s+as))?"
    # "Its donors include A", "Donors: A and B", "The initiative's largest donor is A"
    r"|(?:donors|funders|sponsors)(?:\s+(?:include|including|are|such\s+as)|\s*:)"
    r"|(?:main|principal|largest|biggest|sole|only|single|leading|key|major|core|primary)\s+"
    r"(?:donor|funder|sponsor|contributor|financial\s+backer)s?\s+(?:is|are|was|were|has\s+been|"
    r"have\s+been|remains|include|includes)"
    # "X receives financial support from A", "X has received funding from A", "X benefits from
    # grants from A"
    rf"|(?:receives?|received|is\s+receiving|(?:has\s+)?benefit(?:s|ed|ted)\s+from)"
    rf"{_MONEY_RECEIVED}"
    rf"|(?:made\s+possible\s+(?:thanks\s+to|through|by|with)|thanks\s+to)\s+{_MONEY}"
    r"|with\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:funding|financing|financial\s+support|grants?|"
    r"contributions?)\s+(?:from|of|by)"
    # "X has been sustained through financial contributions from A"
    r"|(?:through|via|by\s+means\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:funding|financing|"
    r"financial\s+support|grants?|contributions?|donations?)\s+(?:from|of|by|provided\s+by))\s+",
    re.IGNORECASE,
)
# "X is an INTERPOL initiative", "X is a European Union programme": the owner is written
# before the noun.
_OWNED = re.compile(
    r"\b(?:is|was)\s+(?:a|an)\s+(?:joint\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.&-]*\s+){0,5}?[A-Z][\w'’.&-]*)\s+(?:flagship\s+)?"
    r"(?P<noun>initiative|programme|program|project)\b",
)
# An amount of money: "USD 1.5 billion", "EUR 4.95 million", "€200,000".
_AMOUNT = (
    r"(?:(?:USD|US\$|EUR|GBP|AUD|CAD|CHF|JPY|NOK|SEK|DKK|NZD)\s?|[$€£])\d[\d.,]*"
    r"(?:\s*(?:million|billion|bn|m)\b)?"
)
# "A provides the financing", "A has committed up to AUD 80 million (to X)": A gives money.
_GIVES = re.compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:also\s+|jointly\s+|generously\s+|already\s+)?"
    r"(?:(?:provides?|provided|contributes?|contributed|gives?|gave|given|commits?|committed|"
    r"pledges?|pledged|grants?|granted|donates?|donated|allocates?|allocated|invests?|invested)"
    r"\s+(?:(?:up\s+to|over|more\s+than|nearly|almost|some|about|around|an\s+additional|"
    r"a\s+further|a\s+total\s+of)\s+)?"
    rf"(?:{_AMOUNT}|(?:the\s+|its\s+|all\s+(?:of\s+)?(?:the\s+)?|most\s+of\s+the\s+)?"
    r"(?:(?:core|additional|further|extra|supplementary|significant)\s+)?"
    r"(?:financing|funding|funds|money|financial\s+support|financial\s+backing)\b)"
    r"(?:\s+(?:in|of)\s+(?:funding|grants|financing|contributions))?"
    # "A and B have also contributed, mainly to the pilots": contributed, with no object but
    # money, is paying.
    r"|contributed(?=\s*[,.;]|\s+financially\b))",
    re.IGNORECASE,
)
# Where what is given goes: "... to X", "... for X".
_GIVEN_TO = re.compile(r"\s+(?P<to>to|for|towards)\s+", re.IGNORECASE)
# Roles that say someone pays for, or runs, what they are the role of.
_FUNDING_ROLE = (
    r"donor|funder|financier|sponsor|contributor|backer|financial\s+partner|funding\s+partner|"
    r"source\s+of\s+funding"
)
_RUNNING_ROLE_NOUN = (
    r"implementer|(?:lead\s+)?implementing\s+(?:agency|partner|organi[sz]ation|body|entity)|"
    r"executing\s+agency|lead\s+(?:agency|organi[sz]ation|implementer)|"
    r"managing\s+(?:agency|organi[sz]ation|contractor)|operator|coordinator|"
    r"coordinating\s+(?:agency|body)|secretariat"
)
# "A is the programme's main donor", "A is the lead implementing agency of X".
_ROLE_IS = re.compile(
    r"\s+(?:is|are|was|were|has\s+been|have\s+been|remains|remain|(?:serves|serve|acts|act|"
    r"functions|function|served|acted)\s+as)\s+(?:also\s+|still\s+|now\s+)?"
    r"(?:(?P<possessor>(?:the\s+)?[\w.+-]+['’]s)|the|a|an|its|their)\s+"
    r"(?P<adjectives>(?:(?:main|principal|largest|biggest|sole|only|single|leading|key|major|"
    r"core|founding|primary|first|current|overall)\s+)*)"
    rf"(?P<role>{_FUNDING_ROLE}|{_RUNNING_ROLE_NOUN})(?P<plural>s)?\b"
    r"(?P<of>\s+(?:of|to|for|in))?\s*",
    re.IGNORECASE,
)
# Labels before a colon that say what the names after it do: "Implementation: entrusted to
# A", "Funding: European Union", "Lead agency: A".
_LABEL = re.compile(
    r"(?P<label>[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s*:\s+"
    r"(?:(?:entrusted|assigned|delegated|contracted|provided|led|managed|implemented|funded|"
    r"co-funded|financed|co-financed|coordinated|run|hosted|operated)\s+(?:to|by)\s+)?"
)
_LABEL_KINDS = (
    (
        re.compile(
            r"(?:(?:lead|main|overall)\s+)?(?:funding|funded\s+by|co-funded\s+by|financing|"
            r"financed\s+by|co-financed\s+by|donors?|funders?|sponsors?|sponsored\s+by|"
            r"financial\s+(?:support|partners?)|funding\s+(?:partners?|sources?)|"
            r"sources?\s+of\s+funding)",
            re.IGNORECASE,
        ),
        "is funded by",
    ),
    (
        re.compile(
            r"(?:(?:lead|main|overall)\s+)?(?:implementation|implementing\s+(?:agency|agencies|"
            r"partners?|organi[sz]ations?|body|entity)|implemented\s+by|implementers?|"
            r"executing\s+agency|executed\s+by)",
            re.IGNORECASE,
        ),
        "is implemented by",
    ),
    (
        re.compile(
            r"(?:(?:overall|day-to-day)\s+)?(?:management|managed\s+by|managing\s+(?:agency|"
            r"organi[sz]ation|partner))",
            re.IGNORECASE,
        ),
        "is managed by",
    ),
    (
        re.compile(r"coordination|coordinated\s+by|coordinator", re.IGNORECASE),
        "is coordinated by",
    ),
    (
        re.compile(
            r"lead(?:\s+(?:agency|partner|organi[sz]ation))?|led\s+by|run\s+by|operator|"
            r"operated\s+by|responsible\s+(?:agency|organi[sz]ation|body)",
            re.IGNORECASE,
        ),
        "is led by",
    ),
    (
        re.compile(r"secretariat|hosted\s+by|host\s+(?:agency|organi[sz]ation)", re.IGNORECASE),
        "'s secretariat is hosted by",
    ),
    (
        re.compile(
            r"(?:main\s+)?(?:partners?|members?|participants?|partner\s+organi[sz]ations|"
            r"consortium(?:\s+(?:members|partners))?)",
            re.IGNORECASE,
        ),
        "'s partners are",
    ),
)
# What a page says to deny that an organisation has a part in its subject. Groups: "scope",
# what "no role in" is about; "noun", what it is not; "verb", what it does not do; "passive",
# what it is not done by ("is not funded by A"); "neither" and "other" ("should not be
# confused with A").
_NOT_ONLY = r"(?!only\b|just\b|merely\b|simply\b|necessarily\b)"
_DENIAL = re.compile(
    r"\b(?:no\s+(?:[\w-]+\s+)?(?:role|part|involvement|say|stake)\s+in\b(?P<scope>[^.;]*)"
    rf"|(?:not|no\s+longer)\s+{_NOT_ONLY}(?:(?:an?|the|one\s+of\s+the)\s+)?"
    r"(?:[\w.+-]+\s+){0,2}?(?P<noun>members?|partners?|participants?|part|donors?|funders?|"
    r"contributors?|sponsors?|implementers?|implementing|responsible|involved)\b"
    r"|(?:(?:does|do|did)\s+not|doesn['’]t|don['’]t|didn['’]t|no\s+longer|never)\s+"
    rf"{_NOT_ONLY}(?:(?:help|helps|helped)\s+)?(?P<verb>[a-z-]+)"
    rf"|not\s+(?P<passive>{_PASSIVE_VERBS})\s+by"
    r"|(?P<neither>neither)"
    r"|(?P<other>(?:should|must|is|are)\s+not\s+(?:to\s+)?be\s+confused\s+with|"
    r"(?:distinct|separate|different)\s+from))\b",
    re.IGNORECASE,
)
_RUNNING_VERBS = frozenset(
    "run runs ran manage manages managed implement implements implemented lead leads led "
    "operate operates operated coordinate coordinates coordinated steer steers steered direct "
    "directs directed oversee oversees oversaw administer administers administered chair chairs "
    "chaired head heads headed control controls controlled".split()
)
_PAYING_VERBS = frozenset(
    "fund funds funded finance finances financed sponsor sponsors sponsored pay pays paid "
    "contribute contributes contributed".split()
)
_TAKING_PART_VERBS = frozenset("participate participates participated belong belongs".split())
# Words between a denied name and the denial: "INCB has no role", "Europol plays no role",
# "Frontex is sometimes assumed to be involved; it is not".
_DENIAL_GAP = _AUXILIARIES | frozenset(
    "plays play played still so therefore thus however itself themselves with".split()
)
# Words that stand for names said before them: "it is not a partner", "neither organisation".
_STAND_INS = frozenset(
    "it they them both neither two organisation organisations organization organizations agency "
    "agencies body bodies partners members donors these those".split()
)
# Words in a denial's scope that name running: "no role in running or financing".
_RUNNING_SCOPE = re.compile(
    r"\b(?:run\w*|manag\w*|implement\w*|lead\w*|steer\w*|direct\w*|operat\w*|"
    r"coordinat\w*|govern\w*|decision\w*|oversight|administ\w*)",
    re.IGNORECASE,
)
_FUNDING_ROLE_WORDS = re.compile(r"donor|funder|contributor|sponsor", re.IGNORECASE)
# Clauses that join more names to a list: "A, in partnership with B", "A, with funding from B",
# "A carried out together with B", "a grant from A and voluntary contributions from B".
_TAILS = re.compile(
    # "alongside contributions from B" before "alongside B"
    r"\s*,?\s*(?P<how>(?:and|as\s+well\s+as|alongside|in\s+addition\s+to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:contributions?|grants?|funding|donations?)\s+(?:from|of|by)"
    r"|(?:(?:carried\s+out|implemented|run|delivered|managed|conducted|"
    r"organi[sz]ed|operated)\s+)?(?:in\s+(?:close\s+|full\s+|strategic\s+)?(?:partnership|"
    r"cooperation|co-operation|collaboration|association)\s+with|together\s+with|alongside|"
    r"jointly\s+with)"
    r"|with\s+(?:the\s+)?(?:additional\s+|financial\s+|generous\s+)?(?:funding|support|"
    r"contributions?|financing|backing)\s+(?:from|of)"
    r"|under\s+the\s+(?:leadership|coordination|direction|supervision|guidance)\s+of"
    # "A leads the operation, supported by B"
    r"|(?:supported|assisted)\s+by"
    # "X operates under the auspices of A and is implemented by B": a second verb, one subject.
    r"|and\s+(?:is|are|was|were)\s+(?:also\s+|jointly\s+)?(?:implemented|run|managed|led|"
    r"co-led|operated|coordinated|co-ordinated|administered|delivered|carried\s+out|overseen|"
    r"supervised|directed|headed|steered|chaired|hosted)\s+by)\s+",
    re.IGNORECASE,
)
# "..., with B acting as the coordination unit": B's part, named by the role it plays.
_WITH = re.compile(r"\s*,?\s*with\s+", re.IGNORECASE)
_ACTING = re.compile(r"\s+(?P<verb>acting|serving)\s+as\s+(?P<role>[^,;.]+)", re.IGNORECASE)
# Extras that read after a comma: "X is run by A, with funding from B", "..., supported by B".
_COMMA_BEFORE = ("with", "supported", "assisted", "alongside", "in addition")
# Words that name money, so that a clause joining funders says they fund: "supported by B"
# only says they support.
_MONEY_WORDS = re.compile(r"fund|financ|grant|contribution|donation|sponsor", re.IGNORECASE)
# A relative clause between a list and its tail: "A and B, which set the agenda, while C ...".
_RELATIVE = re.compile(r"\s*,\s*(?:which|who)\b[^,;.]*(?=,)", re.IGNORECASE)
# "..., while C provides coordination and analysis": C's part, named by what it provides.
_WHILE = re.compile(r"\s*,?\s*(?:while|whereas)\s+", re.IGNORECASE)
_PROVIDES = re.compile(
    r"\s+(?:provides?|offers?|contributes?|gives?)\s+(?P<what>coordination|support|expertise|"
    r"analysis|guidance|assistance|funding|financing|oversight|leadership|management|"
    r"secretariat\s+services|technical\s+support)\b",
    re.IGNORECASE,
)
# Words that may follow an organisation's name in a sentence; any other lower-case word after a
# name ending like an adjective ("European public agencies") shows it was not a name.
_AFTER_NAME = frozenset(
    "of in on at for from to with through via under and or as by which who whose that since "
    "during between among across within while whereas but is are was were has have had will "
    "would can could also jointly together alone itself based acting".split()
)
# How far a long name may run before the acronym in brackets that spells it out.
_EXPANSION_WORDS = 16
# How many tokens an acronym written in parts may take inside brackets, "(LO A/P)", and what
# may join its parts.
_BRACKET_TOKENS = 5
_ACRONYM_JOINS = frozenset("/-&")
# Where a lead-in before a list of names ends, and how long it may be.
_LEAD_IN_ENDS = frozenset({"of", "include", "includes", "including", "comprising", "as", ":"})
_LEAD_IN_WORDS = 8
# How far back from a participle its noun phrase's article may be: "an EMPACT grant managed by".
_NOUN_PHRASE_WORDS = 4
# Lower-case nouns that end a name: a part of the organisation before them.
_UNIT_NOUNS = frozenset(
    "unit division branch office secretariat team department directorate".split()
)
_PREPOSITIONS = (_CONNECTORS - {"the"}) | frozenset(
    "at from with by within across among between".split()
)
# Words after a role that still leave it the page's: "A is the main donor and ...", "A has
# been the largest donor since 2008".
_ROLE_ENDS = frozenset("and since from until throughout with".split())
_COPULAS = frozenset("is are was were been be becomes became remains remained as".split())
_DETERMINERS = frozenset("a an the its their this that these those our".split())
# Money that someone manages or gives, not the programme that it pays for.
_MONEY_NOUNS = frozenset(
    "funding funds fund grant grants budget money contributions contribution resources payments "
    "donations financing finance million billion".split()
)
# Words that make a noun phrase about another programme than the page's: "the earlier
# programme", "a sister initiative", "the predecessor project".
_OTHER_ADJECTIVES = frozenset(
    "earlier previous former predecessor preceding sister separate other related similar "
    "parallel successor follow-up".split()
)
# What a programme produces or holds, which someone else may make or run: "the handbook was
# developed by A" is not said of the programme.
_PRODUCT_NOUNS = frozenset(
    "training report study handbook guide manual toolkit website conference meeting workshop "
    "event assessment evaluation survey course curriculum research strategy plan law "
    "legislation roadmap convention protocol agreement regime".split()
)
# Nouns for the running of the page's subject: "implementation is carried out by A".
_WORK_NOUNS = frozenset(
    "implementation management coordination administration delivery operations work running "
    "execution secretariat".split()
)
# Words after which a noun phrase has ended.
_PHRASE_ENDS = _CONNECTORS | _AFTER_NAME
_ROMAN = re.compile(r"[IVXLC]+")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_ADJECTIVE_ENDINGS = ("ean", "ian", "ican", "ese", "ish")  # European, Italian, African, Chinese
# Heads of noun phrases that still point at the page's own subject: "an initiative run by A".
_SUBJECT_NOUNS = _GENERIC_SUBJECT | frozenset(
    "series system portal tool database mechanism activity activities action facility centre "
    "center".split()
)


@dataclass(frozen=True)
class Relation:
    """A sentence's claim that some organisations run something.

    Attributes:
        subject: what they run, as written ("Airport Communication Project (AIRCOP)"),
            or None when the sentence only says "the project" or "it".
        short: the subject's acronym, when it has one.
        phrase: the verb phrase for an answer: "is implemented by", "is a
            collaborative effort of", "brings together", "'s partners are".
        organisations: the names, as they should read in an answer.
        extras: further names the sentence joins to them, with how: ("in partnership
            with", (...)), ("with additional contributions from", (...)).
    """

    subject: str | None
    short: str | None
    phrase: str
    organisations: tuple[str, ...]
    extras: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def sentence(self, subject: str) -> str:
        """The one-line answer about ``subject``."""
        line = answer_line(subject, self.phrase, self.organisations)
        for how, names in self.extras:
            line += f"{',' if how.startswith(_COMMA_BEFORE) else ''} {how} {join_names(names)}"
        return line

    def without(self, unwanted: Iterable[str]) -> Relation | None:
        """This relation without the organisations that are really its subject ("supported by
        Canopy Trace" on the page "Project Canopy Trace"), or None when none is left.

        Names are compared word by word, "It" is not inside "Political Affairs", and a name
        only counts as the subject if it ends the subject's name: ASEANAPOL runs the
        "ASEANAPOL Electronic Database System", it is not that system."""
        drop = [_word_key(u) for u in unwanted if u]

        def kept(name: str) -> bool:
            bare = _word_key(name.removeprefix("the "))
            return not any(_ends(u, bare) or _within(u, bare) for u in drop if u)

        organisations = tuple(n for n in self.organisations if kept(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if kept(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def excluding(self, denied: Sequence[str]) -> Relation | None:
        """This relation without the organisations that the page says have no part in its
        subject, or None when none is left."""

        def kept(name: str) -> bool:
            return not any(same_organisation(name, other) for other in denied)

        organisations = tuple(n for n in self.organisations if kept(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if kept(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def keeping(self, wanted: Callable[[str], bool]) -> Relation | None:
        """This relation with only the names ``wanted`` accepts, or None when none is left."""
        organisations = tuple(n for n in self.organisations if wanted(n))
        if not organisations:
            return None
        extras = tuple((how, tuple(n for n in names if wanted(n))) for how, names in self.extras)
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))

    def owned_by(self, publisher: str) -> Relation | None:
        """This relation with "Our X" read as the publisher's X: on INTERPOL's page, "Our
        Crime Directorate manages the project" names INTERPOL's Crime Directorate. Without a
        publisher such names are left out, and None is returned when none is left."""

        def owned(name: str) -> str | None:
            bare = name.removeprefix("the ")
            if not bare.startswith("Our "):
                return name
            return f"{publisher}'s {bare.removeprefix('Our ')}" if publisher else None

        organisations = tuple(o for o in map(owned, self.organisations) if o)
        if not organisations:
            return None
        extras = tuple(
            (how, tuple(o for o in map(owned, names) if o)) for how, names in self.extras
        )
        return replace(self, organisations=organisations, extras=tuple(e for e in extras if e[1]))


def _word_key(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"[^\W_]+", text))


def _ends(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether the words ``part`` end ``whole``."""
    return bool(part) and whole[len(whole) - len(part) :] == part


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether the words ``part`` appear together, in order, in ``whole``."""
    return bool(part) and any(
        whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1)
    )


@dataclass(frozen=True)
class Denial:
    """A page's statement that an organisation has no part in what it is about: "Europol is
    not a member of the network", "INCB has no role in the programme", "it does not manage
    country activities".

    Attributes:
        organisation: the name, as an answer would write it.
        kind: what is denied, running or funding; None when any part is.
    """

    organisation: str
    kind: Kind | None


def denials(text: str, known_names: Iterable[str] = ()) -> list[Denial]:
    """Every organisation that ``text`` says has no part, or no part of some kind, in its
    subject. A pronoun ("it is not a partner", "neither has a role") stands for the first
    names of its sentence, or else of the sentence before."""
    known = tuple(known_names)
    found: list[Denial] = []
    previous: list[str] = []
    for sentence in sentences(text):
        matches = _tokens(sentence)
        words = [m.group() for m in matches]
        names = _Names(words, known)
        first = _first_names(words, names)
        said: list[str] = []  # the names the sentence's last denial was said of
        for match in _DENIAL.finditer(sentence):
            cue = _token_index(matches, match.start())
            kind = _denied_kind(match)
            if kind is False or _denies_other_part(words, names, matches, match):
                continue
            if match.group("other") or match.group("passive"):
                denied = _names_after(words, names, _token_index(matches, match.end()))
            elif match.group("neither") and _neither_nor(words, names, cue):
                denied = _neither_nor(words, names, cue)
            else:
                denied = (
                    _denied_subject(words, names, cue, said)
                    or [n for n in first if _token_position(words, n) < cue]
                    or previous
                )
                said = denied
            found.extend(Denial(part, kind) for name in denied for part in _parts(name))
        previous = first or previous
    return found


def _denies_other_part(
    words: list[str], names: _Names, matches: list[re.Match[str]], match: re.Match[str]
) -> bool:
    """Whether a denial is about something other than the page's subject: "has no role in
    the selection of participants", "does not fund military equipment", "is not a member of
    the board"; not "has no role in running it", "does not manage the Initiative"."""
    group = next((g for g in ("scope", "verb", "noun") if match.group(g)), None)
    if group is None:
        return False
    if group == "scope" and (
        _RUNNING_SCOPE.search(match.group("scope")) or _FUNDING_WORDS.search(match.group("scope"))
    ):
        return False
    position = _token_index(matches, match.start(group) if group == "scope" else match.end(group))
    if group == "noun":
        if words[position : position + 1] not in (["of"], ["in"], ["to"]):
            return False  # "is not a GLO.ACT partner"
        position += 1
    if position >= len(words) or words[position].casefold() in _STAND_INS | {"this", "its"}:
        return False
    return _about(words, names, position) is None


def _parts(name: str) -> list[str]:
    """A name, and its parts when it may be two names joined by "and": "Gavi and UNICEF"."""
    parts = re.split(r"\s+(?:and|&)\s+", name)
    return [name, *parts] if len(parts) > 1 and not name.endswith(")") else [name]


def _neither_nor(words: list[str], names: _Names, cue: int) -> list[str]:
    """The names in "neither A nor B" at ``cue``."""
    first, end = names.names(cue + 1, clause_ends=False)
    if not first or words[end : end + 1] not in (["nor"], ["or"]):
        return []
    second, _ = names.names(end + 1, clause_ends=False)
    return list(_organisations(words, first + second))


def _first_names(words: list[str], names: _Names) -> list[str]:
    """The first list of names in a sentence, as an answer would write them."""
    for position in range(len(words)):
        found, _ = names.names(position, clause_ends=False)
        if found:
            return list(_organisations(words, found))
    return []


def _token_position(words: list[str], name: str) -> int:
    """Where a name, as ``_first_names`` gives it, starts among the words."""
    bare = [m.group() for m in _tokens(name.removeprefix("the "))]
    for position in range(len(words)):
        if words[position : position + len(bare)] == bare:
            return position
    return len(words)


def _names_after(words: list[str], names: _Names, start: int) -> list[str]:
    """Every name from ``start`` to the end of the sentence."""
    found: list[str] = []
    position = start
    while position < len(words):
        spans, end = names.names(position, clause_ends=False)
        if spans:
            found.extend(_organisations(words, spans))
            position = end
        else:
            position += 1
    return found


def _denied_subject(words: list[str], names: _Names, cue: int, said: list[str]) -> list[str]:
    """The names that a denial at ``cue`` is said of, when they come right before it: "INCB
    has no role", "INTERPOL no longer manages"; those of the denial before it when "and"
    joins the two ("it is not a member and has no role"); none when a pronoun stands for
    them."""
    position = cue
    while position > 0 and (
        words[position - 1].casefold() in _DENIAL_GAP or words[position - 1].endswith("ly")
    ):
        position -= 1
    if position == 0 or words[position - 1].casefold() in _STAND_INS:
        return []
    if words[position - 1].casefold() in _AND:
        return said
    return list(_organisations(words, _names_ending_at(names, position)))


def _denied_kind(match: re.Match[str]) -> Kind | bool | None:
    """What a denial denies: running, funding, any part (None), or nothing (False) when its
    verb is not about taking part ("does not receive funds", "does not reflect the views")."""
    if match.group("scope") is not None:
        scope = match.group("scope")
        running = bool(_RUNNING_SCOPE.search(scope))
        paying = bool(_FUNDING_WORDS.search(scope))
        if running is paying:
            return None  # "no role in running or financing", "no role in the programme"
        return Kind.RUNNING if running else Kind.FUNDING
    if match.group("noun"):
        noun = match.group("noun").casefold()
        if _FUNDING_ROLE_WORDS.match(noun):
            return Kind.FUNDING
        return Kind.RUNNING if noun.startswith(("implement", "responsible")) else None
    if match.group("verb"):
        verb = match.group("verb").casefold()
        if verb in _RUNNING_VERBS:
            return Kind.RUNNING
        if verb in _PAYING_VERBS:
            return Kind.FUNDING
        return None if verb in _TAKING_PART_VERBS else False
    if match.group("passive"):
        return Kind.FUNDING if _FUNDING_WORDS.search(match.group("passive")) else Kind.RUNNING
    return None


def same_organisation(one: str, other: str) -> bool:
    """Whether two names, as answers write them, name the same organisation: "INCB" and "the
    International Narcotics Control Board (INCB)", "Frontex" and "the European Border and
    Coast Guard Agency (Frontex)"."""
    return not _name_keys(one).isdisjoint(_name_keys(other))


def _name_keys(name: str) -> set[tuple[str, ...]]:
    """A name's long form and its acronym in brackets, each as lower-case words."""
    words = [m.group() for m in _tokens(name)]
    if words[:1] in (["the"], ["The"]):
        words = words[1:]
    bracket = _bracket_start(words, 0, len(words))
    if bracket is None:
        return {_word_key(" ".join(words))}
    return {_word_key(" ".join(words[:bracket])), _word_key(" ".join(words[bracket + 1 : -1]))}


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def answer_line(subject: str, phrase: str, names: Sequence[str]) -> str:
    """ "X is run by A and B", "X's partners are A and B"."""
    joint = "" if phrase.startswith("'") else " "
    return f"{subject}{joint}{phrase} {join_names(names)}"


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _is_capitalized(word: str) -> bool:
    """Written like part of a name: "Police", "UNODC", and coined names such as "e-ADS"."""
    return word[:1].isupper() or (word[:1].isalpha() and any(c.isupper() for c in word[1:]))


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


@dataclass(frozen=True)
class _Span:
    """Where a name is among a sentence's words.

    Attributes:
        start: its first word.
        end: one past its last word.
        article: whether "the" came before it.
        head: the singular of a plural that a list shares, "Government" in "the Governments
            of A and B": each name is then "the Government of A".
    """

    start: int
    end: int
    article: bool
    head: str = ""


@lru_cache(maxsize=8)
def _known_by_first(known: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The known names as lower-case token tuples, grouped by their first token, longest
    first: tokenized once for every sentence that is read against them."""
    names = sorted(
        (tuple(m.group().casefold() for m in _tokens(name)) for name in known),
        key=len,
        reverse=True,
    )
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        if name:
            grouped.setdefault(name[0], []).append(name)
    return {first: tuple(group) for first, group in grouped.items()}


class _Names:
    """Parses runs of organisation names from a sentence's tokens."""

    def __init__(self, words: list[str], known: Iterable[str]) -> None:
        self.words = words
        self._lowered = [w.casefold() for w in words]
        self._by_first = _known_by_first(tuple(known))

    def _known_at(self, start: int) -> int | None:
        if start >= len(self._lowered):
            return None
        # Longest first, as the known names of each first word are sorted.
        for name in self._by_first.get(self._lowered[start], ()):
            end = start + len(name)
            if tuple(self._lowered[start:end]) == name:
                return end
        return None

    def _complete(self, start: int, end: int) -> bool:
        words = self.words[start:end]
        if len(words) == 1 and is_acronym(words[0]):
            return True
        return words[-1].casefold() in _NAME_ENDS

    def name(self, start: int, places: bool = False) -> int | None:
        """End of the organisation name that starts at ``start``, or None if none does.

        With ``places``, the names are of countries or cities ("the Governments of Chile and
        Peru"), where "and" joins two of them unless it follows an "of" ("the United Kingdom
        of Great Britain and Northern Ireland")."""
        words = self.words
        if start >= len(words) or not _is_word(words[start]) or not _is_capitalized(words[start]):
            return None
        first = words[start].casefold()
        following = words[start + 1] if start + 1 < len(words) else ""
        if first in _NOT_NAMES or (
            first in _NOT_NAMES_ALONE and not (_is_word(following) and _is_capitalized(following))
        ):
            return None
        known_end = self._known_at(start)
        expanded = None if known_end else self._expansion_end(start)
        if expanded is not None:
            return expanded
        end = known_end or start + 1
        while end < len(words):
            word = words[end]
            following = words[end + 1] if end + 1 < len(words) else ""
            after_that = words[end + 2] if end + 2 < len(words) else ""
            if (_is_word(word) and _is_capitalized(word)) or (
                word.casefold() in _CONNECTORS
                and _is_capitalized(following)
                and following.casefold() not in _MONTHS  # "I-CAN in January 2020"
            ):
                end += 1
            elif (
                word.casefold() in _CONNECTORS
                and following.casefold() in _CONNECTORS
                and _is_capitalized(after_that)
            ):
                end += 2  # "Ministry of the Interior"
            elif word.casefold() in _AND and _is_capitalized(following):
                if (
                    end == known_end
                    or self._complete(start, end)
                    or (places and not any(w in _CONNECTORS - {"the"} for w in words[start:end]))
                ):
                    break
                end += 1
            else:
                break
        if end != known_end and self._adjective(start, end):
            return None
        if end < len(words) and words[end] in _UNIT_NOUNS:
            end += 1  # "INTERPOL's Drugs and Criminal Organizations unit"
        # A dash and more capitalised words before an acronym in brackets are part of the name:
        # "Internal Security Fund – Police (ISF-Police)".
        if words[end : end + 1] in (["–"], ["—"]):
            after_dash = end + 1
            while after_dash < len(words) and _is_capitalized(words[after_dash]):
                after_dash += 1
            if after_dash > end + 1 and _bracket_length(words, after_dash):
                end = after_dash
        # An acronym in brackets belongs to the name before it: "World Customs Organization (WCO)".
        return end + _bracket_length(words, end)

    def _expansion_end(self, start: int) -> int | None:
        """The end of a long name with "and" or a comma inside it, when an acronym in brackets
        after it spells it out: "International and Ibero-American Foundation for Administration
        and Public Policies (FIIAPP)", "Liaison Office for Asia and the Pacific (LO A/P)",
        "International Monitoring, Control and Surveillance Network (IMCS Network)".

        Only when neither the words after the last "and" nor those after the last comma can
        spell the acronym on their own: in "INTERPOL and the World Customs Organization (WCO)"
        they can, and there are two names, and so in "the Treaty Organization, the Central
        Asian Regional Information and Coordination Centre (CARICC)".
        """
        words = self.words
        position, separators = start, []
        while position < min(len(words), start + _EXPANSION_WORDS) and words[position] != "(":
            word = words[position]
            if word.casefold() in _AND or word == ",":
                separators.append(position)
            elif not _is_word(word) or not (
                _is_capitalized(word) or word.casefold() in _CONNECTORS
            ):
                return None
            position += 1
        length = _bracket_length(words, position)
        if not separators or not length or not _is_capitalized(words[position - 1]):
            return None
        letters = [c for w in words[position + 1 : position + length - 1] for c in w if c.isupper()]
        last_and = max((i for i in separators if words[i] != ","), default=None)
        last_comma = max((i for i in separators if words[i] == ","), default=None)
        rests = [words[i + 1 : position] for i in (last_and, last_comma) if i is not None]
        if _spells(words[start:position], letters) and not any(
            _spells(rest, letters) for rest in rests
        ):
            return position + length
        return None

    def _plural_head(self, start: int) -> str | None:
        """The singular of a plural name shared by a list, "Government" for "Governments of"."""
        words = self.words
        if start + 1 >= len(words) or words[start + 1] != "of":
            return None
        word = words[start]
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if word[:1].isupper() and word.endswith("s") and singular.casefold() in _NAME_ENDS:
            return singular
        return None

    def _adjective(self, start: int, end: int) -> bool:
        """Whether the words are an adjective before a common noun, not a name: "European" in
        "European public agencies", "Latin American" in "Latin American networks"."""
        last = self.words[end - 1]
        following = self.words[end] if end < len(self.words) else ""
        return (
            not is_acronym(last)
            and last.casefold() not in _NAME_ENDS
            and last.casefold().endswith(_ADJECTIVE_ENDINGS)
            and following.isalpha()
            and following.islower()
            and following not in _AFTER_NAME
        )

    def names(
        self, start: int, clause_ends: bool = True, places: bool = False
    ) -> tuple[list[_Span], int]:
        """A list of names "A, the B and C" from ``start``, and the position just after the
        last name. With ``clause_ends``, a name followed by a lower-case word is the subject
        of a new clause, not part of the list; ``places`` is as for ``name``."""
        found: list[_Span] = []
        words = self.words
        position = last_end = start
        after_and = False
        while position < len(words):
            article = words[position].casefold() == "the"
            name_start = position + 1 if article else position
            head = self._plural_head(name_start)
            if head is not None:
                # "the Governments of A, B and C": the rest of the list are governments.
                shared, shared_end = self.names(name_start + 2, clause_ends, places=True)
                if shared:
                    found.extend(replace(span, head=head) for span in shared)
                    last_end = shared_end
                    break
            end = self.name(name_start, places)
            if end is None:
                break
            if (
                clause_ends
                and found
                and end < len(words)
                and words[end].islower()
                and (words[end] not in _AND)
            ):
                if not after_and and _TAILS.match(" " + " ".join(words[end : end + 8])):
                    # "Department of Political Affairs, Peace and Security carried out together
                    # with B": a comma inside one name, not a new clause.
                    found[-1] = replace(found[-1], end=end)
                    last_end = end
                break  # "..., Operation Pangea targets ..." starts a clause, not another name
            found.append(_Span(name_start, end, article))
            # "A, through its agency B, and C": B is how A gives, and the list goes on after it;
            # in "the Office in Dakar, Senegal, and C" the country is no name of its own.
            position = last_end = (
                self._channel_end(end) or self._country_end(name_start, end) or end
            )
            if after_and or position >= len(words):
                break
            separator = words[position].casefold()
            following = words[position + 1].casefold() if position + 1 < len(words) else ""
            if separator == "," and following in _AND:
                position += 2
                after_and = True
            elif separator in _AND:
                position += 1
                after_and = True
            elif separator == ",":
                position += 1
            else:
                break
        return found, last_end

    def _country_end(self, start: int, position: int) -> int | None:
        """Where ", Senegal" ends after a name that ends in a place, "the Regional Office in
        Dakar, Senegal": the country says where the place is, it is not another name."""
        words = self.words
        if not any(w in {"in", "at"} for w in words[start:position]):
            return None
        if words[position : position + 1] != [","] or position + 2 > len(words):
            return None
        country = words[position + 1]
        after = words[position + 2] if position + 2 < len(words) else "."
        if (
            not (_is_word(country) and country[:1].isupper())
            or is_acronym(country)
            or after not in {",", ".", ";"}
        ):
            return None
        return position + 2

    def _channel_end(self, position: int) -> int | None:
        """Where ", through B," ends, when it follows a name at ``position`` and the list of
        names goes on after it."""
        words = self.words
        if words[position : position + 1] != [","] or position + 1 >= len(words):
            return None
        if words[position + 1].casefold() not in {"through", "via"}:
            return None
        start = position + 2
        if words[start : start + 1] in (["its"], ["their"]):
            start += 1
        end = self.name(_skip_article(words, start))
        if end is None or words[end : end + 1] != [","]:
            return None
        return end

    def listed(self, start: int) -> tuple[list[_Span], int]:
        """Like ``names``, but also past a lower-case lead-in to the list: "a consortium made
        up of A, B and C", "a group of donors that includes A", "two organisations: A and B"."""
        found, end = self.names(start)
        position = start
        while not found and position < min(len(self.words), start + _LEAD_IN_WORDS):
            word = self.words[position]
            if not (word == ":" or word.isdigit() or (word.isalpha() and word.islower())):
                break
            position += 1
            if word.casefold() in _LEAD_IN_ENDS:
                found, end = self.names(position)
        return (found, end) if found else ([], start)


def _bracket_length(words: list[str], position: int) -> int:
    """How many tokens the brackets at ``position`` take, if they hold one word ("(WCO)",
    "(Politie)") or an acronym written in parts ("(LO A/P)"); else 0."""
    if words[position : position + 1] != ["("]:
        return 0
    if words[position + 2 : position + 3] == [")"]:
        return 3
    for close in range(position + 2, min(len(words), position + _BRACKET_TOKENS + 2)):
        if words[close] == ")":
            inside = words[position + 1 : close]
            # "(LO A/P)", and a short name with an acronym in it: "(Africa CDC)", "(ECOWAS
            # Commission)".
            parts = all(w.isupper() or w in _ACRONYM_JOINS for w in inside) or all(
                _is_word(w) and w[:1].isupper() for w in inside
            )
            return close + 1 - position if parts and any(is_acronym(w) for w in inside) else 0
    return 0


def _bracket_start(words: list[str], start: int, end: int) -> int | None:
    """Where the brackets that end ``words[start:end]`` open, if they do."""
    if end - start < 3 or words[end - 1] != ")":
        return None
    for position in range(end - 3, max(start, end - _BRACKET_TOKENS - 2) - 1, -1):
        if words[position] == "(":
            return position if _bracket_length(words, position) == end - position else None
    return None


def _spells(words: Sequence[str], letters: list[str]) -> bool:
    """Whether the initials of the capitalised words, and of their hyphenated parts, hold
    every letter of an acronym, in any order: names are often shortened in another language."""
    initials = Counter(
        part[0].upper() for word in words for part in word.split("-") if _is_capitalized(part)
    )
    return bool(letters) and not Counter(letters) - initials


def _display(words: list[str], start: int, end: int, article: bool) -> str:
    text = _join(words[start:end])
    if end - start == 1 and is_acronym(words[start]):
        return text
    bracket = _bracket_start(words, start, end)
    if bracket is not None and bracket > start:
        end = bracket  # "World Customs Organization (WCO)" takes "the" as the organization
    bare = words[start:end]
    # The head noun comes before the name's complement: "Office" in "Office of Counter-Terrorism".
    head = next((w for w, n in pairwise(bare) if n in _CONNECTORS), bare[-1] if bare else "")
    # "INTERPOL's Environmental Security Unit" already has its determiner, and so has
    # "Expertise France's Security Department".
    possessive = any(re.search(r"['’]s$", word) for word in bare)
    if article or (head.casefold() in _ARTICLE_HEADS and not possessive):
        return f"the {text}"
    return text


def _join(words: Sequence[str]) -> str:
    text = ""
    for word in words:
        if not text or word in ",.;:)/" or text.endswith(("(", "/")):
            text += word
        else:
            text += " " + word
    return text


def _subject_left(words: list[str], end: int) -> tuple[str | None, str | None]:
    """The subject that ends just before ``end``: a name, perhaps with its acronym in brackets,
    perhaps followed by a generic noun ("the Enact project")."""
    position = end
    while position > 0 and (
        words[position - 1].casefold() in _AUXILIARIES or words[position - 1] == ","
    ):
        position -= 1
    # "the earlier Border Programme (2015–2019), which was funded by A": the years in
    # brackets come between the name and its verb.
    if words[position - 1 : position] == [")"] and _bracket_start(words, 0, position) is None:
        opening = next((i for i in range(position - 2, -1, -1) if words[i] == "("), None)
        if opening is not None and not any(w.isalpha() for w in words[opening:position]):
            position = opening
    stop = position
    if position > 1 and words[position - 1].casefold() in _GENERIC_SUBJECT:
        position -= 1
    short = None
    bracket = _bracket_start(words, 0, position)
    if bracket is not None:
        short = _join(words[bracket + 1 : position - 1])
        position = bracket
    start = position
    while start > 0:
        word = words[start - 1]
        if (_is_word(word) and _is_capitalized(word)) or (
            (word.casefold() in _CONNECTORS or word.casefold() in _AND)
            and start < position  # "A and administered by": "and" joins verbs, not names
            and start >= 2
            and (_is_word(words[start - 2]) and _is_capitalized(words[start - 2]))
        ):
            start -= 1
        else:
            break
    while start < position and not _is_capitalized(words[start]):
        start += 1
    if start == position:
        return (short, short) if short is not None else (None, None)
    return _subject(words, start, stop, short)


def _subject_right(words: list[str], start: int, names: _Names) -> tuple[str | None, str | None]:
    """The subject that starts at ``start``: "CRIMJUST", "the Airport ... Project (AIRCOP)"."""
    # "the project X": the name is X; but in "Project Falcon" the capital makes it the name.
    while start < len(words) and words[start] in {"the", "The", "project", "programme", "program"}:
        start += 1
    end = names.name(start)
    if end is None:
        return None, None
    bracket = _bracket_start(words, start, end)
    short = _join(words[bracket + 1 : end - 1]) if bracket is not None else None
    return _subject(words, start, end, short)


def _subject(words: list[str], start: int, end: int, short: str | None) -> tuple[str, str | None]:
    """A subject's text without a leading "the" or a trailing possessive, and its acronym;
    a word that starts the sentence but not the name goes too ("Unlike Project Wren")."""
    while start < end and words[start].casefold() in _NOT_SUBJECTS:
        start += 1
    text = re.sub(r"['’]s$", "", _join(words[start:end]))
    if short is None:
        named = [w for w in words[start:end] if _is_word(w)]
        # An edition's number is not a short name: "Pangea XVI" is not "XVI".
        acronyms = [w for w in named if is_acronym(w) and not _ROMAN.fullmatch(w)]
        coined = [w for w in named if _is_coined(w) and not _ROMAN.fullmatch(w)]
        rest = [w.casefold() for w in named if w not in acronyms]
        # "WAPIS Programme" is WAPIS for short; "EL PAcCTO" is one name of two coined words;
        # "UN Countering Travel Programme" is not the UN.
        alone = all(w in _GENERIC_SUBJECT or w in _NAME_ENDS for w in rest)
        short = acronyms[0] if len(acronyms) == 1 and len(coined) == 1 and alone else None
    return text, short


def _is_coined(word: str) -> bool:
    """Written with capitals inside, like an acronym or a coined name: "UNODC", "PAcCTO"."""
    return sum(c.isupper() for c in word) >= 2 or (
        not word[:1].isupper() and any(c.isupper() for c in word)
    )


def _token_index(matches: list[re.Match[str]], offset: int) -> int:
    """Index of the first token at or after a character offset."""
    for index, match in enumerate(matches):
        if match.start() >= offset:
            return index
    return len(matches)


def _organisations(words: list[str], found: list[_Span]) -> tuple[str, ...]:
    return tuple(
        f"the {span.head} of {_display(words, span.start, span.end, span.article)}"
        if span.head
        else _display(words, span.start, span.end, span.article)
        for span in found
    )


def _extras(
    sentence: str, matches: list[re.Match[str]], names: _Names, end: int
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], int]:
    """The clauses after a list of names that join more names to it, and where they end.

    A relative clause about the list ("A and B, which set the agenda, while C provides
    coordination") may come between the list and the clause."""
    extras: list[tuple[str, tuple[str, ...]]] = []
    while end < len(matches):
        offset = matches[end - 1].end() if end else 0
        relative = _RELATIVE.match(sentence, offset)
        starts = [offset, relative.end()] if relative else [offset]
        joined = next(
            (j for j in (_joined(sentence, matches, names, o) for o in starts) if j), None
        )
        if joined is None:
            break
        how, organisations, end = joined
        extras.append((how, organisations))
    return tuple(extras), end


def _joined(
    sentence: str, matches: list[re.Match[str]], names: _Names, offset: int
) -> tuple[str, tuple[str, ...], int] | None:
    """The clause at ``offset`` that joins more names on: how, the names, and where it ends."""
    tail = _TAILS.match(sentence, offset)
    if tail is not None:
        found, after = names.names(_token_index(matches, tail.end()))
        if not found:
            return None
        how = " ".join(tail.group("how").casefold().split())
        return how, _organisations(names.words, found), after
    acting = _acting(sentence, matches, names, offset)
    if acting is not None:
        return acting
    contrast = _WHILE.match(sentence, offset)
    if contrast is None:
        return None
    found, after = names.names(_token_index(matches, contrast.end()))
    provides = _PROVIDES.match(sentence, matches[after - 1].end()) if found else None
    if provides is None:
        return None
    how = f"with {' '.join(provides.group('what').casefold().split())} from"
    return how, _organisations(names.words, found), after


def _acting(
    sentence: str, matches: list[re.Match[str]], names: _Names, offset: int
) -> tuple[str, tuple[str, ...], int] | None:
    """The clause "with B acting as the coordination unit" at ``offset``: "with", the names
    with the role after the last, and where it ends."""
    with_ = _WITH.match(sentence, offset)
    if with_ is None:
        return None
    found, after = names.names(_token_index(matches, with_.end()), clause_ends=False)
    acting = _ACTING.match(sentence, matches[after - 1].end()) if found else None
    if acting is None:
        return None
    organisations = _organisations(names.words, found)
    role = " ".join(acting.group("role").split())
    last = f"{organisations[-1]} {acting.group('verb').casefold()} as {role}"
    return "with", (*organisations[:-1], last), _token_index(matches, acting.end())


def _relations_in(sentence: str, known: Iterable[str]) -> Iterator[Relation]:
    """The relations of one sentence, in the order it states them.

    A clause that has no subject of its own ("..., funded by A", "It is run by A and funded
    by B") shares the subject of the relation before it.
    """
    matches = _tokens(sentence)
    words = [m.group() for m in matches]
    names = _Names(words, known)
    patterns = [
        (_PASSIVE, "passive"),
        (_FUNDING, "funding"),
        (_EFFORT, "effort"),
        (_MEMBERS_OF, "members of"),
        (_MEMBERS_AFTER, "members after"),
        (_ACTIVE, "active"),
        (_ROLE_IS, "role is"),
        (_OWNED, "owned"),
        (_GIVES, "gives"),
        (_LABEL, "label"),
    ]
    events = sorted(
        (
            (m.start(), order, kind, m)
            for order, (p, kind) in enumerate(patterns)
            for m in p.finditer(sentence)
        ),
        key=lambda event: (event[0], event[1]),
    )
    shared: Shared | None = None  # the subject of the sentence's last relation, if any
    used: set[int] = set()  # tokens already read as part of a relation's list of names
    for _, _, kind, match in events:
        start = _token_index(matches, match.start())
        after = _token_index(matches, match.end())
        if after in used:
            continue
        relation = _READERS[kind](words, matches, names, match, start, after, shared)
        if relation is None:
            continue
        relation, end = relation
        extras, end = _extras(sentence, matches, names, end)
        used.update(range(after, end))
        shared = relation.subject, relation.short
        relation = replace(relation, extras=relation.extras + extras)
        yield relation
        if kind_of(relation.phrase) is not Kind.FUNDING:
            # "launched by A, with funding from B": B is also what "who funds it?" wants.
            for how, organisations in extras:
                if kind_of(how) is Kind.FUNDING:
                    phrase = "is funded by" if _MONEY_WORDS.search(how) else "is supported by"
                    yield Relation(relation.subject, relation.short, phrase, organisations)


Found = tuple[Relation, int] | None
Shared = tuple[str | None, str | None]


def _left_or_shared(words: list[str], start: int, shared: Shared | None) -> Shared:
    """The subject before ``start``, or the one before it in the sentence when the clause is
    joined on ("..., and funded by", "..., funded by") with no subject of its own."""
    left = start
    while left > 0 and words[left - 1].casefold() in _AUXILIARIES:
        left -= 1
    if (
        shared is not None
        and left > 0
        and (words[left - 1] == "," or words[left - 1].casefold() in _AND)
    ):
        return shared
    return _subject_left(words, start)


def _passive(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    if (match.group("aux") is None and _indefinite_before(words, start)) or _negated(words, start):
        return None
    found, end = names.listed(after)
    if not found:
        return None
    adverb = (match.group("pre") or match.group("post") or "").strip().casefold()
    aux = (match.group("aux") or "is ").strip().casefold()
    aux = "is" if aux in {"are", "being"} else "was" if aux == "were" else aux
    verbs = match.group("verb").casefold()
    if match.group("second"):
        verbs += f" and {match.group('second').casefold()}"
    manner = (match.group("manner") or "").casefold()
    # "is now operated by", "was previously run by", but "is implemented jointly by".
    when = adverb if adverb in _TIME_ADVERBS else ""
    adverb = "" if when else adverb
    phrase = " ".join(w for w in (aux, when, verbs, manner, adverb, "by") if w)
    secretariat = start > 0 and words[start - 1].casefold() == "secretariat"
    if secretariat:
        phrase = f"'s secretariat {phrase}"  # "the network's secretariat is hosted by A"
    organisations = _organisations(words, found)
    fronted = all(w.casefold() in _AUXILIARIES for w in words[:start])
    if fronted:
        # "Implemented by A (in partnership with B), X gathers ...": X comes after the comma.
        tail_end = end
        while tail_end < len(words) and words[tail_end] != ",":
            tail_end += 1
        if tail_end < len(words):
            subject, short = _subject_right(words, tail_end + 1, names)
            if subject is not None:
                return Relation(subject, short, phrase, organisations), end
    # "the Forest Facility (hosted by the World Bank)": the brackets describe the name before
    # them; "X is a sister initiative hosted by A": the initiative is X.
    left = start - 1 if start > 0 and words[start - 1] == "(" else _copula_before(words, start)
    if left is not None:
        subject = _subject_left(words, left)
    else:
        left = start
        subject = _left_or_shared(words, left, shared)
    if secretariat and (subject[0] or "").casefold() == "secretariat":
        subject = None, None  # "The Secretariat is hosted by A": the page's own
    if subject == (None, None) and _other_noun_before(
        words, left, match.group("verb").casefold(), modifier=match.group("aux") is None
    ):
        return None
    return Relation(*subject, phrase, organisations), end


def _copula_before(words: list[str], start: int) -> int | None:
    """Where "is" stands in "X is a sister initiative hosted by A", when the verb at ``start``
    follows a noun phrase that such a verb says what X is."""
    position = start - 1 if start > 0 and words[start - 1] == "," else start
    if position == 0 or words[position - 1].casefold() not in _SUBJECT_NOUNS:
        return None
    position -= 1
    while position > 0 and words[position - 1].isalpha() and words[position - 1].islower():
        position -= 1
        if words[position] in {"a", "an", "the"}:
            copula = position - 1
            return copula if copula >= 0 and words[copula].casefold() in _COPULAS else None
    return None


def _negated(words: list[str], start: int) -> bool:
    """Whether "not", "never" or "no longer" comes just before the verb at ``start``."""
    before = [w.casefold() for w in words[max(0, start - 2) : start]]
    return bool(before) and (before[-1] in {"not", "never"} or before == ["no", "longer"])


def _other_noun_before(words: list[str], start: int, verb: str, modifier: bool) -> bool:
    """Whether the verb at ``start`` is said of a common noun that is not the page's subject.

    A participle that modifies a noun ("EU funding, managed by A", "the control regime for
    drugs overseen by A") is said of that noun unless it names the subject or its work ("a
    consortium of four organisations, led by A"). A full clause ("The register is owned by
    A") is said of the page's subject, which a page may call by a common noun, but not when
    that noun is money ("EU funding is managed by A"), plural ("the workshops were organised
    by A"), a product or event of the work ("the handbook was developed by A"), or a thing
    that someone only made ("the guide was designed by A"). Money, though, is what a funder
    pays for: "a EUR 4 million budget, funded by A" says that A funds the subject."""
    position = start
    while position > 0 and (
        words[position - 1] == "," or words[position - 1].casefold() in _AUXILIARIES
    ):
        position -= 1
    phrase: list[str] = []
    while position > 0 and len(phrase) < _NOUN_PHRASE_WORDS * 2:
        word = words[position - 1]
        lowered = word.casefold()
        if not _is_word(word) or word[:1].isupper() or word.isdigit() or lowered in _AND:
            break
        if lowered in _AUXILIARIES:
            break
        position -= 1
        if lowered in _DETERMINERS:
            break  # the noun phrase starts here
        phrase.insert(0, re.sub(r"['’]s$", "", lowered))
    if not phrase:
        return False
    if not _OTHER_ADJECTIVES.isdisjoint(phrase):
        return True  # "the earlier programme was run by A", "a sister initiative run by B"
    # The head comes before the noun's complement: "regime" in "regime for drugs".
    head = next((w for w, n in pairwise(phrase) if n in _CONNECTORS), phrase[-1])
    if head in _SUBJECT_NOUNS or head in _WORK_NOUNS:
        return False
    if head in _MONEY_NOUNS:
        return not _FUNDING_WORDS.search(verb)
    if modifier or head in _PRODUCT_NOUNS or _ORIGIN_VERBS.search(verb):
        return True
    return head.endswith("s") and not head.endswith("ss")


def _indefinite_before(words: list[str], start: int) -> bool:
    """Whether the verb at ``start`` is said of a new thing, not of the page's subject: in
    "through an EMPACT grant administered by A", A administers the grant, and in "a steering
    committee, chaired by A", A chairs the committee."""
    if start > 0 and words[start - 1] == ",":
        start -= 1
    if start == 0 or words[start - 1].casefold() in _SUBJECT_NOUNS:
        return False
    for word in reversed(words[max(0, start - _NOUN_PHRASE_WORDS) : start]):
        lowered = word.casefold()
        if lowered in {"a", "an"}:
            return True
        if not _is_word(word) or lowered in _CONNECTORS or lowered in _AUXILIARIES:
            return False
    return False


def _funding(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    return Relation(
        *_left_or_shared(words, start, shared), "is funded by", _organisations(words, found)
    ), end


def _effort(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.listed(after)
    if not found:
        return None
    phrase = f"is {match.group('np').casefold()} {match.group('prep').casefold()}"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _members_of(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    subject, short = _subject_right(words, _token_index(matches, match.start("subject")), names)
    phrase = f"'s {match.group('noun').casefold()} are"
    return Relation(subject, short, phrase, _organisations(words, found)), end


def _members_after(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found, end = names.names(after)
    if not found:
        return None
    phrase = f"'s {match.group('noun').casefold()} are"
    return Relation(*_subject_left(words, start), phrase, _organisations(words, found)), end


def _active(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    # The names come before the verb: find where a list of them ends exactly at it, or at a
    # clause set off by commas that joins more names ("A, in partnership with B, runs X").
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if not found:
            continue
        joined = () if end == start else _interposed(words, names, end, start)
        if joined is None:
            continue
        if _after_preposition(words, first):
            return None  # "Our team in Lyon manages X": the team, not Lyon
        if after < len(words) and words[after] in _AFTER_NAME:
            return None  # "A leads on customs checks": no object, no subject to run
        verb = match.group("verb")
        read = _object(words, names, after, verb)
        # "A hosts the secretariat and coordinates the Initiative": the second verb may be
        # the one said of the page's subject.
        chained = _chained(words, names, read[3])
        if chained is not None and (read[2] is None or read[2].startswith("'")):
            read, verb = chained
        subject, short, phrase, object_end = read
        if phrase is None:
            return None  # "A and B co-chair the steering group": the group, not the page
        if not phrase.startswith("'"):
            participle, past = _ACTIVE_FORMS[verb]
            before = match.group("first") or ""
            # "planned and directed" keeps both verbs; "plans and directs" has no participle
            # to give for the first one.
            verbs = f"{before} and {participle}" if before.endswith("ed") else participle
            perfect = match.group("perfect")
            tense = "has been" if perfect in {"has", "have"} else "was" if past else "is"
            phrase = f"{tense} {verbs} by"
        # More names may be joined on right after the object ("A runs the project together
        # with B") or after the rest of its clause ("A runs the project in Kenya, with B").
        if not _TAILS.match(" " + " ".join(words[object_end : object_end + 8])):
            while object_end < len(words) and words[object_end] not in {",", ";", "."}:
                object_end += 1
        relation = Relation(subject, short, phrase, _organisations(words, found), joined)
        return relation, object_end
    return None


def _interposed(
    words: list[str], names: _Names, end: int, verb: int
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The clause between a list of names at ``end`` and their verb at ``verb`` that joins
    more names to them, set off by commas: ", in close partnership with B,"."""
    if words[end : end + 1] != [","]:
        return None
    tail = _tail_at(words, end)
    if tail is None:
        return None
    how, position = tail
    more, more_end = names.names(position, clause_ends=False)
    if not more or words[more_end : more_end + 1] != [","] or more_end + 1 != verb:
        return None
    return ((how, _organisations(words, more)),)


def _tail_at(words: list[str], position: int) -> tuple[str, int] | None:
    """The clause of ``_TAILS`` at ``position``, as its "how", and the word after it."""
    tail = _TAILS.match(" " + " ".join(words[position : position + 12]))
    if tail is None:
        return None
    return " ".join(tail.group("how").casefold().split()), position + len(_tokens(tail.group()))


_SECRETARIAT_VERBS = frozenset("host hosts hosted house houses housed run runs ran".split())


def _object(
    words: list[str], names: _Names, after: int, verb: str
) -> tuple[str | None, str | None, str | None, int]:
    """What an active verb at ``after`` is said of: the subject and its acronym, the phrase
    for the answer ("" to build it from the verb, "'s secretariat is hosted by" when the
    object is the subject's secretariat, None when the object is something else), and where
    the object ends."""
    subject, short = _subject_right(words, after, names)
    head, end = _noun_phrase(words, after)
    if head == "secretariat" and subject is None and verb in _SECRETARIAT_VERBS:
        # "A hosts the secretariat of X": X's, or the page's.
        if words[end : end + 1] in (["of"], ["for"]):
            subject, short = _subject_right(words, end + 1, names)
            if subject is not None:
                end = names.name(_skip_article(words, end + 1)) or end
        return subject, short, "'s secretariat is hosted by", end
    if subject is None and head not in _SUBJECT_NOUNS:
        return None, None, None, end
    return subject, short, "", end


def _chained(
    words: list[str], names: _Names, end: int
) -> tuple[tuple[str | None, str | None, str | None, int], str] | None:
    """A second active verb of the same names after the first one's object: "... and
    coordinates the Initiative"; what it is said of, as ``_object`` gives it, and the verb."""
    position = end
    if words[position : position + 1] != ["and"]:
        return None
    position += 1
    if words[position : position + 1] == ["also"]:
        position += 1
    verb = words[position] if position < len(words) else ""
    if verb not in _ACTIVE_FORMS:
        return None
    read = _object(words, names, position + 1, verb)
    return (read, verb) if read[2] == "" else None


def _skip_article(words: list[str], position: int) -> int:
    """The position after a "the" at ``position``, if there is one."""
    return position + 1 if words[position : position + 1] in (["the"], ["The"]) else position


def _noun_phrase(words: list[str], start: int) -> tuple[str, int]:
    """The last word of the noun phrase at ``start``, and where the phrase ends: "group" in
    "the programme's global steering group in Vienna", which ends before "in"."""
    head, end = "", start
    for word in words[start:]:
        lowered = word.casefold()
        if not _is_word(word) or (head and lowered in _PHRASE_ENDS):
            break
        head, end = re.sub(r"['’]s$", "", lowered), end + 1
    return head, end


def _names_ending_at(names: _Names, start: int) -> list[_Span]:
    """The list of names that ends just before ``start``, as the subject of a verb there; not
    one that ends a phrase such as "Our team in Lyon", whose head is not a name."""
    for first in range(start):
        found, end = names.names(first, clause_ends=False)
        if found and end == start:
            return [] if _after_preposition(names.words, first) else found
    return []


def _after_preposition(words: list[str], position: int) -> bool:
    """Whether the word before ``position`` is a preposition: "in" in "Our team in Lyon"."""
    return position > 0 and words[position - 1] in _PREPOSITIONS


def _about(
    words: list[str], names: _Names, position: int, purpose: bool = False, end: int | None = None
) -> Shared | None:
    """What the words at ``position`` (up to ``end``) name as the thing run or paid for: a
    name, or the page's subject (None, None) when they only say "the programme"; None when
    they name something else ("the regional training courses", "40 NGOs"). With ``purpose``,
    the words say what money is for ("for the legal aid component"), which is part of the
    page's subject."""
    subject = _subject_right(words, position, names)
    if subject != (None, None):
        return subject
    head, _ = _noun_phrase(words[:end], position)
    if not head or head in _SUBJECT_NOUNS or head in _WORK_NOUNS or purpose:
        return None, None
    return None


def _role_is(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found = _names_ending_at(names, start)
    if not found:
        return None
    possessor = match.group("possessor")
    if match.group("of"):
        about = _about(words, names, after)
        if about is None:
            return None  # "the implementing partner for the training courses": not the page's
    elif possessor:
        owner = [m.group() for m in _tokens(re.sub(r"['’]s$", "", possessor))]
        generic = is_generic(" ".join(owner))
        about = (None, None) if generic else _subject(owner, 0, len(owner), None)
    elif after < len(words) and _is_word(words[after]) and words[after] not in _ROLE_ENDS:
        return None  # "IOM is the lead agency on migration": a role in something else
    else:
        about = None, None
    role = " ".join(f"{match.group('adjectives')}{match.group('role')}".casefold().split())
    plural = bool(match.group("plural")) or len(found) > 1
    phrase = f"'s {role}{'s are' if plural else ' is'}"
    return Relation(*about, phrase, _organisations(words, found)), after


def _owned(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    owner = [m.group() for m in _tokens(match.group("name"))]
    # Only a name: "a UNODC project", "a European Union initiative"; not "a Global
    # programme", whose capitals are the programme's own.
    if not (len(owner) == 1 and is_acronym(owner[0])) and owner[-1].casefold() not in _NAME_ENDS:
        return None
    noun = match.group("noun").casefold()
    phrase = f"is {'an' if noun[0] in 'aeiou' else 'a'} {noun} of"
    name = _display(owner, 0, len(owner), article=False)
    return Relation(*_subject_left(words, start), phrase, (name,)), after


def _gives(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    found = _names_ending_at(names, start)
    if not found:
        return None
    to = _GIVEN_TO.match(" " + " ".join(words[after : after + 2]))
    about: Shared | None = (None, None)
    if to is not None:
        about = _about(words, names, after + 1, purpose=to.group("to").casefold() != "to")
    if about is None:
        return None
    return Relation(*about, "is funded by", _organisations(words, found)), after


def _label(
    words: list[str],
    matches: list[re.Match[str]],
    names: _Names,
    match: re.Match[str],
    start: int,
    after: int,
    shared: Shared | None,
) -> Found:
    if start != 0:
        return None  # a label starts its line: "Funding: European Union"
    label = " ".join(match.group("label").split())
    phrase = next((p for pattern, p in _LABEL_KINDS if pattern.fullmatch(label)), None)
    if phrase is None:
        return None  # "Started: 2009", "Full name: ..."
    found, end = names.names(_skip_article(words, after))
    if not found:
        return None
    return Relation(None, None, phrase, _organisations(words, found)), end


_READERS = {
    "passive": _passive,
    "funding": _funding,
    "effort": _effort,
    "members of": _members_of,
    "members after": _members_after,
    "active": _active,
    "role is": _role_is,
    "owned": _owned,
    "gives": _gives,
    "label": _label,
}


def relations(text: str, known_names: Iterable[str] = ()) -> list[Relation]:
    """Every relation stated in ``text``; ``known_names`` are whole names such as long forms
    of acronyms, which may contain "and" or commas ("Office on Drugs and Crime")."""
    known = tuple(known_names)
    found = [r for sentence in sentences(text) for r in _relations_in(sentence, known)]
    return [_with_partners_of_lead(relation, found) for relation in found]


def _with_partners_of_lead(relation: Relation, found: list[Relation]) -> Relation:
    """A relation naming one organisation that runs something, joined by the partners the
    text gives that organisation: "X is led by A. A's consortium partners are B and C" is run
    by A in partnership with B and C."""
    if kind_of(relation.phrase) is not Kind.RUNNING or len(relation.organisations) != 1:
        return relation
    lead = relation.organisations[0]
    for other in found:
        if (
            other.subject is not None
            and kind_of(other.phrase) is Kind.MEMBERSHIP
            and other.phrase.startswith("'")
            and same_organisation(other.subject, lead)
        ):
            joined = ("in partnership with", other.organisations)
            return replace(relation, extras=(*relation.extras, joined))
    return relation


# Verbs that tell who started something, which says less about who runs it now than "is
# operated by": "WAPIS was created by A and is now operated by B".
_ORIGIN_VERBS = re.compile(
    r"\b(?:launched|created|established|founded|set\s+up|initiated|designed|developed|built|"
    r"conceived)\b"
)


_TIME_ADVERBS = frozenset("now currently previously formerly originally initially".split())
_FORMER = re.compile(r"\b(?:previously|formerly|originally|initially)\b")
_PAST = re.compile(r"^(?:was|were|had)\b")
# "X is an EU initiative" says whose it is, less than who carries it out.
_OWNERSHIP = re.compile(r"^is an? (?:initiative|programme|program|project) of$")


def standing(relation: Relation) -> int:
    """How much a relation says about who runs or funds something now: 0 for who started it
    or ran it before, 1 for what it was, 2 for what it is ("is now operated by B")."""
    if _ORIGIN_VERBS.search(relation.phrase) or _FORMER.search(relation.phrase):
        return 0
    return 1 if _PAST.search(relation.phrase) or _OWNERSHIP.match(relation.phrase) else 2


def is_generic(subject: str | None) -> bool:
    """Whether a subject only points back ("the project", "it") instead of naming something."""
    if subject is None:
        return True
    words = [w.casefold() for w in re.findall(r"[^\W_]+", subject)]
    return all(w in _GENERIC_SUBJECT or w == "the" for w in words)


class Kind(str, Enum):
    """What a relation, or a who-question, is about."""

    RUNNING = "running"
    FUNDING = "funding"
    MEMBERSHIP = "membership"


_FUNDING_WORDS = re.compile(
    r"\b(?:fund|funds|funded|funding|co-funded|finance|finances|financed|financing|sponsor\w*|"
    r"backed|back|backs|backing|pays?|paid|money|donors?|donates?|donated|contributions?|"
    r"support|supports|supported)\b",
    re.IGNORECASE,
)
_MEMBERSHIP_WORDS = re.compile(
    r"\b(?:members?|partners?|partnership|participants?|part\s+of|involved|brings\s+together|"
    r"alongside|together\s+with|in\s+(?:cooperation|co-operation|collaboration)\s+with|"
    r"comprises|"
    r"consists\s+of|made\s+up|composed|who(?:'s|\s+is|\s+are)\s+in)\b",
    re.IGNORECASE,
)


# Words that make a who-question ask who runs something.
_RUNNING_ASKED = re.compile(
    r"\b(?:run|runs|running|ran|implement\w*|manag\w*|lead|leads|leading|led|operat\w*|"
    r"co-?ordinat\w*|overs\w*|head\w*|deliver\w*|behind|charge|responsible|administ\w*|"
    r"direct\w*|steer\w*|chair\w*|host\w*|execut\w*)\b",
    re.IGNORECASE,
)


def asked_kind(question: str) -> Kind:
    """What a who-question asks about, told by the first word that says it: "which agencies
    run the Programme in support of the PSMA" and "who runs the Global Fund" ask who runs,
    though the programme's name then speaks of support and funds."""
    text = re.sub(r"\bin\s+support\s+of\b", " ", question, flags=re.IGNORECASE)
    firsts = [
        (found.start(), kind)
        for pattern, kind in (
            (_FUNDING_WORDS, Kind.FUNDING),
            (_MEMBERSHIP_WORDS, Kind.MEMBERSHIP),
            (_RUNNING_ASKED, Kind.RUNNING),
        )
        if (found := pattern.search(text)) is not None
    ]
    return min(firsts, key=lambda first: first[0])[1] if firsts else Kind.RUNNING


def kind_of(text: str) -> Kind:
    """What a relation's phrase, or a question, says about the organisations: that they pay for
    something, belong to it, or (by default) run it."""
    if _FUNDING_WORDS.search(text):
        return Kind.FUNDING
    if _MEMBERSHIP_WORDS.search(text):
        return Kind.MEMBERSHIP
    return Kind.RUNNING


# Headings of lists that name who runs, funds or takes part in something.
_LIST_HEADING = re.compile(
    r"\b(?:partners?|partnerships?|members?|membership|implement\w*|donors?|"
    r"fund(?:s|ed|ing|ers?)?|financ(?:e|ed|ing|iers?)|sponsors?|"
    r"stakeholders|governance|consortium|who\s+we\s+work\s+with)\b",
    re.IGNORECASE,
)
# How many of a lead-in's first words may say what its list is ("Our main partners are:").
_LEAD_IN_HEAD = 3
_LEAD_IN_VERBS = frozenset("are is were was include includes including comprise".split())
# How long a ", through B" after a listed name may be to stay with it.
_CHANNEL_WORDS = 8
# What separates a listed organisation from its role: "INTERPOL – implementing agency".
_ROLE_SEPARATORS = frozenset({"–", "—", "-", ":"})
# Lower-case words this short may sit inside a foreign name: "für", "y", "de", "del", "von".
_PARTICLE_LETTERS = 3
_ROLE_PHRASES = {
    Kind.RUNNING: "is run by",
    Kind.FUNDING: "is funded by",
    Kind.MEMBERSHIP: "'s partners are",
}


def list_relations(
    heading: str,
    items: Sequence[str],
    known_names: Iterable[str] = (),
    lead_in: str | None = None,
) -> list[Relation]:
    """Relations from a list under a heading such as "Partners", or after a lead-in such as
    "Donors:": one item per organisation, perhaps with its role ("INTERPOL – implementing
    agency", "European Union (donor)").

    The lead-in, when it says what the list is, decides over the heading: under "Partners and
    donors", the list after "Partners:" names partners and the one after "Donors:" funders.
    An item's role, when it is a role ("lead implementing agency", "donor"), decides over
    both; a description of the work ("policy advice") does not. A list of partners with a
    lead among them is run by the lead in partnership with the others. The subject is left
    open (None): it is what the page or section is about.
    """
    about = lead_in if lead_in and _names_the_list(lead_in) else heading
    # "What the Facility funds" lists what it pays for, not who pays for it.
    if not _LIST_HEADING.search(about) or about.casefold().startswith("what "):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    for item in items:
        entry = _list_entry(item, known)
        if entry is None:
            continue
        organisation, role = entry
        kind = _role_kind(role)
        if kind is not None and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        by_kind.setdefault(kind or kind_of(about), []).append(
            _with_role(organisation, role) if kind else organisation
        )
    partners = tuple(by_kind.pop(Kind.MEMBERSHIP, []))
    joined = (("in partnership with", partners),) if partners else ()
    found = [
        Relation(
            None, None, _ROLE_PHRASES[kind], tuple(names), joined if kind is Kind.RUNNING else ()
        )
        for kind, names in by_kind.items()
    ]
    if partners and Kind.RUNNING not in by_kind:
        found.append(Relation(None, None, _ROLE_PHRASES[Kind.MEMBERSHIP], partners))
    return found


def _names_the_list(lead_in: str) -> bool:
    """Whether a lead-in says what its list is: "Partners:", "Donors to the current phase are:",
    "We work with the following partners:"; not "four border crossings selected with the
    partner countries:" nor "the fourth of a line of Australian-funded programmes:", where the
    word only describes something else."""
    words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", lead_in)
    while words and words[-1].casefold() in _LEAD_IN_VERBS:
        words.pop()  # "Our implementing partners are:"
    return any(_LIST_HEADING.fullmatch(w) for w in words[:_LEAD_IN_HEAD] + words[-1:])


def _list_entry(item: str, known: tuple[str, ...]) -> tuple[str, str] | None:
    """A list item's organisation, as it should read in an answer, and its role ("" if none):
    "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH – lead agency".

    Only what follows a dash, a colon or a bracket is a role. A short ", through B" says how
    the organisation takes part and stays with its name; any other text after the name is
    not part of it."""
    matches = _tokens(item)
    words = [m.group() for m in matches]
    article = bool(words) and words[0].casefold() == "the"
    start = 1 if article else 0
    end = _labelled_name_end(words, start) or _Names(words, known).name(start)
    if end is None:
        return None
    organisation = _display(words, start, end, article)
    rest = item[matches[end - 1].end() :].strip()
    lone = end - start == 1 and not is_acronym(words[start])
    if lone and rest[:1].isalpha() and rest[:1].islower():
        return None  # "Mobile court hearings in remote regions": a capital, not a name
    if rest[:1] in _ROLE_SEPARATORS or rest[:1] == "(":
        return organisation, rest.strip(" \t–—:-()[],;.")
    channel = rest.strip(" \t,;.")
    if re.match(r"(?:through|via)\s", channel) and len(channel.split()) <= _CHANNEL_WORDS:
        return f"{organisation} ({channel})", ""
    return organisation, ""


def _labelled_name_end(words: list[str], start: int) -> int | None:
    """Where the name ends in an item that labels it with a role after a dash or colon, when
    all before the dash reads as a name, even with short lower-case words of another language
    in it ("Gesellschaft für Internationale Zusammenarbeit")."""
    separator = next((i for i in range(start, len(words)) if words[i] in _ROLE_SEPARATORS), None)
    if separator is None or separator == start:
        return None
    name = words[start:separator]
    if not _is_capitalized(name[0]) or not (_is_capitalized(name[-1]) or name[-1] == ")"):
        return None
    for word in name:
        lowered = word.casefold()
        if (
            _is_word(word)
            and not _is_capitalized(word)
            and not (lowered in _CONNECTORS or lowered in _AND or len(word) <= _PARTICLE_LETTERS)
        ):
            return None
        if not _is_word(word) and word not in {"(", ")"} and word not in _ACRONYM_JOINS:
            return None
    return separator


def _with_role(organisation: str, role: str) -> str:
    """ "the Seabird Trust (lead partner)"; "the Kappa Office (KO, lead partner)"."""
    if organisation.endswith(")"):
        return f"{organisation[:-1]}, {role})"
    return f"{organisation} ({role})"


_CELL = " | "  # how the readers join a table row's cells into one passage
# Header cells over the column of organisations, and over the column of their roles.
_NAME_COLUMN = re.compile(
    r"\b(?:organi[sz]ations?|partners?|participants?|members?|agency|agencies|institutions?|"
    r"bod(?:y|ies)|entit(?:y|ies)|stakeholders?|name)",
    re.IGNORECASE,
)
_ROLE_COLUMN = re.compile(
    r"\b(?:roles?|relationship|function|responsibilit(?:y|ies)|involvement|tasks?)\b",
    re.IGNORECASE,
)
# A role's title, the words before its first ";", says what the organisation does: "Lead
# partner", "Co-driver", "Donor", "Consortium member" (a consortium carries a programme out).
_RUNNING_ROLE = re.compile(
    r"\b(?:lead\w*|co-lead\w*|coordinat\w*|co-ordinat\w*|manag\w*|implement\w*|runs?|operat\w*|"
    r"owners?|owns|chairs?|co-chairs?|driv\w*|co-driv\w*|secretariat|administ\w*|consortium)\b",
    re.IGNORECASE,
)
_MEMBER_ROLE = re.compile(r"\b(?:members?|partners?|participa\w*)\b", re.IGNORECASE)


def is_table_row(text: str) -> bool:
    """Whether a passage is a row of a table, its cells joined by " | "."""
    return _CELL in text


def table_relations(
    heading: str, texts: Sequence[str], row: int, known_names: Iterable[str] = ()
) -> list[Relation]:
    """Relations told by ``texts[row]``, a row below the header row of a table: a
    column of organisations ("Organisation", "Partner") and one of their roles ("Role",
    "Relationship to the project"), as in "FIIAPP | Spain | Lead partner; coordinates ...".

    ``texts`` are the passages of the section in order. A row whose role does not say that the
    organisation runs, funds or takes part in the subject ("Beneficiaries", "Occasional
    cooperation") is left out. Without a role column, the heading, the caption or the header
    must be about partners or funding, as for a list. The subject is left open (None).
    """
    width = len(texts[row].split(_CELL))
    first = row
    while first > 0 and len(texts[first - 1].split(_CELL)) == width:
        first -= 1
    if first == row:
        return []  # the header row itself says nothing about anyone
    header = texts[first].split(_CELL)
    names = [i for i, cell in enumerate(header) if _NAME_COLUMN.search(cell)]
    roles = [i for i, cell in enumerate(header) if _ROLE_COLUMN.search(cell)]
    caption = texts[first - 1] if first > 0 and not is_table_row(texts[first - 1]) else ""
    if not names or not (roles or _LIST_HEADING.search(f"{heading} {caption} {texts[first]}")):
        return []
    known = tuple(known_names)
    by_kind: dict[Kind, list[str]] = {}
    first_row: dict[Kind, int] = {}
    for place, text in enumerate(texts[first + 1 :], first + 1):
        cells = text.split(_CELL)
        if len(cells) != width:
            break
        organisation = _whole_name(cells[names[0]], known)
        # The role's title is its first sentence or clause: "Donor. Largest contributor since
        # 2008" is a donor. A role that denies any part ("no role in management or
        # financing") leaves the row out, whatever its title.
        role_cell = cells[roles[0]] if roles else ""
        role = re.split(r";|\.(?:\s|$)", role_cell)[0].strip(" .")
        kind = _role_kind(role) if role else kind_of(heading)
        if organisation is None or kind is None or _DENIAL.search(role_cell):
            continue
        if role and not is_acronym(role.split()[0]):
            role = role[:1].lower() + role[1:]
        named = _with_role(organisation, role) if role else organisation
        by_kind.setdefault(kind, []).append(named)
        first_row.setdefault(kind, place)
    # Each relation is told by the row of its first organisation, so that the answer cites the
    # donor's row for "who funds X", not the lead partner's.
    return [
        Relation(None, None, _ROLE_PHRASES[kind], tuple(organisations))
        for kind, organisations in by_kind.items()
        if first_row[kind] == row
    ]


def _whole_name(cell: str, known: tuple[str, ...]) -> str | None:
    """A table cell as an organisation's name, or None when it is a description such as "Port
    authorities and shipping companies" rather than a name."""
    words = _without_notes([m.group() for m in _tokens(cell)])
    article = bool(words) and words[0].casefold() == "the"
    words = words[1:] if article else words
    if not words or _Names(words, known).name(0) is None:
        return None
    if any(
        _is_word(w) and not _is_capitalized(w) and w.casefold() not in _CONNECTORS | _AND
        for w in words
    ):
        return None
    return _display(words, 0, len(words), article)


def _without_notes(words: list[str]) -> list[str]:
    """A name's words without notes in brackets, "Government of Norway (its climate
    initiative)"; an acronym in brackets, "(WCO)", is part of the name."""
    kept: list[str] = []
    position = 0
    while position < len(words):
        if words[position] == "(" and not _bracket_length(words, position):
            close = next((i for i in range(position, len(words)) if words[i] == ")"), None)
            if close is not None:
                position = close + 1
                continue
        kept.append(words[position])
        position += 1
    return kept


def _role_kind(role: str) -> Kind | None:
    """What a role's title says the organisation does, if it runs, funds or takes part."""
    if _FUNDING_WORDS.search(role):
        return Kind.FUNDING
    if _RUNNING_ROLE.search(role):
        return Kind.RUNNING
    if _MEMBER_ROLE.search(role):
        return Kind.MEMBERSHIP
    return None
