// Reading typed fields out of a parsed JSON request body, collecting one FieldError per problem so
// a client learns about every bad field at once. Header-only; pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace simreg::http {

class BodyFields {
 public:
  explicit BodyFields(const nlohmann::json& body) : body_(body) {}

  // A required string (may be empty only when allow_empty); records "field.required" or "field.type".
  std::string required_string(const std::string& name, std::size_t max_length = 1024) {
    const auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) {
      errors_.push_back({"/" + name, "field.required", "This field is required."});
      return {};
    }
    if (!it->is_string()) {
      errors_.push_back({"/" + name, "field.type", "This field must be text."});
      return {};
    }
    auto value = it->get<std::string>();
    if (value.size() > max_length) {
      errors_.push_back({"/" + name, "field.too_long", "This value is too long."});
      return {};
    }
    return value;
  }

  std::optional<std::string> optional_string(const std::string& name, std::size_t max_length = 1024) {
    const auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    return required_string(name, max_length);
  }

  std::vector<std::string> required_string_array(const std::string& name, std::size_t max_items = 32) {
    const auto it = body_.find(name);
    std::vector<std::string> out;
    if (it == body_.end() || it->is_null()) {
      errors_.push_back({"/" + name, "field.required", "This field is required."});
      return out;
    }
    if (!it->is_array() || it->size() > max_items) {
      errors_.push_back({"/" + name, "field.type", "This field must be a list of text values."});
      return out;
    }
    for (const auto& item : *it) {
      if (!item.is_string()) {
        errors_.push_back({"/" + name, "field.type", "This field must be a list of text values."});
        return {};
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  bool ok() const { return errors_.empty(); }
  Error error() const { return Error::validation(errors_); }

 private:
  const nlohmann::json& body_;
  std::vector<FieldError> errors_;
};

}  // namespace simreg::http
