"""Staff sign-in: one-time password → password change with TOTP enrolment, TOTP codes usable
once, disabled staff refused."""

from __future__ import annotations

from client import SESSION_COOKIE, Client
from helpers import (new_staff, new_subscriber, problem, staff_add, staff_log_in, staff_set_password, strong_password,
                     totp_secret_from_uri, unique_email)


def test_first_sign_in_requires_password_change_with_totp_uri(server, engine):
    member = staff_add(engine, ["reviewer"])
    client = Client(server.base_url)
    # The authenticator is not enrolled yet, so no valid code can be expected at this point.
    response = staff_log_in(client, member, totp=member.totp.invalid_code())
    body = problem(response, 403, "auth.password_change_required")
    assert body["totp_uri"].startswith("otpauth://totp/")
    # The URI is what the authenticator app enrols from: it must carry the very secret the codes
    # are checked against (`totp_secret` of `simreg staff add --json`), base32 once.
    assert totp_secret_from_uri(body["totp_uri"]) == member.totp.secret
    assert totp_secret_from_uri(member.totp_uri) == member.totp.secret
    assert client.session_token is None, "no session before the password is replaced"

    response = staff_set_password(client, member)
    assert response.status == 200, response.describe()
    account = response.json["account"]
    assert account["kind"] == "staff" and account["id"] == member.id and account["roles"] == ["reviewer"]
    assert response.cookie(SESSION_COOKIE) is not None
    me = client.get("/api/v1/me")
    assert me.status == 200 and me.json == account
    # The one-time password is gone.
    problem(staff_log_in(Client(server.base_url), member, totp=member.totp.invalid_code(),
                         password=member.one_time_password), 401, "auth.invalid_credentials")


def test_staff_password_rules(server, engine):
    member = staff_add(engine, ["reviewer"])
    local = member.email.split("@")[0]
    for new_password, code in (("too-short", "password.too_short"), ("z" * 129, "password.too_long"),
                               (f"{local.upper()}-and-more", "password.contains_email")):
        response = Client(server.base_url).post("/api/v1/staff/auth/password", {
            "email": member.email, "password": member.one_time_password, "new_password": new_password,
            "totp": member.totp.next_code()})
        problem(response, 422, "validation.failed")
        assert ("/new_password", code) in response.field_codes()


def test_sign_in_with_totp_and_no_code_reuse(server, engine):
    member = new_staff(server, engine, ["support"])
    client = Client(server.base_url)
    response = staff_log_in(client, member)
    assert response.status == 200, response.describe()
    assert response.json["account"]["roles"] == ["support"]
    assert client.get("/api/v1/me").json["kind"] == "staff"
    # The same code again, with the right password: refused.
    again = staff_log_in(Client(server.base_url), member, totp=member.totp.reused_code())
    problem(again, 401, "auth.invalid_credentials")


def test_staff_sign_in_failures_look_the_same(server, engine):
    member = new_staff(server, engine, ["compliance"])
    cases = {
        "wrong totp": dict(totp=member.totp.invalid_code()),
        "wrong password": dict(password=strong_password(), totp=member.totp.invalid_code()),
    }
    bodies = []
    for name, kwargs in cases.items():
        response = staff_log_in(Client(server.base_url), member, **kwargs)
        bodies.append({k: v for k, v in problem(response, 401, "auth.invalid_credentials").items()
                       if k != "request_id"})
    unknown = Client(server.base_url).post("/api/v1/staff/auth/login", {
        "email": unique_email("staff"), "password": strong_password(), "totp": "123456"})
    bodies.append({k: v for k, v in problem(unknown, 401, "auth.invalid_credentials").items() if k != "request_id"})
    assert all(body == bodies[0] for body in bodies), bodies


def test_subscriber_credentials_do_not_open_staff_sign_in(server, engine):
    subscriber = new_subscriber(server, engine, signed_in=False)
    response = Client(server.base_url).post("/api/v1/staff/auth/login", {
        "email": subscriber.email, "password": subscriber.password, "totp": "123456"})
    problem(response, 401, "auth.invalid_credentials")


def test_later_password_change(server, engine):
    member = new_staff(server, engine, ["supervisor"])
    old_password = member.password
    other_session = member.client
    client = Client(server.base_url)
    response = staff_set_password(client, member)
    assert response.status == 200, response.describe()
    assert member.password != old_password
    problem(staff_log_in(Client(server.base_url), member, password=old_password,
                         totp=member.totp.invalid_code()), 401, "auth.invalid_credentials")
    # Changing the password ends the other sessions.
    problem(other_session.get("/api/v1/me"), 401, "auth.unauthenticated")
    assert client.get("/api/v1/me").status == 200


def test_disabled_staff_cannot_sign_in(server, engine):
    admin = new_staff(server, engine, ["admin"])
    member = new_staff(server, engine, ["store_agent"])
    session = member.client
    response = admin.client.post(f"/api/v1/admin/staff/{member.id}/disable")
    assert response.status == 200 and response.json["staff"]["status"] == "disabled", response.describe()
    problem(staff_log_in(Client(server.base_url), member), 403, "auth.account_disabled")
    # Disabling must also end the sessions the member already has.
    problem(session.get("/api/v1/me"), 401, "auth.unauthenticated")
    response = admin.client.post(f"/api/v1/admin/staff/{member.id}/enable")
    assert response.status == 200 and response.json["staff"]["status"] == "active"
