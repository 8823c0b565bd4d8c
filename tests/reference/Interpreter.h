// An independent reference interpreter for TIR PrimFuncs of the script model: runs a function on
// caller-provided memory with TVM's semantics (TVMSCRIPT.md §8), as the oracle that compiled code
// is compared against. It shares the parser and the model with the compiler, nothing else.
#pragma once

#include "ScriptModel.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tvmscript::reference {

/// One argument in the native ABI's order (SPEC §6): buffer parameters' element storage in
/// declaration order, then scalar parameters, then every symbolic shape variable not bound by a
/// scalar parameter, as int64, in first-appearance order.
struct Argument {
  void *data = nullptr;  // buffers: the element storage (row-major or as declared strides)
  int64_t intValue = 0;  // integer/bool scalars and shape variables
  double floatValue = 0; // float scalars
};

/// Interprets `function` (a PrimFunc of `model`) on `arguments`. Returns 0, or a non-zero code
/// when a T.Assert fails. Throws std::runtime_error naming the construct it does not support.
///
/// Also throws (rather than guessing) on undefined behaviour of the generated code: an element
/// access outside the memory it was given or allocated, integer division by zero, shifts out of
/// range, float-to-int conversions out of range. Buffers allocated by the function start filled
/// with 0xCD bytes, so reading them before writing shows.
int32_t run(const ScriptModel &model, const Function &function,
            std::span<const Argument> arguments);

/// Values of symbolic shape variables (and scalar parameters used in shapes), by name.
using Bindings = std::map<std::string, int64_t>;

/// How many elements the storage of `buffer` must hold when its shape (and strides and
/// elem_offset) use `bindings`: the product of the extents for a compact buffer, otherwise
/// elem_offset + Σ (extent_i - 1) · stride_i + 1; zero when an extent is zero. Works for
/// parameter annotations, T.match_buffer on a handle, T.alloc_buffer and T.decl_buffer. Throws
/// when a name in the layout is missing from `bindings`, or for a match_buffer on a region.
int64_t elementCount(const Buffer &buffer, const Bindings &bindings);

/// One slot of a PrimFunc's native signature, in ABI order (see Argument).
struct AbiSlot {
  enum class Kind : uint8_t {
    Buffer,        // a T.Buffer parameter, or a T.handle bound by T.match_buffer
    Pointer,       // a T.handle("dtype") or an unbound T.handle parameter: storage of unknown size
    Scalar,        // a scalar parameter
    ShapeVariable, // a symbolic variable no scalar parameter binds
  };
  Kind kind = Kind::Scalar;
  std::string name;               // the parameter's or variable's name
  const Buffer *buffer = nullptr; // Kind::Buffer
  const Symbol *symbol = nullptr; // the parameter or the variable
  std::string dtype;              // element dtype (Buffer, Pointer when declared) or scalar dtype
};

/// The native signature of `function`: Buffer and Pointer slots (parameter order), Scalar slots
/// (parameter order), then ShapeVariable slots ordered by where each variable first appears in
/// the source (its definition: `n = T.int64()`, or its first use in a signature shape).
std::vector<AbiSlot> abiSignature(const ScriptModel &model, const Function &function);

/// The run configurations a kernel file declares, one per `# run: n=7, m=3` comment line, in
/// file order; a single empty configuration when there is none. Throws on a malformed line.
std::vector<Bindings> runConfigurations(std::string_view source);

} // namespace tvmscript::reference
