// The reference interpreter against hand-computed results, and every kernel of tests/codegen
// interpreted under each of its `# run:` configurations.
#include "Interpreter.h"
#include "Value.h"

#include "Analyze.h"
#include "Document.h"

// The test data files present at configure time (comments only): see tests/CMakeLists.txt.
#include "TestDataFiles.inc"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <random>
#include <sstream>

namespace tvmscript::reference {
namespace {
namespace fs = std::filesystem;

std::shared_ptr<const ScriptModel> modelOf(const std::string &text) {
  return Document(text).buildModel();
}

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const Function &functionNamed(const ScriptModel &model, std::string_view name) {
  for (const Function *function : model.functions())
    if (function->name == name) return *function;
  throw std::runtime_error("no function " + std::string(name));
}

Argument buffer(void *data) {
  Argument argument;
  argument.data = data;
  return argument;
}

Argument integer(int64_t value) {
  Argument argument;
  argument.intValue = value;
  return argument;
}

Argument floating(double value) {
  Argument argument;
  argument.floatValue = value;
  return argument;
}

TEST(ReferenceValue, IntegerWrapsAtItsWidth) {
  Value a = Value::integer(scalarType("int8"), 100);
  Value b = Value::integer(scalarType("int8"), 100);
  EXPECT_EQ(binary(Op::Add, a, b).i, -56);
  EXPECT_EQ(binary(Op::Add, a, b).type, scalarType("int8"));
  Value u = Value::integer(scalarType("uint8"), 250);
  EXPECT_EQ(binary(Op::Add, u, Value::pythonInt(10)).i, 4);
}

TEST(ReferenceValue, LiteralsAdoptTheOtherOperandsType) {
  Value x = Value::integer(ScalarType::int64(), 5);
  EXPECT_EQ(binary(Op::Add, x, Value::pythonInt(1)).type, ScalarType::int64());
  Value h = Value::floating(scalarType("float16"), 1.5);
  EXPECT_EQ(binary(Op::Mul, h, Value::pythonFloat(0.5)).type, scalarType("float16"));
  Value i = Value::integer(ScalarType::int32(), 3);
  EXPECT_EQ(binary(Op::Mul, i, Value::pythonFloat(0.5)).type, ScalarType::float32());
  EXPECT_EQ(binary(Op::Add, i, x).type, ScalarType::int64());
  EXPECT_EQ(toTir(Value::pythonInt(int64_t(1) << 40)).type, ScalarType::int64());
}

TEST(ReferenceValue, FloatRoundingPerDtype) {
  // float32 arithmetic rounds once per operation: 16777216 + 1 is not representable.
  Value big = Value::floating(ScalarType::float32(), 16777216.0);
  EXPECT_EQ(binary(Op::Add, big, Value::floating(ScalarType::float32(), 1.0)).f, 16777216.0);
  // float16: 2048 + 1 rounds back to 2048 (11-bit significand).
  Value half = Value::floating(scalarType("float16"), 2048.0);
  EXPECT_EQ(binary(Op::Add, half, Value::floating(scalarType("float16"), 1.0)).f, 2048.0);
  // bfloat16 stores round to nearest even on the upper 16 bits.
  Value rounded = cast(Value::floating(ScalarType::float32(), 1.00390625), scalarType("bfloat16"));
  EXPECT_EQ(rounded.f, 1.0);
  EXPECT_EQ(cast(Value::floating(ScalarType::float32(), 1.01171875), scalarType("bfloat16")).f,
            1.015625);
}

TEST(ReferenceValue, CastsFollowTvm) {
  EXPECT_EQ(cast(Value::floating(ScalarType::float32(), -2.7), ScalarType::int32()).i, -2);
  EXPECT_EQ(cast(Value::integer(ScalarType::boolean(), 1), ScalarType::int32()).i, 1);
  EXPECT_EQ(cast(Value::integer(scalarType("int8"), -1), ScalarType::int64()).i, -1);
  EXPECT_EQ(cast(Value::integer(scalarType("uint8"), 255), ScalarType::int64()).i, 255);
  EXPECT_EQ(cast(Value::integer(ScalarType::int64(), 300), scalarType("int8")).i, 44);
  EXPECT_EQ(cast(Value::floating(ScalarType::float32(), 0.5), ScalarType::boolean()).i, 1);
  EXPECT_THROW(cast(Value::floating(ScalarType::float32(), 300.0), scalarType("int8")),
               UndefinedBehavior);
}

// ---------------------------------------------------------------------------------------------
// Kernels with hand-computed results.

TEST(ReferenceInterpreter, FloorAndTruncDivisionMatchPython) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def divisions(A8: T.Buffer((8,), "int8"), B8: T.Buffer((8,), "int8"), O8: T.Buffer((4, 8), "int8"),
              A32: T.Buffer((8,), "int32"), B32: T.Buffer((8,), "int32"), O32: T.Buffer((4, 8), "int32"),
              A64: T.Buffer((8,), "int64"), B64: T.Buffer((8,), "int64"), O64: T.Buffer((4, 8), "int64")):
    for i in range(8):
        O8[0, i] = A8[i] // B8[i]
        O8[1, i] = A8[i] % B8[i]
        O8[2, i] = T.truncdiv(A8[i], B8[i])
        O8[3, i] = T.truncmod(A8[i], B8[i])
        O32[0, i] = T.floordiv(A32[i], B32[i])
        O32[1, i] = T.floormod(A32[i], B32[i])
        O32[2, i] = T.truncdiv(A32[i], B32[i])
        O32[3, i] = T.truncmod(A32[i], B32[i])
        O64[0, i] = A64[i] // B64[i]
        O64[1, i] = A64[i] % B64[i]
        O64[2, i] = T.truncdiv(A64[i], B64[i])
        O64[3, i] = T.truncmod(A64[i], B64[i])
)");
  // Dividends and divisors, and what Python's //, % and C's /, % give for them.
  const int64_t a[8] = {-7, 7, -7, 7, -128, 0, -1, 127};
  const int64_t b[8] = {2, -2, -2, 2, 3, -5, 5, -128};
  const int64_t floorDiv[8] = {-4, -4, 3, 3, -43, 0, -1, -1};
  const int64_t floorMod[8] = {1, -1, -1, 1, 1, 0, 4, -1};
  const int64_t truncDiv[8] = {-3, -3, 3, 3, -42, 0, 0, 0};
  const int64_t truncMod[8] = {-1, 1, -1, 1, -2, 0, -1, 127};
  int8_t a8[8], b8[8], o8[32];
  int32_t a32[8], b32[8], o32[32];
  int64_t a64[8], b64[8], o64[32];
  for (int i = 0; i < 8; ++i) {
    a8[i] = static_cast<int8_t>(a[i]), b8[i] = static_cast<int8_t>(b[i]);
    a32[i] = static_cast<int32_t>(a[i] * 1000001), b32[i] = static_cast<int32_t>(b[i] * 1000001);
    a64[i] = a[i] * 3000000000LL, b64[i] = b[i] * 3000000000LL;
  }
  std::vector<Argument> arguments = {buffer(a8),  buffer(b8),  buffer(o8),
                                     buffer(a32), buffer(b32), buffer(o32),
                                     buffer(a64), buffer(b64), buffer(o64)};
  ASSERT_EQ(run(*model, functionNamed(*model, "divisions"), arguments), 0);
  for (int i = 0; i < 8; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(o8[i], floorDiv[i]);
    EXPECT_EQ(o8[8 + i], floorMod[i]);
    EXPECT_EQ(o8[16 + i], truncDiv[i]);
    EXPECT_EQ(o8[24 + i], truncMod[i]);
    // Scaling both operands keeps the quotients and scales the remainders.
    EXPECT_EQ(o32[i], floorDiv[i]);
    EXPECT_EQ(o32[8 + i], floorMod[i] * 1000001);
    EXPECT_EQ(o32[16 + i], truncDiv[i]);
    EXPECT_EQ(o32[24 + i], truncMod[i] * 1000001);
    EXPECT_EQ(o64[i], floorDiv[i]);
    EXPECT_EQ(o64[8 + i], floorMod[i] * 3000000000LL);
    EXPECT_EQ(o64[16 + i], truncDiv[i]);
    EXPECT_EQ(o64[24 + i], truncMod[i] * 3000000000LL);
  }
}

