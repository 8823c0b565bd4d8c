// Expression → polynomial, including the small expression language of Relax string shapes.
#include "Extents.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace tvmscript {
namespace {

/// Recursive descent over a Relax shape string ("n * 2 + m // 4"): + - * // % and parentheses
/// over integers and names; names map to symbols through `lookup(offsetInString)`.
class StringShapeParser {
public:
  StringShapeParser(std::string_view text, AtomTable &atoms,
                    std::function<std::optional<Poly>(size_t, std::string_view)> name)
      : Text(text), Atoms(atoms), Name(std::move(name)) {}

  std::optional<Poly> parse() {
    auto result = sum();
    skip();
    return Position == Text.size() ? result : std::nullopt;
  }

private:
  void skip() {
    while (Position < Text.size() && Text[Position] == ' ') ++Position;
  }
  bool take(std::string_view token) {
    skip();
    if (Text.substr(Position, token.size()) != token) return false;
    Position += token.size();
    return true;
  }
  std::optional<Poly> sum() {
    auto left = product();
    while (left) {
      if (take("+")) left = combine(left, product(), [](Poly a, Poly b) { return a + b; });
      else if (take("-")) left = combine(left, product(), [](Poly a, Poly b) { return a - b; });
      else break;
    }
    return left;
  }
  std::optional<Poly> product() {
    auto left = unary();
    while (left) {
      if (take("//")) {
        auto right = unary();
        auto divisor = right ? right->asConstant() : std::nullopt;
        if (!divisor || *divisor == 0) return std::nullopt;
        left = Atoms.floorDiv(*left, *divisor);
      } else if (take("*")) {
        left = combine(left, unary(), [](Poly a, Poly b) { return a * b; });
      } else if (take("%")) {
        auto right = unary();
        auto divisor = right ? right->asConstant() : std::nullopt;
        if (!divisor || *divisor == 0) return std::nullopt;
        left = Atoms.floorMod(*left, *divisor);
      } else {
        break;
      }
    }
    return left;
  }
  std::optional<Poly> unary() {
    // Parentheses and signs nest: bound the recursion (a shape string is a line, not a program).
    if (++Depth > 100) return std::nullopt;
    struct Leave {
      int &depth;
      ~Leave() { --depth; }
    } leave{Depth};
    if (take("-")) {
      auto value = unary();
      return value ? std::optional(-*value) : std::nullopt;
    }
    if (take("(")) {
      auto value = sum();
      return take(")") ? value : std::nullopt;
    }
    skip();
    size_t start = Position;
    if (Position < Text.size() && std::isdigit(static_cast<unsigned char>(Text[Position]))) {
      int64_t value = 0;
      while (Position < Text.size() && std::isdigit(static_cast<unsigned char>(Text[Position])))
        if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, Text[Position++] - '0', &value))
          return std::nullopt;
      return Poly::constant(value);
    }
    while (Position < Text.size() &&
           (std::isalnum(static_cast<unsigned char>(Text[Position])) || Text[Position] == '_'))
      ++Position;
    if (Position == start) return std::nullopt;
    return Name(start, Text.substr(start, Position - start));
  }
  template <typename F>
  std::optional<Poly> combine(std::optional<Poly> left, std::optional<Poly> right, F f) {
    if (!left || !right) return std::nullopt;
    return f(*left, *right);
  }

  std::string_view Text;
  size_t Position = 0;
  int Depth = 0;
  AtomTable &Atoms;
  std::function<std::optional<Poly>(size_t, std::string_view)> Name;
};

bool isIntegerVariable(const Symbol &symbol) {
  switch (symbol.kind) {
  case SymbolKind::ShapeVar:
  case SymbolKind::LoopVar:
  case SymbolKind::BlockVar:
  case SymbolKind::Param:
  case SymbolKind::PythonName: // a module-level constant: unknown, but the same everywhere
  case SymbolKind::RelaxVar:
    return true;
  default: return false;
  }
}

} // namespace

Poly ExtentBuilder::opaque(const Expr &expr) {
  std::string_view text = Model.source().text().substr(expr.range.begin, expr.range.end - expr.range.begin);
  return Atoms.opaque(std::to_string(reinterpret_cast<uintptr_t>(&expr)), std::string(text));
}

