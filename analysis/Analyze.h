// The analysis stage: every semantic check over a built script model.
#pragma once

#include "ScriptModel.h"

#include <vector>

namespace tvmscript {

/// The model's own diagnostics plus those of every check, sorted by position. Files without
/// TVMScript get none.
std::vector<Diagnostic> analyze(const ScriptModel &model);

} // namespace tvmscript
