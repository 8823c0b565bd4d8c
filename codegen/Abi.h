// The native signature of a PrimFunc (SPEC §6): which argument carries what, in which order.
// Shared by lowering, the C header, `tvmscript run` and the executables' argument handling.
#pragma once

#include "ScriptModel.h"

#include <optional>
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
    Tensor,   // a Relax function's DLTensor*: its inputs, then its outputs
  };
  Kind kind = Kind::Buffer;
  std::string name;
  /// Buffer: the element type; Scalar and ShapeVar: the variable's own type (a shape variable
  /// declared `T.int32()` is still passed as int64_t and narrowed on entry).
  DType dtype;
  const Buffer *buffer = nullptr; // Buffer
  const Symbol *symbol = nullptr; // the parameter, or the shape variable
  /// Tensor: an output the caller allocates (destination passing), or an input.
  bool isOutput = false;
  /// Tensor: the dimensions as written, and for each the index of the ShapeVar parameter it
  /// binds (or -1).
  std::vector<const Expr *> dimensions;
  std::vector<int> dimensionParams;
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
  /// A Relax function: its input tensors, its output tensors, then its shape variables, which
  /// are not arguments of the native function (the DLTensors carry them) but what a runner
  /// binds to build those tensors.
  std::vector<AbiParam> params;
  bool isRelax = false;
};

/// The ABI of `function`. Parameters whose kind cannot be known (no annotation) are reported by
/// lowering; here they count as scalars.
FunctionAbi abiOf(const Function &function);

/// The ABI of a Relax function whose body is R.call_tir-family bindings: `int32_t f(DLTensor
/// *inputs..., DLTensor *outputs...)`. The outputs are the returned tensors (a tuple gives
/// several). Nullopt, with `problem` set, when a parameter or the result is not a tensor of
/// known dtype and rank.
std::optional<FunctionAbi> relaxAbiOf(const ScriptModel &model, const Function &function, std::string &problem);

/// The statements of a Relax function before its return (dataflow blocks flattened), and the
/// return statement (null when there is none).
std::vector<const Stmt *> relaxBindings(const Function &function, const Stmt **returned);

/// For each dimension of buffer parameter `param` of `abi`, the index of the scalar or
/// shape-variable parameter that the extent is (bound from an input's shape), or -1.
std::vector<int> dimParams(const FunctionAbi &abi, const AbiParam &param);

/// The runtime/Runner.h kind (enum tvmscript_param_kind) of an ABI parameter: a Relax tensor
/// is a buffer to the runner, whose call wrapper builds the DLTensor.
int runnerKind(AbiParam::Kind kind);

/// The C type of an element or scalar of `dtype` ("float", "int8_t", "uint16_t" for bfloat16,
/// "_Float16" for float16, "void*" for handles).
std::string cTypeOf(const DType &dtype);

} // namespace tvmscript
