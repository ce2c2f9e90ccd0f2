#include "crypto/password_hasher.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <optional>
#include <semaphore>
#include <thread>

#include "crypto/sodium_init.hpp"

namespace simreg::crypto {
namespace {

constexpr std::uint64_t kMinOps = 2;
constexpr std::size_t kMinMemBytes = 19u * 1024 * 1024;
constexpr std::string_view kArgon2idPrefix = "$argon2id$v=19$";

struct EncodedCosts {
  std::uint64_t mem_kib = 0;
  std::uint64_t ops = 0;
};

// Reads "m=<kib>,t=<ops>,p=<lanes>$" that follows kArgon2idPrefix.
std::optional<EncodedCosts> parse_costs(std::string_view encoded) {
  if (!encoded.starts_with(kArgon2idPrefix)) return std::nullopt;
  std::string_view rest = encoded.substr(kArgon2idPrefix.size());
  EncodedCosts costs;
  auto read = [&rest](std::string_view label, std::uint64_t& value) {
    if (!rest.starts_with(label)) return false;
    rest.remove_prefix(label.size());
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc()) return false;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    return true;
  };
  if (!read("m=", costs.mem_kib) || !read(",t=", costs.ops)) return std::nullopt;
  return costs;
}

// libsodium wants a NUL-terminated string shorter than crypto_pwhash_STRBYTES.
std::optional<std::string> as_c_string(std::string_view encoded) {
  if (encoded.size() >= crypto_pwhash_STRBYTES || encoded.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(encoded);
}

int default_max_concurrent() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

// A counting semaphore rather than a try-lock: a sign-in that finds every slot taken waits for one
// (hashes take tens of milliseconds) instead of failing; the worker pool's bounded queue is what
// sheds a flood.
struct PasswordHasher::Slots {
  explicit Slots(int limit) : max(limit), free(limit) {}
  const int max;
  std::counting_semaphore<> free;
  std::atomic<int> in_flight{0};
};

namespace {

// Holds one slot for the duration of one Argon2id computation.
class SlotGuard {
 public:
  SlotGuard(std::counting_semaphore<>& free, std::atomic<int>& in_flight)
      : free_(free), in_flight_(in_flight) {
    free_.acquire();
    in_flight_.fetch_add(1, std::memory_order_relaxed);
  }
  ~SlotGuard() {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    free_.release();
  }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<>& free_;
  std::atomic<int>& in_flight_;
};

}  // namespace

PasswordHasher::PasswordHasher(PasswordHashParams params, int max_concurrent)
    : slots_(std::make_shared<Slots>(max_concurrent < 1 ? default_max_concurrent()
                                                        : max_concurrent)) {
  initialize();
  params_.ops_limit =
      std::clamp<std::uint64_t>(params.ops_limit, kMinOps, crypto_pwhash_OPSLIMIT_MAX);
  params_.mem_limit_bytes =
      std::clamp<std::size_t>(params.mem_limit_bytes, kMinMemBytes, crypto_pwhash_MEMLIMIT_MAX);
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  const SlotGuard slot(slots_->free, slots_->in_flight);
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops_limit,
                            params_.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::make(ErrorKind::unavailable, "crypto.hash_failed",
                       "The password could not be hashed (out of memory).");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) const {
  const auto c_string = as_c_string(encoded);
  if (!c_string) return false;
  const SlotGuard slot(slots_->free, slots_->in_flight);
  return crypto_pwhash_str_verify(c_string->c_str(), password.data(), password.size()) == 0;
}

int PasswordHasher::max_concurrent() const { return slots_->max; }

int PasswordHasher::in_flight() const { return slots_->in_flight.load(std::memory_order_relaxed); }

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  const auto c_string = as_c_string(encoded);
  if (!c_string) return true;
  const int status =
      crypto_pwhash_str_needs_rehash(c_string->c_str(), params_.ops_limit, params_.mem_limit_bytes);
  if (status == 0) return false;
  if (status < 0) return true;  // not Argon2id, or malformed
  // libsodium reports any difference; only a weaker hash is worth replacing.
  const auto costs = parse_costs(encoded);
  if (!costs) return true;
  return costs->ops < params_.ops_limit || costs->mem_kib < params_.mem_limit_bytes / 1024;
}

}  // namespace simreg::crypto
