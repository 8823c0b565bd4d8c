// Tree-sitter parsing with incremental edits.
#include "Document.h"

#include "ModelBuilder.h"

#include <algorithm>
#include <chrono>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <vector>
#include <tree_sitter/api.h>

extern "C" const TSLanguage *tree_sitter_python();

namespace tvmscript {
namespace {

/// Tree-sitter points are (row, byte column).
TSPoint pointAt(const SourceText &source, uint32_t offset) {
  uint32_t line = source.lineOf(offset);
  return {line, offset - source.lineStart(line)};
}

/// Whether `node`'s subtree has an ERROR or MISSING node outside `allowed`.
bool hasErrorOutside(TSNode node, TSNode allowed) {
  if (!ts_node_has_error(node) || ts_node_eq(node, allowed)) return false;
  if (ts_node_is_error(node) || ts_node_is_missing(node)) return true;
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i)
    if (hasErrorOutside(ts_node_child(node, i), allowed)) return true;
  return false;
}

/// Tree-sitter's input: the text as it is, except that a lone "\r" reads as "\n". Python (and
/// LSP) break lines there, the grammar would not; the byte offsets stay the same.
const char *readWithLineBreaks(void *payload, uint32_t byte, TSPoint, uint32_t *bytesRead) {
  const SourceText &source = *static_cast<const SourceText *>(payload);
  const std::vector<uint32_t> &loneCarriageReturns = source.loneCarriageReturns();
  auto next = std::lower_bound(loneCarriageReturns.begin(), loneCarriageReturns.end(), byte);
  if (next != loneCarriageReturns.end() && *next == byte) {
    *bytesRead = 1;
    return "\n";
  }
  uint32_t end = next != loneCarriageReturns.end() ? *next : source.size();
  *bytesRead = byte < end ? end - byte : 0;
  return source.text().data() + std::min(byte, source.size());
}

/// Tree-sitter asks every hundred or so steps whether to give up.
bool pastDeadline(TSParseState *state) {
  return std::chrono::steady_clock::now() > *static_cast<const std::chrono::steady_clock::time_point *>(state->payload);
}

/// The tree of `source`, or null when parsing took longer than `timeout`.
TSTree *parse(TSParser *parser, const TSTree *old, const SourceText &source, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  TSInput input{const_cast<SourceText *>(&source), readWithLineBreaks, TSInputEncodingUTF8, nullptr};
  TSTree *tree = ts_parser_parse_with_options(parser, old, input, {&deadline, pastDeadline});
  if (!tree) ts_parser_reset(parser); // the next parse starts afresh instead of resuming this one
  return tree;
}

} // namespace

Document::Document(std::string text, std::chrono::milliseconds parseTimeout)
    : Source(std::make_shared<SourceText>(std::move(text))), Parser(ts_parser_new()), ParseTimeout(parseTimeout) {
  [[maybe_unused]] bool compatible = ts_parser_set_language(Parser, tree_sitter_python());
  assert(compatible && "tree-sitter runtime and Python grammar ABI differ");
  reparse();
}

Document::~Document() {
  ts_tree_delete(Tree);
  ts_parser_delete(Parser);
}

/// CPython's limit: more indentation levels than this is "too many levels of indentation".
constexpr size_t kMaxIndentationLevels = 100;

/// Whether the text nests blocks deeper than Python allows (tracked as its tokenizer does, with
/// a stack of indentation widths). Such text is not parsed: it is not Python, and parsing it
/// has crashed tree-sitter.
bool tooDeeplyIndented(const SourceText &source) {
  std::vector<size_t> widths{0};
  for (uint32_t line = 0; line < source.lineCount(); ++line) {
    std::string_view text = source.lineText(line);
    size_t width = 0;
    while (width < text.size() && (text[width] == ' ' || text[width] == '\t')) ++width;
    if (width == text.size() || text[width] == '#') continue; // blank lines do not indent
    while (width < widths.back()) widths.pop_back();
    if (width > widths.back()) widths.push_back(width);
    if (widths.size() > kMaxIndentationLevels + 1) return true;
  }
  return false;
}

void Document::reparse() {
  // The tree of a refused text is that of an empty one: nothing in it can be reused.
  TSTree *old = Tree;
  const TSTree *reusable = Refused == Refusal::None ? old : nullptr;
  Refused = tooDeeplyIndented(*Source) ? Refusal::TooDeep : Refusal::None;
  Tree = nullptr;
  if (Refused == Refusal::None) {
    Tree = parse(Parser, reusable, *Source, ParseTimeout);
    // With errors, tree-sitter's recovery can depend on the old tree it reused: parse afresh so
    // that a document shows exactly what `tvmscript check` reports for the same text.
    if (Tree && reusable && ts_node_has_error(ts_tree_root_node(Tree))) {
      ts_tree_delete(Tree);
      Tree = parse(Parser, nullptr, *Source, ParseTimeout);
    }
    if (!Tree) Refused = Refusal::TooSlow;
  }
  ts_tree_delete(old);
  if (Refused != Refusal::None) Tree = ts_parser_parse_string(Parser, nullptr, "", 0);
}

