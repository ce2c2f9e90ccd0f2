#include "crypto/blind_index.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"

namespace simreg::crypto {
namespace {

TEST(BlindIndexer, StableAcrossInstancesAndReloads) {
  const Keyring keyring = Keyring::generate();
  const Keyring reloaded = *Keyring::from_json(keyring.to_json());
  const std::string a = BlindIndexer(keyring).compute("email", "ada@example.org");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(BlindIndexer(keyring).compute("email", "ada@example.org"), a);
  EXPECT_EQ(BlindIndexer(reloaded).compute("email", "ada@example.org"), a);
}

TEST(BlindIndexer, MatchesTheDocumentedConstruction) {
  const Keyring keyring = Keyring::generate();
  const std::string purpose_key = blake2b("email", 32, keyring.blind_index_key());
  const std::string expected =
      hex_encode(blake2b("ada@example.org", 32, purpose_key).substr(0, 16));
  EXPECT_EQ(BlindIndexer(keyring).compute("email", "ada@example.org"), expected);
}

TEST(BlindIndexer, DiffersPerPurposeValueAndKey) {
  const Keyring keyring = Keyring::generate();
  const Keyring other = Keyring::generate();
  const BlindIndexer indexer(keyring);
  struct Case {
    const BlindIndexer* indexer;
    std::string purpose;
    std::string value;
  };
  const BlindIndexer other_indexer(other);
  const Case cases[] = {
      {&indexer, "email", "ada@example.org"},
      {&indexer, "id_document_number", "ada@example.org"},
      {&indexer, "phone", "ada@example.org"},
      {&indexer, "email", "ada@example.com"},
      {&indexer, "email", "Ada@example.org"},  // normalizing is the caller's job
      {&indexer, "email", ""},
      {&indexer, "", "ada@example.org"},
      {&other_indexer, "email", "ada@example.org"},
  };
  std::set<std::string> seen;
  for (const Case& c : cases) {
    EXPECT_TRUE(seen.insert(c.indexer->compute(c.purpose, c.value)).second)
        << c.purpose << "/" << c.value;
  }
}

TEST(BlindIndexer, NotRotatedWithDataKeys) {
  Keyring keyring = Keyring::generate();
  const BlindIndexer indexer(keyring);
  const std::string before = indexer.compute("email", "ada@example.org");
  keyring.rotate();
  EXPECT_EQ(indexer.compute("email", "ada@example.org"), before);
}

}  // namespace
}  // namespace simreg::crypto
