// Completion from the text before the cursor and the model's modules, aliases and builtins.
#include "Completion.h"

#include <cctype>

namespace tvmscript {
namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// The symbol a name refers to somewhere in the file (aliases are file-wide in practice).
const Symbol *symbolNamed(const ScriptModel &model, std::string_view name, SymbolKind kind) {
  for (const SymbolReference &reference : model.references())
    if (reference.symbol->kind == kind && reference.symbol->name == name) return reference.symbol;
  return nullptr;
}

const Function *functionAt(const ScriptModel &model, uint32_t offset) {
  for (const Function *function : model.functions())
    if (function->range.begin <= offset && offset <= function->range.end) return function;
  return nullptr;
}

void addFunctions(const Module &module, const std::string &qualifier, Range replace, std::vector<CompletionItem> &out,
                  bool primFuncsOnly = false) {
  for (const Function *function : module.functions) {
    if (primFuncsOnly && function->dialect != Dialect::TIR) continue;
    std::string detail = function->dialect == Dialect::TIR ? "PrimFunc" : "R.function";
    if (function->isPrivate) detail = "private " + detail;
    out.push_back({function->name, CompletionItem::Kind::Function, detail, qualifier + function->name, replace});
  }
}

} // namespace

std::vector<CompletionItem> completeAt(const ScriptModel &model, uint32_t offset) {
  std::string_view text = model.source().text().substr(0, std::min<size_t>(offset, model.source().size()));
  // The word being typed, and the dotted path before it (`T.axis.` → "T", "axis").
  size_t wordStart = text.size();
  while (wordStart > 0 && isWordChar(text[wordStart - 1])) --wordStart;
  Range replace{static_cast<uint32_t>(wordStart), static_cast<uint32_t>(text.size())};
  std::vector<std::string> path;
  for (size_t end = wordStart; end > 0 && text[end - 1] == '.';) {
    size_t start = end - 1;
    while (start > 0 && isWordChar(text[start - 1])) --start;
    if (start == end - 1) break;
    path.insert(path.begin(), std::string(text.substr(start, end - 1 - start)));
    end = start;
  }

  std::vector<CompletionItem> items;
  if (!path.empty()) {
    const std::string &head = path.front();
    // `Module.` / `cls.`: the module's functions.
    if (path.size() == 1) {
      for (const Module *module : model.modules())
        if (module->name == head) addFunctions(*module, "", replace, items);
      if (const Symbol *alias = symbolNamed(model, head, SymbolKind::ModuleAlias); alias && alias->module)
        addFunctions(*alias->module, "", replace, items);
      if (!items.empty()) return items;
    }
    // `T.` / `T.axis.`: the dialect's builtins in that namespace.
    if (const Symbol *dialect = symbolNamed(model, head, SymbolKind::DialectModule)) {
      std::string scope;
      for (size_t i = 1; i < path.size(); ++i) scope += (i > 1 ? "." : "") + path[i];
      for (const Builtin *builtin : builtinsIn(dialect->dialect, scope)) {
        std::string_view leaf = builtin->name.substr(scope.empty() ? 0 : scope.size() + 1);
        items.push_back({std::string(leaf), builtin->isNamespace ? CompletionItem::Kind::Namespace : CompletionItem::Kind::Builtin,
                         std::string(dialectAlias(builtin->dialect)) + " builtin", std::string(leaf), replace});
      }
    }
    return items;
  }
  // The first argument of call_tir: the functions of the enclosing module, qualified.
  size_t before = wordStart;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) --before;
  if (before >= 9 && text.substr(before - 9, 9) == "call_tir(") {
    const Function *caller = functionAt(model, offset);
    if (caller && caller->module) {
      std::string qualifier = caller->module->name + ".";
      if (caller->dialect == Dialect::Relax)
        if (const Symbol *alias = symbolNamed(model, "cls", SymbolKind::ModuleAlias); alias && alias->module == caller->module)
          qualifier = "cls.";
      addFunctions(*caller->module, qualifier, replace, items, /*primFuncsOnly=*/true);
    }
  }
  return items;
}

} // namespace tvmscript
