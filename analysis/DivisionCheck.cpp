// int-true-division and float-floordiv: TVM rejects `/` between integers (it will not guess
// between floor and truncating division) and `//`/`%` on floats.
#include "Checks.h"
#include "ExprType.h"
#include "Walk.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

void checkOperator(BinaryOp op, const ExprType &lhs, const ExprType &rhs, Range range,
                   std::vector<Diagnostic> &out) {
  // Two Python numbers are folded by Python before TVM sees them.
  if (!lhs.isTir && !rhs.isTir) return;
  if (op == BinaryOp::Div && lhs.isInt() && rhs.isInt()) {
    Diagnostic diagnostic;
    diagnostic.code = "int-true-division";
    diagnostic.range = range;
    diagnostic.message = fmt::format(
        "'/' between two integers ({} and {}) is ambiguous in TIR; use '//' (floor), T.floordiv "
        "or T.truncdiv",
        lhs.describe(), rhs.describe());
    out.push_back(std::move(diagnostic));
  } else if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && (lhs.isFloat() || rhs.isFloat())) {
    Diagnostic diagnostic;
    diagnostic.code = "float-floordiv";
    diagnostic.range = range;
    diagnostic.message = fmt::format("'{}' needs integer operands, but got {} and {}",
                                     op == BinaryOp::FloorDiv ? "//" : "%", lhs.describe(),
                                     rhs.describe());
    out.push_back(std::move(diagnostic));
  }
}

} // namespace

void checkDivision(const ScriptModel &, const Function &function, std::vector<Diagnostic> &out) {
  if (function.dialect != Dialect::TIR) return;
    forEachExpr(function, [&](const Expr &expr) {
      if (expr.kind == ExprKind::Binary)
        checkOperator(expr.binary, typeOf(*expr.items[0]), typeOf(*expr.items[1]), expr.range, out);
    });
    forEachStmt(function, [&](const Stmt &stmt) {
      if (stmt.kind == StmtKind::AugAssign)
        checkOperator(stmt.binary, typeOf(*stmt.targets[0]), typeOf(*stmt.value), stmt.range, out);
    });
}

} // namespace tvmscript
