#include "db/sqlite/parameter_rewrite.hpp"

#include <gtest/gtest.h>

namespace simreg::db {
namespace {

struct RewriteCase {
  const char* name;
  const char* sql;
  const char* expected;
};

class ParameterRewriteTest : public ::testing::TestWithParam<RewriteCase> {};

TEST_P(ParameterRewriteTest, Rewrites) {
  EXPECT_EQ(rewrite_parameters_for_sqlite(GetParam().sql), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParameterRewriteTest,
    ::testing::Values(
        RewriteCase{"plain", "SELECT a FROM t WHERE b = $1 AND c = $2", "SELECT a FROM t WHERE b = ?1 AND c = ?2"},
        RewriteCase{"reused_and_out_of_order", "VALUES ($2, $1, $2, $10)", "VALUES (?2, ?1, ?2, ?10)"},
        RewriteCase{"no_space", "x=$1+$2", "x=?1+?2"},
        RewriteCase{"at_start_and_end", "$1", "?1"},
        RewriteCase{"single_quoted", "SELECT '$1', $1", "SELECT '$1', ?1"},
        RewriteCase{"escaped_quote", "SELECT 'it''s $1', $2", "SELECT 'it''s $1', ?2"},
        RewriteCase{"double_quoted_identifier", "SELECT \"a$1\" FROM t WHERE x = $1", "SELECT \"a$1\" FROM t WHERE x = ?1"},
        RewriteCase{"backtick_identifier", "SELECT `$1` FROM t", "SELECT `$1` FROM t"},
        RewriteCase{"identifier_with_dollar", "SELECT a$1 FROM t", "SELECT a$1 FROM t"},
        RewriteCase{"line_comment", "SELECT 1 -- costs $1\n, $1", "SELECT 1 -- costs $1\n, ?1"},
        RewriteCase{"block_comment", "SELECT /* $1 */ $1", "SELECT /* $1 */ ?1"},
        RewriteCase{"lone_dollar", "SELECT '$' || $ || $a", "SELECT '$' || $ || $a"},
        RewriteCase{"unterminated_literal", "SELECT '$1", "SELECT '$1"},
        RewriteCase{"utf8_literal", "SELECT 'Zoë $1' , $1", "SELECT 'Zoë $1' , ?1"},
        RewriteCase{"empty", "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace simreg::db