Poly ExtentBuilder::of(const Expr &expr) {
  switch (expr.kind) {
  case ExprKind::Int: return Poly::constant(expr.intValue);
  case ExprKind::String: return ofString(expr);
  case ExprKind::Name: {
    const Symbol *symbol = expr.symbol;
    if (!symbol) return opaque(expr);
    // A let of an integer expression stands for its value (computed once per let).
    if (symbol->kind == SymbolKind::LetVar && symbol->value && Depth < 16) {
      if (auto cached = Lets.find(symbol); cached != Lets.end()) return cached->second;
      ++Depth;
      Poly value = of(*symbol->value);
      --Depth;
      Lets.emplace(symbol, value);
      return value;
    }
    return isIntegerVariable(*symbol) ? Atoms.variable(symbol) : opaque(expr);
  }
  case ExprKind::Unary:
    if (expr.unary == UnaryOp::Neg) return -of(*expr.items[0]);
    if (expr.unary == UnaryOp::Pos) return of(*expr.items[0]);
    return opaque(expr);
  case ExprKind::Binary: {
    Poly a = of(*expr.items[0]), b = of(*expr.items[1]);
    switch (expr.binary) {
    case BinaryOp::Add: return a + b;
    case BinaryOp::Sub: return a - b;
    case BinaryOp::Mul: return a * b;
    case BinaryOp::FloorDiv:
      if (auto divisor = b.asConstant(); divisor && *divisor != 0) return Atoms.floorDiv(a, *divisor);
      return opaque(expr);
    case BinaryOp::Mod:
      if (auto divisor = b.asConstant(); divisor && *divisor != 0) return Atoms.floorMod(a, *divisor);
      return opaque(expr);
    default: return opaque(expr);
    }
  }
  case ExprKind::Call: {
    const Builtin *callee = expr.base ? expr.base->builtin : nullptr;
    if (!callee || callee->dialect != Dialect::TIR) return opaque(expr);
    std::string_view name = callee->name;
    // `T.int64()` inside a shape declares a fresh, unnamed shape variable.
    bool onlySizeVar = std::all_of(expr.keywords.begin(), expr.keywords.end(),
                                   [](const Keyword &k) { return k.name == "is_size_var"; });
    if (expr.items.empty() && onlySizeVar) {
      auto dtype = parseDType(name);
      if (dtype && dtype->isInt()) return Atoms.anonymousVariable(expr.range.begin, std::string(name) + "()");
    }
    // Integer casts of extents (`T.int64(16)`, `T.int32(n)`) keep the value.
    if ((name == "int64" || name == "int32" || name == "int16" || name == "int8" || name == "uint32" ||
         name == "uint64") && expr.items.size() == 1)
      return of(*expr.items[0]);
    if (expr.items.size() != 2) return opaque(expr);
    Poly a = of(*expr.items[0]), b = of(*expr.items[1]);
    if (name == "min") return Atoms.min(a, b);
    if (name == "max") return Atoms.max(a, b);
    auto divisor = b.asConstant();
    if (name == "floordiv" && divisor && *divisor != 0) return Atoms.floorDiv(a, *divisor);
    if (name == "floormod" && divisor && *divisor != 0) return Atoms.floorMod(a, *divisor);
    if (name == "ceildiv" && divisor && *divisor > 0)
      return Atoms.floorDiv(a + Poly::constant(*divisor - 1), *divisor);
    return opaque(expr);
  }
  default: return opaque(expr);
  }
}

Poly ExtentBuilder::ofString(const Expr &string) {
  // The content starts after the opening quote; names inside were indexed by the model.
  std::string_view source = Model.source().text().substr(string.range.begin, string.range.end - string.range.begin);
  size_t quote = source.find_first_of("\"'");
  // Only a plain one-part string maps text offsets to source offsets (see defineShapeStrings).
  if (quote == std::string_view::npos || source.size() != quote + string.text.size() + 2 ||
      string.text.find('\\') != std::string::npos)
    return opaque(string);
  uint32_t base = string.range.begin + static_cast<uint32_t>(quote) + 1;
  StringShapeParser parser(string.text, Atoms, [&](size_t offset, std::string_view name) -> std::optional<Poly> {
    const SymbolReference *reference = Model.referenceAt(base + static_cast<uint32_t>(offset));
    if (!reference || reference->symbol->name != name) return std::nullopt;
    return Atoms.variable(reference->symbol);
  });
  auto poly = parser.parse();
  return poly ? *poly : opaque(string);
}

std::optional<std::vector<Poly>> ExtentBuilder::shapeOf(const Buffer &buffer) {
  if (!buffer.shape) return std::nullopt;
  std::vector<Poly> dims;
  for (const Expr *dim : *buffer.shape) dims.push_back(of(*dim));
  return dims;
}

} // namespace tvmscript
