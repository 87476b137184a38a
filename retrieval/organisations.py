"""Mentions of organisations in text, found from their form rather than from a list of them:
an acronym ("UNODC"), a capitalized name with an organisation word in it ("the World Customs
Organization", "Expertise France"), "the Government(s) of …", or a country, whose names come
from ISO 3166 through pycountry.

A passage that says someone runs, funds or takes part in something is evidence for a who-question
only when it names someone: "decide on the budget" says nothing about who pays.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

# Words that make a capitalized name the name of an organisation, as real pages write them.
_ORGANISATION_WORDS = frozenset(
    "organization organisation organizations organisations office bank fund programme program "
    "foundation agency agencies commission union government governments ministry ministries "
    "secretariat alliance partnership institute institution council centre center facility "
    "hospital hospitals "
    "initiative association network trust committee authority service services department "
    "administration corporation company university forum federation coalition society "
    "consortium board court police customs assembly bureau nations directorate group unit "
    "section branch division force mechanism panel club cooperative co-operative "
    "republic kingdom states".split()
    # The same words in the languages whose names English pages keep as they are ("Fundación
    # Cordillera", "Agence Nationale de l'Aviation Civile"): Spanish, French, Portuguese,
    # Italian and German.
    + "fundación fundacion fundação fundacao fondation fondazione stiftung organización "
    "organizacion organização organizacao organizzazione instituto institut istituto agencia "
    "agence agência agenzia ministerio ministère ministério ministero ministerium "
    "asociación asociacion associação associacao associazione comisión comision comissão "
    "commissione kommission comité comite comitato consejo conseil conselho consiglio banco "
    "banque fondo fonds fundo secretaría secretaria secrétariat secretariado universidad "
    "université universidade università universität autoridad autorité autoridade gobierno "
    "gouvernement governo regierung federación fédération federação federazione sociedad "
    "société sociedade società gesellschaft".split()
)
# A participle joined to a name says what the name does, and is no part of it: "EU-funded",
# "the UNDP-led Clean Seas Programme".
_PARTICIPLE = (
    r"[-–](?:funded|financed|backed|sponsored|supported|led|run|managed|hosted|chaired|"
    r"coordinated|implemented|initiated|owned)\b"
)
# A capitalized word of a name: "UNODC", "Melinda", "GLO.ACT", "Co-operation", "l'Aviation" of
# "Agence Nationale de l'Aviation Civile"; "UNDP" of "UNDP-led".
_NAME_WORD = rf"(?:[ld]['’])?[A-Z](?:(?!{_PARTICIPLE})[\w'’&-]|\.(?=\w))*"


# The small words inside names of other languages that English pages keep ("Banco de la Nación",
# "Deutsche Gesellschaft für Internationale Zusammenarbeit", "Banco do Brasil").
FOREIGN_JOINERS = frozenset(
    "de du des la le los las del für fur pour da do dos das di della y e aux au et".split()
)
_FOREIGN_JOINERS = "|".join(sorted(FOREIGN_JOINERS))


def capitalized_runs(
    joiners: str, before_labels: bool = False, acronym: bool = False
) -> re.Pattern[str]:
    """A pattern of runs of capitalized words, joined by the small words ``joiners`` (an
    alternation) that sit inside names; ``before_labels``: a word that labels what follows
    ("Duration:") starts no part of it; ``acronym``: a bracketed acronym ends the run. Never
    inside a word ("RNA" of "mRNA") or after a currency sign."""
    label = r"(?![A-Z][\w'’&.-]*:)" if before_labels else ""
    tail = r"(?:\s*\([^()]{1,20}\))?" if acronym else ""
    return re.compile(
        rf"(?<![\w$]){_NAME_WORD}(?:\s+(?:(?:{joiners})\s+)*{label}{_NAME_WORD})*{tail}"
    )


# A run of capitalized words, with the small words that sit inside names ("Bill & Melinda Gates
# Foundation", "Office on Drugs and Crime", "Banco de la Nación").
# "to" sits inside the name of an undertaking that says what it is for: "Global Fund to Fight
# AIDS", "RBM Partnership to End Malaria"; not "moved the Secretariat to UNOPS".
_TO_IN_NAME = (
    "(?:"
    + "|".join(
        f"(?<={head}\\s)"
        for head in (
            "Fund Partnership Alliance Initiative Coalition Campaign Facility Movement".split()
        )
    )
    + ")to(?=\\s+[A-Z][a-z])"
)
_CAPITALIZED_RUN = capitalized_runs(f"of|for|on|the|and|&|{_FOREIGN_JOINERS}|{_TO_IN_NAME}")
# How much of a word must be capitals for it to be an acronym: "UNODC", "PAcCTO", "UN-REDD".
_ACRONYM_CAPITALS = 0.5


def _is_acronym(word: str) -> bool:
    if "." in word:
        return False  # an abbreviation: "D.C.", "St."
    letters = [ch for ch in word if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return capitals >= 2 and capitals >= _ACRONYM_CAPITALS * len(letters)


@cache
def _country_codes() -> dict[str, str]:
    """Every name ISO 3166 gives a country, in lower case, with "Korea, Republic of" also as
    "Republic of Korea", and the country's code."""
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            codes[name.casefold()] = country.alpha_2
            head, comma, tail = name.partition(", ")
            if comma:
                codes[f"{tail} {head}".casefold()] = country.alpha_2
                codes[head.casefold()] = country.alpha_2
    return codes


