// Running `tvmscript compile-worker` in a child process: the request goes in on a socket, progress
// lines and the answer come back on a pipe, and one poll loop per job feeds the one and reads the
// other under a deadline.
#include "CompileJob.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tvmscript {
namespace fs = std::filesystem;

namespace {

void closeFd(int &fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) return fmt::format("crashed ({})", strsignal(WTERMSIG(status)));
  if (WIFEXITED(status)) return fmt::format("exited with status {} without an answer", WEXITSTATUS(status));
  return "ended without an answer";
}

/// A new directory under the system's temporary directory, or empty.
fs::path makeTemporaryDirectory() {
  std::error_code error;
  std::string pattern = (fs::temp_directory_path(error) / "tvmscript-worker-XXXXXX").string();
  return !error && mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
}

/// This process's environment with TMPDIR set to `directory`.
std::vector<std::string> environmentWith(const fs::path &directory) {
  std::vector<std::string> entries;
  for (char **entry = environ; *entry; ++entry)
    if (std::strncmp(*entry, "TMPDIR=", 7) != 0) entries.emplace_back(*entry);
  if (!directory.empty()) entries.push_back("TMPDIR=" + directory.string());
  return entries;
}

} // namespace

std::variant<std::unique_ptr<CompileJob>, std::string> CompileJob::start(const fs::path &executable,
                                                                         std::string request, Progress progress,
                                                                         Done done, std::chrono::seconds timeLimit) {
  std::unique_ptr<CompileJob> job(new CompileJob());
  // Close-on-exec everywhere: a worker must not hold another worker's pipes open.
  int requestPair[2], answerPipe[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, requestPair) != 0)
    return fmt::format("could not start: {}", std::strerror(errno));
  if (pipe2(answerPipe, O_CLOEXEC) != 0) {
    int error = errno;
    close(requestPair[0]);
    close(requestPair[1]);
    return fmt::format("could not start: {}", std::strerror(error));
  }
  job->RequestFd = requestPair[0];
  job->AnswerFd = answerPipe[0];
  job->TemporaryDirectory = makeTemporaryDirectory();
  std::vector<std::string> environment = environmentWith(job->TemporaryDirectory);
  std::vector<char *> envp;
  for (std::string &entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, requestPair[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, answerPipe[1], STDOUT_FILENO);
  // Its own process group, so that cancelling also ends what it started (a fallback linker).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::string program = executable.string();
  char *argv[] = {program.data(), const_cast<char *>("compile-worker"), nullptr};
  int spawned = posix_spawn(&job->Pid, program.c_str(), &actions, &attributes, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(requestPair[1]);
  close(answerPipe[1]);
  if (spawned != 0) {
    job->Pid = -1; // nothing to kill or wait for
    return fmt::format("could not start ({}: {})", program, std::strerror(spawned));
  }
  fcntl(job->RequestFd, F_SETFL, O_NONBLOCK);
  try {
    job->Thread = std::thread(&CompileJob::serve, job.get(), std::move(request), std::move(progress), std::move(done),
                              timeLimit);
  } catch (const std::system_error &error) {
    job->kill();
    job->reap();
    return fmt::format("could not start: {}", error.what());
  }
  return job;
}

CompileJob::~CompileJob() {
  cancel();
  if (Thread.joinable()) Thread.join();
  closeFd(RequestFd);
  closeFd(AnswerFd);
  std::error_code ignored;
  if (!TemporaryDirectory.empty()) fs::remove_all(TemporaryDirectory, ignored);
}

void CompileJob::cancel() {
  std::lock_guard<std::mutex> lock(Mutex);
  Cancelled = true;
  if (Pid > 0 && !Reaped) ::kill(-Pid, SIGKILL);
}

void CompileJob::kill() {
  std::lock_guard<std::mutex> lock(Mutex);
  if (Pid > 0 && !Reaped) ::kill(-Pid, SIGKILL);
}

int CompileJob::reap() {
  // Wait without reaping, then reap under the lock: cancel() never signals a reused pid.
  siginfo_t info;
  while (waitid(P_PID, Pid, &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
  }
  std::lock_guard<std::mutex> lock(Mutex);
  int status = 0;
  while (waitpid(Pid, &status, 0) < 0 && errno == EINTR) {
  }
  Reaped = true;
  return status;
}

void CompileJob::serve(std::string request, Progress progress, Done done, std::chrono::seconds timeLimit) {
  auto deadline = std::chrono::steady_clock::now() + timeLimit;
  size_t sent = 0;
  std::string received;
  nlohmann::json answer;
  std::string failure;
  bool ended = false; // the worker closed its output
  auto cancelled = [&] {
    std::lock_guard<std::mutex> lock(Mutex);
    return Cancelled;
  };
  while (!ended && failure.empty() && !cancelled()) {
    if (RequestFd >= 0 && sent == request.size()) {
      shutdown(RequestFd, SHUT_WR); // the worker reads its request to the end
      closeFd(RequestFd);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      failure = fmt::format("was stopped after {} s", timeLimit.count());
      break;
    }
    pollfd fds[2] = {{AnswerFd, POLLIN, 0}, {RequestFd, POLLOUT, 0}};
    int ready = poll(fds, RequestFd >= 0 ? 2 : 1, int(std::min<int64_t>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) failure = fmt::format("could not be read: {}", std::strerror(errno));
    if (ready <= 0) continue;
    if (RequestFd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = send(RequestFd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n > 0) sent += size_t(n);
      else if (n < 0 && errno != EAGAIN && errno != EINTR) closeFd(RequestFd); // it stopped reading
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[65536];
      ssize_t n = read(AnswerFd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ended = true;
        break;
      }
      // Progress lines, then one answer (megabytes of assembly, perhaps: look for the end of a
      // line only in what is new).
      size_t from = received.size();
      received.append(buffer, size_t(n));
      if (received.size() > kMaxAnswerBytes) {
        failure = fmt::format("wrote more than {} MiB", kMaxAnswerBytes >> 20);
        break;
      }
      for (size_t end; (end = received.find('\n', from)) != std::string::npos; from = 0, received.erase(0, end + 1)) {
        nlohmann::json line = nlohmann::json::parse(received.substr(0, end), nullptr, false);
        if (line.is_object() && line.contains("progress") && line["progress"].is_string())
          progress(line["progress"].get<std::string>());
        else
          answer = std::move(line);
      }
    }
  }
  if (!ended) kill(); // stopped, cancelled, or unreadable: it must not outlive the job
  closeFd(RequestFd);
  closeFd(AnswerFd);
  int status = reap();
  CompileOutcome outcome;
  outcome.cancelled = cancelled();
  if (!outcome.cancelled) {
    if (!failure.empty())
      outcome.failure = std::move(failure);
    else if (answer.is_object() && WIFEXITED(status) && WEXITSTATUS(status) == 0)
      outcome.answer = std::move(answer);
    else
      outcome.failure = describeStatus(status);
  }
  done(std::move(outcome));
}

} // namespace tvmscript
