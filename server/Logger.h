// Logging to stderr (stdout carries the protocol) at three levels.
#pragma once

#include <string_view>

namespace tvmscript {

enum class LogLevel { Error, Info, Verbose };

/// Messages above `level` are dropped; the default is Info.
void setLogLevel(LogLevel level);
void logError(std::string_view message);
void logInfo(std::string_view message);
void logVerbose(std::string_view message);

} // namespace tvmscript
