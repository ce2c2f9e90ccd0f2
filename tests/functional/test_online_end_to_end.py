"""Issue 4's "done when", through the API alone on each engine: a new subscriber signs up, links a
line, submits; a reviewer takes the case, looks at it and requests a resubmission for a blurred
photo; the subscriber reads the reason, replaces the photo and resubmits; the reviewer approves and
the line is registered. The decisions reach the subscriber by e-mail (a real SMTP server on
loopback) and by SMS (the outbox); a webhook receiver that fails twice gets every event, signed,
with the same event id on each retry; every look at personal data is in the audit log and
`simreg audit verify` is clean."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import images
from helpers import accepted_upload, draft_with_identity, get_application, new_staff, outbox, submit
from review_support import unique_identity
from test_smtp_delivery import Sink, smtp_sink  # noqa: F401  (the loopback SMTP server fixture)

WEBHOOK_SECRET = "whsec-end-to-end-0123456789abcdef"
EVENTS = ["application.submitted", "application.decided", "sim.status_changed"]


class WebhookReceiver:
    """A carrier system on loopback: answers 500 to the first `failures` requests, then 204."""

    def __init__(self, failures: int):
        self.failures = failures
        self.requests: list[dict] = []
        self.lock = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.requests.append({"headers": dict(self.headers), "body": body})
                    failing = len(receiver.requests) <= receiver.failures
                    receiver.lock.notify_all()
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/simreg"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_until(self, predicate, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self.lock:
            while not predicate(self.requests):
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"webhook receiver: {what} did not happen within {timeout}s " \
                                      f"({len(self.requests)} requests)"
                self.lock.wait(remaining)

    def close(self):
        self.server.shutdown()


def event_of(request: dict) -> dict:
    return json.loads(request["body"])


def signature_valid(request: dict, secret: str) -> bool:
    header = request["headers"].get("Simreg-Signature", "")
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    expected = hmac.new(secret.encode(), f"{parts.get('t', '')}.".encode() + request["body"], hashlib.sha256)
    return "t" in parts and hmac.compare_digest(parts.get("v1", ""), expected.hexdigest())


@pytest.fixture
def receiver():
    hooks = WebhookReceiver(failures=2)
    yield hooks
    hooks.close()


def review_next(reviewer) -> dict:
    response = reviewer.client.post("/api/v1/review/next", {})
    assert response.status == 200, response.describe()
    return response.json


def decide(reviewer, case_id: str, outcome: str, reasons: list[str], note: str | None = None) -> dict:
    body = {"outcome": outcome, "reasons": reasons}
    if note:
        body["note"] = note
    response = reviewer.client.post(f"/api/v1/review/cases/{case_id}/decision", body)
    assert response.status == 200, response.describe()
    return response.json


def line_status(subscriber, line_id: str) -> str:
    response = subscriber.client.get("/api/v1/sims")
    assert response.status == 200, response.describe()
    return {line["id"]: line["status"] for line in response.json["lines"]}[line_id]


def wait_for_emails(sink: Sink, address: str, count: int, timeout: float) -> list[bytes]:
    deadline = time.monotonic() + timeout
    while True:
        with sink.arrived:
            found = [content for recipients, content in sink.messages if address in recipients]
            if len(found) >= count:
                return found
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{len(found)} of {count} e-mails to the subscriber arrived within {timeout}s"
            sink.arrived.wait(remaining)


def test_sign_up_to_registered_line_with_notifications_webhooks_and_audit(server_factory, smtp_sink, receiver,
                                                                          tmp_path):
    sink, smtp_port = smtp_sink
    server = server_factory.start("--smtp-url", f"smtp://127.0.0.1:{smtp_port}",
                                  "--smtp-from", "simreg <noreply@simreg.test>",
                                  "--webhook-retry-base-seconds", "1", "--review-sample-rate", "0")
    engine = server.engine

    admin = new_staff(server, engine, ["admin"])
    created = admin.client.post("/api/v1/admin/webhooks", {"url": receiver.url, "events": EVENTS,
                                                           "secret": WEBHOOK_SECRET})
    assert created.status == 201, created.describe()
    endpoint_id = created.json["id"]

    # The subscriber: sign up, link a line, fill in, upload, submit.
    identity = unique_identity()  # a document number no other test uses: no duplicate flag, no four-eyes
    subscriber, application = draft_with_identity(server, engine, tmp_path, identity)
    app_id = application["id"]
    [line_id] = application["line_ids"]
    for kind in application["required_documents"]:
        accepted_upload(subscriber.client, app_id, kind, images.good_jpeg(kind))
    response = submit(subscriber.client, app_id)
    assert response.status == 200, response.describe()
    assert line_status(subscriber, line_id) == "pending"

    # The reviewer: the case is next; open it, look at the selfie, ask for a better one.
    reviewer = new_staff(server, engine, ["reviewer"])
    case = review_next(reviewer)
    assert case["id"] == app_id and case["status"] == "in_review"
    assert case["identity"]["document_number"] == identity["document_number"]
    image = reviewer.client.get(f"/api/v1/review/cases/{app_id}/documents/selfie")
    assert image.status == 200 and image.header("Content-Type") == "image/jpeg"
    assert image.body[:3] == b"\xff\xd8\xff"
    decided = decide(reviewer, app_id, "request_resubmission", ["image.blurred"])
    assert decided["status"] == "resubmission_requested"

    # The subscriber sees why, in words, and what to do; the line is back to unregistered.
    seen = get_application(subscriber.client, app_id)
    assert seen["status"] == "resubmission_requested"
    [reason] = seen["decision"]["reasons"]
    assert reason["code"] == "image.blurred" and reason["message"] and reason["hint"]
    assert line_status(subscriber, line_id) == "unregistered"
    accepted_upload(subscriber.client, app_id, "selfie", images.good_jpeg("selfie"))
    response = submit(subscriber.client, app_id)
    assert response.status == 200, response.describe()
    assert response.json["status"] == "submitted"

    # Second look: the history shows the earlier request; approve.
    case = review_next(reviewer)
    assert case["id"] == app_id and case["submission_count"] == 2
    assert [d["outcome"] for d in case["previous_decisions"]] == ["resubmission_requested"]
    decided = decide(reviewer, app_id, "approve", [])
    assert decided["status"] == "approved"
    assert get_application(subscriber.client, app_id)["status"] == "approved"
    assert line_status(subscriber, line_id) == "registered"

    # E-mail through the SMTP server: one per decision, no personal values.
    emails = wait_for_emails(sink, subscriber.email, 3, timeout=30)  # verification + 2 decisions
    decision_mails = [message_from_bytes(raw, policy=default_policy) for raw in emails[1:]]
    for message in decision_mails:
        text = message.get_body(preferencelist=("plain",)).get_content()
        for value in (identity["full_name"], identity["document_number"], identity["address"]):
            assert value not in text
    # SMS to the line, one per decision.
    msisdn = next(line["msisdn"] for line in subscriber.client.get("/api/v1/sims").json["lines"]
                  if line["id"] == line_id)
    sms = [entry for entry in outbox(engine, msisdn) if entry["channel"] == "sms"
           and entry["template"].startswith("application.")]
    assert len(sms) == 2, sms

    # Webhooks: every event arrives, signed; the first was retried twice with the same event id.
    def has_everything(requests):
        later = requests[receiver.failures:]
        types = [event_of(r)["type"] for r in later]
        redelivered = all(any(r["body"] == refused["body"] for r in later)
                          for refused in requests[:receiver.failures])
        return redelivered and types.count("application.submitted") >= 2 \
            and types.count("application.decided") >= 2 and types.count("sim.status_changed") >= 4
    receiver.wait_until(has_everything, timeout=60, what="delivery of every event")
    failed = receiver.requests[:receiver.failures]
    later = receiver.requests[receiver.failures:]
    for request in failed:
        again = [r for r in later if r["body"] == request["body"]]
        assert again, f"the refused event {event_of(request)['id']} was not delivered again with the same body"
    delivered_ids = [event_of(r)["id"] for r in later]
    assert len(delivered_ids) == len(set(delivered_ids)), "an event answered 2xx was sent again"
    for request in receiver.requests:
        assert signature_valid(request, WEBHOOK_SECRET), request["headers"]
        assert request["headers"].get("Simreg-Event-Id") == event_of(request)["id"]
        body = request["body"].decode()
        for value in (identity["full_name"], identity["document_number"], msisdn, subscriber.email):
            assert value not in body
    decided_events = [event_of(r)["data"] for r in receiver.requests if event_of(r)["type"] == "application.decided"]
    assert {event["outcome"] for event in decided_events} == {"resubmission_requested", "approved"}
    # The receiver has answered 2xx, but the dispatcher records the attempt after reading that
    # answer: wait until the retried deliveries show as delivered rather than racing it.
    def retried_deliveries():
        listed = admin.client.get(f"/api/v1/admin/webhooks/{endpoint_id}/deliveries")
        assert listed.status == 200, listed.describe()
        items = [item for item in listed.json["items"]
                 if item["status"] == "delivered" and len(item["attempts"]) >= 2]
        return items, listed.json["items"]
    deadline = time.monotonic() + 10
    retried, listed = retried_deliveries()
    while not retried and time.monotonic() < deadline:
        time.sleep(0.1)
        retried, listed = retried_deliveries()
    assert retried, listed
    for item in retried:
        assert item["attempts"][0]["status_code"] == 500 and item["attempts"][-1]["status_code"] in range(200, 300)

    # Every look at personal data is audited, and the chain is intact.
    actions = [str(row[0]) for row in engine.sql(
        f"SELECT action FROM audit_log WHERE actor_id = '{reviewer.id}' ORDER BY seq")]
    assert "review.case_opened" in actions and "review.image_viewed" in actions, actions
    assert "review.decided" in actions, actions
    verified = engine.cli("audit", "verify")
    assert verified.returncode == 0, verified.describe()
