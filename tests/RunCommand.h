// Runs a shell command for the command-line and server tests, capturing stdout.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace tvmscript {

struct CommandResult {
  int exitCode; // -1 when the command was killed by a signal
  std::string out;
};

inline CommandResult runCommand(const std::string &command) {
  FILE *pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

} // namespace tvmscript
