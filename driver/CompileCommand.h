// `tvmscript compile`: PrimFuncs to objects, shared libraries, executables, LLVM IR, assembly
// or a C header.
#pragma once

#include "Codegen.h"

#include <string>
#include <vector>

namespace tvmscript {

struct CompileOptions {
  std::string file;
  CompileSelection selection;
  std::string emit = "obj";
  /// Empty: the input's stem with the output kind's suffix, in the current directory.
  /// "-": standard output (text kinds only).
  std::string output;
  CodegenOptions codegen;
};

/// Compiles and writes the output. Returns the exit code: 0 written, 1 the file has errors (its
/// diagnostics are printed and nothing is written), 2 usage or I/O errors.
int runCompile(const CompileOptions &options);

} // namespace tvmscript
