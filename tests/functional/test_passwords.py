"""Password reset by e-mailed code and password change while signed in."""

from __future__ import annotations

from client import Client
from helpers import (log_in, new_subscriber, outbox, problem, reset_code, strong_password, unique_email,
                     wrong_code)


def request_reset(client: Client, email: str):
    return client.post("/api/v1/auth/password-reset", {"email": email})


def confirm_reset(client: Client, email: str, code: str, new_password: str):
    return client.post("/api/v1/auth/password-reset/confirm",
                       {"email": email, "code": code, "new_password": new_password})


def test_password_reset_flow(server, engine):
    subscriber = new_subscriber(server, engine)
    other_device = Client(server.base_url)
    assert log_in(other_device, subscriber.email, subscriber.password).status == 200
    anonymous = Client(server.base_url)

    response = request_reset(anonymous, subscriber.email)
    assert response.status == 202 and response.json == {"status": "sent_if_registered"}
    code = reset_code(engine, subscriber.email)

    problem(confirm_reset(anonymous, subscriber.email, wrong_code(code), strong_password()), 400, "auth.invalid_code")
    weak = confirm_reset(anonymous, subscriber.email, code, "short")
    problem(weak, 422, "validation.failed")
    assert ("/new_password", "password.too_short") in weak.field_codes()

    new_password = strong_password()
    response = confirm_reset(anonymous, subscriber.email, code, new_password)
    assert response.status == 200 and response.json == {"status": "password_changed"}
    # Every session of the account is revoked.
    problem(subscriber.client.get("/api/v1/me"), 401, "auth.unauthenticated")
    problem(other_device.get("/api/v1/me"), 401, "auth.unauthenticated")
    # The code is spent; the old password is dead; the new one works.
    problem(confirm_reset(anonymous, subscriber.email, code, strong_password()), 400, "auth.invalid_code")
    problem(log_in(Client(server.base_url), subscriber.email, subscriber.password), 401, "auth.invalid_credentials")
    assert log_in(Client(server.base_url), subscriber.email, new_password).status == 200


def test_password_reset_rules_include_the_email(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    client = Client(server.base_url)
    assert request_reset(client, subscriber.email).status == 202
    local = subscriber.email.split("@")[0]
    response = confirm_reset(client, subscriber.email, reset_code(engine, subscriber.email), f"X{local.upper()}-123")
    problem(response, 422, "validation.failed")
    assert ("/new_password", "password.contains_email") in response.field_codes()


def test_password_reset_unknown_email_is_202_and_sends_nothing(server, engine):
    email = unique_email()
    response = request_reset(Client(server.base_url), email)
    assert response.status == 202 and response.json == {"status": "sent_if_registered"}
    assert outbox(engine, email) == []
    problem(confirm_reset(Client(server.base_url), email, "123456", strong_password()), 400, "auth.invalid_code")


def test_change_password_while_signed_in(server, engine):
    subscriber = new_subscriber(server, engine)
    client = subscriber.client
    other_device = Client(server.base_url)
    assert log_in(other_device, subscriber.email, subscriber.password).status == 200
    old_cookie = client.clone_session()

    wrong = client.post("/api/v1/auth/password", {"current_password": strong_password(),
                                                  "new_password": strong_password()})
    problem(wrong, 401, "auth.invalid_credentials")
    weak = client.post("/api/v1/auth/password", {"current_password": subscriber.password, "new_password": "x" * 129})
    problem(weak, 422, "validation.failed")
    assert ("/new_password", "password.too_long") in weak.field_codes()
    assert client.get("/api/v1/me").status == 200, "failed attempts keep the session"

    new_password = strong_password()
    response = client.post("/api/v1/auth/password", {"current_password": subscriber.password,
                                                     "new_password": new_password})
    assert response.status == 200, response.describe()
    assert response.json["account"]["email"] == subscriber.email
    assert client.session_token and client.session_token != old_cookie.session_token, "a new session cookie"
    assert client.get("/api/v1/me").status == 200
    problem(other_device.get("/api/v1/me"), 401, "auth.unauthenticated")
    problem(old_cookie.get("/api/v1/me"), 401, "auth.unauthenticated")
    problem(log_in(Client(server.base_url), subscriber.email, subscriber.password), 401, "auth.invalid_credentials")
    assert log_in(Client(server.base_url), subscriber.email, new_password).status == 200


def test_change_password_needs_a_session(server):
    response = Client(server.base_url).post("/api/v1/auth/password", {"current_password": strong_password(),
                                                                      "new_password": strong_password()})
    problem(response, 401, "auth.unauthenticated")
