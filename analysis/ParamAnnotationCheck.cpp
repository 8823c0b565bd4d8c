// param-annotation: TVM builds a PrimFunc's parameters from their annotations: it requires one,
// and it must evaluate to a buffer or a variable (T.Buffer(...), T.handle, T.int32, ...); a
// literal such as "int32", or a Relax type, stops the parse.
#include "Checks.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

constexpr std::string_view kExpected = "T.Buffer(...), T.handle or a scalar type such as T.int32";

/// Why `annotation` cannot be a PrimFunc parameter's type, or empty when it may be (names the
/// model cannot see through, such as Python variables, are given the benefit of the doubt).
std::string problemWith(const Expr &annotation) {
  switch (annotation.kind) {
  case ExprKind::String: return "a string is not a type";
  case ExprKind::Int:
  case ExprKind::Float:
  case ExprKind::Bool:
  case ExprKind::None: return "a constant is not a type";
  case ExprKind::Tuple:
  case ExprKind::List:
  case ExprKind::Dict:
  case ExprKind::Set: return "a collection is not a type";
  default: break;
  }
  const Expr *head = annotation.kind == ExprKind::Call || annotation.kind == ExprKind::Subscript ? annotation.base
                                                                                                 : &annotation;
  if (head && head->builtin && head->builtin->dialect != Dialect::TIR)
    return "a type of another dialect cannot annotate a PrimFunc parameter";
  return "";
}

} // namespace

void checkParamAnnotations(const ScriptModel &, const Function &function, std::vector<Diagnostic> &out) {
  if (function.dialect != Dialect::TIR) return;
  for (const Param &param : function.params) {
    Diagnostic diagnostic;
    diagnostic.code = "param-annotation";
    if (!param.annotation) {
      diagnostic.range = param.symbol->definition;
      diagnostic.message = fmt::format("parameter '{}' needs a type annotation: {}", param.symbol->name, kExpected);
    } else if (std::string problem = problemWith(*param.annotation); !problem.empty()) {
      diagnostic.range = param.annotation->range;
      diagnostic.message = fmt::format("{}; annotate '{}' with {}", problem, param.symbol->name, kExpected);
    } else {
      continue;
    }
    out.push_back(std::move(diagnostic));
  }
}

} // namespace tvmscript
