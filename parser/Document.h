// A Python source file and its tree-sitter syntax tree, edited together so they never drift.
#pragma once

#include "ScriptModel.h"
#include "SourceText.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

struct TSTree;
struct TSParser;

namespace tvmscript {

class Document {
public:
  /// How long one parse may take by default. Tree-sitter's error recovery can take far longer
  /// than parsing valid code (megabytes of binary data, say): past the limit, the document is
  /// refused with a `parse-timeout` diagnostic, and every later edit tries again.
  static constexpr std::chrono::milliseconds kParseTimeout{5000};

  /// Parses `text` from scratch; this and every later parse may take up to `parseTimeout`.
  explicit Document(std::string text, std::chrono::milliseconds parseTimeout = kParseTimeout);
  ~Document();
  Document(const Document &) = delete;
  Document &operator=(const Document &) = delete;

  const SourceText &source() const { return *Source; }

  /// Replaces the bytes in `range` with `replacement`: the text, the tree (`ts_tree_edit`) and
  /// the incremental reparse happen here and nowhere else. Out-of-range bounds are clamped.
  /// When the result has syntax errors, the text is parsed afresh instead (error recovery may
  /// otherwise depend on the edit history).
  void edit(Range range, std::string_view replacement);

  /// The script model of the current text (it shares the text, not the tree).
  ///
  /// When every edit since the previous call lies inside one TVMScript function's parameters
  /// and body, no syntax error lies outside that function before or after, the function holds
  /// no import, and nobody else still holds the previous model, that model is updated in
  /// place: ranges after the edit move, and only that function is rebuilt (and re-analysed,
  /// with the functions whose calls were checked against it). Otherwise the model is built
  /// from scratch. Either way the result equals a fresh build.
  std::shared_ptr<const ScriptModel> buildModel();

  /// The tree's S-expression, for tests that compare incremental and fresh parses.
  std::string syntaxTreeString() const;

  /// The syntax tree; only code inside parser/ may look at it.
  const TSTree *tree() const { return Tree; }

private:
  void reparse();
  bool rebuildEditedFunction();

  std::shared_ptr<SourceText> Source;
  TSParser *Parser = nullptr;
  TSTree *Tree = nullptr;

  /// The model last built, and what changed since: `Dirty` covers every edit in current
  /// offsets; text after it has moved by `Delta` bytes.
  std::shared_ptr<ScriptModel> Last;
  /// Why the text has no syntax tree (it is only reported): it nests blocks deeper than Python
  /// allows, or parsing it took longer than ParseTimeout.
  enum class Refusal { None, TooDeep, TooSlow };
  Refusal Refused = Refusal::None;
  std::chrono::milliseconds ParseTimeout;
  bool Edited = false;
  Range Dirty;
  int64_t Delta = 0;
};

} // namespace tvmscript
