#include "sims/sim_csv.hpp"

#include <gtest/gtest.h>

namespace simreg::sims {
namespace {

TEST(SimCsvTest, SplitsRecords) {
  struct Case {
    std::string record;
    bool ok;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"+8613912345678,89860012345678901234", true, {"+8613912345678", "89860012345678901234"}},
      {"a,b,c,d", true, {"a", "b", "c", "d"}},
      {"a,,c,", true, {"a", "", "c", ""}},
      {"", true, {""}},
      {" a , b ", true, {" a ", " b "}},
      {"\"a,b\",c", true, {"a,b", "c"}},
      {"\"say \"\"hi\"\"\",x", true, {"say \"hi\"", "x"}},
      {"  \"quoted\"  ,x", true, {"quoted", "x"}},
      {"\"\",\"\"", true, {"", ""}},
      {"\"unterminated,x", false, {}},
      {"\"a\"b,c", false, {}},
      {"a\"b,c", false, {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string_view> fields;
    std::string scratch;
    const bool ok = split_csv_record(c.record, fields, scratch);
    EXPECT_EQ(ok, c.ok) << c.record;
    if (!c.ok || !ok) continue;
    EXPECT_EQ(std::vector<std::string>(fields.begin(), fields.end()), c.fields) << c.record;
  }
}

TEST(SimCsvTest, DetectsLayout) {
  struct Case {
    std::vector<std::string_view> first;
    bool ok;
    bool header;
    int msisdn, iccid, imsi, activated_at;
    std::size_t min_fields, max_fields;
  };
  const Case cases[] = {
      {{"+8613912345678", "89860012345678901234"}, true, false, 0, 1, 2, 3, 2, 4},
      {{"msisdn", "iccid"}, true, true, 0, 1, -1, -1, 2, 2},
      {{" MSISDN ", "ICCID", "activated_at"}, true, true, 0, 1, -1, 2, 3, 3},
      {{"iccid", "activated_at", "msisdn", "imsi"}, true, true, 2, 0, 3, 1, 4, 4},
      {{"msisdn", "iccid", "colour"}, false, true, 0, 0, 0, 0, 0, 0},
      {{"msisdn", "msisdn", "iccid"}, false, true, 0, 0, 0, 0, 0, 0},
      {{"msisdn", "imsi"}, false, true, 0, 0, 0, 0, 0, 0},
  };
  for (const auto& c : cases) {
    auto layout = detect_layout(c.first);
    ASSERT_EQ(layout.ok(), c.ok) << c.first.front();
    if (!c.ok) {
      EXPECT_EQ(layout.error().code, "sims.import_header");
      continue;
    }
    EXPECT_EQ(layout->has_header, c.header);
    EXPECT_EQ(layout->msisdn, c.msisdn);
    EXPECT_EQ(layout->iccid, c.iccid);
    EXPECT_EQ(layout->imsi, c.imsi);
    EXPECT_EQ(layout->activated_at, c.activated_at);
    EXPECT_EQ(layout->min_fields, c.min_fields);
    EXPECT_EQ(layout->max_fields, c.max_fields);
  }
}

TEST(SimCsvTest, ParsesActivationTimes) {
  constexpr std::int64_t k20260302 = 1'772'409'600'000;  // 2026-03-02T00:00:00Z
  struct Case {
    std::string text;
    std::int64_t unix_ms;
    std::string error;
  };
  const Case cases[] = {
      {"2026-03-02", k20260302, ""},
      {"2026-03-02T00:00:00Z", k20260302, ""},
      {"2026-03-02T08:00:00+08:00", k20260302, ""},
      {"2026-03-01T19:30-04:30", k20260302, ""},
      {"2026-03-02 01:02:03", k20260302 + 3'723'000, ""},
      {"2026-03-02t01:02:03.5z", k20260302 + 3'723'500, ""},
      {"2026-03-02T01:02:03.123456Z", k20260302 + 3'723'123, ""},
      {"1970-01-01", 0, ""},
      {"2024-02-29", 1'709'164'800'000, ""},
      {"2026-02-29", 0, "date.impossible"},
      {"2026-13-01", 0, "date.impossible"},
      {"2026-03-02T24:00", 0, "date.impossible"},
      {"2026-03-02T10:60", 0, "date.impossible"},
      {"2026-03-02T10:00+15:00", 0, "date.impossible"},
      {"2026-3-2", 0, "date.format"},
      {"02/03/2026", 0, "date.format"},
      {"2026-03-02T", 0, "date.format"},
      {"2026-03-02T10", 0, "date.format"},
      {"2026-03-02T10:00:00.", 0, "date.format"},
      {"2026-03-02T10:00:00+0800", 0, "date.format"},
      {"2026-03-02T10:00:00 UTC", 0, "date.format"},
      {"2026-03-02x", 0, "date.format"},
      {"", 0, "date.format"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_activation_time(c.text);
    EXPECT_EQ(std::string(parsed.error), c.error) << c.text;
    if (c.error.empty()) {
      EXPECT_EQ(parsed.unix_ms, c.unix_ms) << c.text;
    }
  }
}

TEST(SimCsvTest, TrimsBlanksOnly) {
  EXPECT_EQ(trim_field("  a b\t"), "a b");
  EXPECT_EQ(trim_field("\t\t"), "");
  EXPECT_EQ(trim_field("x"), "x");
}

}  // namespace
}  // namespace simreg::sims
