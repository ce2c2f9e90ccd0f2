#include "jurisdiction/profile_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace simreg::jurisdiction {

namespace {

// Profile files are small; anything bigger is not one.
constexpr std::uintmax_t kMaxProfileBytes = 1 << 20;

bool is_profile_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Error unknown_profile(std::string_view id) {
  std::string known;
  for (const auto& bundled : bundled_profiles())
    known += (known.empty() ? "" : ", ") + std::string(bundled.id);
  return Error::make(ErrorKind::invalid_input, "profile.unknown",
                     "no profile \"" + std::string(id) + "\" (built in: " + known + ")");
}

Error unreadable(const std::string& path, const std::string& why) {
  auto error =
      Error::make(ErrorKind::invalid_input, "profile.invalid", "profile " + path + ": " + why);
  error.fields.push_back(FieldError{"/", "profile.invalid", why});
  return error;
}

Result<Profile> checked_id(Result<Profile> profile, std::string_view id,
                           const std::string& source) {
  if (profile && profile->id() != id) {
    const std::string why = "/id is \"" + profile->id() + "\" but the profile was loaded as \"" +
                            std::string(id) + "\"";
    auto error =
        Error::make(ErrorKind::invalid_input, "profile.invalid", "profile " + source + ": " + why);
    error.fields.push_back(FieldError{"/id", "profile.invalid", why});
    return error;
  }
  return profile;
}

}  // namespace

Result<Profile> load_profile(std::string_view id, const std::string& override_dir) {
  // The id becomes part of a path: only [a-z0-9_] so it can never leave the directory.
  if (!is_profile_id(id)) return unknown_profile(id);
  if (!override_dir.empty()) {
    const std::filesystem::path path =
        std::filesystem::path(override_dir) / (std::string(id) + ".json");
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      const auto size = std::filesystem::file_size(path, ec);
      if (ec) return unreadable(path.string(), "cannot be read: " + ec.message());
      if (size > kMaxProfileBytes) return unreadable(path.string(), "is larger than 1 MiB");
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) return unreadable(path.string(), "cannot be read");
      return checked_id(parse_profile_text(text.str(), path.string()), id, path.string());
    }
  }
  for (const auto& bundled : bundled_profiles()) {
    if (bundled.id == id) {
      const std::string source = "bundled " + std::string(id);
      return checked_id(parse_profile_text(bundled.json, source), id, source);
    }
  }
  return unknown_profile(id);
}

nlohmann::json profile_public_json(const Profile& profile) { return profile.document(); }

}  // namespace simreg::jurisdiction
