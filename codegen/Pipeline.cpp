// The optimisation pipeline and machine-code emission: the only files that see LLVM's pass
// managers.
#include "NativeModuleImpl.h"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/Cloning.h>

namespace tvmscript {

void optimizeModule(llvm::Module &module, llvm::TargetMachine &target, int level) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = level >= 2;
  tuning.SLPVectorization = level >= 2;
  tuning.LoopUnrolling = level >= 2;
  llvm::PassBuilder builder(&target, tuning);

  // glibc's libmvec provides vector versions of expf, logf, sinf...: calls to them vectorise.
  llvm::TargetLibraryInfoImpl library(target.getTargetTriple());
  library.addVectorizableFunctionsFromVecLib(llvm::TargetLibraryInfoImpl::LIBMVEC_X86, target.getTargetTriple());
  functions.registerPass([&] { return llvm::TargetLibraryAnalysis(library); });

  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(cgscc);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, cgscc, modules);

  static const llvm::OptimizationLevel kLevels[] = {llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
                                                    llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  llvm::OptimizationLevel optimization = kLevels[std::clamp(level, 0, 3)];
  llvm::ModulePassManager passes = optimization == llvm::OptimizationLevel::O0
                                       ? builder.buildO0DefaultPipeline(optimization)
                                       : builder.buildPerModuleDefaultPipeline(optimization);
  passes.run(module, modules);
}

std::optional<std::string> emitMachineCode(llvm::Module &module, llvm::TargetMachine &target, bool assembly,
                                           std::string &out) {
  llvm::raw_string_ostream stream(out);
  llvm::buffer_ostream buffered(stream);
  llvm::legacy::PassManager passes;
  auto type = assembly ? llvm::CodeGenFileType::AssemblyFile : llvm::CodeGenFileType::ObjectFile;
  if (target.addPassesToEmitFile(passes, buffered, nullptr, type))
    return std::string("this target cannot emit ") + (assembly ? "assembly" : "object files");
  // Code generation rewrites the IR it runs on: emit from a copy, so that the module can be
  // emitted again in another form.
  std::unique_ptr<llvm::Module> copy = llvm::CloneModule(module);
  passes.run(*copy);
  return std::nullopt;
}

} // namespace tvmscript
