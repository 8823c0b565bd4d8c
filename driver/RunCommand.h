// `tvmscript run`: JIT-compile one function and run it on .npy or random inputs.
#pragma once

#include "Codegen.h"

#include <string>
#include <utility>
#include <vector>

namespace tvmscript {

struct RunOptions {
  std::string file;
  std::string module;
  /// Empty: the module's only public PrimFunc.
  std::string function;
  std::vector<std::string> inputs;  // BUFFER=FILE.npy
  std::vector<std::string> outputs; // BUFFER=FILE.npy
  std::vector<std::string> values;  // NAME=VALUE for scalars and shape variables
  uint64_t seed = 0;
  int repeat = 1;
  bool quiet = false;
  CodegenOptions codegen;
};

/// Returns the exit code: 0 the function ran and returned 0, 1 the file has errors or the
/// function failed, 2 usage or I/O errors.
int runRun(const RunOptions &options);

} // namespace tvmscript
