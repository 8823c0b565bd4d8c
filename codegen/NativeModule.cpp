// compileModel: selecting functions, lowering them into one LLVM module, verifying and
// optimising it; and the outputs a NativeModule can produce.
#include "CalleeResolver.h"
#include "Lowering.h"
#include "NativeModuleImpl.h"
#include "Walk.h"

#include <fmt/format.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Host.h>

#include <fstream>
#include <mutex>

namespace tvmscript {

std::optional<OutputKind> outputKindNamed(std::string_view name) {
  if (name == "obj") return OutputKind::Object;
  if (name == "shared") return OutputKind::Shared;
  if (name == "exe") return OutputKind::Executable;
  if (name == "llvm") return OutputKind::LLVM;
  if (name == "asm") return OutputKind::Assembly;
  if (name == "header") return OutputKind::Header;
  return std::nullopt;
}

std::string_view outputKindName(OutputKind kind) {
  switch (kind) {
  case OutputKind::Object: return "obj";
  case OutputKind::Shared: return "shared";
  case OutputKind::Executable: return "exe";
  case OutputKind::LLVM: return "llvm";
  case OutputKind::Assembly: return "asm";
  case OutputKind::Header: return "header";
  }
  return "obj";
}

std::string_view outputSuffix(OutputKind kind) {
  switch (kind) {
  case OutputKind::Object: return ".o";
  case OutputKind::Shared: return ".so";
  case OutputKind::Executable: return "";
  case OutputKind::LLVM: return ".ll";
  case OutputKind::Assembly: return ".s";
  case OutputKind::Header: return ".h";
  }
  return "";
}

std::variant<std::unique_ptr<llvm::TargetMachine>, std::string> createTargetMachine(const CodegenOptions &options) {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
  std::string triple = llvm::sys::getDefaultTargetTriple();
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) return fmt::format("no LLVM target for {}: {}", triple, error);
  std::string cpu = options.cpu;
  std::string features;
  if (cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    std::vector<std::string> list;
    for (const auto &[feature, enabled] : llvm::sys::getHostCPUFeatures())
      list.push_back((enabled ? "+" : "-") + feature.str());
    std::sort(list.begin(), list.end());
    features = fmt::format("{}", fmt::join(list, ","));
  } else if (cpu == "generic") {
    cpu = "x86-64";
  }
  llvm::TargetOptions targetOptions;
  if (options.fastMath) {
    targetOptions.UnsafeFPMath = true;
    targetOptions.NoInfsFPMath = true;
    targetOptions.NoNaNsFPMath = true;
  }
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, llvm::Reloc::PIC_, std::nullopt,
      options.optLevel >= 2 ? llvm::CodeGenOptLevel::Aggressive : llvm::CodeGenOptLevel::Less));
  if (!machine) return fmt::format("cannot create a target machine for {} ({})", triple, cpu);
  if (!machine->getMCSubtargetInfo()->isCPUStringValid(cpu))
    return fmt::format("unknown CPU '{}' (try native, generic, or an LLVM CPU name such as znver4)", options.cpu);
  return machine;
}

