// T.call_tir (SPEC §4.1) and TIR subroutine calls (§4.3): callee, arity, argument kinds,
// dtypes, ranks, regions and unified symbolic shapes.
#include "CallArguments.h"
#include "CallChecks.h"
#include "CallReporting.h"
#include "CalleeResolver.h"
#include "ExprType.h"
#include "ShapeUnifier.h"
#include "Walk.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

/// Checks one call against one resolved callee, reporting at most one problem per argument.
class TirCallChecker {
public:
  TirCallChecker(const ScriptModel &model, const Function &callee, std::vector<Diagnostic> &out)
      : Model(model), Callee(callee), Out(out), Extents(model, Atoms), Unifier(Atoms, callee) {}

  /// Checks the arguments of `T.call_tir(callee, ...)` or of a subroutine call `Mod.f(...)`.
  void check(const Expr &calleeExpr, const std::vector<const Expr *> &arguments);

private:
  bool checkArity(const Expr &calleeExpr, size_t count);
  void bindScalars(const std::vector<TirArgument> &arguments);
  void checkBuffer(const TirArgument &argument, const Param &param);
  void checkPointer(const TirArgument &argument, const Param &param);
  void checkScalar(const TirArgument &argument, const Param &param);
  bool checkRegionBounds(const TirArgument &argument);
  bool checkContiguous(const TirArgument &argument, const Param &param);
  bool checkStrides(const TirArgument &argument, const Param &param, size_t rank);

  Diagnostic &report(std::string code, Range range, std::string message, const Param &param,
                     Severity severity = Severity::Error) {
    return reportAt(Out, std::move(code), range, std::move(message), Callee, &param, severity);
  }
  std::string text(const Expr &expr) const { return sourceText(Model, expr); }
  /// A shape with what unification has bound so far substituted.
  std::string shapeText(const std::vector<Poly> &dims) {
    std::vector<Poly> resolved;
    for (const Poly &dim : dims) resolved.push_back(Unifier.resolve(dim));
    return tvmscript::shapeText(Atoms, resolved);
  }
  std::string paramName(const Param &param) const { return parameterName(Callee, param); }

  const ScriptModel &Model;
  const Function &Callee;
  std::vector<Diagnostic> &Out;
  AtomTable Atoms;
  ExtentBuilder Extents;
  ShapeUnifier Unifier;
};

bool TirCallChecker::checkArity(const Expr &calleeExpr, size_t count) {
  if (count == Callee.params.size()) return true;
  std::string names;
  for (const Param &param : Callee.params) names += (names.empty() ? "" : ", ") + param.symbol->name;
  reportAt(Out, "call-arity", calleeExpr.range,
           fmt::format("'{}' takes {} argument{} ({}), but {} {} given", Callee.name, Callee.params.size(),
                       Callee.params.size() == 1 ? "" : "s", names, count, count == 1 ? "was" : "were"),
           Callee, nullptr)
      .related.push_back({Callee.nameRange, fmt::format("'{}' is defined here", Callee.name)});
  return false;
}

/// Scalar arguments bind the callee's scalar parameters before any shape is compared.
void TirCallChecker::bindScalars(const std::vector<TirArgument> &arguments) {
  for (size_t i = 0; i < arguments.size(); ++i) {
    const Param &param = Callee.params[i];
    const TirArgument &argument = arguments[i];
    if (param.kind == ParamKind::Scalar &&
        (argument.kind == TirArgument::Kind::Scalar || argument.kind == TirArgument::Kind::Element))
      Unifier.bind(Atoms.variable(param.symbol), Extents.of(*argument.expr));
  }
}

void TirCallChecker::check(const Expr &calleeExpr, const std::vector<const Expr *> &arguments) {
  if (!checkArity(calleeExpr, arguments.size())) return;
  std::vector<TirArgument> described;
  for (const Expr *argument : arguments) described.push_back(describeArgument(*argument, Extents));
  bindScalars(described);
  for (size_t i = 0; i < described.size(); ++i) {
    const Param &param = Callee.params[i];
    if (param.buffer) checkBuffer(described[i], param);
    else if (param.kind == ParamKind::Pointer) checkPointer(described[i], param);
    else if (param.kind == ParamKind::Scalar) checkScalar(described[i], param);
  }
}

