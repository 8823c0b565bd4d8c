// The language server's native-code requests: `workspace/executeCommand` `tvmscript.compile`
// (with $/progress and cancellation) and `tvmscript/viewOutput`, each compiled by a worker
// process (CompileJob) while the server goes on serving.
#include "LspServer.h"

#include "CompileWorker.h"
#include "Logger.h"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace tvmscript {
namespace fs = std::filesystem;

namespace {

/// `settings.tvmscript.compile` or `settings.compile`, whichever the client sent.
const json *compileSettings(const json &settings) {
  if (!settings.is_object()) return nullptr;
  const json *scope = &settings;
  if (scope->contains("tvmscript") && (*scope)["tvmscript"].is_object()) scope = &(*scope)["tvmscript"];
  if (scope->contains("compile") && (*scope)["compile"].is_object()) return &(*scope)["compile"];
  return nullptr;
}

std::string stringField(const json &object, const char *field) {
  if (!object.contains(field)) return "";
  if (!object[field].is_string()) throw LspError{InvalidParams, fmt::format("field '{}' must be a string", field)};
  return object[field].get<std::string>();
}

} // namespace

void LspServer::readSettings(const json &settings) {
  const json *compile = compileSettings(settings);
  if (!compile) return;
  if (compile->contains("outputDirectory") && (*compile)["outputDirectory"].is_string())
    OutputDirectory = (*compile)["outputDirectory"].get<std::string>();
  if (compile->contains("emit") && (*compile)["emit"].is_string() &&
      outputKindNamed((*compile)["emit"].get<std::string>()))
    DefaultEmit = (*compile)["emit"].get<std::string>();
}

std::string LspServer::textForCompile(const std::string &uri) {
  if (auto open = Documents.find(uri); open != Documents.end())
    return std::string(use(open->second).source().text());
  auto path = pathFromUri(uri);
  if (!path) throw LspError{InvalidParams, "not a file URI: " + uri};
  // Only regular files, and none larger than an open document could be: a device or a FIFO
  // would hang the server (/dev/zero never ends, a FIFO blocks until someone writes).
  std::error_code error;
  if (!fs::is_regular_file(*path, error)) throw LspError{InvalidParams, path->string() + " is not a regular file"};
  if (fs::file_size(*path, error) > Transport::kMaxMessageBytes)
    throw LspError{InvalidParams, fmt::format("{} is larger than {} MiB", path->string(), Transport::kMaxMessageBytes >> 20)};
  std::ifstream in(*path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw LspError{InvalidParams, "cannot read " + path->string()};
  return text.str();
}

void LspServer::executeCommand(const json &id, const json &params) {
  const std::string &command = requireField(params, "command", json::value_t::string).get_ref<const std::string &>();
  if (command != "tvmscript.compile") throw LspError{InvalidParams, "unknown command: " + command};
  json arguments = params.contains("arguments") ? params["arguments"] : json::array();
  if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object())
    throw LspError{InvalidParams, "tvmscript.compile takes one argument: {uri, module?, function?, emit?}"};
  compile(id, arguments[0], params.contains("workDoneToken") ? params["workDoneToken"] : json());
}

void LspServer::compile(const json &id, const json &arguments, const json &token) {
  const std::string &uri = requireField(arguments, "uri", json::value_t::string).get_ref<const std::string &>();
  OutputRequest request;
  request.module = stringField(arguments, "module");
  request.function = stringField(arguments, "function");
  std::string emit = arguments.contains("emit") ? stringField(arguments, "emit") : DefaultEmit;
  auto kind = outputKindNamed(emit);
  if (!kind) throw LspError{InvalidParams, "unknown emit kind: " + emit};
  request.kind = *kind;

  auto path = pathFromUri(uri);
  if (!path) throw LspError{InvalidParams, "not a file URI: " + uri};
  fs::path root = WorkspaceRoot.empty() ? path->parent_path() : WorkspaceRoot;
  auto output = outputPathFor(root, OutputDirectory, path->stem().string(), *kind);
  if (auto *error = std::get_if<std::string>(&output)) throw LspError{InvalidParams, *error};
  startCompile(id, compileWorkerRequest(textForCompile(uri), request, std::get<fs::path>(output)), token,
               "Compiling " + path->filename().string(), [emit](const json &answer) -> json {
                 if (!answer.contains("written") || !answer["written"].is_string())
                   throw LspError{RequestFailed, "the compiler gave no output file"};
                 logInfo("wrote " + answer["written"].get<std::string>());
                 return {{"files", {uriFromPath(answer["written"].get<std::string>())}}, {"emit", emit}};
               });
}

