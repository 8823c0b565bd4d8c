// Linking: shared libraries with lld inside this process (the system `cc` when lld cannot run
// again), executables with `cc`. Programs are started with argument vectors, never a shell.
#include "NativeModuleImpl.h"

#include <fmt/format.h>
#include <lld/Common/Driver.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

#include <mutex>

LLD_HAS_DRIVER(elf)

namespace tvmscript {
namespace {

/// Where Debian keeps libc, libm (whose linker script pulls in libmvec) and libgomp.
const char *const kLibraryDirs[] = {"-L/usr/lib/x86_64-linux-gnu", "-L/lib/x86_64-linux-gnu"};

/// Runs `program` with `args` (args[0] included), stderr captured into the returned error.
std::optional<std::string> runProgram(const std::string &program, const std::vector<std::string> &args) {
  auto found = llvm::sys::findProgramByName(program);
  if (!found) return fmt::format("cannot find '{}' on PATH", program);
  llvm::SmallString<128> log;
  if (llvm::sys::fs::createTemporaryFile("tvmscript-link", "log", log)) return std::string("cannot create a log file");
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(log), llvm::StringRef(log)};
  std::string error;
  int code = llvm::sys::ExecuteAndWait(*found, argv, std::nullopt, redirects, 0, 0, &error);
  std::string output;
  if (auto buffer = llvm::MemoryBuffer::getFile(log)) output = (*buffer)->getBuffer().str();
  llvm::sys::fs::remove(log);
  if (code == 0) return std::nullopt;
  return fmt::format("{} failed{}{}\n{}", program, error.empty() ? "" : ": ", error, output);
}

std::mutex LldLock;     // lld keeps global state: one link at a time
bool LldUsable = true;  // false once lld says it cannot run again in this process

} // namespace

std::optional<std::string> linkShared(const std::filesystem::path &object, const std::filesystem::path &output,
                                      bool openMP) {
  std::string objectPath = object.string(), outputPath = output.string();
  {
    std::lock_guard lock(LldLock);
    if (LldUsable) {
      std::vector<const char *> args = {"ld.lld", "-shared", "-z", "noexecstack", "--as-needed", "-o",
                                        outputPath.c_str(), objectPath.c_str()};
      args.insert(args.end(), std::begin(kLibraryDirs), std::end(kLibraryDirs));
      args.push_back("-lm");
      if (openMP) args.push_back("-l:libgomp.so.1");
      args.push_back("-lc");
      std::string messages;
      llvm::raw_string_ostream out(messages), err(messages);
      lld::Result result = lld::lldMain(args, out, err, {{lld::Gnu, &lld::elf::link}});
      LldUsable = result.canRunAgain;
      if (result.retCode == 0) return std::nullopt;
      if (LldUsable) return "ld.lld failed:\n" + messages;
    }
  }
  std::vector<std::string> args = {"cc", "-shared", "-o", outputPath, objectPath, "-lm"};
  if (openMP) args.push_back("-lgomp");
  return runProgram("cc", args);
}

std::optional<std::string> linkExecutable(const std::filesystem::path &object,
                                          const std::vector<std::filesystem::path> &sources,
                                          const std::filesystem::path &output, bool openMP) {
  std::vector<std::string> args = {"cc", "-O2", "-o", output.string()};
  for (const auto &source : sources) args.push_back(source.string());
  args.push_back(object.string());
  args.push_back("-lm");
  if (openMP) args.push_back("-lgomp");
  return runProgram("cc", args);
}

} // namespace tvmscript
