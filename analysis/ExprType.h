// The value class of a TIR expression (integer, float, bool), as far as it can be known
// statically, and whether it is a TIR value or a Python value folded at parse time.
#pragma once

#include "ScriptModel.h"

#include <string>

namespace tvmscript {

struct ExprType {
  enum class Class : uint8_t { Unknown, Int, Float, Bool, Handle };
  Class kind = Class::Unknown;
  /// True for TIR values (variables, loads, typed literals); false for Python numbers, which
  /// TVMScript evaluates in Python (`1 / 16` is a Python float, not an integer division).
  bool isTir = false;
  /// The dtype when known exactly ("int64", "float16").
  std::string dtype;

  bool isInt() const { return kind == Class::Int; }
  bool isFloat() const { return kind == Class::Float; }
  /// A short description for messages: "int32", "a float", "a Python int".
  std::string describe() const;
};

/// The type of `expr` under TVM's promotion rules (BinaryOpMatchTypes). A let's type is computed
/// once per TypingScope (a file's lets can refer to each other exponentially often).
ExprType typeOf(const Expr &expr);

/// While alive, caches the types of lets; analyze() opens one per run so that nothing cached
/// outlives the model it came from.
class TypingScope {
public:
  TypingScope();
  ~TypingScope();
  TypingScope(const TypingScope &) = delete;
  TypingScope &operator=(const TypingScope &) = delete;
};

} // namespace tvmscript
