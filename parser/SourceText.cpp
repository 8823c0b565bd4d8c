// Line table and offset/position conversion for all three encodings.
#include "SourceText.h"

#include <algorithm>

namespace tvmscript {
namespace {

/// Length in bytes of the UTF-8 sequence introduced by `lead`; invalid bytes count as one.
uint32_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

/// How many units of `encoding` the character introduced by `lead` occupies.
uint32_t unitsOf(unsigned char lead, Encoding encoding) {
  uint32_t bytes = sequenceLength(lead);
  switch (encoding) {
  case Encoding::UTF8: return bytes;
  case Encoding::UTF16: return bytes == 4 ? 2 : 1;
  case Encoding::CodePoints: return 1;
  }
  return 1;
}

} // namespace

SourceText::SourceText(std::string text) : Text(std::move(text)) { rebuildLinesFrom(0); }

void SourceText::rebuildLinesFrom(uint32_t line) {
  uint32_t start = line == 0 ? 0 : LineStarts[line];
  LineStarts.resize(line);
  LineStarts.push_back(start);
  for (size_t i = Text.find('\n', start); i != std::string::npos; i = Text.find('\n', i + 1))
    LineStarts.push_back(static_cast<uint32_t>(i + 1));
  LineAscii.resize(line);
  for (uint32_t l = line; l < LineStarts.size(); ++l) {
    std::string_view content = lineText(l);
    LineAscii.push_back(std::all_of(content.begin(), content.end(), [](char c) { return (c & 0x80) == 0; }));
  }
}

uint32_t SourceText::lineOf(uint32_t offset) const {
  auto it = std::upper_bound(LineStarts.begin(), LineStarts.end(), offset);
  return static_cast<uint32_t>(it - LineStarts.begin()) - 1;
}

uint32_t SourceText::lineStart(uint32_t line) const {
  return line < LineStarts.size() ? LineStarts[line] : size();
}

std::string_view SourceText::lineText(uint32_t line) const {
  if (line >= LineStarts.size()) return {};
  uint32_t begin = LineStarts[line];
  uint32_t end = line + 1 < LineStarts.size() ? LineStarts[line + 1] - 1 : size();
  if (end > begin && Text[end - 1] == '\r') --end;
  return std::string_view(Text).substr(begin, end - begin);
}

Position SourceText::position(uint32_t offset, Encoding encoding) const {
  offset = std::min(offset, size());
  uint32_t line = lineOf(offset);
  // Inside a line's terminator ("\r\n") is the end of the line.
  offset = std::min(offset, LineStarts[line] + static_cast<uint32_t>(lineText(line).size()));
  if (LineAscii[line]) return {line, offset - LineStarts[line]};
  uint32_t character = 0;
  for (uint32_t i = LineStarts[line]; i < offset;) {
    unsigned char lead = Text[i];
    uint32_t next = i + sequenceLength(lead);
    if (next > offset) break; // `offset` is inside this character
    character += unitsOf(lead, encoding);
    i = next;
  }
  return {line, character};
}

uint32_t SourceText::offset(Position position, Encoding encoding) const {
  if (position.line >= LineStarts.size()) return size();
  std::string_view line = lineText(position.line);
  uint32_t start = LineStarts[position.line];
  if (LineAscii[position.line]) return start + std::min<uint32_t>(position.character, static_cast<uint32_t>(line.size()));
  uint32_t units = 0;
  for (uint32_t i = 0; i < line.size();) {
    unsigned char lead = line[i];
    uint32_t width = unitsOf(lead, encoding);
    if (units + width > position.character) return start + i;
    units += width;
    i += std::min<uint32_t>(sequenceLength(lead), static_cast<uint32_t>(line.size()) - i);
  }
  return start + static_cast<uint32_t>(line.size());
}

void SourceText::replace(Range range, std::string_view replacement) {
  range.end = std::min(range.end, size());
  range.begin = std::min(range.begin, range.end);
  Text.replace(range.begin, range.end - range.begin, replacement);
  rebuildLinesFrom(lineOf(range.begin));
}

} // namespace tvmscript
