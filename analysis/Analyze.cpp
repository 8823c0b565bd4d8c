// Runs the checks in a fixed order and merges their findings with the model's.
#include "Analyze.h"

#include "CallChecks.h"
#include "Checks.h"
#include "ExprType.h"

#include <algorithm>
#include <set>

namespace tvmscript {

std::vector<Diagnostic> analyze(const ScriptModel &model) {
  std::vector<Diagnostic> diagnostics = model.diagnostics();
  if (!model.hasScript()) return diagnostics;
  TypingScope typing;
  for (const Function *function : model.functions()) {
    // Findings depend on the function and on the callees its calls were checked against; they
    // stay valid until one of those is rebuilt.
    bool current = function->findings &&
                   std::all_of(function->findingsDependOn.begin(), function->findingsDependOn.end(),
                               [](const auto &dependency) { return dependency.first->revision == dependency.second; });
    if (!current) {
      std::vector<Diagnostic> findings;
      std::vector<const Function *> callees;
      checkIndexArity(model, *function, findings);
      checkDivision(model, *function, findings);
      checkDTypes(model, *function, findings);
      checkParamAnnotations(model, *function, findings);
      checkTirCalls(model, *function, findings, callees);
      checkRelaxCalls(model, *function, findings, callees);
      function->findings = std::move(findings);
      function->findingsDependOn.clear();
      for (const Function *callee : callees) function->findingsDependOn.emplace_back(callee, callee->revision);
    }
    diagnostics.insert(diagnostics.end(), function->findings->begin(), function->findings->end());
  }
  // A bare callee name that names nothing is callee-not-found, not also undefined-name.
  std::set<std::pair<uint32_t, uint32_t>> callees;
  for (const Diagnostic &d : diagnostics)
    if (d.code == "callee-not-found") callees.emplace(d.range.begin, d.range.end);
  std::erase_if(diagnostics, [&](const Diagnostic &d) {
    return d.code == "undefined-name" && callees.count({d.range.begin, d.range.end});
  });
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return a.range.begin < b.range.begin;
                   });
  return diagnostics;
}

} // namespace tvmscript
