// Static value classes of TIR expressions, following TVM's operator typing (§4.5–4.6).
#include "ExprType.h"

#include <array>
#include <unordered_map>

namespace tvmscript {
namespace {

using Class = ExprType::Class;

ExprType fromDType(std::string_view name, bool isTir = true) {
  ExprType type;
  type.isTir = isTir;
  auto dtype = parseDType(name);
  if (!dtype) return type;
  type.dtype = dtype->str();
  if (dtype->isBool()) type.kind = Class::Bool;
  else if (dtype->isInt()) type.kind = Class::Int;
  else if (dtype->isFloat()) type.kind = Class::Float;
  else if (dtype->code == DType::Code::Handle) type.kind = Class::Handle;
  return type;
}

/// Arithmetic promotion: float wins over int, int over bool; unknown stays unknown.
ExprType promote(const ExprType &a, const ExprType &b) {
  ExprType result;
  result.isTir = a.isTir || b.isTir;
  if (a.kind == Class::Unknown || b.kind == Class::Unknown) return result;
  if (a.kind == Class::Float || b.kind == Class::Float) result.kind = Class::Float;
  else if (a.kind == Class::Handle || b.kind == Class::Handle) result.kind = Class::Handle;
  else result.kind = Class::Int;
  if (a.dtype == b.dtype) result.dtype = a.dtype;
  else if (!a.isTir) result.dtype = b.dtype;
  else if (!b.isTir) result.dtype = a.dtype;
  return result;
}

constexpr std::array<std::string_view, 37> kFloatIntrinsics = {
    "acos", "acosh", "asin",  "asinh", "atan",  "atan2", "atanh", "ceil",     "copysign", "cos",
    "cosh", "erf",   "exp",   "exp10", "exp2",  "floor", "fmod",  "hypot",    "ldexp",    "log",
    "log10", "log1p", "log2", "nearbyint", "nextafter", "pow", "round", "rsqrt", "sigmoid", "sin",
    "sinh", "sqrt",  "tan",   "tanh",  "trunc", "fabs",  "infinity",
};

int Depth = 0; // guards against a let that (through an error) refers to itself
thread_local std::unordered_map<const Symbol *, ExprType> *LetTypes = nullptr;

ExprType typeOfSymbol(const Symbol &symbol) {
  switch (symbol.kind) {
  case SymbolKind::LoopVar:
  case SymbolKind::BlockVar:
  case SymbolKind::ShapeVar:
    return fromDType(symbol.dtype ? symbol.dtype->str() : "int32");
  case SymbolKind::Param:
    return symbol.dtype ? fromDType(symbol.dtype->str()) : ExprType{};
  case SymbolKind::LetVar: {
    if (symbol.dtype) return fromDType(symbol.dtype->str());
    if (!symbol.value || Depth >= 64) return {};
    if (LetTypes)
      if (auto cached = LetTypes->find(&symbol); cached != LetTypes->end()) return cached->second;
    ++Depth;
    ExprType type = typeOf(*symbol.value);
    --Depth;
    type.isTir = type.kind != Class::Unknown; // a let binds a TIR variable
    if (LetTypes) LetTypes->emplace(&symbol, type);
    return type;
  }
  default: return {};
  }
}

ExprType typeOfBuiltinCall(const Expr &call);

/// A TIR builtin always returns a TIR value: Python numbers inside it become int32/float32.
ExprType typeOfCall(const Expr &call) {
  ExprType type = typeOfBuiltinCall(call);
  if (type.kind == Class::Unknown) return type;
  type.isTir = true;
  if (type.dtype.empty()) type.dtype = type.kind == Class::Int ? "int32" : type.kind == Class::Float ? "float32" : "";
  return type;
}

ExprType typeOfBuiltinCall(const Expr &call) {
  const Builtin *builtin = call.base ? call.base->builtin : nullptr;
  if (!builtin || builtin->dialect != Dialect::TIR) return {};
  std::string_view name = builtin->name;
  auto arg = [&](size_t i) -> ExprType {
    return i < call.items.size() ? typeOf(*call.items[i]) : ExprType{};
  };
  auto stringArg = [&](size_t i, std::string_view keyword) -> const Expr * {
    const Expr *e = call.argument(i, keyword);
    return e && e->kind == ExprKind::String ? e : nullptr;
  };
  if (auto dtype = parseDType(name); dtype && name != "handle" && name != "void")
    return fromDType(name);
  if (name == "Cast" || name == "reinterpret")
    if (const Expr *s = stringArg(0, "dtype")) return fromDType(s->text);
  if (name == "cast")
    if (const Expr *s = stringArg(1, "dtype")) return fromDType(s->text);
  if (name == "call_extern" || name == "call_pure_extern" || name == "call_intrin" ||
      name == "call_llvm_intrin" || name == "call_llvm_pure_intrin") {
    const Expr *dtype = call.keyword("dtype");
    if (!dtype) dtype = stringArg(0, "dtype");
    if (dtype && dtype->kind == ExprKind::String) return fromDType(dtype->text);
  }
  for (std::string_view f : kFloatIntrinsics)
    if (name == f) {
      ExprType type;
      type.kind = Class::Float;
      type.isTir = true;
      return type;
    }
  if (name == "floordiv" || name == "floormod" || name == "truncdiv" || name == "truncmod" ||
      name == "ceildiv" || name == "max" || name == "min")
    return promote(arg(0), arg(1));
  if (name == "if_then_else" || name == "Select") return promote(arg(1), arg(2));
  if (name == "abs") return arg(0);
  return {};
}

} // namespace

TypingScope::TypingScope() {
  if (!LetTypes) LetTypes = new std::unordered_map<const Symbol *, ExprType>();
}

TypingScope::~TypingScope() {
  delete LetTypes;
  LetTypes = nullptr;
}

std::string ExprType::describe() const {
  if (!dtype.empty()) return isTir ? dtype : "a Python " + std::string(isInt() ? "int" : "float");
  switch (kind) {
  case Class::Int: return isTir ? "an integer" : "a Python int";
  case Class::Float: return isTir ? "a float" : "a Python float";
  case Class::Bool: return "a bool";
  case Class::Handle: return "a handle";
  case Class::Unknown: break;
  }
  return "a value";
}

ExprType typeOf(const Expr &expr) {
  switch (expr.kind) {
  case ExprKind::Int: {
    ExprType type;
    type.kind = Class::Int;
    return type;
  }
  case ExprKind::Float: {
    ExprType type;
    type.kind = Class::Float;
    return type;
  }
  case ExprKind::Bool:
  case ExprKind::Compare:
  case ExprKind::BoolOp:
  case ExprKind::Not: {
    ExprType type;
    type.kind = Class::Bool;
    for (const Expr *item : expr.items) type.isTir |= typeOf(*item).isTir;
    return type;
  }
  case ExprKind::Name: return expr.symbol ? typeOfSymbol(*expr.symbol) : ExprType{};
  case ExprKind::Subscript: {
    const Expr *base = expr.base;
    if (base->kind == ExprKind::Name && base->symbol && base->symbol->buffer)
      return fromDType(base->symbol->buffer->dtypeName);
    // `A.shape[i]`: a buffer dimension.
    if (base->kind == ExprKind::Attribute && base->text == "shape" && base->base->symbol &&
        base->base->symbol->buffer)
      return fromDType("int32");
    return {};
  }
  case ExprKind::Call: return typeOfCall(expr);
  case ExprKind::Unary: return typeOf(*expr.items[0]);
  case ExprKind::Conditional: return promote(typeOf(*expr.items[0]), typeOf(*expr.items[2]));
  case ExprKind::Binary: {
    ExprType lhs = typeOf(*expr.items[0]), rhs = typeOf(*expr.items[1]);
    ExprType type = promote(lhs, rhs);
    if (expr.binary == BinaryOp::Div && type.kind == Class::Int) {
      // Two Python ints divide to a Python float; an integer TIR division is an error
      // reported by the checks, and its result type is unknowable.
      if (!type.isTir) type.kind = Class::Float;
      else type.kind = Class::Unknown;
      type.dtype.clear();
    }
    return type;
  }
  default: return {};
  }
}

} // namespace tvmscript
