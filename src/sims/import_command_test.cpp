#include "sims/import_command.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "sims/sims_test_support.hpp"

namespace simreg::sims {
namespace {

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fixture_.open(db::testing::Engine::sqlite));
    directory_ = fixture_.test_db->cleanup_target;
  }

  std::string write(const std::string& name, const std::string& content) {
    const std::string path = directory_ + "/" + name;
    std::ofstream(path) << content;
    return path;
  }

  struct Run {
    int exit_code = -1;
    std::string out, err;
    bool environment_opened = false;
  };

  Run run(std::vector<std::string> args) {
    Run result;
    CLI::App app{"test"};
    auto* sims = app.add_subcommand("sims");
    std::function<int()> action;
    std::string shared;
    std::ostringstream out, err;
    add_sims_commands(
        *sims, action,
        [&]() -> Result<ImportEnvironment> {
          result.environment_opened = true;
          return fixture_.import_environment();
        },
        [&](CLI::App& command) { command.add_option("--data-dir", shared); }, out, err, false);
    args.insert(args.begin(), "simreg");
    std::vector<const char*> argv;
    for (const auto& arg : args) argv.push_back(arg.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      result.exit_code = 100 + e.get_exit_code();
      return result;
    }
    EXPECT_EQ(shared, "/somewhere");
    result.exit_code = action ? action() : -2;
    result.out = out.str();
    result.err = err.str();
    return result;
  }

  testing::StorageFixture fixture_;
  testing::InventoryValues values_;
  std::string directory_;
};

TEST_F(ImportCommandTest, ImportsAndSummarizes) {
  const std::string msisdn = values_.msisdn();
  const std::string path =
      write("good.csv", "msisdn,iccid\n" + msisdn + "," + values_.iccid() + "\n" +
                            values_.msisdn() + "," + values_.iccid() + "\n");
  const auto text = run({"sims", "import", path, "--data-dir", "/somewhere"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(text.err.empty()) << text.err;
  EXPECT_TRUE(text.out.starts_with("Imported 2 of 2 rows; skipped 0 (0 duplicates); ")) << text.out;

  const std::string more = write("more.csv", values_.msisdn() + "," + values_.iccid() + "\n");
  const auto json =
      run({"sims", "import", "--json", more, "--data-dir", "/somewhere", "--progress"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  const auto summary = nlohmann::json::parse(json.out);
  EXPECT_EQ(summary["stored"], true);
  EXPECT_EQ(summary["read"], 1);
  EXPECT_EQ(summary["imported"], 1);
  EXPECT_EQ(summary["skipped"], 0);
  EXPECT_EQ(summary["duplicates"], 0);
  EXPECT_TRUE(summary["seconds"].is_number());
  EXPECT_TRUE(summary["rows_per_second"].is_number());
  EXPECT_EQ(json.out.find(msisdn), std::string::npos);
}

TEST_F(ImportCommandTest, ReportsBadRowsWithoutTheirValues) {
  const std::string msisdn = values_.msisdn();
  const std::string iccid = values_.iccid();
  const std::string path =
      write("bad.csv", "msisdn,iccid\n" + msisdn + "," + iccid + "\n" + msisdn + "," +
                           values_.iccid() + "\n+8612012345678," + values_.iccid() + "\n");
  const auto text = run({"sims", "import", path, "--data-dir", "/somewhere"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.err,
            "line 3: msisdn msisdn.duplicate (first on line 2)\n"
            "line 4: msisdn msisdn.invalid\n");
  EXPECT_TRUE(text.out.starts_with("Nothing imported: 2 of 3 rows have problems (1 duplicates)"))
      << text.out;

  const auto json =
      run({"sims", "import", path, "--json", "--skip-invalid", "--data-dir", "/somewhere"});
  EXPECT_EQ(json.exit_code, 0);
  std::istringstream lines(json.err);
  std::string line;
  std::vector<nlohmann::json> problems;
  while (std::getline(lines, line)) problems.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(
      problems[0],
      (nlohmann::json{
          {"line", 3}, {"field", "msisdn"}, {"code", "msisdn.duplicate"}, {"first_line", 2}}));
  EXPECT_EQ(problems[1],
            (nlohmann::json{{"line", 4}, {"field", "msisdn"}, {"code", "msisdn.invalid"}}));
  EXPECT_EQ(nlohmann::json::parse(json.out)["imported"], 1);
  for (const auto& output : {text.out, text.err, json.out, json.err}) {
    EXPECT_EQ(output.find(msisdn), std::string::npos);
    EXPECT_EQ(output.find(iccid), std::string::npos);
  }
}

TEST_F(ImportCommandTest, FailuresAndUsage) {
  const auto missing =
      run({"sims", "import", directory_ + "/nope.csv", "--data-dir", "/somewhere"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("sims.import_unreadable"), std::string::npos) << missing.err;
  const auto header = run(
      {"sims", "import", write("h.csv", "phone,iccid\n"), "--data-dir", "/somewhere", "--json"});
  EXPECT_EQ(header.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(header.err)["error"], "sims.import_header");

  const auto no_file = run({"sims", "import"});
  EXPECT_GT(no_file.exit_code, 100) << "a usage error";
  EXPECT_FALSE(no_file.environment_opened) << "nothing is opened for a usage error";
  const auto bad_threads = run({"sims", "import", "x.csv", "--threads", "0"});
  EXPECT_GT(bad_threads.exit_code, 100);
}

}  // namespace
}  // namespace simreg::sims
