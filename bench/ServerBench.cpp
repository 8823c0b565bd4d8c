// Drives `tvmscript serve` over stdio like an editor: a generated 10,000-line file, one-line
// edits timed from didChange to their publishDiagnostics, definition and hover latency, and
// resident memory with ten such files open.
// Usage: server_bench PATH/TO/tvmscript [edits=200]
#include "GeneratedScript.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

/// The server as a child process with pipes on its stdin and stdout.
class Server {
public:
  explicit Server(const char *binary) {
    int toServer[2], fromServer[2];
    if (pipe(toServer) != 0 || pipe(fromServer) != 0) std::exit(2);
    Pid = fork();
    if (Pid == 0) {
      dup2(toServer[0], 0);
      dup2(fromServer[1], 1);
      close(toServer[1]);
      close(fromServer[0]);
      execl(binary, binary, "serve", "--log=error", static_cast<char *>(nullptr));
      std::_Exit(127);
    }
    close(toServer[0]);
    close(fromServer[1]);
    In = fdopen(toServer[1], "w");
    Out = fdopen(fromServer[0], "r");
  }
  ~Server() {
    fclose(In);
    waitpid(Pid, nullptr, 0);
  }

  void send(const json &message) {
    std::string body = message.dump();
    std::fprintf(In, "Content-Length: %zu\r\n\r\n%s", body.size(), body.c_str());
    std::fflush(In);
  }

  json receive() {
    size_t length = 0;
    char line[256];
    while (std::fgets(line, sizeof line, Out)) {
      if (std::sscanf(line, "Content-Length: %zu", &length) == 1) continue;
      if (line[0] == '\r' || line[0] == '\n') break;
    }
    std::string body(length, '\0');
    if (std::fread(body.data(), 1, length, Out) != length) std::exit(2);
    return json::parse(body);
  }

  /// Reads until a message satisfying `done` arrives.
  template <typename F> json until(F done) {
    while (true) {
      json message = receive();
      if (done(message)) return message;
    }
  }

  long residentKiB() const {
    FILE *status = std::fopen(fmt::format("/proc/{}/status", Pid).c_str(), "r");
    char line[256];
    long kib = 0;
    while (status && std::fgets(line, sizeof line, status))
      if (std::sscanf(line, "VmRSS: %ld", &kib) == 1) break;
    if (status) std::fclose(status);
    return kib;
  }

private:
  pid_t Pid;
  FILE *In;
  FILE *Out;
};

struct Percentiles {
  double p50, p99, max;
};

Percentiles percentiles(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 99 / 100)],
          samples.back()};
}

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: server_bench PATH/TO/tvmscript [edits=200]\n");
    return 2;
  }
  int edits = argc > 2 ? std::stoi(argv[2]) : 200;
  std::string text = tvmscript::generateScript(10000);
  Server server(argv[1]);
  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  server.until([](const json &m) { return m.contains("id") && m["id"] == 1; });
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});

  auto uriOf = [](int i) { return fmt::format("file:///bench/file{}.py", i); };
  auto publishedFor = [](const std::string &uri, int version) {
    return [uri, version](const json &m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
             m["params"].value("version", -1) == version;
    };
  };
  Clock::time_point openStart = Clock::now();
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uriOf(0)}, {"languageId", "python"}, {"version", 0}, {"text", text}}}}}});
  server.until(publishedFor(uriOf(0), 0));
  double openMs = since(openStart);

  // One-line edits in the middle of the file, alternately breaking and fixing a name.
  std::string target = "Y[vi, vj] + B[vj]";
  size_t at = text.find(target, text.size() / 2);
  size_t lineStart = text.rfind('\n', at) + 1;
  size_t line = std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  int character = static_cast<int>(at - lineStart);
  std::vector<double> changeToDiagnostics;
  for (int i = 1; i <= edits; ++i) {
    json range = {{"start", {{"line", line}, {"character", character}}},
                  {"end", {{"line", line}, {"character", character + 1}}}};
    Clock::time_point start = Clock::now();
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                 {"params", {{"textDocument", {{"uri", uriOf(0)}, {"version", i}}},
                             {"contentChanges", {{{"range", range}, {"text", i % 2 ? "Z" : "Y"}}}}}}});
    server.until(publishedFor(uriOf(0), i));
    changeToDiagnostics.push_back(since(start));
  }

  // Definition and hover on a buffer use in the middle of the file.
  std::vector<double> definition, hover;
  for (int i = 0; i < 100; ++i) {
    json params = {{"textDocument", {{"uri", uriOf(0)}}}, {"position", {{"line", line}, {"character", character + 12}}}};
    Clock::time_point start = Clock::now();
    server.send({{"jsonrpc", "2.0"}, {"id", 1000 + i}, {"method", "textDocument/definition"}, {"params", params}});
    server.until([&](const json &m) { return m.contains("id") && m["id"] == 1000 + i; });
    definition.push_back(since(start));
    start = Clock::now();
    server.send({{"jsonrpc", "2.0"}, {"id", 2000 + i}, {"method", "textDocument/hover"}, {"params", params}});
    server.until([&](const json &m) { return m.contains("id") && m["id"] == 2000 + i; });
    hover.push_back(since(start));
  }

  // Nine more copies open: ten 10,000-line files.
  for (int i = 1; i < 10; ++i) {
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                 {"params", {{"textDocument", {{"uri", uriOf(i)}, {"languageId", "python"}, {"version", 0}, {"text", text}}}}}});
    server.until(publishedFor(uriOf(i), 0));
  }
  long rssKiB = server.residentKiB();
  server.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "shutdown"}});
  server.until([](const json &m) { return m.contains("id") && m["id"] == 3; });
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});

  Percentiles c = percentiles(changeToDiagnostics), d = percentiles(definition), h = percentiles(hover);
  fmt::print("file: {} lines, {} KB; didOpen to diagnostics: {:.1f} ms\n", std::count(text.begin(), text.end(), '\n'),
             text.size() / 1024, openMs);
  fmt::print("didChange -> publishDiagnostics over {} one-line edits: p50 {:.2f} ms  p99 {:.2f} ms  max {:.2f} ms"
             "  (targets p50 <= 10, p99 <= 30)\n",
             edits, c.p50, c.p99, c.max);
  fmt::print("definition: p50 {:.2f} ms  p99 {:.2f} ms;  hover: p50 {:.2f} ms  p99 {:.2f} ms  (target <= 5)\n", d.p50,
             d.p99, h.p50, h.p99);
  fmt::print("resident memory with 10 such files open: {:.1f} MB  (target <= 150)\n", rssKiB / 1024.0);
  return 0;
}
