// Symbolic extents (SPEC §4.4): integer polynomials over shape variables, with constant
// floordiv/floormod and min/max kept as canonical atoms, decided equal or different on the
// canonical form of their difference.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tvmscript {

struct Symbol;
class AtomTable;

/// A polynomial with int64 coefficients over atoms (AtomTable ids). Canonical by construction:
/// no zero coefficients, monomials sorted, so equal polynomials compare equal. A coefficient
/// that overflows, or a product with more than kMaxTerms terms or of degree above kMaxDegree,
/// marks the polynomial unknown:
/// nothing is provable about it.
class Poly {
public:
  using Monomial = std::vector<uint32_t>; // sorted atom ids; empty = the constant term

  static constexpr size_t kMaxTerms = 256;
  static constexpr size_t kMaxDegree = 16;

  Poly() = default;
  static Poly constant(int64_t value);
  static Poly atom(uint32_t id);

  /// The value, when the polynomial is a constant.
  std::optional<int64_t> asConstant() const;
  /// The atom, when the polynomial is exactly one atom with coefficient 1.
  std::optional<uint32_t> asAtom() const;
  bool isZero() const { return Terms.empty() && !Unknown; }
  /// Whether arithmetic overflowed or grew too large: then nothing is provable about it.
  bool isUnknown() const { return Unknown; }
  /// Whether every coefficient (including the constant) is divisible by `divisor`.
  bool divisibleBy(int64_t divisor) const;
  /// Divides every coefficient by `divisor`, which must divide them all.
  Poly exactDivide(int64_t divisor) const;

  const std::map<Monomial, int64_t> &terms() const { return Terms; }

  friend Poly operator+(const Poly &a, const Poly &b);
  friend Poly operator-(const Poly &a, const Poly &b);
  friend Poly operator*(const Poly &a, const Poly &b);
  friend Poly operator-(const Poly &a) { return Poly() - a; }
  friend bool operator==(const Poly &a, const Poly &b) = default;
  friend bool operator<(const Poly &a, const Poly &b) { return a.Terms < b.Terms; }

private:
  void add(const Monomial &monomial, int64_t coefficient);
  std::map<Monomial, int64_t> Terms;
  bool Unknown = false;
};

/// What can be said of two extents.
enum class Relation { Equal, Different, Unknown };

/// Equal when the canonical difference is zero; different when it is a non-zero constant.
Relation compare(const Poly &a, const Poly &b);

/// Interns the atoms polynomials are built from, and builds the non-polynomial operations so
/// that they fold where they can: `(4*n) // 4` is `n`, `min(n, n + 1)` is `n`.
class AtomTable {
public:
  enum class Kind : uint8_t { Variable, FloorDiv, FloorMod, Min, Max, Opaque };

  /// A shape variable (or any named value) of the model.
  Poly variable(const Symbol *symbol);
  /// A variable with no name, declared at `origin`: `T.int64()` written inside a shape.
  Poly anonymousVariable(uint32_t origin, const std::string &display);
  /// A value nothing can be said about; `key` distinguishes them (equal keys, equal values).
  Poly opaque(const std::string &key, const std::string &display);

  Poly floorDiv(const Poly &a, int64_t divisor);
  Poly floorMod(const Poly &a, int64_t divisor);
  Poly min(const Poly &a, const Poly &b);
  Poly max(const Poly &a, const Poly &b);

  /// `poly` with variables replaced by `bindings` (keyed by atom id); compound atoms are
  /// rebuilt from their substituted operands, so they fold again where they can.
  Poly substitute(const Poly &poly, const std::map<uint32_t, Poly> &bindings);

  Kind kindOf(uint32_t atom) const { return Atoms[atom].kind; }
  const Symbol *symbolOf(uint32_t atom) const { return Atoms[atom].symbol; }
  /// FloorDiv/FloorMod: {a} (with divisorOf); Min/Max: {a, b}.
  const std::vector<Poly> &operandsOf(uint32_t atom) const { return Atoms[atom].operands; }
  int64_t divisorOf(uint32_t atom) const { return Atoms[atom].divisor; }
  /// Where a variable is declared (its symbol's definition, or an anonymous one's origin).
  uint32_t originOf(uint32_t atom) const { return Atoms[atom].origin; }

  /// Python-like text for messages: "n * 2 + 1", "(n + 3) // 4".
  std::string str(const Poly &poly) const;

private:
  struct Atom {
    Kind kind;
    const Symbol *symbol = nullptr; // Variable
    std::vector<Poly> operands;     // FloorDiv/FloorMod: {a}; Min/Max: {a, b}
    int64_t divisor = 0;
    std::string display;            // Opaque, anonymous Variable
    uint32_t origin = 0;            // Variable
  };
  Poly intern(Atom atom, const std::string &key);
  std::string atomText(uint32_t id) const;

  std::vector<Atom> Atoms;
  std::map<std::string, uint32_t> Keys;
};

} // namespace tvmscript
