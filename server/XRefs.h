// Go-to-definition and find-references over the model's definition/use index.
#pragma once

#include "ScriptModel.h"

#include <vector>

namespace tvmscript {

/// Where the name at `offset` is defined: a callee (any spelling), buffer, variable, shape
/// variable, block axis, module. Empty for builtins and names nothing defines.
std::vector<Range> locateDefinition(const ScriptModel &model, uint32_t offset);

/// Every occurrence of the symbol at `offset` (its definition first when `includeDeclaration`),
/// in source order: a PrimFunc's references include all its call_tir and subroutine callers.
std::vector<Range> findReferences(const ScriptModel &model, uint32_t offset, bool includeDeclaration);

} // namespace tvmscript
