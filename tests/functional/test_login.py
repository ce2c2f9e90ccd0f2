"""Subscriber sign-in and sign-out, without account enumeration."""

from __future__ import annotations

import statistics

from client import SESSION_COOKIE, Client
from helpers import log_in, new_subscriber, problem, strong_password, unique_email


def test_unknown_email_and_wrong_password_look_the_same(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    unknown = log_in(Client(server.base_url), unique_email(), subscriber.password)
    wrong = log_in(Client(server.base_url), subscriber.email, strong_password())
    problem(unknown, 401, "auth.invalid_credentials")
    problem(wrong, 401, "auth.invalid_credentials")

    def comparable(response):
        body = dict(response.json)
        body.pop("request_id")
        return response.status, body, response.header("Content-Type"), sorted(
            name for name in response.headers.keys() if name.lower() not in {"date", "x-request-id", "content-length"})

    assert comparable(unknown) == comparable(wrong)


def test_unknown_email_and_wrong_password_take_the_same_time(server, engine):
    # Three accounts share the wrong-password tries so that none reaches the throttling delay,
    # and every try comes from its own client address for the same reason.
    accounts = [new_subscriber(server, engine, signed_in=False) for _ in range(3)]
    unknown_times, wrong_times = [], []
    for attempt in range(10):
        unknown = log_in(Client(server.base_url), unique_email(), strong_password())
        wrong = log_in(Client(server.base_url), accounts[attempt % 3].email, strong_password())
        assert unknown.status == wrong.status == 401, (unknown.describe(), wrong.describe())
        unknown_times.append(unknown.elapsed)
        wrong_times.append(wrong.elapsed)
    unknown_median, wrong_median = statistics.median(unknown_times), statistics.median(wrong_times)
    ratio = max(unknown_median, wrong_median) / min(unknown_median, wrong_median)
    assert ratio <= 3, f"medians: unknown e-mail {unknown_median:.4f}s, wrong password {wrong_median:.4f}s"


def test_each_sign_in_gets_a_new_session_token(server, engine):
    subscriber = new_subscriber(server, engine)
    client = subscriber.client
    first = client.session_token
    assert first
    response = log_in(client, subscriber.email, subscriber.password)  # signs in again over the old cookie
    assert response.status == 200
    second = client.session_token
    assert second and second != first
    assert client.get("/api/v1/me").status == 200


def test_session_cookie_attributes(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    client = Client(server.base_url)
    response = log_in(client, subscriber.email, subscriber.password)
    assert response.status == 200
    cookie = response.cookie(SESSION_COOKIE)
    assert cookie is not None, f"no {SESSION_COOKIE} cookie: {[c.raw for c in response.set_cookies]}"
    assert cookie.name.startswith("__Host-")
    for flag in ("httponly", "secure"):
        assert cookie.has(flag), cookie.raw
    assert cookie.attributes.get("samesite", "").lower() == "strict", cookie.raw
    assert cookie.attributes.get("path") == "/", cookie.raw
    assert "domain" not in cookie.attributes, "__Host- cookies must not carry Domain"
    assert len(cookie.value) >= 32, "the token carries at least 128 bits"
    csrf = response.cookie("__Host-simreg-csrf")
    assert csrf is not None, "sign-in rotates the CSRF cookie"
    assert csrf.has("secure") and csrf.attributes.get("path") == "/" and "domain" not in csrf.attributes


def test_csrf_token_rotates_at_sign_in_and_sign_out(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    client = Client(server.base_url)
    before = client.fetch_csrf_token()
    assert client.fetch_csrf_token() == before
    assert Client(server.base_url).get("/api/v1/auth/csrf").json["csrf_token"] != before
    assert log_in(client, subscriber.email, subscriber.password).status == 200
    after_login = client.get("/api/v1/auth/csrf").json["csrf_token"]
    assert after_login != before
    # The pre-sign-in token no longer passes the CSRF check.
    stale = client.patch("/api/v1/me", {"locale": "en"}, csrf=False, headers={"X-CSRF-Token": before})
    problem(stale, 403, "csrf.failed")
    assert client.post("/api/v1/auth/logout").status == 204
    assert client.get("/api/v1/auth/csrf").json["csrf_token"] != after_login


def test_logout_revokes_the_session(server, engine):
    subscriber = new_subscriber(server, engine)
    client = subscriber.client
    copy = client.clone_session()
    response = client.post("/api/v1/auth/logout")
    assert response.status == 204 and response.body == b""
    cleared = response.cookie(SESSION_COOKIE)
    assert cleared is not None and cleared.clears, "logout clears the cookie"
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")
    problem(copy.get("/api/v1/me"), 401, "auth.unauthenticated")  # the old cookie is dead server-side


def test_logout_without_session_is_204(server):
    client = Client(server.base_url)
    assert client.post("/api/v1/auth/logout").status == 204
    client.cookies["__Host-simreg"] = "not-a-real-token"
    assert client.post("/api/v1/auth/logout").status == 204


def test_me_without_or_with_bogus_session(server):
    client = Client(server.base_url)
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")
    client.cookies["__Host-simreg"] = "A" * 43
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")


def test_update_locale(server, engine):
    subscriber = new_subscriber(server, engine)
    client = subscriber.client
    response = client.patch("/api/v1/me", {"locale": "zh-CN"})
    assert response.status == 200 and response.json["locale"] == "zh-CN"
    assert client.get("/api/v1/me").json["locale"] == "zh-CN"
    response = client.patch("/api/v1/me", {"locale": "xx"})
    problem(response, 422, "validation.failed")
    assert ("/locale", "locale.unsupported") in response.field_codes()
    assert client.get("/api/v1/me").json["locale"] == "zh-CN"
    problem(Client(server.base_url).patch("/api/v1/me", {"locale": "en"}), 401, "auth.unauthenticated")
