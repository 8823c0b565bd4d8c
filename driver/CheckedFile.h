// A file as the driver reports on it: its path, text and diagnostics.
#pragma once

#include "Diagnostic.h"
#include "SourceText.h"

#include <memory>
#include <string>
#include <vector>

namespace tvmscript {

struct CheckedFile {
  std::string path;
  std::shared_ptr<const SourceText> source;
  std::vector<Diagnostic> diagnostics;
};

} // namespace tvmscript
