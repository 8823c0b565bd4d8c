// TIR arithmetic on typed IR values (TVMSCRIPT.md §4.6, §8.5, §8.6).
#include "TypedValue.h"

#include "Lowering.h"

#include <cmath>
#include <fmt/format.h>

namespace tvmscript {

DType int32Type() { return DType{DType::Code::Int, 32, 1, false, {}}; }
DType int64Type() { return DType{DType::Code::Int, 64, 1, false, {}}; }
DType boolType(uint16_t lanes) { return DType{DType::Code::UInt, 1, lanes, false, {}}; }
DType elementType(DType type) {
  type.lanes = 1;
  return type;
}
DType float32Type() { return DType{DType::Code::Float, 32, 1, false, {}}; }
DType handleType() { return DType{DType::Code::Handle, 64, 1, false, {}}; }
bool isFloatType(const DType &type) { return type.code == DType::Code::Float || type.code == DType::Code::BFloat; }
bool isSignedType(const DType &type) { return type.code == DType::Code::Int; }

TypedValue Arithmetic::intConstant(int64_t value, const DType &type) {
  if (isFloatType(type)) return floatConstant(double(value), type);
  return {llvm::ConstantInt::get(registerType(B.getContext(), type), uint64_t(value), isSignedType(type)), type};
}

TypedValue Arithmetic::floatConstant(double value, const DType &type) {
  if (!isFloatType(type)) return intConstant(int64_t(value), type);
  llvm::Type *ir = registerType(B.getContext(), type);
  TypedValue result{llvm::ConstantFP::get(ir, value), type};
  if (type.code == DType::Code::BFloat) result.ir = roundToBFloat16(result.ir);
  return result;
}

TypedValue Arithmetic::boolConstant(bool value) { return {B.getInt1(value), boolType()}; }

TypedValue Arithmetic::pythonInt(int64_t value) {
  bool fits = value >= INT32_MIN && value <= INT32_MAX;
  TypedValue result = intConstant(value, fits ? int32Type() : int64Type());
  result.literal = true;
  return result;
}

TypedValue Arithmetic::pythonFloat(double value) {
  TypedValue result = floatConstant(value, float32Type());
  result.literal = true;
  result.pythonFloat = value;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Casts.

llvm::Value *Arithmetic::roundToBFloat16(llvm::Value *f32) {
  // Round to nearest even on the top 16 bits; NaNs stay quiet NaNs.
  llvm::Value *bits = B.CreateBitCast(f32, B.getInt32Ty());
  llvm::Value *lsb = B.CreateAnd(B.CreateLShr(bits, 16), 1);
  llvm::Value *rounded = B.CreateAnd(B.CreateAdd(bits, B.CreateAdd(lsb, B.getInt32(0x7fff))),
                                     B.getInt32(0xffff0000u));
  llvm::Value *isNan = B.CreateFCmpUNO(f32, f32);
  llvm::Value *result = B.CreateSelect(isNan, B.getInt32(0x7fc00000), rounded);
  return B.CreateBitCast(result, B.getFloatTy());
}

TypedValue Arithmetic::cast(TypedValue value, const DType &to) {
  if (value.type.lanes > 1 && to.lanes != value.type.lanes)
    throw Unsupported(Where, fmt::format("vectors of {} and {} lanes in one operation", value.type.lanes, to.lanes));
  if (value.type.lanes == 1 && to.lanes > 1) {
    TypedValue element = cast(value, elementType(to));
    TypedValue splat{B.CreateVectorSplat(to.lanes, element.ir), to};
    if (!isFloatType(to)) splat.rampBase = element.ir;
    return splat;
  }
  const DType &from = value.type;
  if (from == to) {
    value.literal = false;
    return value;
  }
  if (value.literal && isFloatType(from) && isFloatType(to)) return floatConstant(value.pythonFloat, to);
  llvm::Type *target = registerType(B.getContext(), to);
  if (to.isBool()) {
    if (isFloatType(from)) return {B.CreateFCmpONE(value.ir, llvm::Constant::getNullValue(value.ir->getType())), to};
    if (from.code == DType::Code::Handle) return {B.CreateIsNotNull(value.ir), to};
    return {B.CreateICmpNE(value.ir, llvm::Constant::getNullValue(value.ir->getType())), to};
  }
  if (to.code == DType::Code::Handle || from.code == DType::Code::Handle) {
    if (to.code == from.code) return {value.ir, to};
    // Pointers convert to and from integers; a float goes through int64 first.
    if (to.code == DType::Code::Handle) {
      if (isFloatType(from)) value = cast(value, int64Type());
      return {B.CreateIntToPtr(value.ir, target), to};
    }
    if (isFloatType(to)) return cast({B.CreatePtrToInt(value.ir, B.getInt64Ty()), int64Type()}, to);
    return {B.CreatePtrToInt(value.ir, target), to};
  }
  llvm::Value *ir = nullptr;
  if (!isFloatType(from) && !isFloatType(to)) {
    ir = B.CreateIntCast(value.ir, target, isSignedType(from));
    if (value.rampBase && to.lanes > 1 && to.bits >= from.bits) {
      TypedValue ramp{ir, to};
      ramp.rampBase = B.CreateIntCast(value.rampBase, registerType(B.getContext(), elementType(to)), isSignedType(from));
      ramp.rampStride = value.rampStride;
      return ramp;
    }
  } else if (!isFloatType(from)) {
    ir = isSignedType(from) ? B.CreateSIToFP(value.ir, target) : B.CreateUIToFP(value.ir, target);
  } else if (!isFloatType(to)) {
    ir = isSignedType(to) || to.bits < 8 ? B.CreateFPToSI(value.ir, target) : B.CreateFPToUI(value.ir, target);
  } else {
    ir = B.CreateFPCast(value.ir, target);
  }
  if (to.code == DType::Code::BFloat) ir = roundToBFloat16(ir);
  return {ir, to};
}

DType Arithmetic::commonType(const TypedValue &a, const TypedValue &b) const {
  if (a.type == b.type) return a.type;
  if (a.type.lanes != b.type.lanes) {
    // A scalar meeting a vector is broadcast to its lanes.
    TypedValue sa = a, sb = b;
    sa.type = elementType(a.type);
    sb.type = elementType(b.type);
    DType common = commonType(sa, sb);
    common.lanes = std::max(a.type.lanes, b.type.lanes);
    return common;
  }
  // A Python number adopts the other side's type, unless it is a float meeting an int.
  auto adopts = [](const TypedValue &literal, const TypedValue &other) {
    return literal.literal && !other.literal && (!isFloatType(literal.type) || isFloatType(other.type));
  };
  if (adopts(a, b)) return b.type;
  if (adopts(b, a)) return a.type;
  auto rank = [](const DType &t) { return isFloatType(t) ? 2 : t.isBool() ? 0 : 1; };
  if (rank(a.type) != rank(b.type)) return rank(a.type) > rank(b.type) ? a.type : b.type;
  if (a.literal && b.literal && isFloatType(a.type)) return float32Type();
  return a.type.bits >= b.type.bits ? a.type : b.type;
}

std::pair<TypedValue, TypedValue> Arithmetic::match(TypedValue a, TypedValue b) {
  if (a.type == b.type) return {a, b};
  DType target = commonType(a, b);
  bool literal = a.literal && b.literal;
  a = cast(a, target);
  b = cast(b, target);
  a.literal = b.literal = literal;
  return {a, b};
}

// ---------------------------------------------------------------------------------------------
// Operators.

namespace {

int64_t floorDivide(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

} // namespace

/// Python arithmetic between two Python numbers: computed here, exactly as Python would.
std::optional<TypedValue> Arithmetic::foldPython(BinaryOp op, TypedValue a, TypedValue b) {
  if (!a.literal || !b.literal) return std::nullopt;
  auto *ia = llvm::dyn_cast<llvm::ConstantInt>(a.ir);
  auto *ib = llvm::dyn_cast<llvm::ConstantInt>(b.ir);
  if (ia && ib) {
    int64_t x = ia->getSExtValue(), y = ib->getSExtValue(), r = 0;
    switch (op) {
    case BinaryOp::Add: if (__builtin_add_overflow(x, y, &r)) return std::nullopt; break;
    case BinaryOp::Sub: if (__builtin_sub_overflow(x, y, &r)) return std::nullopt; break;
    case BinaryOp::Mul: if (__builtin_mul_overflow(x, y, &r)) return std::nullopt; break;
    case BinaryOp::Div: return y == 0 ? std::nullopt : std::optional(pythonFloat(double(x) / double(y)));
    case BinaryOp::FloorDiv: if (y == 0) return std::nullopt; r = floorDivide(x, y); break;
    case BinaryOp::Mod: if (y == 0) return std::nullopt; r = x - floorDivide(x, y) * y; break;
    case BinaryOp::BitAnd: r = x & y; break;
    case BinaryOp::BitOr: r = x | y; break;
    case BinaryOp::BitXor: r = x ^ y; break;
    case BinaryOp::LShift: if (y < 0 || y > 62) return std::nullopt; r = x << y; break;
    case BinaryOp::RShift: if (y < 0) return std::nullopt; r = x >> std::min<int64_t>(y, 63); break;
    case BinaryOp::Pow: {
      if (y < 0) return pythonFloat(std::pow(double(x), double(y)));
      r = 1;
      for (int64_t i = 0; i < y; ++i)
        if (__builtin_mul_overflow(r, x, &r)) return std::nullopt;
      break;
    }
    default: return std::nullopt;
    }
    return pythonInt(r);
  }
  auto number = [](const TypedValue &v) {
    if (auto *i = llvm::dyn_cast<llvm::ConstantInt>(v.ir)) return double(i->getSExtValue());
    return v.pythonFloat;
  };
  if (!isFloatType(a.type) && !isFloatType(b.type)) return std::nullopt;
  double x = number(a), y = number(b);
  switch (op) {
  case BinaryOp::Add: return pythonFloat(x + y);
  case BinaryOp::Sub: return pythonFloat(x - y);
  case BinaryOp::Mul: return pythonFloat(x * y);
  case BinaryOp::Div: return y == 0 ? std::nullopt : std::optional(pythonFloat(x / y));
  case BinaryOp::Pow: return pythonFloat(std::pow(x, y));
  default: return std::nullopt;
  }
}

TypedValue Arithmetic::binary(BinaryOp op, TypedValue a, TypedValue b) {
  if (auto folded = foldPython(op, a, b)) return *folded;
  std::tie(a, b) = match(a, b);
  if (a.type.code == DType::Code::UInt && a.type.bits == 1 && op != BinaryOp::BitAnd && op != BinaryOp::BitOr && op != BinaryOp::BitXor) {
    DType int32 = int32Type();
    int32.lanes = a.type.lanes;
    a = cast(a, int32);
    b = cast(b, int32);
  }
  DType type = a.type;
  bool isFloat = isFloatType(type);
  // Signed index-width arithmetic cannot wrap in TIR (TVM emits nsw), which lets LLVM widen
  // loop indices; narrow ints wrap as C's promoted arithmetic does.
  bool nsw = isSignedType(type) && type.bits >= 32;
  switch (op) {
  case BinaryOp::Add:
  case BinaryOp::Sub:
  case BinaryOp::Mul: {
    TypedValue result{nullptr, type};
    if (op == BinaryOp::Add) result.ir = isFloat ? B.CreateFAdd(a.ir, b.ir) : B.CreateAdd(a.ir, b.ir, "", false, nsw);
    if (op == BinaryOp::Sub) result.ir = isFloat ? B.CreateFSub(a.ir, b.ir) : B.CreateSub(a.ir, b.ir, "", false, nsw);
    if (op == BinaryOp::Mul) result.ir = isFloat ? B.CreateFMul(a.ir, b.ir) : B.CreateMul(a.ir, b.ir, "", false, nsw);
    if (!isFloat && type.lanes > 1) propagateRamp(op, a, b, result);
    return result;
  }
  case BinaryOp::Div: return isFloat ? TypedValue{B.CreateFDiv(a.ir, b.ir), type} : truncDiv(a, b);
  case BinaryOp::FloorDiv: return floorDiv(a, b);
  case BinaryOp::Mod: return floorMod(a, b);
  case BinaryOp::Pow: {
    if (!isFloat) {
      a = cast(a, float32Type());
      b = cast(b, float32Type());
    }
    llvm::Value *ir = B.CreateBinaryIntrinsic(llvm::Intrinsic::pow, a.ir, b.ir);
    return {ir, a.type};
  }
  case BinaryOp::LShift: return {B.CreateShl(a.ir, b.ir), type};
  case BinaryOp::RShift:
    return {isSignedType(type) ? B.CreateAShr(a.ir, b.ir) : B.CreateLShr(a.ir, b.ir), type};
  case BinaryOp::BitAnd: return {B.CreateAnd(a.ir, b.ir), type};
  case BinaryOp::BitOr: return {B.CreateOr(a.ir, b.ir), type};
  case BinaryOp::BitXor: return {B.CreateXor(a.ir, b.ir), type};
  case BinaryOp::MatMul: break;
  }
  return {llvm::PoisonValue::get(a.ir->getType()), type};
}

void Arithmetic::propagateRamp(BinaryOp op, const TypedValue &a, const TypedValue &b, TypedValue &result) {
  if (!a.rampBase || !b.rampBase) return;
  bool nsw = isSignedType(result.type) && result.type.bits >= 32;
  if (op == BinaryOp::Add || op == BinaryOp::Sub) {
    result.rampBase = op == BinaryOp::Add ? B.CreateAdd(a.rampBase, b.rampBase, "", false, nsw)
                                          : B.CreateSub(a.rampBase, b.rampBase, "", false, nsw);
    result.rampStride = op == BinaryOp::Add ? a.rampStride + b.rampStride : a.rampStride - b.rampStride;
    return;
  }
  // A product stays a ramp when one side is a constant broadcast.
  const TypedValue *ramp = &a, *scale = &b;
  if (!llvm::isa<llvm::ConstantInt>(scale->rampBase) || scale->rampStride != 0) std::swap(ramp, scale);
  auto *constant = llvm::dyn_cast<llvm::ConstantInt>(scale->rampBase);
  if (!constant || scale->rampStride != 0) return;
  result.rampBase = B.CreateMul(ramp->rampBase, constant, "", false, nsw);
  result.rampStride = ramp->rampStride * constant->getSExtValue();
}

TypedValue Arithmetic::truncDiv(TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  if (isFloatType(a.type)) return {B.CreateFDiv(a.ir, b.ir), a.type};
  return {isSignedType(a.type) ? B.CreateSDiv(a.ir, b.ir) : B.CreateUDiv(a.ir, b.ir), a.type};
}

TypedValue Arithmetic::truncMod(TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  if (isFloatType(a.type)) return {B.CreateFRem(a.ir, b.ir), a.type};
  return {isSignedType(a.type) ? B.CreateSRem(a.ir, b.ir) : B.CreateURem(a.ir, b.ir), a.type};
}

TypedValue Arithmetic::floorDiv(TypedValue a, TypedValue b) {
  if (auto folded = foldPython(BinaryOp::FloorDiv, a, b)) return *folded;
  std::tie(a, b) = match(a, b);
  if (isFloatType(a.type))
    return {B.CreateUnaryIntrinsic(llvm::Intrinsic::floor, B.CreateFDiv(a.ir, b.ir)), a.type};
  if (!isSignedType(a.type)) return truncDiv(a, b);
  // q = a / b (truncating), minus one when the remainder is non-zero and the signs differ.
  llvm::Value *q = B.CreateSDiv(a.ir, b.ir);
  llvm::Value *r = B.CreateSRem(a.ir, b.ir);
  llvm::Value *zero = llvm::Constant::getNullValue(a.ir->getType());
  llvm::Value *adjust = B.CreateAnd(B.CreateICmpNE(r, zero),
                                    B.CreateICmpNE(B.CreateICmpSLT(r, zero), B.CreateICmpSLT(b.ir, zero)));
  return {B.CreateSub(q, B.CreateZExt(adjust, a.ir->getType())), a.type};
}

TypedValue Arithmetic::floorMod(TypedValue a, TypedValue b) {
  if (auto folded = foldPython(BinaryOp::Mod, a, b)) return *folded;
  std::tie(a, b) = match(a, b);
  if (isFloatType(a.type)) {
    llvm::Value *q = B.CreateUnaryIntrinsic(llvm::Intrinsic::floor, B.CreateFDiv(a.ir, b.ir));
    return {B.CreateFSub(a.ir, B.CreateFMul(q, b.ir)), a.type};
  }
  if (!isSignedType(a.type)) return truncMod(a, b);
  llvm::Value *r = B.CreateSRem(a.ir, b.ir);
  llvm::Value *zero = llvm::Constant::getNullValue(a.ir->getType());
  llvm::Value *adjust = B.CreateAnd(B.CreateICmpNE(r, zero),
                                    B.CreateICmpNE(B.CreateICmpSLT(r, zero), B.CreateICmpSLT(b.ir, zero)));
  return {B.CreateSelect(adjust, B.CreateAdd(r, b.ir), r), a.type};
}

TypedValue Arithmetic::compare(std::string_view op, TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  using P = llvm::CmpInst::Predicate;
  P predicate;
  if (isFloatType(a.type)) {
    predicate = op == "<"    ? P::FCMP_OLT
                : op == "<=" ? P::FCMP_OLE
                : op == ">"  ? P::FCMP_OGT
                : op == ">=" ? P::FCMP_OGE
                : op == "==" ? P::FCMP_OEQ
                             : P::FCMP_UNE;
    return {B.CreateFCmp(predicate, a.ir, b.ir), boolType(a.type.lanes)};
  }
  bool sign = isSignedType(a.type);
  predicate = op == "<"    ? (sign ? P::ICMP_SLT : P::ICMP_ULT)
              : op == "<=" ? (sign ? P::ICMP_SLE : P::ICMP_ULE)
              : op == ">"  ? (sign ? P::ICMP_SGT : P::ICMP_UGT)
              : op == ">=" ? (sign ? P::ICMP_SGE : P::ICMP_UGE)
              : op == "==" ? P::ICMP_EQ
                           : P::ICMP_NE;
  return {B.CreateICmp(predicate, a.ir, b.ir), boolType(a.type.lanes)};
}

TypedValue Arithmetic::min(TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  return {B.CreateSelect(compare("<", a, b).ir, a.ir, b.ir), a.type, a.literal && b.literal};
}

TypedValue Arithmetic::max(TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  return {B.CreateSelect(compare(">", a, b).ir, a.ir, b.ir), a.type, a.literal && b.literal};
}

TypedValue Arithmetic::negate(TypedValue value) {
  if (value.literal) {
    if (auto *i = llvm::dyn_cast<llvm::ConstantInt>(value.ir)) return pythonInt(-i->getSExtValue());
    return pythonFloat(-value.pythonFloat);
  }
  if (isFloatType(value.type)) return {B.CreateFNeg(value.ir), value.type};
  if (value.type.isBool()) value = cast(value, int32Type());
  return {B.CreateNeg(value.ir), value.type};
}

TypedValue Arithmetic::bitNot(TypedValue value) {
  if (value.literal)
    if (auto *i = llvm::dyn_cast<llvm::ConstantInt>(value.ir)) return pythonInt(~i->getSExtValue());
  return {B.CreateNot(value.ir), value.type};
}

TypedValue Arithmetic::logicalNot(TypedValue value) {
  DType type = boolType(value.type.lanes);
  return {B.CreateNot(cast(value, type).ir), type};
}

TypedValue Arithmetic::logical(bool isAnd, TypedValue a, TypedValue b) {
  DType type = boolType(std::max(a.type.lanes, b.type.lanes));
  a = cast(a, type);
  b = cast(b, type);
  return {isAnd ? B.CreateAnd(a.ir, b.ir) : B.CreateOr(a.ir, b.ir), type};
}

TypedValue Arithmetic::select(TypedValue condition, TypedValue a, TypedValue b) {
  std::tie(a, b) = match(a, b);
  if (condition.type.lanes > a.type.lanes) {
    a = cast(a, DType{a.type.code, a.type.bits, condition.type.lanes, false, {}});
    b = cast(b, a.type);
  }
  return {B.CreateSelect(cast(condition, boolType(condition.type.lanes)).ir, a.ir, b.ir), a.type};
}

llvm::Value *Arithmetic::toStorage(TypedValue value) {
  if (value.type.isBool()) return B.CreateZExt(value.ir, B.getInt8Ty());
  if (value.type.code == DType::Code::BFloat)
    return B.CreateTrunc(B.CreateLShr(B.CreateBitCast(roundToBFloat16(value.ir), B.getInt32Ty()), 16),
                         B.getInt16Ty());
  return value.ir;
}

TypedValue Arithmetic::fromStorage(llvm::Value *stored, const DType &type) {
  if (type.isBool()) return {B.CreateICmpNE(stored, B.getInt8(0)), type};
  if (type.code == DType::Code::BFloat)
    return {B.CreateBitCast(B.CreateShl(B.CreateZExt(stored, B.getInt32Ty()), 16), B.getFloatTy()), type};
  return {stored, type};
}

} // namespace tvmscript
