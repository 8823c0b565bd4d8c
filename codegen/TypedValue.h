// IR values with their TIR dtypes, and TIR's arithmetic on them: operand type matching, casts,
// the division family with TVM's exact semantics, comparisons, min/max.
#pragma once

#include "DType.h"
#include "ScriptModel.h"

#include <llvm/IR/IRBuilder.h>

#include <string_view>
#include <utility>

namespace tvmscript {

/// An IR value and the TIR dtype it has. `literal` marks Python numbers, which adopt the type of
/// the TIR operand they meet (`x + 1` with x: int64 adds an int64 one).
struct TypedValue {
  llvm::Value *ir = nullptr;
  DType type;
  bool literal = false;
  /// A Python float's exact value (its IR constant is float32 until it adopts another type).
  double pythonFloat = 0;
  /// An integer vector known to be `rampBase + rampStride * <0, 1, ..., lanes - 1>` (TVM's
  /// Ramp; a broadcast has stride 0): what lets a contiguous access be one vector load.
  llvm::Value *rampBase = nullptr;
  int64_t rampStride = 0;
};

DType int32Type();
DType int64Type();
DType boolType(uint16_t lanes = 1);
/// `type` with one lane: the element type of a vector type.
DType elementType(DType type);
DType float32Type();
DType handleType();
bool isFloatType(const DType &type);
bool isSignedType(const DType &type);

/// TIR arithmetic emitted through one IRBuilder. Floating-point operations get the builder's
/// current fast-math flags.
class Arithmetic {
public:
  explicit Arithmetic(llvm::IRBuilder<> &builder) : B(builder) {}

  /// The expression being lowered: where an operation the IR cannot express (vectors of
  /// different lengths) is reported.
  Range Where;

  TypedValue intConstant(int64_t value, const DType &type);
  TypedValue floatConstant(double value, const DType &type);
  TypedValue boolConstant(bool value);
  /// A Python int: int32 when it fits, else int64.
  TypedValue pythonInt(int64_t value);
  TypedValue pythonFloat(double value);

  /// `value` converted to `to` as TVM's CreateCast does (§8.6): int→int extends by the source's
  /// signedness, float→int truncates toward zero, to bool compares with zero.
  TypedValue cast(TypedValue value, const DType &to);
  /// TVM's BinaryOpMatchTypes: literals adopt the other side's type, ints widen, int meets
  /// float as float, bool meets a number as that number.
  std::pair<TypedValue, TypedValue> match(TypedValue a, TypedValue b);
  /// The type match() converts both sides to.
  DType commonType(const TypedValue &a, const TypedValue &b) const;

  /// `+ - * / // % ** << >> & | ^` with Python semantics for literals and TIR's otherwise:
  /// `/` truncates on ints, `//` and `%` floor (Python's signs), on floats too.
  TypedValue binary(BinaryOp op, TypedValue a, TypedValue b);
  TypedValue truncDiv(TypedValue a, TypedValue b);
  TypedValue truncMod(TypedValue a, TypedValue b);
  TypedValue floorDiv(TypedValue a, TypedValue b);
  TypedValue floorMod(TypedValue a, TypedValue b);
  /// `op` is one of < <= > >= == !=.
  TypedValue compare(std::string_view op, TypedValue a, TypedValue b);
  TypedValue min(TypedValue a, TypedValue b);
  TypedValue max(TypedValue a, TypedValue b);
  TypedValue negate(TypedValue value);
  TypedValue bitNot(TypedValue value);
  TypedValue logicalNot(TypedValue value);
  /// Both sides are evaluated (TVM emits `and`/`or` on i1, not branches).
  TypedValue logical(bool isAnd, TypedValue a, TypedValue b);
  TypedValue select(TypedValue condition, TypedValue a, TypedValue b);

  /// Memory <-> register forms: bool is stored as int8, bfloat16 as the top half of a float.
  llvm::Value *toStorage(TypedValue value);
  TypedValue fromStorage(llvm::Value *stored, const DType &type);

private:
  std::optional<TypedValue> foldPython(BinaryOp op, TypedValue a, TypedValue b);
  llvm::Value *roundToBFloat16(llvm::Value *f32);
  /// The ramp description of `op(a, b)` when it stays a ramp (+, -, * by a constant).
  void propagateRamp(BinaryOp op, const TypedValue &a, const TypedValue &b, TypedValue &result);
  llvm::IRBuilder<> &B;
};

} // namespace tvmscript
