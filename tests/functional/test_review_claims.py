"""Claiming under load and over time, each on a fresh server so the queue holds only these cases:
50 reviewers (each their own staff account and session) press "next" at once and no case is
handed out twice and none is skipped; a lapsed lease (`--review-lease-seconds 2`) returns the case
to the queue; a flagged case cannot be approved by one person (four-eyes)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from helpers import problem, valid_identity
from review_support import claim, decide, next_case, reviewer, submitted_application

REVIEWERS = 50
CASES = 20


def test_fifty_reviewers_press_next_at_once(server_factory, tmp_path):
    server = server_factory.start("--workers", "16")
    engine = server.engine
    with ThreadPoolExecutor(4) as pool:
        cases = list(pool.map(lambda i: submitted_application(server, engine, tmp_path)[1]["id"], range(CASES)))
        members = list(pool.map(lambda i: reviewer(server, engine), range(REVIEWERS)))
    barrier = threading.Barrier(REVIEWERS)
    results: list = [None] * REVIEWERS

    def press(index: int) -> None:
        barrier.wait()
        results[index] = next_case(members[index].client)

    threads = [threading.Thread(target=press, args=(i,)) for i in range(REVIEWERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.status in (200, 204) for r in results), [r.describe() for r in results if r.status not in (200, 204)]
    handed = [r.json["id"] for r in results if r.status == 200]
    assert len(handed) == len(set(handed)), "a case was handed to two reviewers"
    assert sorted(handed) == sorted(cases), "a claimable case was skipped"
    holders = {r.json["id"]: r.json["claim"]["staff_id"] for r in results if r.status == 200}
    assert len(set(holders.values())) == CASES
    queue = members[0].client.get("/api/v1/review/queue")
    assert queue.json["counts"]["claimed"] == CASES


def test_a_lapsed_lease_returns_the_case(server_factory, tmp_path):
    server = server_factory.start("--review-lease-seconds", "2")
    engine = server.engine
    _, application = submitted_application(server, engine, tmp_path)
    first, second = reviewer(server, engine), reviewer(server, engine)
    taken = next_case(first.client)
    assert taken.status == 200 and taken.json["id"] == application["id"]
    assert next_case(second.client).status == 204
    time.sleep(2.5)
    retaken = next_case(second.client)
    assert retaken.status == 200, retaken.describe()
    assert retaken.json["id"] == application["id"] and retaken.json["claim"]["staff_id"] == second.id
    problem(decide(first.client, application["id"], "approve"), 409, "review.not_holder")
    problem(first.client.post(f"/api/v1/review/cases/{application['id']}/renew"), 409, "review.not_holder")
    # The server's own sweep hands a lapsed case back without anyone asking (actor system).
    deadline = time.monotonic() + 15
    while True:
        history = [h for h in second.client.get("/api/v1/review/queue").json["items"]
                   if h["id"] == application["id"]]
        if history and history[0]["status"] == "submitted":
            break
        assert time.monotonic() < deadline, history
        time.sleep(0.5)


def test_flagged_cases_need_a_supervisor_after_escalation(server_factory, tmp_path):
    server = server_factory.start()
    engine = server.engine
    identity = valid_identity()
    _, first = submitted_application(server, engine, tmp_path, identity)
    _, duplicate = submitted_application(server, engine, tmp_path, identity)  # another person, same number
    member = reviewer(server, engine)
    opened = claim(member.client, duplicate["id"])
    assert opened.status == 200, opened.describe()
    assert "duplicate_document" in opened.json["flags"]
    assert first["id"] in [d["application_id"] for d in opened.json["checks"]["duplicates"]]
    flagged = member.client.get("/api/v1/review/queue", query={"flagged": "true"})
    assert duplicate["id"] in [item["id"] for item in flagged.json["items"]]
    problem(decide(member.client, duplicate["id"], "approve"), 409, "review.four_eyes_required")

    escalated = member.client.post(f"/api/v1/review/cases/{duplicate['id']}/escalate", {"note": "same number"})
    assert escalated.status == 200, escalated.describe()
    assert escalated.json["escalated"] is True and escalated.json["claim"] is None
    # Reviewers never get it; a supervisor does, and may approve.
    other = reviewer(server, engine)
    got = next_case(other.client)
    assert got.status == 200 and got.json["id"] == first["id"]
    assert other.client.post(f"/api/v1/review/cases/{first['id']}/release").status == 204
    problem(claim(other.client, duplicate["id"]), 403, "review.supervisor_only")
    boss = reviewer(server, engine, ["reviewer", "supervisor"])
    taken = next_case(boss.client, {})
    assert taken.status == 200 and taken.json["id"] in (first["id"], duplicate["id"])
    if taken.json["id"] != duplicate["id"]:
        assert claim(boss.client, duplicate["id"]).status == 200
    assert taken.json["escalation"] is None or taken.json["escalation"]["note"] == "same number"
    approved = decide(boss.client, duplicate["id"], "approve")
    assert approved.status == 200, approved.describe()

    # A supervisor reassigns: to an eligible reviewer, never to someone without the role.
    support = reviewer(server, engine, ["support"])
    problem(boss.client.post(f"/api/v1/review/cases/{first['id']}/reassign", {"staff_id": support.id}),
            422, "validation.failed")
    moved = boss.client.post(f"/api/v1/review/cases/{first['id']}/reassign", {"staff_id": other.id})
    assert moved.status == 200, moved.describe()
    assert moved.json["claim"]["staff_id"] == other.id
    assert other.client.get(f"/api/v1/review/cases/{first['id']}").json["masked"] is False
    back = boss.client.post(f"/api/v1/review/cases/{first['id']}/reassign", {"staff_id": None})
    assert back.status == 200 and back.json["status"] == "submitted" and back.json["claim"] is None
