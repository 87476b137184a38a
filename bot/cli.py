"""The ``qabot`` command: a thin layer over the answer engine, for terminals and scripts."""

from __future__ import annotations

import dataclasses
import json
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.config import Config, find_config, load_config, redis_url, store_location
from bot.logs import configure_logging
from bot.rendering import answer_to_json, error_to_json, json_line, render_text
from corpus.errors import QabotError, QuestionError
from retrieval.answering import Engine
from retrieval.conversation import Conversation
from retrieval.indexing import Index, load_or_build

if TYPE_CHECKING:
    from corpus.models import DocumentMeta

# The bot, the benchmarks, corpus changes and progress bars are imported by the commands that
# use them: `qabot ask` needs none of them, and they took most of its start-up time.

EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A question that cannot be asked: a clean message and exit code 2."""

    exit_code = EXIT_BAD_INPUT


class QabotGroup(click.Group):
    """Turns qabot's own errors into clean messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuestionError as error:
            raise BadInput(str(error)) from None
        except QabotError as error:
            raise click.ClickException(str(error)) from None


@dataclasses.dataclass
class State:
    """What the subcommands share: the config file, read once, and the engine built from it."""

    config_path: Path | None
    _config: Config | None = None
    _engine: Engine | None = None

    @property
    def config(self) -> Config:
        return self.load_config()

    def load_config(self, secrets: tuple[str, ...] = ()) -> Config:
        """The config, read and logging set up on first use; ``secrets`` are kept out of logs."""
        if self._config is None:
            self._config = load_config(find_config(self.config_path))
            configure_logging(self._config.log_level, secrets)
        return self._config

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(load_or_build(self.config.corpus), self.config.answers)
        return self._engine


@click.group(cls=QabotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file. Default: $QABOT_CONFIG, else ./config.yaml.",
)
@click.version_option(package_name="qabot")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """qabot answers questions from a document corpus, citing every passage.

    Example:

        qabot ask "Which agencies run AIRCOP?"
    """
    ctx.obj = State(config_path)


