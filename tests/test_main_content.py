"""A web page's main content: on pages of our own that imitate real sites (tests/web/pages),
every content sentence is indexed and hardly any furniture; and the rules that keep what
trafilatura drops from content (lists of links, headings, key facts) or keeps by mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from corpus.loading import ReadSettings, read_document
from corpus.models import BlockKind
from corpus.read_html import read_html
from corpus.splitting import SplitSettings, split_document

PAGES = Path(__file__).parent / "web" / "pages"

NAMES = sorted(page.stem for page in PAGES.glob("*.html"))
# The share of furniture snippets that may reach the index, over all the pages: none of 251 on
# 2026-12-07 (the reader before kept 52).
MAX_FURNITURE_KEPT = 0.0


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _indexed(name: str, tmp_path: Path) -> tuple[str, str, dict]:
    """The text of a page's passages, its title, and what the page must keep and drop."""
    path = tmp_path / f"{name}.html"
    path.write_bytes((PAGES / f"{name}.html").read_bytes())
    document = read_document(path, ReadSettings())
    passages = split_document(document, SplitSettings())
    expected = yaml.safe_load((PAGES / f"{name}.expect.yaml").read_text(encoding="utf-8"))
    return _collapsed(" \n ".join(p.text for p in passages)), document.meta.title, expected


@pytest.mark.parametrize("name", NAMES)
def test_every_content_sentence_of_a_real_looking_page_is_indexed(
    name: str, tmp_path: Path
) -> None:
    text, title, expected = _indexed(name, tmp_path)
    lost = [s for s in expected["content"] or [] if _collapsed(s) not in text]
    assert lost == []
    if expected.get("no_content"):
        assert text == ""
    else:
        assert title == expected["title"]


def test_hardly_any_furniture_of_the_pages_is_indexed(tmp_path: Path) -> None:
    kept, total = [], 0
    for name in NAMES:
        text, _, expected = _indexed(name, tmp_path)
        furniture = expected["furniture"] or []
        total += len(furniture)
        kept += [f"{name}: {line}" for line in furniture if _collapsed(line) in text]
    assert len(kept) <= MAX_FURNITURE_KEPT * total, kept


def _texts(page: str) -> list[str]:
    return [piece.text for piece in read_html(page).pieces]


ARTICLE = """<html><head><title>Harbour Watch | Coast Office</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About the office</a></li>
<li><a href="/news">News and events</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<main><article><h1>Harbour Watch</h1>
<p>Harbour Watch trains port police in twelve countries around the Gulf of Guinea.</p>
{middle}
<p>Teams of customs and police officers profile containers together at each port.</p>
</article></main>
<footer><p>© 2025 Coast Office. All rights reserved.</p></footer></body></html>"""


def test_a_list_of_links_announced_by_its_lead_in_is_content() -> None:
    middle = (
        "<p>The programme is implemented with these partners:</p><ul>"
        '<li><a href="/u">UNODC</a></li><li><a href="/w">World Customs Organization</a></li></ul>'
    )
    texts = _texts(ARTICLE.format(middle=middle))
    assert "UNODC" in texts and "World Customs Organization" in texts
    assert "About the office" not in texts


def test_a_line_of_links_between_paragraphs_of_the_article_is_content() -> None:
    middle = '<div>Partners: <a href="/u">UNODC</a>, <a href="/w">WCO</a> and INTERPOL</div>'
    assert "Partners: UNODC, WCO and INTERPOL" in _texts(ARTICLE.format(middle=middle))


def test_key_facts_in_a_definition_list_are_read_with_their_terms() -> None:
    middle = (
        "<h2>Key facts</h2><dl><dt>Donor</dt><dd>European Union</dd>"
        "<dt>Budget:</dt><dd>EUR 4 million</dd></dl>"
    )
    texts = _texts(ARTICLE.format(middle=middle))
    assert "Donor: European Union" in texts and "Budget: EUR 4 million" in texts
    assert "Key facts" in texts


