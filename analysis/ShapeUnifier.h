// Unification of a callee's symbolic extents with a caller's (SPEC §4.1): the first occurrence of
// a callee shape variable binds it; every later occurrence must be provably equal.
#pragma once

#include "ScriptModel.h"
#include "ShapeAlgebra.h"

#include <map>

namespace tvmscript {

class ShapeUnifier {
public:
  /// Unifies against `callee`: only variables defined inside it (its shape variables and
  /// scalar parameters) are ever bound; the caller's are values to compare with.
  ShapeUnifier(AtomTable &atoms, const Function &callee) : Atoms(atoms), Callee(callee.range) {}

  /// Binds a callee variable (a scalar parameter, a tir_var) to the caller's value.
  void bind(const Poly &calleeVariable, const Poly &value);

  /// Matches the callee's extent `expected` with the caller's `actual`. When `expected` still
  /// has one unbound callee variable, linearly (`n`, `2 * n + 1`), it is solved for and bound:
  /// Equal, or Different when no integer solves it. Otherwise the two are compared.
  Relation match(const Poly &expected, const Poly &actual);

  /// `expected` with every binding made so far substituted.
  Poly resolve(const Poly &expected) { return Atoms.substitute(expected, Bindings); }

private:
  /// Variables that unification may bind: the callee's shape variables and scalar parameters
  /// (a module-level constant is the same value on both sides, so it never binds).
  bool isBindable(uint32_t atom) const;

  AtomTable &Atoms;
  Range Callee;
  std::map<uint32_t, Poly> Bindings;
};

} // namespace tvmscript
