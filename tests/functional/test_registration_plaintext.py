"""No personal registration data in plaintext: after a complete online registration (and a refused
identity update, a rejected upload, a second person trying to claim the line, a link request for a
number that is not in the inventory), neither the database (SQLite file, -wal, -shm while running;
a pg_dump for PostgreSQL) nor anything else in the data directory nor the logs contain the full
name, ID number, date of birth, address, contact phone or MSISDN; the stored document images are
sealed (no JPEG or EXIF marker, generated names) and the EXIF text of an upload is nowhere."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import uuid

import images
from helpers import (accepted_upload, cn_msisdn, confirm_link, import_lines, link_line, national_number,
                     new_subscriber, patch_identity, request_link, sms_code, start_application, submit, upload,
                     valid_identity, wrong_check_char)
from test_plaintext import files_under, scan


def random_birth_date() -> dt.date:
    return dt.date(1960, 1, 1) + dt.timedelta(days=random.SystemRandom().randrange(0, 365 * 39))


def test_no_plaintext_registration_data_on_disk_or_in_logs(server_factory, tmp_path):
    server = server_factory.start("--log-level", "debug")
    engine = server.engine
    birth = random_birth_date()
    identity = valid_identity(birth, "M", full_name=f"Zhao Lei {uuid.uuid4().hex[:6]}")
    exif_marker = f"EXIF-SECRET-{uuid.uuid4().hex}"

    subscriber = new_subscriber(server, engine, locale="zh-CN")
    client = subscriber.client
    [(msisdn, _)] = import_lines(engine, tmp_path, 1)
    line = link_line(client, engine, msisdn)
    response = start_application(client, [line["id"]])
    assert response.status == 201, response.describe()
    app_id = response.json["id"]

    refused = {"full_name": f"Refused Name {uuid.uuid4().hex[:6]}", "document_type": "cn_resident_id",
               "document_number": wrong_check_char(identity["document_number"]),
               "address": f"Refused Road {uuid.uuid4().hex[:6]}"}
    assert patch_identity(client, app_id, refused).status == 422
    assert patch_identity(client, app_id, identity).status == 200
    blurred = images.jpeg(images.blurred(images.id_front_image()))
    assert upload(client, app_id, "id_front", blurred).status == 422
    for kind in ("id_front", "id_back", "selfie"):
        accepted_upload(client, app_id, kind, images.with_exif_comment(images.good_jpeg(kind), exif_marker))
    response = submit(client, app_id, True)
    assert response.status == 200, response.describe()

    other = new_subscriber(server, engine)
    assert request_link(other.client, msisdn).status == 202
    assert confirm_link(other.client, msisdn, sms_code(engine, msisdn)).status == 409
    unknown = cn_msisdn()
    assert request_link(other.client, unknown).status == 202

    secrets = [identity["full_name"], identity["document_number"], identity["address"], birth.isoformat(),
               birth.strftime("%Y%m%d"), national_number(identity["contact_phone"]), national_number(msisdn),
               national_number(unknown), refused["full_name"], refused["document_number"], refused["address"],
               exif_marker]

    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for path in files_under(engine.data_dir):
        if path.parent == engine.data_dir:
            shutil.copy(path, snapshot / path.name)
    assert server.stop() == 0, server.stderr_text()[-2000:]

    paths = files_under(engine.data_dir) + files_under(snapshot) + engine.log_files
    if engine.name == "sqlite":
        assert (snapshot / "simreg.db").is_file()
    else:
        dump = tmp_path / "pg_dump.sql"
        result = subprocess.run(["pg_dump", "--no-owner", "--data-only", "-f", str(dump), engine.database_url],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        paths.append(dump)
    hits = scan(paths, secrets)
    assert not hits, "plaintext personal data found:\n" + "\n".join(hits)

    blobs = files_under(engine.data_dir / "blobs") if (engine.data_dir / "blobs").exists() else []
    assert len(blobs) >= 3, f"the three accepted images are in the blob store: {blobs}"
    for blob in blobs:
        data = blob.read_bytes()
        assert not data.startswith(images.JPEG_MAGIC), f"{blob.name} is a plain JPEG"
        assert b"Exif" not in data and b"JFIF" not in data, f"{blob.name} is not sealed"
        for name_part in (app_id, line["id"], "id_front", "id_back", "selfie", national_number(msisdn)):
            assert name_part not in str(blob.relative_to(engine.data_dir)), f"blob name reveals {name_part}"
