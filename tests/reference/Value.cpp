// TVM's scalar semantics for the reference interpreter: typing of binary operations, integer
// wrap-around, float rounding per dtype, casts, math intrinsics and element storage.
#include "Value.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

namespace tvmscript::reference {
namespace {

using Code = ScalarType::Code;

[[noreturn]] void unsupported(const std::string &what) {
  throw std::runtime_error("unsupported: " + what);
}

/// Rounds a float to bfloat16 as TVM's storage legalisation does (round to nearest even on the
/// upper 16 bits, no special case for NaN), returning the bfloat16 bits.
uint16_t bfloat16Bits(float value) {
  uint32_t bits = std::bit_cast<uint32_t>(value);
  uint32_t bias = ((bits >> 16) & 1) + 0x7FFF;
  return static_cast<uint16_t>((bits + bias) >> 16);
}

float fromBFloat16Bits(uint16_t bits) {
  return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

float roundToBFloat16(float value) {
  return fromBFloat16Bits(bfloat16Bits(value));
}

/// `raw` truncated to `bits` and extended back by the type's signedness.
int64_t wrapInteger(ScalarType type, uint64_t raw) {
  unsigned bits = type.bits;
  if (bits >= 64) return static_cast<int64_t>(raw);
  uint64_t mask = (uint64_t(1) << bits) - 1;
  uint64_t value = raw & mask;
  if (type.isSigned() && (value >> (bits - 1)) & 1) value |= ~mask;
  return static_cast<int64_t>(value);
}

int64_t minSigned(unsigned bits) {
  return bits >= 64 ? std::numeric_limits<int64_t>::min() : -(int64_t(1) << (bits - 1));
}

bool isCompare(Op op) {
  return op >= Op::EQ && op <= Op::GE;
}

/// Applies a float operation at the precision of `type`: double for float64, otherwise float,
/// with the result rounded to the type (float16 to half; bfloat16 stays float32 until stored).
template <typename F> Value floatOperation(ScalarType type, double x, double y, F operation) {
  if (type.code == Code::Float && type.bits == 64) return Value::floating(type, operation(x, y));
  float result = operation(static_cast<float>(x), static_cast<float>(y));
  return Value::floating(type, result);
}

Value compareFloats(Op op, double x, double y) {
  bool result = false;
  switch (op) {
  case Op::EQ: result = x == y; break;
  case Op::NE: result = x < y || x > y; break; // LLVM `fcmp one`: NaN compares unequal to nothing
  case Op::LT: result = x < y; break;
  case Op::LE: result = x <= y; break;
  case Op::GT: result = x > y; break;
  case Op::GE: result = x >= y; break;
  default: break;
  }
  return Value::integer(ScalarType::boolean(), result);
}

template <typename T> Value compareIntegers(Op op, T x, T y) {
  bool result = false;
  switch (op) {
  case Op::EQ: result = x == y; break;
  case Op::NE: result = x != y; break;
  case Op::LT: result = x < y; break;
  case Op::LE: result = x <= y; break;
  case Op::GT: result = x > y; break;
  case Op::GE: result = x >= y; break;
  default: break;
  }
  return Value::integer(ScalarType::boolean(), result);
}

Value floatBinary(Op op, ScalarType type, double x, double y) {
  if (isCompare(op)) return compareFloats(op, x, y);
  switch (op) {
  case Op::Add: return floatOperation(type, x, y, [](auto a, auto b) { return a + b; });
  case Op::Sub: return floatOperation(type, x, y, [](auto a, auto b) { return a - b; });
  case Op::Mul: return floatOperation(type, x, y, [](auto a, auto b) { return a * b; });
  case Op::Div: return floatOperation(type, x, y, [](auto a, auto b) { return a / b; });
  case Op::Pow: return floatOperation(type, x, y, [](auto a, auto b) { return std::pow(a, b); });
  // TVM's Min/Max lower to select(a < b, a, b) and select(a > b, a, b).
  case Op::Min: return Value::floating(type, x < y ? x : y);
  case Op::Max: return Value::floating(type, x > y ? x : y);
  case Op::FloorDiv:
  case Op::FloorMod:
    throw std::runtime_error("floordiv/floormod of " + type.str() + " (TVM requires integers)");
  case Op::TruncDiv:
  case Op::TruncMod:
    throw std::runtime_error("truncdiv/truncmod of " + type.str() + " (TVM requires integers)");
  default: throw std::runtime_error("bitwise operation on " + type.str());
  }
}

void checkDivisor(ScalarType type, int64_t x, int64_t y) {
  if (y == 0) throw UndefinedBehavior("integer division by zero (" + type.str() + ")");
  if (type.isSigned() && y == -1 && x == minSigned(type.bits))
    throw UndefinedBehavior("integer division overflow (" + type.str() + " minimum / -1)");
}

Value integerBinary(Op op, ScalarType type, int64_t x, int64_t y) {
  bool isSigned = type.isSigned();
  uint64_t ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
  if (isCompare(op)) return isSigned ? compareIntegers(op, x, y) : compareIntegers(op, ux, uy);
  auto make = [&](uint64_t raw) { return Value::integer(type, static_cast<int64_t>(raw)); };
  switch (op) {
  case Op::Add: return make(ux + uy);
  case Op::Sub: return make(ux - uy);
  case Op::Mul: return make(ux * uy);
  case Op::Div:
  case Op::TruncDiv:
    checkDivisor(type, x, y);
    return isSigned ? make(static_cast<uint64_t>(x / y)) : make(ux / uy);
  case Op::TruncMod:
    checkDivisor(type, x, y);
    return isSigned ? make(static_cast<uint64_t>(x % y)) : make(ux % uy);
  case Op::FloorDiv: {
    checkDivisor(type, x, y);
    if (!isSigned) return make(ux / uy);
    int64_t quotient = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) --quotient;
    return make(static_cast<uint64_t>(quotient));
  }
  case Op::FloorMod: {
    checkDivisor(type, x, y);
    if (!isSigned) return make(ux % uy);
    int64_t remainder = x % y;
    if (remainder != 0 && ((remainder < 0) != (y < 0))) remainder += y;
    return make(static_cast<uint64_t>(remainder));
  }
  case Op::Min: return make(isSigned ? (x < y ? ux : uy) : (ux < uy ? ux : uy));
  case Op::Max: return make(isSigned ? (x > y ? ux : uy) : (ux > uy ? ux : uy));
  case Op::BitAnd: return make(ux & uy);
  case Op::BitOr: return make(ux | uy);
  case Op::BitXor: return make(ux ^ uy);
  case Op::ShiftLeft:
  case Op::ShiftRight: {
    bool negative = isSigned && y < 0;
    if (negative || uy >= type.bits)
      throw UndefinedBehavior("shift of " + type.str() + " by " + std::to_string(y));
    if (op == Op::ShiftLeft) return make(ux << uy);
    return isSigned ? make(static_cast<uint64_t>(x >> y)) : make(ux >> uy);
  }
  case Op::Pow: throw std::runtime_error("pow of " + type.str() + " (TVM requires floats)");
  default: break;
  }
  throw std::runtime_error("unexpected integer operation");
}

int64_t floorDivide(int64_t x, int64_t y) {
  int64_t quotient = x / y;
  if (x % y != 0 && ((x < 0) != (y < 0))) --quotient;
  return quotient;
}

/// Python's own arithmetic on two Python numbers (folded before TVM sees them).
Value pythonBinary(Op op, const Value &a, const Value &b) {
  bool isFloat = a.isPythonFloat() || b.isPythonFloat();
  if (isCompare(op)) {
    Value result =
        isFloat ? compareFloats(op, a.toDouble(), b.toDouble()) : compareIntegers(op, a.i, b.i);
    return Value::pythonBool(result.i != 0);
  }
  if (isFloat) {
    double x = a.toDouble(), y = b.toDouble();
    bool divides = op == Op::Div || op == Op::FloorDiv || op == Op::FloorMod;
    if (divides && y == 0) throw std::runtime_error("Python ZeroDivisionError");
    switch (op) {
    case Op::Add: return Value::pythonFloat(x + y);
    case Op::Sub: return Value::pythonFloat(x - y);
    case Op::Mul: return Value::pythonFloat(x * y);
    case Op::Div: return Value::pythonFloat(x / y);
    case Op::FloorDiv: return Value::pythonFloat(std::floor(x / y));
    case Op::FloorMod: {
      double remainder = std::fmod(x, y);
      if (remainder != 0 && ((remainder < 0) != (y < 0))) remainder += y;
      return Value::pythonFloat(remainder);
    }
    case Op::Pow: return Value::pythonFloat(std::pow(x, y));
    default: throw std::runtime_error("Python TypeError: unsupported operation on float");
    }
  }
  int64_t x = a.i, y = b.i;
  bool divides = op == Op::Div || op == Op::FloorDiv || op == Op::FloorMod;
  if (divides && y == 0) throw std::runtime_error("Python ZeroDivisionError");
  switch (op) {
  case Op::Add: return Value::pythonInt(x + y);
  case Op::Sub: return Value::pythonInt(x - y);
  case Op::Mul: return Value::pythonInt(x * y);
  case Op::Div: return Value::pythonFloat(static_cast<double>(x) / static_cast<double>(y));
  case Op::FloorDiv: return Value::pythonInt(floorDivide(x, y));
  case Op::FloorMod: return Value::pythonInt(x - floorDivide(x, y) * y);
  case Op::Pow: {
    if (y < 0) return Value::pythonFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
    int64_t result = 1;
    for (int64_t k = 0; k < y; ++k)
      result *= x;
    return Value::pythonInt(result);
  }
  case Op::BitAnd: return Value::pythonInt(x & y);
  case Op::BitOr: return Value::pythonInt(x | y);
  case Op::BitXor: return Value::pythonInt(x ^ y);
  case Op::ShiftLeft: return Value::pythonInt(x << y);
  case Op::ShiftRight: return Value::pythonInt(x >> y);
  default: throw std::runtime_error("unexpected Python operation");
  }
}

/// BinaryOpMatchTypes on two TIR types.
ScalarType matchTypes(ScalarType a, ScalarType b) {
  if (a == b) return a;
  if (a.code == Code::Handle || b.code == Code::Handle)
    throw std::runtime_error("arithmetic on a handle (" + a.str() + " vs " + b.str() + ")");
  if (a.code == Code::Float && b.code == Code::Float) return a.bits < b.bits ? b : a;
  if (a.code == Code::Float) return a;
  if (b.code == Code::Float) return b;
  if (a.code == Code::BFloat) return a;
  if (b.code == Code::BFloat) return b;
  if (a.isSigned() == b.isSigned()) return a.bits < b.bits ? b : a;
  if (a.bits != b.bits) return a.bits < b.bits ? b : a;
  return a.isSigned() ? b : a;
}

/// The type a Python number takes next to a TIR value of type `other`.
ScalarType adoptedType(const Value &python, ScalarType other) {
  if (other.code == Code::Handle) throw std::runtime_error("arithmetic on a handle");
  if (other.isFloat()) return other;
  if (python.isPythonFloat()) return ScalarType::float32();
  if (other.code == Code::Bool) return matchTypes(toTir(python).type, other);
  return other;
}

using UnaryMath = std::pair<float (*)(float), double (*)(double)>;

float sigmoidf(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}
double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}
float rsqrtf(float x) {
  return 1.0f / std::sqrt(x);
}
double rsqrt(double x) {
  return 1.0 / std::sqrt(x);
}

const std::map<std::string_view, UnaryMath> &unaryMath() {
  static const std::map<std::string_view, UnaryMath> table = {
      {"exp", {::expf, ::exp}},         {"exp2", {::exp2f, ::exp2}},
      {"exp10", {::exp10f, ::exp10}},   {"log", {::logf, ::log}},
      {"log2", {::log2f, ::log2}},      {"log10", {::log10f, ::log10}},
      {"log1p", {::log1pf, ::log1p}},   {"expm1", {::expm1f, ::expm1}},
      {"sqrt", {::sqrtf, ::sqrt}},      {"rsqrt", {rsqrtf, rsqrt}},
      {"sigmoid", {sigmoidf, sigmoid}}, {"sin", {::sinf, ::sin}},
      {"cos", {::cosf, ::cos}},         {"tan", {::tanf, ::tan}},
      {"asin", {::asinf, ::asin}},      {"acos", {::acosf, ::acos}},
      {"atan", {::atanf, ::atan}},      {"sinh", {::sinhf, ::sinh}},
      {"cosh", {::coshf, ::cosh}},      {"tanh", {::tanhf, ::tanh}},
      {"asinh", {::asinhf, ::asinh}},   {"acosh", {::acoshf, ::acosh}},
      {"atanh", {::atanhf, ::atanh}},   {"erf", {::erff, ::erf}},
      {"floor", {::floorf, ::floor}},   {"ceil", {::ceilf, ::ceil}},
      {"round", {::roundf, ::round}},   {"nearbyint", {::nearbyintf, ::nearbyint}},
      {"trunc", {::truncf, ::trunc}},   {"fabs", {::fabsf, ::fabs}},
  };
  return table;
}

using BinaryMath = std::pair<float (*)(float, float), double (*)(double, double)>;

const std::map<std::string_view, BinaryMath> &binaryMath() {
  static const std::map<std::string_view, BinaryMath> table = {
      {"pow", {::powf, ::pow}},
      {"atan2", {::atan2f, ::atan2}},
      {"fmod", {::fmodf, ::fmod}},
      {"hypot", {::hypotf, ::hypot}},
      {"copysign", {::copysignf, ::copysign}},
      {"fmin", {::fminf, ::fmin}},
      {"fmax", {::fmaxf, ::fmax}},
      {"nextafter", {::nextafterf, ::nextafter}},
  };
  return table;
}

ScalarType requireFloat(const Value &value, std::string_view name) {
  if (!value.type.isFloat())
    throw std::runtime_error("unsupported: T." + std::string(name) + " of " + value.type.str());
  return value.type;
}

Value absolute(const Value &value) {
  if (value.type.isFloat()) return Value::floating(value.type, std::fabs(value.f));
  if (value.type.isSigned() && value.i < 0) return negate(value);
  return value;
}

Value bitCount(std::string_view name, const Value &value) {
  if (!value.type.isInteger())
    throw std::runtime_error("T." + std::string(name) + " of " + value.type.str());
  uint64_t bits = static_cast<uint64_t>(value.i);
  if (value.type.bits < 64) bits &= (uint64_t(1) << value.type.bits) - 1;
  if (name == "popcount") return Value::integer(value.type, std::popcount(bits));
  return Value::integer(value.type, std::countl_zero(bits) - (64 - value.type.bits));
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Types.

size_t ScalarType::bytes() const {
  switch (code) {
  case Code::Bool: return 1;
  case Code::Handle: return sizeof(void *);
  default: return bits / 8;
  }
}

std::string ScalarType::str() const {
  switch (code) {
  case Code::Int: return "int" + std::to_string(bits);
  case Code::UInt: return "uint" + std::to_string(bits);
  case Code::Float: return "float" + std::to_string(bits);
  case Code::BFloat: return "bfloat16";
  case Code::Bool: return "bool";
  case Code::Handle: return "handle";
  }
  return "?";
}

ScalarType scalarType(const DType &dtype) {
  if (dtype.lanes != 1 || dtype.scalableLanes) unsupported("vector type " + dtype.str());
  auto integerBits = [&](Code code) {
    if (dtype.bits != 8 && dtype.bits != 16 && dtype.bits != 32 && dtype.bits != 64)
      unsupported("dtype " + dtype.str());
    return ScalarType{code, dtype.bits};
  };
  switch (dtype.code) {
  case DType::Code::Int: return integerBits(Code::Int);
  case DType::Code::UInt: return dtype.bits == 1 ? ScalarType::boolean() : integerBits(Code::UInt);
  case DType::Code::Float:
    if (dtype.bits != 16 && dtype.bits != 32 && dtype.bits != 64)
      unsupported("dtype " + dtype.str());
    return {Code::Float, dtype.bits};
  case DType::Code::BFloat:
    if (dtype.bits != 16) unsupported("dtype " + dtype.str());
    return {Code::BFloat, 16};
  case DType::Code::Handle: return ScalarType::handle();
  default: unsupported("dtype " + dtype.str());
  }
}

ScalarType scalarType(std::string_view dtype) {
  auto parsed = parseDType(dtype);
  if (!parsed) throw std::runtime_error("invalid dtype '" + std::string(dtype) + "'");
  return scalarType(*parsed);
}

// ---------------------------------------------------------------------------------------------
// Values.

Value Value::pythonInt(int64_t value) {
  Value result;
  result.type = ScalarType::int64();
  result.python = true;
  result.i = value;
  return result;
}

Value Value::pythonFloat(double value) {
  Value result;
  result.type = {Code::Float, 64};
  result.python = true;
  result.f = value;
  return result;
}

Value Value::pythonBool(bool value) {
  Value result;
  result.type = ScalarType::boolean();
  result.python = true;
  result.i = value;
  return result;
}

Value Value::integer(ScalarType type, int64_t value) {
  Value result;
  result.type = type;
  result.i = wrapInteger(type, static_cast<uint64_t>(value));
  return result;
}

Value Value::floating(ScalarType type, double value) {
  Value result;
  result.type = type;
  if (type.code == Code::Float && type.bits == 64)
    result.f = value;
  else if (type.code == Code::Float && type.bits == 16)
    result.f = static_cast<double>(static_cast<_Float16>(value));
  else
    result.f = static_cast<double>(static_cast<float>(value));
  return result;
}

Value Value::address(std::byte *pointer) {
  Value result;
  result.type = ScalarType::handle();
  result.pointer = pointer;
  return result;
}

Value Value::zero(ScalarType type) {
  if (type.code == Code::Handle) return address(nullptr);
  return type.isFloat() ? floating(type, 0) : integer(type, 0);
}

bool Value::truthy() const {
  if (type.code == Code::Handle) return pointer != nullptr;
  return type.isFloat() ? f != 0 : i != 0;
}

int64_t Value::toInt64() const {
  if (!type.isInteger()) throw std::runtime_error("expected an integer, got " + str());
  return i;
}

double Value::toDouble() const {
  if (type.isFloat()) return f;
  if (type.code == Code::UInt) return static_cast<double>(static_cast<uint64_t>(i));
  return static_cast<double>(i);
}

std::string Value::str() const {
  std::string prefix = python ? "Python " : "";
  if (type.code == Code::Handle) return "handle";
  if (type.isFloat()) return prefix + (python ? "float" : type.str()) + " " + std::to_string(f);
  if (type.code == Code::UInt) return type.str() + " " + std::to_string(static_cast<uint64_t>(i));
  return prefix + (python ? (type.code == Code::Bool ? "bool" : "int") : type.str()) + " " +
         std::to_string(i);
}

Value toTir(const Value &value) {
  if (!value.python) return value;
  if (value.type.code == Code::Bool) return Value::integer(ScalarType::boolean(), value.i);
  if (value.isPythonFloat()) return Value::floating(ScalarType::float32(), value.f);
  bool fits = value.i >= std::numeric_limits<int32_t>::min() &&
              value.i <= std::numeric_limits<int32_t>::max();
  return Value::integer(fits ? ScalarType::int32() : ScalarType::int64(), value.i);
}

// ---------------------------------------------------------------------------------------------
// Casts.

namespace {

Value floatToInteger(double value, ScalarType type, const std::string &from) {
  double truncated = std::trunc(value);
  bool inRange = false;
  if (type.isSigned()) {
    double low = std::ldexp(-1.0, type.bits - 1), high = -low;
    inRange = truncated >= low && truncated < high;
  } else {
    inRange = truncated >= 0 && truncated < std::ldexp(1.0, type.bits);
  }
  if (!inRange)
    throw UndefinedBehavior("conversion of " + from + " " + std::to_string(value) + " to " +
                            type.str() + " is out of range");
  if (type.isSigned()) return Value::integer(type, static_cast<int64_t>(truncated));
  return Value::integer(type, static_cast<int64_t>(static_cast<uint64_t>(truncated)));
}

Value integerToFloat(const Value &value, ScalarType type) {
  bool isUnsigned = value.type.code != Code::Int;
  auto convert = [&](auto tag) {
    using T = decltype(tag);
    return isUnsigned ? static_cast<T>(static_cast<uint64_t>(value.i)) : static_cast<T>(value.i);
  };
  if (type.code == Code::BFloat) return Value::floating(type, roundToBFloat16(convert(float())));
  if (type.bits == 64) return Value::floating(type, convert(double()));
  if (type.bits == 16) return Value::floating(type, static_cast<double>(convert(_Float16())));
  return Value::floating(type, convert(float()));
}

Value floatToFloat(double value, ScalarType type) {
  if (type.code == Code::BFloat)
    return Value::floating(type, roundToBFloat16(static_cast<float>(value)));
  return Value::floating(type, value); // one rounding, from whatever precision the source has
}

/// make_const: a Python number given a dtype.
Value constantOf(const Value &value, ScalarType type) {
  if (type.code == Code::Bool) return Value::integer(type, value.truthy());
  if (value.isPythonFloat()) {
    if (type.isFloat()) return floatToFloat(value.f, type);
    return Value::integer(type, static_cast<int64_t>(value.f));
  }
  if (type.isFloat()) return floatToFloat(static_cast<double>(value.i), type);
  return Value::integer(type, value.i);
}

} // namespace

Value cast(const Value &value, ScalarType type) {
  if (type.code == Code::Handle || value.type.code == Code::Handle) {
    if (type == value.type) return value;
    throw std::runtime_error("cast between " + value.type.str() + " and " + type.str());
  }
  if (value.python) return constantOf(value, type);
  if (value.type == type) return value;
  if (type.code == Code::Bool) {
    bool truth = value.type.isFloat() ? (value.f < 0 || value.f > 0) : value.i != 0; // fcmp one
    return Value::integer(type, truth);
  }
  if (type.isInteger()) {
    if (value.type.isFloat()) return floatToInteger(value.f, type, value.type.str());
    return Value::integer(type, value.i); // value.i is already extended by the source's signedness
  }
  if (value.type.isFloat()) return floatToFloat(value.f, type);
  return integerToFloat(value, type);
}

Value reinterpret(const Value &source, ScalarType type) {
  Value value = toTir(source);
  if (value.type.bytes() != type.bytes() || value.type.code == Code::Bool ||
      type.code == Code::Bool)
    throw std::runtime_error("reinterpret between " + value.type.str() + " and " + type.str());
  std::byte bytes[8] = {};
  storeScalar(bytes, value.type, value);
  return loadScalar(bytes, type);
}

// ---------------------------------------------------------------------------------------------
// Operations.

ScalarType commonType(const Value &a, const Value &b) {
  if (a.python && b.python)
    return a.isPythonFloat() || b.isPythonFloat() ? ScalarType{Code::Float, 64}
                                                  : ScalarType::int64();
  if (a.python) return adoptedType(a, b.type);
  if (b.python) return adoptedType(b, a.type);
  return matchTypes(a.type, b.type);
}

Value binary(Op op, const Value &a, const Value &b) {
  if (a.python && b.python && op != Op::And && op != Op::Or) return pythonBinary(op, a, b);
  if (op == Op::And || op == Op::Or) {
    bool x = cast(toTir(a), ScalarType::boolean()).i != 0;
    bool y = cast(toTir(b), ScalarType::boolean()).i != 0;
    return Value::integer(ScalarType::boolean(), op == Op::And ? (x && y) : (x || y));
  }
  ScalarType type = commonType(a, b);
  Value x = cast(a, type), y = cast(b, type);
  if (type.isFloat()) return floatBinary(op, type, x.f, y.f);
  return integerBinary(op, type, x.i, y.i);
}

Value negate(const Value &value) {
  if (value.python)
    return value.isPythonFloat() ? Value::pythonFloat(-value.f) : Value::pythonInt(-value.i);
  if (value.type.isFloat()) return Value::floating(value.type, -value.f);
  if (value.type.code == Code::Handle) throw std::runtime_error("negation of a handle");
  return Value::integer(value.type, static_cast<int64_t>(0 - static_cast<uint64_t>(value.i)));
}

Value bitwiseNot(const Value &value) {
  if (value.type.isFloat()) throw std::runtime_error("Cannot use ~ operator on float type Expr.");
  if (value.python) return Value::pythonInt(~value.i);
  return Value::integer(value.type, ~value.i);
}

Value logicalNot(const Value &value) {
  if (value.python) return Value::pythonBool(!value.truthy());
  return Value::integer(ScalarType::boolean(), !cast(value, ScalarType::boolean()).truthy());
}

bool isMathIntrinsic(std::string_view name) {
  return unaryMath().count(name) || binaryMath().count(name) || name == "abs" || name == "isnan" ||
         name == "isinf" || name == "isfinite" || name == "popcount" || name == "clz";
}

Value math(std::string_view name, std::span<const Value> arguments) {
  std::string label = "T." + std::string(name);
  if (auto it = unaryMath().find(name); it != unaryMath().end()) {
    if (arguments.size() != 1) throw std::runtime_error(label + " takes one argument");
    Value x = toTir(arguments[0]);
    ScalarType type = requireFloat(x, name);
    if (type.code == Code::Float && type.bits == 64)
      return Value::floating(type, it->second.second(x.f));
    return Value::floating(type, it->second.first(static_cast<float>(x.f)));
  }
  if (auto it = binaryMath().find(name); it != binaryMath().end()) {
    if (arguments.size() != 2) throw std::runtime_error(label + " takes two arguments");
    ScalarType type = commonType(arguments[0], arguments[1]);
    if (type.isInteger() && arguments[0].python && arguments[1].python) type = ScalarType::int32();
    Value x = cast(arguments[0], type), y = cast(arguments[1], type);
    requireFloat(x, name);
    if (type.code == Code::Float && type.bits == 64)
      return Value::floating(type, it->second.second(x.f, y.f));
    return Value::floating(type,
                           it->second.first(static_cast<float>(x.f), static_cast<float>(y.f)));
  }
  if (arguments.size() != 1) throw std::runtime_error(label + " takes one argument");
  Value x = toTir(arguments[0]);
  if (name == "abs") return absolute(x);
  if (name == "popcount" || name == "clz") return bitCount(name, x);
  if (name == "isnan" || name == "isinf" || name == "isfinite") {
    bool result = false;
    if (x.type.isFloat())
      result = name == "isnan"   ? std::isnan(x.f)
               : name == "isinf" ? std::isinf(x.f)
                                 : std::isfinite(x.f);
    else
      result = name == "isfinite";
    return Value::integer(ScalarType::boolean(), result);
  }
  throw std::runtime_error("unsupported: " + label);
}

Value maxValue(ScalarType type) {
  switch (type.code) {
  case Code::Int:
    return Value::integer(type, static_cast<int64_t>((~uint64_t(0)) >> (65 - type.bits)));
  case Code::UInt: return Value::integer(type, -1);
  case Code::Float:
    if (type.bits == 16) return Value::floating(type, 65504.0);
    if (type.bits == 32) return Value::floating(type, std::numeric_limits<float>::max());
    return Value::floating(type, std::numeric_limits<double>::max());
  case Code::BFloat: return Value::floating(type, std::numeric_limits<float>::max());
  default: throw std::runtime_error("T.max_value of " + type.str());
  }
}

Value minValue(ScalarType type) {
  switch (type.code) {
  case Code::Int: return Value::integer(type, minSigned(type.bits));
  case Code::UInt: return Value::integer(type, 0);
  case Code::Float:
  case Code::BFloat: return negate(maxValue(type));
  default: throw std::runtime_error("T.min_value of " + type.str());
  }
}

Value infinity(ScalarType type) {
  if (!type.isFloat()) throw std::runtime_error("T.infinity of " + type.str());
  return Value::floating(type, std::numeric_limits<double>::infinity());
}

// ---------------------------------------------------------------------------------------------
// Memory.

Value loadScalar(const std::byte *address, ScalarType type) {
  auto read = [&](auto tag) {
    decltype(tag) value;
    std::memcpy(&value, address, sizeof(value));
    return value;
  };
  switch (type.code) {
  case Code::Bool: return Value::integer(type, read(uint8_t()) != 0);
  case Code::Int:
    switch (type.bits) {
    case 8: return Value::integer(type, read(int8_t()));
    case 16: return Value::integer(type, read(int16_t()));
    case 32: return Value::integer(type, read(int32_t()));
    default: return Value::integer(type, read(int64_t()));
    }
  case Code::UInt:
    switch (type.bits) {
    case 8: return Value::integer(type, read(uint8_t()));
    case 16: return Value::integer(type, read(uint16_t()));
    case 32: return Value::integer(type, read(uint32_t()));
    default: return Value::integer(type, static_cast<int64_t>(read(uint64_t())));
    }
  case Code::Float:
    switch (type.bits) {
    case 16:
      return Value::floating(type, static_cast<double>(std::bit_cast<_Float16>(read(uint16_t()))));
    case 32: return Value::floating(type, read(float()));
    default: return Value::floating(type, read(double()));
    }
  case Code::BFloat: return Value::floating(type, fromBFloat16Bits(read(uint16_t())));
  case Code::Handle: return Value::address(read(static_cast<std::byte *>(nullptr)));
  }
  throw std::runtime_error("load of " + type.str());
}

void storeScalar(std::byte *address, ScalarType type, const Value &source) {
  Value value = cast(source, type);
  auto write = [&](auto data) { std::memcpy(address, &data, sizeof(data)); };
  switch (type.code) {
  case Code::Bool: write(static_cast<uint8_t>(value.i != 0)); return;
  case Code::Int:
  case Code::UInt:
    switch (type.bits) {
    case 8: write(static_cast<uint8_t>(value.i)); return;
    case 16: write(static_cast<uint16_t>(value.i)); return;
    case 32: write(static_cast<uint32_t>(value.i)); return;
    default: write(static_cast<uint64_t>(value.i)); return;
    }
  case Code::Float:
    switch (type.bits) {
    case 16: write(static_cast<_Float16>(value.f)); return;
    case 32: write(static_cast<float>(value.f)); return;
    default: write(value.f); return;
    }
  case Code::BFloat: write(bfloat16Bits(static_cast<float>(value.f))); return;
  case Code::Handle: write(value.pointer); return;
  }
}

} // namespace tvmscript::reference
