// `tvmscript compile-worker`: one compile for the language server, in a process of its own.
#include "CompileWorker.h"

#include "Document.h"

#include <fmt/format.h>
#include <unistd.h>

namespace tvmscript {
namespace fs = std::filesystem;
using json = nlohmann::json;

json compileWorkerRequest(const std::string &text, const OutputRequest &request, const std::optional<fs::path> &output) {
  json message = {{"server", getpid()},
                  {"text", text},
                  {"module", request.module},
                  {"function", request.function},
                  {"emit", outputKindName(request.kind)}};
  if (output) message["output"] = output->string();
  return message;
}

namespace {

void answer(std::FILE *out, const json &message) {
  std::string line = message.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

std::string readAll(std::FILE *in) {
  std::string text;
  char buffer[65536];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, in)) > 0;) text.append(buffer, n);
  return text;
}

} // namespace

int runCompileWorker(std::FILE *in, std::FILE *out) {
  json request = json::parse(readAll(in), nullptr, /*allow_exceptions=*/false);
  if (!request.is_object() || !request.contains("text") || !request["text"].is_string() ||
      !request.contains("emit") || !request["emit"].is_string()) {
    std::fputs("compile-worker: expected a compile request on standard input\n", stderr);
    return 2;
  }
  // The server may have ended before this worker asked to end with it (ServeCommand.cpp).
  if (request.contains("server") && request["server"] != getppid()) return 2;
  OutputRequest output;
  output.module = request.value("module", "");
  output.function = request.value("function", "");
  auto kind = outputKindNamed(request["emit"].get<std::string>());
  if (!kind) {
    answer(out, {{"error", "unknown emit kind: " + request["emit"].get<std::string>()}});
    return 0;
  }
  output.kind = *kind;
  output.options.runnerEntryPoints = *kind == OutputKind::Executable;

  Document document(request["text"].get<std::string>());
  std::shared_ptr<const ScriptModel> model = document.buildModel();
  auto compiled = compileForOutput(*model, output);
  if (auto *error = std::get_if<std::string>(&compiled)) {
    answer(out, {{"error", *error}});
    return 0;
  }
  const NativeModule &module = *std::get<0>(compiled);
  if (!request.contains("output") || !request["output"].is_string()) {
    answer(out, {{"text", module.text(*kind)}});
    return 0;
  }
  fs::path target = request["output"].get<std::string>();
  answer(out, {{"progress", "writing " + target.filename().string()}});
  std::error_code created;
  fs::create_directories(target.parent_path(), created);
  if (created) {
    answer(out, {{"error", fmt::format("cannot create {}: {}", target.parent_path().string(), created.message())}});
    return 0;
  }
  // Written beside the target and renamed over it: a program loading the library, or a second
  // compile of the same file, never sees half a file.
  fs::path partial = target;
  partial += fmt::format(".partial-{}", getpid());
  std::error_code renamed;
  if (auto error = module.write(*kind, partial)) {
    fs::remove(partial, renamed);
    answer(out, {{"error", *error}});
    return 0;
  }
  fs::rename(partial, target, renamed);
  if (renamed) {
    fs::remove(partial, renamed);
    answer(out, {{"error", fmt::format("cannot write {}: {}", target.string(), renamed.message())}});
    return 0;
  }
  answer(out, {{"written", target.string()}});
  return 0;
}

} // namespace tvmscript