void LspServer::viewOutput(const json &id, const json &params) {
  const std::string &uri = requireField(params, "uri", json::value_t::string).get_ref<const std::string &>();
  std::string kindName = stringField(params, "kind");
  auto kind = outputKindNamed(kindName.empty() ? "llvm" : kindName);
  if (!kind || (*kind != OutputKind::LLVM && *kind != OutputKind::Assembly && *kind != OutputKind::Header))
    throw LspError{InvalidParams, "kind must be \"llvm\", \"asm\" or \"header\""};
  OutputRequest request;
  request.module = stringField(params, "module");
  request.function = stringField(params, "function");
  request.kind = *kind;
  static const char *languages[] = {"", "", "", "llvm", "asm", "c"};
  std::string language = languages[int(*kind)];
  startCompile(id, compileWorkerRequest(textForCompile(uri), request, std::nullopt), json(), "",
               [language](const json &answer) -> json {
                 if (!answer.contains("text") || !answer["text"].is_string())
                   throw LspError{RequestFailed, "the compiler gave no text"};
                 return {{"text", answer["text"]}, {"language", language}};
               });
}

void LspServer::startCompile(const json &id, const json &request, const json &token, const std::string &title,
                             std::function<json(const json &answer)> finish) {
  if (Options.compiler.empty()) throw LspError{RequestFailed, "this server does not compile"};
  auto sameId = [&](const PendingCompile &pending) { return pending.id == id; };
  if (Compiles.contains(id.dump()) || std::any_of(WaitingCompiles.begin(), WaitingCompiles.end(), sameId))
    throw LspError{InvalidRequest, "a request with this id is still running"};
  std::string text;
  try {
    text = request.dump();
  } catch (const json::type_error &) {
    throw LspError{InvalidParams, "the file, or where its output goes, is not valid UTF-8"};
  }
  // Progress, when the client asked for it with a token; always ended, also on failure.
  PendingCompile compile{id, std::move(text), token, !title.empty() && (token.is_string() || token.is_number_integer()),
                         std::move(finish)};
  if (compile.reporting)
    notifyProgress(token, {{"kind", "begin"}, {"title", title}, {"cancellable", true}});
  if (Compiles.size() >= Options.maxCompiles) {
    if (compile.reporting)
      notifyProgress(token, {{"kind", "report"}, {"message", "waiting for other compiles"}});
    WaitingCompiles.push_back(std::move(compile));
    return;
  }
  launchCompile(std::move(compile));
}

void LspServer::finishCompile(const PendingCompile &compile, const CompileOutcome &outcome) {
  if (compile.reporting) notifyProgress(compile.token, {{"kind", "end"}});
  bool cancelled = takeCancellation(compile.id) || outcome.cancelled;
  try {
    if (cancelled) throw LspError{RequestCancelled, "the compile was cancelled"};
    if (!outcome.failure.empty())
      throw LspError{RequestFailed, fmt::format("the compiler {}; the language server goes on", outcome.failure)};
    if (outcome.answer.contains("error") && outcome.answer["error"].is_string())
      throw LspError{RequestFailed, outcome.answer["error"].get<std::string>()};
    reply(compile.id, compile.finish(outcome.answer));
  } catch (const LspError &error) {
    replyError(compile.id, error.code, error.message);
  }
}

void LspServer::launchCompile(PendingCompile compile) {
  // The job's callbacks run on its thread: what they do is posted to this one.
  auto onProgress = [this, token = compile.token, reporting = compile.reporting](std::string message) {
    if (reporting)
      post([this, token, message] { notifyProgress(token, {{"kind", "report"}, {"message", message}}); });
  };
  std::string key = compile.id.dump();
  auto shared = std::make_shared<PendingCompile>(std::move(compile));
  auto onDone = [this, shared](CompileOutcome outcome) {
    post([this, shared, outcome = std::move(outcome)] {
      Compiles.erase(shared->id.dump()); // the job's thread has posted its last task: it ends now
      finishCompile(*shared, outcome);
      while (!WaitingCompiles.empty() && Compiles.size() < Options.maxCompiles) {
        PendingCompile next = std::move(WaitingCompiles.front());
        WaitingCompiles.pop_front();
        launchCompile(std::move(next));
      }
    });
  };
  auto job = CompileJob::start(Options.compiler, std::move(shared->request), onProgress, onDone,
                               Options.compileTimeLimit);
  if (auto *error = std::get_if<std::string>(&job)) {
    CompileOutcome failed;
    failed.failure = *error;
    finishCompile(*shared, failed);
    return;
  }
  Compiles[key] = std::move(std::get<0>(job));
}

void LspServer::notifyProgress(const json &token, json value) {
  notify("$/progress", {{"token", token}, {"value", std::move(value)}});
}

void LspServer::cancelCompile(const json &id) {
  if (auto running = Compiles.find(id.dump()); running != Compiles.end()) {
    running->second->cancel();
    return;
  }
  auto waiting = std::find_if(WaitingCompiles.begin(), WaitingCompiles.end(),
                              [&](const PendingCompile &pending) { return pending.id == id; });
  if (waiting == WaitingCompiles.end()) return;
  PendingCompile compile = std::move(*waiting);
  WaitingCompiles.erase(waiting);
  CompileOutcome cancelled;
  cancelled.cancelled = true;
  finishCompile(compile, cancelled);
}

} // namespace tvmscript
