"""Fixtures of the black-box suite.

Every server-backed test runs once per engine (`sqlite`, `postgres`). The postgres run needs
SIMREG_TEST_PG_URL, an admin URL of a running server (`scripts/pg-test-server.sh start DIR`
prints one); without it those tests FAIL, they are never skipped silently. Each server gets a
fresh database (`CREATE DATABASE`).

Servers:
- `server` / `engine`: one shared demo server per engine for tests that cannot disturb each
  other (every test uses its own e-mail addresses and its own client source addresses).
- `server_factory`: fresh servers for tests that do interfere (expiry, throttling, crash, audit
  tamper, plaintext scan); stopped with SIGTERM at teardown, where exit code 0 is asserted.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from client import Client
from helpers import ROLES, new_staff, new_subscriber
from server import Engine, SimregServer

ENGINES = ("sqlite", "postgres")
PG_URL_ENV = "SIMREG_TEST_PG_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine",
        action="append",
        choices=ENGINES,
        help="run the server-backed tests only on this engine (repeatable; default: both)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine_name" in metafunc.fixturenames:
        engines = metafunc.config.getoption("--engine") or list(ENGINES)
        metafunc.parametrize("engine_name", engines, scope="session")


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where server data and logs go; SIMREG_TEST_ARTIFACTS keeps them (e.g. for CI uploads)."""
    configured = os.environ.get("SIMREG_TEST_ARTIFACTS")
    if configured:
        path = Path(configured) / f"run-{uuid.uuid4().hex[:8]}"
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("simreg-functional")


@pytest.fixture(scope="session")
def pg_admin_url(engine_name: str) -> str | None:
    if engine_name != "postgres":
        return None
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.fail(
            f"{PG_URL_ENV} is not set: the postgres engine needs the admin URL of a running "
            "PostgreSQL server (postgresql://postgres@127.0.0.1:PORT/postgres); start one with "
            "`scripts/pg-test-server.sh start DIR`, or run only sqlite with `--engine sqlite`.",
            pytrace=False,
        )
    return url


@pytest.fixture(scope="session")
def web_root(artifacts_dir: Path) -> Path:
    root = artifacts_dir / "web-root"
    root.mkdir(exist_ok=True)
    (root / "index.html").write_text(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>simreg</title></head>"
        "<body><div id=\"app\">simreg functional test page</div></body></html>\n",
        encoding="utf-8",
    )
    return root


class ServerFactory:
    """Starts servers (each on fresh data unless an engine is given) and stops them all."""

    def __init__(self, engine_name: str, pg_admin_url: str | None, base: Path, web_root: Path):
        self.engine_name = engine_name
        self.pg_admin_url = pg_admin_url
        self.base = base
        self.web_root = web_root
        self.servers: list[SimregServer] = []
        self.engines: list[Engine] = []

    def new_engine(self) -> Engine:
        engine = Engine.create(self.engine_name, self.base / f"data-{uuid.uuid4().hex[:8]}", self.pg_admin_url)
        self.engines.append(engine)
        return engine

    def start(self, *extra_args: str, engine: Engine | None = None, demo: bool = True,
              web: bool = True) -> SimregServer:
        engine = engine or self.new_engine()
        args = list(extra_args)
        if web:
            args += ["--web-root", str(self.web_root)]
        server = SimregServer(engine, engine.data_dir.parent / (engine.data_dir.name + "-logs"), args, demo)
        self.servers.append(server)
        server.start()
        return server

    def finish(self) -> None:
        failures = []
        for server in self.servers:
            if server.process is None:
                continue
            code = server.stop()
            if code != 0:
                failures.append(f"{' '.join(server.argv())}: exit {code}\n{server.stderr_text()[-2000:]}")
        for engine in self.engines:
            engine.drop()
        if failures:
            pytest.fail("server did not exit 0 on SIGTERM:\n" + "\n".join(failures), pytrace=False)


@pytest.fixture(scope="session")
def _shared(engine_name: str, pg_admin_url: str | None, artifacts_dir: Path, web_root: Path):
    factory = ServerFactory(engine_name, pg_admin_url, artifacts_dir / f"shared-{engine_name}", web_root)
    server = factory.start()
    yield server
    factory.finish()


@pytest.fixture(scope="module")
def callers(_shared: SimregServer) -> dict:
    """A signed-in client per kind of caller on the shared server: anonymous, a subscriber, and one
    staff member per role (the authorization matrices)."""
    clients = {"anonymous": Client(_shared.base_url), "subscriber": new_subscriber(_shared, _shared.engine).client}
    for role in ROLES:
        clients[role] = new_staff(_shared, _shared.engine, [role]).client
    return clients


@pytest.fixture
def server(_shared: SimregServer) -> SimregServer:
    assert _shared.running, "the shared server died:\n" + _shared.stderr_text()[-3000:]
    return _shared


@pytest.fixture
def engine(server: SimregServer) -> Engine:
    return server.engine


@pytest.fixture
def server_factory(engine_name: str, pg_admin_url: str | None, tmp_path: Path, web_root: Path):
    factory = ServerFactory(engine_name, pg_admin_url, tmp_path, web_root)
    yield factory
    factory.finish()


@pytest.fixture(scope="module")
def module_server_factory(engine_name: str, pg_admin_url: str | None,
                          tmp_path_factory: pytest.TempPathFactory, web_root: Path):
    factory = ServerFactory(engine_name, pg_admin_url, tmp_path_factory.mktemp(f"module-{engine_name}"), web_root)
    yield factory
    factory.finish()




@pytest.hookimpl(hookwrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]):
    """Runs every test of one engine before the other, in file order. pytest's own reordering for
    scoped parameters interleaves engines and modules when tests carry further parameters, which
    would restart the shared server and rebuild module fixtures over and over."""
    original = {id(item): index for index, item in enumerate(items)}
    yield
    rank = {name: index for index, name in enumerate(ENGINES)}

    def key(item: pytest.Item) -> tuple[int, int]:
        callspec = getattr(item, "callspec", None)
        engine = callspec.params.get("engine_name") if callspec else None
        return (-1 if engine is None else rank[engine], original[id(item)])

    items.sort(key=key)
