// R.call_tir, R.call_tir_inplace and R.call_tir_with_grad (SPEC §4.2): destination-passing
// arity, inputs against the callee's buffers, outputs against out_sinfo, tir_vars, in-place rules.
#include "CallChecks.h"
#include "CallReporting.h"
#include "CalleeResolver.h"
#include "RelaxTypes.h"
#include "ShapeUnifier.h"
#include "Walk.h"

#include <fmt/format.h>
#include <functional>

namespace tvmscript {
namespace {

std::string plural(size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

/// The items of an inline tuple, or the single expression.
std::vector<const Expr *> itemsOf(const Expr *expr) {
  if (!expr) return {};
  if (expr->kind == ExprKind::Tuple || expr->kind == ExprKind::List) return {expr->items.begin(), expr->items.end()};
  // tir_vars=R.shape([n, m]); args=R.tuple(x, y)
  if (expr->isCallTo(Dialect::Relax, "shape") && !expr->items.empty()) return itemsOf(expr->items[0]);
  if (expr->isCallTo(Dialect::Relax, "tuple")) return {expr->items.begin(), expr->items.end()};
  return {expr};
}

class RelaxCallChecker {
public:
  RelaxCallChecker(const ScriptModel &model, RelaxTypes &types, ExtentBuilder &extents, AtomTable &atoms,
                   const Function &callee, std::vector<Diagnostic> &out)
      : Model(model), Types(types), Extents(extents), Atoms(atoms), Callee(callee), Out(out), Unifier(atoms, callee) {}

  void check(const Expr &call, const Expr &calleeExpr);

private:
  void checkInput(const Expr &argument, const Param &param);
  void checkOutput(const RelaxType &output, const Param &param, const Expr &sinfo);
  bool sameTensor(const RelaxType &a, const RelaxType &b);
  Diagnostic &report(std::string code, Range range, std::string message, const Param *param,
                     Severity severity = Severity::Error) {
    return reportAt(Out, std::move(code), range, std::move(message), Callee, param, severity);
  }
  std::string text(const Expr &expr) const { return sourceText(Model, expr); }
  /// A shape as written (caller side), or with unification's bindings substituted (callee side).
  std::string shapeText(const std::vector<Poly> &dims, bool resolve) {
    std::vector<Poly> shown;
    for (const Poly &dim : dims) shown.push_back(resolve ? Unifier.resolve(dim) : dim);
    return tvmscript::shapeText(Atoms, shown);
  }
  std::string paramName(const Param &param) const { return parameterName(Callee, param); }

  const ScriptModel &Model;
  RelaxTypes &Types;
  ExtentBuilder &Extents;
  AtomTable &Atoms;
  const Function &Callee;
  std::vector<Diagnostic> &Out;
  ShapeUnifier Unifier;
};

void RelaxCallChecker::check(const Expr &call, const Expr &calleeExpr) {
  bool inplace = call.isCallTo(Dialect::Relax, "call_tir_inplace");
  bool withGrad = call.isCallTo(Dialect::Relax, "call_tir_with_grad");
  const Expr *argsExpr = call.argument(1, "args");
  std::vector<const Expr *> inputs = itemsOf(argsExpr);
  // `args` bound earlier (`args = (x, y)`): TVM passes a tuple-typed value through unchanged,
  // so its element count is the input count; when that is unknown, nothing can be checked.
  if (argsExpr && argsExpr->kind == ExprKind::Name) {
    RelaxType type = Types.of(*argsExpr);
    if (inplace && type.kind == RelaxType::Kind::Tuple) {
      // TVM rejects this at parse time (tests/python/relax/test_tvmscript_parser.py,
      // test_call_tir_inplace_with_tuple_var_raises_error).
      report("arg-kind-mismatch", argsExpr->range,
             fmt::format("R.call_tir_inplace takes its arguments as an in-line tuple such as (x, y); '{}' is a "
                         "variable bound to a tuple",
                         text(*argsExpr)),
             nullptr);
      return;
    }
    if (type.kind == RelaxType::Kind::Tuple) inputs.assign(type.elements.size(), nullptr);
    else if (type.kind == RelaxType::Kind::Unknown) return;
  }
  const Expr *sinfo = outputStructInfo(call);
  std::vector<const Expr *> outputs = itemsOf(sinfo);
  const Expr *tirVarsExpr = call.keyword("tir_vars");
  if (!tirVarsExpr) {
    size_t position = inplace ? 4 : withGrad ? 5 : 3;
    if (position < call.items.size()) tirVarsExpr = call.items[position];
  }
  std::vector<const Expr *> tirVars = itemsOf(tirVarsExpr);
  std::vector<const Expr *> indices = inplace ? itemsOf(call.argument(2, "inplace_indices")) : std::vector<const Expr *>{};

  // Destination passing: params = inputs, freshly allocated outputs, tir_vars.
  size_t fresh = outputs.size();
  if (inplace) {
    fresh = 0;
    for (const Expr *index : indices)
      if (index->kind == ExprKind::Unary || (index->kind == ExprKind::Int && index->intValue < 0)) ++fresh;
  }
  size_t passed = inputs.size() + fresh + tirVars.size();
  if (passed != Callee.params.size()) {
    std::string names;
    for (const Param &param : Callee.params) names += (names.empty() ? "" : ", ") + param.symbol->name;
    Diagnostic &d = report("call-arity", calleeExpr.range,
                           fmt::format("R.call_tir passes {}, {}{} and {} ({} in all), but '{}' takes {} ({})",
                                       plural(inputs.size(), "input"), plural(fresh, "output"),
                                       inplace ? " allocated fresh" : "", plural(tirVars.size(), "tir_var"), passed,
                                       Callee.name, plural(Callee.params.size(), "parameter"), names),
                           nullptr);
    d.related.push_back({Callee.nameRange, fmt::format("'{}' is defined here", Callee.name)});
    return;
  }

  // tir_vars bind the trailing scalar parameters first, then inputs bind shape variables.
  for (size_t i = 0; i < tirVars.size(); ++i) {
    const Param &param = Callee.params[inputs.size() + fresh + i];
    Unifier.bind(Atoms.variable(param.symbol), Extents.of(*tirVars[i]));
  }
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i]) checkInput(*inputs[i], Callee.params[i]);

