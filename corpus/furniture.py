"""Page furniture: the lines a web page carries around its content, which are no passage.

Saved pages and scrapes keep menus, cookie notices, language switchers, share buttons,
"Read more" links, newsletter boxes and copyright lines next to the text. Indexed, such a line
is a short passage that shares the page's words and outranks the sentence that answers. Their
vocabulary is that of the web's chrome, the same on every site, so a short block made mostly of
it is furniture, and so is the section under a heading made of it ("Related content",
"Subscribe to our newsletter").
"""

from __future__ import annotations

import re

# Words of page chrome, in English and as the names of languages in a language switcher.
_CHROME = frozenset(
    """
    accept all allow cookie cookies consent preferences settings reject decline manage
    privacy policy terms use conditions legal notice disclaimer accessibility sitemap
    copyright rights reserved
    share print download downloads pdf doc docx mb kb file email e-mail facebook twitter
    linkedin youtube instagram whatsapp telegram rss feed follow
    read more see view all continue back top next previous prev skip main content navigation
    menu search home login log sign register account subscribe subscription unsubscribe
    newsletter newsletters related articles updated last click here link links page pages us
    english français francais español espanol русский العربية 中文 deutsch português portugues
    italiano
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words that only hold a phrase together: "to our", "of the", "on".
_GLUE = frozenset("a an the to of on in at by for and or our your this with from is are".split())
# A block longer than this is prose, whatever its words.
MAX_WORDS = 16
# The share of a short block's words, glue left out, that are chrome, for it to be furniture.
MIN_CHROME_SHARE = 0.6
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
# A photo's caption or credit: "Photo: FAO/A. Name", "Ministers in Lima. © EL PAcCTO".
_CAPTION = re.compile(r"^\s*(?:photo|image|picture|credit)s?\s*:|©", re.IGNORECASE)
# A caption longer than this is a paragraph that credits a source; no furniture is longer.
MAX_CAPTION_WORDS = 30
MAX_CHARS = 400
# A cookie notice: "This site uses cookies to … Accept | Reject", "By continuing to browse you
# accept our use of cookies." Pages about programmes never speak of cookies otherwise.
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_WEB = re.compile(
    r"\b(?:site|website|brows\w*|consent|accept|agree|settings|preferences|policy|analytics|"
    r"statistics|traffic|click\w*)\b",
    re.IGNORECASE,
)
MAX_COOKIE_CHARS = 600
# A call to get in touch, which tells the reader where to write and nothing about the subject:
# "Questions about contributions? Write to the secretariat through the contact form.", "Have a
# question? Email us", "Please contact the press office". A line of key facts ("Contact:
# secretariat@…") or a sentence about the subject ("officers contact the secretariat") speaks
# to no reader and is kept.
_TOUCH = r"(?:contact|get in touch|write to|e-?mail)"
_GET_IN_TOUCH = re.compile(rf"\b{_TOUCH}", re.IGNORECASE)
_TO_THE_READER = re.compile(
    rf"\?.*\b{_TOUCH}|\bplease\b|\byour?\b|\b(?:contact|e-?mail|write to|reach) us\b|"
    r"\bget in touch\b",
    re.IGNORECASE,
)
# A breadcrumb trail: "Home > What we do > Maritime crime".
_TRAIL = re.compile(r"\S\s+[>»›/]\s+\S.*\s[>»›/]\s+\S")
# A site's menu, one item a line or items between bars or dots ("Home · About · News"): many
# items of a few words, none a sentence, several words of them the web's chrome. A list of
# names or a block of key facts has items as short, but no chrome.
_MENU_ITEM_BREAK = re.compile(r"\s*(?:\n|\||·|•)\s*")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
MIN_MENU_ITEMS = 6
MAX_MENU_ITEM_WORDS = 8
MIN_MENU_CHROME = 3


def is_furniture(text: str) -> bool:
    """Whether a block of a page is furniture: a copyright line, a photo's caption or credit, a
    cookie notice, a call to get in touch, a menu, a breadcrumb trail, or a short block whose
    words are mostly the web's chrome ("Share this page: Facebook Twitter LinkedIn Email",
    "English | Français | Español", "Read more", "Last updated: 5 May 2024")."""
    if (
        ("ookie" in text or "OOKIE" in text)
        and len(text) <= MAX_COOKIE_CHARS
        and _COOKIE.search(text)
        and _WEB.search(text)
    ):
        return True
    if len(text) > MAX_CHARS or text.count(" ") >= MAX_CAPTION_WORDS:
        return False  # most blocks are prose, and a quick look at their length tells
    if _COPYRIGHT.search(text):
        return True
    words = [word.casefold() for word in _WORD.findall(text)]
    if _CAPTION.search(text) and len(words) <= MAX_CAPTION_WORDS:
        return True
    if _is_menu(text):
        return True
    if _GET_IN_TOUCH.search(text) and _TO_THE_READER.search(text):
        return True
    if not words or len(words) > MAX_WORDS:
        return False
    if _TRAIL.search(text):
        return True
    meaningful = [word for word in words if word not in _GLUE] or words
    chrome = sum(word in _CHROME for word in meaningful)
    return chrome >= MIN_CHROME_SHARE * len(meaningful)


def _is_menu(text: str) -> bool:
    items = [item for item in _MENU_ITEM_BREAK.split(text) if item]
    if len(items) < MIN_MENU_ITEMS or any(
        _SENTENCE_END.search(item) or len(item.split()) > MAX_MENU_ITEM_WORDS for item in items
    ):
        return False
    chrome = sum(word.casefold() in _CHROME for word in _WORD.findall(text))
    return chrome >= MIN_MENU_CHROME
