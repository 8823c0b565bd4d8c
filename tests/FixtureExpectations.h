// Expected diagnostics written in a fixture's comments, under the line they point at:
//     B[vi] = A[vi] + C[vi, vj]
//   #                 ^ error[undefined-name]: undefined name 'C'
#pragma once

#include "Diagnostic.h"
#include "SourceText.h"

#include <string>
#include <vector>

namespace tvmscript {

struct ExpectedDiagnostic {
  uint32_t line = 0;        // 0-based line of the code the carets sit under
  uint32_t startColumn = 0; // byte columns on that line, [start, end)
  uint32_t endColumn = 0;
  std::string severity;     // "error" or "warning"
  std::string code;
  std::string messagePart;  // must occur in the message; may be empty
  uint32_t markerLine = 0;  // where the expectation is written, for failure messages
};

/// Parses every marker comment of `source`. A marker applies to the nearest line above it
/// that is not itself a marker.
std::vector<ExpectedDiagnostic> parseExpectations(const SourceText &source);

/// Compares diagnostics with expectations; returns one line per mismatch (empty when they agree).
std::vector<std::string> compareWithExpectations(const SourceText &source,
                                                 const std::vector<Diagnostic> &diagnostics,
                                                 const std::vector<ExpectedDiagnostic> &expected);

} // namespace tvmscript
