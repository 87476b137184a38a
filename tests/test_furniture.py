"""Page furniture: which blocks of a saved page are no passage, and what the readers make of
key-value lines, separators and repeated titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.furniture import MAX_WORDS, is_furniture
from corpus.loading import ReadSettings, read_document
from corpus.read_html import read_html
from corpus.read_text import read_text
from corpus.splitting import SplitSettings, split_document


@pytest.mark.parametrize(
    "text",
    [
        "Share this page: Facebook Twitter LinkedIn Email",
        "English | Français | Español",
        "Read more",
        "Last updated: 5 May 2024",
        "Print | Download the factsheet (PDF, 2 MB)",
        "© 2025 Stop TB Partnership. All rights reserved. Privacy policy | Terms of use",
        "Home > Partnerships > Container Control Programme",
        "Photo: FAO/Giulio Napolitano",
        "Ministers at a CLASI meeting supported by the programme. © EL PAcCTO",
        "We use cookies to improve your experience. Accept all / Reject",
        "Subscribe to our newsletter",
        "Related content",
        "Skip to main content",
        "Reef Alliance\nHome\nAbout us\nWhat we do\nCoral Science Centres\nNews & Stories\n"
        "Contact\nEnglish | Français",
        "Skip to content · Home · Programmes · Countries · Results · Donate",
        "This site uses cookies to offer you a better browsing experience. Find out more on how "
        "we use cookies. Accept | Reject",
        "We use cookies to analyse traffic and remember your choices. OK, I agree | No, thanks",
        "By continuing to browse this website you accept our use of cookies. More information ×",
        "Have a question about grants? Email us at grants@example.org",
        "For press enquiries, please contact the media team.",
        "Your e-mail address will not be published.",
    ],
)
def test_the_chrome_of_web_pages_is_furniture(text: str) -> None:
    assert is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "Partners: UNODC | WCO | INTERPOL",
        "Donor: European Union",
        "Trustee | The World Bank",
        "Key facts",
        "x",
        "The programme is funded by the European Union and implemented by UNODC.",
        "Member States share information on high-risk containers through a secure system.",
        "UNICEF buys and ships vaccines, and manages the cold chain up to the port of entry.",
        "FAO\nUNEP\nWHO\nWOAH\nUNDP\nUNICEF\nWorld Bank",
        "Launched | 2015\nSecretariat | WMO, Geneva\nTrustee | World Bank\nDonors | 12 countries\n"
        "Website | crews-initiative.org\nContact | secretariat@example.org",
        "Home\nAbout us\nNews\nContact\nSearch\nThe reef survey counts corals every year.",
        "Codex standards cover biscuits and cookies, and bakers use them to label sugar.",
        "Contact | secretariat@example.org",
        "Contact the Secretariat: Global Health Campus, Geneva",
        "Customs officers contact the secretariat when a container is flagged.",
    ],
)
def test_content_is_not_furniture(text: str) -> None:
    assert not is_furniture(text)


_PROSE = st.sampled_from("customs officers seize cocaine ports trained units Africa".split())


@settings(max_examples=100, deadline=None)
@given(st.lists(_PROSE, min_size=MAX_WORDS + 1, max_size=60))
def test_a_block_longer_than_a_line_of_chrome_is_never_furniture_for_its_words(
    words: list[str],
) -> None:
    assert not is_furniture(" ".join(["Share", "Print", *words]))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_judged_without_error(text: str) -> None:
    assert is_furniture(text) in (True, False)


PAGE = """\
<html><head><title>Harbour Watch | Coast Office</title></head><body>
<h1>Harbour Watch</h1>
<div class="lang">English | Français | Español</div>
<p>Harbour Watch (HW)</p>
<p>Harbour Watch trains port police in twelve countries.</p>
<p>Share this page: Facebook Twitter LinkedIn Email</p>
<h2>Key facts</h2>
<dl><dt>Donor</dt><dd>European Union</dd><dt>Budget:</dt><dd>EUR 4 million</dd>
<dt>Status</dt></dl>
<h2>Related content</h2>
<h3>Port police meet in Lisbon</h3>
<p>Officers from ten ports compared their methods in June.</p>
<h2>How it works</h2>
<p>Teams of customs and police officers profile containers together.</p>
<footer><p>© 2025 Coast Office</p></footer>
</body></html>
"""


def _passages(path: Path) -> list[tuple[str, str]]:
    document = read_document(path, ReadSettings())
    return [(p.section, p.text) for p in split_document(document, SplitSettings())]


def test_a_page_keeps_its_content_and_leaves_out_its_furniture(tmp_path: Path) -> None:
    path = tmp_path / "harbour.html"
    path.write_text(PAGE, encoding="utf-8")
    assert _passages(path) == [
        ("Harbour Watch", "Harbour Watch trains port police in twelve countries."),
        ("Key facts", "Donor: European Union"),
        ("Key facts", "Budget: EUR 4 million"),
        ("Key facts", "Status"),
        ("How it works", "Teams of customs and police officers profile containers together."),
    ]


def test_a_definition_is_read_with_its_term_and_a_term_with_each_of_its_definitions() -> None:
    page = read_html("<dl><dt>Donors</dt><dd>Canada</dd><dd>Norway</dd><dt>Alone</dt></dl>")
    assert [piece.text for piece in page.pieces] == ["Donors: Canada", "Donors: Norway", "Alone"]


SCRAPE = """\
Harbour Watch

English | Français | Español

Home > Programmes > Harbour Watch

Harbour Watch trains port police in twelve countries.

Last updated: 5 May 2024

Funding

The European Union pays for the programme.
"""


def test_a_scraped_line_of_separators_labels_or_chrome_is_no_heading() -> None:
    blocks = read_text(SCRAPE, heading_max_chars=120)
    headings = [SCRAPE[b.start : b.end] for b in blocks if b.kind.value == "heading"]
    assert headings == ["Harbour Watch", "Funding"]


def test_a_scrape_keeps_its_sections_and_leaves_out_its_furniture(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(SCRAPE, encoding="utf-8")
    assert _passages(path) == [
        ("Harbour Watch", "Harbour Watch trains port police in twelve countries."),
        ("Funding", "The European Union pays for the programme."),
    ]
