// Compiles in worker processes: a job whose worker answers, crashes, hangs, starts programs of
// its own or never reads its request; the worker's answers; and the language server serving on
// while a compile runs, after a compiler crash, and ending the compiles it leaves behind.
#include "CompileJob.h"
#include "CompileWorker.h"
#include "ServerProcess.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>

namespace tvmscript {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char *kKernel = R"(from tvm.script import tir as T

@T.prim_func
def twice(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
    for i in range(8):
        B[i] = A[i] * T.float32(2)
)";

class CompileJobTest : public testing::Test {
protected:
  void SetUp() override {
    Dir = fs::temp_directory_path() /
          ("tvmscript-jobs-" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(Dir);
    fs::create_directories(Dir);
  }
  void TearDown() override { fs::remove_all(Dir); }

  /// An executable shell script standing in for `tvmscript` (it is run as `SCRIPT compile-worker`).
  fs::path script(const std::string &name, const std::string &body) {
    fs::path path = Dir / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path;
  }

  struct Finished {
    CompileOutcome outcome;
    std::vector<std::string> progress;
  };
  /// Runs a job to its end (cancelling it once `cancelWhen` holds, if given).
  Finished runJob(const fs::path &executable, const json &request, std::chrono::seconds limit = 60s,
                  std::function<bool()> cancelWhen = nullptr) {
    std::promise<CompileOutcome> done;
    auto progress = std::make_shared<std::vector<std::string>>();
    auto started = CompileJob::start(
        executable, request.dump(), [progress](std::string message) { progress->push_back(std::move(message)); },
        [&done](CompileOutcome outcome) { done.set_value(std::move(outcome)); }, limit);
    if (auto *error = std::get_if<std::string>(&started)) {
      ADD_FAILURE() << *error;
      return {};
    }
    std::unique_ptr<CompileJob> job = std::move(std::get<0>(started));
    std::future<CompileOutcome> outcome = done.get_future();
    if (cancelWhen) {
      for (auto until = std::chrono::steady_clock::now() + 20s; !cancelWhen() && std::chrono::steady_clock::now() < until;)
        std::this_thread::sleep_for(10ms);
      job->cancel();
    }
    EXPECT_EQ(outcome.wait_for(60s), std::future_status::ready);
    Finished finished{outcome.get(), *progress};
    job.reset();
    return finished;
  }

  static json textRequest(const std::string &source) {
    OutputRequest request;
    request.kind = OutputKind::LLVM;
    return compileWorkerRequest(source, request, std::nullopt);
  }

  fs::path Dir;
};

/// Whether process `pid` is gone (or a zombie nobody reaps, as under some container inits).
bool processEnded(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  size_t close = line.rfind(')');
  return close == std::string::npos || line.substr(close + 2, 1) == "Z";
}

bool waitForEnd(pid_t pid) {
  for (int i = 0; i < 500 && !processEnded(pid); ++i) std::this_thread::sleep_for(10ms);
  return processEnded(pid);
}

pid_t readPid(const fs::path &file) {
  std::ifstream in(file);
  pid_t pid = 0;
  in >> pid;
  return pid;
}

TEST_F(CompileJobTest, TheWorkerAnswersWithTheOutputText) {
  Finished finished = runJob(TVMSCRIPT_BINARY, textRequest(kKernel));
  EXPECT_TRUE(finished.outcome.failure.empty()) << finished.outcome.failure;
  ASSERT_TRUE(finished.outcome.answer.contains("text")) << finished.outcome.answer.dump();
  EXPECT_NE(finished.outcome.answer["text"].get<std::string>().find("define"), std::string::npos);
}

TEST_F(CompileJobTest, TheWorkerAnswersWithTheErrorOfAFileWithErrors) {
  Finished finished = runJob(TVMSCRIPT_BINARY, textRequest(std::string(kKernel) + "    B[i] = C[i]\n"));
  ASSERT_TRUE(finished.outcome.answer.contains("error")) << finished.outcome.answer.dump();
  EXPECT_NE(finished.outcome.answer["error"].get<std::string>().find("line 7"), std::string::npos)
      << finished.outcome.answer.dump();
}

TEST_F(CompileJobTest, AWorkerThatCrashesIsAFailureNotAnAnswer) {
  Finished finished = runJob(script("crash.sh", "kill -SEGV $$"), textRequest(kKernel));
  EXPECT_TRUE(finished.outcome.answer.is_null());
  EXPECT_EQ(finished.outcome.failure, "crashed (Segmentation fault)");
}

TEST_F(CompileJobTest, AWorkerThatExitsWithoutAnswerIsAFailure) {
  Finished finished = runJob(script("quit.sh", "echo '{\"progress\":\"started\"}'; exit 3"), textRequest(kKernel));
  EXPECT_EQ(finished.outcome.failure, "exited with status 3 without an answer");
  EXPECT_EQ(finished.progress, std::vector<std::string>{"started"});
}

TEST_F(CompileJobTest, ProgressLinesComeBeforeTheAnswer) {
  Finished finished =
      runJob(script("chatty.sh", "cat >/dev/null; echo '{\"progress\":\"one\"}'; echo '{\"progress\":\"two\"}'; "
                                 "echo '{\"written\":\"/x.o\"}'"),
             textRequest(kKernel));
  EXPECT_EQ(finished.progress, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(finished.outcome.answer, json({{"written", "/x.o"}}));
}

TEST_F(CompileJobTest, AWorkerThatNeverReadsItsRequestNeitherBlocksNorKillsTheServer) {
  // 8 MB of request to a worker that answers at once and ends: writing the rest fails (no
  // SIGPIPE), and the answer still counts.
  Finished finished = runJob(script("deaf.sh", "echo '{\"text\":\"early\"}'"), textRequest(std::string(8 << 20, '#')));
  EXPECT_EQ(finished.outcome.answer, json({{"text", "early"}}));
}

TEST_F(CompileJobTest, AWorkerThatHangsIsStoppedAtTheTimeLimit) {
  auto start = std::chrono::steady_clock::now();
  Finished finished = runJob(script("hang.sh", "exec sleep 60"), textRequest(kKernel), 1s);
  EXPECT_EQ(finished.outcome.failure, "was stopped after 1 s");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
}

TEST_F(CompileJobTest, CancellingKillsTheWorkerAndWhatItStarted) {
  fs::path pidFile = Dir / "child.pid";
  Finished finished = runJob(script("parent.sh", "sleep 60 & echo $! > '" + pidFile.string() + ".tmp'; mv '" +
                                                     pidFile.string() + ".tmp' '" + pidFile.string() + "'; wait"),
                             textRequest(kKernel), 60s, [&] { return fs::exists(pidFile); });
  EXPECT_TRUE(finished.outcome.cancelled);
  EXPECT_TRUE(finished.outcome.failure.empty());
  pid_t child = readPid(pidFile);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(waitForEnd(child)) << "the worker's own child " << child << " still runs";
}

TEST_F(CompileJobTest, AKilledWorkerLeavesNoTemporaryFiles) {
  fs::path noted = Dir / "tmpdir.txt";
  Finished finished = runJob(script("untidy.sh", "touch \"$TMPDIR/partial.o\"; echo \"$TMPDIR\" > '" +
                                                     noted.string() + ".tmp'; mv '" + noted.string() + ".tmp' '" +
                                                     noted.string() + "'; exec sleep 60"),
                             textRequest(kKernel), 60s, [&] { return fs::exists(noted); });
  EXPECT_TRUE(finished.outcome.cancelled);
  std::ifstream in(noted);
  std::string directory;
  std::getline(in, directory);
  ASSERT_FALSE(directory.empty());
  EXPECT_NE(directory, fs::temp_directory_path().string()) << "the worker had no directory of its own";
  EXPECT_FALSE(fs::exists(directory)) << directory;
}

TEST_F(CompileJobTest, AnAnswerTooLargeToSendEndsTheWorker) {
  Finished finished = runJob(script("flood.sh", "exec cat /dev/zero"),
                             textRequest(kKernel));
  EXPECT_EQ(finished.outcome.failure, "wrote more than 64 MiB");
}

TEST_F(CompileJobTest, TheWorkerWritesTheOutputFileItWasGiven) {
  OutputRequest request;
  request.kind = OutputKind::Object;
  json message = compileWorkerRequest(kKernel, request, Dir / "out" / "twice.o");
  message.erase("server"); // run in this process, whose parent is not the server
  std::string text = message.dump();
  std::FILE *in = fmemopen(text.data(), text.size(), "r");
  char *answer = nullptr;
  size_t answerSize = 0;
  std::FILE *out = open_memstream(&answer, &answerSize);
  EXPECT_EQ(runCompileWorker(in, out), 0);
  std::fclose(in);
  std::fclose(out);
  std::string lines(answer, answerSize);
  std::free(answer);
  EXPECT_EQ(lines, "{\"progress\":\"writing twice.o\"}\n{\"written\":\"" + (Dir / "out" / "twice.o").string() + "\"}\n");
  EXPECT_GT(fs::file_size(Dir / "out" / "twice.o"), 0u);
}

TEST_F(CompileJobTest, TheWorkerRefusesARequestItCannotRead) {
  std::string text = "{\"text\": 3}";
  std::FILE *in = fmemopen(text.data(), text.size(), "r");
  std::FILE *out = std::fopen("/dev/null", "w");
  EXPECT_EQ(runCompileWorker(in, out), 2);
  std::fclose(in);
  std::fclose(out);
}

/// A server with `--compiler COMPILER`, initialized with `root` as its workspace.
struct Session {
  explicit Session(const fs::path &root, const fs::path &compiler)
      : Server({"--compiler", compiler.string()}), Root("file://" + root.string()) {
    Server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"rootUri", Root}}}});
    Server.until([](const json &m) { return m.value("id", 0) == 1; });
  }
  void compile(int id, const std::string &file) {
    Server.send({{"jsonrpc", "2.0"},
                 {"id", id},
                 {"method", "workspace/executeCommand"},
                 {"params", {{"command", "tvmscript.compile"}, {"arguments", {{{"uri", Root + "/" + file}, {"emit", "obj"}}}}}}});
  }
  json answerTo(int id) {
    return Server.until([id](const json &m) { return m.contains("id") && !m.contains("method") && m["id"] == id; });
  }
  int end() {
    Server.send({{"jsonrpc", "2.0"}, {"id", 99}, {"method", "shutdown"}});
    answerTo(99);
    Server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
    return Server.wait();
  }
  ServerProcess Server;
  std::string Root;
};

