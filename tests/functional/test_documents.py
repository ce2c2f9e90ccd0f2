"""PUT /api/v1/applications/{id}/documents/{kind}: the raw image is the body, the answer is the
instant quality report. Hard failures (too large, pixel flood, unsupported type, Content-Type that
disagrees with the bytes, truncated) and quality failures (blurred, dark, overexposed, too small, no
face, two faces) store nothing; each quality reason comes with a message and a hint in the
subscriber's language. Test pictures: images.py (OpenCV, from opencv-doc's sample photos)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import images
from helpers import accepted_upload, draft_with_identity, get_application, problem, upload

CJK = re.compile(r"[\u4e00-\u9fff]")


def blob_files(engine) -> list[Path]:
    root = engine.data_dir / "blobs"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture(scope="module")
def draft(_shared, tmp_path_factory):
    """A draft with a valid identity (resident identity card: id_front, id_back, selfie)."""
    return draft_with_identity(_shared, _shared.engine, tmp_path_factory.mktemp("documents"))


def stored_document(client, application_id: str, kind: str) -> dict | None:
    return get_application(client, application_id)["documents"].get(kind)


@pytest.mark.parametrize("kind", ["id_front", "id_back", "selfie"])
def test_good_images_are_accepted_and_stored(server, engine, draft, kind):
    subscriber, application = draft
    report = accepted_upload(subscriber.client, application["id"], kind, images.good_jpeg(kind))
    assert report["kind"] == kind and report["accepted"] is True and report["reasons"] == []
    assert isinstance(report["measurements"], dict) and report["measurements"]
    stored = stored_document(subscriber.client, application["id"], kind)
    assert stored is not None and stored["accepted"] is True
    assert stored["uploaded_at"] == report["uploaded_at"]
    assert f"/documents/{kind}" not in get_application(subscriber.client, application["id"])["missing"]
    assert blob_files(engine), "the accepted image is in the blob store"


@pytest.mark.parametrize("encoding,content_type", [("png", "image/png"), ("webp", "image/webp")])
def test_png_and_webp_are_accepted(server, draft, encoding, content_type):
    subscriber, application = draft
    data = getattr(images, encoding)(images.selfie_image())
    report = accepted_upload(subscriber.client, application["id"], "selfie", data, content_type)
    assert report["accepted"] is True


QUALITY_CASES = {
    # name: (kind, picture, reason code that must be among the reasons)
    "blurred card": ("id_front", lambda: images.blurred(images.id_front_image()), "image.blurred"),
    "blurred selfie": ("selfie", lambda: images.blurred(images.selfie_image()), "image.blurred"),
    "dark card": ("id_front", lambda: images.dark(images.id_front_image()), "image.too_dark"),
    "dark card back": ("id_back", lambda: images.dark(images.id_back_image()), "image.too_dark"),
    "overexposed card": ("id_front", lambda: images.overexposed(images.id_front_image()), "image.overexposed"),
    "tiny card": ("id_front", lambda: images.tiny(images.id_front_image()), "image.too_small"),
    "tiny selfie": ("selfie", lambda: images.tiny(images.selfie_image()), "image.too_small"),
    "selfie without a face": ("selfie", images.no_face_image, "image.no_face"),
    "selfie with two people": ("selfie", images.two_faces_image, "image.multiple_faces"),
}


@pytest.mark.parametrize("case", list(QUALITY_CASES))
def test_quality_failures_are_explained_and_not_stored(server, engine, draft, case):
    subscriber, application = draft
    kind, picture, expected = QUALITY_CASES[case]
    before = stored_document(subscriber.client, application["id"], kind)
    blobs_before = blob_files(engine)
    response = upload(subscriber.client, application["id"], kind, images.jpeg(picture()))
    body = problem(response, 422, "document.quality_rejected")
    report = body["report"]
    assert report["accepted"] is False
    codes = [reason["code"] for reason in report["reasons"]]
    assert expected in codes, f"{case}: expected {expected} among {codes}"
    for reason in report["reasons"]:
        assert reason["message"].strip() and reason["hint"].strip(), reason
        assert reason["hint"] != reason["message"]
    assert {(f"/documents/{kind}", code) for code in codes} == response.field_codes()
    assert stored_document(subscriber.client, application["id"], kind) == before, "nothing stored"
    assert blob_files(engine) == blobs_before, "no blob written for a refused image"


HARD_CASES = {
    # name: (content type, body, status, code)
    "PNG sent as image/jpeg": ("image/jpeg", lambda: images.png(images.selfie_image()), 415, "image.type_mismatch"),
    "JPEG sent as image/png": ("image/png", lambda: images.good_jpeg("selfie"), 415, "image.type_mismatch"),
    "text sent as image/jpeg": ("image/jpeg", images.text_body, 415, "image.unsupported_type"),
    "GIF": ("image/gif", lambda: b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
                                b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
            415, "image.unsupported_type"),
    "truncated JPEG": ("image/jpeg", lambda: images.truncated(images.good_jpeg("selfie")), 422, "image.unreadable"),
    "11 MB": ("image/jpeg", images.oversized_jpeg, 413, "image.too_large"),
    "PNG claiming 60000x60000": ("image/png", images.pixel_flood_png, 413, "image.too_many_pixels"),
}


@pytest.mark.parametrize("case", list(HARD_CASES))
def test_hard_failures_store_nothing(server, engine, draft, case):
    subscriber, application = draft
    content_type, body, status, code = HARD_CASES[case]
    before = stored_document(subscriber.client, application["id"], "selfie")
    blobs_before = blob_files(engine)
    response = upload(subscriber.client, application["id"], "selfie", body(), content_type)
    problem(response, status, code)
    assert "report" not in response.json
    assert stored_document(subscriber.client, application["id"], "selfie") == before, "nothing stored"
    assert blob_files(engine) == blobs_before, "no blob written"


def test_reasons_speak_the_subscribers_language(server, engine, tmp_path):
    subscriber, application = draft_with_identity(server, engine, tmp_path, locale="zh-CN")
    response = upload(subscriber.client, application["id"], "id_front",
                      images.jpeg(images.blurred(images.id_front_image())))
    body = problem(response, 422, "document.quality_rejected")
    for reason in body["report"]["reasons"]:
        assert CJK.search(reason["message"]) and CJK.search(reason["hint"]), reason


def test_replacing_an_image_keeps_one(server, engine, draft):
    subscriber, application = draft
    first = accepted_upload(subscriber.client, application["id"], "id_back", images.good_jpeg("id_back"))
    second = accepted_upload(subscriber.client, application["id"], "id_back", images.png(images.id_back_image()),
                             "image/png")
    assert second["uploaded_at"] >= first["uploaded_at"]
    assert stored_document(subscriber.client, application["id"], "id_back")["uploaded_at"] == second["uploaded_at"]


def test_unknown_kind_is_404(server, draft):
    subscriber, application = draft
    response = upload(subscriber.client, application["id"], "driving_licence", images.good_jpeg("selfie"))
    problem(response, 404, "document.unknown_kind")
