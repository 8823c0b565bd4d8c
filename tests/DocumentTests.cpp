// Incremental edits: after any sequence of edits, text, tree and model equal a fresh parse.
#include "Analyze.h"
#include "Document.h"

#include <cstring>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <random>

namespace tvmscript {
namespace {

const char *kScript = R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Module:
    @T.prim_func
    def add(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32")):
        for i in range(16):
            with T.block("add"):
                vi = T.axis.remap("S", [i])
                B[vi] = A[vi] + T.float32(1)
)";

std::string rangeText(Range range) {
  return std::to_string(range.begin) + "-" + std::to_string(range.end);
}

std::vector<std::string> diagnosticSummary(Document &document) {
  std::vector<std::string> summary;
  for (const Diagnostic &d : analyze(*document.buildModel())) {
    summary.push_back(d.code + "@" + rangeText(d.range) + ": " + d.message);
    for (const RelatedLocation &related : d.related) summary.push_back("  related@" + rangeText(related.range));
  }
  return summary;
}

/// Every definition and use, with where its symbol is defined: what go-to-definition answers.
std::vector<std::string> referenceSummary(Document &document) {
  std::vector<std::string> summary;
  for (const SymbolReference &r : document.buildModel()->references())
    summary.push_back(rangeText(r.range) + (r.isDefinition ? " def " : " use ") + r.symbol->name +
                      "@" + rangeText(r.symbol->definition));
  return summary;
}

void expectSameAsFresh(Document &edited) {
  Document fresh{std::string(edited.source().text())};
  EXPECT_EQ(edited.syntaxTreeString(), fresh.syntaxTreeString());
  EXPECT_EQ(diagnosticSummary(edited), diagnosticSummary(fresh));
  EXPECT_EQ(referenceSummary(edited), referenceSummary(fresh));
}

TEST(Document, EditIntroducesAndFixesAnError) {
  Document document(kScript);
  EXPECT_TRUE(diagnosticSummary(document).empty());
  std::string text(document.source().text());
  uint32_t at = static_cast<uint32_t>(text.find("A[vi] +"));
  document.edit({at, at + 1}, "C");
  EXPECT_EQ(diagnosticSummary(document),
            std::vector<std::string>{"undefined-name@" + rangeText({at, at + 1}) + ": undefined name 'C'"});
  expectSameAsFresh(document);
  document.edit({at, at + 1}, "A");
  EXPECT_TRUE(diagnosticSummary(document).empty());
  expectSameAsFresh(document);
}

TEST(Document, MultiLineInsertAndDelete) {
  Document document(kScript);
  std::string text(document.source().text());
  uint32_t at = static_cast<uint32_t>(text.find("        for i"));
  document.edit({at, at}, "        x = 1\n        y = x + 2\n");
  expectSameAsFresh(document);
  document.edit({at, at + 14}, "");
  expectSameAsFresh(document);
  document.edit({0, document.source().size()}, "");
  EXPECT_EQ(document.source().size(), 0u);
  expectSameAsFresh(document);
}

extern const char *kTwoFunctions;

TEST(Document, RandomEditsMatchFreshParse) {
  std::mt19937 random(1234);
  const std::vector<std::string> snippets = {"", "x", " ", "\n", "(", ")", ":", "T.grid(4, 4)",
                                             "é", "A[i, j]", "    ", "\"str", "#c\n", "𝔸"};
  Document document(kTwoFunctions);
  for (int step = 0; step < 300; ++step) {
    uint32_t size = document.source().size();
    uint32_t begin = size ? random() % (size + 1) : 0;
    uint32_t end = std::min(size, begin + static_cast<uint32_t>(random() % 8));
    // Keep edits on character boundaries, as editors do.
    auto boundary = [&](uint32_t offset) {
      std::string_view text = document.source().text();
      while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
        --offset;
      return offset;
    };
    begin = boundary(begin);
    end = std::max(begin, boundary(end));
    document.edit({begin, end}, snippets[random() % snippets.size()]);
    expectSameAsFresh(document); // small edits: most are rebuilt in place, some from scratch
  }
  expectSameAsFresh(document);
}

extern const char *kTwoFunctions;
const char *kTwoFunctions = R"(from tvm.script import ir as I
from tvm.script import tir as T
from tvm.script import relax as R

@I.ir_module
class Module:
    @T.prim_func
    def first(A: T.Buffer((16, 16), "float32"), B: T.Buffer((16,), "float32")):
        for i, j in T.grid(16, 16):
            with T.block("sum"):
                vi, vj = T.axis.remap("SR", [i, j])
                with T.init():
                    B[vi] = T.float32(0)
                B[vi] = B[vi] + A[vi, vj]

