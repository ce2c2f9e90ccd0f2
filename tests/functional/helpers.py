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


# -- issue 3: SIM lines, identities, applications ------------------------------------------------
# Appended for the online-registration tests (test_sims_*.py, test_applications.py,
# test_documents.py, test_registration_*.py).
import datetime as _dt
import random as _random
from pathlib import Path as _Path

_RNG = _random.SystemRandom()
CN_TZ = _dt.timezone(_dt.timedelta(hours=8))
# China Mobile / Unicom / Telecom mobile prefixes that libphonenumber 8.12 knows as mobile.
CN_MOBILE_PREFIXES = ("134", "135", "136", "137", "138", "139", "150", "151", "158", "186", "188")
GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB11643_CHECK = "10X98765432"
APPLICATION_IMAGES = {"cn_resident_id": ["id_front", "id_back", "selfie"], "passport": ["passport", "selfie"]}


def cn_msisdn() -> str:
    """A fresh, valid Chinese mobile number in E.164 (+86 1xx xxxx xxxx)."""
    return "+86" + _RNG.choice(CN_MOBILE_PREFIXES) + "".join(_RNG.choice("0123456789") for _ in range(8))


def national_number(msisdn: str) -> str:
    assert msisdn.startswith("+86")
    return msisdn[3:]


def spaced(msisdn: str) -> str:
    """+8613912345678 -> '+86 139 1234 5678', as people type it."""
    n = national_number(msisdn)
    return f"+86 {n[:3]} {n[3:7]} {n[7:]}"


def luhn_check_digit(payload: str) -> str:
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char)
        if index % 2 == 0:  # these get doubled once the check digit is appended
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


def iccid() -> str:
    """A fresh 20-digit ICCID of a Chinese issuer (89 86 ...), Luhn check digit last."""
    payload = "898600" + "".join(_RNG.choice("0123456789") for _ in range(13))
    return payload + luhn_check_digit(payload)


