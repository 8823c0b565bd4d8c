// Writing compiled modules.
#include "CompileCommand.h"

#include "CompiledScript.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace tvmscript {

int runCompile(const CompileOptions &options) {
  auto kind = outputKindNamed(options.emit);
  if (!kind) {
    std::cerr << fmt::format("tvmscript: error: unknown --emit '{}' (obj, shared, exe, llvm, asm or header)\n",
                             options.emit);
    return 2;
  }
  bool text = *kind == OutputKind::LLVM || *kind == OutputKind::Assembly || *kind == OutputKind::Header;
  if (options.output == "-" && !text) {
    std::cerr << fmt::format("tvmscript: error: --emit {} cannot be written to standard output\n", options.emit);
    return 2;
  }
  CodegenOptions codegen = options.codegen;
  codegen.runnerEntryPoints = *kind == OutputKind::Executable;
  int exitCode = 0;
  CompiledScript script = compileFile(options.file, options.selection, codegen, exitCode);
  if (!script.module) return exitCode;
  if (*kind == OutputKind::Executable &&
      std::none_of(script.module->functions().begin(), script.module->functions().end(),
                   [](const FunctionAbi &abi) { return abi.isPublic; })) {
    std::cerr << "tvmscript: error: an executable needs a public PrimFunc to run\n";
    return 2;
  }
  if (options.output == "-") {
    std::cout << script.module->text(*kind);
    return 0;
  }
  std::filesystem::path output = options.output;
  if (output.empty())
    output = std::filesystem::path(options.file).stem().string() + std::string(outputSuffix(*kind));
  if (auto error = script.module->write(*kind, output)) {
    std::cerr << fmt::format("tvmscript: error: {}\n", *error);
    return 2;
  }
  return 0;
}

} // namespace tvmscript
