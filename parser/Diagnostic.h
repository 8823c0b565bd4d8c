// A diagnostic as every stage produces it: stable code, severity, byte ranges, notes and fixes.
#pragma once

#include "SourceText.h"

#include <string>
#include <string_view>
#include <vector>

namespace tvmscript {

enum class Severity { Error, Warning, Information, Hint };

/// A secondary location explaining a diagnostic ("callee parameter declared here").
struct RelatedLocation {
  Range range;
  std::string message;
};

/// One text replacement of a quick fix.
struct TextEdit {
  Range range;
  std::string newText;
};

/// A quick fix: edits that resolve the diagnostic.
struct Fix {
  std::string title;
  std::vector<TextEdit> edits;
};

struct Diagnostic {
  /// Stable identifier from SPEC §3, e.g. "undefined-name". Never renamed.
  std::string code;
  Severity severity = Severity::Error;
  Range range;
  std::string message;
  std::vector<RelatedLocation> related;
  std::vector<Fix> fixes;
};

/// "error", "warning", "note" or "hint", as compilers print them.
const char *severityName(Severity severity);

/// A diagnostic code with its one-line description, for `--help`-style listings and SARIF rules.
struct DiagnosticCode {
  std::string_view code;
  Severity severity;
  std::string_view description;
};

/// Every code this tool can emit (SPEC §3 plus the tool's own), in a stable order.
const std::vector<DiagnosticCode> &diagnosticCodes();

} // namespace tvmscript
