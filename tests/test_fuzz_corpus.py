"""The corpus readers and the splitter against hostile files: random bytes, invalid UTF-8, NUL
bytes, empty and huge files, deep nesting, broken front matter and sidecars.

Every file is read, in time linear in its size, into a valid document and valid passages, or
refused with a ``corpus.errors`` error; never another exception, never a hang. A real-time
timer bounds every example (``tests/fuzzing.py``); ``QABOT_FUZZ=full`` runs 4,000 examples
with files of up to several megabytes.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from corpus.cleaning import collapse_whitespace
from corpus.errors import DocumentError, QabotError
from corpus.loading import SIDECAR_SUFFIX, ReadSettings, read_document
from corpus.metadata import check_id
from corpus.models import Document
from corpus.splitting import SplitSettings, split_document
from tests.conftest import SEED_TEXT
from tests.fuzzing import FULL, PROFILE, TooSlow, time_limit

SPLIT = SplitSettings()
# Linear time with room to spare: a quadratic reader blows through this bound on files of a few
# hundred kilobytes. (BeautifulSoup's pure-Python parser, the HTML reader until 2026-12-06,
# took about 6 s for 1 MB of nothing but tags on this machine.)
BASE_SECONDS = 10.0
SECONDS_PER_MB = 15.0
# The largest file an example builds: a few megabytes in the full run; less by default, where
# the several-megabyte files are the fixed cases of the tests below.
HUGE_BYTES = 4_000_000 if FULL else 200_000

# The full run reads 4,000 files, up to a few megabytes each, in one to two minutes.
CORPUS_PROFILE = settings(PROFILE, max_examples=4_000) if FULL else PROFILE

SUFFIXES = [".txt", ".md", ".html", ".htm", ".markdown", ".text"]
STEMS = ["doc", "My Page (draft)", "ünïcødé", "---", "a" * 150, "UPPER_case.v2"]


def time_bound(size: int) -> float:
    """Seconds a file of ``size`` bytes may take to read and split."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


# -- what the files hold -------------------------------------------------------------------------

