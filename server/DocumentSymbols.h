// The outline of a file: modules and their functions, and standalone functions.
#pragma once

#include "ScriptModel.h"

#include <string>
#include <vector>

namespace tvmscript {

struct DocumentSymbol {
  enum class Kind { Module, PrimFunc, RelaxFunc };
  std::string name;
  std::string detail; // "PrimFunc", "R.function", "private PrimFunc"
  Kind kind;
  Range range;          // the whole definition
  Range selectionRange; // its name
  std::vector<DocumentSymbol> children;
};

std::vector<DocumentSymbol> documentSymbols(const ScriptModel &model);

} // namespace tvmscript
