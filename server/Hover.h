// What to show when hovering a name: computed here, rendered as Markdown separately.
#pragma once

#include "ScriptModel.h"

#include <optional>
#include <string>

namespace tvmscript {

struct HoverInfo {
  /// What the name is: "function", "buffer", "shape variable", ...
  std::string kind;
  std::string name;
  /// A Python-like declaration: a callee's signature with each buffer's shape and dtype, a
  /// buffer's declaration.
  std::string definition;
  /// One line of context ("in module Mod", "bound by the shape of parameter x").
  std::string detail;
  Range range; // the hovered name
};

/// The hover for the name at `offset`, or nullopt when there is nothing to say.
std::optional<HoverInfo> hoverAt(const ScriptModel &model, uint32_t offset);

/// Short Markdown: a code block with the definition, then the detail.
std::string renderMarkdown(const HoverInfo &hover);

} // namespace tvmscript