_LINES = [
    "",
    " ",
    "\t",
    "Title",
    "# Heading",
    "## Sub heading",
    "Which agencies run AIRCOP? UNODC, the WCO and INTERPOL.",
    "Dr. A. B. Smith e.g. U.S. vs. U.N. etc. Mr. X.",
    "- a bullet",
    "• a bullet",
    "1. first",
    "a) item",
    "  - nested bullet",
    "> quote",
    "```",
    "    code",
    "| a | b |",
    "|---|---|",
    "[link](http://example.org)",
    "**bold** _it_ `code` <b>html</b>",
    "<p>para</p>",
    "<ul><li>item<ul><li>deeper</li></ul></li></ul>",
    "<table><tr><td>cell</td><th>head</th></tr></table>",
    "<h1>Page</h1>",
    "<title>A title | Publisher</title>",
    '<link rel="canonical" href="https://example.org/page">',
    '<meta property="og:site_name" content="Site">',
    '<html lang="fr">',
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "<![CDATA[ x ]]>",
    "<![foo[ x ]]>",
    "<![if !IE]>",
    "<!--x>",
    "H<",
    "<a b='x>",
    "&#" + "9" * 5000 + ";",
    "&#" + "0" * 5000 + "65;",
    "<?xml version='1.0'?>",
    "&amp; &bogus; &#0; &#x110000;",
    "---",
    "...",
    "title: Front matter title",
    "id: ../../etc/passwd",
    "\x00",
    "\ufeff",
    "\r\n",
    "\u2028",
    "שלום עולם مرحبا",
    "x" * 800,
    "word " * 200,
]
_characters = st.one_of(
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from("\x00\x01\x0b\x0c\x1b\x7f\x85\xa0\xad\u200b\u200e\u202e\u2028\ufeff\ufffe"),
    st.sampled_from("<>&/;#*-_`[]()|!?.:\"'\n\t "),
)
_text = st.lists(st.one_of(st.sampled_from(_LINES), st.text(_characters, max_size=60)), max_size=30)
_documentish = _text.map("\n".join)
_YAML = [
    "title: A title",
    "title: ''",
    "title: [a, b]",
    "id: Not An Id",
    "id: ../escape",
    "id: ok-id",
    "url: 2020-13-45",
    "url: !!timestamp x",
    "publisher: 0x_",
    "language: !!int abc",
    "language: " + "9" * 5000,
    "unknown: key",
    "a: &x [*x]",
    "? [a]\n: b",
    "!!python/object:os.system x",
    "[" * 3000,
    "{a: " * 2000,
    "- " * 2000 + "x",
    "\t- tabs",
    "title: \x00",
    ":",
    "- just a list",
]
_yaml = st.lists(st.one_of(st.sampled_from(_YAML), st.text(_characters, max_size=40)), max_size=6)
_front_matter = st.tuples(_yaml, st.sampled_from(["---", "...", "", "--- "]), _documentish).map(
    lambda parts: "---\n" + "\n".join(parts[0]) + f"\n{parts[1]}\n" + parts[2]
)
_BAD_UTF8 = [b"\x80", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe2"]
_invalid_utf8 = st.tuples(_documentish, st.integers(0, 10_000), st.sampled_from(_BAD_UTF8)).map(
    lambda parts: _insert(parts[0].encode(), parts[1], parts[2])
)
_NESTING = {
    "div": ("<div>", "</div>"),
    "list": ("<ul><li>item", "</li></ul>"),
    "bare items": ("<li>item", ""),
    "table": ("<table><tr><td>cell", "</td></tr></table>"),
    "inline": ("<b><i>", "</i></b>"),
    "paragraphs": ("<p>para", ""),
    "quote": (">", ""),
    "md list": ("- ", ""),
    "brackets": ("[", "]"),
}
_nested = st.tuples(st.sampled_from(sorted(_NESTING)), st.integers(1, 5000)).map(
    lambda pair: _nest(*_NESTING[pair[0]], pair[1])
)
_huge = st.tuples(
    st.one_of(
        _documentish.map(lambda text: text.encode() or b"x"),
        st.binary(min_size=1, max_size=200),
        st.just(b"\x00"),
    ),
    st.integers(1, HUGE_BYTES),
).map(lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]])
CONTENTS = st.one_of(
    st.just(b""),
    st.binary(max_size=4000),
    _documentish.map(str.encode),
    _documentish.map(lambda text: ("\ufeff" + text.replace("\n", "\r\n")).encode()),
    _front_matter.map(str.encode),
    _invalid_utf8,
    _nested.map(str.encode),
    _huge,
)
# Mostly no sidecar, so that most examples reach the document itself.
SIDECARS = st.one_of(
    st.none(),
    st.none(),
    st.none(),
    st.lists(st.sampled_from(_YAML), max_size=4).map(lambda lines: "\n".join(lines).encode()),
    st.binary(max_size=200),
)


def _insert(data: bytes, at: int, bad: bytes) -> bytes:
    at = at % (len(data) + 1)
    return data[:at] + bad + data[at:]


def _nest(opening: str, closing: str, depth: int) -> str:
    return opening * depth + " the middle " + closing * depth


# -- what a reading must give -------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusFile:
    """A document file, and the sidecar beside it if any."""

    name: str
    content: bytes
    sidecar: bytes | None

    @property
    def size(self) -> int:
        return len(self.content) + len(self.sidecar or b"")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A directory the examples write their files into, one at a time."""
    with tempfile.TemporaryDirectory(prefix="qabot-fuzz-") as directory:
        yield Path(directory)


def check_document(document: Document, path: Path) -> None:
    """A document whose parts agree: a valid id, a title, spans inside its text."""
    meta = document.meta
    assert check_id(meta.id, path) == meta.id
    assert meta.title.strip(), "a document without a title"
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(document.text), block


def check_passages(document: Document) -> int:
    """Passages that can be indexed and cited: non-empty, whitespace collapsed, within the
    splitter's limit, with unique ids of their document. Returns how many there are."""
    passages = split_document(document, SPLIT)
    ids = [passage.id for passage in passages]
    assert len(set(ids)) == len(ids), "two passages with one id"
    for passage in passages:
        assert passage.text and passage.text == collapse_whitespace(passage.text), passage
        assert len(passage.text) <= SPLIT.max_chars, len(passage.text)
        assert passage.doc_id == document.meta.id and passage.id.startswith(f"{passage.doc_id}:")
        assert 0 <= passage.start <= passage.end <= len(document.text)
    return len(passages)


