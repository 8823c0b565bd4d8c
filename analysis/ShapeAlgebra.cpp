// Canonical polynomials and the atoms they range over.
#include "ShapeAlgebra.h"

#include "ScriptModel.h"

#include <algorithm>
#include <fmt/format.h>

namespace tvmscript {
namespace {

/// Floor division and modulo with Python's signs.
int64_t floorDivide(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floorModulo(int64_t a, int64_t b) { return a - floorDivide(a, b) * b; }

/// A key that identifies a polynomial's canonical form, for interning compound atoms.
std::string keyOf(const Poly &poly) {
  std::string key;
  for (const auto &[monomial, coefficient] : poly.terms()) {
    key += std::to_string(coefficient);
    for (uint32_t atom : monomial) key += "*" + std::to_string(atom);
    key += ";";
  }
  return key;
}

} // namespace

Poly Poly::constant(int64_t value) {
  Poly poly;
  poly.add({}, value);
  return poly;
}

Poly Poly::atom(uint32_t id) {
  Poly poly;
  poly.add({id}, 1);
  return poly;
}

void Poly::add(const Monomial &monomial, int64_t coefficient) {
  if (coefficient == 0) return;
  int64_t &slot = Terms[monomial];
  if (__builtin_add_overflow(slot, coefficient, &slot)) Unknown = true;
  if (slot == 0) Terms.erase(monomial);
}

std::optional<int64_t> Poly::asConstant() const {
  if (Unknown) return std::nullopt;
  if (Terms.empty()) return 0;
  if (Terms.size() == 1 && Terms.begin()->first.empty()) return Terms.begin()->second;
  return std::nullopt;
}

std::optional<uint32_t> Poly::asAtom() const {
  if (!Unknown && Terms.size() == 1 && Terms.begin()->first.size() == 1 && Terms.begin()->second == 1)
    return Terms.begin()->first[0];
  return std::nullopt;
}

bool Poly::divisibleBy(int64_t divisor) const {
  if (Unknown || divisor == 0) return false;
  if (divisor == -1) return true; // (and INT64_MIN % -1 is undefined)
  return std::all_of(Terms.begin(), Terms.end(), [&](const auto &term) { return term.second % divisor == 0; });
}

Poly Poly::exactDivide(int64_t divisor) const {
  if (divisor == -1) return -*this;
  Poly result;
  result.Unknown = Unknown;
  for (const auto &[monomial, coefficient] : Terms) result.add(monomial, coefficient / divisor);
  return result;
}

Poly operator+(const Poly &a, const Poly &b) {
  Poly result = a;
  result.Unknown |= b.Unknown;
  for (const auto &[monomial, coefficient] : b.Terms) result.add(monomial, coefficient);
  return result;
}

Poly operator-(const Poly &a, const Poly &b) {
  Poly result = a;
  result.Unknown |= b.Unknown;
  for (const auto &[monomial, coefficient] : b.Terms) {
    int64_t negated;
    if (__builtin_sub_overflow(int64_t{0}, coefficient, &negated)) result.Unknown = true;
    else result.add(monomial, negated);
  }
  return result;
}

Poly operator*(const Poly &a, const Poly &b) {
  Poly result;
  result.Unknown = a.Unknown || b.Unknown;
  if (a.Terms.size() * b.Terms.size() > Poly::kMaxTerms) {
    result.Unknown = true; // expanding it would cost more than it could prove
    return result;
  }
  for (const auto &[ma, ca] : a.Terms) {
    for (const auto &[mb, cb] : b.Terms) {
      if (ma.size() + mb.size() > Poly::kMaxDegree) { // no extent is a polynomial of such degree
        result.Unknown = true;
        return result;
      }
      Poly::Monomial monomial = ma;
      monomial.insert(monomial.end(), mb.begin(), mb.end());
      std::sort(monomial.begin(), monomial.end());
      int64_t product;
      if (__builtin_mul_overflow(ca, cb, &product)) result.Unknown = true;
      else result.add(monomial, product);
    }
  }
  return result;
}

Relation compare(const Poly &a, const Poly &b) {
  std::optional<int64_t> difference = (a - b).asConstant();
  if (!difference) return Relation::Unknown;
  return *difference == 0 ? Relation::Equal : Relation::Different;
}

Poly AtomTable::intern(Atom atom, const std::string &key) {
  auto [it, inserted] = Keys.emplace(key, static_cast<uint32_t>(Atoms.size()));
  if (inserted) Atoms.push_back(std::move(atom));
  return Poly::atom(it->second);
}

Poly AtomTable::variable(const Symbol *symbol) {
  return intern({Kind::Variable, symbol, {}, 0, {}, symbol->definition.begin},
                fmt::format("v{}", static_cast<const void *>(symbol)));
}

Poly AtomTable::anonymousVariable(uint32_t origin, const std::string &display) {
  return intern({Kind::Variable, nullptr, {}, 0, display, origin}, fmt::format("a{}", origin));
}

Poly AtomTable::opaque(const std::string &key, const std::string &display) {
  return intern({Kind::Opaque, nullptr, {}, 0, display}, "o" + key);
}

Poly AtomTable::floorDiv(const Poly &a, int64_t divisor) {
  if (divisor == 1 || a.isUnknown()) return a;
  if (divisor == -1) return -a;
  if (auto value = a.asConstant(); value && divisor != 0) return Poly::constant(floorDivide(*value, divisor));
  if (a.divisibleBy(divisor)) return a.exactDivide(divisor);
  return intern({Kind::FloorDiv, nullptr, {a}, divisor, {}}, fmt::format("d{}/{}", keyOf(a), divisor));
}

Poly AtomTable::floorMod(const Poly &a, int64_t divisor) {
  if (a.isUnknown()) return a;
  if (divisor == 1 || divisor == -1 || a.divisibleBy(divisor)) return Poly::constant(0);
  if (auto value = a.asConstant(); value && divisor != 0) return Poly::constant(floorModulo(*value, divisor));
  return intern({Kind::FloorMod, nullptr, {a}, divisor, {}}, fmt::format("m{}/{}", keyOf(a), divisor));
}

Poly AtomTable::min(const Poly &a, const Poly &b) {
  if (auto difference = (a - b).asConstant()) return *difference <= 0 ? a : b;
  const Poly &low = a < b ? a : b, &high = a < b ? b : a; // min is symmetric: one key
  return intern({Kind::Min, nullptr, {low, high}, 0, {}}, "n" + keyOf(low) + "|" + keyOf(high));
}

Poly AtomTable::max(const Poly &a, const Poly &b) {
  if (auto difference = (a - b).asConstant()) return *difference >= 0 ? a : b;
  const Poly &low = a < b ? a : b, &high = a < b ? b : a;
  return intern({Kind::Max, nullptr, {low, high}, 0, {}}, "x" + keyOf(low) + "|" + keyOf(high));
}

Poly AtomTable::substitute(const Poly &poly, const std::map<uint32_t, Poly> &bindings) {
  Poly result;
  for (const auto &[monomial, coefficient] : poly.terms()) {
    Poly term = Poly::constant(coefficient);
    for (uint32_t id : monomial) {
      // Copy what is needed first: building new atoms may grow Atoms.
      Atom atom = Atoms[id];
      Poly value;
      switch (atom.kind) {
      case Kind::Variable: {
        auto bound = bindings.find(id);
        value = bound != bindings.end() ? bound->second : Poly::atom(id);
        break;
      }
      case Kind::FloorDiv: value = floorDiv(substitute(atom.operands[0], bindings), atom.divisor); break;
      case Kind::FloorMod: value = floorMod(substitute(atom.operands[0], bindings), atom.divisor); break;
      case Kind::Min:
        value = min(substitute(atom.operands[0], bindings), substitute(atom.operands[1], bindings));
        break;
      case Kind::Max:
        value = max(substitute(atom.operands[0], bindings), substitute(atom.operands[1], bindings));
        break;
      case Kind::Opaque: value = Poly::atom(id); break;
      }
      term = term * value;
    }
    result = result + term;
  }
  return result;
}

std::string AtomTable::atomText(uint32_t id) const {
  const Atom &atom = Atoms[id];
  auto wrapped = [&](const Poly &poly) {
    std::string text = str(poly);
    return poly.terms().size() > 1 ? "(" + text + ")" : text;
  };
  switch (atom.kind) {
  case Kind::Variable: return atom.symbol ? atom.symbol->name : atom.display;
  case Kind::FloorDiv: return fmt::format("{} // {}", wrapped(atom.operands[0]), atom.divisor);
  case Kind::FloorMod: return fmt::format("{} % {}", wrapped(atom.operands[0]), atom.divisor);
  case Kind::Min: return fmt::format("T.min({}, {})", str(atom.operands[0]), str(atom.operands[1]));
  case Kind::Max: return fmt::format("T.max({}, {})", str(atom.operands[0]), str(atom.operands[1]));
  case Kind::Opaque: return atom.display;
  }
  return "?";
}

std::string AtomTable::str(const Poly &poly) const {
  if (poly.isZero()) return "0";
  std::string text;
  // Highest-degree terms first, the constant last, as people write extents.
  std::vector<std::pair<Poly::Monomial, int64_t>> terms(poly.terms().begin(), poly.terms().end());
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
  if (poly.isUnknown()) return "?";
  for (const auto &[monomial, coefficient] : terms) {
    uint64_t magnitude = coefficient < 0 ? 0 - static_cast<uint64_t>(coefficient) : static_cast<uint64_t>(coefficient);
    text += text.empty() ? (coefficient < 0 ? "-" : "") : (coefficient < 0 ? " - " : " + ");
    std::string factors;
    bool alone = monomial.size() == 1 && magnitude == 1;
    for (uint32_t id : monomial) {
      std::string atom = atomText(id);
      if (!alone && (Atoms[id].kind == Kind::FloorDiv || Atoms[id].kind == Kind::FloorMod)) atom = "(" + atom + ")";
      factors += (factors.empty() ? "" : " * ") + atom;
    }
    if (factors.empty()) text += std::to_string(magnitude);
    else if (magnitude == 1) text += factors;
    else text += factors + " * " + std::to_string(magnitude);
  }
  return text;
}

} // namespace tvmscript
