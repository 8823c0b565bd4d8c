// Relax struct info from annotations and the bindings that carry it forward.
#include "RelaxTypes.h"

namespace tvmscript {
namespace {

bool isRelaxCall(const Expr &expr, std::string_view name) { return expr.isCallTo(Dialect::Relax, name); }

} // namespace

const Expr *outputStructInfo(const Expr &call) {
  if (const Expr *keyword = call.keyword("out_sinfo")) return keyword;
  if (const Expr *keyword = call.keyword("out_ty")) return keyword;
  // call_tir(callee, args, out_sinfo, ...); call_tir_inplace(callee, args, indices, out_sinfo, ...)
  size_t position = isRelaxCall(call, "call_tir_inplace") ? 3 : 2;
  return position < call.items.size() ? call.items[position] : nullptr;
}

RelaxType RelaxTypes::fromStructInfo(const Expr *expr) {
  RelaxType type;
  if (!expr) return type;
  if (expr->kind == ExprKind::List || expr->kind == ExprKind::Tuple) {
    type.kind = RelaxType::Kind::Tuple;
    for (const Expr *item : expr->items) type.elements.push_back(fromStructInfo(item));
    return type;
  }
  if (isRelaxCall(*expr, "Tuple")) {
    type.kind = RelaxType::Kind::Tuple;
    for (const Expr *item : expr->items) type.elements.push_back(fromStructInfo(item));
    return type;
  }
  bool bareTensor = expr->kind == ExprKind::Attribute && expr->builtin &&
                    expr->builtin->dialect == Dialect::Relax && expr->builtin->name == "Tensor";
  if (bareTensor) {
    type.kind = RelaxType::Kind::Tensor;
    return type;
  }
  if (!isRelaxCall(*expr, "Tensor")) return type;
  type.kind = RelaxType::Kind::Tensor;
  const Expr *shape = expr->argument(0, "shape");
  const Expr *dtype = expr->argument(1, "dtype");
  if (shape && shape->kind == ExprKind::String) { // R.Tensor("float32", ndim=2)
    dtype = shape;
    shape = expr->keyword("shape");
  }
  if (dtype && dtype->kind == ExprKind::String) {
    auto parsed = parseDType(dtype->text);
    type.dtype = parsed ? parsed->str() : dtype->text;
    type.dtypeExpr = dtype;
  }
  if (const Expr *ndim = expr->keyword("ndim"); ndim && ndim->kind == ExprKind::Int && ndim->intValue >= 0)
    type.ndim = static_cast<size_t>(ndim->intValue);
  if (shape && (shape->kind == ExprKind::Tuple || shape->kind == ExprKind::List)) {
    std::vector<Poly> dims;
    for (const Expr *dim : shape->items) {
      if (dim->kind == ExprKind::Starred) return type;
      dims.push_back(Extents.of(*dim));
      type.dimensionExprs.push_back(dim);
    }
    type.ndim = dims.size();
    type.shape = std::move(dims);
    type.shapeExpr = shape;
  }
  return type;
}

RelaxType RelaxTypes::of(const Expr &value) {
  if (value.kind == ExprKind::Name && value.symbol) {
    auto found = Vars.find(value.symbol);
    return found != Vars.end() ? found->second : RelaxType{};
  }
  if (isRelaxCall(value, "call_tir") || isRelaxCall(value, "call_tir_inplace") ||
      isRelaxCall(value, "call_tir_with_grad") || isRelaxCall(value, "call_dps_packed")) {
    const Expr *sinfo = outputStructInfo(value);
    if (!sinfo && isRelaxCall(value, "call_dps_packed") && value.items.size() > 2) sinfo = value.items[2];
    return fromStructInfo(sinfo);
  }
  if (isRelaxCall(value, "match_cast")) return fromStructInfo(value.argument(1, "struct_info"));
  if (value.kind == ExprKind::Tuple || isRelaxCall(value, "tuple")) {
    RelaxType tuple;
    tuple.kind = RelaxType::Kind::Tuple;
    for (const Expr *item : value.items) tuple.elements.push_back(of(*item));
    return tuple;
  }
  if (value.kind == ExprKind::Subscript && value.items.size() == 1 && value.items[0]->kind == ExprKind::Int) {
    RelaxType tuple = of(*value.base);
    size_t index = static_cast<size_t>(value.items[0]->intValue);
    if (tuple.kind == RelaxType::Kind::Tuple && index < tuple.elements.size()) return tuple.elements[index];
  }
  return {};
}

void RelaxTypes::bindParams(const Function &function) {
  for (const Param &param : function.params) Vars[param.symbol] = fromStructInfo(param.annotation);
}

void RelaxTypes::bind(const Stmt &stmt) {
  if (stmt.kind != StmtKind::Assign || stmt.targets.size() != 1) return;
  const Expr *target = stmt.targets[0];
  if (target->kind != ExprKind::Name || !target->symbol) return;
  Vars[target->symbol] = stmt.annotation ? fromStructInfo(stmt.annotation)
                         : stmt.value    ? of(*stmt.value)
                                         : RelaxType{};
}

} // namespace tvmscript