void TirCallChecker::checkScalar(const TirArgument &argument, const Param &param) {
  if (argument.kind == TirArgument::Kind::Unknown) return;
  if (argument.kind == TirArgument::Kind::Scalar || argument.kind == TirArgument::Kind::Element) {
    // Python numbers adopt the parameter's type; a typed TIR value must already have its class.
    ExprType type = typeOf(*argument.expr);
    const std::optional<DType> &expected = param.symbol->dtype;
    if (!type.isTir || !expected || type.kind == ExprType::Class::Unknown) return;
    bool integer = expected->isInt() && !expected->isBool();
    if ((integer && type.isFloat()) || (expected->isFloat() && type.isInt()))
      report("dtype-mismatch", argument.expr->range,
             fmt::format("'{}' is {}, but {} is {}", text(*argument.expr), type.describe(), paramName(param),
                         expected->str()),
             param);
    return;
  }
  const char *what = argument.kind == TirArgument::Kind::Pointer ? "a pointer" : "a buffer";
  report("arg-kind-mismatch", argument.expr->range,
         fmt::format("'{}' is {}, but {} is a scalar ({})", text(*argument.expr), what, paramName(param),
                     param.symbol->dtype ? param.symbol->dtype->str() : "scalar"),
         param);
}

void TirCallChecker::checkPointer(const TirArgument &argument, const Param &param) {
  const Expr *annotation = param.annotation;
  const Expr *pointee = annotation && annotation->kind == ExprKind::Call ? annotation->argument(0, "dtype") : nullptr;
  if (argument.kind == TirArgument::Kind::Buffer) {
    Diagnostic &d = report("arg-kind-mismatch", argument.expr->range,
                           fmt::format("'{}' is a buffer, but {} is a pointer; pass '{}.data'", text(*argument.expr),
                                       paramName(param), text(*argument.expr)),
                           param);
    d.fixes.push_back({fmt::format("Pass '{}.data'", text(*argument.expr)),
                       {{argument.expr->range, text(*argument.expr) + ".data"}}});
    return;
  }
  if (argument.kind == TirArgument::Kind::Unknown) return;
  if (argument.kind != TirArgument::Kind::Pointer) {
    std::string suggestion = argument.kind == TirArgument::Kind::Element || argument.kind == TirArgument::Kind::Region
                                 ? fmt::format("; pass 'T.address_of({})'", text(*argument.expr))
                                 : "";
    report("arg-kind-mismatch", argument.expr->range,
           fmt::format("'{}' is not a pointer, but {} is one{}", text(*argument.expr), paramName(param), suggestion),
           param);
    return;
  }
  if (pointee && pointee->kind == ExprKind::String && argument.buffer &&
      canonicalDType(pointee->text) != canonicalDType(argument.buffer->dtypeName)) {
    report("dtype-mismatch", argument.expr->range,
           fmt::format("'{}' points to {}, but {} points to {}", text(*argument.expr),
                       canonicalDType(argument.buffer->dtypeName), paramName(param), canonicalDType(pointee->text)),
           param);
    return;
  }
  // Views the callee declares over this pointer must fit in what the caller passed.
  if (!argument.available) return;
  for (const Buffer *view : Callee.buffers) {
    if (view->origin != BufferOrigin::DeclBuffer || !view->data || view->data->kind != ExprKind::Name ||
        view->data->symbol != param.symbol)
      continue;
    auto shape = Extents.shapeOf(*view);
    if (!shape) continue;
    Poly needed = Unifier.resolve(elementCount(*shape));
    std::optional<int64_t> spare = (*argument.available - needed).asConstant();
    if (spare && *spare < 0) {
      Diagnostic &d = report("region-out-of-bounds", argument.expr->range,
                             fmt::format("'{}' gives {} element{}, but '{}' views {} as {} elements", text(*argument.expr),
                                         Atoms.str(*argument.available), *argument.available == Poly::constant(1) ? "" : "s",
                                         Callee.name, param.symbol->name, Atoms.str(needed)),
                             param);
      d.related.push_back({view->declaration->range,
                           fmt::format("'{}' views '{}' as {} here", Callee.name, param.symbol->name, shapeText(*shape))});
      return;
    }
  }
}

bool TirCallChecker::checkRegionBounds(const TirArgument &argument) {
  if (!argument.bufferShape || argument.kind == TirArgument::Kind::Buffer) return true;
  for (size_t i = 0; i < argument.extents.size() && i < argument.bufferShape->size(); ++i) {
    std::optional<int64_t> below = argument.starts[i].asConstant();
    std::optional<int64_t> past = (argument.starts[i] + argument.extents[i] - (*argument.bufferShape)[i]).asConstant();
    if ((below && *below < 0) || (past && *past > 0)) {
      reportAt(Out, "region-out-of-bounds", argument.expr->range,
               fmt::format("'{}' reaches outside '{}' of shape {} in dimension {}", text(*argument.expr),
                           argument.buffer->symbol->name, shapeText(*argument.bufferShape), i),
               Callee, nullptr)
          .related.push_back({argument.buffer->symbol->definition,
                              fmt::format("'{}' is declared here", argument.buffer->symbol->name)});
      return false;
    }
  }
  return true;
}

