#include "crypto/keyring.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace simreg::crypto {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// RFC 8032 §7.1 TEST 1.
constexpr const char* kSeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr const char* kPublicHex =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

std::string unhex(std::string_view hex) { return *hex_decode(hex); }

json valid_document() {
  return json{
      {"version", 1},
      {"active_key_id", 2},
      {"data_keys",
       {{{"id", 1}, {"key", base64_encode(std::string(32, '\x01'))}},
        {{"id", 2}, {"key", base64_encode(std::string(32, '\x02'))}}}},
      {"blind_index_key", base64_encode(std::string(32, '\x03'))},
      {"signing",
       {{"secret_key", base64_encode(unhex(kSeedHex) + unhex(kPublicHex))},
        {"public_key", base64_encode(unhex(kPublicHex))}}},
  };
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0);
  return info.st_mode & 07777;
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("simreg-keyring-" + random_token(9))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(Keyring, GenerateHasOneActiveKeyAndWellSizedKeys) {
  const Keyring keyring = Keyring::generate();
  ASSERT_EQ(keyring.data_keys().size(), 1u);
  EXPECT_EQ(keyring.active_key().id, 1u);
  EXPECT_EQ(keyring.active_key().key.size(), 32u);
  EXPECT_EQ(keyring.blind_index_key().size(), 32u);
  EXPECT_EQ(keyring.signing_secret_key().size(), 64u);
  EXPECT_EQ(keyring.signing_public_key().size(), 32u);
  EXPECT_EQ(keyring.signing_key_id().size(), 16u);
  EXPECT_NE(Keyring::generate().active_key().key, keyring.active_key().key);
}

TEST(Keyring, JsonRoundTrip) {
  Keyring keyring = Keyring::generate();
  keyring.rotate();
  auto copy = Keyring::from_json(keyring.to_json());
  ASSERT_TRUE(copy.ok()) << copy.error().detail;
  EXPECT_EQ(copy->to_json(), keyring.to_json());
  EXPECT_EQ(copy->active_key().id, 2u);
  ASSERT_NE(copy->key_by_id(1), nullptr);
  EXPECT_EQ(copy->key_by_id(1)->key, keyring.key_by_id(1)->key);
  EXPECT_EQ(copy->blind_index_key(), keyring.blind_index_key());
  EXPECT_EQ(copy->signing_secret_key(), keyring.signing_secret_key());
  EXPECT_EQ(copy->signing_key_id(), keyring.signing_key_id());
}

