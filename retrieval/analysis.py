"""From a question to a query: typo correction, acronyms and long names, the words that name
its topic, and those that only say what it asks."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpus.models import DocumentMeta
from retrieval.answer_types import BEGINNING, RENAMING_ASKED, question_types
from retrieval.correcting import Correction, Corrector
from retrieval.indexing import Index
from retrieval.organisations import country_names, country_of_code
from retrieval.questions import (
    NAME_PREFIXES,
    QUESTION_WORDS,
    as_question,
    asks_for_names,
    asks_who_runs,
    holds_run,
    is_question_word,
    named_spans,
    runs_of,
)
from retrieval.roles import asks_for_countries, said_role
from retrieval.scoring import Scorer
from retrieval.spelling import Speller, is_english_word
from retrieval.synonyms import SYNONYMS, alternatives
from retrieval.tokenizing import STOPWORDS, Token, normalize
from retrieval.undertakings import ABOUT, title_names

if TYPE_CHECKING:
    from retrieval.searching import SearchSettings

# The share of a long name's information that a question must contain to be taken as naming it.
LONG_NAME_MIN_SHARE = 0.75
_MAX_STRAY_LETTERS = 2
# Capitalized words in a row, as names are written: "The Global Fund", "SUN Lead Group"; and
# how many passages that hold two words of a question are read for them.
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)+")
_NAME_PASSAGES_READ = 20
# An article or determiner just before a word: "the page", "which one".
_DETERMINED = re.compile(
    r"\b(?:the|a|an|this|that|these|those|which|what|whose|your|my|our|its|their|each|any|"
    r"every|another|other|some|no)\s+$"
    # After its subject it is a verb: "where can i find …", "how do we find …" (after "does"
    # or "to" it may be a name: "what does FIND do", "money to FIND").
    r"|\b(?:i|you|we|they)\s+$",
    re.IGNORECASE,
)
# What a chat message carries besides its question: @usernames of the people it is addressed
# to, links, and markup pasted with it (tags, and a script's or a style's text). Their words are
# not topics; searched, an unknown handle ("@alice") or "alert" would weigh as a word the
# corpus lacks, and the question would go unanswered.
_NOT_ASKED = re.compile(
    r"(?<![\w@])@\w{2,32}\b|\b(?:https?://|www\.)\S+"
    r"|<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>|</?[a-z][^<>]{0,200}>",
    re.IGNORECASE | re.DOTALL,
)
# "Who put in the snow stations", "how many fridges has X put in": installing, said as chats
# say it; not money put in ("how much did Japan put in"), nor "put into".
_PUT_IN = re.compile(r"\bput\s+in\b(?!to)", re.IGNORECASE)
_MONEY_ASKED = re.compile(r"\bhow\s+much\b|\bmoney\b|\bfunds?\b", re.IGNORECASE)


def _installing(question: str) -> str:
    """A question with "put in" read as "installed", unless it asks about money."""
    return question if _MONEY_ASKED.search(question) else _PUT_IN.sub("installed", question)


# Phrases that say how a part is played, not what is asked about: "who implements X on the
# ground", "who manages X day to day". Their words would be sought as the question's topic,
# "ground" as a word the corpus lacks, and the question refused.
_MANNER = re.compile(
    r"\b(?:on\s+the\s+ground|day[\s-]+to[\s-]+day|in\s+practice|in\s+reality|in\s+general"
    r"|in\s+the\s+first\s+place)\b",
    re.IGNORECASE,
)


# A country's code after "the", as chats write a country: "the us", "the uk", "the uae".
_THE_CODE = re.compile(r"\b(the\s+)([a-z]{2,3})\b(?!-)", re.IGNORECASE)
# Small words that never follow "the" as nouns do: "the us" is the United States.
_NO_NOUNS = STOPWORDS | frozenset("us me it him her them".split())


@dataclass(frozen=True)
class Expansion:
    """An acronym and its long name, used because the question named one of them.

    Attributes:
        short: the acronym, as the corpus writes it.
        long: its long name.
    """

    short: str
    long: str

    def __str__(self) -> str:
        return f"{self.short} = {self.long}"


@dataclass(frozen=True)
class Query:
    """A question ready for search.

    Attributes:
        text: the question after typo correction.
        weights: index term → weight; the BM25 query.
        content: the terms that carry the question's topic, question words left out.
        expansions: acronyms and long names that were added.
        corrections: the words that were corrected.
        who_runs: whether it asks who runs, implements or makes up something.
        implied: content term → terms that stand for it too: a derived form or synonym of
            an unknown word, or the acronym of a long name that the question spells out.
        spelled_out: acronym term → the terms of its long name, which stand for it in a
            passage that holds most of them.
        names: the content terms of each long name that the question spells out: one name,
            however many words, is one thing the question is about.
        in_names: the names, as content terms, that hold a word that otherwise shapes a
            question ("global fund" in "who funds the global fund"): one thing asked about,
            which a subject names only whole (``whole_names``).
        parts: the content terms that say what is asked and that the corpus lacks: the part
            of a who-question ("found" in "who founded X"), the beginning of a when-question
            ("creat" in "when was X created"). The passages may say it otherwise ("launched
            in 2015 by A and B"), so none needs to hold them to cover the question.
        named: for each name the question calls its subject by ("the andean water security
            programme", ``named_spans``), for each of its words but a prefix written apart
            ("anti"), the terms that stand for it: its own, its derived forms and synonyms,
            and for an unknown word the words it begins ("hep" for "hepatitis").
    """

    text: str
    weights: dict[str, float]
    content: tuple[str, ...]
    expansions: tuple[Expansion, ...] = ()
    corrections: tuple[Correction, ...] = ()
    who_runs: bool = False
    implied: dict[str, tuple[str, ...]] = field(default_factory=dict)
    spelled_out: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: tuple[tuple[str, ...], ...] = ()
    in_names: tuple[tuple[str, ...], ...] = ()
    parts: tuple[str, ...] = ()
    named: tuple[tuple[tuple[str, ...], ...], ...] = ()


def _in_order(terms: Sequence[str], name: Sequence[str]) -> bool:
    """Whether the words of ``name`` that ``terms`` hold come there in a row, in their order."""
    return holds_run(terms, [term for term in name if term in terms])


# An unknown word of a name stands for the words it begins, if it has this many letters at
# least ("hep" for "hepatitis"), and for at most this many of them.
_MIN_SHORTENED = 3
_SHORTENED = 20
# The small words a name's initials leave out: "South Asia Child Nutrition Fund" is SACNF.
INITIALS_GLUE = frozenset("of for the and to in on against &".split())
# How many initials a name must have to be asked by them: fewer match too much by chance.
_MIN_INITIALS = 4


def _names_in_titles(documents: Sequence[DocumentMeta]) -> Iterator[str]:
    """The names that documents' titles and publishers give, without an "About" before them."""
    for meta in documents:
        for name in title_names(f"{meta.title} | {meta.publisher or ''}"):
            yield ABOUT.sub("", name)


def _initialisms(documents: Sequence[DocumentMeta], known: Callable[[str], bool]) -> dict[str, str]:
    """The initials of the names that documents' titles and publishers give, for names asked
    by initials the corpus never writes ("sacnf" for "Five years of the South Asia Child
    Nutrition Fund"): only those that are no word of the corpus and belong to one name."""
    found: dict[str, set[str]] = defaultdict(set)
    for name in _names_in_titles(documents):
        words = [w for w in name.split() if w.casefold() not in INITIALS_GLUE]
        if len(words) >= _MIN_INITIALS and all(w[:1].isupper() for w in words):
            found["".join(w[0] for w in words).upper()].add(name)
    return {
        short: next(iter(names))
        for short, names in found.items()
        if len(names) == 1 and not known(short.casefold())
    }


def _runs_by_initials(
    documents: Sequence[DocumentMeta],
) -> dict[str, list[tuple[tuple[str, ...], int, int]]]:
    """The runs of words within the names that documents' titles and publishers give, by
    their initials, with and without the small words between ("HoA" and "HA" for "Horn of
    Africa" in "the Horn of Africa One Health Partnership"): each as the name's words and
    where the run begins and ends among them. A run begins and ends with a capitalized word."""
    found: dict[str, list[tuple[tuple[str, ...], int, int]]] = defaultdict(list)
    for name in _names_in_titles(documents):
        words = tuple(INITIAL_WORDS.findall(_IN_BRACKETS.sub(" ", name)))
        for start, end in itertools.combinations(range(len(words) + 1), 2):
            run = words[start:end]
            if len(run) < 2 or not (run[0][:1].isupper() and run[-1][:1].isupper()):
                continue
            firsts = "".join(word[0] for word in run).casefold()
            bare = "".join(w[0] for w in run if w.casefold() not in INITIALS_GLUE)
            for short in dict.fromkeys((firsts, bare.casefold())):
                if may_be_initials(short):
                    found[short].append((words, start, end))
    return found


# The words a short form may give the initials of: "Anti-Money Laundering" gives "aml".
INITIAL_WORDS = re.compile(r"[^\W\d_]+")
# What a name gives in brackets, its acronym, is no word of it.
_IN_BRACKETS = re.compile(r"\([^)]*\)")
# Short forms of these many letters only: longer ones are words of their own.
_INITIALS = range(2, 6)


def may_be_initials(short: str) -> bool:
    """Whether a word is letters only, as many as a short form's (``_INITIALS``)."""
    return len(short) in _INITIALS and short.isalpha()


def initials_of(short: str, text: str) -> bool:
    """Whether a text has words in a row whose initials spell ``short``, hyphens splitting
    words: "aml" in "Caribbean Anti-Money Laundering Programme"."""
    if not may_be_initials(short):
        return False
    firsts = "".join(word[0] for word in INITIAL_WORDS.findall(text)).casefold()
    return short.casefold() in firsts


class QuestionReader:
    """Reads questions against one index: what the corpus knows of their words, the acronyms
    it spells out and the names its titles give. Built once per index, with its searcher's
    word lookups."""

    def __init__(
        self,
        index: Index,
        settings: SearchSettings,
        scorer: Scorer,
        known: Callable[[str], bool],
        information: Callable[[str], float],
    ) -> None:
        self.index = index
        self.settings = settings
        self.tokenizer = index.tokenizer
        self.scorer = scorer
        self.known = known
        self.information = information
        vocabulary = Counter(index.words)
        vocabulary.update(
            {word: 1 for word in STOPWORDS | QUESTION_WORDS if word not in vocabulary}
        )
        self._vocabulary: list[str] | None = None  # sorted, when a short form asks for it
        # ``_runs_by_initials`` of the titles, when a question holds an unknown short word.
        self._title_runs: dict[str, list[tuple[tuple[str, ...], int, int]]] | None = None
        speller = Speller(vocabulary) if settings.spelling else None
        self._corrector = Corrector(
            known, self.tokenizer, speller, lambda token: bool(self.shortened(token))
        )
        spelled = {**_initialisms(index.documents, known), **index.acronyms}
        self._acronyms = {short.casefold(): (short, long) for short, long in spelled.items()}
        self._long_terms = {
            short: tuple(dict.fromkeys(self.tokenizer.terms(long)))
            for short, long in spelled.items()
        }
        # Long names written in a question, and the other names pages give acronyms
        # ("Andean Glacier and Snow Observation Network"), stand for the acronyms the corpus
        # writes; initials only ever stand for a name, the other way round.
        self._long_names = [
            *((short, long, self._long_terms[short]) for short, long in index.acronyms.items()),
            *(
                (short, alias, tuple(dict.fromkeys(self.tokenizer.terms(alias))))
                for alias, short in index.aliases.items()
            ),
        ]
        self._by_long_term: dict[str, list[int]] = defaultdict(list)
        for at, (_, _, terms) in enumerate(self._long_names):
            for term in terms:
                self._by_long_term[term].append(at)

    def long_terms(self, word: str) -> tuple[str, ...]:
        """The terms of the long name the corpus gives an acronym written so, in any case;
        none for another word."""
        found = self._acronyms.get(word.casefold())
        return self._long_terms[found[0]] if found else ()

    def spelled_out(self, word: str) -> tuple[str, str] | None:
        """The acronym a word is, as the corpus writes it, and its long name; None for a word
        that is no acronym the corpus spells out."""
        return self._acronyms.get(word.casefold())

    def spells_out(self, word: str) -> bool:
        """Whether the corpus gives a long name for an acronym written so, in any case."""
        return word.casefold() in self._acronyms

    def _read_as_acronym(self, token: Token, text: str) -> Token:
        """A word typed in lower case that the corpus writes as an acronym, and that is also an
        English word ("cites", "crews"), is the acronym when the corpus does not know the word,
        and the word otherwise: "who" is never the WHO. A word that shapes questions ("page")
        is the acronym the corpus spells out where no article or determiner makes it a common
        noun, nor a subject a verb: "where is page secretariat based", not "what
        does the page say" or "where can i find cheap flights"."""
        if token.acronym:
            return token
        if not self.known(token.surface):
            # No acronym is written so; but a name may be asked by its initials ("sacnf").
            if self.spells_out(token.surface):
                return replace(token, term=token.surface, acronym=True)
            return token
        if is_question_word(token.surface):
            if (
                token.surface in STOPWORDS
                or not self.spells_out(token.surface)
                or _DETERMINED.search(text, 0, token.start)
            ):
                return token
            return replace(token, term=token.surface, acronym=True)
        if self.known(token.term) and (
            not self.spells_out(token.surface)
            or self.scorer.document_frequency(token.term)
            >= self.scorer.document_frequency(token.surface)
        ):
            return token
        return replace(token, term=token.surface, acronym=True)

    def _is_topic(self, token: Token) -> bool:
        """Whether a word names what the question is about, so the answer must hold it.

        Question words do not, and neither do one- or two-letter words the corpus lacks,
        which are stray letters ("x", the "b" of a pasted "<b>") more often than topics.
        """
        if token.acronym:
            return True
        if is_question_word(token.surface):
            return False
        return (
            self.known(token.term)
            or len(token.surface) > _MAX_STRAY_LETTERS
            # Letters and digits together name something: "p3", "g7".
            or (
                any(ch.isdigit() for ch in token.surface)
                and any(ch.isalpha() for ch in token.surface)
            )
        )

    def _in_names(self, tokens: Sequence[Token], text: str) -> set[int]:
        """Which of a question's words that shape questions are words of a name after all:
        those right after a word of its topic that the corpus writes with it as a name ("fund"
        in "who funds the global fund", as pages write "the Global Fund")."""
        found = set()
        for at in range(1, len(tokens)):
            before, token = tokens[at - 1], tokens[at]
            if (
                is_question_word(token.surface)
                and token.surface not in STOPWORDS
                and (at - 1 in found or self._is_topic(before))
                and not asks_for_countries(before.surface)
                and not text[before.end : token.start].strip()
                and self._written_as_name(before.term, token.term)
            ):
                found.add(at)
        return found

    def _written_as_name(self, first: str, second: str) -> bool:
        """Whether one of the passages best for both terms writes them as capitalized words
        in a row, in a name: "the Global Fund"."""
        best, _ = self.scorer.top({first: 1.0, second: 1.0}, _NAME_PASSAGES_READ, matching=True)
        for position in best:
            for run in _CAPITALIZED_RUN.findall(self.index.passages[int(position)].text):
                terms = self.tokenizer.terms(run)
                if holds_run(terms, (first, second)):
                    return True
        return False

    def _holds_most(self, terms: Set[str], long_terms: Sequence[str]) -> bool:
        """Whether ``terms`` hold most of a long name: two of its words or more, and at least
        ``LONG_NAME_MIN_SHARE`` of its information."""
        present = [t for t in long_terms if t in terms]
        total = sum(self.information(t) for t in long_terms)
        return len(present) >= 2 and (
            sum(self.information(t) for t in present) >= LONG_NAME_MIN_SHARE * total
        )

    def _long_names_in(self, terms: Sequence[str]) -> list[tuple[str, str, tuple[str, ...]]]:
        """The acronyms whose long names, or other names, the question, as a sequence of terms,
        spells out, each with that name and its terms: most of the name, its words in its order
        and next to each other. "smuggling of migrants" names the Smuggling of Migrants (SOM);
        "migrant smuggling" does not."""
        candidates = {at for term in terms for at in self._by_long_term.get(term, ())}
        found: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        # By acronym, and one expansion an acronym: its long name before its other names.
        for at in sorted(candidates, key=lambda at: (self._long_names[at][0], at)):
            short, _, long_terms = self._long_names[at]
            if (
                short not in found
                and self._holds_most(set(terms), long_terms)
                and _in_order(terms, long_terms)
            ):
                found[short] = self._long_names[at]
        return list(found.values())

    def analyze(self, question: str) -> Query:
        """Turn a question into a weighted query."""
        text, corrections = self._corrector.correct(
            self._countries_named(_installing(_MANNER.sub(" ", _NOT_ASKED.sub(" ", question))))
        )
        text = as_question(text)
        tokens = [self._read_as_acronym(token, text) for token in self.tokenizer.tokens(text)]
        partly = self._initials_in_names(tokens)
        tokens = [
            replace(t, term=t.surface, acronym=True) if t.surface in partly else t for t in tokens
        ]
        in_names = self._in_names(tokens, text)
        topical = [at in in_names or self._is_topic(token) for at, token in enumerate(tokens)]
        weights: Counter[str] = Counter()
        for token, topic in zip(tokens, topical, strict=True):
            weights[token.term] += 1.0 if topic else self.settings.question_word_weight
        content = tuple(
            dict.fromkeys(t.term for t, topic in zip(tokens, topical, strict=True) if topic)
        )
        asked = question_types(text)
        # Words of what is asked that the corpus lacks: a who-question's part or the kind of
        # names it wants ("who founded X" where the pages say "launched", "which countries"
        # where they only name them), a when-question's beginning ("when was X created"
        # where they say "formed").
        who, when = asks_for_names(text), "#date" in asked
        # ... and a former name's words, whether or not the corpus has them: "what was X
        # called before it got its current name" is answered by "Formerly: Y".
        renamed = "#renamed" in asked

        def says_what_is_asked(token: Token) -> bool:
            if renamed and RENAMING_ASKED.fullmatch(token.surface):
                return True
            if self.known(token.term):
                return False
            surface = token.surface
            if who and (said_role(surface) is not None or asks_for_countries(surface)):
                return True
            return when and BEGINNING.fullmatch(surface) is not None

        parts = tuple(
            dict.fromkeys(t.term for t in tokens if t.term in content and says_what_is_asked(t))
        )
        weights.update(asked)
        expansions: list[Expansion] = []
        implied: dict[str, tuple[str, ...]] = {}
        spelled_out: dict[str, tuple[str, ...]] = {}
        typed = set(weights)
        names: list[tuple[str, ...]] = []
        for token in tokens:
            if self.settings.synonym_weight and not token.acronym and self.known(token.term):
                # "launched" answers "when did it start" though the corpus says "start" too.
                others = [
                    t for t in SYNONYMS.get(token.term, ()) if self.known(t) and t not in typed
                ]
                weight = 1.0 if self._is_topic(token) else self.settings.question_word_weight
                for term in others:
                    weights[term] += self.settings.synonym_weight * weight / len(others)
            if token.acronym or self.known(token.term) or token.term in implied:
                continue
            found = alternatives(token.term, self.known)
            if not found:
                # "obs" for "observation": a short form no English word is, of a corpus word.
                shortened = self.shortened(token)
                found = shortened if shortened and not is_english_word(token.surface) else ()
            if found:
                implied[token.term] = found
                # A form that stands for a question word ("fund" for "finances") weighs no more
                # than the word: it shapes the question, it does not name what to find.
                weight = 1.0 if self._is_topic(token) else self.settings.question_word_weight
                for term in found:
                    weights[term] += weight / len(found)
        for run, pair in self._acronyms_in(text, tokens, partly):
            if Expansion(*pair) in expansions:
                continue
            expansions.append(Expansion(*pair))
            long_terms = self._long_terms.get(pair[0]) or tuple(
                dict.fromkeys(self.tokenizer.terms(pair[1]))
            )
            for token in run:
                spelled_out[token.term] = long_terms
            for term in long_terms:
                if term not in typed:
                    weights[term] += self.settings.expansion_weight
        for short, long, long_terms in self._long_names_in([t.term for t in tokens]):
            term = normalize(short)
            if term in typed:
                continue
            expansions.append(Expansion(short, long))
            weights[term] += self.settings.expansion_weight
            names.append(tuple(t for t in long_terms if t in content))
            for long_term in long_terms:
                implied[long_term] = (*implied.get(long_term, ()), term)
        return Query(
            text=text,
            weights=dict(weights),
            content=content,
            expansions=tuple(expansions),
            corrections=corrections,
            who_runs=asks_who_runs(text),
            implied=implied,
            spelled_out=spelled_out,
            names=tuple(name for name in names if len(name) > 1),
            in_names=runs_of(tokens, in_names),
            parts=parts,
            named=self._named(text, tokens, content, implied),
        )

    def _countries_named(self, text: str) -> str:
        """A question with a country written as its code after "the" ("when did the us stop
        paying") written as the country's shortest name whose words the corpus holds ("the
        United States"), or its shortest name where the corpus holds none; not an English noun
        ("the bra"), nor a code the corpus spells out as a name of its own ("the CAF", a
        bank)."""

        def name(match: re.Match[str]) -> str:
            code = match.group(2)
            country = country_of_code(code)
            # A word only follows "the" as a noun: "the bra" is not Brazil, but no pronoun or
            # other small word ("us") follows it. The corpus may spell the code out as a name of
            # its own ("the CAF" is a bank).
            if country is None or self.spells_out(code):
                return match.group(0)
            if code.casefold() not in _NO_NOUNS and is_english_word(code):
                return match.group(0)
            names = country_names(country)
            known = [n for n in names if all(map(self.known, self.tokenizer.terms(n)))]
            # A country the corpus never names is written out too: it is what the question
            # asks about, not two stray letters to pass over ("when did the uk join interpol").
            return f"{match.group(1)}{min(known or names, key=len).title()}"

        return _THE_CODE.sub(name, text)

    def _initials_in_names(self, tokens: Sequence[Token]) -> dict[str, tuple[str, str]]:
        """The unknown short words of a question that give the initials of some words of a
        name a title gives, the question writing the name's next or previous word beside
        them: "hoa" in "the hoa one health partnership" is "Horn of Africa", of "the Horn of
        Africa One Health Partnership"; each as an acronym and its long name. A short word
        that two such runs fit is left as it is."""
        found: dict[str, tuple[str, str]] = {}
        for at, token in enumerate(tokens):
            short = token.surface
            if token.acronym or not may_be_initials(short) or self.known(token.term):
                continue
            if self._title_runs is None:
                self._title_runs = _runs_by_initials(self.index.documents)
            before = tokens[at - 1].term if at else None
            after = tokens[at + 1].term if at + 1 < len(tokens) else None
            fits = {
                " ".join(words[start:end])
                for words, start, end in self._title_runs.get(short.casefold(), ())
                if (before is not None and before == self._next_term(words, start, -1))
                or (after is not None and after == self._next_term(words, end - 1, 1))
            }
            if len(fits) == 1:
                found[short] = (short.upper(), fits.pop())
        return found

    def _next_term(self, words: Sequence[str], at: int, step: int) -> str | None:
        """The index term of the first word past ``words[at]``, going ``step``, that has one."""
        at += step
        while 0 <= at < len(words):
            terms = self.tokenizer.terms(words[at])
            if terms:
                return terms[0]
            at += step
        return None

    def _acronyms_in(
        self, text: str, tokens: Sequence[Token], partly: Mapping[str, tuple[str, str]]
    ) -> Iterator[tuple[tuple[Token, ...], tuple[str, str]]]:
        """The acronyms a question writes that the corpus spells out, each with its tokens: one
        token, or the tokens an acronym with a hyphen makes ("chp-ca" is CHP-CA, not CHP);
        and those that give the initials of part of a name (``_initials_in_names``)."""
        at = 0
        while at < len(tokens):
            token = tokens[at]
            end = at + 1
            while end < len(tokens) and text[tokens[end - 1].end : tokens[end].start] == "-":
                end += 1
            joined = "-".join(t.surface for t in tokens[at:end])
            if end > at + 1 and joined in self._acronyms:
                yield tuple(tokens[at:end]), self._acronyms[joined]
                at = end
                continue
            if token.acronym and token.surface in self._acronyms:
                yield (token,), self._acronyms[token.surface]
            elif token.surface in partly:
                yield (token,), partly[token.surface]
            at += 1

    def _named(
        self,
        text: str,
        tokens: Sequence[Token],
        content: Sequence[str],
        implied: Mapping[str, tuple[str, ...]],
    ) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """``Query.named``: the forms of each word of the names a question gives its subject."""
        found = []
        for start, end in named_spans(text):
            words = [
                t
                for t in tokens
                if start <= t.start
                and t.end <= end
                and t.term in content
                and t.surface not in NAME_PREFIXES
            ]
            forms = tuple(
                tuple(
                    dict.fromkeys(
                        (
                            token.term,
                            *implied.get(token.term, ()),
                            *alternatives(token.term, self.known),
                            *self.shortened(token),
                        )
                    )
                )
                for token in words
            )
            if forms:
                found.append(forms)
        return tuple(found)

    def shortened(self, token: Token) -> tuple[str, ...]:
        """The terms of the corpus's words that an unknown word may be short for, those it
        begins ("hep" for "hepatitis"); none for a known word or one of fewer than 3 letters."""
        if self.known(token.term) or len(token.surface) < _MIN_SHORTENED:
            return ()
        found = self.terms_beginning(token.surface)
        if not found and token.surface.endswith("s") and len(token.surface) > _MIN_SHORTENED:
            # Shortened in the plural: "coops" for "cooperatives", "depts" for "departments".
            found = self.terms_beginning(token.surface[:-1])
        return found

    def terms_beginning(self, prefix: str) -> tuple[str, ...]:
        """The terms of the first ``_SHORTENED`` words of the corpus that begin with a prefix."""
        if self._vocabulary is None:
            self._vocabulary = sorted(self.index.words)
        at = bisect_left(self._vocabulary, prefix)
        longer = itertools.takewhile(
            lambda word: word.startswith(prefix), self._vocabulary[at : at + _SHORTENED]
        )
        return tuple(dict.fromkeys(t for word in longer for t in self.tokenizer.terms(word)))