namespace {

/// The functions the selection names, with their private callees; or a usage error.
std::variant<std::vector<const Function *>, std::string> selectFunctions(const ScriptModel &model,
                                                                         const CompileSelection &selection) {
  std::vector<const Function *> candidates;
  if (!selection.module.empty()) {
    const Module *chosen = nullptr;
    for (const Module *module : model.modules())
      if (module->name == selection.module) chosen = module;
    if (!chosen) return fmt::format("no IRModule named '{}' in the file", selection.module);
    candidates.assign(chosen->functions.begin(), chosen->functions.end());
  } else if (model.modules().size() > 1) {
    std::vector<std::string> names;
    for (const Module *module : model.modules()) names.push_back(module->name);
    return fmt::format("the file defines several IRModules ({}): choose one with --module",
                       fmt::join(names, ", "));
  } else if (model.modules().size() == 1) {
    const Module *only = model.modules().front();
    candidates.assign(only->functions.begin(), only->functions.end());
  } else {
    for (const Function *function : model.functions())
      if (!function->module) candidates.push_back(function);
  }
  std::vector<const Function *> selected;
  if (selection.functions.empty()) {
    selected.assign(candidates.begin(), candidates.end());
    return selected;
  }
  for (const std::string &name : selection.functions) {
    auto it = std::find_if(candidates.begin(), candidates.end(),
                           [&](const Function *f) { return f->name == name || globalSymbolOf(*f) == name; });
    if (it == candidates.end()) return fmt::format("no function named '{}' to compile", name);
    if (std::find(selected.begin(), selected.end(), *it) == selected.end()) selected.push_back(*it);
  }
  // The callees of what is selected come along, transitively.
  for (size_t i = 0; i < selected.size(); ++i) {
    forEachExpr(*selected[i], [&](const Expr &expr) {
      if (expr.kind != ExprKind::Call || !expr.base) return;
      bool callTir = expr.isCallTo(Dialect::TIR, "call_tir") || expr.isCallTo(Dialect::Relax, "call_tir") ||
                     expr.isCallTo(Dialect::Relax, "call_tir_inplace") ||
                     expr.isCallTo(Dialect::Relax, "call_tir_with_grad");
      const Expr *callee = callTir && !expr.items.empty() ? expr.items[0] : expr.base;
      bool named = callee != expr.base || (callee->symbol && callee->symbol->kind == SymbolKind::PrimFunc) ||
                   (callee->kind == ExprKind::Attribute && callee->base && callee->base->symbol &&
                    (callee->base->symbol->kind == SymbolKind::Module ||
                     callee->base->symbol->kind == SymbolKind::ModuleAlias));
      if (!named) return;
      const Function *resolved = resolveCallee(*selected[i], *callee).callee;
      if (resolved && std::find(selected.begin(), selected.end(), resolved) == selected.end())
        selected.push_back(resolved);
    });
  }
  return selected;
}

/// Whether every binding of a Relax function is one native code can run: R.call_tir-family
/// calls, aliases, tuples and their items, R.match_cast, shape-variable preludes.
bool isCallTirGraph(const Function &function, std::string &problem) {
  const Stmt *returned = nullptr;
  for (const Stmt *stmt : relaxBindings(function, &returned)) {
    if (stmt->kind == StmtKind::Expr && stmt->value &&
        (stmt->value->isCallTo(Dialect::Relax, "output") || stmt->value->kind == ExprKind::String))
      continue;
    if (stmt->kind != StmtKind::Assign || !stmt->value) {
      problem = "it has statements other than bindings";
      return false;
    }
    const Expr &value = *stmt->value;
    bool ok = value.isCallTo(Dialect::Relax, "call_tir") || value.isCallTo(Dialect::Relax, "call_tir_inplace") ||
              value.isCallTo(Dialect::Relax, "call_tir_with_grad") || value.isCallTo(Dialect::Relax, "match_cast") ||
              value.isCallTo(Dialect::Relax, "tuple") || value.kind == ExprKind::Name ||
              value.kind == ExprKind::Tuple || value.kind == ExprKind::Subscript ||
              (value.kind == ExprKind::Call && value.base && value.base->builtin &&
               value.base->builtin->dialect == Dialect::TIR); // n = T.int64()
    if (!ok) {
      std::string_view name = value.kind == ExprKind::Call && value.base && value.base->builtin ? value.base->builtin->name : "";
      problem = name.empty() ? "a binding is not an R.call_tir" : fmt::format("it calls R.{}", name);
      return false;
    }
  }
  if (!returned) problem = "it has no return";
  return returned != nullptr;
}

} // namespace

CompileResult compileModel(const ScriptModel &model, const CompileSelection &selection, const CodegenOptions &options) {
  CompileResult result;
  auto selected = selectFunctions(model, selection);
  if (auto *error = std::get_if<std::string>(&selected)) {
    result.error = *error;
    return result;
  }
  auto machine = createTargetMachine(options);
  if (auto *error = std::get_if<std::string>(&machine)) {
    result.error = *error;
    return result;
  }
  auto impl = std::make_unique<NativeModule::Impl>();
  impl->options = options;
  impl->target = std::move(std::get<0>(machine));
  impl->context = std::make_unique<llvm::LLVMContext>();
  impl->module = std::make_unique<llvm::Module>("tvmscript", *impl->context);
  impl->module->setTargetTriple(impl->target->getTargetTriple().str());
  impl->module->setDataLayout(impl->target->createDataLayout());

  std::vector<FunctionAbi> abis;
  for (const Function *function : std::get<0>(selected)) {
    if (function->dialect == Dialect::TIR) {
      abis.push_back(abiOf(*function));
      continue;
    }
    // Relax functions compile when their bodies are R.call_tir-family bindings. Asked for by
    // name, one that cannot is an error; otherwise it is left out with a warning, so that
    // the module's PrimFuncs still compile.
    std::string problem;
    std::optional<FunctionAbi> abi;
    if (function->dialect == Dialect::Relax && isCallTirGraph(*function, problem))
      abi = relaxAbiOf(model, *function, problem);
    if (abi) {
      abis.push_back(*abi);
      continue;
    }
    Diagnostic diagnostic;
    diagnostic.code = "unsupported-construct";
    diagnostic.range = function->nameRange;
    diagnostic.severity = selection.functions.empty() ? Severity::Warning : Severity::Error;
    diagnostic.message = fmt::format("cannot compile Relax function '{}' to native code: {}{}", function->name,
                                     problem.empty() ? "not a function of call_tir bindings" : problem,
                                     selection.functions.empty() ? " (left out)" : "");
    result.diagnostics.push_back(std::move(diagnostic));
  }
  ModuleContext context{*impl->context, *impl->module, *impl->target, impl->options, model, {}, {}, false};
  for (Diagnostic &diagnostic : lowerToLLVM(context, abis)) result.diagnostics.push_back(std::move(diagnostic));
  bool failed = std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                            [](const Diagnostic &d) { return d.severity == Severity::Error; });
  if (failed) return result;
  if (options.runnerEntryPoints) {
    addRunnerEntryPoints(context, abis);
    context.lastError(); // the runner reads it even when no function can fail
  }

  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(*impl->module, &stream)) {
    result.error = "internal error: the generated LLVM IR is invalid:\n" + problems;
    return result;
  }
  optimizeModule(*impl->module, *impl->target, options.optLevel);
  impl->functions = abis;
  impl->header = headerText(abis, model.source());
  impl->usesOpenMP = context.usesOpenMP;
  result.module = std::make_unique<NativeModule>(std::move(impl));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Outputs.

