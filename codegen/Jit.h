// Running compiled modules in this process: ORC's LLJIT over an optimised NativeModule.
#pragma once

#include "Codegen.h"

#include <memory>
#include <string>
#include <variant>

namespace tvmscript {

/// A NativeModule loaded into this process. Symbols resolve against the process and the C,
/// math and OpenMP runtimes.
class JitModule {
public:
  struct Impl;
  /// Takes over `module` (already optimised by compileModel). An error message on failure.
  static std::variant<std::unique_ptr<JitModule>, std::string> load(NativeModule module);
  ~JitModule();

  /// The address of `symbol`, or null.
  void *lookup(const std::string &symbol);

private:
  explicit JitModule(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> Pimpl;
};

} // namespace tvmscript
