"""A web page's main content as blocks: headings, paragraphs, list items and table rows.

The page is parsed with lxml (libxml2's HTML parser, as browsers parse: a malformed tag does not
swallow the rest of the page), its blocks are read with their structure and source lines, and
``corpus.main_content`` keeps those that are the page's main content.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import charset_normalizer
from lxml import etree
from lxml import html as lxml_html

from corpus.cleaning import collapse_whitespace
from corpus.main_content import PageBlock, are_key_facts, choose, extracted, is_error_page
from corpus.models import BlockKind
from corpus.structure import Piece

# The parser's own limit on nesting (256 levels) stays on: deeper markup is cut there, which
# keeps both the parse and trafilatura's recursive walk bounded on hostile pages.
_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Pages that declare Latin-1 or ASCII are read as Windows-1252, as browsers read them: it adds
# curly quotes and dashes where Latin-1 has control codes.
_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML file says about itself, besides its blocks.

    Attributes:
        title: the page's own title: its h1 (of the main content, else the first outside the
            navigation, header and footer) where ``<title>`` contains it, else ``<title>``.
        url: the canonical link, or ``og:url``.
        language: the ``lang`` attribute of ``<html>``.
        publisher: the site's name, from ``og:site_name`` or ``<title>``.
        pieces: the blocks of the page's main content, in reading order.
    """

    title: str | None
    url: str | None
    language: str | None
    publisher: str | None
    pieces: tuple[Piece, ...]


class UnreadableHtml(ValueError):
    """A page cannot be read as HTML; the message says why, without the file's name."""


def _codec(name: bytes | str | None) -> str | None:
    """Python's name for a declared encoding, or None if Python does not know it."""
    if not name:
        return None
    try:
        found = codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if found in _AS_WINDOWS_1252 else found


def _decoded(markup: bytes | str) -> str:
    """The page as text. A byte order mark decides; else valid UTF-8 is UTF-8, whatever the page
    declares (a page saved as UTF-8 often keeps the declaration of the site's old encoding);
    else the declared encoding; else the encoding that charset_normalizer finds likeliest."""
    if isinstance(markup, str):
        return markup
    for mark, codec in _BYTE_ORDER_MARKS:
        if markup.startswith(mark):
            return markup[len(mark) :].decode(codec, errors="replace")
    try:
        return markup.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(markup[:4096])
    codec = _codec(declared.group(1) if declared else None)
    if codec is not None and codec not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        try:
            return markup.decode(codec)
        except UnicodeDecodeError:
            pass
    guess = charset_normalizer.from_bytes(markup[:65536]).best()
    codec = _codec(guess.encoding) if guess is not None else None
    return markup.decode(codec or "cp1252", errors="replace")


def _parsed(text: str) -> lxml_html.HtmlElement | None:
    """The page's element tree, or None for a page with no elements at all."""
    # NUL is no character of an HTML page, and libxml2 stops reading at it.
    data = text.replace("\x00", "").encode("utf-8", errors="replace")
    try:
        return lxml_html.document_fromstring(data, parser=_PARSER)
    except etree.ParserError:
        return None  # "Document is empty": nothing but comments, or nothing at all
    except (etree.LxmlError, ValueError) as error:
        raise UnreadableHtml(str(error).strip() or type(error).__name__) from None


# Elements that hold no text of the page: code, styles, forms' widgets, embedded objects.
_SKIP = frozenset(
    "script style noscript template svg head button iframe select option textarea canvas object "
    "embed math dialog".split()
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_PARAGRAPHS = frozenset(["p", "dd", "figcaption", "caption", "pre", "address", "summary"])
_LISTS = frozenset({"ul", "ol", "menu", "dl"})
_CELLS = frozenset({"td", "th"})
_INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span "
    "strong sub sup time u var wbr label".split()
)


def _tag(element: etree._Element) -> str:
    """An element's name; "" for what is not an element (comments, entities)."""
    return element.tag if isinstance(element.tag, str) else ""


def _text(node: etree._Element, exclude: frozenset[str] = frozenset()) -> str:
    """The text inside ``node``, whitespace collapsed (``_inner``)."""
    return collapse_whitespace(_inner(node, exclude))


