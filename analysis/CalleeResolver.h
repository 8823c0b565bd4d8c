// Which function a call_tir or subroutine call names, and whether it may name it (SPEC §4).
#pragma once

#include "ScriptModel.h"

#include <optional>
#include <vector>

namespace tvmscript {

/// How the callee was named, which decides what it must be.
enum class CallForm : uint8_t {
  TirCallTir,   // T.call_tir(callee, ...) in a prim_func of a module
  RelaxCallTir, // R.call_tir / call_tir_inplace / call_tir_with_grad in a Relax function
  Subroutine,   // Module.f(...) inside a prim_func
};

/// A callee, or the diagnostic that explains why there is none (then the call's arguments are
/// not checked: one mistake, one diagnostic).
struct CalleeResolution {
  const Function *callee = nullptr;
  std::optional<Diagnostic> error;
};

/// Resolves `callee` (`Module.f`, `cls.f`, a bare `f`, or the string "f" matched against def
/// names, then `global_symbol` attributes) for a call made from `caller`; every call form
/// needs a PrimFunc of the caller's module.
/// Reports callee-not-found (with the nearest name and a fix), callee-outside-module (another
/// module, a standalone prim_func, an import) and callee-not-primfunc.
CalleeResolution resolveCallee(const Function &caller, const Expr &callee);

/// resolveCallee for a call being checked: reports a failure to `out` and returns null, and
/// adds to `dependencies` the functions the outcome depends on (the callee; on a failure,
/// every function of the module, since any of them could come to resolve it).
const Function *calleeForCall(const Function &caller, const Expr &callee, std::vector<Diagnostic> &out,
                              std::vector<const Function *> &dependencies);

/// call-tir-context: `T.call_tir` outside a prim_func of a module, `R.call_tir` outside a Relax
/// function. `call` is the call expression; the range is its callee (`T.call_tir`).
std::optional<Diagnostic> checkCallContext(const Function &caller, const Expr &call, CallForm form);

/// The `global_symbol` a function declares with `T.func_attr`, or its name.
std::string globalSymbolOf(const Function &function);

} // namespace tvmscript
