// Parsing and matching of in-source diagnostic expectations.
#include "FixtureExpectations.h"

#include <fmt/format.h>
#include <regex>

namespace tvmscript {

std::vector<ExpectedDiagnostic> parseExpectations(const SourceText &source) {
  static const std::regex marker(R"(^\s*#(\s*)(\^+) (error|warning)\[([a-z-]+)\](?::\s*(.*))?$)");
  std::vector<ExpectedDiagnostic> expectations;
  int64_t codeLine = -1;
  for (uint32_t line = 0; line < source.lineCount(); ++line) {
    std::string text(source.lineText(line));
    std::smatch match;
    if (!std::regex_match(text, match, marker)) {
      codeLine = line;
      continue;
    }
    ExpectedDiagnostic expected;
    expected.line = static_cast<uint32_t>(std::max<int64_t>(codeLine, 0));
    expected.startColumn = static_cast<uint32_t>(match.position(2));
    expected.endColumn = expected.startColumn + static_cast<uint32_t>(match.length(2));
    expected.severity = match[3];
    expected.code = match[4];
    expected.messagePart = match[5];
    expected.markerLine = line;
    expectations.push_back(expected);
  }
  return expectations;
}

std::vector<std::string> compareWithExpectations(const SourceText &source,
                                                 const std::vector<Diagnostic> &diagnostics,
                                                 const std::vector<ExpectedDiagnostic> &expected) {
  std::vector<std::string> problems;
  std::vector<bool> matched(expected.size(), false);
  for (const Diagnostic &d : diagnostics) {
    uint32_t line = source.lineOf(d.range.begin);
    uint32_t start = d.range.begin - source.lineStart(line);
    // A range running past its first line is drawn to that line's end.
    uint32_t lineEnd = source.lineStart(line) + static_cast<uint32_t>(source.lineText(line).size());
    uint32_t end = std::min(d.range.end, lineEnd) - source.lineStart(line);
    bool found = false;
    for (size_t i = 0; i < expected.size() && !found; ++i) {
      const ExpectedDiagnostic &e = expected[i];
      if (matched[i] || e.line != line || e.startColumn != start || e.endColumn != end ||
          e.code != d.code || e.severity != severityName(d.severity) ||
          d.message.find(e.messagePart) == std::string::npos)
        continue;
      matched[i] = found = true;
    }
    if (!found)
      problems.push_back(fmt::format("unexpected {}[{}] at {}:{}-{}: {}", severityName(d.severity),
                                     d.code, line + 1, start + 1, end + 1, d.message));
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    if (matched[i]) continue;
    const ExpectedDiagnostic &e = expected[i];
    problems.push_back(fmt::format("missing {}[{}] at {}:{}-{} (marker on line {}){}", e.severity,
                                   e.code, e.line + 1, e.startColumn + 1, e.endColumn + 1,
                                   e.markerLine + 1,
                                   e.messagePart.empty() ? "" : ": " + e.messagePart));
  }
  return problems;
}

} // namespace tvmscript
