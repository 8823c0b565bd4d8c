// First-occurrence binding with a linear solve.
#include "ShapeUnifier.h"


namespace tvmscript {

bool ShapeUnifier::isBindable(uint32_t atom) const {
  if (Atoms.kindOf(atom) != AtomTable::Kind::Variable || Bindings.count(atom)) return false;
  const Symbol *symbol = Atoms.symbolOf(atom);
  bool variable = !symbol || symbol->kind == SymbolKind::ShapeVar || symbol->kind == SymbolKind::Param;
  return variable && Callee.contains(Atoms.originOf(atom));
}

void ShapeUnifier::bind(const Poly &calleeVariable, const Poly &value) {
  if (auto atom = calleeVariable.asAtom(); atom && isBindable(*atom)) Bindings[*atom] = value;
}

Relation ShapeUnifier::match(const Poly &expected, const Poly &actual) {
  Poly resolved = resolve(expected);
  // Find a bindable variable that occurs exactly once, linearly: resolved = c * v + rest.
  std::optional<uint32_t> variable;
  int64_t coefficient = 0;
  bool solvable = true;
  for (const auto &[monomial, c] : resolved.terms()) {
    for (uint32_t atom : monomial) {
      if (!isBindable(atom)) continue;
      if (variable || monomial.size() != 1) solvable = false; // nonlinear, or two unknowns
      variable = atom;
      coefficient = c;
    }
  }
  if (!variable) return compare(resolved, actual);
  if (!solvable) return Relation::Unknown;
  Poly rest = resolved - Poly::atom(*variable) * Poly::constant(coefficient);
  Poly numerator = actual - rest;
  if (!numerator.divisibleBy(coefficient)) {
    // No integer solves c * v = k; anything symbolic stays unknown.
    return numerator.asConstant() ? Relation::Different : Relation::Unknown;
  }
  Bindings[*variable] = numerator.exactDivide(coefficient);
  return Relation::Equal;
}

} // namespace tvmscript
