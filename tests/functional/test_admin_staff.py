"""Staff administration by admins."""

from __future__ import annotations

import pytest

from client import Client
from helpers import ROLES, TotpDevice, new_staff, problem, staff_log_in, staff_set_password, StaffMember, \
    totp_secret_from_uri, unique_email


@pytest.fixture
def admin(server, engine):
    return new_staff(server, engine, ["admin"])


def create(admin, email, roles, store_id=None):
    body = {"email": email, "roles": roles}
    if store_id is not None:
        body["store_id"] = store_id
    return admin.client.post("/api/v1/admin/staff", body)


def test_create_list_and_enrol(server, engine, admin):
    email = unique_email("staff")
    response = create(admin, email, ["reviewer", "supervisor"], store_id="store-042")
    assert response.status == 201, response.describe()
    created = response.json
    staff = created["staff"]
    assert staff["email"] == email and sorted(staff["roles"]) == ["reviewer", "supervisor"]
    assert staff["status"] == "active" and staff["store_id"] == "store-042" and staff["last_login_at"] is None
    assert len(created["one_time_password"]) >= 12

    listed = admin.client.get("/api/v1/admin/staff")
    assert listed.status == 200
    by_id = {item["id"]: item for item in listed.json["items"]}
    assert by_id[staff["id"]] == staff
    assert admin.id in by_id and by_id[admin.id]["last_login_at"] is not None

    # The new member enrols with what the admin was shown.
    member = StaffMember(email, ["reviewer", "supervisor"], staff["id"], created["one_time_password"],
                         TotpDevice(totp_secret_from_uri(created["totp_uri"])), created["totp_uri"])
    response = staff_set_password(Client(server.base_url), member)
    assert response.status == 200, response.describe()
    assert response.json["account"]["store_id"] == "store-042"


def test_create_refusals(server, engine, admin):
    taken = unique_email("staff")
    assert create(admin, taken, ["support"]).status == 201
    problem(create(admin, taken, ["support"]), 409, "staff.email_taken")
    problem(create(admin, taken.upper(), ["support"]), 409, "staff.email_taken")
    cases = [
        (unique_email("staff"), ["superuser"], ("/roles", "roles.invalid")),
        (unique_email("staff"), ["reviewer", "root"], ("/roles", "roles.invalid")),
        (unique_email("staff"), [], ("/roles", "roles.empty")),
        ("not-an-email", ["reviewer"], ("/email", "email.invalid")),
    ]
    for email, roles, expected in cases:
        response = create(admin, email, roles)
        problem(response, 422, "validation.failed")
        assert expected in response.field_codes(), (email, roles, response.describe())


def test_disable_enable_and_self_lockout(server, engine, admin):
    member = new_staff(server, engine, ["reviewer"])
    response = admin.client.post(f"/api/v1/admin/staff/{member.id}/disable")
    assert response.status == 200 and response.json["staff"]["status"] == "disabled"
    response = admin.client.post(f"/api/v1/admin/staff/{member.id}/enable")
    assert response.status == 200 and response.json["staff"]["status"] == "active"
    assert staff_log_in(Client(server.base_url), member).status == 200

    problem(admin.client.post(f"/api/v1/admin/staff/{admin.id}/disable"), 409, "staff.self_lockout")
    problem(admin.client.put(f"/api/v1/admin/staff/{admin.id}/roles", {"roles": ["reviewer"]}),
            409, "staff.self_lockout")
    assert admin.client.get("/api/v1/me").json["roles"] == ["admin"], "refusals change nothing"


def test_unknown_staff_is_404(server, admin):
    missing = "stf_doesnotexist000000"
    problem(admin.client.post(f"/api/v1/admin/staff/{missing}/disable"), 404, "staff.not_found")
    problem(admin.client.post(f"/api/v1/admin/staff/{missing}/enable"), 404, "staff.not_found")
    problem(admin.client.put(f"/api/v1/admin/staff/{missing}/roles", {"roles": ["reviewer"]}), 404, "staff.not_found")


def test_set_roles(server, engine, admin):
    member = new_staff(server, engine, ["reviewer"])
    response = admin.client.put(f"/api/v1/admin/staff/{member.id}/roles", {"roles": list(ROLES)})
    assert response.status == 200 and sorted(response.json["staff"]["roles"]) == sorted(ROLES)
    assert sorted(member.client.get("/api/v1/me").json["roles"]) == sorted(ROLES), "takes effect on live sessions"
    response = admin.client.put(f"/api/v1/admin/staff/{member.id}/roles", {"roles": ["support"]})
    assert response.status == 200 and response.json["staff"]["roles"] == ["support"]
    # Losing admin takes effect at once.
    problem(member.client.get("/api/v1/admin/staff"), 403, "auth.forbidden")
    for roles, expected in (([], ("/roles", "roles.empty")), (["boss"], ("/roles", "roles.invalid"))):
        response = admin.client.put(f"/api/v1/admin/staff/{member.id}/roles", {"roles": roles})
        problem(response, 422, "validation.failed")
        assert expected in response.field_codes()
    # An admin may keep admin while changing the rest of their roles.
    response = admin.client.put(f"/api/v1/admin/staff/{admin.id}/roles", {"roles": ["admin", "compliance"]})
    assert response.status == 200 and sorted(response.json["staff"]["roles"]) == ["admin", "compliance"]


def test_staff_me_and_locale(server, engine):
    member = new_staff(server, engine, ["compliance"])
    me = member.client.get("/api/v1/me")
    assert me.status == 200 and me.json["kind"] == "staff" and me.json["store_id"] is None
    response = member.client.patch("/api/v1/me", {"locale": "zh-CN"})
    assert response.status == 200 and response.json["locale"] == "zh-CN" and response.json["kind"] == "staff"
