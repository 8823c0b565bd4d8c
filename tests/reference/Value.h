// Scalar values of the reference interpreter: a dtype plus an integer or floating payload, with
// TVM's operator typing (BinaryOpMatchTypes), wrap-around integers, per-dtype float rounding and
// the casts of TVMSCRIPT.md §8.6. Written from TVM's semantics, not from the analysis code.
#pragma once

#include "DType.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tvmscript::reference {

/// A scalar dtype the interpreter computes with: int/uint 8..64, float16/32/64, bfloat16, bool
/// and handle. In memory bool is one byte and bfloat16 the upper half of a float32.
struct ScalarType {
  enum class Code : uint8_t { Int, UInt, Float, BFloat, Bool, Handle };
  Code code = Code::Int;
  uint16_t bits = 32;

  static ScalarType int32() { return {Code::Int, 32}; }
  static ScalarType int64() { return {Code::Int, 64}; }
  static ScalarType float32() { return {Code::Float, 32}; }
  static ScalarType boolean() { return {Code::Bool, 1}; }
  static ScalarType handle() { return {Code::Handle, 64}; }

  /// Integers, including bool.
  bool isInteger() const { return code == Code::Int || code == Code::UInt || code == Code::Bool; }
  bool isSigned() const { return code == Code::Int; }
  bool isFloat() const { return code == Code::Float || code == Code::BFloat; }
  /// Bytes one element occupies in a buffer.
  size_t bytes() const;
  std::string str() const;
  friend bool operator==(const ScalarType &, const ScalarType &) = default;
};

/// The scalar type of `dtype`; throws std::runtime_error ("unsupported: ...") for vector lanes,
/// sub-byte integers, float8/6/4 and custom types.
ScalarType scalarType(const DType &dtype);
/// Parses a dtype string ("float32", "bool", "int8") into a scalar type; throws when TVM would
/// reject it or the interpreter does not support it.
ScalarType scalarType(std::string_view dtype);

/// A value: either a TIR value of a dtype, or a Python number (`python` set) that has no dtype
/// yet. Python numbers fold in Python (arbitrary precision approximated by int64 and double) and
/// take a dtype when they meet a TIR value or enter a TIR construct.
struct Value {
  ScalarType type;
  bool python = false;
  /// Integers and bool: the value sign-extended (Int) or zero-extended (UInt, Bool) from `bits`.
  int64_t i = 0;
  /// Floats: the value, exactly representable in the dtype (bfloat16 values that are results of
  /// arithmetic keep float32 precision until stored or cast, as TVM computes them in float32).
  double f = 0;
  /// Handles: the address.
  std::byte *pointer = nullptr;

  static Value pythonInt(int64_t value);
  static Value pythonFloat(double value);
  static Value pythonBool(bool value);
  /// `value` wrapped to the width of integer type `type`.
  static Value integer(ScalarType type, int64_t value);
  /// `value` rounded to float type `type` (bfloat16: to float32 precision only).
  static Value floating(ScalarType type, double value);
  static Value address(std::byte *pointer);
  /// Zero of `type`.
  static Value zero(ScalarType type);

  bool isPythonInt() const { return python && type.code == ScalarType::Code::Int; }
  bool isPythonFloat() const { return python && type.code == ScalarType::Code::Float; }
  /// The truth of a condition (TIR bool or any Python number).
  bool truthy() const;
  /// The value of an integer (or Python int/bool) as int64; throws for floats and handles.
  int64_t toInt64() const;
  /// The value as a double (integers converted), for messages and tests.
  double toDouble() const;
  std::string str() const;
};

/// Undefined behaviour in the generated code (division by zero, out-of-range shifts and
/// float-to-int conversions): the interpreter refuses to guess what native code would do.
struct UndefinedBehavior : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A Python number as TVM converts it when a TIR construct receives it: int → int32 (int64 when
/// it does not fit), float → float32, bool → bool. TIR values are returned unchanged.
Value toTir(const Value &value);

/// The value converted to `type` (TVM's Cast, §8.6): bool from a comparison with zero (floats:
/// ordered not-equal), integers extended by the source's signedness, floats to integers truncated
/// toward zero (out of range: UndefinedBehavior), bfloat16 rounded to nearest even.
Value cast(const Value &value, ScalarType type);
/// Reinterprets the bits of `value` as `type` (equal sizes only).
Value reinterpret(const Value &value, ScalarType type);

/// The common type of a binary operation: a Python operand adopts the other operand's type
/// (a Python float meeting an integer becomes float32), then TVM's BinaryOpMatchTypes: float over
/// bfloat16 over integers, the wider float, the wider integer, unsigned on a signed/unsigned tie.
/// Both operands Python: returns a Python type.
ScalarType commonType(const Value &a, const Value &b);

enum class Op : uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  TruncDiv,
  TruncMod,
  FloorDiv,
  FloorMod,
  Pow,
  Min,
  Max,
  BitAnd,
  BitOr,
  BitXor,
  ShiftLeft,
  ShiftRight,
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  And,
  Or,
};

/// `a op b` with TVM's semantics. Both Python: Python's semantics (`/` is true division, `//`
/// and `%` floor). Otherwise the operands are converted to commonType() first; integer results
/// wrap at the type's width, float32 is computed in float, float64 in double, float16 in float
/// and rounded to half, bfloat16 in float. `/` on integers truncates. Comparisons give bool.
/// Throws UndefinedBehavior for integer division by zero, INT_MIN / -1 and shifts by an
/// amount outside [0, bits); std::runtime_error for operations TVM rejects (`//` on floats).
Value binary(Op op, const Value &a, const Value &b);
/// `-x` (TVM multiplies by -1 of the type), `~x`, `not x`.
Value negate(const Value &value);
Value bitwiseNot(const Value &value);
Value logicalNot(const Value &value);

/// Whether `name` (without `T.`) is a math intrinsic math() computes.
bool isMathIntrinsic(std::string_view name);
/// A math intrinsic on float arguments, computed with libm at the dtype's precision (float16 in
/// float, rounded). `popcount`/`clz` take integers; `isnan`/`isinf`/`isfinite` return bool.
/// Python numbers are converted with toTir(); binary intrinsics match their operand types.
Value math(std::string_view name, std::span<const Value> arguments);

/// The largest, smallest and infinite values of `type` (T.max_value, T.min_value, T.infinity).
Value maxValue(ScalarType type);
Value minValue(ScalarType type);
Value infinity(ScalarType type);

/// Reads an element of `type` at `address`.
Value loadScalar(const std::byte *address, ScalarType type);
/// Writes `value`, converted to `type`, at `address` (bfloat16 rounds to nearest even).
void storeScalar(std::byte *address, ScalarType type, const Value &value);

} // namespace tvmscript::reference