void Document::edit(Range range, std::string_view replacement) {
  range.end = std::min(range.end, Source->size());
  range.begin = std::min(range.begin, range.end);
  TSInputEdit edit;
  edit.start_byte = range.begin;
  edit.old_end_byte = range.end;
  edit.start_point = pointAt(*Source, range.begin);
  edit.old_end_point = pointAt(*Source, range.end);
  // A model built earlier may still hold the old text: copy on write.
  if (Source.use_count() > 1) Source = std::make_shared<SourceText>(*Source);
  Source->replace(range, replacement);
  edit.new_end_byte = range.begin + static_cast<uint32_t>(replacement.size());
  edit.new_end_point = pointAt(*Source, edit.new_end_byte);
  ts_tree_edit(Tree, &edit);
  reparse();

  // Fold this edit into the dirty region: old dirty offsets move like any text after the edit.
  uint32_t newEnd = static_cast<uint32_t>(edit.new_end_byte);
  auto moved = [&](uint32_t offset) {
    if (offset <= range.begin) return offset;
    return offset >= range.end ? static_cast<uint32_t>(offset + newEnd - range.end) : newEnd;
  };
  Dirty = Edited ? Range{std::min(Dirty.begin, range.begin), std::max(moved(Dirty.end), newEnd)}
                 : Range{range.begin, newEnd};
  Delta += static_cast<int64_t>(newEnd) - range.end;
  Edited = true;
}

bool Document::rebuildEditedFunction() {
  // Rebuilding in place leaves the replaced nodes in the arenas: start afresh once they have
  // doubled (small files get a fixed allowance), so memory stays bounded and full builds rare.
  constexpr size_t kAllowance = 4096;
  if (!Last || Last.use_count() != 1 || Last->ExprArena.size() > 2 * Last->ExprsAtFullBuild + kAllowance)
    return false;
  Range oldDirty{Dirty.begin, static_cast<uint32_t>(Dirty.end - Delta)};
  // Strictly after the name: typing at its end (`def f(` → `def fx(`) renames the function.
  Function *edited = nullptr;
  for (Function *function : Last->Functions)
    if (function->signatureAndBody.begin < oldDirty.begin && oldDirty.end <= function->range.end)
      edited = function;
  if (!edited) return false;
  // Syntax errors elsewhere (before or after the edit) make tree-sitter's recovery, and so the
  // whole model, depend on more than this function.
  for (const Diagnostic &diagnostic : Last->Diagnostics)
    if ((diagnostic.code == "syntax-error" || diagnostic.code == "nesting-too-deep") &&
        !edited->range.contains(diagnostic.range.begin))
      return false;

  // The new tree must still have this function, starting where it did and ending where the
  // edit moved its end; otherwise the edit reached beyond it (an unclosed bracket, say).
  TSNode root = ts_tree_root_node(Tree);
  TSNode name = ts_node_descendant_for_byte_range(root, edited->nameRange.begin, edited->nameRange.end);
  TSNode definition = ts_node_parent(name);
  if (ts_node_is_null(definition) || std::strcmp(ts_node_type(definition), "function_definition") != 0 ||
      ts_node_start_byte(name) != edited->nameRange.begin || ts_node_end_byte(name) != edited->nameRange.end ||
      ts_node_start_byte(definition) != edited->range.begin ||
      ts_node_end_byte(definition) != edited->range.end + Delta || hasErrorOutside(root, definition))
    return false;
  // An import inside the function changes how the whole file resolves names.
  Range now{edited->range.begin, static_cast<uint32_t>(edited->range.end + Delta)};
  if (Source->text().substr(now.begin, now.end - now.begin).find("import") != std::string_view::npos ||
      Last->source().text().substr(edited->range.begin, edited->range.end - edited->range.begin).find("import") !=
          std::string_view::npos)
    return false;

  Last->Source = Source;
  ModelBuilder::rebuildFunction(*Last, root, definition, edited, oldDirty.end, Delta);
  return true;
}

std::shared_ptr<const ScriptModel> Document::buildModel() {
  if (Last && !Edited) return Last;
  if (Refused != Refusal::None || !Edited || !rebuildEditedFunction()) {
    Last = ModelBuilder(Source, ts_tree_root_node(Tree)).build();
    Last->ExprsAtFullBuild = Last->ExprArena.size();
    if (Refused != Refusal::None) {
      Diagnostic diagnostic;
      diagnostic.range = {0, static_cast<uint32_t>(Source->lineText(0).size())};
      if (Refused == Refusal::TooDeep) {
        diagnostic.code = "nesting-too-deep";
        diagnostic.message = fmt::format(
            "more than {} levels of indentation (Python's limit); the file is not checked", kMaxIndentationLevels);
      } else {
        diagnostic.code = "parse-timeout";
        diagnostic.message = fmt::format("parsing took longer than {} s (is this Python source?); the file is not checked",
                                         ParseTimeout.count() / 1000.0);
      }
      Last->Diagnostics.push_back(std::move(diagnostic));
    }
  }
  Edited = false;
  Delta = 0;
  return Last;
}

std::string Document::syntaxTreeString() const {
  char *text = ts_node_string(ts_tree_root_node(Tree));
  std::string result(text);
  std::free(text);
  return result;
}

} // namespace tvmscript
