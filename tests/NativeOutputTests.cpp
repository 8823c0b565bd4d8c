// End-to-end tests of `tvmscript compile` and `tvmscript run`: shared libraries loaded with
// dlopen, from a C program built against the emitted header and from Python ctypes with numpy;
// executables and the JIT on .npy files; refusals (errors in the file, unsupported constructs).
#include "RunCommand.h"
#include "ServerProcess.h"

#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <unistd.h>
#include <sys/stat.h>

namespace {
namespace fs = std::filesystem;
using tvmscript::runCommand;

const std::string kBinary = TVMSCRIPT_BINARY;
const fs::path kAcceptance = fs::path(TVMSCRIPT_SOURCE_DIR) / "examples/add_one.py";

/// A fresh directory for one test, removed afterwards.
class NativeOutput : public testing::Test {
protected:
  void SetUp() override {
    Dir = fs::temp_directory_path() /
          ("tvmscript-native-" + std::to_string(getpid()) + "-" +
           testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(Dir);
    fs::create_directories(Dir);
  }
  void TearDown() override { fs::remove_all(Dir); }
  fs::path write(const std::string &name, const std::string &text) {
    std::ofstream(Dir / name, std::ios::binary) << text;
    return Dir / name;
  }
  /// Runs `command` in the test's directory, stderr folded into the output.
  tvmscript::CommandResult run(const std::string &command) {
    return runCommand("cd '" + Dir.string() + "' && " + command + " 2>&1");
  }
  fs::path Dir;
};

const char *kScale = R"(from tvm.script import tir as T

@T.prim_func
def scale(a: T.handle, b: T.handle, factor: T.float32):
    n = T.int64()
    A = T.match_buffer(a, (n,), "float32")
    B = T.match_buffer(b, (n,), "float32")
    for i in range(n):
        B[i] = A[i] * factor
)";

TEST_F(NativeOutput, AcceptanceExampleAsSharedLibraryIncrementsA0) {
  auto result = run(kBinary + " compile '" + kAcceptance.string() + "' --emit shared -o add_one.so");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  void *library = dlopen((Dir / "add_one.so").c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_TRUE(library) << dlerror();
  auto main = reinterpret_cast<int32_t (*)(int8_t *)>(dlsym(library, "main"));
  ASSERT_TRUE(main);
  int8_t a[8] = {5, 1, 2, 3, 4, 5, 6, 127};
  EXPECT_EQ(main(a), 0);
  EXPECT_EQ(a[0], 6);
  EXPECT_EQ(a[1], 1);
  EXPECT_EQ(a[7], 127);
  // The private callee is not exported.
  EXPECT_EQ(dlsym(library, "add_one"), nullptr);
  dlclose(library);
}

TEST_F(NativeOutput, AcceptanceExampleAsExecutableIncrementsA0) {
  auto result = run(kBinary + " compile '" + kAcceptance.string() + "' --emit exe -o add_one");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  result = run("/usr/bin/python3 -c \"import numpy as np; np.save('a.npy', np.array([41, -3, 0, 1, 2, 3, 4, 5], dtype=np.int8))\"");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  result = run("./add_one --func main --input A=a.npy --output A=out.npy --repeat 3");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  EXPECT_NE(result.out.find("ms per call"), std::string::npos) << result.out;
  result = run("/usr/bin/python3 -c \"import numpy as np; print(np.load('out.npy').tolist())\"");
  EXPECT_EQ(result.out, "[42, -3, 0, 1, 2, 3, 4, 5]\n");
}

TEST_F(NativeOutput, RunJitCompilesAndWritesOutputs) {
  write("scale.py", kScale);
  auto result = run("/usr/bin/python3 -c \"import numpy as np; np.save('a.npy', np.arange(7, dtype=np.float32))\"");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  result = run(kBinary + " run scale.py --input A=a.npy --set factor=2.5 --output B=b.npy");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  result = run("/usr/bin/python3 -c \"import numpy as np; print(np.load('b.npy').tolist())\"");
  EXPECT_EQ(result.out, "[0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0]\n");
  // n comes from A's shape; without A it must be given.
  result = run(kBinary + " run scale.py --set factor=1");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.out.find("needs a value for 'n'"), std::string::npos) << result.out;
  result = run(kBinary + " run scale.py --set factor=1 --set n=1000 --quiet");
  EXPECT_EQ(result.exitCode, 0) << result.out;
}

TEST_F(NativeOutput, CProgramCallsSharedLibraryThroughHeader) {
  write("scale.py", kScale);
  ASSERT_EQ(run(kBinary + " compile scale.py --emit shared -o libscale.so").exitCode, 0);
  auto header = run(kBinary + " compile scale.py --emit header -o scale.h");
  ASSERT_EQ(header.exitCode, 0) << header.out;
  std::ifstream in(Dir / "scale.h");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("int32_t scale(float *__restrict A, float *__restrict B, float factor, int64_t n);"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("A: float32, shape (n,), row-major"), std::string::npos) << text;
  write("main.c", R"(#include "scale.h"
#include <stdio.h>
int main(void) {
  float a[5] = {1, 2, 3, 4, 5}, b[5] = {0};
  if (scale(a, b, 3.0f, 5) != 0) return 1;
  for (int i = 0; i < 5; ++i) printf("%g ", b[i]);
  return 0;
}
)");
  auto built = run("cc -std=c11 -o main main.c -L. -lscale -Wl,-rpath,'$ORIGIN'");
  ASSERT_EQ(built.exitCode, 0) << built.out;
  EXPECT_EQ(run("./main").out, "3 6 9 12 15 ");
}

TEST_F(NativeOutput, PythonCtypesCallsSharedLibraryWithNumpyArrays) {
  write("scale.py", kScale);
  ASSERT_EQ(run(kBinary + " compile scale.py --emit shared -o libscale.so").exitCode, 0);
  write("call.py", R"(import ctypes
import numpy as np
lib = ctypes.CDLL("./libscale.so")
lib.scale.restype = ctypes.c_int32
lib.scale.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_float, ctypes.c_int64]
a = np.linspace(-1, 1, 9, dtype=np.float32)
b = np.zeros_like(a)
assert lib.scale(a.ctypes.data, b.ctypes.data, 0.5, a.size) == 0
assert np.array_equal(b, a * np.float32(0.5)), b
print("ok")
)");
  auto result = run("/usr/bin/python3 call.py");
  EXPECT_EQ(result.exitCode, 0) << result.out;
  EXPECT_EQ(result.out, "ok\n");
}

