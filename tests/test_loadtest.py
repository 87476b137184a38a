"""qabot loadtest: the real bot in its own process answers every question exactly once, and the
counting catches an answer that is missing, doubled or stray."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import load
from benchmarks.local_bot_api import BOT, LocalBotApi, Sent
from bot.cli import main
from bot.config import load_config
from bot.handlers import SLOW_DOWN
from bot.lanes import LanedUpdateProcessor, lane_of
from corpus.errors import ConfigError
from tests.conftest import ROOT

SMALL = load.Scenario(
    chats=6, per_chat=2, mix=load.Mix(private=1, group=1, inline=1), spread=1.0, reply_timeout=60
)


def _message(chat_id: int, reply_to: int | None, *, text: str = "", buttons: bool = True) -> Sent:
    return Sent("sendMessage", chat_id, reply_to, "", buttons, text, (), time.perf_counter())


def _inline(query_id: str, results: tuple[str, ...] = ("1-x",)) -> Sent:
    return Sent("answerInlineQuery", 0, None, query_id, False, "", results, time.perf_counter())


@pytest.fixture(scope="module")
def small_run() -> load.LoadReport:
    """Five-odd seconds: the bot started, twelve questions from private chats, groups and
    inline users, the answers counted, the bot stopped."""
    return load.run(load_config(ROOT / "config.yaml"), SMALL)


def test_every_question_of_a_small_run_gets_exactly_one_answer(
    small_run: load.LoadReport,
) -> None:
    counted = small_run.tally
    assert counted.asked == 12 and counted.answered == 12
    assert counted.exact and not counted.missing and not counted.duplicated
    assert counted.unmatched == 0 and small_run.passed
    assert counted.outcomes.get("answer", 0) >= 6 and "slow down" not in counted.outcomes


def test_a_small_run_asks_in_private_chats_groups_and_inline(small_run: load.LoadReport) -> None:
    assert small_run.chats == {"private": 2, "group": 2, "inline": 2}
    for kind in (*load.KINDS, "all"):
        figures = small_run.latency[kind]
        assert figures is not None and 0 < figures.p50_ms <= figures.p95_ms <= figures.p99_ms
    assert small_run.latency["all"].samples == 12
    assert small_run.messages == 8  # private and group questions; inline ones get no message


def test_a_small_run_stops_the_bot_cleanly_and_measures_its_memory(
    small_run: load.LoadReport,
) -> None:
    assert small_run.exit_code == 0 and small_run.stop_seconds < load.STOP_SECONDS
    assert small_run.log_errors == 0
    assert small_run.resent_updates == 0 and small_run.unconfirmed_updates == 0
    memory = small_run.memory
    assert 10 < memory.ready_mb <= memory.peak_mb and memory.end_mb <= memory.peak_mb
    assert memory.flat is None  # a burst does not judge flatness


def test_a_small_run_reads_as_text_and_json(small_run: load.LoadReport) -> None:
    text = load.render(small_run)
    assert "12 of 12 questions answered; 0 missing, 0 answered twice, 0 stray" in text
    assert "p99 ms" in text and text.endswith("PASS: every question answered exactly once.")
    data = json.loads(json.dumps(load.to_json(small_run)))
    assert data["passed"] is True and data["tally"]["answered"] == 12
    assert data["scenario"]["mix"] == "private=1,group=1,inline=1"


def test_the_tally_finds_a_missing_answer() -> None:
    counted = load.tally(["5:1", "5:2", "inline:9"], [_message(5, 1), _inline("9")])
    assert counted.asked == 3 and counted.answered == 2 and counted.missing == ("5:2",)
    assert not counted.exact


def test_the_tally_finds_a_question_answered_twice() -> None:
    counted = load.tally(["5:1", "inline:9"], [_message(5, 1), _inline("9"), _message(5, 1)])
    assert counted.answered == 2 and counted.duplicated == ("5:1",) and not counted.exact
    twice_inline = load.tally(["inline:9"], [_inline("9"), _inline("9")])
    assert twice_inline.duplicated == ("inline:9",)


def test_the_tally_finds_a_message_that_answers_no_question() -> None:
    stray = [_message(5, 1), _message(5, None), _message(6, 1), _inline("8")]
    counted = load.tally(["5:1"], stray)
    assert counted.answered == 1 and counted.unmatched == 3 and not counted.exact


def test_the_tally_counts_what_the_first_answers_said() -> None:
    answers = [
        _message(1, 1),
        _message(2, 2, text="I can&#x27;t find that in the corpus.\nNothing near…", buttons=False),
        _message(3, 3, text=SLOW_DOWN, buttons=False),
        _inline("4", ("none",)),
        _inline("5", ()),
    ]
    counted = load.tally(["1:1", "2:2", "3:3", "inline:4", "inline:5"], answers)
    assert counted.exact
    assert counted.outcomes == {"answer": 1, "empty": 1, "no answer": 2, "slow down": 1}


def test_two_questions_with_one_key_are_a_mistake_in_the_plan() -> None:
    with pytest.raises(ValueError, match="share a key"):
        load.tally(["5:1", "5:1"], [])


def test_the_mix_parses_and_shares_out_the_chats() -> None:
    assert load.Mix.parse("private=5,group=3,inline=2") == load.Mix(5, 3, 2)
    assert load.Mix.parse("inline=1") == load.Mix(0, 0, 1)
    assert load.Mix(5, 3, 2).split(200) == {"private": 100, "group": 60, "inline": 40}
    assert sum(load.Mix(1, 1, 1).split(7).values()) == 7
    for bad in ("private=x", "dm=1", "private=0"):
        with pytest.raises(ValueError):
            load.Mix.parse(bad)


def test_a_burst_plan_sends_each_chats_turns_in_order_within_the_spread() -> None:
    scenario = load.Scenario(chats=30, per_chat=4, spread=2.0)
    ids = iter(range(1, 10_000))
    questions, earlier = load.plan(["q one", "q two", "q three"], scenario, lambda: next(ids))
    assert len(questions) == 120 and len({q.key for q in questions}) == 120
    assert [q.due for q in questions] == sorted(q.due for q in questions)
    assert all(0 <= q.due <= 2.0 for q in questions)
    assert {q.kind for q in questions} == set(load.KINDS)
    groups = [q for q in questions if q.kind == "group"]
    assert {q.form for q in groups} == set(load.GROUP_FORMS)
    assert all(q.reply_to == earlier[q.chat_id] for q in groups if q.form == "reply")
    assert len({q.user_id for q in groups}) > len(earlier)  # members take turns
    # No user message shares an id with another, or with the bot's earlier messages.
    message_ids = [q.message_id for q in questions if q.kind != "inline"]
    assert len(set(message_ids) | set(earlier.values())) == len(message_ids) + len(earlier)


def test_a_soak_plan_asks_at_the_rate_over_the_chats_in_turn() -> None:
    scenario = load.Scenario(chats=10, soak=30, rate=4.0)
    ids = iter(range(1, 10_000))
    questions, _ = load.plan(["a question"], scenario, lambda: next(ids))
    assert len(questions) == 120 and questions[-1].due == pytest.approx(119 / 4)
    assert len({q.chat_id for q in questions[:10]}) == 10


def test_updates_are_what_telegram_sends_for_each_kind_of_question() -> None:
    ids = iter(range(1, 10_000))
    scenario = load.Scenario(chats=9, per_chat=3, mix=load.Mix(1, 1, 1))
    questions, _ = load.plan(["which agencies run aircop"], scenario, lambda: next(ids))
    by_form = {q.form: load.update_of(q, 1_800_000_000) for q in questions}
    mention = by_form["mention"]["message"]
    assert mention["text"] == f"@{BOT['username']} which agencies run aircop"
    assert mention["entities"] == [{"type": "mention", "offset": 0, "length": 20}]
    assert mention["chat"]["type"] == "supergroup" and mention["chat"]["id"] < 0
    reply = by_form["reply"]["message"]
    assert reply["reply_to_message"]["from"]["id"] == BOT["id"]
    assert by_form["ask"]["message"]["text"].startswith("/ask ")
    assert by_form["text"]["message"]["chat"]["type"] == "private"
    inline = by_form["inline"]["inline_query"]
    assert inline["query"] == "which agencies run aircop" and inline["id"]


def test_scenarios_are_bounded() -> None:
    with pytest.raises(ConfigError, match="chats"):
        load.Scenario(chats=load.MAX_CHATS + 1)
    with pytest.raises(ConfigError, match="soak"):
        load.Scenario(soak=load.MAX_SOAK_SECONDS + 1)
    with pytest.raises(ConfigError, match="at most"):
        load.Scenario(chats=load.MAX_CHATS, per_chat=load.MAX_PER_CHAT)


def test_memory_is_flat_unless_it_keeps_rising_after_the_warm_up() -> None:
    def samples(rise_per_second: float) -> list[load.MemorySample]:
        return [load.MemorySample(t, 100 + (t - 10) * rise_per_second, t) for t in range(60)]

    *_, flat = load.flatness(samples(0.001), 10)
    assert flat
    warm, growth, per_minute_kb, tolerance, flat = load.flatness(samples(0.1), 10)
    assert not flat and growth == pytest.approx(4.9) and warm == pytest.approx(100)
    assert tolerance == pytest.approx(load.FLAT_MB + load.FLAT_SHARE * 100)
    assert per_minute_kb == pytest.approx(6 * 1024)


def test_the_bot_config_is_the_given_one_with_its_files_elsewhere(tmp_path: Path) -> None:
    config = load_config(ROOT / "config.yaml")
    written = load_config(load.write_bot_config(config, tmp_path))
    assert written.corpus.index.parent == tmp_path / "index"
    assert written.telegram.store == tmp_path / "bot.sqlite3"
    expected = dataclasses.replace(
        config,
        corpus=dataclasses.replace(config.corpus, index=written.corpus.index),
        telegram=dataclasses.replace(config.telegram, store=written.telegram.store),
        source=written.source,
    )
    assert dataclasses.replace(written, source=written.source) == expected


def _get_updates(api: LocalBotApi, **params: object) -> list[dict]:
    status, payload = api.handle(
        f"/bot{api.token}/getUpdates", json.dumps(params).encode(), "application/json"
    )
    assert status == 200
    return payload["result"]


def test_the_local_server_serves_get_updates_as_telegram_does() -> None:
    api = LocalBotApi(load.TOKEN)
    for number in range(3):
        api.push({"message": {"text": str(number)}})
    assert [u["update_id"] for u in _get_updates(api, limit=2)] == [1, 2]
    assert [u["update_id"] for u in _get_updates(api, offset=2)] == [2, 3]  # 1 confirmed
    assert _get_updates(api, offset=4, timeout=0) == [] and api.confirmed == 3
    assert len(api.handed_out[2]) == 2 and len(api.handed_out[1]) == 1


def test_a_long_poll_returns_as_soon_as_an_update_is_pushed() -> None:
    api = LocalBotApi(load.TOKEN)
    threading.Timer(0.2, api.push, args=({"message": {"text": "hi"}},)).start()
    started = time.perf_counter()
    assert [u["update_id"] for u in _get_updates(api, timeout=10)] == [1]
    assert time.perf_counter() - started < 5
    started = time.perf_counter()
    assert _get_updates(api, offset=2, timeout=0.2) == []
    assert 0.15 < time.perf_counter() - started < 5


def test_loadtest_has_help_with_an_example_and_refuses_a_bad_mix() -> None:
    result = CliRunner().invoke(main, ["loadtest", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "--soak" in result.output
    bad = CliRunner().invoke(main, ["loadtest", "--mix", "private=1,dm=2"])
    assert bad.exit_code == 2 and "KIND=WEIGHT" in bad.output


def test_an_inline_query_is_handled_while_messages_fill_their_lane() -> None:
    """Messages waiting for the rate limiter must not hold up inline queries."""

    async def scenario() -> list[str]:
        processor = LanedUpdateProcessor(per_lane=1)
        done: list[str] = []
        release = asyncio.Event()

        async def message() -> None:
            await release.wait()
            done.append("message")

        async def inline() -> None:
            done.append("inline")

        blocked = [
            asyncio.create_task(processor.process_update(object(), message())) for _ in range(3)
        ]
        inline_update = load_update({"inline_query": {"id": "1", "query": "x", "offset": ""}})
        await asyncio.wait_for(processor.process_update(inline_update, inline()), 1)
        release.set()
        await asyncio.gather(*blocked)
        return done

    assert asyncio.run(scenario()) == ["inline", "message", "message", "message"]


def load_update(data: dict) -> object:
    """An Update from its JSON, with a sender."""
    from telegram import Update

    user = {"id": 7, "is_bot": False, "first_name": "A"}
    data = {"update_id": 1, **{k: {**v, "from": user} for k, v in data.items()}}
    return Update.de_json(data, None)


def test_updates_go_to_their_lanes() -> None:
    assert lane_of(load_update({"inline_query": {"id": "1", "query": "x", "offset": ""}})) == (
        "inline_query"
    )
    assert lane_of(object()) == "other"
