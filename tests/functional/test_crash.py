"""Durability and shutdown: a sign-up that was answered 201 survives `kill -9`; SIGTERM exits 0."""

from __future__ import annotations

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from client import Client
from openapi_contract import ContractViolation, contract
from helpers import log_in, strong_password, unique_email, verification_code, verify

SIGNUPS = 40
KILL_AFTER = 12  # completed sign-ups before the kill


def test_acknowledged_sign_ups_survive_kill_9(server_factory):
    server = server_factory.start()
    engine = server.engine
    base_url = server.base_url
    accounts = [(unique_email("crash"), strong_password()) for _ in range(SIGNUPS)]
    acknowledged: list[tuple[str, str]] = []
    violations: list[str] = []
    completed = threading.Semaphore(0)
    lock = threading.Lock()

    def attempt(account):
        try:
            client = Client(base_url)
            client.fetch_csrf_token()
            response = client.post("/api/v1/auth/signup", {"email": account[0], "password": account[1],
                                                           "locale": "en"}, contract_check=False)
        except (OSError, http.client.HTTPException, AssertionError):
            return  # the server died under this request: no promise was made
        finally:
            completed.release()
        try:
            contract().check_response("POST", "/api/v1/auth/signup", response.status, response.headers,
                                      response.body)
        except ContractViolation as violation:
            with lock:
                violations.append(str(violation))
        if response.status == 201:
            with lock:
                acknowledged.append(account)

    with ThreadPoolExecutor(max_workers=8) as pool:
        for account in accounts:
            pool.submit(attempt, account)
        for _ in range(KILL_AFTER):
            completed.acquire(timeout=60)
        server.kill()
    assert not violations, violations
    assert len(acknowledged) >= 1, "no sign-up was acknowledged before the kill"
    assert len(acknowledged) < SIGNUPS, "the kill came after every sign-up; nothing was in flight"

    restarted = server_factory.start(engine=engine)
    assert Client(restarted.base_url).get("/readyz").status == 200
    for email, password in acknowledged:
        client = Client(restarted.base_url)
        response = verify(client, email, verification_code(engine, email))
        assert response.status == 200, f"acknowledged sign-up lost its code: {response.describe()}"
        response = log_in(client, email, password)
        assert response.status == 200, f"acknowledged sign-up cannot sign in: {response.describe()}"


def test_sigterm_exits_0_with_an_idle_connection_open(server_factory):
    import socket

    server = server_factory.start()
    idle = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        client = Client(server.base_url)
        assert client.get("/healthz").status == 200
        started = time.monotonic()
        assert server.stop() == 0, server.stderr_text()[-2000:]
        assert time.monotonic() - started < 15, "shutdown waited too long on an idle connection"
    finally:
        idle.close()
