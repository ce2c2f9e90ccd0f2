"""The operator commands and the running server work on the same data: what the server commits
(a sign-up's outbox message) is visible to `simreg outbox list` at once, and what the CLI writes
(`simreg staff add`) is visible to the server at once — also after the server's connection pool
has grown under concurrent load, and after many CLI processes have come and gone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from client import Client
from helpers import outbox, sign_up, staff_add, staff_set_password, strong_password, unique_email

ROUNDS = 6


def test_server_and_cli_see_each_others_writes(server_factory):
    server = server_factory.start()
    engine = server.engine
    clients = [Client(server.base_url) for _ in range(12)]
    for client in clients:
        client.fetch_csrf_token()
    for round_number in range(ROUNDS):
        # Concurrent requests make the server open more database connections.
        with ThreadPoolExecutor(max_workers=len(clients)) as pool:
            statuses = list(pool.map(lambda c: sign_up(c, unique_email(), strong_password()).status, clients))
        assert set(statuses) == {201}, statuses
        email = unique_email()
        assert sign_up(Client(server.base_url), email, strong_password()).status == 201
        assert len(outbox(engine, email)) == 1, (
            f"round {round_number}: the CLI does not see the message of a sign-up the server acknowledged")
        member = staff_add(engine, ["support"])
        response = staff_set_password(Client(server.base_url), member)
        assert response.status == 200, (
            f"round {round_number}: the server does not see a staff member the CLI added: {response.describe()}")
