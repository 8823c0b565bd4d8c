// The checks of calls between functions of one IRModule (SPEC §4). Each appends what it finds
// for the calls made by `function`, and the callees it looked at (whose changes invalidate it).
#pragma once

#include "ScriptModel.h"

#include <vector>

namespace tvmscript {

/// T.call_tir and TIR subroutine calls `Module.f(...)`.
void checkTirCalls(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out,
                   std::vector<const Function *> &callees);

/// R.call_tir, R.call_tir_inplace and R.call_tir_with_grad.
void checkRelaxCalls(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out,
                     std::vector<const Function *> &callees);

} // namespace tvmscript
