// CST → ScriptModel in one pass. Python code outside TVMScript functions only contributes names;
// TVMScript functions are built into typed statements and resolved expressions.
#include "ModelBuilder.h"

#include "Builtins.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <functional>
#include <fmt/format.h>

namespace tvmscript {
namespace {

bool is(TSNode node, const char *type) { return std::strcmp(ts_node_type(node), type) == 0; }

extern "C" const TSLanguage *tree_sitter_python();

/// The grammar's id of field `name`. Looking fields up by name scans every field name, so ids
/// are cached per call site's string literal (pointer equality; a miss just computes again).
TSFieldId fieldId(const char *name) {
  static thread_local std::vector<std::pair<const char *, TSFieldId>> cache;
  for (auto [key, id] : cache)
    if (key == name) return id;
  TSFieldId id = ts_language_field_id_for_name(tree_sitter_python(), name,
                                               static_cast<uint32_t>(std::strlen(name)));
  cache.emplace_back(name, id);
  return id;
}

TSNode field(TSNode node, const char *name) { return ts_node_child_by_field_id(node, fieldId(name)); }

/// Named children of `node`, skipping comments (a cursor walk: indexing children is O(n) each).
std::vector<TSNode> namedChildren(TSNode node) {
  std::vector<TSNode> children;
  children.reserve(ts_node_named_child_count(node));
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(child) && !is(child, "comment")) children.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return children;
}

/// The children of `node` in field `name` (a field may repeat, as a subscript's indices do).
std::vector<TSNode> fieldChildren(TSNode node, const char *name) {
  std::vector<TSNode> children;
  TSFieldId id = fieldId(name);
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      if (ts_tree_cursor_current_field_id(&cursor) == id)
        children.push_back(ts_tree_cursor_current_node(&cursor));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return children;
}

/// Names Python provides without an import.
constexpr std::string_view kPythonBuiltins[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "Ellipsis",
    "Exception", "False", "ImportError", "IndexError", "KeyError", "NameError", "None",
    "NotImplemented", "NotImplementedError", "OverflowError", "RuntimeError", "StopIteration",
    "True", "TypeError", "ValueError", "ZeroDivisionError", "__builtins__", "__debug__",
    "__doc__", "__file__", "__import__", "__name__", "abs", "all", "any", "ascii", "bin", "bool",
    "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex",
    "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "filter", "float", "format",
    "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
    "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min",
    "next", "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr",
    "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
    "super", "tuple", "type", "vars", "zip",
};

/// Where a dotted import path leads: a dialect namespace (with the builtin inside it, if any),
/// or plain Python.
struct ImportTarget {
  Dialect dialect = Dialect::None;
  std::string builtin; // empty: the namespace itself
};

/// Classifies `tvm.script.tir`, `tvm.script.parser.relax.function`, `tvm.script.ir_module`...
ImportTarget classifyPath(std::string_view path) {
  std::string_view rest;
  if (path.starts_with("tvm.script.parser.")) rest = path.substr(18);
  else if (path.starts_with("tvm.script.")) rest = path.substr(11);
  else return {};
  if (rest == "ir_module") return {Dialect::IR, "ir_module"};
  size_t dot = rest.find('.');
  std::string_view head = rest.substr(0, dot);
  std::string tail = dot == std::string_view::npos ? "" : std::string(rest.substr(dot + 1));
  if (head == "tir" || head == "tirx") return {Dialect::TIR, tail};
  if (head == "relax") return {Dialect::Relax, tail};
  if (head == "ir") return {Dialect::IR, tail};
  return {};
}

BinaryOp binaryOpOf(std::string_view op) {
  static const std::pair<std::string_view, BinaryOp> kOps[] = {
      {"+", BinaryOp::Add},      {"-", BinaryOp::Sub},       {"*", BinaryOp::Mul},
      {"/", BinaryOp::Div},      {"//", BinaryOp::FloorDiv}, {"%", BinaryOp::Mod},
      {"**", BinaryOp::Pow},     {"<<", BinaryOp::LShift},   {">>", BinaryOp::RShift},
      {"&", BinaryOp::BitAnd},   {"|", BinaryOp::BitOr},     {"^", BinaryOp::BitXor},
      {"@", BinaryOp::MatMul},
  };
  if (op.ends_with("=")) op.remove_suffix(1); // augmented assignment operators
  for (auto [spelling, kind] : kOps)
    if (spelling == op) return kind;
  return BinaryOp::Add;
}

/// The `(name, range)` of each identifier in a shape string such as "n * 2 + m".
std::vector<std::pair<std::string, Range>> identifiersIn(std::string_view text, uint32_t base) {
  std::vector<std::pair<std::string, Range>> names;
  for (size_t i = 0; i < text.size();) {
    if (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') {
      size_t start = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
        ++i;
      names.emplace_back(std::string(text.substr(start, i - start)),
                         Range{base + uint32_t(start), base + uint32_t(i)});
    } else if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    } else {
      ++i;
    }
  }
  return names;
}

bool isBufferConstructor(const Builtin *builtin) {
  if (!builtin || builtin->dialect != Dialect::TIR) return false;
  std::string_view n = builtin->name;
  return n == "Buffer" || n == "match_buffer" || n == "alloc_buffer" || n == "decl_buffer" ||
         n == "sblock_alloc_buffer" || n == "buffer_decl";
}

/// `T.int32`, `T.float16x4`, `T.bool`...: a scalar type constructor of the TIR dialect.
std::optional<DType> scalarTypeOf(const Builtin *builtin) {
  if (!builtin || builtin->dialect != Dialect::TIR) return std::nullopt;
  if (builtin->name == "handle" || builtin->name == "void") return std::nullopt;
  return parseDType(builtin->name);
}

/// Whether a shape written as one expression is a single extent (`16`, `n`, `n * 2`) rather than
/// a Python value holding a whole shape (`A_shape`, `[*dims]`).
bool isScalarExtent(const Expr *shape) {
  switch (shape->kind) {
  case ExprKind::Int: return true;
  case ExprKind::Binary: return isScalarExtent(shape->items[0]) || isScalarExtent(shape->items[1]);
  case ExprKind::Name: {
    const Symbol *symbol = shape->symbol;
    return symbol && (symbol->kind == SymbolKind::ShapeVar || symbol->kind == SymbolKind::Param ||
                      symbol->kind == SymbolKind::LetVar || symbol->kind == SymbolKind::LoopVar ||
                      symbol->kind == SymbolKind::BlockVar);
  }
  case ExprKind::Call: return scalarTypeOf(shape->base ? shape->base->builtin : nullptr).has_value();
  default: return false;
  }
}

/// Source order, for anything with a range.
template <typename T> bool startsBefore(const T &a, const T &b) { return a.range.begin < b.range.begin; }

/// Calls `visit` on each identifier of a binding pattern (`i`, `i, j`, `(a, *rest)`).
void forEachIdentifier(TSNode pattern, const std::function<void(TSNode)> &visit) {
  if (is(pattern, "identifier")) {
    visit(pattern);
    return;
  }
  for (TSNode child : namedChildren(pattern)) forEachIdentifier(child, visit);
}

} // namespace

ModelBuilder::ModelBuilder(std::shared_ptr<const SourceText> source, TSNode root)
    : Source(source), Root(root), Owned(std::make_unique<ScriptModel>()), Model(Owned.get()),
      Settings(Model->Settings) {
  Model->Source = std::move(source);
}

ModelBuilder::ModelBuilder(ScriptModel &model, TSNode root)
    : Source(model.Source), Root(root), Model(&model), Settings(model.Settings) {}

ModelBuilder::Scope &ModelBuilder::newPythonScope() { return Model->ScopeArena.emplace_back(); }

std::string_view ModelBuilder::text(TSNode node) const {
  uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
  return Source->text().substr(begin, end - begin);
}

Range ModelBuilder::rangeOf(TSNode node) const {
  return {ts_node_start_byte(node), ts_node_end_byte(node)};
}

void ModelBuilder::diagnose(std::string code, Range range, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.range = range;
  diagnostic.message = std::move(message);
  Model->Diagnostics.push_back(std::move(diagnostic));
}

std::unique_ptr<ScriptModel> ModelBuilder::build() {
  if (ts_node_has_error(Root)) {
    // Brackets first; tree-sitter errors that merely follow from them are dropped.
    BracketConsequences = scanBrackets({0, Source->size()});
    reportSyntaxErrors(Root);
  }
  Scope &builtins = newPythonScope();
  for (std::string_view name : kPythonBuiltins)
    builtins.names[std::string(name)] = newSymbol(SymbolKind::PythonBuiltin, std::string(name), {});
  Scopes.push_back(&builtins);
  Scope &module = newPythonScope();
  Scopes.push_back(&module);
  collectPythonBindings(Root, module);
  findDefinitions(Root);
  dropNameCascades();

  // A file that never uses a dialect is not TVMScript: it gets no diagnostics at all.
  // Syntax errors still count in a file that imports a dialect: they may hide its definitions.
  // (A syntax error can swallow the imports themselves, so look at the text too.)
  bool mentionsScript = ImportsDialect || (!Model->Diagnostics.empty() &&
                                           Source->text().find("tvm.script") != std::string_view::npos);
  if (!Model->hasScript() && !mentionsScript) Model->Diagnostics.clear();
  std::stable_sort(Model->References.begin(), Model->References.end(), startsBefore<SymbolReference>);
  std::stable_sort(Model->Diagnostics.begin(), Model->Diagnostics.end(), startsBefore<Diagnostic>);
  return std::move(Owned);
}

