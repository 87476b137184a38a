"""config.yaml: checked key by key, relative paths anchored to the file, defaults in step."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import CONFIG_ENV, Config, find_config, load_config
from corpus.errors import ConfigError
from corpus.loading import ReadSettings
from corpus.splitting import SplitSettings
from retrieval.answering import AnswerSettings
from tests.conftest import ROOT

REAL_CONFIG = ROOT / "config.yaml"
MINIMAL: dict[str, Any] = {
    "corpus": {"documents": "docs", "acronyms": "acronyms.yaml", "index": "out/index.json"},
    "eval": {"gold": "gold.yaml"},
}


def write_config(directory: Path, raw: Any) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "config.yaml"
    path.write_text(raw if isinstance(raw, str) else yaml.safe_dump(raw), encoding="utf-8")
    return path


def with_key(dotted: str, value: Any) -> dict[str, Any]:
    """MINIMAL with one more key, given as a dotted path."""
    raw = yaml.safe_load(yaml.safe_dump(MINIMAL))
    *parents, last = dotted.split(".")
    node = raw
    for name in parents:
        node = node.setdefault(name, {})
    node[last] = value
    return raw


def config_error(tmp_path: Path, raw: Any) -> str:
    with pytest.raises(ConfigError) as raised:
        load_config(write_config(tmp_path, raw))
    return str(raised.value)


def test_real_config_loads_with_absolute_paths_into_the_repo() -> None:
    config = load_config(REAL_CONFIG)
    paths = [
        config.corpus.documents,
        config.corpus.acronyms,
        config.corpus.index,
        config.eval.gold,
    ]
    for path in paths:
        assert path.is_absolute(), path
        assert path.is_relative_to(ROOT.resolve()), path
    assert config.corpus.documents == ROOT.resolve() / "corpus" / "documents"
    assert config.corpus.documents.is_dir()
    assert config.corpus.acronyms.is_file()
    assert config.eval.gold.is_file()
    assert config.source == REAL_CONFIG


def test_minimal_config_loads(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, MINIMAL))
    assert config.answers == AnswerSettings()


def test_config_with_only_the_three_corpus_paths_loads(tmp_path: Path) -> None:
    # config.yaml says: "Every key is optional except the three corpus paths".
    config = load_config(write_config(tmp_path, {"corpus": MINIMAL["corpus"]}))
    assert config.corpus.documents == tmp_path.resolve() / "docs"


@pytest.mark.parametrize("key", ["colour", "corpus.read.colour", "answers.search.bm25.k2"])
def test_unknown_key_is_refused_naming_the_full_dotted_key(tmp_path: Path, key: str) -> None:
    message = config_error(tmp_path, with_key(key, 1))
    assert repr(key) in message
    assert "unknown" in message


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("answers.top_k", "three"),
        ("answers.top_k", 2.5),
        ("answers.top_k", True),
        ("answers.min_coverage", "half"),
        ("answers.search.spelling", "yes"),
        ("corpus.documents", 5),
        ("corpus.index", ""),
        ("log_level", "LOUD"),
        ("answers", [1, 2]),
    ],
)
def test_bad_type_is_refused_naming_the_key(tmp_path: Path, key: str, value: Any) -> None:
    assert repr(key) in config_error(tmp_path, with_key(key, value))


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("answers.top_k", 0),
        ("answers.top_k", 21),
        ("answers.min_coverage", 1.5),
        ("answers.search.bm25.b", 2),
        ("answers.search.bm25.k1", -1),
        ("answers.search.expansion_weight", -0.5),
        ("corpus.split.max_chars", 10),
        ("corpus.read.heading_max_chars", 0),
    ],
)
def test_value_out_of_range_is_refused_naming_the_key(tmp_path: Path, key: str, value: Any) -> None:
    assert repr(key) in config_error(tmp_path, with_key(key, value))


def test_bad_variant_is_refused_naming_the_key(tmp_path: Path) -> None:
    message = config_error(tmp_path, with_key("answers.search.bm25.variant", "bm99"))
    assert "'answers.search.bm25.variant'" in message
    assert "okapi" in message


def test_missing_corpus_path_is_refused_naming_the_key(tmp_path: Path) -> None:
    raw = with_key("corpus.documents", None)
    del raw["corpus"]["documents"]
    assert "'corpus.documents'" in config_error(tmp_path, raw)


def test_missing_file_mentions_the_config_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--config"):
        load_config(tmp_path / "nowhere.yaml")


@pytest.mark.parametrize("text", ["corpus: [unclosed\n", "a: b: c\n", "\tcorpus:\n  - x"])
def test_invalid_yaml_is_a_config_error(tmp_path: Path, text: str) -> None:
    assert "YAML" in config_error(tmp_path, text)


# PyYAML raises ValueError, AttributeError or RecursionError, not YAMLError, for these.
@pytest.mark.parametrize(
    "text",
    ["log_level: 2020-13-45\n", "log_level: !!timestamp x\n", "log_level: 0x_\n", "[" * 3000],
)
def test_yaml_that_pyyaml_cannot_construct_is_a_config_error(tmp_path: Path, text: str) -> None:
    assert "is not valid YAML" in config_error(tmp_path, text)


@pytest.mark.parametrize("text", ["- a list\n", "just text\n", ""])
def test_config_that_is_not_a_mapping_is_a_config_error(tmp_path: Path, text: str) -> None:
    config_error(tmp_path, text)


def test_relative_paths_resolve_against_the_config_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path / "conf", MINIMAL)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(Path("..") / "conf" / "config.yaml")
    base = (tmp_path / "conf").resolve()
    assert config.corpus.documents == base / "docs"
    assert config.corpus.acronyms == base / "acronyms.yaml"
    assert config.corpus.index == base / "out" / "index.json"
    assert config.eval.gold == base / "gold.yaml"


@pytest.mark.parametrize(
    ("raw", "expected"), [("dev", ("dev",)), (["dev", "more/dev"], ("dev", "more/dev")), ([], ())]
)
def test_development_corpora_are_one_path_or_a_list_of_them(
    tmp_path: Path, raw: Any, expected: tuple[str, ...]
) -> None:
    config = load_config(write_config(tmp_path, with_key("eval.development", raw)))
    assert config.eval.development == tuple(tmp_path.resolve() / p for p in expected)


def test_absolute_paths_are_kept(tmp_path: Path) -> None:
    absolute = tmp_path / "somewhere" / "docs"
    config = load_config(
        write_config(tmp_path / "conf", with_key("corpus.documents", str(absolute)))
    )
    assert config.corpus.documents == absolute


def test_find_config_prefers_the_explicit_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "from-env.yaml"))
    assert find_config(tmp_path / "explicit.yaml") == tmp_path / "explicit.yaml"


def test_find_config_falls_back_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "from-env.yaml"))
    assert find_config(None) == tmp_path / "from-env.yaml"


@pytest.mark.parametrize("env", [None, ""])
def test_find_config_defaults_to_config_yaml_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    if env is None:
        monkeypatch.delenv(CONFIG_ENV, raising=False)
    else:
        monkeypatch.setenv(CONFIG_ENV, env)
    assert find_config(None) == Path("config.yaml")


def _leaves(cls: Any, raw: dict[str, Any], prefix: str = "") -> list[tuple[str, Any, Any]]:
    """(dotted key, value in the file, dataclass default) for every non-path leaf of ``raw``."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    found = []
    for name, value in raw.items():
        key = f"{prefix}{name}"
        assert name in fields, f"{key} is in config.yaml but not in {cls.__name__}"
        kind = hints[name]
        if dataclasses.is_dataclass(kind):
            found += _leaves(kind, value, f"{key}.")
        elif kind is Path or Path in typing.get_args(kind):
            continue  # the corpus and eval paths: the file sets them, the code has none
        else:
            field = fields[name]
            assert field.default is not dataclasses.MISSING, f"{key} has no default"
            found.append((key, tuple(value) if isinstance(value, list) else value, field.default))
    return found


def test_every_value_in_config_yaml_is_the_code_default() -> None:
    raw = yaml.safe_load(REAL_CONFIG.read_text(encoding="utf-8"))
    leaves = _leaves(Config, raw)
    assert leaves
    differ = [(key, value, default) for key, value, default in leaves if value != default]
    assert differ == []
    for _, value, default in leaves:
        assert type(value) is type(default) or {type(value), type(default)} == {int, float}


def test_real_config_equals_the_defaults_apart_from_paths() -> None:
    config = load_config(REAL_CONFIG)
    assert config.answers == AnswerSettings()
    assert config.corpus.read == ReadSettings()
    assert config.corpus.split == SplitSettings()
    assert config.log_level == "WARNING"