def test_a_heading_is_kept_with_the_content_under_it_and_the_menu_is_not() -> None:
    middle = "<h2>How it works</h2><p>Officers share alerts through a secure messaging system.</p>"
    page = read_html(ARTICLE.format(middle=middle))
    headings = [p.text for p in page.pieces if p.kind is BlockKind.HEADING]
    assert headings == ["Harbour Watch", "How it works"]
    assert not any(p.text == "Home" or "rights reserved" in p.text for p in page.pieces)


def test_a_page_laid_out_as_a_table_is_read_block_by_block() -> None:
    page = (
        "<html><body><table><tr><td><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a>"
        "</li></ul></td><td><h1>Observers at sea</h1><p>Observers board industrial trawlers for "
        "six weeks and record every catch they see.</p><p>The programme is run by FAO with the "
        "regional fisheries commission of West Africa.</p></td></tr></table></body></html>"
    )
    texts = _texts(page)
    assert (
        "The programme is run by FAO with the regional fisheries commission of West Africa."
        in texts
    )
    assert not any(" | " in text for text in texts)


def test_a_data_table_stays_rows_of_cells() -> None:
    middle = (
        "<table><tr><th>Agency</th><th>Role</th></tr>"
        "<tr><td>UNODC</td><td><p>lead</p></td></tr></table>"
    )
    texts = _texts(ARTICLE.format(middle=middle))
    assert "Agency | Role" in texts and "UNODC | lead" in texts


def test_a_data_table_s_rows_carry_its_column_headings_and_key_facts_none() -> None:
    middle = (
        "<table><tr><th>Province</th><th>Buses</th><th>Pupils transported daily</th></tr>"
        "<tr><td>Syunik</td><td>46</td><td>3,420</td></tr></table>"
        "<table><tr><th>Donor</th><td>European Union</td></tr>"
        "<tr><th>Trustee</th><td>World Bank</td></tr></table>"
    )
    rows = {p.text: p.lead_in for p in read_html(ARTICLE.format(middle=middle)).pieces}
    assert rows["Syunik | 46 | 3,420"] == "Province | Buses | Pupils transported daily"
    assert rows["Province | Buses | Pupils transported daily"] is None
    assert rows["Trustee | World Bank"] is None


def test_a_page_that_says_it_is_an_error_page_has_no_content() -> None:
    page = (
        "<html><head><title>Page not found | Portal</title></head><body><main><h1>Page not "
        "found</h1><p>Sorry, we could not find the page you were looking for. It may have been "
        "moved or deleted.</p></main></body></html>"
    )
    assert read_html(page).pieces == ()


@pytest.mark.parametrize(
    "raw, text",
    [
        # Valid UTF-8 is UTF-8, whatever the page declares.
        ('<meta charset="iso-8859-1"><p>Café crème à Genève.</p>'.encode(), "Café crème à Genève."),
        # Else the declaration, Latin-1 read as Windows-1252 as browsers do.
        ('<meta charset="iso-8859-1"><p>Le “café” – 5 €.</p>'.encode("cp1252"), "Le “café” – 5 €."),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<p>Coöperatie “Noord”.</p>".encode("cp1252"),
            "Coöperatie “Noord”.",
        ),
        # No declaration and not UTF-8: the likeliest encoding.
        (
            "<p>Überwachung der Häfen in Süddeutschland und Österreich.</p>".encode("cp1252"),
            "Überwachung der Häfen in Süddeutschland und Österreich.",
        ),
    ],
)
def test_a_page_is_decoded_as_utf_8_or_as_it_declares(raw: bytes, text: str) -> None:
    assert _texts(raw) == [text]


def test_a_malformed_closing_script_tag_does_not_swallow_the_page() -> None:
    page = (
        "<html><body><script>var tracker = 1;</script\n<div><p>The consortium links wildlife "
        "officers in nine countries.</p><p>It is funded by Germany and run by UNODC.</p></div>"
        "</body></html>"
    )
    assert "It is funded by Germany and run by UNODC." in _texts(page)


