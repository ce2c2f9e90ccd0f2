"""GET /api/v1/jurisdiction: the active profile (cn by default), verbatim, for anyone."""

from __future__ import annotations

import json

from client import Client
from helpers import new_subscriber
from server import REPO_ROOT

PROFILE_FILE = REPO_ROOT / "profiles" / "cn.json"
IDENTITY_FIELDS = ["full_name", "date_of_birth", "sex", "nationality", "address", "document_type",
                   "document_number", "document_expiry", "contact_phone"]


def test_jurisdiction_is_the_cn_profile(server):
    response = Client(server.base_url).get("/api/v1/jurisdiction")
    assert response.status == 200, response.describe()
    profile = response.json
    assert (profile["id"], profile["country"]) == ("cn", "CN")
    assert set(profile["languages"]) == {"zh-CN", "en"} and profile["default_language"] == "zh-CN"
    assert profile["utc_offset_minutes"] == 480
    assert profile["minimum_age"] == 16
    assert profile["sim_cap_per_person"] == 5
    assert profile["review_business_days"] == 2
    assert profile["identity_fields"] == IDENTITY_FIELDS
    for language in ("en", "zh-CN"):
        assert profile["declaration"][language].strip(), f"declaration in {language}"
        assert profile["name"][language].strip()
    types = {t["id"]: t for t in profile["document_types"]}
    assert {"cn_resident_id", "passport"} <= set(types)
    resident = types["cn_resident_id"]
    assert resident["validator"] == "cn_resident_id"
    assert resident["images"] == ["id_front", "id_back", "selfie"]
    assert resident["expiry_required"] is True and resident["nationalities"] == ["CN"]
    passport = types["passport"]
    assert passport["images"] == ["passport", "selfie"] and passport["nationalities"] is None
    for document_type in profile["document_types"]:
        assert document_type["label"]["en"] and document_type["label"]["zh-CN"], document_type["id"]
    weekend = profile["calendar"]["weekend"]
    assert sorted(weekend) == ["sat", "sun"]


def test_jurisdiction_is_the_shipped_file_verbatim(server):
    assert PROFILE_FILE.is_file(), f"{PROFILE_FILE} is the shipped cn profile"
    shipped = json.loads(PROFILE_FILE.read_text(encoding="utf-8"))
    served = Client(server.base_url).get("/api/v1/jurisdiction").json
    assert served == shipped


def test_jurisdiction_is_public_and_the_same_for_everyone(server, engine):
    anonymous = Client(server.base_url).get("/api/v1/jurisdiction")
    signed_in = new_subscriber(server, engine, locale="zh-CN").client.get("/api/v1/jurisdiction")
    assert anonymous.status == signed_in.status == 200
    assert anonymous.json == signed_in.json
    assert anonymous.cookie("__Host-simreg") is None
