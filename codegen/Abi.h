// The native signature of a PrimFunc (SPEC §6): which argument carries what, in which order.
// Shared by lowering, the C header, `tvmscript run` and the executables' argument handling.
#pragma once

#include "ScriptModel.h"

#include <string>
#include <vector>

namespace tvmscript {

/// One argument of the native function.
struct AbiParam {
  enum class Kind : uint8_t {
    Buffer,   // element pointer to a buffer's storage (`T.Buffer` or a matched `T.handle`)
    Pointer,  // an untyped or typed handle that no buffer matches
    Scalar,   // a scalar parameter, as itself
    ShapeVar, // a symbolic variable no scalar parameter binds, as int64_t
  };
  Kind kind = Kind::Buffer;
  std::string name;
  /// Buffer: the element type; Scalar and ShapeVar: the variable's own type (a shape variable
  /// declared `T.int32()` is still passed as int64_t and narrowed on entry).
  DType dtype;
  const Buffer *buffer = nullptr; // Buffer
  const Symbol *symbol = nullptr; // the parameter, or the shape variable
};

/// The C-level view of one PrimFunc.
struct FunctionAbi {
  const Function *function = nullptr;
  /// The linked name: `global_symbol` from `T.func_attr` when given, else the function's name.
  std::string symbol;
  bool isPublic = true;
  /// Buffers and pointers in declaration order, then scalars in declaration order, then shape
  /// variables in order of first appearance in the parameters' buffer declarations (signature
  /// annotations, then `T.match_buffer` statements, in source order; shape, strides,
  /// elem_offset).
  std::vector<AbiParam> params;
};

/// The ABI of `function`. Parameters whose kind cannot be known (no annotation) are reported by
/// lowering; here they count as scalars.
FunctionAbi abiOf(const Function &function);

/// For each dimension of buffer parameter `param` of `abi`, the index of the scalar or
/// shape-variable parameter that the extent is (bound from an input's shape), or -1.
std::vector<int> dimParams(const FunctionAbi &abi, const AbiParam &param);

/// The C type of an element or scalar of `dtype` ("float", "int8_t", "uint16_t" for bfloat16,
/// "_Float16" for float16, "void*" for handles).
std::string cTypeOf(const DType &dtype);

} // namespace tvmscript
