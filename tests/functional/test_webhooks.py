"""Webhooks for the carrier's systems (issue 4 §5): the admin API and `simreg webhooks add|list`,
signed deliveries to a real receiver on loopback that fails twice (or answers late) and then
succeeds — every try carries the same event id and body and a valid HMAC-SHA256 signature —,
deliveries and attempts visible to admins, no personal values in event bodies, and 403 for
everyone but admins. The server runs with `--webhook-retry-base-seconds 1` so retries are quick."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from client import Client
from helpers import ROLES, new_staff, new_subscriber, problem, unique_email, valid_identity
from review_support import claim, decide, reviewer, submitted_application

SECRET = "whsec_functional_0123456789"
TIMEOUT_SECONDS = 2
EVENT_TYPES = ["application.submitted", "application.decided", "sim.status_changed"]
SUBMITTED_DATA_KEYS = {"application_id", "channel", "status", "submission_count", "due_at"}


class Receiver:
    """An HTTP receiver on loopback. Each event id's first `failures` tries get 500; the first
    `slow` requests are answered only after `delay` seconds (later than the server waits)."""

    def __init__(self, failures: int = 0, slow: int = 0, delay: float = 0.0):
        self.failures, self.slow, self.delay = failures, slow, delay
        self.lock = threading.Lock()
        self.posts: list[dict] = []
        self.tries: dict[str, int] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                event_id = self.headers.get("Simreg-Event-Id", "")
                with receiver.lock:
                    tries = receiver.tries.get(event_id, 0)
                    receiver.tries[event_id] = tries + 1
                    late = len(receiver.posts) < receiver.slow
                    receiver.posts.append({"headers": {k.lower(): v for k, v in self.headers.items()},
                                           "body": body, "at": time.time()})
                if late:
                    time.sleep(receiver.delay)
                try:
                    self.send_response(500 if tries < receiver.failures else 200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}/hooks/simreg"

    def posts_for(self, application_id: str) -> list[dict]:
        with self.lock:
            posts = list(self.posts)
        return [p for p in posts if json.loads(p["body"])["data"].get("application_id") == application_id]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def hooks_server(module_server_factory):
    return module_server_factory.start("--webhook-retry-base-seconds", "1",
                                       "--webhook-timeout-seconds", str(TIMEOUT_SECONDS))


@pytest.fixture(scope="module")
def admin(hooks_server):
    return new_staff(hooks_server, hooks_server.engine, ["admin"])


@pytest.fixture
def receivers():
    made: list[Receiver] = []

    def make(**kwargs) -> Receiver:
        made.append(Receiver(**kwargs))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()


def add_endpoint(admin, url: str, events: list[str], secret: str | None = SECRET):
    body = {"url": url, "events": events}
    if secret is not None:
        body["secret"] = secret
    return admin.client.post("/api/v1/admin/webhooks", body)


def deactivate(admin, endpoint_id: str):
    return admin.client.request("DELETE", f"/api/v1/admin/webhooks/{endpoint_id}")


def deliveries(admin, endpoint_id: str, **query) -> list[dict]:
    response = admin.client.get(f"/api/v1/admin/webhooks/{endpoint_id}/deliveries", query=query or None)
    assert response.status == 200, response.describe()
    return response.json["items"]


def wait_until(predicate, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def verify_signature(secret: str, header: str, body: bytes, tolerance: int = 300) -> int:
    """What a receiver runs: parse t and v1, check the age, compare the HMAC. Returns t."""
    fields = dict(item.split("=", 1) for item in header.split(","))
    t = int(fields["t"])
    assert abs(time.time() - t) <= tolerance, header
    expected = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", fields["v1"]), header
    assert hmac.compare_digest(fields["v1"], expected), "signature does not verify"
    return t


def test_admin_adds_lists_and_deactivates_endpoints(hooks_server, admin):
    given = add_endpoint(admin, "https://billing.carrier.example/hooks", ["sim.status_changed", "application.decided"])
    assert given.status == 201, given.describe()
    endpoint = given.json
    assert endpoint["secret"] == SECRET and endpoint["secret_hint"] == "\u2026" + SECRET[-4:]
    assert endpoint["events"] == ["application.decided", "sim.status_changed"] and endpoint["active"] is True

    generated = add_endpoint(admin, "http://127.0.0.1:9/in", ["application.submitted"], secret=None)
    assert generated.status == 201, generated.describe()
    assert re.fullmatch(r"[0-9a-f]{64}", generated.json["secret"])

    listed = admin.client.get("/api/v1/admin/webhooks")
    assert listed.status == 200
    by_id = {item["id"]: item for item in listed.json["items"]}
    assert {endpoint["id"], generated.json["id"]} <= set(by_id)
    assert by_id[endpoint["id"]] == {k: v for k, v in endpoint.items() if k != "secret"}
    assert SECRET not in listed.body.decode() and generated.json["secret"] not in listed.body.decode()

    refusals = [
        ({"url": "ftp://x.example/", "events": ["application.decided"]}, {("/url", "url.invalid")}),
        ({"url": "https://x.example/", "events": ["application.deleted"]}, {("/events", "events.unknown")}),
        ({"url": "https://x.example/", "events": []}, {("/events", "events.empty")}),
        ({"url": "https://x.example/", "events": ["sim.status_changed"], "secret": "short"},
         {("/secret", "secret.too_short")}),
        ({"url": "x", "events": ["nope"]}, {("/url", "url.invalid"), ("/events", "events.unknown")}),
        ({"events": ["sim.status_changed"]}, {("/url", "field.required")}),
    ]
    for body, expected in refusals:
        response = admin.client.post("/api/v1/admin/webhooks", body)
        problem(response, 422, "validation.failed")
        assert response.field_codes() == expected, response.describe()

    for endpoint_id in (endpoint["id"], generated.json["id"]):
        assert deactivate(admin, endpoint_id).status == 204
        assert deactivate(admin, endpoint_id).status == 204, "idempotent"
    listed = {item["id"]: item for item in admin.client.get("/api/v1/admin/webhooks").json["items"]}
    assert listed[endpoint["id"]]["active"] is False

    problem(deactivate(admin, "whe_doesnotexist"), 404, "webhooks.endpoint_not_found")
    problem(admin.client.get("/api/v1/admin/webhooks/whe_doesnotexist/deliveries"), 404,
            "webhooks.endpoint_not_found")
    for limit in ("0", "501", "ten"):
        problem(admin.client.get(f"/api/v1/admin/webhooks/{endpoint['id']}/deliveries", query={"limit": limit}),
                400, "webhooks.invalid_limit")
    assert deliveries(admin, endpoint["id"], limit="1") == []


def test_cli_adds_and_lists_endpoints(hooks_server, admin):
    engine = hooks_server.engine
    added = engine.cli("webhooks", "add", "https://crm.carrier.example/simreg", "--events",
                       "sim.status_changed,application.decided", "--secret", "whsec_cli_0123456789", "--json")
    assert added.returncode == 0, added.describe()
    created = json.loads(added.stdout)
    assert created["secret"] == "whsec_cli_0123456789" and created["id"].startswith("whe_")
    assert created["events"] == ["application.decided", "sim.status_changed"]

    text = engine.cli("webhooks", "add", "http://127.0.0.1:9/in", "--events", "application.submitted")
    assert text.returncode == 0, text.describe()
    secret = re.search(r"Secret: ([0-9a-f]{64})\n", text.stdout)
    assert secret, text.stdout
    text_id = re.search(r"Added webhook endpoint (whe_[a-z0-9]+) ", text.stdout).group(1)

    listed = engine.cli("webhooks", "list", "--json")
    assert listed.returncode == 0, listed.describe()
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {created["id"], text_id} <= {line["id"] for line in lines}
    assert "whsec_cli_0123456789" not in listed.stdout and secret.group(1) not in listed.stdout
    human = engine.cli("webhooks", "list")
    assert human.returncode == 0 and created["id"] in human.stdout and "\u20266789" in human.stdout

    # The running server sees what the command line added.
    api = {item["id"] for item in admin.client.get("/api/v1/admin/webhooks").json["items"]}
    assert {created["id"], text_id} <= api

    bad = engine.cli("webhooks", "add", "ftp://x", "--events", "application.decided")
    assert bad.returncode == 1 and "url.invalid" in bad.stderr, bad.describe()
    missing = engine.cli("webhooks", "add", "https://x.example/")
    assert missing.returncode == 2, missing.describe()
    for endpoint_id in (created["id"], text_id):
        assert deactivate(admin, endpoint_id).status == 204


def test_failing_receiver_gets_the_same_signed_event_until_it_succeeds(hooks_server, admin, receivers, tmp_path):
    receiver = receivers(failures=2)
    created = add_endpoint(admin, receiver.url, ["application.submitted"])
    assert created.status == 201, created.describe()
    endpoint_id = created.json["id"]
    identity = valid_identity()
    subscriber, application = submitted_application(hooks_server, hooks_server.engine, tmp_path, identity)

    posts = wait_until(lambda: len(receiver.posts_for(application["id"])) >= 3 and receiver.posts_for(application["id"]),
                       30, "three tries of application.submitted")
    first = json.loads(posts[0]["body"])
    assert first["type"] == "application.submitted" and first["id"].startswith("evt_")
    assert set(first) == {"id", "type", "created_at", "data"}
    assert set(first["data"]) == SUBMITTED_DATA_KEYS
    assert first["data"]["status"] == "submitted" and first["data"]["channel"] == "online"
    timestamps = []
    for post in posts:
        headers = post["headers"]
        assert post["body"] == posts[0]["body"], "redeliveries carry the same body"
        assert headers["simreg-event-id"] == first["id"]
        assert headers["simreg-event-type"] == "application.submitted"
        assert headers["content-type"] == "application/json"
        assert headers["user-agent"] == "simreg-webhooks/1"
        timestamps.append(verify_signature(SECRET, headers["simreg-signature"], post["body"]))
    # Backoff with a 1 s base: about 1 s, then about 2 s between the tries.
    assert posts[1]["at"] - posts[0]["at"] >= 0.9 and posts[2]["at"] - posts[1]["at"] >= 1.9
    assert timestamps == sorted(timestamps) and timestamps[2] > timestamps[0], "a fresh t per try"

    # Event bodies hold ids and statuses only: none of the person's values.
    personal = [subscriber.email, identity["full_name"], identity["document_number"], identity["address"],
                identity.get("contact_phone", ""), identity["date_of_birth"]]
    for value in filter(None, personal):
        assert str(value) not in posts[0]["body"].decode(), "personal value in an event body"
    stored = hooks_server.engine.sql("SELECT body FROM webhook_events")
    assert stored and all(str(v) not in str(row[0]) for row in stored for v in filter(None, personal))

    def delivered():
        items = [d for d in deliveries(admin, endpoint_id) if d["event_id"] == first["id"]]
        return items if items and items[0]["status"] == "delivered" else None

    delivery = wait_until(delivered, 10, "the delivery to show as delivered")[0]
    assert delivery["event_type"] == "application.submitted" and delivery["next_attempt_at"] is None
    assert [a["status_code"] for a in delivery["attempts"]] == [500, 500, 200]
    assert all(a["error"] is None and a["duration_ms"] >= 0 for a in delivery["attempts"])
    assert delivery["delivered_at"] >= delivery["attempts"][2]["at"]
    time.sleep(1.5)
    assert len(receiver.posts_for(application["id"])) == 3, "nothing after the 2xx"
    assert deactivate(admin, endpoint_id).status == 204


def test_a_late_answer_is_retried_with_the_same_event_id(hooks_server, admin, receivers, tmp_path):
    receiver = receivers(slow=1, delay=TIMEOUT_SECONDS + 2)
    created = add_endpoint(admin, receiver.url, ["application.submitted"])
    assert created.status == 201, created.describe()
    _, application = submitted_application(hooks_server, hooks_server.engine, tmp_path)
    posts = wait_until(lambda: len(receiver.posts_for(application["id"])) >= 2 and receiver.posts_for(application["id"]),
                       30, "the retry after a late answer")
    assert posts[0]["headers"]["simreg-event-id"] == posts[1]["headers"]["simreg-event-id"]
    assert posts[0]["body"] == posts[1]["body"]
    event_id = posts[0]["headers"]["simreg-event-id"]

    def delivered():
        items = [d for d in deliveries(admin, created.json["id"]) if d["event_id"] == event_id]
        return items if items and items[0]["status"] == "delivered" else None

    delivery = wait_until(delivered, 10, "the delivery to show as delivered")[0]
    assert delivery["attempts"][0]["status_code"] is None and delivery["attempts"][0]["error"] == "webhooks.timeout"
    assert delivery["attempts"][-1]["status_code"] == 200
    assert deactivate(admin, created.json["id"]).status == 204


def test_an_admin_sends_a_delivery_again(hooks_server, admin, receivers, tmp_path):
    """A receiver that lost what it was sent asks for it again: the same event id and body, one
    more attempt in the delivery's history, audited."""
    receiver = receivers()
    created = add_endpoint(admin, receiver.url, ["application.submitted"])
    assert created.status == 201, created.describe()
    endpoint_id = created.json["id"]
    _, application = submitted_application(hooks_server, hooks_server.engine, tmp_path)

    def delivered(attempts: int):
        def check():
            items = [d for d in deliveries(admin, endpoint_id) if d["status"] == "delivered"
                     and len(d["attempts"]) == attempts]
            return items or None
        return check

    first = wait_until(delivered(1), 10, "the first delivery")[0]
    path = f"/api/v1/admin/webhooks/{endpoint_id}/deliveries/{first['id']}/redeliver"
    again = admin.client.post(path)
    assert again.status == 202, again.describe()
    assert again.json["id"] == first["id"] and again.json["event_id"] == first["event_id"]
    assert again.json["status"] == "pending" and again.json["delivered_at"] is None
    posts = wait_until(lambda: len(receiver.posts_for(application["id"])) >= 2 and receiver.posts_for(application["id"]),
                       10, "the second post")
    assert posts[0]["headers"]["simreg-event-id"] == posts[1]["headers"]["simreg-event-id"] == first["event_id"]
    assert posts[0]["body"] == posts[1]["body"]
    wait_until(delivered(2), 10, "the delivery to show two attempts")
    actions = [str(row[0]) for row in hooks_server.engine.sql(
        f"SELECT action FROM audit_log WHERE target_id = '{endpoint_id}' ORDER BY seq")]
    assert "webhooks.redelivery_requested" in actions, actions

    problem(admin.client.post(f"/api/v1/admin/webhooks/{endpoint_id}/deliveries/whd_doesnotexist/redeliver"),
            404, "webhooks.delivery_not_found")
    problem(admin.client.post(f"/api/v1/admin/webhooks/whe_doesnotexist/deliveries/{first['id']}/redeliver"),
            404, "webhooks.endpoint_not_found")
    assert deactivate(admin, endpoint_id).status == 204
    problem(admin.client.post(path), 409, "webhooks.endpoint_inactive")


