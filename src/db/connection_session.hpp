// A Session over one pooled connection of either engine, for the body of a transaction.
// It remembers whether any statement failed transiently, because the body may replace the error
// it got with its own and the retry decision must not depend on that. Not thread-safe: one body.
#pragma once

#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace simreg::db {

template <class Connection, Dialect kDialect>
class ConnectionSession final : public Session {
 public:
  explicit ConnectionSession(Connection& connection) : connection_(connection) {}

  Result<QueryResult> execute(std::string_view sql, const std::vector<Value>& params) override {
    return noting_transient(connection_.execute(sql, params));
  }
  Result<void> execute_script(std::string_view sql) override {
    return noting_transient(connection_.execute_script(sql));
  }
  Dialect dialect() const override { return kDialect; }

  bool transient_failure() const { return transient_failure_; }

 private:
  template <class T>
  Result<T> noting_transient(Result<T> result) {
    if (!result && connection_.last_failure_transient()) transient_failure_ = true;
    return result;
  }

  Connection& connection_;
  bool transient_failure_ = false;
};

}  // namespace simreg::db
