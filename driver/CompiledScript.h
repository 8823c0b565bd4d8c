// What `compile` and `run` share: reading a file, refusing it when the analysis finds errors,
// and lowering the selected functions, with diagnostics rendered as `check` renders them.
#pragma once

#include "Codegen.h"
#include "Document.h"

#include <memory>
#include <string>

namespace tvmscript {

struct CompiledScript {
  std::shared_ptr<const ScriptModel> model;
  std::unique_ptr<NativeModule> module;
};

/// Reads, checks and compiles `path`. On failure prints the diagnostics (or the error) on
/// stderr and returns the exit code in `exitCode` (1 for errors in the file, 2 for I/O and
/// usage errors) with a null module.
CompiledScript compileFile(const std::string &path, const CompileSelection &selection,
                           const CodegenOptions &options, int &exitCode);

} // namespace tvmscript
