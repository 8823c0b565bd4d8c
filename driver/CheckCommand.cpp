// File discovery, checking and reporting for `tvmscript check`.
#include "CheckCommand.h"

#include "Analyze.h"
#include "Document.h"
#include "Renderers.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace tvmscript {
namespace fs = std::filesystem;

namespace {

/// Expands directories into their `*.py` files (sorted, hidden directories skipped). Missing
/// paths are reported on stderr and make `ok` false.
std::vector<std::string> collectFiles(const std::vector<std::string> &paths, bool &ok) {
  std::vector<std::string> files;
  for (const std::string &path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      auto options = fs::directory_options::skip_permission_denied;
      for (auto it = fs::recursive_directory_iterator(path, options, error);
           it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) break;
        std::string name = it->path().filename().string();
        if (it->is_directory(error) && name.size() > 1 && name[0] == '.') {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(error) && it->path().extension() == ".py")
          found.push_back(it->path().lexically_normal().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      std::cerr << fmt::format("tvmscript: error: no such file or directory: {}\n", path);
      ok = false;
    }
  }
  return files;
}

std::optional<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

} // namespace

int runCheck(const CheckOptions &options) {
  bool ok = true;
  std::vector<std::string> paths = collectFiles(options.paths, ok);
  bool progress = paths.size() > 1 && isatty(STDERR_FILENO);
  bool color = options.color == ColorMode::Always ||
               (options.color == ColorMode::Auto && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));

  std::vector<CheckedFile> checked;
  size_t errors = 0, warnings = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (progress) std::cerr << fmt::format("\r\x1b[Kchecking [{}/{}] {}", i + 1, paths.size(), paths[i]);
    auto text = readFile(paths[i]);
    if (!text) {
      std::cerr << fmt::format("{}tvmscript: error: cannot read {}\n", progress ? "\r\x1b[K" : "", paths[i]);
      ok = false;
      continue;
    }
    Document document(std::move(*text));
    std::shared_ptr<const ScriptModel> model = document.buildModel();
    if (!model->hasScript() && model->diagnostics().empty()) continue; // not TVMScript
    CheckedFile file{paths[i], std::make_shared<SourceText>(document.source()), analyze(*model)};
    for (const Diagnostic &d : file.diagnostics) {
      errors += d.severity == Severity::Error;
      warnings += d.severity == Severity::Warning;
    }
    if (options.format == OutputFormat::Text) {
      if (progress) std::cerr << "\r\x1b[K";
      renderText(file, color, std::cout);
    }
    checked.push_back(std::move(file));
  }
  if (progress) std::cerr << "\r\x1b[K";

  switch (options.format) {
  case OutputFormat::Text:
    if (errors || warnings)
      std::cout << fmt::format("{} error{}, {} warning{} in {} file{}\n", errors, errors == 1 ? "" : "s",
                               warnings, warnings == 1 ? "" : "s", checked.size(),
                               checked.size() == 1 ? "" : "s");
    break;
  case OutputFormat::Json: std::cout << renderJson(checked); break;
  case OutputFormat::Sarif: std::cout << renderSarif(checked, TVMSCRIPT_VERSION); break;
  }
  std::cout.flush();
  if (!ok) return 2;
  return errors ? 1 : 0;
}

} // namespace tvmscript