    @T.prim_func
    def second(A: T.Buffer((16,), "int32")):
        for i in range(16):
            A[i] = A[i] // 2

    @R.function
    def main(x: R.Tensor((16, 16), "float32")):
        cls = Module
        y = R.call_tir(cls.first, (x,), out_sinfo=R.Tensor((16,), "float32"))
        return y
)";

TEST(Document, EditsInsideOneFunctionRebuildItInPlace) {
  Document document(kTwoFunctions);
  const ScriptModel *model = document.buildModel().get();
  std::string text(document.source().text());
  // Edits in the bodies and parameter lists of each function, each checked against a fresh build.
  struct Edit {
    const char *find;
    const char *replacement;
  };
  const Edit edits[] = {
      {"B[vi] + A[vi, vj]", "B[vi] + A[vi]"},           // index-arity appears in `first`
      {"A[i] // 2", "A[i] / 2\n            A[i] = C[i]"},   // two findings in `second`, lines added
      {"B[vi] + A[vi]", "B[vi] + A[vi, vj]"},           // fixed again, at the function's very end
      {"(16,), \"int32\"", "(16,), \"int33x\""},        // parameter list of `second`
      {"cls.first", "cls.firs"},                         // a Relax body
      {"/ 2", "// 2"},
  };
  for (const Edit &edit : edits) {
    std::string current(document.source().text());
    size_t at = current.find(edit.find);
    ASSERT_NE(at, std::string::npos) << edit.find;
    document.edit({static_cast<uint32_t>(at), static_cast<uint32_t>(at + std::strlen(edit.find))},
                  edit.replacement);
    EXPECT_EQ(document.buildModel().get(), model) << "rebuilt from scratch after: " << edit.find;
    expectSameAsFresh(document);
    model = document.buildModel().get();
  }
}

TEST(Document, EditsOutsideFunctionsRebuildEverything) {
  Document document(kTwoFunctions);
  const ScriptModel *model = document.buildModel().get();
  std::string text(document.source().text());
  uint32_t at = static_cast<uint32_t>(text.find("def second"));
  document.edit({at + 4, at + 10}, "third"); // renaming changes the module's names
  EXPECT_NE(document.buildModel().get(), model);
  expectSameAsFresh(document);
  // An unclosed bracket swallows what follows the function: not confined to it.
  model = document.buildModel().get();
  text = document.source().text();
  at = static_cast<uint32_t>(text.find("A[i] // 2"));
  document.edit({at, at + 1}, "(A");
  EXPECT_NE(document.buildModel().get(), model);
  expectSameAsFresh(document);
}

/// Applies `edits` (find → replace, in order) to `text`, comparing with a fresh build after each.
void editAndCompare(const std::string &text, const std::vector<std::pair<std::string, std::string>> &edits) {
  Document document(text);
  document.buildModel();
  for (const auto &[find, replacement] : edits) {
    std::string current(document.source().text());
    size_t at = current.find(find);
    ASSERT_NE(at, std::string::npos) << find;
    document.edit({static_cast<uint32_t>(at), static_cast<uint32_t>(at + find.size())}, replacement);
    expectSameAsFresh(document);
  }
}

TEST(Document, EditsThatReachBeyondTheFunctionMatchAFreshBuild) {
  // Typing at the end of a function's name renames it.
  editAndCompare(kTwoFunctions, {{"def second(", "def secondx("}, {"def secondx(", "def second("}});
  // An import inside a function changes how the rest of the file resolves names.
  editAndCompare(kTwoFunctions, {{"        for i in range(16):\n            A[i]",
                                  "        from foo import *\n        for i in range(16):\n            A[i]"},
                                 {"        from foo import *\n", ""},
                                 {"A[i] // 2", "A[i] // undefined_thing"}});
  // A string callee that starts resolving when another function declares the global symbol.
  const char *strings = R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Mod:
    @T.prim_func
    def main(A: T.Buffer((4,), "float32")):
        T.call_tir("sym", A)

    @T.prim_func(private=True)
    def f(X: T.Buffer((4,), "float32")):
        X[0] = T.float32(1)
)";
  editAndCompare(strings, {{"        X[0] = T.float32(1)", "        T.func_attr({\"global_symbol\": \"sym\"})\n        X[0] = T.float32(1)"}});
  // An empty edit at the end of a function whose `def` line has a syntax error.
  editAndCompare("from tvm.script import tir as T\n\n@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")) +():\n    A[0] = 1\n",
                 {{"A[0] = 1", "A[0] = 1"}, {"A[0] = 1", "A[0] = 2"}});
  // A syntax error elsewhere while one function is edited.
  editAndCompare(kTwoFunctions, {{"cls = Module", "cls = Module)"}, {"A[i] // 2", "A[i] // 3"}, {"Module)", "Module"}});
}

