// Run-and-compare tests of the native compiler: every kernel in tests/codegen/ is compiled (at
// -O0 and -O3, the LLVM verifier on), JIT-loaded and run on random data, and each buffer is
// compared with what the reference interpreter (tests/reference/) computes from the same data.
// Sizes come from `# run: n=7, m=3` lines (one configuration per line).
#include "Analyze.h"
#include "Codegen.h"
#include "Document.h"
#include "Jit.h"
#include "reference/Interpreter.h"

#include "TestDataFiles.inc"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <regex>
#include <sstream>

namespace tvmscript {
namespace {
namespace fs = std::filesystem;

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> kernelFiles() {
  std::vector<std::string> files;
  for (const auto &entry : fs::directory_iterator(fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen"))
    if (entry.path().extension() == ".py") files.push_back(entry.path().stem().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// The `# run:` configurations of a kernel; one empty configuration when it has none.
std::vector<std::map<std::string, std::string>> runConfigurations(const std::string &text) {
  std::vector<std::map<std::string, std::string>> configurations;
  std::regex line(R"(#\s*run:\s*(.*))");
  std::regex binding(R"((\w+)\s*=\s*([-+0-9.eE]+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it) {
    std::map<std::string, std::string> configuration;
    std::string bindings = (*it)[1];
    for (auto b = std::sregex_iterator(bindings.begin(), bindings.end(), binding); b != std::sregex_iterator(); ++b)
      configuration[(*b)[1]] = (*b)[2];
    configurations.push_back(configuration);
  }
  if (configurations.empty()) configurations.emplace_back();
  return configurations;
}

size_t elementBytes(const DType &dtype) { return dtype.bits == 1 ? 1 : dtype.bits / 8; }

/// Random elements: floats in [-1, 1), signed ints in [-64, 64), unsigned in [0, 128), bools.
void fillRandom(std::vector<uint8_t> &bytes, const DType &dtype, std::mt19937_64 &random) {
  size_t size = elementBytes(dtype), count = bytes.size() / size;
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  for (size_t i = 0; i < count; ++i) {
    uint8_t *at = bytes.data() + i * size;
    if (dtype.code == DType::Code::Float) {
      double v = real(random);
      if (dtype.bits == 64) std::memcpy(at, &v, 8);
      else if (dtype.bits == 32) { float f = float(v); std::memcpy(at, &f, 4); }
      else { _Float16 h = _Float16(v); std::memcpy(at, &h, 2); }
    } else if (dtype.code == DType::Code::BFloat) {
      float f = float(real(random));
      uint32_t word;
      std::memcpy(&word, &f, 4);
      uint16_t top = uint16_t(word >> 16);
      std::memcpy(at, &top, 2);
    } else {
      int64_t v = dtype.isBool() ? int64_t(random() & 1)
                  : dtype.code == DType::Code::Int ? int64_t(random() % 128) - 64
                                                   : int64_t(random() % 128);
      std::memcpy(at, &v, size); // little-endian: the low bytes
    }
  }
}

double elementAt(const std::vector<uint8_t> &bytes, const DType &dtype, size_t i) {
  const uint8_t *at = bytes.data() + i * elementBytes(dtype);
  if (dtype.code == DType::Code::Float) {
    if (dtype.bits == 64) { double v; std::memcpy(&v, at, 8); return v; }
    if (dtype.bits == 32) { float v; std::memcpy(&v, at, 4); return v; }
    _Float16 v;
    std::memcpy(&v, at, 2);
    return double(v);
  }
  uint16_t top;
  std::memcpy(&top, at, 2);
  uint32_t word = uint32_t(top) << 16;
  float v;
  std::memcpy(&v, &word, 4);
  return v;
}

/// Compares two buffers: integers bit for bit, floats within a tolerance that allows for FMA
/// contraction and reassociated reductions.
std::string compareBuffers(const std::vector<uint8_t> &actual, const std::vector<uint8_t> &expected,
                           const DType &dtype) {
  bool isFloat = dtype.code == DType::Code::Float || dtype.code == DType::Code::BFloat;
  if (!isFloat) {
    for (size_t i = 0; i < actual.size(); ++i)
      if (actual[i] != expected[i])
        return fmt::format("byte {} (element {}) differs: {} vs reference {}", i, i / elementBytes(dtype),
                           int(actual[i]), int(expected[i]));
    return "";
  }
  double tolerance = dtype.bits == 64 ? 1e-9 : dtype.bits == 32 ? 1e-4 : 2e-2;
  for (size_t i = 0; i < actual.size() / elementBytes(dtype); ++i) {
    double a = elementAt(actual, dtype, i), e = elementAt(expected, dtype, i);
    if (std::isnan(a) && std::isnan(e)) continue;
    if (a == e) continue;
    if (std::fabs(a - e) > tolerance * std::max(1.0, std::fabs(e)))
      return fmt::format("element {} is {} vs reference {}", i, a, e);
  }
  return "";
}

struct KernelCase {
  std::string file;
  int optLevel;
};

class Kernel : public testing::TestWithParam<KernelCase> {};

TEST_P(Kernel, MatchesReferenceInterpreter) {
  const KernelCase &kernel = GetParam();
  fs::path path = fs::path(TVMSCRIPT_SOURCE_DIR) / "tests/codegen" / (kernel.file + ".py");
  std::string text = readFile(path);
  Document document(text);
  std::shared_ptr<const ScriptModel> model = document.buildModel();
  for (const Diagnostic &d : analyze(*model)) ASSERT_NE(d.severity, Severity::Error) << d.message;

  for (const auto &configuration : runConfigurations(text)) {
    std::string sizes;
    for (const auto &[name, value] : configuration) sizes += " " + name + "=" + value;
    std::string label = fmt::format("{} -O{}{}", kernel.file, kernel.optLevel, sizes);
    CodegenOptions options;
    options.optLevel = kernel.optLevel;
    options.runnerEntryPoints = true;
    CompileResult compiled = compileModel(*model, {}, options);
    ASSERT_FALSE(compiled.error) << label << ": " << *compiled.error;
    for (const Diagnostic &d : compiled.diagnostics) ADD_FAILURE() << label << ": " << d.message;
    ASSERT_TRUE(compiled.module) << label;
    std::vector<FunctionAbi> functions = compiled.module->functions();
    auto loaded = JitModule::load(std::move(*compiled.module));
    ASSERT_EQ(loaded.index(), 0u) << label << ": " << std::get<1>(loaded);
    JitModule &jit = *std::get<0>(loaded);

    for (const FunctionAbi &abi : functions) {
      if (!abi.isPublic || abi.isRelax) continue;
      SCOPED_TRACE(label + ", function " + abi.symbol);
      auto call = reinterpret_cast<int32_t (*)(void **)>(jit.lookup("__tvmscript_call_" + abi.symbol));
      auto shapes = reinterpret_cast<void (*)(const int64_t *, int64_t *)>(jit.lookup("__tvmscript_shapes_" + abi.symbol));
      ASSERT_TRUE(call && shapes);

      // Scalars and shape variables: from the configuration, else 3 (ints) or 0.5 (floats).
      size_t n = abi.params.size();
      std::vector<int64_t> ints(n, 0);
      std::vector<double> floats(n, 0);
      for (size_t i = 0; i < n; ++i) {
        const AbiParam &param = abi.params[i];
        if (param.kind != AbiParam::Kind::Scalar && param.kind != AbiParam::Kind::ShapeVar) continue;
        auto it = configuration.find(param.name);
        bool isFloat = param.dtype.isFloat();
        if (isFloat) floats[i] = it != configuration.end() ? std::stod(it->second) : 0.5;
        else ints[i] = it != configuration.end() ? std::stoll(it->second) : 3;
      }
      size_t slots = 0;
      for (const AbiParam &param : abi.params)
        if (param.kind == AbiParam::Kind::Buffer) slots += param.buffer->shape->size() + 1;
      std::vector<int64_t> extents(slots + 1);
      shapes(ints.data(), extents.data());

      std::mt19937_64 random(0x5eed);
      std::vector<std::vector<uint8_t>> compiledData(n), referenceData(n);
      size_t cursor = 0;
      for (size_t i = 0; i < n; ++i) {
        const AbiParam &param = abi.params[i];
        ASSERT_NE(param.kind, AbiParam::Kind::Pointer) << "raw pointer parameters cannot be run";
        if (param.kind != AbiParam::Kind::Buffer) continue;
        cursor += param.buffer->shape->size();
        int64_t span = extents[cursor++];
        ASSERT_GE(span, 0);
        compiledData[i].resize(size_t(span) * elementBytes(param.dtype));
        fillRandom(compiledData[i], param.dtype, random);
        referenceData[i] = compiledData[i];
      }
      std::vector<void *> args(n);
      std::vector<reference::Argument> referenceArgs(n);
      for (size_t i = 0; i < n; ++i) {
        if (abi.params[i].kind == AbiParam::Kind::Buffer) {
          // An empty buffer still gets a distinct, valid address.
          compiledData[i].reserve(1);
          referenceData[i].reserve(1);
          args[i] = compiledData[i].data();
          referenceArgs[i].data = referenceData[i].data();
        } else {
          args[i] = abi.params[i].dtype.isFloat() ? static_cast<void *>(&floats[i]) : static_cast<void *>(&ints[i]);
          referenceArgs[i].intValue = ints[i];
          referenceArgs[i].floatValue = floats[i];
        }
      }
      int32_t expected = reference::run(*model, *abi.function, referenceArgs);
      int32_t actual = call(args.data());
      ASSERT_EQ(actual != 0, expected != 0) << "return code " << actual << " vs reference " << expected;
      if (expected != 0) continue;
      for (size_t i = 0; i < n; ++i) {
        if (abi.params[i].kind != AbiParam::Kind::Buffer) continue;
        std::string difference = compareBuffers(compiledData[i], referenceData[i], abi.params[i].dtype);
        EXPECT_EQ(difference, "") << "buffer " << abi.params[i].name;
      }
    }
  }
}

std::vector<KernelCase> kernelCases() {
  std::vector<KernelCase> cases;
  for (const std::string &file : kernelFiles())
    for (int level : {0, 3}) cases.push_back({file, level});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Codegen, Kernel, testing::ValuesIn(kernelCases()),
                         [](const testing::TestParamInfo<KernelCase> &info) {
                           return info.param.file + "_O" + std::to_string(info.param.optLevel);
                         });

} // namespace
} // namespace tvmscript

namespace tvmscript {
namespace {

/// Vector code (slices, T.Ramp, T.Broadcast, vector compares and selects) against the same
/// computation written with scalars, in one module, on the same data.
TEST(CodegenVectors, MatchScalarTwins) {
  const char *text = R"(from tvm.script import ir as I
from tvm.script import tir as T

@I.ir_module
class Vectors:
    @T.prim_func
    def vector(A: T.Buffer((8, 8), "float32"), Q: T.Buffer((16,), "int8"), B: T.Buffer((8, 8), "float32"), C: T.Buffer((8,), "int32")):
        for i in range(8):
            x: T.float32x4 = A[i, 0:4] * T.Broadcast(T.float32(3), 4)
            B[i, 0:4] = T.Select(x > T.float32(0), x, A[i, 4:8])
            B[i, 4:8] = A[T.Ramp(0, 1, 4), i]
        C[0:8] = T.Cast("int32x8", Q[T.Ramp(0, 2, 8)]) + 1

    @T.prim_func
    def scalar(A: T.Buffer((8, 8), "float32"), Q: T.Buffer((16,), "int8"), B: T.Buffer((8, 8), "float32"), C: T.Buffer((8,), "int32")):
        for i, l in T.grid(8, 4):
            x: T.float32 = A[i, l] * T.float32(3)
            B[i, l] = T.Select(x > T.float32(0), x, A[i, l + 4])
            B[i, l + 4] = A[l, i]
        for l in range(8):
            C[l] = T.Cast("int32", Q[l * 2]) + 1
)";
  Document document(text);
  auto model = document.buildModel();
  for (const Diagnostic &d : analyze(*model)) ASSERT_NE(d.severity, Severity::Error) << d.message;
  CompileResult compiled = compileModel(*model, {}, CodegenOptions{});
  ASSERT_TRUE(compiled.module) << (compiled.diagnostics.empty() ? compiled.error.value_or("") : compiled.diagnostics[0].message);
  auto loaded = JitModule::load(std::move(*compiled.module));
  ASSERT_EQ(loaded.index(), 0u);
  using Kernel = int32_t (*)(float *, int8_t *, float *, int32_t *);
  auto vector = reinterpret_cast<Kernel>(std::get<0>(loaded)->lookup("vector"));
  auto scalar = reinterpret_cast<Kernel>(std::get<0>(loaded)->lookup("scalar"));
  ASSERT_TRUE(vector && scalar);
  std::mt19937 random(7);
  std::uniform_real_distribution<float> real(-1, 1);
  float a[64], b1[64] = {}, b2[64] = {};
  int8_t q[16];
  int32_t c1[8] = {}, c2[8] = {};
  for (float &x : a) x = real(random);
  for (int8_t &x : q) x = int8_t(random() % 256 - 128);
  ASSERT_EQ(vector(a, q, b1, c1), 0);
  ASSERT_EQ(scalar(a, q, b2, c2), 0);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(b1[i], b2[i]) << "B element " << i;
  for (int i = 0; i < 8; ++i) EXPECT_EQ(c1[i], c2[i]) << "C element " << i;
}

} // namespace
} // namespace tvmscript