TEST_F(CompileJobTest, TheServerAnswersOtherRequestsWhileACompileRuns) {
  std::ofstream(Dir / "k.py") << kKernel;
  Session session(Dir, script("slow.sh", "sleep 2; exec '" TVMSCRIPT_BINARY "' \"$@\""));
  session.compile(2, "k.py");
  session.Server.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "tvmscript/serverInfo"}});
  json first = session.Server.until([](const json &m) { return m.contains("id") && !m.contains("method"); });
  EXPECT_EQ(first["id"], 3) << "the compile's answer came first: " << first.dump();
  json compiled = session.answerTo(2);
  ASSERT_TRUE(compiled.contains("result")) << compiled.dump();
  EXPECT_TRUE(fs::is_regular_file(Dir / "build" / "tvmscript" / "k.o"));
  EXPECT_EQ(session.end(), 0);
}

TEST_F(CompileJobTest, CompilesBeyondTheLimitWaitTheirTurnAndAllFinish) {
  // Each worker notes its start and its end in a log; at most four (fewer on a small machine)
  // may be between the two at once. One waiting compile is cancelled before its turn.
  std::ofstream(Dir / "k.py") << kKernel;
  fs::path log = Dir / "workers.log";
  Session session(Dir, script("logged.sh", "echo start >> '" + log.string() + "'; sleep 1; echo end >> '" +
                                               log.string() + "'; exec '" TVMSCRIPT_BINARY "' \"$@\""));
  for (int id = 2; id < 10; ++id) session.compile(id, "k.py");
  session.Server.send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", 9}}}});
  std::map<int, json> answers; // they come in any order
  while (answers.size() < 8) {
    json answer = session.Server.until([](const json &m) { return m.contains("id") && !m.contains("method"); });
    answers[answer["id"].get<int>()] = answer;
  }
  for (int id = 2; id < 9; ++id) EXPECT_TRUE(answers[id].contains("result")) << answers[id].dump();
  ASSERT_TRUE(answers[9].contains("error")) << answers[9].dump();
  EXPECT_EQ(answers[9]["error"]["code"], -32800);
  std::ifstream in(log);
  int running = 0, most = 0, started = 0;
  for (std::string line; std::getline(in, line);) {
    running += line == "start" ? 1 : -1;
    started += line == "start";
    most = std::max(most, running);
  }
  EXPECT_EQ(started, 7);
  EXPECT_GE(most, 1);
  EXPECT_LE(most, 4);
  EXPECT_EQ(session.end(), 0);
}