# Words that only say what kind of body a name is: "the Executive Committee" or "the Trust Fund"
# alone names no one in particular.
_GENERIC_WORDS = _ORGANISATION_WORDS | frozenset(
    "executive steering governing advisory technical management scientific coordinating joint "
    "project projects initiative programmes "
    "high-level global national regional international our its their".split()
)


def is_generic(run: str) -> bool:
    """Whether a name only says what kind of body it is: "the Secretariat", "the Joint
    Programme"."""
    words = run.split()
    return all(
        w.casefold() in _GENERIC_WORDS or w.casefold() in {"the", "of", "and", "&"} for w in words
    )


# "Department of …", "the Ministry for …": a body named by what it is of or for.
_BODY_OF = re.compile(r"(?:[Tt]he\s+)?[A-Z]\w+\s+(?:of|for)\s")
# What starts a new name after "and": "the", a government, an acronym, or an owner's name
# ("New Zealand's Ministry of …", ``_COUNTRY_OWNER``).
_NEW_NAME = re.compile(r"(?:the|The|Government)\b|[A-Z]{2,}\b")
_COUNTRY_OWNER = re.compile(r"((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+")


def _stands_alone(part: str) -> bool:
    """Whether one half of "A and B" is a whole name: an acronym, a country, or a name that ends
    in an organisation word ("European Commission"); "UN Economic" of "UN Economic and Social
    Council" is not."""
    words = part.split()
    if words[0] in {"the", "The"}:
        words = words[1:]
    # "New Zealand's Ministry of …": a country's body.
    owner = _COUNTRY_OWNER.match(" ".join(words))
    if owner is not None and owner.group(1).casefold() in _country_codes():
        words = words[len(owner.group().split()) :]
    if not words:
        return False
    if len(words) == 1 and _is_acronym(words[0]):
        return True
    if words[-1].casefold() in _ORGANISATION_WORDS | {"international"}:
        return True  # "Transparency International"
    if len(words) > 2 and words[0].casefold() in _ORGANISATION_WORDS and words[1] in {"of", "for"}:
        return True  # "Ministry of Foreign Affairs and Trade"
    return " ".join(words).casefold() in _country_codes() or words[0] in {
        "Government",
        "Governments",
    }


@cache
def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes, which look like acronyms: "USD 5 billion" names no organisation."""
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def is_currency(word: str) -> bool:
    """Whether a word is an ISO 4217 currency code."""
    return word in _currency_codes()


def is_organisation_word(word: str) -> bool:
    """Whether a word says that a name is an organisation's: "Office", "Fund"."""
    return word.casefold() in _ORGANISATION_WORDS


# The forms of companies that end their names: "Fiduciaria Andina S.A.", "Lumen Energy Ltd".
_COMPANY_ENDINGS = frozenset(
    "SA Ltd Limited Inc Incorporated GmbH LLC LLP PLC plc AG SARL SAS SpA BV NV Pty Corp Associates"
    " Partners".split()
)

# Words that say a name is a company's wherever they stand in it, though not first.
_COMPANY_WORDS = frozenset("Industries Holdings Enterprises".split())