def _stdin_lines() -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each stdin line; text is None where it is not UTF-8."""
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            yield number, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield number, None


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--top-k", type=click.IntRange(1, 20), help="Passages per answer (default: config).")
@click.option(
    "--conversation",
    is_flag=True,
    help="With '-': the lines are one chat, so follow-ups refer to the lines before them.",
)
@click.pass_obj
def ask(state: State, question: str, as_json: bool, top_k: int | None, conversation: bool) -> None:
    """Answer QUESTION with cited passages. Use '-' to read one question per line from stdin.

    With '-', every line gets exactly one answer, in order; a line that cannot be asked
    (empty, not UTF-8, too long) gets an object with an "error" key, and the exit code is 2.

    Examples:

        qabot ask "Which agencies run AIRCOP?"

        qabot ask --json "what is unoda"

        printf 'Who runs AIRCOP?\\nAnd CRIMJUST?\\n' | qabot ask --json --conversation -
    """
    engine = state.engine
    if question != "-":
        answer, _ = engine.ask(question, now=time.time(), top_k=top_k)
        click.echo(json_line(answer_to_json(answer)) if as_json else render_text(answer))
        return
    chat = Conversation()
    failed = False
    for number, line in _stdin_lines():
        try:
            if line is None:
                raise QuestionError("not valid UTF-8")
            answer, after = engine.ask(line, chat, now=time.time(), top_k=top_k)
        except QuestionError as error:
            failed = True
            click.echo(f"qabot: line {number}: {error}", err=True)
            click.echo(json_line(error_to_json(line or "", str(error))) if as_json else "")
            continue
        if conversation:
            chat = after
        click.echo(json_line(answer_to_json(answer)) if as_json else render_text(answer) + "\n")
    if failed:
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.pass_obj
def chat(state: State) -> None:
    """Talk to qabot in the terminal, with follow-ups and "more", as in Telegram.

    Example:

        qabot chat
        you> Which agencies run AIRCOP?
        you> And CRIMJUST?
        you> more
    """
    engine = state.engine
    click.echo(
        f"qabot answers from {len(engine.index.documents)} document(s) (qabot corpus list "
        "shows them). Ask a question; Ctrl-D to leave."
    )
    conversation = Conversation()
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if not message.strip():
            continue
        try:
            answer, conversation = engine.ask(message, conversation, now=time.time())
        except QuestionError as error:
            click.echo(f"qabot: {error}")
            continue
        click.echo(render_text(answer) + "\n")


@main.group()
def corpus() -> None:
    """Add, update, remove, list, show and check the corpus documents.

    Example:

        qabot corpus add page.html --url https://www.interpol.int/...
    """


def _print_added(index: Index, meta: DocumentMeta, verb: str) -> None:
    from retrieval.maintenance import first_passages

    passages = index.passages.of_document(meta.id)
    click.echo(f"{verb} {meta.id}: “{meta.title}” — {len(passages)} passage(s)")
    for passage in first_passages(index, meta.id):
        click.echo(textwrap.shorten(f"  [{passage.section}] {passage.text}", 100))


@corpus.command(name="add")
@click.argument("sources", nargs=-1, metavar="[PATH|URL]...")
@click.option(
    "--from-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of URLs (or paths), one a line; blank lines and # comments are skipped.",
)
@click.option("--title", help="The document's title (default: its own).")
@click.option("--url", help="The document's source URL (default: its own).")
@click.option("--id", "doc_id", help="The document's id (default: from its title).")
@click.option("--replace", is_flag=True, help="Replace a document that has the same id.")
@click.pass_obj
def corpus_add(
    state: State,
    sources: tuple[str, ...],
    from_file: Path | None,
    title: str | None,
    url: str | None,
    doc_id: str | None,
    replace: bool,
) -> None:
    """Import web pages by their URL, or text, Markdown or HTML files, or directories of them,
    and rebuild the index.

    A web page is fetched (corpus.fetch in the config sets the limits), its original HTML is
    kept in the corpus, and only its main content is indexed; its URL, the time it was fetched
    and its validators go into its sidecar, for `qabot corpus refresh`. Metadata comes from the
    options, else the file's front matter or sidecar, else (HTML) its <title>, canonical link
    and lang. Nothing changes unless every page and file imports.

    Examples:

        qabot corpus add https://www.interpol.int/en/Crimes/Maritime-crime

        qabot corpus add --from-file urls.txt

        qabot corpus add ~/pages/project-stadia.html --url https://www.interpol.int/...
    """
    from corpus.fetching import is_url
    from retrieval import maintenance

    listed = list(sources) + (_listed_in(from_file) if from_file else [])
    if not listed:
        raise click.UsageError("give at least one PATH or URL, or --from-file FILE")
    urls = [source for source in listed if is_url(source)]
    paths = [Path(source) for source in listed if not is_url(source)]
    config = state.config.corpus
    pages = maintenance.fetch_pages(urls, config.fetch)
    added, index = maintenance.add(config, paths, title, url, doc_id, replace, pages)
    for meta in added:
        _print_added(index, meta, "Added")
    _tell_workers(state)


def _listed_in(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise click.UsageError(f"cannot read {path}: {reason}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@corpus.command(name="refresh")
@click.argument("doc_ids", nargs=-1, metavar="[ID]...")
@click.pass_obj
def corpus_refresh(state: State, doc_ids: tuple[str, ...]) -> None:
    """Fetch again the web pages of the corpus (those imported by URL, and HTML pages with an
    http(s) URL), or the documents ID... (any with an http(s) URL), and update those that
    changed, in one change of the corpus.

    An unchanged page (HTTP 304, or the same content) changes nothing; a page that now fails
    (404, timeout, not HTML) is reported and kept as it was, and the command exits 1. A running
    bot picks the changes up by itself.

    Example:

        qabot corpus refresh
    """
    from retrieval import maintenance

    results, index = maintenance.refresh(state.config.corpus, doc_ids)
    if not results:
        click.echo("No web pages to refresh: none was imported by URL or has an http(s) URL.")
    for result in results:
        click.echo(
            f"{result.doc_id}: {result.outcome}" + (f" ({result.detail})" if result.detail else "")
        )
    if index is not None:
        updated = sum(result.outcome == "updated" for result in results)
        click.echo(f"{updated} document(s) updated; the index has {len(index.passages)} passage(s)")
        _tell_workers(state)
    if any(result.outcome == "failed" for result in results):
        sys.exit(1)


@corpus.command(name="update")
@click.argument("doc_id", metavar="ID")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", help="A new title.")
@click.option("--url", help="A new source URL.")
@click.pass_obj
def corpus_update(
    state: State, doc_id: str, path: Path, title: str | None, url: str | None
) -> None:
    """Replace the text of document ID with the file PATH, keeping its id and metadata.

    Example:

        qabot corpus update project-stadia ~/pages/project-stadia-fixed.html
    """
    from retrieval import maintenance

    meta, index = maintenance.update(state.config.corpus, doc_id, path, title, url)
    _print_added(index, meta, "Updated")
    _tell_workers(state)


@corpus.command(name="remove")
@click.argument("doc_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def corpus_remove(state: State, doc_id: str, yes: bool) -> None:
    """Remove document ID from the corpus and rebuild the index.

    Example:

        qabot corpus remove project-stadia --yes
    """
    from retrieval import maintenance

    if not yes:
        click.confirm(f"Remove {doc_id} from the corpus?", abort=True)
    meta, index = maintenance.remove(state.config.corpus, doc_id)
    click.echo(f"Removed {meta.id}: “{meta.title}”; {len(index.passages)} passage(s) remain")
    _tell_workers(state)


def _tell_workers(state: State) -> None:
    """After a corpus change: with Redis configured, tell every running worker to reload now.
    Each also sees the change by itself within telegram.reload_seconds, where it shares the
    corpus's files, so an unreachable Redis is a warning, not a failure."""
    url = redis_url(state.config)
    if not url:
        return
    from bot.state import announce_corpus_change

    try:
        announce_corpus_change(url)
    except QabotError as error:
        click.echo(f"Warning: the running workers were not told: {error}", err=True)


