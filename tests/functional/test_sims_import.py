"""`simreg sims import FILE.csv` (columns msisdn,iccid[,imsi][,activated_at]): every row validated
(MSISDN with libphonenumber for the profile's country, ICCID Luhn, duplicates within the file and
against the table), every bad row reported with its line number and reason, nothing imported when
any row is bad unless --skip-invalid, and a summary.

Whether a line is in the inventory is observed from outside: a link request for an imported number
sends an SMS (none for a number that is not), and importing it again reports a duplicate."""

from __future__ import annotations

import random
import re

from helpers import (bad_luhn, cn_msisdn, confirm_link, iccid, new_subscriber, outbox, parse_time, request_link,
                     sms_code, write_sims_csv)

DUPLICATE = ("duplicate",)
# A row whose number or ICCID is already stocked: any wording that says so.
IN_TABLE = ("duplicate", "exists", "already")


def import_file(engine, path, *flags):
    return engine.cli("sims", "import", str(path), *flags)


def reported(result, line_number: int, reasons: tuple[str, ...]) -> bool:
    """Some output line names this file line number ("line 7", "7:", "file.csv:7:") together with
    one of the reasons."""
    pattern = re.compile(rf"(line\W{{0,3}}{line_number}(?![0-9]))|(^\s*{line_number}\s*[:,])|(:{line_number}:)",
                         re.IGNORECASE)
    for text in result.output.splitlines():
        if pattern.search(text) and any(r in text.lower() for r in reasons):
            return True
    return False


def assert_reported(result, expected: dict[int, tuple[str, ...]]) -> None:
    for line_number, reasons in expected.items():
        assert reported(result, line_number, reasons), (
            f"line {line_number} ({' or '.join(reasons)}) not reported:\n{result.describe()}")


def in_inventory(server, engine, msisdn: str) -> bool:
    """A link request sends an SMS exactly when the number is in the inventory."""
    client = new_subscriber(server, engine).client
    before = len(outbox(engine, msisdn))
    response = request_link(client, msisdn)
    assert response.status == 202, response.describe()
    return len(outbox(engine, msisdn)) > before


def test_import_valid_file(server, engine, tmp_path):
    rows = [(cn_msisdn(), iccid()) for _ in range(3)]
    result = import_file(engine, write_sims_csv(tmp_path / "good.csv", rows))
    assert result.returncode == 0, result.describe()
    assert re.search(r"(?<![0-9])3(?![0-9])", result.output), f"the summary counts 3 rows:\n{result.describe()}"
    assert in_inventory(server, engine, rows[0][0])
    # Importing the same file again: every row is a duplicate of the table, nothing changes.
    again = import_file(engine, tmp_path / "good.csv")
    assert again.returncode != 0, again.describe()
    assert_reported(again, {2: IN_TABLE, 3: IN_TABLE, 4: IN_TABLE})


def test_bad_rows_are_reported_with_line_numbers_and_nothing_is_imported(server, engine, tmp_path):
    good_first, good_last = (cn_msisdn(), iccid()), (cn_msisdn(), iccid())
    repeated, shared_iccid = cn_msisdn(), iccid()
    rows = [
        good_first,                          # line 2
        ("12345", iccid()),                  # line 3: no phone number
        (cn_msisdn(), bad_luhn(iccid())),    # line 4: ICCID check digit
        (cn_msisdn(), "89860ABC"),           # line 5: ICCID format
        ("+447911123456", iccid()),          # line 6: another country
        (repeated, shared_iccid),            # line 7
        (repeated, iccid()),                 # line 8: MSISDN twice in the file
        (cn_msisdn(), shared_iccid),         # line 9: ICCID twice in the file
        good_last,                           # line 10
    ]
    path = write_sims_csv(tmp_path / "mixed.csv", rows)
    result = import_file(engine, path)
    assert result.returncode != 0, result.describe()
    assert_reported(result, {
        3: ("msisdn.invalid",),
        4: ("iccid.check_digit",),
        5: ("iccid.format",),
        6: ("msisdn.invalid", "msisdn.wrong_country"),
        8: DUPLICATE,
        9: DUPLICATE,
    })
    for good_line in (2, 10):
        assert not reported(result, good_line, ("msisdn.", "iccid.", "duplicate")), (
            f"line {good_line} is fine:\n{result.describe()}")
    # Nothing was imported: the good rows alone import cleanly afterwards.
    assert not in_inventory(server, engine, good_first[0])
    clean = import_file(engine, write_sims_csv(tmp_path / "clean.csv", [good_first, good_last]))
    assert clean.returncode == 0, clean.describe()


def test_skip_invalid_imports_the_good_rows(server, engine, tmp_path):
    good = [(cn_msisdn(), iccid()) for _ in range(2)]
    rows = [good[0], ("139", iccid()), (cn_msisdn(), bad_luhn(iccid())), good[1]]
    result = import_file(engine, write_sims_csv(tmp_path / "skip.csv", rows), "--skip-invalid")
    assert_reported(result, {3: ("msisdn.invalid",), 4: ("iccid.check_digit",)})
    assert in_inventory(server, engine, good[0][0]) and in_inventory(server, engine, good[1][0])
    again = import_file(engine, write_sims_csv(tmp_path / "again.csv", good))
    assert_reported(again, {2: IN_TABLE, 3: IN_TABLE})
    assert again.returncode != 0


def test_duplicates_against_the_table(server, engine, tmp_path):
    first, second = (cn_msisdn(), iccid()), (cn_msisdn(), iccid())
    assert import_file(engine, write_sims_csv(tmp_path / "a.csv", [first, second])).returncode == 0
    fresh = (cn_msisdn(), iccid())
    rows = [(first[0], iccid()), (cn_msisdn(), second[1]), fresh]
    result = import_file(engine, write_sims_csv(tmp_path / "b.csv", rows))
    assert result.returncode != 0, result.describe()
    assert_reported(result, {2: IN_TABLE, 3: IN_TABLE})
    assert not reported(result, 4, IN_TABLE + ("msisdn.", "iccid.")), result.describe()
    assert not in_inventory(server, engine, fresh[0]), "nothing imported from a file with a bad row"


def test_optional_columns_imsi_and_activation(server, engine, tmp_path):
    msisdn, number = cn_msisdn(), iccid()
    imsi = "46000" + "".join(random.SystemRandom().choice("0123456789") for _ in range(10))
    path = write_sims_csv(tmp_path / "full.csv", [(msisdn, number, imsi, "2026-01-15T08:00:00Z")],
                          header="msisdn,iccid,imsi,activated_at")
    result = import_file(engine, path)
    assert result.returncode == 0, result.describe()
    client = new_subscriber(server, engine).client
    assert request_link(client, msisdn).status == 202
    response = confirm_link(client, msisdn, sms_code(engine, msisdn))
    assert response.status == 200, response.describe()
    line = response.json["line"]
    assert parse_time(line["activated_at"]) == parse_time("2026-01-15T08:00:00Z")
    assert parse_time(line["registration_deadline"]) > parse_time(line["activated_at"])


def test_missing_file_is_an_error(engine, tmp_path):
    result = import_file(engine, tmp_path / "does-not-exist.csv")
    assert result.returncode != 0, result.describe()
    assert result.stderr.strip(), "says why"

