"""The ``qabot`` command as scripts and people use it: exit codes, output and the JSON contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import ROOT, SEED_ACRONYMS, SEED_DOCUMENTS

PASSAGE_KEYS = {
    "rank",
    "id",
    "text",
    "score",
    "document",
    "title",
    "section",
    "url",
    "citation",
    "best_sentence",
}


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config like the shipped one, with its index in a temporary directory."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("documents: corpus/documents", f"documents: {SEED_DOCUMENTS}")
    text = text.replace("acronyms: corpus/acronyms.yaml", f"acronyms: {SEED_ACRONYMS}")
    text = text.replace("index: .qabot/index.npz", f"index: {tmp_path / 'index.json'}")
    for key, path in (
        ("gold", "tests/gold/questions.yaml"),
        ("development", "tests/dev"),
        ("cranfield", "tests/cranfield"),
    ):
        text = text.replace(f"{key}: {path}", f"{key}: {ROOT / path}")
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(config: Path, *args: str, input: bytes | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, ["--config", str(config), *args], input=input)


def test_ask_prints_the_answer_line_passages_and_sources(config: Path) -> None:
    result = run(config, "ask", "Which agencies run AIRCOP?")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (
        "AIRCOP is implemented by UNODC, the World Customs Organization and INTERPOL [1]"
    )
    assert "Sources:" in lines
    assert any(line.startswith("[1] Cooperation with United Nations entities › ") for line in lines)
    assert "https://www.interpol.int/" in result.output


def test_ask_json_follows_the_contract(config: Path) -> None:
    result = run(config, "ask", "--json", "Which agencies run AIRCOP?")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert {"question", "understood", "answer", "no_answer", "passages"} <= set(answer)
    assert answer["question"] == "Which agencies run AIRCOP?"
    assert answer["no_answer"] is False
    assert "World Customs Organization" in answer["answer"]
    assert answer["answer_names"] == ["UNODC", "the World Customs Organization", "INTERPOL"]
    assert [p["rank"] for p in answer["passages"]] == list(range(1, len(answer["passages"]) + 1))
    first = answer["passages"][0]
    assert set(first) >= PASSAGE_KEYS
    assert first["citation"] == (
        "[1] Cooperation with United Nations entities › INTERPOL and the United Nations Office on "
        "Drugs and Crime (UNODC) — " + first["url"]
    )
    assert first["best_sentence"] in first["text"]


def test_ask_json_for_an_uncovered_question_has_no_passages(config: Path) -> None:
    answer = json.loads(run(config, "ask", "--json", "how do I renew my passport?").output)
    assert answer["no_answer"] is True
    assert answer["passages"] == []
    assert answer["answer"] is None
    assert "can't find that in the corpus" in answer["note"]


def test_top_k_sets_the_number_of_passages(config: Path) -> None:
    answer = json.loads(run(config, "ask", "--json", "--top-k", "1", "what does UNODC do").output)
    assert len(answer["passages"]) == 1


def test_stdin_gives_one_json_object_per_question_line(config: Path) -> None:
    result = run(config, "ask", "--json", "-", input=b"What is AIRCOP?\nwhat is unoda\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert [o["question"] for o in objects] == ["What is AIRCOP?", "what is unoda"]


def test_stdin_answers_every_line_in_order_even_a_blank_one(config: Path) -> None:
    result = run(config, "ask", "--json", "-", input=b"What is AIRCOP?\n\nwhat is unoda\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert [o["question"] for o in objects] == ["What is AIRCOP?", "", "what is unoda"]
    assert "empty" in objects[1]["error"]


def test_json_lines_stay_one_per_line_whatever_the_text(config: Path) -> None:
    lines = "what is AIRCOP\u2028really\nwhat is UNODA\x85\u2029\n".encode()
    result = run(config, "ask", "--json", "-", input=lines)
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    assert objects[0]["question"] == "what is AIRCOP\u2028really"


def test_stdin_without_conversation_treats_each_line_alone(config: Path) -> None:
    result = run(config, "ask", "--json", "-", input=b"Which agencies run AIRCOP?\nAnd CRIMJUST?\n")
    second = json.loads(result.stdout.splitlines()[1])
    assert second["understood"] == "And CRIMJUST?"


def test_stdin_conversation_resolves_follow_ups_and_more(config: Path) -> None:
    lines = b"Which agencies run AIRCOP?\nAnd CRIMJUST?\nwhat about ICCWC\nmore\n"
    result = run(config, "ask", "--json", "--conversation", "-", input=lines)
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[1]["understood"] == "Which agencies run CRIMJUST?"
    assert "Transparency International" in objects[1]["answer"]
    assert objects[2]["understood"].startswith("Which agencies run ICCWC (International")
    assert objects[3]["question"] == "more"
    assert objects[3]["passages"] == [] or objects[3]["passages"][0]["rank"] > 1


def test_invalid_utf8_on_stdin_is_reported_and_the_other_lines_answered(config: Path) -> None:
    result = run(config, "ask", "--json", "-", input=b"What is AIRCOP?\n\xff\xfe\nwhat is unoda\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 2
    assert [o.get("error") is not None for o in objects] == [False, True, False]
    assert "not valid UTF-8" in objects[1]["error"]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty"),
        ("?!...", "no words"),
        ("a" * 20_000, "limit"),
        ("🙂🙂🙂", "no words"),
    ],
)
def test_bad_questions_exit_2_with_a_message_and_no_traceback(
    config: Path, question: str, message: str
) -> None:
    result = run(config, "ask", question)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "question", ["ما هو الإنتربول؟", "AIRCOP 🛫 ?", "<script>alert(1)</script>"]
)
def test_unusual_text_is_answered_or_declined_cleanly(config: Path, question: str) -> None:
    result = run(config, "ask", "--json", question)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["question"] == question


def test_a_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(tmp_path / "nope.yaml"), "ask", "x"])
    assert result.exit_code == 1
    assert "no config file" in result.output and "--config" in result.output


def test_a_config_with_an_unknown_key_names_it(tmp_path: Path, config: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(config.read_text() + "\nanswers_typo: 3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--config", str(broken), "ask", "x"])
    assert result.exit_code == 1
    assert "answers_typo" in result.output


def test_chat_keeps_the_conversation_between_lines(config: Path) -> None:
    result = run(config, "chat", input=b"Which agencies run AIRCOP?\nAnd CRIMJUST?\n?!\n")
    assert result.exit_code == 0
    assert "CRIMJUST is implemented jointly by UNODC, INTERPOL and Transparency International" in (
        result.output
    )
    assert "no words" in result.output


def test_eval_passes_its_thresholds_on_the_shipped_corpus(config: Path) -> None:
    gold = ROOT / "tests" / "gold" / "questions.yaml"
    result = run(config, "eval", "--gold", str(gold), "--json")
    [report] = json.loads(result.stdout)
    assert result.exit_code == 0, report["below"]
    assert report["below"] == []
    assert report["counts"]["out_of_scope_refused"] >= 8


def test_eval_fails_when_a_threshold_is_not_met(config: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        'questions:\n  - q: "what is unoda"\n    passage: "Internal Oversight"\n'
        "thresholds:\n  r_at_1: 1.0\n",
        encoding="utf-8",
    )
    result = run(config, "eval", "--gold", str(gold))
    assert result.exit_code == 1
    assert "r_at_1" in result.output


@pytest.mark.parametrize("command", ["ask", "chat", "eval"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_the_installed_console_script_answers(config: Path) -> None:
    script = shutil.which("qabot", path=str(Path(sys.executable).parent)) or shutil.which("qabot")
    assert script is not None, "qabot is not installed: pip install -e ."
    completed = subprocess.run(
        [script, "--config", str(config), "ask", "--json", "what is AIRCOP"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["passages"][0]["text"].startswith("Additionally")


def test_corpus_show_relations_prints_what_is_read_and_what_the_bot_answers(
    config: Path,
) -> None:
    result = run(
        config, "corpus", "show", "cooperation-with-united-nations-entities", "--relations"
    )
    assert result.exit_code == 0, result.output
    read, _, answered = result.output.partition("What the bot answers:")
    assert (
        "AIRCOP is implemented by UNODC, the World Customs Organization and INTERPOL  "
        "(known wording)" in read
    )
    assert "who runs AIRCOP?\n    AIRCOP is implemented by UNODC" in answered
    # What the bot answers is what a user asking gets.
    asked = run(config, "ask", "who runs AIRCOP?").output.splitlines()[0]
    assert f"who runs AIRCOP?\n    {asked}\n" in answered


def test_corpus_show_relations_of_an_unknown_document_is_one_line(config: Path) -> None:
    result = run(config, "corpus", "show", "no-such-page", "--relations")
    assert result.exit_code != 0
    assert "no document with id 'no-such-page'" in result.output


def test_asking_imports_no_module_of_corpus_changes_or_measuring() -> None:
    # `qabot ask` starts in a fresh process: what its command module imports is its start-up.
    code = (
        "import sys, bot.cli; print(' '.join(m for m in ('retrieval.maintenance', "
        "'retrieval.evaluation', 'retrieval.cranfield', 'corpus.lint', "
        "'benchmarks.bot') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == ""
