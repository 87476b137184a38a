"""Structure from HTML, through BeautifulSoup: headings, paragraphs, lists and table rows."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import (
    BeautifulSoup,
    NavigableString,
    PageElement,
    ParserRejectedMarkup,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.dammit import UnicodeDammit
from bs4.element import PreformattedString

from corpus.cleaning import collapse_whitespace
from corpus.models import BlockKind
from corpus.structure import Piece

# Page furniture and non-text elements: their words are not the document's.
_SKIP = frozenset(
    "script style noscript template svg nav header footer aside button iframe head select "
    "option canvas object embed math dialog".split()
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_PARAGRAPHS = frozenset(["p", "dd", "figcaption", "caption", "pre", "address", "summary"])
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
_INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span "
    "strong sub sup time u var wbr label".split()
)


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML file says about itself, besides its blocks.

    Attributes:
        title: the page's own title: its h1 where ``<title>`` contains it, else ``<title>``.
        url: the canonical link, or ``og:url``.
        language: the ``lang`` attribute of ``<html>``.
        publisher: the site's name, from ``og:site_name`` or ``<title>``.
        pieces: the page's blocks, in reading order.
    """

    title: str | None
    url: str | None
    language: str | None
    publisher: str | None
    pieces: tuple[Piece, ...]


def _children(node: Tag) -> Iterator[PageElement]:
    return iter(node.children)


def _text(node: Tag, exclude: frozenset[str] = frozenset()) -> str:
    """The text inside ``node``, leaving out skipped elements and those named in ``exclude``."""
    parts: list[str] = []
    # Depth first with a stack of open elements, not recursion: a page nested thousands of
    # elements deep is read like any other, instead of raising RecursionError.
    open_elements = [_children(node)]
    while open_elements:
        child = next(open_elements[-1], None)
        if child is None:
            open_elements.pop()
        elif isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in _SKIP and child.name not in exclude:
            open_elements.append(_children(child))
    return collapse_whitespace(" ".join(parts) if node.name == "tr" else "".join(parts))


def _outermost(node: Tag, names: frozenset[str], stop: frozenset[str]) -> list[Tag]:
    """The elements named ``names`` inside ``node`` that no other such element, nor one named
    ``stop``, holds: a list item's own lists, a row's own cells. In document order, one look
    at each element, however deep the nesting."""
    found: list[Tag] = []
    open_elements = [_children(node)]
    while open_elements:
        child = next(open_elements[-1], None)
        if child is None:
            open_elements.pop()
        elif isinstance(child, Tag) and child.name not in _SKIP and child.name not in stop:
            if child.name in names:
                found.append(child)
            else:
                open_elements.append(_children(child))
    return found


@dataclass
class _Open:
    """An element being walked: its remaining children, and the inline text gathered since its
    last block, with the line where that text starts."""

    children: Iterator[PageElement]
    inline: list[str]
    line: int
    term: Piece | None = None
    defined: bool = False


def _open(node: Tag) -> _Open:
    return _Open(_children(node), [], node.sourceline or 1)


def _term(element: _Open) -> Iterator[Piece]:
    """The end of a definition list's term: on its own if no definition followed it."""
    if element.term is not None and not element.defined:
        yield element.term
    element.term, element.defined = None, False


def _flush(element: _Open) -> Iterator[Piece]:
    text = collapse_whitespace("".join(element.inline))
    element.inline.clear()
    if text:
        yield Piece(BlockKind.PARAGRAPH, text, element.line)


def _walk(root: Tag) -> Iterator[Piece]:
    """The blocks under ``root``, in reading order.

    A stack of open elements, not recursion, so that deep nesting cannot raise
    RecursionError; and each element is looked at a bounded number of times, so that nested
    lists or tables take linear time.
    """
    stack = [_open(root)]
    while stack:
        element = stack[-1]
        child = next(element.children, None)
        if child is None:
            stack.pop()
            yield from _flush(element)
            yield from _term(element)
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                element.inline.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name in _INLINE:
            if not element.inline:
                element.line = child.sourceline or element.line
            element.inline.append(_text(child))
            continue
        yield from _flush(element)
        line = child.sourceline or 1
        if child.name == "dd" and element.term is not None:
            # "Donor" and "European Union" say together what neither says alone.
            definition = _text(child)
            if definition:
                term = element.term.text.rstrip(" :")
                yield Piece(BlockKind.PARAGRAPH, f"{term}: {definition}", line)
                element.defined = True
            continue
        yield from _term(element)
        if child.name == "dt":
            term = _text(child)
            element.term = Piece(BlockKind.PARAGRAPH, term, line) if term else None
        elif child.name in _HEADINGS:
            yield Piece(BlockKind.HEADING, _text(child), line, _HEADINGS[child.name])
        elif child.name in _PARAGRAPHS:
            yield Piece(BlockKind.PARAGRAPH, _text(child), line)
        elif child.name == "li":
            yield Piece(BlockKind.LIST_ITEM, _text(child, exclude=_LISTS), line)
            # Its nested lists come next, each walked once (a list inside a list inside this
            # item is walked with the outer one), the first on top of the stack.
            nested = _outermost(child, _LISTS, stop=frozenset({"li"}))
            stack.extend(_open(inner) for inner in reversed(nested))
        elif child.name == "tr":
            cells = [_text(cell) for cell in _outermost(child, _CELLS, stop=frozenset({"tr"}))]
            yield Piece(BlockKind.PARAGRAPH, " | ".join(cell for cell in cells if cell), line)
        else:
            stack.append(_open(child))


