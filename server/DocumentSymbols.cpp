// Modules → functions, in source order.
#include "DocumentSymbols.h"

#include <algorithm>

namespace tvmscript {
namespace {

DocumentSymbol symbolOf(const Function &function) {
  bool tir = function.dialect == Dialect::TIR;
  std::string detail = std::string(function.isPrivate ? "private " : "") + (tir ? "PrimFunc" : "R.function");
  return {function.name, detail, tir ? DocumentSymbol::Kind::PrimFunc : DocumentSymbol::Kind::RelaxFunc,
          function.range, function.nameRange, {}};
}

} // namespace

std::vector<DocumentSymbol> documentSymbols(const ScriptModel &model) {
  std::vector<DocumentSymbol> result;
  for (const Module *module : model.modules()) {
    DocumentSymbol symbol{module->name, "IRModule", DocumentSymbol::Kind::Module, module->range, module->nameRange, {}};
    for (const Function *function : module->functions) symbol.children.push_back(symbolOf(*function));
    result.push_back(std::move(symbol));
  }
  for (const Function *function : model.functions())
    if (!function->module) result.push_back(symbolOf(*function));
  std::sort(result.begin(), result.end(),
            [](const DocumentSymbol &a, const DocumentSymbol &b) { return a.range.begin < b.range.begin; });
  return result;
}

} // namespace tvmscript
