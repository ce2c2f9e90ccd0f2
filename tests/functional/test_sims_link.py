"""Proof of SIM possession: a signed-in subscriber adds a line by MSISDN and the 6-digit code the
line receives by SMS (read here with `simreg outbox list --to +86... --json`). Codes expire after 5
minutes and allow 5 tries, resends are limited, and the answers never reveal whether a number is in
the inventory. Also: who may call these routes, and CSRF on them."""

from __future__ import annotations

import pytest

from client import Client
from helpers import (CODE_RE, confirm_link, cn_msisdn, import_lines, national_number, new_staff,
                     new_subscriber, outbox, parse_time, problem, request_link, sms_code, spaced, wrong_code)

LINK_KEYS = {"msisdn", "expires_in_seconds", "resend_after_seconds"}
LINE_KEYS = {"id", "msisdn", "iccid_last4", "status", "activated_at", "registration_deadline", "linked_at",
             "application_id"}


def lines_of(client: Client) -> list[dict]:
    response = client.get("/api/v1/sims")
    assert response.status == 200, response.describe()
    return response.json["lines"]


def test_link_a_line_by_sms_code(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    [(msisdn, iccid)] = import_lines(engine, tmp_path, 1)
    assert lines_of(subscriber.client) == []

    response = request_link(subscriber.client, spaced(msisdn))
    assert response.status == 202, response.describe()
    assert response.json == {"msisdn": msisdn, "expires_in_seconds": 300,
                             "resend_after_seconds": response.json["resend_after_seconds"]}
    assert response.json["resend_after_seconds"] >= 30
    [message] = outbox(engine, msisdn)
    assert message["channel"] == "sms" and message["to"] == msisdn
    assert len(CODE_RE.findall(message["body"])) == 1, "the SMS carries one 6-digit code"
    assert iccid not in message["body"]

    response = confirm_link(subscriber.client, national_number(msisdn), sms_code(engine, msisdn))
    assert response.status == 200, response.describe()
    line = response.json["line"]
    assert set(line) == LINE_KEYS
    assert line["msisdn"] == msisdn and line["iccid_last4"] == iccid[-4:]
    assert line["status"] == "unregistered" and line["application_id"] is None
    assert line["linked_at"] is not None and parse_time(line["linked_at"])
    assert lines_of(subscriber.client) == [line]
    # Nobody else sees it.
    assert lines_of(new_subscriber(server, engine).client) == []


def test_unknown_number_answers_like_a_known_one_and_gets_no_sms(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    [(known, _)] = import_lines(engine, tmp_path, 1)
    unknown = cn_msisdn()
    known_response = request_link(subscriber.client, known)
    unknown_response = request_link(subscriber.client, unknown)
    assert known_response.status == unknown_response.status == 202, unknown_response.describe()
    assert set(known_response.json) == set(unknown_response.json) == LINK_KEYS
    assert unknown_response.json["msisdn"] == unknown
    for key in ("expires_in_seconds", "resend_after_seconds"):
        assert known_response.json[key] == unknown_response.json[key]
    assert len(outbox(engine, known)) == 1
    assert outbox(engine, unknown) == [], "no SMS to a number that is not in the inventory"

    # Confirming: the unknown number and a wrong code for the known one answer alike.
    code = sms_code(engine, known)
    wrong = confirm_link(subscriber.client, known, wrong_code(code))
    absent = confirm_link(subscriber.client, unknown, code)
    problem(wrong, 422, "sims.code_invalid")
    problem(absent, 422, "sims.code_invalid")
    assert set(wrong.json) == set(absent.json)
    assert wrong.json["detail"] == absent.json["detail"]
    assert lines_of(subscriber.client) == []


@pytest.mark.parametrize("msisdn,codes", [
    ("12345", {"msisdn.invalid"}),
    ("not a number", {"msisdn.invalid"}),
    ("+86 139 1234", {"msisdn.invalid"}),
    ("+44 7911 123456", {"msisdn.invalid", "msisdn.wrong_country"}),
])
def test_link_refuses_what_is_no_mobile_number_of_the_country(server, engine, msisdn, codes):
    subscriber = new_subscriber(server, engine)
    response = request_link(subscriber.client, msisdn)
    problem(response, 422, "validation.failed")
    got = response.field_codes()
    assert len(got) == 1, got
    [(field, code)] = got
    assert field == "/msisdn" and code in codes, got


def test_wrong_code_five_times_then_429(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    assert request_link(subscriber.client, msisdn).status == 202
    code = sms_code(engine, msisdn)
    for _ in range(5):
        problem(confirm_link(subscriber.client, msisdn, wrong_code(code)), 422, "sims.code_invalid")
    response = confirm_link(subscriber.client, msisdn, code)
    problem(response, 429, "sims.too_many_attempts")
    assert int(response.header("Retry-After")) >= 1
    assert lines_of(subscriber.client) == [], "the right code after five wrong ones does not link"


def test_resend_too_soon_is_429_with_retry_after(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    first = request_link(subscriber.client, msisdn)
    assert first.status == 202, first.describe()
    again = request_link(subscriber.client, msisdn)
    problem(again, 429, "sims.resend_too_soon")
    retry_after = int(again.header("Retry-After"))
    assert 1 <= retry_after <= first.json["resend_after_seconds"]
    assert len(outbox(engine, msisdn)) == 1, "no second SMS"
    # The first code still works.
    response = confirm_link(subscriber.client, msisdn, sms_code(engine, msisdn))
    assert response.status == 200, response.describe()


def test_a_code_is_bound_to_its_number(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    (first, _), (second, _) = import_lines(engine, tmp_path, 2)
    assert request_link(subscriber.client, first).status == 202
    assert request_link(subscriber.client, second).status == 202
    first_code, second_code = sms_code(engine, first), sms_code(engine, second)
    if first_code != second_code:
        problem(confirm_link(subscriber.client, second, first_code), 422, "sims.code_invalid")
    assert confirm_link(subscriber.client, second, second_code).status == 200
    assert [line["msisdn"] for line in lines_of(subscriber.client)] == [second]


# -- who may call, CSRF -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def staff_client(_shared):
    return new_staff(_shared, _shared.engine, ["support"]).client


SIMS_ROUTES = {
    "GET /api/v1/sims": lambda c: c.get("/api/v1/sims"),
    "POST /api/v1/sims/link": lambda c: request_link(c, cn_msisdn()),
    "POST /api/v1/sims/link/confirm": lambda c: confirm_link(c, cn_msisdn(), "123456"),
}


@pytest.mark.parametrize("route", list(SIMS_ROUTES))
def test_sims_routes_need_a_subscriber(server, staff_client, route):
    problem(SIMS_ROUTES[route](Client(server.base_url)), 401, "auth.unauthenticated")
    problem(SIMS_ROUTES[route](staff_client), 403, "auth.forbidden")


@pytest.mark.parametrize("case", ["missing token", "foreign Origin"])
def test_sims_unsafe_routes_need_csrf(server, engine, tmp_path, case):
    kwargs = {"missing token": dict(csrf=False), "foreign Origin": dict(origin="http://evil.example")}[case]
    subscriber = new_subscriber(server, engine)
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    problem(request_link(subscriber.client, msisdn, **kwargs), 403, "csrf.failed")
    assert outbox(engine, msisdn) == [], "a refused request sends nothing"
    assert request_link(subscriber.client, msisdn).status == 202
    code = sms_code(engine, msisdn)
    problem(confirm_link(subscriber.client, msisdn, code, **kwargs), 403, "csrf.failed")
    assert lines_of(subscriber.client) == []
    assert confirm_link(subscriber.client, msisdn, code).status == 200

