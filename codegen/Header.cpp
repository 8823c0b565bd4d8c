// The C header of a compiled module: one prototype per public PrimFunc, with each buffer's
// dtype, shape and layout in a comment.
#include "NativeModuleImpl.h"

#include <algorithm>
#include <fmt/format.h>

namespace tvmscript {
namespace {

std::string sourceOf(const SourceText &source, const Expr *expr) {
  if (!expr) return "?";
  std::string_view text = source.text().substr(expr->range.begin, expr->range.end - expr->range.begin);
  return std::string(text);
}

template <typename Exprs> std::string listOf(const SourceText &source, const Exprs &items) {
  std::vector<std::string> parts;
  for (const Expr *item : items) parts.push_back(sourceOf(source, item));
  return fmt::format("({}{})", fmt::join(parts, ", "), parts.size() == 1 ? "," : "");
}

std::string describeBuffer(const SourceText &source, const AbiParam &param) {
  const Buffer &buffer = *param.buffer;
  std::string shape = buffer.shape ? listOf(source, *buffer.shape) : "?";
  std::string layout = "row-major";
  if (buffer.strides && !buffer.strides->items.empty()) layout = "strides " + listOf(source, buffer.strides->items);
  if (buffer.declaration)
    if (const Expr *offset = buffer.declaration->keyword("elem_offset"))
      layout += ", elem_offset " + sourceOf(source, offset);
  return fmt::format("{}: {}, shape {}, {}", param.name, param.dtype.str(), shape, layout);
}

} // namespace

std::string headerText(const std::vector<FunctionAbi> &functions, const SourceText &source) {
  std::string out = "/* Native entry points compiled by tvmscript. */\n"
                    "#ifndef TVMSCRIPT_MODULE_H\n#define TVMSCRIPT_MODULE_H\n\n"
                    "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
                    "/* Set to a message when a function returns non-zero (a failed assert, out of memory). */\n"
                    "extern const char *tvmscript_last_error;\n";
  bool anyRelax = std::any_of(functions.begin(), functions.end(),
                              [](const FunctionAbi &abi) { return abi.isRelax && abi.isPublic; });
  if (anyRelax)
    out += "\n/* Relax functions take DLPack tensors (dlpack.h); the layout, when that header is absent. */\n"
           "#ifndef DLPACK_DLPACK_H_\n"
           "typedef struct { int32_t device_type; int32_t device_id; } DLDevice;\n"
           "typedef struct { uint8_t code; uint8_t bits; uint16_t lanes; } DLDataType;\n"
           "typedef struct {\n  void *data;\n  DLDevice device;\n  int32_t ndim;\n  DLDataType dtype;\n"
           "  int64_t *shape;\n  int64_t *strides;\n  uint64_t byte_offset;\n} DLTensor;\n#endif\n";
  for (const FunctionAbi &abi : functions) {
    if (!abi.isPublic) continue;
    if (abi.isRelax) {
      std::vector<std::string> params;
      out += fmt::format("\n/* {} (Relax): compact CPU tensors; outputs allocated by the caller\n", abi.symbol);
      for (const AbiParam &param : abi.params) {
        if (param.kind != AbiParam::Kind::Tensor) continue;
        params.push_back(fmt::format("DLTensor *{}", param.name));
        out += fmt::format(" *   {}{}: {}, shape {}\n", param.name, param.isOutput ? " (output)" : "", param.dtype.str(),
                           listOf(source, param.dimensions));
      }
      out += " * Returns 0; -2 wrong ndim, -3 wrong dtype, -4 wrong shape, -5 not compact, -6 not on the CPU,\n"
             " * or what a called PrimFunc returns (the message is in tvmscript_last_error). */\n";
      out += fmt::format("int32_t {}({});\n", abi.symbol, fmt::join(params, ", "));
      continue;
    }
    std::vector<std::string> params, notes;
    for (const AbiParam &param : abi.params) {
      switch (param.kind) {
      case AbiParam::Kind::Buffer:
        params.push_back(fmt::format("{} *__restrict {}", cTypeOf(param.dtype), param.name));
        notes.push_back(describeBuffer(source, param));
        break;
      case AbiParam::Kind::Pointer: params.push_back(fmt::format("void *{}", param.name)); break;
      case AbiParam::Kind::Scalar:
        params.push_back(fmt::format("{} {}", param.dtype.isBool() ? "_Bool" : cTypeOf(param.dtype), param.name));
        break;
      case AbiParam::Kind::ShapeVar:
        params.push_back(fmt::format("int64_t {}", param.name));
        notes.push_back(fmt::format("{}: shape variable ({})", param.name, param.dtype.str()));
        break;
      }
    }
    out += fmt::format("\n/* {}\n", abi.symbol);
    for (const std::string &note : notes) out += fmt::format(" *   {}\n", note);
    out += " * Returns 0, or non-zero when an assertion fails. */\n";
    out += fmt::format("int32_t {}({});\n", abi.symbol, params.empty() ? "void" : fmt::format("{}", fmt::join(params, ", ")));
  }
  out += "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
  return out;
}

} // namespace tvmscript
