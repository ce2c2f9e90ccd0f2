"""Load shedding: with one worker and a queue of one, a burst of sign-ups gets 503
`server.overloaded` for what does not fit, never a 500, and the server stays healthy."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from client import Client
from helpers import strong_password, unique_email

BURST = 24


def test_burst_beyond_queue_capacity_is_shed_with_503(server_factory):
    server = server_factory.start("--workers", "1", "--queue-capacity", "1")
    clients = [Client(server.base_url) for _ in range(BURST)]
    for client in clients:
        client.fetch_csrf_token()

    def sign_up(client):
        return client.post("/api/v1/auth/signup", {"email": unique_email(), "password": strong_password(),
                                                   "locale": "en"})

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        responses = list(pool.map(sign_up, clients))
    statuses = sorted(r.status for r in responses)
    assert set(statuses) <= {201, 503}, statuses
    assert 201 in statuses and 503 in statuses, statuses
    for response in responses:
        if response.status == 503:
            assert response.code == "server.overloaded", response.describe()
    assert Client(server.base_url).get("/healthz").status == 200
