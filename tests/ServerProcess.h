// `tvmscript serve` as a child process driven over pipes, as an editor drives it, for tests that
// need the live server (requests that overlap, memory as the session goes on).
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tvmscript {

/// `tvmscript serve` as a child process with pipes on its stdin and stdout.
class ServerProcess {
public:
  /// `tvmscript serve --log=error` and `arguments`.
  explicit ServerProcess(std::vector<std::string> arguments = {}) {
    signal(SIGPIPE, SIG_IGN); // a server that died makes send() throw, not the test die
    arguments.insert(arguments.begin(), {TVMSCRIPT_BINARY, "serve", "--log=error"});
    std::vector<char *> argv;
    for (std::string &argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    int toServer[2], fromServer[2];
    if (pipe(toServer) != 0 || pipe(fromServer) != 0) std::abort();
    Pid = fork();
    if (Pid < 0) std::abort();
    if (Pid == 0) {
      dup2(toServer[0], 0);
      dup2(fromServer[1], 1);
      close(toServer[1]);
      close(fromServer[0]);
      execv(TVMSCRIPT_BINARY, argv.data());
      std::_Exit(127);
    }
    close(toServer[0]);
    close(fromServer[1]);
    In = toServer[1];
    Out = fromServer[0];
  }
  ~ServerProcess() {
    close(In);
    close(Out);
    if (Pid > 0) { // not waited for yet: the test failed half-way
      kill(Pid, SIGKILL);
      waitpid(Pid, nullptr, 0);
    }
  }

  void send(const nlohmann::json &message) {
    std::string body = message.dump();
    sendRaw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  /// Bytes as they are, framed or not.
  void sendRaw(std::string_view bytes) {
    for (size_t written = 0; written < bytes.size();) {
      ssize_t n = write(In, bytes.data() + written, bytes.size() - written);
      if (n <= 0) throw std::runtime_error("the server stopped reading");
      written += static_cast<size_t>(n);
    }
  }

  /// The next message, or nullopt when none arrives within 30 s (or the server has gone).
  std::optional<nlohmann::json> receive() {
    while (true) {
      size_t headerEnd = Buffer.find("\r\n\r\n");
      if (headerEnd != std::string::npos) {
        size_t length = std::stoul(Buffer.substr(Buffer.find(':') + 1, headerEnd));
        if (Buffer.size() >= headerEnd + 4 + length) {
          nlohmann::json message = nlohmann::json::parse(Buffer.substr(headerEnd + 4, length));
          Buffer.erase(0, headerEnd + 4 + length);
          return message;
        }
      }
      pollfd ready{Out, POLLIN, 0};
      if (poll(&ready, 1, 30000) <= 0) return std::nullopt;
      char chunk[65536];
      ssize_t n = read(Out, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      Buffer.append(chunk, static_cast<size_t>(n));
    }
  }

  /// Reads until a message satisfying `wanted` arrives.
  template <typename Predicate> nlohmann::json until(Predicate wanted) {
    while (std::optional<nlohmann::json> message = receive())
      if (wanted(*message)) return *message;
    throw std::runtime_error("the server did not answer");
  }

  long residentKiB() const { return statusKiB("VmRSS:"); }
  long peakResidentKiB() const { return statusKiB("VmHWM:"); }

  int wait() {
    int status = 0;
    waitpid(Pid, &status, 0);
    Pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

private:
  /// A field of /proc/PID/status, in KiB.
  long statusKiB(std::string_view field) const {
    std::ifstream status("/proc/" + std::to_string(Pid) + "/status");
    for (std::string line; std::getline(status, line);)
      if (line.starts_with(field)) return std::stol(line.substr(field.size()));
    return 0;
  }

  pid_t Pid;
  int In, Out;
  std::string Buffer;
};

} // namespace tvmscript