TEST(ReferenceInterpreter, DivisionByZeroIsRefused) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((2,), "int32"), B: T.Buffer((2,), "int32")):
    for i in range(2):
        B[i] = A[i] // B[i]
)");
  int32_t a[2] = {4, 5}, b[2] = {1, 0};
  std::vector<Argument> arguments = {buffer(a), buffer(b)};
  EXPECT_THROW(run(*model, functionNamed(*model, "f"), arguments), UndefinedBehavior);
}

TEST(ReferenceInterpreter, ReductionRunsInitOncePerOutput) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def row_sum(A: T.Buffer((3, 4), "float32"), S: T.Buffer((3,), "float32"), Count: T.Buffer((3,), "int32")):
    for i, k in T.grid(3, 4):
        with T.block("S"):
            vi, vk = T.axis.remap("SR", [i, k])
            with T.init():
                S[vi] = T.float32(100)
                Count[vi] = 0
            S[vi] = S[vi] + A[vi, vk]
            Count[vi] = Count[vi] + 1
    for i, k in T.grid(3, 2):
        with T.block("offset_reduce"):
            vi = T.axis.spatial(3, i)
            vk = T.axis.reduce([5, 7], k + 5)
            with T.init():
                Count[vi] = Count[vi] * 10
            Count[vi] = Count[vi] + vk
)");
  float a[12] = {1, 2, 3, 4, -1, -2, -3, -4, 0.5f, 0.25f, 0.125f, 0.0625f};
  float s[3] = {-1, -1, -1};
  int32_t count[3] = {-1, -1, -1};
  std::vector<Argument> arguments = {buffer(a), buffer(s), buffer(count)};
  ASSERT_EQ(run(*model, functionNamed(*model, "row_sum"), arguments), 0);
  EXPECT_EQ(s[0], 110.0f);
  EXPECT_EQ(s[1], 90.0f);
  EXPECT_EQ(s[2], 100.9375f);
  // The second block's reduction axis starts at 5: init multiplies by 10, then adds 5 and 6.
  for (int32_t c : count)
    EXPECT_EQ(c, 4 * 10 + 5 + 6);
}

