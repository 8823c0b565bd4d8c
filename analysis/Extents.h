// Extents of the model as polynomials: buffer dimensions, region slices, Relax shapes.
#pragma once

#include "ScriptModel.h"
#include "ShapeAlgebra.h"

#include <map>
#include <optional>
#include <vector>

namespace tvmscript {

/// Turns model expressions into polynomials over one AtomTable. Expressions that are not
/// integer arithmetic over known values become opaque atoms: equal only to themselves.
class ExtentBuilder {
public:
  ExtentBuilder(const ScriptModel &model, AtomTable &atoms) : Model(model), Atoms(atoms) {}

  /// `16`, `n * 2`, `T.int64(4)`, `T.floordiv(n, 4)`, `T.max(a, b)`, and Relax's string
  /// dimensions (`"n * 2"`, whose names resolve through the model's reference index).
  Poly of(const Expr &expr);

  /// The dimensions of a buffer, or nullopt when its shape is not written out.
  std::optional<std::vector<Poly>> shapeOf(const Buffer &buffer);

  AtomTable &atoms() { return Atoms; }
  const ScriptModel &model() const { return Model; }

private:
  Poly ofString(const Expr &string);
  Poly opaque(const Expr &expr);

  const ScriptModel &Model;
  AtomTable &Atoms;
  int Depth = 0; // lets are expanded, with a bound
  std::map<const Symbol *, Poly> Lets;
};

} // namespace tvmscript
