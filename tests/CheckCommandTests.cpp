// `tvmscript check` end to end: exit codes, JSON exactly as SPEC §5, SARIF 2.1.0, recursion.
#include "RunCommand.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

using tvmscript::CommandResult;

CommandResult run(const std::string &arguments) {
  return tvmscript::runCommand(std::string(TVMSCRIPT_BINARY) + " " + arguments + " 2>/dev/null");
}

class CheckCommand : public testing::Test {
protected:
  void SetUp() override {
    Dir = fs::temp_directory_path() / ("tvmscript-check-" + std::to_string(getpid()));
    fs::create_directories(Dir / "sub");
    write("good.py", "from tvm.script import tir as T\n@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n"
                     "    A[0] = T.float32(1)\n");
    // Line 4 has a non-ASCII string before the error, so UTF-16 columns differ from bytes.
    write("sub/bad.py", "from tvm.script import tir as T\n@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n"
                        "    A[0] = T.float32(1); \"é\"; B[0] = 1\n");
    write("sub/plain.py", "print(undefined)\n");
    write("notes.txt", "not python\n");
  }
  void TearDown() override { fs::remove_all(Dir); }
  void write(const std::string &name, const std::string &text) { std::ofstream(Dir / name) << text; }
  std::string path(const std::string &name) const { return (Dir / name).string(); }
  fs::path Dir;
};

TEST_F(CheckCommand, ExitCodes) {
  EXPECT_EQ(run("check " + path("good.py")).exitCode, 0);
  EXPECT_EQ(run("check " + path("sub/bad.py")).exitCode, 1);
  EXPECT_EQ(run("check " + path("missing.py")).exitCode, 2);
  EXPECT_EQ(run("check --format yaml " + path("good.py")).exitCode, 2);
  EXPECT_EQ(run("check").exitCode, 2);
  EXPECT_EQ(run("frobnicate").exitCode, 2);
}

TEST_F(CheckCommand, TextShowsLineAndCarets) {
  CommandResult result = run("check --color never " + path("sub/bad.py"));
  EXPECT_NE(result.out.find("bad.py:4:31: error: undefined name 'B' [undefined-name]"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("    4 |     A[0] = T.float32(1); \"é\"; B[0] = 1\n"
                            "      |                               ^\n"),
            std::string::npos)
      << result.out;
}

TEST_F(CheckCommand, JsonMatchesSpec) {
  CommandResult result = run("check --format json " + Dir.string());
  EXPECT_EQ(result.exitCode, 1);
  json output = json::parse(result.out);
  EXPECT_EQ(output["version"], 1);
  // Directories recurse into *.py; files without TVMScript are skipped.
  ASSERT_EQ(output["files"].size(), 2u);
  EXPECT_EQ(output["files"][0]["path"], path("good.py"));
  EXPECT_TRUE(output["files"][0]["diagnostics"].empty());
  const json &diagnostic = output["files"][1]["diagnostics"][0];
  EXPECT_EQ(diagnostic["code"], "undefined-name");
  EXPECT_EQ(diagnostic["severity"], "error");
  EXPECT_EQ(diagnostic["message"], "undefined name 'B'");
  EXPECT_EQ(diagnostic["range"], json::parse(R"({"start": {"line": 3, "character": 30},
                                                 "end": {"line": 3, "character": 31}})"));
  EXPECT_TRUE(diagnostic["related"].is_array());
}

TEST_F(CheckCommand, SarifIsVersion210WithRules) {
  CommandResult result = run("check --format sarif " + Dir.string());
  json sarif = json::parse(result.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  const json &run0 = sarif["runs"][0];
  EXPECT_EQ(run0["tool"]["driver"]["name"], "tvmscript");
  ASSERT_EQ(run0["results"].size(), 1u);
  const json &result0 = run0["results"][0];
  EXPECT_EQ(result0["ruleId"], "undefined-name");
  EXPECT_EQ(run0["tool"]["driver"]["rules"][result0["ruleIndex"].get<size_t>()]["id"], "undefined-name");
  const json &region = result0["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 4);
  EXPECT_EQ(region["startColumn"], 31); // UTF-16, 1-based; the byte column is 32
}

} // namespace
