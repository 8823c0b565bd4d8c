// A deterministic, realistic TVMScript module of a requested size.
#include "GeneratedScript.h"

#include <algorithm>
#include <fmt/format.h>

namespace tvmscript {

std::string generateScript(size_t lines) {
  std::string text = "from tvm.script import ir as I\nfrom tvm.script import tir as T\n"
                     "from tvm.script import relax as R\n\n\n@I.ir_module\nclass Generated:\n";
  // Each kernel is 30 lines: a matmul with T.init, then a bias add with a let and a cast.
  const char *kernel = R"(    @T.prim_func(private=True)
    def kernel{0}(A: T.Buffer((128, 64), "float32"), W: T.Buffer((64, 32), "float32"), B: T.Buffer((32,), "float32"), C: T.Buffer((128, 32), "float32")):
        T.func_attr({{"tir.noalias": True}})
        Y = T.alloc_buffer((128, 32), "float32")
        for i, j, k in T.grid(128, 32, 64):
            with T.block("matmul"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                T.reads(A[vi, vk], W[vk, vj])
                T.writes(Y[vi, vj])
                with T.init():
                    Y[vi, vj] = T.float32(0)
                Y[vi, vj] = Y[vi, vj] + A[vi, vk] * W[vk, vj]
        for i, j in T.grid(128, 32):
            with T.block("bias"):
                vi = T.axis.spatial(128, i)
                vj = T.axis.spatial(32, j)
                T.reads(Y[vi, vj], B[vj])
                T.writes(C[vi, vj])
                scale: T.float32 = T.Cast("float32", vi % 4 + 1)
                C[vi, vj] = T.max(Y[vi, vj] + B[vj], T.float32(0)) * scale
        for i in T.parallel(128):
            for j in T.vectorized(32):
                with T.block("clip"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    if C[vi, vj] > T.float32(6):
                        C[vi, vj] = T.float32(6)
                    else:
                        C[vi, vj] = T.exp(C[vi, vj] - T.float32(6)) * T.float32(6)
                    T.evaluate(0)

)";
  std::string_view templateText(kernel);
  size_t kernelLines = std::count(templateText.begin(), templateText.end(), '\n');
  size_t kernels = lines > 60 ? (lines - 20) / kernelLines : 1;
  for (size_t i = 0; i < kernels; ++i) text += fmt::format(fmt::runtime(kernel), i);
  text += "    @R.function\n    def main(x: R.Tensor((128, 64), \"float32\"), w: R.Tensor((64, 32), "
          "\"float32\"), b: R.Tensor((32,), \"float32\")):\n        cls = Generated\n"
          "        with R.dataflow():\n";
  size_t calls = std::min<size_t>(kernels, 3 + (lines > 60 ? kernels / 10 : 0));
  for (size_t i = 0; i < calls; ++i)
    text += fmt::format("            y{0} = R.call_tir(cls.kernel{0}, (x, w, b), out_sinfo=R.Tensor((128, "
                        "32), \"float32\"))\n",
                        i);
  text += "            R.output(y0)\n        return y0\n";
  return text;
}

std::string generateCallChain(size_t count) {
  std::string text = "from tvm.script import ir as I\nfrom tvm.script import tir as T\n"
                     "from tvm.script import relax as R\n\n\n@I.ir_module\nclass Chain:\n";
  const char *kernel = R"(    @T.prim_func(private=True)
    def step{0}(a: T.handle, b: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n, 64), "float32")
        B = T.match_buffer(b, (n, 64), "float32")
        for i, j in T.grid(n, 64):
            with T.block("step"):
                vi, vj = T.axis.remap("SS", [i, j])
                B[vi, vj] = A[vi, vj] * T.float32({0}) + T.float32(1)

)";
  for (size_t i = 0; i < count; ++i) text += fmt::format(fmt::runtime(kernel), i);
  text += "    @R.function\n    def main(x: R.Tensor((\"n\", 64), \"float32\")):\n        n = T.int64()\n"
          "        cls = Chain\n        with R.dataflow():\n            y0 = x\n";
  for (size_t i = 0; i < count; ++i)
    text += fmt::format("            y{1} = R.call_tir(cls.step{0}, (y{0},), out_sinfo=R.Tensor((n, 64), \"float32\"))\n",
                        i, i + 1);
  text += fmt::format("            R.output(y{0})\n        return y{0}\n", count);
  return text;
}

std::string generateKernelModule(size_t count) {
  static const char *kinds[] = {
      R"(    @T.prim_func
    def add{0}(A: T.Buffer((4096,), "float32"), B: T.Buffer((4096,), "float32"), C: T.Buffer((4096,), "float32")):
        for i in range(4096):
            with T.block("add"):
                vi = T.axis.spatial(4096, i)
                C[vi] = A[vi] + B[vi] * T.float32(2)
)",
      R"(    @T.prim_func
    def matmul{0}(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"), C: T.Buffer((128, 128), "float32")):
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                with T.init():
                    C[vi, vj] = T.float32(0)
                C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]
)",
      R"(    @T.prim_func
    def softmax{0}(A: T.Buffer((64, 256), "float32"), B: T.Buffer((64, 256), "float32")):
        row_max = T.alloc_buffer((64,))
        row_sum = T.alloc_buffer((64,))
        for i, k in T.grid(64, 256):
            with T.block("max"):
                vi, vk = T.axis.remap("SR", [i, k])
                with T.init():
                    row_max[vi] = T.min_value("float32")
                row_max[vi] = T.max(row_max[vi], A[vi, vk])
        for i, k in T.grid(64, 256):
            with T.block("sum"):
                vi, vk = T.axis.remap("SR", [i, k])
                with T.init():
                    row_sum[vi] = T.float32(0)
                row_sum[vi] = row_sum[vi] + T.exp(A[vi, vk] - row_max[vi])
        for i, k in T.grid(64, 256):
            with T.block("norm"):
                vi, vk = T.axis.remap("SS", [i, k])
                B[vi, vk] = T.exp(A[vi, vk] - row_max[vi]) / row_sum[vi]
)",
      R"(    @T.prim_func
    def conv{0}(X: T.Buffer((1024,), "float32"), W: T.Buffer((5,), "float32"), Y: T.Buffer((1024,), "float32")):
        for i, r in T.grid(1024, 5):
            with T.block("conv"):
                vi, vr = T.axis.remap("SR", [i, r])
                with T.init():
                    Y[vi] = T.float32(0)
                Y[vi] = Y[vi] + T.if_then_else(2 <= vi + vr and vi + vr < 1026, X[vi + vr - 2], T.float32(0)) * W[vr]
)",
      R"(    @T.prim_func
    def transpose{0}(A: T.Buffer((512, 512), "float32"), B: T.Buffer((512, 512), "float32")):
        for i in T.parallel(512):
            for j in T.vectorized(512):
                with T.block("t"):
                    vi, vj = T.axis.remap("SS", [i, j])
                    B[vi, vj] = A[vj, vi]
)",
  };
  std::string text = "from tvm.script import ir as I\nfrom tvm.script import tir as T\n\n\n@I.ir_module\nclass Kernels:\n";
  for (size_t i = 0; i < count; ++i) text += fmt::format(fmt::runtime(kinds[i % 5]), i) + "\n";
  return text;
}

} // namespace tvmscript
