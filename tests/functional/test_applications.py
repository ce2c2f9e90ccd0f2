"""Registration applications: start a draft for one's own lines (within the SIMs-per-person cap),
fill the identity with real validation (GB 11643 check digit, birth date and sex inside the
number, minimum age, expiry), where any error saves nothing; another subscriber's application does
not exist for the caller; who may call, and CSRF."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from client import Client
from images import good_jpeg
from helpers import (cn_id_check_char, cn_resident_id, draft_with_identity, get_application, new_staff, new_subscriber,
                     patch_identity, problem, start_application, submit, subscriber_with_lines, today_cn,
                     upload, valid_identity, wrong_check_char, years_before)

IDENTITY_FIELDS = ["full_name", "date_of_birth", "sex", "nationality", "address", "document_type",
                   "document_number", "document_expiry", "contact_phone"]
DOB = dt.date(1990, 5, 17)


def test_start_a_draft(server, engine, tmp_path):
    subscriber, lines = subscriber_with_lines(server, engine, tmp_path, 2)
    line_ids = [line["id"] for line in lines]
    response = start_application(subscriber.client, line_ids)
    assert response.status == 201, response.describe()
    application = response.json
    assert application["status"] == "draft" and application["channel"] == "online"
    assert sorted(application["line_ids"]) == sorted(line_ids)
    assert sorted(line["id"] for line in application["lines"]) == sorted(line_ids)
    assert application["identity"] == {field: None for field in IDENTITY_FIELDS}
    assert application["documents"] == {}
    assert application["submitted_at"] is None and application["due_at"] is None
    assert application["decision"] is None and application["decided_at"] is None
    assert [(h["status"], h["actor"]) for h in application["history"]] == [("draft", "subscriber")]
    assert {f"/identity/{field}" for field in IDENTITY_FIELDS if field != "document_expiry"} <= set(
        application["missing"])
    assert get_application(subscriber.client, application["id"]) == application
    listed = subscriber.client.get("/api/v1/applications")
    assert listed.status == 200, listed.describe()
    assert [(a["id"], a["status"]) for a in listed.json["applications"]] == [(application["id"], "draft")]


def test_one_draft_at_a_time(server, engine, tmp_path):
    subscriber, lines = subscriber_with_lines(server, engine, tmp_path, 1)
    first = start_application(subscriber.client, [lines[0]["id"]])
    assert first.status == 201, first.describe()
    again = start_application(subscriber.client, [lines[0]["id"]])
    body = problem(again, 409, "applications.draft_exists")
    assert body["application_id"] == first.json["id"]
    assert len(subscriber.client.get("/api/v1/applications").json["applications"]) == 1


def test_more_lines_than_the_cap(server, engine, tmp_path):
    subscriber, lines = subscriber_with_lines(server, engine, tmp_path, 6)
    line_ids = [line["id"] for line in lines]
    response = start_application(subscriber.client, line_ids)
    assert response.status == 422, response.describe()
    assert response.code == "application.cap_exceeded" or (
        response.code == "validation.failed" and ("/line_ids", "application.cap_exceeded") in response.field_codes()
    ), response.describe()
    assert subscriber.client.get("/api/v1/applications").json["applications"] == []
    response = start_application(subscriber.client, line_ids[:5])
    assert response.status == 201, response.describe()


def test_lines_must_be_my_own(server, engine, tmp_path):
    owner, lines = subscriber_with_lines(server, engine, tmp_path, 1)
    other = new_subscriber(server, engine)
    for line_ids in ([lines[0]["id"]], ["line_does_not_exist"]):
        response = start_application(other.client, line_ids)
        assert response.status == 422, response.describe()
    assert other.client.get("/api/v1/applications").json["applications"] == []
    assert start_application(owner.client, [lines[0]["id"]]).status == 201


def test_identity_is_saved_and_shown_to_the_owner(server, engine, tmp_path):
    identity = valid_identity()
    subscriber, application = draft_with_identity(server, engine, tmp_path, identity)
    assert application["identity"] == identity
    assert application["required_documents"] == ["id_front", "id_back", "selfie"]
    assert sorted(application["missing"]) == ["/documents/id_back", "/documents/id_front", "/documents/selfie"]
    assert get_application(subscriber.client, application["id"])["identity"] == identity
    # Partial updates leave the other fields alone; null clears a field.
    response = patch_identity(subscriber.client, application["id"], {"address": None})
    assert response.status == 200, response.describe()
    assert response.json["identity"] == {**identity, "address": None}
    assert "/identity/address" in response.json["missing"]
    new_address = f"Renmin Lu 88, Shanghai {uuid.uuid4().hex[:6]}"
    response = patch_identity(subscriber.client, application["id"], {"address": new_address})
    assert response.json["identity"] == {**identity, "address": new_address}


def test_lowercase_x_check_character_is_accepted(server, engine, tmp_path):
    # Find a birth date / order code whose check character is X.
    while True:
        number = cn_resident_id(DOB, "F")
        if number.endswith("X"):
            break
    subscriber, application = draft_with_identity(server, engine, tmp_path,
                                                  valid_identity(document_number=number[:-1] + "x"))
    assert application["identity"]["document_number"].upper() == number


# -- validation: a request with any error changes nothing -----------------------------------------
@pytest.fixture(scope="module")
def validation_draft(_shared, tmp_path_factory):
    """One draft with a complete, valid identity; every case below fails and must leave it as is."""
    subscriber, application = draft_with_identity(_shared, _shared.engine, tmp_path_factory.mktemp("draft"),
                                                  valid_identity(DOB, "F"))
    return subscriber, application


def _with_check(first17: str) -> str:
    return first17 + cn_id_check_char(first17)


def _today() -> dt.date:
    return today_cn()


def _minor_dob() -> dt.date:
    return years_before(_today(), 10)


def _almost_16_dob() -> dt.date:
    return years_before(_today(), 16) + dt.timedelta(days=3)


VALIDATION_CASES = {
    # name: (identity changes as a function of the valid identity, expected (field, code) pairs)
    "bad check digit": (lambda i: {"document_number": wrong_check_char(i["document_number"])},
                        {("/identity/document_number", "id.check_digit")}),
    "number too short": (lambda i: {"document_number": "11010119900517"},
                         {("/identity/document_number", "id.format")}),
    "letters in the number": (lambda i: {"document_number": "11010A199005170024"},
                              {("/identity/document_number", "id.format")}),
    "unknown region": (lambda i: {"document_number": _with_check("990101199005170" + "02")},
                       {("/identity/document_number", "id.region_unknown")}),
    "date of birth differs from the number": (lambda i: {"date_of_birth": "1990-05-18"},
                                              {("/identity/document_number", "id.birth_date_mismatch")}),
    "sex differs from the number": (lambda i: {"sex": "M"},
                                    {("/identity/document_number", "id.sex_mismatch")}),
    "under the minimum age": (lambda i: {"date_of_birth": _minor_dob().isoformat(),
                                         "document_number": cn_resident_id(_minor_dob(), "F")},
                              {("/identity/date_of_birth", "age.under_minimum")}),
    "16 in three days": (lambda i: {"date_of_birth": _almost_16_dob().isoformat(),
                                    "document_number": cn_resident_id(_almost_16_dob(), "F")},
                         {("/identity/date_of_birth", "age.under_minimum")}),
    "born in the future": (lambda i: {"date_of_birth": (_today() + dt.timedelta(days=30)).isoformat()},
                           {("/identity/date_of_birth", "age.in_future")}),
    "expired document": (lambda i: {"document_expiry": (_today() - dt.timedelta(days=2)).isoformat()},
                         {("/identity/document_expiry", "document.expired")}),
    "date not YYYY-MM-DD": (lambda i: {"document_expiry": "30/06/2031"},
                            {("/identity/document_expiry", "date.format")}),
    "impossible date": (lambda i: {"date_of_birth": "1990-02-30"},
                        {("/identity/date_of_birth", "date.impossible")}),
    "document type not offered": (lambda i: {"document_type": "us_drivers_license"},
                                  {("/identity/document_type", "document_type.not_accepted")}),
    "unknown nationality": (lambda i: {"nationality": "ZZ"}, {("/identity/nationality", "nationality.invalid")}),
    "resident card of a foreigner": (lambda i: {"nationality": "US"},
                                     {("/identity/nationality", "nationality.invalid")}),
    "name too long": (lambda i: {"full_name": "W" * 201}, {("/identity/full_name", "field.too_long")}),
    "contact phone": (lambda i: {"contact_phone": "12345"}, {("/identity/contact_phone", "msisdn.invalid")}),
}


@pytest.mark.parametrize("case", list(VALIDATION_CASES))
def test_invalid_identity_is_refused_and_nothing_is_saved(server, validation_draft, case):
    subscriber, application = validation_draft
    before = get_application(subscriber.client, application["id"])
    changes, expected = VALIDATION_CASES[case]
    patch = {"full_name": f"Li Na {uuid.uuid4().hex[:6]}", **changes(before["identity"])}
    response = patch_identity(subscriber.client, application["id"], patch)
    problem(response, 422, "validation.failed")
    assert expected <= response.field_codes(), f"{case}: {response.field_codes()}"
    entered = [v for v in patch.values() if isinstance(v, str) and len(v) >= 8]
    for error in response.json["errors"]:
        assert error["field"].startswith("/identity/"), error
        assert not [v for v in entered if v in error["message"]], f"messages never repeat personal values: {error}"
    assert not [v for v in entered if v in response.json["detail"]]
    after = get_application(subscriber.client, application["id"])
    assert after["identity"] == before["identity"], "a refused PATCH saves nothing, not even the valid fields"
    assert after["updated_at"] == before["updated_at"]


def test_several_errors_are_reported_together(server, validation_draft):
    subscriber, application = validation_draft
    response = patch_identity(subscriber.client, application["id"], {
        "document_number": wrong_check_char(application["identity"]["document_number"]),
        "document_expiry": "2001-01-01", "nationality": "ZZ"})
    problem(response, 422, "validation.failed")
    assert {("/identity/document_number", "id.check_digit"), ("/identity/document_expiry", "document.expired"),
            ("/identity/nationality", "nationality.invalid")} <= response.field_codes()


def test_another_subscribers_application_does_not_exist_for_me(server, engine, tmp_path):
    owner, application = draft_with_identity(server, engine, tmp_path)
    stranger = new_subscriber(server, engine)
    app_id = application["id"]
    calls = [
        lambda c: c.get(f"/api/v1/applications/{app_id}"),
        lambda c: patch_identity(c, app_id, {"full_name": "Someone Else"}),
        lambda c: upload(c, app_id, "selfie", good_jpeg("selfie")),
        lambda c: submit(c, app_id),
    ]
    for call in calls:
        problem(call(stranger.client), 404, "application.not_found")
    assert stranger.client.get("/api/v1/applications").json["applications"] == []
    problem(owner.client.get("/api/v1/applications/app_doesnotexist0000"), 404, "application.not_found")
    assert get_application(owner.client, app_id) == application


# -- who may call, CSRF -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def staff_client(_shared):
    return new_staff(_shared, _shared.engine, ["reviewer"]).client


APP = "app_doesnotexist0000"
APPLICATION_ROUTES = {
    "GET /api/v1/applications": lambda c: c.get("/api/v1/applications"),
    "POST /api/v1/applications": lambda c: start_application(c, ["line_x"]),
    "GET /api/v1/applications/{id}": lambda c: c.get(f"/api/v1/applications/{APP}"),
    "PATCH /api/v1/applications/{id}": lambda c: patch_identity(c, APP, {"full_name": "X"}),
    "PUT /api/v1/applications/{id}/documents/{kind}": lambda c: upload(c, APP, "selfie", b"\xff\xd8\xff" + b"\x00" * 64),
    "POST /api/v1/applications/{id}/submit": lambda c: submit(c, APP),
}


@pytest.mark.parametrize("route", list(APPLICATION_ROUTES))
def test_application_routes_need_a_subscriber(server, staff_client, route):
    problem(APPLICATION_ROUTES[route](Client(server.base_url)), 401, "auth.unauthenticated")
    problem(APPLICATION_ROUTES[route](staff_client), 403, "auth.forbidden")


@pytest.mark.parametrize("case", ["missing token", "foreign Origin"])
def test_application_unsafe_routes_need_csrf(server, engine, tmp_path, case):
    kwargs = {"missing token": dict(csrf=False), "foreign Origin": dict(origin="http://evil.example")}[case]
    subscriber, lines = subscriber_with_lines(server, engine, tmp_path, 1)
    client = subscriber.client
    problem(start_application(client, [lines[0]["id"]], **kwargs), 403, "csrf.failed")
    assert client.get("/api/v1/applications").json["applications"] == []
    response = start_application(client, [lines[0]["id"]])
    assert response.status == 201, response.describe()
    app_id = response.json["id"]
    problem(patch_identity(client, app_id, valid_identity(), **kwargs), 403, "csrf.failed")
    problem(upload(client, app_id, "selfie", good_jpeg("selfie"), **kwargs), 403, "csrf.failed")
    problem(submit(client, app_id, **kwargs), 403, "csrf.failed")
    after = get_application(client, app_id)
    assert after["identity"] == response.json["identity"] and after["documents"] == {}
    assert after["status"] == "draft"