TEST_F(NativeOutput, FailingAssertReturnsNonZeroWithItsMessage) {
  write("checked.py", R"(from tvm.script import tir as T

@T.prim_func
def checked(a: T.handle):
    n = T.int64()
    A = T.match_buffer(a, (n,), "int32")
    assert n <= T.int64(4), "n must be at most 4"
    for i in range(n):
        A[i] = 1
)");
  auto result = run(kBinary + " run checked.py --set n=9 --quiet");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.out.find("'checked' returned -1: n must be at most 4"), std::string::npos) << result.out;
  EXPECT_EQ(run(kBinary + " run checked.py --set n=3 --quiet").exitCode, 0);
}

TEST_F(NativeOutput, FileWithErrorsWritesNothing) {
  auto result = run(kBinary + " compile '" + (fs::path(TVMSCRIPT_SOURCE_DIR) / "examples/mistakes.py").string() +
                    "' --emit obj -o out.o");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.out.find("error:"), std::string::npos);
  EXPECT_FALSE(fs::exists(Dir / "out.o"));
}

TEST_F(NativeOutput, UnsupportedConstructIsADiagnosticNamingIt) {
  write("gpu.py", R"(from tvm.script import tir as T

@T.prim_func
def gpu(A: T.Buffer((64,), "float32")):
    for i in T.thread_binding(64, thread="threadIdx.x"):
        A[i] = T.float32(0)
)");
  auto result = run(kBinary + " compile gpu.py --emit obj -o gpu.o");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.out.find("gpu.py:5:14: error: cannot compile a GPU thread binding (T.thread_binding) to native "
                            "code [unsupported-construct]"),
            std::string::npos)
      << result.out;
  EXPECT_FALSE(fs::exists(Dir / "gpu.o"));
  // check does not report it: it is a limit of the compiler, not a mistake in the file.
  EXPECT_EQ(run(kBinary + " check gpu.py").exitCode, 0);
}