SPREAD = """<html><head><title>About the Fund | Fund</title></head><body>
<div class="menu"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></div>
<div class="main-wrap"><h1>About the Fund</h1>
<div class="two-col"><div class="body-text">
<p>The Fund helps developing countries shift to low-carbon economies, through the banks.</p>
<h2>How the Fund was created</h2>
<p>The Fund was designed in 2008 by a small group of donor governments and banks together.</p>
</div>
<div class="box"><h2>Useful links</h2><ul><li><a href="/a">Annual report (PDF)</a></li>
<li><a href="/f">Frequently asked questions</a></li></ul></div>
<div class="side-box"><h2>The Fund at a glance</h2>
<dl><dt>Trustee</dt><dd>World Bank</dd><dt>Established</dt><dd>2008</dd></dl></div></div>
<h2>Our programmes</h2>
<p>The Fund is made up of two programmes, one for clean technology and one for resilience.</p>
<table><tr><th>Programme</th><th>Launched</th></tr><tr><td>Clean Technology</td><td>2008</td></tr>
</table>
</div></body></html>"""


def test_content_spread_over_sibling_containers_is_kept_and_a_box_of_links_is_not() -> None:
    texts = _texts(SPREAD)
    for content in (
        "The Fund was designed in 2008 by a small group of donor governments and banks together.",
        "Trustee: World Bank",
        "Our programmes",
        "Clean Technology | 2008",
    ):
        assert content in texts
    assert "Frequently asked questions" not in texts


def test_a_sidebar_heading_before_the_article_does_not_take_the_article_as_its_section() -> None:
    page = (
        "<html><head><title>Millennials | Blog</title></head><body>"
        "<div class='sidebar'><h3>Follow us</h3><ul><li><a href='/x'>X</a></li>"
        "<li><a href='/rss'>RSS</a></li></ul></div>"
        "<div class='post'><p>The generation everyone loves to blame turns out to save more than "
        "its parents did at the same age.</p><p>Economists at three universities compared the "
        "savings of four generations over forty years of surveys.</p></div></body></html>"
    )
    headings = [p.text for p in read_html(page).pieces if p.kind is BlockKind.HEADING]
    assert "Follow us" not in headings


def test_inline_markup_keeps_the_space_at_its_edge() -> None:
    middle = (
        "<div>Its <em>second </em>phase <b> started</b> in 2021 with funding from Norway.</div>"
    )
    assert "Its second phase started in 2021 with funding from Norway." in _texts(
        ARTICLE.format(middle=middle)
    )


def test_in_a_flat_dump_of_a_page_only_prose_counts_and_a_copyright_line_surrounds_nothing() -> (
    None
):
    page = (
        "<html><body><table><tr><td><p>Desk home</p><p>Route des Almadies, Dakar, Senegal, "
        "West Africa office</p></td><td><h1>Observers at sea</h1><p>Observers board trawlers for "
        "six weeks and record every catch they see on deck.</p><p>The programme is run by FAO "
        "with the fisheries commission of West Africa since 2019.</p><p>Page maintained by the "
        "desk webmaster · Printable version · Back to top</p><p>© 2025 Fisheries Desk · Legal "
        "notice</p></td></tr></table></body></html>"
    )
    texts = _texts(page)
    assert (
        "The programme is run by FAO with the fisheries commission of West Africa since 2019."
        in texts
    )
    assert not any("Almadies" in text or "webmaster" in text for text in texts)


def test_a_logo_in_the_site_header_is_not_the_page_title() -> None:
    page = read_html(
        "<html><head><title>Harbour Watch | Coast Office</title></head><body><header>"
        "<h1 class='logo'>Coast Office</h1></header><main><article><h1>Harbour Watch</h1><p>"
        "Harbour Watch trains port police in twelve countries around the Gulf of Guinea since "
        "2019.</p></article></main></body></html>"
    )
    assert (page.title, page.publisher) == ("Harbour Watch", "Coast Office")


