// LSP transcripts: tests/lsp/NAME.input is fed to `tvmscript serve --input-style=delimited`;
// every message the server writes must equal, as JSON, the one in NAME.expected.
#include "RunCommand.h"
#include "ServerProcess.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>

namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> transcripts() {
  std::vector<std::string> names;
  for (const auto &entry : fs::directory_iterator(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/lsp"))
    if (entry.path().extension() == ".input") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// The JSON messages of a delimited stream.
std::vector<json> messages(const std::string &text) {
  std::vector<json> result;
  std::istringstream lines(text);
  std::string line, chunk;
  auto flush = [&] {
    if (chunk.find_first_not_of(" \n\t") != std::string::npos) result.push_back(json::parse(chunk));
    chunk.clear();
  };
  while (std::getline(lines, line)) {
    if (line == "---") flush();
    else chunk += line + "\n";
  }
  flush();
  return result;
}

class Transcript : public testing::TestWithParam<std::string> {};

TEST_P(Transcript, ServerRepliesAsExpected) {
  fs::path dir = fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/lsp";
  std::string command = std::string(TVMSCRIPT_BINARY) + " serve --input-style=delimited --log=error < '" +
                        (dir / (GetParam() + ".input")).string() + "' 2>/dev/null";
  tvmscript::CommandResult result = tvmscript::runCommand(command);
  EXPECT_EQ(result.exitCode, 0) << "exit after shutdown must be 0";
  const std::string &out = result.out;

  std::ifstream expectedFile(dir / (GetParam() + ".expected"));
  std::stringstream expectedText;
  expectedText << expectedFile.rdbuf();
  std::vector<json> expected = messages(expectedText.str()), actual = messages(out);
  for (size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
    if (i >= actual.size()) {
      ADD_FAILURE() << "missing message " << i << ": " << expected[i].dump();
      continue;
    }
    if (i >= expected.size()) {
      ADD_FAILURE() << "unexpected message " << i << ": " << actual[i].dump();
      continue;
    }
    EXPECT_EQ(actual[i], expected[i]) << "message " << i << "\n  actual:   " << actual[i].dump()
                                      << "\n  expected: " << expected[i].dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Lsp, Transcript, testing::ValuesIn(transcripts()),
                         [](const testing::TestParamInfo<std::string> &info) { return info.param; });

TEST(Serve, ExitWithoutShutdownIsAnError) {
  std::string command = "printf '%s\\n' '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}' '---' "
                        "'{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}' | " +
                        std::string(TVMSCRIPT_BINARY) + " serve --input-style=delimited --log=error >/dev/null 2>&1";
  int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

TEST(Serve, ContentLengthFramingWithExtraHeadersAndLF) {
  // Standard framing: CRLF or bare LF, extra headers, header names in any case.
  std::string init = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})";
  std::string shutdown = R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})";
  std::string exit = R"({"jsonrpc":"2.0","method":"exit"})";
  std::string input = "Content-Length: " + std::to_string(init.size()) + "\r\nContent-Type: x\r\n\r\n" + init +
                      "content-length: " + std::to_string(shutdown.size()) + "\n\n" + shutdown +
                      "Content-Length: " + std::to_string(exit.size()) + "\r\n\r\n" + exit;
  fs::path file = fs::temp_directory_path() / ("tvmscript-framing-" + std::to_string(getpid()));
  std::ofstream(file, std::ios::binary) << input;
  std::string command = std::string(TVMSCRIPT_BINARY) + " serve --log=error < '" + file.string() + "' 2>/dev/null";
  tvmscript::CommandResult result = tvmscript::runCommand(command);
  fs::remove(file);
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.out.find("Content-Length: "), std::string::npos);
  EXPECT_NE(result.out.find(R"("id":2,"jsonrpc":"2.0","result":null)"), std::string::npos) << result.out;
}

TEST(Serve, ExitWhileInputIsStillArriving) {
  // `exit` followed by a flood of messages: the reader thread is still busy when the server
  // ends, which must not crash it (it once destroyed what that thread was using).
  auto frame = [](const std::string &body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; };
  std::string input = frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                      frame(R"({"jsonrpc":"2.0","method":"exit"})");
  for (int i = 0; i < 20000; ++i) input += frame(R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":5}})");
  fs::path file = fs::temp_directory_path() / ("tvmscript-exit-" + std::to_string(getpid()));
  std::ofstream(file, std::ios::binary) << input;
  for (int run = 0; run < 10; ++run) {
    int status = std::system((std::string(TVMSCRIPT_BINARY) + " serve --log=error < '" + file.string() + "' >/dev/null 2>&1").c_str());
    ASSERT_TRUE(WIFEXITED(status)) << "run " << run << " was killed by a signal";
    EXPECT_EQ(WEXITSTATUS(status), 1) << "exit without shutdown";
  }
  fs::remove(file);
}

TEST(Serve, DeeplyNestedJsonIsDroppedNotParsed) {
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  std::string input = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})" "\n---\n" +
                      std::string(R"({"jsonrpc":"2.0","id":2,"method":"shutdown","params":)") + deep + "}\n---\n" +
                      R"({"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":)" + deep + "}}\n---\n" +
                      R"({"jsonrpc":"2.0","id":3,"method":"shutdown"})" "\n---\n" R"({"jsonrpc":"2.0","method":"exit"})" "\n";
  fs::path file = fs::temp_directory_path() / ("tvmscript-deep-" + std::to_string(getpid()));
  std::ofstream(file, std::ios::binary) << input;
  tvmscript::CommandResult result = tvmscript::runCommand(std::string(TVMSCRIPT_BINARY) +
                                                          " serve --input-style=delimited --log=error < '" +
                                                          file.string() + "' 2>/dev/null");
  fs::remove(file);
  EXPECT_EQ(result.exitCode, 0); // the deep messages were dropped; shutdown 3 and exit served
  EXPECT_NE(result.out.find(R"("id":3)"), std::string::npos);
}

