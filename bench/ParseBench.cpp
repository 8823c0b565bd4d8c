// Times parse + model + checks on a generated file: cold, and after a one-line edit.
// Usage: parse_bench [lines=10000] [repeats=20]
#include "Analyze.h"
#include "Document.h"
#include "GeneratedScript.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <vector>

using namespace tvmscript;
using Clock = std::chrono::steady_clock;

namespace {

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
  double median, p90, min;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[samples.size() * 9 / 10], samples.front()};
}

} // namespace

int main(int argc, char **argv) {
  size_t lines = argc > 1 ? std::stoul(argv[1]) : 10000;
  int repeats = argc > 2 ? std::stoi(argv[2]) : 20;
  std::string text = generateScript(lines);
  size_t actualLines = std::count(text.begin(), text.end(), '\n');

  std::vector<double> cold, parseOnly;
  size_t diagnostics = 0;
  for (int i = 0; i < repeats; ++i) {
    Clock::time_point start = Clock::now();
    Document document(text);
    parseOnly.push_back(millisecondsSince(start));
    diagnostics = analyze(*document.buildModel()).size();
    cold.push_back(millisecondsSince(start));
  }

  // One-line edits in the middle of the file: alternately break and fix a name.
  Document document(text);
  uint32_t at = static_cast<uint32_t>(text.find("Y[vi, vj] + B[vj]", text.size() / 2));
  std::vector<double> edit, reparse, model;
  size_t editDiagnostics = 0;
  for (int i = 0; i < repeats * 5; ++i) {
    Clock::time_point start = Clock::now();
    document.edit({at, at + 1}, i % 2 ? "Y" : "Z");
    reparse.push_back(millisecondsSince(start));
    auto built = document.buildModel();
    model.push_back(millisecondsSince(start));
    size_t found = analyze(*built).size();
    edit.push_back(millisecondsSince(start));
    if (i % 2 == 0) editDiagnostics = found;
  }

  Stats c = summarize(cold), p = summarize(parseOnly), e = summarize(edit), r = summarize(reparse);
  fmt::print("file: {} lines, {} KB, {} diagnostics ({} after the breaking edit)\n", actualLines,
             text.size() / 1024, diagnostics, editDiagnostics);
  fmt::print("cold   parse+model+checks: median {:7.2f} ms  p90 {:7.2f} ms  min {:7.2f} ms  (target <= 150)\n",
             c.median, c.p90, c.min);
  fmt::print("         of which parse:   median {:7.2f} ms\n", p.median);
  fmt::print("edit   reparse+model+checks: median {:5.2f} ms  p90 {:7.2f} ms  min {:7.2f} ms  (target <= 15)\n",
             e.median, e.p90, e.min);
  fmt::print("         of which reparse: median {:7.2f} ms\n", r.median);
  fmt::print("   reparse+model (no checks): median {:5.2f} ms\n", summarize(model).median);
  return 0;
}
