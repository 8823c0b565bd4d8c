// Kernels compiled from TVMScript by tvmscript against the same loop nests written in C and
// compiled with `clang -O3 -march=native` (same loop order, same floating-point freedom: FMA
// contraction everywhere, reassociation for reductions). Both run on the same data; results must
// agree; figures are GFLOP/s or GB/s, the ratio of times, and fractions of this machine's
// measured FMA peak and streaming bandwidth. Usage: kernel_bench [filter]
#include "Codegen.h"
#include "Document.h"
#include "Jit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <random>
#include <unistd.h>
#include <vector>

using namespace tvmscript;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// One benchmark: a TVMScript function and its C twin, each taking the same float buffers.
struct Kernel {
  std::string name;
  std::vector<size_t> sizes; // element count of each buffer; the last is the output
  double work;               // floating-point operations, or bytes moved when `bandwidth`
  bool bandwidth;
  std::string script;        // defines `def kernel(...)`
  std::string c;             // defines `void kernel(float *...)`
  std::string cflags = "";   // extra freedom for C (reassociation for reductions)
  const char *blas = nullptr; // also time cblas_sgemm of this size (n)
};

std::string header(const std::string &buffers, const std::string &body) {
  return "from tvm.script import ir as I\nfrom tvm.script import tir as T\n\n@I.ir_module\nclass M:\n"
         "    @T.prim_func\n    def kernel(" + buffers + "):\n" + body;
}

std::string buf(const char *name, const std::string &shape) { return fmt::format("{}: T.Buffer({}, \"float32\")", name, shape); }

