#include "audit/audit_chain.hpp"

#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace simreg::audit {
namespace {

StoredEntry sample() {
  StoredEntry entry;
  entry.seq = 7;
  entry.id = "aud_abc";
  entry.created_at_ms = 1'700'000'000'123;
  entry.actor_type = "staff";
  entry.actor_id = "stf_1";
  entry.action = "staff.roles_changed";
  entry.target_type = "staff";
  entry.target_id = "stf_2";
  entry.outcome = "success";
  entry.client_address_sealed = std::string("\x01sealed", 7);
  entry.request_id = "req_1";
  entry.details_json = R"({"roles":["admin"]})";
  return entry;
}

TEST(AuditChainTest, EveryStoredColumnChangesTheHash) {
  struct Case {
    const char* column;
    std::function<void(StoredEntry&)> change;
  };
  const std::vector<Case> cases = {
      {"seq", [](StoredEntry& e) { e.seq = 8; }},
      {"id", [](StoredEntry& e) { e.id = "aud_abd"; }},
      {"created_at", [](StoredEntry& e) { e.created_at_ms += 1; }},
      {"actor_type", [](StoredEntry& e) { e.actor_type = "system"; }},
      {"actor_id", [](StoredEntry& e) { e.actor_id = "stf_9"; }},
      {"action", [](StoredEntry& e) { e.action = "staff.added"; }},
      {"target_type", [](StoredEntry& e) { e.target_type = "subscriber"; }},
      {"target_id", [](StoredEntry& e) { e.target_id = "stf_3"; }},
      {"outcome", [](StoredEntry& e) { e.outcome = "failure"; }},
      {"address bytes", [](StoredEntry& e) { e.client_address_sealed->back() ^= 1; }},
      {"address NULL", [](StoredEntry& e) { e.client_address_sealed.reset(); }},
      {"address empty vs NULL", [](StoredEntry& e) { e.client_address_sealed = std::string(); }},
      {"request_id", [](StoredEntry& e) { e.request_id = "req_2"; }},
      {"details", [](StoredEntry& e) { e.details_json = R"({"roles":["reviewer"]})"; }},
      // Length prefixes: moving a byte from one field to the next must not collide.
      {"field boundary",
       [](StoredEntry& e) {
         e.actor_type = "staf";
         e.actor_id = "fstf_1";
       }},
  };
  const std::string prev = genesis_hash();
  const std::string original = chain_hash(prev, sample());
  ASSERT_EQ(original.size(), kHashBytes);
  for (const auto& c : cases) {
    StoredEntry changed = sample();
    c.change(changed);
    EXPECT_NE(chain_hash(prev, changed), original) << c.column;
  }
  StoredEntry null_address = sample();
  null_address.client_address_sealed.reset();
  StoredEntry empty_address = sample();
  empty_address.client_address_sealed = std::string();
  EXPECT_NE(chain_hash(prev, null_address), chain_hash(prev, empty_address));
}

TEST(AuditChainTest, HashDependsOnPreviousHashAndIsDeterministic) {
  const std::string a = chain_hash(genesis_hash(), sample());
  EXPECT_EQ(a, chain_hash(genesis_hash(), sample()));
  std::string other_prev = genesis_hash();
  other_prev[31] = 1;
  EXPECT_NE(a, chain_hash(other_prev, sample()));
  EXPECT_EQ(genesis_hash(), std::string(32, '\0'));
}

TEST(AuditChainTest, CheckpointMessageFormat) {
  const std::string head(32, '\xab');
  EXPECT_EQ(checkpoint_message(42, head, 42),
            "simreg-audit-checkpoint|v1|42|" + crypto::hex_encode(head) + "|42");
  EXPECT_EQ(checkpoint_message(1, std::string(32, '\0'), 1),
            "simreg-audit-checkpoint|v1|1|" + std::string(64, '0') + "|1");
}

}  // namespace
}  // namespace simreg::audit