def _meta(found: dict[str, Tag], prop: str) -> str | None:
    tag = found.get(f"meta {prop}")
    content = tag.get("content") if tag is not None else None
    return collapse_whitespace(content) if isinstance(content, str) and content.strip() else None


def _landmarks(soup: BeautifulSoup) -> dict[str, Tag]:
    """The first of each tag that reading a page looks for, in document order, as ``find``
    would return it, found in one pass instead of a search of the whole page for each."""
    found: dict[str, Tag] = {}
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name in ("main", "article", "title", "html"):
            found.setdefault(node.name, node)
        elif node.name == "meta":
            prop = node.get("property")
            if isinstance(prop, str):
                found.setdefault(f"meta {prop}", node)
        elif node.name == "link" and "canonical" in (node.get("rel") or ()):
            found.setdefault("canonical", node)
    return found


class UnreadableHtml(ValueError):
    """The HTML parser gave up on a page; the message says why, without the file's name."""


# Python's html.parser, before the fix for CVE-2025-6069 (3.11.13, 3.12.11, 3.13.4), rescans
# to the end of the page for every "<" that starts a tag, comment or marked section which never
# closes: 4 MB of "H<\n" took minutes. Such a "<" is text either way; written as "&lt;" it
# is read as text at once. What can no longer close: any "<" after the last ">", a comment
# after the last "-->", a CDATA-like section after the last "]]>", and a conditional section
# ("<![if ...]>") after the last "]>".
_COMMENT = (re.compile(r"<!--"), re.compile(r"--\s*>"))
_SECTION = (
    re.compile(r"<!\[(?!\s*(?:if|else|endif)\b)", re.IGNORECASE),
    re.compile(r"\]\s*\]\s*>"),
)
_CONDITIONAL = (re.compile(r"<!\[(?=\s*(?:if|else|endif)\b)", re.IGNORECASE), re.compile(r"\]\s*>"))
# A decimal character reference of 8 digits or more: with over 4300 of them, leading zeros
# included, BeautifulSoup's int() raised ValueError. Past 7 significant digits it is beyond
# U+10FFFF, which stands for U+FFFD.
_LONG_DECIMAL_REFERENCE = re.compile(r"&#([0-9]{8,})")


def _shortened(reference: re.Match[str]) -> str:
    digits = reference.group(1).lstrip("0")
    return f"&#{digits or 0}" if len(digits) <= 7 else "&#1114112"


def _defused(markup: str) -> str:
    """The page with what would make the parser slow or fail written as the text it stands for."""
    end = markup.rfind(">") + 1
    head, tail = markup[:end], markup[end:].replace("<", "&lt;")
    for opening, closing in (_COMMENT, _SECTION, _CONDITIONAL):
        start = 0  # where the last close ends: an opening after it never closes
        for close in closing.finditer(head):
            start = close.end()
        head = head[:start] + opening.sub(lambda found: "&lt;" + found.group()[1:], head[start:])
    return _LONG_DECIMAL_REFERENCE.sub(_shortened, head + tail)


def _decoded(markup: bytes | str) -> str:
    """The page as text: decoded as it declares, else sniffed, as BeautifulSoup itself does."""
    if isinstance(markup, str):
        return markup
    text = UnicodeDammit(markup, is_html=True).unicode_markup
    if text is None:
        raise UnreadableHtml("its encoding could not be worked out")
    return text


def read_html(markup: bytes | str) -> HtmlPage:
    """Parse an HTML page; bytes are decoded as the page declares, else sniffed.
    ``UnreadableHtml`` when the parser gives up on it."""
    try:
        with warnings.catch_warnings():
            # XHTML pages start like XML; reading them as HTML is what is wanted, and the
            # warning would only clutter a maintainer's `qabot corpus add`.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(_defused(_decoded(markup)), "html.parser")
    except ParserRejectedMarkup as error:
        # Its message ends with the parser's own reason, such as "unknown status keyword
        # 'foo' in marked section" for "<![foo[".
        reason = str(error).strip().splitlines()[-1].strip()
        raise UnreadableHtml(reason.split(": ", 1)[-1]) from None
    found = _landmarks(soup)
    root = found.get("main") or found.get("article") or soup.body or soup
    pieces = tuple(_walk(root)) if isinstance(root, Tag) else ()

    title_tag = found.get("title")
    head_title = title_tag.get_text() if title_tag else None
    head_title = collapse_whitespace(head_title) if head_title else _meta(found, "og:title")
    h1 = next((p.text for p in pieces if p.kind is BlockKind.HEADING and p.level == 1), None)
    title = h1 if h1 and (head_title is None or h1.casefold() in head_title.casefold()) else None

    canonical = found.get("canonical")
    href = canonical.get("href") if canonical is not None else None
    url = href.strip() if isinstance(href, str) and href.strip() else _meta(found, "og:url")

    html = found.get("html")
    lang = html.get("lang") if html is not None else None
    language = lang.strip() if isinstance(lang, str) and lang.strip() else None
    return HtmlPage(
        title or head_title, url, language, _publisher(found, head_title, title), pieces
    )


def _publisher(found: dict[str, Tag], head_title: str | None, title: str | None) -> str | None:
    """The site's name: ``og:site_name``, else what ``<title>`` adds to the page's own title
    ("Project Stadia | INTERPOL")."""
    site = _meta(found, "og:site_name")
    if site or not head_title or not title or not head_title.startswith(title):
        return site
    rest = head_title[len(title) :].strip(" |-–—:·")
    return rest or None
