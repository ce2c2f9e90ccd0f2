"""No personal data in plaintext: after sign-ups, sign-ins, resets and staff activity, neither the
database files (SQLite file, -wal, -shm; for PostgreSQL a pg_dump of the database) nor anything
else in the data directory nor the server's logs contain any e-mail address or password used."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from client import Client
from helpers import (log_in, new_staff, new_subscriber, reset_code, sign_up, staff_log_in, strong_password,
                     unique_email)


def needles(secrets: list[str]) -> list[bytes]:
    found = set()
    for secret in secrets:
        for variant in (secret, secret.lower(), secret.upper(), secret.replace("@", "%40")):
            found.add(variant.encode("utf-8"))
            found.add(variant.encode("utf-16-le"))
    return sorted(found)


def scan(paths: list[Path], secrets: list[str]) -> list[str]:
    hits = []
    patterns = needles(secrets)
    for path in paths:
        if not path.is_file():
            continue
        data = path.read_bytes()
        for pattern in patterns:
            if pattern in data:
                hits.append(f"{path.name}: {pattern[:60]!r}")
    return hits


def files_under(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


def test_no_plaintext_personal_data_on_disk_or_in_logs(server_factory, tmp_path):
    server = server_factory.start("--log-level", "debug")
    engine = server.engine
    secrets: list[str] = []

    subscribers = [new_subscriber(server, engine) for _ in range(3)]
    for subscriber in subscribers:
        secrets += [subscriber.email, subscriber.password]
    # Unverified, failed sign-ins, duplicate sign-up, unknown e-mail, password reset.
    pending_email, pending_password = unique_email(), strong_password()
    assert sign_up(Client(server.base_url), pending_email, pending_password).status == 201
    wrong_password, unknown_email = strong_password(), unique_email()
    assert log_in(Client(server.base_url), subscribers[0].email, wrong_password).status == 401
    assert log_in(Client(server.base_url), unknown_email, wrong_password).status == 401
    duplicate_password = strong_password()
    assert sign_up(Client(server.base_url), subscribers[1].email, duplicate_password).status == 201
    client = Client(server.base_url)
    assert client.post("/api/v1/auth/password-reset", {"email": subscribers[2].email}).status == 202
    reset_password = strong_password()
    assert client.post("/api/v1/auth/password-reset/confirm", {
        "email": subscribers[2].email, "code": reset_code(engine, subscribers[2].email),
        "new_password": reset_password}).status == 200
    secrets += [pending_email, pending_password, wrong_password, unknown_email, duplicate_password, reset_password]
    # Staff: created, enrolled, signed in.
    member = new_staff(server, engine, ["reviewer"])
    assert staff_log_in(Client(server.base_url), member).status == 200
    secrets += [member.email, member.one_time_password, member.password]
    # Metrics must not carry them either.
    metrics = Client(server.base_url).get("/metrics").body
    assert not [s for s in secrets if s.encode() in metrics]

    # While running: copy the SQLite files as they are (WAL content before any checkpoint).
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for path in files_under(engine.data_dir):
        shutil.copy(path, snapshot / path.name)
    assert server.stop() == 0, server.stderr_text()[-2000:]

    paths = files_under(engine.data_dir) + files_under(snapshot) + engine.log_files
    if engine.name == "sqlite":
        names = {p.name for p in files_under(snapshot)}
        assert "simreg.db" in names, f"expected the SQLite file in the data dir, found {sorted(names)}"
    else:
        dump = tmp_path / "pg_dump.sql"
        result = subprocess.run(["pg_dump", "--no-owner", "--data-only", "-f", str(dump), engine.database_url],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        paths.append(dump)
    hits = scan(paths, secrets)
    assert not hits, "plaintext personal data found:\n" + "\n".join(hits)
