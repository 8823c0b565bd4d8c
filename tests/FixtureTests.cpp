// Every fixture in tests/fixtures produces exactly the diagnostics its markers describe (none
// for ok_*.py), and every file of tests/corpus produces none.
#include "Analyze.h"
#include "Document.h"
#include "FixtureExpectations.h"

// The test data files present at configure time (comments only): see tests/CMakeLists.txt.
#include "TestDataFiles.inc"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace tvmscript {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> pythonFiles(const std::string &folder) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto &entry : fs::directory_iterator(fs::path(TVMSCRIPT_SOURCE_DIR) / folder, error))
    if (entry.path().extension() == ".py") files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string testName(const testing::TestParamInfo<std::string> &info) {
  std::string name = info.param.substr(0, info.param.size() - 3);
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

/// The diagnostics of `path`, compared with its markers.
void expectMarkedDiagnostics(const fs::path &path) {
  Document document(readFile(path));
  auto model = document.buildModel();
  std::vector<Diagnostic> diagnostics = analyze(*model);
  auto expected = parseExpectations(document.source());
  for (const std::string &problem : compareWithExpectations(document.source(), diagnostics, expected))
    ADD_FAILURE() << path.filename().string() << ": " << problem;
}

class Fixture : public testing::TestWithParam<std::string> {};

TEST_P(Fixture, DiagnosticsMatchMarkers) {
  fs::path path = fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/fixtures" / GetParam();
  if (GetParam().starts_with("ok_")) {
    EXPECT_TRUE(parseExpectations(Document(readFile(path)).source()).empty())
        << "ok_ fixtures must not carry markers";
  }
  expectMarkedDiagnostics(path);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Fixture);
INSTANTIATE_TEST_SUITE_P(Fixtures, Fixture, testing::ValuesIn(pythonFiles("tests/fixtures")), testName);

class Corpus : public testing::TestWithParam<std::string> {};

TEST_P(Corpus, HasScriptAndNoDiagnostics) {
  fs::path path = fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/corpus" / GetParam();
  Document document(readFile(path));
  auto model = document.buildModel();
  EXPECT_TRUE(model->hasScript()) << "corpus files must contain TVMScript";
  expectMarkedDiagnostics(path);
}

INSTANTIATE_TEST_SUITE_P(Corpus, Corpus, testing::ValuesIn(pythonFiles("tests/corpus")), testName);

TEST(CorpusSize, AtLeastSixtyFiles) { EXPECT_GE(pythonFiles("tests/corpus").size(), 60u); }

} // namespace
} // namespace tvmscript
