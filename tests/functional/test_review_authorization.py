"""Authorization of every review route: anonymous callers get 401; subscribers, store agents,
support, compliance and admin-only staff get 403 `auth.forbidden`; reviewers reach the reviewer
routes (and get 403 on the supervisor-only ones); supervisors reach all of them."""

from __future__ import annotations

import pytest

from helpers import ROLES

MISSING = "app_doesnotexist"

# name -> (call, reviewer may, supervisor-only)
ROUTES = {
    "GET queue": (lambda c: c.get("/api/v1/review/queue"), False),
    "POST next": (lambda c: c.post("/api/v1/review/next", {"channel": "store", "document_type": "none"}), False),
    "GET case": (lambda c: c.get(f"/api/v1/review/cases/{MISSING}"), False),
    "POST claim": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/claim"), False),
    "POST renew": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/renew"), False),
    "POST release": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/release"), False),
    "POST unmask": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/unmask", {"fields": ["full_name"]}), False),
    "GET document": (lambda c: c.get(f"/api/v1/review/cases/{MISSING}/documents/selfie"), False),
    "POST decision": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/decision", {"outcome": "approve"}), False),
    "POST escalate": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/escalate", {}), False),
    "POST reassign": (lambda c: c.post(f"/api/v1/review/cases/{MISSING}/reassign", {"staff_id": None}), True),
    "GET reasons": (lambda c: c.get("/api/v1/review/reasons"), False),
    "GET reviewers": (lambda c: c.get("/api/v1/review/reviewers"), True),
    "GET stats": (lambda c: c.get("/api/v1/review/stats"), True),
    "POST samples/next": (lambda c: c.post("/api/v1/review/samples/next"), False),
    "POST samples verdict": (lambda c: c.post("/api/v1/review/samples/smp_missing/verdict", {"agree": True}), False),
    "GET samples report": (lambda c: c.get("/api/v1/review/samples/report"), True),
}

DENIED_ROLES = [role for role in ROLES if role not in ("reviewer", "supervisor")]


@pytest.mark.parametrize("route", list(ROUTES))
def test_review_route_authorization(callers, route):
    call, supervisor_only = ROUTES[route]
    anonymous = call(callers["anonymous"])
    assert anonymous.status == 401, anonymous.describe()
    for caller in ["subscriber", *DENIED_ROLES]:
        response = call(callers[caller])
        assert response.status == 403 and response.code == "auth.forbidden", f"{caller}: {response.describe()}"
    reviewer = call(callers["reviewer"])
    if supervisor_only:
        assert reviewer.status == 403 and reviewer.code == "auth.forbidden", reviewer.describe()
    else:
        assert reviewer.status not in (401, 403, 500), reviewer.describe()
    supervisor = call(callers["supervisor"])
    assert supervisor.status not in (401, 403, 500), supervisor.describe()
