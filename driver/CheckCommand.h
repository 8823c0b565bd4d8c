// `tvmscript check`: batch diagnostics for files and directories.
#pragma once

#include <string>
#include <vector>

namespace tvmscript {

enum class OutputFormat { Text, Json, Sarif };
enum class ColorMode { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> paths;
  OutputFormat format = OutputFormat::Text;
  ColorMode color = ColorMode::Auto;
};

/// Checks every TVMScript file under `options.paths` (directories recurse into `*.py`) and prints
/// the diagnostics. Returns the exit code: 0 no errors, 1 errors, 2 a path could not be read.
int runCheck(const CheckOptions &options);

} // namespace tvmscript
