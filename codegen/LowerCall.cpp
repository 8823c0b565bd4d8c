// Calls: T.* builtins (casts, min/max, selects, the division family), math intrinsics through
// LLVM intrinsics or libm (TVMSCRIPT.md §8.4), and external C functions.
#include "Lowering.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <unordered_set>

namespace tvmscript {
namespace {

/// Math functions that map to an LLVM intrinsic of one float operand.
const std::unordered_map<std::string_view, llvm::Intrinsic::ID> &unaryIntrinsics() {
  static const std::unordered_map<std::string_view, llvm::Intrinsic::ID> table = {
      {"exp", llvm::Intrinsic::exp},       {"exp2", llvm::Intrinsic::exp2},
      {"log", llvm::Intrinsic::log},       {"log2", llvm::Intrinsic::log2},
      {"log10", llvm::Intrinsic::log10},   {"sqrt", llvm::Intrinsic::sqrt},
      {"floor", llvm::Intrinsic::floor},   {"ceil", llvm::Intrinsic::ceil},
      {"trunc", llvm::Intrinsic::trunc},   {"fabs", llvm::Intrinsic::fabs},
      {"round", llvm::Intrinsic::roundeven}, {"nearbyint", llvm::Intrinsic::nearbyint},
      {"sin", llvm::Intrinsic::sin},       {"cos", llvm::Intrinsic::cos},
      {"tan", llvm::Intrinsic::tan},
  };
  return table;
}

/// Math functions without an LLVM intrinsic: called in libm (`erff` for float32, `erf` for
/// float64), which glibc's libmvec vectorises.
bool isLibmFunction(std::string_view name, size_t arity) {
  static const std::unordered_map<std::string_view, size_t> table = {
      {"tanh", 1}, {"sinh", 1}, {"cosh", 1}, {"asin", 1}, {"acos", 1}, {"atan", 1}, {"asinh", 1},
      {"acosh", 1}, {"atanh", 1}, {"erf", 1}, {"log1p", 1}, {"expm1", 1}, {"atan2", 2}, {"fmod", 2},
      {"hypot", 2}, {"nextafter", 2}, {"copysign", 2}, {"ldexp", 2},
  };
  auto it = table.find(name);
  return it != table.end() && it->second == arity;
}

} // namespace

TypedValue FunctionLowering::lowerCall(const Expr &expr) {
  if (std::string_view name = tirCallee(&expr); !name.empty()) return lowerBuiltinCall(expr, name);
  // `x.astype("float16")`
  if (expr.base && expr.base->kind == ExprKind::Attribute && expr.base->text == "astype" && !expr.base->builtin &&
      expr.items.size() == 1)
    return Math.cast(lowerExpr(*expr.base->base), dtypeArgument(*expr.items[0]));
  // Subroutine calls: `Module.f(...)`, `cls.f(...)`, `f(...)`.
  if (expr.base && expr.base->kind == ExprKind::Attribute && expr.base->base && expr.base->base->symbol &&
      (expr.base->base->symbol->kind == SymbolKind::Module || expr.base->base->symbol->kind == SymbolKind::ModuleAlias))
    return lowerTirCall(expr, *expr.base, 0);
  if (expr.base && expr.base->symbol && expr.base->symbol->kind == SymbolKind::PrimFunc)
    return lowerTirCall(expr, *expr.base, 0);
  unsupported(expr, "this call");
}

DType FunctionLowering::dtypeArgument(const Expr &expr) {
  std::string_view text;
  if (expr.kind == ExprKind::String) text = expr.text;
  else if (expr.builtin && expr.builtin->dialect == Dialect::TIR) text = expr.builtin->name; // T.float32
  auto dtype = parseDType(text);
  if (!dtype || dtype->lanes > 64 || dtype->scalableLanes || dtype->code == DType::Code::FloatCustom || dtype->code == DType::Code::Custom ||
      dtype->code == DType::Code::Void)
    unsupported(expr, text.empty() ? "a dtype that is not a string" : fmt::format("the dtype '{}'", text));
  return *dtype;
}

TypedValue FunctionLowering::lowerBuiltinCall(const Expr &expr, std::string_view name) {
  const auto &args = expr.items;
  auto arg = [&](size_t index, std::string_view keyword) -> const Expr & {
    const Expr *value = expr.argument(index, keyword);
    if (!value) unsupported(expr, fmt::format("T.{} without its '{}' argument", name, keyword));
    return *value;
  };
  auto binaryArgs = [&] { return std::pair{lowerExpr(arg(0, "a")), lowerExpr(arg(1, "b"))}; };

  // A dtype used as a function: `T.float32(0)`, `T.int64(n)`, `T.bool(True)`.
  if (auto dtype = parseDType(name); dtype && name != "handle" && name != "void" && name != "Buffer") {
    if (args.empty()) unsupported(expr, fmt::format("T.{}() outside a declaration", name));
    return Math.cast(lowerExpr(*args[0]), dtypeArgument(*expr.base));
  }
  if (name == "Cast") return Math.cast(lowerExpr(arg(1, "value")), dtypeArgument(arg(0, "dtype")));
  if (name == "cast") return Math.cast(lowerExpr(arg(0, "x")), dtypeArgument(arg(1, "dtype")));
  if (name == "reinterpret") {
    DType to = dtypeArgument(arg(0, "dtype"));
    TypedValue value = lowerExpr(arg(1, "value"));
    if (to.bits != value.type.bits || to.isBool() || value.type.isBool() || to.code == DType::Code::BFloat ||
        value.type.code == DType::Code::BFloat)
      unsupported(expr, "T.reinterpret between types of different storage");
    return {B.CreateBitCast(value.ir, registerType(M.context, to)), to};
  }
  if (name == "min") { auto [a, b] = binaryArgs(); return Math.min(a, b); }
  if (name == "max") { auto [a, b] = binaryArgs(); return Math.max(a, b); }
  if (name == "floordiv" || name == "indexdiv") { auto [a, b] = binaryArgs(); return Math.floorDiv(a, b); }
  if (name == "floormod" || name == "indexmod") { auto [a, b] = binaryArgs(); return Math.floorMod(a, b); }
  if (name == "truncdiv" || name == "div") { auto [a, b] = binaryArgs(); return Math.truncDiv(a, b); }
  if (name == "truncmod") { auto [a, b] = binaryArgs(); return Math.truncMod(a, b); }
  if (name == "ceildiv") {
    auto [a, b] = binaryArgs();
    TypedValue one = Math.pythonInt(1);
    return Math.floorDiv(Math.binary(BinaryOp::Sub, Math.binary(BinaryOp::Add, a, b), one), b);
  }
  if (name == "if_then_else") return lowerIfThenElse(arg(0, "cond"), arg(1, "t"), arg(2, "f"));
  if (name == "Select") {
    TypedValue condition = lowerExpr(arg(0, "condition"));
    return Math.select(condition, lowerExpr(arg(1, "true_value")), lowerExpr(arg(2, "false_value")));
  }
  if (name == "And" || name == "Or") {
    auto [a, b] = binaryArgs();
    return Math.logical(name == "And", a, b);
  }
  if (name == "Not") return Math.logicalNot(lowerExpr(arg(0, "a")));
  if (name == "bitwise_and") {
    auto [a, b] = binaryArgs();
    requireIntegers(expr, BinaryOp::BitAnd, a, b);
    return Math.binary(BinaryOp::BitAnd, a, b);
  }
  if (name == "bitwise_or") {
    auto [a, b] = binaryArgs();
    requireIntegers(expr, BinaryOp::BitOr, a, b);
    return Math.binary(BinaryOp::BitOr, a, b);
  }
  if (name == "bitwise_xor") {
    auto [a, b] = binaryArgs();
    requireIntegers(expr, BinaryOp::BitXor, a, b);
    return Math.binary(BinaryOp::BitXor, a, b);
  }
  if (name == "bitwise_not") {
    TypedValue value = lowerExpr(arg(0, "a"));
    if (isFloatType(value.type) || value.type.code == DType::Code::Handle) unsupported(expr, "T.bitwise_not of a non-integer");
    return Math.bitNot(value);
  }
  if (name == "shift_left") {
    auto [a, b] = binaryArgs();
    requireIntegers(expr, BinaryOp::LShift, a, b);
    return Math.binary(BinaryOp::LShift, a, b);
  }
  if (name == "shift_right") {
    auto [a, b] = binaryArgs();
    requireIntegers(expr, BinaryOp::RShift, a, b);
    return Math.binary(BinaryOp::RShift, a, b);
  }
  if (name == "likely") return lowerExpr(arg(0, "cond"));
  if (name == "abs") {
    TypedValue value = lowerExpr(arg(0, "x"));
    if (isFloatType(value.type)) return {B.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, value.ir), value.type};
    if (!isSignedType(value.type)) return value;
    return Math.select(Math.compare("<", value, Math.pythonInt(0)), Math.negate(value), value);
  }
  if (name == "infinity" || name == "max_value" || name == "min_value") {
    DType type = dtypeArgument(arg(0, "dtype"));
    if (isFloatType(type)) {
      double limit = name == "infinity" ? std::numeric_limits<double>::infinity()
                     : type.code == DType::Code::BFloat ? 3.3895313892515355e38
                     : type.bits == 16 ? 65504.0
                     : type.bits == 32 ? double(std::numeric_limits<float>::max())
                                       : std::numeric_limits<double>::max();
      return Math.floatConstant(name == "min_value" ? -limit : limit, type);
    }
    if (name == "infinity") unsupported(expr, "T.infinity of an integer type");
    llvm::APInt bound = name == "max_value"
                            ? (isSignedType(type) ? llvm::APInt::getSignedMaxValue(type.bits) : llvm::APInt::getMaxValue(type.bits))
                            : (isSignedType(type) ? llvm::APInt::getSignedMinValue(type.bits) : llvm::APInt::getMinValue(type.bits));
    return {llvm::ConstantInt::get(M.context, bound), type};
  }
  if (name == "isnan" || name == "isinf" || name == "isfinite") {
    TypedValue value = lowerExpr(arg(0, "x"));
    if (!isFloatType(value.type)) return Math.boolConstant(name == "isfinite");
    if (name == "isnan") return {B.CreateFCmpUNO(value.ir, value.ir), boolType()};
    llvm::Value *magnitude = B.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, value.ir);
    llvm::Value *infinity = llvm::ConstantFP::getInfinity(value.ir->getType());
    return {name == "isinf" ? B.CreateFCmpOEQ(magnitude, infinity) : B.CreateFCmpOLT(magnitude, infinity),
            boolType()};
  }
  if (name == "address_of") {
    const Expr &target = arg(0, "buffer_load");
    if (target.kind != ExprKind::Subscript) unsupported(target, "T.address_of of something other than an element");
    return {elementAddress(target), handleType()};
  }
  if (name == "call_extern" || name == "call_pure_extern") {
    const Expr &callee = arg(1, "func_name");
    if (callee.kind != ExprKind::String) unsupported(callee, "an external function named by a non-string");
    const Expr &dtype = arg(0, "dtype");
    auto declared = dtype.kind == ExprKind::String ? parseDType(dtype.text) : std::nullopt;
    DType result = declared && declared->code == DType::Code::Void ? *declared : dtypeArgument(dtype);
    return lowerExtern(expr, 2, result, callee.text);
  }
  if (name == "evaluate") return lowerExpr(arg(0, "value"));
  if (name == "Broadcast" || name == "broadcast") {
    TypedValue value = lowerExpr(arg(0, "value"));
    const Expr &lanes = arg(1, "lanes");
    if (lanes.kind != ExprKind::Int || lanes.intValue < 1 || lanes.intValue > 64)
      unsupported(lanes, "a vector length that is not a constant from 1 to 64");
    DType type = value.type;
    type.lanes = uint16_t(lanes.intValue);
    value.literal = false;
    return Math.cast(value, type);
  }
  if (name == "Ramp" || name == "ramp") {
    TypedValue base = lowerExpr(arg(0, "base"));
    TypedValue stride = lowerExpr(arg(1, "stride"));
    const Expr &lanes = arg(2, "lanes");
    if (lanes.kind != ExprKind::Int || lanes.intValue < 1 || lanes.intValue > 64)
      unsupported(lanes, "a vector length that is not a constant from 1 to 64");
    std::tie(base, stride) = Math.match(base, stride);
    base.literal = stride.literal = false;
    DType type = base.type;
    type.lanes = uint16_t(lanes.intValue);
    std::vector<uint64_t> steps(size_t(lanes.intValue));
    for (size_t i = 0; i < steps.size(); ++i) steps[i] = i;
    TypedValue offsets{llvm::ConstantDataVector::get(M.context, llvm::ArrayRef<uint64_t>(steps)), int64Type()};
    offsets.type.lanes = type.lanes;
    offsets = Math.cast(offsets, type);
    return Math.binary(BinaryOp::Add, Math.cast(base, type), Math.binary(BinaryOp::Mul, Math.cast(stride, type), offsets));
  }
  if (name == "thread_binding" || name == "launch_thread" || name == "env_thread")
    unsupported(expr, fmt::format("a GPU thread construct (T.{})", name));
  if (name == "call_tir") {
    if (args.empty()) unsupported(expr, "T.call_tir without a callee");
    return lowerTirCall(expr, *args[0], 1);
  }
  return lowerMath(expr, name);
}

