#!/usr/bin/env python3
"""Writes N valid SIM inventory rows (msisdn,iccid,activated_at) for the import benchmark.

MSISDNs are distinct Chinese mobile numbers (+86 13x xxxx xxxx), ICCIDs distinct 20-digit
numbers starting 8986 with a Luhn check digit (ITU-T E.118), activation dates spread over a
year. Deterministic: the same N and seed give the same file.
"""
import argparse
import random
import sys


def luhn_check_digit(digits: str) -> str:
    total = 0
    # Double every second digit from the right of the payload (the check digit goes after it).
    for position, char in enumerate(reversed(digits)):
        d = ord(char) - 48
        if position % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--no-header", action="store_true")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    # Distinct subscriber numbers: a random permutation slice of 10^8 per 13x prefix.
    numbers = rng.sample(range(10 * 10**8), args.rows)
    with open(args.output, "w", encoding="ascii", newline="") as out:
        if not args.no_header:
            out.write("msisdn,iccid,activated_at\n")
        lines = []
        for i, n in enumerate(numbers):
            msisdn = f"+8613{n:09d}"
            payload = f"898600{i:013d}"
            iccid = payload + luhn_check_digit(payload)
            day = 1 + (i * 365) // max(args.rows, 1)
            month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            month = 0
            while day > month_days[month]:
                day -= month_days[month]
                month += 1
            lines.append(f"{msisdn},{iccid},2026-{month + 1:02d}-{day:02d}\n")
            if len(lines) >= 10000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
