// The shape algebra: canonical forms, provable equality and difference, folding of the
// non-polynomial operations, substitution, and unification's binding rules.
#include "ScriptModel.h"
#include "ShapeAlgebra.h"
#include "ShapeUnifier.h"

#include <gtest/gtest.h>

namespace tvmscript {
namespace {

Symbol makeSymbol(SymbolKind kind, const char *name, uint32_t at) {
  Symbol symbol;
  symbol.kind = kind;
  symbol.name = name;
  symbol.definition = {at, at + 1};
  return symbol;
}

/// Two named symbols to build polynomials from, as the model would provide them.
struct Vars {
  Symbol n = makeSymbol(SymbolKind::ShapeVar, "n", 10);
  Symbol m = makeSymbol(SymbolKind::ShapeVar, "m", 20);
  AtomTable atoms;
  Poly N = atoms.variable(&n), M = atoms.variable(&m);
  Poly c(int64_t value) { return Poly::constant(value); }
};

TEST(ShapeAlgebra, CanonicalFormMakesEqualExpressionsEqual) {
  Vars v;
  EXPECT_EQ((v.N + v.c(1)) * (v.N - v.c(1)), v.N * v.N - v.c(1));
  EXPECT_EQ(v.N * v.M + v.M * v.N, v.c(2) * v.M * v.N);
  EXPECT_EQ(compare(v.N * v.c(4) - v.N * v.c(4), v.c(0)), Relation::Equal);
  EXPECT_TRUE((v.N - v.N).isZero());
  EXPECT_EQ(v.atoms.str(v.N * v.N * v.c(2) + v.M - v.c(3)), "n * n * 2 + m - 3");
}

TEST(ShapeAlgebra, DifferentOnlyWhenTheDifferenceIsAConstant) {
  Vars v;
  EXPECT_EQ(compare(v.N + v.c(1), v.N), Relation::Different);
  EXPECT_EQ(compare(v.c(16), v.c(8)), Relation::Different);
  EXPECT_EQ(compare(v.N, v.c(16)), Relation::Unknown);
  EXPECT_EQ(compare(v.N, v.M), Relation::Unknown);
  EXPECT_EQ(compare(v.N * v.c(2), v.N), Relation::Unknown); // equal when n == 0
}

TEST(ShapeAlgebra, FloorDivisionAndModuloFoldWherePossible) {
  Vars v;
  EXPECT_EQ(v.atoms.floorDiv(v.N * v.c(4) + v.c(8), 4), v.N + v.c(2));
  EXPECT_EQ(v.atoms.floorMod(v.N * v.c(4) + v.c(8), 4), v.c(0));
  EXPECT_EQ(v.atoms.floorDiv(v.c(-7), 2), v.c(-4)); // Python's floor, not C's truncation
  EXPECT_EQ(v.atoms.floorMod(v.c(-7), 2), v.c(1));
  EXPECT_EQ(v.atoms.floorDiv(v.c(7), -2), v.c(-4));
  // Unfoldable ones are atoms: the same expression twice is the same atom.
  Poly half = v.atoms.floorDiv(v.N + v.c(1), 2);
  EXPECT_EQ(compare(half, v.atoms.floorDiv(v.c(1) + v.N, 2)), Relation::Equal);
  EXPECT_EQ(compare(half + v.c(1), half), Relation::Different);
  EXPECT_EQ(v.atoms.str(half), "(n + 1) // 2");
}

TEST(ShapeAlgebra, MinAndMax) {
  Vars v;
  EXPECT_EQ(v.atoms.min(v.N, v.N + v.c(3)), v.N);
  EXPECT_EQ(v.atoms.max(v.N, v.N + v.c(3)), v.N + v.c(3));
  EXPECT_EQ(v.atoms.min(v.N, v.M), v.atoms.min(v.M, v.N)); // symmetric
  EXPECT_EQ(compare(v.atoms.max(v.N, v.M), v.atoms.min(v.N, v.M)), Relation::Unknown);
}

TEST(ShapeAlgebra, SubstitutionRefoldsCompoundAtoms) {
  Vars v;
  uint32_t n = *v.N.asAtom();
  Poly quarter = v.atoms.floorDiv(v.N, 4);
  std::map<uint32_t, Poly> bindings{{n, v.M * v.c(8)}};
  EXPECT_EQ(v.atoms.substitute(quarter, bindings), v.M * v.c(2));
  EXPECT_EQ(v.atoms.substitute(v.atoms.min(v.N, v.c(100)), {{n, v.c(64)}}), v.c(64));
  EXPECT_EQ(v.atoms.substitute(v.N * v.N + v.M, {{n, v.c(3)}}), v.M + v.c(9));
}

TEST(ShapeUnifier, FirstOccurrenceBindsLaterOnesCompare) {
  // Unification binds only the callee's own variables: those defined inside its range.
  Vars v;
  Function callee;
  callee.range = {0, 100};
  Symbol callerK = makeSymbol(SymbolKind::Param, "k", 500);
  Poly K = v.atoms.variable(&callerK);
  ShapeUnifier unifier(v.atoms, callee);
  EXPECT_EQ(unifier.match(v.N, K), Relation::Equal);        // binds n := k
  EXPECT_EQ(unifier.match(v.N, K), Relation::Equal);        // n is k
  EXPECT_EQ(unifier.match(v.N, v.c(4)), Relation::Unknown); // k is the caller's: never bound
  EXPECT_EQ(unifier.match(v.N + v.c(1), K), Relation::Different);
  EXPECT_EQ(unifier.match(v.M * v.c(2) + v.c(1), v.c(9)), Relation::Equal); // solves m := 4
  EXPECT_EQ(unifier.resolve(v.M), v.c(4));
  ShapeUnifier odd(v.atoms, callee);
  EXPECT_EQ(odd.match(v.M * v.c(2), v.c(7)), Relation::Different); // no integer m
  EXPECT_EQ(odd.match(v.N * v.M, v.c(12)), Relation::Unknown);      // nonlinear
}

} // namespace
} // namespace tvmscript
