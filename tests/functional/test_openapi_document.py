"""docs/openapi.yaml itself: complete against the milestone's contract, internally consistent,
and its examples valid. These run without a server."""

from __future__ import annotations

import jsonschema
import pytest

from openapi_contract import ContractViolation, contract

# (method, path template, statuses the contract names for it)
CONTRACT_OPERATIONS = [
    ("get", "/healthz", {"200"}),
    ("get", "/readyz", {"200", "503"}),
    ("get", "/metrics", {"200"}),
    ("get", "/api/v1/auth/csrf", {"200"}),
    ("post", "/api/v1/auth/signup", {"201", "403", "422"}),
    ("post", "/api/v1/auth/verify-email", {"200", "400", "429"}),
    ("post", "/api/v1/auth/resend-verification", {"202"}),
    ("post", "/api/v1/auth/login", {"200", "401", "403", "429"}),
    ("post", "/api/v1/auth/logout", {"204"}),
    ("post", "/api/v1/auth/password-reset", {"202"}),
    ("post", "/api/v1/auth/password-reset/confirm", {"200", "400", "422"}),
    ("post", "/api/v1/auth/password", {"200", "401", "422"}),
    ("get", "/api/v1/me", {"200", "401"}),
    ("patch", "/api/v1/me", {"200", "401", "422"}),
    ("post", "/api/v1/staff/auth/login", {"200", "401", "403", "429"}),
    ("post", "/api/v1/staff/auth/password", {"200", "401", "422"}),
    ("get", "/api/v1/admin/staff", {"200", "401", "403"}),
    ("post", "/api/v1/admin/staff", {"201", "401", "403", "409", "422"}),
    ("post", "/api/v1/admin/staff/{id}/disable", {"200", "403", "404", "409"}),
    ("post", "/api/v1/admin/staff/{id}/enable", {"200", "403", "404"}),
    ("put", "/api/v1/admin/staff/{id}/roles", {"200", "403", "404", "409", "422"}),
    ("get", "/api/v1/demo/outbox", {"200", "404"}),
    ("get", "/api/v1/jurisdiction", {"200"}),
    ("get", "/api/v1/sims", {"200", "401", "403"}),
    ("post", "/api/v1/sims/link", {"202", "401", "403", "422", "429"}),
    ("post", "/api/v1/sims/link/confirm", {"200", "401", "403", "409", "422", "429"}),
    ("get", "/api/v1/applications", {"200", "401", "403"}),
    ("post", "/api/v1/applications", {"201", "401", "403", "409", "422"}),
    ("get", "/api/v1/applications/{id}", {"200", "401", "403", "404"}),
    ("patch", "/api/v1/applications/{id}", {"200", "401", "403", "404", "409", "422"}),
    ("put", "/api/v1/applications/{id}/documents/{kind}",
     {"200", "401", "403", "404", "409", "413", "415", "422", "503"}),
    ("post", "/api/v1/applications/{id}/submit", {"200", "401", "403", "404", "409", "422"}),
    # review
    ("get", "/api/v1/review/queue", {"200", "401", "403", "422"}),
    ("post", "/api/v1/review/next", {"200", "204", "401", "403", "422"}),
    ("get", "/api/v1/review/cases/{id}", {"200", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/claim", {"200", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/renew", {"200", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/release", {"204", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/unmask", {"200", "401", "403", "404", "409", "422"}),
    ("get", "/api/v1/review/cases/{id}/documents/{kind}", {"200", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/decision", {"200", "401", "403", "404", "409", "422"}),
    ("post", "/api/v1/review/cases/{id}/escalate", {"200", "401", "403", "404", "409"}),
    ("post", "/api/v1/review/cases/{id}/reassign", {"200", "401", "403", "404", "409", "422"}),
    ("get", "/api/v1/review/reasons", {"200", "401", "403"}),
    ("get", "/api/v1/review/reviewers", {"200", "401", "403"}),
    ("get", "/api/v1/review/stats", {"200", "401", "403"}),
    ("post", "/api/v1/review/samples/next", {"200", "204", "401", "403"}),
    ("post", "/api/v1/review/samples/{id}/verdict", {"200", "401", "403", "404", "409", "422"}),
    ("get", "/api/v1/review/samples/report", {"200", "401", "403"}),
    # webhooks
    ("get", "/api/v1/admin/webhooks", {"200", "401", "403"}),
    ("post", "/api/v1/admin/webhooks", {"201", "401", "403", "422"}),
    ("delete", "/api/v1/admin/webhooks/{id}", {"204", "401", "403", "404"}),
    ("get", "/api/v1/admin/webhooks/{id}/deliveries", {"200", "400", "401", "403", "404"}),
    ("post", "/api/v1/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver", {"202", "401", "403", "404", "409"}),
]

BODY_ERRORS = {"400", "413", "415", "422"}


def all_refs(node, found=None):
    found = found if found is not None else []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.append(value)
            else:
                all_refs(value, found)
    elif isinstance(node, list):
        for item in node:
            all_refs(item, found)
    return found


def test_is_openapi_3_1_with_2020_12_dialect():
    document = contract().document
    assert document["openapi"].startswith("3.1.")
    assert document["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["info"]["title"] and document["info"]["version"]


@pytest.mark.parametrize("method,template,statuses", CONTRACT_OPERATIONS,
                         ids=[f"{m.upper()} {t}" for m, t, _ in CONTRACT_OPERATIONS])
def test_every_contract_operation_is_documented(method, template, statuses):
    item = contract().document["paths"].get(template)
    assert item is not None, f"{template} missing"
    operation = item.get(method)
    assert operation is not None, f"{method.upper()} {template} missing"
    documented = set(operation["responses"])
    assert statuses <= documented, f"missing statuses {statuses - documented}"
    assert "default" not in documented, "a default response would let any status pass"
    assert operation.get("tags"), "every operation is tagged"
    assert operation.get("operationId")
    if "requestBody" in operation:
        assert BODY_ERRORS <= documented, f"body errors missing: {BODY_ERRORS - documented}"
    if method in ("post", "put", "patch", "delete"):
        assert "403" in documented, "unsafe methods can fail the CSRF check"


def test_no_undocumented_extra_operations():
    documented = {(m, t) for m, t, _ in contract().operations()}
    expected = {(m, t) for m, t, _ in CONTRACT_OPERATIONS} | {("get", "/")}
    assert documented == expected


def test_every_ref_resolves():
    document = contract().document
    refs = all_refs(document)
    assert refs
    for ref in set(refs):
        contract().resolve({"$ref": ref})  # raises KeyError when dangling


def test_every_schema_is_valid_draft_2020_12():
    for name, schema in contract().document["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_error_response_is_a_problem():
    c = contract()
    for method, template, operation in c.operations():
        for status, raw in operation["responses"].items():
            response = c.resolve(raw)
            assert "X-Request-Id" in response.get("headers", {}), f"{method} {template} {status}: no X-Request-Id"
            # Load shedding answers before routing, so it cannot promise route-specific headers.
            shed = raw.get("$ref") == "#/components/responses/Overloaded"
            if template.startswith("/api/") and not shed:
                assert "Cache-Control" in response.get("headers", {}), f"{method} {template} {status}"
            if int(status) < 400:
                continue
            content = response.get("content", {})
            assert list(content) == ["application/problem+json"], f"{method} {template} {status}"
            schema = content["application/problem+json"]["schema"]
            assert "#/components/schemas/Problem" in all_refs(schema), f"{method} {template} {status}"


def test_429_responses_carry_retry_after():
    c = contract()
    for method, template, operation in c.operations():
        response = operation["responses"].get("429")
        if response:
            header = c.resolve(c.resolve(response)["headers"]["Retry-After"])
            assert header["required"] is True, f"{method} {template}"


def test_security_schemes():
    schemes = contract().document["components"]["securitySchemes"]
    assert schemes["sessionCookie"] == {**schemes["sessionCookie"], "type": "apiKey", "in": "cookie",
                                        "name": "__Host-simreg"}
    assert schemes["csrfToken"] == {**schemes["csrfToken"], "type": "apiKey", "in": "header",
                                    "name": "X-CSRF-Token"}
    for method, template, operation in contract().operations():
        if method in ("post", "put", "patch", "delete"):
            names = {name for requirement in operation.get("security", []) for name in requirement}
            assert "csrfToken" in names, f"{method} {template} does not declare the CSRF token"


def test_tags_are_declared():
    declared = {tag["name"] for tag in contract().document["tags"]}
    for method, template, operation in contract().operations():
        assert set(operation["tags"]) <= declared, f"{method} {template}"


def _examples():
    c = contract()
    for method, template, operation in c.operations():
        for status, response in operation["responses"].items():
            for media, body in c.resolve(response).get("content", {}).items():
                if "example" in body:
                    yield f"{method} {template} {status} {media}", body["schema"], body["example"]
                for name, example in body.get("examples", {}).items():
                    yield f"{method} {template} {status} {media} {name}", body["schema"], example["value"]
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body and "example" in body:
            yield f"{method} {template} request", body["schema"], body["example"]


def test_examples_match_their_schemas():
    checked = 0
    for where, schema, example in _examples():
        contract().validate_schema(example, schema, where)
        checked += 1
    assert checked >= 10


def test_response_objects_are_closed_where_exact():
    schemas = contract().document["components"]["schemas"]
    for name in ("SubscriberMe", "StaffMe", "Staff", "StaffCreated", "StaffList", "OutboxItem",
                 "Readiness", "Health", "CsrfToken", "SubscriberAccountEnvelope", "StaffAccountEnvelope"):
        assert schemas[name].get("additionalProperties") is False, name


VALIDATOR_CASES = [
    # (method, path, status, content type, body, should pass)
    ("GET", "/healthz", 200, "application/json", b'{"status":"ok"}', True),
    ("GET", "/healthz", 200, "application/json", b'{"status":"ok","extra":1}', False),
    ("GET", "/healthz", 201, "application/json", b'{"status":"ok"}', False),
    ("GET", "/healthz", 200, "text/plain", b"ok", False),
    ("DELETE", "/healthz", 200, "application/json", b'{"status":"ok"}', False),
    ("GET", "/nowhere", 200, "application/json", b"{}", False),
    ("GET", "/api/v1/admin/staff/stf_1/disable", 200, "application/json", b"{}", False),
    ("POST", "/api/v1/admin/staff/stf_1/disable", 404, "application/problem+json",
     b'{"type":"about:blank","title":"Not found","status":404,"detail":"x","code":"staff.not_found","request_id":"r1"}',
     True),
    ("POST", "/api/v1/admin/staff/stf_1/disable", 404, "application/problem+json",
     b'{"type":"about:blank","title":"Not found","status":404,"detail":"x","code":"http.not_found","request_id":"r1"}',
     False),
    ("POST", "/api/v1/admin/staff/stf_1/disable", 404, "application/problem+json",
     b'{"type":"about:blank","title":"Not found","status":404,"detail":"x","code":"staff.not_found","request_id":"r2"}',
     False),
]


@pytest.mark.parametrize("method,path,status,content_type,body,ok", VALIDATOR_CASES)
def test_the_response_validator_itself(method, path, status, content_type, body, ok):
    headers = {"Content-Type": content_type, "X-Request-Id": "r1", "Cache-Control": "no-store"}
    if ok:
        contract().check_response(method, path, status, headers, body)
    else:
        with pytest.raises(ContractViolation):
            contract().check_response(method, path, status, headers, body)
