"""Authorization matrix: every staff role, a subscriber and an anonymous caller against every
protected route. Deny by default: 401 without a session, 403 `auth.forbidden` with the wrong
role or account kind."""

from __future__ import annotations

import pytest

from helpers import ROLES, new_staff, staff_add, strong_password, unique_email

CALLERS = ["anonymous", "subscriber", *ROLES]


def target(server):
    """A staff member for the admin routes to act on."""
    return staff_add(server.engine, ["reviewer"])


# route name -> (callable(client, server) -> response, {caller: expected status})
def expect(default_staff: int, admin: int | None = None, subscriber: int = 403) -> dict[str, int]:
    table = {"anonymous": 401, "subscriber": subscriber}
    for role in ROLES:
        table[role] = default_staff
    if admin is not None:
        table["admin"] = admin
    return table


ROUTES = {
    "GET /api/v1/me": (lambda c, s: c.get("/api/v1/me"), expect(200, subscriber=200)),
    "PATCH /api/v1/me": (lambda c, s: c.patch("/api/v1/me", {"locale": "en"}), expect(200, subscriber=200)),
    # The subscriber's password route: a wrong current password proves the route was reached.
    "POST /api/v1/auth/password": (
        lambda c, s: c.post("/api/v1/auth/password", {"current_password": strong_password(),
                                                      "new_password": strong_password()}),
        expect(403, subscriber=401)),
    "GET /api/v1/admin/staff": (lambda c, s: c.get("/api/v1/admin/staff"), expect(403, admin=200)),
    "POST /api/v1/admin/staff": (
        lambda c, s: c.post("/api/v1/admin/staff", {"email": unique_email("staff"), "roles": ["support"]}),
        expect(403, admin=201)),
    "POST /api/v1/admin/staff/{id}/disable": (
        lambda c, s: c.post(f"/api/v1/admin/staff/{target(s).id}/disable"), expect(403, admin=200)),
    "POST /api/v1/admin/staff/{id}/enable": (
        lambda c, s: c.post(f"/api/v1/admin/staff/{target(s).id}/enable"), expect(403, admin=200)),
    "PUT /api/v1/admin/staff/{id}/roles": (
        lambda c, s: c.put(f"/api/v1/admin/staff/{target(s).id}/roles", {"roles": ["support"]}),
        expect(403, admin=200)),
}

EXPECTED_CODES = {401: {"auth.unauthenticated", "auth.invalid_credentials"}, 403: {"auth.forbidden"}}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("route", list(ROUTES))
def test_authorization_matrix(_shared, callers, route, caller):
    call, table = ROUTES[route]
    response = call(callers[caller], _shared)
    expected = table[caller]
    assert response.status == expected, f"{caller} on {route}: expected {expected}, got {response.describe()}"
    if expected in EXPECTED_CODES:
        assert response.code in EXPECTED_CODES[expected], response.describe()
    if caller == "anonymous":
        assert response.code == "auth.unauthenticated"


def test_stale_staff_session_after_role_removal_is_forbidden(server, engine):
    admin = new_staff(server, engine, ["admin"])
    member = new_staff(server, engine, ["admin", "reviewer"])
    assert member.client.get("/api/v1/admin/staff").status == 200
    assert admin.client.put(f"/api/v1/admin/staff/{member.id}/roles", {"roles": ["reviewer"]}).status == 200
    response = member.client.get("/api/v1/admin/staff")
    assert response.status == 403 and response.code == "auth.forbidden"