def test_a_decision_reaches_the_receiver_as_decided_and_line_events(hooks_server, admin, receivers, tmp_path):
    receiver = receivers()
    created = add_endpoint(admin, receiver.url, ["application.decided", "sim.status_changed"])
    assert created.status == 201, created.describe()
    subscriber, application = submitted_application(hooks_server, hooks_server.engine, tmp_path)
    app_id = application["id"]
    member = reviewer(hooks_server, hooks_server.engine)
    assert claim(member.client, app_id).status == 200
    approved = decide(member.client, app_id, "approve")
    assert approved.status == 200, approved.describe()

    def events():
        bodies = [json.loads(p["body"]) for p in receiver.posts_for(app_id)]
        decided = [b for b in bodies if b["type"] == "application.decided"]
        registered = [b for b in bodies if b["type"] == "sim.status_changed" and b["data"]["status"] == "registered"]
        return (decided, registered) if decided and registered else None

    decided, registered = wait_until(events, 15, "application.decided and sim.status_changed")
    assert decided[0]["data"]["outcome"] == "approved" and decided[0]["data"]["reasons"] == []
    assert decided[0]["data"]["line_ids"] == [registered[0]["data"]["line_id"]]
    assert registered[0]["data"]["previous_status"] == "pending"
    for post in receiver.posts_for(app_id):
        verify_signature(SECRET, post["headers"]["simreg-signature"], post["body"])
        for value in (subscriber.email, application["identity"]["full_name"], application["identity"]["document_number"]):
            assert value not in post["body"].decode()
    assert deactivate(admin, created.json["id"]).status == 204


