"""Operations endpoints, the headers every response carries, and the generic errors."""

from __future__ import annotations

import re

import pytest

from client import Client
from helpers import unique_email, strong_password
from openapi_contract import contract

PROM_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"'
PROM_SAMPLE = re.compile(
    rf"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{{({PROM_LABEL}(,{PROM_LABEL})*,?)?\}})? "
    r"([-+]?([0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)|NaN|\+Inf|-Inf)( -?[0-9]+)?$"
)


def test_healthz(server):
    response = Client(server.base_url).get("/healthz")
    assert response.status == 200 and response.json == {"status": "ok"}


def test_readyz_reports_current_migrations(server):
    response = Client(server.base_url).get("/readyz")
    assert response.status == 200, response.describe()
    migrations = response.json["migrations"]
    assert migrations["current"] == migrations["latest"] >= 1


def test_migrate_then_serve_is_ready(server_factory):
    engine = server_factory.new_engine()
    first = engine.cli("migrate")
    assert first.returncode == 0, first.describe()
    again = engine.cli("migrate")
    assert again.returncode == 0, again.describe()  # idempotent
    server = server_factory.start(engine=engine)
    response = Client(server.base_url).get("/readyz")
    assert response.status == 200, response.describe()


def test_metrics_is_prometheus_text(server):
    client = Client(server.base_url)
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status == 200
    assert response.header("Content-Type").startswith("text/plain")
    text = response.body.decode("utf-8")
    samples = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert samples, "no metric samples"
    bad = [line for line in samples if not PROM_SAMPLE.match(line)]
    assert not bad, f"lines not in Prometheus text format: {bad[:5]}"
    assert re.search(r"^# TYPE \S+ (counter|gauge|histogram|summary|untyped)$", text, re.M)


def test_every_response_has_a_unique_request_id(server):
    client = Client(server.base_url)
    ids = {client.get("/healthz").header("X-Request-Id") for _ in range(5)}
    assert len(ids) == 5 and None not in ids


API_SECURITY_HEADERS = {
    "X-Content-Type-Options": lambda v: v.lower() == "nosniff",
    "Referrer-Policy": lambda v: v.lower() in {"no-referrer", "same-origin", "strict-origin",
                                               "strict-origin-when-cross-origin"},
}


def frame_protected(headers) -> bool:
    xfo = (headers.get("X-Frame-Options") or "").upper()
    csp = headers.get("Content-Security-Policy") or ""
    return xfo in {"DENY", "SAMEORIGIN"} or "frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp


@pytest.mark.parametrize("path", ["/api/v1/auth/csrf", "/api/v1/me", "/healthz", "/api/v1/no-such-route"])
def test_security_headers_on_api_responses(server, path):
    response = Client(server.base_url).get(path, contract_check=path != "/api/v1/no-such-route")
    for name, ok in API_SECURITY_HEADERS.items():
        value = response.header(name)
        assert value is not None and ok(value), f"{path}: {name} = {value!r}"
    assert frame_protected(response.headers), f"{path}: no X-Frame-Options / frame-ancestors"
    if path.startswith("/api/"):
        assert "no-store" in (response.header("Cache-Control") or ""), path
    assert response.header("Server") is None or "/" not in response.header("Server"), \
        f"Server header reveals a version: {response.header('Server')}"


def test_security_headers_on_ui_responses(server):
    response = Client(server.base_url).get("/")
    assert response.status == 200
    assert response.header("Content-Type").startswith("text/html")
    assert b"simreg functional test page" in response.body
    for name, ok in API_SECURITY_HEADERS.items():
        value = response.header(name)
        assert value is not None and ok(value), f"/: {name} = {value!r}"
    csp = response.header("Content-Security-Policy")
    assert csp, "the UI needs a Content-Security-Policy"
    directives = {d.split()[0]: d for d in (part.strip() for part in csp.split(";")) if d}
    assert "default-src" in directives, csp
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, csp
    assert frame_protected(response.headers)


# -- generic errors ---------------------------------------------------------------------------
def test_unknown_route_is_404(server):
    client = Client(server.base_url)
    for path in ("/api/v1/no-such-route", "/api/v2/auth/login"):
        response = client.get(path, contract_check=False)
        assert response.status == 404
        contract().check_generic_problem("GET", path, 404, response.headers, response.body, "http.not_found")


@pytest.mark.parametrize("method,path", [("GET", "/api/v1/auth/login"), ("DELETE", "/api/v1/me"),
                                         ("PUT", "/api/v1/auth/signup"), ("POST", "/healthz")])
def test_wrong_method_is_405(server, method, path):
    client = Client(server.base_url)
    assert not contract().has_operation(method, path)
    response = client.request(method, path, contract_check=False)
    assert response.status == 405, response.describe()
    contract().check_generic_problem(method, path, 405, response.headers, response.body,
                                     "http.method_not_allowed")
    allow = response.header("Allow")
    assert allow, "RFC 9110 §15.5.6: a 405 must list the allowed methods in Allow"


def test_body_too_large_is_413(server):
    client = Client(server.base_url)
    big = b'{"email":"' + b"a" * (200 * 1024) + b'@example.com","password":"x","locale":"en"}'
    response = client.post("/api/v1/auth/signup", body=big, content_type="application/json")
    assert response.status == 413 and response.code == "http.payload_too_large", response.describe()


def test_wrong_content_type_is_415(server):
    client = Client(server.base_url)
    body = b'{"email":"a@example.com","password":"x"}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        response = client.post("/api/v1/auth/login", body=body, content_type=content_type)
        assert response.status == 415 and response.code == "http.unsupported_media_type", \
            f"{content_type}: {response.describe()}"


@pytest.mark.parametrize("body", [b"{", b'{"email": }', b"[1,2]", b'"text"', b"", b"\xff\xfe"])
def test_malformed_json_is_400(server, body):
    client = Client(server.base_url)
    response = client.post("/api/v1/auth/login", body=body, content_type="application/json")
    assert response.status == 400 and response.code == "http.malformed_json", response.describe()


def test_charset_parameter_is_accepted(server):
    client = Client(server.base_url)
    response = client.post("/api/v1/auth/resend-verification", body=b'{"email":"x@example.com"}',
                           content_type="application/json; charset=utf-8")
    assert response.status == 202, response.describe()


@pytest.mark.parametrize("payload,field", [({"password": "p"}, "/email"), ({"email": 5, "password": "p"}, "/email"),
                                           ({"email": "a@example.com"}, "/password")])
def test_missing_or_mistyped_fields_are_422(server, payload, field):
    response = Client(server.base_url).post("/api/v1/auth/login", payload)
    assert response.status == 422 and response.code == "validation.failed", response.describe()
    assert field in {f for f, _ in response.field_codes()}


def test_errors_never_echo_personal_data(server):
    client = Client(server.base_url)
    email, password = unique_email(), strong_password()
    for response in (
        client.post("/api/v1/auth/login", {"email": email, "password": password}),
        client.post("/api/v1/auth/signup", {"email": email, "password": "short", "locale": "xx"}),
        client.post("/api/v1/auth/verify-email", {"email": email, "code": "000000"}),
    ):
        assert response.status >= 400
        assert email.encode() not in response.body and password.encode() not in response.body
        assert email.split("@")[0].encode() not in response.body
