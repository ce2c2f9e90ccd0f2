"""Decision notices: with `--smtp-url` the decision e-mail reaches a real SMTP server (aiosmtpd on
loopback) in the subscriber's language, naming no personal data; the SMS to the line is in
`simreg outbox list --json`."""

from __future__ import annotations

import time
from email import message_from_bytes
from email.policy import default as default_policy

from helpers import outbox
from review_support import claim, decide, reviewer, submitted_application
from test_smtp_delivery import smtp_sink  # noqa: F401  (the loopback SMTP server fixture)


def test_decision_email_and_sms(server_factory, smtp_sink, tmp_path):  # noqa: F811
    sink, port = smtp_sink
    server = server_factory.start("--smtp-url", f"smtp://127.0.0.1:{port}", "--smtp-from",
                                  "simreg <noreply@simreg.test>")
    engine = server.engine
    subscriber, application = submitted_application(server, engine, tmp_path, locale="zh-CN")
    member = reviewer(server, engine)
    assert claim(member.client, application["id"]).status == 200
    decided = decide(member.client, application["id"], "request_resubmission", ["document.expired"])
    assert decided.status == 200, decided.describe()

    deadline = time.monotonic() + 30
    while True:
        mails = [m for m in outbox(engine, subscriber.email) if m["template"] == "application.resubmission_requested"]
        if mails:
            break
        assert time.monotonic() < deadline
        time.sleep(0.2)
    while True:
        with sink.arrived:
            received = [content for recipients, content in sink.messages if subscriber.email in recipients]
        messages = [message_from_bytes(content, policy=default_policy) for content in received]
        notice = [m for m in messages if "修改" in str(m["Subject"])]
        if notice:
            break
        assert time.monotonic() < deadline, [str(m["Subject"]) for m in messages]
        time.sleep(0.2)
    body = notice[0].get_body(preferencelist=("plain",)).get_content()
    assert "重新提交" in body
    for value in (application["identity"]["full_name"], application["identity"]["document_number"]):
        assert value not in body
    lines = subscriber.client.get("/api/v1/sims").json["lines"]
    [sms] = [m for m in outbox(engine, lines[0]["msisdn"]) if m["template"] == "application.resubmission_requested"]
    assert sms["channel"] == "sms" and "simreg" in sms["body"]
    while outbox(engine, subscriber.email)[-1]["status"] != "sent":
        assert time.monotonic() < deadline, outbox(engine, subscriber.email)[-1]
        time.sleep(0.2)
