// The dialect namespaces (`T.`, `R.`, `I.`) with every name TVM defines in them, both eras.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tvmscript {

enum class Dialect : uint8_t { None, TIR, Relax, IR };

/// A name in a dialect namespace, e.g. {TIR, "axis.remap"}.
struct Builtin {
  Dialect dialect = Dialect::None;
  std::string_view name;
  /// True when the name is a sub-namespace (`T.axis`, `R.nn`) rather than a leaf.
  bool isNamespace = false;
};

/// "T", "R" or "I": the conventional alias, for messages.
std::string_view dialectAlias(Dialect dialect);

/// The builtin `name` (dotted for nested namespaces) of `dialect`, or null when TVM has none.
const Builtin *findBuiltin(Dialect dialect, std::string_view name);

/// The builtins directly inside `scope` of `dialect` (`""` for the top level, `"axis"` for
/// `T.axis.`), as their last name component would be written after the dot, sorted.
std::vector<const Builtin *> builtinsIn(Dialect dialect, std::string_view scope);

/// The builtin of `dialect` closest to `name` by edit distance among names of the same nesting
/// (`axis.remapp` → `axis.remap`), or empty when nothing is close enough to be a typo.
std::string_view nearestBuiltin(Dialect dialect, std::string_view name);

} // namespace tvmscript