std::vector<Kernel> kernels() {
  std::vector<Kernel> list;
  for (size_t n : {size_t(1024), size_t(65536), size_t(16u << 20)}) {
    std::string shape = fmt::format("({},)", n);
    list.push_back({fmt::format("vector add {}", n), {n, n, n}, 12.0 * double(n), true,
                    header(buf("A", shape) + ", " + buf("B", shape) + ", " + buf("C", shape),
                           fmt::format("        for i in range({}):\n            C[i] = A[i] + B[i]\n", n)),
                    fmt::format("void kernel(float *restrict a, float *restrict b, float *restrict c) {{\n"
                                "  for (long i = 0; i < {}; ++i) c[i] = a[i] + b[i];\n}}\n", n)});
  }
  size_t m = 1u << 20;
  list.push_back({"scale+exp 1M", {m, m}, 2.0 * double(m), false,
                  header(buf("A", "(1048576,)") + ", " + buf("B", "(1048576,)"),
                         "        for i in range(1048576):\n            B[i] = T.exp(A[i] * T.float32(0.5))\n"),
                  "#include <math.h>\nvoid kernel(float *restrict a, float *restrict b) {\n"
                  "  for (long i = 0; i < 1048576; ++i) b[i] = expf(a[i] * 0.5f);\n}\n"});
  list.push_back({"row reduction 1024x1024", {1024 * 1024, 1024}, 1024.0 * 1024, false,
                  header(buf("A", "(1024, 1024)") + ", " + buf("S", "(1024,)"),
                         "        for i, k in T.grid(1024, 1024):\n            with T.block(\"s\"):\n"
                         "                vi, vk = T.axis.remap(\"SR\", [i, k])\n                with T.init():\n"
                         "                    S[vi] = T.float32(0)\n                S[vi] = S[vi] + A[vi, vk]\n"),
                  "void kernel(float *restrict a, float *restrict s) {\n  for (long i = 0; i < 1024; ++i) {\n"
                  "    s[i] = 0;\n    for (long k = 0; k < 1024; ++k) s[i] += a[i * 1024 + k];\n  }\n}\n",
                  "-fassociative-math -fno-signed-zeros -fno-trapping-math"});
  list.push_back(
      {"softmax 1024x1024", {1024 * 1024, 1024 * 1024}, 4.0 * 1024 * 1024, false,
       header(buf("A", "(1024, 1024)") + ", " + buf("B", "(1024, 1024)"),
              "        mx = T.alloc_buffer((1024,))\n        sm = T.alloc_buffer((1024,))\n"
              "        for i, k in T.grid(1024, 1024):\n            with T.block(\"max\"):\n"
              "                vi, vk = T.axis.remap(\"SR\", [i, k])\n                with T.init():\n"
              "                    mx[vi] = T.min_value(\"float32\")\n                mx[vi] = T.max(mx[vi], A[vi, vk])\n"
              "        for i, k in T.grid(1024, 1024):\n            with T.block(\"exp\"):\n"
              "                vi, vk = T.axis.remap(\"SS\", [i, k])\n                B[vi, vk] = T.exp(A[vi, vk] - mx[vi])\n"
              "        for i, k in T.grid(1024, 1024):\n            with T.block(\"sum\"):\n"
              "                vi, vk = T.axis.remap(\"SR\", [i, k])\n                with T.init():\n"
              "                    sm[vi] = T.float32(0)\n                sm[vi] = sm[vi] + B[vi, vk]\n"
              "        for i, k in T.grid(1024, 1024):\n            with T.block(\"norm\"):\n"
              "                vi, vk = T.axis.remap(\"SS\", [i, k])\n                B[vi, vk] = B[vi, vk] / sm[vi]\n"),
       "#include <math.h>\n#include <float.h>\nvoid kernel(float *restrict a, float *restrict b) {\n"
       "  float mx[1024], sm[1024];\n"
       "  for (long i = 0; i < 1024; ++i) { mx[i] = -FLT_MAX; for (long k = 0; k < 1024; ++k) mx[i] = a[i*1024+k] > mx[i] ? a[i*1024+k] : mx[i]; }\n"
       "  for (long i = 0; i < 1024; ++i) for (long k = 0; k < 1024; ++k) b[i*1024+k] = expf(a[i*1024+k] - mx[i]);\n"
       "  for (long i = 0; i < 1024; ++i) { sm[i] = 0; for (long k = 0; k < 1024; ++k) sm[i] += b[i*1024+k]; }\n"
       "  for (long i = 0; i < 1024; ++i) for (long k = 0; k < 1024; ++k) b[i*1024+k] = b[i*1024+k] / sm[i];\n}\n",
       "-fassociative-math -fno-signed-zeros -fno-trapping-math"});
  for (size_t n : {size_t(128), size_t(512), size_t(1024)}) {
    std::string shape = fmt::format("({0}, {0})", n);
    list.push_back(
        {fmt::format("naive matmul {}^3 (T.init)", n), {n * n, n * n, n * n}, 2.0 * double(n * n * n), false,
         header(buf("A", shape) + ", " + buf("B", shape) + ", " + buf("C", shape),
                fmt::format("        for i, j, k in T.grid({0}, {0}, {0}):\n            with T.block(\"C\"):\n"
                            "                vi, vj, vk = T.axis.remap(\"SSR\", [i, j, k])\n"
                            "                with T.init():\n                    C[vi, vj] = T.float32(0)\n"
                            "                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]\n",
                            n)),
         fmt::format("void kernel(float *restrict a, float *restrict b, float *restrict c) {{\n"
                     "  for (long i = 0; i < {0}; ++i) for (long j = 0; j < {0}; ++j) {{\n    c[i*{0}+j] = 0;\n"
                     "    for (long k = 0; k < {0}; ++k) c[i*{0}+j] += a[i*{0}+k] * b[k*{0}+j];\n  }}\n}}\n",
                     n),
         "-fassociative-math -fno-signed-zeros -fno-trapping-math"});
  }
  list.push_back(
      {"scheduled matmul 1024^3 (parallel, vectorized)", {1024 * 1024, 1024 * 1024, 1024 * 1024}, 2.0 * 1024 * 1024 * 1024,
       false,
       header(buf("A", "(1024, 1024)") + ", " + buf("B", "(1024, 1024)") + ", " + buf("C", "(1024, 1024)"),
              "        for i in T.parallel(1024):\n            for j in T.vectorized(1024):\n"
              "                C[i, j] = T.float32(0)\n            for k in range(1024):\n"
              "                for j in T.vectorized(1024):\n                    C[i, j] = C[i, j] + A[i, k] * B[k, j]\n"),
       "void kernel(float *restrict a, float *restrict b, float *restrict c) {\n#pragma omp parallel for\n"
       "  for (long i = 0; i < 1024; ++i) {\n    for (long j = 0; j < 1024; ++j) c[i*1024+j] = 0;\n"
       "    for (long k = 0; k < 1024; ++k) for (long j = 0; j < 1024; ++j) c[i*1024+j] += a[i*1024+k] * b[k*1024+j];\n"
       "  }\n}\n",
       "-fopenmp=libgomp", "1024"});
  // The schedule of a BLAS: B packed into 32-column panels (each k row of a panel contiguous),
  // k in blocks of 256 (a block of packed B, 1 MiB, stays in L2; 8 rows of A, 8 KiB, in L1), and
  // an 8x32 tile of C accumulated in registers as two 4x32 tiles (512 bytes each: on the stack,
  // then in registers) with 16 FMAs per k.
  std::string accumulate = "                    for k in range(256):\n                        for ii in T.unroll(4):\n"
                           "                            for jj in T.vectorized(32):\n"
                           "                                lo[ii, jj] = lo[ii, jj] + A[i0 * 8 + ii, kb * 256 + k] * Bp[j0, kb * 256 + k, jj]\n"
                           "                            for jj in T.vectorized(32):\n"
                           "                                hi[ii, jj] = hi[ii, jj] + A[i0 * 8 + 4 + ii, kb * 256 + k] * Bp[j0, kb * 256 + k, jj]\n";
  std::string tiles = "        Bp = T.alloc_buffer((32, 1024, 32), \"float32\")\n"
                      "        for j0 in T.parallel(32):\n            for k in range(1024):\n"
                      "                for jj in T.vectorized(32):\n                    Bp[j0, k, jj] = B[k, j0 * 32 + jj]\n"
                      "        for kb in range(4):\n            for i0 in T.parallel(128):\n                for j0 in range(32):\n"
                      "                    lo = T.alloc_buffer((4, 32), \"float32\")\n"
                      "                    hi = T.alloc_buffer((4, 32), \"float32\")\n"
                      "                    for ii in T.unroll(4):\n"
                      "                        for jj in T.vectorized(32):\n"
                      "                            lo[ii, jj] = T.if_then_else(kb == 0, T.float32(0), C[i0 * 8 + ii, j0 * 32 + jj])\n"
                      "                        for jj in T.vectorized(32):\n"
                      "                            hi[ii, jj] = T.if_then_else(kb == 0, T.float32(0), C[i0 * 8 + 4 + ii, j0 * 32 + jj])\n" +
                      accumulate +
                      "                    for ii in T.unroll(4):\n"
                      "                        for jj in T.vectorized(32):\n                            C[i0 * 8 + ii, j0 * 32 + jj] = lo[ii, jj]\n"
                      "                        for jj in T.vectorized(32):\n"
                      "                            C[i0 * 8 + 4 + ii, j0 * 32 + jj] = hi[ii, jj]\n";
  list.push_back(
      {"blocked matmul 1024^3 (parallel, packed B, 8x32 tiles)", {1024 * 1024, 1024 * 1024, 1024 * 1024},
       2.0 * 1024 * 1024 * 1024, false,
       header(buf("A", "(1024, 1024)") + ", " + buf("B", "(1024, 1024)") + ", " + buf("C", "(1024, 1024)"), tiles),
       "#include <stdlib.h>\nvoid kernel(float *restrict a, float *restrict b, float *restrict c) {\n"
       "  float *bp = aligned_alloc(64, 32 * 1024 * 32 * sizeof(float));\n#pragma omp parallel for\n"
       "  for (long j0 = 0; j0 < 32; ++j0) for (long k = 0; k < 1024; ++k) for (long jj = 0; jj < 32; ++jj)\n"
       "    bp[(j0*1024+k)*32+jj] = b[k*1024 + j0*32+jj];\n"
       "  for (long kb = 0; kb < 4; ++kb) {\n#pragma omp parallel for\n"
       "  for (long i0 = 0; i0 < 128; ++i0) for (long j0 = 0; j0 < 32; ++j0) {\n    float lo[4][32], hi[4][32];\n"
       "    for (int ii = 0; ii < 4; ++ii) for (int jj = 0; jj < 32; ++jj) {\n"
       "      lo[ii][jj] = kb == 0 ? 0 : c[(i0*8+ii)*1024 + j0*32+jj];\n"
       "      hi[ii][jj] = kb == 0 ? 0 : c[(i0*8+4+ii)*1024 + j0*32+jj];\n    }\n"
       "    for (long k = 0; k < 256; ++k)\n#pragma clang loop unroll(full)\n      for (int ii = 0; ii < 4; ++ii) {\n"
       "      for (int jj = 0; jj < 32; ++jj) lo[ii][jj] += a[(i0*8+ii)*1024 + kb*256+k] * bp[(j0*1024 + kb*256+k)*32+jj];\n"
       "      for (int jj = 0; jj < 32; ++jj) hi[ii][jj] += a[(i0*8+4+ii)*1024 + kb*256+k] * bp[(j0*1024 + kb*256+k)*32+jj];\n    }\n"
       "    for (int ii = 0; ii < 4; ++ii) for (int jj = 0; jj < 32; ++jj) {\n"
       "      c[(i0*8+ii)*1024 + j0*32+jj] = lo[ii][jj];\n      c[(i0*8+4+ii)*1024 + j0*32+jj] = hi[ii][jj];\n    }\n"
       "  }\n  }\n  free(bp);\n}\n",
       "-fopenmp=libgomp", "1024"});
  list.push_back(
      {"conv2d NHWC 3x3 1x56x56x64->64", {58 * 58 * 64, 3 * 3 * 64 * 64, 56 * 56 * 64}, 2.0 * 56 * 56 * 64 * 64 * 9, false,
       header(buf("X", "(58, 58, 64)") + ", " + buf("W", "(3, 3, 64, 64)") + ", " + buf("Y", "(56, 56, 64)"),
              "        for h, w, f in T.grid(56, 56, 64):\n            Y[h, w, f] = T.float32(0)\n"
              "        for h, w, r, s, c in T.grid(56, 56, 3, 3, 64):\n            for f in T.vectorized(64):\n"
              "                Y[h, w, f] = Y[h, w, f] + X[h + r, w + s, c] * W[r, s, c, f]\n"),
       "void kernel(float *restrict x, float *restrict wt, float *restrict y) {\n"
       "  for (long i = 0; i < 56*56*64; ++i) y[i] = 0;\n"
       "  for (long h = 0; h < 56; ++h) for (long w = 0; w < 56; ++w) for (long r = 0; r < 3; ++r) for (long s = 0; s < 3; ++s)\n"
       "    for (long c = 0; c < 64; ++c) for (long f = 0; f < 64; ++f)\n"
       "      y[(h*56+w)*64+f] += x[((h+r)*58+(w+s))*64+c] * wt[((r*3+s)*64+c)*64+f];\n}\n"});
  list.push_back(
      {"depthwise conv 3x3 56x56x64", {58 * 58 * 64, 3 * 3 * 64, 56 * 56 * 64}, 2.0 * 56 * 56 * 64 * 9, false,
       header(buf("X", "(58, 58, 64)") + ", " + buf("W", "(3, 3, 64)") + ", " + buf("Y", "(56, 56, 64)"),
              "        for h, w in T.grid(56, 56):\n            for c in T.vectorized(64):\n"
              "                Y[h, w, c] = T.float32(0)\n            for r, s in T.grid(3, 3):\n"
              "                for c in T.vectorized(64):\n"
              "                    Y[h, w, c] = Y[h, w, c] + X[h + r, w + s, c] * W[r, s, c]\n"),
       "void kernel(float *restrict x, float *restrict wt, float *restrict y) {\n"
       "  for (long h = 0; h < 56; ++h) for (long w = 0; w < 56; ++w) {\n"
       "    for (long c = 0; c < 64; ++c) y[(h*56+w)*64+c] = 0;\n"
       "    for (long r = 0; r < 3; ++r) for (long s = 0; s < 3; ++s) for (long c = 0; c < 64; ++c)\n"
       "      y[(h*56+w)*64+c] += x[((h+r)*58+(w+s))*64+c] * wt[(r*3+s)*64+c];\n  }\n}\n"});
  list.push_back({"transpose 4096^2", {4096 * 4096, 4096 * 4096}, 8.0 * 4096 * 4096, true,
                  header(buf("A", "(4096, 4096)") + ", " + buf("B", "(4096, 4096)"),
                         "        for io, jo, i, j in T.grid(128, 128, 32, 32):\n"
                         "            B[io * 32 + i, jo * 32 + j] = A[jo * 32 + j, io * 32 + i]\n"),
                  "void kernel(float *restrict a, float *restrict b) {\n"
                  "  for (long io = 0; io < 128; ++io) for (long jo = 0; jo < 128; ++jo)\n"
                  "    for (long i = 0; i < 32; ++i) for (long j = 0; j < 32; ++j)\n"
                  "      b[(io*32+i)*4096 + jo*32+j] = a[(jo*32+j)*4096 + io*32+i];\n}\n"});
  // The same row kernel, called per row through T.call_tir, and written inline.
  std::string rows = "        for i in range(1024):\n            T.call_tir(M.row, A[i, 0:1024], B[i, 0:1024])\n\n"
                     "    @T.prim_func(private=True)\n    def row(X: T.Buffer((1024,), \"float32\"), Y: T.Buffer((1024,), \"float32\")):\n"
                     "        for j in range(1024):\n            Y[j] = X[j] * T.float32(3) + T.float32(1)\n";
  std::string inlined = header(buf("A", "(1024, 1024)") + ", " + buf("B", "(1024, 1024)"),
                               "        for i, j in T.grid(1024, 1024):\n            B[i, j] = A[i, j] * T.float32(3) + T.float32(1)\n");
  list.push_back({"row kernel via T.call_tir (C column: inlined TVMScript twin)", {1024 * 1024, 1024 * 1024},
                  8.0 * 1024 * 1024, true, header(buf("A", "(1024, 1024)") + ", " + buf("B", "(1024, 1024)"), rows),
                  "tvmscript:" + inlined});
  return list;
}