void ModelBuilder::rebuildFunction(ScriptModel &model, TSNode root, TSNode definition,
                                   Function *function, uint32_t editEnd, int64_t delta) {
  ModelBuilder builder(model, root);
  // The name and decorators belong to the module: only the parameters and body are replaced.
  // Their old entries go first, in old offsets (inside the edit, nothing maps to new ones).
  Range range = function->signatureAndBody;
  auto inside = [&](Range r) { return range.begin <= r.begin && r.begin < range.end; };
  // Syntax errors are reported again for the whole definition (its `def` line included).
  auto syntax = [&](const Diagnostic &d) {
    return (d.code == "syntax-error" || d.code == "nesting-too-deep") && function->range.contains(d.range.begin);
  };
  std::erase_if(model.Diagnostics, [&](const Diagnostic &d) { return inside(d.range) || syntax(d); });
  auto first = std::find_if(model.References.begin(), model.References.end(),
                            [&](const SymbolReference &r) { return r.range.begin >= range.begin; });
  auto last = std::find_if(first, model.References.end(),
                           [&](const SymbolReference &r) { return r.range.begin >= range.end; });
  size_t at = first - model.References.begin();
  model.References.erase(first, last);
  size_t before = model.References.size();
  model.shiftRanges(editEnd, delta);

  function->params.clear();
  function->body.clear();
  function->buffers.clear();
  function->returnAnnotation = nullptr;
  function->findings.reset();
  ++function->revision;
  if (ts_node_has_error(definition)) {
    builder.BracketConsequences = builder.scanBrackets(function->range);
    builder.reportSyntaxErrors(definition);
  }
  builder.Scopes = function->environment;
  builder.buildFunction(function, definition);
  builder.dropNameCascades();

  // The function's references were built at the end: sort them and move them into place.
  auto tail = model.References.begin() + static_cast<ptrdiff_t>(before);
  std::stable_sort(tail, model.References.end(), startsBefore<SymbolReference>);
  std::rotate(model.References.begin() + static_cast<ptrdiff_t>(at), tail, model.References.end());
  std::stable_sort(model.Diagnostics.begin(), model.Diagnostics.end(), startsBefore<Diagnostic>);
  ++model.Rebuilds;
}

// ---------------------------------------------------------------------------------------------
// Syntax errors: one diagnostic per ERROR region or MISSING node; nothing inside an ERROR.

/// A syntax error can swallow the statement that binds a name (a `for` header without its colon),
/// so later uses of it would be reported too: one mistake, one diagnostic. In a function with a
/// syntax error, undefined names are not reported.
void ModelBuilder::dropNameCascades() {
  std::vector<Range> broken;
  for (const Diagnostic &d : Model->Diagnostics)
    if (d.code == "syntax-error")
      for (const Function *function : Model->Functions)
        if (function->range.begin <= d.range.begin && d.range.begin <= function->range.end)
          broken.push_back(function->range);
  if (broken.empty()) return;
  std::erase_if(Model->Diagnostics, [&](const Diagnostic &d) {
    return d.code == "undefined-name" &&
           std::any_of(broken.begin(), broken.end(), [&](Range r) { return r.contains(d.range.begin); });
  });
}

/// Whether tree-sitter read the bracket at `offset` as one side of a pair in a subtree without
/// errors: then Python's tokenizer pairs it too, however the lines inside are indented.
bool ModelBuilder::pairedWithoutError(uint32_t offset) const {
  TSNode bracket = ts_node_descendant_for_byte_range(Root, offset, offset + 1);
  if (ts_node_is_null(bracket) || ts_node_is_named(bracket) || ts_node_start_byte(bracket) != offset) return false;
  TSNode parent = ts_node_parent(bracket);
  return !ts_node_is_null(parent) && !ts_node_has_error(parent);
}

/// Finds unclosed and unmatched brackets the way Python's tokenizer does, independently of
/// tree-sitter's recovery (which can attach the damage far from the bracket). A line that starts
/// no deeper than the line of the outermost open bracket begins a new statement: the brackets
/// still open there were never closed, unless tree-sitter paired that bracket without an error
/// (a continuation line may start anywhere; that guess must not fire on valid code, in a file
/// scanned because of an error elsewhere). Returns the ranges whose tree-sitter errors are
/// consequences of a bracket reported here.
std::vector<Range> ModelBuilder::scanBrackets(Range region) {
  std::string_view text = Source->text().substr(0, region.end);
  auto indentOf = [&](uint32_t line) {
    uint32_t i = Source->lineStart(line);
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    return i - Source->lineStart(line);
  };
  std::vector<uint32_t> open;
  std::vector<Range> consequences;
  auto unclosed = [&](uint32_t through) {
    for (uint32_t opener : open)
      addSyntaxError({opener, opener + 1}, fmt::format("'{}' was never closed", text[opener]));
    consequences.push_back({open.front(), through});
    open.clear();
  };
  for (uint32_t i = region.begin; i < text.size() && SyntaxErrorLines.size() < kMaxSyntaxErrors; ++i) {
    char c = text[i];
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\r') ++i;
    } else if (c == '"' || c == '\'') {
      bool triple = text.substr(i, 3) == std::string(3, c);
      std::string_view close = triple ? text.substr(i, 3) : text.substr(i, 1);
      for (i += close.size(); i < text.size(); ++i) {
        if (text[i] == '\\') i += text.substr(i + 1, 2) == "\r\n" ? 2 : 1; // an escaped line break is one
        else if (!triple && Source->endsLine(i)) break;
        else if (text.substr(i, close.size()) == close) {
          i += close.size() - 1;
          break;
        }
      }
    } else if (c == '(' || c == '[' || c == '{') {
      open.push_back(i);
    } else if (c == ')' || c == ']' || c == '}') {
      char expected = open.empty() ? 0 : text[open.back()] == '(' ? ')' : text[open.back()] == '[' ? ']' : '}';
      if (c == expected) {
        open.pop_back();
      } else if (!pairedWithoutError(i)) {
        addSyntaxError({i, i + 1}, fmt::format("unmatched '{}'", c));
        uint32_t line = Source->lineOf(i);
        consequences.push_back({Source->lineStart(line), Source->lineStart(line + 1)});
      }
    } else if (Source->endsLine(i) && !open.empty()) {
      uint32_t next = Source->lineOf(i + 1);
      std::string_view content = Source->lineText(next);
      size_t first = content.find_first_not_of(" \t");
      // Blank and comment lines, and a line that starts by closing a bracket (Black's `):`),
      // continue the statement.
      if (first == std::string_view::npos || content[first] == '#' || content[first] == ')' ||
          content[first] == ']' || content[first] == '}')
        continue;
      if (indentOf(next) <= indentOf(Source->lineOf(open.front())) && !pairedWithoutError(open.front()))
        unclosed(Source->lineStart(next + 2)); // the new statement's first lines pay for it too
    }
  }
  if (!open.empty()) unclosed(Source->size());
  return consequences;
}

void ModelBuilder::reportSyntaxErrors(TSNode node) {
  DepthGuard guard(Depth);
  if (Depth > kMaxDepth) return; // nesting-too-deep is reported while building
  if (ts_node_is_missing(node)) {
    std::string what = ts_node_is_named(node) ? ts_node_type(node)
                                              : fmt::format("'{}'", ts_node_type(node));
    addSyntaxError(rangeOf(node), fmt::format("expected {}", what));
    return;
  }
  if (ts_node_is_error(node)) {
    describeErrorRegion(rangeOf(node));
    return;
  }
  uint32_t count = ts_node_child_count(node);
  bool inChild = false;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    if (ts_node_has_error(child) || ts_node_is_missing(child)) {
      reportSyntaxErrors(child);
      inChild = true;
    }
  }
  if (inChild) return;
  // The error is a hidden token tree-sitter took as missing (`_newline`, `_indent`, `_dedent`),
  // which no child of the API shows: `x = f(1)dtype=` is `x = f(1)`, a missing new line, and
  // `dtype = ...`. Two statements that start on one line show where it is.
  for (uint32_t i = 1; i < count; ++i) {
    TSNode previous = ts_node_child(node, i - 1), child = ts_node_child(node, i);
    Range range = rangeOf(child);
    if (ts_node_is_named(child) && Source->lineOf(range.begin) == Source->lineOf(rangeOf(previous).end) &&
        (is(node, "block") || is(node, "module"))) {
      addSyntaxError({rangeOf(previous).end, std::max(range.begin, rangeOf(previous).end + 1)},
                     "expected a new line between two statements");
      return;
    }
  }
  describeErrorRegion(rangeOf(node));
}

bool ModelBuilder::followsFromBracket(Range range) const {
  return std::any_of(BracketConsequences.begin(), BracketConsequences.end(), [&](Range consequence) {
    return range.begin < consequence.end && consequence.begin < std::max(range.end, range.begin + 1);
  });
}

/// One diagnostic per line (tree-sitter may split one mistake into several error nodes), and at
/// most kMaxSyntaxErrors per file: past that, a file is not Python and more would only be noise.
void ModelBuilder::addSyntaxError(Range range, std::string message) {
  if (SyntaxErrorLines.size() >= kMaxSyntaxErrors || followsFromBracket(range)) return;
  if (!SyntaxErrorLines.insert(Source->lineOf(range.begin)).second) return;
  diagnose("syntax-error", range, std::move(message));
}

