// index-arity: `A[i]` on a two-dimensional buffer, as TVM's Buffer.__getitem__ rejects it.
#include "Checks.h"
#include "Walk.h"

#include <fmt/format.h>
#include <unordered_set>

namespace tvmscript {

void checkIndexArity(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out) {
  if (function.dialect != Dialect::TIR) return;
    // TIRx reads `A[i]` of a higher-rank buffer as a region where a region can stand: a call
    // argument (`Tx.copy(A[0], ...)`, `T.reads(A[i])`).
    std::unordered_set<const Expr *> regionArguments;
    if (model.usesTirx())
      forEachExpr(function, [&](const Expr &expr) {
        if (expr.kind == ExprKind::Call)
          for (const Expr *argument : expr.items) regionArguments.insert(argument);
      });
    forEachExpr(function, [&](const Expr &expr) {
      if (expr.kind != ExprKind::Subscript || expr.base->kind != ExprKind::Name) return;
      const Symbol *symbol = expr.base->symbol;
      if (!symbol || !symbol->buffer || !symbol->buffer->shape) return;
      for (const Expr *index : expr.items)
        if (index->kind == ExprKind::Starred || index->kind == ExprKind::Ellipsis) return;
      size_t rank = symbol->buffer->shape->size();
      size_t count = expr.items.size();
      if (count == rank || (count < rank && regionArguments.count(&expr))) return;
      Diagnostic diagnostic;
      diagnostic.code = "index-arity";
      diagnostic.range = count == 0 ? expr.range
                                    : Range{expr.items.front()->range.begin, expr.items.back()->range.end};
      diagnostic.message = fmt::format("buffer '{}' has {} dimension{} but is indexed with {} ind{}",
                                       symbol->name, rank, rank == 1 ? "" : "s", count,
                                       count == 1 ? "ex" : "ices");
      diagnostic.related.push_back({symbol->definition, fmt::format("'{}' declared here", symbol->name)});
      out.push_back(std::move(diagnostic));
    });
}

} // namespace tvmscript
