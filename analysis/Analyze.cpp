// Runs the checks in a fixed order and merges their findings with the model's.
#include "Analyze.h"

#include "Checks.h"

#include <algorithm>

namespace tvmscript {

std::vector<Diagnostic> analyze(const ScriptModel &model) {
  std::vector<Diagnostic> diagnostics = model.diagnostics();
  if (!model.hasScript()) return diagnostics;
  for (const Function *function : model.functions()) {
    // Findings depend only on the function itself (and names it resolved), so they stay valid
    // until the model rebuilds the function.
    if (!function->findings) {
      std::vector<Diagnostic> findings;
      checkIndexArity(model, *function, findings);
      checkDivision(model, *function, findings);
      checkDTypes(model, *function, findings);
      function->findings = std::move(findings);
    }
    diagnostics.insert(diagnostics.end(), function->findings->begin(), function->findings->end());
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.begin < b.range.begin;
                   });
  return diagnostics;
}

} // namespace tvmscript