TEST(Keyring, ToJsonHasTheDocumentedShape) {
  const json doc = json::parse(Keyring::from_json(valid_document().dump())->to_json());
  EXPECT_EQ(doc, valid_document());
  const std::string text = Keyring::generate().to_json();
  EXPECT_TRUE(text.starts_with(R"({"version":1,"active_key_id":1,"data_keys":[{"id":1,"key":")"))
      << text;
}

TEST(Keyring, LoadsKnownKeysAndSortsDataKeys) {
  json doc = valid_document();
  std::swap(doc["data_keys"][0], doc["data_keys"][1]);
  auto keyring = Keyring::from_json(doc.dump(2));
  ASSERT_TRUE(keyring.ok()) << keyring.error().detail;
  EXPECT_EQ(keyring->active_key().key, std::string(32, '\x02'));
  ASSERT_EQ(keyring->data_keys().size(), 2u);
  EXPECT_EQ(keyring->data_keys()[0].id, 1u);
  EXPECT_EQ(keyring->key_by_id(3), nullptr);
  EXPECT_EQ(keyring->signing_public_key(), unhex(kPublicHex));
}

TEST(Keyring, RejectsInvalidDocuments) {
  struct Case {
    const char* name;
    std::function<void(json&)> mutate;
  };
  const Case cases[] = {
      {"wrong version", [](json& d) { d["version"] = 2; }},
      {"version as string", [](json& d) { d["version"] = "1"; }},
      {"no version", [](json& d) { d.erase("version"); }},
      {"no active key id", [](json& d) { d.erase("active_key_id"); }},
      {"active key id unknown", [](json& d) { d["active_key_id"] = 7; }},
      {"active key id zero", [](json& d) { d["active_key_id"] = 0; }},
      {"active key id negative", [](json& d) { d["active_key_id"] = -1; }},
      {"active key id too large", [](json& d) { d["active_key_id"] = 4294967296ull; }},
      {"no data keys", [](json& d) { d["data_keys"] = json::array(); }},
      {"data keys not an array", [](json& d) { d["data_keys"] = "x"; }},
      {"data key entry not an object", [](json& d) { d["data_keys"][0] = 1; }},
      {"data key 31 bytes",
       [](json& d) { d["data_keys"][0]["key"] = base64_encode(std::string(31, 'k')); }},
      {"data key 33 bytes",
       [](json& d) { d["data_keys"][1]["key"] = base64_encode(std::string(33, 'k')); }},
      {"data key not base64", [](json& d) { d["data_keys"][0]["key"] = "not base64!"; }},
      {"data key missing", [](json& d) { d["data_keys"][0].erase("key"); }},
      {"data key id missing", [](json& d) { d["data_keys"][0].erase("id"); }},
      {"duplicate data key id",
       [](json& d) {
         d["data_keys"][1]["id"] = 1;
         d["active_key_id"] = 1;
       }},
      {"blind index key 16 bytes",
       [](json& d) { d["blind_index_key"] = base64_encode(std::string(16, 'b')); }},
      {"blind index key missing", [](json& d) { d.erase("blind_index_key"); }},
      {"signing missing", [](json& d) { d.erase("signing"); }},
      {"secret key 32 bytes",
       [](json& d) { d["signing"]["secret_key"] = base64_encode(unhex(kSeedHex)); }},
      {"public key 31 bytes",
       [](json& d) { d["signing"]["public_key"] = base64_encode(std::string(31, 'p')); }},
      {"public key of another pair",
       [](json& d) {
         d["signing"]["public_key"] = base64_encode(Keyring::generate().signing_public_key());
       }},
      {"secret key embeds another public key",
       [](json& d) {
         d["signing"]["secret_key"] =
             base64_encode(unhex(kSeedHex) + Keyring::generate().signing_public_key());
       }},
      {"retired signing keys not an array",
       [](json& d) { d["retired_signing_public_keys"] = base64_encode(std::string(32, 'r')); }},
      {"retired signing key not a string",
       [](json& d) { d["retired_signing_public_keys"] = json::array({json::object()}); }},
      {"retired signing key 31 bytes",
       [](json& d) {
         d["retired_signing_public_keys"] = json::array({base64_encode(std::string(31, 'r'))});
       }},
      {"retired signing key not base64",
       [](json& d) { d["retired_signing_public_keys"] = json::array({"not base64!"}); }},
      {"retired signing key is the current one",
       [](json& d) {
         d["retired_signing_public_keys"] = json::array({base64_encode(unhex(kPublicHex))});
       }},
      {"retired signing key repeated",
       [](json& d) {
         const std::string retired = base64_encode(std::string(32, 'r'));
         d["retired_signing_public_keys"] = json::array({retired, retired});
       }},
  };
  for (const Case& c : cases) {
    json doc = valid_document();
    c.mutate(doc);
    auto keyring = Keyring::from_json(doc.dump());
    ASSERT_FALSE(keyring.ok()) << c.name;
    EXPECT_EQ(keyring.error().code, "keyring.invalid") << c.name;
    EXPECT_EQ(keyring.error().detail.find(base64_encode(std::string(32, '\x01'))),
              std::string::npos)
        << c.name;
  }
}

TEST(Keyring, RejectsText) {
  for (const char* text : {"", "{", "[]", "null", "42", "{\"version\":1", "not json"}) {
    auto keyring = Keyring::from_json(text);
    ASSERT_FALSE(keyring.ok()) << text;
    EXPECT_EQ(keyring.error().code, "keyring.invalid") << text;
  }
}

TEST(Keyring, RotateAddsANewActiveKeyAndKeepsOldOnes) {
  Keyring keyring = Keyring::generate();
  const std::string first = keyring.active_key().key;
  keyring.rotate();
  keyring.rotate();
  EXPECT_EQ(keyring.active_key().id, 3u);
  ASSERT_EQ(keyring.data_keys().size(), 3u);
  ASSERT_NE(keyring.key_by_id(1), nullptr);
  EXPECT_EQ(keyring.key_by_id(1)->key, first);
  EXPECT_NE(keyring.key_by_id(2)->key, first);
  EXPECT_NE(keyring.key_by_id(3)->key, keyring.key_by_id(2)->key);
}

TEST(Keyring, RotateContinuesAfterTheHighestId) {
  json doc = valid_document();
  doc["data_keys"][1]["id"] = 41;
  doc["active_key_id"] = 1;
  auto keyring = Keyring::from_json(doc.dump());
  ASSERT_TRUE(keyring.ok());
  keyring->rotate();
  EXPECT_EQ(keyring->active_key().id, 42u);
}

TEST(Keyring, SigningKeyIdIsStableAndPerKey) {
  const auto a = Keyring::from_json(valid_document().dump());
  const auto b = Keyring::from_json(valid_document().dump());
  EXPECT_EQ(a->signing_key_id(), b->signing_key_id());
  EXPECT_EQ(a->signing_key_id().find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a->signing_key_id(), Keyring::generate().signing_key_id());
}

TEST(Keyring, RotateSigningKeyRetiresTheOldPublicKey) {
  Keyring keyring = Keyring::generate();
  const std::string first_public = keyring.signing_public_key();
  const std::string first_secret = keyring.signing_secret_key();
  const std::string first_id = keyring.signing_key_id();
  keyring.rotate_signing_key();
  const std::string second_id = keyring.signing_key_id();
  keyring.rotate_signing_key();
  const std::string third_id = keyring.signing_key_id();

  EXPECT_NE(keyring.signing_public_key(), first_public);
  EXPECT_NE(keyring.signing_secret_key(), first_secret);
  EXPECT_EQ(keyring.signing_secret_key().size(), 64u);
  ASSERT_EQ(keyring.retired_signing_keys().size(), 2u);
  EXPECT_EQ(keyring.retired_signing_keys()[0].key_id, first_id);  // oldest first
  EXPECT_EQ(keyring.retired_signing_keys()[0].public_key, first_public);
  EXPECT_EQ(keyring.retired_signing_keys()[1].key_id, second_id);
  EXPECT_EQ(keyring.data_keys().size(), 1u);  // data keys are rotated separately

  struct Case {
    std::string key_id;
    const std::string* expected;  // nullptr: unknown
  };
  const Case cases[] = {
      {first_id, &first_public},
      {second_id, &keyring.retired_signing_keys()[1].public_key},
      {third_id, &keyring.signing_public_key()},
      {Keyring::generate().signing_key_id(), nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    const std::string* found = keyring.signing_public_key_for(c.key_id);
    if (c.expected == nullptr) {
      EXPECT_EQ(found, nullptr) << c.key_id;
    } else {
      ASSERT_NE(found, nullptr) << c.key_id;
      EXPECT_EQ(*found, *c.expected) << c.key_id;
      EXPECT_EQ(Keyring::key_id_of(*found), c.key_id);
    }
  }

  // The retired keys survive the file; the secret half of a retired pair is not in it.
  const std::string text = keyring.to_json();
  EXPECT_EQ(text.find(base64_encode(first_secret)), std::string::npos);
  auto copy = Keyring::from_json(text);
  ASSERT_TRUE(copy.ok()) << copy.error().detail;
  EXPECT_EQ(copy->to_json(), text);
  ASSERT_NE(copy->signing_public_key_for(first_id), nullptr);
  EXPECT_EQ(*copy->signing_public_key_for(first_id), first_public);
  EXPECT_EQ(copy->signing_key_id(), third_id);
}

TEST(Keyring, LoadOrCreateCreatesA0600FileAndReloadsIt) {
  TempDir dir;
  const fs::path file = dir.path() / "keyring.json";
  const mode_t old_umask = ::umask(0);  // the mode must not depend on the umask
  auto created = Keyring::load_or_create(file);
  ::umask(old_umask);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(mode_of(file), 0600u);
  auto loaded = Keyring::load_or_create(file);
  ASSERT_TRUE(loaded.ok()) << loaded.error().detail;
  EXPECT_EQ(loaded->to_json(), created->to_json());
  // Only the keyring itself is left behind: no temporary files.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(Keyring, LoadOrCreateRefusesGroupOrOtherPermissions) {
  TempDir dir;
  const fs::path file = dir.path() / "keyring.json";
  ASSERT_TRUE(Keyring::generate().save(file).ok());
  for (const mode_t mode : {0644, 0640, 0604, 0660, 0601}) {
    ASSERT_EQ(::chmod(file.c_str(), mode), 0);
    auto keyring = Keyring::load_or_create(file);
    ASSERT_FALSE(keyring.ok()) << std::oct << mode;
    EXPECT_EQ(keyring.error().code, "keyring.insecure_permissions") << std::oct << mode;
  }
  ASSERT_EQ(::chmod(file.c_str(), 0400), 0);
  EXPECT_TRUE(Keyring::load_or_create(file).ok());
}

TEST(Keyring, LoadOrCreateReportsAnInvalidFile) {
  TempDir dir;
  const fs::path file = dir.path() / "keyring.json";
  { std::ofstream(file) << "{\"version\":1}"; }
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  auto keyring = Keyring::load_or_create(file);
  ASSERT_FALSE(keyring.ok());
  EXPECT_EQ(keyring.error().code, "keyring.invalid");
}

TEST(Keyring, LoadOrCreateFailsInAMissingDirectory) {
  TempDir dir;
  auto keyring = Keyring::load_or_create(dir.path() / "absent" / "keyring.json");
  ASSERT_FALSE(keyring.ok());
  EXPECT_EQ(keyring.error().code, "keyring.io");
}

TEST(Keyring, SaveReplacesAtomicallyWith0600) {
  TempDir dir;
  const fs::path file = dir.path() / "keyring.json";
  Keyring keyring = Keyring::generate();
  ASSERT_TRUE(keyring.save(file).ok());
  keyring.rotate();
  ASSERT_TRUE(keyring.save(file).ok());
  EXPECT_EQ(mode_of(file), 0600u);
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  EXPECT_EQ(text.str(), keyring.to_json() + "\n");
  auto loaded = Keyring::load_or_create(file);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->active_key().id, 2u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace simreg::crypto