TEST_F(NativeOutput, TextOutputsGoToStandardOutput) {
  write("scale.py", kScale);
  auto ir = run(kBinary + " compile scale.py --emit llvm -o - -O0");
  EXPECT_EQ(ir.exitCode, 0);
  EXPECT_NE(ir.out.find("define i32 @scale(ptr noalias %A, ptr noalias %B, float %factor, i64 %n)"), std::string::npos)
      << ir.out;
  auto assembly = run(kBinary + " compile scale.py --emit asm -o - --cpu generic");
  EXPECT_NE(assembly.out.find("scale:"), std::string::npos);
  EXPECT_EQ(run(kBinary + " compile scale.py --emit obj -o -").exitCode, 2);
  EXPECT_EQ(run(kBinary + " compile scale.py --emit llvm --cpu no-such-cpu -o -").exitCode, 2);
}

} // namespace

namespace {

TEST_F(NativeOutput, ServerCompilesIntoTheWorkspaceAndNowhereElse) {
  fs::create_directories(Dir / "ws");
  fs::create_directories(Dir / "outside");
  fs::create_directory_symlink(Dir / "outside", Dir / "ws" / "link");
  std::ofstream(Dir / "ws" / "k.py") << kScale;
  std::string root = "file://" + (Dir / "ws").string();
  std::string uri = root + "/k.py";
  auto message = [](const std::string &json) { return json + "\n---\n"; };
  std::string input =
      message(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":")" + root + R"("}})") +
      message(R"({"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"tvmscript.compile","workDoneToken":"p","arguments":[{"uri":")" +
              uri + R"(","emit":"shared"}]}})") +
      message(R"({"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"tvmscript":{"compile":{"outputDirectory":"link"}}}}})") +
      message(R"({"jsonrpc":"2.0","id":3,"method":"workspace/executeCommand","params":{"command":"tvmscript.compile","arguments":[{"uri":")" +
              uri + R"(","emit":"obj"}]}})") +
      message(R"({"jsonrpc":"2.0","id":4,"method":"shutdown"})") + R"({"jsonrpc":"2.0","method":"exit"})";
  write("session.txt", input);
  auto result = run(kBinary + " serve --input-style=delimited --log=error < session.txt");
  EXPECT_EQ(result.exitCode, 0) << result.out;
  fs::path library = Dir / "ws" / "build" / "tvmscript" / "k.so";
  EXPECT_TRUE(fs::exists(library)) << result.out;
  EXPECT_NE(result.out.find(R"("files":[")" + root + R"(/build/tvmscript/k.so"])"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(R"("kind":"begin")"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(R"("kind":"end")"), std::string::npos) << result.out;
  // Through the symbolic link the directory is outside the workspace: refused, nothing written.
  EXPECT_NE(result.out.find("is outside the workspace"), std::string::npos) << result.out;
  EXPECT_TRUE(fs::is_empty(Dir / "outside"));
  void *handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_TRUE(handle) << dlerror();
  EXPECT_TRUE(dlsym(handle, "scale"));
  dlclose(handle);
}

} // namespace

