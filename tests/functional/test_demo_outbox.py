"""The demo-only outbox endpoint and the `simreg outbox list` command."""

from __future__ import annotations

import pytest

from client import Client
from helpers import CODE_RE, new_subscriber, outbox, problem, sign_up, strong_password, unique_email


def test_demo_outbox_lists_messages_newest_first(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False, verified=False)
    client = Client(server.base_url)
    assert client.post("/api/v1/auth/password-reset", {"email": subscriber.email}).status == 202
    response = client.get("/api/v1/demo/outbox", query={"to": subscriber.email})
    assert response.status == 200, response.describe()
    items = response.json["items"]
    assert len(items) >= 1 and all(item["to"] == subscriber.email for item in items)
    assert all(item["channel"] == "email" for item in items)
    stamps = [item["created_at"] for item in items]
    assert stamps == sorted(stamps, reverse=True), "newest first"
    assert any(CODE_RE.search(item["body"]) for item in items)
    # The CLI sees the same messages.
    cli = outbox(engine, subscriber.email)
    assert sorted(m["body"] for m in cli) == sorted(item["body"] for item in items)


def test_demo_outbox_for_unknown_address_is_empty(server):
    response = Client(server.base_url).get("/api/v1/demo/outbox", query={"to": unique_email()})
    assert response.status == 200 and response.json == {"items": []}


@pytest.mark.parametrize("query", [None, {"to": ""}, {"to": "  "}], ids=["no-to", "empty-to", "blank-to"])
def test_demo_outbox_without_an_address_lists_the_latest_messages(server, engine, query):
    first = new_subscriber(server, engine, signed_in=False, verified=False)
    second = new_subscriber(server, engine, signed_in=False, verified=False)
    client = Client(server.base_url)
    response = client.get("/api/v1/demo/outbox", query=query)
    assert response.status == 200, response.describe()
    items = response.json["items"]
    assert 2 <= len(items) <= 50
    stamps = [item["created_at"] for item in items]
    assert stamps == sorted(stamps, reverse=True), "newest first"
    # The two newest sign-ups lead the list (this suite runs one test at a time per server).
    assert [item["to"] for item in items[:2]] == [second.email, first.email]
    assert all(CODE_RE.search(item["body"]) for item in items[:2])


def test_demo_outbox_refuses_an_overlong_address(server):
    response = Client(server.base_url).get("/api/v1/demo/outbox", query={"to": "a" * 321})
    body = problem(response, 422, "validation.failed")
    assert body["errors"][0]["field"] == "/to"


def test_demo_outbox_is_404_without_demo_mode(server_factory):
    server = server_factory.start(demo=False)
    client = Client(server.base_url)
    email = unique_email()
    assert sign_up(client, email, strong_password()).status == 201
    problem(client.get("/api/v1/demo/outbox", query={"to": email}), 404, "http.not_found")
    # The message is still queued, for the operator's CLI.
    assert len(outbox(server.engine, email)) == 1
