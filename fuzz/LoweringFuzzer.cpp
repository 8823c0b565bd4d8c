// Fuzz target: TVMScript that parses and passes the analysis, lowered to LLVM IR at -O0 (nothing
// is written). A construct the compiler cannot lower must become an `unsupported-construct`
// diagnostic: LLVM's verifier rejecting the module (compileModel's "internal error"), a crash, or
// a failure without a reason are findings.
#include "Analyze.h"
#include "Codegen.h"
#include "Document.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
using namespace tvmscript;

[[noreturn]] void finding(const std::string &what) {
  std::fprintf(stderr, "lowering finding: %s\n", what.c_str());
  std::abort();
}

void compile(const ScriptModel &model, const CompileSelection &selection, bool runnerEntryPoints) {
  CodegenOptions options;
  options.optLevel = 0;
  options.cpu = "generic";
  options.runnerEntryPoints = runnerEntryPoints;
  CompileResult result = compileModel(model, selection, options);
  if (result.error) {
    if (result.error->starts_with("internal error")) finding(*result.error);
    return; // a selection that names nothing, say
  }
  bool refused = false;
  for (const Diagnostic &diagnostic : result.diagnostics)
    refused = refused || diagnostic.severity == Severity::Error;
  if (!result.module && !refused) finding("no module, no error and no diagnostic");
  if (result.module && refused) finding("a module despite error diagnostics");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 16384) return -1; // large inputs only slow the search down
  Document document(std::string(reinterpret_cast<const char *>(data), size));
  std::shared_ptr<const ScriptModel> model = document.buildModel();
  if (!model->hasScript()) return -1;
  for (const Diagnostic &diagnostic : analyze(*model))
    if (diagnostic.severity == Severity::Error) return -1; // codegen never sees such a model
  // Each IRModule (compileModel wants one chosen when there are several), or the free functions.
  bool runnerEntryPoints = size % 2 == 1;
  if (model->modules().empty()) compile(*model, {}, runnerEntryPoints);
  for (const Module *module : model->modules()) compile(*model, {module->name, {}}, runnerEntryPoints);
  return 0;
}
