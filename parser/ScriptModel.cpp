// Small queries over model nodes.
#include "ScriptModel.h"

#include <algorithm>

namespace tvmscript {

Expr *Expr::keyword(std::string_view name) const {
  for (const Keyword &k : keywords)
    if (k.name == name) return k.value;
  return nullptr;
}

Expr *Expr::argument(size_t index, std::string_view name) const {
  // A starred argument before `index` makes positions unknowable.
  for (size_t i = 0; i < items.size() && i <= index; ++i)
    if (items[i]->kind == ExprKind::Starred) return nullptr;
  if (index < items.size()) return items[index];
  return keyword(name);
}

bool Expr::isCallTo(Dialect dialect, std::string_view name) const {
  return kind == ExprKind::Call && base && base->builtin && base->builtin->dialect == dialect &&
         base->builtin->name == name;
}

const SymbolReference *ScriptModel::referenceAt(uint32_t offset) const {
  auto it = std::upper_bound(References.begin(), References.end(), offset,
                             [](uint32_t o, const SymbolReference &r) { return o < r.range.begin; });
  // References never overlap, so only the last one starting at or before `offset` can match.
  if (it == References.begin()) return nullptr;
  --it;
  return it->range.begin <= offset && offset <= it->range.end ? &*it : nullptr;
}

} // namespace tvmscript
