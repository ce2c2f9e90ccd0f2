"""The online registration end to end through the API alone: sign up, verify, link a line by SMS
code, start an application, fill the identity, upload the required images, submit with the
declaration, and see it submitted with a due date and the line pending. Then what submission
refuses (a missing image, no declaration, missing fields) and what can no longer change; and a line
another person applied for cannot be claimed."""

from __future__ import annotations

import datetime as dt

import images
from helpers import (accepted_upload, confirm_link, draft_with_identity, get_application, import_lines,
                     link_line, new_subscriber, patch_identity, parse_time, problem, request_link, sms_code,
                     start_application, submit, upload, valid_identity)

IDENTITY_FIELDS = ["full_name", "date_of_birth", "sex", "nationality", "address", "document_type",
                   "document_number", "document_expiry", "contact_phone"]


def lines_of(client) -> list[dict]:
    response = client.get("/api/v1/sims")
    assert response.status == 200, response.describe()
    return response.json["lines"]


def test_register_a_line_online(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine, locale="zh-CN")
    client = subscriber.client
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    line = link_line(client, engine, msisdn)

    response = start_application(client, [line["id"]])
    assert response.status == 201, response.describe()
    app_id = response.json["id"]
    identity = valid_identity()
    response = patch_identity(client, app_id, identity)
    assert response.status == 200, response.describe()
    assert response.json["required_documents"] == ["id_front", "id_back", "selfie"]
    for kind in response.json["required_documents"]:
        accepted_upload(client, app_id, kind, images.good_jpeg(kind))
    ready = get_application(client, app_id)
    assert ready["missing"] == [] and ready["status"] == "draft"
    assert set(ready["documents"]) == {"id_front", "id_back", "selfie"}

    before = dt.datetime.now(dt.timezone.utc)
    response = submit(client, app_id, True)
    assert response.status == 200, response.describe()
    application = response.json
    assert application["status"] == "submitted"
    submitted_at, due_at = parse_time(application["submitted_at"]), parse_time(application["due_at"])
    assert before - dt.timedelta(seconds=5) <= submitted_at <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=5)
    # Two business days of review: at least two calendar days, at most a long holiday more.
    assert dt.timedelta(days=2) <= due_at - submitted_at <= dt.timedelta(days=14), (submitted_at, due_at)
    assert due_at > dt.datetime.now(dt.timezone.utc)
    assert [(h["status"], h["actor"]) for h in application["history"]] == [("draft", "subscriber"),
                                                                           ("submitted", "subscriber")]
    assert application["identity"] == identity
    assert get_application(client, app_id) == application
    [pending] = lines_of(client)
    assert pending["id"] == line["id"] and pending["status"] == "pending" and pending["application_id"] == app_id
    assert application["lines"] == [pending]
    [summary] = client.get("/api/v1/applications").json["applications"]
    assert (summary["id"], summary["status"], summary["due_at"]) == (app_id, "submitted", application["due_at"])

    # Submitted: no more changes by the subscriber.
    problem(patch_identity(client, app_id, {"full_name": "Changed Name"}), 409, "application.not_editable")
    problem(upload(client, app_id, "selfie", images.good_jpeg("selfie")), 409, "application.not_editable")
    problem(submit(client, app_id, True), 409, "application.not_editable")
    assert get_application(client, app_id) == application

    # Someone else, even with the line's SMS code, cannot take the line over.
    other = new_subscriber(server, engine)
    response = request_link(other.client, msisdn)
    assert response.status == 202, response.describe()
    problem(confirm_link(other.client, msisdn, sms_code(engine, msisdn)), 409, "sims.held_by_another_person")
    assert lines_of(other.client) == []
    assert lines_of(client) == [pending]


def test_submission_needs_every_image_and_the_declaration(server, engine, tmp_path):
    subscriber, application = draft_with_identity(server, engine, tmp_path)
    client, app_id = subscriber.client, application["id"]
    for kind in ("id_front", "id_back"):
        accepted_upload(client, app_id, kind, images.good_jpeg(kind))

    response = submit(client, app_id, True)
    problem(response, 422, "validation.failed")
    assert response.field_codes() == {("/documents/selfie", "document.missing")}
    assert get_application(client, app_id)["status"] == "draft"
    assert [line["status"] for line in lines_of(client)] == ["unregistered"]

    accepted_upload(client, app_id, "selfie", images.good_jpeg("selfie"))
    for body in ({"declaration_accepted": False}, {}):
        response = client.post(f"/api/v1/applications/{app_id}/submit", body)
        problem(response, 422, "validation.failed")
        assert ("/declaration_accepted", "declaration.required") in response.field_codes()
        assert get_application(client, app_id)["status"] == "draft"

    response = submit(client, app_id, True)
    assert response.status == 200 and response.json["status"] == "submitted", response.describe()


def test_submitting_an_empty_draft_lists_everything_missing(server, engine, tmp_path):
    subscriber = new_subscriber(server, engine)
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    line = link_line(subscriber.client, engine, msisdn)
    response = start_application(subscriber.client, [line["id"]])
    assert response.status == 201, response.describe()
    response = submit(subscriber.client, response.json["id"], False)
    problem(response, 422, "validation.failed")
    expected = {(f"/identity/{field}", "field.required") for field in IDENTITY_FIELDS if field != "document_expiry"}
    expected.add(("/declaration_accepted", "declaration.required"))
    assert expected <= response.field_codes(), response.field_codes()
    assert [line["status"] for line in lines_of(subscriber.client)] == ["unregistered"]


def test_submission_revalidates_the_identity(server, engine, tmp_path):
    """A required field cleared after it was saved is caught at submission."""
    subscriber, application = draft_with_identity(server, engine, tmp_path)
    client, app_id = subscriber.client, application["id"]
    for kind in ("id_front", "id_back", "selfie"):
        accepted_upload(client, app_id, kind, images.good_jpeg(kind))
    assert patch_identity(client, app_id, {"contact_phone": None}).status == 200
    response = submit(client, app_id, True)
    problem(response, 422, "validation.failed")
    assert response.field_codes() == {("/identity/contact_phone", "field.required")}
