// Compiler-style text diagnostics with source lines and carets.
#include "Renderers.h"

#include <fmt/format.h>

namespace tvmscript {
namespace {

struct Style {
  bool enabled;
  std::string operator()(const char *code, std::string_view text) const {
    return enabled ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

const char *colorOf(Severity severity) {
  switch (severity) {
  case Severity::Error: return "1;31";
  case Severity::Warning: return "1;35";
  default: return "1;36";
  }
}

/// The source line of `range`'s start and a caret line under the range (clipped to that line).
void renderSnippet(const SourceText &source, Range range, const Style &style, std::ostream &out) {
  uint32_t line = source.lineOf(range.begin);
  std::string_view text = source.lineText(line);
  uint32_t start = range.begin - source.lineStart(line);
  uint32_t end = std::max(start + 1, std::min<uint32_t>(range.end - source.lineStart(line),
                                                       static_cast<uint32_t>(text.size())));
  std::string carets;
  // Keep tabs so the carets line up however the terminal expands them; one caret per code point.
  for (uint32_t i = 0; i < end && i <= text.size();) {
    unsigned char c = i < text.size() ? text[i] : ' ';
    uint32_t width = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i >= start) carets += '^';
    else carets += c == '\t' ? '\t' : ' ';
    i += width;
  }
  out << fmt::format("{:>5} | {}\n      | {}\n", line + 1, text, style("1;32", carets));
}

} // namespace

void renderText(const CheckedFile &file, bool color, std::ostream &out) {
  Style style{color};
  const SourceText &source = *file.source;
  auto location = [&](Range range) {
    Position p = source.position(range.begin, Encoding::CodePoints);
    return fmt::format("{}:{}:{}", file.path, p.line + 1, p.character + 1);
  };
  for (const Diagnostic &d : file.diagnostics) {
    out << style("1", location(d.range) + ":") << ' '
        << style(colorOf(d.severity), std::string(severityName(d.severity)) + ":") << ' '
        << style("1", d.message) << " [" << d.code << "]\n";
    renderSnippet(source, d.range, style, out);
    for (const RelatedLocation &related : d.related) {
      out << style("1", location(related.range) + ":") << ' ' << style("1;36", "note:") << ' '
          << related.message << '\n';
      renderSnippet(source, related.range, style, out);
    }
    for (const Fix &fix : d.fixes) out << "      = " << style("1;36", "fix:") << ' ' << fix.title << '\n';
  }
}

} // namespace tvmscript
