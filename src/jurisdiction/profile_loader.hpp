// Where profiles come from: the profiles/*.json files compiled into the binary, or a directory
// that overrides them (--profiles-dir). load_profile reads one file at most; the rest is pure.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "jurisdiction/profile.hpp"

namespace simreg::jurisdiction {

struct BundledProfile {
  std::string_view id;    // file name without .json
  std::string_view json;  // the file's bytes
};

// Generated at build time from profiles/*.json (embed_profiles.cmake), sorted by id.
const std::vector<BundledProfile>& bundled_profiles();

// `override_dir/<id>.json` when that file exists, else the bundled profile. Errors:
// profile.unknown (no such profile; the detail lists the bundled ids), profile.invalid (parse
// errors with JSON pointers, a file that cannot be read, or an "id" that differs from `id`).
Result<Profile> load_profile(std::string_view id, const std::string& override_dir = "");

// What GET /api/v1/jurisdiction returns: the document as shipped (it holds no secrets).
nlohmann::json profile_public_json(const Profile& profile);

}  // namespace simreg::jurisdiction
