// What the call checks share when they describe a problem: names, shapes, dtypes, and a
// diagnostic pointing at the callee parameter it was checked against.
#pragma once

#include "ScriptModel.h"
#include "ShapeAlgebra.h"

#include <string>
#include <vector>

namespace tvmscript {

/// TVM's spelling of a dtype ("float" → "float32"); unparseable names stay as written.
std::string canonicalDType(const std::string &name);

/// The source text of `expr`, for messages.
std::string sourceText(const ScriptModel &model, const Expr &expr);

/// "parameter 'X' of 'add_one'".
std::string parameterName(const Function &callee, const Param &param);

/// "(16, n * 2)" — one-element shapes keep Python's trailing comma.
std::string shapeText(const AtomTable &atoms, const std::vector<Poly> &dims);

/// Appends a diagnostic whose related location is `param`'s declaration (when given) and
/// returns it; the reference is valid until `out` grows again.
Diagnostic &reportAt(std::vector<Diagnostic> &out, std::string code, Range range, std::string message,
                     const Function &callee, const Param *param, Severity severity = Severity::Error);

} // namespace tvmscript
