"""Importing web pages by their URL, and refreshing them: through the real CLI, from a web site
of our own on loopback (tests/web_server.py), into corpora in temporary directories."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from bot.cli import main
from corpus import fetching
from corpus.fetching import FetchError, FetchSettings, fetch, is_url
from retrieval import maintenance
from tests.conftest import seed_site
from tests.web_server import PAGES, Site, serving

MALARIA = "/pages/malaria-partnership.html"


@pytest.fixture(scope="module")
def web() -> Iterator[Site]:
    with serving() as site:
        yield site


def _config(tmp_path: Path, allow_private: bool = True) -> Path:
    """A config over a writable copy of the seed corpus, fetching with short limits."""
    limits = {"timeout_seconds": 1.5, "max_bytes": 200_000, "allow_private": allow_private}
    return seed_site(tmp_path, fetch=limits)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return _config(tmp_path)


def qabot(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), *args])


def _files(config: Path) -> dict[str, bytes]:
    documents = config.parent / "corpus" / "documents"
    return {p.name: p.read_bytes() for p in sorted(documents.iterdir()) if p.is_file()}


def _sidecar(config: Path, doc_id: str) -> dict[str, str]:
    path = config.parent / "corpus" / "documents" / f"{doc_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- adding pages by their URL -----------------------------------------------------------------


def test_a_page_added_by_its_url_keeps_its_html_and_where_and_when_it_came_from(
    config: Path, web: Site
) -> None:
    result = qabot(config, "corpus", "add", web.url(MALARIA))
    assert result.exit_code == 0, result.output
    doc_id = re.search(r"Added ([\w-]+):", result.output)[1]
    stored = _files(config)[f"{doc_id}.html"]
    assert stored == (PAGES / "malaria-partnership.html").read_bytes()
    sidecar = _sidecar(config, doc_id)
    assert sidecar["url"] == web.url(MALARIA)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", sidecar["fetched"])
    assert sidecar["etag"].startswith('"') and "GMT" in sidecar["last_modified"]
    assert web.requests[-1][1]["User-Agent"].startswith("qabot/")


def test_an_added_page_is_answered_from_its_content_and_not_its_furniture(
    config: Path, web: Site
) -> None:
    assert (
        qabot(config, "corpus", "add", web.url("/pages/customs-port-training.html")).exit_code == 0
    )
    answer = qabot(config, "ask", "--json", "who runs the port control academy")
    assert "World Customs Organization" in answer.output
    cookies = json.loads(qabot(config, "ask", "--json", "accept all cookies").output)
    assert not any("cookie" in hit["text"].casefold() for hit in cookies["passages"])


def test_the_final_url_after_a_redirect_is_the_one_kept(config: Path, web: Site) -> None:
    web.redirects["/old-address"] = MALARIA
    result = qabot(config, "corpus", "add", web.url("/old-address"))
    assert result.exit_code == 0, result.output
    doc_id = re.search(r"Added ([\w-]+):", result.output)[1]
    assert _sidecar(config, doc_id)["url"] == web.url(MALARIA)


def test_urls_are_added_from_a_file_of_them(config: Path, web: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    names = ["police-cooperation.html", "wildlife-crime-consortium.html"]
    listing.write_text(
        "# pages to import\n\n" + "".join(f"{web.url('/pages/' + n)}\n" for n in names),
        encoding="utf-8",
    )
    result = qabot(config, "corpus", "add", "--from-file", str(listing))
    assert result.exit_code == 0, result.output
    assert result.output.count("Added ") == 2


@pytest.mark.parametrize(
    "make_url, reason",
    [
        (lambda web: "ftp://example.org/page.html", "not an http(s) URL"),
        (lambda web: web.url("/missing"), "HTTP 404"),
        (lambda web: web.url("/slow/page"), "no answer within 1.5 s"),
        (lambda web: web.put("/image", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"), "not an HTML"),
        (lambda web: web.put("/blob", b"<html>\x00\x01\x02", "text/html"), "a binary file"),
        (
            lambda web: web.put("/huge", "<p>word </p>" * 30_000),
            "larger than corpus.fetch.max_bytes",
        ),
        (lambda web: web.url("/pages/page-not-found.html"), "no main content"),
        (
            lambda web: _redirect(web, "/to-ftp", "ftp://example.org/x"),
            "redirects to another scheme",
        ),
        (
            lambda web: _redirect(web, "/to-file", "file:///etc/passwd"),
            "redirects to another scheme",
        ),
    ],
)
def test_a_page_that_cannot_be_imported_gets_one_line_and_nothing_is_written(
    config: Path, web: Site, make_url, reason: str
) -> None:
    before = _files(config)
    result = qabot(config, "corpus", "add", make_url(web), web.url(MALARIA))
    assert result.exit_code != 0
    message = result.output.strip()
    assert reason in message and "\n" not in message and "Traceback" not in message
    assert _files(config) == before


def _redirect(web: Site, path: str, target: str) -> str:
    web.redirects[path] = target
    return web.url(path)


def test_addresses_on_this_machine_are_refused_unless_the_config_allows_them(
    tmp_path: Path, web: Site
) -> None:
    config = _config(tmp_path, allow_private=False)
    before = _files(config)
    result = qabot(config, "corpus", "add", web.url(MALARIA))
    assert result.exit_code != 0
    assert "private or local address" in result.output
    assert "corpus.fetch.allow_private" in result.output
    assert _files(config) == before


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost/",
    ],
)
def test_private_and_local_addresses_are_refused_before_any_request(address: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch(address, FetchSettings())


def test_a_redirect_to_a_private_address_is_refused(
    web: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The site is on loopback: with loopback let through, the redirect's own hop is checked.
    refused = fetching._refused
    monkeypatch.setattr(fetching, "_refused", lambda ip: ip != "127.0.0.1" and refused(ip))
    web.redirects["/to-metadata"] = "http://169.254.169.254/latest/meta-data/"
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a private or local address"):
        fetch(web.url("/to-metadata"), FetchSettings(allow_private=False))


def test_the_timeout_covers_the_whole_fetch_redirects_included(web: Site) -> None:
    # Three hops of 1.2 s each: every one within the 1.5 s, all of them together not; the
    # fetch gives up when the 1.5 s are spent, not after every hop has had its own.
    hops = ["/hop-1", "/hop-2", "/hop-3"]
    for here, there in zip(hops, [*hops[1:], MALARIA], strict=True):
        web.redirects[here] = there
        web.delays[here] = 1.2
    settings = FetchSettings(timeout_seconds=1.5, allow_private=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 1\.5 s"):
        fetch(web.url(hops[0]), settings)
    assert time.monotonic() - started < 2.5


def test_a_name_that_resolves_to_a_public_address_but_connects_to_a_private_one_is_refused(
    web: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name whose answer changes between the check and the connection (DNS rebinding).
    monkeypatch.setattr(fetching, "resolve", lambda host, port: ["93.184.215.14"])
    with pytest.raises(FetchError, match=r"connected to a private or local address \(127"):
        fetch(web.url(MALARIA), FetchSettings(allow_private=False))


@pytest.mark.parametrize(
    "text, url",
    [
        ("https://example.org/a", True),
        ("http://x.y/", True),
        ("ftp://x/y", True),
        ("page.html", False),
        ("C:/pages/a.html", False),
        ("dir/sub", False),
    ],
)
def test_an_argument_with_a_scheme_is_a_url_and_anything_else_a_path(text: str, url: bool) -> None:
    assert is_url(text) is url


# -- refreshing -----------------------------------------------------------------------------------


def _added(config: Path, web: Site, path: str, body: str | None = None) -> str:
    """Add a page served at ``path``, with ``body`` if given, under an id made from the path."""
    if body is not None:
        web.put(path, body)
    result = qabot(
        config, "corpus", "add", web.url(path), "--id", path.strip("/").replace("/", "-")
    )
    assert result.exit_code == 0, result.output
    return re.search(r"Added ([\w-]+):", result.output)[1]


_PAGE = """<html><head><title>Harbour Watch | Coast Office</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
<main><h1>Harbour Watch</h1>
<p>Harbour Watch trains port police in twelve countries around the Gulf of Guinea.</p>
<p>{second}</p>
<h2>Partners</h2>
<p>The programme is implemented by UNODC and funded by the European Union since 2019.</p>
</main><footer>© 2025 Coast Office</footer></body></html>"""


def test_an_unchanged_page_changes_nothing(config: Path, web: Site) -> None:
    doc_id = _added(config, web, "/harbour", _PAGE.format(second="Teams profile containers."))
    before = _files(config)
    result = qabot(config, "corpus", "refresh")
    assert result.exit_code == 0, result.output
    assert f"{doc_id}: unchanged (not modified)" in result.output
    assert web.requests[-1][1].get("If-None-Match") == _sidecar(config, doc_id)["etag"]
    assert _files(config) == before


def test_a_page_with_only_a_last_modified_date_is_asked_whether_it_changed_since(
    config: Path, web: Site
) -> None:
    web.without_etag.add("/dated")
    doc_id = _added(config, web, "/dated", _PAGE.format(second="Teams profile containers."))
    assert "etag" not in _sidecar(config, doc_id)
    before = _files(config)
    result = qabot(config, "corpus", "refresh", doc_id)
    assert f"{doc_id}: unchanged (not modified)" in result.output
    assert web.requests[-1][1].get("If-Modified-Since") == _sidecar(config, doc_id)["last_modified"]
    assert _files(config) == before


def test_a_page_whose_content_is_the_same_changes_nothing(config: Path, web: Site) -> None:
    doc_id = _added(config, web, "/same", _PAGE.format(second="Teams profile containers."))
    web.put("/same", _PAGE.format(second="Teams profile containers.") + "<!-- served 2 -->")
    before = _files(config)
    result = qabot(config, "corpus", "refresh", doc_id)
    assert f"{doc_id}: unchanged (same content)" in result.output
    assert _files(config) == before


def test_a_changed_page_is_updated_and_the_report_counts_the_passages(
    config: Path, web: Site
) -> None:
    doc_id = _added(config, web, "/changing", _PAGE.format(second="Teams profile containers."))
    web.put("/changing", _PAGE.format(second="Since 2024 the teams also check fishing vessels."))
    result = qabot(config, "corpus", "refresh")
    assert result.exit_code == 0, result.output
    assert f"{doc_id}: updated (1 passage(s) added, 1 removed)" in result.output
    assert b"fishing vessels" in _files(config)[f"{doc_id}.html"]
    answer = qabot(config, "ask", "--json", "does harbour watch check fishing vessels")
    assert "fishing vessels" in answer.output


def test_a_page_that_now_fails_is_reported_and_kept_as_it_was(config: Path, web: Site) -> None:
    kept = _added(config, web, "/going", _PAGE.format(second="Teams profile containers."))
    changed = _added(config, web, "/moving", _PAGE.format(second="Ports share alerts daily."))
    web.pages.pop("/going")
    web.put("/moving", _PAGE.format(second="Ports share alerts every hour."))
    before = _files(config)
    result = qabot(config, "corpus", "refresh")
    assert result.exit_code == 1
    assert f"{kept}: failed" in result.output and "HTTP 404" in result.output
    assert f"{changed}: updated" in result.output
    after = _files(config)
    assert after[f"{kept}.html"] == before[f"{kept}.html"]
    assert after[f"{changed}.html"] != before[f"{changed}.html"]


def test_refresh_names_a_document_that_does_not_exist(config: Path) -> None:
    result = qabot(config, "corpus", "refresh", "no-such-document")
    assert result.exit_code != 0 and "no document with id 'no-such-document'" in result.output


def test_refresh_with_nothing_from_the_web_says_so(config: Path) -> None:
    result = qabot(config, "corpus", "refresh")
    assert result.exit_code == 0 and "No web pages to refresh" in result.output


def test_a_document_changed_while_its_page_was_fetched_is_not_overwritten(
    config: Path, web: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages are fetched without the corpus lock; a maintainer's edit meanwhile wins.
    doc_id = _added(config, web, "/edited", _PAGE.format(second="Teams profile containers."))
    web.put("/edited", _PAGE.format(second="The teams now also board fishing vessels."))
    stored = config.parent / "corpus" / "documents" / f"{doc_id}.html"
    by_hand = _PAGE.format(second="A maintainer fixed this paragraph by hand.").encode()
    fetch_page = maintenance.fetch

    def fetch_while_edited(*args: Any, **kwargs: Any) -> fetching.Fetched:
        page = fetch_page(*args, **kwargs)
        stored.write_bytes(by_hand)
        return page

    monkeypatch.setattr(maintenance, "fetch", fetch_while_edited)
    result = qabot(config, "corpus", "refresh")
    assert result.exit_code == 1
    assert f"{doc_id}: failed (it changed while it was fetched)" in result.output
    assert stored.read_bytes() == by_hand


def test_a_saved_page_with_an_address_is_refreshed_and_a_text_copy_only_when_named(
    config: Path, web: Site, tmp_path: Path
) -> None:
    saved = tmp_path / "harbour.html"
    saved.write_text(_PAGE.format(second="Teams profile containers."), encoding="utf-8")
    web.put("/saved", _PAGE.format(second="Teams now also inspect fishing vessels at sea."))
    added = qabot(config, "corpus", "add", str(saved), "--url", web.url("/saved"), "--id", "saved")
    assert added.exit_code == 0, added.output
    result = qabot(config, "corpus", "refresh")
    assert "saved: updated" in result.output
    # The seed document is a text copy with its page's address: refreshed only when named.
    assert "cooperation-with-united-nations-entities" not in result.output
