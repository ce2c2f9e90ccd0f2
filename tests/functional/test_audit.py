"""The tamper-evident audit log: `simreg audit verify` passes after real activity and names the
first bad entry after an UPDATE or a DELETE made behind the server's back."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from client import Client
from helpers import log_in, new_staff, new_subscriber, strong_password, unique_email


def mentions(output: str, *numbers: int) -> bool:
    return any(re.search(rf"(?<![0-9]){n}(?![0-9])", output) for n in numbers)


def test_audit_verify_detects_update_and_delete(server_factory):
    server = server_factory.start()
    engine = server.engine
    subscriber = new_subscriber(server, engine)
    assert log_in(Client(server.base_url), subscriber.email, strong_password()).status == 401
    assert log_in(Client(server.base_url), unique_email(), strong_password()).status == 401
    assert subscriber.client.post("/api/v1/auth/logout").status == 204
    admin = new_staff(server, engine, ["admin"])
    assert admin.client.post("/api/v1/admin/staff", {"email": unique_email("staff"),
                                                      "roles": ["reviewer"]}).status == 201
    new_subscriber(server, engine)

    running = engine.cli("audit", "verify")
    assert running.returncode == 0, "verify while the server runs: " + running.describe()
    assert server.stop() == 0
    intact = engine.cli("audit", "verify")
    assert intact.returncode == 0, intact.describe()

    rows = engine.sql("SELECT seq, action FROM audit_log ORDER BY seq")
    assert len(rows) >= 6, f"expected the activity to be audited, found {len(rows)} entries"
    actions = {str(action) for _, action in rows}
    assert len(actions) >= 3, f"few distinct audited actions: {sorted(actions)}"

    # 1. Change one entry's action.
    seq, action = int(rows[len(rows) // 2][0]), str(rows[len(rows) // 2][1])
    engine.sql(f"UPDATE audit_log SET action = 'auth.nothing_happened' WHERE seq = {seq}")
    tampered = engine.cli("audit", "verify")
    assert tampered.returncode != 0, "an edited entry went unnoticed: " + tampered.describe()
    assert mentions(tampered.output, seq), f"the report does not name entry {seq}: {tampered.describe()}"

    # Put it back: the log verifies again (the check is about content, not a sticky flag).
    engine.sql(f"UPDATE audit_log SET action = '{action}' WHERE seq = {seq}")
    restored = engine.cli("audit", "verify")
    assert restored.returncode == 0, restored.describe()

    # 2. Delete one entry.
    gone = int(rows[len(rows) // 3][0])
    engine.sql(f"DELETE FROM audit_log WHERE seq = {gone}")
    deleted = engine.cli("audit", "verify")
    assert deleted.returncode != 0, "a deleted entry went unnoticed: " + deleted.describe()
    assert mentions(deleted.output, gone, gone + 1), f"the report does not name entry {gone}: {deleted.describe()}"


def test_audit_verify_detects_a_truncated_tail(server_factory):
    server = server_factory.start()
    engine = server.engine
    for _ in range(2):
        new_subscriber(server, engine)
    assert server.stop() == 0
    last = int(engine.sql("SELECT MAX(seq) FROM audit_log")[0][0])
    engine.sql(f"DELETE FROM audit_log WHERE seq = {last}")
    result = engine.cli("audit", "verify")
    assert result.returncode != 0, "removing the newest entry went unnoticed: " + result.describe()
    assert mentions(result.output, last), result.describe()


# -- signing key rotation -----------------------------------------------------------------------
def key_id(public_key: bytes) -> str:
    """crypto::Keyring::key_id_of: the first 8 bytes of BLAKE2b-256 of the public key, in hex."""
    return hashlib.blake2b(public_key, digest_size=32).digest()[:8].hex()


def rewrite_keyring(path: Path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    os.chmod(path, 0o600)


def rotate_signing_key(document: dict) -> None:
    """What a signing-key rotation does to the keyring file: a new Ed25519 pair signs from now on
    and the old public key joins `retired_signing_public_keys` (its secret half is dropped)."""
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    document.setdefault("retired_signing_public_keys", []).append(document["signing"]["public_key"])
    document["signing"] = {"secret_key": base64.b64encode(seed + public).decode(),
                           "public_key": base64.b64encode(public).decode()}


def signing_public_key(path: Path) -> bytes:
    return base64.b64decode(json.loads(path.read_text())["signing"]["public_key"])


def test_audit_verify_after_the_signing_key_was_rotated(server_factory):
    first = server_factory.start()
    engine = first.engine
    keyring = engine.data_dir / "keyring.json"
    new_subscriber(first, engine)
    assert first.stop() == 0  # writes a checkpoint at shutdown, signed by the first key
    old_key = signing_public_key(keyring)

    rewrite_keyring(keyring, rotate_signing_key)
    new_key = signing_public_key(keyring)
    second = server_factory.start(engine=engine)
    new_subscriber(second, engine)
    assert second.stop() == 0  # a checkpoint signed by the new key

    signers = {str(row[0]) for row in engine.sql("SELECT DISTINCT key_id FROM audit_checkpoints")}
    assert signers == {key_id(old_key), key_id(new_key)}, signers
    verified = engine.cli("audit", "verify")
    assert verified.returncode == 0, "old checkpoints stopped verifying after a rotation: " + verified.describe()
    checkpoints = int(engine.sql("SELECT COUNT(*) FROM audit_checkpoints")[0][0])
    assert f"{checkpoints} signed checkpoints verified" in verified.stdout, verified.describe()

    # A keyring that lost the retired public key cannot vouch for the old checkpoints.
    rewrite_keyring(keyring, lambda document: document.pop("retired_signing_public_keys"))
    unknown = engine.cli("audit", "verify")
    assert unknown.returncode != 0, "a checkpoint by an unknown key passed: " + unknown.describe()
    assert key_id(old_key) in unknown.output and "never held" in unknown.output, unknown.describe()
