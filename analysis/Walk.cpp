// Traversal helpers shared by the checks.
#include "Walk.h"

namespace tvmscript {
namespace {

void walkExpr(const Expr *expr, const std::function<void(const Expr &)> &visit) {
  if (!expr) return;
  visit(*expr);
  walkExpr(expr->base, visit);
  for (const Expr *item : expr->items) walkExpr(item, visit);
  for (const Keyword &keyword : expr->keywords) walkExpr(keyword.value, visit);
}

void walkStmts(const std::vector<Stmt *> &stmts, const std::function<void(const Stmt &)> &visit) {
  for (const Stmt *stmt : stmts) {
    visit(*stmt);
    walkStmts(stmt->body, visit);
    walkStmts(stmt->orelse, visit);
  }
}

} // namespace

void forEachStmt(const Function &function, const std::function<void(const Stmt &)> &visit) {
  walkStmts(function.body, visit);
}

void forEachExpr(const Function &function, const std::function<void(const Expr &)> &visit) {
  for (const Param &param : function.params) walkExpr(param.annotation, visit);
  walkExpr(function.returnAnnotation, visit);
  forEachStmt(function, [&](const Stmt &stmt) {
    for (const Expr *target : stmt.targets) walkExpr(target, visit);
    walkExpr(stmt.annotation, visit);
    walkExpr(stmt.value, visit);
    for (const Expr *item : stmt.items) walkExpr(item, visit);
  });
}

} // namespace tvmscript
