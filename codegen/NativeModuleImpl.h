// What a NativeModule owns: the LLVM context, module and target machine it was compiled for.
#pragma once

#include "Codegen.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace tvmscript {

struct ModuleContext;

struct NativeModule::Impl {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  std::unique_ptr<llvm::TargetMachine> target;
  CodegenOptions options;
  std::vector<FunctionAbi> functions;
  /// The module calls into the OpenMP runtime (it has parallel loops).
  bool usesOpenMP = false;
  /// The C header, written while the script model was at hand.
  std::string header;
};

/// A target machine for `options.cpu` on this host's triple, or an error message.
std::variant<std::unique_ptr<llvm::TargetMachine>, std::string> createTargetMachine(const CodegenOptions &options);

/// Runs the -O`level` pipeline (with libmvec as the vector math library) over `module`.
void optimizeModule(llvm::Module &module, llvm::TargetMachine &target, int level);

/// Emits `module` as an object file or assembly into `out`.
std::optional<std::string> emitMachineCode(llvm::Module &module, llvm::TargetMachine &target, bool assembly,
                                           std::string &out);

/// Links `object` into a shared library or an executable at `output`; `extraSources` are C
/// files compiled into an executable. In-process lld for shared libraries, the system `cc`
/// for executables (they need crt files and the dynamic loader).
std::optional<std::string> linkShared(const std::filesystem::path &object, const std::filesystem::path &output,
                                      bool openMP);
std::optional<std::string> linkExecutable(const std::filesystem::path &object,
                                          const std::vector<std::filesystem::path> &sources,
                                          const std::filesystem::path &output, bool openMP);

/// The files of an executable's driver: runtime/Runner.h and Runner.c, and a main.c with the
/// descriptions of `functions` (names and contents).
std::vector<std::pair<std::string, std::string>> executableSources(const std::vector<FunctionAbi> &functions);

/// The C header declaring `functions`.
std::string headerText(const std::vector<FunctionAbi> &functions, const SourceText &source);

/// Adds `__tvmscript_call_<symbol>(void **args)` and `__tvmscript_shapes_<symbol>` for every
/// public function: what `tvmscript run` and executables call (see runtime/Runner.h).
void addRunnerEntryPoints(ModuleContext &module, const std::vector<FunctionAbi> &abis);

} // namespace tvmscript