def bad_luhn(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def cn_id_check_char(first17: str) -> str:
    return GB11643_CHECK[sum(int(c) * w for c, w in zip(first17, GB11643_WEIGHTS)) % 11]


def cn_resident_id(date_of_birth: _dt.date, sex: str, region: str = "110101") -> str:
    """A GB 11643 resident identity number: region, birth date, order code (odd for men, even for
    women) and the ISO 7064 MOD 11-2 check character."""
    order = f"{_RNG.randrange(0, 100):02d}" + _RNG.choice("13579" if sex == "M" else "02468")
    first17 = region + date_of_birth.strftime("%Y%m%d") + order
    return first17 + cn_id_check_char(first17)


def wrong_check_char(number: str) -> str:
    options = [c for c in GB11643_CHECK if c != number[-1]]
    return number[:-1] + options[0]


def today_cn() -> _dt.date:
    return _dt.datetime.now(CN_TZ).date()


def years_before(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def valid_identity(date_of_birth: _dt.date = _dt.date(1990, 5, 17), sex: str = "F", **overrides) -> dict:
    """A complete, valid identity for the cn profile (resident identity card), unique per call."""
    tag = uuid.uuid4().hex[:8]
    identity = {
        "full_name": f"Wang Fang {tag}",
        "date_of_birth": date_of_birth.isoformat(),
        "sex": sex,
        "nationality": "CN",
        "address": f"Jingshan Qianjie 4, Dongcheng, Beijing, Room {tag}",
        "document_type": "cn_resident_id",
        "document_number": cn_resident_id(date_of_birth, sex),
        "document_expiry": _dt.date(today_cn().year + 5, 6, 30).isoformat(),
        "contact_phone": cn_msisdn(),
    }
    identity.update(overrides)
    return identity


# -- inventory and proof of possession ----------------------------------------------------------
def write_sims_csv(path: _Path, rows: list[tuple], header: str = "msisdn,iccid") -> _Path:
    lines = [header] + [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_lines(engine: Engine, directory: _Path, count: int = 1) -> list[tuple[str, str]]:
    """Imports `count` fresh lines with `simreg sims import` and returns their (msisdn, iccid)."""
    rows = [(cn_msisdn(), iccid()) for _ in range(count)]
    path = write_sims_csv(directory / f"sims-{uuid.uuid4().hex[:8]}.csv", rows)
    result = engine.cli("sims", "import", str(path))
    assert result.returncode == 0, result.describe()
    return rows


def sms_code(engine: Engine, msisdn: str) -> str:
    """The code in the newest SMS to `msisdn`."""
    return latest_code(engine, msisdn, "")


def request_link(client: Client, msisdn: str, **kwargs) -> Response:
    return client.post("/api/v1/sims/link", {"msisdn": msisdn}, **kwargs)


def confirm_link(client: Client, msisdn: str, code: str, **kwargs) -> Response:
    return client.post("/api/v1/sims/link/confirm", {"msisdn": msisdn, "code": code}, **kwargs)


def link_line(client: Client, engine: Engine, msisdn: str) -> dict:
    """Proves possession of `msisdn` (code by SMS) and returns the linked line."""
    response = request_link(client, msisdn)
    assert response.status == 202, response.describe()
    response = confirm_link(client, msisdn, sms_code(engine, msisdn))
    assert response.status == 200, response.describe()
    return response.json["line"]


def subscriber_with_lines(server, engine: Engine, directory: _Path, count: int = 1,
                          locale: str = "en") -> tuple[Subscriber, list[dict]]:
    subscriber = new_subscriber(server, engine, locale=locale)
    lines = [link_line(subscriber.client, engine, msisdn) for msisdn, _ in import_lines(engine, directory, count)]
    return subscriber, lines


# -- applications -------------------------------------------------------------------------------
def start_application(client: Client, line_ids: list[str], **kwargs) -> Response:
    return client.post("/api/v1/applications", {"line_ids": line_ids}, **kwargs)


def patch_identity(client: Client, application_id: str, identity: dict, **kwargs) -> Response:
    return client.patch(f"/api/v1/applications/{application_id}", {"identity": identity}, **kwargs)


def upload(client: Client, application_id: str, kind: str, data: bytes, content_type: str = "image/jpeg",
           **kwargs) -> Response:
    return client.put(f"/api/v1/applications/{application_id}/documents/{kind}", body=data,
                      content_type=content_type, **kwargs)


def submit(client: Client, application_id: str, declaration_accepted=True, **kwargs) -> Response:
    return client.post(f"/api/v1/applications/{application_id}/submit",
                       {"declaration_accepted": declaration_accepted}, **kwargs)


def get_application(client: Client, application_id: str) -> dict:
    response = client.get(f"/api/v1/applications/{application_id}")
    assert response.status == 200, response.describe()
    return response.json


def draft_with_identity(server, engine: Engine, directory: _Path, identity: dict | None = None,
                        lines: int = 1, locale: str = "en") -> tuple[Subscriber, dict]:
    """A subscriber with `lines` linked lines and a draft for them with a valid identity."""
    subscriber, linked = subscriber_with_lines(server, engine, directory, lines, locale)
    response = start_application(subscriber.client, [line["id"] for line in linked])
    assert response.status == 201, response.describe()
    response = patch_identity(subscriber.client, response.json["id"], identity or valid_identity())
    assert response.status == 200, response.describe()
    return subscriber, response.json


def accepted_upload(client: Client, application_id: str, kind: str, data: bytes,
                    content_type: str = "image/jpeg") -> dict:
    """Uploads an image that must be accepted; the failure message shows the server's report."""
    response = upload(client, application_id, kind, data, content_type)
    assert response.status == 200, (
        f"the good {kind} image was refused; the test image may need adjusting to the calibrated "
        f"thresholds: {response.describe()}\n{response.body.decode('utf-8', 'replace')}")
    return response.json


def parse_time(value: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