/// Explains an ERROR region: a compound statement header without its colon, or else invalid
/// syntax on its first line. (Brackets were already explained by scanBrackets.)
void ModelBuilder::describeErrorRegion(Range region) {
  if (followsFromBracket(region)) return;
  // The region's first line, without leading and trailing blanks.
  uint32_t lineNumber = Source->lineOf(region.begin);
  std::string_view line = Source->lineText(lineNumber);
  line.remove_prefix(std::min<size_t>(region.begin - Source->lineStart(lineNumber), line.size()));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
  Range range{region.begin, region.begin + static_cast<uint32_t>(line.size())};
  if (range.empty()) range.end = std::min(range.begin + 1, Source->size());
  static constexpr std::string_view kCompound[] = {"for ", "while ", "if ", "elif ", "else", "with ",
                                                   "def ", "class ", "try", "except", "finally"};
  for (std::string_view keyword : kCompound) {
    if (line.starts_with(keyword) && !line.ends_with(":")) {
      std::string_view name = keyword.substr(0, keyword.find(' '));
      addSyntaxError(range, fmt::format("expected ':' at the end of the '{}' statement", name));
      return;
    }
  }
  size_t cut = std::min<size_t>(line.size(), 40);
  while (cut < line.size() && cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  std::string_view shown = line.substr(0, cut); // never half a UTF-8 sequence
  addSyntaxError(range, shown.empty() ? "invalid syntax" : fmt::format("invalid syntax near '{}'", shown));
}

// ---------------------------------------------------------------------------------------------
// Python scopes: every name a scope binds, wherever in its body (Python's rule).

Symbol *ModelBuilder::newSymbol(SymbolKind kind, std::string name, Range definition) {
  Symbol &symbol = Model->SymbolArena.emplace_back();
  symbol.kind = kind;
  symbol.name = std::move(name);
  symbol.definition = definition;
  return &symbol;
}

void ModelBuilder::bindPattern(TSNode pattern, Scope &scope) {
  if (is(pattern, "identifier")) {
    std::string name(text(pattern));
    if (!scope.names.count(name))
      scope.names[name] = newSymbol(SymbolKind::PythonName, name, rangeOf(pattern));
    return;
  }
  if (is(pattern, "attribute") || is(pattern, "subscript")) return;
  for (TSNode child : namedChildren(pattern)) bindPattern(child, scope);
}

void ModelBuilder::bindImport(TSNode node, Scope &scope) {
  auto bind = [&](std::string name, std::string path, Range range) {
    ImportTarget target = classifyPath(path);
    Symbol *symbol;
    if (target.dialect != Dialect::None && target.builtin.empty()) {
      symbol = newSymbol(SymbolKind::DialectModule, name, range);
      symbol->dialect = target.dialect;
    } else if (target.dialect != Dialect::None) {
      symbol = newSymbol(SymbolKind::PythonName, name, range);
      symbol->dialect = target.dialect;
      symbol->path = target.builtin; // a builtin imported by name
    } else {
      symbol = newSymbol(SymbolKind::PythonModule, name, range);
      symbol->path = path;
    }
    scope.names[symbol->name] = symbol;
    if (target.dialect != Dialect::None) ImportsDialect = true;
    if (target.dialect == Dialect::TIR && path.find("tirx") != std::string::npos) Model->Tirx = true;
  };
  if (is(node, "future_import_statement")) {
    for (TSNode child : namedChildren(node))
      if (text(child) == "annotations") Settings.futureAnnotations = true;
    return;
  }
  if (is(node, "import_statement")) {
    for (TSNode child : namedChildren(node)) {
      if (is(child, "aliased_import")) {
        TSNode alias = field(child, "alias");
        bind(std::string(text(alias)), std::string(text(field(child, "name"))), rangeOf(alias));
      } else {
        // `import a.b.c` binds `a`, which leads to a.b.c by attribute access.
        std::string path(text(child));
        std::string head = path.substr(0, path.find('.'));
        bind(head, head, rangeOf(child));
      }
    }
    return;
  }
  // import_from_statement
  TSNode moduleName = field(node, "module_name");
  std::string module(text(moduleName));
  bool star = false;
  for (TSNode child : namedChildren(node)) {
    if (ts_node_eq(child, moduleName)) continue;
    if (is(child, "wildcard_import")) {
      star = true;
    } else if (is(child, "aliased_import")) {
      TSNode alias = field(child, "alias");
      bind(std::string(text(alias)), module + "." + std::string(text(field(child, "name"))),
           rangeOf(alias));
    } else if (is(child, "dotted_name")) {
      bind(std::string(text(child)), module + "." + std::string(text(child)), rangeOf(child));
    }
  }
  if (star) {
    ImportTarget target = classifyPath(module);
    if (target.dialect != Dialect::None && target.builtin.empty())
      Settings.starDialects.push_back(target.dialect);
    else
      Settings.openWorld = true;
  }
}

void ModelBuilder::collectPythonBindings(TSNode block, Scope &scope) {
  DepthGuard guard(Depth);
  if (Depth > kMaxDepth) return;
  for (TSNode node : namedChildren(block)) {
    if (is(node, "import_statement") || is(node, "import_from_statement") ||
        is(node, "future_import_statement")) {
      bindImport(node, scope);
    } else if (is(node, "decorated_definition")) {
      bindPattern(field(field(node, "definition"), "name"), scope);
    } else if (is(node, "function_definition") || is(node, "class_definition")) {
      bindPattern(field(node, "name"), scope);
    } else if (is(node, "expression_statement")) {
      for (TSNode child : namedChildren(node)) {
        for (TSNode assign = child; is(assign, "assignment") || is(assign, "augmented_assignment");
             assign = field(assign, "right")) {
          TSNode left = field(assign, "left"), right = field(assign, "right");
          // `T = tir_alias`: another name for an imported module.
          if (is(assign, "assignment") && is(left, "identifier") && !ts_node_is_null(right) &&
              is(right, "identifier")) {
            auto aliased = scope.names.find(std::string(text(right)));
            if (aliased != scope.names.end() && (aliased->second->kind == SymbolKind::DialectModule ||
                                                 aliased->second->kind == SymbolKind::PythonModule)) {
              scope.names[std::string(text(left))] = aliased->second;
              break;
            }
          }
          bindPattern(left, scope);
          if (ts_node_is_null(field(assign, "right"))) break;
        }
      }
    } else if (is(node, "for_statement")) {
      bindPattern(field(node, "left"), scope);
      collectPythonBindings(field(node, "body"), scope);
      if (TSNode alt = field(node, "alternative"); !ts_node_is_null(alt))
        collectPythonBindings(alt, scope);
    } else if (is(node, "with_statement")) {
      for (TSNode clause : namedChildren(node)) {
        if (is(clause, "with_clause")) {
          for (TSNode item : namedChildren(clause)) {
            TSNode value = field(item, "value");
            if (!ts_node_is_null(value) && is(value, "as_pattern"))
              bindPattern(field(value, "alias"), scope);
          }
        }
      }
      collectPythonBindings(field(node, "body"), scope);
    } else if (is(node, "global_statement") || is(node, "nonlocal_statement")) {
      for (TSNode name : namedChildren(node)) bindPattern(name, scope);
    } else if (is(node, "if_statement") || is(node, "while_statement") ||
               is(node, "try_statement") || is(node, "elif_clause") || is(node, "else_clause") ||
               is(node, "except_clause") || is(node, "finally_clause") || is(node, "block") ||
               is(node, "match_statement") || is(node, "case_clause")) {
      if (is(node, "except_clause"))
        if (TSNode alias = field(node, "alias"); !ts_node_is_null(alias)) bindPattern(alias, scope);
      collectPythonBindings(node, scope);
    } else if (is(node, "type_alias_statement")) {
      bindPattern(field(node, "left"), scope);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Finding TVMScript definitions, at module level and inside Python functions and classes.

const Builtin *ModelBuilder::decoratorBuiltin(TSNode decorated) {
  TSNode last{};
  for (TSNode child : namedChildren(decorated))
    if (is(child, "decorator")) last = child;
  if (ts_node_is_null(last)) return nullptr;
  std::vector<TSNode> parts = namedChildren(last);
  if (parts.empty()) return nullptr;
  // Decorators are Python-level code: resolve them for their builtin, checking `T.` names.
  Context saved = Mode;
  Mode = Context::Python;
  Expr *expr = buildExpr(parts.front());
  Mode = saved;
  if (expr->kind == ExprKind::Call) expr = expr->base;
  if (expr && !expr->builtin) recoverMissingDialectImport(expr);
  return expr ? expr->builtin : nullptr;
}

/// `@T.prim_func` in a file that never imported `T`: reports the name once, with a fix adding
/// the import, and from then on reads `T` as that dialect so nothing else cascades from it.
void ModelBuilder::recoverMissingDialectImport(Expr *decorator) {
  if (decorator->kind != ExprKind::Attribute || decorator->base->kind != ExprKind::Name ||
      decorator->base->symbol)
    return;
  static const std::pair<std::string_view, std::pair<Dialect, std::string_view>> kEntries[] = {
      {"prim_func", {Dialect::TIR, "tir"}}, {"function", {Dialect::Relax, "relax"}},
      {"ir_module", {Dialect::IR, "ir"}},   {"macro", {Dialect::TIR, "tir"}}};
  for (auto [member, target] : kEntries) {
    if (decorator->text != member) continue;
    Expr *alias = decorator->base;
    Symbol *symbol = newSymbol(SymbolKind::DialectModule, alias->text, {});
    symbol->dialect = target.first;
    Scopes[1]->names[alias->text] = symbol; // the module scope
    alias->symbol = symbol;
    decorator->builtin = findBuiltin(target.first, member);
    Diagnostic diagnostic;
    diagnostic.code = "undefined-name";
    diagnostic.range = alias->range;
    diagnostic.message = fmt::format("undefined name '{}'; did you forget 'from tvm.script import {} as {}'?",
                                     alias->text, target.second, alias->text);
    // The import goes after the file's last top-level import (so after `from __future__`, a
    // shebang or a docstring), or first when there is none.
    uint32_t at = 0;
    for (TSNode child : namedChildren(Root))
      if (is(child, "import_statement") || is(child, "import_from_statement") || is(child, "future_import_statement"))
        at = Source->lineStart(Source->lineOf(ts_node_end_byte(child)) + 1);
    diagnostic.fixes.push_back({fmt::format("Add 'from tvm.script import {} as {}'", target.second, alias->text),
                                {{{at, at}, fmt::format("from tvm.script import {} as {}\n", target.second, alias->text)}}});
    Model->Diagnostics.push_back(std::move(diagnostic));
    return;
  }
}

void ModelBuilder::findDefinitions(TSNode block) {
  DepthGuard guard(Depth);
  if (Depth > kMaxDepth) return;
  for (TSNode node : namedChildren(block)) {
    if (is(node, "decorated_definition")) {
      TSNode definition = field(node, "definition");
      const Builtin *builtin = decoratorBuiltin(node);
      std::string_view name = builtin ? builtin->name : "";
      Dialect dialect = builtin ? builtin->dialect : Dialect::None;
      if (is(definition, "class_definition") && dialect == Dialect::IR && name == "ir_module") {
        buildModule(node, definition);
      } else if (is(definition, "function_definition") &&
                 ((dialect == Dialect::TIR && name == "prim_func") ||
                  (dialect == Dialect::Relax && name == "function"))) {
        Function *function = declareFunction(node, definition, dialect, nullptr);
        // The Python scope already has a symbol for the name: it becomes the function's, and
        // the definition just recorded refers to it.
        if (Symbol *symbol = lookup(function->name);
            symbol && symbol->definition == function->nameRange) {
          symbol->kind = function->symbol->kind;
          symbol->function = function;
          for (auto it = Model->References.rbegin(); it != Model->References.rend(); ++it)
            if (it->symbol == function->symbol) {
              it->symbol = symbol;
              break;
            }
          function->symbol = symbol;
        }
        buildFunction(function, definition);
      } else {
        findInDefinition(definition);
      }
    } else if (is(node, "function_definition") || is(node, "class_definition")) {
      findInDefinition(node);
    } else if (is(node, "if_statement") || is(node, "for_statement") ||
               is(node, "while_statement") || is(node, "with_statement") ||
               is(node, "try_statement") || is(node, "block") || is(node, "else_clause") ||
               is(node, "elif_clause") || is(node, "except_clause") ||
               is(node, "finally_clause")) {
      findDefinitions(node);
    }
  }
}

void ModelBuilder::findInDefinition(TSNode definition) {
  if (is(definition, "class_definition")) {
    findDefinitions(field(definition, "body"));
    return;
  }
  // A Python function: its names are visible to TVMScript nested in it (closures).
  Scope &scope = newPythonScope();
  for (TSNode param : namedChildren(field(definition, "parameters"))) {
    TSNode name = is(param, "identifier") ? param : field(param, "name");
    if (ts_node_is_null(name) && ts_node_named_child_count(param) > 0)
      name = ts_node_named_child(param, 0);
    if (!ts_node_is_null(name)) bindPattern(name, scope);
  }
  collectPythonBindings(field(definition, "body"), scope);
  Scopes.push_back(&scope);
  findDefinitions(field(definition, "body"));
  Scopes.pop_back();
}

void ModelBuilder::buildModule(TSNode decorated, TSNode classNode) {
  Module &module = Model->ModuleArena.emplace_back();
  TSNode nameNode = field(classNode, "name");
  module.name = text(nameNode);
  module.nameRange = rangeOf(nameNode);
  module.range = rangeOf(decorated);
  Model->Modules.push_back(&module);

  // The class name is bound in the enclosing Python scope; make it the module.
  Symbol *symbol = lookup(module.name);
  if (!symbol || symbol->definition != module.nameRange)
    symbol = newSymbol(SymbolKind::Module, module.name, module.nameRange);
  symbol->kind = SymbolKind::Module;
  symbol->module = &module;
  module.symbol = symbol;
  reference(module.nameRange, symbol, true);

  // TVM declares every function before parsing any body, so forward references work.
  Scope &classScope = newPythonScope();
  std::vector<std::pair<Function *, TSNode>> bodies;
  for (TSNode member : namedChildren(field(classNode, "body"))) {
    TSNode definition = member;
    Dialect dialect = Dialect::None;
    if (is(member, "decorated_definition")) {
      definition = field(member, "definition");
      const Builtin *builtin = decoratorBuiltin(member);
      if (builtin && builtin->dialect == Dialect::TIR && builtin->name == "prim_func")
        dialect = Dialect::TIR;
      else if (builtin && builtin->dialect == Dialect::Relax && builtin->name == "function")
        dialect = Dialect::Relax;
    }
    if (!is(definition, "function_definition")) {
      // `I.module_attrs({...})`, `name = <expr>`: Python-level statements of the class body.
      if (!is(member, "expression_statement")) continue;
      for (TSNode child : namedChildren(member)) {
        if (is(child, "assignment")) {
          bindPattern(field(child, "left"), classScope);
          if (TSNode right = field(child, "right"); !ts_node_is_null(right)) buildExpr(right);
        } else {
          buildExpr(child);
        }
      }
      continue;
    }
    if (dialect == Dialect::None) {
      bindPattern(field(definition, "name"), classScope); // a macro or Python helper
      continue;
    }
    Function *function = declareFunction(member, definition, dialect, &module);
    if (auto previous = classScope.names.find(function->name);
        previous != classScope.names.end() && previous->second->function) {
      Diagnostic duplicate;
      duplicate.code = "duplicate-definition";
      duplicate.range = function->nameRange;
      duplicate.message =
          fmt::format("module '{}' already defines a function named '{}'", module.name, function->name);
      duplicate.related.push_back({previous->second->definition, "previous definition is here"});
      Model->Diagnostics.push_back(std::move(duplicate));
    } else {
      classScope.names[function->name] = function->symbol;
    }
    bodies.emplace_back(function, definition);
  }
  Scopes.push_back(&classScope);
  for (auto [function, definition] : bodies) buildFunction(function, definition);
  Scopes.pop_back();
}

Function *ModelBuilder::declareFunction(TSNode decorated, TSNode definition, Dialect dialect,
                                        Module *module) {
  Function &function = Model->FunctionArena.emplace_back();
  TSNode nameNode = field(definition, "name");
  function.dialect = dialect;
  function.name = text(nameNode);
  function.nameRange = rangeOf(nameNode);
  function.range = rangeOf(definition);
  function.module = module;
  function.symbol = newSymbol(dialect == Dialect::TIR ? SymbolKind::PrimFunc : SymbolKind::RelaxFunc,
                              function.name, function.nameRange);
  function.symbol->function = &function;
  function.symbol->module = module;
  reference(function.nameRange, function.symbol, true);
  if (module) module->functions.push_back(&function);
  Model->Functions.push_back(&function);

  // `private=True` is read from the decorator text, as TVM's find_decorator_annotation does.
  if (is(decorated, "decorated_definition")) {
    for (TSNode decorator : namedChildren(decorated)) {
      if (!is(decorator, "decorator")) continue;
      std::string_view source = text(decorator);
      if (source.find("private=True") != std::string_view::npos ||
          source.find("private = True") != std::string_view::npos)
        function.isPrivate = true;
    }
  }
  return &function;
}

void ModelBuilder::buildFunction(Function *function, TSNode definition) {
  Context savedMode = Mode;
  Function *savedFunction = Current;
  Mode = function->dialect == Dialect::TIR ? Context::TIR : Context::Relax;
  Current = function;
  function->environment = Scopes;
  function->signatureAndBody = {ts_node_start_byte(field(definition, "parameters")), function->range.end};
  LocalScopes.emplace_back();
  Scopes.push_back(&LocalScopes.back());

  if (TSNode typeParams = field(definition, "type_parameters"); !ts_node_is_null(typeParams)) {
    // PEP 695 `def f[K, N](...)`: each name is an int64 shape variable.
    for (TSNode param : namedChildren(typeParams)) {
      TSNode name = is(param, "identifier") ? param : ts_node_named_child(param, 0);
      if (ts_node_is_null(name) || !is(name, "identifier")) continue;
      Symbol *symbol = newSymbol(SymbolKind::ShapeVar, std::string(text(name)), rangeOf(name));
      symbol->dtype = parseDType("int64");
      Scopes.back()->names[symbol->name] = symbol;
      reference(symbol->definition, symbol, true);
    }
  }
  buildParams(function, field(definition, "parameters"));
  if (TSNode ret = field(definition, "return_type"); !ts_node_is_null(ret)) {
    function->returnAnnotation = buildExpr(ret);
    if (Mode == Context::Relax) defineShapeStrings(function->returnAnnotation);
  }
  function->body = buildBlock(field(definition, "body"), /*pushScope=*/false);

  Scopes.pop_back();
  Current = savedFunction;
  Mode = savedMode;
}

// ---------------------------------------------------------------------------------------------
// Parameters and buffers.

Buffer *ModelBuilder::newBuffer(BufferOrigin origin, Expr *declaration, Symbol *symbol,
                                Function *function) {
  Buffer &buffer = Model->BufferArena.emplace_back();
  buffer.origin = origin;
  buffer.declaration = declaration;
  buffer.symbol = symbol;
  symbol->kind = SymbolKind::Buffer;
  symbol->buffer = &buffer;
  if (function) function->buffers.push_back(&buffer);
  return &buffer;
}

/// Reads shape, dtype and layout keywords of a buffer-declaring call whose shape is positional
/// argument `shapeIndex` (dtype follows it), or of `T.Buffer[shape, dtype]`.
void ModelBuilder::fillBufferFromCall(Buffer *buffer, Expr *call, size_t shapeIndex) {
  Expr *shape = nullptr;
  Expr *dtype = nullptr;
  if (call->kind == ExprKind::Subscript) {
    shape = call->items.size() > 0 ? call->items[0] : nullptr;
    dtype = call->items.size() > 1 ? call->items[1] : nullptr;
  } else {
    shape = call->argument(shapeIndex, "shape");
    dtype = call->argument(shapeIndex + 1, "dtype");
    buffer->strides = call->keyword("strides");
    buffer->data = call->argument(shapeIndex + 2, "data");
    if (Expr *scope = call->keyword("scope"); scope && scope->kind == ExprKind::String)
      buffer->scope = scope->text;
  }
  if (shape) {
    if (shape->kind == ExprKind::Tuple || shape->kind == ExprKind::List) {
      bool literal = std::none_of(shape->items.begin(), shape->items.end(),
                                  [](Expr *e) { return e->kind == ExprKind::Starred; });
      if (literal) buffer->shape = shape->items;
    } else if (isScalarExtent(shape)) {
      buffer->shape = std::vector<Expr *>{shape}; // `T.Buffer(16)` is `T.Buffer((16,))`
    }
  }
  if (dtype && dtype->kind == ExprKind::String) {
    buffer->dtype = dtype;
    buffer->dtypeName = dtype->text;
  }
}

void ModelBuilder::buildParams(Function *function, TSNode parameters) {
  // Relax: `R.Tensor((M, "M * 2"))` may use a name that a string of the signature defines.
  std::vector<Expr *> deferred;
  for (TSNode node : namedChildren(parameters)) {
    TSNode nameNode{}, typeNode{}, defaultNode{};
    if (is(node, "identifier")) {
      nameNode = node;
    } else if (is(node, "typed_parameter")) {
      nameNode = ts_node_named_child(node, 0);
      typeNode = field(node, "type");
    } else if (is(node, "default_parameter") || is(node, "typed_default_parameter")) {
      nameNode = field(node, "name");
      typeNode = field(node, "type");
      defaultNode = field(node, "value");
    } else {
      continue; // `*`, `/` separators
    }
    if (ts_node_is_null(nameNode) || !is(nameNode, "identifier")) continue;
    Param param;
    param.range = rangeOf(node);
    if (!ts_node_is_null(typeNode)) {
      // Signature buffer shapes may introduce shape variables (quoted, or with postponed
      // annotations); everything else in an annotation must already exist.
      DefineShapeNames = Mode == Context::TIR;
      DeferredNames = Mode == Context::Relax ? &deferred : nullptr;
      param.annotation = buildExpr(typeNode);
      DefineShapeNames = false;
      DeferredNames = nullptr;
    }
    if (!ts_node_is_null(defaultNode)) buildExpr(defaultNode);

    Symbol *symbol = newSymbol(SymbolKind::Param, std::string(text(nameNode)), rangeOf(nameNode));
    param.symbol = symbol;
    Expr *annotation = param.annotation;
    if (Mode == Context::Relax) {
      param.kind = ParamKind::Relax;
      if (annotation) defineShapeStrings(annotation);
    } else if (annotation) {
      const Builtin *callee = annotation->kind == ExprKind::Call ||
                                      annotation->kind == ExprKind::Subscript
                                  ? annotation->base->builtin
                                  : annotation->builtin;
      std::string_view name = callee && callee->dialect == Dialect::TIR ? callee->name : "";
      if (name == "Buffer") {
        param.kind = ParamKind::Buffer;
        param.buffer = newBuffer(BufferOrigin::Param, annotation, symbol, function);
        fillBufferFromCall(param.buffer, annotation, 0);
      } else if (name == "handle" && annotation->kind == ExprKind::Attribute) {
        param.kind = ParamKind::Handle;
      } else if (name == "handle" || name == "Ptr" || name == "ptr") {
        param.kind = ParamKind::Pointer;
      } else if (auto type = scalarTypeOf(callee)) {
        param.kind = ParamKind::Scalar;
        symbol->dtype = type;
      }
    }
    // A scalar parameter adopts the shape variable a quoted name of an earlier parameter
    // defined (HEAD: `A: T.Buffer(("n",)), n: T.int32`).
    if (auto it = Scopes.back()->names.find(symbol->name); it != Scopes.back()->names.end()) {
      if (it->second->kind == SymbolKind::ShapeVar && param.kind == ParamKind::Scalar) {
        for (SymbolReference &ref : Model->References)
          if (ref.symbol == it->second) ref.symbol = symbol;
      } else {
        diagnose("duplicate-definition", symbol->definition,
                 fmt::format("duplicate parameter '{}'", symbol->name));
      }
    }
    Scopes.back()->names[symbol->name] = symbol;
    reference(symbol->definition, symbol, true);
    function->params.push_back(param);
  }
  for (Expr *name : deferred) resolveName(name);
}

/// Relax string shapes (`R.Tensor(("n", "m * 2"), ...)`) and HEAD's quoted TIR shape names:
/// each identifier's first occurrence defines a shape variable of the function. `expr` is an
/// annotation (`R.Tensor(...)`, `R.Tuple(...)`, ...) or a shape tuple.
void ModelBuilder::defineShapeStrings(Expr *expr) {
  if (!expr) return;
  switch (expr->kind) {
  case ExprKind::String: break;
  case ExprKind::Tuple:
  case ExprKind::List:
    for (Expr *item : expr->items) defineShapeStrings(item);
    return;
  case ExprKind::Call: {
    const Builtin *callee = expr->base ? expr->base->builtin : nullptr;
    if (!callee || callee->dialect != Dialect::Relax) return;
    if (callee->name == "Tuple") {
      for (Expr *item : expr->items) defineShapeStrings(item);
    } else if (callee->name == "Tensor" || callee->name == "Shape") {
      Expr *shape = expr->argument(0, "shape");
      if (shape && shape->kind != ExprKind::String) defineShapeStrings(shape);
      if (Expr *values = expr->keyword("values")) defineShapeStrings(values);
    } else if (callee->name == "Prim") {
      defineShapeStrings(expr->keyword("value"));
    }
    return;
  }
  default: return;
  }
  // The string's content starts after its opening quote (and any prefix letters). Only a plain
  // one-part string maps text offsets to source offsets; others define nothing.
  std::string_view source =
      Source->text().substr(expr->range.begin, expr->range.end - expr->range.begin);
  size_t quote = source.find_first_of("\"'");
  if (quote == std::string_view::npos || source.size() != quote + expr->text.size() + 2 ||
      expr->text.find('\\') != std::string::npos)
    return;
  uint32_t base = expr->range.begin + uint32_t(quote) + 1;
  for (auto &[name, range] : identifiersIn(expr->text, base)) {
    if (Symbol *existing = lookup(name); existing && existing->kind != SymbolKind::PythonBuiltin &&
                                         existing->kind != SymbolKind::PythonName &&
                                         existing->kind != SymbolKind::PythonModule) {
      reference(range, existing, false);
      continue;
    }
    Symbol *symbol = newSymbol(SymbolKind::ShapeVar, name, range);
    symbol->dtype = parseDType(Mode == Context::Relax ? "int64" : "int32");
    Scopes.back()->names[name] = symbol;
    reference(range, symbol, true);
  }
}

/// Names in a signature `T.Buffer` shape that resolve to nothing become shape variables when
/// annotations are postponed (`from __future__ import annotations`), as TVM evaluates them then.
void ModelBuilder::defineUnresolvedShapeNames(Expr *shape) {
  if (!shape) return;
  if (shape->kind == ExprKind::Name && !shape->symbol) {
    Symbol *symbol = newSymbol(SymbolKind::ShapeVar, shape->text, shape->range);
    symbol->dtype = parseDType("int32");
    shape->symbol = symbol;
    Scopes.back()->names[shape->text] = symbol;
    reference(shape->range, symbol, true);
    return;
  }
  for (Expr *item : shape->items) defineUnresolvedShapeNames(item);
}

// ---------------------------------------------------------------------------------------------
// Statements.

std::vector<Stmt *> ModelBuilder::buildBlock(TSNode block, bool pushScope) {
  DepthGuard guard(Depth);
  if (Depth > kMaxDepth) {
    if (!ReportedDepth) {
      diagnose("nesting-too-deep", rangeOf(block),
               fmt::format("statements nested more than {} levels deep; the rest is not checked", kMaxDepth));
      ReportedDepth = true;
    }
    return {};
  }
  // Relax follows Python: a binding in a branch or dataflow block is visible after it.
  bool push = pushScope && Mode == Context::TIR;
  if (push) {
    LocalScopes.emplace_back();
    Scopes.push_back(&LocalScopes.back());
  }
  std::vector<Stmt *> statements;
  if (!ts_node_is_null(block))
    for (TSNode node : namedChildren(block)) buildStatement(node, statements);
  if (push) Scopes.pop_back();
  return statements;
}

void ModelBuilder::buildStatement(TSNode node, std::vector<Stmt *> &out) {
  auto make = [&](StmtKind kind) {
    Stmt &stmt = Model->StmtArena.emplace_back();
    stmt.kind = kind;
    stmt.range = rangeOf(node);
    return &stmt;
  };
  if (is(node, "expression_statement")) {
    for (TSNode child : namedChildren(node)) {
      if (is(child, "assignment") || is(child, "augmented_assignment")) {
        out.push_back(buildAssignment(child, rangeOf(node)));
      } else {
        Stmt *stmt = make(StmtKind::Expr);
        stmt->value = buildExpr(child);
        out.push_back(stmt);
      }
    }
  } else if (is(node, "for_statement")) {
    out.push_back(buildFor(node));
  } else if (is(node, "while_statement")) {
    Stmt *stmt = make(StmtKind::While);
    stmt->value = buildExpr(field(node, "condition"));
    stmt->body = buildBlock(field(node, "body"), true);
    out.push_back(stmt);
  } else if (is(node, "if_statement")) {
    out.push_back(buildIf(node, false));
  } else if (is(node, "with_statement")) {
    out.push_back(buildWith(node));
  } else if (is(node, "return_statement")) {
    Stmt *stmt = make(StmtKind::Return);
    if (ts_node_named_child_count(node) > 0) stmt->value = buildExpr(ts_node_named_child(node, 0));
    out.push_back(stmt);
  } else if (is(node, "assert_statement")) {
    Stmt *stmt = make(StmtKind::Assert);
    for (TSNode child : namedChildren(node)) stmt->items.push_back(buildExpr(child));
    out.push_back(stmt);
  } else if (is(node, "pass_statement")) {
    out.push_back(make(StmtKind::Pass));
  } else if (is(node, "function_definition") || is(node, "decorated_definition") ||
             is(node, "class_definition")) {
    // A nested definition (a private Relax closure, a Python helper): bind its name only.
    TSNode definition = is(node, "decorated_definition") ? field(node, "definition") : node;
    TSNode name = field(definition, "name");
    if (!ts_node_is_null(name)) {
      Symbol *symbol = newSymbol(SymbolKind::PythonName, std::string(text(name)), rangeOf(name));
      Scopes.back()->names[symbol->name] = symbol;
    }
    out.push_back(make(StmtKind::FunctionDef));
  } else if (is(node, "import_statement") || is(node, "import_from_statement")) {
    bindImport(node, *Scopes.back());
    out.push_back(make(StmtKind::Other));
  } else if (is(node, "global_statement") || is(node, "nonlocal_statement")) {
    out.push_back(make(StmtKind::Other));
  } else if (!is(node, "ERROR")) {
    // Statements TVMScript rejects (try, raise, del...): still resolve the names they use.
    Stmt *stmt = make(StmtKind::Other);
    for (TSNode child : namedChildren(node)) {
      if (is(child, "block")) {
        auto inner = buildBlock(child, true);
        stmt->body.insert(stmt->body.end(), inner.begin(), inner.end());
      } else if (!is(child, "identifier") || !is(node, "break_statement")) {
        stmt->items.push_back(buildExpr(child));
      }
    }
    out.push_back(stmt);
  }
}

Stmt *ModelBuilder::buildAssignment(TSNode node, Range statement) {
  Stmt &stmt = Model->StmtArena.emplace_back();
  stmt.range = statement;
  if (is(node, "augmented_assignment")) {
    stmt.kind = StmtKind::AugAssign;
    stmt.binary = binaryOpOf(text(field(node, "operator")));
    stmt.value = buildExpr(field(node, "right"));
    stmt.targets.push_back(buildExpr(field(node, "left")));
    return &stmt;
  }
  stmt.kind = StmtKind::Assign;
  // `a = b = c` nests assignments on the right; collect every target.
  std::vector<TSNode> lefts;
  TSNode current = node;
  TSNode right{};
  while (true) {
    lefts.push_back(field(current, "left"));
    if (TSNode type = field(current, "type"); !ts_node_is_null(type)) stmt.annotation = buildExpr(type);
    right = field(current, "right");
    if (ts_node_is_null(right) || !is(right, "assignment")) break;
    current = right;
  }
  if (!ts_node_is_null(right)) stmt.value = buildExpr(right);

  // Targets: names are defined after the value is built; subscripts and attributes are uses.
  Context targetMode = Mode;
  for (TSNode left : lefts) {
    if (is(left, "subscript") || is(left, "attribute")) {
      stmt.targets.push_back(buildExpr(left));
      if (is(left, "subscript") && targetMode == Context::TIR) stmt.kind = StmtKind::BufferStore;
      continue;
    }
    // Patterns: build without resolving, then bind.
    std::function<Expr *(TSNode)> pattern = [&](TSNode n) -> Expr * {
      if (is(n, "identifier")) {
        Expr *name = newExpr(ExprKind::Name, n);
        name->text = text(n);
        return name;
      }
      if (is(n, "subscript") || is(n, "attribute")) return buildExpr(n);
      Expr *group = newExpr(is(n, "list_pattern") || is(n, "list") ? ExprKind::List
                            : is(n, "list_splat_pattern")           ? ExprKind::Starred
                                                                    : ExprKind::Tuple,
                            n);
      for (TSNode child : namedChildren(n)) group->items.push_back(pattern(child));
      return group;
    };
    stmt.targets.push_back(pattern(left));
  }
  bindAssignmentTargets(&stmt);
  return &stmt;
}

/// Defines the names an assignment binds, with kinds from its value (TVM's bind_assign_value).
void ModelBuilder::bindAssignmentTargets(Stmt *stmt) {
  auto bindName = [&](Expr *name, Expr *value) {
    const Builtin *callee = value && value->kind == ExprKind::Call && value->base ? value->base->builtin
                                                                                  : nullptr;
    std::string_view calleeName = callee ? callee->name : "";
    if (Mode == Context::Python) return;
    SymbolKind kind = Mode == Context::TIR ? SymbolKind::LetVar : SymbolKind::RelaxVar;
    bool isBuffer = isBufferConstructor(callee);
    if (isBuffer) kind = SymbolKind::Buffer;
    else if (callee && callee->dialect == Dialect::TIR && calleeName.starts_with("axis."))
      kind = SymbolKind::BlockVar;
    else if (scalarTypeOf(callee) && value->items.empty() &&
             std::all_of(value->keywords.begin(), value->keywords.end(),
                         [](const Keyword &k) { return k.name == "is_size_var"; }))
      kind = SymbolKind::ShapeVar; // `n = T.int64()` is a fresh variable, not a let
    else if (callee && callee->name == "var" && callee->dialect == Dialect::TIR)
      kind = SymbolKind::ShapeVar;
    else if (Mode == Context::Relax && value && value->kind == ExprKind::Name && value->symbol &&
             value->symbol->kind == SymbolKind::Module)
      kind = SymbolKind::ModuleAlias;

    // A Relax prelude `n = T.int64()` names the shape variable of the signature again.
    if (kind == SymbolKind::ShapeVar) {
      if (Symbol *existing = lookup(name->text); existing && existing->kind == SymbolKind::ShapeVar) {
        name->symbol = existing;
        reference(name->range, existing, true);
        return;
      }
    }
    Scope &scope = *Scopes.back();
    auto previous = scope.names.find(name->text);
    if (isBuffer && previous != scope.names.end() && previous->second->kind == SymbolKind::Buffer) {
      Diagnostic duplicate;
      duplicate.code = "duplicate-definition";
      duplicate.range = name->range;
      duplicate.message = fmt::format("buffer '{}' is already defined in this scope", name->text);
      duplicate.related.push_back({previous->second->definition, "previous definition is here"});
      Model->Diagnostics.push_back(std::move(duplicate));
    }
    Symbol *symbol = define(kind, name);
    symbol->value = value;
    if (kind == SymbolKind::ModuleAlias) symbol->module = value->symbol->module;
    if (stmt->annotation && kind == SymbolKind::LetVar) {
      const Builtin *type = stmt->annotation->kind == ExprKind::Call && stmt->annotation->base
                                ? stmt->annotation->base->builtin
                                : stmt->annotation->builtin;
      symbol->dtype = scalarTypeOf(type);
    }
    if (kind == SymbolKind::ShapeVar) symbol->dtype = scalarTypeOf(callee);
    if (isBuffer && Current) {
      BufferOrigin origin = calleeName == "match_buffer"  ? BufferOrigin::MatchBuffer
                            : calleeName == "decl_buffer" ? BufferOrigin::DeclBuffer
                            : calleeName == "Buffer" || calleeName == "buffer_decl"
                                ? BufferOrigin::View
                                : BufferOrigin::AllocBuffer;
      Buffer *buffer = newBuffer(origin, value, symbol, Current);
      fillBufferFromCall(buffer, value, origin == BufferOrigin::MatchBuffer ? 1 : 0);
      if (origin == BufferOrigin::MatchBuffer) {
        buffer->source = value->argument(0, "param");
        if (buffer->source && buffer->source->symbol)
          for (Param &param : Current->params)
            if (param.symbol == buffer->source->symbol) param.buffer = buffer;
      }
    }
  };
  // `m, n = T.int64(), T.int64()` pairs targets with values; otherwise each name gets the value.
  std::function<void(Expr *, Expr *)> bindTarget = [&](Expr *target, Expr *value) {
    if (target->kind == ExprKind::Name) {
      bindName(target, value);
      return;
    }
    if (target->kind == ExprKind::Subscript || target->kind == ExprKind::Attribute) return;
    bool paired = value && (value->kind == ExprKind::Tuple || value->kind == ExprKind::List) &&
                  value->items.size() == target->items.size();
    for (size_t i = 0; i < target->items.size(); ++i)
      bindTarget(target->items[i], paired ? value->items[i] : value);
  };
  for (Expr *target : stmt->targets) bindTarget(target, stmt->value);
}

Stmt *ModelBuilder::buildFor(TSNode node) {
  Stmt &stmt = Model->StmtArena.emplace_back();
  stmt.kind = StmtKind::For;
  stmt.range = rangeOf(node);
  stmt.value = buildExpr(field(node, "right"));
  stmt.loop = LoopKind::Python;
  if (stmt.value->kind == ExprKind::Call && stmt.value->base) {
    Expr *callee = stmt.value->base;
    std::string_view name = callee->builtin && callee->builtin->dialect == Dialect::TIR
                                ? callee->builtin->name
                                : std::string_view();
    if (name == "serial" || (callee->symbol && callee->symbol->name == "range" &&
                             callee->symbol->kind == SymbolKind::PythonBuiltin))
      stmt.loop = LoopKind::Serial;
    else if (name == "parallel") stmt.loop = LoopKind::Parallel;
    else if (name == "vectorized") stmt.loop = LoopKind::Vectorized;
    else if (name == "unroll") stmt.loop = LoopKind::Unroll;
    else if (name == "thread_binding") stmt.loop = LoopKind::ThreadBinding;
    else if (name == "grid") stmt.loop = LoopKind::Grid;
  }
  bool push = Mode == Context::TIR;
  if (push) {
    LocalScopes.emplace_back();
    Scopes.push_back(&LocalScopes.back());
  }
  forEachIdentifier(field(node, "left"), [&](TSNode target) {
    Expr *name = newExpr(ExprKind::Name, target);
    name->text = text(target);
    if (Mode != Context::Python) {
      Symbol *symbol = define(SymbolKind::LoopVar, name);
      symbol->dtype = parseDType("int32");
    }
    stmt.targets.push_back(name);
  });
  stmt.body = buildBlock(field(node, "body"), false);
  if (push) Scopes.pop_back();
  return &stmt;
}

Stmt *ModelBuilder::buildIf(TSNode node, bool isElif) {
  Stmt &stmt = Model->StmtArena.emplace_back();
  stmt.kind = StmtKind::If;
  stmt.range = rangeOf(node);
  stmt.value = buildExpr(field(node, "condition"));
  stmt.body = buildBlock(field(node, "consequence"), true);
  // Alternatives: elif clauses chain as nested ifs, then an optional else.
  std::vector<TSNode> alternatives;
  if (!isElif) {
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      if (is(child, "elif_clause") || is(child, "else_clause")) alternatives.push_back(child);
    }
  }
  std::vector<Stmt *> *tail = &stmt.orelse;
  for (TSNode alternative : alternatives) {
    if (is(alternative, "else_clause")) {
      *tail = buildBlock(field(alternative, "body"), true);
      break;
    }
    Stmt *elif = buildIf(alternative, true);
    tail->push_back(elif);
    tail = &elif->orelse;
  }
  return &stmt;
}

Stmt *ModelBuilder::buildWith(TSNode node) {
  Stmt &stmt = Model->StmtArena.emplace_back();
  stmt.kind = StmtKind::With;
  stmt.range = rangeOf(node);
  std::vector<TSNode> aliases;
  for (TSNode clause : namedChildren(node)) {
    if (!is(clause, "with_clause")) continue;
    for (TSNode item : namedChildren(clause)) {
      TSNode value = field(item, "value");
      if (ts_node_is_null(value)) continue;
      if (is(value, "as_pattern")) {
        stmt.items.push_back(buildExpr(ts_node_named_child(value, 0)));
        aliases.push_back(field(value, "alias"));
      } else {
        stmt.items.push_back(buildExpr(value));
      }
    }
  }
  bool push = Mode == Context::TIR;
  if (push) {
    LocalScopes.emplace_back();
    Scopes.push_back(&LocalScopes.back());
  }
  for (TSNode alias : aliases) {
    forEachIdentifier(alias, [&](TSNode n) {
      Expr *name = newExpr(ExprKind::Name, n);
      name->text = text(n);
      Symbol *symbol = define(Mode == Context::TIR ? SymbolKind::LetVar : SymbolKind::RelaxVar, name);
      symbol->dtype = parseDType("int32");
      stmt.targets.push_back(name);
    });
  }
  stmt.body = buildBlock(field(node, "body"), false);
  if (push) Scopes.pop_back();
  if (stmt.items.size() == 1 && (stmt.items[0]->isCallTo(Dialect::TIR, "block") ||
                                 stmt.items[0]->isCallTo(Dialect::TIR, "sblock")))
    stmt.block = describeBlock(stmt);
  return &stmt;
}

/// Reads a block's declarations (axes, reads, writes, where, attrs, init) from its body.
std::unique_ptr<BlockInfo> ModelBuilder::describeBlock(const Stmt &with) {
  auto block = std::make_unique<BlockInfo>();
  if (Expr *name = with.items[0]->argument(0, "name"); name && name->kind == ExprKind::String)
    block->name = name->text;
  auto axisKind = [](std::string_view name) {
    if (name == "reduce" || name == "R") return AxisKind::Reduce;
    if (name == "scan") return AxisKind::Scan;
    if (name == "opaque") return AxisKind::Opaque;
    return AxisKind::Spatial;
  };
  for (Stmt *stmt : with.body) {
    Expr *value = stmt->value;
    const Builtin *callee = value && value->kind == ExprKind::Call && value->base ? value->base->builtin : nullptr;
    if (!callee || callee->dialect != Dialect::TIR) {
      if (stmt->kind == StmtKind::With && !stmt->items.empty() && stmt->items[0]->isCallTo(Dialect::TIR, "init"))
        block->init = stmt->body;
      continue;
    }
    std::string_view name = callee->name;
    if (stmt->kind == StmtKind::Assign && name == "axis.remap") {
      // `vi, vk = T.axis.remap("SR", [i, k])`: kinds from the string, bindings from the list.
      Expr *kinds = value->argument(0, "kinds");
      Expr *bindings = value->argument(1, "bindings");
      std::vector<Expr *> names;
      for (Expr *target : stmt->targets) {
        if (target->kind == ExprKind::Name) names.push_back(target);
        else names.insert(names.end(), target->items.begin(), target->items.end());
      }
      for (size_t i = 0; i < names.size(); ++i) {
        BlockAxis axis;
        axis.symbol = names[i]->symbol;
        if (kinds && kinds->kind == ExprKind::String && i < kinds->text.size())
          axis.kind = kinds->text[i] == 'R' ? AxisKind::Reduce : AxisKind::Spatial;
        if (bindings && i < bindings->items.size()) axis.binding = bindings->items[i];
        block->axes.push_back(axis);
      }
    } else if (stmt->kind == StmtKind::Assign && name.starts_with("axis.")) {
      BlockAxis axis;
      if (!stmt->targets.empty()) axis.symbol = stmt->targets[0]->symbol;
      axis.kind = axisKind(name.substr(5));
      axis.domain = value->argument(0, "dom");
      axis.binding = value->argument(1, "binding");
      block->axes.push_back(axis);
    } else if (stmt->kind == StmtKind::Expr) {
      // `T.reads(A[i], B[j])` and `T.reads([A[i], B[j]])` both list regions.
      auto regions = [&] {
        std::vector<Expr *> list;
        for (Expr *argument : value->items) {
          if (argument->kind == ExprKind::List || argument->kind == ExprKind::Tuple)
            list.insert(list.end(), argument->items.begin(), argument->items.end());
          else
            list.push_back(argument);
        }
        return list;
      };
      if (name == "reads") block->reads = regions();
      else if (name == "writes") block->writes = regions();
      else if (name == "where") block->where = value->argument(0, "predicate");
      else if (name == "block_attr" || name == "sblock_attr") block->attrs = value->argument(0, "attrs");
    }
  }
  return block;
}

// ---------------------------------------------------------------------------------------------
// Expressions.

Expr *ModelBuilder::newExpr(ExprKind kind, TSNode node) {
  Expr &expr = Model->ExprArena.emplace_back();
  expr.kind = kind;
  expr.range = rangeOf(node);
  return &expr;
}

Expr *ModelBuilder::buildExpr(TSNode node) {
  if (ts_node_is_null(node)) return newExpr(ExprKind::Other, Root);
  // Deeply nested expressions are built no further than kMaxDepth: recursion must stay bounded
  // on any input (an editor checks every keystroke), and CPython gives up far earlier.
  DepthGuard guard(Depth);
  if (Depth > kMaxDepth) {
    if (!ReportedDepth) {
      diagnose("nesting-too-deep", rangeOf(node),
               fmt::format("expression nested more than {} levels deep; the rest is not checked", kMaxDepth));
      ReportedDepth = true;
    }
    return newExpr(ExprKind::Other, node);
  }
  const char *type = ts_node_type(node);
  auto typeIs = [&](const char *t) { return std::strcmp(type, t) == 0; };

  if (typeIs("identifier")) {
    Expr *expr = newExpr(ExprKind::Name, node);
    expr->text = text(node);
    resolveName(expr);
    return expr;
  }
  if (typeIs("attribute")) {
    Expr *expr = newExpr(ExprKind::Attribute, node);
    expr->base = buildExpr(field(node, "object"));
    TSNode member = field(node, "attribute");
    expr->text = text(member);
    expr->nameRange = rangeOf(member);
    resolveAttribute(expr);
    return expr;
  }
  if (typeIs("call")) {
    Expr *expr = newExpr(ExprKind::Call, node);
    expr->base = buildExpr(field(node, "function"));
    TSNode arguments = field(node, "arguments");
    if (!ts_node_is_null(arguments)) {
      if (is(arguments, "generator_expression")) expr->items.push_back(buildExpr(arguments));
      else buildCallArguments(expr, arguments);
    }
    // A call_tir callee named by a string ("f") refers to the module's function of that name.
    bool callTir = expr->isCallTo(Dialect::TIR, "call_tir") || expr->isCallTo(Dialect::Relax, "call_tir") ||
                   expr->isCallTo(Dialect::Relax, "call_tir_inplace") ||
                   expr->isCallTo(Dialect::Relax, "call_tir_with_grad");
    if (callTir && Current && Current->module && !expr->items.empty() && expr->items[0]->kind == ExprKind::String)
      for (Function *function : Current->module->functions)
        if (function->name == expr->items[0]->text) reference(expr->items[0]->range, function->symbol, false);
    // Signature buffer shapes: unknown names become shape variables when annotations are
    // postponed, and quoted names always do (HEAD).
    if (DefineShapeNames && expr->base->builtin && expr->base->builtin->dialect == Dialect::TIR &&
        expr->base->builtin->name == "Buffer") {
      Expr *shape = expr->argument(0, "shape");
      defineShapeStrings(shape);
      if (Settings.futureAnnotations) defineUnresolvedShapeNames(shape);
    }
    return expr;
  }
  if (typeIs("subscript")) {
    Expr *expr = newExpr(ExprKind::Subscript, node);
    expr->base = buildExpr(field(node, "value"));
    std::vector<TSNode> indices = fieldChildren(node, "subscript");
    if (indices.size() == 1 && is(indices[0], "tuple")) {
      for (TSNode item : namedChildren(indices[0])) expr->items.push_back(buildExpr(item));
    } else {
      for (TSNode index : indices) expr->items.push_back(buildExpr(index));
    }
    return expr;
  }
  if (typeIs("slice")) {
    Expr *expr = newExpr(ExprKind::Slice, node);
    expr->items = {nullptr, nullptr, nullptr};
    size_t part = 0;
    uint32_t count = ts_node_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_child(node, i);
      if (!ts_node_is_named(child)) {
        if (text(child) == ":") ++part;
      } else if (part < 3 && !is(child, "comment")) {
        expr->items[part] = buildExpr(child);
      }
    }
    return expr;
  }
  if (typeIs("integer")) {
    Expr *expr = newExpr(ExprKind::Int, node);
    std::string digits;
    for (char c : text(node))
      if (c != '_') digits += c;
    int base = 10;
    size_t skip = 0;
    if (digits.size() > 1 && digits[0] == '0' && std::strchr("xXoObB", digits[1])) {
      base = std::strchr("xX", digits[1]) ? 16 : std::strchr("oO", digits[1]) ? 8 : 2;
      skip = 2;
    }
    errno = 0;
    unsigned long long value = std::strtoull(digits.c_str() + skip, nullptr, base);
    // A literal past int64 is a Python int TIR cannot hold: keep it, but as an opaque value.
    if (errno == ERANGE || value > static_cast<unsigned long long>(INT64_MAX)) expr->kind = ExprKind::Other;
    else expr->intValue = static_cast<int64_t>(value);
    return expr;
  }
  if (typeIs("float")) {
    Expr *expr = newExpr(ExprKind::Float, node);
    std::string digits;
    for (char c : text(node))
      if (c != '_') digits += c;
    expr->floatValue = std::strtod(digits.c_str(), nullptr);
    return expr;
  }
  if (typeIs("string") || typeIs("concatenated_string")) {
    Expr *expr = newExpr(ExprKind::String, node);
    std::function<void(TSNode)> collect = [&](TSNode n) {
      for (TSNode child : namedChildren(n)) {
        if (is(child, "string_content")) expr->text += text(child);
        else if (is(child, "string")) collect(child);
        else if (is(child, "interpolation")) buildExpr(field(child, "expression"));
      }
    };
    collect(node);
    return expr;
  }
  if (typeIs("true") || typeIs("false")) {
    Expr *expr = newExpr(ExprKind::Bool, node);
    expr->intValue = typeIs("true");
    return expr;
  }
  if (typeIs("none")) return newExpr(ExprKind::None, node);
  if (typeIs("ellipsis")) return newExpr(ExprKind::Ellipsis, node);
  if (typeIs("binary_operator")) {
    Expr *expr = newExpr(ExprKind::Binary, node);
    expr->binary = binaryOpOf(text(field(node, "operator")));
    expr->items = {buildExpr(field(node, "left")), buildExpr(field(node, "right"))};
    return expr;
  }
  if (typeIs("unary_operator")) {
    Expr *expr = newExpr(ExprKind::Unary, node);
    std::string_view op = text(field(node, "operator"));
    expr->unary = op == "-" ? UnaryOp::Neg : op == "+" ? UnaryOp::Pos : UnaryOp::Invert;
    expr->items = {buildExpr(field(node, "argument"))};
    return expr;
  }
  if (typeIs("not_operator")) {
    Expr *expr = newExpr(ExprKind::Not, node);
    expr->items = {buildExpr(field(node, "argument"))};
    return expr;
  }
  if (typeIs("boolean_operator")) {
    Expr *expr = newExpr(ExprKind::BoolOp, node);
    expr->text = text(field(node, "operator"));
    expr->items = {buildExpr(field(node, "left")), buildExpr(field(node, "right"))};
    return expr;
  }
  if (typeIs("comparison_operator")) {
    Expr *expr = newExpr(ExprKind::Compare, node);
    for (TSNode child : namedChildren(node)) expr->items.push_back(buildExpr(child));
    if (TSNode op = field(node, "operators"); !ts_node_is_null(op)) expr->text = text(op);
    return expr;
  }
  if (typeIs("conditional_expression")) {
    Expr *expr = newExpr(ExprKind::Conditional, node);
    for (TSNode child : namedChildren(node)) expr->items.push_back(buildExpr(child));
    return expr;
  }
  if (typeIs("parenthesized_expression")) {
    std::vector<TSNode> inner = namedChildren(node);
    return inner.empty() ? newExpr(ExprKind::Other, node) : buildExpr(inner.front());
  }
  if (typeIs("type")) {
    std::vector<TSNode> inner = namedChildren(node);
    return inner.empty() ? newExpr(ExprKind::Other, node) : buildExpr(inner.front());
  }
  if (typeIs("tuple") || typeIs("expression_list") || typeIs("list") || typeIs("set") ||
      typeIs("pattern_list") || typeIs("tuple_pattern") || typeIs("list_pattern")) {
    ExprKind kind = typeIs("list") || typeIs("list_pattern") ? ExprKind::List
                    : typeIs("set")                          ? ExprKind::Set
                                                             : ExprKind::Tuple;
    Expr *expr = newExpr(kind, node);
    for (TSNode child : namedChildren(node)) expr->items.push_back(buildExpr(child));
    return expr;
  }
  if (typeIs("dictionary")) {
    Expr *expr = newExpr(ExprKind::Dict, node);
    for (TSNode child : namedChildren(node)) {
      if (is(child, "pair")) {
        expr->items.push_back(buildExpr(field(child, "key")));
        expr->items.push_back(buildExpr(field(child, "value")));
      } else {
        buildExpr(child);
      }
    }
    return expr;
  }
  if (typeIs("list_splat") || typeIs("dictionary_splat") || typeIs("list_splat_pattern") ||
      typeIs("parenthesized_list_splat")) {
    Expr *expr = newExpr(ExprKind::Starred, node);
    std::vector<TSNode> inner = namedChildren(node);
    expr->items.push_back(inner.empty() ? newExpr(ExprKind::Other, node) : buildExpr(inner.front()));
    return expr;
  }
  if (typeIs("list_comprehension") || typeIs("generator_expression") ||
      typeIs("set_comprehension") || typeIs("dictionary_comprehension")) {
    Expr *expr = newExpr(ExprKind::Comprehension, node);
    buildComprehension(expr, node);
    return expr;
  }
  if (typeIs("lambda")) {
    Expr *expr = newExpr(ExprKind::Lambda, node);
    LocalScopes.emplace_back();
    Scopes.push_back(&LocalScopes.back());
    if (TSNode params = field(node, "parameters"); !ts_node_is_null(params)) {
      for (TSNode param : namedChildren(params)) {
        TSNode name = is(param, "identifier") ? param : field(param, "name");
        if (!ts_node_is_null(name) && is(name, "identifier")) {
          Symbol *symbol = newSymbol(SymbolKind::PythonName, std::string(text(name)), rangeOf(name));
          Scopes.back()->names[symbol->name] = symbol;
        }
      }
    }
    expr->items.push_back(buildExpr(field(node, "body")));
    Scopes.pop_back();
    return expr;
  }
  if (typeIs("named_expression")) {
    Expr *expr = newExpr(ExprKind::Other, node);
    expr->items.push_back(buildExpr(field(node, "value")));
    TSNode name = field(node, "name");
    Symbol *symbol = newSymbol(SymbolKind::PythonName, std::string(text(name)), rangeOf(name));
    Scopes.back()->names[symbol->name] = symbol;
    return expr;
  }
  if (typeIs("keyword_argument")) {
    return buildExpr(field(node, "value"));
  }
  // Anything else (await, yield, ERROR): resolve the names inside.
  Expr *expr = newExpr(ExprKind::Other, node);
  if (!typeIs("ERROR"))
    for (TSNode child : namedChildren(node)) expr->items.push_back(buildExpr(child));
  return expr;
}

void ModelBuilder::buildCallArguments(Expr *call, TSNode arguments) {
  for (TSNode argument : namedChildren(arguments)) {
    if (is(argument, "keyword_argument")) {
      TSNode name = field(argument, "name");
      call->keywords.push_back({std::string(text(name)), rangeOf(name), buildExpr(field(argument, "value"))});
    } else if (is(argument, "dictionary_splat")) {
      call->keywords.push_back({"**", rangeOf(argument), buildExpr(argument)});
    } else {
      call->items.push_back(buildExpr(argument));
    }
  }
}

void ModelBuilder::buildComprehension(Expr *expr, TSNode node) {
  // Clauses bind names visible in the body and later clauses.
  LocalScopes.emplace_back();
  Scopes.push_back(&LocalScopes.back());
  TSNode body = field(node, "body");
  for (TSNode child : namedChildren(node)) {
    if (is(child, "for_in_clause")) {
      expr->items.push_back(buildExpr(field(child, "right")));
      forEachIdentifier(field(child, "left"), [&](TSNode n) {
        Symbol *symbol = newSymbol(SymbolKind::PythonName, std::string(text(n)), rangeOf(n));
        Scopes.back()->names[symbol->name] = symbol;
      });
    }
  }
  for (TSNode child : namedChildren(node)) {
    if (is(child, "if_clause"))
      for (TSNode condition : namedChildren(child)) expr->items.push_back(buildExpr(condition));
  }
  if (!ts_node_is_null(body)) {
    if (is(body, "pair")) {
      expr->items.push_back(buildExpr(field(body, "key")));
      expr->items.push_back(buildExpr(field(body, "value")));
    } else {
      expr->items.push_back(buildExpr(body));
    }
  }
  Scopes.pop_back();
}

// ---------------------------------------------------------------------------------------------
// Names.

Symbol *ModelBuilder::lookup(std::string_view name) const {
  std::string key(name);
  for (auto it = Scopes.rbegin(); it != Scopes.rend(); ++it)
    if (auto found = (*it)->names.find(key); found != (*it)->names.end()) return found->second;
  return nullptr;
}

Symbol *ModelBuilder::define(SymbolKind kind, Expr *nameExpr) {
  Symbol *symbol = newSymbol(kind, nameExpr->text, nameExpr->range);
  Scopes.back()->names[symbol->name] = symbol;
  nameExpr->symbol = symbol;
  reference(nameExpr->range, symbol, true);
  return symbol;
}

void ModelBuilder::reference(Range range, Symbol *symbol, bool isDefinition) {
  Model->References.push_back({range, symbol, isDefinition});
}

void ModelBuilder::resolveName(Expr *name) {
  Symbol *symbol = lookup(name->text);
  if (!symbol && DeferredNames) {
    DeferredNames->push_back(name);
    return;
  }
  if (!symbol) {
    for (Dialect dialect : Settings.starDialects) {
      if (const Builtin *builtin = findBuiltin(dialect, name->text)) {
        name->builtin = builtin;
        return;
      }
    }
    // In a TIR signature with postponed annotations, an unknown name in a buffer shape becomes
    // a shape variable instead (defineUnresolvedShapeNames).
    bool becomesShapeVariable = DefineShapeNames && Settings.futureAnnotations;
    if (Mode != Context::Python && !Settings.openWorld && !becomesShapeVariable)
      diagnose("undefined-name", name->range, fmt::format("undefined name '{}'", name->text));
    return;
  }
  name->symbol = symbol;
  if (symbol->kind == SymbolKind::PythonName && symbol->dialect != Dialect::None)
    name->builtin = findBuiltin(symbol->dialect, symbol->path);
  if (symbol->kind != SymbolKind::PythonBuiltin) reference(name->range, symbol, false);
}

void ModelBuilder::resolveAttribute(Expr *attribute) {
  Expr *base = attribute->base;
  // What the base names: a dialect (`T`), a Python module (`tvm`, `tvm.script`), a module...
  Symbol *symbol = base->symbol;
  Dialect dialect = Dialect::None;
  std::string name;
  if (symbol && symbol->kind == SymbolKind::DialectModule) {
    dialect = symbol->dialect;
    name = attribute->text;
  } else if (base->builtin && base->builtin->isNamespace) {
    dialect = base->builtin->dialect;
    name = std::string(base->builtin->name) + "." + attribute->text;
  } else if (symbol && symbol->kind == SymbolKind::PythonModule) {
    // `tvm.script.tir.prim_func`: walk the dotted path until it reaches a dialect.
    std::string path = symbol->path + "." + attribute->text;
    ImportTarget target = classifyPath(path);
    if (target.builtin.empty()) {
      Symbol *next = newSymbol(target.dialect == Dialect::None ? SymbolKind::PythonModule : SymbolKind::DialectModule,
                               path, {});
      next->path = path;
      next->dialect = target.dialect;
      attribute->symbol = next;
      return;
    }
    dialect = target.dialect;
    name = target.builtin;
  } else if (symbol && (symbol->kind == SymbolKind::Module || symbol->kind == SymbolKind::ModuleAlias) &&
             symbol->module) {
    // `Module.f` / `cls.f`: a function of the module, recorded for go-to-definition.
    for (Function *function : symbol->module->functions) {
      if (function->name == attribute->text) {
        reference(attribute->nameRange, function->symbol, false);
        break;
      }
    }
    return;
  }
  if (dialect == Dialect::None) return;
  if (const Builtin *builtin = findBuiltin(dialect, name)) {
    attribute->builtin = builtin;
    return;
  }
  std::string alias = base->kind == ExprKind::Name ? base->text : std::string(dialectAlias(dialect));
  std::string_view nearest = nearestBuiltin(dialect, name);
  Diagnostic diagnostic;
  diagnostic.code = "unknown-builtin";
  diagnostic.range = attribute->nameRange;
  diagnostic.message = fmt::format("'{}' has no builtin '{}'", alias, name);
  if (!nearest.empty()) {
    diagnostic.message += fmt::format("; did you mean '{}'?", nearest);
    std::string_view leaf = nearest.substr(nearest.rfind('.') + 1);
    diagnostic.fixes.push_back({fmt::format("Change to '{}'", nearest),
                                {{attribute->nameRange, std::string(leaf)}}});
  }
  Model->Diagnostics.push_back(std::move(diagnostic));
}

} // namespace tvmscript