  // Outputs: each fresh one against its callee parameter, each in-place one against its input.
  size_t next = inputs.size();
  for (size_t j = 0; j < outputs.size(); ++j) {
    RelaxType output = Types.fromStructInfo(outputs[j]);
    if (!inplace) {
      checkOutput(output, Callee.params[next++], *outputs[j]);
      continue;
    }
    if (j >= indices.size()) break;
    const Expr *index = indices[j];
    if (index->kind != ExprKind::Int) {
      if (next < Callee.params.size()) checkOutput(output, Callee.params[next++], *outputs[j]);
      continue;
    }
    if (static_cast<size_t>(index->intValue) >= inputs.size()) {
      report("inplace-mismatch", index->range,
             fmt::format("in-place index {} is past the {}", index->intValue, plural(inputs.size(), "input")), nullptr);
      continue;
    }
    if (!inputs[index->intValue]) continue;
    RelaxType input = Types.of(*inputs[index->intValue]);
    if (!sameTensor(input, output))
      report("inplace-mismatch", index->range,
             fmt::format("output {} is written in place into input {} ('{}'), but their shapes or dtypes differ", j,
                         index->intValue, text(*inputs[index->intValue])),
             nullptr);
  }
}

/// Provably the same dtype and shape (unknowns count as the same: nothing is reported).
bool RelaxCallChecker::sameTensor(const RelaxType &a, const RelaxType &b) {
  if (a.kind != RelaxType::Kind::Tensor || b.kind != RelaxType::Kind::Tensor) return true;
  if (a.dtype && b.dtype && *a.dtype != *b.dtype) return false;
  if (a.ndim && b.ndim && *a.ndim != *b.ndim) return false;
  if (a.shape && b.shape)
    for (size_t d = 0; d < a.shape->size(); ++d)
      if (compare((*a.shape)[d], (*b.shape)[d]) == Relation::Different) return false;
  return true;
}

void RelaxCallChecker::checkInput(const Expr &argument, const Param &param) {
  if (param.kind == ParamKind::Scalar) {
    // HEAD passes primitive values among the arguments: `R.prim_value(n)` binds the parameter.
    if (argument.isCallTo(Dialect::Relax, "prim_value") && !argument.items.empty())
      Unifier.bind(Atoms.variable(param.symbol), Extents.of(*argument.items[0]));
    else if (Types.of(argument).kind == RelaxType::Kind::Tensor)
      report("arg-kind-mismatch", argument.range,
             fmt::format("'{}' is a tensor, but {} is a scalar", text(argument), paramName(param)), &param);
    return;
  }
  if (!param.buffer) return; // an opaque handle accepts any tensor
  RelaxType type = Types.of(argument);
  if (type.kind != RelaxType::Kind::Tensor) return;
  const Buffer &expected = *param.buffer;
  if (type.dtype && *type.dtype != canonicalDType(expected.dtypeName)) {
    report("dtype-mismatch", argument.range,
           fmt::format("'{}' has dtype {}, but {} has dtype {}", text(argument), *type.dtype, paramName(param),
                       canonicalDType(expected.dtypeName)),
           &param);
    return;
  }
  auto calleeShape = Extents.shapeOf(expected);
  if (!calleeShape) return;
  if (type.ndim && *type.ndim != calleeShape->size()) {
    report("ndim-mismatch", argument.range,
           fmt::format("'{}' has {}, but {} has {}", text(argument), plural(*type.ndim, "dimension"),
                       paramName(param), calleeShape->size()),
           &param);
    return;
  }
  if (!type.shape) return;
  for (size_t d = 0; d < calleeShape->size(); ++d) {
    Relation relation = Unifier.match((*calleeShape)[d], (*type.shape)[d]);
    if (relation == Relation::Equal) continue;
    std::string message = fmt::format("'{}' has shape {}, but {} expects {}", text(argument),
                                      shapeText(*type.shape, false), paramName(param), shapeText(*calleeShape, true));
    if (relation == Relation::Different) report("shape-mismatch", argument.range, message, &param);
    else
      report("shape-unproven", argument.range, message + fmt::format(" (dimension {} cannot be proven equal)", d),
             &param, Severity::Warning);
    return;
  }
}

void RelaxCallChecker::checkOutput(const RelaxType &output, const Param &param, const Expr &sinfo) {
  if (!param.buffer || output.kind != RelaxType::Kind::Tensor) return;
  const Buffer &expected = *param.buffer;
  std::string where = fmt::format("'{}' writes its output '{}'", Callee.name, param.symbol->name);
  if (output.dtype && *output.dtype != canonicalDType(expected.dtypeName)) {
    report("out-sinfo-mismatch", output.dtypeExpr ? output.dtypeExpr->range : sinfo.range,
           fmt::format("out_sinfo gives dtype {}, but {} as {}", *output.dtype, where, canonicalDType(expected.dtypeName)),
           &param);
    return;
  }
  auto calleeShape = Extents.shapeOf(expected);
  if (!calleeShape || !output.shape) return;
  if (output.shape->size() != calleeShape->size()) {
    report("out-sinfo-mismatch", output.shapeExpr ? output.shapeExpr->range : sinfo.range,
           fmt::format("out_sinfo gives {}, but {} with {}", plural(output.shape->size(), "dimension"), where,
                       calleeShape->size()),
           &param);
    return;
  }
  for (size_t d = 0; d < calleeShape->size(); ++d) {
    // Output dimensions no input fixed are bound here (TVM cannot check them either).
    Relation relation = Unifier.match((*calleeShape)[d], (*output.shape)[d]);
    if (relation == Relation::Equal) continue;
    std::string message = fmt::format("out_sinfo gives shape {}, but {} as {}", shapeText(*output.shape, false),
                                      where, shapeText(*calleeShape, true));
    const Expr *dimension = output.dimensionExprs[d];
    if (relation == Relation::Different) report("out-sinfo-mismatch", dimension->range, message, &param);
    else
      report("shape-unproven", dimension->range, message + fmt::format(" (dimension {} cannot be proven equal)", d),
             &param, Severity::Warning);
    return;
  }
}

bool isRelaxCallTir(const Expr &expr) {
  return expr.isCallTo(Dialect::Relax, "call_tir") || expr.isCallTo(Dialect::Relax, "call_tir_inplace") ||
         expr.isCallTo(Dialect::Relax, "call_tir_with_grad");
}

} // namespace