def _inner(node: etree._Element, exclude: frozenset[str] = frozenset()) -> str:
    """The text inside ``node`` as it stands, leaving out skipped elements and those named in
    ``exclude``; a line break or a table cell counts as a space. Its spaces at either end stay:
    "Den <em>eigentlichen </em>Abschluss" is three words."""
    parts: list[str] = [node.text or ""]
    # Depth first with a stack, not recursion: each entry is an element's remaining children
    # and the tail to add after them.
    stack: list[tuple[Iterator[etree._Element], str]] = [(iter(node), "")]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            parts.append(tail)
            continue
        tag = _tag(child)
        if not tag or tag in _SKIP or tag in exclude:
            parts.append(child.tail or "")
            continue
        space = " " if tag in ("br", "td", "th") else ""
        parts.append(space + (child.text or ""))
        stack.append((iter(child), space + (child.tail or "")))
    return "".join(parts)


def _outermost(node: etree._Element, names: frozenset[str], stop: frozenset[str]) -> list:
    """The elements named ``names`` inside ``node`` that no other such element, nor one named
    ``stop``, holds: a list item's own lists, a row's own cells. In document order."""
    found: list[etree._Element] = []
    stack = [iter(node)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = _tag(child)
        if not tag or tag in _SKIP or tag in stop:
            continue
        if tag in names:
            found.append(child)
        else:
            stack.append(iter(child))
    return found


# What a cell of a data table does not hold, and a cell of a page laid out as a table does:
# headings, lists, tables, or paragraphs (one paragraph in a cell is a CMS's way of writing it).
_LAYOUT_CELL = (
    "td[.//h1 or .//h2 or .//h3 or .//h4 or .//ul or .//ol or .//dl or .//table or count(.//p) > 1]"
)


def _is_layout(element: etree._Element) -> bool:
    """Whether a table or a row lays out a page rather than holding data: a cell of its own
    holds blocks of its own."""
    path = (
        f"./{_LAYOUT_CELL}"
        if element.tag == "tr"
        else f"./tr/{_LAYOUT_CELL} | ./*/tr/{_LAYOUT_CELL}"
    )
    return bool(element.xpath(path))


@dataclass
class _Open:
    """An element being walked: its remaining children, the inline text gathered since its last
    block with the line where it starts, the list or table it is part of, and a definition
    list's pending term."""

    children: Iterator[etree._Element]
    inline: list[str]
    line: int
    group: int | None = None
    landmark: bool = False
    facts: bool = False
    path: tuple[int, ...] = ()
    sidebar: bool = False
    term: PageBlock | None = None
    defined: bool = False
    started: bool = False  # whether ``inline`` holds more than spaces

    def add(self, text: str, line: int | None = None) -> None:
        """Gather inline text; the block's line is where its first words are."""
        if not self.started and text.strip():
            self.line = line or self.line
            self.started = True
        self.inline.append(text)

    def block(
        self,
        kind: BlockKind,
        text: str,
        line: int,
        level: int = 0,
        judged_by: str | None = None,
        lead_in: str | None = None,
    ) -> PageBlock:
        """A block found inside this element; a heading belongs to no list or table."""
        group = None if kind is BlockKind.HEADING else self.group
        piece = Piece(kind, text, line, level, lead_in)
        facts = self.facts and group is not None
        judged = text if judged_by is None else judged_by
        return PageBlock(piece, judged, group, self.landmark, facts, self.path, self.sidebar)


# The landmarks of a page that hold no part of its main content (HTML's elements and ARIA's
# roles for them): navigation, asides, the site's header and footer, forms.
_LANDMARKS = frozenset({"nav", "aside", "footer", "form", "header"})
_LANDMARK_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "search"})


# Numbers for the elements walked, so that a block knows the elements that hold it.
_ELEMENTS = itertools.count()


