"""The plain-text, Markdown and HTML readers, through ``read_document`` on files on disk."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import pytest

from corpus.loading import ReadSettings, read_document
from corpus.models import Block, BlockKind, Document

TITLE = BlockKind.TITLE
HEADING = BlockKind.HEADING
PARAGRAPH = BlockKind.PARAGRAPH
ITEM = BlockKind.LIST_ITEM


def _read(directory: Path, name: str, content: str | bytes, **settings: int) -> Document:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return read_document(path, ReadSettings(**settings))


def _check_spans(document: Document) -> None:
    """Every block's span lies inside the text, in order, without surrounding whitespace."""
    previous = 0
    for block in document.blocks:
        assert previous <= block.start < block.end <= len(document.text)
        text = document.text[block.start : block.end]
        assert text == text.strip()
        previous = block.end


def _kinds_and_texts(document: Document) -> list[tuple[BlockKind, str]]:
    _check_spans(document)
    return [(b.kind, document.text[b.start : b.end]) for b in document.blocks]


def _only(document: Document, kind: BlockKind) -> list[Block]:
    return [b for b in document.blocks if b.kind is kind]


# --- plain text -------------------------------------------------------------------------------


def test_short_line_without_final_punctuation_followed_by_text_is_a_heading(
    tmp_path: Path,
) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "Intro paragraph comes first.\n\nBorder management\n\nWe help at borders.\n",
    )
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "Intro paragraph comes first."),
        (HEADING, "Border management"),
        (PARAGRAPH, "We help at borders."),
    ]
    heading = _only(document, HEADING)[0]
    assert heading.level == 2
    assert heading.line == 3


@pytest.mark.parametrize(
    "line",
    [
        "This line ends with a full stop.",
        "Summary: done;",
        "A question?",
        "12345",
        "Main donors: Sweden, Japan, the Tidewater Foundation",
    ],
)
def test_short_line_with_final_punctuation_or_no_letters_is_a_paragraph(
    tmp_path: Path, line: str
) -> None:
    document = _read(tmp_path, "doc.txt", f"Start here.\n\n{line}\n\nMore text follows.\n")
    assert _kinds_and_texts(document)[1] == (PARAGRAPH, line)


def test_line_longer_than_the_heading_limit_is_a_paragraph(tmp_path: Path) -> None:
    line = "A line that is rather long and has no final punctuation at all"
    document = _read(tmp_path, "doc.txt", f"Start here.\n\n{line}\n\nMore.\n", heading_max_chars=20)
    assert _kinds_and_texts(document)[1] == (PARAGRAPH, line)


def test_short_last_line_with_nothing_after_it_is_not_a_heading(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Start here.\n\nSee you soon\n")
    assert _kinds_and_texts(document) == [(PARAGRAPH, "Start here."), (PARAGRAPH, "See you soon")]


def test_paragraph_lines_are_joined_until_a_blank_line(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Start here.\n\nOne line\nand its wrap.\n\nNext.\n")
    assert _kinds_and_texts(document)[1] == (PARAGRAPH, "One line\nand its wrap.")


# A page copied from a browser or a converter: one block a line, no blank line between them.
OVERVIEW = (
    "The Widget Initiative is a voluntary partnership of thirty nations and four agencies that "
    "aims to make widgets safe to use, store and carry across borders."
)
WORKINGS = (
    "Partners meet in plenary every two years, and working groups run workshops and exercises "
    "in between; host countries pay for the events they organise."
)
SCRAPE = (
    "Widget Initiative\n"
    "Overview\n"
    f"{OVERVIEW}\n"
    "Facts\n"
    "Founded: 2006\n"
    "Co-chairs: Freedonia, Sylvania\n"
    "Membership: open to any nation that signs the principles\n"
    "How it works\n"
    f"{WORKINGS}\n"
    "- workshops\n"
    "Last updated\n"
)


def test_a_scrape_without_blank_lines_is_read_one_block_a_line(tmp_path: Path) -> None:
    document = _read(tmp_path, "scrape.txt", SCRAPE)
    assert _kinds_and_texts(document) == [
        (TITLE, "Widget Initiative"),
        (HEADING, "Overview"),
        (PARAGRAPH, OVERVIEW),
        (HEADING, "Facts"),
        (PARAGRAPH, "Founded: 2006"),
        (PARAGRAPH, "Co-chairs: Freedonia, Sylvania"),
        (PARAGRAPH, "Membership: open to any nation that signs the principles"),
        (HEADING, "How it works"),
        (PARAGRAPH, WORKINGS),
        (ITEM, "workshops"),
        (PARAGRAPH, "Last updated"),
    ]
    assert document.meta.title == "Widget Initiative"
    assert [b.line for b in document.blocks] == list(range(1, 12))


def test_lines_wrapped_short_are_one_paragraph_even_beside_a_scrape(tmp_path: Path) -> None:
    wrapped = "Partners meet in plenary every two years,\nand working groups meet in between.\n"
    document = _read(tmp_path, "doc.txt", f"{SCRAPE}\n{wrapped}")
    assert _kinds_and_texts(document)[-1] == (PARAGRAPH, wrapped.strip())


@pytest.mark.parametrize("marker", ["•", "-", "*", "1.", "2)", "a)", "–", "▪"])
def test_lines_starting_with_a_list_marker_are_list_items(tmp_path: Path, marker: str) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        f"We offer:\n{marker} Training for officers\n{marker} Data analysis\n",
    )
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "We offer:"),
        (ITEM, "Training for officers"),
        (ITEM, "Data analysis"),
    ]