COLUMNS = """<html><head><title>Reef Rangers | Coral Trust</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/map">Reef map</a></li></ul></nav>
<section class="hero"><p class="tagline">Every reef counted, every year, by the people who live
beside it.</p><a href="/map">See the map</a></section>
<div class="row"><div class="col-main"><h1>Reef Rangers</h1>
<p>Reef Rangers trains fishers in nine island states to survey coral and report bleaching to
their national parks service every month.</p>
<p>The programme is run by the Coral Trust with the regional fisheries agency, and it is funded
by New Zealand and the Global Environment Facility since 2018.</p>
<p>Rangers are paid for each survey day, and their data are published under an open licence
within a week of each dive.</p></div>
<div class="col-side">{side}</div></div>
<footer><p>© 2025 Coral Trust</p></footer></body></html>"""

CARDS = """<div class="card"><h5>Join the survey</h5><p>Sign up once and log your dives from any
phone, even without a connection.</p><a href="/join">Sign up</a></div>
<div class="card"><h5>In numbers</h5><p>9 island states · 1,200 rangers · 40,000 dives</p></div>"""


def test_a_hero_tagline_and_sidebar_cards_beside_the_column_of_the_h1_are_not_content() -> None:
    texts = _texts(COLUMNS.format(side=CARDS))
    assert (
        "Reef Rangers trains fishers in nine island states to survey coral and report "
        "bleaching to their national parks service every month." in texts
    )
    for furniture in ("Every reef counted", "Sign up once", "9 island states", "Join the survey"):
        assert not any(furniture in text for text in texts), furniture


def test_key_facts_beside_the_column_of_the_h1_stay_content() -> None:
    facts = "<dl><dt>Budget</dt><dd>USD 4.2 million</dd><dt>Duration</dt><dd>2018–2026</dd></dl>"
    texts = _texts(COLUMNS.format(side=facts))
    assert "Budget: USD 4.2 million" in texts


@pytest.mark.parametrize(
    "box",
    [
        "<aside class='project-facts'><h3>Project details</h3><table>{rows}</table></aside>",
        "<div role='complementary'><h3>Project details</h3><dl>{rows}</dl></div>",
    ],
)
def test_a_box_of_key_facts_in_an_aside_is_content_with_its_heading(box: str) -> None:
    if "<dl>" in box:
        rows = "<dt>Total cost</dt><dd>USD 12 million</dd><dt>Donor</dt><dd>New Zealand</dd>"
    else:
        rows = (
            "<tr><th>Total cost</th><td>USD 12 million</td></tr>"
            "<tr><th>Donor</th><td>New Zealand</td></tr>"
        )
    pieces = read_html(COLUMNS.format(side=box.format(rows=rows))).pieces
    texts = [piece.text for piece in pieces]
    assert any("USD 12 million" in text for text in texts)
    assert any("Donor" in text and "New Zealand" in text for text in texts)
    assert "Project details" in texts


def test_an_aside_of_links_and_one_line_of_facts_is_not_content() -> None:
    side = (
        "<aside><h3>Related programmes</h3><ul><li><a href='/a'>Atoll Water Fund</a></li>"
        "<li><a href='/b'>Lagoon Watch</a></li></ul><table><tr><th>Updated</th><td>May 2024"
        "</td></tr></table></aside>"
    )
    texts = _texts(COLUMNS.format(side=side))
    assert not any("Atoll Water Fund" in text or "May 2024" in text for text in texts)


def test_the_text_after_a_box_holding_the_h1_and_its_standfirst_is_content() -> None:
    page = (
        "<html><head><title>Port Link | Customs Office</title></head><body>"
        "<div class='page-header'><h1>Port Link</h1><p>Port Link connects the customs "
        "services of eleven ports on the Indian Ocean so that each can see the others' risk "
        "alerts in real time, since its launch in 2020 by the regional customs union.</p></div>"
        "<div class='page-body'><p>It is funded by the European Union until 2027.</p></div>"
        "</body></html>"
    )
    assert "It is funded by the European Union until 2027." in _texts(page)


def test_a_list_of_partners_beside_the_column_of_the_h1_stays_content() -> None:
    partners = (
        "<h3>Partners</h3><ul><li>Coral Trust</li><li>Pacific Fisheries Agency</li>"
        "<li>University of the South Pacific</li></ul>"
    )
    texts = _texts(COLUMNS.format(side=partners))
    assert "Pacific Fisheries Agency" in texts


