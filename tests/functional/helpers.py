"""Building blocks shared by the functional tests: unique identities, verification codes from
the outbox (`simreg outbox list --json`), TOTP (RFC 6238, SHA-1, 6 digits, 30 s), staff created
with `simreg staff add --json`, and the usual subscriber/staff journeys."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import struct
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from client import Client, Response
from server import Engine

ROLES = ("admin", "reviewer", "supervisor", "store_agent", "support", "compliance")
TOTP_PERIOD = 30
CODE_RE = re.compile(r"(?<!\d)(\d{6})(?!\d)")

def unique_email(prefix: str = "ft") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def strong_password() -> str:
    # No e-mail local part inside; 12..128 code points; unique so a leak is attributable.
    return f"Pw!{uuid.uuid4().hex}"


# -- outbox -------------------------------------------------------------------------------------
def outbox(engine: Engine, address: str) -> list[dict]:
    """Every message for `address`, oldest first."""
    result = engine.cli("outbox", "list", "--to", address, "--json")
    assert result.returncode == 0, result.describe()
    items = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    for item in items:
        for key in ("to", "channel", "template", "status", "created_at", "body"):
            assert key in item, f"outbox list --json line lacks {key!r}: {item}"
    return sorted(items, key=lambda item: item["created_at"])


def latest_code(engine: Engine, address: str, template_hint: str, timeout: float = 5.0) -> str:
    """The 6-digit code in the newest message whose template mentions `template_hint`
    ("verif" or "reset")."""
    deadline = time.monotonic() + timeout
    while True:
        matching = [m for m in outbox(engine, address) if template_hint in m["template"]]
        if matching:
            codes = CODE_RE.findall(matching[-1]["body"])
            assert codes, f"no 6-digit code in the {matching[-1]['template']} message body"
            return codes[0]
        if time.monotonic() > deadline:
            newest = engine.cli("outbox", "list", "--json", "--limit", "5")
            raise AssertionError(
                f"no outbox message with template ~{template_hint!r} for {address} after {timeout}s; "
                f"the 5 newest messages of any address: "
                f"{[(m.get('to'), m.get('template')) for m in map(json.loads, newest.stdout.splitlines())]} "
                f"(stderr: {newest.stderr.strip()!r})")
        time.sleep(0.1)


def verification_code(engine: Engine, address: str) -> str:
    return latest_code(engine, address, "verif")


def reset_code(engine: Engine, address: str) -> str:
    return latest_code(engine, address, "reset")


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


# -- TOTP ---------------------------------------------------------------------------------------
def totp_at(secret_base32: str, step: int, digits: int = 6) -> str:
    padded = secret_base32.upper() + "=" * (-len(secret_base32) % 8)
    key = base64.b32decode(padded)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % (10 ** digits):0{digits}d}"


def current_step() -> int:
    return int(time.time()) // TOTP_PERIOD


class TotpDevice:
    """An authenticator app. Each code is accepted once (the server remembers the last used time
    step), so every sign-in needs a later step than the one before. The server accepts codes of
    the previous, current and next step (RFC 6238 §5.2 drift window of ±1, see
    crypto/totp.hpp); the device uses those three in turn and sleeps only when all are spent."""

    SKEW_STEPS = 1

    def __init__(self, secret_base32: str):
        self.secret = secret_base32
        self.last_step = -1

    def next_code(self) -> str:
        # Near a window's end the server may already be in the next step: step over the edge.
        if TOTP_PERIOD - (time.time() % TOTP_PERIOD) < 1.5:
            time.sleep(TOTP_PERIOD - (time.time() % TOTP_PERIOD) + 0.1)
        now = current_step()
        step = max(self.last_step + 1, now - self.SKEW_STEPS)
        if step > now + self.SKEW_STEPS:
            wake = (step - self.SKEW_STEPS) * TOTP_PERIOD + 0.1
            time.sleep(max(0.0, wake - time.time()))
        self.last_step = step
        return totp_at(self.secret, step)

    def reused_code(self) -> str:
        assert self.last_step >= 0
        return totp_at(self.secret, self.last_step)

    def invalid_code(self) -> str:
        valid = {totp_at(self.secret, current_step() + d) for d in (-2, -1, 0, 1, 2)}
        candidate = 100000
        while f"{candidate:06d}" in valid:
            candidate += 1
        return f"{candidate:06d}"


def totp_secret_from_uri(uri: str) -> str:
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp", uri
    return parse_qs(parts.query)["secret"][0]


# -- subscribers --------------------------------------------------------------------------------
@dataclass
class Subscriber:
    email: str
    password: str
    locale: str = "en"
    client: Client | None = None
    account: dict = field(default_factory=dict)


def sign_up(client: Client, email: str, password: str, locale: str = "en") -> Response:
    return client.post("/api/v1/auth/signup", {"email": email, "password": password, "locale": locale})


def verify(client: Client, email: str, code: str) -> Response:
    return client.post("/api/v1/auth/verify-email", {"email": email, "code": code})


def log_in(client: Client, email: str, password: str) -> Response:
    return client.post("/api/v1/auth/login", {"email": email, "password": password})


def new_subscriber(server, engine: Engine, *, signed_in: bool = True, verified: bool = True,
                   locale: str = "en") -> Subscriber:
    """Signs up (and verifies, and signs in) a fresh subscriber on its own client."""
    client = Client(server.base_url)
    subscriber = Subscriber(unique_email(), strong_password(), locale, client)
    response = sign_up(client, subscriber.email, subscriber.password, locale)
    assert response.status == 201, response.describe()
    if verified:
        response = verify(client, subscriber.email, verification_code(engine, subscriber.email))
        assert response.status == 200, response.describe()
    if signed_in:
        assert verified, "an unverified subscriber cannot sign in"
        response = log_in(client, subscriber.email, subscriber.password)
        assert response.status == 200, response.describe()
        subscriber.account = response.json["account"]
    return subscriber


# -- staff --------------------------------------------------------------------------------------
@dataclass
class StaffMember:
    email: str
    roles: list[str]
    id: str
    one_time_password: str
    totp: TotpDevice
    totp_uri: str
    password: str | None = None  # after the first password change
    client: Client | None = None


def staff_add(engine: Engine, roles: list[str], email: str | None = None) -> StaffMember:
    email = email or unique_email("staff")
    args = ["staff", "add", "--email", email]
    for role in roles:
        args += ["--role", role]
    result = engine.cli(*args, "--json")
    assert result.returncode == 0, result.describe()
    created = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("id", "email", "roles", "one_time_password", "totp_secret", "totp_uri"):
        assert key in created, f"staff add --json lacks {key!r}"
    assert sorted(created["roles"]) == sorted(roles), created["roles"]
    return StaffMember(email, list(roles), created["id"], created["one_time_password"],
                       TotpDevice(created["totp_secret"]), created["totp_uri"])


def staff_set_password(client: Client, member: StaffMember, new_password: str | None = None) -> Response:
    """First sign-in: replace the one-time password (also signs in)."""
    new_password = new_password or strong_password()
    response = client.post("/api/v1/staff/auth/password", {
        "email": member.email, "password": member.password or member.one_time_password,
        "new_password": new_password, "totp": member.totp.next_code()})
    if response.status == 200:
        member.password = new_password
        member.client = client
    return response


def staff_log_in(client: Client, member: StaffMember, totp: str | None = None,
                 password: str | None = None) -> Response:
    return client.post("/api/v1/staff/auth/login", {
        "email": member.email, "password": password or member.password or member.one_time_password,
        "totp": totp if totp is not None else member.totp.next_code()})


def new_staff(server, engine: Engine, roles: list[str]) -> StaffMember:
    """A staff member created with `simreg staff add`, enrolled and signed in on its own client."""
    member = staff_add(engine, roles)
    response = staff_set_password(Client(server.base_url), member)
    assert response.status == 200, response.describe()
    return member


def problem(response: Response, status: int, code: str) -> dict:
    assert response.status == status and response.code == code, (
        f"expected {status} {code}, got {response.describe()}")
    return response.json
