"""The review back office end to end through the API: a reviewer claims a submitted case, sees the
identity, the images and the automated checks, requests a resubmission for a blurred photo; the
subscriber reads the reason in their language, fixes the photo and submits again; the reviewer
approves and the line is registered. Every look at personal data is in the audit log, every
decision reaches the subscriber by e-mail and SMS through the outbox, and the figures appear in
the statistics and on /metrics. Also: rejection, masking for supervisors, release and renew."""

from __future__ import annotations

import time

import images
from client import Client
from helpers import accepted_upload, get_application, outbox, problem, submit
from review_support import audit_actions, claim, decide, reviewer, submitted_application

ZH_BLURRED = "图片模糊"


def lines_of(client) -> list[dict]:
    response = client.get("/api/v1/sims")
    assert response.status == 200, response.describe()
    return response.json["lines"]


def test_resubmission_then_approval(server, engine, tmp_path):
    subscriber, application = submitted_application(server, engine, tmp_path, locale="zh-CN")
    app_id = application["id"]
    [line] = lines_of(subscriber.client)
    member = reviewer(server, engine)
    client = member.client

    queue = client.get("/api/v1/review/queue", query={"limit": "200"})
    assert queue.status == 200, queue.describe()
    [summary] = [item for item in queue.json["items"] if item["id"] == app_id]
    assert summary["status"] == "submitted" and summary["claim"] is None and summary["overdue"] is False
    assert summary["full_name_masked"] != application["identity"]["full_name"]
    assert summary["document_number_masked"].endswith(application["identity"]["document_number"][-4:])
    assert summary["document_number_masked"].startswith("*" * 10)

    opened = claim(client, app_id)
    assert opened.status == 200, opened.describe()
    case = opened.json
    assert case["masked"] is False and case["status"] == "in_review"
    assert case["identity"] == application["identity"]
    assert case["claim"]["mine"] is True and case["claim"]["staff_id"] == member.id
    assert case["validation"] == {"valid": True, "errors": []}
    assert case["checks"]["cap"]["would_hold"] == 1 and case["checks"]["cap"]["exceeded"] is False
    assert case["checks"]["cross_field"]["applicable"] is True
    assert case["checks"]["cross_field"]["date_of_birth_matches"] is True
    assert {d["kind"] for d in case["documents"]} == {"id_front", "id_back", "selfie"}
    assert [l["id"] for l in case["lines"]] == [line["id"]]
    assert case["lines"][0]["msisdn_masked"].endswith(line["msisdn"][-4:])

    # The contract checker reads non-JSON bodies as text; a JPEG is checked here instead.
    image = client.get(f"/api/v1/review/cases/{app_id}/documents/selfie", contract_check=False)
    assert image.status == 200, image.describe()
    assert image.header("Content-Type") == "image/jpeg" and image.header("Cache-Control") == "no-store"
    assert image.body[:2] == b"\xff\xd8"
    unmasked = client.post(f"/api/v1/review/cases/{app_id}/unmask", {"fields": ["document_number", "full_name"]})
    assert unmasked.status == 200, unmasked.describe()
    assert unmasked.json["identity"]["document_number"] == application["identity"]["document_number"]

    renewed = client.post(f"/api/v1/review/cases/{app_id}/renew")
    assert renewed.status == 200, renewed.describe()

    # A supervisor who does not hold it sees it masked; another reviewer not at all.
    boss = reviewer(server, engine, ["reviewer", "supervisor"])
    masked = boss.client.get(f"/api/v1/review/cases/{app_id}")
    assert masked.status == 200, masked.describe()
    assert masked.json["masked"] is True
    assert masked.json["identity"]["document_number"] != application["identity"]["document_number"]
    other = reviewer(server, engine)
    problem(other.client.get(f"/api/v1/review/cases/{app_id}"), 409, "review.not_holder")
    problem(claim(other.client, app_id), 409, "review.claimed_by_other")
    problem(decide(other.client, app_id, "approve"), 409, "review.not_holder")

    problem(decide(client, app_id, "request_resubmission", ["document.forged"]), 422, "validation.failed")
    bad = decide(client, app_id, "request_resubmission", ["image.blurred", "no.such_reason"])
    assert ("/reasons/1", "reason.unknown") in bad.field_codes()
    asked = decide(client, app_id, "request_resubmission", ["image.blurred"], "请重新拍摄自拍照")
    assert asked.status == 200, asked.describe()
    assert asked.json["status"] == "resubmission_requested"
    assert asked.json["decision"]["reasons"][0]["code"] == "image.blurred"
    assert asked.json["decision"]["reviewer_id"] == member.id

    # The subscriber's view: the reason in their language, the line back to unregistered.
    mine = get_application(subscriber.client, app_id)
    assert mine["status"] == "resubmission_requested"
    [reason] = mine["decision"]["reasons"]
    assert reason["code"] == "image.blurred" and reason["severity"] == "fixable"
    assert reason["message"] and reason["hint"] and ZH_BLURRED in reason["message"] + reason["hint"]
    assert mine["decision"]["note"] == "请重新拍摄自拍照"
    assert lines_of(subscriber.client)[0]["status"] == "unregistered"
    templates = [m["template"] for m in outbox(engine, subscriber.email)]
    assert "application.resubmission_requested" in templates
    sms = [m for m in outbox(engine, line["msisdn"]) if m["template"] == "application.resubmission_requested"]
    assert len(sms) == 1 and sms[0]["channel"] == "sms"
    assert line["msisdn"] not in sms[0]["body"] and application["identity"]["full_name"] not in sms[0]["body"]

    # Fixed and submitted again: a second submission, reviewed afresh with the history.
    accepted_upload(subscriber.client, app_id, "selfie", images.good_jpeg("selfie"))
    again = submit(subscriber.client, app_id, True)
    assert again.status == 200, again.describe()
    assert again.json["submission_count"] == 2 and again.json["decision"] is None
    assert [d["outcome"] for d in again.json["previous_decisions"]] == ["resubmission_requested"]
    reopened = claim(client, app_id)
    assert reopened.status == 200, reopened.describe()
    assert reopened.json["submission_count"] == 2
    assert reopened.json["previous_decisions"][0]["reasons"][0]["code"] == "image.blurred"
    # Reason texts follow the reviewer's chosen language (read with their roles on every request).
    english = reopened.json["previous_decisions"][0]["reasons"][0]["message"]
    changed = client.patch("/api/v1/me", {"locale": "zh-CN"})
    assert changed.status == 200 and changed.json["locale"] == "zh-CN", changed.describe()
    in_chinese = client.get(f"/api/v1/review/cases/{app_id}")
    assert in_chinese.status == 200, in_chinese.describe()
    chinese = in_chinese.json["previous_decisions"][0]["reasons"][0]["message"]
    assert chinese != english and any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
    approved = decide(client, app_id, "approve")
    assert approved.status == 200, approved.describe()
    assert get_application(subscriber.client, app_id)["status"] == "approved"
    assert lines_of(subscriber.client)[0]["status"] == "registered"
    problem(decide(client, app_id, "approve"), 409, "review.not_holder")
    problem(claim(client, app_id), 409, "application.invalid_transition")
    assert [m["template"] for m in outbox(engine, line["msisdn"])].count("application.approved") == 1

    actions = audit_actions(engine, app_id)
    assert ("review.case_opened", member.id) in actions
    assert ("review.image_viewed", member.id) in actions
    assert actions.count(("review.field_unmasked", member.id)) == 2
    assert ("review.case_opened", boss.id) in actions
    assert actions.count(("review.decided", member.id)) == 2
    verified = engine.cli("audit", "verify")
    assert verified.returncode == 0, verified.describe()


