// Tree-sitter parsing with incremental edits.
#include "Document.h"

#include "ModelBuilder.h"

#include <cassert>
#include <cstdlib>
#include <tree_sitter/api.h>

extern "C" const TSLanguage *tree_sitter_python();

namespace tvmscript {
namespace {

/// Tree-sitter points are (row, byte column).
TSPoint pointAt(const SourceText &source, uint32_t offset) {
  uint32_t line = source.lineOf(offset);
  return {line, offset - source.lineStart(line)};
}

} // namespace

Document::Document(std::string text)
    : Source(std::make_shared<SourceText>(std::move(text))), Parser(ts_parser_new()) {
  [[maybe_unused]] bool compatible = ts_parser_set_language(Parser, tree_sitter_python());
  assert(compatible && "tree-sitter runtime and Python grammar ABI differ");
  reparse();
}

Document::~Document() {
  ts_tree_delete(Tree);
  ts_parser_delete(Parser);
}

void Document::reparse() {
  TSTree *old = Tree;
  Tree = ts_parser_parse_string(Parser, old, Source->text().data(), Source->size());
  ts_tree_delete(old);
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
}

std::unique_ptr<ScriptModel> Document::buildModel() const {
  return ModelBuilder(Source, ts_tree_root_node(Tree)).build();
}

std::string Document::syntaxTreeString() const {
  char *text = ts_node_string(ts_tree_root_node(Tree));
  std::string result(text);
  std::free(text);
  return result;
}

} // namespace tvmscript