def read_and_split(file: CorpusFile, directory: Path, bound: float | None = None) -> str:
    """Read and split one file within its time bound (by default ``time_bound``); what came
    of it."""
    path = directory / file.name
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    path.write_bytes(file.content)
    if file.sidecar is not None:
        sidecar.write_bytes(file.sidecar)
    bound = time_bound(file.size) if bound is None else bound
    started = time.monotonic()
    try:
        with time_limit(bound):
            outcome = _read_and_split(path, sidecar)
    finally:
        path.unlink()
        sidecar.unlink(missing_ok=True)
    elapsed = time.monotonic() - started
    assert elapsed <= bound, f"{elapsed:.1f} s for {file.size} bytes; the bound is {bound:.1f} s"
    return outcome


def _read_and_split(path: Path, sidecar: Path) -> str:
    try:
        document = read_document(path, ReadSettings())
    except QabotError as error:
        # A clear error names the file it is about.
        assert isinstance(error, DocumentError) and error.path in (path, sidecar), error
        assert error.reason.strip()
        return "refused: " + re.sub(r"\d+", "N", error.reason.split(":")[0][:40])
    check_document(document, path)
    return "read, with passages" if check_passages(document) else "read, no passages"


# -- the tests ----------------------------------------------------------------------------------


@settings(CORPUS_PROFILE, deadline=None)
@given(
    file=st.builds(
        CorpusFile,
        name=st.tuples(st.sampled_from(STEMS), st.sampled_from(SUFFIXES)).map("".join),
        content=CONTENTS,
        sidecar=SIDECARS,
    )
)
# Bugs the fuzzing found, kept as examples that every run tries first: a page nested deeper
# than Python's recursion limit raised RecursionError...
@example(file=CorpusFile("doc.html", _nest("<div>", "</div>", 3000).encode(), None))
# ...and a marked section Python's html.parser did not know raised ParserRejectedMarkup, a long
# character reference ValueError...
@example(file=CorpusFile("doc.html", b"<p>x</p><![foo[ y ]]>", None))
@example(file=CorpusFile("doc.html", b"<p>&#" + b"9" * 5000 + b";</p>", None))
# ...a long run of dots took quadratic time in the sentence splitter...
@example(file=CorpusFile("doc.txt", b"." * 30_000, None))
# ...and front matter PyYAML cannot construct raised ValueError or RecursionError.
@example(file=CorpusFile("doc.md", b"---\nurl: 2020-13-45\n---\nText.", None))
@example(file=CorpusFile("doc.txt", b"---\n" + b"[" * 3000 + b"\n---\nText.", None))
@example(file=CorpusFile("doc.txt", b"Text.", b"title: !!timestamp x"))
def test_any_file_is_read_and_split_or_refused_with_a_clear_error_in_bounded_time(
    file: CorpusFile, scratch: Path
) -> None:
    event(read_and_split(file, scratch))
    event(_size_class(file.size))


def _size_class(size: int) -> str:
    for limit, name in ((1, "empty"), (10_000, "under 10 kB"), (1_000_000, "under 1 MB")):
        if size < limit:
            return name
    return "1 MB or more"


@pytest.mark.parametrize(
    "name, content",
    [
        ("div.html", _nest("<div>", "</div>", 20_000)),
        ("list.html", _nest("<ul><li>item", "</li></ul>", 20_000)),
        ("table.html", _nest("<table><tr><td>cell", "</td></tr></table>", 20_000)),
        ("inline.html", _nest("<b><i>", "</i></b>", 20_000)),
        ("quote.md", _nest(">", "", 20_000)),
        ("list.md", "\n".join("  " * depth + "- item" for depth in range(1_000))),
    ],
)
def test_a_file_nested_thousands_of_levels_deep_is_read_in_linear_time(
    name: str, content: str, scratch: Path
) -> None:
    assert read_and_split(CorpusFile(name, content.encode(), None), scratch).startswith("read")


