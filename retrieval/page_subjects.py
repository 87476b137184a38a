"""What a page is about, by name: its title's or heading's programme, the undertaking its lead
names, its publisher; the other names it gives its subject; and what the page calls the
subject a question names. Who-answers, role evidence and what an organisation takes part in
all need it."""

from __future__ import annotations

import re
from collections.abc import Set

from corpus.acronyms import LONG_NAME
from corpus.models import BlockKind, Passage
from corpus.sentences import sentence_spans
from retrieval.analysis import Query
from retrieval.indexing import Index
from retrieval.memo import Memo
from retrieval.organisations import is_country, mentions
from retrieval.organisations import is_generic as names_a_kind
from retrieval.other_names import OPENING_PASSAGES, OPENING_WORDS, other_names
from retrieval.relations import Relation, is_generic, is_table_row
from retrieval.roles import referenced, said_role
from retrieval.searching import Searcher
from retrieval.tokenizing import STOPWORDS
from retrieval.undertakings import (
    ABOUT,
    ARTICLE_START,
    TITLE_PARTS,
    is_undertaking,
    names_in,
    title_names,
    undertakings_in,
    without_subtitle,
)

# How much a word of the question that only the page's first sentence says counts towards a
# claim's subject.
LEAD_WEIGHT = 0.5
# Pages whose full names are remembered before the memo starts over.
_PAGES_REMEMBERED = 4096
# Capitalized words with the small words and commas that join them: "Fight AIDS, Tuberculosis
# and Malaria".
_CAPITALIZED = r"[A-Z][\w'’-]*(?:,?\s+(?:(?:and|of|the|for|&)\s+)*[A-Z][\w'’-]*)*"

# A title that says what kind of page it is, not what it is about: "Project Information",
# "Programme overview", "Project profile".
_PAGE_KIND = re.compile(
    r"(?:(?:the\s+)?(?:project|programme|program|initiative|fund|facility)\s+)"
    r"(?:information|overview|details|profile|summary|fact\s*sheet|description|data|card)",
    re.IGNORECASE,
)
# Words in lower case, but for "of", "the" and such, from which a title's part is a headline
# more than a name ("Global partnership for education" is a name).
_HEADLINE_WORDS = 3
# How many passages open a page, as the lead of a news story: a standfirst, then first lines.
_LEAD_PASSAGES = 3
# A line of key facts that gives a page's undertaking its name: "Project name | X", "Name of the
# Fund: X", "Full name: X".
_NAME_LABEL = re.compile(
    r"^\s*(?:(?:project|programme|program|fund|initiative|full|official)\s+name|"
    r"name\s+of\s+the\s+(?:project|programme|program|fund|initiative)|project\s+title)"
    r"\s*[:|]\s*([^|]+?)\s*$",
    re.IGNORECASE,
)
# A lead that says what its first name is: "Aushadhi Sahaj (roughly "medicines made easy") is
# the programme I work for", on a blog whose title names it nowhere.
_DEFINED_LEAD = re.compile(
    r"^\s*(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})(?:\s*\([^()]{0,80}\))?,?\s+is\s+"
    r"(?:the|a|an|our)\s+(?:[\w-]+\s+){0,4}?(?:programme|program|project|initiative|"
    r"partnership|scheme|campaign|network|facility|fund)\b"
)
# Small words that a heading in title case writes with a capital: "What We Do".
_TITLE_CASED_SMALL = "(?:We|You|It|Is|Are|Was|Were|Do|Does|Did|Can|Our|Your|The|To|A|An|In|On)"
# Headings that ask a question, or say only that a page is about something: not names. A
# headline that starts with such a word and goes on with a name is no question: "How
# Bénin's nutrition movement won over 40 communes".
_QUESTION_HEADING = re.compile(
    r"(?i:who|what|which|how|why|where|when)\b(?!\s+(?!" + _TITLE_CASED_SMALL + r"\b)[A-Z])"
    r"|(?i:(?:about|welcome)(?:\s+(?:us|the\s+\w+))?)$",
)
_BRACKETED_ALONE = re.compile(r"^\(([^()]*)\)$")
# A long name as pages write it in full (``corpus.acronyms.LONG_NAME``), with the places a
# dash joins before it: "Bangladesh–Malaysia Fair Recruitment Corridor".
_LONG_NAME = re.compile(rf"\b(?:[A-Z][\w'’]*[–-])*{LONG_NAME}")


