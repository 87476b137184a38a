"""Structure from HTML, through BeautifulSoup: headings, paragraphs, lists and table rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
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
_PARAGRAPHS = frozenset(["p", "dt", "dd", "figcaption", "caption", "pre", "address", "summary"])
_LISTS = frozenset({"ul", "ol", "menu"})
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


def _text(node: Tag, exclude: frozenset[str] = frozenset()) -> str:
    """The text inside ``node``, leaving out skipped elements and those named in ``exclude``."""
    parts: list[str] = []

    def collect(tag: Tag) -> None:
        for child in tag.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    parts.append(str(child))
            elif isinstance(child, Tag) and child.name not in _SKIP and child.name not in exclude:
                collect(child)

    collect(node)
    return collapse_whitespace(" ".join(parts) if node.name == "tr" else "".join(parts))


def _walk(node: Tag) -> Iterator[Piece]:
    inline: list[str] = []
    inline_line = node.sourceline or 1

    def flush() -> Iterator[Piece]:
        text = collapse_whitespace("".join(inline))
        inline.clear()
        if text:
            yield Piece(BlockKind.PARAGRAPH, text, inline_line)

    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                inline.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        if child.name in _INLINE:
            if not inline:
                inline_line = child.sourceline or inline_line
            inline.append(_text(child))
            continue
        yield from flush()
        line = child.sourceline or 1
        if child.name in _HEADINGS:
            yield Piece(BlockKind.HEADING, _text(child), line, _HEADINGS[child.name])
        elif child.name in _PARAGRAPHS:
            yield Piece(BlockKind.PARAGRAPH, _text(child), line)
        elif child.name == "li":
            yield Piece(BlockKind.LIST_ITEM, _text(child, exclude=_LISTS), line)
            for nested in child.find_all(_LISTS):
                if nested.find_parent("li") is child:
                    yield from _walk(nested)
        elif child.name == "tr":
            cells = [_text(cell) for cell in child.find_all(["td", "th"])]
            yield Piece(BlockKind.PARAGRAPH, " | ".join(cell for cell in cells if cell), line)
        else:
            yield from _walk(child)
    yield from flush()


def _meta(soup: BeautifulSoup, prop: str) -> str | None:
    tag = soup.find("meta", attrs={"property": prop})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return collapse_whitespace(content) if isinstance(content, str) and content.strip() else None


def read_html(markup: bytes | str) -> HtmlPage:
    """Parse an HTML page; bytes are decoded as the page declares, else sniffed."""
    soup = BeautifulSoup(markup, "html.parser")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    pieces = tuple(_walk(root)) if isinstance(root, Tag) else ()

    head_title = soup.title.get_text() if soup.title else None
    head_title = collapse_whitespace(head_title) if head_title else _meta(soup, "og:title")
    h1 = next((p.text for p in pieces if p.kind is BlockKind.HEADING and p.level == 1), None)
    title = h1 if h1 and (head_title is None or h1.casefold() in head_title.casefold()) else None

    canonical = soup.find("link", rel="canonical")
    href = canonical.get("href") if isinstance(canonical, Tag) else None
    url = href.strip() if isinstance(href, str) and href.strip() else _meta(soup, "og:url")

    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    language = lang.strip() if isinstance(lang, str) and lang.strip() else None
    return HtmlPage(title or head_title, url, language, _publisher(soup, head_title, title), pieces)


def _publisher(soup: BeautifulSoup, head_title: str | None, title: str | None) -> str | None:
    """The site's name: ``og:site_name``, else what ``<title>`` adds to the page's own title
    ("Project Stadia | INTERPOL")."""
    site = _meta(soup, "og:site_name")
    if site or not head_title or not title or not head_title.startswith(title):
        return site
    rest = head_title[len(title) :].strip(" |-–—:·")
    return rest or None
