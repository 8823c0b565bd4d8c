// A timestamped line per message on stderr.
#include "Logger.h"

#include <chrono>
#include <cstdio>

namespace tvmscript {
namespace {

LogLevel Current = LogLevel::Info;

void emit(LogLevel level, char tag, std::string_view message) {
  if (level > Current) return;
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 86'400'000;
  std::fprintf(stderr, "%c[%02lld:%02lld:%02lld.%03lld] %.*s\n", tag, static_cast<long long>(ms / 3'600'000),
               static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60),
               static_cast<long long>(ms % 1000), static_cast<int>(message.size()), message.data());
}

} // namespace

void setLogLevel(LogLevel level) { Current = level; }
void logError(std::string_view message) { emit(LogLevel::Error, 'E', message); }
void logInfo(std::string_view message) { emit(LogLevel::Info, 'I', message); }
void logVerbose(std::string_view message) { emit(LogLevel::Verbose, 'V', message); }

} // namespace tvmscript
