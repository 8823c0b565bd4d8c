// Relax functions compiled to `int32_t f(DLTensor *in..., DLTensor *out...)`: graphs of
// R.call_tir bindings with symbolic shapes, tuples, call_tir_inplace and tir_vars run against
// values computed here, and every entry check's error code.
#include "Analyze.h"
#include "Codegen.h"
#include "Document.h"
#include "Jit.h"

#include <cstring>
#include <gtest/gtest.h>
#include <vector>

namespace tvmscript {
namespace {

// DLPack's tensor (dlpack.h), as the compiled functions read it.
struct DLTensor {
  void *data;
  int32_t deviceType, deviceId;
  int32_t ndim;
  uint8_t code, bits;
  uint16_t lanes;
  int64_t *shape;
  int64_t *strides;
  uint64_t byteOffset;
};
static_assert(sizeof(DLTensor) == 48);

DLTensor tensorOf(float *data, std::vector<int64_t> &shape) {
  return {data, 1, 0, int32_t(shape.size()), 2, 32, 1, shape.data(), nullptr, 0};
}

const char *kGraph = R"(from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Graph:
    @T.prim_func(private=True)
    def add_one(a: T.handle, b: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            B[i] = A[i] + T.float32(1)

    @T.prim_func(private=True)
    def scale(a: T.handle, b: T.handle, k: T.int64):
        n = T.int64()
        A = T.match_buffer(a, (n,), "float32")
        B = T.match_buffer(b, (n,), "float32")
        for i in range(n):
            B[i] = A[i] * T.Cast("float32", k)

    @T.prim_func(private=True)
    def double_in_place(a: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n,), "float32")
        for i in range(n):
            A[i] = A[i] * T.float32(2)

    @T.prim_func(private=True)
    def split(a: T.handle, lo: T.handle, hi: T.handle):
        n = T.int64()
        A = T.match_buffer(a, (n * 2,), "float32")
        Lo = T.match_buffer(lo, (n,), "float32")
        Hi = T.match_buffer(hi, (n,), "float32")
        for i in range(n):
            Lo[i] = A[i]
            Hi[i] = A[i + n]

    @R.function
    def chain(x: R.Tensor(("n",), "float32")) -> R.Tensor(("n",), "float32"):
        n = T.int64()
        cls = Graph
        with R.dataflow():
            y = R.call_tir(cls.add_one, (x,), out_sinfo=R.Tensor((n,), "float32"))
            z = R.call_tir(cls.scale, (y,), out_sinfo=R.Tensor((n,), "float32"), tir_vars=R.shape([3]))
            w = R.call_tir_inplace(cls.double_in_place, (z,), inplace_indices=[0], out_sinfo=R.Tensor((n,), "float32"))
            R.output(w)
        return w