def subject_names(title: str, section: str) -> list[str]:
    """What a page's title and a section heading may call the page's subject, title first:
    each part of a title split at a dash, colon or bar ("About the programme – EUROFRONT |
    Border management" gives "EUROFRONT"), without a leading "About"; never a heading that
    asks a question ("Who implements EUROFRONT") or only says "About us"."""
    parts = [*TITLE_PARTS.split(title), section]
    # A part that is only a bracketed acronym is that acronym: "(NBIMF)".
    names = [_BRACKETED_ALONE.sub(r"\1", ABOUT.sub("", part).strip()) for part in parts]
    return [
        name
        for part, name in zip(parts, names, strict=True)
        if name and not _QUESTION_HEADING.match(part.strip())
    ]


def _reads_as_headline(part: str) -> bool:
    """Whether a title's part says something of its subject rather than naming it: "Clean
    Ports Initiative enters second phase", with more words in lower case than a name has."""
    lowered = [w for w in part.split() if w[:1].islower() and w.casefold() not in STOPWORDS]
    return len(lowered) >= _HEADLINE_WORDS


def names_a_role(heading: str) -> bool:
    """Whether a heading names a role and nothing with a name of its own ("Our core partners",
    "Funding"; not "Partnership for Action on Green Economy"): it says who plays a part in the
    subject, and a line must not call the subject by it."""
    return said_role(heading) is not None and heading[1:] == heading[1:].lower()


def names_term(term: str, terms: set[str] | frozenset[str], long: tuple[str, ...]) -> bool:
    """Whether some terms name a question's term: they hold it, or for an acronym, half of its
    ``long`` name at least ("GPEI" on the page of the "Polio Eradication Initiative")."""
    return term in terms or (bool(long) and 2 * len(terms.intersection(long)) >= len(long))


# A site's name that says it publishes news: "EAC Press Centre", "UN Media Office", "Newsroom";
# its pages are about what their news is about. Not "Great Lakes Media Safety Facility".
_NEWS_DESK = re.compile(
    r"\b(?:press|media|news)\s+(?:centre|center|office|room|desk|service)s?$|\bnews(?:room)?$",
    re.IGNORECASE,
)