def test_indented_bullets_separated_by_blank_lines_are_list_items(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "Partners include:\n\n  • First partner\n\n  • Second partner\n",
    )
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "Partners include:"),
        (ITEM, "First partner"),
        (ITEM, "Second partner"),
    ]


def test_numbered_list_markers_mix_with_other_bullets(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Steps:\n1. Collect\n2. Check\n- Report\n")
    assert [t for k, t in _kinds_and_texts(document) if k is ITEM] == [
        "Collect",
        "Check",
        "Report",
    ]


def test_wrapped_line_continues_its_bullet(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "We offer:\n• Training for officers\n  across many regions\n• Data analysis\n",
    )
    items = [t for k, t in _kinds_and_texts(document) if k is ITEM]
    assert items == ["Training for officers\n  across many regions", "Data analysis"]


def test_hyphenated_word_at_line_start_is_not_a_bullet(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "This runs over\n-ward and beyond.\n")
    assert _kinds_and_texts(document) == [(PARAGRAPH, "This runs over\n-ward and beyond.")]


def test_bullets_become_list_items_with_their_lead_in(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "Partners\n\nWe have many partners. We work with the following entities:\n\n"
        "  • UNODC\n  • UNESCO\n\nAfter the list.\n\n- Another item\n",
    )
    items = _only(document, ITEM)
    assert [document.block_text(b) for b in items] == ["UNODC", "UNESCO", "Another item"]
    assert [b.lead_in for b in items] == [
        "We work with the following entities:",
        "We work with the following entities:",
        "After the list.",
    ]
    assert all(b.lead_in is None for b in document.blocks if b.kind is not ITEM)


def test_list_right_after_a_heading_has_no_lead_in(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Intro.\n\nServices\n\n• Training\n• Analysis\n")
    items = _only(document, ITEM)
    assert len(items) == 2
    assert [b.lead_in for b in items] == [None, None]


def test_lead_in_spread_over_wrapped_lines_is_collapsed(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Intro. We work\nwith these:\n• One thing\n")
    assert _only(document, ITEM)[0].lead_in == "We work with these:"


def test_first_heading_becomes_the_title_when_no_title_is_given(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.txt", "Annual Report\n\nOverview\n\nText here.\n")
    assert _kinds_and_texts(document) == [
        (TITLE, "Annual Report"),
        (HEADING, "Overview"),
        (PARAGRAPH, "Text here."),
    ]
    assert document.blocks[0].level == 0
    assert document.meta.title == "Annual Report"


def test_first_heading_matching_the_sidecar_title_becomes_the_title(tmp_path: Path) -> None:
    (tmp_path / "doc.yaml").write_text("title: annual  REPORT\n", encoding="utf-8")
    document = _read(tmp_path, "doc.txt", "Annual Report\n\nText here.\n")
    assert document.blocks[0].kind is TITLE
    assert document.meta.title == "annual  REPORT"


def test_first_heading_different_from_the_sidecar_title_stays_a_heading(tmp_path: Path) -> None:
    (tmp_path / "doc.yaml").write_text("title: The Real Title\n", encoding="utf-8")
    document = _read(tmp_path, "doc.txt", "Overview\n\nText here.\n")
    assert _kinds_and_texts(document)[0] == (HEADING, "Overview")
    assert document.meta.title == "The Real Title"


def test_document_starting_with_a_paragraph_has_no_title_block(tmp_path: Path) -> None:
    document = _read(tmp_path, "field-notes.txt", "Just a paragraph.\n\nAnother one.\n")
    assert not _only(document, TITLE)
    assert document.meta.title == "field-notes"


def test_block_lines_count_from_the_start_of_the_file(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "Title Here\n\n\nFirst para\nwraps.\n\n• one\n• two\n",
    )
    assert [b.line for b in document.blocks] == [1, 4, 7, 8]


def test_text_front_matter_is_metadata_and_not_text(tmp_path: Path) -> None:
    document = _read(
        tmp_path,
        "doc.txt",
        "---\ntitle: From Front Matter\nurl: https://example.org/doc\n---\n"
        "From Front Matter\n\nBody text.\n",
    )
    assert "---" not in document.text
    assert document.meta.title == "From Front Matter"
    assert document.meta.url == "https://example.org/doc"
    assert _kinds_and_texts(document) == [(TITLE, "From Front Matter"), (PARAGRAPH, "Body text.")]
    assert [b.line for b in document.blocks] == [5, 7]


def test_windows_line_endings_and_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    raw = "\ufeffTitle Line\r\n\r\nBody line one\r\nline two.\r\n".encode()
    document = _read(tmp_path, "doc.txt", raw)
    assert "\r" not in document.text
    assert _kinds_and_texts(document) == [
        (TITLE, "Title Line"),
        (PARAGRAPH, "Body line one\nline two."),
    ]


def test_plain_text_blocks_point_into_the_file_itself(tmp_path: Path) -> None:
    content = "Title\n\nPara one.\n\n• item\n"
    document = _read(tmp_path, "doc.txt", content)
    assert document.text == content
    assert document.source == "doc.txt"


# --- Markdown ---------------------------------------------------------------------------------

_MARKDOWN = """\
# Big Title

Intro paragraph with *emphasis*, `code` and a [link](https://example.org)
that wraps.

## Section Two

Here are the things we do:

- first item
- second item
  continues here
  - nested item

1. one
2. two

| Name | Value |
|------|-------|
| a    | 1     |
| b    | 2     |

###### Deep heading

Closing words.
"""


def test_markdown_headings_paragraphs_and_lists(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", _MARKDOWN)
    assert _kinds_and_texts(document) == [
        (TITLE, "Big Title"),
        (PARAGRAPH, "Intro paragraph with emphasis, code and a link that wraps."),
        (HEADING, "Section Two"),
        (PARAGRAPH, "Here are the things we do:"),
        (ITEM, "first item"),
        (ITEM, "second item continues here"),
        (ITEM, "nested item"),
        (ITEM, "one"),
        (ITEM, "two"),
        (PARAGRAPH, "Name | Value"),
        (PARAGRAPH, "a | 1"),
        (PARAGRAPH, "b | 2"),
        (HEADING, "Deep heading"),
        (PARAGRAPH, "Closing words."),
    ]
    assert document.meta.title == "Big Title"


def test_markdown_heading_levels_follow_the_hashes(tmp_path: Path) -> None:
    content = (
        "Para first.\n\n# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n"
    )
    document = _read(tmp_path, "doc.md", content)
    headings = _only(document, HEADING)
    assert [(document.block_text(b), b.level) for b in headings] == [
        ("One", 1),
        ("Two", 2),
        ("Three", 3),
        ("Four", 4),
        ("Five", 5),
        ("Six", 6),
    ]


def test_setext_heading_is_a_heading(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", "Intro.\n\nSection\n-------\n\nText.\n")
    assert _kinds_and_texts(document)[1] == (HEADING, "Section")
    assert document.blocks[1].level == 2


def test_markdown_list_items_carry_the_lead_in(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", _MARKDOWN)
    items = _only(document, ITEM)
    assert len(items) == 5
    assert {b.lead_in for b in items} == {"Here are the things we do:"}


def test_markdown_table_rows_are_paragraphs_of_cells(tmp_path: Path) -> None:
    content = "| Agency | City |\n|---|---|\n| UNODC | Vienna |\n| | Lyon |\n"
    document = _read(tmp_path, "doc.md", content)
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "Agency | City"),
        (PARAGRAPH, "UNODC | Vienna"),
        (PARAGRAPH, "Lyon"),
    ]


def test_markdown_table_rows_carry_the_header_row(tmp_path: Path) -> None:
    content = "| Agency | City |\n|---|---|\n| UNODC | Vienna |\n\nAfter the table.\n"
    document = _read(tmp_path, "doc.md", content)
    lead_ins = [(document.block_text(b), b.lead_in) for b in document.blocks]
    assert lead_ins == [
        ("Agency | City", None),
        ("UNODC | Vienna", "Agency | City"),
        ("After the table.", None),
    ]


def test_plain_text_table_rows_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    content = "Donors\n\nSince 2006 many have given.\nTop donors\tUSD million\nNorway\t56.3\n"
    document = _read(tmp_path, "doc.txt", content)
    assert _kinds_and_texts(document)[1:] == [
        (PARAGRAPH, "Since 2006 many have given."),
        (PARAGRAPH, "Top donors\tUSD million"),
        (PARAGRAPH, "Norway\t56.3"),
    ]


def test_plain_text_table_rows_laid_out_with_spaces_are_paragraphs_of_their_own(
    tmp_path: Path,
) -> None:
    content = (
        "Funding\n\nCommitments since 2021.  They are in USD million.\n"
        "Contributor          Committed   Share\n"
        "Germany (BMZ)        21.5        61.4%\n"
        "IKEA Foundation      3.0         8.6%\n"
    )
    document = _read(tmp_path, "doc.txt", content)
    texts = [" ".join(text.split()) for _, text in _kinds_and_texts(document)[1:]]
    # Two spaces after a full stop part sentences, not cells.
    assert texts == [
        "Commitments since 2021. They are in USD million.",
        "Contributor Committed Share",
        "Germany (BMZ) 21.5 61.4%",
        "IKEA Foundation 3.0 8.6%",
    ]


def test_markdown_text_holds_the_blocks_a_blank_line_apart(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", "# T\n\nOne.\n\n- two\n\nThree.\n")
    assert [t for _, t in _kinds_and_texts(document)] == ["T", "One.", "two", "Three."]
    blocks = document.blocks
    for before, after in itertools.pairwise(blocks):
        gap = document.text[before.end : after.start]
        assert gap.startswith("\n\n")
        assert not any(ch.isalnum() for ch in gap)
    assert document.text.startswith("T\n\nOne.\n\n")
    assert document.text.endswith("two\n\nThree.")


def test_markdown_front_matter_gives_metadata_and_shifts_lines(tmp_path: Path) -> None:
    content = (
        "---\ntitle: Front Title\npublisher: Someone\nlanguage: fr\n---\n"
        "# A Different Heading\n\nBody.\n"
    )
    document = _read(tmp_path, "doc.md", content)
    assert document.meta.title == "Front Title"
    assert document.meta.publisher == "Someone"
    assert document.meta.language == "fr"
    assert _kinds_and_texts(document) == [(HEADING, "A Different Heading"), (PARAGRAPH, "Body.")]
    assert [b.line for b in document.blocks] == [6, 8]
    assert "Front Title" not in document.text


def test_markdown_front_matter_closed_with_dots_is_accepted(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", "---\ntitle: Dots\n...\nBody.\n")
    assert document.meta.title == "Dots"
    assert _kinds_and_texts(document) == [(PARAGRAPH, "Body.")]


def test_markdown_block_lines_are_source_lines(tmp_path: Path) -> None:
    document = _read(tmp_path, "doc.md", _MARKDOWN)
    lines = {document.block_text(b): b.line for b in document.blocks}
    assert lines["Big Title"] == 1
    assert lines["Section Two"] == 6
    assert lines["first item"] == 10
    assert lines["nested item"] == 13
    assert lines["a | 1"] == 20
    assert lines["Closing words."] == 25


# --- HTML -------------------------------------------------------------------------------------

_PAGE = """\
<!DOCTYPE html>
<html lang="fr">
<head>
  <title>Hello World | Example Site</title>
  <link rel="canonical" href=" https://example.org/hello ">
  <style>p { color: red; }</style>
</head>
<body>
  <nav><a href="/">Home menu</a></nav>
  <header>Site banner</header>
  <main>
    <h1>Hello World</h1>
    <p>Intro text
       on two lines.</p>
    <script>var hidden = "script words";</script>
    <h2>Second</h2>
    <p>Para with <b>bold</b> and <a href="#">a link</a>.</p>
    <h3>Third</h3>
    <h4>Fourth</h4>
    <h5>Fifth</h5>
    <h6>Sixth</h6>
    <p>Last paragraph.</p>
  </main>
  <footer>Copyright footer</footer>
</body>
</html>
"""


def test_html_headings_h1_to_h6_and_paragraphs(tmp_path: Path) -> None:
    document = _read(tmp_path, "page.html", _PAGE)
    assert _kinds_and_texts(document) == [
        (TITLE, "Hello World"),
        (PARAGRAPH, "Intro text on two lines."),
        (HEADING, "Second"),
        (PARAGRAPH, "Para with bold and a link."),
        (HEADING, "Third"),
        (HEADING, "Fourth"),
        (HEADING, "Fifth"),
        (HEADING, "Sixth"),
        (PARAGRAPH, "Last paragraph."),
    ]
    assert [b.level for b in _only(document, HEADING)] == [2, 3, 4, 5, 6]


def test_a_page_that_starts_like_xml_is_read_as_html_and_warns_nobody(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<page><h1>Hello</h1><p>Some text.</p></page>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = _read(tmp_path, "page.html", page)
    assert _kinds_and_texts(document) == [(TITLE, "Hello"), (PARAGRAPH, "Some text.")]


def test_html_scripts_navigation_header_and_footer_are_skipped(tmp_path: Path) -> None:
    page = _PAGE.replace("<main>", "<div>").replace("</main>", "</div>")
    document = _read(tmp_path, "page.html", page)
    for furniture in ("Home menu", "Site banner", "script words", "Copyright footer", "color"):
        assert furniture not in document.text
    assert "Intro text on two lines." in document.text


def test_html_title_canonical_link_and_lang_are_metadata(tmp_path: Path) -> None:
    document = _read(tmp_path, "page.html", _PAGE)
    assert document.meta.title == "Hello World"
    assert document.meta.url == "https://example.org/hello"
    assert document.meta.language == "fr"


def test_html_title_element_is_used_when_it_does_not_contain_the_h1(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Site Name</title></head><body><h1>Welcome</h1><p>x.</p></body></html>"
    )
    document = _read(tmp_path, "page.html", page)
    assert document.meta.title == "Site Name"
    assert _kinds_and_texts(document)[0] == (HEADING, "Welcome")


@pytest.mark.parametrize(
    ("head_title", "publisher"),
    [
        ("Reef Fund | Lagoon Office", "Lagoon Office"),
        ("About the fund | Reef Fund | Lagoon Office", "Reef Fund | Lagoon Office"),
        ("Reef Fund", ""),
    ],
)
def test_html_publisher_is_what_the_title_element_adds_to_the_pages_title(
    tmp_path: Path, head_title: str, publisher: str
) -> None:
    page = (
        f"<html><head><title>{head_title}</title></head><body><h1>{head_title.split(' |')[0]}</h1>"
        "<p>The fund pays for reef surveys.</p></body></html>"
    )
    assert _read(tmp_path, "page.html", page).meta.publisher == publisher


def test_html_title_keeps_the_acronym_the_title_element_gives_the_h1(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Reef Facility (RF) – Project profile | Ocean Tracker</title></head>"
        "<body><h1>Reef Facility</h1><p>The facility lends money.</p></body></html>"
    )
    assert _read(tmp_path, "page.html", page).meta.title == "Reef Facility (RF)"


def test_html_h1_is_the_title_when_the_page_has_no_title_element(tmp_path: Path) -> None:
    document = _read(tmp_path, "page.html", "<body><h1>Only Heading</h1><p>Text.</p></body>")
    assert document.meta.title == "Only Heading"
    assert document.blocks[0].kind is TITLE


def test_html_open_graph_tags_are_fallbacks_for_title_and_url(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:title" content="OG  Title">'
        '<meta property="og:url" content="https://og.example/x"></head>'
        "<body><p>Text.</p></body></html>"
    )
    document = _read(tmp_path, "page.html", page)
    assert document.meta.title == "OG Title"
    assert document.meta.url == "https://og.example/x"
    assert document.meta.language == "en"


def test_html_sidecar_overrides_what_the_page_says(tmp_path: Path) -> None:
    (tmp_path / "page.yaml").write_text(
        "title: Sidecar Title\nurl: https://sidecar.example\nlanguage: de\n", encoding="utf-8"
    )
    document = _read(tmp_path, "page.html", _PAGE)
    assert document.meta.title == "Sidecar Title"
    assert document.meta.url == "https://sidecar.example"
    assert document.meta.language == "de"
    assert document.blocks[0].kind is HEADING


def test_html_list_items_are_read_with_their_text(tmp_path: Path) -> None:
    page = "<body><p>We work with these partners:</p><ul><li>UNODC</li><li>UNESCO</li></ul></body>"
    document = _read(tmp_path, "page.html", page)
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "We work with these partners:"),
        (ITEM, "UNODC"),
        (ITEM, "UNESCO"),
    ]
    assert [b.lead_in for b in _only(document, ITEM)] == ["We work with these partners:"] * 2


def test_html_nested_lists_become_items_in_reading_order(tmp_path: Path) -> None:
    page = (
        "<body><p>Food:</p><ul>"
        "<li>Fruit<ul><li>Apple</li><li>Pear</li></ul></li>"
        "<li>Vegetables<div><ol><li>Leek</li></ol></div></li>"
        "</ul></body>"
    )
    document = _read(tmp_path, "page.html", page)
    assert [t for k, t in _kinds_and_texts(document) if k is ITEM] == [
        "Fruit",
        "Apple",
        "Pear",
        "Vegetables",
        "Leek",
    ]


def test_html_table_rows_are_paragraphs_of_cells(tmp_path: Path) -> None:
    page = (
        "<body><table><tr><th>Agency</th><th>City</th></tr>"
        "<tr><td>UNODC</td><td>Vienna</td></tr></table></body>"
    )
    document = _read(tmp_path, "page.html", page)
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "Agency | City"),
        (PARAGRAPH, "UNODC | Vienna"),
    ]


def test_html_loose_inline_text_becomes_a_paragraph(tmp_path: Path) -> None:
    page = "<body><div>Loose <em>inline</em> text of a sentence.</div><p>Block of text.</p></body>"
    document = _read(tmp_path, "page.html", page)
    assert _kinds_and_texts(document) == [
        (PARAGRAPH, "Loose inline text of a sentence."),
        (PARAGRAPH, "Block of text."),
    ]


def test_html_content_inside_a_page_wide_form_is_read(tmp_path: Path) -> None:
    # Some sites wrap the whole body in one <form>; the article inside is still the page.
    page = "<body><form><main><h1>Heading</h1><p>Para one.</p></main></form></body>"
    document = _read(tmp_path, "page.html", page)
    assert "Para one." in document.text


def test_html_block_lines_are_source_lines(tmp_path: Path) -> None:
    document = _read(tmp_path, "page.html", _PAGE)
    lines = {document.block_text(b): b.line for b in document.blocks}
    assert lines["Hello World"] == 12
    assert lines["Second"] == 16
    assert lines["Last paragraph."] == 22


def test_html_bytes_are_decoded_as_the_page_declares(tmp_path: Path) -> None:
    page = '<html><head><meta charset="latin-1"></head><body><p>Café crème.</p></body></html>'
    document = _read(tmp_path, "page.html", page.encode("latin-1"))
    assert document.text == "Café crème."
