"""Reading a corpus directory: metadata and its precedence, errors, ids and the fingerprint."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.errors import CorpusError, DocumentError, SettingError
from corpus.loading import (
    ReadSettings,
    corpus_fingerprint,
    document_paths,
    load_corpus,
    read_document,
)
from corpus.metadata import slugify
from corpus.read_text import joined_words

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENTS = ROOT / "corpus" / "documents"
SEED_ACRONYMS = ROOT / "corpus" / "acronyms.yaml"
SEED_TEXT = SEED_DOCUMENTS / "cooperation-with-united-nations-entities.txt"

# SHA-256 of /work/shared/corpus-seed/cooperation-with-united-nations-entities.txt, the
# document as it was scraped; the shipped copy must be byte for byte the same.
SEED_SHA256 = "04fa228c0793c55e5e3e69ad40cd1c6b9297be1adb4f57c38c7e506d786f5480"
SEED_URL = (
    "https://www.interpol.int/Our-partners/International-organization-partners/"
    "INTERPOL-and-the-United-Nations/Cooperation-with-United-Nations-entities"
)

SETTINGS = ReadSettings()


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the shipped seed document ----------------------------------------------------------------


def test_shipped_seed_document_is_the_scraped_file_unchanged() -> None:
    assert hashlib.sha256(SEED_TEXT.read_bytes()).hexdigest() == SEED_SHA256


def test_shipped_seed_document_has_its_sidecar_metadata() -> None:
    document = read_document(SEED_TEXT, SETTINGS)
    meta = document.meta
    assert meta.id == "cooperation-with-united-nations-entities"
    assert meta.title == "Cooperation with United Nations entities"
    assert meta.url == SEED_URL
    assert meta.publisher == "INTERPOL"
    assert meta.language == "en"


def test_shipped_corpus_loads_as_one_document() -> None:
    documents = load_corpus(SEED_DOCUMENTS, SETTINGS)
    assert [d.source for d in documents] == ["cooperation-with-united-nations-entities.txt"]


# --- metadata precedence ----------------------------------------------------------------------


def test_document_title_is_used_when_nothing_else_names_it(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "notes.md", "# Own Title\n\nBody.\n")
    assert read_document(path, SETTINGS).meta.title == "Own Title"


def test_front_matter_beats_the_documents_own_title(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "notes.md", "---\ntitle: Front Title\n---\n# Own Title\n\nBody.\n")
    assert read_document(path, SETTINGS).meta.title == "Front Title"


def test_sidecar_beats_front_matter_and_the_documents_own_title(corpus_dir: Path) -> None:
    path = _write(
        corpus_dir / "notes.md",
        "---\ntitle: Front Title\nurl: https://front.example\npublisher: Front\n---\n"
        "# Own Title\n\nBody.\n",
    )
    _write(corpus_dir / "notes.yaml", "title: Sidecar Title\nurl: https://side.example\n")
    meta = read_document(path, SETTINGS).meta
    assert meta.title == "Sidecar Title"
    assert meta.url == "https://side.example"
    # A key the sidecar does not set still comes from the front matter.
    assert meta.publisher == "Front"


def test_sidecar_beats_what_an_html_page_says(corpus_dir: Path) -> None:
    path = _write(
        corpus_dir / "page.html",
        '<html lang="fr"><head><title>Page Title</title>'
        '<link rel="canonical" href="https://page.example"></head>'
        "<body><p>Text.</p></body></html>",
    )
    _write(corpus_dir / "page.yaml", "title: Sidecar Title\nlanguage: en-GB\n")
    meta = read_document(path, SETTINGS).meta
    assert meta.title == "Sidecar Title"
    assert meta.language == "en-GB"
    assert meta.url == "https://page.example"


def test_file_name_is_the_title_and_id_when_nothing_names_the_document(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "Field Notes 2024.txt", "Just a paragraph.\n")
    meta = read_document(path, SETTINGS).meta
    assert meta.title == "Field Notes 2024"
    assert meta.id == "field-notes-2024"
    assert meta.url == ""
    assert meta.language == "en"


def test_metadata_values_are_stripped(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", "title: '  Spaced Title  '\n")
    assert read_document(path, SETTINGS).meta.title == "Spaced Title"


# --- metadata errors --------------------------------------------------------------------------


def test_unknown_sidecar_key_is_an_error_naming_the_file_and_the_key(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", "title: T\nauthor: Somebody\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path, SETTINGS)
    assert caught.value.path.name == "doc.yaml"
    assert "doc.yaml" in str(caught.value)
    assert "'author'" in str(caught.value)


def test_unknown_front_matter_key_is_an_error_naming_the_file_and_the_key(
    corpus_dir: Path,
) -> None:
    path = _write(corpus_dir / "doc.md", "---\ntitle: T\ntags: x\n---\nBody.\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path, SETTINGS)
    assert caught.value.path == path
    assert "doc.md" in str(caught.value)
    assert "'tags'" in str(caught.value)


@pytest.mark.parametrize(
    "sidecar",
    ["title: 42\n", "title: [a, b]\n", "title: ''\n", "url: null\n", "publisher: true\n"],
)
def test_metadata_value_that_is_not_a_non_empty_string_is_rejected(
    corpus_dir: Path, sidecar: str
) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", sidecar)
    key = sidecar.split(":")[0]
    with pytest.raises(DocumentError, match=f"'{key}'"):
        read_document(path, SETTINGS)


def test_sidecar_that_is_not_a_mapping_is_rejected(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", "- title\n- url\n")
    with pytest.raises(DocumentError, match="mapping"):
        read_document(path, SETTINGS)


def test_malformed_sidecar_yaml_is_an_error_with_its_line(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", "title: T\nurl: [unclosed\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path, SETTINGS)
    assert caught.value.path.name == "doc.yaml"
    assert caught.value.line == 3


def test_front_matter_never_closed_is_an_error(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.md", "---\ntitle: T\n\nBody.\n")
    with pytest.raises(DocumentError, match="never closed"):
        read_document(path, SETTINGS)


def test_empty_sidecar_adds_nothing(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", "# only a comment\n")
    assert read_document(path, SETTINGS).meta.title == "doc"


# --- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["../x", "/abs", "A B", "..", "a..b", "-lead", "trail-", "x/y"])
def test_bad_ids_are_rejected(corpus_dir: Path, bad: str) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", f"id: '{bad}'\n")
    with pytest.raises(DocumentError, match="bad id"):
        read_document(path, SETTINGS)


@pytest.mark.parametrize("good", ["a", "doc-1", "un.entities_2024", "x" * 100])
def test_well_formed_ids_are_accepted(corpus_dir: Path, good: str) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", f"id: '{good}'\n")
    assert read_document(path, SETTINGS).meta.id == good


def test_id_longer_than_a_hundred_characters_is_rejected(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", "Body.\n")
    _write(corpus_dir / "doc.yaml", f"id: '{'x' * 101}'\n")
    with pytest.raises(DocumentError, match="bad id"):
        read_document(path, SETTINGS)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Annual Report (2024)", "annual-report-2024"),
        ("---", "document"),
        ("Report_v2.final", "report-v2-final"),
        ("How Bénin’s nutrition movement won", "how-benins-nutrition-movement-won"),
        ("Coopération Sud-Sud", "cooperation-sud-sud"),
    ],
)
def test_slugify_makes_ids_from_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_duplicate_ids_across_files_are_an_error(corpus_dir: Path) -> None:
    _write(corpus_dir / "report.txt", "Body one.\n")
    _write(corpus_dir / "report.md", "Body two.\n")
    with pytest.raises(CorpusError, match="duplicate document id 'report'"):
        load_corpus(corpus_dir, SETTINGS)


def test_duplicate_id_from_a_sidecar_is_an_error(corpus_dir: Path) -> None:
    _write(corpus_dir / "one.txt", "Body one.\n")
    _write(corpus_dir / "sub" / "two.txt", "Body two.\n")
    _write(corpus_dir / "sub" / "two.yaml", "id: one\n")
    with pytest.raises(DocumentError) as caught:
        load_corpus(corpus_dir, SETTINGS)
    assert "'one'" in str(caught.value)
    assert "two.txt" in str(caught.value)


# --- files ------------------------------------------------------------------------------------


def test_invalid_utf8_is_an_error_with_its_line_number(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "doc.txt", b"line one\nline two\nbad \xff byte\nline four\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path, SETTINGS)
    assert caught.value.line == 3
    assert f"{path}:3:" in str(caught.value)
    assert "UTF-8" in str(caught.value)


@pytest.mark.parametrize("name", ["doc.pdf", "doc.docx", "README"])
def test_unsupported_extension_is_an_error(corpus_dir: Path, name: str) -> None:
    path = _write(corpus_dir / name, "Body.\n")
    with pytest.raises(DocumentError, match="unsupported file type"):
        read_document(path, SETTINGS)


def test_extensions_are_recognised_whatever_their_case(corpus_dir: Path) -> None:
    path = _write(corpus_dir / "Doc.TXT", "Body.\n")
    assert read_document(path, SETTINGS).meta.id == "doc"


def test_corpus_lists_documents_sorted_and_skips_sidecars_hidden_and_other_files(
    corpus_dir: Path,
) -> None:
    _write(corpus_dir / "b.md", "B.\n")
    _write(corpus_dir / "a.txt", "A.\n")
    _write(corpus_dir / "a.yaml", "title: A\n")
    _write(corpus_dir / "sub" / "c.html", "<p>C.</p>")
    _write(corpus_dir / ".hidden.txt", "H.\n")
    _write(corpus_dir / "notes.pdf", "P.\n")
    names = [p.relative_to(corpus_dir).as_posix() for p in document_paths(corpus_dir)]
    assert names == ["a.txt", "b.md", "sub/c.html"]
    documents = load_corpus(corpus_dir, SETTINGS)
    assert [d.source for d in documents] == ["a.txt", "b.md", "sub/c.html"]
    assert [d.meta.id for d in documents] == ["a", "b", "c"]


def test_missing_corpus_directory_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere", SETTINGS)


def test_heading_limit_below_ten_is_rejected() -> None:
    with pytest.raises(SettingError):
        ReadSettings(heading_max_chars=9)


# --- fingerprint ------------------------------------------------------------------------------


@pytest.fixture
def fingerprinted(tmp_path: Path) -> tuple[Path, Path]:
    documents = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, documents)
    acronyms = tmp_path / "acronyms.yaml"
    shutil.copy(SEED_ACRONYMS, acronyms)
    return documents, acronyms


def test_fingerprint_is_the_same_for_the_same_files(fingerprinted: tuple[Path, Path]) -> None:
    documents, acronyms = fingerprinted
    first = corpus_fingerprint(documents, (acronyms,))
    # Same content rewritten with a new modification time.
    text = documents / "cooperation-with-united-nations-entities.txt"
    text.write_bytes(text.read_bytes())
    os.utime(text, (1, 1))
    # Files that are not documents, sidecars or extra files do not count.
    _write(documents / "notes.pdf", "not a document")
    _write(documents / "orphan.yaml", "title: No document\n")
    _write(documents / ".hidden.txt", "hidden")
    assert corpus_fingerprint(documents, (acronyms,)) == first


def test_fingerprint_does_not_depend_on_where_the_corpus_lives(
    fingerprinted: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, acronyms = fingerprinted
    moved = tmp_path / "elsewhere" / "documents"
    shutil.copytree(documents, moved)
    assert corpus_fingerprint(moved, (acronyms,)) == corpus_fingerprint(documents, (acronyms,))


def test_fingerprint_changes_when_a_document_changes(fingerprinted: tuple[Path, Path]) -> None:
    documents, acronyms = fingerprinted
    before = corpus_fingerprint(documents, (acronyms,))
    text = documents / "cooperation-with-united-nations-entities.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n", "utf-8")
    assert corpus_fingerprint(documents, (acronyms,)) != before


def test_fingerprint_changes_when_a_document_is_added_or_renamed(
    fingerprinted: tuple[Path, Path],
) -> None:
    documents, acronyms = fingerprinted
    before = corpus_fingerprint(documents, (acronyms,))
    added = _write(documents / "new.md", "# New\n\nText.\n")
    with_new = corpus_fingerprint(documents, (acronyms,))
    assert with_new != before
    added.rename(documents / "renamed.md")
    assert corpus_fingerprint(documents, (acronyms,)) not in (before, with_new)


def test_fingerprint_changes_when_a_sidecar_changes(fingerprinted: tuple[Path, Path]) -> None:
    documents, acronyms = fingerprinted
    before = corpus_fingerprint(documents, (acronyms,))
    sidecar = documents / "cooperation-with-united-nations-entities.yaml"
    sidecar.write_text(
        sidecar.read_text(encoding="utf-8").replace("publisher: INTERPOL", "publisher: Other"),
        encoding="utf-8",
    )
    assert corpus_fingerprint(documents, (acronyms,)) != before


def test_fingerprint_changes_when_a_sidecar_appears(fingerprinted: tuple[Path, Path]) -> None:
    documents, acronyms = fingerprinted
    _write(documents / "new.md", "# New\n\nText.\n")
    before = corpus_fingerprint(documents, (acronyms,))
    _write(documents / "new.yaml", "title: Newer\n")
    assert corpus_fingerprint(documents, (acronyms,)) != before


def test_fingerprint_changes_when_the_acronyms_file_changes(
    fingerprinted: tuple[Path, Path],
) -> None:
    documents, acronyms = fingerprinted
    before = corpus_fingerprint(documents, (acronyms,))
    acronyms.write_text(acronyms.read_text(encoding="utf-8") + "WHO: World Health Organization\n")
    assert corpus_fingerprint(documents, (acronyms,)) != before


def test_fingerprint_counts_a_missing_extra_file_as_absent(
    fingerprinted: tuple[Path, Path], tmp_path: Path
) -> None:
    documents, acronyms = fingerprinted
    missing = tmp_path / "no-acronyms.yaml"
    assert corpus_fingerprint(documents, (missing,)) == corpus_fingerprint(documents)
    assert corpus_fingerprint(documents, (acronyms,)) != corpus_fingerprint(documents)


def test_a_word_a_hyphen_splits_over_two_lines_of_plain_text_is_read_whole(
    corpus_dir: Path,
) -> None:
    path = corpus_dir / "report.txt"
    path.write_text(
        "Annual report\n\nSweden's money came through its International Develop-\n"
        "ment Cooperation Agency and a state-\nowned bank, restora-\ntion, included.\n",
        encoding="utf-8",
    )
    document = read_document(path, SETTINGS)
    [paragraph] = [b for b in document.blocks if "Sweden" in document.text[b.start : b.end]]
    words = " ".join(document.text[paragraph.start : paragraph.end].split())
    assert words == (
        "Sweden's money came through its International Development Cooperation Agency and a "
        "state-owned bank, restoration, included."
    )
    # Every line keeps its number.
    assert paragraph.line == 3


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        # A PDF's layout wrapped the title before its acronym: one title.
        (
            "ISLAND POLICING PROGRAMME\n(IPP)\n\nANNUAL REPORT 2024\n\n",
            "ISLAND POLICING PROGRAMME (IPP)",
        ),
        # Two lines that are no title wrapped: the first heading that stands alone.
        (
            "Island Policing Programme\nAnnual report\n\nANNUAL REPORT 2024\n\n",
            "ANNUAL REPORT 2024",
        ),
    ],
)
def test_a_title_wrapped_before_its_acronym_in_plain_text_is_one_title(
    corpus_dir: Path, opening: str, title: str
) -> None:
    path = corpus_dir / "report.txt"
    path.write_text(f"{opening}The programme trains police officers.\n", encoding="utf-8")
    assert read_document(path, SETTINGS).meta.title == title


@given(st.text(alphabet=st.sampled_from(list("ab-\n ")), max_size=60))
def test_joining_split_words_keeps_every_line_and_every_letter(text: str) -> None:
    joined = joined_words(text)
    assert joined.count("\n") == text.count("\n")
    assert [c for c in joined if c.isalpha()] == [c for c in text if c.isalpha()]
