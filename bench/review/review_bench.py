#!/usr/bin/env python3
"""bench/review — the review back office through the HTTP API (issue 4): claim latency of 50
concurrent reviewers pressing "next" (p50/p99 over several rounds), then decisions per second
(reviewers looping next + approve until the queue is empty). Starts its own `simreg serve` on
loopback on SQLite or PostgreSQL (a fresh database through SIMREG_TEST_PG_URL), seeds submitted
applications through the API with real photographs, prints one JSON line of figures.

usage: bench/review/review_bench.py --engine sqlite|postgres [--cases 60] [--reviewers 50] [--rounds 5]
env: SIMREG_BIN (default <repo>/build/simreg), SIMREG_TEST_PG_URL (postgres admin URL)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "functional"))

import client as client_module  # noqa: E402
from review_support import submitted_application  # noqa: E402
from helpers import new_staff  # noqa: E402
from server import Engine, SimregServer  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = q * (len(ordered) - 1)
    low, high = int(rank), min(int(rank) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--deciders", type=int, default=8)
    args = parser.parse_args()

    # The functional client checks every response against the OpenAPI document: not while timing.
    original_init = client_module.Client.__init__

    def fast_init(self, base_url, source_address=None, validate=True):
        original_init(self, base_url, source_address, False)

    client_module.Client.__init__ = fast_init

    scratch = Path(tempfile.mkdtemp(prefix="simreg-review-bench."))
    engine = Engine.create(args.engine, scratch / "data", os.environ.get("SIMREG_TEST_PG_URL"))
    server = SimregServer(engine, scratch / "logs", ["--workers", "16"], demo=True).start()
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda i: submitted_application(server, engine, scratch), range(args.cases)))
            reviewers = list(pool.map(lambda i: new_staff(server, engine, ["reviewer"]), range(args.reviewers)))
        seeded = time.monotonic() - started

        latencies: list[float] = []
        errors = 0
        for _ in range(args.rounds):
            barrier = threading.Barrier(len(reviewers))
            held: list[str | None] = [None] * len(reviewers)

            def press(index: int) -> None:
                nonlocal errors
                barrier.wait()
                begin = time.perf_counter()
                response = reviewers[index].client.post("/api/v1/review/next", {})
                latencies.append(time.perf_counter() - begin)
                if response.status == 200:
                    held[index] = response.json["id"]
                elif response.status != 204:
                    errors += 1

            threads = [threading.Thread(target=press, args=(i,)) for i in range(len(reviewers))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            handed = [case for case in held if case]
            assert len(handed) == len(set(handed)), "a case was handed out twice"
            for index, case in enumerate(held):
                if case:
                    reviewers[index].client.post(f"/api/v1/review/cases/{case}/release")

        decided = 0
        lock = threading.Lock()

        def decide_loop(member) -> None:
            nonlocal decided, errors
            while True:
                response = member.client.post("/api/v1/review/next", {})
                if response.status == 204:
                    return
                if response.status != 200:
                    with lock:
                        errors += 1
                    return
                answer = member.client.post(f"/api/v1/review/cases/{response.json['id']}/decision",
                                            {"outcome": "approve", "reasons": []})
                with lock:
                    if answer.status != 200:
                        errors += 1
                        return
                    decided += 1

        begin = time.monotonic()
        with ThreadPoolExecutor(args.deciders) as pool:
            list(pool.map(decide_loop, reviewers[: args.deciders]))
        elapsed = time.monotonic() - begin
        print(json.dumps({
            "engine": args.engine,
            "cases": args.cases,
            "reviewers": len(reviewers),
            "seed_seconds": round(seeded, 1),
            "claim_samples": len(latencies),
            "claim_p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
            "claim_p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
            "claim_mean_ms": round(statistics.mean(latencies) * 1000, 1),
            "deciders": args.deciders,
            "decisions": decided,
            "decisions_per_second": round(decided / elapsed, 1) if elapsed > 0 else None,
            "errors": errors,
        }))
        return 0 if errors == 0 and decided == args.cases else 1
    finally:
        server.stop()
        engine.drop()


if __name__ == "__main__":
    sys.exit(main())