TEST(ReferenceInterpreter, StridedViewWithElemOffset) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(a: T.handle, b: T.handle):
    n = T.int32()
    s = T.int32()
    A = T.match_buffer(a, (n, 2), "int32", strides=(s, 1), elem_offset=3)
    B = T.match_buffer(b, (2, n), "int32", strides=(1, 2))
    for i, j in T.grid(n, 2):
        B[j, i] = A[i, j] * 10
)");
  const Function &function = functionNamed(*model, "f");
  // A: rows of stride 5 starting at element 3, two elements used per row.
  Bindings bindings = {{"n", 3}, {"s", 5}};
  EXPECT_EQ(elementCount(*function.params[0].buffer, bindings), 3 + 2 * 5 + 1 + 1);
  EXPECT_EQ(elementCount(*function.params[1].buffer, bindings), 6);
  int32_t a[15];
  for (int k = 0; k < 15; ++k)
    a[k] = k;
  int32_t b[6] = {};
  std::vector<Argument> arguments = {buffer(a), buffer(b), integer(3), integer(5)};
  ASSERT_EQ(run(*model, function, arguments), 0);
  // B[j, i] lives at j + 2 i and holds A[i, j] = a[3 + 5 i + j].
  const int32_t expected[6] = {30, 40, 80, 90, 130, 140};
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(b[k], expected[k]) << k;
}

