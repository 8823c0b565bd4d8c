// `tvmscript serve`: the language server on stdin/stdout.
#pragma once

#include "Logger.h"
#include "Transport.h"

namespace tvmscript {

struct ServeOptions {
  LogLevel log = LogLevel::Info;
  InputStyle inputStyle = InputStyle::Standard;
  bool pretty = false;
};

/// Serves until exit; returns the process exit code.
int runServe(const ServeOptions &options);

} // namespace tvmscript
