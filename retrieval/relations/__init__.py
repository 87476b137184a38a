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

Modules, each depending only on those listed before it:

- ``kinds``: ``Kind`` (running, funding, taking part), ``kind_of`` and ``asked_kind``.
- ``names``: tokens, and organisation names and lists of them in a sentence.
- ``model``: ``Relation``, ``Denial``, ``join_names``, ``answer_line``,
  ``same_organisation``, ``standing`` and ``is_generic``.
- ``subjects``: what a relation is said of, before or after its verb.
- ``passive``: the passive wording, "X is implemented by A", and its reader.
- ``active``: the active wording, "A leads X", and its reader.
- ``other_wordings``: money, joint efforts, members, roles, owners and key facts.
- ``wordings``: ``relations``, which runs every reader over each sentence of a text.
- ``denials``: ``denials``, what a page says has no part in its subject.
- ``lists``: ``list_relations``, ``table_relations`` and ``is_table_row``.
"""

from __future__ import annotations

from retrieval.relations.denials import denials
from retrieval.relations.kinds import Kind, asked_kind, kind_of
from retrieval.relations.lists import is_table_row, list_relations, table_relations
from retrieval.relations.model import (
    Denial,
    Relation,
    answer_line,
    is_generic,
    join_names,
    same_organisation,
    standing,
)
from retrieval.relations.wordings import relations

__all__ = [
    "Denial",
    "Kind",
    "Relation",
    "answer_line",
    "asked_kind",
    "denials",
    "is_generic",
    "is_table_row",
    "join_names",
    "kind_of",
    "list_relations",
    "relations",
    "same_organisation",
    "standing",
    "table_relations",
]