TEST(ReferenceInterpreter, FailingAssertReturnsNonZero) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(a: T.handle):
    n = T.int64()
    A = T.match_buffer(a, (n,), "float32")
    assert n >= T.int64(2), "need two elements"
    A[1] = A[0]
)");
  const Function &function = functionNamed(*model, "f");
  float data[2] = {5, 6};
  std::vector<Argument> tooShort = {buffer(data), integer(1)};
  EXPECT_NE(run(*model, function, tooShort), 0);
  EXPECT_EQ(data[1], 6.0f); // nothing after the assert ran
  std::vector<Argument> fine = {buffer(data), integer(2)};
  EXPECT_EQ(run(*model, function, fine), 0);
  EXPECT_EQ(data[1], 5.0f);
}

TEST(ReferenceInterpreter, SoftmaxRowMatchesPlainComputation) {
  auto model = modelOf(readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen/softmax_rows.py"));
  std::vector<float> input(8 * 100), output(8 * 100, -1);
  std::mt19937 random(7);
  std::uniform_real_distribution<float> uniform(-6, 6);
  for (float &x : input)
    x = uniform(random);
  std::vector<Argument> arguments = {buffer(input.data()), buffer(output.data())};
  ASSERT_EQ(run(*model, functionNamed(*model, "softmax"), arguments), 0);
  for (int row = 0; row < 8; ++row) {
    const float *x = &input[row * 100];
    float maximum = -std::numeric_limits<float>::max();
    for (int k = 0; k < 100; ++k)
      maximum = maximum > x[k] ? maximum : x[k];
    float exps[100], sum = 0;
    for (int k = 0; k < 100; ++k)
      exps[k] = std::exp(x[k] - maximum);
    for (int k = 0; k < 100; ++k)
      sum += exps[k];
    for (int k = 0; k < 100; ++k)
      EXPECT_EQ(output[row * 100 + k], exps[k] / sum) << row << ", " << k;
  }
}

TEST(ReferenceInterpreter, IfThenElseEvaluatesOnlyTheTakenSide) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((4,), "int8"), B: T.Buffer((5,), "int32")):
    for i in range(5):
        B[i] = T.Cast("int32", T.if_then_else(i < 4, A[i], 0)) * 1000
)");
  int8_t a[4] = {1, -2, 3, -4};
  int32_t b[5] = {};
  std::vector<Argument> arguments = {buffer(a), buffer(b)};
  ASSERT_EQ(run(*model, functionNamed(*model, "f"), arguments), 0);
  const int32_t expected[5] = {1000, -2000, 3000, -4000, 0};
  for (int k = 0; k < 5; ++k)
    EXPECT_EQ(b[k], expected[k]);
}

TEST(ReferenceInterpreter, SelectEvaluatesBothSides) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((4,), "float32"), B: T.Buffer((5,), "float32")):
    for i in range(5):
        B[i] = T.Select(i < 4, A[i], T.float32(0))
)");
  float a[4] = {}, b[5] = {};
  std::vector<Argument> arguments = {buffer(a), buffer(b)};
  try {
    run(*model, functionNamed(*model, "f"), arguments);
    ADD_FAILURE() << "expected an out-of-bounds error";
  } catch (const std::runtime_error &error) {
    EXPECT_NE(std::string(error.what()).find("out-of-bounds access 'A[i]'"), std::string::npos)
        << error.what();
  }
}

