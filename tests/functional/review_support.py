"""Helpers of the review tests (test_review_*.py): submitted applications through the API with
real photographs, reviewers signed in with TOTP, and the review calls."""

from __future__ import annotations

import datetime as dt
import random
import time

import images
from client import Client, Response
from helpers import (APPLICATION_IMAGES, StaffMember, Subscriber, draft_with_identity, new_staff, submit, upload,
                     valid_identity)


def accepted_upload(client: Client, application_id: str, kind: str, data: bytes) -> dict:
    """Uploads a good image; while every image slot is busy (503 server.busy, when several
    applications are seeded at once) it waits as Retry-After says and tries again."""
    deadline = time.monotonic() + 60
    while True:
        response = upload(client, application_id, kind, data)
        if response.status != 503 or time.monotonic() > deadline:
            break
        time.sleep(float(response.header("Retry-After") or 1))
    assert response.status == 200, response.describe()
    return response.json


def unique_identity() -> dict:
    """A valid identity whose document number no other test is likely to draw: the number encodes
    the birth date, so a random one (1960-1999) keeps the automated duplicate check (and with it
    the four-eyes rule) out of tests that do not ask for it."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=random.SystemRandom().randrange(40 * 365))
    return valid_identity(date_of_birth=born)


def submitted_application(server, engine, directory, identity: dict | None = None, lines: int = 1,
                          locale: str = "en") -> tuple[Subscriber, dict]:
    """A subscriber with `lines` lines and a submitted application for them."""
    identity = identity or unique_identity()
    subscriber, draft = draft_with_identity(server, engine, directory, identity, lines, locale)
    for kind in APPLICATION_IMAGES[identity["document_type"]]:
        accepted_upload(subscriber.client, draft["id"], kind, images.good_jpeg(kind))
    response = submit(subscriber.client, draft["id"], True)
    assert response.status == 200, response.describe()
    return subscriber, response.json


def reviewer(server, engine, roles: list[str] | None = None) -> StaffMember:
    return new_staff(server, engine, roles or ["reviewer"])


def next_case(client: Client, body: dict | None = None) -> Response:
    return client.post("/api/v1/review/next", body if body is not None else {})


def claim(client: Client, case_id: str) -> Response:
    return client.post(f"/api/v1/review/cases/{case_id}/claim")


def decide(client: Client, case_id: str, outcome: str, reasons: list[str] | None = None,
           note: str | None = None) -> Response:
    body: dict = {"outcome": outcome, "reasons": reasons or []}
    if note is not None:
        body["note"] = note
    return client.post(f"/api/v1/review/cases/{case_id}/decision", body)


def audit_actions(engine, target_id: str) -> list[tuple[str, str]]:
    """(action, actor_id) of every audit entry about `target_id`, in order."""
    rows = engine.sql(f"SELECT action, actor_id FROM audit_log WHERE target_id = '{target_id}' ORDER BY seq")
    return [(str(row[0]), str(row[1])) for row in rows]
