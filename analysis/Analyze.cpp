// Runs the checks in a fixed order and merges their findings with the model's.
#include "Analyze.h"

#include "Checks.h"

#include <algorithm>

namespace tvmscript {

std::vector<Diagnostic> analyze(const ScriptModel &model) {
  std::vector<Diagnostic> diagnostics = model.diagnostics();
  if (!model.hasScript()) return diagnostics;
  checkIndexArity(model, diagnostics);
  checkDivision(model, diagnostics);
  checkDTypes(model, diagnostics);
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.begin < b.range.begin;
                   });
  return diagnostics;
}

} // namespace tvmscript
