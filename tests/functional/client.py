"""A small browser-like HTTP client for the functional tests.

- Keeps its own cookie jar: `__Host-` cookies are Secure, and the tests talk plain http to
  127.0.0.1, so http.cookiejar's policy would drop them; this jar sends every cookie it holds.
- Handles CSRF like the web UI: fetches the token from GET /api/v1/auth/csrf, sends it as
  X-CSRF-Token with `Origin` = the server's origin on every unsafe method, re-fetches it when a
  response rotates the CSRF cookie (sign-in, sign-out).
- Validates EVERY response against docs/openapi.yaml (see openapi_contract.py); a test that
  deliberately sends an undocumented request says so with `contract=False` and checks the answer
  itself (usually with `check_generic_problem`).
- Each client may connect from its own loopback source address (127.x.y.z) so that per-client-
  address sign-in throttling of one test never spills into another.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urlencode, urlsplit

from openapi_contract import ContractViolation, contract

SESSION_COOKIE = "__Host-simreg"
CSRF_COOKIE = "__Host-simreg-csrf"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
REQUEST_TIMEOUT_SECONDS = 30

_address_counter = itertools.count(1)
_address_lock = threading.Lock()


def next_source_address() -> str:
    """A fresh loopback address; the 2nd octet changes every time so that even a server grouping
    client addresses by /16 or /24 sees distinct clients."""
    with _address_lock:
        n = next(_address_counter)
    return f"127.{(n % 250) + 2}.{(n // 250) % 250 + 1}.{(n // 62500) % 250 + 1}"


@dataclass
class SetCookie:
    name: str
    value: str
    attributes: dict[str, str]  # lower-cased attribute names; flags map to ""
    raw: str

    def has(self, attribute: str) -> bool:
        return attribute.lower() in self.attributes

    @property
    def clears(self) -> bool:
        max_age = self.attributes.get("max-age")
        if max_age is not None:
            try:
                return int(max_age) <= 0
            except ValueError:
                return False
        expires = self.attributes.get("expires")
        if expires:
            from email.utils import parsedate_to_datetime

            try:
                return parsedate_to_datetime(expires).timestamp() <= time.time()
            except (TypeError, ValueError):
                return False
        return False


def parse_set_cookie(raw: str) -> SetCookie:
    parts = [part.strip() for part in raw.split(";")]
    name, _, value = parts[0].partition("=")
    attributes: dict[str, str] = {}
    for part in parts[1:]:
        if not part:
            continue
        key, _, val = part.partition("=")
        attributes[key.strip().lower()] = val.strip()
    return SetCookie(name.strip(), value.strip(), attributes, raw)


@dataclass
class Response:
    method: str
    path: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    elapsed: float
    set_cookies: list[SetCookie] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    @property
    def code(self) -> str | None:
        """The problem `code`, when the body is a problem."""
        try:
            body = self.json
        except (ValueError, UnicodeDecodeError):
            return None
        return body.get("code") if isinstance(body, dict) else None

    def field_codes(self) -> set[tuple[str, str]]:
        body = self.json
        return {(e["field"], e["code"]) for e in body.get("errors", [])}

    def cookie(self, name: str) -> SetCookie | None:
        for cookie in self.set_cookies:
            if cookie.name == name:
                return cookie
        return None

    def describe(self) -> str:
        return f"{self.method} {self.path} -> {self.status} {self.body[:400]!r}"


class Client:
    def __init__(self, base_url: str, source_address: str | None = None, validate: bool = True):
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.source_address = source_address if source_address is not None else next_source_address()
        self.cookies: dict[str, str] = {}
        self.csrf_token: str | None = None
        self.validate = validate
        self.last: Response | None = None

    # -- cookies ------------------------------------------------------------------------------
    def cookie_header(self) -> str | None:
        if not self.cookies:
            return None
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    @property
    def session_token(self) -> str | None:
        return self.cookies.get(SESSION_COOKIE)

    def _store_cookies(self, cookies: Iterable[SetCookie]) -> None:
        for cookie in cookies:
            if cookie.clears:
                self.cookies.pop(cookie.name, None)
            else:
                self.cookies[cookie.name] = cookie.value
            if cookie.name == CSRF_COOKIE:
                # The server rotated this browser's CSRF secret: the old token is void.
                self.csrf_token = None

    # -- requests -----------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        json_body: Any = None,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        query: dict[str, str] | None = None,
        csrf: bool = True,
        origin: str | None | bool = True,
        contract_check: bool = True,
        cookies: bool = True,
    ) -> Response:
        """Sends one request on a fresh connection.

        csrf: on unsafe methods, attach X-CSRF-Token (fetching it when needed).
        origin: True sends the server's origin on unsafe methods, a string sends that string,
                False/None sends no Origin header.
        contract_check: validate the response against docs/openapi.yaml.
        """
        method = method.upper()
        target = path + (("?" + urlencode(query)) if query else "")
        send_headers: dict[str, str] = {"Accept": "application/json", "Connection": "close"}
        if json_body is not None:
            body = json.dumps(json_body).encode("utf-8")
            content_type = content_type or "application/json"
        if content_type:
            send_headers["Content-Type"] = content_type
        if method in UNSAFE_METHODS:
            if csrf:
                send_headers["X-CSRF-Token"] = self.fetch_csrf_token()
            if origin is True:
                send_headers["Origin"] = self.origin
            elif isinstance(origin, str):
                send_headers["Origin"] = origin
            if body is None:
                body = b""
        if cookies and self.cookie_header():
            send_headers["Cookie"] = self.cookie_header()
        if headers:
            send_headers.update(headers)
        response = self._send(method, target, body, send_headers)
        self._store_cookies(response.set_cookies)
        self.last = response
        if self.validate and contract_check:
            try:
                contract().check_response(method, path, response.status, response.headers, response.body)
            except ContractViolation as violation:
                raise ContractViolation(f"{violation}\nrequest: {method} {target}") from None
        return response

    def _send(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Response:
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS, source_address=(self.source_address, 0)
        )
        started = time.monotonic()
        try:
            try:
                connection.request(method, target, body=body, headers=headers)
            except (BrokenPipeError, ConnectionResetError):
                # The server may answer (413) and close before reading a large body.
                pass
            raw = connection.getresponse()
            data = raw.read()
            elapsed = time.monotonic() - started
            set_cookies = [parse_set_cookie(v) for v in raw.headers.get_all("Set-Cookie") or []]
            return Response(method, target, raw.status, raw.headers, data, elapsed, set_cookies)
        finally:
            connection.close()

    def fetch_csrf_token(self) -> str:
        if self.csrf_token is None:
            response = self.request("GET", "/api/v1/auth/csrf")
            assert response.status == 200, response.describe()
            self.csrf_token = response.json["csrf_token"]
        return self.csrf_token

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json_body: Any = None, **kwargs: Any) -> Response:
        return self.request("POST", path, json_body, **kwargs)

    def put(self, path: str, json_body: Any = None, **kwargs: Any) -> Response:
        return self.request("PUT", path, json_body, **kwargs)

    def patch(self, path: str, json_body: Any = None, **kwargs: Any) -> Response:
        return self.request("PATCH", path, json_body, **kwargs)

    def clone_session(self) -> "Client":
        """Another client (own address) holding a copy of this client's cookies: to replay an
        old cookie after it should have been revoked."""
        other = Client(self.base_url, validate=self.validate)
        other.cookies = dict(self.cookies)
        return other

