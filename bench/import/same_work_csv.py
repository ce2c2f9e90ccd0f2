#!/usr/bin/env python3
"""Writes the rows simreg stored (a simreg SQLite database after `simreg sims import`) as a CSV for
the second baseline: the sqlite3 shell loading the same number of bytes per column into the same
columns and indexes. Sealed MSISDNs become random printable text of the same length (a CSV cannot
carry the raw ciphertext); every other value is copied as stored.

usage: same_work_csv.py SIMREG_DB OUT.csv
"""
import csv
import random
import sqlite3
import string
import sys

COLUMNS = ("id", "msisdn_index", "length(msisdn_sealed)", "iccid", "status", "activated_at",
           "registration_deadline", "created_at", "updated_at")


def main(database: str, out: str) -> int:
    alphabet = string.ascii_letters + string.digits
    rng = random.Random(0)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as source, open(out, "w", newline="") as sink:
        writer = csv.writer(sink)
        for row in source.execute(f"SELECT {', '.join(COLUMNS)} FROM sim_lines"):
            sealed = "".join(rng.choices(alphabet, k=row[2]))
            writer.writerow((row[0], row[1], sealed, *row[3:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]) if len(sys.argv) == 3 else (print(__doc__, file=sys.stderr) or 2))
