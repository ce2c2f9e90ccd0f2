"""Subscriber sign-up, e-mail verification and resend."""

from __future__ import annotations

import time
import uuid

import pytest

from client import Client
from helpers import (log_in, new_subscriber, outbox, problem, sign_up, strong_password, unique_email,
                     verification_code, verify, wrong_code)


def test_sign_up_verify_sign_in(server, engine):
    client = Client(server.base_url)
    email, password = unique_email(), strong_password()
    response = sign_up(client, email, password, "zh-CN")
    assert response.status == 201 and response.json == {"status": "verification_required"}
    messages = outbox(engine, email)
    assert len(messages) == 1 and messages[0]["channel"] == "email" and messages[0]["to"] == email
    code = verification_code(engine, email)
    assert len(code) == 6 and code.isdigit()

    response = verify(client, email, code)
    assert response.status == 200 and response.json == {"status": "verified"}
    response = log_in(client, email, password)
    assert response.status == 200, response.describe()
    account = response.json["account"]
    assert account["kind"] == "subscriber" and account["email"] == email
    assert account["email_verified"] is True and account["locale"] == "zh-CN"
    me = client.get("/api/v1/me")
    assert me.status == 200 and me.json == account


def test_sign_up_existing_email_is_indistinguishable(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    before = outbox(engine, subscriber.email)
    fresh = sign_up(Client(server.base_url), unique_email(), strong_password())
    again = sign_up(Client(server.base_url), subscriber.email, strong_password())
    assert (again.status, again.json) == (fresh.status, fresh.json) == (201, {"status": "verification_required"})
    after = outbox(engine, subscriber.email)
    assert len(after) == len(before) + 1, "the registered address gets a notice"
    assert "verif" not in after[-1]["template"], "the notice is not a verification code"
    # The original password still works: the second sign-up changed nothing.
    assert log_in(Client(server.base_url), subscriber.email, subscriber.password).status == 200


SIGNUP_VALIDATION = [
    # (email, password, locale, expected (field, code) set)
    ("no-at-sign.example.com", None, "en", {("/email", "email.invalid")}),
    ("a@", None, "en", {("/email", "email.invalid")}),
    ("@example.com", None, "en", {("/email", "email.invalid")}),
    ("a b@example.com", None, "en", {("/email", "email.invalid")}),
    (None, "short-pw-11", "en", {("/password", "password.too_short")}),
    (None, "密码密码密码密码密码密", "en", {("/password", "password.too_short")}),  # 11 code points, 33 bytes
    (None, "x" * 129, "en", {("/password", "password.too_long")}),
    (None, "{local}-Suffix-123", "en", {("/password", "password.contains_email")}),
    (None, "Prefix-{LOCAL}-123", "en", {("/password", "password.contains_email")}),
    (None, None, "fr", {("/locale", "locale.unsupported")}),
    (None, None, "", {("/locale", "locale.unsupported")}),
    ("bad", "short", "de", {("/email", "email.invalid"), ("/password", "password.too_short"),
                            ("/locale", "locale.unsupported")}),
]


@pytest.mark.parametrize("email,password,locale,expected", SIGNUP_VALIDATION)
def test_sign_up_validation(server, engine, email, password, locale, expected):
    local = f"user{uuid.uuid4().hex[:8]}"
    email = email or f"{local}@example.com"
    password = (password or strong_password()).replace("{local}", local).replace("{LOCAL}", local.upper())
    response = sign_up(Client(server.base_url), email, password, locale)
    problem(response, 422, "validation.failed")
    assert response.field_codes() == expected
    if "@" in email and email.count("@") == 1 and not email.startswith("@"):
        assert outbox(engine, email) == [], "nothing is sent for a refused sign-up"


@pytest.mark.parametrize("password", ["x" * 12, "y" * 128, "密码密码密码密码密码密码", "pässwörd-ünïcode"])
def test_sign_up_password_boundaries_accepted(server, engine, password):
    email = unique_email()
    response = sign_up(Client(server.base_url), email, password)
    assert response.status == 201, response.describe()
    client = Client(server.base_url)
    assert verify(client, email, verification_code(engine, email)).status == 200
    assert log_in(client, email, password).status == 200


# -- verification -----------------------------------------------------------------------------
def test_verify_wrong_code(server, engine):
    subscriber = new_subscriber(server, engine, verified=False, signed_in=False)
    code = verification_code(engine, subscriber.email)
    client = subscriber.client
    problem(verify(client, subscriber.email, wrong_code(code)), 400, "auth.invalid_code")
    # A wrong try does not burn the code.
    assert verify(client, subscriber.email, code).status == 200


def test_verify_five_tries_then_429(server, engine):
    subscriber = new_subscriber(server, engine, verified=False, signed_in=False)
    code = verification_code(engine, subscriber.email)
    client = subscriber.client
    for attempt in range(5):
        problem(verify(client, subscriber.email, wrong_code(code)), 400, "auth.invalid_code")
    response = verify(client, subscriber.email, code)
    problem(response, 429, "auth.too_many_attempts")
    assert int(response.header("Retry-After")) >= 1
    # Still not verified: the correct code after the limit did not count.
    problem(log_in(client, subscriber.email, subscriber.password), 403, "auth.email_not_verified")


def test_verify_code_works_once(server, engine):
    subscriber = new_subscriber(server, engine, verified=False, signed_in=False)
    code = verification_code(engine, subscriber.email)
    assert verify(subscriber.client, subscriber.email, code).status == 200
    problem(verify(subscriber.client, subscriber.email, code), 400, "auth.invalid_code")


def test_verify_unknown_email_or_other_accounts_code(server, engine):
    first = new_subscriber(server, engine, verified=False, signed_in=False)
    second = new_subscriber(server, engine, verified=False, signed_in=False)
    client = Client(server.base_url)
    problem(verify(client, unique_email(), verification_code(engine, first.email)), 400, "auth.invalid_code")
    first_code, second_code = verification_code(engine, first.email), verification_code(engine, second.email)
    if first_code != second_code:
        problem(verify(client, second.email, first_code), 400, "auth.invalid_code")


# -- verification code lifetime (`serve --verification-code-ttl`) --------------------------------
CODE_TTL_SECONDS = 2


@pytest.fixture(scope="module")
def short_code_server(module_server_factory):
    return module_server_factory.start("--verification-code-ttl", str(CODE_TTL_SECONDS))


def test_verification_code_expires_after_the_configured_ttl(short_code_server):
    server = short_code_server
    subscriber = new_subscriber(server, server.engine, verified=False, signed_in=False)
    client = subscriber.client
    expired = verification_code(server.engine, subscriber.email)
    time.sleep(CODE_TTL_SECONDS + 1)
    problem(verify(client, subscriber.email, expired), 400, "auth.invalid_code")
    problem(log_in(client, subscriber.email, subscriber.password), 403, "auth.email_not_verified")
    # A fresh code: the resend is not held back by the 60 s resend interval, because the previous
    # code has expired.
    before = len(outbox(server.engine, subscriber.email))
    response = client.post("/api/v1/auth/resend-verification", {"email": subscriber.email})
    assert response.status == 202, response.describe()
    assert len(outbox(server.engine, subscriber.email)) == before + 1, "no fresh code was sent"
    assert verify(client, subscriber.email, verification_code(server.engine, subscriber.email)).status == 200
    assert log_in(client, subscriber.email, subscriber.password).status == 200


def test_verification_code_used_within_the_ttl_works(short_code_server):
    server = short_code_server
    # Signs up, reads the code and verifies it at once, well inside the 2 s.
    subscriber = new_subscriber(server, server.engine, verified=True, signed_in=True)
    assert subscriber.client.get("/api/v1/me").json["email_verified"] is True


def test_sign_in_before_verification(server, engine):
    subscriber = new_subscriber(server, engine, verified=False, signed_in=False)
    client = Client(server.base_url)
    problem(log_in(client, subscriber.email, subscriber.password), 403, "auth.email_not_verified")
    problem(log_in(client, subscriber.email, strong_password()), 401, "auth.invalid_credentials")
    assert client.session_token is None


def test_resend_verification(server, engine):
    subscriber = new_subscriber(server, engine, verified=False, signed_in=False)
    client = Client(server.base_url)
    before = len(outbox(engine, subscriber.email))
    for _ in range(3):
        response = client.post("/api/v1/auth/resend-verification", {"email": subscriber.email})
        assert response.status == 202 and response.json == {"status": "sent_if_pending"}
    after = outbox(engine, subscriber.email)
    assert len(after) <= before + 1, "at most one resend per 60 s per address"
    # Whatever the newest code is, it verifies the address.
    assert verify(client, subscriber.email, verification_code(engine, subscriber.email)).status == 200


@pytest.mark.parametrize("kind", ["unknown", "verified"])
def test_resend_verification_is_always_202(server, engine, kind):
    if kind == "unknown":
        email = unique_email()
    else:
        email = new_subscriber(server, engine, signed_in=False).email
    before = len(outbox(engine, email))
    response = Client(server.base_url).post("/api/v1/auth/resend-verification", {"email": email})
    assert response.status == 202 and response.json == {"status": "sent_if_pending"}
    assert len(outbox(engine, email)) == before, "nothing is sent unless verification is pending"