class PageSubjects:
    """What the pages of one index are about, by name, read once a page."""

    def __init__(self, index: Index, searcher: Searcher, publishers: dict[str, str]) -> None:
        self.index = index
        self.searcher = searcher
        self._publishers = publishers  # document id → publisher, the engine's
        self._lead = Memo(self._read_lead)
        self._page_names = Memo(self._read_page_names)
        self._lead_terms = Memo(self._read_lead_terms)
        self._other_names = Memo(self._read_other_names)
        self._full_names = Memo(self._read_full_names, _PAGES_REMEMBERED)
        # Each acronym's other names (``Index.aliases``).
        self._aliases: dict[str, tuple[str, ...]] = {}
        for alias, short in index.aliases.items():
            self._aliases[short] = (*self._aliases.get(short, ()), alias)

    def page_subject(self, passage: Passage) -> str | None:
        """What a page is about, by name: the part of its title that names a programme or
        fund, else its publisher, else its title's first part."""
        names = subject_names(passage.title, passage.section)
        # A site's name may say what it is about and whose it is: "Mekong Container Watch |
        # UNODC".
        publisher = next(iter(subject_names(self._publishers.get(passage.doc_id, ""), "")), "")
        return (
            self.titled_subject(passage)
            or (
                publisher
                if is_undertaking(publisher) and not _NEWS_DESK.search(publisher)
                else None
            )
            or self._lead(passage.doc_id)
            or publisher
            or (names[0] if names else None)
        )

    def titled_subject(self, passage: Passage) -> str | None:
        """The programme a page's title or heading names, if one does: all of a part of it, or
        a name inside a headline ("Why the Horn of Africa One Health Partnership matters")."""
        named = [
            n
            for n in subject_names(passage.title, passage.section)
            # Not "Implementing consortium", nor "The Joint Programme", which only says its kind,
            # nor "Project Information", which says what the page is.
            if is_undertaking(n)
            and not names_a_role(n)
            and not names_a_kind(n)
            and not _PAGE_KIND.fullmatch(n)
            and not _reads_as_headline(n)
        ]
        if not subject_names(passage.title, ""):
            named += [
                n
                for n in title_names(passage.title)
                if is_undertaking(n) and not _QUESTION_HEADING.match(n) and not ABOUT.match(n)
            ]
        return named[0] if named else None

    def _read_lead(self, doc_id: str) -> str | None:
        """The undertaking a page's lead names: the one a line of key facts gives its name
        ("Project name | Safe Reservoirs Lanka Programme (SRLP)", "Name of the Fund: X"); else
        a fact sheet's first heading, under a title that is its publisher's, where it names its
        programme by two of the title's words ("LILONGWE WATER BOARD", then "LILONGWE URBAN
        WATER PERFORMANCE PROGRAMME (LUWPP)"); else the first it names, where that shares a
        word with the page's title: a news story names what its headline is about in its first
        lines ("Snakebite partners take stock …": "Partners of the Lowland Snakebite Care
        Partnership (LSCP) met …"), and its publisher is a news site."""
        page = self.index.passages.of_document(doc_id)
        lead = [self.index.passages[int(p)] for p in page[:_LEAD_PASSAGES]]
        for passage in lead:
            label = _NAME_LABEL.match(passage.text)
            if label is not None and is_undertaking(label.group(1)):
                return ARTICLE_START.sub("", label.group(1))
            defined = _DEFINED_LEAD.match(passage.text)
            if defined is not None and defined.group("name").split()[0] not in OPENING_WORDS:
                return defined.group("name")
        if not lead:
            return None
        title = set(self.searcher.terms_of([lead[0].title]))
        heading = next((p.section for p in lead if p.section != p.title), "")
        if (
            is_undertaking(heading)
            and not _reads_as_headline(heading)
            and len(title & self.searcher.terms_of([heading])) > 1
        ):
            return ARTICLE_START.sub("", heading)
        named = [
            ARTICLE_START.sub("", m.name)
            for passage in lead
            for m in mentions(passage.text)
            if is_undertaking(m.name)
        ]
        return named[0] if named and title & self.searcher.terms_of(named[:1]) else None

    def subject_of(self, query: Query, passage: Passage) -> str | None:
        """What a page calls the subject that the question names, or None when the page names
        it nowhere the question does: its title, heading, publisher or a programme it names,
        else any name of its passage the question names ("The Eighth Replenishment … was
        co-hosted by A and B")."""
        names = [n for n in subject_names(passage.title, passage.section) if not names_a_role(n)]
        # A news title is a sentence: "Port Control Academy trains customs officers in West
        # African ports" calls its subject "Port Control Academy".
        names += title_names(passage.title)
        names += subject_names(self._publishers.get(passage.doc_id, ""), "")
        names += [name for e in query.expansions for name in (e.short, e.long)]
        # Its other names: "Surya Sinchai Pariyojana" for the Terai Solar Pumps Project.
        names += self.other_names(passage.doc_id)
        # A page about many things names each where it speaks of it: "project CRIMJUST".
        names += undertakings_in(passage.text)
        # A name the question gives as a point of reference ("before NAMEM took it over") is
        # no name of its subject.
        reference = self.reference(query)
        names = [n for n in names if n and not self.searcher.terms_of([n]) <= reference]
        found = self.named_by(query, names)
        if found is not None:
            return found
        # Another name of the passage only where the question says all of it: "the eighth
        # replenishment", not "the world" of "World Customs Organization".
        asked = set(query.content) - reference
        whole = [n for n in names_in(passage.text) if self.searcher.terms_of([n]) <= asked]
        return self.named_by(query, whole)

    def named_by(self, query: Query, names: list[str]) -> str | None:
        """The name, among those a page gives its subject, that the question's topic names
        most; of those, the one with the fewest words the question does not say ("IPCC", not
        "IPCC Factsheet", for "who set up the ipcc"); the first when they still tie, as the
        page is about its title; None when the topic names none of them, or only a country."""
        information = self.searcher.information
        asked = set(query.content)

        def naming(name: str) -> tuple[float, int]:
            terms = self.searcher.terms_of([name])
            said = sum(
                information(t)
                for t in query.content
                if names_term(t, terms, self.searcher.long_terms(t))
            )
            return said, -len(terms - asked)

        # A country a title names first says where, not what: "Cabo Verde – Island Water
        # Security and Desalination Project".
        scored = [(naming(name), name) for name in names if not is_country(name)]
        best = max(scored, key=lambda pair: pair[0], default=((0.0, 0), None))
        return best[1] if best[0][0] > 0 else None

    def reference(self, query: Query) -> set[str]:
        """The terms of what a question names as a point of reference, with the long names of
        its acronyms: "before NAMEM took it over", "before it moved to Abidjan"."""
        referred = referenced(query.text)
        return self.searcher.terms_of(
            [*referred, *(e.long for e in query.expansions if e.short.casefold() in referred)]
        )

    def generic_subject_names(self, relation: Relation, passage: Passage) -> list[str]:
        """What a relation that names no subject of its own may be about: what its passage's
        title and heading call their subject, and for a list or table of players, which is
        the page's own, what the page is about: a list on the page "Who we are" is its
        publisher's. A sentence's "the Programme" may be another one named before it."""
        names = subject_names(passage.title, passage.section)
        listed = passage.kind is BlockKind.LIST_ITEM or is_table_row(passage.text)
        if relation.subject is None and (listed or self.titled_subject(passage) is None):
            names.append(self.page_subject(passage) or "")
        return [name for name in names if name]

    def fuller_names(self, doc_id: str, names: list[str]) -> list[str]:
        """The other names of ``names``: the other names the corpus gives an acronym among them
        (``Index.aliases``: "Andean Glacier and Snow Observation Network" for ROGLAN), and the
        longer names a page gives one of them where it writes it in full: "The Global Fund to
        Fight AIDS, Tuberculosis and Malaria" for "The Global Fund", "Bangladesh–Malaysia Fair
        Recruitment Corridor" for "Fair Recruitment Corridor"."""
        other = [alias for name in names for alias in self._aliases.get(name, ())]
        # A name of one word ("UN") begins too many others to stand for them.
        bare = {
            short
            for name in names
            if len((short := ARTICLE_START.sub("", name)).split()) > 1 and not is_generic(short)
        }
        if not bare:
            return other
        written = self._page_names(doc_id)
        # A longer name goes on after one of them, or has words before it.
        return other + [
            full
            for full in written
            if any(full.startswith(f"{n} ") or full.endswith(f" {n}") for n in bare)
        ]

    def _read_page_names(self, doc_id: str) -> tuple[str, ...]:
        """The long capitalized names a page writes, once each."""
        runs = (
            ARTICLE_START.sub("", run.group())
            for position in self.index.passages.of_document(doc_id)
            for run in _LONG_NAME.finditer(self.index.passages[position].text)
        )
        return tuple(dict.fromkeys(runs))

    def names_part_of(self, subject: str | None, title: str) -> bool:
        """Whether a subject is a shorter name for what the title names."""
        terms = self.searcher.terms_of([subject or ""])
        return bool(terms) and terms < self.searcher.terms_of([title])

    def lead_share(
        self, doc_id: str, missing: Set[str], total: float
    ) -> tuple[float, frozenset[str]]:
        """What the first sentence of a page adds, at ``LEAD_WEIGHT``, to a subject's match of
        a question's topic (of information ``total``) where the match lacks some terms: the
        share it adds, and those of them it says."""
        described = frozenset(missing & self.lead_terms(doc_id))
        information = self.searcher.information
        return LEAD_WEIGHT * sum(information(t) for t in described) / total, described

    def lead_terms(self, doc_id: str) -> frozenset[str]:
        """The terms of the first sentence of a page's first passage, read once a page."""
        return self._lead_terms(doc_id)

    def _read_lead_terms(self, doc_id: str) -> frozenset[str]:
        page = self.index.passages.of_document(doc_id)
        text = self.index.passages[int(page[0])].text if len(page) else ""
        spans = sentence_spans(text)
        first = text[spans[0][0] : spans[0][1]] if spans else ""
        return frozenset(self.searcher.tokenizer.terms(first))

    def other_names(self, doc_id: str) -> tuple[str, ...]:
        """The other names a page gives what it is about, which name it as its title does:
        "Surya Sinchai Pariyojana" for the Terai Solar Pumps Project (``other_names``). Once a
        page."""
        return self._other_names(doc_id)

    def _read_other_names(self, doc_id: str) -> tuple[str, ...]:
        positions = self.index.passages.of_document(doc_id)[:OPENING_PASSAGES]
        texts = [self.index.passages[int(position)].text for position in positions]
        title = self.index.passages[int(positions[0])].title if texts else ""
        head = f"{title}\n{self._publishers.get(doc_id, '')}"
        return other_names(texts, head, self.searcher.tokenizer.terms)

    def full_names(self, passage: Passage) -> tuple[str, ...]:
        """The names a page writes in full for what its title or publisher calls it: "The
        Global Fund to Fight AIDS, Tuberculosis and Malaria" on a page of "The Global Fund";
        what it is "to", "for", "of" or "against" goes on from its short name; or with the
        short form it gives in brackets ("Joint Programme on … Rural Women (JP RWEE)"). Once
        a page."""
        return self._full_names(passage.doc_id)

    def _read_full_names(self, doc_id: str) -> tuple[str, ...]:
        page = self.index.passages.of_document(doc_id)
        title = self.index.passages[int(page[0])].title if len(page) else ""
        bare = (
            ARTICLE_START.sub("", name)
            for name in (self._publishers.get(doc_id, ""), without_subtitle(title))
        )
        short = [re.escape(name) for name in bare if len(name.split()) >= 2]
        if not short:
            return ()
        # The short name, then what it is to, for, of or against, in capitalized words, or
        # the short name it is given in brackets: "… of Rural Women (JP RWEE)".
        pattern = re.compile(
            rf"\b(?:{'|'.join(short)})(?:,?\s+(?:to|for|of|against)\s+{_CAPITALIZED}"
            r"|\s+\([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\))"
        )
        texts = (self.index.passages[int(p)].text for p in page)
        return tuple(dict.fromkeys(m.group() for text in texts for m in pattern.finditer(text)))