TEST(Serve, OversizedMessagesAreDroppedNotRead) {
  // A header announcing more than the cap: the server skips the body (here: the rest of the
  // input) instead of allocating it, and ends normally at end of input.
  std::string command = "printf 'Content-Length: 999999999999\r\n\r\n{}' | " + std::string(TVMSCRIPT_BINARY) +
                        " serve --log=error >/dev/null 2>&1";
  int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1); // no shutdown was requested
}

/// The replies of `tvmscript serve` to a Content-Length stream (`timeout` turns a hang into 124).
tvmscript::CommandResult serveStream(const std::string &input) {
  fs::path file = fs::temp_directory_path() / ("tvmscript-stream-" + std::to_string(getpid()));
  std::ofstream(file, std::ios::binary) << input;
  tvmscript::CommandResult result = tvmscript::runCommand("timeout 20 " + std::string(TVMSCRIPT_BINARY) +
                                                          " serve --log=error < '" + file.string() + "' 2>/dev/null");
  fs::remove(file);
  return result;
}

std::string framed(const std::string &body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; }

TEST(Serve, ABadContentLengthLosesThatMessageOnly) {
  // Each broken message is followed by a request that must still be answered: the reader finds
  // the next header again (it used to read every later message as the broken one's tail).
  std::string info = R"({"jsonrpc":"2.0","id":ID,"method":"tvmscript/serverInfo"})";
  auto request = [&](int id) { return framed(std::regex_replace(info, std::regex("ID"), std::to_string(id))); };
  std::string body = R"({"jsonrpc":"2.0","id":99,"method":"shutdown"})";
  std::string input = framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                      "Content-Length: abc\r\n\r\n" + body + request(2) +
                      "Content-Length: -5\r\n\r\n" + body + request(3) +
                      "Content-Type: application/json\r\n\r\n" + body + request(4) +
                      "Content-Length: 12\r\n\r\n" + body + request(5) + // shorter than its body
                      "Content-Length: 99999999999999999999999\r\n\r\n" + body + request(6) +
                      framed(R"({"jsonrpc":"2.0","id":7,"method":"shutdown"})") + framed(R"({"jsonrpc":"2.0","method":"exit"})");
  tvmscript::CommandResult result = serveStream(input);
  EXPECT_EQ(result.exitCode, 0) << result.out;
  for (int id = 2; id <= 7; ++id)
    EXPECT_NE(result.out.find("\"id\":" + std::to_string(id) + ","), std::string::npos) << "no reply to " << id << "\n" << result.out;
  EXPECT_EQ(result.out.find("\"id\":99,"), std::string::npos) << "a broken message was served\n" << result.out;
}

TEST(Serve, AMessageCutShortEndsTheSession) {
  // The stream ends inside a body: the requests before it are answered, and the server ends
  // (exit code 1: no shutdown) instead of waiting for the rest.
  std::string input = framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                      framed(R"({"jsonrpc":"2.0","id":2,"method":"tvmscript/serverInfo"})") +
                      "Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"meth";
  tvmscript::CommandResult result = serveStream(input);
  EXPECT_EQ(result.exitCode, 1) << result.out;
  EXPECT_NE(result.out.find(R"("id":2,)"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find(R"("id":3,)"), std::string::npos) << result.out;
}

TEST(Serve, CompilingWhatIsNotARegularFileIsRefused) {
  // Files that are not open are read from disk: a FIFO would block the server for good (and
  // /dev/zero never ends); a file larger than any message is refused too.
  fs::path dir = fs::temp_directory_path() / ("tvmscript-special-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_EQ(mkfifo((dir / "fifo.py").c_str(), 0600), 0);
  std::ofstream(dir / "huge.py").close();
  fs::resize_file(dir / "huge.py", 65 << 20); // sparse
  auto view = [&](int id, const std::string &name) {
    return framed(R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
                  R"(,"method":"tvmscript/viewOutput","params":{"kind":"llvm","uri":"file://)" + (dir / name).string() + "\"}}");
  };
  std::string input = framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") + view(2, "fifo.py") +
                      view(3, "huge.py") + framed(R"({"jsonrpc":"2.0","id":4,"method":"shutdown"})") +
                      framed(R"({"jsonrpc":"2.0","method":"exit"})");
  tvmscript::CommandResult result = serveStream(input);
  fs::remove_all(dir);
  EXPECT_EQ(result.exitCode, 0) << result.out;
  EXPECT_NE(result.out.find("fifo.py is not a regular file"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("huge.py is larger than 64 MiB"), std::string::npos) << result.out;
}

TEST(Serve, ALineWithoutEndDoesNotGrowMemory) {
  // 200 MB without a newline where a header should be: the reader keeps only a line's end (the
  // next header may start there) instead of the whole line, and serves the message after it.
  tvmscript::ServerProcess server;
  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  server.until([](const json &m) { return m.value("id", 0) == 1; });
  long before = server.residentKiB();
  std::string junk(1 << 20, 'x');
  for (int i = 0; i < 200; ++i) server.sendRaw(junk);
  server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "tvmscript/serverInfo"}});
  EXPECT_TRUE(server.until([](const json &m) { return m.value("id", 0) == 2; }).contains("result"));
  long peak = server.peakResidentKiB();
  EXPECT_LT(peak - before, 48 * 1024) << "KiB: " << before << " before, " << peak << " at the peak";
  server.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}});
  server.until([](const json &m) { return m.value("id", 0) == 3; });
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  EXPECT_EQ(server.wait(), 0);
}

} // namespace