def _names_organisation(run: str) -> bool:
    words = [w for w in run.split() if w not in _currency_codes()]
    if any(_is_acronym(word.strip(".-")) for word in words):
        return True
    if any(word.casefold() in _ORGANISATION_WORDS for word in words):
        return True
    if len(words) > 1 and words[-1] == "International":
        return True  # "Transparency International"
    if len(words) > 1 and words[-1].replace(".", "") in _COMPANY_ENDINGS:
        return True  # "Fiduciaria Andina S.A."
    if len(words) > 1 and not _COMPANY_WORDS.isdisjoint(words[1:]):
        return True  # "Marmara Bus Industries of Bursa"
    countries = _country_codes()
    return any(
        " ".join(words[start:end]).casefold() in countries
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    )


_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:(?:federal\s+)?governments?\s+of\s+(?:the\s+)?)?", re.I)


def bare_name(name: str) -> str:
    """A name without its bracketed acronym: "the Office (OLA)" → "the Office"."""
    return _BRACKETS.sub("", name).strip()


# The last words of some regions' names that only say what kind of region they are.
_REGION_KINDS = frozenset(
    "city shaary municipality province region district county state department".split()
)


@cache
def _subdivisions() -> tuple[tuple[str, str], ...]:
    """Every region of every country (ISO 3166-2) as pycountry has it, (name, country code),
    read from its data file: making pycountry's objects for all 5,000 of them cost the first
    question of every `qabot ask` three times as long."""
    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["3166-2"]
    return tuple((entry["name"], entry["code"].split("-")[0]) for entry in entries)


@cache
def region_names() -> dict[str, tuple[str, ...]]:
    """Every region of every country (ISO 3166-2), in lower case and without remarks in
    brackets, also without a last word of its kind ("Nairobi City", "Bishkek Shaary"), and
    the countries it is in ("Amazonas" is in three)."""
    found: dict[str, set[str]] = {}
    for region_name, country_code in _subdivisions():
        name = _BRACKETED.sub("", region_name).strip().casefold()
        words = name.split()
        forms = [name]
        if len(words) > 1 and words[-1] in _REGION_KINDS:
            forms.append(" ".join(words[:-1]))
        for form in forms:
            found.setdefault(form, set()).add(country_code)
    return {name: tuple(sorted(codes)) for name, codes in found.items()}


def country_names(code: str) -> tuple[str, ...]:
    """The names ISO 3166 gives the country of a code ("KE": "kenya"), in lower case."""
    return _names_by_code().get(code, ())


@cache
def _names_by_code() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name, code in _country_codes().items():
        found.setdefault(code, []).append(name)
    return {code: tuple(names) for code, names in found.items()}


@cache
def _codes() -> dict[str, str]:
    """Every two- and three-letter code of a country, in lower case, with "uk", which ISO 3166
    reserves for the United Kingdom; and the country's two-letter code."""
    codes = {"uk": "GB"}
    for country in pycountry.countries:
        codes[country.alpha_2.casefold()] = country.alpha_2
        codes[country.alpha_3.casefold()] = country.alpha_2
    return codes


def country_of_code(code: str) -> str | None:
    """The two-letter code of the country a code names ("us", "usa", "uk"), if any."""
    return _codes().get(code.casefold())


@cache
def country_first_words() -> frozenset[str]:
    """The first words of every country's names, in lower case: a word that is none of them
    starts no country's name."""
    return frozenset(name.split()[0] for name in _country_codes() if name)


def is_country(name: str) -> bool:
    """Whether a name is a country or its government: "the Republic of Korea", "Government
    of Japan"."""
    bare = _BRACKETED.sub("", _GOVERNMENT.sub("", name)).strip()
    return bare.casefold() in _country_codes()


@cache
def regions_of(country: str) -> tuple[str, ...]:
    """The names ISO 3166-2 gives a country's provinces, regions or departments ("Souss-Massa",
    "Huehuetenango"), without their remarks in brackets; none for a name that is no country.
    A region named as its country is ("Guatemala" department) is left out."""
    bare = _BRACKETED.sub("", _GOVERNMENT.sub("", country)).strip()
    code = _country_codes().get(bare.casefold())
    if code is None:
        return ()
    names = (
        _BRACKETED.sub("", region_name).strip()
        for region_name, country_code in _subdivisions()
        if country_code == code
    )
    return tuple(sorted({name for name in names if not is_country(name)}))


