"""`simreg keyring status|rotate-data-key|rotate-signing-key`: ids only on the terminal, the file
rewritten with mode 0600, and after a restart old data still opens, new data is sealed with the new
key, and old audit checkpoints still verify."""

from __future__ import annotations

import json
import os
import stat
import subprocess

from client import Client
from server import simreg_binary
from helpers import log_in, new_subscriber


def keyring_json(engine, *command: str) -> dict:
    result = engine.cli("keyring", *command, "--json")
    assert result.returncode == 0, result.describe()
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_rotations_keep_old_data_readable_and_checkpoints_verifiable(server_factory):
    first = server_factory.start()
    engine = first.engine
    keyring_file = engine.data_dir / "keyring.json"
    before = new_subscriber(first, engine)
    assert first.stop() == 0

    status = keyring_json(engine, "status")
    assert status["active_data_key"] == 1 and status["data_keys"] == [1]
    assert status["retired_signing_key_ids"] == []
    secrets = json.loads(keyring_file.read_text())
    printed = engine.cli("keyring", "status")
    assert printed.returncode == 0, printed.describe()
    for key in secrets["data_keys"]:
        assert key["key"] not in printed.output
    assert secrets["signing"]["secret_key"] not in printed.output

    rotated = keyring_json(engine, "rotate-data-key")
    assert rotated["active_data_key"] == 2 and rotated["data_keys"] == [1, 2]
    signed = keyring_json(engine, "rotate-signing-key")
    assert signed["signing_key_id"] != status["signing_key_id"]
    assert signed["retired_signing_key_ids"] == [status["signing_key_id"]]
    assert stat.S_IMODE(keyring_file.stat().st_mode) == 0o600

    second = server_factory.start(engine=engine)
    # Data sealed under key 1 still opens: the earlier subscriber signs in (their e-mail is sealed).
    assert log_in(Client(second.base_url), before.email, before.password).status == 200
    after = new_subscriber(second, engine)
    assert after.client.get("/api/v1/me").status == 200
    assert second.stop() == 0

    verified = engine.cli("audit", "verify")
    assert verified.returncode == 0, verified.describe()


def test_an_injected_keyring_is_not_rotated_here(server_factory):
    server = server_factory.start()
    engine = server.engine
    document = (engine.data_dir / "keyring.json").read_text()
    env = {key: value for key, value in os.environ.items() if not key.startswith("SIMREG_")}
    env["SIMREG_KEYRING"] = document
    refused = subprocess.run([str(simreg_binary()), "keyring", "rotate-data-key", *engine.common_args()],
                             capture_output=True, text=True, timeout=60, env=env)
    assert refused.returncode == 1 and "keyring.injected" in refused.stderr, refused
    assert (engine.data_dir / "keyring.json").read_text() == document
