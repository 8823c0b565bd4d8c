// The individual checks run by analyze(); each appends the diagnostics it finds.
#pragma once

#include "ScriptModel.h"

#include <vector>

namespace tvmscript {

// Each check looks at one function of `model` (and may read the rest of the model).

/// `index-arity`: a buffer indexed with a number of indices other than its rank.
void checkIndexArity(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out);
/// `int-true-division` and `float-floordiv`: division operators on the wrong operand types.
void checkDivision(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out);
/// `param-annotation`: a PrimFunc parameter without a type annotation, or with one that cannot
/// be a type (a literal, a Relax type).
void checkParamAnnotations(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out);
/// `invalid-dtype`: a dtype string TVM cannot parse, wherever a dtype is expected.
void checkDTypes(const ScriptModel &model, const Function &function, std::vector<Diagnostic> &out);

} // namespace tvmscript
