// A compile the language server runs in a child process (`tvmscript compile-worker`), so that
// a crash or a hang in code generation ends that compile, not the editor's session, and so that
// the server goes on answering requests while it runs.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <variant>

namespace tvmscript {

/// How a compile job ended: the worker's answer, or why there is none.
struct CompileOutcome {
  /// The worker's final message (`{"files": ...}`, `{"text": ...}` or `{"error": ...}`); null
  /// when the worker gave none.
  nlohmann::json answer;
  /// Without an answer: what happened to the worker ("crashed (Segmentation fault)", "was
  /// stopped after 300 s", ...). Empty when cancelled.
  std::string failure;
  bool cancelled = false;
};

/// One running `EXECUTABLE compile-worker`. The request goes to its standard input; each line it
/// writes before its answer is a progress message. Callbacks run on the job's own thread.
class CompileJob {
public:
  using Progress = std::function<void(std::string message)>;
  using Done = std::function<void(CompileOutcome outcome)>;

  /// An answer larger than this ends the worker (the reply could not be sent anyway).
  static constexpr size_t kMaxAnswerBytes = 64u << 20;

  /// Starts the worker on `request` (JSON text), or says why it could not ("could not start:
  /// ...", to follow "the compiler"). `done` is called exactly once, also after cancel(). Workers that run past
  /// `timeLimit` are killed. Each worker gets a temporary directory of its own (TMPDIR), removed
  /// when it ends: a killed worker leaves no files behind.
  static std::variant<std::unique_ptr<CompileJob>, std::string> start(const std::filesystem::path &executable,
                                                                      std::string request, Progress progress,
                                                                      Done done, std::chrono::seconds timeLimit);
  /// Kills the worker (its output files may be partly written; it writes them last) and waits
  /// for the job's thread, which reports the job cancelled.
  ~CompileJob();
  CompileJob(const CompileJob &) = delete;
  CompileJob &operator=(const CompileJob &) = delete;

  /// Kills the worker if it still runs; `done` then reports the job cancelled.
  void cancel();

private:
  CompileJob() = default;
  void serve(std::string request, Progress progress, Done done, std::chrono::seconds timeLimit);
  /// Kills the worker's process group unless it was reaped.
  void kill();
  /// Reaps the worker; its wait status.
  int reap();

  std::mutex Mutex; // guards Pid against reuse: a reaped worker is never signalled
  pid_t Pid = -1;
  bool Reaped = false;
  bool Cancelled = false;
  int RequestFd = -1; // a socket: writing to a worker that died is an error, not SIGPIPE
  int AnswerFd = -1;
  std::filesystem::path TemporaryDirectory;
  std::thread Thread;
};

} // namespace tvmscript
