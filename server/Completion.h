// Completion of callee names (after `cls.` / `Module.`, and as the first argument of call_tir)
// and of dialect builtins (after `T.`, `R.`, `I.`, `T.axis.` ...).
#pragma once

#include "ScriptModel.h"

#include <string>
#include <vector>

namespace tvmscript {

struct CompletionItem {
  enum class Kind { Function, Module, Builtin, Namespace };
  std::string label;
  Kind kind;
  std::string detail;     // "PrimFunc", "R.function", "T builtin"
  std::string insertText; // what replaces the word being typed
  Range replace;          // that word (possibly empty)
};

/// What may be typed at `offset`; empty when nothing in particular is expected there.
std::vector<CompletionItem> completeAt(const ScriptModel &model, uint32_t offset);

} // namespace tvmscript
