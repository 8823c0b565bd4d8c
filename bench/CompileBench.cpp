// Times the native compiler: a module of 10 PrimFuncs (elementwise, matmul with T.init, softmax
// with intermediates, padded convolution, parallel+vectorized transpose) to a shared library at
// -O3, and `tvmscript run` of a small kernel end to end (process start, JIT, run, exit).
// Usage: compile_bench [path/to/tvmscript] [repeats=10]
#include "Codegen.h"
#include "Document.h"
#include "GeneratedScript.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>
#include <vector>

using namespace tvmscript;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char *what, std::vector<double> times, const char *target) {
  std::sort(times.begin(), times.end());
  fmt::print("{}: median {:.1f} ms  p90 {:.1f} ms  min {:.1f} ms  ({})\n", what, times[times.size() / 2],
             times[times.size() * 9 / 10], times.front(), target);
}

} // namespace

int main(int argc, char **argv) {
  std::string binary = argc > 1 ? argv[1] : "build/tvmscript";
  int repeats = argc > 2 ? std::stoi(argv[2]) : 10;
  fs::path dir = fs::temp_directory_path() / ("tvmscript-compile-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);

  std::string text = generateKernelModule(10);
  std::vector<double> lowering, total;
  for (int i = 0; i < repeats; ++i) {
    Clock::time_point start = Clock::now();
    auto model = Document(text).buildModel();
    CodegenOptions options; // -O3, this CPU
    CompileResult result = compileModel(*model, {}, options);
    if (!result.module) {
      fmt::print(stderr, "compile failed: {}\n", result.error.value_or(result.diagnostics.empty() ? "?" : result.diagnostics[0].message));
      return 1;
    }
    lowering.push_back(millisecondsSince(start));
    if (auto error = result.module->write(OutputKind::Shared, dir / "module.so")) {
      fmt::print(stderr, "{}\n", *error);
      return 1;
    }
    total.push_back(millisecondsSince(start));
  }
  fmt::print("module: 10 PrimFuncs, {} lines\n", std::count(text.begin(), text.end(), '\n'));
  report("parse+lower+optimise (-O3)", lowering, "part of the next figure");
  report("to a linked .so (-O3)", total, "target <= 300 ms");

  std::ofstream(dir / "small.py") << "from tvm.script import tir as T\n\n@T.prim_func\n"
                                     "def add(A: T.Buffer((1024,), \"float32\"), B: T.Buffer((1024,), \"float32\")):\n"
                                     "    for i in range(1024):\n        B[i] = A[i] + T.float32(1)\n";
  std::vector<double> runs;
  std::string command = binary + " run '" + (dir / "small.py").string() + "' --quiet > /dev/null";
  for (int i = 0; i < repeats; ++i) {
    Clock::time_point start = Clock::now();
    if (std::system(command.c_str()) != 0) {
      fmt::print(stderr, "'{}' failed\n", command);
      return 1;
    }
    runs.push_back(millisecondsSince(start));
  }
  report("tvmscript run, small kernel, end to end", runs, "target <= 100 ms");
  fs::remove_all(dir);
  return 0;
}