/// A row-major region is contiguous when, after its trailing full dimensions, at most one
/// dimension is partial and all before it have extent 1.
bool TirCallChecker::checkContiguous(const TirArgument &argument, const Param &param) {
  if (argument.kind != TirArgument::Kind::Region || !argument.bufferShape || param.buffer->strides) return true;
  const std::vector<Poly> &shape = *argument.bufferShape;
  size_t n = std::min(shape.size(), argument.extents.size());
  size_t partial = n;
  while (partial > 0) {
    size_t d = partial - 1;
    bool full = compare(argument.starts[d], Poly::constant(0)) == Relation::Equal &&
                compare(argument.extents[d], shape[d]) == Relation::Equal;
    if (!full) break;
    --partial;
  }
  for (size_t d = 0; d + 1 < partial; ++d) {
    if (compare(argument.extents[d], Poly::constant(1)) == Relation::Different) {
      report("region-not-contiguous", argument.expr->range,
             fmt::format("'{}' is not contiguous in '{}' of shape {}, but {} expects a compact buffer (declare "
                         "strides= on it to accept a strided view)",
                         text(*argument.expr), argument.buffer->symbol->name, shapeText(shape), paramName(param)),
             param);
      return false;
    }
  }
  return true;
}

/// A callee that declares `strides=` receives the caller's row-major strides (of the dimensions
/// it keeps): its stride variables are bound from them, and constant ones must equal them.
bool TirCallChecker::checkStrides(const TirArgument &argument, const Param &param, size_t rank) {
  const Expr *strides = param.buffer->strides;
  if (!strides || (strides->kind != ExprKind::Tuple && strides->kind != ExprKind::List) ||
      strides->items.size() != rank || !argument.bufferShape)
    return true;
  const std::vector<Poly> &shape = *argument.bufferShape;
  if (rank > shape.size()) return true;
  std::vector<Poly> callerStrides(shape.size(), Poly::constant(1));
  for (size_t d = shape.size(); d-- > 1;) callerStrides[d - 1] = callerStrides[d] * shape[d];
  callerStrides.erase(callerStrides.begin(), callerStrides.end() - static_cast<ptrdiff_t>(rank));
  std::vector<Poly> declared;
  for (const Expr *stride : strides->items) declared.push_back(Extents.of(*stride));
  for (size_t d = 0; d < rank; ++d) {
    if (Unifier.match(declared[d], callerStrides[d]) != Relation::Different) continue;
    report("shape-mismatch", argument.expr->range,
           fmt::format("'{}' has strides {} in '{}', but {} declares strides {}", text(*argument.expr),
                       shapeText(callerStrides), argument.buffer->symbol->name, paramName(param), shapeText(declared)),
           param);
    return false;
  }
  return true;
}