TEST(ReferenceInterpreter, UninitializedAllocationsReadAsGarbage) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(B: T.Buffer((2,), "uint8")):
    scratch = T.alloc_buffer((4,), "uint8")
    scratch[1] = T.uint8(7)
    for i in range(2):
        with T.block("copy"):
            vi = T.axis.remap("S", [i])
            B[vi] = scratch[vi]
)");
  uint8_t b[2] = {};
  std::vector<Argument> arguments = {buffer(b)};
  ASSERT_EQ(run(*model, functionNamed(*model, "f"), arguments), 0);
  EXPECT_EQ(b[0], 0xCD);
  EXPECT_EQ(b[1], 7);
}

TEST(ReferenceInterpreter, Float16RoundsEveryOperation) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((1,), "float16"), B: T.Buffer((2,), "float32")):
    B[0] = T.Cast("float32", A[0] + T.float16(1) - A[0])
    B[1] = T.Cast("float32", A[0]) + T.float32(1) - T.Cast("float32", A[0])
)");
  _Float16 a[1] = {static_cast<_Float16>(4096)};
  float b[2] = {};
  std::vector<Argument> arguments = {buffer(a), buffer(b)};
  ASSERT_EQ(run(*model, functionNamed(*model, "f"), arguments), 0);
  EXPECT_EQ(b[0], 0.0f); // 4096 + 1 rounds back to 4096 in half precision
  EXPECT_EQ(b[1], 1.0f);
}

TEST(ReferenceInterpreter, SubroutinesAndCallTir) {
  auto model =
      modelOf(readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen/call_tir_regions.py"));
  std::vector<float> a(64), b(64, -1), total(4, -1);
  for (int k = 0; k < 64; ++k)
    a[k] = static_cast<float>(k % 16);
  std::vector<Argument> arguments = {buffer(a.data()), buffer(b.data()), buffer(total.data())};
  ASSERT_EQ(run(*model, functionNamed(*model, "main"), arguments), 0);
  for (int row = 0; row < 4; ++row) {
    EXPECT_EQ(b[row * 16 + 3], 3.0f * (row + 1));
    EXPECT_EQ(total[row], 120.0f * (row + 1)); // (0 + ... + 15) · (row + 1)
  }
  auto subroutines =
      modelOf(readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen/subroutine_calls.py"));
  std::vector<float> matrix(128, 2.0f), sums(8, -1);
  std::vector<Argument> mainArguments = {buffer(matrix.data()), buffer(sums.data())};
  ASSERT_EQ(run(*subroutines, functionNamed(*subroutines, "main"), mainArguments), 0);
  for (float sum : sums)
    EXPECT_EQ(sum, 16.0f);
}

TEST(ReferenceInterpreter, CallTirBindsCalleeShapeVariables) {
  auto model = modelOf(R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((3, 8), "int32")):
        T.call_tir(Module.fill, A[1, 2:7], 5)

    @T.prim_func(private=True)
    def fill(a: T.handle, value: T.int32):
        n = T.int32()
        X = T.match_buffer(a, (n,), "int32")
        for i in range(n):
            X[i] = value * 10 + n
)");
  std::vector<int32_t> a(24, 0);
  std::vector<Argument> arguments = {buffer(a.data())};
  ASSERT_EQ(run(*model, functionNamed(*model, "main"), arguments), 0);
  for (int k = 0; k < 24; ++k)
    EXPECT_EQ(a[k], k >= 10 && k < 15 ? 55 : 0) << k;
}

TEST(ReferenceInterpreter, TirxScalarsAreMutable) {
  auto model = modelOf(R"(from tvm.script import tirx as T

@T.prim_func
def f(A: T.Buffer((6,), "int32"), B: T.Buffer((2,), "int32")):
    total = 0
    count = 0
    for i in range(6):
        if A[i] < 0:
            continue
        if A[i] > 100:
            break
        total = total + A[i]
        count += 1
    B[0] = total
    B[1] = count
)");
  int32_t a[6] = {5, -3, 7, 200, 11, 13}, b[2] = {};
  std::vector<Argument> arguments = {buffer(a), buffer(b)};
  ASSERT_EQ(run(*model, functionNamed(*model, "f"), arguments), 0);
  EXPECT_EQ(b[0], 12);
  EXPECT_EQ(b[1], 2);
}

TEST(ReferenceInterpreter, AbiOrderAndShapeVariables) {
  auto model = modelOf(readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen/layer_norm.py"));
  std::vector<AbiSlot> slots = abiSignature(*model, functionNamed(*model, "layer_norm"));
  std::vector<std::string> names;
  for (const AbiSlot &slot : slots)
    names.push_back(slot.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "gamma", "beta", "b", "n"}));
  EXPECT_EQ(slots[0].kind, AbiSlot::Kind::Buffer);
  EXPECT_EQ(slots[4].kind, AbiSlot::Kind::ShapeVariable);
  EXPECT_EQ(slots[4].dtype, "int32");

  auto scalars =
      modelOf(readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen/lets_and_scalar_params.py"));
  slots = abiSignature(*scalars, functionNamed(*scalars, "lets"));
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(slots[2].kind, AbiSlot::Kind::Scalar);
  EXPECT_EQ(slots[2].name, "n");
}

TEST(ReferenceInterpreter, ScalarParametersFollowBuffers) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(alpha: T.float32, A: T.Buffer((3,), "float32"), k: T.int32, flag: T.bool):
    for i in range(3):
        A[i] = A[i] * alpha + T.Cast("float32", k) + T.Cast("float32", flag)
)");
  float a[3] = {1, 2, 3};
  std::vector<Argument> arguments = {buffer(a), floating(0.5), integer(-4), integer(1)};
  ASSERT_EQ(run(*model, functionNamed(*model, "f"), arguments), 0);
  EXPECT_EQ(a[0], -2.5f);
  EXPECT_EQ(a[2], -1.5f);
}