def _open(node: etree._Element, inside: _Open | None = None, group: int | None = None) -> _Open:
    """``node`` opened for walking, inside the element ``inside``; ``group`` numbers the list
    or table it starts, whose blocks are key facts when it is a definition list, a table, or a
    list of lines of key facts."""
    landmark = inside is not None and inside.landmark
    sidebar = inside is not None and inside.sidebar
    if not landmark and (node.tag in _LANDMARKS or node.get("role") in _LANDMARK_ROLES):
        sidebar = node.tag == "aside" or node.get("role") == "complementary"
        # A header inside an article is the article's own (its title and standfirst); a form
        # that holds the page's title is the whole page (ASP.NET wraps every page in one).
        if node.tag == "header":
            landmark = not any(a.tag in ("article", "main") for a in node.iterancestors())
        else:
            landmark = node.tag != "form" or node.find(".//h1") is None
    if group is not None:
        facts = node.tag in ("dl", "table") or (node.tag in ("ul", "ol") and _lists_facts(node))
    else:
        group = inside.group if inside is not None else None
        facts = inside is not None and inside.facts
    path = (*(inside.path if inside is not None else ()), next(_ELEMENTS))
    opened = _Open(iter(node), [], node.sourceline or 1, group, landmark, facts, path, sidebar)
    opened.add(node.text or "")
    return opened


def _lists_facts(node: etree._Element) -> bool:
    """Whether a list's items are lines of key facts ("Trustee: African Development Bank"),
    none of them a link: "Solomon Islands: country brief" in a box of related stories is a
    link's title."""
    items = list(node.iterchildren("li"))
    if any(_link_text(item) * 2 >= len(item.text_content()) for item in items):
        return False
    return are_key_facts([item.text_content() for item in items])


def _link_text(element: etree._Element) -> int:
    return sum(len(link.text_content()) for link in element.iter("a"))


def _flush(element: _Open) -> Iterator[PageBlock]:
    text = collapse_whitespace("".join(element.inline))
    element.inline.clear()
    element.started = False
    if text:
        yield element.block(BlockKind.PARAGRAPH, text, element.line)


def _term(element: _Open) -> Iterator[PageBlock]:
    """The end of a definition list's term: on its own if no definition followed it."""
    if element.term is not None and not element.defined:
        yield element.term
    element.term, element.defined = None, False


def _walk(root: etree._Element) -> Iterator[PageBlock]:
    """The blocks under ``root``, in reading order, each with the list or table it belongs to.

    A stack of open elements, not recursion; each element is looked at a bounded number of
    times, so that nested lists or tables take linear time.
    """
    groups = itertools.count()  # numbers, not ids of lxml's element proxies, which are reused
    stack = [_open(root)]
    while stack:
        element = stack[-1]
        child = next(element.children, None)
        if child is None:
            stack.pop()
            yield from _flush(element)
            yield from _term(element)
            continue
        tag = _tag(child)
        if not tag or tag in _SKIP:
            element.add(child.tail or "")
            continue
        if tag in _INLINE:
            text = _inner(child) + (" " if tag == "br" else "") + (child.tail or "")
            element.add(text, child.sourceline)
            continue
        yield from _flush(element)
        line = child.sourceline or element.line
        if tag == "dd" and element.term is not None:
            # "Donor" and "European Union" say together what neither says alone.
            definition = _text(child)
            if definition:
                term = element.term.piece.text.rstrip(" :")
                text = f"{term}: {definition}"
                yield element.block(BlockKind.PARAGRAPH, text, line, judged_by=definition)
                element.defined = True
        else:
            yield from _term(element)
            if tag == "dt":
                term = _text(child)
                element.term = element.block(BlockKind.PARAGRAPH, term, line) if term else None
            elif tag in _HEADINGS:
                yield element.block(BlockKind.HEADING, _text(child), line, _HEADINGS[tag])
            elif tag in _PARAGRAPHS:
                yield element.block(BlockKind.PARAGRAPH, _text(child), line)
            elif tag == "li":
                yield element.block(BlockKind.LIST_ITEM, _text(child, exclude=_LISTS), line)
                # Its nested lists come next, each walked once, the first on top of the stack.
                nested = _outermost(child, _LISTS, stop=frozenset({"li"}))
                stack.extend(_open(inner, element) for inner in reversed(nested))
            elif tag == "tr" and _is_layout(child):
                # A table that lays out the page: its cells are containers, read as such.
                stack.append(_open(child, element))
            elif tag == "tr":
                cells = [_text(cell) for cell in _outermost(child, _CELLS, stop=frozenset({"tr"}))]
                text = " | ".join(cell for cell in cells if cell)
                headings = _column_headings(child)
                yield element.block(
                    BlockKind.PARAGRAPH,
                    text,
                    line,
                    lead_in=headings if headings != text else None,
                )
            else:
                # A list or a table starts a group of its own, unless it is inside one.
                starts = tag in _LISTS or (tag == "table" and not _is_layout(child))
                new = next(groups) if element.group is None and starts else None
                stack.append(_open(child, element, new))
        element.add(child.tail or "")