void TirCallChecker::checkBuffer(const TirArgument &argument, const Param &param) {
  const Buffer &expected = *param.buffer;
  switch (argument.kind) {
  case TirArgument::Kind::Buffer:
  case TirArgument::Kind::Region: break;
  case TirArgument::Kind::Unknown: return;
  case TirArgument::Kind::Element:
    report("arg-kind-mismatch", argument.expr->range,
           fmt::format("'{}' is a single element, but {} is a buffer; pass a region such as '{}[i:i+1]'",
                       text(*argument.expr), paramName(param), argument.buffer->symbol->name),
           param);
    return;
  case TirArgument::Kind::Pointer:
  case TirArgument::Kind::Scalar:
    report("arg-kind-mismatch", argument.expr->range,
           fmt::format("'{}' is {}, but {} is a buffer", text(*argument.expr),
                       argument.kind == TirArgument::Kind::Pointer ? "a pointer" : "a scalar", paramName(param)),
           param);
    return;
  }
  if (canonicalDType(argument.buffer->dtypeName) != canonicalDType(expected.dtypeName)) {
    report("dtype-mismatch", argument.expr->range,
           fmt::format("'{}' has dtype {}, but {} has dtype {}", text(*argument.expr),
                       canonicalDType(argument.buffer->dtypeName), paramName(param), canonicalDType(expected.dtypeName)),
           param);
    return;
  }
  auto calleeShape = Extents.shapeOf(expected);
  if (!calleeShape || (argument.kind == TirArgument::Kind::Buffer && !argument.bufferShape)) return;
  // More indices than the buffer has dimensions is index-arity's to report.
  if (argument.bufferShape && argument.extents.size() > argument.bufferShape->size()) return;
  if (!checkRegionBounds(argument)) return;

  // A region with more dimensions than the callee drops leading extents of 1 (MatchBufferRegion).
  std::vector<Poly> extents = argument.extents;
  std::vector<const Expr *> dimensions = argument.dimensions;
  size_t rank = calleeShape->size();
  if (argument.kind == TirArgument::Kind::Region && extents.size() > rank) {
    for (size_t d = 0; d < extents.size() - rank; ++d) {
      Relation unit = compare(extents[d], Poly::constant(1));
      if (unit == Relation::Different) {
        report("ndim-mismatch", argument.expr->range,
               fmt::format("'{}' covers {} dimensions of extent other than 1, but {} has {} dimension{}",
                           text(*argument.expr), extents.size() - d, paramName(param), rank, rank == 1 ? "" : "s"),
               param);
        return;
      }
      if (unit == Relation::Unknown) {
        report("shape-unproven", dimensions[d]->range,
               fmt::format("extent {} of '{}' must be 1 to be dropped for {}, which has {} dimension{}; it cannot "
                           "be proven",
                           Atoms.str(extents[d]), text(*argument.expr), paramName(param), rank, rank == 1 ? "" : "s"),
               param, Severity::Warning);
        return;
      }
    }
    extents.erase(extents.begin(), extents.end() - static_cast<ptrdiff_t>(rank));
    dimensions.erase(dimensions.begin(), dimensions.end() - static_cast<ptrdiff_t>(rank));
  }
  if (extents.size() != rank) {
    report("ndim-mismatch", argument.expr->range,
           fmt::format("'{}' has {} dimension{}, but {} has {}", text(*argument.expr), extents.size(),
                       extents.size() == 1 ? "" : "s", paramName(param), rank),
           param);
    return;
  }
  if (!checkContiguous(argument, param) || !checkStrides(argument, param, rank)) return;
  for (size_t d = 0; d < rank; ++d) {
    Relation relation = Unifier.match((*calleeShape)[d], extents[d]);
    if (relation == Relation::Equal) continue;
    std::string message = fmt::format("'{}' has shape {}, but {} expects {}", text(*argument.expr),
                                      shapeText(extents), paramName(param), shapeText(*calleeShape));
    if (relation == Relation::Different)
      report("shape-mismatch", dimensions[d]->range, message, param);
    else
      report("shape-unproven", dimensions[d]->range,
             message + fmt::format(" (dimension {} cannot be proven equal)", d), param, Severity::Warning);
    return;
  }
}

/// `Module.f` / `cls.f` inside a prim_func: a subroutine call (TVM's GlobalVar call).
bool isSubroutineCall(const Expr &call) {
  const Expr *callee = call.base;
  if (!callee || callee->kind != ExprKind::Attribute || callee->base->kind != ExprKind::Name) return false;
  const Symbol *base = callee->base->symbol;
  return base && (base->kind == SymbolKind::Module || base->kind == SymbolKind::ModuleAlias);
}

} // namespace

void checkTirCalls(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out,
                   std::vector<const Function *> &callees) {
  forEachExpr(function, [&](const Expr &call) {
    if (call.kind != ExprKind::Call) return;
    bool callTir = call.isCallTo(Dialect::TIR, "call_tir");
    bool subroutine = !callTir && function.dialect == Dialect::TIR && isSubroutineCall(call);
    if (!callTir && !subroutine) return;
    CallForm form = callTir ? CallForm::TirCallTir : CallForm::Subroutine;
    if (auto error = checkCallContext(function, call, form)) {
      out.push_back(std::move(*error));
      return;
    }
    const Expr *calleeExpr = callTir ? (call.items.empty() ? nullptr : call.items[0]) : call.base;
    if (!calleeExpr) return;
    const Function *callee = calleeForCall(function, *calleeExpr, out, callees);
    if (!callee) return;
    std::vector<const Expr *> arguments(call.items.begin() + (callTir ? 1 : 0), call.items.end());
    TirCallChecker(model, *callee, out).check(*calleeExpr, arguments);
  });
}

} // namespace tvmscript
