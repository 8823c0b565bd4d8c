// Callee lookup for every callee spelling, with the diagnostics of SPEC §3's callee codes.
#include "CalleeResolver.h"

#include "Spelling.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

Diagnostic make(std::string code, Range range, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.range = range;
  diagnostic.message = std::move(message);
  return diagnostic;
}

/// The range naming the callee: the member of `Mod.f`, else the whole expression.
Range nameRangeOf(const Expr &callee) {
  return callee.kind == ExprKind::Attribute ? callee.nameRange : callee.range;
}

std::string spelled(const Expr &callee) {
  if (callee.kind == ExprKind::Attribute && callee.base->kind == ExprKind::Name)
    return callee.base->text + "." + callee.text;
  if (callee.kind == ExprKind::String) return "\"" + callee.text + "\"";
  return callee.text;
}

/// callee-not-found, suggesting the module's closest function name as a fix.
Diagnostic notFound(const Expr &callee, const Module *module, std::string_view name) {
  Diagnostic diagnostic = make("callee-not-found", nameRangeOf(callee),
                               module ? fmt::format("module '{}' has no function '{}'", module->name, name)
                                      : fmt::format("'{}' names no function of a module", name));
  if (!module) return diagnostic;
  const Function *best = nullptr;
  size_t bestDistance = SIZE_MAX;
  for (const Function *function : module->functions) {
    size_t distance = editDistance(name, function->name);
    if (distance < bestDistance && isPlausibleTypo(distance, name.size())) {
      best = function;
      bestDistance = distance;
    }
  }
  if (best) {
    diagnostic.message += fmt::format("; did you mean '{}'?", best->name);
    std::string replacement = callee.kind == ExprKind::String ? "\"" + best->name + "\"" : best->name;
    diagnostic.fixes.push_back({fmt::format("Change to '{}'", best->name), {{nameRangeOf(callee), replacement}}});
    diagnostic.related.push_back({best->nameRange, fmt::format("'{}' is defined here", best->name)});
  }
  return diagnostic;
}

/// Checks that `function`, which `callee` resolved to, may be called from `caller`.
CalleeResolution accept(const Function &caller, const Expr &callee, const Function &function) {
  CalleeResolution result;
  if (function.module != caller.module || !function.module) {
    std::string where = function.module ? fmt::format("module '{}'", function.module->name)
                                        : std::string("no module (a standalone function)");
    Diagnostic diagnostic = make("callee-outside-module", nameRangeOf(callee),
                                 fmt::format("'{}' is defined in {}, not in '{}'; a call_tir callee must be a "
                                             "PrimFunc of the same IRModule",
                                             function.name, where, caller.module ? caller.module->name : "?"));
    diagnostic.related.push_back({function.nameRange, fmt::format("'{}' is defined here", function.name)});
    result.error = std::move(diagnostic);
    return result;
  }
  if (function.dialect != Dialect::TIR) {
    Diagnostic diagnostic = make("callee-not-primfunc", nameRangeOf(callee),
                                 fmt::format("'{}' is a Relax function, not a PrimFunc", function.name));
    diagnostic.related.push_back({function.nameRange, fmt::format("'{}' is defined here", function.name)});
    result.error = std::move(diagnostic);
    return result;
  }
  result.callee = &function;
  return result;
}

} // namespace

std::string globalSymbolOf(const Function &function) {
  for (const Stmt *stmt : function.body) {
    if (stmt->kind != StmtKind::Expr || !stmt->value || !stmt->value->isCallTo(Dialect::TIR, "func_attr"))
      continue;
    const Expr *attrs = stmt->value->argument(0, "attrs");
    if (!attrs || attrs->kind != ExprKind::Dict) continue;
    for (size_t i = 0; i + 1 < attrs->items.size(); i += 2)
      if (attrs->items[i]->kind == ExprKind::String && attrs->items[i]->text == "global_symbol" &&
          attrs->items[i + 1]->kind == ExprKind::String)
        return attrs->items[i + 1]->text;
  }
  return function.name;
}

std::optional<Diagnostic> checkCallContext(const Function &caller, const Expr &call, CallForm form) {
  if (form == CallForm::TirCallTir && caller.dialect == Dialect::TIR && caller.module) return std::nullopt;
  if (form == CallForm::RelaxCallTir && caller.dialect == Dialect::Relax) return std::nullopt;
  if (form == CallForm::Subroutine) return std::nullopt;
  std::string what = form == CallForm::TirCallTir ? "T.call_tir" : "R.call_tir";
  std::string why = form == CallForm::TirCallTir
                        ? (caller.dialect == Dialect::TIR ? "a prim_func that is not part of an IRModule"
                                                          : "a Relax function; use R.call_tir there")
                        : "a prim_func; use T.call_tir there";
  return make("call-tir-context", call.base->range, fmt::format("{} is used in {}", what, why));
}

CalleeResolution resolveCallee(const Function &caller, const Expr &callee) {
  CalleeResolution result;
  const Module *own = caller.module;

  if (callee.kind == ExprKind::String) {
    // Matched against def names first, then against declared global symbols.
    if (own) {
      for (const Function *function : own->functions)
        if (function->name == callee.text) return accept(caller, callee, *function);
      for (const Function *function : own->functions)
        if (globalSymbolOf(*function) == callee.text) return accept(caller, callee, *function);
    }
    result.error = notFound(callee, own, callee.text);
    return result;
  }

  if (callee.kind == ExprKind::Attribute && callee.base->kind == ExprKind::Name) {
    const Symbol *base = callee.base->symbol;
    if (base && (base->kind == SymbolKind::Module || base->kind == SymbolKind::ModuleAlias) && base->module) {
      for (const Function *function : base->module->functions)
        if (function->name == callee.text) return accept(caller, callee, *function);
      result.error = notFound(callee, base->module, callee.text);
      return result;
    }
    if (!base) return result; // `base` itself is undefined: already reported
    result.error = make("callee-outside-module", nameRangeOf(callee),
                        fmt::format("'{}' is not a function of module '{}'", spelled(callee),
                                    own ? own->name : "?"));
    return result;
  }

  if (callee.kind == ExprKind::Name) {
    const Symbol *symbol = callee.symbol;
    if (!symbol) {
      result.error = notFound(callee, own, callee.text);
      return result;
    }
    if (symbol->function) return accept(caller, callee, *symbol->function);
    if (symbol->kind == SymbolKind::PythonName || symbol->kind == SymbolKind::PythonModule ||
        symbol->kind == SymbolKind::Module || symbol->kind == SymbolKind::Macro) {
      result.error = make("callee-outside-module", nameRangeOf(callee),
                          fmt::format("'{}' is not a function of module '{}'", callee.text, own ? own->name : "?"));
      return result;
    }
  }
  result.error = make("callee-not-primfunc", nameRangeOf(callee),
                      fmt::format("'{}' is not a PrimFunc", spelled(callee)));
  return result;
}

const Function *calleeForCall(const Function &caller, const Expr &callee, std::vector<Diagnostic> &out,
                              std::vector<const Function *> &dependencies) {
  CalleeResolution resolution = resolveCallee(caller, callee);
  if (resolution.error) {
    if (caller.module)
      dependencies.insert(dependencies.end(), caller.module->functions.begin(), caller.module->functions.end());
    out.push_back(std::move(*resolution.error));
    return nullptr;
  }
  if (resolution.callee) dependencies.push_back(resolution.callee);
  return resolution.callee;
}

} // namespace tvmscript
