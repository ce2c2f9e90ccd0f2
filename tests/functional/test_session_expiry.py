"""Session lifetime: idle timeout and absolute timeout (shortened with the serve flags)."""

from __future__ import annotations

import time

import pytest

from helpers import new_subscriber, problem

IDLE_SECONDS = 2
ABSOLUTE_SECONDS = 4


@pytest.fixture(scope="module")
def expiring_server(module_server_factory):
    return module_server_factory.start("--session-idle-timeout", str(IDLE_SECONDS),
                                       "--session-absolute-timeout", str(ABSOLUTE_SECONDS))


def test_idle_session_expires(expiring_server):
    server = expiring_server
    subscriber = new_subscriber(server, server.engine)
    client = subscriber.client
    assert client.get("/api/v1/me").status == 200
    time.sleep(IDLE_SECONDS + 1)
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")
    # Expiry is final: the session does not come back.
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")


def test_absolute_timeout_ends_an_active_session(expiring_server):
    server = expiring_server
    subscriber = new_subscriber(server, server.engine)
    client = subscriber.client
    signed_in_at = time.monotonic()
    # Stay active: a request every second keeps the idle timer from firing.
    while time.monotonic() - signed_in_at < ABSOLUTE_SECONDS - 1:
        response = client.get("/api/v1/me")
        assert response.status == 200, f"active session ended after {time.monotonic() - signed_in_at:.1f}s"
        time.sleep(1)
    while time.monotonic() - signed_in_at < ABSOLUTE_SECONDS + 0.5:
        client.get("/api/v1/me")
        time.sleep(0.5)
    problem(client.get("/api/v1/me"), 401, "auth.unauthenticated")