double bestSeconds(const std::function<void()> &run, double budget = 1.0) {
  run(); // warm up
  double best = 1e30, spent = 0;
  for (int i = 0; i < 50 && (i < 3 || spent < budget); ++i) {
    auto start = Clock::now();
    run();
    double t = std::chrono::duration<double>(Clock::now() - start).count();
    best = std::min(best, t);
    spent += t;
  }
  return best;
}

using Fn2 = void (*)(void *, void *);
using Fn3 = void (*)(void *, void *, void *);

void call(void *fn, std::vector<std::vector<float>> &buffers) {
  if (buffers.size() == 2) reinterpret_cast<Fn2>(fn)(buffers[0].data(), buffers[1].data());
  else reinterpret_cast<Fn3>(fn)(buffers[0].data(), buffers[1].data(), buffers[2].data());
}

/// Compiles C `source` with clang into a shared library in `dir` and returns `symbol` from it.
void *compileC(const fs::path &dir, const std::string &name, const std::string &source, const std::string &flags,
               const char *symbol = "kernel") {
  fs::path c = dir / (name + ".c"), so = dir / (name + ".so");
  std::ofstream(c) << source;
  // The newest clang installed (scripts/setup.sh installs clang-19).
  const char *clang = access("/usr/bin/clang-19", X_OK) == 0 ? "clang-19" : "clang";
  std::string command = fmt::format("{} -O3 -march=native -w -ffp-contract=fast -fno-math-errno -shared -fPIC {} -o '{}' '{}' -lm",
                                    clang, flags, so.string(), c.string());
  if (std::system(command.c_str()) != 0) return nullptr;
  void *library = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  return library ? dlsym(library, symbol) : nullptr;
}

