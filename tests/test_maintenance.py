"""The maintainers' commands, through the real CLI, on corpora in temporary directories."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from bot.cli import main
from bot.store import Store
from corpus import changes
from retrieval import indexing, maintenance
from tests.conftest import SEED_DOCUMENTS, seed_site

STADIA = """<!doctype html>
<html lang="en">
<head>
  <title>Project Stadia | INTERPOL</title>
  <link rel="canonical" href="https://www.interpol.int/Crimes/Project-Stadia">
</head>
<body>
  <nav><a href="/">Home</a></nav>
  <main>
    <h1>Project Stadia</h1>
    <p>Project Stadia helps police forces plan the security of major sporting events.</p>
    <h2>Partners</h2>
    <p>Project Stadia is funded by the State of Qatar and implemented by INTERPOL.</p>
  </main>
  <footer>© INTERPOL</footer>
</body>
</html>
"""
PANGEA = """---
title: Operation Pangea
url: https://www.interpol.int/Crimes/Pangea
publisher: INTERPOL
---
Operation Pangea

Operation Pangea targets the online sale of counterfeit and illicit medicines worldwide.

Partners

The operation is coordinated by INTERPOL and the World Health Organization (WHO).
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A config over a writable copy of the seed corpus; returns the config file."""
    return seed_site(tmp_path)


def qabot(config: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), *args], input=input)


def page(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def snapshot(config: Path) -> dict[str, bytes]:
    """Every file of the corpus and the index, with its bytes."""
    root = config.parent
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in (root / "corpus", root / "state")
        if folder.exists()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".qabot.lock"
    }


def ask_json(config: Path, question: str) -> dict[str, Any]:
    result = qabot(config, "ask", "--json", question)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_adding_an_html_page_makes_the_bot_answer_who_runs_it(site: Path, tmp_path: Path) -> None:
    result = qabot(site, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA)))
    assert result.exit_code == 0, result.output
    assert "Added project-stadia: “Project Stadia” — 2 passage(s)" in result.output
    assert "[Partners] Project Stadia is funded by the State of Qatar" in result.output
    answer = ask_json(site, "which agencies run project stadia?")
    assert answer["answer"] == "Project Stadia is implemented by INTERPOL [1]"
    assert answer["passages"][0]["url"] == "https://www.interpol.int/Crimes/Project-Stadia"
    assert answer["passages"][0]["citation"].startswith("[1] Project Stadia › Partners")
    sidecar = yaml.safe_load((site.parent / "corpus/documents/project-stadia.yaml").read_text())
    assert sidecar["publisher"] == "INTERPOL"


def test_a_text_page_with_front_matter_keeps_its_metadata(site: Path, tmp_path: Path) -> None:
    result = qabot(site, "corpus", "add", str(page(tmp_path, "pangea.txt", PANGEA)))
    assert result.exit_code == 0, result.output
    listed = json.loads(qabot(site, "corpus", "list", "--json").stdout)
    pangea = next(d for d in listed if d["id"] == "operation-pangea")
    assert pangea["url"] == "https://www.interpol.int/Crimes/Pangea"
    assert pangea["passages"] == 2
    answer = ask_json(site, "who coordinates operation pangea")
    assert "World Health Organization" in answer["answer"]


def test_a_directory_is_imported_whole(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    page(folder, "stadia.html", STADIA)
    page(folder, "pangea.md", PANGEA)
    page(folder, "notes.pdf", b"%PDF")
    result = qabot(site, "corpus", "add", str(folder))
    assert result.exit_code == 0, result.output
    ids = {d["id"] for d in json.loads(qabot(site, "corpus", "list", "--json").stdout)}
    assert {"project-stadia", "operation-pangea"} <= ids


def test_flags_set_the_title_url_and_id(site: Path, tmp_path: Path) -> None:
    path = page(tmp_path, "stadia.html", STADIA)
    args = ["--title", "Stadia", "--url", "https://example.org/s", "--id", "stadia-2026"]
    assert qabot(site, "corpus", "add", str(path), *args).exit_code == 0
    listed = json.loads(qabot(site, "corpus", "list", "--json").stdout)
    entry = next(d for d in listed if d["id"] == "stadia-2026")
    assert (entry["title"], entry["url"]) == ("Stadia", "https://example.org/s")


def test_an_id_clash_is_an_error_unless_replace(site: Path, tmp_path: Path) -> None:
    path = page(tmp_path, "stadia.html", STADIA)
    assert qabot(site, "corpus", "add", str(path)).exit_code == 0
    before = snapshot(site)
    clash = qabot(site, "corpus", "add", str(path))
    assert clash.exit_code == 1
    assert "project-stadia" in clash.output and "--replace" in clash.output
    assert snapshot(site) == before
    replaced = qabot(site, "corpus", "add", str(path), "--replace")
    assert replaced.exit_code == 0, replaced.output


def test_update_replaces_the_text_and_keeps_the_id_and_metadata(site: Path, tmp_path: Path) -> None:
    assert qabot(site, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA))).exit_code == 0
    fixed = STADIA.replace("implemented by INTERPOL", "implemented by INTERPOL and UNICRI")
    fixed = fixed.replace("<title>Project Stadia | INTERPOL</title>", "<title>Other</title>")
    result = qabot(
        site, "corpus", "update", "project-stadia", str(page(tmp_path, "s2.html", fixed))
    )
    assert result.exit_code == 0, result.output
    entry = next(
        d
        for d in json.loads(qabot(site, "corpus", "list", "--json").stdout)
        if d["id"] == "project-stadia"
    )
    assert entry["title"] == "Project Stadia"
    assert "UNICRI" in ask_json(site, "who implements project stadia")["answer"]


def test_update_of_an_unknown_id_changes_nothing(site: Path, tmp_path: Path) -> None:
    before = snapshot(site)
    result = qabot(site, "corpus", "update", "nope", str(page(tmp_path, "s.html", STADIA)))
    assert result.exit_code == 1 and "no document with id 'nope'" in result.output
    assert snapshot(site) == before


def test_remove_asks_first_and_removes_only_when_told(site: Path, tmp_path: Path) -> None:
    assert qabot(site, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA))).exit_code == 0
    before = snapshot(site)
    declined = qabot(site, "corpus", "remove", "project-stadia", input="n\n")
    assert declined.exit_code == 1
    assert snapshot(site) == before
    confirmed = qabot(site, "corpus", "remove", "project-stadia", input="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert not (site.parent / "corpus/documents/project-stadia.html").exists()
    assert ask_json(site, "who runs project stadia")["no_answer"] is True
    assert (
        qabot(
            site, "corpus", "remove", "cooperation-with-united-nations-entities", "--yes"
        ).exit_code
        == 0
    )


def test_list_shows_id_title_url_passages_and_last_change(site: Path) -> None:
    table = qabot(site, "corpus", "list").output
    assert "cooperation-with-united-nations-entities" in table and "22" in table
    entry = json.loads(qabot(site, "corpus", "list", "--json").stdout)[0]
    assert set(entry) >= {"id", "title", "url", "passages", "changed", "file"}


def test_show_prints_the_passages_as_the_index_sees_them(site: Path) -> None:
    shown = qabot(site, "corpus", "show", "cooperation-with-united-nations-entities").output
    assert "[Cooperation with other UN entities]" in shown
    assert "United Nations Office for Disarmament Affairs (UNODA)" in shown
    assert shown.count("cooperation-with-united-nations-entities:") == 22


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.txt", b"Title\n\ncaf\xe9 is not UTF-8", "not valid UTF-8"),
        ("bad.md", "---\ntitle: [unclosed\n---\nText here.\n", "bad metadata"),
        ("bad.md", "---\ncolour: blue\n---\nText here.\n", "unknown metadata key 'colour'"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_a_failed_add_names_the_file_and_changes_nothing(
    site: Path, tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    qabot(site, "index", "build")
    before = snapshot(site)
    result = qabot(site, "corpus", "add", str(page(tmp_path, name, content)))
    assert result.exit_code == 1
    assert message in result.output and name in result.output
    assert "Traceback" not in result.output
    assert snapshot(site) == before


def test_a_line_number_is_given_where_it_applies(site: Path, tmp_path: Path) -> None:
    content = b"Title\n\nfine line\nand another\n\xff broken"
    result = qabot(site, "corpus", "add", str(page(tmp_path, "x.txt", content)))
    assert "x.txt:5:" in result.output


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("step", ["writing the documents", "saving the index"])
def test_a_full_or_read_only_disk_changes_nothing(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int, step: str
) -> None:
    qabot(site, "index", "build")
    before = snapshot(site)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError(failure, os.strerror(failure))

    if step == "saving the index":
        monkeypatch.setattr(maintenance, "save", broken)
    else:
        monkeypatch.setattr(changes.tempfile, "mkstemp", broken)
    result = qabot(site, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA)))
    assert result.exit_code == 1
    assert os.strerror(failure) in result.output and "unchanged" in result.output
    assert snapshot(site) == before


def test_a_full_disk_while_writing_documents_changes_nothing(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qabot(site, "index", "build")
    before = snapshot(site)
    calls = {"n": 0}
    replace = os.replace

    def second_rename_fails(source: Any, target: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace(source, target)

    monkeypatch.setattr(changes.os, "replace", second_rename_fails)
    result = qabot(site, "corpus", "add", str(page(tmp_path, "stadia.html", STADIA)), "--replace")
    assert result.exit_code == 1
    assert snapshot(site) == before


@pytest.mark.parametrize("bad_id", ["../escape", "/etc/passwd", "a/b", "..", "UPPER", ""])
def test_ids_that_could_leave_the_corpus_are_refused(
    site: Path, tmp_path: Path, bad_id: str
) -> None:
    before = snapshot(site)
    outside = set(tmp_path.parent.iterdir())
    result = qabot(site, "corpus", "add", str(page(tmp_path, "s.html", STADIA)), "--id", bad_id)
    assert result.exit_code == 1
    assert snapshot(site) == before
    assert set(tmp_path.parent.iterdir()) == outside


def test_a_link_to_a_file_outside_the_corpus_is_not_read(site: Path, tmp_path: Path) -> None:
    secret = page(
        tmp_path, "secret.txt", "Secret plans\n\nThe vault code is 1234 and nobody knows."
    )
    (site.parent / "corpus/documents/leak.txt").symlink_to(secret)
    assert ask_json(site, "what is the vault code")["no_answer"] is True
    ids = {d["id"] for d in json.loads(qabot(site, "corpus", "list", "--json").stdout)}
    assert "leak" not in ids


def test_check_reports_errors_and_warnings_with_file_and_line(site: Path) -> None:
    documents = site.parent / "corpus" / "documents"
    page(documents, "empty.txt", "Empty\n\nNothing.")
    page(documents, "mojibake.txt", "Mojibake page\n\n" + "It’s broken: cafÃ© and â€™ quotes. " * 5)
    page(
        documents,
        "copy.txt",
        (SEED_DOCUMENTS / "cooperation-with-united-nations-entities.txt").read_text(),
    )
    page(documents, "control.md", "# Control\n\n" + "Text with a \x07 bell in it for sure. " * 5)
    page(documents, "long.md", "# Long\n\n" + "Word " * 400 + "\n\nThe XYZW team works. " * 3)
    result = qabot(site, "corpus", "check")
    assert result.exit_code == 1
    out = result.output
    assert "empty.txt: error: near-empty document" in out
    assert "mojibake.txt:3: error: mojibake" in out
    assert "copy.txt: error: duplicate document" in out
    assert "control.md:3: error: stray control character U+0007" in out
    assert "warning: scrape artifact" in out
    assert "long.md:3: warning: a sentence of" in out
    assert "warning: acronym XYZW is used but never spelled out" in out
    assert out.index("error") < out.index("warning")


def test_check_passes_with_only_warnings(site: Path) -> None:
    result = qabot(site, "corpus", "check")
    assert result.exit_code == 0
    assert "0 error(s)" in result.output


def test_index_build_reports_its_figures_without_a_progress_bar_when_piped(site: Path) -> None:
    result = qabot(site, "index", "build")
    assert result.exit_code == 0
    assert "Indexed 22 passages from 1 document(s)" in result.output
    assert "distinct terms" in result.output and "KiB on disk" in result.output
    assert "\r" not in result.output


def test_report_groups_unanswered_questions_and_disliked_passages(site: Path) -> None:
    store = Store(site.parent / "state" / "bot.sqlite3")
    for question in ("What's the weather?", "what's the weather", "passport renewal"):
        store.log_question("private", 1, question, False, None, None, 0.01)
    store.log_question("private", 2, "what is AIRCOP", True, "doc:1", 9.0, 0.01)
    answer = store.answer(store.remember_answer(5, "what is AIRCOP", "what is AIRCOP", 1, "doc:1"))
    assert answer is not None
    store.record_feedback(answer, 7, helpful=False)
    store.close()
    data = json.loads(qabot(site, "report", "--json").stdout)
    assert data["unanswered"][0]["question"] == "what's the weather"
    assert data["unanswered"][0]["count"] == 2
    assert data["disliked"][0]["passage"] == "doc:1"
    assert data["disliked"][0]["questions"] == ["what is AIRCOP"]
    assert data["daily"][0]["asked"] == 4 and data["daily"][0]["answered"] == 1
    table = qabot(site, "report").output
    assert "Unanswered questions" in table
    assert re.search(r"^2 +what's the weather", table, re.MULTILINE)


def test_concurrent_adds_both_land_and_the_index_matches_the_corpus(
    site: Path, tmp_path: Path
) -> None:
    first = page(tmp_path, "stadia.html", STADIA)
    second = page(tmp_path, "pangea.md", PANGEA)
    script = Path(sys.executable).parent / "qabot"
    commands = [
        [str(script), "--config", str(site), "corpus", "add", str(first)],
        [str(script), "--config", str(site), "corpus", "add", str(second)],
        [str(script), "--config", str(site), "index", "build"],
    ]
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands
    ]
    assert [p.wait(timeout=120) for p in processes] == [0, 0, 0]
    ids = {d["id"] for d in json.loads(qabot(site, "corpus", "list", "--json").stdout)}
    assert {"project-stadia", "operation-pangea"} <= ids
    config = yaml.safe_load(site.read_text())
    settings = indexing.CorpusSettings(
        site.parent / config["corpus"]["documents"],
        site.parent / config["corpus"]["acronyms"],
        site.parent / config["corpus"]["index"],
    )
    assert indexing.load(settings.index).fingerprint == indexing.corpus_key(settings)


def test_user_ids_are_salted_hashes_unless_the_config_says_otherwise(tmp_path: Path) -> None:
    hashed = Store(tmp_path / "a.sqlite3")
    plain = Store(tmp_path / "b.sqlite3", hash_ids=False)
    assert hashed.hashed(12345) != "12345" and len(hashed.hashed(12345) or "") == 32
    assert Store(tmp_path / "c.sqlite3").hashed(12345) != hashed.hashed(12345)
    assert plain.hashed(12345) == "12345"


def test_rows_past_the_retention_period_are_deleted(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    store.log_question("private", 1, "old", True, None, None, 0.1)
    assert store.purge(older_than=0) == 0
    assert store.purge(older_than=10**12) == 1
    assert store.stats().questions == 0