def test_rejection_is_final_and_visible(server, engine, tmp_path):
    subscriber, application = submitted_application(server, engine, tmp_path)
    app_id = application["id"]
    member = reviewer(server, engine)
    assert claim(member.client, app_id).status == 200
    problem(decide(member.client, app_id, "reject", ["image.blurred"]), 422, "validation.failed")
    problem(decide(member.client, app_id, "approve", ["image.blurred"]), 422, "validation.failed")
    rejected = decide(member.client, app_id, "reject", ["document.forged"])
    assert rejected.status == 200, rejected.describe()
    mine = get_application(subscriber.client, app_id)
    assert mine["status"] == "rejected"
    assert mine["decision"]["reasons"][0]["severity"] == "final"
    assert mine["decision"]["reasons"][0]["message"]
    assert lines_of(subscriber.client)[0]["status"] == "unregistered"
    problem(submit(subscriber.client, app_id, True), 409, "application.not_editable")
    assert "application.rejected" in [m["template"] for m in outbox(engine, subscriber.email)]


def test_release_returns_the_case_and_reasons_are_listed(server, engine, tmp_path):
    _, application = submitted_application(server, engine, tmp_path)
    app_id = application["id"]
    member = reviewer(server, engine)
    assert claim(member.client, app_id).status == 200
    other = reviewer(server, engine)
    problem(other.client.post(f"/api/v1/review/cases/{app_id}/release"), 409, "review.not_holder")
    released = member.client.post(f"/api/v1/review/cases/{app_id}/release")
    assert released.status == 204, released.describe()
    assert claim(other.client, app_id).status == 200

    reasons = member.client.get("/api/v1/review/reasons")
    assert reasons.status == 200, reasons.describe()
    by_code = {r["code"]: r for r in reasons.json["reasons"]}
    assert by_code["document.forged"]["severity"] == "final"
    assert by_code["image.blurred"]["severity"] == "fixable"
    assert all(r["text"]["en"]["message"] and r["text"]["zh-CN"]["hint"] for r in reasons.json["reasons"])


def test_statistics_and_metrics(server, engine, tmp_path):
    _, application = submitted_application(server, engine, tmp_path)
    member = reviewer(server, engine)
    assert claim(member.client, application["id"]).status == 200
    assert decide(member.client, application["id"], "reject", ["identity.fraud_suspected"]).status == 200
    boss = reviewer(server, engine, ["supervisor"])
    stats = boss.client.get("/api/v1/review/stats")
    assert stats.status == 200, stats.describe()
    assert stats.json["time_to_decision_seconds"]["count"] >= 1
    assert any(r["reviewer_id"] == member.id and r["email"] == member.email
               for r in stats.json["decisions_per_reviewer"])
    assert any(m["reason"] == "identity.fraud_suspected" for m in stats.json["mix"])
    problem(member.client.get("/api/v1/review/stats"), 403, "auth.forbidden")
    reviewers = boss.client.get("/api/v1/review/reviewers")
    assert reviewers.status == 200 and member.id in [r["id"] for r in reviewers.json["items"]]

    deadline = time.monotonic() + 15
    while True:
        metrics = Client(server.base_url).get("/metrics").body.decode()
        if 'simreg_review_decisions_total{outcome="rejected",reason="identity.fraud_suspected"}' in metrics:
            break
        assert time.monotonic() < deadline, metrics[-2000:]
        time.sleep(0.5)
    for name in ("simreg_review_queue_depth", "simreg_review_due_today", "simreg_review_overdue",
                 'simreg_review_time_to_decision_seconds{quantile="0.5"}',
                 'simreg_review_time_to_decision_seconds{quantile="0.9"}'):
        assert name in metrics, name