void checkRelaxCalls(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out,
                     std::vector<const Function *> &callees) {
  AtomTable atoms;
  ExtentBuilder extents(model, atoms);
  RelaxTypes types(extents);
  types.bindParams(function);
  auto checkCall = [&](const Expr &call) {
    if (call.kind != ExprKind::Call || !isRelaxCallTir(call)) return;
    if (auto error = checkCallContext(function, call, CallForm::RelaxCallTir)) {
      out.push_back(std::move(*error));
      return;
    }
    if (call.items.empty()) return;
    const Expr &calleeExpr = *call.items[0];
    const Function *callee = calleeForCall(function, calleeExpr, out, callees);
    if (!callee) return;
    RelaxCallChecker(model, types, extents, atoms, *callee, out).check(call, calleeExpr);
  };
  if (function.dialect != Dialect::Relax) {
    forEachExpr(function, checkCall); // only context errors are possible here
    return;
  }
  // In source order, so each call sees the types of the bindings before it.
  std::function<void(const std::vector<Stmt *> &)> walk = [&](const std::vector<Stmt *> &stmts) {
    for (const Stmt *stmt : stmts) {
      std::function<void(const Expr *)> visit = [&](const Expr *expr) {
        if (!expr) return;
        checkCall(*expr);
        visit(expr->base);
        for (const Expr *item : expr->items) visit(item);
        for (const Keyword &keyword : expr->keywords) visit(keyword.value);
      };
      visit(stmt->value);
      for (const Expr *item : stmt->items) visit(item);
      walk(stmt->body);
      walk(stmt->orelse);
      types.bind(*stmt);
    }
  };
  walk(function.body);
}

} // namespace tvmscript