TEST(ReferenceInterpreter, OutOfBoundsAccessIsReported) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((4,), "float32")):
    for i in range(5):
        A[i] = T.float32(1)
)");
  float a[4] = {};
  std::vector<Argument> arguments = {buffer(a)};
  EXPECT_THROW(run(*model, functionNamed(*model, "f"), arguments), std::runtime_error);
}

TEST(ReferenceInterpreter, UnsupportedConstructsAreNamed) {
  auto model = modelOf(R"(from tvm.script import tir as T

@T.prim_func
def f(A: T.Buffer((64,), "float32")):
    for i in T.thread_binding(64, thread="threadIdx.x"):
        A[i] = T.float32(1)
)");
  float a[64] = {};
  std::vector<Argument> arguments = {buffer(a)};
  try {
    run(*model, functionNamed(*model, "f"), arguments);
    ADD_FAILURE() << "expected an unsupported construct";
  } catch (const std::runtime_error &error) {
    EXPECT_NE(std::string(error.what()).find("unsupported: T.thread_binding"), std::string::npos)
        << error.what();
  }
}

TEST(ReferenceInterpreter, RunConfigurations) {
  auto configurations = runConfigurations("# run: n=0\nx = 1\n  # run: n=7, m=3\n# running: no\n");
  ASSERT_EQ(configurations.size(), 2u);
  EXPECT_EQ(configurations[0], (Bindings{{"n", 0}}));
  EXPECT_EQ(configurations[1], (Bindings{{"n", 7}, {"m", 3}}));
  EXPECT_EQ(runConfigurations("x = 1\n").size(), 1u);
  EXPECT_THROW(runConfigurations("# run: n=seven\n"), std::exception);
}

// ---------------------------------------------------------------------------------------------
// The kernel corpus.