def reads_as_organisation(name: str) -> bool:
    """Whether a name that a wording gives may be an organisation's: it names one, it is a
    single word ("Europol"), which is seldom a person, or it says what kind of body it is
    before its name ("the fishing cooperative Jappo Pêche")."""
    words = name.removeprefix("the ").split()
    # "the fishing cooperative Jappo Pêche": what it is, before its name.
    kind = itertools.takewhile(str.islower, words)
    return mentions_organisation(name) or len(words) == 1 or any(map(is_body_kind, kind))


def mentions_organisation(text: str) -> bool:
    """Whether a text names an organisation, a government or a country."""
    return any(_names_organisation(run) for run in _CAPITALIZED_RUN.findall(text))


@dataclass(frozen=True)
class Mention:
    """An organisation named in a text.

    Attributes:
        name: as an answer should give it: "the World Health Organization (WHO)".
        start: where it starts in the text, its article included.
        end: where it ends, its bracketed acronym included.
    """

    name: str
    start: int
    end: int


# The article before a name, and a name's acronym in brackets after it.
_ARTICLE = re.compile(r"(?:the|The)\s+$")
_BRACKETED = re.compile(r"\s*\(([^()]{1,20})\)")
_BRACKETS = re.compile(r"\s*\([^()]*\)")
_OWNER = re.compile(r"['’]s$")
# Words that join two names of one run, where the run is two organisations when both halves are:
# "UNODC and INTERPOL", but not "Office on Drugs and Crime".
_JOINS = re.compile(r"\s+(?:and|&)\s+")
_NOT_NAME_STARTS = frozenset(
    "The A An In On At By For From With Its Our Their This That These Those As Since Until "
    "Under Through And Or But If When While Besides After Before Following Today Currently "
    "Together Within Without Across Among Between During Beyond Despite Alongside Also Each "
    "Every Both All Many Most Some Other Such Then Thus However Meanwhile Moreover Furthermore "
    "Additionally Initially Originally Later Now Recently Where Whereas Although Via Per".split()
)
# Role nouns that open a run without being part of the name after them: "Trustee of the GEF
# Trust Fund" names the fund, and says who the trustee is; "Funding for the X Initiative".
_ROLE_HEADS = frozenset(
    "Trustee Treasurer Host Chair Chairs Co-Chair Co-chair Co-Chairs Co-chairs Vice-Chair "
    "Vice-chair Donor Donors Funder Funders Sponsor Sponsors "
    "Partner Partners Member Members Funding Financing".split()
)
_ROLE_HEAD_LINK = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
# Posts of two words, written in capitals, that open a run the same way: "the Administrative
# Agent of the Fund", "Principal Recipient for the Grant".
_ROLE_PHRASE = re.compile(
    r"(?:(?:Administrative|Fiscal|Grant|Managing)\s+Agent|Principal\s+Recipient|"
    r"(?:Accredited|Implementing|Executing|Lead)\s+(?:Entity|Agency))\s+(?:of|for)\s+(?:the\s+)?"
)
# Verbs of a part that open a run, as a table's cell of tasks begins: "Hosts the CARWatch
# secretariat" names CARWatch, and says what the row's organisation does.
_VERB_HEADS = frozenset(
    "Hosts Houses Leads Runs Manages Coordinates Implements Administers Oversees Operates "
    "Chairs Trains Supplies Provides Funds Finances Supports".split()
)
_VERB_HEAD_LINK = re.compile(r"\s+(?:the\s+)?")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A run without the capitalized function words that open a sentence ("In Kenya"), and
    without a role noun that opens it ("Trustee of the")."""
    while True:
        phrase = _ROLE_PHRASE.match(text, start, end)
        if phrase is not None:
            start = phrase.end()
            continue
        head, space, _ = text[start:end].partition(" ")
        if space and (head in _ROLE_HEADS or head in _VERB_HEADS):
            linking = _ROLE_HEAD_LINK if head in _ROLE_HEADS else _VERB_HEAD_LINK
            link = linking.match(text, start + len(head), end)
            if link:
                start = link.end()
                continue
        if not space or head not in _NOT_NAME_STARTS:
            return start, end
        start += len(head) + 1


def _parts_apart(left: str, right: str) -> bool:
    """Whether the name after an "and" is another, not more of what the name before it is of:
    "Department of Forests and Park Services" is one; "the Republic of Korea and Japan" and
    "the Government of Australia and New Zealand's Ministry …" are two."""
    return (
        not _BODY_OF.match(left)
        or _NEW_NAME.match(right) is not None
        or _COUNTRY_OWNER.match(right) is not None
        or is_country(left)
        or is_country(right)
    )


def _split_joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run split at "and" or "&" where every part names an organisation."""
    run = text[start:end]
    joins = list(_JOINS.finditer(run))
    if not joins:
        return [(start, end)]
    bounds = [0, *(x for j in joins for x in (j.start(), j.end())), len(run)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if all(_stands_alone(run[a:b]) for a, b in parts) and all(
        _parts_apart(run[a:b], run[c:d]) for (a, b), (c, d) in itertools.pairwise(parts)
    ):
        return [(start + a, start + b) for a, b in parts]
    # One "and" between two whole names, another inside the second: "the Government of
    # Australia and New Zealand's Ministry of Foreign Affairs and Trade". After "Department of
    # Forests", "and Park Services" goes on with what it is of, unless a new name starts.
    for join in joins:
        left, right = run[: join.start()], run[join.end() :]
        if _stands_alone(left) and _stands_alone(right) and _parts_apart(left, right):
            return [
                *_split_joined(text, start, start + join.start()),
                *_split_joined(text, start + join.end(), end),
            ]
    # "and the" starts a new name, never the rest of one: "KRTV and the Ghanaian agency".
    new_name = [j for j in joins if run[j.end() : j.end() + 4] == "the "]
    if new_name:
        cut = new_name[0]
        return [
            *_split_joined(text, start, start + cut.start()),
            *_split_joined(text, start + cut.end(), end),
        ]
    return [(start, end)]


# What a name followed by ", a …" may be said to be, besides the organisation words: "Kawsay
# Sonqo, a foundation in El Alto", "Escucha Viva, a Lima charity", "Mare Vivo Pulito, a
# volunteer diving association".
_BODY_KINDS = _ORGANISATION_WORDS | frozenset(
    "charity charities ngo nonprofit non-profit firm consultancy manufacturer enterprise "
    "collective".split()
)
_DESCRIPTION = re.compile(r",\s+(?:a|an)\s+((?:[\w'’-]+\s+){0,5}[\w'’-]+)")


def is_body_kind(word: str) -> bool:
    """Whether a word says what kind of body something is: "cooperative", "charity", "NGO",
    or an organisation's word ("foundation", "agency")."""
    return word.casefold() in _BODY_KINDS


def descriptions(text: str, named: Sequence[Mention]) -> list[tuple[int, int]]:
    """Where the descriptions of some names stand in a text: from the comma after a name
    followed by "a" or "an" to the next comma or the text's end ("Escucha Viva, a Lima
    charity founded in 2012 by two audiologists")."""
    found = []
    for mention in named:
        described = _DESCRIPTION.match(text, mention.end)
        if described is not None:
            comma = text.find(",", described.start() + 1)
            found.append((described.start(), comma if comma >= 0 else len(text)))
    return found


def _described_as_a_body(text: str, name: str, end: int) -> bool:
    """Whether the name that ends at ``end`` is followed by a description that says it is a
    body: ", a network of social workers", ", an advisory firm", ", a Lima charity"; not a
    kind of body in the plural ("Between Assemblies, a 32-member Council acts")."""
    lowered = name.casefold()
    if " " not in lowered and {lowered[:-3] + "y", lowered[:-1]} & _BODY_KINDS:
        return False
    described = _DESCRIPTION.match(text, end)
    return described is not None and any(map(is_body_kind, described.group(1).split()))


# What kind of body a name is, said right before it: "the firm Auditores Cruz & Prieto", "the
# fishing cooperative Jappo Pêche": an article, then up to three words in lower case.
_KIND_THEN = re.compile(r"(?:[Tt]he|[Aa]n?)\s+((?:[a-z-]+\s+){1,3})(?=[A-Z])")
_ARTICLE_AT = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s")
# How far before a name the article of its kind may stand.
_KIND_REACH = 60


def _kind_said_before(text: str, start: int) -> bool:
    """Whether the words right before a name say what kind of body it is (``past_kind``)."""
    return any(
        past_kind(text, article.start()) == start
        for article in _ARTICLE_AT.finditer(text, max(0, start - _KIND_REACH), start)
    )


def past_kind(text: str, start: int) -> int | None:
    """Where a name starts after the words at ``start`` that say what kind of body it is ("the
    firm " in "the firm Auditores Cruz & Prieto"); None if they say none."""
    said = _KIND_THEN.match(text, start)
    if said is None or not is_body_kind(said.group(1).split()[-1]):
        return None
    return said.end()


def mentions(text: str) -> list[Mention]:
    """The organisations a text names, in order; a long name and its bracketed acronym are
    one mention."""
    found: list[Mention] = []
    for run in _CAPITALIZED_RUN.finditer(text):
        start, end = _trimmed(text, run.start(), run.end())
        for a, b in _split_joined(text, start, end):
            name = text[a:b].rstrip(".'’-")
            # "Sweden USD 3 million": the currency of an amount after a name is no part of it.
            head, _, last = name.rpartition(" ")
            if head and is_currency(last) and re.match(r"\s?\d", text[a + len(name) :]):
                name = re.sub(r"(?:\s+(?:of|for|and|&))+$", "", head)
            b = a + len(name)
            # "the Reef Council's office": a name written as an owner is still a name.
            bare = _OWNER.sub("", name)
            if (
                not (
                    _names_organisation(bare)
                    or _described_as_a_body(text, bare, b)
                    or _kind_said_before(text, a)
                    or (bool(found) and _listed_with_acronym(text, found[-1], a, bare, b))
                )
                or is_generic(bare)
                or text[b : b + 1] == "$"
            ):
                continue  # "US$ 600 million" names no one
            if found and a < found[-1].end:
                continue  # the acronym in brackets of the name before
            name, b = _with_short_form(text, name, b)
            article = _ARTICLE.search(text, max(0, a - 4), a)
            if article and not _is_acronym(text[a:b].split()[0]):
                name, a = f"the {name}", article.start()
            found.append(Mention(name, a, b))
    return _with_commas_inside(text, found)


# Words that make a name a place's or a person's: "Port Vila", "Lake Victoria", "Kano State",
# "Mr Khamphet".
_PLACE_OR_PERSON = _REGION_KINDS | frozenset(
    "port lake mount river valley island islands coast bay town village "
    "mr mrs ms dr prof professor sir dame".split()
)


# What joins the names of one list: a comma, "and", "&", and the article of the next name.
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+)?")


