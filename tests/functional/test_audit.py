"""The tamper-evident audit log: `simreg audit verify` passes after real activity and names the
first bad entry after an UPDATE or a DELETE made behind the server's back."""

from __future__ import annotations

import re

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
