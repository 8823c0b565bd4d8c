// Fuzz target: bytes as a Python file through what `tvmscript check` and the editor features do
// (parse, model, analysis, then definition, references, hover, completion, signature help and
// symbols at one offset), then one edit applied incrementally, which must equal a fresh build.
//
// Input: the file's text, then 4 bytes choosing the edit (fuzz/seeds.py appends them to seeds).
#include "Analyze.h"
#include "Completion.h"
#include "Document.h"
#include "DocumentSymbols.h"
#include "Hover.h"
#include "SignatureHelp.h"
#include "XRefs.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
using namespace tvmscript;

/// Texts an edit inserts: tokens that open or close structure, and multi-byte characters.
using namespace std::string_view_literals;
const std::string_view kReplacements[] = {
    "", "(", ")", "[", "]", ":", ",", "\n", "    ", "\t", "\r", "\r\n", "\"", "'", "#", "\\", "T.", "R.", "I.",
    "A[i]", "def f(", "@T.prim_func\n", "class M:\n", "for i in range(4):\n", "with T.block(\"b\"):\n",
    "T.call_tir(", "import ", "é", "€", "😀", "\xff", "\0"sv, "0", "1.5", " + ", " // ",
};

std::string summary(const ScriptModel &model) {
  std::string text;
  for (const Diagnostic &diagnostic : analyze(model))
    text += std::to_string(diagnostic.range.begin) + "-" + std::to_string(diagnostic.range.end) + " " +
            diagnostic.code + ": " + diagnostic.message + "\n";
  return text;
}

/// Every position query the server offers, at `offset`; the results only have to exist.
void queryAt(const ScriptModel &model, uint32_t offset) {
  (void)locateDefinition(model, offset);
  (void)findReferences(model, offset, true);
  if (auto hover = hoverAt(model, offset)) (void)renderMarkdown(*hover);
  (void)completeAt(model, offset);
  (void)signatureHelpAt(model, offset);
  (void)documentSymbols(model);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 4) return 0;
  std::string text(reinterpret_cast<const char *>(data), size - 4);
  const uint8_t *control = data + size - 4;
  uint32_t begin = static_cast<uint32_t>((uint64_t(control[0] << 8 | control[1]) * (text.size() + 1)) >> 16);
  uint32_t end = begin + control[2] % 16;
  std::string_view replacement = kReplacements[control[3] % std::size(kReplacements)];

  Document document(text);
  std::shared_ptr<const ScriptModel> model = document.buildModel();
  (void)summary(*model);
  queryAt(*model, begin);
  model.reset(); // a model nobody holds may be updated in place

  document.edit({begin, end}, replacement);
  std::shared_ptr<const ScriptModel> edited = document.buildModel();
  queryAt(*edited, begin);
  Document fresh{std::string(document.source().text())};
  std::string incremental = summary(*edited), expected = summary(*fresh.buildModel());
  if (incremental != expected || document.syntaxTreeString() != fresh.syntaxTreeString()) {
    std::fprintf(stderr, "an incremental edit differs from a fresh build\n-- incremental:\n%s-- fresh:\n%s",
                 incremental.c_str(), expected.c_str());
    std::abort();
  }
  return 0;
}