def _column_headings(row: etree._Element) -> str | None:
    """The row of column headings of the table that holds a row: its first row, when every
    cell of it is a heading (``th``) and it has two or more ("Province | Bridges completed").
    A table of key facts, whose headings start each row, has none."""
    table = next(row.iterancestors("table"), None)
    first = None if table is None else next(table.iter("tr"), None)
    if first is None:
        return None
    cells = _outermost(first, _CELLS, stop=frozenset({"tr"}))
    if len(cells) < 2 or any(cell.tag != "th" for cell in cells):
        return None
    return " | ".join(_text(cell) for cell in cells)


def _first(tree: lxml_html.HtmlElement, path: str) -> str | None:
    found = tree.xpath(path)
    value = found[0] if found else None
    if isinstance(value, etree._Element):
        value = value.text_content()
    return collapse_whitespace(str(value)) if value is not None and str(value).strip() else None


def read_html(markup: bytes | str) -> HtmlPage:
    """The main content of an HTML page, and what the page says about itself. Bytes are decoded
    as ``_decoded`` says; ``UnreadableHtml`` when the page cannot be parsed."""
    tree = _parsed(_decoded(markup))
    if tree is None:
        return HtmlPage(None, None, None, None, ())
    head_title = _first(tree, "//title") or _first(tree, "//meta[@property='og:title']/@content")
    url = _first(
        tree, "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
    ) or _first(tree, "//meta[@property='og:url']/@content")
    language = _first(tree, "/html/@lang")
    site = _first(tree, "//meta[@property='og:site_name']/@content")
    if is_error_page(head_title or _first(tree, "//h1") or ""):
        return HtmlPage(head_title, url, language, site, ())
    body = tree.find("body")
    blocks = list(_walk(body if body is not None else tree))
    balanced = extracted(tree, recall=False, blocks=len(blocks))
    pieces = choose(blocks, balanced, lambda: extracted(tree, recall=True, blocks=len(blocks)))
    # The page's own h1: the content's, else the first outside its navigation, header and
    # footer; a site's logo is often an h1 of its own header.
    h1 = next((p.text for p in pieces if p.kind is BlockKind.HEADING and p.level == 1), None)
    h1 = h1 or next(
        (
            b.piece.text
            for b in blocks
            if b.piece.kind is BlockKind.HEADING and b.piece.level == 1 and not b.landmark
        ),
        None,
    )
    title = h1 if h1 and (head_title is None or h1.casefold() in head_title.casefold()) else None
    if title and head_title and head_title.startswith(title):
        # "Reef Facility (RF) – Project profile | Site": the title keeps its acronym.
        acronym = _ACRONYM_AFTER.match(head_title, len(title))
        title = head_title[: acronym.end()] if acronym else title
    publisher = site or _publisher(head_title, title)
    return HtmlPage(title or head_title, url, language, publisher, tuple(pieces))


_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z0-9.&-]{1,14}\)")


def _publisher(head_title: str | None, title: str | None) -> str | None:
    """The site's name as ``<title>`` adds it to the page's own title ("Project Stadia |
    INTERPOL")."""
    if not head_title or not title or not head_title.startswith(title):
        return None
    # All of it: "About the programme | Mekong Container Watch | UNODC" is the programme's site
    # at UNODC, and who answers read its parts.
    rest = head_title[len(title) :].strip(" |-–—:·")
    return rest or None
