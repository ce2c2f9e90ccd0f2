"""Sign-in throttling: growing delays per account and per client address, and the hard cap of
100 failures per account per hour. Runs on its own server with a 1 s base delay."""

from __future__ import annotations

import time

import pytest

from client import Client
from helpers import log_in, new_subscriber, problem, strong_password, unique_email

BASE_DELAY_MS = 1000
# Generous: the contract only says "growing delays after repeated failures". Addresses get more
# free failures than accounts (many subscribers share one address behind carrier-grade NAT).
MAX_ACCOUNT_FAILURES_BEFORE_429 = 12
MAX_ADDRESS_FAILURES_BEFORE_429 = 40


@pytest.fixture(scope="module")
def throttled_server(module_server_factory):
    return module_server_factory.start("--throttle-base-delay-ms", str(BASE_DELAY_MS))


def retry_after(response) -> int:
    value = response.header("Retry-After")
    assert value is not None and value.isdigit(), f"Retry-After: {value!r}"
    return int(value)


def fail_until_429(make_client, email_for_attempt, limit: int) -> tuple[int, object]:
    for attempt in range(1, limit + 1):
        response = log_in(make_client(), email_for_attempt(attempt), strong_password())
        if response.status == 429:
            problem(response, 429, "auth.too_many_attempts")
            return attempt, response
        problem(response, 401, "auth.invalid_credentials")
    pytest.fail(f"no 429 after {limit} failed sign-ins")


def test_per_account_delays_grow(throttled_server):
    server = throttled_server
    subscriber = new_subscriber(server, server.engine, signed_in=False)
    # A new client address for every try: only the account key can trigger.
    attempt, response = fail_until_429(lambda: Client(server.base_url), lambda _: subscriber.email,
                                       MAX_ACCOUNT_FAILURES_BEFORE_429)
    assert attempt >= 3, "a couple of typos must not lock the account"
    first_wait = retry_after(response)
    assert 1 <= first_wait <= 60
    # While locked even the right password is refused, with the same code.
    problem(log_in(Client(server.base_url), subscriber.email, subscriber.password), 429, "auth.too_many_attempts")
    # Wait it out, fail once more: the next wait is at least as long.
    time.sleep(first_wait + 0.2)
    problem(log_in(Client(server.base_url), subscriber.email, strong_password()), 401, "auth.invalid_credentials")
    response = log_in(Client(server.base_url), subscriber.email, strong_password())
    problem(response, 429, "auth.too_many_attempts")
    second_wait = retry_after(response)
    assert second_wait >= first_wait
    time.sleep(second_wait + 0.2)
    # After the wait the right password works and resets the streak.
    assert log_in(Client(server.base_url), subscriber.email, subscriber.password).status == 200


def test_per_client_address_delays(throttled_server):
    server = throttled_server
    victim = new_subscriber(server, server.engine, signed_in=False)
    address = Client(server.base_url).source_address
    attempt, response = fail_until_429(lambda: Client(server.base_url, address), lambda _: unique_email(),
                                       MAX_ADDRESS_FAILURES_BEFORE_429)
    assert attempt >= 3
    assert retry_after(response) >= 1
    # The locked address cannot sign in to any account...
    problem(log_in(Client(server.base_url, address), victim.email, victim.password), 429, "auth.too_many_attempts")
    # ...while the account itself is fine from elsewhere.
    assert log_in(Client(server.base_url), victim.email, victim.password).status == 200


def test_at_most_100_failures_per_account_per_hour(throttled_server):
    server = throttled_server
    subscriber = new_subscriber(server, server.engine, signed_in=False)
    failures = 0
    # Runs of 4 failures, each closed by a success, stay under the growing-delay threshold, so
    # only the hourly cap can stop them.
    while failures < 100:
        client = Client(server.base_url)
        for _ in range(min(4, 100 - failures)):
            response = log_in(client, subscriber.email, strong_password())
            problem(response, 401, "auth.invalid_credentials")
            failures += 1
        if failures < 100:
            response = log_in(client, subscriber.email, subscriber.password)
            assert response.status == 200, f"after {failures} failures: {response.describe()}"
    response = log_in(Client(server.base_url), subscriber.email, subscriber.password)
    problem(response, 429, "auth.too_many_attempts")
    assert retry_after(response) >= 30 * 60, "the cap holds for the rest of the hour"
