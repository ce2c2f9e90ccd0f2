"""Checks HTTP responses against docs/openapi.yaml.

Every response a functional test receives goes through `OpenApiContract.check_response`: the
path must match a documented path template, the method a documented operation, the status a
documented response (there is deliberately no `default`), the media type a documented content
type, the body its schema (JSON Schema draft 2020-12, $refs resolved against the whole document)
and every required response header must be present and match its schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
OPENAPI_PATH = REPO_ROOT / "docs" / "openapi.yaml"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


IMAGE_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


class ContractViolation(AssertionError):
    """A response that docs/openapi.yaml does not allow."""


@dataclass
class Operation:
    template: str
    method: str
    spec: dict


def media_type(content_type: str | None) -> str:
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


class OpenApiContract:
    def __init__(self, path: Path = OPENAPI_PATH):
        with open(path, "r", encoding="utf-8") as handle:
            self.document: dict = yaml.safe_load(handle)
        self._resolver = jsonschema.RefResolver(base_uri="", referrer=self.document)
        self._paths: list[tuple[re.Pattern[str], str, dict]] = []
        for template, item in self.document.get("paths", {}).items():
            self._paths.append((self._template_regex(template), template, item))
        # Literal paths win over templated ones ("/a/b" before "/a/{id}").
        self._paths.sort(key=lambda entry: entry[1].count("{"))

    @staticmethod
    def _template_regex(template: str) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", template)
        pattern = "".join(
            f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
        )
        return re.compile(f"^{pattern}$")

    def resolve(self, node: Any) -> Any:
        """Follows local $refs (also chains of them) to the node they name."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ContractViolation(f"external $ref not supported: {ref}")
            target: Any = self.document
            for token in ref[2:].split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
            if seen > 32:
                raise ContractViolation(f"$ref loop at {ref}")
        return node

    def find_operation(self, method: str, path: str) -> Operation:
        path_only = path.split("?", 1)[0]
        for regex, template, item in self._paths:
            if regex.match(path_only):
                operation = item.get(method.lower())
                if operation is None:
                    raise ContractViolation(
                        f"{method} {path_only}: method not documented for path {template}"
                    )
                return Operation(template, method.lower(), operation)
        raise ContractViolation(f"{method} {path_only}: path not documented in docs/openapi.yaml")

    def has_operation(self, method: str, path: str) -> bool:
        try:
            self.find_operation(method, path)
            return True
        except ContractViolation:
            return False

    def validate_schema(self, instance: Any, schema: dict, where: str) -> None:
        validator = jsonschema.Draft202012Validator(schema, resolver=self._resolver)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        if errors:
            details = "; ".join(
                f"at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in errors[:5]
            )
            raise ContractViolation(f"{where}: body does not match schema: {details}\nbody: {instance!r}")

    def schema(self, name: str) -> dict:
        return {"$ref": f"#/components/schemas/{name}"}

    def check_response(
        self,
        method: str,
        path: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
    ) -> None:
        """Raises ContractViolation when the response is not what the document promises."""
        operation = self.find_operation(method, path)
        where = f"{method.upper()} {path.split('?', 1)[0]} -> {status}"
        responses = operation.spec.get("responses", {})
        response = responses.get(str(status))
        if response is None:
            raise ContractViolation(
                f"{where}: status not documented (documented: {sorted(responses)}); body: {body[:500]!r}"
            )
        response = self.resolve(response)
        self._check_headers(where, response.get("headers", {}), headers)
        content = response.get("content")
        if not content:
            if body:
                raise ContractViolation(f"{where}: documented without a body but got {body[:200]!r}")
            return
        got_type = media_type(headers.get("Content-Type"))
        media = content.get(got_type)
        if media is None:
            raise ContractViolation(
                f"{where}: content type {got_type!r} not documented (documented: {sorted(content)})"
            )
        self.check_body(where, got_type, media.get("schema", {}), headers, body, status)

    def check_body(
        self, where: str, got_type: str, schema: dict, headers: Mapping[str, str], body: bytes, status: int
    ) -> None:
        if got_type.startswith("image/") or schema.get("format") == "binary":
            # Binary bodies (document images): the type is documented; the bytes must be that type.
            if not body:
                raise ContractViolation(f"{where}: empty {got_type} body")
            magic = IMAGE_MAGIC.get(got_type)
            if magic is not None and not body.startswith(magic):
                raise ContractViolation(f"{where}: body is not {got_type}: {body[:16]!r}")
            return
        if got_type.endswith("json"):
            try:
                instance = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise ContractViolation(f"{where}: body is not JSON ({error}): {body[:200]!r}") from None
            self.validate_schema(instance, schema, where)
            if got_type == "application/problem+json":
                self._check_problem_consistency(where, instance, headers, status)
        else:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise ContractViolation(f"{where}: body is not UTF-8 text ({error})") from None
            self.validate_schema(text, schema, where)

    @staticmethod
    def _check_problem_consistency(where: str, problem: Any, headers: Mapping[str, str], status: int) -> None:
        if not isinstance(problem, dict):
            return
        if problem.get("status") != status:
            raise ContractViolation(f"{where}: problem status {problem.get('status')} differs from HTTP status")
        request_id = headers.get("X-Request-Id")
        if request_id is not None and problem.get("request_id") != request_id:
            raise ContractViolation(
                f"{where}: problem request_id {problem.get('request_id')!r} differs from X-Request-Id {request_id!r}"
            )

    def _check_headers(self, where: str, documented: dict, headers: Mapping[str, str]) -> None:
        for name, header in documented.items():
            header = self.resolve(header)
            value = headers.get(name)
            if value is None:
                if header.get("required"):
                    raise ContractViolation(f"{where}: required response header {name} missing")
                continue
            schema = header.get("schema")
            if schema:
                self.validate_schema(value, schema, f"{where} header {name}")

    def check_generic_problem(
        self, method: str, path: str, status: int, headers: Mapping[str, str], body: bytes, code: str
    ) -> dict:
        """For deliberately undocumented requests (unknown route, wrong method): the answer must be
        a Problem with the given generic code and the headers every response carries."""
        where = f"{method.upper()} {path.split('?', 1)[0]} -> {status} (generic error)"
        got_type = media_type(headers.get("Content-Type"))
        if got_type != "application/problem+json":
            raise ContractViolation(f"{where}: expected application/problem+json, got {got_type!r}: {body[:200]!r}")
        if not headers.get("X-Request-Id"):
            raise ContractViolation(f"{where}: X-Request-Id missing")
        if path.startswith("/api/") and "no-store" not in (headers.get("Cache-Control") or ""):
            raise ContractViolation(f"{where}: Cache-Control: no-store missing on an API response")
        self.check_body(where, got_type, self.schema("Problem"), headers, body, status)
        problem = json.loads(body)
        if problem.get("code") != code:
            raise ContractViolation(f"{where}: expected code {code!r}, got {problem.get('code')!r}")
        return problem

    def operations(self) -> list[tuple[str, str, dict]]:
        result = []
        for template, item in self.document.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    result.append((method, template, item[method]))
        return result


_CONTRACT: OpenApiContract | None = None


def contract() -> OpenApiContract:
    global _CONTRACT
    if _CONTRACT is None:
        _CONTRACT = OpenApiContract()
    return _CONTRACT