std::vector<std::string> kernelFiles() {
  std::vector<std::string> files;
  for (const auto &entry : fs::directory_iterator(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen"))
    if (entry.path().extension() == ".py") files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// Deterministic pseudo-random contents for `count` elements of `dtype`: floats in [-4, 4], bool
/// 0 or 1, integers over their whole range.
std::vector<std::byte> randomStorage(const std::string &dtype, int64_t count,
                                     std::mt19937_64 &random) {
  ScalarType type = scalarType(dtype);
  std::vector<std::byte> storage(static_cast<size_t>(count) * type.bytes() + 1);
  std::uniform_real_distribution<double> uniform(-4, 4);
  for (int64_t k = 0; k < count; ++k) {
    Value value;
    if (type.isFloat())
      value = Value::floating(type, uniform(random));
    else if (type.code == ScalarType::Code::Bool)
      value = Value::integer(type, random() & 1);
    else
      value = Value::integer(type, static_cast<int64_t>(random()));
    storeScalar(storage.data() + k * type.bytes(), type, value);
  }
  return storage;
}

/// Runs `function` once under `bindings` on random inputs; returns the status and the contents
/// of every buffer afterwards.
std::pair<int32_t, std::vector<std::vector<std::byte>>> runOnce(const ScriptModel &model,
                                                                const Function &function,
                                                                const Bindings &bindings,
                                                                uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::vector<std::byte>> storage;
  std::vector<Argument> arguments;
  for (const AbiSlot &slot : abiSignature(model, function)) {
    Argument argument;
    switch (slot.kind) {
    case AbiSlot::Kind::Buffer:
      storage.push_back(randomStorage(slot.dtype, elementCount(*slot.buffer, bindings), random));
      argument.data = storage.back().data();
      break;
    case AbiSlot::Kind::Pointer:
      throw std::runtime_error("a public function with a pointer parameter");
    case AbiSlot::Kind::Scalar:
    case AbiSlot::Kind::ShapeVariable:
      if (!bindings.count(slot.name))
        throw std::runtime_error("no value for '" + slot.name + "' in the run line");
      argument.intValue = bindings.at(slot.name);
      argument.floatValue = static_cast<double>(bindings.at(slot.name));
      break;
    }
    arguments.push_back(argument);
  }
  int32_t status = run(model, function, arguments);
  return {status, std::move(storage)};
}

class ReferenceCorpus : public testing::TestWithParam<std::string> {};

TEST_P(ReferenceCorpus, InterpretsEveryRunConfiguration) {
  std::string text = readFile(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen" / GetParam());
  auto model = modelOf(text);
  for (const Diagnostic &diagnostic : analyze(*model))
    EXPECT_NE(diagnostic.severity, Severity::Error)
        << diagnostic.code << ": " << diagnostic.message;
  std::vector<Bindings> configurations = runConfigurations(text);
  int functions = 0;
  for (const Function *function : model->functions()) {
    if (function->dialect != Dialect::TIR || function->isPrivate) continue;
    ++functions;
    for (const Bindings &bindings : configurations) {
      std::string label = function->name;
      for (const auto &[name, value] : bindings)
        label += " " + name + "=" + std::to_string(value);
      SCOPED_TRACE(label);
      try {
        auto [status, first] = runOnce(*model, *function, bindings, 42);
        if (!GetParam().starts_with("assert_")) {
          EXPECT_EQ(status, 0);
        }
        // Interpreting is deterministic: the same inputs give the same outputs.
        auto [again, second] = runOnce(*model, *function, bindings, 42);
        EXPECT_EQ(status, again);
        EXPECT_TRUE(first == second);
      } catch (const std::exception &error) {
        ADD_FAILURE() << error.what();
      }
    }
  }
  EXPECT_GT(functions, 0);
}

TEST(ReferenceCorpusFiles, AtLeastThirtyKernels) {
  EXPECT_GE(kernelFiles().size(), 30u);
}

INSTANTIATE_TEST_SUITE_P(ReferenceKernels, ReferenceCorpus, testing::ValuesIn(kernelFiles()),
                         [](const testing::TestParamInfo<std::string> &info) {
                           std::string name = info.param.substr(0, info.param.size() - 3);
                           for (char &c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

} // namespace
} // namespace tvmscript::reference
