// Signature help inside T.call_tir / R.call_tir: the callee's parameters, the active one marked.
#pragma once

#include "ScriptModel.h"

#include <optional>
#include <string>
#include <vector>

namespace tvmscript {

struct SignatureInfo {
  std::string label; // "add_one(X: T.Buffer((16,), \"float32\"), n: T.int32)"
  /// Each parameter's [begin, end) within `label`, in bytes.
  std::vector<std::pair<uint32_t, uint32_t>> parameters;
  size_t activeParameter = 0;
  std::string documentation; // how arguments map to parameters for this call form
};

/// The signature for the innermost call_tir-family call whose argument list holds `offset`.
std::optional<SignatureInfo> signatureHelpAt(const ScriptModel &model, uint32_t offset);

} // namespace tvmscript