TEST(Document, ABracketClosedOnADedentedLineIsNotUnclosed) {
  // Inside brackets a line may start anywhere (here at column 0, also after a lone "\r").
  // Finding an error elsewhere must not make it "never closed": a fresh build reported that,
  // and an edit that made the error incrementally did not.
  for (const char *lineBreak : {"\n", "\r"}) {
    std::string text = std::string("from tvm.script import tir as T\n\n@T.prim_func\ndef f(A: T.Buffer((4,), \"float32\")):\n"
                                   "    T.func_attr({\"target\": T.target(") + lineBreak +
                       "\"llvm\")})\n    A[0] = T.float32(1)\n\n@T.prim_func\ndef g(A: T.Buffer((4,), \"float32\")):\n"
                       "    A[0] = T.float32(2)\n";
    Document fresh(text);
    EXPECT_TRUE(diagnosticSummary(fresh).empty());
    editAndCompare(text, {{"A[0] = T.float32(2)", "A[0] = \"T.float32(2)"}});
    Document broken(text.replace(text.find("A[0] = T.float32(2)"), 1, "\"A"));
    for (const std::string &diagnostic : diagnosticSummary(broken))
      EXPECT_GT(std::stoul(diagnostic.substr(diagnostic.find('@') + 1)), text.find("def g")) << diagnostic;
  }
}

TEST(Document, AModelStillHeldIsNeverChanged) {
  Document document(kTwoFunctions);
  std::shared_ptr<const ScriptModel> held = document.buildModel();
  size_t diagnostics = analyze(*held).size();
  std::string text(document.source().text());
  uint32_t at = static_cast<uint32_t>(text.find("A[i] // 2"));
  document.edit({at, at + 1}, "Q");
  EXPECT_NE(document.buildModel().get(), held.get());
  EXPECT_EQ(analyze(*held).size(), diagnostics);
  EXPECT_EQ(held->source().text(), text);
}

/// `text` with each "\n" written as `lineBreak`.
std::string withLineBreaks(std::string_view text, std::string_view lineBreak) {
  std::string result;
  for (char c : text) {
    if (c == '\n') result += lineBreak;
    else result += c;
  }
  return result;
}

/// The diagnostics with positions rather than offsets (which move with the line breaks' size).
std::vector<std::string> diagnosticPositions(Document &document) {
  std::vector<std::string> summary;
  for (const Diagnostic &d : analyze(*document.buildModel())) {
    Position begin = document.source().position(d.range.begin, Encoding::UTF16);
    Position end = document.source().position(d.range.end, Encoding::UTF16);
    summary.push_back(fmt::format("{}@{}:{}-{}:{}: {}", d.code, begin.line, begin.character, end.line,
                                  end.character, d.message));
  }
  return summary;
}

// A script with mistakes whose lines matter: a name used after a string continued over a line
// break, brackets in comments and strings, a missing colon and an unclosed bracket.
const char *kMistakes = R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Module:
    @T.prim_func
    def f(A: T.Buffer((16,), "float32")):  # a bracket in a comment: (
        s = "continued \
over a line break ("
        for i in range(16):
            A[i] = A[i] + undefined

    @T.prim_func
    def g(B: T.Buffer((4,), "int32")):
        for j in range(4)
            B[j] = 1

    @T.prim_func
    def h(C: T.Buffer((4,), "int32")):
        x = (1,
        C[0] = 1
)";