@corpus.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array.")
@click.pass_obj
def corpus_list(state: State, as_json: bool) -> None:
    """List the documents: id, title, URL, passages and last change.

    Example:

        qabot corpus list --json
    """
    from retrieval import maintenance

    documents = maintenance.listing(state.config.corpus)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": d.meta.id,
                        "title": d.meta.title,
                        "url": d.meta.url,
                        "publisher": d.meta.publisher,
                        "language": d.meta.language,
                        "file": d.source,
                        "passages": d.passages,
                        "changed": _iso(d.changed),
                    }
                    for d in documents
                ],
                ensure_ascii=False,
            )
        )
        return
    rows = [("ID", "TITLE", "URL", "PASSAGES", "CHANGED")] + [
        (d.meta.id, d.meta.title, d.meta.url, str(d.passages), _iso(d.changed)) for d in documents
    ]
    click.echo(_table(rows, widths=(None, 40, 50, 8, 16)))


@corpus.command(name="show")
@click.argument("doc_id", metavar="ID")
@click.option(
    "--relations",
    is_flag=True,
    help="Print who plays which part in what, as the bot reads it, passage by passage.",
)
@click.pass_obj
def corpus_show(state: State, doc_id: str, relations: bool) -> None:
    """Print the passages of document ID exactly as the index sees them; with --relations,
    what the bot reads from them about who runs, funds, hosts or takes part in what.

    Examples:

        qabot corpus show cooperation-with-united-nations-entities

        qabot corpus show cooperation-with-united-nations-entities --relations
    """
    from retrieval import maintenance

    passages = maintenance.passages_of(state.config.corpus, doc_id)
    if relations:
        from retrieval.readings import asked, readings

        found = readings(state.engine, doc_id)
        if not found:
            click.echo(f"{doc_id}: no passage says who plays a part in anything")
            return
        for reading in found:
            click.echo(f"{reading.passage_id}  {reading}")
        click.echo("\nWhat the bot answers:")
        for answer in asked(state.engine, found):
            click.echo(f"  {answer.question}\n    {answer.line or '(no answer line)'}")
        return
    for passage in passages:
        kind = "columns" if passage.column_headings else "list"
        lead = f"\n    ({kind}: {passage.lead_in})" if passage.lead_in else ""
        click.echo(f"{passage.id}  [{passage.section}]{lead}")
        click.echo(
            textwrap.fill(passage.text, 100, initial_indent="    ", subsequent_indent="    ")
        )


