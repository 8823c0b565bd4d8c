// The native compiler's entry points: a script model in, native code out. No LLVM type appears
// here, so the driver and the server compile without LLVM's headers.
#pragma once

#include "Abi.h"
#include "Diagnostic.h"
#include "ScriptModel.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tvmscript {

struct CodegenOptions {
  /// 0..3, as the optimisation pipelines of clang's -O levels.
  int optLevel = 3;
  /// "native" (this machine's CPU and features), "generic" (baseline x86-64), or an LLVM CPU
  /// name such as "skylake-avx512" or "znver4".
  std::string cpu = "native";
  /// Every floating-point operation may be reassociated, contracted and assume finite values.
  bool fastMath = false;
  /// No reassociation at all, not even of reduction updates (which are otherwise reassociable,
  /// so that they vectorise as TVM's do).
  bool strictFp = false;
  /// Also emit the entry points `tvmscript run` and executables call (runtime/Runner.h).
  bool runnerEntryPoints = false;
};

/// What to compile from a file: one IRModule (or the file's standalone PrimFuncs) and optionally
/// some of its functions (their private callees come along).
struct CompileSelection {
  /// Empty: the file's only IRModule, or its standalone functions when it has none.
  std::string module;
  /// Empty: every PrimFunc of the module.
  std::vector<std::string> functions;
};

enum class OutputKind { Object, Shared, Executable, LLVM, Assembly, Header };

/// "obj", "shared", "exe", "llvm", "asm", "header" and back.
std::optional<OutputKind> outputKindNamed(std::string_view name);
std::string_view outputKindName(OutputKind kind);
/// The file name suffix of an output of `kind` (".o", ".so", "", ".ll", ".s", ".h").
std::string_view outputSuffix(OutputKind kind);

/// A lowered and optimised LLVM module with the ABI of each function it defines. Owns its LLVM
/// context; movable, not copyable.
class NativeModule {
public:
  struct Impl;
  explicit NativeModule(std::unique_ptr<Impl> impl);
  ~NativeModule();
  NativeModule(NativeModule &&) noexcept;
  NativeModule &operator=(NativeModule &&) noexcept;

  /// The compiled functions, public and private, in source order.
  const std::vector<FunctionAbi> &functions() const;
  /// The module as LLVM IR, assembly, or a C header (`kind` is LLVM, Assembly or Header).
  std::string text(OutputKind kind) const;
  /// Writes an output of any kind to `path`; an error message on failure.
  std::optional<std::string> write(OutputKind kind, const std::filesystem::path &path) const;
  Impl &impl() const { return *Pimpl; }

private:
  std::unique_ptr<Impl> Pimpl;
};

struct CompileResult {
  /// Null when any diagnostic is an error, or on `error`.
  std::unique_ptr<NativeModule> module;
  std::vector<Diagnostic> diagnostics;
  /// A selection that names nothing, an unknown CPU, an internal failure: not a diagnostic.
  std::optional<std::string> error;
};

/// Lowers the selected PrimFuncs of `model` to native code. Constructs that cannot be lowered
/// become `unsupported-construct` diagnostics naming the construct; the analysis' own errors
/// are the caller's to check first (a module the analysis rejects must not reach codegen).
CompileResult compileModel(const ScriptModel &model, const CompileSelection &selection,
                           const CodegenOptions &options);

} // namespace tvmscript