# Python's html.parser (the HTML reader's parser until 2026-12-06) before 3.11.13 and 3.12.11
# rescans to the end of the page for each of these "<", which nothing closes: each page took
# many minutes.
@pytest.mark.parametrize(
    "unclosed", ["<a", "H<\n", "<!--x>", "<![CDATA[x>", "<![if x>", "<a b='x>"]
)
def test_html_full_of_tags_that_never_close_is_read_in_linear_time(
    unclosed: str, scratch: Path
) -> None:
    content = (unclosed * (1_000_000 // len(unclosed))).encode()
    assert read_and_split(CorpusFile("page.html", content, None), scratch).startswith("read")


@pytest.mark.parametrize(
    "markup, outcome",
    [
        ("<p>x</p><![foo[ y ]]>", "read, with passages"),
        # A reference past U+10FFFF stands for U+FFFD, a page of no words.
        ("<p>&#" + "9" * 5000 + ";</p>", "read, no passages"),
        ("<p>&#" + "0" * 5000 + "65;</p>", "read, with passages"),
        ("<a href='&#" + "9" * 5000 + ";'>x</a>", "read, with passages"),
    ],
)
def test_html_the_parser_chokes_on_is_read_or_refused_with_a_document_error(
    markup: str, outcome: str, scratch: Path
) -> None:
    assert read_and_split(CorpusFile("page.html", markup.encode(), None), scratch) == outcome


# jusText, one of trafilatura's fallback extractors, takes time that grows with the square of a
# page's paragraphs: 20,000 short ones in a table each took 30 s; and so did the reader's own
# look at a block's text for each of its inline elements.
@pytest.mark.parametrize(
    "content",
    [
        "<html><body>" + "<p>a</p><p>b</p>" * 50_000 + "</body></html>",
        "<html><body>" + "<table><tr><td><p>a</p><p>b</p></td></tr></table>" * 10_000,
        # One block of 100,000 inline elements: looking at all the text gathered so far for
        # each of them took time that grew with its square.
        "<html><body><div>" + "<b>x</b> " * 100_000 + "</div></body></html>",
    ],
)
def test_an_html_page_of_many_short_paragraphs_is_read_in_bounded_time(
    content: str, scratch: Path
) -> None:
    outcome = read_and_split(CorpusFile("short.html", content.encode(), None), scratch)
    assert outcome.startswith("read")


def _several_megabytes(suffix: str) -> bytes:
    """About 4 MB: copies of the seed document, each under a heading of its own."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    copies = [f"Part {n}\n\n{text}" for n in range(4_000_000 // len(text))]
    if suffix == ".html":
        paragraphs = "".join(f"<p>{line}</p>\n" for copy in copies for line in copy.splitlines())
        return f"<html><body><h1>Big</h1>{paragraphs}</body></html>".encode()
    return "\n\n".join(copies).encode()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_file_of_several_megabytes_is_read_and_split_within_its_time_bound(
    suffix: str, scratch: Path
) -> None:
    content = _several_megabytes(suffix)
    assert len(content) > 3_000_000
    outcome = read_and_split(CorpusFile(f"big{suffix}", content, None), scratch)
    assert outcome == "read, with passages"


@pytest.mark.parametrize(
    "content",
    [
        # Every "Dr." looked back to the start of its sentence: 4 MB of them took minutes.
        "Dr. A " * 700_000,
        # The sentence boundary pattern was tried at every dot of a run and rescanned the rest
        # of the run each time: 23 KB of dots took 10 s.
        "." * 4_000_000,
        "?!…" * 1_000_000,
    ],
)
def test_prose_made_of_sentence_stops_is_split_in_linear_time(content: str, scratch: Path) -> None:
    outcome = read_and_split(CorpusFile("stops.txt", content.encode(), None), scratch)
    assert outcome.startswith("read")


@pytest.mark.parametrize(
    "front_matter",
    [
        "url: 2020-13-45",
        "publisher: 0x_",
        "language: !!int abc",
        "title: !!timestamp x",
        "language: " + "9" * 5000,
        "[" * 3000,
        "{a: " * 2000,
    ],
)
def test_front_matter_pyyaml_cannot_construct_is_a_document_error(
    front_matter: str, scratch: Path
) -> None:
    content = f"---\n{front_matter}\n---\nSome text.".encode()
    outcome = read_and_split(CorpusFile("page.md", content, None), scratch)
    assert outcome.startswith("refused: bad metadata")


def test_the_time_bound_stops_a_reader_that_hangs(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound is real: a reader that never returns fails the example instead of hanging."""

    def forever(*args: object) -> None:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr("corpus.loading.read_text", forever)
    started = time.monotonic()
    with pytest.raises(TooSlow, match=r"still running after 0\.2 s"):
        read_and_split(CorpusFile("doc.txt", b"text", None), scratch, bound=0.2)
    assert time.monotonic() - started < 5