def _listed_with_acronym(text: str, before: Mention, start: int, name: str, end: int) -> bool:
    """Whether a name follows an organisation in the same list and is followed by an acronym in
    brackets that its capitalized words spell, each of them in order, the parts of a
    hyphenated word too: a body that gives itself a short name, whatever its words ("UNIDO
    and the Physikalisch-Technische Bundesanstalt (PTB)"). Alone, such a name is as often a
    programme's ("to launch Pacific Early Warning Connect (PEWC)")."""
    if LIST_JOIN.fullmatch(text, before.end, start) is None:
        return False
    bracket = _BRACKETED.match(text, end)
    if bracket is None or not _is_acronym(bracket.group(1)):
        return False
    initials = [word[0] for word in re.split(r"[\s-]+", name) if word[:1].isupper()]
    return len(initials) > 1 and initials == [ch for ch in bracket.group(1) if ch.isupper()]


def proper_names(text: str) -> list[Mention]:
    """The names of two or more capitalized words that ``mentions`` does not take for bodies,
    as no word of theirs says what they are ("Certisud Maroc", "Vetora Animal Health"); for a
    place that only the part a sentence gives them says they play ("is bought by A"). A
    country, a region or a kind of body alone is none."""
    taken = mentions(text)
    found = []
    for run in _CAPITALIZED_RUN.finditer(text):
        a, b = _trimmed(text, run.start(), run.end())
        name = text[a:b].rstrip(".'’-")
        b = a + len(name)
        if (
            len(re.findall(r"\b[A-Z]", name)) < 2
            or any(m.start < b and a < m.end for m in taken)
            or is_generic(name)
            or is_country(name)
            or name.casefold() in region_names()
            or not _PLACE_OR_PERSON.isdisjoint(name.casefold().split())
        ):
            continue
        name, b = _with_short_form(text, name, b)
        found.append(Mention(name, a, b))
    return found


