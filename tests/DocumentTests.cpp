// Incremental edits: after any sequence of edits, text, tree and model equal a fresh parse.
#include "Analyze.h"
#include "Document.h"

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

std::vector<std::string> diagnosticSummary(const Document &document) {
  std::vector<std::string> summary;
  for (const Diagnostic &d : analyze(*document.buildModel()))
    summary.push_back(d.code + "@" + std::to_string(d.range.begin) + "-" + std::to_string(d.range.end));
  return summary;
}

void expectSameAsFresh(const Document &edited) {
  Document fresh{std::string(edited.source().text())};
  EXPECT_EQ(edited.syntaxTreeString(), fresh.syntaxTreeString());
  EXPECT_EQ(diagnosticSummary(edited), diagnosticSummary(fresh));
}

TEST(Document, EditIntroducesAndFixesAnError) {
  Document document(kScript);
  EXPECT_TRUE(diagnosticSummary(document).empty());
  std::string text(document.source().text());
  uint32_t at = static_cast<uint32_t>(text.find("A[vi] +"));
  document.edit({at, at + 1}, "C");
  EXPECT_EQ(diagnosticSummary(document), std::vector<std::string>{"undefined-name@" + std::to_string(at) +
                                                                   "-" + std::to_string(at + 1)});
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

TEST(Document, RandomEditsMatchFreshParse) {
  std::mt19937 random(1234);
  const std::vector<std::string> snippets = {"", "x", " ", "\n", "(", ")", ":", "T.grid(4, 4)",
                                             "é", "A[i, j]", "    ", "\"str", "#c\n", "𝔸"};
  Document document(kScript);
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
    if (step % 25 == 0) expectSameAsFresh(document);
  }
  expectSameAsFresh(document);
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
