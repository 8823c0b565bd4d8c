// Reading, checking and compiling one file for `compile` and `run`.
#include "CompiledScript.h"

#include "Analyze.h"
#include "Renderers.h"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace tvmscript {

CompiledScript compileFile(const std::string &path, const CompileSelection &selection,
                           const CodegenOptions &options, int &exitCode) {
  CompiledScript result;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    std::cerr << fmt::format("tvmscript: error: cannot read {}\n", path);
    exitCode = 2;
    return result;
  }
  Document document(text.str());
  result.model = document.buildModel();
  bool color = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
  CheckedFile checked{path, std::make_shared<SourceText>(document.source()), analyze(*result.model)};
  auto hasError = [](const std::vector<Diagnostic> &list) {
    return std::any_of(list.begin(), list.end(), [](const Diagnostic &d) { return d.severity == Severity::Error; });
  };
  // A module the analysis rejects never reaches code generation.
  if (hasError(checked.diagnostics)) {
    renderText(checked, color, std::cerr);
    exitCode = 1;
    return result;
  }
  if (!result.model->hasScript()) {
    std::cerr << fmt::format("tvmscript: error: {} contains no TVMScript\n", path);
    exitCode = 1;
    return result;
  }
  CompileResult compiled = compileModel(*result.model, selection, options);
  if (compiled.error) {
    std::cerr << fmt::format("tvmscript: error: {}\n", *compiled.error);
    exitCode = 2;
    return result;
  }
  checked.diagnostics = std::move(compiled.diagnostics);
  renderText(checked, color, std::cerr);
  if (!compiled.module) {
    exitCode = 1;
    return result;
  }
  result.module = std::move(compiled.module);
  exitCode = 0;
  return result;
}

} // namespace tvmscript