    @R.function
    def halves(x: R.Tensor(("m * 2",), "float32")):
        m = T.int64()
        cls = Graph
        t = R.call_tir(cls.split, (x,), out_sinfo=[R.Tensor((m,), "float32"), R.Tensor((m,), "float32")])
        lo = t[0]
        hi = R.call_tir(cls.add_one, (t[1],), out_sinfo=R.Tensor((m,), "float32"))
        return (hi, lo)
)";

class RelaxCodegen : public testing::Test {
protected:
  void SetUp() override {
    Document document(kGraph);
    Model = document.buildModel();
    for (const Diagnostic &d : analyze(*Model)) ASSERT_NE(d.severity, Severity::Error) << d.message;
    CompileResult compiled = compileModel(*Model, {}, CodegenOptions{});
    for (const Diagnostic &d : compiled.diagnostics) ADD_FAILURE() << d.message;
    ASSERT_TRUE(compiled.module) << compiled.error.value_or("");
    auto loaded = JitModule::load(std::move(*compiled.module));
    ASSERT_EQ(loaded.index(), 0u);
    Jit = std::move(std::get<0>(loaded));
  }
  template <typename F> F function(const char *name) {
    auto f = reinterpret_cast<F>(Jit->lookup(name));
    EXPECT_TRUE(f) << name;
    return f;
  }
  std::string lastError() { return *static_cast<const char **>(Jit->lookup("tvmscript_last_error")); }
  std::shared_ptr<const ScriptModel> Model;
  std::unique_ptr<JitModule> Jit;
};

TEST_F(RelaxCodegen, ChainWithTirVarsAndInPlaceCall) {
  auto chain = function<int32_t (*)(DLTensor *, DLTensor *)>("chain");
  for (int64_t n : {0, 1, 7, 1000}) {
    std::vector<float> x(static_cast<size_t>(n)), out(static_cast<size_t>(n), -1);
    for (int64_t i = 0; i < n; ++i) x[size_t(i)] = float(i) * 0.5f;
    std::vector<int64_t> shape = {n}, outShape = {n};
    DLTensor in = tensorOf(x.data(), shape), result = tensorOf(out.data(), outShape);
    ASSERT_EQ(chain(&in, &result), 0) << lastError();
    for (int64_t i = 0; i < n; ++i) EXPECT_EQ(out[size_t(i)], (x[size_t(i)] + 1) * 3 * 2) << "n=" << n << " i=" << i;
  }
}

TEST_F(RelaxCodegen, TupleResultsFromATupleValuedCall) {
  auto halves = function<int32_t (*)(DLTensor *, DLTensor *, DLTensor *)>("halves");
  std::vector<float> x = {1, 2, 3, 4, 5, 6}, hi(3), lo(3);
  std::vector<int64_t> shape = {6}, hiShape = {3}, loShape = {3};
  DLTensor in = tensorOf(x.data(), shape), outHi = tensorOf(hi.data(), hiShape), outLo = tensorOf(lo.data(), loShape);
  ASSERT_EQ(halves(&in, &outHi, &outLo), 0) << lastError();
  EXPECT_EQ(lo, (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(hi, (std::vector<float>{5, 6, 7}));
}

TEST_F(RelaxCodegen, EntryChecksReturnTheirCodes) {
  auto chain = function<int32_t (*)(DLTensor *, DLTensor *)>("chain");
  auto halves = function<int32_t (*)(DLTensor *, DLTensor *, DLTensor *)>("halves");
  std::vector<float> x(8), out(8);
  std::vector<int64_t> shape = {8}, outShape = {8}, twoD = {2, 4};
  DLTensor in = tensorOf(x.data(), shape), result = tensorOf(out.data(), outShape);

  DLTensor wrongNdim = tensorOf(x.data(), twoD);
  EXPECT_EQ(chain(&wrongNdim, &result), -2);
  EXPECT_EQ(lastError(), "chain.x.ndim is expected to equal 1");

  DLTensor wrongDtype = in;
  wrongDtype.code = 0; // int32
  EXPECT_EQ(chain(&wrongDtype, &result), -3);
  EXPECT_EQ(lastError(), "chain.x.dtype is expected to be float32");

  std::vector<int64_t> shorter = {7};
  DLTensor wrongShape = tensorOf(out.data(), shorter); // n is 8 from x
  EXPECT_EQ(chain(&in, &wrongShape), -4);
  EXPECT_EQ(lastError(), "chain.out.shape[0] has an unsatisfied constraint: n");

  std::vector<int64_t> odd = {7}, three = {3};
  DLTensor oddInput = tensorOf(x.data(), odd), a = tensorOf(out.data(), three), b = tensorOf(out.data(), three);
  EXPECT_EQ(halves(&oddInput, &a, &b), -4) << "7 is not m * 2 for any m that the outputs allow";

  std::vector<int64_t> strides = {2};
  DLTensor strided = in;
  strided.strides = strides.data();
  EXPECT_EQ(chain(&strided, &result), -5);
  EXPECT_EQ(lastError(), "chain.x.strides: expected to be compact array");
  std::vector<int64_t> unit = {1};
  strided.strides = unit.data();
  EXPECT_EQ(chain(&strided, &result), 0) << "explicit compact strides are fine";

  DLTensor onGpu = in;
  onGpu.deviceType = 2;
  EXPECT_EQ(chain(&onGpu, &result), -6);
}

TEST(RelaxCodegenSelection, NonCallTirGraphsAreLeftOutWithAWarningUnlessAskedFor) {
  const char *text = R"(from tvm.script import ir as I
from tvm.script import relax as R
from tvm.script import tir as T


@I.ir_module
class Mixed:
    @T.prim_func
    def copy(A: T.Buffer((4,), "float32"), B: T.Buffer((4,), "float32")):
        for i in range(4):
            B[i] = A[i]

    @R.function
    def main(x: R.Tensor((4,), "float32")) -> R.Tensor((4,), "float32"):
        y = R.add(x, x)
        return y
)";
  Document document(text);
  auto model = document.buildModel();
  CompileResult all = compileModel(*model, {}, CodegenOptions{});
  ASSERT_TRUE(all.module);
  ASSERT_EQ(all.diagnostics.size(), 1u);
  EXPECT_EQ(all.diagnostics[0].severity, Severity::Warning);
  EXPECT_EQ(all.diagnostics[0].message,
            "cannot compile Relax function 'main' to native code: it calls R.add (left out)");
  CompileSelection only;
  only.functions = {"main"};
  CompileResult named = compileModel(*model, only, CodegenOptions{});
  EXPECT_FALSE(named.module);
  ASSERT_EQ(named.diagnostics.size(), 1u);
  EXPECT_EQ(named.diagnostics[0].severity, Severity::Error);
}

} // namespace
} // namespace tvmscript
