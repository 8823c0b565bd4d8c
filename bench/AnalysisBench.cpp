// Times the analysis alone on a module of N PrimFuncs chained by N R.call_tir calls.
// Usage: analysis_bench [functions=500] [repeats=20]
#include "Analyze.h"
#include "Document.h"
#include "GeneratedScript.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <vector>

using namespace tvmscript;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv) {
  size_t functions = argc > 1 ? std::stoul(argv[1]) : 500;
  int repeats = argc > 2 ? std::stoi(argv[2]) : 20;
  std::string text = generateCallChain(functions);
  std::vector<double> times;
  size_t diagnostics = 0;
  for (int i = 0; i < repeats; ++i) {
    // A fresh model each time: analyze() caches findings per function.
    auto model = Document(text).buildModel();
    Clock::time_point start = Clock::now();
    diagnostics = analyze(*model).size();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  fmt::print("module: {} PrimFuncs, {} R.call_tir calls, {} lines, {} diagnostics\n", functions, functions,
             std::count(text.begin(), text.end(), '\n'), diagnostics);
  fmt::print("analysis: median {:.2f} ms  p90 {:.2f} ms  min {:.2f} ms  (target <= 20)\n", times[times.size() / 2],
             times[times.size() * 9 / 10], times.front());
  return 0;
}