# The rest of a long name after a comma, up to the acronym in brackets that spells the whole:
# ", Water Resources and Irrigation (MoEWRI)" after "Ministry of Energy".
_COMMA_TAIL = re.compile(r",\s+[A-Z][^.;:()]{0,80}?\s*\(([^()\s]{2,12})\)")


def _with_short_form(text: str, name: str, end: int) -> tuple[str, int]:
    """A name that ends at ``end``, with its short form in brackets after it, if any
    (``_short_for``): "the Swedish International Development Cooperation Agency (Sida)"."""
    bracket = _BRACKETED.match(text, end)
    if bracket and _short_for(name, bracket.group(1)):
        return f"{name} ({bracket.group(1)})", bracket.end()
    return name, end


def _short_for(name: str, short: str) -> bool:
    """Whether a word in brackets after a name is its short form: an acronym ("UNODC"), or a
    word whose letters are the initials of the name, as some agencies write theirs ("Sida" for
    the Swedish International Development Cooperation Agency)."""
    if _is_acronym(short):
        return True
    return short.isalpha() and short[:1].isupper() and _spelled_whole(name, list(short.upper()))


def _spelled_whole(name: str, capitals: list[str]) -> bool:
    """Whether an acronym's capitals are the initials of a name's capitalized words, from its
    first to its last, in order, with at most one word left out: M, E, W, R, I of "Ministry of
    Energy, Water Resources and Irrigation"; G, F, A, T, M of "Global Fund to Fight AIDS,
    Tuberculosis and Malaria"; not M, H of "Ministry of Health, Kenya"."""
    initials = [word[0] for word in re.findall(r"[\w'’-]+", name) if word[0].isupper()]
    if not capitals or initials[:1] != capitals[:1] or initials[-1:] != capitals[-1:]:
        return False
    if len(initials) - len(capitals) not in (0, 1):
        return False
    rest = iter(initials)
    return all(letter in rest for letter in capitals)


