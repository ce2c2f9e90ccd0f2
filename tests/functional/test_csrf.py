"""CSRF: every unsafe request needs Origin = the server's origin and the browser's X-CSRF-Token."""

from __future__ import annotations

import pytest

from client import Client
from helpers import new_subscriber, outbox, problem, strong_password, unique_email


def attempts(server, client: Client, other: Client):
    token = client.fetch_csrf_token()
    foreign_token = other.fetch_csrf_token()
    return {
        "missing token": dict(csrf=False),
        "wrong token": dict(csrf=False, headers={"X-CSRF-Token": "0" * len(token)}),
        "another browser's token": dict(csrf=False, headers={"X-CSRF-Token": foreign_token}),
        "missing Origin": dict(origin=False),
        "foreign Origin": dict(origin="http://evil.example"),
        "Origin with another port": dict(origin=f"http://127.0.0.1:{server.port + 1}"),
        "null Origin": dict(origin="null"),
    }


CASES = ["missing token", "wrong token", "another browser's token", "missing Origin", "foreign Origin",
         "Origin with another port", "null Origin"]


@pytest.mark.parametrize("case", CASES)
def test_anonymous_unsafe_request_without_valid_csrf_is_refused(server, engine, case):
    client, other = Client(server.base_url), Client(server.base_url)
    kwargs = attempts(server, client, other)[case]
    email = unique_email()
    response = client.post("/api/v1/auth/signup", {"email": email, "password": strong_password(), "locale": "en"},
                           **kwargs)
    problem(response, 403, "csrf.failed")
    assert outbox(engine, email) == [], "a refused request has no effect"


@pytest.mark.parametrize("case", CASES)
def test_signed_in_unsafe_request_without_valid_csrf_is_refused(server, engine, case):
    subscriber = new_subscriber(server, engine)
    client = subscriber.client
    kwargs = attempts(server, client, Client(server.base_url))[case]
    problem(client.patch("/api/v1/me", {"locale": "zh-CN"}, **kwargs), 403, "csrf.failed")
    problem(client.post("/api/v1/auth/logout", **kwargs), 403, "csrf.failed")
    me = client.get("/api/v1/me")
    assert me.status == 200 and me.json["locale"] == "en", "neither request had an effect"


def test_localhost_origin_is_allowed(server):
    client = Client(server.base_url)
    response = client.post("/api/v1/auth/resend-verification", {"email": unique_email()},
                           origin=f"http://localhost:{server.port}")
    assert response.status == 202, response.describe()


def test_safe_methods_need_no_csrf(server, engine):
    subscriber = new_subscriber(server, engine)
    response = subscriber.client.get("/api/v1/me", headers={"Origin": "http://evil.example"})
    assert response.status == 200


def test_csrf_token_endpoint_sets_host_cookie(server):
    client = Client(server.base_url)
    response = client.get("/api/v1/auth/csrf")
    cookie = response.cookie("__Host-simreg-csrf")
    assert cookie is not None
    assert cookie.has("secure") and cookie.attributes.get("path") == "/" and "domain" not in cookie.attributes
    again = client.get("/api/v1/auth/csrf")
    assert again.json == response.json, "stable for the browser"
    assert again.cookie("__Host-simreg-csrf") is None, "not set again when present"


def test_public_origin_is_allowed(server_factory):
    server = server_factory.start("--public-origin", "https://simreg.example.test")
    client = Client(server.base_url)
    response = client.post("/api/v1/auth/resend-verification", {"email": unique_email()},
                           origin="https://simreg.example.test")
    assert response.status == 202, response.describe()
    problem(client.post("/api/v1/auth/resend-verification", {"email": unique_email()},
                        origin="https://other.example.test"), 403, "csrf.failed")
