"""kill -9 while reviewers decide. A decision is one transaction with all of its effects: the
application's status, the decision row, the lines' statuses, the e-mail and SMS in the outbox, the
webhook event and the audit entry. So after the crash every decision that was answered 200 is there
with every effect, and every other case is either decided with every effect or untouched: nothing
is half-written. The audit chain still verifies after the restart."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor

from client import Client
from helpers import outbox
from review_support import claim, decide, reviewer, submitted_application

CASES = 24  # each held by its own reviewer: a reviewer holds one case at a time
DECIDING_AT_ONCE = 8
KILL_AFTER = 4  # decisions answered before the kill: most are still queued or in flight then

OUTCOMES = {
    "approve": ("approved", [], "registered"),
    "request_resubmission": ("resubmission_requested", ["image.blurred"], "unregistered"),
}


def choice_for(index: int) -> str:
    return "approve" if index % 2 == 0 else "request_resubmission"


def count(engine, statement: str) -> int:
    return int(engine.sql(statement)[0][0])


def test_decisions_survive_kill_9_whole_or_not_at_all(server_factory, tmp_path):
    server = server_factory.start("--workers", "8")
    engine = server.engine
    # A listener for decisions, so each decision also writes its webhook event. Nothing answers at
    # this address; deliveries stay pending, which is all this test needs.
    added = engine.cli("webhooks", "add", "http://127.0.0.1:9/hooks", "--events", "application.decided")
    assert added.returncode == 0, added.describe()

    with ThreadPoolExecutor(4) as pool:
        seeded = list(pool.map(lambda i: submitted_application(server, engine, tmp_path), range(CASES)))
        members = list(pool.map(lambda i: reviewer(server, engine), range(CASES)))
    cases = [(subscriber, application["id"], choice_for(index))
             for index, (subscriber, application) in enumerate(seeded)]
    # Read now: after the restart the subscribers' clients point at a server that is gone.
    lines_of = {case_id: subscriber.client.get("/api/v1/sims").json["lines"] for subscriber, case_id, _ in cases}
    # Every case is claimed first, so the kill lands among decisions.
    for member, (_, case_id, _) in zip(members, cases):
        taken = claim(member.client, case_id)
        assert taken.status == 200, taken.describe()

    acknowledged: set[str] = set()
    refused: list[str] = []
    completed = threading.Semaphore(0)
    lock = threading.Lock()

    def decide_case(index: int) -> None:
        _, case_id, choice = cases[index]
        _, reasons, _ = OUTCOMES[choice]
        try:
            response = decide(members[index].client, case_id, choice, reasons)
        except (OSError, http.client.HTTPException, AssertionError):
            return  # the server died under this request: no promise was made
        finally:
            completed.release()
        with lock:
            if response.status == 200:
                acknowledged.add(case_id)
            else:
                refused.append(response.describe())

    with ThreadPoolExecutor(DECIDING_AT_ONCE) as pool:
        for index in range(CASES):
            pool.submit(decide_case, index)
        for _ in range(KILL_AFTER):
            completed.acquire(timeout=60)
        server.kill()
    assert not refused, refused
    assert acknowledged, "no decision was acknowledged before the kill"
    assert len(acknowledged) < CASES, "the kill came after every decision; nothing was in flight"

    restarted = server_factory.start(engine=engine)
    assert Client(restarted.base_url).get("/readyz").status == 200
    decided_events = [json.loads(str(row[0]))["data"]
                      for row in engine.sql("SELECT body FROM webhook_events WHERE type = 'application.decided'")]
    decided_whole = 0
    for subscriber, case_id, choice in cases:
        status, reasons, line_status = OUTCOMES[choice]
        decisions = count(engine, f"SELECT COUNT(*) FROM application_decisions WHERE application_id = '{case_id}'")
        stored_status = str(engine.sql(f"SELECT status FROM applications WHERE id = '{case_id}'")[0][0])
        audited = count(engine, f"SELECT COUNT(*) FROM audit_log WHERE target_id = '{case_id}' "
                                "AND action = 'review.decided'")
        events = [event for event in decided_events if event["application_id"] == case_id]
        mails = [m for m in outbox(engine, subscriber.email) if m["template"] == f"application.{status}"]
        lines = lines_of[case_id]
        line_statuses = [str(engine.sql(f"SELECT status FROM sim_lines WHERE id = '{line['id']}'")[0][0])
                         for line in lines]
        sms = [m for line in lines for m in outbox(engine, line["msisdn"])
               if m["template"] == f"application.{status}"]
        if case_id in acknowledged:
            assert decisions == 1, f"{case_id}: acknowledged, but its decision row is gone"
        if decisions == 1:
            decided_whole += 1
            assert stored_status == status, (case_id, stored_status)
            assert line_statuses == [line_status] * len(lines), (case_id, line_statuses)
            assert len(mails) == 1 and len(sms) == len(lines), (case_id, mails, sms)
            assert len(events) == 1 and events[0]["outcome"] == status, (case_id, events)
            assert audited == 1, case_id
        else:
            assert decisions == 0, (case_id, decisions)
            assert stored_status == "in_review", (case_id, stored_status)
            assert line_statuses == ["pending"] * len(lines), (case_id, line_statuses)
            assert not mails and not sms and not events and audited == 0, (case_id, mails, sms, events, audited)
    assert decided_whole >= len(acknowledged)

    verified = engine.cli("audit", "verify")
    assert verified.returncode == 0, verified.describe()
