"""The suite's own helpers, checked without a server: TOTP against the RFC 6238 vectors, the
cookie parser, loopback source addresses."""

from __future__ import annotations

import base64

import pytest

from client import next_source_address, parse_set_cookie
from helpers import TOTP_PERIOD, totp_at, totp_secret_from_uri

RFC6238_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize("unix_time,expected8", [(59, "94287082"), (1111111109, "07081804"),
                                                 (1234567890, "89005924"), (2000000000, "69279037")])
def test_totp_rfc6238_sha1_vectors(unix_time, expected8):
    assert totp_at(RFC6238_SECRET, unix_time // TOTP_PERIOD, digits=8) == expected8
    assert totp_at(RFC6238_SECRET, unix_time // TOTP_PERIOD) == expected8[-6:]


def test_totp_secret_from_uri():
    uri = "otpauth://totp/simreg:lee%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=simreg&digits=6"
    assert totp_secret_from_uri(uri) == "JBSWY3DPEHPK3PXP"


@pytest.mark.parametrize("raw,name,value,flags,clears", [
    ("__Host-simreg=abc; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=43200",
     "__Host-simreg", "abc", {"path": "/", "secure": "", "httponly": "", "samesite": "Strict"}, False),
    ("__Host-simreg=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0", "__Host-simreg", "", {}, True),
    ("a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "a", "b", {}, True),
    ("a=b=c", "a", "b=c", {}, False),
])
def test_set_cookie_parser(raw, name, value, flags, clears):
    cookie = parse_set_cookie(raw)
    assert (cookie.name, cookie.value, cookie.clears) == (name, value, clears)
    for key, expected in flags.items():
        assert cookie.attributes[key] == expected


def test_source_addresses_are_distinct_loopback():
    addresses = [next_source_address() for _ in range(600)]
    assert len(set(addresses)) == 600
    assert all(a.startswith("127.") and a != "127.0.0.1" for a in addresses)
    assert len({a.split(".")[1] for a in addresses[:250]}) == 250


def test_plaintext_scan_finds_every_encoding(tmp_path):
    from test_plaintext import scan

    secret = "Someone@Example.com"
    samples = {
        "plain": secret.encode(),
        "lower": b"xx" + secret.lower().encode() + b"yy",
        "utf16": secret.encode("utf-16-le"),
        "urlencoded": b"to=Someone%40Example.com",
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "clean").write_bytes(b"nothing to see")
    hits = scan(sorted(tmp_path.iterdir()), [secret])
    assert {hit.split(":")[0] for hit in hits} == set(samples)