NativeModule::NativeModule(std::unique_ptr<Impl> impl) : Pimpl(std::move(impl)) {}
NativeModule::~NativeModule() = default;
NativeModule::NativeModule(NativeModule &&) noexcept = default;
NativeModule &NativeModule::operator=(NativeModule &&) noexcept = default;

const std::vector<FunctionAbi> &NativeModule::functions() const { return Pimpl->functions; }

std::string NativeModule::text(OutputKind kind) const {
  std::string out;
  if (kind == OutputKind::Header) return Pimpl->header;
  if (kind == OutputKind::Assembly) {
    if (auto error = emitMachineCode(*Pimpl->module, *Pimpl->target, true, out)) return "; " + *error + "\n";
    return out;
  }
  llvm::raw_string_ostream stream(out);
  Pimpl->module->print(stream, nullptr);
  return out;
}

namespace {

std::optional<std::string> writeFile(const std::filesystem::path &path, std::string_view contents) {
  std::ofstream file(path, std::ios::binary);
  if (!file) return fmt::format("cannot write '{}'", path.string());
  file.write(contents.data(), std::streamsize(contents.size()));
  if (!file.flush()) return fmt::format("cannot write '{}'", path.string());
  return std::nullopt;
}

/// A private directory for intermediate files, removed with this object.
struct TemporaryDirectory {
  std::filesystem::path path;
  TemporaryDirectory() {
    llvm::SmallString<128> created;
    if (!llvm::sys::fs::createUniqueDirectory("tvmscript", created)) path = created.str().str();
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

} // namespace

std::optional<std::string> NativeModule::write(OutputKind kind, const std::filesystem::path &path) const {
  if (kind == OutputKind::LLVM || kind == OutputKind::Assembly || kind == OutputKind::Header)
    return writeFile(path, text(kind));
  std::string object;
  // An executable's C main() is the runner's: a PrimFunc called `main` steps aside (the runner
  // calls it through its wrapper, not by name).
  llvm::Function *primMain = kind == OutputKind::Executable ? Pimpl->module->getFunction("main") : nullptr;
  if (primMain) primMain->setName("__tvmscript_primfunc_main");
  auto emitted = emitMachineCode(*Pimpl->module, *Pimpl->target, false, object);
  if (primMain) primMain->setName("main");
  if (emitted) return emitted;
  if (kind == OutputKind::Object) return writeFile(path, object);
  TemporaryDirectory temporary;
  if (temporary.path.empty()) return std::string("cannot create a temporary directory");
  std::filesystem::path objectPath = temporary.path / "module.o";
  if (auto error = writeFile(objectPath, object)) return error;
  if (kind == OutputKind::Shared) return linkShared(objectPath, path, Pimpl->usesOpenMP);
  std::vector<std::filesystem::path> sources;
  for (const auto &[name, contents] : executableSources(Pimpl->functions)) {
    sources.push_back(temporary.path / name);
    if (auto error = writeFile(sources.back(), contents)) return error;
  }
  // Only .c files are compiled; the header sits beside them.
  std::erase_if(sources, [](const std::filesystem::path &p) { return p.extension() != ".c"; });
  return linkExecutable(objectPath, sources, path, Pimpl->usesOpenMP);
}

} // namespace tvmscript
