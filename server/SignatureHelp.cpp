// The callee is resolved as the checks resolve it; the active parameter follows the
// destination-passing convention for R.call_tir.
#include "SignatureHelp.h"

#include "CalleeResolver.h"
#include "Walk.h"

namespace tvmscript {
namespace {

bool isCallTir(const Expr &call) {
  return call.isCallTo(Dialect::TIR, "call_tir") || call.isCallTo(Dialect::Relax, "call_tir") ||
         call.isCallTo(Dialect::Relax, "call_tir_inplace") || call.isCallTo(Dialect::Relax, "call_tir_with_grad");
}

/// Index of the element of `items` that holds `offset` (or that `offset` is about to start).
size_t indexAt(const std::vector<Expr *> &items, uint32_t offset) {
  size_t index = 0;
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i]->range.begin <= offset) index = i + (offset > items[i]->range.end ? 1 : 0);
  return index;
}

} // namespace

std::optional<SignatureInfo> signatureHelpAt(const ScriptModel &model, uint32_t offset) {
  const Expr *call = nullptr;
  const Function *caller = nullptr;
  for (const Function *function : model.functions()) {
    if (!function->range.contains(offset) && function->range.end != offset) continue;
    forEachExpr(*function, [&](const Expr &expr) {
      if (expr.kind == ExprKind::Call && isCallTir(expr) && expr.base->range.end < offset && offset <= expr.range.end &&
          (!call || expr.range.begin >= call->range.begin)) { // innermost wins
        call = &expr;
        caller = function;
      }
    });
  }
  if (!call || call->items.empty()) return std::nullopt;
  bool relax = call->isCallTo(Dialect::Relax, "call_tir") || call->isCallTo(Dialect::Relax, "call_tir_inplace") ||
               call->isCallTo(Dialect::Relax, "call_tir_with_grad");
  CalleeResolution resolution = resolveCallee(*caller, *call->items[0]);
  if (!resolution.callee) return std::nullopt;
  const Function &callee = *resolution.callee;

  SignatureInfo info;
  info.label = callee.name + "(";
  std::string_view text = model.source().text();
  for (size_t i = 0; i < callee.params.size(); ++i) {
    if (i) info.label += ", ";
    Range range = callee.params[i].range;
    uint32_t begin = static_cast<uint32_t>(info.label.size());
    info.label += text.substr(range.begin, range.end - range.begin);
    info.parameters.emplace_back(begin, static_cast<uint32_t>(info.label.size()));
  }
  info.label += ")";

  if (!relax) {
    // T.call_tir(callee, a0, a1, ...): argument k + 1 is parameter k.
    size_t index = indexAt(call->items, offset);
    info.activeParameter = index > 0 ? index - 1 : 0;
    info.documentation = "T.call_tir(callee, *args): one argument per parameter";
    return info;
  }
  // R.call_tir(callee, (inputs...), out_sinfo): parameters are inputs, then outputs, then tir_vars.
  info.documentation = "R.call_tir(callee, (inputs...), out_sinfo): parameters are the inputs, then "
                       "the outputs, then tir_vars";
  const Expr *args = call->argument(1, "args");
  size_t inputs = args && (args->kind == ExprKind::Tuple || args->kind == ExprKind::List) ? args->items.size() : 1;
  if (args && args->range.begin <= offset && offset <= args->range.end && args->kind == ExprKind::Tuple)
    info.activeParameter = indexAt(args->items, offset);
  else if (const Expr *sinfo = call->keyword("out_sinfo") ? call->keyword("out_sinfo") : call->keyword("out_ty");
           sinfo && sinfo->range.begin <= offset && offset <= sinfo->range.end)
    info.activeParameter = inputs + (sinfo->kind == ExprKind::List ? indexAt(sinfo->items, offset) : 0);
  return info;
}

} // namespace tvmscript
