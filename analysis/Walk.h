// Pre-order traversal of a function's statements and expressions.
#pragma once

#include "ScriptModel.h"

#include <functional>

namespace tvmscript {

/// Calls `visit` on every expression of `function` (annotations, statements, nested
/// sub-expressions), parents before children, in source order.
void forEachExpr(const Function &function, const std::function<void(const Expr &)> &visit);

/// Calls `visit` on every statement of `function`, parents before nested bodies.
void forEachStmt(const Function &function, const std::function<void(const Stmt &)> &visit);

} // namespace tvmscript
