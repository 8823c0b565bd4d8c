// TVM's dtype grammar (include/tvm/runtime/data_type.h String2DLDataType, and tvm-ffi's at HEAD).
#include "DType.h"

#include <array>
#include <charconv>

namespace tvmscript {
namespace {

/// Low-precision float formats spelled by name, longest first so prefixes cannot shadow them.
constexpr std::array<std::pair<std::string_view, uint16_t>, 11> kNamedFloats = {{
    {"float8_e4m3b11fnuz", 8}, {"float8_e4m3fnuz", 8}, {"float8_e5m2fnuz", 8},
    {"float8_e8m0fnu", 8},     {"float8_e4m3fn", 8},   {"float6_e2m3fn", 6},
    {"float6_e3m2fn", 6},      {"float4_e2m1fn", 4},   {"float8_e3m4", 8},
    {"float8_e4m3", 8},        {"float8_e5m2", 8},
}};

/// Parses an unsigned decimal prefix of `text`, advancing it; nullopt when there is none.
std::optional<unsigned> takeNumber(std::string_view &text) {
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc()) return std::nullopt;
  text.remove_prefix(end - text.data());
  return value;
}

/// Parses the `xN` / `xvscalexN` lanes suffix, which must end the string.
bool takeLanes(std::string_view rest, DType &type) {
  if (rest.empty()) return true;
  if (rest.front() != 'x') return false;
  rest.remove_prefix(1);
  if (rest.starts_with("vscalex")) {
    type.scalableLanes = true;
    rest.remove_prefix(7);
  }
  auto lanes = takeNumber(rest);
  if (!lanes || *lanes == 0 || *lanes > 0xFFFF || !rest.empty()) return false;
  type.lanes = static_cast<uint16_t>(*lanes);
  return true;
}

} // namespace

std::optional<DType> parseDType(std::string_view text) {
  DType type;
  if (text.empty() || text == "void") {
    type.code = DType::Code::Void;
    type.bits = 0;
    return type;
  }
  if (text == "bool") {
    type.code = DType::Code::UInt;
    type.bits = 1;
    return type;
  }
  for (auto [name, bits] : kNamedFloats) {
    if (!text.starts_with(name)) continue;
    type.code = DType::Code::FloatCustom;
    type.base = name;
    type.bits = bits;
    return takeLanes(text.substr(name.size()), type) ? std::optional(type) : std::nullopt;
  }
  std::string_view rest = text;
  if (rest.starts_with("int")) {
    type.code = DType::Code::Int;
    rest.remove_prefix(3);
  } else if (rest.starts_with("uint")) {
    type.code = DType::Code::UInt;
    rest.remove_prefix(4);
  } else if (rest.starts_with("float")) {
    type.code = DType::Code::Float;
    rest.remove_prefix(5);
  } else if (rest.starts_with("handle")) {
    type.code = DType::Code::Handle;
    type.bits = 64;
    rest.remove_prefix(6);
  } else if (rest.starts_with("bfloat")) {
    type.code = DType::Code::BFloat;
    type.bits = 16;
    rest.remove_prefix(6);
  } else if (rest.starts_with("custom[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos || close == 7) return std::nullopt;
    type.code = DType::Code::Custom;
    type.base = rest.substr(7, close - 7);
    rest.remove_prefix(close + 1);
  } else {
    return std::nullopt;
  }
  if (auto bits = takeNumber(rest)) {
    if (*bits == 0 || *bits > 255) return std::nullopt;
    type.bits = static_cast<uint16_t>(*bits);
  }
  if (!takeLanes(rest, type)) return std::nullopt;
  return type;
}

std::string DType::str() const {
  std::string result;
  switch (code) {
  case Code::Void: return "void";
  case Code::Int: result = "int"; break;
  case Code::UInt:
    if (bits == 1 && lanes == 1) return "bool";
    result = "uint";
    break;
  case Code::Float: result = "float"; break;
  case Code::BFloat: result = "bfloat"; break;
  case Code::Handle: result = "handle"; break;
  case Code::FloatCustom: result = base; break;
  case Code::Custom: result = "custom[" + base + "]"; break;
  }
  if (code != Code::FloatCustom) result += std::to_string(bits);
  if (lanes != 1) result += (scalableLanes ? "xvscalex" : "x") + std::to_string(lanes);
  return result;
}

} // namespace tvmscript
