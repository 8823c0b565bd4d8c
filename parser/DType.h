// TVM data types ("float32", "int8x4", "bool") parsed with TVM's own grammar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tvmscript {

struct DType {
  enum class Code : uint8_t { Int, UInt, Float, BFloat, Handle, Void, FloatCustom, Custom };
  Code code = Code::Float;
  uint16_t bits = 32;
  uint16_t lanes = 1;
  bool scalableLanes = false;
  /// For Code::FloatCustom the exact base ("float8_e4m3fn"); for Custom the type name.
  std::string base;

  bool isInt() const { return code == Code::Int || code == Code::UInt; }
  bool isBool() const { return code == Code::UInt && bits == 1; }
  bool isFloat() const {
    return code == Code::Float || code == Code::BFloat || code == Code::FloatCustom;
  }
  /// The canonical spelling TVM prints ("float32", "bool", "int8x4").
  std::string str() const;
  friend bool operator==(const DType &, const DType &) = default;
};

/// Parses a dtype string as TVM's `String2DLDataType` does (both eras): `int`/`uint`/`float`/
/// `bfloat`/`handle` with optional bits and `xN` or `xvscalexN` lanes, the named float8/6/4
/// formats, `bool`, `void` or "", and `custom[name]bits`. Returns nullopt for what TVM rejects
/// with "unknown type".
std::optional<DType> parseDType(std::string_view text);

} // namespace tvmscript
