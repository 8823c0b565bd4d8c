// invalid-dtype: every dtype string literal in a position where TVM parses a dtype.
#include "Checks.h"
#include "Spelling.h"
#include "Walk.h"

#include <array>
#include <fmt/format.h>

namespace tvmscript {
namespace {

/// Builtins whose dtype is a positional argument (index), besides any `dtype=` keyword.
struct DTypeSlot {
  Dialect dialect;
  std::string_view name;
  size_t index;
};
constexpr std::array<DTypeSlot, 34> kSlots = {{
    {Dialect::TIR, "Buffer", 1},          {Dialect::TIR, "match_buffer", 2},
    {Dialect::TIR, "alloc_buffer", 1},    {Dialect::TIR, "sblock_alloc_buffer", 1},
    {Dialect::TIR, "decl_buffer", 1},     {Dialect::TIR, "buffer_decl", 1},
    {Dialect::TIR, "allocate", 1},        {Dialect::TIR, "allocate_const", 1},
    {Dialect::TIR, "handle", 0},          {Dialect::TIR, "Ptr", 0},
    {Dialect::TIR, "ptr", 0},             {Dialect::TIR, "Cast", 0},
    {Dialect::TIR, "cast", 1},            {Dialect::TIR, "reinterpret", 0},
    {Dialect::TIR, "call_extern", 0},     {Dialect::TIR, "call_pure_extern", 0},
    {Dialect::TIR, "call_intrin", 0},     {Dialect::TIR, "call_llvm_intrin", 0},
    {Dialect::TIR, "call_llvm_pure_intrin", 0}, {Dialect::TIR, "infinity", 0},
    {Dialect::TIR, "max_value", 0},       {Dialect::TIR, "min_value", 0},
    {Dialect::TIR, "var", 0},             {Dialect::Relax, "Tensor", 1},
    {Dialect::Relax, "Prim", 0},          {Dialect::Relax, "const", 1},
    {Dialect::Relax, "astype", 1},        {Dialect::Relax, "zeros", 1},
    {Dialect::Relax, "ones", 1},          {Dialect::Relax, "full", 2},
    {Dialect::Relax, "zeros_like", 1},    {Dialect::Relax, "ones_like", 1},
    {Dialect::Relax, "full_like", 2},     {Dialect::Relax, "arange", 3},
}};

/// Spellings people mean, for suggestions.
constexpr std::array<std::string_view, 16> kCommon = {
    "float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64",
    "uint8", "uint16", "uint32", "uint64", "bool", "handle", "float8_e4m3fn", "float8_e5m2",
};

void checkString(const Expr *expr, std::vector<Diagnostic> &out, bool isPointee = false) {
  if (!expr || expr->kind != ExprKind::String || parseDType(expr->text)) return;
  // `T.handle("tensormap")`: a pointer to CUDA's opaque tensor-map descriptor (HEAD).
  if (isPointee && expr->text == "tensormap") return;
  Diagnostic diagnostic;
  diagnostic.code = "invalid-dtype";
  diagnostic.range = expr->range;
  diagnostic.message = fmt::format("'{}' is not a dtype TVM can parse", expr->text);
  std::string_view best;
  size_t bestDistance = SIZE_MAX;
  for (std::string_view candidate : kCommon) {
    size_t d = editDistance(expr->text, candidate);
    if (d < bestDistance && isPlausibleTypo(d, expr->text.size())) best = candidate, bestDistance = d;
  }
  if (!best.empty()) {
    diagnostic.message += fmt::format("; did you mean '{}'?", best);
    diagnostic.fixes.push_back({fmt::format("Change to \"{}\"", best),
                                {{expr->range, fmt::format("\"{}\"", best)}}});
  }
  out.push_back(std::move(diagnostic));
}

} // namespace

void checkDTypes(const ScriptModel &, const Function &function, std::vector<Diagnostic> &out) {
    forEachExpr(function, [&](const Expr &expr) {
      const Builtin *builtin =
          (expr.kind == ExprKind::Call || expr.kind == ExprKind::Subscript) && expr.base
              ? expr.base->builtin
              : nullptr;
      if (!builtin) return;
      if (expr.kind == ExprKind::Subscript) { // deprecated `T.Buffer[(16,), "float32"]`
        if (builtin->dialect == Dialect::TIR && builtin->name == "Buffer" && expr.items.size() > 1)
          checkString(expr.items[1], out);
        return;
      }
      Expr *dtypeKeyword = expr.keyword("dtype");
      checkString(dtypeKeyword, out);
      for (const DTypeSlot &slot : kSlots) {
        if (slot.dialect != builtin->dialect || slot.name != builtin->name) continue;
        // `T.call_extern("f", x, dtype="float32")`: with the keyword, every argument is positional.
        if (dtypeKeyword && slot.name.starts_with("call_")) continue;
        size_t index = slot.index;
        // `R.Tensor("float32", ndim=2)`: a string first argument is the dtype.
        if (slot.name == "Tensor" && !expr.items.empty() && expr.items[0]->kind == ExprKind::String)
          index = 0;
        bool isPointee = slot.name == "handle" || slot.name == "Ptr" || slot.name == "ptr";
        if (index < expr.items.size()) checkString(expr.items[index], out, isPointee);
      }
    });
}

} // namespace tvmscript