def test_secrets_stay_out_of_logs_and_storage(hooks_server, admin):
    secret = "whsec_never_in_logs_" + unique_email("s").split("@")[0].replace(".", "_")
    created = add_endpoint(admin, "http://127.0.0.1:9/never", ["sim.status_changed"], secret=secret)
    assert created.status == 201, created.describe()
    assert deactivate(admin, created.json["id"]).status == 204
    assert secret not in hooks_server.stderr_text()
    engine = hooks_server.engine
    if engine.name == "sqlite":
        for path in engine.data_dir.glob("simreg.db*"):
            assert secret.encode() not in path.read_bytes(), path
    else:
        dump = engine.sql("SELECT encode(secret_sealed, 'escape') FROM webhook_endpoints")
        assert all(secret not in str(row[0]) for row in dump)


@pytest.mark.parametrize("caller", ["anonymous", "subscriber", *[r for r in ROLES if r != "admin"]])
def test_only_admins_reach_the_webhook_routes(hooks_server, caller):
    if caller == "anonymous":
        client, expected = Client(hooks_server.base_url), (401, "auth.unauthenticated")
    elif caller == "subscriber":
        client, expected = new_subscriber(hooks_server, hooks_server.engine).client, (403, "auth.forbidden")
    else:
        client, expected = new_staff(hooks_server, hooks_server.engine, [caller]).client, (403, "auth.forbidden")
    calls = [
        lambda: client.get("/api/v1/admin/webhooks"),
        lambda: client.post("/api/v1/admin/webhooks", {"url": "https://x.example/", "events": EVENT_TYPES}),
        lambda: client.request("DELETE", "/api/v1/admin/webhooks/whe_doesnotexist"),
        lambda: client.get("/api/v1/admin/webhooks/whe_doesnotexist/deliveries"),
        lambda: client.post("/api/v1/admin/webhooks/whe_doesnotexist/deliveries/whd_doesnotexist/redeliver"),
    ]
    for call in calls:
        problem(call(), *expected)
