// Sleeps between attempts of a retried transaction: full-jitter exponential backoff, so threads
// that collided once spread out instead of colliding again. Thread-safe (per-thread generator).
#pragma once

namespace simreg::db {

// attempt counts from 0 (the attempt that just failed); sleeps a random time in
// [0, min(50 ms, 1 ms * 2^attempt)].
void sleep_before_retry(int attempt);

}  // namespace simreg::db
