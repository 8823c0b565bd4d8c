// Builtin tables of the three dialects, generated from TVM's namespaces (see builtins/*.inc).
#include "Builtins.h"

#include "Spelling.h"

#include <algorithm>
#include <span>
#include <vector>

namespace tvmscript {
namespace {

constexpr std::string_view kTirNames[] = {
#include "builtins/TirNames.inc"
};
/// Names this tool adds to TVM's TIR namespace: `T.call_tir` (SPEC §4.1), which TVM reserved
/// for calls between PrimFuncs of one module but never shipped.
constexpr std::string_view kTirExtensions[] = {"call_tir"};
constexpr std::string_view kRelaxNames[] = {
#include "builtins/RelaxNames.inc"
};
constexpr std::string_view kIrNames[] = {
#include "builtins/IrNames.inc"
};

std::span<const std::string_view> namesOf(Dialect dialect) {
  switch (dialect) {
  case Dialect::TIR: return kTirNames;
  case Dialect::Relax: return kRelaxNames;
  case Dialect::IR: return kIrNames;
  case Dialect::None: break;
  }
  return {};
}

/// The sorted builtins of one dialect, with sub-namespaces marked.
const std::vector<Builtin> &tableOf(Dialect dialect) {
  static const auto build = [](Dialect d) {
    std::vector<Builtin> table;
    for (std::string_view name : namesOf(d)) table.push_back({d, name, false});
    if (d == Dialect::TIR)
      for (std::string_view name : kTirExtensions) table.push_back({d, name, false});
    std::sort(table.begin(), table.end(),
              [](const Builtin &a, const Builtin &b) { return a.name < b.name; });
    for (size_t i = 0; i + 1 < table.size(); ++i) {
      // Sorted order puts "axis.remap" after "axis" only if nothing sorts between them, so
      // look for any later name with the prefix "axis.".
      std::string prefix = std::string(table[i].name) + ".";
      auto it = std::lower_bound(table.begin() + i + 1, table.end(), prefix,
                                 [](const Builtin &b, const std::string &p) { return b.name < p; });
      table[i].isNamespace = it != table.end() && it->name.starts_with(prefix);
    }
    return table;
  };
  static const std::vector<Builtin> tables[] = {{}, build(Dialect::TIR), build(Dialect::Relax),
                                                build(Dialect::IR)};
  return tables[static_cast<size_t>(dialect)];
}

} // namespace

std::string_view dialectAlias(Dialect dialect) {
  switch (dialect) {
  case Dialect::TIR: return "T";
  case Dialect::Relax: return "R";
  case Dialect::IR: return "I";
  case Dialect::None: break;
  }
  return "";
}

const Builtin *findBuiltin(Dialect dialect, std::string_view name) {
  const auto &table = tableOf(dialect);
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Builtin &b, std::string_view n) { return b.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

std::vector<const Builtin *> builtinsIn(Dialect dialect, std::string_view scope) {
  std::string prefix = scope.empty() ? "" : std::string(scope) + ".";
  std::vector<const Builtin *> result;
  for (const Builtin &builtin : tableOf(dialect)) {
    if (!builtin.name.starts_with(prefix)) continue;
    std::string_view rest = builtin.name.substr(prefix.size());
    if (!rest.empty() && rest.find('.') == std::string_view::npos && !rest.starts_with("_")) result.push_back(&builtin);
  }
  return result;
}

std::string_view nearestBuiltin(Dialect dialect, std::string_view name) {
  auto depth = [](std::string_view s) { return std::count(s.begin(), s.end(), '.'); };
  std::string_view best;
  size_t bestDistance = SIZE_MAX;
  for (const Builtin &candidate : tableOf(dialect)) {
    if (depth(candidate.name) != depth(name)) continue;
    size_t distance = editDistance(name, candidate.name);
    if (distance < bestDistance && isPlausibleTypo(distance, name.size())) {
      bestDistance = distance;
      best = candidate.name;
    }
  }
  return best;
}

} // namespace tvmscript
