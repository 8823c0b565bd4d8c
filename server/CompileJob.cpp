// Running `tvmscript compile-worker` in a child process: the request goes in on a socket, progress
// lines and the answer come back on a pipe, and one poll loop per job feeds the one and reads the
// other under a deadline.
#include "CompileJob.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tvmscript {
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

} // namespace

std::variant<std::unique_ptr<CompileJob>, std::string>
CompileJob::start(const std::filesystem::path &executable, const nlohmann::json &request, Progress progress, Done done,
                  std::chrono::seconds timeLimit) {
  // Close-on-exec everywhere: a worker must not hold another worker's pipes open.
  int requestPair[2], answerPipe[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, requestPair) != 0)
    return fmt::format("cannot start the compiler: {}", std::strerror(errno));
  if (pipe2(answerPipe, O_CLOEXEC) != 0) {
    int error = errno;
    close(requestPair[0]);
    close(requestPair[1]);
    return fmt::format("cannot start the compiler: {}", std::strerror(error));
  }
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
  pid_t pid = -1;
  int spawned = posix_spawn(&pid, program.c_str(), &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(requestPair[1]);
  close(answerPipe[1]);
  if (spawned != 0) {
    close(requestPair[0]);
    close(answerPipe[0]);
    return fmt::format("cannot start the compiler {}: {}", program, std::strerror(spawned));
  }
  std::unique_ptr<CompileJob> job(new CompileJob());
  job->Pid = pid;
  job->RequestFd = requestPair[0];
  job->AnswerFd = answerPipe[0];
  fcntl(job->RequestFd, F_SETFL, O_NONBLOCK);
  job->Thread = std::thread(&CompileJob::serve, job.get(), request.dump(), std::move(progress), std::move(done),
                            timeLimit);
  return job;
}

CompileJob::~CompileJob() {
  cancel();
  if (Thread.joinable()) Thread.join();
  closeFd(RequestFd);
  closeFd(AnswerFd);
}

void CompileJob::cancel() {
  std::lock_guard<std::mutex> lock(Mutex);
  Cancelled = true;
  if (!Reaped) kill(-Pid, SIGKILL);
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
  bool timedOut = false;
  while (AnswerFd >= 0) {
    if (RequestFd >= 0 && sent == request.size()) {
      shutdown(RequestFd, SHUT_WR); // the worker reads its request to the end
      closeFd(RequestFd);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timedOut = true;
      {
        std::lock_guard<std::mutex> lock(Mutex);
        kill(-Pid, SIGKILL);
      }
      break;
    }
    pollfd fds[2] = {{AnswerFd, POLLIN, 0}, {RequestFd, POLLOUT, 0}};
    int ready = poll(fds, RequestFd >= 0 ? 2 : 1, int(std::min<int64_t>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
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
        closeFd(AnswerFd);
        break;
      }
      // Progress lines, then one answer (megabytes of assembly, perhaps: look for the end of a
      // line only in what is new).
      size_t from = received.size();
      received.append(buffer, size_t(n));
      for (size_t end; (end = received.find('\n', from)) != std::string::npos; from = 0, received.erase(0, end + 1)) {
        nlohmann::json line = nlohmann::json::parse(received.substr(0, end), nullptr, false);
        if (line.is_object() && line.contains("progress") && line["progress"].is_string())
          progress(line["progress"].get<std::string>());
        else
          answer = std::move(line);
      }
    }
  }
  closeFd(RequestFd);
  closeFd(AnswerFd);
  int status = reap();
  CompileOutcome outcome;
  {
    std::lock_guard<std::mutex> lock(Mutex);
    outcome.cancelled = Cancelled;
  }
  if (!outcome.cancelled) {
    bool answered = answer.is_object();
    if (timedOut)
      outcome.failure = fmt::format("was stopped after {} s", timeLimit.count());
    else if (answered && WIFEXITED(status) && WEXITSTATUS(status) == 0)
      outcome.answer = std::move(answer);
    else
      outcome.failure = describeStatus(status);
  }
  done(std::move(outcome));
}

} // namespace tvmscript
