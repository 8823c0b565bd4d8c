// Static struct info of Relax values, as far as call_tir checking needs it: tensors (dtype,
// rank, symbolic shape) and tuples of them.
#pragma once

#include "Extents.h"
#include "ScriptModel.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tvmscript {

struct RelaxType {
  enum class Kind : uint8_t { Unknown, Tensor, Tuple };
  Kind kind = Kind::Unknown;
  // Tensor
  std::optional<std::string> dtype;
  std::optional<size_t> ndim;
  std::optional<std::vector<Poly>> shape;
  const Expr *shapeExpr = nullptr;         // the shape tuple written in R.Tensor(...)
  const Expr *dtypeExpr = nullptr;         // the dtype string
  std::vector<const Expr *> dimensionExprs; // one per dimension of shapeExpr
  // Tuple
  std::vector<RelaxType> elements;
};

/// Types of the variables of one Relax function, filled in source order.
class RelaxTypes {
public:
  explicit RelaxTypes(ExtentBuilder &extents) : Extents(extents) {}

  /// The type an annotation or struct-info expression describes: `R.Tensor((n, 4), "float32")`,
  /// `R.Tensor("float32", ndim=2)`, `R.Tuple(...)`, or a list of them (call_tir outputs).
  RelaxType fromStructInfo(const Expr *expr);

  /// The type of a value: a variable, `R.call_tir*` / `R.call_dps_packed` (their out_sinfo),
  /// `R.match_cast(x, sinfo)`, a tuple `(x, y)` / `R.tuple(x, y)`, a tuple item `t[0]`.
  RelaxType of(const Expr &value);
  /// The type recorded for a parameter or bound variable.
  RelaxType ofVariable(const Symbol *symbol) const {
    auto found = Vars.find(symbol);
    return found != Vars.end() ? found->second : RelaxType{};
  }

  /// Records the parameters' annotations.
  void bindParams(const Function &function);
  /// Records what a statement binds (an annotated or plain binding).
  void bind(const Stmt &stmt);

private:
  ExtentBuilder &Extents;
  std::map<const Symbol *, RelaxType> Vars;
};

/// The out_sinfo of an R.call_tir-family call (also spelled `out_ty=`), or null.
const Expr *outputStructInfo(const Expr &call);

} // namespace tvmscript
