"""Documents into passages: sections, lead-ins, repairs, stable ids and sentence-boundary cuts."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.cleaning import collapse_whitespace, leading_repeat_end
from corpus.errors import SettingError
from corpus.furniture import is_furniture
from corpus.loading import ReadSettings, read_document
from corpus.models import BlockKind, Document, Passage
from corpus.sentences import sentences
from corpus.splitting import SplitSettings, cut_spans, split_document

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = ROOT / "corpus" / "documents"
SEED_NAME = "cooperation-with-united-nations-entities"
SEED_TEXT = SEED_DOCUMENTS / f"{SEED_NAME}.txt"
SEED_TITLE = "Cooperation with United Nations entities"
LEAD_IN = (
    "We work on a variety of joint projects including initiatives to increase access to our "
    "databases, and capacity building programmes with the following UN entities:"
)
BULLETS = [
    "United Nations Department of Peace Operations (UNDPO) and its Police Division",
    "United Nations Office for Disarmament Affairs (UNODA)",
    "United Nations Department of Safety and Security (UNDSS)",
    "United Nations Environmental Programme (UNEP)",
    "United Nations Educational, Scientific and Cultural Organization (UNESCO)",
    "United Nations Security Council Committee established pursuant to resolution 1540 (2004)",
    "United Nations Office of Internal Oversight Services (UNOIOS)",
    "United Nations Department for Political and Peacebuilding Affairs (UNDPPA)",
    "United Nations Office of Counter-Terrorism (UNOCT) and its Counter-Terrorism Centre (UNCCT)",
    "Security Council Counter-Terrorism Committee Executive Directorate (CTED)",
    "United Nations Interregional Crime and Justice Research Institute (UNICRI)",
    "International Civil Aviation Organization (ICAO)",
]


def _passages(path: Path, max_chars: int = 700) -> tuple[Document, list[Passage]]:
    document = read_document(path, ReadSettings())
    return document, split_document(document, SplitSettings(max_chars=max_chars))


@pytest.fixture(scope="module")
def seed() -> tuple[Document, list[Passage]]:
    return _passages(SEED_TEXT)


# --- the seed document ------------------------------------------------------------------------


def test_glitched_first_paragraph_is_repaired(seed: tuple[Document, list[Passage]]) -> None:
    _, passages = seed
    first = passages[0]
    assert first.text.startswith(
        "We collaborate with a range of UN entities, notably the UN Office"
    )
    assert first.text == (
        "We collaborate with a range of UN entities, notably the UN Office on Drugs and Crime."
    )
    assert not any("notably thWe" in p.text for p in passages)


def test_repaired_passage_span_points_at_the_real_text(
    seed: tuple[Document, list[Passage]],
) -> None:
    document, passages = seed
    first = passages[0]
    assert document.text[first.start : first.end] == first.text


def test_passage_before_any_heading_has_the_document_title_as_section(
    seed: tuple[Document, list[Passage]],
) -> None:
    _, passages = seed
    assert passages[0].section == SEED_TITLE
    assert passages[0].citation == SEED_TITLE


def test_title_and_headings_are_not_passages(seed: tuple[Document, list[Passage]]) -> None:
    _, passages = seed
    texts = {p.text for p in passages}
    assert SEED_TITLE not in texts
    assert "United Nations Peacekeeping Operations" not in texts
    assert "Cooperation with other UN entities" not in texts


def test_paragraphs_under_a_heading_carry_it_as_section(
    seed: tuple[Document, list[Passage]],
) -> None:
    _, passages = seed
    by_start = {p.text.split()[0] + " " + p.text.split()[1]: p for p in passages}
    unodc = "INTERPOL and the United Nations Office on Drugs and Crime (UNODC)"
    assert by_start["INTERPOL and"].section == unodc
    assert by_start["Moving forward,"].section == unodc
    assert by_start["INTERPOL works"].section == "United Nations Peacekeeping Operations"
    assert by_start["We work"].section == "Cooperation with other UN entities"
    assert by_start["INTERPOL works"].citation == (
        f"{SEED_TITLE} › United Nations Peacekeeping Operations"
    )
    sections = [p.section for p in passages]
    assert sections.count(unodc) == 7


def test_every_bullet_is_its_own_passage_with_section_and_lead_in(
    seed: tuple[Document, list[Passage]],
) -> None:
    _, passages = seed
    items = [p for p in passages if p.kind is BlockKind.LIST_ITEM]
    assert [p.text for p in items] == BULLETS
    for item in items:
        assert item.section == "Cooperation with other UN entities"
        assert item.lead_in == LEAD_IN
    assert all(p.lead_in is None for p in passages if p.kind is BlockKind.PARAGRAPH)


def test_passages_carry_the_documents_metadata(seed: tuple[Document, list[Passage]]) -> None:
    document, passages = seed
    assert len(passages) == 22
    for passage in passages:
        assert passage.doc_id == SEED_NAME
        assert passage.title == SEED_TITLE
        assert passage.url == document.meta.url


def test_passage_ids_are_unique_and_well_formed(seed: tuple[Document, list[Passage]]) -> None:
    _, passages = seed
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)
    for passage_id in ids:
        assert re.fullmatch(rf"{SEED_NAME}:[0-9a-f]{{8}}", passage_id)


def test_passage_ids_are_the_same_on_every_run(seed: tuple[Document, list[Passage]]) -> None:
    _, passages = seed
    _, again = _passages(SEED_TEXT)
    assert [p.id for p in again] == [p.id for p in passages]


def test_passage_ids_are_stable_when_an_unrelated_paragraph_is_added(
    tmp_path: Path, seed: tuple[Document, list[Passage]]
) -> None:
    _, passages = seed
    documents = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    path = documents / f"{SEED_NAME}.txt"
    original = path.read_text(encoding="utf-8")
    anchor = "\n\nUnited Nations Peacekeeping Operations\n"
    assert anchor in original
    added = "A new paragraph about something else entirely was added here."
    path.write_text(original.replace(anchor, f"\n\n{added}{anchor}"), encoding="utf-8")
    _, changed = _passages(path)
    old_ids = {p.id for p in passages}
    new_ids = {p.id for p in changed}
    assert old_ids <= new_ids
    assert len(new_ids - old_ids) == 1
    assert [p.id for p in changed if p.text == added] == list(new_ids - old_ids)


def test_passage_id_changes_when_its_section_changes(tmp_path: Path) -> None:
    body = "Some paragraph text that stays the same.\n"
    one = tmp_path / "one.txt"
    one.write_text(f"Doc Title\n\nIntro.\n\nFirst Heading\n\n{body}", encoding="utf-8")
    _, first = _passages(one)
    one.write_text(f"Doc Title\n\nIntro.\n\nOther Heading\n\n{body}", encoding="utf-8")
    _, second = _passages(one)
    assert first[0].id == second[0].id
    assert first[1].id != second[1].id


def test_exact_duplicate_paragraph_gives_one_passage(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Same words here.\n\nOther.\n\nSame words here.\n", encoding="utf-8")
    _, passages = _passages(path)
    assert [p.text for p in passages] == ["Same words here.", "Other."]


def test_wrapped_lines_are_joined_with_single_spaces(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("One line\n   and its   wrap.\n\n• item that\n  wraps\n", encoding="utf-8")
    _, passages = _passages(path)
    assert [p.text for p in passages] == ["One line and its wrap.", "item that wraps"]


def test_document_without_a_title_uses_its_file_name_as_section(tmp_path: Path) -> None:
    path = tmp_path / "field-notes.txt"
    path.write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    _, passages = _passages(path)
    assert {p.section for p in passages} == {"field-notes"}


# --- long paragraphs --------------------------------------------------------------------------

_LONG = " ".join(
    f"Sentence {number} tells about the work of agency {number}{' in detail' * (number % 4)}."
    for number in range(1, 26)
)


def test_long_paragraph_is_cut_at_sentence_boundaries(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"Intro.\n\n{_LONG}\n", encoding="utf-8")
    _, passages = _passages(path, max_chars=200)
    pieces = [p.text for p in passages[1:]]
    assert len(pieces) > 1
    assert all(len(piece) <= 200 for piece in pieces)
    assert " ".join(pieces) == _LONG
    whole_sentences = set(sentences(_LONG))
    for piece in pieces:
        assert set(sentences(piece)) <= whole_sentences
        assert piece.startswith("Sentence ")
        assert piece.endswith(".")


def test_long_paragraph_pieces_are_not_needlessly_small() -> None:
    spans = cut_spans(_LONG, 0, len(_LONG), 200)
    lengths = [b - a for a, b in spans]
    assert max(lengths) <= 200
    # Only the last piece may be shorter than half the limit.
    assert all(length > 100 for length in lengths[:-1])


def test_paragraph_at_the_limit_is_one_passage() -> None:
    text = "Word " * 15 + "end."
    assert cut_spans(text, 0, len(text), len(text)) == [(0, len(text))]


def test_run_without_sentence_boundaries_is_cut_at_spaces() -> None:
    text = " ".join(["word"] * 100)
    spans = cut_spans(text, 0, len(text), 80)
    assert all(b - a <= 80 for a, b in spans)
    assert [w for a, b in spans for w in text[a:b].split()] == ["word"] * 100


def test_run_without_spaces_is_cut_anywhere() -> None:
    text = "x" * 250
    spans = cut_spans(text, 0, len(text), 80)
    assert all(b - a <= 80 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text


def test_max_chars_below_eighty_is_rejected() -> None:
    with pytest.raises(SettingError):
        SplitSettings(max_chars=79)


# --- properties on random documents -----------------------------------------------------------

_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=15))
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", "!", "?", ".", ","]))


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    text = " ".join(draw(st.lists(_sentence(), min_size=1, max_size=8)))
    if draw(st.booleans()):
        # Wrap it like a scraped or hand-written text file.
        words = text.split(" ")
        width = draw(st.integers(3, 12))
        text = "\n".join(" ".join(words[i : i + width]) for i in range(0, len(words), width))
    return text


@st.composite
def _heading(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=5))
    return " ".join(w.capitalize() for w in words)


@st.composite
def _bullets(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["•", "-", "*", "1.", "  •"]))
    lines = [draw(_paragraph()).replace("\n", " ")]
    for item in draw(st.lists(st.lists(_WORD, min_size=1, max_size=20), min_size=1, max_size=5)):
        line = f"{marker} " + " ".join(item[:10])
        if item[10:]:
            line += "\n  " + " ".join(item[10:])
        lines.append(line)
    return "\n".join(lines)


@st.composite
def _glitched(draw: st.DrawFn) -> str:
    paragraph = draw(_sentence()) + " " + draw(_sentence())
    cut = draw(st.integers(min(20, len(paragraph)), len(paragraph)))
    return paragraph[:cut] + paragraph


@st.composite
def _document(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    kinds = st.sampled_from(["paragraph", "paragraph", "heading", "bullets", "glitch", "repeat"])
    for kind in draw(st.lists(kinds, min_size=1, max_size=8)):
        if kind == "paragraph":
            blocks.append(draw(_paragraph()))
        elif kind == "heading":
            blocks.append(draw(_heading()))
        elif kind == "bullets":
            blocks.append(draw(_bullets()))
        elif kind == "glitch":
            blocks.append(draw(_glitched()))
        elif blocks:
            blocks.append(draw(st.sampled_from(blocks)))
    return "\n\n".join(blocks) + draw(st.sampled_from(["", "\n", "\n\n"]))


def _split_text(content: str, max_chars: int) -> tuple[Document, list[Passage]]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "random.txt"
        path.write_text(content, encoding="utf-8")
        return _passages(path, max_chars)


_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_document(), st.integers(80, 300))
def test_passages_are_ordered_cleaned_spans_of_the_text(content: str, max_chars: int) -> None:
    document, passages = _split_text(content, max_chars)
    previous_end = 0
    for passage in passages:
        assert previous_end <= passage.start < passage.end <= len(document.text)
        assert passage.text == collapse_whitespace(document.text[passage.start : passage.end])
        assert passage.text
        assert passage.end - passage.start <= max_chars
        assert len(passage.text) <= max_chars
        assert passage.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        previous_end = passage.end


@_SETTINGS
@given(_document(), st.integers(80, 300))
def test_passage_ids_are_unique_and_texts_are_not_repeated(content: str, max_chars: int) -> None:
    _, passages = _split_text(content, max_chars)
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"random:[0-9a-f]{8}(-\d+)?", i) for i in ids)
    texts = [p.text for p in passages]
    assert len(set(texts)) == len(texts)


@_SETTINGS
@given(_document(), st.integers(80, 300))
def test_every_word_of_every_block_reaches_a_passage(content: str, max_chars: int) -> None:
    document, passages = _split_text(content, max_chars)
    heading = ""
    for block in document.blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            heading = document.block_text(block)
            continue
        block_text = document.block_text(block)
        # Furniture is left out, and so is a block that only repeats the title.
        if is_furniture(heading) or is_furniture(block_text):
            continue
        if collapse_whitespace(block_text).casefold() == document.meta.title.casefold():
            continue
        words = block_text[leading_repeat_end(block_text) :].split()
        inside = {
            w
            for p in passages
            if block.start <= p.start and p.end <= block.end
            for w in p.text.split()
        }
        # A piece dropped as an exact repeat has its words in an earlier passage.
        earlier = {w for p in passages if p.end <= block.start for w in p.text.split()}
        missing = [w for w in words if w not in inside | earlier]
        assert missing == [], (block, missing)


@_SETTINGS
@given(_document(), st.integers(80, 300))
def test_passages_carry_the_heading_above_them_as_section(content: str, max_chars: int) -> None:
    document, passages = _split_text(content, max_chars)
    headings = [b for b in document.blocks if b.kind is BlockKind.HEADING]
    for passage in passages:
        above = [h for h in headings if h.end <= passage.start]
        expected = (
            collapse_whitespace(document.block_text(above[-1])) if above else (document.meta.title)
        )
        assert passage.section == expected
        block = next(b for b in document.blocks if b.start <= passage.start < b.end)
        assert passage.lead_in == block.lead_in
        assert passage.kind is block.kind