namespace {

TEST_F(NativeOutput, RelaxFunctionRunsFromNpyFilesAndAsExecutable) {
  write("graph.py", R"(from tvm.script import ir as I
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

    @R.function
    def main(x: R.Tensor(("n",), "float32")) -> R.Tensor(("n",), "float32"):
        n = T.int64()
        cls = Graph
        with R.dataflow():
            y = R.call_tir(cls.add_one, (x,), out_sinfo=R.Tensor((n,), "float32"))
            z = R.call_tir(cls.add_one, (y,), out_sinfo=R.Tensor((n,), "float32"))
            R.output(z)
        return z
)");
  auto result = run("/usr/bin/python3 -c \"import numpy as np; np.save('x.npy', np.arange(5, dtype=np.float32))\"");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  // n is bound from x's shape.
  result = run(kBinary + " run graph.py --input x=x.npy --output out=out.npy");
  ASSERT_EQ(result.exitCode, 0) << result.out;
  EXPECT_EQ(run("/usr/bin/python3 -c \"import numpy as np; print(np.load('out.npy').tolist())\"").out,
            "[2.0, 3.0, 4.0, 5.0, 6.0]\n");
  ASSERT_EQ(run(kBinary + " compile graph.py --emit exe -o graph").exitCode, 0);
  result = run("./graph --func main --set n=1000 --quiet --repeat 5");
  EXPECT_EQ(result.exitCode, 0) << result.out;
  EXPECT_NE(result.out.find("main: "), std::string::npos) << result.out;
}

TEST_F(NativeOutput, ServerWritesNoOutputThroughASymbolicLinkOrIntoAFifo) {
  // The output directory is inside the workspace, but the output file itself is a symbolic link
  // to a file outside it, or a FIFO (writing would block the server): refused, nothing written.
  fs::create_directories(Dir / "ws" / "out");
  std::ofstream(Dir / "precious.txt") << "keep me";
  fs::create_symlink(Dir / "precious.txt", Dir / "ws" / "out" / "k.o");
  fs::create_symlink(Dir / "precious.txt", Dir / "ws" / "out" / "k.ll");
  ASSERT_EQ(mkfifo((Dir / "ws" / "out" / "k.h").c_str(), 0600), 0);
  std::ofstream(Dir / "ws" / "k.py") << kScale;
  std::string root = "file://" + (Dir / "ws").string();
  auto compile = [&](int id, const char *emit) {
    return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
           R"(,"method":"workspace/executeCommand","params":{"command":"tvmscript.compile","arguments":[{"uri":")" +
           root + R"(/k.py","emit":")" + emit + "\"}]}}\n---\n";
  };
  std::string input =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":")" + root +
      R"(","initializationOptions":{"compile":{"outputDirectory":"out"}}}})" "\n---\n" +
      compile(2, "obj") + compile(3, "llvm") + compile(4, "header") +
      R"({"jsonrpc":"2.0","id":5,"method":"shutdown"})" "\n---\n" R"({"jsonrpc":"2.0","method":"exit"})";
  write("session.txt", input);
  auto result = run("timeout 20 " + kBinary + " serve --input-style=delimited --log=error < session.txt");
  EXPECT_EQ(result.exitCode, 0) << result.out;
  std::ifstream in(Dir / "precious.txt");
  std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "keep me");
  EXPECT_TRUE(fs::is_symlink(Dir / "ws" / "out" / "k.o"));
  EXPECT_NE(result.out.find("out/k.o' is a symbolic link"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("out/k.h' is not a regular file"), std::string::npos) << result.out;
}

} // namespace

namespace {

TEST_F(NativeOutput, ServerCancelsACompileInFlightAndWritesNothing) {
  // A module that takes a while to optimise: the cancellation arrives while it compiles (the
  // server checks for it between compiling and writing).
  std::string source = "from tvm.script import tir as T\n";
  for (int i = 0; i < 40; ++i)
    source += "\n@T.prim_func\ndef f" + std::to_string(i) +
              "(A: T.Buffer((64, 64), \"float32\"), B: T.Buffer((64, 64), \"float32\")):\n"
              "    for i, j, k in T.grid(64, 64, 64):\n        B[i, j] = B[i, j] + A[i, k] * A[k, j]\n";
  fs::create_directories(Dir / "ws");
  write("ws/many.py", source);
  std::string root = "file://" + (Dir / "ws").string();
  using nlohmann::json;
  tvmscript::ServerProcess server;
  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"rootUri", root}}}});
  server.until([](const json &m) { return m.value("id", 0) == 1; });
  server.send({{"jsonrpc", "2.0"},
               {"id", 2},
               {"method", "workspace/executeCommand"},
               {"params", {{"command", "tvmscript.compile"},
                           {"workDoneToken", "compiling"},
                           {"arguments", {{{"uri", root + "/many.py"}, {"emit", "shared"}}}}}}});
  server.until([](const json &m) { return m.value("method", "") == "$/progress" && m["params"]["value"]["kind"] == "begin"; });
  server.send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 2}}}});
  json answer = server.until([](const json &m) { return m.value("id", 0) == 2; });
  ASSERT_TRUE(answer.contains("error")) << answer.dump();
  EXPECT_EQ(answer["error"]["code"], -32800) << answer.dump();
  // The server goes on serving, and wrote nothing.
  server.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "tvmscript/serverInfo"}});
  EXPECT_TRUE(server.until([](const json &m) { return m.value("id", 0) == 3; }).contains("result"));
  server.send({{"jsonrpc", "2.0"}, {"id", 4}, {"method", "shutdown"}});
  server.until([](const json &m) { return m.value("id", 0) == 4; });
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  EXPECT_EQ(server.wait(), 0);
  EXPECT_FALSE(fs::exists(Dir / "ws" / "build" / "tvmscript" / "many.so"));
}

} // namespace

