// Hover contents per symbol kind.
#include "Hover.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

std::string textOf(const ScriptModel &model, Range range) {
  return std::string(model.source().text().substr(range.begin, range.end - range.begin));
}

/// `def add_one(X: T.Buffer((16,), "float32"), n: T.int32)`, from the parameters as written.
std::string signatureOf(const ScriptModel &model, const Function &function) {
  std::string params;
  for (const Param &param : function.params) params += (params.empty() ? "" : ", ") + textOf(model, param.range);
  std::string result = fmt::format("def {}({})", function.name, params);
  if (function.returnAnnotation) result += " -> " + textOf(model, function.returnAnnotation->range);
  return result;
}

const Function *functionContaining(const ScriptModel &model, Range range) {
  for (const Function *function : model.functions())
    if (function->range.contains(range.begin)) return function;
  return nullptr;
}

std::string bufferDeclaration(const ScriptModel &model, const Buffer &buffer) {
  std::string declaration = buffer.declaration ? textOf(model, buffer.declaration->range) : "";
  if (buffer.origin == BufferOrigin::Param) return fmt::format("{}: {}", buffer.symbol->name, declaration);
  return fmt::format("{} = {}", buffer.symbol->name, declaration);
}

const char *originName(BufferOrigin origin) {
  switch (origin) {
  case BufferOrigin::Param: return "a parameter";
  case BufferOrigin::MatchBuffer: return "T.match_buffer";
  case BufferOrigin::AllocBuffer: return "T.alloc_buffer";
  case BufferOrigin::DeclBuffer: return "T.decl_buffer";
  case BufferOrigin::View: return "T.Buffer(data=...)";
  }
  return "";
}

} // namespace

std::optional<HoverInfo> hoverAt(const ScriptModel &model, uint32_t offset) {
  const SymbolReference *reference = model.referenceAt(offset);
  if (!reference) return std::nullopt;
  const Symbol &symbol = *reference->symbol;
  HoverInfo hover;
  hover.name = symbol.name;
  hover.range = reference->range;
  switch (symbol.kind) {
  case SymbolKind::PrimFunc:
  case SymbolKind::RelaxFunc: {
    if (!symbol.function) return std::nullopt;
    const Function &function = *symbol.function;
    hover.kind = function.dialect == Dialect::TIR ? "PrimFunc" : "Relax function";
    hover.definition = signatureOf(model, function);
    hover.detail = function.module ? fmt::format("in module `{}`{}", function.module->name,
                                                 function.isPrivate ? ", private" : "")
                                   : "standalone";
    return hover;
  }
  case SymbolKind::Buffer: {
    if (!symbol.buffer) return std::nullopt;
    const Buffer &buffer = *symbol.buffer;
    hover.kind = "buffer";
    hover.definition = bufferDeclaration(model, buffer);
    hover.detail = fmt::format("{} buffer from {}", buffer.dtypeName, originName(buffer.origin));
    if (buffer.scope != "global") hover.detail += fmt::format(", scope `{}`", buffer.scope);
    return hover;
  }
  case SymbolKind::ShapeVar: {
    hover.kind = "shape variable";
    hover.definition = fmt::format("{}: {}", symbol.name, symbol.dtype ? symbol.dtype->str() : "int");
    // Where it is bound: the parameter whose annotation first mentions it, or its declaration.
    const Function *function = functionContaining(model, symbol.definition);
    if (function)
      for (const Param &param : function->params)
        if (param.range.contains(symbol.definition.begin))
          hover.detail = fmt::format("bound by the shape of parameter `{}`", param.symbol->name);
    if (hover.detail.empty() && symbol.value)
      hover.detail = fmt::format("declared by `{}`", textOf(model, symbol.value->range));
    return hover;
  }
  case SymbolKind::Module:
  case SymbolKind::ModuleAlias:
    if (!symbol.module) return std::nullopt;
    hover.kind = "IRModule";
    hover.definition = fmt::format("class {}", symbol.module->name);
    hover.detail = fmt::format("{} function{}", symbol.module->functions.size(),
                               symbol.module->functions.size() == 1 ? "" : "s");
    return hover;
  case SymbolKind::LoopVar:
  case SymbolKind::BlockVar:
  case SymbolKind::LetVar:
  case SymbolKind::Param:
  case SymbolKind::RelaxVar: {
    hover.kind = symbol.kind == SymbolKind::LoopVar    ? "loop variable"
                 : symbol.kind == SymbolKind::BlockVar ? "block axis"
                 : symbol.kind == SymbolKind::LetVar   ? "let"
                 : symbol.kind == SymbolKind::Param    ? "parameter"
                                                       : "Relax variable";
    hover.definition = symbol.name;
    if (symbol.dtype) hover.definition += ": " + symbol.dtype->str();
    if (symbol.value) hover.detail = fmt::format("= `{}`", textOf(model, symbol.value->range));
    return hover;
  }
  default: return std::nullopt;
  }
}

std::string renderMarkdown(const HoverInfo &hover) {
  std::string text = fmt::format("{} `{}`\n```python\n{}\n```", hover.kind, hover.name, hover.definition);
  if (!hover.detail.empty()) text += "\n" + hover.detail;
  return text;
}

} // namespace tvmscript