std::unique_ptr<JitModule> compileScript(const std::string &text, void *&kernel) {
  Document document(text);
  auto model = document.buildModel();
  CompileResult result = compileModel(*model, {}, CodegenOptions{});
  if (!result.module) {
    fmt::print(stderr, "tvmscript: {}\n", result.error ? *result.error : result.diagnostics.at(0).message);
    return nullptr;
  }
  auto loaded = JitModule::load(std::move(*result.module));
  if (loaded.index() != 0) return nullptr;
  auto jit = std::move(std::get<0>(loaded));
  kernel = jit->lookup("kernel");
  return jit;
}

} // namespace

int main(int argc, char **argv) {
  std::string filter = argc > 1 ? argv[1] : "";
  fs::path dir = fs::temp_directory_path() / ("tvmscript-kernel-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  long threads = sysconf(_SC_NPROCESSORS_ONLN);

  // This machine: FMA peak of one core (twelve independent FMA chains of 16 floats, in the widest
  // vectors it has: clang prefers 256-bit vectors on AVX-512 CPUs unless told otherwise, which
  // would measure half the peak) and streaming bandwidth.
  void *peakKernel = compileC(dir, "peak",
                              "typedef float v16 __attribute__((vector_size(64)));\n"
                              "float kernel(long n) { v16 a[12] = {0}; v16 b = {1.0001f}, c = {0.9999f};\n"
                              "  for (long i = 0; i < n; ++i) for (int k = 0; k < 12; ++k) a[k] = a[k] * b + c;\n"
                              "  float s = 0; for (int k = 0; k < 12; ++k) s += a[k][0]; return s; }\n",
                              "-mprefer-vector-width=512");
  double peak = 0;
  if (peakKernel) {
    long n = 20000000;
    double t = bestSeconds([&] { reinterpret_cast<float (*)(long)>(peakKernel)(n); }, 0.5);
    peak = double(n) * 12 * 16 * 2 / t / 1e9;
  }
  std::vector<float> big(32u << 20, 1.0f), big2(32u << 20);
  double stream = 0;
  {
    double t = bestSeconds([&] { std::copy(big.begin(), big.end(), big2.begin()); }, 0.5);
    stream = 2.0 * double(big.size()) * 4 / t / 1e9;
  }
  fmt::print("machine: {} threads; FMA peak {:.1f} GFLOP/s per core ({:.1f} all cores); copy bandwidth {:.1f} GB/s\n\n",
             threads, peak, peak * double(threads), stream);
  fmt::print("{:<52} {:>12} {:>12} {:>8} {:>10}\n", "kernel", "tvmscript", "clang -O3", "ratio", "of peak/bw");

  std::mt19937 random(1);
  std::uniform_real_distribution<float> real(-1, 1);
  size_t index = 0;
  for (Kernel &kernel : kernels()) {
    ++index;
    if (!filter.empty() && kernel.name.find(filter) == std::string::npos) continue;
    void *ours = nullptr, *theirs = nullptr;
    auto jit = compileScript(kernel.script, ours);
    std::unique_ptr<JitModule> twinJit;
    if (kernel.c.starts_with("tvmscript:")) twinJit = compileScript(kernel.c.substr(10), theirs);
    else theirs = compileC(dir, fmt::format("k{}", index), kernel.c, kernel.cflags); // a fresh file: dlopen caches by path
    if (!ours || !theirs) {
      fmt::print("{:<52} failed to compile\n", kernel.name);
      continue;
    }
    std::vector<std::vector<float>> a, b;
    for (size_t size : kernel.sizes) {
      std::vector<float> data(size);
      for (float &x : data) x = real(random);
      a.push_back(data);
      b.push_back(data);
    }
    double mine = bestSeconds([&] { call(ours, a); });
    double other = bestSeconds([&] { call(theirs, b); });
    // Agreement on the output (reductions may sum in another order).
    double worst = 0;
    for (size_t i = 0; i < a.back().size(); ++i)
      worst = std::max(worst, std::fabs(double(a.back()[i]) - b.back()[i]) / std::max(1.0, std::fabs(double(b.back()[i]))));
    auto rate = [&](double t) { return kernel.work / t / 1e9; };
    double fraction = kernel.bandwidth ? rate(mine) / stream : rate(mine) / (peak * (kernel.name.find("parallel") != std::string::npos ? double(threads) : 1.0));
    fmt::print("{:<52} {:>7.2f} {} {:>7.2f} {} {:>7.2f}x {:>9.0f}%{}\n", kernel.name, rate(mine),
               kernel.bandwidth ? "GB/s" : "GF/s", rate(other), kernel.bandwidth ? "GB/s" : "GF/s", mine / other,
               100 * fraction, worst > 1e-3 ? fmt::format("  DISAGREE (max rel err {:.2g})", worst) : "");
    if (kernel.blas) {
      void *library = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
      auto sgemm = library ? reinterpret_cast<void (*)(int, int, int, int, int, int, float, const float *, int,
                                                      const float *, int, float, float *, int)>(dlsym(library, "cblas_sgemm"))
                           : nullptr;
      if (sgemm) {
        int n = std::atoi(kernel.blas);
        double t = bestSeconds([&] { sgemm(101, 111, 111, n, n, n, 1.0f, b[0].data(), n, b[1].data(), n, 0.0f, b[2].data(), n); });
        fmt::print("{:<52} {:>12} {:>7.2f} GF/s {:>7.2f}x  (OpenBLAS cblas_sgemm)\n", "", "", kernel.work / t / 1e9, mine / t);
      } else {
        fmt::print("{:<52} OpenBLAS not found (apt install libopenblas-dev)\n", "");
      }
    }
  }
  fs::remove_all(dir);
  return 0;
}
