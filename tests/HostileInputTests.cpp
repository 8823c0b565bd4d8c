// Input built to break a checker: each must end, quickly, with diagnostics or none, valid JSON,
// and exit code 0 or 1 (never a crash, a hang or exit 2).
#include "RunCommand.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <sys/wait.h>

namespace {
namespace fs = std::filesystem;

const std::string kHeader = "from tvm.script import ir as I\nfrom tvm.script import tir as T\n\n";

std::string repeat(const std::string &text, int count) {
  std::string result;
  for (int i = 0; i < count; ++i) result += text;
  return result;
}

struct Case {
  const char *name;
  std::string source;
};

std::vector<Case> cases() {
  return {
      {"deep_sum", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = 1" + repeat(" + 1", 30000) + "\n"},
      {"deep_parens", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = " + repeat("(", 20000) + "1" +
                          repeat(")", 20000) + "\n"},
      {"deep_negation", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = " + repeat("-", 30000) + "1\n"},
      {"deep_blocks", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n" + [] {
         std::string body;
         for (int i = 0; i < 2000; ++i) body += std::string(4 * (i + 1), ' ') + "if A[0] > 0:\n";
         return body + std::string(4 * 2001, ' ') + "A[0] = 1\n";
       }()},
      {"huge_integers", kHeader + "@I.ir_module\nclass Mod:\n    @T.prim_func\n    def f(A: T.Buffer((8,), \"float32\")):\n"
                                  "        T.evaluate(0)\n\n    @T.prim_func\n    def main(A: T.Buffer((8,), \"float32\")):\n"
                                  "        T.call_tir(Mod.f, A[0:9223372036854775808 // -1])\n"
                                  "        T.call_tir(Mod.f, A[0:99999999999999999999999 * 99999999999])\n"},
      {"exponential_lets", kHeader + "@I.ir_module\nclass Mod:\n    @T.prim_func\n    def f(A: T.Buffer((8,), \"float32\")):\n"
                                     "        T.evaluate(0)\n\n    @T.prim_func\n    def main(A: T.Buffer((8,), \"float32\")):\n"
                                     "        a0 = 1\n" + [] {
                                       std::string lets;
                                       for (int k = 1; k <= 24; ++k)
                                         lets += "        a" + std::to_string(k) + " = " + repeat("a" + std::to_string(k - 1) + " + ", 3) +
                                                 "a" + std::to_string(k - 1) + "\n";
                                       return lets;
                                     }() + "        T.call_tir(Mod.f, A[0:a24])\n"},
      {"polynomial_blowup", kHeader + "@I.ir_module\nclass Mod:\n    @T.prim_func\n    def f(A: T.Buffer((8,), \"float32\")):\n"
                                      "        T.evaluate(0)\n\n    @T.prim_func\n    def main(A: T.Buffer((8,), \"float32\")" + [] {
                                        std::string params, product = "1";
                                        for (int i = 0; i < 30; ++i) {
                                          params += ", v" + std::to_string(i) + ": T.int32";
                                          product += " * (v" + std::to_string(i) + " + 1)";
                                        }
                                        return params + "):\n        T.call_tir(Mod.f, A[0:" + product + "])\n";
                                      }()},
      {"strides_past_rank", kHeader + "@I.ir_module\nclass Mod:\n    @T.prim_func\n"
                                      "    def f(B: T.Buffer((2, 2, 2), \"float32\", strides=(4, 2, 1))):\n        T.evaluate(0)\n\n"
                                      "    @T.prim_func\n    def main(A: T.Buffer((8,), \"float32\")):\n"
                                      "        T.call_tir(Mod.f, A[0:2, 0:2, 0:2])\n"},
      {"split_utf8_in_message", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    x = 1 + 2 + 3 + 4 + 5 + 6 + 7 ++ \xe2\x82\xac\xe2\x82\xac\n"},
      {"invalid_utf8", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = \xff\xfe B\n"},
      {"many_unmatched", kHeader + repeat("x = 1)\n", 20000)},
      // Tree-sitter's recovery from each unmatched bracket costs time in the lines before it:
      // 40,000 lines take 6 s, these would take minutes without the parse time limit.
      {"slow_recovery", kHeader + repeat("x = 1)\n", 200000)},
      {"nul_bytes", std::string(10000, '\0')},
      {"deep_indentation", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n" + [] {
         std::string body;
         for (int i = 1; i <= 130; ++i) body += std::string(4 * i, ' ') + "if A[0] > 0:\n";
         return body + std::string(4 * 131, ' ') + "A[0] = 1\n";
       }()},
      {"let_power_chain", kHeader + "@I.ir_module\nclass Mod:\n    @T.prim_func\n    def f(A: T.Buffer((8,), \"float32\")):\n"
                                    "        T.evaluate(0)\n\n    @T.prim_func\n    def main(A: T.Buffer((8,), \"float32\"), n: T.int32):\n"
                                    "        a0 = n + 1\n" + [] {
                                      std::string lets;
                                      for (int k = 1; k <= 14; ++k)
                                        lets += "        a" + std::to_string(k) + " = " + repeat("a" + std::to_string(k - 1) + " * ", 2) +
                                                "a" + std::to_string(k - 1) + "\n";
                                      return lets;
                                    }() + "        T.call_tir(Mod.f, A[0:a14])\n"},
      {"five_megabytes", kHeader + [] {
         // Distinct functions, so that the file is valid and every one of them is checked.
         std::string functions;
         for (int i = 0; functions.size() < (5u << 20); ++i)
           functions += "@T.prim_func\ndef f" + std::to_string(i) + "(A: T.Buffer((16,), \"float32\")):\n"
                        "    for i in range(16):\n        A[i] = A[i] + T.float32(1)\n\n";
         return functions;
       }()},
      {"half_binary", kHeader + [] {
         std::string script = "@T.prim_func\ndef f(A: T.Buffer((16,), \"float32\")):\n    A[0] = T.float32(1)\n\n";
         std::string text = repeat(script, (1 << 20) / static_cast<int>(script.size()));
         std::mt19937 random(7);
         while (text.size() < (2u << 20)) text += static_cast<char>(random());
         return text;
       }()},
      {"binary", [] {
         std::string text;
         std::mt19937 random(11);
         while (text.size() < (5u << 20)) text += static_cast<char>(random());
         return text;
       }()},
      {"nul_megabyte", std::string(1 << 20, '\0')},
      {"deep_calls", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = " + repeat("T.max(", 10000) + "1" +
                         repeat(", 1)", 10000) + "\n"},
      {"deep_subscripts", kHeader + "@T.prim_func\ndef f(A: T.Buffer((4,), \"int32\")):\n    A[0] = " + repeat("A[", 10000) + "0" +
                              repeat("]", 10000) + "\n"},
      {"deep_shape_string", "from tvm.script import relax as R\n\n@R.function\ndef f(x: R.Tensor((\"" + repeat("(", 5000) + "n" +
                                repeat(")", 5000) + "\",), \"float32\")):\n    return x\n"},
  };
}

class Hostile : public testing::TestWithParam<Case> {};

TEST_P(Hostile, EndsQuicklyWithValidOutput) {
  fs::path file = fs::temp_directory_path() / (std::string("tvmscript-hostile-") + GetParam().name + ".py");
  std::ofstream(file, std::ios::binary) << GetParam().source;
  // `timeout` turns a hang into exit code 124. The bound leaves room for the 5 s parse limit, a
  // sanitizer build, and a machine busy with other tests.
  auto start = std::chrono::steady_clock::now();
  std::string command = "timeout 60 " + std::string(TVMSCRIPT_BINARY) + " check --format json '" + file.string() + "' 2>/dev/null";
  tvmscript::CommandResult result = tvmscript::runCommand(command);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::remove(file);
  EXPECT_TRUE(result.exitCode == 0 || result.exitCode == 1) << "exit code " << result.exitCode << " (-1: a signal)";
  nlohmann::json output = nlohmann::json::parse(result.out, nullptr, false);
  ASSERT_FALSE(output.is_discarded()) << result.out.substr(0, 300);
  EXPECT_LT(seconds, 30);
  size_t diagnostics = output["files"].empty() ? 0 : output["files"][0]["diagnostics"].size();
  std::string first = diagnostics ? output["files"][0]["diagnostics"][0]["code"].get<std::string>() : "none";
  std::printf("%s: %zu bytes, %.2f s, %zu diagnostics (first: %s)\n", GetParam().name, GetParam().source.size(), seconds,
              diagnostics, first.c_str());
}

INSTANTIATE_TEST_SUITE_P(Inputs, Hostile, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case> &info) { return std::string(info.param.name); });

} // namespace