TEST(Document, EveryKindOfLineBreakChecksAlike) {
  Document newlines(kMistakes);
  std::vector<std::string> expected = diagnosticPositions(newlines);
  EXPECT_EQ(expected, (std::vector<std::string>{
                          "undefined-name@10:26-10:35: undefined name 'undefined'",
                          "syntax-error@14:8-14:25: expected ':' at the end of the 'for' statement",
                          "syntax-error@19:12-19:13: '(' was never closed",
                      }));
  for (std::string_view lineBreak : {"\r\n", "\r"}) {
    Document document(withLineBreaks(kMistakes, lineBreak));
    EXPECT_EQ(document.syntaxTreeString(), newlines.syntaxTreeString()) << testing::PrintToString(lineBreak);
    EXPECT_EQ(diagnosticPositions(document), expected) << testing::PrintToString(lineBreak);
  }
}

TEST(Document, DeepIndentationIsRefusedWhateverTheLineBreaks) {
  std::string text = "def f(x):\n";
  for (int i = 1; i <= 110; ++i) text += std::string(i, ' ') + "if x:\n";
  text += std::string(111, ' ') + "x = 1\n";
  for (std::string_view lineBreak : {"\n", "\r\n", "\r"}) {
    Document document(withLineBreaks(text, lineBreak));
    std::vector<std::string> summary = diagnosticPositions(document);
    ASSERT_EQ(summary.size(), 1u) << testing::PrintToString(lineBreak);
    EXPECT_TRUE(summary[0].starts_with("nesting-too-deep@0:0-0:9")) << summary[0];
  }
}

TEST(Document, AParseOverItsTimeLimitIsRefusedAndEditsTryAgain) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += kScript;
  Document document(text, std::chrono::milliseconds(0)); // tree-sitter asks after ~100 steps
  std::vector<std::string> summary = diagnosticSummary(document);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_TRUE(summary[0].starts_with("parse-timeout@0-30: parsing took longer than 0 s")) << summary[0];
  EXPECT_TRUE(document.buildModel()->modules().empty());
  // Each edit parses again: a text short enough to parse in no time is checked.
  document.edit({0, document.source().size()}, "x = (\n");
  EXPECT_TRUE(diagnosticSummary(document).empty()); // not TVMScript
  document.edit({0, document.source().size()}, "from tvm.script import tir as T\nx = (\n");
  summary = diagnosticSummary(document);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_TRUE(summary[0].starts_with("syntax-error@")) << summary[0];
}

TEST(Document, EditsThatJoinOrSplitLineBreaksMatchFreshParse) {
  // Typing "\n" after a lone "\r" makes one line break of two; deleting it makes two again.
  std::string text = withLineBreaks(kTwoFunctions, "\r");
  uint32_t at = static_cast<uint32_t>(text.find("\r        for i in range(16)") + 1);
  Document document(text);
  document.buildModel();
  document.edit({at, at}, "\n");
  expectSameAsFresh(document);
  document.edit({at, at + 1}, "");
  expectSameAsFresh(document);
  document.edit({at, at}, "\nx = 1\r\n");
  expectSameAsFresh(document);

  std::mt19937 random(42);
  const std::vector<std::string> snippets = {"", "\r", "\n", "\r\n", "x", "(", ")", "    ", "#"};
  for (int step = 0; step < 300; ++step) {
    uint32_t size = document.source().size();
    uint32_t begin = size ? random() % (size + 1) : 0;
    uint32_t end = std::min(size, begin + static_cast<uint32_t>(random() % 3));
    document.edit({begin, end}, snippets[random() % snippets.size()]);
    expectSameAsFresh(document);
  }
}

TEST(Document, OutOfRangeEditsClamp) {
  Document document("x = 1\n");
  document.edit({100, 200}, "y = 2\n");
  EXPECT_EQ(document.source().text(), "x = 1\ny = 2\n");
  document.edit({4, 2}, "");
  EXPECT_EQ(document.source().text(), "x = 1\ny = 2\n");
}

} // namespace
} // namespace tvmscript
