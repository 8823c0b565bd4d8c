// Lookups in the reference index; nothing is searched.
#include "XRefs.h"

namespace tvmscript {

std::vector<Range> locateDefinition(const ScriptModel &model, uint32_t offset) {
  const SymbolReference *reference = model.referenceAt(offset);
  if (!reference || reference->symbol->definition.empty()) return {};
  return {reference->symbol->definition};
}

std::vector<Range> findReferences(const ScriptModel &model, uint32_t offset, bool includeDeclaration) {
  const SymbolReference *at = model.referenceAt(offset);
  if (!at) return {};
  std::vector<Range> ranges;
  for (const SymbolReference &reference : model.references())
    if (reference.symbol == at->symbol && (includeDeclaration || !reference.isDefinition))
      ranges.push_back(reference.range);
  return ranges;
}

} // namespace tvmscript
