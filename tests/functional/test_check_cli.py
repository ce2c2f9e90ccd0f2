"""`simreg check id|mrz|iccid|msisdn|image`: each prints one JSON object with a top-level verdict
(`valid`, or `accepted` for images), the stable reason codes and the parsed fields or measured
values, and exits 0 when valid, 1 when not, 2 on a usage error. No server, no data directory.

Also cross-checks this suite's own generators (helpers.py) against the real validators."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

import images
from helpers import (CN_MOBILE_PREFIXES, bad_luhn, cn_id_check_char, cn_msisdn, cn_resident_id, iccid,
                     luhn_check_digit)
from server import simreg_binary

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
GB11643_EXAMPLE = "11010519491231002X"  # the standard's own example: born 1949-12-31, a woman


class Check:
    def __init__(self, args: list[str], completed: subprocess.CompletedProcess):
        self.args, self.code, self.stdout, self.stderr = args, completed.returncode, completed.stdout, completed.stderr

    @property
    def json(self) -> dict:
        try:
            value = json.loads(self.stdout)
        except json.JSONDecodeError as error:
            raise AssertionError(f"stdout is not one JSON object ({error}): {self.describe()}") from None
        assert isinstance(value, dict), self.describe()
        return value

    def describe(self) -> str:
        return f"simreg {' '.join(self.args)} -> {self.code}\nstdout: {self.stdout}\nstderr: {self.stderr}"


def check(*args: str) -> Check:
    argv = ["check", *args]
    completed = subprocess.run([str(simreg_binary()), *argv], capture_output=True, text=True, timeout=60)
    return Check(argv, completed)


def verdict(result: Check, valid: bool, errors: set[str] | None = None) -> dict:
    assert result.code == (0 if valid else 1), result.describe()
    body = result.json
    assert body["valid"] is valid, result.describe()
    assert isinstance(body["errors"], list) and isinstance(body["fields"], dict), result.describe()
    if valid:
        assert body["errors"] == [], result.describe()
    if errors is not None:
        assert errors <= set(body["errors"]), result.describe()
    return body


def strings_in(node) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(strings_in(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(strings_in(v) for v in node)) if node else set()
    return {node} if isinstance(node, str) else set()


def with_check(first17: str) -> str:
    return first17 + cn_id_check_char(first17)


# -- id -----------------------------------------------------------------------------------------
ID_CASES = [
    # (arguments after `check id`, valid, expected error codes)
    (["--type", "cn_resident_id", GB11643_EXAMPLE], True, set()),
    (["--type", "cn_resident_id", GB11643_EXAMPLE, "--dob", "1949-12-31", "--sex", "F"], True, set()),
    (["--type", "cn_resident_id", GB11643_EXAMPLE.lower()], True, set()),
    (["--type", "cn_resident_id", GB11643_EXAMPLE, "--dob", "1949-12-30"], False, {"id.birth_date_mismatch"}),
    (["--type", "cn_resident_id", GB11643_EXAMPLE, "--sex", "M"], False, {"id.sex_mismatch"}),
    (["--type", "cn_resident_id", "110105194912310021"], False, {"id.check_digit"}),
    (["--type", "cn_resident_id", "1101051949123"], False, {"id.format"}),
    (["--type", "cn_resident_id", "1101051949123100AX"], False, {"id.format"}),
    (["--type", "cn_resident_id", with_check("99010519491231002")], False, {"id.region_unknown"}),
    (["--type", "cn_resident_id", with_check("11010519490230002")], False, {"id.birth_date_invalid"}),
]


@pytest.mark.parametrize("args,valid,errors", ID_CASES, ids=[" ".join(c[0][2:]) for c in ID_CASES])
def test_check_id(args, valid, errors):
    body = verdict(check("id", *args), valid, errors)
    if valid:
        assert "1949-12-31" in strings_in(body["fields"]), body


@pytest.mark.parametrize("args", [
    ["--type", "no_such_document", GB11643_EXAMPLE],
    ["--type", "cn_resident_id"],
    [GB11643_EXAMPLE],
    ["--type", "cn_resident_id", GB11643_EXAMPLE, "--sex", "X"],
])
def test_check_id_usage_errors(args):
    result = check("id", *args)
    assert result.code == 2, result.describe()


def test_generated_resident_ids_are_valid():
    """The suite's own GB 11643 generator agrees with the server's validator."""
    for birth, sex in [(dt.date(1990, 5, 17), "F"), (dt.date(1985, 1, 1), "M"), (dt.date(2000, 2, 29), "F"),
                       (dt.date(1960, 12, 31), "M")]:
        number = cn_resident_id(birth, sex)
        verdict(check("id", "--type", "cn_resident_id", number, "--dob", birth.isoformat(), "--sex", sex), True)


# -- mrz ----------------------------------------------------------------------------------------
def test_check_mrz_td3_specimen():
    body = verdict(check("mrz", *TD3), True)
    assert body["checks"] and all(value is True for value in body["checks"].values()), body
    assert len(body["checks"]) >= 5, "document number, birth, expiry, personal number, composite"
    values = strings_in(body["fields"])
    for expected in ("L898902C3", "1974-08-12", "2012-04-15", "F"):
        assert expected in values, (expected, body["fields"])
    assert any("ERIKSSON" in v for v in values) and any("ANNA" in v for v in values)


def test_check_mrz_td1_specimen():
    body = verdict(check("mrz", *TD1), True)
    assert body["checks"] and all(value is True for value in body["checks"].values()), body
    values = strings_in(body["fields"])
    for expected in ("D23145890", "1974-08-12", "2012-04-15"):
        assert expected in values, (expected, body["fields"])


@pytest.mark.parametrize("lines,failing", [
    # Only the composite check digit changed: exactly that check fails.
    ([TD3[0], TD3[1][:43] + "1"], 1),
    ([TD1[0], TD1[1][:29] + "7", TD1[2]], 1),
    # The document number's check digit changed: it fails, and so does the composite over it.
    ([TD3[0], TD3[1][:9] + "7" + TD3[1][10:]], 2),
    # The birth date's check digit.
    ([TD3[0], TD3[1][:19] + "3" + TD3[1][20:]], 2),
])
def test_check_mrz_check_digits(lines, failing):
    body = verdict(check("mrz", *lines), False, {"mrz.check_digit"})
    assert sum(1 for value in body["checks"].values() if value is False) == failing, body["checks"]


@pytest.mark.parametrize("lines", [
    [TD3[0], TD3[1][:-1]],                 # 43 characters
    [TD3[0].lower(), TD3[1]],              # lower case
    [TD1[0], TD1[1]],                      # TD1 needs three lines
])
def test_check_mrz_format(lines):
    verdict(check("mrz", *lines), False, {"mrz.format"})


def test_check_mrz_usage_error():
    assert check("mrz").code == 2


# -- iccid --------------------------------------------------------------------------------------
def test_check_iccid():
    verdict(check("iccid", iccid()), True)  # 20 digits
    nineteen = "898600123456789012"
    verdict(check("iccid", nineteen + luhn_check_digit(nineteen)), True)
    verdict(check("iccid", bad_luhn(iccid())), False, {"iccid.check_digit"})
    verdict(check("iccid", "8986"), False, {"iccid.format"})
    verdict(check("iccid", "8986001234567890123456"), False, {"iccid.format"})
    verdict(check("iccid", "89860012345678ABCDEF"), False, {"iccid.format"})
    assert check("iccid").code == 2


# -- msisdn -------------------------------------------------------------------------------------
def test_check_msisdn_valid_cn_mobile_numbers():
    for prefix in CN_MOBILE_PREFIXES:
        number = "+86" + prefix + cn_msisdn()[-8:]
        body = verdict(check("msisdn", number, "--country", "CN"), True)
        assert number in strings_in(body["fields"]), body
    body = verdict(check("msisdn", "139 1234 5678", "--country", "CN"), True)
    assert "+8613912345678" in strings_in(body["fields"]), body


@pytest.mark.parametrize("args,errors", [
    (["12345", "--country", "CN"], {"msisdn.invalid"}),
    (["+86 139 1234", "--country", "CN"], {"msisdn.invalid"}),
    (["call me", "--country", "CN"], {"msisdn.invalid"}),
    (["+447911123456", "--country", "CN"], {"msisdn.wrong_country"}),
])
def test_check_msisdn_invalid(args, errors):
    verdict(check("msisdn", *args), False, errors)


def test_check_msisdn_usage_error():
    assert check("msisdn").code == 2


# -- image --------------------------------------------------------------------------------------
def image_verdict(result: Check, accepted: bool) -> dict:
    assert result.code == (0 if accepted else 1), result.describe()
    body = result.json
    assert body["accepted"] is accepted, result.describe()
    assert isinstance(body["reasons"], list) and isinstance(body["measurements"], dict), result.describe()
    return body


def reason_codes(body: dict) -> list[str]:
    return [r if isinstance(r, str) else r["code"] for r in body["reasons"]]


@pytest.mark.parametrize("kind", ["id_front", "id_back", "passport", "selfie"])
def test_check_image_good(tmp_path, kind):
    path = tmp_path / f"{kind}.jpg"
    path.write_bytes(images.good_jpeg(kind))
    body = image_verdict(check("image", str(path), "--kind", kind), True)
    assert reason_codes(body) == [], body


def test_check_image_card_on_a_plain_dark_surface_is_accepted(tmp_path):
    """The upload hint for image.not_filling_frame says: lay the document on a plain, darker
    surface. A sharp card covering about 40 % of such a picture must be accepted."""
    path = tmp_path / "plain.jpg"
    path.write_bytes(images.jpeg(images.id_front_on_plain_desk_image()))
    body = image_verdict(check("image", str(path), "--kind", "id_front"), True)
    assert reason_codes(body) == [], body


@pytest.mark.parametrize("kind,picture,expected", [
    ("id_front", lambda: images.blurred(images.id_front_image()), "image.blurred"),
    ("selfie", lambda: images.dark(images.selfie_image()), "image.too_dark"),
    ("selfie", images.no_face_image, "image.no_face"),
    ("selfie", images.two_faces_image, "image.multiple_faces"),
    ("id_back", lambda: images.tiny(images.id_back_image()), "image.too_small"),
])
def test_check_image_rejects(tmp_path, kind, picture, expected):
    path = tmp_path / "picture.jpg"
    path.write_bytes(images.jpeg(picture()))
    body = image_verdict(check("image", str(path), "--kind", kind), False)
    assert expected in reason_codes(body), body


def test_check_image_usage_errors(tmp_path):
    path = tmp_path / "selfie.jpg"
    path.write_bytes(images.good_jpeg("selfie"))
    assert check("image", str(path)).code == 2, "--kind is required"
    assert check("image", str(path), "--kind", "portrait").code == 2
    assert check("image", "--kind", "selfie").code == 2
