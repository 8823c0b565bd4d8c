// Names of severities as compilers print them.
#include "Diagnostic.h"

namespace tvmscript {

const char *severityName(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Information: return "note";
  case Severity::Hint: return "hint";
  }
  return "error";
}

const std::vector<DiagnosticCode> &diagnosticCodes() {
  static const std::vector<DiagnosticCode> codes = {
      {"syntax-error", Severity::Error, "The Python parse has an error or a missing token."},
      {"undefined-name", Severity::Error, "A name in TVMScript code that nothing defines."},
      {"unknown-builtin", Severity::Error, "A T./R./I. name the dialect does not have."},
      {"callee-not-found", Severity::Error, "A call_tir or subroutine callee that names nothing in the IRModule."},
      {"callee-outside-module", Severity::Error, "A callee defined outside the enclosing IRModule."},
      {"callee-not-primfunc", Severity::Error, "A call_tir callee that is not a PrimFunc."},
      {"call-tir-context", Severity::Error, "T.call_tir or R.call_tir used outside the function kind that allows it."},
      {"call-arity", Severity::Error, "The argument count differs from the callee's signature."},
      {"arg-kind-mismatch", Severity::Error, "A scalar, buffer, region or pointer passed where another kind is required."},
      {"ndim-mismatch", Severity::Error, "An argument's rank differs from the callee buffer's rank."},
      {"dtype-mismatch", Severity::Error, "An element type differs from the callee's."},
      {"shape-mismatch", Severity::Error, "An extent provably differs from the callee's."},
      {"shape-unproven", Severity::Warning, "An extent can be proven neither equal nor different."},
      {"region-out-of-bounds", Severity::Error, "A region or view provably outside the caller's buffer."},
      {"region-not-contiguous", Severity::Error, "A strided region passed where the callee expects a compact buffer."},
      {"out-sinfo-mismatch", Severity::Error, "An R.call_tir output annotation disagrees with the callee."},
      {"inplace-mismatch", Severity::Error, "An R.call_tir_inplace index or in-place output that does not fit its input."},
      {"index-arity", Severity::Error, "A buffer indexed with the wrong number of indices."},
      {"invalid-dtype", Severity::Error, "A dtype string TVM cannot parse."},
      {"int-true-division", Severity::Error, "'/' between two integers."},
      {"float-floordiv", Severity::Error, "'//' or '%' with a float operand."},
      {"param-annotation", Severity::Error, "A PrimFunc parameter without a type annotation, or with one that is not a type."},
      {"duplicate-definition", Severity::Error, "Two functions of one module, or two buffers of one scope, share a name."},
      {"unsupported-construct", Severity::Error, "A construct `tvmscript compile` cannot lower to native code (reported by compile, not check)."},
      {"nesting-too-deep", Severity::Error, "An expression or block nested too deeply to check."},
      {"parse-timeout", Severity::Error, "A file that took longer to parse than the limit (5 s): it is not checked."},
  };
  return codes;
}

} // namespace tvmscript