# The words after a comma that go on with a body's name: capitalized, joined by small words.
_NAME_GOES_ON = re.compile(r"\s*[A-Z][\w-]*(?:\s+(?:and|of|for|&|[A-Z][\w-]*)){0,8}\s*")


def _goes_on(name: str, rest: str) -> bool:
    """Whether the words after a comma go on with a body's name, whatever its acronym spells
    (the Spanish "IANIGLA" of "the Argentine Institute of Snow Research, Glaciology and
    Environmental Sciences"): a name with a word of a body, then capitalized words with none,
    and no country ("Ministry of Health, Kenya (MoH)" is two)."""
    words = rest.split()
    return (
        any(is_organisation_word(w) for w in name.split())
        and _NAME_GOES_ON.fullmatch(rest) is not None
        and not any(is_organisation_word(w) for w in words)
        and not is_country(rest.strip())
    )


def _with_commas_inside(text: str, found: list[Mention]) -> list[Mention]:
    """The mentions, where a comma inside a long name cut it, made whole again: "Ministry of
    Energy, Water Resources and Irrigation (MoEWRI)", whose acronym its capitalized words spell
    (``_spelled_whole``), is one body, and so is a body's name that goes on after its comma
    (``_goes_on``); "Ministry of Health, Kenya (MoH)" stays two."""
    whole: list[Mention] = []
    for mention in found:
        if whole and mention.start < whole[-1].end:
            continue  # inside the name made whole before it
        tail = None if "(" in mention.name else _COMMA_TAIL.match(text, mention.end)
        if tail is not None and _is_acronym(tail.group(1)):
            start = mention.start + (4 if mention.name.startswith("the ") else 0)
            long = text[start : tail.start(1) - 1].rstrip()
            if _spelled_whole(long, [ch for ch in tail.group(1) if ch.isupper()]) or _goes_on(
                long, text[tail.start() + 1 : tail.start(1) - 1]
            ):
                name = text[mention.start : tail.end()]
                mention = Mention(name, mention.start, tail.end())
        whole.append(mention)
    return whole
