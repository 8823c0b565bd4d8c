// What a TIR call argument is (a buffer, a region, an element, a pointer, a scalar) and the
// extents it covers, in the caller's terms.
#pragma once

#include "Extents.h"
#include "ScriptModel.h"

#include <optional>
#include <vector>

namespace tvmscript {

struct TirArgument {
  /// Unknown: a value whose kind cannot be told statically (a call TVM types at run time).
  enum class Kind : uint8_t { Buffer, Region, Element, Pointer, Scalar, Unknown };
  Kind kind = Kind::Scalar;
  const Expr *expr = nullptr;
  const Buffer *buffer = nullptr; // Buffer, Region, Element, Pointer (when it points into one)
  /// Buffer and Region: per caller dimension, the start, the extent and the expression that
  /// gave it (a slice or an index; the whole argument for a buffer).
  std::vector<Poly> starts;
  std::vector<Poly> extents;
  std::vector<const Expr *> dimensions;
  /// Buffer, Region, Pointer: the caller buffer's shape, when written out.
  std::optional<std::vector<Poly>> bufferShape;
  /// Pointer: how many elements from the pointer to the end of its buffer.
  std::optional<Poly> available;
};

/// Classifies `expr`: a buffer `A`, a region `A[0:4, j]` (at least one slice), an element
/// `A[i, j]`, a pointer `A.data` / `T.address_of(A[i])`, or anything else (a scalar).
TirArgument describeArgument(const Expr &expr, ExtentBuilder &extents);

/// The product of `dims` (the element count of a compact buffer).
Poly elementCount(const std::vector<Poly> &dims);

} // namespace tvmscript
