// Result<T>: a value or an Error (std::expected-like; GCC 12 in C++20 mode has no <expected>).
// Use at every module boundary; exceptions never cross an HTTP handler.
#pragma once

#include <utility>
#include <variant>

#include "core/error.hpp"

namespace simreg {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool failed_ = false;
};

inline Result<void> success() { return {}; }

}  // namespace simreg

#define SIMREG_CONCAT_INNER(a, b) a##b
#define SIMREG_CONCAT(a, b) SIMREG_CONCAT_INNER(a, b)

// Propagates the error of a Result<...> expression out of the enclosing function.
#define SIMREG_TRY(expr)                                                     \
  do {                                                                       \
    auto&& simreg_try_result_ = (expr);                                      \
    if (!simreg_try_result_) return std::move(simreg_try_result_).error();   \
  } while (0)

// Declares `lhs` from the value of a Result<T> expression, or propagates its error.
#define SIMREG_TRY_ASSIGN(lhs, expr)                                                      \
  auto SIMREG_CONCAT(simreg_try_, __LINE__) = (expr);                                     \
  if (!SIMREG_CONCAT(simreg_try_, __LINE__))                                              \
    return std::move(SIMREG_CONCAT(simreg_try_, __LINE__)).error();                       \
  lhs = std::move(*SIMREG_CONCAT(simreg_try_, __LINE__))