namespace {

TEST_F(NativeOutput, OutputNamesReachTheLinkerAsTheyAreNeverThroughAShell) {
  // The linker and `cc` get argument vectors: quotes, `$(...)`, `;` and spaces in a name are
  // the name's own characters.
  write("scale.py", kScale);
  const std::string name = "out $(touch pwned); 'q\" `touch pwned2` -shared";
  for (const char *emit : {"exe", "shared"}) {
    fs::path output = Dir / (name + "." + emit);
    auto result = runCommand(kBinary + " compile '" + (Dir / "scale.py").string() + "' --emit " + emit + " -o \"" +
                             std::regex_replace(output.string(), std::regex(R"(["$`\\])"), R"(\$&)") + "\" 2>&1");
    EXPECT_EQ(result.exitCode, 0) << result.out;
    EXPECT_TRUE(fs::is_regular_file(output)) << emit;
  }
  EXPECT_FALSE(fs::exists(Dir / "pwned"));
  EXPECT_FALSE(fs::exists(Dir / "pwned2"));
}

TEST_F(NativeOutput, NothingRunsTheUsersCode) {
  // Python around the TVMScript that would leave a file behind if anything ran it: checking,
  // compiling (the executable is built, not started) and the server's compile and view.
  std::string source = std::string("import os\nos.system('touch ran-system')\nopen('ran-open', 'w').close()\n") + kScale +
                       "\nif __name__ == '__main__':\n    open('ran-main', 'w').close()\n";
  write("k.py", source);
  EXPECT_EQ(run(kBinary + " check k.py").exitCode, 0);
  EXPECT_EQ(run(kBinary + " compile k.py --emit exe -o k").exitCode, 0);
  std::string uri = "file://" + (Dir / "k.py").string();
  auto message = [](const std::string &json) { return json + "\n---\n"; };
  write("session.txt",
        message(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file://)" + Dir.string() + "\"}}") +
            message(R"({"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"tvmscript.compile","arguments":[{"uri":")" +
                    uri + R"(","emit":"exe"}]}})") +
            message(R"({"jsonrpc":"2.0","id":3,"method":"tvmscript/viewOutput","params":{"uri":")" + uri + R"(","kind":"asm"}})") +
            message(R"({"jsonrpc":"2.0","id":4,"method":"shutdown"})") + R"({"jsonrpc":"2.0","method":"exit"})");
  auto served = run(kBinary + " serve --input-style=delimited --log=error < session.txt");
  EXPECT_EQ(served.exitCode, 0) << served.out;
  EXPECT_TRUE(fs::exists(Dir / "build" / "tvmscript" / "k")) << served.out;
  for (const char *marker : {"ran-system", "ran-open", "ran-main"}) EXPECT_FALSE(fs::exists(Dir / marker)) << marker;
}

TEST(NoShell, TheProductStartsProgramsOnlyThroughArgumentVectors) {
  // Two places start programs, both with argument vectors: codegen/Linker.cpp (a linker, with
  // llvm::sys::ExecuteAndWait) and server/CompileJob.cpp (`tvmscript compile-worker`, with
  // posix_spawn and no user text in its argv). Nothing may go through a shell or build a command
  // line.
  std::regex shell(R"(\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?|ExecuteNoWait)\s*\()");
  for (const char *folder : {"parser", "analysis", "codegen", "server", "driver"})
    for (const auto &entry : fs::recursive_directory_iterator(fs::path(TVMSCRIPT_SOURCE_DIR) / folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path());
      bool spawnsWorkers = entry.path().filename() == "CompileJob.cpp";
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        std::smatch call;
        if (std::regex_search(line, call, shell) && !(spawnsWorkers && call[1] == "posix_spawn"))
          ADD_FAILURE() << entry.path().string() << ":" << number << ": " << line;
      }
    }
}

} // namespace
