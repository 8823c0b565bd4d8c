// `tvmscript serve`: the language server on stdin/stdout.
#pragma once

#include "Logger.h"
#include "Transport.h"

namespace tvmscript {

struct ServeOptions {
  LogLevel log = LogLevel::Info;
  InputStyle inputStyle = InputStyle::Standard;
  bool pretty = false;
  /// The executable that runs compiles (`EXE compile-worker`); empty: this one.
  std::string compiler;
};

/// Serves until exit; returns the process exit code.
int runServe(const ServeOptions &options);

/// The address space a compile worker may use.
constexpr unsigned long kWorkerAddressSpace = 8ul << 30;

/// `tvmscript compile-worker`: one compile for a server (CompileWorker.h), in at most
/// kWorkerAddressSpace bytes of address space.
int runCompileWorker();

} // namespace tvmscript
