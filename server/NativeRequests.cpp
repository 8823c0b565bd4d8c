// The language server's native-code requests: `workspace/executeCommand` `tvmscript.compile`
// (with $/progress and cancellation between stages) and `tvmscript/viewOutput`.
#include "LspServer.h"

#include "Logger.h"

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

std::unique_ptr<Document> LspServer::documentForCompile(const std::string &uri) {
  if (auto open = Documents.find(uri); open != Documents.end())
    return std::make_unique<Document>(std::string(use(open->second).source().text()));
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
  return std::make_unique<Document>(text.str());
}

json LspServer::executeCommand(const json &params) {
  const std::string &command = requireField(params, "command", json::value_t::string).get_ref<const std::string &>();
  if (command != "tvmscript.compile") throw LspError{InvalidParams, "unknown command: " + command};
  json arguments = params.contains("arguments") ? params["arguments"] : json::array();
  if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object())
    throw LspError{InvalidParams, "tvmscript.compile takes one argument: {uri, module?, function?, emit?}"};
  return compile(arguments[0], params.contains("workDoneToken") ? params["workDoneToken"] : json());
}

json LspServer::compile(const json &arguments, const json &token) {
  const std::string &uri = requireField(arguments, "uri", json::value_t::string).get_ref<const std::string &>();
  OutputRequest request;
  request.module = stringField(arguments, "module");
  request.function = stringField(arguments, "function");
  std::string emit = arguments.contains("emit") ? stringField(arguments, "emit") : DefaultEmit;
  auto kind = outputKindNamed(emit);
  if (!kind) throw LspError{InvalidParams, "unknown emit kind: " + emit};
  request.kind = *kind;
  request.options.runnerEntryPoints = *kind == OutputKind::Executable;

  auto path = pathFromUri(uri);
  if (!path) throw LspError{InvalidParams, "not a file URI: " + uri};
  fs::path root = WorkspaceRoot.empty() ? path->parent_path() : WorkspaceRoot;
  auto output = outputPathFor(root, OutputDirectory, path->stem().string(), *kind);
  if (auto *error = std::get_if<std::string>(&output)) throw LspError{InvalidParams, *error};

  // Progress, when the client asked for it with a token; always ended, also on failure.
  bool reporting = token.is_string() || token.is_number_integer();
  auto progress = [&](json value) {
    if (reporting) notify("$/progress", {{"token", token}, {"value", std::move(value)}});
  };
  progress({{"kind", "begin"}, {"title", "Compiling " + path->filename().string()}, {"cancellable", true}});
  struct EndProgress {
    std::function<void()> end;
    ~EndProgress() { end(); }
  } ending{[&] { progress({{"kind", "end"}}); }};
  auto checkCancelled = [&] {
    if (takeCancellation(CurrentRequest)) throw LspError{RequestCancelled, "the compile was cancelled"};
  };

  std::unique_ptr<Document> document = documentForCompile(uri);
  std::shared_ptr<const ScriptModel> model = document->buildModel();
  auto compiled = compileForOutput(*model, request);
  if (auto *error = std::get_if<std::string>(&compiled)) throw LspError{RequestFailed, *error};
  checkCancelled();
  progress({{"kind", "report"}, {"message", "writing " + std::get<fs::path>(output).filename().string()}});
  const fs::path &target = std::get<fs::path>(output);
  std::error_code created;
  fs::create_directories(target.parent_path(), created);
  if (created) throw LspError{RequestFailed, fmt::format("cannot create {}: {}", target.parent_path().string(), created.message())};
  if (auto error = std::get<0>(compiled)->write(*kind, target)) throw LspError{RequestFailed, *error};
  logInfo("wrote " + target.string());
  return {{"files", {uriFromPath(target)}}, {"emit", emit}};
}

json LspServer::viewOutput(const json &params) {
  const std::string &uri = requireField(params, "uri", json::value_t::string).get_ref<const std::string &>();
  std::string kindName = stringField(params, "kind");
  auto kind = outputKindNamed(kindName.empty() ? "llvm" : kindName);
  if (!kind || (*kind != OutputKind::LLVM && *kind != OutputKind::Assembly && *kind != OutputKind::Header))
    throw LspError{InvalidParams, "kind must be \"llvm\", \"asm\" or \"header\""};
  OutputRequest request;
  request.module = stringField(params, "module");
  request.function = stringField(params, "function");
  request.kind = *kind;
  std::unique_ptr<Document> document = documentForCompile(uri);
  std::shared_ptr<const ScriptModel> model = document->buildModel();
  auto compiled = compileForOutput(*model, request);
  if (auto *error = std::get_if<std::string>(&compiled)) throw LspError{RequestFailed, *error};
  static const char *languages[] = {"", "", "", "llvm", "asm", "c"};
  return {{"text", std::get<0>(compiled)->text(*kind)}, {"language", languages[int(*kind)]}};
}

} // namespace tvmscript
