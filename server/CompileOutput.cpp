// Compiling open documents for the editor's compile and view-output commands.
#include "CompileOutput.h"

#include "Analyze.h"

#include <fmt/format.h>

namespace tvmscript {
namespace fs = std::filesystem;

namespace {

std::string describe(const ScriptModel &model, const Diagnostic &diagnostic) {
  Position at = model.source().position(diagnostic.range.begin, Encoding::UTF8);
  return fmt::format("line {}: {} [{}]", at.line + 1, diagnostic.message, diagnostic.code);
}

} // namespace

std::variant<std::unique_ptr<NativeModule>, std::string> compileForOutput(const ScriptModel &model,
                                                                          const OutputRequest &request) {
  if (!model.hasScript()) return std::string("the file contains no TVMScript");
  for (const Diagnostic &diagnostic : analyze(model))
    if (diagnostic.severity == Severity::Error) return "the file has errors; " + describe(model, diagnostic);
  CompileSelection selection;
  selection.module = request.module;
  if (!request.function.empty()) selection.functions = {request.function};
  CompileResult result = compileModel(model, selection, request.options);
  if (result.error) return *result.error;
  for (const Diagnostic &diagnostic : result.diagnostics)
    if (diagnostic.severity == Severity::Error) return describe(model, diagnostic);
  return std::move(result.module);
}

std::variant<fs::path, std::string> outputPathFor(const fs::path &workspaceRoot, const std::string &outputDirectory,
                                                  const std::string &stem, OutputKind kind) {
  std::error_code error;
  fs::path root = fs::weakly_canonical(workspaceRoot, error);
  if (error || root.empty()) return fmt::format("the workspace folder '{}' cannot be resolved", workspaceRoot.string());
  fs::path directory = fs::path(outputDirectory).is_absolute() ? fs::path(outputDirectory) : root / outputDirectory;
  // Resolve `..` and every symbolic link that exists: what is left must stay inside the root.
  fs::path resolved = fs::weakly_canonical(directory, error);
  if (error) return fmt::format("the output directory '{}' cannot be resolved", outputDirectory);
  auto [rootEnd, resolvedAt] = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  if (rootEnd != root.end())
    return fmt::format("the output directory '{}' is outside the workspace '{}'", resolved.string(), root.string());
  if (stem.empty() || stem.find('/') != std::string::npos || stem == "." || stem == "..")
    return fmt::format("'{}' cannot name an output file", stem);
  fs::path file = resolved / (stem + std::string(outputSuffix(kind)));
  // The file itself: writing follows a symbolic link (out of the workspace, perhaps), and
  // opening a FIFO blocks until someone reads it.
  fs::file_status status = fs::symlink_status(file, error);
  if (fs::is_symlink(status)) return fmt::format("the output file '{}' is a symbolic link", file.string());
  if (fs::exists(status) && !fs::is_regular_file(status))
    return fmt::format("the output file '{}' is not a regular file", file.string());
  return file;
}

std::optional<fs::path> pathFromUri(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return std::nullopt;
  uri.remove_prefix(kScheme.size());
  if (!uri.starts_with('/')) {
    // file://host/path: only the local host.
    size_t slash = uri.find('/');
    if (slash == std::string_view::npos || uri.substr(0, slash) != "localhost") return std::nullopt;
    uri.remove_prefix(slash);
  }
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(uri[i + 1]) && std::isxdigit(uri[i + 2])) {
      path += char(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  if (path.find('\0') != std::string::npos) return std::nullopt;
  return fs::path(path);
}

std::string uriFromPath(const fs::path &path) {
  std::string uri = "file://";
  for (unsigned char c : path.string()) {
    if (std::isalnum(c) || std::string_view("/-._~").find(char(c)) != std::string_view::npos) uri += char(c);
    else uri += fmt::format("%{:02X}", c);
  }
  return uri;
}

} // namespace tvmscript
