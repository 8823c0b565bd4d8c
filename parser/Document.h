// A Python source file and its tree-sitter syntax tree, edited together so they never drift.
#pragma once

#include "ScriptModel.h"
#include "SourceText.h"

#include <memory>
#include <string>
#include <string_view>

struct TSTree;
struct TSParser;

namespace tvmscript {

class Document {
public:
  /// Parses `text` from scratch.
  explicit Document(std::string text);
  ~Document();
  Document(const Document &) = delete;
  Document &operator=(const Document &) = delete;

  const SourceText &source() const { return *Source; }

  /// Replaces the bytes in `range` with `replacement`: the text, the tree (`ts_tree_edit`) and
  /// the incremental reparse happen here and nowhere else. Out-of-range bounds are clamped.
  void edit(Range range, std::string_view replacement);

  /// Builds the script model of the current text (the model shares the text, not the tree).
  std::unique_ptr<ScriptModel> buildModel() const;

  /// The tree's S-expression, for tests that compare incremental and fresh parses.
  std::string syntaxTreeString() const;

  /// The syntax tree; only code inside parser/ may look at it.
  const TSTree *tree() const { return Tree; }

private:
  void reparse();

  std::shared_ptr<SourceText> Source;
  TSParser *Parser = nullptr;
  TSTree *Tree = nullptr;
};

} // namespace tvmscript
