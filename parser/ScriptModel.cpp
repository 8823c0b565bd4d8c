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

void ScriptModel::shiftRanges(uint32_t from, int64_t delta) {
  auto shift = [&](Range &range) {
    if (range.begin >= from) range.begin = static_cast<uint32_t>(range.begin + delta);
    if (range.end >= from) range.end = static_cast<uint32_t>(range.end + delta);
  };
  auto shiftDiagnostics = [&](std::vector<Diagnostic> &diagnostics) {
    for (Diagnostic &d : diagnostics) {
      shift(d.range);
      for (RelatedLocation &related : d.related) shift(related.range);
      for (Fix &fix : d.fixes)
        for (TextEdit &edit : fix.edits) shift(edit.range);
    }
  };
  for (Expr &expr : ExprArena) {
    shift(expr.range);
    shift(expr.nameRange);
    for (Keyword &keyword : expr.keywords) shift(keyword.nameRange);
  }
  for (Stmt &stmt : StmtArena) shift(stmt.range);
  for (Symbol &symbol : SymbolArena) shift(symbol.definition);
  for (Module &module : ModuleArena) {
    shift(module.range);
    shift(module.nameRange);
  }
  for (Function &function : FunctionArena) {
    shift(function.range);
    shift(function.nameRange);
    shift(function.signatureAndBody);
    for (Param &param : function.params) shift(param.range);
    if (function.findings) shiftDiagnostics(*function.findings);
  }
  for (SymbolReference &reference : References) shift(reference.range);
  shiftDiagnostics(Diagnostics);
}

} // namespace tvmscript
