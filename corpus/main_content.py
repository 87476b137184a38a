"""Which blocks of a web page are its main content, in trafilatura's judgement.

trafilatura is a maintained extractor made for exactly this: it tells the article from the
menus, cookie banners, teasers, comment forms, footers and licences around it, on pages laid
out in any of the ways the web lays them out. Its output loses what passages need, though:
headings outside a content container, source lines, and lists of links (it drops them as
menus, and so loses "Partners: UNODC, WCO, INTERPOL" when each name is a link). So the page's
own blocks, read with their structure, are kept or dropped by what trafilatura kept:

- a block whose words trafilatura kept, as a block of its own or inside a longer one (in its
  balanced extraction; for a list, a table or key facts, also in the one that favours recall);
- a paragraph between two kept blocks (a line of partners, each a link);
- a section outside the page's navigation, asides, header, footer and forms, under a heading of
  the rank of a kept one, that holds prose or key facts (content in a sibling container);
- a list or table whose lead-in is kept content that announces it ("… with these partners:");
- a heading with kept content under it (its section's name);
- lines of key facts right under the page's h1 ("Sponsored by: …", "Duration: …"), which it
  drops with the banner that holds them;

and what trafilatura keeps around the column of the page's h1 is dropped: a hero's tagline
above it, the cards of a sidebar beside it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import use_config

from corpus.furniture import is_furniture
from corpus.models import BlockKind
from corpus.structure import Piece

# A short page's extraction is kept as it is: trafilatura's default replaces one under 250
# characters with a flat dump of the whole page, menus and all, in a single paragraph.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
_WORD = re.compile(r"\w+")
# A block of fewer words than this is kept only when trafilatura kept it whole: "Home" or
# "About us" occur inside content too, as words.
MIN_WORDS_INSIDE = 6
# How far past the last kept block a kept block's words are looked for, in characters:
# trafilatura keeps the page's order, and a bounded look keeps the matching linear.
_LOOK_AHEAD = 20_000
# The most blocks of the page that one block of trafilatura's can join.
_MAX_JOINED = 6
# A block of trafilatura's this many times longer than a block of the page found in it is a
# flat dump of the page, not a paragraph.
_DUMP_RATIO = 4
# Past this many blocks, a page is read without trafilatura's fallback extractors.
MAX_BLOCKS_COMPARED = 2000


@dataclass(frozen=True)
class PageBlock:
    """A block of a page as read from its markup, before the content is chosen.

    Attributes:
        piece: the block.
        judged_by: the text whose keeping decides the block's: its own, or for a definition
            with its term ("Donor: European Union"), the definition's.
        group: the list or table the block belongs to (a number its blocks share), or None.
        landmark: whether it is inside a landmark of the page that holds no main content (a
            navigation, an aside, the site's header or footer, a form).
        facts: whether it is part of a definition list or a data table: key facts ("Trustee:
            World Bank"), not a list of links.
        path: the elements that hold it, outermost first, as numbers: a block is inside the
            element that holds a heading when that element's path starts its own.
        sidebar: whether the landmark it is inside is an aside (HTML's ``aside``, ARIA's
            ``complementary``), which may hold the page's box of key facts.
    """

    piece: Piece
    judged_by: str
    group: int | None = None
    landmark: bool = False
    facts: bool = False
    path: tuple[int, ...] = ()
    sidebar: bool = False


# A page that says it is an error (HTTP status 200 or not): "Page not found | Site", "404".
_ERROR_PAGE = re.compile(
    r"^\W*(?:error\W*)?40[0-9]\b|\bpage (?:was )?not found\b|\bpage (?:does not|doesn't) exist\b",
    re.IGNORECASE,
)


def is_error_page(title: str) -> bool:
    """Whether a page's title says that it is an error page, which has no content of its own
    (a "soft 404": a missing page served with status 200)."""
    return bool(_ERROR_PAGE.search(title))


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def extracted(tree: etree._Element, recall: bool, blocks: int) -> list[str]:
    """The texts of the blocks trafilatura keeps of a page of so many ``blocks``, in order.

    ``recall`` asks it to keep what it is unsure of: on pages about programmes, key facts and
    lists of partners among other things. A page of more than ``MAX_BLOCKS_COMPARED`` blocks is
    read by trafilatura's own extractor alone, without the comparison with jusText and
    readability that it makes otherwise: jusText takes time that grows with the square of the
    paragraphs (30 s for 20,000 short ones), and a page must not hold up an import."""
    try:
        found = bare_extraction(
            tree,
            config=_CONFIG,
            fast=blocks > MAX_BLOCKS_COMPARED,
            favor_recall=recall,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except RecursionError:
        return []
    if found is None or found.body is None:
        return []
    return [text for text in _texts_of(found.body) if text.strip()]


def _texts_of(body: etree._Element) -> Iterator[str]:
    """The texts of the elements of trafilatura's output that hold text of their own:
    paragraphs, headings, list items (without their own lists, whose items follow), table rows
    (their cells joined as the page's reader joins them) and the like."""
    if body.text and body.text.strip():
        yield " ".join(body.itertext())  # loose text: the whole output, as one block
    stack = [iter(body)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif element.tag in ("list", "table", "div", "main", "body"):
            stack.append(iter(element))
        elif element.tag == "row":
            yield " | ".join(" ".join(cell.itertext()) for cell in element)
        elif element.tag == "item" and element.find("list") is not None:
            yield element.text or ""
            stack.append(iter(element.findall("list")))
        else:
            yield " ".join(element.itertext())


def choose(
    blocks: Sequence[PageBlock], balanced: Sequence[str], recall: Callable[[], Sequence[str]]
) -> list[Piece]:
    """The page's blocks that are main content, given the texts of trafilatura's balanced
    extraction of it, and for lists, tables and key facts that it dropped, of the extraction
    that favours recall (which also keeps taglines and sidebar cards, as paragraphs). The
    second is asked for only when the first dropped some such block."""
    words = [_words(block.judged_by) for block in blocks]
    kept = [False] * len(blocks)
    own = [block.judged_by for block in blocks]
    _keep_extracted(words, own, balanced, kept)
    listed = [
        block.group is not None and not keep for block, keep in zip(blocks, kept, strict=True)
    ]
    if any(listed):
        unkept = [w if on else "" for w, on in zip(words, listed, strict=True)]
        _keep_extracted(unkept, own, recall(), kept)
    _keep_sandwiched(blocks, kept)
    _keep_sections_like_kept_ones(blocks, kept)
    _keep_announced_lists(blocks, kept)
    _keep_headings_of_kept_sections(blocks, kept)
    _keep_facts_under_the_title(blocks, kept)
    _keep_the_lead(blocks, kept)
    _keep_facts_in_sidebars(blocks, kept)
    _drop_beside_the_main_column(blocks, kept)
    return [block.piece for block, keep in zip(blocks, kept, strict=True) if keep]


def _keep_extracted(
    words: Sequence[str], own: Sequence[str], texts: Sequence[str], kept: list[bool]
) -> None:
    """Keep the blocks that one extraction kept: a block it kept whole, a run of blocks it
    joined into one (loose text and the paragraph after it), or a long block found inside its
    blocks. ``words`` are the blocks' words (``_words``), ``own`` their texts.

    Found inside a block of many times its length, a block counts only if it is prose: such a
    block is trafilatura's flat dump of a page it could not take apart (a page laid out as a
    table), menus, addresses and footers in it."""
    parts = [_words(text) for text in texts]
    whole = set(parts)
    starts, position = [], 1
    for part in parts:
        starts.append(position)
        position += len(part) + 1
    stream = " " + " ".join(parts) + " "
    cursor = 0
    for i, mine in enumerate(words):
        if kept[i] or not mine:
            continue
        if mine in whole:
            kept[i] = True
            continue
        joined = mine
        for j in range(i + 1, min(i + _MAX_JOINED, len(words))):
            joined = f"{joined} {words[j]}".strip()
            if joined in whole:
                kept[i : j + 1] = [True] * (j + 1 - i)
                break
        if kept[i] or mine.count(" ") + 1 < MIN_WORDS_INSIDE:
            continue
        found = stream.find(f" {mine} ", cursor, cursor + _LOOK_AHEAD + len(mine))
        if found < 0:
            continue
        k = bisect.bisect_right(starts, found + 1) - 1
        size = len(parts[k])
        inside_one = found + 1 + len(mine) <= starts[k] + size
        if not inside_one or size <= _DUMP_RATIO * len(mine) or _is_prose(own[i]):
            kept[i], cursor = True, found


def _section_end(blocks: Sequence[PageBlock], heading: int) -> int:
    """Where the section under a heading ends: at the next heading of its level or higher."""
    level = blocks[heading].piece.level
    end = heading + 1
    while end < len(blocks) and not (
        blocks[end].piece.kind is BlockKind.HEADING and blocks[end].piece.level <= level
    ):
        end += 1
    return end


# A sentence of prose, not a link's title: this many words or more, and a full stop at the end.
MIN_PROSE_WORDS = 12


def _is_prose(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith((".", "!", "?")) and len(stripped.split()) >= MIN_PROSE_WORDS


def _keep_sections_like_kept_ones(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep the sections, outside the page's navigation, asides, header and footer, under
    headings of the rank of headings trafilatura kept, when they hold prose or key facts (a
    definition list or a table; not a list, which is as often one of links): a page's content
    is often spread over sibling containers, of which the extractor takes one. Not under lower
    headings: related posts and their teasers sit under those."""
    ranks = {
        b.piece.level
        for b, k in zip(blocks, kept, strict=True)
        if k and b.piece.kind is BlockKind.HEADING and b.piece.level >= 2
    }
    i = 0
    while i < len(blocks):
        piece = blocks[i].piece
        if piece.kind is not BlockKind.HEADING or kept[i] or piece.level not in ranks:
            i += 1
            continue
        end = _section_end(blocks, i)
        section = blocks[i:end]
        if not any(b.landmark for b in section) and any(
            b.facts or _is_prose(b.piece.text) for b in section[1:]
        ):
            kept[i:end] = [True] * (end - i)
        i = end


def _keep_sandwiched(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep a paragraph that kept content surrounds: trafilatura drops a block made mostly of
    links ("Partners: UNODC, WCO and INTERPOL", each name a link) even in the middle of an
    article, where menus and teasers are not."""
    for i in range(1, len(blocks) - 1):
        piece = blocks[i].piece
        if (
            not kept[i]
            and kept[i - 1]
            and kept[i + 1]
            and piece.kind is BlockKind.PARAGRAPH
            and blocks[i - 1].piece.kind is not BlockKind.HEADING
            # A kept copyright line or menu is no content to be surrounded by.
            and not is_furniture(blocks[i - 1].piece.text)
            and not is_furniture(blocks[i + 1].piece.text)
        ):
            kept[i] = True


def _keep_announced_lists(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep every block of a list or table that kept content announces: the block just before
    it is a kept paragraph ending with a colon, or a heading trafilatura kept."""
    announced: set[int] = set()
    for i, block in enumerate(blocks):
        group = block.group
        if group is None or group in announced or i == 0:
            continue
        before = blocks[i - 1]
        if before.group == group or not kept[i - 1]:
            continue
        text = before.piece.text.rstrip()
        if before.piece.kind is BlockKind.HEADING or text.endswith(":"):
            announced.add(group)
    for i, block in enumerate(blocks):
        if block.group in announced:
            kept[i] = True


def _keep_headings_of_kept_sections(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep a heading when kept content follows it, inside the element that holds the heading,
    before the next heading of its level or higher. A sidebar's "Follow us" is followed by the
    article too, but not inside its sidebar: kept, it would make the article its section."""
    # From the last heading back, so that a deeper heading kept here counts for the higher one
    # before it.
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].piece.kind is not BlockKind.HEADING or kept[i]:
            continue
        container = blocks[i].path
        kept[i] = any(
            kept[j] and blocks[j].path[: len(container)] == container
            for j in range(i + 1, _section_end(blocks, i))
        )


def _the_h1(blocks: Sequence[PageBlock], kept: Sequence[bool]) -> int | None:
    """Where the page's one kept h1 is, if it has exactly one."""
    h1s = [
        i
        for i, block in enumerate(blocks)
        if kept[i] and block.piece.kind is BlockKind.HEADING and block.piece.level == 1
    ]
    return h1s[0] if len(h1s) == 1 else None


# A line of key facts: a short label with a capital, a colon, and its value ("Sponsored by:
# the European Union, …", "Duration: 2023–2027").
_FACT_LINE = re.compile(r"[A-Z][^:.!?]{0,40}:\s+\S")
# Key facts come two lines or more at a time.
MIN_FACT_LINES = 2


def are_key_facts(lines: Sequence[str]) -> bool:
    """Whether the items of a list are lines of key facts ("Trustee: African Development
    Bank", "Total pledged: USD 18.5 million"), not links or points of prose."""
    return len(lines) >= MIN_FACT_LINES and all(
        _FACT_LINE.match(line.strip()) and not is_furniture(line) for line in lines
    )


def _keep_facts_under_the_title(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep the lines of key facts that follow the page's one h1 in its own container, before
    any other block ("Sponsored by: …", "Duration: …" in a banner under the title), which
    trafilatura drops as a banner: they say who runs and pays for what the page is about."""
    h1 = _the_h1(blocks, kept)
    if h1 is None:
        return
    container = blocks[h1].path[:-1]
    end = h1 + 1
    while (
        end < len(blocks)
        and not kept[end]
        and not blocks[end].landmark
        and blocks[end].piece.kind is BlockKind.PARAGRAPH
        and blocks[end].path[: len(container)] == container
        and _FACT_LINE.match(blocks[end].piece.text)
        and not is_furniture(blocks[end].piece.text)
    ):
        end += 1
    if end - h1 - 1 >= MIN_FACT_LINES:
        kept[h1 + 1 : end] = [True] * (end - h1 - 1)


def _keep_the_lead(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep the paragraphs of prose between the page's one h1 and the first block kept after
    it: the summary that a page puts under its title in a container of its own ("Three
    agencies … joined forces in 2021 to launch CALAAN …"), which trafilatura drops when it
    takes the body's container for the article. Prose only: a date line or a tagline is not."""
    h1 = _the_h1(blocks, kept)
    if h1 is None:
        return
    i = h1 + 1
    while i < len(blocks) and not kept[i] and blocks[i].piece.kind is not BlockKind.HEADING:
        block = blocks[i]
        if (
            not block.landmark
            and block.group is None
            and block.piece.kind is BlockKind.PARAGRAPH
            and _is_prose(block.piece.text)
            and not is_furniture(block.piece.text)
        ):
            kept[i] = True
        i += 1


def _keep_facts_in_sidebars(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Keep a table or definition list of key facts in an aside, with the heading just above
    it: a project's page puts "Total project cost", "Executing agency" and "Donor" in a box
    beside its text, which trafilatura drops with the sidebar. Two rows at least: one is a
    label, not a box of facts."""
    rows: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block.sidebar and block.facts and block.group is not None:
            rows.setdefault(block.group, []).append(i)
    for group in rows.values():
        if len(group) < MIN_FACT_LINES:
            continue
        for i in group:
            kept[i] = True
        before = group[0] - 1
        if (
            before >= 0
            and blocks[before].sidebar
            and blocks[before].piece.kind is BlockKind.HEADING
        ):
            kept[before] = True


# The share of the kept words after the page's h1 that the column holding the h1 must hold for
# the sections kept beside it to be a sidebar's cards, not content.
MIN_COLUMN_SHARE = 2 / 3


def _drop_beside_the_main_column(blocks: Sequence[PageBlock], kept: list[bool]) -> None:
    """Drop what is kept around the column of the page's one h1, when that column holds most
    of the kept words after it: the hero's tagline above the h1 ("Satellite eyes for the
    world's forests"), and the cards of a sidebar beside it, each a heading of its own over a
    line or two ("Become a data user: register once…"), which trafilatura keeps as
    paragraphs. A paragraph after the column under no heading of its own goes on from the
    column (the h1 and a standfirst in a box, the text after it), and key facts stay wherever
    they are: a programme's box of facts sits beside its text."""
    h1 = _the_h1(blocks, kept)
    if h1 is None:
        return
    path = blocks[h1].path
    counts = [
        len(_WORD.findall(b.piece.text)) if k else 0 for b, k in zip(blocks, kept, strict=True)
    ]
    after = list(zip(blocks[h1 + 1 :], counts[h1 + 1 :], strict=True))
    total = sum(n for _, n in after)
    for depth in range(len(path), 1, -1):
        column = path[:depth]
        if sum(n for b, n in after if b.path[:depth] == column) >= MIN_COLUMN_SHARE * total:
            break
    else:
        return
    outside = [block.path[:depth] != column for block in blocks]
    for i in range(h1):
        if outside[i] and not blocks[i].facts:
            kept[i] = False
    cards: list[tuple[int, int]] = []
    i = h1 + 1
    while i < len(blocks):
        if not (outside[i] and blocks[i].piece.kind is BlockKind.HEADING):
            i += 1
            continue
        # A heading beside the column and what follows it in its own container: a card.
        container, end = blocks[i].path, i + 1
        while (
            end < len(blocks)
            and outside[end]
            and blocks[end].piece.kind is not BlockKind.HEADING
            and blocks[end].path[: len(container)] == container
        ):
            end += 1
        if _is_card(blocks[i + 1 : end], kept[i + 1 : end]):
            cards.append((i, end))
        i = end
    # A sidebar holds several cards; one short section beside the text may be the text's own
    # ("Funding: the programme is funded by the EU").
    if len(cards) >= MIN_CARDS:
        for start, end in cards:
            kept[start:end] = [False] * (end - start)


# A sidebar's card: a heading and at most this many short paragraphs, of this many words in all;
# cards are dropped where there are this many or more.
MAX_CARD_PARAGRAPHS = 2
MAX_CARD_WORDS = 40
MIN_CARDS = 2


def _is_card(blocks: Sequence[PageBlock], kept: Sequence[bool]) -> bool:
    """Whether the blocks under a heading beside the main column are a sidebar's card ("Become
    a data user: register once…"), not a section of content set apart: a few short
    paragraphs, no list, table or key facts (a box of partners or of facts beside a
    programme's text is content)."""
    shown = [block for block, keep in zip(blocks, kept, strict=True) if keep]
    return (
        len(shown) <= MAX_CARD_PARAGRAPHS
        and all(block.group is None for block in shown)
        and sum(len(_WORD.findall(block.piece.text)) for block in shown) <= MAX_CARD_WORDS
    )
