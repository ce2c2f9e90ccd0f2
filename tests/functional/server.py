"""Runs the real `simreg` binary for the functional tests.

`Engine` owns where the data lives (an SQLite file in the data directory, or a fresh PostgreSQL
database created on the server named by SIMREG_TEST_PG_URL). `SimregServer` starts
`simreg serve --listen 127.0.0.1:0 --demo ...`, waits for the `simreg listening on URL` line,
keeps stdout/stderr in files (the logs are scanned for personal data), and stops it with SIGTERM.
`Engine.cli()` runs the other sub-commands (outbox list, staff add, audit verify) on the same data.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
LISTENING_LINE = re.compile(r"simreg listening on (http://127\.0\.0\.1:(\d+))")
START_TIMEOUT_SECONDS = 30
STOP_TIMEOUT_SECONDS = 20
CLI_TIMEOUT_SECONDS = 60


def simreg_binary() -> Path:
    return Path(os.environ.get("SIMREG_BIN", REPO_ROOT / "build" / "simreg"))


def psql(url: str, sql: str, timeout: float = 30) -> str:
    """Runs one statement with psql and returns its unaligned, tuples-only output."""
    result = subprocess.run(
        ["psql", url, "-X", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def database_url(admin_url: str, database: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


@dataclass
class CliResult:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return f"simreg {' '.join(self.args)} -> exit {self.returncode}\nstdout: {self.stdout}\nstderr: {self.stderr}"


@dataclass
class Engine:
    """One place where a simreg deployment keeps its data."""

    name: str  # "sqlite" | "postgres"
    data_dir: Path
    database_url: str | None = None  # postgres only
    database_name: str | None = None
    admin_url: str | None = None
    log_files: list[Path] = field(default_factory=list)

    @classmethod
    def create(cls, name: str, data_dir: Path, admin_url: str | None) -> "Engine":
        data_dir.mkdir(parents=True, exist_ok=True)
        if name == "sqlite":
            return cls(name, data_dir)
        assert admin_url, "postgres engine needs SIMREG_TEST_PG_URL"
        database = f"simreg_ft_{uuid.uuid4().hex[:16]}"
        psql(admin_url, f'CREATE DATABASE "{database}"')
        return cls(name, data_dir, database_url(admin_url, database), database, admin_url)

    def drop(self) -> None:
        if self.name == "postgres" and self.admin_url and self.database_name:
            try:
                psql(self.admin_url, f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
            except (RuntimeError, subprocess.TimeoutExpired):
                pass  # leaving a scratch database behind must not fail the run

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "simreg.db"

    def common_args(self) -> list[str]:
        args = ["--data-dir", str(self.data_dir)]
        if self.database_url:
            args += ["--database-url", self.database_url]
        return args

    def cli(self, *args: str, timeout: float = CLI_TIMEOUT_SECONDS) -> CliResult:
        argv = list(args) + self.common_args()
        result = subprocess.run(
            [str(simreg_binary()), *argv], capture_output=True, text=True, timeout=timeout, env=_child_env()
        )
        return CliResult(argv, result.returncode, result.stdout, result.stderr)

    def sql(self, statement: str) -> list[tuple]:
        """Runs SQL directly on the deployment's database (tamper tests)."""
        if self.name == "sqlite":
            import sqlite3

            connection = sqlite3.connect(self.sqlite_file, timeout=10)
            try:
                cursor = connection.execute(statement)
                rows = cursor.fetchall()
                connection.commit()
                return rows
            finally:
                connection.close()
        output = psql(self.database_url or "", statement)
        return [tuple(line.split("|")) for line in output.splitlines() if line]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The tests pass everything on the command line; stray SIMREG_* settings of the caller's shell
    # (SIMREG_BIN and SIMREG_TEST_* are ours) must not change the server under test.
    for key in list(env):
        if key.startswith("SIMREG_") and not key.startswith("SIMREG_TEST_") and key != "SIMREG_BIN":
            del env[key]
    return env


class SimregServer:
    def __init__(self, engine: Engine, log_dir: Path, extra_args: list[str] | None = None, demo: bool = True):
        self.engine = engine
        self.log_dir = log_dir
        self.extra_args = list(extra_args or [])
        self.demo = demo
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = ""
        self.port = 0
        self.stdout_path: Path | None = None
        self.stderr_path: Path | None = None
        self._stdout_thread: threading.Thread | None = None
        self.exit_code: int | None = None
        self.starts = 0

    def argv(self) -> list[str]:
        argv = [str(simreg_binary()), "serve", "--listen", "127.0.0.1:0", *self.engine.common_args()]
        if self.demo:
            argv.append("--demo")
        return argv + self.extra_args

    def start(self) -> "SimregServer":
        binary = simreg_binary()
        if not binary.exists():
            raise RuntimeError(f"simreg binary not found at {binary} (build it, or set SIMREG_BIN)")
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.stdout_path = self.log_dir / f"server-{self.starts}.stdout.log"
        self.stderr_path = self.log_dir / f"server-{self.starts}.stderr.log"
        self.engine.log_files += [self.stdout_path, self.stderr_path]
        stderr_file = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(
            self.argv(), stdout=subprocess.PIPE, stderr=stderr_file, stdin=subprocess.DEVNULL, env=_child_env()
        )
        stderr_file.close()
        found: dict[str, str] = {}
        ready = threading.Event()
        stdout_path = self.stdout_path
        process = self.process

        def pump() -> None:
            assert process.stdout is not None
            with open(stdout_path, "wb") as sink:
                for line in iter(process.stdout.readline, b""):
                    sink.write(line)
                    sink.flush()
                    if not ready.is_set():
                        match = LISTENING_LINE.search(line.decode("utf-8", "replace"))
                        if match:
                            found["url"], found["port"] = match.group(1), match.group(2)
                            ready.set()
            ready.set()

        self._stdout_thread = threading.Thread(target=pump, daemon=True)
        self._stdout_thread.start()
        if not ready.wait(START_TIMEOUT_SECONDS) or "url" not in found:
            code = self.process.poll()
            self.kill()
            raise RuntimeError(
                f"simreg serve did not print its listening line (exit {code}).\n"
                f"argv: {' '.join(self.argv())}\nstderr: {self.stderr_text()[-3000:]}"
            )
        self.base_url = found["url"]
        self.port = int(found["port"])
        return self

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit code."""
        if self.process is None:
            return self.exit_code if self.exit_code is not None else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            self.exit_code = self.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.exit_code = -999  # did not stop within the time limit
        self._finish()
        return self.exit_code

    def kill(self) -> None:
        """SIGKILL (crash simulation)."""
        if self.process is None:
            return
        self.process.kill()
        self.exit_code = self.process.wait()
        self._finish()

    def _finish(self) -> None:
        if self._stdout_thread is not None:
            self._stdout_thread.join(5)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stderr_text(self) -> str:
        parts = []
        for path in (self.stdout_path, self.stderr_path):
            if path and path.exists():
                parts.append(path.read_text("utf-8", "replace"))
        return "\n".join(parts)

