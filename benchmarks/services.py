"""Real servers for the tests and ``qabot loadtest --workers``: redis-server, nginx and
PostgreSQL, from Debian's packages.

Each starts on a free loopback port with its files in a temporary directory, and stops by its
own process id. ``tests/install-services`` (part of the README's test command) installs the
ones a machine lacks; a test that needs a missing one fails and says so, it does not skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

INSTALL = "run tests/install-services (the README's test command does) to install it"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on, just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _program(name: str, *candidates: str) -> str:
    found = shutil.which(name) or next((c for c in candidates if os.access(c, os.X_OK)), None)
    if found is None:
        raise AssertionError(f"{name} is not installed: {INSTALL}")
    return found


def _wait_for_port(
    port: int, process: subprocess.Popen[bytes], log: Path, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(
        f"nothing listens on port {port}: {log.read_text(errors='replace')[-2000:]}"
    )


def _stop(process: subprocess.Popen[bytes] | None, signum: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signum)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class RedisServer:
    """A redis-server on 127.0.0.1, keeping nothing on disk."""

    directory: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        program = _program("redis-server", "/usr/bin/redis-server")
        self.port = self.port or free_port()
        log = self.directory / "redis.log"
        arguments = [program, "--port", str(self.port), "--bind", "127.0.0.1"]
        arguments += ["--dir", str(self.directory), "--save", "", "--appendonly", "no"]
        with log.open("ab") as out:
            self.process = subprocess.Popen(arguments, stdout=out, stderr=out)
        _wait_for_port(self.port, self.process, log)
        return self

    def stop(self) -> None:
        _stop(self.process)

    def pause(self) -> None:
        """Freeze the server: connections stay open and nothing answers (an outage)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


_NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream workers {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location {path} {{
            proxy_pass http://workers;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


@dataclass
class Nginx:
    """nginx on 127.0.0.1, spreading the requests to ``path`` over some workers' ports."""

    directory: Path
    upstreams: list[int]
    path: str = "/telegram"
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def start(self) -> Nginx:
        program = _program("nginx", "/usr/sbin/nginx")
        self.port = self.port or free_port()
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.directory / name).mkdir(exist_ok=True)
            # nginx's workers may run as another user than its master (root's are "nobody").
            (self.directory / name).chmod(0o777)
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for port in self.upstreams
        )
        conf = self.directory / "nginx.conf"
        conf.write_text(
            _NGINX_CONF.format(dir=self.directory, servers=servers, port=self.port, path=self.path)
        )
        log = self.directory / "error.log"
        log.touch()
        self.process = subprocess.Popen(
            [program, "-c", str(conf), "-p", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=log.open("ab"),
        )
        _wait_for_port(self.port, self.process, log)
        return self

    def stop(self) -> None:
        _stop(self.process, signal.SIGQUIT)  # nginx's graceful stop


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise AssertionError(f"PostgreSQL's server is not installed: {INSTALL}")
    return Path(found[-1]).parent


@dataclass
class Postgres:
    """A PostgreSQL server of its own on 127.0.0.1, with one database, ``qabot``. Its files
    are in a directory of its own under the system's temporary directory, which the
    ``postgres`` user can reach when the tests run as root; ``stop`` removes it."""

    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="qabot-pg-")))
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"postgresql://qabot@127.0.0.1:{self.port}/qabot"

    def _as_owner(self) -> dict[str, object]:
        """Run as the ``postgres`` user when the tests run as root: PostgreSQL refuses root."""
        if os.geteuid() != 0:
            return {}
        owner = pwd.getpwnam("postgres")
        return {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}

    def start(self) -> Postgres:
        binaries = _postgres_bin()
        self.port = self.port or free_port()
        data = self.directory / "data"
        data.mkdir(exist_ok=True)
        as_owner = self._as_owner()
        if as_owner:
            for path in (self.directory, data):
                os.chown(path, as_owner["user"], as_owner["group"])  # type: ignore[arg-type]
            self.directory.chmod(0o755)
        log = self.directory / "postgres.log"
        initialized = (data / "PG_VERSION").exists()
        with log.open("ab") as out:
            if not initialized:
                initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "qabot", "-A", "trust"]
                subprocess.run(initdb, check=True, stdout=out, stderr=out, **as_owner)  # type: ignore[arg-type]
            self.process = subprocess.Popen(
                [
                    str(binaries / "postgres"),
                    "-D",
                    str(data),
                    "-p",
                    str(self.port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"unix_socket_directories={self.directory}",
                    "-c",
                    "fsync=off",
                ],
                stdout=out,
                stderr=out,
                **as_owner,  # type: ignore[arg-type]
            )
        _wait_for_port(self.port, self.process, log)
        if not initialized:
            self._create_database()
        return self

    def _create_database(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(
                    f"postgresql://qabot@127.0.0.1:{self.port}/postgres", autocommit=True
                ) as connection:
                    connection.execute("CREATE DATABASE qabot")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop_keeping_files(self) -> None:
        """Stop the server (an outage); ``start`` brings it back on the same port."""
        _stop(self.process, signal.SIGINT)  # PostgreSQL's fast shutdown

    def stop(self) -> None:
        self.stop_keeping_files()
        shutil.rmtree(self.directory, ignore_errors=True)
