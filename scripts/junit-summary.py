#!/usr/bin/env python3
"""Adds up JUnit XML reports of every suite and prints one closing line `N passed, N failed`.

Exit status 1 when any test failed or errored, or when an expected report is missing (a suite that
crashed before writing its report must not look green).
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path: Path):
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(argv):
    total_passed = total_failed = total_skipped = 0
    missing = False
    for name in argv[1:]:
        path = Path(name)
        if not path.exists():
            print(f"  {path.name}: MISSING (the suite did not produce a report)")
            missing = True
            total_failed += 1
            continue
        try:
            passed, failed, skipped = count(path)
        except ET.ParseError as error:
            print(f"  {path.name}: UNREADABLE ({error}; was it overwritten by a concurrent run?)")
            missing = True
            total_failed += 1
            continue
        print(f"  {path.name}: {passed} passed, {failed} failed, {skipped} skipped")
        total_passed += passed
        total_failed += failed
        total_skipped += skipped
    line = f"{total_passed} passed, {total_failed} failed"
    if total_skipped:
        line += f", {total_skipped} skipped"
    print(line)
    return 1 if total_failed or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
