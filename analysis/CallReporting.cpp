// Message helpers of the call checks.
#include "CallReporting.h"

#include <fmt/format.h>

namespace tvmscript {

std::string canonicalDType(const std::string &name) {
  auto dtype = parseDType(name);
  return dtype ? dtype->str() : name;
}

std::string sourceText(const ScriptModel &model, const Expr &expr) {
  return std::string(model.source().text().substr(expr.range.begin, expr.range.end - expr.range.begin));
}

std::string parameterName(const Function &callee, const Param &param) {
  return fmt::format("parameter '{}' of '{}'", param.symbol->name, callee.name);
}

std::string shapeText(const AtomTable &atoms, const std::vector<Poly> &dims) {
  std::string result = "(";
  for (size_t i = 0; i < dims.size(); ++i) result += (i ? ", " : "") + atoms.str(dims[i]);
  return result + (dims.size() == 1 ? ",)" : ")");
}

Diagnostic &reportAt(std::vector<Diagnostic> &out, std::string code, Range range, std::string message,
                     const Function &callee, const Param *param, Severity severity) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.severity = severity;
  diagnostic.range = range;
  diagnostic.message = std::move(message);
  if (param)
    diagnostic.related.push_back({param->range, fmt::format("{} is declared here", parameterName(callee, *param))});
  out.push_back(std::move(diagnostic));
  return out.back();
}

} // namespace tvmscript
