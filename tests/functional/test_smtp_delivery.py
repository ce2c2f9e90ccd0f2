"""Outbox delivery over SMTP: with `--smtp-url` the verification code reaches a real SMTP server
(aiosmtpd on loopback) and the outbox entry becomes `sent`."""

from __future__ import annotations

import json
import socket
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from client import Client
from helpers import CODE_RE, outbox, sign_up, strong_password, unique_email, verification_code, verify


class Sink:
    def __init__(self):
        self.messages: list[tuple[list[str], bytes]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        with self.arrived:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
            self.arrived.notify_all()
        return "250 OK"

    def wait_for(self, recipient: str, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for recipients, content in self.messages:
                    if recipient in recipients:
                        return content
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no e-mail reached the SMTP server within {timeout}s")
                self.arrived.wait(remaining)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def test_verification_code_is_delivered_over_smtp(server_factory, smtp_sink):
    sink, port = smtp_sink
    server = server_factory.start("--smtp-url", f"smtp://127.0.0.1:{port}", "--smtp-from", "simreg <noreply@simreg.test>",
                                  demo=False)
    email, password = unique_email(), strong_password()
    assert sign_up(Client(server.base_url), email, password).status == 201
    raw = sink.wait_for(email, timeout=20)
    message = message_from_bytes(raw, policy=default_policy)
    assert message["To"] and email in message["To"]
    assert "noreply@simreg.test" in message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    codes = CODE_RE.findall(body)
    assert codes and codes[0] == verification_code(server.engine, email)

    deadline = time.monotonic() + 10
    while outbox(server.engine, email)[-1]["status"] != "sent":
        assert time.monotonic() < deadline, f"outbox status stays {outbox(server.engine, email)[-1]['status']}"
        time.sleep(0.2)
    assert verify(Client(server.base_url), email, codes[0]).status == 200


def test_after_an_outage_retry_failed_sends_the_notices_again_but_not_expired_codes(server_factory, smtp_sink):
    sink, port = smtp_sink
    server = server_factory.start("--smtp-url", f"smtp://127.0.0.1:{port}", demo=False)
    engine = server.engine
    email, password = unique_email("outage"), strong_password()
    client = Client(server.base_url)
    assert sign_up(client, email, password).status == 201
    sink.wait_for(email, timeout=20)
    assert verify(client, email, verification_code(engine, email)).status == 200
    assert sign_up(Client(server.base_url), email, password).status == 201  # → "someone tried to sign up"
    deadline = time.monotonic() + 20
    while [m["status"] for m in outbox(engine, email)] != ["sent", "sent"]:
        assert time.monotonic() < deadline, outbox(engine, email)
        time.sleep(0.2)

    # What an outage past every retry leaves behind: both messages failed.
    engine.sql("UPDATE outbox SET status = 'failed', attempts = 10, last_error_code = 'notify.smtp_failed'")
    with sink.arrived:
        sink.messages.clear()
    retried = engine.cli("outbox", "retry-failed", "--json")
    assert retried.returncode == 0, retried.describe()
    assert json.loads(retried.stdout) == {"requeued": 1, "skipped_codes": 1}

    raw = sink.wait_for(email, timeout=20)
    assert "tried to sign up" in message_from_bytes(raw, policy=default_policy)["Subject"]
    deadline = time.monotonic() + 10
    while True:
        statuses = {m["template"]: m["status"] for m in outbox(engine, email)}
        if statuses.get("signup_existing_account") == "sent":
            break
        assert time.monotonic() < deadline, statuses
        time.sleep(0.2)
    assert statuses["email_verification"] == "failed", "an expired code is not sent again"
    assert len([recipients for recipients, _ in sink.messages if email in recipients]) == 1

    still_failed = engine.cli("outbox", "list", "--status", "failed", "--json")
    assert still_failed.returncode == 0, still_failed.describe()
    assert [json.loads(line)["template"] for line in still_failed.stdout.splitlines()] == ["email_verification"]
    assert engine.cli("outbox", "list", "--status", "lost").returncode == 2
    text = engine.cli("outbox", "retry-failed")
    assert text.returncode == 0 and "Requeued 0 failed messages" in text.stdout, text.describe()
    assert "1 failed message with a one-time code left as failed" in text.stdout, text.describe()