TEST_F(CompileJobTest, ACompilerCrashFailsTheCompileAndTheSessionGoesOn) {
  std::ofstream(Dir / "k.py") << kKernel;
  Session session(Dir, script("crash.sh", "kill -SEGV $$"));
  session.compile(2, "k.py");
  json failed = session.answerTo(2);
  ASSERT_TRUE(failed.contains("error")) << failed.dump();
  EXPECT_EQ(failed["error"]["code"], -32803);
  EXPECT_EQ(failed["error"]["message"], "the compiler crashed (Segmentation fault); the language server goes on");
  session.Server.send({{"jsonrpc", "2.0"},
                       {"id", 3},
                       {"method", "textDocument/diagnostic"},
                       {"params", {{"textDocument", {{"uri", session.Root + "/k.py"}}}}}});
  session.Server.send({{"jsonrpc", "2.0"}, {"id", 4}, {"method", "tvmscript/serverInfo"}});
  EXPECT_TRUE(session.answerTo(4).contains("result"));
  EXPECT_EQ(session.end(), 0);
}

TEST_F(CompileJobTest, AFileThatIsNotUtf8IsRefusedAndTheSessionGoesOn) {
  std::ofstream(Dir / "latin1.py") << std::string(kKernel) << "# caf\xe9\n";
  Session session(Dir, TVMSCRIPT_BINARY);
  session.compile(2, "latin1.py");
  json refused = session.answerTo(2);
  ASSERT_TRUE(refused.contains("error")) << refused.dump();
  EXPECT_EQ(refused["error"]["code"], -32602);
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("not valid UTF-8"), std::string::npos);
  session.Server.send({{"jsonrpc", "2.0"}, {"id", 3}, {"method", "tvmscript/serverInfo"}});
  EXPECT_TRUE(session.answerTo(3).contains("result"));
  EXPECT_EQ(session.end(), 0);
}