@corpus.command(name="check")
@click.pass_obj
def corpus_check(state: State) -> None:
    """Lint the corpus; exits 1 when there are errors.

    Errors: unreadable, near-empty, untitled or duplicate documents, mojibake, control
    characters. Warnings: no URL, repeated leading fragments, over-long or duplicate
    passages, acronyms never spelled out.

    Example:

        qabot corpus check
    """
    from corpus.lint import Level, check

    settings = state.config.corpus
    findings = check(settings.documents, settings.acronyms, settings.read, settings.split)
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.level is Level.ERROR for f in findings)
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")
    if errors:
        sys.exit(1)


def progress_bars(items: Iterable[Any], total: int, what: str) -> Iterable[Any]:
    """A progress bar on stderr for each step of a build, where stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(items, total=total, desc=what, disable=not sys.stderr.isatty(), leave=False)


@main.group(name="index")
def index_group() -> None:
    """Build the search index.

    Example:

        qabot index build
    """


@index_group.command(name="build")
@click.pass_obj
def index_build(state: State) -> None:
    """Rebuild the index from the corpus and report its size.

    Example:

        qabot index build
    """
    from retrieval import maintenance

    report = maintenance.rebuild(state.config.corpus, progress_bars)
    click.echo(
        f"Indexed {report.passages} passages from {report.documents} document(s): "
        f"{report.vocabulary} distinct terms, {report.seconds:.2f} s, "
        f"{report.bytes / 1024:.1f} KiB on disk"
    )


@main.command()
@click.option("--days", default=30, show_default=True, type=click.IntRange(1), help="Look back.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Rows each.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_obj
def report(state: State, days: int, limit: int, as_json: bool) -> None:
    """What users asked that the corpus could not answer, and which passages they disliked.

    Read from the store that the bot writes: unanswered questions and weak answers, grouped
    and counted; the passages with the most 👎 and the questions behind them; the answer
    rate per day.

    Example:

        qabot report --days 7
    """
    where = store_location(state.config)
    if isinstance(where, Path) and not where.exists():
        raise click.ClickException(f"no question log yet at {where}: run the bot first")
    from bot.store import Store

    store = Store(where, state.config.telegram.hash_user_ids)
    try:
        result = store.report(time.time() - days * 86400, limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(result), ensure_ascii=False))
        return
    click.echo(f"Unanswered questions, last {days} day(s):")
    click.echo(
        _table(
            [("COUNT", "QUESTION", "LAST ASKED")]
            + [(str(q.count), q.question, _iso(q.value)) for q in result.unanswered],
            widths=(6, 70, 20),
        )
    )
    click.echo("\nWeakest answers (lowest quarter of scores):")
    click.echo(
        _table(
            [("COUNT", "QUESTION", "SCORE")]
            + [(str(q.count), q.question, f"{q.value:.2f}") for q in result.weak],
            widths=(6, 70, 8),
        )
    )
    click.echo("\nPassages with the most 👎:")
    click.echo(
        _table(
            [("DOWN", "UP", "PASSAGE", "QUESTIONS")]
            + [
                (str(p.down), str(p.up), p.passage, "; ".join(p.questions)) for p in result.disliked
            ],
            widths=(5, 5, 48, 60),
        )
    )
    click.echo("\nAnswer rate per day:")
    click.echo(
        _table(
            [("DAY", "ASKED", "ANSWERED", "RATE")]
            + [
                (d.day, str(d.asked), str(d.answered), f"{d.answered / d.asked:.0%}")
                for d in result.daily
            ],
            widths=(10, 6, 8, 5),
        )
    )


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def _table(rows: list[tuple[str, ...]], widths: tuple[int | None, ...]) -> str:
    """Rows as fixed-width columns, each cell cut to its column; a column of width None is as
    wide as its widest cell (ids are never cut: they are what the other commands take)."""
    if len(rows) == 1:
        return "  (none)"
    widths = tuple(
        width if width is not None else max(len(row[column]) for row in rows)
        for column, width in enumerate(widths)
    )
    lines = []
    for row in rows:
        cells = [
            textwrap.shorten(cell, width, placeholder="…") if len(cell) > width else cell
            for cell, width in zip(row, widths, strict=True)
        ]
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        )
    return "\n".join(lines)


# The Telegram commands and the measuring ones live in modules of their own; each imports what
# it needs only when it runs.
from bot.cli_bot import run, serve, webhook  # noqa: E402
from bot.cli_measure import bench, eval_command, loadtest  # noqa: E402

for _command in (run, serve, webhook, eval_command, bench, loadtest):
    main.add_command(_command)