def test_one_short_section_beside_the_column_of_the_h1_stays_content() -> None:
    funding = "<h3>Funding</h3><p>Reef Rangers is funded by New Zealand since 2018.</p>"
    texts = _texts(COLUMNS.format(side=funding))
    assert "Reef Rangers is funded by New Zealand since 2018." in texts


BANNER = """<html><head><title>Reef Lane | Customs Office</title></head><body>{open}
<div id="header"><a href="/">Customs Office</a> <a href="/fr">Français</a></div>
<div id="main-col"><h1>Reef Lane Programme</h1>
<div class="programme-banner"><p><strong>Sponsored by:</strong> the European Union, the
Korea Customs Service</p><p><strong>Duration:</strong> 2023 – 2027</p></div>
<h2>Background</h2><p>Reef Lane helps the customs services of four island states to share
their data on containers before the ships arrive, so that each can target its checks.</p>
<h2>Objectives</h2><p>It sets up green lanes for traders who comply with the rules, and it
trains officers to recognise protected species and waste shipped in containers.</p></div>
<div id="footer"><p>Subscribe to our newsletter for the latest news.</p></div>{close}
</body></html>"""


@pytest.mark.parametrize(("opening", "closing"), [("", ""), ('<form id="aspnetForm">', "</form>")])
def test_lines_of_key_facts_under_the_title_are_content_in_any_wrapper(
    opening: str, closing: str
) -> None:
    # A banner of facts right under the h1 says who pays; an ASP.NET page wraps all of itself
    # in one form, which is then no form of the page's.
    texts = _texts(BANNER.format(open=opening, close=closing))
    assert "Sponsored by: the European Union, the Korea Customs Service" in texts
    assert "Duration: 2023 – 2027" in texts
    assert not any("newsletter" in text for text in texts)


def test_a_form_beside_the_content_is_still_no_content() -> None:
    # The h1 is outside the form: the form is the page's, a landmark, and its text no content.
    form = (
        "<form><h2>Write to us</h2><p>Tell the programme team what you think of the reef maps "
        "and the survey reports, and we will answer within a week.</p></form>"
    )
    page = BANNER.format(open="", close="").replace('<div id="footer">', form + '<div id="footer">')
    texts = _texts(page)
    assert "Reef Lane helps" in " ".join(texts)
    assert not any("what you think" in text for text in texts)


SUMMARY = """<html><head><title>Dune Watch | Knowledge base</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/kb">Knowledge base</a></li></ul></nav>
<main><h1>Dune Watch</h1>
<div class="meta">Source: Sahel Water Office · Posted 4 February 2025</div>
<div class="field-summary"><p>Three bodies, the Sahel Water Office, the Oasis Council and
UNICEF, joined forces in 2021 to launch Dune Watch, an alert service for herders.</p></div>
<div class="field-keyfacts"><h2>Key facts</h2><ul><li>Established: 2021</li>
<li>Trustee: Sahel Water Office</li><li>Total pledged: USD 4.5 million</li></ul></div>
<div class="field-body"><h2>Why an alert service?</h2>
<p>Sand storms bury wells and close roads for days, and herders far from towns hear of them
too late to move their animals to shelter in time.</p>
<h2>How it works</h2><p>Weather offices in four countries send their forecasts to one desk in
Niamey, which turns them into text messages in six languages for the herders.</p></div>
<div class="field-related"><h2>Related content</h2><ul>
<li><a href="/a">Oasis Council: annual report</a></li><li><a href="/b">Niger: country brief</a>
</li></ul></div></main></body></html>"""


def test_the_summary_under_the_title_and_a_list_of_key_facts_beside_the_body_are_content() -> None:
    # trafilatura takes the body's container for the article and drops its siblings.
    texts = _texts(SUMMARY)
    assert any(text.startswith("Three bodies, the Sahel Water Office") for text in texts)
    assert "Trustee: Sahel Water Office" in texts
    assert "Total pledged: USD 4.5 million" in texts
    assert not any("Posted 4 February" in text for text in texts)
    assert not any("country brief" in text or "annual report" in text for text in texts)