TEST_F(CompileJobTest, ACompilerThatCannotStartFailsTheCompile) {
  std::ofstream(Dir / "k.py") << kKernel;
  Session session(Dir, Dir / "no-such-compiler");
  session.compile(2, "k.py");
  json failed = session.answerTo(2);
  ASSERT_TRUE(failed.contains("error")) << failed.dump();
  EXPECT_EQ(failed["error"]["message"], "the compiler could not start (" + (Dir / "no-such-compiler").string() +
                                            ": No such file or directory); the language server goes on");
  EXPECT_EQ(session.end(), 0);
}

TEST_F(CompileJobTest, ExitEndsTheCompilesStillRunning) {
  std::ofstream(Dir / "k.py") << kKernel;
  fs::path pidFile = Dir / "worker.pid";
  Session session(Dir, script("hang.sh", "echo $$ > '" + pidFile.string() + ".tmp'; mv '" + pidFile.string() +
                                             ".tmp' '" + pidFile.string() + "'; exec sleep 60"));
  session.compile(2, "k.py");
  for (int i = 0; i < 2000 && !fs::exists(pidFile); ++i) std::this_thread::sleep_for(10ms);
  pid_t worker = readPid(pidFile);
  ASSERT_GT(worker, 0);
  EXPECT_EQ(session.end(), 0);
  EXPECT_TRUE(waitForEnd(worker)) << "the worker " << worker << " outlived the server";
}

TEST_F(CompileJobTest, AWorkerHasABoundedAddressSpace) {
#ifdef TVMSCRIPT_SANITIZE
  GTEST_SKIP() << "AddressSanitizer needs terabytes of address space: its workers have no limit";
#endif
  // A worker waiting for its request: its limits as the kernel reports them.
  int toWorker[2];
  ASSERT_EQ(pipe(toWorker), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(toWorker[0], 0);
    close(toWorker[1]);
    execl(TVMSCRIPT_BINARY, TVMSCRIPT_BINARY, "compile-worker", static_cast<char *>(nullptr));
    std::_Exit(127);
  }
  close(toWorker[0]);
  std::string limits;
  for (int i = 0; i < 3000 && limits.find(std::to_string(8ul << 30)) == std::string::npos; ++i) {
    std::this_thread::sleep_for(10ms); // until the worker has set its limit
    std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
    limits.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  close(toWorker[1]); // end of request: the worker refuses it and exits
  waitpid(pid, nullptr, 0);
  EXPECT_NE(limits.find("Max address space         8589934592           8589934592           bytes"), std::string::npos)
      << limits;
}

} // namespace
} // namespace tvmscript