TypedValue FunctionLowering::lowerMath(const Expr &expr, std::string_view name) {
  static const std::unordered_set<std::string_view> kComputed = {"popcount", "clz", "fma", "pow", "exp10", "rsqrt",
                                                                 "sigmoid"};
  if (!kComputed.count(name) && !unaryIntrinsics().count(name) && !isLibmFunction(name, expr.items.size()))
    unsupported(expr, fmt::format("T.{}", name));
  std::vector<TypedValue> args;
  for (const Expr *item : expr.items) args.push_back(lowerExpr(*item));
  auto asFloat = [&](TypedValue value) {
    return isFloatType(value.type) ? value : Math.cast(value, float32Type());
  };
  if (name == "popcount" || name == "clz") {
    if (args.size() != 1 || isFloatType(args[0].type)) unsupported(expr, fmt::format("T.{} of this operand", name));
    auto id = name == "popcount" ? llvm::Intrinsic::ctpop : llvm::Intrinsic::ctlz;
    llvm::Value *ir = name == "popcount" ? B.CreateUnaryIntrinsic(id, args[0].ir)
                                         : B.CreateBinaryIntrinsic(id, args[0].ir, B.getFalse());
    return {ir, args[0].type};
  }
  if (name == "fma" && args.size() == 3) {
    TypedValue a = asFloat(args[0]);
    TypedValue b = Math.cast(args[1], a.type), c = Math.cast(args[2], a.type);
    return {B.CreateIntrinsic(llvm::Intrinsic::fmuladd, {a.ir->getType()}, {a.ir, b.ir, c.ir}), a.type};
  }
  if (name == "pow" && args.size() == 2) return Math.binary(BinaryOp::Pow, asFloat(args[0]), args[1]);
  if (args.size() == 1) {
    TypedValue x = asFloat(args[0]);
    auto one = [&] { return Math.floatConstant(1.0, x.type); };
    if (auto it = unaryIntrinsics().find(name); it != unaryIntrinsics().end())
      return {B.CreateUnaryIntrinsic(it->second, x.ir), x.type};
    if (name == "exp10")
      return {B.CreateUnaryIntrinsic(llvm::Intrinsic::exp,
                                     B.CreateFMul(x.ir, llvm::ConstantFP::get(x.ir->getType(), std::log(10.0)))),
              x.type};
    if (name == "rsqrt")
      return {B.CreateFDiv(one().ir, B.CreateUnaryIntrinsic(llvm::Intrinsic::sqrt, x.ir)), x.type};
    if (name == "sigmoid") {
      llvm::Value *e = B.CreateUnaryIntrinsic(llvm::Intrinsic::exp, B.CreateFNeg(x.ir));
      return {B.CreateFDiv(one().ir, B.CreateFAdd(one().ir, e)), x.type};
    }
  }
  if (isLibmFunction(name, args.size())) {
    DType type = asFloat(args[0]).type;
    // libm has float and double versions: narrower types compute in float.
    DType computed = type.bits == 64 ? type : float32Type();
    std::vector<llvm::Value *> operands;
    std::vector<llvm::Type *> types;
    for (size_t i = 0; i < args.size(); ++i) {
      DType argType = name == "ldexp" && i == 1 ? int32Type() : computed;
      operands.push_back(Math.cast(args[i], argType).ir);
      types.push_back(operands.back()->getType());
    }
    std::string symbol = std::string(name) + (computed.bits == 64 ? "" : "f");
    llvm::FunctionCallee callee = M.module.getOrInsertFunction(
        symbol, llvm::FunctionType::get(registerType(M.context, computed), types, false));
    if (auto *fn = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
      fn->setDoesNotThrow();
      fn->setOnlyAccessesInaccessibleMemory(); // errno only: lets loops vectorise
    }
    llvm::CallInst *call = B.CreateCall(callee, operands);
    call->setDoesNotThrow();
    call->setOnlyAccessesInaccessibleMemory();
    return Math.cast({call, computed}, type);
  }
  unsupported(expr, fmt::format("T.{}", name));
}

TypedValue FunctionLowering::lowerExtern(const Expr &expr, size_t firstArg, DType returnType, std::string_view name) {
  std::vector<llvm::Value *> operands;
  std::vector<llvm::Type *> types;
  for (size_t i = firstArg; i < expr.items.size(); ++i) {
    TypedValue value = lowerExpr(*expr.items[i]);
    if (value.type.code == DType::Code::BFloat) value = Math.cast(value, float32Type());
    operands.push_back(value.ir);
    types.push_back(value.ir->getType());
  }
  bool isVoid = returnType.code == DType::Code::Void;
  llvm::Type *result = isVoid ? llvm::Type::getVoidTy(M.context) : registerType(M.context, returnType);
  auto *type = llvm::FunctionType::get(result, types, false);
  llvm::Function *existing = M.module.getFunction(name);
  if (existing && existing->getFunctionType() != type)
    unsupported(expr, fmt::format("'{}' called with two different signatures", name));
  llvm::FunctionCallee callee = M.module.getOrInsertFunction(name, type);
  llvm::Value *call = B.CreateCall(callee, operands);
  return {call, returnType};
}

} // namespace tvmscript
